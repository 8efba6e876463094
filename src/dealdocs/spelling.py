"""Slips: how far one spelling is from another, counted in letters left out, added or changed, or two neighbours swapped.

A word a slip or two from the word it should be is a typo ("Deleware", "Birch Ridge" for "Brich Ridge"): the
checks that say so measure it here, so they agree on what a slip is and how many make one.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["slips", "slips_allowed"]


def slips_allowed(a: str, b: str) -> int:
    """How many slips a typo may hold: one in a word below eight letters, two in a longer one (the longer of the two)."""
    return 1 if max(len(a), len(b)) < 8 else 2


@lru_cache(maxsize=65536)  # names of one deal differ in words of a small vocabulary: "Birch Ridge", "Cedar Ridge"
def slips(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) between two short words; `limit + 1` once more than
    `limit` (no row of the table then falls back to `limit`: most words compared are not alike at all)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit and (i == 1 or min(previous) > limit):  # a swap reaches back two rows
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
