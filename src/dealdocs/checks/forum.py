"""Checks on where disputes are heard: the arbitration forum and the courts (codes DD129, DD149, DD154, DD158).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD129 | error    | arbitration under the rules of the National Association of Securities Dealers (NASD) in an agreement dated after it became FINRA, on July 30, 2007 |
| DD149 | warning  | in a deal without notes, `escrow.courts` names a court ("the Supreme Court of the State of New York") where the escrow agreement wants the place its courts sit ("New York City, Borough of Manhattan"): it prints "a state or Federal court sitting in" that value |
| DD154 | error    | in a deal without notes, no `escrow.courts`: its escrow agreement would name no court for suits on it or for disputed funds (with notes, those are the notes' courts) |
| DD158 | warning  | in a deal with notes, `escrow.courts` given: the escrow agreement sends its suits and disputed funds to the notes' courts (`notes.courts`), so the place is printed nowhere |
"""

from __future__ import annotations

import re
from datetime import date

from dealdocs.checks.parties import Report
from dealdocs.termsheet.model import Deal
from dealdocs.words import long_date

__all__ = ["check_arbitration", "check_escrow_courts"]

_FINRA = date(2007, 7, 30)  # the NASD and NYSE Regulation merged into FINRA (SEC Release 34-56145)
_NASD = re.compile(r"\bNational Association of Securities Dealers\b|\bNASD\b", re.IGNORECASE)
_COURT = re.compile(r"\bcourts?\b|\btribunal\b", re.IGNORECASE)


def check_arbitration(deal: Deal, report: Report) -> None:
    """DD129: an arbitration forum that no longer exists (reads the notes alone)."""
    notes = deal.notes
    if notes is not None and notes.arbitration is not None and notes.agreement_date >= _FINRA \
            and _NASD.search(notes.arbitration.rules_of):
        report.error("DD129", ("notes", "arbitration", "rules_of"),
                     "the National Association of Securities Dealers became FINRA (the Financial Industry Regulatory "
                     f"Authority) on July 30, 2007, before the agreement's date, {long_date(notes.agreement_date)}: "
                     "name the rules of a forum that exists (FINRA's, the American Arbitration Association's)")


def check_escrow_courts(deal: Deal, report: Report) -> None:
    """DD154, no place for the escrow's courts, and DD149, a court's name for it, in a deal without notes; DD158, a
    place given with notes, whose courts are the escrow's too (a new user's trial: it was dropped without a word)."""
    escrow = deal.escrow
    if escrow is not None and deal.notes is not None and escrow.courts is not None:
        report.warning("DD158", ("escrow", "courts"),
                       f'the deal has notes, so the escrow agreement sends suits on it and disputed funds to the '
                       f'notes\' courts (notes.courts); "{escrow.courts}" is printed in no document: remove '
                       'escrow.courts, or name the courts you want in notes.courts')
    if escrow is not None and deal.notes is None and escrow.courts is None:
        report.error("DD154", ("escrow", "courts"),
                     "the deal has no notes, so the escrow agreement names its own courts, for suits on it and for "
                     "disputed funds: give escrow.courts, the place they sit (for example \"New York City, Borough of "
                     "Manhattan\")")
    elif escrow is not None and deal.notes is None and _COURT.search(escrow.courts or ""):
        report.warning("DD149", ("escrow", "courts"),
                       f'"{escrow.courts}" names a court, but escrow.courts is the place where the escrow\'s courts '
                       f'sit: the escrow agreement prints a court "sitting in {escrow.courts}" and "located in '
                       f'{escrow.courts}"; write the place, for example "New York City, Borough of Manhattan"')
