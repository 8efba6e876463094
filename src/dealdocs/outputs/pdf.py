"""PDF copies of built documents, through LibreOffice (`soffice --headless`).

LibreOffice works in a private temporary folder (the documents, its profile,
the PDFs), removed when the conversion ends, however it ends. Its PDFs differ
from run to run in three ways, which `reproducible` undoes:

- it stamps each with the clock's time (`/CreationDate`): the date becomes
  the document's own `dcterms:created` if a firm's file carries one, else
  1 January 1980 (the zip epoch the .docx entries carry: dealdocs writes no
  creation date, since the clock would make builds differ and a date of the
  deal's would be invented);
- it numbers the fonts it embeds in the order of where they sit in its
  memory, which now and then differs (seen on a busy machine: the bold and
  the regular face swapped): the objects are numbered again in the order
  they are reached from the file's catalog;
- its `/ID` and `/DocChecksum` are made from the clock: the ID becomes a
  digest of the rest of the file, and the checksum (LibreOffice's own, which
  no reader needs) is left out.

The same documents then give the same PDF bytes on every run with the same
LibreOffice and pypdf.
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
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from dealdocs.errors import ToolMissingError, UserMessageError
from dealdocs.findings import Finding, Location, warning

INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-liberation2, "
                "the second for Times New Roman's metric twin; macOS: brew install --cask libreoffice)")


def soffice() -> str:
    """The LibreOffice executable, or ToolMissingError saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(f"PDF output needs LibreOffice, which is not installed: {INSTALL_HINT}")


def convert_to_pdf(documents: dict[str, bytes], *, timeout: int = 300) -> dict[str, bytes]:
    """Convert .docx bytes to PDFs in one LibreOffice run; returns each name with .pdf for .docx -> the PDF's bytes.

    A name may be a path in the deal's folder ('signature-packets/at-release/priya-raman.docx'): LibreOffice
    is given each file under a number of its own (two packets of one person in two folders share a file
    name), so the PDFs are the same whatever the files are called. See also the module docstring.
    """
    from pypdf.errors import PyPdfError

    executable = soffice()
    with tempfile.TemporaryDirectory(prefix="dealdocs-pdf-") as folder:
        workdir = Path(folder)
        sources = []
        for number, data in enumerate(documents.values()):
            source = workdir / f"{number:06d}.docx"
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
        for number, name in enumerate(documents):
            pdf = workdir / f"{number:06d}.pdf"
            if completed.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
                raise UserMessageError(f"LibreOffice could not convert {name} to PDF: {completed.stderr.strip() or completed.stdout.strip()}")
            try:
                made = reproducible(pdf.read_bytes(), _created(documents[name]))
            except PyPdfError as exc:
                raise UserMessageError(f"LibreOffice wrote a PDF of {name} that cannot be read back ({exc})") from None
            results[str(PurePosixPath(name).with_suffix(".pdf"))] = made
    return results


def reproducible(pdf: bytes, created: str) -> bytes:
    """`pdf` written again (by pypdf) to be the same on every run (see the module docstring): its creation date
    `created` (14 digits, UTC); its objects numbered in the order they are reached from its trailer (its catalog,
    then its information dictionary), depth first, each dictionary's entries in the order written; its ID a digest
    of the objects. PdfReadError for a file that cannot be read, or is encrypted.

    What a reader sees is unchanged: the same values, the streams byte for byte. Objects nothing refers to and
    trailer entries but the catalog, the information dictionary and the ID are left out, and pypdf writes the
    values its own way (strings with octal escapes): the bytes depend on pypdf's version as well as
    LibreOffice's.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import IndirectObject, NameObject, NullObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        raise PdfReadError("the PDF is encrypted")
    root, info = dict.get(reader.trailer, "/Root"), dict.get(reader.trailer, "/Info")
    if isinstance(info, IndirectObject) and "/CreationDate" in info.get_object():
        info.get_object()[NameObject("/CreationDate")] = TextStringObject(f"D:{created}Z")
    numbers: dict[int, int] = {}  # number in `pdf` -> number written
    reached: list[Any] = []
    for start in (root, info):
        stack = [start]
        while stack:
            value = stack.pop()
            if isinstance(value, IndirectObject):
                if value.idnum in numbers:
                    continue
                numbers[value.idnum] = len(numbers) + 1
                value = reader.get_object(value)
                reached.append(NullObject() if value is None else value)
            stack.extend(reversed([item for _, item in _entries(value)]))

    def renumbered(value: Any) -> None:
        for key, item in _entries(value):
            if isinstance(item, IndirectObject):
                (dict.__setitem__ if isinstance(value, dict) else list.__setitem__)(
                    value, key, IndirectObject(numbers[item.idnum], 0, None))
            else:
                renumbered(item)

    out = io.BytesIO()
    out.write(pdf[: pdf.index(b"\n", pdf.index(b"\n") + 1) + 1])  # the header, and the line of binary bytes
    offsets = []
    for number, value in enumerate(reached, 1):
        renumbered(value)
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number)
        value.write_to_stream(out)
        out.write(b"\nendobj\n")
    table = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(reached) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    digest = hashlib.sha256(out.getvalue()).hexdigest()[:32].upper().encode()  # of all written so far
    out.write(b"trailer\n<<\n/Size %d\n/Root 1 0 R\n" % (len(reached) + 1))
    if isinstance(info, IndirectObject):
        out.write(b"/Info %d 0 R\n" % numbers[info.idnum])
    out.write(b"/ID [ <%s> <%s> ]\n>>\nstartxref\n%d\n%%%%EOF\n" % (digest, digest, table))
    return out.getvalue()


def _entries(value: Any) -> list[tuple[Any, Any]]:
    """(key, value) of a PDF dictionary's entries, (index, value) of an array's, none of anything else: references
    as they are written, not resolved."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if isinstance(value, DictionaryObject):
        return list(dict.items(value))
    if isinstance(value, ArrayObject):
        return list(enumerate(list.__iter__(value)))
    return []


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


