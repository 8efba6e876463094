"""No 'internal error' (exit 70) where the user, the disk or a pipe is the cause: plain words, exit 1 or 2.

Real processes where the operating system can be made to fail for real
(over-long paths, a file where a folder should be, a closed pipe); the
command run in this process where it cannot be without root (a full disk, a
read-only disk: the failing call is replaced, so the test runs anywhere).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealdocs.cli import main

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
ESCROW = REPO / "deals" / "roo-2005-escrow.yaml"
LONG = "a" * 5000


def dealdocs(*args: str, cwd: Path = REPO, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def plain(completed: subprocess.CompletedProcess, *codes: int) -> str:
    """Its message, having checked the exit code and that it is no internal error or traceback."""
    said = completed.stdout + completed.stderr
    assert completed.returncode in codes, said
    assert "internal error" not in said and "Traceback" not in said, said
    return said


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- paths ---------------------------------------------------------------------------------------------

DEEP = "/".join(["deep"] * 1100)  # longer than any path the system takes


@pytest.mark.parametrize("command", [
    ["check", f"{LONG}.yaml"],
    ["check", f"{DEEP}/deal.yaml"],
    ["build", f"{LONG}.yaml"],
    ["build", str(BRIDGE), "-o", LONG],
    ["build", str(BRIDGE), "-o", DEEP],
    ["lint", f"{LONG}.docx"],
    ["text", f"{LONG}.docx"],
    ["text", f"{DEEP}/x.docx"],
    ["redline", f"{LONG}.yaml", "--against", "HEAD"],
    ["redline", str(BRIDGE), "--against", LONG],
    ["redline", str(BRIDGE), "--against", DEEP],
    ["init", LONG[:300]],
    ["init", "acme", "--dir", LONG],
    ["templates", "check", "--templates", LONG],
    ["templates", "--templates", DEEP],
    ["confirm-wire", f"{LONG}.yaml"],
    ["confirm-wire", str(BRIDGE), "-o", LONG],
])
def test_an_over_long_path_is_a_plain_error(tmp_path, command):
    plain(dealdocs(*command, cwd=tmp_path), 1, 2)


def test_check_with_an_over_long_output_folder_checks_without_the_record(tmp_path):
    plain(dealdocs("check", str(BRIDGE), "-o", DEEP, cwd=tmp_path), 0)


def test_an_output_folder_under_a_file_is_a_plain_error(tmp_path):
    (tmp_path / "notes.txt").write_text("a file")
    said = plain(dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "notes.txt" / "output")), 1, 2)
    assert "notes.txt" in said
    assert (tmp_path / "notes.txt").read_text() == "a file"


def test_an_output_folder_that_is_a_file_is_a_plain_error(tmp_path):
    (tmp_path / "output").write_text("a file")
    said = plain(dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "output")), 1, 2)
    assert str(tmp_path / "output") in said


def test_init_onto_a_dangling_link_refuses_and_leaves_the_link(tmp_path):
    (tmp_path / "deals").mkdir()
    (tmp_path / "deals" / "acme.yaml").symlink_to(tmp_path / "nowhere" / "acme.yaml")
    said = plain(dealdocs("init", "acme", "--dir", str(tmp_path / "deals")), 2)
    assert "acme.yaml" in said and "already" in said
    assert os.readlink(tmp_path / "deals" / "acme.yaml") == str(tmp_path / "nowhere" / "acme.yaml")
    assert not (tmp_path / "nowhere").exists()


# -- a build record of any shape -----------------------------------------------------------------------

BROKEN_RECORDS = {
    "a list": "[]",
    "a string": '"manifest"',
    "a number": "42",
    "null": "null",
    "files a list": '{"dealdocs_version": "0.1.0", "term_sheet": {}, "templates": {}, "files": []}',
    "a file entry a string": '{"dealdocs_version": "0.1.0", "term_sheet": {}, "templates": {}, "files": {"escrow-agreement.docx": "x"}}',
    "a hash a number": '{"dealdocs_version": "0.1.0", "term_sheet": {}, "templates": {}, "files": {"escrow-agreement.docx": {"sha256": 5, "size": 1}}}',
    "deeply nested": "[" * 100_000 + "]" * 100_000,
    "not JSON": "{{{",
    "not UTF-8": "\udcff",
}


@pytest.mark.parametrize("shape", sorted(BROKEN_RECORDS) + ["a folder"])
def test_a_build_record_that_cannot_be_read_is_a_plain_finding(tmp_path, shape):
    out = tmp_path / "output"
    assert dealdocs("build", str(ESCROW), "-o", str(out)).returncode == 0
    manifest = out / "roo-2005-escrow" / "manifest.json"
    manifest.unlink()
    if shape == "a folder":
        manifest.mkdir()
    else:
        manifest.write_bytes(BROKEN_RECORDS[shape].encode("utf-8", "surrogateescape"))
    before = _tree(out)
    said = plain(dealdocs("build", str(ESCROW), "-o", str(out)), 1)
    assert "manifest.json" in said and "--force" in said
    assert _tree(out) == before
    plain(dealdocs("build", str(ESCROW), "-o", str(out), "--force"), 0)
    assert json.loads(manifest.read_text())["files"]


@pytest.mark.parametrize("part, value", [("wire_instructions", [1, 2]), ("wire_instructions", {"bank": 5}),
                                         ("wire_confirmed", "yes"), ("wire_confirmed", {"details": None}),
                                         ("term_sheet", None), ("dealdocs_version", {"a": []})])
def test_a_build_record_with_a_part_of_another_shape_is_no_internal_error(tmp_path, part, value):
    out = tmp_path / "output"
    assert dealdocs("build", str(ESCROW), "-o", str(out)).returncode == 0
    manifest = out / "roo-2005-escrow" / "manifest.json"
    data = json.loads(manifest.read_text())
    data[part] = value
    manifest.write_text(json.dumps(data))
    for command in (["check", str(ESCROW)], ["build", str(ESCROW)], ["confirm-wire", str(ESCROW)]):
        plain(dealdocs(*command, "-o", str(out)), 0, 1)


@pytest.mark.parametrize("by, at, extra", [("\ud800", "2026-01-01T00:00:00Z", {}),
                                           ("\x1b[2Jsomeone", "2026-01-01T00:00:00Z", {}),
                                           ("A. Associate\x9b2K\x9b1Gno problems found", "2026-01-01T00:00:00Z", {}),
                                           ("A. Associate\x7f", "2026-01-01T00:00:00Z", {}),
                                           ("someone", "not a date", {}),
                                           ("someone", "2026-02-30T00:00:00Z", {}),
                                           ("someone", "2026-01-01T00:00:00Z", {"zz\ud800": "\ud800"})])
def test_a_wire_confirmation_recorded_with_text_no_one_could_have_written_is_no_internal_error(tmp_path, by, at, extra):
    """A received deal folder's record is anyone's JSON: a lone surrogate, an escape sequence or a date that is none in
    its confirmation stopped check, build and status with 'internal error' (exit 70); it reads as no confirmation."""
    out = tmp_path / "output"
    assert dealdocs("build", str(ESCROW), "-o", str(out)).returncode == 0
    manifest = out / "roo-2005-escrow" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["wire_confirmed"] = {"details": {**data["wire_instructions"], **extra}, "by": by, "at": at}
    manifest.write_text(json.dumps(data))
    for command in (["check", str(ESCROW)], ["status", str(ESCROW)], ["status", str(ESCROW), "--format", "json"],
                    ["build", str(ESCROW)]):
        said = plain(dealdocs(*command, "-o", str(out)), 0, 1)
        assert "\x1b" not in said and "\x9b" not in said and "\x7f" not in said


@pytest.mark.parametrize("shape", ["a named pipe where a recorded PDF was", "a record naming /dev/zero",
                                   "a terabyte recorded", "a folder on the way that is a link"])
def test_a_build_reads_no_recorded_file_that_is_not_a_plain_file_in_the_deal_folder(tmp_path, shape):
    """The hostile sweep: a build without --pdf reads the PDFs the build before recorded (to keep those still current)
    and the files it drops; a named pipe in a PDF's place hung it for good, and a record (anyone's JSON, in a received
    deal folder) naming "/dev/zero" made it read the device until memory ran out (MemoryError, 'internal error')."""
    out = tmp_path / "output"
    assert dealdocs("build", str(ESCROW), "-o", str(out)).returncode == 0
    folder = out / "roo-2005-escrow"
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text())
    elsewhere = tmp_path / "elsewhere"
    if shape == "a record naming /dev/zero":
        data["files"]["/dev/zero"] = {"sha256": "0" * 64, "size": 1}
        data["files"]["../../../../../../../../dev/zero"] = {"sha256": "0" * 64, "size": 1}
    elif shape == "a terabyte recorded":  # a code review: read whole, MemoryError, 'internal error'
        with open(folder / "big.bin", "wb") as big:
            big.truncate(1 << 40)
        data["files"]["big.bin"] = {"sha256": "0" * 64, "size": 1 << 40}
    elif shape == "a folder on the way that is a link":  # a code review: "removed sub/x.pdf", which stayed
        elsewhere.mkdir()
        (elsewhere / "x.pdf").write_bytes(b"%PDF mine")
        (folder / "sub").symlink_to(elsewhere)
        data["files"]["sub/x.pdf"] = {"sha256": hashlib.sha256(b"%PDF mine").hexdigest(), "size": 9}
    else:
        docx = next(name for name in data["files"] if name.endswith(".docx") and "/" not in name)
        pdf = docx.removesuffix(".docx") + ".pdf"
        data["files"][pdf] = {"sha256": "0" * 64, "size": 1000}
        os.mkfifo(folder / pdf)
    manifest.write_text(json.dumps(data))
    said = plain(dealdocs("build", str(ESCROW), "-o", str(out), timeout=60), 0, 1)
    assert "removed" not in said
    if shape == "a folder on the way that is a link":
        assert (elsewhere / "x.pdf").read_bytes() == b"%PDF mine"


def test_a_closing_ledger_that_is_a_link_to_itself_is_no_internal_error(tmp_path):
    """The hostile sweep: a ledger linked to itself made Python's resolve raise RuntimeError ('Symlink loop') where
    check, status and build name it: 'internal error', exit 70."""
    deal = tmp_path / "deal.yaml"
    shutil.copyfile(ESCROW, deal)
    ledger = tmp_path / "deal.closing.yaml"
    for target, said in (("deal.closing.yaml", "a link that leads back to itself"),
                         ("nowhere.yaml", "a link to nothing (its target, nowhere.yaml, is not there)")):
        ledger.unlink(missing_ok=True)
        ledger.symlink_to(target)
        for command in ("check", "status", "build"):
            run = dealdocs(command, "deal.yaml", "-o", str(tmp_path / "output"), cwd=tmp_path)
            plain(run, 1)
            # said as the ledger's problem, named as the user names it (it was "no closing ledger yet", and the
            # link's target was named as the ledger)
            assert f"deal.closing.yaml: error DD500: the closing ledger is {said}, not a file to read" in run.stdout, \
                run.stdout + run.stderr


# -- the disk ------------------------------------------------------------------------------------------


def _failing_writes(monkeypatch, code: int, where: str) -> None:
    """Making a file or folder whose path holds `where` fails with `code`, as a full or read-only disk makes it fail."""
    import builtins
    import io

    def fails(path) -> bool:
        return where in os.fsdecode(path)

    def refuse(path):
        raise OSError(code, os.strerror(code), os.fsdecode(path))

    real_open = builtins.open

    def failing_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+") and fails(file):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    monkeypatch.setattr(io, "open", failing_open)
    for name, writes in (("open", lambda path, flags, *a, **k: flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)),
                         ("mkdir", lambda path, *a, **k: True), ("link", lambda src, dst, *a, **k: True)):
        real = getattr(os, name)

        def failing(*args, _real=real, _writes=writes, _name=name, **kwargs):
            target = args[1] if _name == "link" else args[0]
            if _writes(*args, **kwargs) and fails(target):
                refuse(target)
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize("code, words, where", [
    (errno.ENOSPC, "the disk is full", ".staging-"),  # the disk fills while the new build is written
    (errno.EROFS, "read-only", "output"),  # nothing can be written there at all
    (errno.EACCES, "permission denied", "output"),
    (errno.EDQUOT, "quota", ".staging-"),
])
def test_a_full_or_read_only_disk_is_a_plain_error_and_the_previous_build_stays(tmp_path, monkeypatch, code, words, where):
    out = tmp_path / "output"
    assert CliRunner().invoke(main, ["build", str(ESCROW), "-o", str(out), "-j", "1"]).exit_code == 0
    (out / "roo-2005-escrow" / "notes.txt").write_text("mine")
    before = _tree(out)
    _failing_writes(monkeypatch, code, where)
    result = CliRunner().invoke(main, ["build", str(ESCROW), "-o", str(out), "-j", "1"])
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert words in result.output and "internal error" not in result.output, result.output
    assert _tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["roo-2005-escrow"]


def test_a_full_disk_writing_a_redline_is_a_plain_error(tmp_path, monkeypatch):
    from dealdocs.outputs.redline import RedlineReport, write_redline
    from dealdocs.errors import UserMessageError

    from dealdocs.outputs.redline import DocumentChange

    report = RedlineReport(deal_id="deal", term_sheet="deal.yaml", against="HEAD", revision_date="2026-01-01T00:00:00Z",
                           documents=[DocumentChange("escrow-agreement", "changed", b"redlined")])  # a change to write
    _failing_writes(monkeypatch, errno.ENOSPC, ".staging-")
    with pytest.raises(UserMessageError) as failed:
        write_redline(tmp_path / "output", report)
    assert "the disk is full" in str(failed.value)


# -- pipes ---------------------------------------------------------------------------------------------


def _into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run dealdocs with its output going to a pipe nobody reads (`dealdocs ... | head -0`)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=REPO, stdout=writer,
                              stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(writer)


@pytest.mark.parametrize("command", [
    ["text", "{docx}"],
    ["lint", "{docx}"],
    ["check", str(BRIDGE)],
    ["check", "--format", "json", str(BRIDGE)],
    ["schema"],
    ["templates"],
    ["build", str(BRIDGE), "-o", "{out}"],
    ["redline", str(BRIDGE), "--against", "{earlier}", "-o", "{out}"],
])
def test_output_into_a_closed_pipe_ends_quietly(tmp_path, command):
    docx = tmp_path / "out" / "bridge-example" / "note-purchase-agreement.docx"
    assert dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "out")).returncode == 0
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(BRIDGE.read_text().replace("interest_rate: 12", "interest_rate: 11"))
    values = {"docx": str(docx), "out": str(tmp_path / "out"), "earlier": str(earlier)}
    if command[0] == "redline":
        import importlib.util

        assert importlib.util.find_spec("python_redlines"), "redline needs pip install 'dealdocs[redline]'"
    completed = _into_a_closed_pipe(*(part.format(**values) for part in command))
    assert completed.returncode == 141, completed.stderr  # as for a program the closed pipe ended (128 + SIGPIPE)
    assert completed.stderr == ""


# -- a batch -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_crashing_deal_in_a_batch_stops_neither_the_batch_nor_its_report(tmp_path, monkeypatch, jobs):
    from dealdocs.pipeline import Builder

    sheets = []
    for name in ("alpha", "crashes", "omega"):
        sheets.append(tmp_path / f"{name}.yaml")
        shutil.copy(BRIDGE, sheets[-1])
    real_build = Builder.build

    def build(self, path):
        if path.stem == "crashes":
            raise RuntimeError("a bug in dealdocs")
        return real_build(self, path)

    monkeypatch.setattr(Builder, "build", build)
    result = CliRunner().invoke(main, ["build", *map(str, sheets), "-o", str(tmp_path / "out"), "-j", jobs])
    assert result.exit_code == 1, result.output
    assert "2 of 3 deals built; failed: " in result.output and "crashes.yaml" in result.output
    assert "internal error" in result.output and "RuntimeError: a bug in dealdocs" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["alpha", "omega"]
    for name in ("alpha", "omega"):
        assert f"wrote {tmp_path / 'out' / name / 'escrow-agreement.docx'}" in result.output


@pytest.mark.parametrize("which", ["term sheet", "closing ledger", "device"])
def test_a_term_sheet_or_ledger_that_is_a_named_pipe_or_a_device_is_refused_not_read_forever(tmp_path, which):
    """A named pipe never ends and /dev/zero never stops: reading either waited for ever (status of a deal
    whose closing ledger was a pipe hung). A term sheet or ledger is a regular file, or a usage error naming it."""
    deal = tmp_path / "deal.yaml"
    if which == "term sheet":
        os.mkfifo(deal)
    elif which == "closing ledger":
        shutil.copy(BRIDGE, deal)
        os.mkfifo(tmp_path / "deal.closing.yaml")
    else:
        os.symlink("/dev/zero", deal)
    for command in (["status", "deal.yaml"], ["check", "deal.yaml"]):
        if which == "closing ledger":  # found beside the term sheet, not given: its problem is a finding (DD500)
            said = plain(dealdocs(*command, cwd=tmp_path, timeout=120), 1)
            assert "deal.closing.yaml: error DD500: the closing ledger is a named pipe, not a file to read" in said
            continue
        said = plain(dealdocs(*command, cwd=tmp_path, timeout=120), 2)
        assert "deal.closing.yaml" not in said, said


def test_a_command_started_with_its_output_closed_ends_quietly(tmp_path):
    """A hostile sweep: `dealdocs check DEAL.yaml >&-` (standard output closed, which Python makes None) printed a
    traceback ('NoneType' object has no attribute 'flush'). Its output goes nowhere, as a closed pipe's does."""
    def closed_stdout() -> None:
        os.close(1)

    done = subprocess.run([sys.executable, "-m", "dealdocs", "check", str(BRIDGE)], stderr=subprocess.PIPE, text=True,
                          timeout=120, preexec_fn=closed_stdout)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


def test_text_into_a_pipe_closed_after_its_first_line_ends_141(tmp_path):
    """The hostile sweep: `dealdocs text long.docx | head -1` ended 0, the pipe closed while one write of megabytes
    was under way (taken in part, without an error), where `lint` ended 141 as the README says."""
    import docx as python_docx

    document = python_docx.Document()
    for number in range(15_000):
        document.add_paragraph(f"Paragraph {number}: the Purchasers shall deliver the documents the Escrow Agent requires.")
    long = tmp_path / "long.docx"
    document.save(long)
    reader, writer = os.pipe()
    try:
        process = subprocess.Popen([sys.executable, "-m", "dealdocs", "text", str(long)], cwd=REPO, stdout=writer,
                                   stderr=subprocess.PIPE, text=True)
    finally:
        os.close(writer)
    first = os.read(reader, 100)  # as `head -1` reads its line, then goes
    os.close(reader)
    _, errors = process.communicate(timeout=300)
    assert first.startswith(b"Paragraph 0:")
    assert process.returncode == 141, errors
    assert errors == ""
