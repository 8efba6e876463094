"""The closing ledger: read as safely as a term sheet, each entry checked against the deal, every problem located.

Ledgers are real files written beside a copy of the bridge example; the
complete one (tests/closing/bridge-example.closing.yaml) is written by hand.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dealdocs.closing.ledger import ClosingLedger, is_ledger, ledger_path, load_ledger, term_sheet_of
from dealdocs.errors import LedgerError
from dealdocs.termsheet.loader import load_deal

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
COMPLETE = REPO / "tests" / "closing" / "bridge-example.closing.yaml"
TODAY = date(2026, 11, 30)
IN_ESCROW = date(2026, 3, 31)  # a day the funds may be in escrow: before its Outside Date, April 3, 2026 (DD519)


def deal_beside(folder: Path, ledger: str | bytes | None, name: str = "bridge-example") -> Path:
    """A copy of the bridge term sheet in `folder`, with `ledger` written beside it: the term sheet's path."""
    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder / f"{name}.yaml"
    shutil.copyfile(BRIDGE, sheet)
    if ledger is not None:
        target = folder / f"{name}.closing.yaml"
        target.write_bytes(ledger if isinstance(ledger, bytes) else ledger.encode("utf-8"))
    return sheet


def load(folder: Path, ledger: str | bytes | None, today: date = TODAY) -> ClosingLedger:
    sheet = deal_beside(folder, ledger)
    deal, _ = load_deal(sheet)
    return load_ledger(ledger_path(sheet), deal, today=today)


def problems(folder: Path, ledger: str | bytes, today: date = TODAY) -> list:
    with pytest.raises(LedgerError) as caught:
        load(folder, ledger, today)
    findings = caught.value.findings
    assert findings and all(f.location.file == str(folder / "bridge-example.closing.yaml") for f in findings)
    return findings


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


# ---------------------------------------------------------------- paths


def test_the_ledger_lives_beside_the_term_sheet(tmp_path):
    assert ledger_path(Path("deals/acme.yaml")) == Path("deals/acme.closing.yaml")
    assert term_sheet_of(Path("deals/acme.closing.yaml")) == Path("deals/acme.yaml")
    assert is_ledger(Path("deals/acme.closing.yaml")) and not is_ledger(Path("deals/acme.yaml"))


# ---------------------------------------------------------------- what a ledger records


def test_no_ledger_records_nothing(tmp_path):
    ledger = load(tmp_path, None)
    assert ledger.display is None and not ledger.signed and not ledger.funds and not ledger.done


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "signed:\nfunds_received:\ndone:\nnot_needed:\n"])
def test_an_empty_ledger_or_empty_sections_record_nothing(tmp_path, text):
    ledger = load(tmp_path, text)
    assert ledger.display is not None and not ledger.signed and not ledger.funds and not ledger.done


def test_the_complete_ledger_records_every_signature_payment_and_deliverable(tmp_path):
    ledger = load(tmp_path, COMPLETE.read_bytes())
    # 5 on the escrow agreement, 4 on the release notice, 4 on the NPA, 2 per note (maker, attest), 4 on the
    # security agreement (the company and each holder)
    assert len(ledger.signed) == 23
    assert {(s.document, s.signer) for s in ledger.signed if s.role == "Purchaser" and s.document == "release-notice"} == {
        ("release-notice", "Elena Marsh"), ("release-notice", "David Okafor"), ("release-notice", "Margaret Chen")}
    assert ledger.funds[0].amount == Decimal("1000000.00") and ledger.funds[0].date == date(2026, 3, 3)
    assert ledger.funds[1].amount == Decimal("750000.00")
    assert ledger.funds[2].amount == Decimal("250000.00") and ledger.funds[2].date == date(2026, 3, 4)
    assert ledger.done["form-d"] == date(2026, 3, 17) and ledger.done["tax-form-chen"] is None
    assert ledger.not_needed == {"stockholder-consent": "no preferred stock; the charter requires no stockholder vote for debt"}
    assert ledger.findings == [] and ledger.raw == COMPLETE.read_bytes()


def test_a_signature_records_the_day_its_page_came_back_and_not_a_day_to_come(tmp_path):
    """A new user's trial: `signed:` took no date ("unknown key 'date'"), though lawyers log when pages come back and
    funds and deliverables take one: it is kept, given in status's JSON, and a day after today is DD508."""
    ledger = load(tmp_path / "a", "signed:\n  - {signer: Elena Marsh, document: escrow-agreement, date: 2026-03-02}\n"
                                  "  - {signer: Priya Raman, document: escrow-agreement}\n")
    assert sorted(ledger.signed_dates.values()) == [date(2026, 3, 2)] and len(ledger.signed) == 2
    [future] = problems(tmp_path / "b", "signed:\n  - {signer: Elena Marsh, document: escrow-agreement, date: 2026-12-25}\n",
                        IN_ESCROW)
    assert future.code == "DD508" and future.location.key == "signed[0].date"


def test_a_signer_may_be_named_by_person_party_or_short_name_in_any_case(tmp_path):
    ledger = load(tmp_path, "signed:\n"
                            "  - {signer: elena  MARSH, document: escrow-agreement}\n"
                            "  - {signer: Quarry Lane, document: escrow-agreement}\n"
                            "  - {signer: 'Northwind Analytics, Inc.', document: escrow-agreement}\n"
                            "  - {signer: Escrow Agent, document: escrow-agreement}\n")
    assert sorted(s.signer for s in ledger.signed) == ["David Okafor", "Elena Marsh", "Priya Raman", "Thomas Whitfield"]


# ---------------------------------------------------------------- each problem, located


