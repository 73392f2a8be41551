"""Series conversions on the Jalali calendar.

Year-to-date <-> period flows, aggregation to Jalali months, quarters and years, and
calendarization between Jalali and Gregorian periods.

Every function works on many series at once: ``by`` names grouping keys (metric, region,
...) and the Jalali year is always part of the key, so nothing is ever summed or
differenced across Nowruz.

Examples
--------
>>> dates = pd.to_datetime(["2021-01-20", "2021-03-20", "2021-04-20", "2021-05-21"])
>>> ytd = pd.Series([10.0, 25.0, 4.0, 9.0], index=dates)
>>> from_year_to_date(ytd).tolist()      # 1 Farvardin 1400 = 2021-03-21 restarts the year
[10.0, 15.0, 4.0, 5.0]
>>> year_to_date(from_year_to_date(ytd)).tolist()
[10.0, 25.0, 4.0, 9.0]
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._dates import DateInput
from isipo_stats._typing import FreqCode
from isipo_stats.calendar import read_days
from isipo_stats.errors import InputTypeError, InvalidDateError
from isipo_stats.frequency import get_frequency

__all__ = [
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


def _dates_of(values: pd.Series, dates: object) -> object:
    if not pd.api.types.is_numeric_dtype(values.dtype) or values.dtype.kind == "b":
        msg = f"expected numbers to sum or cumulate, got a Series of dtype {values.dtype}"
        raise InputTypeError(msg)
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


def _year_and_days(dates: object, size: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    parsed = _complete_days(dates, size)
    return _kernel.year_of(parsed.days), parsed.days


def _keys(by: object, size: int) -> list[npt.NDArray[np.object_]]:
    """Return grouping keys as arrays: ``by`` is one array-like or a list of array-likes."""
    if by is None:
        return []
    parts: list[Any] = by if isinstance(by, list) else [by]
    if not (parts and all(np.ndim(k) == 1 for k in parts)):
        parts = [by]  # a list of scalars is one key
    keys = [np.asarray(k, dtype=object) for k in parts]
    for key in keys:
        if key.shape != (size,):
            msg = f"by has {key.size} values where {size} were expected"
            raise InvalidDateError(msg)
    return keys


def _group_codes(by: object, size: int) -> npt.NDArray[np.int64]:
    keys = _keys(by, size)
    if not keys:
        return np.zeros(size, dtype=np.int64)
    frame = pd.DataFrame(dict(enumerate(keys)))
    groups = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup()
    return np.asarray(groups, dtype=np.int64)


def _within_years(
    values: pd.Series, dates: object, by: object
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Return (group id per row, a chronological order, values as float)."""
    year, days = _year_and_days(_dates_of(values, dates), len(values))
    groups = _group_codes(by, len(values))
    key = pd.DataFrame({"g": groups, "y": year}).groupby(["g", "y"], sort=False).ngroup()
    codes = np.asarray(key, dtype=np.int64)
    order = np.lexsort((days, codes)).astype(np.int64)
    return codes, order, np.asarray(values, dtype=np.float64)


def year_to_date(values: pd.Series, dates: object = None, *, by: object = None) -> pd.Series:
    """Cumulate period flows within each Jalali year (and group), in date order.

    Parameters
    ----------
    values : pandas.Series
        Flows (e.g. units revived in each month).
    dates : date-like array, optional
        The date of each flow (its end). Default: the Series' DatetimeIndex.
    by : array-like or list of array-likes, optional
        Grouping keys; each group is cumulated separately.

    Returns
    -------
    pandas.Series
        Year-to-date values, same index and name. A missing flow stays missing and does not
        interrupt the sum.

    Examples
    --------
    >>> s = pd.Series([3.0, 4.0, 5.0], index=pd.to_datetime(["2022-02-01", "2022-03-01",
    ...                                                    "2022-04-01"]))
    >>> year_to_date(s).tolist()
    [3.0, 7.0, 5.0]
    """
    key, order, flows = _within_years(values, dates, by)
    ordered = pd.Series(flows[order]).groupby(key[order], sort=False).cumsum().to_numpy()
    out = np.empty_like(flows)
    out[order] = ordered
    return pd.Series(out, index=values.index, name=values.name)


