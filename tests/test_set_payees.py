"""lint --set: a note's payee against the schedule of purchasers and its own signature page, as people write names.

The names a reviewer found misread (c8b2dcd): parentheses in a name, capitals, "John and Mary Smith, JTWROS",
trustees abbreviated, a group that holds nothing, other owners ("Jr.", a custodian, an IRA), a caption's payee with
"or registered assigns" or a date, curly apostrophes; and a build of the example deals with such names is never
blocked by a set check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dealdocs.checks.closing_set import amounts, check_set
from dealdocs.checks.closing_set.names import bare_name, difference, holding
from dealdocs.checks.closing_set.note_terms import note_terms
from dealdocs.checks.text.common import Para

REPO = Path(__file__).resolve().parents[1]
WORDS = {"250,000.00": "Two Hundred Fifty Thousand", "100,000.00": "One Hundred Thousand",
         "260,000.00": "Two Hundred Sixty Thousand"}  # fmt: skip


def agreement(*rows: tuple[str, str]) -> list[str]:
    total = sum(float(figure.replace(",", "")) for _, figure in rows)
    return [
        "NOTE PURCHASE AGREEMENT",
        'AGREEMENT made as of June 8, 2026, by and among Larkspur Robotics, Inc., a Delaware corporation (the '
        '"Company"), and the purchasers listed on Schedule I hereto (each a "Purchaser").',
        "SCHEDULE I", "SCHEDULE OF PURCHASERS", "Purchaser", "Principal Amount of Note", "Purchase Price",
        *(cell for name, figure in rows for cell in (name, f"${figure}", f"${figure}")),
        "Total", f"${total:,.2f}", f"${total:,.2f}",
    ]  # fmt: skip


def note(payee: str, principal: str = "250,000.00", caption: str | None = None) -> list[str]:
    lines = [
        "PROMISSORY NOTE",
        f"No. 1\tNew York, New York ${principal}\tJune 10, 2026",
        f'FOR VALUE RECEIVED, Larkspur Robotics, Inc. (the "Maker"), a Delaware corporation, hereby promises to pay '
        f'{payee} (the "Payee"), the principal sum of {WORDS[principal]} Dollars (${principal}) on June 10, 2027 '
        '(the "Maturity Date").',
        "Maker further promises to pay interest at the rate of twelve percent (12%) per annum.",
    ]
    if caption is not None:
        lines.append(f"[Signature Page to Promissory Note No. 1 in the principal amount of ${principal} payable to {caption}]")
    return lines


def codes(found) -> list[tuple[str, str]]:
    return [(f.code, f.location.document) for f in found]


# ---------------------------------------------------------------- 1. names with parentheses, one word, a suffix


@pytest.mark.parametrize("name", [
    "Quarry Lane Fund (US), LLC", "Harborview Offshore Fund (Cayman), Ltd.", "Chen Ventures (UK) Limited",
    "Margaret (Peggy) Chen", "Margaret <img src=x onerror=alert(1)> [Chen](http://evil.example) *Chen*",
])  # fmt: skip
def test_a_payee_with_parentheses_is_read_whole_and_is_its_rows(name):
    """The payee was read from the last ")" before `(the "Payee")`: "LLC", "Ltd.", "Chen"; now from the last
    definition, `(the "Maker")`."""
    paras = [Para(k + 1, text, text, 0, False) for k, text in enumerate(note(name))]
    assert note_terms("note", paras)["payee"].value == name
    assert check_set([("npa", agreement((name, "250,000.00"))), ("note", note(name, caption=name))]) == []


def test_a_payee_read_as_one_word_or_a_suffix_alone_is_not_reported_as_no_purchasers():
    found = check_set([("npa", agreement(("Margaret Chen", "250,000.00"))), ("note", note("Chen"))])
    assert [f.code for f in found] == [], [str(f) for f in found]
    found = check_set([("npa", agreement(("Quarry Lane Fund, LLC", "250,000.00"))), ("note", note("LLC"))])
    assert [f.code for f in found] == [], [str(f) for f in found]


# ---------------------------------------------------------------- 2. capitals


@pytest.mark.parametrize("row, payee", [("MARGARET CHEN", "Margaret Chen"), ("Margaret Chen", "MARGARET CHEN")])
def test_a_name_in_capitals_in_the_schedule_or_the_note_is_its_row(row, payee):
    assert check_set([("npa", agreement((row, "250,000.00"))), ("note", note(payee))]) == []
    found = check_set([("npa", agreement((row, "250,000.00"))), ("note", note(payee, "260,000.00"))])
    assert codes(found) == [("DD410", "note")], [str(f) for f in found]


# ---------------------------------------------------------------- 3. joint holders and trustees, abbreviated


def test_joint_holders_sharing_a_surname_and_trustees_abbreviated_are_read_whole():
    assert holding("John and Mary Smith, JTWROS").holders == ("John Smith", "Mary Smith")
    hollis = holding("Martin and Ellen Hollis, as trustees of the Hollis Family Trust u/a/d May 1, 2012")
    assert hollis.holders == ("Martin Hollis", "Ellen Hollis") and hollis.trust == "Hollis Family Trust"
    for name in ("John Smith TTEE Smith Family Trust dtd 5/1/12",
                 "John Smith, TTEE of the Smith Family Trust u/a dated May 1, 2012, as amended",
                 "John Smith, as trustee of the Smith Family Trust dated May 1, 2012, or his successors in trust"):  # fmt: skip
        held = holding(name)
        assert held and held.holders == ("John Smith",) and held.trust == "Smith Family Trust", name
        assert held.date == "May 1, 2012", name
    assert holding("John Smith and Mary Smith TTEES Smith Family Trust").holders == ("John Smith", "Mary Smith")
    assert bare_name("Quarry Lane Fund, LLC or registered assigns") == "Quarry Lane Fund, LLC"
    assert bare_name("Margaret Chen, or her registered assigns") == "Margaret Chen"
    joint = "John Smith and Mary Smith, as joint tenants with right of survivorship"
    assert difference(joint, "John and Mary Smith, JTWROS") == "reworded"


def test_a_note_to_john_and_mary_smith_jtwros_is_the_joint_holders_row():
    row = "John Smith and Mary Smith, as joint tenants with right of survivorship"
    documents = [("npa", agreement((row, "250,000.00"))), ("note", note("John and Mary Smith, JTWROS"))]
    assert check_set(documents) == []
    documents[1] = ("note", note("John and Mary Smith, JTWROS", "260,000.00"))
    assert codes(check_set(documents)) == [("DD410", "note")]


# ---------------------------------------------------------------- 4. a group that holds nothing


def test_a_group_defined_together_is_no_joint_holding_unless_it_holds():
    """`(together, the "Founders")` is a group of people, not joint holders: one of them left out elsewhere is no
    holding's holder left out."""
    npa = ['AGREEMENT among Larkspur Robotics, Inc., a Delaware corporation (the "Company"), and Alice Smith and '
           'Robert Jones (together, the "Founders").']  # fmt: skip
    side = ['LETTER among Larkspur Robotics, Inc., a Delaware corporation (the "Company"), and Alice Smith and '
            'Robert Jonas (together, the "Founders").']  # fmt: skip
    assert [f.code for f in check_set([("npa", npa), ("side", side)])] == []
    held = [text.replace("Founders", "Holders") for text in side]
    found = check_set([("npa", [t.replace("Founders", "Holders") for t in npa]), ("side", held)])
    assert [f.code for f in found] == ["DD401"], [str(f) for f in found]


