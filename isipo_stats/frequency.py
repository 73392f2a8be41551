"""Jalali frequencies: one spec answers every question about M, Q, H and Y.

A :class:`Frequency` is a run of whole Jalali months aligned on Nowruz: a month (``"M"``),
a quarter (``"Q"``, 3 months: spring = Farvardin-Khordad), a half-year (``"H"``, 6 months:
186 days, then 179 or 180) or a year (``"Y"``). It knows how many months a period holds,
how its periods are labelled (``"1400-07"``, ``"1400-Q3"``, ``"1400-H1"``, ``"1400"``), how
to read such labels back, and the one message for a frequency that does not exist. Every
``freq=`` argument of the package is resolved by :func:`get_frequency`.

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
from dataclasses import dataclass
from typing import Final, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._typing import FreqCode
from isipo_stats.errors import FrequencyError, ParseError

__all__ = ["FREQUENCIES", "Frequency", "get_frequency"]

Days = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Frequency:
    """A Jalali period of ``months`` whole months, aligned on Nowruz.

    Attributes
    ----------
    code : str
        ``"M"``, ``"Q"``, ``"H"`` or ``"Y"``.
    name : str
        ``"month"``, ``"quarter"``, ``"half-year"`` or ``"year"`` (used in messages).
    months : int
        Months per period (1, 3, 6, 12).
    prefix : str
        What stands between the year and the period number in a label (``"-"``, ``"-Q"``,
        ``"-H"``); the year label has no period number.
    """

    code: str
    name: str
    months: int
    prefix: str

    @property
    def per_year(self) -> int:
        """Periods in a Jalali year."""
        return 12 // self.months

    @property
    def label_pattern(self) -> str:
        """A regular expression that matches one label (year and number as groups)."""
        if self.months == 12:
            return r"(\d{4})()"
        digits = r"\d{2}" if self.code == "M" else r"\d"
        return rf"(\d{{4}}){re.escape(self.prefix)}({digits})"

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
        """Return the first day number of each period number."""
        return _kernel.period_start_of(index, self.months)

    def last_day(self, index: Days) -> Days:
        """Return the last day number of each period number."""
        return _kernel.period_end_of(np.asarray(index), self.months)

    def year_and_number(self, index: Days) -> tuple[Days, Days]:
        """Return the Jalali year and the number within the year (1-based) of each period."""
        year = _kernel.FIRST_YEAR + np.floor_divide(index, self.per_year)
        return year, np.remainder(index, self.per_year) + 1

    def labels(self, index: Days) -> npt.NDArray[np.object_]:
        """Return the label of each period number (each distinct period is labelled once).

        Examples
        --------
        >>> m = get_frequency("M")
        >>> m.labels(m.parse(["1399-12", "1400-01"])).tolist()
        ['1399-12', '1400-01']
        """
        distinct, where = np.unique(np.asarray(index, dtype=np.int64), return_inverse=True)
        year, number = self.year_and_number(distinct)
        text = pd.Index(year).astype(str)
        if self.months != 12:
            width = 2 if self.code == "M" else 1
            text = text + self.prefix + pd.Index(number).astype(str).str.zfill(width)
        labels: npt.NDArray[np.object_] = text.to_numpy(dtype=object)[where.reshape(-1)]
        return labels

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
        first, last = _kernel.SUPPORTED_YEARS
        bad = ~((year >= first) & (year <= last)) | ~((number >= 1) & (number <= self.per_year))
        if bad.any():
            position = int(np.argmax(bad))
            msg = (
                f"could not read {text.iloc[position]!r} {{where}} as a Jalali {self.name} "
                f"label like {self.example!r} (years {first}-{last})"
            )
            raise ParseError(msg, position=position)
        index: Days = (year.astype(np.int64) - first) * self.per_year + number.astype(np.int64) - 1
        return index

    @property
    def example(self) -> str:
        """A label of this frequency, for messages."""
        return {1: "1400-07", 3: "1400-Q3", 6: "1400-H1", 12: "1400"}[self.months]


FREQUENCIES: Final[Mapping[str, Frequency]] = {
    "M": Frequency("M", "month", 1, "-"),
    "Q": Frequency("Q", "quarter", 3, "-Q"),
    "H": Frequency("H", "half-year", 6, "-H"),
    "Y": Frequency("Y", "year", 12, ""),
}
"""Every Jalali frequency, by code; the keys are :data:`isipo_stats._typing.FreqCode`."""


def get_frequency(freq: object) -> Frequency:
    """Return the spec of a frequency code (or the spec itself), raising on anything else.

    Raises
    ------
    FrequencyError
        ``freq`` is not one of the codes; the message lists them. It is a ``ValueError``
        and, for scripts written against 0.1, an ``InputTypeError``.

    Examples
    --------
    >>> get_frequency("Y").months
    12
    >>> get_frequency("W")
    Traceback (most recent call last):
    ...
    isipo_stats.errors.FrequencyError: freq must be one of M, Q, H, Y, got 'W'
    """
    if isinstance(freq, Frequency):
        return freq
    spec = FREQUENCIES.get(freq) if isinstance(freq, str) else None
    if spec is None:
        msg = f"freq must be one of {', '.join(get_args(FreqCode))}, got {freq!r}"
        raise FrequencyError(msg)
    return spec
