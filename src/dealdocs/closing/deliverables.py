"""The deliverables of a Regulation D closing beyond the documents dealdocs builds, declared once as data.

Each `DeliverableKind` of `KINDS` says what is delivered or filed, who is responsible, when it is due and when a
deal calls for it; `deliverables_for(deal)` gives one deal's list (an entry per purchaser or per state where so), each
named as the closing ledger marks it done (`form-d`, `blue-sky-new-york`); a wire is the ledger's `funds_received`.

Due dates come from the term sheet, never the clock:

* at or before closing: the closing date (`notes.closing.date`, else the escrow's `release_date`); approvals are
  due before the first agreement is signed.
* Form D, Form 8-K and the placement agent's FINRA filing: from the first sale, the purchase agreement's signing
  (`closing.filings`); NASAA's Electronic Filing Depository only from 2014.
* Bad actor questionnaires only for a first sale from September 23, 2013, when Rule 506(d) took effect
  (`closing.law_in_force`).
* Blue-sky notice filings, one per state where the securities are sold (`closing.blue_sky`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dealdocs.closing.blue_sky import (
    BlueSky, blue_sky_due, blue_sky_filer, blue_sky_states, blue_sky_title, due_before_the_offer)
from dealdocs.closing.filings import (
    NOT_YET_SET, finra_called_for, finra_due, finra_filer, finra_needed, finra_title, first_sale_note,
    form_8k_called_for, form_8k_due, form_8k_needed, form_8k_title, form_d, form_d_title)
from dealdocs.closing.funds import net_proceeds_words
from dealdocs.closing.holidays import business_day_on_or_before, non_business_day
from dealdocs.closing.kinds import documents_for, first_dated, purchaser_slugs, slugify
from dealdocs.closing.law_in_force import (
    bad_actor_rule, flags, foreign_entity_tax_form, perfection_days, tax_form_note)
from dealdocs.closing.notes_delivery import counsel, counsel_is_escrow_agent, purchasers_counsel
from dealdocs.closing.parties import FORM_NOTICE_DAYS, company_secretary, control_signer, form_notice_short, secretary_certifier
from dealdocs.termsheet.financing import PlacementAgent
from dealdocs.termsheet.jurisdictions import jurisdiction
from dealdocs.termsheet.model import Deal, Purchaser
from dealdocs.termsheet.organizations import organization_of
from dealdocs.words import amount_figures, country_named, join_and, join_list, long_date, number_words

BEFORE_OFFER, COMPANY, COLLATERAL, PURCHASERS, FILINGS = (  # filings after the signing, which may come before the
    "Filings before the offer", "Corporate approvals and certificates", "Collateral", "From each purchaser",  # closing
    "Filings after the signing")  # (a partner's read: a Form D due before a closing put off, "after closing")
GROUPS = (BEFORE_OFFER, COMPANY, COLLATERAL, PURCHASERS, FILINGS)


@dataclass(frozen=True)
class Due:
    """When a deliverable is due: the day (None when the term sheet does not say) and how it was reckoned."""
    day: date | None
    text: str  # "March 17, 2026: 15 calendar days after the first sale (the purchasers' signing of ..., March 2, 2026)"
    verified: bool = True  # False: a general rule not checked for this case

    def past(self, today: date) -> bool:
        """Whether the day it is due is before `today` (never, without a day)."""
        return self.day is not None and self.day < today


@dataclass(frozen=True)
class Deliverable:
    """One deliverable of one deal's closing."""
    name: str  # what the closing ledger calls it: "form-d", "tax-form-harborview"
    title: str
    responsible: str
    due: Due
    group: str
    if_needed: str | None = None  # when it is needed, for a deliverable the term sheet cannot decide
    note: str | None = None  # what the checklist adds below its table


Subject = Purchaser | BlueSky | None


@dataclass(frozen=True)
class DeliverableKind:
    """One kind of deliverable: for the deal, for each purchaser, or for each blue-sky state."""
    name: str
    group: str
    title: Callable[[Deal, Subject], str]
    responsible: Callable[[Deal, Subject], str]
    due: Callable[[Deal, Subject], Due]
    called_for: Callable[[Deal], bool] = lambda deal: True
    per: str = "deal"  # "deal", "purchaser" or "state"
    if_needed: Callable[[Deal], str | None] | None = None  # None from it: needed, as the term sheet says
    note: Callable[[Deal], str] | None = None
    applies: Callable[[Deal, Subject], bool] = lambda deal, subject: True  # which purchasers or states need one
    grouped: Callable[[Deal, Subject], str] | None = None  # its group, where it is not always `group`


# ---------------------------------------------------------------- dates


def _at_closing(deal: Deal, _: Subject = None, *, before: bool = False, how: str = "") -> Due:
    when = deal.closing_date
    word = ("Before closing" if before else "At closing") + how
    return Due(when, f"{word} ({long_date(when)})" if when else f"{word} {NOT_YET_SET}")


def _among(deal: Deal) -> str:
    """"between X, Inc. and Margaret Chen", "among X, Inc. and the purchasers": an agreement dealdocs does not build."""
    return (f"between {deal.company.name} and {deal.purchaser.name}" if deal.single_purchaser else
            f"among {deal.company.name} and the purchasers")


def certificates_copied_to_agent(deal: Deal) -> bool:
    """Whether the closing certificates go to each purchaser with copies to the escrow agent before the closing: with
    any escrow, whose agent holds the closing documents before it advises (Escrow Agreement, Section 1.2; a partner's
    read: the 2005 escrow's "at closing" came too late). The checklist and the officers' covers (`dues`) ask this."""
    return deal.escrow is not None


def certificate_dated_on_copy(deal: Deal) -> bool:
    """Whether the officer's certificate is dated the day its copy reaches the escrow agent (the note purchase
    agreement's Section 3.5(c), with an escrow): asked by its checklist row and the officer's cover alike."""
    return certificates_copied_to_agent(deal) and deal.notes is not None


