"""DD211: the document's own date stated two ways ("made as of October 20, 2005" but "dated as of October ____, 2005").

The date is taken from the document's opening ("is made as of October 20,
2005", "made as of this 18th day of May 2005"); every later "the <its name>,
dated as of ..." or "this Agreement as of ..." is compared with it, and so
is the date its cover page gives ("Dated as of August 28, 2020"); "the <its
name> dated as of ..." as an item of a list ("(iv) the Term Loan Agreement
dated as of February 13, 2020") is another agreement of that name. A blank
there is a different date; blanks elsewhere (the date a notice is delivered)
are intended.

A statement of the document's date that names it another way, one word off
its title ("the Stock Purchase Agreement, dated as of January 20, 2020" in an
exhibit of the Securities Purchase Agreement of that date), names the
document two ways: a DD210 warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dealdocs.checks.text.common import Para, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, error, warning
from dealdocs.lexicon import MONTH_PATTERN, MONTHS

_DAY = r"\d{1,2}(?:st|nd|rd|th)?|_+|\[[^\]]{0,5}\]"
_DATE = (
    rf"(?:(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}}|_+|\[[^\]]{{0,5}}\])?\s*,?\s*(?P<y1>\d{{4}})"
    rf"|(?P<d2>{_DAY})\s+day\s+of\s+(?P<m2>{MONTH_PATTERN}),?\s*(?P<y2>\d{{4}}))"
)
_OWN_DATE = re.compile(
    r"(?i:\b(?:made|dated|entered\s+into|executed))(?:\s+and\s+(?i:entered\s+into|effective))?\s+"
    r"(?i:as\s+of\s+|on\s+)?(?i:this\s+|the\s+)?" + _DATE
)


# A cover page's date line: "Dated as of August 28, 2020", or "OCTOBER 22, 2020" under a "DATED AS OF" line.
_COVER_DATE = re.compile(
    rf"\s*(?P<dated>dated\s+(?:as\s+of\s+)?|as\s+of\s+)?(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}})\s*,?\s*(?P<y1>\d{{4}})\s*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")  # every `_DATE` has one: quick to look for before the rest
_DATED_LINE = re.compile(r"\s*dated(?:\s+as\s+of)?\s*:?\s*", re.IGNORECASE)


def _cover_dates(outline: Outline, home: Para) -> Iterator[tuple[Para, tuple[int, int, int]]]:
    """The dates the cover page (the paragraphs before the preamble) gives the document."""
    previous = ""
    for para in outline.parts.get(0, []):
        if para is home:
            return
        match = _COVER_DATE.fullmatch(para.text)
        if match and (match["dated"] or _DATED_LINE.fullmatch(previous)):
            month = [m.lower() for m in MONTHS].index(match["m1"].lower()) + 1
            yield para, (month, int(match["d1"]), int(match["y1"]))
        if para.text.strip():
            previous = para.text


def _date_of(match: re.Match[str]) -> tuple[int, int | str, int]:
    """(month, day or "blank" or "none", year) from a `_DATE` match."""
    month = match["m1"] or match["m2"]
    day = match["d1"] if match["m1"] else match["d2"]
    year = match["y1"] or match["y2"]
    if day is None:
        day_value: int | str = "none"
    elif day[0].isdigit():
        day_value = int(re.match(r"\d+", day).group())
    else:
        day_value = "blank"
    return MONTHS.index(month) + 1, day_value, int(year)


def check(outline: Outline) -> Iterator[Finding]:
    """DD211: every later statement of the document's date against the one its opening gives."""
    own = None
    opening = [p for p in outline.parts.get(0, []) if p.text.strip() and not p.heading][:5]
    for para in opening:
        found = _own_date_in(para.text)
        if found:
            own = (*found, para)
            break
    self_names = outline.terms.self_names
    if own is None:
        return
    (month, day, year), home_start, home = own
    if day in ("blank", "none"):
        return
    stated = f"{MONTHS[month - 1]} {day}, {year}"
    for para, cover in _cover_dates(outline, home):
        if cover != (month, day, year):
            yield error(
                "DD211",
                f"the document is dated {stated} ({outline.where(home)}), but its cover page says "
                f"{quote(para.raw)}: another date",
                outline.at(para),
            )
    yield from _named_otherwise(outline, (month, day, year), home, self_names)
    if not self_names:
        return
    names = tuple(sorted(self_names, key=lambda name: (-len(name), name)))
    title = next((p.text.strip().casefold() for p in outline.parts.get(0, []) if p.text.strip()), "")
    for para in outline.paras:
        for start, date_start, end, (other_month, other_day, other_year) in _statements(names, para.text):
            if para is home and start <= home_start <= end:
                continue
            if para.text[start:start + 4].casefold() == "page" and title not in para.text[start:end].casefold():
                continue  # a caption of another document's page (a signature packet's): only its title's is its own
            if (other_month, other_year) == (month, year) and other_day in (day, "none"):
                continue
            if (_LISTED_BEFORE.search(para.text, 0, start) and para.text[start] in "tT" and para.text[start:start + 4] != "this"
                    and (other_year, other_month, other_day if isinstance(other_day, int) else 0) < (year, month, day)):
                continue  # "(iv) the Term Loan Agreement dated as of February 13, 2020": one of earlier agreements listed
            yield error(
                "DD211",
                f"the document is dated {stated} ({outline.where(home)}), but here it is "
                f"{quote(para.raw[start:end])}"
                + (": the date is left blank" if other_day == "blank" else f": {quote(para.raw[date_start:end])} is another date"),
                outline.at(para),
            )


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _own_date_in(text: str) -> tuple[tuple[int, int | str, int], int] | None:
    """The date an opening paragraph gives its document ("is made as of October 20, 2005"), and where it is said."""
    match = _OWN_DATE.search(text)
    return (_date_of(match), match.start()) if match else None


