"""Checks of implied exchange rates and of ratios between metrics, against their medians."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import Table, join
from isipo_stats.checks._text import numbers

__all__ = [
    "conversion_differs", "conversion_rate_jump", "implied_rate", "implied_rate_outlier",
    "ratio_outlier",
]  # fmt: skip

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_RATE = "{id_a} ({value_a:n} rial) and {id_b} ({value_b:n} usd) imply {rate:n} rial per dollar"


def group_medians(values: Floats, group: Ints) -> tuple[Floats, Ints]:
    """Median of the non-missing values of each row's group (NaN for none), and its size.

    ``group`` holds codes 0..k-1, or -1 for a row in no group (median NaN, size 0).

    Examples
    --------
    >>> medians, sizes = group_medians(np.array([1.0, 5.0, 2.0, np.nan, 7.0]),
    ...                                np.array([0, 0, 0, 0, 1]))
    >>> medians.tolist(), sizes.tolist()
    ([2.0, 2.0, 2.0, 2.0, 7.0], [4, 4, 4, 4, 1])
    """
    k = int(group.max(initial=-1)) + 1
    grouped = group >= 0
    size = np.bincount(group[grouped], minlength=k)
    valid = grouped & ~np.isnan(values)
    count = np.bincount(group[valid], minlength=k)
    order = np.lexsort((values[valid], group[valid]))  # NaN sorts last: never read
    ordered = values[valid][order]
    start = np.cumsum(count) - count
    has = count > 0
    low = np.where(has, start + (count - 1) // 2, 0)
    high = np.where(has, start + count // 2, 0)
    median = np.full(k, np.nan)
    if ordered.size:
        median[has] = (ordered[low[has]] + ordered[high[has]]) / 2
    # a row in no group (-1) reads the appended NaN and 0
    return np.r_[median, np.nan][group], np.r_[size, 0][group]


def relative_outliers(
    ratio: Floats, group: Ints, factor: float
) -> tuple[Floats, npt.NDArray[np.bool_]]:
    """Median ratio of each row's group, and whether the row is more than ``factor`` off it.

    The median (of the logs) is robust with three pairs or more; with fewer there is no
    majority to judge by, so nothing is called an outlier and the median is NaN.
    """
    # a zero ratio has the log -inf: far from any median but a zero one (no warning for it)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(ratio)
        medians, sizes = group_medians(logs, group)
        median = np.where(sizes >= 3, np.exp(medians), np.nan)
        far = np.abs(logs - np.log(median)) > np.log(factor)
    return median, far


class Rates(NamedTuple):
    """Every usd amount given as a rial one's equal, with the rate they imply.

    ``own_year`` is the Jalali year the figures belong to (NaN for none, as for a level
    without a year); ``year`` the year their rate is compared in: their own, or the year of
    their latest publication date when they have none (``of_year`` says which, in words).
    """

    rial: Ints
    usd: Ints
    own_year: Floats
    year: Floats
    of_year: npt.NDArray[np.object_]
    rate: Floats
    median: Floats
    far: npt.NDArray[np.bool_]


def _rates(table: Table) -> Rates:
    """Return the rate of every usd amount given as a rial one's equal, and its year's."""
    ids = table["id"]
    unit_of = table["unit"]
    rial = pd.Index(ids).get_indexer(table["equivalent_of"]).astype(np.int64)
    usd = table.where((rial >= 0) & (unit_of == "usd"))
    rial = rial[usd]
    keep = unit_of[rial] == "rial"
    rial, usd = rial[keep], usd[keep]
    own = table["jyear"][rial]
    own = np.where(np.isnan(own), table["jyear"][usd], own)
    # compared in the year of the latest publication date of figures without a year of
    # their own; the finding still names the figures' own year (none)
    year = own.copy()
    published = table["published_to"][rial]
    dated = np.isnan(year) & ~np.isnan(published)
    year[dated] = _kernel.year_of(published[dated].astype(np.int64))
    of_year = np.full(rial.size, "the year", dtype=object)
    of_year[dated] = _whole(year[dated]) + " (the year it was published)"
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = table["value"][rial] / table["value"][usd]
    group = np.where(np.isnan(year), -1, pd.factorize(year)[0]).astype(np.int64)
    median, far = relative_outliers(rate, group, table.tolerances.rate_tolerance)
    return Rates(rial, usd, own, year, of_year, rate, median, far)


def _whole(years: Floats) -> npt.NDArray[np.object_]:
    return years.astype(np.int64).astype(str).astype(object)


@unit("implied_rate_outlier", "warning", ("rate_tolerance",),
      about="an exchange rate implied by an amount and its equivalent, far from the median of "
      "the pairs of the same year (three pairs or more)",
      template=_RATE + ", {times:n} times the median of the pairs of {of_year} "
                       "({median:n})")  # fmt: skip
def implied_rate_outlier(table: Table) -> Found:
    """Find rial amounts and usd equivalents implying a rate far from the year's median."""
    rates = table.shared(_rates)
    far = rates.far
    factor = table.tolerances.rate_tolerance
    median, rate = rates.median[far], rates.rate[far]
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero median: inf times
        times = rate / median
    return Found(
        a=rates.rial[far],
        b=rates.usd[far],
        jyear=rates.own_year[far],
        value=rate,
        low=median / factor,
        high=median * factor,
        fields={"rate": rate, "times": times, "median": median, "of_year": rates.of_year[far]},
    )