def _certificate_due(deal: Deal, subject: Subject = None) -> Due:
    """The closing certificates: with an escrow, delivered to each purchaser and copies to the escrow agent before the
    closing (the note purchase agreement's Sections 3.4 and 3.5(c)); else at the closing."""
    if not certificates_copied_to_agent(deal):
        return _at_closing(deal, subject)
    return _at_closing(deal, subject, before=True,
                       how=f", to each purchaser, with copies to {deal.escrow.agent.name}, as escrow agent")


def _before_signing(deal: Deal, _: Subject) -> Due:
    when = deal.first_date
    return Due(when, f"Before the agreements are signed ({long_date(when)})" if when else "Before the agreements are signed")


def _lien_search_due(deal: Deal, subject: Subject) -> Due:
    """By the day the schedule of existing liens is due, which is prepared from them (a partner's read: the searches
    were due at closing, the schedule made from them two days before); brought down before closing."""
    day, closing = _existing_liens_due(deal, subject).day, deal.closing_date
    by = f"By {long_date(day)}, in time" if day else "In time"
    again = f"; brought down before closing ({long_date(closing)})" if closing else "; brought down before closing"
    return Due(day, f"{by} for the schedule of existing liens, which is made from them{again}")


# ---------------------------------------------------------------- the company's forms and words


def _documents_signed(deal: Deal) -> str:
    """'the Escrow Agreement, the Release Notice, the Note Purchase Agreement and the Promissory Notes': the documents
    built, the purchase agreement an escrow names when dealdocs does not build it, and the registration rights
    agreement the note purchase agreement recites."""
    plural = "" if deal.single_purchaser else "s"  # each kind of document once: "the Promissory Notes"
    titles = list(dict.fromkeys(f"the {spec.title_in(deal)}{plural if spec.kind.per_purchaser else ''}"
                                for spec in documents_for(deal)))
    if deal.escrow is not None and deal.notes is None:
        titles.append(f"the {deal.escrow.purchase_agreement.title}")
    if deal.notes is not None and deal.notes.registration_rights is not None:
        titles.append("the Registration Rights Agreement")
    if _secured(deal):  # a partner's read: the lien schedule and the control agreements the company signs too
        titles += ["the schedule of existing liens", *(["the control agreements"] if deal.notes.control_agreement_days else [])]
    return join_and(titles)


def _secured(deal: Deal) -> bool:
    return deal.notes is not None and deal.notes.secured


def _signing_officer(deal: Deal) -> str:
    signatory = deal.company.signatory
    return f"{signatory.name}, {signatory.title},"


def _secretary(deal: Deal) -> str:
    officer = company_secretary(deal)
    return f"{officer.name}, {officer.title}" if officer is not None else "its secretary or another officer"


def _board_title(deal: Deal, _: Subject) -> str:
    grant = " and the grant of the security interest in its assets" if _secured(deal) else ""
    shares = (f", reserving the shares issuable on conversion of the note{'' if deal.single_purchaser else 's'} and "
              "approving their issuance," if deal.notes and deal.notes.conversion else "")
    return (f"Consent of the {deal.company.governing_body} approving the financing{grant}{shares} and authorizing "
            f"{_signing_officer(deal)} to sign {_documents_signed(deal)}")


def _holders_needed(deal: Deal) -> str:
    organization, notes = deal.company.organization, deal.notes  # no notes: an escrow's sale of shares (a trial)
    delaware = (" Delaware law needs no stockholder vote to borrow or to pledge the company's assets (DGCL § 272)."
                if notes and deal.company.state_of_organization.strip().lower() == "delaware" and organization.holders == "stockholders" else "")
    exchange = (", or when a stock exchange's rules require it for the issuance" if notes is None or deal.listed else
                ", or, if the stock is listed after all (no market is named for it), when the exchange's rules require it")
    shares = (f", when {'the shares sold are more' if notes is None else 'the securities convert into more shares'} than the "
              f"{organization.charter} authorizes{exchange}" if notes is None or notes.conversion is not None else "")
    return (f"Needed when the {organization.charter} or an agreement among the {organization.holders} requires their "
            f"approval (protective provisions of preferred stock commonly cover "
            f"{'new debt and liens' if notes else 'new issuances of shares'}){shares}.{delaware} "
            "Whether such an agreement exists is not recorded for this deal: confirm, then mark this done or not needed.")


def _secretary_title(deal: Deal, _: Subject) -> str:
    organization = deal.company.organization
    state = deal.company.state_of_organization
    officers = [_signing_officer(deal).rstrip(",")]
    attesting = deal.company.attesting_officer
    if deal.notes is not None and attesting is not None and attesting.name != deal.company.signatory.name:
        officers.append(f"{attesting.name}{', ' + attesting.title if attesting.title else ''}, who attests the note{'' if deal.single_purchaser else 's'}")
    certifier, secretary = secretary_certifier(deal), company_secretary(deal)  # no one certifies their own incumbency
    if certifier and secretary is not None:
        officers[0 if secretary is deal.company.signatory else -1] += f" ({certifier} certifying {secretary.name}'s own)"
    signatures = "signatures" if len(officers) > 1 else "signature"
    return (f"Secretary's certificate: the {organization.charter} (certified by the {state} Secretary of State), the "
            f"{organization.bylaws}, the resolutions approving the financing, and the incumbency and specimen "
            f"{signatures} of {', and '.join(officers)}")  # each name with its title: a comma before "and"


def _note_register_title(deal: Deal, _: Subject) -> str:
    """Each note is a registered obligation (its own text): entered in the company's register, and the one original
    delivered to its payee at the closing, on the release of the escrowed funds where there is an escrow (a partner's
    read: "once its purchase price is received", which the escrow agent receives days before)."""
    notes = "the Note" if deal.single_purchaser else "each Note"
    payee = "the Purchaser" if deal.single_purchaser else "its Purchaser"
    when = "at the Closing, on the release of the escrowed funds" if deal.escrow else "at the Closing"
    return (f"Register of the {'Note' if deal.single_purchaser else 'Notes'}: {notes} entered in {deal.company.name}'s register in the name and at the address "
            f"of {payee}, and the signed original delivered to {payee} {when}")


