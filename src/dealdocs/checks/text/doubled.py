"""DD208: a doubled word ("the the"), leaving English doubles ("that that") and address lines alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text.common import context, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, warning

# The word is taken whole in a lookahead, which gives nothing back: a shorter word could never be followed
# by a space (a letter follows it), so the matches are the same, without the engine trying each shorter one.
_DOUBLED = re.compile(r"\b(?=([A-Za-z]+))\1\s+(\1)\b", re.IGNORECASE)
# The same, case-sensitive, for ASCII text in lower case, where it finds the same words at the same places
# (IGNORECASE also folds a few non-ASCII letters to ASCII ones: other text is read with `_DOUBLED`).
_DOUBLED_LOWER = re.compile(r"\b(?=([a-z]+))\1\s+(\1)\b")
_FINE_DOUBLES = frozenset(("that", "had", "is", "do", "bye", "so", "very", "no"))
_LABEL_AHEAD = re.compile(r"(?:\s+[A-Z][\w.]*){0,2}\s*:")
LISTED = 20  # doubled words listed one by one in a paragraph; the rest are counted in one more finding


def check(outline: Outline) -> Iterator[Finding]:
    """DD208 on every paragraph: its first LISTED doubled words, then how many more."""
    for para in outline.paras:
        text = para.text
        listed = more = 0
        found = _DOUBLED_LOWER.finditer(text.lower()) if text.isascii() else _DOUBLED.finditer(text)
        for match in found:
            word = text[match.start(1) : match.end(1)]
            if word.lower() in _FINE_DOUBLES or (len(word) == 1 and word != "a"):
                continue
            if _LABEL_AHEAD.match(text, match.end()):
                continue  # "IOLA Account" ends one line of a wire block, "Account No.:" starts the next
            if listed == LISTED:
                more += 1
                continue
            listed += 1
            yield warning(
                "DD208",
                f'{quote(para.raw[match.start():match.end()])}: the word "{word}" is doubled: '
                f"{context(para.raw, match.start(), match.end())}",
                outline.at(para),
            )
        if more:
            yield warning("DD208", f"and {more:,} more doubled words in this paragraph, not listed one by one", outline.at(para))
