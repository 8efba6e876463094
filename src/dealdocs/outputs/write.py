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

import filecmp
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from dealdocs import __version__
from dealdocs.closing.wire import WireConfirmation
from dealdocs.errors import HandEditedError, UserMessageError, os_error_words
from dealdocs.outputs.folder import (
    EDITED,
    STAGING_MARK,
    carry,
    deal_folder,
    discard,
    keep,
    leftover_kind,
    recover,
    refuse_unless_folder,
    safe_file_name,
    staging_name,
    survey,
    swap_into_place,
)
from dealdocs.outputs.lock import DEFAULT_WAIT, DealLock
from dealdocs.outputs.record import EXECUTED, MANIFEST, BuildRecord, sha256

__all__ = ["BuildRecord", "EDITED", "EXECUTED", "MANIFEST", "REDLINE", "Written", "deal_folder", "sha256", "write_build"]

REDLINE = "redline"


@dataclass
class Written:
    """What `write_build` did: the paths written (the build record last), the hand edits it kept in edited/, and the
    files of the previous build (as it left them) that this one does not make, which it removed."""

    paths: list[Path]
    moved_aside: list[str]
    removed: list[str]


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
) -> Written:
    """Write one deal's files atomically, and say what it wrote, kept and removed (`Written`).

    `files` maps a relative path (e.g. 'signature-packets/company.docx') to its bytes.
    With `subfolder` (`REDLINE`, `EXECUTED`), they are OUTDIR/<deal>/<subfolder>/, written
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
            return _write_locked(target, files, record, force, now, inner=() if subfolder else (REDLINE, EXECUTED))
    except OSError as exc:
        raise UserMessageError(f"could not write {target}: {os_error_words(exc)}. Nothing was written; "
                               "whatever was there is as it was.") from None


def _write_locked(target: Path, files: dict[str, bytes], record: BuildRecord, force: bool,
                  now: datetime | None, inner: tuple[str, ...]) -> Written:
    """`write_build` under the lock; `inner` names folders written inside `target` (whose leftovers are stale, once
    recovered: a set-aside `executed/` whose place is empty is put back first, a code review found it deleted)."""
    recover(target.parent, target.name)
    if target.is_dir() and not target.is_symlink():
        for folder in inner:
            recover(target, folder)
    refuse_unless_folder(target)
    previous = BuildRecord.read(target) if target.is_dir() else None
    surveyed = time.time_ns()  # a file changed from now on was saved while the build wrote (`_saved_meanwhile`)
    found = survey(target, previous.files if previous else {}, set(files),
                   leftover=lambda name: _record_draft(name) or any(leftover_kind(name, folder) for folder in inner))
    if found.edited and not force:
        raise HandEditedError(_edited_message(target, found.edited, previous), found.edited)
    if found.edited:
        refuse_unless_folder(target / EDITED)
    staging = target.parent / staging_name(target.name)
    staging.mkdir()
    try:
        (staging / STAGING_MARK).touch()  # a build's, until complete: `recover` removes it if the build is stopped
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
        (staging / STAGING_MARK).unlink()  # complete: its record says it is a build's
    except BaseException:
        discard(staging)
        raise
    seen = _Seen({*found.ours, *found.edited, *found.carried}, surveyed, previous.files if previous else {})
    late: list[str] = []
    swap_into_place(staging, target, lambda old: late.extend(_saved_meanwhile(old, target, seen, stamp, inner)))
    moved += [name for name in late if name.startswith(f"{EDITED}/")]
    written = [target / name for name in sorted(record.files)] + [target / MANIFEST]  # the record last: written last
    # removed: the previous build's files as it left them (`survey`), under the lock, that this one does not make (a
    # read-through: a second reader read and hashed them again, before the lock)
    return Written(written, moved, sorted(set(found.ours) - set(files)))


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


@dataclass(frozen=True)
class _Seen:
    """What a build's survey of the deal folder saw: the paths, when (time.time_ns), and the previous build's record."""

    paths: set[str]
    at: int
    record: dict[str, dict]

    def still(self, path: Path, relative: str, target: Path) -> bool:
        """Whether the file at `path` is as the survey saw it: older than the survey, or (a coarse clock's time stamp
        rounded up) the bytes the previous build wrote, or those carried into `target`."""
        if relative not in self.paths:
            return False
        if os.lstat(path).st_mtime_ns < self.at or not path.is_file() or path.is_symlink():
            return True
        if relative in self.record:
            return sha256(path.read_bytes()) == self.record[relative].get("sha256")
        carried = target / relative
        return carried.is_file() and not carried.is_symlink() and filecmp.cmp(path, carried, shallow=False)


def _saved_meanwhile(old: Path, target: Path, seen: _Seen, stamp: str, inner: tuple[str, ...]) -> list[str]:
    """The files saved into the deal folder while the build wrote, after its survey (`seen`), which the previous
    folder, `old`, now holds: put in the new one where nothing is, else under edited/ (a code review: they were
    deleted with the previous folder). Their places in `target`."""
    kept = []
    for root, _, names in os.walk(old):
        for name in sorted(names):
            path = Path(root) / name
            relative = path.relative_to(old).as_posix()
            top = relative.split("/")[0]
            if relative in (MANIFEST, STAGING_MARK) or _record_draft(top) or any(leftover_kind(top, f) for f in inner):
                continue
            if seen.still(path, relative, target):
                continue
            if os.path.lexists(target / relative):
                kept.append(_keep_edit(old, target, relative, stamp))
            else:
                carry(old, target, relative)
                kept.append(relative)
    return kept


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


def confirm_wire(output_dir: Path, deal_id: str, confirmation: WireConfirmation, term_sheet: dict[str, object],
                 *, lock_wait: float = DEFAULT_WAIT) -> Path:
    """Record `confirmation` in the deal's build record (made, with no files, when the deal was never built).

    The record is rewritten whole (a draft beside it, renamed into place) under
    the deal's lock. Raises UserMessageError when there is a record that cannot
    be read: a rebuild with --force makes a new one.
    """
    folder = deal_folder(output_dir, deal_id)
    path = folder / MANIFEST
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with DealLock(folder.parent, deal_id, wait=lock_wait):
            recover(folder.parent, folder.name)
            refuse_unless_folder(folder)
            record = BuildRecord.read(folder)
            if record is None and os.path.lexists(path):
                raise UserMessageError(f"{path} cannot be read as a build record; rebuild with --force --wire-confirmed, "
                                       "which makes a new one and records the confirmation")
            if record is None:
                record = BuildRecord(__version__, term_sheet, {})
            record.wire_confirmed = confirmation
            folder.mkdir(exist_ok=True)
            draft = folder / f"{_DRAFT_PREFIX}{os.getpid()}.tmp"
            try:
                with open(draft, "x", encoding="utf-8") as out:
                    out.write(record.to_json())
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(draft, path)
            finally:
                if os.path.lexists(draft):
                    os.unlink(draft)
    except OSError as exc:
        raise UserMessageError(f"could not record the confirmation in {path}: {os_error_words(exc)}") from None
    return path


_DRAFT_PREFIX = f".{MANIFEST}."


def _record_draft(name: str) -> bool:
    """A record's draft left by a stopped `confirm_wire`: neither the build's nor the user's."""
    return name.startswith(_DRAFT_PREFIX) and name.endswith(".tmp")
