"""Findings as SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps).

Each finding is a result whose rule is its code (DD203), described from the
catalogue of codes; its location is the file, and the paragraph as the line
(a paragraph of a Word file is a line of its text: `dealdocs text` prints it so).
A finding across the documents of a closing set (DD4xx) gives the places it
compares as relatedLocations.
"""

from __future__ import annotations

from typing import Any

from dealdocs import __version__
from dealdocs.catalog import catalog
from dealdocs.findings import Finding, Location, Severity, paragraph_unit

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_log(findings: list[Finding], files: list[str]) -> dict[str, Any]:
    """One SARIF run over `files` (each an artifact, even one without findings)."""
    described = {info.code: info for info in catalog()}
    codes = sorted({f.code for f in findings})
    rules = [_rule(code, described.get(code)) for code in codes]
    index = {code: n for n, code in enumerate(codes)}
    places = [place for f in findings for place in (f.location, *f.related)]
    artifacts = list(dict.fromkeys([*files, *(p.document or p.file for p in places if p.document or p.file)]))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dealdocs", "version": __version__, "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(name)}} for name in artifacts],
            "results": [_result(f, index[f.code], artifacts) for f in findings],
        }],
    }


def sarif_stopped(error: str, exit_code: int, findings: list[Finding]) -> dict[str, Any]:
    """A SARIF log of a run that stopped (`error`, `exit_code`): an invocation that did not succeed, with its
    findings, if any, as results (what a code-scanning upload reads, instead of an empty file)."""
    log = sarif_log(findings, [])
    log["runs"][0]["invocations"] = [not_run(error, exit_code)]
    return log


def not_run(error: str, exit_code: int) -> dict[str, Any]:
    """A SARIF invocation that did not succeed, saying why: a run that stopped, or left out files it could not read."""
    return {
        "executionSuccessful": False,
        "exitCode": exit_code,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": error}}],
    }


def _rule(code: str, info: Any) -> dict[str, Any]:
    description = info.description if info else code
    level = "error" if info is None or info.severity == "error" else "warning"
    return {"id": code, "shortDescription": {"text": description}, "defaultConfiguration": {"level": level}}


def _physical(location: Location, artifacts: list[str]) -> dict[str, Any]:
    """A SARIF physicalLocation: the file, and the paragraph (or line) as the line."""
    name = location.document or location.file
    physical: dict[str, Any] = {}
    if name:
        physical["artifactLocation"] = {"uri": _uri(name), "index": artifacts.index(name)}
    line = location.paragraph or location.line
    if line:
        physical["region"] = {"startLine": line, **({"startColumn": location.column} if location.column else {})}
    return physical


def _result(finding: Finding, rule_index: int, artifacts: list[str]) -> dict[str, Any]:
    location = finding.location
    physical = _physical(location, artifacts)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": "error" if finding.severity is Severity.ERROR else "warning",
        "message": {"text": finding.message},
    }
    if physical:
        entry: dict[str, Any] = {"physicalLocation": physical}
        if location.paragraph and paragraph_unit(location.document) == "paragraph":  # a .txt's is its line
            entry["logicalLocations"] = [{"name": f"paragraph {location.paragraph}", "kind": "paragraph"}]
        result["locations"] = [entry]
    if finding.related:
        result["relatedLocations"] = [
            {"id": n, "physicalLocation": _physical(place, artifacts), "message": {"text": "compared with"}}
            for n, place in enumerate(finding.related, 1)
        ]
    return result


def _uri(name: str) -> str:
    """A relative file name as a URI reference: forward slashes, spaces and the like percent-encoded; a name
    that is not UTF-8 (its bytes given by Python as surrogate escapes) as those bytes."""
    import os
    from urllib.parse import quote

    name = name.replace("\\", "/")
    try:
        return quote(os.fsencode(name))
    except UnicodeError:  # a lone surrogate no file name on this system holds
        return quote(name.encode("utf-8", "surrogatepass"))
