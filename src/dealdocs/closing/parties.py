"""Who signs the closing set: each party, every person who signs for it, and which documents they sign.

A *party* is the company, a purchaser, the escrow agent or the collateral
agent of secured notes. A *signer* is a
person who puts a signature on a page for a party: the company's signing
officer and, on the notes, its attesting officer; an individual purchaser;
each trustee of a trust and each of joint holders; the person at the end of an
entity's chain (a fund through its general partner through that partner's
managing member); the escrow agent's and the collateral agent's signatories. A signer the term sheet does
not name (an escrow agent whose Name and Title lines are left blank) is the
party's "authorized signatory".

`signers(deal, spec)` says who signs one document, in the order of their
signature pages, from the roles its kind declares (`closing.kinds`): the
secured party of a security agreement is the collateral agent when the notes
name one, else each purchaser as holder of its note;
`signers_of(deal)` lists everyone who signs anything, each person once, each
with a slug unique in the deal (the name of their signature packet).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

from dealdocs.closing.kinds import (
    ATTESTING_OFFICER,
    COMPANY,
    ESCROW_AGENT,
    PURCHASERS,
    SECURED_PARTY,
    KINDS,
    DocumentSpec,
    purchaser_slugs,
    slugify,
    unique_slugs,
)
from dealdocs.termsheet.base import Signatory, plain_name
from dealdocs.termsheet.model import Attestation, Deal, Purchaser, SigningEntity


@dataclass(frozen=True)
class Party:
    """A party to the closing set: its role and legal name."""

    role: str  # "Company", "Purchaser", "Escrow Agent", "Collateral Agent"
    name: str
    slug: str  # unique in the deal among parties


@dataclass(frozen=True)
class Signer:
    """A person who signs for a party, and how: the line their signature goes on."""

    name: str | None  # None: an authorized signatory the documents leave unnamed
    party: Party
    capacity: str  # how they sign: "Chief Executive Officer", "trustee", "Managing Member of ..., its general partner"
    role: str  # the role in the registry of kinds: COMPANY, ATTESTING_OFFICER, PURCHASERS, ESCROW_AGENT, SECURED_PARTY
    individual: bool = False  # a purchaser signing in their own name
    signs_for: str | None = None  # a trust's own name, which its trustees sign under (the party is the trustees)
    as_holder: str = ""  # "trustee", "joint holder": a purchaser of several people signing one by one
    email: str | None = None  # the term sheet's `email:` for the person, when it gives one (signers.json)
    # what a document calls the party when not by its role (a purchaser is a "Holder" of the security agreement): a label
    # only, the same signer for every other purpose
    called: str = field(default="", compare=False)

    @property
    def party_role(self) -> str:
        """The party's role as the document signed calls it: 'Purchaser', or 'Holder' on the security agreement."""
        return self.called or self.party.role

    @property
    def signing_as(self) -> str:
        """The column of a packet's cover: 'Company', 'Attesting officer', 'Purchaser (trustee)', 'Holder'."""
        if self.role == ATTESTING_OFFICER:
            return "Attesting officer"
        return f"{self.party_role} ({self.as_holder})" if self.as_holder else self.party_role

    @property
    def person(self) -> str:
        """'Priya Raman', or "an authorized signatory of Whitfield & Crane LLP"."""
        return self.name or f"an authorized signatory of {self.party.name}"

    @property
    def key(self) -> str:
        """What identifies the person across parties (one packet per person)."""
        return plain_name(self.name or f"signatory of {self.party.name}")

    @property
    def signing_for(self) -> str:
        """'Northwind Analytics, Inc., as the Company (Chief Executive Officer)'; 'Margaret Chen, individually, as a Purchaser';
        a trustee's, the trustees (a trust is no person: the party is its trustees, as the documents name them)."""
        if self.individual:
            return f"{self.party.name}, individually, as a Purchaser"
        article = "a" if self.party.role == "Purchaser" else "the"
        if self.role == ATTESTING_OFFICER:
            # partners' reads: "attesting its signature as Maker" made the officer the Maker, and "as the Maker
            # (Secretary, ...)" one who signs for it: the officer witnesses the signing officer's signature
            return f"{self.party.name} (the Maker), as its {self.capacity}, attesting its signing officer's signature"
        return f"{self.party.name}, as {article} {self.party.role}" + (f" ({self.capacity})" if self.capacity else "")


@dataclass(frozen=True)
class Signatories:
    """The deal's parties and signers by role."""

    company: Party
    purchasers: list[Party]
    escrow_agent: Party | None
    by_role: dict[str, list[Signer]]  # COMPANY, ATTESTING_OFFICER, PURCHASERS, ESCROW_AGENT, SECURED_PARTY -> signers
    by_purchaser: list[list[Signer]]  # each purchaser's signers, in term sheet order
    collateral_agent: Party | None = None

    @property
    def parties(self) -> list[Party]:
        agents = [agent for agent in (self.escrow_agent, self.collateral_agent) if agent is not None]
        return [self.company, *self.purchasers, *agents]


