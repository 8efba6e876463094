"""The term sheet model: every fact of a financing that changes from deal to deal.

One class per thing a lawyer names: the company, each purchaser, the escrow
agent and its wire instructions, the notes and their terms. Values derived from
those facts (aggregate subscription, net proceeds, total principal, which
documents the deal calls for) are computed here once, so templates and checks
read them rather than recompute them.

The model is structural: it says what a term sheet may hold and in what form.
Whether the facts agree with each other is for `dealdocs.checks`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dealdocs.termsheet.values import CENT, Count, IsoDate, Money, Multiple, Percent, Text


REGISTERED_ORGANIZATIONS = frozenset({
    "corporation", "limited liability company", "limited partnership", "limited liability limited partnership",
    "statutory trust",
})
"""Entity types formed by a filing with a state: registered organizations, located in that state (UCC 9-307(e))."""


class Model(BaseModel):
    """Base of every term sheet section: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))


class Address(Model):
    """A postal address. ``street`` holds the street line(s), suite included."""

    street: list[Text] = Field(min_length=1, description="street lines, e.g. ['62 White Street, Suite 3A']")
    city: Text
    state: Text = Field(description="state or province, as it should be written, e.g. 'New York' or 'NY'")
    postal_code: Text | None = None
    country: Text | None = Field(None, description="only when outside the United States")

    @property
    def city_line(self) -> str:
        tail = " ".join(part for part in (self.state, self.postal_code) if part)
        return f"{self.city}, {tail}"

    @property
    def lines(self) -> list[str]:
        lines = [*self.street, self.city_line]
        if self.country:
            lines.append(self.country)
        return lines

    @property
    def one_line(self) -> str:
        return ", ".join(self.lines)


class Signatory(Model):
    """A natural person who signs for an entity."""

    name: Text
    title: Text


class Attestation(Model):
    """The officer who attests the company's signature on a note."""

    name: Text
    title: Text | None = None


class Notices(Model):
    """Where notices go when that differs from the party's own address."""

    care_of: Text | None = Field(None, description="'c/o' line, e.g. 'Roo Group, Inc.'")
    address: Address | None = None
    phone: Text | None = None
    fax: Text | None = None
    email: Text | None = None


class Company(Model):
    """The issuer: the company selling the securities and signing the notes."""

    name: Text = Field(description="exact legal name, e.g. 'ROO Group, Inc.'")
    short_name: Text = Field("Company", description="the defined term used in the documents")
    entity_type: Text = Field(description="e.g. 'corporation'")
    state_of_organization: Text = Field(description="e.g. 'Delaware'")
    address: Address
    phone: Text | None = None
    fax: Text | None = None
    business_description: Text | None = Field(
        None, description="completes 'requires funding for its continued operations as ...'"
    )
    signatory: Signatory
    attesting_officer: Attestation | None = None
    former_names: list[Text] = Field(
        default_factory=list,
        description="other legal names the company has had in the last five years (the security agreement "
        "states them; the lien searches cover them)",
    )

    @property
    def description(self) -> str:
        """'a Delaware corporation'."""
        article = "an" if self.state_of_organization[:1].upper() in "AEIOU" else "a"
        return f"{article} {self.state_of_organization} {self.entity_type}"

    @property
    def registered_organization(self) -> bool:
        """Organized by a filing with its state (UCC 9-102(a)(71)): a UCC-1 against it is filed in that state."""
        return " ".join(self.entity_type.casefold().split()) in REGISTERED_ORGANIZATIONS


