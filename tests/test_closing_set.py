"""Checks across the documents of a closing set (DD4xx): `dealdocs lint --set`, and every build.

The sets are real Word files: the 2005 filings written as .docx (seed_docs),
the example deals built by the real Builder, and copies of the built bridge
set with one change planted in one document, made with python-docx and read
back as any other Word file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from dealdocs.checks.closing_set import check_set, lint_each, lint_set
from dealdocs.checks.closing_set.names import difference
from dealdocs.findings import Finding
from seed_docs import SEEDS, seed_paragraphs, write_seed_docx

REPO = Path(__file__).resolve().parents[1]
needs_seeds = pytest.mark.usefixtures("seed_files")  # fails, not skips, without the seeds (conftest)

BRIDGE_SET = (
    "escrow-agreement.docx", "release-notice.docx", "note-purchase-agreement.docx",
    "promissory-note-harborview.docx", "promissory-note-quarry-lane.docx", "promissory-note-chen.docx",
)  # fmt: skip
"""The documents of the bridge closing (the checklist and signature packets are not agreements)."""


def set_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith("DD4")]


def documents_named(finding: Finding) -> set[str]:
    """The file names a finding points at: its location and its related locations."""
    return {Path(place.document).name for place in (finding.location, *finding.related) if place.document}


def plant(path: Path, *changes: tuple[str, str]) -> None:
    """Replace words in a Word file's paragraphs (tables too), as a lawyer editing it would; each must be found.

    Words within one run are replaced in it, keeping the paragraph's line breaks; words across runs are
    replaced in the paragraph's first run (its other runs emptied).
    """
    document = Document(path)
    found = {old: 0 for old, _ in changes}
    for paragraph in document.element.body.iter(qn("w:p")):
        texts = list(paragraph.iter(qn("w:t")))
        for old, new in changes:
            for text in texts:
                if old in (text.text or ""):
                    found[old] += text.text.count(old)
                    text.text = text.text.replace(old, new)
            joined = "".join(t.text or "" for t in texts)
            if old in joined:
                found[old] += joined.count(old)
                texts[0].text = joined.replace(old, new)
                for text in texts[1:]:
                    text.text = ""
    assert all(found.values()), f"not in {path.name}: {[old for old, n in found.items() if not n]}"
    document.save(path)


# ---------------------------------------------------------------- the 2005 filings


@needs_seeds
def test_the_2005_purchase_agreement_and_note_disagree_on_the_principal(tmp_path):
    npa, note = write_seed_docx("npa", tmp_path), write_seed_docx("note", tmp_path)
    found = set_findings(lint_set([npa, note]))
    assert [f.code for f in found] == ["DD410"], [str(f) for f in found]
    conflict = found[0]
    assert conflict.is_error
    assert "$1,100,000.00" in conflict.message and "$600,000" in conflict.message
    assert conflict.location.document == str(note) and conflict.location.paragraph == 3
    assert [(r.document, r.paragraph) for r in conflict.related] == [(str(npa), 5)]
    assert seed_paragraphs("npa")[4].count("$600,000 principal amount promissory note") == 1


@needs_seeds
def test_a_plain_text_file_is_cited_by_its_lines_in_another_documents_finding(seed_files):
    """A new user's trial: `lint --set` of the filings as .txt named the purchase agreement's paragraph 12 "line 12" in
    its own findings and "paragraph 12" in the note's, which cites it: a plain text file is cited by its lines
    everywhere."""
    npa, note = seed_files / SEEDS["npa"], seed_files / SEEDS["note"]
    [conflict] = set_findings(lint_set([npa, note]))
    assert f"({npa}, line 12)" in conflict.message, conflict.message
    assert "paragraph" not in conflict.message


@needs_seeds
def test_the_three_filings_as_one_set_report_only_that_conflict(tmp_path):
    """The escrow agreement of October is another deal's: its "Purchase Agreement" is a Common Stock Purchase
    Agreement, not in the set; ROO Group is written alike in all three (its "Roo" is DD210's, within each)."""
    paths = [write_seed_docx(name, tmp_path) for name in SEEDS]
    found = set_findings(lint_set(paths))
    assert [(f.code, Path(f.location.document).name) for f in found] == [("DD410", "note.docx")]


# ---------------------------------------------------------------- built sets


@pytest.fixture(scope="module")
def bridge_set(bridge: Path) -> list[Path]:
    return [bridge / name for name in BRIDGE_SET]


# The bridge's escrow agreement leaves "Transaction Documents" to the note purchase agreement, which defines it
# (issue #14): the built set has no finding. Kept as a name for what a planted change is measured against.
BRIDGE_KNOWN: list[tuple[str, str, int | None, str]] = []


def known(findings: list[Finding]) -> list[tuple[str, str, int | None, str]]:
    return [(f.code, Path(f.location.document).name, f.location.paragraph, f.message.split(" is ")[0]) for f in findings]


def test_the_built_bridge_set_is_clean(bridge_set):
    found = set_findings(lint_set(bridge_set))
    assert found == [], [str(f) for f in found]


def test_the_bridge_set_without_the_transaction_documents_definition_is_found(copy_of_bridge):
    """The escrow agreement leaves "Transaction Documents" to the purchase agreement: take its definition out."""
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"], ("“Transaction Documents”", "“Closing Papers”"))
    found = set_findings(lint_set(list(paths.values())))
    assert [(f.code, Path(f.location.document).name) for f in found] == [("DD430", "escrow-agreement.docx")], found
    assert documents_named(found[0]) == {"escrow-agreement.docx", "note-purchase-agreement.docx"}
    assert found[0].is_error and '"Transaction Documents"' in found[0].message


@pytest.mark.parametrize("name", ["bridge-example", "fund-example"])
def test_lint_set_of_a_whole_build_says_nothing(name, tmp_path):
    """A new user's read: `lint --set *.docx` of an unedited build warned (DD203) that the release notice's "Escrow
    Agent", "Notes" and "Purchasers" rely on another agreement, and the checklist's terms too, with the agreements
    that define them in the set. A document's terms left to another agreement are settled when another document of
    the set defines each; one the set does not define is still said (the release notice alone)."""
    from docx_helpers import build_example

    folder = build_example(name, tmp_path)
    paths = sorted(folder.glob("*.docx"))
    assert [str(f) for f in lint_set(paths)] == []
    alone = [f for f in lint_set([folder / "release-notice.docx"]) if f.code == "DD203"]
    assert [(f.is_error, "rely on the other agreement" in f.message) for f in alone] == [(False, True)]


@pytest.mark.parametrize("name", ["roo-2005-escrow", "roo-2005-note"])
def test_the_built_2005_sets_are_clean(name, tmp_path):
    from docx_helpers import build_example

    folder = build_example(name, tmp_path)
    paths = [p for p in sorted(folder.glob("*.docx")) if p.name != "closing-checklist.docx"]
    assert len(paths) >= 2
    assert set_findings(lint_set(paths)) == []


def test_a_bridge_with_look_alike_purchasers_and_cents_builds_clean(tmp_path):
    """Mark Chen and Mary Chen, Fund II and Fund III, notes of $333,333.33 ("... and 33/100 Dollars"): no set
    finding (a note's figures are not read from its events of default)."""
    import copy

    import yaml

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text())
    people, entity = data["purchasers"][2], data["purchasers"][0]
    purchasers = []
    for name, short, like in (("Mark Chen", "Mark Chen", people), ("Mary Chen", "Mary Chen", people),
                              ("Alder Capital Fund II, L.P.", "Alder II", entity),
                              ("Alder Capital Fund III, L.P.", "Alder III", entity)):  # fmt: skip
        purchaser = copy.deepcopy(like)
        purchaser.update(name=name, short_name=short, subscription="333,333.33", principal="333,333.33")
        purchasers.append(purchaser)
    data["purchasers"] = purchasers
    data["notes"]["control_designee"] = purchasers[0]["name"]  # signs the control agreements for them all
    data["escrow"]["aggregate_subscription"] = "1,333,333.32"
    # the placement agent's 8% of $1,333,333.32 is $106,666.6656, paid to the cent: $106,666.67 (DD181, DD185)
    [fee] = [d for d in data["escrow"]["disbursements"] if d["role"] == "placement_agent"]
    fee["amount"] = "106,666.67"
    path = tmp_path / "look-alikes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = Builder(output_dir=tmp_path / "out").check(path, with_files=False)
    assert result.ok, [str(f) for f in result.findings]
    assert set_findings(result.findings) == []


