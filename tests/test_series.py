"""Series conversions: year-to-date <-> flows, aggregation, calendarization."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from tests.strategies import gregorian_dates

values = st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def dated_values(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 40))
    dates = draw(st.lists(gregorian_dates, min_size=n, max_size=n, unique=True))
    return pd.DataFrame(
        {
            "date": pd.to_datetime(dates),
            "value": draw(st.lists(values, min_size=n, max_size=n)),
            "group": draw(st.lists(st.sampled_from(["a", "b"]), min_size=n, max_size=n)),
        }
    )


@given(dated_values())
def test_ytd_and_flows_are_inverse(frame: pd.DataFrame) -> None:
    flows = pd.Series(frame.value.to_numpy(), index=frame.date)
    ytd = ist.year_to_date(flows, by=frame.group.to_numpy(), gaps="skip")
    back = ist.from_year_to_date(ytd, by=frame.group.to_numpy())
    np.testing.assert_allclose(back.to_numpy(), flows.to_numpy(), rtol=1e-9, atol=1e-6)
    again = ist.year_to_date(back, by=frame.group.to_numpy(), gaps="skip")
    np.testing.assert_allclose(again.to_numpy(), ytd.to_numpy(), rtol=1e-9, atol=1e-6)


@given(dated_values())
def test_flows_sum_to_year_totals_and_reset_at_nowruz(frame: pd.DataFrame) -> None:
    flows = pd.Series(frame.value.to_numpy(), index=frame.date)
    ytd = ist.year_to_date(flows, gaps="skip")
    jyear = ist.to_jalali(frame.date).year.to_numpy()
    totals = ist.aggregate(flows, freq="Y")
    for year in np.unique(jyear):
        in_year = jyear == year
        last = frame.date[in_year].idxmax()
        # the last year-to-date value of each year is that year's total
        assert ytd.iloc[last] == pytest.approx(totals[str(year)], rel=1e-12, abs=1e-6)
        # the first value of the year is its own flow: nothing carried across Nowruz
        first = frame.date[in_year].idxmin()
        assert ytd.iloc[first] == flows.iloc[first]


def test_nowruz_reset_by_hand() -> None:
    # 2020-03-19 is the last day of 1398, 2020-03-20 is 1 Farvardin 1399
    s = pd.Series([5.0, 7.0, 2.0], index=pd.to_datetime(["2020-03-01", "2020-03-19", "2020-03-20"]))
    assert ist.year_to_date(s, gaps="skip").tolist() == [5.0, 12.0, 2.0]
    ytd = pd.Series(
        [529.0, 819.0, 1170.0, 2067.0],
        index=pd.to_datetime(["2019-09-22", "2020-10-21", "2021-01-10", "2022-03-20"]),
    )
    assert ist.from_year_to_date(ytd).tolist() == [529.0, 819.0, 351.0, 2067.0]


def test_order_and_groups_do_not_mix() -> None:
    dates = pd.to_datetime(["2021-05-01", "2021-04-01", "2021-05-01", "2021-04-01"])
    s = pd.Series([10.0, 4.0, 100.0, 40.0], index=dates, name="units")
    out = ist.from_year_to_date(s, by=["x", "x", "y", "y"])
    assert out.tolist() == [6.0, 4.0, 60.0, 40.0]
    assert out.name == "units"
    assert out.index.equals(s.index)


def test_missing_dates_are_refused() -> None:
    s = pd.Series([1.0, 2.0])
    with pytest.raises(ist.InputTypeError, match="give dates, or a Series with a DatetimeIndex"):
        ist.year_to_date(s)
    with pytest.raises(ist.InvalidDateError, match="a date is missing at position 1"):
        ist.year_to_date(s, pd.to_datetime(["2021-01-01", "NaT"]))


def test_aggregate_by_month_quarter_year() -> None:
    s = pd.Series(1.0, index=pd.date_range("2021-03-19", "2022-03-21"))
    months = ist.aggregate(s, freq="M")
    assert months.index.tolist()[:3] == ["1399-12", "1400-01", "1400-02"]
    assert months["1400-01"] == 31
    assert months["1400-07"] == 30
    assert months["1400-12"] == 29
    quarters = ist.aggregate(s, freq="Q")
    assert quarters[["1400-Q1", "1400-Q2", "1400-Q3", "1400-Q4"]].tolist() == [93, 93, 90, 89]
    years = ist.aggregate(s, freq="Y", how="count")
    assert years.to_dict() == {"1399": 2, "1400": 365, "1401": 1}


def test_aggregate_with_groups() -> None:
    s = pd.Series([1.0, 2.0, 3.0], index=pd.to_datetime(["2021-03-21", "2021-03-22", "2021-03-21"]))
    out = ist.aggregate(s, freq="M", by=["a", "a", "b"])
    assert out.to_dict() == {("a", "1400-01"): 3.0, ("b", "1400-01"): 3.0}


def test_labels_sort_in_time_order() -> None:
    dates = pd.date_range("1821-03-21", "2321-03-20", freq="17D")
    for freq in ("M", "Q", "Y"):
        labels = ist.period_labels(dates, freq)
        assert labels.is_monotonic_increasing


def test_year_label() -> None:
    assert ist.year_label([1378, 1379, 1400]).tolist() == [
        "1378 (1999/00)",
        "1379 (2000/01)",
        "1400 (2021/22)",
    ]


def test_calendarize_jalali_year_to_gregorian_years() -> None:
    # 1400 runs 2021-03-21 .. 2022-03-20: 286 days in 2021, 79 in 2022
    out = ist.calendarize([2067.0], ["2021-03-21"], ["2022-03-20"], to="gregorian_year")
    assert out.period.tolist() == ["2021", "2022"]
    assert out.days.tolist() == [286, 79]
    assert out.value.tolist() == pytest.approx([2067 * 286 / 365, 2067 * 79 / 365])


def test_calendarize_gregorian_year_back_to_jalali() -> None:
    out = ist.calendarize([365.0], ["2021-01-01"], ["2021-12-31"], to="jalali_year")
    assert out.period.tolist() == ["1399 (2020/21)", "1400 (2021/22)"]
    assert out.days.tolist() == [79, 286]


def test_calendarize_months() -> None:
    out = ist.calendarize([31.0], ["2021-03-21"], ["2021-04-20"], to="gregorian_month")
    assert out.period.tolist() == ["2021-03", "2021-04"]
    assert out.days.tolist() == [11, 20]
    out = ist.calendarize([1.0], ["2021-03-21"], ["2021-06-21"], to="jalali_quarter")
    assert out.period.tolist() == ["1400-Q1"]
    out = ist.calendarize([1.0], ["2021-03-21"], ["2021-06-22"], to="jalali_month")
    assert out.period.tolist() == ["1400-01", "1400-02", "1400-03", "1400-04"]
    assert out.days.tolist() == [31, 31, 31, 1]


@given(
    st.lists(st.tuples(gregorian_dates, st.integers(0, 2000), values), min_size=1, max_size=20),
    st.sampled_from(
        ["gregorian_year", "gregorian_month", "jalali_year", "jalali_quarter", "jalali_month"]
    ),
)
def test_calendarize_preserves_totals(rows: list[tuple[dt.date, int, float]], to: str) -> None:
    last = dt.date(2321, 3, 20)
    starts = [r[0] for r in rows]
    ends = [min(r[0] + dt.timedelta(days=r[1]), last) for r in rows]
    flows = [r[2] for r in rows]
    out = ist.calendarize(flows, starts, ends, to=to)  # type: ignore[arg-type]
    per_row = out.groupby("row").agg(days=("days", "sum"), value=("value", "sum"))
    spans = [(e - s).days + 1 for s, e in zip(starts, ends, strict=True)]
    assert per_row.days.tolist() == spans  # exact, in whole days
    np.testing.assert_allclose(per_row.value.to_numpy(), flows, rtol=1e-12, atol=1e-9)
    assert (out.days > 0).all()


def test_calendarize_errors() -> None:
    with pytest.raises(ist.InvalidDateError, match="the span ends before it starts at position 0"):
        ist.calendarize([1.0], ["2021-03-21"], ["2021-03-20"])
    with pytest.raises(ist.InvalidArgumentError, match="to must be one of gregorian_year"):
        ist.calendarize([1.0], ["2021-03-21"], ["2021-03-22"], to="week")  # type: ignore[arg-type]


def test_non_numeric_values_are_refused() -> None:
    dates = pd.Series(pd.to_datetime(["2021-03-21", "2021-03-22"]))
    with pytest.raises(
        ist.InputTypeError,
        match="expected numbers to sum or cumulate, got a Series of dtype datetime64",
    ):
        ist.year_to_date(dates)


def test_aggregate_refuses_missing_dates_instead_of_dropping() -> None:
    s = pd.Series([1.0, 2.0], index=pd.to_datetime(["2021-03-21", "NaT"]))
    with pytest.raises(ist.InvalidDateError, match="a date is missing at position 1"):
        ist.aggregate(s)


# --- missing keys, missing values, infinity ------------------------------------------------

ONE_MONTH = pd.to_datetime(["2021-04-01", "2021-04-02", "2021-04-03", "2021-04-04"])


def test_aggregate_keeps_rows_whose_key_is_missing_as_their_own_group() -> None:
    s = pd.Series([1.0, 2.0, 3.0, 9.0], index=ONE_MONTH)
    out = ist.aggregate(s, by=["a", None, "a", np.nan])
    assert out.sum() == s.sum() == 15.0  # nothing dropped
    assert out.loc["a"].tolist() == [4.0]
    assert out.index.get_level_values(0).isna().tolist() == [False, True]
    assert out[out.index.get_level_values(0).isna()].tolist() == [11.0]
    two_keys = ist.aggregate(s, by=[["x", "x", "y", "y"], [None, 1, None, 1]], how="count")
    assert two_keys.sum() == 4
    assert len(two_keys) == 4


def test_year_to_date_keeps_rows_whose_key_is_missing_as_their_own_group() -> None:
    s = pd.Series([1.0, 2.0, 3.0, 4.0], index=ONE_MONTH)
    assert ist.year_to_date(s, by=[None, "a", np.nan, "a"]).tolist() == [1.0, 2.0, 4.0, 6.0]


def test_from_year_to_date_differences_from_the_last_known_value() -> None:
    ytd = pd.Series([10.0, np.nan, 30.0, 45.0], index=ONE_MONTH)
    flows = ist.from_year_to_date(ytd)
    np.testing.assert_array_equal(flows.to_numpy(), [10.0, np.nan, 20.0, 15.0])
    # and back: missing values stay missing, the known ones come back
    np.testing.assert_array_equal(ist.year_to_date(flows).to_numpy(), ytd.to_numpy())
    # a year whose first values are missing: the first known value is a flow from Nowruz
    late = pd.Series([np.nan, np.nan, 7.0, 9.0], index=ONE_MONTH)
    np.testing.assert_array_equal(ist.from_year_to_date(late).to_numpy(), [np.nan, np.nan, 7, 2])


def test_year_to_date_treats_infinity_as_a_value() -> None:
    def ytd(values: list[float]) -> list[float]:
        return ist.year_to_date(pd.Series(values, index=ONE_MONTH[: len(values)])).tolist()

    assert ytd([np.inf, 1.0, 2.0]) == [np.inf] * 3  # as numpy.cumsum gives
    assert ytd([1.0, -np.inf, 2.0]) == [1.0, -np.inf, -np.inf]
    assert np.isnan(ytd([np.inf, -np.inf, 1.0])[1:]).all()  # inf - inf
    got = ytd([1e308, 1e308, -1e308])  # the sum overflows: inf, and inf it stays
    assert got == [1e308, np.inf, np.inf]


def test_aggregate_period_without_any_value_is_missing_not_zero() -> None:
    s = pd.Series([np.nan, 1.0], index=pd.to_datetime(["2021-03-20", "2021-03-21"]))
    out = ist.aggregate(s, how="sum")
    assert np.isnan(out["1399-12"])
    assert out["1400-01"] == 1.0
    assert ist.aggregate(s, how="count").tolist() == [0, 1]
    nullable = ist.aggregate(s.astype("Int64"), how="sum")
    assert nullable.dtype == "Int64"
    assert nullable.isna().tolist() == [True, False]


def test_aggregate_first_and_last_follow_the_dates_not_the_row_order() -> None:
    s = pd.Series([1, 2, 3], index=pd.to_datetime(["2021-04-05", "2021-04-01", "2021-04-09"]))
    assert ist.aggregate(s, how="first").tolist() == [2]
    assert ist.aggregate(s, how="last").tolist() == [3]
    tie = pd.Series([5, 6], index=pd.to_datetime(["2021-04-01", "2021-04-01"]))
    assert ist.aggregate(tie, how="first").tolist() == [5]  # one date: the rows as given


# --- integers stay exact integers ----------------------------------------------------------

BIG = [10**17 + 1, 10**17 + 1, 3]


def test_integer_sums_are_exact_and_stay_integers() -> None:
    s = pd.Series(BIG, index=ONE_MONTH[:3], dtype="int64")
    total = ist.aggregate(s, freq="M")
    assert total.dtype == "int64"
    assert total.tolist() == [2 * 10**17 + 5]
    ytd = ist.year_to_date(s)
    assert ytd.dtype == "int64"
    assert ytd.tolist() == [10**17 + 1, 2 * 10**17 + 2, 2 * 10**17 + 5]
    back = ist.from_year_to_date(ytd)
    assert back.dtype == "int64"
    assert back.tolist() == BIG


@pytest.mark.parametrize(
    ("how", "dtype", "expected"),
    [
        ("sum", "Int64", 2 * 10**17 + 5),
        ("min", "int64", 3),
        ("max", "Int64", 10**17 + 1),
        ("first", "int64", 10**17 + 1),
        ("last", "Int64", 3),
        ("count", "int64", 3),
    ],
)
def test_aggregate_keeps_integers_where_the_operation_allows(
    how: Any, dtype: str, expected: int
) -> None:
    s = pd.Series(BIG, index=ONE_MONTH[:3], dtype=dtype)
    out = ist.aggregate(s, how=how)
    assert out.dtype == ("int64" if how == "count" else dtype)
    assert out.tolist() == [expected]


def test_means_of_integers_are_floats() -> None:
    s = pd.Series([1, 2], index=ONE_MONTH[:2])
    assert ist.aggregate(s, how="mean").dtype == "float64"
    assert ist.aggregate(s.astype("Int64"), how="mean").dtype == "Float64"
    assert ist.aggregate(s, how="mean").tolist() == [1.5]


def test_nullable_integers_stay_nullable_integers() -> None:
    s = pd.Series([5, None, 7], index=ONE_MONTH[:3], dtype="Int64")
    ytd = ist.year_to_date(s)
    assert ytd.dtype == "Int64"
    assert ytd.tolist() == [5, pd.NA, 12]
    flows = ist.from_year_to_date(ytd)
    assert flows.dtype == "Int64"
    assert flows.tolist() == [5, pd.NA, 7]
    arrow = ist.year_to_date(s.astype("int64[pyarrow]"))
    assert arrow.dtype == "Int64"


def test_integer_overflow_is_refused_not_wrapped() -> None:
    s = pd.Series([2**62, 2**62, 1], index=ONE_MONTH[:3], dtype="int64")
    with pytest.raises(ist.errors.IntegerOverflowError) as info:
        ist.year_to_date(s)
    assert str(info.value) == (
        "the year-to-date sum does not fit in int64 at position 1: convert the values to "
        "float for a rounded answer"
    )
    assert isinstance(info.value, OverflowError)
    assert isinstance(info.value, ValueError)
    with pytest.raises(ist.errors.IntegerOverflowError, match="at position 0"):
        ist.aggregate(s)
    assert ist.aggregate(s, how="mean").tolist() == [(2**63 + 1) / 3]
    assert ist.year_to_date(s.astype(float)).tolist() == [2.0**62, 2.0**63, 2.0**63]
    edges = pd.Series([2**63 - 1, -(2**63)], index=ONE_MONTH[:2], dtype="int64")
    with pytest.raises(ist.errors.IntegerOverflowError, match=r"difference .* at position 1"):
        ist.from_year_to_date(edges)
    assert ist.year_to_date(edges).tolist() == [2**63 - 1, -1]  # -1 fits: no overflow


def test_unsigned_integers_beyond_int64_are_refused() -> None:
    s = pd.Series(np.array([2**64 - 1], dtype=np.uint64), index=ONE_MONTH[:1])
    with pytest.raises(ist.errors.IntegerOverflowError, match="values must fit in int64"):
        ist.aggregate(s)
    assert ist.aggregate(s.astype("uint32")).dtype == "int64"


# --- several arguments ---------------------------------------------------------------------


def test_values_dates_and_keys_are_matched_by_index_label() -> None:
    values = pd.Series([1.0, 2.0, 4.0], index=["p", "q", "r"])
    dates = pd.Series(
        pd.to_datetime(["2021-04-03", "2021-04-01", "2021-04-02"]), index=["r", "p", "q"]
    )
    keys = pd.Series(["x", "x", "y"], index=["p", "q", "r"])
    # p (x) 04-01, q (x) 04-02, r (y) 04-03
    assert ist.year_to_date(values, dates, by=keys).tolist() == [1.0, 3.0, 4.0]
    # by position instead: p (x) 04-03, q (x) 04-01, r (y) 04-02
    positional = ist.year_to_date(values, dates.to_numpy(), by=keys.to_numpy())
    assert positional.tolist() == [3.0, 2.0, 4.0]
    out = ist.calendarize(values, start=dates, end=dates, to="jalali_month")
    assert out["value"].tolist() == [1.0, 2.0, 4.0]
    with pytest.raises(ist.errors.IndexAlignmentError, match="values and dates are Series"):
        ist.year_to_date(values, dates.set_axis(["p", "q", "s"]))


def test_values_must_be_a_series_of_numbers() -> None:
    with pytest.raises(ist.InputTypeError, match=r"^values must be a pandas Series, got list$"):
        ist.year_to_date([1.0], ["2021-04-01"])  # type: ignore[arg-type]
    with pytest.raises(ist.InputTypeError, match="got a Series of dtype bool"):
        ist.aggregate(pd.Series([True], index=ONE_MONTH[:1]))
    with pytest.raises(
        ist.InputTypeError, match=r"^values must be a number, got '5' at position 0$"
    ):
        ist.calendarize(["5"], ["2021-04-01"], ["2021-04-02"])
    with pytest.raises(ist.InputTypeError, match="values must be a number, got a boolean array"):
        ist.calendarize([True], ["2021-04-01"], ["2021-04-02"])


def test_year_label_of_a_missing_year_is_none_and_other_years_are_refused() -> None:
    labels = ist.year_label(pd.Series([1400, None], dtype="Int64"))
    assert labels.tolist() == ["1400 (2021/22)", None]
    with pytest.raises(ist.InvalidDateError, match=r"^year must be a whole number, got 1400.5"):
        ist.year_label([1400.5])  # not cut to 1400
    with pytest.raises(ist.CalendarRangeError, match=r"^year must be in 1200-1699, got 1199"):
        ist.year_label([1199])
    with pytest.raises(ist.InputTypeError, match=r"^year must be a whole number, got '1400'"):
        ist.year_label(["1400"])
