"""The security agreement: built for secured notes, reopened and read, its signature pages and filings checked.

Expectations are written by hand from each deal (who the holders are, the
dates, the filing office), and the documents are read back with the tests'
own helpers (docx_helpers) and, for the page layout, through LibreOffice and
pdftotext, so that nothing is measured with the code under test.
"""

from __future__ import annotations

import re
from datetime import date
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from docx_helpers import REPO, build_example, load_example, paragraphs, render, replace, text_of, with_purchasers

from dealdocs.closing.deliverables import deliverables_for
from dealdocs.closing.dues import officer_dues
from dealdocs.closing.kinds import documents_for
from dealdocs.closing.parties import signers
from dealdocs.pipeline import Builder
from dealdocs.termsheet.loader import load_deal

HOLDERS = ["Harborview Capital Partners, L.P.", "Quarry Lane Fund, LLC", "Margaret Chen"]
AGENT = "Ledger Point Agency Services, LLC"
CAPTION = "[Signature Page to Security Agreement dated as of March 4, 2026 among Northwind Analytics, Inc. and the Holders]"
COLLATERAL_AGENT = {
    "name": AGENT,
    "description": "a Delaware limited liability company",
    "address": {"street": ["1201 North Market Street, Suite 800"], "city": "Wilmington", "state": "Delaware",
                "postal_code": "19801"},
    "signatory": {"name": "Ruth Ames", "title": "Vice President"},
}


def flat(data: bytes) -> str:
    return " ".join(text_of(data).split())


