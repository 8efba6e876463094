"""Who delivers the signed notes at the closing: one answer, for the signature packets' covers and the checklist.

A note is not a counterpart of an agreement but a single original, which its
maker, the company, delivers to its purchaser at the closing (the Note
Purchase Agreement, Section 3.2: "the Company shall deliver to each Purchaser
such Purchaser's Note"). The company does so through company counsel, which
receives the signed notes from the company's officers and holds them until
then: the closing checklist's register of the notes has it deliver them
(`closing.deliverables`), and the covers of the packets of the notes' maker and
attesting officer send the signed notes to it (`outputs.packets`). The
agreements' signature pages are another matter: they go to whoever the term
sheet's `signature_pages_to` names, else, with an escrow, to the escrow agent.

Company counsel is the firm the term sheet's `company_counsel` names, with the
person there to reach; else the escrow's: the escrow agent, where it has acted
as the company's counsel, or the payee of its payment to counsel to the company
(`escrow_counsel`); else no one named, and the covers say only "company
counsel" (check warns, DD147). Where the term sheet's section and the escrow
name two firms, the section's is company counsel (check warns, DD148).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dealdocs.termsheet.loader import KeyPath
from dealdocs.termsheet.model import Counsel, Deal
from dealdocs.termsheet.base import firm_key, same_firm

__all__ = ["NotesKeeper", "company_counsel", "counsel", "counsel_receives", "escrow_counsel", "notes_keeper",
           "counsel_reached", "escrow_agent_reached", "pages_to_counsel", "pages_to_keeper", "purchasers_counsel",
           "same_firm", "unreached_counsel"]


@dataclass(frozen=True)
class NotesKeeper:
    """Who receives the signed notes from the company's officers, holds them, and delivers them to their holders."""

    role: str  # as the covers and the checklist call it: "company counsel"
    name: str | None  # as the term sheet names it ("Lowell & Park LLP"), else None
    reach: str | None = None  # how a signer reaches it, where the term sheet's `company_counsel` says (`_reach`)


def notes_keeper(deal: Deal) -> NotesKeeper:
    """Company counsel, named as the term sheet names it (`company_counsel`), reached as its section says."""
    return NotesKeeper("company counsel", company_counsel(deal), _reach(deal, address=True))


def company_counsel(deal: Deal) -> str | None:
    """Company counsel's firm: the term sheet's `company_counsel` (spelt as the escrow agent is, where it is the
    agent, which the covers compare with it; spelt as the escrow's payee is, where that is the same name written
    otherwise: the purchase agreement's notices and the escrow agreement then print one spelling); else as the
    escrow names it (`escrow_counsel`); else None."""
    if deal.company_counsel is None:
        escrowed = escrow_counsel(deal)
        return escrowed[0] if escrowed else None
    if deal.escrow is not None and same_firm(deal.company_counsel.name, deal.escrow.agent.name):
        return deal.escrow.agent.name
    escrowed = escrow_counsel(deal)
    if escrowed and firm_key(escrowed[0]) == firm_key(deal.company_counsel.name):
        return escrowed[0]
    return deal.company_counsel.name


def escrow_counsel(deal: Deal) -> tuple[str, KeyPath] | None:
    """Company counsel as the escrow names it, with the key that says so: the escrow agent, where it has acted as
    the company's counsel; else the payee of the escrow's payment to counsel to the company; else None."""
    if deal.escrow is None:
        return None
    if "company" in deal.escrow.escrow_agent_counsel_to:
        return deal.escrow.agent.name, ("escrow", "escrow_agent_counsel_to")
    return next(((d.payee, ("escrow", "disbursements", i, "payee")) for i, d in enumerate(deal.escrow.disbursements)
                 if d.role == "counsel" and d.purpose and _counsel_to_company(d.purpose, deal)), None)


_NOT_THE_COMPANYS = {"local", "special", "tax", "regulatory", "patent", "ip", "foreign", "international"}


def _counsel_to_company(purpose: str, deal: Deal) -> bool:
    """Whether a payment's purpose names the company's own counsel: "legal fees of counsel to the Company"; not
    "counsel to the Company's placement agent", nor "Nevada counsel to the Company" or "local counsel to the Company"
    (a firm for one opinion, not the one that keeps the notes)."""
    names = "|".join(re.escape(name) for name in ("the company", deal.company.name, deal.company.short_name))
    for match in re.finditer(rf"(?:(?P<before>[\w.-]+)\s+)?counsel\s+(?:to|for)\s+(?:{names})(?![\w'\u2019])",
                             purpose, re.IGNORECASE):
        before = match["before"] or ""
        if before.lower() not in _NOT_THE_COMPANYS and not before[:1].isupper():
            return True
    return False


def counsel(deal: Deal, start: bool = False) -> str:
    """Company counsel as the closing checklist names whoever acts for the company: "company counsel, Nora Pell,
    Ashgrove & Pell LLP, npell@ashgrovepell.example" (the person, the firm, the email), as the term sheet's
    `company_counsel` gives them; else "company counsel". `start`: capitalized, to open a cell."""
    reach = _reach(deal, address=False)
    words = "company counsel" + (f", {reach}" if reach else "")
    return words[:1].upper() + words[1:] if start else words


def purchasers_counsel(deal: Deal, start: bool = False) -> str:
    """"purchasers' counsel, Whitfield & Crane LLP": the term sheet's `purchasers_counsel` (its contact, the firm, the
    email), else the escrow agent where it has acted for the purchasers (a partner's read: the UCC-1 given to a
    "Purchasers' counsel" nobody names); else unnamed (DD159); "purchaser's" for one."""
    whose = "purchaser's" if deal.single_purchaser else "purchasers'"
    words = f"{whose} counsel"
    if deal.purchasers_counsel is not None:
        words += f", {_counsel_words(deal.purchasers_counsel, deal.purchasers_counsel.name, address=False)}"
    elif purchasers_counsel_is_escrow_agent(deal) and deal.escrow is not None:
        words += f", {deal.escrow.agent.name}"
    return words[:1].upper() + words[1:] if start else words


