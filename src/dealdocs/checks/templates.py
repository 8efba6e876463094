"""Checking Word templates without rendering them, the fields they use, and the guide to editing them.

`check_templates` reads each template's XML the way docxtpl will read it at
render time and reports what would go wrong, located by template file and
paragraph (numbered as `dealdocs.docxtext.paragraphs` numbers them: every
top-level paragraph of the body, table cells included, from 1). A tag in a
header, footer or footnote is located by its template and the part named in
the message. Nothing is rendered and no term sheet is needed: a field is
checked against the term sheet model (`dealdocs.termsheet.model`), not against a deal's
values.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD308 | error    | a filter or test that does not exist: `amount_txt`, `map("lnog_date")`, `is defind` (with the nearest one that does) |
| DD309 | error    | a tag Word's structure breaks: split into another paragraph or cell, half inside a hyperlink or field, or a `{%p %}`/`{%tr %}` tag sharing its paragraph or row; a tag typed with a change of formatting, a bookmark or a tab inside it renders, not quite as Word shows it, and is a warning |

It also reports, with the codes rendering uses for the same mistakes (see the
table in `dealdocs.render.renderer`): DD302 a file that is not a Word document; DD303 a
field or name the term sheet model does not have (`company.nmae`, suggesting
`company.name`), or `loop` outside a loop; DD304 Jinja syntax (an unclosed
tag or block, a stray `}`, an unknown tag, `%` or `}` inside a `{%p %}` tag);
DD305 Python internals (`escrow.__class__`) or a call that would change the
deal (`purchasers.pop()`); DD306 what cannot render
(`include`, `import`, `extends`, a dealdocs filter given an argument it does
not take). Rendering reports an unknown filter as DD304 ("No filter named");
here it is DD308, named with the nearest filter that exists.

How names are resolved. The context roots are those of
`dealdocs.render.context_for` (`deal`, `company`, `purchasers`, `purchaser`,
`escrow`, `notes`, `form`, `exhibit`, `blank`), typed from the model. A
`{% for p in purchasers %}` makes `p` a Purchaser (and `loop` the loop
object) inside the loop; `{% set x = ... %}` gives `x` the type of its value
from there on; attribute chains are followed through the pydantic classes'
fields and properties (derived values) and through list indexing; an
optional section (`escrow`, `notes.subordination`) is read as the section, as
the templates guard it with `{% if %}`. Anything whose type is not known (a
method's result, a Jinja global such as `range`) is not checked further.

How split tags are detected (DD309). Word keeps text in runs (``w:r``), each
with its own formatting, and splits a run wherever formatting, spell-check
marks (``w:proofErr``), bookmarks or editing sessions change, so a tag typed
in two goes is often two runs. The checker joins the ``w:t`` text of the body
in document order, finds each `{{ }}`, `{% %}` and `{# #}` as docxtpl's
`patch_xml` does (from the opening delimiter to the first closing one), and
looks at the XML between the first and last ``w:t`` a tag spans. docxtpl
repairs a split by deleting everything from the first ``</w:t>`` to the last
``<w:t>`` inside the tag, so the whole tag lands in its first run. Judged
against that repair:

- an error when the repair cannot give the document Word showed: the tag runs
  into another paragraph or table cell (docxtpl would join them); part of it
  is inside a hyperlink, tracked insertion, content control or field and part
  is not (the repaired XML is broken and the rest of the document is lost);
  it holds a field code, picture, footnote reference or content control
  (deleted); or its `{{`/`}}` is split by text Word does not show (a tracked
  deletion), so docxtpl does not see a tag at all and prints it as typed;
- a warning when it renders but not quite as Word showed it: the parts of the
  tag have different formatting (the printed value takes the first part's),
  or the tag holds a bookmark, comment mark, tab or line break (deleted);
- nothing when the split is invisible: run boundaries, spell-check marks,
  Word's own `_GoBack` bookmark, a change of revision id or proofing
  language only. docxtpl repairs these exactly.

docxtpl's paragraph, row and cell tags (`{%p %}`, `{%tr %}`, `{%tc %}`)
replace their whole paragraph, row or cell with the tag, so any other text
there is never printed: that is a DD309 error too, as is a `{%tr %}` outside a
table row. As a last guard, each part is also passed through docxtpl's own
`patch_xml` and parsed by Jinja exactly as rendering will; a syntax error
found only that way is still reported (DD304).

Results are cached per template file (path, modification time and size), so
`check_templates` can run before every build: a second call costs a `stat`
per template.
"""

from __future__ import annotations

import bisect
import difflib
import inspect
import posixpath
import re
import types
import typing
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, Union

import jinja2
import jinja2.sandbox
from jinja2 import nodes
from lxml import etree

from dealdocs import words
from dealdocs.termsheet import model, values
from dealdocs.closing.kinds import ESCROW_AGREEMENT, NOTE_PURCHASE_AGREEMENT, PROMISSORY_NOTE, RELEASE_NOTICE
from dealdocs.errors import TemplateError
from dealdocs.findings import Finding, Location, Severity, error, sort_findings, warning
from dealdocs.render.context import BLANK
from dealdocs.render.environment import FILTERS, jinja_environment
from dealdocs.render.templates import TemplateSet

__all__ = [
    "TEMPLATE_CODES",
    "TemplateInfo",
    "check_template",
    "check_templates",
    "describe_templates",
    "template_fields",
    "template_guide_markdown",
]

TEMPLATE_CODES: dict[str, str] = {
    "DD302": "the file cannot be opened as a Word (.docx) document",
    "DD303": "a field or name the term sheet does not have (with the nearest one it does have)",
    "DD304": "Jinja syntax: an unclosed tag or block, a stray brace, an unknown tag",
    "DD305": "a name the sandbox refuses (Python internals such as `__class__`, or `pop`, `append` and the like, which would change the deal)",
    "DD306": "a construct that cannot render: `include`, `import`, `extends`, a filter given an argument it does not take",
    "DD308": "a filter or test that does not exist (with the nearest one that does)",
    "DD309": "a tag broken by Word: split into another paragraph, half inside a hyperlink or field, or a `{%p %}` "
    "tag sharing its paragraph (errors); a change of formatting, a bookmark or a tab inside a tag (warnings)",
}
"""What `check_templates` reports, by code, in the words of the guide."""

