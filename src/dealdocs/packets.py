"""Signature packets: for each signatory, the pages they sign from every document of the closing set.

`signature_packets(deal, documents)` returns one Word file per signatory,
``signature-packets/<slug>.docx``: the company's signing officer, each
purchaser (or its authorized signatory) and the escrow agent when the deal has
an escrow. A packet is a cover page (who signs, for whom, and a table of the
pages to sign with their page numbers in the packet), then those pages, each
headed with the document it belongs to, e.g. "[Signature Page to Note Purchase
Agreement]". Pages are copied from the rendered documents as they are, so
they say what the documents say (a date the document leaves blank stays blank).

Who signs what (`signers`): the escrow agreement, the company, the escrow agent
and each purchaser; the release notice (the standalone one: the copy inside
the escrow agreement is a form), the company and each purchaser; the note
purchase agreement, the company and each purchaser; each promissory note, the
company only (the form of note inside the note purchase agreement is not signed).

How the pages are found, in the body of each rendered document, structurally:

1. Pages. The body is cut into pages at every hard page break Word honours: a
   paragraph with ``pageBreakBefore`` (set on the paragraph or inherited from
   its style), a ``w:br w:type="page"`` run (the paragraph is split in two
   there, at any depth of runs), and a section break other than a continuous
   one. Tables and other blocks are kept whole on their page.
2. The document proper. The first page, after the first, that opens with an
   attachment label (a paragraph in a style named like "Exhibit ..." or
   reading "Exhibit A", "Schedule I", "Annex 1", ... in a few words) starts the
   exhibits and schedules; those pages are forms or attachments and are never
   signature pages.
3. Whose page. Each paragraph is read as lines (a line break inside a
   paragraph starts a new line). A *signature line* is a line of underscores,
   bare or after "By:" or a label containing "Signature" ("Signature of
   Purchaser: ____"). A party signs a page when one of its lines is the party's
   exact legal name (compared without regard to case, so "NORTHWIND
   ANALYTICS, INC." is the company, quotes and spaces normalized), bare or
   after a label ("Name of Investing Entity: ..."), within three non-empty
   lines of a signature line. A mention of a name in running text never
   matches (it is not a whole line), nor does a name in a notice address (no
   signature line beside it). A page with several signature blocks (the
   company and the escrow agent on one page) goes into each signer's packet.
4. How much of the page. A page that fits on one printed page is taken whole.
   A longer stretch without a break before its signature block (a promissory
   note signed at the foot of its last page) is cut to what Word keeps with the
   signature block: the block itself and the paragraphs before it chained to
   it by "keep with next" (or holding a party's name line).
5. Tidying. A bracketed signature-page caption opening the page (the
   template's own "[PURCHASER'S SIGNATURE PAGE TO ...]") gives way to the
   packet's heading, and bracketed notes closing it ("[SIGNATURE PAGES
   CONTINUE]", "[PURCHASERS' SIGNATURE PAGES FOLLOW]") are left out: in a
   packet they would point at pages that are not there.

A document a party should sign in which no page of theirs is found is an
error (DD310) naming the document and the party: a packet missing a page is
worse than no packet.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD310 | error    | a signatory's signature page cannot be found in a document they sign (the template lost its page break or name line) |

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
import unicodedata
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from dealdocs.documents import (
    ESCROW_AGREEMENT,
    NOTE_PURCHASE_AGREEMENT,
    PROMISSORY_NOTE,
    RELEASE_NOTICE,
    DocumentSpec,
    purchaser_slugs,
    slugify,
)
from dealdocs.errors import TemplateError
from dealdocs.findings import Location, error
from dealdocs.model import Deal
from dealdocs.outputs import normalize_docx
from dealdocs.render import _copy_missing_styles, set_properties

if TYPE_CHECKING:
    from dealdocs.builder import RenderedDocument

__all__ = [
    "Party",
    "attachment_labels",
    "blank_document",
    "document_pages",
    "finish",
    "keep_together",
    "keep_together",
    "parties",
    "signature_packets",
    "signers",
    "style_with_id",
]

PACKET_FOLDER = "signature-packets"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_R_ATTRIBUTES = tuple(
    f"{{http://schemas.openxmlformats.org/officeDocument/2006/relationships}}{name}"
    for name in ("id", "embed", "link", "pict")
)

# ---------------------------------------------------------------- parties


@dataclass(frozen=True)
class Party:
    """One signatory of the closing set: an entity (or a person) and who signs for it."""

    role: str  # "Company", "Purchaser", "Escrow Agent"
    name: str  # the party's legal name, as its signature block prints it
    signer: str | None  # the person who signs; None when the documents leave it blank
    signer_title: str | None
    slug: str
    individual: bool = False

    @property
    def signed_by(self) -> str:
        """'Priya Raman, Chief Executive Officer', 'Margaret Chen', 'an authorized signatory'."""
        if self.individual:
            return self.name
        if self.signer is None:
            return "an authorized signatory"
        return f"{self.signer}, {self.signer_title}" if self.signer_title else self.signer

    @property
    def signing_for(self) -> str:
        """'Northwind Analytics, Inc., as the Company'; 'Margaret Chen, individually, as a Purchaser'."""
        if self.individual:
            return f"{self.name}, individually, as a Purchaser"
        article = "a" if self.role == "Purchaser" else "the"
        return f"{self.name}, as {article} {self.role}"


def parties(deal: Deal) -> list[Party]:
    """Every signatory of the deal's documents: the company, each purchaser, the escrow agent."""
    found: list[Party] = []
    company = deal.company
    found.append(Party("Company", company.name, company.signatory.name, company.signatory.title, slugify(company.name)))
    for purchaser, slug in zip(deal.purchasers, purchaser_slugs(deal.purchasers), strict=True):
        if purchaser.is_entity:
            signatory = purchaser.signatory
            found.append(
                Party("Purchaser", purchaser.name, signatory.name if signatory else None,
                      signatory.title if signatory else None, slug)
            )
        else:
            found.append(Party("Purchaser", purchaser.name, purchaser.name, None, slug, individual=True))
    if deal.escrow is not None:
        agent = deal.escrow.agent
        signatory = agent.signatory
        found.append(
            Party("Escrow Agent", agent.name, signatory.name if signatory else None,
                  signatory.title if signatory else None, slugify(agent.name))
        )
    return _unique_slugs(found)


