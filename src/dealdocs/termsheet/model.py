"""The term sheet model: every fact of a financing that changes from deal to deal.

One class per thing a lawyer names: the company, each purchaser, the escrow
agent and its wire instructions, the notes and their terms. Values derived from
those facts (aggregate subscription, net proceeds, total principal, which
documents the deal calls for) are computed here once, so templates and checks
read them rather than recompute them.

The model is structural: it says what a term sheet may hold and in what form.
Whether the facts agree with each other is for `dealdocs.checks`. The notes
section and the agents of a financing are in `termsheet.financing`; the base
class, the address and the signatory every section shares, in `termsheet.base`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from dealdocs.termsheet.base import SIGNER_EMAIL, Address, Contact, Model, Signatory, name_key, plain_name
from dealdocs.termsheet.financing import Notes, PlacementAgent
from dealdocs.termsheet.jurisdictions import home, is_united_kingdom, is_united_states, jurisdiction, state_name
from dealdocs.termsheet.organizations import Organization, organization_of
from dealdocs.termsheet.values import CENT, Email, IsoDate, Money, Text
from dealdocs.words import join_and, long_date



REGISTERED_ORGANIZATIONS = frozenset({
    "corporation", "limited liability company", "limited partnership", "limited liability limited partnership",
    "statutory trust",
})
"""Entity types formed by a filing with a state: registered organizations, located in that state (UCC 9-307(e))."""


class Attestation(Model):
    """The officer who attests the company's signature on a note."""

    name: Text
    title: Text | None = None
    email: Email | None = Field(None, description=SIGNER_EMAIL)


class Notices(Model):
    """Where notices go when that differs from the party's own address.

    The note purchase agreement gives each purchaser's notice address in its
    notices section, (b) to (z), for up to 25 purchasers; with more, the
    section refers to Schedule II, which lists every purchaser's address.
    """

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
    email: Email | None = Field(None, description="an address for notices to the Company by e-mail, printed in the note "
                                "purchase agreement's notices (which allow e-mail only to an address given for notices); "
                                "the signatory's e-mail is for e-signature alone")
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
    exchange_act_reporting: bool | None = Field(
        None, description="whether the company files reports under Section 13 or 15(d) of the Exchange Act: false, "
        "and the note purchase agreement's Rule 144 representation says that a holder that is not an affiliate may "
        "resell only once one year has passed (the six-month period needs a reporting company); true, and it adds "
        "the company's SEC reports representation and its Form 8-K and disclosure covenant, and the checklist a "
        "Form 8-K; left out, the Rule 144 representation states the conditions of both",
    )

    @property
    def description(self) -> str:
        """'a Delaware corporation' (a postal abbreviation written out: 'DE' is Delaware)."""
        where = state_name(self.state_of_organization)
        article = "an" if where[:1].upper() in "AEIOU" else "a"
        return f"{article} {where} {self.entity_type}"

    @property
    def delaware_corporation(self) -> bool:
        """Whether it is a corporation under Delaware's General Corporation Law ('DE' is Delaware; a public benefit
        corporation is one)."""
        # a code review: the convertible note's DGCL clause compared the words with "Delaware", and left 'DE' out
        return state_name(self.state_of_organization) == "Delaware" and self.organization.corporate

    @property
    def jurisdiction(self) -> str:
        """Completes 'organized under the laws of ...': 'the State of Delaware', 'England and Wales'."""
        return jurisdiction(self.state_of_organization).styled

    @property
    def organization(self) -> Organization:
        """Its governing body, owners and governing documents, as its kind of entity names them."""
        return organization_of(self.entity_type)

    @property
    def governing_body(self) -> str:
        """Who approves for it: 'board of directors', 'general partner' (`organization`)."""
        return self.organization.governing_body

    @property
    def charter(self) -> str:
        """Its filed charter: 'certificate of incorporation', 'certificate of formation' (`organization`)."""
        return self.organization.charter

    @property
    def bylaws(self) -> str:
        """Its internal governing document: 'bylaws', 'operating agreement' (`organization`)."""
        return self.organization.bylaws

    @property
    def registered_organization(self) -> bool:
        """Organized by a filing with its state (UCC 9-102(a)(71)): a UCC-1 against it is filed in that state."""
        return " ".join(self.entity_type.casefold().split()) in REGISTERED_ORGANIZATIONS


