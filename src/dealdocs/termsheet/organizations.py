"""What each kind of entity calls its governing body, its owners and its governing documents.

A company's kind (`Company.entity_type`: "corporation", "limited liability company", "limited partnership")
decides the words the documents and the closing checklist use for who approves the financing and what the
secretary's certificate certifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Organization", "kind_agrees", "named_kind", "organization_of"]


@dataclass(frozen=True)
class Organization:
    """What a company's kind of entity calls its governing body, its owners and its two governing documents."""

    governing_body: str  # who approves: "board of directors"
    holders: str  # "stockholders"
    charter: str  # what it files to exist: "certificate of incorporation"
    bylaws: str  # what governs it within: "bylaws"


_KINDS = (  # (words in its entity type, its words), the more particular first
    (("limited liability company",), Organization("managers or members", "members", "certificate of formation",
                                                  "operating agreement")),
    (("limited liability partnership",), Organization("partners", "partners", "statement of qualification",
                                                      "partnership agreement")),
    (("limited partnership",), Organization("general partner", "limited partners", "certificate of limited partnership",
                                            "partnership agreement")),
    (("partnership",), Organization("partners", "partners", "statement of partnership authority",
                                    "partnership agreement")),
    (("corporation",), Organization("board of directors", "stockholders", "certificate of incorporation", "bylaws")),
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
