"""The value some periods back, for rows already in (series, date) order, block by block.

This is the fast route of :mod:`isipo_stats.change`. Most tables arrive sorted: one series
after another, each in date order. Then every row's (series, period) key is larger than
the one before it, and the row ``lag`` periods back, if there is one, lies at most ``lag``
rows up (the keys between are distinct and in between). So the row exactly ``lag`` rows up
is tried first, and only the rows where it is not the one (the first ``lag`` periods of a
series, and rows after a gap) are looked for, by a binary search in their block.

Why blocks: on a million rows the arithmetic is cheap and fresh memory is not (each new
8 MB array is page-faulted in). The keys are never kept whole: each block of ``BLOCK``
rows is read into the same small buffers, which stay in the processor's cache, and only
the result is a full-length array.

A key is ``series * stride + period``, with ``stride`` at least ``lag`` more than the
number of periods: two keys of different series then never lie ``lag`` apart.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt

from isipo_stats import _kernel

__all__ = ["BLOCK", "lagged_change"]

BLOCK: Final = 1 << 16
"""Rows read per block (the buffers, about 1.1 MB, fit a 2 MB cache)."""

_BEFORE: Final = -(1 << 62)
"""Keys standing for the rows above the first: smaller than any key, far from every key."""

_FENCE: Final = 1 << 50
"""The period read for a day out of range, far beyond any real key (up to ``_FENCE / 2``)."""

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def lagged_change(
    times: Ints,
    per_day: int,
    months: int,
    series: Ints | None,
    numbers: Floats,
    lag: int,
    *,
    block: int = BLOCK,
) -> Floats | None:
    """Return each value's change from its series' value ``lag`` periods earlier, or None.

    Parameters
    ----------
    times : numpy.ndarray of int64
        Each row's naive date and time, in units of ``per_day`` a day (``datetime64``
        viewed as integers).
    per_day : int
        Units of ``times`` per day.
    months : int
        Months per period (1, 3, 6 or 12).
    series : numpy.ndarray of int64, optional
        Each row's series number (at least 0); None: one series.
    numbers : numpy.ndarray of float64
        The values.
    lag : int
        Periods back, at least 1.
    block : int
        Rows read at a time (the answer does not depend on it).

    Returns
    -------
    numpy.ndarray of float64 or None
        ``value / earlier - 1`` (NaN where the series has no row ``lag`` periods earlier);
        None when the rows are not in strictly rising (series, period) order, or a time
        is missing or outside the supported years: the caller then takes the general
        route, which sorts, or names the bad row.

    Examples
    --------
    >>> days = np.array([18707, 18738, 19072], np.int64)    # 1400-01-01, 1400-02-01, 1401-01-01
    >>> lagged_change(days, 1, 1, None, np.array([100.0, 104.0, 125.0]), 12).tolist()
    [nan, nan, 0.25]
    >>> lagged_change(days[::-1].copy(), 1, 1, None, np.ones(3), 12) is None   # not sorted
    True
    """
    table = _fenced_table(months)
    stride = int(table[-2]) + 1 + lag  # more periods than any series holds, plus the lag
    size = numbers.size
    if series is not None and series.size and int(series.max()) * stride >= _FENCE // 2:
        return None  # keys could reach the fences
    out = np.empty(size)
    keys = np.empty(block + lag, np.int64)  # the lag keys above this block, then the block
    keys[:lag] = _BEFORE + np.arange(lag)
    work = np.empty(block, np.int64)
    flags = np.empty(block, np.bool_)
    for start in range(0, size, block):
        stop = min(start + block, size)
        count = stop - start
        current, spare, flag = keys[lag : lag + count], work[:count], flags[:count]
        day = np.floor_divide(times[start:stop], per_day, out=spare)
        day -= _kernel.FIRST_DAY - 1  # the table's first entry is a fence
        np.take(table, day, out=current, mode="clip")  # a day out of range reads a fence
        if series is not None:
            current += np.multiply(series[start:stop], stride, out=spare)
        if not np.greater(current, keys[lag - 1 : lag - 1 + count], out=flag).all():
            return None
        np.not_equal(np.subtract(current, keys[:count], out=spare), lag, out=flag)
        first = max(start, lag)  # the rows above the lag-th are all looked up
        if first < stop:
            change = out[first:stop]
            np.divide(numbers[first:stop], numbers[first - lag : stop - lag], out=change)
            change -= 1.0
        missed = np.flatnonzero(flag)
        if missed.size:
            _look_up(out, numbers, keys[: lag + count], missed, start, lag)
        if start == 0:
            lowest = int(current[0])
        highest = int(current[-1])
        keys[:lag] = keys[count : count + lag]
    # Rising keys hold a fence only if the first key is below 0 or the last above _FENCE / 2.
    if size and not 0 <= lowest <= highest < _FENCE // 2:
        return None  # a missing date, or one outside the supported years
    return out


@lru_cache(maxsize=8)
def _fenced_table(months: int) -> Ints:
    """Return the period of every supported day between two fences (``-_FENCE``, ``_FENCE``).

    Read at ``day - FIRST_DAY + 1``, clipped: a day before the supported years (and NaT)
    reads ``-_FENCE``, a day after them ``_FENCE``.
    """
    periods = _kernel.period_index_table(_kernel.FIRST_DAY, _kernel.LAST_DAY, months)
    table = np.concatenate([[-_FENCE], periods, [_FENCE]])
    table.flags.writeable = False
    return table


def _look_up(out: Floats, numbers: Floats, keys: Ints, missed: Ints, start: int, lag: int) -> None:
    """Write the change of the rows ``missed`` (block positions), found by binary search.

    ``keys``: the ``lag`` keys above the block, then the block's (sorted, distinct).
    """
    target = keys[lag + missed] - lag
    at = np.searchsorted(keys, target)  # at most the row's own place: never past the end
    found = keys[at] == target
    rows = missed + start
    out[rows] = np.nan
    out[rows[found]] = numbers[rows[found]] / numbers[at[found] + (start - lag)] - 1.0
