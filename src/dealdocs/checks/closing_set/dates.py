"""DD420-DD422: a document's date as another document states it; notes dated other than the closing; a date one
document gives for another's defined date.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD420 | error    | a document's date stated otherwise in another document of the set: the escrow agreement is "made as of March 3, 2026" but the release notice names "the Escrow Agreement, dated as of March 2, 2026" (a blank day there is a date left out) |
| DD421 | warning  | a note dated or maturing otherwise than the purchase agreement says: dated other than its Closing Date, or a Maturity Date the agreement states differently |
| DD422 | error    | a date one document gives for another document's defined date ("July 10, 2026 (the Outside Date under the Escrow Agreement)") that the other document defines otherwise ("July 21, 2026 (the "Outside Date")") |

A document's own date and the statements of other documents' dates are
read by `dealdocs.checks.closing_set.documents`; "dated as of the date
hereof" is the stating document's own date. A statement is compared only
with the one document of the set that has the title it names, and only when
that document gives itself a date with a day. A document's statement of its
own date is DD211's; a form attached as an exhibit may leave the date of the
document it will be delivered under blank.

The purchase agreement's Closing Date is read from `March 4, 2026
(hereinafter the "Closing Date")`, `"Closing Date" means March 4, 2026`, or
"on the date first set forth above (hereinafter the "Closing Date")" (its own
date); its Maturity Date from its own text, its form of note left out (the
form is compared with each note by DD440).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.closing_set.common import DATE, HEREOF, Place, Written, place, written_date
from dealdocs.checks.closing_set.documents import ClosingSet, SetDocument
from dealdocs.findings import Finding, error, warning

_CLOSING_DATE = re.compile(r"\((?:hereinafter\s+)?(?:the\s+)?\"Closing\s+Date\"\)|\"Closing\s+Date\"\s+(?:shall\s+)?means?\s+")
_MATURITY_DATE = re.compile(r"\((?:hereinafter\s+)?(?:the\s+)?\"Maturity\s+Date\"\)|\"Maturity\s+Date\"\s+(?:shall\s+)?means?\s+")


def check(closing: ClosingSet) -> Iterator[Finding]:
    """DD420, DD421 and DD422 across the documents of `closing`."""
    for document in closing.documents:
        yield from _stated_dates(closing, document)
        yield from _borrowed_dates(closing, document)
    agreements = closing.of_kind("purchase agreement")
    if len(agreements) == 1:
        yield from _notes_against(closing, agreements[0])


def _stated_dates(closing: ClosingSet, document: SetDocument) -> Iterator[Finding]:
    """DD420: each statement `document` makes of another document's date, once per document and date said (its
    signature pages' captions repeat what its text says)."""
    said: set[tuple[str, object]] = set()
    for reference in document.references:
        if document.names(reference.title) or (reference.hereof and reference.place.para.part > 0):
            continue
        named = closing.named(reference.title, but=document)
        if len(named) != 1 or reference.date is None:
            continue
        other = named[0]
        own, own_place = other.own_date, other.own_date_place
        if own is None or own.day is None or own_place is None:
            continue
        if reference.date == own or (reference.date.day is None and reference.place.para.part > 0):
            continue
        if (other.name, reference.date) in said:
            continue
        said.add((other.name, reference.date))
        says = "leaves the day blank" if reference.date.day is None else f"says {reference.date}"
        hereof = f" (the date of this {document.title or 'document'})" if reference.hereof else ""
        yield error(
            "DD420",
            f"{reference.place.quoted()}{hereof}: the {reference.title} ({other.name}) is dated {own}, "
            f"as its {own_place.at()} says, but this {says}",
            reference.place.location,
            (own_place.location,),
        )


_TERM = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+Date"
_BORROWED = re.compile(rf"\((?:the\s+)?(?P<term>{_TERM})\s+(?:under|as\s+defined\s+in)\s+the\s+(?P<title>[A-Z][\w-]*"
                       r"(?:\s+[A-Z][\w-]*){0,4})")
