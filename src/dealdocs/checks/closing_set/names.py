"""The parties a document names: each name as written, with what the document says of the party.

A party's name is read where agreements write names:

- a company's or firm's name, which ends with a corporate suffix
  ("Northwind Analytics, Inc.", "Whitfield & Crane LLP", in capitals too in
  a signature block: "NORTHWIND ANALYTICS, INC.");
- a person's name where a party is introduced: `Robert Petty ("Petty")`,
  `Margaret Chen (the "Payee")`, "Name of Purchaser: Margaret Chen",
  "If to Margaret Chen, to:".

With the name, what the document says of the party right after it: its
state and kind ("a Delaware corporation", "a New York limited liability
company", "an individual") and its address ("with an address at 200 Park
Avenue, 31st Floor, New York, New York 10166", or the address lines that
follow the name in a notice block, past an "Attention:" line). An address written "c/o" another is not
the party's own.

Two spellings are compared by `difference`: the same letters and digits
with other capitals or punctuation ("Northwind Analytics Inc." for
"Northwind Analytics, Inc."), another corporate suffix on the same name
("..., L.P." for "..., LLC"), or one word misspelt ("Northwind Analytic,
Inc.") are one party written two ways. Names that differ in a number
("Fund II" and "Fund III") or in more than one word are different parties.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from dealdocs.checks.closing_set.common import Place, place
from dealdocs.checks.text.common import FUNCTION_WORDS, PROPER_WORDS, roman_value
from dealdocs.checks.text.outline import Outline
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN, CORPORATE_SUFFIXES
from dealdocs.spelling import slips, slips_allowed

_WORD = r"[A-Z][A-Za-z0-9'.-]*"
_NOT_A_NAME_AFTER = r"(?![ ]+(?:Act|Liability|Partnership|Law|Laws|Statute|Code)\b)"  # "Delaware Limited Liability Company Act"
_ENTITY = re.compile(
    rf"(?<![\w&.-])(?P<name>{_WORD}(?:[ ]+(?:[A-Z0-9][A-Za-z0-9'.-]*|&|of)){{0,8}}?),?[ ]+"
    rf"(?P<suffix>{CORPORATE_SUFFIX_PATTERN})(?![A-Za-z]){_NOT_A_NAME_AFTER}"
)
_CAPS_SUFFIXES = "|".join(re.escape(s.upper()) for s in CORPORATE_SUFFIXES)
_ENTITY_CAPS = re.compile(
    rf"(?<![\w&.-])(?P<name>[A-Z][A-Z0-9'.-]*(?:[ ]+(?:[A-Z0-9][A-Z0-9'.-]*|&|OF)){{0,8}}?),?[ ]+"
    rf"(?P<suffix>{_CAPS_SUFFIXES})(?![A-Za-z]){_NOT_A_NAME_AFTER}"
)
# What a paragraph must hold for each pair of patterns to match in it: quick to look for, where the patterns
# themselves are tried at every character (a deal's notes and signature pages are mostly paragraphs without names).
_ENTITY_HINT = re.compile(rf"(?:{CORPORATE_SUFFIX_PATTERN}|{_CAPS_SUFFIXES})(?![A-Za-z])")
_PERSON_HINT = re.compile(r'\(|Name\s+of|If\s+to')
_PERSON = r"[A-Z][a-z]+(?:[ ]+[A-Z]\.)?(?:[ ]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}"
_PERSON_DEFINED = re.compile(rf"(?<![\w])(?P<name>{_PERSON})\s*\((?:the\s+)?\"[A-Z][^\"]{{0,40}}\"\)")
_PERSON_LABELLED = re.compile(rf"(?:Name\s+of\s+(?:Purchaser|Holder|Payee|Lender|Investor)\s*:\s*|If\s+to\s+)(?P<name>{_PERSON})\b")
_KINDS = (
    "limited liability company|limited liability partnership|limited partnership|general partnership|"
    "professional corporation|banking corporation|national banking association|statutory trust|business trust|"
    "corporation|partnership|trust|company"
)
_DESCRIBED = re.compile(
    rf"(?:\s*\((?:the\s+)?\"[^\"]{{1,40}}\"\))?,?\s+(?:(?P<individual>an\s+individual)"
    rf"|an?\s+(?P<state>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})\s+(?P<kind>{_KINDS})\b)"
)
_ZIP_ADDRESS = r"(?P<address>\d[^()\";:]{2,150}?\b\d{5}(?:-\d{4})?)(?!\d)"
_ADDRESS_AFTER = re.compile(
    r"(?:\s*\((?:the\s+)?\"[^\"]{1,40}\"\))?,?(?:\s+an?\s+[^,()\";]{0,70}?)?,?\s+with\s+(?:an?\s+|its\s+)?"
    r"(?:address|office|principal\s+(?:executive\s+)?(?:office|place\s+of\s+business))(?:\s+located)?\s+at\s+"
    + _ZIP_ADDRESS
)
# "Attention: Elena Marsh", read word by word (words and spaces cannot take each other's characters: linear), and
# never past a "c/o" line, whose address is another's
_ADDRESS_BLOCK = re.compile(r",?\s+(?:(?:Attention|Attn\.?)\s*+:\s*+(?:[^\d:\s/]+\s+){1,20})?" + _ZIP_ADDRESS)
_INTRODUCED = re.compile(r',?\s*\((?:the\s+|each\s+a\s+)?"')
_CARE_OF = re.compile(r"c/o\s*$", re.IGNORECASE)
_NOT_PERSON = frozenset(
    """Agreement Agreements Note Notes Notice Date Act Company Purchaser Purchasers Price Closing Agent Escrow
    Maker Payee Holder Lender Borrower Stock Shares Rights Registration Purchase Exchange Securities Event Default
    Documents Account Bank Capital Fund Partners Street Avenue Floor Suite Plaza Section Article Exhibit Schedule
    Release Maturity Interest Principal Amount Business Day Days Commission Court Trust""".split()
)


@dataclass(frozen=True)
class Mention:
    """One party named in one document, with what the document says of it there."""

    name: str  # as written, spaces folded
    place: Place
    entity: bool  # a company or firm (it carries a corporate suffix), not a person
    described: tuple[str, str] | None = None  # ("Delaware", "corporation"); ("", "individual")
    described_place: Place | None = None
    address: str | None = None
    address_place: Place | None = None
    introduced: bool = False  # the document introduces the party here: `(the "Maker")`, "a Delaware corporation"

    @property
    def in_capitals(self) -> bool:
        letters = list(filter(str.isalpha, self.name))
        return len(letters) > 3 and all(map(str.isupper, letters))


def mentions(outline: Outline) -> list[Mention]:
    """Every party name the document (its outline) writes, in reading order."""
    found: list[Mention] = []
    known = outline.terms.known
    document = outline.name
    for para in outline.paras:
        entities, persons = _names_in(para.text)
        spans = list(entities)
        for start, end in entities:
            found.append(_mention(document, para, start, end, entity=True))
        for start, end, name in persons:
            if any(a <= start < b for a, b in spans) or name in known:
                continue
            spans.append((start, end))
            found.append(_mention(document, para, start, end, entity=False))
    return sorted(found, key=lambda m: (m.place.para.number, m.place.start))


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _names_in(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, str], ...]]:
    """Where `text` names a company or firm ((start, end), none overlapping), and the names it may give a person
    ((start, end, name)): those a defined term of the document, or a company's name, does not take (`mentions`)."""
    entities: list[tuple[int, int]] = []
    for pattern in (_ENTITY, _ENTITY_CAPS) if _ENTITY_HINT.search(text) else ():
        # A match starts after the one before it ends, so it can only start inside a name the first pattern found;
        # those do not overlap, so the one that starts last before it is the one to look at (a preamble naming
        # 5,000 purchasers is not compared name by name with each of the others).
        earlier = sorted(entities)
        starts = [a for a, _ in earlier]
        for match in pattern.finditer(text):
            start = _skip_leading_words(text, match.start("name"), match.end("name"))
            if start is None:
                continue
            before = bisect_right(starts, start) - 1
            if before >= 0 and start < earlier[before][1]:
                continue
            entities.append((start, match.end()))
    persons: list[tuple[int, int, str]] = []
    for pattern in (_PERSON_DEFINED, _PERSON_LABELLED) if _PERSON_HINT.search(text) else ():
        for match in pattern.finditer(text):
            name = match["name"]
            words = name.replace(".", "").split()
            if not any(w in _NOT_PERSON or w in PROPER_WORDS or w.lower() in FUNCTION_WORDS for w in words):
                persons.append((match.start("name"), match.end("name"), name))
    return tuple(entities), tuple(persons)


