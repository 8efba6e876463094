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

`place_anchors` writes the strings into a rendered document as anchor runs
(`ooxml.anchor_runs`: white 1-point text, invisible in print), just before
the underscores of each signer's line on each of their signature pages, as
the signature-page check found them (`checks.signature_pages`), followed by a
space so that each is a word of its own (DocuSign matches whole words unless
told not to). A page copied into a packet carries its anchors, and a signed
page is the document's.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD313 | warning  | a signature line is in a paragraph a page break cuts in two, so no e-signature anchor can be put on it |
"""

from __future__ import annotations

import re

from dealdocs.checks.signature_pages import SignerIndex, signature_lines
from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import Signer, signers, signers_of
from dealdocs.findings import Finding, Location, warning
from dealdocs.ooxml.anchor_runs import insert_anchor
from dealdocs.ooxml.pages import Page, line_nodes, node_text
from dealdocs.termsheet.model import Deal

ANCHOR = re.compile(r"\\s(\d+)\\")
"""An anchor in a page's text; group 1 is the signer's number."""

_LAST: list[tuple[Deal, dict[str, int]]] = []  # the last deal asked about: every document of a build asks


def anchor_text(number: int) -> str:
    """The anchor string of signer number `number`: '\\s3\\'."""
    return f"\\s{number}\\"


def signer_numbers(deal: Deal) -> dict[str, int]:
    """Each signing person's key (`Signer.key`) -> their number, from 1 (see the module docstring)."""
    for known, numbers in _LAST:
        if known is deal:
            return numbers
    numbers = {group[0].key: number for number, (_, group) in enumerate(signers_of(deal), start=1)}
    _LAST[:] = [(deal, numbers)]
    return numbers


def anchor_of(deal: Deal, signer: Signer) -> str:
    """The anchor string on `signer`'s lines."""
    return anchor_text(signer_numbers(deal)[signer.key])


def place_anchors(deal: Deal, spec: DocumentSpec, pages: list[Page], found: dict[int, list[int]]) -> list[Finding]:
    """Write each signer's anchor on their signature line on each page `found` (signer position -> pages).

    Returns DD313 for a line that is in a paragraph a page break splits in two
    (its page holds a copy of it, not the document's own): no anchor is put
    there, and the service's anchor search will not find that line.
    """
    expected = signers(deal, spec)
    index = SignerIndex(expected)
    findings: list[Finding] = []
    for number in sorted({page for pages_ in found.values() for page in pages_}):
        page = pages[number]
        lines = [(element, nodes) for element in page.elements for nodes in line_nodes(element)
                 if "".join(node_text(node) for node in nodes).strip()]
        texts = ["".join(node_text(node) for node in nodes) for _, nodes in lines]
        for _, signer, line in signature_lines(texts, index):
            element, nodes = lines[line]
            target = next((node for node in nodes if "_" in (node.text or "") and node.tag.endswith("}t")), None)
            if target is None or element.getparent() is None:  # a copy of a paragraph cut at a page break
                findings.append(warning(
                    "DD313", f"no e-signature anchor on {signer.person}'s signature line on page {number + 1}: the "
                    "line is in a paragraph that a page break cuts in two; start the signature page with a "
                    "paragraph of its own", Location(document=spec.filename)))
                continue
            insert_anchor(target, (target.text or "").index("_"), anchor_of(deal, signer) + " ")
    return findings
