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
from functools import partial
from typing import Any, Final, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel, _lag
from isipo_stats._arrays import first_position
from isipo_stats._typing import PeriodCode
from isipo_stats.errors import (
    FrequencyError,
    InputTypeError,
    InvalidArgumentError,
    InvalidDateError,
)
from isipo_stats.frequency import Frequency, get_frequency
from isipo_stats.periods import day_bounds, read_periods
from isipo_stats.series import Codes, _complete_days, _group_codes, _inputs, _keys

__all__ = ["Kind", "inflation", "pct_change", "rebase", "yoy"]

Rows = npt.NDArray[np.intp]
Kind = Literal["point", "average", "monthly"]
"""What :func:`inflation` measures (see there)."""

_DENSE_SLACK: Final = 1 << 16
_NAT: Final = np.iinfo(np.int64).min
_PER_DAY: Final = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


# --- rows located by (series, period) ------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    """Each row's series (``group``) and period, and how to find the row of any pair.

    A pair's key is ``group * stride + slot``, with ``slot = period - first + pad`` and
    ``stride = span + 2 * pad``: the ``pad`` slots on either side of each series hold no
    row, so a key moved by up to ``pad`` periods stays within its series. The keys are
    unique (checked). When they are few enough for a table (``dense``), a value ``lag``
    periods back is one gather from a table of values by key; ``table`` (rows by key) is
    kept when it was built. Otherwise ``order`` sorts the keys (None: they are sorted
    already) and a lookup is a binary search.
    """

    spec: Frequency
    group: npt.NDArray[np.int64]
    slot: npt.NDArray[np.int64]
    first: int
    span: int
    pad: int
    key: npt.NDArray[np.int64]
    series: int
    dense: bool
    table: Rows | None
    order: Rows | None

    @property
    def period(self) -> npt.NDArray[np.int64]:
        """Each row's period number."""
        return self.slot + (self.first - self.pad)

    def rows(self, lag: int) -> Rows:
        """Return, for each row, the row of its series ``lag`` periods earlier, or -1."""
        earlier = self.slot - lag
        valid = (earlier >= self.pad) & (earlier < self.pad + self.span)
        target = np.where(valid, self.key - lag, self.key)
        if self.table is not None:
            found = self.table[target]
        elif self.key.size:
            keys = self.key if self.order is None else self.key[self.order]
            at = np.minimum(np.searchsorted(keys, target), keys.size - 1)
            valid &= keys[at] == target
            found = at if self.order is None else self.order[at]
        else:
            found = target
        return np.where(valid, found, -1)

    def values_table(self, numbers: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Return the value of each key (NaN where no row has it), after ``pad`` NaN.

        For :meth:`back`: the value ``lag`` periods back is ``table[pad - lag + key]``.
        """
        table = np.full(self.series * self.stride + 2 * self.pad, np.nan)
        table[self.pad :][self.key] = numbers
        return table

    @property
    def stride(self) -> int:
        """Keys per series."""
        return self.span + 2 * self.pad

    def back(
        self,
        numbers: npt.NDArray[np.float64],
        lag: int,
        table: npt.NDArray[np.float64] | None = None,
    ) -> npt.NDArray[np.float64]:
        """Return each row's value ``lag`` periods earlier in its series (NaN: none).

        ``table``: the :meth:`values_table` of ``numbers``, when several lags are read.
        """
        if self.dense and abs(lag) <= self.pad:  # the moved key stays in its series' slots
            values = self.values_table(numbers) if table is None else table
            found: npt.NDArray[np.float64] = np.take(values[self.pad - lag :], self.key)
            return found
        return _lagged(numbers, self.rows(lag))


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


def _plain_times(given: object, size: int) -> tuple[npt.NDArray[np.int64], int] | None:
    """Return naive ``datetime64`` dates as integers and their units per day, else None.

    Plain means a DatetimeIndex, Series or numpy array of ``size`` naive ``datetime64``
    values in seconds, milliseconds, microseconds or nanoseconds: the dates that can be
    read without :func:`isipo_stats.calendar.read_days`.
    """
    array: Any = given
    if isinstance(given, (pd.DatetimeIndex, pd.Series)):
        if not isinstance(given.dtype, np.dtype):  # timezone-aware, or not dates
            return None
        array = given.to_numpy()
    if not (isinstance(array, np.ndarray) and array.dtype.kind == "M" and array.shape == (size,)):
        return None
    unit, count = np.datetime_data(array.dtype)
    if unit not in _PER_DAY or count != 1:
        return None
    return array.view(np.int64), _PER_DAY[unit]


def _plain_slots(
    given: object, size: int, spec: Frequency, pad: int
) -> tuple[npt.NDArray[np.int64], int, int, npt.NDArray[np.int64]] | None:
    """Return each date's slot, the first period, the span and a spare buffer, or None.

    None: not plain dates. The spare buffer (as long as the dates) is free for the caller.

    The fast route of :func:`_slots`: dates without NaT within the supported years are
    read with one division and one gather from a table of the days they span. Anything
    else (NaT, a date out of range, weeks) is left to the general route and its errors.
    """
    plain = _plain_times(given, size) if spec.months and size else None
    if plain is None:
        return None
    raw, per_day = plain
    low, high = int(raw.min()), int(raw.max())
    first_day, last_day = low // per_day, high // per_day
    if low == _NAT or first_day < _kernel.FIRST_DAY or last_day > _kernel.LAST_DAY:
        return None
    base = 0 if 0 <= first_day and last_day < size else first_day  # a table from day 0
    table = _kernel.period_index_table(base, last_day, spec.months)  # spares a subtraction
    first, last = int(table[first_day - base]), int(table[-1])
    table -= first - pad
    days = raw // per_day
    if base:
        days -= base
    slots: npt.NDArray[np.int64] = np.take(table, days)
    return slots, first, last - first + 1, days


def _slots(
    values: pd.Series, dates: object, freq: PeriodCode | None, pad: int
) -> tuple[Frequency, npt.NDArray[np.int64], int, int, npt.NDArray[np.int64] | None]:
    """Return the frequency, each row's slot (period - first + pad), first and span.

    And an int64 buffer as long as the rows that the caller may overwrite, if there is one.
    """
    dated = dates is not None or isinstance(values.index, pd.DatetimeIndex)
    if dated:
        spec = get_frequency("M" if freq is None else freq, weeks=True)
        given = values.index if dates is None else dates
        plain = _plain_slots(given, len(values), spec, pad)
        if plain is not None:
            return spec, *plain
    spec, period = _periods_of_rows(values, dates, freq)
    first = int(period.min()) if period.size else 0
    span = int(period.max()) - first + 1 if period.size else 1
    return spec, period - (first - pad), first, span, None


def _series_codes(keys: list[npt.NDArray[Any]], size: int, *, dense: bool) -> tuple[Codes, int]:
    """Return each row's series number and how many numbers there are (a bound, unless dense).

    Without ``dense``, one whole-number key over a short range is numbered by its value
    (numbers no row has are allowed: only lookups use them); otherwise 0, 1, ... in order.
    """
    if not keys:
        return np.zeros(size, np.int64), 1 if size else 0
    key = keys[0]
    if not dense and len(keys) == 1 and key.dtype.kind in "iu" and key.size:
        low, high = int(key.min()), int(key.max())
        if high - low < 4 * key.size + _DENSE_SLACK:
            codes = key.astype(np.int64, copy=False)
            return (codes - low if low else codes), high - low + 1
    codes = _group_codes(keys)
    return codes, int(codes.max()) + 1 if codes.size else 0


def _locate(
    values: pd.Series,
    dates: object,
    freq: PeriodCode | None,
    by: object,
    pad: int = 0,
    *,
    dense: bool = True,
    series: tuple[Codes, int] | None = None,
) -> _Located:
    """Read each row's (series, period), refusing two rows for one (series, period).

    ``pad``: the largest lag that will be looked up (a table lookup then needs no check).
    ``dense``: number the series 0, 1, ... (else, as cheap as possible, for lookups only).
    ``series``: the series numbers and their count, when the caller has them already.
    """
    spec, slot, first, span, spare = _slots(values, dates, freq, pad)
    keys = _keys(by, len(values))
    group, count = _series_codes(keys, slot.size, dense=dense) if series is None else series
    stride = span + 2 * pad
    key = slot
    if keys:  # into a buffer of the right size no longer needed, if there is one
        key = np.multiply(group, stride) if spare is None else np.multiply(group, stride, out=spare)
        key += slot
    fits = count * stride <= 4 * key.size + _DENSE_SLACK
    place = partial(_Located, spec, group, slot, first, span, pad, key, count, fits)
    if key.size < 2 or bool(np.all(key[1:] > key[:-1])):  # sorted: no key is repeated
        return place(None, None)
    if fits:
        rows = np.arange(key.size)
        table = np.full(count * stride, -1, dtype=np.intp)
        table[key] = rows
        if np.count_nonzero(table >= 0) < key.size:  # a key repeated: name the second row
            table[key[::-1]] = rows[::-1]  # of repeated keys, the first row is written last
            _refuse_repeats(spec, place(None, None).period, key, table[key] != rows)
        return place(table, None)
    order = np.argsort(key, kind="stable")
    repeated = np.zeros(key.size, np.bool_)
    repeated[order[1:]] = key[order[1:]] == key[order[:-1]]
    _refuse_repeats(spec, place(None, None).period, key, repeated)
    return place(None, order)


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
    keys = _keys(by, len(values))
    series = _series_codes(keys, len(values), dense=False)  # for either route, once
    with np.errstate(divide="ignore", invalid="ignore"):
        change = _sorted_change(values, numbers, lag, freq, dates, series[0] if keys else None)
        if change is None:
            pad = 12 if lag is None else min(abs(lag), 64)
            located = _locate(values, dates, freq, by, pad=pad, dense=False, series=series)
            if lag is None:
                if located.spec.code == "W":
                    msg = (
                        "yoy needs months, quarters, half-years or years: "
                        "a year holds 53 or 54 weeks"
                    )
                    raise FrequencyError(msg)
                lag = located.spec.per_year
            change = located.back(numbers, lag)  # a fresh array: the change is written in it
            np.divide(numbers, change, out=change)
            change -= 1.0
    return _result(values, change, nullable=nullable)


def _sorted_change(
    values: pd.Series,
    numbers: npt.NDArray[np.float64],
    lag: int | None,
    freq: PeriodCode | None,
    dates: object,
    series: Codes | None,
) -> npt.NDArray[np.float64] | None:
    """Return ``value / earlier - 1`` by the fast route of :mod:`isipo_stats._lag`, or None.

    The route takes plain dates (see :func:`_plain_times`) of months, quarters, half-years
    or years, a lag back of at least one period, and rows in (series, date) order; None
    leaves anything else to :func:`_locate`. ``series``: each row's series (None: one).
    """
    if dates is None and not isinstance(values.index, pd.DatetimeIndex):
        return None
    spec = get_frequency("M" if freq is None else freq, weeks=True)
    step = spec.per_year if lag is None else lag
    plain = _plain_times(values.index if dates is None else dates, len(values))
    if plain is None or not spec.months or not 1 <= step <= len(values):
        return None
    return _lag.lagged_change(*plain, spec.months, series, numbers, step)


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
    table = located.values_table(numbers) if located.dense else None
    for lag in range(start, start + length):
        total += located.back(numbers, lag, table)  # NaN propagates: an incomplete window
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
    InvalidArgumentError
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
        raise InvalidArgumentError(msg)
    index, dates, by = _inputs(index, dates, by)
    numbers, nullable = _numbers(index)
    monthly: PeriodCode | None = "M" if dates is not None or _dated(index) else None
    located = _locate(index, dates, monthly, by, pad=24, dense=False)
    if located.spec.code != "M":
        msg = f"inflation needs a monthly index, got {located.spec.name} labels"
        raise FrequencyError(msg)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "average":
            ratio = _window_sums(numbers, located, 0, 12) / _window_sums(numbers, located, 12, 12)
        else:
            ratio = numbers / located.back(numbers, 12 if kind == "point" else 1)
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
