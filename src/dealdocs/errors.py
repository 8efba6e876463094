"""The exceptions dealdocs raises.

Everything a user can cause derives from `UserMessageError`: the command line
prints its message (and any findings it carries) without a traceback. Any other
exception is a bug in dealdocs.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dealdocs.findings import Finding


class DealdocsError(Exception):
    """Base class of every dealdocs exception."""


class UserMessageError(DealdocsError):
    """A problem the user can fix; its message is printed as it is."""

    exit_code = 1


class UsageError(UserMessageError):
    """The command was called wrongly: a missing file, a bad option value."""

    exit_code = 2


class FindingsError(UserMessageError):
    """Checks found errors; the findings say where and what."""

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message)
        self.findings = findings

    def __reduce__(self) -> tuple:  # pickled whole: raised in a worker process, said in the one that started it
        return type(self), (str(self), self.findings)


class TermSheetError(FindingsError):
    """The term sheet could not be loaded or does not fit the model.

    `provisional`: the deal it would be with its unknown keys left out, when those are all that is wrong (a typo
    in a key), with the `source` it was read from: its checks can then be reported with the typo, all at once.
    Otherwise, the deal in part: each section of the term sheet with a problem (a value refused) left None, those
    sections `refused`: the checks that read none of them are reported with the problem, all at once.
    """

    def __init__(self, message: str, findings: list[Finding], provisional: Any = None, source: Any = None,
                 refused: frozenset[str] = frozenset()):
        super().__init__(message, findings)
        self.provisional = provisional
        self.source = source
        self.refused = refused


class LedgerError(FindingsError):
    """The closing ledger could not be loaded or does not fit the deal.

    `in_part`: what its entries without a problem record (a `closing.ledger.ClosingLedger`), when the file could
    be read: `dealdocs status` shows it beside the problems, which a build never uses.
    """

    def __init__(self, message: str, findings: list[Finding], in_part: Any = None):
        super().__init__(message, findings)
        self.in_part = in_part


class TemplateError(FindingsError):
    """A Word template is broken: bad Jinja, an unknown field or filter."""


class HandEditedError(UserMessageError):
    """A built file was changed by hand since it was built; rebuilding would lose the edit."""

    def __init__(self, message: str, paths: list[str]):
        super().__init__(message)
        self.paths = paths

    def __reduce__(self) -> tuple:
        return type(self), (str(self), self.paths)


class ToolMissingError(UserMessageError):
    """An optional outside tool (LibreOffice, the redline engine) is not installed."""


_OS_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.EEXIST: "something is already there",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many links in the path",
    errno.EIO: "the disk reported an input/output error",
    errno.EMFILE: "too many files open",
}


def os_error_words(exc: OSError) -> str:
    """An operating system error in plain words, with the path it concerns: 'the disk is full (output/acme)'."""
    words = _OS_WORDS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    name = exc.filename if exc.filename is not None else None
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    if name is None:
        return words
    name = str(name)
    return f"{words} ({name if len(name) <= 120 else name[:80] + '...' + name[-30:]})"


_FILE_KINDS = ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def file_kind(mode: int) -> str:
    """What a file system entry of `mode` (`os.stat(...).st_mode`) is, in words: "a file", "a folder", "a device"."""
    return next((kind for test, kind in _FILE_KINDS if test(mode)), "not a file")


def what_is_at(path: str | os.PathLike[str]) -> str | None:
    """What is at `path`, in words (`file_kind`; a link is what it leads to), or what is wrong with the link there
    ("a link to nothing (its target, ..., is not there)", "a link that leads back to itself"); None when nothing is."""
    try:
        return file_kind(os.stat(path).st_mode)
    except OSError as exc:
        if not os.path.islink(path):
            return None
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself"
        return f"a link to nothing (its target, {os.readlink(path)}, is not there)"
