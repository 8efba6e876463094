"""Which entry of a term sheet's list a key is in, in words: how a finding names the purchaser it is about."""

from __future__ import annotations

from typing import Any

from dealdocs.words import join_and, ordinal

KeyPath = tuple[str | int, ...]
"""Where a value is in a term sheet: ('purchasers', 1, 'subscription')."""

_NAMING = ("name", "payee", "signer", "purchaser")  # the key that names an entry: a purchaser's, a disbursement's, a ledger's


def entry_of(data: Any, path: KeyPath) -> str | None:
    """Which entry of a list the key at `path` is in, in words, counting from 1 as a reader does (`purchasers[2]` is
    "the 3rd purchaser, Margaret Chen"): the innermost entry that is a set of keys, named by its `name` (a
    disbursement by its payee, a closing ledger's entry by its signer or purchaser) when it has one; None outside such
    a list."""
    entry = None
    value = data
    for depth, part in enumerate(path):
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(value, dict) and depth and isinstance(path[depth - 1], str):
            listed = str(path[depth - 1]).replace("_", " ")
            what = listed[:-1] if listed.endswith("s") and not listed.endswith("ss") else "entry"
            naming = next((key for key in _NAMING if isinstance(value.get(key), str)), None)
            name = value.get(naming) if naming else _written_name(value)
            named = (isinstance(name, str) and 0 < len(name.strip()) <= 120 and name.isprintable()
                     and path[depth + 1 : depth + 2] != (naming,))  # not the value refused itself
            entry = f"the {ordinal(part + 1)} {what}" + (f", {' '.join(name.split())}" if named else "")
    return entry


def _written_name(entry: dict[str, Any]) -> str | None:
    """A purchaser's name as written when it has no `name` of its own: a trust's name, or its joint holders' names (a
    new user's trial: "purchasers[1].trust.date (the 2nd purchaser)", no name)."""
    trust, joint = entry.get("trust"), entry.get("joint")
    if isinstance(trust, dict) and isinstance(trust.get("name"), str):
        return trust["name"]
    holders = joint.get("holders") if isinstance(joint, dict) else None
    names = [h["name"] for h in holders if isinstance(h, dict) and isinstance(h.get("name"), str)] if isinstance(holders, list) else []
    return join_and(names) if names else None
