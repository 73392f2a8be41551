"""Properties under hostile input: the generators of ``tests/strategies.py`` at work.

Each property compares an answer with the same computation on clean input:

* a date in any dtype (numpy units, time zones, Arrow, categorical, objects, jdatetime) is
  the same date as a plain ``datetime64[D]`` value;
* a missing value (None, NaN, ``pd.NA``, NaT) in any argument gives a missing answer for
  its row, never a number, and leaves the other rows as they are without it;
* integers stay integers, exact at the edges of int64, or are refused when a sum does not
  fit (a Python-int oracle decides which);
* Series arguments are matched by index label, and refused when the labels differ.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import _kernel
from isipo_stats.errors import IndexAlignmentError, IntegerOverflowError
from tests.strategies import (
    INT64_MAX,
    INT64_MIN,
    MISSING,
    dates_in_any_dtype,
    day_numbers,
    extreme_ints,
    is_missing,
    missing_values,
    other_labels,
    reference_dates,
    shuffled,
    unique_labels,
)


def plain(values: Any) -> list[Any]:
    """Values as a list, every missing value as None (to compare answers of any dtype)."""
    if isinstance(values, pd.DataFrame):
        return [plain(values[c]) for c in values.columns]
    return [None if is_missing(v) else v for v in list(values)]


# --- dates in every dtype ------------------------------------------------------------------


@given(dates_in_any_dtype(), st.sampled_from(["M", "Q", "H", "Y"]))
def test_a_date_in_any_dtype_is_the_same_date(kind_dates: Any, freq: Any) -> None:
    kind, dates, days = kind_dates
    reference = reference_dates(days)
    for function in (ist.to_jalali, ist.day_of_year, ist.quarter, ist.format_jalali):
        assert plain(function(dates)) == plain(function(reference)), (kind, function)
    labels = ist.period_labels(dates, freq)
    assert plain(labels) == plain(ist.period_labels(reference, freq)), kind


@given(dates_in_any_dtype(min_size=1, max_size=1))
def test_a_span_contains_a_date_of_any_dtype_on_its_day(kind_dates: Any) -> None:
    kind, dates, days = kind_dates
    one = dates.iloc[0] if isinstance(dates, pd.Series) else dates[0]
    if days[0] is None:
        assert not ist.year_span(1400).contains(one)
        return
    year = int(_kernel.year_of(np.array(days))[0])
    assert ist.year_span(year).contains(one), kind
    neighbour = year + 1 if year < _kernel.LAST_YEAR else year - 1
    assert not ist.year_span(neighbour).contains(one), kind


# --- missing values in every argument ------------------------------------------------------

containers = st.sampled_from(["list", "object array", "Series", "nullable Series"])


def contain(values: list[Any], container: str) -> Any:
    if container == "list":
        return values
    if container == "object array":
        return np.array(values, dtype=object)
    if container == "Series":
        return pd.Series(values, dtype=object)
    return pd.Series([pd.NA if is_missing(v) else v for v in values], dtype="Int64")


@st.composite
def fields_with_missing(draw: st.DrawFn) -> tuple[list[Any], list[Any], list[Any], list[int]]:
    """Jalali (year, month, day) rows, some fields missing; the day numbers of whole rows.

    A row with a missing field may hold any year, month 1-12 and day 1-31: whether the
    day exists in that month cannot be known, so the row is missing (no error).
    """
    days = draw(st.lists(day_numbers, min_size=1, max_size=8))
    year, month, day = (a.tolist() for a in _kernel.fields(np.array(days)))
    for i in range(len(days)):
        holes = draw(st.sets(st.sampled_from([0, 1, 2]), max_size=3))
        for hole in holes:
            (year, month, day)[hole][i] = draw(missing_values)
        if holes and 2 not in holes:
            day[i] = draw(st.integers(1, 31))
    return year, month, day, days


@given(fields_with_missing(), containers, containers, containers)
def test_to_gregorian_missing_field_gives_nat_and_other_rows_as_alone(
    fields: Any, year_as: str, month_as: str, day_as: str
) -> None:
    year, month, day, days = fields
    got = ist.to_gregorian(contain(year, year_as), contain(month, month_as), contain(day, day_as))
    for i, value in enumerate(got):
        if is_missing(year[i]) or is_missing(month[i]) or is_missing(day[i]):
            assert value is pd.NaT
        else:
            assert value == pd.Timestamp(np.datetime64(days[i], "D"))


@pytest.mark.parametrize("missing", MISSING)
def test_a_missing_year_gives_nat_whatever_the_day(missing: object) -> None:
    # 30 Esfand exists only in leap years: without the year it cannot be checked
    got = ist.to_gregorian([1399, missing, missing, 1403], [12, 12, missing, 12], [30, 30, 31, 30])
    assert plain(got) == [pd.Timestamp("2021-03-20"), None, None, pd.Timestamp("2025-03-20")]
    for fields in ([1400, missing, 31], [missing, 13 - 1, missing], [1400, 12, missing]):
        assert plain(ist.to_gregorian(*fields)) == [None]


@given(fields_with_missing())
def test_days_in_month_and_is_leap_missing_gives_na(fields: Any) -> None:
    year, month, _, _ = fields
    years = pd.Series(year, dtype=object)
    months = pd.Series(month, dtype=object)
    lengths = plain(ist.days_in_month(years, months))
    leap = plain(ist.is_leap(years))
    for i in range(len(year)):
        if is_missing(year[i]) or is_missing(month[i]):
            assert lengths[i] is None
        else:
            assert lengths[i] == ist.days_in_month(int(year[i]), int(month[i]))
        assert leap[i] == (None if is_missing(year[i]) else ist.is_leap(int(year[i])))


@pytest.mark.parametrize("missing", MISSING)
@pytest.mark.parametrize(
    "call",
    [
        ist.is_leap,
        lambda m: ist.days_in_month(m, 1),
        lambda m: ist.days_in_month(1400, m),
        ist.quarter,
        ist.day_of_year,
        ist.format_jalali,
        ist.period_labels,
        lambda m: ist.to_jalali(m).iloc[0].tolist(),
        lambda m: ist.jalali_date(1400, m, 1),
        lambda m: ist.year_label([m]).tolist(),
        lambda m: ist.to_gregorian(1400, 1, m).tolist(),
        lambda m: ist.parse_jalali([m])["start"].tolist(),
    ],
)
def test_a_missing_scalar_gives_a_missing_answer_never_a_number(call: Any, missing: object) -> None:
    assert plain(np.atleast_1d(np.asarray(call(missing), dtype=object))) in ([None], [None] * 3)


@pytest.mark.parametrize("missing", MISSING)
@pytest.mark.parametrize(
    "call",
    [
        ist.year_span,
        lambda m: ist.month_span(m, 7),
        lambda m: ist.month_span(1400, m),
        lambda m: ist.quarter_span(m, 1),
        lambda m: ist.quarter_span(1400, m),
        lambda m: ist.months_span(1400, 1, m),
    ],
)
def test_spans_refuse_every_missing_value(call: Any, missing: object) -> None:
    with pytest.raises(ist.InvalidDateError, match=r"must be given, got .* at position 0"):
        call(missing)


# --- series: missing values, dtypes and extreme integers ----------------------------------

DTYPES = ["int64", "Int64", "int64[pyarrow]", "float64", "Float64", "double[pyarrow]"]
INTEGER = {"int64", "Int64", "int64[pyarrow]"}
# what each dtype gives back: integer results, and float results (means)
RESULT_DTYPE = {
    "int64": ("int64", "float64"),
    "Int64": ("Int64", "Float64"),
    "int64[pyarrow]": ("Int64", "Float64"),
    "float64": ("float64", "float64"),
    "Float64": ("Float64", "Float64"),
    "double[pyarrow]": ("Float64", "Float64"),
}


@st.composite
def flows(draw: st.DrawFn) -> tuple[pd.Series, list[Any], list[Any], str]:
    """A Series of numbers on a DatetimeIndex, with its values (None where missing) and keys.

    Dates fall within a few Jalali years so that runs are long; keys include missing ones.
    """
    dtype = draw(st.sampled_from(DTYPES))
    n = draw(st.integers(1, 10))
    first = draw(st.integers(_kernel.FIRST_DAY, _kernel.LAST_DAY - 800))
    days = draw(st.lists(st.integers(first, first + 800), min_size=n, max_size=n))
    # floats holding whole numbers: every order of summation gives the same sums
    numbers = extreme_ints if dtype in INTEGER else st.integers(-(2**40), 2**40).map(float)
    if dtype == "float64":
        numbers = st.one_of(numbers, st.sampled_from([np.inf, -np.inf]))
    can_miss = dtype != "int64"
    values = draw(
        st.lists(st.one_of(numbers, st.none()) if can_miss else numbers, min_size=n, max_size=n)
    )
    keys = draw(st.lists(st.sampled_from(["a", "b", None, np.nan]), min_size=n, max_size=n))
    index = pd.DatetimeIndex(reference_dates(days).astype("datetime64[us]"))
    series = pd.Series(values, index=index, dtype=dtype)
    return series, values, keys, dtype


def _runs(series: pd.Series, keys: list[Any]) -> dict[Any, list[int]]:
    """Rows of each (key, Jalali year) run, in date order (rows of one date as given)."""
    years = ist.to_jalali(series.index)["year"].tolist()
    runs: dict[Any, list[int]] = {}
    for i in sorted(range(len(series)), key=lambda i: (series.index[i], i)):
        key = None if is_missing(keys[i]) else keys[i]
        runs.setdefault((key, years[i]), []).append(i)
    return runs


def _fits(value: int | float) -> bool:
    return not isinstance(value, int) or INT64_MIN <= value <= INT64_MAX


def _outcome(function: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except IntegerOverflowError as err:
        return err


def _check(result: Any, expected: list[Any], dtype: str, *, mean: bool = False) -> None:
    """The answer is the oracle's (or the overflow it predicts), in the kept dtype."""
    if any(not _fits(v) for v in expected if v is not None):
        assert isinstance(result, IntegerOverflowError), expected
        assert result.position is not None
        return
    assert not isinstance(result, Exception), result
    assert str(result.dtype) == RESULT_DTYPE[dtype][1 if mean else 0]
    got = plain(result)
    if dtype in INTEGER and not mean:
        assert got == expected
    else:
        np.testing.assert_allclose(
            np.array([np.nan if v is None else v for v in got], dtype=float),
            np.array([np.nan if v is None else v for v in expected], dtype=float),
            rtol=1e-12,
        )


