"""Charts: what is drawn, the file written, and the message when matplotlib is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import isipo_stats as ist
from isipo_stats.plotting import check_chart_path, plot_metric

R = {"metric": "revived_units", "unit": "units"}


def test_chart_of_bundled_reports(tmp_path: Path) -> None:
    path = tmp_path / "revived.png"
    figure = plot_metric(ist.load_isipo_reports(), "revived_units", path=path)
    ax = figure.axes[0]
    assert path.read_bytes()[:4] == b"\x89PNG"
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [
        "range consistent with every figure",
        "lower limit (no upper limit)",
        "path interpolated from zero at Nowruz",
        "reported",
        "as-of date unknown: the window it must fall in",
        "reported for part of the year (its span)",
        "target (at the end of its span)",
    ]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "Farvardin\n21 Mar 2021" in ticks


def test_flagged_figures_are_marked_and_labelled() -> None:
    table = ist.figures_from_records(
        [
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "stated": "about 600"},
            {"id": "y", **R, "kind": "period", "jyear": 1399, "stated": "over 1,500"},
        ]
    )
    ax = plot_metric(table, "revived_units").axes[0]
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "finding"]
    assert notes == ["b: cumulative_decrease\nabout 600"]
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert "excluded by a check (the finding named)" in labels
    assert "reported as at least (over)" in labels
    path = next(line for line in ax.get_lines() if line.get_gid() == "interpolated")
    assert np.nanmax(path.get_ydata()) == 819.0


def test_unknown_locale() -> None:
    with pytest.raises(ist.InvalidArgumentError, match=r"^locale must be 'en' or 'fa', got 'de'$"):
        plot_metric(ist.load_isipo_reports(), "revived_units", locale="de")  # type: ignore[arg-type]


def test_unknown_metric() -> None:
    with pytest.raises(
        ist.InvalidArgumentError, match="no figures for metric 'nope' in region 'Iran'"
    ):
        plot_metric(ist.load_isipo_reports(), "nope")


def test_missing_matplotlib_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ist.errors.MissingDependencyError) as info:
        plot_metric(ist.load_isipo_reports(), "revived_units")
    assert str(info.value) == "charts need matplotlib: pip install 'isipo-stats[plot]'"
    assert isinstance(info.value, ImportError)


@pytest.mark.parametrize("name", ["chart.png", "chart.SVG", "chart.pdf", "chart.jpeg"])
def test_chart_paths_matplotlib_writes_are_accepted(tmp_path: Path, name: str) -> None:
    assert check_chart_path(tmp_path / name) == tmp_path / name


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("chart", "no suffix to say the format (use .png, .svg, .pdf, "),
        ("chart.txt", "unknown suffix '.txt' (use .png, .svg, .pdf, ...)"),
        ("missing/chart.png", "the folder {tmp}/missing does not exist"),
        ("missing/deeper/chart.png", "the folder {tmp}/missing/deeper does not exist"),
        ("file.csv/chart.png", "{tmp}/file.csv is a file, not a folder"),
        ("file.csv/sub/chart.png", "{tmp}/file.csv is a file, not a folder"),
        ("folder", "it is a folder (name the file, e.g. chart.png)"),
    ],
)
def test_chart_paths_that_cannot_be_written_say_why(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "file.csv").write_text("x\n")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ist.ParseError) as info:
        check_chart_path(tmp_path / name)
    assert str(info.value).startswith(
        f"cannot write a chart to {tmp_path / name}: {reason.format(tmp=tmp_path)}"
    )


def test_plot_metric_checks_its_path_before_drawing(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    with pytest.raises(ist.ParseError, match=r"unknown suffix '\.txt'"):
        plot_metric(ist.load_isipo_reports(), "revived_units", path=tmp_path / "chart.txt")
    assert plt.get_fignums() == before
