"""The deal's dates against today (code DD011): a set still to be signed that is dated in the past.

A closing ledger (`closing.ledger`) follows a closing as it happens, against today's date. A term sheet with no
ledger is a set still to be signed; an agreement dated before today asks for signatures by a date gone (its covers
say "by March 2, 2026"), a closing before today is a date no one can close on, and a passed outside date would have
the escrow agent return the funds as they arrive and the note purchase agreement terminate (a new user's trial and a
partner's read: a set dated months back was "no problems found"). The dates before today are said once, at the
first of them, with the keys of the dates the set is signed and closed by, which move together. Today is the
clock's, or `DEALDOCS_TODAY` (an ISO date: check a set as of another day).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD011 | warning  | a set with no closing ledger dated before today: an agreement's date, the closing, or the escrow's outside date (signed now, it would be dated in the past) |
"""

from __future__ import annotations

from datetime import date

from dealdocs.findings import Finding, warning
from dealdocs.termsheet.loader import KeyPath, TermSheetSource, key_path_text
from dealdocs.termsheet.model import Deal
from dealdocs.words import long_date

__all__ = ["dated_in_the_past"]


def _dates(deal: Deal) -> list[tuple[KeyPath, date, str]]:
    """The deal's dates a set is signed, closed and paid by, with their keys and what they are, as the term sheet has them."""
    escrow, notes = deal.escrow, deal.notes
    found: list[tuple[KeyPath, date | None, str]] = []
    if escrow is not None:
        found += [(("escrow", "agreement_date"), escrow.agreement_date, "the escrow agreement is dated"),
                  (("escrow", "purchase_agreement", "date"), escrow.purchase_agreement.date,
                   f"the {escrow.purchase_agreement.title} the escrow serves is dated")]
    if notes is not None:
        found += [(("notes", "agreement_date"), notes.agreement_date, "the note purchase agreement is dated"),
                  (("notes", "issue_date"), notes.issue_date, "the notes are dated"),
                  (("notes", "closing", "date"), notes.closing.date, "the closing is dated"),
                  (("notes", "first_payment_date"), notes.first_payment_date, "the first interest payment is due"),
                  (("notes", "maturity_date"), notes.maturity_date, "the notes mature")]
    if escrow is not None:
        found.append((("escrow", "outside_date"), escrow.outside_date, "the escrow's Outside Date is"))
    return [(path, day, what) for path, day, what in found if day is not None]


def dated_in_the_past(deal: Deal, source: TermSheetSource, today: date, ledger: str) -> list[Finding]:
    """DD011, once, at the first of a deal's dates before today when no closing ledger (`ledger`, its path as shown)
    records the closing: each such date said, and the keys of the dates it is signed and closed by, which move
    together (the payment dates and the maturity are terms of the notes: moved only as the parties agree)."""
    dates = _dates(deal)
    past = [(path, day, what) for path, day, what in dates if day < today]
    if not past:
        return []
    said = "; ".join(f"{what} {long_date(day)}" for path, day, what in past  # with notes, the escrow's purchase
                     if deal.notes is None or path != ("escrow", "purchase_agreement", "date"))  # agreement is theirs
    if any(path == ("escrow", "outside_date") for path, _, _ in past):  # a partner's read: what follows, and where
        said += (" (the Note Purchase Agreement terminates, Section 3.6, and the escrow agent returns the funds, Escrow "
                 "Agreement, Section 1.7)" if deal.escrows_the_notes else
                 " (the escrow agent returns the funds, Escrow Agreement, Section 1.7)")
    terms = ("first_payment_date", "maturity_date")
    keys = ", ".join(key_path_text(path) for path, _, _ in dates if path[-1] not in terms)
    moved = ("; the payment dates and the maturity are the notes' terms, moved only as the parties agree"
             if any(path[-1] in terms for path, _, _ in dates) else "")
    return [warning("DD011", f"before today ({long_date(today)}): {said}. Signed now, the set would be dated in the past: "
                             f"re-date it to when it will be signed and close ({keys}){moved}; or, for a closing that "
                             f"took place, record it in {ledger}", source.location(past[0][0]))]
