"""The facts a template sees: the deal, its parts, and whether it prints a form or an exhibit."""

from __future__ import annotations

from typing import Any

from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing import law_in_force
from dealdocs.closing.notes_delivery import company_counsel
from dealdocs.termsheet.model import Counsel, Deal

BLANK = "____________"
"""What a form prints where a fact is left to be filled in by hand."""


def context_for(deal: Deal, spec: DocumentSpec, *, form: bool = False, exhibit: bool = False) -> dict[str, Any]:
    """The facts a template sees.

    ``purchaser`` is the purchaser of a per-purchaser document, or the only
    purchaser of a one-purchaser deal, else None. ``form`` is True for a form
    printed as an exhibit of a multi-purchaser deal (the form of note): then
    there is no ``purchaser`` and the template prints ``blank`` where the payee
    and amount go. ``exhibit`` is True when the template is rendered as an
    exhibit of another document. The flags of
    `closing.law_in_force` (``rule_506_amended``, ``section_4a2``...) say whether
    the law a clause cites was in force on the deal's dates.
    """
    if form:
        purchaser = None
    elif spec.purchaser_index is not None:
        purchaser = deal.purchasers[spec.purchaser_index]
    else:
        purchaser = deal.purchaser if deal.single_purchaser else None
    if spec.purchaser_index is not None:
        note_number = spec.purchaser_index + 1
    else:
        note_number = 1 if purchaser is not None else None
    return {
        "deal": deal,
        "company": deal.company,
        "purchasers": deal.purchasers,
        "purchaser": purchaser,
        "escrow": deal.escrow,
        "notes": deal.notes,
        "company_counsel": _counsel(deal),
        "form": form,
        "exhibit": exhibit,
        "blank": BLANK,
        "note_number": note_number,
        **law_in_force.flags(deal),
    }


def _counsel(deal: Deal) -> Counsel | None:
    """The term sheet's `company_counsel`, its firm spelt as the rest of the set spells it (`notes_delivery.company_counsel`:
    as the escrow names the same firm), so that the documents name it one way. Worked out once for a deal, not for
    each of its documents (a deal of 5,000 notes renders their texts 10,000 times and more for a redline; this was
    nine-tenths of a context's making): templates cannot change what they are given."""
    global _counsel_of
    if _counsel_of is None or _counsel_of[0] is not deal:
        named = deal.company_counsel
        _counsel_of = (deal, None if named is None else named.model_copy(update={"name": company_counsel(deal)}))
    return _counsel_of[1]


_counsel_of: tuple[Deal, Counsel | None] | None = None  # the last deal asked about, kept: its id names no other