class SigningEntity(Model):
    """An entity through which a purchaser signs: a fund's general partner, that partner's managing member.

    It signs through a person (`signatory`) or through another entity
    (`signs_through`), to any depth; the chain always ends in a person.
    """

    name: Text = Field(description="exact legal name, e.g. 'Harborview Capital GP, LLC'")
    capacity: Text = Field(description="what it is to the entity it signs for, printed 'its ...', e.g. 'general partner'")
    signatory: Signatory | None = Field(None, description="the person who signs for it")
    signs_through: SigningEntity | None = Field(None, description="or the entity through which it signs in turn")

    @field_validator("capacity")
    @classmethod
    def _capacity_alone(cls, capacity: str) -> str:
        """The capacity without the words the documents put before it (a new user's trial: 'its manager' printed
        "its its manager" on every signature page, said only as a doubled word in documents not yet built)."""
        first, _, rest = capacity.partition(" ")
        if first.casefold() in ("its", "as", "the", "a", "an") and rest.strip():
            raise ValueError(f"write the capacity alone, '{rest.strip()}': the documents put the words before it "
                             f"themselves (\"its {rest.strip()}\", \"as {rest.strip()} of ...\")")
        return capacity

    @model_validator(mode="after")
    def _ends_in_a_person(self) -> SigningEntity:
        if (self.signatory is None) == (self.signs_through is None):
            raise ValueError(f"{self.name} signs through a person (signatory) or through another entity "
                             "(signs_through): give exactly one")
        return self


class Trust(Model):
    """A trust buying through its trustees: they sign, each 'as trustee of the ... Trust u/a/d ...'."""

    name: Text = Field(description="the trust's name, e.g. 'Calloway Family Revocable Trust'")
    date: IsoDate = Field(description="the date of the trust agreement (printed 'u/a/d June 14, 2011')")
    trustees: list[Text] = Field(min_length=1, description="every trustee, by name")
    signing_trustees: list[Text] | None = Field(
        None, min_length=1, description="the trustees who sign, when the trust instrument lets fewer than all act; "
        "default all (an empty list is no trustee: leave the key out)"
    )
    emails: dict[Text, Email] | None = Field(
        None, description="the trustees' email addresses, by name ({Ruth A. Calloway: ruth@example.com}), where each "
        "signs on an e-signature platform (signers.json)")

    @field_validator("signing_trustees", "emails")
    @classmethod
    def _among_the_trustees(cls, names: Any, info: ValidationInfo) -> Any:
        """Each signing trustee, and each trustee given an email, one of `trustees`, said at the key, with the name
        it most likely misspells (a new user's trial: said at the purchaser, and no name suggested)."""
        trustees = info.data.get("trustees")
        for name in names or [] if trustees else []:  # trustees refused: said there, not again here
            if name not in trustees:
                close = difflib.get_close_matches(name, trustees, n=1, cutoff=0.6)
                raise ValueError(f"'{name}' is not among the trustees" + (f" (did you mean {close[0]}?)" if close else
                                                                          f": {join_and(trustees)}"))
        return names

    @property
    def called(self) -> str:
        """'the Calloway Family Revocable Trust u/a/d June 14, 2011'."""
        article = "" if self.name.casefold().startswith("the ") else "the "
        return f"{article}{self.name} u/a/d {long_date(self.date)}"

    @property
    def signers(self) -> list[str]:
        return list(self.signing_trustees or self.trustees)


class JointHolder(Model):
    name: Text
    pronoun: Literal["he", "she", "they"] | None = None
    email: Email | None = Field(None, description=SIGNER_EMAIL)


TENANCIES = {
    "joint_tenants": "as joint tenants with right of survivorship",
    "tenants_in_common": "as tenants in common",
    "community_property": "as community property",
}


class JointHolders(Model):
    """Two or more people buying one note together; each signs."""

    tenancy: Literal["joint_tenants", "tenants_in_common", "community_property"]
    holders: list[JointHolder] = Field(min_length=2, description="every holder, one line each on the signature page")

    @property
    def tenancy_words(self) -> str:
        """'as joint tenants with right of survivorship'."""
        return TENANCIES[self.tenancy]


