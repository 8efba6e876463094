"""Parsing of the term sheet's scalar values: money, percentages, dates, text.

Money is `Decimal` from the first character to the last: the loader turns YAML
floats into Decimals from their source text, and these parsers accept only
amounts a lawyer would write (``1100000``, ``1,100,000.00``, ``"$1,100,000.00"``)
with at most two decimal places. Anything else is an error, never a rounding.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints, WithJsonSchema

CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^\$?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")
_PERCENT = re.compile(r"^(?:\d+)(?:\.\d+)?\s*%?$")
_MULTIPLE = re.compile(r"^\d+(?:\.\d{1,2})?\s*[xX]?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _plain_decimal(value: Decimal) -> bool:
    return value.is_finite() and "E" not in str(value).upper()


def parse_money(value: Any) -> Decimal:
    """A US dollar amount as an exact Decimal with two places, or ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, Decimal):
        if not _plain_decimal(value):
            raise ValueError(f"'{value}' is not an amount: write it in figures, such as 1,100,000.00")
        result = value
    elif isinstance(value, float):
        raise ValueError(f"{value!r} is not an exact amount: write it as text, such as '1,100,000.00'")
    elif isinstance(value, str):
        text = value.strip()
        if not _AMOUNT.match(text):
            raise ValueError(f"'{value}' is not an amount: write it like 1,100,000.00 or $1,100,000.00")
        result = Decimal(text.lstrip("$").strip().replace(",", ""))
    else:
        raise ValueError(f"{value!r} is not an amount")
    if result < 0:
        raise ValueError(f"'{value}' is negative: an amount is never below zero")
    if result != result.quantize(CENT):
        raise ValueError(f"'{value}' has fractions of a cent: an amount has at most two decimal places")
    return result.quantize(CENT)


def parse_percent(value: Any) -> Decimal:
    """A percentage such as ``10``, ``9.5`` or ``"10%"`` as a Decimal number of percent."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a percentage")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not _plain_decimal(value):
            raise ValueError(f"'{value}' is not a percentage: write it like 10 or 9.5%")
        return value
    if isinstance(value, str) and _PERCENT.match(value.strip()):
        return Decimal(value.strip().rstrip("%").strip())
    raise ValueError(f"'{value}' is not a percentage: write it like 10 or 9.5%")


def parse_multiple(value: Any) -> Decimal:
    """A multiple such as ``2``, ``1.5`` or ``"2x"`` as a Decimal with at most two decimal places."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ValueError(f"'{value}' is not a multiple: write it like 2, 1.5 or 2x")
    text = str(value).strip()
    if not _MULTIPLE.match(text):
        raise ValueError(f"'{value}' is not a multiple: write it like 2, 1.5 or 2x (at most two decimal places)")
    return Decimal(text.rstrip("xX").strip())


def parse_date(value: Any) -> date:
    """An ISO date (YYYY-MM-DD); a time of day or any other form is an error."""
    if isinstance(value, datetime):
        raise ValueError(f"'{value}' has a time of day: give the date only, as YYYY-MM-DD")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date on the calendar") from None
    raise ValueError(f"'{value}' is not a date: write dates as YYYY-MM-DD, such as 2005-05-18")


def parse_count(value: Any) -> int:
    """A whole number of days, trading days and the like."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ValueError(f"'{value}' is not a whole number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"'{value}' is not a whole number") from None
    if number != number.to_integral_value() or number < 0 or not _plain_decimal(number):
        raise ValueError(f"'{value}' is not a whole number")
    return int(number)


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "number", "minimum": 0, "multipleOf": 0.01},
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
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": _PERCENT.pattern}],
            "description": "a percentage, such as 10 or \"9.5%\"",
        }
    ),
]
Multiple = Annotated[
    Decimal,
    BeforeValidator(parse_multiple),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": _MULTIPLE.pattern}],
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
    WithJsonSchema({"type": "integer", "minimum": 0}),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
