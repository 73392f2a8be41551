"""Jalali offsets: ranges of period starts or ends, and dates rounded to their period.

pandas' own offset codes are read as Jalali: ``"MS"``/``"ME"`` (month start/end),
``"QS"``/``"QE"`` (quarter), ``"HS"``/``"HE"`` (half-year: Farvardin-Shahrivar and
Mehr-Esfand), ``"YS"``/``"YE"`` (year: 1 Farvardin, 29/30 Esfand) and ``"WS"``/``"WE"``
(Iranian weeks, Saturday to Friday, cut at Nowruz: see :mod:`isipo_stats._kernel`), each
with an optional multiple (``"3ME"``: every third month end). Everything runs on day
numbers through the :class:`~isipo_stats.frequency.Frequency` spec of the period.

Examples
--------
>>> date_range("1400-01", "1400-06", freq="2ME").strftime("%Y-%m-%d").tolist()
['2021-04-20', '2021-06-21', '2021-08-22']
>>> floor(["2021-10-22 15:00"], "Q").tolist()            # 30 Mehr 1400 -> 1 Mehr 1400
[Timestamp('2021-09-23 00:00:00')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._dates import TEHRAN, days_to_datetime64
from isipo_stats._fields import dates_of
from isipo_stats._typing import PeriodCode
from isipo_stats.calendar import read_days
from isipo_stats.errors import (
    CalendarRangeError,
    FrequencyError,
    InputTypeError,
    InvalidArgumentError,
)
from isipo_stats.frequency import Frequency, get_frequency
from isipo_stats.periods import day_bounds, label_period

__all__ = ["Offset", "ceil", "date_range", "floor", "read_offset", "select"]

Days = npt.NDArray[np.int64]

_OFFSET: Final = re.compile(r"([1-9][0-9]*)?([MQHYW])([SE])")
_OFFSET_CODES: Final = "'MS', 'ME', 'QS', 'QE', 'HS', 'HE', 'YS', 'YE', 'WS' or 'WE'"


@dataclass(frozen=True)
class Offset:
    """A Jalali offset: every ``n``-th start or end of a period of ``spec``.

    Attributes
    ----------
    spec : Frequency
        The period (month, quarter, half-year, year, week).
    n : int
        The multiple (``"3ME"``: 3).
    anchor : {"start", "end"}
        Whether the dates are the first or the last day of their period.
    """

    spec: Frequency
    n: int
    anchor: Literal["start", "end"]

    def day(self, index: Days) -> Days:
        """Return the anchor day of each period number."""
        if self.anchor == "start":
            return self.spec.first_day(index)
        return self.spec.last_day(index)

    def first_on_or_after(self, day: int) -> int:
        """Return the first period whose anchor day is on or after ``day``."""
        index = int(self.spec.index(np.array([day]))[0])
        return index + int(self.day(np.array([index]))[0] < day)

    def last_on_or_before(self, day: int) -> int:
        """Return the last period whose anchor day is on or before ``day``."""
        index = int(self.spec.index(np.array([day]))[0])
        return index - int(self.day(np.array([index]))[0] > day)


def read_offset(freq: object) -> Offset:
    """Read a Jalali offset code such as ``"ME"`` or ``"3QS"``.

    Raises
    ------
    FrequencyError
        Anything else; the message lists the codes.

    Examples
    --------
    >>> offset = read_offset("3ME")
    >>> offset.spec.code, offset.n, offset.anchor
    ('M', 3, 'end')
    """
    found = _OFFSET.fullmatch(freq) if isinstance(freq, str) else None
    if found is None:
        msg = (
            f"freq must be one of {_OFFSET_CODES}, with an optional multiple ('3ME'), got {freq!r}"
        )
        raise FrequencyError(msg)
    multiple, code, anchor = found.groups()
    spec = get_frequency(code, weeks=True)
    return Offset(spec, int(multiple or 1), "start" if anchor == "S" else "end")


def _two_of_three(start: object, end: object, periods: object) -> None:
    given = sum(x is not None for x in (start, end, periods))
    if given != 2:
        msg = f"give exactly two of start, end and periods, got {given}"
        raise InvalidArgumentError(msg)


def _periods(periods: object) -> int:
    if isinstance(periods, bool) or not isinstance(periods, (int, np.integer)) or periods < 0:
        msg = f"periods must be a whole number from 0, got {periods!r}"
        wrong_type = isinstance(periods, bool) or not isinstance(periods, (int, np.integer))
        raise (InputTypeError if wrong_type else InvalidArgumentError)(msg)
    return int(periods)


def _first_anchor(offset: Offset, start: object) -> int:
    """Return the first period whose anchor is on or after the first day ``start`` names."""
    labelled = label_period(offset.spec, start)  # a period's own anchor lies within it
    return offset.first_on_or_after(day_bounds(start, "start")[0]) if labelled is None else labelled


def _last_anchor(offset: Offset, end: object) -> int:
    """Return the last period whose anchor is on or before the last day ``end`` names."""
    labelled = label_period(offset.spec, end)
    return offset.last_on_or_before(day_bounds(end, "end")[1]) if labelled is None else labelled


def _anchors(offset: Offset, start: object, end: object, periods: object) -> Days:
    """Return the period numbers of the range (every ``n``-th from the first, or to the last)."""
    step = offset.n
    if start is not None:
        first = _first_anchor(offset, start)
        if periods is not None:
            return first + step * np.arange(_periods(periods), dtype=np.int64)
        last = _last_anchor(offset, end)
        return np.arange(first, last + 1, step, dtype=np.int64)
    last = _last_anchor(offset, end)
    return last - step * np.arange(_periods(periods) - 1, -1, -1, dtype=np.int64)


def date_range(
    start: object = None,
    end: object = None,
    periods: int | None = None,
    freq: str = "ME",
    *,
    name: object = None,
) -> pd.DatetimeIndex:
    """Return the Jalali period starts or ends from ``start`` to ``end``, as dates.

    Parameters
    ----------
    start, end : str or date-like, optional
        Jalali text (``"1400/07/15"``, ``"1400-07"``, ``"Mehr 1400"``, ``"1400-Q3"``,
        ``"1400"``) or a Gregorian date. Jalali text names a span: ``start`` is its first
        day and ``end`` its last, so ``date_range("1400-01", "1400-12", freq="ME")`` holds
        all twelve month ends. A Gregorian date is one day (its time of day is ignored).
        Give exactly two of ``start``, ``end`` and ``periods``.
    periods : int, optional
        How many dates.
    freq : str
        ``"MS"``, ``"ME"``, ``"QS"``, ``"QE"``, ``"HS"``, ``"HE"``, ``"YS"``, ``"YE"``,
        ``"WS"`` or ``"WE"``, with an optional multiple (``"3ME"``). With ``start``, the
        dates are the first anchor on or after it and every ``n``-th after; with ``end``
        and ``periods`` only, the last anchor on or before ``end`` and every ``n``-th
        before.
    name : object, optional
        The name of the index.

    Returns
    -------
    pandas.DatetimeIndex
        ``datetime64[us]`` midnights.

    Raises
    ------
    FrequencyError
        An unknown ``freq``.
    InvalidArgumentError
        Not exactly two of ``start``, ``end`` and ``periods``, or a bad ``periods``.
    CalendarRangeError
        A date beyond the supported years.

    Examples
    --------
    >>> date_range("1399-12-01", periods=3, freq="MS").strftime("%Y-%m-%d").tolist()
    ['2021-02-19', '2021-03-21', '2021-04-21']
    >>> date_range(end="1403", periods=2, freq="YE").strftime("%Y-%m-%d").tolist()
    ['2024-03-19', '2025-03-20']
    """
    offset = read_offset(freq)
    _two_of_three(start, end, periods)
    index = _anchors(offset, start, end, periods)
    outside = (index < 0) | (index >= offset.spec.count)
    if outside.any():
        msg = (
            f"the range reaches beyond the supported years ({offset.spec.all_labels[0]}.."
            f"{offset.spec.all_labels[-1]}) with freq={freq!r}"
        )
        raise CalendarRangeError(msg)
    days = offset.day(index)
    return pd.DatetimeIndex(days_to_datetime64(days, np.zeros(days.size, np.bool_)), name=name)


# --- floor and ceil --------------------------------------------------------------------------


def _with_time(dates: object, size: int) -> npt.NDArray[np.bool_]:
    """Return which dates hold a time of day (Tehran wall clock); text and objects: none."""
    values: Any = dates.array if isinstance(dates, (pd.Series, pd.Index)) else dates
    if getattr(values, "dtype", None) is None or getattr(values.dtype, "kind", None) != "M":
        return np.zeros(size, np.bool_)
    instants = pd.DatetimeIndex(values)
    if instants.tz is not None:
        instants = instants.tz_convert(TEHRAN).tz_localize(None)
    timed: npt.NDArray[np.bool_] = np.asarray(instants != instants.normalize()) & np.asarray(
        instants.notna()
    )
    return timed


def _rounded(dates: object, days: Days, missing: npt.NDArray[np.bool_], *, scalar: bool) -> Any:
    values = days_to_datetime64(days, missing)
    if scalar:
        return pd.Timestamp(values[0])
    if isinstance(dates, pd.Series):
        return pd.Series(values, index=dates.index, name=dates.name, copy=False)
    name = dates.name if isinstance(dates, pd.Index) else None
    return pd.DatetimeIndex(values, name=name)


def floor(dates: object, freq: PeriodCode = "M") -> Any:
    """Return the first day of the Jalali period holding each date (at midnight).

    Parameters
    ----------
    dates : date-like scalar or array-like
        As for :func:`isipo_stats.to_jalali` (timezone-aware dates are read in Tehran time).
    freq : {"M", "Q", "H", "Y", "W"}

    Returns
    -------
    pandas.Series (for a Series, with its index and name), pandas.DatetimeIndex, or a
    Timestamp for one date. ``datetime64[us]``, without a time zone (a Jalali day); NaT
    where a date is missing.

    Examples
    --------
    >>> floor(pd.Series(pd.to_datetime(["2021-10-22", None])), "M").tolist()
    [Timestamp('2021-09-23 00:00:00'), NaT]
    >>> floor("2021-03-20", "Y")
    Timestamp('2020-03-20 00:00:00')
    """
    spec = get_frequency(freq, weeks=True)
    parsed, days = read_days(dates)
    return _rounded(dates, spec.start(days), parsed.missing, scalar=parsed.scalar)


def ceil(dates: object, freq: PeriodCode = "M") -> Any:
    """Return the first period start on or after each date (at midnight).

    A date at midnight on the first day of its period is its own ceiling; any other date
    rounds up to the start of the next period, so ``floor(d) <= d <= ceil(d)``. Only
    ``datetime64`` values (and Timestamps in a Series or Index) carry a time of day: text
    and date objects are read as whole days.

    Parameters
    ----------
    dates : date-like scalar or array-like
    freq : {"M", "Q", "H", "Y", "W"}

    Returns
    -------
    As :func:`floor`.

    Examples
    --------
    >>> dates = pd.to_datetime(["2021-09-23 00:00", "2021-09-23 00:01", "2021-10-22 00:00"])
    >>> ceil(dates, "M").strftime("%Y-%m-%d").tolist()   # 1 Mehr, 1 Mehr 00:01, 30 Mehr
    ['2021-09-23', '2021-10-23', '2021-10-23']
    """
    spec = get_frequency(freq, weeks=True)
    parsed, days = read_days(dates)
    first = spec.start(days)
    on_start = (first == days) & ~_with_time(dates, days.size)
    up = np.where(on_start, first, spec.end(days) + 1)
    return _rounded(dates, up, parsed.missing, scalar=parsed.scalar)


# --- selection by Jalali text ------------------------------------------------------------------


def _selected_days(key: object) -> tuple[int, int]:
    """Return the first and last day a selection key names (a text, or a slice of texts)."""
    if isinstance(key, slice):
        if key.step is not None:
            msg = f"a Jalali selection takes no step, got {key.step!r}"
            raise InvalidArgumentError(msg)
        first = day_bounds(key.start, "start")[0] if key.start is not None else None
        last = day_bounds(key.stop, "stop")[1] if key.stop is not None else None
        low = first if first is not None else np.iinfo(np.int64).min
        return low, last if last is not None else np.iinfo(np.int64).max
    return day_bounds(key, "key")


def select(values: pd.Series, key: object) -> pd.Series:
    """Return the rows whose date lies in the Jalali span ``key`` names.

    Parameters
    ----------
    values : pandas.Series
        Dates, or values on a DatetimeIndex (the dates the ``.isipo`` accessor reads).
    key : str or slice
        Jalali text naming a span (``"1400-07"``, ``"1400"``, ``"1400-Q3"``,
        ``"1400/07/15"``) or a date; or a slice of them, both ends included:
        ``"1399":"1400-06"`` runs from 1 Farvardin 1399 to 31 Shahrivar 1400. An end
        left out is open.

    Returns
    -------
    pandas.Series
        The rows in the span, in their order (the index need not be sorted); rows with a
        missing date are never selected.

    Examples
    --------
    >>> s = pd.Series([1, 2, 3], index=pd.to_datetime(["2021-09-22", "2021-09-23", "2021-10-22"]))
    >>> select(s, "1400-07").tolist()                  # Mehr 1400
    [2, 3]
    >>> select(s, slice(None, "1400-06")).tolist()     # to the end of Shahrivar
    [1]
    """
    first, last = _selected_days(key)
    parsed, days = read_days(dates_of(values))
    inside = (days >= first) & (days <= last) & ~parsed.missing
    return values[inside]
