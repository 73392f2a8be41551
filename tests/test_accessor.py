"""The .isipo accessors: equivalence with the functions, preservation, refusal, jdatetime."""

from __future__ import annotations

import datetime as dt
import gc
import inspect
import pickle
import subprocess
import sys
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import jdatetime
import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import given as for_all
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import _fields
from isipo_stats._fields import FIELDS, dates_of
from isipo_stats.accessor import IsipoFrameAccessor, IsipoSeriesAccessor
from tests.strategies import FIRST_DATE, LAST_DATE

# ---------------------------------------------------------------------------------------
# helpers and data


def isipo(obj: pd.Series) -> IsipoSeriesAccessor:
    """``obj.isipo``, typed (type checkers cannot see registered accessors)."""
    return cast(IsipoSeriesAccessor, obj.isipo)


def frame_isipo(obj: pd.DataFrame) -> IsipoFrameAccessor:
    return cast(IsipoFrameAccessor, obj.isipo)


# Both sides of Nowruz 1400 (1399 is leap: 30 Esfand exists), a 29-day Esfand (1400), month
# and quarter boundaries, a time of day.
DATES = pd.to_datetime(
    [
        "2021-03-19",  # 1399-12-29
        "2021-03-20 18:30",  # 1399-12-30
        "2021-03-21",  # 1400-01-01
        "2021-06-21",  # 1400-03-31
        "2021-06-22",  # 1400-04-01
        "2021-10-22",  # 1400-07-30
        "2022-03-20",  # 1400-12-29
        "2025-03-21",  # 1404-01-01
    ],
    format="ISO8601",
)
LABELS = [f"r{i}" for i in range(len(DATES))]

INT_FIELDS = ["year", "month", "day", "quarter", "dayofyear", "days_in_month", "weekday", "week"]
BOOL_FIELDS = [
    "is_leap_year",
    "is_month_start",
    "is_month_end",
    "is_quarter_start",
    "is_quarter_end",
    "is_half_start",
    "is_half_end",
    "is_year_start",
    "is_year_end",
]
FIELD_NAMES = INT_FIELDS + BOOL_FIELDS


def date_values(dates: pd.DatetimeIndex = DATES) -> pd.Series:
    """Datetime values on a non-date index, with a name: the accessor reads the values."""
    return pd.Series(dates, index=[f"r{i}" for i in range(len(dates))], name="asof")


def date_indexed(dates: pd.DatetimeIndex = DATES) -> pd.Series:
    """Numbers on a DatetimeIndex (whose own name differs): the accessor reads the index."""
    values = np.arange(1.0, len(dates) + 1.0)
    return pd.Series(values, index=dates.rename("when"), name="units")


def given(s: pd.Series) -> pd.Series | pd.Index:
    """What the functions are given: the datetime64 values, or the DatetimeIndex."""
    return s if s.dtype.kind == "M" or isinstance(s.dtype, pd.DatetimeTZDtype) else s.index


def like(s: pd.Series, expected: Any, dtype: Any = None) -> pd.Series:
    """Expected values with the caller's index and name."""
    values = expected.to_numpy() if isinstance(expected, (pd.Series, pd.Index)) else expected
    out_dtype = dtype if dtype is not None else getattr(expected, "dtype", None)
    return pd.Series(values, index=s.index, name=s.name, dtype=out_dtype)


SHAPES = pytest.mark.parametrize("make", [date_values, date_indexed], ids=["values", "index"])


Dates = pd.Series | pd.Index


def _jalali(column: str) -> Callable[[Dates], pd.Series]:
    return lambda dates: ist.to_jalali(dates)[column]


def _days_in_month(dates: Dates) -> pd.Series:
    fields = ist.to_jalali(dates)
    return pd.Series(ist.days_in_month(fields.year, fields.month), dtype="Int64")


def _is_leap_year(dates: Dates) -> pd.Series:
    leap: pd.Series = ist.is_leap(ist.to_jalali(dates).year)
    return leap.astype(bool)  # nullable "boolean" from the function; no NaT here


def _is_month_start(dates: Dates) -> pd.Series:
    return (ist.to_jalali(dates).day == 1).astype(bool)


def _is_month_end(dates: Dates) -> pd.Series:
    return (ist.to_jalali(dates).day == _days_in_month(dates).to_numpy()).astype(bool)


def _is_year_start(dates: Dates) -> pd.Series:
    return (ist.day_of_year(dates) == 1).astype(bool)


def _is_year_end(dates: Dates) -> pd.Series:
    length = 365 + _is_leap_year(dates).to_numpy().astype(int)
    return (ist.day_of_year(dates) == length).astype(bool)


def _is_first_of(months: set[int]) -> Callable[[Dates], pd.Series]:
    def first(dates: Dates) -> pd.Series:
        fields = ist.to_jalali(dates)
        return (fields.month.isin(months) & (fields.day == 1)).astype(bool)

    return first


def _is_last_of(months: set[int]) -> Callable[[Dates], pd.Series]:
    def last(dates: Dates) -> pd.Series:
        fields = ist.to_jalali(dates)
        return (fields.month.isin(months) & _is_month_end(dates)).astype(bool)

    return last


def _tehran(dates: Dates) -> pd.DatetimeIndex:
    """The dates on Tehran's wall clock (the library reads aware dates there)."""
    index = pd.DatetimeIndex(dates)
    return index if index.tz is None else index.tz_convert("Asia/Tehran").tz_localize(None)


def _weekday(dates: Dates) -> pd.Series:
    """Saturday = 0: pandas counts Monday = 0, so Saturday (5) becomes 0."""
    return pd.Series((_tehran(dates).day_of_week + 2) % 7, dtype="Int64")


def _week(dates: Dates) -> pd.Series:
    """jdatetime's week number, one date at a time."""
    days = _tehran(dates).date
    return pd.Series(
        [jdatetime.date.fromgregorian(date=d).weeknumber() for d in days], dtype="Int64"
    )


