"""Nothing lost, nothing corrupt: real `dealdocs build` processes against hostile input,
kill -9 mid-build, hand edits, byte-identical output, and LibreOffice as the judge."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx_helpers
import pytest
from docx import Document

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space: a runaway input cannot take the machine


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def dealdocs(*args: str, cwd: Path = REPO, env: dict | None = None, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dealdocs", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, preexec_fn=_limit_memory, env=env,
    )


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- hostile and broken input: a clear message, exit 1 or 2, nothing written ---------

def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        p, c = chr(96 + i), chr(97 + i)
        lines.append(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "empty.yaml": b"",
    "bare-string.yaml": b"just some words\n",
    "bare-list.yaml": b"- a\n- b\n",
    "binary.yaml": bytes(range(256)) * 64,
    "latin1.yaml": "title: Soci\xe9t\xe9 G\xe9n\xe9rale\n".encode("latin-1"),
    "python-object.yaml": b"title: !!python/object/apply:os.system ['touch /tmp/dealdocs-pwned']\n",
    "python-name.yaml": b"title: !!python/name:os.system\n",
    "billion-laughs.yaml": _billion_laughs().encode(),
    "deep-nesting.yaml": b"title: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "eight-megabytes.yaml": b"title: x\n" + b"# filler line for size\n" * 380_000,
    "duplicate-keys.yaml": BRIDGE.read_bytes().replace(b"  interest_rate: 12\n", b"  interest_rate: 12\n  interest_rate: 2\n"),
    "tabs.yaml": b"title: x\ncompany:\n\tname: y\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_term_sheet_is_refused_cleanly(tmp_path, name):
    term_sheet = tmp_path / name
    term_sheet.write_bytes(HOSTILE[name])
    out = tmp_path / "output"
    result = dealdocs("build", str(term_sheet), "-o", str(out))
    assert result.returncode in (1, 2), result.stdout + result.stderr
    text = result.stdout + result.stderr
    assert "Traceback" not in text and "internal error" not in text
    assert f"{term_sheet}:" in text  # located in the file
    assert not out.exists() or not any(out.iterdir())
    assert not Path("/tmp/dealdocs-pwned").exists()


@pytest.mark.parametrize("stem", ["..", ".hidden"])
def test_term_sheet_name_cannot_write_outside_output(tmp_path, stem):
    term_sheet = tmp_path / f"{stem}.yaml"
    shutil.copy(BRIDGE, term_sheet)
    out = tmp_path / "nested" / "output"
    result = dealdocs("build", str(term_sheet), "-o", str(out))
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "nested").exists() or not any(p.is_file() for p in (tmp_path / "nested").rglob("*"))


def test_purchaser_names_cannot_escape_the_deal_folder(tmp_path):
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_text(BRIDGE.read_text().replace("short_name: Quarry Lane", 'short_name: "../../../etc/passwd"'))
    out = tmp_path / "output"
    result = dealdocs("build", str(term_sheet), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    everything = [p.resolve() for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.is_relative_to(out.resolve()) or p == term_sheet.resolve() for p in everything)


def test_templates_cannot_run_code_and_values_are_not_template_source(tmp_path):
    from dealdocs.pipeline import Builder

    from docx_helpers import load_example, render, text_of

    payload = "{{ ''.__class__.__mro__[1].__subclasses__() }} {% raw %}"
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_text(BRIDGE.read_text().replace("name: Margaret Chen", f'name: "{payload}"'))
    # a name that looks like template code is refused at its key, so it never goes out for signature (the hostile
    # sweep: one on a cover only, a short name or an email, went out as written, exit 0)
    result = Builder(output_dir=tmp_path / "output").check(term_sheet)
    [refusal] = [f for f in result.findings if f.code == "DD002"]
    assert refusal.location.key.startswith("purchasers[") and "marks a template's code" in refusal.message
    refused = dealdocs("build", str(term_sheet), "-o", str(tmp_path / "output"))
    assert refused.returncode == 1 and not (tmp_path / "output").exists()
    # and were it to get past the term sheet (a deal made in code), it is printed as data, never run
    deal = load_example("bridge-example")
    purchasers = [p.model_copy(update={"name": payload}) if p.name == "Margaret Chen" else p for p in deal.purchasers]
    assert payload in text_of(render(deal.model_copy(update={"purchasers": purchasers}), "promissory-note-chen"))


# -- atomic builds: kill -9 at many moments ----------------------------------------

def _manifest_consistent(folder: Path) -> dict[str, str]:
    manifest = json.loads((folder / "manifest.json").read_text())
    hashes = tree_hashes(folder)
    recorded = {name: entry["sha256"] for name, entry in manifest["files"].items()}
    on_disk = {name: digest for name, digest in hashes.items() if name != "manifest.json" and not name.startswith("edited/")}
    assert on_disk == recorded, "files on disk differ from the build record"
    return hashes


def _processes_end(marker: str, within: float = 20.0) -> bool:
    """Whether every process whose command line holds `marker` ends within `within` seconds (Linux /proc)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = (cmdline.parent / "stat").read_text().split(") ", 1)[1][:1]
            except (OSError, IndexError):
                continue
            if marker in text and state != "Z":
                alive.append(text)
        if not alive:
            return True
        time.sleep(0.05)
    return False


