"""PDF copies of built documents, through LibreOffice (`soffice --headless`).

LibreOffice works in a private temporary folder (the documents, its profile,
the PDFs), removed when the conversion ends, however it ends. It stamps each
PDF with the clock's time (`/CreationDate`) and an `/ID` and a `/DocChecksum` made from it; all
are rewritten, in place and at the same length so that the file's offsets
hold: the date becomes the document's own `dcterms:created` if a firm's
file carries one, else 1 January 1980 (the zip epoch the .docx entries carry:
dealdocs writes no creation date, since the clock would make builds differ
and a date of the deal's would be invented), the ID and checksum a digest of
the rest of the file. The same documents then give the same PDF bytes on every run with the
same LibreOffice.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

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
    """Convert .docx bytes (by file name) to PDFs; returns name.pdf -> the PDF's bytes (see the module docstring)."""
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
            completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                       env={**os.environ, "TZ": "UTC"})  # its date in one form, "Z"
        except subprocess.TimeoutExpired:
            raise UserMessageError(f"LibreOffice did not convert the documents to PDF within {timeout} seconds") from None
        results = {}
        for name in documents:
            pdf = workdir / (Path(name).stem + ".pdf")
            if completed.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
                raise UserMessageError(f"LibreOffice could not convert {name} to PDF: {completed.stderr.strip() or completed.stdout.strip()}")
            results[pdf.name] = reproducible(pdf.read_bytes(), _created(documents[name]))
    return results


_CREATION_DATE = re.compile(rb"/CreationDate\(D:(\d{14})([^)]*)\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def reproducible(pdf: bytes, created: str) -> bytes:
    """`pdf` with its creation date set to `created` (14 digits, UTC) and its ID a digest of the rest, at the same length."""

    def date(match: re.Match) -> bytes:
        zone = match.group(2)
        zone = b"Z" + b"'" * (len(zone) - 1) if zone.startswith(b"Z") else re.sub(rb"\d", b"0", zone.replace(b"-", b"+"))
        return b"/CreationDate(D:" + created.encode() + zone + b")"

    pdf = _CREATION_DATE.sub(date, pdf)
    blank = _CHECKSUM.sub(lambda m: _with_digits(m, b"0" * 64), _ID.sub(lambda m: _with_digits(m, b"0" * 64), pdf))
    digest = hashlib.sha256(blank).hexdigest().upper().encode()
    return _CHECKSUM.sub(lambda m: _with_digits(m, digest), _ID.sub(lambda m: _with_digits(m, digest), pdf))


def _with_digits(match: re.Match, digits: bytes) -> bytes:
    """The match with each of its groups (hexadecimal digits) replaced by as many of `digits`."""
    text, start = match.group(0), match.start()
    pieces, last = [], 0
    for group in range(1, (match.re.groups or 0) + 1):
        begin, end = (at - start for at in match.span(group))
        pieces += [text[last:begin], digits[: end - begin]]
        last = end
    return b"".join(pieces) + text[last:]


def _created(docx: bytes) -> str:
    """The document's `dcterms:created` as 14 digits (YYYYMMDDHHMMSS), or 1980-01-01 without one."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = etree.fromstring(package.read("docProps/core.xml"))
        text = core.findtext("{http://purl.org/dc/terms/}created") or ""
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        text = ""
    digits = re.sub(r"\D", "", text)[:14]
    return digits if len(digits) == 14 else "19800101000000"
