"""The wire instructions as a closing watches them: changed wire details are the classic closing fraud.

One source for which wire fields are watched, how they are named, the advice
given when they change, and what a confirmation of them records. A build
stops (DD150) when they differ from those last confirmed (or, never
confirmed, from the last build's), and warns (DD151) while they are not
confirmed; a redline heads its summary with them.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from dealdocs.termsheet.model import Deal

_ABA_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7, 1)


def aba_checksum_ok(number: str) -> bool:
    """True when a 9-digit ABA routing number passes its 3-7-1 checksum."""
    if not re.fullmatch(r"[0-9]{9}", number):
        return False
    return sum(int(d) * w for d, w in zip(number, _ABA_WEIGHTS)) % 10 == 0


WIRE_LABELS = {
    "bank": "bank",
    "aba_routing_number": "ABA routing number",
    "account_name": "account name",
    "account_number": "account number",
    "bank_address": "bank address",
    "swift_bic": "SWIFT/BIC code",
}
"""The watched fields of `escrow.wire`, in the order the build record lists them."""

WIRE_ADVICE = (
    "Changed wire details are the classic closing fraud. Before anyone wires funds, confirm the new "
    "details by telephone with a known contact at the escrow agent, on a number you already had, "
    "never on one given with the change."
)


CONFIRM_ADVICE = (
    "Wire details are what closing fraud changes. Before anyone wires funds, confirm them by telephone with a known "
    "contact at the escrow agent, on a number you already had, never on one given with the instructions."
)
"""What DD151 says of instructions not changed, only never confirmed (WIRE_ADVICE is for changed ones)."""


def wire_details(deal: Deal) -> dict[str, str] | None:
    """The watched wire fields as text (the bank's address on one line); None without an escrow."""
    if deal.escrow is None:
        return None
    wire = deal.escrow.wire
    return {name: ", ".join(wire.bank_address) if name == "bank_address" else str(getattr(wire, name))
            for name in WIRE_LABELS if getattr(wire, name) is not None}  # no SWIFT/BIC code: none recorded


@dataclass(frozen=True)
class WireChange:
    """One watched wire field that differs between two versions."""

    name: str
    old: str
    new: str

    @property
    def line(self) -> str:
        return f"escrow.wire.{self.name} ({WIRE_LABELS.get(self.name, self.name)}): {self.old} -> {self.new}"


def wire_changes(before: dict[str, str] | None, now: dict[str, str] | None) -> list[WireChange]:
    """The watched fields that changed from `before` to `now` (nothing when either has no wire)."""
    if before is None or now is None:
        return []
    return [WireChange(name, before.get(name, ""), now.get(name, "")) for name in {**before, **now}
            if before.get(name) != now.get(name)]  # a field given, changed or taken out


def _plain(*texts: object) -> bool:
    """True when each of `texts`, read from a build record, is text a term sheet could hold on one line: a record
    from a received deal folder is anyone's JSON, and a lone surrogate (`"\\ud800"`), a control character or a line
    break in it stopped check, build and status with an internal error where they print it or write it into the
    checklist (a hostile sweep), or rewrote the terminal's line (a carriage return, an escape).

    The rules are those the record's texts are written by (a term sheet's values, `confirm-wire`'s --by and --note),
    no stricter: a review found a right-to-left mark (U+200F) or U+009B, which both accept, make a confirmation none
    (DD151 for good) and the recorded wire instructions none (a changed account number passed without DD150)."""
    from dealdocs.termsheet.loader import unwritable
    from dealdocs.termsheet.values import one_line_problem

    return all(isinstance(text, str) and unwritable(text) is None and one_line_problem(text) is None
               for text in texts)


_CONFIRMED_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def _moment(text: object) -> bool:
    """True when `text` is a moment as `WireConfirmation.made_now` writes it (status reads its date)."""
    if not isinstance(text, str) or not _CONFIRMED_AT.fullmatch(text):
        return False
    try:
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def wire_fields(value: object) -> dict[str, str] | None:
    """`value` when it is wire details as a record keeps them (a JSON object of one-line strings), else None."""
    if isinstance(value, dict) and all(_plain(k, v) for k, v in value.items()):
        return value
    return None


@dataclass(frozen=True)
class WireConfirmation:
    """Wire details someone confirmed (by telephone, with a known contact), who and when."""

    details: dict[str, str]
    by: str
    at: str  # UTC, ISO 8601
    note: str = ""
    named: bool | None = True  # `by` is a name someone gave (confirm-wire --by), not the computer's login name;
    # None: a record made before this was kept, whose `by` may be either

    @classmethod
    def made_now(cls, details: dict[str, str], by: str | None = None, note: str = "") -> WireConfirmation:
        """A confirmation of `details` at this moment, by `by` (default: the login name, kept as not `named`)."""
        return cls(details, by or _login_name(), datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), note,
                   named=by is not None)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"details": self.details, "by": self.by, "at": self.at}
        if self.note:
            data["note"] = self.note
        if self.named is not None:
            data["named"] = self.named
        return data

    @classmethod
    def from_dict(cls, value: object) -> WireConfirmation | None:
        """The confirmation a record holds; None when it holds none, or not one of this shape."""
        if not isinstance(value, dict):
            return None
        details, by, at, note = wire_fields(value.get("details")), value.get("by"), value.get("at"), value.get("note", "")
        named = value.get("named")  # absent in a record made before it was kept; then only a yes or a no
        if details is None or not (_plain(by) and _moment(at) and (note == "" or _plain(note))):
            return None
        if named is not None and not isinstance(named, bool):
            return None
        return cls(details, by, at, note, named)

    def checklist_words(self) -> str:
        """Who confirmed them and whom they called, as the closing checklist says it: a name given, never the
        computer's login name (a partner's read: "recorded by root" on a checklist that goes to the other side), nor
        the `by` of a record made before names were told from logins."""
        if self.named:
            return f"confirmed by {self.by}: {self.note}" if self.note else \
                f"recorded by {self.by}; no note of whom they called or at which number"
        return (f"confirmed: {self.note}; who confirmed them is not recorded" if self.note else
                "recorded with no name of who confirmed them, nor whom they called at which number")

    def line(self) -> str:
        return f"confirmed by {self.by} on {self.at}" + (f" ({self.note})" if self.note else "")


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"user {os.getuid()}" if hasattr(os, "getuid") else "unknown user"