def _python_sum(values: list[Any]) -> Any:
    total: Any = 0
    for value in values:
        total = total + value  # Python ints: exact; floats: inf and -inf give nan
    return total


@given(flows())
def test_year_to_date_equals_running_sums_of_the_known_values(case: Any) -> None:
    series, values, keys, dtype = case
    expected: list[Any] = [None] * len(values)
    for rows in _runs(series, keys).values():
        known = [i for i in rows if values[i] is not None]
        for j, i in enumerate(known):
            expected[i] = _python_sum([values[k] for k in known[: j + 1]])
    _check(_outcome(ist.year_to_date, series, by=keys, gaps="skip"), expected, dtype)


@given(flows())
def test_from_year_to_date_differences_from_the_last_known_value(case: Any) -> None:
    series, values, keys, dtype = case
    expected: list[Any] = [None] * len(values)
    for rows in _runs(series, keys).values():
        known = [i for i in rows if values[i] is not None]
        for j, i in enumerate(known):
            expected[i] = values[i] - (values[known[j - 1]] if j else 0)
    result = _outcome(ist.from_year_to_date, series, by=keys)
    _check(result, expected, dtype)
    if (
        all(_fits(v) for v in expected if v is not None)
        and np.isfinite(series.to_numpy(dtype=float, na_value=0)).all()
    ):
        # and year_to_date gives the values back, missing ones included
        back = ist.year_to_date(result, by=keys, gaps="skip")
        np.testing.assert_allclose(
            back.to_numpy(dtype=float, na_value=np.nan),
            series.to_numpy(dtype=float, na_value=np.nan),
            rtol=1e-12,
        )


