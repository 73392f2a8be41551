"""Change over time by Jalali period label: pct_change, year-on-year, inflation, rebasing.

Every comparison here is made **by label**, never by position: the value of 1400-07 is
compared with the value of 1399-07 found by its period, so a missing month gives a missing
change (it is never compared with whatever row happens to stand twelve rows earlier, as
``Series.pct_change(12)`` would). Each row's period comes from its date (a DatetimeIndex or
``dates=``) or from the Series' index when that holds period labels (the output of
:func:`isipo_stats.aggregate`, ``"1400-07"``), or an ordered Categorical of them.

Several series can be held in one Series: ``by`` names the keys (as in
:mod:`isipo_stats.series`); a (key, period) pair may then hold one value only.

Units: :func:`pct_change` and :func:`yoy` return fractions, as pandas' ``pct_change`` does
(0.05 is 5%); :func:`inflation` returns percent, as statistical agencies publish it.

Examples
--------
>>> cpi = pd.Series([100.0, 102.0, 104.0, 130.0],
...                 index=["1399-01", "1399-02", "1400-01", "1400-03"])
>>> yoy(cpi).round(3).tolist()          # 1400-03 has no 1399-03: missing, not a guess
[nan, nan, 0.04, nan]
>>> pct_change(cpi).round(3).tolist()   # 1400-01 follows 1399-12, which is absent
[nan, 0.02, nan, nan]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._arrays import first_position
from isipo_stats._typing import PeriodCode
from isipo_stats.errors import FrequencyError, InputTypeError, InvalidDateError
from isipo_stats.frequency import Frequency, get_frequency
from isipo_stats.periods import day_bounds, read_periods
from isipo_stats.series import _complete_days, _group_codes, _inputs, _keys

__all__ = ["Kind", "inflation", "pct_change", "rebase", "yoy"]

Rows = npt.NDArray[np.intp]
Kind = Literal["point", "average", "monthly"]
"""What :func:`inflation` measures (see there)."""

_DENSE_SLACK: Final = 1 << 16


# --- rows located by (series, period) ------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    """Each row's series (``group``) and period, and how to find the row of any pair.

    A pair's key is ``group * stride + pad + period - first``, with ``stride = span + 2 *
    pad``: the ``pad`` slots on either side of each series hold no row, so a key moved by up
    to ``pad`` periods stays within its series. ``table`` maps keys to rows (-1: none) when
    the keys are few enough for a table; otherwise ``order`` sorts the keys and a lookup is
    a binary search.
    """

    spec: Frequency
    group: npt.NDArray[np.int64]
    period: npt.NDArray[np.int64]
    first: int
    span: int
    pad: int
    key: npt.NDArray[np.int64]
    table: Rows | None
    order: Rows | None

    def rows(self, lag: int) -> Rows:
        """Return, for each row, the row of its series ``lag`` periods earlier, or -1."""
        if self.table is not None and abs(lag) <= self.pad:
            found: Rows = self.table[self.key - lag]  # lands in the series' own slots
            return found
        earlier = self.period - lag
        valid = (earlier >= self.first) & (earlier < self.first + self.span)
        target = np.where(valid, self.key - lag, self.key)
        if self.table is not None:
            found = self.table[target]
        else:
            assert self.order is not None
            keys = self.key[self.order]
            at = np.minimum(np.searchsorted(keys, target), keys.size - 1)
            valid &= keys[at] == target
            found = self.order[at]
        return np.where(valid, found, -1)


def _periods_of_rows(
    values: pd.Series, dates: object, freq: PeriodCode | None
) -> tuple[Frequency, npt.NDArray[np.int64]]:
    """Return the frequency and each row's period number (from dates, else index labels)."""
    if dates is not None or isinstance(values.index, pd.DatetimeIndex):
        spec = get_frequency("M" if freq is None else freq, weeks=True)
        given = values.index if dates is None else dates
        parsed = _complete_days(given, len(values))
        return spec, spec.index(parsed.days)
    read = read_periods(values.index, freq)
    if read.missing.any():
        msg = f"a period label is missing at position {first_position(read.missing)}"
        raise InvalidDateError(msg)
    return read.spec, read.index