def purchasers_counsel_is_escrow_agent(deal: Deal) -> bool:
    """Whether the escrow agent has acted as counsel to the purchasers (`escrow_agent_counsel_to`)."""
    return deal.escrow is not None and "purchasers" in deal.escrow.escrow_agent_counsel_to


def counsel_is_escrow_agent(deal: Deal) -> bool:
    """Whether company counsel's firm is the escrow agent (it holds the funds it advises on)."""
    return deal.escrow is not None and company_counsel(deal) == deal.escrow.agent.name


def counsel_receives(deal: Deal) -> bool:
    """Whether a signature packet's cover sends signed pages to company counsel (`outputs.packets`): the notes'
    maker's and attesting officer's, the notes, in any deal with notes; and in a deal with an escrow and no
    `signature_pages_to`, the escrow agent's own pages."""
    return deal.notes is not None or (deal.escrow is not None and not deal.signature_pages_to)


def pages_to_keeper(deal: Deal) -> bool:
    """Whether the term sheet's `signature_pages_to` names company counsel's firm (one of its comma-separated parts
    the same firm, `same_firm`: a reviewer's "Lowell and Park LLP" for "Lowell & Park LLP"): then it has every page,
    and the covers reach company counsel there."""
    name = notes_keeper(deal).name
    return bool(name and deal.signature_pages_to
                and any(same_firm(part, name) for part in deal.signature_pages_to.split(",")))


def counsel_reached(deal: Deal) -> str:
    """"company counsel, Marcus Lowell, Lowell & Park LLP, 75 Rockefeller Plaza, ...": company counsel as the covers
    send it the notes and a purchaser's papers, reached at the person, address and email the term sheet's
    `company_counsel` gives, else at its `signature_pages_to` where that names it, at the escrow agent's address where
    it is the escrow agent, else by the firm's name alone; "company counsel" where nothing names it (check warns,
    DD147). One wording for every cover (a reviewer's read: two that disagreed)."""
    keeper = notes_keeper(deal)
    return keeper.role if keeper.name is None else f"{keeper.role}, {_counsel_reach(deal) or keeper.name}"


def _counsel_reach(deal: Deal) -> str | None:
    """Where the term sheet says company counsel is reached (`counsel_reached`): its `company_counsel`'s person,
    address and email, its `signature_pages_to` where that names it, the escrow agent's where it is the agent; None
    where nothing does (`unreached_counsel`)."""
    keeper = notes_keeper(deal)
    if keeper.reach:
        return keeper.reach
    if pages_to_keeper(deal):
        return deal.signature_pages_to
    return escrow_agent_reached(deal, None) if counsel_is_escrow_agent(deal) else None


def escrow_agent_reached(deal: Deal, section: str | None, document: str = "Escrow Agreement") -> str:
    """"the Escrow Agent, Hannah Roe, Bellamy & Roe LLP, 120 Broad Street, ... (Escrow Agreement, Section 1.2)" (the
    `document` and `section` that have the pages sent there, where given): the
    person the escrow agreement's notices go to (Section 2.2: its signatory), the agent's address and the person's
    email (a signer reads the cover: what the term sheet does not give is left out, not remarked on)."""
    assert deal.escrow is not None
    agent = deal.escrow.agent
    person = agent.signatory
    parts = [f"the {agent.short_name}", *([person.name] if person else []), agent.name, agent.address.one_line,
             *([person.email] if person and person.email else [])]
    return ", ".join(parts) + (f" ({document}, Section {section})" if section else "")


def pages_to_counsel(deal: Deal) -> bool:
    """Whether the purchasers' signed pages go to company counsel (`outputs.packets`): the term sheet's
    `signature_pages_to` names its firm, or it names no one and there is no escrow agent to receive them."""
    return pages_to_keeper(deal) if deal.signature_pages_to else deal.escrow is None


def unreached_counsel(deal: Deal) -> str | None:
    """Company counsel's firm where the covers can name it but say nothing of where to reach it: named by the escrow
    alone (a payee as counsel to the company), not the escrow agent, and not named in `signature_pages_to`; else
    None. A partner's read of the bridge example: "return the attested notes to company counsel, Lowell & Park
    LLP", single originals sent to a firm's name with no person, address or email."""
    name = notes_keeper(deal).name
    return name if name is not None and _counsel_reach(deal) is None else None


def _reach(deal: Deal, *, address: bool) -> str | None:
    """"Nora Pell, Ashgrove & Pell LLP, 1 Federal Street, Boston, Massachusetts 02110, npell@ashgrovepell.example,
    (617) 555-0190": the person, the firm, its address (`address`), the email and the telephone, as the term
    sheet's `company_counsel` gives them (in the order the covers name the escrow agent); None without it."""
    named = deal.company_counsel
    if named is None:
        return None
    # the firm spelt as the documents spell it (the escrow's spelling of the firm)
    return _counsel_words(named, company_counsel(deal) or named.name, address=address)


def _counsel_words(named: Counsel, firm: str, *, address: bool) -> str:
    """The person, the `firm`, its address (`address`), the email and the telephone of a term sheet's counsel."""
    person = named.contact
    where = [named.address.one_line] if address and named.address else []
    return ", ".join([person.name, firm, *where, person.email, *([person.phone] if address and person.phone else [])])