# accessor field -> the same computed with the module functions (dates without NaT)
FUNCTIONS: dict[str, Callable[[Dates], pd.Series]] = {
    "year": _jalali("year"),
    "month": _jalali("month"),
    "day": _jalali("day"),
    "quarter": ist.quarter,
    "dayofyear": ist.day_of_year,
    "days_in_month": _days_in_month,
    "weekday": _weekday,
    "week": _week,
    "is_leap_year": _is_leap_year,
    "is_month_start": _is_month_start,
    "is_month_end": _is_month_end,
    "is_quarter_start": _is_first_of({1, 4, 7, 10}),
    "is_quarter_end": _is_last_of({3, 6, 9, 12}),
    "is_half_start": _is_first_of({1, 7}),
    "is_half_end": _is_last_of({6, 12}),
    "is_year_start": _is_year_start,
    "is_year_end": _is_year_end,
}


# ---------------------------------------------------------------------------------------
# (a) accessor == function


def test_every_generated_field_is_tested_and_named_as_pandas_names_it() -> None:
    assert [field.name for field in FIELDS] == list(FUNCTIONS) == FIELD_NAMES
    # pandas has no half-years, and no week of the year since 2.0 (isocalendar instead)
    jalali_only = {"is_half_start", "is_half_end", "week"}
    assert set(FIELD_NAMES) - jalali_only <= set(dir(pd.Series([pd.Timestamp(0)]).dt))


@SHAPES
@pytest.mark.parametrize("field", FIELD_NAMES)
def test_field_equals_function(make: Callable[[], pd.Series], field: str) -> None:
    s = make()
    expected = FUNCTIONS[field](given(s))
    pd.testing.assert_series_equal(getattr(isipo(s), field), like(s, expected))


@SHAPES
@pytest.mark.parametrize("locale", ["en", "fa"])
def test_month_name_equals_format_jalali(make: Callable[[], pd.Series], locale: Any) -> None:
    s = make()
    expected = ist.format_jalali(given(s), "%B", locale=locale)
    pd.testing.assert_series_equal(isipo(s).month_name(locale), like(s, expected))


@SHAPES
@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d %B %Y", "%j/%q %%"])
def test_strftime_equals_format_jalali(make: Callable[[], pd.Series], fmt: str) -> None:
    s = make()
    expected = ist.format_jalali(given(s), fmt)
    pd.testing.assert_series_equal(isipo(s).strftime(fmt), like(s, expected))
    persian = ist.format_jalali(given(s), fmt, locale="fa")
    pd.testing.assert_series_equal(isipo(s).strftime(fmt, locale="fa"), like(s, persian))


@SHAPES
@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
def test_to_period_equals_period_labels(make: Callable[[], pd.Series], freq: Any) -> None:
    s = make()
    expected = ist.period_labels(given(s), freq)
    pd.testing.assert_series_equal(isipo(s).to_period(freq), like(s, expected))


def test_to_period_labels_sort_in_time_order() -> None:
    s = date_values()
    for freq in ("M", "Q", "Y"):
        labels = isipo(s).to_period(freq)
        assert labels.tolist() == sorted(labels.tolist())


@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
@pytest.mark.parametrize("how", ["sum", "mean", "first", "last", "count", "min", "max"])
def test_resample_equals_aggregate(freq: Any, how: str) -> None:
    s = date_indexed()
    result = getattr(isipo(s).resample(freq), how)()
    pd.testing.assert_series_equal(result, ist.aggregate(s, freq=freq, how=how))  # type: ignore[arg-type]


