"""DD203-DD205: defined terms used but never defined, defined twice, used before their definition.

- DD203 flags a capitalized word that stands alone (not part of a longer
  capitalized name) and either follows "the", "such", "each", "said",
  "any"... or is joined to a defined term under one article ("the Maker and
  Holder"), or is a common noun the document also writes in lower case
  ("holder"). A run of capitalized words is flagged only when it is used with
  an article at least twice and has no mark of a proper name (an acronym,
  "of"/"and" inside it, a place such as "New York", a corporate suffix).
  A run is first cut where one term ends and the next begins: before "on
  the", "in the", "for the" ("any Lien on the Collateral" is two terms), and
  at a bare "the" after a defined term ("to the Lender the Compliance
  Certificate"); never at "of" ("Bank of the West"), nor in a run with an
  acronym or a place, nor after an institution's word ("the Committee on
  Foreign Investment").
  Sentence openings, section captions, signature-block labels, quoted text,
  all-capitals words, a few proper nouns (months, "Internet", "Federal") and
  the start of a name that goes on past a title's full stop, a suffix or a
  parenthesis ("the Dr. Ruth Calloway Trust", "the Calloway (Family) Trust")
  are never flagged. An instrument saying that capitalized terms not defined
  in it have the meanings given in another agreement borrows that
  agreement's definitions: instead of an error for each, one warning (at
  that sentence) lists the terms that rely on the other agreement. A run
  one word off a defined term ("Revolving Credit Loan Documents" for
  "Revolving Credit Documents", "Fixed Assets Obligations", "First Maturity
  Date" for "First Extended Maturity Date") is a slip, reported even used
  once and even where the instrument borrows another's definitions.
  A run no article governs ("the applicable Tax Authorities") is read only
  for such a slip.
- DD204: a term defined twice in one instrument; a glossary pointer ("Bank"
  is defined in the preamble), a term restated within its own definition
  and a definition scoped "for purposes of this subsection" ("in this paragraph (uu)") are not second
  definitions.
- DD205: a term used long before (`FORWARD_DISTANCE` paragraphs or more) the
  paragraph that defines it in running text, in an instrument with neither a
  definitions section nor an index of defined terms (where a reader would
  look it up), unless the use announces the definition ("Closing (as
  hereinafter defined)"). Nearer forward use is ordinary drafting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from dealdocs.checks.text.common import (
    DETERMINERS,
    FUNCTION_WORDS,
    PROPER_WORDS,
    QUOTE_SPAN,
    Para,
    Spans,
    context,
    name_goes_on,
    strip_possessive,
)
from dealdocs.checks.text.outline import Outline, caption_end
from dealdocs.checks.text.terms import (
    BY_REFERENCE,
    MAX_TERM,
    ORDINALS,
    TERMS_HINT,
    Definition,
    NearTerms,
    Terms,
    borrows_by_name,
    may_say,
    singular,
)
from dealdocs.findings import Finding, error, warning
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN, PLACE_WORDS

# The last word of a capitalized name that is a statute, an institution or an office, not a defined term.
_PROPER_HEADS = frozenset(
    """Act Code Law Laws Rule Rules Regulation Regulations Commission Exchange Court Service Board Bureau
    Department Agency Reserve Market Association Authority Corporation Company Bank Trust Office Officer
    President Secretary Treasurer Director Chairman States Kingdom Nations University Street Avenue
    Government Council Parliament Treasury Ministry Republic Federation Province System""".split()
)
_PLACE_WORDS = PLACE_WORDS | frozenset(
    """United States Borough County City State District Court Avenue Street Road Suite Floor Plaza""".split()
)
# "Closing (as hereinafter defined)", "Purchase Price (defined below)", "Exercise Price, as defined in Section 2(b)".
_FORWARD_MARK = re.compile(
    r"\s*(?:\(|,\s*)(?:as\s+)?(?:hereinafter\s+defined|defined\s+(?:below|hereinafter|herein|in\s+Section))"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_RUN_WORD = re.compile(r"&|[A-Za-z](?:[A-Za-z'-]*[A-Za-z])?")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_AMPERSAND = re.compile(r"\s+&\s+")
# "solely for purposes of this subsection 3.3.1(b)": a definition meant to hold in one place only.
_SCOPED = re.compile(r"(?i)\b(?:for\s+(?:the\s+)?purposes?\s+of|as\s+used\s+in|in)\s+this\s+(?:sub)?(?:section|paragraph|clause|article)")
_TERMS_INDEX = re.compile(r"(?i)\b(?:index\s+of\s+defined\s+terms|defined\s+terms\s*;\s*cross[- ]references|defined\s+terms\s+used\s+and/or\s+referenced)")
_STATUTE_NAMES = frozenset(("Act", "Code"))  # the last word of a statute's short name
_NO_SPANS = Spans(())
_DEFINITIONS_SECTION = 3  # entries ("X" means ...) that make a definitions section
_FORWARD_USES = 2  # paragraphs using a term before its definition, for DD205: a single early use is read on
FORWARD_DISTANCE = 20
"""How many paragraphs before its definition a term must be used for DD205: a nearer use is read on."""
_CONNECTORS = frozenset(("of", "and", "for", "the", "&", "de", "du", "or", "in", "on"))
_CONNECTOR_WORDS = "|".join(sorted((c for c in _CONNECTORS if c != "&"), key=lambda c: (-len(c), c)))
_CAPITAL = r"[A-Z](?:[A-Za-z'-]*[A-Za-z])?(?:(?<=s)'(?=\s+[A-Z]))?"  # "Shareholders' Interest": a plural's possessive
# A run as `_extent` reads it word by word, in one match: capitalized words joined by spaces, " & ",
# or a connector ("of", "of the"). Where it ends, `_THE_AFTER_CONNECTOR` says when the word-by-word
# reading might go on (after "of the" it takes the next word whatever stands between).
_RUN = re.compile(rf"({_CAPITAL})(?:(?:\s+|\s+&\s+|\s+(?:{_CONNECTOR_WORDS})\s+(?:the\s+)?){_CAPITAL})*")
_THE_AFTER_CONNECTOR = re.compile(rf"\s+(?:{_CONNECTOR_WORDS})\s+the")
_LEAD_MARKER = re.compile(r"\s*(?:\(?(?:[A-Za-z0-9]{1,5}|([A-Za-z])\1{5,})[.)]|\d+(?:\.\d+)*\.?)\s*[\"'(\[]?\s*")
_IDENTIFIER_NEXT = re.compile(r"\s+(?:\d|[A-Z]\b|[IVXLC]+\b|[A-Z]-?\d|due\s+\d{4}\b)")  # "Notes due 2020": a series
_SUFFIX_NEXT = re.compile(rf",?\s+(?:{CORPORATE_SUFFIX_PATTERN})(?![\w])")
# The rest of a statute's name: "Trading with the Enemy Act", "Comprehensive Environmental Response, Compensation and
# Liability Act" (a word at a time, at most ten: linear).
_STATUTE_NAME_NEXT = re.compile(r"(?:,?\s+(?:[A-Z][\w'-]*|of|with|the|and|for|on|to|in)){1,10}?\s+(?:Act|Code)\b")
# The forms of a signature-block line, each looked for on its own (one pattern of them all is tried at
# every character): a label opening the line ("By:", "Name:"), a line to sign on, "/s/", "By:" within the
# line, and a capacity ending it ("Margaret Chen, individually, as a Purchaser").
_SIGNATURE_LABEL = re.compile(r"\s*(?:By|Name|Title|Date|Dated|Address|Attn|Attention|Its)\s*:")
_SIGNATURE_BY = re.compile(r"\bBy:\s")
_SIGNATURE_CAPACITY = re.compile(r",\s+as\s+(?:an?\s+|the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s*$")
_CAPACITY_HINT = re.compile(r",\s+as\s")  # what `_SIGNATURE_CAPACITY` needs, quick to look for


def _signature(text: str) -> bool:
    """True for a signature-block line (see `_SIGNATURE_LABEL`): the cheapest tests first."""
    if "___" in text or "/s/" in text:
        return True
    if ":" in text and (_SIGNATURE_LABEL.match(text) or "By:" in text and _SIGNATURE_BY.search(text)):
        return True
    return _CAPACITY_HINT.search(text) is not None and _SIGNATURE_CAPACITY.search(text) is not None


_MARKER_BEFORE = re.compile(r"(?:^|[\s;,)])\((?:[a-z]{1,5}|[A-Z]{1,5}|\d{1,2})\)$|[\u00a8\u2610\u2611\u2612\u25a1\u2022]$")
_MARKER_ENDS = (")", "\u00a8", "\u2610", "\u2611", "\u2612", "\u25a1", "\u2022")  # how each `_MARKER_BEFORE` ends
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_ORDER_NEXT = re.compile(r"\s+[Oo]rders?\b")
_LOWER_NEXT = re.compile(r"\s+[a-z]{3}")
_SUCH_BEFORE = re.compile(r"\b(?:such|said)\s+$")
_EU_COUNCIL = re.compile(r"\bParliament\s+and\s+of\s+the\s+$")  # an EU act's title names its two authors
_DATED_NEXT = re.compile(r"(?:\s+(?:thereto|hereto))?,?\s+dated\b")
# "among the Borrower, the Lenders party thereto and the Agent": another agreement's parties, as it names them
_PARTIES_THERETO_NEXT = re.compile(r"\s+part(?:y|ies)\s+thereto\b")
_LAWS_OF = re.compile(r"\blaws?\s+of\s+(?:the\s+)?$")
_NAME_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\s+$")
_NAME_WORD_AFTER = re.compile(r"[ ]+(?:of[ ]+)?[A-Z][a-z]")
# The words that, before "the", end one term and start another in a run of capitalized words ("any Lien on the
# Collateral", "a Reserves Report for the Fields"); "of" is a name's ("Bank of the West", "the State of New York").
# "the Required Holders and the Collateral Agent": two terms, each read (a new user's trial: a run joined by "and
# the" was read as one name, and two undefined terms in it passed)
_JOINING = frozenset(("and", "or"))  # "the Company and the Agent": joins two, whatever the word before (a name's or not)
_BETWEEN_TERMS = frozenset(("on", "in", "for")) | _JOINING
# The last word of a name that goes on with "on the", "in the", "for the": "the Committee on Foreign Investment in
# the United States", "the Convention on the Recognition ...", "the Center for the Study of ...".
_INSTITUTION_WORDS = _PROPER_HEADS | frozenset(
    """Committee Council Convention Conference Center Centre Institute Foundation Society Fund Treaty Directive
    Commissioner Commonwealth Republic Secretary Tribunal Protocol""".split()
)


# ------------------------------------------------------------------ DD204 defined twice


def _legend(text: str) -> bool:
    """A paragraph in capitals (a securities legend, repeated on each certificate), which may define again."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 40 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


