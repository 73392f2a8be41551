"""The figures of one metric, sorted into what a chart draws and how (no matplotlib).

Every figure of the metric, region and unit gets a ``role``:

``point``
    a dated year-to-date figure (a cumulative total, or a flow from 1 Farvardin): a marker
    at its as-of date;
``undated``
    a year-to-date figure (or a level) whose as-of date is unknown: a line over the window in
    which it must have been published, as :func:`isipo_stats.check` narrowed it;
``flow``
    a flow over part of a year: a line over its span (at most the total at its end);
``level``
    a level at a date (a stock or a share): a marker at its date;
``target``
    a target: a short mark ending on the last day of its span (inside its year), labelled;
``aside``
    a figure that no Jalali year holds (a multi-year span, no year given): listed under the
    chart, never dropped silently.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.checks.publication import publication_windows
from isipo_stats.plotting._layout import (
    Band,
    Stretch,
    TimeAxis,
    band,
    day_numbers,
    nodes,
    stretches,
    time_axis,
)
from isipo_stats.reconciliation import Reconciled

_ACCOUNT: Final = ["fitted", "status", "reason"]


class Scene(NamedTuple):
    """Everything one chart draws, in day numbers (see :mod:`._layout`)."""

    rows: pd.DataFrame
    axis: TimeAxis
    stretches: list[Stretch]
    bands: list[Band]
    empty_years: list[tuple[int, int]]


def scene(
    figures: pd.DataFrame, rows: pd.DataFrame, result: Reconciled, monthly: pd.DataFrame
) -> Scene:
    """Sort the rows of one series by role, lay out the years and split the paths."""
    rows = _roles(_accounted(rows, result), figures)
    drawn = rows[rows["role"] != "aside"]
    years = {int(y) for y in drawn["jyear"].dropna()}
    axis = time_axis(years)
    paths: list[Stretch] = []
    bands: list[Band] = []
    for year in axis.shown:
        months = monthly[monthly["jyear"] == year].sort_values("end")
        pins = nodes(drawn[drawn["jyear"] == year])
        paths += stretches(year, months, pins)
        year_band = band(year, months, pins) if not months.empty else None
        if year_band is not None:
            bands.append(year_band)
    empty = [(p.first, p.last) for p in axis.panels if p.empty]
    return Scene(rows, axis, paths, bands, empty)


def _accounted(rows: pd.DataFrame, result: Reconciled) -> pd.DataFrame:
    """Add how :func:`reconcile` used each figure (``fitted``, ``status``, ``reason``)."""
    account = result.figures.set_index("id")[_ACCOUNT]
    out = rows.join(account, on="id")
    out["status"] = out["status"].fillna("not used")
    out["reason"] = out["reason"].fillna("")
    return out


def _roles(rows: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Give each figure its role, its publication window and whether it is excluded."""
    out = rows.copy()
    years = out["jyear"].to_numpy(dtype=np.float64, na_value=np.nan)
    known = ~np.isnan(years)
    first = np.full(len(out), np.nan)
    first[known] = _kernel.nowruz(years[known].astype(np.int64))
    start, end = day_numbers(out["start"]), day_numbers(out["end"])
    kind = out["kind"].to_numpy(dtype=object)
    ytd = known & ((kind == "cumulative") | ((kind == "period") & (start == first)))
    out["ytd"] = ytd
    role = np.full(len(out), "aside", dtype=object)
    role[ytd & ~np.isnan(end)] = "point"
    role[ytd & np.isnan(end) & (kind == "cumulative")] = "undated"
    role[known & (kind == "level")] = np.where(np.isnan(end), "undated", "level")[
        known & (kind == "level")
    ]
    role[known & (kind == "period") & ~ytd & ~np.isnan(end)] = "flow"
    role[known & (kind == "target") & ~np.isnan(end)] = "target"
    out["role"] = role
    out["excluded"] = out["status"] == "excluded"
    out["finding"] = out["reason"].str.removeprefix("flagged: ").where(out["excluded"], "")
    earliest, latest = _windows(figures, out["id"])
    out["window_from"], out["window_to"] = earliest, latest
    return out


def _windows(figures: pd.DataFrame, ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return the publication windows of ``ids`` as :func:`isipo_stats.check` narrows them.

    Day numbers of the first and last possible publication day (NaN when unknown).
    """
    found = publication_windows(figures).set_index("id").reindex(ids.to_numpy(dtype=object))
    day = np.timedelta64(1, "D")
    epoch = np.datetime64("1970-01-01")
    earliest = (found["earliest"].to_numpy(dtype="datetime64[us]") - epoch) / day
    latest = (found["latest"].to_numpy(dtype="datetime64[us]") - epoch) / day
    return earliest, latest


def y_ceiling(found: Scene) -> float:
    """Return the top of the y axis: above every figure drawn, every path and finite limit.

    An excluded figure more than twice as high as everything else is drawn at the top,
    marked off scale, rather than squashing the rest.
    """
    drawn = found.rows[found.rows["role"] != "aside"]
    kept = drawn[~drawn["excluded"]]
    values = [kept["value"].to_numpy(dtype=np.float64), np.array([0.0])]
    values += [s.values for s in found.stretches]
    values += [np.where(np.isfinite(b.high), b.high, b.low) for b in found.bands]
    top = float(np.nanmax(np.concatenate(values)))
    excluded = drawn.loc[drawn["excluded"], "value"].to_numpy(dtype=np.float64)
    if excluded.size and (top <= 0 or excluded.max() <= 2 * top):
        top = max(top, float(excluded.max()))
    return top * 1.15 if top > 0 else 1.0