def test_killed_build_leaves_old_or_new_build_whole(tmp_path):
    out = tmp_path / "output"
    old_sheet = tmp_path / "deal.yaml"
    shutil.copy(BRIDGE, old_sheet)
    assert dealdocs("build", str(old_sheet), "-o", str(out)).returncode == 0
    old = tree_hashes(out / "deal")
    new_sheet_text = BRIDGE.read_text().replace("interest_rate: 12", "interest_rate: 11")
    reference = tmp_path / "reference"
    (tmp_path / "ref").mkdir()
    (tmp_path / "ref" / "deal.yaml").write_text(new_sheet_text)
    assert dealdocs("build", str(tmp_path / "ref" / "deal.yaml"), "-o", str(reference)).returncode == 0
    new = tree_hashes(reference / "deal")
    new.pop("manifest.json"), old.pop("manifest.json")
    assert old != new

    old_sheet.write_text(new_sheet_text)
    outcomes = set()
    for delay in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 1.0, 1.5):
        # put the previous build back, then kill a rebuild after `delay` seconds
        shutil.rmtree(out)
        old_sheet.write_text(BRIDGE.read_text())
        assert dealdocs("build", str(old_sheet), "-o", str(out)).returncode == 0
        old_sheet.write_text(new_sheet_text)
        process = subprocess.Popen([sys.executable, "-m", "dealdocs", "build", str(old_sheet), "-o", str(out)], cwd=REPO,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _processes_end(str(old_sheet)), "a render process of the killed build is still running"
        state = _manifest_consistent(out / "deal")
        state.pop("manifest.json")
        assert state in (old, new), f"after a kill at {delay}s the folder is neither build"
        outcomes.add("old" if state == old else "new")
        # the next build cleans up whatever staging the killed one left
        assert dealdocs("build", str(old_sheet), "-o", str(out)).returncode == 0
        assert [p.name for p in out.iterdir()] == ["deal"]
    assert "old" in outcomes  # some kills landed mid-build


# -- hand edits ------------------------------------------------------------------------

def test_hand_edit_stops_rebuild_and_force_keeps_it(tmp_path):
    out = tmp_path / "output"
    assert dealdocs("build", str(BRIDGE), "-o", str(out)).returncode == 0
    note = out / "bridge-example" / "promissory-note-chen.docx"
    document = Document(str(note))
    document.add_paragraph("Handwritten side letter term agreed on the call.")
    document.save(str(note))
    edited = note.read_bytes()

    refused = dealdocs("build", str(BRIDGE), "-o", str(out))
    assert refused.returncode == 1
    assert "promissory-note-chen.docx" in refused.stderr and "--force" in refused.stderr
    assert note.read_bytes() == edited

    forced = dealdocs("build", str(BRIDGE), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    kept = list((out / "bridge-example" / "edited").glob("promissory-note-chen-*.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == edited
    assert "Handwritten side letter" not in dealdocs("text", str(note)).stdout


# -- byte-identical output -------------------------------------------------------------

def test_two_builds_are_byte_identical_whatever_the_clock_and_zone(tmp_path):
    first = dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "one"))
    time.sleep(1.1)  # a different second on the clock
    env = {**os.environ, "TZ": "Asia/Tokyo", "LC_ALL": "C"}
    second = dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "two"), env=env)
    assert first.returncode == 0 and second.returncode == 0
    one, two = tree_hashes(tmp_path / "one" / "bridge-example"), tree_hashes(tmp_path / "two" / "bridge-example")
    assert one == two
    manifest = json.loads((tmp_path / "one" / "bridge-example" / "manifest.json").read_text())
    assert set(manifest) >= {"dealdocs_version", "term_sheet", "templates", "files"}
    assert manifest["term_sheet"]["sha256"] == hashlib.sha256(BRIDGE.read_bytes()).hexdigest()
    assert set(manifest["templates"]) == {"escrow-agreement.docx", "release-notice.docx", "note-purchase-agreement.docx",
                                          "promissory-note.docx", "security-agreement.docx"}
    assert manifest["term_sheet"]["git"] is None or len(manifest["term_sheet"]["git"]["commit"]) == 40


