"""A deal's folder on disk: what in it is the user's, and how a new build takes its place.

`OUTDIR/<deal>/` is the lawyer's as much as dealdocs': beside the built
documents they keep an edited copy saved under another name, a signed PDF,
notes, a `correspondence/` folder. `survey` sorts the folder's entries, links
never followed and nothing but regular files ever opened:

- the previous build's own files, unchanged since (its record says so): replaced
  or dropped by the new build;
- a built file changed since (a hand edit), or anything of the user's where the
  new build writes (a file, folder or link by a built file's name): the build
  stops, or with --force keeps each in `edited/` (`keep`);
- everything else, the user's: carried into the new build where it was, each
  file hard-linked (copied where links are not possible), folders, links and
  named pipes as they are.

The new folder is staged beside the old one and swapped into place
(`swap_into_place`): in one step with Linux `renameat2(RENAME_EXCHANGE)`,
elsewhere (macOS, SMB, NFS) by two renames, the old folder set aside as
`.<deal>.previous-<pid>` until the new one is in place. `recover`, run under
the deal's lock before anything else, undoes what a killed swap left: a
set-aside folder whose place is empty is put back, staging folders are removed;
only folders a build made (a staging folder's mark, `STAGING_MARK`, or a build's
record in it, or an empty staging folder), never one of the user's that has such
a name. A build's folder is removed (`discard`) its mark in first and out last.
A deal folder that is a link or a plain file is refused, never followed or moved.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dealdocs.errors import UsageError, UserMessageError, os_error_words
from dealdocs.outputs.record import MANIFEST, MAX_RECORDED_BYTES, BuildRecord, read_deal_record

EDITED = "edited"
MAX_NAME_BYTES = 200  # a deal's name, with room for the staging suffix within a file system's 255
_SAFE_NAME = re.compile(r"^[^/\\\x00-\x1f.][^/\\\x00-\x1f]*$")


def safe_file_name(name: str) -> str:
    """A file name that cannot leave its folder."""
    if not _SAFE_NAME.match(name) or ".." in name or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise UsageError(f"'{_short(name)}' is not a safe file name for a built document")
    return name


def deal_folder(output_dir: Path, deal_id: str) -> Path:
    """OUTDIR/<deal_id>, refusing a name that would write elsewhere and an entry that is not a folder.

    The output folder itself may be a link (to a shared drive); the deal's entry
    in it may not: a link is never followed, a plain file never moved.
    """
    if not _SAFE_NAME.match(deal_id) or ".." in deal_id:
        raise UsageError(f"{_short(deal_id)!r} cannot name an output folder: a term sheet's name may not start "
                         "with a dot or hold '/', '\\', '..', or a control character (a line break, a tab): "
                         "rename the term sheet")
    if len(deal_id.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise UsageError(f"'{_short(deal_id)}' is too long to name an output folder "
                         f"(at most {MAX_NAME_BYTES} bytes): rename the term sheet")
    try:
        if output_dir.exists() and not output_dir.is_dir():
            raise UsageError(f"the output folder {output_dir} is a file, not a folder")
        if output_dir.is_symlink() and not output_dir.exists():  # made, it would be a folder nobody asked for
            raise UsageError(f"the output folder {output_dir} is a link to {os.readlink(output_dir)}, which does not "
                             "exist: make that folder, or give another with -o")
        target = output_dir.resolve() / deal_id
        refuse_unless_folder(target)
    except OSError as exc:  # a name too long, a file where a folder should be
        raise UsageError(f"cannot write into the output folder {_short(str(output_dir))}: {os_error_words(exc)}") from None
    return target


def refuse_unless_folder(path: Path) -> None:
    """Nothing, or a real folder, at `path`; else a message naming what is there."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise UserMessageError(f"{path} is a link (to {os.readlink(path)}), not a folder: dealdocs never writes "
                               "through a link. Remove the link, or build into another folder with -o.")
    if not stat.S_ISDIR(mode):
        raise UserMessageError(f"{path} is a file, not a folder dealdocs made: move it away, "
                               "or build into another folder with -o.")
    if not mode & stat.S_IWUSR:  # a hostile sweep: replaced by a new folder without a word, the old left hidden
        raise UserMessageError(f"{path} is read-only (made so to keep it as it is?): dealdocs does not replace it. "
                               f"Make it writable (chmod u+w {path}), or build into another folder with -o.")


