"""Jalali years, quarters and months as Gregorian date spans.

A :class:`Span` is a run of whole days, both ends inclusive, as the reports speak of them
("the first seven months", "the previous year").

The functions here take whole numbers. Given one year and one month (or quarter) each,
they return a :class:`Span`; a missing value (None, NaN, ``pd.NA``), a fraction, a boolean
or text is refused with the library's error rather than read as something else. Given
arrays (lists, numpy arrays, Series; a length-1 argument goes with any length), they
return a DataFrame with one row per element and the columns ``start``, ``end``
(``datetime64[us]``) and ``days`` (``Int64``); a missing element gives NaT and <NA> in
its row, and a Series argument gives its index to the frame.

Examples
--------
>>> year_span(1400)
Span(start=Timestamp('2021-03-21'), end=Timestamp('2022-03-20'))
>>> months_span(1399, 1, 7).days
216
>>> year_span([1399, 1400])
       start        end  days
0 2020-03-20 2021-03-20   366
1 2021-03-21 2022-03-20   365
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias, overload

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import IntInput, is_missing, is_scalar, show
from isipo_stats._dates import as_day_numbers, days_to_datetime64
from isipo_stats._typing import IntArray, IntScalar
from isipo_stats.calendar import _broadcast_ints, read_ints
from isipo_stats.errors import InputTypeError, InvalidDateError

__all__ = ["Span", "month_span", "months_span", "quarter_span", "year_span"]

_ONE_DAY = pd.Timedelta(days=1)


def _whole_day(value: object, what: str) -> pd.Timestamp:
    """Return one end of a span as a naive midnight Timestamp, refusing anything else."""
    if isinstance(value, np.datetime64) and np.isnat(value):
        value = pd.NaT
    if is_missing(value):
        msg = f"a span needs {'a start' if what == 'start' else 'an end'} date, got {show(value)}"
        raise InvalidDateError(msg)
    try:
        day = pd.Timestamp(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        msg = f"could not read the {what} of a span as a date, got {show(value)}"
        raise InvalidDateError(msg) from None
    if day.tzinfo is not None:
        msg = f"a span is made of days without a time zone, got {what}={day}"
        raise InvalidDateError(msg)
    return day


def _day_number(day: pd.Timestamp) -> int:
    return int(day.to_datetime64().astype("datetime64[D]").astype(np.int64))


@dataclass(frozen=True)
class Span:
    """A run of whole days from ``start`` to ``end``, both inclusive.

    Attributes
    ----------
    start, end : pandas.Timestamp
        First and last day (midnight timestamps, without a time zone).

    Raises
    ------
    InvalidDateError
        A missing or unreadable end, one with a time of day or a time zone, or an end
        before the start.

    Examples
    --------
    >>> span = month_span(1403, 12)
    >>> span
    Span(start=Timestamp('2025-02-19'), end=Timestamp('2025-03-20'))
    >>> span.days, span.contains("2025-03-20 23:59"), span.contains("2025-03-21")
    (30, True, False)
    >>> span.to_interval()
    Interval(2025-02-19 00:00:00, 2025-03-21 00:00:00, closed='left')
    """

    start: pd.Timestamp
    end: pd.Timestamp

    def __post_init__(self) -> None:
        start = _whole_day(self.start, "start")
        end = _whole_day(self.end, "end")
        if start.normalize() != start or end.normalize() != end:
            msg = f"a span is made of whole days, got start={start} and end={end}"
            raise InvalidDateError(msg)
        if end < start:
            msg = f"a span must not end before it starts, got {start.date()} to {end.date()}"
            raise InvalidDateError(msg)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    def __repr__(self) -> str:
        return f"Span(start=Timestamp('{self.start.date()}'), end=Timestamp('{self.end.date()}'))"

    @property
    def days(self) -> int:
        """Number of days in the span, both ends counted."""
        return int((self.end - self.start) / _ONE_DAY) + 1

    def contains(self, date: object) -> bool:
        """Return whether the day of ``date`` (any time on it) lies within the span.

        ``date`` is read as every date argument of the library is (see
        :func:`isipo_stats.to_jalali`): a timezone-aware value is first brought to Tehran
        time, then its day is taken. A missing date (None, NaN, NaT) is in no span.

        Raises
        ------
        InputTypeError
            Not one date (an array, a number).
        ParseError
            Text that is not an ISO 8601 date.

        Examples
        --------
        >>> span = year_span(1400)
        >>> span.contains(pd.Timestamp("2021-03-20 21:00", tz="UTC"))  # 00:30 in Tehran
        True
        >>> span.contains(pd.NaT)
        False
        """
        if not is_scalar(date):
            msg = f"contains takes one date, got {type(date).__name__}"
            raise InputTypeError(msg)
        parsed = as_day_numbers(date)
        if parsed.missing[0]:
            return False
        return bool(_day_number(self.start) <= parsed.days[0] <= _day_number(self.end))

    def to_interval(self) -> pd.Interval:
        """Return the span as a half-open :class:`pandas.Interval` [start, end + 1 day)."""
        return pd.Interval(self.start, self.end + _ONE_DAY, closed="left")


def _timestamp(day: np.int64) -> pd.Timestamp:
    return pd.Timestamp(np.datetime64(int(day), "D")).as_unit("us")


def _one_number(value: object, what: str) -> int:
    """Return one whole number (a year, month or quarter), refusing anything else.

    Raises
    ------
    InputTypeError
        An array, text, a boolean or another object.
    InvalidDateError
        A missing value or a fraction.
    """
    if not is_scalar(value):
        msg = f"{what} must be one whole number, got {type(value).__name__}"
        raise InputTypeError(msg)
    number = read_ints(value, what)
    if number.missing[0]:
        msg = f"{what} must be given, got {show(value)}"
        raise InvalidDateError(msg, position=0)
    return int(number.values[0])


def _span_of(year: IntScalar, first_month: IntScalar, last_month: IntScalar) -> Span:
    y = np.array([_one_number(year, "year")])
    first = np.array([_one_number(first_month, "month")])
    last = np.array([_one_number(last_month, "month")])
    no = np.zeros(1, np.bool_)
    _kernel.check_years(y, no)
    _kernel.check_months(first, no)
    _kernel.check_months(last, no)
    if last[0] < first[0]:
        msg = f"the last month must not come before the first, got {first[0]}..{last[0]}"
        raise InvalidDateError(msg)
    start = _kernel.month_start(y, first)
    end = _kernel.month_start(y, last) + _kernel.month_length(y, last) - 1
    return Span(_timestamp(start[0]), _timestamp(end[0]))


_Spans: TypeAlias = "IntArray | pd.Series[Any]"


def _spans_of(
    named: tuple[tuple[str, object], ...], months: tuple[int, int] | None
) -> pd.DataFrame:
    """Return the spans of arrays of (year, first, last) or (year, quarter) as a frame.

    ``months`` fixes the first and last month (a whole year) when only years are given;
    otherwise the second and third arrays are the months, or the second is a quarter.
    """
    inputs: list[IntInput] = _broadcast_ints(*named)
    missing = np.logical_or.reduce([item.missing for item in inputs])
    years = _kernel.check_years(inputs[0].values, inputs[0].missing)
    if months is not None:
        first = np.full(years.size, months[0], dtype=np.int64)
        last = np.full(years.size, months[1], dtype=np.int64)
    elif named[1][0] == "quarter":
        quarter = inputs[1].values
        bad = ~inputs[1].missing & ((quarter < 1) | (quarter > 4))
        if bad.any():
            i = int(np.argmax(bad))
            msg = f"quarter must be in 1-4, got {int(quarter[i])}"
            raise InvalidDateError(msg, position=i)
        quarter = np.where(missing, 1, quarter)
        first, last = 3 * quarter - 2, 3 * quarter
    else:
        first = _kernel.check_months(inputs[1].values, inputs[1].missing)
        last = _kernel.check_months(inputs[-1].values, inputs[-1].missing)
        backwards = ~missing & (last < first)
        if backwards.any():
            i = int(np.argmax(backwards))
            msg = f"the last month must not come before the first, got {first[i]}..{last[i]}"
            raise InvalidDateError(msg, position=i)
    years, first, last = (
        np.where(missing, v, a) for v, a in ((1400, years), (1, first), (1, last))
    )
    start = _kernel.month_start(years, first)
    end = _kernel.month_start(years, last) + _kernel.month_length(years, last) - 1
    days = pd.array(np.where(missing, 0, end - start + 1), dtype="Int64")
    days[missing] = pd.NA
    index = inputs[0].index if inputs[0].index is not None else pd.RangeIndex(years.size)
    return pd.DataFrame(
        {
            "start": days_to_datetime64(start, missing),
            "end": days_to_datetime64(end, missing),
            "days": days,
        },
        index=index,
    )


def _all_scalar(*values: object) -> bool:
    return all(is_scalar(v) for v in values)


@overload
def year_span(year: IntScalar) -> Span: ...
@overload
def year_span(year: _Spans) -> pd.DataFrame: ...
def year_span(year: Any) -> Span | pd.DataFrame:
    """Return the Gregorian span of a Jalali year, 1 Farvardin to the last day of Esfand.

    Raises
    ------
    CalendarRangeError
        A year outside :data:`isipo_stats.SUPPORTED_YEARS`.
    InvalidDateError
        A missing year or a fraction.
    InputTypeError
        Not one number (text, a boolean, an array).

    Examples
    --------
    >>> year_span(1399)
    Span(start=Timestamp('2020-03-20'), end=Timestamp('2021-03-20'))
    >>> year_span(None)
    Traceback (most recent call last):
    ...
    isipo_stats.errors.InvalidDateError: year must be given, got None at position 0
    >>> year_span(pd.Series([1402, None], index=["a", "b"], dtype="Int64"))
           start        end  days
    a 2023-03-21 2024-03-19   365
    b        NaT        NaT  <NA>
    """
    if _all_scalar(year):
        return _span_of(year, 1, 12)
    return _spans_of((("year", year),), (1, 12))


@overload
def month_span(year: IntScalar, month: IntScalar) -> Span: ...  # type: ignore[overload-overlap]
@overload
def month_span(year: _Spans | IntScalar, month: _Spans | IntScalar) -> pd.DataFrame: ...
def month_span(year: Any, month: Any) -> Span | pd.DataFrame:
    """Return the Gregorian span of one Jalali month.

    A month outside 1-12 is an InvalidDateError; the year is read as by :func:`year_span`.

    Examples
    --------
    >>> month_span(1399, 7)
    Span(start=Timestamp('2020-09-22'), end=Timestamp('2020-10-21'))
    >>> month_span(1403, [11, 12])
           start        end  days
    0 2025-01-20 2025-02-18    30
    1 2025-02-19 2025-03-20    30
    """
    if _all_scalar(year, month):
        return _span_of(year, month, month)
    return _spans_of((("year", year), ("month", month), ("month", month)), None)


@overload
def quarter_span(year: IntScalar, quarter: IntScalar) -> Span: ...  # type: ignore[overload-overlap]
@overload
def quarter_span(year: _Spans | IntScalar, quarter: _Spans | IntScalar) -> pd.DataFrame: ...
def quarter_span(year: Any, quarter: Any) -> Span | pd.DataFrame:
    """Return the Gregorian span of a Jalali quarter (1 = Farvardin-Khordad, ..., 4 = Dey-Esfand).

    Raises as :func:`year_span` does, and for a quarter outside 1-4.

    Examples
    --------
    >>> quarter_span(1402, 4)
    Span(start=Timestamp('2023-12-22'), end=Timestamp('2024-03-19'))
    >>> quarter_span([1402, 1403], 4)["days"].tolist()
    [89, 90]
    """
    if not _all_scalar(year, quarter):
        return _spans_of((("year", year), ("quarter", quarter)), None)
    number = _one_number(quarter, "quarter")
    if number not in (1, 2, 3, 4):
        msg = f"quarter must be in 1-4, got {show(quarter)}"
        raise InvalidDateError(msg, position=0)
    return _span_of(year, 3 * number - 2, 3 * number)


@overload
def months_span(year: IntScalar, first: IntScalar, last: IntScalar) -> Span: ...  # type: ignore[overload-overlap]
@overload
def months_span(
    year: _Spans | IntScalar, first: _Spans | IntScalar, last: _Spans | IntScalar
) -> pd.DataFrame: ...
def months_span(year: Any, first: Any, last: Any) -> Span | pd.DataFrame:
    """Return the span from the first day of month ``first`` to the last day of ``last``.

    "The first seven months of 1399" is ``months_span(1399, 1, 7)``. Raises as
    :func:`month_span` does, and when ``last`` comes before ``first``.

    Examples
    --------
    >>> months_span(1399, 1, 7)
    Span(start=Timestamp('2020-03-20'), end=Timestamp('2020-10-21'))
    >>> months_span([1399, 1400], 1, [7, 6])["days"].tolist()
    [216, 186]
    """
    if _all_scalar(year, first, last):
        return _span_of(year, first, last)
    return _spans_of((("year", year), ("month", first), ("month", last)), None)
