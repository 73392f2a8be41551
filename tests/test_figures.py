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
        ({"stated": "", "value": ""}, "row 0, column 'value': no value and no stated amount"),
        ({"stated": None, "value": "inf"}, "row 0, column 'value': not a finite number: 'inf'"),
        ({"stated": None, "value": "1" + "0" * 400}, "row 0, column 'value': not a finite number: '1" + "0" * 400 + "'"),
        ({"stated": "60 trillion rials", "unit": "usd"}, "row 0, column 'unit': unit 'usd' disagrees with stated '60 trillion rials'"),
        ({"unit": ""}, "row 0, column 'unit': no unit given and none stated"),
        ({"qualifier": "maybe"}, "row 0, column 'qualifier': qualifier must be one of exact, approx, lower, upper, range, got 'maybe'"),
        ({"stated": None, "value": 23, "qualifier": "range", "low": "", "high": ""}, "row 0, column 'low': a range needs low and high"),
        ({"stated": None, "value": 23, "qualifier": "range", "low": 24, "high": 22}, "row 0, column 'low': low is above high"),
        ({"stated": None, "value": 30, "qualifier": "range", "low": 22, "high": 24}, "row 0, column 'value': value lies outside low..high"),
        ({"stated": "lots"}, "row 0, column 'stated': not an amount: 'lots'"),
        ({"end": "2021-13-45"}, "row 0, column 'end': not a date: '2021-13-45'"),
        ({"end": "1399-02-32"}, "row 0, column 'end': day must be in 1-31 for 1399-02, got 32"),
        ({"end": "2020-10-21 10:00"}, "row 0, column 'end': a date without a time of day is expected"),
        ({"jyear": "1399.5"}, "row 0, column 'jyear': not a whole number: '1399.5'"),
        ({"jyear": "1100"}, "row 0, column 'jyear': year must be in 1200-1699, got '1100'"),
        ({"jyear": "", "start": "", "end": ""}, "row 0, column 'start': a cumulative figure needs a start, a jyear or an as-of date"),
        ({"start": "1399-02-01"}, "row 0, column 'start': a cumulative figure starts on 1 Farvardin of its year (2020-03-20)"),
        ({"kind": "period", "start": "1399-05-01", "end": ""}, "row 0, column 'end': a period figure needs a start and an end (or only a jyear)"),
        ({"kind": "target", "start": "1399-05-01", "end": ""}, "row 0, column 'end': a target needs both a start and an end, or neither (no deadline stated)"),
        ({"kind": "period", "start": "", "end": "1399-04-01"}, "row 0, column 'start': a period figure needs a start and an end (or only a jyear)"),
        ({"kind": "target", "start": "", "end": "1399-04-01"}, "row 0, column 'start': a target needs both a start and an end, or neither (no deadline stated)"),
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


def _records_message(records: list[dict[str, Any]]) -> str:
    with pytest.raises(FigureValidationError) as info:
        ist.figures_from_records(records)
    return str(info.value)


def test_a_missing_unit_column_is_said_once_with_the_rows_that_need_it() -> None:
    # 40 figures given as numbers, with no unit column and no stated phrase to take one from
    rows = [{"id": f"r{i}", "metric": "revived_units", "kind": "period", "jyear": 1400,
             "value": 5} for i in range(40)]  # fmt: skip
    assert _records_message(rows) == (
        "1 problem in the figure table:\n"
        "column 'unit': column is missing; rows 0, 1, 2, 3, 4 and 35 more: "
        "no unit given and none stated"
    )


def test_a_missing_column_beside_other_problems_keeps_their_rows_and_values() -> None:
    # rows 1 and 3 state their unit ("over 12,000 jobs" is read as jobs); rows 0 and 2 do
    # not, and there is no unit column; row 2 also has a bad kind and row 3 a bad value
    rows = [
        {"id": "a", "metric": "jobs_created", "kind": "period", "jyear": 1400, "value": 900},
        {"id": "b", "metric": "jobs_created", "kind": "period", "jyear": 1401,
         "stated": "over 12,000 jobs"},
        {"id": "c", "metric": "jobs_created", "kind": "flow", "jyear": 1402, "value": 80},
        {"id": "d", "metric": "jobs_created", "kind": "period", "jyear": 1403,
         "stated": "4,100 jobs", "value": 4000},
    ]  # fmt: skip
    assert _records_message(rows) == (
        "3 problems in the figure table:\n"
        "column 'unit': column is missing; rows 0, 2: no unit given and none stated\n"
        "row 2, column 'kind': kind must be one of cumulative, period, target, level, "
        "got 'flow'\n"
        "row 3, column 'value': value 4000.0 disagrees with stated '4,100 jobs' (= 4100.0)"
    )


