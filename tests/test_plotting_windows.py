"""Publication windows are computed once per table for a summary and all its charts."""

from __future__ import annotations

import gc

import pandas as pd
import pytest

import isipo_stats.checks.publication as pub
from isipo_stats import load_isipo_reports, reconcile
from isipo_stats.summary import summary


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the tables whose windows are computed (not recalled)."""
    calls: list[int] = []
    inner = pub._computed

    def counted(figures: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(figures))
        return inner(figures)

    monkeypatch.setattr(pub, "_computed", counted)
    monkeypatch.setattr(pub, "_MEMO", pub._Memo())
    return calls


def test_the_same_unchanged_table_is_computed_once(computed: list[int]) -> None:
    figures = load_isipo_reports()
    first = pub.publication_windows(figures)
    again = pub.publication_windows(figures)
    assert computed == [53]
    pd.testing.assert_frame_equal(first, again)
    # the undated 1,170 of 1399: after the 819 of 30 Mehr 1399 (2020-10-21)
    row = again.set_index("id").loc["s001-07"]
    assert (row["earliest"], row["latest"]) == (
        pd.Timestamp("2020-10-22"), pd.Timestamp("2021-03-20"),
    )  # fmt: skip


def test_a_table_changed_in_place_is_computed_again(computed: list[int]) -> None:
    figures = load_isipo_reports()
    pub.publication_windows(figures)
    # the 819 now to 30 Azar 1399 (2020-12-20): the 1,170 that exceeds it came later
    figures.loc[figures["id"] == "s004-01", "end"] = pd.Timestamp("2020-12-20")
    row = pub.publication_windows(figures).set_index("id").loc["s001-07"]
    assert row["earliest"] == pd.Timestamp("2020-12-21")
    assert computed == [53, 53]


def test_a_changed_answer_does_not_change_the_next(computed: list[int]) -> None:
    figures = load_isipo_reports()
    spoiled = pub.publication_windows(figures)
    spoiled["earliest"] = pd.NaT
    again = pub.publication_windows(figures).set_index("id")
    assert again.loc["s001-07", "earliest"] == pd.Timestamp("2020-10-22")
    assert computed == [53]


def test_the_memo_keeps_no_table_alive(computed: list[int]) -> None:
    pub.publication_windows(load_isipo_reports())
    gc.collect()
    assert [table() for table, _, _ in pub._MEMO._entries] == [None]


def test_a_report_computes_the_windows_once(computed: list[int]) -> None:
    pytest.importorskip("matplotlib")
    from isipo_stats.report_html import report_page

    figures = load_isipo_reports()
    page = report_page(figures, reconciled=reconcile(figures))
    assert page.count("<img ") == 8  # the summary and eight charts, one computation
    assert computed == [53]


def test_summary_is_the_same_with_windows_remembered(computed: list[int]) -> None:
    figures = load_isipo_reports()
    fresh = summary(figures)
    pd.testing.assert_frame_equal(summary(figures), fresh)
    assert computed == [53]
