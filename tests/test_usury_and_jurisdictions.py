"""Governing law by name or postal code, and the usury table (checks.usury) applied to real term sheets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from dealdocs.checks.usury import effective_rate, maker_kind
from dealdocs.pipeline import Builder
from dealdocs.lexicon import PLACE_NAMES
from dealdocs.spelling import slips
from dealdocs.termsheet.jurisdictions import _OTHERS, _STATES, is_united_states, jurisdiction

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("typed, styled, kind", [
    ("New York", "the State of New York", "state"),
    ("NY", "the State of New York", "state"),
    ("ny", "the State of New York", "state"),
    ("State of New York", "the State of New York", "state"),
    ("MA", "the Commonwealth of Massachusetts", "state"),
    ("Pennsylvania", "the Commonwealth of Pennsylvania", "state"),
    ("KY", "the Commonwealth of Kentucky", "state"),
    ("Virginia", "the Commonwealth of Virginia", "state"),
    ("DC", "the District of Columbia", "district"),
    ("D.C.", "the District of Columbia", "district"),
    ("District of Columbia", "the District of Columbia", "district"),
    ("PR", "the Commonwealth of Puerto Rico", "territory"),
    ("Northern Mariana Islands", "the Commonwealth of the Northern Mariana Islands", "territory"),
    ("GU", "Guam", "territory"),
    ("VI", "the United States Virgin Islands", "territory"),
    ("American Samoa", "American Samoa", "territory"),
    ("England and Wales", "England and Wales", "foreign"),
    ("the Cayman Islands", "the Cayman Islands", "foreign"),
    ("Washington D.C.", "the District of Columbia", "district"),
    ("Washington, D.C.", "the District of Columbia", "district"),
    ("Commonwealth of the Northern Mariana Islands", "the Commonwealth of the Northern Mariana Islands", "territory"),
])
def test_a_jurisdiction_is_written_in_full_with_its_style(typed, styled, kind):
    found = jurisdiction(typed)
    assert (found.styled, found.kind) == (styled, kind)


def test_two_capitals_that_are_no_postal_code_look_like_a_typo():
    assert jurisdiction("NX").looks_like_a_code
    assert not jurisdiction("NY").looks_like_a_code and not jurisdiction("England and Wales").looks_like_a_code


US_NAMES = [*_STATES.values(), *(name for _, name, *_ in _OTHERS)]
"""Every US jurisdiction dealdocs recognises: the 50 states, the District and the five territories."""

ABROAD = [
    # as the example deals and the tests write them
    "Cayman Islands", "the Cayman Islands", "England and Wales", "England", "Grand Cayman", "United Kingdom",
    # Canada's provinces and territories; Australia's states and territories
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland and Labrador", "Nova Scotia", "Ontario",
    "Prince Edward Island", "Quebec", "Saskatchewan", "Northwest Territories", "Nunavut", "Yukon", "New South Wales",
    "Queensland", "South Australia", "Tasmania", "Victoria", "Western Australia", "Northern Territory",
    "Australian Capital Territory",
    # the United Kingdom's nations, the Crown dependencies and the offshore centres financings name
    "Scotland", "Wales", "Northern Ireland", "Jersey", "Guernsey", "Isle of Man", "Gibraltar", "Bermuda",
    "British Virgin Islands", "Virgin Islands", "BVI", "Anguilla", "Turks and Caicos Islands", "Bahamas",
    "Marshall Islands", "Labuan", "Mauritius", "Seychelles", "Liechtenstein", "Samoa",
    # countries, the nearest a US name first
    "India", "Mexico", "Georgia", "Ireland", "Republic of Ireland", "Canada", "Indonesia", "Iran", "Oman", "Malta",
    "Mali", "Monaco", "Montenegro", "Panama", "Peru", "Chile", "Colombia", "Jamaica", "Netherlands", "Luxembourg",
    "Delaware Nation",
]

ABROAD_KEYS = {name.casefold() for name in ABROAD}


def _typos(name: str, slips: int) -> set[str]:
    """`name` with a letter left out, swapped with the next, doubled or replaced by a vowel, once or `slips` times."""
    def once(word: str) -> set[str]:
        found = set()
        for i, letter in enumerate(word):
            vowel = "e" if letter.lower() != "e" else "a"
            found |= {word[:i] + word[i + 1:], word[:i] + letter + word[i:], word[:i] + vowel + word[i + 1:]}
            if i + 1 < len(word):
                found.add(word[:i] + word[i + 1] + letter + word[i + 2:])
        return found - {word}
    typos = once(name)
    for _ in range(slips - 1):
        typos = {twice for typo in sorted(typos)[::7] for twice in once(typo)}  # every seventh: a sample, the same each run
    return typos


@pytest.mark.parametrize("name", [*US_NAMES, *_STATES, *(s for *_, others in _OTHERS for s in others), *ABROAD,
                                  *(n for _, _, n, *_ in _OTHERS), *sorted(PLACE_NAMES - {"Indian"})])
def test_no_jurisdiction_dealdocs_knows_is_a_slip(name):
    """Every US name, postal code and other spelling, and the jurisdictions abroad term sheets name (with the places
    of the lexicon; 'Indian', a people, is a slip for Indiana): none is taken for a typo, in any case."""
    for written in (name, name.upper(), name.lower()):
        assert jurisdiction(written).slip_for == (), written


@pytest.mark.parametrize("name", US_NAMES)
def test_every_one_letter_slip_in_a_us_name_is_caught_and_names_it(name):
    """A letter left out, doubled, swapped or replaced, in any case: a typo that names the jurisdiction meant."""
    for typo in _typos(name, 1):
        found = jurisdiction(typo)
        if found.kind != "foreign" or found.looks_like_a_code:
            continue  # another spelling of one ("Washington DC"), or two capitals: DD127's other half
        assert name in [meant.name for meant in found.slip_for], typo


@pytest.mark.parametrize("name", [name for name in US_NAMES if len(name) >= 8])
def test_two_slips_in_a_name_of_eight_letters_or_more_are_caught(name):
    """'Massachussets', 'Pensilvania': two slips in a longer name; one in a shorter ('Iwoa'), as `spelling` counts."""
    typos = _typos(name, 2)
    assert len(typos) > 20
    for typo in typos:
        found = jurisdiction(typo)
        if found.kind != "foreign" or found.looks_like_a_code or slips(typo.casefold(), name.casefold(), 2) > 2:
            continue  # a period or space left out or doubled counts once in the name and once more in a key
        if " ".join(typo.replace(".", " ").split()).casefold() in ABROAD_KEYS:
            continue  # "U.S. Virgin Islands" without its U and S: the Virgin Islands, as typed
        meant = [meant.name for meant in found.slip_for]
        nearer = meant and slips(typo.casefold(), meant[0].casefold(), 2) < slips(typo.casefold(), name.casefold(), 2)
        assert name in meant or nearer, (typo, meant)  # 'ekansas': a slip from Kansas before two from Arkansas


@pytest.mark.parametrize("typo, meant", [
    ("Massachusets", "Massachusetts"), ("Masachusetts", "Massachusetts"), ("Massachussets", "Massachusetts"),
    ("Deleware", "Delaware"), ("Conneticut", "Connecticut"), ("Pennsylvannia", "Pennsylvania"),
    ("Pensilvania", "Pennsylvania"), ("Tennesee", "Tennessee"), ("Missisippi", "Mississippi"),
    ("Louisianna", "Louisiana"), ("Califronia", "California"), ("Wisconson", "Wisconsin"), ("Illinios", "Illinois"),
    ("Flordia", "Florida"), ("Hawai", "Hawaii"), ("Virgina", "Virginia"), ("West Virgina", "West Virginia"),
    ("New Yrok", "New York"), ("Rhode Isand", "Rhode Island"), ("Iwoa", "Iowa"), ("Utha", "Utah"),
    ("Puerto Rica", "Puerto Rico"), ("Distict of Columbia", "District of Columbia"), ("State of Deleware", "Delaware"),
    ("the Commonwealth of Massachusets", "Massachusetts"), ("NEW JERSY", "New Jersey"), ("Gaum", "Guam"),
])
def test_slips_people_make(typo, meant):
    assert [found.name for found in jurisdiction(typo).slip_for] == [meant]


@pytest.mark.parametrize("country, us", [(None, True), ("USA", True), ("United States", True), ("U.S.A.", True),
                                         ("Cayman Islands", False), ("United Kingdom", False)])
def test_united_states_addresses(country, us):
    assert is_united_states(country) is us


@pytest.mark.parametrize("entity_type, kind", [
    ("corporation", "corporation"), ("public benefit corporation", "corporation"),
    ("limited liability company", "llc"), ("LLC", "llc"), ("limited partnership", "limited_partnership"),
    ("general partnership", "general_partnership"), ("exempted company", "corporation"), ("cooperative", None),
])
def test_maker_kind(entity_type, kind):
    assert maker_kind(entity_type) == kind


def test_effective_rate_by_hand():
    # $1,000,000 paid for a $1,020,000 note at 12% for exactly one year: 12% x 1.02 = 12.24%, plus the 2% discount.
    assert effective_rate(Decimal(12), "actual/365", Decimal(1_000_000), Decimal(1_020_000), date(2026, 3, 4),
                          date(2027, 3, 4)) == Decimal("14.24")
    # 24.75% on a 360-day year is above 25% a year: 24.75 x 365 / 360 = 25.09
    assert effective_rate(Decimal("24.75"), "actual/360", Decimal(100), Decimal(100), date(2026, 1, 1),
                          date(2027, 1, 1)) == Decimal("25.09")


def findings_for(tmp_path, changes: dict, base: str = "bridge-example.yaml"):
    data = yaml.safe_load((REPO / "deals" / base).read_text())
    for dotted, value in changes.items():
        node = data
        parts = [int(p) if p.isdigit() else p for p in dotted.split(".")]
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = value
    path = tmp_path / "deal.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return Builder().load(path).findings


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def test_no_civil_usury_for_a_corporate_maker_in_new_york(tmp_path):
    """GOL § 5-521(1): a corporation cannot plead civil usury; 18% is under the 25% criminal rate."""
    assert codes(findings_for(tmp_path, {"notes.interest_rate": 18})) == []


def test_no_civil_usury_for_a_note_of_250000_or_more_in_new_york(tmp_path):
    """A partnership maker may plead civil usury, but not on a note of $250,000 or more (GOL § 5-501(6)(a))."""
    partnership = {"company.entity_type": "limited partnership", "company.name": "Northwind Analytics, L.P."}
    found = findings_for(tmp_path, {"notes.interest_rate": 18, **partnership})
    assert codes(found) == []  # the bridge's smallest note is Chen's, $250,000.00
    found = findings_for(tmp_path, {"notes.interest_rate": 18, **partnership,
                                    "purchasers.2.principal": "249,999.99", "purchasers.2.subscription": "249,999.99",
                                    "escrow.aggregate_subscription": "1,999,999.99"})
    # the placement agent's 8% of $1,999,999.99 is $159,999.9992, paid as $160,000.00: a fraction of a cent (DD185)
    [finding] = [f for f in found if f.code != "DD185"]
    assert (finding.code, finding.location.key) == ("DD118", "notes.interest_rate")
    assert finding.message.startswith("the note of Margaret Chen yields 18.00% a year, above New York's civil usury rate of 16%")


def test_criminal_usury_reaches_corporations_below_2500000_only(tmp_path):
    found = findings_for(tmp_path, {"notes.interest_rate": 26})
    assert [(f.code, f.location.key) for f in found] == [("DD117", "notes.interest_rate")]
    assert found[0].message.startswith("the notes yield 26.00% a year, above New York's criminal usury rate of 25% "
                                       "(N.Y. Penal Law § 190.40)")
    big = {"notes.interest_rate": 26, "purchasers.0.principal": "2,500,000.00",
           "purchasers.0.subscription": "2,500,000.00", "escrow.aggregate_subscription": "3,500,000.00",
           "escrow.disbursements.2.amount": "280,000.00"}  # the placement agent's 8% of $3,500,000.00
    [finding] = findings_for(tmp_path, big)
    assert finding.message.startswith("the notes of Quarry Lane Fund, LLC and Margaret Chen yield 26.00% a year")


def test_a_360_day_year_counts(tmp_path):
    """24.75% on a 360-day year is 25.09% a year: above New York's criminal rate."""
    found = findings_for(tmp_path, {"notes.interest_rate": "24.75", "notes.day_count": "actual/360"})
    assert codes(found) == ["DD117"]
    assert "25.09% a year (the 24.75% coupon on a 360-day year)" in found[0].message


