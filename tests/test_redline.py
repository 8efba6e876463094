"""Redlines between versions of a deal, and the wire-instruction watch, as a user runs them.

The bridge example is copied into a temporary git repository, one purchaser's
amount and another's name are changed, and `dealdocs redline` runs as a real
process against the original file and against git revisions (committed and
uncommitted). The redline .docx files are opened and their tracked changes
(`w:ins`/`w:del`) read back: each change is in the documents it belongs to and
nowhere else, documents it does not touch get no file, changes.md lists
exactly the changed fields, a second run gives the same bytes, and every file
converts to PDF with LibreOffice.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "deals" / "bridge-example.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

OLD_NAME, NEW_NAME = "Margaret Chen", "Margaret Lin"
EXPECTED_FIELDS = {  # a party's fields are named by the party, in the current version
    "purchaser (Quarry Lane Fund, LLC) subscription: 750,000.00 -> 800,000.00",
    "purchaser (Quarry Lane Fund, LLC) principal: 750,000.00 -> 800,000.00",
    "escrow.aggregate_subscription: 2,000,000.00 -> 2,050,000.00",
    "disbursement (Meridian Capital Markets, LLC) amount: 160,000.00 -> 164,000.00",  # key: escrow.disbursements[2].amount
    f"purchaser ({NEW_NAME}) name: {OLD_NAME} -> {NEW_NAME}",
}
EXPECTED_KEYS = ["purchasers[1].subscription", "purchasers[1].principal", "purchasers[2].name",
                 "escrow.aggregate_subscription", "escrow.disbursements[2].amount"]  # --format json's, as before
NAME_DOCUMENTS = {"escrow-agreement", "release-notice", "note-purchase-agreement", "promissory-note-chen",
                  "security-agreement"}
# each document an amount changes in, with the figures that change there
AMOUNT_DOCUMENTS = {
    "note-purchase-agreement": ("750,000.00", "800,000.00"),
    "promissory-note-quarry-lane": ("750,000.00", "800,000.00"),
    "escrow-agreement": ("160,000.00", "164,000.00"),  # the placement agent's fee, 8% of the gross proceeds
    "security-agreement": ("2,000,000.00", "2,050,000.00"),  # the aggregate principal of the notes it secures
    # every note states the aggregate principal of the series it belongs to
    "promissory-note-harborview": ("2,000,000.00", "2,050,000.00"),
    "promissory-note-chen": ("2,000,000.00", "2,050,000.00"),
}
# Every word a tracked change may hold: the name's, and the amounts' (in figures and in words).
NAME_WORDS = {"Chen", "Lin"}
AMOUNT_WORDS = {"$750,000.00", "$800,000.00", "$2,000,000.00", "$2,050,000.00", "750,000.00", "800,000.00",
                "$160,000.00", "$164,000.00", "Sixty", "Sixty-Four", "-Four",  # the placement fee in words
                "2,000,000.00", "2,050,000.00", "Seven", "Eight", "Hundred", "Fifty", "Thousand", "Million",
                "Two", "Dollars", "and",
                "One"}  # an amount in words is struck and written whole: "One Hundred Sixty Thousand" went


# -- helpers ------------------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    identity = ["-c", "user.name=Test Lawyer", "-c", "user.email=lawyer@example.com", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def edited(text: str) -> str:
    """The example with Quarry Lane buying 800,000.00 instead of 750,000.00, and Margaret Chen renamed.

    The placement agent's fee follows the proceeds: 8% of 2,050,000.00 is 164,000.00 (DD181 otherwise).
    """
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "name: Quarry Lane Fund, LLC" in line)
    for i in range(start, len(lines)):
        if lines[i].strip() in ("subscription: 750,000.00", "principal: 750,000.00"):
            lines[i] = lines[i].replace("750,000.00", "800,000.00")
        if lines[i].strip().startswith("- kind:") and i > start:
            break
    changed = "".join(lines)
    changed = changed.replace("aggregate_subscription: 2,000,000.00", "aggregate_subscription: 2,050,000.00")
    assert changed.count("amount: 160,000.00\n") == 1
    changed = changed.replace("amount: 160,000.00\n", "amount: 164,000.00\n")
    assert changed.count(f"name: {OLD_NAME}\n") == 1
    changed = changed.replace(f"name: {OLD_NAME}\n", f"name: {NEW_NAME}\n")
    assert changed.count("800,000.00") == 2
    return changed


def tracked_changes(data: bytes) -> list[tuple[str, str, str | None, str | None]]:
    """(kind 'ins' or 'del', text, author, date) of every tracked change in a .docx's document part."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    changes = []
    for element in root.iter(f"{W}ins", f"{W}del"):
        text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        changes.append((element.tag[len(W):], text, element.get(f"{W}author"), element.get(f"{W}date")))
    return changes


def changed_fields(markdown: str) -> list[str]:
    """The field lines of changes.md, without the documents each touches."""
    section = markdown.split("## Changed fields", 1)[1].split("\n## ", 1)[0]
    return [line[2:].split("; touches", 1)[0].split("; with the other changes", 1)[0] for line in section.splitlines() if line.startswith("- ")]


def redline_files(folder: Path) -> dict[str, bytes]:
    """document name -> redline bytes, for every *-redline.docx in a redline folder."""
    return {p.name.removesuffix("-redline.docx"): p.read_bytes() for p in sorted(folder.glob("*-redline.docx"))}


def require(available: bool, what: str) -> None:
    """A test that needs `what` fails without it (make installs the engine; .ci/run installs LibreOffice)."""
    if not available:
        pytest.fail(f"{what} is not installed, and this test needs it")


def engine_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("python_redlines", "python_redlines_docxodus"))


