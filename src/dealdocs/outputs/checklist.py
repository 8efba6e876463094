"""The closing checklist: every document of the closing set, and where the money goes.

`closing_checklist(deal, documents)` returns ``closing-checklist.docx`` (a
landscape Word table in the templates' own styles) and ``closing-checklist.md``
(the same in Markdown, for a ticket or an e-mail), both from the same rows:

* Documents: each document of the set with the date it bears (a date the
  document leaves blank is said to be blank), its parties, who signs it (the
  same list the signature packets are made from), the exhibits and schedules
  it carries (read from the rendered document itself), and empty status columns
  Drafted / Circulated / Signed / Released for the paralegal to fill in.
* Filings and searches (secured notes): the lien searches against the company
  (and its former names) before the closing, and the UCC-1 financing
  statement: debtor, secured party, collateral, the filing office
  (`Deal.filing_office`: the Secretary of State of the company's state of
  organization unless the term sheet names another) and when to file it (at
  the closing, and within thirty days after the security agreement, so that
  perfection dates back to the grant for preference purposes, 11 U.S.C.
  § 547(e)(2)).
* Funds flow: the subscriptions received (each purchaser, and the total), each
  disbursement at release (payee, role, amount, and the total), the placement
  agent's fee (its percent of the gross proceeds, and where it is paid from)
  and the net to the company. Every figure is one of the model's derived
  values (`Deal.aggregate_subscription`, `Escrow.total_disbursements`,
  `Deal.placement_fee`, `Deal.net_proceeds`) written with
  `words.amount_figures`, and the totals are checked to add up before
  anything is written. A deal without an escrow has no disbursements: the
  company nets the subscriptions, less the placement agent's fee paid from
  the proceeds at closing.

Bytes are deterministic: properties from the deal, a normalized zip, and the
Markdown built from the same rows in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Inches, Pt

from dealdocs.closing.funds import FROM_PROCEEDS, FundsFlow, funds_flow
from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import signers
from dealdocs.closing.results import RenderedDocument
from dealdocs.ooxml.compose import add_footer, add_paragraph, add_table, blank_document, style_with_id
from dealdocs.outputs.document import finish
from dealdocs.termsheet.model import Deal
from dealdocs.words import amount_figures, join_and, long_date

__all__ = ["STATUS_COLUMNS", "ChecklistRow", "closing_checklist", "checklist_rows", "filing_rows"]

DOCX = "closing-checklist.docx"
MARKDOWN = "closing-checklist.md"
STATUS_COLUMNS = ("Drafted", "Circulated", "Signed", "Released")


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
    if spec.kind.left_undated(deal):
        return "Left blank (dated at release)"
    when = spec.dated(deal)
    return long_date(when) if when else "Undated"


def _signed_by(deal: Deal, spec: DocumentSpec) -> str:
    """'Company (Priya Raman); each Purchaser; Escrow Agent (Thomas Whitfield)'."""
    parts: list[str] = []
    for party in signers(deal, spec):
        if party.role == "Purchaser" and not deal.single_purchaser:
            if "each Purchaser" not in parts:
                parts.append("each Purchaser")
        elif party.individual or party.signer is None:
            parts.append(f"{party.role} ({party.name})" if party.individual else party.role)
        else:
            parts.append(f"{party.role} ({party.signer})")
    return "; ".join(parts) or "No one"


PERFECTION_DAYS = 30  # 11 U.S.C. § 547(e)(2)(A): perfected within 30 days, a transfer dates from attachment


def filing_rows(deal: Deal) -> list[list[str]]:
    """(filing or search, where, when) for each filing and search the deal calls for: secured notes only."""
    notes, office = deal.notes, deal.filing_office
    if notes is None or office is None:
        return []
    company = deal.company
    names = join_and([company.name, *company.former_names])
    agent = notes.collateral_agent
    secured_party = (f"{agent.name}, as collateral agent for the holders of the Notes" if agent
                     else join_and(p.name for p in deal.purchasers))
    return [
        [f"UCC, tax lien and judgment searches against {names}",
         f"{office}; and the county and state records where its chief executive office is "
         f"({company.address.city}, {company.address.state})",
         "Before the Closing"],
        [f"UCC-1 financing statement: debtor {company.name} ({company.description}); secured party {secured_party}; "
         "collateral: all assets of the debtor, whether now owned or hereafter acquired",
         office,
         f"At the Closing, and no later than {long_date(notes.security_date + timedelta(days=PERFECTION_DAYS))} "
         f"({PERFECTION_DAYS} days after the Security Agreement, 11 U.S.C. § 547(e)(2))"],
    ]


def closing_checklist(deal: Deal, documents: list[RenderedDocument]) -> dict[str, bytes]:
    """`closing-checklist.docx` and `closing-checklist.md` (see the module's docstring)."""
    rows = checklist_rows(deal, documents)
    flow = funds_flow(deal)
    filings = filing_rows(deal)
    return {
        DOCX: _docx(deal, rows, filings, flow, documents[0].data if documents else None),
        MARKDOWN: _markdown(deal, rows, filings, flow).encode("utf-8"),
    }


# ---------------------------------------------------------------- the tables, once for both formats

_DOCUMENT_HEADINGS = ("No.", "Document", "Date", "Parties", "Signed by", "Exhibits", *STATUS_COLUMNS)
_FILING_HEADINGS = ("No.", "Filing or search", "Where", "When", "Done")


def _document_cells(rows: list[ChecklistRow]) -> list[list[str]]:
    return [[f"{n}.", r.document, r.date, r.parties, r.signed_by, r.exhibits, *[""] * len(STATUS_COLUMNS)]
            for n, r in enumerate(rows, start=1)]


def _filing_cells(filings: list[list[str]]) -> list[list[str]]:
    return [[f"{n}.", *row, ""] for n, row in enumerate(filings, start=1)]


def _flow_tables(flow: FundsFlow) -> list[tuple[str, list[str], list[list[str]], str | None, bool]]:
    """(heading, column headings, rows, note, whether the last row is a total) for each table of the funds flow;
    the last column is the amount."""
    tables = [(
        "Subscriptions received",
        ["Purchaser", "Amount"],
        [[name, amount_figures(amount)] for name, amount in flow.subscriptions]
        + [["Total subscriptions", amount_figures(flow.total_subscriptions)]],
        None,
        True,
    )]
    fee = flow.placement_fee
    if fee is not None:
        tables.append((
            "Placement agent's fee",
            ["Placement agent", "Percent of gross proceeds", "Amount"],
            [[fee.agent, f"{fee.percent.normalize():f}% of {amount_figures(fee.gross_proceeds)}", amount_figures(fee.fee)]],
            f"Paid {fee.paid}.",
            False,
        ))
    if flow.disbursements is not None:
        tables.append((
            "Disbursements at release",
            ["Payee", "Role", "Amount"],
            [[payee, role, amount_figures(amount)] for payee, role, amount in flow.disbursements]
            + [["Total disbursements", "", amount_figures(flow.total_disbursements)]],
            None if flow.disbursements else "No disbursements: the escrow releases the subscriptions in full.",
            True,
        ))
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            ["Less total disbursements", amount_figures(flow.total_disbursements)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        note = None
    elif fee is not None and fee.paid == FROM_PROCEEDS:
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            ["Less the placement agent's fee, paid at closing", amount_figures(fee.fee)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        note = "The deal has no escrow: the placement agent's fee is paid from the proceeds at closing."
    else:
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        note = "The deal has no escrow: nothing is disbursed out of the subscriptions."
    tables.append(("Net to the company", ["", "Amount"], net_rows, note, True))
    return tables


# ---------------------------------------------------------------- Word

_LANDSCAPE_WIDTHS = [0.35, 1.35, 0.9, 1.75, 1.15, 1.0, 0.75, 0.75, 0.75, 0.75]  # inches, scaled to the page
_MARGIN = Inches(0.75)


_FILING_WIDTHS = [0.35, 3.6, 2.6, 2.0, 0.75]  # inches, scaled to the page


def _docx(deal: Deal, rows: list[ChecklistRow], filings: list[list[str]], flow: FundsFlow, base: bytes | None) -> bytes:
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
    if filings:
        _heading(document, "Filings and searches")
        add_table(document, _FILING_HEADINGS, _filing_cells(filings), _scaled(_FILING_WIDTHS, section), size=9)
    _heading(document, "Funds flow")
    for heading, columns, table_rows, note, total in _flow_tables(flow):
        caption = add_paragraph(document, heading, bold=True, space_before=Pt(6), space_after=Pt(4))
        caption.paragraph_format.keep_with_next = True
        widths = [4.5, 1.6][: len(columns) - 1] + [1.6]
        aligns = ["left"] * (len(columns) - 1) + ["right"]
        add_table(document, columns, table_rows, widths, aligns=aligns, bold_last=total, keep_together=True)
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


def _markdown(deal: Deal, rows: list[ChecklistRow], filings: list[list[str]], flow: FundsFlow) -> str:
    lines = [f"# Closing Checklist \u2013 {_cell(deal.title)}", "", "## Documents", ""]
    lines += _table(list(_DOCUMENT_HEADINGS), _document_cells(rows))
    if filings:
        lines += ["", "## Filings and searches", ""]
        lines += _table(list(_FILING_HEADINGS), _filing_cells(filings))
    lines += ["", "## Funds flow"]
    for heading, columns, table_rows, note, _ in _flow_tables(flow):
        lines += ["", f"### {heading}", ""]
        lines += _table(columns, table_rows, numeric_last=True)
        if note:
            lines += ["", _cell(note)]
    return "\n".join(lines) + "\n"
