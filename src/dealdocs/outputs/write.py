"""Writing a build: all or nothing, byte for byte reproducible, nothing of the user's lost.

A deal's documents are written into a hidden staging folder beside the target,
with the build record (`manifest.json`), and swapped into place
(`dealdocs.outputs.folder`), so that a build killed at any moment leaves the
previous build or the new one, whole. It all happens under the deal's lock
(`dealdocs.outputs.lock`), so two builds of one deal take turns. Before anything
is replaced, the folder is compared with the previous build's record: a built
file changed since (a hand edit), or something of the user's where the build
writes, stops the build unless forced, in which case it is first kept as
`edited/<name>-<timestamp>.docx`; everything else the user put in the folder
(notes, a signed PDF, a correspondence folder) is carried into the new build.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from dealdocs.errors import HandEditedError, UserMessageError, os_error_words
from dealdocs.outputs.folder import (
    EDITED,
    MANIFEST,
    carry,
    deal_folder,
    keep,
    leftover_kind,
    recover,
    refuse_unless_folder,
    safe_file_name,
    sha256,
    staging_name,
    survey,
    swap_into_place,
)
from dealdocs.outputs.lock import DEFAULT_WAIT, DealLock

__all__ = ["BuildRecord", "EDITED", "MANIFEST", "REDLINE", "deal_folder", "sha256", "write_build"]

REDLINE = "redline"
MAX_RECORD_BYTES = 64 * 1024 * 1024


@dataclass
class BuildRecord:
    """What `manifest.json` says about a build: enough to verify and reproduce it."""

    dealdocs_version: str
    term_sheet: dict[str, object]
    templates: dict[str, str]
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    wire_instructions: dict[str, str] | None = None

    def to_json(self) -> str:
        data = {
            "dealdocs_version": self.dealdocs_version,
            "term_sheet": self.term_sheet,
            "templates": dict(sorted(self.templates.items())),
            "files": dict(sorted(self.files.items())),
        }
        if self.wire_instructions is not None:
            data["wire_instructions"] = self.wire_instructions
        return json.dumps(data, indent=2, sort_keys=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> BuildRecord | None:
        """The record in `folder`; None when there is none or it is not one (any other JSON, or not JSON)."""
        path = folder / MANIFEST
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RECORD_BYTES:
                return None
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        files, term_sheet, templates = data.get("files"), data.get("term_sheet"), data.get("templates")
        if not (isinstance(files, dict) and isinstance(term_sheet, dict) and isinstance(templates, dict)):
            return None
        if not all(isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and type(entry.get("size")) is int
                   for entry in files.values()):
            return None
        return cls(
            dealdocs_version=str(data.get("dealdocs_version")),
            term_sheet=term_sheet,
            templates=templates,
            files=files,
            wire_instructions=_text_fields(data.get("wire_instructions")),
        )


def _text_fields(value: object) -> dict[str, str] | None:
    """`value` when it is a JSON object of strings, else None."""
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return value
    return None


def write_build(
    output_dir: Path,
    deal_id: str,
    files: dict[str, bytes],
    record: BuildRecord,
    *,
    force: bool = False,
    now: datetime | None = None,
    lock_wait: float = DEFAULT_WAIT,
    subfolder: str | None = None,
) -> tuple[list[Path], list[str]]:
    """Write one deal's files atomically. Returns (paths written, what was kept in edited/).

    `files` maps a relative path (e.g. 'signature-packets/company.docx') to its bytes.
    With `subfolder` (`REDLINE`), they are OUTDIR/<deal>/<subfolder>/, written
    the same way under the same lock, the rest of the deal's folder untouched.
    Raises HandEditedError, without writing anything, when a built file was
    edited by hand or something of the user's is where the build writes;
    UserMessageError when the folder cannot be written (a full or read-only
    disk), another build holds the deal's lock beyond `lock_wait` seconds, or
    the deal's folder is a link or a file.
    """
    for name in files:
        for part in name.split("/"):
            safe_file_name(part)
    folder = deal_folder(output_dir, deal_id)
    target = folder / subfolder if subfolder else folder
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with DealLock(folder.parent, deal_id, wait=lock_wait):
            if subfolder:
                refuse_unless_folder(folder)
                folder.mkdir(exist_ok=True)
            return _write_locked(target, files, record, force, now, inner=() if subfolder else (REDLINE,))
    except OSError as exc:
        raise UserMessageError(f"could not write {target}: {os_error_words(exc)}. Nothing was written; "
                               "whatever was there is as it was.") from None


def _write_locked(target: Path, files: dict[str, bytes], record: BuildRecord, force: bool,
                  now: datetime | None, inner: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """`write_build` under the lock; `inner` names folders written inside `target` (whose leftovers are stale)."""
    recover(target.parent, target.name)
    refuse_unless_folder(target)
    previous = BuildRecord.read(target) if target.is_dir() else None
    found = survey(target, previous.files if previous else {}, set(files),
                   leftover=lambda name: any(leftover_kind(name, folder) for folder in inner))
    if found.edited and not force:
        raise HandEditedError(_edited_message(target, found.edited, previous), found.edited)
    if found.edited:
        refuse_unless_folder(target / EDITED)
    staging = target.parent / staging_name(target.name)
    staging.mkdir()
    try:
        record.files = {}
        for name, data in sorted(files.items()):
            destination = staging / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            record.files[name] = {"sha256": sha256(data), "size": len(data)}
        for relative in found.carried:
            carry(target, staging, relative)
        stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
        moved = [_keep_edit(target, staging, relative, stamp) for relative in found.edited]
        (staging / MANIFEST).write_text(record.to_json(), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
    return [target / name for name in sorted(record.files)], moved


def _edited_message(target: Path, edited: list[str], previous: BuildRecord | None) -> str:
    known = previous.files if previous else {}
    changed = [name for name in edited if name in known]
    foreign = [name for name in edited if name not in known]
    parts = []
    if changed:
        parts.append(f"files changed since dealdocs built them: {', '.join(changed)}")
    if foreign:
        parts.append(f"files of yours where the build writes: {', '.join(foreign)}")
    unreadable = previous is None and os.path.lexists(target / MANIFEST)
    return (
        f"{target} has " + "; and ".join(parts) + ". "
        + (f"(Its build record {MANIFEST} cannot be read, so dealdocs cannot tell its own files from yours.) " if unreadable else "")
        + "Nothing was written. Keep your edits by moving them out of the way, or rebuild with --force, "
        f"which first moves them to {target / EDITED}/."
    )


def _keep_edit(target: Path, staging: Path, relative: str, stamp: str) -> str:
    """Keep `target/relative` in the new build as edited/<name>-<stamp>[.suffix]; its path there."""
    stem, dot, suffix = Path(relative).name.rpartition(".")
    base = f"{stem}-{stamp}" if dot and stem else f"{Path(relative).name}-{stamp}"
    ending = f".{suffix}" if dot and stem else ""
    folder = staging / EDITED
    folder.mkdir(exist_ok=True)
    kept, number = folder / f"{base}{ending}", 1
    while os.path.lexists(kept):
        number += 1
        kept = folder / f"{base}-{number}{ending}"
    keep(target / relative, kept)
    return kept.relative_to(staging).as_posix()
