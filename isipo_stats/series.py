"""Series conversions on the Jalali calendar.

Year-to-date <-> period flows, aggregation to Jalali months, quarters and years, and
calendarization between Jalali and Gregorian periods.

Every function works on many series at once: ``by`` names grouping keys (metric, region,
...) and the Jalali year is always part of the key, so nothing is ever summed or
differenced across Nowruz. A missing key (None, NaN) is a group of its own: no row is
dropped.

Values, dtypes and missing values
---------------------------------
* **Integers stay integers** where the operation allows it: sums, year-to-date sums,
  differences, ``count``, ``min``, ``max``, ``first`` and ``last`` of an integer Series
  are exact ``int64`` (nullable ``Int64`` for a nullable integer Series); a sum that does
  not fit in int64 raises :class:`~isipo_stats.errors.IntegerOverflowError` rather than
  wrap around. Means are float (``Float64`` for nullable input).
* **Missing in, missing out**: a missing value is never turned into a number. A missing
  flow stays missing in :func:`year_to_date` and does not interrupt the sum; a missing
  year-to-date value gives a missing flow in :func:`from_year_to_date`, and the next one
  is differenced from the last known value, so the two stay inverse. :func:`aggregate`
  skips missing values as pandas does, but a period with no value at all is missing
  (not 0).
* Infinity is a value: ``year_to_date([inf, 1, 2])`` is ``[inf, inf, inf]``, as
  ``numpy.cumsum`` gives; ``inf`` and ``-inf`` in one sum give NaN.
* ``values``, ``dates`` and ``by`` given as Series are matched by index label (see
  :mod:`isipo_stats.calendar`, "Several arguments").

Examples
--------
>>> dates = pd.to_datetime(["2021-01-20", "2021-03-20", "2021-04-20", "2021-05-21"])
>>> ytd = pd.Series([10.0, 25.0, 4.0, 9.0], index=dates)
>>> from_year_to_date(ytd).tolist()      # 1 Farvardin 1400 = 2021-03-21 restarts the year
[10.0, 15.0, 4.0, 5.0]
>>> year_to_date(from_year_to_date(ytd), gaps="skip").tolist()   # 1399 is seen from Dey
[10.0, 25.0, 4.0, 9.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import align, as_float_array, first_position
from isipo_stats._dates import DateInput
from isipo_stats._typing import Aggregation, FreqCode, PeriodCode
from isipo_stats.calendar import read_days, read_ints
from isipo_stats.errors import (
    InputTypeError,
    IntegerOverflowError,
    InvalidArgumentError,
    InvalidDateError,
    MissingPeriodError,
)
from isipo_stats.frequency import Frequency, get_frequency

__all__ = [
    "Gaps",
    "Target",
    "aggregate",
    "calendarize",
    "from_year_to_date",
    "period_labels",
    "year_label",
    "year_to_date",
]

Target = Literal[
    "gregorian_year", "gregorian_month", "jalali_year", "jalali_quarter", "jalali_month"
]
"""Periods that :func:`calendarize` allocates to."""


Codes = npt.NDArray[np.int64]

_LOW_BITS: Final = np.int64(0xFFFFFFFF)
_HALF: Final = 2**31  # the high 32 bits of an int64 lie in [-_HALF, _HALF)
_TO_FLOAT: Final = "convert the values to float for a rounded answer"


# --- the values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Numbers:
    """A Series' numbers: int64 (0 where missing) or float64 (NaN where missing)."""

    values: npt.NDArray[Any]
    missing: npt.NDArray[np.bool_]
    integer: bool
    nullable: bool


def _read_numbers(values: pd.Series) -> _Numbers:
    """Read the numbers of a Series once, keeping whether they are (nullable) integers.

    Raises
    ------
    InputTypeError
        A Series that does not hold real numbers (text, booleans).
    IntegerOverflowError
        Unsigned integers beyond int64.
    """
    dtype = values.dtype
    if not pd.api.types.is_numeric_dtype(dtype) or dtype.kind in "bc":
        msg = f"expected numbers to sum or cumulate, got a Series of dtype {dtype}"
        raise InputTypeError(msg)
    nullable = not isinstance(dtype, np.dtype)
    if pd.api.types.is_integer_dtype(dtype):
        missing = values.isna().to_numpy(dtype=np.bool_)
        if pd.api.types.is_unsigned_integer_dtype(dtype):
            beyond = ~missing & (values.to_numpy(dtype=np.uint64, na_value=0) > 2**63 - 1)
            if beyond.any():
                msg = f"values must fit in int64, got {values.iloc[first_position(beyond)]}"
                raise IntegerOverflowError(msg, position=first_position(beyond))
        numbers = values.to_numpy(dtype=np.int64, na_value=0)
        return _Numbers(numbers, missing, integer=True, nullable=nullable)
    floats = values.to_numpy(dtype=np.float64, na_value=np.nan)
    return _Numbers(floats, np.isnan(floats), integer=False, nullable=nullable)


