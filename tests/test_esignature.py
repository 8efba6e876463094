"""E-signature: anchors on every signature line, and signers.json, on the bridge example built with --pdf.

The expectations are written by hand from the bridge example's term sheet:
who signs, for whom, in what capacity, with which email, which documents. The
anchors are looked for in the PDFs LibreOffice makes of the built documents
and packets (their text read with pypdf and with poppler's pdftotext), as an
e-signature service's anchor search would.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx_helpers import REPO, soffice
from pypdf import PdfReader

from dealdocs.checks.signature_pages import signature_pages
from dealdocs.closing.kinds import documents_for
from dealdocs.closing.parties import signers
from dealdocs.ooxml.pages import document_pages
from dealdocs.ooxml.text import paragraphs
from dealdocs.pipeline import Builder

EA, RN, NPA = "escrow-agreement", "release-notice", "note-purchase-agreement"
NOTES = ["promissory-note-harborview", "promissory-note-quarry-lane", "promissory-note-chen"]
SA = "security-agreement"  # the bridge's notes are secured: the company and each holder sign it
NORTHWIND = "Northwind Analytics, Inc."
# name, party, capacity, email, documents: from deals/bridge-example.yaml, in the order of the anchors
BRIDGE_SIGNERS = [
    ("Priya Raman", NORTHWIND, "Chief Executive Officer", "priya.raman@northwind.example", [EA, RN, NPA, *NOTES, SA]),
    ("Daniel Osei", NORTHWIND, "Secretary", "daniel.osei@northwind.example", NOTES),
    ("Elena Marsh", "Harborview Capital Partners, L.P.",
     "Managing Member of Harborview Capital GP, LLC, its general partner", "emarsh@harborviewcap.example", [EA, RN, NPA, SA]),
    ("David Okafor", "Quarry Lane Fund, LLC", "Managing Member", "dokafor@quarrylane.example", [EA, RN, NPA, SA]),
    ("Margaret Chen", "Margaret Chen", "", "margaret.chen@mail.example", [EA, RN, NPA, SA]),
    ("Thomas Whitfield", "Whitfield & Crane LLP", "Partner", "twhitfield@whitfieldcrane.example", [EA]),
]
ANCHOR = re.compile(r"\\s\d+\\")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    soffice()
    output = tmp_path_factory.mktemp("esign")
    result = Builder(output_dir=output, pdf=True).build(REPO / "deals" / "bridge-example.yaml")
    assert result.ok, [str(f) for f in result.findings]
    assert not [f for f in result.findings if f.code == "DD313"]
    return output / "bridge-example"


@pytest.fixture(scope="module")
def listed(built) -> list[dict]:
    return json.loads((built / "signers.json").read_text(encoding="utf-8"))["signers"]


def run_text(run) -> str:
    return "".join(t.text or "" for t in run.iter(qn("w:t")))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_signers_json_lists_all_six_signers_the_attesting_officer_included(listed):
    assert [(s["name"], s["party"], s["capacity"], s["email"], s["documents"]) for s in listed] == BRIDGE_SIGNERS
    assert [s["anchors"] for s in listed] == [[f"\\s{n}\\"] for n in range(1, 7)]
    for signer in listed:
        assert set(signer) == {"name", "party", "capacity", "email", "documents", "pages", "anchors"}
        assert sorted({page["document"] for page in signer["pages"]}) == sorted(signer["documents"])


def test_each_page_is_where_signers_json_says_with_its_anchor_and_caption(built, listed):
    for signer in listed:
        for page in signer["pages"]:
            text = page_texts(built / page["packet"])[page["packet_page"] - 1]
            assert page["anchor"] in text, (signer["name"], page)
            # the document's version, as the packet's cover prints it beside the page (a new user's trial: only there)
            cover = " ".join(page_texts(built / page["packet"])[0].split())
            assert len(page["version"]) == 8 and f"{page['version']} {page['packet_page']}" in cover, (page, cover[-300:])
            caption = " ".join(text.split())
            assert caption.startswith("[Signature Page to"), caption[:80]
            assert signer["name"] in text
            release = page["document"] == RN
            # a note is one original: the attesting officer signs the signing officer's page, after that officer
            owner = page["attests"] if "attests" in page else signer["name"]
            assert page["packet"] == f"signature-packets/{'at-release/' if release else ''}" \
                f"{owner.lower().replace(' ', '-')}.pdf"
    attested = [page for signer in listed for page in signer["pages"] if "attests" in page]
    assert len(attested) == 3 and {page["attests"] for page in attested} == {"Priya Raman"}
    assert {page["document"] for page in attested} == {d for d in listed[0]["documents"] if d.startswith("promissory")}


def test_every_anchor_is_found_in_the_documents_pdfs_once_per_page_signed(built, listed):
    for document in [EA, RN, NPA, *NOTES, SA]:
        pdf = built / f"{document}.pdf"
        whole = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        wanted = [page["anchor"] for signer in listed for page in signer["pages"] if page["document"] == document]
        assert sorted(ANCHOR.findall(whole)) == sorted(wanted), document
        pages = page_texts(pdf)
        for anchor in wanted:  # on a page of its own document that opens with the signature-page caption
            [found] = [text for text in pages if anchor in text]
            assert " ".join(found.split()).startswith("[Signature Page to")


def test_anchors_are_one_point_text_just_before_the_signature_line(built, listed):
    pdf = built / "signature-packets" / "priya-raman.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes)
    anchors = [w for w in words if ANCHOR.search(w[4])]
    closing_pages = [page for page in listed[0]["pages"] if page["packet"] == "signature-packets/priya-raman.pdf"]
    assert len(anchors) == len(closing_pages) + 3  # Priya's line on each of her pages, Daniel's on the three notes
    for x_min, y_min, x_max, y_max, _ in anchors:
        assert float(y_max) - float(y_min) < 2  # points: invisible in print
    document = Document(str(built / "note-purchase-agreement.docx"))
    runs = [r for r in document.element.body.iter(qn("w:r")) if ANCHOR.fullmatch(run_text(r).rstrip(" "))]
    assert len(runs) == 4  # the company's and each purchaser's page
    for run in runs:
        properties = run.find(qn("w:rPr"))
        assert properties.find(qn("w:color")).get(qn("w:val")) == "FFFFFF"
        assert properties.find(qn("w:sz")).get(qn("w:val")) == "2"
        assert run_text(run).endswith("\\ ")  # a word of its own, for an anchor search of whole words
        assert run_text(run.getnext()).startswith("_____")  # just before the line's underscores


def test_readers_and_signature_checks_do_not_see_anchors(built):
    deal = Builder().load(REPO / "deals" / "bridge-example.yaml").deal
    for spec in documents_for(deal):
        data = (built / spec.filename).read_bytes()
        assert ANCHOR.search(data.decode("latin-1")) is None  # compressed in the zip: look at the XML instead
        document = Document(io.BytesIO(data))
        assert ANCHOR.search(document.element.body.xml), spec.name
        assert not any(ANCHOR.search(text) for text in paragraphs(data))
        found, findings = signature_pages(deal, spec, document_pages(document))
        assert findings == [] and all(found[i] for i in range(len(signers(deal, spec))))


def test_an_email_that_is_not_one_is_a_located_error(tmp_path):
    sheet = tmp_path / "deal.yaml"
    text = (REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8")
    sheet.write_text(text.replace("dokafor@quarrylane.example", "David Okafor <dokafor@quarrylane>"), encoding="utf-8")
    result = Builder().load(sheet)
    errors = [f for f in result.findings if f.is_error]
    assert len(errors) == 1 and "email" in str(errors[0]) and "name@example.com" in errors[0].message
    line = next(n for n, line in enumerate(sheet.read_text().splitlines(), start=1) if "David Okafor <" in line)
    assert errors[0].location.line == line


def test_an_entity_purchaser_takes_its_email_on_its_signatory(tmp_path):
    sheet = tmp_path / "deal.yaml"
    text = (REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8")
    sheet.write_text(text.replace("    short_name: Quarry Lane\n", "    short_name: Quarry Lane\n    email: a@b.example\n"),
                     encoding="utf-8")
    errors = [f for f in Builder().load(sheet).findings if f.is_error]
    assert len(errors) == 1 and "takes no email" in errors[0].message
    # at the email's own line and key (a new user's trial: at the entry, "purchasers[1]")
    email_line = text.replace("    short_name: Quarry Lane\n", "    short_name: Quarry Lane\n    email: a@b.example\n")\
        .splitlines().index("    email: a@b.example") + 1
    assert (errors[0].location.line, errors[0].location.key.endswith("].email")) == (email_line, True)


def test_a_trust_s_trustees_take_their_emails_by_name(tmp_path):
    """A new user's trial: trustees took no email, so a trust's signers had none in signers.json; given by the
    trustee's name, each trustee's is theirs, and a name that is no trustee's is a located error with the name
    it most likely misspells."""
    sheet = tmp_path / "deal.yaml"
    text = (REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8")
    given = "      trustees: [Ruth A. Calloway, Peter M. Calloway]\n"
    assert given in text
    sheet.write_text(text.replace(given, given + "      emails: {Peter M. Calloway: peter@calloway.example}\n"),
                     encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").build(sheet)
    assert result.ok, result.findings
    listed = json.loads((tmp_path / "out" / result.deal_id / "signers.json").read_text())["signers"]
    emails = {signer["name"]: signer["email"] for signer in listed if "Calloway" in (signer["name"] or "")}
    assert emails == {"Peter M. Calloway": "peter@calloway.example", "Ruth A. Calloway": None}

    sheet.write_text(text.replace(given, given + "      emails: {Peter Calloway: peter@calloway.example}\n"),
                     encoding="utf-8")
    [problem] = [f for f in Builder().load(sheet).findings if f.is_error]
    assert "'Peter Calloway' is not among the trustees (did you mean Peter M. Calloway?)" in problem.message
    assert problem.location.key.endswith("trust.emails") and problem.location.line == text.splitlines().index(given.rstrip("\n")) + 2


def test_signers_json_is_the_same_without_pdfs_but_for_the_packets_names(built, tmp_path):
    result = Builder(output_dir=tmp_path).build(REPO / "deals" / "bridge-example.yaml")
    assert result.ok
    plain = (tmp_path / "bridge-example" / "signers.json").read_text(encoding="utf-8")
    assert plain.replace(".docx", ".pdf") == (built / "signers.json").read_text(encoding="utf-8")
    assert shutil.which("pdftotext")


# ---------------------------------------------------------------- anchors on documents made here


def note_and_pages(paragraphs: list[list[str]]):
    """A document of paragraphs, each a list of lines ('<page>' a page break), its pages, and the bridge's first note."""
    from docx.enum.text import WD_BREAK

    deal = Builder().load(REPO / "deals" / "bridge-example.yaml").deal
    spec = documents_for(deal)[3]
    assert spec.name == "promissory-note-harborview"
    document = Document()
    for lines in paragraphs:
        paragraph = document.add_paragraph()
        for number, line in enumerate(lines):
            if line == "<page>":
                paragraph.add_run().add_break(WD_BREAK.PAGE)
                continue
            if number and lines[number - 1] != "<page>":
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            run.bold = True
    return deal, spec, document, document_pages(document)