@pytest.mark.parametrize("law, rate, expected", [
    ("TX", 18, []), ("Texas", 19, ["DD108"]), ("Texas", 28, ["DD108"]), ("Texas", 29, ["DD118"]),
    ("California", 10, []), ("CA", 12, ["DD108"]),
    ("Delaware", 30, []),  # every bridge note is above $100,000 (6 Del. C. § 2301(c))
    ("Florida", 20, ["DD118"]),  # Chen's $250,000 note (Harborview's $1,000,000 and Quarry Lane's $750,000 are exempt)
    ("Florida", 26, ["DD117", "DD118"]),
    ("Illinois", 30, []),  # any rate for a loan to a corporation (815 ILCS 205/4(1)(a))
    ("Nevada", 40, []),
    ("Connecticut", 12, ["DD108"]),  # not in the table
    ("Guam", 12, ["DD108"]),
])
def test_usury_by_jurisdiction(tmp_path, law, rate, expected):
    assert codes(findings_for(tmp_path, {"governing_law": law, "notes.interest_rate": rate})) == expected


@pytest.mark.parametrize("maker, expected", [
    ({}, []),  # a corporation may not plead usury in Delaware (6 Del. C. § 2306): a new user's trial warned
    ({"company.entity_type": "limited liability company", "company.name": "Northwind Analytics, LLC"}, []),
    ({"company.entity_type": "limited partnership", "company.name": "Northwind Analytics, L.P."}, ["DD108"]),
])
def test_delaware_usury_reaches_only_a_maker_that_may_plead_it(tmp_path, maker, expected):
    """Chen's note of $100,000 is not above § 2301(c)'s $100,000: at 8% it may be above § 2301(a)'s floating limit,
    which only a maker that may plead usury can use."""
    small = {"purchasers.2.principal": "100,000.00", "purchasers.2.subscription": "100,000.00",
             "escrow.aggregate_subscription": "1,850,000.00", "escrow.disbursements.2.amount": "148,000.00"}
    found = findings_for(tmp_path, {"governing_law": "Delaware", "notes.interest_rate": 8, **small, **maker})
    assert codes(found) == expected
    if expected:
        assert found[0].message.startswith("the note of Margaret Chen yields 8.00% a year, which may be usurious "
                                           "under Delaware law")


def test_an_unknown_maker_is_not_guessed(tmp_path):
    found = findings_for(tmp_path, {"company.entity_type": "cooperative"})
    # the bridge's notes are secured: a cooperative is no registered organization, so the UCC-1 goes elsewhere
    assert [(f.code, f.location.key) for f in found if f.code == "DD173"] == [("DD173", "company.entity_type")]
    [finding] = [f for f in found if f.code != "DD173"]
    assert (finding.code, finding.location.key) == ("DD108", "company.entity_type")
    assert "a maker that is a cooperative" in finding.message