@lru_cache(maxsize=16384)
def _statements(names: tuple[str, ...], text: str) -> tuple[tuple[int, int, int, tuple[int, int | str, int]], ...]:
    """Each statement in `text` of the date of the document that calls itself `names` (longest first): where it
    starts, where its date starts, where it ends, and the date."""
    # A statement names the document (as text: quick to look for) and has a year.
    if not any(name in text for name in names) or not _YEAR.search(text):
        return ()
    return tuple((match.start(), match.start("m1") if match["m1"] else match.start("d2"), match.end(), _date_of(match))
                 for match in _statement(names).finditer(text))


@lru_cache(maxsize=64)
def _statement(names: tuple[str, ...]) -> re.Pattern[str]:
    """A statement of the date of the document that calls itself `names`: "this Agreement, dated as of ...", and a
    signature page's caption, "[Signature Page to Note Purchase Agreement dated as of ...]" (a new user's trial: the
    preamble's date changed, its four captions' left, passed)."""
    said = "|".join(re.escape(n) for n in names)
    # Each article first, then the word boundary before it (a pattern opening with `\b` is tried at every character).
    return re.compile(
        rf"(?:the(?<!\wthe)|this(?<!\wthis)|This(?<!\wThis)|The(?<!\wThe)|(?i:page\s+to)(?:\s+(?i:the))?)\s+(?:{said})\b"
        r"(?:\s*\([^)]{0,80}\))?,?\s+"
        rf"(?:(?i:dated|made|entered\s+into|executed)\s+(?:as\s+of\s+)?|as\s+of\s+)(?:this\s+|the\s+)?" + _DATE
    )


_LISTED_BEFORE = re.compile(r"(?:^|[\s,;])\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)\s*$")  # a list item's marker just before


# "the Stock Purchase Agreement, dated as of January 20, 2020": a document's name of capitalized words, and its date.
_NAMED_AND_DATED = re.compile(
    r"(?:the(?<!\wthe)|The(?<!\wThe))\s+(?P<name>(?:[A-Z][a-z]+\s+){1,5}Agreement)\b,?\s+"
    r"(?i:dated|made|entered\s+into)\s+(?:as\s+of\s+)?(?:this\s+|the\s+)?" + _DATE
)


def _named_otherwise(
    outline: Outline, date: tuple[int, int | str, int], home: Para, self_names: set[str]
) -> Iterator[Finding]:
    """DD210: the document named, with its own date, by a name one word off its title: each such name once."""
    # three words or more: "the Security Agreement" dated with an "Intercreditor Agreement" is another document
    titles = [name.split() for name in self_names if name.endswith(" Agreement") and name.count(" ") >= 2]
    if not titles:
        return  # no title of three words or more: no name one word off it to look for
    said: set[str] = set()
    for para in outline.paras:
        if "Agreement" not in para.text or not _YEAR.search(para.text):
            continue
        for match in _NAMED_AND_DATED.finditer(para.text):
            name = " ".join(match["name"].split())
            if name in self_names or name in said or _date_of(match) != date:
                continue
            words = name.split()
            title = next(
                (t for t in titles if len(t) == len(words) and sum(a != b for a, b in zip(t, words)) == 1), None
            )
            if title is None:
                continue
            said.add(name)
            yield warning(
                "DD210",
                f'the document is the "{" ".join(title)}" ({outline.where(home)}), but here, with its date, '
                f"{quote(para.raw[match.start('name') : match.end()])}: another name",
                outline.at(para),
            )