def test_year_to_date_functions_equal() -> None:
    s = date_indexed()
    pd.testing.assert_series_equal(
        isipo(s).year_to_date(gaps="skip"), ist.year_to_date(s, gaps="skip")
    )
    pd.testing.assert_series_equal(isipo(s).from_year_to_date(), ist.from_year_to_date(s))
    groups = ["a", "b"] * (len(s) // 2)
    pd.testing.assert_series_equal(
        isipo(s).year_to_date(by=groups, gaps="nan"), ist.year_to_date(s, by=groups, gaps="nan")
    )


@pytest.mark.parametrize(
    "to", ["gregorian_year", "gregorian_month", "jalali_year", "jalali_quarter", "jalali_month"]
)
def test_calendarize_equals_function(to: Any) -> None:
    s = date_indexed()
    # default: each value is a flow over its index date
    pd.testing.assert_frame_equal(
        isipo(s).calendarize(to), ist.calendarize(s, s.index, s.index, to=to)
    )
    start = pd.DatetimeIndex(s.index) - pd.Timedelta(days=40)
    pd.testing.assert_frame_equal(
        isipo(s).calendarize(to, start=start), ist.calendarize(s, start, s.index, to=to)
    )


# ---------------------------------------------------------------------------------------
# (b) index, name, dtype; NaT; time zones; units


@SHAPES
@pytest.mark.parametrize("field", FIELD_NAMES)
def test_index_name_and_dtype_are_kept(make: Callable[[], pd.Series], field: str) -> None:
    s = make()
    out = getattr(isipo(s), field)
    assert out.index is s.index
    assert out.name == s.name
    assert out.dtype == ("Int64" if field in INT_FIELDS else np.bool_)


def test_fields_by_hand() -> None:
    s = date_values()
    acc = isipo(s)
    assert acc.year.tolist() == [1399, 1399, 1400, 1400, 1400, 1400, 1400, 1404]
    assert acc.month.tolist() == [12, 12, 1, 3, 4, 7, 12, 1]
    assert acc.day.tolist() == [29, 30, 1, 31, 1, 30, 29, 1]
    assert acc.quarter.tolist() == [4, 4, 1, 1, 2, 3, 4, 1]
    assert acc.dayofyear.tolist() == [365, 366, 1, 93, 94, 216, 365, 1]
    assert acc.days_in_month.tolist() == [30, 30, 31, 31, 31, 30, 29, 31]
    assert acc.is_leap_year.tolist() == [True, True, False, False, False, False, False, False]
    assert acc.is_month_start.tolist() == [False, False, True, False, True, False, False, True]
    assert acc.is_month_end.tolist() == [False, True, False, True, False, True, True, False]
    assert acc.is_year_start.tolist() == [False, False, True, False, False, False, False, True]
    assert acc.is_year_end.tolist() == [False, True, False, False, False, False, True, False]
    assert acc.month_name().tolist()[:3] == ["Esfand", "Esfand", "Farvardin"]


@SHAPES
def test_nat_gives_na_or_false(make: Callable[[pd.DatetimeIndex], pd.Series]) -> None:
    s = make(pd.DatetimeIndex(["2021-03-21", None, "2022-03-20"]))
    acc = isipo(s)
    for field in INT_FIELDS:
        out = getattr(acc, field)
        assert out.dtype == "Int64"
        assert out.isna().tolist() == [False, True, False], field
    for field in BOOL_FIELDS:
        assert getattr(acc, field).iloc[1] is np.False_, field
    assert acc.is_year_end.tolist() == [False, False, True]
    for text in (acc.month_name(), acc.strftime("%Y"), acc.to_period("Q")):
        assert text.iloc[1] is None
        assert text.dtype == object


def test_all_nat_and_empty() -> None:
    nat = pd.Series(pd.DatetimeIndex([None, None]))
    assert isipo(nat).year.isna().all()
    assert not isipo(nat).is_leap_year.any()
    empty = pd.Series([], dtype="datetime64[s]", name="e")
    for field in FIELD_NAMES:
        out = getattr(isipo(empty), field)
        assert len(out) == 0
        assert out.name == "e"


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_any_datetime64_unit(unit: Any) -> None:
    s = date_values(DATES.as_unit(unit))
    for field in FIELD_NAMES:
        pd.testing.assert_series_equal(
            getattr(isipo(s), field), getattr(isipo(date_values()), field)
        )


@pytest.mark.parametrize("tz", ["UTC", "Asia/Tehran", "America/New_York"])
@SHAPES
def test_timezone_aware_equals_function(
    make: Callable[[pd.DatetimeIndex], pd.Series], tz: str
) -> None:
    s = make(DATES.tz_localize("UTC").tz_convert(tz))
    for field, function in FUNCTIONS.items():
        expected = function(given(s))
        pd.testing.assert_series_equal(getattr(isipo(s), field), like(s, expected))


def test_timezone_aware_reads_tehran_time() -> None:
    # 2021-03-20 21:00 UTC is 00:30 on 2021-03-21 in Tehran: 1 Farvardin 1400
    utc = pd.Series(pd.DatetimeIndex(["2021-03-20 20:00", "2021-03-20 21:00"], tz="UTC"))
    assert isipo(utc).year.tolist() == [1399, 1400]
    assert isipo(utc).is_year_start.tolist() == [False, True]
    on_index = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(utc))
    assert isipo(on_index).to_period("Y").tolist() == ["1399", "1400"]


def test_datetime_values_win_over_a_datetime_index() -> None:
    s = pd.Series(pd.to_datetime(["2021-03-21"]), index=pd.to_datetime(["2000-01-01"]))
    assert isipo(s).year.tolist() == [1400]


# ---------------------------------------------------------------------------------------
# (c) refusal

SERIES_MESSAGE = "the .isipo accessor needs datetime values or a DatetimeIndex, got {}"


@pytest.mark.parametrize(
    ("s", "described"),
    [
        (pd.Series([1, 2]), "int64 values with a RangeIndex"),
        (pd.Series([1.5], index=["a"]), "float64 values with a Index"),
        (pd.Series(["2021-03-21"], dtype=object), "object values with a RangeIndex"),
        (
            pd.Series([1], index=pd.period_range("2021-01", periods=1, freq="M")),
            "int64 values with a PeriodIndex",
        ),
        (
            pd.Series(np.array([1], dtype="timedelta64[ns]")),
            "timedelta64[ns] values with a RangeIndex",
        ),
    ],
)
def test_series_refused(s: pd.Series, described: str) -> None:
    assert hasattr(s, "isipo") is False
    with pytest.raises(AttributeError) as info:
        IsipoSeriesAccessor(s)
    assert str(info.value) == SERIES_MESSAGE.format(described)


def test_series_refusal_through_the_attribute() -> None:
    with pytest.raises(AttributeError, match=r"got int64 values with a RangeIndex$"):
        isipo(pd.Series([1, 2]))
    assert hasattr(pd.Series([1, 2]), "isipo") is False


@pytest.mark.parametrize(
    ("columns", "missing"),
    [
        (["value"], "id, metric, kind"),
        (["id", "value"], "metric, kind"),
        (["id", "metric"], "kind"),
        (["metric", "kind"], "id"),
    ],
)
def test_frame_refused(columns: list[str], missing: str) -> None:
    frame = pd.DataFrame({column: ["x"] for column in columns})
    assert hasattr(frame, "isipo") is False
    with pytest.raises(AttributeError) as info:
        IsipoFrameAccessor(frame)
    assert str(info.value) == (
        f"the .isipo accessor needs a figure table with columns id, metric, kind; missing {missing}"
    )


def test_frame_with_the_columns_is_accepted() -> None:
    assert hasattr(pd.DataFrame({"id": [], "metric": [], "kind": []}), "isipo")


@pytest.mark.parametrize("method", ["resample", "year_to_date", "from_year_to_date", "calendarize"])
def test_flow_methods_need_numbers_on_a_datetime_index(method: str) -> None:
    dated = date_values()
    with pytest.raises(ist.InputTypeError) as info:
        getattr(isipo(dated), method)()
    assert str(info.value) == (
        f".isipo.{method} needs numbers on a DatetimeIndex, got datetime64[us] values with a Index"
    )
    text = pd.Series(["a"], index=pd.to_datetime(["2021-03-21"]), dtype=object)
    assert isipo(text).year.tolist() == [1400]
    with pytest.raises(ist.InputTypeError, match="got object values with a DatetimeIndex"):
        getattr(isipo(text), method)()


