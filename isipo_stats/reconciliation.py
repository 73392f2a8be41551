"""Reconciliation: a consistent path for every series from sparse reports.

For every metric x region x unit x Jalali year, :func:`reconcile` builds the year-to-date
(cumulative) path of the year from the figures that :func:`isipo_stats.check` did not flag
as errors, and reports for every input figure how it was used.

The path
--------
Time is measured in days since Nowruz: a figure as of day ``d`` of the year pins the
cumulative total at ``x = d`` (so partial months are pro-rated by days), and the year
starts at ``(0, 0)``.

* **Nodes**: exact year-to-date figures (cumulative figures and period figures starting on
  1 Farvardin) are honoured exactly; approximate and range figures are used softly: as nodes
  when they agree with the exact ones and the bounds, otherwise left out (status
  ``not used``). Sub-year flows with a pinned start add their value to it.
* **Bounds** ("over 39,000", "up to"), flows whose start is not pinned (a lower bound on the
  total at their end), and year-to-date figures whose as-of date is unknown (their as-of is
  their publication date, somewhere in the publication window) are inequalities. Where the
  path would break one, a node is added on the bound.
* **Smoothness**: between nodes the path is the monotone piecewise-cubic Hermite interpolant
  of Fritsch and Carlson (1980) in days since Nowruz (see :mod:`isipo_stats.interpolation`):
  it passes through every node, never decreases when the nodes do not, so the monthly flows
  are never negative, and it has no overshoot. It is smooth where the data allow and flat
  where two nodes are equal.
* **No invention**: the point path stops at the last node of the year; after it, and for a
  year with only targets or levels, nothing is estimated. The feasible band ``low..high`` is
  given for every month all the same: the lowest and highest cumulative values consistent
  with all unflagged figures (a non-decreasing path from zero through the exact figures,
  within the bounds).

References
----------
F. N. Fritsch and R. E. Carlson, "Monotone piecewise cubic interpolation", SIAM J. Numer.
Anal. 17(2), 1980. IMF, *Quarterly National Accounts Manual*, 2017, ch. 6 (benchmarking,
the alternative with an indicator series). Statistics Canada, G-Series 3.0 (overlapping
benchmarks over arbitrary spans, the model for year-to-date figures).
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._typing import FreqCode
from isipo_stats.checks import CHECKS, DEFAULT_RATIO_PAIRS, UNITS, Tolerances, as_tolerances
from isipo_stats.checks._registry import Found, Unit, findings, flag_table, run, sort_flags
from isipo_stats.checks._table import SERIES, Table, combine, require_table, validated
from isipo_stats.checks._text import Template, days, numbers
from isipo_stats.frequency import Frequency, get_frequency
from isipo_stats.interpolation import grouped_pchip, running_max
from isipo_stats.series import year_label

__all__ = ["Reconciled", "reconcile"]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Texts = npt.NDArray[np.object_]

_GROUP: Final = list(SERIES)
_USED: Final = ("used", "used softly", "used as bound")
_FIGURE_COLUMNS: Final = [
    "id", "metric", "region", "unit", "jyear", "kind", "qualifier", "value", "fitted",
    "residual", "status", "reason",
]  # fmt: skip


class Reconciled(NamedTuple):
    """The result of :func:`reconcile`.

    Attributes
    ----------
    monthly : pandas.DataFrame
        One row per series and period: ``metric``, ``region``, ``unit``, ``jyear``,
        ``label`` (``"1400 (2021/22)"``), ``period`` (``"1400-07"``, ``"1400-Q3"`` or
        ``"1400"``), ``start``, ``end``, ``cumulative`` (year-to-date at ``as_of``; NaN after
        the last figure of the year), ``as_of`` (``end``, or, with ``freq="M"``, the date
        of the year's last figure in the month that holds it: its partial value; NaT where
        ``cumulative`` is NaN), ``flow`` (within the period, to ``as_of``), ``low`` and ``high``
        (the feasible band of the cumulative value; ``high`` is inf when unbounded).
    figures : pandas.DataFrame
        One row per input figure (every ``id``): ``fitted`` (the path's value for the
        figure's span), ``residual`` (value - fitted), ``status`` (``used``, ``used softly``,
        ``used as bound``, ``excluded``, ``not used``) and ``reason``.
    flags : pandas.DataFrame
        The :func:`isipo_stats.check` table.
    groups : pandas.DataFrame
        One row per series: figures counted, how many were used, where the path ends, and a
        plain status (``complete year``, ``path ends on ...``, ``no actuals: only targets``).
    """

    monthly: pd.DataFrame
    figures: pd.DataFrame
    flags: pd.DataFrame
    groups: pd.DataFrame

    def summary(self, figures: pd.DataFrame) -> pd.DataFrame:
        """Return :func:`isipo_stats.summary` of ``figures`` (the table reconciled here)."""
        from isipo_stats.summary import summary  # noqa: PLC0415 (the report layer, above)

        return summary(figures, reconciled=self)

    def _repr_html_(self) -> str:
        """Show the result in a notebook: its groups and findings as HTML tables."""
        from isipo_stats.report_html import reconciled_html  # noqa: PLC0415 (report layer)

        return reconciled_html(self)


class Points(NamedTuple):
    """Points ``(group, x, y)`` of many series, ``x`` in days since Nowruz."""

    gid: Ints
    x: Floats
    y: Floats


class Constraints(NamedTuple):
    """Hard limits ``lo <= C(x) <= hi`` on the path of group ``gid``, from figure ``row``."""

    gid: Ints
    x: Floats
    lo: Floats
    hi: Floats
    row: Ints


class Series(NamedTuple):
    """The usable figures (positions ``rows`` in the table) and the series they form.

    ``keys`` holds one figure of each series (in order of first appearance), ``gid`` the
    series of each usable figure; ``end_x``/``start_x`` are the ends of their spans in days
    since Nowruz, ``year_len`` the length of their year. The masks say how each is used.
    """

    rows: Ints
    gid: Ints
    keys: Ints
    year_len: Ints
    end_x: Floats
    start_x: Floats
    exact: Bools
    soft: Bools
    bound_point: Bools
    part_point: Bools
    open_asof: Bools
    sub_flow: Bools
    whole: Bools
    flow: Bools

    @property
    def is_point(self) -> Bools:
        """Year-to-date points (exact, soft, bounds or parts)."""
        point: Bools = self.exact | self.soft | self.bound_point | self.part_point
        return point

    @property
    def as_bound(self) -> Bools:
        """Figures used as inequalities."""
        bound: Bools = self.bound_point | self.part_point | self.open_asof | self.sub_flow
        return bound


# --- which figures can be used ---------------------------------------------------------------

# Checks whose first id is the one at fault (a total that disagrees with its parts).
_BLAME_FIRST: Final = ("components_mismatch", "flow_infeasible", "flow_exceeds_rise")
# Checks that exclude their figure at any severity (no path can meet it: reported once).
_EXCLUDING: Final = ("flow_exceeds_rise",)
# Checks between two figures: when exactly one of the two is exact, the other is blamed.
_PAIR_CHECKS: Final = (
    "cumulative_decrease", "bound_violation", "conflicting_figures", "period_exceeds_cumulative",
)  # fmt: skip


def _excluding_flags(flags: pd.DataFrame, table: Table) -> Texts:
    """Name the error flag that excludes each figure ("" for none; the first flag wins).

    A total that disagrees with its parts is excluded, not its parts; of two figures that
    cannot both hold, an inexact one (approximate, a bound, a range) is excluded when the
    other is exact; otherwise the one that contradicts more figures (the odd one out of
    several that agree), and both when they contradict as many.
    """
    errors = flags[((flags["severity"] == "error") | flags["check"].isin(_EXCLUDING)).to_numpy(
        dtype=bool)]  # fmt: skip
    named = errors["figure_ids"].reset_index(drop=True).str.split(", ").explode()
    flag = named.index.to_numpy(dtype=np.int64)
    figure = pd.Index(table["id"]).get_indexer(named.to_numpy(dtype=object)).astype(np.int64)
    check = errors["check"].to_numpy(dtype=object)[flag]
    count = np.bincount(flag, minlength=len(errors))[flag]
    place = np.arange(flag.size) - np.searchsorted(flag, flag)  # 0 for a flag's first id
    exact = np.append(table["qualifier"], "")[figure] == "exact"  # an unknown id (-1) reads ""
    first_exact = exact[np.searchsorted(flag, flag)]
    second_exact = exact[np.minimum(np.searchsorted(flag, flag) + 1, flag.size - 1)]
    pair = np.isin(check, _PAIR_CHECKS) & (count == 2)
    # how many contradictions each figure is in: the odd one out is in more
    degree = np.bincount(figure[pair & (figure >= 0)], minlength=table.n + 1)
    first_degree = np.append(degree, 0)[figure[np.searchsorted(flag, flag)]]
    second_degree = np.append(degree, 0)[figure[np.minimum(np.searchsorted(flag, flag) + 1,
                                                            flag.size - 1)]]  # fmt: skip
    same_footing = first_exact == second_exact
    only_first = (
        (pair & ~first_exact & second_exact)
        | (pair & same_footing & (first_degree > second_degree))
        | np.isin(check, _BLAME_FIRST)
    )
    only_second = (pair & first_exact & ~second_exact) | (
        pair & same_footing & (second_degree > first_degree)
    )
    blamed = (figure >= 0) & ~(only_first & (place != 0)) & ~(only_second & (place != 1))
    figure, check = figure[blamed], check[blamed]
    out = np.full(table.n, "", dtype=object)
    first_time = np.unique(figure, return_index=True)[1]
    out[figure[first_time]] = check[first_time]
    return out


def _unusable(table: Table, flags: pd.DataFrame) -> tuple[Texts, Texts]:
    """Return the status and reason of figures that cannot be used ("" for the others)."""
    kind, jyear = table["kind"], table["jyear"]
    reason = np.full(table.n, "", dtype=object)
    for mask, why in (
        (kind == "target", "a target, not an actual"),
        (kind == "level", "a level at a point in time, not a flow"),
        (np.isnan(jyear) & ((kind == "cumulative") | (kind == "period")), "a multi-year span"),
        (table["unit"] == "percent", "a share, not a flow"),
        (~pd.isna(table["derived"]), "a derived statement, not a flow"),
    ):
        reason = np.where(~mask | (reason != ""), reason, why)
    flagged = _excluding_flags(flags, table)
    excluded = flagged != ""
    status = np.where(excluded, "excluded", "not used").astype(object)
    reason = np.where(excluded, "flagged: " + flagged, reason).astype(object)
    return status, reason


def _series(table: Table, usable: Bools) -> Series:
    """Group the usable figures into series and place their spans in their years."""
    rows = table.where(usable)
    gid = pd.factorize(table.key(SERIES)[rows])[0].astype(np.int64)  # in order of appearance
    first = np.unique(gid, return_index=True)[1]
    years = table["jyear"][rows].astype(np.int64)
    nowruz = _kernel.nowruz(years)
    quality = table["qualifier"][rows]
    is_point = table.is_point[rows]
    whole = ~table.is_part[rows]  # a part of a total only bounds its series from below
    kind = table["kind"][rows]
    end: Floats = table["end"][rows]
    return Series(
        rows=rows,
        gid=gid,
        keys=rows[first],
        year_len=_kernel.year_length(years),
        end_x=end - nowruz + 1,
        start_x=np.asarray(table["start"][rows] - nowruz, dtype=np.float64),
        exact=is_point & whole & (quality == "exact"),
        soft=is_point & whole & ((quality == "approx") | (quality == "range")),
        bound_point=is_point & whole & ((quality == "lower") | (quality == "upper")),
        part_point=is_point & ~whole,
        open_asof=(kind == "cumulative") & np.isnan(end),
        sub_flow=(kind == "period") & ~is_point,
        whole=whole,
        flow=(kind == "period") & ~is_point & whole,
    )


# --- stage 1: constraints --------------------------------------------------------------------


def _constraints(table: Table, series: Series) -> Constraints:
    """Collect the hard limits on each path: exact points, bounds, ranges, totals, flows.

    A year-to-date total whose as-of date is unknown (its publication date, somewhere in
    the publication window) is reached by the window's end and not yet exceeded at its
    start; a flow within the year is at most the total at its end; a part of a total is at
    most its series' total at its end. Each figure gives a lower limit, an upper one, or
    both; a part, a flow or a lower bound never an upper one.
    """
    rows, gid, year_len = series.rows, series.gid, series.year_len
    nowruz = _kernel.nowruz(table["jyear"][rows].astype(np.int64))
    pub_from = np.clip(table["published_from"][rows] - nowruz + 1, 0, year_len)
    pub_to = np.clip(table["published_to"][rows] - nowruz + 1, 0, year_len)
    pub_to = np.where(np.isnan(pub_to), year_len, pub_to)
    pub_from = np.where(np.isnan(pub_from), 0.0, pub_from)
    range_point = series.soft & (table["qualifier"][rows] == "range")
    hard = series.exact | series.bound_point | range_point
    asof = series.open_asof
    lower = hard | series.part_point | asof | series.sub_flow
    upper = hard | (asof & series.whole)
    lower_x = np.where(asof, pub_to, series.end_x)
    upper_x = np.where(asof, pub_from, series.end_x)
    n_lower, n_upper = int(lower.sum()), int(upper.sum())
    together = _parts_together(table, series, lower & ~series.whole, lower_x)
    return Constraints(
        gid=np.r_[gid[lower], gid[upper], together.gid].astype(np.int64),
        x=np.r_[lower_x[lower], upper_x[upper], together.x],
        lo=np.r_[table["lo"][rows][lower], np.full(n_upper, -np.inf), together.lo],
        hi=np.r_[np.full(n_lower, np.inf), table["hi"][rows][upper], together.hi],
        row=np.r_[rows[lower], rows[upper], together.row].astype(np.int64),
    )


def _parts_together(table: Table, series: Series, part: Bools, x: Floats) -> Constraints:
    """Bound each series from below by the sum of the parts of one total at one day.

    Their total may be excluded (it disagrees with them): the series is then at least
    the sum of its parts there, not the largest of them. A part stated as "up to" adds 0.
    """
    rows = series.rows[part]
    gid, at = series.gid[part], x[part]
    total = pd.factorize(table["part_of"][rows])[0].astype(np.int64)
    key = combine(gid, total, pd.factorize(at)[0].astype(np.int64))
    _, first, group = np.unique(key, return_index=True, return_inverse=True)
    group = group.reshape(-1)
    low = np.bincount(group, weights=np.maximum(table["lo"][rows], 0.0))
    several = np.bincount(group) > 1
    first = first[several]
    return Constraints(
        gid=gid[first],
        x=at[first],
        lo=low[several].astype(np.float64),
        hi=np.full(first.size, np.inf),
        row=rows[first],
    )


_INFEASIBLE: Final = Unit(
    "infeasible_band",
    "error",
    (),
    Template(
        "{id_a} and {id_b}: no non-decreasing path of {metric} is at least {lo:n} on "
        "{day_a:d} and at most {hi:n} on {day_b:d}"
    ),
    CHECKS["infeasible_band"],
    lambda table: Found(a=np.zeros(0, np.int64)),
)


def _contradictions(table: Table, limits: Constraints) -> Found:
    """Find upper limits below a lower limit at or before them (on the same path)."""
    if limits.x.size == 0:
        return Found(a=np.zeros(0, np.int64), b=np.zeros(0, np.int64), fields=_NO_DAYS)
    base = float(np.min(limits.x))
    width = float(np.max(limits.x)) - base + 2.0
    key = limits.gid * width + (limits.x - base)
    order = np.argsort(key, kind="stable")
    lowest = running_max(limits.gid[order], limits.lo[order])
    holder = np.maximum.accumulate(np.where(limits.lo[order] >= lowest, np.arange(order.size), 0))
    at = np.searchsorted(key[order], key, side="right") - 1  # the last limit at or before
    broken = lowest[at] > limits.hi + 1e-9
    lower, upper = order[holder[at[broken]]], np.flatnonzero(broken)
    nowruz = table.year_bounds[0]
    row_lo, row_hi = limits.row[lower], limits.row[upper]
    return Found(
        a=row_lo,
        b=row_hi,
        value=limits.lo[lower],
        low=-np.inf,
        high=limits.hi[upper],
        fields={
            "lo": limits.lo[lower],
            "hi": limits.hi[upper],
            "day_a": nowruz[row_lo] + limits.x[lower] - 1,
            "day_b": nowruz[row_hi] + limits.x[upper] - 1,
        },
    )


_NO_DAYS: Final = {"lo": np.zeros(0), "hi": np.zeros(0), "day_a": np.zeros(0), "day_b": np.zeros(0)}


class Path(NamedTuple):
    """What the stages before the bounds give: the figures, limits, nodes and flows."""

    series: Series
    limits: Constraints
    work: Constraints
    nodes: Points
    placed: Bools
    flags: pd.DataFrame


def _feasible(table: Table, flags: pd.DataFrame, unusable: tuple[Texts, Texts]) -> Path:
    """Leave out the figures whose limits no path can meet together, with a finding each.

    The checks find such figures in pairs before reconciliation; what they leave (flags
    given for another table, other tolerances) is found here, flagged ``infeasible_band``,
    and both figures are excluded, until every path has a band. A flow within the year
    that the band cannot hold is flagged ``flow_infeasible`` and excluded.
    """
    status, reason = unusable
    found = []
    while True:
        series = _series(table, (reason == "") & (status != "excluded"))
        limits = _constraints(table, series)
        contradiction = _contradictions(table, limits)
        if contradiction.a.size:
            found.append(findings(_INFEASIBLE, table, contradiction))
            for rows in (contradiction.a, contradiction.b):
                fresh = np.asarray(rows, dtype=np.int64)
                fresh = fresh[status[fresh] != "excluded"]
                status[fresh], reason[fresh] = "excluded", "flagged: infeasible_band"
            continue
        hard, soft = _nodes(table, series, limits)
        flows = _place_flows(table, series, hard, soft, limits)
        if flows.failed.size == 0:
            break
        found.append(findings(_FLOW_INFEASIBLE, table, flows.found))
        bad = series.rows[flows.failed]
        status[bad], reason[bad] = "excluded", "flagged: flow_infeasible"
    if found:
        flags = sort_flags(pd.concat([flags, flag_table(found)], ignore_index=True))
    nodes = _merge(flows.hard, soft, flows.limits)
    return Path(series, limits, flows.limits, nodes, flows.placed, flags)


def _band(limits: Constraints, gid: Ints, x: Floats) -> tuple[Floats, Floats]:
    """Feasible band of a non-decreasing path from 0 under the limits, at ``(gid, x)``.

    low is the largest lower limit at or before x (at least 0), high the smallest upper
    limit at or after x.
    """
    band = _tightest(limits, gid, x)
    return band.low, band.high


class Band(NamedTuple):
    """The band at some days, and the figures whose limits make it (-1 for none)."""

    low: Floats
    low_row: Ints
    low_x: Floats
    high: Floats
    high_row: Ints
    high_x: Floats


def _tightest(limits: Constraints, gid: Ints, x: Floats) -> Band:
    """Return the band at ``(gid, x)`` (see :func:`_band`) and the limits that make it."""
    none = np.full(x.size, -1, dtype=np.int64)
    if limits.x.size == 0:
        return Band(np.zeros(x.size), none, np.zeros(x.size), np.full(x.size, np.inf),
                    none.copy(), np.full(x.size, np.nan))  # fmt: skip
    base = float(min(np.min(limits.x), np.min(x, initial=0.0)))
    width = float(max(np.max(limits.x), np.max(x, initial=0.0))) - base + 2.0
    key = limits.gid * width + (limits.x - base)
    order = np.argsort(key, kind="stable")
    key, group = key[order], limits.gid[order]
    lo, hi, row, at = limits.lo[order], limits.hi[order], limits.row[order], limits.x[order]
    lowest = running_max(group, lo)
    flipped = group[::-1].max() - group[::-1]
    highest = -running_max(flipped, -hi[::-1])[::-1]
    index = np.arange(key.size)
    # the limit holding each running extreme (the first of a group always holds its own)
    low_at = np.maximum.accumulate(np.where(lo >= lowest, index, 0))
    high_at = (key.size - 1 - np.maximum.accumulate(
        np.where(hi[::-1] <= highest[::-1], index, 0)))[::-1]  # fmt: skip
    query = gid * width + (x - base)
    before = np.searchsorted(key, query, side="right") - 1
    after = np.searchsorted(key, query, side="left")
    has_before = (before >= 0) & (group[np.maximum(before, 0)] == gid)
    has_after = (after < key.size) & (group[np.minimum(after, key.size - 1)] == gid)
    before, after = np.maximum(before, 0), np.minimum(after, key.size - 1)
    low = np.where(has_before, lowest[before], 0.0)
    low_row = np.where(has_before & np.isfinite(low), row[low_at[before]], -1)
    high = np.where(has_after, highest[after], np.inf)
    high_row = np.where(has_after & np.isfinite(high), row[high_at[after]], -1)
    low_x = np.where(low_row >= 0, at[low_at[before]], 0.0)
    high_x = np.where(high_row >= 0, at[high_at[after]], np.nan)
    return Band(np.maximum(low, 0.0), low_row.astype(np.int64), low_x, high,
                high_row.astype(np.int64), high_x)  # fmt: skip


# --- stage 2: nodes --------------------------------------------------------------------------


def _clean(points: Points) -> Points:
    """Sort nodes by (group, x), keep one per x, and drop any that would make a decrease."""
    order = np.lexsort((points.y, points.x, points.gid))
    gid, x, y = points.gid[order], points.x[order], points.y[order]
    last = np.r_[(gid[1:] != gid[:-1]) | (x[1:] != x[:-1]), True][: gid.size]
    gid, x, y = gid[last], x[last], y[last]
    keep = y >= running_max(gid, y)
    return Points(gid[keep].astype(np.int64), x[keep], y[keep])


def _nodes(table: Table, series: Series, limits: Constraints) -> tuple[Points, Points]:
    """Place the nodes: each series' origin and exact points (hard), soft points in the band.

    Returns the hard nodes and the soft ones (approximate and range points whose value lies
    in the band the limits allow).
    """
    n_groups = series.keys.size
    value = table["value"][series.rows]
    exact, soft = series.exact, series.soft
    low, high = _band(limits, series.gid[soft], series.end_x[soft])
    soft_ok = (value[soft] >= low) & (value[soft] <= high)
    hard = Points(
        np.r_[np.arange(n_groups), series.gid[exact]].astype(np.int64),
        np.r_[np.zeros(n_groups), series.end_x[exact]],
        np.r_[np.zeros(n_groups), value[exact]],
    )
    soft_nodes = Points(series.gid[soft][soft_ok], series.end_x[soft][soft_ok],
                        value[soft][soft_ok])  # fmt: skip
    return _clean(hard), soft_nodes


def _merge(hard: Points, soft: Points, limits: Constraints) -> Points:
    """Return the hard nodes and the soft ones still in the band, none on a hard node's day."""
    low, high = _band(limits, soft.gid, soft.x)
    key, on = _keys(hard, soft.gid, soft.x)
    on_hard = np.isin(on, key)
    keep = (soft.y >= low) & (soft.y <= high) & ~on_hard
    return _clean(Points(np.r_[hard.gid, soft.gid[keep]], np.r_[hard.x, soft.x[keep]],
                         np.r_[hard.y, soft.y[keep]]))  # fmt: skip


