"""The reported figures on a chart: points, windows, spans, targets and excluded figures."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

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

if TYPE_CHECKING:
    from matplotlib.axes import Axes

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
    _excluded(ax, rows[rows["excluded"]], style)


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
        heights = _spread(left[named], values[named], style.ceiling * 0.035)
        texts = np.array(style.values(pick), dtype=object)[named]
        for x, value, y, text in zip(left[named], values[named], heights, texts, strict=True):
            ax.annotate(text, (x, value), xytext=(x, y), textcoords="data", ha="left",
                        va="bottom", fontsize=7.5, color="0.2", gid=f"{role} label")  # fmt: skip


def _spread(x: np.ndarray, y: np.ndarray, gap: float) -> np.ndarray:
    """Heights for labels of values ``y`` at ``x``: above each, at least ``gap`` apart at one x."""
    out = y + gap * 0.25
    order = np.lexsort((y, x))
    for previous, current in itertools.pairwise(order):
        if x[current] == x[previous]:
            out[current] = max(out[current], out[previous] + gap)
    return out


def _targets(ax: Axes, targets: pd.DataFrame, style: Style) -> None:
    """Each target (once per year, end and value) as a short mark ending on its last day."""
    once = targets.drop_duplicates(["jyear", "end", "value"])
    if once.empty:
        return
    right = once["x"].to_numpy(dtype=np.float64)
    values = once["value"].to_numpy(dtype=np.float64) / style.factor
    ax.hlines(values, right - TARGET_DAYS, right, color=TARGET, linewidth=2.6, zorder=4,
              gid="target", label=style.text("target"))  # fmt: skip
    for x, value in zip(right, once["value"], strict=True):
        text = style.text("target_label", value=style.value(value))
        ax.annotate(text, (x, value / style.factor), xytext=(0, -3), ha="right", va="top",
                    gid="target label", **_LABEL)  # type: ignore[arg-type]  # fmt: skip


def _excluded(ax: Axes, rows: pd.DataFrame, style: Style) -> None:
    """Draw a red cross per excluded figure, named by the finding that excluded it."""
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
        ax.annotate(f"{row['id']}: {row['finding']}\n{value}", (row["x"], y), xytext=(6, -4),
                    va="top", color=FLAGGED, fontsize=7.5, textcoords="offset points",
                    gid="finding")  # fmt: skip
