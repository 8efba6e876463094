"""The output folder belongs to the lawyer: nothing they put there is lost, nothing is followed.

Real `dealdocs build` processes where the point is what a user sees (exit
codes, messages, files on disk); `write_build` directly where a moment inside
a build has to be reached (a lock held, a swap without renameat2, a process
killed between two renames).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dealdocs.errors import HandEditedError, UserMessageError
from dealdocs.outputs.write import BuildRecord, write_build

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
ESCROW = REPO / "deals" / "roo-2005-escrow.yaml"


def dealdocs(*args: str, cwd: Path = REPO, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (links not followed): a file's SHA-256, a link's target, 'folder'."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = "-> " + os.readlink(path)
            elif path.is_dir():
                found[relative] = "folder"
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _record() -> BuildRecord:
    return BuildRecord(dealdocs_version="test", term_sheet={"path": "deals/x.yaml", "sha256": "0" * 64, "git": None}, templates={})


def _users_things(folder: Path) -> dict[str, str]:
    """What a lawyer keeps beside a build: an edited copy under another name, a signed PDF, notes, correspondence."""
    (folder / "escrow-agreement (as negotiated).docx").write_bytes(b"the version both sides agreed")
    (folder / "signed").mkdir()
    (folder / "signed" / "escrow-agreement-executed.pdf").write_bytes(b"%PDF-1.7 signed by all parties")
    (folder / "notes.txt").write_text("call escrow agent to confirm wire\n")
    (folder / "correspondence" / "2026-03").mkdir(parents=True)
    (folder / "correspondence" / "2026-03" / "from-buyers-counsel.eml").write_text("Subject: comments\n")
    (folder / "empty folder for later").mkdir()
    (folder / "current.docx").symlink_to("escrow-agreement (as negotiated).docx")
    return tree(folder)


# -- nothing the user put there is lost ----------------------------------------------------------------


def test_a_rebuild_keeps_every_file_and_folder_the_user_put_in_the_deal_folder(tmp_path):
    out = tmp_path / "output"
    assert dealdocs("build", str(BRIDGE), "-o", str(out)).returncode == 0
    folder = out / "bridge-example"
    before = tree(folder)
    mine = {k: v for k, v in _users_things(folder).items() if k not in before}

    rebuilt = dealdocs("build", str(BRIDGE), "-o", str(out))
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    after = tree(folder)
    assert {k: after.get(k) for k in mine} == mine  # every file, folder and link, byte for byte
    manifest = json.loads((folder / "manifest.json").read_text())
    assert not set(manifest["files"]) & set(mine)  # the build record does not claim them
    assert [p.name for p in out.iterdir()] == ["bridge-example"]  # no staging or old copy left behind


def test_the_users_files_are_kept_when_a_rebuild_drops_a_document(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"one", "notes/b.docx": b"two"}, _record())
    (tmp_path / "deal" / "notes" / "mine.txt").write_text("my note in the build's folder")
    write_build(tmp_path, "deal", {"a.docx": b"one again"}, _record())
    assert (tmp_path / "deal" / "notes" / "mine.txt").read_text() == "my note in the build's folder"
    assert not (tmp_path / "deal" / "notes" / "b.docx").exists()  # the build's own file no longer called for


def test_force_moves_a_users_file_in_the_way_to_edited_and_keeps_the_rest(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"built"}, _record())
    (tmp_path / "deal" / "b.docx").write_bytes(b"the lawyer's own b")
    (tmp_path / "deal" / "keep.txt").write_bytes(b"kept")
    with pytest.raises(HandEditedError):
        write_build(tmp_path, "deal", {"a.docx": b"built", "b.docx": b"built b"}, _record())
    moved = write_build(tmp_path, "deal", {"a.docx": b"built", "b.docx": b"built b"}, _record(), force=True).moved_aside
    assert len(moved) == 1 and (tmp_path / "deal" / moved[0]).read_bytes() == b"the lawyer's own b"
    assert (tmp_path / "deal" / "keep.txt").read_bytes() == b"kept"


# -- what is in output/ is never followed or moved silently ----------------------------------------------


def test_a_deal_folder_that_is_a_link_to_another_deal_is_refused(tmp_path):
    out = tmp_path / "output"
    assert dealdocs("build", str(ESCROW), "-o", str(out)).returncode == 0
    other = tree(out / "roo-2005-escrow")
    (out / "bridge-example").symlink_to("roo-2005-escrow")
    refused = dealdocs("build", str(BRIDGE), "-o", str(out))
    assert refused.returncode in (1, 2), refused.stdout + refused.stderr
    assert "internal error" not in refused.stderr
    assert str(out / "bridge-example") in refused.stderr and "link" in refused.stderr
    assert tree(out / "roo-2005-escrow") == other
    assert os.readlink(out / "bridge-example") == "roo-2005-escrow"


def test_an_output_folder_that_is_a_dangling_link_is_refused_and_nothing_is_made(tmp_path):
    (tmp_path / "output").symlink_to(tmp_path / "nowhere")
    refused = dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "output"))
    assert refused.returncode == 1 and "internal error" not in refused.stderr
    assert f"is a link to {tmp_path / 'nowhere'}, which does not exist" in refused.stderr
    assert not (tmp_path / "nowhere").exists() and (tmp_path / "output").is_symlink()


def test_an_output_folder_that_links_to_a_folder_is_followed(tmp_path):
    (tmp_path / "shared-drive").mkdir()
    (tmp_path / "output").symlink_to(tmp_path / "shared-drive")
    assert dealdocs("build", str(ESCROW), "-o", str(tmp_path / "output")).returncode == 0
    assert (tmp_path / "shared-drive" / "roo-2005-escrow" / "escrow-agreement.docx").is_file()


def test_a_deal_folder_that_is_a_plain_file_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "bridge-example").write_text("a file the lawyer saved under this name")
    refused = dealdocs("build", str(BRIDGE), "-o", str(out))
    assert refused.returncode in (1, 2), refused.stdout + refused.stderr
    assert "internal error" not in refused.stderr and str(out / "bridge-example") in refused.stderr
    assert (out / "bridge-example").read_text() == "a file the lawyer saved under this name"
    assert sorted(p.name for p in out.iterdir()) == ["bridge-example"]


def test_a_deal_folder_made_read_only_is_refused_and_left_as_it_is(tmp_path):
    """The hostile sweep: `chmod 555 output/deal`, then a rebuild: exit 0, a new writable folder in its place and the
    old one left as a hidden `.deal.staging-<pid>` no build removed or named. A folder made read-only is kept as it is."""
    out = tmp_path / "output"
    assert dealdocs("build", str(BRIDGE), "-o", str(out)).returncode == 0
    folder = out / "bridge-example"
    before = tree(folder)
    folder.chmod(0o555)
    try:
        refused = dealdocs("build", str(BRIDGE), "-o", str(out), "--force")
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert f"{folder} is read-only" in refused.stderr and "chmod u+w" in refused.stderr
        assert "internal error" not in refused.stderr
        assert tree(folder) == before and sorted(p.name for p in out.iterdir()) == ["bridge-example"]
    finally:
        folder.chmod(0o755)


def test_an_edited_folder_that_is_a_link_never_brings_an_outside_folder_in(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "client-secrets.txt").write_text("not for the deal folder")
    write_build(tmp_path / "output", "deal", {"a.docx": b"built"}, _record())
    (tmp_path / "output" / "deal" / "edited").symlink_to(outside)
    (tmp_path / "output" / "deal" / "a.docx").write_bytes(b"an edit to keep")
    with pytest.raises(UserMessageError) as refused:
        write_build(tmp_path / "output", "deal", {"a.docx": b"rebuilt"}, _record(), force=True)
    assert "edited" in str(refused.value) and "link" in str(refused.value)
    assert tree(outside) == {"client-secrets.txt": hashlib.sha256(b"not for the deal folder").hexdigest()}
    contents = [p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file() and not p.is_symlink()]
    assert b"not for the deal folder" not in contents
    assert (tmp_path / "output" / "deal" / "a.docx").read_bytes() == b"an edit to keep"


def test_a_fifo_in_the_deal_folder_is_never_opened(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"built"}, _record())
    os.mkfifo(tmp_path / "deal" / "a.docx.pipe")
    os.unlink(tmp_path / "deal" / "a.docx")
    os.mkfifo(tmp_path / "deal" / "a.docx")  # where the build writes: in the way, never read
    with pytest.raises(HandEditedError) as refused:
        write_build(tmp_path, "deal", {"a.docx": b"rebuilt"}, _record())
    assert "a.docx" in str(refused.value)
    moved = write_build(tmp_path, "deal", {"a.docx": b"rebuilt"}, _record(), force=True).moved_aside
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"rebuilt"
    assert (tmp_path / "deal" / "a.docx.pipe").is_fifo() and (tmp_path / "deal" / moved[0]).is_fifo()


# -- builds never overwrite each other ------------------------------------------------------------------


def test_two_term_sheets_with_one_name_in_one_run_are_refused(tmp_path):
    for folder in ("client-a", "client-b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "deal.yaml").write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    refused = dealdocs("build", str(tmp_path / "client-a" / "deal.yaml"), str(tmp_path / "client-b" / "deal.yaml"),
                       "-o", str(out))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "client-a" in refused.stderr and "client-b" in refused.stderr and str(out / "deal") in refused.stderr
    assert not out.exists()


def test_a_term_sheet_named_with_glob_characters_touches_no_other_deal(tmp_path):
    out = tmp_path / "output"
    others_staging = out / ".acme.staging-4242"  # another deal's build, in progress
    others_staging.mkdir(parents=True)
    (others_staging / "escrow-agreement.docx").write_bytes(b"half-written by another build")
    starred = tmp_path / "*.yaml"
    starred.write_bytes(BRIDGE.read_bytes())
    built = dealdocs("build", str(starred), "-o", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    assert (others_staging / "escrow-agreement.docx").read_bytes() == b"half-written by another build"
    assert (out / "*" / "manifest.json").is_file()


def test_a_second_build_of_a_deal_waits_for_the_lock_and_then_says_who_holds_it(tmp_path):
    from dealdocs.outputs.lock import DealLock

    write_build(tmp_path, "deal", {"a.docx": b"one"}, _record())
    with DealLock(tmp_path, "deal", wait=0):
        with pytest.raises(UserMessageError) as busy:
            write_build(tmp_path, "deal", {"a.docx": b"two"}, _record(), lock_wait=0.2)
    assert "another dealdocs" in str(busy.value) and str(os.getpid()) in str(busy.value)
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"one"
    write_build(tmp_path, "deal", {"a.docx": b"two"}, _record(), lock_wait=0.2)  # released: goes ahead
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"two"


def test_concurrent_builds_of_one_deal_all_finish_and_leave_one_whole_build(tmp_path):
    out = tmp_path / "output"
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    command = [sys.executable, "-m", "dealdocs", "build", str(term_sheet), "-o", str(out), "-j", "1"]
    assert subprocess.run(command, cwd=REPO, capture_output=True).returncode == 0
    (out / "deal" / "notes.txt").write_text("mine")
    for _ in range(3):
        processes = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(4)]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in processes]
        for p in processes:
            p.stdout.close(), p.stderr.close()
        assert [code for code, _ in results] == [0, 0, 0, 0], [err for _, err in results]
        manifest = json.loads((out / "deal" / "manifest.json").read_text())
        on_disk = {k: v for k, v in tree(out / "deal").items() if k in manifest["files"]}
        assert on_disk == {name: entry["sha256"] for name, entry in manifest["files"].items()}
        assert (out / "deal" / "notes.txt").read_text() == "mine"
        assert [p.name for p in out.iterdir()] == ["deal"]


# -- where the atomic swap is unavailable ---------------------------------------------------------------

_KILLED_BETWEEN_RENAMES = textwrap.dedent("""
    import ctypes.util, os, signal, sys
    from pathlib import Path
    ctypes.util.find_library = lambda name: None  # no renameat2: macOS, SMB, NFS
    target = Path(sys.argv[1]).resolve()
    for name in ("rename", "replace"):
        real = getattr(os, name)
        def moved(src, dst, *args, _real=real, **kwargs):
            if Path(dst).resolve() == target:  # the new build about to take the old one's place
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(src, dst, *args, **kwargs)
        setattr(os, name, moved)
    from dealdocs.cli import main
    main(sys.argv[2:])
