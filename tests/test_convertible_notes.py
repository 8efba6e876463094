"""Convertible notes: the example's note and purchase agreement, built, reopened and read.

Every figure below is written by hand from deals/convertible-example.yaml (a $2,000,000 qualified financing,
a 20% discount, an $8,000,000 cap, conversion or repayment at maturity at the holder's option, two times
principal or conversion on a change of control), never computed by the code under test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx_helpers import REPO, build_example, load_example, render, replace, text_of

from dealdocs.words import long_date

TERMS = {
    "the qualified financing minimum": "Two Million Dollars ($2,000,000.00)",
    "the discount": "twenty percent (20%)",
    "the valuation cap": "Eight Million Dollars ($8,000,000.00)",
    "the change-of-control multiple": "two (2) times",
}


@pytest.fixture(scope="module")
def convertible(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example("convertible-example", tmp_path_factory.mktemp("convertible"))


def flat(path: Path) -> str:
    return " ".join(text_of(path.read_bytes()).split())


def test_each_note_is_a_convertible_note_stating_every_term_in_words_and_figures(convertible):
    for name, principal in (("cedar-hollow", "One Million Dollars ($1,000,000.00)"),
                            ("whitcombe", "Two Hundred Fifty Thousand Dollars ($250,000.00)")):
        text = flat(convertible / f"promissory-note-{name}.docx")
        assert text.startswith("THIS NOTE AND THE SECURITIES ISSUABLE UPON ITS CONVERSION HAVE NOT BEEN REGISTERED")
        assert "CONVERTIBLE PROMISSORY NOTE" in text
        assert f"the principal sum of {principal}" in text
        assert "(the “Maturity Date”), unless this Note is converted as provided below." in text
        assert ("“Qualified Financing” means the first sale, or series of related sales, by the Maker of its equity "
                "securities") in text
        assert "gross cash proceeds of not less than Two Million Dollars ($2,000,000.00)" in text
        assert ("“Discount Price” means the Financing Price reduced by twenty percent (20%) of the Financing Price, "
                "rounded down to four decimal places.") in text  # as the Cap Price is (a partner's read)
        assert ("stating the Fully Diluted Capitalization and the resulting Cap Price, each computed as of the date of "
                "the certificate, and shall promptly deliver a further such certificate if either changes after that "
                "date and before the Maturity Date.") in text
        assert ("“Cap Price” means the quotient obtained by dividing Eight Million Dollars ($8,000,000.00) by the "
                "Fully Diluted Capitalization") in text
        assert "“Conversion Price” means the lower of the Discount Price and the Cap Price." in text
        assert "Conversion at Maturity." in text and "Repayment at Maturity." not in text  # the holder's option
        assert ("an amount equal to two (2) times the outstanding principal amount of this Note, plus all interest "
                "accrued and unpaid on it") in text
        assert "If the Payee makes no election, clause (a) applies." in text
        assert "unpaid interest, or any part of either, on the Maturity Date (or, if that is not a Business Day, on the next Business Day) (except to the extent this Note has been converted" in text
        # interest is paid annually: a missed payment before maturity is a default too
        assert ("converted as provided above), or has failed to pay any interest on this Note when due, or has failed to "
                "pay when due any principal of or interest on any other Note;") in text
        # the legend keeps the conversion securities, and the note is one of a series of convertible notes
        assert ("THIS NOTE WAS ISSUED IN A TRANSACTION NOT INVOLVING A PUBLIC OFFERING AND IS A “RESTRICTED SECURITY” "
                "AS DEFINED IN RULE 144 UNDER THE ACT. NEITHER THIS NOTE, THOSE SECURITIES NOR ANY INTEREST IN EITHER "
                "MAY BE OFFERED, SOLD") in text
        assert "This Note is one of a series of convertible promissory notes of like tenor" in text


def test_a_private_companys_convertible_note_has_no_delisting_default(convertible):
    lines = text_of((convertible / "promissory-note-whitcombe.docx").read_bytes()).splitlines()
    events = [line for line in lines if re.match(r"^\([a-z]\) ", line)]
    assert [line[:3] for line in events] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
    # failing to convert, to give notice of a qualified financing or a change of control, or to pay what a change of
    # control makes payable; then the purchase
    # agreement's representations and covenants, last
    assert events[-3].endswith("sixty (60) days;") and events[-2] == (
        "(f) The Maker fails to issue and deliver the securities issuable upon a conversion of this Note, to give the "
        "notice of a Qualified Financing or of a Change of Control that this Note requires, or to pay any amount "
        "payable on this Note upon a Change of Control, in each case when and as this Note requires; or")
    assert events[-1].startswith("(g) Any representation or warranty of the Maker in the Purchase Agreement")
    assert not any("listing" in line or "trading day" in line for line in lines)


FINANCING_NOTICE = (
    "Notice of a Qualified Financing. The Maker shall give the Payee written notice of the Qualified Financing at "
    "least five (5) Business Days before the Conversion Time for it (determined without regard to the deferral in "
    "this paragraph). The notice shall state the date on which that "
    "Conversion Time is expected to occur, the class and series of the New Securities, the Financing Price, "
    "{cap}the Conversion Price and the number of New Securities into which the Conversion Amount will convert, each "
    "computed as of that date, and shall enclose the current form of each agreement that the Payee is to sign and "
    "deliver upon the conversion; and the Maker shall promptly give the Payee a further such notice if any of those "
    "matters changes before the Conversion Time. The Conversion Amount shall not convert at a closing of the "
    "Qualified Financing held before the notice is given, or less than five (5) Business Days after it is given, "
    "unless the Payee has waived the notice or its timing in writing; the Conversion Time for the Qualified "
    "Financing is then immediately before the first closing of the Qualified Financing held at least five (5) "
    "Business Days after the notice is given, and, if there is no such closing, the Payee may elect, by written notice "
    "to the Maker given before the Maturity Date and, where the Maker gave the notice this paragraph requires, within "
    "thirty (30) days after the last closing of the Qualified Financing, to convert the Conversion Amount into New "
    "Securities at the Conversion Price, the Conversion Time then being the day the Maker receives the election; "
    "absent that election, this Note shall not convert upon the Qualified Financing.")
# a second partner's read: a company that closed its round at once, without the notice, kept the notes from ever
# converting (a Qualified Financing is the first sale); the holder may now convert after it


def test_the_holder_has_notice_of_a_qualified_financing_before_its_note_converts(convertible):
    """A partner's read: the note converted "automatically, without any action by the Payee" on a financing the
    holder was never told of, though it must then sign the round's documents; the maturity conversion (fifteen
    Business Days) and a change of control (ten) each had a notice. Now the Maker gives five Business Days' notice
    with the figures the conversion turns on, and without it (or the Payee's waiver) the note does not convert at
    that closing."""
    notice = FINANCING_NOTICE.format(cap="the Fully Diluted Capitalization and the resulting Cap Price, ")
    for name in ("promissory-note-cedar-hollow", "promissory-note-whitcombe", "note-purchase-agreement"):
        text = flat(convertible / f"{name}.docx")  # the purchase agreement: the form of note in its Exhibit A
        assert text.count(notice) == 1, name
        # right after the conversion it qualifies, before the maturity conversion and its certificate
        assert text.index("Conversion upon a Qualified Financing.") < text.index(notice) < text.index(
            "Conversion at Maturity. Not later than fifteen (15) Business Days before the Maturity Date")
        assert ("to give the notice of a Qualified Financing or of a Change of Control that this Note "
                "requires") in text


def test_without_a_cap_the_financing_notice_states_no_cap_price(tmp_path):
    data = yaml.safe_load((REPO / "deals" / "convertible-example.yaml").read_text(encoding="utf-8"))
    conversion = data["notes"]["conversion"]
    del conversion["valuation_cap"]
    conversion.update(at_maturity="repayment", change_of_control="payment")
    path = tmp_path / "no-cap.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    note = flat(build_example_at(path, tmp_path) / "promissory-note-whitcombe.docx")
    assert FINANCING_NOTICE.format(cap="") in note
    assert "Cap Price" not in note


def test_the_purchase_agreement_summarizes_the_same_terms_and_defers_to_the_notes(convertible):
    text = flat(convertible / "note-purchase-agreement.docx")
    assert "a convertible promissory note in the principal amount set forth opposite such Purchaser’s name" in text
    summary = text.split("Conversion. Each Note is convertible", 1)[1].split("2. CONSIDERATION.", 1)[0]
    for what, words in TERMS.items():
        assert words in summary, what
    assert "If this summary and the Notes differ, the Notes govern." in summary
    assert "4.6 Conversion Securities." in text and "5.11 Conversion Securities." in text
    # free of liens but for the transfer restrictions there are: the securities laws' and the financing's, not "under
    # this Agreement", which restricts no transfer (a partner's read, session 62)
    assert ("free of any lien created by the Company, other than restrictions on transfer under applicable securities "
            "laws (and the legends that reflect them) and under any agreement made with the investors in the Qualified "
            "Financing (as defined in the Notes).") in text
    assert "restrictions on transfer under this Agreement" not in text
    # no placement agent: the company and each purchaser still say no broker is owed a fee (a partner's read)
    assert ("4.5 No Brokers. No broker, finder, investment banker or other person is entitled to any brokerage, "
            "finder’s, placement or similar fee or commission") in text
    assert "5.12 Brokers. Such Purchaser has not engaged any broker, finder or other person" in text
    assert ("7.9 Amendments. This Agreement and the Notes may be amended, and compliance with any of their "
            "provisions may be waived, only by a written instrument signed by the Company and, before the Closing, by "
            "each Purchaser or, after the Closing, by the holders of more than half of the aggregate outstanding "
            "principal amount of the Notes") in text
    assert "Security Agreement" not in text and "Placement Agent" not in text  # unsecured, no placement agent


def test_the_purchasers_investment_intent_covers_the_conversion_securities(convertible, tmp_path):
    """A partner's read: 5.1's investment intent covered only the Note; the shares it converts into are restricted
    securities too, whose resale the Company must take reasonable care to limit (Rule 502(d)). A note that does not
    convert (the fund example) is acquired as before."""
    text = flat(convertible / "note-purchase-agreement.docx")
    assert ("5.1 Investment Purposes. Such Purchaser is acquiring such Purchaser’s Note, and will acquire the Conversion "
            "Securities issuable upon its conversion, for such Purchaser’s own account, for investment purposes only and "
            "not with a view to resale or other distribution thereof, nor with the intention of selling, transferring or "
            "otherwise disposing of all or any part of such Note or those Conversion Securities, or any interest "
            "therein,") in text
    assert "except selling, transferring, or disposing of such Note or Conversion Securities made in full compliance" in text
    plain = flat(build_example("fund-example", tmp_path) / "note-purchase-agreement.docx")
    assert "Such Purchaser is acquiring such Purchaser’s Note for such Purchaser’s own account, for investment" in plain
    assert "Conversion Securities" not in plain


def test_a_partners_read_of_the_convertible_set(convertible):
    """What a partner's read of this set sent back, each said as the set now says it."""
    npa = flat(convertible / "note-purchase-agreement.docx")
    note = flat(convertible / "promissory-note-whitcombe.docx")
    # no receipt acknowledged of a price paid at the closing (3.3), nor a payment "in a manner to be agreed"
    assert "receipt of which is hereby acknowledged" not in npa and "manner to be agreed" not in npa
    assert ("shall deliver to the Company such Purchaser’s Purchase Price by wire transfer of immediately available "
            "funds to the account that the Company designates in a writing signed by an officer of the Company; before "
            "sending its funds, each Purchaser shall confirm that account by telephone with that officer, at a number "
            "not taken from that writing.") in npa  # a second read: "confirmed by telephone" bound no one to call
    # conversion: 3(a)(9), else 4(a)(2) on the holder's representations then; the Rule 144 period carried over
    assert ("for soliciting the conversion, or, where that exemption is not available for a conversion, under Section "
            "4(a)(2) of the Act, assuming the accuracy of the holder’s representations in Section 5 at the time of the "
            "conversion.") in npa
    assert ("will bear restrictive legends; and (d) Conversion Securities issued solely in exchange for such "
            "Purchaser’s Note, with no other payment, are deemed for the purposes of Rule 144 to have been acquired "
            "when that Note was acquired (Rule 144(d)(3)(ii)), and other Conversion Securities when they are issued.") in npa
    # the Majority Holders cannot change one holder's conversion economics without that holder
    assert ("(a) reduce the principal of, or the rate of interest on, any Note, or postpone any date fixed for the "
            "payment of its principal or interest, extend its maturity date, or change "
            "the terms on which it converts or the amount payable on it upon a Change of Control, (b)") in npa
    assert "change of control" not in npa  # the Notes' defined term, as in 1.2 (a partner's read)
    # what a purchaser signs upon conversion is what its note says (a partner's read: "on the same terms as those
    # investors" alone would have bound it to their agreements to buy more)
    assert ("will be required to sign and deliver the agreements that the investors purchasing those securities for "
            "cash sign and deliver, other than any agreement to purchase additional securities, on the same terms as "
            "those investors, and the Conversion Securities will bear restrictive legends; and (d)") in npa
    # unsecured: no lien "in favor of the Purchasers" implied; the company's own no-general-solicitation statement
    assert "any lien upon any of the property of the Company or (ii) violate" in npa
    assert ("Neither the Company nor any person acting on its behalf has offered or sold the Notes by any form of "
            "general solicitation or general advertising within the meaning of Rule 502(c) of Regulation D.") in npa
    assert "on the date first set forth above (hereinafter the “Closing Date”)" in npa
    assert ("and by general principles of equity, including those limiting the availability of specific performance, "
            "injunctive relief and other equitable remedies.") in npa
    for text in (note, npa):  # the note and its form in Exhibit A
        # the notes convert at the closing that makes the financing a Qualified Financing, one Conversion Time
        assert ("immediately before the first closing of the Qualified Financing at which the gross cash proceeds the "
                "Maker has received in it, counting those of that closing, reach the amount that makes it a Qualified "
                "Financing (or, if the conversion is deferred because the notice of the Qualified Financing required "
                "below was not given in time, the later closing at which it then takes effect); on the Maturity Date; "
                "or immediately before the closing of a Change of Control") in text
        assert "At the Conversion Time for the Qualified Financing, the Conversion Amount shall convert" in text
        assert "initial closing" not in text
        assert ("This Note may not be prepaid in whole or in part without the prior written consent of the "
                "Payee.") in text
        # the cross-default threshold governs both limbs
        assert "relating to any such indebtedness or contained in any instrument" in text
        assert "the first paragraph of this Note" not in text  # the first paragraph is the legend
        assert ("If the Payee does not so elect, the Maker shall pay the principal of this Note and all interest "
                "accrued and unpaid on it on the Maturity Date.") in text
        # a corporation has no heirs; a registered note has no endorsees; no note here has guarantees
        assert "binding upon the successors and assigns of the Maker" in text
        assert "endorsees" not in text and "guarantees" not in text
        assert "Any notice under this Note shall be in writing" in text
        # paid annually from April 15, 2027 but due October 15, 2027: one periodic payment, then maturity
        assert "such interest to be paid on April 15, 2027, and on the Maturity Date." in text
        assert "every twelfth month" not in text


def test_a_change_of_control_payment_of_one_and_a_half_times_is_written_so(tmp_path):
    data = yaml.safe_load((REPO / "deals" / "convertible-example.yaml").read_text(encoding="utf-8"))
    data["notes"]["conversion"].update(change_of_control="payment", change_of_control_multiple="1.5x",
                                       at_maturity="repayment")
    path = tmp_path / "one-and-a-half.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    folder = build_example_at(path, tmp_path)
    note = flat(folder / "promissory-note-whitcombe.docx")
    assert ("At the closing of the Change of Control, the Maker shall pay the Payee, in cash, an amount equal to one "
            "and one-half (1.5) times the outstanding principal amount of this Note") in note
    assert "Repayment at Maturity. If this Note has not been converted before the Maturity Date, it shall not convert" in note
    agreement = flat(folder / "note-purchase-agreement.docx")
    assert "the Company will pay the holder of that Note one and one-half (1.5) times its outstanding principal" in agreement


def build_example_at(path: Path, tmp_path: Path) -> Path:
    from dealdocs.pipeline import Builder

    result = Builder(output_dir=tmp_path / "out").build(path)
    assert result.ok, [str(f) for f in result.findings]
    return tmp_path / "out" / path.stem


# ---------------------------------------------------------------- located errors, as `dealdocs check` prints them


def check_output(tmp_path: Path, base: str, change) -> str:
    data = yaml.safe_load((REPO / "deals" / f"{base}.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "deal.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "dealdocs", "check", str(path)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    return run.stdout


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


@pytest.mark.parametrize("base, change, key, needle, message", [
    ("convertible-example", lambda d: d["notes"]["conversion"].update(discount=120), "notes.conversion.discount",
     "discount: 120", "error DD002: notes.conversion.discount: '120' is above 100%"),
    ("convertible-example", lambda d: d["notes"]["conversion"].update(valuation_cap=-8000000),
     "notes.conversion.valuation_cap", "valuation_cap: -8000000", "error DD002: notes.conversion.valuation_cap:"),
    ("bridge-example", lambda d: d["escrow"].update(release_date="2026-04-06"), "escrow.outside_date",
     "outside_date:", "error DD190: escrow.outside_date: the outside date, April 3, 2026, is on or before the release "
     "date (escrow.release_date), April 6, 2026"),
    ("bridge-example", lambda d: d["escrow"]["disbursements"][2].update(amount="150,000.00"),
     "escrow.disbursements[2].amount", "amount: 150,000.00",
     # the key said once (a new user's read: "escrow.disbursements[1].amount: escrow.disbursements[1].amount ...")
     "error DD181: escrow.disbursements[2].amount (the 3rd disbursement, Meridian Capital Markets, LLC): the placement agent's fee paid from the escrow, $150,000.00, is not "
     "placement_agent.fee_percent (8%) of the gross proceeds ($2,000,000.00), which is $160,000.00"),
])
def test_each_broken_term_is_an_error_at_its_line(tmp_path, base, change, key, needle, message):
    out = check_output(tmp_path, base, change)
    path = tmp_path / "deal.yaml"
    line = line_of(path, needle)
    [found] = [row for row in out.splitlines() if message in row]
    assert found.startswith(f"{path}:{line}:"), found


def test_a_convertible_note_or_agreement_that_leaves_out_a_term_is_caught():
    from docx_helpers import load_example, render, spec_named

    from dealdocs.checks.provenance import check_expected_facts

    deal = load_example("convertible-example")
    for name in ("promissory-note-whitcombe", "note-purchase-agreement"):
        lines = [line.replace("twenty percent (20%)", "a discount").replace("two (2) times", "twice")
                 for line in text_of(render(deal, name)).splitlines()]
        missing = {f.message for f in check_expected_facts(deal, spec_named(deal, name), lines)}
        title = "promissory note" if name.startswith("promissory") else "note purchase agreement"
        assert missing == {f"the {title} does not state the conversion discount: \"twenty percent (20%)\"",
                           f"the {title} does not state the change-of-control multiple: \"two (2) times\""}, missing


def test_a_convertible_notes_caption_and_binder_name_say_convertible(convertible):
    page = text_of((convertible / "signature-packets" / "amara-lindqvist.docx").read_bytes())
    assert ("[Signature Page to Convertible Promissory Note No. 2 in the principal amount of $250,000.00 payable to "
            "Jonathan A. Whitcombe, dated April 15, 2026]") in page
    checklist = (convertible / "closing-checklist.md").read_text(encoding="utf-8")
    assert "| 3. | Convertible Promissory Note No. 2 payable to Jonathan A. Whitcombe | April 15, 2026 |" in checklist
    assert "to sign the Note Purchase Agreement and the Convertible Promissory Notes |" in checklist


def test_the_conversion_relies_on_section_3a9_not_on_the_offerings_rule_506(convertible):
    """A partner's read: the shares a note converts into are issued for no new money, in an exchange with the
    company's own security holders (Securities Act Section 3(a)(9)); Rule 506(b) covers the sale of the notes."""
    text = flat(convertible / "note-purchase-agreement.docx")
    # (session 58, a partner's read: the statute written out here and defined only in 5.1: one name for it)
    assert ("the offer, issue and sale of the Notes are exempt from the registration requirements of the Act (as "
            "defined in Section 5.1), in reliance on Section 4(a)(2) of the Act and Rule 506(b) of Regulation D thereunder. "
            "The issuance of securities "
            "upon the conversion of the Notes in accordance with their terms will be exempt from those requirements "
            "under Section 3(a)(9) of the Act, no commission or other remuneration being paid or given, directly or "
            "indirectly, for soliciting the conversion, or, where") in text


def test_the_conversion_summary_is_section_1_2_of_the_purchase_agreement():
    """A partner's read: the only statement of the discount, cap and maturity stood unnumbered after 1.1."""
    from docx_helpers import load_example, render, text_of

    lines = text_of(render(load_example("convertible-example"), "note-purchase-agreement")).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("1.1 Purchase and Sale."))
    assert lines[first + 1].startswith("1.2 Conversion. Each Note is convertible into equity securities")


def test_a_holder_may_waive_its_own_notice_of_a_qualified_financing_as_the_purchase_agreement_says(convertible, tmp_path):
    """A reviewer's read: the note lets the Payee alone waive the notice of a Qualified Financing, but the purchase
    agreement's 7.9 let its provisions be waived only by the Company and the Majority Holders, binding every holder.
    7.9 now says so of that notice; a deal whose notes do not convert has no such sentence."""
    npa = flat(convertible / "note-purchase-agreement.docx")
    assert ("which may be waived only as that Section provides. The holder of a Note may likewise waive, as to that Note alone, the notice of a Qualified "
            "Financing that the Note requires, or its timing, and no waiver of that notice binds a holder that has not "
            "signed it. Without the written consent") in npa  # nor can the Majority Holders waive it for a minority
    bridge = flat(build_example("bridge-example", tmp_path / "bridge") / "note-purchase-agreement.docx")
    assert "notice of a Qualified Financing" not in bridge and "likewise waive" not in bridge


def test_the_holder_is_told_the_cap_price_before_it_elects_and_a_late_notice_leaves_its_election_open(convertible):
    """A second partner's read: the change of control notice described the deal but not the Cap Price, between which
    and twice the principal the holder must choose; and a late notice or maturity certificate cost the Maker
    nothing, the holder's deadline running all the same."""
    note = flat(convertible / "promissory-note-whitcombe.docx")
    assert ("the Maker shall give the Payee written notice of it, describing its material terms and stating the "
            "consideration for each share of Common Stock in it, the Fully Diluted Capitalization and the resulting Cap "
            "Price, each computed as of the date of the notice, at least ten (10) Business Days before its expected "
            "closing, and shall promptly give the Payee a further such notice if any of those matters changes before "
            "that closing.") in note
    assert ("not later than two (2) Business Days before the expected closing of the Change of Control (or, where the "
            "Maker’s notice of it was given fewer than ten (10) Business Days before that closing, at any time before "
            "it), either (a)") in note
    assert ("not later than five (5) Business Days before the Maturity Date (or, where the Maker has not delivered that "
            "certificate when due, at any time before the Maturity Date), to convert") in note


def test_book_entry_conversion_securities_carry_their_legend_notice_and_lose_the_legend_under_rule_144(convertible):
    """A second partner's read: shares issued in book entry bind a later holder to a transfer restriction only if the
    Section 151(f) notice states it (Delaware), and nothing had the legend removed once Rule 144 is available."""
    note = flat(convertible / "promissory-note-whitcombe.docx")
    assert ("in certificated or book-entry form; securities in book-entry form shall be accompanied by a written notice "
            "stating any restrictive legend they bear (the notice Section 151(f) of the General Corporation Law of the "
            "State of Delaware requires). The Maker shall remove any such legend, upon the holder’s request and "
            "delivery of customary representations, once the securities may be sold under Rule 144 without volume or "
            "manner-of-sale limitations.") in note

    # a code review: the template compared the term sheet's words with "Delaware": 'DE' (which reads as Delaware
    # everywhere else, "a Delaware corporation") left the notice out
    deal = load_example("convertible-example")
    as_de = replace(deal, company=replace(deal.company, state_of_organization="DE").model_dump())
    de_note = " ".join(text_of(render(as_de, "promissory-note-whitcombe")).split())
    assert "a Delaware corporation" in de_note and "the notice Section 151(f) of the General Corporation Law" in de_note


def test_a_holder_confirms_its_representations_when_a_conversion_relies_on_them(convertible, tmp_path):
    """A partner's read: where Section 3(a)(9) is not available, the conversion's exemption rests on "the holder's
    representations in Section 5 at the time of the conversion" (NPA 4.4), which nothing had the holder (or a
    transferee) give then. The note, and the form of note, have it confirm them on the Maker's request."""
    # a second read: as of the conversion and of its securities (accredited then), only what a transferee can say,
    # asked before the conversion, and the securities issued anyway where another exemption serves
    asked = ("on the same terms as those investors, and, if the Maker so requests before the Conversion Time, shall "
             "confirm in writing, as of the Conversion Time and as though made of the securities issuable upon the "
             "conversion, the representations a purchaser makes in Section 5 of the Purchase Agreement as to its "
             "investment purpose, its knowledge and experience, its being an accredited investor at the "
             "Conversion Time, its ability to bear the risk of the investment, the restrictions on transfer, the manner in which it "
             "learned of the offering and sanctions, each as to the Payee; if the Payee is unable to give that confirmation, the "
             "Maker shall nonetheless issue the securities where an exemption from registration is otherwise available. "
             "Promptly after the Payee has done so")
    assert asked in flat(convertible / "promissory-note-whitcombe.docx")
    assert asked in flat(convertible / "note-purchase-agreement.docx")  # its Exhibit A
    assert "the holder\u2019s representations in Section 5 at the time of the conversion" in flat(convertible / "note-purchase-agreement.docx")
    deal = load_example("convertible-example")
    one = replace(deal, purchasers=[deal.purchasers[0].model_dump()])  # no "Purchase Agreement" defined in the note
    text = " ".join(text_of(render(one, "promissory-note")).split())
    # named as its Events of Default name it (a code review)
    assert ("the representations a purchaser makes in Section 5 of the Note Purchase Agreement dated as of "
            f"{long_date(deal.notes.agreement_date)} between the Maker and the Payee as to its investment purpose") in text