AGGREGATIONS: dict[str, Callable[[list[Any]], Any]] = {
    "sum": _python_sum,
    "mean": lambda v: _python_sum(v) / len(v),
    "count": len,
    "min": min,
    "max": max,
    "first": lambda v: v[0],
    "last": lambda v: v[-1],
}


@given(flows(), st.sampled_from(["M", "Q", "H", "Y"]), st.sampled_from(sorted(AGGREGATIONS)))
def test_aggregate_equals_the_computation_on_the_known_values(
    case: Any, freq: Any, how: Any
) -> None:
    series, values, keys, dtype = case
    labels = ist.period_labels(series.index, freq).tolist()
    groups: dict[Any, list[Any]] = {}
    for i in sorted(range(len(values)), key=lambda i: (series.index[i], i)):
        key = (None if is_missing(keys[i]) else keys[i], labels[i])
        groups.setdefault(key, [])
        if values[i] is not None:
            groups[key].append(values[i])
    expected = {
        key: AGGREGATIONS[how](known) if known or how == "count" else None
        for key, known in groups.items()
    }
    if how == "mean" and dtype in INTEGER:  # the oracle's mean of Python ints is exact
        expected = {k: None if v is None else float(v) for k, v in expected.items()}
    result = _outcome(ist.aggregate, series, freq=freq, how=how, by=keys)
    if isinstance(result, IntegerOverflowError):
        _check(result, list(expected.values()), dtype)
        return
    order = [(None if is_missing(a) else a, b) for a, b in result.index]
    assert sorted(order, key=str) == sorted(expected, key=str)  # every row kept: no group lost
    if how == "count":
        assert str(result.dtype) == "int64"
        assert result.tolist() == [expected[k] for k in order]
    else:
        _check(result, [expected[k] for k in order], dtype, mean=how == "mean")


