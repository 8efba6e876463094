"""The parties a document names: each name as written, with what the document says of the party.

A party's name is read where agreements write names:

- a company's or firm's name, which ends with a corporate suffix
  ("Northwind Analytics, Inc.", "Whitfield & Crane LLP", in capitals too in
  a signature block: "NORTHWIND ANALYTICS, INC.");
- a person's name where a party is introduced: `Robert Petty ("Petty")`,
  `Margaret Chen (the "Payee")`, "Name of Purchaser: Margaret Chen",
  "If to Margaret Chen, to:";
- people who hold together (a `Holding`), wherever they are written with the
  capacity in which they hold: joint holders ("Ramon Ortiz and Lucia Ortiz, as
  joint tenants with right of survivorship", "..., JTWROS"), trustees ("Martin
  Hollis and Ellen Hollis, as trustees of the Hollis Family Trust u/a/d May 1,
  2012", "Ruth Calloway, Trustee of the Calloway Trust dated June 14, 2011"),
  and joint holders a document introduces together: `Ramon Ortiz and Lucia
  Ortiz (together, the "Payee")`. The people and the capacity are one party's
  name: no one of them is read apart.

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
Two names of people who hold together are compared as what they are made of:
the same holding when they share a holder (or, trustees, their trust's name),
written another way when one of its people is left out, added or misspelt, or
its tenancy, or its trust's date, differs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from dealdocs.checks.closing_set.common import DATE, Place, Written, place, written_date
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
# People who hold together: joint holders, or trustees (of a trust named, perhaps with its date). The capacity is
# what makes the names one party's: "Ramon Ortiz and Lucia Ortiz" alone, in an address block, is not read.
_NAME_WORD = r"(?:[A-Z][a-z]*'?[A-Z][a-z]+|[A-Z][a-z]+)(?:-[A-Z][a-z]+)?"  # "Ortiz", "O'Brien", "McDonald"
_HOLDER = rf"{_NAME_WORD}(?:[ ]+[A-Z]\.)?(?:[ ]+{_NAME_WORD}){{1,2}}(?:,?[ ]+(?:Jr\.|Sr\.|III?\b|IV\b))?"
_FIRST_NAME = rf"{_NAME_WORD}(?:[ ]+[A-Z]\.)?(?=,?[ ]+(?:and|&)[ ]+{_HOLDER})"  # "John" of "John and Mary Smith"
# "A, B and C", and "A and B and C" as some drafts write it (each "and" a holder more: at most five holders so joined)
_HOLDERS = rf"(?P<holders>(?:{_HOLDER}|{_FIRST_NAME})(?:,[ ]+{_HOLDER})*(?:,?[ ]+(?:and|&)[ ]+{_HOLDER}){{0,4}})"
_TENANCY = (
    r"as[ ]+(?:(?P<survivorship>joint[ ]+tenants(?:[ ]+with[ ]+(?:full[ ]+)?(?:the[ ]+)?rights?[ ]+of[ ]+survivorship)?"
    r"(?:[ ]+and[ ]+not[ ]+as[ ]+tenants[ ]+in[ ]+common)?)|(?P<common>tenants[ ]+in[ ]+common)"
    r"|(?P<entirety>tenants[ ]+by[ ]+the[ ]+entiret(?:y|ies))"
    r"|(?P<community>community[ ]+property(?:[ ]+with[ ]+rights?[ ]+of[ ]+survivorship)?))"
    r"|\(?(?:(?P<jtwros>JTWROS|JT[ ]?TEN)|(?P<tencom>TEN[ ]?COM)|(?P<tenent>TEN[ ]?ENT))\b\)?"
)
_TRUST_DATE = (
    rf",?[ ]+(?:u/a/d|U/A/D|(?:u/t/a|U/T/A|u/a|U/A)(?:[ ]+(?:dated|dtd|DTD))?|UAD|dated|dtd|DTD|established|created"
    rf"|under[ ]+(?:an?[ ]+|the[ ]+)?(?:agreement|declaration|instrument|indenture)(?:[ ]+of[ ]+trust)?[ ]+dated)"
    rf"(?:[ ]+as[ ]+of|[ ]+on)?[ ]+(?P<date>{DATE.pattern}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_TRUST = rf"(?:[Tt]he[ ]+)?(?P<trust>(?:[A-Z][A-Za-z0-9'.&-]*[ ]+){{1,6}}?Trust\b(?:[ ]+(?:No\.[ ]*\d+|[IVX]+\b))?)(?:{_TRUST_DATE})?"
_TRUSTEES = (
    rf"(?:as[ ]+)?(?P<trustee>(?:[Cc]o-?)?[Tt]rustees?|TTEES?|(?:CO-)?TRUSTEES?)(?:[ ]+(?:of|for|under))?,?[ ]+{_TRUST}"
    r"(?:,?[ ]+as[ ]+amended(?:[ ]+and[ ]+restated)?)?(?:,?[ ]+(?:or|and)[ ]+(?:their|his|her)[ ]+successors[ ]+in[ ]+trust)?"
)
_CAPACITY = rf",?[ ]+(?:{_TENANCY}|{_TRUSTEES})"
_HELD = re.compile(rf"(?<![\w.'&-]){_HOLDERS}{_CAPACITY}")
_HOLDER_ROLES = "Payee|Holder|Purchaser|Lender|Investor|Noteholder"  # a group `(together, the "Founders")` holds nothing
_HELD_TOGETHER = re.compile(
    rf"(?<![\w.'&-])(?P<holders>{_HOLDER}(?:,[ ]+{_HOLDER})*,?[ ]+(?:and|&)[ ]+{_HOLDER})"
    rf"(?=\s*\((?:together|collectively|jointly),?\s+(?:the\s+)?\"(?:{_HOLDER_ROLES})s?\")"
)
_HOLDING_HINT = re.compile(r"(?i:tenants|trustee|TTEE|JTWROS|JT[ ]?TEN|TEN[ ]?COM|TEN[ ]?ENT|community[ ]+property)|\((?:together|collectively|jointly)")
_HOLDING_NAME = re.compile(rf"{_HOLDERS}(?:{_CAPACITY})?")
_TRUST_NAME = re.compile(_TRUST)
_SPACES = re.compile(r"[ ]+")
_INTRODUCED_TOGETHER = re.compile(r',?\s*\((?:the\s+|each\s+a\s+|(?:together|collectively|jointly),?\s+(?:the\s+)?)?"')
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
class Holding:
    """People who hold one note together, read from their name (`holding`): joint holders, or trustees of a trust
    (a trust may be named without its trustees: `holders` empty)."""

    holders: tuple[str, ...]  # as written: ("Ramon Ortiz", "Lucia Ortiz")
    trust: str  # the trust's name ("Hollis Family Trust"), "" for joint holders
    tenancy: str  # joint holders: "survivorship", "common", "entirety", "community", or "" when not said
    date: str  # the trust's date ("May 1, 2012"), "" when not given

    @property
    def role(self) -> str:
        return "trustee" if self.trust else "holder"


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
    holding: bool = False  # people holding together (`Holding`), neither a company nor one person

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
        entities, persons, holdings = _names_in(para.text)
        spans = list(entities) + list(holdings)
        for start, end in entities:
            found.append(_mention(document, para, start, end, entity=True))
        for start, end in holdings:
            found.append(_mention(document, para, start, end, entity=False, holding=True))
        for start, end, name in persons:
            if any(a <= start < b for a, b in spans) or name in known:
                continue
            spans.append((start, end))
            found.append(_mention(document, para, start, end, entity=False))
    return sorted(found, key=lambda m: (m.place.para.number, m.place.start))


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _names_in(
    text: str,
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, str], ...], tuple[tuple[int, int], ...]]:
    """Where `text` names a company or firm ((start, end), none overlapping), the names it may give a person
    ((start, end, name)): those a defined term of the document, or a company's name, does not take (`mentions`),
    and where it names people holding together ((start, end): `_holdings_in`)."""
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
    holdings = _holdings_in(text) if _HOLDING_HINT.search(text) else ()
    entities = [(a, b) for a, b in entities if not any(c <= a < d for c, d in holdings)]
    return tuple(entities), tuple(persons), holdings


def _holdings_in(text: str) -> tuple[tuple[int, int], ...]:
    """Where `text` names people holding together: with their capacity ("..., as joint tenants with right of
    survivorship", "..., as trustees of the Hollis Family Trust u/a/d May 1, 2012"), or two or more introduced
    together (`Ramon Ortiz and Lucia Ortiz (together, the "Payee")`). A name that starts with a word no person's
    name has ("Purchaser Ramon Ortiz and ...") is read from the next word."""
    found: list[tuple[int, int]] = []
    for pattern in (_HELD, _HELD_TOGETHER):
        for match in pattern.finditer(text):
            held: re.Match[str] | None = match
            while held is not None and not _people(held["holders"]):
                space = _SPACES.search(text, held.start(), held.end("holders"))
                held = pattern.match(text, space.end()) if space else None
            if held is not None and not any(a <= held.start() < b for a, b in found):
                found.append((held.start(), held.end()))
    return tuple(sorted(found))


def _people(holders: str) -> tuple[str, ...]:
    """The people of a holding's names ("Ramon Ortiz and Lucia Ortiz"), () when a word of one is no person's."""
    people = tuple(p for p in re.split(r",?[ ]+(?:and|&)[ ]+|,[ ]+(?!Jr\.|Sr\.|III?\b|IV\b)", holders) if p)
    surname = re.sub(r",?[ ]+(?:Jr\.|Sr\.|III?|IV)$", "", people[-1]).split()[-1] if people else ""
    # "John and Mary Smith": John shares the last holder's surname
    people = tuple(p if len([w for w in p.split() if not w.endswith(".")]) > 1 else f"{p} {surname}" for p in people)
    for person in people:
        words = [w for w in person.replace(".", "").split() if len(w) > 1]  # an initial: "Ruth A. Calloway"
        if any(w in _NOT_PERSON or w in PROPER_WORDS or w.lower() in FUNCTION_WORDS for w in words):
            return ()
    return people


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


def _mention(document: str, para, start: int, end: int, *, entity: bool, holding: bool = False) -> Mention:
    text = para.text
    name = " ".join(para.raw[start:end].split())
    if holding:  # neither described nor addressed as one company or person; introduced "together" too
        introduced = bool(_INTRODUCED_TOGETHER.match(text, end))
        return Mention(name, place(document, para, start, end), False, introduced=introduced, holding=True)
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
def holding(name: str) -> Holding | None:
    """The people (and trust) of a name of people holding together: "Ramon Ortiz and Lucia Ortiz, as joint tenants
    with right of survivorship", "Martin Hollis, as trustee of the Hollis Family Trust u/a/d May 1, 2012", "Ramon
    Ortiz and Lucia Ortiz"; the trust of "the Hollis Family Trust dated May 1, 2012". None for any other name (a
    company's, one person's)."""
    name = " ".join(name.replace("\u2019", "'").split())  # as the document writes it: "O’Brien", "Children’s"
    match = _HOLDING_NAME.fullmatch(name)
    if match and match["holders"]:
        people = _people(match["holders"])
        if people and (len(people) > 1 or match["trustee"] or _tenancy(match)):
            return Holding(people, " ".join((match["trust"] or "").split()), _tenancy(match), _trust_date(match))
    match = _TRUST_NAME.fullmatch(name)
    if match:
        return Holding((), " ".join(match["trust"].split()), "", _trust_date(match))
    return None


def _tenancy(match: re.Match[str]) -> str:
    for group, tenancy in (("survivorship", "survivorship"), ("jtwros", "survivorship"), ("common", "common"),
                           ("tencom", "common"), ("entirety", "entirety"), ("tenent", "entirety"), ("community", "community")):
        if match[group]:
            return tenancy
    return ""


def _trust_date(match: re.Match[str]) -> str:
    """The trust's date, written one way: "May 1, 2012" for "5/1/2012" too."""
    if not match["date"]:
        return ""
    written = DATE.fullmatch(match["date"])
    if written:
        return str(written_date(written))
    month, day, year = (int(n) for n in match["date"].split("/"))
    year += (2000 if year < 50 else 1900) if year < 100 else 0  # "dtd 5/1/12"
    return str(Written(year, month, day)) if year > 999 and 1 <= month <= 12 and Written(year, month, day).value else match["date"]


