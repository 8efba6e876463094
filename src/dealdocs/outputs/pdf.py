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


def convert_to_pdf(documents: dict[str, bytes], *, timeout: int = 300) -> dict[str, bytes]:
    """Convert .docx bytes (by file name) to PDFs; returns name.pdf -> the PDF's bytes.

    LibreOffice works in a private temporary folder (the documents, its
    profile, the PDFs), removed when the conversion ends, however it ends.
    """
    executable = soffice()
    with tempfile.TemporaryDirectory(prefix="dealdocs-pdf-") as folder:
        workdir = Path(folder)
        sources = []
        for name, data in documents.items():
            source = workdir / name
            source.write_bytes(data)
            sources.append(str(source))
        profile = workdir / "profile"
        command = [executable, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(workdir), *sources]
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise UserMessageError(f"LibreOffice did not convert the documents to PDF within {timeout} seconds") from None
        results = {}
        for name in documents:
            pdf = workdir / (Path(name).stem + ".pdf")
            if completed.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
                raise UserMessageError(f"LibreOffice could not convert {name} to PDF: {completed.stderr.strip() or completed.stdout.strip()}")
            results[pdf.name] = pdf.read_bytes()
    return results