def test_a_missing_column_with_several_reasons_is_one_line() -> None:
    # no end column: the period from Tir needs an end; the target from Mordad needs one too
    rows = [
        {"id": "p", "metric": "credit", "kind": "period", "start": "1401-04-01",
         "stated": "15 trillion rials"},
        {"id": "q", "metric": "credit", "kind": "target", "start": "1401-05-01",
         "stated": "40 trillion rials"},
        {"id": "r", "metric": "credit", "kind": "period", "start": "1401-06-01",
         "stated": "9 trillion rials"},
    ]  # fmt: skip
    assert _records_message(rows) == (
        "1 problem in the figure table:\n"
        "column 'end': column is missing; rows 0, 2: a period figure needs a start and an "
        "end (or only a jyear); row 1: a target needs both a start and an end, or neither "
        "(no deadline stated)"
    )


def test_without_an_id_column_references_are_not_reported_as_unknown() -> None:
    frame = pd.DataFrame({"metric": ["investment"] * 3, "kind": ["period"] * 3,
                          "jyear": [1403] * 3, "stated": ["29 trillion rials"] * 3,
                          "part_of": [None, "s1", "s1"]})  # fmt: skip
    with pytest.raises(FigureValidationError) as info:
        ist.validate_figures(frame)
    assert info.value.problems == [(None, "id", "required column is missing")]


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
        (3, "stated", "not an amount: 'lots'"),  # once: its missing unit follows from it
    ]
    assert str(info.value).startswith("4 problems in the figure table:\nrow 0, column 'id'")


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


# --- numbers: thousands grouping, Persian digits ----------------------------------------------

GROUPING = "commas must group thousands by three (1,000 or 12,345,678), got "


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000.0),
        ("12,345,678", 12345678.0),
        ("1,234.5", 1234.5),
        ("۱٬۰۰۰", 1000.0),
        ("١٢٬٣٤٥", 12345.0),
        ("۱۲٫۵", 12.5),
        (" 2067 ", 2067.0),
    ],
)
def test_value_reads_grouped_thousands_and_persian_digits(text: str, value: float) -> None:
    row = one(stated=None, value=text).iloc[0]
    assert (row["value"], row["low"], row["high"]) == (value, value, value)


@pytest.mark.parametrize("text", ["1,00", "1.000,5", "1,5", "12,34,567", ",100", "1,000,00"])
def test_value_with_commas_that_do_not_group_thousands_is_refused(text: str) -> None:
    assert _message(stated=None, value=text) == (
        f"1 problem in the figure table:\nrow 0, column 'value': {GROUPING}{text!r}"
    )


@pytest.mark.parametrize("column", ["low", "high"])
def test_bounds_read_grouped_thousands_and_refuse_other_commas(column: str) -> None:
    row = one(stated="", value=None, qualifier="range", low="1,000", high="۲٬۰۰۰").iloc[0]
    assert (row["value"], row["low"], row["high"]) == (1500.0, 1000.0, 2000.0)
    bounds = {"low": "1,000", "high": "2,000", column: "1,00"}
    assert _message(stated="", value=None, qualifier="range", **bounds) == (
        f"1 problem in the figure table:\nrow 0, column {column!r}: {GROUPING}'1,00'"
    )


def test_jyear_reads_persian_digits() -> None:
    row = one(jyear="۱۳۹۹").iloc[0]
    assert row["jyear"] == 1399
    assert _message(jyear="۱۳x۹") == (
        "1 problem in the figure table:\nrow 0, column 'jyear': not a number: '۱۳x۹'"
    )


