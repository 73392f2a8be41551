"""Jalali periods as pandas values: ranges, arithmetic, start and end, round trips.

A run of Jalali periods (months ``"1400-07"``, quarters ``"1400-Q3"``, half-years
``"1400-H1"``, years ``"1400"``, weeks ``"1400-W05"``) is held as an **ordered pandas
Categorical of labels** whose categories are every period from the first to the last, in
time order. The codes are the periods counted from the first category, so:

* sorting, ``min``/``max``, comparisons (``<``, ``>=``) and ``groupby`` follow time, and a
  ``groupby(..., observed=False)`` or ``value_counts()`` shows the periods with no row (the
  categories have no gap);
* the labels are the ones :func:`isipo_stats.period_labels` and ``.isipo.to_period`` give,
  so text and periods convert both ways (:func:`as_periods`, ``.astype(str)``);
* nothing new is asked of pandas: a Categorical survives ``concat``, ``merge``, Parquet
  and Dask as any categorical does.

Why not a pandas ExtensionDtype: a new dtype must implement the whole ExtensionArray
contract (take, concat, factorize, reductions, I/O) and be tested against pandas' suite on
every pandas release; an ordered Categorical already is sortable, groupable, compact (int8
or int16 codes) and understood by every pandas tool. What it cannot do is ``+ n`` with an
operator: period arithmetic is the functions :func:`shift_periods` and
:func:`period_diff` (and the same names on ``.isipo``).

Every function reads the periods once (each distinct label or category parsed once, by the
:class:`~isipo_stats.frequency.Frequency` spec) and computes on period numbers.

Examples
--------
>>> months = period_range("1399-11", "1400-02")
>>> months
CategoricalIndex(['1399-11', '1399-12', '1400-01', '1400-02'],
                 categories=['1399-11', '1399-12', '1400-01', '1400-02'], ordered=True,
                 dtype='category')
>>> period_start(months).strftime("%Y-%m-%d").tolist()
['2021-01-20', '2021-02-19', '2021-03-21', '2021-04-21']
>>> period_days(months).tolist()
[30, 30, 31, 31]
>>> shift_periods(months, 12).tolist()
['1400-11', '1400-12', '1401-01', '1401-02']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import align, first_position, is_missing, is_scalar, text_series
from isipo_stats._dates import days_to_datetime64
from isipo_stats._typing import PeriodCode
from isipo_stats.calendar import read_days
from isipo_stats.errors import (
    CalendarRangeError,
    FrequencyError,
    InputTypeError,
    InvalidArgumentError,
    ParseError,
)
from isipo_stats.frequency import PERIOD_FREQUENCIES, Frequency, get_frequency
from isipo_stats.text import JALALI_BELOW, parse_jalali, to_latin_digits

__all__ = [
    "Periods",
    "as_periods",
    "day_bounds",
    "label_period",
    "period_days",
    "period_diff",
    "period_end",
    "period_range",
    "period_start",
    "periods_of",
    "read_periods",
    "shift_periods",
    "to_periods",
]

Days = npt.NDArray[np.int64]

_LABEL_LIKE: Final = "'1400-07', '1400-Q3', '1400-H1', '1400' or '1400-W05'"


# --- reading periods ---------------------------------------------------------------------


@dataclass(frozen=True)
class Periods:
    """Periods read once: the frequency, each period's number, and where they came from.

    ``index`` holds 0 where ``missing`` is true. ``like`` is the input, whose index and name
    the results keep (a Series or an Index; anything else gives an Index).
    """

    spec: Frequency
    index: Days
    missing: npt.NDArray[np.bool_]
    like: object
    scalar: bool = False

    def wrap(self, values: Any, *, dtype: Any = None) -> Any:
        """Return ``values`` (one per period) shaped like the input."""
        like = self.like
        if isinstance(like, pd.Series):
            return pd.Series(values, index=like.index, name=like.name, dtype=dtype, copy=False)
        name = like.name if isinstance(like, pd.Index) else None
        return pd.Index(values, name=name, dtype=dtype, copy=False)


def _detect(labels: pd.Series) -> Frequency:
    """Return the frequency of the first label (the others are checked when parsed)."""
    present = labels.dropna()
    first = str(present.iloc[0]).strip() if len(present) else "1400-01"
    for spec in PERIOD_FREQUENCIES.values():
        if spec.label_regex.fullmatch(first):
            return spec
    position = first_position(labels.notna().to_numpy())
    msg = f"could not read {first!r} {{where}} as a Jalali period label like {_LABEL_LIKE}"
    raise ParseError(msg, position=position)


def _parse_distinct(uniques: pd.Series, spec: Frequency | None) -> tuple[Frequency, Days]:
    """Parse distinct labels; a ParseError's position is one among ``uniques``."""
    spec = _detect(uniques) if spec is None else spec
    return spec, spec.parse(uniques.to_numpy(dtype=object))