_HELD_WHAT = {
    "holder left out": "a joint holder is left out",
    "holders left out": "joint holders are left out",
    "holder added": "a joint holder is added",
    "holders added": "joint holders are added",
    "holder another": "a joint holder is another person",
    "trustee left out": "a trustee is left out",
    "trustees left out": "trustees are left out",
    "trustee added": "a trustee is added",
    "trustees added": "trustees are added",
    "trustee another": "a trustee is another person",
    "trustees": "the trustees are other people",
    "tenancy": "the tenancy differs",
    "tenancy left out": "the tenancy is left out",
    "tenancy added": "a tenancy is added",
    "trust date": "the trust's date differs",
    "trust date left out": "the trust's date is left out",
    "trust date added": "a trust date is added",
    "reworded": "their capacity is worded otherwise",
}


def described(how: str) -> str:
    """What a `difference` says, in words: "a word is spelt differently", "a trustee is left out and the trust's
    date differs"."""
    words = {
        "capitals": "the capitals differ",
        "punctuation": "the punctuation differs",
        "suffix": "the corporate suffix differs",
        "spelling": "a word is spelt differently",
        **_HELD_WHAT,
    }
    return " and ".join(words[part] for part in how.split("+"))


def _held_difference(a: Holding, b: Holding) -> str | None:
    """How holding `b` differs from `a` when both are one party's; None when they are the same or two parties.

    One party: joint holders with a holder in common and none another person (Ramon Ortiz with Lucia Ortiz is not
    Ramon Ortiz with Maria Ortiz), or trustees of one trust (named alike, or one word misspelt; its trustees may be
    others). Then each difference, joined by "+": a holder left out or added (or a trustee another person), one
    holder's name spelt otherwise, the tenancy, the trust's date; "reworded" when none is but the words are
    others ("JTWROS" for "as joint tenants with right of survivorship", "dated" for "u/a/d"): no misspelling.
    """
    if bool(a.trust) != bool(b.trust):
        return None
    parts: list[str] = []
    left, right = list(a.holders), list(b.holders)
    for person in list(left):
        same = next((other for other in right if key(other) == key(person)), None)
        if same is not None:
            left.remove(person)
            right.remove(same)
    shared = len(a.holders) - len(left)
    for person in list(left):
        near = next((other for other in right if _difference(person, other, False)), None)
        if near is not None:
            left.remove(person)
            right.remove(near)
            parts.append(_difference(person, near, False) or "spelling")
    anchored = bool(shared) or (bool(a.trust) and key(a.trust) == key(b.trust))
    if a.trust and key(a.trust) != key(b.trust):  # a trust misspelt: the same trustees, or no trustees named
        trust_how = _difference(a.trust, b.trust, False)
        if trust_how is None or (a.holders and b.holders and not shared):
            return None
        parts.append(trust_how)
        anchored = True
    if not anchored:
        return None
    role = a.role
    if a.trust and not (a.holders and b.holders):
        left = right = []  # a trust named alone is the party its trustees are: none of them is left out
    if left and right:
        if not a.trust:
            return None  # joint holders of whom one is another person: another holding (Ramon with Lucia, with Maria)
        parts.append(f"{role} another" if len(left) == len(right) == 1 else f"{role}s")
    elif left:
        parts.append(f"{role}{'s' if len(left) > 1 else ''} left out")
    elif right:
        parts.append(f"{role}{'s' if len(right) > 1 else ''} added")
    if a.tenancy and b.tenancy and a.tenancy != b.tenancy:
        parts.append("tenancy")
    elif a.tenancy != b.tenancy:
        parts.append("tenancy left out" if a.tenancy else "tenancy added")
    if a.date and b.date and a.date != b.date:
        parts.append("trust date")
    elif a.date != b.date and a.holders and b.holders:  # a trust named alone need not say its date
        parts.append("trust date left out" if a.date else "trust date added")
    return "+".join(dict.fromkeys(parts)) or "reworded"  # "JTWROS" for "as joint tenants with right of ...", "dated" for "u/a/d"


