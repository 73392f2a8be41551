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
``note``           str              free text
=================  ===============  =========================================================

Other input columns are kept, after these. Dates may be given as Jalali text (a year below
1800: ``"1399-07-30"``, ``"1399-07"``, ``"1399"``; a month or year as ``start`` means its
first day and as ``end`` its last day) or as Gregorian dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._arrays import lone_surrogates
from isipo_stats.amounts import QUALIFIERS, parse_amounts
from isipo_stats.calendar import SUPPORTED_YEARS, jalali_year, year_bounds
from isipo_stats.errors import FigureValidationError, InputTypeError, IsipoError, ParseError
from isipo_stats.text import JALALI_BELOW, normalize_digits, parse_jalali

__all__ = [
    "COLUMNS",
    "CORE_METRICS",
    "KINDS",
    "Kind",
    "figures_from_records",
    "load_isipo_reports",
    "read_figures",
    "validate_figures",
]

Kind = Literal["cumulative", "period", "target", "level"]
KINDS: Final[tuple[str, ...]] = get_args(Kind)

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
    "note": "object",
}
"""Column names and dtypes of a validated figure table, in order."""

_METRIC_NAME: Final = r"^[a-z][a-z0-9_]*$"
_STATED_DATE: Final = re.compile(r"^(start|end)=(\d{4}-\d{2}-\d{2})$")
_TEXT_COLUMNS: Final = ("source", "stated", "stated_dates", "note")


class _Problems:
    """Collects (row, column, reason) for every bad cell; raises them all at the end."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self.items: list[tuple[object, str, str]] = []

    def add(self, mask: npt.ArrayLike, column: str, reasons: Any) -> None:
        mask = np.asarray(mask, dtype=bool)
        reason_array = np.broadcast_to(np.asarray(reasons, dtype=object), mask.shape)
        self.items.extend((int(i), column, str(reason_array[i])) for i in np.flatnonzero(mask))

    def raise_if_any(self) -> None:
        if self.items:
            raise FigureValidationError(sorted(self.items, key=lambda item: str(item[0]).zfill(12)))


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """Column as stripped str with "" for missing (absent columns give all "")."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column]
    out = values.astype("string").str.strip().fillna("")
    return out.astype(object)


def _show(values: pd.Series) -> npt.NDArray[np.object_]:
    return values.map(repr).to_numpy(dtype=object)


