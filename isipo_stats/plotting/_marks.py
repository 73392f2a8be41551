"""The reported figures on a chart: points, windows, spans, targets and excluded figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.plotting._draw import (
    FLAGGED,
    MARKERS,
    REPORTED,
    TARGET,
    TARGET_DAYS,
    Style,
    as_of_x,
)
from isipo_stats.plotting._layout import TimeAxis, day_numbers
from isipo_stats.plotting._scene import Scene
from isipo_stats.plotting._words import digits

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_LABEL = {"fontsize": 7.5, "textcoords": "offset points", "color": "0.2"}


def draw_figures(ax: Axes, found: Scene, style: Style) -> None:
    """Draw every figure of the chart by its role (see :mod:`._scene`)."""
    rows = found.rows[found.rows["role"] != "aside"].copy()
    rows["x"] = as_of_x(rows, found.axis)
    kept = rows[~rows["excluded"]]
    _points(ax, kept[kept["role"].isin(["point", "level"])], style)
    # the parts of a total on the chart are drawn, but only the total is labelled
    kept = kept.assign(named=~kept["part_of"].isin(kept["id"]))
    _spans(ax, kept, found.axis, style)
    _targets(ax, kept[kept["role"] == "target"], style)
    _excluded(ax, rows[rows["excluded"]], _part_sums(rows), style)


def _points(ax: Axes, points: pd.DataFrame, style: Style) -> None:
    """Draw a marker per dated figure, by qualifier, with its value beside it."""
    for qualifier, marker in MARKERS.items():
        pick = points[points["qualifier"] == qualifier]
        if pick.empty:
            continue
        hollow = (pick["status"] == "not used") & (pick["role"] == "point")
        ax.scatter(pick["x"], pick["value"] / style.factor, marker=marker, s=48, zorder=5,
                   color=np.where(hollow, "white", REPORTED).tolist(), edgecolor="black",
                   linewidth=0.6, gid=f"point {qualifier}",
                   label=style.text(qualifier))  # fmt: skip
    ranged = points[(points["qualifier"] == "range") & points["low"].notna()]
    if not ranged.empty:
        ax.vlines(ranged["x"], ranged["low"] / style.factor, ranged["high"] / style.factor,
                  color=REPORTED, linewidth=1.4, zorder=4, gid="range")  # fmt: skip
    for x, value, text in zip(points["x"], points["value"], style.values(points), strict=True):
        ax.annotate(text, (x, value / style.factor), xytext=(-5, 5), ha="right",
                    **_LABEL)  # type: ignore[arg-type]  # fmt: skip


def _spans(ax: Axes, rows: pd.DataFrame, axis: TimeAxis, style: Style) -> None:
    """Undated figures over their publication window; flows over their span."""
    for role in ("undated", "flow"):
        pick = rows[rows["role"] == role]
        if pick.empty:
            continue
        if role == "undated":
            first = pick["window_from"].to_numpy(dtype=np.float64)
        else:
            first = day_numbers(pick["start"])
        offsets = pick["jyear"].astype("float64").map(axis.offsets).to_numpy(dtype=np.float64)
        left, right = first + offsets, pick["x"].to_numpy(dtype=np.float64)
        values = pick["value"].to_numpy(dtype=np.float64) / style.factor
        ax.hlines(values, left, right, color=REPORTED, linewidth=2.4, zorder=4, gid=role,
                  linestyle="-" if role == "undated" else (0, (4, 1.5)),
                  label=style.text(role))  # fmt: skip
        ax.scatter(np.r_[left, right], np.r_[values, values], marker="|", s=60, zorder=4,
                   color=REPORTED, linewidth=1.5)  # fmt: skip
        named = pick["named"].to_numpy(dtype=bool)
        texts = np.array(style.values(pick), dtype=object)[named]
        gap = _label_gap(ax, style)
        if role == "undated":  # a long line over a window: its label above its first day
            heights = spread(left[named], values[named] + 0.25 * gap, gap, centred=False)
            for x, value, y, text in zip(left[named], values[named], heights, texts, strict=True):
                ax.annotate(text, (x, value), xytext=(x, y), textcoords="data", ha="left",
                            va="bottom", fontsize=7.5, color="0.2",
                            gid=f"{role} label")  # fmt: skip
            continue
        _beside(ax, left[named], values[named], texts, gap)


_NEAR_DAYS = 45.0
"""Flows starting closer than this share one column of labels."""

_LINE_POINTS = 14.0
"""The height a value label takes (7.5-point text and a little space), in points."""


def _label_gap(ax: Axes, style: Style) -> float:
    """Return the height of a value label in data units of the y axis."""
    figure: Figure = ax.figure.figure  # the root figure (a SubFigure has one too)
    inches = figure.get_size_inches()[1] * ax.get_position().height
    # constrained layout may still shrink the axes a little: keep a tenth in hand
    return float(_LINE_POINTS / (inches * 72.0 * 0.9) * style.ceiling)


def _beside(ax: Axes, x: np.ndarray, values: np.ndarray, texts: np.ndarray, gap: float) -> None:
    """Label flows left of their spans, centred on their values, spread where values are close.

    A label moved off its value by more than a third of its height is tied to it by a thin
    leader line, so that no label sits on another flow's line or on another label.
    """
    # labels less than _NEAR_DAYS apart would meet side by side: spread them as one group
    order = np.argsort(x, kind="stable")
    near = np.r_[False, np.diff(x[order]) < _NEAR_DAYS]
    group = np.empty(x.size, dtype=np.float64)
    group[order] = np.cumsum(~near)
    heights = spread(group, values, gap)
    for start, value, y, text in zip(x, values, heights, texts, strict=True):
        moved = abs(y - value) > gap / 3
        ax.annotate(text, (start, value), xytext=(start - 4.0, y), textcoords="data",
                    ha="right", va="center", fontsize=7.5, color="0.2", gid="flow label",
                    arrowprops={"arrowstyle": "-", "color": "0.55", "linewidth": 0.6,
                                "shrinkA": 1, "shrinkB": 0} if moved else None)  # fmt: skip


def spread(x: np.ndarray, y: np.ndarray, gap: float, *, centred: bool = True) -> np.ndarray:
    """Return label heights for values ``y`` at ``x``: at least ``gap`` apart at one ``x``.

    At each ``x`` the labels keep the order of their values; each is pushed up just enough
    to clear the one below. ``centred``: the group then moves down by half its largest
    push, so that the labels stay centred on their values, but never so far that its lowest
    label is less than half a gap above zero (the axis).

    Examples
    --------
    Three parts of one total in May 2024 (trillion rials, labels 12 high) and a fourth
    value elsewhere:

    >>> spread(np.array([0.0, 0.0, 0.0, 9.0]), np.array([18.35, 9.24, 1.88, 9.0]), 12.0)
    array([30., 18.,  6.,  9.])
    >>> spread(np.array([0.0, 0.0]), np.array([40.0, 44.0]), 12.0)
    array([36., 48.])
    """
    frame = pd.DataFrame({"x": x, "y": y}).sort_values(["x", "y"], kind="stable")
    rank = frame.groupby("x").cumcount().to_numpy(dtype=np.float64)
    # y_i = max over j <= i of (y_j + (i - j) * gap): the lowest heights gap apart, in order
    pushed = (frame["y"] - rank * gap).groupby(frame["x"]).cummax() + rank * gap
    if centred:
        by_x = frame["x"]
        shift = (pushed - frame["y"]).groupby(by_x).transform("max") / 2
        room = pushed.groupby(by_x).transform("min") - gap / 2
        pushed = pushed - np.minimum(shift, room)
    out: np.ndarray = pushed.sort_index().to_numpy(dtype=np.float64)
    return out


def _targets(ax: Axes, targets: pd.DataFrame, style: Style) -> None:
    """Each target (once per year, end and value) as a short mark ending on its last day.

    A target for the first months of a year says so, on a second line (``target 1,500``,
    ``first 7 months``). The labels of one year's targets go below and above their marks
    in turn, so that two labels, each ending at its mark, do not run into each other.
    """
    once = targets.drop_duplicates(["jyear", "end", "value"]).sort_values(["jyear", "x"])
    if once.empty:
        return
    right = once["x"].to_numpy(dtype=np.float64)
    values = once["value"].to_numpy(dtype=np.float64) / style.factor
    ax.hlines(values, right - TARGET_DAYS, right, color=TARGET, linewidth=2.6, zorder=4,
              gid="target", label=style.text("target"))  # fmt: skip
    year = once["jyear"].to_numpy(dtype=np.int64)
    start, end = day_numbers(once["start"]), day_numbers(once["end"])
    first_months = (start == _kernel.nowruz(year)) & (end < _kernel.nowruz(year + 1) - 1)
    months = _kernel.month_of(np.where(first_months, end, start).astype(np.int64))
    upper = once.groupby("jyear").cumcount().to_numpy() % 2 == 1
    for x, value, part, count, above in zip(
        right, once["value"], first_months, months, upper, strict=True
    ):  # a loop over the few targets of one chart, each an annotation
        key = "target_part" if part else "target_label"
        text = style.text(key, value=style.value(value), months=digits(str(count), style.locale))
        ax.annotate(text, (x, value / style.factor), xytext=(0, 3 if above else -3), ha="right",
                    va="bottom" if above else "top", gid="target label",
                    **_LABEL)  # type: ignore[arg-type]  # fmt: skip


def _part_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Sum the kept parts of each excluded total over its own span: ``count``, ``value``.

    Indexed by the total's id; the qualifier is "about" where a part is not exact.
    """
    totals = rows.loc[rows["excluded"], ["id", "start", "end"]].set_index("id")
    parts = rows[~rows["excluded"] & rows["part_of"].isin(totals.index)]
    own = totals.reindex(parts["part_of"].to_numpy())
    same = (parts["start"].to_numpy() == own["start"].to_numpy()) & (
        parts["end"].to_numpy() == own["end"].to_numpy()
    )
    parts = parts[same]
    grouped = parts.groupby("part_of")
    return pd.DataFrame(
        {
            "count": grouped.size(),
            "value": grouped["value"].sum(),
            "qualifier": np.where(grouped["qualifier"].agg(lambda q: (q == "exact").all()),
                                  "exact", "approx"),
        }
    )  # fmt: skip


