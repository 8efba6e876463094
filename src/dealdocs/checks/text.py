"""Checks on the text of Word documents that need no term sheet (codes DD2xx).

They read any agreement, including ones dealdocs did not make, as a list of
paragraphs (see `dealdocs.ooxml.text`), and report `Finding`s located by
document name and 1-based paragraph number, quoting the words at fault.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD200 | error    | the file cannot be read as a Word (.docx) document |
| DD201 | error    | words and figures disagree: "ten (15) days", "One Million Dollars ($1,100,000.00)", "ten percent (12%)" |
| DD202 | error    | unrendered or empty template output: `{{`, `}}`, `{%`, `%}`, a stray `None`, `[●]`, `[•]`, `[*]`, `()`, `("")`, a "$" with no amount |
| DD203 | error    | a capitalized term used as a defined term but defined nowhere in the document |
| DD204 | warning  | a term defined twice in the same instrument |
| DD205 | warning  | a defined term used before the paragraph that defines it |
| DD206 | error    | a cross-reference to a section, article or clause the document does not have (a missing exhibit or schedule is a warning) |
| DD207 | error    | an enumeration with a gap or a repeat: (a), (b), (d); a., b., d.; sections 1.1, 1.2, 1.4 |
| DD208 | warning  | a doubled word: "the the" |
| DD209 | error    | a well-known statute cited with the wrong year: "Securities Act of 1993" |
| DD210 | warning  | a party's name capitalized two ways: "ROO Group, Inc." and "Roo Group, Inc." |
| DD211 | error    | the document's own date stated two ways: "made as of October 20, 2005" but "dated as of October ____, 2005" |

How each reads the text, and what it deliberately leaves alone:

- Instruments. An exhibit, schedule or annex heading ("Exhibit A to Escrow
  Agreement", "EXHIBIT B") starts a new instrument within the document (the
  release notice attached to an escrow agreement is signed on its own).
  Definitions, use-before-definition and section numbering are judged within
  one instrument; a term defined in any of them counts as defined for DD203.
- Defined terms are those introduced in parentheses, `(the "Company")`,
  `("Petty")`, `(each a "Purchaser" and together the "Purchasers")`,
  `(hereinafter the "Closing Date")`, straight or curly quotes; those of a
  definitions section (`"Business Day" means ...`); those borrowed by name
  (`Purchase Price (as defined in the Purchase Agreement)`); and the
  instrument's own name (its title, and "this Agreement", "this Note"). The
  plural and singular of a defined term count as the term.
- DD203 flags a capitalized word that stands alone (not part of a longer
  capitalized name) and either follows "the", "such", "each", "said", "any"...
  or is joined to a defined term under one article ("the Maker and Holder"),
  or is a common noun the document also writes in lower case ("holder"). A
  run of capitalized words is flagged only when it is used with an article at
  least twice and has no mark of a proper name (an acronym, "of"/"and" inside
  it, a place such as "New York", a corporate suffix). Sentence openings,
  section captions, signature-block labels, quoted text, all-capitals words
  and a few proper nouns (months, "Internet", "Federal") are never flagged.
  An instrument saying that capitalized terms not defined in it have the
  meanings given in another agreement borrows that agreement's definitions:
  DD203 is then silent for it, since the other agreement is not at hand.
- DD206 checks "Section 2.14", "Sections 3.1 and 3.2", "Article IV",
  "Exhibit A" and "clause (ii)" against the document's own numbering, exhibit
  headings and list markers. A reference followed by "of"/"to"/"under" the
  name of another document ("Article IV of the Purchase Agreement", "Section
  4(2) of the Act") points elsewhere and is not checked. An exhibit or
  schedule referred to but not attached is a warning, not an error: a deal's
  exhibits are often separate files of the same closing set (the promissory
  note that a note purchase agreement attaches as its Exhibit A), and
  disclosure schedules are routinely delivered apart, so its absence from one
  file is a thing to confirm rather than a defect in the text.
- DD207 allows a list to restart at its first marker ("clause (i), (ii) or
  (iii)" after an (i)-(iii) list), reads (i) as a letter after (h) and as a
  roman numeral otherwise, and does not treat references ("clause (ii)",
  "Section 2.1(a)") or figures ("five (5)") as list items.
- DD208 skips doubles that are English ("that that", "had had") and a word
  that ends one line of an address or wire block and begins the next label
  ("IOLA Account / Account No.:").
- DD210 compares the names that carry a corporate suffix (Inc., LLC, LLP,
  Ltd., N.A.) or that a party definition introduces; all-capitals forms
  (signature blocks, titles) are not a different spelling.
- DD211 takes the document's own date from its opening ("is made as of
  October 20, 2005", "made as of this 18th day of May 2005") and compares
  every later "the <its name>, dated as of ..." or "this Agreement as of ..."
  with it; a blank ("October ____, 2005") is a different date. Blanks
  elsewhere ("Name: ______", the date a notice is delivered) are intended.

All patterns are compiled once; each check makes a bounded number of passes
over each paragraph, so the whole run is linear in the document's size.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from dealdocs.findings import Finding, Location, error, warning
from dealdocs.words import parse_amount_words, parse_number_words, parse_percent_words

__all__ = ["check_paragraphs", "lint_files"]

# ------------------------------------------------------------------ the text

# One character for one character, so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
        "\u2010": "-", "\u2011": "-",
    }
)  # fmt: skip

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH = "|".join(_MONTHS)
_FUNCTION_WORDS = frozenset(
    """the this that these those such each any all no every said upon if in on at by for from to
    with within without under unless until when whenever where while after before as except
    notwithstanding neither either both once its their his her our your and or but nor so because
    since although though whereas now a an it there here provided subject pursuant""".split()
)
_DETERMINERS = frozenset(
    "the this that these those such each any every said no its their his her either neither".split()
)
# Capitalized mid-sentence in good drafting without being defined terms.
_PROPER_WORDS = frozenset(
    _MONTHS
    + "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Internet Web Federal English God".split()
    + "Nasdaq Dollars Dollar State States Commonwealth".split()
    # structural words: "such Section", "this Article" (a number, when there is one, is checked by DD206)
    + "Section Sections Article Articles Exhibit Exhibits Schedule Schedules Annex Appendix Clause".split()
    # officers, capitalized by convention: "signed by its President and Secretary"
    + "President Secretary Treasurer Chairman Chairperson Chairwoman Controller".split()
)
# The last word of a capitalized name that is a statute, an institution or an office, not a defined term.
_PROPER_HEADS = frozenset(
    """Act Code Law Laws Rule Rules Regulation Regulations Commission Exchange Court Service Board Bureau
    Department Agency Reserve Market Association Authority Corporation Company Bank Trust Office Officer
    President Secretary Treasurer Director Chairman States Kingdom Nations University Street Avenue""".split()
)
_PLACE_WORDS = frozenset(
    """New York United States America American Delaware Nevada California Texas Florida Manhattan
    Borough County City State District Court Avenue Street Road Suite Floor Plaza""".split()
)
_CORPORATE_SUFFIX = (
    r"Inc\.|Incorporated|Corp\.|Corporation|Co\.|L\.L\.C\.|LLC|LLP|L\.L\.P\.|L\.P\.|LP|Ltd\.|Limited"
    r"|N\.A\.|plc|P\.C\.|P\.A\.|GmbH|S\.A\.|AG|N\.V\.|B\.V\."
)


@dataclass
class _Para:
    number: int  # 1-based, as the finding reports it
    raw: str  # as the document has it (quoted in messages)
    text: str  # folded: straight quotes, plain spaces, ASCII hyphens; same length as raw
    part: int  # which instrument: 0 the main one, then one per exhibit heading
    heading: bool  # a title, heading or signature-block label, not running text
    exhibit: tuple[str, str] | None = None  # ("exhibit", "A") when this heads an exhibit


@dataclass
class _Doc:
    name: str
    paras: list[_Para]
    parts: dict[int, list[_Para]] = field(default_factory=dict)

    def at(self, para: _Para) -> Location:
        return Location(document=self.name, paragraph=para.number)


def _quote(text: str, limit: int = 90) -> str:
    """`text` with its whitespace collapsed, cut to about `limit` characters, in double quotes."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return f'"{text}"'