@given(
    st.lists(st.tuples(day_numbers, st.integers(0, 400)), min_size=1, max_size=5),
    st.lists(st.one_of(st.floats(-1e6, 1e6), missing_values), min_size=5, max_size=5),
    st.sampled_from(["gregorian_year", "jalali_quarter", "jalali_month"]),
)
def test_calendarize_missing_flow_gives_missing_pieces_and_keeps_its_days(
    spans: list[tuple[int, int]], values: list[Any], to: Any
) -> None:
    spans = [(a, min(a + n, _kernel.LAST_DAY)) for a, n in spans]
    values = values[: len(spans)]
    start = reference_dates([a for a, _ in spans])
    end = reference_dates([b for _, b in spans])
    clean = [0.0 if is_missing(v) else v for v in values]
    got = ist.calendarize(values, start, end, to=to)
    alone = ist.calendarize(clean, start, end, to=to)
    pd.testing.assert_frame_equal(got.drop(columns="value"), alone.drop(columns="value"))
    missing = np.array([is_missing(values[r]) for r in got["row"]])
    assert got["value"][missing].isna().all()
    np.testing.assert_array_equal(got["value"][~missing], alone["value"][~missing])


# --- Series arguments matched by index label -----------------------------------------------


@st.composite
def labelled_dates(draw: st.DrawFn) -> tuple[pd.Index, list[int], np.ndarray, np.ndarray]:
    """Distinct labels for some dates, and two orders in which other Series may hold them."""
    days = draw(st.lists(day_numbers, min_size=1, max_size=8))
    index = draw(unique_labels(len(days)))
    return index, days, draw(shuffled(index)), draw(shuffled(index))


def in_order(values: Any, index: pd.Index, order: np.ndarray) -> pd.Series:
    """``values`` (positional, matching ``index``) as a Series holding the rows in ``order``."""
    return pd.Series(np.asarray(values)[order], index=index[order])


