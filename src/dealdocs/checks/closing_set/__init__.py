"""Checks across the documents of a closing set (codes DD4xx): `dealdocs lint --set`, and every build.

Each document of a closing set can agree with itself and not with the others:
the 2005 note purchase agreement sells "a $600,000 principal amount
promissory note" and the promissory note of the same day is for
$1,100,000.00. These checks read the documents together, and each finding
names both documents and paragraphs (the finding's location and its
`related` locations).

How the package is laid out: `documents` reads each document once (the text
checks' outline, its title and kind, its own date, its names for the other
documents and what it says of their dates, the forms it attaches);
`names` reads the parties it names and compares spellings; `note_terms`
reads a note's terms; `common` holds dates and amounts as agreements write
them. Each check is a module of its own, reading those and depending on no
other check: `parties` (DD401-DD403), `amounts` (DD410-DD418), `dates`
(DD420-DD422), `borrowed_terms` (DD430-DD431), `forms` (DD440-DD441).

What a set check does not know it does not guess: a document the set does
not hold (a "Common Stock Purchase Agreement" named by an escrow agreement
whose set holds only a note purchase agreement) is not compared, a set that
leaves out some of the notes is not wrong in total, and a statement that
names several documents of the set at once is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from dealdocs.checks.closing_set import amounts, borrowed_terms, dates, forms, parties
from dealdocs.checks.closing_set.documents import ClosingSet, SetDocument, read_document, read_outline
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding
from dealdocs.ooxml.text import Paragraph
from dealdocs.workers import shared

__all__ = ["CHECKS", "check_read", "check_set", "lint_each", "lint_set", "read_outline"]

CHECKS = (parties.check, amounts.check, dates.check, borrowed_terms.check, forms.check)
"""Every set check: each takes a `ClosingSet` and yields its findings, in any order."""
_SHARED_FROM = 100  # documents: a smaller set is checked sooner than another process starts


def _pieces(check: Callable[..., Iterable[Finding]]) -> list[tuple[Callable[[ClosingSet], Iterable[Finding]], int]]:
    """`check` as pieces of work, each with how much of it it is, to share them among processes. In a set of 5,000
    notes, comparing each note with its form (7 s, the largest, so in two halves: `forms.check`'s `share`) and
    the parties' spellings (4 s) are most of it; the other checks take a second or two."""
    if check is forms.check:
        return [(partial(forms.check, share=(part, 2)), 4) for part in range(2)]
    return [(check, 4 if check is parties.check else 1)]


_PIECES = [piece for check in CHECKS for piece in _pieces(check)]


def check_set(documents: Sequence[tuple[str, Sequence[str | Paragraph]]]) -> list[Finding]:
    """Every DD4xx finding on a closing set given as (document name, its paragraphs), in the set's order.

    The paragraphs are text, or `Paragraph`s as `dealdocs.ooxml.text.read` gives them.
    """
    return check_read([read_document(name, paragraphs) for name, paragraphs in documents])


def check_read(documents: Sequence[SetDocument], jobs: int = 1) -> list[Finding]:
    """`check_set` of documents already read (`read_document`, `read_outline`), in the set's order; the checks
    shared among `jobs` processes (`workers.shared`)."""
    closing = ClosingSet(documents)
    order = {document.name: k for k, document in enumerate(documents)}
    jobs = jobs if len(documents) >= _SHARED_FROM else 1
    found = shared(lambda index: list(_PIECES[index][0](closing)), [cost for _, cost in _PIECES], jobs)
    findings = [finding for check_findings in found for finding in check_findings]
    return sorted(
        findings,
        key=lambda f: (order.get(f.location.document, len(order)), f.location.paragraph or 0, f.code, f.message),
    )


def lint_each(paths: Iterable[str | os.PathLike[str]]) -> list[Finding]:
    """Each file checked alone: its text (`lint_files`), and of these checks those on a document alone (a note's
    caption against the principal it promises, DD414; an aggregate price, DD417, and a schedule's Total, DD416,
    against the document's own schedule: `amounts.check_alone`)."""
    from dealdocs.checks.text import lint_files

    return lint_files(paths, also=lambda outline: list(amounts.check_alone(ClosingSet([read_outline(outline)]))))


def lint_set(paths: Iterable[str | os.PathLike[str]]) -> list[Finding]:
    """Each file checked alone (`lint_each`), then the readable ones together as one closing set (any kind lint
    reads), each read once; what the set's checks find again of a document alone (`amounts.check_alone`) is said
    once. A document's DD203 warning of terms it leaves to another agreement is dropped when another document of
    the set defines each of them (`borrowed_terms.settled`): the set answers it."""
    from dealdocs.checks.text import lint_files

    documents: list[SetDocument] = []
    said: set[Finding] = set()

    def alone(outline: Outline) -> list[Finding]:
        documents.append(read_outline(outline))
        found = list(amounts.check_alone(ClosingSet(documents[-1:])))
        said.update(found)
        return found

    findings = lint_files(paths, also=alone)
    settled = borrowed_terms.settled(ClosingSet(documents))
    findings = [f for f in findings if not (f.code == "DD203" and not f.is_error and f.location in settled)]
    return findings + [f for f in check_read(documents) if f not in said]
