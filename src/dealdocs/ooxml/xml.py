"""Office Open XML names: the namespaces of a Word document and a cached `qn` for Clark names.

One source for the namespace URIs every module that reads or writes Word XML
needs ('w:p' -> '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p').
"""

from __future__ import annotations

from functools import lru_cache

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "mc": MC, "r": R}
"""Prefixes for XPath expressions."""

R_ATTRIBUTES = tuple(f"{{{R}}}{name}" for name in ("id", "embed", "link", "pict"))
"""Attributes that point at a relationship of the part: pictures, links, embedded objects."""


@lru_cache(maxsize=512)
def qn(name: str) -> str:
    """'w:p' -> '{W}p' (prefixes w, mc and r); called in every loop over XML, so remembered."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"