def difference(a: str, b: str) -> str | None:
    """How spelling `b` differs from `a` when both name one party; None when they are the same or two parties.

    "capitals", "punctuation" (commas, periods, spaces), "suffix" (the corporate
    suffix: "LLC" for "L.P."), "spelling" (one word misspelt); for people holding
    together (`holding`), what `_held_difference` says ("holder left out",
    "trustee left out+trust date" ...). `described` puts it in words.
    """
    return _difference(a, b, True)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@lru_cache(maxsize=65536)  # each name is compared with every name alike: a deal's 5,000 with 200,000 others
def _straight(name: str) -> str:
    """`name` with its apostrophes straight: "O’Brien" is "O'Brien"."""
    return name.translate(_APOSTROPHES)


@lru_cache(maxsize=65536)  # the words of a deal's names are a few: "Birch", "Cedar", "Ridge", "Capital"
def _misspelt(x: str, y: str) -> bool:
    """Whether one word is the other misspelt: letters, four or more, a slip or two apart (`slips`), and neither a
    roman numeral ("Fund II", "Fund III")."""
    limit = slips_allowed(x, y)
    if min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > limit or not (x.isalpha() and y.isalpha()):
        return False
    return not (slips(x, y, limit) > limit or roman_value(x) or roman_value(y))  # the distance is remembered


