"""Origins: the term sheet's words a finding on a built document quotes, so that it points where to mend them.

A check of a document's text (words against figures, a date that is no deal's, a doubled word) finds a fault
in a paragraph of a document `check` does not even write. When the words it quotes are the term sheet's own
(free text such as `notes.use_of_proceeds` or `notes.closing.place`, printed as written), the finding is
located at that key too: its file, line and key, beside the document and paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dealdocs.findings import Finding, Location
from dealdocs.termsheet.loader import KeyPath, TermSheetSource, key_path, texts_in

__all__ = ["traced"]

_QUOTED = re.compile(r"\"\u2026?([^\"\u2026]{12,})\u2026?\"")  # words a message quotes (without its ellipses)
_ANY_QUOTED = re.compile(r"\"\u2026?([^\"\u2026]+)\u2026?\"")
_LONG_ENOUGH = 12  # shorter words ("Delaware", "Secured") stand in too many places to point to one


def traced(findings: list[Finding], source: TermSheetSource | None) -> list[Finding]:
    """`findings`, each one on a document whose quoted words stand in exactly one of the term sheet's texts
    located at that text's key as well."""
    if source is None or not any(_on_document(f) and _QUOTED.search(f.message) for f in findings):
        return findings
    texts = [(key_path(place), " ".join(text.split())) for place, _, text in texts_in(source.data)
             if len(text) >= _LONG_ENOUGH]  # free text, not a word that stands in many places
    out = []
    for finding in findings:
        path = _origin(finding, texts) if _on_document(finding) else None
        if path is not None:
            at = source.location(path)
            finding = replace(finding, location=Location(at.file, at.line, at.column, at.key,
                                                         finding.location.document, finding.location.paragraph))
        out.append(finding)
    return out


def _on_document(finding: Finding) -> bool:
    """A finding on one document's paragraph (not one comparing documents, which has `related` places)."""
    return finding.location.document is not None and finding.location.file is None and not finding.related


def _origin(finding: Finding, texts: list[tuple[KeyPath, str]]) -> KeyPath | None:
    """The key of the one term sheet text holding the first words of 12 characters or more that `finding`
    quotes; else, the words at fault being fewer ("Custodian", used as a defined term), of the one text holding
    them that stands whole in the words quoted around them ("... an address at c/o the Custodian, 19 Garden
    Place ...": a street, `purchasers[9].address.street[0]`, a new user's trial); None for none, or several."""
    match = _QUOTED.search(finding.message)
    words = " ".join(match.group(1).split()) if match else ""
    holding = {path for path, text in texts if words and words in text}
    quoted = [" ".join(q.split()) for q in _ANY_QUOTED.findall(finding.message)]
    if not holding and quoted and quoted[0].strip():
        # the word, whole, in the text, and in the words around it only where the text stands (a code review: the
        # template's own "the Trust shall pay Trustmark National Bank" is no fault of the purchaser's name)
        word = re.compile(rf"(?<!\w){re.escape(quoted[0])}(?!\w)")
        holding = {path for path, text in texts if word.search(text)
                   and any(text in q and not word.search(q.replace(text, " ")) for q in quoted[1:])}
    return holding.pop() if len(holding) == 1 else None
