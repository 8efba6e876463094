"""Checks on where disputes are heard: the arbitration forum and the courts (codes DD129, DD149).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD129 | error    | arbitration under the rules of the National Association of Securities Dealers (NASD) in an agreement dated after it became FINRA, on July 30, 2007 |
| DD149 | warning  | `escrow.courts` names a court ("the Supreme Court of the State of New York") where the escrow agreement wants the place its courts sit ("New York City, Borough of Manhattan"): it prints "a state or Federal court ... located in" that value |
"""

from __future__ import annotations

import re
from datetime import date

from dealdocs.checks.parties import Report
from dealdocs.termsheet.model import Deal
from dealdocs.words import long_date

__all__ = ["check_forum"]

_FINRA = date(2007, 7, 30)  # the NASD and NYSE Regulation merged into FINRA (SEC Release 34-56145)
_NASD = re.compile(r"\bNational Association of Securities Dealers\b|\bNASD\b", re.IGNORECASE)
_COURT = re.compile(r"\bcourts?\b|\btribunal\b", re.IGNORECASE)


def check_forum(deal: Deal, report: Report) -> None:
    """DD129, an arbitration forum that no longer exists; DD149, a court's name where a place is wanted."""
    notes = deal.notes
    if notes is not None and notes.arbitration is not None and notes.agreement_date >= _FINRA \
            and _NASD.search(notes.arbitration.rules_of):
        report.error("DD129", ("notes", "arbitration", "rules_of"),
                     "the National Association of Securities Dealers became FINRA (the Financial Industry Regulatory "
                     f"Authority) on July 30, 2007, before the agreement's date, {long_date(notes.agreement_date)}: "
                     "name the rules of a forum that exists (FINRA's, the American Arbitration Association's)")
    escrow = deal.escrow
    if escrow is not None and _COURT.search(escrow.courts):
        report.warning("DD149", ("escrow", "courts"),
                       f'"{escrow.courts}" names a court, but escrow.courts is the place where the courts sit: the escrow '
                       'agreement prints "a state or Federal court having competent subject matter jurisdiction and '
                       f'located in {escrow.courts}" (Section 2.14); write the place, for example "New York City, '
                       'Borough of Manhattan" (the courts themselves are notes.courts)')
