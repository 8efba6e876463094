"""A document's outline, parsed once: its paragraphs, instruments, headings, numbering and terms.

Every text check reads an `Outline` and none depends on another having run:
what the document is made of is computed here, without findings.

- Paragraphs: each folded (straight quotes, plain spaces) for matching and
  kept raw for quoting; marked as a heading (a title, caption or
  signature-block label) or running text.
- Instruments: an exhibit, schedule or annex heading ("Exhibit A to Escrow
  Agreement", "EXHIBIT B"), or a form's heading ("[FORM OF]", "Form of
  Warrant Certificate") not just after one, starts a new instrument ("part")
  within the document; numbering is judged within one instrument.
- Sections and articles: the number a paragraph opens with ("ARTICLE IV",
  "2.14 Fees.", "Section 3", "7. Governing Law."), and per instrument every
  section number (with its prefixes) and article it has.
- List markers: the marker a paragraph opens with ("(a)", "ii)", "c.") and
  the markers of a list run inline ("(i) pay, (ii) deliver"), leaving out
  references ("clause (ii)") and figures ("five (5)").
- Table of contents: from a "TABLE OF CONTENTS" heading to the first line
  of running text (or to its first entry written again, where the body
  begins), its lines are headings and numbered captions, with or without
  their pages, that name sections without being them (no section number,
  list or exhibit starts there).
- Terms: see `dealdocs.checks.text.terms`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from dealdocs.checks.text.common import (
    ROMAN_VALUES,
    SMALL_WORDS,
    WORD,
    Para,
    Spans,
    fold,
    is_number_token,
    roman_value,
)
from dealdocs.checks.text.terms import Terms, collect_terms
from dealdocs.findings import Location, paragraph_unit
from dealdocs.ooxml.text import Paragraph

__all__ = ["ATTACHMENT_ID", "STATEMENTS", "Marker", "Numbering", "Outline", "Para", "parse"]

STATEMENTS = "financial statements"
"""The story of paragraphs in attached financial statements (`_statements`): read, never checked."""

ATTACHMENT_ID = r"(?:[A-Z]{1,2}|[IVX]{1,5}|\d{1,3})(?:-\d+|(?<=\d)-[A-Z]{1,2}(?![a-z])|-[IVX]{1,4}\b)?(?:\([a-z0-9]{1,4}\))*"
"""How an exhibit, schedule or annex is numbered: "A", "B-1", "5-B", "B-I", "4(c)" (the one pattern for both)."""
_EXHIBIT_HEADING = re.compile(
    r"\s*(?P<kind>EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\s+"
    rf"(?P<id>{ATTACHMENT_ID})(?!\w|\.\d)[.:]?(?P<rest>.*)"
)  # "Exhibit A to Escrow Agreement", "EXHIBIT B-1", "Schedule 4(c) - Capitalization"
_SECTION_PREFIX = re.compile(r"\s*(?:(?:ARTICLE|Article|SECTION|Section)\s+[\dIVXLC]+\.?|\d+(?:\.\d+)*\.?)\s+")
_CAPTION_WORDS = SMALL_WORDS | {"is", "are", "be"}  # what a caption writes in lower case: "Time is of the Essence."
_CAPTION = re.compile(
    r"\s*(?:(?:(?:Section|SECTION|Item|ITEM)\s+)?\d+(?:\.\d+)*\.?(?:\s+|(?=[A-Z]))|\(?[A-Za-z0-9]{1,4}[.)](?:\s+|(?=[A-Z])))?"
    r"(?P<caption>[A-Z][\w'-]*(?:(?:[ ,;&]|\s[-\u2013\u2014]\s)+(?:[A-Z][\w'-]*|\(\d{1,3}\)|"
    + "|".join(sorted(_CAPTION_WORDS))
    + r"))*)(?:\.(?=\s|$)|,\s*etc\.(?=\s|$)|(?=\s[-\u2013\u2014]\s+[a-z]))"  # "No Other Duties, etc.", "(e) No
)  # Litigation - there is no ...": a caption, then its text (a second holdout)
# A number of three levels or more run into any text is a section: "1.2.29.1unregistered liens", "4.4.10HPT Constating"
_DEEP_SECTION = re.compile(r"\s*(?:Section\s+|SECTION\s+)?(\d{1,3}(?:\.\d{1,3}){2,})\.?(?=[A-Za-z\"])")
_TOP_SECTION = re.compile(r"\s*(\d{1,3})\.\s+(\S.*)")
# Filings converted from Word lose the tab after a number: "2.1Promise to Pay.", "1ACCOUNTING AND OTHER TERMS".
# ... or into an acronym's caption, a quoted term or a "[Reserved]": "Section 3.21OFAC.", "1.2.13"Financial Statements"
# means", "Section 1.6[Reserved]." (not into a heading in
# capitals: "6.14NEGATIVE COVENANTS" is an article's title numbered as a section, which the numbering check reports)
_SUB_SECTION = re.compile(r"\s*(?:Section\s+|SECTION\s+)?(\d{1,3}(?:\.\d{1,3})+)\.?(?:\s+(?=[A-Z(\"]|\[(?i:Reserved|Intentionally))"
                          r"|(?=[A-Z][a-z]|\"[A-Z]|[A-Z]{2,6}[.;:,]|\[(?i:Reserved|Intentionally)))")
_TOP_RUN_IN = re.compile(r"\s*(\d{1,3})(?=[A-Z][A-Za-z])|\s*(\d{1,3})\.(?=\s*$|\(?[a-z]\))")
# "5.The Issuers ... covenant": a section of a letter agreement, or an item of a numbered list ("1.The Company
# is duly organized"): read as a section only where it is the next section (`parse` knows which that is).
_RUN_IN_STATEMENT = re.compile(r"\s*(\d{1,3})\.(?=[A-Z])")
_SECTION_WORD = re.compile(r"\s*(?:Section|SECTION)\s+(\d{1,3})(?:\.?(?:\s+(?=[A-Z(\"])|\s*$)|\.(?=[A-Z][a-z]))")
_ARTICLE = re.compile(r"\s*(?:ARTICLE|Article)\s+([IVXLC]+|\d{1,3})\b\.?")
# "(" first, then what may not stand before it: the engine looks for "(" instead of trying every character.
_INLINE_MARKER = re.compile(
    r"\((?<![\w)(\[]\()(?P<m>[a-zA-Z]{1,5}|\d{1,2})\)"
    r"(?=\s+(?!(?:and|or|through|to)\s+\(|(?:and|or|above|below|hereof|hereto|herein)\b)[\w\"$(\[]|[a-z]{1,12}\s)"
)  # "(e) a Dealer", "(q) [Reserved]", and "(e)a Dealer", run together by a conversion
_PARAGRAPH_MARKER = re.compile(
    r"\s*(?:\((?P<p>[a-zA-Z]{1,5}|\d{1,2}|(?P<same>[a-zA-Z])(?P=same){5,})\)|(?P<d>[a-zA-Z]{1,5}|\d{1,2})\))(?:\s+\S|(?=[A-Za-z]{2}|[A-Za-z]\s|[(\d\"\[]))"
    r"|\s*(?P<dot>[a-zA-Z]{1,5})\.\s+\S"
)
_REFERENCE_SPAN = re.compile(
    r"\b(?:(?i:clauses?|sub-?clauses?|sub-?sections?|paragraphs?|sub-?paragraphs?|items?)\s+"
    r"|(?:Sections?|SECTIONS?)\s+\d{1,3}(?:\.\d{1,3})*(?:\([a-zA-Z0-9]{1,5}\))*(?=\())"
    r"(?:\([a-z0-9]{1,5}\)(?:\([A-Za-z0-9]{1,5}\))*(?:\s*(?i:,|and/or|and|or|through(?:\s+and\s+including)?|to)\s*"
    r"(?i:and\s+|or\s+)?\([a-z0-9]{1,5}\)(?:\([A-Za-z0-9]{1,5}\))*)*"
    r"|\([A-Z0-9]{1,5}\)(?:\([A-Za-z0-9]{1,5}\))*(?:\s*(?i:,|and/or|and|or|through(?:\s+and\s+including)?|to)\s*"
    r"(?i:and\s+|or\s+)?\([A-Z0-9]{1,5}\)(?:\([A-Za-z0-9]{1,5}\))*)*)"
)
# A range named without a noun, "set forth in (i) through (vii)"; a clause a condition names, "if (B) is not followed".
_REFERENCE_BARE = re.compile(
    r"\([a-zA-Z0-9]{1,5}\)\s+through\s+(?:and\s+including\s+)?\([a-zA-Z0-9]{1,5}\)"
    r"|(?<![\w])if\s+\([a-zA-Z0-9]{1,5}\)(?=\s+(?:is|are|was|were|has|have|does|do)\b)"
)  # the markers a reference names are of one case: "Section 5(l), (III) the indemnity" goes on a list
_FORM_HEADING = re.compile(
    r"\s*(?:\[\s*)?(?:FORM\s+OF|Form\s+of)\b[^\]\[]{0,80}\]?\s*"  # one way to read the spaces: linear
    r"|\s*[A-Z][A-Z ,&'-]{2,60}\s+FORM\s*"  # "NOTICE OF ASSIGNMENT FORM", "SUBSCRIPTION FORM"
)
_CONTENTS_HEADING = re.compile(r"\s*(?:TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents|CONTENTS|INDEX|Page|PAGE)\s*:?\s*$")  # "Page": the head of its column
_CONTENTS_LEAD = re.compile(r"\s*(?:TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents)\b")  # entries run on after it
_PAGE_NUMBER = re.compile(r"\s*(?:\d{1,3}|[ivxlc]{1,6})\s*$")
_ATTACHMENT_ENTRY = re.compile(r"\b(?:EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\s+[\w.()-]+\s+[A-Z]")
_PAGE_AT_END = re.compile(r"(?:\s|\.{2,})(?:\d{1,3}|[ivxlc]{1,6})\s*$")
# an entry whose page number a conversion ran into its caption: "Section 9.10 Set off; Sharing of Payments.43"
_CAPTION_WORD = r"(?:[A-Z][\w'-]*|[a-z]{1,4}|&)"  # a caption's words: capitalized, or short ones ("Set off; Sharing of")
_PAGE_RUN_IN = re.compile(
    rf"\s*(?:(?:Section|SECTION)\s+)?\d{{1,3}}(?:\.\d{{1,3}})+\.?\s+{_CAPTION_WORD}(?:[,;]?\s+{_CAPTION_WORD}){{0,15}}"
    r"\.?\d{1,3}\s*")
_ENTRY_AND_PAGE = re.compile(
    r"[A-Za-z)]\s+\d{1,3}\s+(?:ARTICLE|Article|SECTION|Section|EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|\d|\([a-z]{1,4}\)\s+[A-Z])"
)
_GLUED_ENTRY = re.compile(r"[A-Za-z)]\d{1,5}\.\d{1,3}\s+[A-Z]")
"""An entry's caption, its page and the next entry's number run together by a conversion: "Vehicles204.14 Safety" is
"Vehicles", page 20, "4.14 Safety"; three or more in a line after a contents heading keep it contents (a held-out
measure: 19 findings); never alone, anywhere ("USD10.5 Million; Tranche B, USD20.5 Million": a code review)."""
_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)\s*$")


@dataclass(frozen=True)
class Marker:
    """A list marker: its token ("ii"), form ("paren" for "(ii)" and "ii)", "dot" for "c.") and place."""

    token: str
    form: str
    start: int
    end: int


@dataclass
class Numbering:
    """One instrument's numbered parts: what a cross-reference may point at."""

    sections: set[tuple[int, ...]] = field(default_factory=set)  # (2, 14) and its prefix (2,)
    articles: set[int] = field(default_factory=set)
    markers: set[str] = field(default_factory=set)  # list markers used as items: "(ii)", "c."