def test_resample_refuses_an_unknown_frequency() -> None:
    with pytest.raises(ist.FrequencyError, match=r"^freq must be one of M, Q, H, Y, W, got 'D'$"):
        isipo(date_indexed()).resample("D")  # type: ignore[arg-type]


def test_resample_by_iranian_week() -> None:
    # Thursday 1403-12-23 .. Monday 1404-01-04: weeks cut at Nowruz (a Friday in 1404)
    s = pd.Series(1.0, index=pd.date_range("2025-03-13", "2025-03-24"))
    out = isipo(s).resample("W").sum()
    assert out.to_dict() == {"1403-W52": 2.0, "1403-W53": 6.0, "1404-W01": 1.0, "1404-W02": 3.0}


def test_calendarize_freq_needs_period_ends() -> None:
    s = pd.Series([1.0, 2.0], index=pd.to_datetime(["2022-03-20", "2021-10-22"]))
    with pytest.raises(ist.InvalidDateError) as info:
        isipo(s).calendarize(freq="Y")
    assert str(info.value) == (
        "with freq='Y' each date must be the last day of a Jalali year, "
        "got 1400-07-30 (2021-10-22) at position 1"
    )
    # 1400-07-30 ends Mehr, but not a quarter (Mehr is the first month of Q3)
    isipo(s).calendarize(freq="M")
    with pytest.raises(ist.InvalidDateError, match="last day of a Jalali quarter"):
        isipo(s).calendarize(freq="Q")
    with pytest.raises(ist.InvalidArgumentError, match="give freq or start/end, not both"):
        isipo(s).calendarize(freq="M", start=s.index)
    with pytest.raises(ist.FrequencyError, match="freq must be one of M, Q, H, Y, got 'W'"):
        isipo(s).calendarize(freq="W")  # type: ignore[arg-type]


def test_calendarize_missing_date_is_reported_by_the_function() -> None:
    s = pd.Series([1.0], index=pd.DatetimeIndex([None]))
    with pytest.raises(ist.InvalidDateError, match="missing at position 0"):
        isipo(s).calendarize(freq="Y")


# ---------------------------------------------------------------------------------------
# (d) importing emits no warning (no accessor name collision)


def test_import_emits_no_warning() -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import isipo_stats"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# ---------------------------------------------------------------------------------------
# (e) every day of 1300-1499 against jdatetime (right for 1200-1633)


@pytest.fixture(scope="module")
def jdatetime_days() -> pd.DataFrame:
    first = pd.Timestamp(jdatetime.date(1300, 1, 1).togregorian())
    last = pd.Timestamp(jdatetime.date(1500, 1, 1).togregorian())  # one day past 1499
    gregorian = pd.date_range(first, last, freq="D")
    jalali = [jdatetime.date.fromgregorian(date=d) for d in gregorian.date]
    table = pd.DataFrame(
        {
            "date": gregorian,
            "year": [j.year for j in jalali],
            "month": [j.month for j in jalali],
            "day": [j.day for j in jalali],
            "dayofyear": [j.yday() for j in jalali],
            "is_leap_year": [j.isleap() for j in jalali],
            "month_name": [j.j_months_en[j.month - 1] for j in jalali],
        }
    )
    # month lengths and month/year ends from jdatetime's own days: the largest day of the
    # month, and whether the next day is a 1st
    table["days_in_month"] = table.groupby(["year", "month"])["day"].transform("max")
    next_is_first = np.append(table["day"].to_numpy()[1:] == 1, [False])
    next_is_nowruz = np.append(table["dayofyear"].to_numpy()[1:] == 1, [False])
    table["is_month_end"] = next_is_first
    table["is_year_end"] = next_is_nowruz
    table["is_month_start"] = table["day"] == 1
    table["is_year_start"] = table["dayofyear"] == 1
    return table.iloc[:-1].reset_index(drop=True)


@SHAPES
@pytest.mark.parametrize(
    "field",
    [
        "year",
        "month",
        "day",
        "dayofyear",
        "is_leap_year",
        "days_in_month",
        "is_month_end",
        "is_month_start",
        "is_year_end",
        "is_year_start",
    ],
)
def test_every_day_matches_jdatetime(
    jdatetime_days: pd.DataFrame, make: Callable[[pd.DatetimeIndex], pd.Series], field: str
) -> None:
    s = make(pd.DatetimeIndex(jdatetime_days["date"]))
    np.testing.assert_array_equal(
        getattr(isipo(s), field).to_numpy(), jdatetime_days[field].to_numpy()
    )


def test_month_names_match_jdatetime(jdatetime_days: pd.DataFrame) -> None:
    s = pd.Series(jdatetime_days["date"])
    assert (isipo(s).month_name() == jdatetime_days["month_name"]).all()


# ---------------------------------------------------------------------------------------
# (f) the caller is never modified; the accessor holds nothing but the object


def _call_everything(s: pd.Series, *, flows: bool) -> None:
    acc = isipo(s)
    for field in FIELD_NAMES:
        getattr(acc, field)
    acc.month_name("fa")
    acc.strftime("%Y/%m/%d")
    acc.to_period("Q")
    if flows:
        resampler = acc.resample("Q")
        for how in ("sum", "mean", "first", "last", "count", "min", "max"):
            getattr(resampler, how)()
        acc.year_to_date(gaps="skip")
        acc.from_year_to_date()
        acc.calendarize("jalali_month")
        acc.calendarize("gregorian_year", start=pd.DatetimeIndex(s.index) - pd.Timedelta(days=3))


WITH_NAT = pd.DatetimeIndex([*DATES[:-1], None])


