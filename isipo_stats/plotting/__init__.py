"""Charts of reconciled series (matplotlib, the optional ``plot`` extra).

:func:`plot_metric` draws one metric the way an economist would publish it: one panel per
Jalali year with figures (each year's total restarts at Nowruz), a narrow hatched panel for
years without figures, and in each year

* the reported figures: dated year-to-date totals as markers by qualifier (exact, "over",
  "up to", "about", a range), each with its value; a total whose as-of date is unknown as a
  line over the window in which :func:`isipo_stats.check` found it must have been published;
  a flow over part of the year as a dashed line over its span;
* the targets, each a short grey mark ending on the last day of its span (inside its year)
  and labelled with its value;
* the path: solid between two reported figures, dashed where it is interpolated from zero
  at Nowruz to the first figure; a lone whole-year total is a point, not a line from zero;
* the band of values consistent with every figure, shaded only where it says more than the
  figures around it; a dotted lower limit where nothing caps the total;
* figures excluded by a check, as red crosses named by the finding.

The y axis is in a scaled unit ("trillion rials", no offset text); the x axis labels Jalali
months with their Gregorian dates beneath; a source line and the figures a year-to-date
chart cannot place (levels, multi-year spans) are written under the chart.
``locale="fa"`` writes every label in Persian, shaped and ordered for matplotlib
(``arabic-reshaper``, ``python-bidi``) in a font with Persian glyphs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from isipo_stats._typing import FreqCode
from isipo_stats.errors import InputTypeError, InvalidArgumentError
from isipo_stats.metrics import metric_info, metric_label
from isipo_stats.plotting._draw import Style, draw_band, draw_paths, draw_years, month_ticks
from isipo_stats.plotting._marks import draw_figures
from isipo_stats.plotting._paths import _pyplot, check_chart_path
from isipo_stats.plotting._scene import Scene, scene, y_ceiling
from isipo_stats.plotting._words import (
    PERSIAN_FONTS,
    ChartLocale,
    kind_name,
    persian_font,
    region_name,
    scaled_unit,
)
from isipo_stats.reconciliation import Reconciled, reconcile

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["PERSIAN_FONTS", "check_chart_path", "persian_font", "plot_metric"]

_LATIN_FALLBACK: Final = "DejaVu Sans"
_WRAP: Final = 200


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
    locale: ChartLocale = "en",
    font: str | None = None,
) -> Figure:
    """Chart one metric: figures, targets, paths and bands by Jalali year.

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
    locale : {"en", "fa"}
        The language of every label (default English).
    font : str, optional
        For ``locale="fa"``: the font family to use (default: the first installed of
        :data:`PERSIAN_FONTS`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingDependencyError
        matplotlib is not installed (``pip install 'isipo-stats[plot]'``); for
        ``locale="fa"``, arabic-reshaper or python-bidi is not, or no font with Persian
        glyphs is installed.
    InvalidArgumentError
        The metric (in that region) is not in the table; an unknown locale.
    ParseError
        ``path`` cannot be written (see :func:`check_chart_path`).

    Notes
    -----
    What is drawn and how is described in :mod:`isipo_stats.plotting`. Positions: a total
    as of day ``d`` is drawn at the end of ``d``; a target ends on the last day of its span;
    an undated total spans its publication window from its first to the end of its last day.
    """
    plt = _pyplot()
    target = None if path is None else check_chart_path(path)
    if not isinstance(locale, str) or locale not in ("en", "fa"):
        msg = f"locale must be 'en' or 'fa', got {locale!r}"
        raise (InvalidArgumentError if isinstance(locale, str) else InputTypeError)(msg)
    families = [persian_font(font), _LATIN_FALLBACK] if locale == "fa" else None
    rows, unit = _rows_of(figures, metric, region, unit)
    result = reconciled if reconciled is not None else reconcile(figures, freq=freq)
    monthly = result.monthly[
        (result.monthly["metric"] == metric)
        & (result.monthly["region"] == region)
        & (result.monthly["unit"] == unit)
    ]
    found = scene(figures, rows, result, monthly)
    ceiling = y_ceiling(found)
    factor, unit_label = scaled_unit(unit, ceiling / 1.15, locale)
    style = Style(locale, factor, ceiling / factor)
    context: dict[str, Any] = {} if families is None else {"font.family": families}
    if families is not None and "text.language" in plt.rcParams:
        context["text.language"] = "fa"
    with plt.rc_context(context):
        if ax is None:
            figure, ax = plt.subplots(figsize=(13, 6), layout="constrained")
        else:
            figure = ax.figure
        _draw(ax, found, style)
        _label(ax, found, style, metric=metric, region=region, unit=unit_label)
        if families is not None:
            ax.tick_params(labelfontfamily=families)
        if target is not None:
            figure.savefig(target, dpi=110)
    chart: Figure = figure
    return chart


def _draw(ax: Axes, found: Scene, style: Style) -> None:
    """Draw the panels, band, paths and figures, and set the axes' limits and ticks."""
    draw_years(ax, found.axis, style)
    draw_band(ax, found, style)
    draw_paths(ax, found, style)
    draw_figures(ax, found, style)
    if found.axis.panels:
        ax.set_xlim(found.axis.panels[0].left - 8, found.axis.panels[-1].right + 8)
    ticks, labels = month_ticks(found.axis, style.locale)
    ax.set_xticks(ticks, labels, fontsize=7.5)
    ax.set_ylim(0, style.ceiling)
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 (optional dependency)

    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: style.tick(value)))
    ax.grid(axis="y", color="0.88", linewidth=0.7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _label(ax: Axes, found: Scene, style: Style, *, metric: str, region: str, unit: str) -> None:
    """Title, axis label, legend, and the source and "not drawn" lines under the chart."""
    locale = style.locale
    name = metric_label(metric, locale)
    levels = metric_info(metric).kind in ("stock", "share")
    ax.set_title(style.text("title_levels" if levels else "title", metric=name,
                            region=region_name(region, locale)),
                 fontsize=12, loc="left" if locale == "en" else "right")  # fmt: skip
    ax.set_ylabel(style.text("ylabel_levels" if levels else "ylabel", unit=unit))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.005, 1.0), fontsize=8, frameon=False)
    if not found.axis.panels:
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.text(0.5, 0.5, style.text("nothing"), transform=ax.transAxes, ha="center",
                va="center", fontsize=10, color="0.3", gid="nothing")  # fmt: skip
    notes = [style.text("source", sources=_sources(found.rows))]
    notes += _asides(found.rows, style)
    notes = ["\n".join(textwrap.wrap(note, _WRAP)) for note in notes]
    ax.annotate("\n".join(notes), (0.0 if locale == "en" else 1.0, 0.0),
                xycoords="axes fraction", xytext=(0, -34), textcoords="offset points",
                ha="left" if locale == "en" else "right", va="top", fontsize=7.5, color="0.3",
                gid="notes")  # fmt: skip


