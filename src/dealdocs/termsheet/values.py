"""Parsing of the term sheet's scalar values: money, percentages, dates, counts, text.

Money is `Decimal` from the first character to the last: the loader reads YAML
decimals as Decimals from their source text (`termsheet.scalars`), and these
parsers accept only amounts a lawyer would write (``1100000``,
``1,100,000.00``, ``"$1,100,000.00"``) with at most two decimal places.
Anything else is an error, never a rounding. Numbers take the digits 0-9 only
and no leading zero. Every kind of value has bounds the documents can state:
amounts below $10^15 (the largest the words go), rates from 0 to 100 percent
with at most six decimal places, counts of days up to ten years, dates from
1900 to 2199, text up to 1,000 characters.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints, WithJsonSchema

from dealdocs.termsheet.scalars import refuse_foreign_digits, shown
from dealdocs.words import LIMIT

CENT = Decimal("0.01")
LARGEST_AMOUNT = Decimal(LIMIT) - CENT
MAX_PERCENT = Decimal(100)
MAX_PERCENT_PLACES = 6
MAX_MULTIPLE = Decimal(100)
MAX_COUNT = 3650  # days: ten years
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
MAX_TEXT = 1000  # characters in one value

_DOLLARS = r"\$?\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
_AMOUNT = re.compile(rf"^{_DOLLARS}(?:\.[0-9]{{1,2}})?$")
_PAST_CENTS = re.compile(rf"{_DOLLARS}\.(?P<places>[0-9]{{3,}})")  # $450,000.005, 1,000.000
_PERCENT = re.compile(r"^(?:[0-9]+)(?:\.[0-9]+)?\s*%?$")
_MULTIPLE = re.compile(r"^[0-9]+(?:\.[0-9]{1,2})?\s*[xX]?$")
_WHOLE = re.compile(r"^[0-9]+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LEADING_ZERO = re.compile(r"^\$?\s*0[0-9,]")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
MAX_EMAIL = 254  # characters: the longest address mail can carry (RFC 5321)


def written(value: Any) -> str:
    """A value for a message as the term sheet wrote it ('2027-03-04', 'true', a list), never as Python shows it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, date):
        return f"'{value.isoformat()}'"
    if isinstance(value, Decimal) and value.is_finite():
        return f"'{shown(format(value, 'f'))}'"  # in figures, as written: never '1E-13'
    return f"'{shown(str(value))}'"


def _plain_decimal(value: Decimal) -> bool:
    """Whether `value` is a number written in figures (`0.0000000000001` is, though Python shows it as 1E-13)."""
    return value.is_finite() and value.as_tuple().exponent <= 0


def _figures(value: str, what: str) -> str:
    """The text of a number written as a string, checked for foreign digits and a leading zero."""
    text = value.strip()
    refuse_foreign_digits(text)
    if _LEADING_ZERO.match(text):
        raise ValueError(f"{written(value)} has a leading zero: write {what} without it")
    return text


