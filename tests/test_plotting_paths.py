"""Paths, bands and panels on tables written for the purpose, and the panel layout's laws."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats.plotting import plot_metric
from isipo_stats.plotting._layout import EMPTY_WIDTH, GAP, time_axis
from tests.plotting_helpers import (
    collections,
    day,
    legend_labels,
    lines,
    markers,
    nowruz,
    offset,
    panel,
    xs,
    ys,
)

U = {"metric": "revived_units", "unit": "units"}


def test_path_between_two_figures_is_solid_and_from_nowruz_dashed() -> None:
    # 1401: 300 units by the end of Khordad, 900 by the end of Shahrivar, 1,500 for the year
    table = ist.figures_from_records(
        [
            {"id": "q1", **U, "kind": "cumulative", "end": "1401-03-31", "value": 300},
            {"id": "h1", **U, "kind": "cumulative", "end": "1401-06-31", "value": 900},
            {"id": "y", **U, "kind": "period", "jyear": 1401, "value": 1500},
        ]
    )
    figure = plot_metric(table, "revived_units")
    ax = figure.axes[0]
    shift = offset(ax, 1401)
    (dashed,) = lines(ax, "interpolated")
    (solid,) = lines(ax, "pinned")
    assert dashed.get_linestyle() == "--"
    assert solid.get_linestyle() == "-"
    assert solid.get_linewidth() > dashed.get_linewidth()
    q1, h1 = day("2022-06-21") + 1 + shift, day("2022-09-22") + 1 + shift
    assert (xs(dashed)[0], ys(dashed)[0]) == (nowruz(1401) + shift, 0.0)
    assert (xs(dashed)[-1], ys(dashed)[-1]) == (q1, 300.0)
    x, y = xs(solid), ys(solid)
    assert (x[0], y[0]) == (q1, 300.0)
    assert (x[-1], y[-1]) == (panel(ax, "year 1401")[1], 1500.0)  # the year's total
    assert y[x == h1].tolist() == [900.0]  # through the half-year figure
    assert np.all(np.diff(y) >= 0)
    legend = legend_labels(ax)
    assert "path between two reported figures" in legend
    assert "path interpolated from zero at Nowruz" in legend
    plt.close(figure)


def test_lone_total_is_a_marker_and_no_band_of_zero_to_total() -> None:
    table = ist.figures_from_records(
        [{"id": "y", **U, "kind": "period", "jyear": 1400, "value": 2067}]
    )
    figure = plot_metric(table, "revived_units")
    ax = figure.axes[0]
    assert lines(ax, "pinned") == lines(ax, "interpolated") == []
    assert markers(ax, "point exact").tolist() == [[panel(ax, "year 1400")[1], 2067.0]]
    assert collections(ax, "band") == []
    assert lines(ax, "lower limit") == []
    plt.close(figure)


def test_band_is_drawn_where_a_bound_narrows_it() -> None:
    # "over 600 by the end of Mehr" between 400 (Tir) and 1,000 (Esfand): from Mehr the
    # band's floor (600) is above the last figure (400): a shaded range, not 400..1,000
    table = ist.figures_from_records(
        [
            {"id": "a", **U, "kind": "cumulative", "end": "1400-03-31", "value": 400},
            {"id": "b", **U, "kind": "cumulative", "end": "1400-07-30", "stated": "over 600"},
            {"id": "c", **U, "kind": "period", "jyear": 1400, "value": 1000},
        ]
    )
    figure = plot_metric(table, "revived_units")
    ax = figure.axes[0]
    (band,) = collections(ax, "band")
    verts = np.concatenate([p.vertices for p in band.get_paths()])
    shift = offset(ax, 1400)
    # from the end of Mehr to the end of the year: floor 600, ceiling 1,000
    assert verts[:, 0].min() == day("2021-10-22") + 1 + shift
    assert verts[:, 0].max() == panel(ax, "year 1400")[1]
    assert verts[:, 1].min() == 600.0
    assert verts[:, 1].max() == 1000.0
    assert markers(ax, "point lower").tolist() == [[day("2021-10-22") + 1 + shift, 600.0]]
    plt.close(figure)


def test_levels_are_points_at_their_date_and_say_so() -> None:
    table = ist.figures_from_records(
        [
            {"id": "i1", "metric": "idle_share", "unit": "percent", "kind": "level",
             "jyear": 1398, "start": "1398-05-10", "end": "1398-05-10", "value": 22},
        ]
    )  # fmt: skip
    figure = plot_metric(table, "idle_share")
    ax = figure.axes[0]
    assert ax.get_title(loc="left") == (
        "Share of units idle, Iran: levels as reported, by Jalali year"
    )
    assert ax.get_ylabel() == "%"
    assert markers(ax, "point exact").tolist() == [[day("2019-08-01") + 1 + offset(ax, 1398), 22]]
    plt.close(figure)


def test_a_metric_with_nothing_in_a_jalali_year_says_so() -> None:
    figure = plot_metric(ist.load_isipo_reports(), "revived_economic_units")
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.texts if t.get_gid() == "nothing"] == [
        "No figure of this metric falls in a single Jalali year: see below."
    ]
    (notes,) = [t.get_text() for t in ax.texts if t.get_gid() == "notes"]
    assert notes.endswith("Not drawn (no Jalali year, or several): s003-04 (10,000 period).")
    assert ax.get_legend() is None
    plt.close(figure)


@given(st.sets(st.integers(1300, 1499), min_size=1, max_size=12))
def test_panels_hold_each_year_at_full_length_and_each_run_of_empty_years_once(
    years: set[int],
) -> None:
    axis = time_axis(years)
    panels = axis.panels
    assert sorted(axis.offsets) == sorted(years)
    # in order, separated by the gap, covering first..last year without a hole
    for a, b in itertools.pairwise(panels):
        assert b.left == pytest.approx(a.right + GAP)
        assert b.first == a.last + 1
        assert not (a.empty and b.empty)
    assert panels[0].first == min(years)
    assert panels[-1].last == max(years)
    for p in panels:
        if p.empty:
            assert p.right - p.left == EMPTY_WIDTH
            assert not set(range(p.first, p.last + 1)) & years
        else:
            assert p.first == p.last
            assert p.right - p.left == nowruz(p.first + 1) - nowruz(p.first)
            # a year's Nowruz is drawn at its panel's left edge
            assert axis.x([nowruz(p.first)], p.first)[0] == p.left