# --- bounds that contradict the statement ------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"low": "50"}, "column 'low': low 50.0 disagrees with stated '819' (= 819.0)"),
        ({"stated": None, "value": 819, "high": 900},
         "column 'high': high 900.0 disagrees with an exact value of 819.0"),
        ({"qualifier": "lower", "stated": None, "value": 819, "high": 900},
         "column 'high': a lower bound has no high, got 900.0"),
        ({"qualifier": "lower", "stated": None, "value": 819, "low": 800},
         "column 'low': low 800.0 disagrees with a lower bound of 819.0"),
        ({"qualifier": "upper", "stated": None, "value": 819, "low": 1},
         "column 'low': an upper bound has no low, got 1.0"),
        ({"qualifier": "approx", "stated": None, "value": 819, "high": 900},
         "column 'high': an approximate value has no high, got 900.0"),
        ({"stated": "22-24", "qualifier": None, "low": 21},
         "column 'low': low 21.0 disagrees with stated '22-24' (= 22.0)"),
        ({"stated": "over 819", "qualifier": "exact"},
         "column 'qualifier': qualifier 'exact' disagrees with stated 'over 819' (lower)"),
    ],
)  # fmt: skip
def test_bounds_that_contradict_the_statement_are_problems(
    changes: dict[str, Any], problem: str
) -> None:
    assert _message(**changes) == "1 problem in the figure table:\nrow 0, " + problem


def test_bounds_the_statement_implies_may_be_given() -> None:
    row = one(low=819, high="819").iloc[0]
    assert (row["low"], row["high"]) == (819.0, 819.0)
    row = one(stated="over 39,000", low="39,000", unit="jobs", metric="jobs_created").iloc[0]
    assert (row["qualifier"], row["low"]) == ("lower", 39000.0)
    assert np.isnan(row["high"])


# --- header names, missing columns, one problem per cell ---------------------------------------


def test_header_names_are_read_without_surrounding_spaces() -> None:
    frame = pd.DataFrame([BASE]).rename(columns={"stated": " stated ", "unit": "unit\t"})
    table = ist.validate_figures(frame)
    assert table["value"].tolist() == [819.0]
    assert table["unit"].tolist() == ["units"]


def test_a_column_given_twice_is_refused() -> None:
    frame = pd.DataFrame([BASE]).assign(**{" unit": "jobs"})
    with pytest.raises(FigureValidationError) as info:
        ist.validate_figures(frame)
    assert info.value.problems == [(None, "unit", "column given more than once ('unit', ' unit')")]


def test_a_header_only_table_of_unrelated_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,amount\n")
    with pytest.raises(FigureValidationError) as info:
        ist.read_figures(path)
    assert [(row, column) for row, column, _ in info.value.problems] == [
        (None, "id"),
        (None, "metric"),
        (None, "kind"),
        (None, "value"),
    ]


def test_no_records_give_an_empty_table_with_the_documented_columns() -> None:
    table = ist.figures_from_records([])
    assert list(table.columns) == list(COLUMNS)
    assert len(table) == 0


def test_a_bad_cell_is_reported_once_and_not_echoed_in_other_columns() -> None:
    # an unreadable as-of date: not also "a cumulative figure needs a start"
    assert _message(jyear=None, end="1399-13-01") == (
        "1 problem in the figure table:\nrow 0, column 'end': month must be in 1-12, got 13"
    )
    # a value that is not a number: not also "disagrees with stated"
    assert _message(value="8l9") == (
        "1 problem in the figure table:\nrow 0, column 'value': not a number: '8l9'"
    )
    # a year that is not whole: not also a missing start
    assert _message(jyear="1399.5", end=None) == (
        "1 problem in the figure table:\nrow 0, column 'jyear': not a whole number: '1399.5'"
    )


# --- dates: the supported range, month names, time zones --------------------------------------

RANGE = "date must be in 1821-03-21..2321-03-20 (Jalali 1200-1699), got "


@pytest.mark.parametrize("date", ["1800-01-01", "2400-01-01", "1821-03-20", "2321-03-21"])
@pytest.mark.parametrize("column", ["start", "end", "published"])
def test_gregorian_dates_outside_the_supported_range_are_row_problems(
    date: str, column: str
) -> None:
    changes: dict[str, Any] = {
        "kind": "period",
        "jyear": None,
        "start": "1399-01",
        "end": "1399-12",
    }
    changes[column] = date
    assert _message(**changes) == (
        f"1 problem in the figure table:\nrow 0, column {column!r}: {RANGE}{date}"
    )


