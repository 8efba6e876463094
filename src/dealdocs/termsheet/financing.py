"""The notes section of a term sheet, and the agents of a financing: what the notes say, who places them, who
holds their collateral."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from pydantic import Field

from dealdocs.termsheet.base import Address, Model, Signatory
from dealdocs.termsheet.values import Count, IsoDate, Money, Multiple, Percent, Text


_PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "semi-annually": 6, "annually": 12}
"""The months between interest payments, by `Notes.payment_frequency`."""


class Subordination(Model):
    """Senior debt the notes are subordinate to."""

    instrument: Text = Field(description="e.g. 'Callable Secured Convertible Notes'")
    holders: list[Text] = Field(min_length=1)
    dates: list[IsoDate] = Field(min_length=1)


class EventsOfDefault(Model):
    """The thresholds in the notes' events of default."""

    listing_markets: list[Text] = Field(
        default_factory=list,
        description="where the company's stock is listed or quoted; leave out for a company whose stock is not "
                    "listed (the notes then have no delisting default)",
    )
    delisting_trading_days: Count | None = Field(
        None, description="consecutive trading days of delisting that are a default; only with listing_markets"
    )
    lien_days: Count
    lien_amount: Money | None = Field(
        None, description="what a lien, levy, attachment or judgment, with all others then unreleased, must exceed to "
        "be a default (as cross_default_amount is for other debt); left out, one of any amount is"
    )
    cross_default_amount: Money
    proceeding_days: Count

    @property
    def markets_named(self) -> list[str]:
        """The listing markets as a sentence names them: "the Nasdaq Capital Market", "the OTCQB Venture Market" (a name
        ending in Market, Exchange, Board or System takes "the"), "NYSE American" as it is."""
        # (a partner's read: "the OTCQB Venture Market, Nasdaq Capital Market or NYSE American", one "the" for all)
        return [f"the {market}" if market.split()[-1].lower() in ("market", "exchange", "board", "system")
                and market.split()[0].lower() != "the" else market for market in self.listing_markets]


class Arbitration(Model):
    rules_of: Text = Field(description="e.g. 'the National Association of Securities Dealers, Inc.'")
    panel: Text = Field(description="e.g. 'a securities industry panel'")


class Closing(Model):
    date: IsoDate
    place: Text = Field(description="completes 'at ...', e.g. 'the offices of Sichenzia Ross Friedman Ference LLP'")


class RegistrationRights(Model):
    date: IsoDate


class Conversion(Model):
    """How the notes convert into the company's equity (convertible notes)."""

    qualified_financing_minimum: Money = Field(
        description="the least new money (gross cash, not counting converted notes or other debt) an equity "
        "financing must raise to be a Qualified Financing, on which the notes convert automatically",
    )
    discount: Percent = Field(
        description="the discount to the price per share paid in the Qualified Financing, in percent: 20 converts "
        "at that price reduced by 20%; from 0 up to but not including 100",
    )
    valuation_cap: Money | None = Field(
        None, description="the valuation cap: the Cap Price is this amount divided by the company's fully diluted "
        "capitalization, rounded down to four decimal places; the notes convert at the lower of the discounted "
        "price and the Cap Price",
    )
    at_maturity: Literal["repayment", "holder_option"] = Field(
        "repayment", description="repayment: a note not converted by maturity is repaid; holder_option: the "
        "holder may instead convert it into common stock at the Cap Price (needs valuation_cap), and is repaid "
        "if it does not elect",
    )
    change_of_control: Literal["payment", "conversion", "holder_option"] = Field(
        description="on a change of control before conversion: payment (the multiple of principal, plus accrued "
        "interest), conversion (into common stock at the Cap Price), or holder_option (the holder's choice of "
        "the two; without an election, payment)",
    )
    change_of_control_multiple: Multiple | None = Field(
        None, description="with payment or holder_option: the multiple of outstanding principal paid on a change "
        "of control, plus accrued interest, e.g. 2 (at least 1)",
    )
    accrued_interest: Literal["converts", "paid"] = Field(
        "converts", description="whether accrued unpaid interest converts with the principal or is paid in cash "
        "at conversion",
    )

    @property
    def converts_at_cap(self) -> bool:
        """True when a holder can convert at the Cap Price (at maturity or on a change of control)."""
        return self.at_maturity == "holder_option" or self.change_of_control in ("conversion", "holder_option")


class CollateralAgent(Model):
    """The agent that holds the security interest for all the holders of secured notes, and signs for them."""

    name: Text = Field(description="exact legal name")
    short_name: Text = Field("Collateral Agent", description="the defined term used in the security agreement")
    description: Text | None = Field(
        None, description="what the agent is, after its name, e.g. 'a Delaware limited liability company'",
    )
    address: Address
    signatory: Signatory = Field(description="who signs the security agreement for the agent")