def _context(para: _Para, start: int, end: int, around: int = 30) -> str:
    """The words around `start:end` in the paragraph, cut at word boundaries, quoted."""
    left = max(0, start - around)
    right = min(len(para.raw), end + around)
    while left > 0 and not para.raw[left - 1].isspace():
        left -= 1
    while right < len(para.raw) and not para.raw[right].isspace():
        right += 1
    snippet = para.raw[left:right]
    return _quote(("\u2026" if left > 0 else "") + snippet + ("\u2026" if right < len(para.raw) else ""), 120)


_EXHIBIT_HEADING = re.compile(
    r"\s*(?P<kind>EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\s+"
    r"(?P<id>[A-Z]{1,2}|\d{1,3})(?:-\d+)?(?!\w|\.\d)[.:]?(?P<rest>.*)"
)


def _exhibit_heading(text: str) -> tuple[str, str] | None:
    """("exhibit", "A") when `text` is a heading such as "Exhibit A to Escrow Agreement"."""
    if len(text) > 100:
        return None
    match = _EXHIBIT_HEADING.fullmatch(text)
    if not match:
        return None
    rest = match["rest"]
    # Only capitalized words and a few small words may follow: not a sentence about the exhibit.
    for word in re.findall(r"[A-Za-z][\w'-]*", rest):
        if word[0].islower() and word not in ("to", "of", "the", "and", "for", "a", "an"):
            return None
    return match["kind"].lower(), match["id"].upper()


_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())
_SECTION_PREFIX = re.compile(r"\s*(?:(?:ARTICLE|Article|SECTION|Section)\s+[\dIVXLC]+\.?|\d+(?:\.\d+)*\.?)\s+")


def _is_heading(text: str) -> bool:
    """A title, heading, bracketed note or signature label, not running text.

    Mostly capitals ("ROO GROUP, INC.:"), in brackets ("[Signature Page Follows]"),
    or a short line of capitalized words ("7. Governing Law", "Robert Petty").
    """
    bare = text.strip()
    if not bare or len(bare) > 150:
        return False
    letters = [c for c in bare if c.isalpha()]
    if len(letters) < 2:
        return True
    if sum(c.isupper() for c in letters) / len(letters) >= 0.85:
        return True
    if bare.startswith("[") and bare.endswith("]"):
        return True
    words = re.findall(r"[A-Za-z][\w'-]*", bare[_SECTION_PREFIX.match(bare).end() if _SECTION_PREFIX.match(bare) else 0 :])
    return 0 < len(words) <= 12 and not bare.endswith((";", ",")) and all(
        w[0].isupper() or w in _SMALL_WORDS for w in words
    )


def _document(name: str, paragraphs: list[str]) -> _Doc:
    paras: list[_Para] = []
    part = 0
    for number, raw in enumerate(paragraphs, 1):
        raw = raw if isinstance(raw, str) else str(raw)
        text = raw.translate(_FOLD)
        exhibit = _exhibit_heading(text.strip())
        if exhibit:
            part += 1
        paras.append(_Para(number, raw, text, part, bool(exhibit) or _is_heading(text), exhibit))
    doc = _Doc(name, paras)
    for para in paras:
        doc.parts.setdefault(para.part, []).append(para)
    return doc


# ------------------------------------------------------------------ DD201 words and figures