_SECTION_SAID = re.compile(r"\bSection\s+(\d{1,3}(?:\.\d{1,3})*)")


def _introduced_where_said(outline: Outline, entry: Definition, later: Definition) -> bool:
    """True when a glossary entry's meaning names a section ("... filed pursuant to Section 2(a)") and the
    later definition is in that section: the entry describes the term the section introduces."""
    section = outline.within.get(later.para.number)
    if section is None or "Section" not in entry.para.text:
        return False
    for match in _SECTION_SAID.finditer(entry.para.text, entry.start):
        said = tuple(int(n) for n in match.group(1).split("."))
        if section[: len(said)] == said:
            return True
    return False


_MEANING = re.compile(r'"\s*(?:,\s*)?(?:shall\s+)?(?:means?|refers?\s+to)\s+(?P<meaning>(?:[^.;:]|\.(?=,|\s[a-z]))+)')
_ANTECEDENT_WORDS = 3
_WIDER = frozenset(("and", "together", "including", "includes", "each", "plus", "except", "other", "collectively"))


_COMPANY_BEFORE = re.compile(
    rf"((?:[A-Z][\w&'.-]*\s+){{1,6}}(?i:{CORPORATE_SUFFIX_PATTERN}))(?:,\s+an?\s+[\w\s]{{1,60}})?\s*\(\s*(?:the\s+)?$"
)


