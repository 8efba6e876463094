"""The escrow agreement and the release notice, rendered from real term sheets and read back."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from dealdocs import words
from dealdocs.closing.deliverables import deliverables_for
from dealdocs.closing.kinds import documents_for
from docx_helpers import (
    ESCROW_SEED,
    FIDELITY_TOOL,
    load_example,
    open_docx,
    paragraphs,
    render,
    replace,
    text_of,
    unchecked,
    with_purchasers,
    zip_parts,
)

ESCROW_DEALS = ["roo-2005-escrow", "bridge-example"]
ESCROW_DOCUMENTS = ["escrow-agreement", "release-notice"]


def sentences(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- facts from the term sheet


@pytest.mark.parametrize("deal_name", ESCROW_DEALS)
def test_escrow_agreement_carries_the_term_sheet_facts(deal_name):
    deal = load_example(deal_name)
    escrow = deal.escrow
    text = sentences(text_of(render(deal, "escrow-agreement")))
    assert f"is made as of {words.long_date(escrow.agreement_date)}, by and among {deal.company.name}, " \
           f"{deal.company.description} (the “Company”)" in text
    assert f"{escrow.agent.name}, with an address at {escrow.agent.address.one_line} (the “Escrow Agent”)" in text
    assert deal.escrow_securities in text
    if deal.notes is None:  # another's purchase agreement: where the term sheet says its closing documents are
        assert f"required under {escrow.purchase_agreement.closing_conditions_section} of the Purchase Agreement" in text
    else:  # a partner's read: "all other closing documents required under Section 3" took in the notes, delivered only
        # at the closing, and the tax forms, which go to the Company: the agent could never confirm it held them all
        assert "required under Section 3 of" not in text
        assert text.count("the other closing documents Section 3.4 of the Purchase Agreement requires to be delivered "
                          "to the Escrow Agent") == 2
        each = "" if deal.single_purchaser else " from each Purchaser"
        assert (f"of the amount of funds it has received into that account{each}, and that it holds those signature "
                "pages and documents.") in text
    wire = escrow.wire
    for fact in (wire.bank, *wire.bank_address, wire.aba_routing_number, wire.account_name,
                 wire.account_number, wire.reference):
        assert fact in text
    # a partner's read: five wires bore one reference, the Company's, though each is returned to where it came from
    each = "the Purchaser’s name" if deal.single_purchaser else "a name identifying the Purchaser sending the funds"
    assert f"{wire.reference}, followed by {each}" in text
    for disbursement in escrow.disbursements:
        assert f"{words.amount_figures(disbursement.amount)} " in text
        assert disbursement.payee in text
    agent = escrow.placement_agent
    assert (f"payable to {agent.payee}, the placement agent for the offering of the "
            f"{deal.escrow_securities_term} (the “Placement Agent”), as {agent.purpose}.") in text
    assert f"the laws of the State of {deal.governing_law}," in text
    # the escrow's forum is the notes' courts where it holds the price of the notes, else its own
    forum = words.join_or(deal.notes.courts) if deal.notes else f"a state or Federal court sitting in {escrow.courts}"
    assert f"shall only be brought in {forum}, and each of the parties hereto" in text
    # executed as of the date the agreement is made, which the body states: no date on a signature page
    # each page speaks for its one signer (a partner's read, session 58: "the parties hereto have executed" on a page
    # the escrow agent or one purchaser signs alone; a second, session 60: on the page the company signs alone too)
    assert f"IN WITNESS WHEREOF, the {deal.company.short_name}, one of the parties hereto, has executed this Escrow " \
           "Agreement as of the date first written above. COMPANY:" in text
    assert "the parties hereto have executed" not in text
    assert ("IN WITNESS WHEREOF, the Escrow Agent has caused this Escrow Agreement to be duly executed as of the date "
            "first written above. ESCROW AGENT:") in text
    fund = sentences(text_of(render(load_example("fund-example"), "escrow-agreement")))
    for testimonium, signer in (("the undersigned, who together are a Purchaser, have duly executed", "Ruth A. Calloway"),
                                ("the undersigned Purchaser has caused this Escrow Agreement to be duly executed",
                                 "JUNIPER RIDGE PARTNERS II, L.P."),
                                ("the undersigned Purchaser has duly executed", "Alistair J. Pembroke")):
        assert f"IN WITNESS WHEREOF, {testimonium}" in fund.split(signer, 1)[0].rsplit("[Signature Page", 1)[1], signer
    for purchaser in deal.purchasers:
        assert (purchaser.name.upper() if purchaser.is_entity else purchaser.name) in text
        if purchaser.is_entity:
            assert f"PURCHASER: {purchaser.name.upper()} By:" in text
            assert f"Name: {purchaser.signer_names[0]} Title:" in text
    assert deal.company.name.upper() in text
    assert f"Name: {deal.company.signatory.name}" in text
    assert "Exhibit A to Escrow Agreement" in text


def test_the_roo_disbursements_read_as_the_filed_agreement():
    text = sentences(text_of(render(load_example("roo-2005-escrow"), "escrow-agreement")))
    assert (
        # the company's own proceeds wired as it alone instructs; the placement agent instructs only for its fee
        # the placement agent named and defined where first mentioned (a partner's read: "named below", undefined)
        "it shall promptly wire the subscription proceeds per the written instructions of the Company (and, as to its own fee "
        "only, of the Placement Agent (as defined below)), net of $15,000.00 to Kramer Levin Naftalis & Frankel LLP (as "
        "its fee as the Escrow Agent), $17,029.48 to Sichenzia Ross Friedman Ference LLP and $111,600.00 payable to "
        "Burnham Hill Partners, a division of Pali Capital, Inc., the placement agent for the offering of the Shares "
        "(the “Placement Agent”), as its fee in connection with the transaction described herein."
    ) in text
    assert "pursuant to a Common Stock Purchase Agreement dated as of the date hereof by and among" in text
    # the escrow agent signs with blank name and title lines, as in the filing: lines to fill in by hand (the
    # filing's text has "Name:" and "Title:" with nothing after them, its lines drawn, not typed)
    assert "KRAMER LEVIN NAFTALIS & FRANKEL LLP By: ______________________________ Name: ____________ Title: ____________" in text


@pytest.mark.parametrize("deal_name", ESCROW_DEALS)
@pytest.mark.parametrize("document", ESCROW_DOCUMENTS)
def test_nothing_is_left_unrendered(deal_name, document):
    text = text_of(render(load_example(deal_name), document))
    for leftover in ("{{", "}}", "{%", "%}", "{#", "None", "Undefined"):
        assert leftover not in text


def test_the_release_notice_is_dated_only_once_it_is_signed():
    deal = load_example("bridge-example")
    text = sentences(text_of(render(deal, "release-notice")))
    assert (f"pursuant to the Escrow Agreement, dated as of {words.long_date(deal.escrow.agreement_date)}, among "
            "Northwind Analytics, Inc. (the “Company”), the Purchasers signatory thereto") in text
    # a paragraph of its own (a partner's read, session 58: it was tucked into the e-signature paragraph)
    assert ("This Release Notice is dated as of the date on which the Escrow Agent receives it signed by all of the "
            "undersigned.") in text_of(render(deal, "release-notice")).splitlines()
    # not signed yet: dated when the escrow agent has it signed by everyone, which every signature page refers to;
    # no blank for a signer to fill in (the packets ask them not to date their pages)
    assert ("each of which shall be deemed an original. This Release Notice is dated as of the date on which the "
            "Escrow Agent receives it signed by all of the undersigned. A counterpart of this Release Notice signed "
            "and delivered by facsimile, by electronic mail in portable document format, or by any electronic "
            "signature that complies with applicable law has the same effect as a manually signed original.") in text
    # what it certifies: conditions satisfied or waived (those of the closing itself cannot be, yet), and the
    # company's representations as of the day it signs, in all material respects (a partner's read), those already
    # qualified by materiality in all respects, as the closing condition has them (a partner's read, session 62); each party
    # of the conditions to its own obligation only: a purchaser does not certify the company's (a partner's read)
    assert ("has been satisfied or waived, other than those to be satisfied at the closing of that purchase and sale "
            "itself (each of the Company and the Purchasers speaking only of the conditions to its own obligation to "
            "sell or to purchase, respectively). The Company hereby confirms that all of its representations and warranties contained in the "
            "Purchase Agreement and in the Security Agreement (as defined in the Purchase Agreement) remain true and correct in all material respects (or, where already "
            "qualified by materiality, in all respects) on the date on which it signs this "
            "Release Notice (stated below its signature) and that it has performed in all material respects each agreement in the Purchase "
            "Agreement that it is to perform before the closing (and if either ceases to be so before the release, the "
            "Company shall at once so notify the Escrow Agent in writing, and the Escrow Agent shall not release the "
            "funds on this Release Notice), and the undersigned hereby authorize the release") in text
    # the day the company signs, which its representations speak on, is written on its page, the notice being dated
    # later (a partner's read of the fund example, session 60: recorded nowhere); in the form attached too
    assert text.count("Date signed by the Company: ______________________________") == 1
    assert text.index("Title: Chief Executive Officer Date signed by the Company:") < text.index("PURCHASER")
    form = sentences(text_of(render(deal, "escrow-agreement"))).split("Form of Release Notice", 1)[1]
    assert "Title: Chief Executive Officer Date signed by the Company: ______________________________" in form
    # (a partner's read: the officer's certificate speaks the day it is delivered, the notice only of representations;
    # the covenants performed were certified as of no day near the release)
    # one testimonium a signer: each signature page's own, not a second for all of them above (a partner's read)
    assert "IN WITNESS WHEREOF, the undersigned have caused" not in text
    before_pages = text.split("[Signature Page to Release Notice", 1)[0]
    assert "IN WITNESS WHEREOF" not in before_pages and text.count("IN WITNESS WHEREOF") == len(deal.purchasers) + 1
    body = text.split("Escrow Agreement”;", 1)[1].split("[Signature Page to Release Notice", 1)[0]
    assert "March" not in body and "day of" not in text and "20__" not in text
    # each signature page names the deal it belongs to (the escrow agreement's date and parties), not its own date
    assert ("[Signature Page to Release Notice under the Escrow Agreement dated as of March 2, 2026 among Northwind "
            "Analytics, Inc., the Purchasers and Whitfield & Crane LLP]") in text
    assert "Exhibit A" not in text  # only the exhibit copy carries the label
    signed = replace(deal, escrow=replace(deal.escrow, release_date="2026-03-05").model_dump())
    dated = sentences(text_of(render(signed, "release-notice")))
    assert "This Release Notice is dated as of the 5th day of March, 2026." in dated and "receives it signed" not in dated
    # the form attached to the escrow agreement dates itself as the release notice does (partners' reads: the form
    # and the notice were dated two ways; every cover says "do not date")
    # (session 58, a partner's read: the form's blank, "as of this ____ day of ______________, 20__", was not the
    # notice the parties sign, which is dated as it says, and whose covers say "do not date": the form reads as it)
    exhibit = sentences(text_of(render(signed, "escrow-agreement"))).split("Exhibit A to Escrow Agreement", 1)[1]
    unsigned = sentences(text_of(render(deal, "escrow-agreement"))).split("Exhibit A to Escrow Agreement", 1)[1]
    # the escrow agreement, signed before the notice is, does not change when its date is recorded (a code review:
    # the release date put into the form changed the signed agreement, and its signatures counted as outstanding)
    assert exhibit == unsigned
    assert ("effect as a manually signed original. IN WITNESS WHEREOF, the undersigned have caused this Release Notice "
            "to be duly executed and delivered as of the day on which the Escrow Agent receives it signed by all of the "
            "undersigned.") in unsigned
    assert unsigned.count("receives it signed by all of the undersigned") == 1  # the rule stated once
    assert "____ day of" not in exhibit + unsigned and "20__" not in exhibit + unsigned
    roo = sentences(text_of(render(load_example("roo-2005-escrow"), "release-notice")))
    assert "dated as of October 20, 2005, among ROO Group, Inc. (the “Company”)" in roo
    assert "as of the date of this Release Notice." in roo and "20__" not in roo


def test_disbursements_are_optional():
    deal = load_example("roo-2005-escrow")
    plain = replace(deal, escrow=replace(deal.escrow, disbursements=[], escrow_agent_counsel_to=[]).model_dump())
    data = render(plain, "escrow-agreement")
    text = sentences(text_of(data))
    assert "per the written instructions of the Company." in text
    assert "net of" not in text
    assert "placement agent" not in text
    assert "The Escrow Agent has acted as legal counsel" not in text
    counsel = next(p.text for p in paragraphs(data) if p.text.startswith("2.11."))
    assert counsel.endswith("reasonable compensation therefor, which shall be paid by the Escrow Agent unless "
                            "otherwise provided for in Section 2.15.")


def test_purchase_agreement_of_another_date_is_dated():
    deal = load_example("roo-2005-escrow")
    agreement = replace(deal.escrow.purchase_agreement, date="2005-10-18", title="Amended Stock Purchase Agreement")
    other = replace(deal, escrow=replace(deal.escrow, purchase_agreement=agreement.model_dump()).model_dump())
    text = sentences(text_of(render(other, "escrow-agreement")))
    assert "pursuant to an Amended Stock Purchase Agreement dated as of October 18, 2005 by and among" in text


def test_a_confirmation_withdrawn_does_not_freeze_the_escrow():
    """A partner's read: once the company withdrew a confirmation (1.5), the agent held the funds "until it returns
    them under Section 1.7", but 1.7 returned them only if no release notice had been received by the Outside Date,
    and one had; a new one after that date has no effect; and the purchase agreement (3.6) never terminated either.
    A withdrawn notice now does not count, in both; a withdrawal after the Outside Date has the funds returned two
    Business Days after the agent hears of it."""
    deal = load_example("bridge-example")
    escrow = sentences(text_of(render(deal, "escrow-agreement")))
    assert ("1.7. If the Escrow Agent has not received a Release Notice executed by the Company and the Purchasers on or "
            "before April 3, 2026 (the \u201cOutside Date\u201d), not counting a Release Notice on which Section 1.5 bars "
            "it from wiring because the Company has notified it that a confirmation in that Release Notice has ceased to be "
            "true,") in escrow  # (nor, with a control agreement, one 1.6 bars: below)
    # in 1.5's own words (a reviewer's read: "withdrawn a confirmation" was an idea no section defines)
    # and says which notice (a partner's read: "that notice" had nothing in 1.7 to point back to)
    assert ("not later than the second Business Day after the Outside Date (or, where the Company gives the notice "
            "described in Section 1.5 after the Outside Date, not later than the second Business Day after the Escrow "
            "Agent receives that notice), return to each Purchaser") in escrow
    assert "gives that notice" not in escrow
    assert "until it receives a new Release Notice or, if it receives none, until it returns them under Section 1.7." in escrow
    purchase = sentences(text_of(render(deal, "note-purchase-agreement")))
    assert ("(the Outside Date under the Escrow Agreement, as it may be extended as that agreement provides), not "
            "counting a Release Notice on which the Escrow Agreement bars the Escrow Agent from wiring because the "
            "Company has notified it that a confirmation in that Release Notice has ceased to be true, nor one it has not "
            "wired by then because the Escrow Agreement bars the wire for want of a deposit account subject to the "
            "control agreement described in Section 3.5(c)(vi), this Agreement shall terminate") in purchase
    # (a fourth partner's read: the escrow returned such funds and the agreement lived on)


# ---------------------------------------------------------------- fidelity to the filed agreement


def fidelity(generated: bytes, tmp_path, *extra: str) -> float:
    if not FIDELITY_TOOL.is_file() or not ESCROW_SEED.is_file():
        pytest.fail("the shared fidelity tool and seeds are not here (set DEALDOCS_SHARED)")
    path = tmp_path / "generated.docx"
    path.write_bytes(generated)
    result = subprocess.run(
        [sys.executable, str(FIDELITY_TOOL), str(path), str(ESCROW_SEED), *extra],
        capture_output=True, text=True, check=True, timeout=120,
    )
    match = re.search(r"recall ([0-9.]+)", result.stdout)
    assert match, result.stdout + result.stderr
    return float(match[1])


def test_escrow_agreement_reproduces_the_filed_text(tmp_path):
    assert fidelity(render(load_example("roo-2005-escrow"), "escrow-agreement"), tmp_path) >= 0.97


def test_release_notice_reproduces_the_filed_text(tmp_path):
    """The filed release notice is the escrow agreement's Exhibit A, a form: measured against the form, in its place.

    The notice built for signature keeps the form's text and has real signature blocks instead of its blank
    purchaser page: its text up to those blocks is measured too.
    """
    deal = load_example("roo-2005-escrow")
    assert fidelity(render(deal, "escrow-agreement"), tmp_path, "--start", "RELEASE NOTICE") >= 0.97
    assert fidelity(render(deal, "release-notice"), tmp_path, "--start", "RELEASE NOTICE",
                    "--end", "ROO GROUP, INC.:") >= 0.97


# ---------------------------------------------------------------- one purchaser or many


def one_purchaser_deal():
    deal = load_example("roo-2005-escrow")
    return with_purchasers(deal, deal.purchasers[:1], aggregate_subscription=deal.purchasers[0].subscription)


def both_texts(deal) -> tuple[str, str]:
    """The escrow agreement's and the release notice's text, whitespace folded."""
    return tuple(sentences(text_of(render(deal, document))) for document in ESCROW_DOCUMENTS)


def test_one_purchaser_reads_in_the_singular():
    agreement, notice = both_texts(one_purchaser_deal())
    # each party of the conditions to its own obligation, "its" with a singular antecedent (a reviewer's read)
    assert ("(each of the Company and the Purchaser speaking only of the conditions to its own obligation to sell or to "
            "purchase, respectively)") in notice
    for sentence in (
        'a Delaware corporation (the “Company”), the purchaser signatory hereto (the “Purchaser”), and Kramer Levin',
        "WHEREAS, the Purchaser will be purchasing from the Company shares",
        'dated as of the date hereof by and between the Company and the Purchaser (the “Purchase Agreement”);',
        "WHEREAS, the Company and the Purchaser have requested that the Escrow Agent hold",
        "the Purchase Price (as defined in the Purchase Agreement; here, the “subscription amount”) and the Release Notice",
        "signature pages of the Transaction Documents (as defined in the Purchase Agreement) from the Purchaser and "
        "the Company, each to the extent a party thereto, and all other",
        # the filing's "master escrow account" named nothing the agreement describes: the account is 1.3's
        # the amount the escrow agent is to receive, stated: it knows when the escrow is funded
        "Upon the Escrow Agent’s receipt of the subscription amount of the Purchaser, Six Hundred Twenty Thousand Dollars "
        "($620,000.00), into its escrow account described in Section 1.3,",
        "of the amount of funds it has received into that account.",
        "that the Escrow Agent has received the subscription amount for the Closing",
        "The Escrow Agent has acted as legal counsel for the Placement Agent and the Purchaser,",
        "it shall advise the Company and the Purchaser, or their designated attorney or agent,",
        "executed by the Company and the Purchaser, it shall promptly wire",
        "signed by the Company, the Purchaser and the Escrow Agent.",
        "The Company and the Purchaser consent to the Escrow Agent acting in such capacity",
        "giving written notice to the Company and the Purchaser. In the event of any such resignation, "
        "the Purchaser and the Company shall appoint",
        "The Company and the Purchaser agree jointly and severally to indemnify",
        "[PURCHASER’S SIGNATURE PAGE FOLLOWS]",  # in the form of release notice (Exhibit A)
    ):
        assert sentence in agreement
    for sentence in (
        "among ROO Group, Inc. (the “Company”), the Purchaser signatory thereto and Kramer Levin Naftalis & Frankel "
        "LLP, as Escrow Agent",
        "This Release Notice shall not be effective until executed by the Company and the Purchaser.",
    ):
        assert sentence in notice
    assert "Schedule A" not in agreement and "SCHEDULE A" not in agreement  # its amount is in 1.2
    for text in (agreement, notice):
        assert "Purchasers" not in text
        assert "PURCHASERS" not in text
        assert "each Purchaser" not in text
        assert "[SIGNATURE PAGES CONTINUE]" not in text


def test_three_purchasers_read_in_the_plural():
    agreement, notice = both_texts(load_example("roo-2005-escrow"))
    for sentence in (
        'the purchasers signatory hereto (each a “Purchaser” and together the “Purchasers”), and Kramer Levin',
        "WHEREAS, the Purchasers will be purchasing from the Company shares",
        "by and among the Company and the Purchasers (the “Purchase Agreement”);",
        "signature pages of the Transaction Documents (as defined in the Purchase Agreement) from each Purchaser and "
        "the Company, each to the extent a party thereto, and all other",
        # not "until ... the Purchase Price": the funds are held until the release notice (a partner's read)
        # "subscription amount", which the agreement uses throughout, is each Purchaser's Purchase Price (a partner's
        # read of the fund example: undefined, beside the purchase agreement's "Purchase Price")
        # each Purchaser's amount on a schedule: the escrow agent matches each wire to it, and returns it (a partner's
        # read: the agreement named the total only)
        "the Escrow Agent has received, among other things, the Purchase Price (as defined in the Purchase Agreement) "
        "of each Purchaser set forth opposite its name on Schedule A (its “subscription amount”) and the Release Notice "
        "(as defined below). NOW, THEREFORE",
        "Upon the Escrow Agent’s receipt of the aggregate subscription amounts set forth on Schedule A, One Million Two "
        "Hundred Forty Thousand Dollars ($1,240,000.00) in all, into its escrow account described in Section 1.3,",
        # the schedule: after the signature pages, before the form of release notice (Exhibit A)
        # headed with the agreement it belongs to (a partner's read: detached, the page said only "SCHEDULE A")
        "SCHEDULE A to Escrow Agreement dated as of October 20, 2005 PURCHASERS AND SUBSCRIPTION AMOUNTS Purchaser "
        "Subscription Amount Alder Street Capital Partners, "
        "L.P. $620,000.00 Birchwood Opportunity Fund, Ltd. $372,000.00 Cedar Point Investors, LLC $248,000.00 Total "
        "$1,240,000.00 Exhibit A to Escrow Agreement",
        "The Escrow Agent has acted as legal counsel for the Placement Agent and the Purchasers,",
        # the placement agent is no party: it does not rely on the agreement "in entering into" it (a partner's read)
        "The Company and the Purchasers understand that the Placement Agent and the Escrow Agent are relying explicitly "
        "on the foregoing provision, the Escrow Agent in entering into this Escrow Agreement and the Placement Agent in "
        "continuing to engage the Escrow Agent as its counsel.",
        "signed by the Company, each Purchaser and the Escrow Agent.",
        # the filed "jointly and severally" made each purchaser answer for every other's share of the escrow agent's
        # indemnity, against the purchase agreement's several obligations
        "The Company and each Purchaser agree (each Purchaser severally and not jointly, in the proportion that such "
        "Purchaser’s subscription amount bears to the aggregate subscription amounts, and not for any other Purchaser) to "
        "indemnify",
        "[PURCHASERS’ SIGNATURE PAGES FOLLOW]",  # in the form of release notice (Exhibit A)
    ):
        assert sentence in agreement
    assert "among ROO Group, Inc. (the “Company”), the Purchasers signatory thereto and Kramer Levin" in notice
    # one signature page for each party, each captioned; the form keeps the filed form's one blank purchaser page
    caption = ("Escrow Agreement dated as of October 20, 2005 among ROO Group, Inc., the Purchasers and Kramer Levin "
               "Naftalis & Frankel LLP]")
    assert agreement.count(f"[Signature Page to {caption}") == 2 + 3
    assert agreement.count(f"[PURCHASER’S SIGNATURE PAGE TO RELEASE NOTICE UNDER THE {caption.upper()}") == 1
    assert notice.count(f"[Signature Page to Release Notice under the {caption}") == 1 + 3
    # each page stands alone: its caption, then a testimonium saying who signs, then the block
    witnessed = sentences(notice).split("Signature Pages Follow.]", 1)[1]
    assert witnessed.count(f"[Signature Page to Release Notice under the {caption} IN WITNESS WHEREOF, the ") == 1 + 3
    assert ("IN WITNESS WHEREOF, the Company has caused this Release Notice to be duly executed and delivered as of "
            "the date of this Release Notice. COMPANY:") in witnessed
    for text in (agreement, notice):
        assert "CONTINUE" not in text and "ESCROW RELEASE" not in text


def test_an_individual_purchaser_signs_in_person():
    deal = load_example("bridge-example")
    text = text_of(render(deal, "escrow-agreement"))
    individual = next(p for p in deal.purchasers if not p.is_entity)
    assert f"PURCHASER: ______________________________ {individual.name}" in sentences(text)
    assert f"Name of Investing Entity: {individual.name}" not in text


def test_the_form_of_release_notice_can_be_signed_by_every_kind_of_purchaser():
    """A partner's read: Exhibit A's purchaser page was the 2005 form's entity block alone, which trustees, joint
    holders and an individual cannot sign as themselves; after the filed block, the form says how they sign."""
    exhibit = sentences(text_of(render(load_example("fund-example"), "escrow-agreement"))).split("Exhibit A to Escrow Agreement", 1)[1]
    # a partner's read (session 55): twelve underscores were too short to write an entity and its chain on
    # a second: one "By" line for a two-tier chain (a fund's general partner's managing member), and no word of where
    # trustees say which trust
    # (session 58, a partner's read: a paragraph of instructions to signers inside the agreement; the real pages are
    # each purchaser's own, so the form only captions its two kinds of block)
    # (a second partner's read and a code review: which line to sign, which to strike, a third holder's block)
    # a page of the form stands alone as the real ones do: its testimonium, and the purchaser a trustee or a joint
    # holder signs for named on it (a partner's read, session 62: "Signature / Name / Capacity", and nothing else)
    assert ("IN WITNESS WHEREOF, the undersigned Purchaser has executed and delivered this Release Notice as of the date "
            "of this Release Notice. "
            "[A Purchaser that is an entity: on each line “By”, the entity through which it signs and that entity’s "
            "capacity (its general partner, its manager), any line not needed struck out (both, for an entity signing "
            "directly):] "
            "Name of Investing Entity: {L} By: {L}, its {S} By: {L}, its {S} "
            "Signature of Authorized Signatory of Investing Entity: {L} "
            "Name of Authorized Signatory: {L} Title of Authorized Signatory: {L} [A Purchaser that is one or more "
            "individuals, or the trustees of a trust: each of them signs on a block of his or her own (more blocks as "
            "needed), stating the capacity in which he or she signs (a trustee: “as trustee of ... u/a/d ...”; an "
            "individual purchasing alone: “individually”).] Name of Purchaser (the trust, or every joint holder): {L} "
            "Signature: {L} Name: {L} "
            "Capacity: {L} "
            "Signature: {L} Name: {L} Capacity: {L}").replace("{L}", "_" * 30).replace("{S}", "_" * 20) in exhibit
    # a partner's read: its purchaser page named no agreement, no company, no date (a second: in capitals throughout)
    assert ("[PURCHASER’S SIGNATURE PAGE TO RELEASE NOTICE UNDER THE ESCROW AGREEMENT DATED AS OF JUNE 8, 2026 AMONG "
            "LARKSPUR ROBOTICS, INC., THE PURCHASERS AND BELLAMY & ROE LLP]") in exhibit


def test_the_seed_typing_errors_are_corrected():
    deal = load_example("roo-2005-escrow")
    agreement = sentences(text_of(render(deal, "escrow-agreement")))
    assert "No waiver of any breach of any covenant" in agreement
    assert "and waive any claim that such representation" in agreement
    assert "either by mutual written agreement of the parties concerned or by a final order, decree or " \
           "judgment of a court of competent jurisdiction" in agreement
    assert "the conditions precedent to the purchase and sale of the Shares has been satisfied" in agreement
    assert "Roo Group" not in agreement


def test_the_filings_drafting_slips_are_corrected():
    """Issue 14, item 4: what the 2005 escrow agreement and release notice got wrong, corrected in the set built."""
    deal = load_example("roo-2005-escrow")
    agreement, notice = both_texts(deal)
    for wrong in ("paid by the Escrow Agreement", "Section 2.14.", "fraud and willful misconduct",
                  "as if both parties had prepared", "PAGE FOLLOWS]", "all of its respective representations",
                  "consent to the Escrow Agent in such capacity", "representation represents",
                  "signed by the parties to be charged", "inure to the benefit of the permitted successors",
                  "(as defined in the Purchase Agreement); and", "(this “Agreement”)", "ESCROW RELEASE"):
        assert wrong not in agreement + notice, wrong
    for right in (
        "may pay such counsel reasonable compensation therefor, which shall be paid by the Escrow Agent unless "
        "otherwise provided for in Section 2.15.",
        "in the absence of gross negligence, fraud or willful misconduct, and any act done",
        "conclusive evidence of such good faith, in the absence of gross negligence, fraud or willful misconduct.",
        "papers deposited or called for thereunder in the absence of gross negligence, fraud or willful misconduct.",
        "but rather as if all of the parties had prepared the same. Unless otherwise indicated, all references to "
        "Articles and Sections are to this Escrow Agreement.",
        "shall inure to the benefit of the parties hereto and the permitted successors and permitted assigns of the "
        "parties hereto.",
        "signed by the Company, each Purchaser and the Escrow Agent (or, for a waiver, by the party waiving)",
        "consent to the Escrow Agent acting in such capacity as legal counsel",
        "waive any claim that such representation constitutes a conflict of interest",
        "(the “Purchase Agreement”); and WHEREAS",
        "shall deliver to the Escrow Agent a release notice, substantially in the form attached hereto as Exhibit A, "
        "dated on or after the date of such advice and executed by the Company and each Purchaser (the “Release "
        "Notice”).",
    ):
        assert right in agreement, right
    assert ("The Company hereby confirms that all of its representations and warranties contained in the Purchase "
            "Agreement remain true and correct in all material respects (or, where already qualified by materiality, in all "
            "respects) on the date on which it signs this Release "
            "Notice (stated below its signature) and that it has performed") in notice
    assert "on this Release Notice), and the undersigned hereby authorize the release by the Escrow Agent" in notice


def test_one_purchaser_of_this_sets_note_reads_note_not_notes():
    """The escrow agreement names the securities as the note purchase agreement defines them: one Note."""
    deal = load_example("bridge-example")
    one = with_purchasers(deal, deal.purchasers[1:2], aggregate_subscription=deal.purchasers[1].subscription)
    agreement, notice = both_texts(one)
    assert "will be purchasing from the Company the Company’s secured promissory note (the “Note”)" in agreement
    assert "with respect to the purchase of the Note in escrow" in agreement
    assert "the placement agent for the offering of the Note (the “Placement Agent”)," in agreement
    assert "the purchase and sale of the Note has been satisfied" in notice
    assert "Notes" not in agreement + notice


# ---------------------------------------------------------------- data stays data


@pytest.mark.parametrize("name", [
    'Smith & Jones <Holdings> "East"',
    "Zoë Łukasiewicz-Müller 株式会社",
    "O'Brien & Sons {{ deal.title }} {% if true %}",
])
def test_names_survive_exactly(name):
    deal = load_example("roo-2005-escrow")  # made in code: the term sheet refuses template code in a name (DD002)
    special = unchecked(deal, purchasers=[unchecked(deal.purchasers[0], name=name), *deal.purchasers[1:]],
                        company=unchecked(deal.company, name=name))
    for document in ESCROW_DOCUMENTS:
        data = render(special, document)
        lines = [p.text for p in paragraphs(data)]
        assert any(f"PURCHASER:  {name.upper()}   By:" in line for line in lines)  # the purchaser's signature block
        assert any(f"by and among {name}, a Delaware corporation" in line for line in lines) or document == "release-notice"
        assert open_docx(data).core_properties.title.endswith(f" \u2013 {name}")


# ---------------------------------------------------------------- Word quality

DIRECT_RUN_FORMATTING = ("w:rFonts", "w:sz", "w:szCs", "w:b", "w:i", "w:u", "w:caps", "w:color", "w:highlight")
DIRECT_PARAGRAPH_FORMATTING = ("w:jc", "w:ind", "w:spacing", "w:rPr")
CONTRACT_STYLES = {"Normal", "Title", "Heading 1", "Body Text", "Signature", "Exhibit Label", "Bracket Note",
                   "Table Text", "Table Figures"}  # the schedule of purchasers (Schedule A)


@pytest.mark.parametrize("document", ESCROW_DOCUMENTS)
def test_styles_by_name_and_no_direct_formatting(document):
    data = render(load_example("bridge-example"), document)
    body = open_docx(data).element.body
    for tag in DIRECT_RUN_FORMATTING:
        assert not body.findall(f".//{qn('w:r')}/{qn('w:rPr')}/{qn(tag)}"), tag
    for tag in DIRECT_PARAGRAPH_FORMATTING:
        assert not body.findall(f".//{qn('w:pPr')}/{qn(tag)}"), tag
    used = {p.style for p in paragraphs(data)}
    assert used <= CONTRACT_STYLES, used - CONTRACT_STYLES


def test_the_style_contract():
    document = open_docx(render(load_example("roo-2005-escrow"), "escrow-agreement"))
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert {section.left_margin, section.right_margin, section.top_margin, section.bottom_margin} == {Inches(1)}
    styles = document.styles
    normal = styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.paragraph_format.first_line_indent == Inches(0.5)
    assert (normal.paragraph_format.space_before, normal.paragraph_format.space_after) == (Pt(0), Pt(12))
    title = styles["Title"]
    assert title.font.bold and title.font.all_caps
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    heading = styles["Heading 1"]
    assert heading.font.bold and heading.paragraph_format.keep_with_next
    assert heading.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["Body Text"].paragraph_format.first_line_indent == Inches(0)
    assert styles["Signature"].paragraph_format.keep_together
    assert styles["Exhibit Label"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert styles["Bracket Note"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Title", "Heading 1", "Body Text", "Signature", "Exhibit Label", "Bracket Note"):
        assert styles[name].font.name in (None, "Times New Roman")  # inherited from Normal
        assert styles[name].font.size in (None, Pt(12))


@pytest.mark.parametrize("document", ESCROW_DOCUMENTS)
def test_footer_holds_a_page_field(document):
    parsed = open_docx(render(load_example("roo-2005-escrow"), document))
    footer = parsed.sections[0].footer._element
    simple = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    complex_ = [t.text for t in footer.iter(qn("w:instrText"))]
    assert any(instr.split()[0] == "PAGE" for instr in simple + complex_ if instr and instr.split())


def test_signature_pages_and_the_exhibit_start_new_pages():
    data = render(load_example("bridge-example"), "escrow-agreement")
    paras = paragraphs(data)
    openers = [p for p in paras if p.text.startswith(("[Signature Page to", "[PURCHASER’S SIGNATURE PAGE TO"))]
    assert len(openers) == 2 + 3 + 1  # the company's and the agent's, the purchasers', the exhibit's blank one
    assert all(p.starts_page for p in openers)
    exhibit = next(p for p in paras if p.text == "Exhibit A to Escrow Agreement")
    schedule = next(p for p in paras if p.text == "SCHEDULE A")  # after the last signature page, before the exhibit
    assert exhibit.starts_page and exhibit.style == schedule.style == "Exhibit Label"
    starting = [p.text for p in paras if p.starts_page]
    assert starting == [p.text for p in paras if p in openers or p is exhibit or p is schedule]
    assert starting.index("SCHEDULE A") == starting.index("Exhibit A to Escrow Agreement") - 1 == 2 + 3


@pytest.mark.parametrize("document, title", [
    ("escrow-agreement", "Escrow Agreement"),
    ("release-notice", "Release Notice"),
])
def test_core_properties(document, title):
    deal = load_example("bridge-example")
    data = render(deal, document)
    props = open_docx(data).core_properties
    assert props.title == f"{title} \u2013 {deal.company.name}"
    assert props.subject == deal.title
    assert props.author == "dealdocs" and props.last_modified_by == "dealdocs"
    assert props.created is None and props.modified is None  # no date invented: not the clock's, not the deal's
    assert b"dcterms:created" not in zip_parts(data)["docProps/core.xml"]
    assert props.revision == 1
    assert props.comments == "" and props.keywords == "" and props.category == ""
    parts = zip_parts(data)
    assert b"<Company>" not in parts["docProps/app.xml"]
    assert not any(name.startswith("docProps/thumbnail") or name == "docProps/custom.xml" for name in parts)


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("document", ESCROW_DOCUMENTS)
def test_rendering_twice_gives_the_same_document(document):
    from dealdocs.render.renderer import Renderer

    deal = load_example("bridge-example")
    first = zip_parts(render(deal, document))
    second = zip_parts(render(deal, document, Renderer()))
    assert first["word/document.xml"] == second["word/document.xml"]
    assert first == second


# ---------------------------------------------------------------- governing law and courts by kind (issue 14)


@pytest.mark.parametrize("law, courts, written_law, brought_in, delivered_to", [
    ("NY", "New York City, Borough of Manhattan", "the laws of the State of New York",
     "a state or Federal court sitting in New York City, Borough of Manhattan",
     "a state or Federal court having competent subject matter jurisdiction"),
    ("DC", "the District of Columbia", "the laws of the District of Columbia",
     "a court of the District of Columbia or a Federal court sitting in the District of Columbia",
     "a court of the District of Columbia or a Federal court having competent subject matter jurisdiction"),
    ("PR", "San Juan, Puerto Rico", "the laws of the Commonwealth of Puerto Rico",
     "a court of the Commonwealth of Puerto Rico or a Federal court sitting in San Juan, Puerto Rico",
     "a court of the Commonwealth of Puerto Rico or a Federal court having competent"),
    ("England and Wales", "London", "the laws of England and Wales", "a court of England and Wales sitting in London",
     "a court of England and Wales having competent subject matter jurisdiction"),
])
def test_escrow_law_and_courts_are_worded_for_the_kind_of_jurisdiction(law, courts, written_law, brought_in,
                                                                        delivered_to):
    deal = load_example("roo-2005-escrow")  # no notes: the escrow names its own courts
    deal = replace(deal, governing_law=law, escrow=replace(deal.escrow, courts=courts).model_dump())
    text = sentences(text_of(render(deal, "escrow-agreement")))
    assert f"in accordance with {written_law}, without regard to conflicts of law principles" in text
    assert f"shall only be brought in {brought_in}, and each of the parties hereto" in text
    assert f"to {delivered_to}" in text
    assert "State of DC" not in text and "State of England" not in text


def test_the_escrow_agent_gets_notices_at_its_own_address_and_counterparts_may_be_signed_electronically():
    """The escrow sent every notice "as set forth in the Purchase Agreement", which gives no address for the escrow
    agent, a party to neither; and it had no counterparts clause though every party signs its own page, some by
    e-signature (a partner's read). The covers send the signed pages, and the release notice, to the escrow agent's
    signatory by email, which a notice could reach only at an address designated in writing, none designated (a
    second partner's read): the signatory's email is that address, where the term sheet gives one."""
    text = sentences(text_of(render(load_example("bridge-example"), "escrow-agreement")))
    assert ("2.2. All notices or other communications required or permitted hereunder shall be in writing, and shall "
            "be sent as set forth in the Purchase Agreement, except that any notice or other communication to the "
            "Escrow Agent shall be sent to it at its address set forth above (or by electronic mail to "
            "twhitfield@whitfieldcrane.example or to another address the Escrow Agent designates in writing for "
            "notices), Attention: Thomas Whitfield, and is effective only when the Escrow Agent receives it.") in text
    filed = sentences(text_of(render(load_example("roo-2005-escrow"), "escrow-agreement")))  # its signatory: no email
    assert "(or by electronic mail to an address the Escrow Agent designates in writing for notices)" in filed
    # it is amended only by everyone whom 1.7 and 2.7 need (it said "by the party to be charged"), and a law firm
    # as escrow agent confirms every wire out by telephone, as it does a return of funds
    assert ("except by written instrument signed by the Company, each Purchaser and the Escrow Agent (or, for a "
            "waiver, by the party waiving)") in text
    assert ("Before wiring any funds under Section 1.5 or this Section 1.6, the Escrow Agent shall confirm the "
            "instructions for that wire by telephone with the person who gave them, at a number not taken from those "
            "instructions.") in text
    assert ("2.16. This Escrow Agreement may be executed in any number of counterparts, each of which shall be deemed "
            "an original and all of which together shall constitute one and the same instrument. A counterpart signed "
            "and delivered by facsimile, by electronic mail in portable document format, or by any electronic "
            "signature that complies with applicable law has the same effect as a manually signed original.") in text
    # what the escrow agent is paid for, when the term sheet gives no purpose
    assert "$15,000.00 to Whitfield & Crane LLP (as its fee as the Escrow Agent), $12,480.25" in text


def test_the_escrowed_funds_are_the_purchasers_until_released():
    """A partner's read: nothing said whose the funds are before release, nor kept them from the company's
    creditors; a law firm holds them in its attorney escrow account, apart from its own."""
    text = sentences(text_of(render(load_example("bridge-example"), "escrow-agreement")))
    assert ("The Escrow Agent shall hold the escrowed funds, uninvested, in its attorney escrow account, apart from its "
            "own funds. Until released under Section 1.5 or returned under Section 1.7, the escrowed funds are held for "
            "the Purchasers, are not the property of the Company and are not subject to the claims of its "
            "creditors.") in text


def test_each_purchasers_share_of_the_indemnity_is_such_purchasers_not_its():
    """A partner's read of the fund example: 2.15 gave each purchaser's share "in the proportion that its subscription
    amount bears", of purchasers who may be individuals (the Whitakers, the Calloway trustees); elsewhere the
    agreement says "such Purchaser". One purchaser answers jointly and severally, with no share to state."""
    for name in ("fund-example", "bridge-example"):
        text = sentences(text_of(render(load_example(name), "escrow-agreement")))
        assert ("(each Purchaser severally and not jointly, in the proportion that such Purchaser’s subscription amount "
                "bears to the aggregate subscription amounts, and not for any other Purchaser)") in text, name
        assert "proportion that its" not in text
    single = sentences(text_of(render(one_purchaser_deal(), "escrow-agreement")))
    assert "The Company and the Purchaser agree jointly and severally to indemnify" in single
    assert "proportion that" not in single


def test_the_escrow_agent_cannot_resign_away_the_funds_and_disputes_do_not_hold_up_their_return():
    """A partner's read: the law firm's duties ended on its mere notice of resignation, with the funds nowhere; and
    2.14's retention in a dispute read against 1.7's return at the outside date."""
    text = sentences(text_of(render(load_example("bridge-example"), "escrow-agreement")))
    assert ("The resignation takes effect, however, only when the Escrow Agent has so delivered the escrow funds or, if "
            "no successor has been appointed within thirty (30) days after its notice, has delivered them as clause (2) "
            "of Section 2.14 provides.") in text
    assert "Unless a court so orders, nothing in this Section 2.14 delays the return of the escrow funds under Section 1.7." in text


def test_the_escrow_agent_is_told_to_pay_each_disbursement_and_the_swift_code_is_printed_when_given():
    """A partner's read of the fund example: 1.5 wired the proceeds "net of" each disbursement and never told the
    agent to pay them; the wire table gave an ABA number only, to purchasers in the Cayman Islands and London."""
    deal = load_example("fund-example")
    text = sentences(text_of(render(deal, "escrow-agreement")))
    assert ("net of $10,000.00 to Bellamy & Roe LLP (as its fee as the Escrow Agent) and $18,250.00 to Fenwick Stroud LLP "
            "(as the legal fees and expenses of counsel to the Company). The Escrow Agent shall pay each amount so "
            "deducted, out of the escrowed funds, to the person this Section 1.5 names with that amount when it wires the balance to the "
            "Company.") in text
    assert "ABA No.: 111111118 SWIFT/BIC: MRDTUS33 Account Name:" in " ".join(text.split())
    plain = sentences(text_of(render(load_example("bridge-example"), "escrow-agreement")))
    assert "SWIFT" not in plain and "ABA No.: 123456780 Account Name:" in " ".join(plain.split())
    bare = replace(deal, escrow=replace(deal.escrow, disbursements=[], escrow_agent_counsel_to=[]).model_dump())
    assert "amount so deducted" not in sentences(text_of(render(bare, "escrow-agreement")))


def test_each_purchaser_wires_directly_in_dollars_and_may_make_up_a_short_wire():
    """Partners' reads: a law firm's escrow serves a contingent offering under Rule 15c2-4 only if no broker-dealer
    takes the funds, which the checklist said and the agreement did not; and a foreign wire an intermediary bank
    charges arrives short of an all-or-none closing, which nothing let a purchaser make up."""
    text = " ".join(text_of(render(load_example("bridge-example"), "escrow-agreement")).split())
    assert ("1.3. Each Purchaser shall wire its subscription amount directly to the Escrow Agent, not through any "
            "broker-dealer, in United States dollars, with each charge of the sending bank and of any intermediary bank for "
            "its own account; a wire that arrives short of the subscription amount may be made up by a further wire. "
            "Wire transfers to the Escrow Agent shall be made as follows:") in text
    [row] = [d for d in deliverables_for(load_example("bridge-example")) if d.name == "rule-15c2-4"]
    assert "(each purchaser wires straight to the escrow account, as Section 1.3 of the Escrow Agreement requires)" in row.title
    deal = load_example("bridge-example")
    alone = " ".join(text_of(render(replace(deal, placement_agent=None), "escrow-agreement")).split())
    assert "directly to the Escrow Agent, in United States dollars" in alone  # no broker-dealer in the deal


def test_the_placement_agent_is_named_where_it_is_first_mentioned_or_pointed_to():
    """1.5 spoke of "the placement agent" before it named Meridian as the placement agent for the offering (a
    partner's read); then of "the placement agent named below", undefined, in 1.5 and 2.11 (a second read): it is
    named and defined where first mentioned, and called the Placement Agent after."""
    text = " ".join(text_of(render(load_example("bridge-example"), "escrow-agreement")).split())
    assert ("per the written instructions of the Company (and, as to its own fee only, of the Placement Agent (as "
            "defined below)), net of $15,000.00") in text
    assert ("and $160,000.00 payable to Meridian Capital Markets, LLC, the placement agent for the offering of the Notes "
            "(the “Placement Agent”), as its fee for that offering.") in text
    assert "named below" not in text
    assert text.count("the placement agent") == 1  # where it is defined; after, "the Placement Agent"
    assert "legal counsel for the Placement Agent and the Purchasers" in text
    # the defined term the term sheet gives the placement agent, as the note purchase agreement uses it (a code
    # reviewer's case: "(the “Placement Agent”)" here and "(the “Meridian”)" there, for one firm)
    deal = load_example("bridge-example")
    named = replace(deal, placement_agent={**deal.placement_agent.model_dump(), "short_name": "Agent Bank"})
    text = " ".join(text_of(render(named, "escrow-agreement")).split())
    assert "(the “Agent Bank”), as its fee for that offering." in text and "counsel for the Agent Bank and" in text
    assert "Placement Agent" not in text


def test_the_escrow_agent_holds_the_funds_when_the_company_withdraws_its_confirmation():
    """A review: the release notice stops a release when the company's confirmation ceases to be true, but only the
    escrow agreement binds the escrow agent, whose 1.5 said it "shall wire" on receiving the notice."""
    bridge = sentences(text_of(render(load_example("bridge-example"), "escrow-agreement")))
    assert ("If, before it wires, the Company notifies the Escrow Agent in writing, as the Release Notice provides, that "
            "a confirmation in the Release Notice has ceased to be true, the Escrow Agent shall not wire on that Release "
            "Notice and shall hold the escrowed funds until it receives a new Release Notice or, if it receives none, "
            "until it returns them under Section 1.7.") in bridge
    roo = sentences(text_of(render(load_example("roo-2005-escrow"), "escrow-agreement")))  # no outside date, no 1.7
    assert "shall hold the escrowed funds until it receives a new Release Notice. " in roo and "Section 1.7" not in roo
    # a partner's read: 2.9 let the agent "disregard any and all warnings given by any of the parties", that notice
    # among them; and the agreement ended only when the funds went back (1.7), never once they were released
    for text in (bridge, roo):
        assert ("Except as provided in Section 1.5, the Escrow Agent is hereby expressly authorized to disregard any "
                "and all warnings given by any of the parties hereto") in text
        assert ("Once the Escrow Agent has wired all of the escrowed funds under this Section 1.5, this Escrow Agreement "
                "shall terminate, except that Article 2 shall survive.") in text


# ---------------------------------------------------------------- one financing, one forum, and a jury waiver


def _forum(text: str, pattern: str) -> str:
    match = re.search(pattern, text)
    assert match, pattern
    return match.group(1)


@pytest.mark.parametrize("deal_name", ["bridge-example", "fund-example"])
def test_the_escrow_agreement_sends_suits_to_the_courts_the_purchase_agreement_names(deal_name):
    """A finance partner's read: the escrow sent every suit to "a state or Federal court sitting in New York City,
    Borough of Manhattan", the purchase agreement (7.8) and the notes to "the Supreme Court of the State of New York
    and the United States District Court for the Southern District of New York": three forum clauses in one
    financing that did not line up. The escrow, which holds the price of the notes, now names the same courts, word
    for word; its forum stays exclusive (the escrow agent's), with the parties' submission to it and their waiver of
    any objection to venue or an inconvenient forum."""
    deal = load_example(deal_name)
    escrow = sentences(text_of(render(deal, "escrow-agreement")))
    npa = sentences(text_of(render(deal, "note-purchase-agreement")))
    note = sentences(text_of(render(deal, next(s.name for s in documents_for(deal)
                                               if s.name.startswith("promissory-note")))))
    in_npa = _forum(npa, r"irrevocably submits to the exclusive jurisdiction of (.+?) in connection with any action")
    in_note = _forum(note, r"irrevocably consents to the jurisdiction of (.+?) in connection with any action")
    in_escrow = _forum(escrow, r"Escrow Agreement or the escrow funds shall only be brought in (.+?), and each of")
    assert in_npa == in_note == words.join_and(deal.notes.courts)
    assert in_escrow == words.join_or(deal.notes.courts)  # the same courts, in the same words
    assert "Borough of Manhattan" not in in_escrow
    assert (f"shall only be brought in {in_escrow}, and each of the parties hereto hereby irrevocably submits to the "
            "jurisdiction of those courts for any such action and waives any objection to the laying of venue of any "
            "such action in those courts and any claim that any such action has been brought in an inconvenient "
            "forum.") in escrow
    # exclusive in the purchase agreement too, with the same waiver of an inconvenient forum: the escrow's forum
    # exclusive and the purchase agreement's not, in one financing, was a mismatch (a partner's read, session 62)
    assert ("agrees that any such action or proceeding shall be brought only in such courts, and waives any objection "
            "to the laying of venue of any such action or proceeding in such courts and any claim that any such action "
            "or proceeding has been brought in an inconvenient forum; but the holder of a Note may bring an action on "
            "that Note in any other court having jurisdiction over the Company or its property.") in npa
    # (a partner's read, session 62: a suit on a note relates to the purchase agreement too, which the forum made
    # exclusive bound to New York; a holder sues on its note where the maker or its property is)
    # the governing-law sentence is as it was
    assert ("2.6. The parties hereto expressly agree that this Escrow Agreement shall be governed by, interpreted "
            "under and construed and enforced in accordance with the laws of the State of New York, without regard "
            "to conflicts of law principles that would result in the application of the substantive laws of another "
            "jurisdiction. Any action to enforce,") in escrow


def test_the_escrow_forum_follows_the_term_sheets_courts_not_new_york():
    """The courts are the term sheet's (notes.courts), never written in: a Delaware deal's escrow names Delaware's."""
    deal = load_example("bridge-example")
    courts = ["the Court of Chancery of the State of Delaware",
              "the United States District Court for the District of Delaware"]
    deal = replace(deal, governing_law="Delaware", notes=replace(deal.notes, courts=courts).model_dump())
    escrow = sentences(text_of(render(deal, "escrow-agreement")))
    assert ("the laws of the State of Delaware, without regard to conflicts of law principles" in escrow)
    assert (f"Escrow Agreement or the escrow funds shall only be brought in {courts[0]} or {courts[1]}, and each of "
            "the parties hereto hereby irrevocably submits to the jurisdiction of those courts") in escrow
    assert "Supreme Court of the State of New York" not in escrow
    # disputed funds go to those courts too, not to a court in escrow.courts' place, which 2.6 would forbid (a
    # reviewer's read: 2.6 sent suits to Delaware's courts, 2.14 the funds to a court in Manhattan)
    assert ("to deliver the escrow funds and any other property and documents held by the Escrow Agent hereunder to any "
            "of the courts named in Section 2.6 having competent subject matter jurisdiction, in accordance with the "
            "applicable procedure therefor.") in escrow
    assert "Borough of Manhattan" not in escrow
    one = replace(deal, notes=replace(deal.notes, courts=courts[:1]).model_dump())
    assert (f"shall only be brought in {courts[0]}, and each of the parties hereto hereby irrevocably submits to the "
            "jurisdiction of that court for any such action and waives any objection to the laying of venue of any such "
            "action in that court") in sentences(text_of(render(one, "escrow-agreement")))


JURY_WAIVER = ("EACH OF THE PARTIES HERETO HEREBY WAIVES, TO THE FULLEST EXTENT PERMITTED BY LAW, ANY RIGHT IT MAY "
               "HAVE TO A TRIAL BY JURY IN ANY ACTION OR PROCEEDING ARISING OUT OF OR RELATING TO THIS ESCROW "
               "AGREEMENT OR THE ESCROW FUNDS.")


@pytest.mark.parametrize("deal_name", ["roo-2005-escrow", "bridge-example", "fund-example"])
def test_the_escrow_agreement_waives_a_jury_as_the_purchase_agreement_and_the_notes_do(deal_name):
    """The purchase agreement (7.10) and the notes waive a jury; the escrow agreement, where the funds sit, did not
    (a partner's read). Its waiver is in capitals, as the purchase agreement's is, in a paragraph of its own at the
    end of Section 2.6 (governing law and forum), numbered nowhere: no later section moves."""
    deal = load_example(deal_name)
    texts = [p.text for p in paragraphs(render(deal, "escrow-agreement")) if p.text.strip()]
    at = next(i for i, text in enumerate(texts) if text.startswith("2.6."))
    assert " ".join(texts[at + 1].split()) == JURY_WAIVER
    assert texts[at + 2].startswith("2.7.")
    assert sum(JURY_WAIVER in " ".join(text.split()) for text in texts) == 1
    if deal.notes:
        npa = sentences(text_of(render(deal, "note-purchase-agreement")))
        assert "Waiver of Jury Trial. EACH OF THE PARTIES HERETO HEREBY WAIVES, TO THE FULLEST EXTENT PERMITTED BY " \
               "LAW, ANY RIGHT IT MAY HAVE TO A TRIAL BY JURY IN ANY ACTION OR PROCEEDING ARISING OUT OF" in npa


def test_the_proceeds_of_secured_notes_go_only_to_the_controlled_account():
    """A partner's read: the note purchase agreement makes the control agreement over the account the net proceeds are
    released into a condition of the closing, and the escrow agreement let the company's instructions send them to
    any account. Secured notes with control agreements (the bridge): only to that account; without (the fund's
    unsecured notes, the 2005 share escrow): as the company instructs."""
    bridge = " ".join(text_of(render(load_example("bridge-example"), "escrow-agreement")).split())
    assert ("provided to the Escrow Agent. The Escrow Agent shall wire the balance due to the Company under Section 1.5 "
            "only to the deposit account that is subject to the control agreement the Purchase Agreement requires as a "
            "condition to the Closing.") in bridge
    for name in ("fund-example", "roo-2005-escrow"):
        assert "control agreement" not in text_of(render(load_example(name), "escrow-agreement")), name


def test_the_company_bears_the_escrow_agents_indemnity_and_a_purchaser_risks_no_more_than_its_deposit():
    """A partner's read: each purchaser indemnified the escrow agent, pro rata but without limit, and nothing said
    who bears the indemnity in the end; the company does, and a purchaser's share is capped at what it deposited."""
    fund = load_example("fund-example")
    text = sentences(text_of(render(fund, "escrow-agreement")))
    assert ("the gross negligence, fraud or willful misconduct of the Escrow Agent. As between the Company and the "
            "Purchasers, the Company shall bear every amount payable under this Section 2.15, except to the extent it "
            "arises from a breach of this Escrow Agreement by a Purchaser or from a claim a Purchaser brings, and shall "
            "reimburse on demand any other such amount paid by a Purchaser; and no Purchaser\u2019s liability under this Section 2.15 shall "
            "exceed the subscription amount that Purchaser deposited with the Escrow Agent.") in text
    one = with_purchasers(fund, fund.purchasers[:1], aggregate_subscription=fund.purchasers[0].subscription)
    text = sentences(text_of(render(one, "escrow-agreement")))
    assert ("As between the Company and the Purchaser, the Company shall bear every amount payable under this Section "
            "2.15, except to the extent it arises from a breach of this Escrow Agreement by the Purchaser or from a "
            "claim the Purchaser brings, and shall reimburse on demand any other such amount paid by the Purchaser; and the Purchaser\u2019s liability "
            "under this Section 2.15 shall not exceed the subscription amount the Purchaser deposited with the") in text


def test_a_law_firm_escrow_agent_is_not_protected_by_its_own_partners_advice():
    """A partner's read: 2.8 made an act on "the advice of the Escrow Agent's attorneys-at-law" conclusive evidence
    of good faith, and a law firm's attorneys are its own partners: the firm would certify itself. A bank's counsel
    may be its own employees, as its clause says."""
    firm = sentences(text_of(render(load_example("bridge-example"), "escrow-agreement")))
    assert ("conclusive evidence of such good faith, in the absence of gross negligence, fraud or willful misconduct. "
            "The advice of the Escrow Agent\u2019s own partners, associates or employees is evidence, but not conclusive "
            "evidence, of such good faith.") in firm  # a later read, from the escrow agent's side: not "no evidence"
    deal = load_example("bridge-example")
    banked = replace(deal, escrow=replace(deal.escrow, agent=replace(deal.escrow.agent, kind="bank").model_dump(),
                                          escrow_agent_counsel_to=[]).model_dump())
    bank = sentences(text_of(render(banked, "escrow-agreement")))
    assert "who may be counsel employed by it or outside counsel" in bank and "not conclusive evidence" not in bank


def test_an_escrow_agent_without_a_signatory_signs_on_lines_to_fill_in():
    """escrow.agent.signatory left out prints the agent's Name and Title to be filled in by hand; they were printed as
    "Name:" and "Title:" with nothing after them, no line to write on."""
    deal = load_example("bridge-example")
    agent = replace(deal.escrow.agent, signatory=None).model_dump()
    unsigned = replace(deal, escrow=replace(deal.escrow, agent=agent).model_dump())
    block = next(p.text for p in paragraphs(render(unsigned, "escrow-agreement")) if p.text.startswith("ESCROW AGENT:"))
    assert " ".join(block.split()).endswith(
        "WHITFIELD & CRANE LLP By: ______________________________ Name: ____________ Title: ____________"), block
    named = next(p.text for p in paragraphs(render(deal, "escrow-agreement")) if p.text.startswith("ESCROW AGENT:"))
    assert " ".join(named.split()).endswith("Name: Thomas Whitfield Title: Partner"), named


def test_joint_holders_and_trustees_sign_the_escrow_agreement_as_they_sign_the_purchase_agreement():
    """A partner's read of the fund set: the trustees and the joint holders sign the escrow agreement too, and owe its
    indemnity (2.15), but only the purchase agreement (7.10) said that joint holders are bound jointly and severally
    and that trustees sign solely as trustees: the escrow agreement now says so before its counterparts section, which
    moves down one; a deal with neither keeps its numbers."""
    fund = text_of(render(load_example("fund-example"), "escrow-agreement")).splitlines()
    clause = next(p for p in fund if "jointly and severally liable" in p)
    # a second partner's read: "joint and several as between them" spoke of their shares among themselves, not of what
    # they owe the others; trustees sign "and not individually"
    assert clause == ("2.16. Where a Purchaser consists of two or more persons, they are jointly and severally liable "
                      "for that Purchaser’s obligations under this Escrow Agreement, and a notice given to any of them is notice to "
                      "all of them. Where a Purchaser is the trustee or trustees of a trust, the preceding sentence applies "
                      "to them in that capacity, and that Purchaser enters into this "
                      "Escrow Agreement solely in that capacity and not individually.")
    assert any(p.startswith("2.17. This Escrow Agreement may be executed in any number of counterparts") for p in fund)
    npa = " ".join(text_of(render(load_example("fund-example"), "note-purchase-agreement")).split())
    assert ("(a) each of them makes the representations and warranties in Section 5, (b) they are jointly and severally "
            "liable for the obligations of that Purchaser under this Agreement, and (c)") in npa  # its 7.10 alike (a
    # partner's read, session 57: "liable for its obligations" after "two or more persons" read as their own)
    # a partner's read (session 57): co-trustees' counsel asked whether (b) bound them personally
    assert ("and (c) a notice given to any of them in accordance with Section 7.2 is notice to all of them. "
            "Where a Purchaser is the trustee or trustees of a trust, clause (b) applies to them in that capacity, and that "
            "Purchaser enters into this Agreement solely in that capacity and not individually.") in npa  # (a third read:
    # "notwithstanding" switched the joint and several liability off)
    # a partner's read (session 57): "the trustees who sign" for a trust of one trustee
    assert "the trustee or trustees who sign this Agreement for the trust are all of its trustees" in npa
    bridge = text_of(render(load_example("bridge-example"), "escrow-agreement")).splitlines()
    assert not any("jointly and severally liable for" in p for p in bridge)
    assert any(p.startswith("2.16. This Escrow Agreement may be executed in any number of counterparts") for p in bridge)


def test_funds_a_release_notice_cannot_move_for_want_of_a_controlled_account_go_back_at_the_outside_date():
    """A third partner's read of the secured bridge set: 1.6 wires the Company's balance only to the account under
    the control agreement; a Release Notice signed in time, with no such account, counted as received under 1.7, so the
    funds were neither wired nor returned, and the purchase agreement never terminated. Such a notice counts for
    nothing at the Outside Date now; an escrow without a control agreement reads as before."""
    bridge = " ".join(text_of(render(load_example("bridge-example"), "escrow-agreement")).split())
    assert ("has ceased to be true, nor one on which it has not wired by the Outside Date because Section 1.6 bars the "
            "wire (no deposit account of the Company being then subject to the control agreement it requires), then,") in bridge
    fund = " ".join(text_of(render(load_example("fund-example"), "escrow-agreement")).split())
    assert "has ceased to be true, then," in fund and "because Section 1.6 bars the wire" not in fund


@pytest.mark.parametrize("deal_name", ESCROW_DEALS)
def test_the_wire_instructions_are_set_flush_left_never_justified(deal_name):
    """A partner's read (session 62): the justified Reference line printed with stretched gaps ("Northwind Analytics,
    Inc.,   followed   by   a   name"), which in a wire-instruction block looks tampered with."""
    document = open_docx(render(load_example(deal_name), "escrow-agreement"))
    [table] = [t for t in document.tables if any(c.text == "Account Name:" for row in t.rows for c in row.cells)]
    cells = [paragraph for row in table.rows for cell in row.cells for paragraph in cell.paragraphs]
    assert any(p.text.startswith("Reference") for p in cells)
    assert all(p.style.name == "Table Text" and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
               for p in cells), [(p.text, p.style.name) for p in cells]  # by its style: no direct formatting
