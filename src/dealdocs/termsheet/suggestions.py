"""What an unknown key of a term sheet (or a closing ledger) was likely meant to be: DD003's "did you mean".

A key misspelt ("maturty_date") is matched against the keys its section takes; a key cut short ("funds" for
"funds_received") against their first words; a key of another section written in this one ("interest_rate" under
`escrow:`) is said to belong there. Only a near match is read as the key meant (`loader`'s `_SURELY_MEANT`); the
others are only suggested.
"""

from __future__ import annotations

import difflib
from pydantic import BaseModel

from dealdocs.termsheet.base import model_in

__all__ = ["meant_key", "section_of"]


def meant_key(model: type[BaseModel], key: str, cutoff: float = 0.6) -> str | None:
    """The key of `model` an unknown `key` most likely misspells (what DD003 suggests), if any: the nearest at
    `cutoff` or nearer; below the usual cutoff, the one key whose first words `key` is ("funds" of "funds_received",
    a new user's trial), which is only suggested, never read as meant."""
    keys = list(model.model_fields)
    started = [name for name in keys if name.startswith(f"{key}_")]
    if len(started) > 1:  # the first words of several: none suggested over the others (a code review: "control")
        return None
    close = difflib.get_close_matches(key, keys, n=1, cutoff=cutoff)
    if close or cutoff > 0.6:
        return close[0] if close else None
    return started[0] if started else None


def section_of(key: str, root: type[BaseModel], here: type[BaseModel]) -> str | None:
    """The one top-level section of `root` that takes `key` ("notes" for "interest_rate" written under `escrow:`, a
    new user's trial), when no other does and no section within `here` does (a code review: "signatory" under
    `escrow:` is its agent's, and "name" is many sections' own)."""
    taking = [name for name, info in root.model_fields.items()
              if (model := model_in(info.annotation)) is not None and key in model.model_fields]
    return taking[0] if len(taking) == 1 and not _within(here, key, set()) else None


def _within(model: type[BaseModel], key: str, seen: set[type[BaseModel]]) -> bool:
    """Whether a section nested in `model`, at any depth, takes `key`."""
    seen.add(model)
    for info in model.model_fields.values():
        inner = model_in(info.annotation)
        if inner is not None and inner not in seen and (key in inner.model_fields or _within(inner, key, seen)):
            return True
    return False