class Purchaser(Model):
    """An investor: a person or an entity buying securities in the financing."""

    kind: Literal["individual", "entity"]
    name: Text = Field(description="exact legal name")
    short_name: Text | None = Field(None, description="defined term, e.g. 'Petty'")
    pronoun: Literal["he", "she", "they"] | None = Field(
        None, description="individuals only; without it the documents say 'his or her'"
    )
    entity_type: Text | None = Field(None, description="entities: e.g. 'limited partnership'")
    state_of_organization: Text | None = None
    address: Address
    notices: Notices | None = None
    phone: Text | None = None
    fax: Text | None = None
    signatory: Signatory | None = Field(None, description="entities: who signs for it")
    subscription: Money = Field(description="the purchase price this purchaser pays")
    principal: Money | None = Field(None, description="principal amount of this purchaser's note")

    @property
    def is_entity(self) -> bool:
        return self.kind == "entity"

    @property
    def possessive(self) -> str:
        if self.is_entity:
            return "its"
        return {"he": "his", "she": "her", "they": "their"}.get(self.pronoun or "", "his or her")

    @property
    def reference(self) -> str:
        """How the documents refer to this purchaser once defined."""
        return self.short_name or self.name

    @property
    def description(self) -> str | None:
        """'a Delaware limited partnership' for an entity, 'an individual' for a person."""
        if not self.is_entity:
            return "an individual"
        if not self.entity_type:
            return None
        words = " ".join(p for p in (self.state_of_organization, self.entity_type) if p)
        article = "an" if words[:1].upper() in "AEIOU" else "a"
        return f"{article} {words}"

    @property
    def notice_lines(self) -> list[str]:
        lines = [self.name]
        notices = self.notices
        if notices and notices.care_of:
            lines.append(f"c/o {notices.care_of}")
        lines.extend((notices.address if notices and notices.address else self.address).lines)
        return lines

    @property
    def notice_phone(self) -> str | None:
        return (self.notices.phone if self.notices else None) or self.phone

    @property
    def notice_fax(self) -> str | None:
        return (self.notices.fax if self.notices else None) or self.fax


class EscrowAgent(Model):
    """Who holds the purchase price until closing: a law firm, a bank or a trust company."""

    kind: Literal["law_firm", "bank", "trust_company"] = Field(
        "law_firm", description="chooses the escrow agreement's wording: a law firm's (its partners, its attorneys) "
        "or a bank's or trust company's (its officers, its counsel)",
    )
    name: Text
    short_name: Text = "Escrow Agent"
    description: Text | None = Field(
        None, description="what the agent is, after its name, e.g. 'a national banking association' "
        "(required for a bank or trust company)",
    )
    address: Address
    signatory: Signatory | None = Field(
        None, description="leave out to print blank Name and Title lines, as the 2005 form did"
    )


class WireInstructions(Model):
    """Where the purchasers wire their subscriptions."""

    bank: Text
    bank_address: list[Text] = Field(min_length=1)
    aba_routing_number: Text
    account_name: Text
    account_number: Text
    reference: Text


class Disbursement(Model):
    """A payment made out of the escrowed funds at release, before the net goes to the company."""

    payee: Text = Field(description="as it should read, e.g. 'Burnham Hill Partners, a division of Pali Capital, Inc.'")
    amount: Money
    role: Literal["placement_agent", "counsel", "escrow_agent", "other"]
    purpose: Text | None = Field(None, description="what the payment is for, e.g. 'its fee in connection with ...'")


class PurchaseAgreement(Model):
    """The agreement under which the escrowed funds are paid."""

    title: Text = Field(description="e.g. 'Note Purchase Agreement' or 'Common Stock Purchase Agreement'")
    date: IsoDate
    securities: Text = Field(description="completes 'the Purchasers will be purchasing from the Company ...'")
    securities_term: Text = Field(description="the defined term for the securities, e.g. 'Shares' or 'Notes'")
    closing_conditions_section: Text = Field(
        description="where the purchase agreement lists the closing deliveries, e.g. 'Article IV'"
    )


class Escrow(Model):
    """The escrow of the purchase price until closing."""

    agreement_date: IsoDate
    agent: EscrowAgent
    purchase_agreement: PurchaseAgreement
    wire: WireInstructions
    disbursements: list[Disbursement] = Field(default_factory=list)
    aggregate_subscription: Money | None = Field(
        None, description="the total escrowed, when a document states it; checked against the purchasers"
    )
    release_date: IsoDate | None = Field(None, description="expected date of the release notice")
    outside_date: IsoDate | None = Field(
        None, description="if the funds have not been released by this date, the escrow agent returns each "
        "purchaser's funds, without interest or deduction, within two business days; nothing is released after it "
        "unless every party extends it in writing",
    )
    courts: Text = Field(description="where suits are brought, e.g. 'New York City, Borough of Manhattan'")
    escrow_agent_counsel_to: list[Text] = Field(
        default_factory=list,
        description="whom the escrow agent has acted for as counsel, e.g. ['the placement agent', 'the Purchasers']",
    )

    @property
    def total_disbursements(self) -> Decimal:
        return sum((d.amount for d in self.disbursements), Decimal("0.00"))

    @property
    def placement_agent(self) -> Disbursement | None:
        return next((d for d in self.disbursements if d.role == "placement_agent"), None)


class Subordination(Model):
    """Senior debt the notes are subordinate to."""

    instrument: Text = Field(description="e.g. 'Callable Secured Convertible Notes'")
    holders: list[Text] = Field(min_length=1)
    dates: list[IsoDate] = Field(min_length=1)