def test_a_surname_two_signers_share_asks_which(tmp_path):
    """A new user's trial: 'Hollis', the surname of both trustees, was "did you mean Anne Hollis?", the nearer
    spelling of one; then all were named, as a signer of no document."""
    fund = (REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8")
    sheet = tmp_path / "fund-example.yaml"
    sheet.write_text(fund.replace("Ruth A. Calloway", "Anne Hollis").replace("Peter M. Calloway", "Mark Hollis"),
                     encoding="utf-8")
    (tmp_path / "fund-example.closing.yaml").write_text("signed:\n  - {signer: Hollis, document: note-purchase-agreement}\n")
    deal, _ = load_deal(sheet)
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), deal, today=TODAY)
    [found] = caught.value.findings
    # a second trial: "signs no document of the deal" (DD501) for 'Nakamura', where a short name two joint holders
    # share asked which (DD504): a surname two signers of the document share asks which
    assert found.code == "DD504" and found.location.key == "signed[0].signer"
    assert ("'Hollis' is the surname of 2 signers of note-purchase-agreement: write which: 'Anne Hollis' or "
            "'Mark Hollis'") in found.message


@pytest.mark.parametrize("first, second, written", [
    ("Anna van der Berg", "Pieter van der Berg", "van der Berg"),
    ("Anne Hollis", "Mark Hollis Jr.", "Hollis"),
    ("Anne Hollis III", "Mark Hollis", "hollis"),
])
def test_a_surname_of_several_words_or_before_a_suffix_two_signers_share_asks_which(tmp_path, first, second, written):
    """A code review: the surname was the name's last word, so "van der Berg" was no one's ("signs no document", DD501)
    and Mark Hollis, Jr.'s was "Jr.": 'Hollis' named Anne Hollis alone, as if no one else bore it."""
    fund = (REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8")
    sheet = tmp_path / "fund-example.yaml"
    sheet.write_text(fund.replace("Ruth A. Calloway", first).replace("Peter M. Calloway", second), encoding="utf-8")
    (tmp_path / "fund-example.closing.yaml").write_text(
        f"signed:\n  - {{signer: {written}, document: note-purchase-agreement}}\n")
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), load_deal(sheet)[0], today=TODAY)
    [found] = caught.value.findings
    assert found.code == "DD504" and found.location.key == "signed[0].signer", str(found)
    assert (f"'{written}' is the surname of 2 signers of note-purchase-agreement: write which: '{first}' or "
            f"'{second}'") in found.message


def test_a_surname_alone_counts_no_ones_page(tmp_path):
    """A code review: 'Whitfield', the escrow agent's short name, was taken for the surname of Robert Whitfield Jr., a
    purchaser, on the purchase agreement, which the agent does not sign: his page counted, without a word. A surname
    is weighed only beside a name that does name a signer of the document (DD504 when both fit)."""
    text = (BRIDGE.read_text(encoding="utf-8")
            .replace("    name: Margaret Chen\n    short_name: Chen\n", "    name: Robert Whitfield Jr.\n    short_name: Bob\n")
            .replace("    name: Whitfield & Crane LLP\n", "    name: Whitfield & Crane LLP\n    short_name: Whitfield\n"))
    assert "Robert Whitfield Jr." in text and "short_name: Whitfield" in text
    sheet = deal_beside(tmp_path, "signed:\n  - {signer: Whitfield, document: note-purchase-agreement}\n")
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), load_deal(sheet)[0], today=TODAY)
    [found] = caught.value.findings
    assert found.code == "DD503" and "'Whitfield' does not sign note-purchase-agreement" in found.message


def test_a_signer_the_term_sheet_does_not_name_is_said_to_be_no_one_of_the_deal(tmp_path):
    """A new user's trial: a purchaser taken out of the term sheet left its signature in the ledger, "signs no
    document of the deal"; a name the term sheet does not hold says so, and what to do; one it holds (the company's
    counsel's contact, who signs nothing) is still a signer of no document."""
    found = problems(tmp_path, "signed:\n  - {signer: Ana Ruiz, document: note-purchase-agreement}\n"
                               "  - {signer: marcus  LOWELL, document: note-purchase-agreement}\n")
    assert [f.code for f in found] == ["DD501", "DD501"]
    assert found[0].message.startswith(
        "'Ana Ruiz' is not named in the term sheet, so signs no document of the deal: if a party of that name was "
        "taken out of the deal, take its entries out of the ledger too; the deal's signers: Priya Raman; "), found[0].message
    assert found[1].message.startswith("'marcus  LOWELL' signs no document of the deal; the deal's signers: "), found[1].message


def test_unknown_signer_and_document_are_errors_with_a_suggestion(tmp_path):
    text = ("signed:\n"
            "  - {signer: Elena Marsch, document: note-purchase-agreement}\n"
            "  - {signer: Priya Raman, document: promissory-note-harbourview}\n")
    found = problems(tmp_path, text)
    assert [(f.code, f.location.key, f.location.line) for f in found] == [
        ("DD501", "signed[0].signer", 2), ("DD502", "signed[1].document", 3)]
    # a misspelling is not told to go (a code review: a real signature's record would have been taken out)
    assert found[0].message == ("'Elena Marsch' is not named in the term sheet, so signs no document of the deal (did "
                                "you mean Elena Marsh?)")
    assert "did you mean promissory-note-harborview?" in found[1].message
    assert found[0].location.column == text.splitlines()[1].index("Elena") + 1


def test_a_note_named_by_its_number_or_by_its_kind_alone_is_pointed_at_by_number(tmp_path):
    """A new user's trial: 'promissory-note-1' was "did you mean promissory-note-chen?", Note No. 3 (the nearest
    spelling), where Note No. 1 is Harborview's; 'promissory-note' alone pointed at Chen's too."""
    text = ("signed:\n"
            "  - {signer: Priya Raman, document: promissory-note-1}\n"
            "  - {signer: Priya Raman, document: promissory-note}\n"
            "  - {signer: Priya Raman, document: promissory-note-no-3}\n")
    found = problems(tmp_path, text)
    assert [f.code for f in found] == ["DD502", "DD502", "DD502"]
    assert found[0].message == "the deal has no document 'promissory-note-1' (did you mean promissory-note-harborview, No. 1?)"
    assert found[1].message == ("the deal has no document 'promissory-note': say which: promissory-note-harborview "
                                "(No. 1), promissory-note-quarry-lane (No. 2), promissory-note-chen (No. 3)")
    assert "(did you mean promissory-note-chen, No. 3?)" in found[2].message


