"""DD212: a date that is on no calendar ("February 30, 2026", "June 31, 2026", "the 31st day of April, 2026"), or
that is not the day of the week written with it ("Saturday, March 4, 2026", a Wednesday).

Read: a month's name (or its usual abbreviation) with a day and a year, either way round ("June 31, 2026",
"31 June 2026", "the 31st day of June, 2026"); a month and a day with no year when no year has that day
("June 31", "February 30": February 29 is left alone, as some years have it). A number past 31 before a
month's name is not read as a day ("Pier 66 March Road"), nor after one with no year ("May 45"). A day past the month's last
is the slip: a typed 30 for 20, a month changed and its day not. A blank day ("June __, 2026") or a day
of 0 is left to DD202 and the reader: it is a form, not a slip.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from functools import lru_cache

from dealdocs.checks.text.common import quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, error
from dealdocs.lexicon import MONTH_PATTERN, MONTHS

_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
                  "Nov": 11, "Dec": 12}
_MONTHS = {name: number for number, name in enumerate(MONTHS, start=1)} | _ABBREVIATIONS
_MONTH = rf"({MONTH_PATTERN}|{'|'.join(sorted(_ABBREVIATIONS, key=len, reverse=True))})\b\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\b(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)  # "JUNE 31, 2026"
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+(?:day\s+of\s+)?{_MONTH}(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def check(outline: Outline) -> Iterator[Finding]:
    """DD212 on every paragraph."""
    for para in outline.paras:
        for message in _impossible(para.text, para.raw):
            yield error("DD212", message, outline.at(para))


@lru_cache(maxsize=16384)
def _impossible(text: str, raw: str) -> tuple[str, ...]:
    """The DD212 messages on one paragraph, remembered (the notes of a deal repeat their paragraphs)."""
    if not _DIGIT.search(text):
        return ()
    found = []
    for match, month, day, year in _dates(text):
        if year is not None and not 1 <= year <= 9999:
            continue
        last = calendar.monthrange(year, month)[1] if year is not None else (29 if month == 2 else calendar.monthrange(2001, month)[1])
        if day > last:
            shown = quote(raw[match.start():match.end()].rstrip(",. "))
            year_words = f" in {year}" if year is not None and month == 2 else ""
            found.append(f"{shown} is no date: {calendar.month_name[month]} has {last} days{year_words}")
    for match in _WEEKDAY_DATE.finditer(text):  # a new user's trial: "Saturday, March 4, 2026" passed
        year, month, day = int(match.group(4)), _MONTHS[match.group(2).title()], int(match.group(3))
        if not 1 <= year <= 9999 or day > calendar.monthrange(year, month)[1]:
            continue
        weekday = calendar.day_name[calendar.weekday(year, month, day)]
        if weekday.lower() != match.group(1).lower():
            shown = quote(raw[match.start():match.end()].rstrip(",. "))
            found.append(f"{shown} is no such day: {calendar.month_name[month]} {day}, {year} is a {weekday}")
    return tuple(found)


_WEEKDAY_DATE = re.compile(rf"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+{_MONTH}\s+(\d{{1,2}})"
                           rf"{_ORDINAL},?\s+(\d{{4}})\b", re.IGNORECASE)


def _dates(text: str) -> Iterator[tuple[re.Match[str], int, int, int | None]]:
    """(the match, month, day, year or None) of each date written with the month's name whose day could be a
    day of some month's (1 to 31), or is a mistyped one (past 31, in "June 45, 2026")."""
    for match in _MONTH_FIRST.finditer(text):
        month, day, year = match.group(1), int(match.group(2)), match.group(3)
        if day and (day <= 31 or year):  # "June 45, 2026" is a date mistyped; "May 45" may be anything
            yield match, _MONTHS[month.title()], day, int(year) if year else None
    for match in _DAY_FIRST.finditer(text):
        day, month, year = int(match.group(1)), match.group(2), match.group(3)
        if 0 < day <= 31:  # "Pier 66 March Road" is an address
            yield match, _MONTHS[month.title()], day, int(year) if year else None
