"""The XML parts of a Word package, read straight from its zip for the text reader.

`dealdocs.ooxml.text.read` needs the main document, its numbering and styles,
its headers, footers and notes: opening the package with python-docx parses
every part it knows (a styles part is often 300 KB or more) and builds its
objects, which is most of the time `lint` spends reading a file. `open_parts`
reads only what is asked for, as python-docx would parse it: the parts
python-docx knows with its parser settings, the others as `text.py` parses
them. It gives None for anything but a plain, well-formed Word document
(another content type, a broken zip or relationship, a part too large), and
the caller then opens the file with python-docx, which refuses it with the
message it always gave.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import IO, Any, Generic, Optional, TypeVar, Union
from urllib.parse import unquote

from lxml import etree

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
KNOWN_TYPES = frozenset(  # the parts python-docx parses itself (XmlPart), with its parser
    "application/vnd.openxmlformats-officedocument.wordprocessingml." + kind
    for kind in ("document.main+xml", "footer+xml", "header+xml", "numbering+xml", "settings+xml", "styles+xml",
                 "comments+xml")
)
_MAX_PART = 64 * 1024 * 1024
# python-docx's parser (docx.oxml.parser), with no network or DTD: the same tree for the parts it knows.
KNOWN_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, load_dtd=False)

Source = Union[str, "os.PathLike[str]", bytes, IO[bytes]]
T = TypeVar("T")


class SharedParts(Generic[T]):
    """What is made of parts a document shares with its template (the styles, numbering and settings the notes of a
    deal share: `render.renderer`), made once for all of them, by the parts' ids. The parts are kept with it, so that
    their ids name no other parts while it is here; it is emptied when it holds `bound` (a run renders few templates)."""

    def __init__(self, bound: int):
        self._bound = bound
        self._kept: dict[tuple[int, ...], tuple[tuple[Any, ...], T]] = {}

    def get(self, parts: tuple[Any, ...], make: Callable[[], T]) -> T:
        """What `make` makes of `parts`, made the first time they are asked for."""
        key = tuple(id(part) for part in parts)
        kept = self._kept.get(key)
        if kept is None:
            if len(self._kept) >= self._bound:
                self._kept.clear()
            kept = self._kept[key] = (parts, make())
        return kept[1]


@dataclass
class Parts:
    """A Word package's main document and what it relates to, read on demand."""

    archive: zipfile.ZipFile
    names: dict[str, str]  # lower-case part name -> name in the zip
    types: dict[str, str]  # lower-case part name -> content type
    main: str
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (rId, type's last word, part name)

    def xml(self, name: str, other_parser: etree.XMLParser) -> Optional[etree._Element]:
        """The root of part `name`, parsed as python-docx parses it when it knows it, else with `other_parser`."""
        data = self.blob(name)
        if data is None:
            return None
        parser = KNOWN_PARSER if self.types.get(name.lower()) in KNOWN_TYPES else other_parser
        return etree.fromstring(data, parser)

    def blob(self, name: str) -> Optional[bytes]:
        return read_part(self.archive, self.names, name)

    def first(self, kind: str) -> Optional[str]:
        """The part the main document relates to as `kind` ("numbering", "styles"), first in its relationships."""
        return next((name for _, k, name in self.related if k == kind), None)

    def by_id(self, rid: str) -> Optional[str]:
        return next((name for r, _, name in self.related if r == rid), None)


def open_parts(source: Source) -> Optional[Parts]:
    """The parts of the Word document at `source` (a path, bytes or an open binary file), or None."""
    try:
        if isinstance(source, (bytes, bytearray)):
            source = io.BytesIO(bytes(source))
        archive = zipfile.ZipFile(source if not isinstance(source, os.PathLike) else os.fspath(source))
        names = {name.lower(): name for name in archive.namelist()}
        types = _content_types(archive, names)
        main = _relationships(archive, names, "")
        document = next((name for _, kind, name in main if kind == "officeDocument"), None)
        if document is None or types.get(document.lower()) != _MAIN:
            return None
        return Parts(archive, names, types, document, _relationships(archive, names, document))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError, RuntimeError,
            NotImplementedError, etree.XMLSyntaxError):  # fmt: skip
        return None


def read_part(archive: zipfile.ZipFile, names: dict[str, str], name: str) -> Optional[bytes]:
    """The bytes of part `name` (names compared without case, as OPC does), None if absent; ValueError if too large."""
    real = names.get(name.lower())
    if real is None:
        return None
    with archive.open(real) as stream:
        data = stream.read(_MAX_PART + 1)
    if len(data) > _MAX_PART:
        raise ValueError(f"{name} is too large")
    return data


def _content_types(archive: zipfile.ZipFile, names: dict[str, str]) -> dict[str, str]:
    """Each part's content type: its override, else its extension's default."""
    data = read_part(archive, names, "[Content_Types].xml")
    if data is None:
        raise ValueError("no content types")
    root = etree.fromstring(data, KNOWN_PARSER)
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iterfind(f"{{{_CT}}}Default")}
    types = {name: defaults.get(posixpath.splitext(name)[1][1:], "") for name in names}
    for override in root.iterfind(f"{{{_CT}}}Override"):
        types[(override.get("PartName") or "").lstrip("/").lower()] = override.get("ContentType", "")
    return types


def _relationships(archive: zipfile.ZipFile, names: dict[str, str], source: str) -> list[tuple[str, str, str]]:
    """(rId, the type's last word, part name) of each internal relationship of part `source` ("" for the package)."""
    folder, base = posixpath.split(source)
    data = read_part(archive, names, posixpath.join(folder, "_rels", f"{base}.rels"))
    if data is None:
        return []
    found = []
    for relationship in etree.fromstring(data, KNOWN_PARSER).iterfind(f"{{{_REL}}}Relationship"):
        if (relationship.get("TargetMode") or "").lower() == "external":
            continue
        target = unquote(relationship.get("Target") or "")
        kind = (relationship.get("Type") or "").rsplit("/", 1)[-1]
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        found.append((relationship.get("Id") or "", kind, posixpath.normpath(path).lstrip("/")))
    return found
