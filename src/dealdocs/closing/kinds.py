"""The registry of document kinds: what each document of a closing set is, declared once.

A kind says which template prints it and which templates it carries as
exhibits, when a deal calls for it, the date it bears, who signs it (in the
order of their signature pages), how the closing checklist names its parties,
and which facts it must state (DD224). Adding a document to the closing set is
one entry in `KINDS` plus its template; nothing else in dealdocs names a
document's file.

`documents_for(deal)` turns the registry into the documents one deal calls for
(`DocumentSpec`): one per kind, or one per purchaser for a kind printed for
each purchaser (the promissory notes). The list is derived from the term sheet
alone, so `check` and `build` agree on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dealdocs.termsheet.model import Deal, Purchaser
from dealdocs.words import amount_figures, amount_text, count_text, join_and, long_date, percent_text, times_text

# Who signs, by role: the company (through its signing officer), the company's attesting officer (who
# attests its signature on the notes), every person who signs for each purchaser, the escrow agent, and the
# secured party of the security agreement: the collateral agent when the notes name one (it signs for
# the holders), else each purchaser as holder of its note.
COMPANY, ATTESTING_OFFICER, PURCHASERS, ESCROW_AGENT = "company", "attesting_officer", "purchasers", "escrow_agent"
SECURED_PARTY = "secured_party"


@dataclass(frozen=True)
class Exhibit:
    """A template printed at the end of a document, on a new page: 'Exhibit A', the release notice."""

    label: str
    template: str
    # always printed as a blank form, never filled in for a one-purchaser deal: a form of note filled in for the
    # one payee, with its signature page, would be a second signable original of a negotiable note
    blank_form: bool = False


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document of the closing set (see the module docstring)."""

    name: str  # the file's stem: "escrow-agreement"; a per-purchaser kind adds "-<purchaser>"
    title: str  # "Escrow Agreement"
    template: str  # the template file that prints it
    called_for: Callable[[Deal], bool]
    dated: Callable[[Deal], date | None]  # the date it bears (its properties record it)
    exhibits: tuple[Exhibit, ...] = ()
    per_purchaser: bool = False  # one document per purchaser (a note payable to each)
    signers: tuple[str, ...] = ()  # roles (COMPANY, ATTESTING_OFFICER, ESCROW_AGENT, PURCHASERS, SECURED_PARTY) in the order of their pages
    parties: Callable[[Deal, Purchaser | None], list[str]] = field(default=lambda deal, purchaser: [])
    facts: Callable[[Deal, Purchaser | None], list[tuple[str, str]]] = field(default=lambda deal, purchaser: [])
    left_undated: Callable[[Deal], bool] = field(default=lambda deal: False)  # dated by hand when signed
    signed_at_release: bool = False  # signed only at the release of escrow: kept out of the closing packets
    # a per-purchaser kind's number and payee: (purchaser, its number) -> "No. 2 payable to ...", and the caption's
    named: Callable[[Purchaser, int], str] | None = None
    captioned: Callable[[Purchaser, int], str] | None = None
    # a kind signed once for the deal: what its signature pages' caption adds to the title so that a signed page
    # says which deal it belongs to ("dated as of March 2, 2026 between Northwind Analytics, Inc. and the Purchasers")
    identified: Callable[[Deal], str] | None = None
    retitled: Callable[[Deal], str] | None = None  # a deal's own title for it: "Secured Convertible Promissory Note"
    # the title a firm's template written before it may still give its signature pages (accepted in their caption)
    formerly: Callable[[Deal], str] | None = None

    def __reduce__(self) -> tuple[Callable[[str], DocumentKind], tuple[str]]:
        """Pickled by name (to a rendering process): the registry holds it, functions and all."""
        return kind_named, (self.name,)

    @property
    def templates(self) -> tuple[str, ...]:
        """Its template and its exhibits' templates."""
        return (self.template, *(exhibit.template for exhibit in self.exhibits))

    @property
    def exhibit_templates(self) -> tuple[str, ...]:
        return tuple(exhibit.template for exhibit in self.exhibits)