def test_the_supported_range_ends_are_dates() -> None:
    row = one(kind="period", jyear=None, start="1821-03-21", end="1822-03-20").iloc[0]
    assert row["jyear"] == 1200
    row = one(kind="period", jyear=None, start="2320-03-21", end="2321-03-20").iloc[0]
    assert row["jyear"] == 1699


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Mehr 1400", "2021-09-23", "2021-10-22"),
        ("مهر ۱۴۰۰", "2021-09-23", "2021-10-22"),
        ("Esfand 1399", "2021-02-19", "2021-03-20"),
        ("30 Mehr 1400", "2021-10-22", "2021-10-22"),
    ],
)
def test_month_names_without_a_day_as_span_ends(text: str, start: str, end: str) -> None:
    row = one(kind="period", jyear=None, start=text, end=text).iloc[0]
    assert (row["start"], row["end"]) == (pd.Timestamp(start), pd.Timestamp(end))
    row = one(jyear=None, end=text).iloc[0]  # a cumulative figure as of the month's end
    assert row["end"] == pd.Timestamp(end)


def test_an_unknown_month_name_is_not_a_date() -> None:
    assert _message(end="Mehrr 1400") == (
        "1 problem in the figure table:\nrow 0, column 'end': not a date: 'Mehrr 1400'"
    )


def test_aware_timestamps_are_read_as_their_day_in_tehran(tmp_path: Path) -> None:
    midnight = pd.Timestamp("2020-10-21", tz="Asia/Tehran")
    frame = pd.DataFrame(
        [
            {**BASE, "id": "tehran", "end": midnight},
            {**BASE, "id": "utc", "end": midnight.tz_convert("UTC")},  # 2020-10-20 20:30 UTC
        ]
    )
    path = tmp_path / "aware.parquet"
    frame.to_parquet(path)
    table = ist.read_figures(path)
    assert table["end"].tolist() == [pd.Timestamp("2020-10-21")] * 2
    # as text with an offset, too
    assert one(end="2020-10-20T20:30:00Z").iloc[0]["end"] == pd.Timestamp("2020-10-21")
    assert one(end="2020-10-21 00:00+03:30").iloc[0]["end"] == pd.Timestamp("2020-10-21")


def test_an_aware_timestamp_that_is_not_midnight_in_tehran_is_refused() -> None:
    utc_midnight = pd.Timestamp("2020-10-21", tz="UTC")  # 03:30 in Tehran
    frame = pd.DataFrame([{**BASE, "end": utc_midnight}])
    with pytest.raises(FigureValidationError) as info:
        ist.validate_figures(frame)
    assert info.value.problems == [(0, "end", "a date without a time of day is expected")]


# --- Excel sheets ----------------------------------------------------------------------------


def test_an_empty_first_sheet_is_refused_when_another_has_figures(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame().to_excel(book, sheet_name="cover", index=False)
        pd.DataFrame([BASE]).to_excel(book, sheet_name="figures", index=False)
        pd.DataFrame().to_excel(book, sheet_name="notes", index=False)
    with pytest.raises(ist.ParseError) as info:
        ist.read_figures(path)
    assert str(info.value) == (
        f"{path}: the first sheet 'cover' has no rows but 'figures' has; name the sheet to read"
    )
    assert ist.read_figures(path, sheet="figures")["value"].tolist() == [819.0]
    with pytest.raises(ist.ParseError) as missing:
        ist.read_figures(path, sheet="Figures")
    assert str(missing.value) == (
        f"{path}: no sheet 'Figures' (sheets: 'cover', 'figures', 'notes')"
    )


def test_a_sheet_is_only_for_workbooks(tmp_path: Path) -> None:
    with pytest.raises(ist.ParseError, match=r"sheet='x' is for Excel workbooks"):
        ist.read_figures(tmp_path / "figures.csv", sheet="x")


def test_infinite_numbers_in_number_columns_are_refused() -> None:
    frame = pd.DataFrame([BASE]).drop(columns="stated")
    frame["value"], frame["low"] = [np.inf], [-np.inf]
    with pytest.raises(FigureValidationError) as info:
        ist.validate_figures(frame)
    assert info.value.problems == [
        (0, "value", "not a finite number: inf"),
        (0, "low", "not a finite number: -inf"),
    ]


def test_a_workbook_with_one_empty_sheet_lacks_the_required_columns(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    pd.DataFrame().to_excel(path, index=False)
    with pytest.raises(FigureValidationError) as info:
        ist.read_figures(path)
    assert [column for _, column, _ in info.value.problems] == ["id", "metric", "kind", "value"]
