"""The stretches of a document that changed, redlined alone and put back in place.

The redline engine takes time with the whole of a long document (20 s for the
note purchase agreement of 2,000 purchasers), most of which reads the same in
both versions. Here the top-level blocks of the two bodies (paragraphs,
tables) are matched; each changed stretch, with a few unchanged blocks on
either side, goes into one shorter document per version, the stretches parted
by marker paragraphs; the engine redlines those, and the redline of each
stretch takes the stretch's place in the new document, whose other blocks are
unchanged by definition. The other parts come from the engine's output, as
they do when it redlines the whole.

Within a changed stretch the engine pairs paragraphs its own way, and where
a party was put in among others that read alike it pairs the wrong ones: the
notice provision of the party put in second read as the one before it
renamed ("If to ~~Quarry Lane Fund~~ Oak Street Ventures, LLC"), and that one's
as added. So where a stretch has more paragraphs in one version than in the
other, each is paired with the paragraph of the other version it reads most
like (`_pairs`), and a marker is put before each pair in both versions: the
engine then marks the new party's paragraphs added whole, and the other's
"(~~c~~d)" only.

Whenever that cannot be done faithfully the whole documents are redlined:
parts other than the body (headers, footers, notes, styles) changed, the
section properties changed, a marker paragraph did not come through exactly as
it went in, or the result refers to a note, comment, relationship or
bookmark it does not hold once.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from dealdocs.ooxml.package import packed, unzipped
from dealdocs.ooxml.xml import NS, PACKAGE_RELATIONSHIPS, R_ATTRIBUTES, qn

__all__ = ["reduced_pair", "spliced"]

CONTEXT = 2
"""Unchanged blocks kept on each side of a changed stretch, for the engine to align the stretch by."""

_MARKER = "dealdocs stretch end "
_DOCUMENT = "word/document.xml"
_REVISIONS = tuple(qn(f"w:{name}") for name in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange"))
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)


@dataclass
class _Unit:
    """What the two bodies are matched by: a block, or, inside a long table, the table's opening (its
    properties and grid), one of its rows, or its close."""

    kind: str  # "block", "open", "row" or "close"
    element: Any  # the block, table or row
    table: Any | None  # the table of an opening, row or close
    key: bytes


@dataclass
class _Segment:
    """Blocks of the body, or rows of one table, next to each other: what one stretch is made of."""

    kind: str  # "blocks" or "rows"
    table: Any | None
    elements: list[Any]


@dataclass
class Stretches:
    """What `reduced_pair` cut out, to put the engine's redline of it back (`spliced`): the new document.xml,
    as bytes (a parsed agreement of 5,000 purchasers is a hundred megabytes; it is parsed again to splice),
    and where each segment of its stretches stands, in order, each parted from the next by a marker: (the
    index of its table among the body's blocks, None for blocks of the body; the index of its first block or
    row in the body or table; how many)."""

    document: bytes
    places: list[tuple[int | None, int, int]]


def _place(segment: _Segment, body: Any) -> tuple[int | None, int, int]:
    if segment.kind == "rows":
        return body.index(segment.table), segment.table.index(segment.elements[0]), len(segment.elements)
    return None, body.index(segment.elements[0]), len(segment.elements)


_TABLE_PARTS = (qn("w:tblPr"), qn("w:tblGrid"), qn("w:tr"))
ROWS_TO_SPLIT = 20
"""A table of at least this many rows is matched row by row (the schedule of 5,000 purchasers), not whole."""


def _blocks(root: Any) -> tuple[Any, list[Any], Any | None]:
    body = root.find(qn("w:body"))
    children = [] if body is None else list(body)
    section = children.pop() if children and children[-1].tag == qn("w:sectPr") else None
    return body, children, section


def _units(blocks: list[Any], by_rows: bool) -> list[_Unit]:
    units = []
    for block in blocks:
        rows = [child for child in block if child.tag == qn("w:tr")] if by_rows and block.tag == qn("w:tbl") else []
        if len(rows) >= ROWS_TO_SPLIT and all(child.tag in _TABLE_PARTS for child in block):
            shell = b"".join(etree.tostring(child) for child in block if child.tag != qn("w:tr"))
            units.append(_Unit("open", block, block, b"open " + shell))
            units += [_Unit("row", row, block, etree.tostring(row)) for row in rows]
            units.append(_Unit("close", block, block, b"close"))
        else:
            units.append(_Unit("block", block, None, etree.tostring(block)))
    return units


def _changed_ranges(old: list[_Unit], new: list[_Unit],
                    opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]] | None:
    """The changed stretches as (old start, old end, new start, new end), each widened by CONTEXT unchanged
    units and merged with its neighbour where they meet (what lies between two is the same in both); None
    when a table opens or closes in a changed stretch (matched row by row, it must be the same table)."""
    ranges: list[list[int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if any(u.kind in ("open", "close") for u in old[i1:i2] + new[j1:j2]):
            return None
        widened = [max(0, i1 - CONTEXT), min(len(old), i2 + CONTEXT), max(0, j1 - CONTEXT), min(len(new), j2 + CONTEXT)]
        if ranges and (widened[0] <= ranges[-1][1] or widened[2] <= ranges[-1][3]):
            ranges[-1][1], ranges[-1][3] = widened[1], widened[3]
        else:
            ranges.append(widened)
    return [(a, b, c, d) for a, b, c, d in ranges]


def _segments(units: list[_Unit]) -> list[_Segment]:
    """A stretch's units as segments: blocks together; a table's rows together (rows not yet in a segment of
    their table, after an opening or at the stretch's start, begin one; a close ends it)."""
    segments: list[_Segment] = []
    open_table = None
    for unit in units:
        if unit.kind == "block":
            if not segments or segments[-1].kind != "blocks":
                segments.append(_Segment("blocks", None, []))
            segments[-1].elements.append(unit.element)
        elif unit.kind == "close":
            open_table = None
        else:
            if open_table is not unit.table:
                segments.append(_Segment("rows", unit.table, []))
                open_table = unit.table
            if unit.kind == "row":
                segments[-1].elements.append(unit.element)
    return segments


def _marker(number: int) -> Any:
    paragraph = etree.Element(qn("w:p"))
    etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:t")).text = f"{_MARKER}{number}"
    return paragraph


def _serialized(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cut(root: Any, segments: list[_Segment], section: Any | None) -> bytes:
    """document.xml holding copies of the segments only, each parted from the next by a marker (the tree is
    not changed: taking 6,000 blocks out of a parsed agreement costs seconds, copying a few does not)."""
    cut = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        if child.tag != qn("w:body"):
            cut.append(copy.deepcopy(child))
    body = etree.SubElement(cut, qn("w:body"))
    for number, segment in enumerate(segments):
        if number:
            body.append(_marker(number - 1))
        holder = body
        if segment.kind == "rows":
            holder = etree.SubElement(body, qn("w:tbl"))
            for child in segment.table:
                if child.tag != qn("w:tr"):
                    holder.append(copy.deepcopy(child))
        for element in segment.elements:
            holder.append(copy.deepcopy(element))
    if section is not None:
        body.append(copy.deepcopy(section))
    return _serialized(cut)


SIMILAR = 0.6
"""How alike two paragraphs must be (difflib's ratio of their words) to be paired as one paragraph changed."""
MAX_PAIRINGS = 400
"""The most pairs of paragraphs weighed in one changed stretch (its paragraphs in one version times the other's);
a larger stretch is left to the engine's pairing."""
_WORD = re.compile(r"\w+|[^\w\s]")


def _words_of(unit: _Unit) -> tuple[str, ...]:
    return tuple(_WORD.findall(_text(unit.element))) if unit.kind == "block" and unit.element.tag == qn("w:p") else ()


def _likeness(one: tuple[str, ...], other: tuple[str, ...]) -> float:
    """difflib's ratio of two paragraphs' words when at least SIMILAR (cheap bounds first), else 0; 0 for an empty
    paragraph."""
    if not one or not other:
        return 0.0
    matcher = difflib.SequenceMatcher(None, one, other, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILAR else 0.0


def _pairs(old: list[_Unit], new: list[_Unit]) -> list[tuple[int, int]]:
    """The pairs (old index, new index), in order, of paragraphs at least SIMILAR alike, chosen for the most
    likeness in all: what each old paragraph became, where the versions hold different numbers of them."""
    olds, news = [_words_of(u) for u in old], [_words_of(u) for u in new]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for x in range(1, len(old) + 1):
        for y in range(1, len(new) + 1):
            alike = _likeness(olds[x - 1], news[y - 1])
            best[x][y] = max(best[x - 1][y], best[x][y - 1], best[x - 1][y - 1] + alike if alike else 0.0)
    pairs = []
    x, y = len(old), len(new)
    while x and y:
        if best[x][y] == best[x - 1][y]:
            x -= 1
        elif best[x][y] == best[x][y - 1]:
            y -= 1
        else:
            pairs.append((x - 1, y - 1))
            x, y = x - 1, y - 1
    return pairs[::-1]


def _anchors(old: list[_Unit], new: list[_Unit], opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int]]:
    """Where to part the versions so that the engine pairs each paragraph with the one it reads most like: before
    each pair (`_pairs`) of a changed stretch with more paragraphs in one version than in the other, where the
    pair is not the paragraphs at the same place from the stretch's start (those the engine pairs itself)."""
    anchors = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace" and i2 - i1 != j2 - j1 and (i2 - i1) * (j2 - j1) <= MAX_PAIRINGS:
            anchors += [(i1 + x, j1 + y) for x, y in _pairs(old[i1:i2], new[j1:j2]) if x != y]
    return anchors


def _parted(ranges: list[tuple[int, int, int, int]], anchors: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """The ranges cut before each anchor within them that leaves units on both sides in both versions (both lists
    in document order: read together once)."""
    parted = []
    next_anchor = 0
    for a, b, c, d in ranges:
        while next_anchor < len(anchors) and anchors[next_anchor][0] < b:
            i, j = anchors[next_anchor]
            next_anchor += 1
            if a < i and c < j < d:
                parted.append((a, i, c, j))
                a, c = i, j
        parted.append((a, b, c, d))
    return parted


def _stretch_segments(old: list[_Unit], new: list[_Unit]) -> tuple[list[_Segment], list[_Segment]] | None:
    opcodes = difflib.SequenceMatcher(None, [u.key for u in old], [u.key for u in new]).get_opcodes()
    ranges = _changed_ranges(old, new, opcodes)
    if not ranges:
        return None
    anchors = _anchors(old, new, opcodes)
    if sum(j2 - j1 for _, _, j1, j2 in ranges) * 2 > len(new) and not anchors:
        return None
    old_segments: list[_Segment] = []
    new_segments: list[_Segment] = []
    for a, b, c, d in _parted(ranges, anchors):
        old_segments += _segments(old[a:b])
        new_segments += _segments(new[c:d])
    if len(old_segments) != len(new_segments) or any(x.kind != y.kind for x, y in zip(old_segments, new_segments)):
        return None
    pairs = [(x, y) for x, y in zip(old_segments, new_segments) if x.elements or y.elements]  # a table's opening alone
    if any(not (x.elements and y.elements) for x, y in pairs):
        return None
    return [x for x, _ in pairs], [y for _, y in pairs]


def reduced_pair(old: bytes, new: bytes, *, dropping: Callable[[Any], bool] | None = None,
                 ) -> tuple[bytes, bytes, Stretches] | None:
    """The two documents cut down to their changed stretches (parted by marker paragraphs), and what was cut;
    None when only the whole can be redlined faithfully, or cutting would neither make it shorter nor pair a
    paragraph better (`_anchors`). The runs of either body `dropping` says yes to are left out, as if the documents
    were without them (a build's e-signature anchors: each document is parsed once, not once more to take them
    out; 0.5 s for an agreement of 5,000 purchasers)."""
    old_parts, new_parts = unzipped(old), unzipped(new)
    if old_parts.keys() != new_parts.keys() or _DOCUMENT not in new_parts:
        return None
    if any(old_parts[name] != new_parts[name] for name in new_parts if name != _DOCUMENT and not name.startswith("docProps/")):
        return None
    if _MARKER.encode() in old_parts[_DOCUMENT] or _MARKER.encode() in new_parts[_DOCUMENT]:
        return None
    old_root = etree.fromstring(old_parts[_DOCUMENT], _PARSER)
    new_root = etree.fromstring(new_parts[_DOCUMENT], _PARSER)
    dropped = dropping is not None and any([_dropped(root, dropping) for root in (old_root, new_root)])
    (old_body, old_blocks, old_section), (new_body, new_blocks, new_section) = _blocks(old_root), _blocks(new_root)
    if old_body is None or new_body is None:
        return None
    if (old_section is None) != (new_section is None) or (
            old_section is not None and etree.tostring(old_section) != etree.tostring(new_section)):
        return None
    found = _stretch_segments(_units(old_blocks, True), _units(new_blocks, True))
    if found is None:  # a long table added, removed or restyled: matched whole
        found = _stretch_segments(_units(old_blocks, False), _units(new_blocks, False))
    if found is None:
        return None
    old_segments, new_segments = found
    return (packed({**old_parts, _DOCUMENT: _cut(old_root, old_segments, old_section)}),
            packed({**new_parts, _DOCUMENT: _cut(new_root, new_segments, new_section)}),
            Stretches(_serialized(new_root) if dropped else new_parts[_DOCUMENT],
                      [_place(segment, new_body) for segment in new_segments]))


def _dropped(root: Any, dropping: Callable[[Any], bool]) -> bool:
    """Whether runs of `root`'s body were left out: those `dropping` says yes to."""
    body = root.find(qn("w:body"))
    runs = [] if body is None else [run for run in body.iter(qn("w:r")) if dropping(run)]
    for run in runs:
        run.getparent().remove(run)
    return bool(runs)


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _revised(element: Any) -> bool:
    """Whether `element` holds a tracked change (an element's own truth is its having children: an empty
    w:rPrChange would not count)."""
    return next(element.iter(*_REVISIONS), None) is not None


def _chunks(body: Any, count: int) -> list[list[Any]] | None:
    """The redlined body cut at its markers into `count` stretches; None unless every marker came through
    unchanged, in order, as a block of its own."""
    chunks: list[list[Any]] = [[]]
    for child in body:
        if child.tag == qn("w:sectPr"):
            continue
        text = _text(child)
        if child.tag == qn("w:p") and text == f"{_MARKER}{len(chunks) - 1}" and not _revised(child):
            chunks.append([])
            continue
        if _MARKER in text:
            return None
        chunks[-1].append(child)
    return chunks if len(chunks) == count else None


def _ids(part: bytes | None, tag: str) -> set[str]:
    return set() if part is None else {element.get(qn("w:id")) for element in etree.fromstring(part, _PARSER).iter(qn(tag))}


_RELATIONSHIP_IDS = etree.XPath(" | ".join(f"descendant-or-self::*/@r:{name.partition('}')[2]}" for name in R_ATTRIBUTES),
                                namespaces=NS)
"""The values of the attributes of `R_ATTRIBUTES` (a relationship's id) on an element or any element within it."""


def _holds_its_references(body: Any, parts: dict[str, bytes]) -> bool:
    """Whether every note, comment and relationship the body refers to is there, and each bookmark is once."""
    for reference, part, target in (("w:footnoteReference", "word/footnotes.xml", "w:footnote"),
                                    ("w:endnoteReference", "word/endnotes.xml", "w:endnote"),
                                    ("w:commentReference", "word/comments.xml", "w:comment")):
        wanted = {element.get(qn("w:id")) for element in body.iter(qn(reference))}
        if wanted and not wanted <= _ids(parts.get(part), target):
            return False
    relationships = parts.get("word/_rels/document.xml.rels")
    known = set() if relationships is None else {
        element.get("Id") for element in etree.fromstring(relationships, _PARSER).iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship")}
    if any(value not in known for value in _RELATIONSHIP_IDS(body)):
        return False
    bookmarks = Counter(element.get(qn("w:id")) for element in body.iter(qn("w:bookmarkStart")))
    return all(count == 1 for count in bookmarks.values())


def spliced(redlined: bytes, stretches: Stretches) -> bytes | None:
    """The new document with each segment of its changed stretches replaced by its redline from `redlined`
    (the engine's output for `reduced_pair`), and the engine's other parts; None when that cannot be done
    faithfully."""
    parts = unzipped(redlined)
    if _DOCUMENT not in parts:
        return None
    redlined_body = etree.fromstring(parts[_DOCUMENT], _PARSER).find(qn("w:body"))
    chunks = None if redlined_body is None else _chunks(redlined_body, len(stretches.places))
    if chunks is None:
        return None
    root = etree.fromstring(stretches.document, _PARSER)
    body, _, section = _blocks(root)
    replacements = []
    for (table, first, count), chunk in zip(stretches.places, chunks, strict=True):
        if table is not None:  # the engine's table, whose rows alone are taken: its properties must be as they were
            if len(chunk) != 1 or chunk[0].tag != qn("w:tbl") or any(
                    child.tag != qn("w:tr") and _revised(child) for child in chunk[0]):
                return None
            chunk = [child for child in chunk[0] if child.tag == qn("w:tr")]
        if not chunk:
            return None
        replacements.append((body if table is None else body[table], first, count, chunk))
    for holder, first, count, chunk in reversed(replacements):  # the later first: the positions of the earlier hold
        for element in holder[first : first + count]:
            holder.remove(element)
        for offset, element in enumerate(chunk):
            holder.insert(first + offset, element)
    if section is not None and len(redlined_body) and redlined_body[-1].tag == qn("w:sectPr"):
        body.replace(section, redlined_body[-1])  # as the engine gives it
    if not _holds_its_references(body, parts):
        return None
    parts[_DOCUMENT] = _serialized(root)
    return packed(parts)
