"""The terms a promissory note states: principal, maker and payee, date, maturity, interest.

Read from an executed note or from a form of note attached to a purchase
agreement, by the words notes use:

- principal: "the principal sum of One Million Dollars ($1,000,000.00)", or
  the figure its first lines open with ("$1,100,000.00  New York, New York");
- face amount: the figure of its caption, the short lines before the
  sentence that promises to pay ("No. 1  New York, New York  $1,000,000.00
  March 4, 2026"), which must be the principal that sentence states: the
  caption's figure that is, when one is; else its first figure not qualified
  as another amount ("Maximum Principal Amount", "Up to", "Purchase Price",
  "Original Note", "offering", "aggregate");
- maker and payee: `Northwind Analytics, Inc. (the "Maker")`, `Margaret
  Chen (the "Payee")` (also "Borrower", "Holder", "Lender");
- maturity: `March 4, 2027 (the "Maturity Date")`, `"Maturity Date" means ...`;
- interest: "at the rate of twelve percent (12%) per annum", "paid quarterly
  beginning June 1, 2026", "on the basis of a 365-day year and actual days
  elapsed" (actual/365) or "a 360-day year of twelve 30-day months" (30/360).

A term left blank in a form ("$____________", "____________ (the "Payee")")
is read as blank: the executed note fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from dealdocs.checks.closing_set.common import DATE, IN_WORDS_THEN, MONEY, Place, money, place, written_date
from dealdocs.checks.text.common import Para, signature_page_caption

BLANK = "blank"
"""The value of a term a form leaves blank."""

_PRINCIPAL = re.compile(
    r"principal\s+(?:sum|amount)\s+of\s+(?:_+\s+Dollars\s*\(?\s*|" + IN_WORDS_THEN + ")"
    r"(?:" + MONEY.pattern + r"|\$\s*(?P<blank>_+))"
)
_FIGURE = re.compile(MONEY.pattern + r"|\$\s*(?P<blank>_{3,})")  # "$1,000,000.00", or a blank "$________"
_HEAD_FIGURE = re.compile(r"\s*(?:" + _FIGURE.pattern + ")")  # one the paragraph opens with
_CAPTION = 100  # characters: a caption line ("No. 1  New York, New York  $1,000,000.00  March 4, 2026"), not a sentence
_CAPTION_LINES = 12  # the paragraphs before the promise to pay that may be its caption
_OTHER_AMOUNT = re.compile(
    r"(?i)\b(?:maximum|max\.|up\s+to|not\s+to\s+exceed|purchase\s+price|original\s+note|original\s+issue|offering|"
    r"aggregate|series|facility|commitment|discount|advance)\b"
)
"""Words that make a caption figure another amount than the note's principal: a revolving note's maximum, a grid
note's limit, an OID note's price, the note it amends, the offering or series it belongs to."""
_PARTY = re.compile(r"\s*\((?:(?:together|collectively|jointly),?\s+)?(?:the\s+)?\"(?P<role>Maker|Borrower|Company|Payee|Holder|Lender)\"\)")
_DEFINITION = re.compile(r'\((?:[A-Za-z]+,?\s+){0,3}"[^"]{1,40}"\)')
"""A term defined before a party's name (`(the "Maker")`): the name starts after the last one, never after a ")" of
the name itself ("Quarry Lane Fund (US), LLC", "Margaret (Peggy) Chen")."""
_SIGNED_PRINCIPAL = re.compile(r"\bprincipal\s+(?:sum|amount)\s+of\s+" + IN_WORDS_THEN + r"(?:" + MONEY.pattern + r"|\$\s*(?P<blank>_+))")
_SIGNED_PAYEE = re.compile(r"\bpayable\s+to\s+(?P<payee>[^\]]*?)\s*\]?\s*$")
_MATURITY = re.compile(r"\((?:the\s+)?\"Maturity\s+Date\"\)|\"Maturity\s+Date\"\s+(?:shall\s+)?means?\s+")
_RATE = re.compile(
    r"\brate\s+of\s+(?:[A-Za-z][A-Za-z ,-]{0,80}?\s+)?\(?\s*(?P<rate>\d{1,2}(?:\.\d+)?|_+)\s*%\s*\)?\s+per\s+annum"
)
_FREQUENCY = re.compile(
    r"\b(?:paid|payable|due)\s+(?:in\s+arrears\s+)?(?P<frequency>monthly|quarterly|semi-?annually|annually)\b"
    r"(?:[^.;]{0,40}?\b(?:beginning|commencing|starting)(?:\s+on)?\s+(?:the\s+)?)?"
)
_DAY_COUNT = re.compile(
    r"basis\s+of\s+a\s+(?P<days>360|365)-day\s+year(?P<thirty>\s+(?:consisting\s+)?of\s+twelve\s+(?:\(12\)\s+)?30-day\s+months)?"
)


@dataclass(frozen=True)
class Term:
    """One term of a note: what it is ("interest rate"), its value, as shown, and where it is stated."""

    label: str
    value: object  # Decimal, Written, str, or BLANK
    shown: str
    place: Place


_PARTY_LABELS = {"Maker": "maker", "Borrower": "maker", "Company": "maker", "Payee": "payee", "Holder": "payee", "Lender": "payee"}


def note_terms(document: str, paras: Sequence[Para]) -> dict[str, Term]:
    """The note's terms by label: "principal", "face amount", "maker", "payee", "date", "maturity date",
    "interest rate", "interest payments", "first interest payment", "day count", and what its signature page's
    caption says of it: "signature page principal", "signature page payee" (those it states)."""
    terms: dict[str, Term] = {}

    def keep(label: str, value: object, shown: str, para: Para, start: int, end: int) -> None:
        terms.setdefault(label, Term(label, value, shown, place(document, para, start, end)))

    opening = [p for p in paras if p.text.strip()][:4]
    for para in paras:
        for label, value, shown, start, end in _stated_in(para.text):
            keep(label, value, shown, para, start, end)
        if signature_page_caption(para.text):
            _signature_caption(keep, para)
    _face(terms, document, paras)
    for para in opening:
        head = _HEAD_FIGURE.match(para.text)
        if head and "principal" not in terms:
            value = BLANK if head["blank"] else money(head["figure"])
            keep("principal", value, _show(value), para, head.start(), head.end())
        date = DATE.search(para.text)
        if date and (head or len(para.text.strip()) <= 80):
            keep("date", written_date(date), str(written_date(date)), para, date.start(), date.end())
    return terms


def _signature_caption(keep, para: Para) -> None:
    """What a signature page's caption says of its note: "[Signature Page to Promissory Note No. 3 in the principal
    amount of $100,000.00 payable to Ramon Ortiz and Lucia Ortiz, as joint tenants with right of survivorship]"
    gives the "signature page principal" and "signature page payee"."""
    text = para.text
    principal = _SIGNED_PRINCIPAL.search(text)
    if principal:
        value = BLANK if principal["blank"] else money(principal["figure"])
        keep("signature page principal", value, _show(value), para, principal.start(), principal.end())
    payee = _SIGNED_PAYEE.search(text)
    if payee and payee["payee"].strip():
        name = " ".join(para.raw[payee.start("payee") : payee.end("payee")].split())
        value = BLANK if set(name) <= {"_", " "} else name
        keep("signature page payee", value, name, para, payee.start("payee"), payee.end("payee"))


def _face(terms: dict[str, Term], document: str, paras: Sequence[Para]) -> None:
    """The "face amount": of the caption's figures (the short paragraphs before the one that states the principal),
    the one equal to the principal when there is one, else the first not qualified as another amount
    (`_OTHER_AMOUNT`, in the words before it on its line). None when the caption shows no figure."""
    principal = terms.get("principal")
    if principal is None:
        return
    first: Term | None = None
    for para in [p for p in paras if p.text.strip()][:_CAPTION_LINES]:
        if para.number >= principal.place.para.number:
            break
        if len(para.text.strip()) > _CAPTION:
            continue
        for figure in _FIGURE.finditer(para.text):
            value = BLANK if figure["blank"] else money(figure["figure"])
            term = Term("face amount", value, _show(value), place(document, para, figure.start(), figure.end()))
            if value == principal.value:
                terms["face amount"] = term
                return
            if first is None and not _OTHER_AMOUNT.search(para.text[: figure.start()]):
                first = term
    if first is not None:
        terms["face amount"] = first


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _stated_in(text: str) -> tuple[tuple[str, object, str, int, int], ...]:
    """The terms a paragraph of `text` states, in order: (label, value, shown, start, end). Each pattern is tried
    only where the words it needs are."""
    found: list[tuple[str, object, str, int, int]] = []
    for match in _PRINCIPAL.finditer(text) if "principal" in text else ():
        value = BLANK if match["blank"] else money(match["figure"])
        end = match.end() + 1 if text.startswith(")", match.end()) else match.end()
        found.append(("principal", value, _show(value), match.start(), end))
    for match in _PARTY.finditer(text) if '"' in text else ():
        label = _PARTY_LABELS[match["role"]]
        before = text[max(0, match.start() - 400) : match.start()]
        defined = None
        for defined in _DEFINITION.finditer(before):
            pass
        name = _party_name(before[defined.end() if defined else 0 :])
        if name:
            value = BLANK if set(name) <= {"_", " "} else name
            found.append((label, value, name, match.start() - len(name), match.end()))
    for match in _MATURITY.finditer(text) if "Maturity" in text else ():
        date = _date_near(text, match)
        if date:
            found.append(("maturity date", written_date(date), str(written_date(date)), date.start(), date.end()))
    for match in _RATE.finditer(text) if "annum" in text else ():
        value = BLANK if match["rate"].startswith("_") else Decimal(match["rate"])
        found.append(("interest rate", value, f"{value}%" if value != BLANK else "blank", match.start(), match.end()))
    for match in _FREQUENCY.finditer(text) if "ly" in text else ():
        frequency = match["frequency"].replace("-", "")
        found.append(("interest payments", frequency, frequency, match.start("frequency"), match.end("frequency")))
        first = DATE.match(text, match.end())
        if first and match.end() > match.end("frequency"):
            found.append(("first interest payment", written_date(first), str(written_date(first)), first.start(), first.end()))
    for match in _DAY_COUNT.finditer(text) if "-day" in text else ():
        elapsed = "30/" if match["thirty"] else "actual/"
        found.append(("day count", elapsed + match["days"], elapsed + match["days"], match.start(), match.end()))
    return tuple(found)


def _show(value: object) -> str:
    return "blank" if value == BLANK else f"${value:,.2f}"


def _party_name(before: str) -> str:
    """The name that ends `before` (the words before `(the "Maker")`): after "pay", "RECEIVED," and the like.

    Joint holders and trustees keep their whole name: "Samuel K. Whitaker and Laura J. Whitaker, as joint tenants
    with right of survivorship" is the payee, as the schedule of purchasers writes it.
    """
    tail = re.split(r"\b(?:RECEIVED|received|pay|to\s+the\s+order\s+of|between|among)\b[,\s]*", before)[-1]
    return " ".join(tail.strip(" ,").split())


def _date_near(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The date a "Maturity Date" definition gives: just before `(the "Maturity Date")`, or after "means"."""
    if match.group().startswith("("):
        before = list(DATE.finditer(text, max(0, match.start() - 40), match.start()))
        return before[-1] if before and not text[before[-1].end() : match.start()].strip(" ,") else None
    return DATE.match(text, match.end())
