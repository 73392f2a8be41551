"""Plausibility of year-to-date series: jumps in their pace, and jobs per unit.

These checks do not find figures that cannot all hold (the path checks do): they find
figures that can, but hardly do. They read the numbers as the reports state them ("over
5,291" as 5,291), because the question is whether the report's own numbers are plausible;
an "over" or "up to" would otherwise leave any jump possible.

Each series (metric, region, unit and Jalali year) is read in the order of its year-to-date
points (whole figures only, shares left out); of several points on one day, the highest is
taken as the earlier point of a step and the lowest as the later one, so that the step is
the smallest the figures allow.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import SERIES, Table, approx_spread, combine, join
from isipo_stats.checks._text import amounts, days

__all__ = ["jobs_per_unit", "pace_jump"]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Texts = npt.NDArray[np.object_]

_JOBS: Final = ("jobs", "units")
"""The units of a ``ratio_pairs`` pair whose ratio is jobs per unit."""


def _steps(table: Table) -> tuple[Ints, Ints]:
    """Return the steps of each series: (earlier, later) year-to-date points on two days.

    Consecutive days of one series; of several points on one day, the highest is the
    earlier end of a step and the lowest the later one.
    """
    rows = table.where(table.is_point & ~table.is_part & (table["unit"] != "percent"))
    series, end, value = table.key(SERIES)[rows], table["end"][rows], table["value"][rows]
    order = np.lexsort((value, end, series))
    rows, series, end = rows[order], series[order], end[order]
    if rows.size == 0:
        return rows, rows
    first = np.flatnonzero(np.r_[True, (series[1:] != series[:-1]) | (end[1:] != end[:-1])])
    last = np.r_[first[1:] - 1, rows.size - 1]
    same = series[first[1:]] == series[last[:-1]]
    return rows[last[:-1][same]], rows[first[1:][same]]


def _as_stated(table: Table, rows: Ints) -> tuple[Floats, Floats]:
    """Return the lowest and highest a stated number may be, its rounding allowed for.

    "About" and ranges keep their interval; any other figure is its value give or take
    half a unit of its last significant digit ("400" is 350..450, "5,291" 5,290.5..5,291.5,
    "0" -0.5..0.5), "over" and "up to" included.
    """
    value, q = table["value"][rows], table["qualifier"][rows]
    spread = np.where(value == 0, 0.5, approx_spread(value, 0.5, 0.0))
    interval = (q == "approx") | (q == "range")
    low = np.where(interval, table["lo"][rows], value - spread)
    high = np.where(interval, table["hi"][rows], value + spread)
    return low, high


def _previous_pace(table: Table, rows: Ints) -> Floats:
    """Return the daily pace of the previous year of each figure's series (NaN if unknown).

    Read from a whole year-to-date figure for the previous year's whole span (the highest
    when several), over the length of that year.
    """
    whole = table.is_point & ~table.is_part & (table["end"] == table.year_bounds[1])
    full = table.where(whole)
    kinds = table.key(("metric", "region", "unit"))
    high = _as_stated(table, full)[1]
    length = _kernel.year_length(table["jyear"][full].astype(np.int64))
    paces = pd.DataFrame({"kind": kinds[full], "year": table["jyear"][full], "pace": high / length})
    best = paces.groupby(["kind", "year"])["pace"].max()
    wanted = pd.MultiIndex.from_arrays([kinds[rows], table["jyear"][rows] - 1])
    return best.reindex(wanted).to_numpy(dtype=np.float64)


def _pace_jumps(table: Table) -> tuple[Ints, Ints, Floats, Floats, Floats, Texts, Floats]:
    """Return the steps faster than ``pace_factor`` times their baseline, with numbers."""
    a, b = table.shared(_steps)
    low_b = _as_stated(table, b)[0]
    high_a = _as_stated(table, a)[1]
    nowruz = table.year_bounds[0][a]
    since = table["end"][a] - nowruz + 1  # days since Nowruz, the as-of day included
    steps = table["end"][b] - table["end"][a]
    rise = low_b - high_a
    with np.errstate(divide="ignore", invalid="ignore"):
        daily = rise / steps
        own = np.where((since >= table.tolerances.pace_min_days) & (high_a > 0),
                       high_a / since, np.nan)  # fmt: skip
    previous = _previous_pace(table, a)
    base = np.fmax(own, previous)
    with np.errstate(divide="ignore", invalid="ignore"):
        times = daily / base
    jump = (rise > 0) & (base > 0) & (times > table.tolerances.pace_factor)
    before = np.where(
        previous[jump] > np.nan_to_num(own[jump], nan=-np.inf),
        "its pace in " + np.char.mod("%d", table["jyear"][a][jump] - 1).astype(object),
        np.full(int(jump.sum()), "its pace since Nowruz", dtype=object),
    ).astype(object)
    return a[jump], b[jump], rise[jump], steps[jump], daily[jump], before, base[jump]


@unit("pace_jump", "warning", ("pace_factor", "pace_min_days", "approx_tolerance", "approx_floor"),
      about="a year-to-date series rising between two figures many times faster than its "
      "pace before them (the pace factor)",
      template="{id_b}: year-to-date {metric} went from {stated_a} on {end_a:d} ({id_a}) to "
               "{stated_b} on {end_b:d}, a rise of at least {rise:n} in {steps:i} days "
               "({daily:n} a day), {times:n} times {before} ({base:n} a day)")  # fmt: skip
def pace_jump(table: Table) -> Found:
    """Find steps of a year-to-date series far faster than its pace before them.

    A step between two consecutive year-to-date points of a series rises at least by the
    lower stated number less the higher one, each allowed its rounding ("400" may be 350 to
    450), over the days between them. Its baseline is the faster of the series' pace since
    Nowruz (the higher stated number over the days since Nowruz, read only from
    ``pace_min_days`` into the year: the Nowruz holidays slow the first weeks) and its pace
    in the previous Jalali year (a figure for the whole of that year, over its length).
    A step more than ``pace_factor`` times its baseline (default 5) is flagged: jobs going
    from "over 5,291" to "over 12,478" in nine days, 22 times the year's pace.

    The ratio of a pace to a pace does not change when a series' numbers are given in other
    units (thousands, millions); a series that rises at a constant pace is never flagged,
    nor one stated in whole numbers rounded from a constant pace (the rounding allowance
    covers it). A series without a baseline (its first point early in the year and no
    previous year) is not judged. Severity ``warning``: a jump is possible (a backlog of
    approvals announced at once), but it asks for a look at the two reports.
    """
    a, b, rise, steps, daily, before, base = table.shared(_pace_jumps)
    q, value, low, high = (table[c] for c in ("qualifier", "value", "low", "high"))
    return Found(
        a=a,
        b=b,
        value=daily,
        low=-np.inf,
        high=base * table.tolerances.pace_factor,
        fields={
            "stated_a": amounts(q[a], value[a], low[a], high[a]),
            "stated_b": amounts(q[b], value[b], low[b], high[b]),
            "rise": rise,
            "steps": steps,
            "daily": daily,
            "times": daily / base,
            "before": before,
            "base": base,
        },
    )


def _same_span(table: Table) -> tuple[Ints, Ints]:
    """Pairs (jobs, units) of figures of a jobs-per-unit ratio pair for the same span."""
    key = table.key(("region", "kind", "jyear", "start", "end", "published_from",
                     "published_to"), missing_matches=True)  # fmt: skip
    metric, unit_of = table["metric"], table["unit"]
    found = [
        join(key, table.where((metric == top) & (unit_of == _JOBS[0])),
             table.where((metric == bottom) & (unit_of == _JOBS[1])))
        for top, bottom in table.ratio_pairs
    ]  # fmt: skip
    i = np.concatenate([np.zeros(0, np.int64), *(f[0] for f in found)])
    j = np.concatenate([np.zeros(0, np.int64), *(f[1] for f in found)])
    return i, j


def _increments(table: Table) -> tuple[Ints, Ints, Ints, Ints]:
    """Return the steps of a jobs series and of its units series between the same two days.

    Returns (jobs earlier, jobs later, units earlier, units later).
    """
    a, b = table.shared(_steps)
    metric, unit_of = table["metric"][a], table["unit"][a]
    key = combine(
        table.code("region")[a],
        table.code("jyear")[a],
        pd.factorize(table["end"][a])[0].astype(np.int64),
        pd.factorize(table["end"][b])[0].astype(np.int64),
    )
    found = [
        join(key, np.flatnonzero((metric == top) & (unit_of == _JOBS[0])),
             np.flatnonzero((metric == bottom) & (unit_of == _JOBS[1])))
        for top, bottom in table.ratio_pairs
    ]  # fmt: skip
    i = np.concatenate([np.zeros(0, np.int64), *(f[0] for f in found)]).astype(np.int64)
    k = np.concatenate([np.zeros(0, np.int64), *(f[1] for f in found)]).astype(np.int64)
    return a[i], b[i], a[k], b[k]


def _stated(table: Table, rows: Ints) -> Texts:
    q, value, low, high = (table[c] for c in ("qualifier", "value", "low", "high"))
    return amounts(q[rows], value[rows], low[rows], high[rows])


@unit("jobs_per_unit", "warning", ("jobs_per_unit_low", "jobs_per_unit_high"),
      about="jobs per unit (a jobs and a units figure of a ratio pair, for one span or for "
      "the rise between two days) outside the plausible band",
      template="{what}: {ratio:n} {metric_a} per {metric_b}, outside the plausible "
               "{band_low:n} to {band_high:n}")  # fmt: skip
def jobs_per_unit(table: Table) -> Found:
    """Find jobs per unit outside ``jobs_per_unit_low`` .. ``jobs_per_unit_high``.

    Read for each pair of ``ratio_pairs`` whose figures are in ``jobs`` and ``units``: a
    jobs figure over a units figure for the same span (paired as for ``ratio_outlier``),
    and the rise of a jobs year-to-date series over the rise of its units series between
    the same two days (the numbers as stated; a rise only where jobs rose and units rose by
    more than the rounding of their figures). The default band, 5 to 50 jobs per unit,
    is half the lowest and twice the highest ratio of twelve ISIPO statements, 10.1 to 25.0
    (median 18; ISIPO's head gave "18 people on average"): 21,618 / 1,185 in 1398 and
    27,000 / 1,557 in 1399 (Tehran Times 446409, 464008), 4,481 / 211 in the first 100
    days of 1400 (Pakistan Observer, from Tehran Times), 39,000 / 2,067 in 1400 (Tehran
    Times 481792), 35,621 / 1,811 and 51,951 / 5,078 in 1402 (MENAFN 1108541077), 118,000 /
    5,400 under the 13th administration (MENAFN 1107004064), 2,000 / 199 in South Khorasan
    (Tehran Times 481792). Severity ``warning``.

    In 1400 jobs went from "over 5,291" to "over 12,478" while revived units went from 400
    to 499: 7,187 jobs for 99 units, 72.6 per unit.
    """
    i, j = _same_span(table)
    j0, j1, u0, u1 = _increments(table)
    value, ids, metric = table["value"], table["id"], table["metric"]
    jobs = np.r_[value[i], value[j1] - value[j0]]
    units = np.r_[value[j], value[u1] - value[u0]]
    ratio = jobs / np.where(units > 0, units, np.nan)
    what = np.r_[
        ids[i] + " / " + ids[j] + ": " + _stated(table, i) + " " + metric[i] + " for "
        + _stated(table, j) + " " + metric[j],
        "the rise from " + _stated(table, j0) + " to " + _stated(table, j1) + " " + metric[j0]
        + " (" + ids[j0] + ", " + ids[j1] + ") for the rise from " + _stated(table, u0)
        + " to " + _stated(table, u1) + " " + metric[u0] + " (" + ids[u0] + ", " + ids[u1]
        + ") between " + days(table["end"][j0]) + " and " + days(table["end"][j1]),
    ].astype(object)  # fmt: skip
    every = np.r_[ids[i] + ", " + ids[j],
                  ids[j0] + ", " + ids[j1] + ", " + ids[u0] + ", " + ids[u1]]  # fmt: skip
    low, high = table.tolerances.jobs_per_unit_low, table.tolerances.jobs_per_unit_high
    # a rise is judged only where both series rose, the units by more than their rounding
    # ("500" to "501" may be no rise at all); a fall is cumulative_decrease's finding
    units_low = _as_stated(table, u1)[0] - _as_stated(table, u0)[1]
    rose = np.r_[np.ones(i.size, np.bool_), (value[j1] > value[j0]) & (units_low > 0)]
    with np.errstate(invalid="ignore"):
        outside = rose & ((ratio < low) | (ratio > high))
    count = int(outside.sum())
    return Found(
        a=np.r_[i, j1][outside],
        b=np.r_[j, u1][outside],
        ids=every[outside].astype(object),
        value=ratio[outside],
        low=low,
        high=high,
        fields={
            "what": what[outside],
            "ratio": ratio[outside],
            "band_low": np.full(count, low),
            "band_high": np.full(count, high),
        },
    )
