"""Where the money goes: subscriptions in, disbursements at release out, the net to the company.

One source for the funds figures that `check` prints and the closing
checklist tabulates. Every figure is one of the model's derived values
(`Deal.aggregate_subscription`, `Escrow.total_disbursements`,
`Deal.net_proceeds`), and the totals are checked to add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dealdocs.termsheet.model import Deal

ROLES = {"placement_agent": "Placement agent", "counsel": "Counsel", "escrow_agent": "Escrow agent", "other": "Other"}


@dataclass(frozen=True)
class FundsFlow:
    subscriptions: list[tuple[str, Decimal]]
    total_subscriptions: Decimal
    disbursements: list[tuple[str, str, Decimal]] | None  # (payee, role, amount); None: the deal has no escrow
    total_disbursements: Decimal
    company: str
    net: Decimal
    total_principal: Decimal | None  # None: the deal has no notes


def funds_flow(deal: Deal) -> FundsFlow:
    """Subscriptions in, disbursements out, the net to the company; raises ValueError if they do not add up."""
    subscriptions = [(p.name, p.subscription) for p in deal.purchasers]
    total_in = deal.aggregate_subscription
    disbursements = None
    total_out = Decimal("0.00")
    if deal.escrow is not None:
        disbursements = [(d.payee, ROLES[d.role], d.amount) for d in deal.escrow.disbursements]
        total_out = deal.escrow.total_disbursements
    net = deal.net_proceeds
    if sum((a for _, a in subscriptions), Decimal("0")) != total_in or total_in - total_out != net or (
        disbursements is not None and sum((a for *_, a in disbursements), Decimal("0")) != total_out
    ):
        raise ValueError("the funds flow does not add up")  # the model's sums: a bug if ever raised
    principal = deal.total_principal if deal.notes is not None else None
    return FundsFlow(subscriptions, total_in, disbursements, total_out, deal.company.name, net, principal)
