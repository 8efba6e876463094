"""Signature pages: who signs on which page of a rendered document, and what such a page may hold (DD310-DD312).

Run by `check` and `build` alike on every rendered document, so that a
template that lost a page break, a caption or a name line is refused before
anything is written; the signature packets then copy the pages found here.

Whose page. Each page of the document proper (not an exhibit or schedule: see
`ooxml.pages`) is read as lines. A *signature line* is a line of underscores,
bare or after "By:" or a label containing "Signature" ("Signature of
Purchaser: ____"). A signer (`closing.parties`) signs a page when one of its
lines names them within three non-empty lines below a signature line (so that
a "Name:" line is not taken for the "ATTEST: ____" line under it): the line is
the person's name, or names them after a label ("Name: Elena Marsh", "Name of
Authorized Signatory: ..."), or opens with their name and their capacity
("Ruth A. Calloway, as trustee of ..."). Names are compared without regard to
case, quotes and spaces normalized. A signer the term sheet leaves unnamed (an
escrow agent's blank Name line) is found by the party's name instead, on the
caption above the signature line. A person who signs for several parties (a
manager for two funds, a trustee or a joint holder who also buys alone, an
officer who is also a purchaser) signs a page for the parties the page names,
when it names any of them: one fund's page is not also the other fund's. A
party is named by a line that is its name, or by consecutive lines that are
its name together (a trust's trustees "Ruth A. Calloway and Peter M. Calloway,"
over "as trustees of the ... Trust"; joint holders' names over their tenancy).
The party of a person who signs in their own name is named by every line
naming them, so it is theirs only on a page that names none of their other
parties: the trust's page is not also the page Ruth A. Calloway signs for
herself, and a page of hers that is lost is not found on the other. A mention
of a name in running text never matches (it is not a line of its own), nor does
a name in a notice address (no signature line beside it).

What a signature page holds. It opens with a caption naming the document it
belongs to, exactly as the registry of kinds words it ("[Signature Page to
Note Purchase Agreement]"; a note's names its number, principal and payee), so
that a page signed in a packet says on its face what it signs; and it holds no
operative text, only the caption, a testimonium ("IN WITNESS WHEREOF ...") and
signature blocks: a line of running text there (more than 25 words) would be
signed away from its document.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD310 | error    | a signer's signature page cannot be found in a document they sign (the template lost its page break or name line) |
| DD311 | error    | a signature page does not open with the caption naming its document ("[Signature Page to ...]", a note's with its number, principal and payee) |
| DD312 | error    | a signature page holds operative text (a line of more than 25 words other than its caption and testimonium) |
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache

from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import Signer, signers
from dealdocs.findings import Finding, Location, error
from dealdocs.ooxml.pages import Page
from dealdocs.termsheet.model import Deal

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2011": "-"})
SIGNATURE_LINE = re.compile(r"^(?:(?:by|[^:]*signature[^:]*)\s*:\s*)?_{5,}$", re.IGNORECASE)
_WINDOW = 3  # non-empty lines between a name line and its signature line, at most
_RUNNING_TEXT = 25  # words: a paragraph longer than this on a signature page is operative text
_TESTIMONIUM = re.compile(r"^in witness whereof\b", re.IGNORECASE)


@lru_cache(maxsize=65536)  # the lines of 5,000 signature pages repeat ("By: ____", a manager's name, the caption)
def normalized_name(text: str) -> str:
    """For comparing names: NFKC, straight quotes, single spaces, no case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def names_on(line: str) -> set[str]:
    """What a line may name: the whole line, what follows a label ('Name: ...'), what precedes ', as ...'."""
    return set(_names_on(line))


@lru_cache(maxsize=65536)
def _names_on(line: str) -> frozenset[str]:
    """`names_on`, kept for each line read: a page's lines repeat on every other page."""
    line = normalized_name(line)
    names = {line}
    if ":" in line:
        names.add(line.split(":", 1)[1].strip())
    if ", as " in line:
        names.add(line.split(", as ", 1)[0].strip())
    return frozenset(names)


def is_signature_line(line: str) -> bool:
    """Whether the line is one to sign on (`SIGNATURE_LINE`); most lines do not even end in a blank."""
    return line.rstrip().endswith("_____") and bool(SIGNATURE_LINE.match(" ".join(line.split())))


def _looked_for(signer: Signer) -> str:
    return normalized_name(signer.name or signer.party.name)


def signers_on(page: Page, candidates: Iterable[Signer] | SignerIndex) -> list[Signer]:
    """The candidates who sign on `page` (see the module's docstring), in their order."""
    index = candidates if isinstance(candidates, SignerIndex) else SignerIndex(candidates)
    return [signer for _, signer in _named_near_signature_lines([line for line in page.lines if line.strip()], index)]


def _named_near_signature_lines(lines: list[str], index: SignerIndex) -> list[tuple[int, Signer]]:
    """(position, signer) for the signers who sign among `lines` (`signature_lines`), each once, in their order."""
    return _signers_of(signature_lines(lines, index))


