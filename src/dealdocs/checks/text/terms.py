"""What a document defines: its defined terms, the terms it borrows, and its names for itself.

Read once by the outline; the defined-term checks (DD203-DD205), the
cross-reference check (the document's own names) and the date check use it.
`NearTerms` looks up the defined term a phrase is one word off (DD203's slips).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from dealdocs.checks.text.common import FUNCTION_WORDS, WORD, Para, signature_page_caption, strip_possessive, trie_pattern

_PAREN = re.compile(r"\(([^()]{1,400})\)")
_QUOTED = re.compile(r'"([^"]{1,100})"')
# What may stand before a term in its parentheses: "(the ", "(each a ", "(... and, together with Sunoco, the ".
_DEF_GLUE = re.compile(r'[^"()]{0,120}')
# "are herein collectively referred to as the "Securities"", "referred to herein as an "Extraordinary Dividend"".
_REFERRED = re.compile(
    r"\b(?:(?:referred\s+to|designated)\s+(?:herein\s+|hereinafter\s+|in\s+this\s+Agreement\s+)?"
    r"(?:collectively\s+|together\s+|individually\s+|each\s+)?as|called)"
    r'\s+(?:the\s+|an?\s+|each\s+)?"(?P<term>[A-Z0-9][^"]{0,99})"'
)
# What makes a quoted term no definition: a reference that widens a term ("any reference herein to the
# "Securities" shall include"), a mention after a preposition ("the determination of "Required Lenders""), a
# pointer after it ("any "OID", as defined below").
_EXTENSION = re.compile(r"\breferences?\s+(?:herein\s+|in\s+this\s+\w+\s+)?to\s+(?:the\s+|any\s+)?$")
_MENTION_BEFORE = re.compile(r"\b(?:of|in|to|for|with|by|under|from|on)\s+(?:the\s+|such\s+|any\s+)?$")
# "(or other property identified as "Collateral" therein)": another document's term, named
_MENTION_AFTER = re.compile(r"\s+(?:therein|thereto|thereunder|thereof)\b")
# "(or in all respects in the case of any representation qualified by materiality or "Material Adverse Effect")": a
# term the clause names, at the end of a sentence's worth of words (a second holdout), not one it defines
_IN_A_SENTENCE = re.compile(r"^(?:\S+\s+){8,}(?:or|and|nor)\s+$")
_POINTER_AFTER = re.compile(r"\s*,?\s*(?:(?:as\s+)?(?:such\s+term\s+is\s+)?defined|as\s+used)\b")
# A quoted term closing a parenthesis, whatever came before it: "(the lesser of (a) and (b), the "Maximum Amount")".
_CLOSING = re.compile(r'(?:,\s*|\b(?:the|an?|each)\s+)"(?P<term>[A-Z0-9][^"]{0,99})"\s*\)')
_MEANS = re.compile(
    r'(?:(?<![\w"])[Tt]he\s+(?:term|terms|words?|phrase)\s+)?"(?P<term>[A-Z0-9][^"]{0,99})"\s*(?:,\s*)?(?:shall\s+)?'
    r"(?:means?|mean|refers?\s+(?:collectively\s+|individually\s+)?to|includes?|is\s+used\s+to\s+mean"
    r"|(?:have|has)\s+the\s+same\s+meaning\s+as)\b"  # "Security" shall have the same meaning as in Section 2(a)(1) of the Act
    # The "Limitation" shall be 9.99%; The "Limitation" shall initially be 4.99%
    r'|(?<![\w"])[Tt]he\s+"(?P<term2>[A-Z0-9][^"]{0,99})"\s+(?:shall|will)\s+(?:initially\s+)?be\b(?!\s+deemed\b)'
    # the "Fair Market Value" of one share of Common Stock shall mean ...; "Subsidiary" of any Person means ...;
    # "Investment" in any Person shall mean ...; "Required Lenders" at any time shall mean ...; a "Conversion Failure"
    # shall be deemed to exist when ...
    r'|(?:(?<![\w"])[Tt]he\s+)?"(?P<term3>[A-Z0-9][^"]{0,99})"\s+(?:of|for|in|(?:at|on)(?=\s+(?:any|each)\s+(?:time|date|day)\b)|with\s+respect\s+to|in\s+respect\s+of|as\s+to)\s+'
    r'[^".;]{1,80}?\s+(?<!\bby\s)(?<!\bwhich\s)(?:shall\s+)?means?\b(?!\s+of\b)'  # not "by means of", "which means"
    r'|(?<![\w"])(?:[Aa]n?\s+"(?P<term5>[A-Z0-9][^"]{0,99})"\s+shall\s+be\s+deemed\s+to\s+(?:exist|occur|have\s+occurred)'
    r'|[Tt]he\s+"(?P<term6>[A-Z0-9][^"]{0,99})"\s+shall\s+be\s+deemed\s+to\s+(?:exist|occur))\b'
    # "Convert", "Conversion" and "Converted" each refers to ...; "Refinanced" and "Refinancing" will have correlative
    # meanings; "Knowledge of Seller", "Seller's Knowledge" or words of similar connection means ...;
    # "Commission" or the "SEC" means ...
    r'|"(?P<term4>[A-Z0-9][^"]{0,99})"(?P<more>(?:\s*(?:,|and|or)\s*(?:the\s+)?"[^"]{1,100}"){1,12})\s*,?'
    r"(?:\s+or\s+words\s+of\s+(?:similar|like)\s+(?:import|connection|meaning))?\s*(?:each\s+)?"
    r"(?:(?:shall\s+)?(?:means?|refers?\s+to)|(?:will|shall)\s+have\s+(?:a\s+)?correlative\s+meanings?)\b"
)
# A glossary entry that points to where a term is defined: "Bank" is defined in the preamble;
# "Notes" has the meaning set forth in the recitals; "Fee" and "Fees" is defined in Section 2.5(b).
_WHERE = r"(?P<where>(?:[^.;]|\.(?=\d)){0,60})"  # where a pointer says its term is defined: "in Section 2.5(b)"
_AS_DEFINED_IN = rf"(?P<pointer>(?i:as)\s+defined\s+in\b){_WHERE}"  # "... as defined in the Fee Letter"
_ENTRY_MARK = r"\s*(?:\(?[a-zA-Z0-9]{1,4}[.)]\s*|\d{1,3}(?:\.\d{1,3}){1,4}\.?\s*)?"  # what may open a glossary entry
_POINTER = re.compile(
    # at most twelve terms named together: unbounded, each quotation of a long run of them read the rest (quadratic)
    r'"(?P<term>[A-Z0-9][^"]{0,99})"(?P<more>(?:\s*(?:,|and|or)\s*"[^"]{1,100}"){0,12})\s*(?:,\s*)?(?:shall\s+)?'
    r"(?:has|have|is|are|shall\s+have)\s+(?:the\s+(?:respective\s+)?meanings?\s+(?:set\s+forth|given|assigned|ascribed|specified|provided|stated)"
    r"|(?:the\s+meanings?\s+)?defined)\b[^.;]{0,40}?\b(?:in|to|under|on|by)\b" + _WHERE
)
# A glossary entry opening its paragraph: ""Account" is any "account" as defined in the Code", ""Letters of Credit" are ...".
_ENTRY = re.compile(
    # after a letter or number, or a section's number ("1.2.30"Person" will be broadly interpreted and includes:")
    _ENTRY_MARK + r'"(?P<term>[A-Z0-9][^"]{0,99})"(?P<more>(?:\s*(?:,|and|or)\s*"[^"]{1,100}")*)'
    r"\s*(?:is|are|shall\s+be|will\s+be)\b(?!\s+defined\b|\s+the\s+meaning)"
)
# A glossary entry opening its paragraph, its verb after words that qualify the term: ""Guaranty", as applied to an
# obligation, shall mean", ""Guarantee" of or by any Person (the "guarantor") shall mean", ""Type", when used in
# reference to any Loan, refers to", ""Fees" shall collectively mean", ""Applicable Margin" as defined in the Pricing
# Side Letter", or a colon after the term (""Business Day": a day other than ...", the style of many New York credit
# agreements). Only at the paragraph's start, where a quoted term is an entry, not a use; within its sentence.
_OPENING = re.compile(
    _ENTRY_MARK + r'"(?P<term>[A-Z0-9][^"]{0,99})(?<!\.)"'
    r"(?:\s*:(?!\s*(?:(?i:as)\s+defined|$))"  # ""Business Day": a day other than ...": the colon is the verb
    r'|(?:[^.;"]|"[^"]{0,60}"){0,160}?'  # not "shall also mean" (a widening, `defined_terms._EXTENDS`)
    r"(?<![\w-])(?<!\balso\s)(?:(?:shall\s+)?(?:collectively\s+)?(?:means?|refers?\s+to)\b(?!\s+of\b)"
    rf"|{_AS_DEFINED_IN}))"
)
# Glossary entries of that colon style run into one paragraph: "... as amended. "Commitment": as to any Lender, ...",
# "... . "Margin": as defined in the Fee Letter." (a pointer)
_COLON_ENTRY = re.compile(rf'(?<=[.;])\s+"(?P<term>[A-Z0-9][^"]{{0,99}})"\s*:\s+(?:{_AS_DEFINED_IN})?')
# Hints: what a paragraph must hold for the pattern of the same name to match anywhere in it. Each starts
# with a character (or set) the regex engine looks for before trying the rest, so a paragraph without
# it costs one quick scan; the patterns themselves are tried at every character.
_MEANS_HINT = re.compile(
    r'"\s*(?:,\s*)?(?:shall\s+)?(?:means?|mean|refers?\s+(?:collectively\s+|individually\s+)?to|includes?|is\s+used\s+to\s+mean'
    r'|(?:have|has)\s+the\s+same\s+meaning\s+as)\b|"\s+(?:shall|will)\s+(?:initially\s+)?be\b'
    r'|"\s+(?:of|for|in|(?:at|on)(?=\s+(?:any|each)\s+(?:time|date|day)\b)|with\s+respect\s+to|in\s+respect\s+of|as\s+to)\s+[^".;]{1,80}?\s+(?:shall\s+)?means?\b'
    r'|"\s*,?\s*each\s+(?:shall\s+)?(?:means?|refers?\s+to)\b|correlative\s+meaning|words\s+of\s+(?:similar|like)\s+'
)
_CLOSING_HINT = re.compile(r'"\s*\)')
# Parties defined in apposition, without parentheses: "..., and any of Seller or Buyer, a "Party", and, collectively,
# the "Parties"." (one and all of them, named together: a term quoted alone after a comma may be a use).
_APPOSITIVE = re.compile(
    r',\s*(?:each\s+)?(?:an?|each)\s+"(?P<term>[A-Z0-9][^"]{0,99})"\s*,?\s*(?:and|or)\s*,?\s*(?:collectively|together)'
    r'\s*,?\s+(?:the\s+)?"(?P<term2>[A-Z0-9][^"]{0,99})"')
_REFERRED_WORDS = ("referred", "designated", "called")  # one of them is in every `_REFERRED`, looked for as text
# "terms" in any case, as IGNORECASE reads it (U+017F, the long s, is an "s" to it), as quick to look for as a letter.
TERMS_HINT = re.compile("[Tt][Ee][Rr][Mm][Ss\u017f]")
# "assigned to that term in Section 2.3": the place follows the words for the term.
_TO_TERM = r"(?:\s*(?:it|them|(?:that|such|those)\s+terms?)\s+(?:in|under|on|by)\b)?"
_WHERE_FRONT = re.compile(_TO_TERM + r"\s*(?:the\s+)?(?P<front>[Pp]reamble|PREAMBLE|[Rr]ecitals?|RECITALS?)\b")
_WHERE_SECTION = re.compile(_TO_TERM + r"\s*(?:the\s+)?Section\s+(?P<number>\d{1,3}(?:\.\d{1,3})*)(?P<clauses>(?:\([a-zA-Z0-9]{1,5}\))*)")
_ANOTHERS = re.compile(r"\s*,?\s*(?:of|under)\s+(?!this\b)(?:the\s+)?[A-Z]")  # "Section 3(a)(9) of the Exchange Act"
# Starts only at a word's start: tried inside a long word it would rescan the word from every letter.
CAP_RUN = r"(?<![\w'-])(?:[A-Z][\w'-]*\s+){0,5}[A-Z][\w'-]*"
_BY_REFERENCE_TAIL = r"\((?:as\s+)?(?:such\s+terms?\s+(?:is|are)\s+)?defined\s+(?:in|under|by)\s+(?!this\b|herein\b)"
BY_REFERENCE = re.compile(rf"(?P<term>{CAP_RUN})\s*{_BY_REFERENCE_TAIL}")
"""A term borrowed by name: "Purchase Price (as defined in the Purchase Agreement)"."""
BY_REFERENCE_HINT = re.compile(_BY_REFERENCE_TAIL)
"""What a paragraph must hold for `BY_REFERENCE` to match in it."""


def may_say(text: str, *words: str) -> bool:
    """False when ASCII `text` holds none of `words` (lower-case ASCII) in any case: a case-insensitive
    pattern that needs one of them cannot match it. Other text may fold other letters to them."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(word in low for word in words)