def from_year_to_date(values: pd.Series, dates: object = None, *, by: object = None) -> pd.Series:
    """Turn year-to-date values into the flow since the previous value of the same year.

    The first value of each Jalali year is the flow from 1 Farvardin; values are never
    differenced across Nowruz.

    Parameters
    ----------
    values : pandas.Series
        Year-to-date (cumulative) values.
    dates : date-like array, optional
        As-of dates. Default: the Series' DatetimeIndex.
    by : array-like or list of array-likes, optional
        Grouping keys.

    Returns
    -------
    pandas.Series
        Flows, same index and name. A negative flow means a year-to-date value fell.

    Examples
    --------
    >>> s = pd.Series([529.0, 819.0, 1170.0],
    ...               index=pd.to_datetime(["2019-09-22", "2020-10-21", "2021-01-15"]))
    >>> from_year_to_date(s).tolist()
    [529.0, 819.0, 351.0]
    """
    key, order, cumulative = _within_years(values, dates, by)
    ordered_key = key[order]
    ordered = cumulative[order]
    flows = np.diff(ordered, prepend=0.0)
    first = np.ones(ordered.size, dtype=bool)
    first[1:] = ordered_key[1:] != ordered_key[:-1]
    flows[first] = ordered[first]
    out = np.empty_like(cumulative)
    out[order] = flows
    return pd.Series(out, index=values.index, name=values.name)


def period_labels(dates: object, freq: FreqCode = "M") -> pd.Series:
    """Jalali period labels that sort in time order: ``"1400-07"``, ``"1400-Q3"``, ``"1400"``.

    Examples
    --------
    >>> period_labels(["2021-10-22", "2022-03-20"], "Q").tolist()
    ['1400-Q3', '1400-Q4']
    """
    spec = get_frequency(freq)
    parsed, days = read_days(dates)
    labels = spec.labels(spec.index(days))
    labels[parsed.missing] = None
    if parsed.scalar:
        return labels[0]  # type: ignore[no-any-return]
    index = parsed.index if parsed.index is not None else pd.RangeIndex(days.size)
    return pd.Series(labels, index=index, name=parsed.name, dtype=object)


def aggregate(
    values: pd.Series,
    dates: object = None,
    freq: FreqCode = "M",
    how: Literal["sum", "mean", "first", "last", "count", "min", "max"] = "sum",
    *,
    by: object = None,
) -> pd.Series:
    """Aggregate values by Jalali month, quarter or year.

    Parameters
    ----------
    values : pandas.Series
    dates : date-like array, optional
        Default: the Series' DatetimeIndex.
    freq : {"M", "Q", "H", "Y"}
    how : {"sum", "mean", "first", "last", "count", "min", "max"}
    by : array-like or list of array-likes, optional
        Extra grouping keys, which become outer index levels.

    Returns
    -------
    pandas.Series
        Indexed by Jalali period label (sorted in time order), named like ``values``.

    Examples
    --------
    >>> s = pd.Series(1.0, index=pd.date_range("2021-03-19", "2021-04-22"))
    >>> aggregate(s, freq="M")
    1399-12     2.0
    1400-01    31.0
    1400-02     2.0
    Name: sum, dtype: float64
    """
    if how not in ("sum", "mean", "first", "last", "count", "min", "max"):
        msg = f"how must be one of sum, mean, first, last, count, min, max, got {how!r}"
        raise InputTypeError(msg)
    spec = get_frequency(freq)
    parsed = _complete_days(_dates_of(values, dates), len(values))  # nothing dropped silently
    # group on the period number (an int), label only the groups found
    period = spec.index(parsed.days)
    if by is None and how in ("sum", "mean", "count") and values.dtype.kind in "iufb":
        out = _bincount_aggregate(values, period, how)
    else:
        keys: list[Any] = [*_keys(by, len(values)), period]
        grouped = pd.Series(values.to_numpy(), name=values.name).groupby(keys, sort=True)
        out = getattr(grouped, how)()
    found = out.index.get_level_values(-1).to_numpy(dtype=np.int64)
    labels = pd.Index(spec.labels(found), dtype="str")
    if by is None:
        out.index = labels
    else:
        outer = [out.index.get_level_values(i) for i in range(out.index.nlevels - 1)]
        out.index = pd.MultiIndex.from_arrays([*outer, labels])
    if out.name is None:
        out.name = how
    return out


def _bincount_aggregate(values: pd.Series, period: npt.NDArray[np.int64], how: str) -> pd.Series:
    """Sum, mean or count by period with ``np.bincount`` (NaN skipped, as pandas does)."""
    # period numbers are small (fewer than 6,000 months in the supported years): bin on them
    first = int(period.min()) if period.size else 0
    bins = period - first
    rows = np.bincount(bins)
    numbers = values.to_numpy(dtype=np.float64, na_value=np.nan)
    present = ~np.isnan(numbers)
    count = np.bincount(bins, weights=present, minlength=rows.size)
    result: npt.NDArray[Any]
    if how == "count":
        result = count.astype(np.int64)
    else:
        # float64 even when there are no rows (bincount then gives integers)
        total = np.bincount(
            bins, weights=np.where(present, numbers, 0.0), minlength=rows.size
        ).astype(np.float64)
        mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)
        result = total if how == "sum" else mean
    found = np.flatnonzero(rows)
    return pd.Series(result[found], index=pd.Index(found + first), name=values.name)