@dataclass
class Outline:
    """A document parsed once, for every text check."""

    name: str
    paras: list[Para]
    parts: dict[int, list[Para]]  # instrument -> its paragraphs
    sections: dict[int, tuple[str, tuple[int, ...]]]  # paragraph number -> ("section", (2, 14)) it opens
    leads: dict[int, Marker]  # paragraph number -> the list marker it opens with
    inline: dict[int, list[Marker]]  # paragraph number -> the markers of lists run inline in it
    numbering: dict[int, Numbering]  # instrument -> its numbering
    terms: Terms
    within: dict[int, tuple[int, ...]] = field(default_factory=dict)  # paragraph number -> the section it is in
    inserted: set[int] = field(default_factory=set)  # paragraph numbers of provisions an amendment inserts (`_inserted`)
    amends: bool = False  # the document amends another agreement (`_amends_another`)
    forms: frozenset[int] = frozenset()  # the parts that are forms of an instrument ("FORM OF NOTE"), part 0 too

    def appended(self, part: int) -> bool:
        """Whether `part` is appended to the document and no form of an instrument of its own: a schedule, an
        appendix of definitions, whose "this Agreement" is the document's and whose terms are its terms."""
        return part > 0 and part not in self.forms

    def at(self, para: Para) -> Location:
        return Location(document=self.name, paragraph=para.number)

    def where(self, para: Para) -> str:
        """How a message names another paragraph of the document: 'paragraph 5'; 'line 5' in a .txt file, whose
        paragraphs are numbered by their lines (`inputs`), as a finding's place is (a new user's trial: "line 49:
        ... differently from 'ROO Group, Inc.' (paragraph 5)")."""
        return f"{paragraph_unit(self.name)} {para.number}"


