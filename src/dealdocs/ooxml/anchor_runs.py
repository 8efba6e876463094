"""Anchor runs: text on a signature line that prints nothing, but that an e-signature service finds.

An anchor run is a run of white, 1-point text (``w:color FFFFFF``, ``w:sz``
at most 2 half-points): invisible on paper and on screen, yet in the PDF's
text, where DocuSign's and Adobe Sign's anchor search finds it
(`closing.anchors` says what the strings are). `insert_anchor` puts one just
before the underscores of a signature line, splitting the run that holds them.

Readers leave anchor runs out (`ooxml.pages`, `ooxml.text`): the line
"By: ______" stays a signature line for the signature-page checks, and every
check and command reads what a reader of the page sees. `without_anchors`
gives a document without them, for a redline, which shows what prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from copy import deepcopy
from functools import lru_cache
from typing import Any

from lxml import etree

from dealdocs.ooxml.xml import NS, XML_SPACE, child, qn

WHITE = "FFFFFF"
HALF_POINTS = 2  # 1 point


_R_PR, _COLOR, _SIZE, _VAL = qn("w:rPr"), qn("w:color"), qn("w:sz"), qn("w:val")  # asked of every run read


def is_anchor_run(run: Any) -> bool:
    """Whether the ``w:r`` `run` is white text of at most 1 point (see the module docstring)."""
    properties = child(run, _R_PR)
    if properties is None:
        return False
    color = child(properties, _COLOR)  # most runs are not white: their size is not asked
    if color is None or (color.get(_VAL) or "").upper() != WHITE:
        return False
    size = child(properties, _SIZE)
    if size is None:
        return False
    value = size.get(_VAL) or ""
    return value.isdigit() and int(value) <= HALF_POINTS


_PIECES = tuple(qn(f"w:{name}") for name in ("t", "tab", "br", "cr", "noBreakHyphen"))
_RUN, _FALLBACK = qn("w:r"), qn("mc:Fallback")
# A paragraph's pieces of text in order: a run's own w:t, w:tab, w:br, w:cr and w:noBreakHyphen (a w:tab in
# w:pPr/w:tabs is a tab stop, not text), none under an mc:Fallback within it that has an mc:Choice beside it (it
# repeats the choice's text); a fallback alone is what Word shows.
_PIECES_OUTSIDE_FALLBACK = etree.XPath(
    "(.//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr | .//w:r/w:noBreakHyphen)"
    "[not(ancestor::mc:Fallback[ancestor::w:p][../mc:Choice])]",
    namespaces=NS,
)


def shown_pieces(paragraph: Any) -> Iterator[Any]:
    """The pieces of text of a paragraph that a reader of the page sees, in order (`_PIECES_OUTSIDE_FALLBACK`),
    anchor runs left out: what `ooxml.text` and `ooxml.pages` read.

    Each run is tested once for being an anchor, not once for each of its
    pieces. A paragraph without ``mc:Fallback`` (nearly every one) is walked
    in document order, keeping the pieces whose parent is a run: what the
    XPath selects there, without its ancestor test.
    """
    pieces: Iterable[Any]
    if next(paragraph.iter(_FALLBACK), None) is None:
        pieces = paragraph.iter(*_PIECES)
    else:
        pieces = _PIECES_OUTSIDE_FALLBACK(paragraph)
    run, skipped = None, False
    for piece in pieces:
        parent = piece.getparent()
        if parent is not run:
            run = parent
            skipped = parent.tag != _RUN or is_anchor_run(parent)  # only a run's own pieces are text
        if not skipped:
            yield piece


_P = qn("w:p")
_WALKED = (_P, _FALLBACK, *_PIECES)


def shown_paragraphs(root: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Each paragraph of `root` that no other paragraph holds (`xml.top_paragraphs`), in document order, with its
    shown pieces (`shown_pieces`).

    One walk of `root` for all of them: lxml sets up each search by tag anew, which, once for each paragraph and
    each of its runs (for `is_anchor_run`), was most of reading a note. The anchor runs are found first, from the
    white colours of `root`; a paragraph that holds an ``mc:Fallback`` is read by `shown_pieces`. Each paragraph is
    given as soon as it is read, so that a long document's pieces are not all held at once.
    """
    if next(root.iterancestors(_P), None) is not None:
        return  # held by a paragraph: none of its paragraphs is
    anchors = _anchor_runs(root)
    paragraph: Any = None
    pieces: list[Any] = []
    fallback = False
    run, skipped = None, False
    holder = None if root.tag == _P else root  # a paragraph whose parent it is is outermost
    for node in root.iter(*_WALKED):
        tag = node.tag
        if tag == _P:
            if node.getparent() is holder or _outermost(node, root):  # most are the root's own
                if paragraph is not None:
                    yield paragraph, list(shown_pieces(paragraph)) if fallback else pieces
                paragraph, pieces, fallback = node, [], False
            continue
        if paragraph is None:  # before the first paragraph: in none
            continue
        if tag == _FALLBACK:
            fallback = True
            continue
        parent = node.getparent()
        if parent is not run:
            run = parent
            skipped = parent.tag != _RUN or parent in anchors or (
                parent.getparent() is not paragraph and not _in_paragraph(parent, paragraph, root))  # most are its own
        if not skipped:
            pieces.append(node)
    if paragraph is not None:
        yield paragraph, list(shown_pieces(paragraph)) if fallback else pieces


