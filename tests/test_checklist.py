"""The closing checklist, built with the rest of a deal: documents, signatures, a funds flow that adds up, deliverables.

The figures are checked against the term sheet as written (read here with
PyYAML, summed with Decimal), not against the model the checklist is made from;
the statuses against closing ledgers written by hand.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from click.testing import CliRunner

from dealdocs.cli import main
from docx_helpers import REPO, build_example
from test_ledger import COMPLETE, deal_beside
from test_packets import pdf_page_lines, pdf_pages, to_pdf


STATUS = ["Drafted", "Circulated", "Signed", "Released"]



def term_sheet(name: str) -> dict:
    return yaml.safe_load((REPO / "deals" / f"{name}.yaml").read_text(encoding="utf-8"))


def money(text: object) -> Decimal:
    """'1,000,000.00' (term sheet) or '$1,000,000.00' (checklist) -> Decimal."""
    cleaned = str(text).replace("$", "").replace(",", "").strip()
    assert re.fullmatch(r"\d+(\.\d{2})?", cleaned), text
    return Decimal(cleaned)


def md_cells(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", c.strip()) for c in cells]


def md_tables(markdown: str) -> dict[str, list[dict[str, str]]]:
    """Each table under its nearest heading: heading -> rows as {column: text}."""
    tables: dict[str, list[dict[str, str]]] = {}
    heading = ""
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and heading not in tables:
            columns = md_cells(line)
            assert set(lines[index + 1].replace("|", "").split()) <= {"---", "---:"}
            rows = []
            index += 2
            while index < len(lines) and lines[index].startswith("|"):
                rows.append(dict(zip(columns, md_cells(lines[index]), strict=True)))
                index += 1
            tables[heading] = rows
            continue
        index += 1
    return tables


def checklist(folder: Path) -> dict[str, list[dict[str, str]]]:
    return md_tables((folder / "closing-checklist.md").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the funds flow


def test_bridge_funds_flow_adds_up_and_matches_the_term_sheet(bridge):
    sheet = term_sheet("bridge-example")
    tables = checklist(bridge)

    received = tables["Subscriptions received"]
    *each, total = received
    assert [(r["Purchaser"], money(r["Amount"])) for r in each] == [
        (p["name"], money(p["subscription"])) for p in sheet["purchasers"]
    ]
    assert total["Purchaser"] == "Total subscriptions"
    subscriptions = sum((money(r["Amount"]) for r in each), Decimal(0))
    assert money(total["Amount"]) == subscriptions == money(sheet["escrow"]["aggregate_subscription"])

    paid = tables["Disbursements at release"]
    *each, total = paid
    roles = {"escrow_agent": "Escrow agent", "counsel": "Counsel", "placement_agent": "Placement agent"}
    assert [(r["Payee"], r["Role"], money(r["Amount"])) for r in each] == [
        (d["payee"], roles[d["role"]], money(d["amount"])) for d in sheet["escrow"]["disbursements"]
    ]
    disbursements = sum((money(r["Amount"]) for r in each), Decimal(0))
    assert total["Payee"] == "Total disbursements" and money(total["Amount"]) == disbursements
    assert disbursements == Decimal("187480.25")  # 15,000.00 + 12,480.25 + 160,000.00, by hand

    net = {r[""]: money(r["Amount"]) for r in tables["Net to the company"]}
    assert net == {
        "Total subscriptions": subscriptions,
        "Less total disbursements": disbursements,
        "Net to Northwind Analytics, Inc.": subscriptions - disbursements,
    }
    assert net["Net to Northwind Analytics, Inc."] == Decimal("1812519.75")


def test_a_deal_without_escrow_nets_the_subscriptions(roo_note):
    sheet = term_sheet("roo-2005-note")
    tables = checklist(roo_note)
    assert "Disbursements at release" not in tables
    assert "Disbursements" not in (roo_note / "closing-checklist.md").read_text(encoding="utf-8")
    subscriptions = sum((money(p["subscription"]) for p in sheet["purchasers"]), Decimal(0))
    net = {r[""]: money(r["Amount"]) for r in tables["Net to the company"]}
    assert net == {"Total subscriptions": subscriptions, "Net to ROO Group, Inc.": subscriptions}
    assert subscriptions == Decimal("1100000.00")


# ---------------------------------------------------------------- the documents table


def test_bridge_documents_table_lists_every_document_with_its_status_columns(bridge):
    rows = checklist(bridge)["Documents"]
    assert [r["Document"] for r in rows] == [
        "Escrow Agreement",
        "Release Notice",
        "Note Purchase Agreement",
        "Secured Promissory Note No. 1 payable to Harborview Capital Partners, L.P.",
        "Secured Promissory Note No. 2 payable to Quarry Lane Fund, LLC",
        "Secured Promissory Note No. 3 payable to Margaret Chen",
        "Security Agreement",  # the notes are secured
    ]
    assert [r["No."] for r in rows] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert [r["Date"] for r in rows] == [
        "March 2, 2026",
        "Dated as of the day the Escrow Agent receives it signed by all, at release",
        "March 2, 2026",
    ] + ["March 4, 2026"] * 4
    # no ledger yet; notes are attested; the security agreement: the company and each holder
    signatures = ["0 of 5", "0 of 4", "0 of 4", "0 of 2", "0 of 2", "0 of 2", "0 of 4"]
    for row, signed in zip(rows, signatures, strict=True):
        assert [row[s] for s in STATUS] == ["", "", signed, ""]
        assert "Northwind Analytics, Inc." in row["Parties"]
        assert row["Signed by"].startswith("Company (Priya Raman")
    escrow, release, npa, note = rows[0], rows[1], rows[2], rows[3]
    assert "Whitfield & Crane LLP (Escrow Agent)" in escrow["Parties"]
    assert escrow["Signed by"] == "Company (Priya Raman); Escrow Agent (Thomas Whitfield); each Purchaser"
    assert release["Signed by"] == npa["Signed by"] == "Company (Priya Raman); each Purchaser"
    assert note["Signed by"] == "Company (Priya Raman; attested by Daniel Osei)"
    assert note["Parties"] == "Northwind Analytics, Inc. (Maker); Harborview Capital Partners, L.P. (Payee)"
    assert escrow["Exhibits"] == "Schedule A: Purchasers and Subscription Amounts; Exhibit A: Form of Release Notice"
    assert npa["Exhibits"] == "Schedule I: Schedule of Purchasers; Exhibit A: Form of Note"
    assert release["Exhibits"] == note["Exhibits"] == "None"
    security = rows[6]
    assert security["Signed by"] == "Company (Priya Raman); each Holder"
    assert security["Parties"] == ("Northwind Analytics, Inc. (Company); Holders: Harborview Capital Partners, L.P.; "
                                   "Quarry Lane Fund, LLC; Margaret Chen")


def test_the_outside_date_and_the_day_the_funds_must_be_back_are_on_the_checklist(bridge):
    """A partner's read: the checklist tracked neither the outside date nor the return deadline after it (the second
    Business Day after Friday, April 3, 2026 is Tuesday, April 7)."""
    text = " ".join((bridge / "closing-checklist.md").read_text(encoding="utf-8").split())
    assert ("Outside Date: April 3, 2026. If the Escrow Agent has no Release Notice signed by all by then (and the "
            "parties have not extended it in writing), it returns each Purchaser's funds by April 7, 2026, the second "
            "Business Day after (Escrow Agreement, Section 1.7).") in text


def test_business_days_after_skip_weekends_and_federal_holidays():
    from datetime import date

    from dealdocs.closing.holidays import business_days_after

    assert business_days_after(date(2026, 7, 10), 2) == date(2026, 7, 14)  # a Friday: Monday, then Tuesday
    assert business_days_after(date(2026, 12, 24), 2) == date(2026, 12, 29)  # Christmas and a weekend between
    assert business_days_after(date(2026, 3, 2), 1) == date(2026, 3, 3)
    # the Fedwire Funds Service is open on the Friday before a holiday that falls on a Saturday (the federal
    # government is not): July 4, 2026 is a Saturday, so Friday, July 3 is a Business Day (a reviewer's case)
    assert business_days_after(date(2026, 7, 1), 2) == date(2026, 7, 3)
    assert business_days_after(date(2025, 7, 2), 2) == date(2025, 7, 7)  # July 4, 2025, a Friday, is closed


def test_roo_note_documents_table(roo_note):
    rows = checklist(roo_note)["Documents"]
    assert [(r["Document"], r["Date"]) for r in rows] == [
        ("Note Purchase Agreement", "May 18, 2005"),
        ("Secured Promissory Note No. 1 payable to Robert Petty", "May 18, 2005"),
        ("Security Agreement", "May 18, 2005"),
    ]
    assert rows[2]["Signed by"] == "Company (Robin Smyth); Holder (Robert Petty)"
    assert rows[0]["Signed by"] == "Company (Robin Smyth); Purchaser (Robert Petty)"
    assert rows[1]["Signed by"] == "Company (Robin Smyth; attested by Lina Nguyen)"
    # a blank form of note, though the deal has one purchaser; the registration rights agreement is not attached
    assert rows[0]["Exhibits"] == "Exhibit A: Form of Note"


def test_a_release_notice_left_undated_is_said_to_be(tmp_path):
    rows = checklist(build_example("roo-2005-escrow", tmp_path))["Documents"]
    release = next(r for r in rows if r["Document"] == "Release Notice")
    assert release["Date"] == "Dated as of the day the Escrow Agent receives it signed by all, at release"
    text = (tmp_path / "roo-2005-escrow" / "closing-checklist.md").read_text(encoding="utf-8")
    assert ("The Release Notice is signed only after the Escrow Agent confirms that it holds every Purchaser's "
            "subscription amount, all signature pages and the other closing documents the Purchase Agreement requires "
            "(Escrow Agreement, Sections 1.2 and 1.4), and is dated as of the day the Escrow Agent receives it signed "
            "by all. It is not in the closing packets; its signers sign it from their release packets.") in text


# ---------------------------------------------------------------- signers and their packets


def test_every_signer_has_a_row_and_a_packet(bridge):
    rows = checklist(bridge)["Signers and signature packets"]
    assert [(r["Signer"], r["Signature packets"]) for r in rows] == [
        ("Priya Raman", "signature-packets/priya-raman.docx (6 pages); "
                        "signature-packets/at-release/priya-raman.docx (1 page, at release)"),
        ("Daniel Osei", "signature-packets/daniel-osei.docx (3 pages)"),
        ("Elena Marsh", "signature-packets/elena-marsh.docx (3 pages); "
                        "signature-packets/at-release/elena-marsh.docx (1 page, at release)"),
        ("David Okafor", "signature-packets/david-okafor.docx (3 pages); "
                         "signature-packets/at-release/david-okafor.docx (1 page, at release)"),
        ("Margaret Chen", "signature-packets/margaret-chen.docx (3 pages); "
                          "signature-packets/at-release/margaret-chen.docx (1 page, at release)"),
        ("Thomas Whitfield", "signature-packets/thomas-whitfield.docx (1 page)"),
    ]
    assert rows[1]["Signing for"] == "Northwind Analytics, Inc. (the Maker), as its Secretary, attesting its signing officer's signature"
    assert rows[2]["Signing for"] == ("Harborview Capital Partners, L.P., as a Purchaser (Managing Member of "
                                      "Harborview Capital GP, LLC, its general partner)")
    for row in rows:
        assert (row["Sent"], row["Returned"]) == ("", "")
    for row in rows:
        for packet in re.findall(r"(signature-packets/[\w/-]+\.docx)", row["Signature packets"]):
            assert (bridge / packet).is_file(), packet


# ---------------------------------------------------------------- Word


def test_checklist_docx_is_landscape_in_named_styles_with_the_same_figures(bridge):
    document = Document(str(bridge / "closing-checklist.docx"))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert document.styles["Normal"].font.name == "Times New Roman"
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "Closing Checklist" and paragraphs[0].style.name == "Title"
    assert all(t.style is not None and t.style.name == "Table Grid" for t in document.tables)
    documents, people, signatures, received, fee, paid, net, *deliverables = document.tables
    assert [c.text for c in documents.rows[0].cells] == ["No.", "Document", "Date", "Parties", "Signed by",
                                                         "Exhibits", *STATUS]
    assert len(documents.rows) == 1 + 7 and len(signatures.rows) == 1 + 23 and len(deliverables) == 4
    markdown = checklist(bridge)
    headings = ("Documents", "Signers and signature packets", "Signatures", "Subscriptions received",
                "Placement agent's fee", "Disbursements at release", "Net to the company", "Corporate approvals and certificates", "Collateral",
                "From each purchaser", "Filings after the signing")
    # the Word copy goes round: the same tables without the deal team's columns (a partner's read: the closing
    # ledger's names and the packets' file paths are the tool's words), the Markdown copy with them
    team = ("Ledger name", "Signature packets")
    for table, heading in zip(document.tables, headings, strict=True):
        shown = [column for column in markdown[heading][0] if column not in team]
        assert [c.text for c in table.rows[0].cells] == shown
        assert [[c.text for c in row.cells] for row in table.rows[1:]] == [[r[c] for c in shown] for r in markdown[heading]]
    words = " ".join(p.text for p in document.paragraphs)
    assert "ledger" not in words.lower() and "signature-packets/" not in words and "dealdocs" not in words
    assert "The closing ledger records each signature as {signer, document}" in (bridge / "closing-checklist.md").read_text()
    core = document.core_properties
    assert core.title == "Closing Checklist \u2013 Northwind Analytics bridge notes (March 2026)"
    assert core.author == "dealdocs"
    assert core.created is None and core.modified is None


def test_checklist_is_the_same_bytes_every_build(bridge, tmp_path):
    again = build_example("bridge-example", tmp_path)
    for name in ("closing-checklist.docx", "closing-checklist.md"):
        assert (again / name).read_bytes() == (bridge / name).read_bytes(), name


def test_checklist_converts_to_pdf(bridge, roo_note, tmp_path):
    files = {f"{folder.name}.docx": (folder / "closing-checklist.docx").read_bytes() for folder in (bridge, roo_note)}
    for data in files.values():
        Document(io.BytesIO(data))
    pdfs = to_pdf(files, tmp_path)
    assert all(pdf_pages(pdf) >= 1 for pdf in pdfs.values())


def test_the_printed_checklist_keeps_its_funds_flow_on_one_page_and_leaves_no_row_alone(bridge, tmp_path):
    """A partner's read of the printed checklist: the net to the company a page after the disbursements, and the
    last signature row alone at the top of a page. The funds flow's tables stay together where they fit on a page;
    a table's last row never starts a page alone, nor does its heading end one."""
    [pdf] = to_pdf({"checklist.docx": (bridge / "closing-checklist.docx").read_bytes()}, tmp_path).values()
    pages = [" ".join(" ".join(lines).split()) for lines in pdf_page_lines(pdf)]
    [flow] = [page for page in pages if "Subscriptions received" in page]
    assert "Placement agent's fee" in flow and "Disbursements at release" in flow and "Net to Northwind Analytics, Inc." in flow
    signatures = [page for page in pages if "Security Agreement" in page and "Margaret Chen (Holder)" in page]
    assert signatures and all("Quarry Lane Fund, LLC (Holder)" in page for page in signatures)  # rows 22 and 23


