"""Signature packets: for each signatory, the pages they sign from every document of the closing set.

`signature_packets(deal, documents)` returns one Word file per signatory,
``signature-packets/<slug>.docx``: the company's signing officer, each
purchaser (or its authorized signatory) and the escrow agent when the deal has
an escrow. A packet is a cover page (who signs, for whom, and a table of the
pages to sign with their page numbers in the packet), then those pages, each
headed with the document it belongs to, e.g. "[Signature Page to Note Purchase
Agreement]". Pages are copied from the rendered documents as they are, so
they say what the documents say (a date the document leaves blank stays blank).

Who signs what (`closing.parties.signers`, from the registry of kinds): the escrow agreement, the company, the escrow agent
and each purchaser; the release notice (the standalone one: the copy inside
the escrow agreement is a form), the company and each purchaser; the note
purchase agreement, the company and each purchaser; each promissory note, the
company only (the form of note inside the note purchase agreement is not signed).

Which pages: those the signature-page check found for each signer
(`checks.signature_pages`, on the pages `ooxml.pages` cuts). How much of each:

1. A page that fits on one printed page is taken whole. A longer stretch
   without a break before its signature block (a promissory note signed at the
   foot of its last page) is cut to what Word keeps with the signature block:
   the block itself and the paragraphs before it chained to it by "keep with
   next" (or holding a party's name line).
2. Tidying. A bracketed signature-page caption opening the page (the
   template's own "[PURCHASER'S SIGNATURE PAGE TO ...]") gives way to the
   packet's heading, and bracketed notes closing it ("[SIGNATURE PAGES
   CONTINUE]", "[PURCHASERS' SIGNATURE PAGES FOLLOW]") are left out: in a
   packet they would point at pages that are not there.

The packet is built on the first of its source documents (its styles, page
size, margins, fonts and settings); a style another source uses and the first
lacks is copied over with what it is based on. Pictures and links on a copied
page are carried over; list numbering from another document is dropped (its
definitions live in that document), as are bookmarks, comments and notes.
Bytes are deterministic: core properties come from the deal, never the clock,
and the zip is normalized.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from dealdocs.checks.signature_pages import is_signature_line, names_on, normalized_name
from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import Party, page_heading, parties, signers
from dealdocs.closing.results import RenderedDocument
from dealdocs.errors import TemplateError
from dealdocs.findings import Location, error
from dealdocs.ooxml.compose import (
    add_field,
    add_footer,
    add_paragraph,
    add_table,
    blank_document,
    copy_missing_styles,
    style_with_id,
    table_cell,
)
from dealdocs.ooxml.pages import Page, Styles, document_pages, lines_of
from dealdocs.ooxml.xml import NS, R_ATTRIBUTES, qn
from dealdocs.outputs.document import finish
from dealdocs.termsheet.model import Deal

__all__ = ["PACKET_FOLDER", "signature_packets"]

PACKET_FOLDER = "signature-packets"
_TOP_PARAGRAPHS = etree.XPath("descendant-or-self::w:p[not(ancestor::w:p)]", namespaces=NS)
_BRACKET_NOTE = re.compile(r"^\[[^\[\]]*\]$")


# ---------------------------------------------------------------- cutting a page

_CHARS_PER_LINE = 90  # Times New Roman 12 pt across 6.5 inches, a little under
_LINES_PER_PAGE = 44  # 9 inches of 12 pt lines, a little under


def _estimated_lines(elements: Sequence[Any]) -> int:
    """A generous estimate of the printed lines: each line wrapped, plus a blank line after each paragraph."""
    total = 0
    for element in elements:
        for paragraph in _TOP_PARAGRAPHS(element):
            total += 1 + sum(max(1, math.ceil(len(line) / _CHARS_PER_LINE)) for line in lines_of(paragraph))
    return total


def _signature_part(page: Page, styles: Styles, names: set[str]) -> list[Any]:
    """What of `page` goes into a packet (the module's docstring, steps 4 and 5)."""
    elements = list(page.elements)
    if _estimated_lines(elements) > _LINES_PER_PAGE:
        first = next(
            i for i, e in enumerate(elements)
            if any(is_signature_line(line) for line in lines_of(e))
        )
        start = first
        while start > 0:
            previous = elements[start - 1]
            names_here = set().union(*(names_on(line) for line in lines_of(previous)))
            if not (styles.flag(previous, "keepNext") or names_here & names):
                break
            start -= 1
        elements = elements[start:]
    while elements and _is_bracket_note(elements[-1]):
        elements.pop()
    if elements and _is_bracket_note(elements[0]) and "signature page" in normalized_name(_text(elements[0])):
        elements = elements[1:]
    return elements


def _text(element: Any) -> str:
    return " ".join(" ".join(lines_of(element)).split())


def _is_bracket_note(element: Any) -> bool:
    return element.tag == qn("w:p") and bool(_BRACKET_NOTE.match(_text(element)))


# ---------------------------------------------------------------- the packets


@dataclass
class _Source:
    spec: DocumentSpec
    data: bytes
    document: DocumentObject
    styles: Styles
    pages: list[Page]


@dataclass
class _Item:
    source: _Source
    heading: str
    name: str
    elements: list[Any]
    caption: Any | None  # the template's own caption paragraph, for the heading's look


def signature_packets(deal: Deal, documents: list[RenderedDocument]) -> dict[str, bytes]:
    """`signature-packets/<slug>.docx` -> the packet of each signatory (see the module's docstring).

    The packets are filled document by document: each rendered document is
    opened once, its signature pages copied into the packets of those who
    sign them, and closed again, so that a deal of 200 notes never holds 200
    open documents.
    """
    everyone = parties(deal)
    names = {normalized_name(p.name) for p in everyone}
    packets: dict[str, _Packet] = {}
    for rendered in documents:
        expected = signers(deal, rendered.spec)
        if not expected:
            continue
        document = Document(io.BytesIO(rendered.data))
        styles = Styles(document)
        pages = document_pages(document)
        source = _Source(rendered.spec, rendered.data, document, styles, pages)
        found = {slug: [pages[n] for n in numbers] for slug, numbers in rendered.signature_pages.items()}
        missing = [party for party in expected if not found.get(party.slug)]
        if missing:  # the signature-page check reported it (DD310): a build never gets here
            raise _missing_pages(rendered.spec, missing)
        for party in expected:
            packet = packets.get(party.slug) or packets.setdefault(party.slug, _Packet(party, source))
            for page in found[party.slug]:
                caption = page.elements[0] if _is_bracket_note(page.elements[0]) else None
                packet.add(_Item(source, page_heading(deal, rendered.spec), rendered.spec.display_name(deal),
                                 _signature_part(page, source.styles, names), caption))
    return {
        f"{PACKET_FOLDER}/{party.slug}.docx": packets[party.slug].finish(deal)
        for party in everyone
        if party.slug in packets
    }


def _missing_pages(spec: DocumentSpec, missing: list[Party]) -> TemplateError:
    who = "; ".join(f"{p.role} {p.name}" for p in missing)
    what = (
        f"no signature page found for {who}: a signature page needs the party's name on a line of its own "
        "(or after a label such as 'Name of Purchaser:') within three lines of a signature line ('By: ____')"
    )
    return TemplateError(f"{spec.filename}: {what}", [error("DD310", what, Location(document=spec.filename))])


class _Packet:
    """One signatory's packet: a blank copy of the first document they sign, then their pages, then the cover."""

    def __init__(self, party: Party, base: _Source):
        self.party = party
        self.base = base.spec
        self.document = blank_document(base.data)
        self.title = f"Signature Packet \u2013 {party.name}"
        add_footer(self.document, self.title)
        self.names: list[str] = []  # the document of each page, for the cover

    def add(self, item: _Item) -> None:
        """Copy one signature page in (headed, bookmarked for the cover's page numbers)."""
        heading = _heading(item, len(self.names) + 1)
        copies = [_copy(element, item.source, self.document, same=item.source.spec is self.base)
                  for element in item.elements]
        copy_missing_styles(self.document, item.source.document, [heading, *copies])
        body = self.document.element.body
        for element in (heading, *copies):
            body.sectPr.addprevious(element)
        self.names.append(item.name)

    def finish(self, deal: Deal) -> bytes:
        """The packet's bytes, its cover page put in front of the pages."""
        body = self.document.element.body
        pages_end = len(body) - 1  # the sectPr stays last
        _cover(self.document, deal, self.party, self.names)
        for position, element in enumerate(list(body)[pages_end:-1]):
            body.insert(position, element)
        return finish(self.document, deal, self.title)


def _bookmark(number: int) -> str:
    return f"_DealdocsSignaturePage{number}"


def _cover(document: DocumentObject, deal: Deal, party: Party, names: list[str]) -> None:
    """The first page: who signs, for whom, and the pages to sign with their page numbers in the packet."""
    title_style = style_with_id(document, "Title")
    title = add_paragraph(document, "Signature Packet", align=WD_ALIGN_PARAGRAPH.CENTER, bold=title_style is None,
                          style=title_style)
    title.paragraph_format.space_after = Pt(6)
    add_paragraph(document, deal.title, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(24))
    for label, text in (("Signatory", party.signed_by), ("Signing for", party.signing_for)):
        paragraph = add_paragraph(document, f"{label}: ", bold=True, space_after=Pt(6))
        paragraph.add_run(text)
    pages = "page" if len(names) == 1 else f"{len(names)} pages"
    add_paragraph(
        document,
        f"This packet holds the {pages} listed below. Please sign each where indicated and return all of them. "
        "Please do not date or change any page: dates left blank are completed at closing.",
        space_before=Pt(12),
        space_after=Pt(12),
    )
    rows = [[f"{number}.", name, party.role, ""] for number, name in enumerate(names, start=1)]
    table = add_table(document, ["No.", "Document", "Signing as", "Page"], rows, [0.5, 3.6, 1.4, 1.0],
                      aligns=["left", "left", "left", "center"])
    for number in range(1, len(names) + 1):
        add_field(table_cell(table, number, 3), f"PAGEREF {_bookmark(number)} \\h", str(number + 1))


def _heading(item: _Item, number: int) -> Any:
    """'[Signature Page to ...]' on a new page, in the look of the template's own caption when it has one."""
    paragraph = OxmlElement("w:p")
    run_properties = None
    if item.caption is not None:
        properties = item.caption.find(qn("w:pPr"))
        if properties is not None:
            properties = deepcopy(properties)
            for unwanted in properties.iterchildren(qn("w:sectPr"), qn("w:numPr")):
                properties.remove(unwanted)
            paragraph.append(properties)
        first_run = item.caption.find(f"{qn('w:r')}/{qn('w:rPr')}")
        run_properties = deepcopy(first_run) if first_run is not None else None
    words = Paragraph(paragraph, None)
    format_ = words.paragraph_format
    if item.caption is None:
        format_.alignment = WD_ALIGN_PARAGRAPH.CENTER
        format_.first_line_indent = Pt(0)
        format_.space_after = Pt(12)
    format_.page_break_before = True
    format_.keep_with_next = True
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), _bookmark(number))
    paragraph.append(start)
    run = words.add_run(item.heading)._r
    if run_properties is not None:
        run.insert(0, run_properties)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph.append(end)
    return paragraph