def _bad_actor_title(deal: Deal, _: Subject) -> str:
    """Rule 506(d): the issuer's covered persons (and a placement agent's) are not disqualified; reasonable care
    (Rule 506(d)(2)(iv)) is shown by asking each of them."""
    agent = f", and from {deal.placement_agent.name} and each of its covered persons" if deal.placement_agent else ""
    return (f"Rule 506(d) bad actor questionnaires from each director, executive officer, other officer taking part "
            f"in the offering, general partner or managing member, 20% beneficial owner and promoter of "
            f"{deal.company.name}{agent}: the reasonable care (Rule 506(d)(2)(iv)) behind the representation that none "
            "is disqualified")


def _registration_rights_title(deal: Deal, _: Subject) -> str:
    """The purchase agreement recites a registration rights agreement delivered in form before it is signed and
    executed at the closing; dealdocs does not build it, so the checklist must."""
    assert deal.notes is not None and deal.notes.registration_rights is not None
    purchasers = deal.purchaser.name if deal.single_purchaser else "the purchasers"
    return (f"Registration Rights Agreement dated as of {long_date(deal.notes.registration_rights.date)} "
            f"{_among(deal)} (drafted outside this closing set): its form delivered to {purchasers} on or before the date of the Note Purchase "
            "Agreement, as its recital says, and executed at the closing; it names the securities it registers")


def _senior_consent_title(deal: Deal, _: Subject) -> str:
    """Notes subordinate to other debt: its holders' consent (senior secured notes commonly forbid other secured
    debt, or any debt) and the terms of the subordination, agreed with them, before the notes are issued."""
    assert deal.notes is not None and deal.notes.subordination is not None
    senior = deal.notes.subordination
    secured = " and the security interest the Security Agreement grants" if deal.notes.secured else ""
    ours = "the note" if deal.single_purchaser else "the notes"  # a partner's read: "the notes" of the 2005 deal's one
    return (f"Consent of the holders of the {senior.instrument} ({join_list(senior.holders)}) to {ours}{secured}, "
            "with the terms of the subordination agreed with them (payment or lien only, and any standstill on "
            f"{ours}'{'' if ours.endswith('s') else 's'} remedies): {ours} {'is' if deal.single_purchaser else 'are'} "
            "subordinate to theirs")


def _placement_agent(deal: Deal) -> PlacementAgent:
    assert deal.placement_agent is not None  # called for only where there is one
    return deal.placement_agent


def _rule_15c2_4_title(deal: Deal, _: Subject) -> str:
    """Exchange Act Rule 15c2-4(b): a law firm's escrow serves a contingent offering only if the broker-dealer never
    accepts the funds (two partners' reads: the test stated loosely; an agent that is the placement agent's counsel)."""
    assert deal.escrow is not None
    agent = deal.escrow.agent.name
    wire = "the purchaser wires" if deal.single_purchaser else "the purchasers wire"
    own = (f"; {agent} has also acted as the placement agent's counsel, so it is not independent of the "
           f"broker-dealer: have counsel other than {agent} confirm, before {wire}, that the arrangement meets the rule"
           if "placement_agent" in deal.escrow.escrow_agent_counsel_to else "")
    return (f"Written confirmation from the placement agent that the escrow meets Exchange Act Rule 15c2-4. Under the "
            "rule (paragraph (b)), a broker-dealer that accepts any part of the price in an offering whose funds wait "
            "for a contingency deposits it promptly in a separate bank account, as agent or trustee for the "
            "purchasers, or sends it promptly to a bank that has agreed in writing to hold it in escrow; "
            f"{agent}, a law firm, is neither, so the escrow can serve only if the placement agent never accepts "
            f"any purchaser's funds (each purchaser wires straight to the escrow account, as Section 1.3 of the Escrow "
            f"Agreement requires){own}.")


def _authority_title(deal: Deal, subject: Subject) -> str:
    """What shows that a purchaser that is not a person may buy, and that those who sign for it may sign."""
    purchaser = _purchaser(subject)
    if purchaser.kind == "trust" and purchaser.trust is not None:
        return (f"Certification of trust of {purchaser.trust.called}: the trust exists, and {join_and(purchaser.trust.trustees)} "
                f"{'are its trustees' if purchaser.named_as_several else 'is its trustee'}, with power to buy the "
                "notes and to sign for it")
    body = organization_of(purchaser.entity_type).governing_body if purchaser.entity_type else "governing body"
    items = [f"the consent of its {body} to the purchase"]
    acting_for, link = purchaser.name, purchaser.signs_through
    while link is not None:  # a fund's general partner, and that partner's managing member in turn
        items.append(f"the authority of {link.name}, as {link.capacity} of {acting_for}")
        acting_for, link = link.name, link.signs_through
    items.append(f"the incumbency of {join_and(purchaser.signer_names)}, who signs for it")
    home = jurisdiction(purchaser.state_of_organization) if purchaser.state_of_organization else None
    if home is not None and not home.in_united_states:
        items.append(f"a certificate of good standing (or its equivalent) from {country_named(home.name)}")
    joined = " and ".join(items) if len(items) == 2 else "; ".join(items[:-1]) + "; and " + items[-1]
    return f"Evidence of the authority of {purchaser.name}: {joined}"


def _good_standing_title(deal: Deal, _: Subject) -> str:
    state = deal.company.state_of_organization
    return f"Certificate of good standing of {deal.company.name} from the {state} Secretary of State, dated shortly before closing"