# --- stage 3: flows within the year ----------------------------------------------------------


class Placed(NamedTuple):
    """The hard nodes with the flows' nodes, the limits with their equalities, and the flows.

    ``placed`` marks the flows (positions in the series' arrays) met by nodes at both ends;
    ``failed`` those no path can meet (with ``found``, their findings).
    """

    hard: Points
    limits: Constraints
    placed: Bools
    failed: Ints
    found: Found


_POINT_LIKE: Final = ("exact", "approx", "range")


def _place_flows(
    table: Table, series: Series, hard: Points, soft: Points, limits: Constraints
) -> Placed:
    """Make every flow within the year a rise of the path: nodes at its start and end.

    Flows are placed in rounds, the k-th flow of every series (by start) in round k, so
    that each round sees the nodes of the earlier ones. A flow is placed where the path
    reaches its start; the rise is its value (exact), or the path's own rise brought into
    its interval (about, a range, a bound); the rise is shared out over the free days
    before and after it, in proportion, within the band. A flow the band cannot hold is
    left out with a finding; where the path stops before it starts, it stays a bound.
    """
    flows = np.flatnonzero(series.flow)
    flows = flows[np.lexsort((series.end_x[flows], series.start_x[flows], series.gid[flows]))]
    group = series.gid[flows]
    rank = np.arange(flows.size) - np.searchsorted(group, group)
    placed = np.zeros(series.rows.size, dtype=bool)
    failed: list[Ints] = []
    found: list[Found] = []
    for k in range(int(rank.max(initial=-1)) + 1):
        now = flows[rank == k]
        nodes = _merge(hard, soft, limits)
        fit = _fit_flows(table, series, now, nodes, limits)
        ok, bad = fit.ok, fit.bad
        placed[now[ok]] = True
        failed.append(now[bad])
        found.append(fit.found)
        gid = series.gid[now[ok]]
        at = np.r_[series.start_x[now[ok]], series.end_x[now[ok]]]
        y = np.r_[fit.start[ok], fit.end[ok]]
        hard = _clean(Points(np.r_[hard.gid, gid, gid], np.r_[hard.x, at], np.r_[hard.y, y]))
        rows = np.r_[series.rows[now[ok]], series.rows[now[ok]]]
        limits = Constraints(np.r_[limits.gid, gid, gid].astype(np.int64), np.r_[limits.x, at],
                             np.r_[limits.lo, y], np.r_[limits.hi, y],
                             np.r_[limits.row, rows].astype(np.int64))  # fmt: skip
    return Placed(hard, limits, placed, np.concatenate([np.zeros(0, np.int64), *failed]),
                  _joined(found))  # fmt: skip


