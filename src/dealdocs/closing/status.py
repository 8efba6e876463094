"""Where the closing stands: each signature, each purchaser's funds and each deliverable, with its state.

`closing_status(deal, ledger)` sets what the closing needs (`closing.signatures`,
the subscriptions, `closing.deliverables`) against what the closing ledger
records. With no ledger everything is outstanding. `dealdocs status` prints
it and the closing checklist tabulates it, so both say the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from dealdocs.closing.deliverables import WIRE_CALLBACK, Deliverable, deliverables_for
from dealdocs.closing.funds import net_proceeds_words
from dealdocs.closing.ledger import ClosingLedger, superseded
from dealdocs.closing.signatures import Signature, signatures
from dealdocs.closing.wire import WireConfirmation, wire_changes, wire_details
from dealdocs.termsheet.model import Deal
from dealdocs.words import amount_figures, long_date


@dataclass(frozen=True)
class SignatureStatus:
    signature: Signature
    signed: bool  # recorded signed, on the document as it is now when the ledger gives the version signed
    superseded: str | None = None  # the version signed, when the document has changed since (not `signed` then)
    presumed: bool = False  # `superseded` is the version the page is taken as signed on (recorded without one)
    returned: date | None = None  # the day the signed page came back, where the ledger gives it

    @property
    def signed_on(self) -> str:
        """'signed on version 1c481e2a', or, recorded without its version, 'taken as signed on version ...' (a second
        new user's trial read the version of a page recorded without one as the one signed)."""
        return f"{'taken as signed' if self.presumed else 'signed'} on version {self.superseded}"

    @property
    def state(self) -> str:
        if self.superseded:
            return f"Outstanding: {self.signed_on}, changed since"
        return "Signed" if self.signed else "Outstanding"


@dataclass(frozen=True)
class FundsStatus:
    purchaser: str
    amount: Decimal  # the subscription
    received: date | None  # None: not received yet

    short: Decimal = Decimal("0.00")  # short of the subscription, accepted
    reason: str | None = None  # why
    so_far: Decimal | None = None  # not received yet: the part wired so far, the rest to come (`rest_to_come`)

    @property
    def in_part(self) -> str | None:
        """"$100,000.00 received so far, $150,000.00 to come" for funds received in part, else None."""
        if self.so_far is None:
            return None
        return f"{amount_figures(self.so_far)} received so far, {amount_figures(self.amount - self.so_far)} to come"

    @property
    def state(self) -> str:
        if not self.received:  # a new user's trial: $400,000 in escrow showed as nothing received
            return f"Outstanding: {self.in_part}" if self.in_part else "Outstanding"
        if self.short:
            return f"Received {long_date(self.received)}, {amount_figures(self.short)} short (accepted: {self.reason})"
        return f"Received {long_date(self.received)}"


@dataclass(frozen=True)
class DeliverableStatus:
    deliverable: Deliverable
    done: bool
    done_on: date | None = None
    not_needed: str | None = None  # why, when the ledger says it is not needed
    done_by: str | None = None  # who did it and how, where the record says (the wire's telephone confirmation); not
    # done, what the record lacks (a confirmation that names no one)

    @property
    def outstanding(self) -> bool:
        return not self.done and self.not_needed is None

    @property
    def late(self) -> bool:
        """Done after the day it was due, where that day is a deadline: the wire's call-back (for other rows it is
        only the first day their row names: a reviewer's read, a lien search brought down after it, "late")."""
        due = self.deliverable.due.day
        return (self.done and self.deliverable.name == WIRE_CALLBACK and self.done_on is not None and due is not None
                and self.done_on > due)

    @property
    def state(self) -> str:
        if self.done:
            # a partner's read: "Done December 4, 2026" for a call due before a closing nine months earlier, with
            # no word of who called whom: who and how, where recorded, and a day after the due date said so
            state = f"Done {long_date(self.done_on)}" if self.done_on else "Done"
            state += f" ({self.done_by})" if self.done_by else ""
            return state + (f", after it was due ({long_date(self.deliverable.due.day)})" if self.late else "")
        if self.not_needed is not None:
            return f"Not needed: {self.not_needed}"
        state = "Outstanding (if needed)" if self.deliverable.if_needed else "Outstanding"
        return f"{state}: {self.done_by}" if self.done_by else state  # a confirmation that records no one


@dataclass(frozen=True)
class ClosingStatus:
    signatures: list[SignatureStatus]
    funds: list[FundsStatus]
    deliverables: list[DeliverableStatus]
    ledger: str | None = None  # the ledger the states come from, as displayed; None: no ledger yet
    short: Decimal = Decimal("0.00")  # what the wires accepted short fall short by (`ClosingLedger.accepted_short`)

    @property
    def unsigned(self) -> list[SignatureStatus]:
        return [s for s in self.signatures if not s.signed]

    @property
    def funds_outstanding(self) -> list[FundsStatus]:
        return [f for f in self.funds if f.received is None]

    @property
    def subscribed(self) -> Decimal:
        return sum((f.amount for f in self.funds), Decimal("0.00"))

    @property
    def owed(self) -> Decimal:
        """The subscriptions not yet received (of one received in part, the rest to come)."""
        return sum((f.amount - (f.so_far or 0) for f in self.funds_outstanding), Decimal("0.00"))

    @property
    def deliverables_outstanding(self) -> list[DeliverableStatus]:
        return [d for d in self.deliverables if d.outstanding]

    @property
    def done_late(self) -> list[DeliverableStatus]:
        return [d for d in self.deliverables if d.late]

    def received_by(self, deliverable: DeliverableStatus) -> list[FundsStatus]:
        """The funds received in full by the day `deliverable` was done (the ledger records days: that day too): of
        the wire's call-back done late, those whose wires to confirm went to the details it confirmed."""
        return [f for f in self.funds if f.received and deliverable.done_on and f.received <= deliverable.done_on]

    @property
    def complete(self) -> bool:
        """Every signature, every purchaser's funds and every deliverable are in."""
        return not (self.unsigned or self.funds_outstanding or self.deliverables_outstanding)

    def without_ledger(self) -> str:
        """What is outstanding with no ledger yet: everything, but the wire's telephone confirmation where
        `dealdocs confirm-wire` recorded it (so the checklist's "Done" row and this line agree)."""
        if any(d.done for d in self.deliverables):
            return ("every signature, payment and deliverable is outstanding except the telephone confirmation of "
                    "the wire instructions, recorded as done")
        return "every signature, payment and deliverable is outstanding"

    def signed_count(self, document: str) -> tuple[int, int]:
        """(signed, needed) signatures of one document."""
        return self._signed_counts.get(document, (0, 0))

    @cached_property
    def _signed_counts(self) -> dict[str, tuple[int, int]]:
        """`signed_count` of each document, counted in one pass (a checklist asks it of each of 5,000 notes)."""
        counts: dict[str, tuple[int, int]] = {}
        for status in self.signatures:
            signed, needed = counts.get(status.signature.document, (0, 0))
            counts[status.signature.document] = (signed + bool(status.signed), needed + 1)
        return counts


def closing_status(deal: Deal, ledger: ClosingLedger | None = None, wire: WireConfirmation | None = None,
                   digests: Mapping[str, str] | None = None, *, wire_changed: bool = False) -> ClosingStatus:
    """What the closing needs, each with its state in `ledger` (everything outstanding without one); the
    telephone confirmation of the wire done on the day of `wire` (`dealdocs confirm-wire`, kept with the build)
    while the wire instructions are still those it confirmed; a page recorded signed on a version of its document
    other than the one `digests` gives (document name -> digest of the .docx built) outstanding."""
    ledger = ledger or ClosingLedger()
    changed = {signature: version for signature, version, _ in superseded(ledger, digests or {})}
    done = dict(ledger.done)
    if wire_changed:  # DD150: a call-back the ledger records done confirmed other details (a code review: status
        done.pop(WIRE_CALLBACK, None)  # said the wire changed, then "all ... are in", JSON complete: true)
    now = wire_details(deal)
    by: dict[str, str] = {}
    confirmed = wire is not None and now is not None and not wire_changes(wire.details, now)
    if confirmed and wire is not None and (wire.named or wire.note):
        done.setdefault(WIRE_CALLBACK, _local_day(wire.at))
        by[WIRE_CALLBACK] = wire.checklist_words()
    elif confirmed and wire is not None:  # two partners' reads: the fraud control "Done" with no record of who called
        by[WIRE_CALLBACK] = ("confirmed, with no record of who called whom at which number: record it with "  # whom
                             "dealdocs confirm-wire --by NAME --note WHAT")
    elif WIRE_CALLBACK in done and now is not None:  # a new user's trial: "Done" on the checklist, on the ledger's
        # word alone, while DD151 said the details were never confirmed
        by[WIRE_CALLBACK] = ("on the closing ledger's word; which details were confirmed is not recorded: "
                             "dealdocs confirm-wire records them")
    funds = [FundsStatus(p.name, p.subscription, ledger.funds[i].date, ledger.funds[i].short, ledger.funds[i].reason)
             if i in ledger.funds else FundsStatus(p.name, p.subscription, None,
                                                   so_far=ledger.in_part[i].amount if i in ledger.in_part else None)
             for i, p in enumerate(deal.purchasers)]
    short = ledger.accepted_short
    return ClosingStatus(
        [SignatureStatus(s, s in ledger.signed and s not in changed, changed.get(s), s in ledger.remembered,
                         ledger.signed_dates.get(s))
         for s in signatures(deal)],
        funds,
        [DeliverableStatus(_as_held(deal, d, short), d.name in done, done.get(d.name), ledger.not_needed.get(d.name),
                           by.get(d.name)) for d in deliverables_for(deal)],
        ledger.display,
        short,
    )


def _local_day(at: str) -> date:
    """The day on this computer's clock of a time recorded in UTC (ISO 8601): a call-back confirmed at 8:30 pm in
    New York on the closing day was "done" the next day, UTC's (a code review)."""
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().date()
    except ValueError:
        return date.fromisoformat(at[:10])


def _as_held(deal: Deal, deliverable: Deliverable, short: Decimal) -> Deliverable:
    """`deliverable`; the release instructions, with wires accepted `short` of their subscriptions, giving the net
    proceeds the escrow holds (a new user's trial: they asked for $25.00 more than was held), on the checklist and in
    `status` alike."""
    if not short or deliverable.name != _RELEASE_INSTRUCTIONS:
        return deliverable
    return replace(deliverable, title=deliverable.title.replace(net_proceeds_words(deal), net_proceeds_words(deal, short)))


_RELEASE_INSTRUCTIONS = "release-instructions"  # `deliverables`' name for them
