"""Checks along a series' year-to-date path: decreases, flows above it, conflicts.

A year-to-date point (a cumulative figure, or a flow from 1 Farvardin) states the total of
its year at its end date; these totals cannot decrease within a series (metric, region,
unit and Jalali year), no flow within the year can exceed a later total, nor the rise of the
total between a point before it and one after it, and two figures for the same span must
state intervals that overlap.

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
from isipo_stats.checks._text import amounts

__all__ = [
    "bound_violation_over_time",
    "bound_violation_same_span",
    "conflicting_figures",
    "cumulative_decrease",
    "flow_exceeds_rise",
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


_ROOM = (
    "{id_a}: {metric} {flow} over {start_a:d}..{end_a:d} is more than the year-to-date total "
    "can rise then: it is at least {total_b:n} on {end_b:d} ({id_b}) and at most {total_c:n} "
    "on {end_c:d} ({id_c}), a rise of at most {room:n}"
)


def _brackets(table: Table, flows: Ints, points: npt.NDArray[np.bool_], *, before: bool) -> Ints:
    """Return the tightest year-to-date point on one side of each flow (-1 for none).

    Before: the point ending before the flow starts with the highest lower limit; after:
    the whole point ending at or after the flow's end with the lowest upper limit.
    """
    mask = np.zeros(table.n, dtype=bool)
    mask[flows] = True
    i, j = table.pairs(table.key(SERIES), mask, points)
    end, start = table["end"], table["start"]
    if before:
        keep, limit = end[j] < start[i], -table["lo"][j]
    else:
        keep, limit = (end[j] >= end[i]) & ~table.is_part[j], table["hi"][j]
    i, j, limit = i[keep], j[keep], limit[keep]
    keep = np.isfinite(limit)
    i, j, limit = i[keep], j[keep], limit[keep]
    order = np.lexsort((limit, i))  # the tightest first within each flow
    i, j = i[order], j[order]
    first = np.r_[True, i[1:] != i[:-1]] if i.size else np.zeros(0, dtype=bool)
    out = np.full(table.n, -1, dtype=np.int64)
    out[i[first]] = j[first]
    return out[flows]


@unit("flow_exceeds_rise", "error", _APPROX,
      about="a flow within the year larger than the rise of the year-to-date total between a "
      "figure before it and one after it (an error when all three are exact)",
      template=_ROOM)  # fmt: skip
def flow_exceeds_rise(table: Table) -> Found:
    """Find flows within the year that do not fit between two year-to-date figures.

    A flow over a part of a Jalali year ("$2.9 billion in Mehr") is the rise of its series'
    year-to-date total over its span. Its total is at least the lower limit ``lo`` of a point
    ending before the flow starts (``b``), and at most the upper limit ``hi`` of a whole
    point ending at or after the flow's end (``c``), so the flow is at most ``hi(c) - lo(b)``:
    the tightest ``b`` and ``c`` of the series are taken, one finding per flow. The limits
    are the intervals the figures state ("over", "about", exact; see
    :func:`isipo_stats.checks.intervals`), and the flow is flagged when its own lower
    limit is above that room. A part of a total (``part_of``) may be the flow or ``b``,
    never ``c``.

    Severity: ``error`` when the flow and both points are exact (three stated numbers that
    cannot all hold), ``warning`` otherwise (the room then rests on how "about" and "over"
    are read).

    Not reported here, because other checks report them: a flow above a total at or after
    its end (``period_exceeds_cumulative``), and ``b`` above ``c`` (``cumulative_decrease``,
    ``bound_violation``). Several flows that fit one by one but not together are left to
    :func:`isipo_stats.reconcile`.

    With :func:`isipo_stats.reconcile`: a flow this check names, whatever the severity, is
    left out of the paths (``flagged: flow_exceeds_rise``), so reconcile never reports the
    same flow again as ``flow_infeasible``: one statement, one finding. ``explained_by`` is
    not used for it, as the two would be the same finding, not one explaining another.
    """
    points = table.is_point
    flows = table.where((table["kind"] == "period") & ~points)
    b = _brackets(table, flows, points, before=True)
    c = _brackets(table, flows, points, before=False)
    both = (b >= 0) & (c >= 0)
    a, b, c = flows[both], b[both], c[both]
    lo, hi, q = table["lo"], table["hi"], table["qualifier"]
    room = hi[c] - lo[b]
    tol = 1e-9 * np.maximum(np.abs(room), 1.0)
    # a flow above the later total itself, or a later total below the earlier one, is
    # another check's finding
    over = (lo[a] > room + tol) & (lo[a] <= hi[c]) & (lo[b] <= hi[c])
    a, b, c, room = a[over], b[over], c[over], room[over]
    exact = (q[a] == "exact") & (q[b] == "exact") & (q[c] == "exact")
    ids = table["id"]
    return Found(
        a=a,
        b=b,
        ids=ids[a] + ", " + ids[b] + ", " + ids[c],
        low=-np.inf,
        high=room,
        severity=np.where(exact, "error", "warning").astype(object),
        fields={
            "flow": amounts(q[a], table["value"][a], table["low"][a], table["high"][a]),
            "total_b": lo[b],
            "total_c": hi[c],
            "end_c": table["end"][c],
            "id_c": ids[c],
            "room": room,
        },
    )


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
