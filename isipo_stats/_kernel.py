"""The calendar kernel: the only reader of the Nowruz tables.

Every question about the Jalali calendar that the rest of the package asks ("the Nowruz of
year y", "the Jalali year of day d", "the first day of this month or quarter", "is this
date valid") is answered here, on int64 numpy arrays of **day numbers** (days since
1970-01-01, the unit of ``datetime64[D]``). The tables themselves are built in
:mod:`isipo_stats._nowruz`; no other module imports that one.

Two kinds of function live here:

* **checks** (``check_days``, ``check_years``, ``check_months``, ``check_dates``) take
  arrays with a missing-value mask, raise the library's errors with the position of the
  first bad value, and return values that are safe to use as table offsets;
* **arithmetic** (everything else) trusts its input: day numbers within
  ``FIRST_DAY..LAST_DAY``, years within ``SUPPORTED_YEARS`` (one past the last for
  :func:`nowruz`), months 1-12. Callers run the checks first.

Periods are runs of ``months`` whole Jalali months aligned on Nowruz (1 = month,
3 = quarter, 6 = half-year, 12 = year); :mod:`isipo_stats.frequency` names them.

Weeks
-----
An Iranian week runs from Saturday (شنبه, weekday 0) to Friday (جمعه, weekday 6). Weeks are
numbered within each Jalali year: **week 1 is the week that holds 1 Farvardin**, and a week
that Nowruz falls in is cut there, so that every week lies within one Jalali year (as every
month does): the first and the last week of a year may be shorter than seven days. The week
number of a day is ``(day_of_year + weekday(1 Farvardin) - 1) // 7 + 1`` (1 to 53, 54 only
for a 366-day year that begins on a Friday), the rule of ``jdatetime.date.weeknumber``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import numpy.typing as npt

from isipo_stats import _nowruz
from isipo_stats._arrays import first_position, show
from isipo_stats.errors import CalendarRangeError, InvalidDateError, IsipoError

__all__ = [
    "FIRST_DAY",
    "FIRST_YEAR",
    "LAST_DAY",
    "LAST_YEAR",
    "SUPPORTED_YEARS",
    "WEEK_COUNT",
    "check_dates",
    "check_days",
    "check_months",
    "check_years",
    "day_number",
    "day_of_year",
    "fields",
    "in_range",
    "is_leap",
    "month_length",
    "month_of",
    "month_start",
    "nowruz",
    "period_end",
    "period_end_of",
    "period_index",
    "period_index_table",
    "period_start",
    "period_start_of",
    "range_message",
    "week_end_of",
    "week_index",
    "week_number",
    "week_of_index",
    "week_start_of",
    "weekday",
    "weeks_in_year",
    "year_bounds",
    "year_length",
    "year_of",
]

Days = npt.NDArray[np.int64]

SUPPORTED_YEARS: Final = _nowruz.SUPPORTED_YEARS
"""First and last supported Jalali year, inclusive: (1200, 1699)."""

FIRST_YEAR: Final = SUPPORTED_YEARS[0]
LAST_YEAR: Final = SUPPORTED_YEARS[1]
FIRST_DAY: Final = _nowruz.FIRST_DAY
"""Day number of 1 Farvardin of the first supported year."""
LAST_DAY: Final = _nowruz.LAST_DAY
"""Day number of the last day of the last supported year."""

_N_DAYS: Final = LAST_DAY - FIRST_DAY + 1
_CUM: Final = _nowruz.CUM_DAYS_BEFORE_MONTH
# Per (year, month) tables indexed by (year - FIRST_YEAR) * 12 + (month - 1): one gather each.
_MONTH_LENGTH: Final = np.where(
    np.arange(12) == 11, (_nowruz.YEAR_LENGTH - 336)[:, None], np.diff(_CUM)[None, :]
).ravel()
_MONTH_START: Final = (_nowruz.NOWRUZ[:-1, None] + _CUM[None, :12]).ravel()
# Year, month and day of each supported day in one int32 (year << 9 | month << 5 | day):
# one gather instead of three in :func:`fields`.
_PACKED_FIELDS: Final = (
    (_nowruz.LUT_YEAR << 9) | (_nowruz.LUT_MONTH << 5) | _nowruz.LUT_DAY
).astype(np.int32)
# The month of each supported day counted from the first supported month: one gather gives
# the period of any run of whole months (quarter = month number // 3, and so on).
_MONTH_NUMBER: Final = (
    (_nowruz.LUT_YEAR.astype(np.int64) - FIRST_YEAR) * 12 + _nowruz.LUT_MONTH - 1
).astype(np.int32)
# Weeks: the weekday of each Nowruz, the weeks of each year and the weeks before it.
_NOWRUZ_WEEKDAY: Final = np.remainder(_nowruz.NOWRUZ + 5, 7)  # day 2 (1970-01-03): Saturday
_WEEKS: Final = (_nowruz.YEAR_LENGTH + _NOWRUZ_WEEKDAY[:-1] - 1) // 7 + 1
_WEEKS_BEFORE: Final = np.concatenate(([0], np.cumsum(_WEEKS))).astype(np.int64)
WEEK_COUNT: Final = int(_WEEKS_BEFORE[-1])
"""Weeks in the supported years (week numbers run 0 .. WEEK_COUNT - 1)."""
for _table in (_MONTH_LENGTH, _MONTH_START, _PACKED_FIELDS, _NOWRUZ_WEEKDAY, _WEEKS, _WEEKS_BEFORE):
    _table.flags.writeable = False  # shared by every call (and thread)
del _table


def _label(day: int) -> str:
    return str(np.datetime64(day, "D"))


def range_message() -> str:
    """Return the first half of the message for a date outside the supported range.

    Examples
    --------
    >>> range_message()
    'date must be in 1821-03-21..2321-03-20 (Jalali 1200-1699)'
    """
    first, last = _label(FIRST_DAY), _label(LAST_DAY)
    return f"date must be in {first}..{last} (Jalali {FIRST_YEAR}-{LAST_YEAR})"


# --- checks -------------------------------------------------------------------------------


def in_range(days: Days) -> npt.NDArray[np.bool_]:
    """Return which day numbers lie within the supported years."""
    offsets: Days = days - FIRST_DAY
    inside: npt.NDArray[np.bool_] = offsets.view(np.uint64) < _N_DAYS
    return inside


def _refuse(
    bad: npt.NDArray[np.bool_], error: type[IsipoError], message: Callable[[int], str]
) -> None:
    """Raise ``error`` for the first true position of ``bad``, if any."""
    if bad.any():
        position = first_position(bad)
        raise error(message(position), position=position)


def check_days(days: Days, missing: npt.NDArray[np.bool_]) -> Days:
    """Return the day numbers with missing ones replaced by ``FIRST_DAY``, checking the range.

    Raises
    ------
    CalendarRangeError
        A day (not missing) outside the supported years, with its position.
    """
    inside = in_range(days)
    if inside.all():
        return days
    _refuse(
        ~inside & ~missing,
        CalendarRangeError,
        lambda i: f"{range_message()}, got {_label(int(days[i]))}",
    )
    return np.where(inside, days, FIRST_DAY)


def check_years(years: Days, missing: npt.NDArray[np.bool_]) -> Days:
    """Return the years with missing ones replaced by ``FIRST_YEAR``, checking the range.

    Raises
    ------
    CalendarRangeError
        A year (not missing) outside :data:`SUPPORTED_YEARS`, with its position.
    """
    return _check_range(years, missing, "year", (FIRST_YEAR, LAST_YEAR), CalendarRangeError)


def check_months(months: Days, missing: npt.NDArray[np.bool_]) -> Days:
    """Return the months with missing ones replaced by 1, raising outside 1-12.

    Raises
    ------
    InvalidDateError
        A month (not missing) outside 1-12, with its position.
    """
    return _check_range(months, missing, "month", (1, 12), InvalidDateError)


def _check_range(
    values: Days,
    missing: npt.NDArray[np.bool_],
    what: str,
    limits: tuple[int, int],
    error: type[IsipoError],
) -> Days:
    """Return ``values`` with missing ones replaced by the low limit, raising outside."""
    low, high = limits
    offsets = values - low  # wraps around far outside: then far beyond high - low unsigned
    _refuse(
        (offsets.view(np.uint64) > high - low) & ~missing,
        error,
        lambda i: f"{what} must be in {low}-{high}, got {show(values[i])}",
    )
    return np.where(missing, low, values)


def check_dates(
    years: Days,
    months: Days,
    days: Days,
    missing: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]],
) -> tuple[Days, npt.NDArray[np.bool_]]:
    """Return the day numbers of Jalali dates and which are missing, checking each field.

    A date is missing when any of its fields is; its day number is then ``FIRST_DAY``.

    Raises
    ------
    CalendarRangeError
        A year outside :data:`SUPPORTED_YEARS`.
    InvalidDateError
        A month outside 1-12 or a day outside the month, with its position.

    Examples
    --------
    >>> none = np.zeros(2, bool)
    >>> check_dates(np.array([1399, 1404]), np.array([12, 1]), np.array([30, 1]),
    ...             (none, none, none))[0].astype("datetime64[D]").tolist()
    [datetime.date(2021, 3, 20), datetime.date(2025, 3, 21)]
    """
    year_missing, month_missing, day_missing = missing
    y = check_years(years, year_missing)
    m = check_months(months, month_missing)
    lengths = month_length(y, m)
    _refuse(
        ((days < 1) | (days > lengths)) & ~day_missing & ~year_missing & ~month_missing,
        InvalidDateError,
        lambda i: (
            f"day must be in 1-{lengths[i]} for {years[i]}-{months[i]:02d}, got {show(days[i])}"
        ),
    )
    any_missing = year_missing | month_missing | day_missing
    numbers = np.where(any_missing, FIRST_DAY, month_start(y, m) + (days - 1))
    return numbers, any_missing


# --- arithmetic on day numbers --------------------------------------------------------------


def _offsets(days: Days) -> Days:
    return days - FIRST_DAY


_BLOCK: Final = 1 << 16
"""Day numbers read at a time by :func:`fields`: the temporaries stay in the CPU cache."""


def fields(days: Days) -> tuple[Days, Days, Days]:
    """Return the Jalali year, month and day of each day number.

    Long arrays are read block by block into the three results, so that no temporary of the
    full length is made (fresh memory costs more than the lookups themselves).

    Examples
    --------
    >>> [a.tolist() for a in fields(np.array([18706, 18707]))]   # 2021-03-20, 2021-03-21
    [[1399, 1400], [12, 1], [30, 1]]
    """
    if days.size <= _BLOCK:
        return _fields_block(days)
    year, month, day = (np.empty(days.shape, np.int64) for _ in range(3))
    for start in range(0, days.size, _BLOCK):
        part = slice(start, start + _BLOCK)
        year[part], month[part], day[part] = _fields_block(days[part])
    return year, month, day


def _fields_block(days: Days) -> tuple[Days, Days, Days]:
    packed = np.take(_PACKED_FIELDS, _offsets(days))
    year: Days = np.right_shift(packed, 9, dtype=np.int64)
    month: Days = np.right_shift(packed, 5, dtype=np.int64)
    month &= 15
    day: Days = np.bitwise_and(packed, 31, dtype=np.int64)
    return year, month, day


def year_of(days: Days) -> Days:
    """Return the Jalali year of each day number."""
    return np.take(_nowruz.LUT_YEAR, _offsets(days))


def month_of(days: Days) -> Days:
    """Return the Jalali month (1-12) of each day number."""
    return np.take(_nowruz.LUT_MONTH, _offsets(days))


def day_of_year(days: Days) -> Days:
    """Return the Jalali day of the year (1 Farvardin = 1) of each day number."""
    return np.take(_nowruz.LUT_DOY, _offsets(days))


# --- arithmetic on years and months --------------------------------------------------------


def nowruz(years: Days) -> Days:
    """Return the day number of 1 Farvardin of each year (up to ``LAST_YEAR + 1``).

    Examples
    --------
    >>> nowruz(np.array([1404])).astype("datetime64[D]").tolist()
    [datetime.date(2025, 3, 21)]
    """
    return np.take(_nowruz.NOWRUZ, np.asarray(years) - FIRST_YEAR)


def year_bounds(years: Days) -> tuple[Days, Days]:
    """Return the first and last day numbers of each year."""
    first = nowruz(years)
    return first, nowruz(np.asarray(years) + 1) - 1


def year_length(years: Days) -> Days:
    """Return 365 or 366 for each year."""
    return np.take(_nowruz.YEAR_LENGTH, np.asarray(years) - FIRST_YEAR)


def is_leap(years: Days) -> npt.NDArray[np.bool_]:
    """Return whether each year has 366 days."""
    leap: npt.NDArray[np.bool_] = year_length(years) == 366
    return leap


def _year_month(years: Days, months: Days) -> Days:
    return (np.asarray(years) - FIRST_YEAR) * 12 + (np.asarray(months) - 1)


def month_start(years: Days, months: Days) -> Days:
    """Return the day number of the first day of each (year, month)."""
    return np.take(_MONTH_START, _year_month(years, months))


def month_length(years: Days, months: Days) -> Days:
    """Return the number of days of each (year, month): 31, 30, or 29/30 for Esfand."""
    return np.take(_MONTH_LENGTH, _year_month(years, months))


def day_number(years: Days, months: Days, days: Days) -> Days:
    """Return the day number of each valid Jalali date."""
    return month_start(years, months) + (np.asarray(days) - 1)


# --- periods of whole months aligned on Nowruz --------------------------------------------


def period_index(days: Days, months: int) -> Days:
    """Return, for each day, its period's number counted from the first supported year.

    ``index = (year - FIRST_YEAR) * (12 // months) + (month - 1) // months``; consecutive
    periods have consecutive numbers, so differences count periods. (One gather of the
    month number, ``(year - FIRST_YEAR) * 12 + month - 1``, divided by ``months``.)
    """
    number = np.take(_MONTH_NUMBER, _offsets(days))
    index: Days = np.floor_divide(number, months, dtype=np.int64)
    return index


def period_index_table(first_day: int, last_day: int, months: int) -> Days:
    """Return :func:`period_index` of every day ``first_day .. last_day`` (checked), in order.

    A fresh, writable table: a caller can shift it and then read the period of many days
    with one gather (``table[days - first_day]``), cheaper than :func:`period_index`
    when the days span a short range.

    Examples
    --------
    >>> day = int(np.datetime64("2021-03-20", "D").astype(np.int64))   # 30 Esfand 1399
    >>> (period_index_table(day, day + 1, 1) - period_index(np.array([day]), 1)).tolist()
    [0, 1]
    """
    number = _MONTH_NUMBER[first_day - FIRST_DAY : last_day - FIRST_DAY + 1]
    table: Days = np.floor_divide(number, months, dtype=np.int64)
    return table


def _period_months(index: Days, months: int) -> tuple[Days, Days]:
    per_year = 12 // months
    years = FIRST_YEAR + np.floor_divide(index, per_year)
    return years, np.remainder(index, per_year) * months + 1


def period_start_of(index: Days, months: int) -> Days:
    """Return the first day number of each period number of :func:`period_index`."""
    return month_start(*_period_months(index, months))


def period_end_of(index: Days, months: int) -> Days:
    """Return the last day number of each period number of :func:`period_index`.

    Examples
    --------
    >>> last = period_end_of(np.array([(LAST_YEAR - FIRST_YEAR + 1) * 4 - 1]), 3)
    >>> bool(last[0] == LAST_DAY)
    True
    """
    years, first_month = _period_months(index, months)
    last_month = first_month + (months - 1)
    end: Days = month_start(years, last_month) + month_length(years, last_month) - 1
    return end


def period_start(days: Days, months: int) -> Days:
    """Return the first day of the period (of ``months`` months) that holds each day.

    Examples
    --------
    >>> day = np.array([np.datetime64("2021-10-22", "D").astype(np.int64)])  # 30 Mehr 1400
    >>> period_start(day, 3).astype("datetime64[D]").tolist()                # 1 Mehr 1400
    [datetime.date(2021, 9, 23)]
    """
    year, month, _ = fields(days)
    return month_start(year, month - (month - 1) % months)


def period_end(days: Days, months: int) -> Days:
    """Return the last day of the period (of ``months`` months) that holds each day."""
    year, month, _ = fields(days)
    last_month = month - (month - 1) % months + months - 1
    end: Days = month_start(year, last_month) + month_length(year, last_month) - 1
    return end


# --- weeks: Saturday to Friday, cut at Nowruz ------------------------------------------------


def weekday(days: Days) -> Days:
    """Return the Iranian weekday of each day number: Saturday = 0 ... Friday = 6.

    Examples
    --------
    >>> weekday(np.array([18707])).tolist()   # 2021-03-21, a Sunday
    [1]
    """
    return np.remainder(np.asarray(days) + 5, 7)


def week_number(days: Days) -> Days:
    """Return the week of the Jalali year of each day (week 1 holds 1 Farvardin).

    Examples
    --------
    >>> week_number(np.array([18706, 18707, 18712, 18713])).tolist()  # 1399 began on a Friday
    [54, 1, 1, 2]
    """
    year = year_of(days)
    first = np.take(_NOWRUZ_WEEKDAY, year - FIRST_YEAR)
    number: Days = (day_of_year(days) + first - 1) // 7 + 1
    return number


def week_index(days: Days) -> Days:
    """Return, for each day, its week's number counted from the first supported week."""
    year = year_of(days)
    index: Days = np.take(_WEEKS_BEFORE, year - FIRST_YEAR) + week_number(days) - 1
    return index


def weeks_in_year(years: Days) -> Days:
    """Return the number of weeks (53 or 54, counting the short ones) of each year."""
    return np.take(_WEEKS, np.asarray(years) - FIRST_YEAR)


def week_of_index(index: Days) -> tuple[Days, Days]:
    """Return the Jalali year and the week number of each week of :func:`week_index`."""
    offset = np.searchsorted(_WEEKS_BEFORE, np.asarray(index), side="right") - 1
    number: Days = np.asarray(index) - np.take(_WEEKS_BEFORE, offset) + 1
    return offset + FIRST_YEAR, number


def _week_bounds(index: Days) -> tuple[Days, Days, Days]:
    """Return the Nowruz before, the Saturday starting and the Nowruz after each week."""
    years, number = week_of_index(index)
    first = nowruz(years)
    saturday: Days = first - np.take(_NOWRUZ_WEEKDAY, years - FIRST_YEAR) + 7 * (number - 1)
    return first, saturday, nowruz(years + 1)


def week_start_of(index: Days) -> Days:
    """Return the first day number of each week (its Saturday, or 1 Farvardin)."""
    first, saturday, _ = _week_bounds(index)
    return np.maximum(first, saturday)


def week_end_of(index: Days) -> Days:
    """Return the last day number of each week (its Friday, or the last day of Esfand)."""
    _, saturday, following = _week_bounds(index)
    return np.minimum(following - 1, saturday + 6)