_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion""".split()
)
_FRACTION_WORDS = frozenset(
    """half halves quarter quarters third thirds fourth fourths fifth fifths sixth sixths seventh
    sevenths eighth eighths ninth ninths tenth tenths hundredth hundredths thousandth thousandths""".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|(?:\d{1,2}|[Nn][Oo])\s*/\s*100|\S")
_FIGURE_AFTER_WORDS = re.compile(
    r"\(\s*(?P<cur>(?:U\.?S\.?\s*)?\$)?\s*(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<pct>%)?\s*\)"
)
_WORDS_AFTER_FIGURE = re.compile(
    r"(?P<fig>(?:U\.?S\.?\s*)?\$\s*\d[\d,]*(?:\.\d+)?|(?<![\w.,$])\d[\d,]*(?:\.\d+)?\s*%|(?<![\w.,$])\d[\d,]*)"
    r"\s*\(\s*(?P<words>[A-Za-z][A-Za-z ,-]{0,150}?(?:\s+and\s+(?:\d{1,2}|[Nn]o)\s*/\s*100\s+[A-Za-z]+)?)\s*\)"
)
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w-]*)")


def _is_number_token(token: str) -> bool:
    return all(part in _NUMBER_WORDS for part in token.lower().split("-"))


def _is_fraction_token(token: str) -> bool:
    parts = token.lower().split("-")
    return parts[-1] in _FRACTION_WORDS and all(p in _NUMBER_WORDS or p in _FRACTION_WORDS or p == "a" for p in parts)


def _word_run(prefix: str, allowed) -> list[re.Match[str]]:
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
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


def _amount_allowed(token: str) -> bool:
    low = token.lower().replace(" ", "")
    return (
        _is_number_token(token)
        or low in ("and", "dollar", "dollars", "cent", "cents")
        or bool(re.fullmatch(r"(?:\d{1,2}|no)/100", low))
    )


def _percent_allowed(token: str) -> bool:
    low = token.lower()
    return _is_number_token(token) or _is_fraction_token(token) or low in ("and", "of", "a", "percent", "per", "cent")


def _count_allowed(token: str) -> bool:
    return _is_number_token(token) or token.lower() == "and"


def _longest_reading(prefix: str, run: list[re.Match[str]], parse, suffix: str = ""):
    """Parse the longest tail of `run` (starting at a number word) that `parse` reads; (value, start)."""
    for token in run:
        if not (_is_number_token(token.group()) or _is_fraction_token(token.group())):
            continue
        value = parse(prefix[token.start():] + suffix)
        if value is not None:
            return value, token.start()
    return None, None


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def _plain(value: Decimal) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_words_and_figures(doc: _Doc) -> Iterator[Finding]:
    for para in doc.paras:
        text = para.text
        if "(" not in text:
            continue
        for match in _FIGURE_AFTER_WORDS.finditer(text):
            found = _words_before_figure(doc, para, match)
            if found:
                yield found
        for match in _WORDS_AFTER_FIGURE.finditer(text):
            found = _figure_before_words(doc, para, match)
            if found:
                yield found


def _words_before_figure(doc: _Doc, para: _Para, match: re.Match[str]) -> Finding | None:
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
        value, start = _longest_reading(prefix, _word_run(prefix, _percent_allowed), parse_percent_words)
        said, shown = (f"{_plain(value)}%" if value is not None else ""), f"{_plain(figure)}%"
    elif _is_number_token(last):
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
    return error(
        "DD201",
        f"{_quote(phrase)}: the words say {said}, the figure says {shown}",
        doc.at(para),
    )


def _figure_before_words(doc: _Doc, para: _Para, match: re.Match[str]) -> Finding | None:
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
    return error(
        "DD201",
        f"{_quote(para.raw[match.start():match.end()])}: the words say {said}, the figure says {shown}",
        doc.at(para),
    )


# ------------------------------------------------------------------ DD202 template leftovers

_TEMPLATE = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}|\{#.{0,80}?#\}|\{\{|\}\}|\{%|%\}")
# "None" is English when it heads a clause ("None of the Purchasers shall ..."); anywhere else it is
# a value the template did not have ("payable to None and ...", "the sum of None Dollars").
_NONE = re.compile(
    r"\bNone\b(?!\s+(?:of|shall|will|is|are|was|were|has|have|had|may|can|could|would|should|must|need|other|"
    r"such|thereof|hereof)\b)"
)
_PLACEHOLDER = re.compile(r"\[\s*[●•*]+\s*\]")
_EMPTY = re.compile(r"\(\s*\)|\(\s*(?:the\s+|a\s+|an\s+|each\s+)?\"\s*\"\s*\)|\"\"")
_BARE_DOLLAR = re.compile(r"\$(?!\s*(?:\d|\.\d|_|\[|\{))")


def _check_template_leftovers(doc: _Doc) -> Iterator[Finding]:
    """One finding per paragraph and kind of leftover, quoting the first and counting the rest."""
    for para in doc.paras:
        text = para.text
        kinds: list[tuple[str, list[re.Match[str]]]] = [
            ("template code left in the text", list(_TEMPLATE.finditer(text))),
            ('"None" stands where a value should be', [] if text.strip() in ("None", "None.") else list(_NONE.finditer(text))),
            ("a placeholder is left unfilled", list(_PLACEHOLDER.finditer(text))),
            ("empty parentheses or quotation marks: a value is missing", list(_EMPTY.finditer(text))),
            ('a "$" with no amount after it', list(_BARE_DOLLAR.finditer(text))),
        ]
        for what, matches in kinds:
            if not matches:
                continue
            first = matches[0]
            more = f" (and {len(matches) - 1} more in this paragraph)" if len(matches) > 1 else ""
            yield error("DD202", f"{what}: {_context(para, first.start(), first.end())}{more}", doc.at(para))


# ------------------------------------------------------------------ defined terms

_PAREN = re.compile(r"\(([^()]{1,400})\)")
_QUOTED = re.compile(r'"([^"]{1,100})"')
_DEF_GLUE = re.compile(r"[a-z,;:\s]{0,60}")
_MEANS = re.compile(
    r'"(?P<term>[A-Z0-9][^"]{0,99})"\s*(?:,\s*)?(?:shall\s+)?(?:means?|mean|has\s+the\s+meaning|have\s+the\s+meaning|'
    r"shall\s+have\s+the\s+meaning|refers?\s+to|includes?|is\s+defined)\b"
)
_CAP_RUN = r"(?:[A-Z][\w'-]*\s+){0,5}[A-Z][\w'-]*"
_BY_REFERENCE = re.compile(
    rf"(?P<term>{_CAP_RUN})\s*\((?:as\s+)?(?:such\s+terms?\s+(?:is|are)\s+)?defined\s+(?:in|under|by)\s+(?!this\b|herein\b)"
)
# "(each as defined in the Indenture)", "(as such terms are defined in ...)": every capitalized
# name earlier in the sentence is borrowed.
_BY_REFERENCE_EACH = re.compile(
    r"\((?:each|all|both|in\s+each\s+case),?\s+(?:as\s+)?(?:such\s+terms?\s+(?:is|are)\s+)?defined\s+(?:in|under|by)\s+(?!this\b|herein\b)"
    r"|\(as\s+such\s+terms\s+are\s+defined\s+(?:in|under|by)\s+(?!this\b|herein\b)"
)
# "Closing (as hereinafter defined)", "Purchase Price (defined below)", "Exercise Price, as defined in Section 2(b)".
_FORWARD_MARK = re.compile(
    r"\s*(?:\(|,\s*)(?:as\s+)?(?:hereinafter\s+defined|defined\s+(?:below|hereinafter|herein|in\s+Section))"
)
_SELF_REFERENCE = re.compile(r"\b[Tt]his\s+((?:[A-Z][a-z][\w'-]*\s+){0,3}[A-Z][a-z][\w'-]*)")
_DIGIT_NEXT = re.compile(r"\s+\d")
_SELF_DEFINITION = re.compile(r'\(\s*this\s+"([^"]{1,60})"\s*\)')
_INCORPORATION = re.compile(
    r"capitali[sz]ed\s+terms\b[^.]{0,160}?\b(?:not\s+(?:otherwise\s+)?defined|without\s+definition|undefined)\b"
    r"[^.]{0,160}?\bmeanings?\b",
    re.IGNORECASE,
)


class _Spans:
    """Sorted, non-overlapping character spans (quotations, references) and a fast membership test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def __contains__(self, position: int) -> bool:
        k = bisect.bisect_right(self.starts, position) - 1
        return k >= 0 and position < self.spans[k][1]


@dataclass
class _Definition:
    term: str
    para: _Para
    start: int
    inline: bool = True  # introduced in running text ("(the Company)"), not a definitions-section entry


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s'") else word


def _variants(term: str) -> set[str]:
    """The term with its last word in singular and plural form."""
    head, _, last = term.rpartition(" ")
    base = f"{head} " if head else ""
    forms = {last}
    if len(last) > 3 and last.endswith("ies"):
        forms.add(last[:-3] + "y")
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        forms.add(last[:-1])
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    elif last.endswith(("s", "x", "ch", "sh")):
        forms.add(last + "es")
    else:
        forms.add(last + "s")
    return {base + form for form in forms if form}


def _definitions(para: _Para) -> Iterator[_Definition]:
    """The terms this paragraph defines, in order."""
    text = para.text
    for paren in _PAREN.finditer(text):
        inside, offset = paren.group(1), paren.start(1)
        position = 0
        for quoted in _QUOTED.finditer(inside):
            glue = inside[position : quoted.start()]
            if not _DEF_GLUE.fullmatch(glue):
                break
            term = " ".join(quoted.group(1).split())
            if term and (term[0].isupper() or term[0].isdigit()) and len(term.split()) <= 8:
                yield _Definition(term, para, offset + quoted.start())
            position = quoted.end()
    for match in _MEANS.finditer(text):
        term = " ".join(match["term"].split())
        if len(term.split()) <= 8:
            yield _Definition(term, para, match.start(), inline=False)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie: one pass, no backtracking over every word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches, optional = [], "" in node
        for char in sorted(k for k in node if k):
            branches.append(re.escape(char) + emit(node[char]))
        if not branches:
            return ""
        if len(branches) == 1 and not optional:
            return branches[0]
        body = f"(?:{'|'.join(branches)})"
        return f"{body}?" if optional else body

    return emit(trie)


@dataclass
class _Terms:
    """What a document defines, and where."""

    explicit: list[_Definition]
    known: set[str]  # every spelling that counts as defined, variants included
    canonical: dict[str, str]  # spelling -> the term as first defined
    incorporating_parts: set[int]  # instruments that borrow another agreement's definitions
    self_names: set[str]  # the document's names for itself ("Agreement", "Escrow Agreement")
    pattern: re.Pattern[str] | None  # finds any known spelling