def _company_before(definition: Definition) -> str | None:
    """The company a definition names right before its parentheses: "VERRICA PHARMACEUTICALS INC. (", folded."""
    match = _COMPANY_BEFORE.search(definition.para.text[max(0, definition.start - 160) : definition.start])
    return " ".join(match.group(1).casefold().split()) if match else None


def _same_meaning(earlier: Definition, later: Definition) -> bool:
    """True when a glossary entry gives a term the meaning an inline definition gave it: ""Agreement" shall mean
    this Loan Agreement" after (this "Agreement"); ""Company" means EVO Payments, Inc." after "EVO Payments,
    Inc., a Delaware corporation (the "Company")"."""
    if earlier.inline and later.inline:  # "VERRICA PHARMACEUTICALS INC. ("Borrower")" in a form and again in it
        first, second = _company_before(earlier), _company_before(later)
        return first is not None and first == second
    if earlier.inline == later.inline:
        return False
    inline, entry = (earlier, later) if earlier.inline else (later, earlier)
    meaning = _MEANING.search(entry.para.text, entry.start)
    if not meaning:
        return False
    words = [w.casefold() for w in _WORD.findall(meaning["meaning"])]
    if _WIDER.intersection(words):
        return False  # "Acme Corp. and each of its Subsidiaries": more than the opening named
    if words[:1] == ["this"]:
        return True  # ""Agreement" shall mean this Loan Agreement", as the opening's (this "Agreement") does
    before = [w.casefold() for w in _WORD.findall(inline.para.text[max(0, inline.start - 300) : inline.start])]
    head = words[:_ANTECEDENT_WORDS]
    return len(head) == _ANTECEDENT_WORDS and any(before[k : k + len(head)] == head for k in range(len(before)))


_EXTENDS = re.compile(
    r'(?:[Tt]he\s+terms?\s+)?"[^"]{1,100}"(?:\s*(?:,|and|or)\s*"[^"]{1,100}")*\s*(?:,\s*)?'
    r"(?:(?:shall|will)\s+(?:also\s+)?|also\s+)?(?:includes?\b|(?:shall\s+)?(?:thereafter\s+)?mean\s+such\s+successor\b)"
)
"""A definition that widens a term already defined, or makes a successor its holder: "Indemnified Matters" includes
...; The terms "Lender" and "Lenders" shall include the Agent; The term "Agent" shall mean such successor agent."""


def check_duplicates(outline: Outline) -> Iterator[Finding]:
    """DD204: each later definition of a term its instrument already defines."""
    first: dict[tuple[int, str], Definition] = {}
    for definition in outline.terms.explicit:
        key = (definition.para.part, definition.term)
        if definition.pointer or key in first and _EXTENDS.match(definition.para.text, definition.start):
            continue  # a glossary pointer says where the definition is; a term widened (`_EXTENDS`) is not defined again
        if key not in first and _SCOPED.search(definition.para.text[max(0, definition.start - 200) : definition.start]):
            continue  # "Solely for purposes of this subparagraph (iii), "FATCA" shall include": a meaning for one place
        if key not in first:
            first[key] = definition
            continue
        earlier = first[key]
        scope = definition.para.text[max(0, definition.start - 400) : definition.start]
        restated = earlier.para is definition.para and not (earlier.inline and not definition.inline
                                                             and earlier.start < definition.start)
        if restated or _SCOPED.search(scope) or _legend(definition.para.text):
            continue  # restated in its own definition ("provided that "Collateral" shall not include"), or scoped;
            # not an opening's (the "Maturity Date") given a meaning of its own later: "The "Maturity Date" means"
        if not earlier.inline and _introduced_where_said(outline, earlier, definition):
            continue  # the glossary says it is the one "filed pursuant to Section 2(a)", where it is introduced
        if _same_meaning(earlier, definition):
            continue  # "EVO Payments, Inc. (the "Company")", then ""Company" means EVO Payments, Inc.": said twice
        where = "earlier in this paragraph" if earlier.para is definition.para else f"in {outline.where(earlier.para)}"
        yield warning(
            "DD204",
            f'"{definition.term}" is defined again here; it is already defined {where}',
            outline.at(definition.para),
        )


