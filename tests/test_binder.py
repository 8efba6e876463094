"""`dealdocs binder`: the bridge example built with --pdf, its packets returned signed, the executed set and binder.

The signed packets are the built packets with a visible "SIGNED by <person>"
stamp (a FreeText annotation, which pypdf does not read as page text) on every
page, so a page of an executed document can be told apart from the blank one
it replaces. The executed documents are compared page by page with the built
documents' text: every page is the document's, each signature page replaced by
the stamped page(s) its signer(s) returned, whose text is the blank page's but
for its page number (a packet page has no footer).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from docx_helpers import REPO, soffice
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import DecodedStreamObject, NameObject

from dealdocs.outputs.binder import anchors_in
from dealdocs.pipeline import Builder

DEAL = REPO / "deals" / "bridge-example.yaml"
DOCUMENTS = [  # binder order, as the bookmarks name them
    ("escrow-agreement", "Escrow Agreement"),
    ("release-notice", "Release Notice"),
    ("note-purchase-agreement", "Note Purchase Agreement"),
    ("promissory-note-harborview", "Secured Promissory Note No. 1 payable to Harborview Capital Partners, L.P."),
    ("promissory-note-quarry-lane", "Secured Promissory Note No. 2 payable to Quarry Lane Fund, LLC"),
    ("promissory-note-chen", "Secured Promissory Note No. 3 payable to Margaret Chen"),
    ("security-agreement", "Security Agreement"),  # the bridge's notes are secured
]
PEOPLE = {"priya-raman": "Priya Raman", "daniel-osei": "Daniel Osei", "elena-marsh": "Elena Marsh",
          "david-okafor": "David Okafor", "margaret-chen": "Margaret Chen", "thomas-whitfield": "Thomas Whitfield"}
SCANNED = "Margaret Chen"  # her closing packet is returned as a scan, without text
ANCHORS = {f"\\s{n}\\": name for n, name in enumerate(PEOPLE.values(), start=1)}


def dealdocs(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], capture_output=True, text=True, timeout=600, cwd=cwd)


def words(text: str) -> str:
    return " ".join(text.split())


def texts(path: Path) -> list[str]:
    return [words(page.extract_text() or "") for page in PdfReader(path).pages]


def stamps(path: Path) -> list[str]:
    """Each page's stamp ("SIGNED by ..."), '' for a page without one."""
    found = []
    for page in PdfReader(path).pages:
        notes = [a.get_object() for a in page.get("/Annots", [])]
        found.append(next((str(a["/Contents"]) for a in notes if str(a.get("/Contents", "")).startswith("SIGNED")), ""))
    return found


def sign(blank: Path, signed: Path, person: str, *, scan: bool = False) -> None:
    """The packet as its signer returns it: each page stamped; with `scan`, its text gone, as a scan's is."""
    writer = PdfWriter(clone_from=blank)
    for number, page in enumerate(writer.pages):
        if scan:
            ink = DecodedStreamObject()
            ink.set_data(b"0 0 0 rg 72 400 300 1 re f")  # a line, no text
            page[NameObject("/Contents")] = writer._add_object(ink)
        writer.add_annotation(number, FreeText(text=f"SIGNED by {person}", rect=(300, 80, 540, 110)))
    signed.parent.mkdir(parents=True, exist_ok=True)
    writer.write(signed)


@pytest.fixture(scope="module")
def deal_built(tmp_path_factory) -> Path:
    soffice()
    output = tmp_path_factory.mktemp("binder") / "out"
    result = Builder(output_dir=output, pdf=True).build(DEAL)
    assert result.ok, [str(f) for f in result.findings]
    return output


def signed_folder(built: Path, folder: Path, *, leave_out: str | None = None, scanned: str | None = None) -> Path:
    packets = built / "bridge-example" / "signature-packets"
    for blank in sorted(packets.rglob("*.pdf")):
        name = blank.relative_to(packets).as_posix()
        if name != leave_out:
            sign(blank, folder / name, PEOPLE[blank.stem], scan=name == scanned)
    return folder


