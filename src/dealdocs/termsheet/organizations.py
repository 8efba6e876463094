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

    board: str  # who approves: "board of directors"
    holders: str  # "stockholders"
    charter: str  # "certificate of incorporation"
    bylaws: str  # "bylaws"


def organization_of(entity_type: str) -> Organization:
    """The words for a corporation, a limited liability company, a partnership, or another kind of entity."""
    kind = entity_type.lower()
    if "limited liability company" in kind:
        return Organization("managers (or members, if member-managed)", "members", "certificate of formation",
                            "operating agreement")
    if "partnership" in kind:
        return Organization("general partner", "limited partners", "certificate of limited partnership",
                            "partnership agreement")
    if "corporation" in kind:
        return Organization("board of directors", "stockholders", "certificate of incorporation", "bylaws")
    return Organization("governing body", "equity holders", "charter", "governing documents")
