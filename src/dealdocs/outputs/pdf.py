"""PDF copies of built documents, through LibreOffice (`soffice --headless`)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dealdocs.errors import ToolMissingError, UserMessageError

INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice)"


def soffice() -> str:
    """The LibreOffice executable, or ToolMissingError saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(f"PDF output needs LibreOffice, which is not installed: {INSTALL_HINT}")


def convert_to_pdf(documents: dict[str, bytes], *, timeout: int = 300) -> dict[str, Path]:
    """Convert .docx bytes (by file name) to PDFs in a temporary folder; returns name.pdf -> path."""
    executable = soffice()
    workdir = Path(tempfile.mkdtemp(prefix="dealdocs-pdf-"))
    sources = []
    for name, data in documents.items():
        source = workdir / name
        source.write_bytes(data)
        sources.append(str(source))
    profile = workdir / "profile"
    command = [executable, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(workdir), *sources]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    results = {}
    for name in documents:
        pdf = workdir / (Path(name).stem + ".pdf")
        if completed.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            raise UserMessageError(f"LibreOffice could not convert {name} to PDF: {completed.stderr.strip() or completed.stdout.strip()}")
        results[pdf.name] = pdf
    return results
