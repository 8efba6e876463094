"""The wire instructions as a closing watches them: changed wire details are the classic closing fraud.

One source for which wire fields are watched, how they are named, and the
advice given when they change: the build warns (DD150) when they differ from
the last build's record, and a redline heads its summary with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealdocs.termsheet.model import Deal

WIRE_LABELS = {
    "bank": "bank",
    "aba_routing_number": "ABA routing number",
    "account_name": "account name",
    "account_number": "account number",
    "bank_address": "bank address",
}
"""The watched fields of `escrow.wire`, in the order the build record lists them."""

WIRE_ADVICE = (
    "Changed wire details are the classic closing fraud. Before anyone wires funds, confirm the new "
    "details by telephone with a known contact at the escrow agent, on a number you already had, "
    "never on one given with the change."
)


def wire_details(deal: Deal) -> dict[str, str] | None:
    """The watched wire fields as text (the bank's address on one line); None without an escrow."""
    if deal.escrow is None:
        return None
    wire = deal.escrow.wire
    return {name: ", ".join(wire.bank_address) if name == "bank_address" else str(getattr(wire, name))
            for name in WIRE_LABELS}


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
    return [WireChange(name, before.get(name, ""), now.get(name, "")) for name in now if before.get(name) != now.get(name)]
