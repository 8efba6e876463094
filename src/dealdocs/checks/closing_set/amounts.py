"""DD410-DD418: the money of a closing set: notes against what the purchase agreement sells and their own captions, prices, fees.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD410 | error    | a note's principal differs from what the purchase agreement sells: the note it describes ("a $600,000 principal amount promissory note") or the purchaser's row of its schedule |
| DD411 | error    | the notes of the set add up to a principal other than the aggregate the purchase agreement states |
| DD412 | error    | the aggregate purchase price (or subscription amount) stated differently in two documents |
| DD413 | error    | a fee or disbursement to one payee stated differently in two documents ("$15,000.00 to Whitfield & Crane LLP") |
| DD414 | error    | a note whose caption shows one figure ("$2,000,000.00") and whose text promises to pay another ("the principal sum of One Million Dollars ($1,000,000.00)"), or whose signature page's caption ("[Signature Page to Promissory Note No. 3 in the principal amount of $100,000.00 payable to ...]") gives another principal or payee than its text |
| DD415 | warning  | a note payable to a payee that the schedule of purchasers of the purchase agreement does not list, nor spells another way (DD401's): its principal is in no purchaser's row |
| DD416 | error    | a purchaser's amount in another document's schedule (the escrow agreement's Schedule A of subscription amounts) differs from the purchase price of its row of the purchase agreement's schedule; the escrow agreement's schedule leaves out a purchaser; any document's schedule whose Total (of principal or of price) is not the sum of its rows, also by `lint` of the file alone |
| DD417 | error    | a document's aggregate purchase price (or subscription amount) other than the sum of its own schedule's purchase prices (or subscription amounts) |
| DD418 | error    | more notes of the set payable to a purchaser than the purchase agreement's schedule gives it (a note duplicated, or one more issued than sold) |

What a purchase agreement sells is read from its own text (its exhibits
left out): "a $600,000 principal amount promissory note (the "Note")" is one
note of $600,000.00; "the Notes being in the aggregate principal amount of
Two Million Dollars ($2,000,000.00)" is the aggregate. A schedule of
purchasers is read as Word tables come out as paragraphs: the header cells
("Purchaser", "Principal Amount of Note", "Purchase Price"), then each row's
name and figures (a "Subtotal" row is none), up to its "Total" row. A note is the purchaser's when its
payee is the row's name (spelt as `names.difference` allows: another
spelling is DD401's); a note whose payee is no row's is reported (DD415),
never left out of the comparison unsaid. The aggregate
is compared only when the set holds a note for every purchaser of the
schedule and no note already differs from its row; a set that leaves out
some notes is not wrong for it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from dealdocs.checks.closing_set.common import DATE, IN_WORDS_THEN, MONEY, Place, dollars, money, place
from dealdocs.checks.closing_set.documents import ClosingSet, SetDocument, same_deal
from dealdocs.checks.closing_set.names import bare_name, described, difference, entity_at, holding, key, spelling_keys
from dealdocs.checks.closing_set.note_terms import BLANK
from dealdocs.findings import Finding, error, warning
from dealdocs.lexicon import CORPORATE_SUFFIX_PATTERN

_SOLD_FIGURE_FIRST = re.compile(
    MONEY.pattern + r"\s+(?P<agg>aggregate\s+)?principal\s+amount\s+(?:of\s+)?(?:[\w-]+\s+){0,4}?(?P<noun>[Nn]otes?)\b"
)
_SOLD_FIGURE_AFTER = re.compile(
    r"(?P<noun>\b[Nn]otes?)\b[^.;$()]{0,60}?\b(?P<agg>aggregate\s+)?principal\s+amount\s+of\s+" + IN_WORDS_THEN + MONEY.pattern
)
_AGGREGATE_PRICE = re.compile(
    r"\baggregate\s+(?P<what>(?i:purchase\s+price|subscription\s+amount)s?)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*)?"
    r"(?:\s+(?:is|shall\s+be|of|equal\s+to|equals)\s+"
    # "the aggregate subscription amounts set forth on Schedule A, Two Million Dollars ($2,000,000.00) in all"
    r"|\s+(?:set\s+forth|listed|shown)\s+(?:on|in)\s+(?:Schedule|Exhibit|Annex)\s+[\w.-]+,\s+(?=.{0,250}?\s+in\s+all\b))"
    + IN_WORDS_THEN + MONEY.pattern
)
_BOUND = re.compile(r"(?i)\b(?:up\s+to|not\s+(?:to\s+)?exceed|exceeding|maximum|minimum|at\s+(?:least|most)|(?:less|more)\s+than|"
                    r"in\s+excess\s+of|sum\s+of)\b")
"""Words that make an amount a bound or a sum to be worked out, not the aggregate stated: "up to", "not to exceed"."""
_TO_PAYEE = re.compile(MONEY.pattern + r"\s+(?:(?:shall\s+be\s+)?payable\s+|paid\s+)?to\s+")
_PER_UNIT = re.compile(r"\bper\b|\b(?:exercise|conversion)\b")
"""A column of a price per share, unit or warrant, or an exercise or conversion price: no purchaser's amount."""
_HEADER_NAME = re.compile(r"(?i)\s*(?:name\s+of\s+)?(?:purchasers?|investors?|holders?|lenders?)(?:\s+name)?\s*")
_ONLY_MONEY = re.compile(r"\s*" + MONEY.pattern + r"\s*")
_SUBTOTAL = re.compile(r"(?i)sub[\s-]?total\b")
"""A schedule's "Subtotal" row (one per closing): the rows above it again, no purchaser's."""
_TOTAL = re.compile(r"(?i)totals?(?!\w)")  # the Total row: the word, not a name it begins ("TotalEnergies Ventures")