@lru_cache(maxsize=65536)
def _difference(a: str, b: str, held: bool) -> str | None:
    """`difference`; with `held` False, of two names each read as one name (a holder's, a trust's)."""
    a, b = _straight(a), _straight(b)
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
    held_a, held_b = (holding(a), holding(b)) if held else (None, None)
    if held_a or held_b:
        return _held_difference(held_a, held_b) if held_a and held_b else None
    if words_a == words_b and suffix_a and suffix_b:
        return "suffix"
    if suffix_a != suffix_b or len(words_a) != len(words_b) or len(words_a) < 2:
        return None
    differing = [(x, y) for x, y in zip(words_a, words_b) if x != y]
    return "spelling" if len(differing) == 1 and _misspelt(*differing[0]) else None


def spelling_keys(name: str) -> list[object]:
    """Keys that any two spellings `difference` finds to name one party share at least one of.

    Other capitals or punctuation: the same letters and suffix; another suffix: the same words; one word
    misspelt: the same suffix and the same other words in the same places; people holding together: one of
    them, or their trust.
    """
    keys: list[object] = []
    for spelling in dict.fromkeys((name, name.upper())):  # `difference` compares capitals as capitals
        words, suffix, run = _suffix(spelling)
        keys += [run, words]
        if len(words) >= 2:
            keys += [(suffix, len(words), i, *words[:i], *words[i + 1 :]) for i in range(len(words))]
    held = holding(name)
    if held:  # people holding together: each of them, and their trust (one word of it misspelt too)
        keys += [("holder", key(person)) for person in held.holders]
        if held.trust:
            words = _suffix(held.trust)[0]
            keys += [("trust", key(held.trust))]
            keys += [("trust", len(words), i, *words[:i], *words[i + 1 :]) for i in range(len(words))]
    return list(dict.fromkeys(keys))


