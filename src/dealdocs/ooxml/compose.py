"""Composing Word documents: appending one body to another, blank documents, sections, paragraphs, tables, fields.

The few things dealdocs writes into a document other than a template's own
text: an exhibit appended on a new page (with the styles it needs), the
sections of a packet whose pages come from documents laid out otherwise (their
page setup), and the packets' and checklist's covers and tables, in the
templates' own styles.
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
from lxml import etree

from dealdocs.ooxml.xml import R, XML_SPACE, qn

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


def carry_styles(document: DocumentObject, source: DocumentObject, elements: list[Any], suffix: str) -> None:
    """Give `elements`, copied from `source` into `document`, the styles they print with in `source`.

    A style `document` lacks is copied over with its bases, as `copy_missing_styles` does. One that
    `document` defines otherwise (a firm's Normal in Garamond against the bundled one in Times New Roman),
    or whose base does, or any when the two documents' defaults differ (`w:docDefaults`), is copied under a
    new id (`Normal-<suffix>`, named "Normal (<suffix>)"), its base too, the documents' defaults written into
    the first of its line, and the elements are pointed at it. A paragraph or table that takes the default
    style takes `source`'s by name then. Theme fonts are left to the document's theme.
    """
    target = document.styles.element
    ours = {s.get(qn("w:styleId")): s for s in target.iterchildren(qn("w:style"))}
    theirs = {s.get(qn("w:styleId")): s for s in source.styles.element.iterchildren(qn("w:style"))}
    same_defaults = _canonical(target.find(qn("w:docDefaults"))) == _canonical(
        source.styles.element.find(qn("w:docDefaults")))
    defaults = source.styles.element.find(qn("w:docDefaults"))
    carried: dict[str, str] = {}

    def carry(style_id: str) -> str:
        if style_id in carried or style_id not in theirs:
            return carried.get(style_id, style_id)
        style = theirs[style_id]
        based = style.find(qn("w:basedOn"))
        base = carry(based.get(qn("w:val"))) if based is not None else None
        kept = base is None or base == based.get(qn("w:val"))
        if same_defaults and kept and (style_id not in ours or _canonical(ours[style_id]) == _canonical(style)):
            if style_id not in ours:  # its base is there already, the same
                ours[style_id] = deepcopy(style)
                ours[style_id].attrib.pop(qn("w:default"), None)  # the packet has its own default
                target.append(ours[style_id])
            carried[style_id] = style_id
            return style_id
        new_id = f"{style_id}-{suffix}"
        # the documents' defaults go into the first paragraph or table style of a line: a character style holding
        # them would override the paragraph's own (a bold run of a heading set at the body's size)
        rooted = None if same_defaults or based is not None or style.get(qn("w:type")) not in ("paragraph", "table") \
            else defaults
        copy = _renamed(style, new_id, suffix, base, rooted)
        number = 1
        while new_id in ours and _canonical(ours[new_id]) != _canonical(copy):  # another source's, of that name
            number += 1
            new_id = f"{style_id}-{suffix}-{number}"
            copy = _renamed(style, new_id, f"{suffix} {number}", base, rooted)
        if new_id not in ours:
            target.append(copy)
            ours[new_id] = copy
        carried[style_id] = new_id
        return new_id

    for element in elements:
        for ref in element.iter(*_STYLE_REFS):
            ref.set(qn("w:val"), carry(ref.get(qn("w:val"))))
    for kind, tag, holder, reference in (("paragraph", "w:p", "w:pPr", "w:pStyle"),
                                         ("table", "w:tbl", "w:tblPr", "w:tblStyle")):
        default = _default_style(theirs, kind)
        if default is None or carry(default) == _default_style(ours, kind):
            continue
        for element in elements:
            for node in element.iter(qn(tag)):
                properties = node.find(qn(holder))
                if properties is None:
                    properties = OxmlElement(holder)
                    node.insert(0, properties)
                if properties.find(qn(reference)) is None:
                    properties.insert(0, OxmlElement(reference, {qn("w:val"): carried[default]}))


def _default_style(styles: dict[str, Any], kind: str) -> str | None:
    """The id of the default style of a kind ("paragraph", "table") among `styles`, or None."""
    return next((i for i, s in styles.items() if s.get(qn("w:type")) == kind and s.get(qn("w:default")) in ("1", "true")),
                None)


def _canonical(element: Any) -> bytes | None:
    """An element's XML, comparable wherever it stands: exclusive C14N, without the namespaces of the part's
    root that it does not use (a style in a packet's styles.xml and its fresh copy read the same)."""
    return None if element is None else etree.tostring(element, method="c14n", exclusive=True)


def _renamed(style: Any, new_id: str, suffix: str, base: str | None, defaults: Any) -> Any:
    """A copy of `style` as `new_id`, based on `base`, not a default, following no other; `defaults` (the
    source's w:docDefaults) written under its own properties when it is the first of its line."""
    copy = deepcopy(style)
    copy.set(qn("w:styleId"), new_id)
    copy.attrib.pop(qn("w:default"), None)
    name = copy.find(qn("w:name"))
    if name is not None:
        name.set(qn("w:val"), f"{name.get(qn('w:val'))} ({suffix})")
    for link in copy.findall(qn("w:next")) + copy.findall(qn("w:link")):
        copy.remove(link)
    if base is not None:
        copy.find(qn("w:basedOn")).set(qn("w:val"), base)
    if defaults is not None:
        for holder, default in ((qn("w:pPr"), f"{qn('w:pPrDefault')}/{qn('w:pPr')}"),
                                (qn("w:rPr"), f"{qn('w:rPrDefault')}/{qn('w:rPr')}")):
            given = defaults.find(default)
            if given is None:
                continue
            own = copy.find(holder)
            if own is None:
                own = etree.SubElement(copy, holder)
                _in_order(copy, _ORDER[qn("w:style")])
            present = {child.tag: child for child in own}
            for child in given:
                if child.tag not in present:
                    own.append(deepcopy(child))
                    continue
                for name, value in child.attrib.items():  # spacing after="0" of its own, line="360" by default
                    if present[child.tag].get(name) is None:
                        present[child.tag].set(name, value)
            _in_order(own, _ORDER[holder])
    return copy


def _in_order(element: Any, order: dict[str, int]) -> None:
    """`element`'s children put in the schema's `order` (a position for each tag; others after, as they were)."""
    element[:] = sorted(element, key=lambda child: order.get(child.tag, len(order)))


_ORDER = {qn(holder): {qn(f"w:{name}"): number for number, name in enumerate(names.split())} for holder, names in (
    ("w:style", "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
                "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"),
    ("w:sectPr", "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
                 "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
                 "printerSettings sectPrChange"),
    ("w:pPr", "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
              "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
              "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
              "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
    ("w:rPr", "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
              "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
              "vertAlign rtl cs em lang eastAsianLayout specVanish oMath"))}
"""The children of a style, a section, paragraph and run properties in the schema's order (what is merged into
them is put back in it)."""
_PAGE_SETUP = tuple(qn(f"w:{name}") for name in (
    "pgSz", "pgMar", "pgBorders", "lnNumType", "cols", "vAlign", "textDirection", "bidi", "rtlGutter", "docGrid"))
"""What of a section decides how its pages are laid out: size and orientation, margins, borders, line numbers,
columns, vertical alignment, text direction, the grid (not its headers and footers, nor a first page's own)."""


def page_setup(section: Any) -> tuple[bytes, ...]:
    """What lays out the pages of the section `section` (a w:sectPr), comparable across documents."""
    return tuple(_canonical(child) for child in section.iterchildren(*_PAGE_SETUP))


def with_page_setup(section: Any, other: Any) -> Any:
    """A copy of the w:sectPr `section` laid out as `other` is (`page_setup`), all else its own."""
    copy = deepcopy(section)
    for child in list(copy.iterchildren(*_PAGE_SETUP)):
        copy.remove(child)
    for child in other.iterchildren(*_PAGE_SETUP):
        copy.append(deepcopy(child))
    _in_order(copy, _ORDER[qn("w:sectPr")])
    return copy


def end_section(element: Any, section: Any) -> Any:
    """End a section at the body element `element` with the w:sectPr `section`: in its paragraph properties, or
    in an empty paragraph of no height put after it when it is no paragraph (a table); returns that paragraph."""
    if element.tag != qn("w:p"):
        paragraph = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
                              'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
        element.addnext(paragraph)
        element = paragraph
    element.get_or_add_pPr()._insert_sectPr(section)
    return element


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
              bold_last: bool = False, keep_together: bool = False, with_next: bool = False) -> Any:
    """A table at the end of `document`: a bold heading row repeated on every page, then `rows`.

    In the document's "Table Grid" style when it has one (else with plain
    borders); `widths` in inches; `aligns` 'left', 'center' or 'right' by column;
    `size` in points. Rows never split across pages, the heading never ends a page without the first two rows
    (a partner's read: a section's heading and its first row alone at the foot of a page), nor does the last row
    start one alone (a partner's read of the checklist: "row 23 sits alone at the top of p.4"); with
    `keep_together` the whole table stays on one page; with `with_next` its last row stays with what follows (a
    note on it, or the next table of a funds flow). Built as XML in one go: python-docx's
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
        keep = (keep_together and not last) or number == 0 or (number == 1 and not last) or (
            number == len(every) - 2 and number > 0) or (last and with_next)
        xml.append(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if number == 0 else ""}</w:trPr>')
        for text, width, align in zip(row, twips, aligns, strict=True):
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            xml.append(_paragraph_xml(text, align=align, bold=bold, size=size, keep_next=keep))
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


def column_cells(table: Any, column: int) -> list[Any]:
    """The first paragraph (a w:p element) of each row's cell in `column` of a table made by `add_table` (row 0:
    the headings), in one pass over the rows."""
    return [row.findall(qn("w:tc"))[column].find(qn("w:p")) for row in table.findall(qn("w:tr"))]


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


def add_field(paragraph: Any, instruction: str, shown: str, *, size: float | None = None) -> None:
    """A Word field (PAGE, PAGEREF ...) at the end of `paragraph`, showing `shown` until Word updates it; `size` in
    points, as the table it stands in (`add_table`)."""
    parts = [("fldChar", "begin"), ("instrText", f" {instruction} "), ("fldChar", "separate"),
             ("t", shown), ("fldChar", "end")]
    for tag, value in parts:
        run = OxmlElement("w:r")
        if size is not None:
            properties = OxmlElement("w:rPr")
            for name in ("w:sz", "w:szCs"):
                measure = OxmlElement(name)
                measure.set(qn("w:val"), str(round(size * 2)))
                properties.append(measure)
            run.append(properties)
        child = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            child.set(qn("w:fldCharType"), value)
        else:
            child.set(XML_SPACE, "preserve")
            child.text = value
        run.append(child)
        paragraph.append(run)
