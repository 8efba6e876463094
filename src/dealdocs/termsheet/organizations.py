"""What each kind of entity calls its governing body, its owners and its governing documents.

A company's kind (`Company.entity_type`: "corporation", "limited liability company", "limited partnership")
decides the words the documents and the closing checklist use for who approves the financing and what the
secretary's certificate certifies.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from dealdocs.termsheet.jurisdictions import jurisdiction

__all__ = ["Organization", "entity_type_problem", "kind_agrees", "named_kind", "organization_of"]


@dataclass(frozen=True)
class Organization:
    """What a company's kind of entity calls its governing body, its owners and its two governing documents."""

    governing_body: str  # who approves: "board of directors"
    holders: str  # "stockholders"
    charter: str  # what it files to exist: "certificate of incorporation"
    bylaws: str  # what governs it within: "bylaws"
    corporate: bool = False  # a corporation ("public benefit corporation" too): its approvals are "corporate action"


_KINDS = (  # (words in its entity type, its words), the more particular first
    (("limited liability company",), Organization("managers or members", "members", "certificate of formation",
                                                  "operating agreement")),
    (("limited liability partnership",), Organization("partners", "partners", "statement of qualification",
                                                      "partnership agreement")),
    (("limited partnership",), Organization("general partner", "limited partners", "certificate of limited partnership",
                                            "partnership agreement")),
    (("partnership",), Organization("partners", "partners", "statement of partnership authority",
                                    "partnership agreement")),
    (("corporation",), Organization("board of directors", "stockholders", "certificate of incorporation", "bylaws", True)),
    (("exempted company",), Organization(  # a Cayman Islands company
        "board of directors", "shareholders", "certificate of incorporation", "memorandum and articles of association")),
    (("limited company", "public limited company", "plc"), Organization(
        "board of directors", "shareholders", "certificate of incorporation", "articles of association")),
)
_OTHER = Organization("governing body", "equity holders", "charter", "governing documents")


def organization_of(entity_type: str) -> Organization:
    """The words for a corporation, a limited liability company, a partnership of one kind or another, an English
    limited company, a Cayman exempted company; the most general words for another kind of entity."""
    kind = " ".join(entity_type.lower().split())
    for names, words in _KINDS:
        if any(name in kind for name in names):
            return words
    return _OTHER


_DOT = r"\.?\s?"
_SUFFIXES = (  # (a name's last words, the kind of entity they say it is): the longer first ("LLLP" before "LP")
    (rf"P{_DOT}L{_DOT}L{_DOT}C|L{_DOT}L{_DOT}C|L{_DOT}C|limited liability company", "limited liability company"),
    (rf"L{_DOT}L{_DOT}L{_DOT}P|limited liability limited partnership", "limited liability limited partnership"),
    (rf"L{_DOT}L{_DOT}P|limited liability partnership", "limited liability partnership"),
    (rf"L{_DOT}P|limited partnership", "limited partnership"),
    (r"Inc|Incorporated|Corp|Corporation", "corporation"),
)
_SUFFIX = [(re.compile(rf"[\s,](?:{words})\.?\s*$", re.IGNORECASE), kind) for words, kind in _SUFFIXES]


def named_kind(name: str) -> str | None:
    """The kind of US entity the last words of `name` say it is ("Quarry Lane Fund, LLC": "limited liability
    company"; "Northwind Analytics, Inc.": "corporation"); None when they say none (", Ltd.", a trust, a person).

    A name that says it is of one kind cannot be of another: a state registers a limited liability company's
    name only with "LLC" or its words, a limited partnership's with "L.P.", a corporation's with "Inc." or
    "Corporation" (or another word this does not read, such as "Company")."""
    for pattern, kind in _SUFFIX:
        if pattern.search(name):
            return kind
    return None


