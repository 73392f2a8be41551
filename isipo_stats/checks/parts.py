"""Checks of components against their stated totals (``part_of``)."""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import Table, combine, join
from isipo_stats.checks._text import join_groups, numbers

__all__ = ["components_mismatch"]

Floats = npt.NDArray[np.float64]
_MONEY_AND_SHARES: Final = ("rial", "usd", "percent")


def _unit_family(units: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Units that add up together: rial, usd and percent each alone; any count with any count."""
    money = np.isin(units, _MONEY_AND_SHARES)
    family: npt.NDArray[np.object_] = np.where(money, units, "count").astype(object)
    return family


def _power_of_ten(ratio: Floats, tol: float) -> npt.NDArray[np.bool_]:
    """Tell whether each ratio is within ``tol`` of a power of ten other than 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        exponent = np.round(np.log10(np.where(ratio > 0, ratio, np.nan)))
        near: npt.NDArray[np.bool_] = (np.abs(ratio / 10.0**exponent - 1) <= tol) & (exponent != 0)
    return near


class _Sums(NamedTuple):
    """The parts of each total (of the same unit family), summed."""

    total: npt.NDArray[np.int64]
    lo: Floats
    hi: Floats
    value: Floats
    n_parts: npt.NDArray[np.int64]
    ids: npt.NDArray[np.object_]
    inexact: Floats

    def take(self, mask: npt.NDArray[np.bool_]) -> _Sums:
        return _Sums(self.total[mask], self.lo[mask], self.hi[mask], self.value[mask],
                      self.n_parts[mask], self.ids[mask], self.inexact[mask])  # fmt: skip


def _sums(table: Table) -> _Sums:
    """Sum the parts of each total that has parts of its unit family."""
    parts = table.where(table.is_part)
    family = _unit_family(table["unit"])
    # a part's reference and a total's id in one code space, with the unit family
    names = np.concatenate([table["part_of"][parts], table["id"]])
    families = np.concatenate([family[parts], family])
    code = combine(pd.factorize(names)[0].astype(np.int64),
                   pd.factorize(families)[0].astype(np.int64))  # fmt: skip
    totals = np.arange(parts.size, parts.size + table.n)
    total, part = join(code, totals, np.arange(parts.size))
    total, part = total - parts.size, parts[part]
    first = np.r_[True, total[1:] != total[:-1]][: total.size]
    group = np.cumsum(first) - 1
    starts = np.flatnonzero(first)

    def add(values: Floats) -> Floats:
        added: Floats = np.add.reduceat(values[part], starts) if part.size else np.zeros(0)
        return added

    return _Sums(
        total=total[first],
        lo=add(table["lo"]),
        hi=add(table["hi"]),
        value=add(table["value"]),
        n_parts=np.bincount(group, minlength=starts.size).astype(np.int64),
        ids=join_groups(table["id"][part], group),
        inexact=add((table["qualifier"] != "exact").astype(np.float64)),
    )


@unit("components_mismatch", "error", ("approx_tolerance", "approx_floor", "component_tolerance"),
      about="parts that do not sum to their stated total",
      template="{id}: its {n_parts} {parts} ({part_ids}) {verb} {parts_value:n} {unit}, "
               "{relation} the stated total {value:n}{hint}")  # fmt: skip
def components_mismatch(table: Table) -> Found:
    """Find totals their parts exceed (error) or fall short of (warning; info for one part).

    A shortfall by a power of ten (a scale slip) is an error too. Exact counts (a total
    and parts all exact, none money or a share) add up exactly: no tolerance.
    """
    sums = _sums(table)
    counted = (_unit_family(table["unit"][sums.total]) == "count") & (sums.inexact == 0)
    exact = counted & (table["qualifier"][sums.total] == "exact")
    slack = np.where(exact, 0.0, table.tolerances.component_tolerance)
    over = sums.lo > table["hi"][sums.total] * (1 + slack)
    short = sums.hi < table["lo"][sums.total] * (1 - slack)
    sums, over = sums.take(over | short), over[over | short]
    total = sums.total
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = table["value"][total] / sums.value
        factor = numbers(np.round(np.where(ratio >= 1, ratio, 1 / ratio)))  # ten, a hundred...
    scale = _power_of_ten(ratio, 0.05)
    hint = np.where(
        ratio >= 1,
        " (a factor of " + factor + ": a scale slip?)",
        " (the parts are " + factor + " times the total: a scale slip?)",
    )
    hint = np.where(scale, hint, "")
    lone = sums.n_parts == 1
    return Found(
        a=total,
        ids=table["id"][total] + ", " + sums.ids,
        low=sums.lo,
        high=sums.hi,
        severity=np.where(over | scale, "error", np.where(lone, "info", "warning")).astype(object),
        fields={
            "n_parts": sums.n_parts,
            "parts": np.where(lone, "part", "parts").astype(object),
            "part_ids": sums.ids,
            "verb": np.where(lone, "is", "sum to").astype(object),
            "parts_value": sums.value,
            "relation": np.where(over, "above", "which falls short of").astype(object),
            "hint": hint.astype(object),
        },
    )