_FILING_LABEL = re.compile(r"(?i:exhibit)\s+\d+\.\d+")


def _title(doc: _Doc) -> str | None:
    """The document's title, in title case ("Escrow Agreement"), when it opens with one."""
    for para in doc.parts.get(0, []):
        bare = para.text.strip()
        if not bare or _FILING_LABEL.fullmatch(bare):
            continue
        if para.heading and not bare.startswith("[") and len(bare) <= 80:
            return " ".join(w.capitalize() for w in re.findall(r"[A-Za-z][\w'-]*", bare)) or None
        return None
    return None


def _collect_terms(doc: _Doc) -> _Terms:
    explicit: list[_Definition] = []
    implicit: set[str] = set()
    incorporating: set[int] = set()
    self_names: set[str] = set()
    title = _title(doc)
    if title:
        self_names.update({title, title.split()[-1]})
    for para in doc.paras:
        text = para.text
        explicit.extend(_definitions(para))
        for match in _BY_REFERENCE.finditer(text):
            implicit.add(_drop_leading_function_word(match["term"]))
        for match in _BY_REFERENCE_EACH.finditer(text):
            sentence = re.split(r"[.;:]\s", text[max(0, match.start() - 300) : match.start()])[-1]
            implicit.update(m.group() for m in re.finditer(_CAP_RUN, sentence))
        for match in _SELF_REFERENCE.finditer(text):
            name = _strip_possessive(match.group(1))
            if not _DIGIT_NEXT.match(text, match.end()):
                implicit.add(name)
                if para.part == 0:
                    self_names.add(name)
        for match in _SELF_DEFINITION.finditer(text):
            if para.part == 0:
                self_names.add(match.group(1))
        if _INCORPORATION.search(text):
            incorporating.add(para.part)
    implicit |= self_names
    canonical: dict[str, str] = {}
    for term in [d.term for d in explicit] + sorted(implicit):
        for form in _variants(term) | {term}:
            canonical.setdefault(form, term)
    pattern = None
    if canonical:
        pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{trie_pattern(canonical)})(?![A-Za-z0-9])")
    return _Terms(explicit, set(canonical), canonical, incorporating, self_names, pattern)


def _drop_leading_function_word(run: str) -> str:
    words = run.split()
    while len(words) > 1 and words[0].lower() in _FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words)


def _check_duplicate_definitions(doc: _Doc, terms: _Terms) -> Iterator[Finding]:
    first: dict[tuple[int, str], _Definition] = {}
    for definition in terms.explicit:
        key = (definition.para.part, definition.term)
        if key not in first:
            first[key] = definition
            continue
        earlier = first[key]
        where = "earlier in this paragraph" if earlier.para is definition.para else f"in paragraph {earlier.para.number}"
        yield warning(
            "DD204",
            f'"{definition.term}" is defined again here; it is already defined {where}',
            doc.at(definition.para),
        )


_QUOTE_SPAN = re.compile(r'"[^"]{0,100}"')
_CAPTION = re.compile(
    r"\s*(?:(?:Section\s+)?\d+(?:\.\d+)*\.?\s+|\(?[A-Za-z0-9]{1,4}[.)]\s+)?"
    r"(?P<caption>[A-Z][\w'-]*(?:[ ,;&]+(?:[A-Z][\w'-]*|and|or|of|the|for|to|in|on|by|with|a|an))*)\.(?=\s|$)"
)


def _caption_end(text: str) -> int:
    """Where a leading caption ("4.1 Due Organization and Qualification.") ends, or 0."""
    match = _CAPTION.match(text)
    if not match or len(match["caption"].split()) > 10:
        return 0
    return match.end()


def _check_use_before_definition(doc: _Doc, terms: _Terms) -> Iterator[Finding]:
    if terms.pattern is None:
        return
    # A definitions section is there to be looked things up in: a term it defines may be used
    # anywhere, before it too ("Affiliate" means any Person ...; "Person" means ...).
    listed = {(d.para.part, d.term) for d in terms.explicit if not d.inline}
    defined_at: dict[tuple[int, str], _Para] = {}
    for definition in terms.explicit:
        if (definition.para.part, definition.term) not in listed:
            defined_at.setdefault((definition.para.part, definition.term), definition.para)
    reported: set[tuple[int, str]] = set()
    announced: set[tuple[int, str]] = set()
    for para in doc.paras:
        if para.heading or not para.text.strip():
            continue
        text = para.text
        quoted = _Spans(m.span() for m in _QUOTE_SPAN.finditer(text))
        skip_to = _caption_end(text)
        for match in terms.pattern.finditer(text, skip_to):
            term = terms.canonical[match.group()]
            key = (para.part, term)
            home = defined_at.get(key)
            if home is None or home.number <= para.number or key in reported or key in announced:
                continue
            if match.start() in quoted or _inside_longer_name(text, match.start()):
                continue
            if _FORWARD_MARK.match(text, match.end()):
                announced.add(key)
                continue
            reported.add(key)
            yield warning(
                "DD205",
                f'"{match.group()}" is used here before it is defined in paragraph {home.number}: '
                f"{_context(para, match.start(), match.end())}",
                doc.at(para),
            )


def _inside_longer_name(text: str, start: int) -> bool:
    """True when the word before `start` is a capitalized word of the same name ("Common Stock Purchase Agreement")."""
    before = re.search(r"([A-Za-z][\w'-]*)\s+$", text[max(0, start - 40) : start])
    if not before:
        return False
    word = before.group(1)
    return word[0].isupper() and word.lower() not in _FUNCTION_WORDS


# ------------------------------------------------------------------ DD203 undefined terms

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_CONNECTORS = frozenset(("of", "and", "for", "the", "&", "de", "du", "or"))
_LEAD_MARKER = re.compile(r"\s*(?:\(?(?:[A-Za-z0-9]{1,5}|([A-Za-z])\1{5,})[.)]|\d+(?:\.\d+)*\.?)\s*[\"'(\[]?\s*")


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at `start` opens the paragraph, a sentence or a list item."""
    before = text[max(0, start - 20) : start].rstrip().rstrip("\"'([").rstrip()
    if not before and start <= 20:
        return True
    if before.endswith((".", "!", "?", ":")):
        return True
    return start <= 20 and bool(_LEAD_MARKER.fullmatch(text[:start]))


_IDENTIFIER_NEXT = re.compile(r"\s+(?:\d|[A-Z]\b|[IVXLC]+\b|[A-Z]-?\d)")
_SUFFIX_NEXT = re.compile(rf",?\s+(?:{_CORPORATE_SUFFIX})(?![\w])")
_SIGNATURE = re.compile(r"^\s*(?:By|Name|Title|Date|Dated|Address|Attn|Attention|Its)\s*:|_{3,}|/s/")


@dataclass
class _Run:
    words: list[str]
    start: int
    end: int
    determiner: bool
    compound: bool


def _runs(para: _Para, start_at: int, quoted: _Spans) -> Iterator[_Run]:
    """Runs of capitalized words in running text, with whether an article or the like governs them."""
    text = para.text
    tokens = [m for m in _WORD.finditer(text, start_at) if m.start() not in quoted]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.group()
        if not word[0].isupper():
            i += 1
            continue
        j = i + 1
        members = [word]
        compound = False
        while j < len(tokens):
            gap = text[tokens[j - 1].end() : tokens[j].start()]
            nxt = tokens[j].group()
            if gap.isspace() and nxt[0].isupper():
                members.append(nxt)
                j += 1
                continue
            if re.fullmatch(r"\s+&\s+", gap) and nxt[0].isupper():
                members += ["&", nxt]
                compound = True
                j += 1
                continue
            if (
                gap.isspace()
                and nxt in _CONNECTORS
                and j + 1 < len(tokens)
                and text[tokens[j].end() : tokens[j + 1].start()].isspace()
            ):
                # "of the State": let "the" pass between connector and capital.
                k = j + 1
                if tokens[k].group() == "the" and k + 1 < len(tokens):
                    k += 1
                if tokens[k].group()[0].isupper():
                    members += [tokens[m].group() for m in range(j, k + 1)]
                    compound = True
                    j = k + 1
                    continue
            break
        run_start, run_end = token.start(), tokens[j - 1].end()
        previous = re.search(r"([A-Za-z]+)\s+$", text[max(0, run_start - 30) : run_start])
        determiner = bool(previous and previous.group(1) in _DETERMINERS)
        if _starts_sentence(text, run_start):
            first = members[0]
            determiner = determiner or first.lower() in _DETERMINERS
            members = members[1:]
            if members and members[0] in _CONNECTORS:
                members = []
            run_start = tokens[i + 1].start() if members else run_end
        if members:
            yield _Run(members, run_start, run_end, determiner, compound)
        i = j


def _conjuncts(words: list[str]) -> list[list[str]]:
    """["Maker", "and", "the", "Holder"] -> [["Maker"], ["Holder"]]: the names joined by "and"/"or"."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word in ("and", "or"):
            parts.append([])
        elif word != "the" or parts[-1]:
            parts[-1].append(word)
    return [p for p in parts if p]