def _page_label(exhibit: tuple[str, str], current: tuple[str, str] | None, text: str, after: list[str]) -> bool:
    """True for a bare "Exhibit A-2" inside Exhibit A with running text after it: its page number, not an exhibit."""
    kind, label = exhibit
    if current is None or kind != current[0] or not re.fullmatch(re.escape(current[1]) + r"-\d{1,3}", label):
        return False
    bare = re.fullmatch(r"\s*\w+\s+[\w-]+\s*", text) is not None
    return bare and bool(after) and not is_heading(after[0])


def exhibit_heading(text: str) -> tuple[str, str] | None:
    """("exhibit", "A") when `text` is a heading such as "Exhibit A to Escrow Agreement" ("B-1" for "EXHIBIT B-1")."""
    match = _EXHIBIT_HEADING.fullmatch(text) if len(text) <= 300 else None
    if not match or len(text) > 100 and not (match["kind"].isupper() and match["rest"].isupper()):
        return None  # a long heading only in capitals: "EXHIBIT E FORM OF LETTER TO THE TRANSFER AGENT ..."
    # Only capitalized words and a few small words may follow: not a sentence about the exhibit.
    for word in WORD.findall(match["rest"]):
        if word[0].islower() and word not in _HEADING_SMALL_WORDS:
            return None
    return match["kind"].lower(), match["id"].upper()


_HEADING_SMALL_WORDS = frozenset(("to", "of", "the", "and", "or", "for", "a", "an", "in", "on", "by", "with"))


def is_heading(text: str) -> bool:
    """A title, heading, bracketed note or signature label, not running text.

    Mostly capitals ("ROO GROUP, INC.:"), in brackets ("[Signature Page Follows]"),
    or a short line of capitalized words ("7. Governing Law", "Robert Petty").
    """
    bare = text.strip()
    if not bare or len(bare) > 150:
        return False
    letters = "".join(filter(str.isalpha, bare))
    if len(letters) < 2:
        return True
    if sum(map(str.isupper, letters)) / len(letters) >= 0.85:
        return True
    if bare.startswith("[") and bare.endswith("]"):
        return True
    prefix = _SECTION_PREFIX.match(bare)
    words = WORD.findall(bare[prefix.end() if prefix else 0 :])
    return 0 < len(words) <= 12 and not bare.endswith((";", ",")) and all(
        w[0].isupper() or w in SMALL_WORDS for w in words
    )


def _contents_entry(text: str) -> bool:
    """True for a line of a table of contents: a heading, a caption and its page, a numbered caption of any words
    ("Section 3.1 Conditions Precedent to Effectiveness of this Agreement", its page number left out by the filing),
    or many of them run together."""
    if is_heading(text) or _PAGE_NUMBER.match(text) or _PAGE_AT_END.search(text) and len(text) <= 200:
        return True
    numbered = _NUMBERED_ENTRY.match(text) if len(text) <= 150 else None
    if numbered and not _RUNS_ON.search(text, numbered.end()) and not _NO_CAPTION.search(text, numbered.end()):
        return True
    if _PAGE_RUN_IN.fullmatch(text):
        return True
    if len(_ATTACHMENT_ENTRY.findall(text)) >= 3 and not re.search(r"[.;:]\s", text):
        return True  # "Schedule 1 Borrower Entities Schedule 1.1(a) Allocated Loan Amounts ...": a list of attachments
    if len(text) <= 200 and not re.search(r"[.;:]\s|[.;:]$", text):
        words = WORD.findall(text)  # a long caption that runs on to the next line: "... Pursuant to a Repurchase Upon"
        return bool(words) and all(w[0].isupper() or w in _CAPTION_WORDS for w in words)
    return len(_ENTRY_AND_PAGE.findall(text)) >= 3 or len(_GLUED_ENTRY.findall(text)) >= 3


