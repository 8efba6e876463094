"""Checks on a company whose stock is listed or quoted, or not (codes DD124, DD167).

The notes have a delisting default where the term sheet names the markets the stock trades on
(`notes.events_of_default.listing_markets`); the company's `exchange_act_reporting` says whether it files Exchange
Act reports, which the note purchase agreement's Rule 144 representation and the checklist's Form 8-K follow.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD124 | error    | `listing_markets` holds a word meaning none ("none", "N/A", "not listed"), or delisting days are given without markets (or markets without days) |
| DD167 | warning  | `company.exchange_act_reporting: false` in a deal whose notes name markets the stock is listed or quoted on: a national exchange lists, and the OTCQB quotes, only companies that file reports; the Rule 144 representation would say a year, and the checklist would ask no Form 8-K |
"""

from __future__ import annotations

import re

from dealdocs.checks.parties import Report
from dealdocs.termsheet.model import Deal

__all__ = ["check_listing"]

_NONE_WORDS = re.compile(
    r"(?i)(none|nil|n/?a|-+|\u2014|not (listed|applicable|quoted|traded)|unlisted|no market|private(ly held)?)")


def check_listing(deal: Deal, report: Report) -> None:
    """DD124, markets that are none or days without markets; DD167, markets named for a company said not to report."""
    notes = deal.notes
    if notes is None:
        return
    defaults = notes.events_of_default
    for i, market in enumerate(defaults.listing_markets):
        if _NONE_WORDS.fullmatch(market.strip()):
            report.error("DD124", ("notes", "events_of_default", "listing_markets", i),
                         f"'{market}' is not a market: leave listing_markets out for a company whose stock is not "
                         "listed (the notes then have no delisting default)")
    if defaults.listing_markets and defaults.delisting_trading_days is None:
        report.error("DD124", ("notes", "events_of_default", "listing_markets"),
                     "the notes have a delisting default on these markets: give delisting_trading_days too (how many "
                     "consecutive trading days of delisting are a default)")
    if not defaults.listing_markets and defaults.delisting_trading_days is not None:
        report.error("DD124", ("notes", "events_of_default", "delisting_trading_days"),
                     "delisting_trading_days is given without listing_markets: a company whose stock is not listed "
                     "has no delisting default; leave it out, or name the markets")
    if defaults.listing_markets and deal.company.exchange_act_reporting is False:  # a reviewer's case
        report.warning("DD167", ("company", "exchange_act_reporting"),
                       f"{deal.company.name} is said to file no Exchange Act reports, but the notes name markets its "
                       f"stock is listed or quoted on ({', '.join(defaults.listing_markets)}), which take only "
                       "companies that report: the purchase agreement would tell the purchasers they wait a year under "
                       "Rule 144, and the checklist would ask no Form 8-K; correct the one that is wrong")