# ---------------------------------------------------------------- Word XML

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": _W, "mc": _MC}
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RENDERED_PARTS = {_R + "header": "header", _R + "footer": "footer", _R + "footnotes": "footnotes"}
"""The parts docxtpl renders besides the body (by relationship type), and what the messages call them."""


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_P, _T, _RUN, _RPR, _TR, _TC = (_w(n) for n in ("p", "t", "r", "rPr", "tr", "tc"))
_TOP_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::w:p)]", namespaces=_NS)  # docxtext's numbering
_TEXTS = etree.XPath(".//w:t[not(ancestor::mc:Fallback)]", namespaces=_NS)
_ALL_TEXTS = etree.XPath(
    ".//*[self::w:t or self::w:delText or self::w:instrText][not(ancestor::mc:Fallback)]", namespaces=_NS
)
_HIDDEN_TEXT = {_w("delText"): "text deleted with track changes", _w("instrText"): "a field code"}
_GO_BACK_IDS = etree.XPath(".//w:bookmarkStart[@w:name='_GoBack']/@w:id", namespaces=_NS)
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's settings


class _Part(NamedTuple):
    label: str | None  # None for the body; else "header", "footer", "footnotes"
    root: etree._Element  # w:body, or the part's root element


def _read_parts(path: Path) -> list[_Part]:
    """The body and the headers, footers and footnotes docxtpl renders, parsed; raises on a non-Word file."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        main = _main_part_name(package, names)
        document = etree.fromstring(package.read(main), _PARSER)
        body = document.find(_w("body"))
        if body is None:
            raise ValueError(f"{main} has no body")
        parts = [_Part(None, body)]
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        if rels_name in names:
            rels = etree.fromstring(package.read(rels_name), _PARSER)
            for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
                label = _RENDERED_PARTS.get(rel.get("Type", ""))
                target = posixpath.normpath(posixpath.join(posixpath.dirname(main), rel.get("Target", "")))
                if label and rel.get("TargetMode") != "External" and target in names:
                    parts.append(_Part(label, etree.fromstring(package.read(target), _PARSER)))
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
class _Tag:
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


def _scan(part: _Part) -> list[_Tag]:
    """Every Jinja tag of a part, with the ``w:t`` elements it spans, in document order.

    The text Word shows (``w:t``) is one stream, as docxtpl joins it. Jinja
    also renders tags in text Word does not show as text, tracked deletions
    and field codes: each such element is read on its own.
    """
    numbers = {}
    if part.label is None:
        numbers = {p: n for n, p in enumerate(_TOP_PARAGRAPHS(part.root), 1)}
    pieces: list[_Piece] = []
    chunks: list[str] = []
    found: list[tuple[int, _Tag]] = []  # (document position, tag)
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
             numbers: dict) -> Iterator[_Tag]:
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
        yield _Tag(text[begin:end], begin, covered, numbers.get(outer), closing >= 0)
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


def _prepare(tag: _Tag) -> str | None:
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
    word = _first_word(source)
    if tag.kind == "{%" and word in ("colspan", "cellbg"):
        source = "{{ " + source[2:].strip().removesuffix("%}").strip()[len(word) :] + " }}"
    elif tag.kind == "{%" and word in ("vm", "hm"):
        source = "{{ loop.first }}"
    tag.source = source
    return problem


def _first_word(source: str) -> str:
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


class _Order:
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


def _split_finding(tag: _Tag, order: Callable[[], _Order]) -> tuple[Severity, str] | None:
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


def _delimiter_hidden(tag: _Tag, parts: _Order) -> str | None:
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


def _holder(tag: _Tag, offset: int) -> _Piece | None:
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


def _format_change(tag: _Tag) -> str:
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


def _dropped(tags: list[_Tag]) -> set[int]:
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


def _placement_problem(tag: _Tag) -> str | None:
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


# ---------------------------------------------------------------- types of the model


@dataclass(frozen=True)
class _ListOf:
    item: Any


@dataclass(frozen=True)
class _OneOf:
    options: tuple


@dataclass(frozen=True)
class _Loop:
    item: Any


_ANY = "any"
_BAD = "unknown"  # what an expression already reported is: not reported again
_LOOP_ATTRIBUTES = {"index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle", "depth",
                    "depth0", "previtem", "nextitem", "changed"}
_UNSAFE = set().union(*(getattr(jinja2.sandbox, n) for n in dir(jinja2.sandbox) if n.startswith("UNSAFE_")))


def _changes_a_value(name: str) -> bool:
    """Whether `name` is a method that changes a list, dict or set (`pop`, `append`, `update`...):
    the immutable sandbox refuses it when rendering (`render.environment`)."""
    return any(jinja2.sandbox.modifies_known_mutable(sample, name) for sample in ([], {}, set(), deque()))


class _V(NamedTuple):
    """What an expression is: its type, and its place in the term sheet when it is a term sheet value."""

    type: Any
    path: str | None = None


def _type_of(annotation: Any) -> Any:
    """A typing annotation as a checker type: a model class, a Python type, _ListOf, _OneOf or _ANY."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _type_of(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        options = [_type_of(a) for a in typing.get_args(annotation) if a is not type(None)]
        return _union(*options)
    if origin is list:
        return _ListOf(_type_of(typing.get_args(annotation)[0]))
    if origin is Literal:
        return type(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) else _ANY


def _union(*options: Any) -> Any:
    flat: list[Any] = []
    for option in options:
        for one in option.options if isinstance(option, _OneOf) else (option,):
            if one is _ANY or one is _BAD:
                return _ANY
            if one not in flat:
                flat.append(one)
    if not flat:
        return _ANY
    return flat[0] if len(flat) == 1 else _OneOf(tuple(flat))


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, model.Model)


