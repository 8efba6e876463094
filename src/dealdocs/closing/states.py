"""US states, the District of Columbia and the territories: a purchaser's state read from their address.

An address's `state` is free text ('New York', 'NY', 'N.Y.'); `us_state(address)`
reads it as one of these, or None when the address is outside the United
States (a `country` other than the United States) or its state is not one of
them.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealdocs.termsheet.base import Address


@dataclass(frozen=True)
class State:
    code: str  # the postal abbreviation: "NY"
    name: str  # "New York"


STATES: tuple[State, ...] = tuple(State(code, name) for code, name in (
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("PR", "Puerto Rico"), ("VI", "U.S. Virgin Islands"), ("GU", "Guam"),
))

_UNITED_STATES = {"united states", "united states of america", "usa", "us"}
_BY_TEXT = {key: state for state in STATES for key in (state.code.lower(), state.name.lower())}
_BY_TEXT["washington, d.c."] = _BY_TEXT["washington dc"] = _BY_TEXT["dc"]
_BY_TEXT["virgin islands"] = _BY_TEXT["vi"]


def _plain(text: str) -> str:
    """'N.Y.' -> 'ny', '  New  York ' -> 'new york'."""
    words = " ".join(text.split()).lower()
    return words.replace(".", "") if len(words.replace(".", "")) == 2 else words


def in_united_states(address: Address) -> bool:
    """True unless the address names another country."""
    return address.country is None or _plain(address.country).replace(".", "") in _UNITED_STATES


def us_state(address: Address) -> State | None:
    """The state (or DC, or territory) of a US address; None outside the United States or when not recognized."""
    if not in_united_states(address):
        return None
    return _BY_TEXT.get(_plain(address.state))
