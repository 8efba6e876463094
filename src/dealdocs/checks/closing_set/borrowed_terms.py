"""DD430-DD431: a term a document borrows from another document of the set that the other never defines.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD430 | error    | a term borrowed by name, "Purchase Price (as defined in the Purchase Agreement)", that the named document of the set does not define |
| DD431 | warning  | a term a document leaves to another ("capitalized terms used but not defined herein shall have the meanings set forth in the Purchase Agreement") that the other document of the set does not define either |

The lending document is the one the borrowing document names ("the Purchase
Agreement"), found in the set through the borrower's own short names (see
`dealdocs.checks.closing_set.documents`); when it is not in the set, nothing
is said. A term counts as defined in the lender when the lender defines it
in any of the ways the text checks read (`dealdocs.checks.text.terms`), or
borrows it in turn from a third document of the set that defines it.

Which terms a document leaves to another is what DD203 would report on it
if it did not incorporate the other's definitions: capitalized terms used as
defined terms and defined nowhere in it (`dealdocs.checks.text.defined_terms`).
Those are read as DD203 reads them, which is a judgement on the words, hence
DD431 is a warning; a term borrowed by name is certain, hence DD430 is an error.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import lru_cache

from dealdocs.checks.closing_set.common import place
from dealdocs.checks.closing_set.documents import ClosingSet, SetDocument, same_deal, title_at
from dealdocs.checks.text.defined_terms import check_undefined
from dealdocs.checks.text.terms import BY_REFERENCE, borrows_by_name, drop_leading_function_word
from dealdocs.findings import Finding, Location, error, paragraph_unit, warning

_INCORPORATION = re.compile(
    r"capitali[sz]ed\s+terms\b[^.]{0,160}?\b(?:not\s+(?:otherwise\s+)?defined|without\s+definition|undefined)\b"
    r"[^.]{0,160}?\bmeanings?\b[^.;]{0,80}?\b(?:in|under|by)\s+",
    re.IGNORECASE,
)
_DD203_TERM = re.compile(r'"(?P<term>[^"]+)" is used as a defined term')


def check(closing: ClosingSet) -> Iterator[Finding]:
    """DD430 and DD431 for each document of `closing`."""
    for document in closing.documents:
        yield from _by_name(closing, document)
        yield from _by_incorporation(closing, document)


def lender(closing: ClosingSet, borrower: SetDocument, named: str) -> SetDocument | None:
    """The one other document of the set that `borrower` means by `named` ("Purchase Agreement")."""
    found = closing.named(borrower.aliases.get(named, named), but=borrower)
    return found[0] if len(found) == 1 and not borrower.names(named) else None


def defines(closing: ClosingSet, document: SetDocument, term: str, seen: frozenset[str] = frozenset()) -> bool:
    """True when `document` defines `term`, or takes it from another document of the set that does."""
    if document.defines(term):
        return True
    for _, named in incorporations(document):
        other = lender(closing, document, named)
        if other is not None and other.name not in seen and defines(closing, other, term, seen | {document.name}):
            return True
    return False


def incorporations(document: SetDocument) -> Iterator[tuple[object, str]]:
    """(the paragraph, the title it names) for each clause taking another document's definitions."""
    for para in document.outline.paras:
        for named in _incorporated(para.text):
            yield para, named


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _incorporated(text: str) -> tuple[str, ...]:
    """The title each clause of `text` taking another document's definitions names."""
    return tuple(named for match in _INCORPORATION.finditer(text) if (named := title_at(text, match.end())))


def settled(closing: ClosingSet) -> set[Location]:
    """Where DD203 warned that a document leaves terms to another agreement, when another document of the set, of
    its deal (`same_deal`), defines each of those terms (a new user's read: `lint --set` of a build warned that the release notice's
    "Escrow Agent" and "Purchasers" rely on another agreement, with the escrow agreement in the set)."""
    found: set[Location] = set()
    for document in closing.documents:
        parts = document.outline.terms.incorporating_parts
        if not parts:
            continue
        # by the warning's paragraph: a schedule borrows with its agreement, under one warning (a code review: the
        # agreement's own terms settled it, the schedule's undefined ones unread)
        words: dict[int, set[str]] = {home.number: set() for home in parts.values()}
        terms = dataclasses.replace(document.outline.terms, incorporating_parts={})
        for finding in check_undefined(dataclasses.replace(document.outline, terms=terms)):
            para = document.outline.paras[finding.location.paragraph - 1]
            word = _DD203_TERM.match(finding.message)
            if word and para.part in parts:
                words[parts[para.part].number].add(word["term"])
        others = [other for other in closing.documents if other is not document and same_deal(document, other)]
        for number, used in words.items():
            if used and all(any(other.defines(term) for other in others) for term in used):
                found.add(document.outline.at(document.outline.paras[number - 1]))
    return found


def _by_name(closing: ClosingSet, document: SetDocument) -> Iterator[Finding]:
    """DD430: "Purchase Price (as defined in the Purchase Agreement)"."""
    for para in document.outline.paras:
        for match in BY_REFERENCE.finditer(para.text) if borrows_by_name(para.text) else ():
            named = title_at(para.text, match.end())
            other = lender(closing, document, named) if named else None
            if other is None:
                continue
            term = drop_leading_function_word(match["term"])
            if not defines(closing, other, term):
                yield error(
                    "DD430",
                    f'"{term}" is taken from the {named} ({other.name}), which does not define it: '
                    f"{place(document.name, para, match.start(), match.end() + len(named) + 4).quoted()}",
                    document.outline.at(para),
                    (other.outline.at(other.main[0]) if other.main else other.outline.at(para),),
                )


def _by_incorporation(closing: ClosingSet, document: SetDocument) -> Iterator[Finding]:
    """DD431: the terms a document leaves to another, each checked in the other."""
    lenders = {}
    for para, named in incorporations(document):
        other = lender(closing, document, named)
        if other is not None:
            lenders.setdefault(para.part, (para, named, other))
    if not lenders:
        return
    terms = dataclasses.replace(document.outline.terms, incorporating_parts={})
    for finding in check_undefined(dataclasses.replace(document.outline, terms=terms)):
        para = document.outline.paras[finding.location.paragraph - 1]
        word = _DD203_TERM.match(finding.message)
        # a part that borrows with the agreement (a schedule: `outline.parse`) is the agreement's clause's
        lent = lenders.get(para.part) or (lenders.get(0) if para.part in document.outline.terms.incorporating_parts else None)
        if lent is None or not word:
            continue
        clause, named, other = lent
        if not defines(closing, other, word["term"]):
            yield warning(
                "DD431",
                f'"{word["term"]}" is not defined here and this document leaves undefined terms to the {named} '
                f"({paragraph_unit(document.name)} {clause.number}), but {other.name} does not define it either: "
                + finding.message.split(": ", 1)[-1],
                finding.location,
                (other.outline.at(other.main[0]) if other.main else finding.location,),
            )