# ------------------------------------------------------------------ DD205 used before defined


def check_use_before_definition(outline: Outline) -> Iterator[Finding]:
    """DD205: the first use of a term before the paragraph that defines it, once per term."""
    terms = outline.terms
    if terms.pattern is None:
        return
    # A definitions section or an index of defined terms is there to be looked things up in:
    # in an instrument that has one, any term may be used anywhere, before its definition too
    # ("Affiliate" means any Person ...; "Person" means ...; "Closing" defined in Section 3.1).
    entries = Counter(d.para.part for d in terms.explicit if not d.inline)
    indexed = {p.part for p in outline.paras if may_say(p.text, "defined") and TERMS_HINT.search(p.text) and _TERMS_INDEX.search(p.text)}
    looked_up = {part for part, count in entries.items() if count >= _DEFINITIONS_SECTION} | indexed
    defined_at: dict[tuple[int, str], Para] = {}
    for definition in terms.explicit:
        if definition.para.part in looked_up or definition.pointer:
            continue
        if definition.term.split()[-1] in _STATUTE_NAMES:
            continue  # "the Exchange Act", "the Code": a statute's short name, understood before it is defined
        caption = definition.para.text[: caption_end(definition.para.text)]
        if definition.term.split()[-1] in caption:
            continue  # "3.1 Closing. ... (the "Closing")": defined in the section named for it
        defined_at.setdefault((definition.para.part, definition.term), definition.para)
    if not defined_at:
        return  # every term is defined where a reader looks it up
    # Only a paragraph far enough before a definition in its own instrument can use a term too early.
    last_before = {}
    for (part, _), home in defined_at.items():
        last_before[part] = max(last_before.get(part, 0), home.number - FORWARD_DISTANCE)
    uses: dict[tuple[int, str], list[tuple[Para, re.Match[str]]]] = {}  # in order, one a paragraph
    announced: set[tuple[int, str]] = set()
    for para in outline.paras:
        if para.heading or para.number > last_before.get(para.part, 0) or not para.text.strip():
            continue
        text = para.text
        quoted = Spans(m.span() for m in QUOTE_SPAN.finditer(text))
        for match in terms.uses(text, caption_end(text)):
            key = (para.part, terms.canonical[match.group()])
            home = defined_at.get(key)
            if home is None or home.number < para.number + FORWARD_DISTANCE or key in announced:
                continue
            if match.start() in quoted or _inside_longer_name(text, match.start(), match.end()):
                continue
            if _FORWARD_MARK.match(text, match.end()):
                announced.add(key)
                continue
            seen = uses.setdefault(key, [])
            if not seen or seen[-1][0] is not para:
                seen.append((para, match))
    for key, found in uses.items():
        if key in announced or len(found) < _FORWARD_USES:
            continue
        para, match = found[0]
        yield warning(
            "DD205",
            f'"{match.group()}" is used here before it is defined in {outline.where(defined_at[key])}: '
            f"{context(para.raw, match.start(), match.end())}",
            outline.at(para),
        )


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when a capitalized word of the same name comes before or after ("Common Stock Purchase Agreement",
    "Closing Date")."""
    before = _NAME_WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before and before.group(1)[0].isupper() and before.group(1).lower() not in FUNCTION_WORDS:
        return True
    return bool(_NAME_WORD_AFTER.match(text, end))


# ------------------------------------------------------------------ DD203 undefined


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at `start` opens the paragraph, a sentence or a list item ("; (i) All ...", "¨ Any")."""
    before = text[max(0, start - 20) : start].rstrip().rstrip("\"'([").rstrip()
    if not before and start <= 20:
        return True
    if before.endswith((".", "!", "?", ":")) or before.endswith(_MARKER_ENDS) and _MARKER_BEFORE.search(before):
        return True
    return start <= 20 and bool(_LEAD_MARKER.fullmatch(text[:start]))


@dataclass(frozen=True)
class _Run:
    words: tuple[str, ...]
    start: int
    end: int
    compound: bool
    opener: str = ""  # the word that opened the sentence before the run, left out of it ("Confidential")
    governed: bool = True  # an article or the like governs it; else it is read only as a slip ("applicable Tax Authorities")


def _word_before(text: str, start: int) -> str:
    """The word of letters that ends just before the spaces before `start` (within 30 characters), or ""."""
    if not start or not text[start - 1].isspace():
        return ""  # no space before `start`
    window = text[max(0, start - 30) : start]
    bare = window.rstrip()
    end = len(bare)
    if end == len(window):
        return ""  # no space before `start`
    last = bare.rsplit(None, 1)[-1] if bare else ""
    if last.isascii() and last.isalpha():
        return last  # the last word is all letters (most often): what the loop below finds
    begin = end
    while begin > 0 and bare[begin - 1] in _LETTERS:
        begin -= 1
    return bare[begin:end]


