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
    close = difflib.get_close_matches(key, keys, n=1, cutoff=cutoff)
    if close or cutoff > 0.6:
        return close[0] if close else None
    started = [name for name in keys if name.startswith(f"{key}_")]
    return started[0] if len(started) == 1 else None


def section_of(key: str, root: type[BaseModel], here: type[BaseModel] | None) -> str | None:
    """The top-level section of `root` (other than the one whose model is `here`) that takes `key`, when one does
    ("notes" for "interest_rate" written under `escrow:`, a new user's trial)."""
    for name, info in root.model_fields.items():
        model = model_in(info.annotation)
        if model is not None and model is not here and key in model.model_fields:
            return name
    return None
