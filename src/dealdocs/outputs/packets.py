"""Signature packets: for each person who signs, the pages they sign, exactly as the documents print them.

`signature_packets(deal, documents)` returns one Word file per signer
(`closing.parties.signers_of`: the company's signing officer, its attesting
officer when the notes have one, every person who signs for a purchaser, the
escrow agent's signatory), ``signature-packets/<slug>.docx``: a cover page
(who signs, for whom, and a table of the pages to sign with their page numbers
in the packet), then those pages. A person who signs for several parties gets
one packet with all of their pages.

The pages are the documents' own: each signature page found by the
signature-page check (`checks.signature_pages`) is copied whole, from its
caption ("[Signature Page to Note Purchase Agreement]", which says what it
signs) to the next page break, and starts a new page in the packet, so a page
signed in a packet is word for word the page of the document it goes into. The
packet adds nothing to them: no heading, no footer; its identification is on
its cover only.

A document signed only at the release of escrow (the release notice: the
kinds registry says which) is left out of these packets: it authorizes the
escrow agent to release the purchasers' money, so it is signed, and dated,
only after the escrow agent confirms it holds every subscription and
signature page. Its pages go into release packets of their own,
``signature-packets/at-release/<slug>.docx``, whose cover says when to sign;
the closing packets' covers say the release notice will follow.

The packet is built on the first of its source documents (its styles, fonts
and settings, and the page setup of its last section, which the cover takes);
a style another source uses and the first lacks is copied over with what it
is based on, and one the first defines otherwise (a firm's escrow agreement
in Garamond, the bundled note purchase agreement in Times New Roman) is
copied under a name of its own ("Normal (note-purchase-agreement)",
`ooxml.compose.carry_styles`), so each page prints in its own document's
styles. Each page is laid out as its document lays it out, too: a page whose
section there (`ooxml.pages.Page.section`) has another page setup than the
page before it in the packet (a firm's escrow agreement on A4 with 1.5"
margins, the bundled note purchase agreement on Letter with 1";
`ooxml.compose.page_setup`: page size and orientation, margins, borders, line
numbers, columns, vertical alignment, text direction, grid) starts a section
of its own with that setup. The section before it ends with its last
paragraph (after a table, an empty one of no height), and that section break
starts the page, with no page break before it besides (the two could leave a
blank page). A packet whose pages are all laid out as its cover is has one
section, as before. The packet's sections have no headers or footers and
number their pages on, for the cover's page numbers. Pictures and links on a
copied page are carried over; list numbering from another document is dropped
(its definitions live in that document), as are bookmarks, comments and notes.
Bytes are deterministic: properties from the deal, never the clock, and the
zip is normalized.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path
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

from dealdocs.closing.deliverables import deliverables_for
from dealdocs.closing.dues import BESIDES, collateral_agent_dues, escrow_agent_dues, escrow_holds, officer_dues, purchaser_dues
from dealdocs.closing.kinds import (
    ATTESTING_OFFICER, COMPANY, ESCROW_AGENT, KINDS, PURCHASERS, SECURED_PARTY, DocumentSpec, first_dated,
)
from dealdocs.closing.ledger import VERSION_DIGITS
from dealdocs.closing.notes_delivery import (
    counsel_is_escrow_agent, counsel_reached, escrow_agent_reached, notes_keeper, pages_to_counsel, pages_to_keeper)
from dealdocs.closing.parties import Party, Signer, control_signer, signers, signers_of
from dealdocs.closing.results import RenderedDocument
from dealdocs.errors import TemplateError
from dealdocs.findings import Location, error
from dealdocs.ooxml.compose import add_field, add_paragraph, add_table, blank_document, carry_styles, \
    column_cells, copy_missing_styles, end_section, page_setup, style_with_id, with_page_setup
from dealdocs.ooxml.pages import Page, Styles, document_pages
from dealdocs.ooxml.xml import NS, R_ATTRIBUTES, qn, top_paragraphs
from dealdocs.outputs.document import finish
from dealdocs.termsheet.model import Deal
from dealdocs.words import join_and, long_date

__all__ = ["PACKET_FOLDER", "RELEASE_FOLDER", "VERSION", "PacketPage", "cover_versions", "packet_pages",
           "signature_packets"]

PACKET_FOLDER = "signature-packets"
RELEASE_FOLDER = f"{PACKET_FOLDER}/at-release"


@dataclass
class _Source:
    spec: DocumentSpec
    data: bytes
    document: DocumentObject
    styles: Styles
    pages: list[Page]
    version: str  # the document's, as its pages are signed (`RenderedDocument.version`)


@dataclass(frozen=True)
class PacketPage:
    """A page that goes into a packet: page `number` of `document`, signed by `signer`."""

    document: RenderedDocument
    number: int
    signer: Signer


def packet_pages(deal: Deal, documents: list[RenderedDocument]) -> dict[tuple[bool, str], list[PacketPage]]:
    """(at release?, signer's slug) -> the pages of their packet, in binder order, each page once."""
    slug_of = {signer.key: slug for slug, group in signers_of(deal) for signer in group}
    found: dict[tuple[bool, str], list[PacketPage]] = {}
    held: set[tuple[tuple[bool, str], int, int]] = set()  # (packet, id of a document, page number) in it
    for rendered in documents:
        expected = signers(deal, rendered.spec)
        missing = [signer for index, signer in enumerate(expected) if not rendered.signature_pages.get(index)]
        if missing:  # the signature-page check reported it (DD310): a build never gets here
            raise _missing_pages(rendered.spec, missing)
        for index, signer in enumerate(expected):
            key = (rendered.spec.kind.signed_at_release, slug_of[signer.key])
            pages = found.setdefault(key, [])
            for number in rendered.signature_pages[index]:
                if (key, id(rendered), number) not in held:
                    held.add((key, id(rendered), number))
                    pages.append(PacketPage(rendered, number, signer))
    return found


def signature_packets(deal: Deal, documents: list[RenderedDocument]) -> dict[str, bytes]:
    """`signature-packets/<slug>.docx` (and `at-release/<slug>.docx`) -> each signer's packet (module docstring).

    The packets are filled document by document: each rendered document is
    opened once, its signature pages copied into the packets of those who sign
    them, and closed again, so that a deal of 200 notes never holds 200 open
    documents.
    """
    contents = packet_pages(deal, documents)
    pages_of: dict[int, list[tuple[tuple[bool, str], PacketPage]]] = {}  # id of a document -> its pages in packets
    for key, pages in contents.items():
        for page in pages:
            pages_of.setdefault(id(page.document), []).append((key, page))
    packets: dict[tuple[bool, str], _Packet] = {}
    for rendered in documents:
        wanted = pages_of.get(id(rendered), [])
        if not wanted:
            continue
        document = Document(io.BytesIO(rendered.data))
        source = _Source(rendered.spec, rendered.data, document, Styles(document.styles.element), document_pages(document),
                         rendered.version or hashlib.sha256(rendered.data).hexdigest())
        for key, page in sorted(wanted, key=lambda item: item[1].number):
            packet = packets.get(key) or packets.setdefault(key, _Packet(source, key[0]))
            packet.add(source, page.number, rendered.spec.display_name(deal), page.signer)
    people = signers_of(deal)
    holders: dict[Party, list[str]] = {}  # a purchaser of several people (trustees, joint holders) -> who they are
    for _, group in people:
        for signer in group:
            if signer.as_holder:
                holders.setdefault(signer.party, []).append(group[0].person)
    out: dict[str, bytes] = {}
    deliverables = deliverables_for(deal)  # once: a deal's deliverables are many at 5,000 purchasers
    dues, officers = purchaser_dues(deal, deliverables), officer_dues(deal, deliverables)
    secured = collateral_agent_dues(deal, deliverables)
    for at_release in (False, True):
        folder = RELEASE_FOLDER if at_release else PACKET_FOLDER
        for slug, group in people:
            packet = packets.get((at_release, slug))
            if packet is not None:
                out[f"{folder}/{slug}.docx"] = packet.finish(deal, group, holders, dues, officers, secured)
    return out


def _missing_pages(spec: DocumentSpec, missing: list[Signer]) -> TemplateError:
    who = "; ".join(f"{s.person} ({s.party.role} {s.party.name})" for s in missing)
    what = f"no signature page found for {who}"
    return TemplateError(f"{spec.filename}: {what}", [error("DD310", what, Location(document=spec.filename))])


@dataclass(frozen=True)
class _Row:
    document: str
    signing_as: str
    version: str  # the document's own: the same in every packet that holds a page of it (`VERSION`)
    party: Party | None = None  # for whom the page is signed


class _Packet:
    """One signer's packet: a blank copy of the first document they sign, then their pages, then the cover."""

    def __init__(self, base: _Source, at_release: bool):
        self.base = base.spec
        self.at_release = at_release
        self.document = blank_document(base.data)
        self.rows: list[_Row] = []
        self.signers: list[Signer] = []  # as whom they sign in this packet, each once
        # the section the last page is in (at first the cover's, the first document's last section, the body's
        # own w:sectPr), its page setup, and that page's last element
        self.section = self.document.element.body.sectPr
        self.setup = self.packet_setup = page_setup(self.section)
        self.last: Any = None
        self.cover_ends_section = False  # the first page is laid out otherwise than the cover
        self.attested: set[str] = set()  # the roles (COMPANY, ATTESTING_OFFICER) in which pages here are attested
        self.documents: dict[str, str] = {}  # each document it holds pages of -> the digest of its bytes as built
        self.originals = False  # it holds a page its signatory signs of a single original (a note's maker's)
        self.others: list[str] = []  # the document of each of its pages that is not a note's, in order

    def add(self, source: _Source, number: int, document_name: str, signer: Signer) -> None:
        """Copy page `number` of `source` in, whole, on a page of its own (bookmarked for the cover's numbers),
        starting a section of the page setup of its own document's section when the page before it (or the cover)
        is laid out otherwise."""
        if signer not in self.signers:
            self.signers.append(signer)
        if source.spec.name not in self.documents:
            self.documents[source.spec.name] = source.version
        if ATTESTING_OFFICER in source.spec.kind.signers and signer.role in (COMPANY, ATTESTING_OFFICER):
            self.attested.add(signer.role)
        # a note's maker signs its single original; an attesting officer attests on that page, not on this one
        self.originals |= source.spec.kind.per_purchaser and signer.role != ATTESTING_OFFICER
        if not source.spec.kind.per_purchaser:
            self.others.append(document_name)
        page = source.pages[number]
        copies = [_copy(element, source, self.document, same=source.spec is self.base) for element in page.elements]
        if source.spec is self.base:
            copy_missing_styles(self.document, source.document, copies)
        else:  # another document's page prints in that document's styles, however the first defines them
            carry_styles(self.document, source.document, copies, Path(source.spec.template).stem)
        setup = self.packet_setup if page.section is None else page_setup(page.section)
        new_section = setup != self.setup
        if new_section:  # the section of the page before it (of the cover: `finish`) ends there
            if self.last is None:
                self.cover_ends_section = True
            else:
                end_section(self.last, deepcopy(self.section))
            self.section = _page_section(self.document.element.body.sectPr, page.section)
            self.setup = setup
        if copies[0].tag != qn("w:p"):  # a page opening with a table: a paragraph to hold the bookmark
            copies.insert(0, OxmlElement("w:p"))
        _start_page(copies[0], len(self.rows) + 1, new_page=not new_section)
        body = self.document.element.body
        end = body[-1] if body[-1].tag == qn("w:sectPr") else body.sectPr  # `body.sectPr` walks every page before it
        for element in copies:
            end.addprevious(element)
        self.last = copies[-1]
        self.rows.append(_Row(document_name, signer.signing_as, self.documents[source.spec.name][:VERSION_DIGITS],
                              signer.party))

    def _owed(self, deal: Deal, person: str, dues: dict[str, str], officers: dict[str, str], secured: str | None) -> list[str]:
        """What else is asked of whoever signs here: by the checklist, as each purchaser they sign for (`dues`), as
        the company's officer (`officers`) and as the collateral agent (`secured`); by the escrow agreement, as the
        escrow agent; on a closing packet."""
        owed = [dues[s.party.slug] for s in self.signers if s.role == PURCHASERS and s.party.slug in dues]
        if person in officers and not self.at_release and any(s.role in (COMPANY, ATTESTING_OFFICER) for s in self.signers):
            owed.append(officers[person])
        if secured and not self.at_release and any(s.role == SECURED_PARTY for s in self.signers):
            owed.append(secured)
        agent = escrow_agent_dues(deal) if any(s.role == ESCROW_AGENT for s in self.signers) else None
        if agent and not self.at_release:
            owed.append(agent)
        return list(dict.fromkeys(owed))

    def finish(self, deal: Deal, group: list[Signer], holders: dict[Party, list[str]], dues: dict[str, str],
               officers: dict[str, str], secured: str | None) -> bytes:
        """The packet's bytes, its cover page put in front of the pages (`holders`: who signs for each purchaser of
        several people; `dues`: what else each purchaser delivers, by its slug, `purchaser_dues`; `officers`: what
        else each of the company's officers does, by name, `officer_dues`; `secured`: what else the collateral agent
        does, `collateral_agent_dues`)."""
        body = self.document.element.body
        pages_end = len(body) - 1  # the sectPr stays last
        person = group[0].person
        _cover(self.document, deal, person, self.signers, self.rows, self.at_release,
               signs_at_release=not self.at_release and _signs_at_release(deal, group),
               attested=_attestation(deal, self.attested), together=_signing_together(person, self.signers, holders, self.rows),
               originals=self.originals, others=self.others,
               owed=self._owed(deal, person, dues, officers, secured), later=None if self.at_release else _dated_later(deal, self.documents))
        cover = list(body)[pages_end:-1]
        for position, element in enumerate(cover):
            body.insert(position, element)
        if self.cover_ends_section:  # in the first document's setup, as the packet is
            end_section(cover[-1], deepcopy(body.sectPr))
        if self.section is not body.sectPr:  # the last page's section is the body's own
            old = body.sectPr
            old.addprevious(self.section)
            body.remove(old)
        parties = join_and(list(dict.fromkeys(signer.party.name for signer in self.signers)))
        what = "Release Notice Signature Packet" if self.at_release else "Signature Packet"
        return finish(self.document, deal, f"{what} \u2013 {person} for {parties}")


def _signs_at_release(deal: Deal, group: list[Signer]) -> bool:
    """Whether this person also signs a document kept for the release of escrow (then the cover says so)."""
    kinds = [kind for kind in KINDS if kind.signed_at_release and kind.called_for(deal)]
    return any(signer.role in kind.signers for kind in kinds for signer in group)


def _attestation(deal: Deal, roles: set[str]) -> str | None:
    """What the cover says of a page signed by one officer and attested by another (each note): one original, both
    signatures on the same page. Each has the page in their packet, to see where to sign, not to sign a copy each."""
    officer, signatory = deal.company.attesting_officer, deal.company.signatory
    if officer is None or not roles:
        return None
    attester = f"{officer.name}" + (f" ({officer.title})" if officer.title else "")
    if COMPANY in roles:  # a partner's read: the maker's cover and the attesting officer's both returned the notes
        each = "The note is" if deal.single_purchaser else "Each note is"
        return (f"{each} a single original: sign its page here, then give it to {attester}, who attests your "
                "signature on that same signed page (or both sign in one electronic signature envelope). Do not sign a "
                "second copy of any note.")
    notes, pages = (("the note", "the page here shows") if deal.single_purchaser else ("each note", "the pages here show"))
    return (f"You attest the signature of {signatory.name} ({signatory.title}) for {deal.company.name} on {notes}, "
            f"which is a single original. Sign the attestation on the page {signatory.name} has signed (or in the same "
            f"electronic signature envelope), not on a copy of your own: {pages} where.")


def _one_page(owed: str) -> str:
    """What else a signer owes, said on a cover of one page: "Besides this page" (a reviewer's read)."""
    return "Besides this page, " + owed[len(BESIDES):] if owed.startswith(BESIDES) else owed


def _dated_later(deal: Deal, documents: Iterable[str]) -> str | None:
    """What a closing cover says of an agreement among its pages dated after the date its pages are due by (the
    security agreement, dated the closing): signed now, dated then (a partner's read: its page was due "by March 2,
    2026, the date of the Escrow Agreement and the Note Purchase Agreement", the agreement dated March 4)."""
    first = deal.first_date
    closing = deal.notes.closing.date if deal.notes else None
    later = [(kind.title, day) for kind in KINDS if kind.name in documents and not kind.per_purchaser
             and (day := kind.dated(deal)) is not None and first is not None and day > first]
    if not later:
        return None
    said = [f"the {title}, dated {long_date(day)}{', the expected closing date' if day == closing else ''}"
            for title, day in later]
    text = said[0] if len(said) == 1 else ", ".join(said[:-1]) + ", and " + said[-1]  # each holds a comma of its own
    others = ", with the other pages," if len(later) < len(set(documents)) else ""  # a reviewer's: the only page
    # a partner's read: "takes effect on its date", where the security interest attaches only at the closing, on the
    # release of the escrowed funds (its Section 8.4), whenever that is
    effect = ("at the closing, on the release of the escrowed funds" if deal.escrow is not None else "at the closing")
    if "Security Agreement" in [title for title, _ in later]:  # a third partner's read: it binds as signed (its
        # designation of who signs the control agreements too); only its security interest waits for the closing
        bound = "it binds" if len(later) == 1 else "the Security Agreement binds"  # (a code review: among others too)
        return (f"{text[:1].upper()}{text[1:]}, {'is' if len(said) == 1 else 'are'} signed now{others.rstrip(',')}: {bound} "
                f"when signed, and its security interest attaches {effect}.")
    return (f"{text[:1].upper()}{text[1:]}, {'is' if len(said) == 1 else 'are'} signed now{others} and "
            f"{'takes' if len(said) == 1 else 'take'} effect {effect}.")


def _maker_lead(deal: Deal, signers_: list[Signer], pages: str, each: str, by: str, others: list[str], notes: int) -> str:
    """The first words of the cover of the notes' maker when an officer attests them: it signs every page, returns
    the others (`others`), and the attesting officer returns the notes once attested, to whoever delivers them, the
    same person unless the term sheet sends the other pages elsewhere (`_split`). A partner's read: the maker's
    cover and the attesting officer's both told them to return the notes."""
    officer = deal.company.attesting_officer
    assert officer is not None
    split = _split(deal, len(others))
    to = _return_to(deal, signers_, False, originals=not split)
    returned = ("" if not others else f" and return {_the_other(others, notes)}{to}" + ("," if "," in to and by else ""))
    keeper = _to_keeper(deal) if split or not others else " there"
    return _MAKER_NOTE.format(pages=pages, each=each, returned=returned, by=by, officer=officer.name,
                              notes="note" if notes == 1 else "notes", to=keeper + ("," if "," in keeper else ""),
                              copies=_copies_to_agent(deal, signers_, split, named=True),
                              more=_notes_held(deal, originals_said=True))


def _the_other(documents: list[str], notes: int) -> str:
    """"the 3 pages other than the notes (Escrow Agreement, Note Purchase Agreement and Security Agreement)": a
    maker's pages that are not its notes, named (a partner's read: "return the other 3 pages" left the signer to
    work out which; and again: "the other" before the cover had said other than which)."""
    if len(documents) == 1:  # a partner's read: "return the page other than the notes (Note Purchase Agreement)"
        return f"the {documents[0]} page"
    than = "other than the note" if notes == 1 else "other than the notes"
    return f"the {len(documents)} pages {than} ({join_and(list(dict.fromkeys(documents)))})"


def _signing_together(person: str, signers_: list[Signer], holders: dict[Party, list[str]],
                      rows: list[_Row]) -> str | None:
    """What the cover says to one of several people who sign for one purchaser (trustees, joint holders): each signs
    on their own line of the same page or pages (as many as this packet holds for that purchaser), each in a
    separate packet, and the signed copies are put together as counterparts. Trustees sign for the trust, named;
    joint holders are the purchaser themselves. A partner's read: "Ruth A. Calloway signs the same pages" of a
    packet of one page, and "Samuel K. Whitaker signs the same pages for Samuel K. Whitaker and Laura J. Whitaker"."""
    for signer in signers_:
        if not signer.as_holder:
            continue
        others = [other for other in holders.get(signer.party, []) if other != person]
        if others:
            one, pages = len(others) == 1, sum(row.party == signer.party for row in rows)
            trust = signer.signs_for
            whom = f" for {'the ' + trust[4:] if trust.startswith('The ') else trust}" if trust else ""  # mid-sentence
            return (f"Sign only on the line above your own name. {join_and(others)}, the other {signer.as_holder}"
                    f"{'' if one else 's'}, {'signs' if one else 'sign'} the same page{'' if pages == 1 else 's'}"
                    f"{whom + ',' if whom or not one else ''} {'in' if one else 'each in'} a separate packet; the signed "
                    f"{'copies' if pages == 1 else 'pages'} are put together as counterparts.")
    return None


_KEPT_TOGETHER = re.compile(r"(?<=\bSections) [\d.()a-z]+,? (?:and|or) (?=\d)|(?<=\bSection) (?=\d)"
                            r"|(?<=\bSections) (?=\d)|(?<=\d,) (?=\d{4}\b)|(?<=\(\d{3}\)) (?=\d{3}-\d{4}\b)"
                            r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
                            r"|December) (?=\d)")
"""The spaces a line must not break at, in a cover's text: "Section 1.7", "Sections 1.2 and 1.4", "March 2, 2026",
"(212) 555-0144"
(a partner's read: "Section" at a line's end, "1.7)." alone on the next): no-break spaces (`_kept_together`)."""


def _kept_together(text: str) -> str:
    return _KEPT_TOGETHER.sub(lambda match: match.group().replace(" ", "\u00a0"), text)


_TABLE_SIZE = 10  # points: the cover's table of pages, smaller than its text, so that a long cover keeps one page
_TEXT_SIZE = 11  # points: the cover's paragraphs, whatever the document's face (the signing officer's cover, with
# whom each of its papers goes to, ran onto a second page on a firm's A4 with 1.5" margins)


def _bookmark(number: int) -> str:
    return f"_DealdocsSignaturePage{number}"


_CLOSING_NOTE = ("This packet holds the {pages} listed below. Please sign {each} where indicated{but} and return "
                 "{all}{to}{by}.{more}")
_MAKER_NOTE = ("This packet holds the {pages} listed below. Please sign {each} where indicated{returned}{by}; "
               "{officer} returns the {notes}{to} once attested{copies}.{more}")
_KEEPER_NOTE = ("This packet holds the {pages} listed below. Please sign {each} where indicated{by}, and keep {all} "
                "with the other parties' signature pages, which you receive as company counsel and as the Escrow Agent "
                "(Escrow Agreement, Section 1.2).")
_ATTESTING_NOTE = ("This packet shows the {pages} listed below. Please sign {each} attestation{by} and return the "
                   "attested {notes}{to}.{more}")
_UNCHANGED = " Please do not date or change any page."  # each closing cover's first paragraph ends so
_RELEASE_LATER = (
    "The Release Notice, which authorizes the Escrow Agent to release the escrowed funds, is not in this packet: it "
    "will be sent to you to sign only once the Escrow Agent confirms that it holds {holds} (Escrow Agreement, "
    "Sections 1.2 and 1.4). Do not sign a release notice before then."
)
_RELEASE_NOW = (
    "For signature at the release of escrow only. Do not sign until the Escrow Agent has confirmed that it holds "
    "{holds} (Escrow Agreement, Sections 1.2 and 1.4). Your signature "
    "authorizes the release of the escrowed funds as described in the Escrow Agreement.{states} {dated} Sign "
    "{each_page} listed below where indicated and return {all}{to}.{deadline}"
)
_RELEASE_STATES = {  # what else the notice has its signer state (a partner's read: the cover said only "authorizes")
    COMPANY: (" It also states that each condition to the Company's obligation to sell has been satisfied or waived "
              "(other than those met at the closing itself), that the Company's representations in the Purchase "
              "Agreement{secured} remain true in all material respects (in all respects, where already qualified by "
              "materiality) on the day it signs and that it has performed "
              "in all material respects its "
              "agreements due before the closing: if either "
              "ceases to be so before the release, notify the Escrow Agent in writing at once."),
    PURCHASERS: (" It also states that each condition to {whose} obligation to purchase has been satisfied or waived "
                 "(other than those met at the closing itself): before you sign, check that the Company has delivered "
                 "the certificates and other documents the Purchase Agreement requires before the closing{security}."),
}


def _security(deal: Deal, signers_: list[Signer]) -> str:
    """What of the security package a purchaser (signing for `signers_`) checks before it signs the release notice,
    with an escrow under the note purchase agreement (a partner's read: the release covers named none of it, though
    the notice states each condition met); the control agreement's signer is "you" on its own cover."""
    notes = deal.notes
    if notes is None or not notes.secured or not deal.escrows_the_notes:
        return ""
    signs = control_signer(deal)
    own = {signer.party.name for signer in signers_ if signer.role == PURCHASERS}
    signer = (("you for " + signs.purchaser.name if signs.purchaser.is_entity else "you")  # a fund's signer signs for
              if signs.purchaser is not None and signs.purchaser.legal_name in own  # it (a partner's read: "and you")
              else signs.name or "the Purchasers")
    control = (f"the control agreement of the account the net proceeds are released into, signed by the Company, the bank "
               f"and {signer} "
               "(Purchase Agreement, Section 3.5(c)(vi)), " if notes.control_agreement_days else "")
    return (f", including {control}the lien search reports (Purchase Agreement, Section 3.5(d)) and evidence of the UCC-1 "
            "filing (Purchase Agreement, Section 3.5(e))")


_OUTSIDE_DATE = (" The Escrow Agent must receive the Release Notice, signed by {everyone}, on or before "
                 "{date}, the Outside Date: unless every party extends it in writing, a Release Notice received after "
                 "the Outside Date has no effect, and the escrowed funds are returned to {purchasers} (Escrow "
                 "Agreement, Section 1.7).")


def _return_to(deal: Deal, signers_: list[Signer], at_release: bool, originals: bool = False) -> str:
    """Whom the cover asks for the signed pages: the notes (`originals`: the packet holds a note, a single original)
    to whoever delivers them (`_to_keeper`); the other pages to the term sheet's `signature_pages_to`; else, with an
    escrow, to the escrow agent, who receives every party's signature pages (and the release notice) under the escrow
    agreement, unless these are the agent's own: those go to company counsel; without an escrow, to company counsel
    where the term sheet names it, else to "company counsel", unnamed (check warns, DD147); the escrow agent's own
    pages, where it is company counsel, to no one: "" (`_KEEPER_NOTE` has it keep them). The maker's other pages go
    with its notes unless the term sheet names someone else for them (`_split`). A partner's read: the covers named
    the escrow agent with no person or address to send to, and the agent's own packet named no one; a reviewer's:
    without an escrow the maker's and the attesting officer's covers sent the notes to no one ("and return the
    attested note."), then said company counsel delivers them; a partner's, of the 2005 note deal: the purchaser's
    cover said "return all of them by May 18, 2005", to no one at all."""
    if originals:
        return _to_keeper(deal)
    if deal.signature_pages_to:  # company counsel's person named as company counsel (a partner's read: two ways)
        return f" to {counsel_reached(deal)}" if pages_to_keeper(deal) else f" to {deal.signature_pages_to}"
    if pages_to_counsel(deal):  # no escrow agent to receive them
        return _to_keeper(deal)
    if any(signer.role == ESCROW_AGENT for signer in signers_):
        return "" if counsel_is_escrow_agent(deal) else _to_keeper(deal)
    if at_release:
        return f" to {escrow_agent_reached(deal, '1.4')}"
    if not deal.escrows_the_notes:
        return f" to {escrow_agent_reached(deal, '1.2')}"
    # the Company's and the Purchasers' duty to deliver their pages to the agent is the purchase agreement's (a partner's
    # read, session 58: Escrow 1.2 only has the agent advise once it holds them); a collateral agent, no party to it,
    # is given no section (a code review)
    bound = any(signer.role in (COMPANY, PURCHASERS) for signer in signers_)
    return f" to {escrow_agent_reached(deal, '3.4' if bound else None, 'Note Purchase Agreement')}"


def _to_keeper(deal: Deal) -> str:
    """" to company counsel, Lowell & Park LLP": whom the notes' maker and attesting officer return the signed notes
    to, who holds them and delivers them to their holders for the company, as the closing checklist has it
    (`closing.notes_delivery.counsel_reached`). A partner's read of the convertible example: the covers sent the notes
    to the person `signature_pages_to` names, while the checklist had company counsel deliver them; then, that they
    sent them to "company counsel", naming no one, where nothing in the term sheet could name it."""
    return f" to {counsel_reached(deal)}"


def _split(deal: Deal, others: int) -> bool:
    """Whether a packet holding notes and `others` other pages sends those elsewhere: to the term sheet's
    `signature_pages_to`, where it names someone other than the notes' keeper."""
    return bool(others and deal.signature_pages_to and not pages_to_keeper(deal))


def _copies_to_agent(deal: Deal, signers_: list[Signer], split: bool = False, named: bool = False) -> str:
    """What a packet holding a note (returned to company counsel: `_return_to`) says of copies: company counsel sends
    a copy of each signed page to the escrow agent, which must hold copies of every party's signature pages before it
    advises the parties (Escrow Agreement, Section 1.2), as the note purchase agreement has the Company deliver them
    (its Section 3.4, cited where it is the agreement the escrow is for); of each note only, where the other pages go to the person
    the term sheet names (`split`). "" without an escrow, where that person has every page, or where the agent is
    company counsel (it has the pages themselves). `named`: the keeper named, not "it" (after another's name)."""
    if (deal.escrow is None or (deal.signature_pages_to and not split)
            or counsel_is_escrow_agent(deal) or any(signer.role == ESCROW_AGENT for signer in signers_)):
        return ""
    duty = "Note Purchase Agreement, Section 3.4" if deal.escrows_the_notes else "Escrow Agreement, Section 1.2"
    agent = f"the {deal.escrow.agent.short_name} ({duty})"  # the agreement that has it sent (a partner's read, s62)
    if split:
        return f"; {notes_keeper(deal).role} sends a copy of each note to {agent}"
    if named:  # after the notes' officer: "each" would be read as each note
        return f"; {notes_keeper(deal).role} sends a copy of each signed page to {agent}"
    return f"; it sends a copy of each to {agent}"


def _notes_held(deal: Deal, *, originals_said: bool = False) -> str:
    """What the cover of a packet holding a note, its maker's or its attesting officer's, says of the notes: single
    originals, dated the closing date; signed now and held by company counsel until the closing when that is later
    than the signing; delivered to their holders by company counsel, as the closing checklist has it (a partner's
    read: the maker's cover had it keep the notes, the checklist had company counsel deliver them). "" without notes.
    `originals_said`: the cover says elsewhere that each note is a single original (`_attestation`)."""
    notes = deal.notes
    if notes is None:
        return ""
    one = deal.single_purchaser
    what = ("The note" if one else "The notes") + ("" if originals_said else ", a single original" if one
                                                   else ", each a single original")
    on_closing = notes.issue_date == notes.closing.date
    signed, keeper = deal.first_date, notes_keeper(deal).role
    later = signed is not None and notes.closing.date > signed  # else the closing is at the signing, no longer expected
    # (a partner's read: "the expected closing date" where the agreement closes as it is signed)
    dated = f"dated {long_date(notes.issue_date)}" + ((", the expected closing date" if later else ", the closing date")
                                                       if on_closing else "")
    holders, are = ("its holder", "is") if one else ("their holders", "are")
    if later:
        closing = "the closing" + ("" if on_closing else f" on {long_date(notes.closing.date)}")
        return f" {what}, {dated}, {are} signed now and held by {keeper} until {closing}."
    return f" {what}, {dated}, {are} delivered to {holders} at the closing by {keeper}."


def _outside_date(deal: Deal) -> str:
    """What a release packet's cover says of the escrow's outside date: the Escrow Agent must have the signed
    Release Notice by then, or it has no effect and the funds go back (the escrow agreement's Section 1.7, which it
    has only with an outside date); "" without one. A partner's read: the covers said when to sign, not by when."""
    outside = deal.escrow.outside_date if deal.escrow else None
    if outside is None:
        return ""
    return _OUTSIDE_DATE.format(date=long_date(outside), everyone=_everyone(deal),
                                purchasers="the Purchaser" if deal.single_purchaser else "the Purchasers")


def _everyone(deal: Deal) -> str:
    """Who signs the release notice (a partner's read: "signed by everyone who signs it" said nothing)."""
    return "the Company and the Purchaser" if deal.single_purchaser else "the Company and every Purchaser"


def _return_by(deal: Deal) -> str:
    """By when the cover asks for the closing pages: the date of the agreements dated first, named (`first_dated`),
    which the purchasers sign then (the closing calendar counts from it: Form D, blue sky filings), not the later
    closing; "" without one."""
    signed = deal.first_date
    return f" by {long_date(signed)}, the date of {first_dated(deal)}" if signed else ""


VERSION = re.compile(r"(?<![0-9A-Za-z])([0-9a-f]{8})(?![0-9A-Za-z])")
"""A document's version as a packet's cover gives it beside its pages, in the Version column: the first 8 hexadecimal
digits of the digest of the document as built, the same in every packet that holds a page of it. The closing ledger
records it with a signature (DD515); the binder compares those on the cover of a packet a signer returns with those
of the packet as built now (`cover_versions`: a page signed on another version is said so, DD525). A partner's read:
a stamp of each packet's documents together, under the table, differed from packet to packet of one deal; it is gone,
and the cover says what the column is."""
_VERSION_NOTE = ("Version: a code for the text of each document, the same in every signer's packet; another code "
                 "for it on a cover means another draft.")  # a partner's read: a page itself shows no code


def cover_versions(cover: str) -> frozenset[str]:
    """The documents' versions a packet's cover lists (its text as read from the packet, Word or PDF): those in its
    table, from the heading "Signing as" on; none from a text without the table."""
    at = cover.rfind("Signing as")
    return frozenset(VERSION.findall(cover[at:])) if at >= 0 else frozenset()


def _cover(document: DocumentObject, deal: Deal, person: str, signers_: list[Signer], rows: list[_Row],
           at_release: bool, *, signs_at_release: bool, attested: str | None = None, together: str | None = None,
           originals: bool = False, others: list[str] | None = None, owed: list[str] | None = None,
           later: str | None = None) -> None:
    """The first page: who signs, for whom, when, and the pages to sign with their page numbers in the packet
    (`others`: the document of each that is not a note's, in a packet holding a note; `owed`: what else a purchaser
    signing here delivers, said on its closing packet)."""
    others = others or []
    title_style = style_with_id(document, "Title")
    heading = "Release Notice Signature Packet" if at_release else "Signature Packet"
    title = add_paragraph(document, heading, align=WD_ALIGN_PARAGRAPH.CENTER, bold=title_style is None,
                          style=title_style)
    title.paragraph_format.space_after = Pt(6)
    add_paragraph(document, deal.title, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(12))
    paragraph = add_paragraph(document, "Signatory: ", bold=True, space_after=Pt(6))
    paragraph.add_run(person)
    for signer in signers_:
        paragraph = add_paragraph(document, "Signing for: ", bold=True, space_after=Pt(6))
        paragraph.add_run(signer.signing_for)
    one = len(rows) == 1
    pages, each, each_page, all_ = (("page", "it", "the page", "it") if one
                                    else (f"{len(rows)} pages", "each", "each page", "all of them"))
    if at_release:
        release = deal.escrow.release_date if deal.escrow else None
        own_line = any(signer.role == COMPANY for signer in signers_)  # its bring-down's day (a partner's read)
        date_line = "date the page only on its line \u201cDate signed by the Company\u201d"
        if release:
            dated = f"The notice is dated as of {long_date(release)}" + (f"; {date_line}." if own_line else ".")
        else:
            dated = (f"{date_line[0].upper()}{date_line[1:]}" if own_line else "Do not date this page") + (
                f": the notice is dated as of the day the Escrow Agent receives it signed by {_everyone(deal)}.")
        secured = " and the Security Agreement" if deal.notes and deal.notes.secured else ""  # as the notice says
        security = _security(deal, signers_)
        states = "".join(dict.fromkeys(_RELEASE_STATES.get(signer.role, "").format(
            secured=secured, security=security,  # a fund's obligation, not its signer's (a partner's read)
            whose="your" if signer.individual or signer.as_holder else f"{signer.party.name}\u2019s") for signer in signers_))
        notes = [_RELEASE_NOW.format(dated=dated, each_page=each_page, all=all_, to=_return_to(deal, signers_, True),
                                     holds=escrow_holds(deal), states=states,
                                     deadline=_outside_date(deal)),
                 *([together] if together else [])]
    else:
        attests = attested is not None and any(signer.role == ATTESTING_OFFICER for signer in signers_)
        by = _return_by(deal)
        if attests and all(signer.role == ATTESTING_OFFICER for signer in signers_):  # on the maker's originals
            to = _return_to(deal, signers_, False, originals=True)
            lead = _ATTESTING_NOTE.format(pages=pages, each="the" if one else "each", notes="note" if one else "notes",
                                          by=by + ("," if by else ""), to=to,
                                          more=_notes_held(deal, originals_said=True))
        elif originals and attested is not None and not attests:  # the maker's: its notes go on to be attested
            lead = _maker_lead(deal, signers_, pages, each, by, others, notes=len(rows) - len(others))
        else:  # those they attest, if any, are signed on the originals too; the others here
            but = ", except those listed as attesting officer (see below)," if attests else ""
            to, split = _return_to(deal, signers_, False, originals), originals and _split(deal, len(others))
            if split:  # the notes to whoever delivers them, the agreements' pages to whom the term sheet names
                notes_ = "the note" if len(rows) - len(others) == 1 else "the notes"
                all_ = (f"{notes_}{to}{',' if ',' in to else ''} and "
                        + _the_other(others, len(rows) - len(others)))
                to = _return_to(deal, signers_, False)
            copies = _copies_to_agent(deal, signers_, split) if originals else ""
            more = _notes_held(deal, originals_said=attested is not None) if originals else ""
            if to:
                lead = _CLOSING_NOTE.format(pages=pages, each=each, all=all_, but=but, to=to,
                                            by=("," if "," in to and by else "") + by + copies, more=more)  # "to X, Y LLP, by"
            else:  # the escrow agent's own pages, where it is company counsel (`_return_to`)
                lead = _KEEPER_NOTE.format(pages=pages, each=each, all=all_, by=by)
        lead += (f" {later}" if later else "") + _UNCHANGED
        notes = [lead, *([attested] if attested else []), *([together] if together else []),
                 *(_one_page(owe) if one else owe for owe in owed or []),
                 *([_RELEASE_LATER.format(holds=escrow_holds(deal))] if signs_at_release else [])]
    for number, note in enumerate(notes, start=1):  # the last one spaced from the table (no empty paragraph: a
        # long cover, an officer's with what else the checklist asks of it, spilled its last line onto a page alone)
        paragraph = add_paragraph(document, _kept_together(note), space_before=Pt(6),
                                  space_after=Pt(12 if number == len(notes) else 0))
        paragraph.runs[0].font.size = Pt(_TEXT_SIZE)
    table_rows = [[f"{number}.", row.document, row.signing_as, row.version, ""] for number, row in enumerate(rows, start=1)]
    table = add_table(document, ["No.", "Document", "Signing as", "Version", "Page"], table_rows,
                      [0.5, 3.0, 1.3, 1.0, 0.7], aligns=["left", "left", "left", "left", "center"], size=_TABLE_SIZE)
    for number, cell in enumerate(column_cells(table, 4)[1:], start=1):
        add_field(cell, f"PAGEREF {_bookmark(number)} \\h", str(number + 1), size=_TABLE_SIZE)
    for paragraph in table.iter(qn("w:p")) if len(rows) > 1 else ():  # the last row goes with the note under it: a
        # cover that runs over (a firm's wide face) never leaves the note alone on a page
        if paragraph.getparent().getparent() is table[-1]:
            Paragraph(paragraph, None).paragraph_format.keep_with_next = True
    note = add_paragraph(document, _VERSION_NOTE, space_before=Pt(4), space_after=Pt(0))
    note.runs[0].font.size = Pt(_TEXT_SIZE - 1)  # a footnote to the table: smaller than the cover (a partner's read:
    # it printed larger than the body)


def _page_section(base: Any, section: Any) -> Any:
    """The w:sectPr of a packet's section laid out as the document's section `section` is (None: as the packet
    is), all else the packet's (`base`, its own): it starts a new page, and numbers its pages on from the last."""
    copy = with_page_setup(base, base if section is None else section)
    for kind in copy.findall(qn("w:type")):
        copy.remove(kind)
    for numbering in copy.findall(qn("w:pgNumType")):
        numbering.attrib.pop(qn("w:start"), None)
    return copy


def _start_page(first: Any, number: int, *, new_page: bool) -> None:
    """The copied page's first paragraph carries the bookmark the cover points at, and starts a new page
    (`new_page`; else the section it starts does: a page break before it as well could leave a blank page)."""
    if new_page:
        Paragraph(first, None).paragraph_format.page_break_before = True
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), _bookmark(number))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = first.find(qn("w:pPr"))
    position = 1 if properties is not None else 0
    first.insert(position, start)
    first.append(end)


_DROPPED = tuple(
    qn(f"w:{name}")
    for name in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart",
                 "permEnd")
)
_DROPPED_RUNS = etree.XPath(
    ".//w:r[w:commentReference or w:footnoteReference or w:endnoteReference]", namespaces=NS
)


def _copy(element: Any, source: _Source, document: DocumentObject, *, same: bool) -> Any:
    """A copy of a page's element fit for the packet: no sections, bookmarks or notes of its own."""
    copy = deepcopy(element)
    for unwanted in [*copy.iter(*_DROPPED), *_DROPPED_RUNS(copy)]:
        unwanted.getparent().remove(unwanted)
    for section in copy.iter(qn("w:sectPr")):
        section.getparent().remove(section)
    for paragraph in top_paragraphs(copy):
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
