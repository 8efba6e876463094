"""Provenance (DD220-DD225) knows the terms of issue #17: the placement fee, the conversion discount, the agents."""

from __future__ import annotations

from docx_helpers import load_example, replace

from dealdocs.checks.provenance import DealFacts, check_party_names, check_provenance

MERIDIAN = {"name": "Meridian Capital Markets, LLC", "fee_percent": "6.5"}


def codes(paragraph: str, deal) -> list[str]:
    facts = DealFacts(deal)
    return [f.code for f in check_provenance("x.docx", [paragraph], facts) + check_party_names("x.docx", [paragraph], facts)]


def test_the_fee_its_rate_and_the_discount_are_facts_of_the_deal():
    # 6.5% of the $1,250,000.00 the two notes sell for is $81,250.00; the notes convert at a 20% discount
    deal = replace(load_example("convertible-example"), placement_agent=MERIDIAN)
    assert codes("a cash fee equal to six and one-half percent (6.5%) of the gross proceeds, "
                 "One Million Two Hundred Fifty Thousand Dollars ($1,250,000.00), being a fee of "
                 "Eighty-One Thousand Two Hundred Fifty Dollars ($81,250.00), paid to Meridian Capital Markets, LLC", deal) == []
    assert codes("reduced by twenty percent (20%) of that price, with a valuation cap of $8,000,000.00", deal) == []
    assert codes("a fee of $81,250.01", deal) == ["DD220"]
    assert codes("a fee of seven percent (7%)", deal) == ["DD221"]
    assert codes("paid to Meridian Capital markets, LLC", deal) == ["DD225"]


def test_without_those_terms_the_same_figures_are_not_facts():
    deal = load_example("convertible-example").model_copy(update={"placement_agent": None})
    assert codes("a fee of $81,250.00 (6.5%)", deal) == ["DD220", "DD221"]


def test_the_collateral_agent_is_a_party_whose_name_is_checked():
    bridge = load_example("bridge-example")
    agent = {"name": "Ledger Point Agency Services, LLC",
             "address": {"street": ["1 Agent Plaza"], "city": "Wilmington", "state": "Delaware", "postal_code": "19801"},
             "signatory": {"name": "Ruth Ames", "title": "Vice President"}}
    deal = replace(bridge, notes={**bridge.notes.model_dump(), "collateral_agent": agent})
    assert codes("LEDGER POINT AGENCY SERVICES, LLC, as collateral agent", deal) == []
    assert codes("Ledger Point Agency Services, Llc, as collateral agent", deal) == ["DD225"]


def test_a_date_written_in_a_name_is_a_date_of_the_deal(tmp_path):
    """A tester's case: a purchaser named with a date ("... dated January 5, 2010, L.P.", as trusts often are) blocked
    the build with six DD222 errors, "not a date of this deal": a date written in a party's name is one. Another date
    is still not, nor one written in another text (tests/test_deal_checks.py: a closing place's date is DD222)."""
    from docx_helpers import REPO

    from dealdocs.pipeline import Builder

    sheet = tmp_path / "dated.yaml"
    sheet.write_text((REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8").replace(
        "name: Harborview Capital Partners, L.P.", 'name: "Harborview Capital Partners dated January 5, 2010, L.P."'),
        encoding="utf-8")
    result = Builder().check(sheet, with_files=False)
    assert result.ok and not [f for f in result.findings if f.code == "DD222"], [str(f) for f in result.findings]
    assert any("dated January 5, 2010" in text for d in result.documents for text in d.paragraphs)
    deal = result.deal
    assert codes("payable to Harborview Capital Partners dated January 5, 2010, L.P.", deal) == []
    assert codes("dated as of January 6, 2010", deal) == ["DD222"]


def test_a_date_in_the_name_of_an_entity_a_purchaser_signs_through_is_a_date_of_the_deal(tmp_path):
    """A reviewer's case: the fund signs through its general partner, "Harborview GP Trust dated May 2, 2019": four
    DD222 errors after dates counted only in the parties' own names. A date in a disbursement's purpose is still
    checked (the closing place's, in tests/test_deal_checks.py)."""
    import yaml
    from docx_helpers import REPO

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8"))
    data["purchasers"][0]["signs_through"]["name"] = "Harborview GP Trust dated May 2, 2019"
    sheet = tmp_path / "chain.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = Builder().check(sheet, with_files=False)
    assert not [f for f in result.findings if f.code == "DD222"], [str(f) for f in result.findings if f.code == "DD222"]
    assert codes("by Harborview GP Trust dated May 2, 2019, its general partner", result.deal) == []
    assert codes("an engagement letter dated May 3, 2019", result.deal) == ["DD222"]


def test_a_statute_named_for_a_kind_of_firm_is_no_firm_left_from_another_deal():
    """Citing Section 151(f) of "the General Corporation Law of the State of Delaware" read as a firm named
    "General Corporation" that the term sheet does not have (DD223); a firm of that name is still one."""
    deal = load_example("convertible-example")
    assert codes("the notice Section 151(f) of the General Corporation Law of the State of Delaware requires", deal) == []
    assert codes("under the Delaware Limited Liability Company Act and the Texas Business Organizations Code", deal) == []
    assert codes("a loan from Northgate General Corporation, a lender", deal) == ["DD223"]


def test_a_date_written_without_its_comma_or_its_ordinal_is_a_date_the_deal_must_have():
    """A code review (session 57): provenance read a date only as "May 18, 2005" or "the 18th day of May, 2005",
    while the set checks also read "May 18 2005" and "this 18 day of May, 2005": a stale date written so in a firm's
    template escaped DD222. It reads a date as the set checks do; a blank day is no date."""
    deal = load_example("bridge-example")
    assert codes("dated as of March 2, 2026", deal) == []
    assert codes("dated as of May 18 2005", deal) == ["DD222"]
    assert codes("made this 18 day of May, 2005", deal) == ["DD222"]
    assert codes("dated as of March ___, 2026", deal) == []
