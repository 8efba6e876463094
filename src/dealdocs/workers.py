"""Workers: independent pieces of work shared among forked processes.

Rendering is most of a build's time, and each document renders alone; a
redline renders variants of the deal, each alone. `shared` runs such pieces
on a machine's cores: this process forks `jobs - 1` children (they inherit
everything already in memory: the model, the parsed templates), every process
takes the next piece as soon as it is done with one (`_Queue`), this one too,
and each child sends its results back pickled through a pipe. A child ends
with its parent (`_end_with_parent`): a build killed with `kill -9` leaves no
child working; a parent that stops on
an error or an interrupt ends its children first. Work that raises in a child
raises the same exception here, as it would in turn here. Where processes
cannot be forked (Windows), or for one piece, the pieces run here in turn.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TypeVar

__all__ = ["collecting_less", "shared"]

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def shared(work: Callable[[int], T], costs: Sequence[int], jobs: int) -> list[T]:
    """`[work(0), work(1), ...]`, one for each of `costs`, done by `jobs` processes; in order.

    `costs` weighs each piece: the largest are handed out first, so that no
    process is left with a large one at the end. A result must pickle; `work`
    need not (children are forked).
    """
    with collecting_less():
        return _shared(work, costs, jobs)


_LESS = (50_000, 20, 10)
_inside = False  # within `collecting_less` (in a forked child, what its parent was)


@contextmanager
def collecting_less() -> Iterator[None]:
    """Python's cyclic garbage collector run less often meanwhile (and in the children, which inherit it), and
    never over what there was before (`gc.freeze`; an inner use changes nothing).

    Rendering and checking make many objects that soon go and keep many (the
    parsed templates, the checks' memory of paragraphs): at the collector's
    default thresholds, a deal of 1,000 notes spent a tenth of its time
    collecting, scanning what it keeps again and again; at these, a fortieth.
    What was made before (a deal of 5,000 purchasers, its term sheet read) is
    not scanned again by each full collection, here or in a forked child;
    unless a program that calls dealdocs froze objects itself, which stay as
    it left them.
    """
    global _inside
    if _inside:
        yield
        return
    before = gc.get_threshold()
    freezing = gc.get_freeze_count() == 0
    _inside = True
    gc.set_threshold(*_LESS)
    if freezing:
        gc.freeze()
    try:
        yield
    finally:
        if freezing:
            gc.unfreeze()
        gc.set_threshold(*before)
        _inside = False


def _shared(work: Callable[[int], T], costs: Sequence[int], jobs: int) -> list[T]:
    jobs = min(jobs, len(costs))
    if jobs <= 1 or not hasattr(os, "fork"):
        return [work(index) for index in range(len(costs))]
    queue = _Queue(sorted(range(len(costs)), key=lambda i: -costs[i]), jobs)
    children: list[tuple[int, int]] = []
    try:
        for turn in range(1, jobs):
            children.append(_fork(work, queue.taking(turn)))
        results = {index: work(index) for index in queue.taking(0)}
        while children:
            pid, pipe = children[0]
            with os.fdopen(pipe, "rb") as reader:
                payload = reader.read()
            os.waitpid(pid, 0)
            children.pop(0)
            outcome, value = pickle.loads(payload) if payload else ("error", "the process ended without a result")
            if outcome == "raised":
                raise value  # as the work would have raised it here
            if outcome != "ok":
                raise RuntimeError(f"work in a child process failed: {value}")
            results.update(value)
    finally:
        for pid, pipe in children:  # left only when this process stops early: end them, never leave them running
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(pipe)
        queue.close()
    return [results[index] for index in range(len(costs))]


class _Queue:
    """The pieces, largest first, each handed to whichever process asks for one next: every process is busy
    until all are done, however far a piece's cost is from its estimate (shares fixed in advance left one
    process working alone for the last 2 to 3 s of a deal of 5,000 notes).

    How many have been handed out is kept in a file every process shares (made before they fork), read and
    advanced under a POSIX lock on it, which the system releases if a process holding it dies. Where no such
    file can be made, each process takes every `jobs`-th piece.
    """

    def __init__(self, order: list[int], jobs: int):
        self._order, self._jobs = order, jobs
        self._file: IO[bytes] | None = None
        try:
            import fcntl  # noqa: F401  POSIX, as `os.fork` is
            self._file = tempfile.TemporaryFile()
            self._file.write(_COUNT.pack(0))
            self._file.flush()
        except (ImportError, OSError):
            self.close()

    def taking(self, turn: int) -> Iterator[int]:
        """The pieces the process of `turn` does (0 this one, then each child in the order forked)."""
        if self._file is None:
            yield from self._order[turn :: self._jobs]
            return
        import fcntl

        descriptor = self._file.fileno()
        while True:
            fcntl.lockf(descriptor, fcntl.LOCK_EX)
            try:
                (taken,) = _COUNT.unpack(os.pread(descriptor, _COUNT.size, 0))
                os.pwrite(descriptor, _COUNT.pack(taken + 1), 0)
            finally:
                fcntl.lockf(descriptor, fcntl.LOCK_UN)
            if taken >= len(self._order):
                return
            yield self._order[taken]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


_COUNT = struct.Struct("<Q")


def _raised(exc: Exception) -> bytes:
    """What a child sends when its work raised `exc`: the exception itself, which the parent raises as the work
    would have raised it there (a user's error stays one: a full disk, a failing engine); the traceback, for an
    internal error, when it cannot be sent whole."""
    exc.add_note(f"raised in a worker process:\n{traceback.format_exc()}")  # its trace, for DEALDOCS_DEBUG=1
    try:
        payload = pickle.dumps(("raised", exc))
        _, restored = pickle.loads(payload)
        if type(restored) is type(exc) and str(restored) == str(exc):
            return payload
    except Exception:
        pass
    return pickle.dumps(("error", traceback.format_exc()))


def _fork(work: Callable[[int], object], pieces: Iterator[int]) -> tuple[int, int]:
    """Fork a child that does `pieces` (taken as it goes, `_Queue.taking`) and writes the pickled results to a pipe:
    (pid, the pipe's read end)."""
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            _end_with_parent(parent)
            os.close(read_end)
            try:
                payload = pickle.dumps(("ok", {index: work(index) for index in pieces}))
            except Exception as exc:
                status = 1
                payload = _raised(exc)
            with os.fdopen(write_end, "wb") as writer:
                writer.write(payload)
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _end_with_parent(parent: int) -> None:
    """Make this forked child end when its parent ends, however the parent ends (kill -9 included).

    On Linux the kernel sends the child SIGKILL when the parent dies
    (prctl PR_SET_PDEATHSIG); elsewhere a thread looks for the parent twice a
    second and ends the process when it has gone.
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
            if os.getppid() != parent:  # the parent died before the request was made
                os._exit(1)
            return
    except (OSError, AttributeError):  # no prctl: not Linux
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
