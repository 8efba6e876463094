"""Which documents a deal calls for, and what each one is called.

A deal with an escrow section gets the escrow agreement (with the release
notice as its Exhibit A) and the release notice on its own; a deal with a notes
section gets the note purchase agreement (with the form of note as its
Exhibit A) and one promissory note per purchaser. The list is derived from the
term sheet alone, so `check` and `build` agree on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from dealdocs.termsheet.model import Deal, Purchaser

ESCROW_AGREEMENT = "escrow-agreement"
RELEASE_NOTICE = "release-notice"
NOTE_PURCHASE_AGREEMENT = "note-purchase-agreement"
PROMISSORY_NOTE = "promissory-note"


@dataclass(frozen=True)
class DocumentSpec:
    """One document to build: its output name, its title, its template and exhibits."""

    name: str
    title: str
    template: str
    exhibits: tuple[str, ...] = ()
    purchaser_index: int | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.docx"


def documents_for(deal: Deal) -> list[DocumentSpec]:
    """The documents `deal` calls for, in the order a closing binder lists them."""
    specs: list[DocumentSpec] = []
    if deal.escrow is not None:
        specs.append(
            DocumentSpec(ESCROW_AGREEMENT, "Escrow Agreement", f"{ESCROW_AGREEMENT}.docx", (f"{RELEASE_NOTICE}.docx",))
        )
        specs.append(DocumentSpec(RELEASE_NOTICE, "Release Notice", f"{RELEASE_NOTICE}.docx"))
    if deal.notes is not None:
        specs.append(
            DocumentSpec(
                NOTE_PURCHASE_AGREEMENT,
                "Note Purchase Agreement",
                f"{NOTE_PURCHASE_AGREEMENT}.docx",
                (f"{PROMISSORY_NOTE}.docx",),
            )
        )
        if deal.single_purchaser:
            names = [PROMISSORY_NOTE]
        else:
            names = [f"{PROMISSORY_NOTE}-{slug}" for slug in purchaser_slugs(deal.purchasers)]
        specs.extend(
            DocumentSpec(name, "Promissory Note", f"{PROMISSORY_NOTE}.docx", purchaser_index=index)
            for index, name in enumerate(names)
        )
    return specs


def document_date(deal: Deal, spec: DocumentSpec) -> date | None:
    """The date a document bears: what its properties record as created and modified."""
    if spec.name.startswith(PROMISSORY_NOTE) and deal.notes is not None:
        return deal.notes.issue_date
    if spec.name == NOTE_PURCHASE_AGREEMENT and deal.notes is not None:
        return deal.notes.agreement_date
    if spec.name == RELEASE_NOTICE and deal.escrow is not None:
        return deal.escrow.release_date or deal.escrow.agreement_date
    if spec.name == ESCROW_AGREEMENT and deal.escrow is not None:
        return deal.escrow.agreement_date
    return deal.first_date


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 40


def slugify(text: str) -> str:
    """'Smith & Jones <Holdings>, L.P.' -> 'smith-jones-holdings-l-p': [a-z0-9-] only, possibly empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:_MAX_SLUG].rstrip("-")


def purchaser_slugs(purchasers: list[Purchaser]) -> list[str]:
    """One slug per purchaser, unique, made of [a-z0-9-] only (safe as a file name anywhere)."""
    slugs: list[str] = []
    taken: set[str] = set()
    for number, purchaser in enumerate(purchasers, start=1):
        base = slugify(purchaser.short_name or purchaser.name) or f"purchaser-{number}"
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