def _check_undefined_terms(doc: _Doc, terms: _Terms) -> Iterator[Finding]:
    lowercase = {m.group() for para in doc.paras for m in _WORD.finditer(para.text) if m.group().islower()}

    def defined(words: list[str]) -> bool:
        phrase = _strip_possessive(" ".join(words))
        return phrase in terms.known

    single: dict[str, tuple[_Para, int, int, str]] = {}
    counts: Counter[str] = Counter()
    multi: dict[str, tuple[_Para, int, int]] = {}
    for para in doc.paras:
        if para.heading or para.part in terms.incorporating_parts or not para.text.strip():
            continue
        text = para.text
        if _SIGNATURE.search(text):
            continue
        quoted = _Spans(m.span() for m in _QUOTE_SPAN.finditer(text))
        for run in _runs(para, _caption_end(text), quoted):
            if _IDENTIFIER_NEXT.match(text, run.end) or _SUFFIX_NEXT.match(text, run.end) or text.startswith(":", run.end):
                continue
            if text[max(0, run.start - 10) : run.start].rstrip().endswith(":") or _BY_REFERENCE.match(text, run.start):
                continue
            words = [_strip_possessive(w) for w in run.words]
            if defined(words):
                continue
            if run.compound:
                groups = _conjuncts(words)
                if len(groups) < 2 or not any(defined(g) for g in groups):
                    continue  # a proper name: "Securities and Exchange Commission"
                candidates = [g for g in groups if not defined(g) and len(g) == 1 and "of" not in g]
            else:
                candidates = [words]
            for candidate in candidates:
                if len(candidate) == 1:
                    word = candidate[0]
                    if len(word) < 2 or word.isupper() or word in _PROPER_WORDS or word in _CONNECTORS:
                        continue
                    common = word.lower() in lowercase
                    if not (run.determiner or common):
                        continue
                    reason = f' (elsewhere the document writes "{word.lower()}" in lower case)' if common else ""
                    single.setdefault(word, (para, run.start, run.end, reason))
                else:
                    if not run.determiner or candidate[-1] in _PROPER_HEADS:
                        continue
                    if any(w.isupper() or w in _PLACE_WORDS or w == "&" for w in candidate):
                        continue
                    if defined(candidate[:1]) or defined(candidate[-1:]) or defined(candidate[1:]) or defined(candidate[:-1]):
                        continue
                    phrase = " ".join(candidate)
                    counts[phrase] += 1
                    multi.setdefault(phrase, (para, run.start, run.end))
    for word, (para, start, end, reason) in single.items():
        yield error(
            "DD203",
            f'"{word}" is used as a defined term but the document never defines it{reason}: {_context(para, start, end)}',
            doc.at(para),
        )
    for phrase, (para, start, end) in multi.items():
        if counts[phrase] >= 2:
            yield error(
                "DD203",
                f'"{phrase}" is used as a defined term ({counts[phrase]} times) but the document never defines it: '
                f"{_context(para, start, end)}",
                doc.at(para),
            )


# ------------------------------------------------------------------ numbering: sections, articles, lists

_ROMAN_VALUES = {}
for _n in range(1, 40):
    _r, _rest = "", _n
    for _v, _s in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while _rest >= _v:
            _r, _rest = _r + _s, _rest - _v
    _ROMAN_VALUES[_r] = _n
_ROMAN_NAMES = {v: k for k, v in _ROMAN_VALUES.items()}


def _roman_value(text: str) -> int | None:
    """I..XXXIX in either case, or a larger one written canonically (up to 3999)."""
    low = text.lower()
    if low in _ROMAN_VALUES:
        return _ROMAN_VALUES[low]
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    if not low or any(c not in values for c in low):
        return None
    total = 0
    for k, c in enumerate(low):
        v = values[c]
        total += -v if k + 1 < len(low) and values[low[k + 1]] > v else v
    return total if 0 < total < 4000 and _to_roman(total) == low else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= v:
            out, n = out + s, n - v
    return out


_TOP_SECTION = re.compile(r"\s*(\d{1,3})\.\s+(\S.*)")
_SUB_SECTION = re.compile(r"\s*(?:Section\s+|SECTION\s+)?(\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=[A-Z(\"])")
_SECTION_WORD = re.compile(r"\s*(?:Section|SECTION)\s+(\d{1,3})\.?\s+(?=[A-Z(\"])")
_ARTICLE = re.compile(r"\s*(?:ARTICLE|Article)\s+([IVXLC]+|\d{1,3})\b\.?")


def _section_number(para: _Para) -> tuple[str, tuple[int, ...]] | None:
    """("article", (4,)) or ("section", (2, 14)) when the paragraph opens a numbered part."""
    text = para.text
    article = _ARTICLE.match(text)
    if article and len(text.strip()) <= 80:
        token = article.group(1)
        value = int(token) if token.isdigit() else _roman_value(token)
        return ("article", (value,)) if value else None
    sub = _SUB_SECTION.match(text)
    if sub:
        return "section", tuple(int(n) for n in sub.group(1).split("."))
    word = _SECTION_WORD.match(text)
    if word:
        return "section", (int(word.group(1)),)
    top = _TOP_SECTION.match(text)
    if top:
        # "4. REPRESENTATIONS AND WARRANTIES. ..." or "7. Governing Law." open a section;
        # "2. The Shares have been duly authorized." is an item of a numbered list.
        caption = re.split(r"\.(?:\s|$)", top.group(2), maxsplit=1)[0]
        words = re.findall(r"[A-Za-z][\w'-]*", caption)
        first_caps = bool(words) and words[0].isupper() and len(words[0]) > 1
        title = 0 < len(words) <= 10 and all(w[0].isupper() or w in _SMALL_WORDS for w in words)
        if first_caps or title:
            return "section", (int(top.group(1)),)
    return None


@dataclass
class _Numbering:
    sections: set[tuple[int, ...]] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)
    markers: set[str] = field(default_factory=set)  # list markers used as items: "(ii)", "c."