def test_a_printed_section_heading_never_ends_a_page_with_only_its_first_row(tmp_path):
    """A partner's read of the fund example's printed checklist (session 62): "Signers and signature packets" and only
    its first row (Owen Hartley) at the foot of page 2, the rest of the table on page 3. A heading keeps at least the
    first two rows of its table with it."""
    folder = build_example("fund-example", tmp_path / "built")
    [pdf] = to_pdf({"checklist.docx": (folder / "closing-checklist.docx").read_bytes()}, tmp_path).values()
    pages = [" ".join(" ".join(lines).split()) for lines in pdf_page_lines(pdf)]
    [page] = [page for page in pages if "Signers and signature packets" in page]
    assert "1. Owen Hartley" in page and "2. Maya Lindqvist" in page


def test_names_in_the_markdown_checklist_are_text_never_markup(tmp_path):
    """A name holding HTML or Markdown is shown as written, never run as HTML nor made a link."""
    import html

    from markdown_it import MarkdownIt

    from dealdocs.pipeline import Builder

    name = "Margaret <img src=x onerror=alert(1)> [Chen](http://evil.example) *Chen* &amp; `Co`"
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_text((REPO / "deals" / "bridge-example.yaml").read_text().replace(
        "name: Margaret Chen", "name: " + yaml.safe_dump(name).splitlines()[0]))
    result = Builder(output_dir=tmp_path / "output").build(term_sheet)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    markdown = (tmp_path / "output" / "deal" / "closing-checklist.md").read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<img" not in rendered and "<a " not in rendered and "<em>" not in rendered and "<code>" not in rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert f"Secured Promissory Note No. 3 payable to {name}" in shown
    rows = checklist(tmp_path / "output" / "deal")["Subscriptions received"]
    assert name in [row["Purchaser"] for row in rows]