def _locate(
    values: pd.Series, dates: object, freq: PeriodCode | None, by: object, pad: int = 0
) -> _Located:
    """Read each row's (series, period), refusing two rows for one (series, period).

    ``pad``: the largest lag that will be looked up (a table lookup then needs no check).
    """
    spec, period = _periods_of_rows(values, dates, freq)
    keys = _keys(by, len(values))
    group = _group_codes(keys) if keys else np.zeros(period.size, np.int64)
    first = int(period.min()) if period.size else 0
    span = int(period.max()) - first + 1 if period.size else 1
    stride = span + 2 * pad
    key = group * stride + (period - (first - pad)) if keys else period - (first - pad)
    size = (int(group.max()) + 1) * stride if key.size else 0
    rows = np.arange(key.size)
    if size <= 4 * key.size + _DENSE_SLACK:
        table = np.full(size, -1, dtype=np.intp)
        table[key] = rows
        if np.count_nonzero(table >= 0) < key.size:  # a key repeated: name the second row
            table[key[::-1]] = rows[::-1]  # of repeated keys, the first row is written last
            _refuse_repeats(spec, period, key, table[key] != rows)
        return _Located(spec, group, period, first, span, pad, key, table, None)
    order = np.argsort(key, kind="stable")
    repeated = np.zeros(key.size, np.bool_)
    repeated[order[1:]] = key[order[1:]] == key[order[:-1]]
    _refuse_repeats(spec, period, key, repeated)
    return _Located(spec, group, period, first, span, pad, key, None, order)


def _refuse_repeats(
    spec: Frequency,
    period: npt.NDArray[np.int64],
    key: npt.NDArray[np.int64],
    repeated: npt.NDArray[np.bool_],
) -> None:
    if repeated.any():
        second = first_position(repeated)
        first = first_position(key == key[second])
        label = spec.all_labels[period[second]]
        msg = (
            f"two values for {label} of one series, at positions {first} and {second}: "
            "give by= to tell series apart, or aggregate first"
        )
        raise InvalidDateError(msg, position=second)


# --- the values ------------------------------------------------------------------------------


def _numbers(values: pd.Series) -> tuple[npt.NDArray[np.float64], bool]:
    """Return the values as float64 (NaN where missing), and whether they were nullable."""
    dtype = values.dtype
    if not pd.api.types.is_numeric_dtype(dtype) or dtype.kind in "bc":
        msg = f"expected numbers, got a Series of dtype {dtype}"
        raise InputTypeError(msg)
    floats = values.to_numpy(dtype=np.float64, na_value=np.nan)
    return floats, not isinstance(dtype, np.dtype)


def _result(values: pd.Series, out: npt.NDArray[np.float64], *, nullable: bool) -> pd.Series:
    data: Any = pd.arrays.FloatingArray(out, np.isnan(out)) if nullable else out
    return pd.Series(data, index=values.index, name=values.name, copy=False)


def _lagged(numbers: npt.NDArray[np.float64], rows: Rows) -> npt.NDArray[np.float64]:
    """Return the value at each row of ``rows`` (NaN where -1)."""
    padded = np.append(numbers, np.nan)
    return padded[rows]  # -1 takes the NaN appended


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        msg = f"{what} must be a whole number, got {value!r}"
        raise InputTypeError(msg)
    return int(value)


# --- the public functions ------------------------------------------------------------------


def pct_change(
    values: pd.Series,
    periods: int = 1,
    freq: PeriodCode | None = None,
    *,
    dates: object = None,
    by: object = None,
) -> pd.Series:
    """Return the change from the value ``periods`` Jalali periods earlier, as a fraction.

    Parameters
    ----------
    values : pandas.Series
        Numbers, on a DatetimeIndex, with ``dates``, or indexed by period labels.
    periods : int
        How many periods back to compare with (negative: forward).
    freq : {"M", "Q", "H", "Y", "W"}, optional
        The period of each date (default ``"M"``); for period labels, their own (a
        different ``freq`` is refused).
    dates : date-like array, optional
        The date of each value (default: the DatetimeIndex).
    by : array-like or list of array-likes, optional
        Keys of the series held together; each is compared within itself.

    Returns
    -------
    pandas.Series
        ``value / earlier - 1`` (float64, ``Float64`` for nullable input), with the
        Series' index and name. Missing where the earlier period has no row or either
        value is missing; ``inf`` where the earlier value is 0, as pandas gives.

    Raises
    ------
    InvalidDateError
        Two values for one period of one series (their positions), or a missing date.
    InputTypeError
        Values that are not numbers; a ``periods`` that is not a whole number.

    Examples
    --------
    >>> s = pd.Series([100.0, 110.0, 99.0],
    ...               index=pd.to_datetime(["2021-03-21", "2021-04-21", "2021-06-22"]))
    >>> pct_change(s).tolist()              # Farvardin, Ordibehesht 1400, Tir (no Khordad)
    [nan, 0.10000000000000009, nan]
    """
    return _change(values, _whole(periods, "periods"), freq, dates, by)


