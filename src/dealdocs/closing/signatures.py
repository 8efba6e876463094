"""The signatures a closing needs: each signer of each document, as the closing ledger names them.

`signatures(deal)` lists one `Signature` per document and signer, in the order
of the closing binder and, within a document, of its signature pages. It is
made from `closing.kinds.documents_for` and `closing.parties.signers`, so
whoever those say signs (an attesting officer, each signer of a party) is here.
A ledger entry names the document by its name (its file stem, such as
`promissory-note-harborview`) and the signer by the person's name, or by the
name (or short name) of the party they sign for, or as the checklist's
Signatures table writes the signer ("Ruth A. Calloway, as trustee"); a person
who buys in their own name is also "Ruth A. Calloway, individually", so that
each of the signatures of one person who signs a document in two capacities
(her own purchase and as trustee of another purchaser) can be named
(`unique_name`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dealdocs.closing.kinds import ATTESTING_OFFICER, documents_for
from dealdocs.closing.parties import signers
from dealdocs.termsheet.base import plain_name
from dealdocs.termsheet.model import Deal


@dataclass(frozen=True)
class Signature:
    """One signer's signature on one document."""

    document: str  # the document's name (its file stem, from the registry of kinds)
    signer: str  # the person ("Elena Marsh"); the party's name when the documents name no one
    party: str  # whom they sign for: "Harborview Capital Partners, L.P."
    role: str  # the party's role, as the document calls it: "Company", "Purchaser", "Holder", "Escrow Agent"
    signed_by: str  # "Elena Marsh, Managing Partner"; "an authorized signatory"
    names: frozenset[str]  # what a ledger entry may call the signer, as `plain_name` writes it
    party_short: str | None = None  # the short name the term sheet gives the party ("Calloway Trust")
    attests: bool = False  # the company's attesting officer, who witnesses its signing officer's signature

    @property
    def signed_for_short(self) -> str | None:
        """'Ruth A. Calloway, as trustee, for Calloway Trust': by the party's short name, when it has one."""
        return f"{self.signed_by}, for {self.party_short}" if self.party_short and self.signed_by != self.party else None

    @property
    def signer_for(self) -> str:
        """'Elena Marsh, Managing Partner, for Harborview Capital Partners, L.P.'; 'Margaret Chen'."""
        if self.signed_by == self.party:
            return self.party
        return f"{self.signed_by}, for {self.party}"


_AFTER_A_SURNAME = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "v", "esq.", "esq"})
_BEFORE_A_SURNAME = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "st.",
                               "ter", "ten", "dos", "das", "bin", "ibn", "al", "el", "mac"})


def surnames(name: str) -> set[str]:
    """What a ledger may call a person by the surname alone, as `plain_name` writes it: the name's last word past a
    suffix ("Jr.", "III"), and with the particles before it ("van der Berg", "der Berg", "Berg"); a code review: the
    last word alone took "Jr." for a surname, and "van der Berg" for no one's."""
    words = plain_name(name).replace(",", " ").split()
    while len(words) > 1 and words[-1] in _AFTER_A_SURNAME:
        words.pop()
    found = set(words[-1:])
    start = len(words) - 1
    while start > 1 and words[start - 1] in _BEFORE_A_SURNAME:
        start -= 1
        found.add(" ".join(words[start:]))
    return found


def _short_names(deal: Deal) -> dict[str, str]:
    """Each party's legal name -> the short name the term sheet gives it."""
    short = {deal.company.name: deal.company.short_name}
    short.update({p.name: p.short_name for p in deal.purchasers if p.short_name})
    if deal.escrow is not None:
        short[deal.escrow.agent.name] = deal.escrow.agent.short_name
    return short


def signatures(deal: Deal) -> list[Signature]:
    """Every signature the deal's documents need, document by document, in the order of their pages."""
    short = _short_names(deal)
    found: list[Signature] = []
    for spec in documents_for(deal):
        for signer in signers(deal, spec):
            party = signer.party
            signed_by = f"{signer.person}, {signer.capacity}" if signer.capacity and signer.name else signer.person
            names = {signer.person, party.name, signed_by, *([short[party.name]] if party.name in short else []),
                     *([f"{signer.person}, individually"] if signer.individual else [])}
            signature = Signature(spec.name, signer.person, party.name, signer.party_role, signed_by, frozenset(),
                                  short.get(party.name), signer.role == ATTESTING_OFFICER)
            # as the checklist writes it ("Ruth A. Calloway, as trustee, for the ... Trust"), or with the party's
            # short name: one name for each signature of a trustee of two trusts, which share every other one
            names |= {signature.signer_for, *([signature.signed_for_short] if signature.signed_for_short else [])}
            found.append(replace(signature, names=frozenset(plain_name(name) for name in names)))
    return found


def unique_name(signature: Signature, among: list[Signature]) -> str | None:
    """A name for `signature` that fits no other of `among` (the signatures of its document), as a ledger entry
    would write it: the person's, as the checklist writes the signer, 'individually', the party's; None if none."""
    others = set().union(*(other.names for other in among if other is not signature))
    candidates = [signature.signer, signature.signed_by, f"{signature.signer}, individually", signature.party,
                  *([signature.signed_for_short] if signature.signed_for_short else []), signature.signer_for]
    return next((name for name in candidates if plain_name(name) in signature.names and plain_name(name) not in others),
                None)
