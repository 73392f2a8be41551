"""Regular series: every Jalali period from the first to the last, gaps made visible.

:func:`complete` indexes values by period label and inserts the periods that have no value
(as missing values); :func:`asfreq` does the same on a DatetimeIndex, with the dates on the
first (or last) day of each period. Nothing is dropped: a date that is not on a period
boundary, or two values for one period, are refused.

Examples
--------
>>> s = pd.Series([5, 7], index=pd.to_datetime(["2021-04-20", "2021-06-21"]))  # Farvardin, Khordad ends
>>> asfreq(s, "M")
2021-04-20       5
2021-05-21    <NA>
2021-06-21       7
dtype: Int64
>>> complete(s)
1400-01       5
1400-02    <NA>
1400-03       7
dtype: Int64
"""  # noqa: E501 (a doctest line cannot be wrapped)

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._arrays import first_position
from isipo_stats._dates import days_to_datetime64
from isipo_stats._typing import PeriodCode
from isipo_stats.calendar import read_days
from isipo_stats.change import _locate
from isipo_stats.errors import InputTypeError, InvalidDateError
from isipo_stats.frequency import Frequency, get_frequency
from isipo_stats.periods import periods_of
from isipo_stats.series import _inputs, _keys
from isipo_stats.text import format_jalali

__all__ = ["asfreq", "complete"]

Rows = npt.NDArray[np.intp]


def _filled(values: pd.Series, rows: Rows) -> Any:
    """Return the values at ``rows`` (-1: missing); integers become nullable if needed."""
    array = values.array
    if (rows < 0).any() and pd.api.types.is_integer_dtype(values.dtype):
        array = values.astype("Int64").array
    return array.take(rows, allow_fill=True)


def _grid(
    group: npt.NDArray[np.int64], period: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Rows]:
    """Every (group, period) from each group's first to last period, and the row of each.

    Returns the group and period of each output row, in group then period order, and the
    input row holding it (-1: none).
    """
    count = int(group.max()) + 1 if group.size else 0
    low = np.full(count, np.iinfo(np.int64).max)
    high = np.full(count, np.iinfo(np.int64).min)
    np.minimum.at(low, group, period)
    np.maximum.at(high, group, period)
    length = high - low + 1
    out_group = np.repeat(np.arange(count), length)
    start = np.cumsum(length) - length
    out_period = low[out_group] + np.arange(out_group.size) - start[out_group]
    rows = np.full(out_group.size, -1, dtype=np.intp)
    rows[start[group] + period - low[group]] = np.arange(group.size)
    return out_group, out_period, rows


def _key_levels(by: object, group: npt.NDArray[np.int64], out_group: Any) -> list[pd.Index]:
    """Return the values of each key for the output rows (one row per group read)."""
    keys = _keys(by, group.size)
    first_row = np.full(int(group.max()) + 1 if group.size else 0, group.size)
    np.minimum.at(first_row, group, np.arange(group.size))
    return [pd.Index(np.asarray(key)[first_row][out_group]) for key in keys]


def complete(
    values: pd.Series,
    freq: PeriodCode | None = None,
    *,
    dates: object = None,
    by: object = None,
) -> pd.Series:
    """Return the values by Jalali period, every period of each series present.

    Parameters
    ----------
    values : pandas.Series
        On a DatetimeIndex, with ``dates``, or indexed by period labels.
    freq : {"M", "Q", "H", "Y", "W"}, optional
        The period of each date (default ``"M"``); for labels, their own.
    dates : date-like array, optional
    by : array-like or list of array-likes, optional
        Keys of the series held together: each runs from its own first to last period.

    Returns
    -------
    pandas.Series
        Indexed by the periods (an ordered CategoricalIndex of labels; with ``by``, a
        MultiIndex of the keys and the labels), named like ``values``; a period without a
        value holds a missing value (integers become ``Int64``).

    Raises
    ------
    InvalidDateError
        Two values for one period of one series.

    Examples
    --------
    >>> q = pd.Series([1.0, 4.0], index=["1399-Q4", "1400-Q3"])
    >>> complete(q).to_dict()
    {'1399-Q4': 1.0, '1400-Q1': nan, '1400-Q2': nan, '1400-Q3': 4.0}
    """
    values, dates, by = _inputs(values, dates, by)
    located = _locate(values, dates, freq, by)
    out_group, out_period, rows = _grid(located.group, located.period)
    labels = periods_of(located.spec, out_period, np.zeros(out_period.size, np.bool_), None)
    if by is None:
        index: pd.Index = labels
    else:
        levels = _key_levels(by, located.group, out_group)
        index = pd.MultiIndex.from_arrays([*levels, labels.astype(str)])
    return pd.Series(_filled(values, rows), index=index, name=values.name)


def _anchor(spec: Frequency, days: npt.NDArray[np.int64]) -> bool:
    """Whether the dates are period starts (True) or period ends (False), else raise."""
    starts, ends = spec.start(days) == days, spec.end(days) == days
    if starts.all() or ends.all():
        return bool(starts.all())
    position = first_position(~starts) if starts[0] else first_position(~ends) if ends[0] else 0
    day = np.datetime64(int(days[position]), "D")
    msg = (
        f"asfreq needs every date on the first day of a Jalali {spec.name}, or every date on "
        f"the last, got {format_jalali(day)} ({day}) {{where}}"
    )
    raise InvalidDateError(msg, position=position)


def asfreq(values: pd.Series, freq: PeriodCode = "M") -> pd.Series:
    """Return the Series with a date for every Jalali period from its first to its last.

    The dates must all be the first day of their period, or all the last day; the
    missing periods get such a date and a missing value, so gaps become visible rows.

    Parameters
    ----------
    values : pandas.Series
        Values on a DatetimeIndex.
    freq : {"M", "Q", "H", "Y", "W"}

    Returns
    -------
    pandas.Series
        On a DatetimeIndex (``datetime64[us]``, the index name kept), named like
        ``values``; integers become ``Int64`` where a period is inserted.

    Raises
    ------
    InputTypeError
        ``values`` has no DatetimeIndex.
    InvalidDateError
        A date that is not on the boundary the others are on, or two values in a period.

    Examples
    --------
    >>> s = pd.Series([1.0, 2.0], index=pd.to_datetime(["2021-03-21", "2021-09-23"]))
    >>> asfreq(s, "Q").to_dict()   # 1 Farvardin and 1 Mehr: 1 Tir inserted
    {Timestamp('2021-03-21 00:00:00'): 1.0, Timestamp('2021-06-22 00:00:00'): nan, Timestamp('2021-09-23 00:00:00'): 2.0}
    """  # noqa: E501 (a doctest line cannot be wrapped)
    if not isinstance(values, pd.Series) or not isinstance(values.index, pd.DatetimeIndex):
        msg = "asfreq needs a Series on a DatetimeIndex"
        raise InputTypeError(msg)
    spec = get_frequency(freq, weeks=True)
    _, days = read_days(values.index)
    starts = _anchor(spec, days)
    filled = complete(values, freq)
    index = spec.index(days)
    first = int(index.min()) if index.size else 0
    numbers = first + np.arange(len(filled), dtype=np.int64)
    anchors = spec.first_day(numbers) if starts else spec.last_day(numbers)
    dated = days_to_datetime64(anchors, np.zeros(anchors.size, np.bool_))
    return pd.Series(
        filled.array, index=pd.DatetimeIndex(dated, name=values.index.name), name=values.name
    )