def borrows_by_name(text: str) -> bool:
    """False when `BY_REFERENCE` cannot match in `text` (looked for quickly)."""
    return "defined" in text and BY_REFERENCE_HINT.search(text) is not None
# "(each as defined in the Indenture)", "(as such terms are defined in ...)": every capitalized
# name earlier in the sentence is borrowed.
_BY_REFERENCE_EACH = re.compile(
    r"\((?:each|all|both|in\s+each\s+case),?\s+(?:as\s+)?(?:such\s+terms?\s+(?:is|are)\s+)?defined\s+(?:in|under|by)\s+(?!this\b|herein\b)"
    r"|\(as\s+such\s+terms\s+are\s+defined\s+(?:in|under|by)\s+(?!this\b|herein\b)"
)
# "This Agreement": "his" first, a literal the engine finds quickly, then the "T" or "t" before it and the word
# boundary before that (`\b` first would make the engine try every character, "[Tt]" first every "t").
# A match starts at "his": the checks read only its group and its end.
_SELF_REFERENCE = re.compile(r"his(?<=[Tt]his)(?<!\w[Tt]his)\s+((?:[A-Z][a-z][\w'-]*\s+){0,3}[A-Z][a-z][\w'-]*)")
_DIGIT_NEXT = re.compile(r"\s+\d")
_INSTRUMENT_KINDS = frozenset({"Agreement", "Indenture", "Note", "Deed", "Mortgage", "Guaranty", "Guarantee", "Warrant",
                               "Certificate", "Lease", "Amendment", "Supplement", "Instrument", "Plan", "Letter"})