@cache
def _fields(cls: type) -> dict[str, Any]:
    """A model class's fields with their annotations (extras kept: Money, Percent...)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {name: hints[name] for name in cls.model_fields}


@cache
def _properties(cls: type) -> dict[str, property | cached_property]:
    """A model class's public derived values (properties), its own and its bases' below Model."""
    found: dict[str, property | cached_property] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, model.Model) and klass is not model.Model:
            for name, member in vars(klass).items():
                if isinstance(member, (property, cached_property)) and not name.startswith("_"):
                    found[name] = member
    return found


def _property_annotation(member: property | cached_property) -> Any:
    function = member.fget if isinstance(member, property) else member.func
    return typing.get_type_hints(function).get("return", Any)


@cache
def _members(cls: type) -> dict[str, Any]:
    """Every name a template may read on a model class, with its checker type."""
    members = {name: _type_of(annotation) for name, annotation in _fields(cls).items()}
    members.update({name: _type_of(_property_annotation(p)) for name, p in _properties(cls).items()})
    return members


@cache
def _roots() -> dict[str, _V]:
    """The names `context_for` gives a template, typed from the model."""
    deal = _members(model.Deal)
    roots = {"deal": _V(model.Deal, "deal")}
    for name in ("company", "purchasers", "purchaser", "escrow", "notes"):
        roots[name] = _V(deal[name], name)
    roots.update(form=_V(bool), exhibit=_V(bool), blank=_V(str))
    return roots


_TYPE_WORDS = {str: "text", Decimal: "a number", date: "a date", bool: "yes or no", int: "a whole number"}

# ---------------------------------------------------------------- Jinja: names, fields, filters

_STR_FILTERS = {"upper", "lower", "title", "capitalize", "trim", "join", "format", "replace", "string", "striptags",
                "truncate", "center", "indent", "wordwrap", "urlencode", "escape", "e", "forceescape", "safe",
                "tojson", "urlize", "filesizeformat", "xmlattr"}
_INT_FILTERS = {"length", "count", "wordcount", "int"}
_ITEM_FILTERS = {"first", "last", "random", "min", "max"}
_SAME_FILTERS = {"list", "sort", "unique", "reverse", "select", "reject", "selectattr", "rejectattr"}
_TERM_SHEET_ROOTS = ("deal", "company", "purchasers", "purchaser", "escrow", "notes")


class _Problem(NamedTuple):
    line: int
    code: str
    message: str
    severity: Severity = Severity.ERROR


class _Analyzer:
    """Walks a parsed template with the types of the names in scope; records problems and term sheet fields."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.scopes: list[dict[str, _V]] = [dict(_roots())]
        self.problems: list[_Problem] = []
        self.fields: set[str] = set()
        self.quiet = 0

    # -- scopes

    def lookup(self, name: str) -> _V | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name in self.env.globals:
            return _V(_ANY)
        return None

    def visible(self) -> set[str]:
        return {name for scope in self.scopes for name in scope} | set(self.env.globals)

    def report(self, node: nodes.Node, code: str, message: str) -> None:
        if not self.quiet:
            self.problems.append(_Problem(node.lineno, code, message))

    def bind(self, target: nodes.Node, value: _V) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = value
        elif isinstance(target, (nodes.Tuple, nodes.List)):
            for item in target.items:
                self.bind(item, _V(_ANY))
        elif isinstance(target, nodes.NSRef):
            if self.lookup(target.name) is None:
                self.report(target, "DD303", f"unknown name '{target.name}'")

    def scoped(self, body: Iterable[nodes.Node], names: dict[str, _V] | None = None) -> None:
        self.scopes.append(dict(names or {}))
        try:
            self.statements(body)
        finally:
            self.scopes.pop()

    # -- statements

    def statements(self, body: Iterable[nodes.Node]) -> None:
        for node in body:
            self.statement(node)

    def statement(self, node: nodes.Node) -> None:
        handler = getattr(self, f"s_{type(node).__name__}", None)
        if handler is not None:
            handler(node)
            return
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child)
            else:
                self.statement(child)

    def s_Output(self, node: nodes.Output) -> None:
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                self.expr(child)

    def s_If(self, node: nodes.If) -> None:
        self.expr(node.test)
        self.statements(node.body)
        for branch in node.elif_:
            self.s_If(branch)
        self.statements(node.else_)

    def s_For(self, node: nodes.For) -> None:
        iterable = self.expr(node.iter)
        kind = iterable.type
        options = kind.options if isinstance(kind, _OneOf) else (kind,)
        items = [o.item if isinstance(o, _ListOf) else (str if o is str else _ANY) for o in options]
        item = _V(_union(*items), f"{iterable.path}[]" if iterable.path else None)
        self.scopes.append({})
        try:
            self.bind(node.target, item)
            if node.test is not None:
                self.expr(node.test)
            self.scopes[-1]["loop"] = _V(_Loop(item.type))
            self.statements(node.body)
        finally:
            self.scopes.pop()
        self.statements(node.else_)

    def s_Assign(self, node: nodes.Assign) -> None:
        self.bind(node.target, self.expr(node.node))

    def s_AssignBlock(self, node: nodes.AssignBlock) -> None:
        self.statements(node.body)
        if node.filter is not None:
            self.filter(node.filter, _V(str))
        self.bind(node.target, _V(str))

    def s_With(self, node: nodes.With) -> None:
        values = [self.expr(v) for v in node.values]
        self.scopes.append({})
        try:
            for target, value in zip(node.targets, values):
                self.bind(target, value)
            self.statements(node.body)
        finally:
            self.scopes.pop()

    def s_Macro(self, node: nodes.Macro) -> None:
        for default in node.defaults:
            self.expr(default)
        self.scopes[-1][node.name] = _V(_ANY)
        names = {a.name: _V(_ANY) for a in node.args}
        names.update(varargs=_V(_ANY), kwargs=_V(_ANY), caller=_V(_ANY))
        self.scoped(node.body, names)

    def s_CallBlock(self, node: nodes.CallBlock) -> None:
        self.expr(node.call)
        names = {a.name: _V(_ANY) for a in node.args}
        names["caller"] = _V(_ANY)
        self.scoped(node.body, names)

    def s_FilterBlock(self, node: nodes.FilterBlock) -> None:
        self.filter(node.filter, _V(str))
        self.statements(node.body)

    def _no_loader(self, node: nodes.Node) -> None:
        self.report(node, "DD306", "a template cannot include, import or extend another template: "
                                   "each is rendered on its own (an exhibit is appended by the document list)")
        for name in (getattr(node, "target", None), *(getattr(node, "names", None) or ())):
            if isinstance(name, str):
                self.scopes[-1][name] = _V(_ANY)
            elif isinstance(name, tuple):
                self.scopes[-1][name[-1]] = _V(_ANY)

    s_Include = s_Import = s_FromImport = s_Extends = _no_loader

    # -- expressions

    def expr(self, node: nodes.Node) -> _V:
        handler = getattr(self, f"e_{type(node).__name__}", None)
        if handler is not None:
            return handler(node)
        for child in node.iter_child_nodes():
            self.expr(child)
        return _V(_ANY)

    def record(self, value: _V) -> _V:
        if value.path and value.path.split(".", 1)[0].split("[", 1)[0] in _TERM_SHEET_ROOTS and not self.quiet:
            self.fields.add(value.path)
        return value

    def e_Name(self, node: nodes.Name) -> _V:
        value = self.lookup(node.name)
        if value is not None:
            return self.record(value)
        if node.name == "loop":
            self.report(node, "DD303", "'loop' is only available inside a {% for %} loop")
        else:
            hint = _suggest(node.name, self.visible())
            self.report(node, "DD303", f"unknown name '{node.name}'" + (f"; did you mean '{hint}'?" if hint else ""))
        return _V(_BAD)

    def e_Const(self, node: nodes.Const) -> _V:
        return _V(type(node.value))

    def e_TemplateData(self, node: nodes.TemplateData) -> _V:
        return _V(str)

    def e_Getattr(self, node: nodes.Getattr) -> _V:
        return self.record(self.attribute(node, self.expr(node.node), node.attr))

    def e_Getitem(self, node: nodes.Getitem) -> _V:
        base = self.expr(node.node)
        if isinstance(node.arg, nodes.Slice):
            self.expr(node.arg)
            return base
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.record(self.attribute(node, base, node.arg.value))
        self.expr(node.arg)
        options = base.type.options if isinstance(base.type, _OneOf) else (base.type,)
        items = [o.item if isinstance(o, _ListOf) else (str if o is str else _ANY) for o in options]
        return self.record(_V(_union(*items), f"{base.path}[]" if base.path else None))

    def e_Filter(self, node: nodes.Filter) -> _V:
        base = self.expr(node.node) if node.node is not None else _V(str)
        return self.filter(node, base)

    def e_Test(self, node: nodes.Test) -> _V:
        guarded = node.name in ("defined", "undefined")
        self.quiet += guarded
        try:
            self.expr(node.node)
        finally:
            self.quiet -= guarded
        self.check_test(node, node.name)
        for child in (*node.args, *(k.value for k in node.kwargs)):
            self.expr(child)
        return _V(bool)

    def e_CondExpr(self, node: nodes.CondExpr) -> _V:
        self.expr(node.test)
        first = self.expr(node.expr1)
        if node.expr2 is None:
            return _V(first.type)
        second = self.expr(node.expr2)
        return _V(_union(first.type, second.type), first.path if first.path == second.path else None)

    def e_Or(self, node: nodes.Or) -> _V:
        return _V(_union(self.expr(node.left).type, self.expr(node.right).type))

    e_And = e_Or

    def _boolean(self, node: nodes.Node) -> _V:
        for child in node.iter_child_nodes():
            self.expr(child)
        return _V(bool)

    e_Not = e_Compare = _boolean

    def e_Concat(self, node: nodes.Concat) -> _V:
        for child in node.nodes:
            self.expr(child)
        return _V(str)

    def e_List(self, node: nodes.List) -> _V:
        return _V(_ListOf(_union(*(self.expr(item).type for item in node.items))))

    e_Tuple = e_List

    # -- attributes

    def attribute(self, node: nodes.Node, base: _V, name: str) -> _V:
        if base.type is _BAD:
            return base
        written = f"{_written(node.node)}.{name}"
        if name.startswith("_") or name in _UNSAFE:
            self.report(node, "DD305", f"not allowed in a template: '{written}' reaches into Python internals")
            return _V(_BAD)
        if _changes_a_value(name) and not (_is_model(base.type) and name in _members(base.type)):
            self.report(node, "DD305", f"not allowed in a template: '{written}' would change "
                                       f"'{_written(node.node)}': a template reads the term sheet and never changes it")
            return _V(_BAD)
        kind, known = _resolve(base.type, name)
        if kind is None:
            self.report(node, "DD303", _unknown_field(written, _written(node.node), base.type, name, known))
            return _V(_BAD)
        return _V(kind, f"{base.path}.{name}" if base.path else None)

    # -- filters and tests

    def filter(self, node: nodes.Filter, base: _V) -> _V:
        arguments = [self.expr(a) for a in node.args]
        keywords = {k.key: self.expr(k.value) for k in node.kwargs}
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra)
        name = node.name
        if name not in self.env.filters:
            hint = _suggest(name, self.env.filters)
            self.report(node, "DD308", f"unknown filter '|{name}'" + (f"; did you mean '|{hint}'?" if hint else ""))
            return _V(_ANY)
        item = base.type.item if isinstance(base.type, _ListOf) else _ANY
        if name in FILTERS:
            self.check_call(node, name, len(arguments), keywords)
            return _V(_type_of(_filter_annotation(name)))
        if name == "map":
            return _V(_ListOf(self.mapped(node, item)))
        if name in ("select", "reject") and node.args and isinstance(node.args[0], nodes.Const):
            self.check_test(node, node.args[0].value)
        if name in ("selectattr", "rejectattr") and node.args:
            if isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
                self.item_attribute(node, base, item, node.args[0].value)
            if len(node.args) > 1 and isinstance(node.args[1], nodes.Const):
                self.check_test(node, node.args[1].value)
        if name in _STR_FILTERS:
            return _V(str)
        if name in _INT_FILTERS:
            return _V(int)
        if name in _ITEM_FILTERS:
            return _V(item)
        if name in _SAME_FILTERS:
            return _V(base.type)
        if name in ("default", "d"):
            return _V(_union(base.type, *(a.type for a in arguments[:1])))
        return _V(_ANY)

    def mapped(self, node: nodes.Filter, item: Any) -> Any:
        """The item type of `list|map(...)`: a filter applied to each item, or an attribute of each."""
        attribute = next((k.value for k in node.kwargs if k.key == "attribute"), None)
        if isinstance(attribute, nodes.Const) and isinstance(attribute.value, str):
            return self.item_attribute(node, _V(_ListOf(item)), item, attribute.value)
        if node.args and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
            name = node.args[0].value
            if name not in self.env.filters:
                hint = _suggest(name, self.env.filters)
                self.report(node, "DD308", f"unknown filter '{name}' in map(\"{name}\")"
                                           + (f"; did you mean '{hint}'?" if hint else ""))
            elif name in FILTERS:
                self.check_call(node, name, len(node.args) - 1, {k.key: _V(_ANY) for k in node.kwargs})
                return _type_of(_filter_annotation(name))
        return _ANY

    def item_attribute(self, node: nodes.Node, base: _V, item: Any, name: str) -> Any:
        for part in name.split("."):
            if part.isdigit():
                item = item.item if isinstance(item, _ListOf) else _ANY
                continue
            kind, known = _resolve(item, part)
            if kind is None:
                written = f"each item of '{_written(getattr(node, 'node', None))}'"
                self.report(node, "DD303", _unknown_field(written, written, item, part, known))
                return _ANY
            item = kind
        return item

    def check_test(self, node: nodes.Node, name: Any) -> None:
        if isinstance(name, str) and name not in self.env.tests:
            hint = _suggest(name, self.env.tests)
            self.report(node, "DD308", f"unknown test 'is {name}'" + (f"; did you mean 'is {hint}'?" if hint else ""))

    def check_call(self, node: nodes.Node, name: str, positional: int, keywords: dict[str, Any]) -> None:
        """A dealdocs filter called with arguments its function does not take renders as an error: say so now."""
        if isinstance(node, nodes.Filter) and (node.dyn_args is not None or node.dyn_kwargs is not None):
            return
        signature = inspect.signature(FILTERS[name])
        try:
            signature.bind(None, *([None] * positional), **dict.fromkeys(keywords))
        except TypeError as exc:
            takes = ", ".join(list(signature.parameters)[1:]) or "no arguments"
            self.report(node, "DD306", f"cannot be rendered: '|{name}' {exc} (it takes: {takes})")


