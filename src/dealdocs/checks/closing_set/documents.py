"""A closing set's documents as the set checks read them: titles, dates, and what each says of the others.

Each document is parsed once into the text checks' outline
(`dealdocs.checks.text.outline`). From it the set reads:

- its title ("Note Purchase Agreement", "Promissory Note") and kind: a note, a
  purchase agreement (note purchase, securities purchase, subscription), an
  escrow agreement, or another document;
- its own date: the opening's "made as of March 2, 2026" (or "this 18th day
  of May 2005"), a note's date line ("$1,000,000.00 New York, New York
  March 4, 2026"), or failing both the date its execution clause gives
  ("executed and delivered as of this 4th day of March, 2026");
- the names it gives other documents ("a Note Purchase Agreement dated as of
  the date hereof ... (the "Purchase Agreement")") and each statement of
  another document's date ("the Escrow Agreement, dated as of March 2, 2026");
- the forms attached as exhibits (the form of note of a purchase agreement),
  each with its title and paragraphs.

A document is named in another by its full title, matched exactly (case
aside) against the titles of the set, or by a short name the referring
document defines for that title. "the Purchase Agreement" of an escrow
agreement is the note purchase agreement of the set only when the escrow
agreement says so; a "Common Stock Purchase Agreement" is not a "Note
Purchase Agreement".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from dealdocs.checks.closing_set.common import DATE, HEREOF, Place, Written, place, written_date
from dealdocs.checks.closing_set.names import Mention, key, mentions
from dealdocs.checks.closing_set.note_terms import Term, note_terms
from dealdocs.checks.text.common import Para
from dealdocs.checks.text.outline import Outline, parse
from dealdocs.checks.text.terms import title, variants
from dealdocs.ooxml.text import Paragraph

_DOCUMENT_WORDS = (
    "Agreement|Agreements|Note|Notes|Notice|Certificate|Indenture|Warrant|Warrants|Guaranty|Guarantee|"
    "Letter|Amendment|Consent|Mortgage|Deed|Assignment|Instrument"
)
_TITLE = rf"(?:[A-Z][\w'&-]*\s+){{0,5}}(?:{_DOCUMENT_WORDS})"
_NAMED = re.compile(
    rf"\b(?:the|a|an|that\s+certain|such|said|The|A|An|That\s+certain)\s+(?P<title>{_TITLE})(?![\w-])"
)
_DATED = re.compile(
    r"(?:\s*\([^()]{0,120}\))?,?\s+(?:(?i:dated|made|entered\s+into|executed)\s+(?:and\s+effective\s+)?(?:as\s+of\s+|on\s+)?"
    r"|as\s+of\s+)(?:this\s+|the\s+)?"
)
_QUOTED_IN_PARENTHESES = re.compile(r'\((?:[^()"]{0,60}\s)?"(?P<term>[A-Z][^"]{0,60})"\)')
_ALIAS = re.compile(r'\((?:the\s+|this\s+)?"(?P<alias>[A-Z][^"]{0,60})"')
_OWN_DATE = re.compile(
    r"(?i:\b(?:made|dated|entered\s+into|executed))(?:\s+and\s+(?i:entered\s+into|effective))?\s+"
    r"(?i:as\s+of\s+|on\s+)?(?i:this\s+|the\s+)?"
)
_EXECUTED_AS_OF = re.compile(r"(?i:\bexecuted\b[^.]{0,60}?\bas\s+of\s+)(?:this\s+|the\s+)?")
_NOTE_TITLE = re.compile(r"(?:^|\s)(?:Promissory|Secured|Convertible|Subordinated|Bridge|Term|Demand)?\s*Notes?$")
_PURCHASE_TITLE = re.compile(r"(?:Purchase|Subscription)\s+Agreement$")
_ESCROW_TITLE = re.compile(r"Escrow\s+Agreement$")
_FORM_LABEL = re.compile(r"\[?\s*(?:form\s+of\b.*)\]?", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One document's statement of another's date: "the Escrow Agreement, dated as of March 2, 2026"."""

    title: str  # the title it names, resolved through the referring document's short names
    date: Written | None  # None when it says "the date hereof" and its own date is not known
    place: Place
    hereof: bool  # "dated as of the date hereof": the referring document's own date


@dataclass(frozen=True)
class Form:
    """A form attached as an exhibit or schedule: "Exhibit A" of a purchase agreement, the form of note."""

    label: str  # "Exhibit A"
    title: str  # "Promissory Note"
    paras: tuple[Para, ...]  # the form's paragraphs after its heading lines, numbered as in the document