def _chain_capacity(chain: SigningEntity) -> tuple[str, str, str | None]:
    """The person at the end of an entity's chain, their capacity and their email.

    'Managing Member of Juniper Ridge Holdings, LLC, managing member of Juniper
    Ridge GP II, LLC, its general partner': each entity named with what it is
    to the next one out, the last one "its" (the purchaser's).
    """
    links = [chain]
    while links[-1].signs_through is not None:
        links.append(links[-1].signs_through)
    signatory = links[-1].signatory
    assert signatory is not None  # the model requires a chain to end in a person
    text = f"{signatory.title} of {links[-1].name}"
    for outer, inner in zip(reversed(links[:-1]), reversed(links[1:])):
        text += f", {inner.capacity} of {outer.name}"
    return signatory.name, f"{text}, its {links[0].capacity}", signatory.email


def _purchaser_signers(purchaser: Purchaser, party: Party) -> list[Signer]:
    if purchaser.kind == "individual":
        return [Signer(purchaser.legal_name, party, "", PURCHASERS, individual=True, email=purchaser.email)]
    if purchaser.trust is not None:
        trust = purchaser.trust.called
        emails = purchaser.trust.emails or {}
        return [Signer(name, party, "as trustee", PURCHASERS, signs_for=trust[:1].upper() + trust[1:],
                       as_holder="trustee", email=emails.get(name)) for name in purchaser.trust.signers]
    if purchaser.joint is not None:
        return [Signer(holder.name, party, "as one of the joint holders", PURCHASERS, as_holder="joint holder",
                       email=holder.email) for holder in purchaser.joint.holders]
    if purchaser.signs_through is not None:
        name, capacity, email = _chain_capacity(purchaser.signs_through)
        return [Signer(name, party, capacity, PURCHASERS, email=email)]
    signatory = purchaser.signatory
    return [Signer(signatory.name if signatory else None, party, signatory.title if signatory else "", PURCHASERS,
                   email=signatory.email if signatory else None)]


_LAST: list[tuple[Deal, Signatories]] = []  # the last two deals asked about: every document of a build asks again,
# of a redline, of its two versions in turn


def signatories(deal: Deal) -> Signatories:
    """Every signatory of the deal's documents, by role, each with a slug unique in the deal.

    Worked out once per deal (the deal is frozen): a deal with 5,000
    purchasers has 5,000 notes, and each asks who signs it.
    """
    for known, found in _LAST:
        if known is deal:
            return found
    found = _signatories(deal)
    _LAST[:] = [(deal, found), *_LAST[:1]]
    return found


def _signatories(deal: Deal) -> Signatories:
    """Every party and signer of the deal's documents, by role."""
    company = deal.company
    names = [company.name, *(p.legal_name for p in deal.purchasers)]
    slugs = [slugify(company.name), *purchaser_slugs(deal.purchasers)]
    roles = ["Company", *["Purchaser"] * len(deal.purchasers)]
    if deal.escrow is not None:
        names.append(deal.escrow.agent.name)
        slugs.append(slugify(deal.escrow.agent.name))
        roles.append("Escrow Agent")
    collateral = deal.notes.collateral_agent if deal.notes is not None else None
    if collateral is not None:
        names.append(collateral.name)
        slugs.append(slugify(collateral.name))
        roles.append("Collateral Agent")
    slugs = unique_slugs(slugs, "party")
    parties = [Party(role, name, slug) for role, name, slug in zip(roles, names, slugs, strict=True)]
    company_party, purchaser_parties = parties[0], parties[1 : 1 + len(deal.purchasers)]
    agent_party = parties[1 + len(deal.purchasers)] if deal.escrow is not None else None
    collateral_party = parties[-1] if collateral is not None else None

    by_role: dict[str, list[Signer]] = {
        COMPANY: [Signer(company.signatory.name, company_party, company.signatory.title, COMPANY,
                         email=company.signatory.email)],
        ATTESTING_OFFICER: [],
        PURCHASERS: [],
        ESCROW_AGENT: [],
        SECURED_PARTY: [],
    }
    if company.attesting_officer is not None:
        officer = company.attesting_officer
        by_role[ATTESTING_OFFICER].append(Signer(officer.name, company_party, officer.title or "attesting officer",
                                                 ATTESTING_OFFICER, email=officer.email))
    by_purchaser = [_purchaser_signers(p, party) for p, party in zip(deal.purchasers, purchaser_parties, strict=True)]
    by_role[PURCHASERS] = [signer for signers_ in by_purchaser for signer in signers_]
    if agent_party is not None and deal.escrow is not None:
        signatory = deal.escrow.agent.signatory
        by_role[ESCROW_AGENT].append(Signer(signatory.name if signatory else None, agent_party,
                                            signatory.title if signatory else "", ESCROW_AGENT,
                                            email=signatory.email if signatory else None))
    if collateral is not None and collateral_party is not None:
        by_role[SECURED_PARTY].append(Signer(collateral.signatory.name, collateral_party, collateral.signatory.title,
                                             SECURED_PARTY, email=collateral.signatory.email))
    else:  # each holder signs for itself, exactly as it signs its purchase, as the security agreement's "Holder"
        by_role[SECURED_PARTY] = [replace(signer, called="Holder") for signer in by_role[PURCHASERS]]
    return Signatories(company_party, purchaser_parties, agent_party, by_role, by_purchaser, collateral_party)


