"""Who signs the control agreements for the purchasers and gives the banks their instructions, where several
purchasers hold secured notes and no collateral agent acts for them (codes DD179, DD186, DD187).

A control agreement (UCC 9-104, 8-106) has a bank or securities intermediary follow the secured party's
instructions; where the secured party is every holder acting together, the bank needs one person to sign it and
to take instructions from. The security agreement, which every purchaser signs, designates the purchaser
`notes.control_designee` names (its Section 7.1); the note purchase agreement's closing, with an escrow, waits on
the control agreement of the account the purchase prices are released into, which that purchaser signs (a
partner's read: the set left the designation to "a writing signed by each of them" that it never drafted, so no
control agreement, and no release, could follow).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD179 | error    | several purchasers of secured notes that require control agreements (`control_agreement_days`), no collateral agent, and no `notes.control_designee`: no one is designated to sign the control agreements for the purchasers |
| DD186 | error    | `notes.control_designee` names no purchaser (by its name, its short name or a trust's name), or several |
| DD187 | warning  | `notes.control_designee` where no designation is needed: one purchaser, or a collateral agent, or no control agreements required |
"""

from __future__ import annotations

import difflib

from dealdocs.checks.parties import Report
from dealdocs.termsheet.base import plain_name
from dealdocs.termsheet.model import Deal

__all__ = ["check_control_designee"]

_KEY = ("notes", "control_designee")


def check_control_designee(deal: Deal, report: Report) -> None:
    """DD179, DD186, DD187 on secured notes (on notes not secured the key is DD170's)."""
    notes = deal.notes
    assert notes is not None and notes.secured
    named = notes.control_designee
    if not deal.designation_needed:
        if named is not None:
            why = ("the notes have one purchaser, who signs the control agreements itself" if deal.single_purchaser
                   else f"the collateral agent, {notes.collateral_agent.name}, signs the control agreements"
                   if notes.collateral_agent is not None else "the security agreement asks for control agreements "
                   "only on request (no control_agreement_days, DD174) and names no one to sign them")
            advice = "leave it out" if deal.single_purchaser or notes.collateral_agent else "give control_agreement_days, or leave it out"
            report.warning("DD187", _KEY, f"notes.control_designee names {named}, but {why}: {advice}")
        return
    if named is None:
        report.error("DD179", ("notes", "control_agreement_days"),
                     f"{len(deal.purchasers):,} purchasers hold the secured notes and no collateral agent acts for them: "
                     "a bank signs a control agreement with one person who gives it instructions for them all, and the "
                     "set names no one; name the purchaser they designate (notes.control_designee: its name or short "
                     "name): the security agreement, which each of them signs, designates it")
    elif not deal.designees:
        meant = _meant(deal, named)  # a new user's trial: "Keystone Ventures" got no "did you mean", as keys do
        report.error("DD186", _KEY, f"'{named}' is no purchaser's name or short name: give the name or short name of "
                                    "the purchaser who signs the control agreements for them all"
                                    + (f" (did you mean '{meant}'?)" if meant else ""))
    elif len(deal.designees) > 1:  # a code review: the first of two taken, silently
        report.error("DD186", _KEY, f"'{named}' names {len(deal.designees)} purchasers: "
                                    f"{'; '.join(p.name or '' for p in deal.designees)}: give the one's full name")


def _meant(deal: Deal, named: str) -> str | None:
    """The name of the purchaser `named` most likely meant: the one purchaser a name (or short name, or trust's name)
    of which it begins, else the one whose name is nearest in spelling; None when there is no such one."""
    by_key = {plain_name(n): p for p in deal.purchasers for n in (p.name, p.short_name, p.trust.name if p.trust else None) if n}
    key = plain_name(named)
    begun = list({id(p): p for k, p in by_key.items() if k.startswith((key + " ", key + ","))}.values())  # a code review:
    if begun:  # a name and short name that begin alike are one purchaser
        return (begun[0].name or begun[0].legal_name) if len(begun) == 1 else None
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    return (by_key[close[0]].name or by_key[close[0]].legal_name) if close else None
