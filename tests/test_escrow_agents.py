"""The escrow agreement by kind of escrow agent, with an outside date, and the placement agent's fee.

Built from the bridge example with the real Builder and read back; what a bank's agreement must not say is
the law-firm wording of the 2005 agreement, listed here by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx_helpers import REPO, text_of

from dealdocs.pipeline import Builder

LAW_FIRM_WORDING = ("attorneys-at-law", "its partners", "its escrow account described in Section 1.3", "legal counsel for",
                    "conflict of interest", "personally liable")
BANK = {
    "kind": "bank",
    "name": "First Harbor Bank, N.A.",
    "description": "a national banking association",
    "address": {"street": ["500 Fifth Avenue"], "city": "New York", "state": "New York", "postal_code": "10110"},
    "signatory": {"name": "Grace Liu", "title": "Vice President"},
}


def built(tmp_path: Path, change=None) -> Path:
    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8"))
    if change:
        change(data)
    path = tmp_path / "deal.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").build(path)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    return tmp_path / "out" / "deal"


def flat(path: Path) -> str:
    return " ".join(text_of(path.read_bytes()).split())


def as_bank(kind: str = "bank", description: str = "a national banking association"):
    def change(data: dict) -> None:
        data["escrow"]["agent"] = {**BANK, "kind": kind, "description": description}
        data["escrow"].pop("escrow_agent_counsel_to", None)
        data["escrow"]["wire"]["account_name"] = "First Harbor Bank, N.A., as Escrow Agent for Northwind Analytics, Inc."
        for payment in data["escrow"]["disbursements"]:  # the agent's own fee, to the agent (DD189)
            if payment["role"] == "escrow_agent":
                payment["payee"] = BANK["name"]
    return change


@pytest.fixture(scope="module")
def law_firm(tmp_path_factory: pytest.TempPathFactory) -> str:
    return flat(built(tmp_path_factory.mktemp("firm")) / "escrow-agreement.docx")


def test_a_bank_as_escrow_agent_has_no_law_firm_wording(tmp_path, law_firm):
    text = flat(built(tmp_path, as_bank()) / "escrow-agreement.docx")
    for words in LAW_FIRM_WORDING:
        assert words not in text, words
        assert words in law_firm or words == "its partners" and "and its partners, employees" in law_firm
    assert ("and First Harbor Bank, N.A., a national banking association, with an address at 500 Fifth Avenue, New "
            "York, New York 10110 (the “Escrow Agent”)") in text
    assert ("in a segregated non-interest-bearing deposit account maintained with it and designated as an escrow "
            "account for this Escrow Agreement (the “Escrow Account”).") in text
    assert ("of the amount of funds it has received into the Escrow Account from each Purchaser, and that it holds "
            "those signature pages and documents.") in text
    assert "pursuant to the advice of its counsel, who may be counsel employed by it" in text
    assert "2.12. The Escrow Agent may resign at any time by giving thirty (30) days’ written notice" in text
    assert "its affiliates and its and their respective directors, officers, employees, agents and counsel" in text
    for section in ("2.16. Federal law, including Section 326 of the USA PATRIOT Act",
                    "2.17. The Escrow Agent may confirm any instruction to transfer funds",
                    "2.18. The Company and each Purchaser shall each deliver to the Escrow Agent",
                    "2.19. In no event shall the Escrow Agent be liable for special"):
        assert section in text
    assert "Article 4A of the Uniform Commercial Code as in effect in the State of New York" in text
    assert "2.20. This Escrow Agreement may be executed in any number of counterparts" in text
    assert "Federal law, including Section 326" not in law_firm and "the Escrow Account" not in law_firm
    assert "2.16. This Escrow Agreement may be executed in any number of counterparts" in law_firm


def test_a_trust_company_holds_the_funds_with_an_insured_depository(tmp_path):
    text = flat(built(tmp_path, as_bank("trust_company", "a New York limited purpose trust company"))
                / "escrow-agreement.docx")
    assert "First Harbor Bank, N.A., a New York limited purpose trust company, with an address" in text
    assert "with an insured depository institution, as defined in the Federal Deposit Insurance Act, which may be" in text
    for words in LAW_FIRM_WORDING:
        assert words not in text, words


def test_the_outside_date_returns_each_purchasers_funds_by_wire_without_interest_or_deduction(law_firm):
    assert ("1.7. If the Escrow Agent has not received a Release Notice executed by the Company and the Purchasers on "
            "or before April 3, 2026 (the “Outside Date”)") in law_firm
    assert ("return to each Purchaser the full amount that the Escrow Agent received from such Purchaser, without "
            "interest and without any deduction, set-off or charge of any kind, by wire transfer to the account from "
            "which the Escrow Agent received those funds.") in law_firm
    assert "A Release Notice received after the Outside Date has no effect." in law_firm


def test_without_an_outside_date_there_is_no_return_clause(tmp_path):
    folder = built(tmp_path, lambda data: data["escrow"].pop("outside_date"))
    assert "Outside Date" not in flat(folder / "escrow-agreement.docx")
    agreement = flat(folder / "note-purchase-agreement.docx")
    assert "3.5 Termination." not in agreement and "3.6 Termination." not in agreement
    # the closing is still the release, with no termination to come before
    # and, with no termination to end it, a later release needs the parties' writing (a review)
    assert ("from escrow in accordance with the escrow agreement described in Section 3.3, which the parties expect to "
            "occur on March 4, 2026 or on such later date as the Company and the Purchasers may agree in writing (the "
            "date on which the Closing occurs") in agreement


def test_the_purchase_agreement_terminates_at_the_outside_date(tmp_path):
    text = flat(built(tmp_path) / "note-purchase-agreement.docx")
    # the event the escrow agreement's 1.7 looks to (a partner's read: a closing on the outside date's next business
    # day would have ended the agreement with the funds still to be released)
    assert ("3.6 Termination. If the Escrow Agent has not received the Release Notice "
            "executed by the Company and the Purchasers on or before April 3, 2026 (the Outside Date under "
            "the Escrow Agreement, as it may be extended as that agreement provides), not counting a Release Notice on "
            "which the Escrow Agreement bars the Escrow Agent from wiring because the Company has notified it that a "
            "confirmation in that Release Notice has ceased to be true, nor one it has not wired by then because the "
            "Escrow Agreement bars the wire for want of a deposit account subject to the control agreement described in "
            "Section 3.5(c)(vi), this Agreement shall terminate") in text  # (a fourth partner's read: escrow 1.7's too)


def test_the_placement_agent_and_its_fee_in_words_and_figures(tmp_path):
    text = flat(built(tmp_path) / "note-purchase-agreement.docx")
    assert ("4.5 Placement Agent; No Other Brokers. The Company has engaged Meridian Capital Markets, LLC (the "
            "“Placement Agent”) as its placement agent for the offer and sale of the Notes.") in text
    # 8% of $2,000,000.00 is $160,000.00: the escrow's disbursement to the placement agent
    assert ("a cash fee equal to eight percent (8%) of the gross proceeds of the sale of the Notes, which are the "
            "aggregate Purchase Price of the Notes, Two Million Dollars ($2,000,000.00), being a fee of One Hundred "
            "Sixty Thousand Dollars ($160,000.00), which shall be paid out of the escrowed Purchase Prices as "
            "provided in the Escrow Agreement.") in text
    assert ("5.11 Brokers. Such Purchaser has not engaged any broker, finder or other person who is entitled to a fee "
            "or commission from the Company in connection with such Purchaser’s purchase of such Purchaser’s Note (the "
            "Placement Agent was engaged by the Company, as Section 4.5 provides).") in text  # partners' reads: "other
    # than the Placement Agent" had the purchaser engaging it; the company's covenant is 4.5's, not the purchaser's


def test_a_purchase_agreement_that_leaves_out_the_placement_fee_is_caught():
    from docx_helpers import load_example, render, spec_named

    from dealdocs.checks.provenance import check_expected_facts

    deal = load_example("bridge-example")
    lines = [line.replace("One Hundred Sixty Thousand Dollars ($160,000.00)", "its fee")
             for line in text_of(render(deal, "note-purchase-agreement")).splitlines()]
    missing = {f.message for f in check_expected_facts(deal, spec_named(deal, "note-purchase-agreement"), lines)}
    assert missing == {"the note purchase agreement does not state the placement agent's fee: "
                       "\"One Hundred Sixty Thousand Dollars ($160,000.00)\""}


def test_a_bank_escrow_agents_cover_gives_its_leave_to_call_back_not_a_law_firms_duty(tmp_path):
    """A new user's trial: a bank's packet cover said it must "confirm each wire out of escrow by telephone ...
    (Escrow Agreement, Section 1.6)", a duty only a law firm's agreement gives it; a bank's 1.6 has none, and 2.17
    lets it call back."""
    cover = flat(built(tmp_path, as_bank()) / "signature-packets" / "grace-liu.docx")
    assert (". It may also confirm each instruction to wire out of escrow by a telephone call-back to a person "
            "designated in writing for that purpose (Escrow Agreement, Section 2.17).") in cover  # leave, not a duty
    assert "confirm each wire out of escrow by telephone" not in cover
    # 1.6's other sentence is a bank's too: secured notes' proceeds only to the account under the control agreement
    assert ("wire the balance due to the Company only to its deposit account under the control agreement (Escrow "
            "Agreement, Section 1.6)") in cover


def test_a_bank_escrow_agents_identity_documents_and_tax_forms_are_asked_for_before_anyone_wires(tmp_path):
    """A new user's trial: a bank's escrow agreement takes no funds until it has identified each party (2.16, the USA
    PATRIOT Act) and has each one's Form W-9 (2.18), but no cover and no checklist row asked for them: each purchaser's
    cover sent its W-9 to company counsel, and a purchaser following it could wire first. A law firm's agreement has
    neither section, and no such row."""
    from docx_helpers import load_example

    from dealdocs.closing.deliverables import deliverables_for

    out = built(tmp_path, as_bank())
    chen = flat(out / "signature-packets" / "margaret-chen.docx")
    # a partner's read: "a copy" of a form 2.18 wants "properly completed", due when the bank signs (before anyone
    # wires), an item of its own (a code review: joined to the Form W-9 for company counsel, it read as going there)
    assert ("the identity information and documents the Escrow Agent requests and a second signed original of your tax "
            "form, which go to the Escrow Agent itself (Escrow Agreement, Sections 2.16 and 2.18), before the agreements "
            "are signed (March 2, 2026); Form W-9, before closing (March 4, 2026)") in chen  # (the earliest first)
    assert "Send each of these but the purchase price and what goes to the Escrow Agent to company counsel" in chen
    officer = flat(out / "signature-packets" / "priya-raman.docx")
    assert ("the company's Form W-9 and the identity information and documents the Escrow Agent requests (to the Escrow "
            "Agent, before it accepts any funds), before the agreements are signed (March 2, 2026)") in officer
    checklist = (out / "closing-checklist.md").read_text(encoding="utf-8")
    assert "and an IRS Form W-9 (or W-8), of Northwind Analytics, Inc. and of each purchaser, before it accepts any funds" in checklist
    law_firm = load_example("bridge-example")
    assert "escrow-agent-records" not in [d.name for d in deliverables_for(law_firm)]
    (tmp_path / "firm").mkdir()
    assert "2.18" not in flat(built(tmp_path / "firm") / "signature-packets" / "margaret-chen.docx")


def test_the_escrowed_purchase_agreement_titled_in_lower_case_is_escrowed_in_every_document(tmp_path):
    """A code review: "note purchase agreement" passed DD140 (which reads titles case and punctuation aside), but the
    note purchase agreement and the escrow agreement's Sections 1.6 and 1.7 compared the title letter for letter: the
    agreement was built with no escrow (its purchase price paid to the Company, no Section 3.5) while the escrow
    agreement and the covers held the funds in escrow. One test now, `Deal.escrows_the_notes`, read as DD140 reads."""
    from docx_helpers import load_example, render, replace, text_of

    bridge = load_example("bridge-example")
    lower = replace(bridge, escrow=replace(bridge.escrow, purchase_agreement=replace(
        bridge.escrow.purchase_agreement, title="note purchase agreement").model_dump()).model_dump())
    assert lower.escrows_the_notes
    for name in ("note-purchase-agreement", "escrow-agreement"):
        assert text_of(render(lower, name)) == text_of(render(bridge, name))  # its title printed as the agreement's
    # (a code review: "pursuant to a note purchase agreement dated as of ..." in the escrow agreement)
    assert lower.escrow.purchase_agreement.title == "Note Purchase Agreement"
