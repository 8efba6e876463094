"""A redline's tracked changes marked up as a lawyer marks them: what went, then what came, an amount whole.

The redline engine tracks the words that differ one by one and puts what is new
before what went: "SevenFive Hundred Fifty Thousand Dollars ($750,000.00$500,000.00)",
with "Seven" and "Fifty" inserted and "Five" deleted. A partner marks up
"~~Five Hundred Thousand~~ Seven Hundred Fifty Thousand Dollars (~~$500,000.00~~ $750,000.00)".
`marked_up` rewrites the engine's redline that way, paragraph by paragraph:

- a change that replaces words is one deletion followed by one insertion, never
  the insertion first;
- changes to words with only a comma (or other stop) between them are one
  replacement: "~~Margaret Chen~~ Harborview Capital Partners, L.P.", not the
  new name cut around the comma the old one was followed by;
- the changes within one amount in words are one replacement of the whole
  amount: the number words between and around them ("Hundred", "Thousand"),
  which did not change, are deleted with the old words and inserted with the new;
- a page added or taken out whole (a purchaser's signature page) is marked
  from its own caption to its own signature block: where pages repeat their
  caption and testimonium word for word, the engine may strike a purchaser's
  block with the next page's caption, so that page seems to lose its own;
  whole paragraphs struck (or added) one after another are moved up onto
  their twins, to begin where a page begins;
- text the engine tracks as moved (purchasers' signature pages, when the
  purchasers changed places) is marked as deleted where it was and inserted
  where it goes, as the engine marks any other change: its moves run from
  one purchaser's signature block to the next page's caption, which read the
  same, and marked so, whole pages could not be moved up to where they begin.

What each version says is unchanged, word for word and run for run: the
changes all accepted give the new document's text, all rejected the old one's.
Anything in a paragraph but text (a tab, a break, a field, a picture, a
bookmark) is left as the engine wrote it, and no change is marked up across
it; an amount's number words that share a run with a tab ("2.1", a tab and
the section's text, in one run) are still the amount's.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from lxml import etree

from dealdocs.checks.text.common import is_number_token
from dealdocs.ooxml.package import packed, unzipped
from dealdocs.ooxml.pages import Styles
from dealdocs.ooxml.xml import NS, XML_SPACE, qn

__all__ = ["marked_up"]

_SAME, _INS, _DEL, _OTHER = "same", "ins", "del", "other"
_TEXT = {_INS: qn("w:t"), _DEL: qn("w:delText")}
_RUN_CHILDREN = {qn("w:rPr"), qn("w:t"), qn("w:delText")}
_ID = qn("w:id")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_FRACTIONS = frozenset(
    f"{name}{plural}" for name in ("half", "halve", "quarter", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                   "ninth", "tenth", "hundredth", "thousandth", "millionth") for plural in ("", "s"))
"""The parts of a fraction in words ("one-half", "three-quarters", "five-hundredths"; `words.percent_text`)."""
_PARSER = etree.XMLParser(huge_tree=True, remove_blank_text=False)
_STYLES = "word/styles.xml"


@dataclass
class _Piece:
    """A run of one paragraph, as it stands: unchanged (`same`), inserted or deleted."""

    state: str
    run: Any  # the w:r element
    text: str


def marked_up(data: bytes) -> bytes:
    """The redline .docx `data` with its tracked changes marked up (see the module docstring), normalized."""
    parts = unzipped(data)
    roots = {name: etree.fromstring(xml, _PARSER) for name, xml in parts.items()
             if name.startswith("word/") and name.endswith(".xml") and any(mark in xml for mark in _MARKS)}
    ids = [int(value) for root in roots.values() for value in root.xpath("//@w:id", namespaces=NS)
           if value.lstrip("-").isdigit()]
    next_id = [max(ids, default=0) + 1]  # a change made here is numbered after every one of the document's parts
    styles = Styles(etree.fromstring(parts[_STYLES], _PARSER) if _STYLES in parts else etree.Element(qn("w:styles")))
    for name, root in roots.items():
        if _moves_as_changes(root) | _mark_up(root, next_id) | _pages_aligned(root, styles):
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return packed(parts)


_MARKS = (b"<w:ins ", b"<w:del ", b"<w:moveFrom ", b"<w:moveTo ")
_MOVED = {qn("w:moveFrom"): qn("w:del"), qn("w:moveTo"): qn("w:ins")}
_MOVE_RANGES = tuple(qn(f"w:{name}") for name in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                                  "moveToRangeEnd"))


def _moves_as_changes(root: Any) -> bool:
    """Each move the engine tracked as a deletion where it was and an insertion where it goes (the moved runs'
    text is already deleted or inserted text, their paragraph marks deleted or inserted); the ranges that
    named the moves taken out. Whether there was any."""
    found = False
    for element in list(root.iter(*_MOVED, *_MOVE_RANGES)):
        found = True
        if element.tag in _MOVED:
            element.tag = _MOVED[element.tag]
            state = _DEL if element.tag == qn("w:del") else _INS
            for text in element.iter(qn("w:t"), qn("w:delText")):
                text.tag = _TEXT[state]
        else:
            element.getparent().remove(element)
    return found


def _mark_up(root: Any, next_id: list[int]) -> bool:
    """Mark up each paragraph of one part, numbering new changes from `next_id`; whether any changed."""
    changed = False
    for paragraph in root.iter(qn("w:p")):
        pieces = _pieces(paragraph)
        if pieces is None:
            continue
        for group in _replacements(pieces):
            _rewrite(paragraph, group, next_id)
            changed = True
    return changed


def _pieces(paragraph: Any) -> list[_Piece] | None:
    """The paragraph's runs in order, with what each is; None when it holds no change.

    Anything but a run of text (a tab, a break, a field, a bookmark; a change holding one) is `_OTHER`:
    no change is marked up across it, and it is left as it is."""
    pieces: list[_Piece] = []
    for child in paragraph:
        if child.tag == qn("w:pPr"):
            continue
        if child.tag == qn("w:r"):
            state, runs = _SAME, [child]
        elif child.tag in (qn("w:ins"), qn("w:del")) and all(run.tag == qn("w:r") for run in child):
            state, runs = (_INS if child.tag == qn("w:ins") else _DEL), list(child)
        else:
            state, runs = _OTHER, [child]
        if any(part.tag not in _RUN_CHILDREN for run in runs for part in run):
            state = _OTHER
        pieces += [_Piece(state, run, "".join(t.text or "" for t in run if t.tag != qn("w:rPr"))) for run in runs]
    if not any(piece.state in (_INS, _DEL) for piece in pieces):
        return None
    return pieces


def _replacements(pieces: list[_Piece]) -> list[list[_Piece]]:
    """The stretches of pieces to write as one deletion and one insertion: changes side by side that replace
    words, and changes within one amount in words with the unchanged number words between and around them."""
    groups: list[list[int]] = []  # indexes of changed pieces side by side
    for index, piece in enumerate(pieces):
        if piece.state not in (_INS, _DEL):
            continue
        if groups and groups[-1][-1] == index - 1:
            groups[-1].append(index)
        else:
            groups.append([index])
    merged: list[list[int]] = []
    for group in groups:
        gap = pieces[merged[-1][-1] + 1 : group[0]] if merged else []
        between = "".join(p.text for p in gap)
        if merged and all(piece.state == _SAME for piece in gap) and (
                (_numeric(pieces, merged[-1]) and _numeric(pieces, group) and _within_number(between))
                or (_worded(pieces, merged[-1]) and _worded(pieces, group) and _PUNCTUATION_ONLY.fullmatch(between))):
            merged[-1] = list(range(merged[-1][0], group[-1] + 1))
        else:
            merged.append(group)
    replacements = []
    for group in merged:
        stretch = [pieces[i] for i in range(group[0], group[-1] + 1)]
        if _numeric(pieces, group):
            stretch = _widened(pieces, group[0], group[-1], stretch)
        states = {piece.state for piece in stretch}
        if states & {_SAME, _DEL} and states & {_SAME, _INS}:  # words went and came: a replacement
            replacements.append(stretch)
    return replacements


_PUNCTUATION_ONLY = re.compile(r"[,;:.]\s?")
"""What alone may stand between two changes to words for them to be one replacement: "Harborview Capital Partners"
and "L.P." put in for "Margaret Chen" around a comma the two names share."""


def _worded(pieces: list[_Piece], group: list[int]) -> bool:
    """Whether a change holds a word (not only spaces or punctuation)."""
    return any(_WORD.search(pieces[i].text) for i in group)


def _numeric(pieces: list[_Piece], group: list[int]) -> bool:
    """Whether a change holds a number in words ("Seven", "Fifty-Four", "one-half")."""
    return any(_number_word(word) for i in group for word in _WORD.findall(pieces[i].text))


def _number_word(word: str) -> bool:
    """A number or a fraction in words, one token: "ten", "twenty-four", "Hundred", "one-half", "tenths"."""
    parts = [part for part in word.lower().split("-") if part]  # "Sixty-", where the engine cut "Sixty-Four"
    return bool(parts) and all(is_number_token(part) or part in _FRACTIONS for part in parts)


def _within_number(text: str) -> bool:
    """Whether `text`, between two changes to numbers, is number words and space only ("Hundred", " and ")."""
    return bool(re.fullmatch(r"[A-Za-z\s-]*", text)) and all(
        _number_word(word) or word == "and" for word in _WORD.findall(text))


def _widened(pieces: list[_Piece], first: int, last: int, stretch: list[_Piece]) -> list[_Piece]:
    """`stretch` with the unchanged number words just before and after it: the rest of the amount."""
    before = _text_beside(pieces[first - 1], tail=True) if first > 0 else None
    if before is not None:
        at = _number_edge(before.text, at_end=True)
        if at is not None:
            stretch.insert(0, _split_off(before, at, tail=True))
    after = _text_beside(pieces[last + 1], tail=False) if last + 1 < len(pieces) else None
    if after is not None:
        at = _number_edge(after.text, at_end=False)
        if at is not None:
            stretch.append(_split_off(after, at, tail=False))
    return stretch


def _text_beside(piece: _Piece, *, tail: bool) -> _Piece | None:
    """The unchanged text of `piece` next to a change after it (`tail`), else before it: the piece itself when it
    is a run of text; when it is an unchanged run holding a tab, a break or the like too ("2.1", a tab and the
    section's text, as a template may write them), its text on that side cut off as a run of its own, if that
    text ends (begins) with a number word; else None."""
    if piece.state == _SAME:
        return piece
    run = piece.run
    if piece.state != _OTHER or run.tag != qn("w:r") or run.getparent().tag != qn("w:p"):
        return None
    inside = [child for child in run if child.tag != qn("w:rPr")]
    text = inside[-1 if tail else 0] if len(inside) > 1 else None
    if text is None or text.tag != qn("w:t") or _number_edge(text.text or "", at_end=tail) is None:
        return None
    other = deepcopy(run)
    for child in list(other):
        if child.tag != qn("w:rPr"):
            other.remove(child)
    other.append(text)  # moved out of `run`
    if tail:
        run.addnext(other)
    else:
        run.addprevious(other)
    piece.text = "".join(t.text or "" for t in run if t.tag == qn("w:t"))
    return _Piece(_SAME, other, text.text or "")


def _number_edge(text: str, *, at_end: bool) -> int | None:
    """Where the number words that end `text` begin (`at_end`), or where those that begin it end: "Two Million "
    of "the sum of Two Million ", "twelve and " of "at the rate of twelve and "; None when `text` does not end
    (begin) with a number word, space aside. An "and" counts before a number word only ("One Hundred and")."""
    words = list(_WORD.finditer(text))
    if at_end:
        words.reverse()
    edge = reached = None
    for word in words:
        if at_end:
            between = text[word.end() : len(text) if reached is None else reached]
        else:
            between = text[0 if reached is None else reached : word.start()]
        joiner = word.group() == "and"  # taken only with a number word beyond it
        if not (_number_word(word.group()) or joiner) or between.strip(" \t" if reached is None else " \t-"):
            break
        reached = word.start() if at_end else word.end()
        if not joiner:
            edge = reached
    return edge


def _split_off(piece: _Piece, at: int, *, tail: bool) -> _Piece:
    """Cut an unchanged run at character `at`; the part returned (the tail, else the head) is a run of its own,
    the other stays where `piece.run` is. A run of one text element only; else the whole run is returned."""
    texts = [t for t in piece.run if t.tag == qn("w:t")]
    if len(texts) != 1 or at in (0, len(piece.text)):
        return piece
    keep, give = (piece.text[:at], piece.text[at:]) if tail else (piece.text[at:], piece.text[:at])
    other = deepcopy(piece.run)
    _set_text(texts[0], keep)
    _set_text(next(t for t in other if t.tag == qn("w:t")), give)
    if tail:
        piece.run.addnext(other)
    else:
        piece.run.addprevious(other)
    piece.text = keep
    return _Piece(_SAME, other, give)


def _set_text(element: Any, text: str) -> None:
    element.text = text
    if text != text.strip():
        element.set(XML_SPACE, "preserve")


def _rewrite(paragraph: Any, stretch: list[_Piece], next_id: list[int]) -> None:
    """Replace the stretch's runs (and the w:ins/w:del holding them) with one w:del of the old words and one
    w:ins of the new, each run keeping its formatting."""
    marks = [piece.run.getparent() for piece in stretch if piece.state != _SAME]
    made = {}
    for state, tag in ((_DEL, "w:del"), (_INS, "w:ins")):
        element = etree.Element(qn(tag))
        for name in ("author", "date"):
            value = marks[0].get(qn(f"w:{name}"))
            if value is not None:
                element.set(qn(f"w:{name}"), value)
        element.set(_ID, str(next_id[0]))
        next_id[0] += 1
        for piece in stretch:
            if piece.state in (_SAME, state):
                element.append(_as(piece.run, state))
        made[state] = element
    first = stretch[0].run
    anchor = first if first.getparent() is paragraph else first.getparent()
    anchor.addprevious(made[_DEL])
    made[_DEL].addnext(made[_INS])
    for piece in stretch:
        parent = piece.run.getparent()
        parent.remove(piece.run)
        if parent is not paragraph and len(parent) == 0:
            paragraph.remove(parent)


def _as(run: Any, state: str) -> Any:
    """A copy of `run` whose text is inserted (w:t) or deleted (w:delText) text."""
    copied = deepcopy(run)
    for element in copied:
        if element.tag in (qn("w:t"), qn("w:delText")):
            element.tag = _TEXT[state]
            element.set(XML_SPACE, "preserve")
    return copied


# ---------------------------------------------------------------- pages added or taken out whole

_PARAGRAPH_MARKS = (qn("w:ins"), qn("w:del"))


def _pages_aligned(root: Any, styles: Styles) -> bool:
    """Move each run of whole paragraphs struck (or added) up onto the same paragraphs just before it, as far as
    they repeat it, to where a page begins; whether any moved. The paragraphs change places with their twins
    (the same text and properties, but for the marks), so each version reads as before."""
    moved = False
    for body in root.iter(qn("w:body")):
        children = list(body)
        states = [_whole(child) for child in children]
        index = 0
        while index < len(children):
            state = states[index]
            if state not in _PARAGRAPH_MARKS:
                index += 1
                continue
            end = index
            while end < len(children) and states[end] == state:
                end += 1
            slide = _slide(children, states, index, end, styles)
            for step in range(1, slide + 1):
                _swap(children[index - step], children[end - step])
                moved = True
            index = end
    return moved


def _swap(one: Any, other: Any) -> None:
    """Two elements of one parent trade places."""
    holder = etree.Element("holder")
    one.addprevious(holder)
    other.addprevious(one)
    holder.addprevious(other)
    holder.getparent().remove(holder)


def _slide(children: list[Any], states: list[str | None], start: int, end: int, styles: Styles) -> int:
    """How far up the run children[start:end] should go: onto the nearest paragraph above that begins a page
    (its own page break before, or its style's), over unmarked paragraphs each the same as the run's last ones
    in turn; 0 when it begins a page already, or none does."""
    if styles.flag(children[start], "pageBreakBefore"):
        return 0
    step = 1
    while step <= end - start and start - step >= 0 and states[start - step] == _SAME and \
            _content(children[start - step]) == _content(children[end - step]):
        if styles.flag(children[start - step], "pageBreakBefore"):
            return step
        step += 1
    return 0


def _whole(element: Any) -> str | None:
    """'w:ins' or 'w:del' (Clark names) for a paragraph added or struck whole, mark and all; `_SAME` for one with
    no change; None for anything else."""
    if element.tag != qn("w:p"):
        return None
    if next(element.iter(*_PARAGRAPH_MARKS), None) is None:
        return _SAME
    marks = element.find(f"{qn('w:pPr')}/{qn('w:rPr')}")  # the paragraph mark's properties
    mark = next((child for child in marks if child.tag in _PARAGRAPH_MARKS), None) if marks is not None else None
    if mark is None:
        return None
    if all(child.tag == mark.tag or child.tag in (qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
           for child in element):
        return mark.tag
    return None


def _content(paragraph: Any) -> bytes:
    """A paragraph as it reads in either version: its marks taken off (what it holds kept, struck text as text)."""
    copied = deepcopy(paragraph)
    for mark in list(copied.iter(*_PARAGRAPH_MARKS)):
        parent = mark.getparent()
        if parent.tag == qn("w:rPr"):  # the paragraph mark's
            parent.remove(mark)
            if len(parent) == 0 and parent.getparent() is not None:
                parent.getparent().remove(parent)
            continue
        for child in list(mark):
            mark.addprevious(child)
        parent.remove(mark)
    for text in copied.iter(qn("w:delText")):
        text.tag = qn("w:t")
    return etree.tostring(copied)