def test_a_signer_recorded_on_a_document_they_do_not_sign(tmp_path):
    [found] = problems(tmp_path, "signed:\n  - {signer: Elena Marsh, document: promissory-note-chen}\n")
    assert found.code == "DD503" and found.location.key == "signed[0].signer"
    assert found.message == ("'Elena Marsh' does not sign promissory-note-chen; its signers: "
                             "Priya Raman, Chief Executive Officer, for Northwind Analytics, Inc. and "
                             "Daniel Osei, Secretary, for Northwind Analytics, Inc.")


def test_the_same_signature_twice_names_the_first_line(tmp_path):
    text = "signed:\n  - {signer: Elena Marsh, document: escrow-agreement}\n  - {signer: Harborview, document: escrow-agreement}\n"
    [found] = problems(tmp_path, text, IN_ESCROW)
    assert found.code == "DD505" and found.location.line == 3 and "(first on line 2)" in found.message


def test_a_wrong_amount_is_a_located_error_with_both_figures(tmp_path):
    text = COMPLETE.read_text().replace('{purchaser: Harborview, amount: "1,000,000.00"', '{purchaser: Harborview, amount: "100,000.00"')
    [found] = problems(tmp_path, text)
    assert found.code == "DD507" and found.location.key == "funds_received[0].amount"
    assert found.location.line == line_of(text, '"100,000.00"')
    assert found.location.column == text.splitlines()[found.location.line - 1].index('"100,000.00"') + 1
    assert found.message == ("$100,000.00 received from Harborview Capital Partners, L.P., whose subscription is "
                             "$1,000,000.00 (a difference of $900,000.00; if the rest of it is still to come, say "
                             "rest_to_come: true)")


def test_an_amount_off_by_a_cent_is_an_error(tmp_path):
    [found] = problems(tmp_path, "funds_received:\n  - {purchaser: Chen, amount: 250000.01, date: 2026-03-04}\n")
    assert found.code == "DD507" and "$250,000.01" in found.message


def test_an_unknown_purchaser_is_an_error_with_a_suggestion(tmp_path):
    [found] = problems(tmp_path, "funds_received:\n  - {purchaser: Harbourview, amount: 1000000, date: 2026-03-03}\n")
    assert found.code == "DD506" and "did you mean Harborview?" in found.message


def test_funds_from_one_purchaser_twice(tmp_path):
    text = ("funds_received:\n  - {purchaser: Chen, amount: 250000, date: 2026-03-04}\n"
            "  - {purchaser: Margaret Chen, amount: 250000, date: 2026-03-04}\n")
    [found] = problems(tmp_path, text)
    assert found.code == "DD507" and found.location.line == 3 and found.location.key == "funds_received[1].amount"
    assert found.message == ("the 2 wires recorded from Margaret Chen (lines 2 and 3) total $500,000.00, but its "
                             "subscription is $250,000.00 (a difference of $250,000.00: one recorded twice?)")


def test_a_subscription_in_two_wires_is_received_on_the_day_of_the_second(tmp_path):
    ledger = load(tmp_path, "funds_received:\n  - {purchaser: Harborview, amount: \"600,000.00\", date: 2026-03-03}\n"
                            "  - {purchaser: Harborview, amount: \"400,000.00\", date: 2026-03-04}\n", IN_ESCROW)
    assert ledger.funds[0].amount == Decimal("1000000.00") and ledger.funds[0].date == date(2026, 3, 4)
    assert ledger.findings == []


def test_two_wires_short_of_the_subscription_are_an_error_saying_how_to_accept_a_fee(tmp_path):
    text = ("funds_received:\n  - {purchaser: Harborview, amount: \"600,000.00\", date: 2026-03-03}\n"
            "  - {purchaser: Harborview, amount: \"399,975.00\", date: 2026-03-04}\n")
    [found] = problems(tmp_path, text)
    assert found.code == "DD507" and found.location.line == 3
    assert found.message == ("the 2 wires recorded from Harborview Capital Partners, L.P. (lines 2 and 3) total "
                             "$999,975.00, but its subscription is $1,000,000.00 (a difference of $25.00; if the "
                             "shortfall is accepted (a bank's fee), say why and by whom as short_accepted)")


def test_a_wire_short_by_a_bank_fee_accepted_counts_received_with_a_warning_and_the_status_says_so(tmp_path):
    from dealdocs.closing.status import closing_status

    text = ("funds_received:\n  - purchaser: Chen\n    amount: 249975\n    date: 2026-03-04\n"
            "    short_accepted: the intermediary bank's fee; the company accepts it (P. Raman, March 4)\n")
    ledger = load(tmp_path, text, IN_ESCROW)
    [found] = ledger.findings
    assert found.code == "DD517" and not found.is_error and found.location.key == "funds_received[0].short_accepted"
    assert found.message == ("$249,975.00 received from Margaret Chen, $25.00 short of its subscription of $250,000.00, "
                             "accepted as payment of it: the intermediary bank's fee; the company accepts it (P. Raman, "
                             "March 4); its note is still for the whole subscription")
    assert ledger.funds[2].amount == Decimal("249975.00") and ledger.funds[2].short == Decimal("25.00")
    deal, _ = load_deal(tmp_path / "bridge-example.yaml")
    [chen] = [f for f in closing_status(deal, ledger).funds if f.purchaser == "Margaret Chen"]
    assert chen.state == ("Received March 4, 2026, $25.00 short (accepted: the intermediary bank's fee; the company "
                          "accepts it (P. Raman, March 4))")


