"""DD202: unrendered or empty template output: `{{`, `%}`, a stray "None", "[●]", "()", a bare "$"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text.common import context
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, error

_TEMPLATE = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}|\{#.{0,80}?#\}|\{\{|\}\}|\{%|%\}")
# "None" is English when it heads a clause ("None of the Purchasers shall ..."); anywhere else it is
# a value the template did not have ("payable to None and ...", "the sum of None Dollars").
_NONE = re.compile(
    r"\bNone\b(?!\s+(?:of|shall|will|is|are|was|were|has|have|had|may|can|could|would|should|must|need|other|"
    r"such|thereof|hereof)\b)"
)
_PLACEHOLDER = re.compile(r"\[\s*[●•*]+\s*\]")
_EMPTY = re.compile(r"\(\s*\)|\(\s*(?:the\s+|a\s+|an\s+|each\s+)?\"\s*\"\s*\)|\"\"")
_BARE_DOLLAR = re.compile(r"\$(?!\s*(?:\d|\.\d|_|\[|\{))")


def check(outline: Outline) -> Iterator[Finding]:
    """One finding per paragraph and kind of leftover, quoting the first and counting the rest."""
    for para in outline.paras:
        text = para.text
        kinds: list[tuple[str, list[re.Match[str]]]] = [
            ("template code left in the text", list(_TEMPLATE.finditer(text))),
            ('"None" stands where a value should be', [] if text.strip() in ("None", "None.") else list(_NONE.finditer(text))),
            ("a placeholder is left unfilled", list(_PLACEHOLDER.finditer(text))),
            ("empty parentheses or quotation marks: a value is missing", list(_EMPTY.finditer(text))),
            ('a "$" with no amount after it', list(_BARE_DOLLAR.finditer(text))),
        ]
        for what, matches in kinds:
            if not matches:
                continue
            first = matches[0]
            more = f" (and {len(matches) - 1} more in this paragraph)" if len(matches) > 1 else ""
            yield error("DD202", f"{what}: {context(para.raw, first.start(), first.end())}{more}", outline.at(para))
