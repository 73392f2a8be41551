"""The .isipo accessors: equivalence with the functions, preservation, refusal, jdatetime."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any, cast

import jdatetime
import numpy as np
import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats.accessor import IsipoFrameAccessor, IsipoSeriesAccessor

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

INT_FIELDS = ["year", "month", "day", "quarter", "dayofyear", "days_in_month"]
BOOL_FIELDS = [
    "is_leap_year",
    "is_month_start",
    "is_month_end",
    "is_year_start",
    "is_year_end",
]
FIELDS = INT_FIELDS + BOOL_FIELDS


def date_values(dates: pd.DatetimeIndex = DATES) -> pd.Series:
    """Datetime values on a non-date index, with a name: the accessor reads the values."""
    return pd.Series(dates, index=[f"r{i}" for i in range(len(dates))], name="asof")


def date_indexed(dates: pd.DatetimeIndex = DATES) -> pd.Series:
    """Numbers on a DatetimeIndex (whose own name differs): the accessor reads the index."""
    values = np.arange(1.0, len(dates) + 1.0)
    return pd.Series(values, index=dates.rename("when"), name="units")


def dates_of(s: pd.Series) -> pd.Series | pd.Index:
    """What the functions are given: the datetime values, or the DatetimeIndex."""
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


# accessor field -> the same computed with the module functions (dates without NaT)
FUNCTIONS: dict[str, Callable[[Dates], pd.Series]] = {
    "year": _jalali("year"),
    "month": _jalali("month"),
    "day": _jalali("day"),
    "quarter": ist.quarter,
    "dayofyear": ist.day_of_year,
    "days_in_month": _days_in_month,
    "is_leap_year": _is_leap_year,
}


# ---------------------------------------------------------------------------------------
# (a) accessor == function


@SHAPES
@pytest.mark.parametrize("field", list(FUNCTIONS))
def test_field_equals_function(make: Callable[[], pd.Series], field: str) -> None:
    s = make()
    expected = FUNCTIONS[field](dates_of(s))
    pd.testing.assert_series_equal(getattr(isipo(s), field), like(s, expected))


@SHAPES
@pytest.mark.parametrize("locale", ["en", "fa"])
def test_month_name_equals_format_jalali(make: Callable[[], pd.Series], locale: Any) -> None:
    s = make()
    expected = ist.format_jalali(dates_of(s), "%B", locale=locale)
    pd.testing.assert_series_equal(isipo(s).month_name(locale), like(s, expected))


@SHAPES
@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d %B %Y", "%j/%q %%"])
def test_strftime_equals_format_jalali(make: Callable[[], pd.Series], fmt: str) -> None:
    s = make()
    expected = ist.format_jalali(dates_of(s), fmt)
    pd.testing.assert_series_equal(isipo(s).strftime(fmt), like(s, expected))
    persian = ist.format_jalali(dates_of(s), fmt, locale="fa")
    pd.testing.assert_series_equal(isipo(s).strftime(fmt, locale="fa"), like(s, persian))


@SHAPES
@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
def test_to_period_equals_period_labels(make: Callable[[], pd.Series], freq: Any) -> None:
    s = make()
    expected = ist.period_labels(dates_of(s), freq)
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
    pd.testing.assert_series_equal(isipo(s).year_to_date(), ist.year_to_date(s))
    pd.testing.assert_series_equal(isipo(s).from_year_to_date(), ist.from_year_to_date(s))
    groups = ["a", "b"] * (len(s) // 2)
    pd.testing.assert_series_equal(isipo(s).year_to_date(by=groups), ist.year_to_date(s, by=groups))


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
@pytest.mark.parametrize("field", FIELDS)
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
    for field in FIELDS:
        out = getattr(isipo(empty), field)
        assert len(out) == 0
        assert out.name == "e"


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_any_datetime64_unit(unit: Any) -> None:
    s = date_values(DATES.as_unit(unit))
    for field in FIELDS:
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
        expected = function(dates_of(s))
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
    with pytest.raises(ist.InputTypeError, match=r"^freq must be one of M, Q, H, Y, got 'W'$"):
        isipo(date_indexed()).resample("W")  # type: ignore[arg-type]


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
    with pytest.raises(ist.InputTypeError, match="give freq or start/end, not both"):
        isipo(s).calendarize(freq="M", start=s.index)
    with pytest.raises(ist.InputTypeError, match="freq must be one of M, Q, H, Y, got 'W'"):
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
    for field in FIELDS:
        getattr(acc, field)
    acc.month_name("fa")
    acc.strftime("%Y/%m/%d")
    acc.to_period("Q")
    if flows:
        resampler = acc.resample("Q")
        for how in ("sum", "mean", "first", "last", "count", "min", "max"):
            getattr(resampler, how)()
        acc.year_to_date()
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
    ytd = isipo(flows).year_to_date()
    assert ytd.tolist() == [1.0, 3.0, 4.0, 12.0, 28.0, 60.0]
    pd.testing.assert_series_equal(isipo(ytd).from_year_to_date(), flows)
    pd.testing.assert_series_equal(isipo(isipo(flows).from_year_to_date()).year_to_date(), flows)


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