def with_changes(tmp_path: Path, base: str, change) -> Path:
    """deals/<base>.yaml changed by `change(data)`, written to tmp_path: the term sheet's path."""
    data = yaml.safe_load((REPO / "deals" / f"{base}.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / f"{base}-changed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def notes_set(**fields):
    """A change (`with_changes`) setting these fields of the term sheet's notes."""
    def change(data: dict) -> None:
        data["notes"].update(fields)
    return change


def add_agent(data: dict) -> None:
    data["notes"]["collateral_agent"] = COLLATERAL_AGENT


@pytest.fixture(scope="module")
def with_agent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bridge example with a collateral agent, built: its output folder."""
    folder = tmp_path_factory.mktemp("agent")
    result = Builder(output_dir=folder / "output").build(with_changes(folder, "bridge-example", add_agent))
    assert result.ok, [str(f) for f in result.findings]
    return folder / "output" / "bridge-example-changed"


def signature_pages_in_pdf(docx: Path, tmp_path: Path) -> list[str]:
    """Each page's text, read through LibreOffice and pdftotext (both required: no skip)."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    assert soffice and pdftotext, "LibreOffice (soffice) and poppler (pdftotext) are needed to read the pages"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=300, check=True)
    pdf = tmp_path / f"{docx.stem}.pdf"
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


# ---------------------------------------------------------------- called for, signed by


def test_secured_notes_call_for_a_security_agreement_and_unsecured_notes_do_not():
    assert "security-agreement" in [s.name for s in documents_for(load_example("bridge-example"))]
    assert "security-agreement" in [s.name for s in documents_for(load_example("roo-2005-note"))]
    assert "security-agreement" not in [s.name for s in documents_for(load_example("convertible-example"))]
    assert "security-agreement" not in [s.name for s in documents_for(load_example("roo-2005-escrow"))]


def test_without_a_collateral_agent_each_holder_signs_with_one_the_agent_signs_for_them(tmp_path):
    bridge = load_example("bridge-example")
    spec = next(s for s in documents_for(bridge) if s.name == "security-agreement")
    assert [s.party.name for s in signers(bridge, spec)] == ["Northwind Analytics, Inc.", *HOLDERS]
    assert [s.name for s in signers(bridge, spec)] == ["Priya Raman", "Elena Marsh", "David Okafor", "Margaret Chen"]
    agent_deal, _ = load_deal(with_changes(tmp_path, "bridge-example", add_agent))
    spec = next(s for s in documents_for(agent_deal) if s.name == "security-agreement")
    assert [(s.party.role, s.party.name, s.name) for s in signers(agent_deal, spec)] == [
        ("Company", "Northwind Analytics, Inc.", "Priya Raman"), ("Collateral Agent", AGENT, "Ruth Ames")]


# ---------------------------------------------------------------- what the bridge's agreement says


def test_the_bridge_agreement_names_its_parties_dates_notes_and_filing_office(bridge):
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert text.startswith("SECURITY AGREEMENT THIS SECURITY AGREEMENT (this “Agreement”) is made as of March 4, 2026, "
                           "by and among Northwind Analytics, Inc., a Delaware corporation (the “Company”), and "
                           "Harborview Capital Partners, L.P., a Delaware limited partnership; Quarry Lane Fund, LLC, a "
                           "New York limited liability company; and Margaret Chen, an individual (each, with any later registered holder of its Note (as defined below), a “Holder” and together the “Holders”).")
    assert ("under the Note Purchase Agreement dated as of March 2, 2026 among the Company and the purchasers named "
            "in it (the “Purchase Agreement”), the Company will issue at the Closing (as defined in the Purchase "
            "Agreement), when the purchase prices of the notes are released from escrow, its secured promissory notes in the "
            "aggregate principal amount of Two Million Dollars ($2,000,000.00)") in text
    assert "to file with the Secretary of State of the State of Delaware, and in any other filing office" in text
    assert "“all assets of the debtor, whether now owned or hereafter acquired”" in text
    assert "is a registered organization within the meaning of the UCC" in text
    assert "2.5 Equal and Ratable Security." in text and "7. ACTION BY THE HOLDERS." in text
    assert "Collateral Agent" not in text and "Subordination" not in text and "Arbitration" not in text
    # its forum exclusive, as the escrow agreement's and the purchase agreement's are (a partner's read, session 62:
    # exclusive in one agreement of the financing, not in the others), but for suits against the Collateral
    assert ("hereby irrevocably submits to the exclusive jurisdiction of the Supreme Court of the State of New York, "
            "County of New York and the United States District Court for the Southern District of New York in "
            "connection with any action or proceeding arising out of or relating to this Agreement, agrees that any "
            "such action or proceeding shall be brought only in such courts, and waives any objection to the laying "
            "of venue of any such action or proceeding in such courts and any claim that any such action or "
            "proceeding has been brought in an inconvenient forum; but the Secured Party may bring an action to "
            "enforce its rights against any Collateral in any court having jurisdiction over that Collateral.") in text


def test_the_sections_run_in_order(bridge):
    headings = [p.text for p in paragraphs((bridge / "security-agreement.docx").read_bytes()) if p.style == "Heading 1"]
    assert headings == ["1. DEFINITIONS.", "2. GRANT OF SECURITY INTEREST.", "3. REPRESENTATIONS AND WARRANTIES.",
                        "4. COVENANTS.", "5. EVENTS OF DEFAULT.", "6. REMEDIES.", "7. ACTION BY THE HOLDERS.",
                        "8. TERMINATION.", "9. MISCELLANEOUS."]


def test_the_grant_lists_the_article_9_categories_a_to_q(bridge):
    lines = [" ".join(p.text.split()) for p in paragraphs((bridge / "security-agreement.docx").read_bytes())]
    markers = [m.group(1) for line in lines if (m := re.match(r"^\(([a-q])\) ", line))]
    assert markers == list("abcdefghijklmnopq")
    assert "(c) the commercial tort claims described in any supplement delivered under Section 4.8;" in lines


def test_each_signature_page_starts_its_own_page_with_its_caption_and_holds_no_operative_text(bridge):
    paras = [p for p in paragraphs((bridge / "security-agreement.docx").read_bytes()) if p.text.strip()]
    starts = [i for i, p in enumerate(paras) if p.starts_page]
    assert [paras[i].text for i in starts] == [CAPTION] * 4  # the company's page, then each holder's
    pages = [paras[a:b] for a, b in zip(starts, [*starts[1:], len(paras)])]
    assert paras[starts[0] - 1].text == "[SIGNATURE PAGES FOLLOW]"
    assert [" ".join(page[1].text.split()) for page in pages] == [
        "IN WITNESS WHEREOF, the Company has caused this Agreement to be duly executed as of the date first above written.",
        "IN WITNESS WHEREOF, the undersigned Holder has caused this Agreement to be duly executed as of the date first "
        "above written.",
        "IN WITNESS WHEREOF, the undersigned Holder has caused this Agreement to be duly executed as of the date first "
        "above written.",
        "IN WITNESS WHEREOF, the undersigned Holder has duly executed this Agreement as of the date first above written.",
    ]
    assert [[p.style for p in page] for page in pages] == [["Bracket Note", "Normal", "Signature"]] * 4
    blocks = [" ".join(page[-1].text.split()) for page in pages]
    assert blocks == [
        "THE COMPANY: NORTHWIND ANALYTICS, INC. By: ______________________________ Name: Priya Raman "
        "Title: Chief Executive Officer",
        "HOLDER, and accepting its designation to sign control agreements: HARBORVIEW CAPITAL PARTNERS, L.P. By: "
        "Harborview Capital GP, LLC, its general partner "
        "By: ______________________________ Name: Elena Marsh Title: Managing Member",
        "HOLDER: QUARRY LANE FUND, LLC By: ______________________________ Name: David Okafor Title: Managing Member",
        "HOLDER: ______________________________ Margaret Chen",
    ]


def test_the_printed_pages_put_each_signature_block_on_its_own_page(bridge, tmp_path):
    pages = signature_pages_in_pdf(bridge / "security-agreement.docx", tmp_path)
    signing = [page for page in pages if "______" in page]
    assert len(signing) == 4 and signing == pages[-4:]
    assert all(page.startswith(CAPTION) for page in signing)
    assert all("IN WITNESS WHEREOF" in page for page in signing)  # each page stands alone
    for page, name in zip(signing[1:], ("HARBORVIEW CAPITAL PARTNERS, L.P.", "QUARRY LANE FUND, LLC", "Margaret Chen")):
        assert name in page and "NORTHWIND" not in page
    assert pages[-5].rstrip(" 0123456789").endswith("[SIGNATURE PAGES FOLLOW]")


def test_the_2005_note_names_the_companys_former_name_in_its_representation_and_its_searches(roo_note):
    """A partner's read of the 2005 note: ROO Group had been Virilitec Industries, Inc. (EDGAR), so its representation
    of no other legal name in five years was untrue, and the lien searches missed filings under the old name. The
    term sheet's company.former_names now says so, in the representation and in the searches."""
    text = flat((roo_note / "security-agreement.docx").read_bytes())
    assert ("During the five years before the date of this Agreement the Company has had no legal name other than its "
            "present name and Virilitec Industries, Inc., and it has not changed") in text
    checklist = (roo_note / "closing-checklist.md").read_text(encoding="utf-8")
    assert "| Lien searches against ROO Group, Inc. and Virilitec Industries, Inc.: UCC with the Secretary of State" in checklist


def test_without_a_collateral_agent_collateral_held_or_insured_goes_to_the_holders_designee(bridge, with_agent):
    """A partner's read: with no collateral agent the Secured Party is "the Holders, acting together", and no one could
    hold the instruments and certificated securities 4.9(a) has the Company deliver to it, or be named loss payee
    under 4.2: the Holder or other person the Majority Holders designate under 7.1 does, for all Holders. A
    collateral agent holds them itself."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    # named as what it is, not "the Secured Party (that is, ...)": a partner's read (session 61) found the Secured Party,
    # "the Holders, acting together", redefined in passing, and the loss payee and the bailee left uncertain
    assert ("cause each policy of property insurance to name a Holder or other person whom the Majority Holders "
            "designate in writing under Section 7.1, for all Holders, as lender’s loss payee and each "
            "policy of liability insurance to name each Holder as an additional insured, and deliver certificates "
            "evidencing that insurance to each Holder.") in text  # not "it" (two code reviews)
    assert ("(a) deliver to the Holder or other person whom the Majority Holders designate in writing under Section 7.1 "
            "to hold it, as bailee and agent for all Holders, duly endorsed") in text
    assert "that is," not in text
    # and on the Discharge Date, whoever holds it returns it (a partner's check of the fix: "in its possession" did
    # not reach the designee)
    assert ("return to the Company any Collateral in its possession (or cause the Holder or other person holding it "
            "under Section 4.9(a) to return it), and execute") in text
    agent = flat((with_agent / "security-agreement.docx").read_bytes())
    assert "(a) deliver to the Secured Party, duly endorsed" in agent and "designate in writing under Section 7.1" not in agent
    assert ("to name the Secured Party as an additional insured, and deliver to the Secured Party certificates evidencing "
            "that insurance.") in agent


def test_the_holders_packets_hold_their_security_agreement_page(bridge):
    for slug, name in (("elena-marsh", "HARBORVIEW CAPITAL PARTNERS, L.P."), ("margaret-chen", "Margaret Chen")):
        text = text_of((bridge / "signature-packets" / f"{slug}.docx").read_bytes())
        assert text.count(CAPTION) == 1
        page = text.split(CAPTION, 1)[1]
        assert page.split()[:3] == ["IN", "WITNESS", "WHEREOF,"] and "HOLDER" in page and name in page
        assert "NORTHWIND" not in page


# ---------------------------------------------------------------- a collateral agent


def test_with_a_collateral_agent_the_agent_is_the_secured_party_and_signs_alone_for_the_holders(with_agent):
    data = (with_agent / "security-agreement.docx").read_bytes()
    text = flat(data)
    assert ("by and between Northwind Analytics, Inc., a Delaware corporation (the “Company”), and Ledger Point Agency "
            "Services, LLC, a Delaware limited liability company, as collateral agent (in that capacity, the "
            "“Collateral Agent”) for the holders from time to time of the Notes (as defined below) (each a “Holder” "
            "and together the “Holders”).") in text
    assert "“Secured Party” means the Collateral Agent, acting for the equal and ratable benefit of the Holders." in text
    assert "7. THE COLLATERAL AGENT." in text and "7.1 Appointment. Each Holder, by purchasing or otherwise accepting" in text
    assert "(b) name the Collateral Agent, as collateral agent for the Holders, as secured party" in text
    assert "notices to the Collateral Agent shall be sent to it at 1201 North Market Street, Suite 800, Wilmington" in text
    blocks = [" ".join(p.text.split()) for p in paragraphs(data) if p.style == "Signature"]
    assert blocks == [
        "THE COMPANY: NORTHWIND ANALYTICS, INC. By: ______________________________ Name: Priya Raman "
        "Title: Chief Executive Officer",
        "COLLATERAL AGENT: LEDGER POINT AGENCY SERVICES, LLC By: ______________________________ Name: Ruth Ames "
        "Title: Vice President",
    ]
    for holder in HOLDERS:
        assert holder.upper() not in text


def test_the_collateral_agent_has_a_packet_and_the_holders_sign_no_security_agreement_page(with_agent):
    packets = with_agent / "signature-packets"
    agent = text_of((packets / "ruth-ames.docx").read_bytes())
    assert "Ledger Point Agency Services, LLC, as the Collateral Agent (Vice President)" in agent
    assert agent.count("[Signature Page to ") == 1 and ("[Signature Page to Security Agreement dated as of March 4, 2026 between Northwind "
                                                         "Analytics, Inc. and Ledger Point Agency Services, LLC, as Collateral Agent]") in agent
    for slug in ("elena-marsh", "david-okafor", "margaret-chen"):
        assert "Security Agreement" not in text_of((packets / f"{slug}.docx").read_bytes())


def test_the_checklist_names_the_agent_as_secured_party_of_the_ucc_1(with_agent):
    markdown = (with_agent / "closing-checklist.md").read_text(encoding="utf-8")
    assert ("| 7. | Security Agreement | March 4, 2026 | Northwind Analytics, Inc. (Company); Ledger Point Agency "
            "Services, LLC (Collateral Agent, for the holders of the Notes) | Company (Priya Raman); Collateral "
            "Agent (Ruth Ames) | None |") in markdown
    assert ("Northwind Analytics, Inc. as debtor, Ledger Point Agency Services, LLC, as collateral agent for the "
            "holders of the Notes, as secured party, collateral all assets of the debtor") in markdown


# ---------------------------------------------------------------- one holder: the 2005 note


def test_the_2005_note_agreement_is_between_two_parties_subordinated_and_arbitrated(roo_note):
    data = (roo_note / "security-agreement.docx").read_bytes()
    text = flat(data)
    assert ("made as of May 18, 2005, by and between ROO Group, Inc., a Delaware corporation (the “Company”), and "
            "Robert Petty, an individual (together with any later registered holder of the Note (as defined below), the “Holder”).") in text
    assert ("its secured promissory note in the principal amount of One Million One Hundred Thousand Dollars "
            "($1,100,000.00) (the “Note”)") in text
    assert "2.5 Subordination. The security interest created by this Agreement is subordinate to any lien" in text
    assert "“Pro Rata Share”" not in text and "Majority Holders" not in text and "Equal and Ratable" not in text
    assert "7. TERMINATION." in text and "8.3 Arbitration; Enforcement." in text and "8.4 Amendments" in text
    pages = [p for p in paragraphs(data) if p.starts_page]
    # the holder signs on the company's page
    assert [p.text for p in pages] == ["[Signature Page to Security Agreement dated as of May 18, 2005 between ROO "
                                       "Group, Inc. and Robert Petty]"]
    assert [" ".join(p.text.split()) for p in paragraphs(data) if p.style == "Signature"][-1] == (
        "HOLDER: ______________________________ Robert Petty")


# ---------------------------------------------------------------- the checklist and the facts


def test_the_checklist_lists_the_ucc_1_filing_with_its_office(bridge):
    markdown = (bridge / "closing-checklist.md").read_text(encoding="utf-8")
    assert "### Collateral" in markdown
    assert ("| UCC-1 financing statement filed with the Secretary of State of the State of Delaware: Northwind "
            "Analytics, Inc. as debtor, each Purchaser, or any Purchaser as representative of all Purchasers, as "
            "secured party, collateral all assets of the debtor, now "
            "owned or hereafter acquired | ucc-1 | Purchasers' counsel, Whitfield & Crane LLP (files it) | Before closing, before the escrow "
            "agent releases the funds to the company (March 4, 2026), so that the security interest is perfected the "
            "moment it attaches (Section 2.3 of the Security Agreement authorizes the filing once the Company signs it; "
            "one made before then needs the Company's authorization in a signed record, UCC § 9-509(a); until it is "
            "filed, a lien creditor or a bankruptcy trustee comes ahead of it); a condition of the closing under the note "
            "purchase agreement. If the purchasers waive it and the statement is filed after the closing, file it at "
            "once, and no later than April 3, 2026, 30 days after the security interest attaches, so that the grant still dates "
            "from attachment (11 U.S.C. § 547(e)(2)) |") in markdown
    # a 2005 security agreement's UCC was the one before the 2022 amendments: an "authenticated" record (a code review)
    [roo] = [d for d in deliverables_for(load_example("roo-2005-note")) if d.name == "ucc-1"]
    assert "needs the Company's authorization in an authenticated record, UCC § 9-509(a)" in roo.due.text
    # a partner's read (session 55): "only if a purchaser waives it, filed no later than ..." was garbled
    # a partner's read: "in no case later than April 3" read as the deadline, though filing is a closing condition
    # filed before the money leaves escrow, not within 30 days after (a partner's read: "file before release")
    # March 4, 2026 + 30 days, counted from attachment when the purchasers pay, not from the agreement (a partner's read)
    # UCC where the company is located; tax liens and judgments where its office is (a partner's read: Delaware only)
    assert ("| Lien searches against Northwind Analytics, Inc.: UCC with the Secretary of State of the State of "
            "Delaware, where it is located for filing (UCC § 9-307(e)); federal and state tax liens and judgments "
            "where its principal executive office is, New York, New York (federal tax liens against it are filed "
            "there: 26 U.S.C. § 6323(f)(2)), with the state's filing office and the county clerk |") in markdown


def test_an_unsecured_deal_has_no_filings(tmp_path):
    markdown = (build_example("convertible-example", tmp_path) / "closing-checklist.md").read_text(encoding="utf-8")
    assert "### Collateral" not in markdown and "UCC" not in markdown


def test_a_filing_office_named_in_the_term_sheet_is_the_one_the_agreement_states(tmp_path):
    office = "Delaware Department of State, Division of Corporations, UCC Section"

    def name_office(data: dict) -> None:
        data["notes"]["ucc_filing_office"] = office
        data["company"]["former_names"] = ["Northwind Data, Inc."]

    deal, _ = load_deal(with_changes(tmp_path, "bridge-example", name_office))
    text = flat(render(deal, "security-agreement"))
    assert f"to file with the {office}, and in any other filing office" in text
    assert f"with the {office}, that security interest will be perfected" in text
    assert "no legal name other than its present name and Northwind Data, Inc." in text
    assert "Secretary of State" not in text


def test_a_security_agreement_that_leaves_out_a_fact_is_caught(tmp_path):
    from dealdocs.checks.provenance import check_expected_facts

    deal = load_example("bridge-example")
    spec = next(s for s in documents_for(deal) if s.name == "security-agreement")
    lines = [line.replace("Secretary of State of the State of Delaware", "the filing office")
             .replace("Quarry Lane Fund, LLC", "Quarry Lane").replace("QUARRY LANE FUND, LLC", "QUARRY LANE")
             for line in text_of(render(deal, "security-agreement")).splitlines()]
    missing = {f.message for f in check_expected_facts(deal, spec, lines)}
    assert missing == {
        "the security agreement does not state the UCC filing office: \"Secretary of State of the State of Delaware\"",
        "the security agreement does not state Quarry Lane Fund, LLC as a holder: \"Quarry Lane Fund, LLC\"",
    }


# ---------------------------------------------------------------- trusts, joint holders, funds: main's signature blocks


def test_trustees_joint_holders_and_funds_sign_the_security_agreement_as_they_sign_the_purchase(tmp_path):
    def secure(data: dict) -> None:
        data["notes"]["secured"] = True

    result = Builder(output_dir=tmp_path / "out").build(with_changes(tmp_path, "fund-example", secure))
    assert result.ok, [str(f) for f in result.findings if f.is_error]  # DD310-DD312 find every page
    folder = tmp_path / "out" / "fund-example-changed"
    data = (folder / "security-agreement.docx").read_bytes()
    text = flat(data)
    # names holding commas and "and" are listed with semicolons
    assert ("and Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d "
            "June 14, 2011; Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of survivorship; "
            "Juniper Ridge Partners II, L.P., a Delaware limited partnership; Tidewater Cove Opportunities Fund, Ltd., a "
            "Cayman Islands exempted company; and Alistair J. Pembroke, an individual "
            "(each, with any later registered holder of its Note (as defined below), a “Holder” and together the “Holders”).") in text
    blocks = [" ".join(p.text.split()) for p in paragraphs(data) if p.style == "Signature"]
    assert blocks[1] == ("HOLDER: Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable "
                         "Trust u/a/d June 14, 2011 ______________________________ Ruth A. Calloway, as trustee "
                         "______________________________ Peter M. Calloway, as trustee")
    assert blocks[2] == ("HOLDER: Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of survivorship "
                         "______________________________ Samuel K. Whitaker ______________________________ "
                         "Laura J. Whitaker")
    assert blocks[3] == ("HOLDER: JUNIPER RIDGE PARTNERS II, L.P. By: Juniper Ridge GP II, LLC, its general partner "
                         "By: Juniper Ridge Holdings, LLC, its managing member By: ______________________________ "
                         "Name: Nadia Feld Title: Managing Member")
    assert "the undersigned, who together are a Holder, have duly executed this Agreement" in text
    packets = folder / "signature-packets"
    for person in ("ruth-a-calloway", "peter-m-calloway", "samuel-k-whitaker", "laura-j-whitaker", "nadia-feld"):
        packet = text_of((packets / f"{person}.docx").read_bytes())
        assert packet.count("[Signature Page to Security Agreement dated as of June 10, 2026 among Larkspur Robotics, "
                            "Inc. and the Holders]") == 1, person


def test_with_a_collateral_agent_the_note_and_agreement_name_the_security_agreement_between_company_and_agent(
        with_agent):
    note = flat((with_agent / "promissory-note-chen.docx").read_bytes())
    assert ("in each case as described as collateral in, and subject to, the "
            "Security Agreement dated as of March 4, 2026 between the Maker and Ledger Point Agency Services, LLC, as "
            "collateral agent for the holders of the Notes (as amended from time to time, the “Security "
            "Agreement”)") in note
    agreement = flat((with_agent / "note-purchase-agreement.docx").read_bytes())
    assert ("described as collateral in a Security Agreement dated as of March 4, 2026 between the Company and Ledger "
            "Point Agency Services, LLC (the “Security Agreement”), a security interest the Company grants under it to Ledger Point "
            "Agency Services, LLC, as collateral agent for the Purchasers.") in agreement
    # signed with the other pages, as the agreement binds when signed: not delivered again at the Closing (a
    # partner's read, session 58); without an escrow it is delivered at the Closing, executed by both
    assert "This Agreement, the Security Agreement and the Escrow Agreement have each been duly executed" in agreement
    assert "At the Closing, the Company shall deliver to each Purchaser such Purchaser\u2019s Note." in agreement


def test_a_default_under_the_security_agreement_accelerates_as_the_notes_do(bridge):
    """The notes made a security agreement default an event of default, due at once; the security agreement made the
    same default due only on the secured party's notice (a partner's read): now it defers to the notes."""
    text = " ".join(text_of((bridge / "security-agreement.docx").read_bytes()).split())
    assert ("An Event of Default described in clause (b), (c) or (d) of Section 5.1 is also an event of default under "
            "the Notes, upon which the Obligations may be declared due and payable as the Notes provide.") in text
    # the notes accelerate such a default only when declared (a partner's read): not "immediately", nor with notice waived
    assert "become immediately due and payable as the Notes provide" not in text
    assert "may, by written notice to the Company, declare" not in text
    # the Majority Holders who direct the secured party are counted as the purchase agreement counts them
    # ... and, before the notes are issued (none outstanding), all the holders (a partner's read: no one could then
    # designate the person who instructs the bank under a control agreement due before release)
    assert ("\u201cMajority Holders\u201d means, at any time after the Notes are issued, Holders of more than half in "
            "aggregate principal amount of the Notes then outstanding, not counting any Note held by the Company or an "
            "affiliate of the Company, and, before the Notes are issued, all of the Holders.") in text
    note = " ".join(text_of((bridge / "promissory-note-chen.docx").read_bytes()).split())
    # a covenant whose breach nothing cures (insurance, a sale, a lien, a change of name) has no thirty days to cure
    # it, in the agreement and in the notes alike (a partner's read); nor do the control agreements, which have their
    # own days (4.10)
    assert ("(g) The Maker fails to perform or observe any covenant in Section 4.2, 4.3, 4.4, 4.5 or 4.10 of the "
            "Security Agreement, or fails to perform or observe any other covenant in it and the failure continues for "
            "thirty (30) days") in note
    assert ("(b) the Company fails to perform or observe any covenant in Section 4.2, 4.3, 4.4, 4.5 or 4.10, or fails "
            "to perform or observe any other covenant in this Agreement and the failure continues for thirty (30) days") in text
    assert "other than Permitted Liens that have priority under applicable law" in text
    assert "shall become due and payable upon the occurrence of any of the following" in note


def test_a_2005_security_agreement_cites_article_9_as_it_then_stood():
    """A partner's read: the 2005 agreement named the 2022 amendments' controllable electronic records and the 2010
    amendments' "public organic record". Dated before July 1, 2013, it names the charter on file; before 2023, no
    controllable records, and the grant's last items are lettered (o) and (p)."""
    old = flat(render(load_example("roo-2005-note"), "security-agreement"))
    assert "controllable" not in old and "public organic record" not in old
    assert ("The Company\u2019s exact legal name is ROO Group, Inc., as shown in its certificate of incorporation, as "
            "amended, on file with the State of Delaware.") in old
    assert "(n) all money; (o) all books and records relating to any of the foregoing; and (p) all supporting" in old
    new = flat(render(load_example("bridge-example"), "security-agreement"))
    assert "(o) all controllable accounts, controllable electronic records and controllable payment intangibles" in new
    assert "as shown on the public organic record most recently filed with, issued by or enacted by the State of Delaware." in new


def test_one_holder_is_the_payee_and_whoever_holds_the_note_after_it():
    """A partner's read: "Holder" meant Robert Petty alone, yet the agreement spoke of "any Holder" and of a
    transferee becoming "a Holder"; and its signature page named "the Holder" rather than the party."""
    text = flat(render(load_example("roo-2005-note"), "security-agreement"))
    assert ("and Robert Petty, an individual (together with any later registered holder of the Note (as defined "
            "below), the \u201cHolder\u201d).") in text
    assert "and the Secured Party does not assume any of those obligations by reason of this Agreement." in text
    assert "must otherwise be returned by the Holder upon the insolvency" in text
    assert ("If the Holder transfers the Note in compliance with its terms and the Purchase Agreement, its rights "
            "under this Agreement pass with it, and the transferee becomes the Holder.") in text
    assert "any Holder" not in text and "a Holder" not in text
    assert "[Signature Page to Security Agreement dated as of May 18, 2005 between ROO Group, Inc. and Robert Petty]" in text
    several = flat(render(load_example("bridge-example"), "security-agreement"))
    assert ("Quarry Lane Fund, LLC, a New York limited liability company; and Margaret Chen, an individual (each, with "
            "any later registered holder of its Note (as defined below), a \u201cHolder\u201d and together the "
            "\u201cHolders\u201d).") in several


def test_the_note_points_to_the_security_agreement_for_the_assets_it_excludes():
    """The note's list of collateral ("all assets of the Maker, including ... commercial tort claims") is the filed
    note's; the security agreement excludes some assets and takes a tort claim only once described (a partner's
    read: the note overstated the collateral). The note says so."""
    text = flat(render(load_example("bridge-example"), "promissory-note-chen"))
    assert ("to which reference is made for the terms of that security interest, including the assets it excludes, "
            "and the rights of the Payee") in text


def test_a_partners_read_of_the_bridge_security_agreement(bridge, with_agent):
    """A finance partner's read sent these back: a judgment lien was permitted when it was no Event of Default and an
    Event of Default when it was no permitted lien (a circle); the order of application left out the holders' fees
    and costs; the majority could rewrite what the unanimity clause protects by changing Section 7.1 or the
    definitions it works through; a later holder had no address for notices; Article 8's terms were undefined."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert ("(i) judgment liens securing judgments that are released, satisfied of record or bonded within thirty (30) "
            "days after their entry") in text
    assert "do not constitute an Event of Default" not in text
    assert "first to fees, costs, expenses and indemnities, then to interest and then to principal" in text
    # (a third read, session 56: 7.2's indemnity of the designee, and the designee's own consent, not a majority's)
    assert ("change Section 2.5, Section 6.4, Sections 7.1 and 7.2, Section 8.2, the definitions of \u201cMajority Holders\u201d, "
            "\u201cObligations\u201d and \u201cPro Rata Share\u201d, or this Section 9.4, and no amendment or waiver "
            "adverse to the designee under Section 7.1, or to a former Holder whose obligation continues under Section "
            "8.2, may be made without its written consent.") in text
    assert "for a Holder it does not name, to that Holder\u2019s address in the register of the Notes" in text
    assert "Any other term defined in Article 8 or Article 9 of the UCC" in text
    assert ("and Harborview Capital Partners, L.P., a Delaware limited partnership; Quarry Lane Fund, LLC, a New York "
            "limited liability company; and Margaret Chen, an individual (each,") in text  # as the notes describe them
    agent = flat((with_agent / "security-agreement.docx").read_bytes())
    assert "Section 6.4, Sections 7.1 and 7.2, Section 8.2, the definitions of" in agent


def test_a_lien_the_company_does_not_grant_has_the_notes_grace_before_it_breaches_the_covenant(bridge):
    """A partner's read: 4.4 ("not ... permit to exist any lien") has no grace, so an attachment or levy was at once
    an Event of Default, where the notes give `lien_days` (30) to release one: the term sheet's 30 days undone."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert ("4.4 No Other Liens. Not create, incur or assume any lien on any Collateral other than Permitted Liens, and "
            "not permit any other lien on any Collateral to remain unreleased, unsatisfied of record or unbonded for "
            "more than thirty (30) days after it attaches.") in text
    note = flat(next(bridge.glob("promissory-note-*.docx")).read_bytes())
    assert "which shall not be released, satisfied of record or bonded within thirty (30) days thereafter" in note


