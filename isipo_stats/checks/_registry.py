"""Checks as units, and the registry :func:`isipo_stats.check` runs.

A unit is one check: its name, its severity, the :class:`Tolerances` fields it reads, one
message template (see :mod:`isipo_stats.checks._text`) and a function that finds its
findings in a :class:`~isipo_stats.checks._table.Table`. The :func:`unit` decorator
registers it; :func:`run` runs every registered unit in order and builds the table of
findings. Adding a check is adding one unit (in the module of its family) and its test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import ModuleType
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.checks._table import Table
from isipo_stats.checks._text import Template
from isipo_stats.checks._tolerances import Tolerances

__all__ = [
    "EXPLAINERS",
    "FLAG_COLUMNS",
    "Found",
    "Severity",
    "Unit",
    "explain",
    "findings",
    "flag_table",
    "in_order",
    "run",
    "sort_flags",
    "unit",
]  # fmt: skip

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: Final[dict[str, int]] = {"error": 0, "warning": 1, "info": 2}

FLAG_COLUMNS: Final[tuple[str, ...]] = (
    "check",
    "severity",
    "metric",
    "region",
    "jyear",
    "figure_ids",
    "value",
    "expected_low",
    "expected_high",
    "discrepancy",
    "message",
    "explained_by",
)
"""Columns of the table :func:`isipo_stats.check` returns."""

EXPLAINERS: Final[tuple[str, ...]] = ("conversion_differs", "conversion_rate_jump")
"""Checks whose findings explain others: a finding whose figures are all among an
explainer's figures names it in ``explained_by`` (``"check: ids"``, several joined by
``"; "``), as a dollar decrease that a change of exchange rate explains."""

_NUMBERS: Final = ("value", "expected_low", "expected_high", "discrepancy")
_DTYPES: Final[dict[str, str]] = {
    name: "Int64" if name == "jyear" else "float64" if name in _NUMBERS else "str"
    for name in FLAG_COLUMNS
}

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Texts = npt.NDArray[np.object_]


@dataclass(frozen=True)
class Found:
    """What one unit found, one entry per finding.

    Attributes
    ----------
    a : numpy.ndarray of int
        The figure each finding is about (its metric, region, Jalali year and value).
    b : numpy.ndarray of int, optional
        The other figure of a pair.
    ids : numpy.ndarray of str, optional
        ``figure_ids``; by default the id of ``a`` (and of ``b``: ``"a, b"``).
    value, jyear : numpy.ndarray of float, optional
        In place of the value and year of ``a``.
    low, high : float or numpy.ndarray of float
        The expected range of the value (NaN when none is stated).
    fields : mapping of str to array
        Template fields other than the figures' columns; a field ``x_a`` (``x_b``) is the
        column ``x`` of figure ``a`` (``b``), a field ``x`` the column of ``a``.
    severity : numpy.ndarray of str, optional
        Per finding, for a unit whose severity depends on the finding (never above the
        unit's own).
    """

    a: Ints
    b: Ints | None = None
    ids: Texts | None = None
    value: Floats | None = None
    jyear: Floats | None = None
    low: Floats | float = np.nan
    high: Floats | float = np.nan
    fields: Mapping[str, npt.ArrayLike] = field(default_factory=dict)
    severity: Texts | None = None


Finder = Callable[[Table], Found]


@dataclass(frozen=True)
class Unit:
    """One check: name, severity, tolerance fields read, message template, finder."""

    name: str
    severity: Severity
    tolerances: tuple[str, ...]
    template: Template
    about: str
    find: Finder


_REGISTERED: Final[list[Unit]] = []

_TOLERANCE_FIELDS: Final = frozenset(f.name for f in fields(Tolerances))


def unit(
    name: str,
    severity: Severity,
    tolerances: tuple[str, ...] = (),
    *,
    about: str,
    template: str,
) -> Callable[[Finder], Finder]:
    """Register the decorated finder as the check ``name``.

    ``about`` says what the check flags (the text of :data:`isipo_stats.CHECKS`);
    ``tolerances`` names the :class:`Tolerances` fields the finder reads.
    """
    unknown = set(tolerances) - _TOLERANCE_FIELDS
    if unknown or severity not in SEVERITY_ORDER:
        msg = f"check {name!r}: unknown tolerance {sorted(unknown)} or severity {severity!r}"
        raise ValueError(msg)

    def register(find: Finder) -> Finder:
        _REGISTERED.append(Unit(name, severity, tolerances, Template(template), about, find))
        return find

    return register


def _field(table: Table, found: Found, name: str) -> npt.ArrayLike:
    if name in found.fields:
        return found.fields[name]
    column, _, side = name.rpartition("_")
    if side == "b" and found.b is not None and column in table.columns:
        return table[column][found.b]
    if side == "a" and column in table.columns:
        return table[column][found.a]
    return table[name][found.a]


def findings(spec: Unit, table: Table, found: Found) -> dict[str, npt.NDArray[Any]]:
    """Return the columns of the flag table for one unit's findings."""
    a, count = found.a, found.a.size
    value = table["value"][a] if found.value is None else np.asarray(found.value, np.float64)
    low = np.broadcast_to(np.asarray(found.low, dtype=np.float64), (count,))
    high = np.broadcast_to(np.asarray(found.high, dtype=np.float64), (count,))
    with np.errstate(invalid="ignore"):  # inf - inf where a bound is infinite: not flagged
        discrepancy = np.where(value < low, value - low, np.where(value > high, value - high, 0.0))
    discrepancy = np.where(np.isnan(low) & np.isnan(high), np.nan, discrepancy)
    ids = table["id"]
    if found.ids is not None:
        figure_ids = found.ids
    elif found.b is None:
        figure_ids = ids[a]
    else:
        figure_ids = ids[a] + ", " + ids[found.b]
    values = {name: _field(table, found, name) for name in spec.template.fields}
    return {
        "check": np.full(count, spec.name, dtype=object),
        "severity": np.full(count, spec.severity, dtype=object)
        if found.severity is None
        else found.severity,
        "metric": table["metric"][a],
        "region": table["region"][a],
        "jyear": table["jyear"][a] if found.jyear is None else found.jyear,
        "figure_ids": figure_ids,
        "value": value,
        "expected_low": low,
        "expected_high": high,
        "discrepancy": discrepancy,
        "message": spec.template.render(values, count),
        "explained_by": np.full(count, "", dtype=object),
    }


def in_order(families: Sequence[ModuleType]) -> tuple[Unit, ...]:
    """Return the units the families registered: family by family, each in its own order."""
    names = [family.__name__ for family in families]
    return tuple(
        sorted(
            (u for u in _REGISTERED if u.find.__module__ in names),
            key=lambda u: names.index(u.find.__module__),
        )
    )


def flag_table(parts: Sequence[dict[str, npt.NDArray[Any]]]) -> pd.DataFrame:
    """Return the flag table of findings (as :func:`findings` gives them), in their order."""
    columns: dict[str, Any] = {
        name: np.concatenate([p[name] for p in parts]) for name in FLAG_COLUMNS
    }
    columns["jyear"] = pd.array(columns["jyear"], dtype="Int64")
    frame = pd.DataFrame(columns)
    if frame.empty:  # text columns are "str" (inferred from the values when there are any)
        frame = frame.astype(_DTYPES)
    return frame


def sort_flags(flags: pd.DataFrame) -> pd.DataFrame:
    """Return the flags sorted by severity (errors first), check and figure ids."""
    severity = flags["severity"].to_numpy(dtype=object)
    order = np.lexsort(
        (
            flags["figure_ids"].to_numpy(dtype=object),
            flags["check"].to_numpy(dtype=object),
            np.select([severity == s for s in SEVERITY_ORDER], list(SEVERITY_ORDER.values())),
        )
    )
    return flags.iloc[order].reset_index(drop=True)


def explain(flags: pd.DataFrame) -> pd.DataFrame:
    """Fill ``explained_by``: the explainer findings whose figures include all of a finding's.

    Examples
    --------
    >>> flags = pd.DataFrame({"check": ["cumulative_decrease", "conversion_rate_jump"],
    ...                       "figure_ids": ["u1, u2", "u1, u2, r1, r2"]})
    >>> explain(flags)["explained_by"].tolist()
    ['conversion_rate_jump: u1, u2, r1, r2', '']
    """
    ids = flags["figure_ids"].reset_index(drop=True).str.split(", ").explode()
    named = pd.DataFrame({"finding": ids.index, "id": ids.to_numpy(dtype=object)})
    size = named.groupby("finding").size()
    explainer = flags["check"].to_numpy(dtype=object)[named["finding"]]
    by = named[np.isin(explainer, EXPLAINERS)]
    pairs = named.merge(by, on="id", suffixes=("", "_by"))
    pairs = pairs[pairs["finding"] != pairs["finding_by"]]
    shared = pairs.groupby(["finding", "finding_by"]).size().reset_index(name="n")
    shared = shared[shared["n"].to_numpy() == size.to_numpy()[shared["finding"]]]
    text = (
        flags["check"].to_numpy(dtype=object)[shared["finding_by"]]
        + ": "
        + flags["figure_ids"].to_numpy(dtype=object)[shared["finding_by"]]
    )
    joined = pd.Series(text, index=shared["finding"].to_numpy()).groupby(level=0).agg("; ".join)
    out = flags.copy()
    out["explained_by"] = joined.reindex(range(len(flags)), fill_value="").to_numpy(dtype=object)
    return out


def run(table: Table, units: Sequence[Unit]) -> pd.DataFrame:
    """Run the units on the table; return the findings sorted by severity, check, ids."""
    with np.errstate(over="ignore"):  # a limit times a huge tolerance is inf: no limit
        found = [findings(spec, table, spec.find(table)) for spec in units]
    return explain(sort_flags(flag_table(found)))
