"""Reconciliation: a consistent path for every series from sparse reports.

For every metric x region x unit x Jalali year, :func:`reconcile` builds the year-to-date
(cumulative) path of the year from the figures that :func:`isipo_stats.check` did not flag
as errors, and reports for every input figure how it was used.

The path
--------
Time is measured in days since Nowruz: a figure as of day ``d`` of the year pins the
cumulative total at ``x = d`` (so partial months are pro-rated by days), and the year
starts at ``(0, 0)``.

* **Nodes**: exact year-to-date figures (cumulative figures and period figures starting on
  1 Farvardin) are honoured exactly; approximate and range figures are used softly: as nodes
  when they agree with the exact ones and the bounds, otherwise left out (status
  ``not used``). Sub-year flows with a pinned start add their value to it.
* **Bounds** ("over 39,000", "up to"), flows whose start is not pinned (a lower bound on the
  total at their end), and year-to-date figures whose as-of date is unknown (their as-of is
  their publication date, somewhere in the publication window) are inequalities. Where the
  path would break one, a node is added on the bound.
* **Smoothness**: between nodes the path is the monotone piecewise-cubic Hermite interpolant
  of Fritsch and Carlson (1980) in days since Nowruz (see :mod:`isipo_stats.interpolation`):
  it passes through every node, never decreases when the nodes do not, so the monthly flows
  are never negative, and it has no overshoot. It is smooth where the data allow and flat
  where two nodes are equal.
* **No invention**: the point path stops at the last node of the year; after it, and for a
  year with only targets or levels, nothing is estimated. The feasible band ``low..high`` is
  given for every month all the same: the lowest and highest cumulative values consistent
  with all unflagged figures (a non-decreasing path from zero through the exact figures,
  within the bounds).

References
----------
F. N. Fritsch and R. E. Carlson, "Monotone piecewise cubic interpolation", SIAM J. Numer.
Anal. 17(2), 1980. IMF, *Quarterly National Accounts Manual*, 2017, ch. 6 (benchmarking,
the alternative with an indicator series). Statistics Canada, G-Series 3.0 (overlapping
benchmarks over arbitrary spans, the model for year-to-date figures).
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._typing import FreqCode
from isipo_stats.checks import Tolerances, check, intervals, ytd_points
from isipo_stats.errors import InputTypeError
from isipo_stats.figures import COLUMNS, validate_figures
from isipo_stats.frequency import get_frequency
from isipo_stats.interpolation import grouped_pchip
from isipo_stats.series import year_label

__all__ = ["Reconciled", "reconcile"]

_GROUP: Final = ["metric", "region", "unit", "jyear"]
_FIGURE_COLUMNS: Final = [
    "id", "metric", "region", "unit", "jyear", "kind", "qualifier", "value", "fitted",
    "residual", "status", "reason",
]  # fmt: skip


class Reconciled(NamedTuple):
    """The result of :func:`reconcile`.

    Attributes
    ----------
    monthly : pandas.DataFrame
        One row per series and period: ``metric``, ``region``, ``unit``, ``jyear``,
        ``label`` (``"1400 (2021/22)"``), ``period`` (``"1400-07"``, ``"1400-Q3"`` or
        ``"1400"``), ``start``, ``end``, ``cumulative`` (year-to-date at ``end``; NaN after
        the last figure of the year), ``flow`` (within the period), ``low`` and ``high``
        (the feasible band of the cumulative value; ``high`` is inf when unbounded).
    figures : pandas.DataFrame
        One row per input figure (every ``id``): ``fitted`` (the path's value for the
        figure's span), ``residual`` (value - fitted), ``status`` (``used``, ``used softly``,
        ``used as bound``, ``excluded``, ``not used``) and ``reason``.
    flags : pandas.DataFrame
        The :func:`isipo_stats.check` table.
    groups : pandas.DataFrame
        One row per series: figures counted, how many were used, where the path ends, and a
        plain status (``complete year``, ``path ends on ...``, ``no actuals: only targets``).
    """

    monthly: pd.DataFrame
    figures: pd.DataFrame
    flags: pd.DataFrame
    groups: pd.DataFrame


def _doy(dates: pd.Series, nowruz: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Days since Nowruz at the end of each date (1 Farvardin gives 1)."""
    days = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    out = (days - nowruz + 1).astype(np.float64)
    return np.where(dates.isna().to_numpy(), np.nan, out)


def _nowruz_of(jyear: pd.Series) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    years = jyear.to_numpy(dtype=np.int64)
    return _kernel.nowruz(years), _kernel.year_length(years)


