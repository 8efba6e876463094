"""DD203-DD205: defined terms used but never defined, defined twice, used before their definition.

- DD203 flags a capitalized word that stands alone (not part of a longer
  capitalized name) and either follows "the", "such", "each", "said",
  "any"... or is joined to a defined term under one article ("the Maker and
  Holder"), or is a common noun the document also writes in lower case
  ("holder"). A run of capitalized words is flagged only when it is used with
  an article at least twice and has no mark of a proper name (an acronym,
  "of"/"and" inside it, a place such as "New York", a corporate suffix).
  Sentence openings, section captions, signature-block labels, quoted text,
  all-capitals words and a few proper nouns (months, "Internet", "Federal")
  are never flagged. An instrument saying that capitalized terms not defined
  in it have the meanings given in another agreement borrows that
  agreement's definitions: instead of an error for each, one warning (at
  that sentence) lists the terms that rely on the other agreement.
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

from dealdocs.checks.text.common import (
    DETERMINERS,
    FUNCTION_WORDS,
    PROPER_WORDS,
    QUOTE_SPAN,
    Para,
    Spans,
    context,
    strip_possessive,
)
from dealdocs.checks.text.outline import Outline, caption_end
from dealdocs.checks.text.terms import BY_REFERENCE, MAX_TERM, Definition
from dealdocs.findings import Finding, error, warning
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN

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
# "Closing (as hereinafter defined)", "Purchase Price (defined below)", "Exercise Price, as defined in Section 2(b)".
_FORWARD_MARK = re.compile(
    r"\s*(?:\(|,\s*)(?:as\s+)?(?:hereinafter\s+defined|defined\s+(?:below|hereinafter|herein|in\s+Section))"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
# "solely for purposes of this subsection 3.3.1(b)": a definition meant to hold in one place only.
_SCOPED = re.compile(r"(?i)\b(?:for\s+(?:the\s+)?purposes?\s+of|as\s+used\s+in|in)\s+this\s+(?:sub)?(?:section|paragraph|clause|article)")
_TERMS_INDEX = re.compile(r"(?i)\b(?:index\s+of\s+defined\s+terms|defined\s+terms\s*;\s*cross[- ]references|defined\s+terms\s+used\s+and/or\s+referenced)")
_DEFINITIONS_SECTION = 3  # entries ("X" means ...) that make a definitions section
_FORWARD_USES = 2  # paragraphs using a term before its definition, for DD205: a single early use is read on
FORWARD_DISTANCE = 20
"""How many paragraphs before its definition a term must be used for DD205: a nearer use is read on."""
_CONNECTORS = frozenset(("of", "and", "for", "the", "&", "de", "du", "or", "in", "on"))
_LEAD_MARKER = re.compile(r"\s*(?:\(?(?:[A-Za-z0-9]{1,5}|([A-Za-z])\1{5,})[.)]|\d+(?:\.\d+)*\.?)\s*[\"'(\[]?\s*")
_IDENTIFIER_NEXT = re.compile(r"\s+(?:\d|[A-Z]\b|[IVXLC]+\b|[A-Z]-?\d)")
_SUFFIX_NEXT = re.compile(rf",?\s+(?:{CORPORATE_SUFFIX_PATTERN})(?![\w])")
_SIGNATURE = re.compile(
    r"^\s*(?:By|Name|Title|Date|Dated|Address|Attn|Attention|Its)\s*:|_{3,}|/s/|\bBy:\s"
    r"|,\s+as\s+(?:an?\s+|the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s*$"  # "Margaret Chen, individually, as a Purchaser"
)
_MARKER_BEFORE = re.compile(r"(?:^|[\s;,)])\((?:[a-z]{1,5}|[A-Z]{1,5}|\d{1,2})\)$|[\u00a8\u2610\u2611\u2612\u25a1\u2022]$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_LAWS_OF = re.compile(r"\blaws?\s+of\s+(?:the\s+)?$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_NAME_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\s+$")
_NAME_WORD_AFTER = re.compile(r"[ ]+(?:of[ ]+)?[A-Z][a-z]")


# ------------------------------------------------------------------ DD204 defined twice


def _legend(text: str) -> bool:
    """A paragraph in capitals (a securities legend, repeated on each certificate), which may define again."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 40 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def check_duplicates(outline: Outline) -> Iterator[Finding]:
    """DD204: each later definition of a term its instrument already defines."""
    first: dict[tuple[int, str], Definition] = {}
    for definition in outline.terms.explicit:
        if definition.pointer:
            continue  # a glossary pointer says where the definition is; it is not one
        key = (definition.para.part, definition.term)
        if key not in first:
            first[key] = definition
            continue
        earlier = first[key]
        scope = definition.para.text[max(0, definition.start - 400) : definition.start]
        if earlier.para is definition.para or _SCOPED.search(scope) or _legend(definition.para.text):
            continue  # restated in its own definition ("provided that "Collateral" shall not include"), or scoped
        where = f"in paragraph {earlier.para.number}"
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
    indexed = {p.part for p in outline.paras if _TERMS_INDEX.search(p.text)}
    looked_up = {part for part, count in entries.items() if count >= _DEFINITIONS_SECTION} | indexed
    defined_at: dict[tuple[int, str], Para] = {}
    for definition in terms.explicit:
        if definition.para.part in looked_up or definition.pointer:
            continue
        caption = definition.para.text[: caption_end(definition.para.text)]
        if definition.term.split()[-1] in caption:
            continue  # "3.1 Closing. ... (the "Closing")": defined in the section named for it
        defined_at.setdefault((definition.para.part, definition.term), definition.para)
    uses: dict[tuple[int, str], list[tuple[Para, re.Match[str]]]] = {}  # in order, one a paragraph
    announced: set[tuple[int, str]] = set()
    for para in outline.paras:
        if para.heading or not para.text.strip():
            continue
        text = para.text
        quoted = Spans(m.span() for m in QUOTE_SPAN.finditer(text))
        for match in terms.pattern.finditer(text, caption_end(text)):
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
            f'"{match.group()}" is used here before it is defined in paragraph {defined_at[key].number}: '
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
    if before.endswith((".", "!", "?", ":")) or _MARKER_BEFORE.search(before):
        return True
    return start <= 20 and bool(_LEAD_MARKER.fullmatch(text[:start]))


