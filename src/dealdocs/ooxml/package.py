"""A Word file as a package: its properties, and bytes that are the same for the same content.

`save(document)` gives a document's bytes normalized (`normalize_docx`): fixed
zip timestamps, entry order and compression, so equal content gives equal
bytes on every run and machine. `set_properties` leaves nothing of a template's
editors in the file: core properties are set from what the caller gives, the
application is named, custom properties and the thumbnail (a picture of the
template's first page, or python-docx's stock one) are dropped. No creation or
modification date is written: the clock would make builds differ, and any date
of the deal's would be invented (a file built today is not made on the
agreement's date).
"""

from __future__ import annotations

import io
import zipfile

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_EXTENDED_PROPERTIES = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_MAX_PROPERTY = 255  # python-docx's (and Word's) limit for a core property


def normalize_docx(data: bytes) -> bytes:
    """The same .docx with fixed zip timestamps, entry order and compression.

    [Content_Types].xml first, then the other parts by name; every entry dated
    1980-01-01 and deflated at one level, so equal content gives equal bytes.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        contents = {name: source.read(name) for name in names}
    ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            target.writestr(info, contents[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


def save(document: DocumentObject) -> bytes:
    """The document's bytes, normalized."""
    out = io.BytesIO()
    document.save(out)
    return normalize_docx(out.getvalue())


def set_properties(document: DocumentObject, *, title: str, subject: str, author: str) -> None:
    """Core properties as given, nothing else: no editor, no dates, no custom properties, no thumbnail."""
    core = document.core_properties
    element = core._element
    for child in list(element):
        element.remove(child)
    core.title = title[:_MAX_PROPERTY]
    core.subject = subject[:_MAX_PROPERTY]
    core.author = author
    core.last_modified_by = author
    core.revision = 1
    app_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{author}</Application></Properties>"
    ).encode("utf-8")
    package = document.part.package
    for part in package.iter_parts():
        if part.content_type == _EXTENDED_PROPERTIES:
            part._blob = app_xml
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (_CUSTOM_PROPERTIES, RT.THUMBNAIL):
            del package.rels[rel_id]
