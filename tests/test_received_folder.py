"""A deal folder received from someone else is data: building it or reading its git history runs none of its code.

The repository below is configured, as a hostile sender could configure it,
so that every command git can be told to run (fsmonitor, hooks, pager,
external diff, textconv, clean/smudge filters, signature verification, a
promisor remote's transport, ssh, credential helpers, editors) appends to a
marker file. `dealdocs build` records the term sheet's commit, and
`dealdocs redline --against REV` reads an earlier version from git: both
must work, and the marker must never appear.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
SETUP_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "Sender",
             "GIT_AUTHOR_EMAIL": "sender@example.com", "GIT_COMMITTER_NAME": "Sender",
             "GIT_COMMITTER_EMAIL": "sender@example.com"}


def git(folder: Path, *args: str, env: dict | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=env or SETUP_ENV)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def _fake_gpg(path: Path) -> Path:
    """A 'gpg' that signs anything, so the sender's last commit carries a signature to verify."""
    path.write_text("#!/bin/sh\ncat >/dev/null\necho '[GNUPG:] SIG_CREATED ' >&2\n"
                    "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nAAAA\\n-----END PGP SIGNATURE-----\\n'\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def received(tmp_path: Path) -> dict[str, Path]:
    """A deal folder with two commits of deal.yaml (the last signed) and a .git/config that would run `payload`."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    folder = tmp_path / "received-deal"
    folder.mkdir()
    marker = tmp_path / "code-ran.txt"
    payload = tmp_path / "payload.sh"
    payload.write_text(f'#!/bin/sh\necho "ran: $0 $*" >> "{marker}"\ncat >/dev/null 2>&1\nexit 0\n')
    payload.chmod(0o755)
    term_sheet = folder / "deal.yaml"
    git(folder, "init", "-q")
    term_sheet.write_bytes(BRIDGE.read_bytes())
    git(folder, "add", "deal.yaml")
    git(folder, "commit", "-q", "-m", "first draft")
    term_sheet.write_text(BRIDGE.read_text().replace("interest_rate: 12", "interest_rate: 11"))
    (folder / ".gitattributes").write_text("*.yaml filter=evil diff=evil merge=evil\n")
    git(folder, "add", "deal.yaml", ".gitattributes")
    git(folder, "-c", f"gpg.program={_fake_gpg(tmp_path / 'fake-gpg')}", "commit", "-q", "-S", "-m", "second draft")
    hooks = folder / ".git" / "hooks"
    for hook in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc",
                 "post-rewrite", "fsmonitor-watchman", "pre-push", "post-merge"):
        shutil.copy(payload, hooks / hook)
    run = str(payload)
    for key, value in [
        ("core.fsmonitor", run), ("core.hooksPath", str(hooks)), ("core.pager", run), ("pager.log", run),
        ("pager.show", run), ("diff.external", run), ("diff.evil.textconv", run), ("diff.evil.command", run),
        ("filter.evil.clean", run), ("filter.evil.smudge", run), ("filter.evil.process", run),
        ("merge.evil.driver", run), ("core.sshCommand", run), ("core.askPass", run), ("core.editor", run),
        ("sequence.editor", run), ("credential.helper", f"!{run}"), ("gpg.program", run),
        ("log.showSignature", "true"), ("core.alternateRefsCommand", run), ("protocol.ext.allow", "always"),
        ("remote.origin.url", f"ext::{run} %S"), ("remote.origin.promisor", "true"),
        ("extensions.partialClone", "origin"), ("core.repositoryFormatVersion", "1"),
    ]:
        git(folder, "config", key, value)
    term_sheet.touch()  # the index's stat data no longer matches: a status would refresh it through the filter
    marker.unlink(missing_ok=True)
    return {"folder": folder, "term_sheet": term_sheet, "marker": marker}


def test_building_a_received_deal_runs_none_of_its_git_configuration(received, tmp_path):
    out = tmp_path / "output"
    built = subprocess.run([sys.executable, "-m", "dealdocs", "build", str(received["term_sheet"]), "-o", str(out)],
                           cwd=REPO, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr
    assert not received["marker"].exists(), received["marker"].read_text()
    record = json.loads((out / "deal" / "manifest.json").read_text())["term_sheet"]
    head = git(received["folder"], "rev-parse", "HEAD")
    assert record["git"] == {"commit": head, "modified_since_commit": False}
    assert record["sha256"] == hashlib.sha256(received["term_sheet"].read_bytes()).hexdigest()


def test_reading_an_earlier_version_from_a_received_repository_runs_none_of_its_code(received):
    from dealdocs.versions import git_version

    raw, label, stamp = git_version(received["term_sheet"], "HEAD~1")
    assert raw == BRIDGE.read_bytes()
    assert "HEAD~1" in label and stamp.endswith("Z")
    assert not received["marker"].exists(), received["marker"].read_text()


def test_the_record_says_when_the_term_sheet_differs_from_its_commit(received, tmp_path):
    from dealdocs.termsheet.git import git_commit_of

    committed = received["term_sheet"].read_bytes()
    assert git_commit_of(received["term_sheet"], committed)["modified_since_commit"] is False
    assert git_commit_of(received["term_sheet"], committed + b"# an edit\n")["modified_since_commit"] is True
    outside = tmp_path / "elsewhere" / "deal.yaml"
    outside.parent.mkdir()
    outside.write_bytes(committed)
    assert git_commit_of(outside, committed) is None
    assert not received["marker"].exists(), received["marker"].read_text()


def test_a_missing_object_is_never_fetched_through_the_senders_transport(received):
    from dealdocs.errors import UsageError
    from dealdocs.versions import git_version

    blob = git(received["folder"], "rev-parse", "HEAD~1:deal.yaml")
    (received["folder"] / ".git" / "objects" / blob[:2] / blob[2:]).unlink()  # a partial clone lacks it
    with pytest.raises(UsageError):
        git_version(received["term_sheet"], "HEAD~1")
    assert not received["marker"].exists(), received["marker"].read_text()


def test_python_m_dealdocs_in_a_received_folder_imports_none_of_its_files(tmp_path):
    """The hostile sweep: `python -m dealdocs check deal.yaml`, run in a received deal folder holding a `yaml.py`,
    imported and ran it (exit 70, and the sender's code ran): `python -m` puts the folder first on the import path."""
    folder = tmp_path / "received"
    folder.mkdir()
    shutil.copy(BRIDGE, folder / "deal.yaml")
    for module in ("yaml", "docx", "jinja2", "lxml", "pydantic"):
        (folder / f"{module}.py").write_text(f"open({str(tmp_path / ('ran-' + module))!r}, 'w').write('ran')\n")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "DEALDOCS_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    run = subprocess.run([sys.executable, "-m", "dealdocs", "check", "deal.yaml"], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no problems found" in run.stdout
    assert not list(tmp_path.glob("ran-*"))