def parse_money(value: Any) -> Decimal:
    """A US dollar amount as an exact Decimal with two places, or ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{written(value)} is not an amount")
    if value is None or isinstance(value, str) and not value.strip():  # a new user's trial: no word of what to do
        raise ValueError("the amount is empty: write it like 1,100,000.00, or leave the key out where it is optional")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, Decimal):
        if not _plain_decimal(value):
            raise ValueError(f"{written(value)} is not an amount: write it in figures, such as 1,100,000.00")
        result = value
    elif isinstance(value, float):
        raise ValueError(f"{written(value)} is not an exact amount: write it as text, such as '1,100,000.00'")
    elif isinstance(value, str):
        text = _figures(value, "the amount")
        if not _AMOUNT.match(text):
            past = _PAST_CENTS.fullmatch(text.strip())
            raise ValueError(f"{written(value)} has {len(past['places'])} decimal places: an amount is in dollars "
                             "and cents, with at most two" if past else
                             f"{written(value)} is not an amount: write it like 1,100,000.00 or $1,100,000.00")
        result = Decimal(text.lstrip("$").strip().replace(",", ""))
    else:
        raise ValueError(f"{written(value)} is not an amount")
    if result < 0:
        raise ValueError(f"{written(value)} is negative: an amount is never below zero")
    if result > LARGEST_AMOUNT:
        raise ValueError(f"{written(value)} is more than the documents can state: "
                         f"an amount is at most ${LARGEST_AMOUNT:,}")
    if result != result.quantize(CENT):
        raise ValueError(f"{written(value)} has fractions of a cent: an amount has at most two decimal places")
    return result.quantize(CENT)


def parse_percent(value: Any) -> Decimal:
    """A percentage such as ``10``, ``9.5`` or ``"10%"`` as a Decimal number of percent."""
    if isinstance(value, bool):
        raise ValueError(f"{written(value)} is not a percentage")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, Decimal):
        if not _plain_decimal(value):
            raise ValueError(f"{written(value)} is not a percentage: write it like 10 or 9.5%")
        result = value
    elif isinstance(value, str) and _PERCENT.match(text := _figures(value, "the rate")):
        result = Decimal(text.rstrip("%").strip())
    else:
        raise ValueError(f"{written(value)} is not a percentage: write it like 10 or 9.5%")
    if result > MAX_PERCENT:
        raise ValueError(f"{written(value)} is above 100%: a rate is a percentage, at most 100")
    places = -result.normalize().as_tuple().exponent
    if places > MAX_PERCENT_PLACES:
        raise ValueError(f"{written(value)} has {places} decimal places: a rate has at most {MAX_PERCENT_PLACES}")
    return result


def parse_multiple(value: Any) -> Decimal:
    """A multiple such as ``2``, ``1.5`` or ``"2x"`` as a Decimal with at most two decimal places."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ValueError(f"{written(value)} is not a multiple: write it like 2, 1.5 or 2x")
    text = str(value).strip()
    if isinstance(value, str):
        refuse_foreign_digits(text)
    if not _MULTIPLE.match(text):
        raise ValueError(f"{written(value)} is not a multiple: write it like 2, 1.5 or 2x "
                         "(at most two decimal places)")
    result = Decimal(text.rstrip("xX").strip())
    if result > MAX_MULTIPLE:
        raise ValueError(f"{written(value)} is above {MAX_MULTIPLE} times: write the multiple of principal")
    return result


def parse_date(value: Any) -> date:
    """An ISO date (YYYY-MM-DD) from 1900 to 2199; a time of day or any other form is an error."""
    if isinstance(value, datetime):
        raise ValueError(f"{written(value)} has a time of day: give the date only, as YYYY-MM-DD")
    if isinstance(value, str):
        refuse_foreign_digits(value)
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{written(value)} is not a date on the calendar") from None
    if not isinstance(value, date):
        raise ValueError(f"{written(value)} is not a date: write dates as YYYY-MM-DD, such as 2005-05-18")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"'{value.isoformat()}' is not a date of this deal: a date is from "
                         f"{EARLIEST_DATE.year} to {LATEST_DATE.year}")
    return value