# -- typefaces ---------------------------------------------------------------------------------------

_METRIC_TWINS = {  # a typeface -> those of its widths LibreOffice sets it in where it is missing, and the
    # Debian package of the first
    "timesnewroman": (("Liberation Serif", "Tinos"), "fonts-liberation2"),
    "arial": (("Liberation Sans", "Arimo"), "fonts-liberation2"),
    "couriernew": (("Liberation Mono", "Cousine"), "fonts-liberation2"),
    "calibri": (("Carlito",), "fonts-crosextra-carlito"),
    "cambria": (("Caladea",), "fonts-crosextra-caladea"),
    "symbol": (("OpenSymbol",), None),
    "wingdings": (("OpenSymbol",), None),
}
_SYMBOL_FONTS = ("symbol", "wingdings")  # the bullets' typefaces: not the one a reader misses


def _alike(family: str) -> tuple[str, ...]:
    """`family` and its metric twins, squeezed (`_squeezed`)."""
    squeezed = _squeezed(family)
    twins, _ = _METRIC_TWINS.get(squeezed, ((), None))
    return (squeezed, *map(_squeezed, twins))


_FONT_ATTRIBUTES = tuple(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{name}"
                         for name in ("ascii", "hAnsi", "cs", "eastAsia"))
_THEME_FONT = "{http://schemas.openxmlformats.org/drawingml/2006/main}latin"


def substituted_fonts(documents: dict[str, bytes], pdfs: dict[str, bytes]) -> list[Finding]:
    """DD152 (see `dealdocs.pipeline`) for each PDF set in a typeface its Word file does not ask for, nor a metric
    twin of one it asks for: LibreOffice lacked the file's typeface and used another, of other widths, so the
    PDF's lines and pages break where Word's do not. `documents` by .docx name, `pdfs` by .pdf name
    (`convert_to_pdf`).

    The PDFs of files asking for the same typefaces are set alike: one of each is read, and its finding names
    the others.
    """
    alike: dict[frozenset[str], list[tuple[str, set[str]]]] = {}
    for name, docx in documents.items():
        pdf_name = str(PurePosixPath(name).with_suffix(".pdf"))
        if pdf_name in pdfs:
            named, themed = _asked_fonts(docx)
            alike.setdefault(frozenset(_squeezed(f) for f in named | themed), []).append((pdf_name, named))
    found: list[Finding] = []
    for key, group in alike.items():
        pdf_name, named = group[0]
        allowed = tuple(font for family in key for font in _alike(family))
        embedded = _embedded_fonts(pdfs[pdf_name])
        faces = [_squeezed(face) for face in embedded]
        other = sorted(face for face in embedded if not _squeezed(face).startswith(allowed))
        if not other:
            continue
        lacked = sorted(family for family in named if not _squeezed(family).startswith(_SYMBOL_FONTS)
                        and not any(face.startswith(_alike(family)) for face in faces)) or sorted(named)
        others = [name for name, _ in group[1:]]
        also = (f" So are the PDFs of {len(others)} other file(s) in the same typefaces: {', '.join(others[:3])}"
                + (f" and {len(others) - 3} more." if len(others) > 3 else ".") if others else "")
        twins = [f"for {family}, {_METRIC_TWINS[_squeezed(family)][0][0]}, apt-get install {package}"
                 for family in lacked if (package := _METRIC_TWINS.get(_squeezed(family), ((), None))[1])]
        found.append(warning(
            "DD152", f"set in {', '.join(other)}: this machine lacks {' and '.join(lacked) or 'the typeface'}, which "
            "the Word file asks for, and LibreOffice used another face, of other widths, so the PDF's lines and "
            f"pages break where Word's do not (the Word file itself is as it should be).{also} Install "
            f"{' and '.join(lacked) or 'it'}" + (f" (or its metric twin: {'; '.join(twins)})" if twins else "")
            + " and build again.", Location(document=pdf_name)))
    return found


def _squeezed(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _asked_fonts(docx: bytes) -> tuple[set[str], set[str]]:
    """The typefaces a .docx names (its runs, styles, lists, headers and footers), and those of its theme."""
    named: set[str] = set()
    themed: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            for part in package.namelist():
                if not (part.startswith("word/") and part.endswith(".xml")):
                    continue
                root = etree.fromstring(package.read(part))
                if part.startswith("word/theme/"):
                    themed.update(e.get("typeface", "") for e in root.iter(_THEME_FONT))
                    continue
                for element in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts"):
                    named.update(element.get(attribute, "") for attribute in _FONT_ATTRIBUTES)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return set(), set()
    return {n for n in named if _squeezed(n)}, {n for n in themed if _squeezed(n)}


def _embedded_fonts(pdf: bytes) -> set[str]:
    """The typefaces a PDF's pages are set in, as named there without the subset's tag ("LiberationSerif-Bold")."""
    from pypdf import PdfReader

    faces: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for font in fonts.values():
            faces.add(str(font.get_object().get("/BaseFont", "")).lstrip("/").split("+")[-1])
    return {face for face in faces if face}
