"""Writing a build: all or nothing, byte for byte reproducible, hand edits protected.

A deal's documents are written into a hidden staging folder beside the target,
with the build record (`manifest.json`), and swapped into place in one atomic
step (Linux `renameat2(RENAME_EXCHANGE)`, a plain rename for a first build), so
that a build killed at any moment leaves the previous build or the new one,
whole. Before anything is replaced, every file of the previous build is
compared with its record: a file changed since it was built is a lawyer's hand
edit and stops the build, unless forced, in which case it is first moved to
`edited/<name>-<timestamp>.docx`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from dealdocs.errors import HandEditedError, UsageError

MANIFEST = "manifest.json"
EDITED = "edited"
REDLINE = "redline"
# Folders a build does not make but keeps: hand edits moved aside, and redlines.
KEPT_FOLDERS = (EDITED, REDLINE)
_SAFE_ID = re.compile(r"^[^/\\\x00-\x1f.][^/\\\x00-\x1f]*$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def deal_folder(output_dir: Path, deal_id: str) -> Path:
    """output_dir/deal_id, refusing an id that would write anywhere else."""
    if not _SAFE_ID.match(deal_id) or ".." in deal_id:
        raise UsageError(f"'{deal_id}' cannot name an output folder: a term sheet's name may not start with a dot or hold '/', '\\' or '..'")
    target = (output_dir / deal_id).resolve()
    if target.parent != output_dir.resolve():
        raise UsageError(f"'{deal_id}' would write outside {output_dir}")
    return target


def safe_file_name(name: str) -> str:
    """A document file name that cannot leave its folder."""
    if not _SAFE_ID.match(name) or ".." in name:
        raise UsageError(f"'{name}' is not a safe file name for a built document")
    return name


def git_commit_of(path: Path) -> dict[str, object] | None:
    """The last commit touching `path`, and whether it has uncommitted changes; None outside git."""
    folder = path.resolve().parent
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", path.name], cwd=folder, capture_output=True, text=True, timeout=10
        )
        if commit.returncode != 0 or not commit.stdout.strip():
            return None
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", path.name], cwd=folder, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return {"commit": commit.stdout.strip(), "modified_since_commit": bool(status.stdout.strip())}


@dataclass
class BuildRecord:
    """What `manifest.json` says about a build: enough to verify and reproduce it."""

    dealdocs_version: str
    term_sheet: dict[str, object]
    templates: dict[str, str]
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    wire_instructions: dict[str, str] | None = None
    closing_ledger: dict[str, object] | None = None  # the closing ledger the checklist's statuses come from

    def to_json(self) -> str:
        data = {
            "dealdocs_version": self.dealdocs_version,
            "term_sheet": self.term_sheet,
            "templates": dict(sorted(self.templates.items())),
            "files": dict(sorted(self.files.items())),
        }
        if self.wire_instructions is not None:
            data["wire_instructions"] = self.wire_instructions
        if self.closing_ledger is not None:
            data["closing_ledger"] = self.closing_ledger
        return json.dumps(data, indent=2, sort_keys=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> BuildRecord | None:
        path = folder / MANIFEST
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                dealdocs_version=str(data["dealdocs_version"]),
                term_sheet=dict(data["term_sheet"]),
                templates=dict(data["templates"]),
                files=dict(data["files"]),
                wire_instructions=data.get("wire_instructions"),
                closing_ledger=data.get("closing_ledger"),
            )
        except (ValueError, KeyError, TypeError):
            return None


def hand_edited_files(folder: Path, new_names: set[str]) -> list[str]:
    """Files of the previous build that differ from its record, or that the record does not know.

    Only files this build would replace, or that the previous build wrote, are considered.
    """
    if not folder.is_dir():
        return []
    record = BuildRecord.read(folder)
    known = record.files if record else {}
    edited = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative == MANIFEST or relative.split("/")[0] in KEPT_FOLDERS:
            continue
        entry = known.get(relative)
        if entry is None:
            if relative in new_names:
                edited.append(relative)  # not ours: someone put it there
            continue
        if entry.get("sha256") != sha256(path.read_bytes()):
            edited.append(relative)
    return edited


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace folder `target` by the complete folder `staging` in one atomic step.

    Linux swaps the two with renameat2(RENAME_EXCHANGE); elsewhere the old folder
    is renamed aside first. The staging folder is gone afterwards, whatever happens.
    """
    try:
        fsync_tree(staging)
        if target.exists():
            retired = staging
            if not _exchange(staging, target):
                retired = staging.with_name(staging.name + "-old")
                os.rename(target, retired)
                os.rename(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def fsync_tree(folder: Path) -> None:
    """Flush every file of `folder`, and the folder itself, to disk."""
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def clean_stale_staging(output_dir: Path, deal_id: str) -> None:
    """Remove staging folders a killed build left behind."""
    if not output_dir.is_dir():
        return
    for stale in output_dir.glob(f".{deal_id}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_build(
    output_dir: Path,
    deal_id: str,
    files: dict[str, bytes],
    record: BuildRecord,
    *,
    force: bool = False,
    extra: dict[str, Path] | None = None,
    now: datetime | None = None,
) -> tuple[list[Path], list[str]]:
    """Write one deal's files atomically. Returns (paths written, hand-edited files moved aside).

    `files` maps a relative path (e.g. 'signature-packets/company.docx') to its bytes;
    `extra` maps relative paths to files already made on disk (PDFs) to include.
    Raises HandEditedError, without writing anything, when a previous file was edited by hand.
    """
    target = deal_folder(output_dir, deal_id)
    output_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(output_dir, deal_id)
    for name in files:
        for part in name.split("/"):
            safe_file_name(part)
    edited = hand_edited_files(target, set(files) | set(extra or {}))
    if edited and not force:
        names = ", ".join(edited)
        raise HandEditedError(
            f"{target} has files changed since dealdocs built them: {names}. "
            "Nothing was written. Keep your edits by moving them out of the folder, "
            "or rebuild with --force, which first moves them to "
            f"{target / EDITED}/.",
            edited,
        )
    staging = output_dir / f".{deal_id}.staging-{os.getpid()}"
    staging.mkdir()
    try:
        record.files = {}
        for name, data in sorted(files.items()):
            destination = staging / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            record.files[name] = {"sha256": sha256(data), "size": len(data)}
        for name, made in sorted((extra or {}).items()):
            destination = staging / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(made, destination)
            data = destination.read_bytes()
            record.files[name] = {"sha256": sha256(data), "size": len(data)}
        moved: list[str] = []
        if target.is_dir():
            for kept in KEPT_FOLDERS:
                if (target / kept).is_dir():
                    shutil.copytree(target / kept, staging / kept)
            stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
            for name in edited:
                original = target / name
                stem, dot, suffix = Path(name).name.rpartition(".")
                kept = staging / EDITED / (f"{stem}-{stamp}.{suffix}" if dot else f"{suffix}-{stamp}")
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(original, kept)
                moved.append(kept.relative_to(staging).as_posix())
        (staging / MANIFEST).write_text(record.to_json(), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
    written = [target / name for name in sorted(record.files)]
    return written, moved
