"""Facts of the English of US agreements that more than one module needs, written once.

The month names, the suffixes that mark a company's name ("Inc.", "LLC",
"N.A."), and a regular-expression alternation of each; the words of the
places agreements name (states, countries, cities, and the peoples and
languages named after them). Whoever reads or
writes dates or company names takes them from here, so two checks cannot
disagree on what a month or a company is.
"""

from __future__ import annotations

import re

__all__ = ["CORPORATE_SUFFIXES", "CORPORATE_SUFFIX_PATTERN", "MONTHS", "MONTH_PATTERN", "GENERATIONS",
           "NAME_ABBREVIATIONS", "NAME_TITLES", "PERSONAL_SUFFIX_PATTERN", "PLACE_NAMES", "PLACE_WORDS",
           "TRUST_AND_FIRM_WORDS"]

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

NAME_TITLES: frozenset[str] = frozenset("Dr Mr Mrs Ms Messrs Mmes Mme Prof".split())
"""A person's titles, written before the name with a full stop or (in British use) without: "Dr. Ruth Calloway",
"Mrs Jane Doe", "Prof. A. B. Jones"."""

NAME_ABBREVIATIONS: frozenset[str] = NAME_TITLES | frozenset("Drs Rev Hon Fr Msgr St Ste Mt".split())
"""The abbreviations that open a name or a part of one, each with its full stop: the titles, others ("Rev.", "Hon."),
a saint's or a mountain's in a place ("St. James", "Mt. Kisco"). Not "Gen." or "Sr." alone, which agreements also
write for "General" and "Senior" ("the Sr. Notes")."""

GENERATIONS: frozenset[str] = frozenset("Jr Sr Esq".split())
"""What ends a person's name with a full stop, after at least a first name and a surname ("Robert Smith Jr.")."""

PERSONAL_SUFFIX_PATTERN = r"Jr\.|Sr\.|Esq\.|M\.D\.|Ph\.D\.|J\.D\.|D\.D\.S\.|(?:CPA|I{2,3}|IV)(?=[ ]+[A-Z])"
"""A regex alternation of what follows a person's surname after a comma ("Robert Smith, Jr.", "Ruth Calloway, M.D.");
a numeral or "CPA" only where the name goes on ("John Smith, III Living Trust"), not "the Paying Agent, II,"."""

TRUST_AND_FIRM_WORDS = r"Trust|Fund|Foundation|Partners|Partnership|Holdings|Estate|Endowment|Company"
"""A regex alternation of the words that end the name of a trust, a fund or a firm (beside `CORPORATE_SUFFIXES`)."""

PLACE_WORDS: frozenset[str] = frozenset(
    # the states, the District and the territories, word by word ("New", "Hampshire")
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
    Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
    Missouri Montana Nebraska Nevada New Hampshire Jersey Mexico York North Carolina Dakota Ohio Oklahoma Oregon
    Pennsylvania Rhode Island South Tennessee Texas Utah Vermont Virginia West Washington Wisconsin Wyoming
    Columbia Puerto Rico Guam Virgin Islands"""
    # Canada's provinces, and the countries and regions financings and sanctions clauses name
    """ Alberta Ontario Quebec British Manitoba Saskatchewan Scotia Brunswick Canada England Wales Scotland
    Ireland Northern Kingdom Luxembourg Netherlands Germany France Spain Italy Switzerland Belgium Austria
    Sweden Norway Denmark Finland Poland Portugal Greece Cyprus Malta Guernsey Cayman Bermuda Bahamas
    Japan China Korea Taiwan Singapore Hong Kong India Israel Australia Zealand Brazil Argentina Chile
    Russia Ukraine Crimea Belarus Cuba Iran Syria Sudan Venezuela Burma Myanmar Balkans Europe Asia Africa
    Americas America Union"""
    # the cities agreements are signed, governed or paid in
    """ Manhattan Brooklyn Bronx Queens London Paris Madrid Dublin Frankfurt Tokyo Toronto Montreal Boston
    Chicago Houston Dallas Miami Atlanta Denver Seattle Angeles San Francisco Diego Philadelphia Pittsburgh
    Minneapolis Wilmington"""
    # peoples and languages
    """ American Americans Canadian British English French Spanish German Dutch Irish Scottish Welsh Swiss
    Italian Luxembourgish Belgian European Japanese Chinese Korean Indian Israeli Australian Mexican
    Brazilian Russian""".split()
)
"""Words of place names and of the peoples named after them: a capitalized run made of them names a place,
never a defined term ("the European Union", "the Delaware parties", "any Oregon statute")."""

PLACE_NAMES: frozenset[str] = PLACE_WORDS - frozenset(
    """New North South West Northern Union Kingdom Island Islands Virgin British Columbia Rhode Scotia Brunswick
    Jersey Queens America Americas""".split()
)
"""The place words that name a place, or a people, on their own ("the Balkans", "a French guarantor"): not "the
Union" (often a defined term: a labour union) nor "New", which names a place only with the word after it."""
