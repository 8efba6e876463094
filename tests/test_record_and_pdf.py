"""The build record is of the bytes built from; PDFs leave nothing behind and are the same on every run."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
ESCROW = REPO / "deals" / "roo-2005-escrow.yaml"


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
    one = {p.name: p.read_bytes() for p in sorted((tmp_path / "one" / "roo-2005-escrow").glob("*.pdf"))}
    two = {p.name: p.read_bytes() for p in sorted((tmp_path / "two" / "roo-2005-escrow").glob("*.pdf"))}
    assert set(one) == {"escrow-agreement.pdf", "release-notice.pdf"}
    assert one == two
    assert (tmp_path / "one" / "roo-2005-escrow" / "manifest.json").read_bytes() == \
        (tmp_path / "two" / "roo-2005-escrow" / "manifest.json").read_bytes()
    for pdf in one.values():
        assert pdf.startswith(b"%PDF") and b"/CreationDate(D:19800101000000" in pdf  # no clock, no invented date