def test_with_a_wire_accepted_short_the_checklist_nets_what_the_escrow_holds_and_the_release_instructions_say_so(tmp_path):
    """A new user's trial: Chen's $249,975.00 accepted as her $250,000.00, the checklist still netted the company
    $1,812,519.75 and its release instructions asked the escrow agent to wire that, $25.00 more than it held."""
    from dealdocs.closing.status import closing_status
    from dealdocs.outputs.checklist import closing_checklist

    text = ("funds_received:\n  - purchaser: Chen\n    amount: 249975\n    date: 2026-03-04\n"
            "    short_accepted: the intermediary bank's fee; the company accepts it (P. Raman, March 4)\n")
    ledger = load(tmp_path, text, IN_ESCROW)
    deal, _ = load_deal(tmp_path / "bridge-example.yaml")
    markdown = closing_checklist(deal, [], closing_status(deal, ledger))["closing-checklist.md"].decode()
    lines = [" ".join(line.split()) for line in markdown.splitlines()]
    assert "| Total subscriptions | $2,000,000.00 |" in lines
    assert "| Less wires accepted short (Margaret Chen) | $25.00 |" in lines
    assert "| Held in escrow | $1,999,975.00 |" in lines
    assert "| Less total disbursements | $187,480.25 |" in lines
    assert "| Net to Northwind Analytics, Inc., as held | $1,812,494.75 |" in lines
    assert ("The escrow holds $25.00 less than the subscriptions, wires accepted short of them: the net to Northwind "
            "Analytics, Inc. is $1,812,494.75, not $1,812,519.75, and the release instructions say so.") in markdown
    [release] = [line for line in lines if "| release-instructions |" in line]
    assert ("for each wire at release (the net proceeds of $1,812,494.75 (the subscriptions' $1,812,519.75 less $25.00 "
            "of wires accepted short) to Northwind Analytics, Inc.") in release
    whole = closing_checklist(deal, [], closing_status(deal))["closing-checklist.md"].decode()
    assert "accepted short" not in whole and "the net proceeds of $1,812,519.75 to Northwind" in whole


def test_a_wire_in_parts_is_recorded_part_by_part_with_the_rest_to_come(tmp_path):
    """A new user's trial: a purchaser wiring in two parts could not record the first until the second came (DD507
    stopped check and build). With `rest_to_come` the part is recorded, said at each check (DD518), its funds still
    outstanding; without it a short total is still an error (a figure short by a zero is a slip, not a part), which
    says how to record a part."""
    from dealdocs.closing.status import closing_status

    text = "funds_received:\n  - {purchaser: Chen, amount: 100000, date: 2026-03-03, rest_to_come: true}\n"
    ledger = load(tmp_path, text, IN_ESCROW)
    [found] = ledger.findings
    assert (found.code, found.is_error, found.location.key, found.location.line) == (
        "DD518", False, "funds_received[0].rest_to_come", 2)
    assert found.message == ("$100,000.00 received so far from Margaret Chen, $150,000.00 of its subscription of "
                             "$250,000.00 still to come: its funds count as outstanding until its wires total it")
    assert 2 not in ledger.funds
    deal, _ = load_deal(tmp_path / "bridge-example.yaml")
    state = closing_status(deal, ledger)
    [chen] = [f for f in state.funds if f.purchaser == "Margaret Chen"]
    # a second trial: the part in escrow showed as nothing received
    assert chen.state == "Outstanding: $100,000.00 received so far, $150,000.00 to come"
    assert state.owed == Decimal("1900000.00")  # $2,000,000.00 less the $100,000.00 in
    whole = load(tmp_path, text + "  - {purchaser: Chen, amount: 150000, date: 2026-03-04}\n", IN_ESCROW)
    assert whole.findings == [] and whole.funds[2].amount == Decimal("250000.00")
    over = problems(tmp_path, text + "  - {purchaser: Chen, amount: 160000, date: 2026-03-04}\n")
    assert [f.code for f in over] == ["DD507"]
    [slip] = problems(tmp_path, "funds_received:\n  - {purchaser: Chen, amount: 25000, date: 2026-03-04}\n")
    assert slip.code == "DD507" and slip.message.endswith("(a difference of $225,000.00; if the rest of it is still to "
                                                          "come, say rest_to_come: true)")


def test_an_accepted_shortfall_never_covers_a_wire_over_the_subscription(tmp_path):
    [found] = problems(tmp_path, "funds_received:\n  - {purchaser: Chen, amount: 250025, date: 2026-03-04, "
                                 "short_accepted: a fee}\n")
    assert found.code == "DD507" and found.message == ("$250,025.00 received from Margaret Chen, whose subscription is "
                                                       "$250,000.00 (a difference of $25.00)")
    [found] = problems(tmp_path, "funds_received:\n  - {purchaser: Chen, amount: 25000, date: 2026-03-04, "
                                 "short_accepted: a fee}\n")  # a figure short by a zero is no bank's fee
    assert found.code == "DD507" and found.message == (
        "$25,000.00 received from Margaret Chen, whose subscription is $250,000.00 (a difference of $225,000.00; "
        "short_accepted covers a bank's fee, up to $250.00: a larger shortfall changes the subscription, which the "
        "term sheet gives)")


def test_a_date_after_today_is_an_error_and_before_the_agreement_a_warning(tmp_path):
    future = "funds_received:\n  - {purchaser: Chen, amount: 250000, date: 2026-03-20}\n"
    [found] = problems(tmp_path, future, today=date(2026, 3, 19))
    assert found.code == "DD508" and found.location.key == "funds_received[0].date"
    assert "March 20, 2026 is after today (March 19, 2026)" in found.message
    assert load(tmp_path, future, today=date(2026, 3, 20)).funds[2].date == date(2026, 3, 20)  # the same day is fine
    early = load(tmp_path, "funds_received:\n  - {purchaser: Chen, amount: 250000, date: 2026-03-01}\n", IN_ESCROW)
    [warned] = early.findings
    assert warned.code == "DD511" and not warned.is_error and "before the deal's first agreement (March 2, 2026)" in warned.message
    assert early.funds[2].date == date(2026, 3, 1)
    done_late = "done:\n  - {deliverable: form-d, date: 2027-01-05}\n"
    assert [f.code for f in problems(tmp_path, done_late)] == ["DD508", "DD514"]  # and late: due March 17, 2026
    late = load(tmp_path, "done:\n  - {deliverable: form-d, date: 2026-06-01}\n")  # a new user's trial: "Done", no word
    [warned] = late.findings
    assert (warned.code, warned.is_error, warned.location.key) == ("DD514", False, "done[0].date")
    assert warned.message.startswith("form-d is recorded done on June 1, 2026, after it was due: March 17, 2026: 15 "
                                     "calendar days after the first sale")