def parse_count(value: Any) -> int:
    """A whole number of days, trading days and the like, at most ten years of days."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ValueError(f"{written(value)} is not a whole number")
    if isinstance(value, str):
        text = _figures(value, "the number")
        if not _WHOLE.match(text):
            raise ValueError(f"{written(value)} is not a whole number")
        number = Decimal(text)
    else:
        number = Decimal(value)
    if number != number.to_integral_value() or number < 0 or not _plain_decimal(number):
        raise ValueError(f"{written(value)} is not a whole number")
    if number > MAX_COUNT:
        raise ValueError(f"{written(value)} is more days than a term sheet states: at most {MAX_COUNT:,} (ten years)")
    return int(number)


def parse_email(value: Any) -> str:
    """An email address as a mail system takes it (name@example.com), without a display name or spaces."""
    if not isinstance(value, str):
        raise ValueError(f"{written(value)} is not an email address: write it like name@example.com")
    text = value.strip()
    if len(text) > MAX_EMAIL or not _EMAIL.match(text) or ".." in text:
        raise ValueError(f"{written(value)} is not an email address: write it like name@example.com, "
                         "with no name or angle brackets around it")
    if found := _TEMPLATE_MARK.search(text):  # braces an address may hold, but printed on a cover (a hostile sweep)
        raise ValueError(f"{written(value)} holds '{found.group()}', which marks a template's code: take it out")
    return text


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": LIMIT - 1},
                {"type": "number", "minimum": 0, "exclusiveMaximum": LIMIT, "multipleOf": 0.01},
                {"type": "string", "pattern": _AMOUNT.pattern},
            ],
            "description": "US dollars, such as 1100000, 1,100,000.00 or \"$1,100,000.00\"",
        }
    ),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(parse_percent),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0, "maximum": 100}, {"type": "string", "pattern": _PERCENT.pattern}],
            "description": "a percentage, such as 10 or \"9.5%\"",
        }
    ),
]
Multiple = Annotated[
    Decimal,
    BeforeValidator(parse_multiple),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0, "maximum": 100}, {"type": "string", "pattern": _MULTIPLE.pattern}],
            "description": "a multiple, such as 2, 1.5 or \"2x\"",
        }
    ),
]
IsoDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]
Count = Annotated[
    int,
    BeforeValidator(parse_count),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_COUNT}),
]
Email = Annotated[
    str,
    BeforeValidator(parse_email),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": MAX_EMAIL, "pattern": _EMAIL.pattern,
                    "description": "an email address, such as name@example.com"}),
]
_NOT_ON_ONE_LINE = re.compile(r"[\t\n\r\u0085\u2028\u2029]")
_DIRECTION_MARK = re.compile("[\u200e\u200f\u061c]")  # a hostile sweep: "Elena\u200e Marsh", no Elena Marsh
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic, Syriac, Thaana, N'Ko...
_ZERO_WIDTH = re.compile(r"[\u00ad\u180e\u200b\u2060-\u2064\ufeff]")  # not the joiners U+200C and U+200D, which Persian and Indic names need
_ANCHOR = re.compile(r"\\[a-z]\d+\\", re.IGNORECASE)  # '\s1\': what an e-signature platform places a signer's tab on


def one_line_problem(value: str) -> str | None:
    """What keeps `value` from being printed as one line of text, as written ('a line break inside it'), or None:
    a line break or tab, an invisible zero-width character, an e-signature anchor (`closing.anchors`), which would
    put a signer's tab wherever the text is printed."""
    if found := _NOT_ON_ONE_LINE.search(value):
        what = "a tab" if found.group() == "\t" else "a line break"
        return f"the text holds {what} inside it: write it on one line"
    if found := _ZERO_WIDTH.search(value):
        return (f"the text holds an invisible zero-width character (U+{ord(found.group()):04X}), which makes two names "
                "that look alike differ: delete it")
    if (found := _DIRECTION_MARK.search(value)) and not _RIGHT_TO_LEFT.search(_DIRECTION_MARK.sub("", value)):
        return (f"the text holds an invisible direction mark (U+{ord(found.group()):04X}) and no right-to-left "
                "letters it could be needed for: it makes two names that look alike differ; delete it")
    if found := _ANCHOR.search(value):
        return (f"the text holds '{found.group()}', the mark e-signature platforms place a signer's tab on (dealdocs "
                "puts one on each signature line): a name or a term may not hold it")
    if found := _TEMPLATE_MARK.search(value):  # a hostile sweep: on a cover only, it went out as written, exit 0
        return (f"the text holds '{found.group()}', which marks a template's code: a value is printed as written, never "
                "run, and would go out as a template's leftover: take it out")
    return None


_TEMPLATE_MARK = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def _one_line(value: str) -> str:
    problem = one_line_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), AfterValidator(_one_line)]


def _digits_0_to_9(value: str) -> str:
    refuse_foreign_digits(value)
    return value


PostalCode = Annotated[Text, AfterValidator(_digits_0_to_9)]
"""A postal code, its digits 0-9 (a hostile sweep: "٠٦٨٣٠" was only DD126's "not five digits", and printed as given)."""