def test_a_purchaser_whose_name_begins_with_total_is_no_total_row(tmp_path):
    """A code review (session 62): a purchaser named "TotalEnergies Ventures, LLC" was read as the schedules' Total
    row (DD411, DD416, DD417, all false); the Total row is the word "Total", not a name it begins."""
    from dealdocs.pipeline import Builder

    path = tmp_path / "total.yaml"
    path.write_text((REPO / "deals" / "bridge-example.yaml").read_text().replace("Quarry Lane Fund, LLC",
                                                                               "TotalEnergies Ventures, LLC"))
    result = Builder(output_dir=tmp_path / "out").check(path, with_files=False)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    assert set_findings(result.findings) == []


def test_a_build_runs_the_set_checks(tmp_path):
    """`check` (and so `build`) reports what `lint --set` reports on the documents it built: here a firm's
    note purchase agreement that no longer defines the "Transaction Documents" the escrow agreement relies on."""
    from dealdocs.pipeline import Builder

    firm = Path(shutil.copytree(REPO / "templates", tmp_path / "firm"))
    plant(firm / "note-purchase-agreement.docx", ("“Transaction Documents”", "“Closing Papers”"))
    result = Builder(output_dir=tmp_path / "out", templates_dir=firm).check(REPO / "deals" / "bridge-example.yaml",
                                                                           with_files=False)
    assert not result.ok
    found = set_findings(result.findings)
    assert [(f.code, Path(f.location.document).name) for f in found] == [("DD430", "escrow-agreement.docx")], found


# ---------------------------------------------------------------- one change planted in a copy of the bridge set


@pytest.fixture
def copy_of_bridge(bridge_set: list[Path], tmp_path: Path):
    def copy() -> dict[str, Path]:
        folder = tmp_path / "set"
        folder.mkdir()
        return {path.name: Path(shutil.copy(path, folder / path.name)) for path in bridge_set}

    return copy


def planted_findings(paths: dict[str, Path]) -> list[Finding]:
    """The set findings on the planted copy, other than the bridge's known one."""
    found = set_findings(lint_set(list(paths.values())))
    return [f for f in found if (known([f])[0]) not in BRIDGE_KNOWN]


def test_a_notes_principal_changed_in_words_and_figures_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["promissory-note-chen.docx"],
          ("Two Hundred Fifty Thousand Dollars ($250,000.00)", "Two Hundred Sixty Thousand Dollars ($260,000.00)"),
          ("$250,000.00", "$260,000.00"))  # fmt: skip
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD410"], [str(f) for f in found]
    assert documents_named(found[0]) == {"promissory-note-chen.docx", "note-purchase-agreement.docx"}
    assert "$260,000.00" in found[0].message and "$250,000.00" in found[0].message


def test_a_note_whose_caption_shows_another_figure_than_its_principal_is_found(copy_of_bridge):
    """The face of a note is its principal: a caption of $2,500,000.00 over "the principal sum of Two Hundred Fifty
    Thousand Dollars ($250,000.00)" is found (DD414), in the note, pointing at the sentence."""
    paths = copy_of_bridge()
    document = Document(paths["promissory-note-chen.docx"])
    caption = next(t for t in document.element.body.iter(qn("w:t")) if t.text == "$250,000.00")
    caption.text = "$2,500,000.00"
    document.save(paths["promissory-note-chen.docx"])
    found = planted_findings(paths)
    assert [(f.code, Path(f.location.document).name) for f in found] == [("DD414", "promissory-note-chen.docx")], found
    assert found[0].is_error and found[0].location.paragraph < found[0].related[0].paragraph
    assert "$2,500,000.00" in found[0].message and "principal sum of Two Hundred Fifty Thousand" in found[0].message


def test_a_note_read_alone_is_held_to_its_own_caption(tmp_path):
    """`lint --set` of one note from outside: its caption against its text; a form's blank caption is not compared."""
    body = ("FOR VALUE RECEIVED, Acme Corp. (the \"Maker\") hereby promises to pay Jane Roe (the \"Payee\") the "
            "principal sum of {words} Dollars ({figure}) on March 4, 2027 (the \"Maturity Date\").")
    note = tmp_path / "note.txt"
    note.write_text("PROMISSORY NOTE\n\n$1,000,000.00        New York, New York\n\n"
                    + body.format(words="One Hundred Thousand", figure="$100,000.00") + "\n")
    found = set_findings(lint_set([note]))
    assert [f.code for f in found] == ["DD414"], [str(f) for f in found]
    assert "$1,000,000.00" in found[0].message and "$100,000.00" in found[0].message
    form = tmp_path / "form.txt"
    form.write_text("FORM OF NOTE\n\n$____________        New York, New York\n\n"
                    + body.format(words="One Hundred Thousand", figure="$100,000.00") + "\n")
    assert set_findings(lint_set([form])) == []
    agreeing = tmp_path / "agreeing.txt"
    agreeing.write_text("PROMISSORY NOTE\n\n$100,000.00        New York, New York\n\n"
                        + body.format(words="One Hundred Thousand", figure="$100,000.00") + "\n")
    assert set_findings(lint_set([agreeing])) == []


def test_lint_without_set_holds_each_note_to_its_own_caption(tmp_path, copy_of_bridge):
    """A new user's trial: a built note's caption changed to $165,000.00 over a principal of $150,000.00 was found by
    `lint --set` (DD414) and not by `lint` of the one file, though the fault is within it. Now `lint` of each file
    gives it, once; `lint --set` gives it once too."""
    from click.testing import CliRunner

    from dealdocs.cli import main

    paths = copy_of_bridge()
    document = Document(paths["promissory-note-chen.docx"])
    next(t for t in document.element.body.iter(qn("w:t")) if t.text == "$250,000.00").text = "$265,000.00"
    document.save(paths["promissory-note-chen.docx"])
    note = str(paths["promissory-note-chen.docx"])
    assert [f.code for f in set_findings(lint_each([note]))] == ["DD414"]
    assert [f.code for f in lint_each([str(paths["promissory-note-harborview.docx"])])] == []
    out = CliRunner().invoke(main, ["lint", note])
    assert out.exit_code == 1 and "DD414" in out.output and "$265,000.00" in out.output
    assert [f.code for f in set_findings(lint_set([note]))] == ["DD414"]


PROMISE = ('FOR VALUE RECEIVED, Acme Corp., a Delaware corporation (the "Maker"), hereby promises to pay to the order '
           'of Jane Roe (the "Payee") the principal sum of One Million Dollars ($1,000,000.00), together with interest '
           'at the rate of ten percent (10%) per annum, on March 4, 2027 (the "Maturity Date").')
LEGEND = ("THIS NOTE HAS NOT BEEN REGISTERED UNDER THE SECURITIES ACT OF 1933, AS AMENDED, OR ANY STATE SECURITIES "
          "LAWS AND MAY NOT BE SOLD OR TRANSFERRED EXCEPT IN COMPLIANCE THEREWITH.")


@pytest.mark.parametrize("caption, found", [
    # a review's cases: another amount in the caption is not the note's face
    (["CONVERTIBLE PROMISSORY NOTE", "Issued under the $5,000,000.00 Note Purchase Agreement",
      "No. 3        $1,000,000.00        March 4, 2026"], []),
    (["SENIOR SECURED PROMISSORY NOTE", "Purchase Price: $900,000.00", "Original Principal Amount: $1,000,000.00"], []),
    (["REVOLVING NOTE", "Maximum Principal Amount: $5,000,000.00"], []),
    (["GRID PROMISSORY NOTE", "Up to $2,000,000.00                 March 4, 2026"], []),
    (["AMENDED AND RESTATED PROMISSORY NOTE", "Original Note: $500,000.00 dated January 2, 2025"], []),
    # and a face that is not the principal, however far down the caption stands
    (["EXECUTION VERSION", LEGEND, LEGEND.replace("REGISTERED", "QUALIFIED"), "PROMISSORY NOTE",
      "No. 1    New York, New York    $2,000,000.00    March 4, 2026"], ["DD414"]),
    (["PROMISSORY NOTE", "No. 1", "New York, New York", "March 4, 2026", "$2,000,000.00"], ["DD414"]),
], ids=["series-offering", "purchase-price", "revolver-maximum", "grid-up-to", "amended-original", "below-two-legends",
        "caption-on-five-lines"])
def test_only_a_caption_figure_that_is_the_notes_face_is_held_to_the_principal(tmp_path, caption, found):
    note = tmp_path / "note.txt"
    note.write_text("\n\n".join([*caption, PROMISE]) + "\n")
    assert [f.code for f in set_findings(lint_set([note]))] == found