def _contents_line(text: str) -> bool:
    """True for entries with their pages run together on a line of their own ("Section 1. Definitions 1 Section 2.
    Rules 3 Section 3 ..."), after a contents heading on the same line or none."""
    if _CONTENTS_LEAD.match(text):
        return len(_ENTRY_AND_PAGE.findall(text)) >= 3
    return (_ENTRY_AND_PAGE.search(text, 0, 120) is not None and len(_ENTRY_AND_PAGE.findall(text)) >= 3
            and not re.search(r"[.;:]\s+[a-z]", text))


def _contents(texts: list[str]) -> set[int]:
    """The 0-based indexes of the table of contents: from its heading to the first line of running text, or to the
    first of its entries written again (the body's own heading: "ARTICLE 1 - DEFINITIONS" listed, then begun)."""
    found: set[int] = set()
    inside = False
    first: str | None = None  # the first entry after the heading, in words
    for index, text in enumerate(texts):
        if _CONTENTS_HEADING.match(text) or _contents_line(text):
            first = first if inside else None  # a contents heading, or entries with their pages run together on a line
            inside = True
        elif inside and (not _contents_entry(text) or first is not None and _begins_again(_entry_words(text), first)):
            inside = False
        elif inside and first is None and _NUMBERED_ENTRY.match(text):
            first = _entry_words(text)
        if inside:
            found.add(index)
    return found


_RUNS_ON = re.compile(r"[.:]\s+(?:[A-Z][a-z']*\s+)?[a-z]")  # a sentence ("Definitions. Capitalized terms have"), not a
# caption ("Records; inspection" is one)
_NO_CAPTION = re.compile(r"[\"\u201c\u201d]|\b(?:shall|will|must|means|may|agrees?)\b")  # a definition or a covenant
_NUMBERED_ENTRY = re.compile(r"\s*(?:\([ivx]{1,4}\)\s+)?(?:(?:Section|SECTION|Article|ARTICLE)\s+)?(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,6})\.?(?:\s|$)")


def _entry_words(text: str) -> str:
    """An entry's number and words, case, the word "Section" or "Article" and its page number aside: "ARTICLE 1 -
    DEFINITIONS 1" and "1. Definitions" are "1 definitions"; "ARTICLE 2" is "2" (its number is no page)."""
    label = _NUMBERED_ENTRY.match(text)
    head, tail = (text[: label.end()], text[label.end():]) if label else ("", text)
    words = re.findall(r"\w+", f"{head} {_PAGE_AT_END.sub('', tail) if tail.strip() else tail}".casefold())
    return " ".join(words[1:] if words[:1] in (["section"], ["article"]) else words)


def _begins_again(words: str, first: str) -> bool:
    """Whether a line is the first entry of the contents written again, where the body begins: the same words, or,
    for an entry with a caption, those words and more ("1.1 Definitions. As used in ...")."""
    return words == first or (not first.replace(" ", "").isdigit() and words.startswith(f"{first} "))


_STATEMENTS_TITLE = re.compile(
    r"\s*(?:NOTES\s+TO\s+(?:THE\s+)?)?(?:[A-Z][A-Z0-9.,&'-]*\s+){0,6}FINANCIAL\s+STATEMENTS\s*(?:\(\w+\))?\s*")
# A statement's own title, in capitals: "STATEMENTS OF FINANCIAL POSITION", "BALANCE SHEETS", "NOTES TO THE ...".
_STATEMENT_TITLE = re.compile(
    r"\s*(?:[A-Z][A-Z0-9.,&'-]*\s+){0,4}(?:BALANCE\s+SHEETS?|STATEMENTS?\s+OF\s+(?:FINANCIAL\s+POSITION|OPERATIONS|"
    r"CASH\s+FLOWS|INCOME|COMPREHENSIVE\s+(?:LOSS|INCOME)|CHANGES\s+IN\b.{0,60})|NOTES\s+TO\s+(?:THE\s+)?"
    r"(?:[A-Z]+\s+){0,4}FINANCIAL\s+STATEMENTS)\b.{0,80}")
_FIGURE = re.compile(r"\$\s?(?:\d|\u2014|-)|\(\d{1,3}(?:,\d{3})+\)")  # "$521", "$—", "(23,222)": a statement's cells
_STATEMENTS_REACH = 20  # paragraphs after the title in which a statement and its figures must begin


def _statements(texts: list[str], stories: list[str], contents: set[int]) -> set[int]:
    """The 0-based indexes of financial statements attached to the agreement ("HPT FINANCIAL STATEMENTS" heading
    a statement of financial position, statements of operations and their notes): from the title to the next
    exhibit, schedule, annex or article heading. They are accounts, not drafting: their numbered notes, "$—" cells
    and acronyms are no part of the agreement's outline, and the checks leave them alone. The title must be
    followed, within a few paragraphs, by a statement's own title in capitals and by figures: an article of the
    agreement headed "Financial Statements", which asks for a balance sheet in running text, is not one."""
    found: set[int] = set()
    index = 0
    while index < len(texts):
        text = texts[index]
        after = texts[index + 1 : index + 1 + _STATEMENTS_REACH]
        if (stories[index] == "body" and index not in contents and len(text) <= 120 and text.strip().isupper()
                and _STATEMENTS_TITLE.fullmatch(text) and not section_number(text)
                and any(len(t) <= 200 and t.strip().isupper() and _STATEMENT_TITLE.fullmatch(t) for t in after)
                and any(_FIGURE.search(t) for t in after)):
            end = index + 1
            while end < len(texts) and not (stories[end] == "body" and (_reading(texts[end]).exhibit or _ARTICLE.match(texts[end]))):
                end += 1
            found.update(range(index, end))
            index = end
        else:
            index += 1
    return found