def _filter_annotation(name: str) -> Any:
    try:
        return typing.get_type_hints(FILTERS[name]).get("return", Any)
    except Exception:  # an annotation that does not resolve: the result is simply not checked
        return Any


def _resolve(kind: Any, name: str) -> tuple[Any | None, list[str]]:
    """The type of `name` read on a value of type `kind` (None if it has no such name), and the names it has."""
    if kind is _ANY or kind is _BAD:
        return _ANY, []
    if isinstance(kind, _OneOf):
        found, known = [], []
        for option in kind.options:
            result, names = _resolve(option, name)
            known += names
            if result is not None:
                found.append(result)
        return (_union(*found) if found else None), known
    if _is_model(kind):
        members = _members(kind)
        return members.get(name), list(members)
    if isinstance(kind, _Loop):
        if name in ("previtem", "nextitem"):
            return kind.item, []
        return (_ANY if name in _LOOP_ATTRIBUTES else None), sorted(_LOOP_ATTRIBUTES)
    python = list if isinstance(kind, _ListOf) else kind
    if isinstance(python, type) and hasattr(python, name):
        return _ANY, []
    return None, []


def _unknown_field(written: str, base: str, kind: Any, name: str, known: list[str]) -> str:
    hint = _suggest(name, known)
    options = kind.options if isinstance(kind, _OneOf) else (kind,)
    if any(isinstance(o, _ListOf) for o in options) and not hint:
        item = next(o.item for o in options if isinstance(o, _ListOf))
        if _is_model(item) and name in _members(item):
            return (f"unknown field '{written}': '{base}' is a list; use one item, as in "
                    f"{{% for x in {base} %}} ... x.{name}, or {base}[0].{name}")
    if _is_model(kind) or isinstance(kind, (_OneOf, _Loop)):
        message = f"unknown field '{written}': '{base}' has no field '{name}'"
    else:
        message = f"unknown field '{written}': '{base}' is {_TYPE_WORDS.get(kind, 'a value')} and has no '{name}'"
    return message + (f"; did you mean '{base}.{hint}'?" if hint else "")