_AMENDING = frozenset({"Amendment", "Supplement", "Waiver", "Joinder"})
_USUAL_TIMES = 3  # how often a document must call itself one kind of instrument for once another to stand out
_PARTS = frozenset({"Article", "Section", "Subsection", "Clause", "Paragraph", "Part", "Exhibit", "Schedule", "Annex",
                    "Appendix", "Recital", "Recitals"})  # "this Article": what a part of a document calls itself
_SELF_DEFINITION = re.compile(r'\(\s*this\s+"([^"]{1,60})"\s*\)')
_INCORPORATION = re.compile(
    r"(?:capitali[sz]ed|defined)\s+terms\b[^.]{0,160}?\b(?:not\s+(?:otherwise\s+)?defined|without\s+definition|undefined)\b"
    r"[^.]{0,160}?\bmeanings?\b(?![^.]{0,60}?\b(?:in|under)\s+(?:this\s+Agreement|Section|Article|Exhibit|Schedule|Annex)\b)"
    r"|(?:capitali[sz]ed|defined)\s+terms\b[^.]{0,160}?\b(?:are\s+)?(?:set\s+forth|defined|listed)\s+(?:on|in)\s+"
    r"(?:Schedule|Annex|Appendix|Exhibit)\s+[\w.-]+"
    # "Terms used and not defined herein have the meanings assigned in the Preliminary Offering Memorandum"
    r"|\bterms\s+used\s+(?:and|but)\s+not\s+(?:otherwise\s+)?defined\b[^.]{0,80}?\bmeanings?\b[^.]{0,40}?\b(?:in|under)\s+"
    r"(?:the\s+|that\s+certain\s+)?(?!(?:Recitals?|Preamble|Appendix|Annex|Exhibit|Schedule|Section|Article)\b)[A-Z]"
    # "All terms used herein that are defined in the Original Credit Agreement shall have the same meanings when used herein"
    r"|\bterms\s+used\s+(?:herein|in\s+this\s+\w+)\s+(?:that|which)\s+are\s+defined\s+in\s+"
    r"(?!(?:the\s+)?(?:this|UCC|Uniform|Code|Recitals?|Preamble|Appendix|Annex|Exhibit|Schedule|Section|Article)\b)"
    r"(?:the\s+)?[A-Z]"
    r"[^.]{0,80}?\bhave\s+the\s+(?:same\s+)?meanings?\b"
    # "... have the meanings assigned to them in Section 1 below or, if not otherwise defined, the Revolving Credit Agreement"
    r"|capitali[sz]ed\s+terms\b[^.]{0,160}?\bmeanings?\b[^.]{0,120}?\bif\s+not\s+(?:otherwise\s+)?defined\b[^.]{0,20}?\s"
    r"(?:in\s+)?the\s+[A-Z]",
    re.IGNORECASE,
)
_FILING_LABEL = re.compile(r"(?i:exhibit)\s+\d+\.\d+")
_ALPHANUMERIC = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
MAX_TERM = 100
"""The longest term, in characters, that counts as a name (a quoted definition allows as many)."""