def _from_codes(
    codes: npt.NDArray[np.intp], uniques: pd.Series, freq: object, like: object
) -> Periods:
    """Periods of rows given as codes into distinct labels (-1: missing)."""
    spec = None if freq is None else get_frequency(freq, weeks=True)
    try:
        spec, numbers = _parse_distinct(uniques, spec)
    except ParseError as err:  # name the first row holding the bad label
        if err.position is None:
            raise
        raise err.located(position=first_position(codes == err.position)) from None
    missing = codes < 0
    index = np.where(missing, 0, np.append(numbers, 0)[codes])
    return Periods(spec, index, missing, like)


def read_periods(values: object, freq: PeriodCode | Frequency | None = None) -> Periods:
    """Read period labels or an ordered Categorical of them (each distinct label once).

    Parameters
    ----------
    values : str, array-like of str, Categorical, or a Series/Index of those
        Labels such as ``"1400-07"``; missing values (None, NaN, ``pd.NA``) stay missing.
    freq : {"M", "Q", "H", "Y", "W"}, optional
        The frequency the labels must have. Default: that of the first label.

    Raises
    ------
    ParseError
        A label of no frequency, or of another frequency than the first, with its position.
    FrequencyError
        An unknown ``freq``.
    """
    if isinstance(values, str):
        read = read_periods([values], freq)
        return Periods(read.spec, read.index, read.missing, None, scalar=True)
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        cat = pd.Categorical(values)  # type: ignore[call-overload]
        categories = pd.Series(cat.categories.to_numpy(dtype=object), dtype=object)
        return _from_codes(np.asarray(cat.codes, dtype=np.intp), categories, freq, values)
    series = text_series(
        values,
        expected="period labels (a one-dimensional array of strings or a Categorical)",
        reading="a Jalali period",
        missing=True,
    )
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    like = values if isinstance(values, (pd.Series, pd.Index)) else None
    return _from_codes(codes, pd.Series(uniques, dtype=object), freq, like)


# --- writing periods ---------------------------------------------------------------------


_RUN_WRITTEN: Final[set[str]] = set()
"""The frequencies of which one run of labels was written (see :func:`_dtype`)."""


@lru_cache(maxsize=256)
def _dtype(code: str, first: int, last: int) -> pd.CategoricalDtype:
    """Return the ordered dtype of the periods ``first..last`` (cached: it is immutable).

    The first run of a frequency writes only its own labels, so that a first call costs
    what its periods cost; any later run is a slice of the labels of every supported
    period (:func:`_every_label`, built then, once), which pandas already knows to be
    unique, so that a new run costs neither writing labels nor checking them.
    """
    if code in _RUN_WRITTEN:
        categories = _every_label(code)[first : last + 1]
    else:
        _RUN_WRITTEN.add(code)
        labels = get_frequency(code, weeks=True).label_run(first, last)
        categories = pd.Index(labels, dtype=object, copy=False)
    return pd.CategoricalDtype(categories, ordered=True)


@cache
def _every_label(code: str) -> pd.Index:
    """Return the label of every supported period of a frequency, as a checked Index.

    Checking uniqueness here builds the Index's engine; pandas hands what the engine
    knows (unique, increasing) on to every slice.
    """
    index = pd.Index(get_frequency(code, weeks=True).all_labels, dtype=object, copy=False)
    if not index.is_unique:  # pragma: no cover - a label written twice is a bug
        raise AssertionError(code)
    return index


def _categorical(spec: Frequency, index: Days, missing: npt.NDArray[np.bool_]) -> pd.Categorical:
    """Return an ordered Categorical of the periods; categories: every one from min to max."""
    present = index[~missing] if missing.any() else index
    if present.size == 0:
        return pd.Categorical.from_codes(np.full(index.size, -1), dtype=_dtype(spec.code, 0, -1))
    first, last = int(present.min()), int(present.max())
    codes = np.where(missing, -1, index - first) if missing.any() else index - first
    return pd.Categorical.from_codes(codes, dtype=_dtype(spec.code, first, last), validate=False)