@dataclass
class SetDocument:
    """One document of a closing set, parsed once."""

    name: str
    outline: Outline
    title: str | None
    kind: str  # "note", "purchase agreement", "escrow agreement" or "other"
    own_date: Written | None = None
    own_date_place: Place | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # short name -> the title it stands for
    references: list[Reference] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every party name it writes
    parties: set[str] = field(default_factory=set)  # the names (`names.key`) of the parties it introduces
    note_terms: dict[str, Term] | None = None  # a note's terms (`note_terms`), read with the note

    @property
    def main(self) -> list[Para]:
        """The paragraphs of the document itself, its exhibits and schedules left out."""
        return self.outline.parts.get(0, [])

    def defines(self, term: str) -> bool:
        """True when the document defines `term` (or its singular or plural).

        Beyond the definitions the text checks read, a capitalized term quoted
        at the end of parentheses is defined there: `(such Purchaser's "Purchase Price")`.
        """
        forms = {term, *variants(term)}
        return not (forms.isdisjoint(self.outline.terms.known) and forms.isdisjoint(self.quoted_terms))

    @cached_property
    def quoted_terms(self) -> frozenset[str]:
        """The capitalized terms quoted at the end of parentheses: `(such Purchaser's "Purchase Price")`."""
        return frozenset(
            " ".join(match["term"].split())
            for para in self.outline.paras
            if '"' in para.text
            for match in _QUOTED_IN_PARENTHESES.finditer(para.text)
        )

    def names(self, title: str) -> bool:
        """True when `title` is this document's title or one of its names for itself."""
        return title.casefold() in self.own_titles

    @cached_property
    def own_titles(self) -> frozenset[str]:
        """Its title and its names for itself (of more than one word), casefolded."""
        own = {n.casefold() for n in self.outline.terms.self_names if len(n.split()) > 1}
        return frozenset(own | ({self.title.casefold()} if self.title else set()))

    @cached_property
    def mention_keys(self) -> frozenset[str]:
        """The names (`names.key`) of every party it writes."""
        return frozenset(key(m.name) for m in self.mentions)


_TITLE_AT = re.compile(rf"(?:the\s+|that\s+certain\s+)?(?P<title>{_TITLE})(?![\w-])")


def title_at(text: str, start: int) -> str | None:
    """The document title that `text` names at `start` ("the Purchase Agreement" -> "Purchase Agreement")."""
    match = _TITLE_AT.match(text, start)
    return " ".join(match["title"].split()) if match else None


_LABEL = re.compile(
    r"(?i)\s*(?:exhibit\s+\d+(?:\.\d+)*|execution\s+(?:version|copy)|conformed\s+copy|final(?:\s+form)?|"
    r"(?:confidential|draft)\b.{0,60})\s*"
)


def document_title(opening: Sequence[Para]) -> str | None:
    """The title the document (or form) opens with, in title case, past a filing label ("Exhibit 10.1",
    "Execution Version") and a legend ("THIS NOTE HAS NOT BEEN REGISTERED ..."): "Promissory Note"."""
    for para in [p for p in opening if p.text.strip()][:6]:
        bare = para.text.strip()
        if len(bare) > 150 or _LABEL.fullmatch(bare) or bare.startswith("["):
            continue  # a legend, a filing label, a bracketed note
        return title([para])
    return None


def kind_of(document_title: str | None) -> str:
    if not document_title:
        return "other"
    if _PURCHASE_TITLE.search(document_title):
        return "purchase agreement"
    if _ESCROW_TITLE.search(document_title):
        return "escrow agreement"
    if _NOTE_TITLE.search(document_title):
        return "note"
    return "other"


def read_document(name: str, paragraphs: Sequence[str | Paragraph]) -> SetDocument:
    """`name` given as its paragraphs' text, read for the set checks."""
    return read_outline(parse(name, list(paragraphs)))


def read_outline(outline: Outline) -> SetDocument:
    """A document already parsed (`outline.parse`), read for the set checks."""
    name = outline.name
    opening_title = document_title(outline.parts.get(0, []))
    document = SetDocument(name, outline, opening_title, kind_of(opening_title))
    _read_aliases(document)
    _read_references(document)
    _read_own_date(document)
    document.references = [
        replace(r, date=document.own_date) if r.hereof else r for r in document.references
    ]
    _read_forms(document)
    document.mentions = mentions(outline)
    opening = {p.number for p in _running(document.main)[:3]}
    document.parties = {key(m.name) for m in document.mentions if m.introduced or m.place.para.number in opening}
    if document.kind == "note":  # read here, where each note is rendered, not again for each in the set checks
        document.note_terms = note_terms(name, document.main)
    return document


