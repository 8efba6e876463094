"""Office Open XML names: the namespaces of a Word document and a cached `qn` for Clark names.

One source for the namespace URIs every module that reads or writes Word XML
needs ('w:p' -> '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p').
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "mc": MC, "r": R}
"""Prefixes for XPath expressions."""

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
"""xml:space, which a w:t whose text begins or ends with a space needs set to "preserve"."""

R_ATTRIBUTES = tuple(f"{{{R}}}{name}" for name in ("id", "embed", "link", "pict"))
"""Attributes that point at a relationship of the part: pictures, links, embedded objects."""


@lru_cache(maxsize=512)
def qn(name: str) -> str:
    """'w:p' -> '{W}p' (prefixes w, mc and r); called in every loop over XML, so remembered."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


_P = f"{{{W}}}p"


def child(element: Any, tag: str) -> Any:
    """The first child of `element` named `tag` (a Clark name), None if it has none: what `element.find(tag)` gives,
    without the ElementPath machinery that `find` runs in Python (asked of every paragraph and run, it was much of
    reading a long document). The first child is tried first: a paragraph's or a run's properties come first."""
    if not len(element):
        return None
    first = element[0]
    return first if first.tag == tag else next(element.iterchildren(tag), None)


def top_paragraphs(element: Any) -> list[Any]:
    """The paragraphs of `element` (itself, if it is one) that no other paragraph holds (a text box's are held by
    the paragraph it is drawn in), in document order.

    What the XPath `descendant-or-self::w:p[not(ancestor::w:p)]` selects, in time that grows with the paragraphs:
    libxml2 takes time growing with their square (3.2 s for the 40,000 paragraphs of an agreement 5,000
    purchasers sign; 0.1 s this way).
    """
    if element.tag == _P:  # every paragraph below it is held by it
        return [element] if next(element.iterancestors(_P), None) is None else []
    return [p for p in element.iter(_P) if next(p.iterancestors(_P), None) is None]
