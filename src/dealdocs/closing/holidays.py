"""US federal holidays (5 U.S.C. 6103), with the observed-day rule: for the date checks and the closing calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def _fixed_holidays(year: int) -> dict[str, date]:
    """The holidays of a fixed date, on that date (observed on the nearest weekday when it is a weekend)."""
    fixed = {
        "New Year's Day": date(year, 1, 1),
        "Independence Day": date(year, 7, 4),
        "Veterans Day": date(year, 11, 11),
        "Christmas Day": date(year, 12, 25),
    }
    if year >= 2021:
        fixed["Juneteenth National Independence Day"] = date(year, 6, 19)
    return fixed


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> dict[date, str]:
    """The federal holidays of `year` on the days they are observed."""
    mon, thu = 0, 3
    holidays = {_observed(day): name for name, day in _fixed_holidays(year).items()}
    if year >= 1986:
        holidays[_nth_weekday(year, 1, mon, 3)] = "Martin Luther King Jr. Day"
    holidays[_nth_weekday(year, 2, mon, 3)] = "Washington's Birthday"
    holidays[_last_weekday(year, 5, mon)] = "Memorial Day"
    holidays[_nth_weekday(year, 9, mon, 1)] = "Labor Day"
    holidays[_nth_weekday(year, 10, mon, 2)] = "Columbus Day"
    holidays[_nth_weekday(year, 11, thu, 4)] = "Thanksgiving Day"
    # New Year's Day of the next year observed on December 31 of this one.
    next_new_year = _observed(date(year + 1, 1, 1))
    if next_new_year.year == year:
        holidays[next_new_year] = "New Year's Day (observed)"
    return holidays


def non_business_day(day: date) -> str | None:
    """Why `day` is not a business day ('a Saturday', 'Memorial Day'), or None."""
    if day.weekday() >= 5:
        return "a Saturday" if day.weekday() == 5 else "a Sunday"
    return federal_holidays(day.year).get(day)


def business_day_on_or_before(day: date) -> date:
    """The last business day on or before `day`: a last day on a weekend or holiday moves earlier, never later."""
    while non_business_day(day):
        day -= timedelta(days=1)
    return day


def business_days_after(day: date, count: int) -> date:
    """The `count`th day after `day` on which the Fedwire Funds Service is open: the escrow's return of funds "not
    later than the second Business Day after the Outside Date". The Federal Reserve closes on the federal holidays
    but, unlike the federal government, stays open on the Friday before one that falls on a Saturday."""
    def open_(day: date) -> bool:
        saturday = day + timedelta(days=1)
        return non_business_day(day) is None or (day.weekday() == 4 and saturday in _fixed_holidays(saturday.year).values())
    return _nth_open_day(day, count, open_)


def federal_business_days_after(day: date, count: int) -> date:
    """The `count`th business day after `day` as the SEC counts them (Form 8-K's four business days): weekends and
    federal holidays, observed as the federal government observes them, skipped."""
    return _nth_open_day(day, count, lambda day: non_business_day(day) is None)


def _nth_open_day(day: date, count: int, open_: Callable[[date], bool]) -> date:
    found = 0
    while found < count:
        day += timedelta(days=1)
        found += open_(day)
    return day