@pytest.mark.parametrize("caption, payee", [
    ("Margaret Chen, dated March 4, 2026", "Margaret Chen"),
    ("the Smith Family Trust dated June 1, 2000", "the Smith Family Trust dated June 1, 2000"),  # the trust's own date
    # the note's date after a trust's own (the fund example's caption: a false DD414 with the note's date added)
    ("Ruth A. Calloway, as trustee of the Calloway Trust u/a/d June 14, 2011, dated June 10, 2026",
     "Ruth A. Calloway, as trustee of the Calloway Trust u/a/d June 14, 2011"),
    # a reviewer's: a company whose name holds "Trust" is no trust, its caption's date the note's
    ("Quarry Lane Trust Company, LLC, dated March 4, 2026", "Quarry Lane Trust Company, LLC"),
])
def test_a_signature_page_captions_date_is_the_notes_unless_it_is_a_trusts(caption, payee):
    from dealdocs.checks.closing_set.amounts import _captioned

    assert _captioned(caption) == payee


def test_a_trust_company_payee_builds(tmp_path):
    """A reviewer's run: a purchaser named "Quarry Lane Trust Company, LLC" stopped the build with a false DD414 once
    the note's caption gave its date (the date read as a trust's own)."""
    import yaml

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8"))
    data["purchasers"][1]["name"] = "Quarry Lane Trust Company, LLC"
    sheet = tmp_path / "trust-company.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").check(sheet, with_files=False)
    assert [f for f in result.findings if f.code == "DD414"] == [] and result.ok, [str(f) for f in result.findings]


def test_a_firm_note_template_that_prints_the_total_on_each_note_is_refused(tmp_path):
    """The hostile sweep: `{{ deal.total_principal|amount_figures }}` in a firm's note caption printed $2,000,000.00
    on the face of each of three notes, and `check` said "no problems found"."""
    import zipfile

    from dealdocs.pipeline import Builder

    firm = tmp_path / "firm"
    firm.mkdir()
    with zipfile.ZipFile(REPO / "templates" / "promissory-note.docx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    field = b"{{ purchaser.principal|amount_figures }}"
    assert field in parts["word/document.xml"]
    parts["word/document.xml"] = parts["word/document.xml"].replace(field, b"{{ deal.total_principal|amount_figures }}", 1)
    with zipfile.ZipFile(firm / "promissory-note.docx", "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    result = Builder(output_dir=tmp_path / "out", templates_dir=firm).check(REPO / "deals" / "bridge-example.yaml",
                                                                           with_files=False)
    found = set_findings(result.findings)
    assert not result.ok
    assert sorted((f.code, f.location.document) for f in found) == [
        ("DD414", "promissory-note-chen.docx"), ("DD414", "promissory-note-harborview.docx"),
        ("DD414", "promissory-note-quarry-lane.docx")], [str(f) for f in found]
    assert all("$2,000,000.00" in f.message for f in found)


def test_a_party_misspelt_in_one_document_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"], ("Northwind Analytics, Inc.", "Northwind Analytic, Inc."))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD401"], [str(f) for f in found]
    assert found[0].location.document.endswith("note-purchase-agreement.docx") and found[0].location.paragraph == 2
    assert len(documents_named(found[0])) == 2
    assert '"Northwind Analytic, Inc."' in found[0].message and '"Northwind Analytics, Inc."' in found[0].message


def test_a_dropped_comma_in_a_party_name_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["promissory-note-quarry-lane.docx"], ("Quarry Lane Fund, LLC", "Quarry Lane Fund LLC"))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD401"], [str(f) for f in found]
    assert "punctuation" in found[0].message


def test_a_documents_date_changed_is_found_where_the_others_state_it(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["escrow-agreement.docx"], ("is made as of March 2, 2026", "is made as of March 3, 2026"))
    found = planted_findings(paths)
    assert {f.code for f in found} == {"DD420"}, [str(f) for f in found]
    # the release notice and the purchase agreement name the escrow agreement's date; the escrow agreement
    # names the purchase agreement's as "the date hereof", now March 3
    assert sorted(Path(f.location.document).name for f in found) == [
        "escrow-agreement.docx", "note-purchase-agreement.docx", "release-notice.docx",
    ]  # fmt: skip
    assert all(len(documents_named(f)) == 2 and "escrow-agreement.docx" in documents_named(f) for f in found)


def test_a_defined_date_changed_in_its_agreement_is_found_where_another_gives_it(copy_of_bridge):
    """A new user's trial (session 62): the escrow agreement's Outside Date moved, the purchase agreement's Section 3.6
    still giving the old one "(the Outside Date under the Escrow Agreement ...)": lint --set said nothing (DD422)."""
    paths = copy_of_bridge()
    plant(paths["escrow-agreement.docx"], ("April 3, 2026 (the “Outside Date”)", "April 13, 2026 (the “Outside Date”)"))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD422"], [str(f) for f in found]
    [moved] = found
    assert Path(moved.location.document).name == "note-purchase-agreement.docx"
    assert moved.message.startswith('"April 3, 2026 (the Outside Date under the Escrow Agreement, as it may be extended '
                                    'as that agreement…": the Escrow Agreement defines its Outside Date as April 13, '
                                    "2026 (")
    assert moved.message.endswith("), but this says April 3, 2026")
    assert documents_named(moved) == {"note-purchase-agreement.docx", "escrow-agreement.docx"}


def test_a_note_more_than_the_schedule_sells_a_purchaser_is_found(copy_of_bridge):
    """A new user's trial (session 62): a fourth note to Margaret Chen, the notes $2,250,000.00 against an aggregate of
    $2,000,000.00, passed `lint --set` (DD411 adds up a note a row). DD418: more notes to a purchaser than its rows."""
    paths = copy_of_bridge()
    extra = Path(shutil.copy(paths["promissory-note-chen.docx"], paths["promissory-note-chen.docx"].parent / "note-4.docx"))
    plant(extra, ("No. 3", "No. 4"))
    paths["note-4.docx"] = extra
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD418"], [str(f) for f in found]
    assert found[0].message.startswith("2 notes of the set are payable to Margaret Chen ($250,000.00, $250,000.00), but "
                                       "the schedule of the Note Purchase Agreement gives it 1 (")
    assert {Path(f.location.document).name for f in found} <= {"note-4.docx", "promissory-note-chen.docx"}


def test_a_borrowed_term_the_lender_does_not_define_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["escrow-agreement.docx"], ("the Closing (as defined", "the Final Closing (as defined"))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD430"], [str(f) for f in found]
    assert found[0].is_error and '"Final Closing"' in found[0].message
    assert documents_named(found[0]) == {"escrow-agreement.docx", "note-purchase-agreement.docx"}


def test_a_state_of_organization_changed_in_one_document_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["escrow-agreement.docx"], ("Inc., a Delaware corporation", "Inc., a Nevada corporation"))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD402"], [str(f) for f in found]
    assert "Nevada" in found[0].message and "Delaware" in found[0].message


def test_an_address_changed_in_one_document_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"], ("200 Park Avenue, 31st Floor", "200 Park Avenue, 32nd Floor"))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD403"], [str(f) for f in found]
    assert documents_named(found[0]) == {"note-purchase-agreement.docx", "promissory-note-harborview.docx"}


def test_a_notice_block_is_read_past_its_attention_line_but_not_past_a_care_of_line():
    """The address that follows a party's name in a notice block is its own past an "Attention:" line; a "c/o"
    line's address is another's (a reviewer: the fund's notices c/o its general partner gave a false DD403). A run of
    spaces after "Attention:" is read in one pass (no timing asserted: quadratic, 20,000 spaces took minutes)."""
    from dealdocs.checks.closing_set.names import mentions
    from dealdocs.checks.text.outline import parse

    def address(text: str) -> str | None:
        found = [m for m in mentions(parse("notice.docx", [text])) if m.name.startswith("Harborview")]
        return found[0].address if found else None

    assert address("Harborview Capital Partners, L.P. Attention: Elena Marsh, Managing Member 200 Park Avenue, "
                   "New York, New York 10166") == "200 Park Avenue, New York, New York 10166"
    assert address("Harborview Capital Partners, L.P. Attention: Elena Marsh c/o Harborview Capital GP, LLC 600 "
                   "Boylston Street, Boston, Massachusetts 02116") is None
    assert address("Harborview Capital Partners, L.P. Attention:" + " " * 20_000 + "x") is None


