"""The text of a Word (.docx) file as Word shows it: paragraphs with their numbers, in reading order.

What the checks in `dealdocs.checks.text` and the `dealdocs text` command read.

`read(source)` gives every paragraph as a `Paragraph`: its text, the label
Word draws before it from its list numbering ("Section 2.1", "(a)", see
`dealdocs.ooxml.numbering`), its style, its story and whether it sits in a
table. First the body: every top-level ``w:p``, including the paragraphs of
table cells (nested tables too), content controls and tracked insertions, in
document order; an empty paragraph is kept, so numbers are the document's.
Then the other stories, each part once, marked: the headers and footers in
the order the sections name them, then the footnotes and endnotes (the
separators Word draws are not notes); their empty paragraphs are left out.

A paragraph's text is its runs' ``w:t`` text, with a tab (``w:tab``) as a tab
character and a line or page break (``w:br``, ``w:cr``) as a space; a
non-breaking hyphen is "-". A field is read by its result (a cross-reference
shows "Section 2.1", not its code). Tracked deletions (``w:delText``), field
codes (``w:instrText``), the tab stops of a paragraph's properties and the
fallback copy of a drawing's text (``mc:Fallback``, which repeats its
``mc:Choice``) are not text, nor are e-signature anchors (white 1-point runs,
`dealdocs.ooxml.anchor_runs`), which print nothing. Comments are not read.

Asked for its `changes` (`dealdocs text`, which a reader of a redline runs),
a paragraph with tracked changes shows them as a word diff does: deleted text
"[-88-]", inserted "{+90+}".

`paragraphs(source)` is the body's text alone, without labels, for callers
that need only that. The work is one pass over each part: linear in the
document's size. A package that would unpack to too much is refused before
it is opened (`dealdocs.ooxml.limits`).
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from lxml import etree

from dealdocs.ooxml.anchor_runs import is_anchor_run, shown_paragraphs
from dealdocs.ooxml.active_content import declared_doctype
from dealdocs.ooxml.limits import DeclaresEntities, check_package
from dealdocs.ooxml.numbering import Numbering
from dealdocs.ooxml.parts import KNOWN_TYPES, Parts, SharedParts, open_parts
from dealdocs.ooxml.xml import child

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocumentObject

__all__ = ["STORIES", "Paragraph", "Source", "document_text", "paragraphs", "read"]

Source = Union[str, "os.PathLike[str]", bytes, "DocumentObject"]
"""A path to a .docx file, the bytes of one, an open binary file, or an open python-docx Document."""

STORIES = ("body", "header", "footer", "footnote", "endnote")
"""Where a paragraph is, in the order `read` gives them."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"w": _W, "mc": _MC}
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

_REFERENCES = etree.XPath(".//w:sectPr/w:headerReference | .//w:sectPr/w:footerReference", namespaces=_NS)
_T, _TAB, _BR, _CR = (f"{{{_W}}}{name}" for name in ("t", "tab", "br", "cr"))
_NO_BREAK_HYPHEN = f"{{{_W}}}noBreakHyphen"
_P_PR, _P_STYLE, _VAL, _TC = (f"{{{_W}}}{name}" for name in ("pPr", "pStyle", "val", "tc"))
_NOTE_TYPE = f"{{{_W}}}type"
_PIECES = {_TAB: "\t", _BR: " ", _CR: " ", _NO_BREAK_HYPHEN: "-"}
_RUN, _INS, _DEL, _DEL_TEXT = (f"{{{_W}}}{name}" for name in ("r", "ins", "del", "delText"))
_CHOICE, _FALLBACK = f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"
_CHANGES = etree.XPath("boolean(.//w:ins[.//w:r] | .//w:del[.//w:r])", namespaces=_NS)
_MARKED_PIECES = etree.XPath(
    ".//w:r/w:t | .//w:r/w:delText | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr | .//w:r/w:noBreakHyphen", namespaces=_NS)
