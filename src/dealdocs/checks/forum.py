"""Checks on where disputes are heard: the arbitration forum and the courts (codes DD129, DD149).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD129 | error    | arbitration under the rules of the National Association of Securities Dealers (NASD) in an agreement dated after it became FINRA, on July 30, 2007 |
| DD149 | warning  | in a deal without notes, `escrow.courts` names a court ("the Supreme Court of the State of New York") where the escrow agreement wants the place its courts sit ("New York City, Borough of Manhattan"): it prints "a state or Federal court sitting in" that value |
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
    """DD149: a court's name where the escrow wants the place its courts sit (printed only in a deal without notes)."""
    escrow = deal.escrow
    if escrow is not None and deal.notes is None and _COURT.search(escrow.courts):
        report.warning("DD149", ("escrow", "courts"),
                       f'"{escrow.courts}" names a court, but escrow.courts is the place where the escrow\'s courts '
                       f'sit: the escrow agreement prints a court "sitting in {escrow.courts}" and "located in '
                       f'{escrow.courts}"; write the place, for example "New York City, Borough of Manhattan"')
