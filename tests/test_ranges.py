"""Jalali offsets: date_range with pandas' codes read as Jalali, floor and ceil, new fields."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isipo_stats import _kernel
from isipo_stats.accessor import IsipoSeriesAccessor
from isipo_stats.errors import (
    CalendarRangeError,
    FrequencyError,
    InvalidArgumentError,
)
from isipo_stats.periods import period_days, period_diff, period_start, to_periods
from isipo_stats.ranges import ceil, date_range, floor, read_offset
from tests.strategies import day_numbers


def isipo(obj: pd.Series) -> IsipoSeriesAccessor:
    return cast(IsipoSeriesAccessor, obj.isipo)


def ymd(index: pd.DatetimeIndex) -> list[str]:
    return cast(list[str], index.strftime("%Y-%m-%d").tolist())


# --- date_range: golden values (Jalali dates checked against the calendar by hand) ----------


@pytest.mark.parametrize(
    ("kwargs", "dates"),
    [
        # month starts and ends around Nowruz 1400 (1399 is leap: Esfand has 30 days)
        ({"start": "1399-12", "periods": 3, "freq": "MS"}, ["2021-02-19", "2021-03-21", "2021-04-21"]),
        ({"start": "1399-12", "periods": 2, "freq": "ME"}, ["2021-03-20", "2021-04-20"]),
        # Jalali text names a span: end is its last day, so all twelve month ends
        ({"start": "1400-01", "end": "1400-12", "freq": "ME"},
         ["2021-04-20", "2021-05-21", "2021-06-21", "2021-07-22", "2021-08-22", "2021-09-22",
          "2021-10-22", "2021-11-21", "2021-12-21", "2022-01-20", "2022-02-19", "2022-03-20"]),
        # as pandas: the first anchor on or after start, then every third
        ({"start": "1400-01", "end": "1400-12", "freq": "3ME"},
         ["2021-04-20", "2021-07-22", "2021-10-22", "2022-01-20"]),
        ({"start": "1400-01-02", "end": "1400", "freq": "QS"},
         ["2021-06-22", "2021-09-23", "2021-12-22"]),
        ({"start": "1400", "periods": 2, "freq": "QE"}, ["2021-06-21", "2021-09-22"]),
        ({"start": "1400", "periods": 3, "freq": "HS"}, ["2021-03-21", "2021-09-23", "2022-03-21"]),
        ({"start": "1400", "periods": 2, "freq": "HE"}, ["2021-09-22", "2022-03-20"]),
        ({"start": "1399", "periods": 2, "freq": "YS"}, ["2020-03-20", "2021-03-21"]),
        ({"end": "1403", "periods": 3, "freq": "YE"}, ["2023-03-20", "2024-03-19", "2025-03-20"]),
        ({"end": "1403", "periods": 2, "freq": "2YE"}, ["2023-03-20", "2025-03-20"]),
        # Gregorian bounds are days
        ({"start": "2021-03-20", "end": "2021-05-01", "freq": "MS"}, ["2021-03-21", "2021-04-21"]),
        ({"start": pd.Timestamp("2021-03-21 10:00"), "periods": 1, "freq": "MS"}, ["2021-03-21"]),
        ({"end": "2021-04-19", "periods": 2, "freq": "ME"}, ["2021-02-18", "2021-03-20"]),
        # Iranian weeks: Saturdays, and 1 Farvardin where Nowruz cuts a week
        ({"start": "1403/12/24", "end": "1404/01/10", "freq": "WS"},
         ["2025-03-15", "2025-03-21", "2025-03-22", "2025-03-29"]),
        ({"start": "1403/12/24", "periods": 3, "freq": "WE"}, ["2025-03-14", "2025-03-20", "2025-03-21"]),
        ({"start": "1400-02", "end": "1400-01", "freq": "ME"}, []),
    ],
)  # fmt: skip
def test_date_range_gives_the_calendar_anchors(kwargs: dict[str, Any], dates: list[str]) -> None:
    out = date_range(**kwargs)
    assert isinstance(out, pd.DatetimeIndex)
    assert out.dtype == "datetime64[us]"
    assert ymd(out) == dates


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"start": "1400", "periods": 2, "freq": "M"}, FrequencyError,
         "freq must be one of 'MS', 'ME', 'QS', 'QE', 'HS', 'HE', 'YS', 'YE', 'WS' or 'WE', with "
         "an optional multiple ('3ME'), got 'M'"),
        ({"start": "1400", "periods": 2, "freq": "0ME"}, FrequencyError,
         "freq must be one of 'MS', 'ME', 'QS', 'QE', 'HS', 'HE', 'YS', 'YE', 'WS' or 'WE', with "
         "an optional multiple ('3ME'), got '0ME'"),
        ({"start": "1400", "periods": 2, "freq": 3}, FrequencyError,
         "freq must be one of 'MS', 'ME', 'QS', 'QE', 'HS', 'HE', 'YS', 'YE', 'WS' or 'WE', with "
         "an optional multiple ('3ME'), got 3"),
        ({"start": "1400", "freq": "ME"}, InvalidArgumentError,
         "give exactly two of start, end and periods, got 1"),
        ({"start": "1400", "periods": -2}, InvalidArgumentError,
         "periods must be a whole number from 0, got -2"),
        ({"start": "1699-12", "periods": 2, "freq": "ME"}, CalendarRangeError,
         "the range reaches beyond the supported years (1200-01..1699-12) with freq='ME'"),
        ({"end": "1200-03", "periods": 2, "freq": "2QS"}, CalendarRangeError,
         "the range reaches beyond the supported years (1200-Q1..1699-Q4) with freq='2QS'"),
    ],
)  # fmt: skip
def test_date_range_refuses_with_the_reason(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        date_range(**kwargs)
    assert str(info.value) == message


@given(
    day_numbers,
    st.sampled_from(["M", "Q", "H", "Y", "W"]),
    st.sampled_from(["S", "E"]),
    st.integers(1, 4),
    st.integers(0, 30),
)
def test_a_range_is_every_nth_anchor_from_the_first_on_or_after_start(
    first: int, code: str, anchor: str, n: int, count: int
) -> None:
    freq = f"{n}{code}{anchor}"
    start = np.datetime64(first, "D")
    try:
        out = date_range(start, periods=count, freq=freq)
    except CalendarRangeError:  # only when the last anchor lies beyond the calendar
        offset = read_offset(freq)
        assert offset.first_on_or_after(first) + n * (count - 1) >= offset.spec.count
        return
    assert len(out) == count
    assert (out >= pd.Timestamp(start)).all()
    periods = to_periods(out, code)  # type: ignore[arg-type]
    if count:
        # the first anchor on or after start: the one before it lies before start
        spec = read_offset(freq)
        earliest = spec.first_on_or_after(first)
        assert earliest == 0 or spec.day(np.array([earliest - 1]))[0] < first
        assert period_diff(periods[1:].astype(str), periods[:-1].astype(str)).tolist() == [n] * (
            count - 1
        )
    bounds = period_start(periods)
    if anchor == "S":
        assert (bounds == out).all()
    else:
        ends = bounds + pd.to_timedelta(np.asarray(period_days(periods)) - 1, unit="D")
        assert (ends == out).all()


def test_date_range_keeps_its_name_and_matches_pandas_on_gregorian_free_anchors() -> None:
    out = date_range("1400", periods=4, freq="QS", name="q")
    assert out.name == "q"
    # the quarter starts are those the accessor flags
    s = pd.Series(pd.date_range(out[0], out[-1], freq="D"))
    assert ymd(pd.DatetimeIndex(s[isipo(s).is_quarter_start])) == ymd(out)


# --- floor and ceil --------------------------------------------------------------------------


@given(
    st.lists(st.integers(_kernel.FIRST_DAY * 1440, (_kernel.LAST_DAY - 400) * 1440), max_size=20),
    st.sampled_from(["M", "Q", "H", "Y", "W"]),
)
def test_floor_and_ceil_bracket_every_date(minutes: list[int], freq: Any) -> None:
    dates = pd.Series(np.array(minutes, dtype="int64").astype("datetime64[m]")).astype(
        "datetime64[us]"
    )
    down, up = floor(dates, freq), ceil(dates, freq)
    assert (down <= dates).all()
    assert (dates <= up).all()
    assert (down == period_start(to_periods(dates, freq))).all()
    assert (to_periods(up, freq).astype(str) == shift_periods_of(dates, freq, up)).all()


def shift_periods_of(dates: pd.Series, freq: Any, up: pd.Series) -> pd.Series:
    """The period of the ceiling: the date's own if it is a midnight period start, else next."""
    from isipo_stats.periods import shift_periods

    own = to_periods(dates, freq)
    on_start = (floor(dates, freq) == dates).to_numpy()
    following = shift_periods(own.astype(str), 1).astype(str)
    return pd.Series(np.where(on_start, own.astype(str), following), index=up.index)