# ---------------------------------------------------------------- signatures, funds and deliverables, with their status


ELENA = "Elena Marsh, Managing Member of Harborview Capital GP, LLC, its general partner"  # a fund signs through its GP


def test_bridge_signatures_table_lists_each_signer_of_each_document(bridge):
    markdown = (bridge / "closing-checklist.md").read_text(encoding="utf-8")
    assert "Nothing recorded yet: every signature, payment and deliverable is outstanding." in markdown
    rows = checklist(bridge)["Signatures"]
    assert [(r["Ledger name"], r["Signer"]) for r in rows] == [
        ("escrow-agreement", "Priya Raman, Chief Executive Officer"),
        ("escrow-agreement", "Thomas Whitfield, Partner"),
        ("escrow-agreement", ELENA),
        ("escrow-agreement", "David Okafor, Managing Member"),
        ("escrow-agreement", "Margaret Chen"),
        ("release-notice", "Priya Raman, Chief Executive Officer"),
        ("release-notice", ELENA),
        ("release-notice", "David Okafor, Managing Member"),
        ("release-notice", "Margaret Chen"),
        ("note-purchase-agreement", "Priya Raman, Chief Executive Officer"),
        ("note-purchase-agreement", ELENA),
        ("note-purchase-agreement", "David Okafor, Managing Member"),
        ("note-purchase-agreement", "Margaret Chen"),
        ("promissory-note-harborview", "Priya Raman, Chief Executive Officer"),
        ("promissory-note-harborview", "Daniel Osei, Secretary"),  # attests the company's signature
        ("promissory-note-quarry-lane", "Priya Raman, Chief Executive Officer"),
        ("promissory-note-quarry-lane", "Daniel Osei, Secretary"),
        ("promissory-note-chen", "Priya Raman, Chief Executive Officer"),
        ("promissory-note-chen", "Daniel Osei, Secretary"),
        ("security-agreement", "Priya Raman, Chief Executive Officer"),
        ("security-agreement", ELENA),  # each purchaser signs as a holder: the notes name no collateral agent
        ("security-agreement", "David Okafor, Managing Member"),
        ("security-agreement", "Margaret Chen"),
    ]
    assert rows[2]["Signing for"] == "Harborview Capital Partners, L.P. (Purchaser)"
    # the secretary witnesses the note's signing; it signs for no one (a partner's read: "Secretary | ... (Company)")
    attests = [r["Signing for"] for r in rows if r["Signer"] == "Daniel Osei, Secretary"]
    assert attests == ["Northwind Analytics, Inc. (Company): attests its signing officer's signature"] * 3
    assert {r["Status"] for r in rows} == {"Outstanding"}
    received = checklist(bridge)["Subscriptions received"]
    assert [r["Received"] for r in received] == ["Outstanding"] * 3 + ["0 of 3 received"]


