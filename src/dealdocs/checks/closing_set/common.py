"""What the set checks share: dates and amounts as agreements write them, and places to quote.

Nothing here reports a finding. A date is read from "March 2, 2026", "the
2nd day of March, 2026" or "this 18th day of May 2005"; a blank day
("October ____, 2005", "this ___ day of October") reads as a date with no
day, which no check compares. An amount is a dollar figure ("$1,100,000.00",
"$600,000") as a `Decimal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from dealdocs.checks.text.common import Para, quote
from dealdocs.findings import Location, paragraph_unit
from dealdocs.lexicon import MONTH_PATTERN, MONTHS
from dealdocs.words import long_date

_BLANK_DAY = r"_+|\[[^\]]{0,5}\]"
DATE = re.compile(
    rf"(?:(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}}|{_BLANK_DAY})(?!\d)\s*,?\s*(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}(?:st|nd|rd|th)?|{_BLANK_DAY})\s+day\s+of\s+(?P<m2>{MONTH_PATTERN}),?\s*(?P<y2>\d{{4}}))(?!\d)"
)
"""A date as agreements write it: "March 2, 2026", "2nd day of March, 2026", "October ____, 2005"."""

MONEY = re.compile(r"(?<![\w.])\$\s?(?P<figure>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)(?![\d.]*\d)")
"""A dollar figure: "$1,100,000.00", "$600,000", "$15,000.00"."""

IN_WORDS_THEN = r"(?:(?:[A-Za-z0-9][A-Za-z0-9 ,/-]{0,200}?\s+)?Dollars?\s*)?\(?\s*"
"""An amount's words before its figure, if it has them: "Two Million Dollars (", "One and 33/100 Dollars (": put before `MONEY`."""

HEREOF = re.compile(r"(?:the\s+)?date\s+(?:hereof|of\s+this\s+\w+|first\s+(?:set\s+forth|written)\s+above|first\s+above\s+(?:written|set\s+forth))")
"""A document's way of naming its own date: "the date hereof", "the date first above written"."""


@dataclass(frozen=True)
class Written:
    """A date as a document writes it: the day is None when left blank."""

    year: int
    month: int
    day: int | None

    @property
    def value(self) -> date | None:
        try:
            return date(self.year, self.month, self.day) if self.day else None
        except ValueError:
            return None

    def __str__(self) -> str:
        exact = self.value
        return long_date(exact) if exact else f"{MONTHS[self.month - 1]} ____, {self.year}"


def written_date(match: re.Match[str]) -> Written:
    """The `Written` date of a `DATE` match."""
    month = match["m1"] or match["m2"]
    day = match["d1"] if match["m1"] else match["d2"]
    digits = re.match(r"\d+", day)
    return Written(int(match["y1"] or match["y2"]), MONTHS.index(month) + 1, int(digits.group()) if digits else None)


def money(figure: str) -> Decimal | None:
    """The amount of a `MONEY` match's figure ("1,100,000.00")."""
    try:
        return Decimal(figure.replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:  # pragma: no cover - the pattern lets only digits, commas and a point through
        return None


def dollars(amount: Decimal) -> str:
    return f"${amount:,.2f}"


@dataclass(frozen=True)
class Place:
    """Where a fact was read: its document, paragraph and the words that state it."""

    document: str
    para: Para
    words: str
    start: int = 0  # where the words are in the paragraph's text
    end: int = 0

    @property
    def location(self) -> Location:
        return Location(document=self.document, paragraph=self.para.number)

    def cite(self) -> str:
        """ "npa.docx, paragraph 2" ("notes.txt, line 2": a plain text file's paragraph is its line) """
        return f"{self.document}, {self.at()}"

    def at(self) -> str:
        """ "paragraph 2", or "line 2" in a plain text file, as the document's own findings say it (a new user's
        trial: one file was "line 12" in its findings and "paragraph 12" in another's) """
        return f"{paragraph_unit(self.document)} {self.para.number}"

    def quoted(self) -> str:
        return quote(self.words, 100)


def place(document: str, para: Para, start: int, end: int) -> Place:
    """The words of `para` from `start` to `end` (its raw text, as the document has it)."""
    return Place(document, para, para.raw[start:end], start, end)