class Purchaser(Model):
    """An investor: a person, an entity, a trust (through its trustees) or joint holders."""

    kind: Literal["individual", "entity", "trust", "joint"]
    name: Text | None = Field(
        None, description="exact legal name; for a trust or joint holders it is written for you from trust: or joint:"
    )
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
    signatory: Signatory | None = Field(None, description="entities: the person who signs for it")
    email: Email | None = Field(None, description=f"individuals: {SIGNER_EMAIL}")
    signs_through: SigningEntity | None = Field(
        None, description="entities: or the entity through which it signs (a fund's general partner), to any depth"
    )
    trust: Trust | None = Field(None, description="kind trust: the trust and its trustees")
    joint: JointHolders | None = Field(None, description="kind joint: the holders and their tenancy")
    subscription: Money = Field(description="the purchase price this purchaser pays")
    principal: Money | None = Field(None, description="principal amount of this purchaser's note")

    @model_validator(mode="after")
    def _complete(self) -> Purchaser:
        """Each kind has the keys it needs and none of another kind's; a trust's or joint holders' name is derived."""
        given = {key for key in ("signatory", "signs_through", "trust", "joint", "entity_type", "state_of_organization",
                                 "email", "pronoun")
                 if getattr(self, key)}  # a new user's trial: `pronoun: they` on a fund, accepted and unused
        allowed = {"individual": {"email", "pronoun"},
                   "entity": {"signatory", "signs_through", "entity_type", "state_of_organization"},
                   "trust": {"trust"}, "joint": {"joint"}}[self.kind]
        if given - allowed:
            raise ValueError(f"a purchaser of kind {self.kind} takes no {', '.join(sorted(given - allowed))}")
        if self.signatory and self.signs_through:
            raise ValueError("an entity signs through a person (signatory) or through another entity "
                             "(signs_through): give one, not both")
        if self.kind in ("trust", "joint"):
            part = self.trust if self.kind == "trust" else self.joint
            if part is None:
                raise ValueError(f"a purchaser of kind {self.kind} needs its {self.kind}: section")
            derived = self._derived_name()
            if self.name is not None and self.name != derived:
                raise ValueError(f"leave name out: a {self.kind} purchaser is named for you, \"{derived}\"")
            object.__setattr__(self, "name", derived)  # frozen model: set once, while it is validated
        elif self.name is None:
            raise ValueError("the purchaser's exact legal name (name:) is missing")
        return self

    def _derived_name(self) -> str:
        if self.trust is not None:
            return f"{join_and(self.trust.trustees)}, as trustee{'s' if self.named_as_several else ''} of {self.trust.called}"
        assert self.joint is not None
        return f"{join_and([h.name for h in self.joint.holders])}, {self.joint.tenancy_words}"

    @property
    def legal_name(self) -> str:
        assert self.name is not None  # set by validation for every kind
        return self.name

    @property
    def wire_name(self) -> str:
        """The name its wire is sent under: a trust's own name, the joint holders' names, else its legal name."""
        if self.trust is not None:
            return self.trust.name
        if self.joint is not None:
            return join_and([h.name for h in self.joint.holders])
        return self.legal_name

    @property
    def is_entity(self) -> bool:
        return self.kind == "entity"

    @property
    def is_individual(self) -> bool:
        return self.kind == "individual"

    @property
    def named_as_several(self) -> bool:
        """Whether the purchaser's name is of several people (joint holders, or two trustees or more), which a verb
        after it agrees with ("sign", "trustees"); a trust of one trustee is one ("Ruth A. Calloway, as trustee ...")."""
        return self.joint is not None or (self.trust is not None and len(self.trust.trustees) > 1)

    @property
    def several_signers(self) -> bool:
        """True when more than one person signs for this purchaser (co-trustees, joint holders)."""
        return len(self.signer_names) > 1

    @property
    def signer_names(self) -> list[str]:
        """The natural persons who sign for this purchaser (the last person of an entity's chain)."""
        if self.kind == "individual":
            return [self.legal_name]
        if self.trust is not None:
            return self.trust.signers
        if self.joint is not None:
            return [h.name for h in self.joint.holders]
        chain = self.signs_through
        while chain is not None and chain.signs_through is not None:
            chain = chain.signs_through
        signatory = chain.signatory if chain is not None else self.signatory
        return [signatory.name] if signatory else []

    @property
    def possessive(self) -> str:
        if self.kind in ("entity", "trust"):
            return "its"
        if self.kind == "joint":
            return "their"
        return {"he": "his", "she": "her", "they": "their"}.get(self.pronoun or "", "his or her")

    @property
    def reference(self) -> str:
        """How the documents refer to this purchaser once defined."""
        return self.short_name or self.legal_name

    @property
    def description(self) -> str | None:
        """'a Delaware limited partnership' for an entity, 'an individual' for a person, none for trustees or joint holders."""
        if self.kind == "individual":
            return "an individual"
        if not self.is_entity or not self.entity_type:
            return None
        where = state_name(self.state_of_organization) if self.state_of_organization else None
        words = " ".join(p for p in (where, self.entity_type) if p)
        article = "an" if words[:1].upper() in "AEIOU" else "a"
        return f"{article} {words}"

    @property
    def residence(self) -> str:
        """Where it resides (a person) or has its principal place of business, as its address says: the state
        written out ('New York' for 'NY'), or the country outside the United States; Schedule I states it."""
        address = self.address
        if address.country and not is_united_states(address.country):
            return address.country
        return home(address.state, address.country).name

    @property
    def outside_united_states(self) -> bool:
        """Organized or resident outside the United States (by its organization or its address's country)."""
        if self.is_entity and self.state_of_organization and not jurisdiction(self.state_of_organization).in_united_states:
            return True
        return not is_united_states(self.address.country)

    @property
    def foreign_for_tax(self) -> bool:
        """Whether it gives a Form W-8, not a W-9: an address abroad; an entity organized under a US territory's law
        (foreign for US income tax, IRC 7701(a)(4) and (9): the United States there is the States and the District
        of Columbia), or, its place of organization not given, with its address in a territory."""
        if not self.is_entity:
            return self.outside_united_states
        organized = jurisdiction(self.state_of_organization) if self.state_of_organization else None
        if organized is not None:
            return not organized.in_united_states or organized.kind == "territory"
        return self.outside_united_states or home(self.address.state, self.address.country).kind == "territory"

    @property
    def in_united_kingdom(self) -> bool:
        """Resident (its address) in the United Kingdom, where offering it the notes is a financial promotion."""
        return is_united_kingdom(self.address.country)

    @property
    def notice_lines(self) -> list[str]:
        notices = self.notices
        if self.trust is not None:
            trustees = "Trustees" if self.named_as_several else "Trustee"
            lines = [self.trust.name, f"Attention: {join_and(self.trust.trustees)}, {trustees}"]
        elif self.joint is not None:
            lines = [join_and([h.name for h in self.joint.holders])]
        else:  # an entity: to the attention of the person who signs for it
            lines = [self.legal_name, *[f"Attention: {name}" for name in self.signer_names[:1] if self.is_entity]]
        address = (notices.address if notices and notices.address else self.address).lines
        # "c/o" under the addressee's name, before whose attention (a partner's read), given or in the street lines
        care = [*([f"c/o {notices.care_of}"] if notices and notices.care_of else []),
                *[line for line in address if line.lower().startswith("c/o ")]]
        return [lines[0], *care, *lines[1:], *[line for line in address if line not in care]]

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
        None, description="leave out to print blank Name and Title lines, as the 2005 form did; its email is also "
        "the escrow agreement's address for notices to the escrow agent by email (Section 2.2), where the signed pages "
        "and the release notice are sent unless signature_pages_to names another"
    )


