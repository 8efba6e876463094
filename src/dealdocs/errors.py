"""The exceptions dealdocs raises.

Everything a user can cause derives from `UserMessageError`: the command line
prints its message (and any findings it carries) without a traceback. Any other
exception is a bug in dealdocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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


class TermSheetError(FindingsError):
    """The term sheet could not be loaded or does not fit the model."""


class LedgerError(FindingsError):
    """The closing ledger could not be loaded or does not fit the deal."""


class TemplateError(FindingsError):
    """A Word template is broken: bad Jinja, an unknown field or filter."""


class HandEditedError(UserMessageError):
    """A built file was changed by hand since it was built; rebuilding would lose the edit."""

    def __init__(self, message: str, paths: list[str]):
        super().__init__(message)
        self.paths = paths


class ToolMissingError(UserMessageError):
    """An optional outside tool (LibreOffice, the redline engine) is not installed."""