@dataclass(frozen=True)
class DocumentSpec:
    """One document to build: a kind, for one purchaser when the kind is printed per purchaser."""

    kind: DocumentKind
    name: str  # the file's stem
    purchaser_index: int | None = None

    @property
    def title(self) -> str:
        return self.kind.title

    @property
    def template(self) -> str:
        return self.kind.template

    @property
    def exhibits(self) -> tuple[str, ...]:
        return self.kind.exhibit_templates

    @property
    def filename(self) -> str:
        return f"{self.name}.docx"

    def purchaser(self, deal: Deal) -> Purchaser | None:
        """The purchaser this document is printed for (a note's payee), or None."""
        return deal.purchasers[self.purchaser_index] if self.purchaser_index is not None else None

    @property
    def number(self) -> int | None:
        """A per-purchaser document's number: notes are numbered in term sheet order, from 1."""
        return self.purchaser_index + 1 if self.purchaser_index is not None else None

    def title_in(self, deal: Deal) -> str:
        """Its title in this deal: 'Secured Convertible Promissory Note' for such notes (`Notes.kind_words`), else the kind's."""
        return self.kind.retitled(deal) if self.kind.retitled is not None else self.title

    def display_name(self, deal: Deal) -> str:
        """The document as a closing binder names it: 'Promissory Note No. 3 payable to Margaret Chen'."""
        purchaser = self.purchaser(deal)
        if purchaser is None or self.number is None or self.kind.named is None:
            return self.title_in(deal)
        return f"{self.title_in(deal)} {self.kind.named(purchaser, self.number)}"

    def signature_caption(self, deal: Deal, *, dated: bool = True, former: bool = False) -> str:
        """What each of its signature pages opens with: '[Signature Page to Promissory Note No. 3 in the ...]';
        not `dated`, a note's without its date, as a firm's template written before notes' captions gave it prints it;
        `former`, with the title such a template gave it (`formerly`: 'Convertible Promissory Note' before the notes
        were named 'Secured Convertible Promissory Note' alike everywhere); `checks.signature_pages` accepts each."""
        purchaser = self.purchaser(deal)
        title = self.kind.formerly(deal) if former and self.kind.formerly is not None else self.title_in(deal)
        if purchaser is None or self.number is None or self.kind.captioned is None:
            if self.kind.identified is not None:
                return f"[Signature Page to {title} {self.kind.identified(deal)}]"
            return f"[Signature Page to {title}]"
        # dated, as the agreements' captions are: its page says "as of the date first written above", and a packet
        # holds the page without the first (a partner's read)
        day = self.dated(deal) if dated else None
        on = f", dated {long_date(day)}" if day is not None else ""
        return f"[Signature Page to {title} {self.kind.captioned(purchaser, self.number)}{on}]"

    def dated(self, deal: Deal) -> date | None:
        return self.kind.dated(deal)

    def parties(self, deal: Deal) -> list[str]:
        return self.kind.parties(deal, self.purchaser(deal))

    def facts(self, deal: Deal) -> list[tuple[str, str]]:
        return self.kind.facts(deal, self.purchaser(deal))


# ---------------------------------------------------------------- the kinds


def _purchasers_label(deal: Deal) -> str:
    """'Margaret Chen (Purchaser)'; 'Purchasers: A; B; C' (a name may hold commas and "and": a trust's, joint holders')."""
    if deal.single_purchaser:
        return f"{deal.purchaser.name} (Purchaser)"
    return "Purchasers: " + "; ".join(p.legal_name for p in deal.purchasers)


def _escrow_agent(deal: Deal) -> str:
    assert deal.escrow is not None  # the kinds that name it are called for only with an escrow
    return deal.escrow.agent.name


def _payee(payee: Purchaser | None) -> Purchaser:
    assert payee is not None  # a per-purchaser kind always has its purchaser
    return payee


def _escrow_facts(deal: Deal, _: Purchaser | None) -> list[tuple[str, str]]:
    escrow = deal.escrow
    assert escrow is not None
    return [
        ("the company's legal name", deal.company.name),
        ("the escrow agent", escrow.agent.name),
        ("the agreement date", long_date(escrow.agreement_date)),
        ("the ABA routing number", escrow.wire.aba_routing_number),
        ("the account number", escrow.wire.account_number),
        *((("the SWIFT/BIC code", escrow.wire.swift_bic),) if escrow.wire.swift_bic else ()),
        *((f"the disbursement to {d.payee}", amount_figures(d.amount)) for d in escrow.disbursements),
    ]


