"""Jalali years, quarters and months as Gregorian date spans.

A :class:`Span` is a run of whole days, both ends inclusive, as the reports speak of them
("the first seven months", "the previous year").

Examples
--------
>>> year_span(1400)
Span(start=Timestamp('2021-03-21'), end=Timestamp('2022-03-20'))
>>> months_span(1399, 1, 7).days
216
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.calendar import read_ints
from isipo_stats.errors import InvalidDateError

__all__ = ["Span", "month_span", "months_span", "quarter_span", "year_span"]

_ONE_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """A run of whole days from ``start`` to ``end``, both inclusive.

    Attributes
    ----------
    start, end : pandas.Timestamp
        First and last day (midnight timestamps).

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
        start = pd.Timestamp(self.start)
        end = pd.Timestamp(self.end)
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
        """Return whether the day of ``date`` (any time on it) lies within the span."""
        day = pd.Timestamp(date).normalize()  # type: ignore[arg-type]
        if day.tzinfo is not None:
            day = day.tz_convert("Asia/Tehran").tz_localize(None).normalize()
        return bool(self.start <= day <= self.end)

    def to_interval(self) -> pd.Interval:
        """Return the span as a half-open :class:`pandas.Interval` [start, end + 1 day)."""
        return pd.Interval(self.start, self.end + _ONE_DAY, closed="left")


def _timestamp(day: np.int64) -> pd.Timestamp:
    return pd.Timestamp(np.datetime64(int(day), "D")).as_unit("us")


def _span_of(year: int, first_month: int, last_month: int) -> Span:
    years = read_ints(year, "year")
    y = _kernel.check_years(years.values, years.missing)[:1]
    no = np.zeros(1, np.bool_)
    first = _kernel.check_months(np.array([first_month]), no)
    last = _kernel.check_months(np.array([last_month]), no)
    if last[0] < first[0]:
        msg = f"the last month must not come before the first, got {first_month}..{last_month}"
        raise InvalidDateError(msg)
    start = _kernel.month_start(y, first)
    end = _kernel.month_start(y, last) + _kernel.month_length(y, last) - 1
    return Span(_timestamp(start[0]), _timestamp(end[0]))


def year_span(year: int) -> Span:
    """Return the Gregorian span of a Jalali year, 1 Farvardin to the last day of Esfand.

    Examples
    --------
    >>> year_span(1399)
    Span(start=Timestamp('2020-03-20'), end=Timestamp('2021-03-20'))
    """
    return _span_of(year, 1, 12)


def month_span(year: int, month: int) -> Span:
    """Return the Gregorian span of one Jalali month.

    Examples
    --------
    >>> month_span(1399, 7)
    Span(start=Timestamp('2020-09-22'), end=Timestamp('2020-10-21'))
    """
    return _span_of(year, month, month)


def quarter_span(year: int, quarter: int) -> Span:
    """Return the Gregorian span of a Jalali quarter (1 = Farvardin-Khordad, ..., 4 = Dey-Esfand).

    Examples
    --------
    >>> quarter_span(1402, 4)
    Span(start=Timestamp('2023-12-22'), end=Timestamp('2024-03-19'))
    """
    if quarter not in (1, 2, 3, 4):
        msg = f"quarter must be in 1-4, got {quarter!r}"
        raise InvalidDateError(msg)
    return _span_of(year, 3 * quarter - 2, 3 * quarter)


def months_span(year: int, first: int, last: int) -> Span:
    """Return the span from the first day of month ``first`` to the last day of ``last``.

    "The first seven months of 1399" is ``months_span(1399, 1, 7)``.

    Examples
    --------
    >>> months_span(1399, 1, 7)
    Span(start=Timestamp('2020-03-20'), end=Timestamp('2020-10-21'))
    """
    return _span_of(year, first, last)
