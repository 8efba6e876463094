"""What each purchaser, and each of the company's officers, delivers besides their signature pages, as their
packets' covers say it (`purchaser_dues`, `officer_dues`).

The closing checklist lists what is due from each purchaser (`deliverables`:
its investor questionnaire, evidence of its authority, a financial promotion
statement, its tax form) and the telephone confirmation of the escrow's wire
instructions before anyone wires; the purchasers never see the checklist, so
each purchaser's cover repeats its own part of it, with when each is due, and
its purchase price wired to the escrow account, or without an escrow to the
account the company designates (the note purchase agreement's Section 3.3; a
partner's read: the packets gave the deadline for the pages alone, and a
convertible deal's purchasers were told nothing of their wire).
"""

from __future__ import annotations

from datetime import date

from dealdocs.closing.deliverables import (
    ESCROW_RECORDS, PURCHASE_AGREEMENT, PURCHASERS, REGISTRATION_RIGHTS, WIRE_CALLBACK, Deliverable, certificate_dated_on_copy,
    certificates_copied_to_agent, deliverables_for)
from dealdocs.closing.kinds import purchaser_slugs
from dealdocs.closing.notes_delivery import counsel_reached, notes_keeper, pages_to_counsel
from dealdocs.closing.parties import (
    FORM_NOTICE_DAYS, company_secretary, control_signer, form_notice_short, secretary_certifier)
from dealdocs.closing.states import in_united_states
from dealdocs.termsheet.model import Deal, Purchaser
from dealdocs.words import amount_figures, join_and, long_date, number_words

__all__ = ["BESIDES", "collateral_agent_dues", "escrow_agent_dues", "escrow_holds", "officer_dues", "purchaser_dues"]

_NOTICE = number_words(FORM_NOTICE_DAYS)  # the days the designee gives the other holders each form (Security Agreement 7.1)

_WHAT = {  # a purchaser may be a person, trustees or joint holders: no "its"
    "investor-questionnaire": "an investor questionnaire",
    "investor-questionnaire joint": "an investor questionnaire from each of you",  # each accredited (NPA 5.3)
    "authority": "evidence of the authority to buy",  # the kind's key, which `_slug` finds it by
    "authority entity": "evidence of its authority to buy",  # a partner's read: "the authority"
    "authority trust": "evidence of the trustees' authority to buy",
    # a partner's read: "a financial promotion statement, before the agreements are signed" asked for one signed
    # now; a person's statement must have been signed within the 12 months before the offer was first made (FPO
    # articles 48, 50A), a company's or trust's standing held then (articles 19, 49)
    "financial-promotion": "a copy of the financial promotion statement signed within the 12 months before the offer "
                           "was first made (one signed now will not do: if you signed none then, tell company counsel "
                           "before you sign)",
    "financial-promotion entity": "a copy of the evidence, relied on when the offer was first made, of the "
                                  "purchaser's standing as an investment professional or of high net worth",
    "tax-form": "",  # the form, as its title names it: "Form W-9"
}


