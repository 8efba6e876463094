"""Checks on the rendered documents against the deal (codes DD22x).

The text checks (`checks.text`) need no term sheet; these do. They read what
the Word files actually say and hold it against the model, so a template that
hard-codes a figure, or picks the wrong purchaser's value, is caught:

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD220 | error    | a dollar amount that is not in the term sheet or derived from it |
| DD221 | error    | a percentage that is not in the term sheet |
| DD222 | error    | a full date that is not in the term sheet |
| DD223 | error    | a company or firm name (Inc., LLC, L.P., LLP ...) that is not in the term sheet |
| DD224 | error    | a document does not state a fact it must (its payee, principal, dates, parties) |
| DD225 | error    | a party's legal name written differently from the term sheet (other than in capitals) |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel

from dealdocs.checks.closing_set.common import DATE
from dealdocs.closing.kinds import DocumentSpec
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN, MONTH_PATTERN
from dealdocs.findings import Finding, Location, error
from dealdocs.termsheet.model import Deal
from dealdocs.checks.text import trie_pattern

_MONEY = re.compile(r"\$\s?((?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_MONTHS = MONTH_PATTERN
_SUFFIX = rf"(?:{CORPORATE_SUFFIX_PATTERN})"
_FIRM_SUFFIX = re.compile(rf"(?<![\w.]){_SUFFIX}(?!\w)(?!(?:\s+[A-Z][\w-]*){{0,3}}\s+(?:Law|Act|Code)\b)")  # not
# a statute's name: the "General Corporation Law", the "Limited Liability Company Act"
_NAME_WORD = re.compile(r"(?:[A-Z0-9][\w'&.-]*|&|of|and|de|von),?")
_MAX_NAME_WORDS = 8
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS.split("|"), 1)}


def _model_values(node: object, field: str = "") -> Iterator[tuple[str, object]]:
    """(the field it is in, the value) for every scalar in the deal, walking nested models and lists (an item of a
    list is in the list's field)."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _model_values(getattr(node, name), name)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _model_values(item, field)
    elif node is not None:
        yield field, node


class DealFacts:
    """What a deal's documents may say: its amounts, rates, dates, names and texts."""

    def __init__(self, deal: Deal):
        fields = list(_model_values(deal))
        values = [value for _, value in fields]
        self.texts = [v for v in values if isinstance(v, str)]
        self.amounts: set[Decimal] = {v for v in values if isinstance(v, Decimal)}
        self.amounts |= {deal.aggregate_subscription, deal.total_principal, deal.net_proceeds, deal.gross_proceeds}
        if deal.escrow:
            self.amounts.add(deal.escrow.total_disbursements)
        if deal.placement_fee is not None:
            self.amounts.add(deal.placement_fee)
        for text in self.texts:  # amounts written inside term sheet text, e.g. "par value $.0001"
            self.amounts |= {a for a in map(_to_decimal, _MONEY.findall(text)) if a is not None}
        self.rates: set[Decimal] = set(deal.percentages)
        for text in self.texts:
            self.rates |= {Decimal(r) for r in _PERCENT.findall(text)}
        self.lowered_texts = " | ".join(self.texts).casefold()
        self.party_names = [deal.company.name, *(p.name for p in deal.purchasers)]
        if deal.escrow:
            self.party_names.append(deal.escrow.agent.name)
            self.party_names.extend(d.payee for d in deal.escrow.disbursements)
        if deal.notes and deal.notes.collateral_agent:
            self.party_names.append(deal.notes.collateral_agent.name)
        if deal.placement_agent:
            self.party_names.append(deal.placement_agent.name)
        self.dates: set[date] = {v for v in values if isinstance(v, date)}
        # a date that is part of a name ("Smith Family Trust dated January 5, 2010": a party's, or one a party signs
        # through) is the deal's; one in another text (a closing place "or as agreed on March 3, 2026") is not, and
        # is checked against the deal's own dates
        for field, name in fields:
            if field == "name" and isinstance(name, str):
                self.dates |= {day for _, day in _dates_in(name) if day is not None}
        # firm name (casefolded) -> stands in a term sheet text; first, every firm name the texts themselves hold,
        # so that a known name is one look-up, not a search of every text (5,000 purchasers: 5,000 names)
        self._known_names: dict[str, bool] = {
            run.casefold(): True for text in self.texts for match in _FIRM_SUFFIX.finditer(text)
            for run in _name_runs(text, match)
        }
        self._party_matcher: _PartyNames | None = None
        # paragraph text -> its problems: boilerplate stands in every note of a deal, word for word
        self._said_amiss: dict[str, tuple[tuple[str, str], ...]] = {}

    def knows_name(self, candidate: str) -> bool:
        """Whether `candidate` stands, in any case, in a term sheet text (remembered: names repeat)."""
        folded = candidate.casefold()
        known = self._known_names.get(folded)
        if known is None:
            known = self._known_names[folded] = folded in self.lowered_texts
        return known

    def said_amiss(self, text: str) -> tuple[tuple[str, str], ...]:
        """(code, message) of each amount, rate, date, firm or party name in a paragraph that does not trace to
        this deal (`_untraced`, `_misnamed`), read once for each text."""
        found = self._said_amiss.get(text)
        if found is None:
            found = self._said_amiss[text] = (*_untraced(text, self), *_misnamed(text, self))
        return found

    @property
    def party_matcher(self) -> _PartyNames:
        if self._party_matcher is None:
            self._party_matcher = _PartyNames(self.party_names)
        return self._party_matcher


def _to_decimal(text: str) -> Decimal | None:
    cleaned = text.replace(",", "")
    if not cleaned or cleaned == ".":
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _dates_in(text: str) -> Iterator[tuple[str, date | None]]:
    """Each date written in `text` as the set checks read one (`closing_set.common.DATE`: "May 18, 2005", "May 18
    2005", "the 18th day of May, 2005", "this 18 day of May 2005"); a blank day ("May ___, 2005") is no date (a code
    review: four patterns for a date, and a date without its comma escaped provenance)."""
    for match in DATE.finditer(text):
        day = match["d1"] if match["m1"] else match["d2"]
        if day[:1].isdigit():
            month, year = match["m1"] or match["m2"], match["y1"] or match["y2"]
            yield match.group(0), _safe_date(int(year), _MONTH_NUMBER[month], int(re.match(r"\d+", day).group()))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check_provenance(document: str, paragraphs: list[str], facts: DealFacts) -> list[Finding]:
    """Every amount, percentage, date and firm name in one document traces to the deal."""
    return _located(document, paragraphs, lambda text: _untraced(text, facts))


def _untraced(text: str, facts: DealFacts) -> Iterator[tuple[str, str]]:
    """(code, message) for each amount, rate, date and firm name in one paragraph that the deal does not hold."""
    for match in _MONEY.finditer(text):
        amount = _to_decimal(match.group(1))
        if amount is not None and amount not in facts.amounts:
            yield "DD220", f"the amount \"{match.group(0)}\" is not in the term sheet: a figure typed into the template or left from another deal?"
    for match in _PERCENT.finditer(text):
        if Decimal(match.group(1)) not in facts.rates:
            yield "DD221", f"the rate \"{match.group(0)}\" is not in the term sheet"
    for written, day in _dates_in(text):
        if day is None or day not in facts.dates:
            yield "DD222", f"the date \"{written}\" is not a date of this deal"
    for name in _unknown_firm_names(text, facts):
        yield "DD223", f"\"{name}\" is not a party or name in the term sheet: a name left from another deal?"


def _located(document: str, paragraphs: list[str], problems: Callable[[str], Iterable[tuple[str, str]]]) -> list[Finding]:
    """The findings `problems` gives for each paragraph, located in `document`."""
    return [error(code, message, Location(document=document, paragraph=number))
            for number, text in enumerate(paragraphs, 1) for code, message in problems(text)]


def _unknown_firm_names(text: str, facts: DealFacts) -> Iterator[str]:
    """Firm names (words ending in Inc., LLC, L.P. ...) that no term sheet text contains.

    For each suffix, the words before it are tried from two words up to eight:
    the name is known when any of those runs stands in the term sheet.
    """
    for match in _FIRM_SUFFIX.finditer(text):
        candidates = _name_runs(text, match)
        if candidates and not any(facts.knows_name(c) for c in candidates):
            yield candidates[min(2, len(candidates) - 1)]


def _name_runs(text: str, match: re.Match) -> list[str]:
    """The names a firm suffix in `text` may end: its last two to eight capitalized words, shortest first."""
    # The last words before the suffix: rsplit from the right reads only those, so a long
    # paragraph naming every purchaser is not split again at each suffix.
    words = text[: match.start()].rsplit(None, _MAX_NAME_WORDS)[-_MAX_NAME_WORDS:]
    starts: list[int] = []
    position = match.start()
    for word in reversed(words):
        if not _NAME_WORD.fullmatch(word):
            break
        position = text.rindex(word, 0, position)
        starts.append(position)
    return [text[start : match.end()] for start in starts[1:]] or [text[start : match.end()] for start in starts]


class _PartyNames:
    """Finds every party name in a text, in any case, in one pass however many parties there are.

    One regex (the names' first characters as a trie, inside a lookahead) finds each position
    where some name may start. From there the text, case-folded, is walked down a trie of the
    case-folded names, and only the names met on the way are tried there. The result is what
    searching the text once per name gives (each name's occurrences left to right, not
    overlapping each other), without reading the text once per name, nor trying at each
    position every name that starts alike: a deal of 5,000 purchasers has hundreds whose
    names begin "Capital Partners", and 5,000 notes.
    """

    def __init__(self, names: list[str]):
        self.names = sorted(set(names))
        self._lowered = [name.lower() if name.isascii() else None for name in self.names]
        self._patterns: dict[int, re.Pattern[str]] = {}  # compiled at a name's first use in text not ASCII
        self.finder = None
        if self.names:
            starts = {_ascii_lower(n)[:4] for n in self.names}  # where a name may start, however long the name
            self.finder = re.compile(f"(?=(?:{trie_pattern(starts)}))", re.IGNORECASE)
        self.trie: dict = {}  # case-folded character -> the next level; "" -> the names that end there
        self.depth = 0  # the longest walk, in characters of the text
        for index, name in enumerate(self.names):
            node = self.trie
            for character in _folded(name):
                node = node.setdefault(character, {})
            node.setdefault("", []).append(index)
            self.depth = max(self.depth, len(name))

    def _candidates(self, text: str, position: int) -> list[int]:
        """The names that may match at `position`: those whose case-folded form the case-folded text begins with."""
        found: list[int] = []
        node = self.trie
        for character in _folded(text[position : position + self.depth]):
            node = node.get(character)
            if node is None:
                break
            found += node.get("", ())
        return sorted(found)

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """(legal name, the text as written) for each occurrence of a name in `text`, in order."""
        if self.finder is None or not self.finder.search(text):
            return
        resume: dict[int, int] = {}  # name -> where its next occurrence may start
        for start in self.finder.finditer(text):
            position = start.start()
            for index in self._candidates(text, position):
                if position < resume.get(index, 0):
                    continue
                written = self._match(index, text, position)
                if written is not None:
                    resume[index] = position + len(written)
                    yield self.names[index], written

    def _match(self, index: int, text: str, position: int) -> str | None:
        """The name `index` as `text` writes it at `position`, in any case, if it does: what its pattern (the name,
        ignoring case) matches there. An ASCII name in ASCII text is compared in lower case, as that pattern compares
        it there; 5,000 names' patterns took half a second to compile."""
        lowered = self._lowered[index]
        if lowered is not None:
            piece = text[position : position + len(lowered)]
            if piece.isascii():
                return piece if piece.lower() == lowered else None
        pattern = self._patterns.get(index)
        if pattern is None:
            pattern = self._patterns[index] = re.compile(re.escape(self.names[index]), re.IGNORECASE)
        match = pattern.match(text, position)
        return match.group(0) if match else None


# Characters a case-insensitive regex matches with an ASCII letter though their case folding differs (Python's re docs)
_FOLDS_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(text: str) -> str:
    """`text` case-folded as a case-insensitive regex compares it: two texts it finds alike fold alike."""
    return text.translate(_FOLDS_TO_ASCII).casefold()


def _ascii_lower(name: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in name)


def check_party_names(document: str, paragraphs: list[str], facts: DealFacts) -> list[Finding]:
    """A party's legal name is written exactly as in the term sheet, or in capitals."""
    return _located(document, paragraphs, lambda text: _misnamed(text, facts))


def _misnamed(text: str, facts: DealFacts) -> Iterator[tuple[str, str]]:
    """(code, message) for each party name in one paragraph written otherwise than its legal name or in capitals."""
    for name, written in facts.party_matcher.find(text):
        if written != name and written != name.upper():
            yield "DD225", f"\"{written}\" is written differently from the legal name \"{name}\""


def check_expected_facts(deal: Deal, spec: DocumentSpec, paragraphs: list[str]) -> list[Finding]:
    """DD224: each fact the document must state (`DocumentSpec.facts`), as written or in capitals.

    Each is looked for from where the one before was found, then before it: an agreement 5,000 purchasers
    sign states their names and principals in their order, so each is found just after the last, where
    looking from the start each time read the whole agreement for each of them.
    """
    text = "\n".join(paragraphs)
    missing: list[Finding] = []
    at = 0
    for what, value in spec.facts(deal):
        found = _find_around(text, value, at)
        if found < 0:
            found = _find_around(text, value.upper(), at)
        if found < 0:
            missing.append(error("DD224", f"the {spec.title.lower()} does not state {what}: \"{value}\"",
                                 Location(document=spec.filename)))
        else:
            at = found
    return missing


def _find_around(text: str, value: str, at: int) -> int:
    """Where `value` is in `text` (-1 if it is not): looked for from `at` on, then before it."""
    found = text.find(value, at)
    return found if found >= 0 else text.find(value, 0, at + len(value) - 1)


def check_rendered(deal: Deal, spec: DocumentSpec, paragraphs: list[str], facts: DealFacts) -> list[Finding]:
    """Every model-aware check over one of a deal's rendered documents (`facts`: the deal's, read once)."""
    return _located(spec.filename, paragraphs, facts.said_amiss) + check_expected_facts(deal, spec, paragraphs)