def _change(
    values: pd.Series, lag: int | None, freq: PeriodCode | None, dates: object, by: object
) -> pd.Series:
    """Return ``value / earlier - 1`` for ``lag`` periods back (None: one year back)."""
    values, dates, by = _inputs(values, dates, by)
    numbers, nullable = _numbers(values)
    located = _locate(values, dates, freq, by, pad=12 if lag is None else min(abs(lag), 64))
    if lag is None:
        if located.spec.code == "W":
            msg = "yoy needs months, quarters, half-years or years: a year holds 53 or 54 weeks"
            raise FrequencyError(msg)
        lag = located.spec.per_year
    with np.errstate(divide="ignore", invalid="ignore"):
        change = numbers / _lagged(numbers, located.rows(lag)) - 1.0
    return _result(values, change, nullable=nullable)


def yoy(
    values: pd.Series,
    freq: PeriodCode | None = None,
    *,
    dates: object = None,
    by: object = None,
) -> pd.Series:
    """Return the change from the same period of the previous Jalali year, as a fraction.

    1400-07 is compared with 1399-07 (by label); a period whose previous-year period has
    no row gives a missing value. Takes what :func:`pct_change` takes.

    Raises
    ------
    FrequencyError
        Weeks (``"W"``): a year holds 53 or 54 of them, so no week has a fixed
        counterpart a year earlier.

    Examples
    --------
    >>> q = pd.Series([50.0, 60.0], index=["1399-Q3", "1400-Q3"])
    >>> yoy(q).tolist()
    [nan, 0.19999999999999996]
    """
    return _change(values, None, freq, dates, by)


def _window_sums(
    numbers: npt.NDArray[np.float64], located: _Located, start: int, length: int
) -> npt.NDArray[np.float64]:
    """Sum of the values ``start .. start + length - 1`` periods back; NaN unless all known."""
    total = np.zeros(numbers.size)
    for lag in range(start, start + length):
        total += _lagged(numbers, located.rows(lag))  # NaN propagates: an incomplete window
    return total


def inflation(
    index: pd.Series,
    kind: Kind = "point",
    *,
    dates: object = None,
    by: object = None,
) -> pd.Series:
    """Return inflation in percent from a monthly price index, by Jalali month.

    Parameters
    ----------
    index : pandas.Series
        A monthly price index (a CPI), on a DatetimeIndex, with ``dates``, or indexed by
        month labels (``"1400-07"``).
    kind : {"point", "average", "monthly"}
        ``"point"``: point-to-point (year-on-year), the index over the same month of the
        previous Jalali year; ``"average"``: the average of the twelve months to this one
        over the average of the twelve months before them (the "12-month average"
        inflation the Statistical Centre of Iran and the Central Bank publish);
        ``"monthly"``: month-on-month.
    dates, by
        As for :func:`pct_change`.

    Returns
    -------
    pandas.Series
        Percent (5.0 is 5%), with the Series' index and name; missing where a month the
        measure needs has no value (``"average"`` needs all 24 months).

    Raises
    ------
    FrequencyError
        Labels of another frequency than months.
    InputTypeError
        An unknown ``kind``.

    Examples
    --------
    >>> from isipo_stats import period_range
    >>> cpi = pd.Series(np.arange(100.0, 124.0),
    ...                 index=period_range("1399-01", periods=24).astype(str))
    >>> round(float(inflation(cpi, "point").iloc[-1]), 2)      # 123 / 111 - 1
    10.81
    >>> round(float(inflation(cpi, "average").iloc[-1]), 2)    # 117.5 / 105.5 - 1
    11.37
    >>> int(inflation(cpi, "average").notna().sum())        # only the last month has 24
    1
    """
    if kind not in get_args(Kind):
        msg = f"kind must be one of {', '.join(get_args(Kind))}, got {kind!r}"
        raise InputTypeError(msg)
    index, dates, by = _inputs(index, dates, by)
    numbers, nullable = _numbers(index)
    monthly: PeriodCode | None = "M" if dates is not None or _dated(index) else None
    located = _locate(index, dates, monthly, by, pad=24)
    if located.spec.code != "M":
        msg = f"inflation needs a monthly index, got {located.spec.name} labels"
        raise FrequencyError(msg)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "average":
            ratio = _window_sums(numbers, located, 0, 12) / _window_sums(numbers, located, 12, 12)
        else:
            ratio = numbers / _lagged(numbers, located.rows(12 if kind == "point" else 1))
    return _result(index, (ratio - 1.0) * 100.0, nullable=nullable)


