"""The calendar against independent data: an astronomical oracle, the official leap list,
jdatetime on every day where it is right, and hand-checked pairs."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import jdatetime
import numpy as np
import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats import (
    CalendarRangeError,
    InputTypeError,
    InvalidDateError,
    IsipoError,
    ParseError,
)

FIRST, LAST = ist.SUPPORTED_YEARS


def test_supported_years_are_stated() -> None:
    assert ist.SUPPORTED_YEARS == (1200, 1699)


def test_nowruz_matches_astronomical_oracle(oracle: pd.DataFrame) -> None:
    rows = oracle[(oracle.jyear >= FIRST) & (oracle.jyear <= LAST)]
    assert len(rows) == LAST - FIRST + 1
    nowruz = ist.to_gregorian(rows.jyear.to_numpy(), 1, 1)
    mismatched = rows.jyear[nowruz.to_numpy() != rows.nowruz.to_numpy()]
    assert mismatched.tolist() == []


def test_leap_years_match_oracle(oracle: pd.DataFrame) -> None:
    rows = oracle[(oracle.jyear >= FIRST) & (oracle.jyear <= LAST)]
    leap = ist.is_leap(rows.jyear.to_numpy())
    np.testing.assert_array_equal(leap, rows.leap.astype(bool).to_numpy())


def test_leap_years_match_official_table(official_leap: pd.DataFrame) -> None:
    assert official_leap.jyear.min() == 1206
    assert official_leap.jyear.max() == 1498
    leap = ist.is_leap(official_leap.jyear.to_numpy())
    np.testing.assert_array_equal(leap, official_leap.leap.astype(bool).to_numpy())


def test_every_day_matches_jdatetime_where_it_is_right() -> None:
    # jdatetime follows the plain 33-year rule, which is exact through 1634.
    start = jdatetime.date(1200, 1, 1).togregorian()
    end = jdatetime.date(1634, 12, 29).togregorian()  # 1634 is common: 30 Esfand is not
    days = pd.date_range(start, end, freq="D")
    expected = np.array(
        [
            (j.year, j.month, j.day)
            for j in (jdatetime.date.fromgregorian(date=d) for d in days.date)
        ]
    )
    got = ist.to_jalali(days)
    np.testing.assert_array_equal(got.to_numpy(dtype=np.int64), expected)
    back = ist.to_gregorian(got.year, got.month, got.day)
    np.testing.assert_array_equal(back.to_numpy(), days.to_numpy().astype("M8[us]"))


def test_1635_and_1668_follow_the_equinox_not_the_33_year_rule(oracle: pd.DataFrame) -> None:
    for year in (1635, 1668):
        jd = pd.Timestamp(jdatetime.date(year, 1, 1).togregorian())
        ours = ist.to_gregorian(year, 1, 1)[0]
        assert ours == jd - pd.Timedelta(days=1)
        assert ours == oracle.set_index("jyear").nowruz[year]
    assert not ist.is_leap(1634)
    assert ist.is_leap(1635)


def test_hand_checked_pairs_both_ways(hand_checked: pd.DataFrame) -> None:
    parts = hand_checked["jalali"].str.split("-", expand=True).astype(int)
    greg = ist.to_gregorian(parts[0].to_numpy(), parts[1].to_numpy(), parts[2].to_numpy())
    assert [str(d.date()) for d in greg] == hand_checked.gregorian.tolist()
    back = ist.to_jalali(hand_checked.gregorian)
    assert back.to_numpy(dtype=np.int64).tolist() == parts.to_numpy().tolist()


def test_issue_pairs() -> None:
    assert list(ist.to_gregorian([1399, 1403, 1404], [12, 12, 1], [30, 30, 1]).astype(str)) == [
        "2021-03-20",
        "2025-03-20",
        "2025-03-21",
    ]


def test_whole_range_round_trips_and_is_contiguous() -> None:
    days = pd.date_range("1821-03-21", "2321-03-20", freq="D", unit="s")
    fields = ist.to_jalali(days)
    assert fields.iloc[0].tolist() == [1200, 1, 1]
    assert fields.iloc[-1].tolist() == [1699, 12, 29]
    back = ist.to_gregorian(fields.year, fields.month, fields.day)
    np.testing.assert_array_equal(back.to_numpy(), days.to_numpy().astype("M8[us]"))
    # day of year increases by one each day and restarts exactly at each Nowruz
    doy = ist.day_of_year(days).to_numpy(dtype=np.int64)
    restart = doy == 1
    assert (np.diff(doy)[~restart[1:]] == 1).all()
    assert restart.sum() == LAST - FIRST + 1


def test_month_lengths_sum_to_year_length() -> None:
    years = np.arange(FIRST, LAST + 1)
    total = sum(np.asarray(ist.days_in_month(years, m)) for m in range(1, 13))
    expected = np.where(ist.is_leap(years), 366, 365)
    np.testing.assert_array_equal(total, expected)
    assert ist.days_in_month(1400, 6) == 31
    assert ist.days_in_month(1400, 7) == 30


# --- input kinds -----------------------------------------------------------------------


def test_series_index_and_name_kept() -> None:
    s = pd.Series(pd.to_datetime(["2021-03-21", "NaT"]), index=["a", "b"], name="when")
    out = ist.to_jalali(s)
    assert out.index.tolist() == ["a", "b"]
    assert out.dtypes.tolist() == [pd.Int64Dtype()] * 3
    assert out.iloc[0].tolist() == [1400, 1, 1]
    assert out.isna().sum(axis=1).tolist() == [0, 3]
    doy = ist.day_of_year(s)
    assert isinstance(doy, pd.Series)
    assert doy.name == "when"
    assert doy.index.tolist() == ["a", "b"]


def test_datetimeindex_becomes_index() -> None:
    idx = pd.DatetimeIndex(["2024-03-19", "2024-03-20"])
    out = ist.to_jalali(idx)
    assert out.index.equals(idx)
    assert out.to_numpy(dtype=np.int64).tolist() == [[1402, 12, 29], [1403, 1, 1]]


@pytest.mark.parametrize(
    "value",
    [
        "2021-03-21",
        dt.date(2021, 3, 21),
        dt.datetime(2021, 3, 21, 23, 59),
        pd.Timestamp("2021-03-21 12:00"),
        np.datetime64("2021-03-21T05", "h"),
        jdatetime.date(1400, 1, 1),
        jdatetime.datetime(1400, 1, 1, 10, 0),
    ],
)
def test_scalar_kinds(value: Any) -> None:
    out = ist.to_jalali(value)
    assert out.iloc[0].tolist() == [1400, 1, 1]
    assert ist.day_of_year(value) == 1
    assert ist.quarter(value) == 1


def test_missing_values() -> None:
    out = ist.to_jalali([None, pd.NaT, "2021-03-21"])
    assert out.year.isna().tolist() == [True, True, False]
    assert ist.day_of_year(pd.NaT) is None
    assert ist.to_jalali(np.array(["NaT"], dtype="M8[ns]")).year.isna().all()


def test_empty_input() -> None:
    out = ist.to_jalali([])
    assert out.shape == (0, 3)
    assert len(ist.to_gregorian([], [], [])) == 0


def test_tz_aware_values_are_taken_in_tehran_time() -> None:
    # 20:30 UTC on 2021-03-20 is 00:00 (+03:30) on 2021-03-21 in Tehran: Nowruz 1400.
    s = pd.Series(pd.to_datetime(["2021-03-20 20:29", "2021-03-20 20:30"], utc=True))
    assert ist.to_jalali(s).day.tolist() == [30, 1]
    # During the former daylight-saving time (+04:30), 19:30 UTC is already the next day.
    summer = pd.Series(pd.to_datetime(["2021-06-21 19:29", "2021-06-21 19:30"], utc=True))
    assert ist.to_jalali(summer).day.tolist() == [31, 1]
    # Since 2022 there is no daylight-saving time: the switch is back at 20:30 UTC.
    later = pd.Series(pd.to_datetime(["2023-06-21 20:29", "2023-06-21 20:30"], utc=True))
    assert ist.to_jalali(later).day.tolist() == [31, 1]


def test_sub_second_units_floor_to_the_day() -> None:
    values = np.array(["1969-12-31T23:59:59.999", "1970-01-01T00:00"], dtype="M8[ms]")
    assert ist.to_jalali(values).to_numpy(dtype=np.int64).tolist() == [
        [1348, 10, 10],
        [1348, 10, 11],
    ]


def test_to_gregorian_series_input_keeps_index_and_nullable() -> None:
    y = pd.Series([1400, None, 1403], index=[10, 11, 12], dtype="Int64")
    out = ist.to_gregorian(y, 1, 1)
    assert isinstance(out, pd.Series)
    assert out.index.tolist() == [10, 11, 12]
    assert out.isna().tolist() == [False, True, False]
    assert out[12] == pd.Timestamp("2024-03-20")


def test_is_leap_and_days_in_month_scalar_and_series() -> None:
    assert ist.is_leap(1403) is True
    assert ist.days_in_month(1403, 12) == 30
    s = pd.Series([1399, 1400], index=["x", "y"])
    out = ist.is_leap(s)
    assert isinstance(out, pd.Series)
    assert out.to_dict() == {"x": True, "y": False}


# --- exact error messages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: ist.to_gregorian(1400, 12, 30),
            InvalidDateError,
            "day must be in 1-29 for 1400-12, got 30 at position 0",
        ),
        (
            lambda: ist.to_gregorian([1400, 1400], [1, 13], 1),
            InvalidDateError,
            "month must be in 1-12, got 13 at position 1",
        ),
        (
            lambda: ist.to_gregorian(1400, 2, 32),
            InvalidDateError,
            "day must be in 1-31 for 1400-02, got 32 at position 0",
        ),
        (
            lambda: ist.to_gregorian([1300, 1700], 1, 1),
            CalendarRangeError,
            "year must be in 1200-1699, got 1700 at position 1",
        ),
        (
            lambda: ist.to_gregorian(1400, 1.5, 1),
            InvalidDateError,
            "month must be a whole number, got 1.5 at position 0",
        ),
        (
            lambda: ist.is_leap([1400, 1199]),
            CalendarRangeError,
            "year must be in 1200-1699, got 1199 at position 1",
        ),
        (
            lambda: ist.to_jalali(["2021-01-01", "1800-01-01"]),
            CalendarRangeError,
            "date must be in 1821-03-21..2321-03-20 (Jalali 1200-1699), got 1800-01-01 "
            "at position 1",
        ),
        (
            lambda: ist.to_jalali(["2021-01-01", "not a date"]),
            ParseError,
            "could not read 'not a date' at position 1 as a Gregorian date",
        ),
        (
            lambda: ist.to_jalali(3.5),
            InputTypeError,
            "expected a date, a string or an array of dates, got float",
        ),
        (
            lambda: ist.to_gregorian([1400, 1401], [1, 2, 3], 1),
            InvalidDateError,
            "year, month, day must have one length (or length 1), got lengths 2, 3, 1",
        ),
    ],
)
def test_error_messages(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        call()  # type: ignore[operator]
    assert str(info.value) == message
    assert isinstance(info.value, IsipoError)
    assert isinstance(info.value, ValueError | TypeError)


def test_numbers_are_not_read_as_timestamps() -> None:
    with pytest.raises(InputTypeError, match="expected dates, got a Series of dtype int64"):
        ist.to_jalali(pd.Series([1, 2]))
    with pytest.raises(InputTypeError, match="expected dates, got a Series of dtype int64"):
        ist.to_jalali(pd.Index([1, 2]))


def test_pyarrow_timestamps() -> None:
    pa = pytest.importorskip("pyarrow")
    aware = pd.Series(pd.to_datetime(["2021-03-20 20:30"], utc=True)).astype(
        pd.ArrowDtype(pa.timestamp("ns", tz="UTC"))
    )
    assert ist.to_jalali(aware).iloc[0].tolist() == [1400, 1, 1]  # Tehran midnight


def test_missing_years_stay_missing_in_series() -> None:
    years = pd.Series([1403, None, 1404], dtype="Int64", name="y")
    leap = ist.is_leap(years)
    assert leap.dtype == "boolean"
    assert leap.name == "y"
    assert leap.isna().tolist() == [False, True, False]
    assert leap.dropna().tolist() == [True, False]
    lengths = ist.days_in_month(years, 12)
    assert lengths.dtype == "Int64"
    assert lengths.isna().tolist() == [False, True, False]
    assert lengths.dropna().tolist() == [30, 29]
    with pytest.raises(InvalidDateError, match="missing years or months: pass a Series"):
        ist.is_leap(np.array([1400.0, np.nan]))


def test_readme_table_of_uncertain_years_matches_library_and_oracle(oracle: pd.DataFrame) -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^  \| (\d{4}) \| [^|]+ \| Nowruz (\d{4}-\d{2}-\d{2})", readme, re.M)
    assert [int(y) for y, _ in rows] == [1309, 1470, 1503, 1536, 1602, 1635, 1668]
    by_year = oracle.set_index("jyear").nowruz
    for year, date in rows:
        assert str(ist.to_gregorian(int(year), 1, 1)[0].date()) == date
        assert str(by_year[int(year)].date()) == date


# --- several arguments: Series matched by index label -------------------------------------


def test_series_arguments_are_matched_by_index_label() -> None:
    year = pd.Series([1400, 1401], index=["a", "b"])
    month = pd.Series([12, 1], index=["b", "a"])
    out = ist.to_gregorian(year, month, 1)
    assert out.to_dict() == {"a": pd.Timestamp("2021-03-21"), "b": pd.Timestamp("2023-02-20")}
    lengths = ist.days_in_month(
        pd.Series([1403, 1400], index=["x", "y"]), pd.Series([12, 1], index=["y", "x"])
    )
    assert lengths.to_dict() == {"x": 31, "y": 29}  # by position it would be 30 and 31


def test_lists_and_arrays_are_matched_by_position_next_to_a_series() -> None:
    year = pd.Series([1400, 1401], index=["b", "a"])
    out = ist.to_gregorian(year, [12, 1], np.array([29, 1]))
    assert out.to_dict() == {"b": pd.Timestamp("2022-03-20"), "a": pd.Timestamp("2022-03-21")}


@pytest.mark.parametrize(
    ("year_index", "month_index", "message"),
    [
        (["a", "b"], ["a", "c"], "different labels ('b' is in the index of year only)"),
        (["a", "b"], ["a", "b", "c"], "different labels ('c' is in the index of month only)"),
        ([0, 1], [0], "different labels (1 is in the index of year only)"),
        (["a", "b", "a"], ["b", "a", "a"], "the same labels in another order, some repeated"),
    ],
)
def test_series_arguments_with_other_labels_are_refused(
    year_index: list[Any], month_index: list[Any], message: str
) -> None:
    year = pd.Series(1400, index=year_index)
    month = pd.Series(1, index=month_index)
    with pytest.raises(ist.errors.IndexAlignmentError) as info:
        ist.to_gregorian(year, month, 1)
    assert str(info.value) == (
        f"year and month are Series whose indexes hold {message}: give them one index, or "
        "pass .to_numpy() to match rows by position"
    )
    assert isinstance(info.value, ValueError)
    # by position, as the message says
    if len(year) == len(month):
        assert len(ist.to_gregorian(year, month.to_numpy(), 1)) == len(year)


# --- year, month and day must be numbers; missing fields give NaT ---------------------------


@pytest.mark.parametrize(
    "month", ["7", ["7"], np.array(["7"]), pd.Series(["7"]), pd.Series(["7"], dtype="string")]
)
def test_text_is_not_read_as_a_month(month: Any) -> None:
    with pytest.raises(InputTypeError) as info:
        ist.to_gregorian(1400, month, 1)
    assert str(info.value) == "month must be a whole number, got '7' at position 0"


@pytest.mark.parametrize(
    "value", [True, np.bool_(True), dt.date(2021, 1, 1), object(), b"7", 1 + 2j]
)
def test_what_is_not_a_real_number_is_refused_as_a_field(value: Any) -> None:
    with pytest.raises(InputTypeError, match=r"^day must be a whole number, got .* at position 1$"):
        ist.to_gregorian(1400, 1, np.array([1, value], dtype=object))


def test_big_and_odd_numbers_in_object_arrays() -> None:
    from decimal import Decimal
    from fractions import Fraction

    days = np.array([Decimal(5), Fraction(6, 1), np.int8(7)], dtype=object)
    assert ist.to_gregorian(1400, 1, days).day.tolist() == [25, 26, 27]  # 1 Farvardin = 21 March
    with pytest.raises(InvalidDateError, match=r"^day must be a whole number, got Fraction"):
        ist.to_gregorian(1400, 1, np.array([Fraction(3, 2)], dtype=object))
    with pytest.raises(CalendarRangeError, match=r"got 1000000000000000000000000000000"):
        ist.to_gregorian(np.array([10**30], dtype=object), 1, 1)
    with pytest.raises(CalendarRangeError, match=r"got 1" + "0" * 400 + " at position 0"):
        ist.to_gregorian(pd.Series([10**400], dtype=object), 1, 1)


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, pd.NaT])
def test_every_missing_combination_gives_nat(missing: Any) -> None:
    # the day of a row with a missing field is not checked: it cannot be
    rows = [
        (missing, 12, 30),
        (1400, missing, 31),
        (1400, 12, missing),
        (missing, missing, 31),
        (missing, 12, missing),
        (1400, missing, missing),
        (missing, missing, missing),
    ]
    years, months, days = (np.array([r[i] for r in rows], dtype=object) for i in range(3))
    assert ist.to_gregorian(years, months, days).isna().all()
    assert ist.to_gregorian([1399, missing], 12, 30).isna().tolist() == [False, True]


# --- dates in every dtype -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dtype", "value", "expected"),
    [
        ("date32[pyarrow]", "2021-03-21", [1400, 1, 1]),
        ("date64[pyarrow]", "2021-03-20", [1399, 12, 30]),
        ("timestamp[s][pyarrow]", "2021-03-20 23:59:59", [1399, 12, 30]),
        ("timestamp[ms][pyarrow]", "2021-03-21 00:00", [1400, 1, 1]),
        ("timestamp[us][pyarrow]", "2321-03-20 12:00", [1699, 12, 29]),
        ("timestamp[ns][pyarrow]", "2021-03-21", [1400, 1, 1]),
        ("timestamp[s, tz=UTC][pyarrow]", "2021-03-20 20:30+00:00", [1400, 1, 1]),
        ("timestamp[us, tz=UTC][pyarrow]", "2021-03-20 20:29:59+00:00", [1399, 12, 30]),
        ("timestamp[ns, tz=Asia/Tehran][pyarrow]", "2021-03-21 00:00+03:30", [1400, 1, 1]),
    ],
)
def test_arrow_dates_and_timestamps_of_every_unit(
    dtype: str, value: str, expected: list[int]
) -> None:
    pytest.importorskip("pyarrow")
    series = pd.Series([pd.Timestamp(value), None]).astype(dtype)  # type: ignore[call-overload]
    table = ist.to_jalali(series)
    assert table.iloc[0].tolist() == expected
    assert table.iloc[1].isna().all()


def test_arrow_columns_that_are_not_dates_are_refused() -> None:
    pytest.importorskip("pyarrow")
    for dtype in ("time64[us][pyarrow]", "duration[s][pyarrow]", "int64[pyarrow]"):
        series = pd.Series([1], dtype=dtype)
        with pytest.raises(InputTypeError, match=r"expected dates, got a Series of dtype"):
            ist.to_jalali(series)


def test_categorical_dates_read_each_category_once() -> None:
    dates = pd.Series(["2021-03-21", None, "2021-03-20", "2021-03-21"], dtype="category")
    assert ist.to_jalali(dates)["day"].tolist() == [1, pd.NA, 30, 1]
    # a bad category is named at the first row holding it; an unused one does not matter
    bad = pd.Categorical(["2021-03-21", "x", "x"], categories=["2021-03-21", "x", "y"])
    with pytest.raises(ParseError, match=r"^could not read 'x' at position 1 as a Gregorian date$"):
        ist.to_jalali(pd.Series(bad))
    unused = pd.Categorical(["2021-03-21"], categories=["2021-03-21", "nonsense"])
    assert ist.to_jalali(pd.Series(unused)).iloc[0].tolist() == [1400, 1, 1]
    assert ist.to_jalali(pd.Series([None], dtype="category")).isna().all().all()


def test_an_aware_jdatetime_is_read_by_its_instant() -> None:
    # 21:00 UTC on 30 Esfand 1399 is 00:30 on 1 Farvardin 1400 in Tehran
    late = jdatetime.datetime(1399, 12, 30, 21, 0, tzinfo=dt.UTC)
    assert ist.to_jalali([late]).iloc[0].tolist() == [1400, 1, 1]
    assert ist.to_jalali(late).iloc[0].tolist() == [1400, 1, 1]
    tehran = jdatetime.datetime(1399, 12, 30, 23, 59, tzinfo=ZoneInfo("Asia/Tehran"))
    assert ist.to_jalali([tehran]).iloc[0].tolist() == [1399, 12, 30]
    naive = jdatetime.datetime(1399, 12, 30, 23, 59)  # a naive value is Tehran wall-clock time
    assert ist.to_jalali([naive]).iloc[0].tolist() == [1399, 12, 30]
    with pytest.raises(ParseError, match="cannot mix dates with and without a time zone"):
        ist.to_jalali([late, naive])


@pytest.mark.parametrize(
    "dates", [[np.nan], np.array([np.nan, np.nan]), pd.Series([np.nan]), pd.Index([np.nan])]
)
def test_dates_read_as_all_missing_numbers_are_missing(dates: Any) -> None:
    assert ist.to_jalali(dates).isna().all().all()
    with pytest.raises(InputTypeError, match="expected dates, got"):
        ist.to_jalali(pd.Series([np.nan, 1.0]))


def test_series_on_a_multiindex_are_matched_by_their_tuples() -> None:
    rows = pd.MultiIndex.from_tuples([("a", 1), ("b", 2)])
    year = pd.Series([1400, 1401], index=rows)
    out = ist.to_gregorian(year, pd.Series([12, 1], index=rows[::-1]), 1)
    assert out.tolist() == [pd.Timestamp("2021-03-21"), pd.Timestamp("2023-02-20")]
    with pytest.raises(
        ist.errors.IndexAlignmentError, match=r"\(\('a', 1\) is in the index of year"
    ):
        ist.to_gregorian(year, pd.Series([1, 2]), 1)
