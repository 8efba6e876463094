"""Word files numbered the way law firms number them, for the reader's and the checks' tests.

`numbered_agreement(paragraphs)` writes a .docx whose section numbers are
Word's, not text: Heading 1 and Heading 2 are linked to one multi-level list
("ARTICLE I", then "Section 1.1" in legal numbering), and clauses are level 3
and 4 of the same list ("(a)", "(i)"), set on the paragraph itself. The
paragraphs' text holds no number at all. A footer and footnotes can be added.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

NUMBERING = """<w:numbering xmlns:w="{w}">
<w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{article}"/><w:lvlText w:val="ARTICLE %1"/><w:pStyle w:val="Heading1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{legal}<w:lvlText w:val="Section %1.%2"/><w:pStyle w:val="Heading2"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""

LEVELS = {"article": 0, "section": 1, "clause": 2, "subclause": 3}
"""The kinds of numbered paragraph, and their list level."""


def _numbering_xml(level: int) -> str:
    return f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'


def numbered_agreement(
    paragraphs: list[tuple[str, str]],
    footer: str | None = None,
    footnotes: tuple[str, ...] = (),
    legal: bool = True,
) -> bytes:
    """A .docx of `paragraphs`, each (kind, text): kind "article" and "section" use Heading 1 and
    Heading 2 (numbered through their styles), "clause" and "subclause" are numbered on the
    paragraph, "" is plain text. Articles are in roman numerals and sections in legal numbering
    ("ARTICLE II", "Section 2.1"), or with `legal` false, both decimal ("ARTICLE 2", "Section 2.1":
    LibreOffice 7.4 draws no legal numbering). `footer` is the footer's text; each footnote is
    referred to from the first paragraph."""
    document = Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    xml = NUMBERING.format(w=W, article="upperRoman" if legal else "decimal", legal="<w:isLgl/>" if legal else "")
    for child in parse_xml(xml):
        numbering.append(child)
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[name].element.get_or_add_pPr().append(parse_xml(_numbering_xml(level)))
    for kind, text in paragraphs:
        if kind in ("article", "section"):
            document.add_paragraph(text, style="Heading 1" if kind == "article" else "Heading 2")
        else:
            paragraph = document.add_paragraph(text)
            if kind:
                paragraph._p.get_or_add_pPr().append(parse_xml(_numbering_xml(LEVELS[kind])))
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    if footnotes:
        first = document.paragraphs[0]._p
        for number in range(1, len(footnotes) + 1):
            first.append(parse_xml(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="{number}"/></w:r>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_footnotes(buffer.getvalue(), footnotes) if footnotes else buffer.getvalue()


def _with_footnotes(data: bytes, footnotes: tuple[str, ...]) -> bytes:
    """`data` with a footnotes part holding `footnotes` (ids 1, 2 ...) and Word's two separators."""
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
        for number, text in enumerate(footnotes, 1)
    )
    part = (
        f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>continued</w:t></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                override = (
                    '<Override PartName="/word/footnotes.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'
                )
                content = content.replace(b"</Types>", override.encode())
            elif info.filename == "word/_rels/document.xml.rels":
                relationship = (
                    '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
                )
                content = content.replace(b"</Relationships>", relationship.encode())
            target.writestr(info.filename, content)
        target.writestr("word/footnotes.xml", part)
    return buffer.getvalue()