# Checks whose first id is the one at fault (a total that disagrees with its parts).
_BLAME_FIRST: Final = ("components_mismatch",)
# Checks between two figures: when exactly one of the two is exact, the other is blamed.
_PAIR_CHECKS: Final = (
    "cumulative_decrease", "bound_violation", "conflicting_figures", "period_exceeds_cumulative",
)  # fmt: skip


def _error_ids(flags: pd.DataFrame, figures: pd.DataFrame) -> pd.Series:
    """Flag name for every figure id excluded by an error-severity flag (first flag wins).

    A total that disagrees with its parts is excluded, not its parts; of two figures that
    cannot both hold, an inexact one (approximate, a bound, a range) is excluded when the
    other is exact, and both otherwise.
    """
    errors = flags[flags["severity"] == "error"].reset_index(drop=True)
    ids = errors["figure_ids"].str.split(", ")
    exact = set(figures.loc[figures["qualifier"] == "exact", "id"])
    first = ids.str[0]
    second = ids.str[1]
    pair = errors["check"].isin(_PAIR_CHECKS) & (ids.map(len) == 2)
    first_exact = first.isin(exact)
    second_exact = second.isin(exact)
    blamed = ids.copy()
    only_second = pair & first_exact & ~second_exact
    only_first = pair & ~first_exact & second_exact
    blamed[only_second] = second[only_second].map(lambda i: [i])
    blamed[only_first | errors["check"].isin(_BLAME_FIRST)] = first[
        only_first | errors["check"].isin(_BLAME_FIRST)
    ].map(lambda i: [i])
    exploded = errors.assign(fid=blamed).explode("fid")
    return exploded.drop_duplicates("fid").set_index("fid")["check"]