@pytest.mark.parametrize(
    ("s", "flows"),
    [
        (date_values(), False),
        (date_values(DATES.tz_localize("Asia/Tehran")), False),
        (date_values(WITH_NAT), False),
        (date_indexed(), True),
        (date_indexed(DATES.tz_localize("UTC")), True),
        (date_indexed(WITH_NAT), False),  # the flow functions refuse a missing date
    ],
    ids=["values", "tz-values", "values-NaT", "index", "tz-index", "index-NaT"],
)
def test_caller_is_not_modified(s: pd.Series, flows: bool) -> None:
    before = s.copy(deep=True)
    index_before = s.index.copy(deep=True)
    _call_everything(s, flows=flows)
    pd.testing.assert_series_equal(s, before)
    pd.testing.assert_index_equal(s.index, index_before)
    assert s.index.name == index_before.name


def test_accessor_holds_only_the_object() -> None:
    s = date_indexed()
    accessor = isipo(s)
    assert vars(accessor).keys() == {"_obj"}
    assert accessor._obj is s
    reports = ist.load_isipo_reports()
    assert vars(frame_isipo(reports)).keys() == {"_obj"}


def test_frame_is_not_modified() -> None:
    raw = pd.DataFrame(
        {
            "id": ["a", "b"],
            "metric": ["revived_units", "revived_units"],
            "kind": ["cumulative", "period"],
            "end": ["1399-07-30", ""],
            "jyear": ["", "1399"],
            "stated": ["819", "2,100"],
            "unit": ["units", "units"],
        },
        index=[10, 20],
    )
    before = raw.copy(deep=True)
    table = frame_isipo(raw).validate()
    pd.testing.assert_frame_equal(raw, before)
    validated = table.copy(deep=True)
    frame_isipo(table).check()
    frame_isipo(table).reconcile(freq="Q")
    pd.testing.assert_frame_equal(table, validated)


# ---------------------------------------------------------------------------------------
# (g) by hand: resample, year-to-date round trip, calendarize


def hand_series() -> pd.Series:
    dates = pd.to_datetime(
        [
            "2021-03-19",  # 1399-12-29
            "2021-03-20",  # 1399-12-30
            "2021-03-21",  # 1400-01-01
            "2021-04-20",  # 1400-01-31
            "2021-04-21",  # 1400-02-01
            "2021-06-22",  # 1400-04-01
        ]
    )
    return pd.Series([1.0, 2.0, 4.0, 8.0, 16.0, 32.0], index=dates, name="units")


def test_resample_by_hand() -> None:
    resampler = isipo(hand_series()).resample
    assert resampler("M").sum().to_dict() == {
        "1399-12": 3.0,
        "1400-01": 12.0,
        "1400-02": 16.0,
        "1400-04": 32.0,
    }
    assert resampler("Q").sum().to_dict() == {"1399-Q4": 3.0, "1400-Q1": 28.0, "1400-Q2": 32.0}
    assert resampler("Y").sum().to_dict() == {"1399": 3.0, "1400": 60.0}
    assert resampler("Y").count().to_dict() == {"1399": 2, "1400": 4}
    assert resampler("Y").mean().to_dict() == {"1399": 1.5, "1400": 15.0}
    assert resampler("Q").first().to_dict() == {"1399-Q4": 1.0, "1400-Q1": 4.0, "1400-Q2": 32.0}
    assert resampler("Q").last().to_dict() == {"1399-Q4": 2.0, "1400-Q1": 16.0, "1400-Q2": 32.0}
    assert resampler("Y").min().to_dict() == {"1399": 1.0, "1400": 4.0}
    assert resampler("Y").max().to_dict() == {"1399": 2.0, "1400": 32.0}
    assert resampler("Y").sum().name == "units"


def test_year_to_date_by_hand_and_round_trip() -> None:
    flows = hand_series()
    ytd = isipo(flows).year_to_date(gaps="skip")
    assert ytd.tolist() == [1.0, 3.0, 4.0, 12.0, 28.0, 60.0]
    pd.testing.assert_series_equal(isipo(ytd).from_year_to_date(), flows)
    pd.testing.assert_series_equal(
        isipo(isipo(flows).from_year_to_date()).year_to_date(gaps="skip"), flows
    )


def test_calendarize_one_day_flows_by_default() -> None:
    flows = hand_series()
    out = isipo(flows).calendarize("jalali_month")
    assert (out["days"] == 1).all()
    totals = out.groupby("period")["value"].sum()
    np.testing.assert_array_equal(totals.to_numpy(), isipo(flows).resample("M").sum().to_numpy())


def test_calendarize_jalali_year_totals_by_hand() -> None:
    # 1399 (leap, 366 days: 2020-03-20..2021-03-20) has 287 days in 2020 and 79 in 2021;
    # 1400 (365 days: 2021-03-21..2022-03-20) has 286 in 2021 and 79 in 2022.
    totals = pd.Series([366.0, 365.0], index=pd.to_datetime(["2021-03-20", "2022-03-20"]))
    out = isipo(totals).calendarize("gregorian_year", freq="Y")
    assert out["days"].tolist() == [287, 79, 286, 79]
    assert out.groupby("period")["value"].sum().to_dict() == {
        "2020": 287.0,
        "2021": 365.0,
        "2022": 79.0,
    }
    assert out["span_days"].tolist() == [366, 366, 365, 365]


def test_calendarize_year_to_date_from_nowruz() -> None:
    # 819 units by 30 Mehr 1399 (2020-10-21), 1,170 by 26 Dey 1399 (2021-01-15)
    ytd = pd.Series([819.0, 1170.0], index=pd.to_datetime(["2020-10-21", "2021-01-15"]))
    nowruz = ist.to_gregorian(isipo(ytd).year, 1, 1)
    out = isipo(ytd).calendarize("jalali_month", start=nowruz)
    assert out.groupby("row")["span_days"].first().tolist() == [216, 302]
    assert out.groupby("row")["period"].first().tolist() == ["1399-01", "1399-01"]
    np.testing.assert_allclose(out.groupby("row")["value"].sum(), ytd.to_numpy())


