"""E-signature anchors written into a rendered document: each signer's anchor on each line they sign.

`place_anchors` writes each signer's anchor string (`closing.anchors`) as an
anchor run (`ooxml.anchor_runs`: white 1-point text, invisible in print) just
before the underscores of their signature line on each of their signature
pages, as the signature-page check found them (`checks.signature_pages`),
followed by a space so that it is a word of its own (DocuSign matches whole
words unless told not to). It runs on every rendered document before it is
saved, so a page copied into a packet carries its anchors and a signed page
is the document's.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD313 | warning  | a signature line is in a paragraph a page break cuts in two, so no e-signature anchor can be put on it |
"""

from __future__ import annotations

from dealdocs.checks.signature_pages import SignedLines, SignerIndex, signature_lines
from dealdocs.closing.anchors import anchor_of
from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import signers
from dealdocs.findings import Finding, Location, warning
from dealdocs.ooxml.anchor_runs import insert_anchor
from dealdocs.ooxml.pages import Page
from dealdocs.termsheet.model import Deal


def place_anchors(deal: Deal, spec: DocumentSpec, pages: list[Page], found: dict[int, list[int]],
                  signed: dict[int, SignedLines] | None = None, *, write: bool = True) -> list[Finding]:
    """Write each signer's anchor on their signature line on each page `found` (signer position -> pages).

    `signed` gives the signature lines of each page as the signature-page check
    found them (`signature_pages`); without it, they are found again here.
    Returns DD313 for a line that is in a paragraph a page break splits in two
    (its page holds a copy of it, not the document's own): no anchor is put
    there, and the service's anchor search will not find that line.

    Without `write`, only those findings: for a document read and never saved (`dealdocs check`), whose readers
    leave anchor runs out (`ooxml.anchor_runs`), so that what they read is the same.
    """
    index = SignerIndex(signers(deal, spec)) if signed is None else None
    findings: list[Finding] = []
    for number in sorted({page for pages_ in found.values() for page in pages_}):
        page = pages[number]
        lines = [(element, nodes) for (element, nodes), text in zip(page.nodes, page.lines) if text.strip()]
        texts = [text for text in page.lines if text.strip()]
        anchored: set[int] = set()  # one anchor a line: a person signing for several funds is one signer of the page
        for _, signer, line in signed[number] if signed is not None else signature_lines(texts, index):
            if line in anchored:
                continue
            anchored.add(line)
            element, nodes = lines[line]
            target = next((node for node in nodes if "_" in (node.text or "") and node.tag.endswith("}t")), None)
            if target is None or element.getparent() is None:  # a copy of a paragraph cut at a page break
                findings.append(warning(
                    "DD313", f"no e-signature anchor on {signer.person}'s signature line on page {number + 1}: the "
                    "line is in a paragraph that a page break cuts in two; start the signature page with a "
                    "paragraph of its own", Location(document=spec.filename)))
                continue
            if write:
                insert_anchor(target, (target.text or "").index("_"), anchor_of(deal, signer) + " ")
    return findings