@pytest.fixture(scope="module")
def bound(deal_built, tmp_path_factory) -> Path:
    signed = signed_folder(deal_built, tmp_path_factory.mktemp("signed"), scanned="margaret-chen.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built))
    assert run.returncode == 0, run.stdout + run.stderr
    return deal_built / "bridge-example"


def test_each_signature_page_is_replaced_by_the_pages_its_signers_returned(bound):
    for name, _ in DOCUMENTS:
        blank, executed = texts(bound / f"{name}.pdf"), texts(bound / "executed" / f"{name}.pdf")
        stamped = stamps(bound / "executed" / f"{name}.pdf")
        at = 0
        for page in blank:
            signers = [ANCHORS[a] for a in anchors_in(page)]
            if not signers:
                assert executed[at] == page and stamped[at] == "", (name, at)
                at += 1
                continue
            unnumbered = page.rsplit(" ", 1)[0]  # the document's page number is not on a packet's page
            if signers == ["Priya Raman", "Daniel Osei"]:  # a note: one original, attested on the officer's page
                signers = ["Priya Raman"]
            for person in signers:
                scan = person == SCANNED and name != "release-notice"  # her closing packet came back as a scan
                assert executed[at] == ("" if scan else unnumbered), (name, at)
                assert stamped[at] == f"SIGNED by {person}", (name, at)
                at += 1
        assert at == len(executed)


def test_a_note_is_one_original_attested_on_its_officers_page_and_a_scanned_packet_is_read_by_place(bound):
    """A partner's read: a note is no agreement in counterparts; the attestation goes on the page its officer
    signs (the packets' covers say so), not on a copy of its own."""
    note = bound / "executed" / "promissory-note-chen.pdf"
    assert stamps(note)[-1] == "SIGNED by Priya Raman" and "SIGNED by Daniel Osei" not in stamps(note)
    assert len(texts(note)) == len(texts(bound / "promissory-note-chen.pdf"))  # its pages, no second original
    agreement = stamps(bound / "executed" / "note-purchase-agreement.pdf")
    assert "SIGNED by Margaret Chen" in agreement  # her packet came back as a scan, without text


def test_the_attesting_officers_packet_need_not_come_back(deal_built, tmp_path):
    """Its pages only show where to attest, on the originals the signing officer returns."""
    output = tmp_path / "out"  # a copy: the executed set it writes is not the module's
    shutil.copytree(deal_built, output)
    signed = signed_folder(output, tmp_path / "signed", leave_out="daniel-osei.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "DD520" not in run.stdout and "DD522" not in run.stdout
    assert stamps(output / "bridge-example" / "executed" / "promissory-note-chen.pdf")[-1] == "SIGNED by Priya Raman"


def test_the_binder_is_an_index_then_each_executed_document_with_a_bookmark_each(bound):
    binder = PdfReader(bound / "closing-binder.pdf")
    pages = [words(page.extract_text() or "") for page in binder.pages]
    expected, starts = [], []
    for name, _ in DOCUMENTS:
        starts.append(1 + len(expected))
        expected += texts(bound / "executed" / f"{name}.pdf")
    assert pages[1:] == expected and len(pages) == 1 + len(expected)
    marks = [(item.title, binder.get_destination_page_number(item)) for item in binder.outline]
    assert marks == [(title, start) for (_, title), start in zip(DOCUMENTS, starts)]
    index = pages[0]
    assert index.startswith("CLOSING BINDER Northwind Analytics bridge notes (March 2026)")
    ends = [*starts[1:], len(pages)]
    for (_, title), start, end in zip(DOCUMENTS, starts, ends):
        assert f"{start + 1}\u2013{end}" in index, title  # pages counted from 1, the index's own page first


def test_a_page_not_returned_signed_is_an_error_naming_signer_and_document(deal_built, tmp_path):
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)  # from an earlier test's binder
    (output / "bridge-example" / "closing-binder.pdf").unlink(missing_ok=True)
    signed = signed_folder(deal_built, tmp_path / "signed", leave_out="david-okafor.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1
    said = run.stdout + run.stderr
    assert "Traceback" not in said
    errors = [line for line in said.splitlines() if "DD520" in line]
    assert len(errors) == 3  # the escrow agreement's page, the note purchase agreement's, the security agreement's
    assert all("David Okafor" in line and "david-okafor.pdf" in line for line in errors)
    # his packet was never saved there: said so, not that his page "is not among the pages" of a file that is not there
    assert all("there is no " in line and "not among the pages" not in line for line in errors)
    assert any("Escrow Agreement" in line for line in errors) and any("Note Purchase Agreement" in line for line in errors)
    assert any("Security Agreement" in line for line in errors)
    assert not (output / "bridge-example" / "executed").exists()
    assert not (output / "bridge-example" / "closing-binder.pdf").exists()


@pytest.mark.parametrize("returned", ["david-okafor.pdf", "david-okafor.PDF", "signature-packets/david-okafor.pdf"])
def test_a_packet_returned_as_it_was_sent_is_not_signed_and_nothing_of_it_is_bound(deal_built, tmp_path, returned):
    """A new user's trial: the packets copied back unsigned, byte for byte, were bound as "the documents of the
    closing as executed", exit 0. A code review: so was one saved as .PDF (compared with no blank), and one in a
    signature-packets/ folder was said unsigned, then each of its pages missing."""
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)
    (output / "bridge-example" / "closing-binder.pdf").unlink(missing_ok=True)
    signed = signed_folder(deal_built, tmp_path / "signed")
    (signed / "david-okafor.pdf").unlink(missing_ok=True)
    (signed / returned).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(output / "bridge-example" / "signature-packets" / "david-okafor.pdf", signed / returned)
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1, run.stdout + run.stderr
    [unsigned] = [line for line in run.stdout.splitlines() if "DD523" in line]
    assert (f"{returned.removeprefix('signature-packets/')} is the packet as it was sent out, byte for byte: it was "
            "not signed") in unsigned
    # said once, not again as each of its pages "not among the pages of" the packet that holds them (a new user's trial)
    assert not [line for line in run.stdout.splitlines() if "DD520" in line and "David Okafor" in line], run.stdout
    assert not (output / "bridge-example" / "executed").exists()


def test_a_packet_saved_again_unsigned_or_signed_on_some_pages_only_is_bound_only_where_signed(deal_built, tmp_path):
    """A new user's trial: the packets saved again with pypdf, unsigned, were bound as executed, exit 0 (only a
    copy byte for byte was caught). A signature page whose content and annotations are the blank page's is no signed
    page, whatever the file's bytes; a packet signed on one of its pages is bound on that one alone."""
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)
    (output / "bridge-example" / "closing-binder.pdf").unlink(missing_ok=True)
    signed = signed_folder(deal_built, tmp_path / "signed")
    packets = output / "bridge-example" / "signature-packets"
    PdfWriter(clone_from=packets / "david-okafor.pdf").write(signed / "david-okafor.pdf")  # saved again, unsigned
    assert (signed / "david-okafor.pdf").read_bytes() != (packets / "david-okafor.pdf").read_bytes()
    partly = PdfWriter(clone_from=packets / "elena-marsh.pdf")  # her last signature page signed, the others not
    signature_pages = [n for n, text in enumerate(texts(packets / "elena-marsh.pdf")) if anchors_in(text)]
    partly.add_annotation(signature_pages[-1], FreeText(text="SIGNED by Elena Marsh", rect=(300, 80, 540, 110)))
    partly.write(signed / "elena-marsh.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1, run.stdout + run.stderr
    said = [words(line) for line in run.stdout.splitlines() if "DD527" in line]
    pages = ", ".join(str(n + 1) for n in signature_pages[:-1])
    assert any(f"elena-marsh.pdf, page{'s' if len(signature_pages) > 2 else ''} {pages}: the signature page" in line
               for line in said), said
    assert any("david-okafor.pdf, pages" in line and "as sent out, though the file was saved again: nothing is drawn, "
               "stamped, typed or annotated on them, so not signed, and not bound" in line for line in said), said
    missing = [line for line in run.stdout.splitlines() if "DD520" in line]
    assert len([line for line in missing if "David Okafor" in line]) == 3
    assert len([line for line in missing if "Elena Marsh" in line]) == len(signature_pages) - 1
    assert not (output / "bridge-example" / "executed").exists()


def test_blank_pages_returned_as_a_packet_are_no_scan_of_it(deal_built, tmp_path):
    """A new user's trial: four blank white pages saved as david-okafor.pdf were bound as a scan of his packet, with
    a warning to look (DD524), exit 0. A page with no text, no image and no mark is not a scan of a signed page."""
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)
    signed = signed_folder(deal_built, tmp_path / "signed")
    count = len(PdfReader(output / "bridge-example" / "signature-packets" / "david-okafor.pdf").pages)
    blank = PdfWriter()
    for _ in range(count):
        blank.add_blank_page(612, 792)
    blank.write(signed / "david-okafor.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1, run.stdout + run.stderr
    [said] = [words(line) for line in run.stdout.splitlines() if "DD527" in line]
    assert f"david-okafor.pdf, pages {', '.join(str(n) for n in range(1, count + 1))}: nothing is on them, no text, " \
           "no image, no mark (a blank page, not a scan of a signed one), so not signed, and not bound" in said
    assert "DD524" not in run.stdout and not (output / "bridge-example" / "executed").exists()


def test_a_scanned_packet_is_bound_by_place_with_a_warning_to_look(deal_built, tmp_path):
    """A new user's trial: a scan with its pages in another order put the security agreement's page into the escrow
    agreement, silently. A scan holds no text to read: its pages are bound by place, and the binder says so."""
    signed = signed_folder(deal_built, tmp_path / "signed", scanned="margaret-chen.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built),
                   "--binder", str(tmp_path / "binder.pdf"))
    assert run.returncode == 0, run.stdout + run.stderr
    [scan] = [line for line in run.stdout.splitlines() if "DD524" in line]
    assert "margaret-chen.pdf is a scan (pages 1, 2, 3, 4 hold no text to read)" in scan
    assert "bound as the packet page at its place, unread" in scan


def test_a_scan_short_of_a_page_says_so(deal_built, tmp_path):
    """A new user's trial: a scan with a page missing gave three DD520 errors, each "not among the pages of
    margaret-chen.pdf", and nothing said the scan had 3 pages where the packet has 4."""
    signed = signed_folder(deal_built, tmp_path / "signed", scanned="margaret-chen.pdf")
    writer = PdfWriter(clone_from=signed / "margaret-chen.pdf")
    del writer.pages[2]
    writer.write(signed / "margaret-chen.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built), "--binder", str(tmp_path / "b.pdf"))
    assert run.returncode == 1, run.stdout + run.stderr
    [short] = [line for line in run.stdout.splitlines() if "DD524" in line]
    assert "margaret-chen.pdf is a scan of 3 pages, and the packet as built has 4" in short
    assert "none of its pages without text is bound" in short
    assert len([line for line in run.stdout.splitlines() if "DD520" in line and "Margaret Chen" in line]) == 3


def test_usage_errors_exit_2_and_an_unbuilt_deal_exits_1_without_a_traceback(tmp_path):
    assert dealdocs("binder", str(DEAL)).returncode == 2  # no --signed
    missing = dealdocs("binder", str(DEAL), "--signed", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    (tmp_path / "signed").mkdir()
    unbuilt = dealdocs("binder", str(DEAL), "--signed", str(tmp_path / "signed"), "-o", str(tmp_path / "out"))
    assert unbuilt.returncode == 1 and "--pdf" in unbuilt.stderr and "Traceback" not in unbuilt.stderr


def test_a_pdf_that_is_no_packet_of_the_deal_is_left_out_with_a_warning(deal_built, bound, tmp_path):
    signed = signed_folder(deal_built, tmp_path / "signed")
    shutil.copyfile(signed / "elena-marsh.pdf", signed / "elena-marsh-old.pdf")  # named as no packet is
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built),
                   "--binder", str(tmp_path / "binder.pdf"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "DD522" in run.stdout and "elena-marsh-old.pdf" in run.stdout
    assert (tmp_path / "binder.pdf").read_bytes().startswith(b"%PDF")
    # a new user's trial: "Margaret Chen signed.pdf" was left out with no word of the name it should have
    shutil.copyfile(signed / "margaret-chen.pdf", signed / "Margaret Chen signed.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built),
                   "--binder", str(tmp_path / "binder.pdf"))
    named = [line for line in run.stdout.splitlines() if "DD522" in line]
    assert any("Margaret Chen signed.pdf" in line and "if it is Margaret Chen's packet, signed, name it "
               "margaret-chen.pdf" in line for line in named), named
    assert any("elena-marsh-old.pdf" in line and "name it elena-marsh.pdf" in line for line in named), named


def test_a_packet_returned_under_another_name_is_read_as_the_packet_whose_pages_it_has(deal_built, tmp_path):
    """A signer's scanner names the file ("Okafor signed pages.pdf"): its pages are his packet's, caption for
    caption, and his packet came back under no other name, so it is bound as his packet (DD526 says to name it so),
    not left out with his three signature pages then missing (DD520). A file whose pages are no packet's, or a second
    copy of a packet returned under its own name, is still left out (DD522)."""
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)  # from an earlier test's binder
    (output / "bridge-example" / "closing-binder.pdf").unlink(missing_ok=True)
    signed = signed_folder(deal_built, tmp_path / "signed")
    (signed / "david-okafor.pdf").rename(signed / "Okafor signed pages.pdf")
    shutil.copyfile(signed / "elena-marsh.pdf", signed / "elena-marsh-copy.pdf")  # hers came back under her name
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 0, run.stdout + run.stderr
    said = run.stdout + run.stderr
    assert "DD520" not in said and "Traceback" not in said
    [read_as] = [line for line in said.splitlines() if "DD526" in line]
    assert ("Okafor signed pages.pdf is read as David Okafor's packet david-okafor.pdf: its pages are that "
            "packet's, caption for caption; name it so") in read_as
    assert any("DD522" in line and "elena-marsh-copy.pdf" in line for line in said.splitlines())
    executed = words("\n".join(texts(output / "bridge-example" / "executed" / "note-purchase-agreement.pdf")))
    assert "David Okafor" in executed
    assert any("SIGNED by David Okafor" in stamp for stamp in stamps(output / "bridge-example" / "executed" /
                                                                   "note-purchase-agreement.pdf"))


def test_a_damaged_packet_is_an_error_naming_it(deal_built, tmp_path):
    signed = signed_folder(deal_built, tmp_path / "signed")
    (signed / "thomas-whitfield.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built),
                   "--binder", str(tmp_path / "binder.pdf"))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert "DD521" in run.stdout and "thomas-whitfield.pdf" in run.stdout
    assert "DD520" in run.stdout and "Thomas Whitfield" in run.stdout  # so his page is missing
    assert not (tmp_path / "binder.pdf").exists()


def test_a_packet_that_is_not_a_pdf_or_is_a_link_is_named_and_nothing_else_is_said(deal_built, tmp_path):
    """The hostile re-sweep: a packet of garbage printed pypdf's own bare lines ("invalid pdf header: b'garba'",
    "EOF marker not found") before DD521; a packet that was a link to /etc/passwd was read, and its first bytes
    printed. Each is now one located finding; the link is never followed."""
    signed = signed_folder(deal_built, tmp_path / "signed")
    (signed / "thomas-whitfield.pdf").write_bytes(b"garbage, not a PDF")
    (signed / "elena-marsh.pdf").unlink()
    (signed / "elena-marsh.pdf").symlink_to("/etc/passwd")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built),
                   "--binder", str(tmp_path / "binder.pdf"))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert "elena-marsh.pdf is a link to /etc/passwd, not a PDF" in run.stdout
    assert "DD521" in run.stdout and "thomas-whitfield.pdf cannot be read as a PDF" in run.stdout
    said = run.stdout + run.stderr
    assert "root:" not in said and "EOF marker" not in said and "invalid pdf header" not in said, said
    assert not (tmp_path / "binder.pdf").exists()