def test_if_the_purchase_agreement_ends_before_the_closing_so_does_the_security_agreement(bridge):
    """A partner's read: the holders sign before the closing, which waits on the escrow (to the outside date), and
    nothing ended the agreement, nor its filed UCC-1, when the purchase agreement terminated and the funds went
    back; and "Discharge Date" (all Obligations paid) had come the day it was signed, when nothing was owed."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert "\u201cDischarge Date\u201d means the first date, after the Notes are issued, on which the principal" in text
    assert ("8.4 Termination Before the Closing. The security interest created by this Agreement attaches to the "
            "Collateral only at the Closing, upon the release of the purchase prices of the Notes from escrow, this "
            "Agreement expressly postponing attachment until then. If the Purchase Agreement terminates before the "
            "Closing, this Agreement terminates with it, and the date of that termination is the Discharge Date for the "
            "purposes of Sections 2.3 and 8.1; and, within five (5) days after it, each Holder shall file, or authorize "
            "the Company to file, a termination statement for each financing statement filed under this Agreement that "
            "names it as secured party, and hereby authorizes the Company to file any that it has not filed by then. "
            "9. MISCELLANEOUS.") in text
    # before the closing no note is outstanding, so no Majority Holders can act as the Secured Party: each holder of
    # record terminates its own filing (UCC 9-510(b)), and the company may file what it does not (9-509(d)(1));
    # 2.3 lets the company file a termination only "after the Discharge Date"
    assert "except as Section 8 provides or as Section 9-509(d)(2) of the UCC permits after the Discharge Date." in text
    # attachment postponed: the representations speak at signing and again at the closing, perfection from both
    assert ("The Company represents and warrants to the Secured Party, on the date of this Agreement and again at the "
            "Closing, as follows:") in text
    assert "Upon the later of the Closing and the filing of a financing statement that names the Company" in text
    assert "3.6 Termination. If the Escrow Agent has not received the Release Notice" in flat(
        (bridge / "note-purchase-agreement.docx").read_bytes())  # the termination it speaks of
    deal = load_example("bridge-example")
    one = flat(render(with_purchasers(deal, deal.purchasers[:1], aggregate_subscription=deal.purchasers[0].subscription),
                      "security-agreement"))
    assert ("7.3 Termination Before the Closing. The security interest created by this Agreement attaches to the "
            "Collateral only at the Closing, upon the release of the purchase price of the Note from escrow, this "
            "Agreement expressly postponing attachment until then. If the Purchase Agreement terminates before the "
            "Closing, this Agreement terminates with it, and the date of that termination is the Discharge Date for the "
            "purposes of Sections 2.3 and 7.1; and, within five (5) days after it, the Holder shall file") in one
    # one holder, no agent: no article on action by the holders
    assert "\u201cDischarge Date\u201d means the first date, after the Note is issued, on which" in one
    # no escrow, no closing that waits on it: the 2005 note was issued the day its security agreement was made
    roo = flat(render(load_example("roo-2005-note"), "security-agreement"))
    assert "Termination Before the Closing" not in roo and "after the Note is issued, on which" in roo
    assert "again at the Closing" not in roo and "Upon the filing of a financing statement" in roo


def test_with_a_collateral_agent_the_agent_files_the_termination_and_takes_the_control_agreements(with_agent):
    text = flat((with_agent / "security-agreement.docx").read_bytes())
    assert ("purposes of Sections 2.3 and 8.1; and, within five (5) days after it, the Collateral Agent shall file, or "
            "authorize the Company to file, a termination statement") in text
    # the agent is one person a bank can take instructions from: no designation by the Majority Holders
    assert "4.10 Control Agreements." in text and "designate in writing for that purpose" not in text


def test_deposit_accounts_come_under_control_within_the_days_the_term_sheet_gives(bridge, tmp_path):
    """A partner's read: a security interest in a deposit account, where the notes' proceeds go, is perfected only by
    control (UCC 9-312(b)(1)), and 4.9(d) asked only for "commercially reasonable efforts" on request. With
    `control_agreement_days` the company must deliver them; without it, check warns (DD174)."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert ("(c) execute short-form security agreements for recording with the United States Patent and Trademark "
            "Office and the United States Copyright Office; and (d) execute and deliver such other instruments") in text
    assert ("deliver to the Secured Party, "
            "for each deposit account included in the Collateral, an agreement among the Company, the Secured Party and "
            "the depositary bank by which the bank agrees to comply with instructions originated by the Secured Party "
            "directing disposition of the funds in the account without further consent of the Company (control under "
            "Section 9-104 of the UCC), and, for each securities account included in the Collateral,") in text
    # a second partner's read: the bank's own lien and set-off rank first without a subordination (9-327(3), 9-340);
    # a bank takes instructions from one person, not "the Holders, acting together"; an account that becomes
    # Collateral later is caught too
    assert ("each subordinating the bank\u2019s or intermediary\u2019s own security interest in, and right of set-off "
            "against, the account to the security interest created by this Agreement, except for its customary fees and "
            "charges and items returned unpaid") in text
    assert ("and each signed for the Secured Party by Harborview Capital Partners, L.P. (or by its successor under "
            "Section 7.1), whom Section 7.1 designates to sign it and to give the Secured Party\u2019s instructions and "
            "entitlement orders under it, acting as Section 7.1 provides, who may be named in it as secured party, as "
            "designee and agent for the Secured Party, and on whom the bank or intermediary may rely without inquiry (the "
            "designee\u2019s signature being conclusive evidence, as between the Company and the Secured Party and for the reliance of "
            "the bank or intermediary, that the agreement\u2019s form is reasonably satisfactory to the Secured Party; and "
            "a delivery late only because the Holder or other person so "
            "designated has not signed is not a breach of this Section by the Company); and deliver such an agreement for any other deposit account or "
            "securities account that becomes Collateral, when it is opened or, if it becomes Collateral otherwise, within "
            "thirty (30) days after it does.") in text
    # no second grace period after the thirty days: a breach of 4.10 is an Event of Default at once, here and in the notes
    assert "fails to perform or observe any covenant in Section 4.2, 4.3, 4.4, 4.5 or 4.10, or fails" in text
    note = flat(next(bridge.glob("promissory-note-*.docx")).read_bytes())
    assert "any covenant in Section 4.2, 4.3, 4.4, 4.5 or 4.10 of the Security Agreement" in note
    assert "commercially reasonable efforts to obtain agreements giving" not in text
    checklist = (bridge / "closing-checklist.md").read_text(encoding="utf-8")
    [row] = [line for line in checklist.splitlines() if "| control-agreements |" in line]
    assert "giving the Secured Party (the holders of the Notes) control (UCC § 9-104, § 8-106), as Section 4.10 of the Security Agreement" in row
    # the account the escrow releases the purchase prices into first (a partner's read: else the proceeds lie
    # unperfected for the whole thirty days), the others within them
    assert ("4.10 Control Agreements. Within thirty (30) days after the Notes are issued (and, for the deposit account "
            "into which the net proceeds of the purchase prices of the Notes are to be released from escrow, before they are released), "
            "deliver to the Secured Party,") in text
    assert ("| Before closing, before the escrow agent releases the funds, for the account they go to (March 4, 2026); "
            "for the other accounts, April 3, 2026: within 30 days after the notes are issued (if issued on March 4, 2026, the expected closing) |") in row

    # the 2005 note's term sheet gives no days: the agreement as it was, and a warning where the notes are secured
    roo = flat(render(load_example("roo-2005-note"), "security-agreement"))
    assert "(d) use commercially reasonable efforts to obtain agreements giving the Secured Party control" in roo
    assert "Control Agreements" not in roo and "any covenant in Section 4.2, 4.3, 4.4 or 4.5, or fails" in roo
    found = Builder().load(REPO / "deals" / "roo-2005-note.yaml").findings
    [warned] = [f for f in found if f.code == "DD174"]
    assert not warned.is_error and warned.location.key == "notes.secured"
    assert "perfected only by control (UCC § 9-312(b)(1))" in warned.message

    # no escrow: no release to come first; the days count from the note's issue (May 18, 2005 + 30)
    roo_days = load_deal(with_changes(tmp_path, "roo-2005-note", notes_set(control_agreement_days=30)))[0]
    roo_text = flat(render(roo_days, "security-agreement"))
    assert ("Control Agreements. Within thirty (30) days after the Note is issued, deliver to the Secured Party, for each "
            "deposit account included in the Collateral,") in roo_text
    [due] = [d.due for d in deliverables_for(roo_days) if d.name == "control-agreements"]
    assert (due.day, due.text) == (date(2005, 6, 17), "June 17, 2005: within 30 days after the note is issued (if issued on May 18, 2005, the expected closing)")

    zero = Builder().load(with_changes(tmp_path, "bridge-example", notes_set(control_agreement_days=0))).findings
    assert [(f.code, f.is_error, f.location.key) for f in zero if f.code == "DD174"] == [
        ("DD174", True, "notes.control_agreement_days")]

    unsecured_found = Builder().load(with_changes(tmp_path, "bridge-example", notes_set(secured=False))).findings
    assert ("DD170", "notes.control_agreement_days") in [(f.code, f.location.key) for f in unsecured_found]


