"""DD208: a doubled word ("the the"), leaving English doubles ("that that") and address lines alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text.common import context, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, warning

_DOUBLED = re.compile(r"\b([A-Za-z]+)\s+(\1)\b", re.IGNORECASE)
_FINE_DOUBLES = frozenset(("that", "had", "is", "do", "bye", "so", "very", "no"))
_LABEL_AHEAD = re.compile(r"(?:\s+[A-Z][\w.]*){0,2}\s*:")


def check(outline: Outline) -> Iterator[Finding]:
    """DD208 on every paragraph."""
    for para in outline.paras:
        text = para.text
        for match in _DOUBLED.finditer(text):
            word = match.group(1)
            if word.lower() in _FINE_DOUBLES or (len(word) == 1 and word != "a"):
                continue
            if _LABEL_AHEAD.match(text, match.end()):
                continue  # "IOLA Account" ends one line of a wire block, "Account No.:" starts the next
            yield warning(
                "DD208",
                f'{quote(para.raw[match.start():match.end()])}: the word "{word}" is doubled: '
                f"{context(para.raw, match.start(), match.end())}",
                outline.at(para),
            )