def test_an_aggregate_other_than_the_notes_total_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"],
          ("aggregate principal amount of Two Million Dollars ($2,000,000.00)",
           "aggregate principal amount of Two Million One Hundred Thousand Dollars ($2,100,000.00)"))  # fmt: skip
    found = planted_findings(paths)
    # the recital, and the form of note's series paragraph ("one of a series ... in the aggregate principal amount
    # of ..."), which each executed note states at $2,000,000.00
    assert [f.code for f in found] == ["DD411", "DD440", "DD440", "DD440"], [str(f) for f in found]
    assert "$2,000,000.00" in found[0].message and "$2,100,000.00" in found[0].message
    assert all("$2,100,000.00" in f.message and "form of Secured Promissory Note" in f.message for f in found[1:])
    # each figure quoted with its parenthesis closed (a new user's trial: "Fifty Thousand Dollars ($1,250,000.00")
    assert all('Dollars ($2,000,000.00)" here, but ' in f.message and 'Dollars ($2,100,000.00)" in' in f.message
               for f in found[1:]), [f.message for f in found[1:]]


def test_the_forms_comparison_shared_in_two_halves_finds_what_it_finds_whole(copy_of_bridge):
    """The notes compared with their form are shared among processes in halves (`forms.check`'s `share`): each
    half finds the findings on its notes, together what the whole finds, each once."""
    from dealdocs.checks.closing_set import forms
    from dealdocs.checks.closing_set.documents import ClosingSet, read_document
    from dealdocs.checks.text.inputs import read_agreement

    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"],
          ("aggregate principal amount of Two Million Dollars ($2,000,000.00)",
           "aggregate principal amount of Two Million One Hundred Thousand Dollars ($2,100,000.00)"))  # fmt: skip
    closing = ClosingSet([read_document(str(path), read_agreement(path)) for path in paths.values()])
    whole = list(forms.check(closing))
    halves = [list(forms.check(closing, share=(part, 2))) for part in range(2)]
    assert len(whole) == 3 and all(halves)  # three notes: two in one half, one in the other
    assert sorted(map(repr, halves[0] + halves[1])) == sorted(map(repr, whole))


def test_an_aggregate_price_stated_two_ways_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["escrow-agreement.docx"], ("receipt of the aggregate subscription amounts set forth on Schedule A, Two "
                                           "Million Dollars ($2,000,000.00) in all, into",
                                           "receipt of the aggregate Purchase Price of $2,100,000.00 into"))
    found = planted_findings(paths)
    # against the other agreement (DD412), and against its own Schedule A, whose amounts add up to $2,000,000.00
    assert [f.code for f in found] == ["DD417", "DD412"], [str(f) for f in found]
    assert documents_named(found[1]) == {"escrow-agreement.docx", "note-purchase-agreement.docx"}
    assert found[0].message.startswith('the aggregate purchase price is $2,100,000.00 here ("aggregate Purchase Price of '
                                       '$2,100,000.00"), but the purchase prices in the schedule (paragraph ')
    assert found[0].message.endswith(") add up to $2,000,000.00")


def test_the_aggregate_price_against_the_documents_own_schedule_and_the_escrows_in_all(copy_of_bridge):
    """A new user's trial: the Note Purchase Agreement's 2.1 changed to a new aggregate in words and figures, its
    Schedule I, the notes and the escrow agreement's "$2,000,000.00 in all" left as they were, passed `lint --set`
    and `lint`: the escrow's "subscription amounts ... in all" was not read as an aggregate, and no document's
    aggregate was held against its own schedule (DD417, a check of the document alone)."""
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"], ("Purchase Price of the Notes is Two Million Dollars ($2,000,000.00)",
                                                  "Purchase Price of the Notes is Two Million Fifty Thousand Dollars "
                                                  "($2,050,000.00)"))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD417", "DD412"], [str(f) for f in found]
    assert found[0].location.document.endswith("note-purchase-agreement.docx")
    assert found[1].message.startswith('the aggregate purchase price is $2,050,000.00 here ("aggregate Purchase Price '
                                       'of the Notes is Two Million Fifty Thousand Dollars ($2,050,000.00)"), but '
                                       "$2,000,000.00 in ")
    assert documents_named(found[1]) == {"escrow-agreement.docx", "note-purchase-agreement.docx"}
    alone = [f for f in lint_each([paths["note-purchase-agreement.docx"]]) if f.code.startswith("DD4")]
    assert [f.code for f in alone] == ["DD417"]


def test_a_purchasers_amount_in_the_escrow_schedule_other_than_its_purchase_price_is_found(copy_of_bridge):
    """The escrow agreement's Schedule A of subscription amounts against the purchase agreement's schedule: a typed
    figure, or two purchasers' amounts swapped, which no amount outside the term sheet betrays (DD416)."""
    paths = copy_of_bridge()
    plant(paths["escrow-agreement.docx"], ("$750,000.00", "$570,000.00"))  # Quarry Lane Fund's row alone
    found = planted_findings(paths)
    # and its 1.2's "$2,000,000.00 in all" against its rows (DD417), and its Total (DD416): both of the file alone, so
    # said first, with its text's findings
    assert [f.code for f in found] == ["DD417", "DD416", "DD416"], [str(f) for f in found]
    found = [found[2], found[1]]
    assert found[1].message.startswith("the schedule's rows add up to $1,820,000.00, but its Total is $2,000,000.00")
    assert found[0].message.startswith("Quarry Lane Fund, LLC's amount is $570,000.00 in this schedule (paragraph ")
    agreement = found[0].related[0]
    assert found[0].message.endswith("but its purchase price is $750,000.00 in the schedule of "
                                     f"{agreement.document}, paragraph {agreement.paragraph}")
    assert documents_named(found[0]) == {"escrow-agreement.docx", "note-purchase-agreement.docx"}