def _release_instructions_title(deal: Deal, _: Subject) -> str:
    """The written instructions the escrow agent wires on at release (the escrow agreement's 1.5): the company's for
    every wire, the placement agent's for its own fee; a law firm confirms each by telephone (1.6), a bank or trust
    company may, by its call-back (2.17). None of them is in the term sheet."""
    escrow = deal.escrow
    assert escrow is not None
    controlled = (" (to its deposit account under the control agreement)"
                  if _secured(deal) and deal.notes.control_agreement_days else "")
    wires = [f"{net_proceeds_words(deal)} to {deal.company.name}{controlled}",
             *(f"{amount_figures(d.amount)} to {d.payee}" for d in escrow.disbursements if d.role != "escrow_agent"),
             *(f"the escrow agent keeping its own fee of {amount_figures(d.amount)}"  # a partner's read: the wires did
               for d in escrow.disbursements if d.role == "escrow_agent")]  # not add up to the funds without it
    whose = f"Written instructions of {deal.company.name}"
    if escrow.placement_agent is not None:
        whose += f" (and, for its own fee only, of {escrow.placement_agent.payee})"
    if escrow.agent.kind == "law_firm":
        confirmed = ("each confirmed by the escrow agent by telephone with the person who gave it, at a number not taken "
                     "from the instructions (Sections 1.5 and 1.6 of the Escrow Agreement)")
    else:
        confirmed = ("with the person the escrow agent may call back to confirm them, designated in writing when the "
                     "Escrow Agreement is delivered (Sections 1.5 and 2.17 of the Escrow Agreement)")
    return f"{whose} to {escrow.agent.name}, as escrow agent, for each wire at release ({'; '.join(wires)}), {confirmed}"


def _release_instructions_by(deal: Deal, _: Subject) -> str:
    escrow = deal.escrow
    assert escrow is not None
    agent = escrow.placement_agent
    fee = f"; {agent.payee} (gives those for its own fee)" if agent is not None else ""
    confirms = "confirms each by telephone" if escrow.agent.kind == "law_firm" else "may confirm each by call-back"
    return f"{_company_officer(deal)} (gives them){fee}; the escrow agent ({confirms})"


def _filed_and_signed(deal: Deal, _: Subject) -> str:  # Form D, 8-K: counsel files, an officer signs (a partner's read)
    return f"{counsel(deal, True)} (files it for the company); {_company_officer(deal)} (signs it)"


def _each_purchaser(deal: Deal) -> str:  # 'the purchaser' of a one-purchaser deal, else 'each purchaser'
    return "the purchaser" if deal.single_purchaser else "each purchaser"


def _company_officer(deal: Deal) -> str:  # 'Company: Priya Raman, Chief Executive Officer': who signs its instructions
    return "Company: " + _signing_officer(deal).rstrip(",")


def _account_designation_title(deal: Deal, _: Subject) -> str:
    return (f"{deal.company.name}'s designation of the account for the "
            + ("purchase price" if deal.single_purchaser else "purchase prices")
            + ", in a writing signed by an officer (Section 3.3 of the Note Purchase Agreement), confirmed by "
            + _each_purchaser(deal) + " by telephone with that officer, at a number not taken from the writing, before wiring")


def _lien_search_title(deal: Deal, _: Subject) -> str:
    """UCC liens are filed where the debtor is located (its state of organization, for a registered organization);
    federal tax liens against a corporation or partnership where its principal executive office is (26 U.S.C.
    § 6323(f)(2)), and state tax liens and judgments there too, with the state and the county."""
    company = deal.company
    names = join_and([company.name, *company.former_names])
    office = f"{company.address.city}, {company.address.state}"
    return (f"Lien searches against {names}: UCC with the {deal.filing_office}, where it is located for filing (UCC "
            f"§ 9-307(e)); federal and state tax liens and judgments where its principal executive office is, {office} "
            "(federal tax liens against it are filed there: 26 U.S.C. § 6323(f)(2)), with the state's filing office "
            "and the county clerk")


def _existing_liens_title(deal: Deal, _: Subject) -> str:
    """Clause (h) of Permitted Liens: a lien existing at signing ranks ahead of the notes only if it is on the
    company's signed schedule (a partner's read: "disclosed in writing" let any letter or e-mail do it)."""
    holders = "the Purchaser" if deal.single_purchaser else "the Purchasers"
    senior = deal.notes.subordination if deal.notes is not None else None  # secured notes only
    ours = "the Note" if deal.single_purchaser else "the Notes"
    only = (f"the existing liens the Security Agreement lets remain, by listing; how they rank against {ours} is the law's"
            if senior is None else f"these, and the liens securing the {senior.instrument} to which {ours} "
            f"{'is' if deal.single_purchaser else 'are'} subordinated, are the existing liens the Security Agreement lets remain")  # (j) of Permitted Liens: a partner's read
    return (f"Schedule of existing liens, signed by {deal.company.name}: each lien on its assets to remain after the "
            f"closing, with its secured party, the obligations it secures and the property it covers ({only}); "
            f"delivered to {holders}, whose counsel checks it against the lien searches; a lien the searches find that "
            "is not on it is released at or before closing, unless it is otherwise a Permitted Lien")


def _existing_liens_due(deal: Deal, _: Subject) -> Due:
    """By the security agreement's date: clause (h) counts liens scheduled "on or before that date" (a partner's read:
    "before" it left a deal signed and closed in one day no day to deliver it); and by the day the purchasers sign
    when that is earlier, so that they see it before they sign (a partner's read: pages due March 2 for an agreement
    dated March 4)."""
    notes = deal.notes
    assert notes is not None  # secured notes only
    dated = f"the security agreement's date ({long_date(notes.security_date)})"
    signed = deal.first_date
    if signed is not None and signed < notes.security_date:
        who = "the Purchaser signs" if deal.single_purchaser else "the Purchasers sign"
        return Due(signed, f"Before {who} (by {long_date(signed)}, the date of {first_dated(deal)}), and so before {dated}")
    return Due(notes.security_date, f"By {dated}")


