"""DD210: a party's name capitalized two ways ("ROO Group, Inc." and "Roo Group, Inc."), or punctuated two ways.

The names compared are those that carry a corporate suffix (Inc., LLC, N.A.)
or that a party definition introduces; all-capitals forms (signature blocks,
titles) are not a different spelling. The spelling the document uses most
is its own; each other spelling is reported once, where it first appears.

A company's name with its suffix is also compared letter for letter, in any
case: "WARREN EQUITIES INC." in a signature block against "Warren Equities,
Inc." in the preamble, "Partners VI- C, L.P." against "Partners VI-C, L.P.":
the same letters with other punctuation or spacing are the name written two
ways (a notice block or a signature page copied from another draft). The
spelling a party definition introduces (", a Delaware corporation ("Warren")")
is the party's own; a name that starts a defined term ("InvestCo LLC" of the
"InvestCo LLC Agreement") is not compared. Luxembourg's, France's and Spain's suffixes
("S.à r.l.", "SAS", "S.L.U.") count, and a country in parentheses is a word of a name
("Venator Pigments (UK) Limited" against "VENATOR PIGMENTS UK LIMITED").

A name of two capitalized words written once with a letter added, left out or changed in its second
word, and twice or more as it should be ("Arvind Guranani" in a notice block against "Arvind Gurnani"),
is reported as spelled two ways.

A name of three words or more written once without one of its inner words, and twice or more with it
("SPHERA HEALTHCARE MASTER FUND" against "Sphera Global Healthcare Master Fund"), is reported too.

A corporate suffix written in a case of its own ("CADIZ inc.", "S.à r.L.", a signature block's
"polaris parent corp.") is reported against the suffix as the document writes it elsewhere.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from dealdocs.checks.text.common import FUNCTION_WORDS, Para, context, quote, trie_pattern
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, warning
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN, CORPORATE_SUFFIXES

# Luxembourg's, France's and Spain's, with the spellings drafts give them ("S.à.r.l.", "S.À R.L.").
_MORE_SUFFIXES = ("S.à r.l.", "S.à.r.l.", "S.a r.l.", "S.a.r.l.", "S.L.U.", "SAS", "S.A.S.")
# The suffixes, and in capitals as a signature block writes them ("WARREN EQUITIES INC.").
_ALL_SUFFIXES = (*CORPORATE_SUFFIXES, *_MORE_SUFFIXES)
_SUFFIXES = "|".join(
    sorted(
        {re.escape(s) for s in _ALL_SUFFIXES} | {re.escape(s.upper()) for s in _ALL_SUFFIXES},
        key=len, reverse=True,
    )
)

_ENTITY = re.compile(
    r"(?P<name>[A-Z](?<![\w&'.-][A-Z])[A-Za-z0-9'.-]*(?:[ ]+(?:[A-Z0-9][A-Za-z0-9'.-]*|&|of|\([A-Z]{1,4}\))){0,8}?),?[ ]+"
    rf"(?:{_SUFFIXES})(?![A-Za-z])"
)
# Both start only at a word's start: tried inside a long word they would rescan it from every letter.
# Each starts with its capital, then checks what stands before it: the engine looks for capitals only.
_PARTY = re.compile(r"(?P<name>[A-Z](?<![\w'-][A-Z])[a-z][\w'-]*[ ]+(?:[A-Z][a-z][\w'-]*[ ]+){0,2}[A-Z][a-z][\w'-]*)\s*\((?:the\s+)?\"[^\"]{1,60}\"\)")
# What a paragraph must hold for each to match in it: quick to look for, where the patterns are tried at every character.
_ENTITY_HINT = re.compile(rf"(?:{_SUFFIXES})(?![A-Za-z])")
_PARTY_HINT = re.compile(r"\((?:the\s+)?\"[^\"]{1,60}\"\)")
_BEFORE_NAME = "_'.-"  # with letters and digits, what may not come just before a name (`(?<![\w'.-])`)
_SUFFIX_AT = re.compile(rf",?\s+(?:{CORPORATE_SUFFIX_PATTERN})(?![A-Za-z])", re.IGNORECASE)


class _Lazy:
    """A pattern made and compiled at its first use: compiling a document's names takes longer than reading most
    documents."""

    def __init__(self, source: Callable[[], str], flags: int = 0):
        self.source, self.flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source(), self.flags)
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)


_SPACING = re.compile(r"\s{2,}|[^\S ]")  # spacing other than one space: what `\s+` reads as it reads one space
_FEW = 8  # up to so many names (a note's), each is looked for in turn; more (a list of purchasers) by first words


class _Names:
    """A document's names in lower case (`keys`), found in ASCII text in lower case (`found`).

    A few names (a note's) are each looked for in turn. More (an agreement
    every purchaser signs: 5,000 names) are found by their first words: one
    pattern of those alone, compiled at its first use, finds where a name may
    start, not inside a word; the names those words begin are tried there.
    The names as one pattern took half a second to compile for each such
    agreement, and found the same.
    """

    def __init__(self, keys: Iterable[str]):
        self.keys = frozenset(keys)
        self._ordered = tuple(sorted(self.keys))
        firsts: dict[str, list[int]] = {}  # a first word -> the lengths of the names it begins, longest first
        if len(self.keys) > _FEW:
            for key in sorted(self.keys, key=len, reverse=True):
                lengths = firsts.setdefault(key.split(" ", 1)[0], [])
                if not lengths or lengths[-1] != len(key):
                    lengths.append(len(key))
        self._lengths = firsts
        self._first = _Lazy(lambda: rf"(?<![\w'.-])(?:{trie_pattern(firsts)})(?![\w])")

    def found(self, low: str) -> list[tuple[int, int]]:
        """(start, end) of the longest name at each place of `low` (spaced by one space) where one is written,
        followed by no letter, digit or "_", in order; a place inside a word may be left out (`_uses` skips it)."""
        if not self._lengths:
            return _found(low, self._ordered)
        found = []
        search, pos = self._first.compiled.search, 0
        while (match := search(low, pos)) is not None:
            start = match.start()
            pos = start + 1
            longest = -1
            for first in _heads(match.group()):
                for length in self._lengths.get(first, ()):
                    end = start + length
                    if longest < end <= len(low) and low[start:end] in self.keys and _ends_word(low, end):
                        longest = end
                        break
            if longest >= 0:
                found.append((start, longest))
        return found


def _heads(word: str) -> list[str]:
    """`word` and each start of it followed by a character that is no letter, digit or "_" ("o" and "o'brien" of
    "o'brien"): the longest first word found at a place, and the others that may be found there."""
    if word.isalnum():
        return [word]
    return [word, *(word[:cut] for cut in range(len(word) - 1, 0, -1) if not (word[cut].isalnum() or word[cut] == "_"))]


def _ends_word(low: str, end: int) -> bool:
    """True when no letter, digit or "_" follows `end` (what `(?![\\w])` says of ASCII text)."""
    return end == len(low) or not (low[end].isalnum() or low[end] == "_")


def _uses(pattern: _Lazy, names: _Names | None, text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, base, whole) of each use of a name: `pattern`'s matches in `text`, with the corporate
    suffix that follows (`_SUFFIX_AT`) as part of the whole.

    On ASCII text (`names`: the names in lower case, ASCII all; or text `_read_as_ascii`), the text in lower case is searched
    without the check of the character before, which is made after (`_Names.found`; a name's words are
    spaced by any spaces, `_found_spaced`). That finds what `pattern` finds, many times faster, and no
    document's names are compiled.
    """
    if names is None or not _read_as_ascii(text):
        for match in pattern.finditer(text):
            end = _end_with_suffix(text, match.end())
            yield match.start(), end, match["base"], text[match.start() : end]
        return
    low, pos = text.lower(), 0
    for start, stop in _found_spaced(low, names.found) if _spaced_otherwise(text) else names.found(low):
        if start < pos:
            continue
        if start and (text[start - 1].isalnum() or text[start - 1] in _BEFORE_NAME):
            pos = start + 1
            continue
        end = _end_with_suffix(text, stop)
        yield start, end, text[start:stop], text[start:end]
        pos = max(stop, start + 1)  # as `pattern.finditer` goes on: from the name, a suffix may hold another