# An amendment's title: "AMENDMENT NO. 1 TO CREDIT AGREEMENT", "FIRST AMENDMENT TO LOAN AGREEMENT" (not an amended and
# restated agreement, nor one "Reflecting Amendment No. 1": those are whole agreements).
_AMENDMENT_TITLE = re.compile(r"(?i)\bamendment\b(?:\s+no\.?\s*\d+)?\s+(?:to|of)\b")
_AMENDS = re.compile(
    r"(?i)\bhereby\s+(?:amended|modified|deleted|replaced|inserted)\b"
    r"|\bis\s+amended\s+(?:as\s+follows|by)\b")
"""An amendment's instruction: "Section 7.20 of the Existing Credit Agreement is hereby deleted ... and replaced"."""
_FOLLOWS = re.compile(r":\s*[\"']?\s*$")  # "... is hereby amended as follows:", "... the definitions set forth herein:"


def _amends_another(texts: Sequence[str], headings: Sequence[bool]) -> bool:
    """Whether a document is an amendment of another agreement: titled one ("Amendment No. 1 to Credit Agreement")
    and amending (`_AMENDS`). An amended and restated agreement is whole, and is not one."""
    titled = any(heading and _AMENDMENT_TITLE.search(text) for text, heading in zip(texts[:6], headings[:6]))
    return titled and any(_AMENDS.search(text) for text in texts if any(w in text for w in ("ereby", "EREBY", "mended", "MENDED")))


def _next_token(token: str) -> str | None:
    """The marker after `token`: "r" -> "s", "7" -> "8"; None for a roman numeral or a doubled letter."""
    if token.isdigit():
        return str(int(token) + 1)
    if len(token) == 1 and token.isalpha() and token.lower() not in "ivx":
        return chr(ord(token) + 1)
    return None


def _inserted(texts: list[str], readings: list[_Reading], stories: list[str]) -> set[int]:
    """The 0-based indexes of the provisions an amendment inserts into the agreement it amends: after an instruction
    that amends (`_AMENDS`) and ends with a colon ("as follows:", "with the following:"), up to the amendment's next instruction
    (one that amends, or whose list marker comes next after the instruction's), its next article, or its next section
    (one numbered under the amendment's own section, or the next one). They are the other agreement's text: their
    section numbers ("Section 7.20 Most Favored Nations", "1.5 Divisions") and list items are not the amendment's."""
    found: set[int] = set()
    top = 0  # the amendment's own section the instruction is in
    index = 0
    while index < len(texts):
        reading = readings[index]
        if stories[index] == "body" and reading.section and reading.section[0] == "section":
            top = reading.section[1][0]
        if stories[index] != "body" or not (_FOLLOWS.search(texts[index]) and _AMENDS.search(texts[index])):
            index += 1
            continue
        follows = _next_token(reading.lead.token) if reading.lead else None
        end = index + 1
        while end < len(texts):
            after = readings[end]
            own = after.section and after.section[0] == "section" and after.section[1][0] in (top, top + 1)
            if (_AMENDS.search(texts[end]) or after.exhibit or _ARTICLE.match(texts[end]) or own
                    or follows and after.lead and after.lead.token == follows):
                break
            found.add(end)
            end += 1
        index = end
    return found


def caption_end(text: str) -> int:
    """Where a leading caption ("4.1 Due Organization and Qualification.") ends, or 0."""
    match = _CAPTION.match(text)
    if not match or len(match["caption"].split()) > 16:
        return 0
    return match.end()


def section_number(text: str) -> tuple[str, tuple[int, ...]] | None:
    """("article", (4,)) or ("section", (2, 14)) when the paragraph's text opens a numbered part."""
    article = _ARTICLE.match(text)
    if article and len(text.strip()) <= 80:
        token = article.group(1)
        value = int(token) if token.isdigit() else roman_value(token)
        return ("article", (value,)) if value else None
    sub = _SUB_SECTION.match(text) or _DEEP_SECTION.match(text)
    if sub:
        return "section", tuple(int(n) for n in sub.group(1).split("."))
    word = _SECTION_WORD.match(text)
    if word:
        return "section", (int(word.group(1)),)
    run_in = _TOP_RUN_IN.match(text)
    if run_in and (run_in.group(2) or is_heading(text)):
        # "10NOTICES" (a heading whose number lost its tab), a bare "10." or "9.(a) ..."
        return "section", (int(run_in.group(1) or run_in.group(2)),)
    statement = _RUN_IN_STATEMENT.match(text)
    if statement:
        return "statement", (int(statement.group(1)),)
    top = _TOP_SECTION.match(text)
    if top:
        # "4. REPRESENTATIONS AND WARRANTIES. ..." or "7. Governing Law." open a section;
        # "2. The Shares have been duly authorized." is an item of a numbered list.
        caption = re.split(r"\.(?:\s|$)", top.group(2), maxsplit=1)[0]
        words = WORD.findall(caption)
        # "4. REPRESENTATIONS AND WARRANTIES", not "2. GPEC has taken all necessary action" (a numbered statement)
        first_caps = bool(words) and words[0].isupper() and len(words[0]) > 1 and (len(words) == 1 or words[1].isupper())
        titled = 0 < len(words) <= 10 and all(w[0].isupper() or w in SMALL_WORDS for w in words)
        if first_caps or titled:
            return "section", (int(top.group(1)),)
    return None


def _is_figure(text: str, start: int) -> bool:
    """True when "(5)" at `start` is the figure of "five (5)", not a list item."""
    window = text[max(0, start - 30) : start]
    bare = window.rstrip()
    last = bare.rsplit(None, 1)[-1] if bare else ""
    if not (last.isascii() and last.isalpha()):  # else the word before is `last` (most often): what the pattern finds
        before = _WORD_BEFORE.search(window)
        last = before.group(1) if before else ""
    return bool(last) and (is_number_token(last) or last.lower() == "percent")