# ---------------------------------------------------------------- 5. other owners of a like name


@pytest.mark.parametrize("row, payee", [
    ("John Smith", "John Smith, Jr."),
    ("John Smith, Jr.", "John Smith"),
    ("Margaret Chen", "Margaret Chen, as custodian for Lily Chen under the New York UTMA"),
    ("John Smith", "John Smith (IRA)"),
    ("John Smith", "John Smith, FBO Mary Smith"),
    ("John Smith", "John Smith, as agent"),
])  # fmt: skip
def test_a_payee_who_is_another_owner_of_a_like_name_is_not_the_rows(row, payee):
    found = check_set([("npa", agreement((row, "250,000.00"))), ("note", note(payee))])
    assert codes(found) == [("DD415", "note")], [str(f) for f in found]
    assert not found[0].is_error  # a reading of a name: a warning, never blocking a build


# ---------------------------------------------------------------- 6. the signature page's caption


TRUSTEES = "Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011"


@pytest.mark.parametrize("payee, caption", [
    ("Quarry Lane Fund, LLC", "Quarry Lane Fund, LLC or registered assigns"),
    ("Tidewater Cove Opportunities Fund, Ltd.", "Tidewater Cove Opportunities Fund, Ltd., a Cayman Islands exempted company"),
    ("Margaret Chen", "Margaret Chen dated June 10, 2026"),
    ("Margaret Chen", "Margaret Chen, dated June 10, 2026"),
    (TRUSTEES, "the Calloway Family Revocable Trust u/a/d June 14, 2011"),
    (TRUSTEES, "the Calloway Family Revocable Trust"),
])  # fmt: skip
def test_a_caption_that_adds_to_the_payee_what_is_not_its_name_is_clean(payee, caption):
    assert check_set([("note", note(payee, caption=caption))]) == []


def test_a_caption_naming_another_payee_or_trust_date_is_still_found():
    for caption in ("Margaret Chan dated June 10, 2026", TRUSTEES.replace("2011", "2012"),
                    "the Calloway Family Revocable Trust u/a/d June 14, 2012"):  # fmt: skip
        payee = TRUSTEES if "Trust" in caption else "Margaret Chen"
        assert [f.code for f in check_set([("note", note(payee, caption=caption))])] == ["DD414"], caption


# ---------------------------------------------------------------- 7. apostrophes; one purchaser


