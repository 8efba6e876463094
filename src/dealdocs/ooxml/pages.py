"""The pages of a Word document, as its hard breaks make them, and the lines on each.

A Word file has no pages until it is laid out, but a signature page or an
exhibit starts at a break Word always honours:

1. The body is cut into pages at every hard page break: a paragraph with
   ``pageBreakBefore`` (set on the paragraph or inherited from its style), a
   ``w:br w:type="page"`` run (the paragraph is split in two there, at any
   depth of runs), and a section break other than a continuous one. Tables and
   other blocks are kept whole on their page.
2. The first page, after the first, that opens with an attachment label (a
   paragraph in a style named like "Exhibit ..." or reading "Exhibit A",
   "Schedule I", "Annex 1", ... in a few words) starts the exhibits and
   schedules; every page from there on is an attachment.

Each page knows the section it starts in (the ``w:sectPr`` that closes it:
in the last paragraph of a section, or the body's own for the last), which
says its page size and margins. Each paragraph is read as lines (a line break
inside a paragraph starts a new line). Reading is structural and read-only: a page's elements are the body's
own, except a paragraph split at a page break, which is a copy.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from dealdocs.ooxml.anchor_runs import shown_paragraphs
from dealdocs.ooxml.parts import SharedParts
from dealdocs.ooxml.xml import NS as _NS
from dealdocs.ooxml.xml import child, qn

_PAGE_BREAKS = etree.XPath(".//w:br[@w:type='page'][not(ancestor::mc:Fallback)]", namespaces=_NS)
_HAS_CONTENT = etree.XPath(
    "boolean(.//w:t[normalize-space(.) != ''] | .//w:drawing | .//w:pict | .//w:object)", namespaces=_NS
)
_OFF = ("0", "false", "off")
_T, _TAB, _BREAKS = qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))
_P, _P_PR, _P_STYLE, _VAL, _SECT_PR = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:sectPr")
_BR, _TYPE, _BASED_ON = qn("w:br"), qn("w:type"), qn("w:basedOn")


def line_nodes(element: Any) -> list[list[Any]]:
    """The text nodes of a body element, line by line (`lines_of`): what a reader sees (`anchor_runs.shown_paragraphs`:
    a run's text, tabs, breaks and non-breaking hyphens; no anchor run, no drawing's fallback content)."""
    lines: list[list[Any]] = []
    for _, pieces in shown_paragraphs(element):
        _add_lines(pieces, lines)
    return lines


def _add_lines(pieces: list[Any], lines: list[list[Any]]) -> None:
    """A paragraph's shown pieces added to `lines`, cut into lines at its breaks."""
    current: list[Any] = []
    for node in pieces:
        if node.tag in _BREAKS:
            lines.append(current)
            current = []
        else:
            current.append(node)
    lines.append(current)


def node_text(node: Any) -> str:
    """What a text node of `line_nodes` reads: its text, a tab as a space, a non-breaking hyphen as '-'."""
    tag = node.tag
    return (node.text or "") if tag == _T else " " if tag == _TAB else "-"


def lines_of(element: Any) -> list[str]:
    """The text of a body element as lines: each paragraph, cut at its line breaks (table cells included)."""
    return ["".join(node_text(node) for node in line) for line in line_nodes(element)]


class Styles:
    """Paragraph properties a paragraph gets from its style chain (basedOn), for flags such as keepNext."""

    def __init__(self, styles: Any):
        """`styles`: the w:styles element of the document's styles part (`document.styles.element`)."""
        self.by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
        self.default = next(
            (sid for sid, s in self.by_id.items()
             if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) not in (None, *_OFF)),
            None,
        )
        self._flags: dict[tuple[str | None, str], bool] = {}
        self._names: dict[str | None, str] = {}

    def flag(self, paragraph: Any, name: str) -> bool:
        """Whether the on/off paragraph property `name` ('keepNext', 'pageBreakBefore') is on."""
        if paragraph.tag != _P:
            return False
        style_id = self.default
        ppr = child(paragraph, _P_PR)
        if ppr is not None:
            direct = child(ppr, qn(f"w:{name}"))
            if direct is not None:
                return direct.get(_VAL, "true").lower() not in _OFF
            style = child(ppr, _P_STYLE)
            if style is not None:
                style_id = style.get(_VAL)
        return self._style_flag(style_id, name)

    def _style_flag(self, style_id: str | None, name: str) -> bool:
        """Whether the style `style_id` or a style it is based on turns `name` on (read once a style)."""
        known = self._flags.get((style_id, name))
        if known is None:
            known = self._flags[(style_id, name)] = self._chain_flag(style_id, name)
        return known

    def _chain_flag(self, style_id: str | None, name: str) -> bool:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                break
            properties = child(style, _P_PR)  # `child`, not `find` with a path: asked of each style of each document
            found = child(properties, qn(f"w:{name}")) if properties is not None else None
            if found is not None:
                return found.get(_VAL, "true").lower() not in _OFF
            based = child(style, _BASED_ON)
            style_id = based.get(_VAL) if based is not None else None
        return False

    def style_name(self, paragraph: Any) -> str:
        """The name of the paragraph's style (its own, else the default), "" for none; each style's read once (asked
        of the first paragraph of each of the 5,000 signature pages of an agreement)."""
        ppr = child(paragraph, _P_PR) if paragraph.tag == _P else None
        style = child(ppr, _P_STYLE) if ppr is not None else None
        style_id = style.get(_VAL) if style is not None else self.default
        known = self._names.get(style_id)
        if known is None:
            element = self.by_id.get(style_id)
            name = element.find(qn("w:name")) if element is not None else None
            known = self._names[style_id] = (name.get(qn("w:val")) if name is not None else "") or ""
        return known