@dataclass
class _Run:
    words: list[str]
    start: int
    end: int
    determiner: bool
    compound: bool
    opener: str = ""  # the word that opened the sentence before the run, left out of it ("Confidential")


def _runs(para: Para, start_at: int, quoted: Spans) -> Iterator[_Run]:
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
        previous = _WORD_BEFORE.search(text[max(0, run_start - 30) : run_start])
        determiner = bool(previous and previous.group(1) in DETERMINERS)
        if determiner and previous.group(1) in ("a", "an"):
            after = _NEXT_WORD.match(text, tokens[j - 1].end())
            # "a Delaware corporation": a name used as an adjective; "notice of a Suspension" is a term
            determiner = not (after and after.group(1).islower() and after.group(1) not in FUNCTION_WORDS)
        opener = ""
        if _starts_sentence(text, run_start):
            opener = members[0]
            determiner = determiner or opener.lower() in DETERMINERS
            members = members[1:]
            if members and members[0] in _CONNECTORS:
                members = []
            run_start = tokens[i + 1].start() if members else run_end
        if members:
            yield _Run(members, run_start, run_end, determiner, compound, opener)
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


def check_undefined(outline: Outline) -> Iterator[Finding]:
    """DD203: each capitalized word or name used as a defined term that the document never defines."""
    terms = outline.terms
    lowercase = {m.group() for para in outline.paras for m in _WORD.finditer(para.text) if m.group().islower()}

    def defined(words: list[str]) -> bool:
        return strip_possessive(" ".join(words)) in terms.known

    tails = {term[term.index(" ") :] for term in terms.known if " " in term}
    tails |= {tail[tail.index(" ", 1) :] for tail in list(tails) if " " in tail[1:]}
    single: dict[str, tuple[Para, int, int, str]] = {}
    counts: Counter[str] = Counter()
    multi: dict[str, tuple[Para, int, int]] = {}
    for para in outline.paras:
        if para.heading or not para.text.strip():
            continue
        text = para.text
        if _SIGNATURE.search(text):
            continue
        quoted = Spans(m.span() for m in QUOTE_SPAN.finditer(text))
        for run in _runs(para, caption_end(text), quoted):
            if _IDENTIFIER_NEXT.match(text, run.end) or _SUFFIX_NEXT.match(text, run.end) or text.startswith(":", run.end):
                continue
            if text[max(0, run.start - 10) : run.start].rstrip().endswith(":") or BY_REFERENCE.match(text, run.start):
                continue
            words = [strip_possessive(w) for w in run.words]
            if defined(words) or defined(run.words):  # "Officer's Certificate" is a term with its possessive
                continue
            if run.opener and defined([run.opener] + words):
                continue  # "Confidential Information may ...": the term opens the sentence
            if text[run.end : run.end + 1] == "/" or text[max(0, run.start - 1) : run.start] == "/":
                continue  # "Deposit/Withdrawal at Custodian", "Cash/Public Change of Control": a compound name
            if _LAWS_OF.search(text[max(0, run.start - 20) : run.start]):
                continue  # "the laws of the Netherlands": a jurisdiction
            if run.compound:
                groups = _conjuncts(words)
                if len(groups) < 2 or not any(defined(g) for g in groups):
                    continue  # a proper name: "Securities and Exchange Commission"
                candidates = [g for g in groups if not defined(g) and len(g) == 1 and "of" not in g]
            else:
                candidates = [words]
            for candidate in candidates:
                if sum(map(len, candidate)) + len(candidate) > MAX_TERM:
                    continue  # hundreds of characters: not a name anyone defines
                if len(candidate) == 1:
                    word = candidate[0]
                    if len(word) < 2 or word.isupper() or word in PROPER_WORDS or word.lower() in FUNCTION_WORDS:
                        continue
                    common = word.lower() in lowercase
                    if not run.determiner:
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
                    if " " + " ".join(candidate) in tails:
                        continue  # "the Financial Statements" for the defined "Reviewed Financial Statements"
                    phrase = " ".join(candidate)
                    counts[phrase] += 1
                    multi.setdefault(phrase, (para, run.start, run.end))
    borrowed: dict[int, list[str]] = {}  # instrument -> the terms it leaves to another agreement
    for word, (para, start, end, reason) in single.items():
        if para.part in terms.incorporating_parts:
            borrowed.setdefault(para.part, []).append(word)
            continue
        yield error(
            "DD203",
            f'"{word}" is used as a defined term but the document never defines it{reason}: '
            f"{context(para.raw, start, end)}",
            outline.at(para),
        )
    for phrase, (para, start, end) in multi.items():
        if counts[phrase] < 2:
            continue
        if para.part in terms.incorporating_parts:
            borrowed.setdefault(para.part, []).append(phrase)
            continue
        yield error(
            "DD203",
            f'"{phrase}" is used as a defined term ({counts[phrase]} times) but the document never defines it: '
            f"{context(para.raw, start, end)}",
            outline.at(para),
        )
    for part, words in borrowed.items():
        home = terms.incorporating_parts[part]
        shown = ", ".join(f'"{w}"' for w in sorted(words)[:12]) + (f" and {len(words) - 12} more" if len(words) > 12 else "")
        yield warning(
            "DD203",
            f"{len(words)} capitalized term{'s are' if len(words) > 1 else ' is'} used but not defined here, "
            f"so {'they rely' if len(words) > 1 else 'it relies'} on the other agreement this paragraph "
            f"points to: {shown}; confirm each is defined there",
            outline.at(home),
        )