def _wrap(numbers: _Numbers, result: npt.NDArray[Any], missing: npt.NDArray[np.bool_]) -> Any:
    """Return results in the dtype of the input: int64/Int64 or float64/Float64.

    ``result`` is integer for integer input (float for a mean); ``missing`` marks results
    that are missing.
    """
    if result.dtype.kind in "iu":
        if numbers.nullable or missing.any():
            return pd.arrays.IntegerArray(result.astype(np.int64), missing.copy())
        return result.astype(np.int64)
    floats = np.where(missing, np.nan, result).astype(np.float64)
    if numbers.nullable:
        return pd.arrays.FloatingArray(floats, missing.copy())
    return floats


def _inputs(values: object, dates: object, by: object) -> tuple[pd.Series, object, object]:
    """Return ``values``, ``dates`` and ``by`` with Series matched by index label.

    Raises
    ------
    InputTypeError
        ``values`` is not a Series.
    IndexAlignmentError
        Series whose indexes hold different labels.
    """
    if not isinstance(values, pd.Series):
        msg = f"values must be a pandas Series, got {type(values).__name__}"
        raise InputTypeError(msg)
    parts: list[Any] = by if isinstance(by, list) else [by]
    named = [("values", values), ("dates", dates), *(("by", part) for part in parts)]
    out = align(*named)
    series: pd.Series = out[0]  # type: ignore[assignment]
    return series, out[1], (out[2:] if isinstance(by, list) else out[2])


def _dates_of(values: pd.Series, dates: object) -> object:
    if dates is not None:
        return dates
    if isinstance(values.index, pd.DatetimeIndex):
        return values.index
    msg = "give dates, or a Series with a DatetimeIndex"
    raise InputTypeError(msg)


def _complete_days(dates: object, size: int, what: str = "dates") -> DateInput:
    """Read ``size`` dates, none missing (a flow needs its date), in the supported range."""
    parsed, _ = read_days(dates)
    if parsed.days.size != size:
        msg = f"{what} has {parsed.days.size} values where {size} were expected"
        raise InvalidDateError(msg)
    if parsed.missing.any():
        position = int(np.argmax(parsed.missing))
        missing = "a date is" if what == "dates" else f"{what} is"
        msg = f"{missing} missing at position {position}"
        raise InvalidDateError(msg)
    return parsed


# --- groups ---------------------------------------------------------------------------------


def _keys(by: object, size: int) -> list[npt.NDArray[np.object_]]:
    """Return grouping keys as arrays: ``by`` is one array-like or a list of array-likes."""
    if by is None:
        return []
    parts: list[Any] = by if isinstance(by, list) else [by]
    if not (parts and all(np.ndim(k) == 1 for k in parts)):
        parts = [by]  # a list of scalars is one key
    keys = [_key_array(k) for k in parts]
    for key in keys:
        if key.shape != (size,):
            msg = f"by has {key.size} values where {size} were expected"
            raise InvalidDateError(msg)
    return keys


def _key_array(key: Any) -> npt.NDArray[Any]:
    """One key as an array: integers, floats and booleans as they are, anything else objects."""
    values = key.to_numpy() if isinstance(key, (pd.Series, pd.Index)) else np.asarray(key)
    return values if values.dtype.kind in "iufb" else np.asarray(key, dtype=object)


def _key_codes(key: npt.NDArray[Any], *, sort: bool) -> tuple[Codes, int]:
    """Return a number for each distinct value of one key (-1: missing), and how many.

    Whole numbers spanning a short range are numbered by their value (in sorted order);
    anything else by :func:`pandas.factorize`.
    """
    if key.dtype.kind in "iu" and key.size:
        low, high = int(key.min()), int(key.max())
        if high - low < 4 * key.size + 2**16:
            return _dense(key.astype(np.int64) - low)
    codes, uniques = pd.factorize(key, sort=sort, use_na_sentinel=True)
    return codes.astype(np.int64), len(uniques)


