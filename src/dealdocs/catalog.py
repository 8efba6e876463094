"""The catalogue of finding codes, read from the table in each module's docstring.

Each module that reports findings documents its codes in a Markdown table
(`| DD101 | error | what it catches |`) atop its source, next to the code that
raises them. This module collects those tables, so the README's list of checks
is generated, never written twice.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

MODULES = (
    "dealdocs.termsheet.loader",
    "dealdocs.closing.ledger",
    "dealdocs.checks.deal",
    "dealdocs.checks.addresses",
    "dealdocs.checks.wire",
    "dealdocs.checks.counsel",
    "dealdocs.checks.control",
    "dealdocs.checks.listing",
    "dealdocs.checks.pasted",
    "dealdocs.checks.forum",
    "dealdocs.checks.calendar",
    "dealdocs.pipeline",
    "dealdocs.checks.text",
    "dealdocs.checks.provenance",
    "dealdocs.render.templates",
    "dealdocs.render.renderer",
    "dealdocs.checks.templates",
    "dealdocs.checks.signature_pages",
    "dealdocs.outputs.signature_anchors",
    "dealdocs.outputs.binder",
    "dealdocs.checks.closing_set.parties",
    "dealdocs.checks.closing_set.amounts",
    "dealdocs.checks.closing_set.dates",
    "dealdocs.checks.closing_set.borrowed_terms",
    "dealdocs.checks.closing_set.forms",
)
_ROW = re.compile(r"^\|\s*(DD\d{3})\s*\|\s*(error|warning)\s*\|\s*(.+?)\s*\|\s*$")
STAGES = {
    "DD0": "Reading the term sheet (and the closing ledger)",
    "DD1": "The deal's facts (the term sheet)",
    "DD2": "What the Word documents say",
    "DD3": "Templates",
    "DD4": "The documents of a closing set against each other",
    "DD5": "The closing ledger",
}


@dataclass(frozen=True)
class CheckInfo:
    code: str
    severity: str
    description: str
    module: str


def catalog() -> list[CheckInfo]:
    """Every documented finding code, sorted by code."""
    found: dict[str, CheckInfo] = {}
    for name in MODULES:  # each is there: a module renamed and not here would drop its codes without a word
        module = importlib.import_module(name)
        for line in (module.__doc__ or "").splitlines():
            match = _ROW.match(line.strip())
            if match and match.group(1) not in found:
                found[match.group(1)] = CheckInfo(match.group(1), match.group(2), match.group(3), name)
    return sorted(found.values(), key=lambda info: info.code)


_LINT_MODULES = ("dealdocs.checks.text", "dealdocs.checks.closing_set")  # what `lint` and `lint --set` report


@lru_cache(maxsize=1)
def codes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every code a check reports, and those `lint` reports, read once (`checks.policy` asks, given it by the CLI)."""
    every = catalog()
    return tuple(info.code for info in every), tuple(info.code for info in every if info.module.startswith(_LINT_MODULES))


def checks_markdown() -> str:
    """The README's list of checks, grouped by stage."""
    lines: list[str] = []
    current = None
    for info in catalog():
        stage = STAGES.get(info.code[:3], "Other")
        if stage != current:
            if current is not None:
                lines.append("")
            lines += [f"**{stage}**", "", "| code | severity | what it catches |", "|---|---|---|"]
            current = stage
        lines.append(f"| {info.code} | {info.severity} | {info.description} |")
    return "\n".join(lines) + "\n"