def year_label(years: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """Label Jalali years with the Gregorian years they straddle: ``"1400 (2021/22)"``.

    Examples
    --------
    >>> year_label([1399, 1400]).tolist()
    ['1399 (2020/21)', '1400 (2021/22)']
    """
    y, where = np.unique(np.asarray(years, dtype=np.int64), return_inverse=True)
    first = (y + 621).astype(str).astype(object)
    second = pd.Series((y + 622) % 100).astype(str).str.zfill(2).to_numpy(dtype=object)
    labels: npt.NDArray[np.object_] = (
        y.astype(str).astype(object) + " (" + first + "/" + second + ")"
    )
    return labels[where.reshape(-1)]  # each distinct year labelled once


def _gregorian_boundaries(*, monthly: bool) -> tuple[npt.NDArray[np.int64], npt.NDArray[Any]]:
    first = np.datetime64("1821-01", "M") if monthly else np.datetime64("1821", "Y")
    last = np.datetime64("2322-12", "M") if monthly else np.datetime64("2322", "Y")
    periods = np.arange(first, last + 1)
    starts = periods.astype("datetime64[D]").astype(np.int64)
    return starts, periods.astype(str).astype(object)


def _jalali_boundaries(freq: FreqCode) -> tuple[npt.NDArray[np.int64], npt.NDArray[Any]]:
    spec = get_frequency(freq)
    index = np.arange((_kernel.LAST_YEAR - _kernel.FIRST_YEAR + 1) * spec.per_year)
    starts = spec.first_day(index)
    if spec.months == 12:
        return starts, year_label(_kernel.FIRST_YEAR + index)
    return starts, spec.labels(index)


def _boundaries(to: Target) -> tuple[npt.NDArray[np.int64], npt.NDArray[Any]]:
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
    raise InputTypeError(msg)


def calendarize(
    values: npt.ArrayLike, start: object, end: object, to: Target = "gregorian_year"
) -> pd.DataFrame:
    """Allocate flows over their spans to calendar periods, in proportion to days.

    A Jalali-year total is split between the two Gregorian years it straddles by the days
    it has in each, and likewise for months and quarters, and back (Gregorian spans to
    Jalali periods). Each flow is assumed spread evenly over the days of its span.

    Parameters
    ----------
    values : array-like of float
        The flows.
    start, end : date-like arrays
        First and last day of each flow's span (inclusive).
    to : {"gregorian_year", "gregorian_month", "jalali_year", "jalali_quarter", "jalali_month"}

    Returns
    -------
    pandas.DataFrame
        One row per (input row, period overlapped), in input order: ``row`` (input
        position), ``period`` (label: ``"2021"``, ``"2021-03"``, ``"1400 (2021/22)"``,
        ``"1400-Q1"``, ``"1400-01"``), ``period_start``, ``days`` (days of the span in the
        period), ``span_days``, ``value`` (``value * days / span_days``). ``days`` sums
        exactly to ``span_days`` for each row, so totals are preserved (the values up to
        floating-point rounding).

    Examples
    --------
    >>> calendarize([365.0], ["2021-03-21"], ["2022-03-20"], to="gregorian_year")
       row period period_start  days  span_days  value
    0    0   2021   2021-01-01   286        365  286.0
    1    0   2022   2022-01-01    79        365   79.0
    """
    flows = np.atleast_1d(np.asarray(values, dtype=np.float64))
    first = _complete_days(start, flows.size, "start")
    last = _complete_days(end, flows.size, "end")
    backwards = last.days < first.days
    if backwards.any():
        position = int(np.argmax(backwards))
        msg = f"the span ends before it starts at position {position}"
        raise InvalidDateError(msg)
    starts, labels = _boundaries(to)
    i0 = np.searchsorted(starts, first.days, side="right") - 1
    i1 = np.searchsorted(starts, last.days, side="right") - 1
    counts = i1 - i0 + 1
    rows = np.repeat(np.arange(flows.size), counts)
    within = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    period = i0[rows] + within
    next_start = np.append(starts, np.iinfo(np.int64).max)[period + 1]
    piece_start = np.maximum(starts[period], first.days[rows])
    piece_end = np.minimum(next_start - 1, last.days[rows])
    days = piece_end - piece_start + 1
    span_days = (last.days - first.days + 1)[rows]
    return pd.DataFrame(
        {
            "row": rows,
            "period": labels[period],
            "period_start": starts[period].astype("datetime64[D]").astype("datetime64[us]"),
            "days": days,
            "span_days": span_days,
            "value": flows[rows] * days / span_days,
        }
    )