@pytest.mark.parametrize(("freq", "months"), [("M", 1), ("Q", 3), ("Y", 12)])
def test_calendarize_freq_spans_whole_periods(freq: Any, months: int) -> None:
    # the last day of each Jalali period of 1399-1403
    days = pd.date_range("2020-03-20", "2025-03-20", freq="D")
    ends = days[isipo(pd.Series(days)).is_month_end.to_numpy()]
    ends = ends[(isipo(pd.Series(ends)).month.to_numpy() % months) == 0]
    flows = pd.Series(1.0, index=ends)
    out = isipo(flows).calendarize("jalali_month", freq=freq)
    assert (out.groupby("row").size() == months).all()
    assert (out.groupby("row")["days"].sum() == out.groupby("row")["span_days"].first()).all()


def test_calendarize_timezone_aware_year_ends() -> None:
    # 2022-03-19 21:00 UTC is 00:30 on 2022-03-20 in Tehran: 29 Esfand 1400
    totals = pd.Series([365.0], index=pd.DatetimeIndex(["2022-03-19 21:00"], tz="UTC"))
    out = isipo(totals).calendarize("jalali_year", freq="Y")
    assert out[["period", "days"]].to_numpy().tolist() == [["1400 (2021/22)", 365]]


# ---------------------------------------------------------------------------------------
# (h) the figure-table accessor on the bundled reports


@pytest.fixture(scope="module")
def reports() -> pd.DataFrame:
    return ist.load_isipo_reports()