def test_the_anchor_splits_the_run_before_its_underscores_and_keeps_its_formatting():
    from dealdocs.outputs.signature_anchors import place_anchors
    from dealdocs.ooxml.pages import lines_of

    caption = "[Signature Page to Secured Promissory Note No. 1 in the principal amount of $1,000,000.00 payable to " \
              "Harborview Capital Partners, L.P., dated March 4, 2026]"
    deal, spec, document, pages = note_and_pages([
        ["Body."], ["<page>", caption], ["By: ______________", "Name: Priya Raman", "", "______________",
                                         "Name: Daniel Osei"]])
    before = [lines_of(p) for p in document.element.body.iter(qn("w:p"))]
    found, findings = signature_pages(deal, spec, pages)
    assert found == {0: [1], 1: [1]} and findings == []
    assert place_anchors(deal, spec, pages, found) == []
    block = list(document.element.body.iter(qn("w:p")))[-1]
    runs = [(run_text(r), r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None) for r in block.iter(qn("w:r"))]
    assert ("By: ", True) in runs and ("______________", True) in runs  # both halves keep the run's bold
    assert ("\\s1\\ ", False) in runs and ("\\s2\\ ", False) in runs
    texts = [text for text, _ in runs]
    assert texts.index("\\s1\\ ") == texts.index("By: ") + 1 and texts[texts.index("\\s1\\ ") + 1] == "______________"
    assert [lines_of(p) for p in document.element.body.iter(qn("w:p"))] == before  # readers leave anchors out