@dataclass
class Definition:
    term: str
    para: Para
    start: int
    inline: bool = True  # introduced in running text ("(the Company)"), not a definitions-section entry
    pointer: bool = False  # a glossary entry pointing elsewhere ("Bank" is defined in the preamble)
    where: tuple[tuple[int, ...], str] | None = None  # the section it points to: ((6, 2), "(e)")
    front: str = ""  # the part of the opening it points to: "preamble" or "recitals"


@dataclass
class Terms:
    """What a document defines, and where."""

    explicit: list[Definition]
    known: set[str]  # every spelling that counts as defined, variants included
    canonical: dict[str, str]  # spelling -> the term as first defined
    incorporating_parts: dict[int, Para]  # instrument -> where it borrows another agreement's definitions
    self_names: set[str]  # the document's names for itself ("Agreement", "Escrow Agreement")
    pattern: re.Pattern[str] | None  # finds any known spelling (from anywhere: see `uses`)
    # (the other kind of instrument, where, the kind it names itself, how often) of a document calling itself "this
    # Indenture" once and "this Agreement" throughout: a sentence left from another document
    miscalled: list[tuple[str, Para, str, int]] = field(default_factory=list)

    def uses(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """Each known spelling in `text` from `pos`, as a whole word (no letter or digit on either side).

        `pattern` starts with the terms' first letters, which the regex engine
        looks for quickly; that no letter or digit comes before a match is
        checked here, and a match that fails it is tried again one character on.
        """
        if self.pattern is None:
            return
        while (match := self.pattern.search(text, pos)) is not None:
            start = match.start()
            if start and text[start - 1] in _ALPHANUMERIC:
                pos = start + 1
                continue
            yield match
            pos = max(match.end(), start + 1)


_COMPOUND = re.compile(r"(?P<head>.*?)(?P<word>[A-Za-z]+)(?P<join> (?:and|or) )(?P<rest>\S.*)")


def variants(term: str) -> set[str]:
    """The term with its last word in singular and plural form ("Final Buyer(s)": "Final Buyer", "Final Buyers"); in
    a compound, the word before its "and" or "or" too ("Material Contracts and Licenses": "Material Contract and
    License")."""
    for optional, singular in (("(ies)", "y"), ("(es)", ""), ("(s)", "")):
        if term.endswith(optional) and len(term) > len(optional) + 1:
            return {term} | variants(term[: -len(optional)] + singular)
    compound = _COMPOUND.fullmatch(term)
    if compound and " " not in compound["rest"]:
        return {f"{compound['head']}{word}{compound['join']}{last}"
                for word in _word_forms(compound["word"], participles=False) for last in _word_forms(compound["rest"])}
    head, _, last = term.rpartition(" ")
    return {f"{head} {form}" if head else form for form in _word_forms(last)}


def _word_forms(last: str, *, participles: bool = True) -> set[str]:
    """A word of a defined term as it is, in the singular and the plural, and (`participles`: its last word) a past or
    present participle ("Control": "Controlled", "Controlling")."""
    forms = {last}
    if len(last) > 3 and last.endswith("ies"):
        forms.add(last[:-3] + "y")
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        forms.add(last[:-1])
        if last.endswith(("sses", "shes", "ches", "xes", "zzes")):
            forms.add(last[:-2])  # "Losses": "Loss"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    elif last.endswith(("s", "x", "ch", "sh")):
        forms.add(last + "es")
    else:
        forms.add(last + "s")
    if participles and last[-1:].isalpha() and last[-1] not in "aeiouy":
        forms.update((last + "ed", last + "ing"))
        if last.endswith("l"):
            forms.update((last + "led", last + "ling"))
    return {form for form in forms if form}


def _term(quoted: str) -> str:
    """A quoted term as the text uses it: spaces collapsed, a full stop or comma inside the quotes left out."""
    return " ".join(quoted.split()).rstrip(".,;:")


def definitions(para: Para) -> Iterator[Definition]:
    """The terms this paragraph defines, in order."""
    for term, start, inline, pointer, where, front in _defined_in(para.text):
        yield Definition(term, para, start, inline, pointer, where, front)


_Defined = tuple[str, int, bool, bool, "tuple[tuple[int, ...], str] | None", str]


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _defined_in(text: str) -> tuple[_Defined, ...]:
    """(term, start, inline, pointer, where, front) of each `Definition` a paragraph of `text` makes, in order."""
    return tuple(_definitions(text))


def _definitions(text: str) -> Iterator[_Defined]:
    if '"' not in text:
        return  # every form of definition quotes its term
    found: set[int] = set()  # where the quotation of each term defined in running text starts
    for paren in _PAREN.finditer(text):
        inside, offset = paren.group(1), paren.start(1)
        if '"' not in inside:
            continue
        position = 0
        for quoted in _QUOTED.finditer(inside):
            glue = inside[position : quoted.start()]
            if (not _DEF_GLUE.fullmatch(glue) or _MENTION_BEFORE.search(glue) or _POINTER_AFTER.match(inside, quoted.end())
                    or _MENTION_AFTER.match(inside, quoted.end()) or _IN_A_SENTENCE.search(glue)):
                break  # "(... included in the determination of "Required Lenders")", "(any "OID", as defined below)"
            term = _term(quoted.group(1))
            if term and (term[0].isupper() or term[0].isdigit()) and len(term.split()) <= 8:
                found.add(offset + quoted.start())
                yield term, offset + quoted.start(), True, False, None, ""
            position = quoted.end()
    closing = _CLOSING.finditer(text) if _CLOSING_HINT.search(text) else ()
    referred = _REFERRED.finditer(text) if any(word in text for word in _REFERRED_WORDS) else ()
    appositive = _APPOSITIVE.finditer(text) if "collectively" in text or "together" in text else ()
    for match in [*closing, *referred, *appositive]:
        for group in ("term", "term2") if "term2" in match.groupdict() else ("term",):
            term = _term(match[group])
            if len(term.split()) <= 8 and match.start(group) - 1 not in found:
                found.add(match.start(group) - 1)
                yield term, match.start(group) - 1, True, False, None, ""
    pointed: set[int] = set()
    for match in _POINTER.finditer(text):
        where, place = _pointed_to(match["where"])
        for quoted in [match.group("term")] + _QUOTED.findall(match["more"] or ""):
            term = _term(quoted)
            if len(term.split()) <= 8:
                yield term, match.start(), False, True, where, place
        pointed.add(match.start())
    entry = _ENTRY.match(text)
    if entry and entry.start() not in pointed:
        for quoted in [entry.group("term")] + _QUOTED.findall(entry["more"] or ""):
            term = _term(quoted)
            if len(term.split()) <= 8:
                yield term, entry.start("term") - 1, False, False, None, ""
    means: set[int] = set()  # where each term `_MEANS` found starts
    for match in _MEANS.finditer(text) if _MEANS_HINT.search(text) else ():
        if match.start() in pointed or _EXTENSION.search(text[max(0, match.start() - 60) : match.start()]):
            continue  # "any reference herein to the "Securities" shall include ...": widens a term, defines none
        group = next(name for name in ("term", "term2", "term3", "term5", "term6", "term4") if match[name])
        means.add(match.start(group))
        for term in map(_term, [match[group], *_QUOTED.findall(match["more"] or "")]):
            if len(term.split()) <= 8:
                yield term, match.start(), False, False, None, ""
    opening = None if entry else _OPENING.match(text)
    if opening and opening.start("term") not in means and opening.start("term") - 1 not in pointed:
        term = _term(opening["term"])
        where, place = _pointed_to(opening["where"]) if opening["pointer"] else (None, "")
        if term and len(term.split()) <= 8:
            yield term, opening.start("term") - 1, False, bool(opening["pointer"]), where, place
    for match in _COLON_ENTRY.finditer(text) if '":' in text or '" :' in text else ():
        term = _term(match["term"])
        where, place = _pointed_to(match["where"]) if match["pointer"] else (None, "")
        if len(term.split()) <= 8:
            yield term, match.start("term") - 1, False, bool(match["pointer"]), where, place


def _pointed_to(where: str) -> tuple[tuple[tuple[int, ...], str] | None, str]:
    """(the section's number and clauses, "preamble" or "recitals") that a pointer's words after "in" name: ""Bank"
    is defined in Section 2.5(b)", "... in the preamble"; (None, "") for another document's."""
    section = _WHERE_SECTION.match(where)
    if section and _ANOTHERS.match(where, section.end()):
        section = None  # a section of another document
    front = _WHERE_FRONT.match(where)
    place = ("preamble" if front["front"].lower() == "preamble" else "recitals") if front else ""
    return ((tuple(int(n) for n in section["number"].split(".")), section["clauses"]) if section else None), place


def title(opening: Sequence[Para]) -> str | None:
    """The document's title, in title case ("Escrow Agreement"), when its main part opens with one."""
    for para in opening:
        bare = para.text.strip()
        if not bare or _FILING_LABEL.fullmatch(bare):
            continue
        if para.heading and not bare.startswith("[") and len(bare) <= 80:
            return " ".join(w.capitalize() for w in WORD.findall(bare)) or None
        return None
    return None


def drop_leading_function_word(run: str) -> str:
    """ "the Purchase Price" -> "Purchase Price"."""
    words = run.split()
    while len(words) > 1 and words[0].lower() in FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words)


