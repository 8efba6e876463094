"""DD440-DD441: an executed document against the form of it attached to another document of the set.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD440 | error    | an executed document states a term otherwise than the form attached as an exhibit: a note's date, principal, maturity date, interest rate, interest payments, first payment date or day count, or any other figure, date or percentage of a paragraph |
| DD441 | warning  | a paragraph of the form that the executed document does not have, or one it adds |

A form is an exhibit whose heading is followed by a document's title ("EXHIBIT
A", "[FORM OF NOTE]", "PROMISSORY NOTE"); the executed versions are the
documents of the set with that title (each promissory note of the set for
the purchase agreement's form of note; the release notice for the escrow
agreement's Exhibit A). What the form leaves blank ("$____________",
"____________ (the "Payee")", "October ____, 2005") the executed document
fills in: no finding. Signature blocks ("Name of Investing Entity: ____",
"PURCHASER: QUARRY LANE FUND, LLC By: ____", one per signer once executed) are
not paragraphs of terms, nor is the testimonium an executed document repeats
on each signature page, just after its caption ("IN WITNESS WHEREOF, the
undersigned Purchaser ..."). A copy not yet signed may leave blanks the form
fills ("this ____ day of ______, 20__" for "this ___ day of October, 2005"):
a blank contradicts nothing.
The parties' names are DD401's.

A note's terms are compared by name (see `note_terms`). Then the paragraphs
of running text are paired in order (each with the most alike of the next
few, at least 60% the same words), and in each pair the figures, dates,
percentages, counts in parentheses, "365-day" and payment frequencies are
compared in order; words are not, since an executed note fills in its payee,
with the payee's own description and pronouns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from dealdocs.checks.closing_set.common import DATE, MONEY, money, written_date
from dealdocs.checks.closing_set.documents import ClosingSet, Form, SetDocument
from dealdocs.checks.closing_set.note_terms import BLANK
from dealdocs.checks.text.common import Para, quote, signature_page_caption
from dealdocs.findings import Finding, Location, error, paragraph_unit, warning
from dealdocs.lexicon import MONTHS

_COMPARED_TERMS = (
    "date", "principal", "maturity date", "interest rate", "interest payments", "first interest payment", "day count",
)  # fmt: skip
# What a figure starts with, looked at first: the alternatives, each tried at every character of a note's long
# opening paragraph, took 0.2 ms of it for each of 5,000 notes. A "$" (money, its blank), "_", a digit, "[" or "("
# (a day, a year, a percentage, a count), a month's capital, a frequency's first letter.
_FIGURE_STARTS = rf"[$_\[(\d{''.join(sorted({month[0] for month in MONTHS}))}mqsa]"
_FIGURE = re.compile(
    rf"(?={_FIGURE_STARTS})(?:"
    + "|".join(
        (
            f"(?P<money>{MONEY.pattern})",
            r"(?P<blank_money>\$\s*_{3,})",
            r"(?P<blank_words>_{3,})",
            f"(?P<date>{DATE.pattern})",
            r"(?P<percent>\b\d{1,3}(?:\.\d+)?\s*%)",
            r"(?P<count>\(\d{1,4}\))",
            r"(?P<days>\b\d{2,3}-day\b)",
            r"(?P<frequency>\b(?:monthly|quarterly|semi-?annually|annually)\b)",
        )
    )
    + ")"
)
_KINDS = ("money", "blank_money", "blank_words", "percent", "count", "days", "frequency")
_WORDS = re.compile(r"[a-z]+")
_SIGNATURE_BLOCK = re.compile(
    r"\s*(?:/s/|_{3,}|(?:By|Name|Title|Its|Signature|Date|Address|Attest|ATTEST)\b[^:]{0,80}:"
    r"|[A-Z][A-Z .'&-]{1,40}:\s.*_{3,})"  # "PURCHASER:  QUARRY LANE FUND, LLC  By: ______"
)
_TESTIMONIUM = re.compile(r"\s*IN WITNESS WHEREOF\b")
_LOOKAHEAD = 6  # executed paragraphs searched for the counterpart of a form's paragraph
_ALIKE = 0.6


def check(closing: ClosingSet, share: tuple[int, int] = (0, 1)) -> Iterator[Finding]:
    """DD440 and DD441 for each form attached in a document of `closing` and each executed version of it.

    With `share` (k, n), only the k-th of each n executed versions, counted from 0: the work of comparing
    5,000 notes with their form shared among processes.
    """
    part, parts = share
    count = 0
    for document in closing.documents:
        for form in document.forms:
            terms = _running(form.paras)  # read once for its 5,000 notes
            for executed in closing.named(form.title, but=document):
                if count % parts == part:
                    yield from _compare(closing, document, form, executed, terms)
                count += 1


def _compare(closing: ClosingSet, holder: SetDocument, form: Form, executed: SetDocument, terms: list[Para],
             ) -> Iterator[Finding]:
    """DD440 and DD441 for one executed version of `form` (whose paragraphs of terms, `_running`, are `terms`)."""
    where = f"the form of {form.title} ({form.label} to {holder.name})"
    covered: set[tuple[str, int, int, int]] = set()  # (document, paragraph, start, end) of the terms compared
    if executed.kind == "note":
        expected, actual = closing.note_terms(holder, form), closing.note_terms(executed)
        for label in _COMPARED_TERMS:
            want, got = expected.get(label), actual.get(label)
            if want is None or got is None:
                continue
            covered.update(
                (p.document, p.para.number, p.start, p.end) for p in (want.place, got.place)
            )
            if want.value != BLANK and got.value != want.value:
                yield error(
                    "DD440",
                    f"the {label} is {got.shown} here ({got.place.quoted()}), but {want.shown} in {where}, "
                    f"{want.place.at()}",
                    got.place.location,
                    (want.place.location,),
                )
    pairs, missing, added = _pair(terms, _running(executed.main))
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (document, paragraph) -> the spans compared there
    for document, number, start, end in covered:
        spans.setdefault((document, number), []).append((start, end))
    for want, got in pairs:
        yield from _figures(holder.name, want, executed.name, got, where, spans)
    for para in [p for p in missing if not _SIGNATURE_BLOCK.match(p.text)]:
        yield warning(
            "DD441",
            f"{where} has, in its {paragraph_unit(holder.name)} {para.number}, {quote(para.raw, 80)}, which {executed.name} does not have",
            Location(document=executed.name),
            (Location(document=holder.name, paragraph=para.number),),
        )
    for para in _added_terms(added, executed.main):
        yield warning(
            "DD441",
            f"{quote(para.raw, 80)} is not in {where}",
            Location(document=executed.name, paragraph=para.number),
            (Location(document=holder.name, paragraph=form.paras[0].number if form.paras else None),),
        )


def _added_terms(added: list[Para], main: list[Para]) -> list[Para]:
    """The paragraphs of `added` that are terms: no signature block, nor a testimonium just after a signature page's
    caption (`main`: the document's paragraphs; its captions read only when a testimonium is added, which few are)."""
    terms = []
    captioned: set[int] | None = None  # the numbers of the paragraphs just after a caption: a page's own testimonium
    for para in added:
        if _SIGNATURE_BLOCK.match(para.text):
            continue
        if _TESTIMONIUM.match(para.text):
            if captioned is None:
                captioned = {after.number for before, after in zip(main, main[1:]) if signature_page_caption(before.text)}
            if para.number in captioned:
                continue
        terms.append(para)
    return terms


def _running(paras: Sequence[Para]) -> list[Para]:
    """The paragraphs of terms: not headings, nor bracketed captions ("[Signature Page to Promissory Note ...]")."""
    return [p for p in paras if p.text.strip() and not p.heading and not p.text.strip().startswith("[")]


def _pair(form: list[Para], executed: list[Para]) -> tuple[list[tuple[Para, Para]], list[Para], list[Para]]:
    """The form's paragraphs paired with the executed document's, in order; and those left on each side."""
    pairs: list[tuple[Para, Para]] = []
    missing: list[Para] = []
    used: set[int] = set()
    start = 0
    executed_words = [_words(para.text) for para in executed]  # each read once, not in each of six windows
    for para in form:
        words = _words(para.text)
        best, best_ratio = None, _ALIKE
        window = range(start, min(len(executed), start + _LOOKAHEAD))
        same = [k for k in window if executed_words[k] == words]
        if same:  # the same words: a ratio of 1, which no other paragraph passes (the last of equals wins, as below)
            window = range(0)
            best = same[-1]
        for k in window:
            ratio = _likeness(words, executed_words[k])
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            missing.append(para)
            continue
        pairs.append((para, executed[best]))
        used.add(best)
        start = best + 1
    added = [p for k, p in enumerate(executed) if k not in used]
    return pairs, missing, added


@lru_cache(maxsize=16384)  # each note's paragraphs but its payee's are the same pairs again
def _likeness(form: tuple[str, ...], executed: tuple[str, ...]) -> float:
    """How alike two paragraphs' words are (`SequenceMatcher.ratio`), or 0 where its quick bounds are below
    `_ALIKE` (no pair below it is paired, so its exact ratio does not matter)."""
    matcher = _matcher(executed)
    matcher.set_seq1(form)
    if matcher.real_quick_ratio() < _ALIKE or matcher.quick_ratio() < _ALIKE:
        return 0.0
    return matcher.ratio()


@lru_cache(maxsize=4096)
def _matcher(words: tuple[str, ...]) -> SequenceMatcher:
    """A matcher against `words`, its index of them made once: every note of a deal has the same paragraphs.

    Each use sets the other side (`set_seq1`) before asking a ratio.
    """
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    return matcher


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(text.lower()))


