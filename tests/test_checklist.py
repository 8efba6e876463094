"""The closing checklist, built with the rest of a deal: its documents table and a funds flow that adds up.

The figures are checked against the term sheet as written (read here with
PyYAML, summed with Decimal), not against the model the checklist is made from.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx_helpers import REPO, build_example
from test_packets import pdf_pages, to_pdf


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


def test_bridge_documents_table_lists_every_document_with_empty_status_columns(bridge):
    rows = checklist(bridge)["Documents"]
    assert [r["Document"] for r in rows] == [
        "Escrow Agreement",
        "Release Notice",
        "Note Purchase Agreement",
        "Promissory Note payable to Harborview Capital Partners, L.P.",
        "Promissory Note payable to Quarry Lane Fund, LLC",
        "Promissory Note payable to Margaret Chen",
        "Security Agreement",
    ]
    assert [r["No."] for r in rows] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert [r["Date"] for r in rows] == ["March 2, 2026", "March 4, 2026", "March 2, 2026"] + ["March 4, 2026"] * 4
    for row in rows:
        assert [row[s] for s in STATUS] == ["", "", "", ""]
        assert "Northwind Analytics, Inc." in row["Parties"]
        assert "Company (Priya Raman)" in row["Signed by"]
    escrow, release, npa, note = rows[0], rows[1], rows[2], rows[3]
    assert "Whitfield & Crane LLP (Escrow Agent)" in escrow["Parties"]
    assert escrow["Signed by"] == "Company (Priya Raman); Escrow Agent (Thomas Whitfield); each Purchaser"
    assert release["Signed by"] == npa["Signed by"] == "Company (Priya Raman); each Purchaser"
    assert note["Signed by"] == "Company (Priya Raman)"
    assert note["Parties"] == "Northwind Analytics, Inc. (Maker); Harborview Capital Partners, L.P. (Payee)"
    assert escrow["Exhibits"] == "Exhibit A: Release Notice"
    assert npa["Exhibits"] == "Schedule I: Schedule of Purchasers; Exhibit A: Form of Note"
    assert release["Exhibits"] == note["Exhibits"] == "None"
    security = rows[6]  # dated at the closing; no collateral agent, so each holder signs
    assert security["Parties"] == ("Northwind Analytics, Inc. (Company); Harborview Capital Partners, L.P., "
                                   "Quarry Lane Fund, LLC and Margaret Chen (Holders)")
    assert security["Signed by"] == "Company (Priya Raman); each Purchaser"


def test_roo_note_documents_table(roo_note):
    rows = checklist(roo_note)["Documents"]
    assert [(r["Document"], r["Date"]) for r in rows] == [
        ("Note Purchase Agreement", "May 18, 2005"),
        ("Promissory Note payable to Robert Petty", "May 18, 2005"),
        ("Security Agreement", "May 18, 2005"),
    ]
    assert rows[0]["Signed by"] == "Company (Robin Smyth); Purchaser (Robert Petty)"
    assert rows[0]["Exhibits"].startswith("Exhibit A: ") and "Exhibit B: " in rows[0]["Exhibits"]


def test_a_release_notice_left_undated_is_said_to_be(tmp_path):
    rows = checklist(build_example("roo-2005-escrow", tmp_path))["Documents"]
    release = next(r for r in rows if r["Document"] == "Release Notice")
    assert release["Date"] == "Left blank (dated at release)"


# ---------------------------------------------------------------- Word


def test_checklist_docx_is_landscape_in_named_styles_with_the_same_figures(bridge):
    document = Document(str(bridge / "closing-checklist.docx"))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert document.styles["Normal"].font.name == "Times New Roman"
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "Closing Checklist" and paragraphs[0].style.name == "Title"
    assert all(t.style is not None and t.style.name == "Table Grid" for t in document.tables)
    documents, filings, received, fee, paid, net = document.tables
    assert [c.text for c in documents.rows[0].cells] == ["No.", "Document", "Date", "Parties", "Signed by",
                                                         "Exhibits", *STATUS]
    assert len(documents.rows) == 1 + 7
    markdown = checklist(bridge)
    for table, heading in ((filings, "Filings and searches"), (received, "Subscriptions received"),
                           (fee, "Placement agent's fee"), (paid, "Disbursements at release"),
                           (net, "Net to the company")):
        assert [[c.text for c in row.cells] for row in table.rows[1:]] == [list(r.values()) for r in markdown[heading]]
    core = document.core_properties
    assert core.title == "Closing Checklist \u2013 Northwind Analytics bridge notes (March 2026)"
    assert core.author == "dealdocs"
    assert core.created == core.modified == datetime(2026, 3, 2, tzinfo=timezone.utc)


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