_OTHER_DOCUMENT = re.compile(
    r"(?<!\bthis )(?<!\bThis )\b(?:[A-Z][a-z]+ ){1,4}(?:Agreement|Notice|Notes?|Certificate|Indenture)\b"
)
"""Another document named by its title: "the Escrow Agreement", "[Signature Page to Note Purchase Agreement"."""


def _about_other_documents(paras: Sequence[Para], own: set[int], incorporating: dict[int, Para]) -> None:
    """An instrument that neither defines a term nor calls itself "this Agreement" (`own`: those that do), and
    names other documents (a closing checklist, a signature packet, a memorandum about the agreements), uses
    their terms: it borrows their definitions, as one that says so does (`incorporating`, at the first paragraph
    naming one)."""
    for para in paras:
        if para.part in incorporating or para.part in own:
            continue
        if _OTHER_DOCUMENT.search(para.text):
            incorporating[para.part] = para


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _named_in(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool, tuple[str, ...]]:
    """What a paragraph of `text` says of terms besides defining them: the terms it borrows by name, its names for
    its own instrument ("this Agreement"), the names it gives that instrument ("this Escrow Agreement (this
    "Agreement")"), whether it incorporates another agreement's definitions, and which of its names for its own
    instrument it says outside quotation marks (a legend quoted, "This Certificate and the shares", is another's)."""
    borrowed: list[str] = []
    defined = "defined" in text  # in every form of borrowing by name
    for match in BY_REFERENCE.finditer(text) if defined and borrows_by_name(text) else ():
        borrowed.append(drop_leading_function_word(match["term"]))
    for match in _BY_REFERENCE_EACH.finditer(text) if defined else ():
        sentence = re.split(r"[.;:]\s", text[max(0, match.start() - 300) : match.start()])[-1]
        borrowed.extend(m.group() for m in re.finditer(CAP_RUN, sentence))
    own = [match for match in _SELF_REFERENCE.finditer(text) if not _DIGIT_NEXT.match(text, match.end())]
    own_names = tuple(strip_possessive(match.group(1)) for match in own)
    unquoted: list[str] = []
    quotes = position = 0
    for match in own:  # the quotation marks before each counted once: linear in a long paragraph
        quotes, position = quotes + text.count('"', position, match.start()), match.start()
        if quotes % 2 == 0:
            unquoted.append(strip_possessive(match.group(1)))
    self_defined = tuple(match.group(1) for match in _SELF_DEFINITION.finditer(text)) if "this" in text else ()
    incorporates = bool(may_say(text, "defined", "capitali") and TERMS_HINT.search(text) and _INCORPORATION.search(text))
    return tuple(borrowed), own_names, self_defined, incorporates, tuple(unquoted)


