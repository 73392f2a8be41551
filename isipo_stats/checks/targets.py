"""Checks of targets: restated targets, and actuals for a target's whole span."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import Table

__all__ = ["target_exceeded", "target_missed", "target_revised"]

_SPAN = ("metric", "region", "unit", "start", "end")
_APPROX = ("approx_tolerance", "approx_floor")
_MISSED = (
    "{id_b}: {qualifier_b} {value_b:n} {metric} fell short of the target {value_a:n} ({id_a}) "
    "for {start:d}..{end:d}"
)
_REACHED = (
    "{id_b}: {qualifier_b} {value_b:n} {metric} reached the target {value_a:n} ({id_a}) for "
    "{start:d}..{end:d}"
)
# what the checks flag (the text of CHECKS)
_ABOUT_MISSED = "an actual for a target's whole span below the target (info)"
_ABOUT_REACHED = "an actual for a target's whole span at or above the target (info)"


def _targets(table: Table) -> npt.NDArray[np.bool_]:
    """Targets with a deadline, of a whole series (not a part)."""
    targets: npt.NDArray[np.bool_] = (
        (table["kind"] == "target") & ~np.isnan(table["end"]) & ~table.is_part
    )
    return targets


def _against_targets(table: Table, *, reached: bool) -> Found:
    """Find actuals of a target's series and span that reached it, or (not) fell short."""
    actuals = table.is_point | (table["kind"] == "period")
    i, j = table.pairs(table.key(_SPAN), _targets(table), actuals)
    value = table["value"]
    if reached:  # a part that reached the target: so did its series
        found = table["lo"][j] >= value[i]
    else:  # only a whole figure can fall short
        found = (table["hi"][j] < value[i]) & ~table.is_part[j]
    i, j = i[found], j[found]
    return Found(a=i, b=j, value=value[j], low=value[i], high=np.inf)


@unit("target_revised", "info",
      about="a target restated with another value for the same span (info)",
      template="target for {metric} over {start:d}..{end:d} restated from {value_a:n} ({id_a}) to "
               "{value_b:n} ({id_b})")  # fmt: skip
def target_revised(table: Table) -> Found:
    """Find targets restated in a later report, or later in a report by the same source.

    Two sources' targets in one report (an agency's and a ministry's) are not revisions.
    """
    targets = _targets(table)
    i, j = table.pairs(table.key(_SPAN), targets, targets)
    published, source, ids, value = (table[c] for c in ("published_from", "source", "id", "value"))
    later = (published[j] > published[i]) | (
        (published[j] == published[i]) & (source[i] == source[j]) & (ids[j] > ids[i])
    )
    revised = later & (value[i] != value[j])
    i, j = i[revised], j[revised]
    return Found(a=i, b=j, value=value[j])


@unit("target_missed", "info", _APPROX, about=_ABOUT_MISSED, template=_MISSED)
def target_missed(table: Table) -> Found:
    """Find actuals for a target's span whose interval lies below the target.

    Only the whole series counts: a part of a total (``part_of``) may fall short of the
    series' target while the series reaches it.
    """
    return _against_targets(table, reached=False)


@unit("target_exceeded", "info", _APPROX, about=_ABOUT_REACHED, template=_REACHED)
def target_exceeded(table: Table) -> Found:
    """Find actuals for a target's span whose interval lies at or above the target."""
    return _against_targets(table, reached=True)