@dataclass(frozen=True)
class Row:
    """One purchaser's row of a schedule: its name and figures (None where the column is not there)."""

    name: str
    principal: Decimal | None
    price: Decimal | None
    place: Place


@dataclass(frozen=True)
class Sale:
    """What a purchase agreement says it sells: one note or the aggregate, with where it says so."""

    amount: Decimal
    single: bool
    place: Place


def check(closing: ClosingSet) -> Iterator[Finding]:
    """DD410-DD418 across the documents of `closing`."""
    notes = _notes(closing)
    yield from _faces(notes)
    schedules = [(agreement, *schedule(agreement)) for agreement in closing.of_kind("purchase agreement")]
    schedules = [(agreement, _Rows(rows), total) for agreement, rows, total in schedules]  # each read once
    others = [(d, *schedule(d)) for d in closing.documents if d.kind not in ("purchase agreement", "note")]
    for agreement, rows, total in schedules:
        yield from _notes_sold(agreement, rows, [(d, terms) for d, terms in notes if same_deal(d, agreement)])
        yield from _own_schedule(agreement, rows.rows)
        yield from _total(rows.rows, total)
    for document, rows, total in others:
        yield from _own_schedule(document, rows)
        yield from _total(rows, total)
    yield from _unlisted(schedules, notes)
    yield from _scheduled_prices(schedules, others)
    yield from _prices(closing)
    yield from _fees(closing)


def check_alone(closing: ClosingSet) -> Iterator[Finding]:
    """DD414 on each note of `closing`; DD417, and DD416 of its schedule's Total, on each other document: each
    against itself, as `check` says them too."""
    yield from _faces(_notes(closing))
    for document in closing.documents:
        if document.kind != "note":  # a note has no schedule of purchasers
            rows, total = schedule(document)
            yield from _own_schedule(document, rows)
            yield from _total(rows, total)


def _notes(closing: ClosingSet) -> list:
    """(document, its terms) of each note of `closing` that states its principal."""
    notes = [(d, closing.note_terms(d)) for d in closing.of_kind("note")]
    return [(d, terms) for d, terms in notes if "principal" in terms and terms["principal"].value != BLANK]


# ---------------------------------------------------------------- a note against itself


def _faces(notes: list) -> Iterator[Finding]:
    """DD414: each note's caption figure, and what its signature page's caption says of its principal and payee,
    against the principal it promises to pay and to whom (a figure or name a caption leaves blank, in a form, is not
    compared; a payee's name capitalized or punctuated otherwise is DD210's)."""
    for _, terms in notes:
        face, principal = terms.get("face amount"), terms["principal"]
        if face is not None and face.value not in (BLANK, None) and face.value != principal.value:
            yield error(
                "DD414",
                f"the note's caption shows {dollars(face.value)}, but the note promises to pay {dollars(principal.value)} "
                f"({principal.place.at()}: {principal.place.quoted()}): the figure on a note's face is "
                "its principal",
                face.place.location,
                (principal.place.location,),
            )
        signed = terms.get("signature page principal")
        if signed is not None and signed.value not in (BLANK, None) and signed.value != principal.value:
            yield error(
                "DD414",
                f"the note's signature page is captioned for {dollars(signed.value)}, but the note promises to pay "
                f"{dollars(principal.value)} ({principal.place.at()}: {principal.place.quoted()})",
                signed.place.location,
                (principal.place.location,),
            )
        yield from _signed_payee(terms)