def _liens_noticed_title(deal: Deal, _: Subject) -> str:
    """An unsecured note excuses a lien existing at its date only as the company gave each purchaser written notice of
    it (a code review: the note asked for a notice nothing else did)."""
    assert deal.notes is not None  # unsecured notes only
    whom = "the purchaser" if deal.single_purchaser else "each purchaser"
    defaults = deal.notes.events_of_default
    floor = (f" and, with the others the clause counts, is for more than "
             f"{amount_figures(defaults.lien_amount, cents=False)}" if defaults.lien_amount else "")
    return (f"Written notice to {whom} of the liens on {deal.company.name} or its property existing when the notes are "
            "dated, other than those it granted by agreement (tax, judgment and mechanics' liens, among others; the "
            "note excuses those noticed, and no judgment, levy or attachment that is not a lien): an existing lien "
            f"the notice leaves out is an Event of Default once it has stood {defaults.lien_days} days unreleased, "
            f"unsatisfied and unbonded (at once, if it had stood that long when the notes are dated){floor} (the lien "
            "default of the notes)")  # a partner's read: ", at once for one filed that long before" read as garbled


def _liens_noticed_due(deal: Deal, _: Subject) -> Due:
    """By the notes' date: "on or before the date hereof" (a code review: by the signing, earlier, was no date the
    note sets)."""
    assert deal.notes is not None
    return Due(deal.notes.issue_date, f"By the notes' date ({long_date(deal.notes.issue_date)})")


def _ucc1_title(deal: Deal, _: Subject) -> str:
    assert deal.notes is not None  # secured notes only
    agent = deal.notes.collateral_agent
    if agent is not None:
        parties = f"{agent.name}, as collateral agent for the holders of the Notes, as secured party"
    else:
        parties = ("the Purchaser as secured party" if deal.single_purchaser else  # as Section 2.3(b) of the SA has it
                   "each Purchaser, or any Purchaser as representative of all Purchasers, as secured party")
    return (f"UCC-1 financing statement filed with the {deal.filing_office}: {deal.company.name} as debtor, "
            f"{parties}, collateral all assets of the debtor, now owned or hereafter acquired")


def _control_title(deal: Deal, _: Subject) -> str:  # partners' reads: signed by whom the purchasers designate
    agent, designee = deal.notes.collateral_agent if deal.notes else None, deal.control_designee
    secured = (f"{agent.name}, as collateral agent," if agent else "the Purchaser" if deal.single_purchaser
               else "the Secured Party (the holders of the Notes)")
    first = f"; signed for the Secured Party by {designee.name}, its designee under Section 7.1 of the Security Agreement" if designee else ""
    if designee and not agent and not deal.single_purchaser:  # 7.1's notice to the others (a partner's read: no date)
        days, closing = number_words(FORM_NOTICE_DAYS), deal.closing_date if deal.escrow else None
        account, sooner = "for the account the net proceeds are released into", ", or sooner with each other holder's written approval, e-mail sufficing"
        first += f", which delivers each form to the other holders at least {days} days before it signs it"
        if closing and form_notice_short(deal):  # only the approval serves (a code review: "by March 1", signed March 2)
            first += f"{sooner}; {account}, that approval is needed: the closing, {long_date(closing)}, is less than {days} days after the signing"
        else:
            first += (f" ({account}, by {long_date(closing - timedelta(days=FORM_NOTICE_DAYS))})" if closing else "") + sooner
    return (f"Control agreements: for each deposit account and securities account of {deal.company.name} that is "
            f"collateral, an agreement with its bank or securities intermediary giving {secured} control (UCC § 9-104, "
            "§ 8-106), as Section 4.10 of the Security Agreement requires; a deposit account is perfected only by "
            f"control (UCC § 9-312(b)(1)){first}")


def _secured_signer(deal: Deal) -> str:  # who signs them for the secured party (a code review: no one was named)
    s = control_signer(deal)  # one purchaser as secured party, or "each holder" (check's DD179: none designated)
    how = {"collateral agent": "as collateral agent", "designee": "for the Secured Party, as its designee"}.get(s.role, "as secured party")
    return f"{s.name or 'each holder of a Note'} ({'sign' if s.several else 'signs'} them {how})"


def _control_due(deal: Deal, _: Subject) -> Due:
    """Within `control_agreement_days` after the notes are issued, as the security agreement's Section 4.10 says; a
    last day on a weekend or holiday is given with the business day before it (the agreement moves it nowhere). With
    an escrow, the account the purchase prices are released into comes first: before the release (a partner's read:
    else the proceeds lay unperfected for the whole period)."""
    notes = deal.notes
    assert notes is not None and notes.control_agreement_days
    days = notes.control_agreement_days
    last = notes.issue_date + timedelta(days=days)
    when = long_date(last)
    if closed := non_business_day(last):
        when += f" ({closed}: deliver by {long_date(business_day_on_or_before(last))})"
    issued = "the note is issued" if deal.single_purchaser else "the notes are issued"
    expected = ", the expected closing" if notes.issue_date == deal.closing_date else ""  # (a code review)
    others = (f"{when}: within {days} {'day' if days == 1 else 'days'} after {issued} (if issued on "
              f"{long_date(notes.issue_date)}{expected})")
    if deal.escrow is None:
        return Due(last, others)
    release = _at_closing(deal, before=True, how=", before the escrow agent releases the funds, for the account they go to")
    return Due(release.day or last, f"{release.text}; for the other accounts, {others}")


