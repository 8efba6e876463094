"""The build record is of the bytes built from; PDFs leave nothing behind and are the same on every run."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
ESCROW = REPO / "deals" / "roo-2005-escrow.yaml"


NO_DATE = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the zip epoch: dealdocs writes no date of its own


def _creation_date(pdf: bytes) -> datetime | None:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).metadata.creation_date


def dealdocs(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_the_record_hashes_the_bytes_built_from_though_the_file_is_saved_during_the_build(tmp_path, monkeypatch):
    import dealdocs.pipeline as pipeline
    from dealdocs.ooxml.text import document_text

    term_sheet = tmp_path / "deal.yaml"
    original = BRIDGE.read_bytes()
    term_sheet.write_bytes(original)
    real_check = pipeline.check_deal

    def saved_meanwhile(deal, source):  # the lawyer saves the term sheet just after the build read it
        term_sheet.write_text(BRIDGE.read_text().replace("interest_rate: 12", "interest_rate: 11"))
        return real_check(deal, source)

    monkeypatch.setattr(pipeline, "check_deal", saved_meanwhile)
    result = pipeline.Builder(output_dir=tmp_path / "output").build(term_sheet)
    assert result.ok and result.written
    manifest = json.loads((tmp_path / "output" / "deal" / "manifest.json").read_text())
    assert manifest["term_sheet"]["sha256"] == hashlib.sha256(original).hexdigest()
    assert term_sheet.read_bytes() != original
    note = document_text(tmp_path / "output" / "deal" / "promissory-note-chen.docx")
    assert "twelve percent (12%)" in note and "(11%)" not in note


def _fake_soffice(folder: Path, body: str) -> dict:
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_pdf_conversion_leaves_nothing_in_the_temporary_folder_even_when_it_fails(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    failing = {**os.environ, "TMPDIR": str(temporary), **_fake_soffice(tmp_path / "bin", "echo cannot >&2; exit 1")}
    failed = dealdocs("build", str(ESCROW), "-o", str(tmp_path / "out"), "--pdf", env=failing)
    assert failed.returncode == 1 and "LibreOffice could not convert" in failed.stderr + failed.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert list(temporary.iterdir()) == []

    # a "PDF" that is none (the arguments' last is the output folder's: --outdir DIR files...)
    broken = {**os.environ, "TMPDIR": str(temporary), **_fake_soffice(
        tmp_path / "bin2", 'for f in "$@"; do case "$f" in *.docx) printf "%%PDF-1.6 no more" > "${f%.docx}.pdf";; esac; done')}
    failed = dealdocs("build", str(ESCROW), "-o", str(tmp_path / "out"), "--pdf", env=broken)
    assert failed.returncode == 1 and "cannot be read back" in failed.stderr + failed.stdout, failed.stderr
    assert "Traceback" not in failed.stderr and list(temporary.iterdir()) == []

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    built = dealdocs("build", str(ESCROW), "-o", str(tmp_path / "out"), "--pdf", env={**os.environ, "TMPDIR": str(temporary)})
    assert built.returncode == 0, built.stderr
    assert list(temporary.iterdir()) == []


def test_pdfs_are_the_same_bytes_on_every_run(tmp_path):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    first = dealdocs("build", str(ESCROW), "-o", str(tmp_path / "one"), "--pdf")
    time.sleep(1.1)  # another second on the clock
    second = dealdocs("build", str(ESCROW), "-o", str(tmp_path / "two"), "--pdf", env={**os.environ, "TZ": "Asia/Kolkata"})
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "DD152" not in first.stdout + first.stderr  # set in the typeface asked for, or its metric twin
    folders = [tmp_path / "one" / "roo-2005-escrow", tmp_path / "two" / "roo-2005-escrow"]
    one, two = ({p.relative_to(f).as_posix(): p.read_bytes() for p in sorted(f.rglob("*.pdf"))} for f in folders)
    docx = {p.relative_to(folders[0]).with_suffix(".pdf").as_posix() for p in folders[0].rglob("*.docx")}
    assert set(one) == docx  # a PDF of every Word file: documents, packets (at release too), the checklist
    assert {"escrow-agreement.pdf", "release-notice.pdf", "closing-checklist.pdf"} <= set(one)
    assert any(name.startswith("signature-packets/at-release/") for name in one)
    assert one == two
    assert (tmp_path / "one" / "roo-2005-escrow" / "manifest.json").read_bytes() == \
        (tmp_path / "two" / "roo-2005-escrow" / "manifest.json").read_bytes()
    for pdf in one.values():
        assert pdf.startswith(b"%PDF") and _creation_date(pdf) == NO_DATE  # no clock, no invented date
    faces = {name.split("+")[-1] for pdf in one.values() for name in _fonts(pdf)}
    assert faces and all(face.startswith(("LiberationSerif", "TimesNewRoman")) for face in faces), (
        f"the PDFs are set in {sorted(faces)}, not Times New Roman or its metric twin: apt-get install fonts-liberation2")


def _fonts(pdf: bytes) -> set[str]:
    """The fonts a PDF's pages use."""
    from pypdf import PdfReader

    return {str(font.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
            for font in page["/Resources"].get_object().get("/Font", {}).get_object().values()}


def test_pdfs_libreoffice_made_with_their_fonts_in_another_order_become_the_same_bytes(tmp_path):
    """LibreOffice now and then embeds a document's fonts in another order (tests/corpus/pdf): once written again,
    numbered in the order its objects are reached, each is the same file, whose pages look and read as before."""
    from pypdf import PdfReader

    from dealdocs.outputs.pdf import reproducible

    folder = REPO / "tests" / "corpus" / "pdf"
    one, other = (folder / "release-notice-fonts-one-way.pdf").read_bytes(), (folder / "release-notice-fonts-the-other-way.pdf").read_bytes()

    def fonts(data: bytes) -> dict[str, tuple[int, str]]:
        page = PdfReader(io.BytesIO(data)).pages[0]
        return {name: (ref.idnum, ref.get_object()["/BaseFont"]) for name, ref in dict.items(page["/Resources"]["/Font"])}

    assert one != other and fonts(one) != fonts(other)  # the same faces under other object numbers
    made = reproducible(one, "19800101000000")
    assert made == reproducible(other, "19800101000000") == reproducible(made, "19800101000000")
    assert made.startswith(b"%PDF-1.6")
    (tmp_path / "before.pdf").write_bytes(one)
    (tmp_path / "after.pdf").write_bytes(made)
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed: apt-get install poppler-utils")
    text = [subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{n}.pdf"), "-"], capture_output=True, check=True).stdout
            for n in ("before", "after")]
    assert text[0] == text[1] and b"RELEASE NOTICE" in text[0].upper()
    for name in ("before", "after"):
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
    pages = [sorted(tmp_path.glob(f"{n}-*.png")) for n in ("before", "after")]
    assert len(pages[0]) == len(pages[1]) >= 1
    assert [p.read_bytes() for p in pages[0]] == [p.read_bytes() for p in pages[1]]
    before, after = PdfReader(io.BytesIO(one)), PdfReader(io.BytesIO(made))
    assert sorted(before.trailer["/Root"]) == sorted(after.trailer["/Root"])  # its language, opening view, outline
    assert {**before.metadata, "/CreationDate": None} == {**after.metadata, "/CreationDate": None}  # title, author...


def test_a_pdf_set_in_another_typeface_than_its_document_asks_for_is_a_warning(tmp_path):
    """A firm's escrow agreement in a typeface this machine lacks: LibreOffice sets its PDF in another, of other
    widths, whose lines and pages break where Word's do not; the build says so (DD152), naming both."""
    import zipfile

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    firm = tmp_path / "templates"
    firm.mkdir()
    with zipfile.ZipFile(REPO / "templates" / "escrow-agreement.docx") as source, \
            zipfile.ZipFile(firm / "escrow-agreement.docx", "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/styles.xml":
                assert b"Times New Roman" in data
                data = data.replace(b"Times New Roman", b"Garamond Nonesuch")
            target.writestr(entry, data)
    built = dealdocs("build", str(ESCROW), "-o", str(tmp_path / "out"), "--pdf", "--templates", str(firm))
    assert built.returncode == 0, built.stderr
    warned = [line for line in (built.stdout + built.stderr).splitlines() if "DD152" in line]
    assert len(warned) == 1, warned  # not the release notice: the built-in template's, in Liberation Serif
    assert warned[0].startswith("escrow-agreement.pdf: warning DD152: set in ")
    assert "this machine lacks Garamond Nonesuch, which the Word file asks for" in warned[0]
    assert "Install Garamond Nonesuch and build again." in warned[0]  # no metric twin known for it


def test_a_build_without_pdf_names_each_pdf_it_removes_and_says_the_kept_ones_in_one_line(tmp_path):
    """A new user's trial: a build without --pdf after one with it said 27 lines 'kept ...: its Word file is as it
    was when the PDF was made', then 'removed the earlier build's 16 PDFs of Word files that changed' without naming
    one: the packets sent out for signature could be among them. Each removed PDF is named, by its path, after why
    it went; the kept ones are one line, with their count and folder; --format json lists both in full."""
    import yaml

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    sheet = tmp_path / "bridge-example.yaml"
    data = yaml.safe_load(BRIDGE.read_text())
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    built = dealdocs("build", str(sheet), "-o", str(tmp_path / "out"), "--pdf")
    assert built.returncode == 0, built.stdout + built.stderr
    out = tmp_path / "out" / "bridge-example"
    before = json.loads((out / "manifest.json").read_text())["files"]
    shutil.copytree(tmp_path / "out", tmp_path / "copy")  # the same earlier build, rebuilt again for --format json
    data["notes"]["events_of_default"]["cross_default_amount"] = 300_000  # the notes and their packets change
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    again = dealdocs("build", str(sheet), "-o", str(tmp_path / "out"), "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    after = json.loads((out / "manifest.json").read_text())["files"]
    pdfs = sorted(name for name in before if name.endswith(".pdf"))
    removed = [name for name in pdfs if name not in after]
    kept = [name for name in pdfs if name in after]
    assert {"promissory-note-chen.pdf", "signature-packets/margaret-chen.pdf"} <= set(removed) and len(kept) > 2, (
        removed, kept)
    lines = again.stdout.splitlines()
    said = lines.index(f"removed the earlier build's {len(removed)} PDFs of Word files that changed, since this "
                       "build was made without --pdf (build with --pdf to make them again):")
    assert lines[said + 1:said + 1 + len(removed)] == [f"  {out / name}" for name in removed], again.stdout
    assert [line for line in lines if line.startswith("kept ")] == [
        f"kept {len(kept)} PDFs of the earlier build, in {out}: their Word files are as they were when the PDFs "
        "were made"], again.stdout
    assert not any(f"{out / name}" in line for name in kept for line in lines), again.stdout  # said in that one line
    assert all((out / name).is_file() for name in kept) and not any((out / name).exists() for name in removed)
    shown = (REPO / "README.md").read_text().split("$ dealdocs build deals/bridge-example.yaml\n...\n", 1)[1]
    shown = shown.split("\n```", 1)[0].replace("/home/you/output", str(tmp_path / "out")).splitlines()
    assert [line.replace(str(sheet), "deals/bridge-example.yaml") for line in lines[-len(shown):]] == shown  # as README.md shows it
    listed = dealdocs("build", str(sheet), "-o", str(tmp_path / "copy"), "--force", "--format", "json")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    result = json.loads(listed.stdout)["results"][0]
    assert [n for n in result["removed"] if n.endswith(".pdf")] == removed and result["kept"] == kept
    # what this build wrote, not the PDFs it kept (a new user's trial: "written" listed them too)
    folder = tmp_path / "copy" / "bridge-example"
    assert not {str(folder / name) for name in kept} & set(result["written"]), result["written"]
    assert str(folder / "promissory-note-chen.docx") in result["written"]