def _unique_slugs(found: list[Party]) -> list[Party]:
    taken: set[str] = set()
    result = []
    for number, party in enumerate(found, start=1):
        base = party.slug or f"signatory-{number}"
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        result.append(Party(party.role, party.name, party.signer, party.signer_title, slug, party.individual))
    return result


def signers(deal: Deal, spec: DocumentSpec) -> list[Party]:
    """Who signs the document `spec`, in the order of their signature pages."""
    everyone = parties(deal)
    company = everyone[0]
    purchasers = everyone[1 : 1 + len(deal.purchasers)]
    agent = everyone[1 + len(deal.purchasers) :]
    if spec.name == ESCROW_AGREEMENT:
        return [company, *agent, *purchasers]
    if spec.name in (RELEASE_NOTICE, NOTE_PURCHASE_AGREEMENT):
        return [company, *purchasers]
    if spec.name.startswith(PROMISSORY_NOTE):
        return [company]
    return []


def page_heading(deal: Deal, spec: DocumentSpec) -> str:
    """'[Signature Page to Promissory Note payable to Harborview Capital Partners, L.P.]'."""
    return f"[Signature Page to {document_name(deal, spec)}]"


def document_name(deal: Deal, spec: DocumentSpec) -> str:
    """The document as a closing binder names it: 'Promissory Note payable to Margaret Chen'."""
    if spec.name.startswith(PROMISSORY_NOTE):
        index = spec.purchaser_index if spec.purchaser_index is not None else 0
        return f"{spec.title} payable to {deal.purchasers[index].name}"
    return spec.title


# ---------------------------------------------------------------- reading pages

