"""Checks on company counsel, whom the signature packets' covers send the signed notes to, and on the purchasers'
counsel, whom the checklist gives the security package of secured notes (codes DD147, DD148, DD159, DD175, DD176).

Company counsel receives the signed notes from the company's officers, holds them and delivers them at the
closing (`closing.notes_delivery`). The term sheet names it in `company_counsel`, or its escrow does (the escrow
agent as counsel to the company, or the payee of a payment to counsel to the company); a cover that sends pages
to company counsel naming no one leaves a signer without an address, and two firms named leave the reader to
guess which is meant.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD147 | warning  | nothing names company counsel (no `company_counsel`, and the escrow names none) in a deal whose signature packets' covers send signed pages to it (the notes, and without an escrow the agreements' pages; the escrow agent's own pages): the covers cannot say where to send them; or only the escrow's payment names it, with no person, address or email to send the notes to |
| DD159 | warning  | secured notes, and nothing names the purchasers' counsel (no `purchasers_counsel`, and the escrow agent has not acted for the purchasers): the checklist gives it the lien searches, the UCC-1 filing and the review of the security package, and can name no one |
| DD175 | warning  | `purchasers_counsel` names one firm and the escrow agent, another, has acted as counsel to the purchasers (`escrow_agent_counsel_to`): the escrow agreement says the one, the closing checklist gives the security package to the other |
| DD176 | warning  | `purchasers_counsel` in a deal whose notes are not secured (or that has none): only the checklist's collateral deliverables name the purchasers' counsel, so it is named nowhere |
| DD148 | warning  | `company_counsel` names one firm and the escrow another as counsel to the company (the escrow agent acting for the company, or the payee of its payment to counsel to the company): the covers and the checklist name the term sheet's `company_counsel` |
"""

from __future__ import annotations

from dealdocs.checks.parties import Report
from dealdocs.closing.notes_delivery import (
    counsel_receives,
    escrow_counsel,
    purchasers_counsel_is_escrow_agent,
    unreached_counsel,
)
from dealdocs.termsheet.base import same_firm
from dealdocs.termsheet.loader import key_path_text
from dealdocs.termsheet.model import Deal

__all__ = ["check_company_counsel"]


def check_company_counsel(deal: Deal, report: Report) -> None:
    """DD147, company counsel named nowhere where the covers send pages to it; DD148, named as two firms; DD159, the
    purchasers' counsel named nowhere where the checklist gives it the security package (a new user's trial); DD175,
    named as two firms; DD176, named where nothing names it (a code review)."""
    if deal.notes is not None and deal.notes.secured and deal.purchasers_counsel is None \
            and not purchasers_counsel_is_escrow_agent(deal):
        whose = "purchaser's" if deal.single_purchaser else "purchasers'"
        acted = " (the escrow agent has not acted for the purchasers)" if deal.escrow is not None else ""
        report.warning("DD159", ("purchasers_counsel",),
                       f"the notes are secured, and the closing checklist gives the {whose} counsel the lien searches, "
                       "the UCC-1 filing and the review of the existing liens and the control agreements, but nothing "
                       f"in the term sheet names it{acted}: add purchasers_counsel: the firm's name, and a contact with "
                       "name and email")
    theirs = deal.purchasers_counsel
    if theirs is not None and not (deal.notes is not None and deal.notes.secured):  # a code review: unused, unsaid
        report.warning("DD176", ("purchasers_counsel",),
                       f"purchasers_counsel names {theirs.name}, but only the closing checklist's collateral "
                       "deliverables of secured notes (the lien searches, the UCC-1) name the purchasers' counsel, and "
                       f"{'these notes are not secured' if deal.notes is not None else 'this deal has no notes'}: it "
                       "is named nowhere; leave it out")
    elif theirs is not None and deal.escrow is not None and purchasers_counsel_is_escrow_agent(deal) \
            and not same_firm(theirs.name, deal.escrow.agent.name):
        report.warning("DD175", ("purchasers_counsel", "name"),
                       f"purchasers_counsel names {theirs.name}, but the escrow agent, {deal.escrow.agent.name}, has "
                       "acted as counsel to the purchasers (escrow.escrow_agent_counsel_to), as the escrow agreement "
                       f"says: two firms as the purchasers' counsel; the checklist gives {theirs.name} the lien "
                       "searches and the UCC-1: correct the one that is wrong")
    named, escrowed = deal.company_counsel, escrow_counsel(deal)
    if deal.notes is None:
        what = "the escrow agent's signed pages"
    elif deal.escrow is None and not deal.signature_pages_to:
        what = "the signed notes and the agreements' signed pages"
    else:
        what = "the signed notes"
    if named is None and escrowed is None and counsel_receives(deal):
        report.warning("DD147", ("company_counsel",),
                       f"nothing in the term sheet names company counsel, and the signature packets send {what} to "
                       f"it: their covers cannot say where to send them (they say only \"return ... to company "
                       "counsel\"); add company_counsel: the firm's name, and a contact with name and email")
    firm = unreached_counsel(deal) if counsel_receives(deal) else None
    if firm is not None and escrowed is not None:
        report.warning("DD147", escrowed[1],
                       f"company counsel is {firm}, named only here, with nothing to say where to reach it: the signature "
                       f"packets' covers send {what}{', single originals,' if deal.notes is not None else ''} and the "
                       f"purchasers' papers to \"company counsel, {firm}\", with no person, address or email; add "
                       "company_counsel: the firm's name, its address, and a contact with name and email")
    if named is not None and escrowed is not None and not same_firm(named.name, escrowed[0]):
        firm, path = escrowed
        how = ("has acted as counsel to the company" if path[-1] == "escrow_agent_counsel_to"
               else "is paid as counsel to the company")
        report.warning("DD148", ("company_counsel", "name"),
                       f"company_counsel names {named.name}, but the escrow names {firm}, which {how} "
                       f"({key_path_text(path)}): two firms as company counsel; the packets send the signed notes to "
                       f"{named.name}, and the checklist has it deliver them: correct the one that is wrong")