@lru_cache(maxsize=4096)
def _figures_of(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(kind, value, start, end) of each figure, date, percentage, count, "365-day" and frequency of `text`."""
    found = []
    for match in _FIGURE.finditer(text):
        kind = match.lastgroup if match.lastgroup in _KINDS else "date"
        if kind == "money":
            value = f"${money(match['figure']):,.2f}"
        elif kind in ("blank_money", "blank_words"):
            value = BLANK  # a blank the executed document fills in: with a figure, or words that may hold one
        elif kind == "date":
            date = DATE.match(text, match.start())
            value = str(written_date(date)) if date and written_date(date).day else BLANK
        elif kind == "frequency":
            value = match.group().lower().replace("-", "")
        else:
            value = match.group().replace(" ", "")
        found.append((kind, value, match.start(), match.end()))
    return tuple(found)


def _tokens(document: str, para: Para, covered: dict[tuple[str, int], list[tuple[int, int]]]) -> list[tuple[str, str, int, int]]:
    """The figures of the paragraph that no named term already compared (`covered`: the spans compared, by
    document and paragraph)."""
    tokens = _figures_of(para.text)
    spans = covered.get((document, para.number))
    if not spans:
        return list(tokens)
    return [token for token in tokens if not any(token[2] < e and token[3] > s for s, e in spans)]


def _figures(form_document: str, want: Para, document: str, got: Para, where: str, covered) -> Iterator[Finding]:
    """DD440: the figures of a paragraph of the executed document against its form's, in order."""
    if want.text == got.text and not covered.get((form_document, want.number)) and not covered.get((document, got.number)):
        return  # the same words, none compared by name: the same figures (most of a note's paragraphs)
    expected, actual = _tokens(form_document, want, covered), _tokens(document, got, covered)
    if [t[1] for t in expected] == [t[1] for t in actual]:
        return
    differing: list[tuple] = []
    matcher = SequenceMatcher(None, [t[1] for t in expected], [t[1] for t in actual], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = expected[i1:i2], actual[j1:j2]
        if op == "equal" or (left and all(t[1] == BLANK for t in left)):
            continue  # the same, or the form's blanks filled in
        if op == "insert" and all(t[1] == BLANK for t in right):
            continue  # blanks still to be filled in ("this ____ day of ______"), where the form fixed a month
        width = max(len(left), len(right))
        differing += list(zip(left + [None] * (width - len(left)), right + [None] * (width - len(right))))
    for wanted, found in differing:
        said = _around(want, wanted) if wanted else "nothing"
        says = _around(got, found) if found else "nothing"
        yield error(
            "DD440",
            f"{says} here, but {said} in {where}, {paragraph_unit(form_document)} {want.number}",
            Location(document=document, paragraph=got.number),
            (Location(document=form_document, paragraph=want.number),),
        )


def _around(para: Para, token: tuple[str, str, int, int]) -> str:
    """The figure with the words just before it: "within thirty (30) days"."""
    start, end = token[2], token[3]
    before = para.raw[max(0, start - 25) : start]
    before = before.split(" ", 1)[-1] if len(before) == 25 and " " in before else before
    if para.raw.startswith(")", end) and before.count("(") > before.count(")"):
        end += 1  # "Dollars ($1,250,000.00)", its parenthesis closed (a new user's trial: "($1,250,000.00")
    return quote(before + para.raw[start:end], 60)