def _anchor_runs(root: Any) -> set[Any]:
    """The anchor runs below `root` (`is_anchor_run`): each has a white colour in its properties."""
    found = set()
    for color in root.iter(_COLOR):
        if (color.get(_VAL) or "").upper() == WHITE:
            properties = color.getparent()
            run = properties.getparent() if properties.tag == _R_PR else None
            if run is not None and run.tag == _RUN and is_anchor_run(run):
                found.add(run)  # kept: the same object for the run while it is here
    return found


def _outermost(paragraph: Any, root: Any) -> bool:
    """Whether no paragraph holds `paragraph` (`root` or below it; no paragraph holds `root`)."""
    node = paragraph
    while node is not root:
        node = node.getparent()
        if node.tag == _P:
            return False
    return True


def _in_paragraph(run: Any, paragraph: Any, root: Any) -> bool:
    """Whether `run`, met after the outermost `paragraph` began, is in it: in a paragraph at all (any after it
    holding the run would have been met first), which is nearly always its parent."""
    node = run
    while node is not root:
        node = node.getparent()
        if node is paragraph or node.tag == _P:
            return True
    return False


def insert_anchor(text_node: Any, offset: int, anchor: str) -> None:
    """Put an anchor run reading `anchor` at character `offset` of the ``w:t`` `text_node`.

    The node's run is split there: what comes before the offset (earlier
    children of the run, and the node's text up to the offset) moves into a
    copy of the run placed before it, then comes the anchor run (the run's
    font, white, 1 point), then the rest of the run as it was.
    """
    run = text_node.getparent()
    properties = run.find(qn("w:rPr"))
    before = _element("w:r")
    if properties is not None:
        before.append(deepcopy(properties))
    for item in list(run):
        if item is text_node:
            break
        if item is not properties:
            before.append(item)
    head, text_node.text = (text_node.text or "")[:offset], (text_node.text or "")[offset:]
    text_node.set(XML_SPACE, "preserve")
    if head:
        before.append(_text(head))
    if len(before) > (properties is not None):
        run.addprevious(before)
    run.addprevious(_anchor_run(anchor, properties))


def _anchor_run(anchor: str, like: Any) -> Any:
    """A run of `anchor` in the font of the run properties `like`, white, 1 point: a copy of `_blank_anchor_run`
    (one copy, where making each element anew made a document for each: most of placing 5,000 anchors)."""
    run = deepcopy(_blank_anchor_run())
    fonts = like.find(qn("w:rFonts")) if like is not None else None
    if fonts is not None:
        run[0].insert(0, deepcopy(fonts))  # the font first in the run's properties
    run[1].text = anchor
    return run


@lru_cache(maxsize=1)
def _blank_anchor_run() -> Any:
    """An anchor run without text or font: white, 1 point. Made once, never changed: only copies of it are used."""
    run = _element("w:r")
    properties = _element("w:rPr")
    color = _element("w:color")
    color.set(qn("w:val"), WHITE)
    properties.append(color)
    for name in ("w:sz", "w:szCs"):
        size = _element(name)
        size.set(qn("w:val"), str(HALF_POINTS))
        properties.append(size)
    run.append(properties)
    run.append(_text(""))
    return run


def _text(value: str) -> Any:
    node = _element("w:t")
    node.set(XML_SPACE, "preserve")
    node.text = value
    return node


def _element(name: str) -> Any:
    """A new element named `name` ("w:r"), as python-docx's `OxmlElement` makes it (of its classes, its prefix
    declared on it), without parsing the name each time."""
    from docx.oxml.parser import oxml_parser  # here: python-docx is slow to import, and the readers need none of it

    prefix, _, _ = name.partition(":")
    return oxml_parser.makeelement(qn(name), nsmap={prefix: NS[prefix]})


def without_anchors(data: bytes) -> bytes:
    """The .docx `data` with its body's anchor runs removed (the same bytes when it has none)."""
    import io

    from docx import Document

    from dealdocs.ooxml.package import save

    document = Document(io.BytesIO(data))
    anchors = [run for run in document.element.body.iter(qn("w:r")) if is_anchor_run(run)]
    if not anchors:
        return data
    for run in anchors:
        run.getparent().remove(run)
    return save(document)