def purchaser_dues(deal: Deal, deliverables: list[Deliverable] | None = None) -> dict[str, str]:
    """A purchaser's slug (`kinds.purchaser_slugs`) -> the sentence its covers add; none for a purchaser owing nothing
    but its pages. Read once for the deal: its deliverables (`deliverables`, when read already) are many at 5,000
    purchasers."""
    slugs = purchaser_slugs(deal.purchasers)
    owed: dict[str, list[Deliverable]] = {slug: [] for slug in slugs}
    callback = None
    elsewhere: list[Deliverable] = []  # agreements each purchaser signs that dealdocs does not build
    controls = control_signer(deal).purchaser  # the purchaser who signs the control agreements, if one does
    for deliverable in deliverables if deliverables is not None else deliverables_for(deal):
        if (deliverable.name in _SIGNED_ELSEWHERE or deliverable.name == ESCROW_RECORDS
                or deliverable.name == CONTROL and controls is not None):
            elsewhere.append(deliverable)
        if deliverable.group != PURCHASERS:
            continue
        if deliverable.name == WIRE_CALLBACK:
            callback = deliverable
            continue
        slug = _slug(deliverable.name, slugs)
        if slug is not None:
            owed[slug].append(deliverable)
    out = {}
    for purchaser, slug in zip(deal.purchasers, slugs, strict=True):
        # (when, the day, an item apart) -> what: a signature on an agreement, or what goes to the bank, is an item
        # of its own (a partner's read: "Form W-9 and a signature ... on the control agreement")
        by_due: dict[tuple[str, date | None, bool], list[str]] = {}
        for deliverable in owed[slug]:
            kind = deliverable.name[: -len(slug) - 1]
            entity = f"{kind} entity" if purchaser.kind in ("entity", "trust") else kind
            what = (_WHAT.get(f"{kind} {purchaser.kind}") or _WHAT.get(entity) or _WHAT.get(kind)
                    or deliverable.title.split(" of ", 1)[0])  # "Form W-9"
            if kind == "authority" and purchaser.trust is not None and len(purchaser.trust.trustees) == 1:
                what = "evidence of the trustee's authority to buy"  # a code review: "trustees'" for one
            if kind == "tax-form" and purchaser.kind == "joint":  # a partner's read: two forms invited for one note
                what = f"one {what} (of the holder whose taxpayer identification number the Company is to use)"
            by_due.setdefault((_when(deliverable, kind), deliverable.due.day, False), []).append(what)
        for signed in elsewhere:  # signed by each purchaser, the control agreements by the one designated; not built
            if signed.name == ESCROW_RECORDS:  # a new user's trial: a bank's, asked nowhere (Escrow Agreement, 2.16, 2.18)
                by_due.setdefault((_by(signed), signed.due.day, True), []).append(_TO_THE_BANK)  # apart: it goes
                # elsewhere (a review)
            elif signed.name != CONTROL or purchaser is controls:  # (elsewhere has the control
                # agreements only where a purchaser signs them)
                by_due.setdefault((_by(signed), signed.due.day, True), []).append(_signs(deal, signed))
        # the earliest first, as the officers' covers have them (a code review: the purchase agreement to sign "when
        # the agreements are signed" came after the Form W-9 due before closing)
        items = [f"{join_and(whats)}, {due}" for (due, _, _), whats in
                 sorted(by_due.items(), key=lambda item: _order(item[0][0], item[0][1]))]
        several = purchaser.named_as_several
        price = (f"the purchase price, {amount_figures(purchaser.subscription)}"
                 f"{_ONE_WIRE[purchaser.kind] if several else ''}")
        # a partner's read: a wire from abroad arrives short of its banks' fees, and the escrow waits for it all
        abroad = ("" if in_united_states(purchaser.address) else
                  ", in U.S. dollars with every bank charge for your account (OUR) so that the full amount arrives")
        if deal.escrow is not None:
            # a partner's read: "once ... are confirmed" said not who confirms them: the purchaser, before wiring;
            # another's: nor with whom, nor where the number comes from (the cover itself comes by email)
            person = deal.escrow.agent.signatory
            confirmed = (f" {_when(callback, '')}{abroad}, only after you confirm the Escrow Agent's wire instructions "
                         f"(Escrow Agreement, Section 1.3) by telephone{f' with {person.name}' if person else ''} at "
                         f"{deal.escrow.agent.name}, at a number you find yourself (never one given in an email or in "
                         "this packet)" if callback else abroad)
            # a partner's read: every purchaser's wire bore the one reference, the Company's name, though a wire is
            # returned to the account it came from (Escrow Agreement, Section 1.7)
            # a second: in a bank's character set (no en dash), short enough for a reference line
            reference = f"{deal.escrow.wire.reference} - {wire_reference_name(purchaser)}"
            items.append(f"{price}, which you wire to the escrow account (reference: {reference}){confirmed}")
        elif deal.notes is not None:
            items.append(f"{price}, which you wire{abroad + ',' if abroad else ''} at the closing "
                         f"({long_date(deal.notes.closing.date)}) to the account {deal.company.name} designates in a "
                         "writing signed by an officer, only after you confirm the account by telephone with that "
                         "officer at a number not taken from the writing, never one given in an email (Note Purchase "
                         "Agreement, Section 3.3)")
        # people buying for themselves are "you", as the price's "which you wire" says (a partner's read: "asks
        # Margaret Chen for"); an entity or a trust by its name (the signer acts for it)
        you = purchaser.kind in ("individual", "joint")
        # a trust's trustees are "you" too (a partner's read: "asks Ruth A. Calloway and Peter M. Calloway, as
        # trustees of ..., for: ...; which you wire"), named as what they sign as
        addressee = ("you" if you else f"you, as trustee{'s' if several else ''}" if purchaser.trust is not None
                     else purchaser.name)
        named = not you and purchaser.trust is None  # an entity: named by its name, its signer acting for it
        if items:
            out[slug] = _asks(addressee, items)
        if by_due:  # a partner's read: the covers said what was due, not where it goes (the checklist: company counsel);
            # a second: not twice over where the pages go there too
            # a third: each by its own date (a questionnaire before signing, not with the signed pages)
            but = " and what goes to the Escrow Agent" if any(d.name == ESCROW_RECORDS for d in elsewhere) else ""
            out[slug] += (f" Send each of these but the purchase price{but} to company counsel by its date (your signed "
                          "pages go there too)." if pages_to_counsel(deal) else
                          f" Send each of these but the purchase price{but} to {counsel_reached(deal)}, by its date.")
        designee = deal.control_designee  # a second partner's read: the others sign a designation, and were not told
        if slug in out and designee is not None:  # second and fourth partners' reads: what each signs up to
            out[slug] += _designation(purchaser, designee, entity=named, short=form_notice_short(deal))
        if slug in out and deal.notes is not None:  # a partner's read: nor what comes back
            keeper = notes_keeper(deal).role
            whom = purchaser.name.rstrip(".") if named else addressee  # "L.P." once
            out[slug] += f" At the closing, {keeper} delivers the Note, signed by the Company, to {whom}."
    return out