def _ucc1_due(deal: Deal, subject: Subject) -> Due:
    """Before closing: filed before the money reaches the company (with an escrow, before its release), so that the
    security interest is perfected the moment it attaches (a partner's read: "file before release"). A financing
    statement may be filed before the grant (UCC 9-502(d); Security Agreement 2.3), and until it is, a lien creditor or
    a bankruptcy trustee takes ahead of it (9-317(a)(2); 11 U.S.C. § 544(a)). The latest day is still given: filed
    within 30 days after attachment (10 before the 2005 amendments), the grant dates from attachment for preference
    purposes (§ 547(e)(2)); a weekend or holiday moves it earlier, never later."""
    notes = deal.notes
    assert notes is not None  # secured notes only
    before = (", before the escrow agent releases the funds to the company" if deal.escrow is not None
              else ", before the Purchaser pays for the Note" if deal.single_purchaser
              else ", before the purchasers pay for the notes")
    closing = _at_closing(deal, subject, before=True, how=before)
    attaches = max(notes.security_date, closing.day) if closing.day else notes.security_date
    days = perfection_days(attaches)
    latest = attaches + timedelta(days=days)
    closed = non_business_day(latest)
    if closed:
        when = f"{long_date(latest)} ({closed}: file by {long_date(business_day_on_or_before(latest))}; no later day is assumed)"
    else:
        when = long_date(latest)
    law = "11 U.S.C. § 547(e)(2)" + ("" if days == 30 else " as in force until the 2005 amendments took effect on October 17, 2005")
    waives = "the Purchaser waives" if deal.single_purchaser else "the purchasers waive"  # one's waiver is its own
    return Due(closing.day, f"{closing.text}, so that the security interest is perfected the moment it attaches (Section "
                            "2.3 of the Security Agreement authorizes the filing once the Company signs it; one made before then needs "
                            f"the Company's authorization in {'a signed' if flags(deal)['ucc_2022_amended'] else 'an authenticated'} "
                            "record, UCC § 9-509(a); until it is filed, a lien creditor or a bankruptcy trustee comes ahead of it); a condition of the closing under the note purchase agreement. If "
                            f"{waives} it and the statement is filed after the closing, file it at once, and no later than {when}, "
                            f"{days} days after the security interest attaches, so that the grant still dates from attachment ({law})")


def _purchaser(subject: Subject) -> Purchaser:
    assert isinstance(subject, Purchaser)
    return subject


def _questionnaire_title(deal: Deal, subject: Subject) -> str:
    """One questionnaire a purchaser; one from each joint holder, each represented accredited (the note purchase
    agreement's Section 5.3; a partner's read: one "of Samuel K. Whitaker and Laura J. Whitaker")."""
    purchaser = _purchaser(subject)
    if purchaser.joint is not None:
        names = join_and([holder.name for holder in purchaser.joint.holders])
        return (f"Investor questionnaire from each of {names} ({purchaser.joint.tenancy_words}): each one's accredited "
                "investor status (Rule 501(a) of Regulation D)")
    return f"Investor questionnaire of {purchaser.name}: accredited investor status (Rule 501(a) of Regulation D)"


def _questionnaire_by(subject: Subject) -> str:
    purchaser = _purchaser(subject)
    if purchaser.joint is not None:
        return f"{join_and([holder.name for holder in purchaser.joint.holders])} (each completes one)"
    return f"{purchaser.name} (completes)"


def _tax_form_title(deal: Deal, subject: Subject) -> str:
    purchaser = _purchaser(subject)
    if not purchaser.foreign_for_tax:
        return f"Form W-9 of {purchaser.name} (address in the United States)"
    form, who = (foreign_entity_tax_form(deal), "an entity") if purchaser.is_entity else ("W-8BEN", "an individual")
    return f"Form {form} of {purchaser.name} ({who} with an address in {country_named(purchaser.residence)})"


def _financial_promotion_title(deal: Deal, subject: Subject) -> str:
    """An offer to a purchaser in the United Kingdom is a financial promotion (section 21 of the Financial Services
    and Markets Act 2000): lawful without an authorised person's approval only within an exemption of the Financial
    Promotion Order 2005, some of which rest on the investor's own statement, signed before the offer is made, and
    each on a warning and information the offer itself must carry."""
    purchaser = _purchaser(subject)
    if purchaser.kind == "entity":
        how = f"evidence that {purchaser.name} is an investment professional or a high net worth company (articles 19 and 49)"
    elif purchaser.kind == "trust" and purchaser.trust is not None:
        how = (f"evidence that {purchaser.trust.called} is a high value trust (article 49) or that its trustees "
               "are investment professionals (article 19)")
    else:
        who = f"each of {join_and(purchaser.signer_names)}" if purchaser.kind == "joint" else purchaser.name
        how = (f"the statement {who} signed, in the form that order then required, as a high net worth individual or a "
               "self-certified sophisticated investor (articles 48 and 50A) within the 12 months before the offer was "
               "first made, or an authorised person's certificate as a sophisticated investor (article 50) with the "
               "investor's own signed statement")
    return (f"Financial promotion exemption of {purchaser.name}, resident in the United Kingdom (Financial Services and "
            f"Markets Act 2000 (Financial Promotion) Order 2005): {how}; and a copy of the offer as sent, with the "
            "warning and information the exemption requires")


def _before_the_offer(deal: Deal, subject: Subject) -> Due:
    """Before the offer is first communicated: a statement signed later does not make an earlier offer lawful."""
    signing = _before_signing(deal, subject)
    latest = f", and in any case before the agreements are signed ({long_date(signing.day)})" if signing.day else ""
    return Due(signing.day, f"Before the offer is first made to {_purchaser(subject).name}{latest}")


WIRE_CALLBACK = "wire-callback"  # the deliverable `dealdocs confirm-wire` records (`closing.status`)
ESCROW_RECORDS = "escrow-agent-records"  # a bank escrow agent takes no funds without them (its 2.16, 2.18)
REGISTRATION_RIGHTS = "registration-rights-agreement"  # recited by the purchase agreement, not built (`closing.dues`)
PURCHASE_AGREEMENT = "purchase-agreement"  # an escrow's purchase agreement, where dealdocs builds none (`closing.dues`)


def _purchase_agreement_title(deal: Deal, _: Subject) -> str:
    """An escrow's purchase agreement dealdocs does not build (no `notes:`), whose signed pages its release waits on
    (Escrow Agreement, Sections 1.2 and 1.4; a partner's read of the 2005 escrow: the checklist did not list it)."""
    assert deal.escrow is not None
    agreement = deal.escrow.purchase_agreement
    return (f"{agreement.title} dated as of {long_date(agreement.date)} {_among(deal)}, and the other Transaction "
            "Documents (drafted outside this closing set): signed pages of each, and the other closing documents it requires, copies of "
            "which company counsel sends to the Escrow Agent, which advises that it holds them before the Release "
            "Notice is signed (Escrow Agreement, Sections 1.2 and 1.4)")