_TEXT_NODES = etree.XPath(
    ".//w:t[parent::w:r] | .//w:tab[parent::w:r] | .//w:br[parent::w:r] | .//w:cr[parent::w:r]"
    " | .//w:noBreakHyphen[parent::w:r]",
    namespaces=_NS,
)
_PAGE_BREAKS = etree.XPath(".//w:br[@w:type='page'][not(ancestor::mc:Fallback)]", namespaces=_NS)
_HAS_CONTENT = etree.XPath(
    "boolean(.//w:t[normalize-space(.) != ''] | .//w:drawing | .//w:pict | .//w:object)", namespaces=_NS
)
_TOP_PARAGRAPHS = etree.XPath("descendant-or-self::w:p[not(ancestor::w:p)]", namespaces=_NS)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2011": "-"})
_OFF = ("0", "false", "off")


def _normalized(text: str) -> str:
    """For comparing names: NFKC, straight quotes, single spaces, no case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def lines_of(element: Any) -> list[str]:
    """The text of a body element as lines: each paragraph, cut at its line breaks (table cells included)."""
    lines: list[str] = []
    for paragraph in _TOP_PARAGRAPHS(element):
        current: list[str] = []
        for node in _TEXT_NODES(paragraph):
            if any(a.tag == f"{{{_NS['mc']}}}Fallback" for a in node.iterancestors()):
                continue
            tag = etree.QName(node).localname
            if tag == "t":
                current.append(node.text or "")
            elif tag == "tab":
                current.append(" ")
            elif tag == "noBreakHyphen":
                current.append("-")
            else:
                lines.append("".join(current))
                current = []
        lines.append("".join(current))
    return lines


class _Styles:
    """Paragraph properties a paragraph gets from its style chain (basedOn), for flags such as keepNext."""

    def __init__(self, document: DocumentObject):
        self.by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.iterchildren(qn("w:style"))}
        self.default = next(
            (sid for sid, s in self.by_id.items()
             if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) not in (None, *_OFF)),
            None,
        )

    def flag(self, paragraph: Any, name: str) -> bool:
        """Whether the on/off paragraph property `name` ('keepNext', 'pageBreakBefore') is on."""
        if paragraph.tag != qn("w:p"):
            return False
        style_id = self.default
        ppr = paragraph.find(qn("w:pPr"))
        if ppr is not None:
            direct = ppr.find(qn(f"w:{name}"))
            if direct is not None:
                return direct.get(qn("w:val"), "true").lower() not in _OFF
            style = ppr.find(qn("w:pStyle"))
            if style is not None:
                style_id = style.get(qn("w:val"))
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                break
            found = style.find(f"{qn('w:pPr')}/{qn(f'w:{name}')}")
            if found is not None:
                return found.get(qn("w:val"), "true").lower() not in _OFF
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return False

    def style_name(self, paragraph: Any) -> str:
        ppr = paragraph.find(qn("w:pPr")) if paragraph.tag == qn("w:p") else None
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        element = self.by_id.get(style.get(qn("w:val")) if style is not None else self.default)
        name = element.find(qn("w:name")) if element is not None else None
        return (name.get(qn("w:val")) if name is not None else "") or ""


def _cut(paragraph: Any, br: Any) -> tuple[Any, Any]:
    """`paragraph` as two copies: what comes before the page break `br`, and what comes after it."""
    path: list[int] = []
    node = br
    while node is not paragraph:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    path.reverse()

    def locate(root: Any) -> Any:
        found = root
        for index in path:
            found = found[index]
        return found

    keep = (qn("w:pPr"), qn("w:rPr"))
    before, after = deepcopy(paragraph), deepcopy(paragraph)
    node = locate(before)
    for sibling in list(node.itersiblings()):
        sibling.getparent().remove(sibling)
    parent = node.getparent()
    parent.remove(node)
    node = parent
    while node is not before:
        for sibling in list(node.itersiblings()):
            node.getparent().remove(sibling)
        node = node.getparent()
    section = before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if section is not None:
        section.getparent().remove(section)
    node = locate(after)
    first = True
    while node is not after:
        for sibling in list(node.itersiblings(preceding=True)):
            if sibling.tag not in keep:
                sibling.getparent().remove(sibling)
        parent = node.getparent()
        if first:
            parent.remove(node)
            first = False
        node = parent
    return before, after


def _split_at_page_breaks(paragraph: Any) -> list[Any | None]:
    """The pieces of a paragraph between its page breaks (None for a piece with nothing in it)."""
    if not _PAGE_BREAKS(paragraph):
        return [paragraph]
    pieces: list[Any | None] = []
    rest = paragraph
    while True:
        breaks = _PAGE_BREAKS(rest)
        if not breaks:
            break
        before, rest = _cut(rest, breaks[0])
        pieces.append(before if _HAS_CONTENT(before) else None)
    pieces.append(rest if _HAS_CONTENT(rest) else None)
    return pieces


def _ends_page(paragraph: Any) -> bool:
    """A paragraph that ends a section which the next one starts on a new page."""
    section = paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if paragraph.tag == qn("w:p") else None
    if section is None:
        return False
    kind = section.find(qn("w:type"))
    return kind is None or kind.get(qn("w:val")) != "continuous"


def _split_pages(body: Any, styles: _Styles) -> list[list[Any]]:
    """The body's top-level elements grouped by page (see the module's docstring, step 1)."""
    pages: list[list[Any]] = [[]]
    for element in body:
        if element.tag == qn("w:sectPr"):
            continue
        if element.tag != qn("w:p"):
            pages[-1].append(element)
            continue
        if pages[-1] and styles.flag(element, "pageBreakBefore"):
            pages.append([])
        for number, piece in enumerate(_split_at_page_breaks(element)):
            if number and pages[-1]:
                pages.append([])
            if piece is not None:
                pages[-1].append(piece)
        if _ends_page(element) and pages[-1]:
            pages.append([])
    return [page for page in pages if page]


_ATTACHMENT_LABEL = re.compile(
    r"^(exhibit|schedule|annex|appendix|attachment)\s+[a-z0-9][a-z0-9.\-]*\b(\s+to\s+.{1,60})?$", re.IGNORECASE
)


def _first_text(page: list[Any]) -> tuple[Any, str] | None:
    for element in page:
        text = " ".join(" ".join(lines_of(element)).split())
        if text:
            return element, text
    return None


def _is_attachment(page: list[Any], styles: _Styles) -> bool:
    first = _first_text(page)
    if first is None:
        return False
    element, text = first
    return bool(_ATTACHMENT_LABEL.match(text)) or "exhibit" in styles.style_name(element).lower()


@dataclass
class Page:
    """One page of a document: its top-level body elements (a split paragraph as a copy) and its lines."""

    elements: list[Any]
    lines: list[str]
    attachment: bool


def document_pages(document: DocumentObject) -> list[Page]:
    """Every page of `document`'s body; `attachment` marks the exhibits and schedules at its end."""
    styles = _Styles(document)
    pages = []
    in_attachments = False
    for number, elements in enumerate(_split_pages(document.element.body, styles)):
        in_attachments = in_attachments or (number > 0 and _is_attachment(elements, styles))
        pages.append(Page(elements, [line for e in elements for line in lines_of(e)], in_attachments))
    return pages


