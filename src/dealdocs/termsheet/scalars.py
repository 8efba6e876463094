"""YAML scalars read as a lawyer reads them: what the file shows, or an error saying what to write.

YAML 1.1 gives some plain scalars a meaning a reader does not see: ``030`` is
24 (octal), ``0x1E`` is 30, ``1:30`` is 90 (base 60), ``1_000`` is 1000 and
``.5`` is 0.5. Here a number is a number only when written in plain decimal
figures (``30``, ``-5``, ``12.5``); any other form is a ValueError naming what
YAML would have read and what to write instead, so a value never changes
silently between the file and the documents. Tags given explicitly
(``!!bool maybe``, ``!!int ""``, ``!!timestamp foo``) are read the same way,
and a value that does not fit its tag is a ValueError, never a crash.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})

MAX_NUMBER_LENGTH = 40  # characters: no value a term sheet takes is longer as a number

_PLAIN_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_BOOLS = {word: value for value, words in ((True, "yes true on"), (False, "no false off"))
          for word in words.split() for word in (word, word.title(), word.upper())}
_NULLS = {"", "~", "null", "Null", "NULL"}
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_CONSTRUCTOR = yaml.SafeLoader("")


def shown(text: str, limit: int = 40) -> str:
    """`text` for a message: cut to `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def foreign_digit(text: str) -> str | None:
    """A description of the first digit in `text` that is not 0-9 ('٣ (U+0663 ARABIC-INDIC DIGIT THREE)'), or None."""
    for character in text:
        if (character.isdigit() or unicodedata.decimal(character, None) is not None) and not "0" <= character <= "9":
            name = unicodedata.name(character, "")
            return f"'{character}' (U+{ord(character):04X}{' ' + name if name else ''})"
    return None


def refuse_foreign_digits(text: str) -> None:
    """ValueError when `text` holds a digit other than 0-9 (Arabic-Indic, full-width, mathematical bold...)."""
    found = foreign_digit(text)
    if found:
        raise ValueError(f"'{shown(text)}' holds the digit {found}: write numbers with the digits 0-9")


def read_scalar(tag: str, text: str) -> Any:
    """The value of a YAML scalar with a standard tag, read as written; ValueError when it cannot be."""
    if tag == STR:
        return text
    if tag == NULL:
        if text in _NULLS:
            return None
        raise ValueError(f"'{shown(text)}' is tagged as nothing (null): leave the value out, or remove the tag")
    if tag == BOOL:
        if text in _BOOLS:
            return _BOOLS[text]
        raise ValueError(f"'{shown(text)}' is not true or false")
    if tag in (INT, FLOAT):
        number = read_number(text)
        if tag == INT and not isinstance(number, int):
            raise ValueError(f"'{shown(text)}' is tagged as a whole number (!!int) but is not one: write it without "
                             "the tag, or give the whole number meant")
        return number
    if tag == TIMESTAMP:
        return _read_timestamp(text)
    raise ValueError(f"the YAML tag {tag!r} is not allowed in a term sheet")


def read_number(text: str) -> int | Decimal:
    """A YAML number written in plain decimal figures, as an int or an exact Decimal.

    Any other form is a ValueError that says what YAML would read and what to
    write: ``1:30`` -> "write 90, or quote it as "1:30" if it is text"; ``030`` -> quote it if it is a code, else
    write 30.
    """
    written = text.strip()
    refuse_foreign_digits(written)
    if len(written) > MAX_NUMBER_LENGTH:
        raise ValueError(f"'{shown(written)}' is a number {len(written):,} characters long: no term sheet value is")
    if _PLAIN_INTEGER.fullmatch(written):
        return int(written)
    if _PLAIN_DECIMAL.fullmatch(written):
        return Decimal(written)
    reading, meant = _misreading(written)
    if meant is None:
        raise ValueError(f"'{shown(written)}' {reading}")
    if body_has_leading_zero(written):  # a ZIP code or a routing number is text, and keeps its zero
        raise ValueError(f"'{written}' {reading}: if it is a code (a ZIP code, a routing or account number), quote it "
                         f"as \"{written}\"; if it is an amount or a number, write {meant}")
    raise ValueError(f"'{written}' {reading}: write {meant}, or quote it as \"{written}\" if it is text")


def body_has_leading_zero(written: str) -> bool:
    """'030', '-0250000': figures after a leading zero (not '0.5')."""
    body = written.lstrip("+-")
    return len(body) > 1 and body[0] == "0" and body[1].isdigit()


def _misreading(written: str) -> tuple[str, str | None]:
    """What YAML makes of a number not written plainly, and the plain figures the writer most likely meant."""
    sign = written[0] if written[:1] in ("+", "-") else ""
    body = written[len(sign):]
    lower = body.lower()
    if not body or not (body[0].isdigit() or body[0] == "."):
        return "is not a number", None
    if lower in (".inf", ".nan"):
        return "is not a number a document can state", None
    if "_" in body:
        plain = body.replace("_", "")
        return f"has underscores, which YAML drops (it reads {sign}{plain})", f"{sign}{plain}"
    if ":" in body:
        value = _base_60(body)
        reading = f"is read by YAML as {sign}{value}, a base 60 number like a time of day" if value is not None else "is not a number"
        return reading, f"{sign}{value}" if value is not None else None
    if lower.startswith(("0x", "0b")):
        base, name = (16, "hexadecimal") if lower.startswith("0x") else (2, "binary")
        try:
            value = int(body[2:], base)
        except ValueError:
            return "is not a number", None
        return f"is a {name} number ({sign}{value})", f"{sign}{value}"
    if _PLAIN_INTEGER.fullmatch("1" + body) and body.startswith("0"):  # 030, 0250000: octal to YAML
        meant = body.lstrip("0") or "0"
        octal = _octal(body)
        reading = f"has a leading zero, which YAML reads as {sign}{octal} (an octal number)" if octal is not None \
            else "has a leading zero"
        return reading, f"{sign}{meant}"
    try:
        value = Decimal(body)
    except InvalidOperation:
        return "is not a number", None
    if not value.is_finite() or abs(value.adjusted()) > MAX_NUMBER_LENGTH:
        return "is not a number a document can state", None
    plain = format(value, "f")
    if "e" in lower:
        return "is written with an exponent", f"{sign}{plain}"
    return ("has a leading zero" if body.startswith("0") else "is not written in plain figures"), f"{sign}{plain}"


def _octal(body: str) -> int | None:
    try:
        return int(body, 8)
    except ValueError:
        return None


def _base_60(body: str) -> int | None:
    parts = body.split(":")
    if not all(part.isdigit() and part.isascii() for part in parts):
        return None
    value = 0
    for part in parts:
        value = value * 60 + int(part)
    return value


def _read_timestamp(text: str) -> date:
    """A YAML timestamp: a calendar date (a time of day is kept, for the date check to refuse it)."""
    refuse_foreign_digits(text)
    plain = _DATE.fullmatch(text.strip())
    try:
        if plain:
            return date(*(int(part) for part in plain.groups()))
        return _CONSTRUCTOR.construct_yaml_timestamp(yaml.ScalarNode(TIMESTAMP, text))
    except (ValueError, OverflowError):
        raise ValueError(f"'{shown(text)}' is not a date on the calendar") from None
    except (AttributeError, TypeError):  # PyYAML's own reader, given what is not a timestamp at all
        raise ValueError(f"'{shown(text)}' is not a date: write dates as YYYY-MM-DD, such as 2005-05-18") from None
