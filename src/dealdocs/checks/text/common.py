"""What the text checks share: folding quotes and spaces, quoting words, spans, word lists.

Nothing here reports a finding or knows a document's outline; it is the
vocabulary the outline and the checks are written in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dealdocs.lexicon import (
    CORPORATE_SUFFIX_PATTERN,
    GENERATIONS,
    MONTHS,
    NAME_ABBREVIATIONS,
    NAME_TITLES,
    PERSONAL_SUFFIX_PATTERN,
    PLACE_NAMES,
    TRUST_AND_FIRM_WORDS,
)

# One character for one character, so offsets in the folded text are offsets in the original.
FOLD = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
        "\u2010": "-", "\u2011": "-",
        # marks of direction and zero-width spaces, invisible in Word, left by conversions inside words and terms
        # ("Final\u200eDelivery Date"): read as a space (runs of spaces are read as one)
        "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u200e": " ", "\u200f": " ", "\u2060": " ", "\ufeff": " ",
        "\u202a": " ", "\u202b": " ", "\u202c": " ", "\u202d": " ", "\u202e": " ",
        "\u2066": " ", "\u2067": " ", "\u2068": " ", "\u2069": " ",
    }
)  # fmt: skip

_FOLDED = {chr(code): to for code, to in FOLD.items()}
_ASCII_FOLD = {char: to for char, to in _FOLDED.items() if char.isascii()}


def fold(text: str) -> str:
    """`text.translate(FOLD)`, by replacing each character FOLD changes that the text holds (quicker
    than a lookup per character: no character FOLD gives is one it changes)."""
    for char, to in (_ASCII_FOLD if text.isascii() else _FOLDED).items():
        if char in text:
            text = text.replace(char, to)
    return text


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
    + tuple("Preamble Recital Recitals Introduction".split())  # "has the meaning set forth in the Preamble"
    + tuple("Province Provinces Territory Territories Messrs Mmes".split())  # "the Province of Ontario", "Messrs. Hall"
    # places and peoples: "the Balkans", "any Oregon statute", "a French guarantor"; news services
    + tuple(sorted(PLACE_NAMES))
    + tuple("Reuters Bloomberg".split())
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


# What carries a name on past where a run of its capitalized words stops: a suffix after a comma ("Ruth Calloway,
# M.D. Revocable Trust"), or a parenthesis of name words (capitalized, not a list's "(A)" or "(II)"; a year) with the
# name going on after it ("Calloway (Family) Trust", "Smith (2019) Irrevocable Trust").
_NAME_WORD_IN = r"(?:[A-Z][\w'&.-]*[\w.]|\d{4}|&)"
_NAME_GOES_ON = re.compile(
    rf",[ ]+(?:{PERSONAL_SUFFIX_PATTERN})|[ ]?\((?![IVXLC]+\)){_NAME_WORD_IN}(?:[ ]+{_NAME_WORD_IN})*\)"
    rf"(?:[ ]+[A-Z][\w'&-]*){{0,3}}[ ]+(?:(?:{TRUST_AND_FIRM_WORDS})\b|{CORPORATE_SUFFIX_PATTERN})"
)  # the parenthesis inside a trust's, a fund's or a firm's name: "the Calloway (Family) Trust", not "the Holder (NY) Office"


def name_goes_on(words: tuple[str, ...] | list[str], text: str, end: int) -> bool:
    """True when the capitalized `words` ending at `end` of `text` are the start of a person's or a place's name that
    goes on past them: a person's title opens them ("Dr Ruth Calloway Foundation"), an abbreviation ends them at its
    full stop ("the Dr. Ruth Calloway Revocable Trust", "St. John & Roe LLP", "Robert Smith Jr. Living Trust"), a
    suffix follows after a comma, or a parenthesized word inside the name ("the Calloway (Family) Trust")."""
    stop = text.startswith(".", end)
    if words[0] in NAME_TITLES or stop and (words[-1] in NAME_ABBREVIATIONS or words[-1] in GENERATIONS and len(words) > 2):
        return True
    return _NAME_GOES_ON.match(text, end) is not None


def is_number_token(token: str) -> bool:
    """True for "ten", "twenty-four", "Hundred": a number written in words (one token)."""
    return all(part in _NUMBER_WORDS for part in token.lower().split("-"))


def signature_page_caption(text: str) -> bool:
    """Whether a paragraph is a signature page's caption ("[Signature Page to Escrow Agreement ...]"): what follows
    it, a testimonium saying "this Agreement", belongs to the agreement it names."""
    return text.lstrip().startswith("[Signature Page")


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


def trie_pattern(words: Iterable[str], space: str = "") -> str:
    """A regex alternation of `words` as a trie: one pass, no backtracking over every word.

    Built from the sorted words without recursion, so a word of any length is
    fine: the words under a node are a range of the sorted list; a chain of
    nodes with one child each is their common prefix, escaped at once; the
    pattern nests a group only where words part ways. Where a word matches
    at a place, a longer one matching there is tried first. With `space`, a
    space in a word is that pattern (such as `r"\\s+"`: any run of spaces).
    """
    items = sorted(set(words))
    if not items:
        return ""
    made: dict[tuple[int, int, int], str] = {}  # (lo, hi, depth) -> the pattern of that node
    # A node is taken twice: first to push its children (its branches worked out, and kept), then to make its pattern.
    stack: list[tuple[int, int, int, list[tuple[int, int, int]] | None]] = [(0, len(items), 0, None)]
    while stack:
        lo, hi, depth, branches = stack.pop()
        if branches is None:
            branches = _branches(items, lo, hi, depth)
            stack.append((lo, hi, depth, branches))
            stack.extend((first, last, end, None) for first, last, end in branches if last - first > 1)
            continue
        parts = [
            _escape(items[first][depth:end], space) + (made.pop((first, last, end)) if last - first > 1 else "")
            for first, last, end in branches
        ]
        ends_here = len(items[lo]) == depth
        if not parts:
            made[(lo, hi, depth)] = ""
        elif len(parts) == 1 and not ends_here:
            made[(lo, hi, depth)] = parts[0]
        else:
            body = f"(?:{'|'.join(parts)})"
            made[(lo, hi, depth)] = f"{body}?" if ends_here else body
    return made[(0, len(items), 0)]


def _escape(text: str, space: str) -> str:
    escaped = re.escape(text)
    return escaped.replace("\\ ", space) if space else escaped


def _branches(items: list[str], lo: int, hi: int, depth: int) -> list[tuple[int, int, int]]:
    """The children of the node of `items[lo:hi]` at `depth`: (first, last, where they part or end)."""
    found = []
    i = lo + 1 if len(items[lo]) == depth else lo  # a word ending here comes first
    while i < hi:
        char = items[i][depth]
        j = i + 1
        while j < hi and items[j][depth] == char:
            j += 1
        a, b = items[i], items[j - 1]
        end = len(a) if j - i == 1 else _common(a, b, depth + 1)
        found.append((i, j, end))
        i = j
    return found


def _common(a: str, b: str, start: int) -> int:
    """Where `a` and `b` (equal before `start`) first differ, or where the shorter ends."""
    end = min(len(a), len(b))
    while start < end and a[start] == b[start]:
        start += 1
    return start


@dataclass(frozen=True)
class Para:
    """One paragraph as the checks read it; never changed, so documents that hold one paragraph alike may share it
    (`outline.parse`)."""

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


_ROMAN_LETTERS = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(text: str) -> int | None:
    """I..XXXIX in either case, or a larger one written canonically (up to 3999)."""
    low = text.lower()
    if low in ROMAN_VALUES:
        return ROMAN_VALUES[low]
    if not low or low.lstrip("ivxlcdm"):  # empty, or a letter other than a numeral's
        return None
    total = 0
    for k, c in enumerate(low):
        v = _ROMAN_LETTERS[c]
        total += -v if k + 1 < len(low) and _ROMAN_LETTERS[low[k + 1]] > v else v
    return total if 0 < total < 4000 and _to_roman(total) == low else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= v:
            out, n = out + s, n - v
    return out
