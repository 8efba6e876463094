"""The parties as the term sheet gives them (their codes are documented with the other DD1xx, in `checks.deal`).

The same purchaser twice, an entity with no one to sign for it, a short name two parties share, an escrow
agent that is no independent party; an attesting officer who signed; a trust made after the agreements its
trustees sign, a trustee or joint holder listed twice, community property where it cannot be; a name that
says one kind of entity and an entity_type that says another.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from typing import Protocol

from dealdocs.termsheet.jurisdictions import home as address_home, is_united_states
from dealdocs.termsheet.loader import KeyPath, key_path_text
from dealdocs.termsheet.model import Deal
from dealdocs.termsheet.organizations import entity_type_problem, kind_agrees, named_kind
from dealdocs.termsheet.base import name_key
from dealdocs.words import join_and, long_date, ordinal

__all__ = ["Report", "check_parties"]

_COMMUNITY_PROPERTY = frozenset({"AZ", "CA", "ID", "LA", "NV", "NM", "TX", "WA", "WI", "PR"})
"""Where community property is the law between spouses: nine states and Puerto Rico (elsewhere only by agreement)."""


class Report(Protocol):
    """Where the checks put what they find, at a key path of the term sheet (`checks.deal`'s checker)."""

    def error(self, code: str, path: KeyPath, message: str) -> None: ...

    def warning(self, code: str, path: KeyPath, message: str) -> None: ...


def check_parties(deal: Deal, report: Report) -> None:
    """DD120-DD123, DD128, DD135-DD139, DD146, DD191, DD192, DD196, DD199: the parties as the term sheet gives them."""
    seen: dict[str, int] = {}
    for i, purchaser in enumerate(deal.purchasers):
        key = name_key(purchaser.name)
        if key in seen:
            report.error("DD120", ("purchasers", i, "name"),
                         f"{purchaser.name} is listed twice (also {_entry(('purchasers', seen[key]), 'purchaser')})")
        else:
            seen[key] = i
        if purchaser.is_entity and purchaser.signatory is None and purchaser.signs_through is None:
            report.error("DD122", ("purchasers", i), f"{purchaser.name} is an entity and needs a signatory (name and "
                                                   "title), or signs_through: the entity it signs through")
        signatory = purchaser.signatory
        if (purchaser.is_entity and signatory is not None and purchaser.signs_through is None
                and "limited partnership" in (purchaser.entity_type or "").lower()
                and "general partner" not in signatory.title.lower()):
            report.warning("DD199", ("purchasers", i, "signatory", "title"),
                         f"{purchaser.name} is a limited partnership, which acts through its general partner, "
                         f"but {signatory.name} signs for it as '{signatory.title}': name the general partner in "
                         f"signs_through (capacity: general partner), or give the title General Partner if "
                         f"{signatory.name} is one")
        through = purchaser.signs_through
        if (through is not None and "limited partnership" in (purchaser.entity_type or "").lower()
                and "general partner" not in through.capacity.lower()):  # a new user's trial: "its managing member"
            report.warning("DD199", ("purchasers", i, "signs_through", "capacity"),
                           f"{purchaser.name} is a limited partnership, which acts through its general partner, but it "
                           f"signs through {through.name} as its '{through.capacity}': if {through.name} is its general "
                           "partner, give capacity: general partner")
        if purchaser.is_entity and not purchaser.entity_type and deal.notes:
            where = f" (and its state_of_organization, {purchaser.state_of_organization}, is not printed)" if purchaser.state_of_organization else ""
            report.warning("DD196", ("purchasers", i),
                         f"{purchaser.name} is an entity with no entity_type: its note and the note purchase "
                         f"agreement name it without saying what it is{where}; give entity_type, e.g. "
                         "'limited partnership' or 'limited liability company'")
    short_names: dict[str, KeyPath] = {}
    candidates: list[tuple[str, KeyPath]] = [(deal.company.short_name, ("company", "short_name"))]
    candidates += [(p.short_name, ("purchasers", i, "short_name")) for i, p in enumerate(deal.purchasers) if p.short_name]
    if deal.escrow:
        candidates.append((deal.escrow.agent.short_name, ("escrow", "agent", "short_name")))
    if deal.notes and deal.notes.collateral_agent:
        candidates.append((deal.notes.collateral_agent.short_name, ("notes", "collateral_agent", "short_name")))
    for name, path in candidates:
        key = name_key(name)
        if key in short_names:
            report.error("DD121", path, f"the short name \"{name}\" is already used for {key_path_text(short_names[key])}: each party needs its own")
        else:
            short_names[key] = path
    if deal.escrow and name_key(deal.escrow.agent.name) == name_key(deal.company.name):
        report.error("DD123", ("escrow", "agent", "name"), "the escrow agent is the company itself: the escrow would not be independent")
    company = name_key(deal.company.name)
    for i, purchaser in enumerate(deal.purchasers):
        if name_key(purchaser.name) == company:
            report.error("DD135", ("purchasers", i, "name"), f"{purchaser.name} is the company itself: a company does not "
                                                           "buy its own notes; is this purchaser's name a slip?")
        elif deal.escrow and name_key(purchaser.name) == name_key(deal.escrow.agent.name):
            report.error("DD123", ("escrow", "agent", "name"), f"the escrow agent is {purchaser.name}, a purchaser "
                       f"(purchasers[{i}]): the escrow would not be independent of the funds it holds")
    _check_entity_kinds(deal, report)
    _check_trusts_and_joint_holders(deal, report)
    _check_role_words(deal, report)
    attesting = deal.company.attesting_officer
    if attesting is not None and name_key(attesting.name) == name_key(deal.company.signatory.name):
        report.error("DD136", ("company", "attesting_officer", "name"),
                   f"{attesting.name} signs the notes for the company and would attest that signature too: an "
                   "attestation is another officer's (usually the Secretary's) word that the signer is who signed; "
                   "name another officer")
    if attesting is not None and not attesting.title:
        report.warning("DD128", ("company", "attesting_officer"),
                     f"{attesting.name} attests the company's signature on the notes with no title: the attest line "
                     "shows an officer's office (usually the Secretary); give title:")
    if deal.escrow and deal.escrow.agent.kind != "law_firm":
        escrow, kind = deal.escrow, deal.escrow.agent.kind.replace("_", " ")
        if escrow.escrow_agent_counsel_to:
            report.error("DD191", ("escrow", "escrow_agent_counsel_to"),
                       f"the escrow agent is a {kind}, which is no one's counsel: leave escrow_agent_counsel_to out "
                       "(it prints the law-firm conflict waiver)")
        if escrow.agent.description is None:
            report.error("DD192", ("escrow", "agent"),
                       f"the escrow agent is a {kind}: give escrow.agent.description, what it is after its name "
                       "(e.g. 'a national banking association')")


def _check_entity_kinds(deal: Deal, report: Report) -> None:
    """An entity's name that says it is one kind ("..., LLC") and an entity_type that says another; an entity_type
    abbreviated, misspelt or with the state in it (DD157)."""
    company = deal.company
    entities: list[tuple[KeyPath, str, str | None, str | None]] = [
        (("company",), company.name, company.entity_type, company.state_of_organization)]
    entities += [(("purchasers", i), p.name, p.entity_type, p.state_of_organization)
                 for i, p in enumerate(deal.purchasers) if p.is_entity]
    for path, name, entity_type, state in entities:
        problem = entity_type_problem(entity_type, state) if entity_type else None
        if problem:
            report.warning("DD157", (*path, "entity_type"), f"'{entity_type}' is not an entity type as the documents "
                           f"print it: {problem}")
        named = named_kind(name)
        if named and entity_type and not kind_agrees(named, entity_type):
            report.error("DD139", (*path, "entity_type"),
                       f"{name} is named as a {named}, but its entity_type is '{entity_type}': the documents would "
                       f"call it a {entity_type}; correct the name or the entity_type")


def _check_trusts_and_joint_holders(deal: Deal, report: Report) -> None:
    """A trustee or joint holder listed twice; a trust made after the agreements its trustees sign under it;
    community property held by more than two, or where no community property law applies."""
    signed = [d for d in (deal.notes and deal.notes.agreement_date, deal.escrow and deal.escrow.agreement_date) if d]
    for i, purchaser in enumerate(deal.purchasers):
        if purchaser.trust is not None:
            trust = purchaser.trust
            _listed_twice(report, trust.trustees, ("purchasers", i, "trust", "trustees"), "trustee")
            if signed and trust.date > min(signed):
                report.error("DD137", ("purchasers", i, "trust", "date"),
                           f"{trust.name} is dated {long_date(trust.date)}, after the agreement of "
                           f"{long_date(min(signed))} its trustees sign under it: the trust agreement they act "
                           "under must already be made; is the date (its year) right?")
        joint = purchaser.joint
        if joint is None:
            continue
        names = [holder.name for holder in joint.holders]
        _listed_twice(report, names, ("purchasers", i, "joint", "holders"), "joint holder", field="name")
        if joint.tenancy != "community_property":
            continue
        tenancy = ("purchasers", i, "joint", "tenancy")
        home = address_home(purchaser.address.state, purchaser.address.country)
        if len(names) > 2:
            report.error("DD138", tenancy, f"{join_and(names)} cannot hold as community property: it is property "
                                         "of two spouses; give joint_tenants or tenants_in_common")
        elif is_united_states(purchaser.address.country) and home.in_united_states and home.code not in _COMMUNITY_PROPERTY:
            report.warning("DD138", tenancy,
                         f"{join_and(names)} hold as community property, but their address is in "
                         f"{home.name}, where community property is not the law "
                         "between spouses (it is in Arizona, California, Idaho, Louisiana, Nevada, New Mexico, "
                         "Texas, Washington and Wisconsin; a few other states only by a community property "
                         "agreement or trust): is the tenancy joint_tenants?")  # no US state ("Californa", "Calif.") is DD127


def _entry(path: KeyPath, who: str) -> str:
    """"purchasers[0], the 1st purchaser": an entry's key, and its place counted as a reader counts (a new user's
    trial: "also purchasers[0]" read as a list starting at one)."""
    return f"{key_path_text(path)}, the {ordinal(int(path[-1]) + 1)} {who}"


def _listed_twice(report: Report, names: Sequence[str], path: KeyPath, who: str, field: str | None = None) -> None:
    seen: dict[str, int] = {}
    for j, name in enumerate(names):
        key = name_key(name)
        if key in seen:
            at = (*path, j, field) if field else (*path, j)
            report.error("DD138", at, f"{name} is listed twice as a {who} (also {_entry((*path, seen[key]), who)}): "
                                    f"the documents would name and sign for {name} twice; is another name meant?")
        else:
            seen[key] = j


_ROLE_WORDS = frozenset("""
    administrator adviser advisor agent assistant associate attorney authorised authorized board business chair chairman
    chairperson chairwoman chief co-trustee commercial compliance comptroller controller corporate custodian deputy
    development director executive executor finance financial founder fund general global head independent
    investment investments legal limited managing manager member nominee officer operating operations partner
    president principal secretary senior signatory sole special strategy successor treasurer trustee vice
""".split())
"""Words of the capacities and titles signers sign in ("its general partner", "Managing Member"): a word one slip
from one of them, and none itself, is a typo printed on every signature page ("its manger")."""
_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def _check_role_words(deal: Deal, report: Report) -> None:
    """DD146: a capacity or title with a word one slip from a word of `_ROLE_WORDS` ("manger", "Presdient")."""
    for path, text in _roles(deal):
        for word in _WORD.findall(text or ""):  # an attesting officer may have no title (DD128)
            folded = word.casefold().removeprefix("co-")  # a co-founder, a co-trustee
            if len(folded) < 5 or folded in _ROLE_WORDS or folded.rstrip("s") in _ROLE_WORDS:
                continue
            close = difflib.get_close_matches(folded, _ROLE_WORDS, n=1, cutoff=0.8)
            if close:
                meant = close[0] if word.islower() else close[0].capitalize()
                report.warning("DD146", path, f"'{word}' in '{text}' reads like a slip for '{meant}': it is printed "
                                              "as written on every signature page that names it")


def _roles(deal: Deal) -> Iterator[tuple[KeyPath, str]]:
    """Each capacity and signatory title of the deal's parties, with its key path."""
    company = deal.company
    yield ("company", "signatory", "title"), company.signatory.title
    if company.attesting_officer is not None:
        yield ("company", "attesting_officer", "title"), company.attesting_officer.title
    if deal.escrow is not None and deal.escrow.agent.signatory is not None:
        yield ("escrow", "agent", "signatory", "title"), deal.escrow.agent.signatory.title
    for i, purchaser in enumerate(deal.purchasers):
        path: KeyPath = ("purchasers", i)
        signatory, through = purchaser.signatory, purchaser.signs_through
        while True:
            if signatory is not None:
                yield (*path, "signatory", "title"), signatory.title
            if through is None:
                break
            path = (*path, "signs_through")
            yield (*path, "capacity"), through.capacity
            signatory, through = through.signatory, through.signs_through