def test_bridge_deliverables_show_form_d_and_blue_sky_due_dates(bridge):
    tables = checklist(bridge)
    filings = {r["Ledger name"]: r for r in tables["Filings after the signing"]}
    assert list(filings) == ["form-d", "blue-sky-connecticut", "blue-sky-new-york", "form-8-k", "finra-5123"]
    assert filings["form-d"]["Due"].startswith("March 17, 2026: 15 calendar days after the first sale")
    assert filings["blue-sky-new-york"]["Deliverable"].startswith("Blue-sky notice filing, New York")
    assert filings["blue-sky-connecticut"]["Deliverable"].startswith("Blue-sky notice filing, Connecticut")
    assert filings["blue-sky-new-york"]["Due"].startswith("March 17, 2026") and "[unverified]" not in filings["blue-sky-new-york"]["Due"]
    purchasers = [r["Ledger name"] for r in tables["From each purchaser"]]
    assert purchasers == ["investor-questionnaire-harborview", "investor-questionnaire-quarry-lane",
                          "investor-questionnaire-chen", "authority-harborview", "authority-quarry-lane",
                          "wire-callback", "tax-form-harborview", "tax-form-quarry-lane",
                          "tax-form-chen"]
    corporate = {r["Ledger name"]: r for r in tables["Corporate approvals and certificates"]}
    assert corporate["stockholder-consent"]["Status"] == "Outstanding (if needed)"
    assert corporate["good-standing"]["Due"] == ("Before closing, to each purchaser, with copies to Whitfield & Crane LLP, as "
                                                "escrow agent (March 4, 2026)")
    numbers = [r["No."] for name in ("Corporate approvals and certificates", "Collateral", "From each purchaser",
                                     "Filings after the signing") for r in tables[name]]
    assert numbers == [f"{n}." for n in range(1, 28)]  # the collateral: searches, existing liens, UCC-1, control
    markdown = (bridge / "closing-checklist.md").read_text(encoding="utf-8")
    assert "Consent of the stockholders: Needed when the certificate of incorporation" in markdown


