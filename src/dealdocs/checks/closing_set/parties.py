"""DD401-DD403: a party named, organized or addressed one way in one document and another way in another.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD401 | error    | a party's name written differently in two documents of the set: a dropped comma, another suffix, a misspelling ("Northwind Analytic, Inc." for "Northwind Analytics, Inc."), other capitals; joint holders or trustees with one of them left out, added or misspelt, another tenancy or another date of their trust |
| DD402 | error    | a party's state of organization or kind of entity stated differently in two documents ("a Delaware corporation", "a Nevada corporation") |
| DD403 | warning  | a party's address stated differently in two documents |

The names are those `dealdocs.checks.closing_set.names` reads. The spelling
that most documents use is taken as the party's name; every other spelling
of the same party (see `names.difference`) is reported in each document that
uses it, naming a document that writes it the first way. A difference of
capitals alone inside one document is DD210's, not repeated here; names in
capitals (signature blocks) differ from the others only in their letters.
Two spellings that one document each writes twice or more, or introduces each
as a party (outside capitals), are two parties there ("Mark Chen" and "Mary
Chen", each with a notice block), never a misspelling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from dealdocs.checks.closing_set.common import Place
from dealdocs.checks.closing_set.documents import ClosingSet
from dealdocs.checks.closing_set.names import Mention, address_key, described, difference, spelling_keys
from dealdocs.findings import Finding, error, warning


def check(closing: ClosingSet) -> Iterator[Finding]:
    """DD401-DD403 across the documents of `closing`."""
    found = {d.name: d.mentions for d in closing.documents}
    order = [d.name for d in closing.documents]
    written: dict[str, list[Mention]] = {}  # each spelling's mentions, in the set's order
    for document in order:
        for mention in found[document]:
            written.setdefault(mention.name, []).append(mention)
    sequence = {id(m): k for k, m in enumerate(m for document in order for m in found[document])}
    for names in _parties(list(written), _frequent_in(found)):
        group = sorted((m for name in names for m in written[name]), key=lambda m: sequence[id(m)])
        usual = _usual(names, group)
        yield from _spellings(names, usual, group)
        yield from _descriptions(usual, group)
        yield from _addresses(usual, group)


def _parties(written: list[str], frequent_in: dict[str, set[str]]) -> list[list[str]]:
    """The spellings of each party, grouped: each group's spellings differ pairwise as one party's would.

    Only spellings that share a `names.spelling_keys` key can differ as one party's, so each spelling is
    compared with those alone: the work grows with the names, not with their square.
    """
    groups: list[list[str]] = []
    group_of: dict[str, int] = {}
    seen: dict[object, list[str]] = defaultdict(list)
    for name in written:
        keys = spelling_keys(name)
        candidates = {other for k in keys for other in seen[k]}
        joined = None
        by_group: dict[int, list[str]] = defaultdict(list)
        for other in candidates:
            by_group[group_of[other]].append(other)
        for index in sorted(by_group):
            if any(difference(other, name) and not _two_parties(other, name, frequent_in) for other in by_group[index]):
                joined = index
                break
        if joined is None:
            joined = len(groups)
            groups.append([])
        groups[joined].append(name)
        group_of[name] = joined
        for k in keys:
            seen[k].append(name)
    return groups


def _frequent_in(found: dict[str, list[Mention]]) -> dict[str, set[str]]:
    """For each spelling, the documents that write it twice or more, or introduce it as a party (a person is read
    only where a party is introduced; a company where it is given an address; people holding together where
    introduced, not in a signature page's caption), outside capitals."""
    frequent_in: dict[str, set[str]] = defaultdict(set)
    for document, document_mentions in found.items():
        plain = [m for m in document_mentions if not m.in_capitals]
        counts = Counter(m.name for m in plain)
        introduced = {m.name for m in plain if m.address or (m.introduced if m.holding else not m.entity)}
        for name, count in counts.items():
            if count >= 2 or name in introduced:
                frequent_in[name].add(document)
    return frequent_in


def _two_parties(a: str, b: str, frequent_in: dict[str, set[str]]) -> bool:
    """True when one document writes both spellings often, or introduces each: two parties, not one misspelt."""
    return not frequent_in.get(a, set()).isdisjoint(frequent_in.get(b, set()))


def _usual(names: list[str], group: list[Mention]) -> str:
    """The party's usual spelling: the one most documents use (then the most used, then the first), counting a
    signature block's capitals as the same spelling; written as a document writes it outside capitals, if one does."""
    documents: dict[str, set[str]] = defaultdict(set)
    for m in group:
        documents[m.name.casefold()].add(m.place.document)
    uses = Counter(m.name.casefold() for m in group)
    best = max(names, key=lambda n: (len(documents[n.casefold()]), uses[n.casefold()], not _capitals(n), -names.index(n)))
    return next((n for n in names if n.casefold() == best.casefold() and not _capitals(n)), best)


def _spellings(names: list[str], usual: str, group: list[Mention]) -> Iterator[Finding]:
    """DD401: each other spelling of the party, in each document that uses it."""
    documents_of: dict[str, dict[str, None]] = defaultdict(dict)  # each spelling's documents, in order, once
    firsts: dict[tuple[str, str], Mention] = {}  # (spelling, document) -> its first mention there
    for mention in group:
        documents_of[mention.name][mention.place.document] = None
        firsts.setdefault((mention.name, mention.place.document), mention)
    usual_in = list(documents_of[usual])
    for name in names:
        how = difference(usual, name)
        if name == usual or how is None or how == "reworded":  # one holding in other words: "JTWROS"
            continue
        for document in documents_of[name]:
            also_usual = document in documents_of[usual]
            others = len(usual_in) - also_usual  # the other documents that write it as usual
            if not others or (how == "capitals" and also_usual):
                continue
            here = firsts[(name, document)]
            there = firsts[(usual, usual_in[1] if usual_in[0] == document else usual_in[0])]
            more = f" and {others - 1} other document{'s' if others > 2 else ''}" if others > 1 else ""
            yield error(
                "DD401",
                f'"{name}" here is written "{usual}" in {there.place.document} ({there.place.at()}){more}: '
                f"{described(how)}",
                here.place.location,
                (there.place.location,),
            )


def _capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _descriptions(party: str, group: list[Mention]) -> Iterator[Finding]:
    """DD402: the party's state and kind of entity, where documents say it."""
    said = [(m.described, m.described_place) for m in group if m.described and m.described_place]
    yield from _disagreements(said, "DD402", f"{party} is", _describe, error)


def _addresses(party: str, group: list[Mention]) -> Iterator[Finding]:
    """DD403: the party's address, where documents give it."""
    said = [(address_key(m.address), m.address_place) for m in group if m.address and m.address_place]
    shown: dict[object, str] = {}
    for m in group:
        if m.address:
            shown.setdefault(address_key(m.address), m.address)
    yield from _disagreements(said, "DD403", f"the address of {party} is", lambda key: f'"{shown[key]}"', warning)


def _describe(described: tuple[str, str]) -> str:
    state, kind = described
    return "an individual" if kind == "individual" else f'"a{"n" if state[0] in "AEIOU" else ""} {state} {kind}"'


def _disagreements(said: list[tuple[object, Place]], code: str, subject: str, show, make) -> Iterator[Finding]:
    """Each document whose statement differs from the one most documents make, once per document."""
    by_document: dict[str, tuple[object, Place]] = {}
    for value, where in said:
        by_document.setdefault(where.document, (value, where))
    if len({value for value, _ in by_document.values()}) < 2:
        return
    votes = Counter(value for value, _ in by_document.values())
    usual = max(votes, key=votes.__getitem__)  # the first of the most said, in document order
    usual_place = next(where for value, where in by_document.values() if value == usual)
    for value, where in by_document.values():
        if value != usual:
            yield make(
                code,
                f"{subject} {show(value)} here but {show(usual)} in {usual_place.document} "
                f"({usual_place.at()})",
                where.location,
                (usual_place.location,),
            )
