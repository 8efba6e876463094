"""Findings: what a check reports, where, and how bad it is.

A finding carries a stable code (``DD101``), a severity, a location (a term sheet
file, line, column and key path, or a document and paragraph) and a message in
plain words; a finding across documents also names the other places it
compares (``related``, SARIF's relatedLocations). Codes are grouped: DD0xx
loading the term sheet (or the closing ledger), DD1xx the deal's facts, DD2xx
the text of Word documents, DD3xx templates, DD4xx the documents of a closing
set against each other, DD5xx the closing ledger.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


def paragraph_unit(document: str | None) -> str:
    """What a paragraph of `document` is numbered as: 'line' in a .txt file, whose paragraphs are numbered by their
    lines (`checks.text.inputs`), else 'paragraph'."""
    return "line" if (document or "").lower().endswith(".txt") else "paragraph"


@dataclass(frozen=True)
class Location:
    """Where a finding points: a term sheet position or a document paragraph."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    document: str | None = None
    paragraph: int | None = None
    entry: str | None = None  # which entry of a list `key` is in, in words: "the 3rd purchaser, Margaret Chen"

    @property
    def keyed(self) -> str:
        """The key, with the entry of a list it is in, in words: "purchasers[2].principal (the 3rd purchaser, ...)"."""
        if not self.key:
            return ""
        return f"{self.key} ({self.entry})" if self.entry else self.key

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            position = self.file
            if self.line is not None:
                position += f":{self.line}"
                if self.column is not None:
                    position += f":{self.column}"
            parts.append(position)
        if self.document:
            where = self.document
            if self.paragraph is not None:
                where += f", {paragraph_unit(self.document)} {self.paragraph}"
            parts.append(where)
        return ": ".join(parts)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    related: tuple[Location, ...] = ()  # the other places a cross-document finding compares

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = str(self.location)
        prefix = f"{where}: " if where else ""
        key = f"{self.location.keyed}: " if self.location.key else ""
        return f"{prefix}{self.severity} {self.code}: {key}{self.message}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["location"] = _present(self.location)
        if self.related:
            data["related"] = [_present(place) for place in self.related]
        else:
            del data["related"]
        return data


def _present(location: Location) -> dict:
    """A location's fields that are set, and `where`, always: the place as the text output says it ("deal.yaml:12:3",
    "draft.docx, paragraph 4"), else its key, else "" (a new user's trial: check's locate by file and line, lint's by
    document and paragraph; a code review: a finding with only a key, or none, had no `where`)."""
    present = {k: v for k, v in asdict(location).items() if v is not None}
    return {**present, "where": str(location) or location.key or ""}


def error(code: str, message: str, location: Location | None = None, related: tuple[Location, ...] = ()) -> Finding:
    return Finding(code, Severity.ERROR, message, location or Location(), tuple(related))


def warning(code: str, message: str, location: Location | None = None, related: tuple[Location, ...] = ()) -> Finding:
    return Finding(code, Severity.WARNING, message, location or Location(), tuple(related))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by file position or document paragraph, then code."""

    def key(f: Finding):
        loc = f.location
        return (
            f.severity is not Severity.ERROR,
            loc.file or "",
            loc.document or "",
            loc.line or 0,
            loc.paragraph or 0,
            loc.column or 0,
            f.code,
        )

    return sorted(findings, key=key)
