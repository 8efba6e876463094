"""Blue-sky filings: each state where the securities are sold, and what it asks of the company, by when.

One filing per state where a purchaser resides (the state of its address), and
where the company's office is for a state that counts sales made from it:
15 days after the first sale in the state. Verified for New York (13 NYCRR
Part 10: from December 2, 2020, Form D within 15 days after the first sale
within or from New York; before, Form 99, the issuer's registration as a
dealer in its own securities under General Business Law § 359-e, before its
first offer or sale there) and Connecticut (Conn. Gen. Stat. § 36b-21(e) and
the Department of Banking's Rule 506 instructions: within 15 days after the
first sale in or from the state) and New Jersey (N.J.A.C. 13:47A-7.10(b),
read as in force in 2024: within 15 days after the first sale in the state,
through NASAA's EFD, with a $500 fee); for every other state, and for New
Jersey before 2024, the 15 days are the general rule, shown as unverified. No
weekend or holiday extension is assumed for a state. `closing.deliverables`
lists them on the checklist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dealdocs.closing.filings import NOT_YET_SET
from dealdocs.closing.holidays import non_business_day
from dealdocs.closing.law_in_force import first_sale, first_sale_words
from dealdocs.closing.notes_delivery import counsel
from dealdocs.closing.states import State, in_united_states, us_state
from dealdocs.termsheet.model import Deal
from dealdocs.words import join_list, long_date

__all__ = ["BlueSky", "blue_sky_due", "blue_sky_filer", "blue_sky_states", "blue_sky_title", "due_before_the_offer"]


@dataclass(frozen=True)
class BlueSky:
    """A state where the securities are sold: where a purchaser resides, or the company's office (sales from it)."""

    state: State | None  # None: a US address whose state is not recognized
    written: str  # the state as the address writes it
    purchasers: tuple[str, ...]
    from_office: bool = False


# States whose notice-filing rule for Rule 506 offerings was checked against their own rules (see the docstring).
_VERIFIED_BLUE_SKY = {  # state -> (the rule, the first sale from which it applies, or was checked as in force)
    "NY": ("13 NYCRR Part 10", date(2020, 12, 2)),
    "CT": ("Conn. Gen. Stat. § 36b-21(e)", None),
    "NJ": ("N.J.A.C. 13:47A-7.10(b)", date(2024, 1, 1)),  # a partner's read of the fund example: "[unverified]"
}
_FROM_STATE = {"NY", "CT"}  # sales made from the state count too ("within or from", "in or from")
_BLUE_SKY_DAYS = 15


def blue_sky_states(deal: Deal) -> list[BlueSky]:
    """Each state where the securities are sold, by name: where a purchaser resides, or the company's office."""
    found: dict[str, BlueSky] = {}
    for purchaser in deal.purchasers:
        if not in_united_states(purchaser.address):
            continue
        state = us_state(purchaser.address)
        key = state.name if state else purchaser.address.state
        entry = found.get(key) or BlueSky(state, purchaser.address.state, ())
        found[key] = BlueSky(entry.state, entry.written, (*entry.purchasers, purchaser.name))
    office = us_state(deal.company.address)
    if office is not None and office.code in _FROM_STATE:
        entry = found.get(office.name) or BlueSky(office, deal.company.address.state, ())
        found[office.name] = BlueSky(entry.state, entry.written, entry.purchasers, from_office=True)
    return [found[key] for key in sorted(found)]


def blue_sky_title(deal: Deal, subject: object) -> str:
    """The checklist's row for a state: what is filed there, and why there."""
    assert isinstance(subject, BlueSky)
    where = subject.state.name if subject.state else f"{subject.written} (not recognized as a US state)"
    reasons = []
    if subject.from_office:
        reasons.append(f"sales made from {deal.company.name}'s office there")
    if subject.purchasers:  # last: a list of names that hold commas is told apart by semicolons (`join_list`)
        reasons.append(f"purchasers residing there: {join_list(subject.purchasers)}")
    if due_before_the_offer(deal, subject):  # a registration, not a notice
        filing, what = ("Blue-sky filing", f"Form 99, {deal.company.name}'s registration as a dealer in its own "
                        "securities (General Business Law § 359-e), with its fee and consent to service of process")
    else:
        filing, what = "Blue-sky notice filing", "Form D, fee and consent to service of process"
    return f"{filing}, {where}: {what} ({'; '.join(reasons)})"


def due_before_the_offer(deal: Deal, subject: object) -> bool:
    """Whether the state's filing is due before the first offer there: New York, which had the issuer register as a
    dealer before its first offer or sale there (Form 99) until December 2, 2020 (a partner's read: the 2005 deal's
    row said 15 days after the sale)."""
    assert isinstance(subject, BlueSky)
    sold, since = first_sale(deal), _VERIFIED_BLUE_SKY["NY"][1]
    return (subject.state is not None and subject.state.code == "NY" and sold is not None and since is not None
            and sold < since)


def blue_sky_due(deal: Deal, subject: object) -> tuple[date | None, str, bool]:
    """When a state's filing is due: (the day, how it was reckoned, whether the state's own rule was checked)."""
    assert isinstance(subject, BlueSky)
    sold = first_sale(deal)
    if sold is not None and due_before_the_offer(deal, subject):  # a reviewer's: the offer comes before the signing
        since = _VERIFIED_BLUE_SKY["NY"][1]
        assert since is not None
        # a partner's read: "13 NYCRR Part 10 before December 2, 2020" in the Due column read as a deadline
        return (sold, f"Before the first offer in or from New York, and in any case before the first sale there "
                      f"({first_sale_words(deal, sold)}); General Business Law § 359-e and 13 NYCRR Part 10 as they "
                      f"stood before {long_date(since)}", True)
    source, since = _VERIFIED_BLUE_SKY.get(subject.state.code if subject.state else "", (None, None))
    if since is not None and sold is not None and sold < since:
        source = None  # the rule verified is later than the sale
    from_state = source is not None and subject.state is not None and subject.state.code in _FROM_STATE
    rule = f"{_BLUE_SKY_DAYS} days after the first sale in {'or from ' if from_state else ''}the state"
    caveat = f"; {source}" if source else "; the general rule, not verified for this state and date: confirm it"
    if sold is None:
        return (None, f"{rule} {NOT_YET_SET}{caveat}", source is not None)
    day = sold + timedelta(days=_BLUE_SKY_DAYS)
    text = f"{long_date(day)}: {rule} ({first_sale_words(deal, sold)}){caveat}"
    if why := non_business_day(day):
        text += f"; it is {why}, and no later day is assumed"
    return day, text, source is not None


_EFD_OPENED = date(2014, 1, 1)  # NASAA's Electronic Filing Depository took Form D notice filings from 2014


def blue_sky_filer(deal: Deal, _: object) -> str:
    """Who files a state's notice, and how: through NASAA's EFD from 2014."""
    sold = first_sale(deal)
    how = "through NASAA's EFD or with the state" if sold is None or sold >= _EFD_OPENED else "with the state"
    return f"{counsel(deal, True)} (files it {how})"
