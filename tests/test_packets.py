"""Signature packets, built with the rest of a deal and read back.

The expectations are written by hand from each deal's structure (who signs
which document, how many notes) and checked two ways: against the packets,
and against the built documents themselves, read with the tests' own page
splitting (docx_helpers), so that neither side is measured with the code
under test.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx_helpers import (
    Para,
    build_example,
    load_example,
    open_docx,
    paragraphs,
    render,
    text_of,
)

from dealdocs.checks.signature_pages import signature_pages, signers_on
from dealdocs.closing.kinds import documents_for
from dealdocs.closing.parties import parties
from dealdocs.ooxml.pages import document_pages

# ---------------------------------------------------------------- hand-written expectations

HARBORVIEW = "Harborview Capital Partners, L.P."
QUARRY = "Quarry Lane Fund, LLC"
CHEN = "Margaret Chen"
NORTHWIND = "Northwind Analytics, Inc."
WHITFIELD = "Whitfield & Crane LLP"
PURCHASER_PAGES = ["Escrow Agreement", "Release Notice", "Note Purchase Agreement", "Security Agreement"]

# packet -> the documents whose signature pages it holds, one page each, in binder order
BRIDGE = {
    "northwind-analytics-inc": [
        "Escrow Agreement",  # the company's page, shared with the escrow agent
        "Release Notice",
        "Note Purchase Agreement",
        f"Promissory Note payable to {HARBORVIEW}",
        f"Promissory Note payable to {QUARRY}",
        f"Promissory Note payable to {CHEN}",
        "Security Agreement",  # the notes are secured; each holder signs too (no collateral agent)
    ],
    "harborview": PURCHASER_PAGES,
    "quarry-lane": PURCHASER_PAGES,
    "chen": PURCHASER_PAGES,
    "whitfield-crane-llp": ["Escrow Agreement"],
}
ROO_NOTE = {
    "roo-group-inc": ["Note Purchase Agreement", "Promissory Note payable to Robert Petty", "Security Agreement"],
    # on the company's page: the filed agreement has one signature page, and so has a two-party security agreement
    "petty": ["Note Purchase Agreement", "Security Agreement"],
}
# signature pages in each built document, by signatory (exhibits, which are forms, excluded)
BRIDGE_DOCUMENT_PAGES = {
    "escrow-agreement.docx": {NORTHWIND: 1, WHITFIELD: 1, HARBORVIEW: 1, QUARRY: 1, CHEN: 1},
    "release-notice.docx": {NORTHWIND: 1, HARBORVIEW: 1, QUARRY: 1, CHEN: 1, WHITFIELD: 0},
    "note-purchase-agreement.docx": {NORTHWIND: 1, HARBORVIEW: 1, QUARRY: 1, CHEN: 1, WHITFIELD: 0},
    "promissory-note-harborview.docx": {NORTHWIND: 1, HARBORVIEW: 0, QUARRY: 0, CHEN: 0},
    "promissory-note-quarry-lane.docx": {NORTHWIND: 1, HARBORVIEW: 0, QUARRY: 0, CHEN: 0},
    "promissory-note-chen.docx": {NORTHWIND: 1, HARBORVIEW: 0, QUARRY: 0, CHEN: 0},
    "security-agreement.docx": {NORTHWIND: 1, HARBORVIEW: 1, QUARRY: 1, CHEN: 1, WHITFIELD: 0},
}
NAMES = {"northwind-analytics-inc": NORTHWIND, "harborview": HARBORVIEW, "quarry-lane": QUARRY, "chen": CHEN,
         "whitfield-crane-llp": WHITFIELD}



def packets_in(folder: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted((folder / "signature-packets").iterdir())}


def pages_of(data: bytes) -> list[list[Para]]:
    """The tests' own page split: a new page at each paragraph with a page break before it."""
    pages: list[list[Para]] = [[]]
    for paragraph in paragraphs(data):
        if paragraph.starts_page and pages[-1]:
            pages.append([])
        pages[-1].append(paragraph)
    return pages


