"""The Iranian (Solar Hijri, Jalali) calendar: exact, vectorized conversions and fields.

Gregorian to Jalali is one gather per field from day-indexed tables; Jalali to Gregorian is
arithmetic on the Nowruz table. No per-element Python runs on array paths. The rule and the
supported range are documented in :mod:`isipo_stats._kernel` and the README; every
calendar question is asked of the kernel.

Return conventions
------------------
* Date fields (:func:`to_jalali`, :func:`day_of_year`, :func:`quarter`) are nullable
  ``Int64``: NaT gives ``<NA>``. A Series input keeps its index and name; a DatetimeIndex
  input becomes the index of the result; a scalar input gives a scalar.
* Dates come back as ``datetime64[us]`` (pandas' default unit), which covers every
  supported year.

Several arguments
-----------------
Where a function takes several array arguments (``year``, ``month`` and ``day`` of
:func:`to_gregorian`; ``values``, ``dates`` and ``by`` in :mod:`isipo_stats.series`):

* **Series are matched by index label**, as pandas arithmetic matches them: a Series whose
  index holds the same labels as the first Series' index, in another order, is reordered
  to it; the result carries the first Series' index.
* Series whose indexes hold **different labels** (or the same labels in another order with
  some repeated) are refused with :class:`~isipo_stats.errors.IndexAlignmentError`:
  nothing is guessed. Pass ``.to_numpy()`` to match rows by position instead.
* Scalars, lists, numpy arrays and Index objects are matched **by position**; a scalar
  (or a length-1 list or array) goes with every row.

Missing values (None, NaN, ``pd.NA``, ``pd.NaT``) in any argument give a missing result
for that row, never a number. Year, month and day must be numbers: text such as ``"7"``
is refused (:class:`~isipo_stats.errors.InputTypeError`); read text with
:func:`isipo_stats.parse_jalali`.

Examples
--------
>>> year = pd.Series([1400, 1401], index=["a", "b"])
>>> month = pd.Series([12, 1], index=["b", "a"])
>>> to_gregorian(year, month, 1)
a   2021-03-21
b   2023-02-20
dtype: datetime64[us]
"""

from __future__ import annotations

from typing import Any, Final, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import IntInput, align, as_int_array
from isipo_stats._dates import DateInput, as_day_numbers, days_to_datetime64
from isipo_stats._typing import DateArray, DateScalar, IntArray, IntScalar
from isipo_stats.errors import InvalidDateError

__all__ = [
    "SUPPORTED_YEARS",
    "day_of_year",
    "days_in_month",
    "is_leap",
    "jalali_date",
    "jalali_year",
    "quarter",
    "read_days",
    "read_ints",
    "to_gregorian",
    "to_jalali",
    "year_bounds",
]

SUPPORTED_YEARS: Final = _kernel.SUPPORTED_YEARS
"""First and last supported Jalali year, inclusive: (1200, 1699)."""

_YEAR_LIMITS: Final = f"{_kernel.FIRST_YEAR}-{_kernel.LAST_YEAR}"


def read_days(dates: object) -> tuple[DateInput, npt.NDArray[np.int64]]:
    """Read any accepted date input and check its range.

    Returns the parsed input and its day numbers, with missing dates replaced by the first
    supported day so that the kernel can be asked about every element.

    Raises
    ------
    CalendarRangeError
        A date outside the supported years, with its position.
    """
    parsed = as_day_numbers(dates)
    return parsed, _kernel.check_days(parsed.days, parsed.missing)


def read_ints(values: object, what: str) -> IntInput:
    """Read whole numbers (a year, month or day argument), naming ``what`` in errors."""
    limits = _YEAR_LIMITS if what == "year" else None
    return as_int_array(values, what, limits=limits)


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
    parsed, days = read_days(dates)
    index = parsed.index if parsed.index is not None else pd.RangeIndex(days.size)
    year, month, day = _kernel.fields(days)
    columns = {
        "year": _int64_field(year, parsed.missing),
        "month": _int64_field(month, parsed.missing),
        "day": _int64_field(day, parsed.missing),
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
    parsed, days = read_days(dates)
    return _field_result(parsed, _kernel.day_of_year(days))


@overload
def quarter(dates: DateScalar) -> int | None: ...
@overload
def quarter(dates: DateArray) -> pd.Series: ...
def quarter(dates: object) -> pd.Series | int | None:
    """Return the Jalali quarter: 1 = Farvardin-Khordad (spring) ... 4 = Dey-Esfand.

    Takes and returns what :func:`day_of_year` does: a Series of ``Int64`` (``<NA>`` for a
    missing date) or, for one date, an int (None when it is missing).

    Examples
    --------
    >>> quarter(["2021-03-21", "2021-06-22", "2021-09-23", "2022-03-20"]).tolist()
    [1, 2, 3, 4]
    """
    parsed, days = read_days(dates)
    return _field_result(parsed, (_kernel.month_of(days) + 2) // 3)


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
    years = read_ints(year, "year")
    known = _kernel.check_years(years.values, years.missing)
    return _wrap_like(_kernel.is_leap(known), years, getattr(year, "name", None))


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
    lengths = _kernel.month_length(
        _kernel.check_years(years.values, years.missing),
        _kernel.check_months(months.values, months.missing),
    )
    missing = IntInput(years.values, years.missing | months.missing, years.index, years.scalar)
    return _wrap_like(lengths, missing, getattr(year, "name", None))


def _broadcast_ints(*named: tuple[str, object]) -> list[IntInput]:
    aligned = align(*named)
    inputs = [read_ints(value, what) for (what, _), value in zip(named, aligned, strict=True)]
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
    day_numbers, missing = _kernel.check_dates(
        years.values, months.values, days.values, (years.missing, months.missing, days.missing)
    )
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


def year_bounds(years: npt.ArrayLike) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Return the first and last day (``datetime64[us]``) of each Jalali year.

    Missing years (NaN, ``<NA>``) and years outside :data:`SUPPORTED_YEARS` give NaT: this
    is for columns already validated, where a missing year means "not known".

    Examples
    --------
    >>> first, last = year_bounds([1399.0, np.nan])
    >>> first.astype("datetime64[D]").tolist(), last.astype("datetime64[D]").tolist()
    ([datetime.date(2020, 3, 20), None], [datetime.date(2021, 3, 20), None])
    """
    values = pd.array(np.asarray(years, dtype=object), dtype="Float64")
    numbers = values.to_numpy(dtype=np.float64, na_value=np.nan)
    known = (numbers >= _kernel.FIRST_YEAR) & (numbers <= _kernel.LAST_YEAR)
    y = np.where(known, numbers, _kernel.FIRST_YEAR).astype(np.int64)
    first, last = _kernel.year_bounds(y)
    return days_to_datetime64(first, ~known), days_to_datetime64(last, ~known)


def jalali_year(dates: npt.NDArray[np.datetime64]) -> npt.NDArray[np.float64]:
    """Return the Jalali year of each ``datetime64`` value as float: NaN for NaT or outside.

    Examples
    --------
    >>> jalali_year(np.array(["2021-03-20", "NaT", "1700-01-01"], "datetime64[D]")).tolist()
    [1399.0, nan, nan]
    """
    days = dates.astype("datetime64[D]").astype(np.int64)
    inside = ~np.isnat(dates) & _kernel.in_range(days)
    years = _kernel.year_of(np.where(inside, days, _kernel.FIRST_DAY))
    return np.where(inside, years, np.nan)
