"""Consistency checks on a figure table: every inconsistency, with its reason.

:func:`check` returns one row per (check, figure or pair of figures), every failure kept.
The checks compare the *intervals* the figures state: an exact figure is the point
``[v, v]``, "about v" is ``[v (1 - a), v (1 + a)]`` with ``a = approx_tolerance``, "over v"
is ``[v, inf)``, "up to v" is ``(-inf, v]``, and a range is ``[low, high]``. Two figures
disagree only when their intervals cannot both hold.

Year-to-date points
-------------------
A cumulative figure with an as-of date, and a period figure that starts on 1 Farvardin, both
state the cumulative total of their year at their end date. These "year-to-date points" must
not decrease within a metric, region, unit and Jalali year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.calendar import to_jalali, year_bounds
from isipo_stats.errors import FigureValidationError, InputTypeError
from isipo_stats.figures import COLUMNS, validate_figures
from isipo_stats.text import format_jalali

__all__ = ["CHECKS", "FLAG_COLUMNS", "Tolerances", "check", "intervals", "ytd_points"]

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
)
"""Columns of the table :func:`check` returns."""

CHECKS: Final[dict[str, str]] = {
    "date_label_mismatch": "a Gregorian date the text gives for a Jalali boundary is not that day",
    "cumulative_decrease": "a year-to-date figure below an earlier one of the same series",
    "period_exceeds_cumulative": "a flow over part of the year above the year-to-date total",
    "conflicting_figures": "figures for the same series and span that cannot both hold",
    "bound_violation": "a lower or upper bound contradicted by another figure",
    "components_mismatch": "parts that do not sum to their stated total",
    "implied_rate_outlier": "an exchange rate implied by an amount and its equivalent, far "
    "from the median of the pairs of the same year (three pairs or more)",
    "ratio_outlier": "a ratio such as jobs per revived unit far from the other figures'",
    "implied_rate": "the exchange rate an amount and its equivalent imply (info)",
    "target_revised": "a target restated with another value for the same span (info)",
    "target_missed": "an actual for a target's whole span below the target (info)",
    "target_exceeded": "an actual for a target's whole span at or above the target (info)",
    "span_outside_year": "a span that runs outside the figure's Jalali year",
    "negative_value": "a negative count, amount or share",
    "published_before_span_end": "an actual published before the end of the span it reports",
    "publication_window": "the window in which an undated figure must have been published to "
    "agree with the others (info)",
}
"""Every check :func:`check` runs, with what it flags."""

_ACTUAL_KINDS: Final = ("cumulative", "period")
_KEY: Final = ["metric", "region", "unit", "jyear"]


@dataclass(frozen=True)
class Tolerances:
    """Documented tolerances of the checks.

    Attributes
    ----------
    approx_tolerance : float
        "About v" is read as ``v`` within this relative margin (default 0.10: 10 percent).
    component_tolerance : float
        Parts and their total agree within this relative margin (default 0.02).
    rate_tolerance : float
        An implied exchange rate is an outlier when it differs from the median rate of the
        pairs of the same Jalali year (three or more) by more than this factor (default 2.0:
        more than double or less than half).
    ratio_tolerance : float
        Likewise for ratios such as jobs per revived unit, against the median of all pairs
        of the same two metrics (three or more), any year (default 2.0).
    """

    approx_tolerance: float = 0.10
    component_tolerance: float = 0.02
    rate_tolerance: float = 2.0
    ratio_tolerance: float = 2.0


def intervals(figures: pd.DataFrame, approx_tolerance: float = 0.10) -> pd.DataFrame:
    """Return the interval ``[lo, hi]`` each figure states (see the module docstring).

    Examples
    --------
    >>> table = pd.DataFrame({"value": [10.0, 10.0, 10.0, 10.0, 23.0],
    ...     "qualifier": ["exact", "approx", "lower", "upper", "range"],
    ...     "low": [10.0, np.nan, 10.0, np.nan, 22.0], "high": [10.0, np.nan, np.nan, 10.0, 24.0]})
    >>> intervals(table).to_numpy().tolist()
    [[10.0, 10.0], [9.0, 11.0], [10.0, inf], [-inf, 10.0], [22.0, 24.0]]
    """
    q = figures["qualifier"].to_numpy(dtype=object)
    v = figures["value"].to_numpy(dtype=float)
    spread = np.abs(v) * approx_tolerance
    lo = np.where(q == "approx", v - spread, figures["low"].to_numpy(dtype=float))
    hi = np.where(q == "approx", v + spread, figures["high"].to_numpy(dtype=float))
    lo = np.where(np.isnan(lo), -np.inf, lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    return pd.DataFrame({"lo": lo, "hi": hi}, index=figures.index)


def _year_start(jyear: pd.Series) -> npt.NDArray[np.datetime64]:
    return year_bounds(jyear.to_numpy(dtype=float, na_value=np.nan))[0]


def ytd_points(figures: pd.DataFrame, approx_tolerance: float = 0.10) -> pd.DataFrame:
    """Return the year-to-date points: figures that state a year's cumulative total at a date.

    Columns: the figure's columns plus ``lo``, ``hi`` (see :func:`intervals`).
    """
    starts_year = figures["start"].to_numpy() == _year_start(figures["jyear"])
    is_point = (
        figures["kind"].isin(_ACTUAL_KINDS).to_numpy()
        & starts_year
        & figures["end"].notna().to_numpy()
        & figures["jyear"].notna().to_numpy()
    )
    points = figures[is_point]
    out: pd.DataFrame = pd.concat([points, intervals(points, approx_tolerance)], axis=1)
    return out


def _number(values: pd.Series) -> pd.Series:
    """Numbers as short text: 819, 18.7, 39,000, 60,000,000,000,000."""
    text = values.map(lambda v: f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}")
    return text.astype(object)


def _day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("unknown").astype(object)


def _flags(
    name: str,
    severity: str,
    rows: pd.DataFrame,
    ids: pd.Series,
    message: pd.Series,
    expected_low: pd.Series | float = np.nan,
    expected_high: pd.Series | float = np.nan,
) -> pd.DataFrame:
    value = rows["value"].to_numpy(dtype=float)
    low = np.broadcast_to(np.asarray(expected_low, dtype=float), value.shape)
    high = np.broadcast_to(np.asarray(expected_high, dtype=float), value.shape)
    discrepancy = np.where(value < low, value - low, np.where(value > high, value - high, 0.0))
    discrepancy = np.where(np.isnan(low) & np.isnan(high), np.nan, discrepancy)
    return pd.DataFrame(
        {
            "check": name,
            "severity": severity,
            "metric": rows["metric"].to_numpy(),
            "region": rows["region"].to_numpy(),
            "jyear": pd.array(rows["jyear"].to_numpy(), dtype="Int64"),
            "figure_ids": ids.to_numpy(dtype=object),
            "value": value,
            "expected_low": low,
            "expected_high": high,
            "discrepancy": discrepancy,
            "message": message.to_numpy(dtype=object),
        }
    )


def _pairs(left: pd.DataFrame, right: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """All pairs of rows with equal keys (missing keys never match), distinct ids."""
    left = left.dropna(subset=[c for c in on if c != "end"])
    right = right.dropna(subset=[c for c in on if c != "end"])
    pairs = left.merge(right, on=on, suffixes=("_a", "_b"))
    return pairs[pairs["id_a"] != pairs["id_b"]].reset_index(drop=True)


def _with_keys(pairs: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    out = pairs.copy()
    for column in ("metric", "region", "jyear", "value", "unit"):
        if column not in on:
            out[column] = out[f"{column}_a"]
    return out


def _check_dates(figures: pd.DataFrame) -> pd.DataFrame:
    items = figures["stated_dates"].str.split(";").explode().str.strip()
    items = items[items.fillna("") != ""]
    role = items.str.split("=").str[0]
    stated = pd.to_datetime(items.str.split("=").str[1], format="%Y-%m-%d")
    rows = figures.loc[items.index]
    actual = pd.Series(
        np.where(role.to_numpy() == "start", rows["start"].to_numpy(), rows["end"].to_numpy()),
        index=items.index,
    )
    wrong = actual.notna() & (stated != actual)
    rows, stated, actual, role = rows[wrong], stated[wrong], actual[wrong], role[wrong]
    stated_days = stated.to_numpy().astype("datetime64[D]").astype(np.int64)
    actual_days = actual.to_numpy().astype("datetime64[D]").astype(np.int64)
    gap = pd.Series(stated_days - actual_days, index=stated.index, dtype=np.int64)
    direction = np.where(gap > 0, "later", "earlier")
    jalali = format_jalali(actual.to_numpy())
    message = (
        rows["id"]
        + ": the text gives "
        + _day(stated)
        + " for the "
        + role
        + " of the span, but "
        + jalali.to_numpy(dtype=object)
        + " is "
        + _day(actual)
        + " (the stated date is "
        + gap.abs().astype(str)
        + " day(s) "
        + direction
        + ")"
    )
    return _flags("date_label_mismatch", "warning", rows, rows["id"], message)


def _check_decreases(points: pd.DataFrame) -> pd.DataFrame:
    pairs = _pairs(points, points, _KEY)
    later = pairs[(pairs["end_b"] > pairs["end_a"]) & (pairs["hi_b"] < pairs["lo_a"])]
    bound = later["qualifier_a"].isin(["lower", "upper"]) | later["qualifier_b"].isin(
        ["lower", "upper"]
    )
    later = _with_keys(later, _KEY).assign(value=later["value_b"])
    ids = later["id_a"] + ", " + later["id_b"]
    message = (
        later["id_b"]
        + ": year-to-date "
        + later["metric"]
        + " "
        + _number(later["value_b"])
        + " as of "
        + _day(later["end_b"])
        + " is below "
        + _number(later["value_a"])
        + " as of "
        + _day(later["end_a"])
        + " ("
        + later["id_a"]
        + "), by "
        + _number(later["lo_a"] - later["hi_b"])
    )
    return pd.concat(
        [
            _flags("cumulative_decrease", "error", later[~bound], ids[~bound], message[~bound],
                   later["lo_a"][~bound], np.inf),
            _flags("bound_violation", "error", later[bound], ids[bound], message[bound],
                   later["lo_a"][bound], np.inf),
        ]
    )  # fmt: skip


def _check_period_vs_cumulative(
    figures: pd.DataFrame, points: pd.DataFrame, tol: float
) -> pd.DataFrame:
    flows = figures[(figures["kind"] == "period") & ~figures["id"].isin(points["id"])]
    flows = pd.concat([flows, intervals(flows, tol)], axis=1)
    pairs = _pairs(flows, points, _KEY)
    inside = (pairs["end_a"] <= pairs["end_b"]) & (pairs["lo_a"] > pairs["hi_b"])
    pairs = _with_keys(pairs[inside], _KEY)
    message = (
        pairs["id_a"]
        + ": "
        + _number(pairs["value_a"])
        + " "
        + pairs["metric"]
        + " over "
        + _day(pairs["start_a"])
        + ".."
        + _day(pairs["end_a"])
        + " exceeds the year-to-date total "
        + _number(pairs["value_b"])
        + " as of "
        + _day(pairs["end_b"])
        + " ("
        + pairs["id_b"]
        + ")"
    )
    ids = pairs["id_a"] + ", " + pairs["id_b"]
    return _flags("period_exceeds_cumulative", "error", pairs, ids, message, -np.inf, pairs["hi_b"])


def _check_conflicts(figures: pd.DataFrame, tol: float) -> pd.DataFrame:
    # components (part_of set) measure a sub-population: never compared with the whole
    actual = figures[(figures["kind"] != "target") & figures["part_of"].isna()]
    actual = pd.concat([actual, intervals(actual, tol)], axis=1)
    # a cumulative figure and a flow from 1 Farvardin over the same span state one number
    actual = actual.assign(
        family=actual["kind"].where(actual["kind"] == "level", "actual").astype(object)
    )
    on = ["metric", "region", "unit", "family", "start", "end"]
    pairs = _pairs(actual, actual, on)
    pairs = pairs[(pairs["id_a"] < pairs["id_b"]) & (pairs["end"].notna())]
    apart = (pairs["hi_a"] < pairs["lo_b"]) | (pairs["hi_b"] < pairs["lo_a"])
    pairs = _with_keys(pairs[apart], on)
    bound = pairs["qualifier_a"].isin(["lower", "upper"]) | pairs["qualifier_b"].isin(
        ["lower", "upper"]
    )
    message = (
        pairs["id_a"]
        + " and "
        + pairs["id_b"]
        + " state "
        + pairs["metric"]
        + " over "
        + _day(pairs["start"])
        + ".."
        + _day(pairs["end"])
        + " as "
        + pairs["qualifier_a"]
        + " "
        + _number(pairs["value_a"])
        + " and "
        + pairs["qualifier_b"]
        + " "
        + _number(pairs["value_b"])
        + ": both cannot hold"
    )
    ids = pairs["id_a"] + ", " + pairs["id_b"]
    return pd.concat(
        [
            _flags("conflicting_figures", "error", pairs[~bound], ids[~bound], message[~bound],
                   pairs["lo_b"][~bound], pairs["hi_b"][~bound]),
            _flags("bound_violation", "error", pairs[bound], ids[bound], message[bound],
                   pairs["lo_b"][bound], pairs["hi_b"][bound]),
        ]
    )  # fmt: skip


_MONEY_AND_SHARES: Final = ("rial", "usd", "percent")


def _unit_family(units: pd.Series) -> pd.Series:
    """Units that add up together: rial, usd and percent each alone; any count with any count."""
    return units.where(units.isin(_MONEY_AND_SHARES), "count").astype(object)


def _power_of_ten(ratio: pd.Series, tol: float) -> pd.Series:
    exponent = np.round(np.log10(ratio.where(ratio > 0)))
    near = (np.abs(ratio / 10.0**exponent - 1) <= tol) & (exponent != 0)
    return pd.Series(near.fillna(value=False).to_numpy(dtype=bool), index=ratio.index)


def _check_components(figures: pd.DataFrame, tol: Tolerances) -> pd.DataFrame:
    parts = figures[figures["part_of"].notna()]
    parts = pd.concat([parts, intervals(parts, tol.approx_tolerance)], axis=1)
    parts = parts.assign(family=_unit_family(parts["unit"]))
    sums = parts.groupby(["part_of", "family"], sort=False).agg(
        parts_lo=("lo", "sum"),
        parts_hi=("hi", "sum"),
        parts_value=("value", "sum"),
        part_ids=("id", ", ".join),
        n_parts=("id", "size"),
    )
    totals = figures.assign(family=_unit_family(figures["unit"]))
    totals = totals.merge(sums, left_on=["id", "family"], right_index=True)
    totals = pd.concat([totals, intervals(totals, tol.approx_tolerance)], axis=1)
    slack = tol.component_tolerance
    over = totals["parts_lo"] > totals["hi"] * (1 + slack)
    short = totals["parts_hi"] < totals["lo"] * (1 - slack)
    flagged = totals[over | short]
    ratio = flagged["value"] / flagged["parts_value"]
    scale = _power_of_ten(ratio, 0.05)
    hint = np.where(scale, " (a factor of " + _number(ratio.round()) + ": a scale slip?)", "")
    relation = np.where(over[over | short], "exceed", "fall short of")
    message: pd.Series = (
        flagged["id"]
        + ": its "
        + flagged["n_parts"].astype(str)
        + np.where(flagged["n_parts"] == 1, " part (", " parts (")
        + flagged["part_ids"]
        + np.where(flagged["n_parts"] == 1, ") is ", ") sum to ")
        + _number(flagged["parts_value"])
        + " "
        + flagged["unit"]
        + ", which "
        + relation
        + "s the stated total "
        + _number(flagged["value"])
        + hint
    )
    message = message.str.replace("fall short ofs", "falls short of", regex=False)
    message = message.str.replace(", which exceeds", ", above", regex=False)
    # a lone part that falls short only leaves the rest unexplained: info, not a warning
    lone = (flagged["n_parts"] == 1).to_numpy()
    severity = np.where(over[over | short] | scale, "error", np.where(lone, "info", "warning"))
    ids = flagged["id"] + ", " + flagged["part_ids"]
    out = _flags(
        "components_mismatch", "error", flagged, ids, message, flagged["parts_lo"],
        flagged["parts_hi"],
    )  # fmt: skip
    out["severity"] = severity
    return out


def _period_year(frame: pd.DataFrame, suffix: str = "") -> pd.Series:
    """Jalali year of a figure, or of its latest publication date when it has none."""
    published = frame[f"published_to{suffix}"]
    year_of_publication = to_jalali(published.to_numpy()).year.to_numpy()
    return frame[f"jyear{suffix}"].fillna(pd.Series(year_of_publication, index=frame.index))


def _relative_outliers(
    pairs: pd.DataFrame, group: str, ratio: pd.Series, factor: float
) -> tuple[pd.Series, pd.Series]:
    """Median ratio of each row's group, and whether the row is more than ``factor`` off it.

    The median (of the logs) is robust with three pairs or more; with fewer there is no
    majority to judge by, so nothing is called an outlier and the median is NaN.
    """
    # a zero ratio has the log -inf: far from any median but a zero one (no warning for it)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = pd.Series(np.log(ratio.to_numpy(dtype=float)), index=pairs.index)
        keys = pairs[group]
        median = np.exp(logs.groupby(keys).transform("median"))
        enough = keys.map(keys.value_counts()) >= 3
        median = median.where(enough)
        far = (np.abs(logs - np.log(median)) > np.log(factor)).fillna(value=False)
    return median, far.astype(bool)


def _check_rates(figures: pd.DataFrame, tol: Tolerances) -> pd.DataFrame:
    pairs = figures.merge(figures, left_on="equivalent_of", right_on="id", suffixes=("_a", "_b"))
    pairs = pairs[(pairs["unit_a"] == "usd") & (pairs["unit_b"] == "rial")]
    pairs = pairs.reset_index(drop=True)
    pairs["year"] = _period_year(pairs, "_b")
    rate = pairs["value_b"] / pairs["value_a"]
    median, far = _relative_outliers(pairs, "year", rate, tol.rate_tolerance)
    rows = pairs.assign(
        metric=pairs["metric_b"], region=pairs["region_b"], jyear=pairs["year"], value=rate
    )
    ids = pairs["id_b"] + ", " + pairs["id_a"]
    base = (
        pairs["id_b"]
        + " ("
        + _number(pairs["value_b"])
        + " rial) and "
        + pairs["id_a"]
        + " ("
        + _number(pairs["value_a"])
        + " usd) imply "
        + _number(rate)
        + " rial per dollar"
    )
    info: pd.Series = base + np.where(
        median.notna(),
        "; the pairs of the year imply a median of " + _number(median.fillna(0)),
        "; fewer than three pairs in that year to compare",
    )
    outlier = (
        base
        + ", "
        + _number(rate / median)
        + " times the median of the pairs of the year ("
        + _number(median)
        + ")"
    )
    return pd.concat(
        [
            _flags("implied_rate", "info", rows, ids, info),
            _flags("implied_rate_outlier", "warning", rows[far], ids[far], outlier[far],
                   median[far] / tol.rate_tolerance, median[far] * tol.rate_tolerance),
        ]
    )  # fmt: skip


def _check_ratios(
    figures: pd.DataFrame, tol: Tolerances, ratio_pairs: list[tuple[str, str]]
) -> pd.DataFrame:
    on = ["region", "kind", "jyear", "start", "end", "published_from", "published_to"]
    frames = []
    for numerator, denominator in ratio_pairs:
        top = figures[figures["metric"] == numerator]
        bottom = figures[figures["metric"] == denominator]
        pairs = top.merge(bottom, on=on, suffixes=("_a", "_b"))
        frames.append(pairs.assign(ratio_name=f"{numerator} per {denominator}"))
    pairs = pd.concat(frames, ignore_index=True)
    pairs = pairs[pairs["value_b"] > 0].reset_index(drop=True)
    pairs["ratio_name"] = pairs["ratio_name"].astype(object)
    ratio = pairs["value_a"] / pairs["value_b"]
    median, far = _relative_outliers(pairs, "ratio_name", ratio, tol.ratio_tolerance)
    rows = pairs[far].assign(metric=pairs["metric_a"][far], value=ratio[far])
    message = (
        rows["id_a"]
        + " / "
        + rows["id_b"]
        + ": "
        + rows["ratio_name"]
        + " is "
        + _number(ratio[far])
        + ", against a median of "
        + _number(median[far])
        + " in the other figures"
    )
    ids = rows["id_a"] + ", " + rows["id_b"]
    return _flags(
        "ratio_outlier", "warning", rows, ids, message, median[far] / tol.ratio_tolerance,
        median[far] * tol.ratio_tolerance,
    )  # fmt: skip


def _check_targets(figures: pd.DataFrame, points: pd.DataFrame, tol: float) -> pd.DataFrame:
    targets = figures[
        (figures["kind"] == "target") & figures["end"].notna() & figures["part_of"].isna()
    ]
    targets = pd.concat([targets, intervals(targets, tol)], axis=1)
    on = ["metric", "region", "unit", "start", "end"]
    pairs = _pairs(targets, targets, on)
    # a restatement in a later report, or later in the same report from the same source;
    # two sources' targets in one report (an agency's and a ministry's) are not revisions
    later = (pairs["published_from_b"] > pairs["published_from_a"]) | (
        (pairs["published_from_b"] == pairs["published_from_a"])
        & (pairs["source_a"] == pairs["source_b"])
        & (pairs["id_b"] > pairs["id_a"])
    )
    revised = _with_keys(pairs[later & (pairs["value_a"] != pairs["value_b"])], on)
    revised = revised.assign(value=revised["value_b"])
    message = (
        "target for "
        + revised["metric"]
        + " over "
        + _day(revised["start"])
        + ".."
        + _day(revised["end"])
        + " restated from "
        + _number(revised["value_a"])
        + " ("
        + revised["id_a"]
        + ") to "
        + _number(revised["value_b"])
        + " ("
        + revised["id_b"]
        + ")"
    )
    flags = [
        _flags("target_revised", "info", revised, revised["id_a"] + ", " + revised["id_b"], message)
    ]
    actuals = pd.concat([points, figures[figures["kind"] == "period"]]).drop_duplicates("id")
    actuals = pd.concat([actuals.drop(columns=["lo", "hi"], errors="ignore"),
                         intervals(actuals, tol)], axis=1)  # fmt: skip
    met = _pairs(targets, actuals, on)
    met = _with_keys(met, on).assign(value=met["value_b"])
    for name, mask in (
        ("target_exceeded", met["lo_b"] >= met["value_a"]),
        ("target_missed", met["hi_b"] < met["value_a"]),
    ):
        rows = met[mask]
        verb = "reached" if name == "target_exceeded" else "fell short of"
        message = (
            rows["id_b"]
            + ": "
            + rows["qualifier_b"]
            + " "
            + _number(rows["value_b"])
            + " "
            + rows["metric"]
            + " "
            + verb
            + " the target "
            + _number(rows["value_a"])
            + " ("
            + rows["id_a"]
            + ") for "
            + _day(rows["start"])
            + ".."
            + _day(rows["end"])
        )
        flags.append(_flags(name, "info", rows, rows["id_a"] + ", " + rows["id_b"], message,
                            rows["value_a"], np.inf))  # fmt: skip
    return pd.concat(flags)


def _check_rows(figures: pd.DataFrame) -> pd.DataFrame:
    year_start = pd.Series(_year_start(figures["jyear"]), index=figures.index)
    year_end = pd.Series(
        year_bounds(figures["jyear"].to_numpy(dtype=float, na_value=np.nan))[1],
        index=figures.index,
    )
    outside = figures["jyear"].notna() & (
        (figures["start"] < year_start) | (figures["end"] > year_end)
    )
    rows = figures[outside.to_numpy(dtype=bool)]
    message = (
        rows["id"]
        + ": the span "
        + _day(rows["start"])
        + ".."
        + _day(rows["end"])
        + " runs outside Jalali year "
        + rows["jyear"].astype(str)
        + " ("
        + _day(year_start[rows.index])
        + ".."
        + _day(year_end[rows.index])
        + ")"
    )
    flags = [_flags("span_outside_year", "error", rows, rows["id"], message)]
    negative = figures[figures["value"] < 0]
    flags.append(
        _flags("negative_value", "error", negative, negative["id"],
               negative["id"] + ": negative value " + _number(negative["value"]), 0.0, np.inf)
    )  # fmt: skip
    early = figures[
        figures["kind"].isin(_ACTUAL_KINDS)
        & figures["end"].notna()
        & (figures["published_to"] < figures["end"])
    ]
    message = (
        early["id"]
        + ": published by "
        + _day(early["published_to"])
        + ", before the end of the span it reports ("
        + _day(early["end"])
        + ")"
    )
    flags.append(_flags("published_before_span_end", "error", early, early["id"], message))
    return pd.concat(flags)


def _check_publication(figures: pd.DataFrame, points: pd.DataFrame, tol: float) -> pd.DataFrame:
    """Narrow the publication window of undated figures from the others' as-of dates."""
    undated = figures[figures["published"].isna() & figures["kind"].isin(_ACTUAL_KINDS)].copy()
    undated = pd.concat([undated, intervals(undated, tol)], axis=1)
    # an actual cannot be published before its span ends
    earliest = undated["published_from"].where(
        undated["end"].isna() | (undated["published_from"] > undated["end"]),
        undated["end"] + pd.Timedelta(days=1),
    )
    latest = undated["published_to"]
    reasons = pd.Series("", index=undated.index, dtype=object)
    # an undated year-to-date figure (as-of = its publication) must come after every point
    # it exceeds and before every point that exceeds it
    open_asof = undated[undated["end"].isna() & (undated["kind"] == "cumulative")]
    pairs = (
        open_asof[[*_KEY, "id", "lo", "hi"]]
        .reset_index(names="row")
        .dropna(subset=_KEY)
        .merge(points[[*_KEY, "id", "end", "lo", "hi"]], on=_KEY, suffixes=("", "_p"))
        .set_index("row")
    )
    for relation, mask, shift in (
        ("after", pairs["lo"] > pairs["hi_p"], 1),
        ("before", pairs["hi"] < pairs["lo_p"], -1),
    ):
        found = pairs[mask]
        if found.empty:
            continue
        limit = found["end"] + pd.Timedelta(days=shift)
        who = found.groupby(level=0)["id_p"].agg(", ".join)
        if relation == "after":
            limit = limit.groupby(level=0).max()
            earliest.loc[limit.index] = np.maximum(earliest.loc[limit.index], limit)
        else:
            limit = limit.groupby(level=0).min()
            latest.loc[limit.index] = np.minimum(latest.loc[limit.index], limit)
        sep = np.where(reasons.loc[who.index] != "", "; ", "")
        reasons.loc[who.index] += sep + relation + " the as-of date of " + who
    # reported where the other figures narrow the window (or leave no date at all)
    narrowed = reasons != ""
    rows = undated[narrowed.to_numpy(dtype=bool)]
    empty = earliest[rows.index] > latest[rows.index]
    why = reasons[rows.index]
    message = (
        rows["id"]
        + ": published between "
        + _day(earliest[rows.index])
        + " and "
        + _day(latest[rows.index])
        + " to agree with the others ("
        + why
        + ")"
    )
    message = message.where(
        ~empty, rows["id"] + ": no publication date agrees with the others (" + why + ")"
    )
    out = _flags("publication_window", "info", rows, rows["id"], message)
    out.loc[empty.to_numpy(dtype=bool), "severity"] = "error"
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
        A validated figure table (:func:`isipo_stats.validate_figures`).
    tolerances : Tolerances, optional
        The documented tolerances (defaults: ``Tolerances()``).
    ratio_pairs : list of (numerator, denominator) metric names, optional
        Ratios compared across figures for :data:`ratio_outlier`; default
        ``[("jobs_created", "revived_units"), ("new_unit_jobs", "new_units")]``, paired on
        the same region, kind, Jalali year, span and publication window.

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
    if not isinstance(figures, pd.DataFrame):
        msg = f"expected a figure table (DataFrame), got {type(figures).__name__}"
        raise InputTypeError(msg)
    if not set(COLUMNS) <= set(figures.columns):  # a raw table: validate it first
        figures = validate_figures(figures)
    else:  # flags name figures by id: validated tables joined together must keep them unique
        ids = figures["id"].reset_index(drop=True)
        duplicated = ids.duplicated(keep=False).to_numpy()
        if duplicated.any():
            raise FigureValidationError(
                [
                    (int(row), "id", f"duplicate id {ids[row]!r}")
                    for row in np.flatnonzero(duplicated)
                ]
            )
    tol = tolerances or Tolerances()
    pairs_to_check = ratio_pairs or [
        ("jobs_created", "revived_units"),
        ("new_unit_jobs", "new_units"),
    ]
    figures = figures.reset_index(drop=True)
    points = ytd_points(figures, tol.approx_tolerance)
    parts = [
        _check_dates(figures),
        _check_decreases(points),
        _check_period_vs_cumulative(figures, points, tol.approx_tolerance),
        _check_conflicts(figures, tol.approx_tolerance),
        _check_components(figures, tol),
        _check_rates(figures, tol),
        _check_ratios(figures, tol, pairs_to_check),
        _check_targets(figures, points, tol.approx_tolerance),
        _check_rows(figures),
        _check_publication(figures, points, tol.approx_tolerance),
    ]
    found = [p for p in parts if len(p)] or [parts[0]]  # an empty table keeps its dtypes
    out = pd.concat(found, ignore_index=True)
    order = out["severity"].map({"error": 0, "warning": 1, "info": 2})
    out = out.assign(_order=order).sort_values(["_order", "check", "figure_ids"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)[list(FLAG_COLUMNS)]