def test_pages_signed_on_an_earlier_version_of_a_note_are_left_out_and_its_new_pages_wanted(deal_built, tmp_path):
    """Two notes' principal changes after the packets were signed: their captions name the old principal."""
    signed = signed_folder(deal_built, tmp_path / "signed")  # signed on the bridge example as built
    text = DEAL.read_text(encoding="utf-8")
    for old, new in [("subscription: 750,000.00\n    principal: 750,000.00", "subscription: 700,000.00\n    principal: 700,000.00"),
                     ("subscription: 250,000.00\n    principal: 250,000.00", "subscription: 300,000.00\n    principal: 300,000.00")]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    sheet = tmp_path / "deals" / "bridge-example.yaml"
    sheet.parent.mkdir()
    sheet.write_text(text, encoding="utf-8")
    output = tmp_path / "out"
    assert Builder(output_dir=output, pdf=True).build(sheet).ok
    run = dealdocs("binder", str(sheet), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    missing = [line for line in run.stdout.splitlines() if "DD520" in line]
    stale = [line for line in run.stdout.splitlines() if "DD522" in line]
    # the company's officer on two notes (attested on the same page); both officers' old pages set aside
    assert len(missing) == 2 and len(stale) == 4
    for line in missing:
        assert "signed by Priya Raman (and attested on it by Daniel Osei)" in line and "Promissory Note No. " in line
        assert "$700,000.00" in line or "$300,000.00" in line
    assert all("$750,000.00" in line or "$250,000.00" in line for line in stale)


def test_pages_signed_on_a_packet_of_another_version_are_bound_with_a_warning(deal_built, tmp_path):
    """A new user's trial: the interest rate changed from 12% to 11% after the packets were signed and the deal was
    built again; the signature pages read the same, and the pages signed for the 12% notes were bound into the 11%
    notes, exit 0, without a word. Each packet's cover names the version of the documents it holds pages of: a
    packet signed on another version is said so (DD525), for each signer whose documents changed."""
    signed = signed_folder(deal_built, tmp_path / "signed")  # signed on the bridge example as built
    text = DEAL.read_text(encoding="utf-8")
    assert text.count("interest_rate: 12") == 1
    sheet = tmp_path / "deals" / "bridge-example.yaml"
    sheet.parent.mkdir()
    sheet.write_text(text.replace("interest_rate: 12", "interest_rate: 11"), encoding="utf-8")
    output = tmp_path / "out"
    assert Builder(output_dir=output, pdf=True).build(sheet).ok
    run = dealdocs("binder", str(sheet), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 0, run.stdout + run.stderr
    other = sorted(line.split(": warning DD525: ")[1].split(" ")[0] for line in run.stdout.splitlines() if "DD525" in line)
    # the company's officers and the purchasers sign notes, the purchase agreement or the security agreement, which
    # state the rate; the escrow agent signs the escrow agreement alone, and the release notice's packets hold no
    # page of a document that does
    assert other == ["daniel-osei.pdf", "david-okafor.pdf", "elena-marsh.pdf", "margaret-chen.pdf", "priya-raman.pdf"]
    assert all("signed on a packet of another version of the documents" in line
               for line in run.stdout.splitlines() if "DD525" in line)
    again = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built), "--binder", str(tmp_path / "b.pdf"))
    assert again.returncode == 0 and "DD525" not in again.stdout  # the same version: nothing to say


