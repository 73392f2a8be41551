"""Change over time by Jalali label: pct_change, yoy, inflation, rebase."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isipo_stats import _lag, change
from isipo_stats.change import inflation, pct_change, rebase, yoy
from isipo_stats.errors import (
    FrequencyError,
    InputTypeError,
    InvalidArgumentError,
    InvalidDateError,
)
from isipo_stats.periods import period_range, period_start

HALF: Any = 1.5


def months(first: str, count: int) -> list[str]:
    return [str(label) for label in period_range(first, periods=count)]


# --- by label, never by position ----------------------------------------------------------


@st.composite
def monthly_with_gaps(draw: st.DrawFn) -> pd.Series:
    """A monthly series with some months dropped (and some values missing), shuffled."""
    count = draw(st.integers(1, 60))
    labels = months("1395-01", count)
    keep = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    values = draw(
        st.lists(st.one_of(st.floats(1, 1000), st.just(np.nan)), min_size=count, max_size=count)
    )
    s = pd.Series(values, index=labels)[np.array(keep, dtype=bool)]
    return s.sample(frac=1, random_state=count)


def oracle(s: pd.Series, lag: int) -> pd.Series:
    """The change on the complete month grid (a positional shift there is by label)."""
    grid = s.reindex(months("1395-01", 60))
    return (grid / grid.shift(lag) - 1).reindex(s.index)


@given(monthly_with_gaps(), st.integers(-13, 13))
def test_pct_change_compares_with_the_labelled_period_only(s: pd.Series, lag: int) -> None:
    out = pct_change(s, lag)
    pd.testing.assert_series_equal(out, oracle(s, lag))
    # dated by the first day of each month: the same
    dated = pd.Series(s.to_numpy(), index=pd.DatetimeIndex(period_start(s.index.to_numpy())))
    np.testing.assert_array_equal(pct_change(dated, lag).to_numpy(), out.to_numpy())


@given(monthly_with_gaps())
def test_yoy_on_a_series_with_a_gap_never_compares_across_it(s: pd.Series) -> None:
    out = yoy(s)
    labels = pd.Index(s.index)
    for label, value in zip(labels, out, strict=True):
        year, month = str(label).split("-")
        previous = f"{int(year) - 1}-{month}"
        if previous not in labels:
            assert np.isnan(value)
        elif not (np.isnan(s[str(label)]) or np.isnan(s[previous])):
            assert value == s[str(label)] / s[previous] - 1


def test_a_gap_gives_missing_where_pandas_shift_would_compare_the_wrong_month() -> None:
    labels = [*months("1399-01", 12), *months("1400-02", 11)]  # 1400-01 is absent
    s = pd.Series(np.arange(100.0, 123.0), index=labels)
    assert np.isnan(yoy(s)["1400-02"]) is np.False_  # 1399-02 exists
    assert yoy(s)["1400-02"] == 112.0 / 101.0 - 1
    positional = s.pct_change(12)["1400-02"]  # 112 / 100: Farvardin, the wrong month
    assert positional == 112.0 / 100.0 - 1
    assert np.isnan(pct_change(s)["1400-02"])  # 1400-01 is the month before: absent


def test_series_held_together_are_compared_within_themselves() -> None:
    labels = months("1399-01", 24)
    values = pd.Series(np.arange(48.0) + 1, index=labels * 2)
    key = np.repeat(["tehran", "isfahan"], 24)
    together = yoy(values, by=key)
    for name in ("tehran", "isfahan"):
        alone = yoy(pd.Series(values[key == name].to_numpy(), index=labels))
        np.testing.assert_array_equal(together[key == name].to_numpy(), alone.to_numpy())


def test_quarters_half_years_and_years_compare_with_a_year_earlier() -> None:
    q = pd.Series([1.0, 2.0, 3.0, 4.0, 2.0], index=["1399-Q1", "1399-Q2", "1399-Q3", "1399-Q4",
                                                    "1400-Q1"])  # fmt: skip
    assert yoy(q).tolist()[-1] == 1.0
    assert yoy(pd.Series([2.0, 3.0], index=["1399", "1400"])).tolist()[-1] == 0.5
    h = pd.Series([2.0, 4.0], index=pd.DatetimeIndex(["2020-09-21", "2021-09-22"]))
    np.testing.assert_array_equal(yoy(h, "H").to_numpy(), [np.nan, 1.0])


def test_nullable_values_give_nullable_changes() -> None:
    s = pd.Series([100, None, 121], index=["1399-12", "1400-01", "1400-02"], dtype="Int64")
    out = pct_change(s)
    assert out.dtype == "Float64"
    assert out.isna().tolist() == [True, True, True]
    assert pct_change(s, 2).tolist()[-1] == pytest.approx(0.21)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: yoy(pd.Series([1.0, 2.0], index=["1400-01", "1400-01"])), InvalidDateError,
         "two values for 1400-01 of one series, at positions 0 and 1: give by= to tell series "
         "apart, or aggregate first at position 1"),
        (lambda: yoy(pd.Series([1.0], index=["1400-W05"])), FrequencyError,
         "yoy needs months, quarters, half-years or years: a year holds 53 or 54 weeks"),
        (lambda: pct_change(pd.Series([1.0], index=["1400-07"]), HALF), InputTypeError,
         "periods must be a whole number, got 1.5"),
        (lambda: pct_change(pd.Series(["a"], index=["1400-07"])), InputTypeError,
         "expected numbers, got a Series of dtype str"),
        (lambda: pct_change(pd.Series([1.0], index=["July"])), Exception,
         "could not read 'July' at position 0 as a Jalali period label like '1400-07', "
         "'1400-Q3', '1400-H1', '1400' or '1400-W05'"),
        (lambda: pct_change(pd.Series([1.0, 2.0], index=["1400-07", None])), InvalidDateError,
         "a period label is missing at position 1"),
        (lambda: inflation(pd.Series([1.0], index=["1400-Q1"])), FrequencyError,
         "inflation needs a monthly index, got quarter labels"),
        (lambda: inflation(pd.Series([1.0], index=["1400-01"]), "yearly"), InvalidArgumentError,  # type: ignore[arg-type]
         "kind must be one of point, average, monthly, got 'yearly'"),
        (lambda: rebase(pd.Series([1.0, 2.0], index=["1400-01", "1400-03"]), "1400-Q1"),
         InvalidDateError,
         "the base 1400-Q1 needs 3 month values in each series, found 2 in the series of the "
         "value at position 0"),
        (lambda: rebase(pd.Series([1.0], index=["1400-Q1"]), "1400-01"), InvalidDateError,
         "the base '1400-01' is not made of whole quarters of the index"),
    ],
)  # fmt: skip
def test_refusals_say_why(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


# --- inflation and rebasing ------------------------------------------------------------------


def test_inflation_measures_by_hand() -> None:
    # an index that grows 1% a month for 25 months from 1398-12 (illustrative numbers)
    labels = months("1398-12", 25)
    cpi = pd.Series(100.0 * 1.01 ** np.arange(25), index=labels, name="cpi")
    point = inflation(cpi, "point")
    assert point.name == "cpi"
    assert point.isna().sum() == 12
    np.testing.assert_allclose(point.dropna(), (1.01**12 - 1) * 100)
    np.testing.assert_allclose(inflation(cpi, "monthly").dropna(), 1.0)
    average = inflation(cpi, "average")
    assert average.notna().sum() == 2  # 24 months are needed: 1400-11 and 1400-12
    np.testing.assert_allclose(average.dropna(), (1.01**12 - 1) * 100)
    # a missing month makes every 12-month average that needs it missing
    gappy = cpi.drop("1399-06")
    assert inflation(gappy, "average").notna().sum() == 0
    assert inflation(gappy, "point").notna().sum() == 12  # 1399-12 .. 1400-12 but 1400-06


def test_rebase_makes_the_base_average_100() -> None:
    labels = months("1395-01", 72)
    cpi = pd.Series(np.linspace(50, 400, 72), index=labels)
    out = rebase(cpi, "1400")
    assert out[[f"1400-{m:02d}" for m in range(1, 13)]].mean() == pytest.approx(100)
    np.testing.assert_allclose(out / cpi, (out / cpi).iloc[0])  # one factor
    # 1395=100 -> 1400=100 and back gives the numbers again
    np.testing.assert_allclose(rebase(rebase(cpi, "1400"), "1395"), rebase(cpi, "1395"))
    by = rebase(pd.concat([cpi, 2 * cpi]), "1400", by=np.repeat([0, 1], 72))
    np.testing.assert_allclose(by.to_numpy()[:72], by.to_numpy()[72:])


def test_series_far_apart_in_time_are_looked_up_without_a_table() -> None:
    # 30 series, each two years long but 15 years apart: too sparse for a lookup table
    labels = [label for k in range(30) for label in months(f"{1200 + 15 * k}-01", 24)]
    values = pd.Series(np.arange(720.0) + 1, index=labels)
    key = np.repeat(np.arange(30), 24)
    out = yoy(values, by=key)
    assert out.isna().sum() == 30 * 12
    expected = (values.to_numpy()[12:24] / values.to_numpy()[:12]) - 1
    np.testing.assert_allclose(out.to_numpy()[12:24], expected)
    merged = yoy(values, by=np.where(key == 1, 0, key))  # 15 years apart: nothing compared
    np.testing.assert_array_equal(merged.to_numpy(), out.to_numpy())
    twice = pd.concat([values, values.iloc[[30]]])
    with pytest.raises(InvalidDateError) as info:
        yoy(twice, by=[*key, 1])
    assert info.value.position == 720


def test_long_lags_and_forward_changes_are_by_label_too() -> None:
    labels = months("1390-01", 120)
    s = pd.Series(np.arange(1.0, 121.0), index=labels)
    far = pct_change(s, 100)
    assert far.isna().sum() == 100
    assert far.iloc[-1] == 120.0 / 20.0 - 1
    ahead = pct_change(s, -1)
    assert np.isnan(ahead.iloc[-1])
    assert ahead.iloc[0] == 1.0 / 2.0 - 1


def test_rebase_needs_a_label() -> None:
    with pytest.raises(InputTypeError) as info:
        rebase(pd.Series([1.0], index=["1400"]), HALF)
    assert str(info.value) == "base must be a Jalali period label such as '1400', got 1.5"


# --- plain dates: read straight from datetime64, the same answers -------------------------


@st.composite
def dated_panel(draw: st.DrawFn) -> tuple[pd.Series, np.ndarray, str]:
    """Several series of dated values (any time of day, any unit), with gaps, in any order."""
    unit = draw(st.sampled_from(["s", "ms", "us", "ns"]))
    count = draw(st.integers(1, 40))
    start = draw(st.sampled_from(["1320-01", "1348-09", "1399-07", "1402-11"]))  # 1941..2024
    firsts = np.asarray(period_start(months(start, count)), dtype="datetime64[D]")
    month = np.array(draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=80)))
    series = np.array(draw(st.lists(st.integers(-2, 2), min_size=month.size, max_size=month.size)))
    pairs = np.unique(np.stack([series, month]), axis=1)  # one value per (series, month)
    series, month = pairs
    offset = draw(
        st.lists(st.integers(0, 28 * 86_400 - 1), min_size=month.size, max_size=month.size)
    )
    when = firsts[month].astype(f"datetime64[{unit}]") + np.array(offset, "timedelta64[s]")
    order = np.random.default_rng(count).permutation(month.size) if draw(st.booleans()) else None
    values = np.arange(1.0, month.size + 1.0)
    labels = np.array(months(start, count))[month]
    if order is not None:
        when, values, series, labels = when[order], values[order], series[order], labels[order]
    return pd.Series(values, index=pd.DatetimeIndex(when)), series, labels


def expected_change(
    dated: pd.Series, series: np.ndarray, labels: np.ndarray, lag: int
) -> list[float]:
    """The oracle: a dictionary of (series, Jalali month label) -> value, read by label."""
    seen = {(k, lab): v for k, lab, v in zip(series, labels, dated.to_numpy(), strict=True)}
    grid = months("1319-01", 12 * 90)
    position = {lab: i for i, lab in enumerate(grid)}
    return [
        v / seen.get((k, grid[position[lab] - lag]), np.nan) - 1
        for k, lab, v in zip(series, labels, dated.to_numpy(), strict=True)
    ]


@given(dated_panel(), st.sampled_from([1, 3, 12, -2]))
def test_plain_dates_give_the_change_of_their_labels(
    case: tuple[pd.Series, np.ndarray, np.ndarray], lag: int
) -> None:
    dated, series, labels = case
    by_label = pd.Series(dated.to_numpy(), index=labels)
    out = pct_change(dated, lag, by=series)
    np.testing.assert_allclose(out.to_numpy(), expected_change(dated, series, labels, lag))
    np.testing.assert_array_equal(pct_change(by_label, lag, by=series).to_numpy(), out.to_numpy())
    given_dates = pct_change(
        pd.Series(dated.to_numpy()), lag, dates=dated.index.to_numpy(), by=series
    )
    np.testing.assert_array_equal(given_dates.to_numpy(), out.to_numpy())
    if lag == 12:
        np.testing.assert_array_equal(yoy(dated, by=series).to_numpy(), out.to_numpy())


# --- the sorted route (isipo_stats._lag): rows in (series, date) order, read in blocks ------


@given(dated_panel(), st.sampled_from([1, 2, 12, 13]), st.integers(1, 9))
def test_the_sorted_route_answers_alike_for_any_block_size_or_refuses_unsorted_rows(
    case: tuple[pd.Series, np.ndarray, np.ndarray], lag: int, block: int
) -> None:
    dated, series, labels = case
    times = dated.index.to_numpy()
    per_day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}.get(
        np.datetime_data(times.dtype)[0], 86_400 * 10**9
    )
    out = _lag.lagged_change(
        times.view(np.int64), per_day, 1, series - series.min(), dated.to_numpy(), lag, block=block
    )
    pairs = list(zip(series.tolist(), labels.tolist(), strict=True))  # labels sort as months
    if all(a < b for a, b in itertools.pairwise(pairs)):
        assert out is not None
        np.testing.assert_allclose(out, expected_change(dated, series, labels, lag))
    else:
        assert out is None  # the general route sorts, or names the repeated month


def test_sorted_rows_take_the_sorted_route_and_never_locate_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        msg = "the general route was taken"
        raise AssertionError(msg)

    when = pd.DatetimeIndex(period_start(months("1398-01", 30)))
    values = pd.Series(np.arange(100.0, 130.0), index=when)
    monkeypatch.setattr(change, "_locate", refuse)
    out = yoy(values)
    np.testing.assert_allclose(
        out.to_numpy()[12:], np.arange(112.0, 130.0) / np.arange(100.0, 118.0) - 1
    )
    assert out.iloc[:12].isna().all()
    with pytest.raises(AssertionError, match="general route"):
        yoy(values.iloc[::-1])  # not in date order: the general route


def test_the_sorted_route_gives_what_the_general_route_gives_on_zeros_and_gaps() -> None:
    when = pd.DatetimeIndex(period_start(["1399-01", "1399-02", "1399-04", "1400-01", "1400-02"]))
    s = pd.Series([0.0, np.nan, 5.0, 3.0, 4.0], index=when)
    sorted_route = yoy(s).to_numpy()
    general_route = yoy(s.iloc[::-1]).to_numpy()[::-1]
    np.testing.assert_array_equal(sorted_route, general_route)
    np.testing.assert_array_equal(sorted_route, [np.nan, np.nan, np.nan, np.inf, np.nan])
    np.testing.assert_array_equal(
        pct_change(s, 3).to_numpy(), [np.nan, np.nan, np.inf, np.nan, np.nan]
    )
    assert pct_change(s.iloc[:2], 5).isna().all()  # a lag beyond the rows


def test_a_missing_or_unsupported_date_in_sorted_rows_is_named_by_the_general_route() -> None:
    good = list(period_start(months("1399-01", 13)))
    for bad, position in ((0, 0), (6, 6), (12, 12)):
        when = [*good[:bad], None, *good[bad + 1 :]]
        with pytest.raises(InvalidDateError, match=f"a date is missing at position {position}"):
            yoy(pd.Series(np.ones(13), index=pd.DatetimeIndex(when)))
    late = pd.DatetimeIndex([*good, pd.Timestamp("2400-01-01")])  # after the supported years
    with pytest.raises(Exception, match=r"date must be in 1821-03-21\.\.2321-03-20"):
        yoy(pd.Series(np.ones(14), index=late))
    days = np.array([18707, 18738], np.int64)
    too_many = np.array([0, 2**40], np.int64)  # keys this far apart could reach the fences
    assert _lag.lagged_change(days, 1, 1, too_many, np.ones(2), 1) is None


def test_plain_dates_repeated_in_a_month_are_refused_sorted_or_not() -> None:
    when = pd.to_datetime(
        ["2021-03-21", "2021-04-21", "2021-04-25", "2021-05-22"]
    )  # Ordibehesht twice
    for index in (when, when[::-1]):
        with pytest.raises(InvalidDateError) as info:
            yoy(pd.Series([1.0, 2.0, 3.0, 4.0], index=index))
        assert str(info.value).startswith("two values for 1400-02 of one series, at positions")
        assert info.value.position == 2


def test_plain_dates_before_1970_and_out_of_range_or_missing() -> None:
    when = pd.to_datetime(["1941-03-21", "1942-03-21", "1942-04-21"])  # 1320-01, 1321-01, -02
    out = yoy(pd.Series([100.0, 110.0, 5.0], index=when))
    np.testing.assert_allclose(out.to_numpy(), [np.nan, 0.1, np.nan])
    with pytest.raises(InvalidDateError, match="a date is missing at position 1"):
        yoy(pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2021-03-21", None])))
    with pytest.raises(Exception, match=r"date must be in 1821-03-21\.\.2321-03-20"):
        yoy(pd.Series([1.0], index=pd.DatetimeIndex(["1800-01-01"])))