def _parse_dates(
    text: pd.Series, column: str, problems: _Problems, *, side: Literal["start", "end"]
) -> npt.NDArray[np.datetime64]:
    """Parse a column of Jalali or Gregorian date text; '' gives NaT."""
    out = np.full(len(text), np.datetime64("NaT", "us"))
    normalized = normalize_digits(text.astype("string")).fillna("").astype(object)
    given = (normalized != "").to_numpy(dtype=bool)
    lead = pd.to_numeric(normalized.str.extract(r"^(\d{1,4})")[0], errors="coerce")
    jalali = given & (lead < JALALI_BELOW).to_numpy(dtype=bool)
    gregorian = given & ~jalali
    if gregorian.any():
        parsed = pd.to_datetime(normalized[gregorian], errors="coerce", format="ISO8601")
        bad = parsed.isna().to_numpy()
        parsed_values = parsed.to_numpy().astype("datetime64[us]")
        midnight = parsed_values == parsed_values.astype("datetime64[D]")
        out[np.flatnonzero(gregorian)] = parsed_values
        rows = np.zeros(len(text), bool)
        rows[np.flatnonzero(gregorian)[bad]] = True
        problems.add(rows, column, "not a date: " + _show(text))
        not_day = np.zeros(len(text), bool)
        not_day[np.flatnonzero(gregorian)[~bad & ~midnight]] = True
        problems.add(not_day, column, "a date without a time of day is expected")
    if jalali.any():
        rows = np.flatnonzero(jalali)
        try:
            spans = parse_jalali(normalized[jalali].to_numpy(dtype=object))
            out[rows] = spans[side].to_numpy()
        except IsipoError:
            for row in rows:  # the error path only: find every bad cell
                try:
                    out[row] = parse_jalali([normalized.iloc[row]])[side].to_numpy()[0]
                except IsipoError as err:
                    message = err.reason
                    mask = np.arange(len(text)) == row
                    problems.add(mask, column, message)
    return out


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
        Listing every bad row with its column and reason (rows counted from 0).
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
    frame = frame.reset_index(drop=True)
    problems = _Problems(frame.index)
    n = len(frame)
    for column in [c for c in frame.columns if pd.api.types.is_object_dtype(frame[c])]:
        invalid = lone_surrogates(frame[column])
        problems.add(invalid, str(column), "not valid Unicode text: " + _show(frame[column]))
    problems.raise_if_any()  # nothing below can read such text
    out = pd.DataFrame(index=frame.index)

    for column in ("id", "metric", "kind"):
        if column not in frame:
            problems.add(np.ones(n, bool), column, "required column is missing")
    ids = _text(frame, "id")
    out["id"] = ids
    problems.add((ids == "").to_numpy() & ("id" in frame), "id", "empty id")
    duplicated = ids.duplicated(keep=False).to_numpy() & (ids != "").to_numpy()
    problems.add(duplicated, "id", "duplicate id " + _show(ids))

    metric = _text(frame, "metric")
    out["metric"] = metric
    bad_metric = ~metric.str.match(_METRIC_NAME).to_numpy(dtype=bool) & ("metric" in frame)
    problems.add(bad_metric, "metric", "metric must be snake_case, got " + _show(metric))

    region = _text(frame, "region")
    out["region"] = region.where(region != "", "Iran")

    kind = _text(frame, "kind").str.lower()
    out["kind"] = kind
    bad_kind = ~kind.isin(KINDS).to_numpy() & ("kind" in frame)
    problems.add(bad_kind, "kind", f"kind must be one of {', '.join(KINDS)}, got " + _show(kind))

    _fill_amounts(frame, out, problems)
    _fill_spans(frame, out, problems)
    _fill_publication(frame, out, problems)

    for column in _TEXT_COLUMNS:
        out[column] = _text(frame, column)
    bad_stated = _bad_stated_dates(out["stated_dates"])
    problems.add(
        bad_stated,
        "stated_dates",
        "expected 'start=YYYY-MM-DD; end=YYYY-MM-DD', got " + _show(out["stated_dates"]),
    )
    for column in ("part_of", "equivalent_of"):
        ref = _text(frame, column)
        dangling = (ref != "").to_numpy() & ~ref.isin(ids).to_numpy()
        problems.add(dangling, column, "refers to unknown id " + _show(ref))
        problems.add((ref == ids).to_numpy() & (ref != "").to_numpy(), column, "refers to itself")
        out[column] = ref.where(ref != "", None)

    problems.raise_if_any()
    out = out[list(COLUMNS)].astype(COLUMNS)
    extras = [c for c in frame.columns if c not in COLUMNS and c != "published"]
    for column in extras:
        out[column] = frame[column].to_numpy()
    return out


