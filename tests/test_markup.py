"""A redline's tracked changes marked up as a lawyer marks them (`outputs.markup`), on the engine's own way of
marking them: runs of text, w:ins and w:del, the insertion first. Each case is a paragraph as the engine writes
it; the redline is rewritten, reopened and read back, change by change, and with every change accepted and
every change rejected (which must read as before: the new text, the old text)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from lxml import etree

from dealdocs.ooxml.package import packed, unzipped
from dealdocs.outputs.markup import marked_up

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STAMP = 'w:author="dealdocs" w:date="2026-03-02T00:00:00Z"'


def same(text: str) -> str:
    return f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(text: str, number: int) -> str:
    return f'<w:ins {STAMP} w:id="{number}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'


def delete(text: str, number: int) -> str:
    return f'<w:del {STAMP} w:id="{number}"><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def redline(*paragraphs: str) -> bytes:
    """A Word file whose body is `paragraphs` (their inner XML), as a redline engine writes one."""
    buffer = io.BytesIO()
    Document().save(buffer)
    parts = unzipped(buffer.getvalue())
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    parts["word/document.xml"] = f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'.encode()
    return packed(parts)


def read(data: bytes) -> list[str]:
    """Each paragraph as text, deletions [-so-] and insertions {+so+}, tabs as |."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{{{W}}}p"):
        shown = ""
        for element in paragraph.iter(f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}tab"):
            text = "|" if element.tag == f"{{{W}}}tab" else element.text or ""
            marks = [a.tag for a in element.iterancestors(f"{{{W}}}ins", f"{{{W}}}del")]
            if marks:
                text = f"{{+{text}+}}" if marks[0] == f"{{{W}}}ins" else f"[-{text}-]"
            shown += text
        paragraphs.append(shown.replace("-][-", "").replace("+}{+", ""))
    return paragraphs


def version(data: bytes, accepted: bool) -> list[str]:
    """Each paragraph's text with every change accepted (or rejected)."""
    skipped = f"{{{W}}}del" if accepted else f"{{{W}}}ins"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText")
                    if not any(a.tag == skipped for a in t.iterancestors())) for p in root.iter(f"{{{W}}}p")]


