"""Numbers, money, percentages and dates written the way US deal lawyers write them.

Templates and checks call these to write "One Million One Hundred Thousand
Dollars ($1,100,000.00)", "ten percent (10%)", "five (5)" or "this 18th day of
May, 2005", and to read amounts written in words back into figures, so that a
check can verify that words and figures agree.

A wrong number is malpractice, so everything here is exact: Decimals are taken
apart into integers digit by digit (no float, no rounding, nothing that depends
on the current decimal context), and any value that cannot be written exactly
(a float, a fraction of a cent, a negative amount) is a ValueError.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TypeVar
from dealdocs.lexicon import MONTHS

__all__ = [
    "FILTERS",
    "amount_figures",
    "amount_text",
    "amount_words",
    "count_text",
    "country_named",
    "day_of",
    "join_and",
    "join_or",
    "letter",
    "long_date",
    "month_year",
    "number_words",
    "ordinal",
    "parse_amount_words",
    "parse_number_words",
    "parse_percent_words",
    "percent_text",
    "times_text",
    "with_article",
]

_Number = TypeVar("_Number", int, Decimal)

LIMIT = 10**15
"""Every whole number written here is below this (up to the trillions)."""

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))
_MONTHS = MONTHS

# Fractions of a percent that lawyers write by name; any other is written in
# tenths, hundredths, thousandths and so on.
_NAMED_FRACTIONS = {"5": "one-half", "25": "one-quarter", "75": "three-quarters"}
_MAX_PERCENT_PLACES = 14  # the denominator 10**places must itself be writable

# ---------------------------------------------------------------- checking input


def _whole(n: object, what: str = "number") -> int:
    """`n` if it is an int in [0, LIMIT), else ValueError."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"{n!r} is not a whole {what}")
    return _in_range(n, f"a {what}")


def _exact(value: object, what: str) -> Decimal:
    """`value` as a finite, non-negative Decimal below LIMIT; ints convert, floats never."""
    return _in_range(_decimal(value, what), what)


def _decimal(value: object, what: str) -> Decimal:
    """`value` as a finite Decimal; ints convert, floats never."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not {what}")
    if isinstance(value, int):
        value = Decimal(value)
    elif isinstance(value, float):
        raise ValueError(f"{value!r} is a float, not an exact {what}: pass a Decimal")
    elif not isinstance(value, Decimal):
        raise ValueError(f"{value!r} is not {what}: pass a Decimal")
    if not value.is_finite():
        raise ValueError(f"{value} is not {what}")
    return value


def _in_range(value: _Number, what: str) -> _Number:
    """`value` if it is in [0, LIMIT), else ValueError."""
    if value < 0:
        raise ValueError(f"{value} is negative: {what} in words is never below zero")
    if value >= LIMIT:
        raise ValueError(f"{value} is too large: words go up to 999,999,999,999,999")
    return value


def _split(value: Decimal, max_places: int, what: str) -> tuple[int, str]:
    """The whole part of a checked Decimal and its decimal digits, trailing zeros dropped.

    Decimal("17029.480") -> (17029, "48"). Pure integer and string work, so the
    result is exact whatever the decimal context. More than `max_places`
    significant decimal places is a ValueError.
    """
    _, digit_tuple, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite, checked by _exact
    digits = "".join(map(str, digit_tuple))
    significant = digits.rstrip("0")
    exponent += len(digits) - len(significant)
    if not significant:
        return 0, ""
    if exponent >= 0:
        return int(significant) * 10**exponent, ""
    places = -exponent
    if places > max_places:
        raise ValueError(f"{value} has {places} decimal places: {what} has at most {max_places}")
    padded = significant.rjust(places + 1, "0")
    return int(padded[:-places]), padded[-places:]


def _dollars_and_cents(amount: Decimal | int) -> tuple[int, int]:
    """A checked amount as whole dollars and cents."""
    dollars, fraction = _split(_exact(amount, "an amount"), 2, "an amount")
    return dollars, int(fraction.ljust(2, "0"))


# ---------------------------------------------------------------- writing


def number_words(n: int) -> str:
    """`n` in lowercase US English without "and": 17029 -> "seventeen thousand twenty-nine"."""
    n = _whole(n)
    if n == 0:
        return "zero"
    words: list[str] = []
    for scale, name in _SCALES:
        group, n = divmod(n, scale)
        if group:
            words += [*_below_thousand(group), name]
    words += _below_thousand(n)
    return " ".join(words)


def _below_thousand(n: int) -> list[str]:
    """The words of 0 < n < 1000 (none for 0)."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_ONES[hundreds], "hundred"]
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[unit]}" if unit else ""))
    elif rest:
        words.append(_ONES[rest])
    return words