def _lead_marker(text: str) -> tuple[Marker | None, int]:
    """The list marker a paragraph opens with, if it is one, and where its body starts."""
    lead = _PARAGRAPH_MARKER.match(text)
    if not lead:
        return None, 0
    token = lead["p"] or lead["d"] or lead["dot"]
    form = "dot" if lead["dot"] else "paren"
    if form == "dot" and (token.isdigit() or len(token) > 1 and token.lower() not in ROMAN_VALUES):
        return None, 0  # "1." is a section or a numbered item; "Mr." is a word
    return Marker(token, form, lead.start(), lead.end()), lead.end() - 1


_REFERENCE_WORDS = ("clause", "section", "paragraph", "item", ") through", "if (")  # in lower case: one in each reference


_CHAINED = re.compile(r"(?:,|\band/or|\band|\bor|\bthrough|\bto)\s*(?:and\s+|or\s+)?\((?P<m>[a-z0-9]{1,5})\)")


def _shape(token: str) -> str:
    """What kind of list a marker belongs to: "(d)" a letter, "(vii)" a roman numeral, "(i)" either."""
    if token.isdigit():
        return "digit"
    if token in ("i", "v", "x"):
        return "either"
    return "roman" if len(token) > 1 and all(c in "ivxlcdm" for c in token) else "letter"


def _in_order(before: str, after: str) -> bool:
    """Whether a reference may name `after` next after `before`, at one level: of one kind ("(i)" either a letter or
    a roman numeral), and later ("(b), (c)"; "(ii), (iii)")."""
    kinds = {_shape(before), _shape(after)} - {"either"}
    if len(kinds) > 1:
        return False
    kind = kinds.pop() if kinds else "roman"
    if kind == "digit":
        return int(after) > int(before)
    if kind == "roman":
        return ROMAN_VALUES.get(after, 0) > ROMAN_VALUES.get(before, 0)
    return (len(after), after) > (len(before), before)  # "(z), (aa)"


def _reference_span(match: re.Match[str]) -> tuple[int, int]:
    """Where a reference ends: "Section 7.8(d), (vii) any Taxes" names (d) only, and "Section 3.05(f)(ii), (c) in the
    case of" (f)(ii) only: "(vii)" and "(c)" go on a list. What follows a comma or "and" is the reference's when it is
    of the kind of the last marker before it and comes after it ("Section 11.4(b)(i), (iii) and (iv)"); not when it
    comes before it (the held-out measure: "Section 12.04(d), (c)") nor, of another kind, when it goes back up a level
    ("Section 3.05(a)(i) or (ii), (d) in the case of": a definition's list goes on)."""
    first = re.search(r"\(([a-z0-9]{1,5})\)", match.group())
    if first is None:
        return match.span()
    items = list(_CHAINED.finditer(match.group(), first.end()))
    named = re.findall(r"\(([a-z0-9]{1,5})\)", match.group()[: items[0].start()]) if items else []
    for item in items:
        if not _in_order(named[-1], item["m"]):
            return match.start(), match.start() + item.start()
        named.append(item["m"])
    return match.span()


def _references(text: str) -> Spans:
    """The spans of `_REFERENCE_SPAN` in `text`.

    In ASCII text each starts at most 8 characters ("sub-", "(xviii) ") before one of
    `_REFERENCE_WORDS` (in any case): the pattern, which is tried at every
    character, is tried from there, and not at all without one. Other text
    may write those words with letters that fold to ASCII, and is read whole.
    """
    start = 0
    if text.isascii():
        low = text.lower()
        found = [at for at in map(low.find, _REFERENCE_WORDS) if at >= 0]
        if not found:
            return Spans(())
        start = max(0, min(found) - len("(xviii) "))  # "sub-section", "(viii) through (x)"
    spans = [_reference_span(m) for m in _REFERENCE_SPAN.finditer(text, start)]
    if ") through" in text or "if (" in text:
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans + [m.span() for m in _REFERENCE_BARE.finditer(text, start)]):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))  # "clauses (i) through (vii)": both read it
            else:
                merged.append((a, b))
        spans = merged
    return Spans(spans)


# A marker named bare as a reference: "delivered pursuant to (b) above", "within the timelines provided in (b)".
_REFERRING_BEFORE = re.compile(r"\b(?:pursuant\s+to|provided\s+(?:for\s+)?in|set\s+forth\s+in|described\s+in|referred\s+to"
                               r"\s+in|specified\s+in|contemplated\s+(?:by|in)|in\s+accordance\s+with)\s*$", re.IGNORECASE)
_REFERRING_AFTER = re.compile(r"\s*(?:above|below|hereof)\b")