def test_curly_and_straight_apostrophes_are_one_spelling():
    assert difference("Sean O'Brien", "Sean O\u2019Brien") is None
    assert difference("O'Brien Capital, LLC", "O\u2019Brien Capital, LLC") is None
    documents = [("npa", agreement(("Sean O'Brien", "250,000.00"))), ("note", note("Sean O\u2019Brien"))]
    assert check_set(documents) == []


def test_dd415_names_the_row_of_the_notes_principal_and_never_says_no_row_sells_it_beside_one():
    """A new user's trial: a note payable to "Blue Heron Venture Partners, LLC", the schedule's row "Blue Heron Ventures,
    LLC" of the note's $600,000.00, was said to be sold by "no row" of the schedule: the row of its principal is named,
    the purchaser the note may be; "no row" is said only where none is of that principal."""
    rows = (("Blue Heron Ventures, LLC", "250,000.00"), ("Walter J. Kim", "500,000.00"))
    found = check_set([("npa", agreement(*rows)), ("note", note("Heron Blue Venture Partners, LLC"))])
    assert codes(found) == [("DD415", "note")], [str(f) for f in found]
    assert found[0].message.endswith("does not list among its 2 purchasers: the row of $250,000.00, the note's principal, "
                                     "is Blue Heron Ventures, LLC (paragraph 8): if the note is that purchaser's, its "
                                     "payee is misnamed"), found[0].message
    found = check_set([("npa", agreement(*rows)), ("note", note("Heron Blue Venture Partners, LLC", "100,000.00"))])
    assert found[0].message.endswith(": no row of it sells the note's $100,000.00"), found[0].message


def test_dd415_counts_one_purchaser_in_words():
    found = check_set([("npa", agreement(("Margaret Chen", "250,000.00"))), ("note", note("Victor Chang"))])
    assert codes(found) == [("DD415", "note")] and "its one purchaser" in found[0].message, found[0].message


# ---------------------------------------------------------------- 8. the schedule read once


def test_the_schedule_is_read_once(monkeypatch):
    calls = []
    read = amounts.schedule
    monkeypatch.setattr(amounts, "schedule", lambda document: calls.append(document.name) or read(document))
    check_set([("npa", agreement(("Margaret Chen", "250,000.00"))), ("note", note("Margaret Chen"))])
    assert calls == ["npa"]


# ---------------------------------------------------------------- a build never blocked by reading its own words


def q(name: str) -> str:
    return yaml.safe_dump(name).splitlines()[0]


BUILT = {
    "bridge-example": [
        ("name: Quarry Lane Fund, LLC", "name: " + q("Quarry Lane Fund (US), LLC")),
        ("name: Harborview Capital Partners, L.P.", "name: Harborview Offshore Fund (Cayman), Ltd."),
        ("name: Margaret Chen", "name: " + q("Margaret (Peggy) O\u2019Brien <b>*Chen*</b> [x](http://e.example)")),
    ],
    "fund-example": [
        ("name: Calloway Family Revocable Trust", "name: O\u2019Calloway Family Revocable Trust"),
        ("[Ruth A. Calloway, Peter M. Calloway]", "['RUTH A. O\u2019CALLOWAY', 'Peter M. Calloway, Jr.']"),
        ("name: Samuel K. Whitaker", "name: SAMUEL K. O\u2019WHITAKER"),
        ("name: Laura J. Whitaker", "name: Laura (Laurie) Whitaker"),
        ("name: Juniper Ridge Partners II, L.P.", "name: Chen Ventures (UK) Limited"),
        ("name: Tidewater Cove Opportunities Fund, Ltd.", "name: Tidewater Cove Fund (Cayman), Ltd."),
        ("name: Alistair J. Pembroke", "name: Alistair J. Pembroke, Jr."),
    ],
}


@pytest.mark.parametrize("deal", sorted(BUILT))
def test_the_example_deals_build_with_hard_purchaser_names(deal, tmp_path):
    from dealdocs.pipeline import Builder

    text = (REPO / "deals" / f"{deal}.yaml").read_text()
    for old, new in BUILT[deal]:
        assert old in text, old
        text = text.replace(old, new)
    term_sheet = tmp_path / "deal.yaml"
    term_sheet.write_text(text)
    result = Builder(output_dir=tmp_path / "output").build(term_sheet)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    assert [str(f) for f in result.findings if f.code.startswith("DD4")] == []


def test_three_joint_holders_each_joined_by_and_are_the_three_the_schedule_names():
    """A draft from outside may write "A and B and C, as joint tenants ...": the three holders, as "A, B and C"
    elsewhere names them (it was read from the second "and" on, two holders: a false DD401)."""
    row = "Samuel K. Whitaker, Laura J. Whitaker and Thomas Whitaker, as joint tenants with right of survivorship"
    payee = "Samuel K. Whitaker and Laura J. Whitaker and Thomas Whitaker, as joint tenants with right of survivorship"
    documents = [("npa", agreement((row, "250,000.00"))), ("note", note(payee))]
    assert check_set(documents) == []
    documents[1] = ("note", note(payee.replace("Thomas", "Tomas")))
    assert "DD401" in [code for code, _ in codes(check_set(documents))]
