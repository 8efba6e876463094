"""The deliverables of a Regulation D closing: which a deal calls for, who is responsible, and when each is due.

Due dates are computed here by hand from the calendar (weekdays and federal
holidays named in each test), never read back from the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from dealdocs.closing.deliverables import blue_sky_states, deliverables_for
from dealdocs.closing.filings import form_d_due
from dealdocs.words import long_date
from docx_helpers import REPO, load_example, replace, with_purchasers


def by_name(deal) -> dict:
    return {d.name: d for d in deliverables_for(deal)}


def test_the_bridge_example_calls_for_a_full_regulation_d_closing():
    found = by_name(load_example("bridge-example"))
    assert list(found) == [
        "board-consent", "stockholder-consent", "secretarys-certificate", "officers-certificate", "note-register",
        "bad-actor-questionnaires", "rule-15c2-4", "good-standing", "release-instructions",
        "lien-searches", "existing-liens", "ucc-1", "control-agreements",
        "investor-questionnaire-harborview", "investor-questionnaire-quarry-lane", "investor-questionnaire-chen",
        "authority-harborview", "authority-quarry-lane",  # Margaret Chen signs for herself
        "wire-callback",
        "tax-form-harborview", "tax-form-quarry-lane", "tax-form-chen",
        "form-d", "blue-sky-connecticut", "blue-sky-new-york", "form-8-k", "finra-5123",
    ]
    assert all(d.responsible for d in found.values())
    # due at closing, March 4, 2026; approvals before the agreements of March 2, 2026
    assert found["officers-certificate"].due.day == found["ucc-1"].due.day == date(2026, 3, 4)
    assert found["board-consent"].due.day == date(2026, 3, 2)
    assert "Delaware Secretary of State" in found["good-standing"].title
    # each note is a registered obligation, one original (a partner's read: no checklist row kept the register)
    assert found["note-register"].title == (
        "Register of the Notes: each Note entered in Northwind Analytics, Inc.'s register in the name and at the "
        "address of its Purchaser, and the signed original delivered to its Purchaser at the Closing, on the release "
        "of the escrowed funds")  # a partner's read: "once its purchase price is received", days before, by the agent
    assert found["note-register"].due.day == date(2026, 3, 4)
    # a partner's read: the 506(d) representation needs its diligence; a fund's authority, its evidence; a later
    # read: every covered person of Rule 506(d)(1), not only directors, executive officers and 20% holders
    assert found["bad-actor-questionnaires"].title.startswith(
        "Rule 506(d) bad actor questionnaires from each director, executive officer, other officer taking part in the "
        "offering, general partner or managing member, 20% beneficial owner and promoter of "
        "Northwind Analytics, Inc., and from Meridian Capital Markets, LLC and each of its covered persons")
    assert found["bad-actor-questionnaires"].due.day == date(2026, 3, 2)
    # a broker-dealer's contingent offering escrowed with a law firm: Rule 15c2-4 wants a bank (a partner's read)
    assert found["rule-15c2-4"].title.startswith("Written confirmation from the placement agent that the escrow meets "
                                                  "Exchange Act Rule 15c2-4.")
    assert "Whitfield & Crane LLP, a law firm, is neither" in found["rule-15c2-4"].title
    # two partners' reads: the test stated exactly (a broker-dealer that accepts any part of the price), and the
    # escrow agent that is also the placement agent's counsel (the bridge's) said not to be independent of it
    assert ("so the escrow can serve only if the placement agent never accepts any purchaser's funds (each purchaser "
            "wires straight to the escrow account, as Section 1.3 of the Escrow Agreement requires); Whitfield & Crane LLP has also acted as the placement agent's "
            "counsel, so it is not independent of the broker-dealer: have counsel other than Whitfield & Crane LLP "
            "confirm, before the purchasers wire, that the arrangement meets the rule.") in found["rule-15c2-4"].title
    assert found["rule-15c2-4"].title.endswith("meets the rule.")  # a partner's read: its last sentence had no stop
    # the closing certificates go to the escrow agent before the closing (the agreement's 3.4), not "at closing"
    # (3.5(c): the originals to each purchaser; 3.4: copies to the escrow agent)
    assert found["officers-certificate"].due.text == ("Before closing, to each purchaser, with copies to Whitfield & "
                                                      "Crane LLP, as escrow agent (March 4, 2026)")
    assert found["good-standing"].due.text == found["officers-certificate"].due.text
    assert found["officers-certificate"].title == (
        "Officer's certificate: the company's representations are true and its covenants performed (the conditions "
        "in Section 3.5(a) and (b) of the Note Purchase Agreement), on the day its copy is delivered to the escrow "
        "agent, the date it bears")
    assert found["authority-harborview"].title == (
        "Evidence of the authority of Harborview Capital Partners, L.P.: the consent of its general partner to the "
        "purchase; the authority of Harborview Capital GP, LLC, as general partner of Harborview Capital Partners, "
        "L.P.; and the incumbency of Elena Marsh, who signs for it")

    assert "Daniel Osei, Secretary" in found["secretarys-certificate"].responsible
    assert "Priya Raman, Chief Executive Officer" in found["secretarys-certificate"].title  # whose incumbency
    # and the officer who attests the notes, whose incumbency the certificate's own signer cannot certify
    assert found["secretarys-certificate"].title.endswith(
        "the incumbency and specimen signatures of Priya Raman, Chief Executive Officer, and Daniel Osei, Secretary, "
        "who attests the notes (Priya Raman certifying Daniel Osei's own)")
    assert found["stockholder-consent"].if_needed and "DGCL § 272" in found["stockholder-consent"].if_needed
    assert all(d.if_needed is None for name, d in found.items()
               if name not in ("stockholder-consent", "form-8-k", "finra-5123"))


def test_form_d_is_due_march_17_2026_for_the_bridge_example():
    form_d = by_name(load_example("bridge-example"))["form-d"]
    # the purchasers are committed when they sign the note purchase agreement, Monday March 2, 2026 (the closing,
    # March 4, is later): + 15 calendar days = Tuesday March 17, 2026, a business day
    assert form_d.due.day == date(2026, 3, 17)
    assert form_d.due.text.startswith("March 17, 2026: 15 calendar days after the first sale (the purchasers' signing "
                                      "of the Note Purchase Agreement, March 2, 2026)")
    assert form_d.title.endswith("filed with the SEC on EDGAR")
    assert form_d.responsible.startswith("Company counsel")
    assert "irrevocably committed" in form_d.note


@pytest.mark.parametrize("first_sale, due, why", [
    (date(2026, 3, 4), date(2026, 3, 19), None),  # a Thursday
    (date(2026, 3, 6), date(2026, 3, 23), "the 15th day, March 21, 2026, is a Saturday"),
    (date(2026, 3, 7), date(2026, 3, 23), "the 15th day, March 22, 2026, is a Sunday"),
    (date(2026, 5, 10), date(2026, 5, 26), "the 15th day, May 25, 2026, is Memorial Day"),  # last Monday of May
    (date(2026, 1, 4), date(2026, 1, 20), "the 15th day, January 19, 2026, is Martin Luther King Jr. Day"),
    (date(2026, 12, 10), date(2026, 12, 28), "the 15th day, December 25, 2026, is Christmas Day"),  # a Friday
    (date(2027, 6, 4), date(2027, 6, 21), "the 15th day, June 19, 2027, is a Saturday"),  # Juneteenth observed on the 18th
])
def test_form_d_moves_a_weekend_or_holiday_to_the_next_business_day(first_sale, due, why):
    assert form_d_due(first_sale) == (due, why)


def test_a_form_d_moved_says_why_in_the_checklist():
    deal = load_example("bridge-example")
    notes = replace(deal.notes, agreement_date="2026-03-06")  # the purchasers sign on Friday, March 6
    form_d = by_name(replace(deal, notes=notes.model_dump()))["form-d"]
    assert form_d.due.day == date(2026, 3, 23)
    assert "the 15th day, March 21, 2026, is a Saturday, so Rule 503(a)(1) makes it the next business day" in form_d.due.text


def test_blue_sky_filings_for_new_york_and_connecticut_in_the_bridge_example():
    deal = load_example("bridge-example")
    states = blue_sky_states(deal)
    assert [(s.state.name, s.purchasers, s.from_office) for s in states] == [
        ("Connecticut", ("Quarry Lane Fund, LLC",), False),
        ("New York", ("Harborview Capital Partners, L.P.", "Margaret Chen"), True),  # and the company's office
    ]
    found = by_name(deal)
    for name in ("blue-sky-new-york", "blue-sky-connecticut"):
        assert found[name].due.day == date(2026, 3, 17) and found[name].due.verified
    assert "13 NYCRR Part 10" in found["blue-sky-new-york"].due.text
    assert "Conn. Gen. Stat. § 36b-21(e)" in found["blue-sky-connecticut"].due.text


def test_a_state_whose_rule_is_not_verified_is_marked_so(load_example):
    deal = load_example("bridge-example")
    texan = replace(deal.purchasers[2], address={**deal.purchasers[2].address.model_dump(), "city": "Austin",
                                                  "state": "TX", "postal_code": "78701"})
    found = by_name(with_purchasers(deal, [deal.purchasers[0], deal.purchasers[1], texan]))
    assert "blue-sky-texas" in found and found["blue-sky-texas"].due.day == date(2026, 3, 17)
    assert not found["blue-sky-texas"].due.verified and "not verified" in found["blue-sky-texas"].due.text
    assert "purchasers residing there: Margaret Chen" in found["blue-sky-texas"].title


def test_new_jerseys_rule_is_verified_for_a_sale_from_2024_not_before(load_example):
    """A partner's read of the fund example: its New Jersey row said "[unverified]"; N.J.A.C. 13:47A-7.10(b), read as
    in force in 2024, asks for the notice within 15 days after the first sale in the state. A 2005 sale there stays
    unverified (the rule was not read as it then stood)."""
    deal = load_example("fund-example")
    [jersey] = [d for d in deliverables_for(deal) if d.name == "blue-sky-new-jersey"]
    assert jersey.due.verified and "N.J.A.C. 13:47A-7.10(b)" in jersey.due.text, jersey.due
    assert "15 days after the first sale in the state" in jersey.due.text
    earlier = deal.model_copy(update={"notes": deal.notes.model_copy(update={"agreement_date": date(2005, 5, 18)})})
    [jersey] = [d for d in deliverables_for(earlier) if d.name == "blue-sky-new-jersey"]
    assert not jersey.due.verified and "not verified" in jersey.due.text


def test_accreditation_and_authority_evidence_is_due_before_the_purchasers_sign():
    """A partner's read of the fund example (signed June 8, 2026, closing June 10): the investor questionnaires, the
    trust's certification and the funds' authority were due "Before closing (June 10, 2026)", while the checklist's own
    Form D note puts the sale at the signing. Rule 506(b) wants the company to believe each buyer accredited when it
    buys, and a signature relied on needs its authority then: both are due before the agreements are signed."""
    found = by_name(load_example("fund-example"))
    evidence = {name: d for name, d in found.items() if name.startswith(("investor-questionnaire-", "authority-"))}
    assert len(evidence) >= 6 and {"authority-calloway-trust", "authority-juniper-ridge"} <= set(evidence)
    for name, deliverable in evidence.items():
        assert (deliverable.due.day, deliverable.due.text) == (
            date(2026, 6, 8), "Before the agreements are signed (June 8, 2026)"), name
    assert found["tax-form-pembroke"].due.day == date(2026, 6, 10)  # the payer's form: before the closing, as it was


def test_a_purchaser_in_america_or_the_usa_is_in_the_united_states_for_the_blue_sky_filings(load_example):
    """The checklist read an address's country with a list of its own: "America" or "U.S.A." was abroad there (no
    state filing listed) and at home for the term sheet's checks; now one list (`termsheet.jurisdictions`), and one
    table of states: a purchaser in Saipan is in the Northern Mariana Islands, a US territory."""
    deal = load_example("bridge-example")
    chen = deal.purchasers[2]
    for country in ("America", "U.S.A.", "United States of America"):
        moved = replace(chen, address={**chen.address.model_dump(), "city": "Austin", "state": "Texas",
                                       "postal_code": "78701", "country": country})
        found = by_name(with_purchasers(deal, [deal.purchasers[0], deal.purchasers[1], moved]))
        assert "purchasers residing there: Margaret Chen" in found["blue-sky-texas"].title, country
    for written in ("N.Y.", "n.y.", "N. Y.", "NY"):  # a reviewer's case: "N.Y." read as abroad after one list
        dotted = replace(chen, address={**chen.address.model_dump(), "state": written})
        states = blue_sky_states(with_purchasers(deal, [deal.purchasers[0], deal.purchasers[1], dotted]))
        assert ("New York", ("Harborview Capital Partners, L.P.", "Margaret Chen")) in [
            (s.state.name, s.purchasers) for s in states], written
    saipan = replace(chen, address={**chen.address.model_dump(), "city": "Saipan", "state": "MP", "postal_code": "96950"})
    states = blue_sky_states(with_purchasers(deal, [deal.purchasers[0], deal.purchasers[1], saipan]))
    assert ("Northern Mariana Islands", ("Margaret Chen",)) in [(s.state.name, s.purchasers) for s in states]


def test_the_2005_deal_files_new_yorks_form_99_before_its_first_offer_there():
    """New York's 15-day Form D filing dates from December 2, 2020; before it, an issuer registered as a dealer in its
    own securities on Form 99 before its first offer or sale in or from New York (General Business Law § 359-e, 13
    NYCRR Part 10 as it then stood). A partner's read: the 2005 deal's row said 15 days after the sale, unverified."""
    new_york = by_name(load_example("roo-2005-note"))["blue-sky-new-york"]
    assert new_york.title.startswith("Blue-sky filing, New York: Form 99, ROO Group, Inc.'s registration as a "
                                     "dealer in its own securities (General Business Law § 359-e)")
    assert new_york.group == "Filings before the offer"  # a reviewer's read: it was listed as a filing after closing
    assert new_york.due.day == date(2005, 5, 18) and new_york.due.verified
    assert new_york.due.text == ("Before the first offer in or from New York, and in any case before the first sale "
                                 "there (the purchaser's signing of the Note Purchase Agreement, May 18, 2005); "
                                 "General Business Law § 359-e and 13 NYCRR Part 10 as they stood before December 2, "
                                 "2020")  # one purchaser: "the purchaser's"
    later = by_name(load_example("bridge-example"))["blue-sky-new-york"]  # a 2026 sale: Form D, 15 days after
    assert "Form D, fee and consent" in later.title and later.due.day == date(2026, 3, 17)
    assert later.group == "Filings after the signing"


def test_non_us_purchasers_give_a_w8_and_need_no_state_filing():
    deal = load_example("roo-2005-escrow")
    found = by_name(deal)
    # 2005: Form W-8BEN-E dates from 2014 (FATCA); an entity then gave Form W-8BEN (a partner's read)
    assert found["tax-form-birchwood-opportunity-fund-ltd"].title.startswith("Form W-8BEN of Birchwood Opportunity Fund, Ltd.")
    assert found["tax-form-alder-street-capital-partners-l-p"].title.startswith("Form W-9 of")
    assert [s.state.name for s in blue_sky_states(deal)] == ["New York"]  # the Cayman fund adds none
    individual = replace(deal.purchasers[1], kind="individual", name="Ana Ruiz", entity_type=None,
                         state_of_organization=None, signatory=None)
    found = by_name(with_purchasers(deal, [deal.purchasers[0], individual, deal.purchasers[2]]))
    assert found["tax-form-ana-ruiz"].title.startswith("Form W-8BEN of Ana Ruiz (an individual")


def test_collateral_items_only_when_the_notes_are_secured():
    deal = load_example("bridge-example")
    unsecured = replace(deal, notes=replace(deal.notes, secured=False).model_dump())
    assert {"lien-searches", "ucc-1"} <= set(by_name(deal))
    assert not {"lien-searches", "ucc-1"} & set(by_name(unsecured))
    assert "security interest" not in by_name(unsecured)["board-consent"].title
    assert not {"lien-searches", "ucc-1"} & set(by_name(load_example("roo-2005-escrow")))


def test_without_a_closing_date_the_due_dates_say_so():
    found = by_name(load_example("roo-2005-escrow"))  # an escrow without a release date
    officers = found["officers-certificate"].due
    assert officers.day is None and officers.text.endswith("(date not yet set)")  # a partner: no tool words in a checklist
    assert "the Common Stock Purchase Agreement" in found["board-consent"].title


def test_a_company_in_connecticut_files_there_for_sales_made_from_it():
    deal = load_example("roo-2005-note")
    office = {**deal.company.address.model_dump(), "city": "Stamford", "state": "CT", "postal_code": "06901"}
    moved = replace(deal, company=replace(deal.company, address=office).model_dump())
    [connecticut] = [s for s in blue_sky_states(moved) if s.state.code == "CT"]
    assert connecticut.purchasers == () and connecticut.from_office


def test_an_escrow_only_deal_counts_from_its_purchase_agreement_and_files_as_2005_could():
    """The 2005 escrow deal builds no purchase agreement, but the term sheet dates the one the escrow serves
    (October 20, 2005): Form D is due November 4, 2005, filed on paper (EDGAR took Form D from 2009), and the
    state notices go to the states (NASAA's depository opened in 2014)."""
    found = by_name(load_example("roo-2005-escrow"))
    form_d = found["form-d"]
    assert form_d.due.day == date(2005, 11, 4)  # a Friday
    assert "(the purchasers' signing of the Common Stock Purchase Agreement, October 20, 2005)" in form_d.due.text
    assert form_d.title.endswith("filed with the SEC on paper (EDGAR filing began in 2009)")
    blue_sky = [d for name, d in found.items() if name.startswith("blue-sky-")]
    assert blue_sky and all(d.responsible == "Company counsel (files it with the state)" for d in blue_sky)


def test_a_wire_call_back_before_anyone_wires_into_escrow():
    """Changed wire details are the classic closing fraud (DD150/DD151): the checklist has the call-back as a step."""
    callback = by_name(load_example("bridge-example"))["wire-callback"]
    assert callback.title.startswith("Wire instructions of Whitfield & Crane LLP (account ")
    assert "telephone by company counsel, on a number known before, never one given with the instructions" in callback.title
    assert callback.due.day == date(2026, 3, 4) and callback.due.text.startswith("Before closing")
    # a partner's read: `confirm-wire` marked "each purchaser's" call-back done; it records counsel's own call, which
    # the row is now, each purchaser's cover asking it to call as well
    # a partner's read: the client's checklist said "records it: dealdocs confirm-wire", the tool's command
    assert callback.responsible.endswith("(confirms them and records whom it called and when)")
    assert "dealdocs" not in callback.responsible and "each purchaser" not in callback.responsible
    assert callback.title.endswith("(each purchaser's cover asks it to do the same before wiring)")
    assert "wire-callback" not in by_name(load_example("roo-2005-note"))  # no escrow: the company's own account


def test_every_wire_out_of_escrow_or_to_the_company_rests_on_written_instructions_confirmed_by_telephone():
    """A partner's read: the escrow agent wires at release "per the written instructions of the Company" and each
    fee to its payee, confirming each by telephone (the escrow agreement's 1.5 and 1.6), and without an escrow the
    purchasers wire to the account the company designates in a signed writing, confirmed by telephone (the purchase
    agreement's 3.3); the checklist had neither step. The amounts are the term sheet's: $2,000,000.00 subscribed, less
    $27,480.25 ($15,000.00 + $12,480.25) and the placement agent's $160,000.00."""
    release = by_name(load_example("bridge-example"))["release-instructions"]
    # the company instructs every wire, the placement agent its own fee only (the escrow agreement's 1.5; a review:
    # "each given by its payee" contradicted it), and a law firm confirms each by telephone (1.6); the net proceeds
    # of secured notes only to the account under the control agreement (1.6; a partner's read: "to the Company")
    assert release.title == (
        "Written instructions of Northwind Analytics, Inc. (and, for its own fee only, of Meridian Capital Markets, "
        "LLC) to Whitfield & Crane LLP, as escrow agent, for each wire at release (the net proceeds of $1,812,519.75 "
        "to Northwind Analytics, Inc. (to its deposit account under the control agreement); $12,480.25 to Lowell & "
        "Park LLP; $160,000.00 to Meridian Capital Markets, "
        "LLC; the escrow agent keeping its own fee of $15,000.00), each confirmed by the escrow agent by telephone with the person who gave it, at a number not taken from "
        "the instructions (Sections 1.5 and 1.6 of the Escrow Agreement)")
    assert release.responsible == ("Company: Priya Raman, Chief Executive Officer (gives them); Meridian Capital "
                                   "Markets, LLC (gives those for its own fee); the escrow agent (confirms each by "
                                   "telephone)")
    assert release.due.day == date(2026, 3, 4) and release.due.text.startswith("Before closing")
    fund = by_name(load_example("fund-example"))["release-instructions"]
    assert fund.title.startswith("Written instructions of Larkspur Robotics, Inc. to Bellamy & Roe LLP, as escrow agent")
    assert "$18,250.00 to Fenwick Stroud LLP" in fund.title and "own fee" not in fund.responsible
    # a bank confirms by the call-back the escrow agreement lets it make (2.17), not by 1.6's, which a law firm makes
    bank = load_example("bridge-example")
    bank = replace(bank, escrow=replace(bank.escrow, agent=replace(bank.escrow.agent, kind="bank").model_dump()).model_dump())
    banked = by_name(bank)["release-instructions"]
    assert banked.title.endswith("with the person the escrow agent may call back to confirm them, designated in writing "
                                 "when the Escrow Agreement is delivered (Sections 1.5 and 2.17 of the Escrow Agreement)")
    assert banked.responsible.endswith("the escrow agent (may confirm each by call-back)")
    assert "account-designation" not in by_name(load_example("bridge-example"))
    designation = by_name(load_example("convertible-example"))["account-designation"]
    assert designation.title == (
        "Tessellate Robotics, Inc.'s designation of the account for the purchase prices, in a writing signed by an "
        "officer (Section 3.3 of the Note Purchase Agreement), confirmed by each purchaser by telephone with that "
        "officer, at a number not taken from the writing, before wiring")
    assert designation.responsible == ("Company: Amara Lindqvist, Chief Executive Officer (signs it); each purchaser "
                                       "(confirms it by telephone before wiring)")
    single = by_name(load_example("roo-2005-note"))
    assert "confirmed by the purchaser by telephone" in single["account-designation"].title
    assert "release-instructions" not in single


def test_a_convertible_financings_board_consent_reserves_and_approves_the_conversion_shares():
    """The purchase agreement says the company has reserved the shares its notes convert into (4.5): the board
    consent the checklist calls for does that too, not only the signing; a plain note's does not speak of shares."""
    convertible = by_name(load_example("convertible-example"))["board-consent"].title
    assert convertible.startswith("Consent of the board of directors approving the financing, reserving the shares "
                                  "issuable on conversion of the notes and approving their issuance, and authorizing ")
    assert "conversion" not in by_name(load_example("bridge-example"))["board-consent"].title
    # a new user's trial: one purchaser, one note, yet "the notes", "Register of the Notes", "(delivers the notes)"
    deal = load_example("convertible-example")
    one = by_name(with_purchasers(deal, deal.purchasers[:1]))
    assert "reserving the shares issuable on conversion of the note and approving" in one["board-consent"].title
    assert one["note-register"].title.startswith("Register of the Note: the Note entered in")
    assert one["note-register"].responsible.endswith("(delivers the note)")


@pytest.mark.parametrize("entity_type, governing_body, charter, bylaws", [
    ("corporation", "board of directors", "certificate of incorporation", "bylaws"),
    ("Limited Liability Company", "managers or members", "certificate of formation", "operating agreement"),
    ("limited partnership", "general partner", "certificate of limited partnership", "partnership agreement"),
    ("limited liability partnership", "partners", "statement of qualification", "partnership agreement"),
    ("general partnership", "partners", "statement of partnership authority", "partnership agreement"),
    ("private limited company", "board of directors", "certificate of incorporation", "articles of association"),
    ("business trust", "governing body", "charter", "governing documents"),
])
def test_each_kind_of_company_has_its_own_governing_body_and_documents(entity_type, governing_body, charter, bylaws):
    """The purchase agreement's secretary's certificate (3.4 or 3.5) and the checklist name the company's own
    documents: an LLP has no certificate of limited partnership, an English company has articles."""
    from dealdocs.termsheet.organizations import organization_of

    words = organization_of(entity_type)
    assert (words.governing_body, words.charter, words.bylaws) == (governing_body, charter, bylaws)


def test_a_trusts_authority_is_a_certification_naming_every_trustee():
    found = by_name(load_example("fund-example"))
    assert found["authority-calloway-trust"].title == (
        "Certification of trust of the Calloway Family Revocable Trust u/a/d June 14, 2011: the trust exists, and "
        "Ruth A. Calloway and Peter M. Calloway are its trustees, with power to buy the notes and to sign for it")
    assert not any(name.startswith(("authority-the-whitakers", "authority-pembroke")) for name in found)


def test_a_funds_authority_reaches_each_entity_it_signs_through_and_a_company_abroad_its_home_register():
    """A partner's read: "the consent of its governing body (or general partner)" asked nothing of the general partner
    and its managing member through which the fund signs, and fit no Cayman exempted company."""
    found = by_name(load_example("fund-example"))
    assert found["authority-juniper-ridge"].title == (
        "Evidence of the authority of Juniper Ridge Partners II, L.P.: the consent of its general partner to the "
        "purchase; the authority of Juniper Ridge GP II, LLC, as general partner of Juniper Ridge Partners II, L.P.; "
        "the authority of Juniper Ridge Holdings, LLC, as managing member of Juniper Ridge GP II, LLC; and the "
        "incumbency of Nadia Feld, who signs for it")
    assert found["authority-tidewater-cove"].title == (
        "Evidence of the authority of Tidewater Cove Opportunities Fund, Ltd.: the consent of its board of directors "
        "to the purchase; the incumbency of Martin Ebanks, who signs for it; and a certificate of good standing (or "
        "its equivalent) from the Cayman Islands")
    assert by_name(load_example("bridge-example"))["authority-quarry-lane"].title == (
        "Evidence of the authority of Quarry Lane Fund, LLC: the consent of its managers or members to the purchase "
        "and the incumbency of David Okafor, who signs for it")
    # "State of Delaware" is Delaware, as the documents read it (a review: a foreign good standing was asked of it)
    fund = load_example("fund-example")
    juniper = replace(fund.purchasers[2], state_of_organization="State of Delaware")
    assert juniper.name == "Juniper Ridge Partners II, L.P."
    delaware = replace(fund, purchasers=[p.model_dump() for p in (*fund.purchasers[:2], juniper, *fund.purchasers[3:])])
    assert "good standing" not in by_name(delaware)["authority-juniper-ridge"].title


def test_a_purchaser_in_the_united_kingdom_gives_its_financial_promotion_exemption_before_signing():
    """Offering notes to a UK resident is a financial promotion (FSMA 2000 s. 21): the exemption an individual relies
    on is its own signed statement; a company's, evidence of what it is. Only UK residents are asked."""
    deal = load_example("fund-example")
    found = by_name(deal)
    assert [name for name in found if name.startswith("financial-promotion")] == ["financial-promotion-pembroke"]
    row = found["financial-promotion-pembroke"]
    assert row.title == (
        "Financial promotion exemption of Alistair J. Pembroke, resident in the United Kingdom (Financial Services "
        "and Markets Act 2000 (Financial Promotion) Order 2005): the statement Alistair J. Pembroke signed, in the form "
        "that order then required, as a high net worth individual or a self-certified sophisticated investor (articles "
        "48 and 50A) within the 12 months before the offer was first made, or an authorised person's certificate as a "
        "sophisticated investor (article 50) with the investor's own signed statement; and a copy of the offer as "
        "sent, with the warning and information the exemption requires")
    # a statement signed after the offer does not make it lawful: due before it, at the latest before signing
    assert row.due.day == date(2026, 6, 8)
    assert row.due.text == ("Before the offer is first made to Alistair J. Pembroke, and in any case before the "
                            "agreements are signed (June 8, 2026)")
    pembroke = next(p for p in deal.purchasers if p.name == "Alistair J. Pembroke")
    company = replace(pembroke, kind="entity", name="Pembroke Holdings Limited", entity_type="private limited company",
                      state_of_organization=None, signatory={"name": "Alistair J. Pembroke", "title": "Director"},
                      pronoun=None)  # an individual's alone
    others = [p for p in deal.purchasers if p is not pembroke]
    found = by_name(with_purchasers(deal, [*others, company]))
    assert found["financial-promotion-pembroke"].title.endswith(
        ": evidence that Pembroke Holdings Limited is an investment professional or a high net worth company "
        "(articles 19 and 49); and a copy of the offer as sent, with the warning and information the exemption "
        "requires")
    assert not any(name.startswith("financial-promotion") for name in by_name(load_example("bridge-example")))
    # a trust relies on what it is (a high value trust), joint holders each on their own statement (an engineer's
    # review: both were given one individual's wording); "England and Wales" is in the United Kingdom too
    london = {**pembroke.address.model_dump(), "country": "England and Wales"}
    moved = [replace(p, address=london) if p.kind in ("trust", "joint") else p for p in deal.purchasers]
    found = {d.name: d for d in deliverables_for(with_purchasers(deal, moved)) if d.name.startswith("financial-promotion")}
    assert sorted(found) == ["financial-promotion-calloway-trust", "financial-promotion-pembroke",
                             "financial-promotion-the-whitakers"]
    assert found["financial-promotion-calloway-trust"].title.endswith(
        ": evidence that the Calloway Family Revocable Trust u/a/d June 14, 2011 is a high value trust (article 49) or "
        "that its trustees are investment professionals (article 19); and a copy of the offer as sent, with the "
        "warning and information the exemption requires")
    assert ("the statement each of Samuel K. Whitaker and Laura J. Whitaker signed"
            in found["financial-promotion-the-whitakers"].title)


def test_bad_actor_questionnaires_only_for_sales_under_the_2013_rule():
    """Rule 506(d) disqualifies for sales from September 23, 2013: a 2005 closing has no covered persons to ask."""
    assert "bad-actor-questionnaires" in by_name(load_example("bridge-example"))
    assert "bad-actor-questionnaires" not in by_name(load_example("roo-2005-note"))
    assert "bad-actor-questionnaires" not in by_name(load_example("roo-2005-escrow"))


def test_a_registration_rights_agreement_the_purchase_agreement_recites_is_on_the_checklist():
    """The 2005 agreement recites a registration rights agreement, a closing delivery, which dealdocs does not build:
    a partner's read found it nowhere on the checklist."""
    found = by_name(load_example("roo-2005-note"))["registration-rights-agreement"]
    assert found.title == ("Registration Rights Agreement dated as of May 18, 2005 between ROO Group, Inc. and Robert "
                           "Petty (drafted outside this closing set): its form delivered to Robert Petty on or before the date of the "
                           "Note Purchase Agreement, as its recital says, and executed at the closing; it names the "
                           "securities it registers")
    assert found.responsible == "Company counsel (drafts it); the company and the purchaser (sign it)"
    board = by_name(load_example("roo-2005-note"))["board-consent"].title
    assert board.endswith("the Security Agreement, the Registration Rights Agreement and the schedule of existing liens")
    # a partner's read of the secured set: the board authorized neither the lien schedule nor the control agreements
    secured = by_name(load_example("bridge-example"))["board-consent"].title
    assert secured.endswith("the Security Agreement, the schedule of existing liens and the control agreements")
    assert "schedule of existing liens" not in by_name(load_example("fund-example"))["board-consent"].title
    assert found.due.day == date(2005, 5, 18)
    assert "registration-rights-agreement" not in by_name(load_example("bridge-example"))


def test_notes_subordinate_to_senior_notes_need_their_holders_consent_before_signing():
    """The 2005 note is subordinate to AJW's callable secured convertible notes, which may forbid other secured debt:
    a partner's read found no consent or intercreditor terms anywhere in the closing."""
    found = by_name(load_example("roo-2005-note"))["senior-consent"]
    assert found.title.startswith("Consent of the holders of the Callable Secured Convertible Notes (AJW Offshore, Ltd.; "
                                  "AJW Qualified Partners, LLC; AJW Partners, LLC; and New Millennium Capital Partners II, "
                                  "LLC) to the note and the security interest the Security Agreement grants, with the "
                                  "terms of the subordination agreed with them")
    # one note, "the note" (a partner's read: "the notes are subordinate" of the 2005 deal's one)
    assert found.title.endswith("any standstill on the note's remedies): the note is subordinate to theirs")
    assert found.due.text.startswith("Before the agreements are signed")
    assert "senior-consent" not in by_name(load_example("bridge-example"))


def test_an_entity_abroad_gives_form_w8ben_e_from_july_2014():
    deal = load_example("roo-2005-escrow")
    later = replace(deal, escrow=replace(deal.escrow, purchase_agreement=replace(
        deal.escrow.purchase_agreement, date=date(2014, 7, 1)).model_dump()).model_dump())
    assert by_name(later)["tax-form-birchwood-opportunity-fund-ltd"].title.startswith("Form W-8BEN-E of Birchwood")
    assert by_name(deal)["tax-form-birchwood-opportunity-fund-ltd"].title.startswith("Form W-8BEN of Birchwood")


def test_a_listed_company_reports_the_financing_on_form_8k_within_four_business_days():
    """A partner's read: the company is represented as listed, and the checklist's filings had no Form 8-K. Whether
    it reports to the SEC the term sheet may not tell: then the item is marked "if needed"."""
    found = by_name(load_example("bridge-example"))["form-8-k"]
    assert found.title == ("Form 8-K of Northwind Analytics, Inc., Items 1.01 (the Note Purchase Agreement) and 2.03 "
                           "(the notes), filed with the SEC on EDGAR")
    # signed Monday, March 2, 2026: Tuesday to Friday are the four business days, for Item 2.03 too, which runs from
    # the agreement that binds the company, not from the notes' issue (a partner's read)
    assert found.due.day == date(2026, 3, 6) and found.due.text == (
        "March 6, 2026: four business days after the Note Purchase Agreement is signed (March 2, 2026)")
    assert found.if_needed is None  # the term sheet says it files Exchange Act reports (a partner's read)
    unsaid = replace(load_example("bridge-example"), company={**load_example("bridge-example").company.model_dump(),
                                                              "exchange_act_reporting": None})
    assert by_name(unsaid)["form-8-k"].if_needed.startswith("Needed when the company files reports with the SEC")
    assert "form-8-k" not in by_name(load_example("convertible-example"))  # a private company: no 8-K asked
    listed = with_notes_listed(replace(load_example("convertible-example"), company={
        **load_example("convertible-example").company.model_dump(), "exchange_act_reporting": None}))
    assert by_name(listed)["form-8-k"].title.endswith("Items 1.01 (the Note Purchase Agreement), 2.03 (the notes) and "
                                                      "3.02 (their sale, when the shares they convert into, with the "
                                                      "company's other unregistered sales since its last Item 3.02 "
                                                      "report or its last Form 10-Q or 10-K, whichever is more recent, "
                                                      "are 1% or more of the outstanding shares of that class, or 5% "
                                                      "for a smaller reporting company), filed with the SEC on EDGAR")
    # one note: "the note", "its sale" (a partner's read of the 2005 note deal: "2.03 (the notes)" of its one note)
    assert by_name(load_example("roo-2005-note"))["form-8-k"].title == (
        "Form 8-K of ROO Group, Inc., Items 1.01 (the Note Purchase Agreement) and 2.03 (the note), filed with the SEC "
        "on EDGAR")



def test_a_placement_agent_files_its_offering_documents_with_finra_within_15_days_of_the_first_sale():
    """A partner's read: Meridian, the bridge example's placement agent and a FINRA member, owed the filing of Rule
    5123 within 15 calendar days of the first sale, and the checklist left it out (an individual, Margaret Chen, is
    no purchaser the rule exempts). Only from December 3, 2012, when the rule took effect; none without an agent."""
    found = by_name(load_example("bridge-example"))["finra-5123"]
    assert found.title == ("FINRA Rule 5123 filing (the offering documents Meridian Capital Markets, LLC used, a "
                           "private placement memorandum, term sheet or other, or a statement that it used none) filed "
                           "with FINRA")
    assert found.responsible.startswith("Meridian Capital Markets, LLC (files it, as a FINRA member); company counsel")
    # signed March 2, 2026: the 15th calendar day, Tuesday, March 17 (no business-day rule moves it)
    assert (found.due.day, found.due.text) == (date(2026, 3, 17), "March 17, 2026: 15 calendar days after the first "
                                               "sale (the purchasers' signing of the Note Purchase Agreement, March 2, "
                                               "2026)")
    # its exemptions are of purchasers none of whom is an individual buying for himself or herself (Margaret Chen is)
    assert found.if_needed.startswith("Needed unless the offering is sold only to purchasers Rule 5123(b)(1) lists: "
                                      "institutional accounts (FINRA Rule 4512(c))")
    assert "accredited investors under Rule 501(a)(1), (2), (3) or (7)" in found.if_needed
    # an individual may be exempt, but not as an accredited investor (a partner's check: "is none of these" was wrong)
    assert ("An individual is exempt chiefly as an institutional account (total assets of at least $50 million), a "
            "qualified purchaser (at least $5 million in investments), an eligible contract participant, a knowledgeable "
            "employee, or the company's employee or affiliate: being an accredited investor is not enough.") in found.if_needed
    assert "finra-5123" not in by_name(load_example("convertible-example"))  # no placement agent
    assert "finra-5123" not in by_name(load_example("roo-2005-escrow"))  # an agent's fee paid in 2005: no rule yet
    assert "finra-5123" not in by_name(load_example("roo-2005-note"))
    deal = load_example("bridge-example")
    on_the_day, day_before = (by_name(replace(deal, notes=replace(deal.notes, agreement_date=day).model_dump()))
                              for day in ("2012-12-03", "2012-12-02"))
    assert "finra-5123" in on_the_day and "finra-5123" not in day_before


def test_an_unsecured_notes_existing_liens_are_noticed_to_the_purchasers_before_the_notes_date():
    """An unsecured note excuses a lien existing at its date only as the Maker gave each purchaser written notice of
    it (a partner's read of the convertible example): the checklist asks for that notice, "if needed" (none when
    there is no such lien), before the notes' date; a secured note's existing liens are its schedule's."""
    found = by_name(load_example("convertible-example"))["liens-noticed"]
    # of liens only, as the note excuses (a partner's check of the first wording: "liens, levies, attachments and
    # judgments" promised more); one that stood its 30 days before the notes' date is a default at once
    # not the liens the company grants, which the note never counts; its floor as the note writes it, counting what
    # the note counts (a second code review)
    assert found.title == ("Written notice to each purchaser of the liens on Tessellate Robotics, Inc. or its property "
                           "existing when the notes are dated, other than those it granted by agreement (tax, judgment "
                           "and mechanics' liens, among others; the note excuses those noticed, and no judgment, levy or "
                           "attachment that is not a lien): an existing lien the notice leaves out is an Event of "
                           "Default once it has stood 30 days unreleased, unsatisfied and unbonded (at once, if it had "
                           "stood that long when the notes are dated) and, with the others the clause counts, is for "
                           "more than $100,000 (the lien default of the notes)")  # a partner's read: ", at once for "
    # one filed that long before" after the floor read as garbled
    assert found.responsible.endswith("(orders a lien search and prepares the notice from it and the company's records)")
    # "on or before the date hereof": by the notes' date, a same-day signing and closing's (not the day before)
    assert (found.due.day, found.due.text) == (date(2026, 4, 15), "By the notes' date (April 15, 2026)")
    # by the notes' date whenever the purchasers sign (a second code review: the fund example's said "Before the
    # purchasers sign (by June 8, 2026)", a date the note does not set)
    fund = load_example("fund-example")
    unsecured = by_name(replace(fund, notes=replace(fund.notes, secured=False).model_dump()))["liens-noticed"]
    assert unsecured.due.text == f"By the notes' date ({long_date(fund.notes.issue_date)})"
    assert found.if_needed == "Not needed when a lien search finds no such lien: then mark this not needed."
    assert "liens-noticed" not in by_name(load_example("bridge-example"))  # secured: its schedule of existing liens


def test_a_reporting_company_selling_stock_in_escrow_reports_the_purchase_agreement_and_the_sale():
    """A partner's read of the 2005 escrow set: a reporting company's stock sale had no Form 8-K, which the notes'
    checklist lists; Item 1.01 for the purchase agreement, Item 3.02 for the sale of equity above its floor (in 2005,
    5% for a small business issuer), four business days after the purchase agreement is signed."""
    found = by_name(load_example("roo-2005-escrow"))["form-8-k"]
    assert found.title == ("Form 8-K of ROO Group, Inc., Item 1.01 (the Common Stock Purchase Agreement) and Item 3.02 "
                           "(the sale of the Shares, when they, with the company's other unregistered sales since its "
                           "last Item 3.02 report or its last Form 10-Q or 10-K, whichever is more recent, are 1% or "
                           "more of the outstanding shares of that class, or 5% for a small business issuer), filed "
                           "with the SEC on EDGAR")
    # securities the term sheet does not say are equity: Item 3.02 only where they are (a code review)
    unknown = replace(load_example("roo-2005-escrow"), escrow={**load_example("roo-2005-escrow").escrow.model_dump(),
              "purchase_agreement": {**load_example("roo-2005-escrow").escrow.purchase_agreement.model_dump(),
                                     "securities": "the Company's 10% senior notes", "securities_term": "Notes"}})
    assert "Item 1.01 (the Common Stock Purchase Agreement) and, where the Notes are equity securities, Item 3.02" in \
        by_name(unknown)["form-8-k"].title
    # before August 23, 2004 Form 8-K had no Item 1.01 or 3.02 (SEC Release 33-8400): no filing to list (a code review)
    earlier = replace(load_example("roo-2005-escrow"), escrow={**load_example("roo-2005-escrow").escrow.model_dump(),
              "purchase_agreement": {**load_example("roo-2005-escrow").escrow.purchase_agreement.model_dump(),
                                     "date": date(2004, 8, 20)}})
    assert "form-8-k" not in by_name(earlier)
    # signed Thursday, October 20, 2005: Friday, Monday, Tuesday, Wednesday
    assert found.due.day == date(2005, 10, 26) and found.due.text == (
        "October 26, 2005: four business days after the Common Stock Purchase Agreement is signed (October 20, 2005)")
    unsaid = replace(load_example("roo-2005-escrow"), company={**load_example("roo-2005-escrow").company.model_dump(),
                                                                "exchange_act_reporting": None})
    assert "form-8-k" not in by_name(unsaid)  # whether it reports, no market the notes name can tell


def with_notes_listed(deal):
    defaults = {**deal.notes.events_of_default.model_dump(), "listing_markets": ["Nasdaq Capital Market"],
                "delisting_trading_days": 5}
    return replace(deal, notes=replace(deal.notes, events_of_default=defaults).model_dump())


def test_a_2005_financing_statement_is_due_within_the_10_days_of_the_bankruptcy_code_then():
    """547(e)(2) gave 10 days until the 2005 amendments (cases from October 17, 2005) made it 30 (a partner's read)."""
    ucc = by_name(load_example("roo-2005-note"))["ucc-1"].due.text
    # the 10th day a Saturday (May 30 Memorial Day): filed by Friday, no later day assumed (a partner's read)
    assert ucc.endswith("a condition of the closing under the note purchase agreement. If the Purchaser "
                        "waives it and the statement is filed after the closing, file it at once, and no later than May 28, 2005 (a "
                        "Saturday: file by May 27, 2005; no later day is assumed), 10 days after the security interest "
                        "attaches, so that the grant still dates from attachment (11 U.S.C. § 547(e)(2) as in force until the 2005 "
                        "amendments took effect on October 17, 2005)")


def test_the_checklist_speaks_of_an_escrow_and_a_stock_exchange_only_where_the_deal_has_them():
    """A partner's read of the convertible checklist (no escrow, stock not listed): Form D's note said "not the
    closing or the release from escrow", and the stockholder consent was needed "when a stock exchange's rules
    require it". The term sheet says where the stock is listed (the notes' listing_markets); a deal without notes
    does not say, and keeps the exchange; nor does naming no market prove a stock unlisted (a reviewer's read: the
    Nasdaq 20% rule matters most to convertible notes), so the reminder stays, said as a condition."""
    exchange = ", or when a stock exchange's rules require it for the issuance."
    convertible = by_name(load_example("convertible-example"))
    assert convertible["form-d"].note.startswith("Form D is counted from the date of first sale, the day the first "
                                                 "investor is irrevocably committed to invest: the signing of the "
                                                 "purchase agreement, not the closing. If a purchaser")
    assert "escrow" not in convertible["form-d"].note
    assert "not the closing or the release from escrow." in by_name(load_example("fund-example"))["form-d"].note
    needed = by_name(load_example("convertible-example"))["stockholder-consent"].if_needed  # not listed
    assert ("requires their approval (protective provisions of preferred stock commonly cover new debt and liens), "
            "when the securities convert into more shares than the certificate of incorporation authorizes, or, if the "
            "stock is listed after all (no market is named for it), when the exchange's rules require it. "
            "Delaware law") in needed
    # notes that never become shares: neither the shares authorized nor an exchange's rules (a second reviewer's read)
    needed = by_name(load_example("fund-example"))["stockholder-consent"].if_needed
    assert ("requires their approval (protective provisions of preferred stock commonly cover new debt and liens). "
            "Delaware law") in needed and "exchange" not in needed and "convert" not in needed
    listed = by_name(with_notes_listed(load_example("convertible-example")))["stockholder-consent"].if_needed
    assert "convert" not in by_name(load_example("bridge-example"))["stockholder-consent"].if_needed  # listed, plain notes
    assert ("liens), when the securities convert into more shares than the certificate of incorporation authorizes"
            + exchange) in listed
    # no notes: the escrow's sale of shares (a new user's trial: its note spoke of new debt, liens and conversion)
    shares = by_name(load_example("roo-2005-escrow"))["stockholder-consent"].if_needed
    assert ("(protective provisions of preferred stock commonly cover new issuances of shares), when the shares sold are "
            "more than the certificate of incorporation authorizes" + exchange) in shares
    assert "debt" not in shares and "convert" not in shares and "borrow" not in shares


def test_the_tax_form_note_names_a_form_for_each_place():
    """A partner's read of the checklists: "... abroad, and for an entity of a U.S. territory (foreign for U.S. income
    tax)." named no form for it (a verb and an object short); each place now has its form."""
    notes = {d.note for d in deliverables_for(load_example("fund-example")) if d.name.startswith("tax-form-")}
    assert notes == {"Tax forms are chosen by where a purchaser is: a person by address, an entity by where it is "
                     "organized (or its address): Form W-9 in the United States; Form W-8BEN (an individual) or "
                     "W-8BEN-E (an entity) abroad; Form W-8BEN-E for an entity organized in a U.S. territory (foreign "
                     "for U.S. income tax). A purchaser whose tax status differs gives the other form."}
    old = {d.note for d in deliverables_for(load_example("roo-2005-note")) if d.name.startswith("tax-form")}
    assert old and all("Form W-8BEN for an entity organized in a U.S. territory" in note for note in old), old  # 2005


def test_a_uk_companys_cover_asks_for_the_evidence_of_its_standing(tmp_path):
    """A UK company's exemption rests on its standing when the offer was made (FPO articles 19, 49), not on a
    statement it signs: its cover asks for that evidence, in words that fit trustees too (a reviewer's read)."""
    import yaml

    from dealdocs.closing.dues import purchaser_dues
    from dealdocs.pipeline import Builder
    from docx_helpers import REPO

    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8"))
    tidewater = next(p for p in data["purchasers"] if p.get("short_name") == "Tidewater Cove")
    tidewater["address"] = {"street": ["1 Poultry"], "city": "London", "state": "England", "postal_code": "EC2R 8EJ",
                            "country": "United Kingdom"}
    tidewater["state_of_organization"], tidewater["entity_type"] = "England and Wales", "private limited company"
    sheet = tmp_path / "uk.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    deal = Builder().load(sheet).deal
    assert deal is not None
    said = purchaser_dues(deal)["tidewater-cove"]
    assert ("a copy of the evidence, relied on when the offer was first made, of the purchaser's standing as an "
            "investment professional or of high net worth") in said, said
    assert "statement signed within the 12 months" not in said


def test_what_the_escrow_agent_waits_for_is_said_once_for_one_purchaser_or_many():
    """A reviewer's read: the release covers said "every Purchaser's subscription amount" of a deal of one, and the
    escrow agent's cover worded the same conditions otherwise; one wording now, in the singular for one."""
    from dealdocs.closing.dues import escrow_agent_dues, escrow_holds

    many = load_example("roo-2005-escrow")
    one = with_purchasers(many, many.purchasers[:1])
    assert escrow_holds(many).startswith("every Purchaser's subscription amount, all signature pages and the other")
    assert escrow_holds(one).startswith("the Purchaser's subscription amount, all signature pages and the other")
    assert f"advise the Company and the Purchaser once it holds {escrow_holds(one)}" in escrow_agent_dues(one)


def test_joint_holders_each_give_an_investor_questionnaire(load_example):
    """A partner's read of the fund example: one questionnaire "of Samuel K. Whitaker and Laura J. Whitaker", where
    the purchase agreement has each joint holder represent that it is accredited (Section 5.3): one from each."""
    found = by_name(load_example("fund-example"))
    joint = found["investor-questionnaire-the-whitakers"]
    assert joint.title.startswith("Investor questionnaire from each of Samuel K. Whitaker and Laura J. Whitaker (as "
                                  "joint tenants with right of survivorship): each one's accredited investor status")
    assert joint.responsible.startswith("Samuel K. Whitaker and Laura J. Whitaker (each completes one); company counsel")
    single = found["investor-questionnaire-pembroke"]
    assert single.title.startswith("Investor questionnaire of Alistair J. Pembroke: accredited investor status")
    assert single.responsible.startswith("Alistair J. Pembroke (completes); company counsel")


def test_the_lien_searches_come_before_the_schedule_made_from_them_and_name_the_purchasers_counsel():
    """A partner's read of the bridge checklist: the schedule of existing liens, prepared from the lien searches, was
    due March 2, the searches only at the closing (March 4); and the searches and the UCC-1 went to a "Purchasers'
    counsel" nobody named, where the escrow agent has acted as the purchasers' counsel (escrow_agent_counsel_to)."""
    found = by_name(load_example("bridge-example"))
    searches, schedule = found["lien-searches"], found["existing-liens"]
    assert searches.due.day == schedule.due.day == date(2026, 3, 2)
    assert searches.due.text == ("By March 2, 2026, in time for the schedule of existing liens, which is made from "
                                 "them; brought down before closing (March 4, 2026)")
    assert searches.responsible == "Purchasers' counsel, Whitfield & Crane LLP"
    assert found["ucc-1"].responsible == "Purchasers' counsel, Whitfield & Crane LLP (files it)"
    # one purchaser, no counsel named (a reviewer's read: "Purchasers'" for one)
    assert by_name(load_example("roo-2005-note"))["ucc-1"].responsible == "Purchaser's counsel (files it)"


def test_the_purchasers_counsel_the_term_sheet_names_is_named_where_it_acts(tmp_path):
    """A new user's trial: with an escrow agent that is not the purchasers' counsel, the checklist gave the lien
    searches and the UCC-1 to a "Purchasers' counsel" the term sheet could not name, and check said nothing. The term
    sheet names it in `purchasers_counsel` (DD159 when the notes are secured and nothing names it)."""
    from dealdocs.checks.deal import check_deal
    from dealdocs.termsheet.loader import load_deal

    deal = load_example("bridge-example")
    other = replace(deal, escrow=replace(deal.escrow, escrow_agent_counsel_to=["placement_agent"]).model_dump())
    assert by_name(other)["ucc-1"].responsible == "Purchasers' counsel (files it)"
    named = replace(other, purchasers_counsel={"name": "Larkspur & Vale LLP",
                                               "contact": {"name": "Ines Vale", "email": "ivale@larkspur.example"}})
    found = by_name(named)
    assert found["lien-searches"].responsible == "Purchasers' counsel, Ines Vale, Larkspur & Vale LLP, ivale@larkspur.example"
    assert found["ucc-1"].responsible.endswith("Larkspur & Vale LLP, ivale@larkspur.example (files it)")
    # the warning, read from a term sheet as a user writes it
    text = (REPO / "deals" / "bridge-example.yaml").read_text()
    assert "escrow_agent_counsel_to: [placement_agent, purchasers]" in text
    sheet = tmp_path / "deal.yaml"
    sheet.write_text(text.replace("escrow_agent_counsel_to: [placement_agent, purchasers]",
                                  "escrow_agent_counsel_to: [placement_agent]"))
    warned = [f for f in check_deal(*load_deal(sheet)) if f.code == "DD159"]
    assert len(warned) == 1 and "nothing in the term sheet names it (the escrow agent has not acted for the " \
        "purchasers): add purchasers_counsel" in warned[0].message
    sheet.write_text(sheet.read_text() + "purchasers_counsel:\n  name: Larkspur & Vale LLP\n  contact: "
                     "{name: Ines Vale, email: ivale@larkspur.example}\n")
    assert not [f for f in check_deal(*load_deal(sheet)) if f.code in ("DD159", "DD175", "DD176")]


@pytest.mark.parametrize("edit, code, words", [
    # the escrow agent acts for the purchasers, and purchasers_counsel names another firm
    (lambda text: text, "DD175", "purchasers_counsel names Larkspur & Vale LLP, but the escrow agent, Whitfield & Crane "
                                 "LLP, has acted as counsel to the purchasers (escrow.escrow_agent_counsel_to)"),
    # the notes are not secured: nothing names the purchasers' counsel
    (lambda text: text.replace("  secured: true\n", "  secured: false\n"), "DD176",
     "only the closing checklist's collateral deliverables of secured notes (the lien searches, the UCC-1) name the "
     "purchasers' counsel, and these notes are not secured: it is named nowhere; leave it out")])
def test_a_purchasers_counsel_no_document_names_or_another_firm_than_the_escrow_says_is_said(tmp_path, edit, code, words):
    """A code review: `purchasers_counsel` beside an escrow agent acting for the purchasers named two firms as their
    counsel, unsaid; and in a deal of unsecured notes it went unused, unsaid."""
    from dealdocs.checks.deal import check_deal
    from dealdocs.termsheet.loader import load_deal

    sheet = tmp_path / "deal.yaml"
    sheet.write_text(edit((REPO / "deals" / "bridge-example.yaml").read_text()) + "purchasers_counsel:\n  name: "
                     "Larkspur & Vale LLP\n  contact: {name: Ines Vale, email: ivale@larkspur.example}\n")
    found = [f for f in check_deal(*load_deal(sheet)) if f.code in ("DD175", "DD176")]
    assert [f.code for f in found] == [code] and words in found[0].message and not found[0].is_error
    lines = sheet.read_text().splitlines()  # at the section, whose first line is the firm's name
    assert found[0].location.line == lines.index("  name: Larkspur & Vale LLP") + 1


def test_a_country_whose_name_takes_the_article_has_it():
    """A partner's read: "an entity with an address in Cayman Islands"."""
    found = by_name(load_example("roo-2005-escrow"))
    cayman = next(d for name, d in found.items() if name.startswith("tax-form-birchwood"))
    assert cayman.title.endswith("(an entity with an address in the Cayman Islands)")
    assert by_name(load_example("fund-example"))["tax-form-pembroke"].title.endswith(
        "(an individual with an address in the United Kingdom)")


def test_a_purchase_agreement_dealdocs_does_not_build_is_not_said_to_be_company_counsels_draft():
    """A new user's trial: an escrow for a stock purchase agreement investors' counsel drafted; the checklist had
    company counsel drafting it. Who drafted it the term sheet does not say: company counsel collects the pages."""
    [row] = [d for d in deliverables_for(load_example("roo-2005-escrow")) if d.name == "purchase-agreement"]
    assert row.responsible.startswith("Company counsel") and "(collects the signed pages); the company and " in row.responsible
    assert "drafts" not in row.responsible


def test_the_control_agreements_signer_is_decided_once_and_a_sole_purchaser_of_two_people_signs_them_in_the_plural():
    """Who signs the control agreements for the secured party was decided in three places (the checklist's row, the
    covers' dues, the release covers' security package): one now (`closing.parties.control_signer`). A sole purchaser
    that is two joint holders "signs them as secured party" in the checklist: they sign them, and their cover asks
    them as the secured party."""
    from dealdocs.closing.dues import purchaser_dues
    from dealdocs.closing.parties import control_signer

    one = load_example("roo-2005-note")
    [whitakers] = [p for p in load_example("fund-example").purchasers if p.kind == "joint"]
    joint = {**one.purchasers[0].model_dump(), **{key: value for key, value in whitakers.model_dump().items()
                                                   if key in ("kind", "short_name", "joint", "name", "signatory", "address", "pronoun")}}
    deal = replace(one, purchasers=[joint], notes=replace(one.notes, control_agreement_days=30).model_dump())
    signer = control_signer(deal)
    assert (signer.role, signer.purchaser, signer.several) == ("secured party", deal.purchasers[0], True)
    [row] = [d for d in deliverables_for(deal) if d.name == "control-agreements"]
    assert row.responsible.endswith("; Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of "
                                    "survivorship (sign them as secured party)")
    assert ("a signature, as the secured party (Security Agreement, Section 4.10), on each control agreement"
            in purchaser_dues(deal)["the-whitakers"])
    bridge = load_example("bridge-example")
    assert (control_signer(bridge).role, control_signer(bridge).name) == ("designee", "Harborview Capital Partners, L.P.")
    # a partner's read (session 58): 7.1 has the designee give the other holders each form three days before it
    # signs, and the account the escrow releases into must be controlled before the release: by when, said
    # (a code review: signed March 2 for a March 4 closing, "by March 1" was a day gone: the approval is needed)
    [row] = [d for d in deliverables_for(bridge) if d.name == "control-agreements"]
    assert row.title.endswith("signed for the Secured Party by Harborview Capital Partners, L.P., its designee under "
                              "Section 7.1 of the Security Agreement, which delivers each form to the other holders at "
                              "least three days before it signs it, or sooner with each other holder's written approval, "
                              "e-mail sufficing; for the account the net proceeds are released into, that approval is "
                              "needed: the closing, March 4, 2026, is less than three days after the signing")
    early = replace(bridge, escrow=replace(bridge.escrow, agreement_date=date(2026, 2, 20)).model_dump(),
                    notes=replace(bridge.notes, agreement_date=date(2026, 2, 20)).model_dump())
    [row] = [d for d in deliverables_for(early) if d.name == "control-agreements"]
    assert row.title.endswith("at least three days before it signs it (for the account the net proceeds are released "
                              "into, by March 1, 2026), or sooner with each other holder's written approval, e-mail "
                              "sufficing")
    [row] = [d for d in deliverables_for(replace(bridge, escrow=None, placement_agent=None)) if d.name == "control-agreements"]
    assert "at least three days before it signs it, or sooner" in row.title


def test_the_purchasers_a_blue_sky_row_names_are_told_apart_when_their_names_hold_commas():
    """A new user's trial: "purchasers residing there: Larkspur Ventures Fund I, LLC, Maya Okafor and Daniel
    Abernathy and Ruth Abernathy, as joint tenants ..." read as more purchasers than there were (and lint --set on
    the build found a joint holder added). Names with commas are listed with semicolons, the list last in the row."""
    bridge = by_name(load_example("bridge-example"))
    assert bridge["blue-sky-new-york"].title.endswith(
        "(sales made from Northwind Analytics, Inc.'s office there; purchasers residing there: Harborview Capital "
        "Partners, L.P.; and Margaret Chen)")
    fund = by_name(load_example("fund-example"))
    assert fund["blue-sky-new-york"].title.endswith(
        "(sales made from Larkspur Robotics, Inc.'s office there; purchasers residing there: Ruth A. Calloway and "
        "Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011)")


def test_whoever_signs_the_control_agreements_for_the_secured_party_is_named_and_asked_whatever_the_deal():
    """A code review of the designation (session 55): without an escrow the covers' control agreement items read
    "released into ..., april 3 (April 3, 2026)"; with one purchaser no one was named to sign for the secured party; a
    finding with a key alone had no `where` in its JSON; a cover with two documents dated later said the Security
    Agreement "takes effect at the closing"."""
    from dealdocs.closing.dues import officer_dues, purchaser_dues
    from dealdocs.findings import Finding, Location, Severity
    from dealdocs.outputs.packets import _dated_later

    bridge = load_example("bridge-example")
    no_escrow = replace(bridge, escrow=None, placement_agent=None)
    assert officer_dues(no_escrow)["Priya Raman"].endswith(
        "and each control agreement the Security Agreement requires, with its bank (the Company indemnifies the "
        "designee against its liability to a bank under them, Security Agreement, Section 7.2), by April 3, 2026.")
    [harborview] = [said for slug, said in purchaser_dues(no_escrow).items() if slug == "harborview"]
    assert ("a signature, for the Secured Party as its designee (Security Agreement, Sections 4.10 and 7.1), on each "
            "control agreement the Security Agreement requires, with the Company and its bank (not in this packet), by "
            "April 3, 2026;") in harborview
    one = load_example("roo-2005-note")
    one = replace(one, notes=replace(one.notes, control_agreement_days=30).model_dump())
    [row] = [d for d in deliverables_for(one) if d.name == "control-agreements"]
    assert row.responsible.endswith("; Robert Petty (signs them as secured party)")
    assert "a signature, as the secured party (Security Agreement, Section 4.10), on each control agreement" in purchaser_dues(one)["petty"]
    assert Finding("DD145", Severity.ERROR, "m", Location(key="notes.closing.place")).as_dict()["location"] == {
        "key": "notes.closing.place", "where": "notes.closing.place"}
    assert Finding("DD301", Severity.ERROR, "m").as_dict()["location"] == {"where": ""}
    earlier = replace(bridge, escrow=replace(bridge.escrow, agreement_date=date(2026, 2, 27)).model_dump())
    said = _dated_later(earlier, ["escrow-agreement", "note-purchase-agreement", "security-agreement"])
    assert said == ("The Note Purchase Agreement, dated March 2, 2026, and the Security Agreement, dated March 4, 2026, the "
                    "expected closing date, are signed now, with the other pages: the Security Agreement binds when "
                    "signed, and its security interest attaches at the closing, on the release of the escrowed funds.")


def test_a_designee_trust_of_one_trustee_is_one_signer_in_the_checklist_and_every_cover(tmp_path):
    """A code review: a designated trust of one trustee read "Ruth A. Calloway, as trustee of ... (sign them for the
    Secured Party ...)" in the checklist, while the covers said "what it owes": whether a purchaser's name is of
    several people is now one property (`Purchaser.named_as_several`), which the checklist and covers ask."""
    import yaml

    from dealdocs.closing.dues import purchaser_dues
    from dealdocs.pipeline import Builder

    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text())
    chen = next(p for p in data["purchasers"] if p.get("name") == "Margaret Chen")
    for key in ("name", "pronoun", "email"):
        chen.pop(key, None)
    chen.update(kind="trust", short_name="Calloway Trust",
                trust={"name": "Calloway Family Revocable Trust", "date": "2011-06-14", "trustees": ["Ruth A. Calloway"]})
    data["notes"]["control_designee"] = "Calloway Trust"
    (tmp_path / "deal.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    result = Builder().load(tmp_path / "deal.yaml")
    assert not [f for f in result.findings if f.is_error]
    [row] = [d for d in deliverables_for(result.deal) if d.name == "control-agreements"]
    assert ("; Ruth A. Calloway, as trustee of the Calloway Family Revocable Trust u/a/d June 14, 2011 (signs them for "
            "the Secured Party, as its designee)") in row.responsible
    assert "Harborview Capital Partners, L.P. designates Ruth A. Calloway, as trustee of" in purchaser_dues(result.deal)["harborview"]