def test_an_agreement_that_leaves_out_the_control_agreement_days_is_caught():
    from dealdocs.checks.provenance import check_expected_facts

    deal = load_example("bridge-example")
    spec = next(s for s in documents_for(deal) if s.name == "security-agreement")
    lines = [line.replace("Within thirty (30) days after the Notes are issued", "Within sixty (60) days after the Notes are issued")
             for line in text_of(render(deal, "security-agreement")).splitlines()]
    assert {f.message for f in check_expected_facts(deal, spec, lines)} == {
        "the security agreement does not state the days for control agreements: \"thirty (30) days after the Notes are issued\""}


def test_the_representation_of_a_valid_security_interest_is_true_when_made():
    """A partner's read: "This Agreement creates a valid security interest", represented at signing, was untrue at
    signing where 8.4 postpones attachment to the closing; it now says when it attaches. Without an escrow nothing
    is postponed, and it is said as before."""
    bridge = flat(render(load_example("bridge-example"), "security-agreement"))
    # collateral acquired later attaches when the company acquires rights in it (UCC 9-203(b)(2): a reviewer's read)
    assert ("This Agreement creates a valid security interest in the Collateral securing the Obligations, which "
            "attaches at the Closing (and to Collateral the Company acquires later, when it acquires rights in it). "
            "Upon the later of the Closing and the filing") in bridge
    roo = flat(render(load_example("roo-2005-note"), "security-agreement"))
    assert "This Agreement creates a valid security interest in the Collateral securing the Obligations. Upon the filing" in roo


