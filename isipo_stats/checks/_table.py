"""The figure table as arrays: read once per call, shared by every check.

:func:`validated` is the one entry for a table: it accepts a table already in the validated
schema after a cheap test of the invariants the checks rely on, and validates anything else
in full (:func:`isipo_stats.validate_figures`). :class:`Table` holds the columns as numpy
arrays (dates as day numbers, NaN when missing) with what several checks share: the
intervals the figures state, the year-to-date points, key codes and pairs of figures.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, Final, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.amounts import QUALIFIERS
from isipo_stats.checks._tolerances import Tolerances
from isipo_stats.errors import InputTypeError
from isipo_stats.figures import COLUMNS, DERIVATIONS, KINDS, validate_figures

__all__ = [
    "ACTUAL_KINDS",
    "SERIES",
    "Table",
    "approx_spread",
    "combine",
    "interval_bounds",
    "join",
    "require_table",
    "validated",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
T = TypeVar("T")

ACTUAL_KINDS: Final = ("cumulative", "period")
SERIES: Final = ("metric", "region", "unit", "jyear")
"""A series: the figures of one metric, region and unit in one Jalali year."""

_TEXT: Final = ("id", "metric", "region", "kind", "unit", "qualifier", "stated", "source",
                "stated_dates", "note")  # fmt: skip
_REFERENCES: Final = ("part_of", "equivalent_of", "derived", "of", "base")
_DATES: Final = ("start", "end", "published", "published_from", "published_to")
_METRIC: Final = r"[a-z][a-z0-9_]*"
_STATED_DATES: Final = r"\s*(?:(?:start|end)=\d{4}-\d{2}-\d{2}\s*(?:;\s*|$))+"


def approx_spread(value: Floats, widest: float, floor: float) -> Floats:
    """Return the half-width of "about ``value``" (the stated precision, within limits).

    Half a unit of its last significant digit, widened to the relative margin ``floor``
    and narrowed to ``widest``.

    The value is read to 12 significant digits (so that 357000000.0 has three).

    Examples
    --------
    >>> approx_spread(np.array([20000.0, 357e6, 1160.0, 18.0, 0.0]), 0.10, 0.02).tolist()
    [2000.0, 7140000.0, 23.2, 0.5, 0.0]
    """
    size = np.abs(value)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        exponent = np.floor(np.log10(np.where(size > 0, size, 1.0)))
        digits = np.round(size / 10.0 ** (exponent - 11))
        zeros = np.zeros(size.shape)
        for k in range(1, 12):  # trailing zeros of the 12 digits: a fixed set of places
            zeros += (np.fmod(digits, 10.0**k) == 0) & (zeros == k - 1)
        half = 0.5 * 10.0 ** (exponent - 11 + zeros)
        relative = np.clip(half / np.where(size > 0, size, 1.0), floor, max(floor, widest))
        spread: Floats = np.where(np.isfinite(size), size * relative, np.nan)
    return spread


def interval_bounds(
    qualifier: npt.NDArray[Any],
    value: Floats,
    low: Floats,
    high: Floats,
    approx: float,
    floor: float = 0.0,
) -> tuple[Floats, Floats]:
    """Return the interval ``[lo, hi]`` each figure states (missing bounds are infinite).

    "About v" is ``v`` +- :func:`approx_spread` (``approx`` the widest margin, ``floor``
    the narrowest).
    """
    about = qualifier == "approx"
    spread = approx_spread(value, approx, floor)
    with np.errstate(over="ignore", invalid="ignore"):  # a huge tolerance: unbounded
        lo = np.where(about, value - spread, low)
        hi = np.where(about, value + spread, high)
    return np.where(np.isnan(lo), -np.inf, lo), np.where(np.isnan(hi), np.inf, hi)


def year_bounds(years: Floats) -> tuple[Floats, Floats]:
    """First and last day (day numbers) of each Jalali year; NaN for a missing year."""
    known = ~np.isnan(years)
    first, last = np.full(years.size, np.nan), np.full(years.size, np.nan)
    first[known], last[known] = _kernel.year_bounds(years[known].astype(np.int64))
    return first, last


def year_to_date(kind: npt.NDArray[Any], start: Floats, end: Floats, year_start: Floats) -> Bools:
    """Which figures are year-to-date points (see :func:`isipo_stats.checks.ytd_points`)."""
    actual = (kind == ACTUAL_KINDS[0]) | (kind == ACTUAL_KINDS[1])
    points: Bools = actual & (start == year_start) & ~np.isnan(end)
    return points


# --- the entry: a validated table, tested cheaply or validated in full -----------------------


def day_numbers(values: pd.Series) -> Floats:
    """Return a datetime64 column as day numbers, NaN when missing."""
    raw = values.to_numpy()
    out = raw.astype("datetime64[D]").astype(np.int64).astype(np.float64)
    out[np.isnat(raw)] = np.nan
    return out


def _texts(values: pd.Series, *, missing: bool) -> bool:
    kind = pd.api.types.infer_dtype(values, skipna=missing)
    return kind in ("string", "empty")


def _schema_holds(frame: pd.DataFrame) -> bool:
    """Tell whether the table has the columns and dtypes of a validated one, text as text."""
    if not set(COLUMNS) <= set(frame.columns) or frame.columns.duplicated().any():
        return False
    dtypes = frame.dtypes
    text = (dtypes[c] for c, dtype in COLUMNS.items() if dtype == "object")
    others = ((dtypes[c], dtype) for c, dtype in COLUMNS.items() if dtype != "object")
    # text may be held as str or string dtypes (as Dask holds it) as well as object
    if not all(pd.api.types.is_string_dtype(d) for d in text) or any(
        str(d) != dtype for d, dtype in others
    ):
        return False
    return all(_texts(frame[c], missing=False) for c in _TEXT) and all(
        _texts(frame[c], missing=True) for c in _REFERENCES
    )


def _vocabulary_holds(frame: pd.DataFrame) -> bool:
    ids = frame["id"]
    metrics = pd.Series(frame["metric"].unique(), dtype=object)
    return bool(
        ids.is_unique
        and not (ids == "").any()
        and metrics.str.fullmatch(_METRIC).all()
        and set(frame["kind"].unique()) <= set(KINDS)
        and set(frame["qualifier"].unique()) <= set(QUALIFIERS)
        and not ((frame["region"] == "").any() or (frame["unit"] == "").any())
        and not (frame["part_of"] == ids).any()
        and not (frame["equivalent_of"] == ids).any()
        and frame["derived"].dropna().isin(DERIVATIONS).all()
        and (frame["derived"].isna() == frame["of"].isna()).all()
        and (frame["derived"].isna() == frame["base"].isna()).all()
    )


def _amounts_hold(frame: pd.DataFrame) -> bool:
    """Finite values with the bounds their qualifier implies."""
    q = frame["qualifier"].to_numpy(dtype=object)
    value, low, high = (frame[c].to_numpy(dtype=np.float64) for c in ("value", "low", "high"))
    at_value_low = (q == "exact") | (q == "lower")
    at_value_high = (q == "exact") | (q == "upper")
    is_range = q == "range"
    implied_low = np.where(at_value_low, value, np.where(is_range, low, np.nan))
    implied_high = np.where(at_value_high, value, np.where(is_range, high, np.nan))
    return bool(
        np.isfinite(value).all()
        and np.array_equal(low, implied_low, equal_nan=True)
        and np.array_equal(high, implied_high, equal_nan=True)
        and not (is_range & ~((low <= value) & (value <= high))).any()
    )


def _dates_hold(frame: pd.DataFrame) -> bool:
    """Whole days within the supported years; spans and windows the right way round."""
    days = {}
    for column in _DATES:
        raw = frame[column].to_numpy()
        whole = raw.astype("datetime64[D]")
        known = ~np.isnat(raw)
        day = whole.astype(np.int64)
        if (whole[known] != raw[known]).any() or not _kernel.in_range(day[known]).all():
            return False
        days[column] = np.where(known, day.astype(np.float64), np.nan)
    year = frame["jyear"].to_numpy(dtype=np.float64, na_value=np.nan)
    first, last = _kernel.SUPPORTED_YEARS
    kind = frame["kind"].to_numpy(dtype=object)
    start, end = days["start"], days["end"]
    published, earliest, latest = (days[c] for c in _DATES[2:])
    known_year = ~np.isnan(year)
    nowruz = np.full(year.size, np.nan)
    in_years = known_year & (year >= first) & (year <= last)
    nowruz[in_years] = _kernel.nowruz(year[in_years].astype(np.int64))
    return not (
        (known_year & ~in_years).any()
        | (end < start).any()
        | (latest < earliest).any()
        | ((kind == "cumulative") & (np.isnan(start) | (known_year & (start != nowruz)))).any()
        | ((kind == "period") & (np.isnan(start) | np.isnan(end))).any()
        | ((kind == "target") & (np.isnan(start) != np.isnan(end))).any()
        | (~np.isnan(published) & ((earliest != published) | (latest != published))).any()
    )


def _stated_dates_hold(frame: pd.DataFrame) -> bool:
    stated = frame["stated_dates"]
    given = stated[stated != ""]
    return bool(given.str.fullmatch(_STATED_DATES).all())


def require_table(figures: object) -> pd.DataFrame:
    """Return ``figures`` if it is a DataFrame; raise :class:`InputTypeError` otherwise."""
    if not isinstance(figures, pd.DataFrame):
        msg = f"expected a figure table (DataFrame), got {type(figures).__name__}"
        raise InputTypeError(msg)
    return figures


def validated(figures: object) -> pd.DataFrame:
    """Return the figure table in the validated schema, indexed 0..n-1.

    A table with the columns and dtypes of :data:`isipo_stats.figures.COLUMNS` whose values
    keep the invariants the checks read (unique non-empty ids, the documented kinds and
    qualifiers, finite values with the bounds their qualifier implies, whole days within
    the supported years, spans and publication windows the right way round, well-formed
    ``stated_dates``) is used as it is; any other table is validated in full with
    :func:`isipo_stats.validate_figures`, which raises :class:`FigureValidationError` listing
    every bad row. A ``part_of`` or ``equivalent_of`` naming an id outside the table is
    accepted here: a table may be a part of a larger one (as a Dask partition is).

    Raises
    ------
    InputTypeError
        ``figures`` is not a DataFrame.
    FigureValidationError
        The table is not valid.
    """
    frame = require_table(figures).reset_index(drop=True)
    if (
        _schema_holds(frame)
        and _vocabulary_holds(frame)
        and _amounts_hold(frame)
        and _dates_hold(frame)
        and _stated_dates_hold(frame)
    ):
        return frame
    return validate_figures(frame)


# --- pairs of figures ------------------------------------------------------------------------


def join(key: Ints, left: Ints, right: Ints) -> tuple[Ints, Ints]:
    """All pairs ``(i, j)`` of ``left`` x ``right`` positions with ``key[i] == key[j] >= 0``.

    In the order of pandas' inner merge: by ``left``, then by ``right`` within one left row.

    Examples
    --------
    >>> i, j = join(np.array([0, 1, 0, -1]), np.array([0, 1, 2, 3]), np.array([2, 0, 3]))
    >>> i.tolist(), j.tolist()
    ([0, 0, 2, 2], [2, 0, 2, 0])
    """
    left_key, right_key = key[left], key[right]
    order = np.argsort(right_key, kind="stable")
    ordered = right_key[order]
    first = np.searchsorted(ordered, left_key, side="left")
    count = np.where(left_key >= 0, np.searchsorted(ordered, left_key, side="right") - first, 0)
    starts = np.cumsum(count) - count
    offset = np.arange(int(count.sum())) - np.repeat(starts, count)
    return np.repeat(left, count), right[order[np.repeat(first, count) + offset]]


def _dense(values: Ints) -> Ints:
    codes: Ints = np.unique(values, return_inverse=True)[1].astype(np.int64)
    return codes


def combine(*codes: Ints) -> Ints:
    """One code per distinct combination of the codes; -1 where one of them is negative.

    The codes are equal where the combinations are; they need not run from 0.

    Examples
    --------
    >>> combine(np.array([0, 0, 1, 0]), np.array([5, 5, 5, -1])).tolist()
    [1, 1, 2, -1]
    """
    key = np.zeros(codes[0].size, dtype=np.int64)
    for code in codes:
        missing = (key < 0) | (code < 0)
        key = _dense(key * (int(code.max(initial=0)) + 1) + code)
        key[missing] = -1
    return key


class Table:
    """A validated figure table as arrays, with what several checks share.

    Text columns are object arrays, dates day numbers (float, NaN when missing), ``jyear``
    float (NaN when missing). ``lo``/``hi`` are the intervals the figures state (see
    :func:`isipo_stats.checks.intervals`). ``tolerances`` and ``ratio_pairs`` are the
    settings of the call.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        tolerances: Tolerances,
        ratio_pairs: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.frame = frame
        self.n = len(frame)
        self.tolerances = tolerances
        self.ratio_pairs = ratio_pairs
        columns: dict[str, npt.NDArray[Any]] = {}
        for name in _TEXT + _REFERENCES:
            columns[name] = frame[name].to_numpy(dtype=object)
        for name in _DATES:
            columns[name] = day_numbers(frame[name])
        for name in ("value", "low", "high"):
            columns[name] = frame[name].to_numpy(dtype=np.float64)
        columns["jyear"] = frame["jyear"].to_numpy(dtype=np.float64, na_value=np.nan)
        columns["lo"], columns["hi"] = interval_bounds(
            columns["qualifier"], columns["value"], columns["low"], columns["high"],
            tolerances.approx_tolerance, tolerances.approx_floor,
        )  # fmt: skip
        self.columns = columns
        self._memo: dict[Callable[[Table], Any], Any] = {}
        self._codes: dict[tuple[str, bool], Ints] = {}
        self._keys: dict[tuple[tuple[str, ...], bool], Ints] = {}

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.columns[name]

    def shared(self, compute: Callable[[Table], T]) -> T:
        """``compute(self)``, computed once per table (for what several checks read)."""
        if compute not in self._memo:
            self._memo[compute] = compute(self)
        result: T = self._memo[compute]
        return result

    def where(self, mask: Bools) -> Ints:
        """Positions where ``mask`` holds."""
        return np.flatnonzero(mask).astype(np.int64)

    @cached_property
    def is_part(self) -> Bools:
        """Figures that are a component of another (``part_of`` set): a sub-population."""
        parts: Bools = ~pd.isna(self["part_of"])
        return parts

    @cached_property
    def year_bounds(self) -> tuple[Floats, Floats]:
        """First and last day of each figure's Jalali year (NaN without one)."""
        return year_bounds(self["jyear"])

    @cached_property
    def is_point(self) -> Bools:
        """Year-to-date points: actuals from 1 Farvardin to a known end, in a known year."""
        return year_to_date(self["kind"], self["start"], self["end"], self.year_bounds[0])

    def code(self, name: str, *, missing_matches: bool = False) -> Ints:
        """Integer codes of a column's values; -1 for a missing one unless it matches."""
        cached = self._codes.get((name, missing_matches))
        if cached is not None:
            return cached
        values = self[name]
        if values.dtype == object:
            codes = pd.factorize(values, use_na_sentinel=not missing_matches)[0].astype(np.int64)
        else:
            codes = _dense(np.where(np.isnan(values), np.inf, values))
            if not missing_matches:
                codes[np.isnan(values)] = -1
        self._codes[(name, missing_matches)] = codes
        return codes

    def key(self, names: tuple[str, ...], *extra: Ints, missing_matches: bool = False) -> Ints:
        """One code per distinct combination of the columns (and of ``extra`` codes).

        -1 where one of them is missing (a negative code), unless ``missing_matches``.
        """
        if not extra and (names, missing_matches) in self._keys:
            return self._keys[(names, missing_matches)]
        codes = [self.code(name, missing_matches=missing_matches) for name in names]
        key = combine(*codes, *extra)
        if not extra:
            self._keys[(names, missing_matches)] = key
        return key

    def pairs(self, key: Ints, left: Bools, right: Bools) -> tuple[Ints, Ints]:
        """Pairs (left, right) of distinct figures with the same ``key``."""
        i, j = join(key, self.where(left), self.where(right))
        distinct = i != j
        return i[distinct], j[distinct]
