"""Facts of the English of US agreements that more than one module needs, written once.

The month names, the suffixes that mark a company's name ("Inc.", "LLC",
"N.A."), and a regular-expression alternation of each. Whoever reads or
writes dates or company names takes them from here, so two checks cannot
disagree on what a month or a company is.
"""

from __future__ import annotations

import re

__all__ = ["CORPORATE_SUFFIXES", "CORPORATE_SUFFIX_PATTERN", "MONTHS", "MONTH_PATTERN"]

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""The months, January first: ``MONTHS[month - 1]``."""

MONTH_PATTERN = "|".join(MONTHS)
"""A regex alternation of the month names (no group)."""

CORPORATE_SUFFIXES: tuple[str, ...] = (
    "Inc.", "Incorporated", "Corp.", "Corporation", "Co.", "L.L.C.", "LLC", "LLP", "L.L.P.", "L.P.",
    "LP", "Ltd.", "Limited", "N.A.", "plc", "P.C.", "P.A.", "GmbH", "S.A.", "AG", "N.V.", "B.V.",
)  # fmt: skip
"""What ends a company's or firm's legal name, as written in agreements."""

CORPORATE_SUFFIX_PATTERN = "|".join(re.escape(suffix) for suffix in CORPORATE_SUFFIXES)
"""A regex alternation of the suffixes (no group; add your own boundary after it)."""
