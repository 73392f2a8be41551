"""Read a chart back from its matplotlib artists: panels, segments, markers, texts."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

import isipo_stats as ist

EPOCH = pd.Timestamp("1970-01-01")


def day(date: str) -> float:
    """Day number of a Gregorian date (days since 1970-01-01)."""
    return float((pd.Timestamp(date) - EPOCH).days)


def nowruz(year: int) -> float:
    return float((ist.to_gregorian(year, 1, 1)[0] - EPOCH).days)


def panel(ax: Axes, gid: str) -> tuple[float, float]:
    """The x extent (data) of the year panel with this gid ("year 1399", "years 1401-1402")."""
    patches = [p for p in ax.patches if p.get_gid() == gid]
    assert len(patches) == 1, [p.get_gid() for p in ax.patches]
    return _x_extent(patches[0])


def _x_extent(patch: Patch) -> tuple[float, float]:
    if isinstance(patch, Rectangle):  # axvspan from matplotlib 3.9
        return float(patch.get_x()), float(patch.get_x() + patch.get_width())
    assert isinstance(patch, Polygon)
    xs = np.asarray(patch.get_xy())[:, 0]
    return float(xs.min()), float(xs.max())


def offset(ax: Axes, year: int) -> float:
    """What the chart adds to a day number of ``year`` to place it (its panel's left edge)."""
    return panel(ax, f"year {year}")[0] - nowruz(year)


def segments(ax: Axes, gid: str) -> list[np.ndarray]:
    """The segments of the line collections (hlines) with this gid, as 2x2 arrays."""
    found = [c for c in ax.collections if c.get_gid() == gid and isinstance(c, LineCollection)]
    return [np.asarray(s) for c in found for s in c.get_segments()]


def lines(ax: Axes, gid: str) -> list[Line2D]:
    return [line for line in ax.get_lines() if line.get_gid() == gid]


def xs(line: Line2D) -> np.ndarray:
    return np.asarray(line.get_xdata(), dtype=float)


def ys(line: Line2D) -> np.ndarray:
    return np.asarray(line.get_ydata(), dtype=float)


def close(ax: Axes) -> None:
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    plt.close(figure)


def markers(ax: Axes, gid: str) -> np.ndarray:
    """The (x, y) offsets of the scatter collections with this gid."""
    found = [c for c in ax.collections if c.get_gid() == gid and isinstance(c, PathCollection)]
    if not found:
        return np.zeros((0, 2))
    return np.concatenate([np.asarray(c.get_offsets()) for c in found])


def collections(ax: Axes, gid: str) -> list[Collection]:
    return [c for c in ax.collections if c.get_gid() == gid]


def texts(ax: Axes, gid: str | None = None) -> list[str]:
    return [t.get_text() for t in ax.texts if gid is None or t.get_gid() == gid]


def legend_labels(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def within(values: Any, low: float, high: float) -> bool:
    array = np.asarray(values, dtype=float)
    return bool(((array >= low) & (array <= high)).all())