"""A date given as another document's defined date: "July 10, 2026 (the Outside Date under the Escrow Agreement"."""


def _borrowed_dates(closing: ClosingSet, document: SetDocument) -> Iterator[Finding]:
    """DD422: each date `document` gives for a date another document of the set defines (`_BORROWED`), against the
    date that document defines (a new user's trial: the escrow agreement's Outside Date changed, the purchase
    agreement's Section 3.6 still giving the old one, passed `lint --set`)."""
    for para in document.main:
        for match in _BORROWED.finditer(para.text):
            before = _just_before(DATE, para.text, match.start(), 40)
            if before is None:
                continue
            date, start = before
            named = closing.named(match["title"], but=document)
            definition = (_defined_date(named[0], re.compile(rf"\((?:hereinafter\s+)?(?:the\s+)?\"{_spaced(match['term'])}\"\)"))
                          if len(named) == 1 else None)
            given = written_date(date)
            if definition is None or given.day is None or definition[0].day is None or given == definition[0]:
                continue
            close = para.text.find(")", match.end())  # quoted to its parenthesis' end, when near
            end = close + 1 if 0 <= close - match.end() <= 120 else match.end()
            at = place(document.name, para, start, end)
            yield error("DD422", f"{at.quoted()}: the {match['title']} defines its {match['term']} as {definition[0]} "
                        f"({definition[1].cite()}), but this says {given}", at.location, (definition[1].location,))


def _just_before(pattern: re.Pattern[str], text: str, at: int, reach: int) -> tuple[re.Match[str], int] | None:
    """The last match of `pattern` in the `reach` characters before `at`, read alone, with nothing but spaces and
    commas between it and `at` ("March 4, 2026 (the ...", "the date hereof (the ..."), and where in `text` it starts."""
    window = text[max(0, at - reach) : at]
    found = list(pattern.finditer(window))
    if not found or window[found[-1].end() :].strip(" ,"):
        return None
    return found[-1], at - len(window) + found[-1].start()


def _spaced(words: str) -> str:
    """`words` as a pattern, any run of spaces between them matched."""
    return r"\s+".join(re.escape(word) for word in words.split())


def closing_date(agreement: SetDocument) -> tuple[Written, Place] | None:
    """The Closing Date the purchase agreement gives, and where."""
    return _defined_date(agreement, _CLOSING_DATE)


def _defined_date(agreement: SetDocument, definition: re.Pattern[str]) -> tuple[Written, Place] | None:
    for para in agreement.main:
        text = para.text
        for match in definition.finditer(text):
            if match.group().startswith("("):
                date = _just_before(DATE, text, match.start(), 80)
                if date is not None:
                    return written_date(date[0]), place(agreement.name, para, date[1], match.end())
                hereof = _just_before(HEREOF, text, match.start(), 80)
                if hereof is not None and agreement.own_date and agreement.own_date.day:
                    return agreement.own_date, place(agreement.name, para, hereof[1], match.end())
            else:
                found = DATE.match(text, match.end())
                if found:
                    return written_date(found), place(agreement.name, para, match.start(), found.end())
    return None


def _notes_against(closing: ClosingSet, agreement: SetDocument) -> Iterator[Finding]:
    """DD421: each note's date against the Closing Date, its maturity against the agreement's Maturity Date."""
    dated = closing_date(agreement)
    maturity = _defined_date(agreement, _MATURITY_DATE)
    title = agreement.title or agreement.name
    for note in closing.of_kind("note"):
        terms = closing.note_terms(note)
        for label, stated, what in (("date", dated, "its Closing Date"), ("maturity date", maturity, "the Maturity Date")):
            term = terms.get(label)
            if stated is None or term is None or stated[0].day is None or term.value == stated[0]:
                continue
            kind = "is dated" if label == "date" else "matures on"
            yield warning(
                "DD421",
                f"the note {kind} {term.value} ({term.place.quoted()}), but the {title} gives {what} as "
                f"{stated[0]} ({stated[1].cite()})",
                term.place.location,
                (stated[1].location,),
            )
