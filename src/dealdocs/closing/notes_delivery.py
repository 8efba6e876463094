"""Who delivers the signed notes at the closing: one answer, for the signature packets' covers and the checklist.

A note is not a counterpart of an agreement but a single original, which its
maker, the company, delivers to its purchaser at the closing (the Note
Purchase Agreement, Section 3.2: "the Company shall deliver to each Purchaser
such Purchaser's Note"). The company does so through company counsel, which
receives the signed notes from the company's officers and holds them until
then: the closing checklist's register of the notes has it deliver them
(`closing.deliverables`), and the covers of the packets of the notes' maker and
attesting officer send the signed notes to it (`outputs.packets`). The
agreements' signature pages are another matter: they go to whoever the term
sheet's `signature_pages_to` names, else, with an escrow, to the escrow agent.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealdocs.termsheet.model import Deal

__all__ = ["NotesKeeper", "company_counsel", "notes_keeper"]


@dataclass(frozen=True)
class NotesKeeper:
    """Who receives the signed notes from the company's officers, holds them, and delivers them to their holders."""

    role: str  # as the covers and the checklist call it: "company counsel"
    name: str | None  # as the term sheet names it ("Lowell & Park LLP"), else None


def notes_keeper(deal: Deal) -> NotesKeeper:
    """Company counsel, named as the term sheet names it (`company_counsel`)."""
    return NotesKeeper("company counsel", company_counsel(deal))


def company_counsel(deal: Deal) -> str | None:
    """Company counsel, as the term sheet names it: the escrow agent, where it has acted as the company's counsel;
    else the payee of the escrow's payment to counsel to the company; else None."""
    if deal.escrow is None:
        return None
    if "company" in deal.escrow.escrow_agent_counsel_to:
        return deal.escrow.agent.name
    company = {"counsel to the company", f"counsel to {deal.company.name}".lower(),
               f"counsel to {deal.company.short_name}".lower()}
    return next((d.payee for d in deal.escrow.disbursements if d.role == "counsel" and d.purpose
                 and any(name in d.purpose.lower() for name in company)), None)
