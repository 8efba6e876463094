"""DD201: words and figures that disagree ("ten (15) days", "One Million Dollars ($1,100,000.00)").

Both orders are read: words then the figure in parentheses, and a figure then
its words in parentheses ("$2,000 (One Thousand Dollars)"). A number in words
before an ordinal figure ("the eight (8th) Payment Date") is a disagreement too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from dealdocs.checks.text.common import is_number_token, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, error
from dealdocs.words import parse_amount_words, parse_number_words, parse_percent_words

_FRACTION_WORDS = frozenset(
    """half halves quarter quarters third thirds fourth fourths fifth fifths sixth sixths seventh
    sevenths eighth eighths ninth ninths tenth tenths hundredth hundredths thousandth thousandths millionth millionths
    billionth billionths trillionth trillionths""".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|(?:\d{1,2}|[Nn][Oo])\s*/\s*100|\S")
_FIGURE_AFTER_WORDS = re.compile(
    r"\(\s*(?P<cur>(?:U\.?S\.?\s*)?\$)?\s*(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<pct>%)?\s*\)"
)
_WORDS_AFTER_FIGURE = re.compile(
    r"(?P<fig>(?:U\.?S\.?\s*)?\$\s*\d[\d,]*(?:\.\d+)?|(?<![\w.,$])\d[\d,]*(?:\.\d+)?\s*%|(?<![\w.,$])\d[\d,]*)"
    r"\s*\(\s*(?P<words>[A-Za-z][A-Za-z ,-]{0,150}?(?:\s+and\s+(?:\d{1,2}|[Nn]o)\s*/\s*100\s+[A-Za-z]+)?)\s*\)"
)
# What a paragraph must hold for `_WORDS_AFTER_FIGURE` to match in it: quick to look for (a digit first).
_WORDS_AFTER_FIGURE_HINT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*%?\s*\(\s*[A-Za-z]")
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w-]*)")
_HUNDREDTHS = re.compile(r"(?:\d{1,2}|no)/100")


def _is_fraction_token(token: str) -> bool:
    parts = token.lower().split("-")
    return parts[-1] in _FRACTION_WORDS and all(p in _FRACTION_WORDS or p == "a" or is_number_token(p) for p in parts)


def _word_run(prefix: str, allowed: Callable[[str], bool]) -> list[re.Match[str]]:
    """The tokens at the end of `prefix` that `allowed` accepts, in reading order."""
    tokens = list(_TOKEN.finditer(prefix))
    run: list[re.Match[str]] = []
    for token in reversed(tokens):
        if not allowed(token.group()):
            break
        run.append(token)
    run.reverse()
    return run


def _figure(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns only let digits, commas and a point through
        return None


def _amount_allowed(token: str) -> bool:
    low = token.lower().replace(" ", "")
    return is_number_token(token) or low in ("and", "dollar", "dollars", "cent", "cents") or bool(_HUNDREDTHS.fullmatch(low))


def _percent_allowed(token: str) -> bool:
    low = token.lower()
    return is_number_token(token) or _is_fraction_token(token) or low in ("and", "of", "a", "percent", "per", "cent")


def _count_allowed(token: str) -> bool:
    return is_number_token(token) or token.lower() == "and"


def _longest_reading(prefix: str, run: list[re.Match[str]], parse):
    """Parse the longest tail of `run` (starting at a number word) that `parse` reads; (value, start)."""
    for token in run:
        if not (is_number_token(token.group()) or _is_fraction_token(token.group())):
            continue
        value = parse(prefix[token.start():])
        if value is not None:
            return value, token.start()
    return None, None


_OF_ONE_PERCENT = re.compile(r"\s+of\s+(?:one|1)\s+per\s*cent\s*$", re.IGNORECASE)


def _percent_words(words: str) -> Decimal | None:
    """A percentage in words; "one and one-quarter of one percent" is 1.25%, as "one and one-quarter percent"."""
    value = parse_percent_words(words)
    if _OF_ONE_PERCENT.search(words):
        whole = parse_percent_words(_OF_ONE_PERCENT.sub(" percent", words))
        return whole if whole is not None else value
    return value


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def _plain(value: Decimal) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# An ordinal figure in parentheses ("(8th)") and the word before it: it should be an ordinal ("eighth").
_ORDINAL_FIGURE = re.compile(r"(?<![A-Za-z-])(?P<word>[A-Za-z]+(?:-[A-Za-z]+)?)\s+\(\s*(?P<num>\d{1,3})(?:st|nd|rd|th)\s*\)\Z")
_ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th)\s*\)")


def _ordinals(para: _Text) -> Iterator[str]:
    """DD201: a number in words before an ordinal figure: "the eight (8th) Payment Date" ("eighth" is meant)."""
    text = para.text
    if "th)" not in text and "st)" not in text and "nd)" not in text and "rd)" not in text:
        return  # no ordinal figure (quicker to look for than the pattern)
    for hint in _ORDINAL_HINT.finditer(text):
        match = _ORDINAL_FIGURE.search(para.text, max(0, hint.start() - 40), hint.end())  # the one ending there
        if match is None or not is_number_token(match["word"]):
            continue
        said = parse_number_words(match["word"])
        if said is None:
            continue
        yield (f"{quote(para.raw[match.start():match.end()])}: the words say {said}, a number, the figure "
               f'"{match["num"]}{match.group()[match.end("num") - match.start():].strip(" )")}", an ordinal')


def check(outline: Outline) -> Iterator[Finding]:
    """DD201 on every paragraph."""
    for para in outline.paras:
        if "(" not in para.text:
            continue
        for message in _said_amiss(para.text, para.raw):
            yield error("DD201", message, outline.at(para))


class _Text(NamedTuple):
    """A paragraph's text as the checks read it, and as written (quoted in a finding)."""

    text: str
    raw: str


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _said_amiss(text: str, raw: str) -> tuple[str, ...]:
    """What DD201 says of a paragraph: each number whose words and figure differ, in order."""
    para = _Text(text, raw)
    found = list(_ordinals(para))
    found += [said for match in _FIGURE_AFTER_WORDS.finditer(text) if (said := _words_before_figure(para, match))]
    found += [said for match in _words_after_figures(text) if (said := _figure_before_words(para, match))]
    return tuple(found)


