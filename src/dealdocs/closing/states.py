"""A purchaser's state read from their address: a US state, the District of Columbia or a territory.

An address's `state` is free text ('New York', 'NY', 'N.Y.'); `us_state(address)` reads it as one of those
(`termsheet.jurisdictions`, the one table of them), or None when the address is outside the United States (a
`country` other than the United States) or its state is none of them.
"""

from __future__ import annotations

from dealdocs.termsheet.base import Address
from dealdocs.termsheet.jurisdictions import Jurisdiction, home, is_united_states

__all__ = ["State", "in_united_states", "us_state"]

State = Jurisdiction
"""A US jurisdiction: its postal `code` ("NY") and `name` ("New York")."""


def in_united_states(address: Address) -> bool:
    """True unless the address names another country (`is_united_states`: one list of the ways to write it)."""
    return is_united_states(address.country)


def us_state(address: Address) -> State | None:
    """The state (or DC, or territory) of a US address; None outside the United States or when not recognized."""
    if not in_united_states(address):
        return None
    found = home(address.state, address.country)
    return found if found.in_united_states else None