@given(labelled_dates())
def test_calendar_series_arguments_are_matched_by_index_label(case: Any) -> None:
    index, days, order_m, order_d = case
    year, month, day = _kernel.fields(np.array(days))
    got = ist.to_gregorian(
        pd.Series(year, index=index), in_order(month, index, order_m), in_order(day, index, order_d)
    )
    assert got.index.equals(index)
    assert got.tolist() == [pd.Timestamp(np.datetime64(d, "D")) for d in days]
    lengths = ist.days_in_month(pd.Series(year, index=index), in_order(month, index, order_m))
    assert lengths.tolist() == _kernel.month_length(year, month).tolist()


@given(labelled_dates(), st.data())
def test_series_functions_match_values_dates_and_keys_by_label(case: Any, data: Any) -> None:
    index, days, order_dates, order_keys = case
    values = pd.Series(np.arange(len(days)) * 10 + 1, index=index, dtype="int64")
    keys = data.draw(st.lists(st.sampled_from(["a", "b"]), min_size=len(days), max_size=len(days)))
    dates = reference_dates(days)
    by_label = {
        "dates": in_order(dates, index, order_dates),
        "by": in_order(keys, index, order_keys),
    }
    year_to_date: Any = partial(ist.year_to_date, gaps="skip")  # any dates: gaps are not tested
    for function in (year_to_date, ist.from_year_to_date):
        expected = function(values, dates, by=keys)
        pd.testing.assert_series_equal(function(values, **by_label), expected)
    pd.testing.assert_series_equal(
        ist.aggregate(values, by_label["dates"], by=by_label["by"]),
        ist.aggregate(values, dates, by=keys),
    )
    spans = ist.calendarize(values, by_label["dates"], in_order(dates, index, order_keys))
    pd.testing.assert_frame_equal(spans, ist.calendarize(values, dates, dates))


@given(labelled_dates(), st.data())
def test_series_arguments_with_other_labels_are_refused(case: Any, data: Any) -> None:
    index, days, _, _ = case
    other = data.draw(other_labels(index))
    year, month, day = _kernel.fields(np.array(days))
    dates = pd.Series(reference_dates(days), index=index)
    values = pd.Series(np.ones(len(days)), index=other)
    calls: list[Callable[[], object]] = [
        lambda: ist.to_gregorian(pd.Series(year, index=index), pd.Series(month, index=other), day),
        lambda: ist.days_in_month(pd.Series(year, index=other), pd.Series(month, index=index)),
        lambda: ist.year_to_date(values, dates),
        lambda: ist.from_year_to_date(values, dates),
        lambda: ist.aggregate(values, dates),
        lambda: ist.calendarize(values, dates, dates),
        lambda: ist.year_to_date(dates.map(lambda _: 1.0), dates, by=pd.Series(1, index=other)),
    ]
    for call in calls:
        with pytest.raises(IndexAlignmentError, match="indexes hold different labels"):
            call()


# --- extreme integers elsewhere ------------------------------------------------------------


@given(extreme_ints, st.integers(1, 12), st.integers(1, 31))
def test_extreme_years_are_refused_never_wrapped(year: int, month: int, day: int) -> None:
    valid = _kernel.FIRST_YEAR <= year <= _kernel.LAST_YEAR and day <= ist.days_in_month(
        min(max(year, _kernel.FIRST_YEAR), _kernel.LAST_YEAR), month
    )
    if not valid:
        with pytest.raises((ist.CalendarRangeError, ist.InvalidDateError)) as info:
            ist.to_gregorian(year, month, day)
        assert info.value.position == 0
        return
    back = ist.to_jalali(ist.to_gregorian(year, month, day)).iloc[0].tolist()
    assert back == [year, month, day]


def test_span_arguments_are_one_whole_number() -> None:
    assert ist.month_span(np.int64(1400), np.int8(7)) == ist.month_span(1400, 7)
    assert ist.year_span(1400.0) == ist.year_span(1400)  # type: ignore[call-overload]
