"""A term sheet's git history, read without running anything the repository configures.

A deal folder may come from someone else, `.git` included, and a repository's
own configuration can tell git to run commands: an fsmonitor, hooks, a pager,
an external diff, textconv and clean/smudge filters, a signature verifier, a
promisor remote's transport. So dealdocs asks git only to read objects
(`rev-parse`, commit ids and dates from `log`, `cat-file blob`), with each of
those settings overridden on the command line, which wins over the
repository's own, and every transport refused (`GIT_ALLOW_PROTOCOL` empty), so
an object missing from a partial clone is never fetched. Whether the term
sheet differs from its commit is decided by comparing bytes, never by
`git status`, which refreshes the index through the fsmonitor and the filters.

Git's own protection stays: a repository owned by another user is refused
(`safe.directory`), and the build then records no commit.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from dealdocs.errors import ToolMissingError, UsageError, UserMessageError

_NOTHING_RUNS = (  # external diffs, textconv and filters are never asked for: no diff, no status, no checkout
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",
    "core.pager=cat",
    "log.showSignature=false",
    "credential.helper=",
    "protocol.allow=never",
)
_ENVIRONMENT = {
    "GIT_ALLOW_PROTOCOL": "",  # no transport at all, whatever the repository allows
    "GIT_NO_LAZY_FETCH": "1",  # git 2.44 and later: a partial clone fetches nothing
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
    "GIT_NO_REPLACE_OBJECTS": "1",
}


def run_git(folder: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`git args...` in `folder`, as the module docstring says; output as bytes.

    Raises ToolMissingError without git, UserMessageError when git does not answer in time.
    """
    command = ["git", "--no-pager"]
    for setting in _NOTHING_RUNS:
        command += ["-c", setting]
    try:
        return subprocess.run([*command, *args], cwd=folder, capture_output=True, timeout=timeout,
                              env={**os.environ, **_ENVIRONMENT}, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ToolMissingError("reading the term sheet's git history needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UserMessageError(f"git did not answer within {timeout:.0f} seconds in {folder}") from None


def _text(completed: subprocess.CompletedProcess) -> str:
    return completed.stdout.decode("utf-8", "replace").strip()


def _said(completed: subprocess.CompletedProcess) -> str:
    """git's own first line of complaint, for a message: ' (git: fatal: ...)' or ''."""
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return f" (git: {lines[0][:200]})" if lines else ""


def _in_repository(path: Path) -> tuple[Path, str] | None:
    """(the repository's top folder, `path` relative to it), or None outside git."""
    folder = path.resolve().parent
    top = run_git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or not _text(top):
        return None
    root = Path(_text(top)).resolve()
    try:
        return root, path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _same_text(a: bytes, b: bytes) -> bool:
    return a == b or a.replace(b"\r\n", b"\n") == b.replace(b"\r\n", b"\n")  # a checkout's line endings


def git_commit_of(path: Path, built_from: bytes) -> dict[str, object] | None:
    """The last commit of `path`, and whether `built_from` (the bytes built) differs from it; None outside git."""
    try:
        found = _in_repository(path)
        if found is None:
            return None
        root, relative = found
        commit = run_git(root, "log", "-1", "--no-show-signature", "--format=%H", "--", relative)
        if commit.returncode != 0 or not _text(commit):
            return None
        committed = run_git(root, "cat-file", "blob", f"HEAD:{relative}")
    except (UserMessageError, OSError):
        return None
    modified = committed.returncode != 0 or not _same_text(committed.stdout, built_from)
    return {"commit": _text(commit), "modified_since_commit": modified}


def _utc(timestamp: int | float) -> str:
    return datetime.fromtimestamp(int(timestamp), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_version(path: Path, revision: str) -> tuple[bytes, str, str]:
    """The term sheet at `path` as it was in git `revision`: (bytes, label, pinned revision date).

    The revision date is that of the term sheet's last commit (the newer version's,
    when it is committed), else the revision's own.
    """
    shown_revision = revision if len(revision) <= 80 else revision[:60] + "..."
    if not revision or revision.startswith("-") or "\0" in revision:
        raise UsageError(f"'{shown_revision}' is not a file or a git revision")
    found = _in_repository(path)
    if found is None:
        raise UsageError(f"--against {shown_revision}: no such file, and {path} is not in a git repository"
                         + _said(run_git(path.resolve().parent, "rev-parse", "--show-toplevel")))
    root, relative = found
    commit = run_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(f"--against {shown_revision}: no such file, and not a git revision of {root}")
    sha = _text(commit)
    shown = run_git(root, "cat-file", "blob", f"{sha}:{relative}")
    if shown.returncode != 0:
        raise UsageError(f"{relative} is not in git revision {shown_revision} ({sha[:10]}){_said(shown)}")
    last = run_git(root, "log", "-1", "--no-show-signature", "--format=%ct", "--", relative)
    stamp = _text(last) if last.returncode == 0 else ""
    if not stamp.isdigit():
        stamp = _text(run_git(root, "log", "-1", "--no-show-signature", "--format=%ct", sha))
    label = f"{shown_revision} (commit {sha[:10]}, {relative})" if revision != sha else f"commit {sha[:10]} ({relative})"
    return shown.stdout, label, _utc(int(stamp) if stamp.isdigit() else 0)