def _sources(rows: pd.DataFrame) -> str:
    """Name the sources of the figures, each once, in the order of the table."""
    named = rows["source"].dropna().astype(str)
    named = named.str.replace(r"^seed \d+;\s*", "", regex=True).str.strip()
    return "; ".join(dict.fromkeys(named[named != ""])) or "-"


def _asides(rows: pd.DataFrame, style: Style) -> list[str]:
    """List the figures the chart does not place (no Jalali year, or several), each named."""
    aside = rows[rows["role"] == "aside"]
    if aside.empty:
        return []
    values = [style.value(v, q) for v, q in zip(aside["value"], aside["qualifier"], strict=True)]
    kinds = [kind_name(kind, style.locale) for kind in aside["kind"]]
    ids = ", ".join(f"{i} ({v} {k})" for i, v, k in zip(aside["id"], values, kinds, strict=True))
    return [style.text("aside", ids=ids)]


def _rows_of(
    figures: pd.DataFrame, metric: str, region: str, unit: str | None
) -> tuple[pd.DataFrame, str]:
    """Return the figures of one metric, region and unit (the most common unit by default)."""
    rows = figures[(figures["metric"] == metric) & (figures["region"] == region)]
    if rows.empty:
        known = ", ".join(sorted(figures["metric"].unique()))
        msg = f"no figures for metric {metric!r} in region {region!r}; metrics: {known}"
        raise InvalidArgumentError(msg)
    unit = unit or str(rows["unit"].value_counts().index[0])
    return rows[rows["unit"] == unit], unit