def _release_facts(deal: Deal, _: Purchaser | None) -> list[tuple[str, str]]:
    escrow = deal.escrow
    assert escrow is not None
    return [
        ("the company's legal name", deal.company.name),
        ("the escrow agent", escrow.agent.name),
        ("the escrow agreement's date", long_date(escrow.agreement_date)),
    ]


def _purchase_agreement_facts(deal: Deal, _: Purchaser | None) -> list[tuple[str, str]]:
    return [
        ("the company's legal name", deal.company.name),
        *((f"{p.name} as a purchaser", p.name) for p in deal.purchasers),
        *((f"{p.name}'s note principal", amount_figures(p.principal, cents=False).removesuffix(".00"))
          for p in deal.purchasers if p.principal),
        *_placement_facts(deal),
        *_conversion_facts(deal),
    ]


def _placement_facts(deal: Deal) -> list[tuple[str, str]]:
    """The placement agent's name and its fee, in words and figures, when the deal has one."""
    agent, fee = deal.placement_agent, deal.placement_fee
    if agent is None or fee is None:
        return []
    return [("the placement agent", agent.name), ("the placement agent's fee percent", percent_text(agent.fee_percent)),
            ("the placement agent's fee", amount_text(fee))]


def _security_parties(deal: Deal, _: Purchaser | None) -> list[str]:
    notes = deal.notes
    assert notes is not None  # called for only with secured notes
    agent = notes.collateral_agent
    if agent is not None:
        return [f"{deal.company.name} (Company)", f"{agent.name} (Collateral Agent, for the holders of the Notes)"]
    if deal.single_purchaser:
        return [f"{deal.company.name} (Company)", f"{deal.purchaser.legal_name} (Holder)"]
    return [f"{deal.company.name} (Company)", "Holders: " + "; ".join(p.legal_name for p in deal.purchasers)]


def _security_facts(deal: Deal, _: Purchaser | None) -> list[tuple[str, str]]:
    notes, office = deal.notes, deal.filing_office
    assert notes is not None and office is not None  # called for only with secured notes
    agent = notes.collateral_agent
    facts = [
        ("the company's legal name", deal.company.name),
        ("the agreement date", long_date(notes.security_date)),
        ("the note purchase agreement's date", long_date(notes.agreement_date)),
        ("the principal of the notes in words and figures", amount_text(deal.total_principal)),
        ("the UCC filing office", office),
    ]
    days = notes.control_agreement_days
    if days:  # zero is a DD174 error: the agreement then has no control covenant
        issued = "the Note is issued" if deal.single_purchaser else "the Notes are issued"
        facts.append(("the days for control agreements", f"{count_text(days)} {'day' if days == 1 else 'days'} after {issued}"))
    if agent is not None:
        return facts + [("the collateral agent", agent.name)]
    return facts + [(f"{p.name} as a holder", p.name) for p in deal.purchasers]


def _note_facts(deal: Deal, purchaser: Purchaser | None) -> list[tuple[str, str]]:
    notes, payee = deal.notes, _payee(purchaser)
    assert notes is not None
    facts = [("the company's legal name", deal.company.name)]
    if payee.principal is not None:
        facts += [("the payee", payee.name), ("the principal in words and figures", amount_text(payee.principal))]
    facts += [("the issue date", long_date(notes.issue_date)), ("the maturity date", long_date(notes.maturity_date))]
    return facts + _conversion_facts(deal)


def _conversion_facts(deal: Deal) -> list[tuple[str, str]]:
    """What a convertible note, and the purchase agreement's summary of it, must state in words and figures."""
    conversion = deal.notes.conversion if deal.notes else None
    if conversion is None:
        return []
    facts = [("the qualified financing minimum", amount_text(conversion.qualified_financing_minimum))]
    if conversion.discount:
        facts.append(("the conversion discount", percent_text(conversion.discount)))
    if conversion.valuation_cap is not None:
        facts.append(("the valuation cap", amount_text(conversion.valuation_cap)))
    if conversion.change_of_control_multiple is not None:
        facts.append(("the change-of-control multiple", times_text(conversion.change_of_control_multiple)))
    return facts


def _the_purchasers(deal: Deal) -> str:
    """The purchasers as a signature page's caption names them: a lone purchaser by name, since a page signed apart
    from its agreement cannot lean on the term that agreement defines for it (the purchase agreement calls it by a
    short name)."""
    return deal.purchaser.name if deal.single_purchaser else "the Purchasers"


