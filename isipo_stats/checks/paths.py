"""Checks along a series' year-to-date path: decreases, flows above it, conflicts.

A year-to-date point (a cumulative figure, or a flow from 1 Farvardin) states the total of
its year at its end date; these totals cannot decrease within a series (metric, region,
unit and Jalali year), no flow within the year can exceed a later total, and two figures for
the same span must state intervals that overlap.

A part of a total (``part_of``) counts a sub-population: it bounds its series from below
and says nothing of an upper limit. So a figure's upper limit is only ever read from a
whole figure: a part may lie below anything, and only a whole can lie below a part.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import SERIES, Table

__all__ = [
    "bound_violation_over_time",
    "bound_violation_same_span",
    "conflicting_figures",
    "cumulative_decrease",
    "period_exceeds_cumulative",
]

Ints = npt.NDArray[np.int64]
Pairs = tuple[Ints, Ints]

_DECREASE = (
    "{id_b}: year-to-date {metric} {value_b:n} as of {end_b:d} is below {value_a:n} as of "
    "{end_a:d} ({id_a}), by {gap:n}"
)
_CONFLICT = (
    "{id_a} and {id_b} state {metric} over {start:d}..{end:d} as {qualifier_a} {value_a:n}{part_a} "
    "and {qualifier_b} {value_b:n}{part_b}: both cannot hold"
)
_APPROX = ("approx_tolerance", "approx_floor")
# what the checks flag (the text of CHECKS)
_ABOUT_DECREASE = "a year-to-date figure below an earlier one of the same series"
_ABOUT_CONFLICT = "figures for the same series and span that cannot both hold"
_ABOUT_BOUND = "a lower or upper bound contradicted by another figure"


def _is_bound(table: Table, i: Ints, j: Ints) -> npt.NDArray[np.bool_]:
    q = table["qualifier"]
    bound: npt.NDArray[np.bool_] = (
        (q[i] == "lower") | (q[i] == "upper") | (q[j] == "lower") | (q[j] == "upper")
    )
    return bound


def _decreases(table: Table) -> Pairs:
    """Pairs (earlier, later) of year-to-date points where the later is below the earlier."""
    points = table.is_point
    i, j = table.pairs(table.key(SERIES), points, points)
    end, lo, hi = table["end"], table["lo"], table["hi"]
    later = (end[j] > end[i]) & (hi[j] < lo[i]) & ~table.is_part[j]
    return i[later], j[later]


def _decrease_found(table: Table, *, bound: bool) -> Found:
    i, j = table.shared(_decreases)
    keep = _is_bound(table, i, j) == bound
    i, j = i[keep], j[keep]
    lo, hi = table["lo"], table["hi"]
    return Found(
        a=i, b=j, value=table["value"][j], low=lo[i], high=np.inf, fields={"gap": lo[i] - hi[j]}
    )


def _conflicts(table: Table) -> Pairs:
    """Pairs of actuals (or of levels) for the same span whose intervals do not overlap."""
    kind = table["kind"]
    actual = kind != "target"
    # a cumulative figure and a flow from 1 Farvardin over the same span state one number
    family = pd.factorize(np.where(kind == "level", "level", "actual"))[0].astype(np.int64)
    key = table.key(("metric", "region", "unit", "start", "end"), family)
    i, j = table.pairs(key, actual, actual)
    lo, hi = table["lo"], table["hi"]
    ids = table["id"]
    whole = ~table.is_part
    apart = (ids[i] < ids[j]) & (((hi[i] < lo[j]) & whole[i]) | ((hi[j] < lo[i]) & whole[j]))
    return i[apart], j[apart]


def _conflict_found(table: Table, *, bound: bool) -> Found:
    i, j = table.shared(_conflicts)
    keep = _is_bound(table, i, j) == bound
    i, j = i[keep], j[keep]
    whole, part_of = ~table.is_part, table["part_of"]
    # a part is at most its series' whole; a whole at least any part of it
    return Found(
        a=i,
        b=j,
        low=np.where(whole[i], table["lo"][j], -np.inf),
        high=np.where(whole[j], table["hi"][j], np.inf),
        fields={
            "part_a": _part_note(whole[i], part_of[i]),
            "part_b": _part_note(whole[j], part_of[j]),
        },
    )


def _part_note(
    whole: npt.NDArray[np.bool_], part_of: npt.NDArray[np.object_]
) -> npt.NDArray[np.object_]:
    names = part_of.astype(str).astype(object)  # object: numpy 1.26 cannot add str arrays
    note: npt.NDArray[np.object_] = np.where(whole, "", " (a part of " + names + ")")
    return note.astype(object)


@unit("cumulative_decrease", "error", _APPROX, about=_ABOUT_DECREASE, template=_DECREASE)
def cumulative_decrease(table: Table) -> Found:
    """Find later year-to-date points below earlier ones (neither a bound).

    The later point's interval lies wholly below the earlier one's: the total of the year
    fell, which it cannot.
    """
    return _decrease_found(table, bound=False)


@unit("period_exceeds_cumulative", "error", _APPROX,
      about="a flow over part of the year above the year-to-date total",
      template="{id_a}: {value_a:n} {metric} over {start_a:d}..{end_a:d} exceeds the "
               "year-to-date total {value_b:n} as of {end_b:d} ({id_b})")  # fmt: skip
def period_exceeds_cumulative(table: Table) -> Found:
    """Find flows within the year above a year-to-date total at or after their end."""
    points = table.is_point
    flows = (table["kind"] == "period") & ~points
    i, j = table.pairs(table.key(SERIES), flows, points)
    end, lo, hi = table["end"], table["lo"], table["hi"]
    inside = (end[i] <= end[j]) & (lo[i] > hi[j]) & ~table.is_part[j]
    i, j = i[inside], j[inside]
    return Found(a=i, b=j, low=-np.inf, high=hi[j])


@unit("conflicting_figures", "error", _APPROX, about=_ABOUT_CONFLICT, template=_CONFLICT)
def conflicting_figures(table: Table) -> Found:
    """Find two figures (neither a bound) for one span whose intervals do not overlap.

    A cumulative figure and a flow from 1 Farvardin to the same day state the same number;
    levels are compared with levels; targets are left out. A part of a total conflicts
    only with a whole figure below it.
    """
    return _conflict_found(table, bound=False)


@unit("bound_violation", "error", _APPROX, about=_ABOUT_BOUND, template=_DECREASE)
def bound_violation_over_time(table: Table) -> Found:
    """Find year-to-date bounds below an earlier point, or points below an earlier bound."""
    return _decrease_found(table, bound=True)


@unit("bound_violation", "error", _APPROX, about=_ABOUT_BOUND, template=_CONFLICT)
def bound_violation_same_span(table: Table) -> Found:
    """Find bounds that another figure for the same span contradicts."""
    return _conflict_found(table, bound=True)
