"""Jurisdictions as the documents name them: "the State of New York", "the District of Columbia", "England and Wales".

A term sheet names a jurisdiction (the governing law, where an entity is
organized) by name or by postal abbreviation: ``New York`` or ``NY``. A US
state, the District of Columbia or a US territory is recognised and written in
full, with its style: "the State of New York", "the Commonwealth of
Massachusetts" (Kentucky, Massachusetts, Pennsylvania and Virginia style
themselves Commonwealths), "the District of Columbia", "the Commonwealth of
Puerto Rico", "Guam". Anything else is taken as a jurisdiction outside the
United States and written exactly as typed ("England and Wales", "the Cayman
Islands"): dealdocs never adds or drops an article. A name that is none of the
United States' but a slip or two from one of them ("Deleware", "Massachusets") is
most likely a typo, not a foreign country: `Jurisdiction.slip_for` says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dealdocs.spelling import slips, slips_allowed

Kind = Literal["state", "district", "territory", "foreign"]

_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
_COMMONWEALTHS = {"Kentucky", "Massachusetts", "Pennsylvania", "Virginia"}

# The District and the territories: (postal code, name, how "the laws of ..." names it, other spellings).
_OTHERS: tuple[tuple[str, str, str, Kind, tuple[str, ...]], ...] = (
    ("DC", "District of Columbia", "the District of Columbia", "district", ("D.C.", "Washington, D.C.", "Washington DC")),
    ("PR", "Puerto Rico", "the Commonwealth of Puerto Rico", "territory", ("PRI",)),  # and ISO 3166's three letters
    ("MP", "Northern Mariana Islands", "the Commonwealth of the Northern Mariana Islands", "territory", ("MNP",)),
    ("GU", "Guam", "Guam", "territory", ("GUM",)),
    ("VI", "U.S. Virgin Islands", "the United States Virgin Islands", "territory",
     ("United States Virgin Islands", "US Virgin Islands", "USVI", "Virgin Islands, U.S.", "VIR")),
    ("AS", "American Samoa", "American Samoa", "territory", ("ASM",)),
)

_ABBREVIATIONS = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Cal": "CA", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE",
    "Fla": "FL", "Ida": "ID", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Kans": "KS", "Mass": "MA", "Mich": "MI",
    "Minn": "MN", "Miss": "MS", "Mont": "MT", "Neb": "NE", "Nebr": "NE", "Nev": "NV", "N Mex": "NM", "N Dak": "ND",
    "Okla": "OK", "Ore": "OR", "Oreg": "OR", "Penn": "PA", "Penna": "PA", "S Dak": "SD", "Tenn": "TN", "Tex": "TX",
    "Wash": "WA", "W Va": "WV", "Wis": "WI", "Wisc": "WI", "Wyo": "WY",
}  # fmt: skip
"""The older abbreviations of states' names ("Mass.", "Calif.", "W. Va."), with stops or without: none is a name
or a postal code, so none is read as a state; `abbreviated` says which each stands for."""

_PREFIX = re.compile(r"^(?:the\s+)?(?:state|commonwealth)\s+of\s+(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Jurisdiction:
    """A jurisdiction as typed, recognised or not."""

    typed: str  # as the term sheet gives it: "NY", "England and Wales"
    name: str  # "New York", "District of Columbia"; a foreign one as typed
    styled: str  # completes "the laws of ...": "the State of New York", "England and Wales"
    kind: Kind
    code: str | None = None  # the US postal code, "NY"

    @property
    def in_united_states(self) -> bool:
        return self.kind != "foreign"

    @property
    def looks_like_a_code(self) -> bool:
        """Two capital letters that are no US postal code ('XY'): most likely a typo, not a foreign country."""
        return self.kind == "foreign" and bool(re.fullmatch(r"[A-Z]{2}", self.typed.strip()))

    @property
    def slip_for(self) -> tuple[Jurisdiction, ...]:
        """The US jurisdictions a name that is none of them is a typo of, the nearest ("Deleware": Delaware;
        "Akansas": Kansas and Arkansas); none for a US one, a code, or a name far from all ("Ontario")."""
        if self.kind != "foreign" or self.looks_like_a_code:
            return ()
        return _slip_for(_bare(_key(self.typed)))


def _key(text: str) -> str:
    """`text` compared: "New  York," -> "new york"; a code written with stops, "N.Y." or "U.S.A.", -> "ny", "usa"."""
    words = text.replace(".", " ").replace(",", " ").split()
    if 2 <= len(words) <= 3 and all(len(word) == 1 for word in words):
        return "".join(words).casefold()
    return " ".join(words).casefold()


def _bare(key: str) -> str:
    """A key without the words before a jurisdiction's name: "the", "state of", "the commonwealth of the"."""
    return _PREFIX.sub("", key).removeprefix("the ")