def attachment_labels(data: bytes) -> list[str]:
    """The exhibits and schedules a rendered document carries: ['Exhibit A: Release Notice', ...]."""
    document = Document(io.BytesIO(data))
    labels = []
    for page in document_pages(document):
        if not page.attachment:
            continue
        texts = [" ".join(line.split()) for line in page.lines if line.strip()]
        label = _ATTACHMENT_LABEL.match(texts[0]) if texts else None
        if not label:
            continue
        name = f"{label.group(1).title()} {texts[0].split()[1]}"
        caption = _caption(texts[1]) if len(texts) > 1 else ""
        labels.append(f"{name}: {caption}" if caption else name)
    return labels


def _caption(text: str) -> str:
    """'[FORM OF NOTE]' -> 'Form of Note'; '[To be attached: the X dated ...]' -> 'The X dated ...'."""
    text = text.strip().strip("[]").strip().rstrip(".")
    text = re.sub(r"^to be attached:\s*", "", text, flags=re.IGNORECASE)
    if text.isupper():
        small = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
        text = " ".join(w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(text.split()))
    if len(text) > 80:
        text = text[:77].rsplit(" ", 1)[0] + "..."
    return text[:1].upper() + text[1:]


_SIGNATURE_LINE = re.compile(r"^(?:(?:by|[^:]*signature[^:]*)\s*:\s*)?_{5,}$", re.IGNORECASE)
_WINDOW = 3  # non-empty lines between a name line and its signature line, at most
_BRACKET_NOTE = re.compile(r"^\[[^\[\]]*\]$")