def test_a_signature_line_in_a_paragraph_a_page_break_cuts_gets_no_anchor_and_a_warning():
    from dealdocs.outputs.signature_anchors import place_anchors

    caption = "[Signature Page to Secured Promissory Note No. 1 in the principal amount of $1,000,000.00 payable to " \
              "Harborview Capital Partners, L.P., dated March 4, 2026]"
    deal, spec, document, pages = note_and_pages([
        ["Body.", "<page>", caption, "By: ______________", "Name: Priya Raman", "______________",
         "Name: Daniel Osei"]])
    found, _ = signature_pages(deal, spec, pages)
    assert found == {0: [1], 1: [1]}
    findings = place_anchors(deal, spec, pages, found)
    assert [f.code for f in findings] == ["DD313", "DD313"]
    assert "Priya Raman" in findings[0].message and "Daniel Osei" in findings[1].message
    assert findings[0].location.document == "promissory-note-harborview.docx"
    assert not ANCHOR.search(document.element.body.xml)


def test_a_person_signing_for_two_purchasers_gets_one_anchor_on_each_line(tmp_path):
    """Elena Marsh signs for Harborview (through its general partner) and for Quarry Lane: one person, one anchor
    string, on each line she signs once (it was written on a line once for each purchaser she signs for)."""
    text = (REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8")
    assert text.count("name: David Okafor\n") == 1 and text.count("email: dokafor@quarrylane.example") == 1
    text = text.replace("name: David Okafor\n", "name: Elena Marsh\n").replace(
        "email: dokafor@quarrylane.example", "email: emarsh@harborviewcap.example")
    path = tmp_path / "shared-signer.yaml"
    path.write_text(text, encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").check(path)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    signed_by_her = 0
    for document in result.documents:
        for paragraph in Document(io.BytesIO(document.data)).element.body.iter(qn("w:p")):
            anchors = ANCHOR.findall("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
            assert len(anchors) <= 1, (document.spec.name, anchors)
            signed_by_her += "Elena Marsh" in "".join(t.text or "" for t in paragraph.iter(qn("w:t"))) and bool(anchors)
    assert signed_by_her, "her lines carry her anchor"


def test_a_document_not_saved_reads_as_the_one_saved_with_its_anchors_and_properties():
    """`render_as_built(saved=False)` (what `check` renders, keeping no file) leaves out the anchors and the core
    properties only: its pages, signature pages, findings and text are those of the document a build saves."""
    from dealdocs.ooxml.text import read
    from dealdocs.pipeline import render_as_built

    builder = Builder()
    result = builder.load(REPO / "deals" / "bridge-example.yaml")
    renderer = builder.renderer(builder.templates_for(result))
    for spec in documents_for(result.deal):
        saved, saved_pages, saved_found, saved_findings = render_as_built(renderer, result.deal, spec)
        read_only, pages, found, findings = render_as_built(renderer, result.deal, spec, saved=False)
        assert [p.lines for p in pages] == [p.lines for p in saved_pages]
        assert (found, findings) == (saved_found, saved_findings)
        assert read(read_only) == read(saved)
        assert ANCHOR.search(saved.element.body.xml) and not ANCHOR.search(read_only.element.body.xml)
        assert saved.core_properties.title != read_only.core_properties.title