def _signed_payee(terms: dict) -> Iterator[Finding]:
    """DD414: the payee a note's signature page is captioned to against the one its text promises to pay."""
    signed, payee = terms.get("signature page payee"), terms.get("payee")
    if signed is None or payee is None or BLANK in (signed.value, payee.value):
        return
    captioned, promised = _captioned(signed.value), bare_name(payee.value)
    how = difference(captioned, promised)
    if not (read(captioned) and read(promised)) or key(captioned) == key(promised) or how in _SAME_PARTY:
        return
    yield error(
        "DD414",
        f'the note\'s signature page is captioned payable to "{captioned}", but the note promises to pay "{promised}" '
        f"({payee.place.at()})" + (f": {described(how)}" if how else ""),
        signed.place.location,
        (payee.place.location,),
    )


# ---------------------------------------------------------------- notes against the purchase agreement


def _notes_sold(agreement: SetDocument, by_name: _Rows, notes: list) -> Iterator[Finding]:
    sales = list(_sales(agreement))
    rows = by_name.rows
    single = next((s for s in sales if s.single), None)
    aggregate = next((s for s in sales if not s.single), None)
    if single and len(notes) == 1 and not rows:
        document, terms = notes[0]
        principal = terms["principal"]
        if principal.value != single.amount:
            yield error(
                "DD410",
                f"the note is for {dollars(principal.value)} ({principal.place.quoted()}), but the "
                f"{agreement.title or agreement.name} ({single.place.cite()}) sells {single.place.quoted()}: "
                f"{dollars(single.amount)}",
                principal.place.location,
                (single.place.location,),
            )
        return
    if not rows:
        return
    matched: dict[str, Decimal] = {}
    differs = False
    issued: dict[str, list] = {}  # a row's name -> the principals of the notes payable to it
    for document, terms in notes:
        payee = terms.get("payee")
        row = by_name.of(payee.value) if payee and payee.value != BLANK else None
        if row is None or row.principal is None:
            continue
        issued.setdefault(row.name, []).append(terms["principal"])
        matched[row.name] = terms["principal"].value
        principal = terms["principal"]
        if principal.value != row.principal:
            differs = True
            yield error(
                "DD410",
                f"the note payable to {payee.shown} is for {dollars(principal.value)} ({principal.place.quoted()}), but the "
                f"schedule of the {agreement.title or agreement.name} gives {row.name} a note of "
                f"{dollars(row.principal)} ({row.place.cite()})",
                principal.place.location,
                (row.place.location,),
            )
    yield from _more_notes(agreement, rows, issued)
    if aggregate and not differs and len(matched) == len(rows) and sum(matched.values()) != aggregate.amount:
        yield error(
            "DD411",
            f"the {len(matched)} notes of the set add up to {dollars(sum(matched.values()))}, but the "
            f"{agreement.title or agreement.name} states an aggregate principal amount of "
            f"{dollars(aggregate.amount)}: {aggregate.place.quoted()}",
            aggregate.place.location,
            tuple(terms["principal"].place.location for _, terms in notes),
        )


def _more_notes(agreement: SetDocument, rows: list[Row], issued: dict[str, list]) -> Iterator[Finding]:
    """DD418: more notes payable to a purchaser than its rows of the schedule (a new user's trial: a fourth note to
    Margaret Chen, the notes $2,250,000.00 against an aggregate of $2,000,000.00, passed `lint --set`: DD411 adds up
    one note a row)."""
    for name, principals in issued.items():
        listed = [row for row in rows if row.name == name]
        if len(principals) <= len(listed):
            continue
        extra = principals[len(listed)]
        yield error(
            "DD418",
            f"{len(principals)} notes of the set are payable to {name} ({', '.join(dollars(p.value) for p in principals)}),"
            f" but the schedule of the {agreement.title or agreement.name} gives it {len(listed)} "
            f"({listed[0].place.cite()}): a note duplicated, or one more issued than sold",
            extra.place.location,
            (*(p.place.location for p in principals if p is not extra), listed[0].place.location),
        )