def _schedules(tmp_path: Path, escrow_rows: list[str]) -> list[Finding]:
    """The DD416 findings on a purchase agreement and an escrow agreement of one deal, each with a schedule of the
    purchasers (plain text files, a table's cells one a line, as Word's come out), the escrow's rows `escrow_rows`."""
    among = "among Northwind Analytics, Inc., a Delaware corporation (the \u201cCompany\u201d), and the Purchasers"
    agreement = ["NOTE PURCHASE AGREEMENT", f"This Note Purchase Agreement is made {among}.", "SCHEDULE I",
                 "SCHEDULE OF PURCHASERS", "Purchaser", "Principal Amount of Note", "Purchase Price",
                 "Ramon Ortiz", "$100,000.00", "$100,000.00", "Quarry Lane Fund, LLC", "$750,000.00", "$750,000.00",
                 "Total", "$850,000.00", "$850,000.00"]
    escrow = ["ESCROW AGREEMENT", f"This Escrow Agreement is made {among}.", "SCHEDULE A",
              "PURCHASERS AND SUBSCRIPTION AMOUNTS", "Purchaser", "Price per Share", "Subscription Amount",
              *escrow_rows]
    paths = []
    for name, lines in (("npa.txt", agreement), ("escrow.txt", escrow)):
        (tmp_path / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(tmp_path / name)
    return [f for f in lint_set(paths) if f.code == "DD416"]


def test_a_schedules_price_per_share_or_a_name_spelt_another_way_is_no_other_amount(tmp_path):
    """A code review of DD416: a "Price per Share" column before the amounts was read as each purchaser's amount
    ("$1.00"), and "Ramona Ortiz" was taken for Ramon Ortiz, who may be another purchaser (DD401 says it)."""
    rows = ["Ramona Ortiz", "$1.00", "$90,000.00", "Quarry Lane Fund, LLC", "$1.00", "$750,000.00",
            "Total", "n/a", "$840,000.00"]
    assert _schedules(tmp_path, rows) == []
    rows[5] = "$700,000.00"  # Quarry Lane Fund's own row, other than its purchase price: found, and the Total
    total, amount = _schedules(tmp_path, rows)  # the Total first: a finding of the file alone
    assert amount.message.startswith("Quarry Lane Fund, LLC's amount is $700,000.00 in this schedule"), amount.message
    assert total.message.startswith("the schedule's rows add up to $790,000.00, but its Total is $840,000.00 ("), total
    # a purchaser left out of the escrow's schedule: the escrow agent has no amount to match its wire to
    [left_out] = _schedules(tmp_path, ["Quarry Lane Fund, LLC", "$1.00", "$750,000.00", "Total", "n/a", "$750,000.00"])
    assert left_out.message.startswith("Ramon Ortiz, a purchaser in the schedule of "), left_out.message
    assert left_out.message.endswith(", is not in this schedule: the escrow agent has no amount to match its wire to")


def _total_changed(path: Path, columns: tuple[int, ...], old: str, new: str) -> None:
    """Change the amount in the given cells of the Total row of a Word file's schedule, as a lawyer would in Word."""
    document = Document(path)
    total = next(row for table in document.tables for row in table.rows if row.cells[0].text.strip() == "Total")
    for column in columns:
        [run] = [run for p in total.cells[column].paragraphs for run in p.runs if old in run.text]
        run.text = run.text.replace(old, new)
    document.save(path)


@pytest.mark.parametrize("name, columns, said", [
    ("escrow-agreement.docx", (1,), "the schedule's rows add up to $2,000,000.00, but its Total is $2,100,000.00"),
    ("note-purchase-agreement.docx", (1, 2), "the schedule's rows add up to $2,000,000.00 of principal and "
                                             "$2,000,000.00 of purchase price, but its Total is $2,100,000.00 and "
                                             "$2,100,000.00"),
    ("note-purchase-agreement.docx", (2,), "the schedule's rows add up to $2,000,000.00 of purchase price, but its "
                                           "Total is $2,100,000.00"),
], ids=["escrow-schedule-a", "npa-schedule-i", "npa-price-column-only"])
def test_a_schedules_total_other_than_its_rows_is_found_by_lint_of_the_file_alone(copy_of_bridge, name, columns, said):
    """A new user's trial: the Total of a built agreement's schedule changed ($2,000,000.00 to $2,100,000.00), its
    rows left alone, passed `lint` of the file ("no problems found"); the escrow's was found only by `lint --set`
    with the purchase agreement, the Note Purchase Agreement's Schedule I's by neither. Found in the file alone
    (DD416, at the Total row), and said once by `lint --set`."""
    from dealdocs.ooxml.text import read

    paths = copy_of_bridge()
    _total_changed(paths[name], columns, "$2,000,000.00", "$2,100,000.00")
    found = set_findings(lint_each([paths[name]]))
    assert [f.code for f in found] == ["DD416"], [str(f) for f in found]
    [total] = found
    assert total.is_error and total.location.document == str(paths[name])
    assert read(paths[name])[total.location.paragraph - 1].text == "Total"
    assert total.message == f"{said} (paragraph {total.location.paragraph})"
    in_set = planted_findings(paths)
    assert in_set == [total], [str(f) for f in in_set]


def test_an_untouched_built_schedule_adds_up_in_the_file_alone(bridge_set, fund):
    """Each built agreement with a schedule, linted alone: its Total is the sum of its rows, said of none."""
    paths = [*bridge_set, *(fund / name for name in FUND_SET)]
    assert {"escrow-agreement.docx", "note-purchase-agreement.docx"} <= {path.name for path in paths}
    assert [str(f) for f in lint_each(paths) if f.code == "DD416"] == []


def test_a_schedules_subtotal_is_no_purchasers_row(tmp_path):
    """A schedule of two closings, each with its Subtotal row, then the Total: the subtotals are not added in."""
    lines = ["NOTE PURCHASE AGREEMENT", "SCHEDULE I", "SCHEDULE OF PURCHASERS", "Purchaser", "Purchase Price",
             "Ramon Ortiz", "$100,000.00", "Subtotal (First Closing)", "$100,000.00",
             "Quarry Lane Fund, LLC", "$750,000.00", "Sub-total (Second Closing)", "$750,000.00",
             "Total", "$850,000.00"]
    path = tmp_path / "npa.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    assert set_findings(lint_each([path])) == []
    path.write_text("\n\n".join(lines[:-1] + ["$950,000.00"]) + "\n", encoding="utf-8")
    assert [f.message.split(" (")[0] for f in set_findings(lint_each([path]))] == [
        "the schedule's rows add up to $850,000.00, but its Total is $950,000.00"]


def test_a_fee_stated_two_ways_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"], ("to each Purchaser such Purchaser\u2019s Note.",
                                                  "to each Purchaser such Purchaser\u2019s Note, and "
                                                  "shall pay $17,500.00 to Whitfield & Crane LLP as escrow agent."))
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD413"], [str(f) for f in found]
    assert "$17,500.00" in found[0].message and "$15,000.00" in found[0].message


def test_an_interest_rate_and_a_grace_period_other_than_the_forms_are_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["promissory-note-harborview.docx"], ("twelve percent (12%)", "ten percent (10%)"),
          ("thirty (30) days", "twenty (20) days"))
    found = planted_findings(paths)
    # thirty days three times: the lien default, the security agreement default (the notes are secured) and the
    # purchase agreement default
    assert [f.code for f in found] == ["DD440", "DD440", "DD440", "DD440"], [str(f) for f in found]
    assert "interest rate is 10%" in found[0].message and "12%" in found[0].message
    assert all("twenty (20)" in f.message and "thirty (30)" in f.message for f in found[1:])
    assert all(documents_named(f) == {"promissory-note-harborview.docx", "note-purchase-agreement.docx"} for f in found)


def test_a_note_dated_after_the_closing_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["promissory-note-chen.docx"], ("March 4, 2026", "March 5, 2026"))
    found = planted_findings(paths)
    # the agreement's closing is the release from escrow, "expected" on March 4, so its text does not contradict
    # March 5 (no DD421); the form of note it attaches is dated March 4, and so is
    # the Security Agreement the note refers to
    assert [f.code for f in found] == ["DD440", "DD440"], [str(f) for f in found]
    assert "Agreement dated as of March 5, 2026" in found[1].message
    assert all(documents_named(f) == {"promissory-note-chen.docx", "note-purchase-agreement.docx"} for f in found)


def test_a_paragraph_left_out_of_an_executed_note_is_found(copy_of_bridge):
    paths = copy_of_bridge()
    plant(paths["promissory-note-quarry-lane.docx"],
          ("The Maker waives demand, presentment, protest and notice of any kind", ""))
    # the rest of the paragraph alone is no longer the form's paragraph
    document = Document(paths["promissory-note-quarry-lane.docx"])
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(" and consents to the extension"):
            paragraph._element.getparent().remove(paragraph._element)
    document.save(paths["promissory-note-quarry-lane.docx"])
    found = planted_findings(paths)
    assert [f.code for f in found] == ["DD441"], [str(f) for f in found]
    assert "The Maker waives demand" in found[0].message


# ---------------------------------------------------------------- what is not a finding


def test_two_funds_that_differ_in_a_number_are_two_parties():
    assert difference("Alder Capital Fund II, L.P.", "Alder Capital Fund III, L.P.") is None
    assert difference("Northwind Analytics, Inc.", "Northwind Analytic, Inc.") == "spelling"
    assert difference("Northwind Analytics, Inc.", "NORTHWIND ANALYTICS, INC.") is None
    assert difference("Quarry Lane Fund, LLC", "Quarry Lane Fund, L.P.") == "suffix"
    assert difference("Margaret Chen", "Daniel Osei") is None


def test_two_people_a_document_names_apart_are_not_a_misspelling():
    """Mark Chen and Mary Chen, each named twice in the agreement, are two purchasers."""
    agreement = [
        "NOTE PURCHASE AGREEMENT",
        'AGREEMENT made as of March 2, 2026, by and among Northwind Analytics, Inc. (the "Company"), '
        'Mark Chen ("Mark") and Mary Chen ("Mary").',
        "If to Mark Chen, to:",
        "If to Mary Chen, to:",
    ]
    note = ["PROMISSORY NOTE", "$1,000.00 New York, New York March 2, 2026",
            'FOR VALUE RECEIVED, Northwind Analytics, Inc. (the "Maker") hereby promises to pay Mary Chen (the "Payee") '
            "the principal sum of One Thousand Dollars ($1,000.00)."]  # fmt: skip
    assert [f for f in check_set([("npa", agreement), ("note", note)]) if f.code == "DD401"] == []


def test_a_document_the_set_does_not_hold_is_not_compared():
    """An escrow agreement's "Purchase Agreement" defined as a Common Stock Purchase Agreement is not the
    set's Note Purchase Agreement, though both end "Purchase Agreement"."""
    escrow = [
        "ESCROW AGREEMENT",
        'THIS ESCROW AGREEMENT is made as of May 1, 2026, by and among Northwind Analytics, Inc. (the "Company"). '
        "Capitalized terms used but not defined herein shall have the meanings set forth in the Purchase Agreement.",
        'WHEREAS, pursuant to a Common Stock Purchase Agreement dated as of the date hereof (the "Purchase '
        'Agreement"), the Escrow Agent will hold the Purchase Price (as defined in the Purchase Agreement).',
        "The Escrow Agent shall hold the Subscription Proceeds under the Transaction Documents.",
    ]
    npa = ["NOTE PURCHASE AGREEMENT", 'AGREEMENT made as of March 2, 2026, by Northwind Analytics, Inc. (the "Company").']
    assert check_set([("escrow", escrow), ("npa", npa)]) == []