def _names(line: str) -> set[str]:
    """What a line may name: the whole line, and what follows a label ('Name of Purchaser: ...')."""
    line = _normalized(line)
    names = {line}
    if ":" in line:
        names.add(line.split(":", 1)[1].strip())
    return names


def signers_on(page: Page, candidates: Iterable[Party]) -> list[Party]:
    """The candidates whose signature block is on `page` (the module's docstring, step 3)."""
    lines = [line for line in page.lines if line.strip()]
    signature_lines = [i for i, line in enumerate(lines) if _SIGNATURE_LINE.match(" ".join(line.split()))]
    if not signature_lines:
        return []
    near = [i for i in range(len(lines)) if any(abs(i - j) <= _WINDOW for j in signature_lines)]
    named = set().union(*(_names(lines[i]) for i in near)) if near else set()
    return [party for party in candidates if _normalized(party.name) in named]


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


def _signature_part(page: Page, styles: _Styles, names: set[str]) -> list[Any]:
    """What of `page` goes into a packet (the module's docstring, steps 4 and 5)."""
    elements = list(page.elements)
    if _estimated_lines(elements) > _LINES_PER_PAGE:
        first = next(
            i for i, e in enumerate(elements)
            if any(_SIGNATURE_LINE.match(" ".join(line.split())) for line in lines_of(e))
        )
        start = first
        while start > 0:
            previous = elements[start - 1]
            names_here = set().union(*(_names(line) for line in lines_of(previous)))
            if not (styles.flag(previous, "keepNext") or names_here & names):
                break
            start -= 1
        elements = elements[start:]
    while elements and _is_bracket_note(elements[-1]):
        elements.pop()
    if elements and _is_bracket_note(elements[0]) and "signature page" in _normalized(_text(elements[0])):
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
    styles: _Styles
    pages: list[Page]


@dataclass
class _Item:
    source: _Source
    heading: str
    name: str
    elements: list[Any]
    caption: Any | None  # the template's own caption paragraph, for the heading's look


def signature_packets(deal: Deal, documents: list[RenderedDocument]) -> dict[str, bytes]:
    """`signature-packets/<slug>.docx` -> the packet of each signatory (see the module's docstring)."""
    everyone = parties(deal)
    names = {_normalized(p.name) for p in everyone}
    plan: dict[str, list[_Item]] = {party.slug: [] for party in everyone}
    for rendered in documents:
        expected = signers(deal, rendered.spec)
        if not expected:
            continue
        document = Document(io.BytesIO(rendered.data))
        source = _Source(rendered.spec, rendered.data, document, _Styles(document), document_pages(document))
        found: dict[str, list[Page]] = {party.slug: [] for party in expected}
        for page in source.pages:
            if page.attachment:
                continue
            for party in signers_on(page, expected):
                found[party.slug].append(page)
        missing = [party for party in expected if not found[party.slug]]
        if missing:
            raise _missing_pages(rendered.spec, missing)
        for party in expected:
            for page in found[party.slug]:
                caption = page.elements[0] if _is_bracket_note(page.elements[0]) else None
                plan[party.slug].append(
                    _Item(source, page_heading(deal, rendered.spec), document_name(deal, rendered.spec),
                          _signature_part(page, source.styles, names), caption)
                )
    return {
        f"{PACKET_FOLDER}/{party.slug}.docx": _packet(deal, party, plan[party.slug])
        for party in everyone
        if plan[party.slug]
    }