_TO_THE_BANK = ("the identity information and documents the Escrow Agent requests and a second signed original of your tax "
                "form, which go to the Escrow Agent itself (Escrow Agreement, Sections 2.16 and 2.18)")  # a partner's read: "a
# copy" of a form 2.18 wants "properly completed", and due before the bank signs, not only before you wire
_ONE_WIRE = {  # a partner's read: both joint holders were told "which you wire", so both might, or neither
    "joint": " (one wire in all, not one from each of you: agree between you who sends it)",
    "trust": " (one wire in all, from the trust, not one from each signer)",
}
_SIGNED_ELSEWHERE = (REGISTRATION_RIGHTS, PURCHASE_AGREEMENT)  # signed by the company and each purchaser; not built
CONTROL = "control-agreements"  # with several purchasers and no agent, signed by the one designated


def _designation(purchaser: Purchaser, designee: Purchaser, *, entity: bool, short: bool) -> str:
    """What a purchaser's cover says it takes on by signing the Security Agreement: the designee, the designation
    and what it bears; each other holder, its designation and its share of the designee's bank liability. An entity is
    named, not "you" (a partner's read: "you designate ... your Note" read as its officer's own undertaking)."""
    name = purchaser.name
    if purchaser is designee and not entity:
        return (" By signing the Security Agreement you accept the designation (Security Agreement, Section 7.1): "
                "you sign control agreements that conform to Section 4.10 of the Security Agreement, give "
                "instructions under them only as the Majority Holders direct, and sign their terminations; send "
                f"each bank's form to the other holders at least {_NOTICE} days before you sign it{_short(short, 'you')}. The Company "
                "indemnifies you against your liability to a bank under them; the other holders pay their shares "
                "of what it has not paid within 30 days (each up to its Note's original principal for all of them; you bear your own), but "
                "nothing covers your gross negligence or willful misconduct, acting without a required direction, "
                "or an agreement not signed as the Security Agreement provides (Security Agreement, Sections 7.1 and "
                "7.2).")  # (partners' reads: the one at most risk was told least; then, not all of what it bears)
    if purchaser is designee:
        return (f" By signing the Security Agreement, {name} accepts the designation (Security Agreement, Section 7.1): "
                "it signs control agreements that conform to Section 4.10 of the Security Agreement, instructs under them only as the Majority "
                f"Holders direct, signs their terminations and sends each bank's form to the other holders at least {_NOTICE} days "
                f"before signing it{_short(short, 'it')}. The Company indemnifies it against its liability to a bank under them; the other "
                "holders pay their shares of what the Company has not paid within 30 days (each up to its Note's "
                "original principal for all of them; it bears its own), but nothing covers its gross negligence or willful misconduct, acting "
                "without a required direction, or an agreement not signed as the Security Agreement provides (Security "
                "Agreement, Sections 7.1 and 7.2).")
    comma = "," if ", " in designee.name else ""
    # a partner's read (session 57): the share is of each Note's original principal, capped for all the liabilities
    # together, paid within 10 days of the designee's demand, never for its own fault, and survives a payoff only for
    # control agreements signed before it (Sections 7.1 and 8.2)
    you, your, agree, receive = ("you", "your", "agree", "you receive") if not entity else (name, "its", "agrees", "it receives")
    return (f" By signing the Security Agreement{',' if entity else ''} {you} designate{'s' if entity else ''} "
            f"{designee.name}{comma} to sign the control agreements for the Secured Party, and {agree} to pay the designee, "
            f"within 10 days after its demand, {your} share (by {your} Note's original principal) of any liability to a "
            "bank or securities intermediary under one signed as the Security Agreement provides that the Company has not "
            f"paid within 30 days after the designee's demand, up to {your} Note's original principal for all of them, and "
            "none arising from the designee's gross negligence, willful misconduct or acting without a required "
            f"direction; after {your} Note is paid, only for acts done before then under one signed before then "
            f"(Security Agreement, Sections 7.1, 7.2 and 8.2); {receive} each bank's form at least {_NOTICE} days before "
            f"it is signed{_short(short, you, approving=True)}.")