class PlacementAgent(Model):
    """The broker-dealer that placed the securities, and its fee."""

    name: Text = Field(description="as its fee is paid and the documents name it, e.g. 'Meridian Capital Markets, LLC'")
    short_name: Text = Field("Placement Agent", description="the defined term used in the documents")
    fee_percent: Percent = Field(
        description="its cash fee, in percent of the gross proceeds (the aggregate purchase price); an escrow "
        "disbursement to it must equal the fee to the cent",
    )
    warrant_coverage_percent: Percent | None = Field(
        None, description="warrants it receives, in percent of the securities sold (optional)",
    )


class Notes(Model):
    """The promissory notes and the note purchase agreement that sells them."""

    agreement_date: IsoDate = Field(description="date of the note purchase agreement")
    issue_date: IsoDate
    place_of_execution: Text = Field(description="e.g. 'New York, New York'")
    interest_rate: Percent
    default_rate: Percent | None = Field(
        None, description="the rate the notes bear instead while an Event of Default continues, in percent per annum "
                          "(e.g. 14); left out, the notes bear their interest rate after a default too",
    )
    day_count: Literal["actual/360", "actual/365", "30/360"]
    payment_frequency: Literal["monthly", "quarterly", "semi-annually", "annually", "at maturity"]
    first_payment_date: IsoDate | None = None
    maturity_date: IsoDate
    prepayment_allowed: bool
    secured: bool = Field(
        description="secured by a security interest in the company's assets, granted by a security agreement "
        "built with the notes",
    )
    collateral_agent: CollateralAgent | None = Field(
        None, description="secured notes: the agent holding the security interest for the holders (it signs the "
        "security agreement for them); without one, each holder signs",
    )
    security_agreement_date: IsoDate | None = Field(
        None, description="secured notes: the security agreement's date, when it is not the closing date",
    )
    ucc_filing_office: Text | None = Field(
        None, description="secured notes: where the UCC-1 financing statement is filed, when it is not the "
        "Secretary of State of the company's state of organization; written to follow 'file with the'",
    )
    control_agreement_days: Count | None = Field(
        None, description="secured notes: the days after the notes are issued within which the company delivers agreements "
        "giving the secured party control of its deposit and securities accounts (UCC 9-104, 8-106): a security "
        "interest in a deposit account is perfected only by control; left out, the security agreement asks for them "
        "only on request, and check warns (DD174)",
    )
    control_designee: Text | None = Field(
        None, description="secured notes of several purchasers with no collateral agent: the purchaser (its name or "
        "short name) whom they all, by signing the security agreement, designate to sign the control agreements and "
        "give the bank and securities intermediary their instructions under them (check asks for it, DD179)",
    )
    commercial_tort_claims: list[Text] = Field(
        default_factory=list,
        description="secured notes: each commercial tort claim of the company, described specifically (a "
        "security agreement cannot reach one by category)",
    )
    conversion: Conversion | None = Field(None, description="convertible notes: how they convert into equity")
    subordination: Subordination | None = None
    events_of_default: EventsOfDefault
    use_of_proceeds: Text | None = Field(
        None, description="what the company will use the net proceeds for, e.g. 'working capital and general "
                          "corporate purposes': completes the purchase agreement's covenant 'shall use the net "
                          "proceeds of the sale of the Notes solely for ...'"
    )
    closing: Closing
    registration_rights: RegistrationRights | None = None
    dispute_resolution: Literal["arbitration", "courts"]
    arbitration: Arbitration | None = None
    courts: list[Text] = Field(
        min_length=1, description="the courts to whose jurisdiction the maker submits in the notes, and the parties "
        "in the security agreement and (with dispute_resolution: courts) the note purchase agreement; with an escrow, "
        "the only courts in which a suit on the escrow agreement may be brought; each as it should read, e.g. 'the "
        "Supreme Court of the State of New York, County of New York'",
    )
    aggregate_principal: Money | None = Field(
        None, description="the total principal, when a document states it; checked against the purchasers"
    )

    @property
    def payments_recur(self) -> bool:
        """Whether interest falls due on a periodic day after `first_payment_date` and before maturity: a note whose
        only periodic payment before maturity is the first says "on <first> and on the Maturity Date", not "on the
        same day of every twelfth month thereafter"."""
        months = _PERIOD_MONTHS.get(self.payment_frequency)
        if self.first_payment_date is None or months is None:
            return False
        first = self.first_payment_date
        month = first.month - 1 + months
        year, month = first.year + month // 12, month % 12 + 1
        day = min(first.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) < self.maturity_date

    @property
    def kind_words(self) -> str:
        """What the notes are, alike in every document: 'secured convertible promissory note'."""
        # a new user's trial: "secured promissory notes" in the escrow agreement, "convertible promissory note" in
        # the purchase agreement, "CONVERTIBLE PROMISSORY NOTE" on the note, for one note
        return f"{'secured ' if self.secured else ''}{'convertible ' if self.conversion else ''}promissory note"

    @property
    def security_date(self) -> date:
        """The security agreement's date: `security_agreement_date`, else the closing date."""
        return self.security_agreement_date or self.closing.date