def _group_codes(keys: list[Any], *, sort: bool = False) -> Codes:
    """Return a number per distinct row of ``keys``: 0, 1, ... (a missing key is a group).

    With ``sort``, the numbers follow the sorted order of the keys, the first key first,
    missing keys last (as pandas' ``groupby(sort=True, dropna=False)``).
    """
    if len(keys) == 1 and keys[0].dtype.kind in "iu":  # numbered densely already
        return _key_codes(keys[0], sort=sort)[0]
    rank = np.zeros(len(keys[0]) if keys else 0, dtype=np.int64)
    span = 1
    for key in keys:
        codes, count = _key_codes(key, sort=sort)
        size = count + 1
        if span * size > 2**40:  # keep the combined number small: renumber first
            rank, span = _dense(rank)
        rank = rank * size + np.where(codes < 0, size - 1, codes)  # missing: last
        span *= size
    return _dense(rank)[0]


def _dense(rank: Codes) -> tuple[Codes, int]:
    """Renumber ``rank`` 0, 1, ... in the same order; return the numbers and how many."""
    if rank.size == 0:
        return rank, 0
    if rank.max() < 4 * rank.size + 2**16:  # a table over the values, no sort
        present = np.bincount(rank) > 0
        if present.all() and rank.min() == 0:  # already 0, 1, ... without a gap
            return rank, present.size
        number = np.cumsum(present) - 1
        return number[rank], int(number[-1]) + 1
    distinct, inverse = np.unique(rank, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), distinct.size