def _suggest(name: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _written(node: nodes.Node | None) -> str:
    """An expression as a template would write it, for messages: 'escrow.agent.name', 'purchasers[0]'."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "\u2026"
        return f"{_written(node.node)}[{arg}]"
    if isinstance(node, nodes.Filter):
        return f"{_written(node.node)}|{node.name}"
    return "(\u2026)"


# ---------------------------------------------------------------- parsing

_MAX_SYNTAX_ERRORS = 20
_BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans"}
_NEUTRAL = {"if": "{% if true %}", "elif": "{% elif true %}", "for": "{% for __ in [] %}", "set": "",
            "else": "{% else %}"}


def _parse(env: jinja2.Environment, tags: list[_Tag]) -> tuple[nodes.Template | None, list[tuple[int, str]]]:
    """Parse the part's tags, one a line; (tree, [(tag index, syntax message)]).

    A tag with a syntax error is reported and replaced by a harmless one so the
    rest is still checked (an expression by nothing, an `if` by `{% if true %}`);
    a broken tag that cannot be replaced stops the parse after its message.
    """
    lines = [tag.source for tag in tags]
    problems: list[tuple[int, str]] = []
    replaced: set[int] = set()
    for _ in range(_MAX_SYNTAX_ERRORS):
        try:
            return env.parse("\n".join(lines)), problems
        except jinja2.TemplateSyntaxError as exc:
            index = min(max((exc.lineno or 1) - 1, 0), max(len(lines) - 1, 0))
            message = exc.message or str(exc)
            if message.startswith("Unexpected end of template"):
                index = _unclosed(lines, index)
            if not tags or index in replaced:
                if tags and not any(i == index for i, _ in problems):
                    problems.append((index, message))
                return None, problems
            problems.append((index, message))
            replaced.add(index)
            kind, word = tags[index].kind, _first_word(lines[index])
            if kind in ("{{", "{#") or not tags[index].closed:
                lines[index] = ""
            elif word in _NEUTRAL:
                lines[index] = _NEUTRAL[word]
            else:
                return None, problems
    return None, problems


def _unclosed(lines: list[str], default: int) -> int:
    """The line of the innermost block left open at the end (where the author must add its end tag)."""
    stack: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if not line.startswith("{%"):
            continue
        word = _first_word(line)
        if word in _BLOCKS or (word == "set" and "=" not in line):
            stack.append((index, word))
        elif word.startswith("end"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == word[3:]:
                    del stack[depth:]
                    break
    return stack[-1][0] if stack else default


def _docxtpl_syntax(env: jinja2.Environment, root: etree._Element) -> tuple[str, str] | None:
    """A syntax error Jinja finds in the part as docxtpl's own patch_xml prepares it: (message, line text)."""
    from docxtpl import DocxTemplate

    patched = DocxTemplate.patch_xml(_DocxtplPatcher(), etree.tostring(root, encoding="unicode"))
    patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)  # as DocxTemplate.render_xml_part does
    try:
        env.parse(patched)
    except jinja2.TemplateSyntaxError as exc:
        lines = patched.splitlines()
        line = lines[min(max((exc.lineno or 1) - 1, 0), len(lines) - 1)] if lines else ""
        return exc.message or str(exc), re.sub(r"<[^>]+>", "", line)
    return None