class Fit(NamedTuple):
    """Where one round of flows goes: the path's value at their start and end."""

    start: Floats
    end: Floats
    ok: Bools
    bad: Bools
    found: Found


def _fit_flows(table: Table, series: Series, now: Ints, nodes: Points,
               limits: Constraints) -> Fit:  # fmt: skip
    """Fit one round of flows (positions ``now``, at most one per series) into the path."""
    gid, s, e = series.gid[now], series.start_x[now], series.end_x[now]
    rows = series.rows[now]
    value, lo, hi = table["value"][rows], table["lo"][rows], table["hi"][rows]
    at_s = grouped_pchip(nodes.gid, nodes.x, nodes.y, gid, s)
    at_e = grouped_pchip(nodes.gid, nodes.x, nodes.y, gid, e)
    band_s, band_e = _tightest(limits, gid, s), _tightest(limits, gid, e)
    least = np.maximum(band_e.low - band_s.high, 0.0)  # the smallest rise the band allows
    most = band_e.high - band_s.low  # and the largest
    tol = 1e-9 * np.maximum(np.abs(value), 1.0)
    want_lo, want_hi = np.maximum(lo, least), np.minimum(hi, most)
    point_like = np.isin(table["qualifier"][rows], _POINT_LIKE)
    reach = ~np.isnan(at_s) & (~np.isnan(at_e) | point_like)
    bad = (want_lo > want_hi + tol) & ~np.isnan(at_s)
    ok = reach & ~bad
    rise = np.where(np.isnan(at_e), value, at_e - at_s)
    target = np.clip(rise, want_lo, np.maximum(want_lo, want_hi))
    # share the change of the rise out over the free days before and after the flow
    before = s - _node_before(nodes, gid, s)
    after = _node_after(nodes, gid, e) - e
    share = np.where(np.isnan(after), 0.0, before / np.where(before + after > 0, before + after,
                                                             2.0))  # fmt: skip
    share = np.where(np.isnan(at_e), 0.0, np.where(before + after > 0, share, 0.5))
    start = at_s - (target - rise) * share
    start = np.clip(start, np.maximum(band_s.low, band_e.low - target),
                    np.minimum(band_s.high, band_e.high - target))  # fmt: skip
    return Fit(
        start,
        start + target,
        ok,
        bad,
        _flow_found(table, rows[bad], band_s, band_e, bad, least, most),
    )