def _short(short: bool, who: str, *, approving: bool = False) -> str:
    """What the covers add where the closing comes too soon after the signing for the form of the first control
    agreement (`short`: `form_notice_short`): the designee signs it once each other holder has approved a shorter
    period, which each gives (a partner's read: the covers said three days, the checklist that it could not be met)."""
    if not short:
        return ""
    if approving:
        # an instruction, not a statement (a partner's read, session 62: "Quarry Lane Fund, LLC approves ...")
        return ("; the closing comes sooner for the account the net proceeds go into: on receiving its form, approve"
                f"{'' if who == 'you' else f' for {who}'} a shorter period by e-mail, as the closing needs")
    return " (the first, for the account the net proceeds go into, once each has approved a shorter period in writing)"


def _signs(deal: Deal, deliverable: Deliverable) -> str:
    """"a signature on the Registration Rights Agreement (not in this packet)": an agreement of `_SIGNED_ELSEWHERE`
    (a partner's read: "asks Robert Petty for: ... signing the Registration Rights Agreement")."""
    if deliverable.name == CONTROL:  # code reviews: the release waits on it, and no packet asked its signer for it
        how = {"collateral agent": "as collateral agent (Security Agreement, Section 4.10)",
               "designee": "for the Secured Party as its designee (Security Agreement, Sections 4.10 and 7.1)",
               }.get(control_signer(deal).role, "as the secured party (Security Agreement, Section 4.10)")
        return f"a signature, {how}, on {_control_agreements(deal, for_signer=True)}"
    if deliverable.name == PURCHASE_AGREEMENT and deal.escrow is not None:
        return (f"a signature on the {deal.escrow.purchase_agreement.title} and the other Transaction Documents (not in "
                "this packet)")
    return "a signature on the Registration Rights Agreement (not in this packet)"