def test_another_deals_agreement_of_the_same_title_is_not_compared():
    """A set holding another deal's "Stock Purchase Agreement": documents of one closing share their parties."""
    theirs = [
        "STOCK PURCHASE AGREEMENT",
        'This STOCK PURCHASE AGREEMENT is made as of October 22, 2020 by and between Alpha Holdings, Inc. (the '
        '"Company") and Gamma Partners, LLC (the "Purchaser"), each a Delaware Limited Liability Company Act entity.',
    ]
    ours = [
        "SECURITIES PURCHASE AGREEMENT",
        'This SECURITIES PURCHASE AGREEMENT is made as of March 1, 2020 between Beta Corp. (the "Company") and the '
        'purchasers, under the Delaware LLC Act. The Company sold its subsidiary under the Stock Purchase Agreement, '
        "dated as of January 20, 2020, with Delta Capital, L.P.",
    ]
    assert check_set([("theirs", theirs), ("ours", ours)]) == []
    ours[1] = ours[1].replace("with Delta Capital, L.P.", "with Alpha Holdings, Inc.")
    assert [f.code for f in check_set([("theirs", theirs), ("ours", ours)])] == ["DD420"]


@needs_seeds
def test_an_executed_release_notice_fills_in_its_forms_blanks_and_signature_blocks(tmp_path):
    """The 2005 escrow filing's form of release notice (a blank day of October, 2005, one blank signature block)
    against the release notice built for the same deal (dated as of the day the escrow agent has it signed by all,
    so no blank; a signature block per signer, a fund's through its general partner). The paragraphs the filed form
    lacks are the two dealdocs adds: how it is dated, and that it may be signed electronically (one paragraph until a
    partner's read, session 58, had the dating sentence stand alone)."""
    from docx_helpers import build_example

    built = build_example("roo-2005-escrow", tmp_path / "built")
    paths = [write_seed_docx("escrow", tmp_path), built / "release-notice.docx"]
    assert sorted((f.code, f.message[:40]) for f in set_findings(lint_set(paths))) == [
        ("DD441", '"A counterpart of this Release Notice si'), ("DD441", '"This Release Notice is dated as of the ')]
    # its signature pages' own testimonia are part of them; one added anywhere else is a paragraph the form lacks
    notice = Document(str(built / "release-notice.docx"))
    counterparts = next(p for p in notice.paragraphs if p.text.startswith("This Release Notice may be signed"))
    counterparts.insert_paragraph_before("IN WITNESS WHEREOF, the Company shall also pay the Escrow Agent's costs.")
    notice.save(str(tmp_path / "added.docx"))
    found = set_findings(lint_set([paths[0], tmp_path / "added.docx"]))
    assert sorted((f.code, "IN WITNESS WHEREOF, the Company shall also pay" in f.message) for f in found) == [
        ("DD441", False), ("DD441", False), ("DD441", True)]  # the one added here, and dealdocs's own two


LEGEND = ("THIS NOTE HAS NOT BEEN REGISTERED UNDER THE SECURITIES ACT OF 1933, AS AMENDED (THE \u201cACT\u201d). IT MAY "
          "NOT BE OFFERED, SOLD, PLEDGED OR OTHERWISE TRANSFERRED EXCEPT UNDER AN EFFECTIVE REGISTRATION STATEMENT OR AN "
          "EXEMPTION FROM REGISTRATION UNDER THE ACT.")
TRUSTEES = "Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011"
JOINT = "Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of survivorship"


def _note(payee: str, together: str, principal: str, words: str) -> list[str]:
    return [
        LEGEND,
        "PROMISSORY NOTE",
        f"No. 1\tNew York, New York ${principal}\tJune 10, 2026",
        f'FOR VALUE RECEIVED, Larkspur Robotics, Inc. (the "Maker"), a Delaware corporation, hereby promises to pay '
        f'{payee} ({together}the "Payee"), the principal sum of {words} Dollars (${principal}) on June 10, 2027 '
        '(the "Maturity Date").',
        "Maker further promises to pay interest at the rate of twelve percent (12%) per annum.",
    ]


def test_notes_behind_a_legend_to_trustees_and_joint_holders_are_read():
    """A restricted-securities legend before the title; payees that are trustees of a dated trust, or joint
    tenants "together" the Payee: each note is its schedule row's, and the form's blanks take the trust's date."""
    agreement = [
        "NOTE PURCHASE AGREEMENT",
        'AGREEMENT made as of June 8, 2026, by and among Larkspur Robotics, Inc., a Delaware corporation (the '
        '"Company"), and the purchasers listed on Schedule I hereto (each a "Purchaser").',
        "SCHEDULE I", "SCHEDULE OF PURCHASERS", "Purchaser", "Principal Amount of Note", "Purchase Price",
        TRUSTEES, "$250,000.00", "$250,000.00", JOINT, "$100,000.00", "$100,000.00",
        "Total", "$350,000.00", "$350,000.00",
        "EXHIBIT A", "[FORM OF NOTE]",
        *_note("____________", "", "____________", "____________"),
    ]  # fmt: skip
    trust_note = _note(TRUSTEES, "", "250,000.00", "Two Hundred Fifty Thousand")
    joint_note = _note(JOINT, "together, ", "100,000.00", "One Hundred Thousand")
    documents = [("npa", agreement), ("trust", trust_note), ("joint", joint_note)]
    assert check_set(documents) == []
    rate = [line.replace("twelve percent (12%)", "ten percent (10%)") for line in trust_note]
    assert [f.code for f in check_set([("npa", agreement), ("trust", rate)])] == ["DD440"]  # the form is compared
    documents[2] = ("joint", _note(JOINT, "together, ", "110,000.00", "One Hundred Ten Thousand"))
    found = check_set(documents)
    assert [(f.code, f.location.document) for f in found] == [("DD410", "joint")], [str(f) for f in found]
    assert "$110,000.00" in found[0].message and "$100,000.00" in found[0].message


# ---------------------------------------------------------------- joint holders and trustees, as a counterpart edits them

FUND_SET = (
    "note-purchase-agreement.docx", "escrow-agreement.docx", "release-notice.docx",
    "promissory-note-calloway-trust.docx", "promissory-note-the-whitakers.docx", "promissory-note-juniper-ridge.docx",
    "promissory-note-tidewater-cove.docx", "promissory-note-pembroke.docx",
)  # fmt: skip
"""The fund closing: a trust with two trustees, joint holders, a fund, a Cayman company and a person."""
TRUST_NOTE, JOINT_NOTE = "promissory-note-calloway-trust.docx", "promissory-note-the-whitakers.docx"


