"""The figure table: schema, filling of implied values, and every validation reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats import FigureValidationError
from isipo_stats.figures import COLUMNS

BASE: dict[str, Any] = {
    "id": "a",
    "metric": "revived_units",
    "kind": "cumulative",
    "jyear": 1399,
    "end": "1399-07-30",
    "stated": "819",
    "unit": "units",
}


def one(**changes: Any) -> pd.DataFrame:
    record = {**BASE, **changes}
    return ist.figures_from_records([{k: v for k, v in record.items() if v is not None}])


def test_schema_columns_and_dtypes() -> None:
    table = one()
    assert list(table.columns) == list(COLUMNS)
    assert {c: str(t) for c, t in table.dtypes.items()} == {
        c: ("str" if t == "object" and str(table[c].dtype) == "str" else t)
        for c, t in COLUMNS.items()
    }


def test_cumulative_filled_from_year_and_stated() -> None:
    row = one().iloc[0]
    assert row["region"] == "Iran"
    assert row["start"] == pd.Timestamp("2020-03-20")  # 1 Farvardin 1399
    assert row["end"] == pd.Timestamp("2020-10-21")  # 30 Mehr 1399
    assert (row["value"], row["qualifier"], row["low"], row["high"]) == (819.0, "exact", 819, 819)


def test_jyear_from_as_of_date_only() -> None:
    row = one(jyear=None).iloc[0]
    assert row["jyear"] == 1399
    assert row["start"] == pd.Timestamp("2020-03-20")


def test_period_with_only_year_covers_the_year() -> None:
    row = one(kind="period", jyear=1399, end=None).iloc[0]
    assert (row["start"], row["end"]) == (pd.Timestamp("2020-03-20"), pd.Timestamp("2021-03-20"))


def test_month_and_year_text_as_span_ends() -> None:
    row = one(kind="period", jyear=None, start="1402-06", end="1402-06").iloc[0]
    assert (row["start"], row["end"]) == (pd.Timestamp("2023-08-23"), pd.Timestamp("2023-09-22"))
    assert row["jyear"] == 1402
    row = one(kind="target", jyear=None, start="1403", end="1403").iloc[0]
    assert (row["start"], row["end"]) == (pd.Timestamp("2024-03-20"), pd.Timestamp("2025-03-20"))


def test_gregorian_dates_and_multi_year_span_has_no_jyear() -> None:
    row = one(kind="period", jyear=None, start="2021-08-03", end="2024-05-19").iloc[0]
    assert pd.isna(row["jyear"])
    row = one(kind="period", jyear=None, start="2024-05-01", end="2024-05-31").iloc[0]
    assert row["jyear"] == 1403


def test_money_range_and_bounds() -> None:
    row = one(kind="level", metric="credit", stated="60 trillion rials", unit=None).iloc[0]
    assert (row["value"], row["unit"]) == (6e13, "rial")
    row = one(kind="level", metric="idle_share", stated="about 22-24 percent", unit=None).iloc[0]
    assert (row["value"], row["low"], row["high"], row["qualifier"]) == (23, 22, 24, "range")
    row = one(stated="over 39,000", unit="jobs", metric="jobs_created").iloc[0]
    assert row["low"] == 39000
    assert np.isnan(row["high"])


def test_published_fills_window_and_extra_columns_kept() -> None:
    table = ist.figures_from_records([{**BASE, "published": "2020-11-01", "seed": "004"}])
    row = table.iloc[0]
    assert row["published_from"] == row["published_to"] == pd.Timestamp("2020-11-01")
    assert row["seed"] == "004"


def test_value_without_stated() -> None:
    row = one(stated=None, value="2,067", qualifier="lower").iloc[0]
    assert (row["value"], row["low"]) == (2067.0, 2067.0)


def _message(**changes: Any) -> str:
    with pytest.raises(FigureValidationError) as info:
        one(**changes)
    return str(info.value)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": ""}, "row 0, column 'id': empty id"),
        ({"metric": "Revived Units"}, "row 0, column 'metric': metric must be snake_case, got 'Revived Units'"),
        ({"kind": "flow"}, "row 0, column 'kind': kind must be one of cumulative, period, target, level, got 'flow'"),
        ({"stated": None, "value": "abc"}, "row 0, column 'value': not a number: 'abc'"),
        ({"value": "800"}, "row 0, column 'value': value 800.0 disagrees with stated '819' (= 819.0)"),
        ({"stated": ""}, "row 0, column 'value': no value and no stated amount"),
        ({"stated": None, "value": "inf"}, "row 0, column 'value': value must be finite"),
        ({"stated": "60 trillion rials", "unit": "usd"}, "row 0, column 'unit': unit 'usd' disagrees with stated '60 trillion rials'"),
        ({"unit": None}, "row 0, column 'unit': no unit given and none stated"),
        ({"qualifier": "maybe"}, "row 0, column 'qualifier': qualifier must be one of exact, approx, lower, upper, range, got 'maybe'"),
        ({"stated": None, "value": 23, "qualifier": "range"}, "row 0, column 'low': a range needs low and high"),
        ({"stated": None, "value": 23, "qualifier": "range", "low": 24, "high": 22}, "row 0, column 'low': low is above high"),
        ({"stated": None, "value": 30, "qualifier": "range", "low": 22, "high": 24}, "row 0, column 'value': value lies outside low..high"),
        ({"stated": "lots"}, "row 0, column 'stated': not an amount: 'lots'"),
        ({"end": "2021-13-45"}, "row 0, column 'end': not a date: '2021-13-45'"),
        ({"end": "1399-02-32"}, "row 0, column 'end': day must be in 1-31 for 1399-02, got 32"),
        ({"end": "2020-10-21 10:00"}, "row 0, column 'end': a date without a time of day is expected"),
        ({"jyear": "1399.5"}, "row 0, column 'jyear': not a whole number: '1399.5'"),
        ({"jyear": "1100"}, "row 0, column 'jyear': year must be in 1200-1699, got '1100'"),
        ({"jyear": None, "end": None}, "row 0, column 'start': a cumulative figure needs a start, a jyear or an as-of date"),
        ({"start": "1399-02-01"}, "row 0, column 'start': a cumulative figure starts on 1 Farvardin of its year (2020-03-20)"),
        ({"kind": "period", "start": "1399-05-01", "end": None}, "row 0, column 'end': a period figure needs a start and an end (or only a jyear)"),
        ({"kind": "target", "start": "1399-05-01", "end": None}, "row 0, column 'end': a target needs both a start and an end, or neither (no deadline stated)"),
        ({"kind": "period", "start": "1399-05-01", "end": "1399-04-01"}, "row 0, column 'end': the span ends before it starts"),
        ({"published": "2020-11-01", "published_from": "2020-10-01"}, "row 0, column 'published_from': a publication window contradicts the published date"),
        ({"published_from": "2020-11-01", "published_to": "2020-10-01"}, "row 0, column 'published_to': the publication window ends before it starts"),
        ({"stated_dates": "end=March 19"}, "row 0, column 'stated_dates': expected 'start=YYYY-MM-DD; end=YYYY-MM-DD', got 'end=March 19'"),
        ({"part_of": "zz"}, "row 0, column 'part_of': refers to unknown id 'zz'"),
        ({"equivalent_of": "a"}, "row 0, column 'equivalent_of': refers to itself"),
    ],
)  # fmt: skip
def test_each_validation_reason(changes: dict[str, Any], problem: str) -> None:
    assert _message(**changes) == "1 problem in the figure table:\n" + problem


def test_missing_required_columns_are_reported_once_not_per_row() -> None:
    with pytest.raises(FigureValidationError) as info:
        ist.validate_figures(pd.DataFrame({"value": [1.0, 2.0, 3.0], "unit": ["units"] * 3}))
    assert info.value.problems == [
        (None, "id", "required column is missing"),
        (None, "metric", "required column is missing"),
        (None, "kind", "required column is missing"),
    ]
    assert str(info.value) == (
        "3 problems in the figure table:\n"
        "column 'id': required column is missing\n"
        "column 'metric': required column is missing\n"
        "column 'kind': required column is missing"
    )


def test_every_bad_row_is_listed_not_just_the_first() -> None:
    records = [
        {**BASE, "id": "x"},
        {**BASE, "id": "x", "kind": "flow"},
        {**BASE, "id": "ok"},
        {**BASE, "id": "y", "unit": None, "stated": "lots"},
    ]
    with pytest.raises(FigureValidationError) as info:
        ist.figures_from_records(records)
    assert info.value.problems == [
        (0, "id", "duplicate id 'x'"),
        (1, "id", "duplicate id 'x'"),
        (1, "kind", "kind must be one of cumulative, period, target, level, got 'flow'"),
        (3, "stated", "not an amount: 'lots'"),
        (3, "unit", "no unit given and none stated"),
    ]
    assert str(info.value).startswith("5 problems in the figure table:\nrow 0, column 'id'")


def test_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="empty id"):
        one(id="")
    with pytest.raises(TypeError, match="expected a pandas DataFrame of figures, got list"):
        ist.validate_figures([BASE])  # type: ignore[arg-type]


def test_read_figures_csv_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    pd.DataFrame([BASE]).to_csv(path, index=False)
    table = ist.read_figures(path)
    assert table["value"].tolist() == [819.0]
    with pytest.raises(ist.ParseError, match=r"unknown file type '\.json'"):
        ist.read_figures(tmp_path / "figures.json")
    with pytest.raises(ist.ParseError, match="No such file"):
        ist.read_figures(tmp_path / "missing.csv")


@pytest.mark.parametrize(("suffix", "writer"), [(".parquet", "to_parquet"), (".xlsx", "to_excel")])
def test_read_figures_parquet_and_excel(tmp_path: Path, suffix: str, writer: str) -> None:
    path = tmp_path / f"figures{suffix}"
    frame = pd.DataFrame([BASE, {**BASE, "id": "b", "stated": "over 39,000"}])
    kwargs = {"index": False} if suffix == ".xlsx" else {}
    getattr(frame, writer)(path, **kwargs)
    table = ist.read_figures(path)
    assert table["id"].tolist() == ["a", "b"]
    assert table["qualifier"].tolist() == ["exact", "lower"]
    assert table["end"].tolist() == [pd.Timestamp("2020-10-21")] * 2
