"""The leap rule, the Nowruz table and the day-indexed lookup tables behind the calendar.

The official Iranian calendar starts each year on the day (Iran Standard Time, UTC+03:30)
of the March equinox when the equinox falls before 12:00, otherwise on the next day. Over
the supported years that astronomical rule is reproduced exactly by the arithmetic below,
which the test suite checks against an equinox table computed with PyEphem, against the
official leap-year list of 1206-1498 and against jdatetime on every day of 1200-1634:

* a year ``y`` is leap when ``y mod 33`` is one of
  ``{1, 5, 9, 13, 17, 22, 26, 30}`` for ``y < 1634`` and one of
  ``{1, 5, 9, 13, 18, 22, 26, 30}`` from 1634 on (the 33-year pattern shifts by one
  year there: the 1634 equinox-to-equinox year is common, 1635 is leap);
* 1 Farvardin 1404 is 2025-03-21.

Everything is computed once, at import, with numpy (no per-year Python loop). Only the
calendar kernel (:mod:`isipo_stats._kernel`) imports this module; everything else asks the
kernel.
Day numbers count days since 1970-01-01 (the Unix epoch), the unit of ``datetime64[D]``.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "CUM_DAYS_BEFORE_MONTH",
    "FIRST_DAY",
    "LAST_DAY",
    "LUT_DAY",
    "LUT_DOY",
    "LUT_MONTH",
    "LUT_YEAR",
    "NOWRUZ",
    "SUPPORTED_YEARS",
    "YEAR_LENGTH",
    "leap_rule",
]

SUPPORTED_YEARS: Final[tuple[int, int]] = (1200, 1699)
"""First and last supported Jalali year, both inclusive (1821-03-21 to 2321-03-20)."""

_FIRST_YEAR, _LAST_YEAR = SUPPORTED_YEARS
_ANCHOR_YEAR: Final = 1404
_ANCHOR_DAY: Final = int(np.datetime64("2025-03-21", "D").astype(np.int64))
_SHIFT_YEAR: Final = 1634
_LEAP_REMAINDERS_BEFORE: Final = np.array([1, 5, 9, 13, 17, 22, 26, 30])
_LEAP_REMAINDERS_FROM: Final = np.array([1, 5, 9, 13, 18, 22, 26, 30])


def leap_rule(years: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Return whether each Jalali year is leap under the library's rule (no range check).

    Parameters
    ----------
    years : array_like of int
        Jalali years.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> leap_rule([1399, 1403, 1404, 1634, 1635]).tolist()
    [True, True, False, False, True]
    """
    y = np.asarray(years, dtype=np.int64)
    remainder = y % 33
    return np.where(
        y < _SHIFT_YEAR,
        np.isin(remainder, _LEAP_REMAINDERS_BEFORE),
        np.isin(remainder, _LEAP_REMAINDERS_FROM),
    )


def _build_nowruz() -> npt.NDArray[np.int64]:
    # Day numbers of 1 Farvardin for every supported year plus the year after the last,
    # so that NOWRUZ[i + 1] - 1 is the last day of year FIRST_YEAR + i.
    years = np.arange(_FIRST_YEAR, _LAST_YEAR + 2, dtype=np.int64)
    lengths = 365 + leap_rule(years).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths[:-1])])
    anchor_offset = starts[_ANCHOR_YEAR - _FIRST_YEAR]
    nowruz: npt.NDArray[np.int64] = starts - anchor_offset + _ANCHOR_DAY
    return nowruz


NOWRUZ: Final = _build_nowruz()
"""Day number of 1 Farvardin for years ``SUPPORTED_YEARS[0]`` .. ``SUPPORTED_YEARS[1] + 1``."""

YEAR_LENGTH: Final = np.diff(NOWRUZ)
"""Length in days of each supported year (365 or 366)."""

FIRST_DAY: Final = int(NOWRUZ[0])
"""Day number of the first supported day (1 Farvardin of the first supported year)."""

LAST_DAY: Final = int(NOWRUZ[-1]) - 1
"""Day number of the last supported day (the last day of the last supported year)."""

CUM_DAYS_BEFORE_MONTH: Final = np.array(
    [0, 31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336, 366], dtype=np.int64
)
"""Days in the year before the first of each month (index 0 = Farvardin); last entry 366."""


def _build_lookup() -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]
]:
    n_days = LAST_DAY - FIRST_DAY + 1
    year_index = np.repeat(np.arange(YEAR_LENGTH.size), YEAR_LENGTH)
    day0 = np.arange(n_days, dtype=np.int64) - (NOWRUZ[year_index] - FIRST_DAY)
    month0 = np.searchsorted(CUM_DAYS_BEFORE_MONTH, day0, side="right") - 1
    day_of_month = day0 - CUM_DAYS_BEFORE_MONTH[month0] + 1
    # int64 tables: one gather gives the output dtype directly (no second pass).
    return year_index + _FIRST_YEAR, month0 + 1, day_of_month, day0 + 1


LUT_YEAR, LUT_MONTH, LUT_DAY, LUT_DOY = _build_lookup()
"""Jalali year, month, day and day of year for each supported day, indexed by
``day_number - FIRST_DAY``."""

# The tables are shared by every call (and thread): read-only, so that no caller can change
# them by writing into a view.
for _table in (
    NOWRUZ, YEAR_LENGTH, CUM_DAYS_BEFORE_MONTH, LUT_YEAR, LUT_MONTH, LUT_DAY, LUT_DOY,
    _LEAP_REMAINDERS_BEFORE, _LEAP_REMAINDERS_FROM,
):  # fmt: skip
    _table.flags.writeable = False
del _table