def collect_terms(paras: Sequence[Para], main_part: Sequence[Para]) -> Terms:
    """The document's defined, borrowed and self-naming terms (`main_part`: the paragraphs of part 0)."""
    explicit: list[Definition] = []
    implicit: set[str] = set()
    incorporating: dict[int, Para] = {}
    self_names: set[str] = set()
    self_naming: set[int] = set()  # instruments that call themselves "this Agreement", "this Note"
    called: Counter[str] = Counter()  # how often the main part says "this Agreement", "this Note"
    called_at: dict[str, Para] = {}  # where it first does
    name = title(main_part)
    if name:
        self_names.update({name, name.split()[-1]})
    previous = ""
    for para in paras:
        text = para.text
        captioned, previous = signature_page_caption(previous), text
        if '"' in text:
            explicit.extend(definitions(para))
        borrowed, own_names, self_defined, incorporates, unquoted = _named_in(text)
        implicit.update(borrowed)
        if own_names:
            implicit.update(own_names)
            if not captioned:  # a signature page's "this Agreement" is the agreement its caption names
                self_naming.add(para.part)
            if para.part == 0:  # "this Article", "this Section": a part of it, not its name
                called.update(own for own in unquoted if own not in _PARTS)
                called_at.update((own, para) for own in unquoted if own not in called_at)
        if para.part == 0:
            self_names.update(self_defined)
        if incorporates:
            incorporating.setdefault(para.part, para)
    # a document calling itself by another kind of instrument once ("rights under this Indenture", a Sale and
    # Servicing Agreement's slip, which says "this Agreement" throughout) has not taken that name: its references to
    # the indenture's sections stay the indenture's
    (usual, often), *_ = called.most_common(1) or [("", 0)]
    kind = usual.split()[-1] if usual else None
    self_names.update(called_as for called_as, times in called.items() if times > 1 or called_as.split()[-1] == kind)
    miscalled = [(called_as, called_at[called_as], usual, often) for called_as, times in called.items()
                 if times == 1 and often >= _USUAL_TIMES and called_as.split()[-1] in _INSTRUMENT_KINDS
                 and kind not in _AMENDING  # an amendment inserts text that says "this Agreement", which it amends
                 and called_as.split()[-1] != kind and called_as.split()[-1] not in (name or "").split()]
    _about_other_documents(paras, {d.para.part for d in explicit} | self_naming, incorporating)
    implicit |= self_names
    canonical, pattern = _spellings(tuple([d.term for d in explicit] + sorted(implicit)))
    return Terms(explicit, set(canonical), dict(canonical), incorporating, self_names, pattern, miscalled)