_DROPPED = tuple(
    qn(f"w:{name}")
    for name in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart",
                 "permEnd")
)
_DROPPED_RUNS = etree.XPath(
    ".//w:r[w:commentReference or w:footnoteReference or w:endnoteReference]", namespaces=NS
)


def _copy(element: Any, source: _Source, document: DocumentObject, *, same: bool) -> Any:
    """A copy of a page's element fit for the packet: no page breaks, sections, bookmarks or notes of its own."""
    copy = deepcopy(element)
    for unwanted in [*copy.iter(*_DROPPED), *_DROPPED_RUNS(copy)]:
        unwanted.getparent().remove(unwanted)
    for section in copy.iter(qn("w:sectPr")):
        section.getparent().remove(section)
    for paragraph in _TOP_PARAGRAPHS(copy):
        if source.styles.flag(paragraph, "pageBreakBefore"):
            Paragraph(paragraph, None).paragraph_format.page_break_before = False
    if not same:
        for numbering in list(copy.iter(qn("w:numPr"))):
            numbering.getparent().remove(numbering)
        _carry_relationships(copy, source, document)
    return copy


def _carry_relationships(copy: Any, source: _Source, document: DocumentObject) -> None:
    """Point the copy's pictures and links at relationships of the packet's own package."""
    for node in copy.iter():
        for attribute in R_ATTRIBUTES:
            old = node.get(attribute)
            if old is None:
                continue
            rel = source.document.part.rels[old]
            if rel.is_external:
                new = document.part.relate_to(rel.target_ref, rel.reltype, is_external=True)
            elif rel.reltype == RT.IMAGE:
                new, _ = document.part.get_or_add_image(io.BytesIO(rel.target_part.blob))
            else:
                what = f"a signature page holds a part ({rel.reltype.rsplit('/', 1)[-1]}) a packet cannot carry"
                raise TemplateError(f"{source.spec.filename}: {what}",
                                    [error("DD310", what, Location(document=source.spec.filename))])
            node.set(attribute, new)


