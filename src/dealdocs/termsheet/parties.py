"""The term sheet's lists of parties, and which entry of one version is which entry of another.

`purchasers`, and each joint purchaser's `joint.holders`, list parties: each
entry is a person or an entity with a `name`. Two versions of a term sheet
(what `dealdocs redline` compares) are compared party by party, not position
by position (`pair_entries`):

- an entry is the same party as the entry of the other version with the same
  name, compared as the checks compare party names (`name_key`: case, spaces
  and punctuation aside; DD120 finds a purchaser listed twice so); entries of
  one name listed twice are taken in order;
- an entry left over on each side is the same party renamed when, but for
  their names, the two hold mostly the same values (at least half of their
  facts alike, and two at least): a name corrected keeps its address and
  amounts, while a party put in another's place is one party removed and
  another added;
- a party whose place among the others changed has moved: the notes are
  numbered in the purchasers' order. Only the fewest moves that give the new
  order count: a party that keeps its place among the others while one is
  added or removed before it has not moved, and of two swapped, one has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dealdocs.termsheet.base import name_key
from dealdocs.termsheet.loader import KeyPath, key_path_text


@dataclass(frozen=True)
class PartyList:
    """How a list of parties' entries are called."""

    noun: str  # one entry: "purchaser"
    amount: str | None = None  # the key of the amount an entry is named with ("subscription")


PARTY_LISTS = {
    "purchasers": PartyList("purchaser", "subscription"),
    "purchasers[].joint.holders": PartyList("joint holder"),
}
"""Each list of parties in the term sheet, by its key path with `[]` for any index."""

SAME_PARTY = 0.5  # of two entries' facts but their names, the share alike that makes them one party renamed
_MOST_COMPARED = 250_000  # pairs of leftover entries compared for a rename, at most (beyond: each with its rank's)
_INDEX = re.compile(r"\[\d+\]")
_NOT_WORD = re.compile(r"[\W_]+")


def party_list(path: KeyPath) -> PartyList | None:
    """The list of parties at `path` of a term sheet's data, or None for another key."""
    return PARTY_LISTS.get(_INDEX.sub("[]", key_path_text(path)))


@dataclass
class Pairing:
    """Which entry of an earlier list of parties is which of the current one (indexes in each list)."""

    earlier: dict[int, int]  # current index -> earlier index, for each party in both
    removed: list[int]  # earlier indexes of the parties no longer listed
    moved: set[int]  # current indexes of the parties whose place among the others changed
    places: dict[int, int]  # current index of a party added or moved -> where it goes in the earlier list


def pair_entries(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Pairing:
    """The parties of two versions of a list, matched as the module says.

    A party added or moved goes, in the earlier list, just after the party before
    it in the current list that did not move (first when there is none): where
    `dealdocs redline` puts it to apply that one change alone.
    """
    earlier = _by_name(old, new)
    taken = set(earlier.values())
    left_new = [index for index in range(len(new)) if index not in earlier]
    earlier.update(_renamed(old, new, [index for index in range(len(old)) if index not in taken], left_new))
    stayed = _increasing(sorted(earlier), earlier)
    places, anchor = {}, 0
    for index in range(len(new)):
        if index in stayed:
            anchor = earlier[index] + 1
        else:
            places[index] = anchor
    moved = {index for index in earlier if index not in stayed}
    taken = set(earlier.values())
    removed = [index for index in range(len(old)) if index not in taken]
    return Pairing(earlier, removed, moved, places)


def _name(entry: dict[str, Any]) -> str:
    return name_key(str(entry.get("name") or ""))


def _by_name(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[int, int]:
    """current index -> earlier index of the entries of one name, the first with the first."""
    waiting: dict[str, list[int]] = {}
    for index in reversed(range(len(old))):
        waiting.setdefault(_name(old[index]), []).append(index)
    found = {}
    for index, entry in enumerate(new):
        same = waiting.get(_name(entry))
        if same:
            found[index] = same.pop()
    return found


def _facts(value: Any, path: KeyPath = ()) -> set[tuple[KeyPath, Any]]:
    """Every (key path, value) of an entry but its name; None left out."""
    if isinstance(value, dict):
        return {fact for key, item in value.items() if (path, key) != ((), "name") for fact in _facts(item, (*path, key))}
    if isinstance(value, list):
        return {fact for index, item in enumerate(value) for fact in _facts(item, (*path, index))}
    return set() if value is None else {(path, value)}


_FEWEST_ALIKE = 2
"""Facts two entries must share, their names aside, to be one party renamed: two joint holders who hold only a
name and a pronoun are two people, not one renamed."""


def _alike(one: set[tuple[KeyPath, Any]], other: set[tuple[KeyPath, Any]]) -> float:
    """The share of the facts of either that both hold; 0 when they share fewer than `_FEWEST_ALIKE`."""
    shared = one & other
    return len(shared) / len(one | other) if len(shared) >= _FEWEST_ALIKE else 0.0


def _renamed(old: list[dict[str, Any]], new: list[dict[str, Any]], left_old: list[int],
             left_new: list[int]) -> dict[int, int]:
    """current index -> earlier index of the leftover entries that are one party renamed: each current entry, in
    order, takes the earlier one most alike (the first of equals), if at least `SAME_PARTY` alike. Of more
    leftovers than `_MOST_COMPARED` pairs (thousands renamed at once), each is compared with the one of its rank
    among the other side's only."""
    if not left_old or not left_new:
        return {}
    waiting = {index: _facts(old[index]) for index in left_old}
    each_with_its_rank = len(left_old) * len(left_new) > _MOST_COMPARED
    found: dict[int, int] = {}
    for rank, index in enumerate(left_new):
        candidates = left_old[rank:rank + 1] if each_with_its_rank else list(waiting)
        facts = _facts(new[index])
        scores = [(_alike(facts, waiting[other]), -other) for other in candidates]
        if scores and (best := max(scores))[0] >= SAME_PARTY:
            found[index] = -best[1]
            del waiting[-best[1]]
    return found


def _increasing(order: list[int], earlier: dict[int, int]) -> set[int]:
    """Of the current indexes in `order`, the most whose earlier indexes rise with them: the parties that kept
    their places among the others (a longest increasing subsequence). Of runs as long, the one keeping most
    parties at their own rank among those in both versions (of the first and third swapped, the second stayed
    where it was: not it but the other two moved), then the one ending latest in the current list.

    In time growing as n log n (5,000 purchasers): each earlier index keeps, in a Fenwick tree, the best run
    ending at a party of a lower one."""
    rank_before = {was: rank for rank, was in enumerate(sorted(earlier[index] for index in order))}
    size = max((earlier[index] for index in order), default=-1) + 1
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)  # (length, parties at their rank, last index)
    before: dict[int, int] = {}
    best: tuple[int, int, int] = (0, 0, -1)
    for rank, index in enumerate(order):
        was = earlier[index]
        found = (0, 0, -1)
        at = was  # the best run over earlier indexes below `was`
        while at > 0:
            found = max(found, tree[at])
            at -= at & -at
        run = (found[0] + 1, found[1] + (rank_before[was] == rank), index)
        before[index] = found[2]
        best = max(best, run)
        at = was + 1
        while at <= size:
            tree[at] = max(tree[at], run)
            at += at & -at
    kept: set[int] = set()
    at = best[2]
    while at != -1:
        kept.add(at)
        at = before[at]
    return kept