def _control_agreements(deal: Deal, *, for_signer: bool) -> str:
    """The control agreements the checklist asks for (called for only with `control_agreement_days`), as a cover
    names them: to the secured party's signer (`for_signer`), with the Company and the bank and not in its packet;
    to the Company's officer, with the bank. With an escrow, the one of the account the released proceeds go into
    first, the later ones within the days (a partner's read: the officer's "each other control agreement the
    Security Agreement requires within its days" said nothing)."""
    words = _NUMBER[deal.single_purchaser]
    parties = "the Company and its bank" if for_signer else "its bank"
    aside = "not in this packet" if for_signer else ""
    # a third partner's read: the officer's cover said nothing of the Company's new indemnity of the designee
    owes = ("the Company indemnifies the designee against its liability to a bank under them, Security Agreement, "
            "Section 7.2" if deal.control_designee and not for_signer else "")
    later = ""
    if deal.escrow is not None and deal.notes is not None:
        issued = "the Note is issued" if deal.single_purchaser else "the Notes are issued"
        later = f"each later one within {deal.notes.control_agreement_days} days after {issued}"
    said = "; ".join(filter(None, (aside, later, owes)))
    which = (f"the control agreement of the account the net proceeds of the {words['prices']} are released into"
             if later else "each control agreement the Security Agreement requires")
    return f"{which}, with {parties}" + (f" ({said})" if said else "")


BESIDES = "Besides these pages, "  # how a sentence of dues opens; "this page" on a cover of one (`outputs.packets`)
_OFFICERS_OWE = {  # what the checklist has the company's signing officer or its secretary sign, give or keep (in
    # the words of a deal of one purchaser, or of several: `_NUMBER`)
    # a partner's read: the officers' covers said what, not to whom, nor how the certificate is dated
    "secretarys-certificate": "the secretary's certificate (to {purchasers}{copy})",
    "officers-certificate": "the officer's certificate (to {purchasers}{dated})",
    "account-designation": "the signed designation of the account for the {prices}",
    "release-instructions": "the company's written instructions for each wire out of escrow at release (to the Escrow "
                            "Agent, which calls to confirm each)",
    "note-register": "the register of the Notes, {each_note} entered in {whose} Purchaser's name",
    # a partner's read: the signing officer's cover left out the one paper of the security package it signs
    "existing-liens": "the signed schedule of existing liens (to {purchasers})",
    # a second partner's read: the purchase agreement's closing waits on the control agreement "signed by the Company"
    "control-agreements": "{control}",
    ESCROW_RECORDS: "the company's Form W-9 and the identity information and documents the Escrow Agent requests (to "
                    "the Escrow Agent, before it accepts any funds)",  # a bank's (a new user's trial)
    # a partner's read: the filings the officer signs after closing, which company counsel prepares and files
    "form-d": "the Form D, for company counsel to file",
    "form-8-k": "the Form 8-K, for company counsel to file",
}

_OFFICERS_MAY_OWE = {  # what the checklist has an officer sign if needed, said as that
    # a partner's read: the checklist had the signing officer sign the notice of existing liens, the cover said nothing
    # of it, and a lien it leaves out is an Event of Default of the notes (unsecured notes' lien default)
    "liens-noticed": "any notice of liens the company did not grant (to {purchasers}, if a lien search finds one)",
}

_NUMBER = {True: {"prices": "purchase price", "each_note": "the Note", "whose": "the", "purchasers": "the Purchaser"},
           False: {"prices": "purchase prices", "each_note": "each Note", "whose": "its", "purchasers": "the Purchasers"}}


