"""What the text checks share: folding quotes and spaces, quoting words, spans, word lists.

Nothing here reports a finding or knows a document's outline; it is the
vocabulary the outline and the checks are written in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dealdocs.lexicon import MONTHS

# One character for one character, so offsets in the folded text are offsets in the original.
FOLD = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
        "\u2010": "-", "\u2011": "-",
    }
)  # fmt: skip

FUNCTION_WORDS = frozenset(
    """the this that these those such each any all no every said upon if in on at by for from to
    with within without under unless until when whenever where while after before as except
    notwithstanding neither either both once its their his her our your and or but nor so because
    since although though whereas now a an it there here provided subject pursuant""".split()
)
DETERMINERS = frozenset(
    "the this that these those such each any every said no its their his her either neither a an".split()
)
SMALL_WORDS = frozenset(
    """a an and as at by for from in of on or the to with any all upon under into per not no its than over
    between among against without within through after before other certain""".split()
)
"""Words a caption or title may write in lower case ("Satisfaction of Obligations in Respect of any Series")."""
# Capitalized mid-sentence in good drafting without being defined terms.
PROPER_WORDS = frozenset(
    MONTHS
    + tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Internet Web Federal English God".split())
    + tuple("Nasdaq Dollars Dollar State States Commonwealth".split())
    # a rule or regulation named just before: "Rule 415 ... said Rule"
    + tuple("Rule Rules Regulation Regulations".split())
    # structural words: "such Section", "this Article" (a number, when there is one, is checked by DD206)
    + tuple("Section Sections Article Articles Exhibit Exhibits Schedule Schedules Annex Appendix Clause".split())
    # officers, capitalized by convention: "signed by its President and Secretary"
    + tuple("President Secretary Treasurer Chairman Chairperson Chairwoman Controller".split())
)

WORD = re.compile(r"[A-Za-z][\w'-]*")
"""A word as the checks count words: a letter, then letters, digits, apostrophes, hyphens."""

_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion""".split()
)


def is_number_token(token: str) -> bool:
    """True for "ten", "twenty-four", "Hundred": a number written in words (one token)."""
    return all(part in _NUMBER_WORDS for part in token.lower().split("-"))


def quote(text: str, limit: int = 90) -> str:
    """`text` with its whitespace collapsed, cut to about `limit` characters, in double quotes."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return f'"{text}"'


def context(raw: str, start: int, end: int, around: int = 30) -> str:
    """The words of `raw` around `start:end`, cut at word boundaries, quoted."""
    left = max(0, start - around)
    right = min(len(raw), end + around)
    while left > 0 and not raw[left - 1].isspace():
        left -= 1
    while right < len(raw) and not raw[right].isspace():
        right += 1
    snippet = raw[left:right]
    return quote(("\u2026" if left > 0 else "") + snippet + ("\u2026" if right < len(raw) else ""), 120)


def strip_possessive(word: str) -> str:
    """ "Company's" -> "Company"; "Purchasers'" -> "Purchasers"."""
    return word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s'") else word


class Spans:
    """Sorted, non-overlapping character spans (quotations, references) and a fast membership test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def __contains__(self, position: int) -> bool:
        k = bisect.bisect_right(self.starts, position) - 1
        return k >= 0 and position < self.spans[k][1]


QUOTE_SPAN = re.compile(r'"[^"]{0,100}"')
"""A short quotation (folded quotes): text in it is quoted, not used."""


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie: one pass, no backtracking over every word.

    Built without recursion, so a word of any length is fine; the pattern nests
    a group only where words part ways.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    # Post-order walk with an explicit stack: a node's pattern is made from its children's.
    made: dict[int, str] = {}
    stack: list[tuple[dict, bool]] = [(trie, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((node[char], False) for char in node if char)
            continue
        branches = [re.escape(char) + made.pop(id(node[char])) for char in sorted(k for k in node if k)]
        if not branches:
            made[id(node)] = ""
        elif len(branches) == 1 and "" not in node:
            made[id(node)] = branches[0]
        else:
            body = f"(?:{'|'.join(branches)})"
            made[id(node)] = f"{body}?" if "" in node else body
    return made[id(trie)]


@dataclass
class Para:
    """One paragraph as the checks read it."""

    number: int  # 1-based, as the finding reports it
    raw: str  # as the document has it (quoted in messages)
    text: str  # folded: straight quotes, plain spaces, ASCII hyphens; same length as raw
    part: int  # which instrument: 0 the main one, then one per exhibit heading
    heading: bool  # a title, heading or signature-block label, not running text
    exhibit: tuple[str, str] | None = None  # ("exhibit", "A") when this heads an exhibit
    story: str = "body"  # "header", "footer", "footnote", "endnote": outside the body's outline
    contents: bool = False  # an entry of the table of contents: names sections, is none
    in_table: bool = False  # in a table cell: a row's "2." numbers the row, not a section


# ------------------------------------------------------------------ roman numerals

ROMAN_VALUES: dict[str, int] = {}
for _n in range(1, 40):
    _r, _rest = "", _n
    for _v, _s in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while _rest >= _v:
            _r, _rest = _r + _s, _rest - _v
    ROMAN_VALUES[_r] = _n
ROMAN_NAMES = {v: k for k, v in ROMAN_VALUES.items()}


def roman_value(text: str) -> int | None:
    """I..XXXIX in either case, or a larger one written canonically (up to 3999)."""
    low = text.lower()
    if low in ROMAN_VALUES:
        return ROMAN_VALUES[low]
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    if not low or any(c not in values for c in low):
        return None
    total = 0
    for k, c in enumerate(low):
        v = values[c]
        total += -v if k + 1 < len(low) and values[low[k + 1]] > v else v
    return total if 0 < total < 4000 and _to_roman(total) == low else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= v:
            out, n = out + s, n - v
    return out
