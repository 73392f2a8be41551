"""Hypothesis strategies shared by the test modules.

Besides valid dates, these are the generators of hostile input: missing values of every
kind, every dtype a date column can come in (numpy units, time zones, Arrow, categorical,
objects, jdatetime), Series arguments whose indexes are shuffled or differ, and integers
at the edges of int64.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Final

import jdatetime
import numpy as np
import pandas as pd
from hypothesis import assume
from hypothesis import strategies as st

from isipo_stats import SUPPORTED_YEARS, _kernel

FIRST_DATE = dt.date(1821, 3, 21)
LAST_DATE = dt.date(2321, 3, 20)
# jdatetime follows the plain 33-year rule, this library's rule up to 1633 AP.
JDATETIME_LAST = dt.date(2255, 3, 20)

gregorian_dates = st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)
jalali_years = st.integers(SUPPORTED_YEARS[0], SUPPORTED_YEARS[1])


@st.composite
def jalali_dates(draw: st.DrawFn) -> tuple[int, int, int]:
    """A valid Jalali date; day 30 of Esfand only in leap years (checked by the caller's oracle)."""
    year = draw(jalali_years)
    month = draw(st.integers(1, 12))
    last = 31 if month <= 6 else 30 if month <= 11 else 29
    day = draw(st.integers(1, last))
    return year, month, day


# --- missing values -----------------------------------------------------------------------

MISSING: Final = (None, np.nan, pd.NA, pd.NaT)
missing_values = st.sampled_from(MISSING)
"""Every kind of missing value the library accepts."""


def with_missing(
    values: st.SearchStrategy[Any], *, min_size: int = 0, max_size: int = 8
) -> st.SearchStrategy[list[Any]]:
    """Lists of ``values`` in which any element may be a missing value of any kind."""
    return st.lists(st.one_of(values, missing_values), min_size=min_size, max_size=max_size)


def is_missing(value: object) -> bool:
    """Whether one value is a missing value (None, NaN, pd.NA, NaT)."""
    return value is None or value is pd.NA or value is pd.NaT or bool(pd.isna(value))  # type: ignore[call-overload]


# --- extreme integers ---------------------------------------------------------------------

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1
extreme_ints = st.one_of(
    st.integers(INT64_MIN, INT64_MAX),
    st.integers(-1000, 1000),
    st.sampled_from(
        [0, 1, -1, 2**31, 2**32 - 1, 2**32, -(2**32), 2**62, -(2**62), 10**17 + 1,
         INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1]
    ),
)  # fmt: skip
"""Integers anywhere in int64, weighted towards its edges and the 32-bit boundary."""


# --- dates in every dtype -----------------------------------------------------------------

day_numbers = st.integers(_kernel.FIRST_DAY, _kernel.LAST_DAY)
"""Days (since 1970-01-01) within the supported years."""

_NS_DAYS: Final = (-106_751, 106_750)  # what datetime64[ns] can hold (1677-09-22..2262-04-10)
_UTC_ONE_AM: Final = pd.Timedelta(hours=1)  # 04:25-05:30 in Tehran: the same day


def _base(days: Sequence[int | None]) -> np.ndarray:
    return np.array(
        [np.datetime64("NaT") if d is None else np.datetime64(d, "D") for d in days],
        dtype="datetime64[D]",
    )


def _objects(days: list[int | None], make: Callable[[int], Any], missing: object) -> list[Any]:
    return [missing if d is None else make(d) for d in days]


def _date(day: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=day)


def _jalali_object(day: int) -> jdatetime.date:
    year, month, dom = (int(a[0]) for a in _kernel.fields(np.array([day])))
    return jdatetime.date(year, month, dom)


def _aware_jalali_object(day: int) -> jdatetime.datetime:
    year, month, dom = (int(a[0]) for a in _kernel.fields(np.array([day])))
    return jdatetime.datetime(year, month, dom, 1, tzinfo=dt.UTC)


def _tehran(days: list[int | None], hours: float, zone: str) -> pd.Series:
    """Instants at ``hours`` o'clock in Tehran on each day, shown in ``zone``."""
    local = pd.DatetimeIndex(_base(days).astype("datetime64[us]")) + pd.Timedelta(hours=hours)
    aware = local.tz_localize(
        "Asia/Tehran", nonexistent="shift_forward", ambiguous=np.zeros(len(local), dtype=bool)
    )
    return pd.Series(aware.tz_convert(zone))


def _arrow(days: list[int | None], arrow_type: str, hours: float = 12) -> pd.Series:
    if arrow_type.startswith("date"):
        series = pd.Series(_base(days).astype("datetime64[s]"))
    else:
        series = _tehran(days, hours, "UTC")
        if "tz" not in arrow_type:
            series = series.dt.tz_convert("Asia/Tehran").dt.tz_localize(None)
    arrow: pd.Series = series.astype(f"{arrow_type}[pyarrow]")  # type: ignore[call-overload]
    return arrow


DATE_KINDS: Final[dict[str, Callable[[list[int | None], Any], object]]] = {
    "list of datetime.date": lambda d, m: _objects(d, _date, m),
    "list of ISO text": lambda d, m: _objects(d, lambda x: _date(x).isoformat(), m),
    "list of datetime64 of mixed units": lambda d, m: [
        m if x is None else np.datetime64(x, "D").astype("M8[s]" if i % 2 else "M8[D]")
        for i, x in enumerate(d)
    ],
    "numpy datetime64[D]": lambda d, m: _base(d),
    "numpy datetime64[s]": lambda d, m: _base(d).astype("datetime64[s]"),
    "numpy datetime64[ns]": lambda d, m: _base(d).astype("datetime64[ns]"),
    "Series datetime64[us]": lambda d, m: pd.Series(_base(d).astype("datetime64[us]")),
    "DatetimeIndex": lambda d, m: pd.DatetimeIndex(_base(d).astype("datetime64[us]")),
    "Series aware, UTC": lambda d, m: _tehran(d, 12, "UTC"),
    "Series aware, Tehran at 23:59": lambda d, m: _tehran(d, 23.99, "Asia/Tehran"),
    "Series aware, New York": lambda d, m: _tehran(d, 0.5, "America/New_York"),
    "Series object Timestamps": lambda d, m: pd.Series(
        _objects(d, lambda x: pd.Timestamp(_date(x)), m), dtype=object
    ),
    "Series of ISO text (string dtype)": lambda d, m: pd.Series(
        _objects(d, lambda x: _date(x).isoformat(), None), dtype="string"
    ),
    "Arrow date32": lambda d, m: _arrow(d, "date32"),
    "Arrow date64": lambda d, m: _arrow(d, "date64"),
    "Arrow timestamp[s]": lambda d, m: _arrow(d, "timestamp[s]"),
    "Arrow timestamp[ns]": lambda d, m: _arrow(d, "timestamp[ns]"),
    "Arrow timestamp[ms, tz=UTC]": lambda d, m: _arrow(d, "timestamp[ms, tz=UTC]"),
    "Arrow timestamp[us, tz=Asia/Tehran] at 00:00": lambda d, m: _arrow(
        d, "timestamp[us, tz=Asia/Tehran]", hours=0
    ),
    "categorical datetime64": lambda d, m: pd.Series(_base(d)).astype("category"),
    "categorical text": lambda d, m: pd.Series(
        _objects(d, lambda x: _date(x).isoformat(), None), dtype="category"
    ),
    "list of jdatetime.date": lambda d, m: _objects(d, _jalali_object, m),
    "list of aware jdatetime.datetime": lambda d, m: _objects(d, _aware_jalali_object, m),
}
"""Every dtype a date argument can come in: ``kind(days, missing_value)`` builds it.

``days`` holds day numbers (None where missing); ``missing_value`` is the missing value
used by the kinds that hold Python objects.
"""

_LIMITED: Final = {
    "numpy datetime64[ns]": _NS_DAYS,
    "Arrow timestamp[ns]": _NS_DAYS,
    "list of jdatetime.date": (_kernel.FIRST_DAY, (JDATETIME_LAST - dt.date(1970, 1, 1)).days),
    "list of aware jdatetime.datetime": (
        _kernel.FIRST_DAY,
        (JDATETIME_LAST - dt.date(1970, 1, 1)).days,
    ),
}


@st.composite
def dates_in_any_dtype(
    draw: st.DrawFn, *, min_size: int = 0, max_size: int = 8
) -> tuple[str, object, list[int | None]]:
    """Dates in one of :data:`DATE_KINDS`, with their day numbers (None where missing).

    Returns ``(kind, dates, days)``.
    """
    kind = draw(st.sampled_from(sorted(DATE_KINDS)))
    days = draw(st.lists(st.one_of(day_numbers, st.none()), min_size=min_size, max_size=max_size))
    low, high = _LIMITED.get(kind, (_kernel.FIRST_DAY, _kernel.LAST_DAY))
    assume(all(d is None or low <= d <= high for d in days))
    missing = draw(missing_values)
    return kind, DATE_KINDS[kind](days, missing), days


def reference_dates(days: Sequence[int | None]) -> np.ndarray:
    """The plain ``datetime64[D]`` array of day numbers (NaT where None)."""
    return _base(days)


# --- Series arguments matched by index ----------------------------------------------------

index_labels = st.one_of(
    st.integers(-5, 40), st.text(alphabet="abcxyz", min_size=1, max_size=2)
)  # fmt: skip


@st.composite
def unique_labels(draw: st.DrawFn, size: int) -> pd.Index:
    """An index of ``size`` distinct labels (integers and text mixed)."""
    labels = draw(st.lists(index_labels, min_size=size, max_size=size, unique=True))
    out: pd.Index = pd.Index(labels, dtype=object)
    return out


@st.composite
def shuffled(draw: st.DrawFn, index: pd.Index) -> np.ndarray:
    """A permutation of ``range(len(index))`` (the order another Series holds the labels)."""
    return np.array(draw(st.permutations(range(len(index)))), dtype=np.intp)


@st.composite
def other_labels(draw: st.DrawFn, index: pd.Index) -> pd.Index:
    """An index of the same length whose labels differ from ``index``'s by at least one."""
    assume(len(index) > 0)
    stranger = draw(index_labels.filter(lambda label: label not in set(index)))
    labels = list(index)
    labels[draw(st.integers(0, len(labels) - 1))] = stranger
    out: pd.Index = pd.Index(labels, dtype=object)
    return out