def periods_of(spec: Frequency, index: Days, missing: npt.NDArray[np.bool_], like: object) -> Any:
    """Return periods as an ordered Categorical shaped like ``like`` (Series, Index)."""
    cat = _categorical(spec, index, missing)
    if isinstance(like, pd.Series):
        return pd.Series(cat, index=like.index, name=like.name, copy=False)
    return pd.CategoricalIndex(cat, name=like.name if isinstance(like, pd.Index) else None)


def _check_numbers(spec: Frequency, index: Days, missing: npt.NDArray[np.bool_]) -> None:
    """Refuse period numbers outside the supported years (after arithmetic)."""
    outside = ((index < 0) | (index >= spec.count)) & ~missing
    if outside.any():
        position = first_position(outside)
        first, last = spec.all_labels[0], spec.all_labels[-1]
        number = int(index[position])
        away = (
            f"{-number} before {first}" if number < 0 else f"{number - spec.count + 1} after {last}"
        )
        msg = (
            f"periods must be in {first}..{last} (Jalali {_kernel.FIRST_YEAR}-"
            f"{_kernel.LAST_YEAR}), got the {spec.name} {away}"
        )
        raise CalendarRangeError(msg, position=position)


# --- bounds: Jalali text, labels, dates --------------------------------------------------

_JALALI_DAY: Final = re.compile(r"([0-9]{3,4})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})")


def day_bounds(value: object, what: str) -> tuple[int, int]:
    """Return the first and last day number of what one bound names.

    Jalali text names a span: a day (``"1400/07/30"``), a month (``"1400-07"``,
    ``"Mehr 1400"``), a quarter (``"1400-Q3"``), a half-year, a year (``"1400"``) or a week
    (``"1400-W05"``). Anything else is one Gregorian day: a date or datetime, a Timestamp,
    ``datetime64``, ``jdatetime`` or ISO text with a year from 1800 (the time of day is
    ignored).

    Raises
    ------
    ParseError, InvalidDateError, CalendarRangeError
        Text that names no date, a date that does not exist or lies outside the years.
    InputTypeError
        A missing bound, or a value that is not a date.
    """
    if is_missing(value):
        msg = f"{what} must be a date or Jalali text, got {value!r}"
        raise InputTypeError(msg)
    if isinstance(value, str):
        text = to_latin_digits(value).strip()
        span = _jalali_span(text)
        if span is not None:
            return span
    if not is_scalar(value):
        msg = f"{what} must be one date, got {type(value).__name__}"
        raise InputTypeError(msg)
    _, days = read_days(value)
    return int(days[0]), int(days[0])


def _jalali_span(text: str) -> tuple[int, int] | None:
    """First and last day named by Jalali text, or None for Gregorian text."""
    lead = re.match(r"[0-9]+", text)
    if lead is not None and int(lead.group()) >= JALALI_BELOW:
        return None
    for spec in PERIOD_FREQUENCIES.values():
        found = spec.label_regex.fullmatch(text)
        if found:
            index = np.array([spec.label_number(found, text)])
            return int(spec.first_day(index)[0]), int(spec.last_day(index)[0])
    day = _JALALI_DAY.fullmatch(text)
    if day is not None:
        none = np.zeros(1, np.bool_)
        y, m, d = (np.array([int(part)]) for part in day.groups())
        number = int(_kernel.check_dates(y, m, d, (none, none, none))[0][0])
        return number, number
    table = parse_jalali([text])  # month names, other forms; raises on anything else
    start, end = (
        table[c].to_numpy(dtype="datetime64[D]").astype(np.int64) for c in ("start", "end")
    )
    return int(start[0]), int(end[0])


def label_period(spec: Frequency, value: object) -> int | None:
    """Return the period number of a label of ``spec`` (a fast path), None for anything else."""
    if isinstance(value, str):
        text = (value if value.isascii() else to_latin_digits(value)).strip()
        found = spec.label_regex.fullmatch(text)
        if found and int(found.group(1)) < JALALI_BELOW:
            return spec.label_number(found, text)
    return None


def _bound_period(spec: Frequency, value: object, what: str) -> int:
    """Return the period holding the first (start) or last (end) day a bound names."""
    labelled = label_period(spec, value)  # a label of this frequency: no day in between
    if labelled is not None:
        return labelled
    first, last = day_bounds(value, what)
    return int(spec.index(np.array([last if what == "end" else first]))[0])