def officer_dues(deal: Deal, deliverables: list[Deliverable] | None = None) -> dict[str, str]:
    """The name of each of the company's officers who signs pages (its signing officer, its attesting officer) ->
    the sentence their closing cover adds: the certificates, the account designation, the release instructions and
    the note register the checklist has them sign, give or keep (a partner's read: the purchasers' covers said what
    else was asked of them, the officers' nothing). `deliverables`: the deal's, when read already."""
    company = deal.company
    officers = [company.signatory, *([company.attesting_officer] if company.attesting_officer else [])]
    owed: dict[str, dict[str, list[str]]] = {officer.name: {} for officer in officers}  # name -> when -> what
    falls: dict[str, tuple[date, bool]] = {}  # when -> where it falls among the others (`_order`)

    def owe(name: str, deliverable: Deliverable, what: str) -> None:
        when = _by(deliverable)
        falls[when] = _order(when, deliverable.due.day)
        owed[name].setdefault(when, []).append(what)

    copy = ", a copy to the Escrow Agent" if certificates_copied_to_agent(deal) else ""
    words = {**_NUMBER[deal.single_purchaser], "copy": copy,  # the officer's: dated then (the NPA's 3.5(c)), or a copy
             "control": _control_agreements(deal, for_signer=False) if deal.notes and deal.notes.control_agreement_days else "",
             "dated": ", dated the day the Escrow Agent gets its copy" if certificate_dated_on_copy(deal) else copy}
    certifier, secretary = secretary_certifier(deal), company_secretary(deal)  # who certifies a secretary's incumbency
    certificate: Deliverable | None = None
    for deliverable in deliverables if deliverables is not None else deliverables_for(deal):
        what = (_OFFICERS_MAY_OWE if deliverable.if_needed else _OFFICERS_OWE).get(deliverable.name)
        if deliverable.name in _SIGNED_ELSEWHERE:  # the company's signing officer signs it, with the purchasers
            owe(company.signatory.name, deliverable, _signs(deal, deliverable))
        if deliverable.name == "secretarys-certificate":
            certificate = deliverable
        if what:
            what = what.format(**words)
        for officer in officers if what else ():
            # as `deliverables` names the one who acts: "Company: Daniel Osei, Secretary (signs)", name and title
            # whole ("Robert Osei" is not "Robert Osei, Jr.", a reviewer's case)
            acts = f"Company: {officer.name}, {officer.title} ("  # whoever else acts first (counsel prepares it)
            if officer.title and any(part.startswith(acts) for part in deliverable.responsible.split("; ")):
                owe(officer.name, deliverable, what)
    if certificate is not None and certifier in owed and secretary is not None:  # said last of what is due with it (a
        owe(certifier, certificate, "your certification, on the secretary's certificate, of the incumbency and "  # partner's
            f"signature of {secretary.name}")  # read: said first, it read as certifying all that followed)
    # the earliest first (a partner's read: the schedule due before signing came after the closing's papers)
    # "you": each officer's own cover says it (a partner's read: "asks Owen Hartley for" on Owen Hartley's cover)
    return {name: _asks("you", [f"{join_and(whats)}, {when}" for when, whats in
                               sorted(by_when.items(), key=lambda item: falls[item[0]])])
            for name, by_when in owed.items() if by_when}


def _order(when: str, day: date | None) -> tuple[date, bool]:
    """When a due falls, for sorting: by its day, one without a day last, and "before closing" before "at closing"."""
    return (day if day is not None else date.max, when.startswith("at "))


def _by(deliverable: Deliverable) -> str:
    """When it is due, in a few words: "before closing (June 10, 2026)", without to whom the checklist has it go
    (an officer's cover has room for the one, not the other)."""
    day = deliverable.due.day
    if day is not None and deliverable.due.text.startswith(long_date(day)):  # a due that is a date ("April 3, 2026:
        return f"by {long_date(day)}"  # within 30 days ..."): a code review found it cut to "april 3"
    first = _when(deliverable, "").split(",", 1)[0].split(" (", 1)[0]
    return f"{first} ({long_date(day)})" if day is not None else first


def wire_reference_name(purchaser: Purchaser) -> str:
    """What a purchaser's wire reference calls it: its short name ("the" left off), else the name its wire is sent
    under (`Purchaser.wire_name`)."""
    short = purchaser.short_name or ""
    short = short[4:] if short.lower().startswith("the ") else short
    return short or purchaser.wire_name


def escrow_holds(deal: Deal) -> str:
    """What the escrow agent must hold before it advises the parties and the release notice is signed (Escrow
    Agreement, Sections 1.2 and 1.4), as the covers say it: one wording for the agent's and the signers'."""
    amounts = "the Purchaser's subscription amount" if deal.single_purchaser else "every Purchaser's subscription amount"
    if deal.notes is not None:  # a partner's read: the agreement built with it says which (its Section 3.4)
        return (f"{amounts}, all signature pages and the other closing documents Section 3.4 of the Purchase Agreement "
                "requires to be delivered to it")
    return f"{amounts}, all signature pages and the other closing documents the Purchase Agreement requires"