def test_the_schedule_of_existing_liens_names_the_senior_liens_and_comes_before_anyone_signs():
    """A partner's read: the checklist called the schedule "the only existing liens the Security Agreement permits
    ahead of the Notes" where clause (j) ranks the senior notes' liens ahead too; and it was due the day before the
    agreement's date, after the purchasers had signed their pages."""
    roo = load_example("roo-2005-note")
    [row] = [d for d in deliverables_for(roo) if d.name == "existing-liens"]
    assert ("(these, and the liens securing the Callable Secured Convertible Notes to which the Note is subordinated, "
            "are the existing liens the Security Agreement lets remain)") in row.title  # a fourth read: listing lets a
    # lien stay, it does not rank it ahead
    # signed on its date: due by that date, as clause (h) counts liens scheduled "on or before that date" (a partner's
    # read, session 59: "before" it, the day before a deal signed and closed in one day, was a trap; a code review:
    # the checklist still asked for it the day before)
    assert (row.due.day, row.due.text) == (date(2005, 5, 18), "By the security agreement's date (May 18, 2005)")
    assert ("the signed schedule of existing liens (to the Purchaser), by the security agreement's date (May 18, 2005)"
            in officer_dues(roo)["Robin Smyth"])
    bridge = load_example("bridge-example")
    [row] = [d for d in deliverables_for(bridge) if d.name == "existing-liens"]
    # a second read: a lien not listed may still be a Permitted Lien under the definition's other clauses
    assert ("(the existing liens the Security Agreement lets remain, by listing; how they rank against the Notes is the "
            "law's)") in row.title
    assert row.title.endswith("a lien the searches find that is not on it is released at or before closing, unless it "
                              "is otherwise a Permitted Lien")
    assert row.due.day == date(2026, 3, 2) == bridge.first_date < bridge.notes.security_date


