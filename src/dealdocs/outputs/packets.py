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

import hashlib
import io
import math
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from dealdocs.closing.kinds import (
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
from dealdocs.termsheet.model import Deal
from dealdocs.outputs.write import normalize_docx
from dealdocs.render.renderer import _copy_missing_styles, set_properties

if TYPE_CHECKING:
    from dealdocs.pipeline import RenderedDocument

__all__ = [
    "Party",
    "add_field",
    "add_footer",
    "add_paragraph",
    "add_table",
    "attachment_labels",
    "blank_document",
    "document_name",
    "document_pages",
    "finish",
    "page_heading",
    "parties",
    "signature_packets",
    "signers",
    "signers_on",
    "style_with_id",
    "table_cell",
]

PACKET_FOLDER = "signature-packets"
_tag = lru_cache(maxsize=256)(qn)  # python-docx's qn, remembered: it is called in every loop here

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
    " | ".join(f".//w:{name}[parent::w:r][not(ancestor::mc:Fallback)]"
               for name in ("t", "tab", "br", "cr", "noBreakHyphen")),
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
        self.by_id = {s.get(_tag("w:styleId")): s for s in document.styles.element.iterchildren(_tag("w:style"))}
        self.default = next(
            (sid for sid, s in self.by_id.items()
             if s.get(_tag("w:type")) == "paragraph" and s.get(_tag("w:default")) not in (None, *_OFF)),
            None,
        )

    def flag(self, paragraph: Any, name: str) -> bool:
        """Whether the on/off paragraph property `name` ('keepNext', 'pageBreakBefore') is on."""
        if paragraph.tag != _tag("w:p"):
            return False
        style_id = self.default
        ppr = paragraph.find(_tag("w:pPr"))
        if ppr is not None:
            direct = ppr.find(_tag(f"w:{name}"))
            if direct is not None:
                return direct.get(_tag("w:val"), "true").lower() not in _OFF
            style = ppr.find(_tag("w:pStyle"))
            if style is not None:
                style_id = style.get(_tag("w:val"))
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                break
            found = style.find(f"{_tag('w:pPr')}/{_tag(f'w:{name}')}")
            if found is not None:
                return found.get(_tag("w:val"), "true").lower() not in _OFF
            based = style.find(_tag("w:basedOn"))
            style_id = based.get(_tag("w:val")) if based is not None else None
        return False

    def style_name(self, paragraph: Any) -> str:
        ppr = paragraph.find(_tag("w:pPr")) if paragraph.tag == _tag("w:p") else None
        style = ppr.find(_tag("w:pStyle")) if ppr is not None else None
        element = self.by_id.get(style.get(_tag("w:val")) if style is not None else self.default)
        name = element.find(_tag("w:name")) if element is not None else None
        return (name.get(_tag("w:val")) if name is not None else "") or ""


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

    keep = (_tag("w:pPr"), _tag("w:rPr"))
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
    section = before.find(f"{_tag('w:pPr')}/{_tag('w:sectPr')}")
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
    section = paragraph.find(f"{_tag('w:pPr')}/{_tag('w:sectPr')}") if paragraph.tag == _tag("w:p") else None
    if section is None:
        return False
    kind = section.find(_tag("w:type"))
    return kind is None or kind.get(_tag("w:val")) != "continuous"


def _split_pages(body: Any, styles: _Styles) -> list[list[Any]]:
    """The body's top-level elements grouped by page (see the module's docstring, step 1)."""
    pages: list[list[Any]] = [[]]
    for element in body:
        if element.tag == _tag("w:sectPr"):
            continue
        if element.tag != _tag("w:p"):
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


@dataclass
class _Parsed:
    document: DocumentObject
    styles: _Styles
    pages: list[Page]


def _parse(data: bytes) -> _Parsed:
    """A rendered document opened and cut into pages. Read only."""
    document = Document(io.BytesIO(data))
    return _Parsed(document, _Styles(document), document_pages(document))


_ATTACHMENTS: OrderedDict[bytes, tuple[str, ...]] = OrderedDict()  # SHA-256 of a document -> its labels
_ATTACHMENTS_KEPT = 1024


def attachment_labels(data: bytes) -> list[str]:
    """The exhibits and schedules a rendered document carries: ['Exhibit A: Release Notice', ...]."""
    labels = _ATTACHMENTS.get(hashlib.sha256(data).digest())
    if labels is None:
        labels = _remember_attachments(data, _parse(data))
    return list(labels)


def _remember_attachments(data: bytes, parsed: _Parsed) -> tuple[str, ...]:
    labels = []
    for page in parsed.pages:
        if not page.attachment:
            continue
        texts = [" ".join(line.split()) for line in page.lines if line.strip()]
        label = _ATTACHMENT_LABEL.match(texts[0]) if texts else None
        if not label:
            continue
        name = f"{label.group(1).title()} {texts[0].split()[1]}"
        caption = _caption(texts[1]) if len(texts) > 1 else ""
        labels.append(f"{name}: {caption}" if caption else name)
    _ATTACHMENTS[hashlib.sha256(data).digest()] = result = tuple(labels)
    while len(_ATTACHMENTS) > _ATTACHMENTS_KEPT:
        _ATTACHMENTS.popitem(last=False)
    return result


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
    return element.tag == _tag("w:p") and bool(_BRACKET_NOTE.match(_text(element)))


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
    """`signature-packets/<slug>.docx` -> the packet of each signatory (see the module's docstring).

    The packets are filled document by document: each rendered document is
    opened once, its signature pages copied into the packets of those who
    sign them, and closed again, so that a deal of 200 notes never holds 200
    open documents.
    """
    everyone = parties(deal)
    names = {_normalized(p.name) for p in everyone}
    packets: dict[str, _Packet] = {}
    for rendered in documents:
        expected = signers(deal, rendered.spec)
        if not expected:
            continue
        parsed = _parse(rendered.data)
        _remember_attachments(rendered.data, parsed)  # the checklist asks next: no second opening
        source = _Source(rendered.spec, rendered.data, parsed.document, parsed.styles, parsed.pages)
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
            packet = packets.get(party.slug) or packets.setdefault(party.slug, _Packet(party, source))
            for page in found[party.slug]:
                caption = page.elements[0] if _is_bracket_note(page.elements[0]) else None
                packet.add(_Item(source, page_heading(deal, rendered.spec), document_name(deal, rendered.spec),
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
        _copy_missing_styles(self.document, item.source.document, [heading, *copies])
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
        return finish(self.document, deal, self.title, f"signature-packet-{self.party.slug}")


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
        properties = item.caption.find(_tag("w:pPr"))
        if properties is not None:
            properties = deepcopy(properties)
            for unwanted in properties.iterchildren(_tag("w:sectPr"), _tag("w:numPr")):
                properties.remove(unwanted)
            paragraph.append(properties)
        first_run = item.caption.find(f"{_tag('w:r')}/{_tag('w:rPr')}")
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
    start.set(_tag("w:id"), str(number))
    start.set(_tag("w:name"), _bookmark(number))
    paragraph.append(start)
    run = words.add_run(item.heading)._r
    if run_properties is not None:
        run.insert(0, run_properties)
    end = OxmlElement("w:bookmarkEnd")
    end.set(_tag("w:id"), str(number))
    paragraph.append(end)
    return paragraph


_DROPPED = tuple(
    _tag(f"w:{name}")
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
    for section in copy.iter(_tag("w:sectPr")):
        section.getparent().remove(section)
    for paragraph in _TOP_PARAGRAPHS(copy):
        if source.styles.flag(paragraph, "pageBreakBefore"):
            Paragraph(paragraph, None).paragraph_format.page_break_before = False
    if not same:
        for numbering in list(copy.iter(_tag("w:numPr"))):
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


_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def add_table(document: DocumentObject, headings: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, aligns: Sequence[str] | None = None, size: float | None = None,
              bold_last: bool = False, keep_together: bool = False) -> Any:
    """A table at the end of `document`: a bold heading row repeated on every page, then `rows`.

    In the document's "Table Grid" style when it has one (else with plain
    borders); `widths` in inches; `aligns` 'left', 'center' or 'right' by column;
    `size` in points. Rows never split across pages; with `keep_together` the
    whole table stays on one page. Built as XML in one go: python-docx's
    cell-by-cell API is a hundred times slower.
    """
    aligns = aligns or ["left"] * len(headings)
    twips = [round(w * 1440) for w in widths]
    styled = style_with_id(document, "TableGrid") is not None
    xml = [f'<w:tbl {nsdecls("w")}><w:tblPr>', '<w:tblStyle w:val="TableGrid"/>' if styled else "",
           f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>', "" if styled else f"<w:tblBorders>{_BORDERS}</w:tblBorders>",
           '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>', *(f'<w:gridCol w:w="{t}"/>' for t in twips),
           "</w:tblGrid>"]
    every = [headings, *rows]
    for number, row in enumerate(every):
        last = number == len(every) - 1
        bold = number == 0 or (bold_last and last)
        xml.append(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if number == 0 else ""}</w:trPr>')
        for text, width, align in zip(row, twips, aligns, strict=True):
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            xml.append(_paragraph_xml(text, align=align, bold=bold, size=size, keep_next=keep_together and not last))
            xml.append("</w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    table = parse_xml("".join(xml))
    document.element.body.sectPr.addprevious(table)
    return table


def _paragraph_xml(text: str, *, align: str, bold: bool, size: float | None, keep_next: bool) -> str:
    """A tight table-cell paragraph (no first-line indent, 2 pt above and below)."""
    properties = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
                                                if size else "")
    run = f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:p><w:pPr>{"<w:keepNext/>" if keep_next else ""}<w:spacing w:before="40" w:after="40"/>'
            f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p>')


def table_cell(table: Any, row: int, column: int) -> Any:
    """The first paragraph (a w:p element) of a cell of a table made by `add_table` (row 0: the headings)."""
    return table.findall(_tag("w:tr"))[row].findall(_tag("w:tc"))[column].find(_tag("w:p"))


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
    return Document(io.BytesIO(_emptied(data)))


@lru_cache(maxsize=8)
def _emptied(data: bytes) -> bytes:
    """`data` with its body, headers and footers taken out: made once, opened for each packet."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    for element in list(body):
        if element.tag != _tag("w:sectPr"):
            body.remove(element)
    section = body.sectPr
    for reference in list(section.iterchildren(_tag("w:headerReference"), _tag("w:footerReference"))):
        section.remove(reference)
        document.part.drop_rel(reference.get(_R_ID))
    for first_page in section.iterchildren(_tag("w:titlePg")):
        section.remove(first_page)
    settings = document.settings.element
    for even_odd in settings.iterchildren(_tag("w:evenAndOddHeaders")):
        settings.remove(even_odd)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


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
            child.set(_tag("w:fldCharType"), value)
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