def entity_at(text: str, start: int) -> re.Match[str] | None:
    """The company or firm name that begins at `start` of `text` (folded), if one does."""
    for pattern in (_ENTITY, _ENTITY_CAPS):
        match = pattern.match(text, start)
        if match:
            return match
    return None


def _skip_leading_words(text: str, start: int, end: int) -> int | None:
    """Where the name proper starts: after a leading "The", "PURCHASER", "If" ...; None when nothing is left."""
    while True:
        word = re.match(r"[A-Za-z0-9'.&-]+\s*", text[start:end])
        if not word:
            return None
        bare = word.group().strip().rstrip(".")
        if bare.lower() in FUNCTION_WORDS or bare.lower() in ("purchaser", "company", "maker", "payee", "holder") or bare in PROPER_WORDS:
            start += word.end()
            continue
        return start


def _mention(document: str, para, start: int, end: int, *, entity: bool) -> Mention:
    text = para.text
    name = " ".join(para.raw[start:end].split())
    described = described_place = address = address_place = None
    match = _DESCRIBED.match(text, end)
    if match:
        described = ("", "individual") if match["individual"] else (match["state"], match["kind"])
        described_place = place(document, para, start, match.end())
    care_of = _CARE_OF.search(text[max(0, start - 10) : start])
    address_match = None if care_of else _ADDRESS_AFTER.match(text, end) or _notice_address(text, start, end)
    if address_match:
        address = " ".join(para.raw[address_match.start("address") : address_match.end("address")].split())
        address_place = place(document, para, start, address_match.end("address"))
    introduced = bool(described or _INTRODUCED.match(text, end))
    return Mention(
        name, place(document, para, start, end), entity, described, described_place, address, address_place, introduced
    )