def test_an_existing_lien_ranks_ahead_only_when_the_company_schedules_it(bridge):
    """A partner's read: clause (h) of Permitted Liens let any lien "disclosed in writing" (a letter, an e-mail) rank
    ahead of the notes. Now only one on a schedule the company signs, stating what it secures and covers; the
    checklist asks for the schedule before the agreement's date, checked against the lien searches."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert ("(h) liens existing on the date of this Agreement that are disclosed in writing to the Holders on or before "
            "that date in a schedule of existing liens signed by the Company, stating for each the secured party, the "
            "obligations it secures and the property it covers, and any renewal of them that neither extends to other "
            "property nor increases the obligations secured;") in text
    checklist = (bridge / "closing-checklist.md").read_text(encoding="utf-8")
    [row] = [line for line in checklist.splitlines() if "| existing-liens |" in line]
    assert "| 11. | Schedule of existing liens, signed by Northwind Analytics, Inc.:" in row  # after the searches
    assert "whose counsel checks it against the lien searches" in row
    # before the purchasers sign, when they sign before the agreement's date (a partner's read: pages due March 2)
    assert ("| Before the Purchasers sign (by March 2, 2026, the date of the Escrow Agreement and the Note Purchase "
            "Agreement), and so before the security agreement's date (March 4, 2026) |") in row
    # the notes' event of default still excepts the liens so disclosed, in the filed note's words
    note = flat(next(bridge.glob("promissory-note-*.docx")).read_bytes())
    assert ("except liens which exist as of the date hereof and were disclosed in writing as the definition of "
            "Permitted Liens in the Security Agreement referred to below provides") in note


def test_a_transferee_agrees_to_be_bound_before_its_transfer_is_registered(bridge, with_agent):
    """A partner's read: a transferee "becomes a Holder" without signing anything, so nothing bound it to share
    recoveries (2.5) or to terminate its filings; the company, which keeps the register, now registers no transfer
    until the transferee has agreed in writing to be bound."""
    said = "The Company shall not register the transfer of {} until the transferee has agreed in writing, for the benefit of {}, to be bound by this Agreement as {}."
    assert said.format("a Note", "the Company and the other Holders", "a Holder") in flat(
        (bridge / "security-agreement.docx").read_bytes())
    assert said.format("a Note", "the Company, the Collateral Agent and the other Holders", "a Holder") in flat(
        (with_agent / "security-agreement.docx").read_bytes())
    roo = flat(render(load_example("roo-2005-note"), "security-agreement"))
    assert said.format("the Note", "the Company", "the Holder") in roo


def test_a_reviewers_read_of_the_control_agreements_and_the_schedule(tmp_path):
    """One day is "one (1) day"; days running past the notes' maturity are a DD174 warning; the checklist names a
    collateral agent with its commas; the schedule of existing liens is due the day before the agreement's date
    (clause (h) counts only liens scheduled "before that date"); a note says its transferee must agree to be bound."""
    def days(value):
        return notes_set(control_agreement_days=value, collateral_agent=COLLATERAL_AGENT)

    one, _ = load_deal(with_changes(tmp_path, "bridge-example", days(1)))
    text = flat(render(one, "security-agreement"))
    assert "Within one (1) day after the Notes are issued" in text and "within one (1) day after it does." in text
    found = {d.name: d for d in deliverables_for(one)}
    assert found["control-agreements"].title.startswith(
        "Control agreements: for each deposit account and securities account of Northwind Analytics, Inc. that is "
        f"collateral, an agreement with its bank or securities intermediary giving {AGENT}, as collateral agent, control")
    assert "designate in writing" not in found["control-agreements"].title  # the agent gives the instructions
    [bridge] = [d for d in deliverables_for(load_example("bridge-example")) if d.name == "control-agreements"]
    # a partner's read: no control agreement can be signed until someone is named to instruct the bank
    # (a second, session 55: the designation no one drafted: the security agreement makes it, each purchaser signing)
    assert bridge.responsible.endswith("; Harborview Capital Partners, L.P. (signs them for the Secured Party, as its "
                                       "designee); each other holder (approves in writing, e-mail sufficing, a shorter "
                                       "notice of the form for the account the net proceeds are released into)")
    assert ("; signed for the Secured Party by Harborview Capital Partners, L.P., its designee under Section 7.1 of the "
            "Security Agreement, which delivers each form") in bridge.title  # (and when: test_deliverables)
    assert "April 3, 2026" not in found["control-agreements"].due.text
    assert "March 5, 2026: within 1 day after the notes are issued (if issued on March 4, 2026, the expected closing)" in found["control-agreements"].due.text
    # a code review: "the expected closing" only where the notes are to be issued on the closing date
    early = load_example("bridge-example")
    early = replace(early, notes=replace(early.notes, issue_date="2026-03-03").model_dump())
    [row] = [d for d in deliverables_for(early) if d.name == "control-agreements"]
    assert row.due.text.endswith("within 30 days after the notes are issued (if issued on March 3, 2026)"), row.due.text
    assert found["existing-liens"].due.day == date(2026, 3, 2)  # the purchasers sign on March 2
    long = Builder().load(with_changes(tmp_path, "bridge-example", days(400))).findings
    [late] = [f for f in long if f.code == "DD174"]
    assert (late.is_error, late.location.key) == (False, "notes.control_agreement_days")
    assert "would be due on April 8, 2027, not before the notes mature (March 4, 2027)" in late.message
    note = flat(render(load_example("bridge-example"), "promissory-note-chen"))
    assert ("accompanied by a written instrument of transfer satisfactory to the Maker, and upon the transferee\u2019s "
            "written agreement to be bound by the Security Agreement, after which") in note
    convertible = load_example("convertible-example")  # unsecured: no security agreement to be bound by
    name = next(s.name for s in documents_for(convertible) if s.name.startswith("promissory-note-"))
    unsecured = flat(render(convertible, name))
    assert "a written instrument of transfer satisfactory to the Maker, after which" in unsecured


def test_the_collateral_agents_cover_says_its_one_page_is_signed_now(with_agent):
    """A reviewer's run: the collateral agent's cover, holding the security agreement's page alone, said it was
    "signed now, with the other pages"; it has no other pages."""
    import io

    from docx import Document

    packet = next(p for p in (with_agent / "signature-packets").glob("ruth-ames*.docx"))
    cover = " ".join(" ".join(p.text.split()) for p in Document(io.BytesIO(packet.read_bytes())).paragraphs[:8])
    assert ("The Security Agreement, dated March 4, 2026, the expected closing date, is signed now: it binds when "
            "signed, and its security interest attaches at the closing, on the release of the escrowed funds.") in cover
    # (a code review, session 58: the agent, no party to the purchase agreement, is bound by no section of it to send
    # its page to the escrow agent: its address alone; the purchasers' covers cite the agreement's Section 3.4)
    assert "and return it to the Escrow Agent, Thomas Whitfield, Whitfield & Crane LLP," in cover
    assert "Section 3.4)" not in cover and "(Escrow Agreement, Section 1.2)," not in cover
    # a partner's read: "on its date"; a third: "takes effect at the closing", though it binds when signed
    chen = with_agent / "signature-packets" / "margaret-chen.docx"  # the agent signs for the holders: not she
    assert "(Note Purchase Agreement, Section 3.4)" in " ".join(text_of(chen.read_bytes()).split())
    assert "The Security Agreement, dated" not in " ".join(text_of(chen.read_bytes()).split())


def test_the_collateral_agents_cover_asks_it_for_the_control_agreements_it_signs(with_agent):
    """A partner's read: the checklist had the collateral agent sign the control agreements (Section 4.10), and the
    purchasers' covers said so, but the agent's own cover asked it for nothing."""
    import io

    from docx import Document

    packet = next(p for p in (with_agent / "signature-packets").glob("ruth-ames*.docx"))
    cover = " ".join(" ".join(p.text.split()) for p in Document(io.BytesIO(packet.read_bytes())).paragraphs[:20])
    assert ("the closing checklist asks you for: a signature, as collateral agent (Security Agreement, Section 4.10), on "
            "the control agreement of the account the net proceeds of the purchase prices are released into, with the "
            "Company and its bank (not in this packet; each later one within 30 days after the Notes are issued), "
            "before closing (March 4, 2026).") in cover
    # and no purchaser's cover asks it of the purchaser (the agent signs for the holders)
    chen = with_agent / "signature-packets" / "margaret-chen.docx"
    assert "control agreement of the account" not in " ".join(text_of(chen.read_bytes()).split())
    # a code review: one purchaser with an agent was asked to sign it "as collateral agent" too
    from dealdocs.closing.dues import collateral_agent_dues, purchaser_dues

    bridge = load_example("bridge-example")
    one = replace(bridge, purchasers=[bridge.purchasers[0].model_dump()],
                  notes=replace(bridge.notes, control_designee=None, collateral_agent=COLLATERAL_AGENT).model_dump())
    assert one.single_purchaser and one.notes.collateral_agent is not None
    assert all("control agreement" not in said for said in purchaser_dues(one).values())
    assert "a signature, as collateral agent (Security Agreement, Section 4.10)" in collateral_agent_dues(one)


def test_the_lien_is_released_when_the_notes_are_paid_and_each_holder_lets_the_company_file_the_termination(bridge):
    """A partner's read of the secured set: the Discharge Date waited for every Obligation "paid in full in cash",
    covenants that are never paid among them, so the lien might never be released; the termination was the Secured
    Party's to file, though each Purchaser is a secured party of record; a Holder paid off stayed on the UCC-1; a
    lien being paid off at the closing made 3.3 untrue at once; and the closing brought down only the purchase
    agreement's representations."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert ("\u201cDischarge Date\u201d means the first date, after the Notes are issued, on which the principal of and "
            "interest on the Notes, and all other Obligations to pay money that are then due and payable, have been paid "
            "in full in cash (contingent obligations for which no claim has been made, and obligations other than to pay "
            "money, such as covenants, not being counted).") in text
    assert ("terminate on the Discharge Date, and the security interest in the Collateral is then released. Upon that "
            "termination the Secured Party shall") in text and "reverts" not in text
    assert ("a termination statement for each financing statement filed under this Agreement (and each Holder hereby "
            "authorizes the Company to file it),") in text
    assert ("that Holder ceases to be a Holder under this Agreement and has no further interest in the Collateral, and "
            "this Agreement continues for the benefit of the other Holders. A Holder so released") in text
    assert ("until its successor is in place, as that Section provides. The released Holder hereby "
            "authorizes the Company to "
            "file, at the Company\u2019s expense, an amendment to each financing statement filed under this Agreement "
            "removing it as a secured party; but where") in text
    assert ("those relating to Permitted Liens, and those for which payoff letters and authorized termination statements "
            "are delivered at the closing under the Purchase Agreement.") in text
    purchase = flat((bridge / "note-purchase-agreement.docx").read_bytes())
    assert ("(a) the representations and warranties of the Company in Section 4 and in the Security Agreement are true "
            "and correct in all material respects (or, where already qualified by materiality, in all respects) on the "
            "Closing Date") in purchase  # (a partner's read, session 58: no materiality on materiality)
    unsecured = flat(render(load_example("fund-example"), "note-purchase-agreement"))
    assert "(a) the representations and warranties of the Company in Section 4 are true" in unsecured