HEADING = re.compile(r"^\[Signature Page to (.+)\]$")


def packet_headings(data: bytes) -> list[str]:
    return [m.group(1) for p in paragraphs(data) if (m := HEADING.match(" ".join(p.text.split())))]


# ---------------------------------------------------------------- which packets, which pages


@pytest.mark.parametrize("deal, expected", [("bridge", BRIDGE), ("roo_note", ROO_NOTE)])
def test_one_packet_per_signatory_holding_exactly_its_pages(request, deal, expected):
    folder = request.getfixturevalue(deal)
    packets = packets_in(folder)
    assert sorted(packets) == sorted(expected)
    for slug, documents in expected.items():
        assert packet_headings(packets[slug]) == documents, slug


def test_each_page_in_a_packet_starts_a_new_page_and_the_cover_lists_them(bridge):
    for slug, documents in BRIDGE.items():
        pages = pages_of(packets_in(bridge)[slug])
        assert len(pages) == 1 + len(documents), slug
        cover = " ".join(" ".join(p.text.split()) for p in pages[0])
        assert "Signature Packet" in cover and NAMES[slug] in cover
        for number, (document, page) in enumerate(zip(documents, pages[1:], strict=True), start=1):
            assert " ".join(page[0].text.split()) == f"[Signature Page to {document}]"
            assert f"{number}. {document}" in cover


def test_the_documents_hold_the_signature_pages_the_deal_calls_for(bridge):
    """Counted in the built documents with the tests' own reading: Signature-style lines naming a party."""
    for filename, expected in BRIDGE_DOCUMENT_PAGES.items():
        pages = pages_of((bridge / filename).read_bytes())
        body = pages[:1]
        for page in pages[1:]:
            first = next((p.text.strip() for p in page if p.text.strip()), "")
            if re.match(r"(?i)^(exhibit|schedule)\b", first):
                break  # exhibits and schedules: forms, not signed
            body.append(page)
        for name, count in expected.items():
            found = sum(
                1 for page in body
                if any(p.style == "Signature" and name.casefold() in p.text.casefold() for p in page)
            )
            assert found == count, (filename, name)


def test_the_company_signs_seven_pages_in_the_bridge(bridge):
    company = packets_in(bridge)["northwind-analytics-inc"]
    signature_blocks = [
        p for p in paragraphs(company) if p.style == "Signature" and "NORTHWIND ANALYTICS, INC." in p.text
    ]
    assert len(signature_blocks) == 7
    assert len(packet_headings(company)) == sum(
        counts[NORTHWIND] for counts in BRIDGE_DOCUMENT_PAGES.values()
    )


@pytest.mark.parametrize("slug", ["harborview", "quarry-lane", "chen"])
def test_a_purchasers_packet_holds_no_page_of_anyone_else(bridge, slug):
    text = text_of(packets_in(bridge)[slug]).casefold()
    assert NAMES[slug].casefold() in text
    for other in {HARBORVIEW, QUARRY, CHEN, NORTHWIND, WHITFIELD} - {NAMES[slug]}:
        assert other.casefold() not in text, other


def test_the_escrow_agent_signs_only_the_escrow_agreement(bridge):
    text = text_of(packets_in(bridge)["whitfield-crane-llp"])
    assert "ESCROW AGENT:" in text and "Thomas Whitfield" in text
    for purchaser in (HARBORVIEW, QUARRY, CHEN):
        assert purchaser not in text
    assert "Release Notice" not in text and "Promissory Note" not in text


def test_the_form_copies_in_exhibits_are_not_signed(bridge, roo_note):
    company = text_of(packets_in(bridge)["northwind-analytics-inc"])
    assert "FORM OF NOTE" not in company.upper()
    assert "Exhibit A" not in company
    # the NPA's page, the note's and the security agreement's
    assert text_of(packets_in(roo_note)["roo-group-inc"]).count("ROO GROUP, INC.") == 3