def _visible(text: str, pos: int, quoted: Spans) -> re.Match[str] | None:
    """The first word at or after `pos` that is not inside a quotation."""
    match = _WORD.search(text, pos)
    while match is not None and match.start() in quoted:
        match = _WORD.search(text, match.end())
    return match


def _words_of(text: str, run: re.Match[str]) -> tuple[list[str], bool, int, int]:
    """What `_extent` says of the run `_RUN` matched (its first word is group 1)."""
    if run.end() == run.end(1):
        return [run.group(1)], False, -1, run.end()  # one word (most runs): what the lines below find
    members = _RUN_WORD.findall(run.group())
    compound = any(not m[0].isupper() for m in members)
    second = _WORD.search(text, run.end(1)).start() if len(members) > 1 else -1
    return members, compound, second, run.end()


def _extent(text: str, first: str, first_end: int, quoted: Spans) -> tuple[list[str], bool, int, int]:
    """The run of capitalized words from the word `first` (ending at `first_end`), word by word: its words,
    whether "&" or a connector joins them, where its second word starts (-1 for none) and where it ends."""
    members = [first]
    compound = False
    second = -1
    last_end = first_end
    nxt = _visible(text, last_end, quoted)
    while nxt is not None:
        gap = text[last_end : nxt.start()]
        word = nxt.group()
        took: re.Match[str] | None = None
        if gap.isspace() and word[0].isupper():
            members.append(word)
            took = nxt
        elif _AMPERSAND.fullmatch(gap) and word[0].isupper():
            members += ["&", word]
            compound, took = True, nxt
        elif gap.isspace() and word in _CONNECTORS:
            after = _visible(text, nxt.end(), quoted)
            if after is not None and text[nxt.end() : after.start()].isspace():
                # "of the State": let "the" pass between connector and capital.
                last = after
                if after.group() == "the":
                    last = _visible(text, after.end(), quoted) or after
                if last.group()[0].isupper():
                    members += [word, "the", last.group()] if last is not after else [word, last.group()]
                    compound, took = True, last
        if took is None:
            break
        if second < 0:
            second = nxt.start()
        last_end = took.end()
        nxt = _visible(text, last_end, quoted)
    return members, compound, second, last_end


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _runs(text: str) -> tuple[_Run, ...]:
    """Runs of capitalized words in running text that an article or the like governs ("the Maker and Holder"),
    after the paragraph's caption.

    A run is read from each capitalized word outside a quotation that no run
    before it took in; the words of running text between runs are never
    visited one by one.
    """
    quoted = Spans(m.span() for m in QUOTE_SPAN.finditer(text)) if '"' in text else _NO_SPANS
    return tuple(_runs_after(text, caption_end(text), quoted))


def _runs_after(text: str, start_at: int, quoted: Spans) -> Iterator[_Run]:
    any_quoted = bool(quoted.spans)
    pos = start_at  # words before it are in a run already, or were passed over
    while (run := _RUN.search(text, pos)) is not None:
        run_start, first = run.start(), run.group(1)
        pos = run.end(1)  # a word that starts no run: the next capitalized word may
        if any_quoted and run_start in quoted:
            continue
        before = run_start - 1
        while before >= 0 and text[before] in "'-":
            before -= 1
        if before >= 0 and text[before] in _LETTERS:
            continue  # inside a word that starts in lower case ("eBay")
        if _THE_AFTER_CONNECTOR.match(text, run.end()):
            words: tuple[list[str], bool, int, int] | None = _extent(text, first, run.end(1), quoted)
            run_end = words[3]
        else:
            words, run_end = None, run.end()  # its words are read only if an article governs it
        pos = run_end
        previous = _word_before(text, run_start)
        determiner = previous in DETERMINERS
        if determiner and previous in ("a", "an"):
            after_run = _NEXT_WORD.match(text, run_end)
            # "a Delaware corporation": a name used as an adjective; "notice of a Suspension" is a term
            determiner = not (after_run and after_run.group(1).islower() and after_run.group(1) not in FUNCTION_WORDS)
        governed = determiner or first.lower() in DETERMINERS
        if not governed and run.end() == run.end(1) and words is None:
            continue  # one word no article governs, whether or not it opens a sentence
        members, compound, second, _ = words or _words_of(text, run)
        opener = ""
        # A word before the run (`previous`) means it opens no sentence: `_starts_sentence` wants none.
        if not previous and _starts_sentence(text, run_start):
            opener = members[0]
            determiner = determiner or opener.lower() in DETERMINERS
            members = members[1:]
            if members and members[0] in _CONNECTORS:
                members = []
            run_start = second if members else run_end
        if members and (determiner or not governed):
            yield _Run(tuple(members), run_start, run_end, compound, opener, governed)


