"""Who signs the closing set: each party, the person signing for it, and which documents they sign.

`parties(deal)` lists every signatory once: the company (through its signing
officer), each purchaser (an individual, or an entity through its authorized
signatory) and the escrow agent when the deal has an escrow. `signers(deal,
spec)` says who signs one document, in the order of their signature pages,
from the roles its kind declares (`closing.kinds`).
"""

from __future__ import annotations

from dataclasses import dataclass

from dealdocs.closing.kinds import COMPANY, ESCROW_AGENT, PURCHASERS, DocumentSpec, purchaser_slugs, slugify, unique_slugs
from dealdocs.termsheet.model import Deal


@dataclass(frozen=True)
class Party:
    """One signatory of the closing set: an entity (or a person) and who signs for it."""

    role: str  # "Company", "Purchaser", "Escrow Agent"
    name: str  # the party's legal name, as its signature block prints it
    signer: str | None  # the person who signs; None when the documents leave it blank
    signer_title: str | None
    slug: str
    individual: bool = False

    @property
    def signed_by(self) -> str:
        """'Priya Raman, Chief Executive Officer', 'Margaret Chen', 'an authorized signatory'."""
        if self.individual:
            return self.name
        if self.signer is None:
            return "an authorized signatory"
        return f"{self.signer}, {self.signer_title}" if self.signer_title else self.signer

    @property
    def signing_for(self) -> str:
        """'Northwind Analytics, Inc., as the Company'; 'Margaret Chen, individually, as a Purchaser'."""
        if self.individual:
            return f"{self.name}, individually, as a Purchaser"
        article = "a" if self.role == "Purchaser" else "the"
        return f"{self.name}, as {article} {self.role}"


@dataclass(frozen=True)
class Signatories:
    """The deal's parties by role."""

    company: Party
    purchasers: list[Party]
    escrow_agent: Party | None

    @property
    def everyone(self) -> list[Party]:
        return [self.company, *self.purchasers, *([self.escrow_agent] if self.escrow_agent else [])]


_LAST: list[tuple[Deal, Signatories]] = []  # the last deal asked about: every document of a build asks again


def signatories(deal: Deal) -> Signatories:
    """Every signatory of the deal's documents, by role, each with a slug unique in the deal.

    Worked out once per deal (the deal is frozen): a deal with 5,000
    purchasers has 5,000 notes, and each asks who signs it.
    """
    for known, found in _LAST:
        if known is deal:
            return found
    found = _signatories(deal)
    _LAST[:] = [(deal, found)]
    return found


def _signatories(deal: Deal) -> Signatories:
    company = deal.company
    found = [Party("Company", company.name, company.signatory.name, company.signatory.title, slugify(company.name))]
    for purchaser, slug in zip(deal.purchasers, purchaser_slugs(deal.purchasers), strict=True):
        if purchaser.is_entity:
            signatory = purchaser.signatory
            found.append(Party("Purchaser", purchaser.name, signatory.name if signatory else None,
                               signatory.title if signatory else None, slug))
        else:
            found.append(Party("Purchaser", purchaser.name, purchaser.name, None, slug, individual=True))
    if deal.escrow is not None:
        agent = deal.escrow.agent
        signatory = agent.signatory
        found.append(Party("Escrow Agent", agent.name, signatory.name if signatory else None,
                           signatory.title if signatory else None, slugify(agent.name)))
    slugs = unique_slugs([party.slug for party in found], "signatory")
    found = [Party(p.role, p.name, p.signer, p.signer_title, slug, p.individual) for p, slug in zip(found, slugs)]
    count = len(deal.purchasers)
    return Signatories(found[0], found[1 : 1 + count], found[1 + count] if deal.escrow is not None else None)


def parties(deal: Deal) -> list[Party]:
    """Every signatory of the deal's documents: the company, each purchaser, the escrow agent."""
    return signatories(deal).everyone


def signers(deal: Deal, spec: DocumentSpec) -> list[Party]:
    """Who signs the document `spec`, in the order of their signature pages."""
    by_role = signatories(deal)
    found: list[Party] = []
    for role in spec.kind.signers:
        if role == COMPANY:
            found.append(by_role.company)
        elif role == PURCHASERS:
            found.extend(by_role.purchasers)
        elif role == ESCROW_AGENT and by_role.escrow_agent is not None:
            found.append(by_role.escrow_agent)
    return found


def page_heading(deal: Deal, spec: DocumentSpec) -> str:
    """'[Signature Page to Promissory Note payable to Harborview Capital Partners, L.P.]'."""
    return f"[Signature Page to {spec.display_name(deal)}]"