def _escrow_identified(deal: Deal) -> str:
    assert deal.escrow is not None
    return (f"dated as of {long_date(deal.escrow.agreement_date)} among {deal.company.name}, {_the_purchasers(deal)} "
            f"and {deal.escrow.agent.name}")


ESCROW_AGREEMENT = DocumentKind(
    name="escrow-agreement",
    title="Escrow Agreement",
    template="escrow-agreement.docx",
    exhibits=(Exhibit("Exhibit A", "release-notice.docx"),),
    called_for=lambda deal: deal.escrow is not None,
    dated=lambda deal: deal.escrow.agreement_date if deal.escrow else None,
    signers=(COMPANY, ESCROW_AGENT, PURCHASERS),
    parties=lambda deal, _: [f"{deal.company.name} (Company)", _purchasers_label(deal),
                             f"{_escrow_agent(deal)} (Escrow Agent)"],
    facts=_escrow_facts,
    identified=_escrow_identified,
)

RELEASE_NOTICE = DocumentKind(
    name="release-notice",
    title="Release Notice",
    template="release-notice.docx",
    called_for=lambda deal: deal.escrow is not None,
    dated=lambda deal: deal.escrow.release_date if deal.escrow else None,  # None until it is signed, at release
    signers=(COMPANY, PURCHASERS),
    parties=lambda deal, _: [f"{deal.company.name} (Company)", _purchasers_label(deal),
                             f"to {_escrow_agent(deal)} (Escrow Agent)"],
    facts=_release_facts,
    identified=lambda deal: f"under the Escrow Agreement {_escrow_identified(deal)}",
    left_undated=lambda deal: deal.escrow is not None and deal.escrow.release_date is None,
    signed_at_release=True,
)

NOTE_PURCHASE_AGREEMENT = DocumentKind(
    name="note-purchase-agreement",
    title="Note Purchase Agreement",
    template="note-purchase-agreement.docx",
    exhibits=(Exhibit("Exhibit A", "promissory-note.docx", blank_form=True),),
    called_for=lambda deal: deal.notes is not None,
    dated=lambda deal: deal.notes.agreement_date if deal.notes else None,
    signers=(COMPANY, PURCHASERS),
    parties=lambda deal, _: [f"{deal.company.name} (Company)", _purchasers_label(deal)],
    facts=_purchase_agreement_facts,
    identified=lambda deal: (f"dated as of {long_date(deal.notes.agreement_date)} "
                             f"{'between' if deal.single_purchaser else 'among'} {deal.company.name} "
                             f"and {_the_purchasers(deal)}"),
)

PROMISSORY_NOTE = DocumentKind(
    name="promissory-note",
    title="Promissory Note",
    template="promissory-note.docx",
    called_for=lambda deal: deal.notes is not None,
    dated=lambda deal: deal.notes.issue_date if deal.notes else None,
    per_purchaser=True,
    signers=(COMPANY, ATTESTING_OFFICER),
    parties=lambda deal, payee: [f"{deal.company.name} (Maker)", f"{_payee(payee).name} (Payee)"],
    facts=_note_facts,
    named=lambda payee, number: f"No. {number} payable to {payee.name}",
    captioned=lambda payee, number: (
        f"No. {number}" + (f" in the principal amount of {amount_figures(payee.principal)}" if payee.principal else "")
        + f" payable to {payee.name}"
    ),
    retitled=lambda deal: deal.notes.kind_words.title() if deal.notes else "Promissory Note",
    formerly=lambda deal: "Convertible Promissory Note" if deal.notes and deal.notes.conversion else "Promissory Note",
)

def _security_identified(deal: Deal) -> str:
    notes = deal.notes
    assert notes is not None
    agent, company = notes.collateral_agent, deal.company.name
    if agent is not None:
        parties = f"between {company} and {agent.name}, as Collateral Agent"
    else:
        parties = f"between {company} and {deal.purchaser.name}" if deal.single_purchaser else f"among {company} and the Holders"
    return f"dated as of {long_date(notes.security_date)} {parties}"