@pytest.fixture(scope="module")
def fund(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from docx_helpers import build_example

    return build_example("fund-example", tmp_path_factory.mktemp("fund"))


@pytest.fixture
def copy_of_fund(fund: Path, tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "set"
    folder.mkdir()
    return {name: Path(shutil.copy(fund / name, folder / name)) for name in FUND_SET}


def edit_paragraph(path: Path, marker: str, *changes: tuple[str, str]) -> int:
    """Replace words in the one paragraph of a Word file that holds `marker` (python-docx, as a counterpart's lawyer
    would: the paragraph's text put in its first run); its number as lint counts paragraphs."""
    document = Document(path)
    paragraphs = [p for p in document.paragraphs if marker in p.text]
    assert len(paragraphs) == 1, [p.text for p in paragraphs]
    paragraph = paragraphs[0]
    text = paragraph.text
    for old, new in changes:
        assert old in text, (old, text)
        text = text.replace(old, new)
    paragraph.runs[0].text = text
    for run in paragraph.runs[1:]:
        run.text = ""
    document.save(path)
    return [p.text for p in document.paragraphs].index(text) + 1


def test_the_built_fund_set_with_trustees_and_joint_holders_is_clean(fund):
    found = set_findings(lint_set([fund / name for name in FUND_SET]))
    assert found == [], [str(f) for f in found]


@pytest.mark.parametrize("note, change, how", [
    (JOINT_NOTE, ("Laura J. Whitaker", "Laura J. Whitakar"), "a word is spelt differently"),
    (JOINT_NOTE, ("Samuel K. Whitaker and Laura J. Whitaker", "Samuel K. Whitaker"), "a joint holder is left out"),
    (TRUST_NOTE, ("Ruth A. Calloway and Peter M. Calloway, as trustees", "Ruth A. Calloway, as trustee"),
     "a trustee is left out"),
    (TRUST_NOTE, ("Peter M. Calloway", "Petra M. Calloway"), "a trustee is another person"),
    (TRUST_NOTE, ("June 14, 2011", "June 14, 2012"), "the trust's date differs"),
])  # fmt: skip
def test_a_payee_of_joint_holders_or_trustees_written_otherwise_in_its_note_is_found(copy_of_fund, note, change, how):
    """One paragraph of a built note edited, its promise to pay: one letter of a holder, a holder dropped, a trustee
    dropped or renamed, the trust's date. Each was clean: the note's payee was matched to no purchaser and left
    out. Now it is the schedule's purchaser written otherwise (DD401, where the note writes it, naming the purchase
    agreement), and the note's own signature page, which still names the payee as it was, says so too (DD414)."""
    at = edit_paragraph(copy_of_fund[note], "FOR VALUE RECEIVED", change)
    found = set_findings(lint_set(list(copy_of_fund.values())))
    assert sorted((f.code, Path(f.location.document).name) for f in found) == [("DD401", note), ("DD414", note)], [
        str(f) for f in found]
    spelt = next(f for f in found if f.code == "DD401")
    assert spelt.location.paragraph == at and spelt.message.endswith(how), spelt.message
    assert change[1] in spelt.message and documents_named(spelt) == {note, "note-purchase-agreement.docx"}
    captioned = next(f for f in found if f.code == "DD414")
    assert "signature page" in captioned.message and captioned.related[0].paragraph == at


def test_a_holder_dropped_and_the_principal_raised_in_a_note_are_both_found(copy_of_fund):
    """The worst of the user's edits: one holder dropped from the payee and the principal raised everywhere in the
    note (its caption, words and figures, its signature page). Reported clean before: the payee was no schedule
    row's, so the note fell out of the amount checks. Now the note is the joint holders' row, $100,000.00."""
    plant(copy_of_fund[JOINT_NOTE],
          ("Samuel K. Whitaker and Laura J. Whitaker", "Samuel K. Whitaker"),
          ("One Hundred Thousand Dollars ($100,000.00)", "Three Hundred Thousand Dollars ($300,000.00)"),
          ("$100,000.00", "$300,000.00"))  # fmt: skip
    found = set_findings(lint_set(list(copy_of_fund.values())))
    assert sorted((f.code, Path(f.location.document).name) for f in found) == [
        ("DD401", JOINT_NOTE), ("DD410", JOINT_NOTE)], [str(f) for f in found]
    amount = next(f for f in found if f.code == "DD410")
    assert "$300,000.00" in amount.message and "$100,000.00" in amount.message
    assert "Samuel K. Whitaker and Laura J. Whitaker" in amount.message
    assert documents_named(amount) == {JOINT_NOTE, "note-purchase-agreement.docx"}


def test_a_note_payable_to_no_purchaser_of_the_schedule_is_found(copy_of_fund):
    """A payee that is no purchaser, nor one written otherwise, cannot fall out of the amount checks unsaid."""
    at = edit_paragraph(copy_of_fund[JOINT_NOTE], "FOR VALUE RECEIVED",
                        ("Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of survivorship",
                         "Victor Chang and Laura J. Whitaker, as joint tenants with right of survivorship"))  # fmt: skip
    found = [f for f in set_findings(lint_set(list(copy_of_fund.values()))) if f.code != "DD414"]
    assert [(f.code, Path(f.location.document).name, f.location.paragraph) for f in found] == [
        ("DD415", JOINT_NOTE, at)], [str(f) for f in found]
    assert "Victor Chang" in found[0].message and "$100,000.00" in found[0].message
    assert "5 purchasers" in found[0].message and documents_named(found[0]) == {JOINT_NOTE, "note-purchase-agreement.docx"}


def test_lint_of_a_note_alone_holds_its_payee_to_its_signature_page(copy_of_fund):
    """`lint` of the one note: its promise to pay leaves out a holder its signature page's caption still names."""
    from click.testing import CliRunner

    from dealdocs.checks.closing_set import lint_each
    from dealdocs.cli import main

    note = copy_of_fund[JOINT_NOTE]
    at = edit_paragraph(note, "FOR VALUE RECEIVED", ("Samuel K. Whitaker and Laura J. Whitaker", "Samuel K. Whitaker"))
    found = set_findings(lint_each([note]))
    assert [f.code for f in found] == ["DD414"], [str(f) for f in found]
    assert found[0].message.endswith("a joint holder is left out") and found[0].related[0].paragraph == at
    assert found[0].location.paragraph > at and "Laura J. Whitaker" in found[0].message
    out = CliRunner().invoke(main, ["lint", str(note)])
    assert out.exit_code == 1 and "DD414" in out.output
    assert set_findings(lint_each([copy_of_fund[TRUST_NOTE]])) == []


def test_trusts_of_the_same_trustees_and_a_person_who_is_also_a_joint_holder_are_each_their_own_purchaser():
    """Two trusts of the same trustees, a person who buys alone and with his wife: each note is its own row's,
    nothing is a misspelling of another, and a note's changed principal names its own row."""
    family = "Martin Hollis and Ellen Hollis, as trustees of the Hollis Family Trust u/a/d May 1, 2012"
    children = "Martin Hollis and Ellen Hollis, as trustees of the Hollis Children's Trust u/a/d May 1, 2012"
    couple = "Ramon Ortiz and Lucia Ortiz, as joint tenants with right of survivorship"
    daughter = "Ramon Ortiz and Maria Ortiz, as tenants in common"
    alone = "Ramon Ortiz"
    rows = [(family, "250,000.00"), (children, "200,000.00"), (couple, "100,000.00"), (daughter, "50,000.00"),
            (alone, "10,000.00")]  # fmt: skip
    agreement = [
        "NOTE PURCHASE AGREEMENT",
        'AGREEMENT made as of June 8, 2026, by and among Larkspur Robotics, Inc., a Delaware corporation (the '
        '"Company"), and the purchasers listed on Schedule I hereto (each a "Purchaser").',
        *(f"If to {name}, to:" for name, _ in rows),
        "SCHEDULE I", "SCHEDULE OF PURCHASERS", "Purchaser", "Principal Amount of Note", "Purchase Price",
        *(cell for name, figure in rows for cell in (name, f"${figure}", f"${figure}")),
        "Total", "$610,000.00", "$610,000.00",
    ]  # fmt: skip
    words = {"250,000.00": "Two Hundred Fifty Thousand", "200,000.00": "Two Hundred Thousand",
             "100,000.00": "One Hundred Thousand", "50,000.00": "Fifty Thousand", "10,000.00": "Ten Thousand"}
    notes = [(f"note-{k}", _note(name, "" if name == alone else "together, ", figure, words[figure]))
             for k, (name, figure) in enumerate(rows)]  # fmt: skip
    assert check_set([("npa", agreement), *notes]) == []
    notes[1] = ("note-1", _note(children, "together, ", "210,000.00", "Two Hundred Ten Thousand"))
    found = check_set([("npa", agreement), *notes])
    assert [(f.code, f.location.document) for f in found] == [("DD410", "note-1")], [str(f) for f in found]
    assert "gives Martin Hollis and Ellen Hollis, as trustees of the Hollis Children's Trust" in found[0].message


def test_joint_holders_and_trustees_written_otherwise_are_one_party_and_others_are_not():
    family = "Martin Hollis and Ellen Hollis, as trustees of the Hollis Family Trust u/a/d May 1, 2012"
    couple = "Ramon Ortiz and Lucia Ortiz, as joint tenants with right of survivorship"
    assert difference(couple, "Ramon Ortiz and Lucia Ortis, as joint tenants with right of survivorship") == "spelling"
    assert difference(couple, "Ramon Ortiz, as joint tenants with right of survivorship") == "holder left out"
    assert difference(couple, "Ramon Ortiz and Lucia Ortiz, as tenants in common") == "tenancy"
    assert difference(couple, "Ramon Ortiz and Lucia Ortiz, JTWROS") == "reworded"  # the same words, abbreviated
    assert difference(couple, "Ramon Ortiz and Maria Ortiz, as joint tenants with right of survivorship") is None
    assert difference(couple, "Ramon Ortiz") is None
    assert difference(family, "Martin Hollis, as trustee of the Hollis Family Trust u/a/d May 1, 2012") == "trustee left out"
    assert difference(family, family.replace("Ellen", "Helen")) == "trustee another"
    assert difference(family, family.replace("2012", "2021")) == "trust date"
    assert difference(family, family.replace("u/a/d May 1, 2012", "dated 5/1/2012")) == "reworded"
    assert difference(family, family.replace("Family", "Children's")) is None
    # a middle initial more or less is another person ("Alice Abbott", "Alice B. Abbott"), a holder too
    assert difference("Samuel K. Whitaker", "Samuel Whitaker") is None
    assert difference(JOINT, JOINT.replace("Laura J. Whitaker", "Laura Whitaker")) is None


# ---------------------------------------------------------------- the command


@needs_seeds
def test_lint_set_on_the_command_line_names_both_documents(tmp_path):
    npa, note = write_seed_docx("npa", tmp_path), write_seed_docx("note", tmp_path)
    run = [sys.executable, "-m", "dealdocs", "lint", "--set", str(npa), str(note)]
    text = subprocess.run(run, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert text.returncode == 1
    line = next(line for line in text.stdout.splitlines() if "DD410" in line)
    assert line.startswith(f"{note}, paragraph 3: error DD410:") and f"({npa}, paragraph 5)" in line
    alone = subprocess.run(run[:4] + run[5:], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert "DD410" not in alone.stdout  # without --set each file is checked alone
    data = json.loads(subprocess.run(run[:5] + ["--format", "json"] + run[5:], capture_output=True, text=True,
                                     timeout=120, cwd=REPO).stdout)  # fmt: skip
    conflict = next(f for f in data["findings"] if f["code"] == "DD410")
    assert conflict["location"] == {"document": str(note), "paragraph": 3, "where": f"{note}, paragraph 3"}
    assert conflict["related"] == [{"document": str(npa), "paragraph": 5, "where": f"{npa}, paragraph 5"}]
    assert all("related" not in f for f in data["findings"] if not f["code"].startswith("DD4"))
    log = json.loads(subprocess.run(run[:5] + ["--format", "sarif"] + run[5:], capture_output=True, text=True,
                                    timeout=120, cwd=REPO).stdout)  # fmt: skip
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "DD410")
    artifacts = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    where = result["locations"][0]["physicalLocation"]
    assert artifacts[where["artifactLocation"]["index"]].endswith("note.docx") and where["region"]["startLine"] == 3
    (related,) = result["relatedLocations"]
    assert artifacts[related["physicalLocation"]["artifactLocation"]["index"]].endswith("npa.docx")
    assert related["physicalLocation"]["region"] == {"startLine": 5}


@needs_seeds
def test_the_readmes_example_is_what_lint_set_prints(tmp_path):
    readme = (REPO / "README.md").read_text()
    block = readme.split("$ dealdocs lint --set ", 1)[1].split("```", 1)[0]
    command, *shown = block.splitlines()
    names = command.split()
    for name, seed in zip(names, ("npa", "note")):
        shutil.move(write_seed_docx(seed, tmp_path), tmp_path / name)
    out = subprocess.run([sys.executable, "-m", "dealdocs", "lint", "--set", *names], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path).stdout.splitlines()  # fmt: skip
    assert [line for line in shown if line != "..."] == [line for line in out if "DD4" in line] + out[-1:]
    assert len(out) - 2 == 6  # the findings on each document alone, left out of the README


_SPELLINGS = [
    "Northwind Analytics, Inc.", "Northwind Analytics Inc.", "NORTHWIND ANALYTICS, INC.", "Northwind Analytic, Inc.",
    "Northwind Analytics, LLC", "northwind analytics, inc.", "NorthwindAnalytics, Inc.", "Northwind Analytics Inc",
    "Harborview Capital Partners II, L.P.", "Harborview Capital Partners III, L.P.", "Harborview Capitol Partners II, L.P.",
    "Harborview Capital Partners II, LP", "Harborview Capital Partners II L.P.", "Mark Chen", "Mary Chen", "Mark Chan",
    "Mark  Chen", "MARK CHEN", "Quarry Lane Fund, LLC", "Quarry Lane Fund LLC", "Quary Lane Fund, LLC",
    "Quarry Lane Funds, LLC", "Lowell & Park LLP", "Lowell and Park LLP", "Lowel & Park LLP", "Whitfield & Crane LLP",
    "Elena Marsh", "Elena Marsch", "Meridian Capital Markets, LLC", "Meridian Capital Market, LLC", "AcmeLLC", "Acme LLC",
    "Samuel K. Whitaker", "Samuel Whitaker", JOINT, JOINT.replace("Laura J. Whitaker", "Laura Whitaker"),
    "Samuel K. Whitaker, as joint tenants with right of survivorship", TRUSTEES, TRUSTEES.replace("2011", "2012"),
    "Ruth A. Calloway, as trustee of the Calloway Family Revocable Trust u/a/d June 14, 2011",
    "the Calloway Family Revocable Trust dated June 14, 2011", TRUSTEES.replace("Peter M.", "Petra M."),
    "Calloway Famly Revocable Trust", TRUSTEES.replace("Family", "Famly"),
]


def test_each_pair_of_spellings_of_one_party_shares_a_key():
    """The set check compares only spellings that share a key (so its work grows with the names, not their
    square): every pair `difference` reads as one party must share one, or a misspelling would go unseen."""
    from dealdocs.checks.closing_set.names import spelling_keys

    alike = [(a, b) for a in _SPELLINGS for b in _SPELLINGS if a != b and difference(a, b)]
    assert len(alike) > 40  # the list holds many spellings of one party: capitals, punctuation, suffix, one word
    unshared = [(a, b) for a, b in alike if not set(spelling_keys(a)) & set(spelling_keys(b))]
    assert unshared == []


def test_a_large_set_checked_by_two_processes_finds_what_one_finds():
    # from 100 documents the set checks are shared among processes: the same findings, in the same order
    from dealdocs.checks.closing_set import check_read
    from dealdocs.checks.closing_set.documents import read_document

    def note(k: int, maker: str) -> list[str]:
        return ["PROMISSORY NOTE", "$1,000.00 New York, New York March 4, 2026",
                f'FOR VALUE RECEIVED, {maker} (the "Maker") promises to pay to Holder {k} LLC (the "Payee") the '
                "principal sum of One Thousand Dollars ($1,000.00).",
                f"Notices to the Maker: {maker}, 1 Main Street, New York, New York 10001."]

    documents = [read_document(f"note-{k}.docx", note(k, "Northwind Analytics, Inc.")) for k in range(119)]
    documents.append(read_document("note-119.docx", note(119, "Northwind Analytix, Inc.")))
    alone = check_read(documents, 1)
    assert check_read(documents, 2) == alone
    assert any(f.code == "DD401" and f.location.document == "note-119.docx" for f in alone)


def test_a_schedules_undefined_term_is_held_against_the_agreement_its_document_borrows_from(copy_of_bridge):
    """A code review: a schedule borrows with its agreement (one DD203 warning, `outline.parse`), but `lint --set`
    settled that warning once the agreement's own terms were defined elsewhere, and DD431 read the schedule's terms
    against no lender: "the Paying Agent", defined nowhere in the set, passed unsaid."""
    paths = copy_of_bridge()
    document = Document(paths["release-notice.docx"])
    for text in ("Schedule 1", "Wire Instructions for the Release",
                 "The Escrow Agent shall wire the funds to the account of the Company, and the Paying Agent shall confirm.",
                 "The account is held at the bank, and the Paying Agent holds its details."):
        document.add_paragraph(text)
    document.save(paths["release-notice.docx"])
    found = [f for f in lint_set(list(paths.values())) if f.location.document.endswith("release-notice.docx")
             and f.code in ("DD203", "DD431")]
    assert [f.code for f in found] == ["DD203", "DD431"], [str(f) for f in found]
    assert '"Paying Agent"' in found[0].message
    assert found[1].message.startswith('"Paying Agent" is not defined here and this document leaves undefined terms to '
                                       "the Escrow Agreement")


@pytest.mark.parametrize("stated", [
    "The aggregate Purchase Price of the Notes is equal to the sum of the Purchase Prices set forth on Schedule I, "
    "which shall not exceed Five Million Dollars ($5,000,000.00).",
    "The Company may sell Notes for an aggregate purchase price of up to Five Million Dollars ($5,000,000.00) in all "
    "closings.",
])
def test_an_aggregate_cap_is_no_aggregate_stated(copy_of_bridge, stated):
    """A code review of DD417: a cap ("up to", "shall not exceed") read as the aggregate purchase price stated,
    against the schedule's $2,000,000.00."""
    paths = copy_of_bridge()
    plant(paths["note-purchase-agreement.docx"],
          ("The aggregate Purchase Price of the Notes is Two Million Dollars ($2,000,000.00).", stated))
    assert [f.code for f in lint_each([paths["note-purchase-agreement.docx"]]) if f.code in ("DD412", "DD417")] == []
    assert [f.code for f in planted_findings(paths) if f.code in ("DD412", "DD417")] == []