def _sales(agreement: SetDocument) -> Iterator[Sale]:
    for para in agreement.main:
        for pattern in (_SOLD_FIGURE_FIRST, _SOLD_FIGURE_AFTER):
            for match in pattern.finditer(para.text):
                amount = money(match["figure"])
                if amount is not None:
                    single = not match["agg"] and match["noun"].lower() == "note"
                    yield Sale(amount, single, place(agreement.name, para, match.start(), match.end()))


def schedule(document: SetDocument) -> tuple[list[Row], Row | None]:
    """The purchasers' rows of the document's schedule, and its "Total" row, read from table cells."""
    paras = [p for p in document.outline.paras if p.part > 0 and p.text.strip()]
    for start, para in enumerate(paras):
        if not _HEADER_NAME.fullmatch(para.text):
            continue
        first_figure = next((k for k in range(start + 1, min(len(paras), start + 8)) if _ONLY_MONEY.fullmatch(paras[k].text)), None)
        if first_figure is None or first_figure - 1 <= start:
            continue
        headers = [p.text.strip().lower() for p in paras[start : first_figure - 1]]
        principal_at = next((k for k, h in enumerate(headers) if "principal" in h), None)
        price_at = next((k for k, h in enumerate(headers) if ("price" in h or "subscription" in h)
                         and not _PER_UNIT.search(h)), None)  # not a price per share (a code review)
        return _rows(document, paras[first_figure - 1 :], len(headers), principal_at, price_at)
    return [], None


def _rows(document: SetDocument, cells: list, width: int, principal_at: int | None, price_at: int | None):
    rows: list[Row] = []
    for k in range(0, len(cells) - width + 1, width):
        row_cells = cells[k : k + width]
        figures = [_ONLY_MONEY.fullmatch(c.text) for c in row_cells[1:]]
        if _ONLY_MONEY.fullmatch(row_cells[0].text) or not any(figures):
            break

        def figure(at: int | None):
            match = figures[at - 1] if at else None
            return money(match["figure"]) if match else None

        name = " ".join(row_cells[0].raw.split())
        if _SUBTOTAL.match(name):
            continue  # the rows above it again (a schedule of two closings): no purchaser's
        row = Row(name, figure(principal_at), figure(price_at), place(document.name, row_cells[0], 0, len(row_cells[0].raw)))
        if _TOTAL.match(name):
            return rows, row
        rows.append(row)
    return rows, None


class _Rows:
    """A schedule's rows, found by the name a note gives its payee (`names.bare_name`: without "to the order of" or
    ", a Delaware limited liability company"): that name exactly, else the rows spelling the same party another way
    (`names.difference`: a misspelt word, joint holders with one left out, a trust's other date), else those whose
    name the payee's begins (or that begin it), but for a capacity: "Margaret Chen" for "Margaret Chen 88 Garden
    Place ...", not "Ramon Ortiz" for "Ramon Ortiz, as joint tenants"."""

    def __init__(self, rows: list[Row]):
        self.rows = rows
        self._exact: dict[str, list[Row]] = defaultdict(list)
        self._keyed: dict[object, list[Row]] = defaultdict(list)
        self._letters: dict[str, list[Row]] = defaultdict(list)
        self._opening: dict[tuple[str, ...], list[Row]] = defaultdict(list)
        for row in rows:
            name = bare_name(row.name)
            self._exact[name].append(row)
            self._letters[key(name)].append(row)
            for k in spelling_keys(name):
                self._keyed[k].append(row)
            self._opening[_opening(name)].append(row)

    def of(self, payee: str) -> Row | None:
        """The payee's row, when one row is."""
        found, _ = self.found(payee)
        return found[0] if len(found) == 1 else None

    def found(self, payee: str) -> tuple[list[Row], bool]:
        """The rows that may be the payee's, and whether the schedule writes the payee's name exactly."""
        name = bare_name(payee)
        exact = self._exact.get(name)
        if exact:
            return exact, True
        return self._near(name) or self._begun(name), False

    def _near(self, payee: str) -> list[Row]:
        """The rows of the payee's letters ("MARGARET CHEN" for "Margaret Chen": `difference` compares capitals as
        capitals, and finds them the same), else those spelling it another way."""
        same = self._letters.get(key(payee))
        if same:
            return list(same)
        candidates = {id(r): r for k in spelling_keys(payee) for r in self._keyed.get(k, [])}
        return [r for r in candidates.values() if difference(bare_name(r.name), payee) is not None]

    def _begun(self, payee: str) -> list[Row]:
        found = []
        for row in self._opening.get(_opening(payee), []):
            name = bare_name(row.name)
            shorter, longer = sorted((name, payee), key=len)
            if longer.startswith(shorter) and _GOES_ON.match(longer, len(shorter)) and not (
                _OTHER_OWNER.match(longer, len(shorter)) or holding(longer) and not holding(shorter)
            ):
                found.append(row)
        return found