@unit("ratio_outlier", "warning", ("ratio_tolerance",),
      about="a ratio such as jobs per revived unit far from the other figures'",
      template="{id_a} / {id_b}: {ratio_name} is {ratio:n}, against a median of {median:n} in "
               "the other figures")  # fmt: skip
def ratio_outlier(table: Table) -> Found:
    """Find ratios of two metrics (``ratio_pairs``) far from the median of all such pairs."""
    key = table.key(("region", "kind", "jyear", "start", "end", "published_from",
                     "published_to"), missing_matches=True)  # fmt: skip
    metric = table["metric"]
    found = [
        (
            *join(key, table.where(metric == top), table.where(metric == bottom)),
            f"{top} per {bottom}",
        )
        for top, bottom in table.ratio_pairs
    ]
    i = np.concatenate([np.zeros(0, np.int64), *(f[0] for f in found)])
    j = np.concatenate([np.zeros(0, np.int64), *(f[1] for f in found)])
    names = np.concatenate(
        [np.zeros(0, object), *(np.full(f[0].size, f[2], object) for f in found)]
    )
    value = table["value"]
    positive = value[j] > 0
    i, j, names = i[positive], j[positive], names[positive]
    ratio = value[i] / value[j]
    median, far = relative_outliers(ratio, pd.factorize(names)[0].astype(np.int64),
                                    table.tolerances.ratio_tolerance)  # fmt: skip
    factor = table.tolerances.ratio_tolerance
    median = median[far]
    return Found(
        a=i[far],
        b=j[far],
        value=ratio[far],
        low=median / factor,
        high=median * factor,
        fields={"ratio_name": names[far], "ratio": ratio[far], "median": median},
    )


@unit("implied_rate", "info", ("rate_tolerance",),
      about="the exchange rate an amount and its equivalent imply (info)",
      template=_RATE + "; {comparison}")  # fmt: skip
def implied_rate(table: Table) -> Found:
    """Give the rate every rial amount and its usd equivalent imply, and the year's median.

    The finding names the Jalali year the figures belong to (none for levels without one);
    such figures are compared with the pairs of the year they were published in, and the
    message says so.
    """
    rates = table.shared(_rates)
    median = rates.median
    known = ~np.isnan(median)
    own = rates.of_year == "the year"
    comparison = np.where(
        known,
        "the pairs of " + rates.of_year + " imply a median of "
        + numbers(np.where(known, median, 0.0)),
        np.where(own, "fewer than three pairs in that year to compare",
                 "fewer than three pairs in " + rates.of_year + " to compare"),
    )  # fmt: skip
    return Found(
        a=rates.rial,
        b=rates.usd,
        jyear=rates.own_year,
        value=rates.rate,
        fields={"rate": rates.rate, "comparison": comparison.astype(object)},
    )