def test_a_release_date_given_while_the_ledger_records_the_release_notice_not_signed_by_all(tmp_path):
    """A new user's trial (session 62): escrow.release_date given (the README: once the notice is signed by all) with
    two of its signatures recorded: nothing said. DD529 says which are outstanding; signed by all, nothing."""
    funds = ("funds_received:\n  - {purchaser: Harborview, amount: 1000000, date: 2026-03-03}\n"
             "  - {purchaser: Quarry Lane, amount: 750000, date: 2026-03-03}\n"
             "  - {purchaser: Chen, amount: 250000, date: 2026-03-03}\n")
    some = "signed:\n" + "".join(f"  - {{signer: {name}, document: release-notice}}\n" for name in ("Priya Raman", "Elena Marsh"))
    sheet = deal_beside(tmp_path, some + funds)
    text = sheet.read_text(encoding="utf-8")
    marker = "  # no release_date: the release notice is dated when it is signed, at release\n"
    assert text.count(marker) == 1
    sheet.write_text(text.replace(marker, "  release_date: 2026-03-05\n"), encoding="utf-8")
    deal, _ = load_deal(sheet)
    [dated] = load_ledger(ledger_path(sheet), deal, today=IN_ESCROW).findings
    assert (dated.code, dated.is_error, dated.location.key) == ("DD529", False, "signed")
    assert dated.message == ("escrow.release_date gives the Release Notice the date March 5, 2026, but the ledger "
                             "records 2 of its signatures outstanding (David Okafor and Margaret Chen): the date is "
                             "given once it is signed by all; record the signatures, or take the date out until then")
    every = some + "".join(f"  - {{signer: {name}, document: release-notice}}\n" for name in ("Margaret Chen", "David Okafor"))
    (tmp_path / "bridge-example.closing.yaml").write_text(every + funds, encoding="utf-8")
    assert load_ledger(ledger_path(sheet), deal, today=IN_ESCROW).findings == []
    (tmp_path / "bridge-example.closing.yaml").write_text(funds, encoding="utf-8")  # none recorded: four named
    [none] = load_ledger(ledger_path(sheet), deal, today=IN_ESCROW).findings
    assert "records 4 of its signatures outstanding (Priya Raman, Elena Marsh, David Okafor and Margaret Chen)" in none.message
    undated = deal_beside(tmp_path / "undated", some + funds)
    assert load_ledger(ledger_path(undated), load_deal(undated)[0], today=IN_ESCROW).findings == []


def test_funds_after_the_outside_date_and_a_release_notice_signed_before_the_funds_are_in(tmp_path):
    """A new user's trial: Harborview's funds recorded June 15, 2026, after the escrow's outside date (April 3, 2026,
    when the escrow agent sends funds back), and the release notice recorded signed with one of three payments in:
    `status` said all was in."""
    late = "funds_received:\n  - {purchaser: Harborview, amount: 1000000, date: 2026-06-15}\n"
    [found] = problems(tmp_path, late)
    assert (found.code, found.location.key, found.location.line) == ("DD512", "funds_received[0].date", 2)
    assert found.message.startswith("Harborview Capital Partners, L.P.'s funds are recorded received June 15, 2026, "
                                    "after the escrow's outside date, April 3, 2026")
    on_the_day = load(tmp_path, late.replace("2026-06-15", "2026-04-03"), date(2026, 4, 3))
    assert [f.code for f in on_the_day.findings] == []  # that day is in time
    early = ("signed:\n  - {signer: Priya Raman, document: release-notice}\n"
             "funds_received:\n  - {purchaser: Chen, amount: 250000, date: 2026-03-03}\n")
    [warned] = load(tmp_path, early, IN_ESCROW).findings
    assert (warned.code, warned.is_error, warned.location.key) == ("DD513", False, "signed[0].document")
    assert ("release-notice is recorded signed, but the funds of Harborview Capital Partners, L.P. and Quarry Lane "
            "Fund, LLC are not recorded received") in warned.message
    every = early + ("  - {purchaser: Harborview, amount: 1000000, date: 2026-03-03}\n"
                     "  - {purchaser: Quarry Lane, amount: 750000, date: 2026-03-03}\n")
    assert load(tmp_path, every, IN_ESCROW).findings == []
    # after the outside date, the funds in escrow with the release notice not signed by all go back (DD519)
    [passed] = load(tmp_path, every).findings
    assert (passed.code, passed.is_error, passed.location.key) == ("DD519", False, "funds_received")
    assert passed.message == ("the escrow's Outside Date, April 3, 2026, has passed without a Release Notice signed by "
                              "all, and $2,000,000.00 is recorded in escrow: under the Escrow Agreement (Section 1.7) "
                              "the Escrow Agent returns the funds to the purchasers; if the parties extended the date "
                              "in writing, give the new one as escrow.outside_date")
    # signatures recorded, no funds: the deal has lapsed all the same (a partner's read: this ledger was silent)
    signatures = "signed:\n  - {signer: Priya Raman, document: escrow-agreement}\n"
    assert load(tmp_path, signatures, IN_ESCROW).findings == []
    [lapsed] = load(tmp_path, signatures).findings
    assert (lapsed.code, lapsed.is_error, lapsed.location.key) == ("DD519", False, "signed")
    assert lapsed.message == ("the escrow's Outside Date, April 3, 2026, has passed without a Release Notice signed by "
                              "all, and no funds are recorded in escrow: the Note Purchase Agreement has terminated "
                              "(Section 3.6) and the Escrow Agent returns funds that arrive now (Escrow Agreement, "
                              "Section 1.7); if the parties extended the date in writing, give the new one as "
                              "escrow.outside_date, and record the funds received as funds_received")
    late = signatures + "funds_received:\n  - {purchaser: Harborview, amount: 1000000, date: 2026-06-15}\n"
    assert [f.code for f in problems(tmp_path, late)] == ["DD512"]  # (a code review: not also "no funds are recorded")
    signed_by_all = "signed:\n" + "".join(f"  - {{signer: {name}, document: release-notice}}\n" for name in
                                          ("Priya Raman", "Elena Marsh", "Margaret Chen", "David Okafor"))
    assert [f.code for f in load(tmp_path, signed_by_all).findings] == ["DD513"]  # released: nothing lapsed


