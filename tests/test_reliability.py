"""Reliability: edge cases on purpose, concurrency, and no global mutable state.

Edge cases: missing values across the API, time-zone-aware timestamps around Iran's former
daylight-saving switches and around Nowruz midnight, the first and last supported days and one
day beyond each, the leap day 30 Esfand, empty and one-row inputs, duplicated ids, and a
10-million-row conversion whose traced memory stays within a small multiple of its input.
The hypothesis properties over arbitrary input are in test_fuzz.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import jdatetime
import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import (
    _nowruz,
    amounts,
    calendar,
    checks,
    figures,
    reconciliation,
    series,
    spans,
    text,
)
from isipo_stats.checks import FLAG_COLUMNS
from isipo_stats.figures import COLUMNS

ARROW_UTC: Any = "timestamp[ns, tz=UTC][pyarrow]"
RANGE = "date must be in 1821-03-21..2321-03-20 (Jalali 1200-1699)"

# --- missing values ----------------------------------------------------------------------

MISSING: list[Any] = [None, float("nan"), np.nan, pd.NaT, pd.NA, np.datetime64("NaT"), "", "NaT"]


def test_every_missing_date_gives_missing_fields_and_text() -> None:
    table = ist.to_jalali([*MISSING, "2021-03-21"])
    assert table.iloc[:-1].isna().all().all()
    assert table.iloc[-1].tolist() == [1400, 1, 1]
    assert ist.format_jalali([*MISSING, "2021-03-21"]).tolist() == [None] * len(MISSING) + [
        "1400-01-01"
    ]
    scalars: list[Any] = [None, pd.NaT, pd.NA, float("nan"), np.datetime64("NaT", "ns")]
    for value in scalars:
        assert ist.to_jalali(value).isna().all().all()
        assert ist.day_of_year(value) is None
        assert ist.quarter(value) is None
        assert ist.format_jalali(value) is None


def test_missing_dates_in_series_and_index_keep_their_place() -> None:
    series = pd.Series(pd.to_datetime(["2021-03-20", "NaT", "2021-03-21"]), index=[7, 8, 9])
    table = ist.to_jalali(series)
    assert table.index.tolist() == [7, 8, 9]
    assert table["day"].tolist() == [30, pd.NA, 1]
    assert ist.day_of_year(series).tolist() == [366, pd.NA, 1]
    aware = pd.DatetimeIndex(["2021-03-20 20:30", None], tz="UTC")
    assert ist.to_jalali(aware)["day"].tolist() == [1, pd.NA]


def test_missing_jalali_fields_give_nat() -> None:
    years = pd.Series([1403, None, 1404], dtype="Int64", index=["a", "b", "c"])
    assert ist.to_gregorian(years, 12, 29).isna().tolist() == [False, True, False]
    assert ist.to_gregorian(1400, pd.NA, 1).isna().all()
    assert ist.to_gregorian([1400, np.nan], [1, 1], [None, 1]).isna().tolist() == [True, True]
    assert ist.is_leap(years).tolist() == [True, pd.NA, False]
    assert ist.days_in_month(years, 12).tolist() == [30, pd.NA, 29]
    with pytest.raises(ist.InvalidDateError, match="pass a Series to get a nullable result"):
        ist.is_leap([1403, None])


def test_missing_text_gives_missing_rows_but_amounts_need_text() -> None:
    table = ist.parse_jalali([None, float("nan"), pd.NA, pd.NaT, "1400"])
    assert table["year"].tolist() == [pd.NA] * 4 + [1400]
    assert table["start"].isna().tolist() == [True] * 4 + [False]
    with pytest.raises(ist.InputTypeError, match="expected text, got None at position 1"):
        ist.parse_amounts(["5", None])


def test_missing_values_in_series_are_kept_or_skipped_as_documented() -> None:
    dates = pd.to_datetime(["2021-03-19", "2021-03-20", "2021-03-21", "2021-03-22"])
    flows = pd.Series([1.0, np.nan, 2.0, 3.0], index=dates)
    # a missing flow stays missing and does not interrupt the year-to-date sum
    assert ist.year_to_date(flows, gaps="skip").tolist()[::2] == [1.0, 2.0]
    assert np.isnan(ist.year_to_date(flows, gaps="skip").iloc[1])
    assert ist.year_to_date(flows, gaps="skip").iloc[3] == 5.0
    # aggregation skips missing values as pandas does, and counts only present ones
    assert ist.aggregate(flows, freq="M").to_dict() == {"1399-12": 1.0, "1400-01": 5.0}
    assert ist.aggregate(flows, freq="M", how="count").to_dict() == {"1399-12": 1, "1400-01": 2}
    # calendarize keeps the row (with a missing value) rather than dropping it
    out = ist.calendarize([np.nan], ["2021-03-21"], ["2022-03-20"])
    assert out["row"].tolist() == [0, 0]
    assert out["value"].isna().all()
    assert out["days"].sum() == 365


# --- time zones: Iran's former daylight-saving time and Nowruz midnight ---------------------


def _nowruz_day(year: int) -> dt.date:
    day: dt.date = jdatetime.date(year, 1, 1).togregorian()
    return day


def _tehran_offset(instant: dt.datetime) -> dt.timedelta:
    """Iran's UTC offset at an instant, by the rule itself (not by tzdata).

    Daylight-saving time (UTC+04:30) ran in Jalali years 1378-1384 and 1387-1401 (1999-2005,
    2008-2022) from 00:00 of 2 Farvardin (clocks went to 01:00) to 00:00 of 31 Shahrivar
    (clocks went back to 23:00 of 30 Shahrivar); otherwise UTC+03:30.
    """
    standard, summer = dt.timedelta(hours=3, minutes=30), dt.timedelta(hours=4, minutes=30)
    year = instant.year - 621
    if not (1378 <= year <= 1384 or 1387 <= year <= 1401):
        return standard
    nowruz = dt.datetime.combine(_nowruz_day(year), dt.time(), tzinfo=dt.UTC)
    starts = nowruz + dt.timedelta(days=1) - standard
    ends = nowruz + dt.timedelta(days=185) - summer
    return summer if starts <= instant < ends else standard


def _expected_jalali(instant: dt.datetime) -> tuple[int, int, int]:
    local = (instant + _tehran_offset(instant)).date()
    j = jdatetime.date.fromgregorian(date=local)
    return j.year, j.month, j.day


@pytest.mark.parametrize(
    ("utc", "jalali"),
    [
        # Nowruz 1400: midnight is at +03:30 (daylight-saving time starts the next day)
        ("2021-03-20T20:29:59", (1399, 12, 30)),
        ("2021-03-20T20:30:00", (1400, 1, 1)),
        # 2021-03-22 00:00 +03:30 does not exist: clocks jump to 01:00 +04:30
        ("2021-03-21T20:29:59", (1400, 1, 1)),
        ("2021-03-21T20:30:00", (1400, 1, 2)),
        # during daylight-saving time, local midnight is 19:30 UTC
        ("2021-06-21T19:29:59", (1400, 3, 31)),
        ("2021-06-21T19:30:00", (1400, 4, 1)),
        # 2021-09-22 00:00 +04:30: back to 23:00 +03:30 on 2021-09-21 (30 Shahrivar again)
        ("2021-09-21T19:29:59", (1400, 6, 30)),
        ("2021-09-21T19:30:00", (1400, 6, 30)),
        ("2021-09-21T20:29:59", (1400, 6, 30)),
        ("2021-09-21T20:30:00", (1400, 6, 31)),
        # Nowruz 1399 (2020-03-20), a daylight-saving year; 1402 (2023), none any more
        ("2020-03-19T20:29:59", (1398, 12, 29)),
        ("2020-03-19T20:30:00", (1399, 1, 1)),
        ("2023-03-20T20:29:59", (1401, 12, 29)),
        ("2023-03-20T20:30:00", (1402, 1, 1)),
        ("2023-06-21T19:30:00", (1402, 3, 31)),
        ("2023-06-21T20:30:00", (1402, 4, 1)),
    ],
)
def test_tz_aware_timestamps_around_the_switches(utc: str, jalali: tuple[int, int, int]) -> None:
    instant = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    assert _expected_jalali(instant) == jalali  # the rule above agrees with the table
    stamp = pd.Timestamp(instant)
    inputs: list[Any] = [
        stamp,
        instant,
        stamp.isoformat(),
        pd.DatetimeIndex([stamp]),
        pd.Series([stamp]),
        pd.Series([stamp.tz_convert("America/New_York")]),
        [stamp.tz_convert("Asia/Tokyo"), stamp.tz_convert("Europe/London")],  # two zones
        pd.Series([stamp]).astype(ARROW_UTC),
    ]
    for value in inputs:
        table = ist.to_jalali(value)
        assert {tuple(row) for row in table.to_numpy(dtype=int).tolist()} == {jalali}, value
    assert ist.format_jalali(stamp, "%Y-%m-%d") == "{:04d}-{:02d}-{:02d}".format(*jalali)


@given(st.datetimes(dt.datetime(1999, 1, 1), dt.datetime(2025, 12, 31)))
@example(dt.datetime(2008, 3, 20, 20, 30))
@example(dt.datetime(2022, 9, 21, 19, 30))
def test_tz_aware_dates_follow_the_daylight_saving_rule(naive: dt.datetime) -> None:
    instant = naive.replace(tzinfo=dt.UTC)
    assert tuple(ist.to_jalali(pd.Timestamp(instant)).iloc[0]) == _expected_jalali(instant)


def test_naive_timestamps_are_wall_clock_and_mixing_with_aware_ones_is_refused() -> None:
    # a naive timestamp is a date and time as written: no zone is assumed
    assert ist.to_jalali("2021-03-20 23:59").iloc[0].tolist() == [1399, 12, 30]
    with pytest.raises(ist.ParseError) as info:
        ist.to_jalali(["2021-03-20 23:59", "2021-03-20T20:30:00+00:00"])
    assert str(info.value) == (
        "cannot mix dates with and without a time zone: '2021-03-20T20:30:00+00:00' at "
        "position 1 has one, '2021-03-20 23:59' at position 0 has none"
    )


# --- the first and last supported days --------------------------------------------------


def test_first_and_last_supported_days() -> None:
    table = ist.to_jalali(["1821-03-21", "2321-03-20"])
    last = ist.days_in_month(1699, 12)
    assert table.to_numpy(dtype=int).tolist() == [[1200, 1, 1], [1699, 12, last]]
    assert ist.to_gregorian([1200, 1699], [1, 12], [1, last]).strftime("%F").tolist() == [
        "1821-03-21",
        "2321-03-20",
    ]
    assert ist.format_jalali(["1821-03-21", "2321-03-20"], "%Y/%m/%d %j").tolist() == [
        "1200/01/01 001",
        f"1699/12/{last} {336 + last}",
    ]
    assert ist.year_span(1200).start == pd.Timestamp("1821-03-21")
    assert ist.year_span(1699).end == pd.Timestamp("2321-03-20")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ist.to_jalali("1821-03-20"), ist.CalendarRangeError, f"{RANGE}, got 1821-03-20 at position 0"),
        (lambda: ist.to_jalali(["2321-03-20", "2321-03-21"]), ist.CalendarRangeError, f"{RANGE}, got 2321-03-21 at position 1"),
        (lambda: ist.to_jalali(np.array(["1821-03-20T23:59:59"], "M8[s]")), ist.CalendarRangeError, f"{RANGE}, got 1821-03-20 at position 0"),
        (lambda: ist.day_of_year(pd.Timestamp("2321-03-21")), ist.CalendarRangeError, f"{RANGE}, got 2321-03-21 at position 0"),
        (lambda: ist.format_jalali(["2000-01-01", "1821-03-20"]), ist.CalendarRangeError, f"{RANGE}, got 1821-03-20 at position 1"),
        (lambda: ist.to_gregorian(1199, 12, 29), ist.CalendarRangeError, "year must be in 1200-1699, got 1199 at position 0"),
        (lambda: ist.to_gregorian([1699, 1700], 1, 1), ist.CalendarRangeError, "year must be in 1200-1699, got 1700 at position 1"),
        (lambda: ist.parse_jalali("1199/12/29"), ist.CalendarRangeError, "year must be in 1200-1699, got 1199 at position 0"),
        (lambda: ist.parse_jalali(["1400", "Farvardin 1700"]), ist.CalendarRangeError, "year must be in 1200-1699, got 1700 at position 1"),
        (lambda: ist.year_span(1700), ist.CalendarRangeError, "year must be in 1200-1699, got 1700 at position 0"),
        (lambda: ist.is_leap(1199), ist.CalendarRangeError, "year must be in 1200-1699, got 1199 at position 0"),
        (lambda: ist.aggregate(pd.Series([1.0], index=pd.DatetimeIndex(["2321-03-21"]))), ist.CalendarRangeError, f"{RANGE}, got 2321-03-21 at position 0"),
        (lambda: ist.calendarize([1.0], ["1821-03-20"], ["1821-03-21"]), ist.CalendarRangeError, f"{RANGE}, got 1821-03-20 at position 0"),
        # far outside: numpy's own cast to days would wrap around
        (lambda: ist.to_jalali(np.array([2**62], "M8[Y]")), ist.CalendarRangeError, f"{RANGE}, got {np.datetime_as_string(np.datetime64(2**62, 'Y'))} at position 0"),
        (lambda: ist.to_gregorian(1e300, 1, 1), ist.CalendarRangeError, "year must be in 1200-1699, got 1e+300 at position 0"),
        (lambda: ist.to_gregorian(1400, 1, 2**64), ist.InvalidDateError, "day must be in 1-31, got 18446744073709551616 at position 0"),
    ],
)  # fmt: skip
def test_one_day_beyond_each_end_is_refused_with_its_message(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("ps", -1, [1348, 10, 10]),  # one picosecond before 1970: the day before
        ("fs", 0, [1348, 10, 11]),
        ("as", -1, [1348, 10, 10]),  # attoseconds: a day does not fit in int64
        ("W", 2700, [1400, 7, 8]),
        ("10D", 1900, [1400, 10, 18]),
        ("2h", 12 * 18707, [1400, 1, 1]),  # 2021-03-21
        ("M", 614, [1399, 12, 11]),  # 2021-03
    ],
)
def test_every_datetime64_unit(unit: str, value: int, expected: list[int]) -> None:
    array = np.array([value], dtype=f"M8[{unit}]")
    assert ist.to_jalali(array).iloc[0].tolist() == expected
    assert ist.to_jalali(array[0]).iloc[0].tolist() == expected  # a scalar of that unit too


def test_a_list_of_datetime64_values_of_several_units() -> None:
    # numpy would give the list one unit, nanoseconds, in which 2420 wraps around to 1836
    values = [
        np.datetime64("2021-03-21", "ns"),
        np.datetime64("2021-03-21T10", "h"),
        np.datetime64("NaT"),
    ]
    assert ist.to_jalali(values).to_numpy(dtype=object).tolist()[:2] == [[1400, 1, 1]] * 2
    with pytest.raises(ist.CalendarRangeError) as info:
        ist.to_jalali([np.datetime64("2000-01-01", "ns"), np.datetime64("2420", "Y")])
    assert str(info.value) == f"{RANGE}, got 2420-01-01 at position 1"


# --- the leap day 30 Esfand ---------------------------------------------------------------


def test_leap_day_30_esfand() -> None:
    assert ist.days_in_month([1403, 1404], [12, 12]).tolist() == [30, 29]
    assert ist.to_gregorian(1403, 12, 30)[0] == pd.Timestamp("2025-03-20")
    assert ist.to_jalali(["2025-03-20", "2025-03-21", "2026-03-20", "2026-03-21"]).to_numpy(
        dtype=int
    ).tolist() == [[1403, 12, 30], [1404, 1, 1], [1404, 12, 29], [1405, 1, 1]]
    assert ist.format_jalali("2025-03-20", "%d %B %Y", locale="fa") == "۳۰ اسفند ۱۴۰۳"
    with pytest.raises(ist.InvalidDateError) as info:
        ist.to_gregorian([1403, 1404], 12, 30)
    assert str(info.value) == "day must be in 1-29 for 1404-12, got 30 at position 1"


def test_leap_day_in_a_figure_table() -> None:
    base = {"metric": "revived_units", "kind": "cumulative", "value": 5, "unit": "units"}
    table = ist.figures_from_records([{**base, "id": "a", "end": "1403-12-30"}])
    assert table["end"].iloc[0] == pd.Timestamp("2025-03-20")
    assert table["jyear"].iloc[0] == 1403
    with pytest.raises(ist.FigureValidationError) as info:
        ist.figures_from_records([{**base, "id": "a", "jyear": 1403, "end": "1403-12-30"},
                                  {**base, "id": "b", "jyear": 1404, "end": "1404-12-30"}])  # fmt: skip
    assert info.value.problems == [(1, "end", "day must be in 1-29 for 1404-12, got 30")]


# --- empty and one-row inputs --------------------------------------------------------------

EMPTY_DATES: list[Any] = [
    [],
    (),
    np.array([], dtype="M8[ns]"),
    np.array([], dtype=object),
    pd.Series([], dtype="M8[ns]"),
    pd.Series([], dtype=object),
    pd.DatetimeIndex([]),
    pd.DatetimeIndex([], tz="UTC"),
]


@pytest.mark.parametrize("dates", EMPTY_DATES, ids=lambda v: type(v).__name__)
def test_empty_dates(dates: Any) -> None:
    table = ist.to_jalali(dates)
    assert table.shape == (0, 3)
    assert table.dtypes.tolist() == ["Int64"] * 3
    assert ist.format_jalali(dates).tolist() == []
    assert ist.day_of_year(dates).tolist() == []
    assert ist.quarter(dates).tolist() == []
    assert ist.period_labels(dates, "Q").tolist() == []


def test_empty_fields_text_and_series() -> None:
    assert len(ist.to_gregorian([], [], [])) == 0
    assert len(ist.to_gregorian([], 1, 1)) == 0  # length 1 goes with any length, 0 too
    out = ist.to_gregorian(pd.Series([], dtype="Int64"), 12, 30)
    assert isinstance(out, pd.Series)
    assert len(out) == 0
    assert ist.is_leap([]).tolist() == []
    assert ist.days_in_month([], 12).tolist() == []
    assert ist.parse_jalali(pd.Series([], dtype=object)).shape == (0, 5)
    assert ist.parse_amounts(pd.Series([], dtype=object)).shape == (0, 5)
    empty = pd.Series([], dtype=float, index=pd.DatetimeIndex([]))
    for how in ("sum", "mean", "count", "first", "last", "min", "max"):
        aggregated = ist.aggregate(empty, freq="Q", how=how)
        assert len(aggregated) == 0
        assert aggregated.dtype == ("int64" if how == "count" else "float64"), how
    assert ist.year_to_date(empty).tolist() == []
    assert ist.from_year_to_date(empty).tolist() == []
    allocated = ist.calendarize([], [], [], to="jalali_month")
    assert list(allocated.columns) == [
        "row",
        "period",
        "period_start",
        "period_days",
        "days",
        "span_days",
        "value",
    ]
    assert len(allocated) == 0


def _empty_csv(tmp_path: Path) -> pd.DataFrame:
    path = tmp_path / "figures.csv"
    path.write_text("id,metric,kind,value,unit\n", encoding="utf-8")
    return ist.read_figures(path)


def test_empty_figure_tables(tmp_path: Path) -> None:
    for table in (ist.figures_from_records([]), _empty_csv(tmp_path)):
        assert list(table.columns) == list(COLUMNS)
        assert len(table) == 0
        flags = ist.check(table)
        assert list(flags.columns) == list(FLAG_COLUMNS)
        assert len(flags) == 0
        result = ist.reconcile(table, freq="Q")
        assert len(result.monthly) == len(result.figures) == len(result.groups) == 0
        assert list(result.figures.columns)[:3] == ["id", "metric", "region"]


def test_one_row_inputs() -> None:
    assert ist.to_jalali(["2021-03-21"]).shape == (1, 3)
    assert ist.to_jalali(pd.Series(pd.to_datetime(["2021-03-21"]), index=["x"])).index.tolist() == [
        "x"
    ]
    one = pd.Series([5.0], index=pd.DatetimeIndex(["2021-03-21"]))
    assert ist.aggregate(one, freq="Y").to_dict() == {"1400": 5.0}
    assert ist.year_to_date(one).tolist() == [5.0]
    assert ist.from_year_to_date(one).tolist() == [5.0]
    assert ist.calendarize([1.0], ["2021-03-21"], ["2021-03-21"])["value"].tolist() == [1.0]
    assert ist.parse_jalali(["1400"]).shape == (1, 5)

    base = {"id": "a", "metric": "revived_units", "unit": "units", "jyear": 1400}
    cumulative = ist.figures_from_records(
        [{**base, "kind": "cumulative", "end": "1400-06-31", "value": 300}]
    )
    result = ist.reconcile(cumulative)
    assert result.figures[["id", "status"]].to_numpy().tolist() == [["a", "used"]]
    assert result.monthly["cumulative"].iloc[5] == 300.0
    assert result.monthly["cumulative"].iloc[6:].isna().all()  # nothing invented after it
    target = ist.figures_from_records([{**base, "kind": "target", "value": 1000}])
    assert ist.check(target).empty
    result = ist.reconcile(target)
    assert result.groups["status"].tolist() == ["no actuals: only targets"]
    assert result.monthly["cumulative"].isna().all()


# --- duplicated ids and duplicated figures --------------------------------------------------


def test_duplicated_ids_are_refused_everywhere() -> None:
    record = {
        "metric": "revived_units",
        "kind": "period",
        "jyear": 1400,
        "value": 1,
        "unit": "units",
    }
    with pytest.raises(ist.FigureValidationError) as info:
        ist.figures_from_records(
            [{**record, "id": "a"}, {**record, "id": "b"}, {**record, "id": "a"}]
        )
    assert info.value.problems == [(0, "id", "duplicate id 'a'"), (2, "id", "duplicate id 'a'")]
    # validated tables joined together: the flags would name figures ambiguously
    table = ist.figures_from_records([{**record, "id": "a"}])
    joined = pd.concat([table, table], ignore_index=True)
    for call in (ist.check, ist.reconcile):
        with pytest.raises(ist.FigureValidationError) as info:
            call(joined)
        assert info.value.problems == [(0, "id", "duplicate id 'a'"), (1, "id", "duplicate id 'a'")]


def test_duplicated_figures_under_distinct_ids_are_all_kept() -> None:
    record = {"metric": "revived_units", "kind": "cumulative", "end": "1400-06-31", "value": 300,
              "unit": "units"}  # fmt: skip
    table = ist.figures_from_records([{**record, "id": f"d{i}"} for i in range(3)])
    assert ist.check(table).empty  # equal figures agree
    result = ist.reconcile(table)
    assert result.figures["id"].tolist() == ["d0", "d1", "d2"]
    assert set(result.figures["status"]) == {"used"}
    dates = pd.DatetimeIndex(["2021-03-21"] * 3)
    assert ist.aggregate(pd.Series([1.0, 2.0, 3.0], index=dates)).to_dict() == {"1400-01": 6.0}


# --- a large input: time and memory ---------------------------------------------------------


def test_ten_million_dates_convert_within_six_times_their_memory() -> None:
    # 10 million datetime64[ns] values are 80 MB; the result (three Int64 columns) alone is
    # 270 MB. The traced peak of the call must stay within 6 times the input (480 MB).
    rng = np.random.default_rng(1400)
    first = np.datetime64("1821-03-21", "ns").astype(np.int64)
    last = np.datetime64("2262-04-11", "ns").astype(np.int64)
    dates = rng.integers(first, last, 10_000_000).view("M8[ns]")
    tracemalloc.start()
    try:
        table = ist.to_jalali(dates)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table) == dates.size
    assert peak <= 6 * dates.nbytes, f"peak {peak / 1e6:.0f} MB for {dates.nbytes / 1e6:.0f} MB"
    # jdatetime is right up to 1633 AP (2255-03-20): the oracle for the days before it
    sample = rng.choice(np.flatnonzero(dates < np.datetime64("2255-03-21")), 200, replace=False)
    days = dates[sample].astype("M8[D]").tolist()
    expected = [
        [j.year, j.month, j.day] for j in (jdatetime.date.fromgregorian(date=d) for d in days)
    ]
    assert table.iloc[sample].to_numpy(dtype=int).tolist() == expected


# --- no global mutable state ---------------------------------------------------------------


def _shared_tables() -> dict[str, np.ndarray[Any, Any]]:
    """Every module-level numpy array of the library (the calendar's lookup tables, ...)."""
    modules = [_nowruz, calendar, text, series, checks, reconciliation, amounts, figures, spans]
    return {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, np.ndarray)
    } | {f"isipo_stats.text._NUMBER_TEXT[{key}]": value for key, value in text._NUMBER_TEXT.items()}


