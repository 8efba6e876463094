"""Checks on the term sheet: facts that cannot all be true (codes DD1xx).

Each check reads the validated `Deal` and reports `Finding`s located at the
term sheet key they concern (file, line, column, key path), so a lawyer can go
straight to the line to fix.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD100 | error    | the deal calls for no document (no `escrow:` and no `notes:`) |
| DD101 | error    | the notes mature on or before their issue date |
| DD102 | error    | the first interest payment is on or before the issue date |
| DD103 | error    | the first interest payment is after maturity |
| DD157 | warning  | an entity_type abbreviated ("LLC", "corp"), a tax status ("C corporation"), with the state in it ("Delaware corporation") or misspelt ("limited liabilty company"): the documents print it as written |
| DD156 | error    | interest is paid monthly, quarterly or yearly, but no first payment date says on which day |
| DD104 | error    | the escrow agreement is dated after the closing |
| DD105 | error    | the release notice is dated before the escrow agreement |
| DD106 | warning  | a payment, closing or release falls on a weekend or US federal holiday |
| DD107 | error    | the notes are issued, or the closing held, before the agreement that sells them |
| DD108 | warning  | usury was not checked (a governing law or maker the usury table does not cover), or the limit floats with a published rate the lawyer must confirm |
| DD109 | error    | the subscriptions, note principals or disbursements add up to more than the documents can state ($10^15 or more) |
| DD110 | error    | a subscription of zero, or a disbursement at release of zero |
| DD111 | error    | the subscriptions do not add up to the stated aggregate |
| DD112 | error    | the note principals do not add up to the stated aggregate principal |
| DD113 | error    | the disbursements at release are not below the escrowed funds |
| DD114 | error    | a note's principal is below its purchase price |
| DD115 | warning  | a note is sold at a discount (the implied yield is shown) |
| DD116 | error    | the interest rate is zero |
| DD117 | error    | a note's effective rate exceeds a criminal usury limit of the governing law that reaches the maker and the note's size |
| DD118 | warning  | a note's effective rate exceeds a civil usury limit of the governing law that reaches the maker and the note's size |
| DD119 | error    | a purchaser has no note principal in a deal with notes |
| DD120 | error    | the same purchaser is listed twice |
| DD121 | error    | two parties share a short defined name |
| DD122 | error    | an entity purchaser has no signatory |
| DD123 | error    | the escrow agent is the company, or one of the purchasers |
| DD125 | error    | an event of default's grace period (lien, proceeding or delisting days), cross-default threshold or lien floor is zero |
| DD127 | error    | the governing law is two capital letters that are no US state's or territory's postal code; or the governing law, a state of organization or a US address's state a slip or two from a US state's or territory's name ("Deleware", "Massachusets"): taken for a jurisdiction abroad, it would print as typed; or an address's country a slip or two from the United States ("Untied States"), or a US territory and its state another US state's ("New York" in "Puerto Rico"); or a US address's state that is no US state or territory at all ("Mass.", "Ontario" without its country) |
| DD128 | warning  | the company's attesting officer has no title (the attest line shows the officer's office) |
| DD132 | error    | the default rate is not above the interest rate |
| DD133 | warning  | the default rate is above a usury limit of the governing law that reaches the maker: many states do not apply usury limits to a rate charged only after default, but confirm |
| DD134 | warning  | US addresses write the state both ways, by name ('New York') and by postal code ('NY'): the documents print each address as written |
| DD135 | error    | a purchaser is the company itself |
| DD136 | error    | the company's attesting officer is the officer who signs the notes: a signer does not attest their own signature |
| DD137 | error    | a trust dated after the agreements its trustees sign under it |
| DD138 | error    | a trustee or joint holder listed twice; community property held by more than two (a warning when their address is where community property is not the law) |
| DD139 | error    | an entity's name says it is one kind ("..., LLC") and its entity_type another ("limited partnership") |
| DD140 | error    | the escrow's purchase agreement is not this deal's note purchase agreement (title) |
| DD141 | error    | the escrow's purchase agreement date differs from the note purchase agreement's |
| DD142 | error    | the escrow names the securities with a term the note purchase agreement does not use ("Notes" for the one "Note" of a one-purchaser deal) |
| DD143 | error    | an escrow for a purchase agreement dealdocs does not build does not say what it buys (securities and securities_term) |
| DD144 | error    | the escrow's `closing_conditions_section` is not Section 3 of the note purchase agreement dealdocs builds, where its closing deliveries and conditions are |
| DD145 | error    | a value still the `init` starter's example ("Example Company, Inc.", "Jane Officer", its wire details) in a term sheet filled in from it |
| DD146 | warning  | a capacity or signatory title with a word one slip from a word such titles use ("its manger", "Presdient"): it prints on every signature page |
| DD160 | error    | a conversion discount that is not from 0 up to but not including 100 percent |
| DD161 | error    | a qualified financing minimum or valuation cap of zero |
| DD162 | error    | a conversion at the cap price (at maturity or on a change of control) with no valuation cap |
| DD163 | error    | a change-of-control multiple missing for a payment, given for a conversion, or below 1 |
| DD164 | warning  | convertible notes the company may prepay at will, cutting off the conversion right |
| DD165 | warning  | convertible notes with no discount and no cap: they convert at the round price, no better than cash |
| DD166 | error    | convertible notes of a company that is not a corporation (they convert into shares of stock) |
| DD170 | error    | a collateral agent or other security term on notes that are not secured |
| DD171 | error    | the collateral agent is the company |
| DD172 | error    | the security agreement is dated before the note purchase agreement (an error) or after the notes are issued (a warning: security for antecedent debt is a preference risk) |
| DD173 | warning  | secured notes of a company that is not a registered organization: the UCC-1 is filed where its chief executive office is, not in its state of organization |
| DD174 | warning  | secured notes with no `control_agreement_days`: the security agreement asks for control of the company's deposit accounts only on request, and a security interest in a deposit account is perfected only by control (UCC 9-312(b)(1)); zero days is an error; days running to the maturity date a warning |
| DD178 | warning  | the escrow agreement is dated 300 days or more before the purchase agreement it is made under (a year's slip: "March 9, 2025" for 2026) |
| DD180 | error    | the escrow pays a placement agent but the term sheet names none (`placement_agent:`) |
| DD181 | error    | the placement agent's escrow disbursement is not its fee percent of the gross proceeds, to the cent |
| DD182 | error    | the placement agent's escrow disbursement is paid to someone other than the placement agent, or to it written otherwise than its name |
| DD183 | error    | a placement fee not above 0 and below 100 percent, or warrant coverage not above 0 and at most 100 percent |
| DD184 | warning  | a placement agent is named but the escrow pays it nothing: its fee is paid outside the escrow |
| DD185 | warning  | the placement fee has a fraction of a cent, rounded half up: confirm the fee against the engagement letter |
| DD190 | error    | the escrow's outside date is on or before its release date, the escrow agreement's date or the closing: funds would go back before they could be released |
| DD191 | error    | a bank or trust company as escrow agent with `escrow_agent_counsel_to` (a bank is no one's counsel: that is the law-firm conflict waiver) |
| DD192 | error    | a bank or trust company as escrow agent with no `description` ("a national banking association") |
| DD193 | warning  | an escrow with no outside date: nothing says when the purchasers' funds go back if the closing does not happen |
| DD194 | warning  | a payment to counsel out of the escrow that does not say whose counsel it is or what it pays for (`purpose`) |
| DD195 | warning  | a rate above 0 and below 1 percent (`interest_rate: 0.08`): rates are written in percent, so this is 0.08%, not 8% |
| DD196 | warning  | an entity purchaser with no `entity_type` where notes are built: the notes would name it without saying what it is ("a Delaware limited partnership") |
| DD197 | warning  | the notes are dated (`issue_date`) on another day than the closing that delivers them |
| DD198 | warning  | a purchaser's notices go to the company (care of it, or at its address): a notice of default given to the purchaser would reach the company it is given against |
| DD199 | warning  | a limited partnership purchaser signed by a person whose title is not general partner, with no general partner to sign through, or signing through an entity whose capacity is not general partner |
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

from dealdocs.checks.addresses import check_us_address
from dealdocs.checks.control import check_control_designee
from dealdocs.checks.counsel import check_company_counsel
from dealdocs.checks.listing import check_listing
from dealdocs.checks.pasted import check_pasted_text
from dealdocs.checks.parties import check_parties
from dealdocs.checks.forum import check_arbitration, check_escrow_courts
from dealdocs.checks.wire import check_wire, check_wire_abroad
from dealdocs.checks.usury import TABLE as USURY, Rule, effective_rate, maker_kind
from dealdocs.closing.holidays import non_business_day
from dealdocs.findings import Finding, error, warning
from dealdocs.termsheet.jurisdictions import Jurisdiction, is_united_states, jurisdiction, united_states_slip
from dealdocs.termsheet.loader import KeyPath, TermSheetSource
from dealdocs.termsheet.base import Address
from dealdocs.termsheet.financing import Conversion
from dealdocs.termsheet.model import Deal
from dealdocs.termsheet.organizations import entity_type_problem
from dealdocs.termsheet.base import name_key
from dealdocs.termsheet.starter import examples_left, may_leave_out
from dealdocs.termsheet.values import LARGEST_AMOUNT
from dealdocs.words import amount_figures, join_and, join_or, long_date, statement_figures

_ABROAD = "it is taken for a jurisdiction outside the United States"  # a name that is no US one's (DD127)
_SECTION_3 = re.compile(r"Sections? 3(?:\.\d+)?", re.IGNORECASE)  # where the note purchase agreement's closing is


class _DealChecker:
    def __init__(self, deal: Deal, source: TermSheetSource):
        self.deal, self.source = deal, source
        self.findings: list[Finding] = []

    def error(self, code: str, path: KeyPath, message: str) -> None:
        self.findings.append(error(code, message, self.source.location(path)))

    def warning(self, code: str, path: KeyPath, message: str) -> None:
        self.findings.append(warning(code, message, self.source.location(path)))

    def run(self, refused: frozenset[str] = frozenset()) -> list[Finding]:
        """Every check, but those that read a section of the term sheet in `refused` (`READS`)."""
        deal = self.deal
        if deal.escrow is None and deal.notes is None and not refused & {"escrow", "notes"}:
            self.error("DD100", (), "the term sheet has neither an escrow: nor a notes: section, so there is no document to build")
        for check, sections in READS.items():
            if check in SECTION_WISE:
                readable = frozenset(sections) - refused
                if readable:
                    getattr(self, check)(readable)
            elif not refused & set(sections):
                getattr(self, check)()
        return self.findings

    def check_pasted_text(self) -> None:  # DD168, DD169: documented in checks.pasted
        check_pasted_text(self.source, self)

    def check_examples_left(self) -> None:
        for path, value, name in examples_left(self.source.data, self.source.text):  # the name a longer value holds
            self.error("DD145", path, (f"'{value}' is the starter's example" if name is None else f"'{value}' names the "
                                       f"starter's example '{name}'") + ", not this deal's: put the deal's own"
                                      + (" (or leave the key out: it is optional)" if may_leave_out(path, self.deal) else ""))

    # -- dates --------------------------------------------------------------------

    def check_governing_law(self) -> None:
        law = jurisdiction(self.deal.governing_law)
        if law.looks_like_a_code:
            self.error("DD127", ("governing_law",),
                       f"'{law.typed}' is not the postal code of a US state or territory: write the jurisdiction's "
                       "name ('New York', 'England and Wales')")
        self._slip(("governing_law",), law, f'{_ABROAD}: the documents would say "the laws of {law.styled}"')

    def check_jurisdictions(self, sections: frozenset[str]) -> None:
        """DD127: a state of organization that is a slip for a US state's name (an address's: `check_addresses`), in
        the `sections` read."""
        company = self.deal.company
        if "company" in sections:
            self._slip(("company", "state_of_organization"), jurisdiction(company.state_of_organization),
                       f'{_ABROAD}: the documents would call {company.name} "{company.description}"')
        purchasers = self.deal.purchasers if "purchasers" in sections else []
        for i, buyer in ((i, p) for i, p in enumerate(purchasers) if p.state_of_organization is not None):
            called = f': the documents would call {buyer.name} "{buyer.description}"' if buyer.is_entity else ""
            self._slip(("purchasers", i, "state_of_organization"), jurisdiction(buyer.state_of_organization), _ABROAD + called)

    def _slip(self, path: KeyPath, place: Jurisdiction, written: str) -> None:
        """DD127 for a jurisdiction typed a slip or two from a US one's name (`Jurisdiction.slip_for`); `written`: what
        follows from it as written."""
        if meant := place.slip_for:
            what = "a US state" if all(found.kind == "state" for found in meant) else "a US state or territory"
            self.error("DD127", path, f'"{place.typed}" is not {what}: did you mean '
                                      f"{join_or([found.name for found in meant])}? As written, {written}")

    def check_arbitration(self) -> None:  # DD129, and DD149 and DD154 below: documented in checks.forum
        check_arbitration(self.deal, self)

    def check_escrow_courts(self) -> None:
        check_escrow_courts(self.deal, self)

    def check_dates(self) -> None:
        notes, escrow = self.deal.notes, self.deal.escrow
        if notes:
            if notes.maturity_date <= notes.issue_date:
                self.error("DD101", ("notes", "maturity_date"),
                           f"the notes mature on {long_date(notes.maturity_date)}, not after their issue date, {long_date(notes.issue_date)}")
            first = notes.first_payment_date
            if first is not None and first <= notes.issue_date:
                self.error("DD102", ("notes", "first_payment_date"),
                           f"the first interest payment, {long_date(first)}, is not after the issue date, {long_date(notes.issue_date)}")
            if first is None and notes.payment_frequency != "at maturity":  # a new user's trial: "paid monthly", no day
                self.error("DD156", ("notes", "payment_frequency"), f"interest is paid {notes.payment_frequency}, but no notes.first_payment_date says on which day: the notes would not say when a payment is due; give it, or pay interest 'at maturity'")
            if first is not None and first > notes.maturity_date:
                self.error("DD103", ("notes", "first_payment_date"),
                           f"the first interest payment, {long_date(first)}, is after maturity, {long_date(notes.maturity_date)}")
            if notes.issue_date < notes.agreement_date:
                self.error("DD107", ("notes", "issue_date"),
                           f"the notes are issued on {long_date(notes.issue_date)}, before the note purchase agreement of {long_date(notes.agreement_date)}")
            if notes.closing.date < notes.agreement_date:
                self.error("DD107", ("notes", "closing", "date"),
                           f"the closing on {long_date(notes.closing.date)} is before the note purchase agreement of {long_date(notes.agreement_date)}")
            if notes.issue_date != notes.closing.date and notes.issue_date >= notes.agreement_date:
                self.warning("DD197", ("notes", "issue_date"),
                             f"the notes are dated {long_date(notes.issue_date)}, but the note purchase agreement "
                             f"delivers them at the closing, {long_date(notes.closing.date)} (notes.closing.date): "
                             + ("they would speak as of a day before anyone has paid for them" if notes.issue_date < notes.closing.date
                                else "the purchasers would pay for notes dated days later")
                             + "; date the notes the day of the closing, or move the closing")
            if escrow and escrow.agreement_date > notes.closing.date:
                self.error("DD104", ("escrow", "agreement_date"),
                           f"the escrow agreement is dated {long_date(escrow.agreement_date)}, after the closing on {long_date(notes.closing.date)}")
        if escrow and (escrow.purchase_agreement.date - escrow.agreement_date).days >= 300:  # a year's slip (a trial;
            self.warning("DD178", ("escrow", "agreement_date"),  # days before is usual: a code review)
                         f"the escrow agreement is dated {long_date(escrow.agreement_date)}, most of a year before the "
                         f"{escrow.purchase_agreement.title} of {long_date(escrow.purchase_agreement.date)} it is made "
                         "under (escrow.purchase_agreement.date): the covers ask for signatures by that date; check the year")
        if escrow and escrow.release_date and escrow.release_date < escrow.agreement_date:
            self.error("DD105", ("escrow", "release_date"),
                       f"the release notice, {long_date(escrow.release_date)}, is dated before the escrow agreement, {long_date(escrow.agreement_date)}")
        if escrow and escrow.outside_date:
            self.check_outside_date(escrow.outside_date)
        elif escrow:
            self.warning("DD193", ("escrow",), "no outside date (escrow.outside_date): the escrow agreement would hold the "
                         "purchasers' funds with no date by which they go back if the closing does not happen; give the "
                         "date after which the escrow agent returns each purchaser's funds")
        for path, day, what in self._business_dates():
            reason = non_business_day(day)
            if reason:
                self.warning("DD106", path, f"{what}, {long_date(day)}, is {reason}: " + ("the notes pay on the next Business Day, interest running until then; keep the date to keep the schedule"  # a new user's trial: moved, it broke the schedule
                                                                                  if path[-1] in ("first_payment_date", "maturity_date") else "no bank will pay or settle that day"))

    def check_outside_date(self, outside: date) -> None:
        """DD190: the outside date must come after every date by which the funds are to be released."""
        escrow, notes = self.deal.escrow, self.deal.notes
        assert escrow is not None
        dates = [(escrow.release_date, "the release date (escrow.release_date)"),
                 (notes.closing.date if notes else None, "the closing (notes.closing.date)"),
                 (escrow.agreement_date, "the escrow agreement's date (escrow.agreement_date)")]
        later = [(day, what) for day, what in dates if day is not None and outside <= day]
        if later:
            day, what = max(later, key=lambda pair: pair[0])
            self.error("DD190", ("escrow", "outside_date"),
                       f"the outside date, {long_date(outside)}, is on or before {what}, {long_date(day)}: "
                       "the funds would have to go back before they could be released")

    def _business_dates(self) -> Iterator[tuple[KeyPath, date, str]]:
        notes, escrow = self.deal.notes, self.deal.escrow
        if notes:
            yield ("notes", "closing", "date"), notes.closing.date, "the closing"
            if notes.issue_date != notes.closing.date:
                yield ("notes", "issue_date"), notes.issue_date, "the notes' date, from which interest runs"
            if notes.first_payment_date:
                yield ("notes", "first_payment_date"), notes.first_payment_date, "the first interest payment"
            yield ("notes", "maturity_date"), notes.maturity_date, "the maturity date"
        if escrow and escrow.release_date:
            yield ("escrow", "release_date"), escrow.release_date, "the release of the escrowed funds"
        if escrow and escrow.outside_date:
            yield ("escrow", "outside_date"), escrow.outside_date, "the outside date, when unreleased funds go back"

    # -- money --------------------------------------------------------------------

    def totals_too_large(self, sections: frozenset[str]) -> bool:
        """DD109 for each total past what the documents can state (the escrow's and the notes' when among
        `sections`); True when there is one."""
        deal = self.deal
        escrow = deal.escrow if "escrow" in sections else None
        totals: list[tuple[KeyPath, str, Decimal]] = [(("purchasers",), "the subscriptions", deal.aggregate_subscription)]
        if "notes" in sections and deal.notes:
            totals.append((("purchasers",), "the note principals", deal.total_principal))
        if escrow:
            totals.append((("escrow", "disbursements"), "the disbursements", escrow.total_disbursements))
        found = False
        for path, what, total in totals:
            if total > LARGEST_AMOUNT:
                self.error("DD109", path, f"{what} add up to {statement_figures(total)}, more than the documents can state: "
                                          f"a total is at most {statement_figures(LARGEST_AMOUNT)}")
                found = True
        return found

    def check_money(self, sections: frozenset[str]) -> None:
        """DD109-DD115, DD119: the amounts against each other, those of the `sections` read (the purchasers' always:
        every total is theirs)."""
        if "purchasers" not in sections:
            return
        deal = self.deal
        notes = deal.notes if "notes" in sections else None
        escrow = deal.escrow if "escrow" in sections else None
        if self.totals_too_large(sections):
            return  # every other money check states a total in figures
        for i, purchaser in enumerate(deal.purchasers):
            if purchaser.subscription <= 0:
                self.error("DD110", ("purchasers", i, "subscription"), f"{purchaser.name} subscribes for {amount_figures(purchaser.subscription)}: a subscription must be above zero")
        for i, payment in enumerate(escrow.disbursements if escrow else []):
            if payment.amount <= 0:
                self.error("DD110", ("escrow", "disbursements", i, "amount"), f"{payment.payee} is paid {amount_figures(payment.amount)} at release: "
                           "a disbursement must be above zero (give its amount, or delete it)")
        total = deal.aggregate_subscription
        if escrow and escrow.aggregate_subscription is not None and escrow.aggregate_subscription != total:
            self.error("DD111", ("escrow", "aggregate_subscription"),
                       f"the stated aggregate, {amount_figures(escrow.aggregate_subscription)}, is not the sum of the subscriptions, {amount_figures(total)}")
        if escrow and escrow.disbursements and escrow.total_disbursements >= total:
            self.error("DD113", ("escrow", "disbursements"),
                       f"the disbursements at release, {amount_figures(escrow.total_disbursements)}, are not below the escrowed funds, {amount_figures(total)}: nothing would be left for the company")
        if notes is None:
            return
        if notes.aggregate_principal is not None and notes.aggregate_principal != deal.total_principal:
            self.error("DD112", ("notes", "aggregate_principal"),
                       f"the stated aggregate principal, {amount_figures(notes.aggregate_principal)}, is not the sum of the notes, {amount_figures(deal.total_principal)}")
        for i, purchaser in enumerate(deal.purchasers):
            path = ("purchasers", i)
            if purchaser.principal is None:
                self.error("DD119", (*path, "principal"), f"{purchaser.name} has no note principal, and the deal issues notes")
                continue
            if purchaser.principal < purchaser.subscription:
                self.error("DD114", (*path, "principal"),
                           f"the note principal of {purchaser.name}, {amount_figures(purchaser.principal)}, is below the purchase price, {amount_figures(purchaser.subscription)}")
                continue
            if purchaser.principal > purchaser.subscription and purchaser.subscription > 0:
                effective = effective_rate(notes.interest_rate, notes.day_count, purchaser.subscription,
                                           purchaser.principal, notes.issue_date, notes.maturity_date)
                self.warning("DD115", (*path, "principal"),
                             f"{purchaser.name} pays {amount_figures(purchaser.subscription)} for a {amount_figures(purchaser.principal)} note: "
                             f"a discount of {amount_figures(purchaser.principal - purchaser.subscription)}, an implied yield of {effective}% a year")

    # -- usury --------------------------------------------------------------------

    def check_rates(self) -> None:
        """DD116, DD132: the notes' rates alone (said beside a purchaser's value refused, which they do not read)."""
        notes = self.deal.notes
        if notes is not None and notes.interest_rate <= 0:
            self.error("DD116", ("notes", "interest_rate"), "the interest rate must be above zero")
        if notes is not None and notes.default_rate is not None and notes.default_rate <= notes.interest_rate:
            self.error("DD132", ("notes", "default_rate"),
                       f"the default rate, {notes.default_rate}%, is not above the interest rate, {notes.interest_rate}%: "
                       "the notes would bear less, or no more, after a default; leave default_rate out for no default rate")

    def check_small_rates(self) -> None:
        """DD195: a rate written as a fraction (0.08 for 8%), which the documents would state as 0.08%."""
        notes, agent = self.deal.notes, self.deal.placement_agent
        rates = [(("notes", "interest_rate"), notes.interest_rate if notes else None, "the notes' interest rate"),
                 (("notes", "default_rate"), notes.default_rate if notes else None, "the notes' default rate"),
                 (("notes", "conversion", "discount"), notes.conversion.discount if notes and notes.conversion else None,
                  "the conversion discount"),
                 (("placement_agent", "fee_percent"), agent.fee_percent if agent else None, "the placement fee"),
                 (("placement_agent", "warrant_coverage_percent"), agent.warrant_coverage_percent if agent else None,
                  "the warrant coverage")]
        for path, rate, what in rates:
            if rate is not None and Decimal(0) < rate < Decimal(1):
                whole = rate * 100
                self.warning("DD195", path,
                             f"{rate} is read as {rate}%, {what}: rates are written in percent, so "
                             f"{whole.normalize():f}% is written {whole.normalize():f}; a rate below one percent is rarely meant")

    def check_usury(self) -> None:
        """DD117, DD118 and DD108 from the usury table (`checks.usury`), note by note."""
        deal, notes = self.deal, self.deal.notes
        if notes is None or notes.interest_rate <= 0:
            return
        law = jurisdiction(deal.governing_law)
        if law.looks_like_a_code or law.slip_for:
            return  # DD127
        usury = USURY.get(law.name) if law.in_united_states else None
        if usury is None:
            self.warning("DD108", ("governing_law",),
                         f"usury was not checked for the laws of {law.name}: dealdocs has no usury rules for them; "
                         "confirm the notes' rate with counsel in that jurisdiction")
            return
        maker = maker_kind(deal.company.entity_type)
        if maker is None:
            self.warning("DD108", ("company", "entity_type"),
                         f"usury was not checked: dealdocs does not know how {law.name}'s usury laws treat a maker "
                         f"that is a {deal.company.entity_type}")
            return
        fired: dict[tuple[int, Decimal], list[int]] = {}
        rates: dict[int, Decimal] = {}
        for i, purchaser in enumerate(deal.purchasers):
            if purchaser.principal is None or purchaser.subscription <= 0 or purchaser.principal < purchaser.subscription:
                continue  # DD119, DD110 or DD114 already
            rate = effective_rate(notes.interest_rate, notes.day_count, purchaser.subscription, purchaser.principal,
                                  notes.issue_date, notes.maturity_date)
            rates[i] = rate
            advanced = min(purchaser.principal, purchaser.subscription)
            for number, rule in enumerate(usury.rules):
                if maker not in rule.makers or rule.exempts(advanced):
                    continue
                above_limit = rule.limit is not None and rate > rule.limit
                above_floor = rule.floor is not None and rate > rule.floor
                if above_limit or above_floor:
                    fired.setdefault((number, rate), []).append(i)
        for (number, rate), indexes in fired.items():
            self._usury_finding(law.name, usury.rules[number], rate, indexes, rates)
        self._default_rate_usury(law.name, usury.rules, maker)

    def _default_rate_usury(self, law: str, rules: Sequence[Rule], maker: str) -> None:
        """DD133: the default rate above a limit that would reach the notes; not an error, since many states' courts
        do not apply usury limits to a rate charged only after default, which dealdocs cannot decide."""
        deal, notes = self.deal, self.deal.notes
        assert notes is not None
        rate = notes.default_rate
        if rate is None:
            return
        advanced = [min(p.principal, p.subscription) for p in deal.purchasers if p.principal is not None]
        for rule in rules:
            limit = rule.limit  # a floating limit's floor is no limit to compare a default rate with
            if (limit is None or rate <= limit or maker not in rule.makers
                    or all(rule.exempts(amount) for amount in advanced)):
                continue
            kind = "criminal" if rule.criminal else "civil"
            self.warning("DD133", ("notes", "default_rate"),
                         f"the default rate, {rate}%, is above {law}'s {kind} usury rate of {limit}% ({rule.source}): "
                         "courts in many states do not apply usury limits to a rate charged only after a default, "
                         "but dealdocs cannot decide that for this note: confirm the rate with counsel")
            return

    def _usury_finding(self, law: str, rule: Rule, rate: Decimal, indexes: list[int], rates: dict[int, Decimal]) -> None:
        deal, notes = self.deal, self.deal.notes
        assert notes is not None
        if len(indexes) == len(rates) and len(deal.purchasers) > 1:
            whose = "the notes yield"
        else:
            names = join_and([deal.purchasers[i].name for i in indexes])
            whose = f"the note of {names} yields" if len(indexes) == 1 else f"the notes of {names} yield"
        discounted = any(deal.purchasers[i].principal != deal.purchasers[i].subscription for i in indexes)
        path: KeyPath = ("purchasers", indexes[0], "principal") if discounted else ("notes", "interest_rate")
        what = f"{whose} {rate}% a year"
        if notes.day_count == "actual/360" and not discounted:
            what += f" (the {notes.interest_rate}% coupon on a 360-day year)"
        effect = f"; {rule.effect}" if rule.effect else ""
        if rule.limit is not None and rate > rule.limit:
            kind = "criminal" if rule.criminal else "civil"
            message = f"{what}, above {law}'s {kind} usury rate of {rule.limit}% ({rule.source}){effect}"
            if rule.criminal:
                self.error("DD117", path, message)
            else:
                self.warning("DD118", path, message)
        else:
            self.warning("DD108", path, f"{what}, which may be usurious under {law} law: its limit is "
                                        f"{rule.floats_with}, never below {rule.floor}%; confirm the limit on the "
                                        f"note's date before the notes are signed{effect}")

    # -- a company whose stock is listed, or not -----------------------------------

    def check_listing(self) -> None:  # DD124, DD167: documented in checks.listing
        check_listing(self.deal, self)

    def check_default_thresholds(self) -> None:
        """DD125: a zero makes the notes read 'within zero (0) days' or 'in excess of $0'."""
        notes = self.deal.notes
        if notes is None:
            return
        defaults = notes.events_of_default
        zeros = [
            ("lien_days", defaults.lien_days, "'bonded within zero (0) days': a lien would be a default the day it attaches"),
            ("proceeding_days", defaults.proceeding_days,
             "'undismissed ... for a period of zero (0) days': a proceeding would be a default the day it is filed"),
            ("delisting_trading_days", defaults.delisting_trading_days,
             "a delisting of zero (0) trading days: the shortest halt would be a default"),
            ("cross_default_amount", defaults.cross_default_amount,
             "'in excess of $0': a default on any debt at all would be a default on the notes"),
            ("lien_amount", defaults.lien_amount, "'exceeding $0', a floor that excuses nothing: leave lien_amount out"),
        ]
        for key, value, reading in zeros:
            if value is not None and value == 0:
                self.error("DD125", ("notes", "events_of_default", key),
                           f"{key} is zero, so the notes would read {reading}; give the number the deal agreed")

    def check_parties(self) -> None:
        check_parties(self.deal, self)

    def check_company_counsel(self) -> None:  # DD147, DD148, DD159, DD175, DD176: in checks.counsel
        check_company_counsel(self.deal, self)

    # -- addresses ----------------------------------------------------------------

    def check_addresses(self, sections: frozenset[str]) -> None:
        """DD127, a country a slip for the United States; DD126, DD127 and DD155, a US address's state and ZIP code
        (`checks.addresses`), its state a slip for a US state's name here; the addresses of the `sections` read."""
        for path, who, address in ((p, w, a) for p, w, a in self._addresses(sections) if united_states_slip(a.country)):
            self.error("DD127", (*path, "country"), f'"{address.country}" is not a country: did you mean the United States? '
                                                    f"As written, {who}'s address is abroad: no US state is read from it")
        for path, who, address in ((p, w, a) for p, w, a in self._addresses(sections) if is_united_states(a.country)):
            self._slip((*path, "state"), jurisdiction(address.state),
                       f"{who}'s address would print it, and the closing checklist would not find its state")
            check_us_address(path, who, address, self)

    def check_state_style(self, sections: frozenset[str]) -> None:
        """DD134: one term sheet, one way of writing a state: the documents print each address as written (those of
        the `sections` read)."""
        styles: dict[str, list[tuple[KeyPath, str, str]]] = {"code": [], "name": []}
        for path, who, address in self._addresses(sections):
            place = jurisdiction(address.state)
            if not is_united_states(address.country) or not place.in_united_states:
                continue
            written = " ".join(address.state.replace(".", "").split())
            styles["code" if written.upper() == place.code else "name"].append(((*path, "state"), who, address.state))
        if styles["code"] and styles["name"]:
            fewer = "code" if len(styles["code"]) <= len(styles["name"]) else "name"
            other = styles["name" if fewer == "code" else "code"][0][2]
            for path, who, state in styles[fewer]:
                self.warning("DD134", path,
                             f"{who}'s address writes the state '{state}', the term sheet's other addresses "
                             f"'{other}': the documents print each address as written; write them one way")

    def check_notices_to_the_company(self) -> None:
        company = self.deal.company
        for i, purchaser in enumerate(self.deal.purchasers):
            notices = purchaser.notices
            if notices is None:
                continue
            care_of = bool(notices.care_of) and name_key(notices.care_of or "") == name_key(company.name)
            at_office = notices.address is not None and notices.address.same_place(company.address)
            if care_of or at_office:
                where = f"care of {company.name}" if care_of else f"to {company.name}'s address"
                self.warning("DD198", ("purchasers", i, "notices"),
                             f"notices to {purchaser.name} go {where}: a notice the agreements require be given to "
                             "the purchaser (of a default, of a sale of collateral) would reach the company it "
                             f"concerns; give {purchaser.name}'s own address, or {purchaser.possessive} counsel's")

    def _addresses(self, sections: frozenset[str]) -> Iterator[tuple[KeyPath, str, Address]]:
        """Each address of the term sheet's `sections`: its key, whose it is, the address."""
        deal = self.deal
        if "company" in sections:
            yield ("company", "address"), deal.company.name, deal.company.address
        for i, purchaser in enumerate(deal.purchasers if "purchasers" in sections else []):
            yield ("purchasers", i, "address"), purchaser.name, purchaser.address
            if purchaser.notices and purchaser.notices.address:
                yield ("purchasers", i, "notices", "address"), f"{purchaser.name} (for notices)", purchaser.notices.address
        if "escrow" in sections and deal.escrow:
            yield ("escrow", "agent", "address"), deal.escrow.agent.name, deal.escrow.agent.address
        if "notes" in sections and deal.notes and deal.notes.collateral_agent:
            yield ("notes", "collateral_agent", "address"), deal.notes.collateral_agent.name, deal.notes.collateral_agent.address
        if "company_counsel" in sections and deal.company_counsel and deal.company_counsel.address:
            yield ("company_counsel", "address"), deal.company_counsel.name, deal.company_counsel.address

    # -- wire instructions --------------------------------------------------------

    def check_wire(self) -> None:
        check_wire(self.deal, self)

    def check_wire_abroad(self) -> None:
        check_wire_abroad(self.deal, self)

    # -- the documents refer to each other ----------------------------------------

    def check_cross_references(self) -> None:
        escrow, notes = self.deal.escrow, self.deal.notes
        if escrow and not notes:
            agreement = escrow.purchase_agreement
            for key in ("securities", "securities_term"):
                if getattr(agreement, key) is None:
                    self.error("DD143", ("escrow", "purchase_agreement", key),
                               f"the escrow agreement must say what the purchase price buys under the {agreement.title}: "
                               f"give {key} (for example 'shares of the Company’s common stock (the “Shares”)' and 'Shares')")
        if not (escrow and notes):
            return
        agreement = escrow.purchase_agreement
        term = "Note" if self.deal.single_purchaser else "Notes"
        if agreement.securities_term is not None and agreement.securities_term != term:
            self.error("DD142", ("escrow", "purchase_agreement", "securities_term"),
                       f"the escrow agreement would call the securities \"{agreement.securities_term}\", but the note "
                       f"purchase agreement defines them as the \"{term}\": leave securities and securities_term out, "
                       "and the escrow agreement takes the notes' own wording")
        if not self.deal.escrows_the_notes:
            self.error("DD140", ("escrow", "purchase_agreement", "title"),
                       f"the escrow serves \"{agreement.title}\", but this deal's purchase agreement is its Note Purchase Agreement")
        if agreement.date != notes.agreement_date:
            self.error("DD141", ("escrow", "purchase_agreement", "date"),
                       f"the escrow names a purchase agreement dated {long_date(agreement.date)}, but the note purchase agreement is dated {long_date(notes.agreement_date)}")
        if not _SECTION_3.fullmatch(" ".join(agreement.closing_conditions_section.split())):
            self.error("DD144", ("escrow", "purchase_agreement", "closing_conditions_section"),
                       f"the escrow agreement would look for the closing documents in {agreement.closing_conditions_section} "
                       "of the Note Purchase Agreement, which holds its closing deliveries and conditions in Section 3: "
                       "write 'Section 3'")

    # -- conversion -----------------------------------------------------------------

    def check_conversion(self) -> None:
        notes = self.deal.notes
        if notes is None or notes.conversion is None:
            return
        conversion, path = notes.conversion, ("notes", "conversion")
        if not Decimal(0) <= conversion.discount < Decimal(100):
            self.error("DD160", (*path, "discount"),
                       f"a discount of {conversion.discount}% is not possible: a discount is at least 0 and below 100 percent")
        if conversion.qualified_financing_minimum <= 0:
            self.error("DD161", (*path, "qualified_financing_minimum"),
                       "the qualified financing minimum must be above zero: any sale of a single share would convert the notes")
        cap = conversion.valuation_cap
        if cap is not None and cap <= 0:
            self.error("DD161", (*path, "valuation_cap"), "the valuation cap must be above zero")
        if cap is None:
            choices = [(key, value) for key, value in (("at_maturity", conversion.at_maturity),
                                                       ("change_of_control", conversion.change_of_control))
                       if value in ("holder_option", "conversion")]
            for key, value in choices:
                self.error("DD162", (*path, key),
                           f"{value} converts at the Cap Price, and there is no notes.conversion.valuation_cap: state the "
                           "cap, or choose " + ("payment" if key == "change_of_control" else "repayment"))
        self._check_multiple(conversion, path)
        if notes.prepayment_allowed:
            self.warning("DD164", ("notes", "prepayment_allowed"),
                         "the notes convert, and the company may prepay them at any time: it could repay them before a "
                         "financing and cut off the conversion right")
        if conversion.discount == 0 and cap is None:
            self.warning("DD165", (*path, "discount"),
                         "no discount and no valuation cap: the notes convert at the price new investors pay, no better than cash")
        if "corporation" not in self.deal.company.entity_type.casefold():
            self.error("DD166", ("company", "entity_type"),
                       f"the notes convert into shares of stock, and the company is a {self.deal.company.entity_type}: "
                       "convertible notes need a corporation")

    def _check_multiple(self, conversion: Conversion, path: KeyPath) -> None:
        multiple = conversion.change_of_control_multiple
        pays = conversion.change_of_control in ("payment", "holder_option")
        key = (*path, "change_of_control_multiple")
        if pays and multiple is None:
            self.error("DD163", (*path, "change_of_control"),
                       f"change_of_control: {conversion.change_of_control} pays a multiple of principal: give "
                       "notes.conversion.change_of_control_multiple (e.g. 2)")
        elif not pays and multiple is not None:
            self.error("DD163", key,
                       "change_of_control: conversion pays no multiple: this term would not print; leave it out or "
                       "choose payment or holder_option")
        elif multiple is not None and multiple < 1:
            self.error("DD163", key, f"a change-of-control multiple of {multiple} pays less than the principal: it must be at least 1")

    # -- security -------------------------------------------------------------------

    def check_security(self) -> None:
        notes, company = self.deal.notes, self.deal.company
        if notes is None:
            return
        if not notes.secured:
            given = [key for key in ("collateral_agent", "security_agreement_date", "ucc_filing_office", "control_agreement_days",
                                     "control_designee") if getattr(notes, key) is not None] + (
                ["commercial_tort_claims"] if notes.commercial_tort_claims else [])
            for key in given:
                self.error("DD170", ("notes", key), f"notes.{key} is given, but the notes are not secured (notes.secured: false)")
            return
        agent = notes.collateral_agent
        if agent and name_key(agent.name) == name_key(company.name):
            self.error("DD171", ("notes", "collateral_agent", "name"),
                       "the collateral agent is the company itself: it cannot hold a security interest in its own assets for the holders")
        # without a security_agreement_date, it is dated at the closing: the closing's date is the one to blame
        dated, where = ((("notes", "security_agreement_date"), "") if notes.security_agreement_date
                        else (("notes", "closing", "date"), " (at the closing, notes.closing.date)"))
        if notes.security_date < notes.agreement_date:
            self.error("DD172", dated,
                       f"the security agreement, {long_date(notes.security_date)}{where}, is dated before the note "
                       f"purchase agreement, {long_date(notes.agreement_date)}")
        elif notes.security_date > notes.issue_date:
            self.warning("DD172", dated,
                         f"the security agreement, {long_date(notes.security_date)}{where}, is dated after the notes are issued, "
                         f"{long_date(notes.issue_date)}: security given for existing debt can be set aside as a preference "
                         "(11 U.S.C. § 547); " + ("grant it at or before the issue" if notes.security_agreement_date
                                                  else "date the notes at the closing, or give security_agreement_date "
                                                       "at or before their issue"))
        if (notes.ucc_filing_office is None and not company.registered_organization  # DD157 says what to write
                and not entity_type_problem(company.entity_type, company.state_of_organization)):
            self.warning("DD173", ("company", "entity_type"),
                         f"a {company.entity_type} is not a registered organization: its UCC-1 is filed where its chief "
                         f"executive office is, not with the Secretary of State of {company.state_of_organization}; "
                         "give notes.ucc_filing_office")

    def check_control_agreements(self) -> None:
        """DD174: the company's deposit accounts, where the notes' proceeds go, perfected by control within a stated
        time; only by control can a security interest in a deposit account as original collateral be perfected (UCC
        9-312(b)(1)), and a financing statement does not reach it."""
        notes = self.deal.notes
        if notes is None or not notes.secured:  # on unsecured notes the field is DD170 (`check_security`)
            return
        check_control_designee(self.deal, self)  # DD179, DD186, DD187: in checks.control
        days, due = notes.control_agreement_days, notes.issue_date + timedelta(days=notes.control_agreement_days or 0)
        if days is None:
            self.warning("DD174", ("notes", "secured"),
                         "the security agreement asks for control agreements over the company's deposit and securities "
                         "accounts only on request, with commercially reasonable efforts: a security interest in a "
                         "deposit account is perfected only by control (UCC § 9-312(b)(1)), not by the UCC-1, so the "
                         "accounts the notes' proceeds go into stay unperfected; give notes.control_agreement_days "
                         "(e.g. 30) to require them within that many days after the notes are issued")
        elif days == 0:
            self.error("DD174", ("notes", "control_agreement_days"),
                       "control agreements within zero (0) days after the notes are issued would be due before a bank "
                       "could sign one: give at least 1 day")
        elif due >= notes.maturity_date:
            self.warning("DD174", ("notes", "control_agreement_days"),
                         f"control agreements within {days} days after the notes are issued would be due on "
                         f"{long_date(due)}, not before the notes mature ({long_date(notes.maturity_date)}): the "
                         "deposit accounts would stay unperfected for the notes' whole term")

    def check_counsel_fees(self) -> None:
        """DD194: a payment to counsel out of the escrow says whose counsel it is and what it pays for."""
        for index, disbursement in enumerate(self.deal.escrow.disbursements if self.deal.escrow else []):
            if disbursement.role == "counsel" and not disbursement.purpose:
                self.warning("DD194", ("escrow", "disbursements", index),
                             f"the escrow pays {disbursement.payee} as counsel and does not say whose counsel it is "
                             f"or what for: the escrow agreement would read only \"{amount_figures(disbursement.amount)} "
                             f"to {disbursement.payee}\"; give its purpose, e.g. \"the legal fees and expenses of "
                             "counsel to the Company\"")

    # -- the placement agent ----------------------------------------------------------

    def check_placement_agent(self) -> None:
        deal, escrow, agent = self.deal, self.deal.escrow, self.deal.placement_agent
        paid = [(i, d) for i, d in enumerate(escrow.disbursements) if d.role == "placement_agent"] if escrow else []
        if agent is None:
            for i, disbursement in paid:
                self.error("DD180", ("escrow", "disbursements", i, "role"),
                           f"the escrow pays {disbursement.payee} as placement agent, and the term sheet names no "
                           "placement agent: add placement_agent: (name and fee_percent)")
            return
        if not Decimal(0) < agent.fee_percent < Decimal(100):
            self.error("DD183", ("placement_agent", "fee_percent"),
                       f"a placement fee of {agent.fee_percent}% is not possible: it is above 0 and below 100 percent")
            return
        if deal.gross_proceeds > LARGEST_AMOUNT:
            return  # DD109 says the total cannot be stated: a fee computed on it would only repeat that
        coverage = agent.warrant_coverage_percent
        if coverage is not None and not Decimal(0) < coverage <= Decimal(100):
            self.error("DD183", ("placement_agent", "warrant_coverage_percent"),
                       f"warrant coverage of {coverage}% is not possible: it is above 0 and at most 100 percent")
        fee, exact = deal.placement_fee, deal.placement_fee_exact
        assert fee is not None and exact is not None
        if fee != exact:
            self.warning("DD185", ("placement_agent", "fee_percent"),
                         f"{agent.fee_percent}% of the gross proceeds, {statement_figures(deal.gross_proceeds)}, is "
                         f"${exact.normalize():,f}: the fee is rounded half up to {statement_figures(fee)}; confirm it against the engagement letter")
        if escrow is not None and not paid:
            self.warning("DD184", ("placement_agent",),
                         f"the escrow pays {agent.name} nothing: its fee of {statement_figures(fee)} would be paid by the "
                         "company outside the escrow; add an escrow disbursement with role placement_agent if it is paid at release")
        for i, disbursement in paid:
            path = ("escrow", "disbursements", i)
            if not disbursement.payee.startswith(agent.name):  # a new user's trial: "LLC" for ", LLC" was found only in a document
                spelled = name_key(disbursement.payee).startswith(name_key(agent.name))
                self.error("DD182", (*path, "payee"),
                           f"the placement agent's fee is paid to {disbursement.payee}, and the placement agent is "
                           f"{agent.name} (placement_agent.name): the payee must be the agent" + (", written as its name is" if spelled else ""))
            if disbursement.amount != fee:
                self.error("DD181", (*path, "amount"),
                           f"the placement agent's fee paid from the escrow, {statement_figures(disbursement.amount)}, is not "
                           f"placement_agent.fee_percent ({agent.fee_percent}%) of the gross proceeds "
                           f"({statement_figures(deal.gross_proceeds)}), which is {statement_figures(fee)}")