_TO = re.compile(r"(?:to\s+)?(?:the\s+order\s+of\s+)?")
_TAIL = re.compile(
    rf",?\s+(?:an\s+individual\b|an?\s+(?:[A-Z][A-Za-z.]+\s+){{1,4}}(?:[a-z]+\s+){{0,2}}(?:{_KINDS})\b"
    r"|(?:or|and)\s+(?:(?:its|his|her|their)\s+)?(?:(?:registered|permitted)\s+)?(?:successors\s+(?:and|or)\s+)?"
    r"(?:(?:registered|permitted)\s+)?assigns\b"
    r"|(?:residing|located|domiciled)\s+(?:at|in)\b|with\s+(?:an?\s+|its\s+)?(?:address|office|principal|residence)\b"
    r"|whose\s+(?:address|principal)\b)"
)


@lru_cache(maxsize=65536)
def bare_name(text: str) -> str:
    """A party's name without what a document writes around it where it names the party: "to the order of",
    ", a Delaware limited liability company", ", an individual", "or its registered assigns", ", with an address
    at ...": "to the order of Quarry Lane Fund, LLC, a New York limited liability company" -> "Quarry Lane Fund, LLC"."""
    text = " ".join(text.split())
    text = text[_TO.match(text).end() :]
    tail = _TAIL.search(text)
    return text[: tail.start()].rstrip(" ,") if tail and tail.start() > 0 else text


def key(name: str) -> str:
    """What every way of writing one name shares: its letters and digits, in one case."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())
