"""Signature pages: whose signature block is on which page of a rendered document (DD310).

Run by `check` and `build` alike on every rendered document, so that a
template that lost a page break or a name line is refused before anything is
written; the signature packets then copy the pages found here.

Whose page. Each page of the document proper (not an exhibit or schedule: see
`ooxml.pages`) is read as lines. A *signature line* is a line of underscores,
bare or after "By:" or a label containing "Signature" ("Signature of
Purchaser: ____"). A party signs a page when one of its lines is the party's
exact legal name (compared without regard to case, so "NORTHWIND ANALYTICS,
INC." is the company, quotes and spaces normalized), bare or after a label
("Name of Investing Entity: ..."), within three non-empty lines of a signature
line. A mention of a name in running text never matches (it is not a whole
line), nor does a name in a notice address (no signature line beside it). A
page with several signature blocks (the company and the escrow agent on one
page) belongs to each signer.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD310 | error    | a signatory's signature page cannot be found in a document they sign (the template lost its page break or name line) |
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import Party, signers
from dealdocs.findings import Finding, Location, error
from dealdocs.ooxml.pages import Page
from dealdocs.termsheet.model import Deal

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2011": "-"})
SIGNATURE_LINE = re.compile(r"^(?:(?:by|[^:]*signature[^:]*)\s*:\s*)?_{5,}$", re.IGNORECASE)
_WINDOW = 3  # non-empty lines between a name line and its signature line, at most


def normalized_name(text: str) -> str:
    """For comparing names: NFKC, straight quotes, single spaces, no case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def names_on(line: str) -> set[str]:
    """What a line may name: the whole line, and what follows a label ('Name of Purchaser: ...')."""
    line = normalized_name(line)
    names = {line}
    if ":" in line:
        names.add(line.split(":", 1)[1].strip())
    return names


def is_signature_line(line: str) -> bool:
    return bool(SIGNATURE_LINE.match(" ".join(line.split())))


def signers_on(page: Page, candidates: Iterable[Party] | SignerIndex) -> list[Party]:
    """The candidates whose signature block is on `page` (see the module's docstring), in their order."""
    index = candidates if isinstance(candidates, SignerIndex) else SignerIndex(candidates)
    lines = [line for line in page.lines if line.strip()]
    signature_lines = [i for i, line in enumerate(lines) if is_signature_line(line)]
    if not signature_lines:
        return []
    near = [i for i in range(len(lines)) if any(abs(i - j) <= _WINDOW for j in signature_lines)]
    named = set().union(*(names_on(lines[i]) for i in near)) if near else set()
    return index.named(named)


class SignerIndex:
    """Parties by their normalized legal name: which of them a page names, without trying each on each page."""

    def __init__(self, parties: Iterable[Party]):
        self.by_name: dict[str, list[tuple[int, Party]]] = {}
        for position, party in enumerate(parties):
            self.by_name.setdefault(normalized_name(party.name), []).append((position, party))

    def named(self, names: set[str]) -> list[Party]:
        """The parties whose name is among `names`, in the order they were given."""
        found = [entry for name in names for entry in self.by_name.get(name, ())]
        return [party for _, party in sorted(found, key=lambda entry: entry[0])]


def signature_pages(deal: Deal, spec: DocumentSpec, pages: list[Page]) -> tuple[dict[str, list[int]], list[Finding]]:
    """Each signer's pages in the document (by slug, 0-based page numbers), and DD310 for a signer with none."""
    expected = signers(deal, spec)
    index = SignerIndex(expected)
    found: dict[str, list[int]] = {party.slug: [] for party in expected}
    for number, page in enumerate(pages):
        if page.attachment:
            continue
        for party in signers_on(page, index):
            found[party.slug].append(number)
    missing = [party for party in expected if not found[party.slug]]
    if not missing:
        return found, []
    who = "; ".join(f"{p.role} {p.name}" for p in missing)
    what = (
        f"no signature page found for {who}: a signature page needs the party's name on a line of its own "
        "(or after a label such as 'Name of Purchaser:') within three lines of a signature line ('By: ____')"
    )
    return found, [error("DD310", what, Location(document=spec.filename))]
