"""Checks of derived statements: shares, growth, folds and ratios, recomputed.

A derived row (``derived`` set, see :mod:`isipo_stats.figures`) states a number computed
from two figures of the table, ``of`` and ``base``. The check recomputes it from the
intervals those figures state and compares with the interval the statement itself
allows: an exact statement holds when the recomputed number rounds to it at the stated
number of decimals ("16.77 percent" is right for 16.765..16.775), "about" adds its band
(:func:`isipo_stats.checks._table.approx_spread`), "over" and "up to" are one-sided.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import Table

__all__ = ["decimals", "derived_mismatch", "recomputed"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_PERCENT: Final = {"share": (100.0, 0.0), "growth": (100.0, -100.0)}


def decimals(values: Floats) -> Floats:
    """Return the number of decimals each value is stated to (its shortest repr, up to 9).

    Examples
    --------
    >>> decimals(np.array([16.77, 23.0, 1.5, 0.125])).tolist()
    [2.0, 0.0, 1.0, 3.0]
    """
    out = np.zeros(values.shape)
    for k in range(9, 0, -1):  # the fewest decimals that give the value back
        fits = np.isclose(np.round(values, k - 1), values, rtol=0, atol=1e-9)
        out = np.where(fits, out, np.where(out == 0, k, out))
    return out


def recomputed(derived: npt.NDArray[np.object_], top: Floats, bottom: Floats) -> Floats:
    """Return the number each derivation gives for ``top`` (``of``) over ``bottom`` (``base``).

    Examples
    --------
    >>> recomputed(np.array(["share", "growth", "fold", "ratio"], dtype=object),
    ...            np.array([400.0, 1.74, 3.0, 14458.0]), np.array([1600.0, 1.49, 1.0, 819.0]))
    ... # doctest: +NORMALIZE_WHITESPACE
    array([25. , 16.77852349, 3. , 17.65323565])
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = top / bottom
    scale = np.ones(derived.shape)
    shift = np.zeros(derived.shape)
    for name, (times, plus) in _PERCENT.items():
        scale = np.where(derived == name, times, scale)
        shift = np.where(derived == name, plus, shift)
    out: Floats = quotient * scale + shift
    return out


def _found(table: Table) -> tuple[Ints, Ints, Ints, Floats, Floats, Floats]:
    """(row, of, base, recomputed, low, high) of every derived row whose figures exist."""
    ids = pd.Index(table["id"])
    derived = table["derived"]
    rows = table.where(~pd.isna(derived))
    top = ids.get_indexer(table["of"][rows]).astype(np.int64)
    bottom = ids.get_indexer(table["base"][rows]).astype(np.int64)
    known = (top >= 0) & (bottom >= 0)
    rows, top, bottom = rows[known], top[known], bottom[known]
    kinds = derived[rows]
    lo, hi = table["lo"], table["hi"]
    positive = lo[bottom] > 0
    with np.errstate(invalid="ignore"):
        low = recomputed(kinds, np.maximum(lo[top], 0.0), np.where(positive, hi[bottom], 1.0))
        high = recomputed(kinds, hi[top], np.where(positive, lo[bottom], 1.0))
        point = recomputed(kinds, table["value"][top], table["value"][bottom])
    keep = positive & (table["value"][bottom] > 0)
    return rows[keep], top[keep], bottom[keep], point[keep], low[keep], high[keep]


@unit("derived_mismatch", "warning", ("approx_tolerance", "approx_floor"),
      about="a share, growth, fold or ratio that the figures it is computed from do not give",
      template="{id}: states a {derived} of {value:n} ({of} / {base}), but the figures give "
               "{recomputed:n} ({of_value:n} / {base_value:n})")  # fmt: skip
def derived_mismatch(table: Table) -> Found:
    """Find derived statements their own figures contradict, at the stated precision."""
    rows, top, bottom, point, low, high = table.shared(_found)
    value = table["value"][rows]
    half = 0.5 * 10.0 ** -decimals(value)
    qualifier = table["qualifier"][rows]
    # "over 54 percent" is wrong for 53.6: a bound is not rounded
    stated_lo = np.where(qualifier == "lower", table["lo"][rows],
                         np.minimum(table["lo"][rows], value - half))  # fmt: skip
    stated_hi = np.where(qualifier == "upper", table["hi"][rows],
                         np.maximum(table["hi"][rows], value + half))  # fmt: skip
    with np.errstate(invalid="ignore"):
        wrong = (high < stated_lo) | (low > stated_hi)
    return Found(
        a=rows[wrong],
        value=value[wrong],
        low=low[wrong],
        high=high[wrong],
        fields={
            "recomputed": point[wrong],
            "of_value": table["value"][top[wrong]],
            "base_value": table["value"][bottom[wrong]],
        },
    )