@dataclass(frozen=True)
class _Runs:
    """Rows in chronological order within each (group, Jalali year) run.

    ``order`` takes the input to that order; ``starts`` marks the first row of each run
    (in that order).
    """

    order: npt.NDArray[np.intp]
    starts: npt.NDArray[np.bool_]
    days: Codes  # the day numbers, in run order

    def back(self, ordered: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Return values computed in run order in the order of the input."""
        out = np.empty_like(ordered)
        out[self.order] = ordered
        return out

    def cumsum(self, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Cumulative sums within each run (exact for integers whose sums fit in int64)."""
        total = np.cumsum(values)
        before = (total - values)[np.flatnonzero(self.starts)]
        run: npt.NDArray[Any] = total - before[np.cumsum(self.starts) - 1]
        return run


def _runs(values: pd.Series, dates: object, by: object) -> _Runs:
    parsed = _complete_days(_dates_of(values, dates), len(values))
    keys = _keys(by, len(values))
    if keys:  # by group, then by date (the Jalali year follows the date)
        codes = _group_codes(keys)
        order = np.lexsort((parsed.days, codes))
    else:
        codes = np.zeros(len(values), dtype=np.int64)
        order = np.argsort(parsed.days, kind="stable")
    year = _kernel.year_of(parsed.days[order])
    codes = codes[order]
    starts = np.ones(order.size, dtype=np.bool_)
    starts[1:] = (codes[1:] != codes[:-1]) | (year[1:] != year[:-1])
    return _Runs(order, starts, parsed.days[order])


Gaps = Literal["raise", "skip", "nan"]
"""What :func:`year_to_date` does where a period has no value (see there)."""


def _gaps(runs: _Runs, spec: Frequency, *, refuse: bool) -> npt.NDArray[np.bool_]:
    """Return, in run order, which rows follow a period of their year that has no row.

    Within a run (one group, one Jalali year, in date order) a row of the year's ``k``-th
    period (0-based) is gap-free when ``k + 1`` distinct periods have rows up to it. With
    ``refuse``, the first such row raises :class:`MissingPeriodError`.
    """
    period = spec.index(runs.days)
    number = np.remainder(period, spec.per_year)
    new = runs.starts.copy()
    new[1:] |= period[1:] != period[:-1]
    seen = runs.cumsum(new.astype(np.int64))
    gap: npt.NDArray[np.bool_] = seen != number + 1
    if refuse and gap.any():
        _refuse_gap(runs, spec, gap)
    return gap


def _refuse_gap(runs: _Runs, spec: Frequency, gap: npt.NDArray[np.bool_]) -> None:
    """Raise for the first row (in date order) that follows a period without a value."""
    row = first_position(gap)
    start = int(np.flatnonzero(runs.starts[: row + 1])[-1])
    period = spec.index(runs.days[start : row + 1])
    number = np.remainder(period, spec.per_year)
    absent = np.setdiff1d(np.arange(number[-1] + 1), number)[0]
    missing_label, label = spec.labels(np.array([period[-1] - number[-1] + absent, period[-1]]))
    msg = (
        f"no value for {missing_label} before the value for {label} {{where}}: its "
        "year-to-date sum would skip it (gaps='skip' sums the values there are, "
        "gaps='nan' leaves the sums after a gap missing)"
    )
    raise MissingPeriodError(msg, position=int(runs.order[row]))


# --- year-to-date ---------------------------------------------------------------------------


def _int_cumsum(
    values: npt.NDArray[np.int64], runs: _Runs
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Exact cumulative sums of int64 values in run order, and where they overflow int64.

    The high and low 32 bits are summed apart (neither sum can overflow), so the sum and
    whether it fits are both known exactly.
    """
    high = runs.cumsum(values >> 32)
    low = runs.cumsum(values & _LOW_BITS)
    high = high + (low >> 32)
    overflow = (high < -_HALF) | (high >= _HALF)
    return (high << 32) + (low & _LOW_BITS), overflow


def _float_cumsum(values: npt.NDArray[np.float64], runs: _Runs) -> npt.NDArray[np.float64]:
    """Cumulative sums of float values in run order (NaN counted as 0), inf as numpy has it.

    pandas' compensated cumsum turns everything after an infinity into NaN; infinities are
    therefore counted apart: after +inf the sum is +inf, after -inf it is -inf, after both
    NaN.
    """
    finite = np.isfinite(values)
    group = np.cumsum(runs.starts)
    cumulated = pd.Series(np.where(finite, values, 0.0)).groupby(group).cumsum()
    sums: npt.NDArray[np.float64] = np.asarray(cumulated, dtype=np.float64)
    if not (np.isinf(values).any() or np.isinf(sums).any()):
        return sums
    above = runs.cumsum(((values == np.inf) | (sums == np.inf)).astype(np.int64)) > 0
    below = runs.cumsum(((values == -np.inf) | (sums == -np.inf)).astype(np.int64)) > 0
    out: npt.NDArray[np.float64] = np.where(above, np.inf, np.where(below, -np.inf, sums))
    out[above & below] = np.nan
    return out


def year_to_date(
    values: pd.Series,
    dates: object = None,
    *,
    by: object = None,
    freq: FreqCode = "M",
    gaps: Gaps = "raise",
) -> pd.Series:
    """Cumulate period flows within each Jalali year (and group), in date order.

    Parameters
    ----------
    values : pandas.Series
        Flows (e.g. units revived in each month).
    dates : date-like array, optional
        The date of each flow (its end). Default: the Series' DatetimeIndex.
    by : array-like or list of array-likes, optional
        Grouping keys; each group is cumulated separately (a missing key is a group).
    freq : {"M", "Q", "H", "Y"}
        The period of the flows. A gap is a period of the year with no row before a row
        of that year (daily flows have one only where a whole month has none).
    gaps : {"raise", "skip", "nan"}
        ``"raise"`` (default): refuse, naming the first period without a value;
        ``"skip"``: sum the values there are (what earlier versions did); ``"nan"``: the
        sums after a gap, to the end of that Jalali year, are missing. A series that
        starts within a year has a gap: its first months are unknown.

    Returns
    -------
    pandas.Series
        Year-to-date values, same index and name. A missing flow stays missing and does not
        interrupt the sum (its row is no gap). Integers give exact integers (``int64``;
        ``Int64`` for a nullable Series or where ``gaps="nan"`` leaves a sum missing).

    Raises
    ------
    MissingPeriodError
        With ``gaps="raise"``, a period with no row before a row of its year.
    IntegerOverflowError
        An integer sum beyond int64, with the position where it first overflows.

    Examples
    --------
    >>> s = pd.Series([3.0, 4.0, 5.0], index=pd.to_datetime(["2022-01-21", "2022-02-20",
    ...                                                    "2022-03-21"]))  # 1 Bahman 1400 ...
    >>> year_to_date(s)
    Traceback (most recent call last):
    ...
    isipo_stats.errors.MissingPeriodError: no value for 1400-01 before the value for 1400-11 at position 0: its year-to-date sum would skip it (gaps='skip' sums the values there are, gaps='nan' leaves the sums after a gap missing)
    >>> year_to_date(s, gaps="skip").tolist()
    [3.0, 7.0, 5.0]
    >>> year_to_date(s, gaps="nan").tolist()
    [nan, nan, 5.0]
    >>> spring = pd.to_datetime(["2022-03-21", "2022-04-21"])   # Farvardin, Ordibehesht 1401
    >>> year_to_date(pd.Series([10**17 + 1, 10**17 + 1], index=spring)).tolist()
    [100000000000000001, 200000000000000002]
    """  # noqa: E501 (a doctest line cannot be wrapped)
    if gaps not in get_args(Gaps):
        msg = f"gaps must be one of {', '.join(get_args(Gaps))}, got {gaps!r}"
        raise InvalidArgumentError(msg)
    spec = get_frequency(freq)
    values, dates, by = _inputs(values, dates, by)
    numbers = _read_numbers(values)
    runs = _runs(values, dates, by)
    gap = _gaps(runs, spec, refuse=gaps == "raise") if gaps != "skip" else np.zeros(0, bool)
    ordered = numbers.values[runs.order]
    missing = numbers.missing[runs.order]
    sums: npt.NDArray[Any]
    if numbers.integer:
        sums, overflow = _int_cumsum(np.where(missing, 0, ordered), runs)
        overflow &= ~missing
        if overflow.any():
            position = int(runs.order[first_position(overflow)])
            msg = f"the year-to-date sum does not fit in int64 {{where}}: {_TO_FLOAT}"
            raise IntegerOverflowError(msg, position=position)
    else:
        sums = _float_cumsum(ordered, runs)
    unknown = numbers.missing | runs.back(gap) if gap.size else numbers.missing
    out = _wrap(numbers, runs.back(sums), unknown)
    return pd.Series(out, index=values.index, name=values.name)


def _previous_known(missing: npt.NDArray[np.bool_], runs: _Runs) -> npt.NDArray[np.intp]:
    """For each row (in run order), the row of the last known value before it in its run.

    -1 where there is none (the first known value of a run is a flow from 1 Farvardin).
    """
    rows = np.arange(missing.size)
    last_known = np.maximum.accumulate(np.where(missing, -1, rows))
    previous = np.concatenate(([-1], last_known[:-1])) if rows.size else rows
    run_start = np.maximum.accumulate(np.where(runs.starts, rows, 0))
    found: npt.NDArray[np.intp] = np.where(previous >= run_start, previous, -1)
    return found


def from_year_to_date(values: pd.Series, dates: object = None, *, by: object = None) -> pd.Series:
    """Turn year-to-date values into the flow since the previous value of the same year.

    The first value of each Jalali year is the flow from 1 Farvardin; values are never
    differenced across Nowruz. A missing value gives a missing flow, and the next value
    is differenced from the last known one: ``[10, NaN, 30, 45]`` in one year gives
    ``[10, NaN, 20, 15]``, so that :func:`year_to_date` gives the values back.

    Parameters
    ----------
    values : pandas.Series
        Year-to-date (cumulative) values.
    dates : date-like array, optional
        As-of dates. Default: the Series' DatetimeIndex.
    by : array-like or list of array-likes, optional
        Grouping keys (a missing key is a group).

    Returns
    -------
    pandas.Series
        Flows, same index and name. A negative flow means a year-to-date value fell.
        Integers give exact integers (``int64``, or ``Int64`` for a nullable Series).

    Raises
    ------
    IntegerOverflowError
        An integer difference beyond int64, with its position.

    Examples
    --------
    >>> s = pd.Series([529.0, 819.0, 1170.0],
    ...               index=pd.to_datetime(["2019-09-22", "2020-10-21", "2021-01-15"]))
    >>> from_year_to_date(s).tolist()
    [529.0, 819.0, 351.0]
    >>> ytd = pd.Series([10, None, 30, 45], index=pd.date_range("2021-04-01", periods=4),
    ...                 dtype="Int64")
    >>> from_year_to_date(ytd).tolist()
    [10, <NA>, 20, 15]
    """
    values, dates, by = _inputs(values, dates, by)
    numbers = _read_numbers(values)
    runs = _runs(values, dates, by)
    ordered = numbers.values[runs.order]
    missing = numbers.missing[runs.order]
    previous = _previous_known(missing, runs)
    start = np.where(previous >= 0, ordered[np.maximum(previous, 0)], 0)
    with np.errstate(invalid="ignore"):  # inf - inf is NaN, as documented
        flows = ordered - start
    if numbers.integer:
        # a wrapped difference has the sign of neither the value nor minus the start
        overflow = (((ordered ^ start) & (ordered ^ flows)) < 0) & ~missing
        if overflow.any():
            position = int(runs.order[first_position(overflow)])
            msg = (
                "the difference from the previous value does not fit in int64 "
                f"{{where}}: {_TO_FLOAT}"
            )
            raise IntegerOverflowError(msg, position=position)
    out = _wrap(numbers, runs.back(flows), numbers.missing)
    return pd.Series(out, index=values.index, name=values.name)


def period_labels(dates: object, freq: PeriodCode = "M") -> pd.Series:
    """Jalali period labels that sort in time order: ``"1400-07"``, ``"1400-Q3"``, ``"1400"``.

    ``freq="W"`` gives Iranian weeks (``"1400-W05"``, see :mod:`isipo_stats.frequency`).

    Examples
    --------
    >>> period_labels(["2021-10-22", "2022-03-20"], "Q").tolist()
    ['1400-Q3', '1400-Q4']
    >>> period_labels(["2021-03-20", "2021-03-21"], "W").tolist()
    ['1399-W54', '1400-W01']
    """
    spec = get_frequency(freq, weeks=True)
    parsed, days = read_days(dates)
    labels = spec.labels(spec.index(days))
    labels[parsed.missing] = None
    if parsed.scalar:
        return labels[0]  # type: ignore[no-any-return]
    index = parsed.index if parsed.index is not None else pd.RangeIndex(days.size)
    return pd.Series(labels, index=index, name=parsed.name, dtype=object)


_HOW: Final = ("sum", "mean", "first", "last", "count", "min", "max")


def aggregate(
    values: pd.Series,
    dates: object = None,
    freq: PeriodCode = "M",
    how: Aggregation = "sum",
    *,
    by: object = None,
) -> pd.Series:
    """Aggregate values by Jalali month, quarter, half-year or year.

    Parameters
    ----------
    values : pandas.Series
    dates : date-like array, optional
        Default: the Series' DatetimeIndex.
    freq : {"M", "Q", "H", "Y", "W"}
        ``"W"``: Iranian weeks (Saturday to Friday, cut at Nowruz; ``"1400-W05"``).
    how : {"sum", "mean", "first", "last", "count", "min", "max"}
        Missing values are skipped, as pandas does; a period with no value is missing
        (``count`` gives 0). ``first`` and ``last`` are the earliest and latest known
        values by date (rows of the same date in the order given).
    by : array-like or list of array-likes, optional
        Extra grouping keys, which become outer index levels. A missing key is a group of
        its own.

    Returns
    -------
    pandas.Series
        Indexed by Jalali period label (sorted in time order), named like ``values``.
        Integers stay integers (``int64``, or ``Int64`` for a nullable Series) for every
        ``how`` but ``mean``; ``count`` is ``int64``.

    Raises
    ------
    IntegerOverflowError
        An integer sum beyond int64 (naming the first row of the period).

    Examples
    --------
    >>> s = pd.Series(1.0, index=pd.date_range("2021-03-19", "2021-04-22"))
    >>> aggregate(s, freq="M")
    1399-12     2.0
    1400-01    31.0
    1400-02     2.0
    Name: sum, dtype: float64
    >>> aggregate(pd.Series([1, 2, 3, 4], index=s.index[2:6]), by=["a", None, "a", None])
    a    1400-01    4
    nan  1400-01    6
    Name: sum, dtype: int64
    """
    if how not in _HOW:
        msg = f"how must be one of {', '.join(_HOW)}, got {how!r}"
        raise InvalidArgumentError(msg)
    spec = get_frequency(freq, weeks=True)
    values, dates, by = _inputs(values, dates, by)
    numbers = _read_numbers(values)
    series = values
    parsed = _complete_days(_dates_of(series, dates), len(series))  # nothing dropped silently
    period = spec.index(parsed.days)
    codes, keys = _period_groups(_keys(by, len(series)), period)
    if how in ("first", "last"):  # in time order (rows of one day as given), as resample
        result = _first_or_last(numbers, codes, len(keys), parsed.days, last=how == "last")
    else:
        result = _reduce(numbers, codes, len(keys), how)
    labels = pd.Index(spec.labels(keys.get_level_values(-1).to_numpy(dtype=np.int64)), dtype="str")
    if keys.nlevels == 1:
        index: pd.Index = labels
    else:
        outer = [keys.get_level_values(i).rename(None) for i in range(keys.nlevels - 1)]
        index = pd.MultiIndex.from_arrays([*outer, labels])
    return pd.Series(result, index=index, name=how if series.name is None else series.name)


def _period_groups(keys: list[Any], period: Codes) -> tuple[Codes, pd.Index]:
    """Return each row's group number and the groups (keys, then period), sorted.

    Without keys, periods are binned directly (fewer than 6,000 months in the supported
    years); with keys, missing keys sort last and are groups of their own.
    """
    if not keys:
        first = int(period.min()) if period.size else 0
        bins = period - first
        present = np.bincount(bins) > 0
        number = np.cumsum(present) - 1
        return number[bins], pd.Index(np.flatnonzero(present) + first)
    codes = _group_codes([*keys, period], sort=True)
    count = int(codes.max()) + 1 if codes.size else 0
    first_row = np.full(count, codes.size, dtype=np.int64)
    np.minimum.at(first_row, codes, np.arange(codes.size, dtype=np.int64))
    index = pd.MultiIndex.from_arrays([np.asarray(k)[first_row] for k in [*keys, period]])
    return codes, index


def _reduce(numbers: _Numbers, codes: Codes, count: int, how: str) -> Any:
    """Reduce the numbers of each group (0..count-1), skipping missing values."""
    present = codes[~numbers.missing] if numbers.missing.any() else codes
    known = np.bincount(present, minlength=count)
    if how == "count":
        return known.astype(np.int64)
    if how in ("sum", "mean"):
        total = _group_sum(numbers, codes, count, exact=how == "sum")
        if how == "mean":
            total = total / np.maximum(known, 1)
        return _wrap(numbers, total, known == 0)
    filled = _wrap(numbers, numbers.values, numbers.missing)
    grouped = pd.Series(filled).groupby(codes, sort=True)
    return getattr(grouped, how)().array


def _first_or_last(numbers: _Numbers, codes: Codes, count: int, days: Codes, *, last: bool) -> Any:
    """Return the earliest (or latest) known value of each group by date (ties: row order).

    One number orders the rows, ``(date, row)``: its minimum (maximum) over the known rows
    of a group is the row wanted, found without sorting.
    """
    size = max(codes.size, 1)
    offset = days - days.min() if codes.size else days
    rank = offset * size + np.arange(codes.size, dtype=np.int64)
    known = ~numbers.missing
    best = np.full(count, -1 if last else np.iinfo(np.int64).max, dtype=np.int64)
    (np.maximum if last else np.minimum).at(best, codes[known], rank[known])
    found = np.bincount(codes[known], minlength=count) > 0
    row = np.where(found, best % size, 0)
    values = numbers.values[row] if codes.size else numbers.values[:0]
    return _wrap(numbers, values, ~found)


def _group_sum(numbers: _Numbers, codes: Codes, count: int, *, exact: bool) -> Any:
    """Sum each group: float for floats; for integers exact int64, or float if not ``exact``.

    Raises
    ------
    IntegerOverflowError
        An exact integer sum beyond int64, naming the first row of its group.
    """
    values = np.where(numbers.missing, 0, numbers.values)
    if not numbers.integer:  # float also without rows (bincount then gives integers)
        return np.bincount(codes, weights=values, minlength=count).astype(np.float64)
    high = np.zeros(count, np.int64)
    low = np.zeros(count, np.int64)
    np.add.at(high, codes, values >> 32)
    np.add.at(low, codes, values & _LOW_BITS)
    high += low >> 32
    if not exact:
        return high.astype(np.float64) * 2.0**32 + (low & _LOW_BITS)
    overflow = (high < -_HALF) | (high >= _HALF)
    if overflow.any():
        position = first_position(codes == first_position(overflow))
        msg = (
            f"the sum of the period holding the value {{where}} does not fit in int64: {_TO_FLOAT}"
        )
        raise IntegerOverflowError(msg, position=position)
    return (high << 32) + (low & _LOW_BITS)


def year_label(years: object) -> npt.NDArray[np.object_]:
    """Label Jalali years with the Gregorian years they straddle: ``"1400 (2021/22)"``.

    A missing year (None, NaN, ``pd.NA``) gets no label (None).

    Raises
    ------
    CalendarRangeError
        A year outside the supported years.
    InvalidDateError, InputTypeError
        A year that is not a whole number.

    Examples
    --------
    >>> year_label([1399, 1400, None]).tolist()
    ['1399 (2020/21)', '1400 (2021/22)', None]
    """
    parsed = read_ints(years, "year")
    known = _kernel.check_years(parsed.values, parsed.missing)
    y, where = np.unique(known, return_inverse=True)
    first = (y + 621).astype(str).astype(object)
    second = pd.Series((y + 622) % 100).astype(str).str.zfill(2).to_numpy(dtype=object)
    labels: npt.NDArray[np.object_] = (
        y.astype(str).astype(object) + " (" + first + "/" + second + ")"
    )
    out = labels[where.reshape(-1)]  # each distinct year labelled once
    out[parsed.missing] = None
    return out


Boundaries = tuple[npt.NDArray[np.int64], npt.NDArray[Any], npt.NDArray[np.int64]]
"""The first day of each period, its label, and the first day after it."""


def _gregorian_boundaries(*, monthly: bool) -> Boundaries:
    first = np.datetime64("1821-01", "M") if monthly else np.datetime64("1821", "Y")
    last = np.datetime64("2322-12", "M") if monthly else np.datetime64("2322", "Y")
    periods = np.arange(first, last + 1)
    starts = periods.astype("datetime64[D]").astype(np.int64)
    following = (periods + 1).astype("datetime64[D]").astype(np.int64)
    return starts, periods.astype(str).astype(object), following


def _jalali_boundaries(freq: FreqCode) -> Boundaries:
    spec = get_frequency(freq)
    index = np.arange((_kernel.LAST_YEAR - _kernel.FIRST_YEAR + 1) * spec.per_year)
    starts = spec.first_day(index)
    following = spec.last_day(index) + 1
    if spec.months == 12:
        return starts, year_label(_kernel.FIRST_YEAR + index), following
    return starts, spec.labels(index), following


def _boundaries(to: Target) -> Boundaries:
    if to == "gregorian_year":
        return _gregorian_boundaries(monthly=False)
    if to == "gregorian_month":
        return _gregorian_boundaries(monthly=True)
    if to == "jalali_year":
        return _jalali_boundaries("Y")
    if to == "jalali_quarter":
        return _jalali_boundaries("Q")
    if to == "jalali_month":
        return _jalali_boundaries("M")
    msg = f"to must be one of {', '.join(get_args(Target))}, got {to!r}"
    raise InvalidArgumentError(msg)


def calendarize(
    values: npt.ArrayLike, start: object, end: object, to: Target = "gregorian_year"
) -> pd.DataFrame:
    """Allocate flows over their spans to calendar periods, in proportion to days.

    A Jalali-year total is split between the two Gregorian years it straddles by the days
    it has in each, and likewise for months and quarters, and back (Gregorian spans to
    Jalali periods). Each flow is assumed spread evenly over the days of its span.

    Parameters
    ----------
    values : array-like of numbers
        The flows; a missing flow (None, NaN, ``pd.NA``) gives missing pieces (its days
        are still allocated).
    start, end : date-like arrays
        First and last day of each flow's span (inclusive). Series among ``values``,
        ``start`` and ``end`` are matched by index label.
    to : {"gregorian_year", "gregorian_month", "jalali_year", "jalali_quarter", "jalali_month"}

    Returns
    -------
    pandas.DataFrame
        One row per (input row, period overlapped), in input order: ``row`` (input
        position), ``period`` (label: ``"2021"``, ``"2021-03"``, ``"1400 (2021/22)"``,
        ``"1400-Q1"``, ``"1400-01"``), ``period_start``, ``period_days`` (days in the
        period), ``days`` (days of the span in the period), ``span_days``, ``value``
        (``value * days / span_days``). ``days`` sums exactly to ``span_days`` for each
        row, so totals are preserved (the values up to floating-point rounding).

    Notes
    -----
    A period's total is complete only if the spans cover all its days: compare the
    ``days`` summed by period with ``period_days`` before reading a total as the
    period's (a Jalali year 1399 total alone covers 286 days of 2020, not 366).

    Examples
    --------
    >>> calendarize([365.0], ["2021-03-21"], ["2022-03-20"], to="gregorian_year")
       row period period_start  period_days  days  span_days  value
    0    0   2021   2021-01-01          365   286        365  286.0
    1    0   2022   2022-01-01          365    79        365   79.0
    """
    given, start, end = align(("values", values), ("start", start), ("end", end))
    flows = as_float_array(given, "values")
    first = _complete_days(start, flows.size, "start")
    last = _complete_days(end, flows.size, "end")
    backwards = last.days < first.days
    if backwards.any():
        position = int(np.argmax(backwards))
        msg = f"the span ends before it starts at position {position}"
        raise InvalidDateError(msg)
    starts, labels, following = _boundaries(to)
    i0 = np.searchsorted(starts, first.days, side="right") - 1
    i1 = np.searchsorted(starts, last.days, side="right") - 1
    counts = i1 - i0 + 1
    rows = np.repeat(np.arange(flows.size), counts)
    within = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    period = i0[rows] + within
    next_start = following[period]
    piece_start = np.maximum(starts[period], first.days[rows])
    piece_end = np.minimum(next_start - 1, last.days[rows])
    days = piece_end - piece_start + 1
    span_days = (last.days - first.days + 1)[rows]
    return pd.DataFrame(
        {
            "row": rows,
            "period": labels[period],
            "period_start": starts[period].astype("datetime64[D]").astype("datetime64[us]"),
            "period_days": following[period] - starts[period],
            "days": days,
            "span_days": span_days,
            "value": flows[rows] * days / span_days,
        }
    )