@lru_cache(maxsize=256)  # a deal's notes define the same terms: their spellings and pattern are worked out once
def _spellings(terms: tuple[str, ...]) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Every spelling of `terms` that counts as one of them (-> the term as first given), and a pattern that finds
    any of them (None when there are none). The caller copies the dict: it is kept for the next document."""
    canonical: dict[str, str] = {}
    for term in terms:
        if len(term) > MAX_TERM:
            continue  # not a name anyone writes twice; and it would make every search for terms slower
        for form in variants(term) | {term}:
            canonical.setdefault(form, term)
    pattern = re.compile(rf"(?:{trie_pattern(canonical)})(?![A-Za-z0-9])") if canonical else None
    return canonical, pattern


# ------------------------------------------------------------------ terms one word off the defined ones (DD203)

# A run these open is a term even used once ("the Initial Demand"); and, where only the rest of it is defined
# ("Second Extended Maturity Date" for "Extended Maturity Date"), a term of its own, never defined
ORDINALS = frozenset("First Second Third Fourth Fifth Initial Additional Subsequent Final Further".split())


def singular(term: str) -> str:
    """`term` with its last word in the singular, roughly ("Authorities": "Authority"): both sides of a lookup alike."""
    if term.endswith("ies"):
        return term[:-3] + "y"
    return term[:-1] if term.endswith("s") and not term.endswith("ss") else term


_TITLE_WORDS = frozenset(("Agreement", "Agreements", "Indenture", "Amendment", "Guaranty", "Guarantee", "Plan",
                          "Facility", "Instrument", "Certificate", "Contract", "Lease", "Policy", "Program"))
"""The last words of a document's title ("Note Purchase Agreement", "Revolving Credit Facility")."""


