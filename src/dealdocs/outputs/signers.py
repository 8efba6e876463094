"""signers.json: every person who signs, what and where, for an e-signature service.

`signers_file(deal, documents)` returns ``signers.json`` (beside the documents)::

    {"signers": [{"name", "party", "capacity", "email", "documents", "pages", "anchors"}]}

one entry per person, in the order of their anchor numbers (`closing.anchors`):

- name: the person (null for a signatory the term sheet leaves unnamed), party:
  whom they sign for (a trust for its trustees), capacity: how ("Managing
  Member of ..., its general partner", "Secretary"; "" for an individual);
  email: the term sheet's `email:` for them, or null;
- documents: the documents they sign, named as the closing ledger names them
  (`note-purchase-agreement`, `promissory-note-harborview`), in binder order;
- pages: each page they sign: its document and the document's version (as the
  packet's cover prints it, and the closing ledger records it with a signature:
  a new user's trial found it only on the covers), the packet that holds it and its
  page there (the cover is page 1), whom they sign it for, its anchor; a page
  they attest (a note, one original) is the signing officer's, in that
  officer's packet, and says whose signature it attests (`attests`): it is
  signed after that officer's, on the same page or in the same envelope;
- anchors: the strings on their signature lines, for an anchor search.

A person who signs for several parties is one entry (one packet, one anchor);
each of their pages says for whom it is signed. The file is data for a
service's API (README: "E-signature"): dealdocs sends nothing anywhere.
"""

from __future__ import annotations

import json

from dealdocs.closing.anchors import anchor_of
from dealdocs.closing.kinds import ATTESTING_OFFICER, COMPANY
from dealdocs.closing.parties import signers_of
from dealdocs.closing.results import RenderedDocument
from dealdocs.closing.ledger import VERSION_DIGITS
from dealdocs.outputs.packets import PACKET_FOLDER, RELEASE_FOLDER, packet_pages
from dealdocs.termsheet.model import Deal

SIGNERS_FILE = "signers.json"


def signers_file(deal: Deal, documents: list[RenderedDocument], *, packet_suffix: str = ".docx") -> dict[str, bytes]:
    """``signers.json`` -> its bytes (see the module docstring); packets are named with `packet_suffix`."""
    contents = packet_pages(deal, documents)
    order = {document.spec.name: position for position, document in enumerate(documents)}
    officer = next(((slug, group[0]) for slug, group in signers_of(deal) if any(s.role == COMPANY for s in group)), None)
    entries = []
    for slug, group in signers_of(deal):
        first = group[0]
        anchor = anchor_of(deal, first)
        pages, names = [], []
        for at_release in (False, True):
            packet = _packet(at_release, slug, packet_suffix)
            for number, page in enumerate(contents.get((at_release, slug), []), start=2):
                name = page.document.spec.name
                names.append(name)
                entry = {"document": name, "version": (page.document.version or "")[:VERSION_DIGITS], "packet": packet,
                         "packet_page": number, "signing_for": page.signer.signing_for, "anchor": anchor}
                if page.signer.role == ATTESTING_OFFICER and officer is not None:
                    entry.update(_attested_on(contents, at_release, officer, page, packet_suffix))
                pages.append(entry)
        entries.append({
            "name": first.name,
            "party": first.party.name,
            "capacity": first.capacity,
            "email": next((signer.email for signer in group if signer.email), None),
            "documents": sorted(set(names), key=order.__getitem__),
            "pages": pages,
            "anchors": [anchor],
        })
    text = json.dumps({"signers": entries}, indent=2, ensure_ascii=False) + "\n"
    return {SIGNERS_FILE: text.encode("utf-8")}


def _attested_on(contents: dict, at_release: bool, officer: tuple, page, packet_suffix: str) -> dict:
    """Where an attested page is signed: the signing officer's page of their packet (one original), whose
    signature the attestation follows."""
    slug, signer = officer
    for number, theirs in enumerate(contents.get((at_release, slug), []), start=2):
        if theirs.document is page.document and theirs.number == page.number:
            return {"packet": _packet(at_release, slug, packet_suffix), "packet_page": number, "attests": signer.person}
    return {"attests": signer.person}


def _packet(at_release: bool, slug: str, suffix: str) -> str:
    """The packet a person's pages are in, as the build names it: 'signature-packets/at-release/priya-raman.pdf'."""
    return f"{RELEASE_FOLDER if at_release else PACKET_FOLDER}/{slug}{suffix}"