class ClosingSet:
    """The documents of a closing set, and which of them a title names."""

    def __init__(self, documents: Sequence[SetDocument]):
        self.documents = list(documents)
        self._terms: dict[tuple[str, int], dict[str, Term]] = {}
        self._titled: dict[str, list[SetDocument]] = {}  # casefolded title -> the documents it names, in order
        for document in self.documents:
            for own in document.own_titles:
                self._titled.setdefault(own, []).append(document)

    def note_terms(self, document: SetDocument, form: Form | None = None) -> dict[str, Term]:
        """The note terms of `document` (or of its attached `form`), read once."""
        if form is None and document.note_terms is not None:
            return document.note_terms
        key = (document.name, id(form))
        if key not in self._terms:
            self._terms[key] = note_terms(document.name, form.paras if form else document.main)
        return self._terms[key]

    def named(self, document_title: str, but: SetDocument | None = None) -> list[SetDocument]:
        """The documents of `but`'s deal (other than `but`) whose title, or name for themselves, is `document_title`."""
        titled = self._titled.get(document_title.casefold(), [])
        return [d for d in titled if d is not but and (but is None or same_deal(d, but))]

    def of_kind(self, kind: str) -> list[SetDocument]:
        return [d for d in self.documents if d.kind == kind]


def same_deal(one: SetDocument, other: SetDocument) -> bool:
    """True when one document names a party the other introduces: documents of one closing share their parties.

    A "Stock Purchase Agreement" that another agreement of the set names, of
    other parties, is another deal's agreement of the same title.
    """
    return not (one.parties.isdisjoint(other.mention_keys) and other.parties.isdisjoint(one.mention_keys))


# ---------------------------------------------------------------- reading one document


def _running(paras: Sequence[Para]) -> list[Para]:
    return [p for p in paras if p.text.strip() and not p.heading]


def _read_own_date(document: SetDocument) -> None:
    """The date the document gives itself (after its references: "the Escrow Agreement, dated ..." is not it)."""
    others = [(r.place.para.number, r.place.start, r.place.end) for r in document.references]
    opening = _running(document.main)[:5]
    for para in opening:
        for lead, match in _dated(_OWN_DATE, para.text):
            if not any(n == para.number and a <= lead < b for n, a, b in others):
                _set_own_date(document, para, match)
                return
    if document.kind == "note":
        for para in [p for p in document.main if p.text.strip()][:4]:
            match = _first_date(para.text)
            if match and (para.text.lstrip().startswith("$") or len(para.text.strip()) <= 80):
                _set_own_date(document, para, match)
                return
    for para in document.main:
        for _, match in _dated(_EXECUTED_AS_OF, para.text):
            _set_own_date(document, para, match)
            return


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _dated(lead: re.Pattern[str], text: str) -> tuple[tuple[int, re.Match[str]], ...]:
    """Each date in `text` that `lead` ("made as of") comes just before: (where the lead starts, the date)."""
    return tuple((found.start(), match) for found in lead.finditer(text) if (match := DATE.match(text, found.end())))


@lru_cache(maxsize=16384)
def _first_date(text: str) -> re.Match[str] | None:
    return DATE.search(text)


def _set_own_date(document: SetDocument, para: Para, match: re.Match[str]) -> None:
    document.own_date = written_date(match)
    document.own_date_place = place(document.name, para, match.start(), match.end())


def _read_aliases(document: SetDocument) -> None:
    """Short names defined for other documents: `... Note Purchase Agreement ... (the "Purchase Agreement")`."""
    for para in document.outline.paras:
        for _, named_end, full in _titles_in(para.text):
            for alias in _ALIAS.finditer(para.text, named_end, min(len(para.text), named_end + 250)):
                short = " ".join(alias["alias"].split())
                between = para.text[named_end : alias.start()]
                if short.split()[-1] == full.split()[-1] and '"' not in between and short != full:
                    document.aliases.setdefault(short, full)
                break


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _titles_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """The documents `text` names by title ("the Escrow Agreement"): (start, end, the title in single spaces)."""
    return tuple((named.start(), named.end(), " ".join(named["title"].split())) for named in _NAMED.finditer(text))


def _read_references(document: SetDocument) -> None:
    for para in document.outline.paras:
        for named_start, named_end, full in _titles_in(para.text):
            dated = _DATED.match(para.text, named_end)
            if not dated:
                continue
            resolved = document.aliases.get(full, full)
            date_match = DATE.match(para.text, dated.end())
            hereof = HEREOF.match(para.text, dated.end())
            if date_match:
                document.references.append(
                    Reference(resolved, written_date(date_match), place(document.name, para, named_start, date_match.end()), False)
                )
            elif hereof:
                document.references.append(
                    Reference(resolved, document.own_date, place(document.name, para, named_start, hereof.end()), True)
                )


def _read_forms(document: SetDocument) -> None:
    for part, paras in sorted(document.outline.parts.items()):
        if part == 0 or not paras or not paras[0].exhibit:
            continue
        kind, ident = paras[0].exhibit
        if kind == "schedule":
            continue  # a list (of purchasers, of disclosures), not a form of a document
        body = list(paras[1:])
        while body and (not body[0].text.strip() or _FORM_LABEL.fullmatch(body[0].text.strip())):
            body = body[1:]
        form_title = document_title(body)
        if form_title:
            document.forms.append(Form(f"{kind.capitalize()} {ident}", form_title, tuple(body)))
