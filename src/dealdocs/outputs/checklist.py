"""The closing checklist: every document of the closing set, and where the money goes.

`closing_checklist(deal, documents)` returns ``closing-checklist.docx`` (a
landscape Word table in the templates' own styles) and ``closing-checklist.md``
(the same in Markdown, for a ticket or an e-mail), both from the same rows:

* Documents: each document of the set with the date it bears (a document
  signed at the release of escrow is said to be dated then), its parties, who
  signs it (the same list the signature packets are made from, attesting
  officers included), the exhibits and schedules it carries (read from the
  rendered document itself), and empty status columns Drafted / Circulated /
  Signed / Released for the paralegal to fill in.
* Signers: one row per person who signs anything, with whom they sign for,
  their signature packet (and their release packet, signed only after the
  escrow agent's confirmation), the pages in each, and empty Sent / Returned
  columns.
* Funds flow: the subscriptions received (each purchaser, and the total), each
  disbursement at release (payee, role, amount, and the total), and the net to
  the company. Every figure is one of the model's derived values
  (`Deal.aggregate_subscription`, `Escrow.total_disbursements`,
  `Deal.net_proceeds`) written with `words.amount_figures`, and the totals are
  checked to add up before anything is written. A deal without an escrow has
  no disbursements: the company nets the subscriptions.

Bytes are deterministic: properties from the deal, a normalized zip, and the
Markdown built from the same rows in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Inches, Pt

from dealdocs.closing.funds import FundsFlow, funds_flow
from dealdocs.closing.kinds import ATTESTING_OFFICER, COMPANY, ESCROW_AGENT, PURCHASERS, DocumentSpec, documents_for
from dealdocs.closing.parties import Signer, signers, signers_of
from dealdocs.closing.results import RenderedDocument
from dealdocs.ooxml.compose import add_footer, add_paragraph, add_table, blank_document, style_with_id
from dealdocs.outputs.document import finish
from dealdocs.outputs.packets import PACKET_FOLDER, RELEASE_FOLDER, packet_pages
from dealdocs.termsheet.model import Deal
from dealdocs.words import amount_figures, long_date

__all__ = ["PACKET_COLUMNS", "STATUS_COLUMNS", "ChecklistRow", "SignerRow", "closing_checklist", "checklist_rows",
           "signer_rows"]

DOCX = "closing-checklist.docx"
MARKDOWN = "closing-checklist.md"
STATUS_COLUMNS = ("Drafted", "Circulated", "Signed", "Released")
PACKET_COLUMNS = ("Sent", "Returned")


@dataclass(frozen=True)
class ChecklistRow:
    document: str
    date: str
    parties: str
    signed_by: str
    exhibits: str


def checklist_rows(deal: Deal, documents: list[RenderedDocument]) -> list[ChecklistRow]:
    """One row per document of the set, in the order of the closing binder."""
    return [
        ChecklistRow(
            d.spec.display_name(deal),
            _date(deal, d.spec),
            "; ".join(d.spec.parties(deal)),
            _signed_by(deal, d.spec),
            "; ".join(d.attachments) or "None",
        )
        for d in documents
    ]


def _date(deal: Deal, spec: DocumentSpec) -> str:
    when = spec.dated(deal)
    if spec.kind.signed_at_release:
        if spec.kind.left_undated(deal) or when is None:
            return "Dated when signed, at release"
        return f"{long_date(when)} (signed at release)"
    return long_date(when) if when else "Undated"


def _signed_by(deal: Deal, spec: DocumentSpec) -> str:
    """'Company (Priya Raman; attested by Daniel Osei)', 'Company (Priya Raman); Escrow Agent (...); each Purchaser'."""
    parts: list[str] = []
    for role in spec.kind.signers:
        people = [signer.person for signer in signers(deal, spec) if signer.role == role]
        if not people:
            continue
        if role == ATTESTING_OFFICER and parts and parts[-1].startswith("Company ("):
            parts[-1] = parts[-1][:-1] + f"; attested by {', '.join(people)})"
        elif role == PURCHASERS:
            parts.append("each Purchaser" if not deal.single_purchaser else f"Purchaser ({', '.join(people)})")
        elif role == ESCROW_AGENT:
            named = [s.name for s in signers(deal, spec) if s.role == role and s.name]
            parts.append(f"Escrow Agent ({', '.join(named)})" if named else "Escrow Agent")
        else:
            parts.append(f"{'Company' if role == COMPANY else 'Attested'} ({', '.join(people)})")
    return "; ".join(parts) or "No one"


@dataclass(frozen=True)
class SignerRow:
    signer: str
    signing_for: str
    packets: str


def signer_rows(deal: Deal, documents: list[RenderedDocument]) -> list[SignerRow]:
    """One row per person who signs: for whom, and their packets with the pages in each."""
    contents = packet_pages(deal, documents)
    rows = []
    for slug, group in signers_of(deal):
        packets = []
        for at_release, folder in ((False, PACKET_FOLDER), (True, RELEASE_FOLDER)):
            pages = contents.get((at_release, slug))
            if pages:
                count = "1 page" if len(pages) == 1 else f"{len(pages)} pages"
                when = ", at release" if at_release else ""
                packets.append(f"{folder}/{slug}.docx ({count}{when})")
        for_whom = "; ".join(dict.fromkeys(signer.signing_for for signer in group))
        rows.append(SignerRow(group[0].person, for_whom, "; ".join(packets) or "None"))
    return rows


def closing_checklist(deal: Deal, documents: list[RenderedDocument]) -> dict[str, bytes]:
    """`closing-checklist.docx` and `closing-checklist.md` (see the module's docstring)."""
    rows = checklist_rows(deal, documents)
    people = signer_rows(deal, documents)
    flow = funds_flow(deal)
    return {
        DOCX: _docx(deal, rows, people, flow, documents[0].data if documents else None),
        MARKDOWN: _markdown(deal, rows, people, flow).encode("utf-8"),
    }


# ---------------------------------------------------------------- the tables, once for both formats

_DOCUMENT_HEADINGS = ("No.", "Document", "Date", "Parties", "Signed by", "Exhibits", *STATUS_COLUMNS)


def _notes(deal: Deal) -> list[str]:
    """What the documents table cannot say in a cell: when a document signed at release is signed."""
    at_release = [spec.title for spec in documents_for(deal) if spec.kind.signed_at_release]
    return [
        f"The {title} is signed, and dated, only after the Escrow Agent confirms that it holds every Purchaser's "
        "subscription amount and all signature pages (Escrow Agreement, Section 1.4): it is not in the closing "
        f"packets; its signers' packets are in {RELEASE_FOLDER}/. Escrow Agent's confirmation received: ____________"
        for title in at_release
    ]


def _document_cells(rows: list[ChecklistRow]) -> list[list[str]]:
    return [[f"{n}.", r.document, r.date, r.parties, r.signed_by, r.exhibits, *[""] * len(STATUS_COLUMNS)]
            for n, r in enumerate(rows, start=1)]


_SIGNER_HEADINGS = ("No.", "Signer", "Signing for", "Signature packets", *PACKET_COLUMNS)


def _signer_cells(rows: list[SignerRow]) -> list[list[str]]:
    return [[f"{n}.", r.signer, r.signing_for, r.packets, *[""] * len(PACKET_COLUMNS)]
            for n, r in enumerate(rows, start=1)]


def _flow_tables(flow: FundsFlow) -> list[tuple[str, list[str], list[list[str]], str | None]]:
    """(heading, column headings, rows, note) for each table of the funds flow; the last column is the amount."""
    tables = [(
        "Subscriptions received",
        ["Purchaser", "Amount"],
        [[name, amount_figures(amount)] for name, amount in flow.subscriptions]
        + [["Total subscriptions", amount_figures(flow.total_subscriptions)]],
        None,
    )]
    if flow.disbursements is not None:
        tables.append((
            "Disbursements at release",
            ["Payee", "Role", "Amount"],
            [[payee, role, amount_figures(amount)] for payee, role, amount in flow.disbursements]
            + [["Total disbursements", "", amount_figures(flow.total_disbursements)]],
            None if flow.disbursements else "No disbursements: the escrow releases the subscriptions in full.",
        ))
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            ["Less total disbursements", amount_figures(flow.total_disbursements)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        note = None
    else:
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        note = "The deal has no escrow: nothing is disbursed out of the subscriptions."
    tables.append(("Net to the company", ["", "Amount"], net_rows, note))
    return tables


# ---------------------------------------------------------------- Word

_LANDSCAPE_WIDTHS = [0.45, 1.35, 0.9, 1.75, 1.15, 1.0, 0.75, 0.9, 0.75, 0.9]  # inches, scaled to the page
_SIGNER_WIDTHS = [0.45, 1.5, 3.0, 2.8, 0.8, 0.95]
_MARGIN = Inches(0.75)


def _docx(deal: Deal, rows: list[ChecklistRow], people: list[SignerRow], flow: FundsFlow, base: bytes | None) -> bytes:
    document = blank_document(base)
    section = document.sections[0]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = _MARGIN
    title = f"Closing Checklist \u2013 {deal.title}"
    add_footer(document, title)
    title_style = style_with_id(document, "Title")
    add_paragraph(document, "Closing Checklist", align=WD_ALIGN_PARAGRAPH.CENTER, bold=title_style is None,
                  style=title_style, space_after=Pt(4))
    add_paragraph(document, deal.title, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(12))
    _heading(document, "Documents")
    widths = _scaled(_LANDSCAPE_WIDTHS, section)
    add_table(document, _DOCUMENT_HEADINGS, _document_cells(rows), widths, size=9)
    for note in _notes(deal):
        add_paragraph(document, note, space_before=Pt(4))
    _heading(document, "Signers and signature packets")
    add_table(document, _SIGNER_HEADINGS, _signer_cells(people), _scaled(_SIGNER_WIDTHS, section), size=9)
    _heading(document, "Funds flow")
    for heading, columns, table_rows, note in _flow_tables(flow):
        caption = add_paragraph(document, heading, bold=True, space_before=Pt(6), space_after=Pt(4))
        caption.paragraph_format.keep_with_next = True
        widths = [4.5, 1.6][: len(columns) - 1] + [1.6]
        aligns = ["left"] * (len(columns) - 1) + ["right"]
        add_table(document, columns, table_rows, widths, aligns=aligns, bold_last=True, keep_together=True)
        if note:
            add_paragraph(document, note, space_before=Pt(4))
    return finish(document, deal, title)


def _heading(document: DocumentObject, text: str) -> None:
    style = style_with_id(document, "Heading1")
    paragraph = add_paragraph(document, text, bold=style is None, style=style, align=WD_ALIGN_PARAGRAPH.LEFT,
                              space_before=Pt(12), space_after=Pt(6))
    paragraph.paragraph_format.keep_with_next = True


def _scaled(widths: list[float], section: Section) -> list[float]:
    """`widths` (inches) scaled to the text width of `section`."""
    available = (section.page_width - section.left_margin - section.right_margin) / 914400  # EMU per inch
    total = sum(widths)
    return [w * available / total for w in widths]


# ---------------------------------------------------------------- Markdown


def _cell(text: str) -> str:
    for special in ("\\", "|", "*", "_", "`"):
        text = text.replace(special, f"\\{special}")
    return " ".join(text.split())


def _table(columns: list[str], rows: list[list[str]], *, numeric_last: bool = False) -> list[str]:
    rule = ["---"] * len(columns)
    if numeric_last:
        rule[-1] = "---:"
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _markdown(deal: Deal, rows: list[ChecklistRow], people: list[SignerRow], flow: FundsFlow) -> str:
    lines = [f"# Closing Checklist \u2013 {_cell(deal.title)}", "", "## Documents", ""]
    lines += _table(list(_DOCUMENT_HEADINGS), _document_cells(rows))
    for note in _notes(deal):
        lines += ["", _cell(note)]
    lines += ["", "## Signers and signature packets", ""]
    lines += _table(list(_SIGNER_HEADINGS), _signer_cells(people))
    lines += ["", "## Funds flow"]
    for heading, columns, table_rows, note in _flow_tables(flow):
        lines += ["", f"### {heading}", ""]
        lines += _table(columns, table_rows, numeric_last=True)
        if note:
            lines += ["", _cell(note)]
    return "\n".join(lines) + "\n"