def _whole(value: object, what: str, *, low: int | None = None) -> int:
    """Return a whole number argument (not a bool), at least ``low``."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or (low is not None and value < low)
    ):
        shown = "a whole number" if low is None else f"a whole number from {low}"
        msg = f"{what} must be {shown}, got {value!r}"
        wrong_type = isinstance(value, bool) or not isinstance(value, (int, np.integer))
        raise (InputTypeError if wrong_type else InvalidArgumentError)(msg)
    return int(value)


def _two_of_three(start: object, end: object, periods: object) -> None:
    given = sum(x is not None for x in (start, end, periods))
    if given != 2:
        msg = f"give exactly two of start, end and periods, got {given}"
        raise InvalidArgumentError(msg)


# --- the public functions ------------------------------------------------------------------


def period_range(
    start: object = None,
    end: object = None,
    periods: int | None = None,
    freq: PeriodCode = "M",
    *,
    name: object = None,
) -> pd.CategoricalIndex:
    """Return every Jalali period from ``start`` to ``end`` (both included), in order.

    Parameters
    ----------
    start, end : str or date-like, optional
        A period label (``"1400-07"``, ``"1400-Q3"``), Jalali text (``"1400/07/15"``,
        ``"Mehr 1400"``) or a Gregorian date: the first (last) period is the one holding its
        first (last) day. Give exactly two of ``start``, ``end`` and ``periods``.
    periods : int, optional
        How many periods.
    freq : {"M", "Q", "H", "Y", "W"}
        Month, quarter, half-year, year or Iranian week.
    name : object, optional
        The name of the index.

    Returns
    -------
    pandas.CategoricalIndex
        Ordered labels whose categories are exactly these periods (see the module notes).

    Raises
    ------
    InvalidArgumentError
        Not exactly two of ``start``, ``end`` and ``periods``, or a bad ``periods``.
    CalendarRangeError
        A period outside the supported years.

    Examples
    --------
    >>> period_range("1400-Q3", periods=3, freq="Q").tolist()
    ['1400-Q3', '1400-Q4', '1401-Q1']
    >>> period_range(end="2021-03-21", periods=2, freq="Y").tolist()   # 1 Farvardin 1400
    ['1399', '1400']
    >>> period_range("1403/12/25", "1404/01/10", freq="W").tolist()
    ['1403-W53', '1404-W01', '1404-W02', '1404-W03']
    """
    spec = get_frequency(freq, weeks=True)
    _two_of_three(start, end, periods)
    first = last = 0
    if start is not None:
        first = _bound_period(spec, start, "start")
    if end is not None:
        last = _bound_period(spec, end, "end")
    if periods is not None:
        count = _whole(periods, "periods", low=0)
        first, last = (first, first + count - 1) if start is not None else (last - count + 1, last)
    last = max(last, first - 1)
    if first < 0 or last >= spec.count:
        bad = np.array([first if first < 0 else last])
        _check_numbers(spec, bad, np.zeros(1, np.bool_))
    codes = np.arange(last - first + 1, dtype=np.int64)
    dtype = _dtype(spec.code, first, last)
    cat = pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    return pd.CategoricalIndex(cat, name=name)


def to_periods(dates: object, freq: PeriodCode = "M") -> Any:
    """Return the Jalali period of each date, as an ordered Categorical.

    Parameters
    ----------
    dates : date-like scalar or array-like
        As for :func:`isipo_stats.to_jalali`; missing dates give missing periods.
    freq : {"M", "Q", "H", "Y", "W"}

    Returns
    -------
    pandas.Series (for a Series, with its index and name) or pandas.CategoricalIndex
        The categories run from the first to the last period, without a gap.

    Examples
    --------
    >>> to_periods(["2021-10-22", None, "2021-06-01"], "Q")
    CategoricalIndex(['1400-Q3', nan, '1400-Q1'], categories=['1400-Q1', '1400-Q2', '1400-Q3'],
                     ordered=True, dtype='category')
    """
    spec = get_frequency(freq, weeks=True)
    parsed, days = read_days(dates)
    index = spec.index(days)
    if parsed.scalar:
        return None if parsed.missing[0] else str(spec.all_labels[index[0]])
    like = dates if isinstance(dates, (pd.Series, pd.Index)) else None
    return periods_of(spec, index, parsed.missing, like)


def as_periods(labels: object, freq: PeriodCode | None = None) -> Any:
    """Read period labels (``.isipo.to_period`` gives them) as an ordered Categorical.

    Parameters
    ----------
    labels : array-like of str, or a Series/Index of them
        Missing values stay missing.
    freq : {"M", "Q", "H", "Y", "W"}, optional
        Default: the frequency of the first label; every label must have it.

    Returns
    -------
    pandas.Series (for a Series) or pandas.CategoricalIndex

    Raises
    ------
    ParseError
        A label that is not one of the frequency, with its position.

    Examples
    --------
    >>> as_periods(["1400-12", "1400-10"]).sort_values().tolist()
    ['1400-10', '1400-12']
    >>> as_periods(["1400-12", "1400-10"]).categories.tolist()
    ['1400-10', '1400-11', '1400-12']
    """
    read = read_periods(labels, freq)
    return periods_of(read.spec, read.index, read.missing, read.like)


def shift_periods(periods: object, n: int = 1) -> Any:
    """Move each period ``n`` periods later (earlier for negative ``n``).

    Returns
    -------
    Like :func:`as_periods`; a label (str) for one label.

    Raises
    ------
    CalendarRangeError
        A period moved outside the supported years.

    Examples
    --------
    >>> shift_periods(["1400-Q4", None], 1).tolist()
    ['1401-Q1', nan]
    >>> shift_periods("1400-W01", -1)
    '1399-W54'
    """
    step = _whole(n, "n")
    read = read_periods(periods)
    moved = np.where(read.missing, 0, read.index + step)
    _check_numbers(read.spec, moved, read.missing)
    if read.scalar:
        return str(read.spec.all_labels[moved[0]]) if not read.missing[0] else None
    return periods_of(read.spec, moved, read.missing, read.like)


def period_diff(end: object, start: object) -> Any:
    """Return how many periods ``end`` lies after ``start`` (negative if before).

    ``end`` and ``start`` must have one frequency; Series are matched by index label.

    Returns
    -------
    int, or nullable ``Int64`` values shaped like ``end`` (missing where either is)

    Raises
    ------
    FrequencyError
        Periods of two frequencies.

    Examples
    --------
    >>> period_diff("1401-02", "1399-12")
    14
    >>> period_diff(["1400-Q1", None], ["1399-Q1", "1399-Q1"]).tolist()
    [4, <NA>]
    """
    end, start = align(("end", end), ("start", start))
    later, earlier = read_periods(end), read_periods(start)
    if later.spec is not earlier.spec:
        msg = f"end and start must be periods of one frequency, got {later.spec.name}s and "
        msg += f"{earlier.spec.name}s"
        raise FrequencyError(msg)
    missing = later.missing | earlier.missing
    difference = later.index - earlier.index
    if later.scalar:
        return None if missing[0] else int(difference[0])
    return later.wrap(pd.arrays.IntegerArray(difference, missing), dtype="Int64")


def _day_result(read: Periods, days: Days) -> Any:
    values = days_to_datetime64(days, read.missing)
    if read.scalar:
        return None if read.missing[0] else pd.Timestamp(values[0])
    return read.wrap(values)


@overload
def period_start(periods: str) -> pd.Timestamp | None: ...
@overload
def period_start(periods: object) -> Any: ...
def period_start(periods: object) -> Any:
    """Return the first day of each period (``datetime64[us]``, NaT where missing).

    Examples
    --------
    >>> period_start("1400-H2")
    Timestamp('2021-09-23 00:00:00')
    """
    read = read_periods(periods)
    return _day_result(read, read.spec.first_day(read.index))


@overload
def period_end(periods: str) -> pd.Timestamp | None: ...
@overload
def period_end(periods: object) -> Any: ...
def period_end(periods: object) -> Any:
    """Return the last day of each period (midnight of that day, ``datetime64[us]``).

    Unlike pandas' ``Period.end_time`` (the last nanosecond), this is the last **day**, as
    every span of this library is: a period covers ``period_start .. period_end`` inclusive.

    Examples
    --------
    >>> period_end("1403")     # 30 Esfand 1403 (a leap year)
    Timestamp('2025-03-20 00:00:00')
    """
    read = read_periods(periods)
    return _day_result(read, read.spec.last_day(read.index))


def period_days(periods: object) -> Any:
    """Return the number of days of each period (``Int64``; an int for one label).

    Examples
    --------
    >>> period_days(["1403-12", "1404-12"]).tolist()
    [30, 29]
    >>> period_days("1404-W01")     # 1 Farvardin 1404 was a Friday: week 1 has one day
    1
    """
    read = read_periods(periods)
    days = read.spec.last_day(read.index) - read.spec.first_day(read.index) + 1
    if read.scalar:
        return None if read.missing[0] else int(days[0])
    return read.wrap(pd.arrays.IntegerArray(days, read.missing.copy()), dtype="Int64")