def _cut(paragraph: Any, br: Any) -> tuple[Any, Any]:
    """`paragraph` as two copies: what comes before the page break `br`, and what comes after it."""
    path: list[int] = []
    node = br
    while node is not paragraph:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    path.reverse()

    def locate(root: Any) -> Any:
        found = root
        for index in path:
            found = found[index]
        return found

    keep = (qn("w:pPr"), qn("w:rPr"))
    before, after = deepcopy(paragraph), deepcopy(paragraph)
    node = locate(before)
    for sibling in list(node.itersiblings()):
        sibling.getparent().remove(sibling)
    parent = node.getparent()
    parent.remove(node)
    node = parent
    while node is not before:
        for sibling in list(node.itersiblings()):
            node.getparent().remove(sibling)
        node = node.getparent()
    section = before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if section is not None:
        section.getparent().remove(section)
    node = locate(after)
    first = True
    while node is not after:
        for sibling in list(node.itersiblings(preceding=True)):
            if sibling.tag not in keep:
                sibling.getparent().remove(sibling)
        parent = node.getparent()
        if first:
            parent.remove(node)
            first = False
        node = parent
    return before, after


def _split_at_page_breaks(paragraph: Any) -> list[Any | None]:
    """The pieces of a paragraph between its page breaks (None for a piece with nothing in it)."""
    if not any(br.get(_TYPE) == "page" for br in paragraph.iter(_BR)) or not _PAGE_BREAKS(paragraph):
        return [paragraph]  # the first test is quick, and nearly every paragraph has no page break
    pieces: list[Any | None] = []
    rest = paragraph
    while True:
        breaks = _PAGE_BREAKS(rest)
        if not breaks:
            break
        before, rest = _cut(rest, breaks[0])
        pieces.append(before if _HAS_CONTENT(before) else None)
    pieces.append(rest if _HAS_CONTENT(rest) else None)
    return pieces


def _breaks_page(section: Any) -> bool:
    """Whether a paragraph whose own w:sectPr is `section` ends its page: any section break but a continuous one."""
    kind = child(section, _TYPE)
    return kind is None or kind.get(_VAL) != "continuous"


def split_pages(body: Any, styles: Styles) -> list[list[Any]]:
    """The body's top-level elements grouped by page (see the module's docstring, step 1)."""
    return [elements for elements, _ in _split_pages(body, styles)]


def _sections(body: Any, owns: list[Any]) -> list[Any]:
    """The w:sectPr of each top-level element's section, in body order: the first one at or after it (in a
    paragraph's w:pPr, closing the section that paragraph ends), else the body's own, the last section's;
    `owns`: each element's own (`_own_section`, None for none)."""
    found: list[Any] = []
    current = body.find(_SECT_PR)
    for own in reversed(owns):
        current = own if own is not None else current
        found.append(current)
    return found[::-1]


def _own_section(paragraph: Any) -> Any:
    """The w:sectPr in a paragraph's w:pPr, or None: what find("w:pPr/w:sectPr") gives, in C."""
    return next((found for ppr in paragraph.iterchildren(_P_PR) for found in ppr.iterchildren(_SECT_PR)), None)


def _split_pages(body: Any, styles: Styles) -> list[tuple[list[Any], Any]]:
    """`split_pages`, each page with the w:sectPr of the section it starts in (None in a body without one).

    Each paragraph's own w:sectPr is looked for once, for the sections and for the page a section break ends
    (looking twice was 9 % of the instructions of a note's pages)."""
    children = list(body)
    owns = [_own_section(element) if element.tag == _P else None for element in children]
    sections_of = _sections(body, owns)
    pages: list[list[Any]] = [[]]
    sections: list[Any] = [None]

    def add(piece: Any, index: int) -> None:
        if not pages[-1]:
            sections[-1] = sections_of[index]
        pages[-1].append(piece)

    def new_page() -> None:
        pages.append([])
        sections.append(None)

    for index, element in enumerate(children):
        if element.tag == _SECT_PR:
            continue
        if element.tag != _P:
            add(element, index)
            continue
        if pages[-1] and styles.flag(element, "pageBreakBefore"):
            new_page()
        for number, piece in enumerate(_split_at_page_breaks(element)):
            if number and pages[-1]:
                new_page()
            if piece is not None:
                add(piece, index)
        if owns[index] is not None and _breaks_page(owns[index]) and pages[-1]:
            new_page()
    return [(page, section) for page, section in zip(pages, sections) if page]