def test_floor_and_ceil_keep_the_shape_and_missing_values() -> None:
    s = pd.Series(pd.to_datetime(["2021-10-22 15:00", "NaT"]), index=["a", "b"], name="t")
    out = floor(s, "M")
    assert out.index.tolist() == ["a", "b"]
    assert out.name == "t"
    assert pd.isna(out["b"])
    index = pd.DatetimeIndex(["2021-09-23", "2021-09-24"], name="d")
    assert ymd(ceil(index, "Q")) == ["2021-09-23", "2021-12-22"]
    assert ceil(index, "Q").name == "d"
    assert floor(pd.NaT) is pd.NaT
    assert ceil("2021-09-24", "Y") == pd.Timestamp("2022-03-21")


def test_aware_dates_are_rounded_on_tehran_wall_clock() -> None:
    # 2021-09-22 21:00 UTC is 00:30 on 1 Mehr 1400 in Tehran (+03:30 then)
    aware = pd.Series(pd.to_datetime(["2021-09-22 21:00"]).tz_localize("UTC"))
    assert floor(aware, "M").tolist() == [pd.Timestamp("2021-09-23")]
    assert ceil(aware, "M").tolist() == [pd.Timestamp("2021-10-23")]
    midnight = pd.Series(pd.to_datetime(["2021-09-22 19:30"]).tz_localize("UTC"))
    assert ceil(midnight, "M").tolist() == [pd.Timestamp("2021-09-23")]