CASES = {
    "an amount in words and in figures": (
        same("the principal sum of ") + ins("Seven", 1) + delete("Five", 2) + same(" Hundred ") + ins("Fifty ", 3)
        + same("Thousand Dollars (") + ins("$750,000.00", 4) + delete("$500,000.00", 5) + same(") plus interest"),
        "the principal sum of [-Five Hundred Thousand-]{+Seven Hundred Fifty Thousand+} Dollars "
        "([-$500,000.00-]{+$750,000.00+}) plus interest",
    ),
    "a name replaced around the comma both are followed by": (  # a notice to purchasers that changed places
        same("If to ") + ins("Harborview Capital Partners", 101) + delete("Margaret Chen", 102) + same(",")
        + ins(" L.P.,", 103) + same(" to:"),
        "If to [-Margaret Chen,-]{+Harborview Capital Partners, L.P.,+} to:",
    ),
    "words apart by more than a stop stay two changes": (
        same("the ") + ins("Escrow", 101) + delete("Paying", 102) + same(" Agent and the ") + ins("Company", 103)
        + delete("Maker", 104) + same(" agree"),
        "the [-Paying-]{+Escrow+} Agent and the [-Maker-]{+Company+} agree",
    ),
    "an amount that grew a word": (
        same("aggregate principal amount of Two Million ") + ins("Fifty Thousand ", 1) + same("Dollars"),
        "aggregate principal amount of [-Two Million -]{+Two Million Fifty Thousand +}Dollars",
    ),
    "an amount that lost its tail": (
        same("of ") + ins("Two", 1) + delete("One", 2) + same(" Million ") + delete("Seven Hundred Fifty Thousand ", 3)
        + same("Dollars"),
        "of [-One Million Seven Hundred Fifty Thousand -]{+Two Million +}Dollars",
    ),
    "a hyphenated number": (
        same("a fee of One Hundred Sixty") + ins("-Four", 1) + same(" Thousand Dollars"),
        "a fee of [-One Hundred Sixty Thousand-]{+One Hundred Sixty-Four Thousand+} Dollars",
    ),
    "a hyphenated number cut after its hyphen": (
        same("a fee of One Hundred Sixty-") + ins("Four Thousand", 1) + delete(" Thousand", 2) + same(" Dollars"),
        "a fee of [-One Hundred Sixty- Thousand-]{+One Hundred Sixty-Four Thousand+} Dollars",
    ),
    "prose: a word replaced, another struck, nothing merged across words": (
        same("the ") + ins("Issuer", 1) + delete("Company", 2) + same(" shall ") + delete("promptly ", 3)
        + same("notify one Purchaser"),
        "the [-Company-]{+Issuer+} shall [-promptly -]notify one Purchaser",
    ),
    "a number next to a change that is not one": (
        same("within ten ") + ins("Business ", 1) + same("Days"),
        "within ten {+Business +}Days",
    ),
    "a tab between changes: each side on its own": (
        same("No. 2") + '<w:r><w:tab/></w:r>' + ins("$750,000.00", 1) + delete("$500,000.00", 2),
        "No. 2|[-$500,000.00-]{+$750,000.00+}",
    ),
    "an amount sharing a run with a tab: its number words still the amount's": (  # "2.1", tab, text in one run
        '<w:r><w:t>2.1</w:t><w:tab/><w:t xml:space="preserve">Price. The sum is Five Hundred </w:t></w:r>'
        + ins("Fifty ", 1) + '<w:r><w:t xml:space="preserve">Thousand Dollars.</w:t><w:tab/><w:t>2.2</w:t></w:r>',
        "2.1|Price. The sum is [-Five Hundred Thousand-]{+Five Hundred Fifty Thousand+} Dollars.|2.2",
    ),
    "a run with a tab and no number words beside the change is left whole": (
        '<w:r><w:t>2.1</w:t><w:tab/><w:t xml:space="preserve">Paid by </w:t></w:r>' + delete("Chen", 1)
        + ins("Lin", 2),
        "2.1|Paid by [-Chen-]{+Lin+}",
    ),
    "a rate that gained a fraction": (
        same("at the rate of twelve ") + ins("and one-half ", 1) + same("percent (") + ins("12.5%", 2)
        + delete("12%", 3) + same(") per annum"),
        "at the rate of [-twelve -]{+twelve and one-half +}percent ([-12%-]{+12.5%+}) per annum",
    ),
    "an and that joins a number is the number's": (
        same("One Hundred and ") + ins("Sixty", 1) + delete("Fifty", 2) + same(" Dollars"),
        "[-One Hundred and Fifty-]{+One Hundred and Sixty+} Dollars",
    ),
    "an and that joins no number is not": (
        same("interest and ") + ins("Seven", 1) + delete("Five", 2) + same(" Hundred Dollars"),
        "interest and [-Five Hundred-]{+Seven Hundred+} Dollars",
    ),
    "two amounts apart": (
        same("between Five ") + ins("Thousand", 1) + delete("Hundred", 2) + same(" Dollars and Six ")
        + ins("Thousand", 3) + delete("Hundred", 4) + same(" Dollars"),
        "between [-Five Hundred-]{+Five Thousand+} Dollars and [-Six Hundred-]{+Six Thousand+} Dollars",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_changes_are_marked_up_as_a_lawyer_marks_them_and_each_version_reads_as_it_did(case):
    paragraph, expected = CASES[case]
    before = redline(paragraph)
    after = marked_up(before)
    assert read(after) == [expected]
    assert version(after, accepted=True) == version(before, accepted=True)
    assert version(after, accepted=False) == version(before, accepted=False)
    Document(io.BytesIO(after))  # still a Word file python-docx opens


def test_each_run_keeps_its_formatting_and_each_change_its_own_id():
    after = marked_up(redline(CASES["an amount in words and in figures"][0]))
    with zipfile.ZipFile(io.BytesIO(after)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    ns = {"w": W}
    unchanged_in_change = root.xpath("//w:del/w:r[w:delText[contains(., 'Hundred')]]", namespaces=ns)
    assert unchanged_in_change and unchanged_in_change[0].find(f"{{{W}}}rPr/{{{W}}}b") is not None, "bold kept"
    ids = root.xpath("//w:ins/@w:id | //w:del/@w:id", namespaces=ns)
    assert len(ids) == len(set(ids)) == 4
    assert {e.get(f"{{{W}}}author") for e in root.xpath("//w:ins | //w:del", namespaces=ns)} == {"dealdocs"}


def test_a_redline_without_changes_is_left_as_it_is():
    data = redline(same("Nothing changed here."))
    assert marked_up(data) == data


def _paragraph(text: str, *, page: bool = False, struck: bool = False, number: int = 0) -> str:
    """A paragraph as the engine writes one: starting a page (`page`), struck whole, its mark too (`struck`)."""
    properties = "<w:pageBreakBefore/>" if page else ""
    if not struck:
        return f"<w:p><w:pPr>{properties}</w:pPr>{same(text)}</w:p>"
    run = f'<w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">{text}</w:delText></w:r>'  # as `same` formats it
    return (f'<w:p><w:pPr>{properties}<w:rPr><w:del {STAMP} w:id="{number + 100}"/></w:rPr></w:pPr>'
            f'<w:del {STAMP} w:id="{number}">{run}</w:del></w:p>')


def test_a_page_taken_out_whole_is_struck_from_its_own_caption():
    """Harborview's page taken out: the engine strikes Harborview's block with the next page's caption and
    testimonium (they read the same on every page), so Quarry Lane's page seems to lose its own. The struck
    paragraphs are moved up onto their twins: Harborview's page is struck from its caption to its block."""
    caption, witness = "[Signature Page to Escrow Agreement]", "IN WITNESS WHEREOF"
    before = redline(*[p[5:-6] for p in (  # each paragraph's inside: `redline` wraps it in w:p again
        _paragraph(caption, page=True), _paragraph(witness), _paragraph("COMPANY: NORTHWIND"),
        _paragraph(caption, page=True), _paragraph(witness), _paragraph("PURCHASER: HARBORVIEW", struck=True, number=1),
        _paragraph(caption, page=True, struck=True, number=2), _paragraph(witness, struck=True, number=3),
        _paragraph("PURCHASER: QUARRY LANE"))])
    assert read(before)[3:] == [caption, witness, "[-PURCHASER: HARBORVIEW-]", f"[-{caption}-]", f"[-{witness}-]",
                                "PURCHASER: QUARRY LANE"]
    after = marked_up(before)
    assert read(after)[3:] == [f"[-{caption}-]", f"[-{witness}-]", "[-PURCHASER: HARBORVIEW-]", caption, witness,
                               "PURCHASER: QUARRY LANE"]
    for accepted in (True, False):  # a paragraph struck whole, its mark too, is no paragraph once accepted
        assert [t for t in version(after, accepted) if t] == [t for t in version(before, accepted) if t]
    with zipfile.ZipFile(io.BytesIO(after)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{{{W}}}body")
    struck = [p for p in body if p.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None]
    assert len(struck) == 3 and struck[0].find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore") is not None


def test_whole_paragraphs_struck_where_no_page_begins_stay_where_the_engine_put_them():
    """Repeated paragraphs with no page to begin: nothing to gain, nothing moved."""
    before = redline(*[p[5:-6] for p in (
        _paragraph("Item"), _paragraph("Item", struck=True, number=1), _paragraph("Other"))])
    assert read(marked_up(before)) == read(before) == ["Item", "[-Item-]", "Other"]


def test_a_block_struck_with_the_next_pages_caption_is_struck_with_its_own():
    """One page's caption and block, the engine striking the block and the next caption: the caption struck is
    its own (one paragraph up), and each version still reads as it did."""
    caption = "[Signature Page to Release Notice]"
    before = redline(*[p[5:-6] for p in (
        _paragraph(caption, page=True), _paragraph("COMPANY"), _paragraph(caption, page=True),
        _paragraph("PURCHASER: HARBORVIEW", struck=True, number=1), _paragraph(caption, page=True, struck=True, number=2),
        _paragraph("PURCHASER: QUARRY LANE"))])
    after = marked_up(before)
    assert read(after) == [caption, "COMPANY", f"[-{caption}-]", "[-PURCHASER: HARBORVIEW-]", caption,
                           "PURCHASER: QUARRY LANE"]
    for accepted in (True, False):
        assert [t for t in version(after, accepted) if t] == [t for t in version(before, accepted) if t]


def test_a_page_the_engine_moved_is_struck_where_it_was_and_added_where_it_goes_each_whole():
    """Two purchasers' pages changed places: the engine tracks a move, from Harborview's block to the next
    caption (its paragraph marks deleted and inserted, its runs moved, the move's range named). Marked as a
    deletion and an insertion, the struck run slides up onto its own caption, and no move is left."""
    caption = "[Signature Page to Release Notice]"

    def moved(text: str, *, to: bool, page: bool = False, number: int = 0) -> str:
        mark, run, text_tag = ("ins", "moveTo", "t") if to else ("del", "moveFrom", "delText")
        properties = "<w:pageBreakBefore/>" if page else ""
        return (f'<w:pPr>{properties}<w:rPr><w:{mark} {STAMP} w:id="{number + 100}"/></w:rPr></w:pPr>'
                f'<w:{run}RangeStart w:id="{number + 200}" w:name="move{number}" {STAMP}/>'
                f'<w:{run} {STAMP} w:id="{number}"><w:r><w:rPr><w:b/></w:rPr>'
                f'<w:{text_tag} xml:space="preserve">{text}</w:{text_tag}></w:r></w:{run}>'
                f'<w:{run}RangeEnd w:id="{number + 200}"/>')

    before = redline(
        *[p[5:-6] for p in (_paragraph(caption, page=True), _paragraph("COMPANY"), _paragraph(caption, page=True))],
        moved("PURCHASER: HARBORVIEW", to=False, number=1), moved(caption, to=False, page=True, number=2),
        _paragraph("PURCHASER: QUARRY LANE")[5:-6],
        moved(caption, to=True, page=True, number=3), moved("PURCHASER: HARBORVIEW", to=True, number=4))
    after = marked_up(before)
    assert b"move" not in unzipped(after)["word/document.xml"]
    assert read(after) == [caption, "COMPANY", f"[-{caption}-]", "[-PURCHASER: HARBORVIEW-]", caption,
                           "PURCHASER: QUARRY LANE", f"{{+{caption}+}}", "{+PURCHASER: HARBORVIEW+}"]
    assert [t for t in version(after, accepted=True) if t] == [
        caption, "COMPANY", caption, "PURCHASER: QUARRY LANE", caption, "PURCHASER: HARBORVIEW"]
    assert [t for t in version(after, accepted=False) if t] == [
        caption, "COMPANY", caption, "PURCHASER: HARBORVIEW", caption, "PURCHASER: QUARRY LANE"]


def test_a_change_made_here_is_numbered_after_every_part_s_changes():
    """The ids of tracked changes are the document's, not a part's: a header's change numbered 50, the body's
    replacement made here takes ids above it."""
    parts = unzipped(redline(same("the sum of ") + ins("Seven", 1) + delete("Five", 2) + same(" Dollars")))
    parts["word/header1.xml"] = (f'<w:hdr xmlns:w="{W}"><w:p>{ins("Draft", 50)}</w:p></w:hdr>').encode()
    after = marked_up(packed(parts))
    with zipfile.ZipFile(io.BytesIO(after)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    ids = [int(i) for i in body.xpath("//w:ins/@w:id | //w:del/@w:id", namespaces={"w": W})]
    assert len(ids) == 2 and min(ids) > 50
