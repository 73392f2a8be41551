"""Consistency checks on a figure table: every inconsistency, with its reason.

:func:`check` returns one row per (check, figure or pair of figures), every failure kept.
The checks compare the *intervals* the figures state: an exact figure is the point
``[v, v]``, "about v" is ``v`` give or take half a unit of its last significant digit,
at least ``approx_floor`` (2 percent) and at most ``approx_tolerance`` (10 percent) of
``v`` ("about 20,000" is +- 2,000, "about $357 million" +- 2 percent), "over v"
is ``[v, inf)``, "up to v" is ``(-inf, v]``, and a range is ``[low, high]``. Two figures
disagree only when their intervals cannot both hold.

Year-to-date points
-------------------
A cumulative figure with an as-of date, and a period figure that starts on 1 Farvardin, both
state the cumulative total of their year at their end date. These "year-to-date points" must
not decrease within a metric, region, unit and Jalali year.

How the checks are written
--------------------------
Each check is one unit in the module of its family (:mod:`~isipo_stats.checks.labels`,
:mod:`~isipo_stats.checks.paths`, :mod:`~isipo_stats.checks.parts`,
:mod:`~isipo_stats.checks.rates`, :mod:`~isipo_stats.checks.pace`,
:mod:`~isipo_stats.checks.targets`,
:mod:`~isipo_stats.checks.rows`, :mod:`~isipo_stats.checks.publication`): a function that
finds its findings on the table's arrays, registered with its name, severity, the
:class:`Tolerances` fields it reads and one message template
(:func:`isipo_stats.checks._registry.unit`). :func:`check` runs the registry in the order
of :data:`CHECKS`. ``bound_violation`` is reported by two units (a bound against a figure of
another date, and against one of the same span).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from isipo_stats.checks import (
    derived,
    labels,
    pace,
    parts,
    paths,
    publication,
    rates,
    rows,
    targets,
)
from isipo_stats.checks._registry import FLAG_COLUMNS, in_order, run
from isipo_stats.checks._table import (
    Table,
    day_numbers,
    interval_bounds,
    validated,
    year_bounds,
    year_to_date,
)
from isipo_stats.checks._tolerances import Tolerances, as_tolerances
from isipo_stats.errors import InputTypeError

__all__ = [
    "CHECKS", "FLAG_COLUMNS", "Tolerances", "as_tolerances", "check", "intervals", "ytd_points",
]  # fmt: skip

FAMILIES: Final = (labels, paths, parts, rates, pace, derived, targets, rows, publication)
"""The modules of the checks (each registers its units on import), in the order they run."""

UNITS: Final = in_order(FAMILIES)
"""Every check unit, in the order :func:`check` runs them."""

CHECKS: Final[dict[str, str]] = {u.name: u.about for u in UNITS} | {
    "infeasible_band": "figures of one series that no non-decreasing path meets together, "
    "left by the flags reconcile was given (reported by reconcile)",
    "flow_infeasible": "a flow within the year that no non-decreasing path through the "
    "other figures can rise by (reported by reconcile)",
}
"""Every check :func:`check` runs, with what it flags; and the finding of :func:`reconcile`."""

DEFAULT_RATIO_PAIRS: Final[tuple[tuple[str, str], ...]] = (
    ("jobs_created", "revived_units"),
    ("new_unit_jobs", "new_units"),
)


def intervals(
    figures: pd.DataFrame, approx_tolerance: float = 0.10, approx_floor: float = 0.02
) -> pd.DataFrame:
    """Return the interval ``[lo, hi]`` each figure states (see the module docstring).

    "About v" follows the precision of ``v`` (:class:`Tolerances`): half a unit of its
    last significant digit, at least ``approx_floor`` and at most ``approx_tolerance``
    of ``v``.

    Examples
    --------
    >>> import numpy as np
    >>> table = pd.DataFrame({"value": [10.0, 10.0, 10.0, 10.0, 23.0],
    ...     "qualifier": ["exact", "approx", "lower", "upper", "range"],
    ...     "low": [10.0, np.nan, 10.0, np.nan, 22.0], "high": [10.0, np.nan, np.nan, 10.0, 24.0]})
    >>> intervals(table).to_numpy().tolist()
    [[10.0, 10.0], [9.0, 11.0], [10.0, inf], [-inf, 10.0], [22.0, 24.0]]
    >>> intervals(table.assign(value=1234.0)).loc[1].tolist()  # four digits: +- 2 percent
    [1209.32, 1258.68]
    """
    lo, hi = interval_bounds(
        figures["qualifier"].to_numpy(dtype=object),
        figures["value"].to_numpy(dtype=float),
        figures["low"].to_numpy(dtype=float),
        figures["high"].to_numpy(dtype=float),
        approx_tolerance,
        approx_floor,
    )
    return pd.DataFrame({"lo": lo, "hi": hi}, index=figures.index)


def ytd_points(
    figures: pd.DataFrame, approx_tolerance: float = 0.10, approx_floor: float = 0.02
) -> pd.DataFrame:
    """Return the year-to-date points: figures that state a year's cumulative total at a date.

    Columns: the figure's columns plus ``lo``, ``hi`` (see :func:`intervals`).
    """
    start, end = day_numbers(figures["start"]), day_numbers(figures["end"])
    first = year_bounds(figures["jyear"].to_numpy(dtype=float, na_value=np.nan))[0]
    points = figures[year_to_date(figures["kind"].to_numpy(dtype=object), start, end, first)]
    bands = intervals(points, approx_tolerance, approx_floor)
    out: pd.DataFrame = pd.concat([points, bands], axis=1)
    return out


def check(
    figures: pd.DataFrame,
    *,
    tolerances: Tolerances | None = None,
    ratio_pairs: list[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """Check a figure table for inconsistencies; return every finding.

    Parameters
    ----------
    figures : pandas.DataFrame
        A figure table; one that is not in the validated schema is validated first
        (:func:`isipo_stats.validate_figures`).
    tolerances : Tolerances, optional
        The documented tolerances (defaults: ``Tolerances()``).
    ratio_pairs : list of (numerator, denominator) metric names, optional
        Ratios compared across figures for :data:`ratio_outlier`; default (None)
        ``[("jobs_created", "revived_units"), ("new_unit_jobs", "new_units")]``, paired on
        the same region, kind, Jalali year, span and publication window. An empty list
        switches the ratio check off.

    Raises
    ------
    InputTypeError
        ``figures`` is not a DataFrame, ``tolerances`` is not a :class:`Tolerances` (a dict
        is refused: write ``Tolerances(**values)``), or ``ratio_pairs`` is not a list of
        pairs of names.
    FigureValidationError
        The table is not valid.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FLAG_COLUMNS`; one row per (check, figure or pair), no cap. ``severity``
        is ``error`` (cannot all be true), ``warning`` (suspicious) or ``info``. Sorted by
        severity, check and figure ids.

    Notes
    -----
    The checks are listed in :data:`CHECKS`.

    Examples
    --------
    >>> from isipo_stats import figures_from_records
    >>> table = figures_from_records([
    ...     {"id": "a", "metric": "revived_units", "kind": "cumulative", "end": "1399-07-30",
    ...      "value": 819, "unit": "units", "stated_dates": "end=2020-10-21"},
    ...     {"id": "b", "metric": "revived_units", "kind": "cumulative", "end": "1399-09-30",
    ...      "value": 700, "unit": "units"}])
    >>> check(table)[["check", "severity", "figure_ids", "discrepancy"]]
                   check severity figure_ids  discrepancy
    0  cumulative_decrease    error       a, b       -119.0
    >>> check(table)["message"].iloc[0]
    'b: year-to-date revived_units 700 as of 2020-12-20 is below 819 as of 2020-10-21 (a), by 119'
    """
    table = validated(figures)
    pairs = DEFAULT_RATIO_PAIRS if ratio_pairs is None else _ratio_pairs(ratio_pairs)
    return run(Table(table, as_tolerances(tolerances), pairs), UNITS)


def _ratio_pairs(pairs: object) -> tuple[tuple[str, str], ...]:
    """Return the ratio pairs as a tuple; refuse anything but (numerator, denominator) names."""
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, (list, tuple)):
        msg = f"ratio_pairs must be a list of (numerator, denominator) pairs, got {pairs!r}"
        raise InputTypeError(msg)
    for position, pair in enumerate(pairs):
        if not (
            isinstance(pair, (list, tuple))
            and len(pair) == 2
            and all(isinstance(name, str) for name in pair)
        ):
            msg = f"ratio_pairs: expected a pair of metric names, got {pair!r}"
            raise InputTypeError(msg, position=position)
    return tuple((str(a), str(b)) for a, b in pairs)