def test_an_executed_set_bound_from_another_version_of_the_term_sheet_is_said_by_check_build_and_status(
        deal_built, tmp_path):
    """A new user's trial: after the binder ran, the interest rate changed and the deal was rebuilt; the executed
    documents and the closing binder of the old rate stayed beside the new documents, and nothing said so."""
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    sheet = tmp_path / "bridge-example.yaml"
    shutil.copyfile(DEAL, sheet)  # the same bytes as built
    signed = signed_folder(deal_built, tmp_path / "signed")
    run = dealdocs("binder", str(sheet), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "DD528" not in dealdocs("check", str(sheet), "-o", str(output)).stdout
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("  interest_rate: 12\n", "  interest_rate: 11\n"),
                     encoding="utf-8")
    for command in (["check"], ["status"], ["build", "--force"]):
        said = dealdocs(*command[:1], str(sheet), "-o", str(output), *command[1:])
        [line] = [" ".join(line.split()) for line in said.stdout.splitlines() if "DD528" in line]
        assert (f"warning DD528: the executed documents in {output / 'bridge-example' / 'executed'} and the closing "
                "binder were bound from another version of the term sheet") in line, (command, line)


def test_a_packet_whose_drawing_is_written_out_anew_unsigned_is_not_bound(deal_built, tmp_path):
    """A code review: DD527 compared a signature page's content bytes with the blank page's, so the packet saved
    again by a tool that writes the same operations out anew (the same text, nothing added) was bound, exit 0."""
    from pypdf.generic import ContentStream

    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)
    (output / "bridge-example" / "closing-binder.pdf").unlink(missing_ok=True)
    signed = signed_folder(deal_built, tmp_path / "signed")
    writer = PdfWriter(clone_from=output / "bridge-example" / "signature-packets" / "david-okafor.pdf")
    for page in writer.pages:
        drawn = ContentStream(page.get_contents(), writer)
        drawn.operations = list(drawn.operations)  # parsed, then written anew
        page.replace_contents(drawn)
    writer.write(signed / "david-okafor.pdf")
    assert texts(signed / "david-okafor.pdf") == texts(output / "bridge-example" / "signature-packets" / "david-okafor.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1, run.stdout + run.stderr
    assert any("DD527" in line and "david-okafor.pdf, pages" in line for line in run.stdout.splitlines()), run.stdout
    assert not (output / "bridge-example" / "executed").exists()


def test_a_signed_packet_with_a_blank_page_added_at_its_end_is_bound(deal_built, tmp_path):
    """A code review: DD527 said every page with nothing on it, so the blank page a print to PDF adds at the end of a
    signed packet stopped the whole binder (exit 1), where it was bound before. A blank page is an error where it
    would be read as a scan of a signature page, or when the packet is nothing but blank pages."""
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    shutil.rmtree(output / "bridge-example" / "executed", ignore_errors=True)
    (output / "bridge-example" / "closing-binder.pdf").unlink(missing_ok=True)
    signed = signed_folder(deal_built, tmp_path / "signed")
    trailing = PdfWriter(clone_from=signed / "david-okafor.pdf")
    trailing.add_blank_page(612, 792)
    trailing.write(signed / "david-okafor.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 0 and "DD527" not in run.stdout, run.stdout + run.stderr
    shutil.rmtree(output / "bridge-example" / "executed")
    blanked = PdfWriter(clone_from=signed / "elena-marsh.pdf")  # a signature page in its place, blank
    [first, *_] = [n for n, text in enumerate(texts(signed / "elena-marsh.pdf")) if anchors_in(text)]
    blanked.pages[first].replace_contents(DecodedStreamObject())
    del blanked.pages[first][NameObject("/Annots")]
    blanked.write(signed / "elena-marsh.pdf")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1, run.stdout + run.stderr
    assert any("DD527" in line and f"elena-marsh.pdf, page {first + 1}: nothing is on it" in line
               for line in run.stdout.splitlines()), run.stdout


def test_a_packet_changed_in_the_deal_folder_since_the_build_stops_the_binder(deal_built, tmp_path):
    """The hostile sweep: the packets as sent out are what a returned packet is compared with; one changed in the deal
    folder (a byte) let Priya Raman's packet, returned as it was sent out, be bound as signed (exit 0), and one that
    was a named pipe stopped the binder for good."""
    for how in ("changed", "a named pipe"):
        output = tmp_path / how / "out"
        shutil.copytree(deal_built, output)
        blank = output / "bridge-example" / "signature-packets" / "priya-raman.pdf"
        signed = signed_folder(deal_built, tmp_path / how / "signed")
        shutil.copyfile(blank, signed / "priya-raman.pdf")  # returned unsigned
        blank.unlink()
        if how == "changed":
            blank.write_bytes(b"x")
        else:
            os.mkfifo(blank)
        before = sorted(p.name for p in (output / "bridge-example").rglob("*"))
        run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output),
                       "--binder", str(tmp_path / how / "binder.pdf"))
        said = run.stdout + run.stderr
        assert run.returncode == 1 and "internal error" not in said and "Traceback" not in said, said
        assert "priya-raman.pdf has changed since dealdocs built it" in said and "--pdf" in said
        assert not (tmp_path / how / "binder.pdf").exists()
        assert sorted(p.name for p in (output / "bridge-example").rglob("*")) == before


