"""Series conversions: year-to-date <-> flows, aggregation, calendarization."""

from __future__ import annotations

import datetime as dt

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
    ytd = ist.year_to_date(flows, by=frame.group.to_numpy())
    back = ist.from_year_to_date(ytd, by=frame.group.to_numpy())
    np.testing.assert_allclose(back.to_numpy(), flows.to_numpy(), rtol=1e-9, atol=1e-6)
    again = ist.year_to_date(back, by=frame.group.to_numpy())
    np.testing.assert_allclose(again.to_numpy(), ytd.to_numpy(), rtol=1e-9, atol=1e-6)


@given(dated_values())
def test_flows_sum_to_year_totals_and_reset_at_nowruz(frame: pd.DataFrame) -> None:
    flows = pd.Series(frame.value.to_numpy(), index=frame.date)
    ytd = ist.year_to_date(flows)
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
    assert ist.year_to_date(s).tolist() == [5.0, 12.0, 2.0]
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
    with pytest.raises(ist.InputTypeError, match="to must be one of gregorian_year"):
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