def _notice_address(text: str, start: int, end: int) -> re.Match[str] | None:
    """The address lines right after a name that opens its paragraph (a notice block)."""
    if text[:start].strip():
        return None
    return _ADDRESS_BLOCK.match(text, end)


# ---------------------------------------------------------------- comparing spellings


def address_key(address: str) -> tuple[str, ...]:
    """What two ways of writing one address share: its numbers in order and its street's first word.

    "62 White Street, Suite 3A, New York, NY 10013" and "62 White St. Suite 3A New York, New York 10013"
    both give ("62", "3", "10013", "white"); abbreviations and commas do not count.
    """
    numbers = re.findall(r"\d+", address)
    street = re.match(r"\s*\d+[A-Za-z-]*\s+([A-Za-z]+)", address)
    return tuple(numbers) + ((street.group(1).casefold(),) if street else ())


@lru_cache(maxsize=65536)  # a deal's names are compared many times over: each with every name alike
def _suffix(name: str) -> tuple[tuple[str, ...], str, str]:
    """(the name's words, folded; its corporate suffix, folded, or ""; the two run together)."""
    match = re.search(rf",?\s+(?P<suffix>(?i:{CORPORATE_SUFFIX_PATTERN}))$", name)
    base = name[: match.start()] if match else name
    suffix = re.sub(r"[^a-z0-9]", "", match["suffix"].casefold()) if match else ""
    words = tuple(w for w in (re.sub(r"[^a-z0-9&]", "", w.casefold()) for w in base.split()) if w)
    return words, suffix, "".join(words) + suffix


@lru_cache(maxsize=65536)
def difference(a: str, b: str) -> str | None:
    """How spelling `b` differs from `a` when both name one party; None when they are the same or two parties.

    "capitals", "punctuation" (commas, periods, spaces), "suffix" (the corporate
    suffix: "LLC" for "L.P."), "spelling" (one word misspelt).
    """
    if a == b:
        return None
    if a.isupper() or b.isupper():
        a, b = a.upper(), b.upper()
        if a == b:
            return None
    if a.casefold() == b.casefold():
        return "capitals"
    words_a, suffix_a, run_a = _suffix(a)
    words_b, suffix_b, run_b = _suffix(b)
    if run_a == run_b:  # the same words and suffix, or the same letters spaced or punctuated otherwise
        return "punctuation"
    if words_a == words_b and suffix_a and suffix_b:
        return "suffix"
    if suffix_a != suffix_b or len(words_a) != len(words_b) or len(words_a) < 2:
        return None
    differing = [(x, y) for x, y in zip(words_a, words_b) if x != y]
    if len(differing) != 1:
        return None
    x, y = differing[0]
    limit = slips_allowed(x, y)
    if min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > limit or not (x.isalpha() and y.isalpha()):
        return None
    if slips(x, y, limit) > limit or roman_value(x) or roman_value(y):  # the distance of two words is remembered
        return None
    return "spelling"


def spelling_keys(name: str) -> list[object]:
    """Keys that any two spellings `difference` finds to name one party share at least one of.

    Other capitals or punctuation: the same letters and suffix; another suffix: the same words; one word
    misspelt: the same suffix and the same other words in the same places.
    """
    keys: list[object] = []
    for spelling in dict.fromkeys((name, name.upper())):  # `difference` compares capitals as capitals
        words, suffix, run = _suffix(spelling)
        keys += [run, words]
        if len(words) >= 2:
            keys += [(suffix, len(words), i, *words[:i], *words[i + 1 :]) for i in range(len(words))]
    return list(dict.fromkeys(keys))


def key(name: str) -> str:
    """What every way of writing one name shares: its letters and digits, in one case."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())