def _node_before(nodes: Points, gid: Ints, x: Floats) -> Floats:
    """Return the day of each series' last node at or before ``x`` (NaN without one)."""
    key, query = _keys(nodes, gid, x)
    at = np.searchsorted(key, query, side="right") - 1
    found = (at >= 0) & (nodes.gid[np.maximum(at, 0)] == gid)
    return np.where(found, nodes.x[np.maximum(at, 0)], np.nan)


def _node_after(nodes: Points, gid: Ints, x: Floats) -> Floats:
    """Return the day of each series' first node at or after ``x`` (NaN without one)."""
    key, query = _keys(nodes, gid, x)
    at = np.searchsorted(key, query, side="left")
    last = nodes.x.size - 1
    found = (at <= last) & (nodes.gid[np.minimum(at, last)] == gid)
    return np.where(found, nodes.x[np.minimum(at, last)], np.nan)


def _keys(nodes: Points, gid: Ints, x: Floats) -> tuple[Floats, Floats]:
    base = float(min(np.min(nodes.x, initial=0.0), np.min(x, initial=0.0)))
    width = float(max(np.max(nodes.x, initial=0.0), np.max(x, initial=0.0))) - base + 2.0
    return nodes.gid * width + (nodes.x - base), gid * width + (x - base)


_FLOW_INFEASIBLE: Final = Unit(
    "flow_infeasible",
    "error",
    (),
    Template(
        "{id}: {metric} {value:n} over {start:d}..{end:d} cannot be met: the year-to-date "
        "total is {side_a} {total_a:n} on {day_a:d} ({by_a}) and {side_b} {total_b:n} on "
        "{day_b:d} ({by_b}), so it rises by {rise} over that span"
    ),
    CHECKS["flow_infeasible"],
    lambda table: Found(a=np.zeros(0, np.int64)),
)