def _fingerprint() -> dict[str, str]:
    return {
        name: hashlib.sha256(repr(table.tolist()).encode()).hexdigest()
        for name, table in _shared_tables().items()
    }


def test_the_shared_tables_are_read_only() -> None:
    tables = _shared_tables()
    assert {"isipo_stats._nowruz.NOWRUZ", "isipo_stats._nowruz.LUT_YEAR"} <= set(tables)
    for name, table in tables.items():
        assert not table.flags.writeable, name
        with pytest.raises(ValueError, match="read-only"):
            table[0] = table[0]


REPORTS = ist.load_isipo_reports()
DATES = pd.date_range("2020-01-01", periods=800, freq="D")
TEXTS = ["۳۰ مهر ۱۴۰۰", "1403/12/30", "Esfand 1400", "1401", None] * 40
CALLS: dict[str, Callable[[], Any]] = {
    "to_jalali": lambda: ist.to_jalali(DATES),
    "parse_jalali": lambda: ist.parse_jalali(TEXTS),
    "format_jalali": lambda: ist.format_jalali(DATES, "%d %B %Y %j", locale="fa"),
    "parse_amounts": lambda: ist.parse_amounts(["over 39,000", "۱۵ هزار میلیارد ریال", "2-4 %"]),
    "check": lambda: ist.check(REPORTS),
    "reconcile": lambda: ist.reconcile(REPORTS, freq="Q"),
}