def _band(
    gid: npt.NDArray[np.int64],
    x: npt.NDArray[np.float64],
    lo: npt.NDArray[np.float64],
    hi: npt.NDArray[np.float64],
    query_gid: npt.NDArray[np.int64],
    query_x: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Feasible band of a non-decreasing path from 0 under point constraints lo <= C(x) <= hi.

    low(q) is the largest lower limit at or before q (at least 0), high(q) the smallest upper
    limit at or after q. Returned in query order.
    """
    n, m = x.size, query_x.size
    frame = pd.DataFrame(
        {
            "g": np.r_[gid, query_gid],
            "x": np.r_[x, query_x],
            "lo": np.r_[lo, np.zeros(m)],
            "hi": np.r_[hi, np.full(m, np.inf)],
            "q": np.r_[np.full(n, -1), np.arange(m)],
        }
    )
    # constraints before queries at the same x for low; the reverse for high
    forward = frame.sort_values(["g", "x", "q"], kind="stable")
    low = forward.groupby("g", sort=False)["lo"].cummax()
    backward = frame.sort_values(["g", "x", "q"], ascending=[True, False, True], kind="stable")
    high = backward.groupby("g", sort=False)["hi"].cummin()
    out_low = np.empty(m)
    out_high = np.empty(m)
    is_q = forward["q"].to_numpy() >= 0
    out_low[forward["q"].to_numpy()[is_q]] = low.to_numpy()[is_q]
    is_q = backward["q"].to_numpy() >= 0
    out_high[backward["q"].to_numpy()[is_q]] = high.to_numpy()[is_q]
    return out_low, out_high


def reconcile(
    figures: pd.DataFrame,
    freq: FreqCode = "M",
    *,
    tolerances: Tolerances | None = None,
    flags: pd.DataFrame | None = None,
) -> Reconciled:
    """Build a consistent year-to-date path for every series, and account for every figure.

    Parameters
    ----------
    figures : pandas.DataFrame
        A validated figure table (:func:`isipo_stats.validate_figures`).
    freq : {"M", "Q", "H", "Y"}
        Jalali months, quarters, half-years or years in :attr:`Reconciled.monthly`.
    tolerances : Tolerances, optional
        Passed to :func:`isipo_stats.check`; ``approx_tolerance`` also sets how far an
        approximate figure may be from the path.
    flags : pandas.DataFrame, optional
        The :func:`isipo_stats.check` table of a larger table this one is a part of (whole
        series only), so that a part is reconciled exactly as within the whole; by default
        ``check(figures)``.

    Returns
    -------
    Reconciled
        ``monthly``, ``figures``, ``flags`` and ``groups`` (see :class:`Reconciled`).

    Notes
    -----
    The objective and its references are in the module docstring: the path honours every
    exact figure not flagged as an error, honours bounds as inequalities, uses approximate
    figures softly, is non-negative and non-decreasing within a year (reset at Nowruz), and
    is the monotone cubic (PCHIP) interpolant through its nodes. The cost is linear in the
    number of figures: all series are solved together with array operations.

    Examples
    --------
    >>> from isipo_stats import figures_from_records
    >>> table = figures_from_records([
    ...     {"id": "h1", "metric": "revived_units", "kind": "cumulative",
    ...      "end": "1398-06-31", "value": 529, "unit": "units"},
    ...     {"id": "y", "metric": "revived_units", "kind": "period", "jyear": 1398,
    ...      "value": 1400, "unit": "units"}])
    >>> result = reconcile(table, freq="Q")
    >>> result.monthly[["period", "cumulative", "flow"]].round(1)
        period  cumulative   flow
    0  1398-Q1       223.1  223.1
    1  1398-Q2       529.0  305.9
    2  1398-Q3       916.4  387.4
    3  1398-Q4      1400.0  483.6
    >>> result.figures[["id", "fitted", "status"]]
       id  fitted status
    0  h1   529.0   used
    1   y  1400.0   used
    """
    if not isinstance(figures, pd.DataFrame):
        msg = f"expected a figure table (DataFrame), got {type(figures).__name__}"
        raise InputTypeError(msg)
    get_frequency(freq)  # refuse a bad freq before any work
    tol = tolerances or Tolerances()
    if not set(COLUMNS) <= set(figures.columns):  # a raw table: validate it first
        figures = validate_figures(figures)
    figures = figures.reset_index(drop=True)
    flags = check(figures, tolerances=tol) if flags is None else flags
    excluded = _error_ids(flags, figures)

    status = pd.Series("not used", index=figures.index, dtype=object)
    reason = pd.Series("", index=figures.index, dtype=object)
    kind = figures["kind"]
    for mask, why in (
        (kind == "target", "a target, not an actual"),
        (kind == "level", "a level at a point in time, not a flow"),
        (figures["jyear"].isna() & kind.isin(["cumulative", "period"]), "a multi-year span"),
        (figures["unit"] == "percent", "a share, not a flow"),
    ):
        reason = reason.where(~mask | (reason != ""), why)
    flagged = figures["id"].map(excluded).astype(object)
    status = status.where(flagged.isna(), "excluded")
    reason = reason.where(flagged.isna(), "flagged: " + flagged.fillna(""))

    usable = (reason == "") & (status != "excluded")
    data = figures[usable].copy()
    group_keys = data[_GROUP].drop_duplicates().reset_index(drop=True)
    group_keys["gid"] = np.arange(len(group_keys))
    data = data.merge(group_keys, on=_GROUP, how="left").set_index(data.index)
    nowruz, year_len = _nowruz_of(data["jyear"])
    data = pd.concat([data, intervals(data, tol.approx_tolerance)], axis=1)
    points = ytd_points(data, tol.approx_tolerance)
    is_point = data.index.isin(points.index)
    end_x = _doy(data["end"], nowruz)
    start_x = _doy(data["start"], nowruz) - 1

    exact = is_point & (data["qualifier"] == "exact").to_numpy()
    soft = is_point & data["qualifier"].isin(["approx", "range"]).to_numpy()
    bound_point = is_point & data["qualifier"].isin(["lower", "upper"]).to_numpy()
    open_asof = (data["kind"] == "cumulative").to_numpy() & data["end"].isna().to_numpy()
    sub_flow = (data["kind"] == "period").to_numpy() & ~is_point

    # hard constraints for the band: (gid, x, lo, hi)
    pub_from = _doy(data["published_from"], nowruz).clip(0, year_len)
    pub_to = _doy(data["published_to"], nowruz).clip(0, year_len)
    pub_to = np.where(np.isnan(pub_to), year_len, pub_to)
    pub_from = np.where(np.isnan(pub_from), 0.0, pub_from)
    lo, hi = data["lo"].to_numpy(), data["hi"].to_numpy()
    gid = data["gid"].to_numpy()
    hard_point = exact | bound_point | (is_point & (data["qualifier"] == "range").to_numpy())
    c_gid = np.r_[gid[hard_point], gid[open_asof], gid[open_asof], gid[sub_flow]]
    c_x = np.r_[end_x[hard_point], pub_to[open_asof], pub_from[open_asof], end_x[sub_flow]]
    c_lo = np.r_[lo[hard_point], lo[open_asof], np.full(open_asof.sum(), -np.inf),
                 lo[sub_flow]]  # fmt: skip
    c_hi = np.r_[hi[hard_point], np.full(open_asof.sum(), np.inf), hi[open_asof],
                 np.full(sub_flow.sum(), np.inf)]  # fmt: skip

    # nodes: the origin, exact points, then soft points inside the band
    n_groups = len(group_keys)
    group_len = np.zeros(n_groups)
    group_len[gid] = year_len
    node_gid = np.r_[np.arange(n_groups), gid[exact]]
    node_x = np.r_[np.zeros(n_groups), end_x[exact]]
    node_y = np.r_[np.zeros(n_groups), data["value"].to_numpy()[exact]]
    soft_low, soft_high = _band(c_gid, c_x, c_lo, c_hi, gid[soft], end_x[soft])
    soft_value = data["value"].to_numpy()[soft]
    soft_ok = (soft_value >= soft_low) & (soft_value <= soft_high)
    soft_ids = data.index[soft]
    node_gid = np.r_[node_gid, gid[soft][soft_ok]]
    node_x = np.r_[node_x, end_x[soft][soft_ok]]
    node_y = np.r_[node_y, soft_value[soft_ok]]
    node_gid, node_x, node_y = _clean_nodes(node_gid, node_x, node_y)

    # bounds: where the path breaks one inside its node range, put a node on the bound
    for _ in range(3):
        path = grouped_pchip(node_gid, node_x, node_y, c_gid.astype(np.int64), c_x)
        low_broken = ~np.isnan(path) & (path < c_lo - 1e-9)
        high_broken = ~np.isnan(path) & (path > c_hi + 1e-9)
        if not (low_broken.any() or high_broken.any()):
            break
        node_gid = np.r_[node_gid, c_gid[low_broken], c_gid[high_broken]]
        node_x = np.r_[node_x, c_x[low_broken], c_x[high_broken]]
        node_y = np.r_[node_y, c_lo[low_broken], c_hi[high_broken]]
        node_gid, node_x, node_y = _clean_nodes(node_gid, node_x, node_y)

    monthly = _monthly(group_keys, node_gid, node_x, node_y, (c_gid, c_x, c_lo, c_hi), freq)

    # account for every figure
    fitted = pd.Series(np.nan, index=figures.index)
    at_end = grouped_pchip(node_gid, node_x, node_y, gid, np.nan_to_num(end_x, nan=-1.0))
    at_start = grouped_pchip(node_gid, node_x, node_y, gid, np.nan_to_num(start_x, nan=-1.0))
    fitted.loc[data.index] = np.where(
        is_point, at_end, np.where(sub_flow, at_end - at_start, np.nan)
    )
    used = pd.Series("", index=data.index, dtype=object)
    used[exact] = "used"
    used[bound_point | open_asof | sub_flow] = "used as bound"
    soft_status = np.where(soft_ok, "used softly", "not used")
    used[soft_ids] = soft_status
    soft_reason = pd.Series(
        np.where(soft_ok, "", "outside the band the other figures allow"), index=soft_ids
    )
    status.loc[data.index] = used
    reason.loc[soft_ids] = soft_reason.to_numpy()
    broken = _broken_bounds(data, fitted, bound_point | open_asof | sub_flow)
    reason.loc[broken.index] = broken
    out_figures = figures[["id", "metric", "region", "unit", "jyear", "kind", "qualifier",
                           "value"]].copy()  # fmt: skip
    out_figures["fitted"] = fitted
    out_figures["residual"] = figures["value"] - fitted
    out_figures["status"] = status
    out_figures["reason"] = reason
    groups = _groups(figures, out_figures, group_keys, node_gid, node_x)
    return Reconciled(monthly, out_figures[_FIGURE_COLUMNS], flags, groups)


def _clean_nodes(
    gid: npt.NDArray[np.int64], x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Sort nodes by (group, x), keep one per x, and drop any that would make a decrease."""
    frame = pd.DataFrame({"g": gid, "x": x, "y": y}).sort_values(["g", "x", "y"], kind="stable")
    frame = frame.drop_duplicates(["g", "x"], keep="last")
    running = frame.groupby("g", sort=False)["y"].cummax()
    frame = frame[frame["y"] >= running]
    return (
        frame["g"].to_numpy(np.int64),
        frame["x"].to_numpy(np.float64),
        frame["y"].to_numpy(np.float64),
    )


def _monthly(
    group_keys: pd.DataFrame,
    node_gid: npt.NDArray[np.int64],
    node_x: npt.NDArray[np.float64],
    node_y: npt.NDArray[np.float64],
    constraints: tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64],
                       npt.NDArray[np.float64]],
    freq: str,
) -> pd.DataFrame:  # fmt: skip
    spec = get_frequency(freq)
    months = np.arange(spec.months, 13, spec.months)
    n = len(group_keys)
    gid = np.repeat(group_keys["gid"].to_numpy(np.int64), months.size)
    month = np.tile(months, n)
    first_month = month - spec.months + 1
    years = group_keys["jyear"].to_numpy(dtype=np.int64)[gid]
    nowruz = _kernel.nowruz(years)
    end_x = (
        _kernel.month_start(years, month) + _kernel.month_length(years, month) - nowruz
    ).astype(np.float64)
    start_day = _kernel.month_start(years, first_month)
    cumulative = grouped_pchip(node_gid, node_x, node_y, gid, end_x)
    previous = np.r_[0.0, cumulative[:-1]]
    previous[np.r_[True, gid[1:] != gid[:-1]]] = 0.0
    c_gid, c_x, c_lo, c_hi = constraints
    low, high = _band(c_gid.astype(np.int64), c_x, c_lo, c_hi, gid, end_x)
    low = np.maximum(low, 0.0)
    # the band can never go below the path's own nodes
    keys = group_keys.iloc[gid].reset_index(drop=True)
    start = start_day.astype("datetime64[D]").astype("datetime64[us]")
    end = (nowruz + end_x.astype(np.int64) - 1).astype("datetime64[D]").astype("datetime64[us]")
    return pd.DataFrame(
        {
            "metric": keys["metric"],
            "region": keys["region"],
            "unit": keys["unit"],
            "jyear": keys["jyear"],
            "label": year_label(keys["jyear"].to_numpy(dtype=np.int64)),
            "period": spec.labels(spec.index(start_day)),
            "start": start,
            "end": end,
            "cumulative": cumulative,
            "flow": cumulative - previous,
            "low": low,
            "high": high,
        }
    )


