"""DD209: a well-known statute cited with the wrong year ("Securities Act of 1993")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dealdocs.checks.text.common import quote, trie_pattern
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, error

STATUTE_YEARS = {
    "Securities Act": {1933},
    "Securities Exchange Act": {1934},
    "Exchange Act": {1934},
    "Investment Company Act": {1940},
    "Investment Advisers Act": {1940},
    "Investment Advisors Act": {1940},
    "Trust Indenture Act": {1939},
    "Sarbanes-Oxley Act": {2002},
    "Employee Retirement Income Security Act": {1974},
    "Internal Revenue Code": {1954, 1986},
    "Immigration and Nationality Act": {1952},
    "Immigration Reform and Control Act": {1986},
    "Fair Labor Standards Act": {1938},
    "National Labor Relations Act": {1935},
    "Worker Adjustment and Retraining Notification Act": {1988},
    "Family and Medical Leave Act": {1993},
    "Age Discrimination in Employment Act": {1967},
    "Americans with Disabilities Act": {1990},
    "Occupational Safety and Health Act": {1970},
    "Consolidated Omnibus Budget Reconciliation Act": {1985},
    "Health Insurance Portability and Accountability Act": {1996},
    "Comprehensive Environmental Response, Compensation, and Liability Act": {1980},
    "Comprehensive Environmental Response, Compensation and Liability Act": {1980},
    "Resource Conservation and Recovery Act": {1976},
    "Hart-Scott-Rodino Antitrust Improvements Act": {1976},
    "Foreign Corrupt Practices Act": {1977},
    "Trading with the Enemy Act": {1917},
    "Bank Holding Company Act": {1956},
    "Bank Secrecy Act": {1970},
    "Fair Credit Reporting Act": {1970},
    "Gramm-Leach-Bliley Act": {1999},
    "Dodd-Frank Wall Street Reform and Consumer Protection Act": {2010},
}
"""Each statute's short name and the year (or years) it is cited with."""
_STATUTE = re.compile(
    r"\b(" + trie_pattern(STATUTE_YEARS, space=r"\s+") + r")\s+of\s+(\d{4})\b",  # a trie: one pass, however many names
    re.IGNORECASE,  # legends cite them in capitals: "THE SECURITIES ACT OF 1933"
)
_STATUTE_HINT = re.compile(r"[Oo][Ff]\s+\d{4}")  # in every citation ("of" in any case); quick to look for
# The names' last words ("act") before "of" and a year: in ASCII text in lower case, every citation holds this,
# quicker still to look for (it starts with a word, not with a letter as common as "o").
_STATUTE_HINT_LOWER = re.compile(
    "(?:" + "|".join(sorted({re.escape(n.split()[-1].lower()) for n in STATUTE_YEARS})) + r")\s+of\s+\d{4}"
)
_STATUTE_NAMES = {name.casefold(): name for name in STATUTE_YEARS}


def check(outline: Outline) -> Iterator[Finding]:
    """DD209 on every paragraph."""
    for para in outline.paras:
        for message in _wrong_years(para.text, para.raw):
            yield error("DD209", message, outline.at(para))


@lru_cache(maxsize=16384)
def _wrong_years(text: str, raw: str) -> tuple[str, ...]:
    """The DD209 messages on one paragraph, remembered (the notes of a deal repeat their paragraphs)."""
    found = []
    cited = _STATUTE_HINT_LOWER.search(text.lower()) if text.isascii() else _STATUTE_HINT.search(text)
    for match in _STATUTE.finditer(text) if cited else ():
        name, year = _STATUTE_NAMES[" ".join(match.group(1).split()).casefold()], int(match.group(2))
        right = STATUTE_YEARS[name]
        if year not in right:
            proper = "Securities Exchange Act" if name == "Exchange Act" else name
            found.append(f"{quote(raw[match.start():match.end()])}: the {proper} is of {min(right)}, not {year}")
    return tuple(found)
