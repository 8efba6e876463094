"""The filings after the signing: Form D, Form 8-K, and the placement agent's filing with FINRA.

Each is counted from the first sale, the purchase agreement's signing (`law_in_force.first_sale`), never the clock:

* Form D: Rule 503(a)(1) of Regulation D (17 CFR 230.503(a)(1)): no later than 15 calendar days after the first
  sale, and when the 15th day is a Saturday, Sunday or holiday, the first business day after it (federal holidays,
  `closing.holidays`). The SEC dates the first sale on the day the first investor is irrevocably contractually
  committed to invest (the Form D instructions), which is when the purchasers sign the purchase agreement
  (`notes.agreement_date`, or the escrow's `purchase_agreement.date`), not the later closing or release: counting
  from the closing would miss the filing. Electronic filing on EDGAR is named only for sales from March 16, 2009,
  when it became mandatory.
* Form 8-K: four business days after the purchase agreement binds the company, for a company that files Exchange Act
  reports: Items 1.01, 2.03 and 3.02 as the deal calls for them (`law_in_force.form_8k_items`).
* FINRA Rule 5123: the placement agent, a FINRA member, files the offering documents it used (or says it used none)
  within 15 calendar days of the first sale, for a first sale from December 3, 2012; an offering sold only to the
  purchasers Rule 5123(b)(1) lists (institutional accounts, qualified purchasers and qualified institutional buyers,
  banks, the issuer's employees and affiliates, accredited investors under Rule 501(a)(1), (2), (3) or (7), among
  others) needs none: an individual is exempt as one of those (an institutional account, a qualified purchaser, an
  eligible contract participant, a knowledgeable employee, the issuer's employee or affiliate), never as an
  accredited investor alone.

Titles are text; dues are (day, how it was reckoned), which `deliverables` makes its `Due`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dealdocs.closing.holidays import federal_business_days_after, non_business_day
from dealdocs.closing.law_in_force import (
    finra_5123, first_sale, first_sale_words, form_8k_items, item_302_floor, purchase_agreement_title)
from dealdocs.closing.notes_delivery import counsel
from dealdocs.termsheet.model import Deal
from dealdocs.words import long_date

FORM_D_DAYS = 15
FINRA_DAYS = 15
NOT_YET_SET = "(date not yet set)"
_EDGAR_MANDATORY = date(2009, 3, 16)  # Form D filed electronically from this day (SEC Release 33-8891)


def form_d_due(sold: date) -> tuple[date, str | None]:
    """Rule 503(a)(1): 15 calendar days after the first sale, a Saturday, Sunday or holiday moved to the next business day.
    Returns the due date and, when it was moved, why ('the 15th day, March 21, 2026, is a Saturday')."""
    day = sold + timedelta(days=FORM_D_DAYS)
    why = non_business_day(day)
    moved = f"the 15th day, {long_date(day)}, is {why}" if why else None
    while non_business_day(day):
        day += timedelta(days=1)
    return day, moved


def form_d(deal: Deal) -> tuple[date | None, str]:
    """When the Form D is due, and how that was reckoned."""
    sold = first_sale(deal)
    if sold is None:
        return None, f"{FORM_D_DAYS} calendar days after the first sale {NOT_YET_SET}"
    day, moved = form_d_due(sold)
    text = f"{long_date(day)}: {FORM_D_DAYS} calendar days after the first sale ({first_sale_words(deal, sold)})"
    if moved:
        text += f"; {moved}, so Rule 503(a)(1) makes it the next business day"
    return day, text


def form_d_title(deal: Deal) -> str:
    """What is filed and where: on EDGAR, or on paper for a first sale before EDGAR filing was mandatory."""
    sold = first_sale(deal)
    where = "on EDGAR" if sold is None or sold >= _EDGAR_MANDATORY else "on paper (EDGAR filing began in 2009)"
    return f"Form D (notice of exempt offering of securities) filed with the SEC {where}"


def first_sale_note(deal: Deal) -> str:
    """What the checklist says below its filings: the first sale is the signing, not the closing."""
    escrow = " or the release from escrow" if deal.escrow else ""  # a deal without one closes, and that is all
    return ("Form D is counted from the date of first sale, the day the first investor is irrevocably committed to "
            f"invest: the signing of the purchase agreement, not the closing{escrow}. If a purchaser "
            "signed earlier than the agreement's date, count from that day. Blue-sky filings are counted the same way, "
            "state by state.")


def form_8k_title(deal: Deal) -> str:
    """Items 1.01 (the purchase agreement), 2.03 (the notes, a direct financial obligation) and 3.02 (an unregistered sale
    of equity above its floor); a stock sale in escrow alone, 1.01 and 3.02 (a partner's read)."""
    if deal.notes is None:
        assert deal.escrow is not None
        agreement = deal.escrow.purchase_agreement
        sold = agreement.securities_term or "securities"
        equity = re.search(r"(?i)\b(?:stock|shares?|units|warrants?)\b", agreement.securities or "")
        items = (f"Item 1.01 (the {agreement.title}) and{'' if equity else f', where the {sold} are equity securities,'} "
                 f"Item 3.02 (the sale of the {sold}, when they, {item_302_floor(agreement.date)})")
    elif deal.notes.conversion is None:  # "the note" of one (a partner's read of the 2005 note deal)
        items = f"Items 1.01 (the Note Purchase Agreement) and 2.03 (the {'note' if deal.single_purchaser else 'notes'})"
    else:
        sold, it, they = ("note", "its", "it converts") if deal.single_purchaser else ("notes", "their", "they convert")
        items = (f"Items 1.01 (the Note Purchase Agreement), 2.03 (the {sold}) and 3.02 ({it} sale, when the shares "
                 f"{they} into, {item_302_floor(deal.notes.agreement_date)})")
    return f"Form 8-K of {deal.company.name}, {items}, filed with the SEC on EDGAR"


def form_8k_due(deal: Deal) -> tuple[date, str]:
    signed = first_sale(deal)  # the purchase agreement's signing, which binds the company (Item 2.03's too)
    assert signed is not None
    day = federal_business_days_after(signed, 4)
    return day, f"{long_date(day)}: four business days after the {purchase_agreement_title(deal)} is signed ({long_date(signed)})"


def form_8k_needed(deal: Deal) -> str | None:
    """None where `company.exchange_act_reporting` says it reports (a partner's read: "the term sheet cannot tell")."""
    if deal.company.exchange_act_reporting:
        return None
    return ("Needed when the company files reports with the SEC under the Exchange Act, as a company whose stock is "
            "listed or quoted on the markets the notes name usually does. Whether the company reports is not "
            "recorded for this deal: confirm it, then mark this done or not needed.")


def form_8k_called_for(deal: Deal) -> bool:
    """A company that files Exchange Act reports, as the term sheet says, or whose stock the notes have listed."""
    reporting = deal.company.exchange_act_reporting
    return (reporting is True or (reporting is None and deal.listed)) and form_8k_items(deal)


def finra_called_for(deal: Deal) -> bool:
    """A placement agent (a broker-dealer: `placement_agent`) sold the securities, on or after Rule 5123 took effect
    (a partner's read: the bridge example's checklist left out the filing its placement agent, a FINRA member, owed
    within 15 days of the first sale)."""
    return deal.placement_agent is not None and finra_5123(deal)


def finra_title(deal: Deal) -> str:
    """What the placement agent files with FINRA."""
    assert deal.placement_agent is not None
    return (f"FINRA Rule 5123 filing (the offering documents {deal.placement_agent.name} used, a private placement "
            "memorandum, term sheet or other, or a statement that it used none) filed with FINRA")


def finra_filer(deal: Deal) -> str:
    """Who files it (the placement agent) and who gives it the documents (company counsel)."""
    assert deal.placement_agent is not None
    return f"{deal.placement_agent.name} (files it, as a FINRA member); {counsel(deal)} (gives it the documents)"


def finra_due(deal: Deal) -> tuple[date | None, str]:
    """15 calendar days after the first sale: the rule moves no weekend or holiday."""
    sold = first_sale(deal)
    if sold is None:
        return None, f"{FINRA_DAYS} calendar days after the first sale {NOT_YET_SET}"
    day = sold + timedelta(days=FINRA_DAYS)
    return day, f"{long_date(day)}: {FINRA_DAYS} calendar days after the first sale ({first_sale_words(deal, sold)})"


def finra_needed(deal: Deal) -> str:
    """When it is not needed: an offering sold only to the purchasers Rule 5123(b)(1) lists."""
    return ("Needed unless the offering is sold only to purchasers Rule 5123(b)(1) lists: institutional accounts "
            "(FINRA Rule 4512(c)), qualified purchasers, qualified institutional buyers, banks, the company's employees "
            "and affiliates, and accredited investors under Rule 501(a)(1), (2), (3) or (7), among others. An "
            "individual is exempt chiefly as an institutional account (total assets of at least $50 million), a "
            "qualified purchaser (at least $5 million in investments), an eligible contract participant, a "
            "knowledgeable employee, or the company's employee or affiliate: being an accredited investor is not "
            "enough. Company counsel confirms it with the placement agent, then marks this done or not needed.")