_GOES_ON = re.compile(r"\s*[,(]|\s+(?:\d|c/o\b)")
"""What may follow a party's name in a schedule's cell or a note's payee but is not of it: an address, a comma."""


_OTHER_OWNER = re.compile(
    r",?\s*\(?\s*(?:(?:Jr|Sr)\b\.?|(?:II|III|IV)\b|IRA\b|(?:F/B/O|FBO)\b|(?i:as|custodian|for\s+the\s+benefit)\b)"
)
"""What continues a name into another owner's: "John Smith, Jr.", "John Smith (IRA)", "John Smith FBO ...",
"Margaret Chen, as custodian for ..." or any capacity ("..., as agent"): not the bare name's party."""
_SUFFIX_ONLY = re.compile(rf"(?i:{CORPORATE_SUFFIX_PATTERN})")
_SAME_PARTY = ("capitals", "punctuation", "reworded")
_CAPTION_DATED = re.compile(r",?\s+dated\s+(?:as\s+of\s+)?" + DATE.pattern + r"\s*$")


def read(name: str) -> bool:
    """Whether a payee's name is read whole: two words or more, not a corporate suffix alone ("LLC", "Ltd.", "Chen"
    are what a name written in a way not read leaves)."""
    words = [w for w in name.split() if any(c.isalnum() for c in w)]
    return len(words) > 1 and not _SUFFIX_ONLY.fullmatch(name.strip(" ,"))


def _captioned(name: str) -> str:
    """A signature page caption's payee, as its note's text would name it: without "or registered assigns", "a Cayman
    Islands exempted company" (`bare_name`), or the note's date ("dated June 10, 2026"); a date right after a trust's
    name is the trust's own ("the Smith Trust dated June 1, 2000"), one after a trust's own date the note's ("... Trust
    u/a/d June 14, 2011, dated June 10, 2026")."""
    name = bare_name(name)
    dated = _CAPTION_DATED.search(name)
    if dated is None:
        return name
    before = name[: dated.start()]
    trusts = re.search(r"\bTrust\s*$", before) is not None and DATE.search(before) is None  # not "Trust Company, LLC"
    return name if trusts else before


def _opening(name: str) -> tuple[str, ...]:
    return tuple(key(word) for word in name.split()[:2])


def _unlisted(schedules: list, notes: list) -> Iterator[Finding]:
    """DD415: a note whose payee no schedule of notes (one with a principal column) of a purchase agreement of its
    deal lists, nor spells another way, or that two rows might be: its principal is in no row, so the rows and the
    aggregate say nothing of it. A payee not read whole (one word, a suffix alone) is not reported. A warning: it
    is a reading of a name, and a build must never be blocked by a reading of its own words."""
    schedules = [(a, rows) for a, rows, _ in schedules if any(row.principal is not None for row in rows.rows)]
    for document, terms in notes:
        payee = terms.get("payee")
        ours = [(a, rows) for a, rows in schedules if same_deal(document, a)]
        if payee is None or payee.value == BLANK or not ours or not read(bare_name(payee.value)):
            continue
        found = [rows.found(payee.value) for _, rows in ours]
        if any(exact or len(rows) == 1 for rows, exact in found):
            continue
        agreement, by_name = ours[0]
        first, count = by_name.rows[0], len(by_name.rows)
        maybe = "; or ".join(row.name for row in found[0][0])
        among = "its one purchaser" if count == 1 else f"its {count} purchasers"
        principal = terms["principal"].value
        # a row of the note's principal: the purchaser the note may be, its payee misnamed (a new user's trial: "no row
        # sells the note's $600,000.00" was said beside the $600,000.00 row of "Blue Heron Ventures, LLC")
        priced = [row for row in by_name.rows if principal in (row.principal, row.price)]
        if maybe:
            why = f" (it may mean {maybe}): its principal is in no row of the schedule under its payee's name"
        elif priced:
            named = "; ".join(f"{row.name} ({row.place.at()})" for row in priced[:3])
            why = (f": the row{'s' if len(priced) > 1 else ''} of {dollars(principal)}, the note's principal, "
                   f"{'are' if len(priced) > 1 else 'is'} {named}: if the note is that purchaser's, its payee is misnamed")
        else:
            why = f": no row of it sells the note's {dollars(principal)}"
        yield warning(
            "DD415",
            f"the note is payable to {payee.shown}, whom the schedule of the {agreement.title or agreement.name} "
            f"({first.place.cite()}) does not list among {among}" + why,
            payee.place.location,
            (first.place.location,),
        )