SECURITY_AGREEMENT = DocumentKind(
    name="security-agreement",
    title="Security Agreement",
    template="security-agreement.docx",
    called_for=lambda deal: deal.notes is not None and deal.notes.secured,
    dated=lambda deal: deal.notes.security_date if deal.notes else None,
    signers=(COMPANY, SECURED_PARTY),
    parties=_security_parties,
    facts=_security_facts,
    identified=_security_identified,
)

KINDS: tuple[DocumentKind, ...] = (
    ESCROW_AGREEMENT, RELEASE_NOTICE, NOTE_PURCHASE_AGREEMENT, PROMISSORY_NOTE, SECURITY_AGREEMENT,
)
"""Every kind, in the order a closing binder lists them."""


def kind_named(name: str) -> DocumentKind:
    """The registered kind called `name`."""
    return next(kind for kind in KINDS if kind.name == name)


def documents_for(deal: Deal) -> list[DocumentSpec]:
    """The documents `deal` calls for, in the order a closing binder lists them."""
    specs: list[DocumentSpec] = []
    for kind in KINDS:
        if not kind.called_for(deal):
            continue
        if not kind.per_purchaser:
            specs.append(DocumentSpec(kind, kind.name))
        elif deal.single_purchaser:
            specs.append(DocumentSpec(kind, kind.name, 0))
        else:
            specs.extend(DocumentSpec(kind, f"{kind.name}-{slug}", index)
                         for index, slug in enumerate(purchaser_slugs(deal.purchasers)))
    return specs


def first_dated(deal: Deal) -> str:
    """"the Escrow Agreement and the Note Purchase Agreement": the agreements of the set dated the deal's first date,
    by which the purchasers' pages are due. A partner's read: "by March 2, 2026, the date of the agreements" on a
    packet holding a security agreement dated March 4; "" without a first date."""
    first = deal.first_date
    titles = [f"the {kind.title}" for kind in KINDS if kind.called_for(deal)
              and not (kind.per_purchaser or kind.signed_at_release) and kind.dated(deal) == first]
    return join_and(titles)


def template_uses() -> dict[str, str]:
    """What each template prints: 'each promissory note, and Exhibit A of the note purchase agreement'."""
    uses: dict[str, list[str]] = {}
    for kind in KINDS:
        what = f"each {kind.title.lower()}" if kind.per_purchaser else f"the {kind.title.lower()}"
        uses.setdefault(kind.template, []).insert(0, what)
        for exhibit in kind.exhibits:
            uses.setdefault(exhibit.template, []).append(f"{exhibit.label} of the {kind.title.lower()}")
    return {template: ", and ".join(parts) for template, parts in uses.items()}


# ---------------------------------------------------------------- file names

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 40


def slugify(text: str) -> str:
    """'Smith & Jones <Holdings>, L.P.' -> 'smith-jones-holdings-l-p': [a-z0-9-] only, possibly empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) <= _MAX_SLUG:
        return slug
    head = slug[:_MAX_SLUG]
    if slug[_MAX_SLUG] != "-" and "-" in head:  # cut between words, not in one ("joint-tenan")
        head = head[: head.rfind("-")]
    return head.rstrip("-")


def purchaser_slugs(purchasers: list[Purchaser]) -> list[str]:
    """One slug per purchaser, unique, made of [a-z0-9-] only (safe as a file name anywhere): its short name;
    without one, a trust's name or joint holders' names ('david-park-and-susan-park'), not the name the documents
    give them ('David Park and Susan Park, as joint tenants with right of survivorship'), which is cut short."""
    return unique_slugs([slugify(p.short_name or _named_by(p)) for p in purchasers], "purchaser")


def _named_by(purchaser: Purchaser) -> str:
    if purchaser.trust is not None:
        return purchaser.trust.name
    if purchaser.joint is not None:
        return join_and([holder.name for holder in purchaser.joint.holders])
    return purchaser.name


def unique_slugs(slugs: list[str], fallback: str) -> list[str]:
    """`slugs` made unique ('chen', 'chen-2'); an empty one becomes '<fallback>-<position>'."""
    result: list[str] = []
    taken: set[str] = set()
    next_suffix: dict[str, int] = {}  # where to go on counting for a slug met before: 5,000 alike stay linear
    for number, base in enumerate(slugs, start=1):
        base = base or f"{fallback}-{number}"
        slug, suffix = base, next_suffix.get(base, 2)
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        next_suffix[base] = suffix
        taken.add(slug)
        result.append(slug)
    return result
