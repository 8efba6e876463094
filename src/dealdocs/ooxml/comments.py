"""The Word comments of a document, by the paragraphs they are anchored on.

A comment is anchored on a range (``w:commentRangeStart`` ... ``w:commentRangeEnd``)
or, without a range, on the point of its ``w:commentReference``; a range may
span several paragraphs, and each of them carries the comment. Paragraphs are
numbered as `ooxml.text.paragraphs` numbers them: every top-level paragraph of
the body, table cells included, from 1. Replies are comments too.

Reading is bounded like the rest of the toolkit: only the body and the
comments part are parsed, with entities never resolved.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from dealdocs.ooxml.xml import NS, PACKAGE_RELATIONSHIPS, R, qn, top_paragraphs

__all__ = ["comments_by_paragraph"]

_COMMENTS = f"{R}/comments"
_OFFICE_DOCUMENT = f"{R}/officeDocument"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_MARKS = etree.XPath(".//w:commentRangeStart | .//w:commentRangeEnd | .//w:commentReference", namespaces=NS)
_START, _END, _REFERENCE = qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")
_ID = qn("w:id")


def comments_by_paragraph(source: str | os.PathLike[str] | bytes) -> dict[int, list[str]]:
    """Paragraph number (1-based) -> the text of each comment anchored on it, in the order they open."""
    data = bytes(source) if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        main = _target(package, names, "_rels/.rels", "", _OFFICE_DOCUMENT) or "word/document.xml"
        rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        comments_part = _target(package, names, rels, posixpath.dirname(main), _COMMENTS)
        if comments_part is None or main not in names:
            return {}
        texts = _comment_texts(etree.fromstring(package.read(comments_part), _PARSER))
        document = etree.fromstring(package.read(main), _PARSER)
    found: dict[int, list[str]] = {}
    open_ranges: list[str] = []
    paragraphs = [p for body in document.iter(qn("w:body")) for p in top_paragraphs(body)]
    for number, paragraph in enumerate(paragraphs, 1):
        here = list(open_ranges)
        for mark in _MARKS(paragraph):
            comment = mark.get(_ID)
            if mark.tag == _START and comment not in open_ranges:
                open_ranges.append(comment)
                here.append(comment)
            elif mark.tag == _END and comment in open_ranges:
                open_ranges.remove(comment)
            elif mark.tag == _REFERENCE:
                here.append(comment)
        anchored = [texts[c] for c in dict.fromkeys(here) if c in texts]
        if anchored:
            found[number] = anchored
    return found


def _target(package: zipfile.ZipFile, names: set[str], rels: str, folder: str, kind: str) -> str | None:
    """The part a relationships part points at with relationship type `kind`, or None."""
    if rels not in names:
        return None
    for rel in etree.fromstring(package.read(rels), _PARSER).iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
        if rel.get("Type") == kind and rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")).lstrip("/"))
            return target if target in names else None
    return None


def _comment_texts(root: etree._Element) -> dict[str, str]:
    """Comment id -> its text (its paragraphs joined by spaces)."""
    texts = {}
    for comment in root.iter(qn("w:comment")):
        words = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in comment.iter(qn("w:p")))
        texts[comment.get(_ID)] = " ".join(words.split())
    return texts