def _equivalents(table: Table) -> tuple[Ints, Ints]:
    """(usd, rial) of every usd figure given as the equivalent of a rial one."""
    rial = pd.Index(table["id"]).get_indexer(table["equivalent_of"]).astype(np.int64)
    usd = table.where((rial >= 0) & (table["unit"] == "usd"))
    rial = rial[usd]
    keep = table["unit"][rial] == "rial"
    return usd[keep], rial[keep]


_CONVERSION = (
    "{id_a} and {id_b} give the same {rial:n} rial ({rial_ids}) as {value_a:n} and "
    "{value_b:n} usd: {rate_a:n} and {rate_b:n} rial per dollar, {why}"
)


@unit("conversion_differs", "warning", ("approx_tolerance", "approx_floor", "rate_tolerance"),
      about="one rial amount given with dollar equivalents that cannot both hold: two "
      "exchange rates, not two amounts",
      template=_CONVERSION)  # fmt: skip
def conversion_differs(table: Table) -> Found:
    """Find two usd equivalents of one rial amount (the same statement, in two reports).

    They differ when they cannot both hold, or when one is more than ``rate_tolerance``
    times the other ("over $833 million" and "over $117.8 million" for 35 trillion rials).
    """
    usd, rial = _equivalents(table)
    statement = table.key(("metric", "region", "kind", "jyear", "start", "end", "value"),
                          missing_matches=True)  # fmt: skip
    key = np.full(table.n, -1, dtype=np.int64)
    key[usd] = statement[rial]
    mask = np.zeros(table.n, dtype=bool)
    mask[usd] = True
    i, j = table.pairs(key, mask, mask)
    lo, hi = table["lo"], table["hi"]
    value = table["value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        far = np.abs(np.log(value[i] / value[j])) > np.log(table.tolerances.rate_tolerance)
    apart = (i < j) & ((hi[i] < lo[j]) | (hi[j] < lo[i]) | far)
    return _conversion(table, i[apart], j[apart], "a change of exchange rate, not of amount")


def _conversion(table: Table, i: Ints, j: Ints, why: str) -> Found:
    """Return a conversion finding on the usd figures ``i`` and ``j`` and their rial amounts."""
    rial = pd.Index(table["id"]).get_indexer(table["equivalent_of"]).astype(np.int64)
    ri, rj = rial[i], rial[j]
    ids = table["id"]
    rial_ids = np.where(ri == rj, ids[ri], ids[ri] + ", " + ids[rj])
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = table["value"][ri] / table["value"][i]
        rate_b = table["value"][rj] / table["value"][j]
    return Found(
        a=i,
        b=j,
        ids=ids[i] + ", " + ids[j] + ", " + rial_ids,
        fields={
            "rial": table["value"][ri],
            "rial_ids": rial_ids.astype(object),
            "rate_a": rate_a,
            "rate_b": rate_b,
            "why": np.full(i.size, why, dtype=object),
        },
    )


@unit("conversion_rate_jump", "warning", ("rate_tolerance",),
      about="a dollar year-to-date series whose implied rial per dollar rate jumps between "
      "two points (more than the rate factor): its dollar figures change with the rate",
      template="{id_a} and {id_b}: year-to-date {value_a:n} and {value_b:n} usd for "
               "{rial_ids} imply {rate_a:n} and {rate_b:n} rial per dollar: {why}")  # fmt: skip
def conversion_rate_jump(table: Table) -> Found:
    """Find consecutive usd year-to-date points whose implied rates differ by a factor."""
    usd, rial = _equivalents(table)
    points = table.is_point[usd]
    usd, rial = usd[points], rial[points]
    series = table.key(("metric", "region", "unit", "jyear"))[usd]
    order = np.lexsort((table["end"][usd], series))
    usd, series = usd[order], series[order]
    end = table["end"][usd]
    same = (series[1:] == series[:-1]) & (end[1:] > end[:-1])  # two dates of one series
    i, j = usd[:-1][same], usd[1:][same]
    rial_of = pd.Index(table["id"]).get_indexer(table["equivalent_of"]).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_i = table["value"][rial_of[i]] / table["value"][i]
        rate_j = table["value"][rial_of[j]] / table["value"][j]
        jump = np.abs(np.log(rate_j / rate_i)) > np.log(table.tolerances.rate_tolerance)
    return _conversion(
        table, i[jump], j[jump], "the dollar figures moved with the rate, not with the amount"
    )