def kind_agrees(named: str, entity_type: str) -> bool:
    """Whether an entity whose name says it is a `named` kind (`named_kind`) may be of `entity_type`: False only
    when the type says another kind ("limited partnership" for "..., LLC"). A type that says none of the kinds
    known here ("cooperative": many are incorporated, "..., Inc.") agrees; so does a particular case of the
    kind named ("public benefit corporation"; a limited liability limited partnership, for "L.P.")."""
    kind = " ".join(entity_type.casefold().split())
    said = next((known for known in _TYPE_KINDS if known in kind), None)
    return said is None or said == named or (named, said) == ("limited partnership", "limited liability limited partnership")


_TYPE_KINDS = ("limited liability limited partnership", "limited liability partnership", "limited liability company",
               "limited partnership", "partnership", "corporation", "trust", "exempted company", "limited company")
"""Kinds of entity an entity_type may say, the more particular first."""


_KNOWN_TYPES = frozenset({
    "corporation", "limited liability company", "limited partnership", "limited liability limited partnership",
    "limited liability partnership", "general partnership", "partnership", "statutory trust", "business trust", "trust",
    "professional corporation", "professional limited liability company", "nonprofit corporation",
    "benefit corporation", "public benefit corporation", "series limited liability company", "cooperative",
    "cooperative corporation", "exempted company", "exempted limited partnership", "limited company",
    "private limited company", "public limited company", "company", "unlimited liability company",
    "unlimited company", "non-profit corporation", "not-for-profit corporation", "nonstock corporation",
    "non-stock corporation", "close corporation", "statutory close corporation", "social purpose corporation",
    "low-profit limited liability company", "limited cooperative association",
})
"""Entity types as the documents print them after the state ("a Delaware limited liability company")."""

_WRITTEN_IN_FULL = {
    "corp": "corporation", "inc": "corporation", "incorporated": "corporation", "c corporation": "corporation",
    "s corporation": "corporation", "c corp": "corporation", "s corp": "corporation", "llc": "limited liability company",
    "l.l.c": "limited liability company", "lp": "limited partnership", "l.p": "limited partnership",
    "llp": "limited liability partnership", "l.l.p": "limited liability partnership",
    "lllp": "limited liability limited partnership", "pc": "professional corporation",
    "pllc": "professional limited liability company",
}
"""Abbreviations and tax statuses an entity_type may be written as, and the type in full."""


def entity_type_problem(entity_type: str, state: str | None) -> str | None:
    """Why `entity_type` is likely not what the documents should print after the state ("a Delaware ..."): an
    abbreviation or a tax status ("LLC", "C corporation"), the state written into it ("Delaware corporation"), or a
    misspelling of a known type ("limited liabilty company"); None for a known type or one this cannot judge (a
    foreign kind of entity). A new user's trial: each was printed as written, and "C corporation" was taken for no
    registered organization, its UCC-1 to be filed elsewhere."""
    kind = " ".join(entity_type.casefold().replace(",", " ").split())
    if kind in _KNOWN_TYPES:
        return None
    full = _WRITTEN_IN_FULL.get(kind.rstrip("."))
    if full is not None:
        status = " (C and S are tax statuses, not kinds of entity)" if kind.startswith(("c ", "s ")) else ""
        return f"write '{full}'{status}: the documents print the type in full after the state"
    printed = jurisdiction(state).name if state else ""  # "DE" is printed "Delaware" (a code review: missed)
    written = " ".join(entity_type.split())
    for where in sorted({w.casefold() for w in (state or "", printed, jurisdiction(state).code or "" if state else "")
                         if w.strip()}, key=len, reverse=True):
        if kind.startswith(where + " ") and kind[len(where) + 1:]:
            return (f"the state is state_of_organization's: write '{written[len(where) + 1:]}' (the documents "
                    f"would print 'a {printed} {written}')")
    close = difflib.get_close_matches(kind, sorted(_KNOWN_TYPES), n=1, cutoff=0.88)
    if close:
        return f"did you mean '{close[0]}'? The documents print the type as written"
    return None
