"""Party names are found in a document's text as searching once per name finds them, however many names start alike."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dealdocs.checks.provenance import _PartyNames

NAMES = [
    "Harborview Capital Partners, L.P.", "Harborview Capital Partners II, L.P.", "Harborview Capital",
    "Harborview Capital Partners, L.P. Fund", "Zoë Łukasiewicz-Müller", "Zoe Smith", "Émile Zola Holdings, LLC",
    "Smith", "Smith & Jones LLP", "Ab", "ABCDEFGHIJKLMNOPQRSTUVWXYZ Trust", "ABCDEFGHIJKLMNOPQRSTUVWXYZ Fund",
    "Mañana Ventures, LLC", "Mana Ventures, LLC", "Σίσυφος Holdings", "ΣΊΣΥΦΟΣ Trust", "Straße Capital", "Strasse Fund",
    "Kelvin Partners", "Isaac İnönü", "Ivy Sun",
]


def one_search_per_name(names: list[str], text: str) -> list[tuple[str, str]]:
    """What the matcher must give: each name's occurrences, left to right, in the order of the text."""
    found = []
    for name in sorted(set(names)):
        found += [(m.start(), name, m.group(0)) for m in re.finditer(re.escape(name), text, re.IGNORECASE)]
    return [(name, written) for _, name, written in sorted(found, key=lambda f: (f[0], f[1]))]


VARIANTS = [n.upper() for n in NAMES] + [n.lower() for n in NAMES] + [n.casefold() for n in NAMES]
VARIANTS += ["\u212aelvin Partners", "\u017ftraße Capital", "\u0130saac İnönü", "\u0131vy Sun", "σίσυφος holdings", "σίσυφοσ holdings"]
pieces = st.sampled_from(NAMES + VARIANTS + [" ", ", ", " and ", "é", "x", "ς", "ß"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(pieces, max_size=12).map("".join))
def test_the_matcher_finds_what_one_search_per_name_finds(text):
    assert list(_PartyNames(NAMES).find(text)) == one_search_per_name(NAMES, text)


def test_five_thousand_names_that_start_alike_are_each_found():
    names = [f"Capital Partners Fund {i:04d}, L.P." for i in range(5000)]
    text = " ".join(names[::7])
    assert [name for name, _ in _PartyNames(names).find(text)] == names[::7]