def _table() -> dict[str, Jurisdiction]:
    table: dict[str, Jurisdiction] = {}
    for code, name in _STATES.items():
        style = "Commonwealth" if name in _COMMONWEALTHS else "State"
        found = Jurisdiction(name, name, f"the {style} of {name}", "state", code)
        for spelling in (code, name):
            table[_key(spelling)] = found
    for code, name, styled, kind, others in _OTHERS:
        found = Jurisdiction(name, name, styled, kind, code)
        for spelling in (code, name, styled, *others):
            table[_key(spelling)] = found
    return table


_TABLE = _table()
_NAMES = {_bare(key): found for key, found in _TABLE.items() if sum(c.isalpha() for c in key) >= 4}
"""Each spelling of a US jurisdiction that is a name ("new york", "washington dc", "usvi"), not a code ("ny", "d c")."""


@lru_cache(maxsize=1024)
def _slip_for(bare: str) -> tuple[Jurisdiction, ...]:
    """The US jurisdictions with a name fewest slips from `bare` (`spelling.slips_allowed` at most), in table order."""
    nearest: dict[str, tuple[int, Jurisdiction]] = {}
    for name, found in _NAMES.items():
        limit = slips_allowed(bare, name)
        count = slips(bare, name, limit)
        if count <= limit and count < nearest.get(found.name, (limit + 1, found))[0]:
            nearest[found.name] = (count, found)
    fewest = min((count for count, _ in nearest.values()), default=0)
    return tuple(found for count, found in nearest.values() if count == fewest)


def jurisdiction(typed: str) -> Jurisdiction:
    """The jurisdiction `typed` names: a US one recognised by name or postal code, else taken as foreign.

    "the State of New York" and "State of New York" are recognised too.
    """
    found = _TABLE.get(_key(typed)) or _TABLE.get(_key(_PREFIX.sub("", typed.strip())))
    if found is not None:
        return Jurisdiction(typed, found.name, found.styled, found.kind, found.code)
    text = " ".join(typed.split())
    return Jurisdiction(typed, text, text, "foreign")


def home(state: str, country: str | None) -> Jurisdiction:
    """Where an address with `state` and `country` is: the US territory its country names ("Puerto Rico", whatever
    its state says), else its state as written (a foreign one for a province abroad)."""
    named = jurisdiction(country) if country else None
    return named if named is not None and named.kind == "territory" else jurisdiction(state)


def abbreviated(typed: str) -> Jurisdiction | None:
    """The US state an older abbreviation of its name stands for ("Mass.": Massachusetts), else None."""
    code = _ABBREVIATIONS.get(" ".join(typed.replace(".", " ").split()).title())
    return _TABLE[_key(code)] if code else None


def state_name(typed: str) -> str:
    """A US state or territory written out ("DE" -> "Delaware"); anything else as typed."""
    return jurisdiction(typed).name


US_COUNTRY_NAMES = frozenset(_key(name) for name in (
    "United States", "United States of America", "US", "USA", "U.S.", "U.S.A.", "America",
))


def is_united_states(country: str | None) -> bool:
    """True for an address without a country, with the United States as its country, or with a US territory as
    its country ("Puerto Rico", "Guam", "VI"): in the United States as the securities laws define it (Securities Act
    Section 2(a)(6) counts a territory a State; Regulation S, Rule 902(l)), its banks on the Federal Reserve's wires."""
    return country is None or _key(country) in US_COUNTRY_NAMES or jurisdiction(country).kind == "territory"


def united_states_slip(country: str | None) -> bool:
    """True for a country a slip or two from a name of the United States ("Untied States", "Unted States of
    America"): a typo, which would put a US address abroad (`spelling.slips_allowed`; short names, "US", "USA",
    are too near other countries' codes to say)."""
    if country is None or is_united_states(country):
        return False
    key = _key(country)
    return any(len(name) >= 8 and slips(key, name, slips_allowed(key, name)) <= slips_allowed(key, name)
               for name in US_COUNTRY_NAMES)


UK_COUNTRY_NAMES = frozenset(_key(name) for name in (
    "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "GB", "GBR", "Great Britain",
    "Britain", "England", "England and Wales", "Scotland", "Wales", "Northern Ireland",
))


def is_united_kingdom(country: str | None) -> bool:
    """True for an address in the United Kingdom (its country written as the United Kingdom or one of its nations)."""
    return country is not None and _key(country) in UK_COUNTRY_NAMES