def _signers_of(lines_signed: SignedLines) -> list[tuple[int, Signer]]:
    return sorted({position: signer for position, signer, _ in lines_signed}.items(), key=lambda entry: entry[0])


SignedLines = list[tuple[int, Signer, int]]
"""(position of the signer, the signer, the line they sign) for each signer named near a signature line of a page."""


def signature_lines(lines: list[str], index: SignerIndex) -> SignedLines:
    """(position, signer, the line they sign) for the signers who sign among the non-empty `lines`.

    A person's name is written within `_WINDOW` lines below the signature line
    they sign (the nearest above it is theirs); a signer known only by its
    party's name (an escrow agent's blank Name line) is named by the party's
    caption within `_WINDOW` lines above it (the nearest below it is theirs), or
    by a line below one, as a person is.
    """
    signing = [j for j, line in enumerate(lines) if is_signature_line(line)]
    found: list[tuple[int, Signer, int]] = []
    if not signing:
        return found
    named: list[frozenset[str]] = [_names_on(line) for line in lines]
    on_page = PageNames(lines, named)
    for i, above, below in _near_signature_lines(signing, len(lines)):
        for position, signer in index.named(named[i], on_page, above if above is not None else below):
            if signer.name is None and below is not None:
                found.append((position, signer, below))
            elif above is not None:
                found.append((position, signer, above))
    return found


def _near_signature_lines(signing: list[int], count: int) -> Iterator[tuple[int, int | None, int | None]]:
    """(line, the nearest signature line above it, the nearest below it) for each of `count` lines with a signature
    line (at the positions `signing`, in order) within `_WINDOW` lines above or below it, in order."""
    nearest_above: dict[int, int] = {}
    nearest_below: dict[int, int] = {}
    for j in signing:  # a later signature line is nearer to the lines below it; an earlier one to those above
        for i in range(j + 1, min(j + 1 + _WINDOW, count)):
            nearest_above[i] = j
    for j in reversed(signing):
        for i in range(max(j - _WINDOW, 0), j):
            nearest_below[i] = j
    for i in sorted(nearest_above.keys() | nearest_below.keys()):
        yield i, nearest_above.get(i), nearest_below.get(i)


_RUN = 4  # lines, at most, that a party's name is written over on a signature page (a trust's: two)


class PageNames:
    """What a page's non-empty `lines` name (`names_on` of each: `named`), and whether they name a party, on a line
    or over consecutive lines (`names`) and where last above a line (`last_naming`), for telling apart the parties
    one person signs for."""

    def __init__(self, lines: list[str], named: list[frozenset[str]]):
        self.lines = lines
        self.named = named  # `names_on` each line: the names a line gives ("Name: Ruth A. Calloway")
        self.on_lines: set[str] = set().union(*named)
        self._runs: dict[str, list[int]] | None = None  # a line's or 2 to `_RUN` lines' text -> the lines it ends on
        self._named: set[str] | None = None  # all the page names: `on_lines` and the texts of `_runs`

    def names(self, party: str) -> bool:
        """Whether the page names the party (its normalized name): a line is its name, or consecutive lines are."""
        return party in self.on_lines or party in self._texts()

    def named_among(self, parties: Collection[str]) -> list[str]:
        """Those of `parties` the page names (`names`): looked up from the smaller side, for a manager may sign
        for thousands of funds, and a page names a few."""
        if self._named is None:  # asked for each line naming the manager: made once a page
            self._named = self.on_lines | self._texts().keys()
        named = self._named
        if len(parties) <= len(self.on_lines) + len(self._texts()):
            return [party for party in parties if party in named]
        return [party for party in named if party in parties]

    def last_naming(self, party: str, upto: int) -> int | None:
        """The last line at or above line `upto` that names the party (alone, with a label such as 'Name:', or
        ending lines that do together)."""
        given = (k for k in range(min(upto, len(self.named) - 1), -1, -1) if party in self.named[k])
        return max((end for end in (*self._texts().get(party, ()), next(given, -1)) if 0 <= end <= upto), default=None)

    def _texts(self) -> dict[str, list[int]]:
        if self._runs is None:
            texts = [normalized_name(line) for line in self.lines]
            self._runs = {}
            for start in range(len(texts)):
                for end in range(start + 1, min(start + _RUN, len(texts)) + 1):
                    self._runs.setdefault(" ".join(texts[start:end]), []).append(end - 1)
        return self._runs