# ---------------------------------------------------------------- prices and fees in two documents


def _same_purchaser(rows: _Rows, name: str) -> Row | None:
    """The one row of `rows` written as `name`, or with its letters in another case or punctuation; not a name spelt
    another way ("Ramona Ortiz" for "Ramon Ortiz", another trust's date): that is DD401's, and may be another
    purchaser (a code review)."""
    found, exact = rows.found(name)
    if len(found) != 1:
        return None
    return found[0] if exact or key(bare_name(found[0].name)) == key(bare_name(name)) else None


def _scheduled_prices(schedules: list, others: list) -> Iterator[Finding]:
    """DD416: each purchaser's amount in the schedule of a document other than a purchase agreement or a note (the
    escrow agreement's subscription amounts) against the purchase price of its one row of a purchase agreement's
    schedule of the same deal. A row the purchase agreement's schedule does not have, or has twice, is left to the
    other checks (the parties', DD401)."""
    priced = [(agreement, rows) for agreement, rows, _ in schedules if any(row.price is not None for row in rows.rows)]
    if not priced:
        return
    for document, rows, _ in others:  # not the notes: a deal's 5,000 notes, no same_deal for each
        agreements = [by_name for agreement, by_name in priced if same_deal(agreement, document)]
        if not agreements or not rows:
            continue
        yield from _left_out(document, rows, agreements[0])
        for row in rows:
            theirs = next((found for by_name in agreements if (found := _same_purchaser(by_name, row.name)) is not None
                           and found.price is not None), None)
            if row.price is not None and theirs is not None and theirs.price != row.price:
                yield error(
                    "DD416",
                    f"{row.name}'s amount is {dollars(row.price)} in this schedule ({row.place.at()}), but its "
                    f"purchase price is {dollars(theirs.price)} in the schedule of {theirs.place.cite()}",
                    row.place.location,
                    (theirs.place.location,),
                )


def _left_out(document: SetDocument, rows: list[Row], theirs: _Rows) -> Iterator[Finding]:
    """DD416: an escrow agreement's schedule that leaves out a purchaser of the purchase agreement's (the escrow agent
    has no amount to match its wire to)."""
    if document.kind != "escrow agreement":
        return
    ours = _Rows(rows)
    for row in theirs.rows:
        if not ours.found(row.name)[0]:  # spelt another way is there: DD401's
            yield error("DD416", f"{row.name}, a purchaser in the schedule of {row.place.cite()}, is not in this "
                                 "schedule: the escrow agent has no amount to match its wire to",
                        rows[0].place.location, (row.place.location,))


def _total(rows: list[Row], total: Row | None) -> Iterator[Finding]:
    """DD416: a schedule's Total row against the sum of its rows, in each column it gives a figure for (principal,
    price) and every row does; one finding for the row (a new user's trial: the Total of the Note Purchase
    Agreement's Schedule I changed, alone, passed `lint` and `lint --set`). The same for the file alone and in a
    set: `lint --set` says it once."""
    if total is None or not rows:
        return
    columns = [(what, [getattr(row, what) for row in rows], getattr(total, what)) for what in ("principal", "price")]
    off = [(what, sum(figures), stated) for what, figures, stated in columns
           if stated is not None and None not in figures and sum(figures) != stated]
    if not off:
        return
    both = all(stated is not None for _, _, stated in columns)  # which column, when the Total gives two
    added = " and ".join(dollars(amount) + (f" of {_COLUMN[what]}" if both else "") for what, amount, _ in off)
    stated = " and ".join(dollars(stated) for _, _, stated in off)
    yield error("DD416", f"the schedule's rows add up to {added}, but its Total is {stated} ({total.place.at()})",
                total.place.location)