_PARTIES = ("company", "purchasers", "escrow", "notes", "placement_agent")
_AMOUNTS = ("purchasers", "escrow", "notes", "placement_agent")  # the totals are the purchasers' sums
READS: dict[str, tuple[str, ...]] = {
    "check_governing_law": ("governing_law",), "check_jurisdictions": ("company", "purchasers"),
    "check_arbitration": ("notes",),
    "check_escrow_courts": ("escrow", "notes"),  # printed only without notes
    "check_dates": ("escrow", "notes"),
    "check_money": _AMOUNTS,
    "check_rates": ("notes",),
    "check_usury": ("company", "governing_law", "notes", "purchasers"),
    "check_small_rates": ("notes", "placement_agent"),
    "check_listing": ("company", "notes"),
    "check_default_thresholds": ("notes",),
    "check_parties": _PARTIES,
    "check_company_counsel": ("company_counsel", "escrow", "notes", "signature_pages_to", "company", "purchasers_counsel", "purchasers"),
    "check_addresses": ("company", "company_counsel", "escrow", "notes", "purchasers"),
    "check_notices_to_the_company": ("company", "purchasers"),
    "check_state_style": ("company", "company_counsel", "escrow", "notes", "purchasers"),
    "check_wire": ("escrow",),
    "check_wire_abroad": ("escrow", "purchasers"),  # a purchaser abroad wires by SWIFT
    "check_cross_references": ("escrow", "notes", "purchasers"),
    "check_conversion": ("company", "notes"),
    "check_security": ("company", "notes"),
    "check_control_agreements": ("notes", "purchasers"),
    "check_placement_agent": _AMOUNTS,
    "check_counsel_fees": ("escrow",),
    "check_examples_left": (),  # the file as written
    "check_pasted_text": (),
}
"""Each check of `_DealChecker`, in the order run, and the sections of the term sheet it reads (those of the
deal-wide values it reads too: a total reads the purchasers): a term sheet with a value refused in one section
still has the checks of the others (`check_deal`'s `refused`). tests/test_deal_checks.py holds each check to it."""


SECTION_WISE = frozenset({"check_jurisdictions", "check_money", "check_addresses", "check_state_style"})
"""The checks that read each of their sections apart, given those not refused (a new user's trial: a typo in a
purchaser's amount held back the company's "Deleware" until it was mended)."""


def waiting(refused: frozenset[str]) -> tuple[str, ...]:
    """The sections in `refused` that some check reads, in the term sheet's order: what a user is told waits."""
    read = {section for sections in READS.values() for section in sections} | {"escrow", "notes"}
    return tuple(name for name in Deal.model_fields if name in refused and name in read)


def check_deal(deal: Deal, source: TermSheetSource, *, refused: frozenset[str] = frozenset()) -> list[Finding]:
    """Every term sheet check, all findings at once; those reading a section in `refused` left out (a section with
    a value the loader refused: `deal` then holds None for it, `loader.validate`)."""
    return _DealChecker(deal, source).run(refused)
