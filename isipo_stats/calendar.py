"""The Iranian (Solar Hijri, Jalali) calendar: exact, vectorized conversions and fields.

Gregorian to Jalali is one gather per field from day-indexed tables; Jalali to Gregorian is
arithmetic on the Nowruz table. No per-element Python runs on array paths. The rule and the
supported range are documented in :mod:`isipo_stats._nowruz` and the README.

Return conventions
------------------
* Date fields (:func:`to_jalali`, :func:`day_of_year`, :func:`quarter`) are nullable
  ``Int64``: NaT gives ``<NA>``. A Series input keeps its index and name; a DatetimeIndex
  input becomes the index of the result; a scalar input gives a scalar.
* Dates come back as ``datetime64[us]`` (pandas' default unit), which covers every
  supported year.
"""

from __future__ import annotations

from typing import Any, Final, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _nowruz
from isipo_stats._arrays import (
    DateInput,
    IntInput,
    as_day_numbers,
    as_int_array,
    days_to_datetime64,
    first_position,
)
from isipo_stats._typing import DateArray, DateScalar, IntArray, IntScalar
from isipo_stats.errors import CalendarRangeError, InvalidDateError

__all__ = [
    "SUPPORTED_YEARS",
    "day_of_year",
    "days_in_month",
    "is_leap",
    "quarter",
    "to_gregorian",
    "to_jalali",
]

SUPPORTED_YEARS: Final = _nowruz.SUPPORTED_YEARS
"""First and last supported Jalali year, inclusive: (1200, 1699)."""

_FIRST_YEAR, _LAST_YEAR = SUPPORTED_YEARS
_N_DAYS: Final = _nowruz.LAST_DAY - _nowruz.FIRST_DAY + 1
_MONTH_LENGTH: Final = np.diff(_nowruz.CUM_DAYS_BEFORE_MONTH)


def _day_label(day: int) -> str:
    return str(np.datetime64(day, "D"))


def range_message() -> str:
    """Return the first half of the message of a date outside the supported range."""
    first = _day_label(_nowruz.FIRST_DAY)
    last = _day_label(_nowruz.LAST_DAY)
    return f"date must be in {first}..{last} (Jalali {_FIRST_YEAR}-{_LAST_YEAR})"


