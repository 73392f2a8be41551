"""Jalali frequencies: one spec answers every question about M, Q, H, Y and W.

A :class:`Frequency` is a run of whole Jalali months aligned on Nowruz: a month (``"M"``),
a quarter (``"Q"``, 3 months: spring = Farvardin-Khordad), a half-year (``"H"``, 6 months:
186 days, then 179 or 180) or a year (``"Y"``). It knows how many months a period holds,
how its periods are labelled (``"1400-07"``, ``"1400-Q3"``, ``"1400-H1"``, ``"1400"``), how
to read such labels back, and the one message for a frequency that does not exist. Every
``freq=`` argument of the package is resolved by :func:`get_frequency`.

Weeks (``"W"``, labels ``"1400-W05"``) are periods too, of the same spec, but not of whole
months: an Iranian week runs Saturday to Friday, week 1 of a year is the week holding
1 Farvardin, and the week Nowruz falls in is cut there, so that every week lies within one
Jalali year (the first and last week of a year may be short; see :mod:`isipo_stats._kernel`).
Only functions that take weeks accept ``"W"`` (``get_frequency(freq, weeks=True)``): the
others, which need whole months, keep refusing it.

Periods are numbered by an integer index (:meth:`Frequency.index`): consecutive periods
have consecutive numbers, so differences count periods and sorting sorts in time.

Examples
--------
>>> q = get_frequency("Q")
>>> q.name, q.months, q.per_year
('quarter', 3, 4)
>>> days = np.array([np.datetime64("2021-10-22", "D").astype(np.int64)])   # 30 Mehr 1400
>>> q.labels(q.index(days)).tolist()
['1400-Q3']
>>> q.parse(["1400-Q3", "1400-Q4"]).tolist() == q.index(days).tolist() + [q.index(days)[0] + 1]
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._typing import FreqCode, PeriodCode
from isipo_stats.errors import FrequencyError, ParseError

__all__ = ["FREQUENCIES", "PERIOD_FREQUENCIES", "WEEK", "Frequency", "get_frequency"]

Days = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Frequency:
    """A Jalali period of ``months`` whole months, aligned on Nowruz.

    Attributes
    ----------
    code : str
        ``"M"``, ``"Q"``, ``"H"``, ``"Y"`` or ``"W"``.
    name : str
        ``"month"``, ``"quarter"``, ``"half-year"``, ``"year"`` or ``"week"`` (in messages).
    months : int
        Months per period (1, 3, 6, 12; 0 for weeks, which are not whole months).
    prefix : str
        What stands between the year and the period number in a label (``"-"``, ``"-Q"``,
        ``"-H"``); the year label has no period number.
    """

    code: str
    name: str
    months: int
    prefix: str
    _label_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    @property
    def per_year(self) -> int:
        """Periods in a Jalali year."""
        return 12 // self.months

    @property
    def label_pattern(self) -> str:
        """A regular expression that matches one label (year and number as groups)."""
        if self.months == 12:
            return r"(\d{4})()"
        digits = r"\d{2}" if self.code in "MW" else r"\d"
        return rf"(\d{{4}}){re.escape(self.prefix)}({digits})"

    @property
    def label_regex(self) -> re.Pattern[str]:
        """:attr:`label_pattern`, compiled (once, when the frequency is made)."""
        return self._label_regex

    def __post_init__(self) -> None:
        object.__setattr__(self, "_label_regex", re.compile(self.label_pattern))

    def index(self, days: Days) -> Days:
        """Return the period number of each (checked) day number."""
        return _kernel.period_index(days, self.months)

    def start(self, days: Days) -> Days:
        """Return the first day of the period holding each (checked) day number."""
        return _kernel.period_start(days, self.months)

    def end(self, days: Days) -> Days:
        """Return the last day of the period holding each (checked) day number."""
        return _kernel.period_end(days, self.months)

    def first_day(self, index: Days) -> Days:
        """Return the first day number of each period number (one gather from a table)."""
        return np.take(self.bounds[0], index)

    def last_day(self, index: Days) -> Days:
        """Return the last day number of each period number (one gather from a table)."""
        return np.take(self.bounds[1], index)

    @cached_property
    def bounds(self) -> tuple[Days, Days]:
        """The first and the last day of every period, by period number (read-only)."""
        every = np.arange(self.count, dtype=np.int64)
        first, last = self._first_of(every), self._last_of(every)
        first.flags.writeable = last.flags.writeable = False
        return first, last

    def _first_of(self, index: Days) -> Days:
        return _kernel.period_start_of(index, self.months)

    def _last_of(self, index: Days) -> Days:
        return _kernel.period_end_of(index, self.months)

    def year_and_number(self, index: Days) -> tuple[Days, Days]:
        """Return the Jalali year and the number within the year (1-based) of each period."""
        year = _kernel.FIRST_YEAR + np.floor_divide(index, self.per_year)
        return year, np.remainder(index, self.per_year) + 1

    @property
    def count(self) -> int:
        """Periods in the supported years (period numbers run 0 .. count - 1)."""
        return (_kernel.LAST_YEAR - _kernel.FIRST_YEAR + 1) * self.per_year

    @cached_property
    def all_labels(self) -> npt.NDArray[np.object_]:
        """The label of every period of the supported years, by period number (read-only)."""
        labels = self.label_run(0, self.count - 1)
        labels.flags.writeable = False
        return labels

    def label_run(self, first: int, last: int) -> npt.NDArray[np.object_]:
        """Return the labels of the periods ``first..last`` (a new array).

        Written as ASCII digits into a byte table, one column per character (years have
        four digits): several times faster than string operations, which matters on the
        first call of a session, before any label is cached.

        Examples
        --------
        >>> q = get_frequency("Q")
        >>> first, last = q.parse(["1399-Q4", "1400-Q1"])
        >>> q.label_run(first, last).tolist()
        ['1399-Q4', '1400-Q1']
        """
        year, number = self.year_and_number(np.arange(first, last + 1, dtype=np.int64))
        width = 0 if self.months == 12 else 2 if self.code in "MW" else 1
        prefix = np.frombuffer(self.prefix.encode("ascii") if width else b"", np.uint8)
        size = 4 + len(prefix) + width
        text = np.empty((year.size, size), np.uint8)
        for k in range(4):
            text[:, k] = year // 10 ** (3 - k) % 10 + ord("0")
        text[:, 4 : 4 + len(prefix)] = prefix
        for k in range(width):
            text[:, size - width + k] = number // 10 ** (width - 1 - k) % 10 + ord("0")
        labels: npt.NDArray[np.object_] = (
            text.view(f"S{size}").ravel().astype(f"U{size}").astype(object)
        )
        return labels

    def labels(self, index: Days) -> npt.NDArray[np.object_]:
        """Return the label of each period number (a new array).

        Examples
        --------
        >>> m = get_frequency("M")
        >>> m.labels(m.parse(["1399-12", "1400-01"])).tolist()
        ['1399-12', '1400-01']
        """
        return np.take(self.all_labels, np.asarray(index, dtype=np.int64))

    def parse(self, labels: object) -> Days:
        """Return the period number of each label, raising on a label of another frequency.

        Raises
        ------
        ParseError
            A label that is not one of this frequency (``"1400-13"``, ``"1400-Q3"`` for
            months), or a year outside the supported range, with its position.
        """
        text = pd.Series(np.atleast_1d(np.asarray(labels, dtype=object)), dtype=object)
        found = text.astype(str).str.strip().str.extract(f"^{self.label_pattern}$")
        year = pd.to_numeric(found[0], errors="coerce").to_numpy(dtype=np.float64)
        number = (
            pd.to_numeric(found[1], errors="coerce").to_numpy(dtype=np.float64)
            if self.months != 12
            else np.ones(year.size)
        )
        return self._checked_index(year, number, text.to_numpy())

    def parse_label(self, label: str) -> int:
        """Return the period number of one label (a fast path of :meth:`parse`).

        Examples
        --------
        >>> get_frequency("Q").parse_label("1200-Q2")
        1
        """
        return self.label_number(self.label_regex.fullmatch(label.strip()), label)

    def label_number(self, found: re.Match[str] | None, label: str) -> int:
        """Return the period number of a match of :attr:`label_regex` on ``label``.

        Raises the error :meth:`parse` gives ``label`` when there is no match or no such
        period (``"1400-13"``).
        """
        index = self._one(int(found.group(1)), int(found.group(2) or 1)) if found else None
        if index is None:
            self.parse([label])  # raises the message of any other label
            raise AssertionError  # pragma: no cover - parse raised
        return index

    def _one(self, year: int, number: int) -> int | None:
        """Return the period number of one (year, number), None if there is no such period."""
        if not (_kernel.FIRST_YEAR <= year <= _kernel.LAST_YEAR and 1 <= number <= self.per_year):
            return None
        return (year - _kernel.FIRST_YEAR) * self.per_year + number - 1

    def _checked_index(
        self, year: npt.NDArray[np.float64], number: npt.NDArray[np.float64], text: Any
    ) -> Days:
        """Return the period numbers of (year, number), raising on any outside the calendar."""
        first, last = _kernel.SUPPORTED_YEARS
        inside = (year >= first) & (year <= last)
        bad = ~inside | ~((number >= 1) & (number <= self._periods_in(year, inside)))
        if bad.any():
            position = int(np.argmax(bad))
            msg = (
                f"could not read {text[position]!r} {{where}} as a Jalali {self.name} "
                f"label like {self.example!r} (years {first}-{last})"
            )
            raise ParseError(msg, position=position)
        return self._index_of(year.astype(np.int64), number.astype(np.int64))

    def _periods_in(
        self, year: npt.NDArray[np.float64], inside: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.int64] | int:
        """Periods in each year (``inside`` marks the supported years)."""
        del year, inside
        return self.per_year

    def _index_of(self, year: Days, number: Days) -> Days:
        """Period number of the ``number``-th period (1-based) of each year."""
        index: Days = (year - _kernel.FIRST_YEAR) * self.per_year + number - 1
        return index

    @property
    def example(self) -> str:
        """A label of this frequency, for messages."""
        return {0: "1400-W05", 1: "1400-07", 3: "1400-Q3", 6: "1400-H1", 12: "1400"}[self.months]


@dataclass(frozen=True)
class _Weeks(Frequency):
    """Iranian weeks (Saturday to Friday), numbered within the Jalali year, cut at Nowruz."""

    @property
    def per_year(self) -> int:
        """Weeks are not a fixed number per year: refused (see :func:`_kernel.weeks_in_year`)."""
        msg = "weeks are 53 or 54 to a Jalali year, not a fixed number"
        raise FrequencyError(msg)

    @property
    def count(self) -> int:
        """Weeks in the supported years."""
        return _kernel.WEEK_COUNT

    def index(self, days: Days) -> Days:
        """Return the week number (from the first supported week) of each day number."""
        return _kernel.week_index(days)

    def start(self, days: Days) -> Days:
        """Return the first day of the week holding each day number."""
        return _kernel.week_start_of(_kernel.week_index(days))

    def end(self, days: Days) -> Days:
        """Return the last day of the week holding each day number."""
        return _kernel.week_end_of(_kernel.week_index(days))

    def _first_of(self, index: Days) -> Days:
        return _kernel.week_start_of(index)

    def _last_of(self, index: Days) -> Days:
        return _kernel.week_end_of(index)

    def year_and_number(self, index: Days) -> tuple[Days, Days]:
        """Return the Jalali year and the week of the year (1-based) of each week."""
        return _kernel.week_of_index(index)

    def _periods_in(
        self, year: npt.NDArray[np.float64], inside: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.int64]:
        known = np.where(inside, year, _kernel.FIRST_YEAR).astype(np.int64)
        return _kernel.weeks_in_year(known)

    def _one(self, year: int, number: int) -> int | None:
        if not _kernel.FIRST_YEAR <= year <= _kernel.LAST_YEAR:
            return None
        if not 1 <= number <= int(_kernel.weeks_in_year(np.array([year]))[0]):
            return None
        return int(self._index_of(np.array([year]), np.array([number]))[0])

    def _index_of(self, year: Days, number: Days) -> Days:
        first = _kernel.week_index(_kernel.nowruz(year))
        index: Days = first + number - 1
        return index


FREQUENCIES: Final[Mapping[str, Frequency]] = {
    "M": Frequency("M", "month", 1, "-"),
    "Q": Frequency("Q", "quarter", 3, "-Q"),
    "H": Frequency("H", "half-year", 6, "-H"),
    "Y": Frequency("Y", "year", 12, ""),
}
"""Every Jalali frequency of whole months, by code; the keys are
:data:`isipo_stats._typing.FreqCode`."""

WEEK: Final[Frequency] = _Weeks("W", "week", 0, "-W")
"""Iranian weeks, Saturday to Friday, numbered within the Jalali year (``"1400-W05"``)."""

PERIOD_FREQUENCIES: Final[Mapping[str, Frequency]] = {**FREQUENCIES, "W": WEEK}
"""Every Jalali frequency, weeks included; the keys are :data:`isipo_stats._typing.PeriodCode`."""


def get_frequency(freq: object, *, weeks: bool = False) -> Frequency:
    """Return the spec of a frequency code (or the spec itself), raising on anything else.

    Parameters
    ----------
    freq : str or Frequency
        A code: ``"M"``, ``"Q"``, ``"H"``, ``"Y"`` (and ``"W"`` with ``weeks``).
    weeks : bool
        Whether the caller takes weeks, which are not whole months.

    Raises
    ------
    FrequencyError
        ``freq`` is not one of the codes; the message lists them. It is a ``ValueError``
        (before 0.2 it was also an ``InputTypeError``, a ``TypeError``).

    Examples
    --------
    >>> get_frequency("Y").months
    12
    >>> get_frequency("W")
    Traceback (most recent call last):
    ...
    isipo_stats.errors.FrequencyError: freq must be one of M, Q, H, Y, got 'W'
    """
    codes = get_args(PeriodCode) if weeks else get_args(FreqCode)
    if isinstance(freq, Frequency) and freq.code in codes:
        return freq
    spec = PERIOD_FREQUENCIES.get(freq) if isinstance(freq, str) and freq in codes else None
    if spec is None:
        msg = f"freq must be one of {', '.join(codes)}, got {freq!r}"
        raise FrequencyError(msg)
    return spec