_MARKS = {"": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as Word shows it."""

    text: str
    label: str = ""  # the number Word draws before it from its list numbering: "Section 2.1", "(a)"
    style: str = ""  # its paragraph style's id ("Heading1"), "" when it has none of its own
    story: str = "body"  # one of STORIES
    in_table: bool = False

    @property
    def shown(self) -> str:
        """The paragraph as Word draws it: "label<TAB>text", or the text when it has no label."""
        return sys.intern(f"{self.label}\t{self.text}") if self.label else self.text

    def __str__(self) -> str:
        return self.shown


def _document(source: Source) -> "DocumentObject":
    """An open python-docx Document for `source` (a path, bytes, an open file or a Document)."""
    if getattr(source, "element", None) is not None:
        return source  # already a Document
    from docx import Document  # imported here: python-docx is slow to import

    if isinstance(source, (bytes, bytearray)):
        check_package(source)  # a zip bomb is refused before anything is unpacked
        return Document(io.BytesIO(bytes(source)))
    if isinstance(source, (str, os.PathLike)):
        check_package(source)
        return Document(os.fspath(source))
    if hasattr(source, "read"):  # an open binary file
        check_package(source)
        return Document(source)
    raise TypeError(f"not a Word document, its bytes or a path: {type(source).__name__}")


def _text_of(pieces: Iterable[etree._Element]) -> str:
    """The text of a top-level ``w:p`` from its shown pieces (`anchor_runs.shown_paragraphs`): its runs' text, tabs
    and breaks, in order."""
    return "".join((piece.text or "") if piece.tag == _T else _PIECES[piece.tag] for piece in pieces)


def _marked(paragraph: etree._Element) -> str:
    """The paragraph's text with its tracked changes marked as a word diff marks them: "[-deleted-]{+inserted+}"
    (what `_text_of` reads, deleted text besides)."""
    out: list[str] = []
    mark = ""
    for piece in _MARKED_PIECES(paragraph):
        run = piece.getparent()
        if is_anchor_run(run):
            continue
        kind, node, shown = "", run, True
        while node is not paragraph:
            node = node.getparent()
            if node.tag == _FALLBACK and node.getparent().find(_CHOICE) is not None:
                shown = False  # repeats its mc:Choice
                break
            if not kind and node.tag in (_INS, _DEL):
                kind = "+" if node.tag == _INS else "-"
        if not shown or (kind != "-" and piece.tag == _DEL_TEXT):
            continue
        if kind != mark:
            out += [_MARKS[mark][1], _MARKS[kind][0]]
            mark = kind
        out.append((piece.text or "") if piece.tag in (_T, _DEL_TEXT) else _PIECES[piece.tag])
    out.append(_MARKS[mark][1])
    return "".join(out)


def _properties(paragraph: etree._Element) -> etree._Element | None:
    """The paragraph's ``w:pPr``: its first such child."""
    return child(paragraph, _P_PR)


def _style(properties: etree._Element | None) -> str:
    """The style id a paragraph's ``w:pPr`` names, "" for none."""
    style = child(properties, _P_STYLE) if properties is not None else None
    return (style.get(_VAL) or "") if style is not None else ""


def _in_table(paragraph: etree._Element) -> bool:
    return next(paragraph.iterancestors(_TC), None) is not None


def _related(document: "DocumentObject", kind: str) -> Iterator[object]:
    """The parts of the main document related to it as `kind` ("numbering", "footnotes" ...)."""
    for relationship in document.part.rels.values():
        if not relationship.is_external and relationship.reltype == _RELATIONSHIP + kind:
            yield relationship.target_part


def _numbering(document: "DocumentObject") -> Numbering:
    """The document's numbering, read once for all the documents that share its parts with their template (the
    notes of a deal: `render.renderer` shares the parts no render changes); its own parts are read each time."""
    numbering = next(_related(document, "numbering"), None)
    styles = next(_related(document, "styles"), None)
    own = document.part.package
    # The parts python-docx has parsed already are read as it parsed them (not written out and parsed again).
    if any(part is not None and part.package is own for part in (numbering, styles)):
        return Numbering(_parsed(numbering), _parsed(styles))
    return _SHARED_NUMBERING.get((numbering, styles), lambda: Numbering(_parsed(numbering), _parsed(styles))).fresh()


_SHARED_NUMBERING: SharedParts[Numbering] = SharedParts(16)


def _parsed(part: object | None) -> "etree._Element | bytes | None":
    if part is None:
        return None
    element = getattr(part, "element", None)
    return element if element is not None else part.blob


def _root(part: object) -> etree._Element | None:
    """A part's XML root: python-docx's own for the parts it knows, parsed safely for the rest."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        return etree.fromstring(part.blob, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _stories(
    body: etree._Element,
    by_id: Callable[[str], etree._Element | None],
    related: Callable[[str], Iterator[etree._Element]],
) -> Iterator[tuple[str, etree._Element]]:
    """(story, root) of each header and footer in the order the body's sections name them, then the notes.

    `by_id` gives the root of the part a relationship id names (None when there is none, or it is external);
    `related` the roots of the parts related to the main document as a kind ("footnotes")."""
    seen: set[str] = set()
    for reference in _REFERENCES(body):
        rid = reference.get(f"{{{_R}}}id")
        if not rid or rid in seen:
            continue
        seen.add(rid)
        root = by_id(rid)
        if root is not None:
            yield ("header" if reference.tag.endswith("headerReference") else "footer"), root
    for story in ("footnote", "endnote"):
        for root in related(story + "s"):
            for note in root.iterfind(f"{{{_W}}}{story}"):
                if note.get(_NOTE_TYPE) in (None, "normal"):
                    yield story, note


def _collected(body: etree._Element, numbering: Numbering, stories: Iterable[tuple[str, etree._Element]],
               changes: bool = False) -> list[Paragraph]:
    """The body's paragraphs, each with the label Word draws for it, then the non-empty ones of the `stories`; with
    their tracked `changes` marked (`_marked`) when asked."""
    found: list[Paragraph] = []
    for p, pieces in shown_paragraphs(body):  # the paragraphs and their text, found in one walk
        properties = _properties(p)  # once, for its label and its style
        label = numbering.label_of_properties(properties)
        # interned: a deal's notes repeat their paragraphs, and what is read of them is sent between processes once
        text = _marked(p) if changes and _CHANGES(p) else _text_of(pieces)
        found.append(Paragraph(sys.intern(text), label, _style(properties), "body", _in_table(p)))
    for story, root in stories:
        for p, pieces in shown_paragraphs(root):
            text = _marked(p) if changes and _CHANGES(p) else _text_of(pieces)
            if text.strip():
                found.append(Paragraph(text, "", _style(_properties(p)), story, _in_table(p)))
    return found


def read(source: Source, *, changes: bool = False) -> list[Paragraph]:
    """Every paragraph of the document as Word shows it: the body, then headers, footers and notes; their tracked
    changes marked when `changes` (`_marked`), else the text with them accepted.

    `source` is a path to a .docx file, its bytes, an open binary file, or a
    python-docx Document. A file that is not a Word document raises the error
    python-docx or the zip reader gives, and one that would unpack to too much
    raises `dealdocs.ooxml.limits.PackageTooLarge`, and one whose XML declares a document type
    `DeclaresEntities` (both `PackageRefused`; callers that must not fail
    catch them).
    """
    if not hasattr(source, "element"):
        check_package(source)  # a zip bomb is refused before anything is unpacked
        _refuse_declarations(source)
        parts = open_parts(source)
        if parts is not None:
            try:
                return _read_parts(parts, changes)
            except (etree.XMLSyntaxError, ValueError, KeyError, OSError, zipfile.BadZipFile):
                pass  # python-docx opens it below, and says what is wrong
            finally:
                parts.archive.close()
        if hasattr(source, "seek"):
            source.seek(0)
    document = _document(source)
    rels = document.part.rels

    def by_id(rid: str) -> etree._Element | None:
        relationship = rels.get(rid)
        return None if relationship is None or relationship.is_external else _root(relationship.target_part)

    def related(kind: str) -> Iterator[etree._Element]:
        return (root for part in _related(document, kind) if (root := _root(part)) is not None)

    body = document.element.body
    return _collected(body, _numbering(document), _stories(body, by_id, related), changes)


def _refuse_declarations(source: Source) -> None:
    """Raise `DeclaresEntities` when an XML part of the Word file at `source` declares a document type: its
    entities would stand for text no reader here shows ("Two Million Dollars (&amt;)"), and the checks would
    pass a sentence the page prints otherwise. A file that is not a zip is left to the readers to refuse."""
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(io.BytesIO(bytes(source)) if isinstance(source, (bytes, bytearray)) else source) as archive:
            name = declared_doctype(archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    finally:
        if position is not None:
            source.seek(position)
    if name is not None:
        raise DeclaresEntities(
            f"its XML declares a document type ({name}), which Word never writes: the entities declared there can "
            "stand for text the pages show and this reader would not; open it in Word and save it again as a .docx file")


def _read_parts(parts: Parts, changes: bool = False) -> list[Paragraph]:
    """`read` of a package opened by `open_parts`: the same paragraphs, without python-docx's objects."""
    root = parts.xml(parts.main, _PARSER)
    body = root.find(f"{{{_W}}}body") if root is not None else None
    if body is None:
        raise ValueError("no body")
    numbering_part, styles_part = parts.first("numbering"), parts.first("styles")
    numbering = Numbering(parts.blob(numbering_part) if numbering_part else None,
                          parts.blob(styles_part) if styles_part else None)

    def by_id(rid: str) -> etree._Element | None:
        name = parts.by_id(rid)
        return _parsed_part(parts, name) if name else None

    def related(kind: str) -> Iterator[etree._Element]:
        roots = (_parsed_part(parts, name) for _, k, name in parts.related if k == kind)
        return (root for root in roots if root is not None)

    return _collected(body, numbering, _stories(body, by_id, related), changes)


def _parsed_part(parts: Parts, name: str) -> etree._Element | None:
    """As `_root`: a part python-docx knows as it parses it; any other safely, None if it is not XML."""
    try:
        return parts.xml(name, _PARSER)
    except etree.XMLSyntaxError:
        if parts.types.get(name.lower()) in KNOWN_TYPES:
            raise  # python-docx would have refused the file: so does `read`, through it
        return None


def paragraphs(source: Source) -> list[str]:
    """The body's paragraphs as text, in reading order, table cells included, without labels.

    An empty paragraph is an empty string (paragraph numbers stay those of the
    document). Raises as `read` does.
    """
    return [_text_of(pieces) for _, pieces in shown_paragraphs(_document(source).element.body)]


def document_text(source: Source) -> str:
    """The document as Word shows it, one paragraph a line: "label<TAB>text" where Word numbers it,
    then each header, footer and note paragraph marked with its story ("[footer] Page 1"); tracked changes
    marked "[-deleted-]{+inserted+}"."""
    return "\n".join(p.shown if p.story == "body" else f"[{p.story}] {p.shown}" for p in read(source, changes=True))