def test_the_binder_never_replaces_a_file_that_is_no_binder_unless_forced(deal_built, tmp_path):
    """The hostile sweep: `--binder deals/acme.yaml` (a slip) replaced the term sheet with the binder's PDF, exit 0;
    so any file of the user's, and a named pipe became a plain file. A binder written before is replaced."""
    signed = signed_folder(deal_built, tmp_path / "signed")
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    sheet = tmp_path / "acme.yaml"
    sheet.write_text("company: {name: Acme}\n")
    mine = tmp_path / "my notes.pdf"
    mine.write_text("my notes")
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    before = sorted((p.relative_to(output), p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file())
    for target, code in ((sheet, 2), (mine, 1), (pipe, 1)):  # no .pdf: a usage error before any work
        run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output), "--binder", str(target))
        said = run.stdout + run.stderr
        assert run.returncode == code and "Traceback" not in said and "internal error" not in said, said
        assert str(target) in said
    assert sheet.read_text() == "company: {name: Acme}\n" and stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert mine.read_text() == "my notes"  # and nothing written before it was refused (the executed documents)
    assert sorted((p.relative_to(output), p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file()) == before
    default = output / "bridge-example" / "closing-binder.pdf"
    default.write_text("my notes on the closing")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output))
    assert run.returncode == 1 and default.read_text() == "my notes on the closing", run.stdout + run.stderr
    assert dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output), "--force").returncode == 0
    assert dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output)).returncode == 0  # a binder: replaced
    assert PdfReader(default).metadata.title.startswith("Closing Binder")
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output), "--binder", str(mine), "--force")
    assert run.returncode == 0 and mine.read_bytes().startswith(b"%PDF")