def _conjuncts(words: list[str]) -> list[list[str]]:
    """["Maker", "and", "the", "Holder"] -> [["Maker"], ["Holder"]]: the names joined by "and"/"or"."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word in ("and", "or"):
            parts.append([])
        elif word != "the" or parts[-1]:
            parts[-1].append(word)
    return [p for p in parts if p]


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _lowered_term(words: list[str], text: str, end: int, known: set[str]) -> str | None:
    """The defined term that `words` and the lower-case word after them make, when it is defined only with that
    word capitalized: "Taxing authority" where "Taxing Authority" is defined."""
    after = _NEXT_WORD.match(text, end)
    if not after or not after.group(1)[0].islower() or len(after.group(1)) < 3:
        return None
    term = " ".join(words + [after.group(1).capitalize()])
    lower = " ".join(words + [after.group(1)])
    return term if term in known and lower not in known else None


_ATTACHED_AS = (r",?\s+(?:attached|annexed)\s+(?:hereto\b|to\s+this\s+\w+\b"
                r"|as\s+(?:an?\s+)?(?:Exhibit|Annex|Schedule|Appendix|Attachment)\b)")
"""What follows a document's title where it is attached: "... Term Sheet attached hereto as Exhibit B", "the
Information Schedule attached hereto"."""