def signers(deal: Deal, spec: DocumentSpec) -> list[Signer]:
    """Who signs the document `spec`, in the order of their signature pages."""
    by_role = signatories(deal).by_role
    return [signer for role in spec.kind.signers for signer in by_role[role]]


def signers_of(deal: Deal) -> list[tuple[str, list[Signer]]]:
    """Everyone who signs a document of the deal, each person once with their slug: [(slug, their signer roles)].

    A person who signs for several parties (one fund manager for two funds, an
    officer who is also a purchaser) is one entry: they get one packet.
    Order: the company's officers, the purchasers' signers, the escrow agent's, the collateral agent's.
    """
    by_role = signatories(deal).by_role
    roles = sorted({role for kind in KINDS for role in kind.signers},
                   key=[COMPANY, ATTESTING_OFFICER, PURCHASERS, ESCROW_AGENT, SECURED_PARTY].index)
    people: dict[str, list[Signer]] = {}
    seen: set[Signer] = set()
    for role in roles:
        for signer in by_role[role]:
            if signer not in seen:  # a holder signing the security agreement is the purchaser's signer again
                seen.add(signer)
                people.setdefault(signer.key, []).append(signer)
    groups = list(people.values())
    slugs = unique_slugs([slugify(group[0].name) if group[0].name else group[0].party.slug for group in groups],
                         "signer")
    return list(zip(slugs, groups, strict=True))


@dataclass(frozen=True)
class ControlSigner:
    """Who signs the control agreements for the secured party (Security Agreement, Section 4.10)."""

    role: str  # "collateral agent", "designee" (Section 7.1), "secured party" (the only purchaser, or the holders)
    name: str | None  # None: the holders of the notes, no one of them named
    purchaser: Purchaser | None = None  # the purchaser who signs them: the designee, or the only purchaser

    @property
    def several(self) -> bool:
        """Whether the signer is several people (a trust's trustees, joint holders): "sign", not "signs"."""
        return self.purchaser is not None and self.purchaser.named_as_several


def control_signer(deal: Deal) -> ControlSigner:
    """The collateral agent when the notes name one; else the purchaser designated under Section 7.1; else the only
    purchaser; else the holders, no one named (check's DD179 asks for a designee then). The one place this is decided:
    the checklist, the covers and the release covers all ask it here."""
    agent = deal.notes.collateral_agent if deal.notes is not None else None
    if agent is not None:
        return ControlSigner("collateral agent", agent.name)
    if deal.control_designee is not None:
        return ControlSigner("designee", deal.control_designee.name, deal.control_designee)
    if deal.single_purchaser:
        return ControlSigner("secured party", deal.purchasers[0].name, deal.purchasers[0])
    return ControlSigner("secured party", None)


FORM_NOTICE_DAYS = 3  # Security Agreement 7.1: the designee gives the other holders each control agreement's form this
# many days before it signs it ("three (3) days" in the template: test_security_agreement holds the two together)


def form_notice_short(deal: Deal) -> bool:
    """Whether the closing comes too soon after the signing for the designee to give the other holders
    `FORM_NOTICE_DAYS` days' notice of the control agreement for the account the escrow releases the net proceeds
    into: each other holder's written approval of a shorter period is then needed (a code review: "by March 1" for a
    set signed March 2; a partner's read: no one was asked for it)."""
    closing, signing = deal.closing_date if deal.escrow is not None else None, deal.first_date
    return (deal.control_designee is not None and closing is not None and signing is not None
            and closing - timedelta(days=FORM_NOTICE_DAYS) < signing)


def company_secretary(deal: Deal) -> Signatory | Attestation | None:
    """The company's officer who signs its secretary's certificate and keeps the notes' register: the attesting officer
    when its title names a secretary, else the signatory when its does; None when neither does (the checklist then
    names "its secretary or another officer"). The checklist's rows and the officers' covers all ask it here."""
    company = deal.company
    for officer in (company.attesting_officer, company.signatory):
        if officer is not None and officer.title and "secretary" in officer.title.lower():
            return officer
    return None


def secretary_certifier(deal: Deal) -> str | None:
    """Who certifies the incumbency of the secretary signing the secretary's certificate, where the certificate lists
    the secretary's own (no one certifies their own): the other of the signatory and the officer who attests the notes,
    else "another officer"; None where the certificate does not list the secretary (a partner's read: the checklist's
    row had the signatory certify it, its cover did not say so; code reviews: a signatory who is the secretary)."""
    company = deal.company
    secretary, attesting = company_secretary(deal), company.attesting_officer
    attests = deal.notes is not None and attesting is not None and attesting.name != company.signatory.name
    listed = [company.signatory.name, *([attesting.name] if attests and attesting is not None else [])]
    if secretary is None or secretary.name not in listed:
        return None
    others = [name for name in listed if name != secretary.name]
    return others[0] if others else "another officer"
