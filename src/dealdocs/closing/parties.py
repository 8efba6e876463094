"""Who signs the closing set: each party, the person signing for it, and which documents they sign.

`parties(deal)` lists every signatory once: the company (through its signing
officer), each purchaser (an individual, or an entity through its authorized
signatory), the escrow agent when the deal has an escrow, and the collateral
agent when the notes name one. `signers(deal, spec)` says who signs one
document, in the order of their signature pages, from the roles its kind
declares (`closing.kinds`): the secured party of a security agreement is the
collateral agent when there is one, else each purchaser as holder of its note.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealdocs.closing.kinds import (
    COMPANY,
    ESCROW_AGENT,
    PURCHASERS,
    SECURED_PARTY,
    DocumentSpec,
    purchaser_slugs,
    slugify,
    unique_slugs,
)
from dealdocs.termsheet.model import Deal


@dataclass(frozen=True)
class Party:
    """One signatory of the closing set: an entity (or a person) and who signs for it."""

    role: str  # "Company", "Purchaser", "Escrow Agent", "Collateral Agent"
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
    collateral_agent: Party | None = None

    @property
    def everyone(self) -> list[Party]:
        agents = [agent for agent in (self.escrow_agent, self.collateral_agent) if agent is not None]
        return [self.company, *self.purchasers, *agents]


def signatories(deal: Deal) -> Signatories:
    """Every signatory of the deal's documents, by role, each with a slug unique in the deal."""
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
    collateral = deal.notes.collateral_agent if deal.notes is not None else None
    if collateral is not None:
        found.append(Party("Collateral Agent", collateral.name, collateral.signatory.name, collateral.signatory.title,
                           slugify(collateral.name)))
    slugs = unique_slugs([party.slug for party in found], "signatory")
    found = [Party(p.role, p.name, p.signer, p.signer_title, slug, p.individual) for p, slug in zip(found, slugs)]
    count = len(deal.purchasers)
    rest = iter(found[1 + count :])
    escrow_agent = next(rest) if deal.escrow is not None else None
    return Signatories(found[0], found[1 : 1 + count], escrow_agent, next(rest, None))


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
        elif role == SECURED_PARTY:
            found.extend([by_role.collateral_agent] if by_role.collateral_agent is not None else by_role.purchasers)
    return found


def page_heading(deal: Deal, spec: DocumentSpec) -> str:
    """'[Signature Page to Promissory Note payable to Harborview Capital Partners, L.P.]'."""
    return f"[Signature Page to {spec.display_name(deal)}]"