class _Reader:
    """How DD203 reads a paragraph, given a document's defined terms: what it finds there is a function of the
    paragraph's text and those terms alone (`read`), so it is kept; the notes of a deal, which define the same
    terms and share most of their paragraphs word for word, read each shared paragraph once.

    What a paragraph yields (`read`), in order, each a tuple: (0, start, end, term) a run that is a defined term
    but for its lower-case last word; (1, phrase, start, end) a run no article governs, one word off a defined
    term, counted unless the document has used its singular or plural as a term before (`check_undefined`
    knows); (2, word, start, end) a single word used as an undefined term; (3, phrase, start, end) a run of words
    used as one.
    """

    def __init__(self, terms: Terms, known: frozenset[str]) -> None:
        self.known = known
        # "that Series" for the defined "Series of Secured Debt": the head of an "X of Y" term stands for it.
        self.heads = {term.split(" of ")[0] for term in terms.known if " of " in term}
        tails = {term[term.index(" ") :] for term in terms.known if " " in term}
        self.tails = tails | {tail[tail.index(" ", 1) :] for tail in list(tails) if " " in tail[1:]}
        self.near_terms = NearTerms(terms)
        self.longest = max((term.count(" ") + 1 for term in known), default=0)  # words in the longest defined term
        self.slips: dict[str, str | None] = {}  # a phrase -> the defined term it is one word off (`slip`)
        self._read: dict[str, tuple[tuple[object, ...], ...]] = {}

    def defined(self, words: list[str] | tuple[str, ...]) -> bool:
        return strip_possessive(" ".join(words)) in self.known

    def slip(self, words: list[str]) -> str | None:
        """The defined term `words` are one word off, when they are not a defined term themselves."""
        phrase = " ".join(words)
        if phrase not in self.slips:
            self.slips[phrase] = None if self.defined(words) else self.near_terms.near(words)
        return self.slips[phrase]

    def read(self, text: str) -> tuple[tuple[object, ...], ...]:
        """What the paragraph `text` yields (see the class), read once."""
        found = self._read.get(text)
        if found is None:
            found = self._read[text] = () if _signature(text) else tuple(self._reading(text))
        return found

    def _pieces(self, run: _Run, text: str) -> Iterator[_Run]:
        """`run` cut where one term ends and the next begins, the words after each cut governed by their "the":
        before "on the", "in the", "for the" ("any Lien on the Collateral", "the Loan on the Maturity Date"), and at
        a bare "the" after a defined term ("deliver to the Lender the Compliance Certificate"; after a word no
        term, "X the Y" may be a name with its epithet). A run with an acronym or a place in it is a name, left
        whole, and so is one cut after a word that names an institution ("the Committee on Foreign Investment")."""
        words = run.words
        if not run.compound or "the" not in words:
            yield run
            return
        found = list(_RUN_WORD.finditer(text, run.start, run.end))
        if [m.group() for m in found] != [w.rstrip("'") for w in words] or any(
            len(w) > 1 and w.isupper() or w in _PLACE_WORDS for w in words
        ):
            yield run  # words left out of the run (a quotation inside it), or a name
            return
        begin, governed = 0, run.governed
        for k in range(1, len(words) - 1):
            before = words[k - 1]
            if k <= begin or not before[0].isupper():
                continue
            if words[k] == "the" and k - begin <= self.longest and self.defined(
                    [strip_possessive(w) for w in words[begin:k]]):  # bounded: a long run is no term (linear)
                after = k + 1
            elif (words[k] in _BETWEEN_TERMS and words[k + 1] == "the"
                  and (words[k] in _JOINING or before.rsplit("-")[-1] not in _INSTITUTION_WORDS)):
                after = k + 2
            else:
                continue
            piece = words[begin:k]
            yield _Run(piece, found[begin].start(), found[k - 1].end(), "&" in piece or any(w.islower() for w in piece),
                       run.opener if begin == 0 else "", governed)
            begin, governed = after, True
        if begin == 0:
            yield run
            return
        piece = words[begin:]
        yield _Run(piece, found[begin].start(), run.end, "&" in piece or any(w.islower() for w in piece), "", True)

    def _reading(self, text: str) -> Iterator[tuple[object, ...]]:
        defined = self.defined
        terms_said: set[str] = set()  # the runs that are a defined term ("the Company", often)
        borrows = borrows_by_name(text)
        for run in (piece for whole in _runs(text) for piece in self._pieces(whole, text)):
            said = text[run.start : run.end]
            known = said in terms_said  # these words were found to be a defined term before
            lower_next = _LOWER_NEXT.match(text, run.end) is not None
            if known and not lower_next:
                continue
            words = [strip_possessive(w) for w in run.words]
            if not run.governed:  # read only as a slip: one word off a defined term ("applicable Tax Authorities")
                if (
                    run.compound or len(words) < 2 or len(said) > MAX_TERM or known or defined(words) or defined(run.words)
                    or defined([said])
                    or words[-1] in _PROPER_HEADS
                    or any(w.isupper() or w in _PLACE_WORDS for w in words)
                    or _IDENTIFIER_NEXT.match(text, run.end) or _SUFFIX_NEXT.match(text, run.end)
                ):
                    continue
                if self.slip(words):
                    yield 1, " ".join(words), run.start, run.end
                continue
            # "the Company's product": an owner and what it owns, not "Company Product" in lower case
            owner = words[-1] != run.words[-1]
            lowered = _lowered_term(words, text, run.end, self.known) if lower_next and not owner else None
            if lowered:  # "any Taxing authority" for the defined "Taxing Authority"
                yield 0, run.start, run.end + 1 + len(lowered.split()[-1]), lowered
                continue
            if known:
                continue
            if defined(words) or defined(run.words) or defined([said]):
                terms_said.add(said)
                continue  # "Officer's Certificate", "Workers' Compensation Reserves": terms with a possessive
            owner = next((k for k, w in enumerate(run.words[:-1]) if strip_possessive(w) != w), None)
            if owner is not None and defined(words[: owner + 1]) and defined(words[owner + 1 :]):
                continue  # "such Backstop Party's Backstop Commitment": a term's possessive, then another term
            if (_IDENTIFIER_NEXT.match(text, run.end) or _SUFFIX_NEXT.match(text, run.end) or text.startswith(":", run.end)
                    or name_goes_on(run.words, text, run.end)):  # "the Dr. Ruth Calloway Trust": a name's start
                continue
            if _STATUTE_NAME_NEXT.match(text, run.end):
                continue  # the start of a statute's name, cut by a small word or a comma
            if text[max(0, run.start - 10) : run.start].rstrip().endswith(":") or borrows and BY_REFERENCE.match(text, run.start):
                continue
            if run.opener and defined([run.opener] + words):
                continue  # "Confidential Information may ...": the term opens the sentence
            if text[run.end : run.end + 1] == "/" or text[max(0, run.start - 1) : run.start] == "/":
                continue  # "Deposit/Withdrawal at Custodian", "Cash/Public Change of Control": a compound name
            if _DATED_NEXT.match(text, run.end):
                continue  # "the First Amendment thereto, dated September 10, 2018": a document named and dated
            if _PARTIES_THERETO_NEXT.match(text, run.end):
                continue  # "the Lenders party thereto from time to time": the parties of the agreement described
            if _LAWS_OF.search(text[max(0, run.start - 20) : run.start]):
                continue  # "the laws of the Netherlands": a jurisdiction
            if text.startswith("- ", run.end) and text[run.end + 2 : run.end + 3].isupper():
                continue  # "Piggy- Back Rights": a term broken at its hyphen by a stray space
            if run.words == ("Executive",) and _ORDER_NEXT.match(text, run.end):
                continue  # "any Executive order": a President's order, named so in sanctions clauses
            near = self.near_terms.near
            if run.compound and len(said) <= MAX_TERM and "and" in words and not defined(words) and near(words):
                candidates = [words]  # "such IT Systems and Data" for the defined "IT Systems and Sensitive Data"
            elif run.compound:
                groups = _conjuncts(words)
                if len(groups) < 2 or not any(defined(g) for g in groups):
                    continue  # a proper name: "Securities and Exchange Commission"
                candidates = [
                    g
                    for k, g in enumerate(groups)
                    if not defined(g) and len(g) == 1 and "of" not in g
                    # "Indemnified Party or Parties": the head of the term before it, left out
                    and not any(defined(h[:-1] + g) for h in groups[:k] if len(h) > 1)
                    # "a Restricted or Unrestricted Subsidiary": the noun of the term after it, left out
                    and not any(defined(g + h[-1:]) for h in groups[k + 1:] if len(h) > 1)
                ]
                # "the Fixed Assets Obligations or the Revolving Credit Obligations": a slip in a term joined to another
                candidates += [g for g in groups if len(g) > 1 and "of" not in g and not defined(g) and near(g)]
            else:
                candidates = [words]
            for candidate in candidates:
                if sum(map(len, candidate)) + len(candidate) > MAX_TERM:
                    continue  # hundreds of characters: not a name anyone defines
                if len(candidate) == 1:
                    word = candidate[0]
                    if len(word) < 2 or word.isupper() or word in PROPER_WORDS or word.lower() in FUNCTION_WORDS:
                        continue
                    if word in self.heads:
                        continue
                    if word.split("-")[0] in self.known and "-" in word and word.split("-", 1)[1].islower():
                        continue  # "Sanctions-related": a defined term's compound (a second holdout)
                    if word == "Council" and _EU_COUNCIL.search(text[max(0, run.start - 30) : run.start]):
                        continue  # "Regulation (EU) 2017/2402 of the European Parliament and of the Council"
                    if _SUCH_BEFORE.search(text[max(0, run.start - 6) : run.start]) and re.search(
                        rf"[A-Z][\w']*\s+{re.escape(word)}\b", text[: run.start]
                    ):
                        continue  # "its Purchasers' Questionnaire ... such Questionnaire", "the Securities and Exchange
                        # Commission ... said Commission": the name said before
                    yield 2, word, run.start, run.end
                else:
                    if candidate[-1] in _PROPER_HEADS:
                        continue
                    proper = any(w.isupper() or w in _PLACE_WORDS or w == "&" for w in candidate)
                    if proper and not (run.compound and candidate is words):
                        continue  # an acronym or a place marks a name, unless a run joined by "and" is a term's slip
                    ordinal = candidate[0] in ORDINALS and defined(candidate[1:]) and not defined(candidate)
                    phrase = " ".join(candidate)
                    slip = self.slip(candidate)
                    if proper and not slip:
                        continue
                    if not ordinal and not slip and (
                        defined(candidate[:1]) or defined(candidate[-1:]) or defined(candidate[1:]) or defined(candidate[:-1])
                    ):
                        continue
                    if " " + phrase in self.tails and not slip:
                        continue  # "the Financial Statements" for the defined "Reviewed Financial Statements"
                    yield 3, phrase, run.start, run.end


