"""The closing checklist: every document, signature, payment and deliverable of the closing, and its status.

`closing_checklist(deal, documents, status)` returns ``closing-checklist.docx``
(a landscape Word table in the templates' own styles) and
``closing-checklist.md`` (the same in Markdown, for a ticket or an e-mail),
both from the same tables (`_tables`):

* Documents: each document of the set with the date it bears (a document
  signed at the release of escrow is said to be dated then), its parties, who
  signs it (the same list the signature packets are made from, attesting
  officers included), the exhibits and schedules it carries (read from the
  rendered document itself), empty status columns Drafted / Circulated /
  Released for the paralegal to fill in, and Signed: how many of its
  signatures the closing ledger records.
* Signers and signature packets: one row per person who signs anything, with
  whom they sign for, their signature packet (and their release packet,
  signed only after the escrow agent's confirmation), the pages in each, and
  empty Sent / Returned columns.
* Signatures: each signer of each document, Signed or Outstanding from the
  closing ledger (`closing.status`), the document named as the ledger names it.
* Funds flow: the subscriptions (each purchaser, whether and when the ledger
  records the wire, and the total, with what is in so far mid-closing), each disbursement at release (payee, role,
  amount, and the total), the placement agent's fee (its percent of the gross
  proceeds, and where it is paid from) and the net to the company. Every
  figure is one of the model's derived values (`Deal.aggregate_subscription`,
  `Escrow.total_disbursements`, `Deal.placement_fee`, `Deal.net_proceeds`)
  written with `words.amount_figures`, and the totals are checked to add up
  before anything is written. A deal without an escrow has no disbursements:
  the company nets the subscriptions, less the placement agent's fee paid from
  the proceeds at closing.
* Closing deliverables (`closing.deliverables`): approvals and certificates,
  collateral, what each purchaser delivers, and the filings after the signing
  (Form D, blue-sky notices), each with who is responsible, when it is due
  and its status from the ledger, under its ledger name.

Bytes are deterministic: properties from the deal, statuses from the ledger
(never the clock), a normalized zip, and the Markdown built from the same rows
in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Inches, Pt

from dealdocs.closing.deliverables import GROUPS
from dealdocs.closing.dues import escrow_holds
from dealdocs.closing.funds import FROM_PROCEEDS, FundsFlow, funds_flow
from dealdocs.closing.holidays import business_days_after
from dealdocs.closing.kinds import (
    ATTESTING_OFFICER,
    COMPANY,
    ESCROW_AGENT,
    PURCHASERS,
    SECURED_PARTY,
    DocumentSpec,
    documents_for,
)
from dealdocs.closing.parties import signatories, signers, signers_of
from dealdocs.closing.results import RenderedDocument
from dealdocs.closing.status import ClosingStatus, closing_status
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN
from dealdocs.ooxml.compose import add_footer, add_paragraph, add_table, blank_document, style_with_id
from dealdocs.outputs.document import finish
from dealdocs.outputs.packets import PACKET_FOLDER, RELEASE_FOLDER, packet_pages
from dealdocs.termsheet.model import Deal
from dealdocs.words import amount_figures, long_date

__all__ = ["PACKET_COLUMNS", "STATUS_COLUMNS", "ChecklistRow", "SignerRow", "closing_checklist", "checklist_rows",
           "signer_rows"]

DOCX = "closing-checklist.docx"
MARKDOWN = "closing-checklist.md"
STATUS_COLUMNS = ("Drafted", "Circulated", "Signed", "Released")  # Signed: from the closing ledger
PACKET_COLUMNS = ("Sent", "Returned")


@dataclass(frozen=True)
class ChecklistRow:
    name: str  # the document's name (its file stem), as the closing ledger names it
    document: str
    date: str
    parties: str
    signed_by: str
    exhibits: str


def checklist_rows(deal: Deal, documents: list[RenderedDocument]) -> list[ChecklistRow]:
    """One row per document of the set, in the order of the closing binder."""
    return [
        ChecklistRow(
            d.spec.name,
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
            return "Dated as of the day the Escrow Agent receives it signed by all, at release"
        return f"{long_date(when)} (signed at release)"
    return long_date(when) if when else "Undated"


def _signed_by(deal: Deal, spec: DocumentSpec) -> str:
    """'Company (Priya Raman; attested by Daniel Osei)', 'Company (Priya Raman); Escrow Agent (...); each Purchaser'."""
    parts: list[str] = []
    for role in spec.kind.signers:
        people = [signer.person for signer in signatories(deal).by_role[role]]  # holders sign as the secured party
        if not people:
            continue
        if role == ATTESTING_OFFICER and parts and parts[-1].startswith("Company ("):
            parts[-1] = parts[-1][:-1] + f"; attested by {', '.join(people)})"
        elif role == PURCHASERS:
            parts.append("each Purchaser" if not deal.single_purchaser else f"Purchaser ({', '.join(people)})")
        elif role == SECURED_PARTY and deal.notes is not None and deal.notes.collateral_agent is not None:
            parts.append(f"Collateral Agent ({', '.join(people)})")
        elif role == SECURED_PARTY:
            parts.append("each Holder" if not deal.single_purchaser else f"Holder ({', '.join(people)})")
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
    packets: str  # the files, with their pages ("signature-packets/priya-raman.docx (6 pages)")
    described: str = ""  # the same in words, for the checklist that goes round ("Closing packet, 6 pages")


def signer_rows(deal: Deal, documents: list[RenderedDocument]) -> list[SignerRow]:
    """One row per person who signs: for whom, and their packets with the pages in each."""
    contents = packet_pages(deal, documents)
    rows = []
    for slug, group in signers_of(deal):
        packets, described = [], []
        for at_release, folder in ((False, PACKET_FOLDER), (True, RELEASE_FOLDER)):
            pages = contents.get((at_release, slug))
            if pages:
                count = "1 page" if len(pages) == 1 else f"{len(pages)} pages"
                when = ", at release" if at_release else ""
                packets.append(f"{folder}/{slug}.docx ({count}{when})")
                described.append(f"release packet, {count}, at release" if at_release else f"closing packet, {count}")
        for_whom = "; ".join(dict.fromkeys(signer.signing_for for signer in group))
        rows.append(SignerRow(group[0].person, for_whom, "; ".join(packets) or "None",
                              "; ".join(described).capitalize() or "None"))
    return rows


def closing_checklist(deal: Deal, documents: list[RenderedDocument], status: ClosingStatus | None = None) -> dict[str, bytes]:
    """`closing-checklist.docx` and `closing-checklist.md` (see the module's docstring); no ledger: all outstanding."""
    status = status or closing_status(deal)
    tables = _tables(deal, checklist_rows(deal, documents), signer_rows(deal, documents), funds_flow(deal), status)
    return {
        DOCX: _docx(deal, tables, ledger_line(status, file_name=False), documents[0].data if documents else None),
        MARKDOWN: _markdown(deal, tables, ledger_line(status)).encode("utf-8"),
    }


def ledger_line(status: ClosingStatus, *, file_name: bool = True) -> str:
    """Where the statuses come from: the closing ledger (by its file name, in the deal team's copy: not in the Word
    copy that goes round, a new user's trial), or that there is none yet."""
    if status.ledger is None:
        return f"Nothing recorded yet: {status.without_ledger()}."
    return f"Statuses as the closing ledger {Path(status.ledger).name} records them." if file_name else \
        "Statuses as the closing ledger records them."


# ---------------------------------------------------------------- the tables, once for both formats


@dataclass(frozen=True)
class _Table:
    """One table of the checklist, with the heading it sits under and the notes after it."""

    section: str  # the level-1 heading it belongs to ("Documents", "Funds flow")
    caption: str | None  # its own heading within the section, if any
    columns: list[str]
    rows: list[list[str]]
    widths: list[float]  # inches, relative: scaled to the page
    amount_last: bool = False  # the last column is an amount: right-aligned, its last row a bold total
    small: bool = False  # 9-point text, for the wide tables
    notes: list[str] = field(default_factory=list)
    team_columns: tuple[int, ...] = ()  # the deal team's alone, in the Markdown (the names the closing ledger takes)
    team_notes: list[str] = field(default_factory=list)  # the same, for the Markdown only

    def for_circulation(self) -> _Table:
        """The table as the Word checklist shows it, to the client and the other side: without the team's columns
        and notes (a partner's read: ledger names and file paths are the tool's words)."""
        keep = [i for i in range(len(self.columns)) if i not in self.team_columns]
        return replace(self, columns=[self.columns[i] for i in keep], rows=[[row[i] for i in keep] for row in self.rows],
                       widths=[self.widths[i] for i in keep], team_columns=(), team_notes=[])


_DOCUMENT_HEADINGS = ("No.", "Document", "Date", "Parties", "Signed by", "Exhibits", *STATUS_COLUMNS)
_DOCUMENT_WIDTHS = [0.45, 1.45, 0.85, 2.4, 1.1, 0.85, 0.7, 1.05, 0.65, 0.8]  # "Circulated" on one line; the parties
# the widest (a partner's read of the fund set: nine parties ran 20 lines a row beside four empty status columns)
_SIGNER_HEADINGS = ("No.", "Signer", "Signing for", "Packets", "Signature packets", *PACKET_COLUMNS)
_SIGNER_WIDTHS = [0.45, 1.5, 3.0, 2.0, 2.8, 0.8, 0.95]


def _tables(deal: Deal, rows: list[ChecklistRow], people: list[SignerRow], flow: FundsFlow,
            status: ClosingStatus) -> list[_Table]:
    return [
        _Table("Documents", None, list(_DOCUMENT_HEADINGS), _document_cells(rows, status), _DOCUMENT_WIDTHS, small=True,
               notes=_notes(deal)),
        _Table("Signers and signature packets", None, list(_SIGNER_HEADINGS), _signer_cells(people), _SIGNER_WIDTHS,
               small=True, team_columns=(4,)),
        _signature_table(status, {row.name: row.document for row in rows}),
        *_flow_tables(flow, status),
        *_deliverable_tables(status),
    ]


def _notes(deal: Deal) -> list[str]:
    """What the documents table cannot say in a cell: when a document signed at release is signed."""
    at_release = [spec.title for spec in documents_for(deal) if spec.kind.signed_at_release]
    notes = [
        f"The {title} is signed only after the Escrow Agent confirms that it holds {escrow_holds(deal)} (Escrow "
        "Agreement, Sections 1.2 and 1.4), and is dated as of the day the Escrow Agent receives it signed by all. It "
        "is not in the closing packets; its signers sign it from their release packets. Escrow Agent's confirmation "
        "received: ____________"
        for title in at_release
    ]
    outside = deal.escrow.outside_date if deal.escrow else None
    if outside is not None:  # the day the deal ends unless extended, and the day the funds must be back
        notes.append(f"Outside Date: {long_date(outside)}. If the Escrow Agent has no Release Notice signed by all by "
                     f"then (and the parties have not extended it in writing), it returns each Purchaser's funds by "
                     f"{long_date(business_days_after(outside, 2))}, the second Business Day after (Escrow Agreement, "
                     "Section 1.7).")
    return notes


def _signer_cells(rows: list[SignerRow]) -> list[list[str]]:
    return [[f"{n}.", r.signer, r.signing_for, r.described, r.packets, *[""] * len(PACKET_COLUMNS)]
            for n, r in enumerate(rows, start=1)]


def _document_cells(rows: list[ChecklistRow], status: ClosingStatus) -> list[list[str]]:
    cells = []
    for number, row in enumerate(rows, start=1):
        signed, needed = status.signed_count(row.name)
        cells.append([f"{number}.", row.document, row.date, row.parties, row.signed_by, row.exhibits,
                      "", "", f"{signed} of {needed}", ""])
    return cells


def _signature_table(status: ClosingStatus, titles: dict[str, str]) -> _Table:
    """Each signature with its status; `titles`: each document's title, by its name (its ledger name)."""
    # a partner's read: the attesting officer was listed as signing for the company; it witnesses the signature
    rows = [[f"{n}.", titles.get(s.signature.document, s.signature.document), s.signature.document,
             s.signature.signed_by,
             f"{s.signature.party} ({s.signature.role})" + (": attests its signing officer's signature"
                                                          if s.signature.attests else ""), s.state]
            for n, s in enumerate(status.signatures, start=1)]
    note = ("The closing ledger records each signature as {signer, document}: the document by its ledger name in "
            "this table, the signer by their name (as this table writes it, or by the name of the party they sign for).")
    return _Table("Signatures", None, ["No.", "Document", "Ledger name", "Signer", "Signing for", "Status"], rows,
                  [0.35, 1.8, 1.6, 2.0, 2.6, 1.0], small=True, team_columns=(2,), team_notes=[note])


FUNDS_FLOW = "Funds flow"  # the checklist's section of the funds' tables


def _flow_tables(flow: FundsFlow, status: ClosingStatus) -> list[_Table]:
    """The funds flow: subscriptions with their status, disbursements at release, the net to the company."""
    received = len(flow.subscriptions) - len(status.funds_outstanding)
    in_so_far = status.subscribed - status.owed - status.short  # what the wires recorded come to, in part ones too
    total = f"{received} of {len(flow.subscriptions)} received" + (  # mid-closing, beside the plan (a partner's read)
        f"; {amount_figures(in_so_far)} so far" if status.funds_outstanding and in_so_far else "")
    tables = [_Table(
        FUNDS_FLOW, "Subscriptions received", ["Purchaser", "Received", "Amount"],
        [[f.purchaser, f.state, amount_figures(f.amount)] for f in status.funds]
        + [["Total subscriptions", total, amount_figures(flow.total_subscriptions)]],
        [4.5, 1.6, 1.6], amount_last=True,
    )]
    fee = flow.placement_fee
    if fee is not None:
        tables.append(_Table(
            FUNDS_FLOW, "Placement agent's fee", ["Placement agent", "Percent of gross proceeds", "Amount"],
            [[fee.agent, f"{fee.percent.normalize():f}% of {amount_figures(fee.gross_proceeds)}", amount_figures(fee.fee)]],
            [3.0, 3.1, 1.6], notes=[f"Paid {fee.paid}."],
        ))
    if [(f.purchaser, f.amount) for f in status.funds] != flow.subscriptions:
        raise ValueError("the funds status and the funds flow disagree")  # one model: a bug if ever raised
    if flow.disbursements is not None:
        tables.append(_Table(
            FUNDS_FLOW, "Disbursements at release", ["Payee", "Role", "Amount"],
            [[payee, role, amount_figures(amount)] for payee, role, amount in flow.disbursements]
            + [["Total disbursements", "", amount_figures(flow.total_disbursements)]],
            [4.5, 1.6, 1.6], amount_last=True,
            notes=[] if flow.disbursements else ["No disbursements: the escrow releases the subscriptions in full."],
        ))
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            ["Less total disbursements", amount_figures(flow.total_disbursements)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        notes = []
        short = status.short
        if short:  # a new user's trial: a wire accepted $25 short, and the release asked for $25 more than was held
            net_rows[1:1] = [[f"Less wires accepted short ({'; '.join(f.purchaser for f in status.funds if f.short)})",
                              amount_figures(short)],
                             ["Held in escrow", amount_figures(flow.total_subscriptions - short)]]
            net_rows[-1] = [f"Net to {flow.company}, as held", amount_figures(flow.net - short)]
            notes = [f"The escrow holds {amount_figures(short)} less than the subscriptions, wires accepted short of "
                     f"them: the net to {flow.company} is {amount_figures(flow.net - short)}, not "
                     f"{amount_figures(flow.net)}, and the release instructions say so."]
    elif fee is not None and fee.paid == FROM_PROCEEDS:
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            ["Less the placement agent's fee, paid at closing", amount_figures(fee.fee)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        notes = ["The deal has no escrow: the placement agent's fee is paid from the proceeds at closing."]
    else:
        net_rows = [
            ["Total subscriptions", amount_figures(flow.total_subscriptions)],
            [f"Net to {flow.company}", amount_figures(flow.net)],
        ]
        notes = ["The deal has no escrow: nothing is disbursed out of the subscriptions."]
    tables.append(_Table(FUNDS_FLOW, "Net to the company", ["", "Amount"], net_rows, [4.5, 1.6],
                         amount_last=True, notes=notes))
    return tables


def _deliverable_tables(status: ClosingStatus) -> list[_Table]:
    """One table per group of deliverables, numbered on from one group to the next; the release instructions give
    the net proceeds as held, when wires were accepted short (`status.closing_status`)."""
    tables = []
    number = 0
    for group in GROUPS:
        mine = [d for d in status.deliverables if d.deliverable.group == group]
        if not mine:
            continue
        rows, notes = [], []
        for item in mine:
            number += 1
            deliverable = item.deliverable
            due = deliverable.due.text  # a general rule not checked says so in its words ("confirm it"), not again as
            # a research note's "[unverified]" (a partner's read)
            rows.append([f"{number}.", deliverable.title, deliverable.name, deliverable.responsible, due, item.state])
            if deliverable.if_needed and item.outstanding:
                notes.append(f"{_first_words(deliverable.title)}: {deliverable.if_needed}")
            if deliverable.note and deliverable.note not in notes:
                notes.append(deliverable.note)
        tables.append(_Table("Closing deliverables", group,
                             ["No.", "Deliverable", "Ledger name", "Responsible", "Due", "Status"], rows,
                             [0.45, 3.0, 1.5, 1.8, 2.0, 1.1], small=True, notes=notes, team_columns=(2,)))
    return tables


def _first_words(title: str) -> str:
    """A deliverable's title to its first comma or parenthesis, not a company's name's ("Tessellate Robotics, Inc.": a
    partner's read found the note called "... the liens on Tessellate Robotics"): what a note after the table calls it."""
    return _FIRST_WORDS_END.split(title, maxsplit=1)[0]


_FIRST_WORDS_END = re.compile(rf",(?!\s*(?:{CORPORATE_SUFFIX_PATTERN})(?![A-Za-z]))| \(")


# ---------------------------------------------------------------- Word

_MARGIN = Inches(0.75)


def _docx(deal: Deal, tables: list[_Table], intro: str, base: bytes | None) -> bytes:
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
    add_paragraph(document, intro, space_after=Pt(6))
    current = None
    circulated = [t.for_circulation() for t in tables]
    for table, next_table in zip(circulated, [*circulated[1:], None]):
        if table.section != current:
            _heading(document, table.section)
            current = table.section
        if table.caption:
            caption = add_paragraph(document, table.caption, bold=True, space_before=Pt(6), space_after=Pt(4))
            caption.paragraph_format.keep_with_next = True
        chained = (table.section == FUNDS_FLOW and next_table is not None  # a funds flow's tables on one page, where
                   and next_table.section == FUNDS_FLOW)  # they fit (a partner's read: its net a page after the rest)
        following = bool(table.notes) or chained
        if table.amount_last:
            aligns = ["left"] * (len(table.columns) - 1) + ["right"]
            add_table(document, table.columns, table.rows, table.widths, aligns=aligns, bold_last=True, keep_together=True,
                      with_next=following)
        else:
            add_table(document, table.columns, table.rows, _scaled(table.widths, section), size=9 if table.small else None,
                      with_next=following)
        for note in table.notes:
            add_paragraph(document, note, space_before=Pt(4)).paragraph_format.keep_with_next = chained
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


_MARKDOWN_SPECIAL = re.compile(r"[\\|*_`<>\[\]~]|&(?=#?\w+;)")


def _cell(text: str) -> str:
    """`text` as Markdown shows it, never as markup: HTML, links, emphasis, code and entities escaped."""
    return " ".join(_MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), text).split())


def _table(columns: list[str], rows: list[list[str]], *, numeric_last: bool = False) -> list[str]:
    rule = ["---"] * len(columns)
    if numeric_last:
        rule[-1] = "---:"
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _markdown(deal: Deal, tables: list[_Table], intro: str) -> str:
    lines = [f"# Closing Checklist \u2013 {_cell(deal.title)}", "", _cell(intro)]
    current = None
    for table in tables:
        if table.section != current:
            lines += ["", f"## {table.section}"]
            current = table.section
        if table.caption:
            lines += ["", f"### {table.caption}"]
        lines += [""] + _table(table.columns, table.rows, numeric_last=table.amount_last)
        lines += [line for note in [*table.notes, *table.team_notes] for line in ("", _cell(note))]
    return "\n".join(lines) + "\n"
