"""Composing Word documents: appending one body to another, blank documents, paragraphs, tables, fields.

The few things dealdocs writes into a document other than a template's own
text: an exhibit appended on a new page (with the styles it needs), and the
packets' and checklist's covers and tables, in the templates' own styles.
Tables are built as XML in one go: python-docx's cell-by-cell API is a hundred
times slower.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from dealdocs.ooxml.xml import R, qn

_STYLE_REFS = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
_STYLE_LINKS = (qn("w:basedOn"), qn("w:next"), qn("w:link"))
_R_ID = f"{{{R}}}id"


def append_body(document: DocumentObject, other: DocumentObject) -> None:
    """Append the body of `other` to `document`, starting on a new page.

    Styles are matched by id; a style `document` lacks is copied over with what
    it is based on. The caller makes sure `other` refers to no part of its own
    package (pictures, links, list numbering, notes), which would not follow.
    """
    elements = [el for el in other.element.body if el.tag != qn("w:sectPr")]
    if not elements:
        return
    copy_missing_styles(document, other, elements)
    first = elements[0]
    if first.tag == qn("w:p"):
        first.get_or_add_pPr().get_or_add_pageBreakBefore()
    else:
        document.element.body.sectPr.addprevious(page_break_paragraph())
    sect_pr = document.element.body.sectPr
    for element in elements:
        sect_pr.addprevious(element)


def page_break_paragraph() -> Any:
    """An empty paragraph holding a page break."""
    return parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')


def copy_missing_styles(document: DocumentObject, source: DocumentObject, elements: list[Any]) -> None:
    """Copy into `document` the styles of `source` that `elements` use and `document` lacks, with their bases."""
    target = document.styles.element
    have = {s.get(qn("w:styleId")) for s in target.iterchildren(qn("w:style"))}
    styles = {s.get(qn("w:styleId")): s for s in source.styles.element.iterchildren(qn("w:style"))}
    wanted = [ref.get(qn("w:val")) for el in elements for ref in el.iter(*_STYLE_REFS)]
    while wanted:
        style_id = wanted.pop()
        if style_id in have or style_id not in styles:
            continue
        style = deepcopy(styles[style_id])
        target.append(style)
        have.add(style_id)
        wanted.extend(link.get(qn("w:val")) for link in style.iter(*_STYLE_LINKS))


def style_with_id(document: DocumentObject, style_id: str) -> Any:
    """The document's style with this id ('Title', 'Heading1', 'TableGrid'), or None (the default style)."""
    return next((s for s in document.styles if s.style_id == style_id), None)


def add_paragraph(container: Any, text: str, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT,
                  style: Any = None, space_before: Any = None, space_after: Any = None) -> Any:
    """A paragraph in `container` (a document or a cell), without the first-line indent of body text."""
    paragraph = container.add_paragraph(style=style)
    format_ = paragraph.paragraph_format
    format_.alignment = align
    format_.first_line_indent = Pt(0)
    if space_before is not None:
        format_.space_before = space_before
    if space_after is not None:
        format_.space_after = space_after
    if text:
        paragraph.add_run(text).bold = bold or None
    return paragraph


_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def add_table(document: DocumentObject, headings: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, aligns: Sequence[str] | None = None, size: float | None = None,
              bold_last: bool = False, keep_together: bool = False) -> Any:
    """A table at the end of `document`: a bold heading row repeated on every page, then `rows`.

    In the document's "Table Grid" style when it has one (else with plain
    borders); `widths` in inches; `aligns` 'left', 'center' or 'right' by column;
    `size` in points. Rows never split across pages; with `keep_together` the
    whole table stays on one page. Built as XML in one go: python-docx's
    cell-by-cell API is a hundred times slower.
    """
    aligns = aligns or ["left"] * len(headings)
    twips = [round(w * 1440) for w in widths]
    styled = style_with_id(document, "TableGrid") is not None
    xml = [f'<w:tbl {nsdecls("w")}><w:tblPr>', '<w:tblStyle w:val="TableGrid"/>' if styled else "",
           f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>', "" if styled else f"<w:tblBorders>{_BORDERS}</w:tblBorders>",
           '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>', *(f'<w:gridCol w:w="{t}"/>' for t in twips),
           "</w:tblGrid>"]
    every = [headings, *rows]
    for number, row in enumerate(every):
        last = number == len(every) - 1
        bold = number == 0 or (bold_last and last)
        xml.append(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if number == 0 else ""}</w:trPr>')
        for text, width, align in zip(row, twips, aligns, strict=True):
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            xml.append(_paragraph_xml(text, align=align, bold=bold, size=size, keep_next=keep_together and not last))
            xml.append("</w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    table = parse_xml("".join(xml))
    document.element.body.sectPr.addprevious(table)
    return table


def _paragraph_xml(text: str, *, align: str, bold: bool, size: float | None, keep_next: bool) -> str:
    """A tight table-cell paragraph (no first-line indent, 2 pt above and below)."""
    properties = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
                                                if size else "")
    run = f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:p><w:pPr>{"<w:keepNext/>" if keep_next else ""}<w:spacing w:before="40" w:after="40"/>'
            f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p>')


def table_cell(table: Any, row: int, column: int) -> Any:
    """The first paragraph (a w:p element) of a cell of a table made by `add_table` (row 0: the headings)."""
    return table.findall(qn("w:tr"))[row].findall(qn("w:tc"))[column].find(qn("w:p"))


def blank_document(data: bytes | None) -> DocumentObject:
    """An empty document with the styles, page setup and settings of the rendered document `data`.

    Its headers and footers are removed (they belong to that document); the
    caller adds its own with `add_footer`. Without `data`, python-docx's
    default document set in Times New Roman 12 pt.
    """
    if data is None:
        document = Document()
        normal = document.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        return document
    return Document(io.BytesIO(_emptied(data)))


@lru_cache(maxsize=8)
def _emptied(data: bytes) -> bytes:
    """`data` with its body, headers and footers taken out: made once, opened for each packet."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    section = body.sectPr
    for reference in list(section.iterchildren(qn("w:headerReference"), qn("w:footerReference"))):
        section.remove(reference)
        document.part.drop_rel(reference.get(_R_ID))
    for first_page in section.iterchildren(qn("w:titlePg")):
        section.remove(first_page)
    settings = document.settings.element
    for even_odd in settings.iterchildren(qn("w:evenAndOddHeaders")):
        settings.remove(even_odd)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_footer(document: DocumentObject, caption: str) -> None:
    """A footer on every page: `caption` and the page number, centred."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = style_with_id(document, "Footer")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{caption} \u2013 page ")
    add_field(paragraph._p, "PAGE", "1")


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, PAGEREF ...) at the end of `paragraph`, showing `shown` until Word updates it."""
    parts = [("fldChar", "begin"), ("instrText", f" {instruction} "), ("fldChar", "separate"),
             ("t", shown), ("fldChar", "end")]
    for tag, value in parts:
        run = OxmlElement("w:r")
        child = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            child.set(qn("w:fldCharType"), value)
        else:
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            child.text = value
        run.append(child)
        paragraph.append(run)
