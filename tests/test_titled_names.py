"""Party names with a title ("Dr.", "Mrs.", "St."), a suffix ("Jr.", ", M.D.") or a parenthesized word ("(Family)",
"(2019)") in them are names, not undefined terms: the documents dealdocs builds for such parties pass DD203.

A tester's case: a trust purchaser named "Dr. Ruth Calloway Revocable Trust" (the documents write "as trustees of
the Dr. Ruth Calloway Revocable Trust") blocked `dealdocs build` with DD203 ""Dr" is used as a defined term but the
document never defines it", and "Calloway (Family) Trust" with DD203 on "Calloway": the full stop of a title and a
parenthesis cut the name short, and the article before it governed the first word alone.
"""

from __future__ import annotations

import pytest
from docx_helpers import REPO, text_of

from dealdocs.pipeline import Builder

FUND = (REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8")
# Each party's name as deals/fund-example.yaml writes it (the escrow agent's: before its address, not as a payee).
NAMES = {"trust": "name: Calloway Family Revocable Trust\n", "fund": "name: Juniper Ridge Partners II, L.P.\n",
         "individual": "name: Alistair J. Pembroke\n", "escrow agent": "name: Bellamy & Roe LLP\n    address"}


def _sheet(tmp_path, **names: str):
    """fund-example.yaml with the parties' names changed (keyword: `NAMES` with "_" for a space)."""
    text = FUND
    for party, name in names.items():
        old = NAMES[party.replace("_", " ")]
        assert old in text
        text = text.replace(old, f'name: "{name}"' + old[old.index("\n"):])
        if party == "escrow_agent":  # its fee, paid to it (DD189)
            text = text.replace("- payee: Bellamy & Roe LLP\n", f'- payee: "{name}"\n')
    sheet = tmp_path / "titled.yaml"
    sheet.write_text(text, encoding="utf-8")
    return sheet


@pytest.mark.parametrize(("party", "name"), [
    ("trust", "Dr. Ruth Calloway Revocable Trust"),  # the tester's two names
    ("trust", "Calloway (Family) Trust"),
    ("trust", "Smith (2019) Irrevocable Trust"),
    ("trust", "Mrs. Jane Doe Trust"),
    ("trust", "Mr. and Mrs. John Smith Family Trust"),
    ("trust", "Prof. A. B. Jones Trust"),
    ("trust", "Mt. Kisco Family Trust"),
    ("trust", "Robert Smith Jr. Living Trust"),  # "Robert Smith Jr" twice in the agreement
    ("trust", "Ruth Calloway, M.D. Revocable Trust"),  # "Ruth Calloway" twice
    ("trust", "Ruth Calloway (Sandy) Trust"),
    ("trust", "Dr Ruth Calloway Family Foundation"),  # a title without its full stop, as British drafting writes it
    ("fund", "The Juniper (2019) Fund, L.P."),  # its notice block opens a paragraph with it
    ("escrow agent", "St. John & Roe LLP"),  # "among the Company, the Purchasers and St. John & Roe LLP"
    ("individual", "Mrs. Jane Doe"),  # passed before too (no article stands before an individual): a control
], ids=lambda value: value)
def test_a_name_with_a_title_or_a_parenthesized_word_is_no_undefined_term(tmp_path, party, name):
    result = Builder().check(_sheet(tmp_path, **{party.replace(" ", "_"): name}), with_files=False)
    assert not [f for f in result.findings if f.code == "DD203"], [str(f) for f in result.findings if f.code == "DD203"]
    assert result.ok, [str(f) for f in result.findings]
    assert any(name in text for d in result.documents for text in d.paragraphs)


def test_a_deal_with_such_names_builds_and_its_documents_say_them(tmp_path):
    """The tester's deal, built for real: the Word files are written and read back, the names in them."""
    sheet = _sheet(tmp_path, trust="Dr. Ruth Calloway (Family) Revocable Trust", escrow_agent="St. John & Roe LLP",
                   individual="Prof. A. B. Jones")
    result = Builder(output_dir=tmp_path / "out").build(sheet)
    assert result.ok and not [f for f in result.findings if f.code == "DD203"], [str(f) for f in result.findings]
    folder = tmp_path / "out" / "titled"
    agreement = text_of((folder / "note-purchase-agreement.docx").read_bytes())
    note = text_of((folder / "promissory-note-calloway-trust.docx").read_bytes())
    escrow = text_of((folder / "escrow-agreement.docx").read_bytes())
    assert "as trustees of the Dr. Ruth Calloway (Family) Revocable Trust" in agreement
    assert "Dr. Ruth Calloway (Family) Revocable Trust" in note
    assert "St. John & Roe LLP" in escrow and "St. John & Roe LLP" in agreement
    assert "Prof. A. B. Jones" in agreement
