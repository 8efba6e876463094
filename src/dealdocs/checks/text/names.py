"""DD210: a party's name capitalized two ways ("ROO Group, Inc." and "Roo Group, Inc.").

The names compared are those that carry a corporate suffix (Inc., LLC, N.A.)
or that a party definition introduces; all-capitals forms (signature blocks,
titles) are not a different spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text.common import FUNCTION_WORDS, Para, context, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, warning
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN

_ENTITY = re.compile(
    r"(?<![\w&'.-])(?P<name>[A-Z][A-Za-z0-9'.-]*(?:[ ]+(?:[A-Z0-9][A-Za-z0-9'.-]*|&|of)){0,8}?),?[ ]+"
    rf"(?:{CORPORATE_SUFFIX_PATTERN})(?![A-Za-z])"
)
# Both start only at a word's start: tried inside a long word they would rescan it from every letter.
_PARTY = re.compile(r"(?<![\w'-])(?P<name>(?:[A-Z][a-z][\w'-]*[ ]+){1,3}[A-Z][a-z][\w'-]*)\s*\((?:the\s+)?\"[^\"]{1,60}\"\)")


def check(outline: Outline) -> Iterator[Finding]:
    """DD210 on the whole document: each later spelling of a name against its first."""
    names: set[str] = set()
    for para in outline.paras:
        for match in _ENTITY.finditer(para.text):
            name = match["name"].strip()
            if not name.isupper() and name.split()[0].lower() not in FUNCTION_WORDS:
                names.add(name)
        for match in _PARTY.finditer(para.text):
            names.add(match["name"])
    if not names:
        return
    keys = {" ".join(n.split()).casefold() for n in names}
    alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(keys, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w'.-])(?P<base>{alternatives})(?![\w])(?P<suffix>,?\s+(?:{CORPORATE_SUFFIX_PATTERN})(?![A-Za-z]))?",
        re.IGNORECASE,
    )
    first: dict[str, tuple[str, str, Para]] = {}  # name -> its first spelling, with and without suffix
    reported: set[tuple[str, int]] = set()
    for para in outline.paras:
        for match in pattern.finditer(para.text):
            spelling = " ".join(match.group().split())
            letters = [c for c in match["base"] if c.isalpha()]
            if all(c.isupper() for c in letters) or all(c.islower() for c in letters):
                continue
            base = " ".join(match["base"].split())
            key = base.casefold()
            if key not in first:
                first[key] = (spelling, base, para)
                continue
            seen, seen_base, where = first[key]
            if base != seen_base and (spelling, para.number) not in reported:
                reported.add((spelling, para.number))
                yield warning(
                    "DD210",
                    f"{quote(spelling)} is capitalized differently from {quote(seen)} (paragraph {where.number}): "
                    f"{context(para.raw, match.start(), match.end())}",
                    outline.at(para),
                )