class NearTerms:
    """The defined terms of three words or more, looked up by what a term one word off them would be: a word
    left out inside ("First Maturity Date" for "First Extended Maturity Date"), a word added inside ("Revolving
    Credit Loan Documents" for "Revolving Credit Documents"), a word inflected before the last ("Fixed Assets
    Obligations" for "Fixed Asset Obligations", "Tax Authorities" for "Taxing Authorities"), an ordinal for another
    ("Second Extension Notice" for "First Extension Notice"). A word left out or
    added at either end is another term's modifier or head, not a slip ("the Financial Statements")."""

    def __init__(self, terms: Terms) -> None:
        """`terms`: the document's; indexed at the first look-up (most documents never need one)."""
        self.known = terms.known  # every spelling that counts as a defined term (plurals too)
        self._terms = terms
        self.seen: dict[str, str | None] = {}  # each phrase looked up, and what it is near
        self.shortened: dict[str, str] = {}  # a term without one inner word -> the term
        self.blanked: dict[str, list[tuple[str, str]]] = {}  # a term with one word before its last blanked -> (term, word)
        self.defined_in: dict[str, list[str]] = {}  # a term -> the text of each paragraph defining it
        self._indexed = False

    def _index(self) -> None:
        for term in sorted({t for t in self._terms.canonical.values() if " " in t}):  # in one order, whatever the
            # process's string hashing: the first term a phrase is one word off is the one named (a held-out measure:
            # "Interim Order" was said to be "Interim Compensation Order" in one run, "Interim Financing Order" in another)
            words = singular(term).split()
            if len(words) >= 3:
                for k in range(1, len(words) - 1):
                    self.shortened.setdefault(" ".join(words[:k] + words[k + 1 :]), term)
            if len(words) >= 2:
                for k in range(len(words) - 1):
                    self.blanked.setdefault(" ".join(words[:k] + ["*"] + words[k + 1 :]), []).append((term, words[k]))
        for definition in self._terms.explicit:
            self.defined_in.setdefault(definition.term, []).append(definition.para.text)
        self._indexed = True

    def near(self, words: list[str]) -> str | None:
        """The defined term `words` are one word off, or None: none when they are a document's title and the paragraph
        defining that term names it (the title the term stands for: "“Note Agreement” means the Note Purchase
        Agreement dated ...")."""
        phrase = " ".join(words)
        if phrase not in self.seen:
            if not self._indexed:
                self._index()
            term = self._near(words, phrase)
            if (term is not None and words[-1] in _TITLE_WORDS
                    and any(phrase in text for text in self.defined_in.get(self.canonical(term), ()))):
                term = None
            self.seen[phrase] = term
        return self.seen[phrase]

    def canonical(self, term: str) -> str:
        return self._terms.canonical.get(term, term)

    def _near(self, words: list[str], phrase: str) -> str | None:
        for k in range(1, len(words) - 1):
            shorter = " ".join(words[:k] + words[k + 1 :])
            if len(words) >= 3 and shorter in self.known:
                return shorter
        words = singular(phrase).split()  # the index is of terms with their last word in the singular
        if len(words) >= 2 and " ".join(words) in self.shortened:
            return self.shortened[" ".join(words)]
        for k in range(len(words) - 1):
            for term, word in self.blanked.get(" ".join(words[:k] + ["*"] + words[k + 1 :]), ()):
                short, long = sorted((word, words[k]), key=len)
                if len(short) >= 3 and long.startswith(short) and 0 < len(long) - len(short) <= 3:
                    return term
                if k == 0 and word in ORDINALS and words[0] in ORDINALS:
                    return term  # "Second Extension Notice" where only the "First Extension Notice" is defined
        return None