def test_validate_equals_validate_figures(reports: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(frame_isipo(reports).validate(), ist.validate_figures(reports))


def test_check_equals_check(reports: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(frame_isipo(reports).check(), ist.check(reports))
    loose = ist.Tolerances(approx_tolerance=0.2)
    pd.testing.assert_frame_equal(
        frame_isipo(reports).check(tolerances=loose), ist.check(reports, tolerances=loose)
    )


@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
def test_reconcile_equals_reconcile(reports: pd.DataFrame, freq: Any) -> None:
    got = frame_isipo(reports).reconcile(freq)
    expected = ist.reconcile(reports, freq)
    assert isinstance(got, ist.Reconciled)
    for part in ist.Reconciled._fields:
        pd.testing.assert_frame_equal(getattr(got, part), getattr(expected, part))


# ---------------------------------------------------------------------------------------
# (i) the values are read whenever they are dates, of any dtype; the index only otherwise

# Dates on both sides of Nowruz 1400 and at month ends, a missing one, and one read
# differently in Tehran time (21:00 UTC is 00:30 the next day in Tehran).
RULE_DATES = pd.DatetimeIndex(
    ["2021-03-20 21:00", "2021-03-21", pd.NaT, "2021-10-22", "2022-03-20"]
)
# An index whose Jalali years all differ from the values': reading it would show.
OTHER_INDEX = pd.DatetimeIndex(pd.date_range("2000-01-01", periods=len(RULE_DATES)), name="when")


def _objects(convert: Callable[[pd.Timestamp], object]) -> Callable[[pd.Series], pd.Series]:
    return lambda s: pd.Series([None if d is pd.NaT else convert(d) for d in s], dtype=object)


def _utc(s: pd.Series) -> pd.Series:
    aware: pd.Series = s.dt.tz_localize("UTC")
    return aware


# dtype -> (the dates as that dtype, the datetime64 Series they stand for)
DATE_DTYPES: dict[
    str, tuple[Callable[[pd.Series], pd.Series], Callable[[pd.Series], pd.Series]]
] = {
    "datetime64[s]": (lambda s: s.astype("datetime64[s]"), lambda s: s),
    "datetime64[ns, UTC]": (_utc, _utc),
    "datetime64[ms, Asia/Tehran]": (
        lambda s: s.dt.tz_localize("Asia/Tehran").astype(pd.DatetimeTZDtype("ms", "Asia/Tehran")),
        lambda s: s.dt.tz_localize("Asia/Tehran"),
    ),
    "arrow timestamp": (lambda s: s.astype("timestamp[us][pyarrow]"), lambda s: s),
    "arrow timestamp UTC": (
        lambda s: _utc(s).astype(pd.ArrowDtype(pa.timestamp("us", tz="UTC"))),
        _utc,
    ),
    "category": (lambda s: s.astype("category"), lambda s: s),
    "category UTC": (lambda s: _utc(s).astype("category"), _utc),
    "object Timestamp": (lambda s: s.astype(object), lambda s: s),
    "object Timestamp UTC": (lambda s: _utc(s).astype(object), _utc),
    "object datetime": (_objects(lambda d: d.to_pydatetime()), lambda s: s),
    "object date": (_objects(lambda d: d.date()), lambda s: s.dt.normalize()),
    "object datetime64": (_objects(lambda d: d.to_datetime64()), lambda s: s),
    "object jdatetime": (
        _objects(lambda d: jdatetime.date.fromgregorian(date=d.date())),
        lambda s: s.dt.normalize(),
    ),
}
INDEXES = pytest.mark.parametrize(
    "index", [OTHER_INDEX, pd.Index([f"r{i}" for i in range(len(RULE_DATES))])],
    ids=["DatetimeIndex", "labels"],
)  # fmt: skip


def _as(kind: str, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    make, reference = DATE_DTYPES[kind]
    # each from its own copy: with numpy 1.26 and pyarrow 19, pandas 3.0's cast of datetime64
    # with NaT to an Arrow timestamp writes 0 over the NaT of the Series it was cast from
    s = make(pd.Series(RULE_DATES, copy=True)).set_axis(index).rename("asof")
    return s, reference(pd.Series(RULE_DATES, copy=True)).set_axis(index).rename("asof")


@INDEXES
@pytest.mark.parametrize("kind", list(DATE_DTYPES))
def test_dates_of_any_dtype_are_read_before_the_index(kind: str, index: pd.Index) -> None:
    s, reference = _as(kind, index)
    assert hasattr(s, "isipo")
    year = ist.to_jalali(s)["year"]
    pd.testing.assert_series_equal(isipo(s).year, like(s, year))
    assert not isipo(s).year.equals(like(s, ist.to_jalali(OTHER_INDEX)["year"]))
    for field in FIELD_NAMES:
        pd.testing.assert_series_equal(getattr(isipo(s), field), getattr(isipo(reference), field))
    for text in ("month_name", "strftime", "to_period"):
        args = ("%Y-%m-%d",) if text == "strftime" else ()
        got, expected = getattr(isipo(s), text)(*args), getattr(isipo(reference), text)(*args)
        pd.testing.assert_series_equal(got, expected)


@pytest.mark.parametrize("arrow", [pa.date32(), pa.date64()], ids=str)
@INDEXES
def test_arrow_dates_are_values(arrow: pa.DataType, index: pd.Index) -> None:
    # which dates are read; converting Arrow dates is to_jalali's (see _dates)
    s = pd.Series(RULE_DATES.normalize(), index=index).astype(pd.ArrowDtype(arrow))
    assert hasattr(s, "isipo")
    assert dates_of(s) is s


def test_all_missing_object_values_are_missing_dates() -> None:
    s = pd.Series([None, np.nan, pd.NaT], dtype=object, index=OTHER_INDEX[:3])
    assert dates_of(s) is s
    assert isipo(s).year.isna().all()
    assert isipo(s).is_year_end.tolist() == [False, False, False]
    empty = pd.Series([], dtype=object)
    assert len(isipo(empty).month) == 0


# values that are not dates -> the DatetimeIndex is read
NOT_DATES: dict[str, Callable[[], pd.Series]] = {
    "float64": lambda: pd.Series(np.arange(5.0)),
    "int64": lambda: pd.Series(np.arange(5)),
    "bool": lambda: pd.Series([True] * 5),
    "object text": lambda: pd.Series(["2021-03-21"] * 5, dtype=object),
    "str": lambda: pd.Series(["2021-03-21"] * 5, dtype="str"),
    "string[pyarrow]": lambda: pd.Series(["2021-03-21"] * 5, dtype="string[pyarrow]"),
    "category of text": lambda: pd.Series(["2021-03-21"] * 5, dtype="category"),
    "object dates and text": lambda: pd.Series([pd.Timestamp("2021-03-21"), "x"] * 2 + [None]),
    "object numbers": lambda: pd.Series([1, 2.5, None, 4, 5], dtype=object),
    "timedelta64": lambda: pd.Series(pd.to_timedelta(np.arange(5), unit="D")),
    "period": lambda: pd.Series(pd.period_range("2021-01", periods=5, freq="M")),
}


@pytest.mark.parametrize("kind", list(NOT_DATES))
def test_values_that_are_not_dates_leave_the_index(kind: str) -> None:
    s = NOT_DATES[kind]().set_axis(OTHER_INDEX)
    assert dates_of(s) is s.index
    expected = ist.to_jalali(OTHER_INDEX)
    pd.testing.assert_series_equal(isipo(s).year, like(s, expected["year"]))
    pd.testing.assert_series_equal(isipo(s).day, like(s, expected["day"]))
    without_dates = s.reset_index(drop=True)
    assert hasattr(without_dates, "isipo") is False
    with pytest.raises(AttributeError) as info:
        IsipoSeriesAccessor(without_dates)
    assert str(info.value) == SERIES_MESSAGE.format(f"{s.dtype} values with a RangeIndex")


# ---------------------------------------------------------------------------------------
# (j) the fields are typed, read-only attributes declared once


def test_fields_are_read_only_descriptors_with_their_docstrings() -> None:
    for field in FIELDS:
        assert getattr(IsipoSeriesAccessor, field.name) is field
        assert field.dtype == ("Int64" if field.name in INT_FIELDS else np.bool_)
        assert field.__doc__ is not None
        assert "Examples\n" in field.__doc__
        assert inspect.getdoc(field) == inspect.cleandoc(field.__doc__)
    acc = isipo(date_values())
    with pytest.raises(
        AttributeError, match=r"^property 'year' of 'IsipoSeriesAccessor' object has no setter$"
    ):
        acc.year = acc.year  # type: ignore[assignment]
    assert vars(acc).keys() == {"_obj"}


def test_a_field_is_sent_by_name() -> None:
    assert pickle.loads(pickle.dumps(IsipoSeriesAccessor.month)) is IsipoSeriesAccessor.month


# ---------------------------------------------------------------------------------------
# (k) one conversion per Series, never stale

NEW = pd.Timestamp("2000-01-01")  # Jalali 1378, far from every date below


def _fresh(n: int = 40) -> pd.Series:
    return pd.Series(pd.date_range("2021-03-01", periods=n, freq="D"), name="d")


def _assert_fields_current(s: pd.Series) -> None:
    """Every field equals the functions' answer for the Series as it is now."""
    for field, function in FUNCTIONS.items():
        pd.testing.assert_series_equal(getattr(isipo(s), field), like(s, function(given(s))))


def _write_values(s: pd.Series) -> None:
    values = s.values
    assert isinstance(values, np.ndarray)
    if values.flags.writeable:
        values[0] = NEW.to_datetime64()
    else:  # Copy-on-Write hands out read-only arrays (pandas 3)
        with pytest.raises(ValueError, match="read-only"):
            values[0] = NEW.to_datetime64()
        s.iloc[0] = NEW


WRITES: dict[str, Callable[[pd.Series], None]] = {
    "iloc": lambda s: s.iloc.__setitem__(0, NEW),
    "slice": lambda s: s.__setitem__(slice(None), NEW),
    "mask": lambda s: s.__setitem__(s.index == 0, NEW),
    "values": _write_values,
    # the two below bypass Copy-on-Write: a copy held by the cache would change with them
    "array": lambda s: s.array.__setitem__(0, NEW),
    "numpy view of the array": lambda s: np.asarray(s.array).__setitem__(0, NEW.to_datetime64()),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_fields_follow_writes_in_place(write: str) -> None:
    s = _fresh()
    _assert_fields_current(s)
    WRITES[write](s)
    assert isipo(s).year.iloc[0] == 1378
    _assert_fields_current(s)


def test_fields_follow_a_shared_numpy_array_and_a_frame_column() -> None:
    shared = _fresh().to_numpy().copy()
    s = pd.Series(shared, copy=False)
    _assert_fields_current(s)
    shared[3] = NEW.to_datetime64()
    assert isipo(s).year.iloc[3] == 1378
    _assert_fields_current(s)
    frame = pd.DataFrame({"d": _fresh(), "x": 1.0})
    _assert_fields_current(frame["d"])
    frame.loc[5, "d"] = NEW
    assert isipo(frame["d"]).year.iloc[5] == 1378
    _assert_fields_current(frame["d"])
    days = _fresh().to_numpy().copy()
    on_index = pd.Series(1.0, index=pd.DatetimeIndex(days, copy=False))
    _assert_fields_current(on_index)
    days[0] = NEW.to_datetime64()
    assert isipo(on_index).year.iloc[0] == 1378
    _assert_fields_current(on_index)


def test_same_instants_in_another_time_zone_are_other_dates() -> None:
    naive = pd.Series(pd.to_datetime(["2021-03-20 21:00"]))  # 30 Esfand 1399
    assert isipo(naive).year.tolist() == [1399]
    utc = naive.dt.tz_localize("UTC")  # the same int64 instants: 1 Farvardin 1400 in Tehran
    assert isipo(utc).year.tolist() == [1400]
    assert isipo(naive).is_year_end.tolist() == [True]
    assert isipo(utc).is_year_start.tolist() == [True]


def test_results_share_no_memory() -> None:
    s = _fresh().set_axis(pd.RangeIndex(40))
    year, month, day = isipo(s).year, isipo(s).month, isipo(s).day
    for result in (year, month, day):  # values and missing marks, in place
        result.iloc[0] = 77
        result.iloc[1] = pd.NA
    assert isipo(s).is_month_start.iloc[:2].tolist() == [False, False]
    _assert_fields_current(s)
    for field in ("year", "month", "day"):
        again = getattr(isipo(s), field)
        again.iloc[0] = 88
        assert getattr(isipo(s), field).iloc[0] == ist.to_jalali(s)[field].iloc[0]


def test_equal_dates_share_a_conversion_and_others_do_not() -> None:
    s = _fresh()
    first = _fields.convert(s)
    assert _fields.convert(s.copy(deep=True)) is first
    assert _fields.convert(pd.Series(pd.DatetimeIndex(s))) is first  # the same dates as index
    changed = s.copy()
    changed.iloc[-1] = NEW
    assert _fields.convert(changed) is not first
    assert _fields.convert(s.dt.tz_localize("UTC")) is not _fields.convert(s)
    assert not first.days.flags.writeable
    assert not first.missing.flags.writeable


def test_cache_is_bounded_and_keeps_nothing_of_the_caller() -> None:
    s = _fresh()
    first = _fields.convert(s)
    for k in range(_fields.CACHE_ENTRIES):
        _fields.convert(_fresh(41 + k))
    assert _fields.convert(s) is not first
    caller, data = weakref.ref(s), weakref.ref(s.array)
    _assert_fields_current(s)
    del s
    gc.collect()
    assert caller() is None
    assert data() is None
    _fields.clear_cache()
    assert _fields.convert(_fresh()) is not first


def test_fields_under_threads() -> None:
    inputs = [_fresh(500) + pd.Timedelta(days=97 * k) for k in range(4)]
    inputs[2] = inputs[2].dt.tz_localize("UTC")
    inputs[3].iloc[7] = None
    alone = {
        (k, field): getattr(isipo(s), field) for k, s in enumerate(inputs) for field in FIELD_NAMES
    }
    for k in range(3):
        _assert_fields_current(inputs[k])

    def read(task: int) -> bool:
        k = task % len(inputs)
        order = FIELD_NAMES[task % 7 :] + FIELD_NAMES[: task % 7]
        return all(getattr(isipo(inputs[k]), field).equals(alone[k, field]) for field in order)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(read, range(400)))


# ---------------------------------------------------------------------------------------
# (l) property: the fields equal the functions' for random dates of any dtype


@for_all(
    days=st.lists(st.one_of(st.none(), st.dates(FIRST_DATE, LAST_DATE)), max_size=30),
    kind=st.sampled_from(["datetime64[s]", "arrow", "category", "object"]),
    on_index=st.booleans(),
)
def test_accessor_equals_to_jalali_for_any_dtype(
    days: list[dt.date | None], kind: str, on_index: bool
) -> None:
    s = pd.Series(days, dtype="datetime64[s]")
    s = {
        "datetime64[s]": s,
        "arrow": s.astype("timestamp[s][pyarrow]"),
        "category": s.astype("category"),
        "object": pd.Series(days, dtype=object),
    }[kind]
    if on_index:  # an index of other dates is never read
        s.index = pd.date_range("1999-03-01", periods=len(s), freq="W")
    expected = ist.to_jalali(s)
    for column in ("year", "month", "day"):
        pd.testing.assert_series_equal(getattr(isipo(s), column), like(s, expected[column]))
    pd.testing.assert_series_equal(isipo(s).dayofyear, like(s, ist.day_of_year(s)))


@pytest.mark.parametrize("position", [0, _fields._BLOCK - 1, _fields._BLOCK, _fields._BLOCK + 7])
@pytest.mark.parametrize("on_index", [False, True])
def test_a_date_out_of_range_is_placed_in_the_whole(position: int, on_index: bool) -> None:
    dates = np.full(_fields._BLOCK + 10, np.datetime64("2021-03-21", "s"))
    dates[position] = np.datetime64("2400-01-01", "s")
    s = pd.Series(dates) if not on_index else pd.Series(1.0, index=pd.DatetimeIndex(dates))
    with pytest.raises(ist.CalendarRangeError) as expected:
        ist.to_jalali(given(s))
    assert expected.value.position == position
    for field in ("year", "quarter"):
        with pytest.raises(ist.CalendarRangeError) as info:
            getattr(isipo(s), field)
        assert str(info.value) == str(expected.value)
        assert info.value.position == position