@pytest.fixture(scope="module")
def engine() -> None:
    require(engine_installed(), "python-redlines with its Docxodus engine (pip install 'dealdocs[redline]')")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, engine):
    """A git repository holding the example (commit 1) and its edited version (commit 2), redlined three ways."""
    base = tmp_path_factory.mktemp("redline")
    repo = base / "deals-repo"
    (repo / "deals").mkdir(parents=True)
    term_sheet = repo / "deals" / "bridge-example.yaml"
    original = base / "original.yaml"
    shutil.copyfile(EXAMPLE, original)
    shutil.copyfile(EXAMPLE, term_sheet)
    git(repo, "init", "-q")
    git(repo, "add", "deals")
    git(repo, "commit", "-q", "-m", "Bridge notes: first draft", date="2026-02-20T09:00:00+00:00")
    term_sheet.write_text(edited(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "Quarry Lane takes 800,000; Margaret Lin", date="2026-02-24T15:30:00+00:00")

    against_file = run("redline", "deals/bridge-example.yaml", "--against", str(original), "-o", "out-file", cwd=repo)
    against_git = run("redline", "deals/bridge-example.yaml", "--against", "HEAD~1", "-o", "out-git", cwd=repo)
    first = {p.name: p.read_bytes() for p in (repo / "out-git" / "bridge-example" / "redline").iterdir()}
    again = run("redline", "deals/bridge-example.yaml", "--against", "HEAD~1", "-o", "out-git", cwd=repo)
    return {
        "repo": repo,
        "original": original,
        "runs": {"file": against_file, "git": against_git, "again": again},
        "folders": {
            "file": repo / "out-file" / "bridge-example" / "redline",
            "git": repo / "out-git" / "bridge-example" / "redline",
        },
        "first_git_bytes": first,
    }


# -- the redline, against a file and against a git revision ----------------------------------------


@pytest.mark.parametrize("mode", ["file", "git"])
def test_redline_exits_clean_and_writes_one_file_per_changed_document(scenario, mode):
    out = scenario["runs"][mode]
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    files = redline_files(scenario["folders"][mode])
    assert set(files) == NAME_DOCUMENTS | set(AMOUNT_DOCUMENTS)
    names = sorted(p.name for p in scenario["folders"][mode].iterdir())
    # no staging left behind; the redline's record beside the redlines
    assert names == sorted([f"{n}-redline.docx" for n in files] + ["changes.md", "manifest.json"])


@pytest.mark.parametrize("mode", ["file", "git"])
def test_each_change_is_tracked_in_its_documents_and_nowhere_else(scenario, mode):
    files = redline_files(scenario["folders"][mode])
    for name, data in files.items():
        changes = tracked_changes(data)
        assert changes, f"{name}: no tracked change"
        deleted = " ".join(text for kind, text, *_ in changes if kind == "del")
        inserted = " ".join(text for kind, text, *_ in changes if kind == "ins")
        if name in NAME_DOCUMENTS:
            assert "Chen" in deleted and "Lin" in inserted, (name, changes)
        else:
            assert "Chen" not in deleted + inserted and "Lin" not in deleted + inserted, (name, changes)
        if name in AMOUNT_DOCUMENTS:
            old, new = AMOUNT_DOCUMENTS[name]
            assert old in deleted and new in inserted, (name, changes)
        else:
            assert not re.search(r"\d", deleted + inserted), (name, changes)
        allowed = (NAME_WORDS if name in NAME_DOCUMENTS else set()) | (AMOUNT_WORDS if name in AMOUNT_DOCUMENTS else set())
        for kind, text, author, date in changes:
            words = {word.strip("[](),.;:") for word in text.split()}  # "Chen]": a signature page's caption
            assert words <= allowed, f"{name}: unexpected {kind} {text!r}"
            assert author == "dealdocs"
            assert date and date.endswith("Z")


def test_a_changed_amount_is_struck_whole_then_written_whole(scenario):
    """Quarry Lane's principal, 750,000 -> 800,000: the engine tracks "Eight" before "Seven" and "Fifty" alone;
    the redline strikes the old amount in words whole, then writes the new one whole, as a partner marks up."""
    changes = [(kind, text) for kind, text, *_ in tracked_changes(redline_files(scenario["folders"]["file"])["promissory-note-quarry-lane"])]
    assert ("del", "Seven Hundred Fifty Thousand") in changes, changes
    words = changes.index(("del", "Seven Hundred Fifty Thousand"))
    assert changes[words + 1] == ("ins", "Eight Hundred Thousand"), changes
    figures = changes.index(("del", "$750,000.00"))
    assert changes[figures + 1] == ("ins", "$800,000.00"), changes


WHOLE_AMOUNTS = {  # every change a redline of 500,000 -> 550,000 may mark: each amount whole, words or figures
    ("Five Hundred Thousand", "Five Hundred Fifty Thousand"), ("$500,000.00", "$550,000.00"),
    ("Two Hundred Thousand", "Two Hundred Fifty Thousand"), ("$200,000.00", "$250,000.00"),  # Harborview's
    ("Forty Thousand", "Forty-Four Thousand"), ("$40,000.00", "$44,000.00"),  # the placement fee, 8%
}


def amounts_version(folder: Path, name: str, harborview: str) -> Path:
    """The bridge example raising $500,000 (or $550,000): Harborview buys `harborview`, Quarry Lane 200,000.00,
    Chen 100,000.00; the escrowed total and the placement fee follow, so that the version passes check."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for purchaser, amount in zip(data["purchasers"], (harborview, "200,000.00", "100,000.00")):
        purchaser["subscription"] = purchaser["principal"] = amount
    return written_version(folder / name, data, fit=True)


def written_version(path: Path, data: dict, *, fit: bool) -> Path:
    """`data` (the bridge example, changed) written to `path`; with `fit`, the escrowed total and the placement fee
    (8%) follow its purchasers' subscriptions, so that the version passes check."""
    import yaml

    if fit:
        total = sum(Decimal(p["subscription"].replace(",", "")) for p in data["purchasers"])
        data["escrow"]["aggregate_subscription"] = f"{total:,.2f}"
        data["escrow"]["disbursements"][2]["amount"] = f"{total * 8 / 100:,.2f}"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_an_amount_that_keeps_its_first_words_is_struck_whole_in_every_document(tmp_path, engine):
    """$500,000 -> $550,000 (a new user's trial): "Five Hundred" is kept, "Fifty" put in; every document strikes
    "Five Hundred Thousand" whole and writes "Five Hundred Fifty Thousand" whole, the note purchase agreement's
    Section 2.1 too, whose number, tab and text the template writes in one run."""
    from click.testing import CliRunner

    from dealdocs.cli import main
    from dealdocs.ooxml.text import read

    current = amounts_version(tmp_path, "bridge-example.yaml", "250,000.00")
    earlier = amounts_version(tmp_path, "earlier.yaml", "200,000.00")
    result = CliRunner().invoke(main, ["redline", str(current), "--against", str(earlier), "-o", str(tmp_path / "out"),
                                       "--each"])
    assert result.exit_code == 0, result.output
    texts = {path.name.removesuffix("-redline.docx"): [p.text for p in read(path, changes=True)]
             for path in (tmp_path / "out" / "bridge-example" / "redline").glob("*-redline.docx")}
    assert set(texts) == {"escrow-agreement", "note-purchase-agreement", "security-agreement", *NOTES.values()}
    whole = "[-Five Hundred Thousand-]{+Five Hundred Fifty Thousand+} Dollars ([-$500,000.00-]{+$550,000.00+})"
    for name, lines in texts.items():
        stated = [line for line in lines if "Five Hundred" in line]
        assert stated and all(whole in line for line in stated), (name, stated)
        marked = "\n".join(lines)
        pairs = re.findall(r"\[-(.*?)-\]\{\+(.*?)\+\}", marked)
        assert set(pairs) <= WHOLE_AMOUNTS, (name, set(pairs) - WHOLE_AMOUNTS)
        assert marked.count("[-") == marked.count("{+") == len(pairs), name  # each struck, then written
    section = next(line for line in texts["note-purchase-agreement"] if line.startswith("2.1\tPurchase Price."))
    assert f"The aggregate Purchase Price of the Notes is {whole}." in section


def test_the_text_of_a_redline_shows_what_went_and_what_came(scenario):
    """`dealdocs text` of a redline (a new user's trial: it printed the new text, no change to be seen) marks its
    tracked changes as a word diff does; the checks read the text with them accepted."""
    from dealdocs.ooxml.text import read

    path = scenario["folders"]["file"] / "promissory-note-quarry-lane-redline.docx"
    out = run("text", str(path), cwd=scenario["repo"])
    assert out.returncode == 0, out.stderr
    assert "[-Seven Hundred Fifty Thousand-]{+Eight Hundred Thousand+} Dollars ([-$750,000.00-]{+$800,000.00+})" in out.stdout
    waiver = next(line for line in out.stdout.splitlines() if line.startswith("The Maker waives demand"))
    assert "[-" not in waiver and "{+" not in waiver  # a paragraph not changed reads as it is
    accepted = " ".join(p.text for p in read(path))
    assert "Eight Hundred Thousand Dollars ($800,000.00)" in accepted and "Seven Hundred" not in accepted
    assert "[-" not in accepted and "{+" not in accepted


@pytest.mark.parametrize("mode", ["file", "git"])
def test_a_replacement_reads_what_went_then_what_came(scenario, mode):
    """No insertion stands just before a deletion: a replaced word is struck, then its replacement written."""
    for name, data in redline_files(scenario["folders"][mode]).items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        for inserted in root.iter(f"{W}ins"):
            following = inserted.getnext()
            assert following is None or following.tag != f"{W}del", f"{name}: an insertion before a deletion"


def test_revision_dates_are_pinned_not_the_clock(scenario):
    git_dates = {d for data in redline_files(scenario["folders"]["git"]).values() for *_, d in tracked_changes(data)}
    assert git_dates == {"2026-02-24T15:30:00Z"}  # the term sheet's last commit
    file_dates = {d for data in redline_files(scenario["folders"]["file"]).values() for *_, d in tracked_changes(data)}
    assert file_dates == {"2026-03-02T00:00:00Z"}  # the later of the deals' agreement dates
    # and the summary says which (it said "a date of the deal's" of a commit's date too)
    assert ("dated 2026-02-24T15:30:00Z: the date of the term sheet's last commit, never the clock"
            in (scenario["folders"]["git"] / "changes.md").read_text(encoding="utf-8"))
    assert ("dated 2026-03-02T00:00:00Z: the latest agreement date of the two versions, never the clock"
            in (scenario["folders"]["file"] / "changes.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", ["file", "git"])
def test_changes_md_lists_exactly_the_changed_fields_and_the_documents_they_touch(scenario, mode):
    out = scenario["runs"][mode]
    markdown = (scenario["folders"][mode] / "changes.md").read_text(encoding="utf-8")
    assert sorted(changed_fields(markdown)) == sorted(EXPECTED_FIELDS)
    assert markdown in out.stdout  # the summary printed is the one written
    assert "SECURITY WARNING" not in markdown
    lines = {line[2:].split("; ", 1)[0]: line for line in markdown.splitlines() if line.startswith("- ")}
    name_line = lines[f"purchaser ({NEW_NAME}) name: {OLD_NAME} -> {NEW_NAME}"]
    assert all(n in name_line for n in NAME_DOCUMENTS) and "quarry-lane" not in name_line
    principal_line = lines["purchaser (Quarry Lane Fund, LLC) principal: 750,000.00 -> 800,000.00"]
    assert "promissory-note-quarry-lane" in principal_line
    # another purchaser's principal reaches each note through the aggregate principal of the series, never its name
    assert "promissory-note-harborview" in principal_line
    assert "promissory-note-harborview" not in name_line


def test_redlining_twice_gives_identical_bytes(scenario):
    assert scenario["runs"]["again"].returncode == 0, scenario["runs"]["again"].stderr
    now = {p.name: p.read_bytes() for p in scenario["folders"]["git"].iterdir()}
    assert now.keys() == scenario["first_git_bytes"].keys()
    for name, data in now.items():
        assert data == scenario["first_git_bytes"][name], f"{name} differs between two runs"


def test_every_redline_converts_to_pdf(scenario):
    from dealdocs.outputs.pdf import convert_to_pdf

    require(shutil.which("soffice") is not None or shutil.which("libreoffice") is not None, "LibreOffice (soffice)")
    files = {f"{name}-redline.docx": data for name, data in redline_files(scenario["folders"]["git"]).items()}
    pdfs = convert_to_pdf(files)
    assert len(pdfs) == len(files)
    for pdf in pdfs.values():
        assert pdf.startswith(b"%PDF")


def test_uncommitted_edits_against_head(tmp_path, engine):
    repo = tmp_path / "repo"
    (repo / "deals").mkdir(parents=True)
    term_sheet = repo / "deals" / "bridge-example.yaml"
    shutil.copyfile(EXAMPLE, term_sheet)
    git(repo, "init", "-q")
    git(repo, "add", "deals")
    git(repo, "commit", "-q", "-m", "draft", date="2026-02-20T09:00:00+00:00")
    term_sheet.write_text(edited(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    out = run("redline", str(term_sheet), "--against", "HEAD", "-o", str(tmp_path / "out"), "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert sorted(f["line"] for f in data["fields"]) == sorted(EXPECTED_FIELDS)
    assert sorted(f["key"] for f in data["fields"]) == sorted(EXPECTED_KEYS)
    assert all(f["old_key"] == f["key"] and f["change"] == "changed" for f in data["fields"])
    assert {f["party"] for f in data["fields"]} == {"Quarry Lane Fund, LLC", NEW_NAME, None}
    assert data["revision_date"] == "2026-02-20T09:00:00Z"
    assert {d["name"] for d in data["documents"] if d["redline"]} == NAME_DOCUMENTS | set(AMOUNT_DOCUMENTS)
    assert {d["name"]: d["status"] for d in data["documents"]}["promissory-note-harborview"] == "changed"  # the series


def test_no_change_writes_no_redline(tmp_path, engine):
    copy = tmp_path / "bridge-example.yaml"
    # the same deal, amounts written another way: no field changed
    copy.write_text(EXAMPLE.read_text(encoding="utf-8").replace("subscription: 1,000,000.00", "subscription: 1000000"), encoding="utf-8")
    out = run("redline", str(copy), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "No term sheet field changed." in out.stdout and out.stdout.count(": unchanged") == 7
    assert "nothing written: the two versions build the same documents" in out.stdout
    assert not (tmp_path / "out" / "bridge-example").exists()


def test_a_redline_says_which_of_the_previous_redlines_it_removes_and_one_of_no_change_removes_none(tmp_path, engine):
    """A new user's trial: the second redline took away the first one's blacklines of documents it found unchanged,
    without a word (a build names each file it removes). Another's (session 62): a redline against the commit just
    made, which changes nothing, deleted every blackline of the one before, those already sent among them; it now
    writes nothing, and says so."""
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_text(edited(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    first = run("redline", str(sheet), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "out" / "bridge-example" / "redline"
    made = sorted(p.name for p in folder.glob("*-redline.docx"))
    assert made and "removed" not in first.stdout
    kept = {p.name: p.read_bytes() for p in folder.iterdir()}
    same = run("redline", str(sheet), "--against", str(sheet), "-o", str(tmp_path / "out"), "--format", "json",
               cwd=tmp_path)
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["removed"] == [] and json.loads(same.stdout)["written"] == []
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == kept
    # a field no document states (the deal's title) changed, the documents the same: nothing written either (a code
    # review: the field's change made it a redline, which removed every blackline of the one before)
    titled = tmp_path / "titled.yaml"
    text = sheet.read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("title: ")]
    titled.write_text(text.replace(line, "title: Another title"), encoding="utf-8")
    retitled = run("redline", str(titled), "--against", str(sheet), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert retitled.returncode == 0 and "touches no document's text" in retitled.stdout, retitled.stderr
    assert "nothing written: the two versions build the same documents" in retitled.stdout
    assert {p.name: p.read_bytes() for p in (tmp_path / "out" / "bridge-example" / "redline").iterdir()} == kept
    renamed = EXAMPLE.read_text(encoding="utf-8").replace(f"name: {OLD_NAME}\n", f"name: {NEW_NAME}\n")
    sheet.write_text(renamed, encoding="utf-8")  # the name changed, no amount: the Quarry Lane note not touched
    again = run("redline", str(sheet), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), "--format", "json",
                cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    now = sorted(p.name for p in folder.glob("*-redline.docx"))
    gone = sorted(set(made) - set(now))
    assert "promissory-note-quarry-lane-redline.docx" in gone and "promissory-note-chen-redline.docx" in now
    assert json.loads(again.stdout)["removed"] == gone
    sheet.write_text(edited(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    assert run("redline", str(sheet), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path).returncode == 0
    sheet.write_text(renamed, encoding="utf-8")
    said = run("redline", str(sheet), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path).stdout
    assert [line for line in said.splitlines() if line.startswith("removed ")] == [
        f"removed {name}: the previous redline's, which this one does not make" for name in gone]


# -- the wire instructions ------------------------------------------------------------------------


def test_changed_wire_instructions_print_a_security_warning(tmp_path, engine):
    changed = tmp_path / "bridge-example.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert 'account_number: "4401927735"' in text
    changed.write_text(text.replace('account_number: "4401927735"', 'account_number: "9901927735"'), encoding="utf-8")
    out = run("redline", str(changed), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert out.returncode == 1, out.stderr  # a problem, as check and build say: a CI job stops on it; redlines written
    markdown = (tmp_path / "out" / "bridge-example" / "redline" / "changes.md").read_text(encoding="utf-8")
    # confirmed by telephone and recorded: still said, no longer a problem (a reviewer: it exited 1 for ever after)
    confirmed = run("confirm-wire", str(changed), "-o", str(tmp_path / "out"), "--by", "R. Counsel", cwd=tmp_path)
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    again = run("redline", str(changed), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert again.returncode == 0 and "SECURITY WARNING" in again.stdout, again.stdout + again.stderr
    for where in (out.stdout, markdown):
        assert "SECURITY WARNING: THE WIRE INSTRUCTIONS CHANGED" in where
        assert "escrow.wire.account_number (account number): 4401927735 -> 9901927735" in where
        assert "closing fraud" in where
        assert where.index("SECURITY WARNING") < where.index("## Changed fields")  # it heads the summary
    assert changed_fields(markdown) == ["escrow.wire.account_number: 4401927735 -> 9901927735"]
    # the wire table is in the escrow agreement only
    assert set(redline_files(tmp_path / "out" / "bridge-example" / "redline")) == {"escrow-agreement"}


# a build's own watch on the wire instructions (DD150, DD151): tests/test_wire_confirmation.py


# -- errors a user can meet --------------------------------------------------------------------------


def test_missing_engine_says_how_to_install(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from dealdocs.cli import main
    from dealdocs.errors import ToolMissingError
    from dealdocs.outputs.redline import load_engine

    monkeypatch.setitem(sys.modules, "python_redlines", None)  # `import python_redlines` now fails
    with pytest.raises(ToolMissingError, match=re.escape("pip install 'dealdocs[redline]'")):
        load_engine()
    result = CliRunner().invoke(main, ["redline", str(EXAMPLE), "--against", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install 'dealdocs[redline]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "bridge-example").exists()


def test_missing_engine_binary_says_how_to_install(monkeypatch):
    require(engine_installed(), "python-redlines with its Docxodus engine (pip install 'dealdocs[redline]')")
    from dealdocs.errors import ToolMissingError
    from dealdocs.outputs.redline import load_engine

    monkeypatch.setitem(sys.modules, "python_redlines_docxodus", None)  # the engine's binary package is gone
    with pytest.raises(ToolMissingError, match=re.escape("pip install 'dealdocs[redline]'")):
        load_engine()


def test_unknown_revision_is_a_usage_error(scenario):
    out = run("redline", "deals/bridge-example.yaml", "--against", "no-such-tag", "-o", "out-bad", cwd=scenario["repo"])
    assert out.returncode == 2
    assert "no such file, and not a git revision" in out.stderr
    assert not (scenario["repo"] / "out-bad").exists()


@pytest.mark.parametrize("against, what", [("deals", "a folder"), ("/dev/null", "a device")])
def test_against_a_folder_or_a_device_says_what_it_is(scenario, against, what):
    """The hostile sweep: `--against` a folder or /dev/null said "no such file"."""
    out = run("redline", "deals/bridge-example.yaml", "--against", against, "-o", "out-bad", cwd=scenario["repo"])
    assert out.returncode == 2
    assert f"it is {what}, not a term sheet file" in out.stderr and "no such file" not in out.stderr, out.stderr
    assert not (scenario["repo"] / "out-bad").exists()


def test_against_a_word_document_says_what_against_takes_and_how_to_compare_it(tmp_path):
    """A new user's trial: `--against` the note purchase agreement as sent (hand edits and all) said "the file is
    binary, not text ... run dealdocs lint", which redlines nothing."""
    sent = tmp_path / "note-purchase-agreement (as sent).docx"
    sent.write_bytes(b"PK\x03\x04")
    out = run("redline", str(EXAMPLE), "--against", str(sent), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert out.returncode == 2, out.stdout + out.stderr
    said = " ".join(out.stderr.split())
    assert "it is a DOCX document, and --against takes an earlier version of the term sheet (a .yaml file, or a git " \
           "revision such as HEAD or a tag)" in said and "use Word's Compare Documents (Review > Compare)" in said
    assert "DD008" not in said and not (tmp_path / "out").exists()


def test_outside_git_a_revision_is_a_usage_error(tmp_path, engine):
    copy = tmp_path / "bridge-example.yaml"
    shutil.copyfile(EXAMPLE, copy)
    out = run("redline", str(copy), "--against", "HEAD~1", cwd=tmp_path)
    assert out.returncode == 2
    assert "not in a git repository" in out.stderr


def test_current_version_with_errors_writes_nothing(tmp_path, engine):
    bad = tmp_path / "bridge-example.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("interest_rate: 12", "interest_rate: 30"), encoding="utf-8")
    out = run("redline", str(bad), "--against", str(EXAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert out.returncode == 1
    assert "DD117" in out.stderr and "before redlining" in out.stderr
    assert not (tmp_path / "out").exists()


# -- the field comparison, in process -------------------------------------------------------------


def test_field_changes_compare_values_and_walk_lists_by_index(tmp_path):
    from dealdocs.pipeline import Builder
    from dealdocs.outputs.redline import field_changes

    text = EXAMPLE.read_text(encoding="utf-8")
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(text, encoding="utf-8")
    after.write_text(
        text.replace("subscription: 1,000,000.00", "subscription: 1000000")  # same amount, written otherwise
        .replace("      - OTCQB Venture Market\n", "")  # a list entry removed: later entries move up
        .replace("[500 Fifth Avenue, \"New York, NY 10110\"]", "[500 Fifth Avenue, Floor 2, \"New York, NY 10110\"]"),
        encoding="utf-8",
    )
    builder = Builder()
    lines = [c.line for c in field_changes(builder.load(before), builder.load(after))]
    assert lines == [
        "escrow.wire.bank_address[1]: New York, NY 10110 -> Floor 2",
        "escrow.wire.bank_address[2]: (none) -> New York, NY 10110",
        "notes.events_of_default.listing_markets[0]: OTCQB Venture Market -> Nasdaq Capital Market",
        "notes.events_of_default.listing_markets[1]: Nasdaq Capital Market -> NYSE American",
        "notes.events_of_default.listing_markets[2]: NYSE American -> (none)",
    ]


def test_the_earlier_version_is_rendered_as_built_and_its_text_not_read(tmp_path, monkeypatch):
    """A redline's earlier version only has to load: its documents are the bytes a full check of it renders (with
    one render process and with two), but their text is neither read nor checked ("the the", a warning in every
    note of the earlier version, is not found)."""
    import dealdocs.checks.provenance as provenance
    import dealdocs.ooxml.text as text
    from dealdocs.pipeline import Builder

    earlier_path = tmp_path / "earlier.yaml"
    earlier_path.write_text(EXAMPLE.read_text(encoding="utf-8")
                            .replace("      - OTCQB Venture Market", "      - the the OTCQB Venture Market")
                            .replace("1 Liberty Plaza, 40th Floor", "1 Liberty Plaza, 41st Floor"), encoding="utf-8")
    full = Builder().check(earlier_path)
    notes = [d.spec.filename for d in full.documents if d.spec.filename.startswith("promissory-note")]
    assert len(notes) == 3 and {f.location.document for f in full.findings if f.code == "DD208"} >= set(notes)
    calls = {"read": 0, "provenance": 0}

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(text, "read", counted("read", text.read))
    monkeypatch.setattr(provenance, "check_rendered", counted("provenance", provenance.check_rendered))

    def rendered(builder):
        result = builder.load(earlier_path)
        builder.render(result, checked=False)
        return result

    def built(result):
        return [(d.spec.filename, d.data, d.attachments, d.signature_pages) for d in result.documents]

    for jobs in (1, 2):
        earlier = rendered(Builder(render_jobs=jobs))
        assert built(earlier) == built(full) and len(earlier.documents) == 7
        assert all(d.paragraphs == [] and d.reading is None for d in earlier.documents)
        assert not [f for f in earlier.findings if f.code == "DD208"]
    assert calls == {"read": 0, "provenance": 0}


def test_the_earlier_versions_term_sheet_errors_are_counted_and_it_is_redlined(tmp_path, engine):
    """An earlier version with an error in its term sheet (a rate above the usury ceiling, DD117) is still
    redlined, as it rendered; the summary says it has an error."""
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(EXAMPLE.read_text(encoding="utf-8").replace("interest_rate: 12", "interest_rate: 30"), encoding="utf-8")
    out = run("redline", str(EXAMPLE), "--against", str(earlier), "-o", str(tmp_path / "out"), "--format", "json",
              cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert [(e["code"], e["location"]["key"]) for e in json.loads(out.stdout)["earlier_errors"]] == [("DD117", "notes.interest_rate")]
    markdown = (tmp_path / "out" / "bridge-example" / "redline" / "changes.md").read_text(encoding="utf-8")
    assert "The earlier version has 1 error(s); it was redlined as it stands" in markdown
    assert "\n- DD117 notes.interest_rate: " in markdown and "usury" in markdown.lower()
    assert changed_fields(markdown) == ["notes.interest_rate: 30 -> 12"]


def test_an_engine_failure_in_a_redline_process_is_said_plainly(tmp_path, engine, monkeypatch):
    """The redlines are made in processes of their own: the engine failing in one is the plain error it is in
    this process (not an internal error), whichever document it failed on; so is a full disk there."""
    from dealdocs.errors import UserMessageError
    from dealdocs.outputs.redline import compare_documents, load_engine
    from dealdocs.pipeline import Builder

    this_process = os.getpid()

    class FailingEngine:  # fails in the other processes only (this one's share would raise here anyway); without
        # processes to fork (Windows), here
        def __init__(self, error: Exception):
            self.error = error

        def run_redline(self, author, old, new, date_time=None):
            if os.getpid() != this_process or not hasattr(os, "fork"):
                raise self.error
            return load_engine().run_redline(author, old, new, date_time=date_time)

    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(edited(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    builder = Builder()
    old, new = builder.check(earlier).documents, builder.check(EXAMPLE).documents
    monkeypatch.setattr(os, "cpu_count", lambda: 4)  # redlines in several processes, on any machine
    crashed = subprocess.CalledProcessError(1, ["redlines"], stderr="the engine crashed")
    with pytest.raises(UserMessageError, match="the redline engine failed"):
        compare_documents(FailingEngine(crashed), old, new, "2026-01-01T00:00:00Z", jobs=2)
    with pytest.raises(OSError, match="No space left on device"):
        compare_documents(FailingEngine(OSError(28, "No space left on device")), old, new, "2026-01-01T00:00:00Z", jobs=2)


# -- documents changed alike are redlined once -----------------------------------------------------


@pytest.mark.parametrize("edits, key", [
    ([("interest_rate: 12\n", "interest_rate: 10\n")], "notes.interest_rate"),
    # the maturity date stands in the paragraph that names each note's payee and principal: alike all the same
    ([("maturity_date: 2027-03-04\n", "maturity_date: 2027-09-03\n")], "notes.maturity_date"),
    # a closing put off a day: each note's date stands a word from its own principal ("$250,000.00 March 5, 2026")
    ([("issue_date: 2026-03-04\n", "issue_date: 2026-03-05\n"), ("    date: 2026-03-04\n", "    date: 2026-03-05\n")],
     "notes.issue_date"),
], ids=["rate", "maturity", "closing"])
def test_notes_changed_alike_are_redlined_once_and_each_with_each(tmp_path, engine, edits, key):
    """A deal-wide term changes every purchaser's note word for word alike: one redline shows it, changes.md names
    the others; --each redlines every note, and their tracked changes are those of the one redline, word for word."""
    original = tmp_path / "original.yaml"
    shutil.copyfile(EXAMPLE, original)
    text = EXAMPLE.read_text(encoding="utf-8")
    for was, now in edits:
        assert text.count(was) == 1
        text = text.replace(was, now)
    current = tmp_path / "bridge-example.yaml"
    current.write_text(text, encoding="utf-8")

    once = run("redline", str(current), "--against", str(original), "-o", "once", "--format", "json", cwd=tmp_path)
    assert once.returncode == 0, once.stdout + once.stderr
    report = json.loads(once.stdout)
    notes = [d for d in report["documents"] if d["name"].startswith("promissory-note-")]
    assert len(notes) == 3 and all(d["status"] == "changed" for d in notes)
    first, *others = notes
    assert first["redline"] == f"{first['name']}-redline.docx" and first["same_as"] is None
    assert all(d["redline"] is None and d["same_as"] == first["name"] for d in others)
    assert all((d["insertions"], d["deletions"]) == (first["insertions"], first["deletions"]) for d in others)
    folder = tmp_path / "once" / "bridge-example" / "redline"
    assert [n for n in redline_files(folder) if n.startswith("promissory-note-")] == [first["name"]]
    markdown = (folder / "changes.md").read_text(encoding="utf-8")
    for other in others:
        assert f"- {other['name']}: the same change as {first['name']}, word for word" in markdown
    rate = next(f for f in report["fields"] if f["key"] == key)
    assert {d["name"] for d in notes} <= set(rate["documents"]), "the field touches every note, redlined or not"

    each = run("redline", str(current), "--against", str(original), "-o", "each", "--each", cwd=tmp_path)
    assert each.returncode == 0, each.stdout + each.stderr
    every = redline_files(tmp_path / "each" / "bridge-example" / "redline")
    assert {d["name"] for d in notes} <= set(every)
    shown = {name: [(kind, text) for kind, text, *_ in tracked_changes(every[name])] for name in every}
    assert shown[first["name"]], "the rate change is tracked"
    assert all(shown[d["name"]] == shown[first["name"]] for d in others), "each note changed as the one redlined"
    assert every[first["name"]] == redline_files(folder)[first["name"]]


def _as_compared(documents) -> list[tuple]:
    return [(d.name, d.status, d.same_as, d.was, d.renumbered, d.insertions, d.deletions, d.redline) for d in documents]


@pytest.mark.parametrize("edit", ["amounts-and-name", "rate", "purchaser-removed"])
def test_notes_compared_by_what_jinja_renders_give_what_comparing_the_built_notes_gives(tmp_path, engine, edit):
    """A redline compares each purchaser's note by the text Jinja renders for each version (and the anchors a build
    puts on its signers' lines), not by the notes built, and builds only the note it redlines: each document's
    status, the note it changed as, its counts and its redline's bytes are those of comparing every note built in
    full, as redlines did before."""
    from dealdocs.outputs.redline import compare_documents, load_engine
    from dealdocs.pipeline import Builder
    from dealdocs.versions import compare_versions

    text = EXAMPLE.read_text(encoding="utf-8")
    current_path = tmp_path / "bridge-example.yaml"
    if edit == "amounts-and-name":
        current_path.write_text(edited(text), encoding="utf-8")
    elif edit == "rate":
        current_path.write_text(text.replace("interest_rate: 12\n", "interest_rate: 10\n"), encoding="utf-8")
    else:  # the first purchaser taken out: the others' notes numbered one earlier
        purchasers_version(tmp_path, current_path.name, [QUARRY, CHEN])

    report = compare_versions(current_path, str(EXAMPLE), jobs=2)
    builder = Builder(render_jobs=2)
    current = builder.check(current_path)
    earlier = builder.load(EXAMPLE)
    builder.render(earlier, checked=False)
    assert all(d.data is not None for d in current.documents + earlier.documents)
    full = compare_documents(load_engine(), earlier.documents, current.documents, report.revision_date, jobs=2)
    assert _as_compared(report.documents) == _as_compared(full)
    assert [d.status for d in full if d.name.startswith("promissory-note-")] == ["changed", "changed"] + (
        ["changed"] if edit != "purchaser-removed" else ["removed"])


def test_of_notes_changed_alike_only_the_one_redlined_is_built_from_the_earlier_version(tmp_path, engine, monkeypatch):
    """The rate changed: the three notes change alike. The check of the current version builds each note (nothing
    kept from an earlier check: a cache folder of its own); then only the one redlined is built again, from each
    version (three and two, not three and three)."""
    import dealdocs.versions as versions
    from dealdocs.render.cache import forget_key
    from dealdocs.render.renderer import Renderer

    built: list[str] = []
    render_document = Renderer.render_document

    def counted(self, deal, spec, **options):
        built.append(spec.filename)
        return render_document(self, deal, spec, **options)

    monkeypatch.setattr(Renderer, "render_document", counted)
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    forget_key()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # the redlines made in this process, where they are counted
    current_path = tmp_path / "bridge-example.yaml"
    current_path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("interest_rate: 12\n", "interest_rate: 10\n"),
                            encoding="utf-8")
    report = versions.compare_versions(current_path, str(EXAMPLE), jobs=1)
    redlined = [d.name for d in report.documents if d.redline is not None and d.name.startswith("promissory-note-")]
    assert len(redlined) == 1
    notes = [name for name in built if name.startswith("promissory-note-")]
    assert sorted(notes) == sorted([*(f"{d.name}.docx" for d in report.documents if d.name.startswith("promissory-note-")),
                                    f"{redlined[0]}.docx", f"{redlined[0]}.docx"])


_WITNESS = "IN WITNESS WHEREOF, the Maker has caused this Note"


def _note_failing_when(folder: Path, expression: str, *, in_form: bool = False) -> Path:
    """A firm folder whose promissory note (and, `in_form`, the form of note the purchase agreement attaches)
    cannot render where `expression` divides by zero."""
    from test_template_check import broken_copy

    tag = "{{ 1 // (" + expression + ") }}"
    broken_copy(folder, "promissory-note.docx", (_WITNESS, (tag if in_form else "{% if not form %}" + tag + "{% endif %}") + _WITNESS))
    for other in ("escrow-agreement.docx", "release-notice.docx", "note-purchase-agreement.docx", "security-agreement.docx"):
        shutil.copyfile(REPO / "templates" / other, folder / other)
    return folder


@pytest.mark.parametrize("in_form", [False, True], ids=["notes", "notes-and-form"])
def test_notes_the_earlier_version_cannot_render_are_said_once_and_not_compared(tmp_path, engine, in_form):
    """The earlier version's notes cannot render (its rate divides by zero in the firm's note; and in the form of
    note the purchase agreement attaches): the error is said once for every document it stops, as a build says
    it, and each of them now is "added", as when every document was built."""
    from dealdocs.versions import compare_versions

    firm = _note_failing_when(tmp_path / "firm", "notes.interest_rate - 12", in_form=in_form)
    current = tmp_path / "bridge-example.yaml"
    current.write_text(EXAMPLE.read_text(encoding="utf-8").replace("interest_rate: 12\n", "interest_rate: 10\n"),
                       encoding="utf-8")
    report = compare_versions(current, str(EXAMPLE), templates_dir=firm, jobs=2)
    stopped = 4 if in_form else 3
    assert [(f.code, f.message.endswith(f"(in {stopped} documents)")) for f in report.earlier_errors] == [("DD306", True)]
    added = {d.name for d in report.documents if d.status == "added"}
    assert added == {"promissory-note-harborview", "promissory-note-quarry-lane", "promissory-note-chen"} | (
        {"note-purchase-agreement"} if in_form else set())


def test_a_note_of_a_purchaser_taken_out_that_cannot_render_is_said_not_listed_removed(tmp_path, engine):
    """Quarry Lane (750,000.00) is taken out, and the firm's note cannot render for it: the earlier version's
    error is said, and its note is not listed as removed (it was never made), as when every note was built."""
    from dealdocs.versions import compare_versions

    firm = _note_failing_when(tmp_path / "firm", "purchaser.principal - 750000")
    current = purchasers_version(tmp_path, "bridge-example.yaml", [HARBORVIEW, CHEN])
    report = compare_versions(current, str(EXAMPLE), templates_dir=firm, jobs=2)
    assert [f.code for f in report.earlier_errors] == ["DD306"]
    assert "promissory-note-quarry-lane" not in {d.name for d in report.documents}
    assert {d.name: d.status for d in report.documents if d.name.startswith("promissory-note-")} == {
        "promissory-note-harborview": "changed", "promissory-note-chen": "changed"}


def test_a_note_of_a_purchaser_taken_out_that_runs_out_of_time_stops_no_other_note(tmp_path, engine, monkeypatch):
    """Quarry Lane is taken out, and the firm's note loops for hours for it: that note is said to have run out of
    time, and the note rendered before it in the earlier version is still compared (the renderer that met the
    time-out, which refuses that template after, is not the one the earlier version is rendered with)."""
    from dealdocs.render.renderer import Renderer
    from dealdocs.versions import compare_versions
    from test_template_check import broken_copy

    monkeypatch.setattr(Renderer.__init__, "__defaults__", (None, 1.0))  # a second of processor time, not 60
    loop = "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"
    firm = tmp_path / "firm"
    broken_copy(firm, "promissory-note.docx",
                (_WITNESS, "{% if not form and purchaser.principal == 750000 %}" + loop + "{% endif %}" + _WITNESS))
    for other in ("escrow-agreement.docx", "release-notice.docx", "note-purchase-agreement.docx", "security-agreement.docx"):
        shutil.copyfile(REPO / "templates" / other, firm / other)
    current = purchasers_version(tmp_path, "bridge-example.yaml", [HARBORVIEW, CHEN])
    report = compare_versions(current, str(EXAMPLE), templates_dir=firm, jobs=1)
    assert any(f.code == "DD306" and "time limit" in f.message for f in report.earlier_errors)
    status = {d.name: d.status for d in report.documents}
    assert status["promissory-note-harborview"] == "changed" and "promissory-note-quarry-lane" not in status


def _zipped(parts: dict[str, bytes], level: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
    return buffer.getvalue()


def test_a_paragraph_changed_alike_has_one_signature_and_changed_otherwise_another():
    """The signature of a paragraph changed in place is its place, its mark-up and its edits: the same edit in a
    paragraph naming another payee is alike; another edit, the same edit in a bold run (a reviewer's case: the
    engine would insert bold text in one and plain text in the other), or in another paragraph is not."""
    from dealdocs.outputs.redline import change_signature

    def document(*paragraphs: bytes) -> bytes:
        body = b"".join(b"<w:p>" + p + b"</w:p>" for p in paragraphs)
        return _zipped({"word/document.xml": b"<w:document><w:body>" + body + b"</w:body></w:document>"}, 9)

    def run(text: bytes, bold: bool = False) -> bytes:
        return b"<w:r>" + (b"<w:rPr><w:b/></w:rPr>" if bold else b"") + b"<w:t>" + text + b"</w:t></w:r>"

    first = b"Pay to Margaret Chen the sum of $250,000.00 within "
    second = b"Pay to Quarry Lane Fund, LLC the sum of $750,000.00 within "
    heading = run(b"Promissory Note")
    def changed(payee: bytes, was: bytes, now: bytes, *, bold=False, heading_first=True):
        words = b"the whole of it, paid in cash, within "  # more than a dozen tokens between the run's start and the edit
        before = [heading, run(payee) + run(words + was + b" days.", bold)]
        after = [heading, run(payee) + run(words + now + b" days.", bold)]
        if not heading_first:
            before, after = before[::-1], after[::-1]
        return change_signature(document(*before), document(*after))

    alike = changed(first, b"ten", b"twelve")
    assert alike is not None and changed(second, b"ten", b"twelve") == alike
    assert changed(second, b"ten", b"fifteen") != alike
    assert changed(second, b"ten", b"twelve", bold=True) != alike
    assert changed(second, b"ten", b"twelve", heading_first=False) != alike


def test_change_signature_reads_what_the_parts_hold_not_how_they_are_stored():
    from dealdocs.outputs.redline import change_signature

    styles = b"<w:styles>" + b"<w:style w:styleId='a'/><w:style w:styleId='bb'/>" * 3_000 + b"</w:styles>"
    body = b"<w:body><w:p><w:r><w:t>One</w:t></w:r></w:p><w:p><w:r><w:t>Two</w:t></w:r></w:p></w:body>"
    parts = {"word/document.xml": body, "word/styles.xml": styles, "docProps/core.xml": b"<a/>"}
    stored_otherwise = _zipped(parts, 1)
    assert _zipped(parts, 9) != stored_otherwise, "the same parts stored differently"
    assert change_signature(_zipped(parts, 9), stored_otherwise) is None
    assert change_signature(_zipped(parts, 9), _zipped({**parts, "docProps/core.xml": b"<b/>"}, 9)) is None
    restyled = _zipped({**parts, "word/styles.xml": styles.replace(b"'bb'", b"'bc'", 1)}, 9)
    reworded = _zipped({**parts, "word/document.xml": body.replace(b"Two", b"Three")}, 9)
    signatures = {change_signature(_zipped(parts, 9), other) for other in (restyled, reworded)}
    assert None not in signatures and len(signatures) == 2


def test_documents_are_cut_into_paragraphs_and_tables_as_the_lookahead_cuts_them(bridge):
    """`_blocks` finds where each paragraph or table starts by searching for its tag; splitting at the lookahead
    it replaced is the reference, on every part of every document of the bridge example and on edge cases."""
    from dealdocs.outputs.redline import _blocks

    lookahead = re.compile(rb"(?=<w:(?:p|tbl)[ >])")
    cases = [b"", b"<w:p>", b"<w:p><w:p>", b"<w:pPr><w:tbl x='1'>", b"text<w:p >more<w:tblPr>", b"<w:proofErr/>"]
    for path in sorted(bridge.rglob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            cases += [archive.read(name) for name in archive.namelist() if name.endswith(".xml")]
    assert len(cases) > 100
    for xml in cases:
        assert _blocks(xml) == lookahead.split(xml)
    assert any(len(_blocks(xml)) > 50 for xml in cases), "documents were cut"


def _version_text(data: bytes, accepted: bool) -> str:
    """The document's text with every tracked change accepted (or rejected), paragraphs run together."""
    skipped = (f"{W}del", f"{W}moveFrom") if accepted else (f"{W}ins", f"{W}moveTo")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(huge_tree=True))
    return "".join(t.text or "" for t in root.iter(f"{W}t", f"{W}delText")
                   if not any(a.tag in skipped for a in t.iterancestors()))


def _body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def _generated_deal(folder: Path, name: str, count: int, first_amount: str) -> Path:
    """The bridge example with `count` generated purchasers (bench/run.py's), the first subscribing `first_amount`."""
    import yaml

    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["purchasers"] = bench.generated_purchasers(count)
    data["purchasers"][0]["subscription"] = data["purchasers"][0]["principal"] = first_amount
    bench.fit_funds(data)
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_long_agreements_are_redlined_stretch_by_stretch_as_the_whole_would_be(tmp_path, engine):
    """The three agreements every purchaser signs, 24 purchasers against an earlier 27 with another first amount:
    the engine is given only the stretches that changed (the schedule of purchasers row by row), and the
    redline put back together tracks exactly the changes the engine tracks on the whole documents, and reads
    as the new version with them accepted and as the old one with them rejected. Given as built, with their
    e-signature anchors, the redline is the same, byte for byte: the anchors are left out as they are cut."""
    from dealdocs.ooxml.anchor_runs import without_anchors
    from dealdocs.outputs.redline import load_engine, pair_documents, redline_changes, redline_docx
    from dealdocs.outputs.stretches import reduced_pair
    from dealdocs.pipeline import Builder

    current = Builder().check(_generated_deal(tmp_path, "current.yaml", 24, "123,456.00"))
    earlier = Builder().check(_generated_deal(tmp_path, "earlier.yaml", 27, "100,000.00"))
    assert current.ok and earlier.ok, [str(f) for f in current.findings + earlier.findings if f.is_error]
    tool, when = load_engine(), "2026-03-01T00:00:00Z"
    agreements = [(a, b) for a, b in pair_documents(earlier.documents, current.documents)
                  if a and b and not b.spec.name.startswith("promissory-note-")]
    assert {b.spec.name for _, b in agreements} >= {"escrow-agreement", "note-purchase-agreement", "release-notice"}
    for before, after in agreements:
        old, new = without_anchors(before.data), without_anchors(after.data)
        cut = reduced_pair(old, new)
        assert cut is not None, f"{after.spec.name} is redlined by its stretches"
        assert len(_body(cut[1])) < len(_body(new)) / 2, f"{after.spec.name}: the stretches are the lesser part"
        made, whole = redline_changes(tool, old, new, when), redline_docx(tool, old, new, when)
        assert tracked_changes(made) == tracked_changes(whole) != [], after.spec.name
        # given as built, its e-signature anchors in it, the same redline: they are left out as it is cut
        assert before.data != old and after.data != new
        assert redline_changes(tool, before.data, after.data, when) == made, after.spec.name
        assert _version_text(made, accepted=True) == _version_text(new, accepted=True), after.spec.name
        assert _version_text(made, accepted=False) == _version_text(old, accepted=True), after.spec.name


def test_a_change_outside_the_body_is_redlined_whole(tmp_path):
    """A footer (or any part besides the body) that changed is not cut into stretches: the whole is redlined."""
    from dealdocs.outputs.stretches import reduced_pair
    from dealdocs.pipeline import Builder

    result = Builder().check(EXAMPLE)
    data = next(d.data for d in result.documents if d.spec.name == "escrow-agreement")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    footer = next(name for name in parts if name.startswith("word/footer"))
    changed_body = {**parts, "word/document.xml": parts["word/document.xml"].replace(b"ESCROW AGREEMENT", b"ESCROW  AGREEMENT", 1)}
    assert changed_body["word/document.xml"] != parts["word/document.xml"]
    assert reduced_pair(_zipped(parts, 6), _zipped(changed_body, 6)) is not None
    changed_footer = {**changed_body, footer: parts[footer].replace(b"</w:ftr>", b"<w:p/></w:ftr>")}
    assert reduced_pair(_zipped(parts, 6), _zipped(changed_footer, 6)) is None


def test_the_engine_runs_without_tiered_pgo_unless_the_user_set_it(monkeypatch):
    """The redline engine (.NET) starts a quarter sooner without tiered PGO: it is run so, the setting gone after;
    a user's own setting is left as it is."""
    from dealdocs.outputs.redline import redline_docx

    seen = []

    class Engine:
        def run_redline(self, *args, **kwargs):
            seen.append(os.environ.get("DOTNET_TieredPGO"))
            raise subprocess.CalledProcessError(1, "redlines")

    monkeypatch.delenv("DOTNET_TieredPGO", raising=False)
    for user in (None, "1"):
        if user is not None:
            monkeypatch.setenv("DOTNET_TieredPGO", user)
        with pytest.raises(Exception, match="the redline engine failed"):
            redline_docx(Engine(), b"", b"", "2026-03-04T00:00:00Z")
        assert os.environ.get("DOTNET_TieredPGO") == user
    assert seen == ["0", "1"]


# -- the purchasers compared party by party, not position by position --------------------------------------

HARBORVIEW, QUARRY, CHEN = "Harborview Capital Partners, L.P.", "Quarry Lane Fund, LLC", OLD_NAME
AGREEMENTS = {"escrow-agreement", "release-notice", "note-purchase-agreement", "security-agreement"}  # every purchaser's
NOTES = {HARBORVIEW: "promissory-note-harborview", QUARRY: "promissory-note-quarry-lane", CHEN: "promissory-note-chen"}


def purchasers_version(folder: Path, name: str, order: list[str], *, fit: bool = True,
                       renamed: dict[str, str] | None = None) -> Path:
    """The bridge example with its purchasers, by name, in `order` (some left out), each of `renamed` renamed;
    with `fit`, the escrowed total and the placement fee follow them, so that the version passes check."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    by_name = {p["name"]: p for p in data["purchasers"]}
    data["purchasers"] = [{**by_name[n], "name": (renamed or {}).get(n, n)} for n in order]
    if HARBORVIEW not in order and order:  # the purchaser who signs the control agreements for all taken out: the
        data["notes"]["control_designee"] = by_name[order[0]]["short_name"]  # first left does (DD186 otherwise)
    return written_version(folder / name, data, fit=fit)


def redline_in_process(current: Path, earlier: Path, out: Path) -> tuple[str, dict]:
    """`dealdocs redline CURRENT --against EARLIER --format json`, in this process: changes.md and the report."""
    from click.testing import CliRunner

    from dealdocs.cli import main

    result = CliRunner().invoke(main, ["redline", str(current), "--against", str(earlier), "-o", str(out),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    folder = out / current.stem / "redline"
    return (folder / "changes.md").read_text(encoding="utf-8"), json.loads(result.stdout)


def touched(report: dict, line: str) -> set[str]:
    """The documents the change read as `line` is said to touch, on its own."""
    found = next(f for f in report["fields"] if f["line"] == line)
    assert found["isolated"], line
    return set(found["documents"])


def test_a_purchaser_added_first_is_one_purchaser_added(tmp_path, engine):
    """The earlier version lacks the first purchaser (its sums not fitted: nothing else changed): one line says
    the purchaser was added, with its amount; no other purchaser reads as renamed."""
    current = purchasers_version(tmp_path, "bridge-example.yaml", [HARBORVIEW, QUARRY, CHEN])
    earlier = purchasers_version(tmp_path, "earlier.yaml", [QUARRY, CHEN], fit=False)
    markdown, report = redline_in_process(current, earlier, tmp_path / "out")
    line = f"added purchaser: {HARBORVIEW} ($1,000,000.00), now 1st of 3"
    # the earlier version's designee to sign the control agreements was Quarry Lane (`purchasers_version`)
    assert changed_fields(markdown) == [line, "notes.control_designee: Quarry Lane -> Harborview"]
    assert [(f["change"], f["key"], f["old_key"], f["party"], f["old"]) for f in report["fields"]] == [
        ("added", "purchasers[0]", None, HARBORVIEW, "(none)"),
        ("changed", "notes.control_designee", "notes.control_designee", None, "Quarry Lane")]
    # its note is new; every agreement lists it; the others' notes are numbered one later, and state the series'
    # aggregate principal
    assert touched(report, line) == AGREEMENTS | set(NOTES.values())


@pytest.mark.parametrize("kept, gone, line, total, fee", [
    ([QUARRY, CHEN], HARBORVIEW, f"removed purchaser: {HARBORVIEW} ($1,000,000.00), was 1st of 3", "1,000,000.00", "80,000.00"),
    ([HARBORVIEW, CHEN], QUARRY, f"removed purchaser: {QUARRY} ($750,000.00), was 2nd of 3", "1,250,000.00", "100,000.00"),
], ids=["first", "middle"])
def test_a_purchaser_removed(tmp_path, engine, kept, gone, line, total, fee):
    """The first purchaser removed, or one from the middle: one line, the sums that follow it, nothing else."""
    current = purchasers_version(tmp_path, "bridge-example.yaml", kept)
    markdown, report = redline_in_process(current, EXAMPLE, tmp_path / "out")
    assert sorted(changed_fields(markdown)) == sorted([
        line, f"escrow.aggregate_subscription: 2,000,000.00 -> {total}",
        f"disbursement (Meridian Capital Markets, LLC) amount: 160,000.00 -> {fee}",
        *(["notes.control_designee: Harborview -> Quarry Lane"] if gone == HARBORVIEW else [])])  # who signs for all
    removed = next(f for f in report["fields"] if f["change"] == "removed")
    was = f"purchasers[{[HARBORVIEW, QUARRY, CHEN].index(gone)}]"
    assert (removed["key"], removed["old_key"], removed["party"], removed["new"]) == (was, was, gone, "(none)")
    # its note goes; every agreement lists it; the notes after it are numbered one earlier, and every note
    # states the series' aggregate principal
    assert touched(report, line) == AGREEMENTS | set(NOTES.values())
    assert f"- {NOTES[gone]}: no longer called for" in markdown
    # the stated total is only checked against the purchasers: no document prints it, and changes.md says why
    assert (f"- escrow.aggregate_subscription: 2,000,000.00 -> {total}; touches no document's text: a check figure; "
            "the documents state the sum of the purchasers' subscriptions") in markdown.splitlines()


def test_a_purchaser_taken_out_whose_signature_the_ledger_records_is_redlined_all_the_same(tmp_path, engine):
    """A new user's trial: the closing ledger recorded Chen's signature, Chen was taken out of the term sheet, and
    the redline stopped at the ledger's DD501 ("fix them before redlining", the term sheet blamed). A blackline
    depends on the two term sheets alone: the redline does not read the ledger, and says what it says without one;
    `dealdocs check` still says the ledger's entry has to go."""
    from click.testing import CliRunner

    from dealdocs.cli import main

    current = purchasers_version(tmp_path, "bridge-example.yaml", [HARBORVIEW, QUARRY])
    ledger = tmp_path / "bridge-example.closing.yaml"
    ledger.write_text("signed:\n  - {signer: Elena Marsh, document: note-purchase-agreement}\n"
                      f"  - {{signer: {CHEN}, document: note-purchase-agreement}}\n", encoding="utf-8")
    with_ledger, report = redline_in_process(current, EXAMPLE, tmp_path / "out")
    line = f"removed purchaser: {CHEN} ($250,000.00), was 3rd of 3"
    assert line in changed_fields(with_ledger)
    assert f"- {NOTES[CHEN]}: no longer called for" in with_ledger
    ledger.rename(tmp_path / "aside.yaml")
    without, _ = redline_in_process(current, EXAMPLE, tmp_path / "out-without")
    assert with_ledger == without

    (tmp_path / "aside.yaml").rename(ledger)
    checked = CliRunner().invoke(main, ["check", str(current)])
    assert checked.exit_code == 1, checked.output
    assert f"{ledger}:3:" in checked.output and "error DD501" in checked.output
    assert (f"'{CHEN}' is not named in the term sheet, so signs no document of the deal: if a party of that name was "
            "taken out of the deal, take its entries out of the ledger too") in checked.output, checked.output


def test_a_purchaser_added_in_the_middle(tmp_path, engine):
    current = purchasers_version(tmp_path, "bridge-example.yaml", [HARBORVIEW, QUARRY, CHEN])
    earlier = purchasers_version(tmp_path, "earlier.yaml", [HARBORVIEW, CHEN], fit=False)
    markdown, report = redline_in_process(current, earlier, tmp_path / "out")
    line = f"added purchaser: {QUARRY} ($750,000.00), now 2nd of 3"
    assert changed_fields(markdown) == [line]
    assert [(f["key"], f["old_key"]) for f in report["fields"]] == [("purchasers[1]", None)]
    assert touched(report, line) == AGREEMENTS | set(NOTES.values())
    # the note after it is numbered one later: the summary says so, not only the redline
    assert "- promissory-note-chen (Promissory Note No. 2, now No. 3): " in markdown
    assert {d["name"]: d["renumbered"] for d in report["documents"] if d["name"].startswith("promissory-note-")} == {
        "promissory-note-harborview": None, "promissory-note-quarry-lane": None, "promissory-note-chen": [2, 3]}


def test_two_purchasers_swapped(tmp_path, engine):
    """A pure reorder is a change (the notes are numbered in the purchasers' order): one line, and it touches
    the two notes whose numbers changed and the agreements that list the purchasers, not the third note."""
    current = purchasers_version(tmp_path, "bridge-example.yaml", [QUARRY, HARBORVIEW, CHEN])
    markdown, report = redline_in_process(current, EXAMPLE, tmp_path / "out")
    line = f"purchaser ({QUARRY}) position: 2nd of 3 -> 1st of 3"
    assert changed_fields(markdown) == [line]
    assert [(f["change"], f["key"], f["old_key"]) for f in report["fields"]] == [("moved", "purchasers[0]", "purchasers[1]")]
    documents = touched(report, line)
    assert {NOTES[QUARRY], NOTES[HARBORVIEW], "note-purchase-agreement"} <= documents
    assert NOTES[CHEN] not in documents


def test_a_purchaser_renamed_while_another_is_removed(tmp_path, engine):
    """The renamed purchaser is the same party (all else alike), matched across the removal before it: its name
    changed, at its earlier place and its current one; and the name touches its own note, not the others'."""
    current = purchasers_version(tmp_path, "bridge-example.yaml", [QUARRY, CHEN], renamed={CHEN: NEW_NAME})
    markdown, report = redline_in_process(current, EXAMPLE, tmp_path / "out")
    line = f"purchaser ({NEW_NAME}) name: {OLD_NAME} -> {NEW_NAME}"
    assert sorted(changed_fields(markdown)) == sorted([
        f"removed purchaser: {HARBORVIEW} ($1,000,000.00), was 1st of 3", line,
        "escrow.aggregate_subscription: 2,000,000.00 -> 1,000,000.00",
        "disbursement (Meridian Capital Markets, LLC) amount: 160,000.00 -> 80,000.00",
        "notes.control_designee: Harborview -> Quarry Lane"])
    renamed = next(f for f in report["fields"] if f["line"] == line)
    assert (renamed["key"], renamed["old_key"], renamed["party"]) == ("purchasers[1].name", "purchasers[2].name", NEW_NAME)
    documents = touched(report, line)
    assert NOTES[CHEN] in documents and "note-purchase-agreement" in documents
    assert NOTES[QUARRY] not in documents


def test_a_purchaser_renamed_with_its_short_name_touches_its_note_under_both_names(tmp_path, engine):
    """Chen becomes Lin, name and short name: the note's file is named for the short name (promissory-note-lin,
    once promissory-note-chen). The name changes the note's payee, so it touches the note, under its name now;
    the short name changes no document's text; the documents list says what the note was called."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("short_name: Chen\n") == 1 and text.count(f"name: {OLD_NAME}\n") == 1
    current = tmp_path / "bridge-example.yaml"
    current.write_text(text.replace("short_name: Chen\n", "short_name: Lin\n")
                       .replace(f"name: {OLD_NAME}\n", f"name: {NEW_NAME}\n"), encoding="utf-8")
    markdown, report = redline_in_process(current, EXAMPLE, tmp_path / "out")
    name_line = f"purchaser ({NEW_NAME}) name: {OLD_NAME} -> {NEW_NAME}"
    short_line = f"purchaser ({NEW_NAME}) short_name: Chen -> Lin"
    assert sorted(changed_fields(markdown)) == sorted([name_line, short_line])
    assert touched(report, name_line) == AGREEMENTS | {"promissory-note-lin"}
    assert touched(report, short_line) == set()
    note = next(d for d in report["documents"] if d["name"] == "promissory-note-lin")
    assert (note["was"], note["status"]) == ("promissory-note-chen", "changed")
    assert "- promissory-note-lin (was promissory-note-chen): " in markdown


@pytest.mark.parametrize("kind", ["del", "ins"], ids=["taken out", "put in"])
def test_a_signature_page_taken_out_or_put_in_is_marked_from_its_own_caption(tmp_path, engine, kind):
    """Harborview's page taken out (or put in: the same two versions the other way round): in each agreement
    every purchaser signs, its page is marked whole from its own caption to its signature block, never its block
    with the next page's caption, which would leave that page looking as if it lost its own."""
    without = purchasers_version(tmp_path, "without.yaml", [QUARRY, CHEN])
    current, earlier = (without, EXAMPLE) if kind == "del" else (EXAMPLE, without)
    redline_in_process(current, earlier, tmp_path / "out")
    folder = tmp_path / "out" / current.stem / "redline"
    for agreement in sorted(AGREEMENTS):
        with zipfile.ZipFile(folder / f"{agreement}-redline.docx") as archive:
            body = list(etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(huge_tree=True)).find(f"{W}body"))
        marked = [p.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None for p in body]
        text = ["".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")) for p in body]
        captions = [i for i, p in enumerate(body) if marked[i] and text[i].startswith("[Signature Page to")]
        assert len(captions) == 1, (agreement, [text[i] for i in captions])
        at = captions[0]
        assert body[at].find(f"{W}pPr/{W}pageBreakBefore") is not None, agreement
        page_end = next((i for i in range(at + 1, len(body)) if body[i].find(f"{W}pPr/{W}pageBreakBefore") is not None), len(body))
        assert "HARBORVIEW" in " ".join(text[at:page_end]), (agreement, text[at:page_end])
        assert all(marked[at:page_end - 1]) or all(marked[at:page_end]), (agreement, text[at:page_end])
        assert not marked[page_end] if page_end < len(body) else True, (agreement, text[page_end])


def _notice_lines(data: bytes) -> dict[str, tuple[str, str, str]]:
    """Each "If to ..., to:" paragraph of a redline's body, by the party it names (in either version): (its text
    unmarked, inserted, deleted)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(huge_tree=True))
    lines = {}
    for paragraph in root.find(f"{W}body").iter(f"{W}p"):
        texts = {"same": "", "ins": "", "del": ""}
        for text in paragraph.iter(f"{W}t", f"{W}delText"):
            marks = [a.tag for a in text.iterancestors() if a.tag in (f"{W}ins", f"{W}del")]
            texts["del" if f"{W}del" in marks else "ins" if marks else "same"] += text.text or ""
        for version in (texts["same"] + texts["ins"], texts["same"] + texts["del"]):
            found = re.search(r"If to (.+), to:", version)
            if found and "Company" not in found.group(1):
                lines[found.group(1)] = (texts["same"], texts["ins"], texts["del"])
    return lines


@pytest.mark.parametrize("kind", ["added", "removed"])
def test_a_party_put_in_or_taken_out_among_others_is_marked_whole_and_the_others_keep_their_names(tmp_path, engine,
                                                                                                    kind):
    """Quarry Lane put in second (or taken out): the note purchase agreement's notice to it is marked whole, and
    the notice to Margaret Chen after it changes its letter only. The engine alone pairs Quarry Lane's notice
    with Chen's, which read alike: "(b) If to ~~Margaret Chen~~ Quarry Lane Fund, LLC" and Chen's as added."""
    with_it = purchasers_version(tmp_path, "with.yaml", [HARBORVIEW, QUARRY, CHEN])
    without = purchasers_version(tmp_path, "without.yaml", [HARBORVIEW, CHEN])
    current, earlier = (with_it, without) if kind == "added" else (without, with_it)
    redline_in_process(current, earlier, tmp_path / "out")
    data = (tmp_path / "out" / current.stem / "redline" / "note-purchase-agreement-redline.docx").read_bytes()
    lines = _notice_lines(data)
    assert set(lines) == {HARBORVIEW, QUARRY, CHEN}, lines
    same, inserted, deleted = lines[QUARRY]
    assert same == "" and ((inserted, deleted) == ("(c)If to Quarry Lane Fund, LLC, to:", "") if kind == "added"
                           else (inserted, deleted) == ("", "(c)If to Quarry Lane Fund, LLC, to:")), lines[QUARRY]
    same, inserted, deleted = lines[CHEN]
    assert same == "()If to Margaret Chen, to:", lines[CHEN]
    assert (inserted, deleted) == (("d", "c") if kind == "added" else ("c", "d")), lines[CHEN]
    assert lines[HARBORVIEW] == ("(b)If to Harborview Capital Partners, L.P., to:", "", "")
    from dealdocs.ooxml.anchor_runs import without_anchors
    from dealdocs.pipeline import Builder

    built = {path: next(d.data for d in Builder().check(path).documents if d.spec.name == "note-purchase-agreement")
             for path in (current, earlier)}
    assert _version_text(data, accepted=True) == _version_text(without_anchors(built[current]), accepted=True)
    assert _version_text(data, accepted=False) == _version_text(without_anchors(built[earlier]), accepted=True)


def _marked_whole(paragraph) -> str | None:
    """'ins' or 'del' for a paragraph added or struck whole (its mark and every run), else None."""
    mark = paragraph.find(f"{W}pPr/{W}rPr")
    kinds = {child.tag for child in (mark if mark is not None else ())} & {f"{W}ins", f"{W}del"}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    runs = list(paragraph.iter(f"{W}r"))
    return kind[len(W):] if runs and all(run.getparent().tag == kind for run in runs) else None


def test_purchasers_that_changed_places_have_their_signature_pages_struck_and_added_whole(tmp_path, engine):
    """Harborview and Chen swapped: the engine tracks their pages as moved, each move running from one
    purchaser's signature block to the next page's caption (which reads the same), so that a page kept its
    block but seemed to lose its caption. The moves are marked as deletions where the pages were and insertions
    where they go, each run of them from a page's own caption to the end of a page; no move is left."""
    from dealdocs.ooxml.anchor_runs import without_anchors
    from dealdocs.pipeline import Builder

    current = purchasers_version(tmp_path, "swapped.yaml", [CHEN, QUARRY, HARBORVIEW])
    redline_in_process(current, EXAMPLE, tmp_path / "out")
    folder = tmp_path / "out" / current.stem / "redline"
    built = {path: {d.spec.name: d.data for d in Builder().check(path).documents} for path in (current, EXAMPLE)}
    from dealdocs.ooxml.package import unzipped
    from dealdocs.outputs.redline import load_engine

    raw, _, _ = load_engine().run_redline("dealdocs", without_anchors(built[EXAMPLE]["security-agreement"]),
                                          without_anchors(built[current]["security-agreement"]))
    assert b"<w:moveFrom " in unzipped(raw)["word/document.xml"]  # what this test is about: the engine's moves
    for agreement in sorted(AGREEMENTS):
        data = (folder / f"{agreement}-redline.docx").read_bytes()
        xml = _body(data)
        assert not re.search(rb"<w:move(From|To)(RangeStart|RangeEnd)?\b", xml), agreement
        body = list(etree.fromstring(xml, etree.XMLParser(huge_tree=True)).find(f"{W}body"))
        marks = [_marked_whole(p) if p.tag == f"{W}p" else None for p in body]
        texts = ["".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")) for p in body]
        starts = [i for i, mark in enumerate(marks) if mark and (i == 0 or marks[i - 1] != mark)]
        runs = [(start, next((i for i in range(start, len(body)) if marks[i] != marks[start]), len(body)))
                for start in starts]
        pages = [(start, end) for start, end in runs
                 if any(text.startswith("[Signature Page to") for text in texts[start:end])]
        assert {marks[start] for start, _ in pages} == {"ins", "del"}, agreement
        for start, end in pages:
            assert texts[start].startswith("[Signature Page to") and \
                body[start].find(f"{W}pPr/{W}pageBreakBefore") is not None, (agreement, texts[start])
            assert body[end].tag == f"{W}sectPr" or body[end].find(f"{W}pPr/{W}pageBreakBefore") is not None, \
                (agreement, texts[end])
        assert _version_text(data, accepted=True) == _version_text(without_anchors(built[current][agreement]), accepted=True)
        assert _version_text(data, accepted=False) == _version_text(without_anchors(built[EXAMPLE][agreement]), accepted=True)


# in process, without the redline engine: how parties are paired, and where each change alone is applied


def _changes(tmp_path: Path, earlier_text: str, current_text: str) -> list:
    from dealdocs.outputs.redline import field_changes
    from dealdocs.pipeline import Builder

    (tmp_path / "earlier.yaml").write_text(earlier_text, encoding="utf-8")
    (tmp_path / "current.yaml").write_text(current_text, encoding="utf-8")
    builder = Builder()
    return field_changes(builder.load(tmp_path / "earlier.yaml"), builder.load(tmp_path / "current.yaml"))


def test_a_party_is_its_name_compared_as_the_checks_compare_names_or_its_likeness(tmp_path):
    """A name written otherwise (case, punctuation) is the same party; a renamed one is the same party when all
    else is alike; another purchaser in one's place, with its own address and amount, is one removed and one
    added."""
    text = EXAMPLE.read_text(encoding="utf-8")
    recased = text.replace(f"name: {QUARRY}", "name: QUARRY LANE FUND LLC")
    assert [c.line for c in _changes(tmp_path, text, recased)] == [
        f"purchaser (QUARRY LANE FUND LLC) name: {QUARRY} -> QUARRY LANE FUND LLC"]
    other = (text.replace(f"name: {OLD_NAME}", "name: Oliver Grant").replace("short_name: Chen", "short_name: Grant")
             .replace("pronoun: she", "pronoun: he").replace("margaret.chen@", "oliver.grant@")
             .replace("88 Garden Place", "4 Elm Row").replace("Brooklyn", "Albany").replace('"11201"', '"12207"'))
    assert [(c.change, c.line) for c in _changes(tmp_path, text, other)] == [
        ("added", "added purchaser: Oliver Grant ($250,000.00), now 3rd of 3"),
        ("removed", f"removed purchaser: {OLD_NAME} ($250,000.00), was 3rd of 3"),
    ]


def test_pairing_takes_a_name_listed_twice_in_order_and_many_renamed_rank_by_rank(monkeypatch):
    """An earlier version may list a party twice (DD120 is its error, not a redline's): the first is the current
    one, the second removed. Past `_MOST_COMPARED` pairs of leftovers, each is compared with the other side's of
    its rank only (thousands renamed at once stay renamed, without comparing every pair)."""
    import dealdocs.termsheet.parties as parties

    def entry(name: str, amount: int) -> dict:
        return {"name": name, "city": "Albany", "subscription": amount}

    twice = parties.pair_entries([entry("A", 1), entry("a.", 1), entry("B", 2)], [entry("B", 2), entry("A", 1)])
    assert (twice.earlier, twice.removed, twice.moved, twice.places) == ({0: 2, 1: 0}, [1], {0}, {0: 0})
    old = [entry(f"Fund {n}", n) for n in range(4)]
    new = [entry(f"Fund {n} L.P.", n) for n in (0, 1, 3, 2)]
    assert parties.pair_entries(old, new).earlier == {0: 0, 1: 1, 2: 3, 3: 2}  # each the one most alike
    monkeypatch.setattr(parties, "_MOST_COMPARED", 4)
    assert parties.pair_entries(old, new).earlier == {0: 0, 1: 1}  # ranks 2 and 3 are not alike: added, removed


def test_of_the_first_and_third_swapped_those_two_moved_not_the_second():
    """[A, B, C] -> [C, B, A]: any one party kept its place among the others, but B kept its own: A and C moved
    (the notes of A and C were renumbered), never B ("2nd of 3 -> 2nd of 3" once said B moved, and not A)."""
    from dealdocs.termsheet.parties import pair_entries

    def entry(name: str) -> dict:
        return {"name": name}

    swapped = pair_entries([entry("A"), entry("B"), entry("C")], [entry("C"), entry("B"), entry("A")])
    assert swapped.moved == {0, 2}
    many = [entry(f"Fund {n}") for n in range(5000)]
    ends_swapped = pair_entries(many, [many[-1], *many[1:-1], many[0]])
    assert ends_swapped.moved == {0, 4999}, "in a long list too: the rest kept their places"
    rotated = pair_entries(many, [*many[1:], many[0]])
    assert rotated.moved == {4999}, "the first put last: one move, not 4,999"


def test_entries_that_share_too_little_but_a_name_are_two_parties_not_one_renamed():
    """Joint holders hold a name, a pronoun and perhaps an e-mail: two new people of the same pronouns in the
    place of the old two are two removed and two added, never two renamed (a rename keeps two facts at least)."""
    from dealdocs.termsheet.parties import pair_entries

    old = [{"name": "Samuel K. Whitaker", "pronoun": "he", "email": None}, {"name": "Laura J. Whitaker", "pronoun": "she", "email": None}]
    new = [{"name": "Paul Okoye", "pronoun": "he", "email": None}, {"name": "Ruth Okoye", "pronoun": "she", "email": None}]
    replaced = pair_entries(old, new)
    assert (replaced.earlier, replaced.removed) == ({}, [0, 1])
    renamed = pair_entries([{**old[0], "email": "sam@example.com"}], [{**new[0], "email": "sam@example.com"}])
    assert renamed.earlier == {0: 0}, "a name and an e-mail of its own besides: the same person, renamed"


def test_joint_holders_are_parties_too(tmp_path):
    """The holders of a joint purchaser, swapped: the purchaser (named for its holders) is the same party
    renamed, and one holder moved."""
    text = (REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8")
    samuel, laura = "        - name: Samuel K. Whitaker\n          pronoun: he\n", "        - name: Laura J. Whitaker\n          pronoun: she\n"
    assert samuel + laura in text
    joint = "as joint tenants with right of survivorship"
    lines = [c.line for c in _changes(tmp_path, text, text.replace(samuel + laura, laura + samuel))]
    now = f"Laura J. Whitaker and Samuel K. Whitaker, {joint}"
    assert lines == [
        f"purchaser ({now}) name: Samuel K. Whitaker and Laura J. Whitaker, {joint} -> {now}",
        f"purchaser ({now}) joint holder (Laura J. Whitaker) position: 2nd of 2 -> 1st of 2",
    ]


def test_each_party_change_is_applied_alone_where_it_stands(tmp_path):
    """What `dealdocs redline` renders to name a change's documents: the earlier deal with that one change, the
    party put in at its place in the current list, taken out of the middle, moved, or changed where it was."""
    from dealdocs.outputs.redline import dump, field_changes
    from dealdocs.pipeline import Builder
    from dealdocs.versions import _variant

    def applied(earlier: list[str], current: list[str], **options) -> dict[str, list[str]]:
        """Each change's line -> the purchasers of the earlier deal with that change alone."""
        builder = Builder()
        old = builder.load(purchasers_version(tmp_path, "old.yaml", earlier, fit=False))
        new = builder.load(purchasers_version(tmp_path, "new.yaml", current, fit=False, **options))
        return {c.line: [p["name"] for p in _variant(dump(old), dump(new), c.unit)[1]["purchasers"]]
                for c in field_changes(old, new)}

    assert applied([HARBORVIEW, CHEN], [HARBORVIEW, QUARRY, CHEN]) == {
        f"added purchaser: {QUARRY} ($750,000.00), now 2nd of 3": [HARBORVIEW, QUARRY, CHEN]}
    assert applied([HARBORVIEW, QUARRY, CHEN], [HARBORVIEW, CHEN]) == {
        f"removed purchaser: {QUARRY} ($750,000.00), was 2nd of 3": [HARBORVIEW, CHEN]}
    assert applied([HARBORVIEW, QUARRY, CHEN], [CHEN, HARBORVIEW, QUARRY]) == {
        f"purchaser ({CHEN}) position: 3rd of 3 -> 1st of 3": [CHEN, HARBORVIEW, QUARRY]}
    assert applied([HARBORVIEW, QUARRY, CHEN], [QUARRY, HARBORVIEW], renamed={QUARRY: "Quarry Lane Fund II, LLC"}) == {
        "purchaser (Quarry Lane Fund II, LLC) position: 2nd of 3 -> 1st of 2": [QUARRY, HARBORVIEW, CHEN],
        f"purchaser (Quarry Lane Fund II, LLC) name: {QUARRY} -> Quarry Lane Fund II, LLC":
            [HARBORVIEW, "Quarry Lane Fund II, LLC", CHEN],
        f"removed purchaser: {CHEN} ($250,000.00), was 3rd of 3": [HARBORVIEW, QUARRY],
    }


def test_every_list_of_named_parties_is_compared_party_by_party():
    """Each list in the term sheet model whose entries have a name is a list of parties (`termsheet.parties`),
    so that no list of parties is compared by position."""
    import typing

    from pydantic import BaseModel

    from dealdocs.termsheet.model import Deal
    from dealdocs.termsheet.parties import PARTY_LISTS

    def models(annotation) -> list:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for arg in typing.get_args(annotation) for m in models(arg)]

    found = set()

    def walk(model, path: str, seen: tuple) -> None:
        for name, info in model.model_fields.items():
            key = f"{path}.{name}" if path else name
            listed = typing.get_origin(info.annotation) is list or any(
                typing.get_origin(a) is list for a in typing.get_args(info.annotation))
            for inner in models(info.annotation):
                if listed and "name" in inner.model_fields:
                    found.add(key)
                if inner not in seen:
                    walk(inner, f"{key}[]" if listed else key, (*seen, inner))

    walk(Deal, "", (Deal,))
    assert found == set(PARTY_LISTS)


def test_a_variant_is_known_by_the_text_jinja_renders_for_it_as_by_the_document_built():
    """The redline tells which documents a change touches by rendering the deal with that change alone; it now
    compares what Jinja renders (`Renderer.source_digest`), not the documents built from it. Two deals give one
    digest for a document exactly when they give it the same parts: held here over changes that touch some of
    the bridge's documents and not others."""
    import hashlib
    from datetime import date

    from dealdocs.closing.kinds import documents_for
    from dealdocs.ooxml.package import parts_of
    from dealdocs.render.renderer import Renderer
    from docx_helpers import load_example, replace

    base = load_example("bridge-example")
    first = base.purchasers[0]
    variants = [
        replace(base, notes=replace(base.notes, interest_rate=Decimal("11"))),  # every note and the agreement
        replace(base, escrow=replace(base.escrow, outside_date=date(2026, 4, 10))),  # the escrow agreement only
        replace(base, purchasers=[replace(first, subscription=Decimal("900000"), principal=Decimal("900000")),
                                  *base.purchasers[1:]]),  # one note, the agreements' schedules
        replace(base, company=replace(base.company, phone="(212) 555-0199")),  # the notices sections
    ]
    renderer = Renderer()

    def parts_fingerprint(parts: dict[str, bytes]) -> str:
        """A hash of a .docx's parts but its properties (docProps/): what a reader sees."""
        digest = hashlib.sha256()
        for name in sorted(parts):
            if not name.startswith("docProps/"):
                digest.update(name.encode() + b"\0" + hashlib.sha256(parts[name]).digest())
        return digest.hexdigest()

    def both(deal, spec):
        return renderer.source_digest(deal, spec), parts_fingerprint(parts_of(renderer.render_document(deal, spec)))

    for variant in variants:
        outcomes = set()
        for spec in documents_for(base):
            (digest, parts), (digest_now, parts_now) = both(base, spec), both(variant, spec)
            assert (digest == digest_now) == (parts == parts_now), spec.name
            outcomes.add(digest == digest_now)
        assert outcomes == {True, False}, "each change touches some documents and not others"


def test_the_text_jinja_renders_is_digested_as_each_document_is_checked_not_rendered_again_for_a_redline(
        tmp_path, engine, monkeypatch):
    """A check keeps, for each document, the digest of what Jinja rendered for it: the same as rendering that text
    apart gives (`Renderer.source_digest`), for the agreements with their exhibits and for each note. A redline then
    renders no current note's text again: the check it runs keeps each note's text (`BuildOptions.texts_kept`), what
    rendering it again gives, and a note whose text differs from its earlier one (a purchaser's name changed) is
    compared by it."""
    from dealdocs.closing.kinds import documents_for
    from dealdocs.pipeline import Builder
    from dealdocs.render.renderer import Renderer
    from dealdocs.versions import _Unrendered, compare_versions

    result = Builder().check(EXAMPLE, with_files=False)
    renderer = Renderer()
    specs = documents_for(result.deal)
    assert [d.spec.name for d in result.documents] == [s.name for s in specs]
    assert any(s.purchaser_index is not None for s in specs) and any(s.kind.exhibits for s in specs)
    for document in result.documents:
        assert document.source == renderer.source_digest(result.deal, document.spec), document.spec.name

    rendered: list[str] = []
    texts = _Unrendered._texts

    def counted(self, deal, spec, renderer=None):
        if deal is self.current:
            rendered.append(spec.name)
        return texts(self, deal, spec, renderer)

    monkeypatch.setattr(_Unrendered, "_texts", counted)
    current_path = tmp_path / "bridge-example.yaml"
    current_path.write_text(EXAMPLE.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME), encoding="utf-8")
    report = compare_versions(current_path, str(EXAMPLE), jobs=1)
    notes = {d.name: d.status for d in report.documents if d.name.startswith("promissory-note-")}
    assert sorted(notes.values()) == ["changed", "unchanged", "unchanged"]
    assert rendered == []  # (before the texts were kept: the changed one, rendered again)

    kept = Builder(texts_kept=True).check(current_path, with_files=False)
    current = [d for d in kept.documents if d.spec.purchaser_index is not None]
    assert current and all(d.source_texts() == renderer.source_texts(kept.deal, d.spec) for d in current)
    assert all(d.texts is None for d in result.documents)  # only when asked


def test_both_versions_render_with_the_current_versions_templates(tmp_path, engine):
    """A code review: the earlier term sheet named a firm's templates (`templates: firm`), whose form of note says "IN
    TESTIMONY WHEREOF", and the current one none: the earlier version rendered with its own, and the purchase agreement
    (the form of note its exhibit) showed that word as a change of the deal. Both versions render with the current
    version's templates: the key's change is a field changed, no document is."""
    from test_template_check import broken_copy

    from dealdocs.versions import compare_versions

    witness = "IN WITNESS WHEREOF, the Maker has caused this Note"
    firm = tmp_path / "earlier" / "firm"
    broken_copy(firm, "promissory-note.docx", (witness, witness.replace("WITNESS", "TESTIMONY")))
    for other in ("escrow-agreement.docx", "release-notice.docx", "note-purchase-agreement.docx", "security-agreement.docx"):
        shutil.copyfile(REPO / "templates" / other, firm / other)
    text = EXAMPLE.read_text(encoding="utf-8")
    earlier = tmp_path / "earlier" / "bridge-example.yaml"
    earlier.write_text("templates: firm\n" + text, encoding="utf-8")
    current = tmp_path / "bridge-example.yaml"
    current.write_text(text, encoding="utf-8")
    report = compare_versions(current, str(earlier), jobs=1)
    assert {d.name: d.status for d in report.documents} == {d.name: "unchanged" for d in report.documents}
    assert [(f.key, f.documents) for f in report.fields] == [("templates", [])]