def _not_referred_to(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """`found` without the markers named as references: one before "above", "below" or "hereof"; and the last
    one after "pursuant to", "provided in" ... when no marker follows it ("pursuant to (a) the Plan and (c) the
    Charter" is a list, with a gap)."""
    kept = [match for match in found if not _REFERRING_AFTER.match(text, match.end())]
    if kept and _REFERRING_BEFORE.search(text, max(0, kept[-1].start() - 40), kept[-1].start()):
        kept.pop()
    return kept


def _inline_markers(text: str, body_from: int) -> list[Marker]:
    """The markers of lists run inline from `body_from`, references and figures left out."""
    if "(" not in text[body_from:]:
        return []
    found = _not_referred_to(text, [match for match in _INLINE_MARKER.finditer(text, body_from)
                                    if not _is_figure(text, match.start())])
    if not found:
        return []
    references = _references(text)
    return [Marker(match["m"], "paren", match.start(), match.end()) for match in found if match.start() not in references]


_FORM_OF = re.compile(r"(?i)^\s*(?:\[\s*)?(?:(?:exhibit|annex|schedule|appendix)\s+\S+\s*[-\u2013:]?\s*)?form\s+of\b")
"""An instrument's form, by its heading's first words: "FORM OF NOTE", "Exhibit B - Form of Joinder" (spaces read one way)."""
_NAMES_ITSELF = re.compile(r"\bthis\s+\"[A-Z][\w ]{0,40}\"\s*\)")
"""An instrument defining its own name: '(this "Agreement")', '..., this "Agreement")' (quotes folded)."""
_LETTERED_CAPTION = re.compile(r"[A-Z]\.\s+[A-Z][^.;:]{0,120}\.?")
"""A lettered subsection's caption under an article, in a plan's style: "B. Treatment of Classes of Claims"."""
_NUMBERED_PARAGRAPH = re.compile(r"\s*(\d{1,3})\.\s")


def _numbering(part: list[Para], sections: dict, leads: dict, inline: dict) -> Numbering:
    info = Numbering()
    for para in part:
        found = sections.get(para.number)
        if found:
            kind, number = found
            if kind == "article":
                info.articles.add(number[0])
            info.sections.update(number[:d] for d in range(1, len(number) + 1))
        lead = leads.get(para.number)
        if lead:
            info.markers.add(f"({lead.token})" if lead.form == "paren" else f"{lead.token}.")
        info.markers.update(f"({m.token})" for m in inline.get(para.number, ()))
    return info


class _Reading(NamedTuple):
    """What `parse` reads in a paragraph's text alone (`_reading`)."""

    exhibit: tuple[str, str] | None  # `exhibit_heading`
    form: bool  # a form's heading ("FORM OF NOTE")
    heading: bool  # `is_heading`
    section: tuple[str, tuple[int, ...]] | None  # `section_number`
    lead: Marker | None  # the list marker it opens with
    markers: tuple[Marker, ...]  # the markers of lists run inline after it


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _reading(text: str) -> _Reading:
    lead, body_from = _lead_marker(text)
    return _Reading(exhibit_heading(text.strip()), bool(_FORM_HEADING.fullmatch(text)), is_heading(text),
                    section_number(text), lead, tuple(_inline_markers(text, body_from)))


_folded = lru_cache(maxsize=16384)(fold)


_PARAS: dict[tuple[Any, ...], Para] = {}  # a paragraph as the checks read it -> the one Para for it (`_para`)
_MOST_PARAS = 65_536


def _para(*fields: Any) -> Para:
    """A Para of these fields: the same one each time, while remembered. A deal's notes hold the same paragraphs at
    the same places, word for word: one object each, not one in each of 5,000 notes (a Para is never changed), so
    the readings the render workers send back are a third the size, and read back sooner."""
    para = _PARAS.get(fields)
    if para is None:
        if len(_PARAS) >= _MOST_PARAS:
            _PARAS.clear()
        para = _PARAS[fields] = Para(*fields)
    return para


_LISTED_LABELS = 3
_LIST_GAP = 2
"""Attachment labels each at most `_LIST_GAP` lines after the last, `_LISTED_LABELS` in a row before the signature
pages, list the attachments (a caption under each: a Canadian credit agreement's Section 1.9 lists its schedules so,
one cell a line); none is an attachment's start (a second holdout: the body after the list was read as schedules, 29
findings). After the signature pages, short attachments in a row ("SCHEDULE 7 / [Omitted]") are attachments."""
IN_WITNESS = re.compile(r"\s*IN\s+WITNESS\s+WHEREOF\b", re.IGNORECASE)  # the signature pages begin
_LIST_INTRO = re.compile(r"(?i)\b(?:following|attached|annexed)\b.{0,80}\b(?:schedules|exhibits|annexes|appendices|attachments)\b"
                         r"|\b(?:schedules|exhibits|annexes|appendices|attachments)\b.{0,80}\b(?:following|attached|annexed)\b|:\s*$")
"""What introduces a list of the attachments: "The following are the Schedules attached to this Agreement:"."""
BARE_LABEL = re.compile(r"\s*(?:Exhibit|EXHIBIT|Schedule|SCHEDULE|Annex|ANNEX)\s+[\w.()-]+\s*")
"""A line that is an attachment's label alone: "Schedule 9.1(a)", "EXHIBIT B-1"."""


def _unlisted(paras: list[Para], labels: list[tuple[int, int]]) -> int:
    """The part the body was in before the first of `labels`, each paragraph since put back in it, no label an
    exhibit's heading: a list of attachments, not attachments."""
    first, part = labels[0]
    for k in range(first, len(paras)):
        p = paras[k]
        paras[k] = _para(p.number, p.raw, p.text, part if p.story == "body" else 0, p.heading, None, p.story, p.contents,
                         p.in_table)
    return part


def parse(name: str, paragraphs: Sequence[str | Paragraph]) -> Outline:
    """The outline of the document `name`, given as its paragraphs (text, or as `read` gives them).

    A paragraph's number (its label, "Section 2.1") is read as the start of
    its text. Headers, footers and notes are checked as text but take no part
    in the outline: they start no exhibit, open no section or list, and lie
    in the main instrument.
    """
    raws: list[tuple[str, str]] = []  # (raw, story)
    cells: set[int] = set()  # indexes of the paragraphs in table cells
    for index, item in enumerate(paragraphs):
        if isinstance(item, Paragraph):
            raws.append((item.shown, item.story))
            if item.in_table:
                cells.add(index)
        else:
            raws.append((item if isinstance(item, str) else str(item), "body"))
    texts = [_folded(raw) for raw, _ in raws]
    contents = _contents(texts)
    statements = _statements(texts, [story for _, story in raws], contents)
    raws = [(raw, STATEMENTS if index in statements else story) for index, (raw, story) in enumerate(raws)]
    paras: list[Para] = []
    readings: list[_Reading] = []  # each paragraph's, in order
    part = 0
    started = -10  # where the last instrument started
    current: tuple[str, str] | None = None  # the exhibit the paragraphs are in
    labels: list[tuple[int, int]] = []  # (index, the part before it) of the attachment labels a line or two apart
    signed = False  # the signature pages have begun
    for index, ((raw, story), text) in enumerate(zip(raws, texts)):
        listed = index in contents
        reading = _reading(text)
        readings.append(reading)
        exhibit = reading.exhibit if story == "body" and not listed else None
        if exhibit and _page_label(exhibit, current, text, texts[index + 1 : index + 2]):
            exhibit = None  # "Exhibit A-1" at the foot of Exhibit A's first page, left in the text by a conversion
        elif exhibit:
            current = exhibit
        signed = signed or story == "body" and IN_WITNESS.match(text) is not None
        if story == "body" and not listed and not signed and (exhibit or BARE_LABEL.fullmatch(text)):
            labels = labels if labels and index - labels[-1][0] <= _LIST_GAP else []
            labels.append((index, part))
            if len(labels) == _LISTED_LABELS and any(_LIST_INTRO.search(t) for t in texts[max(0, labels[0][0] - 3) : labels[0][0]]):
                # "The following are the Schedules attached ...: Schedule 1 / Borrower's Certificate / Schedule 2(A)
                # / ...": a list of the attachments, in the body, none begins in it (not "EXHIBIT A / [Omitted] /
                # EXHIBIT B ..." after signature pages without "IN WITNESS WHEREOF": a code review)
                part = _unlisted(paras, labels)
            elif len(labels) == _LISTED_LABELS:
                labels = []
        form = story == "body" and not listed and index > started + 2 and reading.form
        if len(labels) >= _LISTED_LABELS and index - labels[-1][0] <= _LIST_GAP:
            exhibit, form = None, False  # an entry of the list ("Schedule 4 / Form of Issue Notice")
        if exhibit or form:
            part, started = part + 1, index
        heading = bool(exhibit) or listed or reading.heading
        paras.append(_para(index + 1, raw, text, part if story == "body" else 0, heading, exhibit, story, listed,
                           index in cells))
    parts: dict[int, list[Para]] = {}
    for para in paras:
        parts.setdefault(para.part, []).append(para)
    amends = _amends_another(texts, [p.heading for p in paras])
    inserted = _inserted(texts, readings, [p.story for p in paras]) if amends else set()
    sections: dict[int, tuple[str, tuple[int, ...]]] = {}
    leads: dict[int, Marker] = {}
    inline: dict[int, list[Marker]] = {}
    last_top: dict[int, int] = {}  # part -> its last top-level section number
    # part -> how its articles' lettered captions number what follows: "on", numbered again from 1 under each ("B.
    # Treatment of Claims", "1. Class 1 ..."), "caption" after one, its first number not yet seen, "off"; none before
    # its first article
    lettered: dict[int, str] = {}
    for para in paras:
        if para.story != "body" or para.contents:
            continue
        reading = readings[para.number - 1]
        # a row's number in a table; another agreement's section an amendment inserts (nor its list items, below)
        found = None if para.in_table or para.number - 1 in inserted else reading.section
        if found and found[0] == "statement":
            found = ("section", found[1]) if found[1][0] == last_top.get(para.part, 0) + 1 else None
        style = lettered.get(para.part)
        if found and found[0] == "article":
            lettered[para.part] = "on" if style == "on" else "off"
        elif not found and style is not None and _LETTERED_CAPTION.fullmatch(para.text):
            lettered[para.part] = "on" if style == "on" else "caption"
        elif not found and style == "caption" and (numbered := _NUMBERED_PARAGRAPH.match(para.text)):
            lettered[para.part] = "on" if numbered[1] == "1" else "off"  # '1. "Claim" means ...', read as no section
        elif found and len(found[1]) == 1 and style in ("on", "caption"):
            # "ARTICLE III", "B. Treatment of Claims", "1. Class 1 ...": numbered within the letter, when its numbers
            # start again at 1 ("A. Tax Distributions." then "Section 6. Taxes": a caption, its section the article's)
            if style == "on" or found[1] == (1,):
                lettered[para.part], found = "on", None
            else:
                lettered[para.part] = "off"
        if found:
            sections[para.number] = found
            last_top[para.part] = found[1][0]
        if reading.lead and para.number - 1 not in inserted:
            leads[para.number] = reading.lead
        if reading.markers:
            inline[para.number] = list(reading.markers)
    numbering = {k: _numbering(v, sections, leads, inline) for k, v in parts.items()}
    # a part headed "Form of", or that names itself ('This Joinder Agreement (this "Agreement")': a code review), is
    # an instrument of its own, its "this Agreement" its own
    forms = frozenset(part for part, part_paras in parts.items() if any(_FORM_OF.match(p.text) for p in part_paras[:4])
                      or part and any(_NAMES_ITSELF.search(p.text) for p in part_paras[:6]))
    terms = collect_terms(paras, parts.get(0, []))
    if 0 in terms.incorporating_parts and not amends:
        # a part appended that is no form of an instrument (a schedule, an appendix of definitions) borrows what the
        # document borrows: its terms are the document's (a second holdout: a servicing agreement gives undefined terms
        # the Indenture's meanings, and its Appendix A used them); an amendment's are the agreement it amends
        for part in set(parts) - forms - set(terms.incorporating_parts):
            terms.incorporating_parts[part] = terms.incorporating_parts[0]
    within: dict[int, tuple[int, ...]] = {}
    for part in parts.values():
        current: tuple[int, ...] = ()
        for para in part:
            found = sections.get(para.number)
            if found and found[0] == "section":
                current = found[1]
            if current:
                within[para.number] = current
    return Outline(name, paras, parts, sections, leads, inline, numbering, terms, within,
                   {index + 1 for index in inserted}, amends, forms)