def _words_after_figures(text: str) -> Iterator[re.Match[str]]:
    """What `_WORDS_AFTER_FIGURE.finditer(text)` gives, the pattern tried only next to a figure.

    Each match holds a `_WORDS_AFTER_FIGURE_HINT` at its figure's first
    digit, with only "U", "S", ".", "$" and spaces before that digit: the
    next match starts at the next hint or in those characters just before
    it, else after it. The pattern, slow to try at every character, is
    tried only there; the hint starts with a digit, which is quick to look for.
    """
    pos = 0
    while (hint := _WORDS_AFTER_FIGURE_HINT.search(text, pos)) is not None:
        digit = start = hint.start()
        while start > pos and (text[start - 1] in "US.$" or text[start - 1].isspace()):
            start -= 1
        for at in range(start, digit + 1):
            match = _WORDS_AFTER_FIGURE.match(text, at)
            if match:
                yield match
                pos = match.end()
                break
        else:
            pos = digit + 1


def _words_before_figure(para: _Text, match: re.Match[str]) -> str | None:
    text = para.text
    window = max(0, match.start() - 300)
    prefix = text[window : match.start()].rstrip()
    figure = _figure(match["num"])
    if figure is None or not prefix:
        return None
    last = prefix.split()[-1].lower()
    if last in ("dollar", "dollars", "cents", "cent"):
        value, start = _longest_reading(prefix, _word_run(prefix, _amount_allowed), parse_amount_words)
        said, shown = (_money(value) if value is not None else ""), _money(figure)
    elif last in ("percent", "cent"):
        value, start = _longest_reading(prefix, _word_run(prefix, _percent_allowed), _percent_words)
        said, shown = (f"{_plain(value)}%" if value is not None else ""), f"{_plain(figure)}%"
    elif is_number_token(last):
        value, start = _longest_reading(prefix, _word_run(prefix, _count_allowed), parse_number_words)
        if match["cur"] or match["pct"]:
            return None  # "twenty ($20)": not a count, and not worth guessing at
        said, shown = (_plain(Decimal(value)) if value is not None else ""), _plain(figure)
    else:
        return None
    if value is None or Decimal(value) == figure:
        return None
    end = match.end()
    after = _NEXT_WORD.match(text, end)
    if after and last not in ("dollar", "dollars", "cents", "cent", "percent"):
        end = after.end()
    phrase = para.raw[window + start : end]
    return f"{quote(phrase)}: the words say {said}, the figure says {shown}"


def _figure_before_words(para: _Text, match: re.Match[str]) -> str | None:
    fig, words = match["fig"], " ".join(match["words"].split())
    number = _figure(re.sub(r"[^\d.,]", "", fig).strip(".,") or "0")
    if number is None:
        return None
    if "$" in fig:
        value = parse_amount_words(words)
        if value is None:
            value = parse_amount_words(words + " Dollars")
        said, shown = (_money(value) if value is not None else ""), _money(number)
    elif "%" in fig:
        value = parse_percent_words(words)
        if value is None:
            value = parse_percent_words(words + " percent")
        said, shown = (f"{_plain(value)}%" if value is not None else ""), f"{_plain(number)}%"
    else:
        count = parse_number_words(words)
        value = None if count is None else Decimal(count)
        said, shown = (_plain(value) if value is not None else ""), _plain(number)
    if value is None or value == number:
        return None
    quoted = quote(para.raw[match.start() : match.end()])
    return f"{quoted}: the words say {said}, the figure says {shown}"
