"""DD208: a doubled word ("the the"), leaving English doubles ("that that") and address lines alone.

Also a doubled pair of words in lower case ("to cause to cause", "at its at its"), leaving alone those
English repeats ("from time to time to", "cash and cash equivalents"), and a word written both before and
after a list marker ("and (ii) and the performance", "or (y) or if").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dealdocs.checks.text.common import context, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, warning

# The word is taken whole in a lookahead, which gives nothing back: a shorter word could never be followed
# by a space (a letter follows it), so the matches are the same, without the engine trying each shorter one.
_DOUBLED = re.compile(r"\b(?=([A-Za-z]+))\1\s+(\1)\b", re.IGNORECASE)
# The same, case-sensitive, for ASCII text in lower case, where it finds the same words at the same places
# (IGNORECASE also folds a few non-ASCII letters to ASCII ones: other text is read with `_DOUBLED`).
_DOUBLED_LOWER = re.compile(r"\b(?=([a-z]+))\1\s+(\1)\b")
_FINE_DOUBLES = frozenset(("that", "had", "is", "do", "bye", "so", "very", "no"))
# Two words in lower case, then the same two: "to cause to cause". Each word is taken whole in a lookahead,
# as above, so the engine tries no shorter one. Names in a signature block ("Donald Wenner Donald Wenner")
# and table headers are capitalized, and left alone.
# The pattern opens with a space (a word's start, quick to look for): a pair at a paragraph's start is not read.
_DOUBLED_PAIR = re.compile(r" (([a-z]+) ([a-z]+)) \1\b")
# The pair repeated in English: "from time to time to", "day to day to"; "and cash and cash equivalents"
# (a conjunction first: "A and A B").
_FINE_PAIR_FIRST = frozenset(("and", "or", "nor", "but", "time", "day"))
# A list marker and the word after it ("(ii) and"), opening with "(": the word before it is compared with it.
_MARKER_WORD = re.compile(r"\(([a-zA-Z0-9]{1,5})\)\s+([a-z]+)\b")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([a-z]+)\s+$")
_MARKER_BEFORE = re.compile(r"\([a-zA-Z0-9]{1,5}\)\s*$")  # "Sections 3.1(a) and (c) and Section 6.3": a reference
_LABEL_AHEAD = re.compile(r"(?:\s+[A-Z][\w.]*){0,2}\s*:")
LISTED = 20  # doubled words listed one by one in a paragraph; the rest are counted in one more finding


def check(outline: Outline) -> Iterator[Finding]:
    """DD208 on every paragraph: its first LISTED doubled words, then how many more; doubled pairs; a word
    doubled around a list marker."""
    for para in outline.paras:
        for message in _doubled(para.text, para.raw):
            yield warning("DD208", message, outline.at(para))


@lru_cache(maxsize=16384)
def _doubled(text: str, raw: str) -> tuple[str, ...]:
    """The DD208 messages on one paragraph (its text as read, and as written), remembered: the notes of a
    deal repeat their paragraphs word for word."""
    return (*_words(text, raw), *_pairs(text, raw), *_around_markers(text, raw))


def _words(text: str, raw: str) -> Iterator[str]:
    """Each doubled word, at most LISTED a paragraph, then how many more."""
    listed = more = 0
    found = _DOUBLED_LOWER.finditer(text.lower()) if text.isascii() else _DOUBLED.finditer(text)
    for match in found:
        word = text[match.start(1) : match.end(1)]
        if word.lower() in _FINE_DOUBLES or (len(word) == 1 and word != "a"):
            continue
        if _LABEL_AHEAD.match(text, match.end()):
            continue  # "IOLA Account" ends one line of a wire block, "Account No.:" starts the next
        if listed == LISTED:
            more += 1
            continue
        listed += 1
        yield (f'{quote(raw[match.start():match.end()])}: the word "{word}" is doubled: '
               f"{context(raw, match.start(), match.end())}")
    if more:
        yield f"and {more:,} more doubled words in this paragraph, not listed one by one"


def _pairs(text: str, raw: str) -> Iterator[str]:
    """Each pair of words written twice in a row ("to cause to cause"), at most LISTED a paragraph."""
    found = 0
    for match in _DOUBLED_PAIR.finditer(text):
        first, second = match[2], match[3]
        if first == second or first in _FINE_PAIR_FIRST:
            continue  # "the the the the" is the doubled "the"
        found += 1
        if found > LISTED:
            return
        start, end = match.start(1), match.end()
        yield f'{quote(raw[start:end])}: the words "{first} {second}" are doubled: {context(raw, start, end)}'


def _around_markers(text: str, raw: str) -> Iterator[str]:
    """A word written before a list marker and again after it: "and (ii) and the"."""
    for match in _MARKER_WORD.finditer(text) if "(" in text else ():
        word = match[2]
        before = _WORD_BEFORE.search(text, max(0, match.start() - len(word) - 8), match.start())
        if before is None or before[1] != word:
            continue
        if _MARKER_BEFORE.search(text, max(0, before.start() - 12), before.start()):
            continue  # "Sections 3.1(a) and (c) and Section 6.3": the markers of a reference
        start, end = before.start(), match.end()
        yield (f'{quote(raw[start:end])}: the word "{word}" is written both before and after '
               f'the list marker "({match[1]})": {context(raw, start, end)}')
