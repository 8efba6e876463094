"""The Word reader: paragraphs as Word shows them (numbers, headers, footers, notes, fields).

Documents are built as Word builds them (numbering.xml, heading styles linked to
a list, a footer part, a footnotes part, REF fields) and read back; LibreOffice's
text export is the oracle for what a reader sees.
"""

from __future__ import annotations

import io
import os
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


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def test_a_paragraph_reads_as_it_prints_text_boxes_once_and_no_anchors():
    """Tabs, breaks and non-breaking hyphens in one run; a text box read from its mc:Choice, not again from
    its mc:Fallback; deleted text, field codes and a white 1-point anchor run left out."""
    document = Document()
    paragraph = document.add_paragraph()
    for xml in (
        f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">Pay</w:t><w:tab/><w:t>ten</w:t><w:br/>'
        f"<w:t>days</w:t><w:noBreakHyphen/><w:t>end</w:t></w:r>",
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f"<w:txbxContent><w:p><w:r><w:t xml:space=\"preserve\"> in the box</w:t></w:r></w:p></w:txbxContent>"
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t> in the box</w:t></w:r></w:p>"
        f"</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        f'<w:del xmlns:w="{W}" w:id="1" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del>',
        f'<w:r xmlns:w="{W}"><w:instrText> REF _Ref1 </w:instrText></w:r>',
        f'<w:r xmlns:w="{W}"><w:rPr><w:color w:val="ffffff"/><w:sz w:val="2"/></w:rPr><w:t>\\s1\\</w:t><w:tab/></w:r>',
        f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">, By: ____</w:t></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))
    buffer = io.BytesIO()
    document.save(buffer)
    assert paragraphs(buffer.getvalue()) == ["Pay\tten days-end in the box, By: ____"]
    # its tracked deletion marked as `dealdocs text` shows it; the text box still once (a code review: with a change
    # in the paragraph, the box's fallback was read too, "in the box in the box")
    from dealdocs.ooxml.text import document_text

    assert document_text(buffer.getvalue()) == "Pay\tten days-end in the box[-gone-], By: ____"


def test_a_text_box_given_only_as_a_fallback_is_read():
    """An mc:AlternateContent with no mc:Choice shows its mc:Fallback (what Word prints); the hostile re-sweep's
    text box holding only a fallback, "Three Dollars ($1.00)", read as an empty paragraph and its slip passed."""
    document = Document()
    document.add_paragraph()._p.append(parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
        "<w:t>Pay Three Dollars ($1.00) at closing.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"))
    buffer = io.BytesIO()
    document.save(buffer)
    assert paragraphs(buffer.getvalue()) == ["Pay Three Dollars ($1.00) at closing."]
    assert [f.code for f in check_paragraphs("box.docx", read(buffer.getvalue()))] == ["DD201"]


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