def test_a_name_written_as_words_is_pointed_at_the_name_it_stands_for(tmp_path):
    """A new user's trial: 'Form D' got no "did you mean form-d"."""
    found = problems(tmp_path, "done:\n  - {deliverable: Form D}\nsigned:\n  - {signer: Priya Raman, document: Escrow Agreement}\n")
    assert sorted(f.message for f in found) == [
        "the closing checklist has no deliverable 'Form D' (did you mean form-d?)",
        "the deal has no document 'Escrow Agreement' (did you mean escrow-agreement?)"]


def test_deliverables_unknown_twice_or_not_needed_wrongly(tmp_path):
    text = ("done:\n  - {deliverable: officer-certificate}\n  - {deliverable: form-d}\n  - {deliverable: form-d}\n"
            "  - {deliverable: stockholder-consent}\n"
            "not_needed:\n  - {deliverable: ucc-1, reason: unsecured}\n  - {deliverable: stockholder-consent, reason: none}\n")
    found = problems(tmp_path, text)
    assert [(f.code, f.location.line) for f in found] == [("DD509", 2), ("DD505", 4), ("DD510", 7), ("DD510", 8)]
    assert "did you mean officers-certificate?" in found[0].message
    assert "ucc-1 is needed whenever the checklist lists it" in found[2].message
    assert "marked both done and not needed" in found[3].message
    # one that is always needed, marked both: the two entries disagree, said first (a new user's trial)
    both = "done:\n  - {deliverable: form-d}\nnot_needed:\n  - {deliverable: form-d, reason: filed}\n"
    [found] = problems(tmp_path, both)
    assert found.message == "form-d is marked both done and not needed"


# ---------------------------------------------------------------- read as safely as a term sheet


def test_a_name_cut_by_the_comma_of_a_flow_mapping_says_to_quote_it(tmp_path):
    text = "signed:\n  - {signer: Quarry Lane Fund, LLC, document: escrow-agreement}\n"
    [found] = problems(tmp_path, text)
    assert found.code == "DD002" and found.location.key == "signed[0].signer"
    assert found.message == ('inside { } a comma ends the entry, so Quarry Lane Fund, LLC was cut at its comma: '
                             'write it in quotes ("Quarry Lane Fund, LLC")')


def test_the_issue_example_amount_unquoted_in_braces_is_caught(tmp_path):
    """The ledger form as first sketched, `amount: 1,000,000.00` inside { }, is YAML for 1 and two stray keys."""
    [found] = problems(tmp_path, "funds_received:\n  - {purchaser: Harborview, amount: 1,000,000.00, date: 2026-03-03}\n")
    assert found.code == "DD002" and found.location.key == "funds_received[0].amount"
    assert '("1,000,000.00") or without commas' in found.message


@pytest.mark.parametrize("text, code, words", [
    ("signed:\n  - {signer: Elena Marsh, document: escrow-agreement}\nsigned: []\n", "DD005", "given twice"),
    ("signed: !!python/object/apply:os.system ['true']\n", "DD006", "not allowed in a closing ledger"),
    ("sigend:\n  - {signer: Elena Marsh, document: escrow-agreement}\n", "DD003", "did you mean signed?"),
    ("signed:\n  - {signer: Elena Marsh}\n", "DD004", "'document' is missing"),
    ("funds_received:\n  - {purchaser: Chen, amount: 1.1e6, date: 2026-03-04}\n", "DD002", "not an amount"),
    ("funds_received:\n  - {purchaser: Chen, amount: 250000, date: March 4}\n", "DD002", "YYYY-MM-DD"),
    ("- {signer: Elena Marsh, document: escrow-agreement}\n", "DD009", "(signed:, funds_received:, done:, not_needed:)"),
    ("signed:\n\t- x\n", "DD001", "tab"),
    (b"signed:\n\x00\x01", "DD008", "a closing ledger is a YAML text file"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"{k}: &{k} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                                                       for p, k in zip("abcdef", "bcdefg")), "DD007", "closing ledger"),
])
def test_a_ledger_is_read_with_the_term_sheet_safeguards(tmp_path, text, code, words):
    found = problems(tmp_path, text)
    assert code in {f.code for f in found}, found
    assert any(words in f.message for f in found if f.code == code), found


def test_an_oversized_ledger_is_refused_before_it_is_parsed(tmp_path):
    from dealdocs.termsheet.loader import MAX_BYTES

    [found] = problems(tmp_path, "# " + "x" * MAX_BYTES + "\n")
    assert found.code == "DD007" and f"a closing ledger is at most {MAX_BYTES // 1_000_000} MB" in found.message


def test_an_entry_that_cannot_be_read_is_said_with_the_problems_of_the_others(tmp_path):
    """Errors all at once (the last note's "structure before values"): a date that is no date in one entry hid an
    unknown signer and late funds in the others until it was fixed. Each entry that reads is checked with it; the
    release notice's funds check (DD513), which needs every receipt, waits for the one that does not read."""
    text = ("signed:\n  - {signer: Priya Raman, document: escrow-agreemnt}\n"
            "  - {signer: Priya Raman, document: release-notice}\n"
            "funds_received:\n  - {purchaser: Harborview, amount: 1000000, date: 2026-02-30}\n"
            "  - {purchaser: Chen, amount: 250000, date: 2026-06-15}\n"
            "done:\n  - {deliverable: form-d, date: 2026-03-10}\n  - {deliverable: [not, a, name]}\n")
    found = {(f.code, f.location.key) for f in problems(tmp_path, text)}
    assert ("DD002", "funds_received[0].date") in found
    assert {("DD502", "signed[0].document"), ("DD512", "funds_received[1].date")} <= found
    assert "DD513" not in {code for code, _ in found}
    assert any(key.startswith("done[1]") for _, key in found)
    assert [f for f in problems(tmp_path, "signed: not a list\nfunds_received:\n  - {purchaser: Chen, amount: 250000, "
                                          "date: 2026-06-15}\n") if f.code == "DD512"]


def test_joint_holders_or_a_trusts_funds_may_be_recorded_by_a_holders_or_trustees_name(tmp_path):
    """A new user's trial: `{purchaser: Robert Albrecht, ...}` for the Albrechts' joint purchase was "not a purchaser",
    though he is accepted as a signer, and the names suggested ran together at the commas inside them."""
    from docx_helpers import REPO as ROOT

    fund = (ROOT / "deals" / "fund-example.yaml").read_text()
    deal_beside(tmp_path, None)
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_text(fund)
    deal, _ = load_deal(sheet)
    whitakers = next(p for p in deal.purchasers if p.joint is not None)
    calloways = next(p for p in deal.purchasers if p.trust is not None)
    first = deal.first_date.isoformat()
    ledger = (f"funds_received:\n  - {{purchaser: Laura J. Whitaker, amount: {whitakers.subscription}, date: {first}}}\n"
              f"  - {{purchaser: Peter M. Calloway, amount: {calloways.subscription}, date: {first}}}\n")
    (tmp_path / "bridge-example.closing.yaml").write_text(ledger)
    recorded = load_ledger(ledger_path(sheet), deal, today=TODAY)
    assert set(recorded.funds) == {deal.purchasers.index(whitakers), deal.purchasers.index(calloways)}
    (tmp_path / "bridge-example.closing.yaml").write_text(ledger.replace("Laura J. Whitaker", "Nobody Atall"))
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), deal, today=TODAY)
    [message] = [f.message for f in caught.value.findings if f.code == "DD506"]
    assert "as joint tenants with right of survivorship; " in message  # names with commas, listed with semicolons
    # a surname alone (a new user's trial: "'Alvarez' is not a purchaser", and no suggestion)
    (tmp_path / "bridge-example.closing.yaml").write_text(ledger.replace("Laura J. Whitaker", "samuel"))
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), deal, today=TODAY)
    [message] = [f.message for f in caught.value.findings if f.code == "DD506"]
    assert message.startswith("'samuel' is not a purchaser of the deal (did you mean Samuel K. Whitaker and Laura J. "
                              "Whitaker, as joint tenants") and message.endswith("; or Samuel K. Whitaker?)")