def _fill_amounts(frame: pd.DataFrame, out: pd.DataFrame, problems: _Problems) -> None:
    n = len(frame)
    stated = _text(frame, "stated")
    unit = _text(frame, "unit")
    value = pd.to_numeric(
        _text(frame, "value").str.replace(",", "", regex=False), errors="coerce"
    ).to_numpy(dtype=float)
    given_value = (_text(frame, "value") != "").to_numpy()
    problems.add(
        given_value & np.isnan(value), "value", "not a number: " + _show(_text(frame, "value"))
    )
    qualifier = _text(frame, "qualifier").str.lower()
    low = pd.to_numeric(_text(frame, "low"), errors="coerce").to_numpy(dtype=float)
    high = pd.to_numeric(_text(frame, "high"), errors="coerce").to_numpy(dtype=float)

    has_stated = (stated != "").to_numpy()
    parsed = pd.DataFrame(
        {"value": np.nan, "unit": "", "qualifier": "", "low": np.nan, "high": np.nan},
        index=frame.index,
    )
    if has_stated.any():
        rows = np.flatnonzero(has_stated)
        try:
            found = parse_amounts(stated.iloc[rows].reset_index(drop=True))
        except ParseError:
            found = None
            for row in rows:
                try:
                    parse_amounts([stated.iloc[row]])
                except ParseError:
                    problems.add(
                        np.arange(n) == row, "stated", f"not an amount: {stated.iloc[row]!r}"
                    )
        if found is not None:
            found.index = frame.index[rows]
            parsed.loc[found.index, ["value", "low", "high"]] = found[["value", "low", "high"]]
            parsed.loc[found.index, "unit"] = found["unit"].fillna("")
            parsed.loc[found.index, "qualifier"] = found["qualifier"]

    from_stated = ~given_value & has_stated
    value = np.where(from_stated, parsed["value"].to_numpy(dtype=float), value)
    disagree = (
        given_value
        & has_stated
        & ~np.isnan(parsed["value"].to_numpy(dtype=float))
        & ~(np.isclose(value, parsed["value"].to_numpy(dtype=float), rtol=1e-9, atol=0))
    )
    problems.add(
        disagree,
        "value",
        "value "
        + pd.Series(value).map(repr).to_numpy(dtype=object)
        + " disagrees with stated "
        + _show(stated)
        + " (= "
        + parsed["value"].map(repr).to_numpy(dtype=object)
        + ")",
    )
    missing_value = ~given_value & ~has_stated & (len(frame.columns) > 0)
    problems.add(missing_value, "value", "no value and no stated amount")
    problems.add(~np.isfinite(value) & ~np.isnan(value), "value", "value must be finite")

    parsed_unit = parsed["unit"].astype(object)
    money = parsed_unit.isin(["rial", "usd", "percent"]).to_numpy()
    unit_clash = money & (unit != "").to_numpy() & (unit != parsed_unit).to_numpy()
    problems.add(
        unit_clash, "unit", "unit " + _show(unit) + " disagrees with stated " + _show(stated)
    )
    unit = unit.where(unit != "", parsed_unit)
    problems.add((unit == "").to_numpy(), "unit", "no unit given and none stated")
    out["unit"] = unit

    qualifier = qualifier.where(qualifier != "", parsed["qualifier"].astype(object))
    qualifier = qualifier.where(qualifier != "", "exact")
    bad_qualifier = ~qualifier.isin(QUALIFIERS).to_numpy()
    problems.add(
        bad_qualifier,
        "qualifier",
        f"qualifier must be one of {', '.join(QUALIFIERS)}, got " + _show(qualifier),
    )
    q = qualifier.to_numpy(dtype=object)
    low = np.where(np.isnan(low), parsed["low"].to_numpy(dtype=float), low)
    high = np.where(np.isnan(high), parsed["high"].to_numpy(dtype=float), high)
    is_range = q == "range"
    problems.add(is_range & (np.isnan(low) | np.isnan(high)), "low", "a range needs low and high")
    problems.add(is_range & (low > high), "low", "low is above high")
    value = np.where(is_range & np.isnan(value), (low + high) / 2, value)
    outside = is_range & (low <= high) & ((value < low) | (value > high))
    problems.add(outside, "value", "value lies outside low..high")
    # bounds implied by the qualifier
    low = np.where((q == "exact") | (q == "lower"), value, np.where(is_range, low, np.nan))
    high = np.where((q == "exact") | (q == "upper"), value, np.where(is_range, high, np.nan))
    out["value"] = value
    out["qualifier"] = qualifier
    out["low"] = low
    out["high"] = high


