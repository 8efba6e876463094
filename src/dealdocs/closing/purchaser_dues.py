"""What each purchaser delivers besides its signature pages, as its packet's cover says it.

The closing checklist lists what is due from each purchaser (`deliverables`:
its investor questionnaire, evidence of its authority, a financial promotion
statement, its tax form) and the telephone confirmation of the escrow's wire
instructions before anyone wires; the purchasers never see the checklist, so
each purchaser's cover repeats its own part of it, with when each is due, and
its purchase price wired to the escrow account, or without an escrow to the
account the company designates (the note purchase agreement's Section 3.3; a
partner's read: the packets gave the deadline for the pages alone, and a
convertible deal's purchasers were told nothing of their wire).
"""

from __future__ import annotations

from dealdocs.closing.deliverables import PURCHASERS, WIRE_CALLBACK, Deliverable, deliverables_for
from dealdocs.closing.kinds import purchaser_slugs
from dealdocs.termsheet.model import Deal
from dealdocs.words import amount_figures, join_and, long_date

__all__ = ["purchaser_dues"]

_WHAT = {  # a purchaser may be a person, trustees or joint holders: no "its"
    "investor-questionnaire": "an investor questionnaire",
    "authority": "evidence of the authority to buy",
    # a partner's read: "a financial promotion statement, before the agreements are signed" asked for one signed
    # now; the exemption needs it signed (or the standing it evidences held) before the offer was first made
    "financial-promotion": "a copy of the financial promotion statement (or evidence of standing) the offer relied "
                           "on, signed or true before the offer was first made (one made now will not do)",
    "tax-form": "",  # the form, as its title names it: "Form W-9"
}


def purchaser_dues(deal: Deal) -> dict[str, str]:
    """A purchaser's slug (`kinds.purchaser_slugs`) -> the sentence its covers add; none for a purchaser owing nothing
    but its pages. Read once for the deal: its deliverables are many at 5,000 purchasers."""
    slugs = purchaser_slugs(deal.purchasers)
    owed: dict[str, list[Deliverable]] = {slug: [] for slug in slugs}
    callback: Deliverable | None = None
    for deliverable in deliverables_for(deal):
        if deliverable.group != PURCHASERS:
            continue
        if deliverable.name == WIRE_CALLBACK:
            callback = deliverable
            continue
        slug = _slug(deliverable.name, slugs)
        if slug is not None:
            owed[slug].append(deliverable)
    out = {}
    for purchaser, slug in zip(deal.purchasers, slugs, strict=True):
        by_due: dict[str, list[str]] = {}
        for deliverable in owed[slug]:
            kind = deliverable.name[: -len(slug) - 1]
            what = _WHAT.get(kind) or deliverable.title.split(" of ", 1)[0]  # "Form W-9"
            by_due.setdefault(_when(deliverable, kind), []).append(what)
        items = [f"{join_and(whats)}, {due}" for due, whats in by_due.items()]
        several = (purchaser.joint is not None or (purchaser.trust is not None and len(purchaser.trust.trustees) > 1))
        price = (f"the purchase price, {amount_figures(purchaser.subscription)}"
                 f"{' (one wire in all, not one from each signer)' if several else ''}")
        if deal.escrow is not None:
            confirmed = (f" {_when(callback, '')}, once the Escrow Agent's wire instructions are confirmed by telephone "
                         "at a number known independently, never one given in an email" if callback else "")
            items.append(f"{price}, wired to the escrow account{confirmed}")
        elif deal.notes is not None:
            items.append(f"{price}, wired at the closing ({long_date(deal.notes.closing.date)}) to the account "
                         f"{deal.company.name} designates in a writing signed by an officer, once the account is confirmed by "
                         "telephone with that officer at a number not taken from the writing, never one given in an "
                         "email (Note Purchase Agreement, Section 3.3)")
        if items:
            out[slug] = (f"Besides these pages, the closing checklist asks {purchaser.name}{',' if ', ' in purchaser.name else ''} for: "
                         + ("; ".join(items[:-1]) + "; and " + items[-1] if len(items) > 1 else items[0]) + ".")
    return out


def _when(deliverable: Deliverable, kind: str) -> str:
    """When it is due, as a purchaser's cover says it: the checklist's words ("before closing (June 10, 2026)"), but
    not the drafter's note of a date the term sheet lacks; a UK resident's statement, due before the offer reached
    it, is asked for on the cover as what it must be at the latest: before the agreements are signed."""
    due = deliverable.due
    if kind == "financial-promotion" and due.day is not None:
        return f"before the agreements are signed ({long_date(due.day)})"
    text = due.text if due.day is not None else due.text.split(" (", 1)[0]
    return text[:1].lower() + text[1:]


def _slug(name: str, slugs: list[str]) -> str | None:
    """The purchaser's slug in a deliverable's name ("calloway-trust" of "tax-form-calloway-trust"); None for a
    deliverable of no kind here."""
    for kind in _WHAT:
        if name.startswith(kind + "-") and name[len(kind) + 1 :] in slugs:
            return name[len(kind) + 1 :]
    return None
