"""Regulation D as it stood on the day of a deal's first sale.

The SEC's release 33-9415 and 33-9414 (effective September 23, 2013) split
Rule 506 into 506(b), the offering without general solicitation, and 506(c),
and added the bad actor disqualification of Rule 506(d). A deal whose first
sale is earlier relies on Rule 506 as it then stood, with no disqualification
to represent against and no covered persons to question: its documents cite
"Rule 506", not "Rule 506(b)", and say nothing of Rule 506(d).
"""

from __future__ import annotations

from datetime import date

from dealdocs.termsheet.model import Deal

RULE_506_AMENDED = date(2013, 9, 23)
"""Rules 506(b), 506(c) and 506(d) in force from this day (SEC Releases 33-9415 and 33-9414)."""


def first_sale(deal: Deal) -> date | None:
    """The date of first sale: the purchase agreement's signing, when the purchasers are committed to invest."""
    if deal.notes is not None:
        return deal.notes.agreement_date
    return deal.escrow.purchase_agreement.date if deal.escrow is not None else None


def bad_actor_rule(deal: Deal) -> bool:
    """Whether the deal's first sale falls under Rule 506 as amended in 2013: 506(b), and the bad actor rule 506(d)."""
    sold = first_sale(deal)
    return sold is None or sold >= RULE_506_AMENDED