class WireInstructions(Model):
    """Where the purchasers wire their subscriptions."""

    bank: Text
    bank_address: list[Text] = Field(min_length=1)
    aba_routing_number: Text
    account_name: Text
    account_number: Text
    reference: Text
    swift_bic: Text | None = Field(None, description="the receiving bank's SWIFT/BIC code ('CHASUS33'), for a purchaser "
                                                     "whose bank is outside the United States")


class Disbursement(Model):
    """A payment made out of the escrowed funds at release, before the net goes to the company."""

    payee: Text = Field(description="as it should read, e.g. 'Burnham Hill Partners, a division of Pali Capital, Inc.'")
    amount: Money
    role: Literal["placement_agent", "counsel", "escrow_agent", "other"]
    purpose: Text | None = Field(None, description="what the payment is for, e.g. 'its fee for that offering' or 'the legal "
                                                  "fees and expenses of counsel to the Company'")


class PurchaseAgreement(Model):
    """The agreement under which the escrowed funds are paid."""

    title: Text = Field(description="e.g. 'Note Purchase Agreement' or 'Common Stock Purchase Agreement'")
    date: IsoDate
    securities: Text | None = Field(
        None, description="completes 'the Purchasers will be purchasing from the Company ...'; only for a purchase "
                          "agreement dealdocs does not build (the notes' own wording is used for its note purchase "
                          "agreement)"
    )
    securities_term: Text | None = Field(
        None, description="the defined term for those securities, e.g. 'Shares'; only with securities"
    )
    closing_conditions_section: Text = Field(
        description="where the purchase agreement lists the closing deliveries, e.g. 'Article IV'"
    )

    @field_validator("title")
    @classmethod
    def _built_title(cls, title: str) -> str:
        """The note purchase agreement dealdocs builds, written another way ("note purchase agreement", "Note Purchase
        Agreement."), is printed as that agreement is titled (a code review: the escrow agreement printed "pursuant to a
        note purchase agreement dated as of ...")."""
        return "Note Purchase Agreement" if name_key(title) == "note purchase agreement" else title


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
    release_date: IsoDate | None = Field(
        None, description="the date the release notice is signed: give it only once it is, after the escrow agent "
                          "confirms it holds every subscription and signature page; until then the notice is left "
                          "undated, to be dated when signed"
    )
    outside_date: IsoDate | None = Field(
        None, description="if the funds have not been released by this date, the escrow agent returns each "
        "purchaser's funds, without interest or deduction, within two business days; nothing is released after it "
        "unless every party extends it in writing",
    )
    courts: Text | None = Field(
        None,
        description="where the courts sit, e.g. 'New York City, Borough of Manhattan': required where the deal has no "
        "notes, whose suits on the escrow agreement are brought only there, and whose escrow agent may deliver disputed "
        "funds to a court there; with notes, both go to the notes' courts (notes.courts) and this place, if given, is "
        "printed nowhere",
    )
    escrow_agent_counsel_to: list[Text] = Field(
        default_factory=list,
        description="whom the escrow agent has acted for as counsel: placement_agent, purchasers or company "
                    "(written 'the placement agent', 'the Purchaser(s)', 'the Company'), or anyone else as they "
                    "should be named",
    )

    @property
    def total_disbursements(self) -> Decimal:
        return sum((d.amount for d in self.disbursements), Decimal("0.00"))

    @property
    def placement_agent(self) -> Disbursement | None:
        return next((d for d in self.disbursements if d.role == "placement_agent"), None)