def test_a_holder_paid_more_than_its_share_pays_the_excess_to_someone_who_can_take_it(bridge, with_agent):
    """A partner's read: the excess went "to the Secured Party", which without an agent is the Holders acting
    together: no one who can be paid. It goes to the person the majority designates under Section 7.1, or else to
    the other Holders so that each has its share; with a collateral agent, to the agent, who is the Secured Party."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    # (a second partner's read, session 55: not to the one designated to sign the control agreements, a Holder with
    # its own stake, which would pay itself)
    assert ("it shall hold the excess in trust for the Holders and promptly pay it over to the Holder or other person "
            "whom the Majority Holders designate in writing under Section 7.1 to receive such payments for all Holders, "
            "for application under Section 6.4, or, if no one is so designated, to the other Holders, in the amounts that give each Holder its Pro Rata Share of all such "
            "payments.") in text
    assert "pay it over to the Secured Party" not in text
    agent = flat((with_agent / "security-agreement.docx").read_bytes())
    assert "promptly pay it over to the Secured Party for application under Section 6.4." in agent
    # (session 58: with an agent the holders are no secured parties of record: a released one authorizes no amendment)
    assert "Release of a Holder" in agent and "removing it as a secured party" not in agent


def test_the_designee_is_reimbursed_first_out_of_proceeds_for_what_it_owes_a_bank(bridge, with_agent):
    """A partner's read: Section 7.2 reimbursed a person acting under 7.1 "out of proceeds under Section 6.4", but 6.4's
    first tier paid only the Secured Party's expenses, and neither named the designee's liability to a bank under a
    control agreement, which 7.1's indemnity counts as reimbursed under 7.2."""
    text = flat((bridge / "security-agreement.docx").read_bytes())
    # (a second read, session 56: the liability a tier of its own, not an "expense" held to reasonableness; and what a
    # Holder has paid the designee comes back to it there)
    assert ("legal expenses incurred by the Secured Party, the reasonable expenses of any Holder or other person acting "
            "for the Holders under Section 7.1, any liability the designee under that Section incurs to a bank or "
            "securities intermediary under a control agreement signed as that Section provides (other than one arising "
            "from its own gross negligence or willful misconduct or from its acting without a direction that Section "
            "requires, and less any amount the other Holders have paid it for that liability under that Section), and, "
            "once those are paid in full and without duplication, any amount a Holder has so paid; (b) second, to the "
            "Obligations") in text  # (a third read: not paid twice; session 58's: the holders' refunds after the
    # designee's liability, not beside it)
    # a third read: 2.5's "without preference" and its turnover would claw back what 6.4, 7.1 and 7.2 pay the designee
    assert ("secures the Obligations owing to each Holder, subject to Section 6.4(a), equally and "
            "ratably") in text
    assert ("This Section does not apply to amounts paid or applied under Section 7.1, Section 7.2 or Section 6.4(a), "
            "which are left out in reckoning each Holder\u2019s Pro Rata Share of such payments.") in text
    # a partner's read: every Holder (before issue, the Majority Holders) had to find the bank's form satisfactory,
    # and nothing said how; and a bank's form has one box for the secured party (a second read: conclusive only for
    # the Company and the bank; the other Holders see each form three days before it is signed)
    assert ("acting as Section 7.1 provides, who may be named in it as secured party, as designee and agent for the "
            "Secured Party, and on whom the bank or intermediary may rely without inquiry (the designee\u2019s signature "
            "being conclusive evidence, as between the Company and the Secured Party and for the reliance of the bank or intermediary, that "
            "the agreement\u2019s form is reasonably satisfactory to the Secured Party; and a delivery late only") in text
    # (a third read: a shorter period where each other Holder agrees: a closing two days after signing could not wait)
    from dealdocs.closing.parties import FORM_NOTICE_DAYS  # what the checklist and the covers say, from the template's
    from dealdocs.words import count_text  # words
    assert f"to the other Holders at least {count_text(FORM_NOTICE_DAYS)} days before it signs it" in text
    assert ("The designee shall deliver each such form, and any later change to it, to the other Holders at least three "
            "(3) days before it signs it (or within any shorter period each other Holder approves in writing, e-mail "
            "sufficing), and shall not agree in it to indemnify the bank or securities intermediary except against liabilities "
            "arising from the instructions and entitlement orders the designee gives under it.") in text
    # a partner's read: and the Company, whose obligations the control agreements secure, stands behind it first; a
    # second: on demand, not once proceeds of a sale that may never come are applied
    assert ("7.2 No Duty Among Holders; Indemnity. No Holder") in text
    # (session 58, a code review and a partner's read: 6.4's tiers labelled, each reference to the first says 6.4(a))
    assert "first clause of Section 6.4" not in text
    assert ("shall be reimbursed its reasonable expenses out of proceeds under Section 6.4(a) and, to the extent not so "
            "reimbursed, by the Company. The Company shall indemnify the designee under Section 7.1, on demand, against "
            "any liability it incurs to a bank or securities intermediary under a control agreement signed as that "
            "Section provides, other than a liability arising from the designee\u2019s own gross negligence or willful "
            "misconduct or from its acting without a direction that Section requires; proceeds applied to such a "
            "liability under Section 6.4(a) reduce the Company\u2019s obligation.") in text
    assert ("Each other Holder shall pay the designee, within ten (10) days after the designee\u2019s demand, the fraction "
            "which the original principal amount of its Note bears to the aggregate original principal amount of the "
            "Notes (before the Notes are issued, the amounts the Purchase Agreement provides for) of so much of any "
            "liability the designee incurs to a bank or securities intermediary under a control agreement signed as this "
            "Section provides as the Company has not paid within thirty (30) days after the designee\u2019s demand under "
            "Section 7.2, up to the original principal amount of its Note (before the Notes are issued, the amount the "
            "Purchase Agreement provides for it) for all such liabilities together, the designee "
            "bearing its own fraction if it holds a Note; but not of a liability arising from") in text  # (a code review,
    # session 58: a successor bank or trust company holds none)
    assert ("A Holder that so pays is subrogated to that extent to the designee\u2019s rights against the Company under "
            "Section 7.2, but shall not exercise those rights until the designee has been paid that liability in full.") in text
    # a second read: the indemnities outlive the terminations the designee signs, for a bank's later claim
    assert ("and the obligations of the Company and the Holders under this Section and Section 7.2 as to any control "
            "agreement survive the termination of this Agreement and of that control agreement.") in text
    agent = flat((with_agent / "security-agreement.docx").read_bytes())  # the agent's own expenses are 7.5's
    assert "under Section 7.5; (b) second, to the Obligations" in agent and "designee" not in agent
    one = flat(render(load_example("roo-2005-note"), "security-agreement"))  # one holder: no Section 7.1 to act under
    assert "incurred by the Secured Party; (b) second, to the Obligations" in one


def test_one_purchaser_cannot_waive_the_control_agreement_the_release_waits_on(bridge):
    """A partner's read: 3.5 let each purchaser waive any condition as to itself, 3.5(c)(vi)'s control agreement
    among them, though the escrow agreement (1.6) wires the proceeds only into the account it controls and it
    secures every Holder: a waiver left the escrow agent guessing whether it could wire."""
    purchase = flat((bridge / "note-purchase-agreement.docx").read_bytes())
    assert ("(or that designee\u2019s successor under that Section), a delivery that, like the condition in the last "
            "sentence of this Section, may be waived only by an amendment of this Agreement, of the Escrow Agreement and "
            "of Section 4.10 of the Security Agreement, each made as that agreement provides; (d) reports") in purchase
    # (a second read: the security agreement's 4.10 asks for it too, and its breach is a default; and 3.5's opening
    # words, "any of which such Purchaser may waive", now say so)
    assert ("any of which such Purchaser may waive as to such Purchaser, except as clause (c)(vi) and the last sentence of "
            "this Section provide: (a)") in purchase
    assert ("at the Closing, other than the delivery in Section 3.5(c)(vi) and the condition in the last sentence of "
            "Section 3.5, which may be waived only as that Section provides.") in purchase
    fund = flat(render(load_example("fund-example"), "note-purchase-agreement"))  # unsecured: no (vi)
    assert "at the Closing, other than the condition in the last sentence of Section 3.5, which may be" in fund
    assert "any of which such Purchaser may waive as to such Purchaser, except as the last sentence of this Section provides: (a)" in fund
    assert "3.5(c)(vi)" not in fund


def test_the_governing_law_is_named_as_the_other_documents_name_it(tmp_path):
    """A new user's trial: `governing_law: State of Delaware` read right in every document but this one, which said
    "the State of State of Delaware" twice (and would have said "the State of District of Columbia")."""
    for written, named in (("State of Delaware", "the State of Delaware"), ("District of Columbia", "the District of Columbia")):
        text = flat(render(replace(load_example("bridge-example"), governing_law=written), "security-agreement"))
        assert f"the Uniform Commercial Code as in effect from time to time in {named} or" in text, written
        assert f"governed by the laws of {named}, without giving effect" in text, written
        assert "State of State" not in text and "State of District" not in text