def _short(name: str) -> str:
    return name if len(name) <= 120 else name[:80] + "..." + name[-30:]


# ---------------------------------------------------------------- what is in the folder


@dataclass
class Survey:
    """A deal folder's entries, by whose they are (paths relative to the folder, '/'-separated)."""

    ours: list[str] = field(default_factory=list)  # the previous build's files, unchanged
    edited: list[str] = field(default_factory=list)  # hand edits, and the user's entries where the build writes
    carried: list[str] = field(default_factory=list)  # the user's files, links, named pipes and empty folders


def survey(folder: Path, known: dict[str, dict], new_names: set[str], *, leftover: Callable[[str], bool]) -> Survey:
    """Sort `folder`'s entries (see the module docstring) against the previous build's record `known`.

    `new_names` are the files the new build writes; `leftover(name)` says which
    top-level names are dealdocs' own staging leftovers, which are neither ours nor the user's.
    """
    result = Survey()
    if not folder.is_dir():
        return result
    wanted = set(new_names) | {MANIFEST}
    wanted_folders = {"/".join(name.split("/")[:i]) for name in wanted for i in range(1, name.count("/") + 1)}

    def visit(relative: str) -> None:
        with os.scandir(folder / relative if relative else folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            path = f"{relative}/{entry.name}" if relative else entry.name
            if not relative and leftover(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                if path in wanted:
                    result.edited.append(path)  # a folder where the build writes a file
                elif not os.listdir(entry.path):
                    if path not in wanted_folders:
                        result.carried.append(path)
                else:
                    visit(path)
            elif path == MANIFEST and entry.is_file(follow_symlinks=False):
                continue
            elif path in known and entry.is_file(follow_symlinks=False) and _same(entry, known[path]):
                result.ours.append(path)
            elif path in known or path in wanted or path in wanted_folders:
                result.edited.append(path)
            else:
                result.carried.append(path)

    visit("")
    return result


def hand_edited(output_dir: Path, deal_id: str) -> list[str]:
    """The files of the deal's last build in OUTDIR/<deal> changed since that build wrote them (edits made by hand),
    on which the next build stops; none when there is no build or its folder cannot be read."""
    target = output_dir / deal_id
    previous = read_deal_record(output_dir, deal_id)
    if previous is None:
        return []
    try:
        found = survey(target, previous.files, set(previous.files), leftover=lambda name: False)
    except OSError:
        return []
    return [name for name in found.edited if name in previous.files]


def _same(entry: os.DirEntry, recorded: dict) -> bool:
    """Whether the file is as `recorded` (size and SHA-256), read a megabyte at a time; one larger than any file a
    build records is not (a code review: a record giving a sparse terabyte's size had it read whole, MemoryError)."""
    size = entry.stat(follow_symlinks=False).st_size
    if size != recorded.get("size") or size > MAX_RECORDED_BYTES:
        return False
    digest = hashlib.sha256()
    with open(entry.path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest() == recorded.get("sha256")


# ---------------------------------------------------------------- carrying the user's things over


def carry(source: Path, destination: Path, relative: str) -> None:
    """Put `source/relative` at `destination/relative`, its folders made as the source's are."""
    parts = relative.split("/")
    for depth in range(1, len(parts)):
        folder = destination.joinpath(*parts[:depth])
        if not folder.exists():
            folder.mkdir()
            shutil.copymode(source.joinpath(*parts[:depth]), folder)
    keep(source / relative, destination / relative)


def keep(source: Path, destination: Path) -> None:
    """Make `destination` what `source` is, never following a link and never opening anything but a regular file.

    A folder is made anew with its contents kept likewise; anything else is
    hard-linked where the file system allows, else copied (a link as a link, a
    named pipe as a new pipe).
    """
    mode = os.lstat(source).st_mode
    if stat.S_ISDIR(mode):
        destination.mkdir()
        shutil.copymode(source, destination)
        for child in sorted(os.listdir(source)):
            keep(source / child, destination / child)
        return
    try:
        os.link(source, destination, follow_symlinks=False)
        return
    except (OSError, NotImplementedError):
        pass
    if stat.S_ISLNK(mode):
        os.symlink(os.readlink(source), destination)
    elif stat.S_ISREG(mode):
        shutil.copy2(source, destination)
    elif stat.S_ISFIFO(mode):
        os.mkfifo(destination, stat.S_IMODE(mode))
    else:
        raise UserMessageError(f"{source} is not a file, folder or link (a socket or device): dealdocs cannot "
                               f"keep it in the new build; move it out of {source.parent}")


# ---------------------------------------------------------------- taking the old folder's place


def staging_name(name: str) -> str:
    return f".{name}.staging-{os.getpid()}"


def _aside_name(name: str) -> str:
    return f".{name}.previous-{os.getpid()}"


def leftover_kind(entry: str, name: str) -> str | None:
    """'staging' or 'aside' for what a build of `name` leaves beside it when stopped; else None."""
    escaped = re.escape(name)
    if re.fullmatch(rf"\.{escaped}\.staging-\d+", entry):
        return "staging"
    if re.fullmatch(rf"\.{escaped}\.(previous-\d+|staging-\d+-old)", entry):  # -old: dealdocs 0.1's name
        return "aside"
    return None


def recover(parent: Path, name: str) -> None:
    """Undo what a stopped swap of `parent/name` left; run under the deal's lock, so no other build is under way.

    A folder set aside whose place is empty is put back (a build killed between
    its two renames); set-aside folders of a completed swap, and staging
    folders, are removed: everything of the user's in them is in the build in place.
    """
    if not parent.is_dir():
        return
    staging, asides = [], []
    for entry in os.scandir(parent):
        kind = leftover_kind(entry.name, name)
        if not kind or not entry.is_dir(follow_symlinks=False):
            continue
        if kind == "staging" and _empty(entry.path):
            staging.append(Path(entry.path))  # a build killed between making its staging folder and marking it
        elif _made_by_a_build(Path(entry.path)):
            (staging if kind == "staging" else asides).append(Path(entry.path))
    target = parent / name
    asides.sort(key=lambda p: p.stat().st_mtime_ns)
    if asides and not os.path.lexists(target):
        os.rename(asides.pop(), target)
    if asides and not (target / MANIFEST).is_file():
        raise UserMessageError(f"{asides[-1]} holds a previous build that was being replaced when dealdocs was "
                               f"stopped, and {target} is not a build: keep what you need from it, then delete it.")
    for leftover in staging + asides:
        discard(leftover)


STAGING_MARK = ".dealdocs-staging"
"""The file a build puts first in its staging folder, and takes out when the folder is complete (with its record)."""


def _made_by_a_build(folder: Path) -> bool:
    """Whether a folder named as a build's leftover is one: a staging folder (its mark) or a build (its record).
    A folder of the user's that happens to have such a name is neither, and is left alone."""
    return os.path.isfile(folder / STAGING_MARK) or BuildRecord.read(folder) is not None


def swap_into_place(staging: Path, target: Path, before_discard: Callable[[Path], None] | None = None) -> None:
    """Replace folder `target` by the complete folder `staging` (see the module docstring).

    The staging folder is gone afterwards, whatever happens; the old folder is
    in place until the new one is, and `before_discard` is given it before it goes.
    """
    try:
        fsync_tree(staging)
        if not os.path.lexists(target):
            os.rename(staging, target)
            return
        retired = staging
        if not _exchange(staging, target):
            retired = target.with_name(_aside_name(target.name))
            os.rename(target, retired)
            try:
                os.rename(staging, target)
            except BaseException:
                os.rename(retired, target)
                raise
        _fsync_folder(target.parent)
        if before_discard is not None:
            with contextlib.suppress(OSError):  # the new build is in place: nothing after it fails the build
                before_discard(retired)
        discard(retired)
    except BaseException:
        discard(staging)
        raise


def _empty(folder: str) -> bool:
    """Whether `folder` holds nothing; False when it cannot be read (another user's, say: left alone)."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def discard(folder: Path) -> None:
    """Remove a folder a build made, its staging mark put in first and taken out last: a removal stopped halfway
    (the build record gone, other files not) leaves a folder `recover` still knows for a build's."""
    try:
        (folder / STAGING_MARK).touch()
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name == STAGING_MARK:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        if [entry.name for entry in os.scandir(folder)] == [STAGING_MARK]:  # a file that would not go (open in a
            os.unlink(folder / STAGING_MARK)  # viewer, an NFS .nfs file) keeps the mark: the next build removes it
            os.rmdir(folder)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes  # here: ctypes.util imports subprocess, which `check` (reading this module's survey) never loads
    import ctypes.util

    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def fsync_tree(folder: Path) -> None:
    """Flush every regular file of `folder`, and the folder itself, to disk."""
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                with open(path, "rb") as handle:
                    os.fsync(handle.fileno())
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