def day_offsets(dates: DateInput) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Return offsets into the day tables and the missing mask, checking the range.

    Missing dates get offset 0 so that they can be gathered safely.
    """
    offsets = dates.days - _nowruz.FIRST_DAY
    outside = offsets.view(np.uint64) >= _N_DAYS
    if not outside.any():
        return offsets, dates.missing
    bad = outside & ~dates.missing
    if bad.any():
        position = first_position(bad)
        shown = _day_label(int(dates.days[position]))
        msg = f"{range_message()}, got {shown} at position {position}"
        raise CalendarRangeError(msg)
    offsets[outside] = 0
    return offsets, dates.missing


def _int64_field(
    values: npt.NDArray[np.integer], missing: npt.NDArray[np.bool_]
) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(values.astype(np.int64, copy=False), missing.copy())


def _field_result(dates: DateInput, values: npt.NDArray[np.integer]) -> pd.Series | int | None:
    if dates.scalar:
        return None if dates.missing[0] else int(values[0])
    index = dates.index if dates.index is not None else pd.RangeIndex(values.size)
    return pd.Series(_int64_field(values, dates.missing), index=index, name=dates.name, copy=False)


def to_jalali(dates: object) -> pd.DataFrame:
    """Convert Gregorian dates to Jalali year, month and day.

    Parameters
    ----------
    dates : scalar, list, numpy.ndarray, pandas.Series or pandas.DatetimeIndex
        Gregorian dates: ``datetime64`` values of any unit, ISO strings, ``datetime``
        objects, Timestamps or ``jdatetime`` objects. Timezone-aware values are converted to
        Asia/Tehran local time first. The time of day is ignored.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``month``, ``day`` of dtype ``Int64``; missing dates give
        ``<NA>``. The index is the Series' index, or the DatetimeIndex itself, or a
        RangeIndex otherwise.

    Raises
    ------
    CalendarRangeError
        A date outside the supported years, with its position.
    ParseError
        A string that is not a date, with its position.

    Examples
    --------
    >>> to_jalali(["2021-03-20", "2021-03-21", None])
       year  month   day
    0  1399     12    30
    1  1400      1     1
    2  <NA>   <NA>  <NA>
    """
    parsed = as_day_numbers(dates)
    offsets, missing = day_offsets(parsed)
    index = parsed.index if parsed.index is not None else pd.RangeIndex(offsets.size)
    columns = {
        "year": _int64_field(np.take(_nowruz.LUT_YEAR, offsets), missing),
        "month": _int64_field(np.take(_nowruz.LUT_MONTH, offsets), missing),
        "day": _int64_field(np.take(_nowruz.LUT_DAY, offsets), missing),
    }
    return pd.DataFrame(columns, index=index, copy=False)


@overload
def day_of_year(dates: DateScalar) -> int | None: ...
@overload
def day_of_year(dates: DateArray) -> pd.Series: ...
def day_of_year(dates: object) -> pd.Series | int | None:
    """Return the Jalali day of the year (1 Farvardin = 1, 30 Esfand of a leap year = 366).

    Parameters
    ----------
    dates : date-like scalar or array-like
        As for :func:`to_jalali`.

    Returns
    -------
    pandas.Series of Int64, or int (None for a missing scalar)

    Examples
    --------
    >>> day_of_year("2021-03-20")
    366
    >>> day_of_year(["2021-03-21", "2020-09-21"]).tolist()
    [1, 186]
    """
    parsed = as_day_numbers(dates)
    offsets, _ = day_offsets(parsed)
    return _field_result(parsed, _nowruz.LUT_DOY[offsets])


@overload
def quarter(dates: DateScalar) -> int | None: ...
@overload
def quarter(dates: DateArray) -> pd.Series: ...
def quarter(dates: object) -> pd.Series | int | None:
    """Return the Jalali quarter: 1 = Farvardin-Khordad (spring) ... 4 = Dey-Esfand.

    Parameters
    ----------
    dates : date-like scalar or array-like
        As for :func:`to_jalali`.

    Returns
    -------
    pandas.Series of Int64, or int (None for a missing scalar)

    Examples
    --------
    >>> quarter(["2021-03-21", "2021-06-22", "2021-09-23", "2022-03-20"]).tolist()
    [1, 2, 3, 4]
    """
    parsed = as_day_numbers(dates)
    offsets, _ = day_offsets(parsed)
    return _field_result(parsed, (np.take(_nowruz.LUT_MONTH, offsets) + 2) // 3)


def check_years(years: IntInput) -> npt.NDArray[np.int64]:
    """Return year offsets into the Nowruz table, raising on an unsupported year."""
    offsets = years.values - _FIRST_YEAR
    bad = (offsets.view(np.uint64) > _LAST_YEAR - _FIRST_YEAR) & ~years.missing
    if bad.any():
        position = first_position(bad)
        msg = (
            f"year must be in {_FIRST_YEAR}-{_LAST_YEAR}, got {years.values[position]} "
            f"at position {position}"
        )
        raise CalendarRangeError(msg)
    return np.where(years.missing, 0, offsets)


def check_months(months: IntInput) -> npt.NDArray[np.int64]:
    """Return zero-based months, raising :class:`InvalidDateError` outside 1-12."""
    bad = ((months.values < 1) | (months.values > 12)) & ~months.missing
    if bad.any():
        position = first_position(bad)
        msg = f"month must be in 1-12, got {months.values[position]} at position {position}"
        raise InvalidDateError(msg)
    return np.where(months.missing, 0, months.values - 1)


# Per (year, month) tables, indexed by year_offset * 12 + month0: one gather per array.
_MONTH_LENGTH_TABLE: Final = np.where(
    np.arange(12) == 11, (_nowruz.YEAR_LENGTH - 336)[:, None], _MONTH_LENGTH[None, :]
).ravel()
_MONTH_START_TABLE: Final = (
    _nowruz.NOWRUZ[:-1, None] + _nowruz.CUM_DAYS_BEFORE_MONTH[None, :12]
).ravel()
for _table in (_MONTH_LENGTH, _MONTH_LENGTH_TABLE, _MONTH_START_TABLE):
    _table.flags.writeable = False  # shared by every call (and thread)
del _table


def _month_lengths(
    year_offsets: npt.NDArray[np.int64], month0: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    lengths: npt.NDArray[np.int64] = _MONTH_LENGTH_TABLE[year_offsets * 12 + month0]
    return lengths


def _wrap_like(
    result: npt.NDArray[np.generic], source: IntInput, name: object = None
) -> pd.Series | npt.NDArray[np.generic] | bool | int | None:
    """Scalar for scalar input, a Series (nullable where input was missing) for a Series."""
    if source.scalar:
        if source.missing[0]:
            return None
        value = result[0]
        return bool(value) if result.dtype == np.bool_ else int(value)
    if source.index is not None:
        dtype = "boolean" if result.dtype == np.bool_ else "Int64"
        values = pd.array(result, dtype=dtype)  # type: ignore[call-overload]
        values[source.missing] = pd.NA
        return pd.Series(values, index=source.index, name=name)
    if source.missing.any():
        msg = "missing years or months: pass a Series to get a nullable result"
        raise InvalidDateError(msg)
    return result


@overload
def is_leap(year: IntScalar) -> bool: ...
@overload
def is_leap(year: pd.Series) -> pd.Series: ...
@overload
def is_leap(year: IntArray) -> npt.NDArray[np.bool_]: ...
def is_leap(year: object) -> Any:
    """Return whether each Jalali year is a leap year (366 days, 30 Esfand exists).

    Parameters
    ----------
    year : int or array-like of int
        Jalali years within :data:`SUPPORTED_YEARS`.

    Returns
    -------
    bool, numpy.ndarray of bool, or pandas.Series of bool (for Series input)

    Raises
    ------
    CalendarRangeError
        A year outside :data:`SUPPORTED_YEARS`.

    Examples
    --------
    >>> is_leap(1399), is_leap(1404)
    (True, False)
    >>> is_leap([1403, 1408]).tolist()
    [True, True]
    """
    years = as_int_array(year, "year")
    offsets = check_years(years)
    return _wrap_like(_nowruz.YEAR_LENGTH[offsets] == 366, years, getattr(year, "name", None))


@overload
def days_in_month(year: IntScalar, month: IntScalar) -> int: ...
@overload
def days_in_month(year: pd.Series, month: object) -> pd.Series: ...
@overload
def days_in_month(year: object, month: object) -> Any: ...
def days_in_month(year: object, month: object) -> Any:
    """Return the number of days in each Jalali month (31, 30, or 29/30 for Esfand).

    Parameters
    ----------
    year, month : int or array-like of int
        Broadcast against each other.

    Returns
    -------
    int, numpy.ndarray of int64, or pandas.Series (when ``year`` or ``month`` is a Series)

    Examples
    --------
    >>> days_in_month(1400, 12), days_in_month(1403, 12), days_in_month(1400, 7)
    (29, 30, 30)
    """
    years, months = _broadcast_ints(("year", year), ("month", month))
    lengths = _month_lengths(check_years(years), check_months(months))
    missing = IntInput(years.values, years.missing | months.missing, years.index, years.scalar)
    return _wrap_like(lengths, missing, getattr(year, "name", None))


def _broadcast_ints(*named: tuple[str, object]) -> list[IntInput]:
    inputs = [as_int_array(value, what) for what, value in named]
    sizes = [item.values.size for item in inputs]
    lengths = {n for n in sizes if n != 1}  # numpy's rule: length 1 goes with any length
    size = lengths.pop() if len(lengths) == 1 else 1
    if lengths:
        names = ", ".join(what for what, _ in named)
        counts = ", ".join(str(n) for n in sizes)
        msg = f"{names} must have one length (or length 1), got lengths {counts}"
        raise InvalidDateError(msg)
    index = next((item.index for item in inputs if item.index is not None), None)
    scalar = all(item.scalar for item in inputs)
    out = []
    for item in inputs:
        out.append(
            IntInput(
                np.broadcast_to(item.values, size),
                np.broadcast_to(item.missing, size),
                index,
                scalar,
            )
        )
    return out


@overload
def to_gregorian(year: pd.Series, month: object, day: object) -> pd.Series: ...
@overload
def to_gregorian(year: IntScalar | IntArray, month: object, day: object) -> pd.DatetimeIndex: ...
@overload
def to_gregorian(year: object, month: object, day: object) -> pd.DatetimeIndex | pd.Series: ...
def to_gregorian(year: object, month: object, day: object) -> pd.DatetimeIndex | pd.Series:
    """Convert Jalali year, month and day to Gregorian dates.

    Parameters
    ----------
    year, month, day : int or array-like of int
        Broadcast against each other. Missing values (NaN, ``<NA>``) give NaT.

    Returns
    -------
    pandas.DatetimeIndex, or pandas.Series when any argument is a Series (its index is
    kept). ``datetime64[us]``.

    Raises
    ------
    CalendarRangeError
        A year outside :data:`SUPPORTED_YEARS`.
    InvalidDateError
        A month outside 1-12 or a day beyond the month's length, with its position.

    Examples
    --------
    >>> to_gregorian([1399, 1404], [12, 1], [30, 1])
    DatetimeIndex(['2021-03-20', '2025-03-21'], dtype='datetime64[us]', freq=None)
    """
    years, months, days = _broadcast_ints(("year", year), ("month", month), ("day", day))
    year_month = check_years(years) * 12 + check_months(months)
    lengths = _MONTH_LENGTH_TABLE[year_month]
    bad = ((days.values < 1) | (days.values > lengths)) & ~days.missing
    if bad.any():
        i = first_position(bad)
        msg = (
            f"day must be in 1-{lengths[i]} for {years.values[i]}-{months.values[i]:02d}, "
            f"got {days.values[i]} at position {i}"
        )
        raise InvalidDateError(msg)
    missing = years.missing | months.missing | days.missing
    day_numbers = _MONTH_START_TABLE[year_month] + (days.values - 1)
    if days.missing.any():
        day_numbers[days.missing] = 0  # NaT below; any in-range value will do
    values = days_to_datetime64(day_numbers, missing)
    if years.index is not None:
        return pd.Series(values, index=years.index)
    return pd.DatetimeIndex(values)


def jalali_date(year: int, month: int, day: int) -> pd.Timestamp:
    """Return the Gregorian Timestamp of one Jalali date.

    Examples
    --------
    >>> jalali_date(1404, 1, 1)
    Timestamp('2025-03-21 00:00:00')
    """
    return pd.Timestamp(to_gregorian(year, month, day)[0])