def _flow_found(table: Table, rows: Ints, band_s: Band, band_e: Band,
                bad: Bools, least: Floats, most: Floats) -> Found:  # fmt: skip
    """Report the flows no path can meet: the limits that leave too little room."""
    too_big = table["lo"][rows] > most[bad]  # else the band forces a larger rise than it
    row_a = np.where(too_big, band_s.low_row[bad], band_s.high_row[bad])
    row_b = np.where(too_big, band_e.high_row[bad], band_e.low_row[bad])
    ids = table["id"]
    by_a = np.where(row_a >= 0, np.append(ids, "")[row_a], "the start of the year")
    by_b = np.where(row_b >= 0, np.append(ids, "")[row_b], "")
    named = [ids[rows], np.where(row_a >= 0, np.append(ids, "")[row_a], ""), by_b]
    figure_ids = pd.Series(np.stack(named, axis=1).tolist(), dtype=object).map(
        lambda three: ", ".join(dict.fromkeys(i for i in three if i)))  # fmt: skip
    nowruz = table.year_bounds[0][rows]
    rise = np.where(too_big, "at most " + numbers(most[bad]), "at least " + numbers(least[bad]))
    return Found(
        a=rows,
        ids=figure_ids.to_numpy(dtype=object),
        low=least[bad],
        high=most[bad],
        fields={
            "side_a": np.where(too_big, "at least", "at most").astype(object),
            "total_a": np.where(too_big, band_s.low[bad], band_s.high[bad]),
            "day_a": nowruz + np.where(too_big, band_s.low_x[bad], band_s.high_x[bad]) - 1,
            "by_a": by_a.astype(object),
            "side_b": np.where(too_big, "at most", "at least").astype(object),
            "total_b": np.where(too_big, band_e.high[bad], band_e.low[bad]),
            "day_b": nowruz + np.where(too_big, band_e.high_x[bad], band_e.low_x[bad]) - 1,
            "by_b": by_b.astype(object),
            "rise": rise.astype(object),
        },
    )