def _missing_pages(spec: DocumentSpec, missing: list[Party]) -> TemplateError:
    who = "; ".join(f"{p.role} {p.name}" for p in missing)
    what = (
        f"no signature page found for {who}: a signature page needs the party's name on a line of its own "
        "(or after a label such as 'Name of Purchaser:') within three lines of a signature line ('By: ____')"
    )
    return TemplateError(f"{spec.filename}: {what}", [error("DD310", what, Location(document=spec.filename))])


def _packet(deal: Deal, party: Party, items: list[_Item]) -> bytes:
    base = items[0].source
    document = blank_document(base.data)
    title = f"Signature Packet \u2013 {party.name}"
    add_footer(document, title)
    _cover(document, deal, party, items)
    body = document.element.body
    for number, item in enumerate(items, start=1):
        heading = _heading(item, number)
        copies = [_copy(element, item.source, document, same=item.source is base) for element in item.elements]
        _copy_missing_styles(document, item.source.document, [heading, *copies])
        for element in (heading, *copies):
            body.sectPr.addprevious(element)
    return finish(document, deal, title, f"signature-packet-{party.slug}")


def _bookmark(number: int) -> str:
    return f"_DealdocsSignaturePage{number}"


def _cover(document: DocumentObject, deal: Deal, party: Party, items: list[_Item]) -> None:
    """The first page: who signs, for whom, and the pages to sign with their page numbers in the packet."""
    title_style = style_with_id(document, "Title")
    title = add_paragraph(document, "Signature Packet", align=WD_ALIGN_PARAGRAPH.CENTER, bold=title_style is None,
                          style=title_style)
    title.paragraph_format.space_after = Pt(6)
    add_paragraph(document, deal.title, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(24))
    for label, text in (("Signatory", party.signed_by), ("Signing for", party.signing_for)):
        paragraph = add_paragraph(document, f"{label}: ", bold=True, space_after=Pt(6))
        paragraph.add_run(text)
    pages = "page" if len(items) == 1 else f"{len(items)} pages"
    add_paragraph(
        document,
        f"This packet holds the {pages} listed below. Please sign each where indicated and return all of them. "
        "Please do not date or change any page: dates left blank are completed at closing.",
        space_before=Pt(12),
        space_after=Pt(12),
    )
    widths = [0.5, 3.6, 1.4, 1.0]
    aligns = [WD_ALIGN_PARAGRAPH.LEFT] * 3 + [WD_ALIGN_PARAGRAPH.CENTER]
    table = add_table(document, ["No.", "Document", "Signing as", "Page"], widths, aligns=aligns)
    for number, item in enumerate(items, start=1):
        cells = add_row(table, [f"{number}.", item.name, party.role, ""], widths, aligns=aligns)
        add_field(cells[3].paragraphs[0]._p, f"PAGEREF {_bookmark(number)} \\h", str(number + 1))


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
    ".//w:r[w:commentReference or w:footnoteReference or w:endnoteReference]", namespaces=_NS
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
        for attribute in _R_ATTRIBUTES:
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


# ---------------------------------------------------------------- Word


def style_with_id(document: DocumentObject, style_id: str) -> Any:
    """The document's style with this id ('Title', 'Heading1', 'TableGrid'), or None (the default style)."""
    return next((s for s in document.styles if s.style_id == style_id), None)


def add_paragraph(container: Any, text: str, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT,
                  style: Any = None, space_before: Any = None, space_after: Any = None) -> Any:
    """A paragraph in `container` (a document or a cell), without the first-line indent of body text."""
    paragraph = container.add_paragraph(style=style)
    format_ = paragraph.paragraph_format
    format_.alignment = align
    format_.first_line_indent = Pt(0)
    if space_before is not None:
        format_.space_before = space_before
    if space_after is not None:
        format_.space_after = space_after
    if text:
        paragraph.add_run(text).bold = bold or None
    return paragraph


def cell_text(cell: Any, text: str, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT,
              size: Any = None) -> Any:
    """Set a table cell to one paragraph of `text`, tight (little space around it)."""
    paragraph = cell.paragraphs[0]
    format_ = paragraph.paragraph_format
    format_.alignment = align
    format_.first_line_indent = Pt(0)
    format_.space_after = Pt(2)
    format_.space_before = Pt(2)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size is not None:
            run.font.size = size
    return paragraph


