"""The Word reader: paragraphs as Word shows them (numbers, headers, footers, notes, fields).

Documents are built as Word builds them (numbering.xml, heading styles linked to
a list, a footer part, a footnotes part, REF fields) and read back; LibreOffice's
text export is the oracle for what a reader sees.
"""

from __future__ import annotations

import io
import shutil
import subprocess

from click.testing import CliRunner
from docx import Document
from docx.oxml import parse_xml

from dealdocs.checks.text import check_paragraphs, lint_files
from dealdocs.cli import main
from dealdocs.ooxml.text import Paragraph, document_text, paragraphs, read
from word_numbering import W, numbered_agreement

AGREEMENT = [
    ("article", "Definitions"),
    ("section", "Defined Terms"),
    ("", "The terms below apply as set forth in Section 1.2 and Article II."),
    ("clause", "first, and"),
    ("subclause", "a sub-clause;"),
    ("subclause", "another;"),
    ("clause", "second, subject to clause (a)."),
    ("section", "Interpretation"),
    ("article", "Purchase and Sale"),
    ("section", "Closing"),
]
SHOWN = [
    "ARTICLE I\tDefinitions",
    "Section 1.1\tDefined Terms",
    "The terms below apply as set forth in Section 1.2 and Article II.",
    "(a)\tfirst, and",
    "(i)\ta sub-clause;",
    "(ii)\tanother;",
    "(b)\tsecond, subject to clause (a).",
    "Section 1.2\tInterpretation",
    "ARTICLE II\tPurchase and Sale",
    "Section 2.1\tClosing",
]


def test_each_paragraph_carries_the_number_word_draws():
    found = read(numbered_agreement(AGREEMENT))
    assert [p.shown for p in found] == SHOWN
    assert found[0] == Paragraph("Definitions", "ARTICLE I", "Heading1", "body", False)
    assert found[3] == Paragraph("first, and", "(a)", "", "body", False)
    assert paragraphs(numbered_agreement(AGREEMENT)) == [text for _, text in AGREEMENT]  # text alone, as before


def test_dealdocs_text_prints_the_numbers_as_libreoffice_does(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test; install it"
    path = tmp_path / "numbered.docx"
    path.write_bytes(numbered_agreement(AGREEMENT, legal=False))  # LibreOffice 7.4 draws no legal numbering
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    libreoffice = [line.strip() for line in (tmp_path / "numbered.txt").read_text(encoding="utf-8-sig").splitlines()]
    result = CliRunner().invoke(main, ["text", str(path)])
    assert result.exit_code == 0, result.output
    ours = [line.replace("\t", " ") for line in result.output.splitlines()]
    assert ours == [line for line in libreoffice if line]
    assert ours[0] == "ARTICLE 1 Definitions" and ours[-1] == "Section 2.1 Closing"


def test_headers_footers_and_footnotes_are_read_after_the_body_and_checked(tmp_path):
    data = numbered_agreement(AGREEMENT, footer="Payable within ten (15) days", footnotes=("See the the Note.",))
    found = read(data)
    assert [p.shown for p in found[: len(SHOWN)]] == SHOWN
    assert [(p.story, p.text) for p in found[len(SHOWN) :]] == [
        ("footer", "Payable within ten (15) days"),
        ("footnote", "See the the Note."),
    ]
    path = tmp_path / "notes.docx"
    path.write_bytes(data)
    assert document_text(path).splitlines()[len(SHOWN) :] == [
        "[footer] Payable within ten (15) days",
        "[footnote] See the the Note.",
    ]
    findings = lint_files([path])
    assert [(f.code, f.location.paragraph) for f in findings] == [("DD201", 11), ("DD208", 12)]
    assert findings[0].message.startswith('in the footer: "ten (15) days"')
    assert findings[1].message.startswith('in the footnote: "the the"')


def test_a_header_in_a_python_docx_document_is_read():
    document = Document()
    document.add_paragraph("Body text.")
    document.sections[0].header.paragraphs[0].text = "DRAFT of {{ date }}"
    found = read(document)
    assert [(p.story, p.text) for p in found] == [("body", "Body text."), ("header", "DRAFT of {{ date }}")]
    assert [(f.code, f.location.paragraph) for f in check_paragraphs("d.docx", found)] == [("DD202", 2)]


def _with_ref_field(document, text_before: str, result: str, text_after: str) -> None:
    """A paragraph holding a REF field (a cross-reference Word keeps up to date) whose result is `result`."""
    paragraph = document.add_paragraph(text_before)
    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>'
    ))  # fmt: skip
    for xml in (
        f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> REF _Ref1234 \\r \\h </w:instrText></w:r>',
        f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r xmlns:w="{W}"><w:t>{result}</w:t></w:r>',
        f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">{text_after}</w:t></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def test_a_cross_reference_field_is_read_by_its_result():
    document = Document()
    _with_ref_field(document, "as provided in ", "Section 2.1", " of this Agreement.")
    document.add_paragraph().add_run("a simple field: ")
    document.paragraphs[-1]._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W}" w:instr=" REF _Ref99 \\r "><w:r><w:t>Section 1.2</w:t></w:r></w:fldSimple>'
    ))  # fmt: skip
    buffer = io.BytesIO()
    document.save(buffer)
    assert paragraphs(buffer.getvalue()) == ["as provided in Section 2.1 of this Agreement.", "a simple field: Section 1.2"]


def test_an_auto_numbered_agreement_lints_clean_and_a_missing_section_is_found(tmp_path):
    clean = tmp_path / "clean.docx"
    clean.write_bytes(numbered_agreement(AGREEMENT))
    assert lint_files([clean]) == []  # every "Section 1.2", "Article II", "clause (a)" is drawn by Word
    broken = AGREEMENT[:2] + [("", "The terms below apply as set forth in Section 1.3.")] + AGREEMENT[3:]
    path = tmp_path / "broken.docx"
    path.write_bytes(numbered_agreement(broken))
    [finding] = lint_files([path])
    assert (finding.code, finding.location.paragraph) == ("DD206", 3)
    assert "refers to Section 1.3, which this document does not have" in finding.message


def test_an_auto_numbered_agreement_with_a_gap_in_its_clauses():
    # Word numbers (a), (b), (c): a gap cannot happen in Word's own numbering, but a typed "(d)" after
    # Word's "(b)" in the same list is the drafter's error.
    data = numbered_agreement(AGREEMENT[:7] + [("", "(d)\tthird.")] + AGREEMENT[7:])
    findings = check_paragraphs("d.docx", read(data))
    assert [(f.code, f.location.paragraph) for f in findings] == [("DD207", 8)]
    assert '"(c)" is missing' in findings[0].message


def test_dealdocs_text_refuses_a_zip_bomb_in_plain_words(tmp_path):
    import zipfile

    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    result = CliRunner().invoke(main, ["text", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "is compressed" in result.output and "not an ordinary Word document" in result.output