def _assert_same(got: Any, expected: Any, name: str) -> None:
    if isinstance(expected, ist.Reconciled):
        for part, value in zip(expected._fields, expected, strict=True):
            _assert_same(getattr(got, part), value, f"{name}.{part}")
    elif isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected, obj=name)
    else:
        pd.testing.assert_series_equal(got, expected, obj=name)


def test_repeated_calls_give_identical_results_and_leave_the_tables_alone() -> None:
    before = _fingerprint()
    first = {name: call() for name, call in CALLS.items()}
    for name, call in CALLS.items():
        _assert_same(call(), first[name], name)
    assert _fingerprint() == before


def test_concurrent_calls_from_eight_threads_agree_with_one_thread() -> None:
    expected = {name: call() for name, call in CALLS.items()}
    before = _fingerprint()
    # every function 8 times (check and reconcile, the slow ones, 4 times), all interleaved
    names = [name for name in CALLS for _ in range(4 if name in ("check", "reconcile") else 8)]
    order = np.random.default_rng(8).permutation(len(names))
    tasks = [names[i] for i in order]
    start = threading.Barrier(8)

    def run(name: str) -> Any:
        if threading.current_thread().name not in started:
            started.add(threading.current_thread().name)
            start.wait(timeout=30)  # the 8 workers start together
        return CALLS[name]()

    started: set[str] = set()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, tasks))
    assert len(started) == 8
    for name, got in zip(tasks, results, strict=True):
        _assert_same(got, expected[name], name)
    assert _fingerprint() == before