class Counsel(Model):
    """A law firm acting for a party, and the person there who handles the deal."""

    name: Text = Field(description="the firm's name, as it should be printed, e.g. 'Ashgrove & Pell LLP'")
    address: Address | None = Field(None, description="where signed originals are sent (optional): printed on the "
                                                      "signature packets' covers, and in the purchase agreement's "
                                                      "notices, which send a copy of each to the company to counsel")
    contact: Contact = Field(description="the person signers send their signed pages to, with an email; the notices "
                                         "to the company are copied to this person's attention")


CHECK_FIGURES: dict[tuple[str, str], str] = {
    ("escrow", "aggregate_subscription"): "the sum of the purchasers' subscriptions",
    ("notes", "aggregate_principal"): "the sum of the purchasers' principal amounts",
}
"""The fields that restate a sum the model works out, only to be checked against it (DD111, DD112): the documents state
the sum itself, never the field."""


class Deal(Model):
    """A financing: the root of a term sheet."""

    title: Text = Field(description="a name for the deal, used in document properties")
    governing_law: Text = Field(
        description="the jurisdiction whose law governs: a US state, the District of Columbia or a territory, by name "
                    "or postal abbreviation ('New York', 'NY'), or any other jurisdiction as it should follow "
                    "'the laws of' ('England and Wales')"
    )
    company: Company
    purchasers: list[Purchaser] = Field(min_length=1)
    escrow: Escrow | None = None
    notes: Notes | None = None
    placement_agent: PlacementAgent | None = Field(
        None, description="the broker-dealer that placed the securities, and its fee",
    )
    company_counsel: Counsel | None = Field(
        None, description="the company's counsel, which receives the signed notes from the company's officers, holds "
        "them and delivers them at the closing: the signature packets' covers send the notes to its contact, and the "
        "closing checklist names it wherever company counsel acts; without it, company counsel is the escrow agent "
        "where it has acted as counsel to the company, else the payee of the escrow's payment to counsel to the "
        "company, else no one named (check warns)",
    )
    purchasers_counsel: Counsel | None = Field(
        None, description="the purchasers' counsel, which the closing checklist has run the lien searches, file the UCC-1 "
        "and review the security package of secured notes: named wherever it acts; without it, the escrow agent where "
        "it has acted as counsel to the purchasers, else no one named (check warns)",
    )
    signature_pages_to: Text | None = Field(
        None, description="whom signers send their signed pages to, as each signature packet's cover says it, e.g. "
        "'Jane Doe, Whitfield & Crane LLP, jdoe@whitfieldcrane.example'; without it, the covers of a deal with an "
        "escrow name the escrow agent, which the escrow agreement has receive them; the notes, single originals, go to "
        "company counsel, which delivers them at the closing",
    )
    templates: Text | None = Field(None, description="a folder of the firm's own templates, relative to this file")

    @property
    def single_purchaser(self) -> bool:
        return len(self.purchasers) == 1

    @property
    def escrows_the_notes(self) -> bool:
        """Whether the escrow holds the purchase prices of the notes, under the note purchase agreement dealdocs
        builds (not another purchase agreement's): its title, case and punctuation aside."""
        # as DD140 reads it (a code review: "note purchase agreement" passed DD140, and the note purchase agreement
        # was built without its escrow while the escrow agreement and the covers held the funds): every document asks
        return self.escrow is not None and name_key(self.escrow.purchase_agreement.title) == "note purchase agreement"

    @property
    def designation_needed(self) -> bool:
        """Whether the purchasers must designate one of them to instruct the banks under the control agreements:
        several purchasers of secured notes that require control agreements, and no collateral agent."""
        notes = self.notes
        return (notes is not None and notes.secured and bool(notes.control_agreement_days)
                and notes.collateral_agent is None and not self.single_purchaser)

    @property
    def control_designee(self) -> Purchaser | None:
        """The one purchaser `notes.control_designee` names (`designees`); empty where it names none, or several, or
        none is needed (`designation_needed`)."""
        found = self.designees
        return found[0] if len(found) == 1 and self.designation_needed else None

    @cached_property  # a scan of every purchaser, which each of 5,000 purchasers' covers asks for (`closing.dues`)
    def designees(self) -> list[Purchaser]:
        """The purchasers `notes.control_designee` names: by name, short name or, a trust, the trust's own name (a code
        review: 'Calloway Family Revocable Trust' was no one), in any case or spacing."""
        named = self.notes.control_designee if self.notes is not None else None
        key = plain_name(named) if named else None
        return [p for p in self.purchasers if key in {plain_name(n) for n in
                (p.name, p.short_name, p.trust.name if p.trust else None) if n}] if key else []

    @property
    def governing_jurisdiction(self) -> str:
        """Completes 'the laws of ...': 'the State of New York', 'the District of Columbia', 'England and Wales'."""
        return jurisdiction(self.governing_law).styled

    @property
    def governing_law_kind(self) -> Literal["state", "district", "territory", "foreign"]:
        """Whether the governing law is a US state's, the District of Columbia's, a US territory's or another's."""
        return jurisdiction(self.governing_law).kind

    @property
    def escrow_securities(self) -> str | None:
        """What the escrowed purchase price buys: "the Company’s secured promissory notes (the “Notes”)"."""
        if self.escrow is None:
            return None
        if self.escrow.purchase_agreement.securities or self.notes is None:
            return self.escrow.purchase_agreement.securities
        return f"the Company’s {self.notes.kind_words}{'' if self.single_purchaser else 's'} (the “{self.escrow_securities_term}”)"

    @property
    def escrow_securities_term(self) -> str | None:
        """Their defined term: 'Notes' ('Note' for one purchaser), or the term sheet's for another agreement."""
        if self.escrow is None:
            return None
        if self.escrow.purchase_agreement.securities_term or self.notes is None:
            return self.escrow.purchase_agreement.securities_term
        return "Note" if self.single_purchaser else "Notes"

    @property
    def escrow_agent_counsel_to(self) -> list[str]:
        """Whom the escrow agent has acted for, as the escrow agreement names them: ['the placement agent', ...]."""
        if self.escrow is None:
            return []
        named = {"placement_agent": "the placement agent", "company": f"the {self.company.short_name}",
                 "purchasers": "the Purchaser" if self.single_purchaser else "the Purchasers"}
        return [named.get(entry, entry) for entry in self.escrow.escrow_agent_counsel_to]

    @property
    def purchaser_kinds(self) -> list[str]:
        """The kinds of purchaser the deal has, each once: ['trust', 'joint', 'entity', 'individual']."""
        return list(dict.fromkeys(p.kind for p in self.purchasers))

    @property
    def purchaser_outside_united_states(self) -> bool:
        """True when a purchaser is organized or resident outside the United States."""
        return any(p.outside_united_states for p in self.purchasers)

    @property
    def purchaser_in_united_kingdom(self) -> bool:
        return any(p.in_united_kingdom for p in self.purchasers)

    @property
    def listed(self) -> bool:
        """True when the company's stock is listed or quoted (the notes then have a delisting default)."""
        return bool(self.notes and self.notes.events_of_default.listing_markets)

    @property
    def purchaser(self) -> Purchaser:
        """The purchaser of a deal of one purchaser. A deal of several has none: a template asking for it there
        cannot be rendered (print it under {% if deal.single_purchaser %})."""
        if not self.single_purchaser:  # it printed the first: "The lead Purchaser, Harborview ..." (a new user's trial)
            raise ValueError(f"deal.purchaser is the purchaser of a deal of one, and this deal has "
                             f"{len(self.purchasers)} purchasers: print it under {{% if deal.single_purchaser %}}, "
                             "or each purchaser's in {% for p in purchasers %}")
        return self.purchasers[0]

    @cached_property  # a sum over every purchaser, which each of 5,000 notes asks for
    def aggregate_subscription(self) -> Decimal:
        return sum((p.subscription for p in self.purchasers), Decimal("0.00"))

    @cached_property
    def total_principal(self) -> Decimal:
        return sum((p.principal or Decimal("0.00") for p in self.purchasers), Decimal("0.00"))

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Deal:
        """A copy, what is kept of its purchasers worked out again (a copy may have other purchasers)."""
        copied = super().model_copy(update=update, deep=deep)
        for name in ("aggregate_subscription", "total_principal", "designees"):
            copied.__dict__.pop(name, None)
        return copied

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
        return self.notes.ucc_filing_office or f"Secretary of State of {self.company.jurisdiction}"

    @property
    def percentages(self) -> list[Decimal]:
        """Every percentage the term sheet states (interest, default interest, discount, fee, warrant coverage):
        what a document may print as a rate."""
        notes, agent = self.notes, self.placement_agent
        rates = [
            notes.interest_rate if notes else None,
            notes.default_rate if notes else None,
            notes.conversion.discount if notes and notes.conversion else None,
            agent.fee_percent if agent else None,
            agent.warrant_coverage_percent if agent else None,
        ]
        return [rate for rate in rates if rate is not None]

    @property
    def first_date(self) -> date | None:
        """The earliest agreement date of the deal: when its closing calendar starts."""
        dates = [section.agreement_date for section in (self.escrow, self.notes) if section]
        return min(dates) if dates else None

    @property
    def closing_date(self) -> date | None:
        """The closing: the note purchase agreement's closing date, else the escrow's release date."""
        if self.notes is not None:
            return self.notes.closing.date
        return self.escrow.release_date if self.escrow is not None else None