def _label(tuple_: tuple[int, ...]) -> str:
    return ".".join(map(str, tuple_))


def _check_section_numbering(doc: _Doc, numbering: dict[int, _Numbering]) -> Iterator[Finding]:
    for part, paras in doc.parts.items():
        seen: set[tuple[int, ...]] = set()
        last: dict[tuple[int, ...], int] = {}
        info = numbering.setdefault(part, _Numbering())
        for para in paras:
            found = _section_number(para)
            if not found:
                continue
            kind, number = found
            if kind == "article":
                info.articles.add(number[0])
            if number in seen:
                yield error("DD207", f"section {_label(number)} is numbered twice: {_quote(para.raw, 60)}", doc.at(para))
                continue
            for depth in range(1, len(number) + 1):
                prefix = number[:depth]
                if prefix in seen:
                    continue
                parent, value = prefix[:-1], prefix[-1]
                expected = last.get(parent, 0) + 1
                if value > expected:
                    missing = [_label(parent + (n,)) for n in range(expected, value)]
                    came = _label(parent + (expected - 1,)) if expected > 1 else "the start"
                    yield error(
                        "DD207",
                        f"the numbering jumps from {came} to {_label(prefix)}: "
                        f"{', '.join(missing[:5])}{'...' if len(missing) > 5 else ''} "
                        f"{'is' if len(missing) == 1 else 'are'} missing ({_quote(para.raw, 60)})",
                        doc.at(para),
                    )
                elif value < expected:
                    yield error(
                        "DD207",
                        f"section {_label(prefix)} comes after {_label(parent + (expected - 1,))}: "
                        f"the numbering runs backwards ({_quote(para.raw, 60)})",
                        doc.at(para),
                    )
                last[parent] = max(last.get(parent, 0), value)
                seen.add(prefix)
            info.sections.update(number[:d] for d in range(1, len(number) + 1))


_INLINE_MARKER = re.compile(
    r"(?<![\w)(\[])\((?P<m>[a-zA-Z]{1,5}|\d{1,2})\)"
    r"(?=\s+(?!(?:and|or|of|above|below|hereof|hereto|herein|through|to)\b)[\w\"$(])"
)
_PARAGRAPH_MARKER = re.compile(r"\s*(?:\((?P<p>[a-zA-Z]{1,5}|\d{1,2}|(?P<same>[a-zA-Z])(?P=same){5,})\)|(?P<d>[a-zA-Z]{1,5}|\d{1,2})\))\s+\S|\s*(?P<dot>[a-zA-Z]{1,5})\.\s+\S")
_REFERENCE_SPAN = re.compile(
    r"\b(?:clauses?|sub-?clauses?|subsections?|paragraphs?|subparagraphs?|items?)\s+"
    r"\([a-zA-Z0-9]{1,5}\)(?:\s*(?:,|and/or|and|or|through|to)\s*(?:and\s+|or\s+)?\([a-zA-Z0-9]{1,5}\))*",
    re.IGNORECASE,
)


def _interpretations(token: str) -> list[tuple[str, int]]:
    """How a list marker can be read: [("lower-alpha", 9), ("lower-roman", 1)] for "i"."""
    if token.isdigit():
        return [("digit", int(token))]
    if token.islower():
        case = "lower"
    elif token.isupper():
        case = "upper"
    else:
        return []
    low = token.lower()
    readings: list[tuple[str, int]] = []
    if len(low) == 1:
        readings.append((f"{case}-alpha", ord(low) - 96))
    elif len(set(low)) == 1:
        readings.append((f"{case}-alpha", 26 * (len(low) - 1) + ord(low[0]) - 96))  # (aa), (bb) after (z); (aaa) after (zz)
    if low in _ROMAN_VALUES:
        readings.append((f"{case}-roman", _ROMAN_VALUES[low]))
    return readings


def _marker_text(style: str, value: int, form: str) -> str:
    if style == "digit":
        body = str(value)
    elif style.endswith("alpha"):
        body = chr(96 + value) if value <= 26 else chr(70 + value) * 2
    else:
        body = _ROMAN_NAMES.get(value, str(value))
    if style.startswith("upper"):
        body = body.upper()
    return f"({body})" if form == "paren" else f"{body}."


class _ListTracker:
    """Follows list markers in order and reports a gap or a repeat within one run of a list."""

    def __init__(self) -> None:
        self.runs: dict[tuple[str, str], int] = {}  # (style, form) -> last value

    def reset(self) -> None:
        self.runs.clear()

    def see(self, token: str, form: str) -> str | None:
        readings = _interpretations(token)
        if not readings:
            return None
        for style, value in readings:  # the next marker of a list under way
            if self.runs.get((style, form)) == value - 1:
                self.runs[(style, form)] = value
                return None
        for style, value in readings:  # a list starting (or starting again)
            if value == 1:
                self.runs[(style, form)] = 1
                return None
        for style, value in readings:  # a list under way, out of step
            key = (style, form)
            if key in self.runs:
                last = self.runs[key]
                self.runs[key] = value
                shown, was = _marker_text(style, value, form), _marker_text(style, last, form)
                if value > last + 1:
                    missing = [_marker_text(style, n, form) for n in range(last + 1, value)]
                    gone = ", ".join(f'"{m}"' for m in missing[:4]) + ("..." if len(missing) > 4 else "")
                    return f'the list goes from "{was}" to "{shown}": {gone} {"is" if len(missing) == 1 else "are"} missing'
                if value == last:
                    return f'"{shown}" appears twice in a row in the list'
                return f'the list goes back from "{was}" to "{shown}": "{shown}" is repeated'
        style, value = readings[0]
        self.runs[(style, form)] = value  # a list we join midway (a reference, or a continuation)
        return None


def _is_figure(text: str, start: int) -> bool:
    """True when "(5)" at `start` is the figure of "five (5)", not a list item."""
    before = re.search(r"([A-Za-z]+(?:-[A-Za-z]+)*)\s*$", text[max(0, start - 30) : start])
    return bool(before and (_is_number_token(before.group(1)) or before.group(1).lower() == "percent"))


def _check_lists(doc: _Doc, numbering: dict[int, _Numbering]) -> Iterator[Finding]:
    for part, paras in doc.parts.items():
        info = numbering.setdefault(part, _Numbering())
        paragraph_lists = _ListTracker()
        for para in paras:
            text = para.text
            if para.heading or _section_number(para):
                paragraph_lists.reset()
            lead = _PARAGRAPH_MARKER.match(text)
            body_from = 0
            if lead:
                token = lead["p"] or lead["d"] or lead["dot"]
                form = "dot" if lead["dot"] else "paren"
                if not (form == "dot" and (token.isdigit() or len(token) > 1 and token.lower() not in _ROMAN_VALUES)):
                    info.markers.add(f"({token})" if form == "paren" else f"{token}.")
                    problem = paragraph_lists.see(token, form)
                    if problem:
                        yield error("DD207", f"{problem} ({_quote(para.raw, 60)})", doc.at(para))
                    body_from = lead.end() - 1
            if "(" not in text[body_from:]:
                continue
            references = _Spans(m.span() for m in _REFERENCE_SPAN.finditer(text))
            inline = _ListTracker()
            for match in _INLINE_MARKER.finditer(text, body_from):
                if match.start() in references or _is_figure(text, match.start()):
                    continue
                info.markers.add(match.group())
                problem = inline.see(match["m"], "paren")
                if problem:
                    yield error("DD207", f"{problem}: {_context(para, match.start(), match.end(), 60)}", doc.at(para))