_ATTACHMENT_LABEL = re.compile(
    r"^(exhibit|schedule|annex|appendix|attachment)\s+[a-z0-9][a-z0-9.\-]*\b(\s+to\s+.{1,60})?$", re.IGNORECASE
)


def _first_text(lines: list[tuple[Any, str]]) -> tuple[Any, str] | None:
    """The first element of a page that reads as anything, and what it reads (its lines joined, single-spaced),
    given the page's lines with the element each is in."""
    by_element: dict[Any, list[str]] = {}
    for element, line in lines:
        by_element.setdefault(element, []).append(line)
    for element, element_lines in by_element.items():
        text = " ".join(" ".join(element_lines).split())
        if text:
            return element, text
    return None


def _is_attachment(lines: list[tuple[Any, str]], styles: Styles) -> bool:
    first = _first_text(lines)
    if first is None:
        return False
    element, text = first
    return bool(_ATTACHMENT_LABEL.match(text)) or "exhibit" in styles.style_name(element).lower()


@dataclass
class Page:
    """One page of a document: its top-level body elements (a split paragraph as a copy), its lines, the text
    nodes of each line with the element that holds them (`line_nodes`, for the anchors put on signature lines),
    and the w:sectPr of the section it starts in (the body's own element; its page size, margins, columns: None
    in a body without one)."""

    elements: list[Any]
    lines: list[str]
    attachment: bool
    nodes: list[tuple[Any, list[Any]]]
    section: Any = None


def document_styles(document: DocumentObject) -> Styles:
    """The `Styles` of `document`: read once for all the documents that share their styles part with their template
    (the notes of a deal: `render.renderer` shares the parts no render changes); its own part is read each time."""
    try:
        part = document.part.part_related_by(RT.STYLES)
    except KeyError:  # none: python-docx adds a default one
        part = None
    if part is None or part.package is document.part.package:
        return Styles(document.styles.element)
    return _SHARED_STYLES.get((part,), lambda: Styles(part.element))


_SHARED_STYLES: SharedParts[Styles] = SharedParts(16)


def document_pages(document: DocumentObject) -> list[Page]:
    """Every page of `document`'s body; `attachment` marks the exhibits and schedules at its end."""
    styles = document_styles(document)
    pages = []
    in_attachments = False
    for number, (elements, section) in enumerate(_split_pages(document.element.body, styles)):
        nodes = [(element, line) for element in elements for line in line_nodes(element)]
        lines = ["".join(node_text(node) for node in line) for _, line in nodes]
        in_attachments = in_attachments or (number > 0 and _is_attachment(
            [(element, line) for (element, _), line in zip(nodes, lines)], styles))
        pages.append(Page(elements, lines, in_attachments, nodes, section))
    return pages


def attachment_labels(pages: list[Page]) -> list[str]:
    """The exhibits and schedules among `pages`: ['Exhibit A: Release Notice', ...]."""
    labels = []
    for page in pages:
        if not page.attachment:
            continue
        texts = [" ".join(line.split()) for line in page.lines if line.strip()]
        label = _ATTACHMENT_LABEL.match(texts[0]) if texts else None
        if not label:
            continue
        name = f"{label.group(1).title()} {texts[0].split()[1]}"
        short = next((text for text in texts[1:] if len(text.split()) <= _CAPTION_WORDS  # not a legend, nor the
                      and not _TO_DOCUMENT.match(text)), "")  # agreement it is attached to ("to Escrow Agreement ...")
        caption = _caption(short) if short else ""
        labels.append(f"{name}: {caption}" if caption else name)
    return labels


_CAPTION_WORDS = 12  # an exhibit's caption is a short line: a legend above it is not its name
_TO_DOCUMENT = re.compile(r"to\s+(?:the\s+)?[A-Z]")  # under its label, what it is attached to: "to Escrow Agreement dated ..."


def _caption(text: str) -> str:
    """'[FORM OF NOTE]' -> 'Form of Note'; '[To be attached: the X dated ...]' -> 'The X dated ...'."""
    text = text.strip().strip("[]").strip().rstrip(".")
    text = re.sub(r"^to be attached:\s*", "", text, flags=re.IGNORECASE)
    if text.isupper():
        small = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
        text = " ".join(w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(text.split()))
    if len(text) > 80:
        text = text[:77].rsplit(" ", 1)[0] + "..."
    return text[:1].upper() + text[1:]