def test_the_checklist_shows_what_the_ledger_records(tmp_path, after_the_closing):
    ledger = ("signed:\n"
              "  - {signer: Elena Marsh, document: escrow-agreement}\n"
              "  - {signer: Priya Raman, document: escrow-agreement}\n"
              "  - {signer: Priya Raman, document: promissory-note-chen}\n"
              "funds_received:\n  - {purchaser: Quarry Lane, amount: '750,000.00', date: 2026-03-03}\n"
              "done:\n  - {deliverable: good-standing, date: 2026-03-03}\n  - {deliverable: tax-form-chen}\n"
              "not_needed:\n  - {deliverable: stockholder-consent, reason: no preferred stock}\n")
    sheet = deal_beside(tmp_path, ledger)
    result = CliRunner().invoke(main, ["build", str(sheet), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    tables = checklist(tmp_path / "out" / "bridge-example")
    signed = [(r["Ledger name"], r["Signer"].split(",")[0]) for r in tables["Signatures"] if r["Status"] == "Signed"]
    assert signed == [("escrow-agreement", "Priya Raman"), ("escrow-agreement", "Elena Marsh"),
                      ("promissory-note-chen", "Priya Raman")]
    assert [r["Signed"] for r in tables["Documents"]] == ["2 of 5", "0 of 4", "0 of 4", "0 of 2", "0 of 2", "1 of 2",
                                                          "0 of 4"]
    assert [r["Received"] for r in tables["Subscriptions received"]] == [  # what is in so far, beside the plan
        "Outstanding", "Received March 3, 2026", "Outstanding", "1 of 3 received; $750,000.00 so far"]
    corporate = {r["Ledger name"]: r["Status"] for r in tables["Corporate approvals and certificates"]}
    assert corporate["good-standing"] == "Done March 3, 2026"
    assert corporate["stockholder-consent"] == "Not needed: no preferred stock"
    assert {r["Ledger name"]: r["Status"] for r in tables["From each purchaser"]}["tax-form-chen"] == "Done"
    markdown = (tmp_path / "out" / "bridge-example" / "closing-checklist.md").read_text(encoding="utf-8")
    assert "Statuses as the closing ledger bridge-example.closing.yaml records them." in markdown
    # the Word copy goes round: no file names in it (a new user's trial: the ledger's was its first line)
    word = "\n".join(p.text for p in Document(str(tmp_path / "out" / "bridge-example" / "closing-checklist.docx")).paragraphs)
    assert "Statuses as the closing ledger records them." in word and ".closing.yaml" not in word
    assert "Consent of the stockholders: Needed when" not in markdown  # settled: its explanation is no longer needed


def test_a_complete_ledger_makes_every_status_in(tmp_path, after_the_closing):
    sheet = deal_beside(tmp_path, COMPLETE.read_bytes())
    assert CliRunner().invoke(main, ["build", str(sheet), "-o", str(tmp_path / "out")]).exit_code == 0
    tables = checklist(tmp_path / "out" / "bridge-example")
    assert {r["Status"] for r in tables["Signatures"]} == {"Signed"}
    assert [r["Signed"] for r in tables["Documents"]] == ["5 of 5", "4 of 4", "4 of 4", "2 of 2", "2 of 2", "2 of 2",
                                                          "4 of 4"]
    assert tables["Subscriptions received"][-1]["Received"] == "3 of 3 received"
    statuses = [r["Status"] for name in ("Corporate approvals and certificates", "Collateral", "From each purchaser",
                                         "Filings after the signing") for r in tables[name]]
    assert all(s.startswith(("Done", "Not needed")) for s in statuses), statuses


def test_the_placement_agents_fee_is_shown_and_where_it_is_paid(bridge, tmp_path):
    tables = checklist(bridge)
    # 8% of the $2,000,000.00 raised, paid out of the escrow: one of the disbursements
    assert tables["Placement agent's fee"] == [{"Placement agent": "Meridian Capital Markets, LLC",
                                                "Percent of gross proceeds": "8% of $2,000,000.00",
                                                "Amount": "$160,000.00"}]
    assert "Paid out of the escrow at release." in (bridge / "closing-checklist.md").read_text(encoding="utf-8")
    # without an escrow the fee is paid from the proceeds at closing: 6.5% of $1,250,000.00 is $81,250.00
    sheet = term_sheet("convertible-example")
    sheet["placement_agent"] = {"name": "Meridian Capital Markets, LLC", "fee_percent": 6.5}
    (tmp_path / "deals").mkdir()
    path = tmp_path / "deals" / "placed.yaml"
    path.write_text(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True), encoding="utf-8")
    from dealdocs.pipeline import Builder

    assert Builder(output_dir=tmp_path / "output").build(path).ok
    folder = tmp_path / "output" / "placed"
    tables = checklist(folder)
    assert tables["Placement agent's fee"][0]["Amount"] == "$81,250.00"
    assert "Disbursements at release" not in tables
    net = {r[""]: money(r["Amount"]) for r in tables["Net to the company"]}
    assert net == {"Total subscriptions": Decimal("1250000.00"),
                   "Less the placement agent's fee, paid at closing": Decimal("81250.00"),
                   "Net to Tessellate Robotics, Inc.": Decimal("1168750.00")}
    text = (folder / "closing-checklist.md").read_text(encoding="utf-8")
    assert "Paid from the proceeds at closing." in text


def test_a_state_rule_not_verified_is_said_once_in_words_not_as_a_research_note(tmp_path):
    """A partner's read of the convertible example: "the general rule, not verified for this state and date: confirm
    it [unverified]" on a checklist sent to the working group: the rule not verified is said once, with what to do."""
    from docx_helpers import build_example

    tables = checklist(build_example("convertible-example", tmp_path / "out"))
    [massachusetts] = [r for r in tables["Filings after the signing"] if r["Ledger name"] == "blue-sky-massachusetts"]
    assert massachusetts["Due"].endswith("the general rule, not verified for this state and date: confirm it")
    assert "[unverified]" not in massachusetts["Due"]


def test_a_note_after_the_tables_names_its_row_to_its_first_comma_not_a_companys(tmp_path):
    """A partner's read of the convertible example: the note on the notice of existing liens was headed "Written
    notice to each purchaser of the liens on Tessellate Robotics:", the company's name cut at its comma."""
    from docx_helpers import build_example

    markdown = (build_example("convertible-example", tmp_path) / "closing-checklist.md").read_text(encoding="utf-8")
    assert ("Written notice to each purchaser of the liens on Tessellate Robotics, Inc. or its property existing when "
            "the notes are dated: Not needed when a lien search finds no such lien") in markdown