def add_table(document: DocumentObject, headings: list[str], widths: list[float], *,
              aligns: Sequence[Any] | None = None, size: Any = None) -> Any:
    """A table with a bold heading row repeated on every page, in the document's "Table Grid" style when it has one."""
    table = document.add_table(rows=1, cols=len(headings))
    table.style = style_with_id(document, "TableGrid")
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)
        for cell in column.cells:
            cell.width = Inches(width)
    aligns = aligns or [WD_ALIGN_PARAGRAPH.LEFT] * len(headings)
    for cell, heading, align in zip(table.rows[0].cells, headings, aligns, strict=True):
        cell_text(cell, heading, bold=True, align=align, size=size)
    _row_property(table.rows[0], "tblHeader")
    return table


_ROW_PROPERTY_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
                       "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")


def _row_property(row: Any, name: str) -> None:
    """Turn on the row property `name` ('cantSplit', 'tblHeader'), in the order the schema wants."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(f"w:{name}")) is not None:
        return
    rank = _ROW_PROPERTY_ORDER.index(name)
    later = [child for child in properties if etree.QName(child).localname in _ROW_PROPERTY_ORDER[rank + 1 :]]
    element = OxmlElement(f"w:{name}")
    if later:
        later[0].addprevious(element)
    else:
        properties.append(element)


def keep_together(table: Any) -> None:
    """Keep `table` on one page: no row split, each row kept with the next."""
    for number, row in enumerate(table.rows):
        _row_property(row, "cantSplit")
        if number < len(table.rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def add_row(table: Any, texts: Sequence[str], widths: list[float], *, aligns: Sequence[Any] | None = None,
            bold: bool = False, size: Any = None) -> Any:
    """A row of `texts` at the end of `table`, cells as wide as `widths` (inches)."""
    cells = table.add_row().cells
    aligns = aligns or [WD_ALIGN_PARAGRAPH.LEFT] * len(texts)
    for cell, text, width, align in zip(cells, texts, widths, aligns, strict=True):
        cell.width = Inches(width)
        cell_text(cell, text, bold=bold, align=align, size=size)
    return cells


def blank_document(data: bytes | None) -> DocumentObject:
    """An empty document with the styles, page setup and settings of the rendered document `data`.

    Its headers and footers are removed (they belong to that document); the
    caller adds its own with `add_footer`. Without `data`, python-docx's
    default document set in Times New Roman 12 pt.
    """
    if data is None:
        document = Document()
        normal = document.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        return document
    document = Document(io.BytesIO(data))
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    section = body.sectPr
    for reference in list(section.iterchildren(qn("w:headerReference"), qn("w:footerReference"))):
        section.remove(reference)
        document.part.drop_rel(reference.get(_R_ID))
    for first_page in section.iterchildren(qn("w:titlePg")):
        section.remove(first_page)
    settings = document.settings.element
    for even_odd in settings.iterchildren(qn("w:evenAndOddHeaders")):
        settings.remove(even_odd)
    return document


def add_footer(document: DocumentObject, caption: str) -> None:
    """A footer on every page: `caption` and the page number, centred."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = style_with_id(document, "Footer")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{caption} \u2013 page ")
    add_field(paragraph._p, "PAGE", "1")


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, PAGEREF ...) at the end of `paragraph`, showing `shown` until Word updates it."""
    parts = [("fldChar", "begin"), ("instrText", f" {instruction} "), ("fldChar", "separate"),
             ("t", shown), ("fldChar", "end")]
    for tag, value in parts:
        run = OxmlElement("w:r")
        child = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            child.set(qn("w:fldCharType"), value)
        else:
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            child.text = value
        run.append(child)
        paragraph.append(run)


def finish(document: DocumentObject, deal: Deal, title: str, name: str) -> bytes:
    """The document's bytes, with properties from the deal (title `title`) and a normalized zip."""
    set_properties(document, deal, DocumentSpec(name, title, ""))
    document.core_properties.title = title[:255]
    out = io.BytesIO()
    document.save(out)
    return normalize_docx(out.getvalue())
