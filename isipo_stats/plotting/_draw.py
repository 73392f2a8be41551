"""The matplotlib artists of a chart of one metric (see :mod:`._scene` for what is drawn)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats.plotting._layout import TimeAxis, day_numbers
from isipo_stats.plotting._scene import Scene
from isipo_stats.plotting._words import ChartLocale, digits, numbers, shape, word
from isipo_stats.series import year_label
from isipo_stats.text import MONTH_NAMES

if TYPE_CHECKING:
    from matplotlib.axes import Axes

PATH: Final = "#1f5f8b"
REPORTED: Final = "#d98c1f"
TARGET: Final = "0.3"
FLAGGED: Final = "#c0392b"
EMPTY: Final = "0.93"
MARKERS: Final[dict[str, str]] = {
    "exact": "o", "lower": "^", "upper": "v", "approx": "D", "range": "s",
}  # fmt: skip
_SEPARATORS: Final = str.maketrans(",.", "٬٫")
TARGET_DAYS: Final = 30.0
"""Length of a target's mark, ending on the last day of its span."""


class Style(NamedTuple):
    """How the text of one chart is written: its locale, its divisor and the y-axis top."""

    locale: ChartLocale
    factor: float
    ceiling: float

    def text(self, key: str, **fields: str) -> str:
        """Return a word of the chart, shaped."""
        return shape(word(key, self.locale, **fields), self.locale)

    def value(self, value: float, qualifier: str = "exact") -> str:
        """Write a value in the axis unit: ``150`` for 1.5e14 rials on a trillion-rial axis."""
        return numbers([value / self.factor], self.locale, [qualifier])[0]

    def tick(self, value: float) -> str:
        """Write a tick of the y axis (in the axis unit): grouped digits, no scale word."""
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return digits(text, self.locale).translate(_SEPARATORS) if self.locale == "fa" else text

    def values(self, rows: pd.DataFrame) -> list[str]:
        """Write the values of figures in the axis unit, qualifiers and ranges as stated."""
        return numbers(rows["value"] / self.factor, self.locale, rows["qualifier"],
                       rows["low"] / self.factor, rows["high"] / self.factor)  # fmt: skip


def draw_years(ax: Axes, axis: TimeAxis, style: Style) -> None:
    """Draw each year's panel, its label, and the panels of years without figures."""
    for number_, panel in enumerate(axis.panels):
        gid = f"years {panel.first}-{panel.last}" if panel.empty else f"year {panel.first}"
        middle = (panel.left + panel.right) / 2
        if panel.empty:
            ax.axvspan(panel.left, panel.right, facecolor=EMPTY, edgecolor="0.75",
                       hatch="////", linewidth=0, gid=gid, zorder=0)  # fmt: skip
            years = f"{panel.first}" if panel.first == panel.last else \
                f"{panel.first}–{panel.last}"  # fmt: skip
            ax.text(middle, style.ceiling * 0.5,
                    f"{shape(digits(years, style.locale), style.locale)}\n"
                    f"{style.text('no_figures')}",
                    ha="center", va="center", fontsize=8.5, color="0.3", gid="no figures",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})  # fmt: skip
            continue
        shade = "0.975" if number_ % 2 == 0 else "white"
        ax.axvspan(panel.left, panel.right, facecolor=shade, linewidth=0, gid=gid, zorder=0)
        label = str(year_label([panel.first])[0])
        ax.text(middle, style.ceiling * 0.985, shape(digits(label, style.locale), style.locale),
                ha="center", va="top", fontsize=9, color="0.35", gid="year label")  # fmt: skip


