"""The deal's dates against today (code DD011): a set still to be signed that is dated in the past.

A closing ledger (`closing.ledger`) follows a closing as it happens, against today's date. A term sheet with no
ledger is a set still to be signed; a closing date before today is a date no one can sign or close on, and a passed
outside date would have the escrow agent return the funds as they arrive (a new user's trial and a partner's read: a
set dated months back was "no problems found", its covers asking for signatures by a date gone). Today is the
clock's, or `DEALDOCS_TODAY` (an ISO date: check a set as of another day).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD011 | warning  | a set with no closing ledger whose closing (or, without notes, whose escrow agreement) is dated before today, or whose escrow outside date has passed: signed now, it would be dated in the past |
"""

from __future__ import annotations

from datetime import date

from dealdocs.findings import Finding, warning
from dealdocs.termsheet.loader import KeyPath, TermSheetSource
from dealdocs.termsheet.model import Deal
from dealdocs.words import long_date

__all__ = ["dated_in_the_past"]

_REDATE = ("re-date the set (its agreements, notes.closing.date, escrow.outside_date) to when it will be signed and "
           "close; for a closing that took place, record it in the closing ledger beside the term sheet")


def dated_in_the_past(deal: Deal, source: TermSheetSource, today: date) -> list[Finding]:
    """DD011 for a deal with no closing ledger: its outside date passed, else its closing dated before today."""
    escrow, notes = deal.escrow, deal.notes
    if escrow is not None and escrow.outside_date is not None and escrow.outside_date < today:
        return [_said(source, ("escrow", "outside_date"), f"the escrow's Outside Date, {long_date(escrow.outside_date)}, "
                      f"is before today ({long_date(today)}): the escrow agent would return the funds as they arrive; "
                      f"{_REDATE}")]
    closing: tuple[KeyPath, date] | None = ((("notes", "closing", "date"), notes.closing.date) if notes is not None
                                            else (("escrow", "agreement_date"), escrow.agreement_date) if escrow else None)
    if closing is not None and closing[1] < today:
        return [_said(source, closing[0], f"the closing is dated {long_date(closing[1])}, before today "
                      f"({long_date(today)}): the documents and the covers ask for signatures by dates gone; {_REDATE}")]
    return []


def _said(source: TermSheetSource, path: KeyPath, message: str) -> Finding:
    return warning("DD011", message, source.location(path))