def collateral_agent_dues(deal: Deal, deliverables: list[Deliverable] | None = None) -> str | None:
    """What the collateral agent's closing cover adds: its signature on the control agreements the checklist asks
    for, which the security agreement has it sign (a partner's read: the purchasers' covers and the checklist said so,
    its own nothing); None without an agent or such agreements. `deliverables`: the deal's, when read already."""
    if deal.notes is None or deal.notes.collateral_agent is None:
        return None
    control = next((d for d in (deliverables if deliverables is not None else deliverables_for(deal)) if d.name == CONTROL), None)
    return _asks("you", [f"{_signs(deal, control)}, {_by(control)}"]) if control is not None else None


def escrow_agent_dues(deal: Deal) -> str | None:
    """What the escrow agent's closing cover adds: what the escrow agreement has it do besides signing (a partner's
    read: its cover listed its one page and nothing of the notice, the call-backs or the return of the funds); None
    without an escrow."""
    escrow = deal.escrow
    if escrow is None:
        return None
    purchasers = "the Purchaser" if deal.single_purchaser else "the Purchasers"
    # a partner's read: nor the holding itself, nor the Company's notice that stops a wire
    items = ["hold the escrowed funds uninvested, apart from its own funds (Escrow Agreement, Section 1.1)",
             f"advise the Company and {purchasers} once it holds {escrow_holds(deal)}"
             f"{', of the funds received from each Purchaser' if deal.notes and not deal.single_purchaser else ''} "
             "(Escrow Agreement, Section 1.2)",
             "wire nothing on a Release Notice once the Company has notified it in writing that a confirmation in it "
             "has ceased to be true (Escrow Agreement, Section 1.5)"]
    notes = deal.notes
    if notes is not None and notes.secured and notes.control_agreement_days and deal.escrows_the_notes:  # as 1.6
        # says (a partner's read: its cover left it out)
        items.append("wire the balance due to the Company only to its deposit account under the control agreement "
                     "(Escrow Agreement, Section 1.6)")
    # a new user's trial: a bank's agreement has no such duty in 1.6, but leave to call back (2.17), said as leave
    may = ""
    if escrow.agent.kind == "law_firm":
        items.append("confirm each wire out of escrow by telephone with the person who gave its instructions, at a "
                     "number not taken from them (Escrow Agreement, Section 1.6)")
    else:
        may = (" It may also confirm each instruction to wire out of escrow by a telephone call-back to a person "
               "designated in writing for that purpose (Escrow Agreement, Section 2.17).")
    if escrow.outside_date is not None:
        items.append(f"return the escrowed funds if no Release Notice reaches it by {long_date(escrow.outside_date)}, "
                     "the Outside Date (Escrow Agreement, Section 1.7)")
    return ("Besides signing, the Escrow Agreement has the Escrow Agent " + "; ".join(items[:-1]) + "; and "
            + items[-1] + "." + may)  # each reference named: a packet has no Section 1.2 of its own (DD206)


def _asks(name: str, items: list[str]) -> str:
    return (f"{BESIDES}the closing checklist asks {name}{',' if ', ' in name else ''} for: "
            + ("; ".join(items[:-1]) + "; and " + items[-1] if len(items) > 1 else items[0]) + ".")


def _when(deliverable: Deliverable, kind: str) -> str:
    """When it is due, as a purchaser's cover says it: the checklist's words ("before closing (June 10, 2026)"), but
    not the drafter's note of a date the term sheet lacks; a UK resident's statement, due before the offer reached
    it, is asked for on the cover as what it must be at the latest: before the agreements are signed."""
    due = deliverable.due
    if kind == "financial-promotion" and due.day is not None:
        return f"before the agreements are signed ({long_date(due.day)})"
    text = due.text if due.day is not None else due.text.split(" (", 1)[0]
    return text[:1].lower() + text[1:]


def _slug(name: str, slugs: list[str]) -> str | None:
    """The purchaser's slug in a deliverable's name ("calloway-trust" of "tax-form-calloway-trust"); None for a
    deliverable of no kind here."""
    for kind in _WHAT:
        if name.startswith(kind + "-") and name[len(kind) + 1 :] in slugs:
            return name[len(kind) + 1 :]
    return None