# ------------------------------------------------------------------ DD206 cross-references

_NUM = r"\d{1,3}(?:\.\d{1,3})*[A-Z]?(?:\([a-zA-Z0-9]{1,5}\))*(?![\w]|\.\d)"
_LIST_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|through\s+|to\s+|-\s*|\u2013\s*)"
_SECTION_REF = re.compile(rf"\b(?P<kind>Sections?)\s+(?P<list>{_NUM}(?:{_LIST_JOIN}{_NUM})*)")
_STATUTE_BEFORE = re.compile(r"(?:Act|Code|Law|Laws|Regulations?|Rules?|Treasury)\s*$")
_ARTICLE_REF = re.compile(r"\b(?P<kind>Articles?)\s+(?P<list>(?:[IVXLC]+|\d{1,3})\b(?:" + _LIST_JOIN + r"(?:[IVXLC]+|\d{1,3})\b)*)")
_EXHIBIT_REF = re.compile(
    r"\b(?P<kind>Exhibits?|Schedules?|Annex(?:es)?|Appendix|Appendices)\s+"
    r"(?P<list>(?:[A-Z]{1,2}|\d{1,3})(?:-\d+)?(?!\w|\.\d)(?:" + _LIST_JOIN + r"(?:[A-Z]{1,2}|\d{1,3})(?:-\d+)?(?!\w|\.\d))*)"
)
_CLAUSE_REF = re.compile(
    r"\bclauses?\s+(?P<list>\([a-zA-Z0-9]{1,5}\)(?:\s*(?:,|and/or|and|or|through|to)\s*(?:and\s+|or\s+)?\([a-zA-Z0-9]{1,5}\))*)"
)
_ELSEWHERE = re.compile(
    r"\s*,?\s*(?:of|to|in|under)\s+(?:the\s+|such\s+|that\s+|any\s+|an?\s+|each\s+)?(?P<name>(?:[A-Z0-9][\w'.-]*\s*){1,6})"
)


_ELSEWHERE_COMMON = re.compile(r"\s*(?:of|to|in|under)\s+(?:the|such|that|any|each)\s+[a-z]")
_WITHIN_ANOTHER = re.compile(r"\s+(?:of|in)\s+(?:Section|Article|the|this|such|that)\b")


def _points_elsewhere(text: str, end: int, self_names: set[str]) -> bool:
    """True when the reference ending at `end` names another document ("of the Purchase Agreement")."""
    match = _ELSEWHERE.match(text, end)
    if not match:
        return bool(_ELSEWHERE_COMMON.match(text, end))
    name = " ".join(_strip_possessive(w) for w in match["name"].split())
    return not any(name == own or name.startswith(own + " ") for own in self_names)


def _unresolved_references(
    text: str, info: _Numbering, sections: set[tuple[int, ...]], attached: set, self_names: set[str]
) -> Iterator[tuple[re.Match[str], str, bool]]:
    """(reference, what it names, whether that is an attachment) for each thing the document lacks."""
    for match in _SECTION_REF.finditer(text):
        if _points_elsewhere(text, match.end(), self_names) or _STATUTE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        listed = re.sub(r"\([^)]*\)", "", match["list"])
        for number in re.findall(r"\d{1,3}(?:\.\d{1,3})*", listed):  # "409A" is checked as 409
            if tuple(int(n) for n in number.split(".")) not in sections:
                yield match, f"Section {number}", False
    for match in _ARTICLE_REF.finditer(text):
        if _points_elsewhere(text, match.end(), self_names):
            continue
        articles = info.articles or {s[0] for s in sections}
        for token in re.findall(r"[IVXLC]+|\d{1,3}", match["list"]):
            value = int(token) if token.isdigit() else _roman_value(token)
            if value and value not in articles:
                yield match, f"Article {token}", False
    for match in _EXHIBIT_REF.finditer(text):
        if _points_elsewhere(text, match.end(), self_names):
            continue
        kind = match["kind"].lower().rstrip("s")
        kind = {"annexe": "annex", "appendice": "appendix"}.get(kind, kind)
        for token in re.findall(r"[A-Z]{1,2}|\d{1,3}", match["list"]):
            if (kind, token) not in attached:
                yield match, f"{kind.capitalize()} {token}", True
    for match in _CLAUSE_REF.finditer(text):
        if _WITHIN_ANOTHER.match(text, match.end()):
            continue
        for marker in re.findall(r"\([a-zA-Z0-9]{1,5}\)", match["list"]):
            if marker not in info.markers:
                yield match, f"clause {marker}", False


def _check_cross_references(doc: _Doc, terms: _Terms, numbering: dict[int, _Numbering]) -> Iterator[Finding]:
    attached = {p.exhibit for p in doc.paras if p.exhibit}
    all_sections = set().union(*(n.sections for n in numbering.values())) if numbering else set()
    for para in doc.paras:
        if para.exhibit or not para.text.strip():
            continue
        info = numbering.get(para.part, _Numbering())
        found = _unresolved_references(para.text, info, info.sections or all_sections, attached, terms.self_names)
        for match, missing, attachment in found:
            context = _context(para, match.start(), match.end())
            if attachment:
                message = f"the text refers to {missing}, which is not attached to this document: {context}"
                yield warning("DD206", message, doc.at(para))
            else:
                yield error("DD206", f"the text refers to {missing}, which this document does not have: {context}", doc.at(para))


# ------------------------------------------------------------------ DD208 doubled words

_DOUBLED = re.compile(r"\b([A-Za-z]+)\s+(\1)\b", re.IGNORECASE)
_FINE_DOUBLES = frozenset(("that", "had", "is", "do", "bye", "so", "very", "no"))
_LABEL_AHEAD = re.compile(r"(?:\s+[A-Z][\w.]*){0,2}\s*:")


def _check_doubled_words(doc: _Doc) -> Iterator[Finding]:
    for para in doc.paras:
        text = para.text
        for match in _DOUBLED.finditer(text):
            word = match.group(1)
            if word.lower() in _FINE_DOUBLES or (len(word) == 1 and word != "a"):
                continue
            if _LABEL_AHEAD.match(text, match.end()):
                continue  # "IOLA Account" ends one line of a wire block, "Account No.:" starts the next
            yield warning(
                "DD208",
                f'{_quote(para.raw[match.start():match.end()])}: the word "{word}" is doubled: '
                f"{_context(para, match.start(), match.end())}",
                doc.at(para),
            )


# ------------------------------------------------------------------ DD209 statute years

_STATUTE_YEARS = {
    "Securities Act": {1933},
    "Securities Exchange Act": {1934},
    "Exchange Act": {1934},
    "Investment Company Act": {1940},
    "Investment Advisers Act": {1940},
    "Investment Advisors Act": {1940},
    "Trust Indenture Act": {1939},
    "Sarbanes-Oxley Act": {2002},
    "Employee Retirement Income Security Act": {1974},
}
_STATUTE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(_STATUTE_YEARS, key=len, reverse=True)) + r")\s+of\s+(\d{4})\b",
    re.IGNORECASE,  # legends cite them in capitals: "THE SECURITIES ACT OF 1933"
)
_STATUTE_NAMES = {name.casefold(): name for name in _STATUTE_YEARS}


