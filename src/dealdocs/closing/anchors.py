"""E-signature anchors: on each signature line, a string that says whose line it is.

The scheme: ``\\s<n>\\``, where n is the signer's number in the deal, from 1,
in the order of `closing.parties.signers_of` (the company's officers, the
purchasers' signers, the escrow agent's), which is the order of `signers.json`.
One string per person, on every line they sign in every document and packet:
an e-signature service asked to put a signature wherever ``\\s2\\`` occurs
(a DocuSign anchor tab, an Adobe Sign anchor-text field) puts one on each of
that person's lines, and on nobody else's. The backslashes close the string
on both sides, so ``\\s1\\`` is never found inside ``\\s12\\``. The number
follows the term sheet: adding a purchaser before another renumbers those after.

`outputs.signature_anchors` writes them into each rendered document.
"""

from __future__ import annotations

import re

from dealdocs.closing.parties import Signer, signers_of
from dealdocs.termsheet.model import Deal

ANCHOR = re.compile(r"\\s(\d+)\\")
"""An anchor in a page's text; group 1 is the signer's number."""

_LAST: list[tuple[Deal, dict[str, int]]] = []  # the last two deals asked about (as `parties.signatories`)


def anchor_text(number: int) -> str:
    """The anchor string of signer number `number`: '\\s3\\'."""
    return f"\\s{number}\\"


def signer_numbers(deal: Deal) -> dict[str, int]:
    """Each signing person's key (`Signer.key`) -> their number, from 1 (see the module docstring)."""
    for known, numbers in _LAST:
        if known is deal:
            return numbers
    numbers = {group[0].key: number for number, (_, group) in enumerate(signers_of(deal), start=1)}
    _LAST[:] = [(deal, numbers), *_LAST[:1]]
    return numbers


def anchor_of(deal: Deal, signer: Signer) -> str:
    """The anchor string on `signer`'s lines."""
    return anchor_text(signer_numbers(deal)[signer.key])
