"""The Jalali date fields of the ``.isipo`` accessors, written once for pandas and Dask.

Three things live here, below :mod:`isipo_stats.accessor` and
:mod:`isipo_stats.dask_accessor` (this module imports neither):

* **the field list**: :class:`JalaliFields` declares every field (``year`` ...
  ``is_year_end``) once, each a :class:`Field` with the function that computes it, its
  dtype and its docstring. Both accessors inherit the list and differ only in how one field
  is produced (pandas: on the Series; Dask: on each partition);
* **the rule for which dates a Series stands for** (:func:`dates_of`, :func:`refusal`) and
  the check of the flow methods (:func:`numbers_on_dates`), shared by both accessors;
* **one conversion per Series** (:func:`convert`), shared by the fields read one after the
  other: ``s.isipo.year``, ``s.isipo.month`` and ``s.isipo.day`` read the dates once.

Why a descriptor, not a loop of ``setattr``
-------------------------------------------
pandas builds its ``.dt`` fields with a factory and pint-pandas adds its delegated members
with ``setattr`` in a loop: the members then exist only at run time, so mypy, IDEs and
Sphinx cannot see them. Here each field is a class attribute, written in the class body,
whose value is a :class:`Field` descriptor. The type checker reads the class body, so it
sees every name, and the typed ``__get__`` tells it what ``acc.year`` is: ``pd.Series`` on
the pandas accessor, a Dask Series on the Dask one (the mixin is generic in that type). The
name is written once: :class:`Field` learns it from ``__set_name__`` and the list
:data:`FIELDS` is read from the class. Sphinx documents a descriptor with the ``__doc__``
it carries; the examples of each docstring run as doctests through ``__test__``.

Which dates a Series stands for
-------------------------------
The values come first whenever they are dates, of any dtype: ``datetime64`` (any unit,
timezone-aware included), Arrow ``timestamp``/``date32``/``date64``, a categorical whose
categories are such dates, or ``object`` values each of which is a date
(``datetime.date``/``datetime``/Timestamp, ``numpy.datetime64`` or ``jdatetime``) or
missing. Only when the values are not dates does a DatetimeIndex stand for them. So
``s.isipo.year`` always equals ``isipo_stats.to_jalali(s)["year"]`` when the values are
dates, whatever the index. Text is not a date here (``.dt`` does not read it either):
convert it with :func:`pandas.to_datetime`. The dtype tests are O(1); ``object`` values
are looked at (one pass in C over the element types), and only when the dtype leaves the
question open. On Dask, ``object`` values are judged partition by partition.

The conversion cache
--------------------
pandas rebuilds the accessor on every attribute access and the accessor holds no state, so
the conversion shared by successive fields is kept here, at module level:

* **never stale**: an entry is used only when the raw values read now (the int64 instants
  under ``datetime64`` data, with their dtype, time zone included) equal, element by
  element, a private copy of those it was computed from; the conversion reads that copy,
  not the caller's data. Nothing rests on object identity or on Copy-on-Write, so writes
  that bypass Copy-on-Write are seen too: ``s.array[0] = ...``, ``np.asarray(s.array)``,
  a numpy array given to pandas with ``copy=False`` (with pandas 3.1 these write into the
  buffer that shallow copies share, so a key made of a held reference and a data pointer
  would go stale). The comparison is one vectorized pass, block by block (about 0.6 ns
  per date);
* **bounded**: one entry (:data:`CACHE_ENTRIES`): the last dates read. It holds the
  private copy of their instants (8 bytes per date) and their missing mask (1 byte), the
  Jalali year, month and day computed with them until each is returned (up to 24 bytes)
  and, once a field other than those three has asked for them, their day numbers
  (8 bytes): at most 41 bytes per date, and nothing of the caller's. Reading other dates
  replaces it; :func:`clear_cache` drops it;
* **thread-safe**: the cache is a tuple replaced whole under a lock and read without one;
  an entry's arrays are read-only; a year/month/day array computed ahead is handed out
  once (``dict.pop`` is atomic), so no two results share memory and no result shares the
  cache's. Two threads missing at once both convert; one entry is kept;
* **fast**: the copy is read :data:`_BLOCK` dates at a time, so that the temporaries of
  each block stay in the CPU cache instead of being arrays of the full length, each fresh
  memory;
* **where it applies**: ``datetime64`` values (naive or timezone-aware) and a
  DatetimeIndex. Arrow, categorical and ``object`` dates are converted whole, on every
  access.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Final, Generic, Never, NoReturn, TypeAlias, TypeVar, overload

import jdatetime
import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.calendar import read_days
from isipo_stats.errors import InputTypeError, IsipoError

__all__ = [
    "CACHE_ENTRIES",
    "FIELDS",
    "Converted",
    "Field",
    "JalaliFields",
    "clear_cache",
    "convert",
    "dates_of",
    "described",
    "field_named",
    "like",
    "numbers_on_dates",
    "reads_values",
    "refusal",
]

Days: TypeAlias = npt.NDArray[np.int64]
Flags: TypeAlias = npt.NDArray[np.bool_]
FieldArray: TypeAlias = "pd.arrays.IntegerArray | Flags"

R = TypeVar("R")

# Objects that are dates (a Timestamp is a datetime is a date; jdatetime.datetime is a
# jdatetime.date).
_DATE_OBJECTS: Final = (_dt.date, np.datetime64, jdatetime.date)


# --- which dates a Series stands for -------------------------------------------------------


def _is_date_dtype(dtype: object) -> bool:
    """Whether a dtype holds dates: numpy/pandas datetime64 (any tz), Arrow timestamp/date."""
    return getattr(dtype, "kind", None) == "M"


def _dtype_says_dates(series: pd.Series) -> bool:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _is_date_dtype(dtype.categories.dtype)
    return _is_date_dtype(dtype)


def _holds_dates(series: pd.Series) -> bool:
    """Whether every value of an object Series is a date or missing (one pass in C)."""
    values = series.to_numpy()
    if values.size and isinstance(values[0], str):  # text, the common case: no pass
        return False
    present = values[~pd.isna(values)]
    return all(issubclass(kind, _DATE_OBJECTS) for kind in set(map(type, present)))


def reads_values(series: pd.Series) -> bool:
    """Whether the accessor reads the Series' values (dates of any dtype), not its index.

    Examples
    --------
    >>> days = pd.to_datetime(["2021-03-21"])
    >>> reads_values(pd.Series(days, dtype=object, index=pd.to_datetime(["2000-01-01"])))
    True
    >>> reads_values(pd.Series(["2021-03-21"], dtype=object, index=days))
    False
    """
    if _dtype_says_dates(series):
        return True
    dtype = series.dtype
    return isinstance(dtype, np.dtype) and dtype.kind == "O" and _holds_dates(series)


def dates_of(series: pd.Series) -> pd.Series | pd.Index:
    """Return the dates a Series stands for: its values if they are dates, else its index."""
    return series if reads_values(series) else series.index


def described(series: pd.Series) -> str:
    """Describe a Series for a message: ``"int64 values with a RangeIndex"``."""
    return f"{series.dtype} values with a {type(series.index).__name__}"


def refusal(series: pd.Series) -> str | None:
    """Return why the ``.isipo`` accessor cannot be built on a Series, or None if it can.

    O(1) unless the Series holds ``object`` values on an index that is not a
    DatetimeIndex (then each value's type is looked at once).

    Examples
    --------
    >>> refusal(pd.Series([1, 2]))
    'the .isipo accessor needs datetime values or a DatetimeIndex, got int64 values with a RangeIndex'
    """  # noqa: E501 (a doctest line cannot be wrapped)
    if _dtype_says_dates(series) or isinstance(series.index, pd.DatetimeIndex):
        return None
    if reads_values(series):
        return None
    return f"the .isipo accessor needs datetime values or a DatetimeIndex, got {described(series)}"


def numbers_on_dates(series: pd.Series, method: str) -> pd.Series:
    """Return the Series itself, checked to hold numbers on a DatetimeIndex.

    Raises
    ------
    InputTypeError
        Naming the accessor method and what the Series holds.
    """
    numeric = pd.api.types.is_numeric_dtype(series.dtype)
    if not (numeric and isinstance(series.index, pd.DatetimeIndex)):
        msg = f".isipo.{method} needs numbers on a DatetimeIndex, got {described(series)}"
        raise InputTypeError(msg)
    return series


def like(series: pd.Series, values: pd.Series | FieldArray | npt.NDArray[Any]) -> pd.Series:
    """Return values (a result Series or an array) with the caller's index and name."""
    data = values.array if isinstance(values, pd.Series) else values
    return pd.Series(data, index=series.index, name=series.name, dtype=values.dtype, copy=False)


# --- one conversion per Series -------------------------------------------------------------


class Converted:
    """Dates read once: the missing mask, and day numbers (missing ones a valid day).

    ``missing`` and ``days`` are read-only and shared by every field computed from them;
    ``days`` is read when first asked for (``reader`` gives them). ``ahead`` holds Jalali
    year, month and day arrays computed with the dates; each is handed out once, to one
    result, so that no two results (and no result and the cache) share memory.
    """

    def __init__(
        self, missing: Flags, reader: Callable[[], Days], ahead: dict[str, Days] | None = None
    ) -> None:
        _read_only(missing)
        self.missing = missing
        self._reader = reader
        self._days: Days | None = None
        self._ahead = {} if ahead is None else ahead

    @property
    def days(self) -> Days:
        """Day numbers of the dates, missing ones replaced by a valid day (read-only)."""
        days = self._days
        if days is None:  # two threads may both read them: the same numbers, either kept
            days = self._reader()
            _read_only(days)
            self._days = days
        return days

    def part(self, name: str) -> Days:
        """Return a new array of the Jalali ``year``, ``month`` or ``day`` of each date."""
        ready = self._ahead.pop(name, None)  # atomic: one caller gets it
        if ready is not None:
            return ready
        year, month, day = _kernel.fields(self.days)
        return {"year": year, "month": month, "day": day}[name]

    def ints(self, values: Days) -> pd.arrays.IntegerArray:
        """Nullable Int64 values, ``<NA>`` where the date is missing (``values`` is used)."""
        return pd.arrays.IntegerArray(values, self.missing.copy())

    def flags(self, condition: Flags) -> Flags:
        """Plain booleans, ``False`` where the date is missing (``condition`` is reused)."""
        return np.logical_and(condition, ~self.missing, out=condition)


@dataclass(frozen=True, eq=False)
class _Entry:
    dtype: object
    instants: npt.NDArray[np.int64]  # private, read-only copy of the instants converted
    converted: Converted


CACHE_ENTRIES: Final = 1
"""How many conversions the cache keeps (the last dates read)."""

_cache: tuple[_Entry, ...] = ()
_cache_lock: Final = threading.Lock()

_BLOCK: Final = 1 << 16
"""Dates read at a time from a private copy: the temporaries stay in the CPU cache."""


def _raw_instants(dates: pd.Series | pd.Index) -> npt.NDArray[np.int64] | None:
    """Return the int64 instants under ``datetime64`` data (a view), None for other data."""
    array = dates.array
    if isinstance(array, pd.arrays.DatetimeArray):
        return np.asarray(array.view("i8"), dtype=np.int64)
    return None


def _read_only(array: npt.NDArray[Any]) -> None:
    array.flags.writeable = False


def _conversion(dates: pd.Series | pd.Index) -> Converted:
    """Read any dates whole (their errors name positions in their own words)."""
    parsed, days = read_days(dates)
    days = days if days.flags.owndata else days.copy()  # never a view of the caller's data
    missing = parsed.missing if parsed.missing.flags.owndata else parsed.missing.copy()
    return Converted(missing, lambda: days)


def _as_dates(instants: npt.NDArray[np.int64], dtype: Any) -> npt.NDArray[Any] | pd.Index:
    """Instants as dates of ``dtype`` again; timezone-aware ones as UTC (the same instants)."""
    if isinstance(dtype, pd.DatetimeTZDtype):
        return pd.DatetimeIndex(instants.view(f"M8[{dtype.unit}]")).tz_localize("UTC")
    naive: npt.NDArray[np.datetime64] = instants.view(dtype)
    return naive


def _blocks(instants: npt.NDArray[np.int64], dtype: Any) -> Iterator[tuple[slice, Flags, Days]]:
    """Yield (where, missing, day numbers) for each block of at most ``_BLOCK`` instants.

    Each block is read by :func:`isipo_stats.calendar.read_days`, as the whole would be, and
    its errors are placed in the whole.
    """
    for start in range(0, instants.size, _BLOCK):
        where = slice(start, start + _BLOCK)
        try:
            parsed, days = read_days(_as_dates(instants[where], dtype))
        except IsipoError as err:
            if err.position is None:
                raise
            raise err.located(position=start + err.position) from None
        yield where, parsed.missing, days


def _days_of(instants: npt.NDArray[np.int64], dtype: Any) -> Days:
    days = np.empty(instants.size, np.int64)
    for where, _, block in _blocks(instants, dtype):
        days[where] = block
    return days


def _blockwise(instants: npt.NDArray[np.int64], dtype: Any) -> Converted:
    """Read a private copy of ``datetime64`` instants block by block, with Jalali fields.

    On large arrays a few times faster than reading the whole at once, whose temporaries
    (several arrays of the full length) are each fresh memory. The day numbers themselves
    are read again only if a field other than year, month and day asks for them.
    """
    size = instants.size
    missing = np.empty(size, np.bool_)
    year, month, day = np.empty(size, np.int64), np.empty(size, np.int64), np.empty(size, np.int64)
    for where, block_missing, days in _blocks(instants, dtype):
        missing[where] = block_missing
        year[where], month[where], day[where] = _kernel.fields(days)
    ahead = {"year": year, "month": month, "day": day}
    return Converted(missing, partial(_days_of, instants, dtype), ahead)


def _same(private: npt.NDArray[np.int64], raw: npt.NDArray[np.int64]) -> bool:
    """Whether two int64 arrays are equal, compared block by block (no full-length temp)."""
    if private.shape != raw.shape:
        return False
    return all(
        np.array_equal(private[start : start + _BLOCK], raw[start : start + _BLOCK])
        for start in range(0, raw.size, _BLOCK)
    )


def convert(dates: pd.Series | pd.Index) -> Converted:
    """Read dates once for all the fields, reusing the last conversion of equal dates.

    ``datetime64`` dates are copied first and the copy is read, so that the cached fields
    are those of exactly the instants they are compared with later.

    Raises
    ------
    CalendarRangeError, ParseError, InputTypeError
        As :func:`isipo_stats.to_jalali` does, with the position.
    """
    global _cache  # noqa: PLW0603 (the module-level cache, replaced whole)
    raw = _raw_instants(dates)
    if raw is None or raw.size == 0:  # no dates (a Dask meta): nothing worth keeping
        return _conversion(dates)
    for entry in _cache:  # a snapshot: the tuple is replaced, never changed
        if entry.dtype == dates.dtype and _same(entry.instants, raw):
            return entry.converted
    private = raw.copy()
    _read_only(private)
    entry = _Entry(dates.dtype, private, _blockwise(private, dates.dtype))
    with _cache_lock:
        _cache = (entry, *_cache)[:CACHE_ENTRIES]
    return entry.converted


def clear_cache() -> None:
    """Drop the cached conversion (the memory it holds is freed)."""
    global _cache  # noqa: PLW0603 (the module-level cache, replaced whole)
    with _cache_lock:
        _cache = ()


# --- the fields ----------------------------------------------------------------------------


def _year(c: Converted) -> FieldArray:
    return c.ints(c.part("year"))


def _month(c: Converted) -> FieldArray:
    return c.ints(c.part("month"))


def _day(c: Converted) -> FieldArray:
    return c.ints(c.part("day"))


def _quarter(c: Converted) -> FieldArray:
    return c.ints((_kernel.month_of(c.days) + 2) // 3)


def _dayofyear(c: Converted) -> FieldArray:
    return c.ints(_kernel.day_of_year(c.days))


def _days_in_month(c: Converted) -> FieldArray:
    return c.ints(_kernel.month_length(_kernel.year_of(c.days), _kernel.month_of(c.days)))


def _is_leap_year(c: Converted) -> FieldArray:
    return c.flags(_kernel.is_leap(_kernel.year_of(c.days)))


def _is_month_start(c: Converted) -> FieldArray:
    return c.flags(_kernel.fields(c.days)[2] == 1)


def _is_month_end(c: Converted) -> FieldArray:
    year, month, day = _kernel.fields(c.days)
    return c.flags(day == _kernel.month_length(year, month))


def _is_period_start(c: Converted, months: int) -> FieldArray:
    return c.flags(_kernel.period_start(c.days, months) == c.days)


def _is_period_end(c: Converted, months: int) -> FieldArray:
    return c.flags(_kernel.period_end(c.days, months) == c.days)


def _weekday(c: Converted) -> FieldArray:
    return c.ints(_kernel.weekday(c.days))


def _week(c: Converted) -> FieldArray:
    return c.ints(_kernel.week_number(c.days))


def _is_year_start(c: Converted) -> FieldArray:
    return c.flags(_kernel.day_of_year(c.days) == 1)


def _is_year_end(c: Converted) -> FieldArray:
    last = _kernel.year_length(_kernel.year_of(c.days))
    return c.flags(_kernel.day_of_year(c.days) == last)


_INT: Final = pd.Int64Dtype()
_BOOL: Final = np.dtype(np.bool_)


class Field:
    """One Jalali date field of the ``.isipo`` accessors: a read-only, typed attribute.

    Parameters
    ----------
    compute : callable
        From the :class:`Converted` dates to the field's values (Int64 or bool).
    dtype : pandas.Int64Dtype or numpy.dtype
        The dtype of the result: ``Int64`` (``<NA>`` for NaT) or ``bool`` (``False``).
    doc : str
        The attribute's docstring.
    """

    name: str

    def __init__(
        self,
        compute: Callable[[Converted], FieldArray],
        dtype: pd.Int64Dtype | np.dtype[Any],
        doc: str,
    ) -> None:
        self.compute = compute
        self.dtype = dtype
        self.__doc__ = doc

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type[Any] | None = None) -> Field: ...
    @overload
    def __get__(self, obj: JalaliFields[R], owner: type[Any] | None = None) -> R: ...
    def __get__(self, obj: JalaliFields[R] | None, owner: type[Any] | None = None) -> R | Field:
        return self if obj is None else obj._field_result(self)

    def __set__(self, obj: object, value: Never) -> NoReturn:
        msg = f"property {self.name!r} of {type(obj).__name__!r} object has no setter"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[Callable[[str], Field], tuple[str]]:
        return field_named, (self.name,)  # sent to Dask workers by name

    def __repr__(self) -> str:
        return f"<Jalali field {self.name!r}>"

    def series(self, series: pd.Series) -> pd.Series:
        """Return the field of a pandas Series, with its index and name."""
        return like(series, self.compute(convert(dates_of(series))))


class JalaliFields(Generic[R]):
    """The Jalali date fields, declared once for the pandas and the Dask accessor.

    A subclass says how one field is produced by implementing ``_field_result``; ``R`` is
    what a field gives (a pandas Series, a Dask Series).
    """

    def _field_result(self, field: Field) -> R:
        raise NotImplementedError

    year = Field(
        _year,
        _INT,
        """The Jalali year (``Int64``; ``<NA>`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])).isipo.year.tolist()
        [1399, 1400]
        """,
    )
    month = Field(
        _month,
        _INT,
        """The Jalali month, 1 (Farvardin) to 12 (Esfand) (``Int64``; ``<NA>`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])).isipo.month.tolist()
        [12, 1]
        """,
    )
    day = Field(
        _day,
        _INT,
        """The day of the Jalali month, 1 to 31 (``Int64``; ``<NA>`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])).isipo.day.tolist()
        [30, 1]
        """,
    )
    quarter = Field(
        _quarter,
        _INT,
        """The Jalali quarter, 1 (Farvardin-Khordad) to 4 (Dey-Esfand) (``Int64``).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-06-21", "2021-06-22"])).isipo.quarter.tolist()
        [1, 2]
        """,
    )
    dayofyear = Field(
        _dayofyear,
        _INT,
        """The day of the Jalali year, 1 to 365 or 366 (``Int64``; ``<NA>`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])).isipo.dayofyear.tolist()
        [366, 1]
        """,
    )
    days_in_month = Field(
        _days_in_month,
        _INT,
        """The length of the date's Jalali month: 31, 30, or 29/30 in Esfand (``Int64``).

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-03-01", "2022-03-01", "2021-10-01"]))
        >>> s.isipo.days_in_month.tolist()
        [30, 29, 30]
        """,
    )
    weekday = Field(
        _weekday,
        _INT,
        """The Iranian weekday: Saturday (شنبه) = 0 ... Friday (جمعه) = 6 (``Int64``).

        pandas' ``.dt.weekday`` counts from Monday; the Iranian week starts on Saturday,
        as ``jdatetime.date.weekday`` does.

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-19", "2021-03-20"])).isipo.weekday.tolist()
        [6, 0]
        """,
    )
    week = Field(
        _week,
        _INT,
        """The week of the Jalali year (``Int64``): week 1 holds 1 Farvardin.

        Weeks run Saturday to Friday and are cut at Nowruz, so the first and last week of a
        year may be short: ``(dayofyear + weekday of 1 Farvardin - 1) // 7 + 1``, 1 to 53
        (54 for a 366-day year that begins on a Friday), as ``jdatetime``'s ``weeknumber``
        and ``%W``. Group by ``to_period("W")`` labels (``"1400-W05"``) to keep the year.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21", "2021-03-27"]))
        >>> s.isipo.week.tolist()   # Saturday 30 Esfand 1399; Sunday 1 and Saturday 7 Farvardin
        [54, 1, 2]
        """,
    )
    is_leap_year = Field(
        _is_leap_year,
        _BOOL,
        """Whether the date's Jalali year has 366 days (``False`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])).isipo.is_leap_year.tolist()
        [True, False]
        """,
    )
    is_month_start = Field(
        _is_month_start,
        _BOOL,
        """Whether the date is the first day of a Jalali month (``False`` for NaT).

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-09-22", "2021-09-23"]))
        >>> s.isipo.is_month_start.tolist()
        [False, True]
        """,
    )
    is_month_end = Field(
        _is_month_end,
        _BOOL,
        """Whether the date is the last day of a Jalali month (``False`` for NaT).

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-09-21", "2021-09-22"]))
        >>> s.isipo.is_month_end.tolist()
        [False, True]
        """,
    )
    is_quarter_start = Field(
        partial(_is_period_start, months=3),
        _BOOL,
        """Whether the date is the first day of a Jalali quarter: 1 Farvardin, Tir, Mehr, Dey.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-06-21", "2021-06-22"]))   # 31 Khordad, 1 Tir
        >>> s.isipo.is_quarter_start.tolist()
        [False, True]
        """,
    )
    is_quarter_end = Field(
        partial(_is_period_end, months=3),
        _BOOL,
        """Whether the date is the last day of a Jalali quarter (``False`` for NaT).

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-06-21", "2021-06-22"]))   # 31 Khordad, 1 Tir
        >>> s.isipo.is_quarter_end.tolist()
        [True, False]
        """,
    )
    is_half_start = Field(
        partial(_is_period_start, months=6),
        _BOOL,
        """Whether the date is the first day of a Jalali half-year: 1 Farvardin or 1 Mehr.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-09-22", "2021-09-23"]))   # 31 Shahrivar, 1 Mehr
        >>> s.isipo.is_half_start.tolist()
        [False, True]
        """,
    )
    is_half_end = Field(
        partial(_is_period_end, months=6),
        _BOOL,
        """Whether the date is the last day of a Jalali half-year: 31 Shahrivar or of Esfand.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-09-22", "2022-03-20"]))
        >>> s.isipo.is_half_end.tolist()
        [True, True]
        """,
    )
    is_year_start = Field(
        _is_year_start,
        _BOOL,
        """Whether the date is 1 Farvardin, Nowruz (``False`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])).isipo.is_year_start.tolist()
        [False, True]
        """,
    )
    is_year_end = Field(
        _is_year_end,
        _BOOL,
        """Whether the date is the last day of Esfand, 29 or 30 (``False`` for NaT).

        Examples
        --------
        >>> pd.Series(pd.to_datetime(["2021-03-20", "2022-03-20"])).isipo.is_year_end.tolist()
        [True, True]
        """,
    )


FIELDS: Final[tuple[Field, ...]] = tuple(
    value for value in vars(JalaliFields).values() if isinstance(value, Field)
)
"""Every field, in declaration order."""


def field_named(name: str) -> Field:
    """Return the field called ``name`` (how a field travels to a Dask worker)."""
    found: Field = getattr(JalaliFields, name)
    return found


# The fields' docstrings are attributes of descriptors, which doctest does not collect.
__test__ = {f"JalaliFields.{item.name}": item.__doc__ or "" for item in FIELDS}