def test_a_binder_file_name_without_pdf_or_in_no_folder_is_a_usage_error_before_any_work(deal_built, tmp_path):
    """A new user's trial: --binder in a folder that does not exist stopped after the executed documents were
    written (exit 1, a temporary file's name in the message); a name without .pdf got a PDF without the suffix."""
    signed = signed_folder(deal_built, tmp_path / "signed")
    output = tmp_path / "out"
    shutil.copytree(deal_built, output)
    before = sorted((p.relative_to(output), p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file())
    for target, words in ((tmp_path / "nodir" / "binder.pdf", f"there is no folder {tmp_path / 'nodir'}"),
                          (tmp_path / "binder-out", "give a file name ending in .pdf")):
        run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(output), "--binder", str(target))
        said = run.stdout + run.stderr
        assert run.returncode == 2 and words in said and ".tmp" not in said, said
        assert not target.exists()
        assert sorted((p.relative_to(output), p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize("shape", ["AES-256 encrypted", "a catalog that is itself"])
def test_a_pdf_named_as_no_packet_that_pypdf_cannot_open_is_no_internal_error(deal_built, tmp_path, shape):
    """The hostile sweep: a file named as no packet is read for its captions; an AES-encrypted one (pypdf's
    DependencyError without `cryptography`) or one whose catalog is a reference to itself (AttributeError) stopped the
    binder with 'internal error', exit 70."""
    signed = signed_folder(deal_built, tmp_path / "signed")
    if shape == "a catalog that is itself":
        body = b"1 0 obj\n1 0 R\nendobj\n"
        data = (b"%PDF-1.4\n" + body + b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n"
                b"trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (9 + len(body)))
    else:
        data = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] "
                b"/Count 0 >>\nendobj\n3 0 obj\n<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM "
                b"/AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <" + b"00" * 48 + b"> /U <"
                + b"00" * 48 + b"> /OE <" + b"00" * 32 + b"> /UE <" + b"00" * 32 + b"> /P -4 /Perms <" + b"00" * 16
                + b"> >>\nendobj\ntrailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [<00> <00>] >>\n%%EOF\n")
    (signed / "Okafor signed pages.pdf").write_bytes(data)
    run = dealdocs("binder", str(DEAL), "--signed", str(signed), "-o", str(deal_built),
                   "--binder", str(tmp_path / "binder.pdf"))
    said = run.stdout + run.stderr
    assert run.returncode in (0, 1) and "internal error" not in said and "Traceback" not in said, said
    assert "Okafor signed pages.pdf" in said


def test_binder_run_from_below_the_build_says_where_the_deal_is_built(tmp_path):
    """A second new user's trial: run from deals/, binder said "holds no build of this deal: build it with --pdf
    first" of a deal built from the repository's top; following it would have made a second output folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "deals").mkdir()
    shutil.copyfile(DEAL, tmp_path / "deals" / "bridge-example.yaml")
    (tmp_path / "signed").mkdir()
    assert dealdocs("build", "deals/bridge-example.yaml", cwd=tmp_path).returncode == 0
    run = dealdocs("binder", "bridge-example.yaml", "--signed", "../signed", cwd=tmp_path / "deals")
    said = run.stdout + run.stderr
    assert run.returncode == 2 and f"the deal is built in {tmp_path / 'output'}, not in output: run this with -o " in said, said
    assert not (tmp_path / "deals" / "output").exists()


def test_a_page_signed_on_another_version_that_reads_otherwise_now_is_not_bound(deal_built, tmp_path):
    """A second new user's trial: a signatory's title corrected after the packets were signed, the deal built again:
    the page signed under the old title was bound into the executed documents (DD525, "bound where they read as the
    pages built now", exit 0), though it did not read so. It is not bound (DD522), and the page is missing (DD520)."""
    signed = signed_folder(deal_built, tmp_path / "signed")  # signed on the bridge example as built
    text = DEAL.read_text(encoding="utf-8")
    old = "      name: David Okafor\n      title: Managing Member\n"
    assert old in text
    sheet = tmp_path / "deals" / "bridge-example.yaml"
    sheet.parent.mkdir()
    sheet.write_text(text.replace(old, "      name: David Okafor\n      title: Manager\n"), encoding="utf-8")
    output = tmp_path / "out"
    assert Builder(output_dir=output, pdf=True).build(sheet).ok
    run = dealdocs("binder", str(sheet), "--signed", str(signed), "-o", str(output))
    said = run.stdout + run.stderr
    assert run.returncode == 1 and not (output / "bridge-example" / "executed").exists(), said
    stale = [line for line in run.stdout.splitlines() if "DD522" in line and "david-okafor.pdf" in line]
    assert len(stale) == 2, run.stdout  # his closing packet's pages, and his release notice page
    assert all("signed on a packet of another version, and not as the page built now reads" in line for line in stale)
    assert any("DD520" in line and "David Okafor" in line for line in run.stdout.splitlines()), said
    assert not any("DD522" in line and "margaret-chen.pdf" in line for line in run.stdout.splitlines())  # hers read as now