_COLUMN = {"principal": "principal", "price": "purchase price"}


def _own_schedule(document: SetDocument, rows: list[Row]) -> Iterator[Finding]:
    """DD417: the first aggregate purchase price (or subscription amount) `document` states against the sum of the
    purchase prices (or subscription amounts) of its own schedule's `rows` (a new user's trial: the Note Purchase
    Agreement's 2.1 changed to $1,250,000.00, its Schedule I's prices and Total left at $1,200,000.00, passed)."""
    prices = [row.price for row in rows]
    stated = next(_aggregate_prices(document), None)
    if stated is None or not prices or None in prices or stated[1] == sum(prices):
        return
    what, amount, where = stated
    yield error("DD417", f"the aggregate {what} is {dollars(amount)} here ({where.quoted()}), but the {what}s in the "
                         f"schedule ({rows[0].place.at()}) add up to {dollars(sum(prices))}",
                where.location, (rows[0].place.location,))


def _aggregate_prices(document: SetDocument) -> Iterator[tuple[str, Decimal, Place]]:
    """(what it is called, amount, place) for each aggregate price the document states."""
    for para in document.main:
        for match in _AGGREGATE_PRICE.finditer(para.text) if "aggregate" in para.text else ():
            if _BOUND.search(match.group()):
                continue  # "of up to Five Million Dollars ($5,000,000.00) for all closings": a cap (a code review)
            amount = money(match["figure"])
            what = " ".join(match["what"].lower().split()).removesuffix("s")
            if amount is not None:  # quoted to its closing parenthesis: "Two Million Dollars ($2,000,000.00)"
                end = match.end() + (para.text.startswith(")", match.end()) and "(" in match.group())
                yield what, amount, place(document.name, para, match.start(), end)


def _fees(closing: ClosingSet) -> Iterator[Finding]:
    """DD413: each payee's amounts in one document against an earlier document's of the same deal."""
    paid: dict[str, dict[str, list[tuple[Decimal, Place, str]]]] = defaultdict(dict)
    documents = {d.name: d for d in closing.documents}
    for document in closing.documents:
        for para in document.main:
            for match in _TO_PAYEE.finditer(para.text) if "$" in para.text else ():
                payee = entity_at(para.text, match.end())
                amount = money(match["figure"])
                if payee and amount is not None:
                    name = " ".join(para.raw[payee.start() : payee.end()].split())
                    paid[key(name)].setdefault(document.name, []).append(
                        (amount, place(document.name, para, match.start(), payee.end()), name)
                    )
    for by_document in paid.values():
        names = list(by_document)
        for later_at, later in enumerate(names):
            stated = by_document[later]
            earlier = next(
                (e for e in names[:later_at] if same_deal(documents[e], documents[later])
                 and not {a for a, _, _ in stated} & {a for a, _, _ in by_document[e]}),
                None,
            )  # fmt: skip
            if earlier is None:
                continue
            (amount, where, name), (other_amount, other_where, _) = stated[0], by_document[earlier][0]
            yield error(
                "DD413",
                f"{dollars(amount)} is paid to {name} here ({where.quoted()}), but {other_where.document} "
                f"({other_where.at()}) pays {name} {dollars(other_amount)}",
                where.location,
                (other_where.location,),
            )


_PAID = {"subscription amount": "purchase price"}


def _prices(closing: ClosingSet) -> Iterator[Finding]:
    """DD412: each document's first statement of an aggregate price against an earlier one's of the same deal."""
    stated: list[tuple[SetDocument, str, Decimal, Place]] = []
    for document in closing.documents:
        own: dict[str, tuple[Decimal, Place]] = {}
        for what, amount, where in _aggregate_prices(document):
            own.setdefault(what, (amount, where))
        for what, (amount, where) in own.items():
            # the subscription amounts an escrow agent holds are the purchase prices the agreement states
            other = next((s for s in stated if _PAID.get(s[1], s[1]) == _PAID.get(what, what) and same_deal(s[0], document)), None)
            stated.append((document, what, amount, where))
            if other is not None and other[2] != amount:
                yield error(
                    "DD412",
                    f"the aggregate {what} is {dollars(amount)} here ({where.quoted()}), but {dollars(other[2])} in "
                    f"{other[3].document} ({other[3].at()})",
                    where.location,
                    (other[3].location,),
                )