def _purchase_agreement_due(deal: Deal, _: Subject) -> Due:
    assert deal.escrow is not None
    when = deal.escrow.purchase_agreement.date
    return Due(when, f"When the agreements are signed ({long_date(when)})")


def _wire_callback_title(deal: Deal, _: Subject) -> str:
    """Company counsel's own call (a partner's read: the row said each purchaser had called), each purchaser's cover
    asking it to call too; each purchaser's where counsel is the escrow agent (a reviewer's: its own instructions)."""
    assert deal.escrow is not None
    own = counsel_is_escrow_agent(deal)
    also = "" if own else f" ({_each_purchaser(deal)}'s cover asks it to do the same before wiring)"
    return (f"Wire instructions of {deal.escrow.agent.name} (account {deal.escrow.wire.account_name}) confirmed by "
            f"telephone by {_each_purchaser(deal) if own else 'company counsel'}, on a number known before, never one "
            f"given with the instructions{also}")


# ---------------------------------------------------------------- the kinds

KINDS: tuple[DeliverableKind, ...] = (
    DeliverableKind("board-consent", COMPANY, _board_title,
                    lambda deal, _: counsel(deal, True) + " (drafts); the company's " + deal.company.governing_body + " (sign)",
                    _before_signing),
    DeliverableKind("stockholder-consent", COMPANY,
                    lambda deal, _: f"Consent of the {deal.company.organization.holders}, if needed",
                    lambda deal, _: f"{counsel(deal, True)} (drafts); the {deal.company.organization.holders} (sign)",
                    _before_signing, if_needed=_holders_needed),
    DeliverableKind("secretarys-certificate", COMPANY, _secretary_title,
                    lambda deal, _: f"Company: {_secretary(deal)} (signs); {counsel(deal)} (drafts)",
                    _certificate_due),
    DeliverableKind("officers-certificate", COMPANY,
                    lambda deal, _: ("Officer's certificate: the company's representations are true and its covenants "
                                     "performed (the conditions in Section 3.5(a) and (b) of the Note Purchase "
                                     "Agreement), on the day its copy is delivered to the escrow agent, the date it bears"
                                     if certificate_dated_on_copy(deal) else
                                     "Officer's certificate: the company's representations are true at closing, its "
                                     "covenants performed and the closing conditions met"),
                    lambda deal, _: f"{_company_officer(deal)} (signs); {counsel(deal)} (drafts)",
                    _certificate_due),
    DeliverableKind(PURCHASE_AGREEMENT, COMPANY, _purchase_agreement_title,
                    lambda deal, _: f"{counsel(deal, True)} (collects the signed pages); the company and "
                                    + _each_purchaser(deal) + " (sign it)",
                    _purchase_agreement_due, called_for=lambda deal: deal.notes is None and deal.escrow is not None),
    DeliverableKind(REGISTRATION_RIGHTS, COMPANY, _registration_rights_title,
                    lambda deal, _: f"{counsel(deal, True)} (drafts it); the company and "
                                    + _each_purchaser(deal) + " (sign it)",
                    _at_closing, called_for=lambda deal: deal.notes is not None and deal.notes.registration_rights is not None),
    DeliverableKind("senior-consent", COMPANY, _senior_consent_title,
                    lambda deal, _: f"{counsel(deal, True)} (obtains it); the senior holders (sign it)",
                    _before_signing, called_for=lambda deal: deal.notes is not None and deal.notes.subordination is not None),
    DeliverableKind("note-register", COMPANY, _note_register_title,
                    lambda deal, _: (f"Company: {_secretary(deal)} (keeps the register); {counsel(deal)} "
                                     f"(delivers the note{'' if deal.single_purchaser else 's'})"),  # as the covers have it
                    _at_closing, called_for=lambda deal: deal.notes is not None),
    DeliverableKind("bad-actor-questionnaires", COMPANY, _bad_actor_title,
                    lambda deal, _: f"{counsel(deal, True)} (collects them); each covered person (completes one)",
                    _before_signing, called_for=bad_actor_rule),
    DeliverableKind("rule-15c2-4", COMPANY, _rule_15c2_4_title,
                    lambda deal, _: f"{_placement_agent(deal).name} (confirms, in writing); {counsel(deal)} (keeps it with the closing records)",
                    _before_signing,
                    called_for=lambda deal: bool(deal.escrow and deal.placement_agent and deal.escrow.agent.kind == "law_firm")),
    DeliverableKind("good-standing", COMPANY, _good_standing_title,
                    lambda deal, _: f"{counsel(deal, True)} (orders it)", _certificate_due),
    DeliverableKind("release-instructions", COMPANY, _release_instructions_title,
                    _release_instructions_by,
                    lambda deal, subject: _at_closing(deal, subject, before=True),
                    called_for=lambda deal: deal.escrow is not None),
    DeliverableKind(ESCROW_RECORDS, COMPANY, lambda deal, _: (  # a new user's trial: nothing asked for them
                        f"Identity information and documents {deal.escrow.agent.name}, as escrow agent, requests, and an "
                        f"IRS Form W-9 (or W-8), of {deal.company.name} and of {_each_purchaser(deal)}, before it accepts "
                        "any funds (Sections 2.16 and 2.18 of the Escrow Agreement)"),
                    lambda deal, _: (f"{_company_officer(deal)} (gives the company's); {_each_purchaser(deal).capitalize()} "
                                     f"(gives its own, before wiring); {counsel(deal)} (follows up)"),
                    _before_signing,  # a partner's read: a bank signs, and opens the account, only once it has them
                    called_for=lambda deal: deal.escrow is not None and deal.escrow.agent.kind != "law_firm"),
    DeliverableKind("account-designation", COMPANY, _account_designation_title,
                    lambda deal, _: (f"{_company_officer(deal)} (signs it); {_each_purchaser(deal)} "
                                     "(confirms it by telephone before wiring)"),
                    lambda deal, subject: _at_closing(deal, subject, before=True),
                    called_for=lambda deal: deal.escrow is None and deal.notes is not None),
    DeliverableKind("lien-searches", COLLATERAL, _lien_search_title,
                    lambda deal, _: purchasers_counsel(deal, True), _lien_search_due, called_for=_secured),
    DeliverableKind("liens-noticed", COMPANY, _liens_noticed_title,
                    lambda deal, _: f"{_company_officer(deal)} (signs it); {counsel(deal, True)} (orders a lien "
                                    "search and prepares the notice from it and the company's records)",
                    _liens_noticed_due, called_for=lambda deal: deal.notes is not None and not deal.notes.secured,
                    if_needed=lambda deal: ("Not needed when a lien search finds no such lien: then mark this not "
                                            "needed.")),
    DeliverableKind("existing-liens", COLLATERAL, _existing_liens_title,
                    lambda deal, _: (f"{counsel(deal, True)} (prepares it from the lien searches); "
                                     f"{_company_officer(deal)} (signs it); "
                                     f"{purchasers_counsel(deal)} (reviews it)"),
                    _existing_liens_due, called_for=_secured),
    DeliverableKind("ucc-1", COLLATERAL, _ucc1_title,
                    lambda deal, _: f"{purchasers_counsel(deal, True)} (files it)", _ucc1_due, called_for=_secured),
    DeliverableKind("control-agreements", COLLATERAL, _control_title,
                    lambda deal, _: (f"{counsel(deal, True)} (obtains them from each bank and securities intermediary); "
                                     f"{_company_officer(deal)} (signs them); {purchasers_counsel(deal)} (reviews them); "
                                     f"{_secured_signer(deal)}" + ("; each other holder (approves in writing, e-mail "
                                     "sufficing, a shorter notice of the form for the account the net proceeds are "
                                     "released into)" if form_notice_short(deal) else "")),
                    _control_due,
                    called_for=lambda deal: _secured(deal) and bool(deal.notes.control_agreement_days)),
    DeliverableKind("investor-questionnaire", PURCHASERS, _questionnaire_title,
                    lambda deal, subject: f"{_questionnaire_by(subject)}; {counsel(deal)} (collects)",
                    _before_signing, per="purchaser"),  # Rule 506(b): accredited when it buys, at signing
    DeliverableKind("authority", PURCHASERS, _authority_title,
                    lambda deal, subject: f"{_purchaser(subject).name} (delivers); {counsel(deal)} (reviews)",
                    _before_signing, per="purchaser",  # its signatory's authority, before anyone relies on the signature
                    applies=lambda deal, subject: _purchaser(subject).kind in ("entity", "trust")),
    DeliverableKind("financial-promotion", PURCHASERS, _financial_promotion_title,
                    lambda deal, subject: f"{_purchaser(subject).name} (signs or delivers); {counsel(deal)} (collects)",
                    _before_the_offer, per="purchaser", applies=lambda deal, subject: _purchaser(subject).in_united_kingdom),
    DeliverableKind(WIRE_CALLBACK, PURCHASERS, _wire_callback_title,
                    lambda deal, _: (f"{_each_purchaser(deal).capitalize()}, before wiring; {counsel(deal)} records "
                                     "it" if counsel_is_escrow_agent(deal) else
                                     f"{counsel(deal, True)} (confirms them and records whom it called and when)"),
                    lambda deal, subject: _at_closing(deal, subject, before=True),
                    called_for=lambda deal: deal.escrow is not None),
    DeliverableKind("tax-form", PURCHASERS, _tax_form_title,
                    lambda deal, subject: (f"{_purchaser(subject).name} (completes); {counsel(deal)} (collects it for "
                                           "the company, which keeps it as payer)"),
                    lambda deal, subject: _at_closing(deal, subject, before=True), per="purchaser", note=tax_form_note),
    DeliverableKind("form-d", FILINGS, lambda deal, _: form_d_title(deal),
                    _filed_and_signed, lambda deal, _: Due(*form_d(deal)), note=first_sale_note),
    DeliverableKind("blue-sky", FILINGS, blue_sky_title, blue_sky_filer,
                    lambda deal, subject: Due(*blue_sky_due(deal, subject)), per="state",
                    # a reviewer's read: New York's Form 99, due before the first offer, listed as a filing after closing
                    grouped=lambda deal, subject: BEFORE_OFFER if due_before_the_offer(deal, subject) else FILINGS),
    DeliverableKind("form-8-k", FILINGS, lambda deal, _: form_8k_title(deal), _filed_and_signed,
                    lambda deal, _: Due(*form_8k_due(deal)), called_for=form_8k_called_for, if_needed=form_8k_needed),
    DeliverableKind("finra-5123", FILINGS, lambda deal, _: finra_title(deal), lambda deal, _: finra_filer(deal),
                    lambda deal, _: Due(*finra_due(deal)), called_for=finra_called_for, if_needed=finra_needed),
)
"""Every kind, in the order the closing checklist lists them."""


def deliverables_for(deal: Deal) -> list[Deliverable]:
    """The deliverables of `deal`'s closing, in the order of the checklist, each with a name unique in the deal."""
    found: list[Deliverable] = []
    for kind in KINDS:
        if not kind.called_for(deal):
            continue
        if kind.per == "purchaser":
            subjects = [(p, f"{kind.name}-{slug}") for p, slug in zip(deal.purchasers, purchaser_slugs(deal.purchasers), strict=True)]
        elif kind.per == "state":
            subjects = [(s, f"{kind.name}-{slugify(s.state.name if s.state else s.written) or 'state'}")
                        for s in blue_sky_states(deal)]
        else:
            subjects = [(None, kind.name)]
        for subject, name in subjects:
            if not kind.applies(deal, subject):
                continue
            found.append(Deliverable(
                name, kind.title(deal, subject), kind.responsible(deal, subject), kind.due(deal, subject),
                kind.grouped(deal, subject) if kind.grouped else kind.group,
                kind.if_needed(deal) if kind.if_needed else None, kind.note(deal) if kind.note else None,
            ))
    return found