class EventsOfDefault(Model):
    """The thresholds in the notes' events of default."""

    listing_markets: list[Text] = Field(min_length=1)
    delisting_trading_days: Count
    lien_days: Count
    cross_default_amount: Money
    proceeding_days: Count


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
    commercial_tort_claims: list[Text] = Field(
        default_factory=list,
        description="secured notes: each commercial tort claim of the company, described specifically (a "
        "security agreement cannot reach one by category)",
    )
    conversion: Conversion | None = Field(None, description="convertible notes: how they convert into equity")
    subordination: Subordination | None = None
    events_of_default: EventsOfDefault
    closing: Closing
    registration_rights: RegistrationRights | None = None
    dispute_resolution: Literal["arbitration", "courts"]
    arbitration: Arbitration | None = None
    courts: list[Text] = Field(
        min_length=1, description="courts whose jurisdiction the maker accepts in the notes"
    )
    aggregate_principal: Money | None = Field(
        None, description="the total principal, when a document states it; checked against the purchasers"
    )

    @property
    def security_date(self) -> date:
        """The security agreement's date: `security_agreement_date`, else the closing date."""
        return self.security_agreement_date or self.closing.date


class Deal(Model):
    """A financing: the root of a term sheet."""

    title: Text = Field(description="a name for the deal, used in document properties")
    governing_law: Text = Field(description="the state whose law governs, e.g. 'New York'")
    company: Company
    purchasers: list[Purchaser] = Field(min_length=1)
    escrow: Escrow | None = None
    notes: Notes | None = None
    placement_agent: PlacementAgent | None = Field(
        None, description="the broker-dealer that placed the securities, and its fee",
    )
    templates: Text | None = Field(None, description="a folder of the firm's own templates, relative to this file")

    @property
    def single_purchaser(self) -> bool:
        return len(self.purchasers) == 1

    @property
    def purchaser(self) -> Purchaser:
        """The purchaser of a one-purchaser deal (the first one otherwise)."""
        return self.purchasers[0]

    @property
    def aggregate_subscription(self) -> Decimal:
        return sum((p.subscription for p in self.purchasers), Decimal("0.00"))

    @property
    def total_principal(self) -> Decimal:
        return sum((p.principal or Decimal("0.00") for p in self.purchasers), Decimal("0.00"))

    @property
    def gross_proceeds(self) -> Decimal:
        """What the securities sell for: the aggregate purchase price, on which the placement fee is computed."""
        return self.aggregate_subscription

    @property
    def placement_fee_exact(self) -> Decimal | None:
        """The placement agent's fee percent of the gross proceeds, exactly (fractions of a cent kept)."""
        if self.placement_agent is None:
            return None
        return self.placement_agent.fee_percent * self.gross_proceeds / 100

    @property
    def placement_fee(self) -> Decimal | None:
        """The placement agent's fee: fee percent of the gross proceeds, to the cent (a half cent rounds up)."""
        exact = self.placement_fee_exact
        return None if exact is None else exact.quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def net_proceeds(self) -> Decimal:
        """What the company receives: subscriptions less the disbursements at release (with an escrow) or less
        the placement agent's fee, paid from the proceeds at closing (without one)."""
        if self.escrow is not None:
            return self.aggregate_subscription - self.escrow.total_disbursements
        return self.aggregate_subscription - (self.placement_fee or Decimal("0.00"))

    @property
    def filing_office(self) -> str | None:
        """Secured notes: where the UCC-1 is filed: `notes.ucc_filing_office`, else the Secretary of State of
        the company's state of organization ('Secretary of State of the State of Delaware')."""
        if self.notes is None or not self.notes.secured:
            return None
        return self.notes.ucc_filing_office or f"Secretary of State of the State of {self.company.state_of_organization}"

    @property
    def percentages(self) -> list[Decimal]:
        """Every percentage the term sheet states (interest, discount, fee, warrant coverage): what a document
        may print as a rate."""
        notes, agent = self.notes, self.placement_agent
        rates = [
            notes.interest_rate if notes else None,
            notes.conversion.discount if notes and notes.conversion else None,
            agent.fee_percent if agent else None,
            agent.warrant_coverage_percent if agent else None,
        ]
        return [rate for rate in rates if rate is not None]

    @property
    def first_date(self) -> date | None:
        """The earliest agreement date of the deal, used for document properties."""
        dates = [section.agreement_date for section in (self.escrow, self.notes) if section]
        return min(dates) if dates else None