def test_a_file_that_is_not_a_word_file_is_said_so_in_words_not_an_exception_name(tmp_path):
    """lint and text said "(PackageNotFoundError)" of an .rtf or a .txt (a new user's trial)."""
    rtf, fake = tmp_path / "draft.rtf", tmp_path / "draft.docx"
    rtf.write_text("{\\rtf1 Payment is due.}", encoding="utf-8")
    fake.write_text("Payment is due.", encoding="utf-8")
    linted = CliRunner().invoke(main, ["lint", str(rtf), str(fake)])
    assert linted.exit_code == 1 and "Error" not in linted.output
    assert ("draft.rtf: it is a .rtf file, not a Word (.docx) file (lint reads .docx, .txt, .md and .pdf); save it "
            "from Word as a .docx file and try again") in linted.output
    assert "draft.docx: it is damaged or not really a Word file; open it in Word, save it as a .docx file" in linted.output
    shown = CliRunner().invoke(main, ["text", str(tmp_path / "draft.rtf")])
    assert shown.exit_code == 2 and "Error" not in shown.output  # a usage error, as a term sheet given to it is
    assert "it is a .rtf file, not a Word (.docx) file (dealdocs text reads Word files only)" in shown.output
    pdf = tmp_path / "draft.pdf"  # a new user's trial: told to "save it from Word as a .docx file", of a PDF
    pdf.write_bytes(b"%PDF-1.4\n")
    shown = CliRunner().invoke(main, ["text", str(pdf)])
    assert shown.exit_code == 2 and f"it is a PDF, not a Word (.docx) file (dealdocs text reads Word files only); " \
        f"dealdocs lint {pdf} checks a PDF's text, or give the Word file the PDF was made from" in " ".join(shown.output.split())
    # a new user's trial: a term sheet linted, a .txt shown, a Word file checked were each told to "save it from Word"
    sheet, plain = tmp_path / "deal.yaml", tmp_path / "draft.txt"
    sheet.write_text("title: x\n", encoding="utf-8")
    plain.write_text("Payment is due on the Maturity Date.\n", encoding="utf-8")
    linted = CliRunner().invoke(main, ["lint", str(sheet)])
    assert linted.exit_code == 1
    assert (f"it is a term sheet (a .yaml file), not an agreement: check it with dealdocs check {sheet}"
            in linted.output), linted.output
    shown = CliRunner().invoke(main, ["text", str(plain)])
    assert shown.exit_code == 2 and "Error" not in shown.output
    assert "it is a .txt file, plain text already; dealdocs text gives the text of Word (.docx) files" in shown.output
    word = tmp_path / "agreement.docx"
    word.write_bytes(b"PK\x03\x04\x00\x00binary")
    checked = CliRunner().invoke(main, ["check", str(word)])
    assert checked.exit_code == 1
    assert ("the file is binary, not text: a term sheet is a YAML text file; to check a Word or PDF agreement, run "
            f"dealdocs lint {word}") in checked.output, checked.output