def test_pages_are_copied_as_the_documents_print_them(bridge):
    """The pages say what the documents say: the NPA's page is the document's page, less its caption."""
    npa = pages_of((bridge / "note-purchase-agreement.docx").read_bytes())
    page = next(page for page in npa if any("QUARRY LANE FUND, LLC" in p.text for p in page))
    packet = pages_of(packets_in(bridge)["quarry-lane"])[3]
    assert [" ".join(p.text.split()) for p in packet][1:] == [" ".join(p.text.split()) for p in page][1:]
    assert [p.style for p in packet][1:] == [p.style for p in page][1:]


def test_a_blank_date_stays_blank(tmp_path):
    folder = build_example("roo-2005-escrow", tmp_path)
    company = text_of(packets_in(folder)["roo-group-inc"])
    assert "as of this ____ day of October, 2005." in " ".join(company.split())
    agent = " ".join(text_of(packets_in(folder)["kramer-levin-naftalis-frankel-llp"]).split())
    assert "Signatory: an authorized signatory" in agent
    assert agent.endswith("Kramer Levin Naftalis & Frankel LLP By: ______________________________ Name: Title:")


def test_cover_says_who_signs_and_for_whom(bridge, roo_note):
    cover = text_of(packets_in(bridge)["harborview"]).split("[Signature Page")[0]
    assert "Signatory: Elena Marsh, Managing Partner" in cover
    assert f"Signing for: {HARBORVIEW}, as a Purchaser" in cover
    cover = text_of(packets_in(roo_note)["petty"]).split("[Signature Page")[0]
    assert "Signing for: Robert Petty, individually, as a Purchaser" in cover


# ---------------------------------------------------------------- Word


def test_packets_keep_the_templates_styles_and_deal_properties(bridge):
    source = open_docx((bridge / "note-purchase-agreement.docx").read_bytes())
    source_styles = {s.style_id: s.element for s in source.styles}
    for slug, data in packets_in(bridge).items():
        packet = open_docx(data)
        styles = {s.style_id: s.element for s in packet.styles}
        for style_id in ("Normal", "Signature", "BracketNote"):
            assert style_id in styles, (slug, style_id)
        assert styles["Signature"].xml == source_styles["Signature"].xml
        assert packet.styles["Normal"].font.name == "Times New Roman"
        blocks = [p for p in paragraphs(data) if p.text.lstrip().startswith("By:") or "____" in p.text]
        assert blocks and all(p.style == "Signature" for p in blocks if "By:" in p.text)
        core = packet.core_properties
        assert core.title == f"Signature Packet \u2013 {NAMES[slug]}"
        assert core.author == "dealdocs"
        assert core.created == core.modified == datetime(2026, 3, 2, tzinfo=timezone.utc)


def test_packets_are_the_same_bytes_every_build(bridge, tmp_path):
    again = build_example("bridge-example", tmp_path)
    assert packets_in(again) == packets_in(bridge)


def soffice_or_skip() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    pytest.skip("LibreOffice not installed: apt-get install libreoffice-writer-nogui to run this test")


