"""Reading a template's Word XML as docxtpl will: its parts, the tags in its text, and tags Word split (DD309).

See the package docstring for how split tags are judged.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from dealdocs import words
from dealdocs.findings import Severity
from dealdocs.ooxml.xml import NS, PACKAGE_RELATIONSHIPS, R, qn, top_paragraphs

# ---------------------------------------------------------------- Word XML

_NS = NS
_REL_NS = PACKAGE_RELATIONSHIPS
_OFFICE_DOCUMENT = f"{R}/officeDocument"
_R = f"{R}/"
_RENDERED_PARTS = {_R + "header": "header", _R + "footer": "footer", _R + "footnotes": "footnotes"}
"""The parts docxtpl renders besides the body (by relationship type), and what the messages call them."""


def _w(name: str) -> str:
    return qn(f"w:{name}")


_P, _T, _RUN, _RPR, _TR, _TC = (_w(n) for n in ("p", "t", "r", "rPr", "tr", "tc"))
_TEXTS = etree.XPath(".//w:t[not(ancestor::mc:Fallback)]", namespaces=_NS)
_ALL_TEXTS = etree.XPath(
    ".//*[self::w:t or self::w:delText or self::w:instrText][not(ancestor::mc:Fallback)]", namespaces=_NS
)
_HIDDEN_TEXT = {_w("delText"): "text deleted with track changes", _w("instrText"): "a field code"}
_GO_BACK_IDS = etree.XPath(".//w:bookmarkStart[@w:name='_GoBack']/@w:id", namespaces=_NS)
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's settings


class Part(NamedTuple):
    label: str | None  # None for the body; else "header", "footer", "footnotes"
    root: etree._Element  # w:body, or the part's root element


def read_parts(path: Path) -> list[Part]:
    """The body and the headers, footers and footnotes docxtpl renders, parsed; raises on a non-Word file."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        main = _main_part_name(package, names)
        document = etree.fromstring(package.read(main), _PARSER)
        body = document.find(_w("body"))
        if body is None:
            raise ValueError(f"{main} has no body")
        parts = [Part(None, body)]
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        if rels_name in names:
            rels = etree.fromstring(package.read(rels_name), _PARSER)
            for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
                label = _RENDERED_PARTS.get(rel.get("Type", ""))
                target = posixpath.normpath(posixpath.join(posixpath.dirname(main), rel.get("Target", "")))
                if label and rel.get("TargetMode") != "External" and target in names:
                    parts.append(Part(label, etree.fromstring(package.read(target), _PARSER)))
    return parts


