"""The text of a Word (.docx) file as a list of paragraphs, in reading order.

What the checks in `dealdocs.checks.text` and the `dealdocs text` command read.
A paragraph is every top-level ``w:p`` of the document body, including the
paragraphs inside table cells (nested tables too), content controls and
tracked insertions, in document order. Its text is the concatenation of its
runs' ``w:t`` text, with a tab (``w:tab``) as a tab character and a line or
page break (``w:br``, ``w:cr``) as a space; a non-breaking hyphen is "-".
Tracked deletions (``w:delText``), field codes (``w:instrText``), the tab
stops of a paragraph's properties and the fallback copy of a drawing's text
(``mc:Fallback``, which repeats its ``mc:Choice``) are not text.

Headers, footers, footnotes and comments are not part of the body and are not
read. The work is one pass over the body: linear in the document's size.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Union

from lxml import etree

from dealdocs.ooxml.limits import check_package

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocumentObject

__all__ = ["Source", "document_text", "paragraphs"]

Source = Union[str, "os.PathLike[str]", bytes, "DocumentObject"]
"""A path to a .docx file, the bytes of one, or an open python-docx Document."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": _W, "mc": _MC}

_TOP_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::w:p)]", namespaces=_NS)
_T, _TAB, _BR, _CR = (f"{{{_W}}}{name}" for name in ("t", "tab", "br", "cr"))
_NO_BREAK_HYPHEN, _RUN, _FALLBACK = f"{{{_W}}}noBreakHyphen", f"{{{_W}}}r", f"{{{_MC}}}Fallback"
_PIECES = {_TAB: "\t", _BR: " ", _CR: " ", _NO_BREAK_HYPHEN: "-"}


def _body(source: Source) -> etree._Element:
    """The ``w:body`` element of `source` (a path, bytes or a python-docx Document)."""
    element = getattr(source, "element", None)
    if element is None:
        from docx import Document  # imported here: python-docx is slow to import

        if isinstance(source, (bytes, bytearray, str, os.PathLike)) or hasattr(source, "read"):
            check_package(source)  # a zip bomb is refused before anything is unpacked
        if isinstance(source, (bytes, bytearray)):
            document = Document(io.BytesIO(bytes(source)))
        elif isinstance(source, (str, os.PathLike)):
            document = Document(os.fspath(source))
        elif hasattr(source, "read"):  # an open binary file
            document = Document(source)
        else:
            raise TypeError(f"not a Word document, its bytes or a path: {type(source).__name__}")
        element = document.element
    return element.body


def _paragraph_text(paragraph: etree._Element) -> str:
    """The text of one top-level ``w:p``: its runs' text, tabs and breaks, in order."""
    parts: list[str] = []
    # One walk over the paragraph's subtree; a subtree under mc:Fallback is
    # skipped whole (it repeats the mc:Choice text), and only a run's own
    # children count (a w:tab in w:pPr/w:tabs is a tab stop, not text).
    stack = [iter(paragraph)]
    while stack:
        for element in stack[-1]:
            tag = element.tag
            if tag == _FALLBACK or not isinstance(tag, str):
                continue
            parent_is_run = element.getparent().tag == _RUN
            if tag == _T and parent_is_run:
                parts.append(element.text or "")
            elif tag in _PIECES and parent_is_run:
                parts.append(_PIECES[tag])
            elif len(element):
                stack.append(iter(element))
                break
        else:
            stack.pop()
    return "".join(parts)


def paragraphs(source: Source) -> list[str]:
    """The body's paragraphs as text, in reading order, table cells included.

    `source` is a path to a .docx file, its bytes, an open binary file, or a
    python-docx Document.
    An empty paragraph is an empty string (paragraph numbers stay those of the
    document). A file that is not a Word document raises the error python-docx
    or the zip reader gives, and one that would unpack to too much raises
    `dealdocs.ooxml.limits.PackageTooLarge` (callers that must not fail catch them).
    """
    return [_paragraph_text(p) for p in _TOP_PARAGRAPHS(_body(source))]


def document_text(source: Source) -> str:
    """The body's text, one paragraph a line (see `paragraphs`)."""
    return "\n".join(paragraphs(source))