def month_ticks(axis: TimeAxis, locale: ChartLocale) -> tuple[list[float], list[str]]:
    """Ticks at the first day of Jalali months: the month's name, its Gregorian date beneath.

    Every other month for one year (twelve labels of two lines do not fit side by side
    beside a legend), every third for up to three years, else every sixth.
    """
    shown = axis.shown
    step = 2 if len(shown) <= 1 else 3 if len(shown) <= 3 else 6
    ticks: list[float] = []
    labels: list[str] = []
    for year in shown:
        months = np.arange(1, 13, step)
        starts = _kernel.month_start(np.full(months.size, year), months)
        for month, start in zip(months, starts, strict=True):
            day = pd.Timestamp(np.datetime64(int(start), "D"))
            name = MONTH_NAMES[locale][month - 1]
            gregorian = f"{day.day} {day:%b %Y}" if locale == "en" else \
                digits(f"{day:%Y-%m-%d}", locale)  # fmt: skip
            ticks.append(float(axis.x([start], year)[0]))
            labels.append(f"{shape(name, locale)}\n{gregorian}")
    return ticks, labels


def draw_band(ax: Axes, found: Scene, style: Style) -> None:
    """Shade each year's band where it says more than its figures; dot open lower limits."""
    shaded = limited = False
    for band in found.bands:
        x = found.axis.x(band.days, band.year)
        low, high = band.low / style.factor, band.high / style.factor
        bounded = np.isfinite(high)
        if bounded.any():
            ax.fill_between(x, np.where(bounded, low, np.nan), np.where(bounded, high, np.nan),
                            color=PATH, alpha=0.15, linewidth=0, gid="band",
                            label=None if shaded else style.text("band"))  # fmt: skip
            shaded = True
        open_low = np.where(~bounded & np.isfinite(low), low, np.nan)
        if np.isfinite(open_low).any():
            ax.plot(x, open_low, color=PATH, linewidth=1.2, linestyle=":", gid="lower limit",
                    label=None if limited else style.text("lower_limit"))  # fmt: skip
            limited = True
            _name_limits(ax, x, open_low, found.rows, band.year, style)


def _name_limits(
    ax: Axes, x: np.ndarray, low: np.ndarray, rows: pd.DataFrame, year: int, style: Style
) -> None:
    """Write each lower limit that is not a figure's own value ("at least 321.3") at its start.

    A limit read from an approximate figure ("about 357": at least 321.3) or from a flow
    differs from every value on the chart; one equal to a figure's value is already named.
    """
    stated = rows.loc[rows["jyear"] == year, "value"].to_numpy(dtype=np.float64) / style.factor
    finite = np.isfinite(low)
    starts = finite & ~np.r_[False, finite[:-1] & (low[:-1] == low[1:])]
    for x0, value in zip(x[starts], low[starts], strict=True):
        if not np.isclose(stated, value, rtol=1e-9).any():
            text = style.text("at_least", value=style.value(value * style.factor))
            ax.annotate(text, (x0, value), xytext=(2, 3), textcoords="offset points",
                        fontsize=7.5, color=PATH, gid="limit label")  # fmt: skip


def draw_paths(ax: Axes, found: Scene, style: Style) -> None:
    """Draw the stretches of the paths: solid between two figures, dashed from Nowruz."""
    seen: set[bool] = set()
    for stretch in found.stretches:
        key = "pinned" if stretch.pinned else "interpolated"
        ax.plot(found.axis.x(stretch.days, stretch.year), stretch.values / style.factor,
                color=PATH, linewidth=2.2 if stretch.pinned else 1.4,
                linestyle="-" if stretch.pinned else "--", gid=key,
                label=None if stretch.pinned in seen else style.text(key))  # fmt: skip
        seen.add(stretch.pinned)


def as_of_x(rows: pd.DataFrame, axis: TimeAxis) -> np.ndarray:
    """Chart x of each drawn figure's as-of point (a target: its last day)."""
    end = day_numbers(rows["end"])
    asof = np.where(rows["role"] == "undated", rows["window_to"] + 1, end + 1)
    asof = np.where(rows["role"] == "target", end, asof)
    offsets = rows["jyear"].astype("float64").map(axis.offsets).to_numpy(dtype=np.float64)
    out: np.ndarray = asof + offsets
    return out