def test_a_trustee_who_also_buys_alone_has_each_signature_and_wire_recorded_by_a_name_of_its_own(tmp_path):
    """Ruth A. Calloway buys in her own name and signs for the Calloway trust as a trustee: her name fits both of
    her signatures of each agreement, and both purchasers' funds, so the ledger says what to write for each, and
    each of those names records the one it says ("Ruth A. Calloway, as trustee" as the checklist writes the signer)."""
    import yaml

    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text())
    data["purchasers"].append({  # no short name: her legal name is a trustee's name of the trust too
        "kind": "individual", "name": "Ruth A. Calloway", "pronoun": "she",
        "address": {"street": ["3 Quarry Road"], "city": "Katonah", "state": "New York", "postal_code": "10536"},
        "subscription": "50,000.00", "principal": "50,000.00"})
    data["escrow"]["aggregate_subscription"] = "1,450,000.00"
    deal_beside(tmp_path, None)
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    deal, _ = load_deal(sheet)
    first = deal.first_date.isoformat()
    ledger = tmp_path / "bridge-example.closing.yaml"
    ledger.write_text("signed:\n  - {signer: Ruth A. Calloway, document: note-purchase-agreement}\n"
                      "  - {signer: Calloway Trust, document: note-purchase-agreement}\n"
                      f"funds_received:\n  - {{purchaser: Ruth A. Calloway, amount: '50,000.00', date: {first}}}\n")
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), deal, today=TODAY)
    assert [(f.code, f.message.split(": ", 1)[-1]) for f in caught.value.findings] == [
        ("DD504", "write which: 'Ruth A. Calloway, as trustee' or 'Ruth A. Calloway, individually'"),
        ("DD504", "write which: 'Ruth A. Calloway, as trustee' or 'Peter M. Calloway'"),
        ("DD506", "write which: 'Calloway Trust' or 'Ruth A. Calloway, individually'"),
    ], [f.message for f in caught.value.findings]
    ledger.write_text("signed:\n  - {signer: 'Ruth A. Calloway, as trustee', document: note-purchase-agreement}\n"
                      "  - {signer: 'ruth a. calloway, individually', document: note-purchase-agreement}\n"
                      f"funds_received:\n  - {{purchaser: 'Ruth A. Calloway, individually', amount: '50,000.00', date: {first}}}\n"
                      f"  - {{purchaser: Calloway Trust, amount: '250,000.00', date: {first}}}\n")
    recorded = load_ledger(ledger_path(sheet), deal, today=TODAY)
    trust = "Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011"
    assert sorted((s.signer, s.party) for s in recorded.signed) == [
        ("Ruth A. Calloway", "Ruth A. Calloway"), ("Ruth A. Calloway", trust)]
    assert set(recorded.funds) == {0, len(deal.purchasers) - 1}