def _excluded(ax: Axes, rows: pd.DataFrame, sums: pd.DataFrame, style: Style) -> None:
    """Draw a red cross per excluded figure, named by the finding that excluded it.

    A total left out whose parts are on the chart says what those parts add up to.
    """
    if rows.empty:
        return
    values = rows["value"].to_numpy(dtype=np.float64) / style.factor
    top = style.ceiling * 0.93
    off = values > top
    shown = np.where(off, top, values)
    ax.scatter(rows["x"], shown, marker="X", s=70, color=FLAGGED, zorder=6, gid="excluded",
               label=style.text("excluded"))  # fmt: skip
    texts = style.values(rows)
    for (_, row), y, beyond, text in zip(rows.iterrows(), shown, off, texts, strict=True):
        value = style.text("off_scale", value=text) if beyond else text
        if row["id"] in sums.index:
            part = sums.loc[row["id"]]
            total = style.value(float(part["value"]), str(part["qualifier"]))
            value += "\n" + style.text(
                "parts_sum", count=digits(str(int(part["count"])), style.locale), value=total
            )
        ax.annotate(f"{row['id']}: {row['finding']}\n{value}", (row["x"], y), xytext=(6, -4),
                    va="top", color=FLAGGED, fontsize=7.5, textcoords="offset points",
                    gid="finding")  # fmt: skip