def amount_words(amount: Decimal) -> str:
    """Dollars in Title Case words, cents as a fraction: "Seventeen Thousand Twenty-Nine and 48/100 Dollars"."""
    dollars, cents = _dollars_and_cents(amount)
    words = number_words(dollars).title()  # .title() also capitalises after a hyphen
    if cents:
        return f"{words} and {cents:02d}/100 Dollars"
    return f"{words} {'Dollar' if dollars == 1 else 'Dollars'}"


def amount_figures(amount: Decimal, cents: bool = True) -> str:
    """"$1,100,000.00"; with cents=False a whole amount is "$500,500" (cents are never rounded away)."""
    dollars, hundredths = _dollars_and_cents(amount)
    if cents or hundredths:
        return f"${dollars:,}.{hundredths:02d}"
    return f"${dollars:,}"


def statement_figures(amount: Decimal) -> str:
    """Any exact amount in figures, for what dealdocs says about a deal, never in a document.

    A shortfall is "-$3,187,480.25" and a total past the documents' limit is
    still written out, where `amount_figures` refuses both.
    """
    amount = _decimal(amount, "an amount")
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount).quantize(Decimal('0.01')):,}"


def amount_text(amount: Decimal, cents: bool = True) -> str:
    """Words, then figures: "One Million One Hundred Thousand Dollars ($1,100,000.00)"."""
    return f"{amount_words(amount)} ({amount_figures(amount, cents)})"


def count_text(n: int) -> str:
    """A count in words, then figures: "twenty (20)"."""
    return f"{number_words(n)} ({n:,})"


def percent_text(rate: Decimal) -> str:
    """A rate given in percent, in words then figures: Decimal("9.5") -> "nine and one-half percent (9.5%)".

    A rate below one is "one-half of one percent (0.5%)"; trailing zeros are
    dropped from the figure ("10.00" -> "(10%)").
    """
    whole, fraction = _split(_exact(rate, "a percentage"), _MAX_PERCENT_PLACES, "a percentage")
    figure = f"{whole:,}" + (f".{fraction}" if fraction else "")
    if not fraction:
        words = f"{number_words(whole)} percent"
    elif whole == 0:
        words = f"{_fraction_words(fraction)} of one percent"
    else:
        words = f"{number_words(whole)} and {_fraction_words(fraction)} percent"
    return f"{words} ({figure}%)"


def times_text(multiple: Decimal) -> str:
    """A multiple in words then figures: Decimal("2") -> "two (2) times", Decimal("1.5") -> "one and one-half (1.5) times"."""
    whole, fraction = _split(_exact(multiple, "a multiple"), _MAX_PERCENT_PLACES, "a multiple")
    figure = f"{whole:,}" + (f".{fraction}" if fraction else "")
    if not fraction:
        words = number_words(whole)
    elif whole == 0:
        words = _fraction_words(fraction)
    else:
        words = f"{number_words(whole)} and {_fraction_words(fraction)}"
    return f"{words} ({figure}) times"


def _fraction_words(fraction: str) -> str:
    """Decimal digits such as "125" as "one hundred twenty-five thousandths"."""
    if fraction in _NAMED_FRACTIONS:
        return _NAMED_FRACTIONS[fraction]
    numerator = int(fraction)
    top = number_words(numerator)
    bottom = _denominator(len(fraction)) + ("" if numerator == 1 else "s")
    # A simple fraction is hyphenated ("three-tenths"); any other is not
    # ("fifteen hundredths", "one hundred twenty-five thousandths").
    simple = numerator < 10 and "-" not in bottom
    return f"{top}{'-' if simple else ' '}{bottom}"


def _denominator(places: int) -> str:
    """The singular name of 10**places as a denominator: "tenth", "ten-thousandth"."""
    words = number_words(10**places).split()
    if words[0] == "one":
        words = words[1:]
    return "-".join(words) + "th"


