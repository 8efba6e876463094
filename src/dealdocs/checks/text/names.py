"""DD210: a party's name capitalized two ways ("ROO Group, Inc." and "Roo Group, Inc.").

The names compared are those that carry a corporate suffix (Inc., LLC, N.A.)
or that a party definition introduces; all-capitals forms (signature blocks,
titles) are not a different spelling. The spelling the document uses most
is its own; each other spelling is reported once, where it first appears.
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
            if match["name"].split()[0].lower() not in FUNCTION_WORDS:
                names.add(match["name"])
    if not names:
        return
    keys = {" ".join(n.split()).casefold() for n in names}
    alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(keys, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w'.-])(?P<base>{alternatives})(?![\w])(?P<suffix>,?\s+(?:{CORPORATE_SUFFIX_PATTERN})(?![A-Za-z]))?",
        re.IGNORECASE,
    )
    spellings: dict[str, dict[str, list[tuple[str, Para, re.Match[str]]]]] = {}  # name -> base -> uses
    for para in outline.paras:
        for match in pattern.finditer(para.text):
            letters = [c for c in match["base"] if c.isalpha()]
            if all(c.isupper() for c in letters) or all(c.islower() for c in letters):
                continue
            base = " ".join(match["base"].split())
            uses = spellings.setdefault(base.casefold(), {}).setdefault(base, [])
            uses.append((" ".join(match.group().split()), para, match))
    for forms in spellings.values():
        if len(forms) < 2:
            continue
        # The spelling the document uses most (the first, on a tie) is its own; each other is reported once.
        usual = max(forms, key=lambda base: (len(forms[base]), -forms[base][0][1].number))
        seen, where, _ = forms[usual][0]
        for base, uses in forms.items():
            if base == usual:
                continue
            spelling, para, match = uses[0]
            also = f" (and in {len(uses) - 1} more place{'s' if len(uses) > 2 else ''})" if len(uses) > 1 else ""
            yield warning(
                "DD210",
                f"{quote(spelling)} is capitalized differently from {quote(seen)} (paragraph {where.number}){also}: "
                f"{context(para.raw, match.start(), match.end())}",
                outline.at(para),
            )
