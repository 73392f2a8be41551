"""Where a chart puts things: read back from the artists of the bundled reports' charts."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Text

import isipo_stats as ist
from isipo_stats.plotting import plot_metric
from isipo_stats.plotting._layout import EMPTY_WIDTH
from tests.plotting_helpers import (
    collections,
    day,
    lines,
    markers,
    nowruz,
    offset,
    panel,
    segments,
    texts,
    within,
    xs,
    ys,
)


@pytest.fixture(scope="module")
def reports() -> pd.DataFrame:
    return ist.load_isipo_reports()


@pytest.fixture(scope="module")
def revived(reports: pd.DataFrame) -> Iterator[Axes]:
    figure = plot_metric(reports, "revived_units")
    yield figure.axes[0]
    plt.close(figure)


@pytest.fixture(scope="module")
def investment(reports: pd.DataFrame) -> Iterator[Axes]:
    figure = plot_metric(reports, "investment", unit="rial")
    figure.canvas.draw()
    yield figure.axes[0]
    plt.close(figure)


def test_years_are_panels_of_their_own_length(revived: Axes) -> None:
    for year in (1397, 1398, 1399, 1400, 1403):
        left, right = panel(revived, f"year {year}")
        assert right - left == nowruz(year + 1) - nowruz(year)  # 365 or 366 days
    # panels follow each other in order
    lefts = [panel(revived, f"year {y}")[0] for y in (1397, 1398, 1399, 1400, 1403)]
    assert lefts == sorted(lefts)


def test_years_without_figures_are_one_narrow_hatched_panel_saying_so(revived: Axes) -> None:
    left, right = panel(revived, "years 1401-1402")
    assert right - left == pytest.approx(EMPTY_WIDTH)
    assert panel(revived, "year 1400")[1] < left < right < panel(revived, "year 1403")[0]
    (hatched,) = [p for p in revived.patches if p.get_gid() == "years 1401-1402"]
    assert hatched.get_hatch() == "////"
    assert texts(revived, "no figures") == ["1401–1402\nno figures"]


def test_targets_end_on_the_last_day_of_their_span_inside_their_year(revived: Axes) -> None:
    by_value: dict[tuple[float, float], float] = {}
    for (x0, y0), (x1, y1) in segments(revived, "target"):
        assert y0 == y1
        by_value[(x1, y1)] = x0
    # the year-end targets of 1398 (1,400 and 2,000) and 1399 (1,500 and 2,000): on 29/30 Esfand
    for year, last_day, values in (
        (1398, "2020-03-19", (1400, 2000)),
        (1399, "2021-03-20", (1500, 2000)),
    ):
        end = day(last_day) + offset(revived, year)
        left, right = panel(revived, f"year {year}")
        for value in values:
            assert (end, value) in by_value
            assert left <= by_value[end, value] < end < right
    # the 1,500 target "by the end of Mehr 1399" (s004-04) ends on 1399-07-30
    assert (day("2020-10-21") + offset(revived, 1399), 1500.0) in by_value
    # one mark for the 2,000 stated twice for 1399 (s001-10, s004-03): 7 marks in all
    assert len(by_value) == 7
    labels = texts(revived)
    assert labels.count("target 2,000") == 3  # 1398, 1399 (stated twice, one mark), 1400
    assert "target 1,000" in labels
    assert "target 1,400" in labels


def test_target_labels_say_a_part_year_span_and_never_run_into_each_other(
    revived: Axes,
) -> None:
    labels = texts(revived, "target label")
    # s004-04: 1,500 "by the end of Mehr 1399", the first seven months of that year
    assert labels.count("target 1,500\nfirst 7 months") == 1
    assert labels.count("target 1,500") == 1  # the original 1399 goal (s001-09)
    revived.figure.canvas.draw()
    renderer = revived.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [
        Text.get_window_extent(t, renderer) for t in revived.texts if t.get_gid() == "target label"
    ]
    assert len(boxes) == 7
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_undated_total_spans_the_window_check_found(reports: pd.DataFrame, revived: Axes) -> None:
    found = ist.check(reports)
    window = found[(found["check"] == "publication_window") & (found["figure_ids"] == "s001-07")]
    assert "published between 2020-10-22 and 2021-03-20" in window["message"].iloc[0]
    ((x0, y0), (x1, y1)) = next(s for s in segments(revived, "undated") if s[0, 1] == 1170)
    assert x0 == day("2020-10-22") + offset(revived, 1399)
    assert x1 == day("2021-03-20") + 1 + offset(revived, 1399)  # to the end of its last day
    assert y0 == y1 == 1170


def test_undated_total_not_narrowed_spans_its_publication_window(investment: Axes) -> None:
    # s001-02: 150 trillion rials "this year", published some time in 1399: the whole year
    (((x0, y0), (x1, _)),) = segments(investment, "undated")
    assert (x0 - offset(investment, 1399), x1 - offset(investment, 1399)) == (
        nowruz(1399),
        nowruz(1400),
    )
    assert y0 == 150.0  # trillion rials


def test_lone_annual_totals_are_points_not_lines_from_zero(revived: Axes) -> None:
    points = markers(revived, "point exact")
    for year, value in ((1397, 1726.0), (1400, 2067.0)):
        left, right = panel(revived, f"year {year}")
        assert [right, value] in points.tolist()  # at the end of the year's last day
        for gid in ("pinned", "interpolated"):
            for line in lines(revived, gid):
                assert not within(xs(line), left, right)


def test_a_path_from_zero_to_a_lone_figure_is_dashed(revived: Axes) -> None:
    dashed = lines(revived, "interpolated")
    assert len(dashed) == 2  # 1398 (to 529) and 1399 (to 819)
    assert {line.get_linestyle() for line in dashed} == {"--"}
    assert lines(revived, "pinned") == []
    starts = sorted((float(xs(line)[0]), float(ys(line)[0])) for line in dashed)
    ends = sorted((float(xs(line)[-1]), float(ys(line)[-1])) for line in dashed)
    assert starts == [(panel(revived, "year 1398")[0], 0.0), (panel(revived, "year 1399")[0], 0.0)]
    assert ends == [
        (day("2019-09-22") + 1 + offset(revived, 1398), 529.0),
        (day("2020-10-21") + 1 + offset(revived, 1399), 819.0),
    ]


def test_band_is_shaded_only_where_it_says_more_than_the_figures(revived: Axes) -> None:
    # 1397 and 1400 (0..total) and 1398, 1399 (0..figure, then open) say nothing more:
    # only 1403's first two months ("at most 116 before the June report") are shaded
    (band,) = collections(revived, "band")
    verts = np.concatenate([p.vertices for p in band.get_paths()])
    assert within(
        verts[:, 0],
        nowruz(1403) + offset(revived, 1403),
        day("2024-05-20") + 1 + offset(revived, 1403),
    )
    assert verts[:, 1].max() == 116.0
    (lower,) = lines(revived, "lower limit")
    x, y = xs(lower), ys(lower)
    assert within(x[np.isfinite(y)], *panel(revived, "year 1403"))
    assert sorted(set(y[np.isfinite(y)])) == [4.0, 116.0]


def test_text_of_a_count_chart(revived: Axes) -> None:
    assert revived.get_title(loc="left") == "Revived units, Iran: year to date, by Jalali year"
    assert revived.get_ylabel() == "units, cumulative since Nowruz"
    labels = [t.get_text() for t in revived.get_xticklabels()]
    assert "Farvardin\n21 Mar 2019" in labels
    assert "Mehr\n22 Sep 2020" in labels
    ticks = dict(zip(labels, revived.get_xticks(), strict=True))
    assert ticks["Farvardin\n21 Mar 2019"] == panel(revived, "year 1398")[0]
    assert texts(revived, "year label") == [
        "1397 (2018/19)",
        "1398 (2019/20)",
        "1399 (2020/21)",
        "1400 (2021/22)",
        "1403 (2024/25)",
    ]


def test_source_line_and_figures_not_drawn_are_written_under_the_chart(revived: Axes) -> None:
    (notes,) = texts(revived, "notes")
    assert notes.startswith("Source: ISIPO head Ali Rasoulian via IRNA; ")
    assert "seed 00" not in notes
    assert notes.endswith("\nNot drawn (no Jalali year, or several): s003-05 (4,600 period).")


def test_money_axis_is_scaled_with_no_offset_text(investment: Axes) -> None:
    assert investment.get_ylabel() == "trillion rials, cumulative since Nowruz"
    assert investment.get_title(loc="left") == "Investment, Iran: year to date, by Jalali year"
    assert investment.yaxis.get_offset_text().get_text() == ""
    ticks = [t.get_text() for t in investment.get_yticklabels()]
    assert ticks[:3] == ["0", "50", "100"]


def test_excluded_figure_is_marked_with_the_findings_name(investment: Axes) -> None:
    ((x, y),) = markers(investment, "excluded")
    assert x == day("2024-05-31") + 1 + offset(investment, 1403)
    assert y == pytest.approx(294.8)
    assert texts(investment, "finding") == [
        "s003-07: components_mismatch\nabout 294.8\nits 3 parts on the chart sum to about 29.47"
    ]
    # its parts, flows over Ordibehesht-Khordad 1403, are drawn over their span
    spans = {float(s[0, 1]): (s[0, 0], s[1, 0]) for s in segments(investment, "flow")}
    assert set(spans) == {1.88, 18.35, 9.24}
    assert spans[18.35] == (
        day("2024-05-01") + offset(investment, 1403),
        day("2024-05-31") + 1 + offset(investment, 1403),
    )


def test_a_lower_limit_read_from_an_approximate_figure_is_named(reports: pd.DataFrame) -> None:
    # "about $357 million" of credit in a month of 1398: stated to three significant digits,
    # its band is the 2 % floor (half a unit of the last digit is only 0.14 %), so the year's
    # total is at least 357 x 0.98 = 349.86 million after it, a value no figure states
    figure = plot_metric(reports, "credit", unit="usd")
    ax = figure.axes[0]
    assert ax.get_ylabel() == "million US dollars, cumulative since Nowruz"
    assert texts(ax, "limit label") == ["at least 349.9"]
    assert texts(ax, "flow label") == ["about 357"]
    plt.close(figure)


def test_a_range_is_a_bar_from_its_low_to_its_high(reports: pd.DataFrame) -> None:
    figure = plot_metric(reports, "idle_share")
    ax = figure.axes[0]
    (((x0, low), (x1, high)),) = segments(ax, "range")
    assert (x0, low, high) == (x1, 22.0, 24.0)
    assert "22 to 24" in texts(ax)
    plt.close(figure)


# --- labels of close values: beside their spans, never on another line or label ---------------


def _flow_label_boxes(ax: Axes) -> tuple[list[Any], list[Any]]:
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in ax.texts if t.get_gid() == "flow label"]
    # the text alone, not its leader line (an Annotation's extent includes its arrow)
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    flows = [c for c in ax.collections if c.get_gid() == "flow"]
    return boxes, flows


def _no_overlaps(ax: Axes, count: int) -> None:
    boxes, flows = _flow_label_boxes(ax)
    assert len(boxes) == count
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    # every label ends left of the spans it labels: no label crosses a flow's line
    starts = [ax.transData.transform((seg[0][0], seg[0][1]))[0]
              for flow in flows for seg in flow.get_segments()]  # fmt: skip
    assert max(box.x1 for box in boxes) < min(starts)


def test_the_parts_of_the_1403_investment_have_separate_labels(reports: pd.DataFrame) -> None:
    # 18.35, 9.24 and "about 1.88" trillion rials over May 2024, on an axis to about 340
    figure = plot_metric(reports, "investment", unit="rial")
    ax = figure.axes[0]
    shown = sorted(t.get_text() for t in ax.texts if t.get_gid() == "flow label")
    assert shown == ["18.35", "9.24", "about 1.88"]
    _no_overlaps(ax, 3)
    finding = next(t.get_text() for t in ax.texts if t.get_gid() == "finding")
    assert finding == (
        "s003-07: components_mismatch\nabout 294.8\nits 3 parts on the chart sum to about 29.47"
    )
    plt.close(figure)


@pytest.mark.parametrize("count", [2, 5, 9])
def test_any_number_of_close_parts_get_labels_apart(count: int) -> None:
    # a month's credit stated as ten times its parts 10.0, 10.5, 11.0, ... trillion rials
    # (a scale slip, so the parts stand alone) next to a year total of 900 trillion: the
    # parts lie within a few hundredths of the axis
    credit = {"metric": "credit", "unit": "rial", "kind": "period",
              "start": "1402-03-01", "end": "1402-03-31"}  # fmt: skip
    values = [10 + i / 2 for i in range(count)]
    records = [{"id": "y", "metric": "credit", "unit": "rial", "kind": "cumulative",
                "end": "1402-12-29", "stated": "900 trillion rials"},
               {"id": "t", **credit, "stated": f"{sum(values) * 10:g} trillion rials"}]  # fmt: skip
    records += [{"id": f"p{i}", **credit, "stated": f"{v:g} trillion rials", "part_of": "t"}
                for i, v in enumerate(values)]  # fmt: skip
    figure = plot_metric(ist.figures_from_records(records), "credit")
    _no_overlaps(figure.axes[0], count)
    plt.close(figure)


def test_flows_a_few_days_apart_share_one_column_of_labels() -> None:
    # four flows to the end of Mordad, starting two days apart, 21.5 down to 20 trillion
    # rials (a shorter span, a smaller sum), beside a 700 total
    records = [{"id": "y", "metric": "credit", "unit": "rial", "kind": "cumulative",
                "end": "1402-12-29", "stated": "700 trillion rials"}]  # fmt: skip
    records += [{"id": f"f{i}", "metric": "credit", "unit": "rial", "kind": "period",
                 "start": f"1402-05-{1 + 2 * i:02d}", "end": "1402-05-31",
                 "stated": f"{21.5 - i / 2:g} trillion rials"} for i in range(4)]  # fmt: skip
    figure = plot_metric(ist.figures_from_records(records), "credit")
    ax = figure.axes[0]
    boxes, _ = _flow_label_boxes(ax)
    assert len(boxes) == 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    plt.close(figure)


@pytest.mark.parametrize("metric", ["renovated_units", "new_unit_jobs", "revived_units"])
def test_month_labels_of_the_x_axis_never_run_into_each_other(
    reports: pd.DataFrame, metric: str
) -> None:
    figure = plot_metric(reports, metric)
    ax = figure.axes[0]
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [label.get_window_extent(renderer) for label in ax.get_xticklabels()]
    assert len(boxes) >= 4
    gap = 0.15 * figure.dpi  # a clear gap (two characters or so), not labels touching
    for left, right in itertools.pairwise(sorted(boxes, key=lambda box: box.x0)):
        assert right.x0 - left.x1 >= gap
    plt.close(figure)