def test_a_trustee_of_two_trusts_has_each_of_her_signatures_recorded_by_the_trust_she_signs_for(tmp_path):
    """Two reviewers' case: Ruth A. Calloway and Peter M. Calloway are the trustees of two trusts, and she buys alone
    too. Every name she could write fit two of her signatures ("Ruth A. Calloway, as trustee": both trusts; "Calloway
    Trust": hers and Peter's), and DD504 said "name the person who signed", which she had: her signature stayed
    outstanding for good. Now "Ruth A. Calloway, as trustee, for Calloway Trust" (the trust's short name, or its
    name as the checklist writes it) records the one, and DD504 says so."""
    import copy

    import yaml

    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text())
    second = copy.deepcopy(next(p for p in data["purchasers"] if p["kind"] == "trust"))
    second["short_name"] = "Second Trust"
    second["trust"]["name"] = "Calloway Family Revocable Trust II"
    second["subscription"] = second["principal"] = "75,000.00"
    data["purchasers"] += [second, {
        "kind": "individual", "name": "Ruth A. Calloway", "short_name": "Ruth", "pronoun": "she",
        "address": {"street": ["3 Quarry Road"], "city": "Katonah", "state": "New York", "postal_code": "10536"},
        "subscription": "50,000.00", "principal": "50,000.00"}]
    data["escrow"]["aggregate_subscription"] = "1,525,000.00"
    deal_beside(tmp_path, None)
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    deal, _ = load_deal(sheet)
    ledger = tmp_path / "bridge-example.closing.yaml"
    ledger.write_text("signed:\n  - {signer: 'Ruth A. Calloway, as trustee', document: note-purchase-agreement}\n")
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), deal, today=TODAY)
    [message] = [f.message for f in caught.value.findings if f.code == "DD504"]
    assert message.endswith("write which: 'Ruth A. Calloway, as trustee, for Calloway Trust' or "
                            "'Ruth A. Calloway, as trustee, for Second Trust'"), message
    ledger.write_text("signed:\n  - {signer: 'Ruth A. Calloway, as trustee, for Calloway Trust', document: note-purchase-agreement}\n"
                      "  - {signer: 'Ruth A. Calloway, as trustee, for Second Trust', document: note-purchase-agreement}\n"
                      "  - {signer: 'Ruth A. Calloway, individually', document: note-purchase-agreement}\n")
    recorded = load_ledger(ledger_path(sheet), deal, today=TODAY)
    assert sorted(s.party for s in recorded.signed) == sorted([
        "Ruth A. Calloway", "Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust "
        "u/a/d June 14, 2011", "Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable "
        "Trust II u/a/d June 14, 2011"]), [s.party for s in recorded.signed]


def test_an_entry_that_is_not_a_set_of_keys_is_shown_what_it_takes(tmp_path):
    """A new user's trial: "signed[0]: should be a set of keys", and no word of which keys."""
    [found] = problems(tmp_path, "signed:\n  - escrow-agreement\n")
    assert (found.code, found.location.key, found.location.line) == ("DD002", "signed[0]", 2)
    assert found.message == "should be a set of keys, such as {signer: ..., document: ...}"


def test_a_ledger_error_holds_back_no_check_of_the_documents(tmp_path):
    """The ledger is read before the documents are rendered (a version recorded there tells which to build to know
    its version, DD515); its errors still leave every document rendered and checked, all said at once."""
    from dealdocs.pipeline import Builder

    sheet = deal_beside(tmp_path, "signed:\n  - {signer: Nobody Here, document: note-purchase-agreement}\n")
    result = Builder().check(sheet, with_files=False)
    assert [f.code for f in result.findings if f.is_error] == ["DD501"]
    assert len(result.documents) == 7 and all(d.paragraphs for d in result.documents)


def test_the_funds_held_past_the_outside_date_are_each_wires_and_the_part_flags_are_said(tmp_path):
    """A code review: DD519 summed each purchaser's total dated by its last wire, so a wire in time and one after it
    dropped both; `rest_to_come` beside `short_accepted` passed one over without a word; and DD507 asked for
    `rest_to_come` when the entry that gave it was refused for another reason."""
    both_sides = ("funds_received:\n  - {purchaser: Chen, amount: 100000, date: 2026-03-03}\n"
                  "  - {purchaser: Chen, amount: 150000, date: 2026-04-10}\n"
                  "  - {purchaser: Harborview, amount: 1000000, date: 2026-03-03}\n")
    found = problems(tmp_path, both_sides, date(2026, 5, 1))
    [held] = [f for f in found if f.code == "DD519"]
    assert "and $1,100,000.00 is recorded in escrow" in held.message
    assert "DD512" in [f.code for f in found]
    flags = ("funds_received:\n  - {purchaser: Chen, amount: 249975, date: 2026-03-03, rest_to_come: true, "
             "short_accepted: a fee}\n")
    [found] = problems(tmp_path, flags, IN_ESCROW)
    assert (found.code, found.location.key) == ("DD507", "funds_received[0].rest_to_come")
    assert found.message == ("Margaret Chen's wires give both short_accepted and rest_to_come: the rest of its "
                             "subscription is either accepted as paid (a bank's fee) or still to come; give one")
    over = "funds_received:\n  - {purchaser: Chen, amount: 300000, date: 2026-03-03, rest_to_come: true}\n"
    [found] = problems(tmp_path, over, IN_ESCROW)
    assert found.message.endswith("(a difference of $50,000.00; rest_to_come is given, but the wires already exceed "
                                  "the subscription)")
    refused = ("funds_received:\n  - {purchaser: Chen, amount: 100000, date: 2026-03-03}\n"
               "  - {purchaser: Chen, amount: 50000, date: 2026-03-30, rest_to_come: true}\n")
    found = problems(tmp_path, refused, date(2026, 3, 20))
    assert sorted(f.code for f in found) == ["DD507", "DD508"]
    assert all("say rest_to_come" not in f.message for f in found)


def test_a_short_name_that_is_another_signers_surname_asks_which(tmp_path):
    """A hostile sweep: 'Chen', Margaret Chen's short name, counted her page of the purchase agreement, which a David
    Chen signs too: silently one of two."""
    sheet = deal_beside(tmp_path, "signed:\n  - {signer: Chen, document: note-purchase-agreement}\n")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("name: David Okafor", "name: David Chen"), encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_ledger(ledger_path(sheet), load_deal(sheet)[0], today=TODAY)
    [finding] = caught.value.findings
    assert finding.code == "DD504" and "'Chen' fits 2 signers of note-purchase-agreement" in finding.message
    assert "David Chen" in finding.message and "Margaret Chen" in finding.message