""")


def test_a_build_killed_between_the_fallback_renames_loses_nothing(tmp_path):
    out = tmp_path / "output"
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", str(term_sheet), "-o", str(out)).returncode == 0
    folder = out / "deal"
    note = folder / "promissory-note-chen.docx"
    note.write_bytes(note.read_bytes() + b"\0")  # a hand edit: --force keeps it in edited/
    assert dealdocs("build", str(term_sheet), "-o", str(out), "--force").returncode == 0
    _users_things(folder)
    recorded = json.loads((folder / "manifest.json").read_text())["files"]
    mine = {k: v for k, v in tree(folder).items() if k not in recorded and k != "manifest.json"}
    assert any(k.startswith("edited/promissory-note-chen-") for k in mine) and "notes.txt" in mine

    term_sheet.write_text(BRIDGE.read_text().replace("interest_rate: 12", "interest_rate: 11"))
    killed = subprocess.run([sys.executable, "-c", _KILLED_BETWEEN_RENAMES, str(folder), "build", str(term_sheet), "-o", str(out)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr  # it did die between the renames

    recovered = dealdocs("build", str(term_sheet), "-o", str(out))
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    after = tree(folder)
    assert {k: after.get(k) for k in mine} == mine
    assert [p.name for p in out.iterdir()] == ["deal"]


def test_the_fallback_swap_replaces_a_build_and_keeps_the_users_files(tmp_path, monkeypatch):
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    write_build(tmp_path, "deal", {"a.docx": b"one"}, _record())
    (tmp_path / "deal" / "mine.txt").write_text("mine")
    write_build(tmp_path, "deal", {"a.docx": b"two"}, _record())
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"two"
    assert (tmp_path / "deal" / "mine.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deal"]


@pytest.mark.parametrize("kind", ["hard link", "named pipe"])
def test_a_lock_file_that_is_a_users_file_by_another_name_or_a_pipe_is_left_as_it_is(tmp_path, kind):
    """The hostile sweep: `output/.deal.lock` hard-linked to a file of the user's had that file emptied and
    overwritten with the holder's process id (a build as root: any file); a named pipe there was written into and
    removed. Either now stops the build, naming it, and is left as it was."""
    from dealdocs.errors import UserMessageError

    mine = tmp_path / "mine.txt"
    mine.write_text("precious")
    lock = tmp_path / ".deal.lock"
    os.link(mine, lock) if kind == "hard link" else os.mkfifo(lock)
    with pytest.raises(UserMessageError) as refused:
        write_build(tmp_path, "deal", {"a.docx": b"one"}, _record(), lock_wait=0.2)
    assert str(lock) in str(refused.value) and "nothing was written" in str(refused.value)
    assert mine.read_text() == "precious" and os.path.lexists(lock) and not (tmp_path / "deal").exists()


def test_check_and_status_say_a_built_file_edited_by_hand_which_the_next_build_would_stop_on(tmp_path):
    """A new user's trial: a note edited by hand after the build ($650,000 for $600,000): check and status said
    nothing of it; only the next build stopped. Files the user added beside the build are theirs, not edits."""
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_bytes((REPO / "deals" / "bridge-example.yaml").read_bytes())
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    folder = tmp_path / "output" / "bridge-example"
    (folder / "my notes.txt").write_text("mine")  # the user's own file: no edit of the build's
    checked = dealdocs("check", "bridge-example.yaml", cwd=tmp_path)
    assert "DD177" not in checked.stdout, checked.stdout
    note = folder / "promissory-note-chen.docx"
    note.write_bytes(note.read_bytes() + b"\0")  # edited: no longer the bytes the build wrote
    checked = dealdocs("check", "bridge-example.yaml", cwd=tmp_path)
    said = " ".join(checked.stdout.split())
    assert checked.returncode == 0 and ("bridge-example.yaml: warning DD177: promissory-note-chen.docx in "
                                        "output/bridge-example changed since the build wrote it") in said, said
    assert "build with --force, which first moves them to output/bridge-example/edited" in said
    assert "DD177" in dealdocs("status", "bridge-example.yaml", cwd=tmp_path).stdout
    stopped = dealdocs("build", "bridge-example.yaml", cwd=tmp_path)  # as the warning says
    assert stopped.returncode == 1 and "promissory-note-chen.docx" in stopped.stdout + stopped.stderr
