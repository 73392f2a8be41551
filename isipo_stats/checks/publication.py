"""Checks that place an undated figure in time from the other figures."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import ACTUAL_KINDS, SERIES, Table
from isipo_stats.checks._text import days, join_groups

__all__ = ["publication_window", "windows"]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Texts = npt.NDArray[np.object_]


def _limits(table: Table, undated: Ints, other: Ints, shift: float) -> tuple[Ints, Floats, Texts]:
    """Per undated figure with pairs: its rows, the extreme limit, and the other figures' ids.

    ``shift`` is +1 (after: the latest of the others' as-of dates plus a day) or -1 (before:
    the earliest minus a day).
    """
    order = np.argsort(undated, kind="stable")
    undated, other = undated[order], other[order]
    first = np.r_[True, undated[1:] != undated[:-1]] if undated.size else np.zeros(0, bool)
    starts = np.flatnonzero(first)
    limit = table["end"][other] + shift
    reduce = np.maximum if shift > 0 else np.minimum
    extreme = reduce.reduceat(limit, starts) if limit.size else np.zeros(0)
    return undated[first], extreme, join_groups(table["id"][other], np.cumsum(first) - 1)


def windows(table: Table) -> tuple[Floats, Floats, Texts]:
    """Return each figure's publication window, narrowed by the others' as-of dates.

    ``(earliest, latest, reasons)`` as day numbers (NaN when unknown) and the reason each
    undated actual's window was narrowed ("" where it was not). The unit
    :func:`publication_window` reports these; the charts draw them.
    """
    kind, end = table["kind"], table["end"]
    earliest = table["published_from"].copy()
    earliest = np.where(np.isnan(end) | (earliest > end), earliest, end + 1)
    latest = table["published_to"].copy()
    reasons = np.full(table.n, "", dtype=object)
    open_asof = np.isnan(table["published"]) & np.isnan(end) & (kind == "cumulative")
    u, p = table.pairs(table.key(SERIES), open_asof, table.is_point)
    lo, hi = table["lo"], table["hi"]
    whole = ~table.is_part  # an upper limit is only read from a whole figure
    after, before = (lo[u] > hi[p]) & whole[p], (hi[u] < lo[p]) & whole[u]
    for relation, mask, shift in (("after", after, 1.0), ("before", before, -1.0)):
        rows, limit, who = _limits(table, u[mask], p[mask], shift)
        if relation == "after":
            earliest[rows] = np.maximum(earliest[rows], limit)
        else:
            latest[rows] = np.minimum(latest[rows], limit)
        sep = np.where(reasons[rows] != "", "; ", "").astype(object)
        reasons[rows] = reasons[rows] + sep + relation + " the as-of date of " + who
    return earliest, latest, reasons


@unit("publication_window", "error", ("approx_tolerance", "approx_floor"),
      about="the window in which an undated figure must have been published to agree with the "
      "others (info)",
      template="{id}: {window} with the others ({why})")  # fmt: skip
def publication_window(table: Table) -> Found:
    """Find the publication window of undated figures, narrowed by the others' as-of dates.

    An actual cannot be published before its span ends; an undated year-to-date figure (its
    as-of date is its publication) must come after every point it exceeds and before every
    point that exceeds it. Reported where the others narrow the window (info), or leave no
    date at all (an error).
    """
    kind = table["kind"]
    actual = (kind == ACTUAL_KINDS[0]) | (kind == ACTUAL_KINDS[1])
    undated = np.isnan(table["published"]) & actual
    earliest, latest, reasons = windows(table)
    rows = table.where(undated & (reasons != ""))
    empty = earliest[rows] > latest[rows]
    window = np.where(
        empty,
        "no publication date agrees",
        "published between " + days(earliest[rows]) + " and " + days(latest[rows]) + " to agree",
    )
    return Found(
        a=rows,
        severity=np.where(empty, "error", "info").astype(object),
        fields={"window": window.astype(object), "why": reasons[rows]},
    )
