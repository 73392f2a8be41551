"""The summary: one row per series and Jalali year, what an analyst reads first.

:func:`summary` answers, for every metric x region x unit x Jalali year of a figure table:
where the year stood at the latest report, the full year when it is known, against which
target, how it compares with the year before over the same span, how many jobs each unit
brought, how firmly the reconciled path is pinned, and how many findings name the series.
:func:`summary_text` writes the same rows as short text through
:mod:`isipo_stats.formatting` (for the command line and the HTML page).

Which figure is which
---------------------
* **Latest**: of the figures not excluded by an error finding, the year-to-date figure
  (cumulative, or a period starting on 1 Farvardin) with the latest as-of date; a figure
  whose as-of date is unknown ranks at the end of its publication window. A series with no
  year-to-date figure shows its latest other actual (a flow within the year, or for a stock
  or a share the latest level) with its span. Where a check excludes a total and the
  report gave its parts (``part_of``, same series, same span), the parts stand for it: the
  **sum of the parts**, marked as such (``latest_parts``, ``latest_sum_of``; "about" if any
  part is "about", "over" if parts are "over" or exact, ...). The sum counts only the
  parts the report names, so it is what those parts add up to, not a corrected total.
* **Full year**: a figure covering the whole Jalali year (1 Farvardin to 29/30 Esfand),
  a whole figure (or a sum of parts, as above) before a part of another.
* **Target**: the whole-year target stated last (latest publication, then table order),
  leaving out targets that are parts of another (``part_of``); ``targets`` counts them all.
  **Attainment** is the full year (or else the latest year-to-date figure) over the target.
* **Change** on the previous Jalali year: only where both years have a figure for the same
  span (the same as-of month and day, or both whole years), never from an interpolated path.
* **Jobs per unit**: jobs over units (``jobs_created`` / ``revived_units``,
  ``new_unit_jobs`` / ``new_units``) where both latest figures share their as-of date (or
  their publication window when it is unknown); shown on the units' row.
* **Pinned**: ``used`` figures of ``figures``; ``interpolated`` months have a path value
  that no figure states (between or after the nodes); ``path`` is the reconciliation's status.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from isipo_stats.calendar import year_bounds
from isipo_stats.checks._table import SERIES
from isipo_stats.checks.publication import publication_windows
from isipo_stats.figures import validate_figures
from isipo_stats.formatting import format_amounts, format_percents
from isipo_stats.metrics import Locale, metric_label
from isipo_stats.reconciliation import Reconciled, reconcile
from isipo_stats.text import format_jalali, to_persian_digits

__all__ = ["JOBS_PER_UNIT", "left_out_note", "reading_order", "summary", "summary_text"]

JOBS_PER_UNIT: Final[dict[str, str]] = {
    "revived_units": "jobs_created",
    "new_units": "new_unit_jobs",
}
"""Units metric -> the jobs metric counted for the same units."""

_KEY: Final = list(SERIES)  # metric, region, unit, jyear
_SEVERITIES: Final = ("error", "warning", "info")


def _table(figures: pd.DataFrame, result: Reconciled, given: pd.DataFrame) -> pd.DataFrame:
    """Return the figures with a Jalali year, their status and where their spans lie.

    ``figures`` is the validated table, ``given`` the caller's: its publication windows are
    remembered for the charts of the same table.
    """
    table = figures.reset_index(drop=True).copy()
    table["status"] = result.figures["status"].to_numpy()
    # an undated figure's window as check narrows it from the others' as-of dates
    narrowed = publication_windows(given)
    undated = table["published"].isna().to_numpy()
    for column, found in (("published_from", "earliest"), ("published_to", "latest")):
        table.loc[undated, column] = narrowed.loc[undated, found].to_numpy()
    table = table[table["jyear"].notna()].copy()
    table["jyear"] = table["jyear"].astype("int64")
    bounds = year_bounds(table["jyear"].to_numpy())
    first = pd.Series(pd.DatetimeIndex(bounds[0]), index=table.index)
    last = pd.Series(pd.DatetimeIndex(bounds[1]), index=table.index)
    table["nowruz"] = first
    table["days_in_year"] = (last - first).dt.days + 1
    table["from_nowruz"] = table["start"] == first
    table["whole"] = table["from_nowruz"] & (table["end"] == last)
    table["day"] = (table["end"] - table["nowruz"]).dt.days + 1
    table["rank_day"] = table["end"].fillna(table["published_to"]).fillna(last)
    table["whole_figure"] = table["part_of"].isna()
    table["row"] = np.arange(len(table))
    return table


def _pick(
    candidates: pd.DataFrame, by: list[str], prefix: str, columns: dict[str, str]
) -> pd.DataFrame:
    """Return the last candidate of each series after sorting by ``by``, renamed."""
    chosen = candidates.sort_values([*_KEY, *by], kind="stable").groupby(_KEY).tail(1)
    out = chosen[[*_KEY, *columns]].rename(columns={k: f"{prefix}{v}" for k, v in columns.items()})
    return out.set_index(_KEY)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    """Equal, or both missing."""
    return (a == b).fillna(value=False).astype(bool) | (a.isna() & b.isna())


def _combined_qualifier(parts: pd.DataFrame, group: list[str]) -> pd.Series:
    """Return the qualifier of each sum of parts.

    Exact parts give exact; "over" (or "up to") parts with exact ones give "over" ("up
    to"); ranges with exact ones a range; any other mix (an "about" part) "about".
    """
    flags = (
        pd.DataFrame({q: parts["qualifier"] == q for q in ("lower", "upper", "range", "approx")})
        .groupby([parts[c] for c in group])
        .any()
    )
    loose = flags["lower"].astype(int) + flags["upper"].astype(int) + flags["range"].astype(int)
    single = np.select(
        [flags["lower"], flags["upper"], flags["range"]], ["lower", "upper", "range"], "exact"
    )
    out = np.where(flags["approx"] | (loose > 1), "approx", single)
    return pd.Series(out, index=flags.index, dtype=object)


def _part_sums(usable: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Rows that stand for an excluded total by the sum of its parts.

    The parts counted are those in the total's own series, over the total's own span, not
    excluded themselves; each sum is a whole figure, with ``parts`` (how many) and
    ``sum_of`` (the total's id).
    """
    excluded = table.loc[table["status"] == "excluded", ["id", *_KEY, "start", "end"]]
    totals = excluded.rename(columns={"id": "part_of", "start": "t_start", "end": "t_end"})
    parts = usable[usable["part_of"].notna()].merge(totals, on=["part_of", *_KEY])
    parts = parts[_same(parts["start"], parts["t_start"]) & _same(parts["end"], parts["t_end"])]
    group = [*_KEY, "part_of"]
    if parts.empty:
        return usable.iloc[:0]
    grouped = parts.groupby(group)
    sums = grouped.first()
    sums["value"] = grouped["value"].sum()
    sums["qualifier"] = _combined_qualifier(parts, group)
    for end in ("low", "high"):  # a bound of the sum where every part has one
        unbounded = parts[end].isna().groupby([parts[c] for c in group]).any()
        sums[end] = grouped[end].sum().where(~unbounded)
    sums["id"] = grouped["id"].agg(", ".join)
    sums["row"] = grouped["row"].max()
    sums["parts"] = grouped.size()
    sums["whole_figure"] = True
    sums = sums.reset_index()
    sums["sum_of"] = sums["part_of"]
    return sums[list(usable.columns)]


def _candidates(table: pd.DataFrame) -> pd.DataFrame:
    """Return the figures not excluded, and the sums of the parts of each excluded total."""
    usable = table[table["status"] != "excluded"].assign(parts=0, sum_of=None)
    return pd.concat([usable, _part_sums(usable, table)], ignore_index=True)


_AMOUNT: Final[dict[str, str]] = {
    "value": "",
    "qualifier": "_qualifier",
    "low": "_low",
    "high": "_high",
    "id": "_id",
    "parts": "_parts",
}
"""The columns of an amount a summary column takes from its figure, by suffix."""


def _latest(usable: pd.DataFrame) -> pd.DataFrame:
    """Return the latest figure of each series and year, of the :func:`_candidates`."""
    actual = usable[usable["kind"].isin(["cumulative", "period"])]
    ytd = actual[actual["from_nowruz"]]
    stock = usable[usable["kind"] == "level"]
    other = pd.concat([actual[~actual["from_nowruz"]], stock])
    columns = {
        **_AMOUNT,
        "start": "_start",
        "end": "_end",
        "published_from": "_from",
        "published_to": "_to",
        "day": "_day",
        "days_in_year": "_days",
        "sum_of": "_sum_of",
    }
    # the latest; on one day a whole figure (or the sum of an excluded total's parts)
    # before a part of another, then the largest
    order = ["rank_day", "whole_figure", "value", "row"]
    first = _pick(ytd, order, "latest", columns)
    first["year_to_date"] = True
    second = _pick(other, order, "latest", columns)
    second["year_to_date"] = False
    second = second[~second.index.isin(first.index)]
    return pd.concat([first, second])


def _full_year(usable: pd.DataFrame) -> pd.DataFrame:
    """Return the whole-year figure of each series and year, of the :func:`_candidates`."""
    whole = usable[usable["whole"] & usable["kind"].isin(["cumulative", "period"])]
    return _pick(whole, ["whole_figure", "row"], "full_year", _AMOUNT)


def _targets(table: pd.DataFrame) -> pd.DataFrame:
    targets = table[(table["kind"] == "target") & table["whole"]]
    own = targets[targets["part_of"].isna()].copy()
    own["when"] = own["published"].fillna(own["published_to"])
    columns = {"value": "", "qualifier": "_qualifier", "id": "_id"}
    return _pick(own, ["when", "row"], "target", columns)


def _change(table: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """Change on the previous year over the same span (same as-of month and day)."""
    usable = table[
        (table["status"] != "excluded")
        & table["from_nowruz"]
        & table["kind"].isin(["cumulative", "period"])
        & table["end"].notna()
    ].copy()
    # the same span: both whole years, or the same day of the Jalali year
    usable["span"] = np.where(usable["whole"], "whole", usable["day"].astype("string"))
    base = usable.assign(jyear=usable["jyear"] + 1)[[*_KEY, "span", "value", "id"]]
    # a sum of parts is no total: it has no change on last year's total
    whole = latest["year_to_date"] & latest["latest_end"].notna() & (latest["latest_parts"] == 0)
    current = latest[whole].reset_index()
    day = current["latest_day"].astype("Int64").astype("string")
    whole = current["latest_day"] == current["latest_days"]
    current["span"] = np.where(whole, "whole", day)
    merged = current.merge(base, on=[*_KEY, "span"], how="inner")
    merged = merged.drop_duplicates(_KEY, keep="last")
    merged["change"] = (merged["latest"] / merged["value"] - 1.0) * 100.0
    merged["change_base_id"] = merged["id"]
    return merged.set_index(_KEY)[["change", "change_base_id"]]


def _jobs_per_unit(latest: pd.DataFrame) -> pd.DataFrame:
    flat = latest[latest["latest_parts"] == 0].reset_index()  # a sum of parts is no total
    flat["when"] = (
        flat["latest_end"]
        .astype("string")
        .fillna(
            "window "
            + flat["latest_from"].astype("string")
            + ".."
            + flat["latest_to"].astype("string")
        )
    )
    jobs_of = flat["metric"].map(JOBS_PER_UNIT)
    units = flat[jobs_of.notna()].assign(jobs_metric=jobs_of[jobs_of.notna()])
    jobs = flat[flat["unit"] == "jobs"][
        ["metric", "region", "jyear", "when", "latest", "latest_qualifier"]
    ]
    jobs = jobs.rename(
        columns={"metric": "jobs_metric", "latest": "jobs", "latest_qualifier": "jobs_qualifier"}
    )
    merged = units.merge(jobs, on=["jobs_metric", "region", "jyear", "when"], how="inner")
    merged["jobs_per_unit"] = merged["jobs"] / merged["latest"]
    exact = (merged["jobs_qualifier"] == "exact") & (merged["latest_qualifier"] == "exact")
    over = (merged["jobs_qualifier"] == "lower") & (merged["latest_qualifier"] == "exact")
    merged["jobs_per_unit_qualifier"] = np.where(exact, "exact", np.where(over, "lower", "approx"))
    return merged.set_index(_KEY)[["jobs_per_unit", "jobs_per_unit_qualifier"]]


def _interpolated(result: Reconciled, table: pd.DataFrame) -> pd.Series:
    """Months with a path value that no used figure states at the month's end."""
    monthly = result.monthly.copy()
    monthly["jyear"] = monthly["jyear"].astype("int64")
    stated = table[table["status"].isin(["used", "used softly"]) & table["from_nowruz"]]
    stated = stated[[*_KEY, "end"]].drop_duplicates().assign(stated=True)
    merged = monthly.merge(stated, on=[*_KEY, "end"], how="left")
    interpolated = merged["cumulative"].notna() & merged["stated"].isna()
    return interpolated.groupby([merged[c] for c in _KEY]).sum().rename("interpolated")


def _findings(result: Reconciled, table: pd.DataFrame) -> pd.DataFrame:
    """Count the findings naming each series by severity (once per finding and series)."""
    flags = result.flags[["severity", "figure_ids"]].reset_index(names="flag")
    named = flags.assign(id=flags["figure_ids"].str.split(", ")).explode("id")
    named = named.merge(table[["id", *_KEY]], on="id", how="inner")
    named = named.drop_duplicates(["flag", *_KEY])
    counts = pd.crosstab([named[c] for c in _KEY], named["severity"])
    counts = counts.reindex(columns=list(_SEVERITIES), fill_value=0)
    return counts.rename(columns={"error": "errors", "warning": "warnings", "info": "infos"})


def summary(figures: pd.DataFrame, *, reconciled: Reconciled | None = None) -> pd.DataFrame:
    """Summarize a figure table: one row per metric x region x unit x Jalali year.

    Parameters
    ----------
    figures : pandas.DataFrame
        A figure table (validated first, see :func:`isipo_stats.validate_figures`).
    reconciled : Reconciled, optional
        The result of :func:`isipo_stats.reconcile` for this table (computed when not
        given).

    Returns
    -------
    pandas.DataFrame
        Sorted by series; the columns ``metric``, ``label``, ``region``, ``unit``,
        ``jyear``, ``year`` (``"1400 (2021/22)"``); ``latest`` with ``latest_qualifier``,
        ``latest_id`` (the ids of the parts, comma-separated, for a sum), ``latest_parts``
        (how many parts it sums; 0 for one figure), ``latest_sum_of`` (the excluded total
        the sum stands for), ``latest_start``, ``latest_end`` (the as-of date, NaT when unknown),
        ``latest_from``/``latest_to`` (its publication window), ``year_to_date`` and
        ``year_elapsed`` (percent of the year by the as-of date); ``full_year`` with
        ``full_year_qualifier``, ``full_year_low``/``full_year_high`` (a range's ends),
        ``full_year_id`` and ``full_year_parts``; ``target`` with ``target_qualifier``,
        ``target_id``, ``targets`` and ``attainment`` (percent); ``change`` (percent on the
        previous year, same span) with ``change_base_id``; ``jobs_per_unit``; ``figures``,
        ``used``, ``interpolated`` (months), ``path``; ``errors``, ``warnings``,
        ``infos``. The module docstring says which figure is which.

    Examples
    --------
    >>> from isipo_stats import figures_from_records
    >>> revived = {"metric": "revived_units", "unit": "units"}
    >>> table = figures_from_records([
    ...     {"id": "h1", **revived, "kind": "cumulative", "end": "1398-06-31", "value": 529},
    ...     {"id": "t", **revived, "kind": "target", "jyear": 1398, "value": 2000}])
    >>> row = summary(table).iloc[0]
    >>> print(row["latest"], row["latest_end"].date(), round(float(row["year_elapsed"]), 1))
    529.0 2019-09-22 51.0
    >>> print(row["target"], round(float(row["attainment"]), 2), row["interpolated"])
    2000.0 26.45 5
    """
    table_in = validate_figures(figures)
    result = reconcile(table_in) if reconciled is None else reconciled
    table = _table(table_in, result, figures)
    groups = result.groups.copy()
    groups["jyear"] = groups["jyear"].astype("int64")
    out = groups.set_index(_KEY)
    candidates = _candidates(table)  # the figures not excluded, and the sums of parts
    latest = _latest(candidates)
    parts: list[pd.DataFrame | pd.Series] = [
        latest,
        _full_year(candidates),
        _targets(table),
        _change(table, latest),
        _jobs_per_unit(latest),
        _interpolated(result, table),
        _findings(result, table),
    ]
    for part in parts:
        out = out.join(part, how="left")
    return _finish(out.reset_index())


def _finish(out: pd.DataFrame) -> pd.DataFrame:
    out["year"] = out["label"]
    out["label"] = out["metric"].map({m: metric_label(m) for m in out["metric"].unique()})
    out["year_elapsed"] = np.where(
        out["year_to_date"].fillna(value=False).astype(bool) & out["latest_end"].notna(),
        out["latest_day"] / out["latest_days"] * 100.0,
        np.nan,
    )
    base = out["full_year"].fillna(
        out["latest"].where(out["year_to_date"].fillna(value=False).astype(bool))
    )
    out["attainment"] = base / out["target"] * 100.0
    out["path"] = out["status"]
    for name in (
        "targets",
        "interpolated",
        "errors",
        "warnings",
        "infos",
        "latest_parts",
        "full_year_parts",
    ):
        out[name] = out[name].fillna(0).astype("int64")
    out["year_to_date"] = out["year_to_date"].fillna(value=False).astype(bool)
    return out[_COLUMNS].reset_index(drop=True)


_COLUMNS: Final = [
    "metric",
    "label",
    "region",
    "unit",
    "jyear",
    "year",
    "latest",
    "latest_qualifier",
    "latest_low",
    "latest_high",
    "latest_id",
    "latest_parts",
    "latest_sum_of",
    "latest_start",
    "latest_end",
    "latest_from",
    "latest_to",
    "year_to_date",
    "year_elapsed",
    "full_year",
    "full_year_qualifier",
    "full_year_low",
    "full_year_high",
    "full_year_id",
    "full_year_parts",
    "target",
    "target_qualifier",
    "target_id",
    "targets",
    "attainment",
    "change",
    "change_base_id",
    "jobs_per_unit",
    "jobs_per_unit_qualifier",
    "figures",
    "used",
    "interpolated",
    "path",
    "errors",
    "warnings",
    "infos",
]


def _when(frame: pd.DataFrame) -> pd.Series:
    """Say when the latest figure holds: as-of date, span of a flow, publication window."""
    end = format_jalali(frame["latest_end"], "%Y-%m-%d").fillna("")
    gregorian = frame["latest_end"].dt.strftime("%Y-%m-%d").fillna("")
    elapsed = format_percents(frame["year_elapsed"])
    ytd = end + " = " + gregorian + " (" + elapsed + " of year)"
    span = frame["latest_start"].dt.strftime("%Y-%m-%d").fillna("?") + ".." + gregorian
    window = (
        "day unknown, published "
        + frame["latest_from"].dt.strftime("%Y-%m-%d").fillna("?")
        + ".."
        + frame["latest_to"].dt.strftime("%Y-%m-%d").fillna("?")
    )
    level = end + " = " + gregorian
    same = frame["latest_start"] == frame["latest_end"]
    text = np.where(frame["year_to_date"], ytd, np.where(same, level, span))
    text = np.where(frame["latest_end"].isna(), window, text)
    return pd.Series(np.where(frame["latest"].isna(), "-", text), index=frame.index, dtype=object)


def _count_text(frame: pd.DataFrame) -> pd.Series:
    parts = [
        np.where(frame[column] > 0, frame[column].astype(str) + " " + noun, "")
        for column, noun in (("errors", "E"), ("warnings", "W"), ("infos", "I"))
    ]
    joined = pd.Series(parts[0] + " " + parts[1] + " " + parts[2], index=frame.index)
    joined = joined.str.split().str.join(" ").str.replace(r"(\d+) ([EWI])", r"\1\2", regex=True)
    return joined.where(joined != "", "-")


def _sum_mark(parts: pd.Series, locale: Locale) -> pd.Series:
    """Return the mark after an amount that adds up parts ("(sum of 3 parts)"), or ""."""
    count = parts.astype("int64")
    digits = count.astype(str) if locale == "en" else to_persian_digits(count.astype(str))
    word = " (sum of " + digits + " parts)" if locale == "en" else " (مجموع " + digits + " جزء)"
    return word.where(count > 0, "").astype(object)


_MEANING: Final[dict[str, str]] = {
    "full year": "the figure for the whole year",
    "target": "a target for the year",
    "attained": "the share of the target attained",
    "change": "the change on the previous year over the same span",
    "jobs/unit": "jobs per unit",
}


def left_out_note(columns: list[str]) -> str:
    """Say which columns of :func:`summary_text` a report leaves out, no series having one.

    Examples
    --------
    >>> print(left_out_note(["change", "jobs/unit"]))  # doctest: +NORMALIZE_WHITESPACE
    Not shown, as no series has one: change (the change on the previous year over the
    same span), jobs/unit (jobs per unit).
    """
    named = ", ".join(f"{c} ({_MEANING[c]})" if c in _MEANING else c for c in columns)
    return f"Not shown, as no series has one: {named}."


def _stated(frame: pd.DataFrame, name: str, units: pd.Series, locale: Locale) -> pd.Series:
    """Write the amount ``name`` as stated (qualifier, range), marked when it sums parts."""
    text: pd.Series = format_amounts(
        frame[name],
        units,
        qualifiers=frame[f"{name}_qualifier"],
        lows=frame[f"{name}_low"],
        highs=frame[f"{name}_high"],
        locale=locale,
    ) + _sum_mark(frame[f"{name}_parts"], locale)
    return text


def summary_text(frame: pd.DataFrame, *, locale: Locale = "en") -> pd.DataFrame:
    """Write a :func:`summary` as short text, one column per question, for reading.

    Columns: ``metric`` (its label), ``year`` (Jalali), ``latest`` (the amount as stated),
    ``when`` (a year-to-date figure's as-of date, Jalali = Gregorian, and the share of the
    year; a level's date; the Gregorian span of a flow; the publication window when the
    day is unknown), ``full year``, ``target``, ``attained``, ``change`` (on the previous
    year), ``jobs/unit``, ``pinned`` (``1 of 4, 5 interp.``: figures used of those given,
    months interpolated) and ``findings`` (``1E 2W 4I``: errors, warnings, info).

    Examples
    --------
    >>> from isipo_stats import figures_from_records
    >>> revived = {"metric": "revived_units", "unit": "units"}
    >>> table = figures_from_records([
    ...     {"id": "h1", **revived, "kind": "cumulative", "end": "1398-06-31", "value": 529},
    ...     {"id": "t", **revived, "kind": "target", "jyear": 1398, "value": 2000}])
    >>> summary_text(summary(table)).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'metric': 'Revived units', 'year': '1398', 'latest': '529 units',
     'when': '1398-06-31 = 2019-09-22 (51 % of year)', 'full year': '-',
     'target': '2,000 units', 'attained': '26.5 %', 'change': '-', 'jobs/unit': '-',
     'pinned': '1 of 2, 5 interp.', 'findings': '-'}
    """
    units = frame["unit"]
    pinned = (
        frame["used"].astype(str)
        + " of "
        + frame["figures"].astype(str)
        + ", "
        + frame["interpolated"].astype(str)
        + " interp."
    )
    out = pd.DataFrame(
        {
            "metric": frame["metric"].map(
                {m: metric_label(m, locale) for m in frame["metric"].unique()}
            ),
            "year": frame["jyear"].astype(str),
            "latest": _stated(frame, "latest", units, locale),
            "when": _when(frame),
            "full year": _stated(frame, "full_year", units, locale),
            "target": format_amounts(
                frame["target"], units, qualifiers=frame["target_qualifier"], locale=locale
            ),
            "attained": format_percents(frame["attainment"], locale=locale),
            "change": format_percents(frame["change"], signed=True, locale=locale),
            "jobs/unit": format_amounts(
                frame["jobs_per_unit"].round(1),
                qualifiers=frame["jobs_per_unit_qualifier"],
                locale=locale,
            ),
            "pinned": pinned,
            "findings": _count_text(frame),
        },
        index=frame.index,
    )
    return out


def reading_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Order a :func:`summary` for reading: the best-reported metrics first, then by name.

    Metrics are ranked by how many figures they have (all units and years together); a
    metric's rows stay together, by unit and year.
    """
    weight = frame.groupby("metric")["figures"].transform("sum")
    order = np.lexsort((frame["jyear"], frame["unit"], frame["metric"], -weight.to_numpy()))
    return frame.iloc[order]