def _broken_bounds(
    data: pd.DataFrame, fitted: pd.Series, is_bound: npt.NDArray[np.bool_]
) -> pd.Series:
    rows = data[is_bound]
    value = fitted.loc[rows.index]
    below = value < rows["lo"] - 1e-6
    above = value > rows["hi"] + 1e-6
    text = np.where(
        below, "the path is below this bound", np.where(above, "the path is above this bound", "")
    )
    out = pd.Series(text, index=rows.index, dtype=object)
    return out[out != ""]


def _groups(
    figures: pd.DataFrame,
    accounted: pd.DataFrame,
    group_keys: pd.DataFrame,
    node_gid: npt.NDArray[np.int64],
    node_x: npt.NDArray[np.float64],
) -> pd.DataFrame:
    series = figures[figures["jyear"].notna()]
    series = series.assign(
        is_actual=series["kind"].isin(["cumulative", "period"]),
        is_target=series["kind"] == "target",
    )
    counts = series.groupby(_GROUP, sort=True).agg(
        figures=("id", "size"), actuals=("is_actual", "sum"), targets=("is_target", "sum")
    )
    used = accounted[accounted["status"].str.startswith("used")]
    counts["used"] = used.groupby(_GROUP).size().reindex(counts.index, fill_value=0)
    last = pd.Series(node_x).groupby(node_gid).max()
    ends = group_keys.set_index(_GROUP)["gid"].map(last)
    counts["path_days"] = ends.reindex(counts.index)
    keys = counts.index.to_frame(index=False)
    nowruz, year_len = _nowruz_of(keys["jyear"])
    path_days = counts["path_days"].to_numpy(dtype=float)
    end_day = (nowruz + np.nan_to_num(path_days).astype(np.int64) - 1).astype("datetime64[D]")
    counts["path_ends"] = np.where(
        np.isnan(path_days) | (path_days <= 0), np.datetime64("NaT"), end_day
    ).astype("datetime64[us]")
    status = np.where(
        path_days >= year_len,
        "complete year",
        "path ends on "
        + pd.Series(counts["path_ends"].to_numpy())
        .dt.strftime("%Y-%m-%d")
        .fillna("")
        .to_numpy(dtype=object)
        + " (no later figure pins it down)",
    )
    no_path = np.isnan(path_days) | (path_days <= 0)
    status = np.where(
        no_path & (counts["actuals"].to_numpy() == 0) & (counts["targets"].to_numpy() > 0),
        "no actuals: only targets",
        status,
    )
    status = np.where(
        no_path & (counts["actuals"].to_numpy() == 0) & (counts["targets"].to_numpy() == 0),
        "no actuals: only levels",
        status,
    )
    status = np.where(
        no_path & (counts["actuals"].to_numpy() > 0),
        "no path: bounds only (no exact year-to-date figure)",
        status,
    )
    counts["status"] = status
    out = counts.drop(columns=["path_days"]).reset_index()
    out["label"] = year_label(out["jyear"].to_numpy(dtype=np.int64))
    return out
