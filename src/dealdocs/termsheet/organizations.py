"""What each kind of entity calls its governing body, its owners and its governing documents.

A company's kind (`Company.entity_type`: "corporation", "limited liability company", "limited partnership")
decides the words the documents and the closing checklist use for who approves the financing and what the
secretary's certificate certifies.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Organization", "organization_of"]


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