def _check_statute_years(doc: _Doc) -> Iterator[Finding]:
    for para in doc.paras:
        for match in _STATUTE.finditer(para.text):
            name, year = _STATUTE_NAMES[" ".join(match.group(1).split()).casefold()], int(match.group(2))
            right = _STATUTE_YEARS[name]
            if year not in right:
                proper = "Securities Exchange Act" if name == "Exchange Act" else name
                yield error(
                    "DD209",
                    f"{_quote(para.raw[match.start():match.end()])}: the {proper} is of {min(right)}, not {year}",
                    doc.at(para),
                )


# ------------------------------------------------------------------ DD210 names capitalized two ways

_ENTITY = re.compile(
    r"(?<![\w&])(?P<name>[A-Z][A-Za-z0-9'.-]*(?:[ ]+(?:[A-Z0-9][A-Za-z0-9'.-]*|&|of)){0,8}?),?[ ]+"
    rf"(?:{_CORPORATE_SUFFIX})(?![A-Za-z])"
)
_PARTY = re.compile(r"(?P<name>(?:[A-Z][a-z][\w'-]*[ ]+){1,3}[A-Z][a-z][\w'-]*)\s*\((?:the\s+)?\"[^\"]{1,60}\"\)")


def _check_name_capitalization(doc: _Doc) -> Iterator[Finding]:
    names: set[str] = set()
    for para in doc.paras:
        for match in _ENTITY.finditer(para.text):
            name = match["name"].strip()
            if not name.isupper() and name.split()[0].lower() not in _FUNCTION_WORDS:
                names.add(name)
        for match in _PARTY.finditer(para.text):
            names.add(match["name"])
    if not names:
        return
    keys = {" ".join(n.split()).casefold() for n in names}
    alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(keys, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w])(?P<base>{alternatives})(?![\w])(?P<suffix>,?\s+(?:{_CORPORATE_SUFFIX})(?![A-Za-z]))?",
        re.IGNORECASE,
    )
    first: dict[str, tuple[str, str, _Para]] = {}  # name -> its first spelling, with and without suffix
    reported: set[tuple[str, int]] = set()
    for para in doc.paras:
        for match in pattern.finditer(para.text):
            spelling = " ".join(match.group().split())
            letters = [c for c in match["base"] if c.isalpha()]
            if all(c.isupper() for c in letters) or all(c.islower() for c in letters):
                continue
            base = " ".join(match["base"].split())
            key = base.casefold()
            if key not in first:
                first[key] = (spelling, base, para)
                continue
            seen, seen_base, where = first[key]
            if base != seen_base and (spelling, para.number) not in reported:
                reported.add((spelling, para.number))
                yield warning(
                    "DD210",
                    f'"{spelling}" is capitalized differently from "{seen}" (paragraph {where.number}): '
                    f"{_context(para, match.start(), match.end())}",
                    doc.at(para),
                )


# ------------------------------------------------------------------ DD211 the document's own date

_DAY = r"\d{1,2}(?:st|nd|rd|th)?|_+|\[[^\]]{0,5}\]"
_DATE = (
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}|_+|\[[^\]]{{0,5}}\])?\s*,?\s*(?P<y1>\d{{4}})"
    rf"|(?P<d2>{_DAY})\s+day\s+of\s+(?P<m2>{_MONTH}),?\s*(?P<y2>\d{{4}}))"
)
_OWN_DATE = re.compile(
    r"(?i:\b(?:made|dated|entered\s+into|executed))(?:\s+and\s+(?i:entered\s+into|effective))?\s+"
    r"(?i:as\s+of\s+|on\s+)?(?i:this\s+|the\s+)?" + _DATE
)


def _date_of(match: re.Match[str]) -> tuple[int, int | str, int]:
    """(month, day or "blank" or "none", year) from a `_DATE` match."""
    month = match["m1"] or match["m2"]
    day = match["d1"] if match["m1"] else match["d2"]
    year = match["y1"] or match["y2"]
    if day is None:
        day_value: int | str = "none"
    elif day[0].isdigit():
        day_value = int(re.match(r"\d+", day).group())
    else:
        day_value = "blank"
    return _MONTHS.index(month) + 1, day_value, int(year)


def _check_own_date(doc: _Doc, terms: _Terms) -> Iterator[Finding]:
    own = None
    opening = [p for p in doc.parts.get(0, []) if p.text.strip() and not p.heading][:5]
    for para in opening:
        match = _OWN_DATE.search(para.text)
        if match:
            own = (_date_of(match), para, match)
            break
    if own is None or not terms.self_names:
        return
    (month, day, year), home, home_match = own
    if day in ("blank", "none"):
        return
    names = "|".join(re.escape(n) for n in sorted(terms.self_names, key=len, reverse=True))
    statement = re.compile(
        rf"\b(?:the|this|This|The)\s+(?:{names})\b(?:\s*\([^)]{{0,80}}\))?,?\s+"
        rf"(?:(?i:dated|made|entered\s+into|executed)\s+(?:as\s+of\s+)?|as\s+of\s+)(?:this\s+|the\s+)?" + _DATE
    )
    stated = f"{_MONTHS[month - 1]} {day}, {year}"
    for para in doc.paras:
        for match in statement.finditer(para.text):
            if para is home and match.start() <= home_match.start() <= match.end():
                continue
            other_month, other_day, other_year = _date_of(match)
            same = (other_month, other_year) == (month, year) and other_day in (day, "none")
            if same:
                continue
            date_text = para.raw[match.start("m1") if match["m1"] else match.start("d2") : match.end()]
            yield error(
                "DD211",
                f"the document is dated {stated} (paragraph {home.number}), but here it is "
                f"{_quote(para.raw[match.start():match.end()])}"
                + (": the date is left blank" if other_day == "blank" else f": {_quote(date_text)} is another date"),
                doc.at(para),
            )


# ------------------------------------------------------------------ entry points


def check_paragraphs(document: str, paragraphs: list[str]) -> list[Finding]:
    """Every DD201-DD211 finding on a document given as its paragraphs, in paragraph order."""
    doc = _document(document, list(paragraphs))
    terms = _collect_terms(doc)
    numbering: dict[int, _Numbering] = {}
    findings: list[Finding] = []
    findings += _check_words_and_figures(doc)
    findings += _check_template_leftovers(doc)
    findings += _check_undefined_terms(doc, terms)
    findings += _check_duplicate_definitions(doc, terms)
    findings += _check_use_before_definition(doc, terms)
    findings += _check_section_numbering(doc, numbering)  # fills `numbering` for DD206
    findings += _check_lists(doc, numbering)  # adds the list markers
    findings += _check_cross_references(doc, terms, numbering)
    findings += _check_doubled_words(doc)
    findings += _check_statute_years(doc)
    findings += _check_name_capitalization(doc)
    findings += _check_own_date(doc, terms)
    return sorted(findings, key=lambda f: (f.location.paragraph or 0, f.code, f.message))


def lint_files(paths: Iterable[str | os.PathLike[str]]) -> list[Finding]:
    """Read each Word file and check its text; a file that cannot be read is a DD200 error."""
    from dealdocs.ooxml.text import paragraphs

    findings: list[Finding] = []
    for path in paths:
        name = os.fspath(path)
        try:
            texts = paragraphs(path)
        except Exception as exc:  # any failure to read is the file's problem, reported as such
            findings.append(
                error(
                    "DD200",
                    f"cannot read {name} as a Word (.docx) document ({type(exc).__name__}): "
                    "save it from Word as a .docx file and try again",
                    Location(document=name),
                )
            )
            continue
        findings += check_paragraphs(name, texts)
    return findings