class SignerIndex:
    """Signers by the normalized name looked for: which of them a page names, without trying each on each page."""

    def __init__(self, signers: Iterable[Signer]):
        self.by_name: dict[str, list[tuple[int, Signer]]] = {}
        self.party_of: dict[int, str] = {}  # position -> the signer's party's name, normalized once: one manager
        # may sign for thousands of funds, each named on every line that names her
        for position, signer in enumerate(signers):
            self.by_name.setdefault(_looked_for(signer), []).append((position, signer))
            self.party_of[position] = normalized_name(signer.party.name)
        self._by_party: dict[str, dict[str, list[tuple[int, Signer]]]] = {}  # a name's signers by their party's name

    def _parties(self, name: str) -> dict[str, list[tuple[int, Signer]]]:
        """The signers `name` gives, by their party's normalized name."""
        if name not in self._by_party:
            grouped: dict[str, list[tuple[int, Signer]]] = {}
            for entry in self.by_name[name]:
                grouped.setdefault(self.party_of[entry[0]], []).append(entry)
            self._by_party[name] = grouped
        return self._by_party[name]

    def named(self, names: set[str], on_page: PageNames | None = None, line: int | None = None,
              ) -> list[tuple[int, Signer]]:
        """(position, signer) for each signer whose name is among `names`, in the order they were given.

        Of the signers one name gives for several parties (a manager signing for each of several funds, a trustee
        who also buys alone), those whose party the page names too (`on_page`), when the page names any: the page
        of one fund is not also the page of every other fund its manager signs for. A person's own party (they sign
        in their own name) is named by any line naming them, so it is theirs only where no other of their parties
        is named: the page of a trust is not also the page of its trustee's own purchase. Where the page names
        several of their parties, each signature `line` is the party's named nearest above it: one page may hold the
        company's block and, below it, the block its officer signs as the only purchaser.
        """
        found: list[tuple[int, Signer]] = []
        for name in names:
            entries = self.by_name.get(name, ())
            if len(entries) > 1 and on_page is not None:
                party_of, parties = self.party_of, self._parties(name)
                theirs = sorted((entry for party in on_page.named_among(parties) for entry in parties[party]),
                                key=lambda entry: entry[0])
                if line is not None and theirs:
                    nearest = {entry[0]: on_page.last_naming(party_of[entry[0]], line) for entry in theirs}
                    last = max((at for at in nearest.values() if at is not None), default=None)
                    if last is not None:
                        theirs = [entry for entry in theirs if nearest[entry[0]] == last]
                others = [entry for entry in theirs if party_of[entry[0]] != name]  # not signing in their own name
                entries = others or theirs or entries
            found += entries
        return sorted(found, key=lambda entry: entry[0])


def signature_pages(deal: Deal, spec: DocumentSpec, pages: list[Page], signed: dict[int, SignedLines] | None = None,
                    ) -> tuple[dict[int, list[int]], list[Finding]]:
    """The pages each signer of `spec` signs (by their index in `signers(deal, spec)`, 0-based page numbers),
    and DD310 for a signer with none, DD311 and DD312 for a signature page that is not one.

    `signed`, when given, receives the signature lines found on each signature page (`signature_lines` of its
    non-empty lines), for the e-signature anchors put on them (`outputs.signature_anchors.place_anchors`)."""
    expected = signers(deal, spec)
    index = SignerIndex(expected)
    found: dict[int, list[int]] = {position: [] for position in range(len(expected))}
    findings: list[Finding] = []
    where = Location(document=spec.filename)
    wanted = spec.signature_caption(deal)
    captions = {normalized_name(spec.signature_caption(deal, dated=dated, former=former))  # as a firm's template
                for dated in (True, False) for former in (False, True)}  # written before may still caption them
    for number, page in enumerate(pages):
        if page.attachment:
            continue
        lines_signed = signature_lines([line for line in page.lines if line.strip()], index)
        on_page = _signers_of(lines_signed)
        for position, _ in on_page:
            found[position].append(number)
        if on_page:
            findings += _page_findings(page, number, captions, wanted, where)
            if signed is not None:
                signed[number] = lines_signed
    missing = [signer for position, signer in enumerate(expected) if not found[position]]
    if missing:
        who = "; ".join(f"{s.person} ({s.party.role} {s.party.name})" for s in missing)
        what = (
            f"no signature page found for {who}: a signature page needs the signer's name on a line of its own "
            "(or after a label such as 'Name:') within three lines below a signature line ('By: ____')"
        )
        findings.append(error("DD310", what, where))
    return found, findings


_COUNTED = " (counting the page breaks of the document, not the pages Word lays out)"
"""How a signature page's number is counted: by hard breaks, the only pages a Word file has (`ooxml.pages`); the
PDF's page number, which the binder gives, is later where text runs over a page (a new user's trial read the two as
two pages)."""


def _page_findings(page: Page, number: int, captions: set[str], wanted: str, where: Location) -> list[Finding]:
    findings = []
    first = next((line for line in page.lines if line.strip()), "")
    if normalized_name(first) not in captions:
        shown = " ".join(first.split())
        findings.append(error(
            "DD311", f"the signature page on page {number + 1}{_COUNTED} opens with \"{shown[:len(wanted) + 20]}\", "
            f"not with its caption \"{wanted}\": a page signed apart from its document must say what it signs",
            where))
    lines = [" ".join(line.split()) for line in page.lines]
    for text in [line for line in lines if line][1:]:  # the caption may be long: a note's names its payee
        if len(text.split()) > _RUNNING_TEXT and not _TESTIMONIUM.match(text):
            findings.append(error(
                "DD312", f"the signature page on page {number + 1}{_COUNTED} holds operative text (\"{text[:80]}...\"): "
                "it belongs before the page break, or a signed page would carry terms away from its document",
                where))
    return findings
