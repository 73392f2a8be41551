"""What a chart of one metric shows, as numbers: panels, positions, stretches and bands.

No matplotlib here. Dates are day numbers (days since 1970-01-01, float); an as-of date
``d`` (a total at the end of day ``d``) sits at ``d + 1``. The x axis of a chart is a row of
*panels*, one per Jalali year with figures (its days at their true length) and one narrow
panel per run of years without figures, separated by small gaps; a day of year ``y`` is
drawn at ``day + offsets[y]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel

Floats = npt.NDArray[np.float64]

GAP: Final = 12.0
"""Days of blank between two panels."""
EMPTY_WIDTH: Final = 110.0
"""Width (in days) of the panel of a run of years without figures."""
_NODE_STATUS: Final = ("used", "used softly")
_EPOCH: Final = pd.Timestamp("1970-01-01")


def day_numbers(dates: pd.Series) -> Floats:
    """Days since 1970-01-01 of a datetime column (NaN for NaT)."""
    values = pd.to_datetime(dates).astype("datetime64[s]").to_numpy()
    out: Floats = (values - np.datetime64("1970-01-01", "s")) / np.timedelta64(1, "D")
    return out.astype(np.float64)


def nowruz(year: int) -> float:
    """Day number of 1 Farvardin of ``year``."""
    return float(_kernel.nowruz(np.array([year], dtype=np.int64))[0])


class Panel(NamedTuple):
    """One stretch of the x axis: a Jalali year with figures, or a run of years without."""

    first: int
    last: int
    left: float
    right: float
    empty: bool


@dataclass(frozen=True)
class TimeAxis:
    """The panels of the x axis and the offset of each shown year (chart x = day + offset)."""

    panels: tuple[Panel, ...]
    offsets: dict[int, float] = field(default_factory=dict)

    def x(self, days: npt.ArrayLike, year: int) -> Floats:
        """Chart x of day numbers of one Jalali year."""
        return np.asarray(days, dtype=np.float64) + self.offsets[year]

    @property
    def shown(self) -> list[int]:
        """The years drawn at full length."""
        return sorted(self.offsets)


def time_axis(years: set[int]) -> TimeAxis:
    """Lay out the years with figures, and the runs of years between them without any."""
    if not years:
        return TimeAxis(())
    panels: list[Panel] = []
    offsets: dict[int, float] = {}
    cursor = 0.0
    year = min(years)
    while year <= max(years):
        if year in years:
            start, end = nowruz(year), nowruz(year + 1)
            offsets[year] = cursor - start
            panels.append(Panel(year, year, cursor, cursor + end - start, empty=False))
            cursor += end - start + GAP
            year += 1
            continue
        last = year
        while last + 1 not in years:
            last += 1
        panels.append(Panel(year, last, cursor, cursor + EMPTY_WIDTH, empty=True))
        cursor += EMPTY_WIDTH + GAP
        year = last + 1
    return TimeAxis(tuple(panels), offsets)


class Stretch(NamedTuple):
    """A piece of a year's path: ``pinned`` (between two figures) or interpolated."""

    year: int
    days: Floats
    values: Floats
    pinned: bool


class Band(NamedTuple):
    """The feasible band of one year, as steps over its months (NaN where it says nothing).

    ``days`` holds each month's start and end (twice per month); ``low``/``high`` the
    limits over it. ``high`` is inf where only a lower limit is known.
    """

    year: int
    days: Floats
    low: Floats
    high: Floats


def nodes(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the dated year-to-date figures that pin a year's path (used, not as a bound)."""
    picked = figures[figures["ytd"] & figures["end"].notna() & figures["status"].isin(_NODE_STATUS)]
    return picked.sort_values("end")


def stretches(year: int, months: pd.DataFrame, pins: pd.DataFrame) -> list[Stretch]:
    """Split a year's path into the stretch from Nowruz to its first figure and the rest.

    From Nowruz (zero) to the first figure the path is interpolated; between two figures it
    is pinned at both ends. A lone figure that is the whole year's total is a point, not a
    line from zero; after the last figure nothing is drawn.
    """
    if pins.empty:
        return []
    start = nowruz(year)
    pin_days = day_numbers(pins["end"]) + 1
    pin_values = pins["fitted"].fillna(pins["value"]).to_numpy(dtype=np.float64)
    if len(pins) == 1 and pin_days[0] >= nowruz(year + 1):
        return []
    finite = months["cumulative"].notna().to_numpy()
    days = np.r_[start, day_numbers(months["end"])[finite] + 1, pin_days]
    values = np.r_[0.0, months["cumulative"].to_numpy(dtype=np.float64)[finite], pin_values]
    days, first = np.unique(days[::-1], return_index=True)  # a figure wins over a month end
    values = values[::-1][first]
    keep = days <= pin_days[-1]
    days, values = days[keep], values[keep]
    lead = days <= pin_days[0]
    out = [Stretch(year, days[lead], values[lead], pinned=False)]
    if len(pins) > 1:
        tail = days >= pin_days[0]
        out.append(Stretch(year, days[tail], values[tail], pinned=True))
    return out


def band(year: int, months: pd.DataFrame, pins: pd.DataFrame) -> Band | None:
    """Return the year's band where it says more than the figures that pin the path.

    Over month ``k`` the path lies between the lowest value at the end of month ``k - 1``
    and the highest at the end of month ``k``. That says nothing new where it is just
    "between the figure before and the figure after" (zero at Nowruz, no limit after the
    last figure): those months are NaN.
    """
    ends = day_numbers(months["end"]) + 1
    starts = np.r_[nowruz(year), ends[:-1]]
    low_end = months["low"].to_numpy(dtype=np.float64)
    low = np.r_[0.0, low_end[:-1]]
    high = months["high"].to_numpy(dtype=np.float64)
    pin_days = day_numbers(pins["end"]) + 1
    pin_values = pins["fitted"].fillna(pins["value"]).to_numpy(dtype=np.float64)
    before = np.searchsorted(pin_days, starts, side="right")  # figures at or before a start
    after = np.searchsorted(pin_days, ends, side="left")  # first figure at or after an end
    previous = np.r_[0.0, pin_values][before]
    following = np.r_[pin_values, np.inf][after]
    scale = max(float(np.nanmax(np.r_[np.abs(pin_values), 1.0])), 1.0)
    says = (low > previous + 1e-9 * scale) | (high < following - 1e-9 * scale)
    if not says.any():
        return None
    low, high = np.where(says, low, np.nan), np.where(says, high, np.nan)
    return Band(
        year,
        np.column_stack([starts, ends]).ravel(),
        np.repeat(low, 2),
        np.repeat(high, 2),
    )