def to_pdf(files: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each .docx converted by LibreOffice: name -> the PDF's bytes."""
    soffice = soffice_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder / "pdf"), *(str(folder / name) for name in files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    pdfs = {}
    for name in files:
        pdf = folder / "pdf" / f"{Path(name).stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 0, f"{name}: {done.stderr or done.stdout}"
        pdfs[name] = pdf.read_bytes()
    return pdfs


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_every_packet_opens_and_converts_to_pdf_one_page_per_signature_page(bridge, roo_note, tmp_path):
    files = {}
    expected_pages = {}
    for deal, folder, expected in (("bridge", bridge, BRIDGE), ("roo", roo_note, ROO_NOTE)):
        for slug, data in packets_in(folder).items():
            Document(io.BytesIO(data))  # opens in python-docx
            files[f"{deal}-{slug}.docx"] = data
            expected_pages[f"{deal}-{slug}.docx"] = 1 + len(expected[slug])
    pdfs = to_pdf(files, tmp_path)
    assert {name: pdf_pages(pdf) for name, pdf in pdfs.items()} == expected_pages


# ---------------------------------------------------------------- finding pages, on documents made here


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pages_split_at_a_page_break_inside_a_paragraph_and_at_a_section_break():
    document = Document()
    document.add_paragraph("Body text of the agreement.")
    mixed = document.add_paragraph("Last words.")
    mixed.add_run().add_break(WD_BREAK.PAGE)
    mixed.add_run("[SIGNATURE PAGE]")
    document.add_paragraph("ACME, INC.")
    document.add_paragraph("By: ______________")
    document.add_section()  # a new-page section break after the signature page
    document.add_paragraph("Exhibit A")
    document.add_paragraph("Form of something")
    pages = document_pages(open_docx(docx_bytes(document)))
    assert [[line for line in page.lines if line] for page in pages] == [
        ["Body text of the agreement.", "Last words."],
        ["[SIGNATURE PAGE]", "ACME, INC.", "By: ______________"],
        ["Exhibit A", "Form of something"],
    ]
    assert [page.attachment for page in pages] == [False, False, True]


def test_a_page_break_before_from_a_style_starts_a_page():
    document = Document()
    style = document.styles.add_style("Starts Page", 1)
    style.paragraph_format.page_break_before = True
    document.add_paragraph("One")
    document.add_paragraph("Two", style="Starts Page")
    document.add_paragraph("Three")
    pages = document_pages(open_docx(docx_bytes(document)))
    assert [page.lines for page in pages] == [["One"], ["Two", "Three"]]


def test_a_name_in_running_text_or_a_notice_address_is_not_a_signature():
    deal = load_example("bridge-example")
    company = parties(deal)[0]
    document = Document()
    document.add_paragraph(f"If to the Company: {deal.company.name}")  # running text
    document.add_paragraph(deal.company.name)  # a notice address line, no signature line near it
    document.add_paragraph("350 Hudson Street")
    document.add_paragraph("New York, New York")
    document.add_paragraph("Attention: Priya Raman")
    document.add_paragraph("Facsimile: ____________")  # a blank, not a signature line
    page = document_pages(open_docx(docx_bytes(document)))[0]
    assert signers_on(page, [company]) == []
    document.add_paragraph("By: ______________________")
    document.add_paragraph(deal.company.name.upper())
    page = document_pages(open_docx(docx_bytes(document)))[0]
    assert signers_on(page, [company]) == [company]


def test_a_document_missing_a_signatorys_page_is_an_error():
    deal = load_example("bridge-example")
    specs = {spec.name: spec for spec in documents_for(deal)}
    # a promissory note passed off as the escrow agreement: the company signs it, no one else does
    pages = document_pages(open_docx(render(deal, "promissory-note-harborview")))
    found, findings = signature_pages(deal, specs["escrow-agreement"], pages)
    assert found["whitfield-crane-llp"] == [] and found["northwind-analytics-inc"] != []
    [finding] = findings
    assert finding.code == "DD310"
    assert WHITFIELD in finding.message and HARBORVIEW in finding.message
    assert finding.location.document == "escrow-agreement.docx"


def test_heading_replaces_the_templates_caption(bridge):
    for data in packets_in(bridge).values():
        texts = [" ".join(p.text.split()) for p in paragraphs(data)]
        assert not any(t.upper().startswith("[PURCHASER") or t == "[SIGNATURE PAGE TO ESCROW AGREEMENT]" for t in texts)
        assert not any(t in ("[SIGNATURE PAGES CONTINUE]", "[PURCHASERS’ SIGNATURE PAGE FOLLOWS]") for t in texts)


def test_the_heading_page_break_is_the_only_one_on_each_page(bridge):
    data = packets_in(bridge)["northwind-analytics-inc"]
    body = open_docx(data).element.body
    breaks = body.findall(f".//{qn('w:pageBreakBefore')}")
    assert len([b for b in breaks if b.get(qn("w:val"), "true") not in ("0", "false")]) == 7
    assert not body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")