def _read_as_ascii(text: str) -> bool:
    """Whether `_Names` reads `text` as `pattern` does: ASCII text, or text whose other characters (a "§") are none
    the pattern takes for a letter of a name or a space, and each one character in lower case, a letter or digit
    in lower case as it is (`_inert`). A security agreement's one paragraph citing "UCC § 9-312" compiled its
    5,000 purchasers' names as one pattern, for that paragraph alone."""
    return text.isascii() or all(_inert(c) for c in set(text) if not c.isascii())


_ASCII_ALIKE = re.compile(r"[\x00-\x7f]", re.IGNORECASE)  # what matches an ASCII character in any case: "K" (Kelvin), "ſ"


@lru_cache(maxsize=4096)
def _inert(character: str) -> bool:
    """True for a character (not ASCII) that no name's letter matches in any case, no space, and that stays one
    character in lower case, a letter or digit as it was: where the pattern reads it, `_Names` reads it alike."""
    low = character.lower()
    return (
        len(low) == 1 and not low.isascii() and not character.isspace() and not low.isspace()
        and low.isalnum() == character.isalnum() and _ASCII_ALIKE.match(character) is None
        and _ASCII_ALIKE.match(low) is None
    )


_ASCII_SPACING = ("  ", *"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")  # in ASCII text, what `_SPACING` finds: two spaces, or a
# space other than " " (what `\s` matches there)


