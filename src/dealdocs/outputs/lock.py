"""One writer at a time for a deal's output folder.

A build (or a redline) of a deal holds an exclusive lock on `OUTDIR/.<deal>.lock`
while it writes `OUTDIR/<deal>/`: it compares the folder with its record,
stages the new build and swaps it into place. A second process building the
same deal waits for the lock (a minute by default) and otherwise stops, naming
the process that holds it. The lock is the operating system's (`flock`, or
`msvcrt.locking` on Windows): it is released when its holder ends, however it
ends, so a killed build never leaves a deal locked. The lock file stays; it
holds the holder's process id and start time, for the message.
"""

from __future__ import annotations

import os
import stat
import time
from datetime import datetime, timezone
from pathlib import Path

from dealdocs.errors import UserMessageError, os_error_words

try:
    import fcntl
except ImportError:  # pragma: no cover  Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

DEFAULT_WAIT = 60.0  # seconds a second build waits for the first to finish writing


class BusyError(UserMessageError):
    """Another dealdocs process is writing the same deal's folder."""


def lock_path(output_dir: Path, deal_id: str) -> Path:
    return output_dir / f".{deal_id}.lock"


class DealLock:
    """`with DealLock(output_dir, deal_id):` holds the deal's lock, waiting up to `wait` seconds for it."""

    def __init__(self, output_dir: Path, deal_id: str, *, wait: float = DEFAULT_WAIT):
        self.path = lock_path(output_dir, deal_id)
        self.deal_id = deal_id
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> DealLock:
        deadline = time.monotonic() + self.wait
        pause = 0.02
        while True:
            fd = self._open()
            if _try_lock(fd):
                if self._still_the_file(fd):
                    break
            elif time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise BusyError(
                    f"another dealdocs process{holder} is writing {self.path.parent / self.deal_id}; "
                    f"nothing was written. Wait for it to finish, then run this again."
                )
            else:
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
            os.close(fd)
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        try:  # who holds it, for another process's message; a full disk only loses that
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {stamp}\n".encode())
        except OSError:
            pass
        self._fd = fd
        return self

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
        except OSError as exc:
            raise UserMessageError(f"cannot lock {self.path} for writing the deal's folder: "
                                   + ("it is a link; remove it" if self.path.is_symlink() else os_error_words(exc))) from None
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_nlink > 1:
            # the hostile sweep: a file of the user's hard-linked here was emptied and overwritten with the holder's
            # process id, and a named pipe here was written into, then removed
            os.close(fd)
            what = "not a plain file" if not stat.S_ISREG(found.st_mode) else "a file with other names (hard links)"
            raise UserMessageError(f"cannot lock {self.path} for writing the deal's folder: it is {what}, not a lock "
                                   f"file dealdocs made; nothing was written. Remove it (it is not changed), then run this again.")
        return fd

    def _still_the_file(self, fd: int) -> bool:
        """Whether the locked file is still the one at the path (its holder removes it when done)."""
        if fcntl is None:  # pragma: no cover  Windows: the file is never removed
            return True
        try:
            here = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            if fcntl is not None:  # removed while still held: a process waiting on it opens the next one
                try:
                    os.unlink(self.path)
                except OSError:
                    pass
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if exc.errno in (11, 35, 13):  # EAGAIN, EWOULDBLOCK (macOS), EACCES
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:  # pragma: no cover
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


def _holder(fd: int) -> str:
    """' (process 1234, since 2026-03-04 15:30:00 UTC)' from the lock file, or ''."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        words = os.read(fd, 200).decode("utf-8", "replace").split(None, 1)
    except OSError:
        return ""
    if not words or not words[0].isdigit():
        return ""
    return f" (process {words[0]}" + (f", since {words[1].strip()})" if len(words) > 1 else ")")