# -- every file opens in a real word processor ---------------------------------------

def test_every_built_document_converts_to_pdf_in_libreoffice(tmp_path):
    soffice = docx_helpers.soffice()
    out = tmp_path / "output"
    examples = sorted((REPO / "deals").glob("*.yaml"))
    assert dealdocs("build", *map(str, examples), "-o", str(out), timeout=300).returncode == 0
    documents = sorted(out.rglob("*.docx"))
    assert len(documents) >= 10
    pdfs = tmp_path / "pdf"
    for i, document in enumerate(documents):  # unique names: the same file name occurs in several deals
        pdf_source = tmp_path / "flat" / f"{i:02d}-{document.parent.name}-{document.name}"
        pdf_source.parent.mkdir(exist_ok=True)
        shutil.copy(document, pdf_source)
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, sorted((tmp_path / "flat").iterdir()))],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    for source in sorted((tmp_path / "flat").iterdir()):
        pdf = pdfs / (source.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {source.name}"
        assert pdf.read_bytes().startswith(b"%PDF")


def test_build_pdf_writes_a_pdf_of_each_document(tmp_path):
    docx_helpers.soffice()
    out = tmp_path / "output"
    result = dealdocs("build", str(REPO / "deals" / "roo-2005-escrow.yaml"), "-o", str(out), "--pdf", timeout=300)
    assert result.returncode == 0, result.stderr
    folder = out / "roo-2005-escrow"
    pdfs = {p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf")}
    assert pdfs == {p.relative_to(folder).with_suffix(".pdf").as_posix() for p in folder.rglob("*.docx")}
    assert {"escrow-agreement.pdf", "release-notice.pdf", "closing-checklist.pdf"} <= pdfs  # and the packets
    _manifest_consistent(folder)


def test_build_pdf_without_libreoffice_says_how_to_install(tmp_path):
    bare_path = tmp_path / "bin"
    bare_path.mkdir()
    env = {**os.environ, "PATH": str(bare_path)}
    result = dealdocs("build", str(REPO / "deals" / "roo-2005-escrow.yaml"), "-o", str(tmp_path / "out"), "--pdf", env=env)
    assert result.returncode == 1
    assert "LibreOffice" in result.stderr + result.stdout and "apt-get install libreoffice-writer-nogui" in result.stderr + result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
