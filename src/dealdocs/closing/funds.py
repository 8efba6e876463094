"""Where the money goes: subscriptions in, disbursements at release out, the net to the company.

One source for the funds figures that `check` prints and the closing
checklist tabulates. Every figure is one of the model's derived values
(`Deal.aggregate_subscription`, `Escrow.total_disbursements`,
`Deal.placement_fee`, `Deal.net_proceeds`), and the totals are checked to add
up. The placement agent's fee is shown with where it is paid from: out of the
escrow at release (one of the disbursements), or, in a deal without an
escrow, from the proceeds at closing (the company nets the subscriptions less
the fee).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dealdocs.termsheet.model import Deal
from dealdocs.words import amount_figures

ROLES = {"placement_agent": "Placement agent", "counsel": "Counsel", "escrow_agent": "Escrow agent", "other": "Other"}

FROM_ESCROW = "out of the escrow at release"
FROM_PROCEEDS = "from the proceeds at closing"
OUTSIDE_ESCROW = "by the company, not out of the escrow"


@dataclass(frozen=True)
class PlacementFee:
    """The placement agent's cash fee: its percent of the gross proceeds, and where it is paid from."""

    agent: str
    percent: Decimal
    gross_proceeds: Decimal
    fee: Decimal
    paid: str  # FROM_ESCROW, FROM_PROCEEDS or OUTSIDE_ESCROW


@dataclass(frozen=True)
class FundsFlow:
    subscriptions: list[tuple[str, Decimal]]
    total_subscriptions: Decimal
    disbursements: list[tuple[str, str, Decimal]] | None  # (payee, role, amount); None: the deal has no escrow
    total_disbursements: Decimal
    company: str
    net: Decimal
    total_principal: Decimal | None  # None: the deal has no notes
    placement_fee: PlacementFee | None = None  # None: the deal names no placement agent


def placement_fee(deal: Deal) -> PlacementFee | None:
    """The placement agent's fee and where it is paid from, or None without a placement agent."""
    agent, fee = deal.placement_agent, deal.placement_fee
    if agent is None or fee is None:
        return None
    if deal.escrow is None:
        paid = FROM_PROCEEDS
    else:
        paid = FROM_ESCROW if deal.escrow.placement_agent is not None else OUTSIDE_ESCROW
    return PlacementFee(agent.name, agent.fee_percent, deal.gross_proceeds, fee, paid)


def funds_flow(deal: Deal) -> FundsFlow:
    """Subscriptions in, disbursements out, the net to the company; raises ValueError if they do not add up."""
    subscriptions = [(p.name, p.subscription) for p in deal.purchasers]
    total_in = deal.aggregate_subscription
    disbursements = None
    total_out = Decimal("0.00")
    fee = placement_fee(deal)
    if deal.escrow is not None:
        disbursements = [(d.payee, ROLES[d.role], d.amount) for d in deal.escrow.disbursements]
        total_out = deal.escrow.total_disbursements
    paid_at_closing = fee.fee if fee is not None and fee.paid == FROM_PROCEEDS else Decimal("0.00")
    net = deal.net_proceeds
    if sum((a for _, a in subscriptions), Decimal("0")) != total_in or total_in - total_out - paid_at_closing != net or (
        disbursements is not None and sum((a for *_, a in disbursements), Decimal("0")) != total_out
    ):
        raise ValueError("the funds flow does not add up")  # the model's sums: a bug if ever raised
    principal = deal.total_principal if deal.notes is not None else None
    return FundsFlow(subscriptions, total_in, disbursements, total_out, deal.company.name, net, principal, fee)


def net_proceeds_words(deal: Deal, short: Decimal = Decimal("0.00")) -> str:
    """"the net proceeds of $1,812,519.75": what the company receives at release, as the release instructions name it;
    with wires accepted `short` of their subscriptions, the net the escrow holds, and why (`status.closing_status`)."""
    net = deal.net_proceeds
    if not short:
        return f"the net proceeds of {amount_figures(net)}"
    return (f"the net proceeds of {amount_figures(net - short)} (the subscriptions' {amount_figures(net)} less "
            f"{amount_figures(short)} of wires accepted short)")