def ordinal(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 22 -> "22nd", 111 -> "111th"."""
    n = _whole(n)
    if n % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _date(d: object) -> date:
    if not isinstance(d, date):
        raise ValueError(f"{d!r} is not a date")
    return d


def long_date(d: date) -> str:
    """"May 18, 2005" (no leading zero, month names independent of the locale)."""
    d = _date(d)
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def day_of(d: date) -> str:
    """"18th day of May, 2005", for templates that write "this {{ day_of(date) }}"."""
    d = _date(d)
    return f"{ordinal(d.day)} day of {_MONTHS[d.month - 1]}, {d.year}"


def letter(n: int) -> str:
    """The n-th letter of a lettered list: 1 "a", 26 "z", then 27 "aa", 28 "bb" ... 53 "aaa", as lawyers letter on."""
    n = _whole(n, "list position")
    if not 1 <= n <= 26 * 40:
        raise ValueError(f"{n} is not a position in a lettered list (1 to {26 * 40})")
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def month_year(d: date) -> str:
    """"May, 2005": the blank-day form "this ____ day of May, 2005"."""
    d = _date(d)
    return f"{_MONTHS[d.month - 1]}, {d.year}"


def with_article(noun: str) -> str:
    """"a Note Purchase Agreement", "an Amended and Restated ..."."""
    return f"{'an' if noun[:1].upper() in 'AEIOU' else 'a'} {noun}"


def join_and(items: Iterable[str]) -> str:
    """"A", "A and B", "A, B and C" (no serial comma, as in the reference agreements)."""
    return _join(items, "and")


def join_list(items: Iterable[str]) -> str:
    """`join_and`, but "A; B; and C" when an item holds a comma or " and ": names such as "Fund I, LLC" or "X and Y,
    as joint tenants" joined by commas read as more names than there are (a new user's trial: "Larkspur Ventures Fund
    I, LLC, Maya Okafor and Daniel Abernathy and Ruth Abernathy, as joint tenants")."""
    parts = list(items) if not isinstance(items, str) else items
    if isinstance(parts, list) and len(parts) > 1 and any("," in part or " and " in part for part in parts):
        return f"{'; '.join(parts[:-1])}; and {parts[-1]}"
    return join_and(parts)


def join_or(items: Iterable[str]) -> str:
    """"A", "A or B", "A, B or C"."""
    return _join(items, "or")


def _join(items: Iterable[str], conjunction: str) -> str:
    if isinstance(items, str):
        raise ValueError(f"join_{conjunction} takes a list of names, not the single text {items!r}")
    parts = list(items)
    if not parts:
        raise ValueError(f"join_{conjunction} was given nothing to join")
    for part in parts:
        if not isinstance(part, str):
            raise ValueError(f"{part!r} is not text")
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


# ---------------------------------------------------------------- reading

_BELOW_TWENTY = {word: value for value, word in enumerate(_ONES) if value}
_UNIT_VALUES = {word: value for word, value in _BELOW_TWENTY.items() if value < 10}
_TENS_VALUES = {word: 10 * value for value, word in enumerate(_TENS) if word}
_SCALE_VALUES = {name: scale for scale, name in _SCALES}
_DENOMINATOR_PLACES = {
    name + plural: places
    for places in range(1, _MAX_PERCENT_PLACES + 1)
    for name in (_denominator(places),)
    for plural in ("", "s")
}
_FRACTION_NAMES = {
    "one-half": "5", "a-half": "5",
    "one-quarter": "25", "a-quarter": "25", "one-fourth": "25",
    "three-quarters": "75", "three-fourths": "75",
    "one-eighth": "125", "three-eighths": "375", "five-eighths": "625", "seven-eighths": "875",
}  # fmt: skip
_HYPHENS = re.compile("[\u2010\u2011]")  # Word's hyphen and non-breaking hyphen


def _normalize(text: str) -> str:
    """Lowercase, one space between words, every hyphen an ASCII "-" with no space around it."""
    text = _HYPHENS.sub("-", text.replace("\u00ad", "").lower())
    return re.sub(r"\s*-\s*", "-", " ".join(text.split()))


def parse_number_words(text: str) -> int | None:
    """A whole number in words ("Seventeen Thousand Twenty-Nine", "one hundred and five"), or None.

    Case, hyphens, spaces and commas are free; an "and" is allowed only after
    "hundred" or a scale word, as in British style. Anything that is not a
    well-formed number ("twenty-one hundred", "one one", "thousand") is None.
    """
    if not isinstance(text, str):
        return None
    tokens = [t for t in re.split(r"[\s,-]+", _normalize(text)) if t]
    tokens = [
        t
        for k, t in enumerate(tokens)
        if not (
            t == "and"
            and 0 < k < len(tokens) - 1
            and (tokens[k - 1] == "hundred" or tokens[k - 1] in _SCALE_VALUES)
        )
    ]
    if tokens == ["zero"]:
        return 0
    total, position, previous_scale = 0, 0, LIMIT
    while position < len(tokens):
        group, position = _parse_group(tokens, position)
        if group is None:
            return None
        scale = 1
        if position < len(tokens):
            scale = _SCALE_VALUES.get(tokens[position], LIMIT)
            if scale >= previous_scale:
                return None
            position += 1
        total += group * scale
        previous_scale = scale
    return total if tokens else None


def _parse_group(tokens: list[str], position: int) -> tuple[int | None, int]:
    """Read 1..999 ("seven hundred twenty-one") from `tokens` at `position`."""

    def word(at: int) -> str:
        return tokens[at] if at < len(tokens) else ""

    value = 0
    if word(position) in _UNIT_VALUES and word(position + 1) == "hundred":
        value, position = 100 * _UNIT_VALUES[word(position)], position + 2
    if word(position) in _TENS_VALUES:
        value, position = value + _TENS_VALUES[word(position)], position + 1
        if word(position) in _UNIT_VALUES:
            value, position = value + _UNIT_VALUES[word(position)], position + 1
    elif word(position) in _BELOW_TWENTY:
        value, position = value + _BELOW_TWENTY[word(position)], position + 1
    return (value or None), position


def parse_amount_words(text: str) -> Decimal | None:
    """An amount in words as a Decimal with two places, or None.

    Reads "Seventeen Thousand Twenty-Nine and 48/100 Dollars" (also "and
    No/100"), "One Dollar" and "Twenty-Nine Dollars and Forty-Eight Cents".
    """
    if not isinstance(text, str):
        return None
    text = _normalize(text)
    cents: int | None
    fraction = re.fullmatch(r"(.+?) and (\d{1,2}|no) ?/ ?100 dollars?", text)
    spelled = re.fullmatch(r"(.+?) dollars?(?: and (.+?) cents?)?", text)
    if fraction:
        dollars = parse_number_words(fraction[1])
        cents = 0 if fraction[2] == "no" else int(fraction[2])
    elif spelled:
        dollars = parse_number_words(spelled[1])
        cents = parse_number_words(spelled[2]) if spelled[2] else 0
    else:
        return None
    if dollars is None or cents is None or cents >= 100:
        return None
    return Decimal(f"{dollars}.{cents:02d}")


def parse_percent_words(text: str) -> Decimal | None:
    """A percentage in words ("ten percent", "nine and one-half percent", "one-half of one percent"), or None."""
    if not isinstance(text, str):
        return None
    text = _normalize(text)
    below_one = re.fullmatch(r"(.+?) of (?:one|a) per ?cent", text)
    if below_one:
        fraction = _parse_fraction(below_one[1])
        return None if fraction is None else Decimal(f"0.{fraction}")
    body = re.fullmatch(r"(.+?) per ?cent", text)
    if not body:
        return None
    whole, fraction = parse_number_words(body[1]), ""
    if whole is None:
        whole, fraction = _parse_mixed(body[1])
    if whole is None or fraction is None:
        return None
    return Decimal(f"{whole}.{fraction}" if fraction else f"{whole}")


def _parse_mixed(text: str) -> tuple[int | None, str | None]:
    """ "nine and one-half" -> (9, "5"); "one-half" -> (0, "5"); else (None, None)."""
    for match in reversed(list(re.finditer(r" and ", text))):
        whole = parse_number_words(text[: match.start()])
        fraction = _parse_fraction(text[match.end() :])
        if whole is not None and fraction is not None:
            return whole, fraction
    fraction = _parse_fraction(text)
    return (None, None) if fraction is None else (0, fraction)


def _parse_fraction(text: str) -> str | None:
    """A proper fraction in words as its decimal digits: "one-quarter" -> "25", "three tenths" -> "3"."""
    named = _FRACTION_NAMES.get(text.replace(" ", "-"))
    if named:
        return named
    head, _, last = text.rpartition(" ") if " " in text else text.rpartition("-")
    places = _DENOMINATOR_PLACES.get(last)
    numerator = parse_number_words(head) if head else None
    if places is None or numerator is None or not 0 < numerator < 10**places:
        return None
    return str(numerator).rjust(places, "0").rstrip("0") or None


FILTERS = {
    "amount_text": amount_text,
    "amount_words": amount_words,
    "amount_figures": amount_figures,
    "count_text": count_text,
    "percent_text": percent_text,
    "times_text": times_text,
    "ordinal": ordinal,
    "letter": letter,
    "long_date": long_date,
    "day_of": day_of,
    "month_year": month_year,
    "join_and": join_and,
    "join_or": join_or,
    "with_article": with_article,
}
"""The filters every template may use, e.g. ``{{ escrow.agreement_date|long_date }}``."""


def country_named(country: str) -> str:
    """"the Cayman Islands", "the United Kingdom", "France": a country's name as a sentence says it after "in" (a
    partner's read: "an address in Cayman Islands")."""
    if country.lower().startswith("the "):  # a name that has its "the" already keeps it
        return country
    plural = country.endswith(("Islands", "lands", "Kingdom", "States", "Bahamas", "Philippines", "Emirates", "Republic"))
    return f"the {country}" if plural or country.startswith(("United ", "Republic ")) else country
