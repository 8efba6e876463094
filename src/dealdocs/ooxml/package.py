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
import struct
import zipfile
from functools import lru_cache
from typing import Any, NamedTuple

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from dealdocs.ooxml.parts import SharedParts

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_EXTENDED_PROPERTIES = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_MAX_PROPERTY = 255  # python-docx's (and Word's) limit for a core property


def normalize_docx(data: bytes) -> bytes:
    """The same .docx with fixed zip timestamps, entry order and compression.

    [Content_Types].xml first, then the other parts by name; every entry dated
    1980-01-01 and deflated at one level, so equal content gives equal bytes.
    """
    return packed(unzipped(data))


def unzipped(data: bytes) -> dict[str, bytes]:
    """The entries of a .docx (zip entry name -> bytes), in the zip's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def stored_entries(archive: zipfile.ZipFile, data: bytes) -> dict[str, tuple[int, int, bytes]]:
    """Each entry of `archive` (opened on `data`) as stored: its method, CRC and still compressed bytes.

    Two entries stored alike hold the same content (inflating is a function of the stored bytes), found
    without inflating them: the parts a template's documents share are stored alike in each (`packed`).
    Entries stored differently may still hold the same content: read them to know.
    """
    stored = {}
    for info in archive.infolist():
        name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
        start = info.header_offset + 30 + name_length + extra_length
        stored[info.filename] = (info.compress_type, info.CRC, data[start : start + info.compress_size])
    return stored


def packed(parts: dict[str, bytes]) -> bytes:
    """A .docx of `parts` (zip entry name -> bytes), normalized as `normalize_docx` says.

    The bytes `zipfile` writes, entry by entry: each entry is zipped alone (`_entry`) and the entries are
    joined, so a part every document of a template shares (its styles: 438 KB in the bundled templates) is
    deflated once, not once for each of 5,000 notes.
    """
    ordered = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    if sum(len(data) for data in parts.values()) > _ZIP64_SAFE:  # past 2 GB zipfile writes zip64 records
        return _zipped(ordered, parts)
    locals_: list[bytes] = []
    centrals: list[bytes] = []
    offset = 0
    for name in ordered:
        data = parts[name]
        local, central = _entry(name, data) if len(data) <= _CACHED_UP_TO else _entry.__wrapped__(name, data)
        locals_.append(local)
        centrals.append(central[:_CENTRAL_OFFSET_AT] + struct.pack("<L", offset) + central[_CENTRAL_OFFSET_AT + 4:])
        offset += len(local)
    directory = b"".join(centrals)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(ordered), len(ordered), len(directory), offset, 0)
    return b"".join(locals_) + directory + end


_ZIP64_SAFE = 1 << 31
_CACHED_UP_TO = 1 << 20  # a part shared by a template's documents; an agreement's own body is larger and its own
_CENTRAL_OFFSET_AT = 42  # where a central directory record holds its entry's offset (APPNOTE 4.3.12)


@lru_cache(maxsize=64)
def _entry(name: str, data: bytes) -> tuple[bytes, bytes]:
    """The zip entry (local header and data) and its central directory record (at offset 0) for `name`,
    as `zipfile` writes it: a one-entry zip, cut where its central directory starts."""
    zipped = _zipped([name], {name: data})
    (start,) = struct.unpack_from("<L", zipped, len(zipped) - 6)
    return zipped[:start], zipped[start:-22]


def _zipped(ordered: list[str], parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


def parts_of(document: DocumentObject) -> dict[str, bytes]:
    """The entries of the .docx python-docx would save for `document` (zip entry name -> bytes), unzipped.

    What `document.save` writes, step by step as its package writer takes them, without deflating
    each entry to inflate it again: a build saves 5,000 notes. The content types and each relationships
    item are written once for each set of parts and relationships (`_content_types`, `_relationships`):
    every note of a template has the same, and writing them was a third of the rest.
    """
    package = document.part.package
    parts = package_parts(package)
    for part in parts:
        part.before_marshal()
    collected: dict[str, bytes] = {"[Content_Types].xml": _content_types(tuple((p.partname, p.content_type) for p in parts))}
    collected[PACKAGE_URI.rels_uri.membername] = _relationships(package.rels)
    for part in parts:
        collected[part.partname.membername] = part.blob if part.package is package else _shared_blob(part)
        if len(part.rels):
            collected[part.partname.rels_uri.membername] = _relationships(part.rels)
    return collected


def _shared_blob(part: Any) -> bytes:
    """The bytes of a part the document shares with its template (of the template's package: its styles, settings,
    numbering, `render.renderer`), which no render changes: written out once, not once for each of 5,000 notes
    (python-docx serializes a part's XML each time it is asked for its bytes)."""
    return _SHARED_BLOBS.get((part,), lambda: part.blob)


_SHARED_BLOBS: SharedParts[bytes] = SharedParts(64)


def save(document: DocumentObject) -> bytes:
    """The document's bytes, normalized."""
    return packed(parts_of(document))


def package_parts(package: Any) -> list[Any]:
    """python-docx's `package.parts`, in its order (depth first along the relationships), without what its walk
    leaves behind: a function that refers to itself and holds every part, so that each call kept the whole
    document alive until the next full collection."""
    found: list[Any] = []
    seen: set[int] = set()
    walking = [iter(package.rels.values())]  # a stack, not recursion: a received file may chain parts deep
    while walking:
        rel = next(walking[-1], None)
        if rel is None:
            walking.pop()
        elif not rel.is_external and id(rel.target_part) not in seen:
            seen.add(id(rel.target_part))
            found.append(rel.target_part)
            walking.append(iter(rel.target_part.rels.values()))
    return found


def release(document: DocumentObject) -> None:
    """Free a document that is done with (saved, read) at once, with its XML, rather than at the next collection.

    python-docx's package and parts refer to each other (a part to its
    package, each through their relationships to the parts they use): only
    the cyclic collector frees them, after 5,000 notes' trees have piled up
    and been scanned. Those references are dropped here; a part the document
    shares with its template (a style part, `render.renderer`) belongs to the
    template's package and is left alone. The document cannot be used after.
    """
    package = document.part.package
    for part in package_parts(package):
        if part.package is package:
            part.__dict__.pop("rels", None)
            part.__dict__.pop("_rels", None)  # python-docx keeps its relationships under both names
            part._package = None
    package.__dict__.pop("rels", None)


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
    for part in package_parts(package):
        if part.content_type == _EXTENDED_PROPERTIES:
            part._blob = app_xml
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (_CUSTOM_PROPERTIES, RT.THUMBNAIL):
            del package.rels[rel_id]


class _Typed(NamedTuple):
    partname: Any
    content_type: str


@lru_cache(maxsize=64)
def _content_types(parts: tuple[tuple[Any, str], ...]) -> bytes:
    """[Content_Types].xml for parts of these names and content types, as python-docx writes it."""
    return _ContentTypesItem.from_parts([_Typed(name, content_type) for name, content_type in parts]).blob


def _relationships(rels: Any) -> bytes:
    """The relationships item python-docx writes for `rels` (`rels.xml`), remembered by what it holds."""
    key = (rels._baseURI, tuple((rel.rId, rel.reltype, rel.is_external, rel._target if rel.is_external else rel._target.partname)
                                for rel in rels.values()))
    xml = _RELATIONSHIPS.get(key)
    if xml is None:
        if len(_RELATIONSHIPS) >= 256:
            _RELATIONSHIPS.clear()
        xml = _RELATIONSHIPS[key] = rels.xml
    return xml


_RELATIONSHIPS: dict[tuple[Any, ...], bytes] = {}
