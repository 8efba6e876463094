"""What in a Word package acts rather than reads: macros, controls, objects, links out, fields that fetch.

A firm's template is rendered into every document of every deal, and its
package goes along whole. A template may hold text, styles, tables, pictures
and hyperlinks to web pages; it may not hold, and dealdocs refuses:

- macros (a `vbaProject` part, a macro-enabled content type);
- ActiveX controls (`word/activeX/`, control relationships);
- embedded or linked objects (OLE objects, embedded packages, `altChunk` imports);
- an attached template, or any other relationship to a target outside the
  package (a linked picture, a frame, a subdocument), and a hyperlink that is
  not to a web page or an e-mail address (`file:`, a network share);
- fields that fetch or run something when the document is opened or updated
  (DDE, DDEAUTO, INCLUDETEXT, INCLUDEPICTURE, LINK, IMPORT);
- a document type declaration (`<!DOCTYPE`) in any XML part: Word never
  writes one, and its entities would stand for text (or files) the part does
  not show; rendered, the part's own escaped characters went missing ("Whitfield
  & Crane LLP" printed as "Whitfield  Crane LLP").

`active_content(path)` lists what it finds, in plain words, each naming the
part; an empty list means a plain document. It reads the package's parts and
relationships only, and never follows anything out of it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_ACTIVE_TYPES = {  # relationship type (its last segment) -> what it is
    "vbaProject": "macros",
    "control": "ActiveX controls",
    "activeXControlBinary": "ActiveX controls",
    "oleObject": "an embedded object",
    "package": "an embedded object",
    "aFChunk": "an embedded object (imported content)",
    "attachedTemplate": "an attached template",
}
_WEB_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
_DOCTYPE = re.compile(b"\0{0,3}".join(bytes([c]) for c in b"<!DOCTYPE"), re.IGNORECASE)  # UTF-8, -16 or -32 text
_FETCHING_FIELDS = re.compile(r"^\s*(DDEAUTO|DDE|INCLUDETEXT|INCLUDEPICTURE|LINK|IMPORT)\b", re.IGNORECASE)


def active_content(path: Path) -> list[str]:
    """What in the Word file at `path` would act (see the module docstring); raises on a file that is not a zip."""
    found: list[str] = []
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        for name in names:
            lowered = name.lower()
            if lowered.endswith("vbaproject.bin") or lowered.endswith("vbadata.xml"):
                found.append(f"macros ({name})")
            elif lowered.startswith("word/activex/"):
                found.append(f"ActiveX controls ({name})")
        if "[Content_Types].xml" in names:
            types = etree.fromstring(package.read("[Content_Types].xml"), _PARSER)
            for entry in types.iter(f"{{{_CONTENT_TYPES}}}Default", f"{{{_CONTENT_TYPES}}}Override"):
                if "macroenabled" in entry.get("ContentType", "").lower():
                    found.append(f"macros (a macro-enabled document type, {entry.get('ContentType')})")
        xml_parts = _xml_parts(package, names)
        for name in names:
            relationships = name.endswith(".rels")
            fields = name in xml_parts and not relationships  # every part, wherever it is and however encoded (a
            # hostile sweep: a glossary document, comments in a subfolder or in UTF-16 carried DDEAUTO through)
            if name not in xml_parts and not relationships:
                continue
            data = package.read(name)  # once, for each of the questions below
            if name in xml_parts and _DOCTYPE.search(data):
                found.append(f"a document type declaration (<!DOCTYPE>), which Word never writes ({name})")
            if relationships:
                found += _relationships(name, data)
            elif fields:
                found += _fields(name, data)
    return list(dict.fromkeys(found))


def declared_doctype(package: zipfile.ZipFile) -> str | None:
    """The first XML part of `package` that holds a document type declaration (`<!DOCTYPE`), or None.

    Word never writes one. In a Word file from outside, its entities stand for text the part does not show
    (`&amt;` for "$3,000,000.00"), which a reader that does not expand them leaves out: the checks would read a
    sentence the page does not print."""
    names = package.namelist()
    return next((name for name in sorted(_xml_parts(package, names)) if _DOCTYPE.search(package.read(name))), None)


def _xml_parts(package: zipfile.ZipFile, names: list[str]) -> set[str]:
    """The parts read as XML: each whose content type is XML ([Content_Types].xml, by its name or its ending),
    whatever the name ends with, and every .xml and .rels part; not pictures (an SVG may declare its DOCTYPE)."""
    types: dict[str, str] = {}  # "/word/document.dat" or "dat" -> content type
    if "[Content_Types].xml" in names:
        root = etree.fromstring(package.read("[Content_Types].xml"), _PARSER)
        for entry in root.iter(f"{{{_CONTENT_TYPES}}}Default", f"{{{_CONTENT_TYPES}}}Override"):
            key = entry.get("PartName", "").lower() or entry.get("Extension", "").lower()
            types[key] = entry.get("ContentType", "").lower()
    found = set()
    for name in names:
        kind = types.get("/" + name.lower()) or types.get(name.rsplit(".", 1)[-1].lower(), "")
        if kind.startswith("image/"):
            continue
        if kind.endswith("xml") or name.lower().endswith((".xml", ".rels")):
            found.add(name)
    return found


def _relationships(name: str, data: bytes) -> list[str]:
    """The active relationships of one .rels part."""
    found = []
    owner = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[: -len(".rels")])
    for rel in etree.fromstring(data, _PARSER).iter(f"{{{_PACKAGE_RELS}}}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        if kind in _ACTIVE_TYPES:
            found.append(f"{_ACTIVE_TYPES[kind]} ({owner} -> {target})")
        elif external and kind == "hyperlink":
            if not _WEB_LINK.match(target.strip()):
                found.append(f"a hyperlink to something other than a web page ({owner} -> {target})")
        elif external:
            found.append(f"an external {kind} link ({owner} -> {target})")
    return found


def rendered_fields(name: str, xml: str) -> list[str]:
    """`_fields` of a part as a template rendered it: a field's instruction may be put together by the template's
    tags (`{{ "DDE" }}AUTO ...`), which the template's own XML does not show (the hostile sweep). Every part with a
    field is parsed: its words looked for in the XML as written missed one split across runs by the template's tags
    (`{{ "D" }}D</w:instrText>...<w:instrText>EAUTO`) or written as character references (a code review)."""
    return _fields(name, xml.encode("utf-8"))


def _fields(name: str, data: bytes) -> list[str]:
    """Fields in one part that fetch or run something from outside the document, and fields whose kind another
    field computes (`{ {QUOTE 68 68 69} AUTO ... }` is DDEAUTO once updated: a code review)."""
    if b"\0" not in data[:4] and b"instrText" not in data and b"fldSimple" not in data:  # UTF-8, with no field
        return []
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return []  # no part Word reads either
    codes = [element.get(f"{{{_W}}}instr", "") for element in root.iter(f"{{{_W}}}fldSimple")]
    open_fields: list[list[str]] = []  # the instruction of each field begun and not ended, the innermost last
    for element in root.iter(f"{{{_W}}}fldChar", f"{{{_W}}}instrText"):
        if element.tag == f"{{{_W}}}instrText":
            if open_fields:
                open_fields[-1].append(element.text or "")
            else:
                codes.append(element.text or "")
            continue
        kind = element.get(f"{{{_W}}}fldCharType")
        if kind == "begin":
            open_fields.append([])
        elif kind == "end" and open_fields:
            code = "".join(open_fields.pop())
            codes.append(code)
            if open_fields:
                open_fields[-1].append(_NESTED)  # the outer field's instruction holds this one's result
    codes += ["".join(parts) for parts in open_fields]
    return [f"a field that fetches from outside ({name}: {' '.join(code.replace(_NESTED, '{...}').split())[:80]})"
            for code in codes if _FETCHING_FIELDS.match(code) or code.lstrip().startswith(_NESTED)]


_NESTED = "\x00"  # stands in an instruction for a nested field's result
