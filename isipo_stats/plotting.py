"""Charts of reconciled series (matplotlib, the optional ``plot`` extra).

:func:`plot_metric` draws, for one metric, the reconciled year-to-date path of every Jalali
year (each restarting at Nowruz) with its feasible band shaded, and the reported figures as
points: exact figures as dots, lower bounds as upward triangles, upper bounds as downward
triangles, approximate figures as diamonds, flagged (excluded) figures as red crosses with
their ids. The x axis is time: Jalali month labels with their Gregorian dates beneath.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._typing import FreqCode
from isipo_stats.calendar import year_bounds
from isipo_stats.errors import InputTypeError, MissingDependencyError, ParseError
from isipo_stats.reconciliation import Reconciled, reconcile
from isipo_stats.text import MONTH_NAMES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["check_chart_path", "plot_metric"]

_MARKERS: Final[dict[str, tuple[str, str]]] = {
    "exact": ("o", "reported (exact)"),
    "lower": ("^", "reported lower bound (over, more than)"),
    "upper": ("v", "reported upper bound (up to)"),
    "approx": ("D", "reported approximately (about)"),
    "range": ("s", "reported range (midpoint)"),
}
_COLOR: Final = "#1f5f8b"
_REPORTED: Final = "#d98c1f"
_FLAGGED: Final = "#c0392b"
_FIRST_FORMATS: Final = ("png", "svg", "pdf")


def _pyplot() -> Any:
    try:
        import matplotlib as mpl  # noqa: PLC0415 (optional dependency)

        mpl.use("Agg", force=False)
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError as err:
        msg = "charts need matplotlib: pip install 'isipo-stats[plot]'"
        raise MissingDependencyError(msg) from err
    return plt


def _as_of(figures: pd.DataFrame) -> pd.Series:
    """Where a figure is drawn: its end date, or the latest possible publication date."""
    return figures["end"].fillna(figures["published_to"])


def _jalali_year(day: pd.Timestamp) -> int:
    number = (day.normalize() - pd.Timestamp("1970-01-01")).days
    clipped = min(max(number, _kernel.FIRST_DAY), _kernel.LAST_DAY)
    return int(_kernel.year_of(np.array([clipped]))[0])


def _month_ticks(first: pd.Timestamp, last: pd.Timestamp) -> tuple[list[pd.Timestamp], list[str]]:
    jfirst, jlast = _jalali_year(first), _jalali_year(last)
    n_years = jlast - jfirst + 1
    step = 1 if n_years <= 1 else 3 if n_years <= 3 else 6 if n_years <= 6 else 12
    ticks: list[pd.Timestamp] = []
    labels: list[str] = []
    for year in range(jfirst, jlast + 2):
        if year > _kernel.LAST_YEAR:
            break
        for month in range(1, 13, step):
            start = _kernel.month_start(np.array([year]), np.array([month]))[0]
            day = pd.Timestamp(np.datetime64(int(start), "D"))
            if first - pd.Timedelta(days=31) <= day <= last + pd.Timedelta(days=31):
                ticks.append(day)
                name = MONTH_NAMES["en"][month - 1]
                labels.append(f"{name} {year}\n{day:%Y-%m-%d}")
    return ticks, labels


def check_chart_path(path: str | Path) -> Path:
    """Return ``path`` if a chart can be written there; raise otherwise, before any drawing.

    The suffix names the format: one matplotlib writes (``.png``, ``.svg``, ``.pdf``, ...).
    The folder must exist and be writable.

    Raises
    ------
    ParseError
        No suffix or an unknown one, a folder given as the file, a folder that does not
        exist (or is a file), no permission to write.
    MissingDependencyError
        matplotlib is not installed.

    Examples
    --------
    >>> check_chart_path("chart.png")
    PosixPath('chart.png')
    >>> try:
    ...     check_chart_path("chart.txt")
    ... except ParseError as err:
    ...     print(err)
    cannot write a chart to chart.txt: unknown suffix '.txt' (use .png, .svg, .pdf, ...)
    """
    path = Path(path)
    _pyplot()
    from matplotlib.backend_bases import FigureCanvasBase  # noqa: PLC0415 (optional)

    formats = FigureCanvasBase.get_supported_filetypes()
    others = sorted(set(formats) - set(_FIRST_FORMATS))
    listed = ", ".join(f".{suffix}" for suffix in (*_FIRST_FORMATS, *others))
    problem = None
    if path.is_dir():
        problem = "it is a folder (name the file, e.g. chart.png)"
    elif not path.suffix:
        problem = f"no suffix to say the format (use {listed})"
    elif path.suffix.lower().lstrip(".") not in formats:
        problem = f"unknown suffix {path.suffix!r} (use .png, .svg, .pdf, ...)"
    else:
        problem = _folder_problem(path)
    if problem is not None:
        msg = f"cannot write a chart to {path}: {problem}"
        raise ParseError(msg)
    return path


def _folder_problem(path: Path) -> str | None:
    """Say why the file cannot be written in its folder (None if it can)."""
    folder = path.parent
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p == Path(p.anchor))
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if existing != folder:
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "no permission to write there"
    return None


def plot_metric(
    figures: pd.DataFrame,
    metric: str,
    *,
    region: str = "Iran",
    unit: str | None = None,
    freq: FreqCode = "M",
    reconciled: Reconciled | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
) -> Figure:
    """Chart one metric: reconciled paths, feasible bands, reported and flagged figures.

    Parameters
    ----------
    figures : pandas.DataFrame
        A validated figure table.
    metric : str
        The metric to draw.
    region : str
        The region (default "Iran").
    unit : str, optional
        The unit, when the metric is reported in several (default: the most common one).
    freq : {"M", "Q", "H", "Y"}
        Resolution of the path passed to :func:`isipo_stats.reconcile`.
    reconciled : Reconciled, optional
        A result already computed for ``figures`` (saves running :func:`reconcile` again).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    path : str or pathlib.Path, optional
        Write the chart there (PNG, SVG, PDF, ... from the suffix; checked before drawing,
        see :func:`check_chart_path`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingDependencyError
        matplotlib is not installed (``pip install 'isipo-stats[plot]'``).
    InputTypeError
        The metric (in that region) is not in the table.
    ParseError
        ``path`` cannot be written (see :func:`check_chart_path`).
    """
    plt = _pyplot()
    target = None if path is None else check_chart_path(path)
    rows, unit = _rows_of(figures, metric, region, unit)
    result = reconciled if reconciled is not None else reconcile(figures, freq=freq)
    monthly = result.monthly[
        (result.monthly["metric"] == metric)
        & (result.monthly["region"] == region)
        & (result.monthly["unit"] == unit)
    ]
    drawn = _year_to_date(rows)
    ceiling = _ceiling(drawn, monthly)
    if ax is None:
        figure, ax = plt.subplots(figsize=(13, 5.5), layout="constrained")
    else:
        figure = ax.figure
    _draw_paths(ax, monthly, ceiling)
    when = _draw_figures(ax, drawn, result.figures.set_index("id"))
    every = pd.concat([monthly["start"], monthly["end"], when.dropna()])
    if not every.empty:
        ticks, labels = _month_ticks(every.min(), every.max())
        ax.set_xticks(ticks, labels, fontsize=8)  # type: ignore[arg-type]
    ax.set_ylim(0, ceiling)
    ax.set_ylabel(f"{metric} ({unit}), year to date")
    ax.set_title(f"{metric} in {region}: reconciled by Jalali year (resets at Nowruz)")
    ax.grid(axis="y", color="0.9")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    if target is not None:
        figure.savefig(target, dpi=120)
    chart: Figure = figure
    return chart


def _rows_of(
    figures: pd.DataFrame, metric: str, region: str, unit: str | None
) -> tuple[pd.DataFrame, str]:
    """Return the figures of one metric, region and unit (the most common unit by default)."""
    rows = figures[(figures["metric"] == metric) & (figures["region"] == region)]
    if rows.empty:
        known = ", ".join(sorted(figures["metric"].unique()))
        msg = f"no figures for metric {metric!r} in region {region!r}; metrics: {known}"
        raise InputTypeError(msg)
    unit = unit or str(rows["unit"].value_counts().index[0])
    return rows[rows["unit"] == unit], unit


def _year_to_date(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the figures of one Jalali year that state a year-to-date value (or a target)."""
    year_start = pd.Series(
        year_bounds(rows["jyear"].to_numpy(dtype=float, na_value=np.nan))[0], index=rows.index
    )
    ytd = rows["jyear"].notna() & (
        (rows["kind"] == "cumulative")
        | rows["kind"].isin(["period", "target"]) & (rows["start"] == year_start)
    )
    return rows[ytd]


def _ceiling(drawn: pd.DataFrame, monthly: pd.DataFrame) -> float:
    """Return the top of the y axis: above every figure, path and finite band."""
    finite_high = monthly["high"].replace(np.inf, np.nan)
    values = np.r_[drawn["value"].to_numpy(dtype=float), monthly["low"].to_numpy(),
                   finite_high.to_numpy(), monthly["cumulative"].to_numpy(), 1.0]  # fmt: skip
    return float(np.nanmax(values)) * 1.15


def _draw_paths(ax: Axes, monthly: pd.DataFrame, ceiling: float) -> None:
    """Draw each Jalali year's path from Nowruz, its band, and the year's label."""
    path_drawn = False
    for number, (year, path_rows) in enumerate(monthly.groupby("jyear", sort=True)):
        nowruz = path_rows["start"].iloc[0]
        x = pd.concat([pd.Series([nowruz]), path_rows["end"] + pd.Timedelta(days=1)])
        y = np.r_[0.0, path_rows["cumulative"].to_numpy()]
        low = np.r_[0.0, path_rows["low"].to_numpy()]
        high = np.r_[0.0, path_rows["high"].to_numpy()]
        bounded = np.isfinite(high)
        ax.fill_between(x, low, np.where(bounded, high, np.nan), color=_COLOR, alpha=0.15,
                        linewidth=0, label="feasible band" if number == 0 else None)  # fmt: skip
        # where nothing caps the total, only the lower limit is known: a dashed line
        open_low = np.where(~bounded | np.r_[~bounded[1:], False], low, np.nan)
        ax.plot(x, open_low, color=_COLOR, linewidth=1, linestyle="--",
                label="lower limit (no upper limit)" if number == 0 else None)  # fmt: skip
        if np.isfinite(y[1:]).any():
            ax.plot(x, y, color=_COLOR, linewidth=2,
                    label=None if path_drawn else "reconciled year-to-date path")  # fmt: skip
            path_drawn = True
        ax.axvline(nowruz, color="0.75", linewidth=0.8, linestyle=":")
        ax.text(nowruz, ceiling * 0.98, f" {year}", va="top", ha="left", color="0.4",
                fontsize=9)  # fmt: skip


def _draw_figures(ax: Axes, drawn: pd.DataFrame, accounted: pd.DataFrame) -> pd.Series:
    """Draw the reported figures by qualifier, targets and flagged ones; return their x."""
    status = drawn["id"].map(accounted["status"])
    when = _as_of(drawn) + pd.Timedelta(days=1)
    dated = drawn["end"].notna()
    for qualifier, (marker, label) in _MARKERS.items():
        pick = (drawn["qualifier"] == qualifier) & (status != "excluded") & dated
        pick &= drawn["kind"] != "target"
        if pick.any():
            ax.scatter(when[pick], drawn["value"][pick], marker=marker, s=55, color=_REPORTED,
                       edgecolor="black", linewidth=0.6, zorder=5, label=label)  # fmt: skip
    undated = ~dated & (status != "excluded")
    if undated.any():
        first = drawn["published_from"][undated] + pd.Timedelta(days=1)
        last = when[undated]
        ax.hlines(drawn["value"][undated], first, last, color=_REPORTED, linewidth=2, zorder=4)
        ax.scatter(last, drawn["value"][undated], marker=">", s=50, color=_REPORTED,
                   edgecolor="black", linewidth=0.6, zorder=5,
                   label="reported, as-of date unknown (publication window)")  # fmt: skip
    targets = drawn["kind"] == "target"
    if targets.any():
        ax.scatter(when[targets], drawn["value"][targets], marker="_", s=400, color="0.35",
                   linewidth=2, zorder=4, label="target")  # fmt: skip
    flagged = status == "excluded"
    if flagged.any():
        ax.scatter(when[flagged], drawn["value"][flagged], marker="X", s=80, color=_FLAGGED,
                   zorder=6, label="flagged (excluded)")  # fmt: skip
        for _, row in drawn[flagged].iterrows():
            reason = str(accounted.loc[row["id"], "reason"]).removeprefix("flagged: ")
            ax.annotate(f"{row['id']}: {reason}", (when.loc[row.name], row["value"]),  # type: ignore[call-overload]
                        textcoords="offset points", xytext=(6, 6), fontsize=8,
                        color=_FLAGGED)  # fmt: skip
    return when
