"""Finishing a document dealdocs composes itself (a packet, the checklist): properties, then bytes."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from dealdocs.ooxml import package
from dealdocs.render.renderer import AUTHOR
from dealdocs.termsheet.model import Deal


def finish(document: DocumentObject, deal: Deal, title: str) -> bytes:
    """The document's normalized bytes, titled `title` (no date: see `ooxml.package`)."""
    package.set_properties(document, title=title, subject=deal.title, author=AUTHOR)
    return package.save(document)