# ------------------------------------------------------------------ plain text, Markdown and PDF


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` in Helvetica, one under the other (its own xref offsets)."""
    text = " ".join(f"({line}) Tj 0 -20 Td" for line in lines)
    stream = f"BT /F1 11 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_lint_reads_plain_text_a_paragraph_a_line(tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text("PURCHASE AGREEMENT\n\nPayment is due within ten (15) days.\n", encoding="utf-8")
    [finding] = lint_files([path])
    assert (finding.code, finding.location.paragraph) == ("DD201", 3)  # the line number


def test_lint_reads_markdown_a_paragraph_a_block(tmp_path):
    path = tmp_path / "agreement.md"
    path.write_text(
        "# Purchase Agreement\n\n**1.1 Payment.** Payment is due\nwithin ten (15) days.\n\n- a bullet with the the word\n",
        encoding="utf-8",
    )
    findings = lint_files([path])
    assert [(f.code, f.location.paragraph) for f in findings] == [("DD201", 2), ("DD208", 3)]
    assert findings[0].message.startswith('"ten (15) days"')


def test_lint_reads_a_pdf_through_pdftotext(tmp_path):
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed for this test; install it"
    path = tmp_path / "agreement.pdf"
    path.write_bytes(_pdf(["PURCHASE AGREEMENT", "", "Payment is due within ten (15) days."]))
    [finding] = lint_files([path])
    assert finding.code == "DD201" and "ten (15) days" in finding.message


def test_a_word_broken_at_its_hyphen_at_a_line_end_is_read_whole(tmp_path):
    """A new user's trial (session 57): lint on dealdocs' own security agreement as a PDF said "five (45) days":
    the line ended "forty-" and the next began "five", joined with a space. A word's hyphen at a line's end runs on
    into the next line; a dash after a space does not."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed for this test; install it"
    path = tmp_path / "agreement.pdf"
    path.write_bytes(_pdf(["PURCHASE AGREEMENT", "", "Payment is due within forty-", "five (45) days, and within ten -",
                           "fifteen (10) days of a demand."]))
    [finding] = lint_files([path])
    assert finding.code == "DD201" and "(10)" in finding.message


def test_a_pdf_without_pdftotext_is_a_plain_finding(tmp_path, monkeypatch):
    import dealdocs.checks.text.inputs as inputs

    path = tmp_path / "agreement.pdf"
    path.write_bytes(_pdf(["Payment is due."]))
    monkeypatch.setattr(inputs.shutil, "which", lambda name: None)
    [finding] = lint_files([path])
    assert finding.code == "DD200" and "needs pdftotext, which is not installed" in finding.message
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    monkeypatch.undo()
    [finding] = lint_files([broken])
    assert finding.code == "DD200" and "pdftotext cannot read it as a PDF" in finding.message


def test_lint_command_takes_text_and_word_files_together(tmp_path):
    text = tmp_path / "draft.txt"
    text.write_text("Payment is due within ten (15) days.\n", encoding="utf-8")
    word = tmp_path / "clean.docx"
    word.write_bytes(numbered_agreement(AGREEMENT))
    result = CliRunner().invoke(main, ["lint", str(text), str(word)])
    assert result.exit_code == 1 and "DD201" in result.output and "clean.docx" not in result.output.split("DD201")[0]


def test_row_numbers_in_a_table_are_not_sections_and_capacity_lines_are_labels(tmp_path):
    document = Document()
    document.add_paragraph("1. Scope. The checklist below lists the closing documents.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "2.", "Escrow agreement"
    table.cell(1, 0).text, table.cell(1, 1).text = "4.", "Release notice"
    document.add_paragraph("Margaret Chen, individually, as a Purchaser")
    path = tmp_path / "checklist.docx"
    document.save(path)
    assert lint_files([path]) == []


def _seen(found: list[Paragraph]) -> list[tuple[str, str, str, str, bool]]:
    return [(p.text, p.label, p.style, p.story, p.in_table) for p in found]


def test_a_file_read_from_its_zip_reads_as_python_docx_opens_it(tmp_path):
    """`read` of a path or bytes opens the package itself; a python-docx Document is read as it always was."""
    data = numbered_agreement(AGREEMENT, footer="Payable within ten (15) days", footnotes=("See the Note.",))
    path = tmp_path / "numbered.docx"
    path.write_bytes(data)
    assert _seen(read(path)) == _seen(read(data)) == _seen(read(Document(str(path))))
    assert [p.shown for p in read(path)[: len(SHOWN)]] == SHOWN
    import zipfile  # a template's content type: python-docx refuses it, and so does read

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "template.dotx", "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, content)
    try:
        read(tmp_path / "template.dotx")
    except ValueError as refused:
        assert "not a Word file" in str(refused)
    else:
        raise AssertionError("a template's content type was read as a document")


def test_text_wrapped_at_a_fixed_width_is_read_a_paragraph_a_block(tmp_path):
    """An EDGAR filing wraps its paragraphs at 80 characters: a definition cut across two lines is one definition;
    text written a paragraph a line, or a list of short lines, is read a line a paragraph as before."""
    from dealdocs.checks.text.inputs import hard_wrapped, read_agreement

    wrapped = ("      AGREEMENT made as of May 18, 2005, by and between ROO Group, Inc. (the\n"
               "\"Company\") and Robert Petty (the \"Purchaser\"), under which the Company issues a\n"
               "promissory note to the Purchaser in the principal amount of $600,000 (the\n"
               "\"Note\"), substantially in the form attached to this agreement as an exhibit.\n\n"
               + "      The Purchaser shall pay the price of the Note at the closing of its sale, and\n"
                 "the Company shall deliver the Note to the Purchaser against that payment.\n\n" * 6)
    path = tmp_path / "filing.txt"
    path.write_text(wrapped, encoding="utf-8")
    read = read_agreement(path)
    assert hard_wrapped(path.read_text()) and len([p for p in read if p]) == 7
    assert read[0].startswith('AGREEMENT made as of May 18, 2005, by and between ROO Group, Inc. (the "Company") and')
    assert read[5].startswith("The Purchaser shall pay")  # each block at its first line: paragraph 6 is line 6
    assert lint_files([path]) == []  # "Note" is defined: the definition is no longer cut in two
    # a wide table row does not make the filing read a line a paragraph again
    path.write_text(wrapped + "Total" + " " * 80 + "$600,000.00 $500,500.00\n", encoding="utf-8")
    assert hard_wrapped(path.read_text())
    per_line = tmp_path / "per-line.txt"
    per_line.write_text("\n".join(["The Company shall pay the Purchaser ten (10) dollars on each business day of the "
                                   "month, as the Purchaser directs in writing from time to time."] * 12) + "\n")
    short = tmp_path / "list.txt"
    short.write_text("\n\n".join("\n".join(f"Item {n}.{k}: the closing certificate" for k in range(4))
                                 for n in range(5)) + "\n")
    # an agreement a section a line, each line short enough for a wrapped one but ending a sentence (a reviewer's
    # case: read as wrapped, its sections ran together and each "Section 1.2" pointed nowhere)
    sections = tmp_path / "sections.txt"
    sections.write_text("LOAN AGREEMENT\n\n" + "\n\n".join(
        "ARTICLE {0}\n".format(a) + "\n".join(f"{a}.{n} Term. The Borrower shall comply with Section {a}.{n % 3 + 1} "
                                                f"of this Agreement at all times." for n in range(1, 4))
        for a in range(1, 5)) + "\n")
    for plain in (per_line, short, sections):
        assert not hard_wrapped(plain.read_text())
        assert len(read_agreement(plain)) == len(plain.read_text().splitlines())


def test_a_file_the_system_will_not_read_is_said_so_not_called_a_bad_word_file(tmp_path, monkeypatch):
    """A PermissionError reading a .txt was reported as "it is a .txt file, not a Word (.docx) file" (a reviewer)."""
    import dealdocs.checks.text.inputs as inputs

    path = tmp_path / "draft.txt"
    path.write_text("Payment is due.\n", encoding="utf-8")

    def refuse(name):
        raise PermissionError(13, "Permission denied", str(name))

    monkeypatch.setattr(inputs, "read_agreement", refuse)
    [finding] = lint_files([path])
    assert finding.code == "DD200" and "Word" not in finding.message and "draft.txt" in finding.message
    assert "permission" in finding.message.lower(), finding.message


def test_a_pdfs_page_numbers_and_running_footers_are_left_out_and_a_paragraph_runs_on_across_a_page():
    from dealdocs.checks.text.inputs import _blocks, _pages_joined

    width = "x" * 60
    text = "\f".join([
        f"AGREEMENT\n\nThe first paragraph ends here.\n\n{width} The Secured\n\n\n        Draft - Page 1\n          1\n",
        f"Party may act. {width}\nand so on.\n\nMargaret Chen\n\n        Draft - Page 2\n          2\n",
        "EXHIBIT A\n\nThe form of notice.\n\n        Draft - Page 3\n          3\n",
        "Schedule I\n\nPurchasers.\n\n        Draft - Page 4\n",
    ])
    assert _blocks(_pages_joined(text)) == [
        "AGREEMENT", "The first paragraph ends here.",
        f"{width} The Secured Party may act. {width} and so on.",  # a full line ending no sentence runs on
        "Margaret Chen",  # a short line (a signature block's) ends its page's text: the exhibit starts anew
        "EXHIBIT A", "The form of notice.", "Schedule I", "Purchasers.",
    ]


def test_the_built_pdfs_lint_as_their_word_files_do(tmp_path):
    """A new user's trial: lint of the security agreement's PDF found "Secured" undefined ("The Secured" at the foot of
    a page, "Party" at the top of the next), and lint --set on the PDFs ten form differences, where the Word files
    are clean."""
    from docx_helpers import REPO, soffice
    from dealdocs.checks.closing_set import lint_set
    from dealdocs.checks.text import lint_files
    from dealdocs.pipeline import Builder

    soffice()
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed for this test; install it"
    assert Builder(output_dir=tmp_path, pdf=True, wire_confirmed=True).build(REPO / "deals" / "bridge-example.yaml").ok
    folder = tmp_path / "bridge-example"
    names = ["escrow-agreement", "release-notice", "note-purchase-agreement", "security-agreement",
             "promissory-note-chen", "promissory-note-harborview", "promissory-note-quarry-lane"]

    def found(suffix: str, lint=lint_files) -> list[tuple[str, str, str]]:
        return sorted((os.path.basename(f.location.file or "").rsplit(".", 1)[0], f.code, f.message.replace(suffix, ""))
                      for f in lint([folder / f"{name}{suffix}" for name in names]))

    assert found(".pdf") == found(".docx")
    assert found(".pdf", lint_set) == found(".docx", lint_set)