def test_a_trust_designated_to_sign_the_control_agreements_is_named_as_it_signs_and_acts_as_the_majority_directs():
    """A code review of the designation (session 55): a trust was no one by its own name (DD186); §7.1 ran its
    trustees' "u/a/d June 14, 2011" into "to act" without a comma; the designee could instruct a bank alone, at its
    own will; two purchasers a name fits were taken as the first, silently."""
    from dealdocs.checks.control import check_control_designee

    fund = load_example("fund-example")
    secured = replace(fund, notes=replace(fund.notes, secured=True, control_agreement_days=30,
                                          control_designee="calloway family  revocable trust").model_dump())
    assert secured.control_designee is not None and secured.control_designee.trust.name == "Calloway Family Revocable Trust"
    text = " ".join(text_of(render(secured, "security-agreement")).split())
    assert ("designates Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d "
            "June 14, 2011, to sign for the Secured Party, as its designee under this Section, each control agreement "
            "that Section 4.10 requires") in text
    # second and third partners' reads: the agreement itself directs the designee to sign each control agreement (before
    # issue the Majority Holders are all the holders, who had given no direction); instructions only as the Majority
    # Holders, counted the ordinary way, direct, a notice of exclusive control only in a default; the designee's notes
    # left out only to replace it; in effect as signed, ended by a transfer after issue with a successor in place at
    # each bank; terminations signed without direction; an indemnity capped at each holder's principal, with carve-outs
    assert ("and directs the designee to sign each such agreement the Company delivers in a form that gives the Secured "
            "Party control of the account and otherwise conforms to Section 4.10") in text
    assert ("only as the Majority Holders direct in writing, and a notice of exclusive control only on such a direction "
            "and while an Event of Default continues") in text
    # (a partner's read, session 56: "counting neither the Notes the designee holds nor those Notes among the Notes
    # outstanding" was garbled)
    assert ("or when Holders of more than half in aggregate principal amount of the Notes then outstanding other than those "
            "the designee holds, not counting any Note held by the Company or an affiliate of the Company (before the Notes "
            "are issued, all the Holders other than the designee), designate in its place, by a writing delivered to the "
            "Company, another Holder or other person that accepts the designation in writing;") in text  # (a partner's
    # read, session 58: a successor that never agreed to it)
    assert "counting neither" not in text
    assert "The designation takes effect as each Holder signs this Agreement, whether or not the security interest has attached." in text
    # (a code review, session 58: a bank or trust company named successor holds no Note, and stays designated; a
    # partner's read: the purchaser designated at signing held no Note then, and it must end for it too)
    assert "It ends when, after the Notes are issued, a designee that has held a Note holds none" in text
    # a third's would-prefer: 7.2's good faith protects a successor that is no Holder too
    assert "No Holder, and no other person acting for the Holders under Section 7.1, owes any fiduciary duty" in text
    assert ("On the Discharge Date, or when this Agreement terminates under Section 8.4, the designee shall, without any "
            "direction, sign the termination of each control agreement") in text  # 8.4: terminated before the closing
    assert ("Each other Holder shall pay the designee, within ten (10) days after the designee\u2019s demand, the fraction "
            "which the original principal amount of its Note bears to the aggregate original principal amount of the "
            "Notes") in text
    assert "the designee bearing its own fraction" in text  # a fourth read: the split was ambiguous
    assert "(before the Notes are issued, all the Holders other than the designee), designate" in text  # replaced before issue

    class Said(list):
        def error(self, code, path, message):
            self.append((code, message))

        def warning(self, code, path, message):
            self.append((code, message))

    bridge = load_example("bridge-example")
    twice = [p.model_dump() for p in bridge.purchasers]
    twice[1]["short_name"] = "Harborview Capital Partners, L.P."  # another's short name is the designee's name
    ambiguous = replace(bridge, purchasers=twice,
                        notes=replace(bridge.notes, control_designee="Harborview Capital Partners, L.P.").model_dump())
    said = Said()
    check_control_designee(ambiguous, said)
    assert ambiguous.control_designee is None
    assert said == [("DD186", "'Harborview Capital Partners, L.P.' names 2 purchasers: Harborview Capital Partners, "
                              "L.P.; Quarry Lane Fund, LLC: give the one's full name")]
    # a code review: a name typed with a combining accent is the name typed composed
    from dealdocs.termsheet.base import plain_name
    assert plain_name("Zoe\u0308  Chen") == plain_name("Zo\u00eb Chen") == "zo\u00eb chen"
    # a new user's trial: a name cut short, or misspelt, got no "did you mean" (as a key misspelt does)
    for given, meant in (("Harborview Capital", "Harborview Capital Partners, L.P."),
                         ("Quarry", "Quarry Lane Fund, LLC"),  # its name and short name both begin so: one purchaser
                         ("Harborview Capital Partners, L.P.".replace("a", "a\u0301", 1), "Harborview Capital Partners, L.P."),
                         ("Harbourview Capital Partners, L.P.", "Harborview Capital Partners, L.P."), ("Someone Else", None)):
        said = Said()
        check_control_designee(replace(bridge, notes=replace(bridge.notes, control_designee=given).model_dump()), said)
        [(code, message)] = said
        assert code == "DD186" and message.startswith(f"'{given}' is no purchaser's name or short name"), message
        assert message.endswith(f"(did you mean '{meant}'?)" if meant else "for them all"), message


def test_the_designees_signature_page_says_it_signs_as_designee_too(bridge):
    """A partner's read: 7.1 has the designee accept the designation by signing, but its page read "HOLDER:" alone,
    and a bank shown the page could not see it; the other holders' pages are as they were."""
    text = text_of((bridge / "security-agreement.docx").read_bytes())
    lines = [" ".join(line.split()) for line in text.splitlines() if line.startswith("HOLDER")]
    # (one name for the role, as 4.10 and 7.1 have it; no section, which the packet holding the page lacks)
    # (a third read: it signs as a Holder accepting the designation, not for the Secured Party)
    assert lines[0].startswith("HOLDER, and accepting its designation to sign control agreements: HARBORVIEW CAPITAL "
                              "PARTNERS, L.P."), lines
    assert [line.split(":", 1)[0] for line in lines[1:]] == ["HOLDER", "HOLDER"], lines


def test_a_holder_paid_off_still_owes_its_share_of_the_designees_bank_liability_as_its_cover_says():
    """A partner's read (session 57): the covers tell each holder it pays its share of the designee's liability to a
    bank "even after your Note is paid", but Section 8.2 released a paid holder from everything ("ceases to be a
    Holder ... and has no further interest"); 7.1's survival spoke only of the agreement's termination. 8.2 now keeps
    that obligation, for a control agreement signed before the release; without a designee it says nothing of it."""
    bridge = load_example("bridge-example")
    text = " ".join(text_of(render(bridge, "security-agreement")).split())
    assert ("8.2 Release of a Holder. Subject to Section 8.3, when the principal of and interest on a Holder’s Note"
            ) in text  # a partner's read: a payment clawed back reinstates the holder (8.3)
    # a third read: the released holder's share only for acts before its release (it has no vote after), the
    # designee's way out (resignation, then a consenting successor), 8.2 among what only every Holder may change
    assert ("has no further interest in the Collateral, and this Agreement continues for the benefit of the other Holders. "
            "A Holder so released, other than the designee, remains bound by its obligation under Section 7.1 to pay its "
            "fraction of a liability of the designee under a control agreement signed before then, but only for a "
            "liability arising from instructions, entitlement orders or other acts given or done under it before then, "
            "and keeps, as to any amount it so pays, its rights of subrogation under Section 7.1 and its claim under "
            "Section 6.4(a) as though it were still a Holder. A designee so released continues to act under "
            "Section 7.1, and to sign each control agreement that Section 4.10 requires, until its successor is in place, "
            "as that Section provides. The released Holder hereby authorizes the Company to file") in text
    # session 58, a partner's read: removing the Holder that the financing statement names as representative of all
    # left no secured party of record (UCC 9-512(e)): the same amendment names another in its place
    assert ("an amendment to each financing statement filed under this Agreement removing it as a secured party; but "
            "where a financing statement names it as representative of all Holders, only an amendment that names in its "
            "place, as representative of all Holders, another Holder that consents in writing, designated by the Majority "
            "Holders or, if they have designated none within ten (10) days after the Company\u2019s request, by the "
            "released Holder; until that amendment is filed, the released Holder remains secured party of record as "
            "representative of all Holders, shall authorize any continuation statement the Majority Holders request, and "
            "shall not file or authorize any termination statement or other amendment except as this Section provides.") in text
    # (a second read: someone who agrees to it, and a way when no one designates; a third: meanwhile it keeps the
    # filing alive for all and ends it for none)
    # the filing 8.2 authorizes is no breach of 2.3 (a partner's read: 2.3 barred any amendment but under 9-513)
    # (a third read: the debtor's own filing after the discharge is 9-509(d)(2)'s, not 9-513's, the secured party's duty)
    assert ("without the prior written consent of the Secured Party, except as Section 8 provides or as Section "
            "9-509(d)(2) of the UCC permits after the Discharge Date.") in text
    # and a designee replaced, paid off or without a Note keeps 7.2's indemnity, the holders' shares and 9.4's consent
    # for what it signed; however its designation ends, it has a way out (a second read: only a paid one had)
    assert ("to put the successor in its place. Where its designation has ended and no successor has been designated, "
            "the designee may by notice to the Company and the other Holders ask the Majority Holders to designate one, "
            "and if they have not done so within thirty (30) days after that notice, it may designate as its successor "
            "any Holder that consents in writing or, if none consents, any bank or trust company that accepts the "
            "designation, whose reasonable fees the Company shall pay. A designee whose designation has ended for any "
            "reason keeps, as to each control agreement it signed and each act it did under one, the rights that this "
            "Section and Sections 6.4, 7.2 and 9.4 give the designee. Each other Holder shall pay") in text
    assert "Sections 7.1 and 7.2, Section 8.2, the definitions of" in text
    assert ("no amendment or waiver adverse to the designee under Section 7.1, or to a former Holder whose obligation "
            "continues under Section 8.2, may be made without its written consent") in text
    no_control = replace(bridge, notes=replace(bridge.notes, control_agreement_days=None, control_designee=None).model_dump())
    text = " ".join(text_of(render(no_control, "security-agreement")).split())
    assert "has no further interest in the Collateral, and this Agreement continues" in text


def test_a_ucc_section_number_never_breaks_at_its_hyphen(bridge):
    """A partner's read: "Section 9-" at the end of a line, "406" on the next. Each section of Article 9 is written with
    Word's non-breaking hyphen, which the text of the agreement still reads as "9-406"."""
    import zipfile

    with zipfile.ZipFile(bridge / "security-agreement.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert not re.search(r"<w:t[^>]*>[^<]*\b\d-\d{3}", xml)  # no breakable hyphen in a section number (8-106 too)
    assert xml.count('9</w:t><w:noBreakHyphen/><w:t xml:space="preserve">4') >= 4  # 9-406 to 9-409
    text = flat((bridge / "security-agreement.docx").read_bytes())
    assert "Sections 9-406, 9-407, 9-408 and 9-409 of the UCC" in text