def test_the_accessor_rounds_values_or_the_index() -> None:
    values = pd.Series(pd.to_datetime(["2021-10-22", "2022-03-20"]), index=["a", "b"], name="v")
    assert isipo(values).floor("H").tolist() == [pd.Timestamp("2021-09-23")] * 2
    numbers = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(values), name="n")
    out = isipo(numbers).ceil("Y")
    assert out.name == "n"
    assert out.index.equals(numbers.index)
    assert out.tolist() == [pd.Timestamp("2022-03-21")] * 2


@pytest.mark.parametrize("freq", ["D", "MS", None])
def test_floor_refuses_other_frequencies(freq: Any) -> None:
    with pytest.raises(FrequencyError) as info:
        floor(["2021-01-01"], freq)
    assert str(info.value) == f"freq must be one of M, Q, H, Y, W, got {freq!r}"


# --- selection by Jalali text -----------------------------------------------------------------


@given(
    st.lists(st.integers(_kernel.FIRST_DAY + 400, _kernel.LAST_DAY - 400), max_size=30),
    st.sampled_from(["M", "Q", "H", "Y", "W"]),
    st.data(),
)
def test_selection_takes_exactly_the_rows_of_the_span(
    days: list[int], code: str, data: st.DataObject
) -> None:
    s = pd.Series(np.arange(len(days)), index=pd.DatetimeIndex(np.array(days, "datetime64[D]")))
    if not len(s):
        return
    periods = pd.Series(to_periods(s.index, code))  # type: ignore[arg-type]  # ordered
    labels = periods.astype(str)
    label = data.draw(st.sampled_from(sorted(set(labels))))
    assert isipo(s)[label].tolist() == s[labels.to_numpy() == label].tolist()
    later = data.draw(st.sampled_from(sorted(set(labels))))
    inside = ((periods >= label) & (periods <= later)).to_numpy()
    assert isipo(s)[label:later].tolist() == s[inside].tolist()


def test_selection_by_hand() -> None:
    index = pd.to_datetime(
        ["2021-03-20", "2021-03-21 23:59", "2021-09-22", "2021-09-23", "NaT"], format="ISO8601"
    )
    s = pd.Series(range(5), index=index, name="v")
    assert isipo(s)["1400"].tolist() == [1, 2, 3]
    assert isipo(s)["1399":"1400-06"].tolist() == [0, 1, 2]
    assert isipo(s)["1400-H2":].tolist() == [3]
    assert isipo(s)[:"1399/12/30"].tolist() == [0]
    assert isipo(s)["2021-03-21"].tolist() == [1]  # a Gregorian day
    assert isipo(s)["۱۴۰۰-۰۶-۳۱"].name == "v"
    with pytest.raises(InvalidArgumentError) as info:
        isipo(s)["1399":"1400":2]
    assert str(info.value) == "a Jalali selection takes no step, got 2"