def _joined(found: list[Found]) -> Found:
    """One :class:`Found` of several rounds' findings."""
    return Found(
        a=np.concatenate([np.zeros(0, np.int64), *(f.a for f in found)]),
        ids=np.concatenate([np.zeros(0, object), *(np.asarray(f.ids, object) for f in found)]),
        low=np.concatenate([np.zeros(0), *(np.asarray(f.low, np.float64) for f in found)]),
        high=np.concatenate([np.zeros(0), *(np.asarray(f.high, np.float64) for f in found)]),
        fields={name: np.concatenate([np.zeros(0, object if name in _TEXT_FIELDS else float),
                                      *(np.asarray(f.fields[name]) for f in found)])
                for name in _FLOW_INFEASIBLE.template.fields if name not in _TABLE_FIELDS},
    )  # fmt: skip


_TEXT_FIELDS: Final = ("side_a", "by_a", "side_b", "by_b", "rise")
_TABLE_FIELDS: Final = ("id", "metric", "value", "start", "end")


# --- stage 3: bounds -------------------------------------------------------------------------


def _honour_bounds(nodes: Points, limits: Constraints) -> Points:
    """Where the path breaks a limit inside its node range, put a node on the band there.

    The node goes on the band (the tightest limits at that day), not on the broken limit
    itself: a looser bound followed by a tighter one must not leave the path above the
    tighter one. Each round puts the path on every limit it broke; it stops when none is.
    """
    low, high = _band(limits, limits.gid, limits.x)
    for _ in range(limits.x.size + 1):
        path = grouped_pchip(nodes.gid, nodes.x, nodes.y, limits.gid, limits.x)
        low_broken = ~np.isnan(path) & (path < limits.lo - 1e-9)
        high_broken = ~np.isnan(path) & (path > limits.hi + 1e-9)
        if not (low_broken.any() or high_broken.any()):
            break
        nodes = _clean(
            Points(
                np.r_[nodes.gid, limits.gid[low_broken], limits.gid[high_broken]],
                np.r_[nodes.x, limits.x[low_broken], limits.x[high_broken]],
                np.r_[nodes.y, low[low_broken], high[high_broken]],
            )
        )
    return nodes


# --- stage 4: the monthly grid ---------------------------------------------------------------


def _objects(values: npt.NDArray[np.generic]) -> pd.Series:
    return pd.Series(values, dtype=object)


def _last_node(nodes: Points, n_groups: int) -> Floats:
    """Where each series' path ends (days since Nowruz; NaN without a path)."""
    last = np.full(n_groups, np.nan)
    if nodes.gid.size:
        ends = np.r_[nodes.gid[1:] != nodes.gid[:-1], True]
        last[nodes.gid[ends]] = nodes.x[ends]
    return last


