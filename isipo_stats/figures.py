"""Reported figures as data: the figure table, its schema and its validation.

A figure is one number a report states: "819 idle units revived in the first seven months of
1399" is a year-to-date (``cumulative``) figure over a Jalali span, published on some day by
some outlet, with a unit and a qualifier. The figure table holds one row per figure.

Schema
------
=================  ===============  =========================================================
column             dtype            meaning
=================  ===============  =========================================================
``id``             str              unique, non-empty
``metric``         str              snake_case; core vocabulary in :data:`CORE_METRICS`
``region``         str              default ``"Iran"``
``kind``           str              ``cumulative`` (1 Farvardin to an as-of date), ``period``
                                    (a flow over a span), ``target`` (a plan for a span),
                                    ``level`` (a stock or share at a point in time)
``jyear``          Int64            the Jalali year (missing for multi-year figures)
``start``, ``end`` datetime64[us]   the span, both ends inclusive; ``end`` may be missing for
                                    a cumulative figure whose as-of date is unknown
``value``          float64          in base units (rial, usd, percent points, counts)
``unit``           str              ``units``, ``jobs``, ``rial``, ``usd``, ``percent``, ...
``qualifier``      str              ``exact``, ``approx``, ``lower``, ``upper``, ``range``
``low``, ``high``  float64          bounds the statement implies (both for exact and range,
                                    one for a bound, none for approx)
``stated``         str              the quantity as written ("over 39,000"), may be empty
``published``      datetime64[us]   the report's date, NaT when unknown
``published_from`` datetime64[us]   earliest possible publication date (= published if known)
``published_to``   datetime64[us]   latest possible publication date
``source``         str              outlet, date and a short reference
``stated_dates``   str              Gregorian dates the text gives for the span's boundaries,
                                    as stated: ``"start=2020-03-20; end=2021-03-19"``
``part_of``        str or None      id of the total this figure is a component of
``equivalent_of``  str or None      id of the same amount in another unit
``derived``        str or None      a derived statement: ``share``, ``growth``, ``fold`` or
                                    ``ratio`` (see below); None for a plain figure
``of``             str or None      id of the figure a derived statement is computed from
                                    (the part, this year's amount, the numerator)
``base``           str or None      id of the figure it is computed against (the whole or
                                    the target, last year's amount, the denominator)
``note``           str              free text
=================  ===============  =========================================================

Derived statements
------------------
Reports state numbers computed from other figures: "23 percent of the year's target
realized", "22 percent of the units are idle", "up 16.77 percent on last year", "a
three-fold rise", "18 jobs per revived unit". Each is a row of its own whose ``value`` is
the number as stated, with ``derived`` saying how it is computed from the figures ``of``
and ``base`` (ids in the same table; the figures themselves are ordinary rows):

==========  ===============================  ==========================================
derived     value                            unit (the usual one)
==========  ===============================  ==========================================
``share``   ``100 * of / base``              ``percent``
``growth``  ``100 * (of / base - 1)``        ``percent``
``fold``    ``of / base``                    ``times``
``ratio``   ``of / base``                    e.g. ``jobs per unit``
==========  ===============================  ==========================================

:func:`isipo_stats.check` recomputes each one (``derived_mismatch``). A derived row is no
flow: :func:`isipo_stats.reconcile` does not put it on a path.

Other input columns are kept, after these. Header names are read without surrounding
spaces (``" value "`` is ``value``). The columns ``id``, ``metric`` and ``kind`` are
required, and ``value`` or ``stated`` (a table without them is refused, even with no rows).

Dates may be given as Jalali text (a year below 1800: ``"1399-07-30"``, ``"1399-07"``,
``"1399"``, ``"30 Mehr 1399"``, ``"Mehr 1399"``, ``"مهر ۱۳۹۹"``; a month or year as
``start`` means its first day and as ``end`` its last day) or as Gregorian dates within
the supported range (``"2020-10-21"``; a timestamp with a UTC offset, or a time-zone aware
one, is read as the day it is in Tehran). Numbers (``value``, ``low``, ``high``,
``jyear``) may use Persian or Arabic-Indic digits; commas must group thousands by three.

Validation reads each distinct cell text once, so a table with bad cells costs about what
a clean one does; every bad cell is reported once, with its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import lone_surrogates
from isipo_stats._dates import TEHRAN
from isipo_stats.amounts import QUALIFIERS, read_amounts, read_numbers
from isipo_stats.calendar import SUPPORTED_YEARS, jalali_year, year_bounds
from isipo_stats.errors import FigureValidationError, InputTypeError, IsipoError, ParseError
from isipo_stats.text import JALALI_BELOW, jalali_fields, normalize_digits

__all__ = [
    "COLUMNS",
    "CORE_METRICS",
    "DERIVATIONS",
    "KINDS",
    "REQUIRED",
    "Derivation",
    "Kind",
    "figures_from_records",
    "load_isipo_reports",
    "read_figures",
    "validate_figures",
]

Kind = Literal["cumulative", "period", "target", "level"]
KINDS: Final[tuple[str, ...]] = get_args(Kind)

Derivation = Literal["share", "growth", "fold", "ratio"]
DERIVATIONS: Final[tuple[str, ...]] = get_args(Derivation)
"""How a derived statement is computed from its figures ``of`` and ``base``."""

CORE_METRICS: Final[dict[str, str]] = {
    "revived_units": "idle units returned to production",
    "renovated_units": "units upgraded (renovated), not the same as revived",
    "new_units": "units established that started operating",
    "units_put_into_operation": "units 'put into operation' (a report's own wording)",
    "jobs_created": "jobs created by revived units",
    "new_unit_jobs": "jobs in newly established units (kept apart from jobs_created)",
    "investment": "money invested",
    "credit": "money allocated or lent",
    "idle_share": "share of units idle or semi-active, a level",
    "infrastructure_projects": "infrastructure projects in industrial parks",
    "industrial_parks": "industrial parks and zones (licensed, established)",
    "projects_inaugurated": "projects inaugurated",
}
"""The documented core metric vocabulary; other snake_case names are accepted."""

COLUMNS: Final[dict[str, str]] = {
    "id": "object",
    "metric": "object",
    "region": "object",
    "kind": "object",
    "jyear": "Int64",
    "start": "datetime64[us]",
    "end": "datetime64[us]",
    "value": "float64",
    "unit": "object",
    "qualifier": "object",
    "low": "float64",
    "high": "float64",
    "stated": "object",
    "published": "datetime64[us]",
    "published_from": "datetime64[us]",
    "published_to": "datetime64[us]",
    "source": "object",
    "stated_dates": "object",
    "part_of": "object",
    "equivalent_of": "object",
    "derived": "object",
    "of": "object",
    "base": "object",
    "note": "object",
}
"""Column names and dtypes of a validated figure table, in order."""

REQUIRED: Final[tuple[str, ...]] = ("id", "metric", "kind")
"""Columns every figure table must have (and ``value`` or ``stated``)."""

_METRIC_NAME: Final = r"^[a-z][a-z0-9_]*$"
_STATED_DATE: Final = re.compile(r"^(start|end)=(\d{4}-\d{2}-\d{2})$")
_TEXT_COLUMNS: Final = ("source", "stated", "stated_dates", "note")
_REFERENCES: Final = ("part_of", "equivalent_of", "of", "base")
_OFFSET: Final = r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$"
_ENDS: Final = ("value", "low", "high")
_TABLE: Final = -1  # the row of a problem with the whole table (a missing column)

Side = Literal["start", "end"]


# --- problems -----------------------------------------------------------------------------


class _Problems:
    """Collects (row, column, reason) for every bad cell; raises them all at the end.

    A cell is reported once (its first reason); a column missing from the table is
    reported once, not once per row: a required column as "required column is missing",
    any other as "column is missing; " and the rows that needed it, by reason.
    """

    def __init__(self, n: int, given: Iterable[object] = ()) -> None:
        self.n = n
        self.given = frozenset(str(name) for name in given)
        self.chunks: list[tuple[npt.NDArray[np.intp], str, npt.NDArray[np.object_]]] = []

    def flagged(self, *columns: str) -> npt.NDArray[np.bool_]:
        """Return the rows with a problem reported so far in any of ``columns``."""
        mask = np.zeros(self.n, dtype=bool)
        for rows, column, _ in self.chunks:
            if column in columns and rows[0] != _TABLE:
                mask[rows] = True
        return mask

    def add(
        self,
        mask: npt.ArrayLike,
        column: str,
        reason: str | npt.NDArray[np.object_],
        *values: npt.ArrayLike,
    ) -> None:
        """Report the rows where ``mask`` is true.

        ``reason`` is one text per row (an array), or a template such as
        ``"duplicate id {0!r}"`` filled with each bad row's ``values`` (and only theirs).
        """
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        if rows.size == 0:
            return
        if isinstance(reason, np.ndarray):
            texts = reason[rows]
        elif values:
            columns = [np.asarray(v, dtype=object)[rows] for v in values]
            cells = zip(*columns, strict=True)
            texts = np.array([reason.format(*map(_plain, row)) for row in cells], dtype=object)
        else:
            texts = np.full(rows.size, reason, dtype=object)
        self.chunks.append((rows, column, texts.astype(object)))

    def add_table(self, column: str, reason: str) -> None:
        """Report a problem of the whole table (no row), such as a missing column."""
        self.chunks.append((np.array([_TABLE]), column, np.array([reason], dtype=object)))

    def raise_if_any(self) -> None:
        if not self.chunks:
            return
        found = pd.DataFrame(
            {
                "row": np.concatenate([rows for rows, _, _ in self.chunks]),
                "column": np.concatenate([[c] * rows.size for rows, c, _ in self.chunks]),
                "reason": np.concatenate([texts for _, _, texts in self.chunks]),
            }
        )
        missing = found.loc[found["row"] == _TABLE, "column"]
        found = found[(found["row"] == _TABLE) | ~found["column"].isin(missing)]
        found = found.sort_values("row", kind="stable").drop_duplicates(["row", "column"])
        found = _absent_columns_once(found, self.given)
        raise FigureValidationError(
            [
                (None if row == _TABLE else int(row), str(column), str(reason))
                for row, column, reason in found.itertuples(index=False)
            ]
        )


def _absent_columns_once(found: pd.DataFrame, given: frozenset[str]) -> pd.DataFrame:
    """Say the cells of a column the table does not have once, as one missing column.

    Every cell of an absent column is empty, so each row's problem there is the missing
    column: one line names the column and, by reason, the rows that needed it.
    """
    absent = (found["row"] != _TABLE) & ~found["column"].isin(given)
    if not absent.any():
        return found
    cells = found[absent]
    # a loop over the few (column, reason) pairs found, not over rows
    by_reason = cells.groupby(["column", "reason"], sort=False)["row"].agg(_row_list)
    texts = by_reason + ": " + by_reason.index.get_level_values("reason")
    lines = [
        (_TABLE, column, "column is missing; " + "; ".join(text))
        for column, text in texts.groupby(level="column", sort=False)
    ]
    said = pd.DataFrame(lines, columns=["row", "column", "reason"])
    return pd.concat([said, found[~absent]], ignore_index=True).sort_values("row", kind="stable")


def _row_list(rows: pd.Series) -> str:
    """Name rows as "row 3" or "rows 0, 1, 2, 3, 4 and 35 more"."""
    shown = ", ".join(str(int(row)) for row in rows.iloc[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return ("row " if len(rows) == 1 else "rows ") + shown + more


def _plain(value: object) -> object:
    """Return a numpy scalar as the Python value it holds (so that repr shows 800.0)."""
    return value.item() if isinstance(value, np.generic) else value


def _shown(texts: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    return np.array([repr(_plain(text)) for text in texts], dtype=object)


# --- the input, one distinct text at a time -----------------------------------------------


@dataclass(frozen=True)
class _Column:
    """A column as its distinct stripped texts; ``codes[i]`` is row i's text (-1: empty)."""

    name: str
    codes: npt.NDArray[np.intp]
    texts: npt.NDArray[np.object_]
    given: bool = field(default=True, kw_only=True)

    @property
    def present(self) -> npt.NDArray[np.bool_]:
        """Rows with a non-empty cell."""
        return self.codes >= 0

    def rows(self, per_text: npt.ArrayLike, empty: object) -> npt.NDArray[Any]:
        """Spread one value per distinct text to the rows; ``empty`` for empty cells."""
        return np.append(np.asarray(per_text), np.asarray([empty]))[self.codes]

    def marks(self, per_text: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """Spread one flag per distinct text to the rows; false for empty cells."""
        return np.append(np.asarray(per_text, dtype=bool), False)[self.codes]

    def text(self) -> npt.NDArray[np.object_]:
        """Each row's stripped text, "" for an empty or missing cell."""
        return self.rows(self.texts.astype(object), "").astype(object)


def _distinct(values: pd.Series, name: str) -> _Column:
    if pd.api.types.is_string_dtype(values) and not pd.api.types.is_object_dtype(values):
        # text already: strip every cell (vectorized), then "" is an empty cell too
        codes, found = pd.factorize(values.str.strip(), use_na_sentinel=True)
        texts = np.asarray(found, dtype=object)
        empty = texts == ""
        if empty.any():
            renumber = np.cumsum(~empty) - 1
            codes = np.where(codes >= 0, np.append(np.where(empty, -1, renumber), -1)[codes], -1)
            texts = texts[~empty]
        return _Column(name, codes.astype(np.intp), texts)
    # anything else: each distinct value once, as text
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype("string").str.strip()
    inner, texts = pd.factorize(np.asarray(text.astype(object).where(text.notna() & (text != ""))))
    codes = np.where(codes >= 0, np.append(inner, -1)[codes], -1).astype(np.intp)
    return _Column(name, codes, np.asarray(texts, dtype=object))


class _Input:
    """The input table, each column read once into a :class:`_Column`."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.n = len(frame)
        self._columns: dict[str, _Column] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.frame.columns

    def numbers(self, name: str) -> npt.NDArray[np.float64] | None:
        """Return the column as floats if it holds numbers already (not text), else None."""
        if name not in self:
            return None
        values = self.frame[name]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            return values.to_numpy(dtype=float, na_value=np.nan)
        return None

    def dates(self, name: str) -> npt.NDArray[np.datetime64] | None:
        """Return the column as naive ``datetime64[us]`` if it holds timestamps, else None.

        Time-zone aware timestamps are taken as the time they show in Tehran.
        """
        if name not in self or not pd.api.types.is_datetime64_any_dtype(self.frame[name]):
            return None
        values = self.frame[name]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_convert(TEHRAN).dt.tz_localize(None)
        return values.to_numpy().astype("datetime64[us]")

    def __getitem__(self, name: str) -> _Column:
        if name not in self._columns:
            if name in self:
                self._columns[name] = _distinct(self.frame[name], name)
            else:
                empty = np.full(self.n, -1, dtype=np.intp)
                self._columns[name] = _Column(name, empty, np.array([], dtype=object), given=False)
        return self._columns[name]


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with a RangeIndex and header names stripped; refuse a name twice."""
    frame = frame.reset_index(drop=True)
    names = [c.strip() if isinstance(c, str) else c for c in frame.columns]
    twice = pd.Index(names).duplicated(keep=False)
    if twice.any():
        problems: list[tuple[object, str, str]] = []
        for name in dict.fromkeys(n for n, t in zip(names, twice, strict=True) if t):
            given = [repr(c) for c, n in zip(frame.columns, names, strict=True) if n == name]
            problems.append((None, str(name), f"column given more than once ({', '.join(given)})"))
        raise FigureValidationError(problems)
    frame.columns = pd.Index(names)
    return frame


def _check_unicode(frame: pd.DataFrame, problems: _Problems) -> None:
    """Report text that is not valid Unicode: nothing below can read it."""
    for column in frame.columns:
        values = frame[column]
        if not pd.api.types.is_object_dtype(values):
            continue
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        bad = lone_surrogates(uniques)
        if bad.any():
            rows = np.append(bad, False)[codes]
            problems.add(rows, str(column), "not valid Unicode text: {0!r}", values)
    problems.raise_if_any()


def _check_required(table: _Input, problems: _Problems) -> None:
    for column in REQUIRED:
        if column not in table:
            problems.add_table(column, "required column is missing")
    if "value" not in table and "stated" not in table:
        problems.add_table("value", "required column is missing (or give 'stated')")


# --- validation ---------------------------------------------------------------------------


def validate_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a figure table and return it in the documented schema.

    Missing values are filled where the statement implies them: ``region`` "Iran";
    ``qualifier`` "exact"; ``value``, ``unit``, ``qualifier``, ``low``, ``high`` from
    ``stated``; ``start`` of a cumulative figure from ``jyear`` (1 Farvardin); ``start``
    and ``end`` of a period or target with only ``jyear`` (the whole year); ``jyear`` from
    ``start``; ``published_from``/``published_to`` from ``published``.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per figure, with at least ``id``, ``metric``, ``kind`` and either
        ``value`` and ``unit`` or ``stated``.

    Returns
    -------
    pandas.DataFrame
        A new frame with the columns of :data:`COLUMNS` (in order) and any extra columns.

    Raises
    ------
    FigureValidationError
        Listing every bad cell with its row, column and reason (rows counted from 0; the
        row is None for a problem of the whole table, such as a missing column).
    InputTypeError
        ``frame`` is not a DataFrame.

    Examples
    --------
    >>> table = validate_figures(pd.DataFrame({
    ...     "id": ["a"], "metric": ["revived_units"], "kind": ["cumulative"],
    ...     "end": ["1399-07-30"], "stated": ["819"], "unit": ["units"]}))
    >>> table[["jyear", "start", "end", "value", "qualifier"]]
       jyear      start        end  value qualifier
    0   1399 2020-03-20 2020-10-21  819.0     exact
    """
    if not isinstance(frame, pd.DataFrame):
        msg = f"expected a pandas DataFrame of figures, got {type(frame).__name__}"
        raise InputTypeError(msg)
    frame = _prepared(frame)
    problems = _Problems(len(frame), frame.columns)
    _check_unicode(frame, problems)
    table = _Input(frame)
    _check_required(table, problems)
    out = pd.DataFrame(index=frame.index)
    _fill_identity(table, out, problems)
    _fill_amounts(table, out, problems)
    _fill_spans(table, out, problems)
    _fill_publication(table, out, problems)
    _fill_text(table, out, problems)
    problems.raise_if_any()
    out = out[list(COLUMNS)].astype(COLUMNS)
    for column in frame.columns:
        if column not in COLUMNS:
            out[column] = frame[column].to_numpy()
    return out


def _fill_identity(table: _Input, out: pd.DataFrame, problems: _Problems) -> None:
    """Fill ``id``, ``metric``, ``region`` and ``kind``; report empty, duplicate, unknown."""
    ids = table["id"]
    out["id"] = ids.text()
    problems.add(~ids.present & ids.given, "id", "empty id")
    counts = np.bincount(ids.codes[ids.present], minlength=len(ids.texts))
    duplicated = ids.present & ids.marks(counts > 1)
    problems.add(duplicated, "id", "duplicate id {0!r}", out["id"])

    metric = table["metric"]
    out["metric"] = metric.text()
    snake = pd.Series(metric.texts, dtype=object).str.match(_METRIC_NAME).to_numpy(dtype=bool)
    bad = ~metric.marks(snake) & metric.given
    problems.add(bad, "metric", "metric must be snake_case, got {0!r}", out["metric"])
    region = table["region"]
    out["region"] = region.rows(region.texts, "Iran").astype(object)

    kind = table["kind"]
    lower = np.array([text.lower() for text in kind.texts], dtype=object)
    out["kind"] = kind.rows(lower, "").astype(object)
    known = np.isin(lower, KINDS)
    reason = f"kind must be one of {', '.join(KINDS)}, got {{0!r}}"
    problems.add(~kind.marks(known) & kind.given, "kind", reason, out["kind"])


# --- amounts ------------------------------------------------------------------------------


def _numbers(table: _Input, name: str, problems: _Problems) -> npt.NDArray[np.float64]:
    """Read a number column (NaN where empty); report cells that are not numbers."""
    numbers = table.numbers(name)
    if numbers is not None:  # numbers already: only infinity is refused
        infinite = np.isinf(numbers)
        problems.add(infinite, name, "not a finite number: {0!r}", numbers)
        return np.where(infinite, np.nan, numbers)
    column = table[name]
    if not len(column.texts):
        return np.full(table.n, np.nan)
    numbers, reasons = read_numbers(pd.Series(column.texts, dtype=object))
    problems.add(column.marks(~pd.isna(reasons)), name, column.rows(reasons, None))
    return column.rows(numbers, np.nan).astype(float)


def _stated(table: _Input) -> tuple[pd.DataFrame, npt.NDArray[np.object_]]:
    """Read ``stated`` (a row of missing values where empty or unreadable).

    Returns the amounts and, per row, why its ``stated`` was not read ("" where it was).
    """
    stated = table["stated"]
    found, reasons = read_amounts(pd.Series(stated.texts, dtype=object))
    bad = ~pd.isna(reasons)
    why = np.full(len(reasons), "", dtype=object)
    why[bad] = [
        f"not an amount: {t!r}" + (f" ({r})" if r else "")
        for t, r in zip(stated.texts[bad], reasons[bad], strict=True)
    ]
    rows = pd.DataFrame(
        {name: stated.rows(found[name].to_numpy(dtype=float), np.nan) for name in _ENDS},
    )
    for name in ("unit", "qualifier"):
        rows[name] = stated.rows(found[name].fillna("").to_numpy(dtype=object), "")
    rows["text"] = stated.text()
    return rows, stated.rows(why, "").astype(object)


def _fill_amounts(table: _Input, out: pd.DataFrame, problems: _Problems) -> None:
    """Fill ``value``, ``unit``, ``qualifier``, ``low`` and ``high``; report contradictions.

    An unreadable ``stated`` is reported once, on ``stated`` (nothing else of its row is
    reported as missing because of it); on a row that gives ``value``, ``unit`` and
    ``qualifier`` itself it is kept as provenance, not an error (:func:`isipo_stats.check`
    notes it as ``stated_unread``).
    """
    stated, why = _stated(table)
    unread = why != ""
    qualifiers = table["qualifier"]
    known = qualifiers.marks(np.isin([text.lower() for text in qualifiers.texts], QUALIFIERS))
    explicit = (  # a row that says everything itself (a bad qualifier does not)
        (table["value"].present | ~np.isnan(_given_numbers(table, "value")))
        & table["unit"].present
        & known
    )
    problems.add(unread & ~explicit, "stated", why)
    value, unstated = _value(table, stated, problems)
    out["unit"] = _unit(table, stated, unread, problems)
    qualifier = _qualifier(table, stated, problems)
    out["qualifier"] = qualifier
    value, low, high = _bounds(table, stated, value, qualifier, problems)
    # a range given by its bounds alone has its midpoint as value
    missing = unstated & np.isnan(value) & ~problems.flagged("low", "high")
    problems.add(missing, "value", "no value and no stated amount")
    out["value"] = value
    out["low"] = low
    out["high"] = high


def _given_numbers(table: _Input, name: str) -> npt.NDArray[np.float64]:
    """Return a number column given as numbers (NaN where missing, or where it is text)."""
    numbers = table.numbers(name)
    return np.full(table.n, np.nan) if numbers is None else numbers


def _value(
    table: _Input, stated: pd.DataFrame, problems: _Problems
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Return the value (given, else stated) and where neither gives one."""
    value = _numbers(table, "value", problems)
    given = table["value"].present | ~np.isnan(value)
    has_stated = (stated["text"] != "").to_numpy()
    from_stated = stated["value"].to_numpy(dtype=float)
    disagree = ~np.isnan(value) & ~np.isnan(from_stated) & ~_close(value, from_stated)
    reason = "value {0!r} disagrees with stated {1!r} (= {2!r})"
    problems.add(disagree, "value", reason, value, stated["text"], from_stated)
    return np.where(given, value, from_stated), ~given & ~has_stated


def _close(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Equal to nine significant digits (a value and the same value restated)."""
    with np.errstate(invalid="ignore"):
        return np.isclose(a, b, rtol=1e-9, atol=0)


def _unit(
    table: _Input, stated: pd.DataFrame, unread: npt.NDArray[np.bool_], problems: _Problems
) -> npt.NDArray[np.object_]:
    unit = table["unit"].text()
    parsed = stated["unit"].to_numpy(dtype=object)
    money = np.isin(parsed, ["rial", "usd", "percent"])
    clash = money & (unit != "") & (unit != parsed)
    problems.add(clash, "unit", "unit {0!r} disagrees with stated {1!r}", unit, stated["text"])
    unit = np.where(unit != "", unit, parsed)
    problems.add((unit == "") & ~unread, "unit", "no unit given and none stated")
    return unit


def _qualifier(table: _Input, stated: pd.DataFrame, problems: _Problems) -> npt.NDArray[np.object_]:
    column = table["qualifier"]
    lower = np.array([text.lower() for text in column.texts], dtype=object)
    given = column.rows(lower, "").astype(object)
    parsed = stated["qualifier"].to_numpy(dtype=object)
    qualifier = np.where(given != "", given, np.where(parsed != "", parsed, "exact"))
    known = np.isin(qualifier, QUALIFIERS)
    reason = f"qualifier must be one of {', '.join(QUALIFIERS)}, got {{0!r}}"
    problems.add(~known, "qualifier", reason, qualifier)
    clash = known & (given != "") & (parsed != "") & (given != parsed)
    reason = "qualifier {0!r} disagrees with stated {1!r} ({2})"
    problems.add(clash, "qualifier", reason, given, stated["text"], parsed)
    return qualifier.astype(object)


_STATES: Final[dict[str, str]] = {
    "exact": "an exact value",
    "lower": "a lower bound",
    "upper": "an upper bound",
    "approx": "an approximate value",
}


def _bounds(
    table: _Input,
    stated: pd.DataFrame,
    value: npt.NDArray[np.float64],
    qualifier: npt.NDArray[np.object_],
    problems: _Problems,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Return value, low and high; report bounds that contradict the statement."""
    ends = {}
    for name in ("low", "high"):
        given = _numbers(table, name, problems)
        from_stated = stated[name].to_numpy(dtype=float)
        clash = ~np.isnan(given) & ~np.isnan(from_stated) & ~_close(given, from_stated)
        reason = name + " {0!r} disagrees with stated {1!r} (= {2!r})"
        problems.add(clash, name, reason, given, stated["text"], from_stated)
        _check_implied(name, given, value, qualifier, problems)
        ends[name] = (given, np.where(np.isnan(given), from_stated, given))
    low, high = ends["low"][1], ends["high"][1]
    is_range = qualifier == "range"
    unread = problems.flagged("low", "high")  # reported already: not again as missing
    problems.add(
        is_range & ~unread & (np.isnan(low) | np.isnan(high)), "low", "a range needs low and high"
    )
    problems.add(is_range & (low > high), "low", "low is above high")
    value = np.where(is_range & np.isnan(value), (low + high) / 2, value)
    outside = is_range & (low <= high) & ((value < low) | (value > high))
    problems.add(outside, "value", "value lies outside low..high")
    holds_low = (qualifier == "exact") | (qualifier == "lower")
    holds_high = (qualifier == "exact") | (qualifier == "upper")
    low = np.where(holds_low, value, np.where(is_range, low, np.nan))
    high = np.where(holds_high, value, np.where(is_range, high, np.nan))
    return value, low, high


def _check_implied(
    name: str,
    given: npt.NDArray[np.float64],
    value: npt.NDArray[np.float64],
    qualifier: npt.NDArray[np.object_],
    problems: _Problems,
) -> None:
    """Report a given low or high that the qualifier does not imply, or implies otherwise."""
    holds = np.isin(qualifier, ["exact", "lower" if name == "low" else "upper"])
    states = pd.Series(qualifier, dtype=object).map(_STATES).fillna("").to_numpy(dtype=object)
    known = ~np.isnan(given) & (states != "")
    clash = known & holds & ~np.isnan(value) & ~_close(given, value)
    problems.add(clash, name, name + " {0!r} disagrees with {1} of {2!r}", given, states, value)
    problems.add(known & ~holds, name, "{0} has no " + name + ", got {1!r}", states, given)


# --- dates --------------------------------------------------------------------------------


_NAT: Final = np.datetime64("NaT", "us")


def _dates(
    table: _Input, name: str, problems: _Problems, side: Side
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """Read a date column (NaT where empty); report bad cells. Returns dates and bad rows."""
    given = table.dates(name)
    if given is not None:
        dates, reasons = given, _day_reasons(given, None)
    elif not len((column := table[name]).texts):
        return np.full(table.n, _NAT), np.zeros(table.n, dtype=bool)
    else:
        normalized = normalize_digits(pd.Series(column.texts, dtype="string")).fillna("")
        year = pd.to_numeric(normalized.str.extract(r"([0-9]{3,})")[0], errors="coerce")
        # a year below 1800 is Jalali; no year at all is no date (a Jalali reason says why)
        jalali = ~(year.to_numpy(dtype=float, na_value=np.nan) >= JALALI_BELOW)
        per_text = np.full(len(column.texts), _NAT)
        per_reason = np.full(len(column.texts), None, dtype=object)
        for rows, read in ((jalali, _jalali), (~jalali, _gregorian)):
            if rows.any():
                per_text[rows], per_reason[rows] = read(
                    normalized[rows].reset_index(drop=True), column.texts[rows], side
                )
        dates = column.rows(per_text, _NAT)
        reasons = column.rows(per_reason, None)
    bad = ~pd.isna(reasons)
    problems.add(bad, name, reasons)
    return np.where(bad, _NAT, dates), bad


def _day_reasons(
    values: npt.NDArray[np.datetime64], texts: npt.NDArray[np.object_] | None
) -> npt.NDArray[np.object_]:
    """Why each Gregorian value is no date of the supported range (None where it is one).

    ``texts``: the texts the values were read from (NaT is then an unreadable text), or None
    for values that were dates already (NaT is then a missing value).
    """
    reasons = np.full(values.size, None, dtype=object)
    nat = np.isnat(values)
    if texts is not None:
        reasons[nat] = "not a date: " + _shown(texts[nat])
    days = values.astype("datetime64[D]")
    timed = ~nat & (values != days.astype("datetime64[us]"))
    reasons[timed] = "a date without a time of day is expected"
    outside = ~nat & ~timed & ~_kernel.in_range(days.astype(np.int64))
    if outside.any():
        shown = np.datetime_as_string(days[outside]).astype(object)
        reasons[outside] = f"{_kernel.range_message()}, got " + shown
    return reasons


def _gregorian(
    normalized: pd.Series, texts: npt.NDArray[np.object_], side: Side
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.object_]]:
    """Read distinct Gregorian texts; with a UTC offset, the day it is in Tehran."""
    del side  # a Gregorian text names a day
    dates = np.full(len(normalized), _NAT)
    offset = normalized.str.contains(_OFFSET).to_numpy(dtype=bool)
    if (~offset).any():
        naive = pd.to_datetime(normalized[~offset], errors="coerce", format="ISO8601")
        dates[~offset] = naive.to_numpy().astype("datetime64[us]")
    if offset.any():
        aware = pd.to_datetime(normalized[offset], errors="coerce", format="ISO8601", utc=True)
        local = aware.dt.tz_convert(TEHRAN).dt.tz_localize(None)
        dates[offset] = local.to_numpy().astype("datetime64[us]")
    reasons = _day_reasons(dates, texts)
    return np.where(pd.isna(reasons), dates, _NAT), reasons


def _jalali(
    normalized: pd.Series, texts: npt.NDArray[np.object_], side: Side
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.object_]]:
    """Read distinct Jalali texts: every bad one found at once, with its reason.

    A month or a year is a span: as ``start`` its first day, as ``end`` its last.
    """
    fields = jalali_fields(normalized)
    year, month, day = (fields[k].to_numpy(dtype=float) for k in ("year", "month", "day"))
    unreadable = np.isnan(year)
    year_ok = (year >= _kernel.FIRST_YEAR) & (year <= _kernel.LAST_YEAR)
    month_ok = np.isnan(month) | ((month >= 1) & (month <= 12))
    y = np.where(year_ok, year, _kernel.FIRST_YEAR).astype(np.int64)
    m = np.where(month_ok & ~np.isnan(month), month, 1 if side == "start" else 12)
    lengths = _kernel.month_length(y, m.astype(np.int64))
    day_ok = np.isnan(day) | ((day >= 1) & (day <= lengths))
    ok = ~unreadable & year_ok & month_ok & day_ok
    reasons = np.full(len(texts), None, dtype=object)
    reasons[unreadable] = "not a date: " + _shown(texts[unreadable])
    for i in np.flatnonzero(~unreadable & ~ok):  # one per distinct bad date, not per row
        reasons[i] = _calendar_reason(year[i], month[i], day[i])
    d = np.where(np.isnan(day), 1 if side == "start" else lengths, np.where(day_ok, day, 1))
    days = _kernel.month_start(y, m.astype(np.int64)) + d.astype(np.int64) - 1
    dates = days.astype("datetime64[D]").astype("datetime64[us]")
    return np.where(ok, dates, _NAT), reasons


def _calendar_reason(year: float, month: float, day: float) -> str:
    """Return the calendar's own reason why a Jalali year, month and day is no date."""
    fields = [np.array([1 if np.isnan(v) else int(v)], dtype=np.int64) for v in (month, day)]
    none = np.zeros(1, dtype=bool)
    try:
        _kernel.check_dates(np.array([int(year)]), fields[0], fields[1], (none, none, none))
    except IsipoError as err:
        return err.reason
    return "not a date"  # pragma: no cover (only dates the checks above refused come here)


# --- spans and publication ----------------------------------------------------------------


def _jyear(
    table: _Input, problems: _Problems
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Read ``jyear``: NaN where empty; report fractions and years outside the range."""
    column = table["jyear"]
    year = _numbers(table, "jyear", problems)
    unread = column.present & np.isnan(year)
    text = column.text()
    fraction = ~np.isnan(year) & ~(np.isfinite(year) & (year == np.round(year)))
    problems.add(fraction, "jyear", "not a whole number: {0!r}", text)
    first, last = SUPPORTED_YEARS
    outside = ~np.isnan(year) & ~fraction & ((year < first) | (year > last))
    problems.add(outside, "jyear", f"year must be in {first}-{last}, got {{0!r}}", text)
    bad = unread | fraction | outside
    return np.where(bad, np.nan, year), bad


def _fill_spans(table: _Input, out: pd.DataFrame, problems: _Problems) -> None:
    """Fill ``jyear``, ``start`` and ``end``; report spans that do not fit the kind."""
    start, start_bad = _dates(table, "start", problems, "start")
    end, end_bad = _dates(table, "end", problems, "end")
    jyear, year_bad = _jyear(table, problems)
    kind = out["kind"].to_numpy(dtype=object)
    given = ~np.isnan(jyear)
    # No jyear given: the year of the start (unless the span runs past that year: a
    # multi-year figure has none), or for a cumulative figure given only its as-of date,
    # the year of that date.
    from_start = jalali_year(start)
    _, start_year_end = year_bounds(from_start)
    crosses = ~np.isnat(end) & (end > start_year_end)
    derived = np.where(crosses, np.nan, from_start)
    derived = np.where(np.isnat(start) & (kind == "cumulative"), jalali_year(end), derived)
    jyear = np.where(given | year_bad, jyear, derived)

    year_start, year_end = year_bounds(jyear)
    known = np.isfinite(jyear)
    start = np.where(np.isnat(start) & known & (kind == "cumulative"), year_start, start)
    whole_year = np.isnat(start) & np.isnat(end) & known & np.isin(kind, ["period", "target"])
    start = np.where(whole_year, year_start, start)
    end = np.where(whole_year, year_end, end)
    out["jyear"] = pd.Series(jyear, index=out.index).astype("Int64")
    out["start"] = start
    out["end"] = end
    _check_spans(out, year_start, ~(start_bad | end_bad | year_bad), problems)


def _check_spans(
    out: pd.DataFrame,
    year_start: npt.NDArray[np.datetime64],
    sound: npt.NDArray[np.bool_],
    problems: _Problems,
) -> None:
    """Report spans that do not fit the kind (on rows whose dates were read: ``sound``)."""
    kind = out["kind"].to_numpy(dtype=object)
    start, end = (out[c].to_numpy(dtype="datetime64[us]") for c in ("start", "end"))
    cumulative = sound & (kind == "cumulative")
    problems.add(
        cumulative & np.isnat(start),
        "start",
        "a cumulative figure needs a start, a jyear or an as-of date",
    )
    wrong_start = cumulative & ~np.isnat(start) & ~np.isnat(year_start) & (start != year_start)
    first_day = year_start.astype("datetime64[D]")
    reason = "a cumulative figure starts on 1 Farvardin of its year ({0})"
    problems.add(wrong_start, "start", reason, first_day)
    # on the end unless only the start is missing
    only_start = np.isnat(start) & ~np.isnat(end)
    period = sound & (kind == "period") & (np.isnat(start) | np.isnat(end))
    reason = "a period figure needs a start and an end (or only a jyear)"
    problems.add(period & only_start, "start", reason)
    problems.add(period & ~only_start, "end", reason)
    target = sound & (kind == "target") & (np.isnat(start) != np.isnat(end))
    reason = "a target needs both a start and an end, or neither (no deadline stated)"
    problems.add(target & only_start, "start", reason)
    problems.add(target & ~only_start, "end", reason)
    backwards = sound & ~np.isnat(start) & ~np.isnat(end) & (end < start)
    problems.add(backwards, "end", "the span ends before it starts")


def _fill_publication(table: _Input, out: pd.DataFrame, problems: _Problems) -> None:
    # a bad cell is NaT here: none of the comparisons below sees it
    published, _ = _dates(table, "published", problems, "start")
    earliest, _ = _dates(table, "published_from", problems, "start")
    latest, _ = _dates(table, "published_to", problems, "end")
    known = ~np.isnat(published)
    clash = known & (
        (~np.isnat(earliest) & (earliest != published))
        | (~np.isnat(latest) & (latest != published))
    )
    problems.add(clash, "published_from", "a publication window contradicts the published date")
    backwards = ~np.isnat(earliest) & ~np.isnat(latest) & (latest < earliest)
    problems.add(backwards, "published_to", "the publication window ends before it starts")
    out["published"] = published
    out["published_from"] = np.where(known, published, earliest)
    out["published_to"] = np.where(known, published, latest)


# --- free text and references -------------------------------------------------------------


def _fill_text(table: _Input, out: pd.DataFrame, problems: _Problems) -> None:
    """Fill the free-text columns and the references; report bad stated dates and links."""
    for column in _TEXT_COLUMNS:
        out[column] = table[column].text()
    stated_dates = table["stated_dates"]
    bad = _bad_stated_dates(pd.Series(stated_dates.texts, dtype=object))
    reason = "expected 'start=YYYY-MM-DD; end=YYYY-MM-DD', got {0!r}"
    problems.add(stated_dates.marks(bad), "stated_dates", reason, out["stated_dates"])
    ids = table["id"]
    id_text = out["id"].to_numpy(dtype=object)
    for column in _REFERENCES:
        ref = table[column]
        known = pd.Series(ref.texts, dtype=object).isin(ids.texts).to_numpy(dtype=bool)
        text = ref.text()
        # without an id column every reference is unknown: the missing column is said once
        unknown = ref.present & ~ref.marks(known) & ids.given
        problems.add(unknown, column, "refers to unknown id {0!r}", text)
        problems.add(ref.present & (text == id_text), column, "refers to itself")
        out[column] = ref.rows(ref.texts, None).astype(object)
    _fill_derived(table, out, problems)


def _fill_derived(table: _Input, out: pd.DataFrame, problems: _Problems) -> None:
    """Fill ``derived``; report an unknown derivation, or one without both its figures."""
    column = table["derived"]
    lower = np.array([text.lower() for text in column.texts], dtype=object)
    derived = column.rows(lower, None).astype(object)
    given = column.present
    known = np.isin(derived, DERIVATIONS)
    reason = f"derived must be one of {', '.join(DERIVATIONS)}, got {{0!r}}"
    problems.add(given & ~known, "derived", reason, derived)
    for name in ("of", "base"):
        missing = given & known & ~table[name].present
        problems.add(missing, name, "a derived statement needs the ids of 'of' and 'base'")
        orphan = ~given & table[name].present
        problems.add(orphan, name, "only a derived statement has " + repr(name))
    out["derived"] = derived


def _bad_stated_dates(values: pd.Series) -> npt.NDArray[np.bool_]:
    items = values.str.split(";").explode().str.strip()
    items = items[items != ""]
    ok = items.str.match(_STATED_DATE.pattern)
    ok &= pd.to_datetime(items.str[-10:], errors="coerce", format="%Y-%m-%d").notna()
    bad_rows = ok[~ok].index.unique()
    return values.index.isin(bad_rows)


# --- building and reading tables ------------------------------------------------------------


def figures_from_records(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build a validated figure table from records (dicts), one per figure.

    No records give an empty table with the documented columns.

    Examples
    --------
    >>> table = figures_from_records([
    ...     {"id": "y1400", "metric": "revived_units", "kind": "period", "jyear": 1400,
    ...      "value": 2067, "unit": "units"},
    ...     {"id": "j1400", "metric": "jobs_created", "kind": "period", "jyear": 1400,
    ...      "stated": "over 39,000", "unit": "jobs"},
    ... ])
    >>> table[["id", "start", "end", "value", "qualifier", "low", "high"]]
          id      start        end    value qualifier      low    high
    0  y1400 2021-03-21 2022-03-20   2067.0     exact   2067.0  2067.0
    1  j1400 2021-03-21 2022-03-20  39000.0     lower  39000.0     NaN
    """
    rows = list(records)
    if not all(isinstance(row, Mapping) for row in rows):
        msg = "expected an iterable of mappings (dicts), one per figure"
        raise InputTypeError(msg)
    if not rows:
        return validate_figures(pd.DataFrame(columns=list(COLUMNS), dtype=object))
    return validate_figures(pd.DataFrame(rows, dtype=object))


def read_figures(path: str | Path, *, sheet: str | None = None) -> pd.DataFrame:
    """Read and validate a figure table from CSV, Excel (.xlsx/.xls) or Parquet.

    Rows are counted from 0 in error messages (row 0 is line 2 of a CSV file).

    Parameters
    ----------
    path : str or pathlib.Path
        The file; its suffix says the format.
    sheet : str, optional
        The sheet of an Excel workbook (default: the first). A first sheet without rows
        is refused when another sheet has some: name the sheet to read.

    Raises
    ------
    FigureValidationError
        Every bad cell with its row, column and reason.
    ParseError
        The file cannot be read (missing, unknown suffix, not a table, no such sheet).
    """
    if not isinstance(path, (str, Path)):
        msg = f"expected a file path (str or pathlib.Path), got {type(path).__name__}"
        raise InputTypeError(msg)
    path = Path(path)
    suffix = path.suffix.lower()
    if sheet is not None and suffix not in (".xlsx", ".xls"):
        msg = f"{path}: sheet={sheet!r} is for Excel workbooks (.xlsx, .xls)"
        raise ParseError(msg)
    try:
        if suffix in (".csv", ".txt"):
            frame = _read_csv(path)
        elif suffix in (".xlsx", ".xls"):
            frame = _read_excel(path, sheet)
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)  # dates stay dates, numbers numbers
        else:
            msg = f"{path}: unknown file type {suffix!r} (expected .csv, .xlsx, .xls or .parquet)"
            raise ParseError(msg)
    except (OSError, ValueError, ImportError) as err:
        if isinstance(err, IsipoError):
            raise
        msg = f"{path}: {err}"
        raise ParseError(msg) from err
    return validate_figures(frame)


def _read_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas takes the first fields of rows longer than the header as an index
        # (a trailing comma, a missing header name): columns would shift, values drop
        msg = (
            f"{path}: row 0 (line 2) has more fields than the header's {len(frame.columns)} columns"
        )
        raise ParseError(msg)
    return frame


def _read_excel(path: Path, sheet: str | None) -> pd.DataFrame:
    with pd.ExcelFile(path) as book:
        names = [str(name) for name in book.sheet_names]
        if sheet is not None and sheet not in names:
            msg = f"{path}: no sheet {sheet!r} (sheets: {', '.join(map(repr, names))})"
            raise ParseError(msg)
        chosen = sheet if sheet is not None else names[0]
        frame = pd.read_excel(book, sheet_name=chosen, dtype=str).fillna("")
        if sheet is None and frame.empty:
            filled = [n for n in names[1:] if not pd.read_excel(book, sheet_name=n).empty]
            if filled:
                msg = (
                    f"{path}: the first sheet {chosen!r} has no rows but "
                    f"{', '.join(map(repr, filled))} has; name the sheet to read"
                )
                raise ParseError(msg)
    return frame


def load_isipo_reports() -> pd.DataFrame:
    """Return the bundled figure table: every statistic stated in the five ISIPO reports.

    Examples
    --------
    >>> reports = load_isipo_reports()
    >>> reports.loc[reports.id == "s004-01", ["metric", "kind", "jyear", "end", "value"]]
    ... # doctest: +NORMALIZE_WHITESPACE
              metric        kind  jyear        end  value
    ...  revived_units  cumulative   1399 2020-10-21  819.0
    """
    source = resources.files("isipo_stats") / "data" / "isipo_reports.csv"
    with resources.as_file(source) as path:
        return read_figures(path)
