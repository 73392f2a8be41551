"""Regular series: gaps in year_to_date, complete/asfreq, the days calendarize covers."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats.accessor import IsipoSeriesAccessor
from isipo_stats.errors import (
    InputTypeError,
    InvalidArgumentError,
    InvalidDateError,
    MissingPeriodError,
)
from isipo_stats.periods import period_range, period_start
from isipo_stats.ranges import date_range
from isipo_stats.regular import asfreq, complete


def isipo(obj: pd.Series) -> IsipoSeriesAccessor:
    return cast(IsipoSeriesAccessor, obj.isipo)


def month_ends(first: str, count: int) -> pd.DatetimeIndex:
    return date_range(first, periods=count, freq="ME")


# --- year_to_date never sums across a missing month silently -------------------------------


@given(st.integers(1, 36), st.data())
def test_year_to_date_with_a_month_dropped(count: int, data: st.DataObject) -> None:
    dates = month_ends("1399-01", count)
    flows = pd.Series(np.arange(1.0, count + 1.0), index=dates)
    full = ist.year_to_date(flows)  # complete from Farvardin: no gap, so "raise" passes
    pd.testing.assert_series_equal(full, ist.year_to_date(flows, gaps="skip"))
    drop = data.draw(st.integers(0, count - 1))
    gappy = flows.drop(dates[drop])
    after = (np.arange(count) > drop) & (np.arange(count) // 12 == drop // 12)  # same year
    after = after[np.arange(count) != drop]
    if after.any():
        with pytest.raises(MissingPeriodError) as info:
            ist.year_to_date(gappy)
        missing = str(period_range(dates[drop], periods=1)[0])
        assert info.value.position == int(np.argmax(after))
        assert str(info.value).startswith(f"no value for {missing} before the value for ")
    else:
        pd.testing.assert_series_equal(
            ist.year_to_date(gappy), ist.year_to_date(gappy, gaps="skip")
        )
    marked = ist.year_to_date(gappy, gaps="nan")
    assert marked.isna().to_numpy().tolist() == after.tolist()
    skipped = ist.year_to_date(gappy, gaps="skip")
    np.testing.assert_array_equal(marked[~after].to_numpy(), skipped[~after].to_numpy())


def test_the_message_names_the_first_missing_month_and_the_value_after_it() -> None:
    dates = pd.DatetimeIndex(
        ["2021-04-01", "2021-05-01", "2021-07-01", "2021-08-01"]
    )  # Farvardin, Ordibehesht, Tir, Mordad 1400: Khordad missing
    s = pd.Series([1, 2, 3, 4], index=dates[[3, 0, 2, 1]])  # not in date order
    with pytest.raises(MissingPeriodError) as info:
        ist.year_to_date(s)
    assert str(info.value) == (
        "no value for 1400-03 before the value for 1400-04 at position 2: its year-to-date sum "
        "would skip it (gaps='skip' sums the values there are, gaps='nan' leaves the sums after "
        "a gap missing)"
    )
    # by date: Farvardin 2, Ordibehesht 4 (sum 6), then Tir and Mordad after the gap
    assert ist.year_to_date(s, gaps="nan").astype(object).tolist() == [pd.NA, 2, pd.NA, 6]
    assert ist.year_to_date(s, gaps="nan").dtype == "Int64"


def test_daily_flows_have_a_gap_only_where_a_month_has_none() -> None:
    days = pd.date_range("2021-03-21", "2021-09-22")  # Farvardin to Shahrivar 1400
    flows = pd.Series(1.0, index=days)
    assert ist.year_to_date(flows).iloc[-1] == len(days)
    ts = pd.Timestamp
    holes = flows[(days < ts("2021-05-10")) | (days > ts("2021-05-20"))]  # days, not a month
    assert ist.year_to_date(holes).iloc[-1] == len(holes)
    no_khordad = flows[(days < ts("2021-05-22")) | (days > ts("2021-06-21"))]
    with pytest.raises(MissingPeriodError, match=r"^no value for 1400-03 before"):
        ist.year_to_date(no_khordad)


def test_quarterly_flows_take_freq_q_and_groups_are_checked_apart() -> None:
    ends = date_range("1400", periods=4, freq="QE")
    flows = pd.Series([1.0, 2.0, 3.0, 4.0], index=ends)
    with pytest.raises(
        MissingPeriodError, match=r"^no value for 1400-01 before the value for 1400-03"
    ):
        ist.year_to_date(flows)
    assert ist.year_to_date(flows, freq="Q").tolist() == [1.0, 3.0, 6.0, 10.0]
    two = pd.Series([1.0, 2.0, 3.0], index=ends[[0, 0, 1]])
    with pytest.raises(MissingPeriodError) as info:
        ist.year_to_date(two, freq="Q", by=["a", "a", "b"])  # b has no first quarter
    assert info.value.position == 2
    assert ist.year_to_date(two, freq="Q", by=["a", "b", "a"]).tolist() == [1.0, 2.0, 4.0]


def test_gaps_must_be_one_of_the_three() -> None:
    s = pd.Series([1.0], index=month_ends("1400-01", 1))
    with pytest.raises(InvalidArgumentError) as info:
        ist.year_to_date(s, gaps="ignore")  # type: ignore[arg-type]
    assert str(info.value) == "gaps must be one of raise, skip, nan, got 'ignore'"


# --- complete and asfreq ---------------------------------------------------------------------


@given(st.lists(st.booleans(), min_size=1, max_size=40), st.sampled_from(["M", "Q", "W"]))
def test_complete_and_asfreq_insert_exactly_the_missing_periods(
    keep: list[bool], freq: Any
) -> None:
    keep[0] = True
    labels = period_range("1399-11", periods=len(keep), freq="M" if freq == "M" else freq)
    starts = pd.DatetimeIndex(period_start(labels))
    values = pd.Series(np.arange(len(keep)), index=starts)[np.array(keep)]
    out = complete(values, freq)
    last = max(i for i, k in enumerate(keep) if k)
    assert out.index.tolist() == labels[: last + 1].tolist()
    assert out.isna().tolist() == [not k for k in keep[: last + 1]]
    assert out.dropna().tolist() == values.tolist()
    dated = asfreq(values, freq)
    assert dated.index.equals(starts[: last + 1])
    np.testing.assert_array_equal(dated.isna().to_numpy(), out.isna().to_numpy())
    assert str(dated.dtype) == ("int64" if all(keep[: last + 1]) else "Int64")


def test_asfreq_keeps_month_ends_and_names() -> None:
    ends = month_ends("1399-11", 4)
    s = pd.Series([1.5, 2.5], index=ends[[0, 3]].rename("asof"), name="cpi")
    out = isipo(s).asfreq("M")
    assert out.index.equals(ends.rename("asof"))
    assert out.name == "cpi"
    np.testing.assert_array_equal(out.to_numpy(), [1.5, np.nan, np.nan, 2.5])


def test_asfreq_refuses_dates_off_the_boundary_and_two_values_in_a_period() -> None:
    s = pd.Series([1.0, 2.0, 3.0], index=pd.to_datetime(["2021-03-21", "2021-04-21", "2021-05-15"]))
    with pytest.raises(InvalidDateError) as info:
        asfreq(s, "M")
    assert str(info.value) == (
        "asfreq needs every date on the first day of a Jalali month, or every date on the last, "
        "got 1400-02-25 (2021-05-15) at position 2"
    )
    twice = pd.Series([1.0, 2.0], index=pd.to_datetime(["2021-03-21", "2021-03-21"]))
    with pytest.raises(InvalidDateError, match=r"^two values for 1400-01 of one series"):
        asfreq(twice, "M")
    with pytest.raises(InputTypeError, match=r"^asfreq needs a Series on a DatetimeIndex$"):
        asfreq(pd.Series([1.0], index=["1400-01"]), "M")


def test_complete_by_series_runs_each_from_its_own_first_to_last_period() -> None:
    labels = ["1400-01", "1400-03", "1400-02", "1400-05"]
    s = pd.Series([1, 3, 20, 50], index=labels, name="v")
    out = complete(s, by=["a", "a", "b", "b"])
    assert out.index.tolist() == [
        ("a", "1400-01"), ("a", "1400-02"), ("a", "1400-03"),
        ("b", "1400-02"), ("b", "1400-03"), ("b", "1400-04"), ("b", "1400-05"),
    ]  # fmt: skip
    assert out.tolist() == [1, pd.NA, 3, 20, pd.NA, pd.NA, 50]
    assert out.name == "v"


# --- calendarize: the days each period holds, next to the days covered ----------------------


def test_calendarize_says_how_much_of_each_period_the_spans_cover() -> None:
    # a Jalali 1399 total covers 286 days of 2020 (a leap year of 366): not a 2020 total
    out = ist.calendarize([366.0], ["2020-03-20"], ["2021-03-20"], to="gregorian_year")
    covered = out.groupby("period")[["days", "period_days"]].agg(
        {"days": "sum", "period_days": "first"}
    )
    assert covered.to_dict("index") == {
        "2020": {"days": 287, "period_days": 366},
        "2021": {"days": 79, "period_days": 365},
    }
    months = ist.calendarize([1.0], ["2021-03-21"], ["2021-03-21"], to="jalali_month")
    assert months.period_days.tolist() == [31]
    esfand = ist.calendarize([1.0], ["2025-03-20"], ["2025-03-20"], to="jalali_month")
    assert esfand.period_days.tolist() == [30]  # 1403 is leap