def _as_dates(day_numbers: Floats) -> npt.NDArray[np.datetime64]:
    """Day numbers (NaN when missing) as ``datetime64[us]`` (NaT when missing)."""
    known = ~np.isnan(day_numbers)
    out = np.full(day_numbers.size, np.datetime64("NaT"), dtype="datetime64[us]")
    out[known] = day_numbers[known].astype(np.int64).astype("datetime64[D]")
    return out


def _monthly(
    table: Table, series: Series, nodes: Points, limits: Constraints, spec: Frequency
) -> pd.DataFrame:
    """Each series' path and band at the end of each period of its year."""
    months = np.arange(spec.months, 13, spec.months)
    gid = np.repeat(np.arange(series.keys.size, dtype=np.int64), months.size)
    month = np.tile(months, series.keys.size)
    key_rows = series.keys[gid]
    years = table["jyear"][key_rows].astype(np.int64)
    nowruz = _kernel.nowruz(years)
    end_day = _kernel.month_start(years, month) + _kernel.month_length(years, month) - 1
    end_x = (end_day - nowruz + 1).astype(np.float64)
    start_day = _kernel.month_start(years, month - spec.months + 1)
    cumulative = grouped_pchip(nodes.gid, nodes.x, nodes.y, gid, end_x)
    # the period holding the last figure of a year shows the value as of that figure
    last = _last_node(nodes, series.keys.size)[gid]
    first_x = (start_day - nowruz + 1).astype(np.float64)
    partial = (spec.months == 1) & np.isnan(cumulative) & (last >= first_x) & (last < end_x)
    cumulative[partial] = grouped_pchip(nodes.gid, nodes.x, nodes.y, gid[partial], last[partial])
    as_of = np.where(partial, nowruz + last - 1, np.where(np.isnan(cumulative), np.nan, end_day))
    previous = np.r_[0.0, cumulative[:-1]]
    previous[np.r_[True, gid[1:] != gid[:-1]]] = 0.0
    low, high = _band(limits, gid, end_x)
    return pd.DataFrame(
        {
            "metric": _objects(table["metric"][key_rows]),
            "region": _objects(table["region"][key_rows]),
            "unit": _objects(table["unit"][key_rows]),
            "jyear": pd.array(years, dtype="Int64"),
            "label": year_label(years),
            "period": spec.labels(spec.index(start_day)),
            "start": start_day.astype("datetime64[D]").astype("datetime64[us]"),
            "end": end_day.astype("datetime64[D]").astype("datetime64[us]"),
            "cumulative": cumulative,
            "as_of": _as_dates(as_of),
            "flow": cumulative - previous,
            "low": low,
            "high": high,
        }
    )


# --- stage 5: accounting ---------------------------------------------------------------------


def _account(
    table: Table, series: Series, nodes: Points, placed: Bools, unusable: tuple[Texts, Texts]
) -> pd.DataFrame:
    """Every figure with its fitted value, residual, status and reason.

    The status is read from the numbers: a figure is ``used`` (or ``used softly``) when the
    path passes through its value (a flow: rises by it; an approximate flow: by an amount in
    its interval), ``used as bound`` when the path keeps to its bound (or does not reach it),
    and ``not used`` otherwise, with the reason.
    """
    rows, gid = series.rows, series.gid
    at_end = grouped_pchip(nodes.gid, nodes.x, nodes.y, gid, np.nan_to_num(series.end_x, nan=-1.0))
    at_start = grouped_pchip(nodes.gid, nodes.x, nodes.y, gid,
                             np.nan_to_num(series.start_x, nan=-1.0))  # fmt: skip
    fit = np.where(series.is_point, at_end, np.where(series.sub_flow, at_end - at_start, np.nan))
    fitted = np.full(table.n, np.nan)
    fitted[rows] = fit
    value, lo, hi = table["value"][rows], table["lo"][rows], table["hi"][rows]
    tol = 1e-9 * np.maximum(np.abs(value), 1.0)
    through = np.abs(fit - value) <= tol
    within = (fit >= lo - tol) & ((fit <= hi + tol) | ~series.whole)  # a part: lower only
    quality = table["qualifier"][rows]
    flow = series.flow & placed
    exact = series.exact | (flow & (quality == "exact"))
    soft = (series.soft & ~series.flow) | (flow & np.isin(quality, _POINT_LIKE[1:]))
    bound = series.as_bound & ~exact & ~soft
    ok = np.where(exact | (soft & ~flow), through, np.where(soft, within, np.isnan(fit) | within))
    used = np.select([exact, soft], ["used", "used softly"], "used as bound").astype(object)
    why = np.select(
        [soft & ~flow, flow, fit < lo - tol],
        ["outside the band the other figures allow",
         "the path rises by " + numbers(fit) + " over its span",
         "the path is below this bound"],
        "the path is above this bound",
    ).astype(object)  # fmt: skip
    status, reason = (values.copy() for values in unusable)
    status[rows] = np.where(ok, used, "not used")
    reason[rows] = np.where(ok, "", why)
    unplaced = bound & series.flow & np.isnan(fit)
    reason[rows[unplaced]] = "a bound on the total at its end (the path does not reach its start)"
    out = table.frame[_FIGURE_COLUMNS[:8]].copy()
    out["fitted"] = fitted
    out["residual"] = table["value"] - fitted
    out["status"] = _objects(status)
    out["reason"] = _objects(reason)
    return out


def _sorted_series(table: Table) -> tuple[Ints, Ints, Ints]:
    """Order the series of the figures with a Jalali year by their names.

    Returns those figures, the number of each one's series, and one figure per series.
    """
    rows = table.where(~np.isnan(table["jyear"]))
    _, first, code = np.unique(table.key(SERIES)[rows], return_index=True, return_inverse=True)
    representatives = rows[first]
    order = np.lexsort(tuple(table[c][representatives] for c in reversed(_GROUP)))
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return rows, rank[code.reshape(-1)], representatives[order]