_READERS: dict[tuple[frozenset[str], frozenset[str]], _Reader] = {}
_KEPT_READERS = 8  # documents with their own terms (a set of different agreements) read at once


def _reader(terms: Terms) -> _Reader:
    """The `_Reader` of documents defining `terms`: one for all of a deal's notes (they define the same terms)."""
    key = (frozenset(terms.known), frozenset(terms.canonical.values()))
    reader = _READERS.pop(key, None) or _Reader(terms, key[0])
    _READERS[key] = reader  # the last used last; the one used longest ago goes first
    while len(_READERS) > _KEPT_READERS:
        del _READERS[next(iter(_READERS))]
    return reader


def check_undefined(outline: Outline) -> Iterator[Finding]:
    """DD203: each capitalized word or name used as a defined term that the document never defines."""
    terms = outline.terms
    reader = _reader(terms)
    single: dict[str, tuple[Para, int, int]] = {}
    counts: Counter[str] = Counter()
    multi: dict[str, tuple[Para, int, int]] = {}
    for para in outline.paras:
        if para.heading or not para.text.strip():
            continue
        for found in reader.read(para.text):
            if found[0] == 0:
                _, start, end, term = found
                yield error(
                    "DD203",
                    f'"{para.text[start:end]}" is not a term of the document: the defined term is "{term}", '
                    f"capitalized: {context(para.raw, start, end)}",
                    outline.at(para),
                )
                continue
            kind, what, start, end = found
            if kind == 2:
                single.setdefault(what, (para, start, end))
            elif kind == 3 or not (singular(what) in multi or what + "s" in multi):
                counts[what] += 1
                multi.setdefault(what, (para, start, end))
    borrowed: dict[int, list[str]] = {}  # where an instrument borrows (its paragraph) -> the terms it leaves there
    lower_words: set[str] | None = None
    for word, (para, start, end) in single.items():
        if para.part in terms.incorporating_parts:
            borrowed.setdefault(terms.incorporating_parts[para.part].number, []).append(word)
            continue
        if lower_words is None:  # the document's words, read once: asked of each undefined word
            lower_words = set(_WORD.findall("\n".join(p.text for p in outline.paras)))
        reason = f' (elsewhere the document writes "{word.lower()}" in lower case)' if word.lower() in lower_words else ""
        yield error(
            "DD203",
            f'"{word}" is used as a defined term but the document never defines it{reason}: '
            f"{context(para.raw, start, end)}",
            outline.at(para),
        )
    whole: str | None = None  # the document's text, read once: asked of each phrase about to be reported
    for phrase, (para, start, end) in multi.items():
        slip = reader.slips.get(phrase)
        if counts[phrase] < 2 and phrase.split()[0] not in ORDINALS and not slip:
            continue
        if whole is None:
            whole = "\n".join(p.text for p in outline.paras)
        if not slip and re.search(re.escape(phrase) + _ATTACHED_AS, whole):
            continue  # "the First Lien Exit Facility Term Sheet attached hereto as Exhibit B": a document's title
        if para.part in terms.incorporating_parts and not slip:  # one word off a term of its own: a slip
            borrowed.setdefault(terms.incorporating_parts[para.part].number, []).append(phrase)
            continue
        yield error(
            "DD203",
            f'"{phrase}" is used as a defined term ({_times(counts[phrase])}) but the document never defines it'
            + (f' (the defined term is "{slip}")' if slip else "")
            + f": {context(para.raw, start, end)}",
            outline.at(para),
        )
    homes = {home.number: home for home in terms.incorporating_parts.values()} if borrowed else {}
    for number, words in borrowed.items():
        home = homes[number]
        shown = ", ".join(f'"{w}"' for w in sorted(words)[:12]) + (f" and {len(words) - 12} more" if len(words) > 12 else "")
        yield warning(
            "DD203",
            f"{len(words)} capitalized term{'s are' if len(words) > 1 else ' is'} used but not defined here, "
            f"so {'they rely' if len(words) > 1 else 'it relies'} on the other agreement this paragraph "
            f"points to: {shown}; confirm each is defined there",
            outline.at(home),
        )