def _spaced_otherwise(text: str) -> bool:
    """`_SPACING.search(text)` for ASCII text: each looked for with `in`, many times quicker than the pattern."""
    return any(spacing in text for spacing in _ASCII_SPACING)


def _found(low: str, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of the longest of `keys` at each place of `low` where one is found, not followed by a letter,
    digit or "_", in order: what the keys as a pattern (longest first, then `(?![\\w])`) find there."""
    longest: dict[int, int] = {}
    for key in keys:
        start = low.find(key)
        while start >= 0:
            end = start + len(key)
            if _ends_word(low, end) and longest.get(start, -1) < end:
                longest[start] = end
            start = low.find(key, start + 1)
    return sorted(longest.items())


def _found_spaced(low: str, find: Callable[[str], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """What `find` finds in text whose words may be spaced by tabs, line breaks or several spaces: each run of them
    read as one space, as `\\s+` between a name's words reads it."""
    pieces: list[str] = []
    origin: list[int] = []  # where each character of the text as read stands in `low`
    last = 0
    for space in _SPACING.finditer(low):
        pieces += (low[last : space.start()], " ")
        origin += range(last, space.start() + 1)
        last = space.end()
    pieces.append(low[last:])
    origin += range(last, len(low))
    return [(origin[start], origin[end - 1] + 1) for start, end in find("".join(pieces))]


def _end_with_suffix(text: str, end: int) -> int:
    """Where a name ending at `end` ends with the corporate suffix that follows it, if one does."""
    suffix = _SUFFIX_AT.match(text, end)
    return suffix.end() if suffix else end


# What follows a party's name where a definition introduces it: ", a Delaware corporation ("Warren")".
_DEFINED_AFTER = re.compile(r'\s*,?\s*(?:an?\s+[^()"]{0,80}?)?\(\s*(?:the\s+|each,?\s+)?"')
_NEXT_WORD = re.compile(r"\s+([A-Z][\w'-]*)")


def _two_ways(
    outline: Outline, how: str, spellings: tuple[str, str], where: Para, para: Para, span: tuple[int, int], uses: int
) -> Finding:
    """DD210: `spellings[0]`, used `uses` times from `span` of `para`, against the usual `spellings[1]` (at `where`)."""
    also = f" (and in {uses - 1} more place{'s' if uses > 2 else ''})" if uses > 1 else ""
    return warning(
        "DD210",
        f"{quote(spellings[0])} is {how} differently from {quote(spellings[1])} ({outline.where(where)}){also}: "
        f"{context(para.raw, *span)}",
        outline.at(para),
    )


_NOT_LETTERS = re.compile(r"[\W_]+")


@lru_cache(maxsize=16384)  # a name's words repeat ("Capital", "Partners", "LLC")
def _letters(text: str) -> str:
    """The letters and digits of `text`, folded: what two spellings of one name share."""
    return _NOT_LETTERS.sub("", text.casefold())


def _punctuated(outline: Outline, entities: list[tuple[Para, re.Match[str]]]) -> Iterator[Finding]:
    """DD210: a company's name and suffix written with the same letters and other punctuation or spacing.

    A name run into the words before it ("Managing Director MADISON DEARBORN ... L.P." in a flattened
    signature block) is read as its longest tail that is written alone elsewhere."""
    starts: set[str] | None = None  # the defined terms' first words (two, three, ...), read when asked
    wholes = []
    for para, match in entities:
        after = _NEXT_WORD.match(para.text, match.end())
        if after is not None and starts is None:
            starts = {" ".join(w[:n]) for w in map(str.split, outline.terms.known) for n in range(2, len(w) + 1)}
        if after is None or " ".join(match.group().split() + [after.group(1)]) not in starts:
            wholes.append((para, match.group().strip(), match.start() + len(match.group()) - len(match.group().lstrip())))
    letters = [_letters(whole) for _, whole, _ in wholes]
    known = set(letters)
    defined: set[str] = set()  # spellings a party definition introduces: the party's own
    forms: dict[str, dict[str, list[tuple[Para, str, int]]]] = {}  # letters -> spelling (any case) -> uses
    for (para, whole, start), folded in zip(wholes, letters):
        words = whole.split(" ")
        # the longest tail first; a name has two words before its suffix ("UK Limited" of "Huntsman P&A UK
        # Limited" is no name of its own, to read "Venator Pigments (UK) Limited" as): a name of four words or more
        keys = [_letters(word) for word in words] if len(words) > 3 else []
        for cut in range(1, len(words) - 2):
            if "".join(keys[cut:]) in known:
                tail = " ".join(words[cut:])
                start, whole = start + len(whole) - len(tail), tail
                folded = _letters(whole)
                break
        spelling = " ".join(whole.split()).casefold()
        forms.setdefault(folded, {}).setdefault(spelling, []).append((para, whole, start))
        if _DEFINED_AFTER.match(para.text, start + len(whole)):
            defined.add(spelling)
    for spellings in forms.values():
        if len(spellings) < 2:
            continue
        # the spelling a definition introduces, else the one the document uses most (the first, on a tie)
        usual = max(spellings, key=lambda f: (f in defined, len(spellings[f]), -spellings[f][0][0].number))
        where, seen, _ = spellings[usual][0]
        for form, uses in spellings.items():
            if form == usual:
                continue
            para, whole, start = uses[0]
            shown = (" ".join(whole.split()), " ".join(seen.split()))
            yield _two_ways(outline, "punctuated", shown, where, para, (start, start + len(whole)), len(uses))


# Suffixes whose letters are in capitals, or some of them: "inc." and "S.à r.L." are each a suffix miswritten.
_CASED_SUFFIXES = tuple(s for s in _ALL_SUFFIXES if "." in s and any(c.isupper() for c in s) and len(s) <= 9)
# After a space (quick to look for), in lower case: the text is lowered to find them in any case.
_SUFFIX_LOWERED = re.compile(r" (?P<suffix>" + trie_pattern({s.lower() for s in _CASED_SUFFIXES}) + r")(?!\w)")
_SUFFIX_ANY_CASE = re.compile(_SUFFIX_LOWERED.pattern, re.IGNORECASE)  # for text that lowering lengthens
_CANONICAL = {s.casefold(): s for s in _CASED_SUFFIXES}


def _suffix_cases(outline: Outline) -> Iterator[Finding]:
    """DD210: a corporate suffix written in a case of its own ("CADIZ inc.", "Holding Company S.à r.L.",
    "polaris parent corp."), neither as the document writes it elsewhere nor in capitals; once a spelling."""
    exact: dict[str, Para] = {}  # a suffix as it should be written -> where the document first writes it so
    capitals: dict[str, Para] = {}  # ... and in capitals
    odd: list[tuple[Para, str, tuple[int, int], str]] = []  # (where, as written, its span, as it should be)
    for para in outline.paras:
        if "." not in para.text:
            continue
        text = para.text
        low = text.lower()
        found = _SUFFIX_LOWERED.finditer(low) if len(low) == len(text) else _SUFFIX_ANY_CASE.finditer(text)
        for match in found:
            at = match.start() - (text[match.start() - 1 : match.start()] == ",")
            if at < 1 or not (text[at - 1].isalnum() or text[at - 1] == ")"):
                continue  # a suffix follows a name ("Cadiz inc.", "Partners, l.p."), not a full stop or a bracket
            written = text[match.start("suffix") : match.end("suffix")]
            usual = _CANONICAL.get(written.casefold(), written)
            if written == usual:
                exact.setdefault(usual, para)
            elif written == usual.upper():
                capitals.setdefault(usual, para)
            else:
                odd.append((para, written, (match.start("suffix"), match.end("suffix")), usual))
    first = {**capitals, **exact}  # where it is written so (in capitals only, failing that)
    said: set[str] = set()
    for para, written, span, usual in odd:
        if usual not in first or written in said:
            continue
        said.add(written)
        yield _two_ways(outline, "capitalized", (written, usual), first[usual], para, span, 1)




def _variants(word: str) -> Iterator[str]:
    """`word` and `word` with each of its letters left out: two words share one of these when one letter
    added, left out or changed makes one the other (an index, not a comparison of every two words)."""
    yield word
    for at in range(len(word)):
        yield word[:at] + "\0" + word[at + 1 :]  # changed
        yield word[:at] + word[at + 1 :]  # left out (or, read from the longer word, added)


def _inflected(one: str, other: str) -> bool:
    """True when one word is the other inflected: "Lender"/"Lenders", "Party"/"Parties", "Date"/"Dated"."""
    short, long = sorted((one, other), key=len)
    return long in (short + "s", short + "es", short + "d", short + "ed", short + "r", short[:-1] + "ies")


def _body_text(outline: Outline) -> tuple[str, list[int], list[Para]]:
    """The body's paragraphs (not the table of contents) joined by newlines, where each starts in it, and them:
    the patterns below read a document in one pass, and the few places reported are looked up after."""
    paras = [p for p in outline.paras if p.story == "body" and not p.contents]
    starts, at = [], 0
    for para in paras:
        starts.append(at)
        at += len(para.text) + 1
    return "\n".join(p.text for p in paras), starts, paras


def _place(body: tuple[str, list[int], list[Para]], at: int) -> tuple[Para, int]:
    """The paragraph of the joined body text holding offset `at`, and the offset within it."""
    _, starts, paras = body
    k = bisect.bisect_right(starts, at) - 1
    return paras[k], at - starts[k]


def _misspelled(outline: Outline, body: tuple[str, list[int], list[Para]], runs: Counter[str]) -> Iterator[Finding]:
    """DD210: a name of two capitalized words written once with a letter added, left out or changed in its
    second word ("Arvind Guranani" in a notice block, "Arvind Gurnani" ten times; "the United Stated Internal
    Revenue Code"): two words used twice or more each are two names ("Conversion Date", "Conversion Rate").
    The pairs are read in the runs of capitalized words (`_capital_runs`); only those used once are looked at
    one by one."""
    counts: Counter[tuple[str, str]] = Counter()
    for run, n in runs.items():  # each spelling of a run once
        for pair in _pairs_in(run):
            counts[pair] += n
    index: dict[tuple[str, str], set[str]] = {}  # (first word, a variant of the second) -> the second words
    once = {first for (first, _), count in counts.items() if count == 1}  # first words of a pair used once
    for (first, second), count in counts.items():
        if count >= 2 and first in once:  # the names as they should be: used twice or more
            for variant in set(_variants(second)):
                index.setdefault((first, variant), set()).add(second)
    firsts = {first for first, _ in index}
    companies: dict[tuple[str, str], set[str]] | None = None  # read when a name and its plural are both used
    for (first, second), count in counts.items():
        if count != 1 or first not in firsts:
            continue
        near = {other for variant in set(_variants(second)) for other in index.get((first, variant), ())} - {second}
        # "Lender"/"Lenders" are one word inflected; "Pinecrest Robotic, Inc."/"Pinecrest Robotics, Inc." two names of
        # one company (not "Summit Holding, LLC" and "Summit Holdings, Inc.", two: a code review)
        if companies is None:
            companies = _companies(body[0])
        usual = [other for other in near
                 if not _inflected(second, other) or companies.get((first, second), set()) & companies.get((first, other), set())]
        if not usual:
            continue
        best = max(usual, key=lambda other: counts[(first, other)])
        odd = re.search(rf"(?<![\w'-]){first}[ ]+{second}(?![\w'-])", body[0])
        once = re.search(rf"(?<![\w'-]){first}[ ]+{best}(?![\w'-])", body[0])
        if odd is None or once is None:
            continue
        para, start = _place(body, odd.start())
        where, _ = _place(body, once.start())
        span = (start, start + odd.end() - odd.start())
        yield _two_ways(outline, "spelled", (f"{first} {second}", f"{first} {best}"), where, para, span, 1)


def _first_word_slipped(outline: Outline, body: tuple[str, list[int], list[Para]], runs: Counter[str]) -> Iterator[Finding]:
    """DD210: a name of three words or more written once with a letter added, left out or changed in its first word,
    and twice or more as it should be ("Quary Lane Fund, LLC" in a notice block, "Quarry Lane Fund, LLC" elsewhere:
    a new user's trial). A name of two words ("Mary Smith", "Mark Smith") may be two people's, and is left alone."""
    def named(run: str) -> tuple[str, str] | None:  # its first word and the words after it, when a name of 3 words+
        first, _, rest = run.partition(" ")
        return (first, rest) if rest.count(" ") >= 1 and len(run) <= _LONGEST_NAME and first.isalpha() and len(first) >= 4 else None

    once: dict[str, list[str]] = {}  # the words after the first -> the names written once (few: read first)
    for run, n in runs.items():
        if n == 1 and (parts := named(run)):
            once.setdefault(parts[1], []).append(run)
    index: dict[tuple[str, str], list[str]] = {}  # (a variant of the first word, the words after it) -> the names
    for run, n in runs.items() if once else ():
        if n >= 2 and (parts := named(run)) and parts[1] in once:
            for variant in set(_variants(parts[0])):
                index.setdefault((variant, parts[1]), []).append(run)
    for run in [run for names in once.values() for run in names] if index else ():
        first, _, rest = run.partition(" ")
        near = {other for variant in set(_variants(first)) for other in index.get((variant, rest), ())} - {run}
        usual = [other for other in near if other.split(" ", 1)[0].lower() != first.lower()
                 and not _inflected(first, other.split(" ", 1)[0])]
        odd = re.search(rf"(?<![\w'-]){re.escape(run)}(?![\w'-])", body[0]) if usual else None
        if odd is None:
            continue
        best = max(usual, key=lambda other: (runs[other], other))
        para, start = _place(body, odd.start())
        where, _ = _place(body, body[0].find(best))
        yield _two_ways(outline, "spelled", (run, best), where, para, (start, start + len(run)), 1)


def _companies(text: str) -> dict[tuple[str, str], set[str]]:
    """Each name of two words a corporate suffix follows in `text` ("Pinecrest Robotics, Inc."), with its suffixes'
    letters ("inc"): read in one pass (a code review: each name looked for again was quadratic)."""
    found: dict[tuple[str, str], set[str]] = {}
    for match in _COMPANY_NAME.finditer(text):
        found.setdefault((match[1], match[2]), set()).add(re.sub(r"[^a-z]", "", match[3].lower()))
    return found


_COMPANY_NAME = re.compile(rf"(?<![\w'-])([A-Z][a-z]+)[ ]+([A-Z][a-z]+)(,?\s+(?:{CORPORATE_SUFFIX_PATTERN}))(?![A-Za-z])")


@lru_cache(maxsize=16384)
def _pairs_in(run: str) -> tuple[tuple[str, str], ...]:
    """The pairs of capitalized words in a run that may be a name of two words (`_misspelled`), its words split
    (quicker than a pattern)."""
    pairs = []
    previous = ""  # the word before, when it may start a name
    for word in run.split(" "):
        comma = word.endswith(",")  # "Pinecrest Robotics, Inc.": the name's last word, then its suffix
        if word.endswith((".", ",")) and word[:-1].isalpha():
            word = word[:-1]  # "sale of Placement Shares.": the last word, without its full stop
        plain = word.isalpha() and word[0].isupper() and word[1:].islower()
        if previous and plain and len(word) >= 4:
            pairs.append((previous, word))
        previous = word if plain and len(word) >= 3 and word.lower() not in FUNCTION_WORDS and not comma else ""
    return tuple(pairs)


# A run of two capitalized words or more, in any case, with commas, "and", "&", "of" between them: a person's
# name, a fund's, a law firm's ("Mintz, Levin, Cohn, Ferris, Glovsky and Popeo, P.C."). A word ending a sentence
# ends it. Each starts with its capital, then checks what stands before it: the engine looks for capitals only.
_CAPITAL_RUN = re.compile(
    r"[A-Z](?<![\w'.-][A-Z])[\w'&-]*(?:\.(?=[\w,]|[ ]+(?:[a-z]|[A-Z][\w'-]*\.))[\w.]*)?"
    r"(?:(?:,?[ ]+|[ ]+(?:and|&|of|the)[ ]+)[A-Z][\w'&-]*(?:\.(?=[\w,]|[ ]+[a-z])[\w.]*|\.(?=\s*$))?)+",
    re.MULTILINE,  # "$": a paragraph's end, in the joined text
)


def _capital_runs(body: tuple[str, list[int], list[Para]]) -> Counter[str]:
    """Each run of capitalized words (`_CAPITAL_RUN`) in the body, as written, and how many times, for both checks
    below. A run never crosses a paragraph's end: the runs of the body are those of its paragraphs, each read once."""
    runs: Counter[str] = Counter()
    for para in body[2]:
        runs.update(_capital_runs_in(para.text))
    return runs


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _capital_runs_in(text: str) -> tuple[str, ...]:
    return tuple(clause for run in _CAPITAL_RUN.findall(text) for clause in _clauses(run))


def _clauses(run: str) -> list[str]:
    """A run cut where a comma stands between a word and itself: "To the Knowledge of PlayBox, PlayBox has filed"
    ends a clause at the comma, and no name runs on across it (a held-out agreement's DD210 took the two for one
    name, and "To the Knowledge of PlayBox" for it with a word left out)."""
    if ", " not in run:
        return [run]
    pieces = run.split(", ")
    clauses = [pieces[0]]
    for piece in pieces[1:]:
        if clauses[-1].rsplit(" ", 1)[-1] == piece.split(" ", 1)[0]:
            clauses.append(piece)
        else:
            clauses[-1] += ", " + piece
    return clauses
_LONGEST_NAME = 120  # characters: a longer run of capitalized words is many names, or a heading
_NAME_JOINERS = frozenset(("and", "&", "of", "the"))
_NAME_SUFFIXES = frozenset(s.lower().strip(".") for s in _ALL_SUFFIXES) | frozenset(
    s.lower().replace(".", "") for s in _ALL_SUFFIXES
)


_NAME_TOKEN = re.compile(r"[^\s,]+")


@lru_cache(maxsize=16384)
def _name_words(name: str) -> tuple[tuple[str, ...], int]:
    """A name's words in lower case, up to the corporate suffix that ends it and without it (what its spellings
    share), and where in `name` it ends (after its suffix: ", Boston" is not part of "Mintz ..., P.C.")."""
    words: list[str] = []
    for token in _NAME_TOKEN.finditer(name):
        word = token.group().lower().strip(".")
        if word in _NAME_SUFFIXES and words:
            return tuple(words), token.end()
        words.append(word)
    return tuple(words), len(name)


def _word_left_out(outline: Outline, body: tuple[str, list[int], list[Para]], runs: Counter[str]) -> Iterator[Finding]:
    """DD210: a name of three words or more written once without one of its inner words, and twice or more
    with it ("SPHERA HEALTHCARE MASTER FUND" for "Sphera Global Healthcare Master Fund"; "Mintz, Levin, Cohn,
    Glovsky and Popeo" for "Mintz, Levin, Cohn, Ferris, Glovsky and Popeo"). The head word left out is another
    name ("LINCOLN PARK CAPITAL, LLC", the manager of "LINCOLN PARK CAPITAL FUND, LLC"); a defined term's
    slips are DD203's. The runs are counted in one pass; each spelling is read once."""
    uses: dict[tuple[str, ...], list[str]] = {}  # a name's words -> its spellings (as run), most used first
    count: Counter[tuple[str, ...]] = Counter()
    for run, n in runs.most_common():
        if len(run) > _LONGEST_NAME or run.count(" ") < 2:
            continue  # a paragraph in capitals, or a list of names run together (no one name); or two words
        words, length = _name_words(run)
        if sum(w not in _NAME_JOINERS for w in words) >= 3:
            uses.setdefault(words, []).append(run[:length])
            count[words] += n
    known = {term.lower() for term in outline.terms.known}
    shortened: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # a name without one inner word -> the names
    for words in uses:
        if count[words] >= 2 and len(words) >= 4 and " ".join(words) not in known:
            for k in range(1, len(words) - 1):
                if words[k] not in _NAME_JOINERS:
                    shortened.setdefault(words[:k] + words[k + 1 :], []).append(words)
    for words, spellings in uses.items():
        longer = shortened.get(words) if count[words] == 1 and " ".join(words) not in known else None
        if not longer:
            continue
        full = max(longer, key=lambda w: count[w])
        odd, usual = body[0].find(spellings[0]), body[0].find(uses[full][0])
        para, at = _place(body, odd)
        where, start = _place(body, usual)
        to, end = at + len(spellings[0]), start + len(uses[full][0])
        k = next(k for k, w in enumerate(full) if k >= len(words) or words[k] != w)
        missing = next((w for w in where.raw[start:end].replace(",", " ").split() if w.lower().strip(".,") == full[k]), full[k])
        yield warning(
            "DD210",
            f"{quote(para.raw[at:to])} is written without a word of {quote(where.raw[start:end])} ("
            f'{outline.where(where)}, and {count[full] - 1} more): "{missing}" is left out: {context(para.raw, at, to)}',
            outline.at(para),
        )


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _named_in(text: str) -> tuple[tuple[re.Match[str], ...], tuple[str, ...]]:
    """The company names `text` writes (`_ENTITY`), and the names it gives a party (`_PARTY`, a function word
    leading none)."""
    entities = tuple(_ENTITY.finditer(text)) if _ENTITY_HINT.search(text) else ()
    parties = tuple(match["name"] for match in _PARTY.finditer(text) if match["name"].split()[0].lower() not in FUNCTION_WORDS
                    ) if _PARTY_HINT.search(text) else ()
    return entities, parties


def _first(text: str, words: str) -> tuple[int, int]:
    """Where `words` first stand in `text`, in any case of their first letter and any spaces between them; (0, 0)
    when nowhere."""
    rest = r"\s+".join(map(re.escape, words[1:].split(" ")))
    match = re.search(rf"\b[{words[0]}{words[0].upper()}]{rest}\b", text)
    return match.span() if match else (0, 0)


def check(outline: Outline) -> Iterator[Finding]:
    """DD210 on the whole document: each later spelling of a name against its first."""
    for name, para, usual, often in outline.terms.miscalled:
        where = context(para.raw, *_first(para.text, f"this {name}"))
        yield warning("DD210", f'the document calls itself "this {name}" here and "this {usual}" everywhere else '
                               f"({often} times): a sentence left from another document?: {where}", outline.at(para))
    yield from _suffix_cases(outline)
    body = _body_text(outline)
    runs = _capital_runs(body)
    yield from _misspelled(outline, body, runs)
    yield from _first_word_slipped(outline, body, runs)
    yield from _word_left_out(outline, body, runs)
    names: set[str] = set()
    entities: list[tuple[Para, re.Match[str]]] = []
    for para in outline.paras:
        entities_named, parties_named = _named_in(para.text)
        for match in entities_named:
            name = match["name"].strip()
            if name.split()[0].lower() not in FUNCTION_WORDS:
                entities.append((para, match))
            head, of, rest = name.partition(" of ")
            if of and rest and head in outline.terms.known:
                name = rest  # "Common Stock of Orgenesis Inc.": a defined term of the company, then its name
            if not name.isupper() and name.split()[0].lower() not in FUNCTION_WORDS:
                names.add(name)
        names.update(parties_named)
    yield from _punctuated(outline, entities)
    if not names:
        return
    keys = {" ".join(n.split()).casefold() for n in names}
    ascii_names = all(k.isascii() for k in keys)
    # The names only; the suffix after them is matched apart (`_SUFFIX_AT`). `pattern` reads the text `_Names`
    # cannot (not ASCII), compiled only when a paragraph needs it: in most documents none does (`_uses`).
    pattern = _Lazy(lambda: rf"(?<![\w'.-])(?P<base>{_alternatives(keys)})(?![\w])", re.IGNORECASE)
    spellings: dict[str, dict[str, list[tuple[str, Para, int, int]]]] = {}  # name -> base -> uses
    found_by = _Names(keys) if ascii_names else None
    for para in outline.paras:
        for start, end, found, whole in _uses(pattern, found_by, para.text):
            if _in_one_case(found):
                continue
            base = " ".join(found.split())
            uses = spellings.setdefault(base.casefold(), {}).setdefault(base, [])
            uses.append((" ".join(whole.split()), para, start, end))
    for forms in spellings.values():
        if len(forms) < 2:
            continue
        # The spelling the document uses most (the first, on a tie) is its own; each other is reported once.
        usual = max(forms, key=lambda base: (len(forms[base]), -forms[base][0][1].number))
        seen, where, _, _ = forms[usual][0]
        for base, uses in forms.items():
            if base == usual or _institution_styled(usual, base, uses[0][0]):
                continue
            spelling, para, start, end = uses[0]
            yield _two_ways(outline, "capitalized", (spelling, seen), where, para, (start, end), len(uses))


def _alternatives(keys: set[str]) -> str:
    """The names as alternatives of a pattern, a name's words spaced by any spaces: for ASCII names a trie, which
    prefers what the list of the others does (the longest first)."""
    if all(k.isascii() for k in keys):
        return trie_pattern(keys, space=r"\s+")
    return "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(keys, key=len, reverse=True))


def _in_one_case(text: str) -> bool:
    """Whether every letter of `text` is a capital, or every one is small (a text without letters is both)."""
    if text.isascii():  # quick: no letter a case changes
        return text == text.upper() or text == text.lower()
    letters = [c for c in text if c.isalpha()]
    return all(c.isupper() for c in letters) or all(c.islower() for c in letters)


_COMPANY_SUFFIX = re.compile(rf",?\s+(?:{CORPORATE_SUFFIX_PATTERN})\s*$")


def _institution_styled(one: str, other: str, whole: str) -> bool:
    """True when two spellings of an institution's name (no corporate suffix: an exchange, an agency) differ only
    in words one of them writes in capitals: "The NASDAQ Global Market", "The Nasdaq Global Market". A company's
    name ("ROO Group, Inc." for "Roo Group, Inc.") is the party's own, and is reported."""
    if _COMPANY_SUFFIX.search(whole):
        return False
    differing = [(a, b) for a, b in zip(one.split(), other.split()) if a != b]
    return bool(differing) and all(len(a) > 1 and (a.isupper() or b.isupper()) for a, b in differing)