def _main_part_name(package: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" in names:
        rels = etree.fromstring(package.read("_rels/.rels"), _PARSER)
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == _OFFICE_DOCUMENT:
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _innermost(element: etree._Element, tag: str) -> etree._Element | None:
    return next(element.iterancestors(tag), None)


# ---------------------------------------------------------------- tags in the text

_OPENERS = re.compile(r"\{\{|\{%|\{#")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_DOCXTPL_PREFIX = re.compile(r"(\{\{|\{%|\{#)(tr|tc|p|r) ")
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


@dataclass
class _Piece:
    element: etree._Element  # a w:t (or the w:delText, w:instrText holding a hidden tag)
    start: int  # where its text starts in the part's joined text
    position: int = 0  # its place among the part's text elements, in document order


@dataclass
class Tag:
    text: str  # as typed, delimiters included (to the end of the part when never closed)
    start: int
    pieces: list[_Piece]
    paragraph: int | None
    closed: bool
    source: str = ""  # the Jinja source docxtpl hands to Jinja for it
    prefix: str = ""  # docxtpl's "p", "tr", "tc" or "r", if any
    hidden: str = ""  # what Word shows it as, when it is not text: "a field code"...

    @property
    def kind(self) -> str:
        return self.text[:2]

    def shown(self, limit: int = 80) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def scan(part: Part) -> list[Tag]:
    """Every Jinja tag of a part, with the ``w:t`` elements it spans, in document order.

    The text Word shows (``w:t``) is one stream, as docxtpl joins it. Jinja
    also renders tags in text Word does not show as text, tracked deletions
    and field codes: each such element is read on its own.
    """
    numbers = {}
    if part.label is None:
        numbers = {p: n for n, p in enumerate(top_paragraphs(part.root), 1)}  # docxtext's numbering
    pieces: list[_Piece] = []
    chunks: list[str] = []
    found: list[tuple[int, Tag]] = []  # (document position, tag)
    offset = 0
    for position, element in enumerate(_ALL_TEXTS(part.root)):
        if element.tag == _T:
            pieces.append(_Piece(element, offset, position))
            chunks.append(element.text or "")
            offset += len(element.text or "")
        elif "{" in (element.text or ""):
            own = [_Piece(element, 0, position)]
            for tag in _tags_in(element.text, own, lambda _b, _e: own, numbers):
                tag.hidden = _HIDDEN_TEXT[element.tag]
                found.append((position, tag))
    starts = [p.start for p in pieces]
    text = "".join(chunks)
    found += [(t.pieces[0].position, t) for t in _tags_in(text, pieces, lambda b, e: _spanned(pieces, starts, b, e),
                                                           numbers)]
    return [tag for _, tag in sorted(found, key=lambda item: item[0])]


def _tags_in(text: str, pieces: list[_Piece], spanned: Callable[[int, int], list[_Piece]],
             numbers: dict) -> Iterator[Tag]:
    """The tags of a text as docxtpl finds them: from an opening delimiter to the first closing one."""
    position = 0
    while True:
        opening = _OPENERS.search(text, position)
        if opening is None:
            return
        begin = opening.start()
        closing = text.find(_CLOSER[opening.group()], begin + 2)
        end = len(text) if closing < 0 else closing + 2
        covered = spanned(begin, end)
        outer = None
        for ancestor in covered[0].element.iterancestors(_P):
            outer = ancestor
        yield Tag(text[begin:end], begin, covered, numbers.get(outer), closing >= 0)
        position = end


def _spanned(pieces: list[_Piece], starts: list[int], begin: int, end: int) -> list[_Piece]:
    """The pieces whose text lies in [begin, end), empty ones inside it included (docxtpl strips them too)."""
    result = []
    for piece in pieces[max(bisect.bisect_right(starts, begin) - 1, 0) :]:
        if piece.start >= end:
            break
        length = len(piece.element.text or "")
        if (length and piece.start + length > begin) or (not length and piece.start > begin):
            result.append(piece)
    return result


def prepare_tag(tag: Tag) -> str | None:
    """Set the tag's Jinja source as docxtpl hands it over; a reason docxtpl cannot read it, if any."""
    source = tag.text.replace("\r", " ").replace("\n", " ")
    if tag.kind != "{#":
        source = source.translate(_SMART_QUOTES)
    problem = None
    prefix = _DOCXTPL_PREFIX.match(source)
    if prefix:
        tag.prefix = prefix.group(2)
        body = source[prefix.end() : -2] if tag.closed else source[prefix.end() :]
        if tag.closed and ("%" in body or "}" in body) and tag.prefix != "r":
            problem = (f"docxtpl cannot read '{tag.shown()}': a {{%{tag.prefix} %}} tag may not hold "
                       "'%' or '}' (write the condition without them)")
            tag.prefix = ""  # docxtpl leaves it in place: it replaces no paragraph
        source = prefix.group(1) + " " + source[prefix.end() :]
    word = first_word(source)
    if tag.kind == "{%" and word in ("colspan", "cellbg"):
        source = "{{ " + source[2:].strip().removesuffix("%}").strip()[len(word) :] + " }}"
    elif tag.kind == "{%" and word in ("vm", "hm"):
        source = "{{ loop.first }}"
    tag.source = source
    return problem


def first_word(source: str) -> str:
    match = re.match(r"\{[%{#][-+]?\s*([A-Za-z_]\w*)", source)
    return match.group(1) if match else ""


# ---------------------------------------------------------------- split tags (DD309)

_CONTAINERS = {
    "hyperlink": "a hyperlink", "ins": "a tracked insertion", "del": "a tracked deletion",
    "moveTo": "a tracked move", "moveFrom": "a tracked move", "sdt": "a content control",
    "sdtContent": "a content control", "fldSimple": "a field", "smartTag": "a smart tag",
    "customXml": "custom XML markup", "dir": "right-to-left text", "bdo": "right-to-left text",
}  # fmt: skip
_DELETED_BROKEN = {
    "fldSimple": "a field", "drawing": "a picture",
    "pict": "a picture", "object": "an embedded object", "AlternateContent": "a picture or shape",
    "footnoteReference": "a footnote reference", "endnoteReference": "an endnote reference",
    "sdt": "a content control",
}  # fmt: skip
_DELETED_VISIBLE = {
    "tab": "a tab", "ptab": "a tab", "br": "a line break", "cr": "a line break", "sym": "a symbol",
    "noBreakHyphen": "a non-breaking hyphen", "bookmarkStart": "a bookmark", "bookmarkEnd": "a bookmark",
    "commentRangeStart": "a comment", "commentRangeEnd": "a comment", "commentReference": "a comment",
    "permStart": "an editing permission", "permEnd": "an editing permission",
}  # fmt: skip
_DELETED_SILENTLY = {"r", "t", "proofErr", "lastRenderedPageBreak", "softHyphen", "ins", "moveTo", "hyperlink",
                     "smartTag", "customXml", "dir", "bdo"}
_SKIPPED_SUBTREES = {"rPr", "del", "moveFrom", "smartTagPr", "customXmlPr", "sdtPr", "sdtEndPr"}
_FORMAT_IGNORED = {_w("lang"), _w("noProof"), _w("rPrChange"), _w("webHidden")}
_FORMAT_NAMES = {
    "b": "bold", "bCs": "bold", "i": "italic", "iCs": "italic", "u": "underline", "strike": "strikethrough",
    "dstrike": "strikethrough", "caps": "capitals", "smallCaps": "small capitals", "color": "colour",
    "sz": "size", "szCs": "size", "rFonts": "font", "highlight": "highlighting", "shd": "shading",
    "vertAlign": "superscript or subscript", "rStyle": "character style", "vanish": "hidden text",
    "spacing": "character spacing", "position": "raised or lowered text", "w": "character width",
    "kern": "kerning", "emboss": "embossing", "imprint": "engraving", "outline": "outline", "shadow": "shadow",
}  # fmt: skip


class Order:
    """Document order of a part's elements, computed once and only when a split tag needs it."""

    def __init__(self, root: etree._Element):
        self.elements = [el for el in root.iter() if isinstance(el.tag, str)]
        self.index = {el: i for i, el in enumerate(self.elements)}
        self.go_back = set(_GO_BACK_IDS(root))


def _last_descendant(element: etree._Element) -> etree._Element:
    children = [c for c in element if isinstance(c.tag, str)]
    while children:
        element = children[-1]
        children = [c for c in element if isinstance(c.tag, str)]
    return element


def split_finding(tag: Tag, order: Callable[[], Order]) -> tuple[Severity, str] | None:
    """Whether and how a tag spanning several ``w:t`` elements fails to render as Word shows it."""
    first, last = tag.pieces[0].element, tag.pieces[-1].element
    if first is last:
        return None
    shown = tag.shown()
    p_first, p_last = _innermost(first, _P), _innermost(last, _P)
    if p_first is not p_last:
        cell = _innermost(first, _TC) is not _innermost(last, _TC)
        where = "another table cell" if cell else "the next paragraph"
        return Severity.ERROR, (f"'{shown}' runs on into {where}: a tag must sit within one paragraph "
                                "(docxtpl would join the paragraphs). Retype it on one line")
    chain_first = [_local(a) for a in reversed(list(_ancestors_below(first, p_first)))]
    chain_last = [_local(a) for a in reversed(list(_ancestors_below(last, p_last)))]
    if chain_first != chain_last:
        depth = next((k for k, (a, b) in enumerate(zip(chain_first, chain_last)) if a != b),
                     min(len(chain_first), len(chain_last)))
        at_depth = [chain[depth] for chain in (chain_first, chain_last) if depth < len(chain)]
        what = next((_CONTAINERS[name] for name in at_depth if name in _CONTAINERS), "Word markup")
        return Severity.ERROR, (f"part of '{shown}' is inside {what} and part is not: rendering would produce a "
                                "broken document. Retype the whole tag inside it or outside it")
    broken: list[str] = []
    visible: list[str] = []
    field_marks: list[str] = []
    pieces = {piece.element for piece in tag.pieces}
    structure = {a for piece in tag.pieces for a in _ancestors_below(piece.element, p_first)}
    parts = order()
    i, stop = parts.index[first] + 1, parts.index[last]
    while i < stop:
        element = parts.elements[i]
        name = _local(element)
        skip = False
        if element in pieces or element in structure:
            if name in _DELETED_BROKEN:  # a second content control or field the tag runs into
                broken.append(_DELETED_BROKEN[name])
        elif name in _SKIPPED_SUBTREES:
            skip = True
        elif name in ("fldChar", "instrText"):
            field_marks.append(element.get(_w("fldCharType"), "code"))
        elif name in _DELETED_BROKEN:
            broken.append(_DELETED_BROKEN[name])
            skip = True
        elif name in _DELETED_SILENTLY or (name.startswith("bookmark") and element.get(_w("id")) in parts.go_back):
            pass  # invisible, or Word's own last-edit bookmark
        else:
            visible.append(_DELETED_VISIBLE.get(name, f"Word markup ({name})"))
        i = parts.index[_last_descendant(element)] + 1 if skip else i + 1
    if field_marks:  # a whole field inside the tag is dropped with it; half of one breaks the document
        whole = field_marks.count("begin") == field_marks.count("end") > 0
        (visible if whole else broken).append("a field" if whole else "part of a field")
    hidden_delimiter = _delimiter_hidden(tag, parts)
    if hidden_delimiter:
        return Severity.ERROR, (f"the {hidden_delimiter} of '{shown}' is split by deleted text (a tracked "
                                "deletion): docxtpl will not see the tag and would print it as typed")
    if broken:
        return Severity.ERROR, (f"'{shown}' has {_join(broken)} inside it, which rendering would delete. "
                                "Move it out of the tag")
    formats = _format_change(tag)
    if not formats and not visible:
        return None
    said = []
    if formats:
        said.append(f"'{shown}' changes formatting inside the tag ({formats}): the printed value takes the "
                    "formatting of the tag's first part")
    if visible:
        subject = "it" if said else f"'{shown}'"
        said.append(f"{subject} has {_join(visible)} inside it, which rendering drops")
    return Severity.WARNING, "; ".join(said) + ". Select the whole tag and retype or reformat it at once"


def _ancestors_below(element: etree._Element, top: etree._Element) -> Iterator[etree._Element]:
    for ancestor in element.iterancestors():
        if ancestor is top:
            return
        yield ancestor


def _delimiter_hidden(tag: Tag, parts: Order) -> str | None:
    """'opening {{' when a delimiter's two characters sit in different w:t with hidden text (a deletion) between."""
    checks = [("opening " + tag.kind, tag.start)]
    if tag.closed:
        checks.append(("closing " + tag.text[-2:], tag.start + len(tag.text) - 2))
    for what, at in checks:
        left, right = _holder(tag, at), _holder(tag, at + 1)
        if left is None or right is None or left is right:
            continue
        for element in parts.elements[parts.index[left.element] + 1 : parts.index[right.element]]:
            if _local(element) in ("delText", "instrText", "delInstrText") and (element.text or "").strip():
                return what
    return None


def _holder(tag: Tag, offset: int) -> _Piece | None:
    return next((p for p in tag.pieces if p.start <= offset < p.start + len(p.element.text or "")), None)


def _format_key(run: etree._Element | None) -> frozenset:
    properties = run.find(_RPR) if run is not None else None
    if properties is None:
        return frozenset()
    return frozenset(
        (child.tag, tuple(sorted((k, v) for k, v in child.attrib.items() if "rsid" not in k)))
        for child in properties
        if isinstance(child.tag, str) and child.tag not in _FORMAT_IGNORED
    )


def _format_change(tag: Tag) -> str:
    """The formatting that differs between the visible parts of a tag, in words ('' when none)."""
    keys = [_format_key(p.element.getparent()) for p in tag.pieces if (p.element.text or "").strip()]
    changed: list[str] = []
    for key in keys[1:]:
        for element_tag, _ in key ^ keys[0]:
            local = element_tag.rsplit("}", 1)[-1]
            name = _FORMAT_NAMES.get(local, local)
            if name not in changed:
                changed.append(name)
    return ", ".join(changed)


def _join(items: list[str]) -> str:
    unique = list(dict.fromkeys(items))
    return words.join_and(unique)


_CONTAINER_TAGS = {"tr": _TR, "tc": _TC, "p": _P}


def dropped_tags(tags: list[Tag]) -> set[int]:
    """The tags docxtpl throws away with the rest of a paragraph, row or cell that a `{%p %}`-style tag replaces.

    As in its patch_xml: rows first, then cells, then paragraphs, and the first
    such tag in a container wins.
    """
    dropped: set[int] = set()
    for prefix, container_tag in _CONTAINER_TAGS.items():
        for index, tag in enumerate(tags):
            if index in dropped or tag.prefix != prefix or not tag.closed:
                continue
            container = _innermost(tag.pieces[0].element, container_tag)
            if container is None:
                continue
            for other, candidate in enumerate(tags):
                if other != index and other not in dropped and any(
                    a is container for a in candidate.pieces[0].element.iterancestors(container_tag)
                ):
                    dropped.add(other)
    return dropped


def placement_problem(tag: Tag) -> str | None:
    """A docxtpl paragraph, row or cell tag that does not stand alone in its paragraph, row or cell."""
    if tag.prefix not in ("p", "tr", "tc") or not tag.closed:
        return None
    element = tag.pieces[0].element
    container = _innermost(element, _CONTAINER_TAGS[tag.prefix])
    what = {"p": "paragraph", "tr": "table row", "tc": "table cell"}[tag.prefix]
    if container is None:
        return f"'{tag.shown()}' must be inside a {what}: docxtpl would swallow the text around it"
    text = "".join(t.text or "" for t in _TEXTS(container))
    rest = " ".join(text.replace(tag.text, " ", 1).split())
    if rest:
        rest = rest if len(rest) <= 60 else rest[:59] + "\u2026"
        return (f"'{tag.shown()}' shares its {what} with other text ('{rest}'), which is never printed: docxtpl "
                f"replaces the whole {what} with the tag. Give the tag a {what} of its own")
    return None