def _dated(values: pd.Series) -> bool:
    return isinstance(values.index, pd.DatetimeIndex)


def rebase(
    index: pd.Series,
    base: str,
    freq: PeriodCode | None = None,
    *,
    dates: object = None,
    by: object = None,
) -> pd.Series:
    """Rebase an index so that its average over the ``base`` period is 100.

    Parameters
    ----------
    index : pandas.Series
        Index values, on a DatetimeIndex, with ``dates``, or indexed by period labels.
    base : str
        A Jalali period label covering whole periods of the index: a year (``"1400"``),
        a half-year, a quarter or a month of a monthly index.
    freq, dates, by
        As for :func:`pct_change`.

    Returns
    -------
    pandas.Series
        ``100 * value / mean(values of the base)``, per series.

    Raises
    ------
    InvalidDateError
        A period of the base has no value (or a missing one) in a series: the average
        would be of fewer periods than the base holds. Or a base that is not made of
        whole periods of the index.

    Examples
    --------
    >>> cpi = pd.Series([90.0, 110.0, 121.0], index=["1399-H1", "1399-H2", "1400-H1"])
    >>> rebase(cpi, "1399").round(2).tolist()          # 1399 = 100
    [90.0, 110.0, 121.0]
    >>> rebase(cpi, "1400-H1").round(2).tolist()
    [74.38, 90.91, 100.0]
    """
    index, dates, by = _inputs(index, dates, by)
    numbers, nullable = _numbers(index)
    located = _locate(index, dates, freq, by)
    first, last = _base_periods(located.spec, base)
    inside = (located.period >= first) & (located.period <= last)
    codes = located.group
    count = int(codes.max()) + 1 if codes.size else 0
    known = inside & ~np.isnan(numbers)
    have = np.bincount(codes[known], minlength=count)
    needed = last - first + 1
    short = have < needed
    if short.any():
        row = first_position(codes == first_position(short))
        msg = (
            f"the base {base} needs {needed} {located.spec.name} values in each series, "
            f"found {have[first_position(short)]} in the series of the value"
        )
        raise InvalidDateError(msg, position=row)
    sums = np.bincount(codes[known], weights=numbers[known], minlength=count)
    return _result(index, numbers / (sums / needed)[codes] * 100.0, nullable=nullable)


def _base_periods(spec: Frequency, base: object) -> tuple[int, int]:
    """Return the first and last period of ``spec`` that the base label covers (whole)."""
    if not isinstance(base, str):
        msg = f"base must be a Jalali period label such as '1400', got {base!r}"
        raise InputTypeError(msg)
    start, end = day_bounds(base, "base")
    first = int(spec.index(np.array([start]))[0])
    last = int(spec.index(np.array([end]))[0])
    aligned = spec.first_day(np.array([first]))[0] == start
    aligned &= spec.last_day(np.array([last]))[0] == end
    if not aligned:
        msg = f"the base {base!r} is not made of whole {spec.name}s of the index"
        raise InvalidDateError(msg)
    return first, last