class _DocxtplPatcher:
    """Stands in for a DocxTemplate: its patch_xml reads nothing from the instance."""


# ---------------------------------------------------------------- one template


@dataclass
class _Analysis:
    findings: list[Finding] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)


_CACHE: dict[str, tuple[tuple[int, int], _Analysis]] = {}
_CACHE_SIZE = 256


@cache
def _environment() -> jinja2.Environment:
    return jinja_environment()


def _analysis(path: Path, name: str | None = None) -> _Analysis:
    path = Path(path)
    stat = path.stat()
    key, stamp = f"{path.resolve()}\x00{name or path.name}", (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    result = _analyse(path, name or path.name)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (stamp, result)
    return result


def _analyse(path: Path, name: str) -> _Analysis:
    result = _Analysis()
    try:
        parts = _read_parts(path)
    except Exception as exc:  # not a zip, no document part, XML that does not parse: all mean "not Word"
        result.findings.append(error("DD302", f"cannot be opened as a Word (.docx) document: {exc}",
                                     Location(document=name)))
        return result
    for part in parts:
        _check_part(name, part, result)
    seen: set[tuple] = set()
    unique = []
    for finding in result.findings:
        identity = (finding.code, finding.severity, finding.message, finding.location)
        if identity not in seen:
            seen.add(identity)
            unique.append(finding)
    result.findings = sort_findings(unique)
    return result


def _check_part(name: str, part: _Part, result: _Analysis) -> None:
    env = _environment()
    tags = _scan(part)

    def locate(tag: _Tag | None, message: str) -> tuple[str, Location]:
        prefix = f"in the {part.label}: " if part.label else ""
        if tag is not None and tag.hidden:
            message += f" [the tag is in {tag.hidden}: Word does not show it as text, but rendering reads it]"
        return prefix + message, Location(document=name, paragraph=tag.paragraph if tag else None)

    def add(code: str, severity: Severity, tag: _Tag | None, message: str) -> None:
        text, where = locate(tag, message)
        result.findings.append((error if severity is Severity.ERROR else warning)(code, text, where))

    broken: set[int] = set()
    for index, tag in enumerate(tags):
        problem = _prepare(tag)
        if problem:
            add("DD304", Severity.ERROR, tag, f"template syntax: {problem}")
            broken.add(index)
    dropped = _dropped(tags)
    for index in dropped:
        tags[index].source = ""
    tree, syntax = _parse(env, tags)
    for index, message in syntax:
        tag = tags[index] if tags else None
        shown = f" (in '{tag.shown()}')" if tag else ""
        add("DD304", Severity.ERROR, tag, f"template syntax: {message}{shown}")
        broken.add(index)
    order: list[_Order] = []

    def document_order() -> _Order:
        if not order:
            order.append(_Order(part.root))
        return order[0]

    for index, tag in enumerate(tags):
        if index in broken or index in dropped:
            continue
        split = _split_finding(tag, document_order)
        if split:
            add("DD309", split[0], tag, split[1])
        elif (placement := _placement_problem(tag)) is not None:
            add("DD309", Severity.ERROR, tag, placement)
    if tree is not None:
        analyzer = _Analyzer(env)
        analyzer.statements(tree.body)
        for problem in analyzer.problems:
            tag = tags[problem.line - 1] if 0 < problem.line <= len(tags) else None
            shown = f" (in '{tag.shown()}')" if tag and problem.code != "DD309" else ""
            add(problem.code, problem.severity, tag, problem.message + shown)
        result.fields |= analyzer.fields
    if not syntax and not broken and tags:
        late = _docxtpl_syntax(env, part.root)
        if late:
            message, line = late
            tag = next((t for t in tags if t.text and t.text in line), None)
            near = " ".join(line.split())[:120]
            add("DD304", Severity.ERROR, tag, f"template syntax: {message}" + (f" (near: {near})" if near else ""))


# ---------------------------------------------------------------- public API


def check_template(path: Path | str, name: str | None = None) -> list[Finding]:
    """The findings of one template file, located by `name` (default: the file's name) and paragraph."""
    return list(_analysis(Path(path), name).findings)


def check_templates(templates: TemplateSet | None = None, names: Iterable[str] | None = None) -> list[Finding]:
    """Check every template of `templates` (or only `names`) without rendering; errors first.

    Each template is the firm's file when the set has one by that name, else
    the built-in one. A name with no file is a DD301 finding, as in rendering.
    Cached per file (path, modification time, size): cheap to call before every build.
    """
    templates = templates if templates is not None else TemplateSet()
    findings: list[Finding] = []
    for name in (templates.names() if names is None else list(dict.fromkeys(names))):
        try:
            path = templates.path(name)
        except TemplateError as exc:
            findings.extend(exc.findings)
            continue
        findings.extend(_analysis(path, name).findings)
    return sort_findings(findings)


def template_fields(path: Path | str) -> list[str]:
    """The term sheet fields a template uses, as dotted paths ('company.name', 'purchasers[].subscription').

    A value read through a loop variable is written through its list
    (`p.name` in a loop over purchasers is 'purchasers[].name'); a `{% set %}`
    name is written as what it stands for. Only the deepest field of a chain is
    listed ('escrow.agent.name', not also 'escrow.agent'). A template that
    cannot be parsed lists what could be read before the error.
    """
    used = _analysis(Path(path)).fields
    return sorted(f for f in used if not any(o != f and o.startswith((f + ".", f + "[")) for o in used))


_USED_BY = {
    f"{ESCROW_AGREEMENT}.docx": "the escrow agreement",
    f"{RELEASE_NOTICE}.docx": "the release notice, and Exhibit A of the escrow agreement",
    f"{NOTE_PURCHASE_AGREEMENT}.docx": "the note purchase agreement",
    f"{PROMISSORY_NOTE}.docx": "each promissory note, and Exhibit A of the note purchase agreement",
}


@dataclass(frozen=True)
class TemplateInfo:
    """One template in use: where it comes from, what it is for, the fields it reads, how many problems it has."""

    name: str
    path: Path
    builtin: bool
    used_for: str | None
    fields: tuple[str, ...]
    errors: int
    warnings: int

    @property
    def source(self) -> str:
        return "built-in" if self.builtin else "the firm's"


def describe_templates(templates: TemplateSet | None = None) -> list[TemplateInfo]:
    """Every template available, firm's or built-in, with the fields each uses."""
    templates = templates if templates is not None else TemplateSet()
    infos = []
    for name in templates.names():
        path = templates.path(name)
        findings = check_template(path, name)
        errors = sum(1 for f in findings if f.is_error)
        infos.append(TemplateInfo(
            name, path, path.parent.resolve() == templates.builtin.resolve(), _USED_BY.get(name),
            tuple(template_fields(path)), errors, len(findings) - errors,
        ))  # fmt: skip
    return infos


# ---------------------------------------------------------------- the guide

_ROOT_NOTES = {
    "deal": "the whole term sheet",
    "company": "the issuer (the same as `deal.company`)",
    "purchasers": "every purchaser, in term sheet order: loop over it",
    "purchaser": "the purchaser of this promissory note, or the only purchaser of a one-purchaser deal; "
    "none in a form of note (test `{% if form %}` first)",
    "escrow": "the escrow section; none when the deal has no escrow",
    "notes": "the notes section; none when the deal has no notes",
    "form": "yes when printing a blank form (the form of note attached to a multi-purchaser agreement)",
    "exhibit": "yes when the template is printed as an exhibit to another document",
    "blank": f"the blank a form prints where a fact is filled in by hand: `{BLANK}`",
}

_NONE = "\u2014"

_EXAMPLES: dict[str, list[tuple[str, Any, dict[str, Any]]]] = {
    "amount_text": [("1,100,000.00", Decimal("1100000.00"), {})],
    "amount_words": [("17,029.48", Decimal("17029.48"), {})],
    "amount_figures": [("1100000", Decimal("1100000"), {}), ("500500", Decimal("500500"), {"cents": False})],
    "count_text": [("20", 20, {})],
    "percent_text": [("9.5", Decimal("9.5"), {})],
    "ordinal": [("22", 22, {})],
    "long_date": [("2005-05-18", date(2005, 5, 18), {})],
    "day_of": [("2005-05-18", date(2005, 5, 18), {})],
    "join_and": [("[A, B, C]", ["A", "B", "C"], {})],
    "join_or": [("[A, B]", ["A", "B"], {})],
    "month_year": [("2005-10-20", date(2005, 10, 20), {})],
    "with_article": [("Amended and Restated Note", "Amended and Restated Note", {})],
}
"""A sample value for each filter; the guide shows what the filter makes of it, computed."""

_INTRO = """\
### Editing a template in Word

The documents are rendered from the Word files in `templates/`: ordinary Word
documents with fields in double braces, such as `{{ company.name }}`, and
instructions in `{% ... %}`. To use the firm's own wording, copy a template
into a folder of your own (say `firm-templates/`) and edit the copy: a file
there replaces the built-in template of the same name.

1. Open the copy in Word and edit it as any document. Type each `{{ ... }}`
   or `{% ... %}` tag in one go, and format a tag as a whole (select all of
   it, then make it bold): Word splits a tag typed in pieces, and a tag with a
   change of formatting inside it is reported (DD309).
2. Save it as a Word Document (.docx) under the same name.
3. Check it: `dealdocs templates check --templates firm-templates`. Nothing is
   built; every problem is listed with its file and paragraph number.
4. Build with it: `dealdocs build --templates firm-templates deals/acme.yaml`
   (or put `templates: firm-templates` in the term sheet).

`dealdocs templates --templates firm-templates` lists the templates in use,
yours or built-in, with the fields each one uses; `dealdocs templates guide`
prints this guide.

### Facts and filters

`{{ company.name }}` prints a fact; `{{ company.name|upper }}` prints it
through a filter. The filters that write amounts, rates, counts and dates the
way the agreements do:

| Filter | What it writes | Example |
|--------|----------------|---------|
"""

_LOGIC = """\
Jinja's own filters work too, for example `upper`, `join(", ")` and
`map("long_date")` (each item of a list through a filter).

### Conditional paragraphs

A paragraph holding only `{%p if ... %}` keeps the paragraphs up to its
`{%p endif %}` when the condition holds and drops them otherwise; the tag
paragraphs themselves never print. `{%p elif ... %}` and `{%p else %}` work
the same way.

```
{%p if notes.secured %}
This Note is secured by a general security interest in all assets of the Maker.
{%p endif %}
```

A `{%p %}` tag must have its paragraph to itself: any other text there is
never printed (DD309). Within a sentence, use `{% if %}` without the `p`:
`the {% if deal.single_purchaser %}Purchaser{% else %}Purchasers{% endif %}`.

### One paragraph (or table row) per purchaser

```
{%p for p in purchasers %}
{{ p.name }}, {{ p.address.one_line }}
{%p endfor %}
```

Inside the loop `p` is one purchaser (any name will do) and `loop` tells where
you are: `loop.first`, `loop.last`, `loop.index` (1, 2, ...). For one table
row per purchaser, put `{%tr for p in purchasers %}` in a row of its own above
the row to repeat and `{%tr endfor %}` in a row of its own below it.
`{% set P = "Purchaser" if deal.single_purchaser else "Purchasers" %}` names a
value once for the rest of the template.

### Checking a template

`dealdocs templates check --templates firm-templates` reads each template
without building anything and reports each problem with its file and paragraph
(`--format json` for machines). It exits 0 when there are no errors (warnings
allowed) and 1 otherwise. Check after every edit: a template with an error
builds wrong documents, or none.

| Code | What it means |
|------|---------------|
"""

_FIELDS_INTRO = """\
### The fields

These are the names a template starts from:

| Name | What it is |
|------|------------|
"""


def template_guide_markdown() -> str:
    """The README's guide to editing templates, generated from the model, the filters and the check codes."""
    out = [_INTRO]
    for name, function in FILTERS.items():
        examples = []
        for shown, value, options in _EXAMPLES.get(name, []):
            call = ", ".join(f"{k}={v!r}" for k, v in options.items())
            examples.append((f"with `({call})`, " if call else "") + f"`{shown}` gives {function(value, **options)}")
        out.append(f"| `{name}` | {_cell(_summary(function))} | {_cell('; '.join(examples)) or _NONE} |\n")
    out.append("\n" + _LOGIC)
    for code, meaning in TEMPLATE_CODES.items():
        out.append(f"| {code} | {_cell(meaning)} |\n")
    out.append("\n" + _FIELDS_INTRO)
    roots = _roots()
    for name, note in _ROOT_NOTES.items():
        out.append(f"| `{name}` | {_type_words(roots[name].type)}: {_cell(note)} |\n")
    out.append("\nEach section of the term sheet, with its fields (as the term sheet names them) and the values "
               "derived from them. Follow a chain of names with dots: `escrow.agent.address.one_line`.\n")
    for cls, places in _model_sections():
        out.append(f"\n#### {_class_title(cls)}\n\n")
        doc = _summary(cls, inherit=False)
        if doc:
            out.append(f"{doc}\n\n")
        out.append(f"Written as {_join(places)}.\n\n| Field | Type | What it is |\n|-------|------|------------|\n")
        for field_name, annotation in _fields(cls).items():
            description = cls.model_fields[field_name].description or ""
            section = _optional_model(_type_of(annotation))
            section = section or _optional_model(getattr(_type_of(annotation), "item", None))
            if not description and section is not None:
                description = f"see {_class_title(section)} below"
            out.append(f"| `{field_name}` | {_annotation_words(annotation)} | {_cell(description)} |\n")
        for prop_name, member in _properties(cls).items():
            note = _summary(member.fget if isinstance(member, property) else member.func) or ""
            note = "derived" + (f": {note}" if note else " from the fields above")
            out.append(f"| `{prop_name}` | {_annotation_words(_property_annotation(member))} | {_cell(note)} |\n")
    return "".join(out)


def _model_sections() -> list[tuple[type, list[str]]]:
    """Each model class reachable from the roots, breadth first, with the ways a template writes it."""
    roots = _roots()
    queue: list[tuple[type | None, str, str | None]] = [(model.Deal, "`deal`", "deal")]
    for name in ("company", "purchaser", "escrow", "notes"):
        queue.append((_optional_model(roots[name].type), f"`{name}`", name))
    queue.append((model.Purchaser, "each of `purchasers` (`p` in `{% for p in purchasers %}`)", None))
    places: dict[type, list[str]] = {}
    while queue:
        cls, place, prefix = queue.pop(0)
        if cls is None:
            continue
        expanded = cls in places
        places.setdefault(cls, []).append(place)
        if expanded:
            continue
        for field_name, annotation in _fields(cls).items():
            kind = _type_of(annotation)
            target = _optional_model(kind.item if isinstance(kind, _ListOf) else kind)
            if target is None or (cls is model.Deal and field_name in roots):
                continue
            written = f"`{prefix}.{field_name}`" if prefix else f"`{field_name}` of {place}"
            queue.append((target, f"each of {written}" if isinstance(kind, _ListOf) else written, None
                          if isinstance(kind, _ListOf) or prefix is None else f"{prefix}.{field_name}"))
    return list(places.items())


def _optional_model(kind: Any) -> type | None:
    options = kind.options if isinstance(kind, _OneOf) else (kind,)
    return next((o for o in options if _is_model(o)), None)


def _class_title(cls: type) -> str:
    """'EventsOfDefault' -> 'Events of default'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).capitalize()


def _summary(obj: Any, inherit: bool = True) -> str:
    doc = inspect.getdoc(obj) if inherit else obj.__doc__
    if not doc:
        return ""
    return " ".join(inspect.cleandoc(doc).split("\n\n", 1)[0].split())


def _cell(text: str) -> str:
    return text.replace("|", "&#124;").replace("\n", " ")


_ANNOTATION_WORDS = [(values.Money, "amount"), (values.Percent, "percentage"), (values.IsoDate, "date"),
                     (values.Count, "whole number"), (values.Text, "text")]


def _annotation_words(annotation: Any) -> str:
    """A field's type as a lawyer would say it: 'amount', 'list of text', 'Address, optional'."""
    for known, words_ in _ANNOTATION_WORDS:
        if annotation == known:
            return words_
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        text = " or ".join(_annotation_words(o) for o in options)
        return f"{text}, optional" if len(options) < len(typing.get_args(annotation)) else text
    if origin is list:
        return f"list of {_annotation_words(typing.get_args(annotation)[0])}"
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is Annotated:
        return _annotation_words(typing.get_args(annotation)[0])
    if _is_model(annotation):
        return _class_title(annotation)
    return {str: "text", bool: "yes/no", int: "whole number", Decimal: "number", date: "date"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def _type_words(kind: Any) -> str:
    if isinstance(kind, _ListOf):
        return f"list of {_type_words(kind.item)}"
    if isinstance(kind, _OneOf):
        return " or ".join(_type_words(o) for o in kind.options)
    if _is_model(kind):
        return _class_title(kind)
    return {str: "text", bool: "yes/no"}.get(kind, "value")