def _fill_spans(frame: pd.DataFrame, out: pd.DataFrame, problems: _Problems) -> None:
    start = _parse_dates(_text(frame, "start"), "start", problems, side="start")
    end = _parse_dates(_text(frame, "end"), "end", problems, side="end")
    jyear_text = _text(frame, "jyear")
    given = (jyear_text != "").to_numpy()
    jyear = pd.to_numeric(jyear_text, errors="coerce").to_numpy(dtype=float)
    bad_year = given & ~(np.isfinite(jyear) & (jyear == np.round(jyear)))
    problems.add(bad_year, "jyear", "not a whole number: " + _show(jyear_text))
    first, last = SUPPORTED_YEARS
    outside = given & ~bad_year & ((jyear < first) | (jyear > last))
    problems.add(outside, "jyear", f"year must be in {first}-{last}, got " + _show(jyear_text))
    jyear = np.where(given & ~bad_year & ~outside, jyear, np.nan)

    kind = out["kind"].to_numpy(dtype=object)
    # No jyear given: the year of the start (unless the span runs past that year: a
    # multi-year figure has none), or for a cumulative figure given only its as-of date,
    # the year of that date.
    from_start = jalali_year(start)
    _, start_year_end = year_bounds(from_start)
    crosses = ~np.isnat(end) & (end > start_year_end)
    derived = np.where(crosses, np.nan, from_start)
    derived = np.where(np.isnat(start) & (kind == "cumulative"), jalali_year(end), derived)
    jyear = np.where(given, jyear, derived)

    year_start, year_end = year_bounds(jyear)
    known = np.isfinite(jyear)
    no_span = np.isnat(start) & np.isnat(end)
    start = np.where(np.isnat(start) & known & (kind == "cumulative"), year_start, start)
    whole_year = no_span & known & np.isin(kind, ["period", "target"])
    start = np.where(whole_year, year_start, start)
    end = np.where(whole_year, year_end, end)

    problems.add(
        (kind == "cumulative") & np.isnat(start) & ~(bad_year | outside),
        "start",
        "a cumulative figure needs a start, a jyear or an as-of date",
    )
    wrong_start = (kind == "cumulative") & ~np.isnat(start) & known & (start != year_start)
    problems.add(
        wrong_start,
        "start",
        "a cumulative figure starts on 1 Farvardin of its year ("
        + pd.Series(year_start).dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=object)
        + ")",
    )
    problems.add(
        (kind == "period") & (np.isnat(start) | np.isnat(end)),
        "end",
        "a period figure needs a start and an end (or only a jyear)",
    )
    problems.add(
        (kind == "target") & (np.isnat(start) != np.isnat(end)),
        "end",
        "a target needs both a start and an end, or neither (no deadline stated)",
    )
    backwards = ~np.isnat(start) & ~np.isnat(end) & (end < start)
    problems.add(backwards, "end", "the span ends before it starts")
    out["jyear"] = pd.array(jyear, dtype="Int64")
    out["start"] = start
    out["end"] = end


def _fill_publication(frame: pd.DataFrame, out: pd.DataFrame, problems: _Problems) -> None:
    published = _parse_dates(_text(frame, "published"), "published", problems, side="start")
    earliest = _parse_dates(
        _text(frame, "published_from"), "published_from", problems, side="start"
    )
    latest = _parse_dates(_text(frame, "published_to"), "published_to", problems, side="end")
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


def _bad_stated_dates(values: pd.Series) -> npt.NDArray[np.bool_]:
    items = values.str.split(";").explode().str.strip()
    items = items[items != ""]
    ok = items.str.match(_STATED_DATE.pattern)
    ok &= pd.to_datetime(items.str[-10:], errors="coerce", format="%Y-%m-%d").notna()
    bad_rows = ok[~ok].index.unique()
    return values.index.isin(bad_rows)


def figures_from_records(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build a validated figure table from records (dicts), one per figure.

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
    return validate_figures(pd.DataFrame(rows, dtype=object))


def read_figures(path: str | Path) -> pd.DataFrame:
    """Read and validate a figure table from CSV, Excel (.xlsx/.xls) or Parquet.

    Rows are counted from 0 in error messages (row 0 is line 2 of a CSV file).

    Raises
    ------
    FigureValidationError
        Every bad row with its column and reason.
    ParseError
        The file cannot be read (missing, unknown suffix, not a table).
    """
    if not isinstance(path, (str, Path)):
        msg = f"expected a file path (str or pathlib.Path), got {type(path).__name__}"
        raise InputTypeError(msg)
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            if not isinstance(frame.index, pd.RangeIndex):
                # pandas takes the first fields of rows longer than the header as an index
                # (a trailing comma, a missing header name): columns would shift, values drop
                msg = (
                    f"{path}: row 0 (line 2) has more fields than the header's "
                    f"{len(frame.columns)} columns"
                )
                raise ParseError(msg)
        elif suffix in (".xlsx", ".xls"):
            frame = pd.read_excel(path, dtype=str).fillna("")
        elif suffix == ".parquet":
            frame = pd.read_parquet(path).astype("string").fillna("").astype(object)
        else:
            msg = f"{path}: unknown file type {suffix!r} (expected .csv, .xlsx, .xls or .parquet)"
            raise ParseError(msg)
    except (OSError, ValueError, ImportError) as err:
        if isinstance(err, IsipoError):
            raise
        msg = f"{path}: {err}"
        raise ParseError(msg) from err
    return validate_figures(frame)


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
