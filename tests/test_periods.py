"""Jalali periods: ranges, the ordered Categorical, arithmetic, start/end/days, round trips."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import _kernel
from isipo_stats import periods as periods_module
from isipo_stats.errors import (
    CalendarRangeError,
    FrequencyError,
    InputTypeError,
    InvalidArgumentError,
    InvalidDateError,
    ParseError,
)
from isipo_stats.frequency import PERIOD_FREQUENCIES, get_frequency
from isipo_stats.periods import (
    as_periods,
    period_days,
    period_diff,
    period_end,
    period_range,
    period_start,
    shift_periods,
    to_periods,
)

CODES = sorted(PERIOD_FREQUENCIES)


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- period_range: golden values -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "labels"),
    [
        ({"start": "1399-11", "end": "1400-02"}, ["1399-11", "1399-12", "1400-01", "1400-02"]),
        ({"start": "1399/11/15", "periods": 2}, ["1399-11", "1399-12"]),
        ({"end": "Farvardin 1400", "periods": 2}, ["1399-12", "1400-01"]),
        ({"start": "۱۴۰۰-۰۷", "periods": 1}, ["1400-07"]),
        ({"start": "2021-03-20", "end": "2021-03-21"}, ["1399-12", "1400-01"]),
        ({"start": dt.date(2021, 10, 22), "periods": 2}, ["1400-07", "1400-08"]),
        ({"start": jdatetime.date(1400, 7, 30), "periods": 2}, ["1400-07", "1400-08"]),
        ({"start": np.datetime64("2021-10-23"), "periods": 1}, ["1400-08"]),
        ({"start": "1400", "end": "1400-Q2", "freq": "Q"}, ["1400-Q1", "1400-Q2"]),
        ({"start": "1400-07", "periods": 3, "freq": "Q"}, ["1400-Q3", "1400-Q4", "1401-Q1"]),
        ({"start": "1399-H2", "periods": 3, "freq": "H"}, ["1399-H2", "1400-H1", "1400-H2"]),
        ({"end": "1400-12-29", "periods": 2, "freq": "Y"}, ["1399", "1400"]),
        ({"start": "1399", "end": "1400-01", "freq": "Y"}, ["1399", "1400"]),
        ({"start": "1399-W53", "end": "1400-W02", "freq": "W"},
         ["1399-W53", "1399-W54", "1400-W01", "1400-W02"]),
        ({"start": "1400-01", "end": "1399-12"}, []),
        ({"start": "1400-01", "periods": 0}, []),
    ],
)  # fmt: skip
def test_period_range_gives_the_periods_of_the_calendar(
    kwargs: dict[str, Any], labels: list[str]
) -> None:
    out = period_range(**kwargs)
    assert isinstance(out, pd.CategoricalIndex)
    assert out.tolist() == labels
    assert out.categories.tolist() == labels
    assert out.ordered


def test_period_range_keeps_its_name_and_reaches_both_ends_of_the_calendar() -> None:
    assert period_range("1200-01", periods=1, name="m").name == "m"
    assert period_range(end="1699-12", periods=2).tolist() == ["1699-11", "1699-12"]
    assert period_range("1200-W01", periods=1, freq="W").tolist() == ["1200-W01"]
    months = period_range("1200-01", "1699-12")
    assert len(months) == 6000


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"start": "1400-01"}, InvalidArgumentError, "give exactly two of start, end and periods, got 1"),
        ({"start": "1400-01", "end": "1400-02", "periods": 2}, InvalidArgumentError,
         "give exactly two of start, end and periods, got 3"),
        ({"start": "1400-01", "periods": -1}, InvalidArgumentError,
         "periods must be a whole number from 0, got -1"),
        ({"start": "1400-01", "periods": True}, InputTypeError,
         "periods must be a whole number from 0, got True"),
        ({"start": "1400-01", "periods": 2.0}, InputTypeError,
         "periods must be a whole number from 0, got 2.0"),
        ({"start": "1699-12", "periods": 2}, CalendarRangeError,
         "periods must be in 1200-01..1699-12 (Jalali 1200-1699), got the month 1 after 1699-12 "
         "at position 0"),
        ({"end": "1200-Q1", "periods": 2, "freq": "Q"}, CalendarRangeError,
         "periods must be in 1200-Q1..1699-Q4 (Jalali 1200-1699), got the quarter 1 before "
         "1200-Q1 at position 0"),
        ({"start": "1400-13", "periods": 1}, ParseError,
         "could not read '1400-13' at position 0 as a Jalali month label like '1400-07' "
         "(years 1200-1699)"),
        ({"start": "1400/12/30", "periods": 1}, InvalidDateError,
         "day must be in 1-29 for 1400-12, got 30 at position 0"),
        ({"start": None, "end": "1400-01", "periods": None}, InvalidArgumentError,
         "give exactly two of start, end and periods, got 1"),
        ({"start": pd.NaT, "periods": 1}, InputTypeError,
         "start must be a date or Jalali text, got NaT"),
        ({"start": ["1400-01"], "periods": 1}, InputTypeError, "start must be one date, got list"),
        ({"start": "1400-01", "periods": 1, "freq": "D"}, FrequencyError,
         "freq must be one of M, Q, H, Y, W, got 'D'"),
    ],
)  # fmt: skip
def test_period_range_refuses_with_the_reason(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        period_range(**kwargs)
    assert str(info.value) == message


# --- properties ----------------------------------------------------------------------------


@st.composite
def period_pairs(draw: st.DrawFn) -> tuple[str, int, int]:
    code = draw(st.sampled_from(CODES))
    count = get_frequency(code, weeks=True).count
    first = draw(st.integers(0, count - 1))
    last = draw(st.integers(first, min(first + 400, count - 1)))
    return code, first, last


@given(period_pairs())
def test_a_range_holds_every_period_once_each_starting_the_day_after_the_last(
    pair: tuple[str, int, int],
) -> None:
    code, first, last = pair
    spec = get_frequency(code, weeks=True)
    a, b = spec.all_labels[first], spec.all_labels[last]
    out = period_range(a, b, freq=code)  # type: ignore[arg-type]
    assert len(out) == last - first + 1
    starts = period_start(out)
    ends = period_end(out)
    assert (starts[1:] == ends[:-1] + pd.Timedelta(days=1)).all()
    assert (period_days(out).to_numpy() == (ends - starts).days + 1).all()
    # labels round trip, and the Categorical sorts in time order
    assert as_periods(out.astype(str)).tolist() == out.tolist()
    shuffled = pd.Series(out).sample(frac=1, random_state=first)
    assert shuffled.sort_values().tolist() == out.tolist()
    # a range from dates: the periods holding the first and last day
    assert period_range(starts[0], ends[-1], freq=code).tolist() == out.tolist()  # type: ignore[arg-type]


@given(period_pairs(), st.integers(-300, 300))
def test_shifting_moves_by_n_periods_and_diff_counts_them(
    pair: tuple[str, int, int], n: int
) -> None:
    code, first, last = pair
    spec = get_frequency(code, weeks=True)
    labels = pd.Series(spec.all_labels[first : last + 1])
    if not (0 <= first + n and last + n < spec.count):
        with pytest.raises(CalendarRangeError):
            shift_periods(labels, n)
        return
    moved = shift_periods(labels, n)
    assert period_diff(moved, labels).tolist() == [n] * len(labels)
    assert shift_periods(moved, -n).astype(str).tolist() == labels.tolist()


def test_every_day_lies_in_its_period_of_every_frequency() -> None:
    days = pd.date_range("1921-03-21", "2121-03-20", freq="D")  # Jalali 1300-1499
    for code in CODES:
        periods = to_periods(pd.Series(days), code)  # type: ignore[arg-type]
        start, end = period_start(periods), period_end(periods)
        assert ((start <= days) & (days <= end)).all()
        # the labels are those of period_labels and of .isipo.to_period
        if code != "W":
            assert periods.astype(str).tolist() == ist.period_labels(days, code).tolist()  # type: ignore[arg-type]


# --- weeks against jdatetime ---------------------------------------------------------------


def test_week_numbers_and_weekdays_are_those_of_jdatetime_over_1300_1499() -> None:
    days = np.arange(
        _kernel.nowruz(np.array([1300]))[0], _kernel.nowruz(np.array([1500]))[0], dtype=np.int64
    )
    epoch = dt.date(1970, 1, 1)
    expected = np.array(
        [
            (j.weeknumber(), j.weekday())
            for j in (jdatetime.date.fromgregorian(date=epoch + dt.timedelta(int(d))) for d in days)
        ]
    )
    assert np.array_equal(_kernel.week_number(days), expected[:, 0])
    assert np.array_equal(_kernel.weekday(days), expected[:, 1])
    labels = get_frequency("W", weeks=True).labels(_kernel.week_index(days))
    year = _kernel.year_of(days)
    assert np.array_equal(
        labels.astype(str),
        np.char.add(
            np.char.add(year.astype(str), "-W"), np.char.zfill(expected[:, 0].astype(str), 2)
        ),
    )


# --- reading labels ------------------------------------------------------------------------


def test_to_period_labels_round_trip_through_the_categorical() -> None:
    s = pd.Series(pd.to_datetime(["2021-10-22", "NaT", "2021-03-20"]), index=["a", "b", "c"])
    labels: Any = s.isipo.to_period("M")
    periods = as_periods(labels)
    assert isinstance(periods, pd.Series)
    assert periods.index.tolist() == ["a", "b", "c"]
    assert periods.cat.categories.tolist() == ["1399-12", *[f"1400-{m:02d}" for m in range(1, 8)]]
    pd.testing.assert_series_equal(periods, to_periods(s, "M"))
    assert periods.astype(object).where(periods.notna(), None).tolist() == labels.tolist()
    assert to_periods("2021-10-22", "W") == "1400-W31"
    assert to_periods(pd.NaT) is None


def test_categorical_periods_are_read_by_their_categories() -> None:
    cat = pd.Categorical(["1400-Q2", "1399-Q4", None], categories=["1400-Q2", "1399-Q4"])
    starts = period_start(cat)
    assert isinstance(starts, pd.DatetimeIndex)
    assert starts[:2].strftime("%Y-%m-%d").tolist() == ["2021-06-22", "2020-12-21"]
    assert pd.isna(starts[2])
    assert period_days(pd.Series(cat, name="q")).name == "q"


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (["1400-07", "1400-Q3"], "could not read '1400-Q3' at position 1 as a Jalali month label "
         "like '1400-07' (years 1200-1699)"),
        ([None, "July 2021"], "could not read 'July 2021' at position 1 as a Jalali period label "
         "like '1400-07', '1400-Q3', '1400-H1', '1400' or '1400-W05'"),
        (["1400-Q1", "1400-Q5", "1400-Q5"], "could not read '1400-Q5' at position 1 as a Jalali "
         "quarter label like '1400-Q3' (years 1200-1699)"),
    ],
)  # fmt: skip
def test_labels_of_no_period_are_refused_at_their_position(labels: list[Any], message: str) -> None:
    with pytest.raises(ParseError) as info:
        as_periods(labels)
    assert str(info.value) == message


def test_as_periods_takes_the_frequency_asked_for() -> None:
    with pytest.raises(ParseError, match="as a Jalali year label"):
        as_periods(["1400-07"], "Y")
    assert as_periods(["1400"], "Y").tolist() == ["1400"]


def test_period_diff_needs_one_frequency_and_matches_series_by_label() -> None:
    with pytest.raises(FrequencyError) as info:
        period_diff(["1400-07"], ["1400-Q1"])
    assert (
        str(info.value) == "end and start must be periods of one frequency, got months and quarters"
    )
    end = pd.Series(["1400-07", "1400-09"], index=["x", "y"])
    start = pd.Series(["1400-01", "1400-07"], index=["y", "x"])
    assert period_diff(end, start).to_dict() == {"x": 0, "y": 8}


def test_scalars_give_scalars() -> None:
    assert period_start("1400-07") == day("2021-09-23")
    assert period_end("1400-07") == day("2021-10-22")
    assert period_days("1400-Q4") == 89
    assert shift_periods("1400-12", 1) == "1401-01"
    assert period_diff("1400-H1", "1399-H1") == 2


@pytest.mark.parametrize("label", ["1400-W55", "1399-W55", "1700-W01", "1199-W53", "1400-W00"])
def test_week_labels_outside_the_calendar_are_refused(label: str) -> None:
    spec = get_frequency("W", weeks=True)
    with pytest.raises(ParseError) as info:
        spec.parse_label(label)
    assert str(info.value) == (
        f"could not read {label!r} at position 0 as a Jalali week label like '1400-W05' "
        "(years 1200-1699)"
    )
    assert spec.parse_label("1399-W54") == spec.parse(["1399-W54"])[0]


def test_weeks_have_no_fixed_number_per_year() -> None:
    with pytest.raises(FrequencyError) as info:
        _ = get_frequency("W", weeks=True).per_year
    assert str(info.value) == "weeks are 53 or 54 to a Jalali year, not a fixed number"


# --- the categories of a run: written for the first run, sliced for later ones ---------------


def _label(code: str, index: int) -> str:
    """A label by hand: the year and the number of the period within it."""
    per_year = {"M": 12, "Q": 4, "H": 2, "Y": 1}[code]
    year, number = _kernel.FIRST_YEAR + index // per_year, index % per_year + 1
    return {
        "M": f"{year}-{number:02d}",
        "Q": f"{year}-Q{number}",
        "H": f"{year}-H{number}",
        "Y": f"{year}",
    }[code]


@given(st.sampled_from("MQHYW"), st.data())
def test_a_run_has_the_same_categories_whether_written_or_sliced(
    code: str, data: st.DataObject
) -> None:
    count = get_frequency(code, weeks=True).count
    first = data.draw(st.integers(0, count - 1))
    last = data.draw(st.integers(first - 1, min(first + 400, count - 1)))
    periods_module._dtype.cache_clear()
    periods_module._RUN_WRITTEN.discard(code)
    written = list(periods_module._dtype(code, first, last).categories)
    assert code in periods_module._RUN_WRITTEN
    periods_module._dtype.cache_clear()
    sliced = list(periods_module._dtype(code, first, last).categories)
    assert written == sliced
    assert len(sliced) == last - first + 1
    if code != "W":
        assert sliced == [_label(code, i) for i in range(first, last + 1)]
    else:
        assert sliced == sorted(sliced)  # "YYYY-Www" sorts as time