def _path_days(table: Table, series: Series, nodes: Points, keys: Ints) -> Floats:
    """Return where each series' path ends (days since Nowruz; NaN without a path)."""
    last = _last_node(nodes, series.keys.size)
    code = table.key(SERIES)
    gid = pd.Index(code[series.keys]).get_indexer(pd.Index(code[keys]))
    with_none: Floats = np.r_[last, np.nan][gid]  # -1 (no path) reads the NaN
    return with_none


def _group_status(path_days: Floats, year_len: Ints, counts: dict[str, Ints], ends: Ints) -> Texts:
    no_path = np.isnan(path_days) | (path_days <= 0)
    actuals, targets = counts["actuals"], counts["targets"]
    status = np.where(
        path_days >= year_len,
        "complete year",
        "path ends on " + days(ends.astype(np.float64)) + " (no later figure pins it down)",
    )
    status = np.where(no_path & (actuals == 0) & (targets > 0), "no actuals: only targets", status)
    status = np.where(no_path & (actuals == 0) & (targets == 0), "no actuals: only levels", status)
    status = np.where(
        no_path & (actuals > 0), "no path: bounds only (no exact year-to-date figure)", status
    )
    return status.astype(object)


def _groups(table: Table, accounted: pd.DataFrame, series: Series, nodes: Points) -> pd.DataFrame:
    """One row per series of the table (figures with a Jalali year), sorted by series."""
    rows, group, keys = _sorted_series(table)
    kind = table["kind"][rows]
    used = np.isin(accounted["status"].to_numpy(dtype=object)[rows], _USED)
    k = keys.size
    counts = {
        "figures": np.bincount(group, minlength=k),
        "actuals": np.bincount(group[(kind == "cumulative") | (kind == "period")], minlength=k),
        "targets": np.bincount(group[kind == "target"], minlength=k),
        "used": np.bincount(group[used], minlength=k),
    }
    path_days = _path_days(table, series, nodes, keys)
    years = table["jyear"][keys].astype(np.int64)
    no_path = np.isnan(path_days) | (path_days <= 0)
    ends = _kernel.nowruz(years) + np.nan_to_num(path_days).astype(np.int64) - 1
    out = pd.DataFrame({c: table[c][keys] for c in _GROUP[:3]})
    out["jyear"] = pd.array(years, dtype="Int64")
    for name, values in counts.items():
        out[name] = values.astype(np.int64)
    out["path_ends"] = np.where(no_path, np.datetime64("NaT"), ends.astype("datetime64[D]"))
    out["path_ends"] = out["path_ends"].astype("datetime64[us]")
    out["status"] = _group_status(path_days, _kernel.year_length(years), counts, ends)
    out["label"] = year_label(years)
    return out


# --- reconcile -------------------------------------------------------------------------------


def reconcile(
    figures: pd.DataFrame,
    freq: FreqCode = "M",
    *,
    tolerances: Tolerances | None = None,
    flags: pd.DataFrame | None = None,
) -> Reconciled:
    """Build a consistent year-to-date path for every series, and account for every figure.

    Parameters
    ----------
    figures : pandas.DataFrame
        A figure table; one that is not in the validated schema is validated first
        (:func:`isipo_stats.validate_figures`).
    freq : {"M", "Q", "H", "Y"}
        Jalali months, quarters, half-years or years in :attr:`Reconciled.monthly`.
    tolerances : Tolerances, optional
        Passed to :func:`isipo_stats.check`; ``approx_tolerance`` also sets how far an
        approximate figure may be from the path.
    flags : pandas.DataFrame, optional
        The :func:`isipo_stats.check` table of a larger table this one is a part of (whole
        series only), so that a part is reconciled exactly as within the whole; by default
        ``check(figures)``.

    Returns
    -------
    Reconciled
        ``monthly``, ``figures``, ``flags`` and ``groups`` (see :class:`Reconciled`).

    Notes
    -----
    The objective and its references are in the module docstring: the path honours every
    exact figure not flagged as an error, honours bounds as inequalities, uses approximate
    figures softly, is non-negative and non-decreasing within a year (reset at Nowruz), and
    is the monotone cubic (PCHIP) interpolant through its nodes. The cost is linear in the
    number of figures: all series are solved together with array operations, in stages
    (the constraints, the nodes, the bounds, the monthly grid and the accounting).

    Examples
    --------
    >>> from isipo_stats import figures_from_records
    >>> revived = {"metric": "revived_units", "unit": "units"}
    >>> table = figures_from_records([
    ...     {"id": "h1", **revived, "kind": "cumulative", "end": "1398-06-31", "value": 529},
    ...     {"id": "y", **revived, "kind": "period", "jyear": 1398, "value": 1400}])
    >>> result = reconcile(table, freq="Q")
    >>> result.monthly[["period", "cumulative", "flow"]].round(1)
        period  cumulative   flow
    0  1398-Q1       223.1  223.1
    1  1398-Q2       529.0  305.9
    2  1398-Q3       916.4  387.4
    3  1398-Q4      1400.0  483.6
    >>> result.figures[["id", "fitted", "status"]]
       id  fitted status
    0  h1   529.0   used
    1   y  1400.0   used
    """
    require_table(figures)
    spec = get_frequency(freq)  # refuse a bad freq before any work
    table = Table(validated(figures), as_tolerances(tolerances), DEFAULT_RATIO_PAIRS)
    flags = run(table, UNITS) if flags is None else flags
    unusable = _unusable(table, flags)
    path = _feasible(table, flags, unusable)
    series, limits = path.series, path.limits
    nodes = _honour_bounds(path.nodes, path.work)
    monthly = _monthly(table, series, nodes, limits, spec)
    accounted = _account(table, series, nodes, path.placed, unusable)
    groups = _groups(table, accounted, series, nodes)
    return Reconciled(monthly, accounted[_FIGURE_COLUMNS], path.flags, groups)
