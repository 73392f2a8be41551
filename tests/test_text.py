"""Jalali dates as text: parse_jalali, format_jalali and normalize_digits, checked against
jdatetime (exact for Jalali years 1200-1634) and against each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isipo_stats import (
    CalendarRangeError,
    InputTypeError,
    InvalidArgumentError,
    InvalidDateError,
    IsipoError,
    ParseError,
    Span,
    format_jalali,
    parse_jalali,
)
from isipo_stats.text import Locale, normalize_digits
from tests.strategies import FIRST_DATE, LAST_DATE, gregorian_dates

# jdatetime follows the 33-year rule, exact through Jalali 1634 (see test_calendar.py).
JDATETIME_LAST_DATE: dt.date = jdatetime.date(1634, 12, 29).togregorian()
jdatetime_dates = st.dates(min_value=FIRST_DATE, max_value=JDATETIME_LAST_DATE)

EN_MONTHS: tuple[str, ...] = tuple(jdatetime.date.j_months_en)
FA_MONTHS: tuple[str, ...] = tuple(jdatetime.date.j_months_fa)
TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
TO_ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ONE_DAY = pd.Timedelta(days=1)
GERMAN: Any = "de"  # not a Locale: hidden from the type checker


def jday(year: int, month: int, day: int) -> pd.Timestamp:
    """The Gregorian day of a Jalali date, according to jdatetime."""
    return pd.Timestamp(jdatetime.date(year, month, day).togregorian())


def jmonth(year: int, month: int) -> Span:
    """The days of a Jalali month, according to jdatetime: first day to the day before the
    first of the next month."""
    following = jday(year + 1, 1, 1) if month == 12 else jday(year, month + 1, 1)
    return Span(jday(year, month, 1), following - ONE_DAY)


def jyear(year: int) -> Span:
    return Span(jday(year, 1, 1), jday(year + 1, 1, 1) - ONE_DAY)


def one_day(year: int, month: int, day: int) -> Span:
    return Span(jday(year, month, day), jday(year, month, day))


def test_oracle_helpers_are_sane() -> None:
    # a few facts known independently of jdatetime: Nowruz 1400 was 21 March 2021 and
    # 1403 is a leap year, so its Esfand has 30 days.
    assert jday(1400, 1, 1) == pd.Timestamp("2021-03-21")
    assert jmonth(1403, 12).days == 30
    assert jmonth(1402, 12).days == 29
    assert jyear(1403).days == 366


# --- parse_jalali: numeric forms -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1400/07/30",
        "1400-07-30",
        "1400.07.30",
        "1400/7/30",
        "1400-7-30",
        "1400 / 07 / 30",
        "  1400/07/30  ",
        "۱۴۰۰/۰۷/۳۰",
        "۱۴۰۰-۰۷-۳۰",
        "١٤٠٠/٠٧/٣٠",
        "١٤٠٠.٠٧.٣٠",
    ],
)
def test_numeric_day(text: str) -> None:
    span = parse_jalali(text)
    assert isinstance(span, Span)
    assert span == one_day(1400, 7, 30)
    assert span.start == pd.Timestamp("2021-10-22")  # the docstring's day, by hand


def test_numeric_three_digit_year_is_read_and_range_checked() -> None:
    with pytest.raises(CalendarRangeError) as err:
        parse_jalali("999/01/01")
    assert str(err.value) == "year must be in 1200-1699, got 999 at position 0"


@pytest.mark.parametrize(
    "text", ["1402-06", "1402/06", "1402.6", "۱۴۰۲/۰۶", "١٤٠٢-٠٦", "Shahrivar 1402", "شهریور ۱۴۰۲"]
)
def test_month_span(text: str) -> None:
    span = parse_jalali(text)
    assert span == jmonth(1402, 6)
    assert span.days == 31


@pytest.mark.parametrize(("text", "year"), [("1402", 1402), ("۱۴۰۳", 1403), ("1200", 1200)])
def test_year_span(text: str, year: int) -> None:
    span = parse_jalali(text)
    assert span == jyear(year)
    assert span.days == (366 if jdatetime.date(year, 1, 1).isleap() else 365)


def test_last_supported_year_span_ends_on_the_last_supported_day() -> None:
    # beyond jdatetime's exact range; the calendar's own last day is 2321-03-20
    span = parse_jalali("1699")
    assert span.end == pd.Timestamp("2321-03-20")
    assert parse_jalali("Esfand 1699").end == span.end


# --- parse_jalali: month names ---------------------------------------------------------


@pytest.mark.parametrize("month", range(1, 13))
def test_every_persian_month_name(month: int) -> None:
    name = FA_MONTHS[month - 1]
    assert parse_jalali(f"۵ {name} ۱۴۰۱") == one_day(1401, month, 5)
    assert parse_jalali(f"5 {name} 1401") == one_day(1401, month, 5)
    assert parse_jalali(f"{name} ۱۴۰۱") == jmonth(1401, month)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_english_month_name_in_any_case(month: int) -> None:
    name = EN_MONTHS[month - 1]
    for spelled in (name, name.lower(), name.upper()):
        assert parse_jalali(f"5 {spelled} 1401") == one_day(1401, month, 5)
        assert parse_jalali(f"{spelled} 1401") == jmonth(1401, month)


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("Farvardeen", 1),
        ("Ordibehest", 2),
        ("Khordaad", 3),
        ("Khurdad", 3),
        ("Teer", 4),
        ("Amordad", 5),
        ("AMORDAD", 5),
        ("Mordaad", 5),
        ("امرداد", 5),
        ("Shahrevar", 6),
        ("Shahriwar", 6),
        ("Abaan", 8),
        ("Aazar", 9),
        ("Adhar", 9),
        ("Dei", 10),
        ("dei", 10),
        ("Day", 10),
        ("Isfand", 12),
        ("Espand", 12),
    ],
)
def test_alternate_spellings(name: str, month: int) -> None:
    assert parse_jalali(f"{name} 1400") == jmonth(1400, month)
    assert parse_jalali(f"12 {name} 1400") == one_day(1400, month, 12)


def test_arabic_letters_in_month_names() -> None:
    # Arabic yeh (U+064A) where Persian writes farsi yeh (U+06CC)
    assert parse_jalali("30 دي 1400") == one_day(1400, 10, 30)
    assert parse_jalali("دي ١٤٠٠") == jmonth(1400, 10)
    assert parse_jalali("10 ارديبهشت 1400") == one_day(1400, 2, 10)
    assert parse_jalali("1 فروردين 1400") == one_day(1400, 1, 1)


@pytest.mark.parametrize(
    "text",
    ["30 Mehr 1400", "30th Mehr 1400", "30th of Mehr, 1400", "30 mehr, 1400", "۳۰ مهر ۱۴۰۰"],
)
def test_day_month_name_year_forms(text: str) -> None:
    assert parse_jalali(text) == one_day(1400, 7, 30)


def test_zero_width_non_joiner_and_direction_marks_are_spaces() -> None:
    assert parse_jalali("۳۰\u200cمهر\u200f۱۴۰۰") == one_day(1400, 7, 30)


# --- parse_jalali: leap Esfand ---------------------------------------------------------


def test_leap_esfand_30() -> None:
    assert jdatetime.date(1403, 1, 1).isleap()
    assert parse_jalali("1403-12-30") == one_day(1403, 12, 30)
    assert parse_jalali("1403-12-30").start == pd.Timestamp("2025-03-20")
    assert parse_jalali("30 Esfand 1403") == one_day(1403, 12, 30)
    assert parse_jalali("Esfand 1403").days == 30
    assert parse_jalali("Esfand 1400").days == 29


def test_esfand_30_of_a_common_year_is_invalid() -> None:
    assert not jdatetime.date(1400, 1, 1).isleap()
    with pytest.raises(InvalidDateError) as err:
        parse_jalali("1400-12-30")
    assert str(err.value) == "day must be in 1-29 for 1400-12, got 30 at position 0"
    with pytest.raises(InvalidDateError) as err:
        parse_jalali(["1403/12/30", None, "1403/12/30", "30 Esfand 1400"])
    assert str(err.value) == "day must be in 1-29 for 1400-12, got 30 at position 3"


def test_every_leap_esfand_30_in_jdatetime_range_round_trips() -> None:
    years = [y for y in range(1200, 1634) if jdatetime.date(y, 1, 1).isleap()]
    assert len(years) > 100
    texts = [f"{y}/12/30" for y in years]
    table = parse_jalali(texts)
    expected = [jday(y, 12, 30) for y in years]
    assert table["start"].tolist() == expected
    assert table["end"].tolist() == expected
    assert format_jalali([d.date() for d in expected], "%Y/%m/%d").tolist() == texts


# --- parse_jalali: arrays, missing values ----------------------------------------------


def test_list_gives_a_table_with_fields_and_span_ends() -> None:
    table = parse_jalali(["1399/12/30", "Esfand 1400", "1401", None, "۱۴۰۰/۰۷/۳۰"])
    assert isinstance(table, pd.DataFrame)
    assert table.columns.tolist() == ["year", "month", "day", "start", "end"]
    assert table.dtypes.tolist() == [pd.Int64Dtype()] * 3 + [np.dtype("M8[us]")] * 2
    assert table.index.equals(pd.RangeIndex(5))
    assert table["year"].tolist() == [1399, 1400, 1401, pd.NA, 1400]
    assert table["month"].tolist() == [12, 12, pd.NA, pd.NA, 7]
    assert table["day"].tolist() == [30, pd.NA, pd.NA, pd.NA, 30]
    spans = [one_day(1399, 12, 30), jmonth(1400, 12), jyear(1401)]
    assert table["start"].tolist()[:3] == [s.start for s in spans]
    assert table["end"].tolist()[:3] == [s.end for s in spans]
    assert table.iloc[3].isna().all()
    assert table["start"].iloc[4] == jday(1400, 7, 30)


def test_series_index_is_kept() -> None:
    s = pd.Series(["1400/01/01", None, "Mehr 1400"], index=["a", "b", "c"])
    table = parse_jalali(s)
    assert table.index.tolist() == ["a", "b", "c"]
    assert table.loc["a", "start"] == jday(1400, 1, 1)
    assert table.loc["c", "end"] == jday(1400, 7, 30)
    assert table.loc["b"].isna().all()


def test_index_and_numpy_inputs() -> None:
    for values in (pd.Index(["1400/01/01", "1401"]), np.array(["1400/01/01", "1401"])):
        table = parse_jalali(values)
        assert table.index.equals(pd.RangeIndex(2))
        assert table["start"].tolist() == [jday(1400, 1, 1), jday(1401, 1, 1)]


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, pd.NaT])
def test_missing_values_give_missing_rows(missing: Any) -> None:
    table = parse_jalali(["1400", missing, "1400"])
    assert table.iloc[1].isna().all()
    assert table["start"].tolist()[::2] == [jday(1400, 1, 1)] * 2


def test_all_missing_and_empty() -> None:
    table = parse_jalali([None, np.nan])
    assert table.shape == (2, 5)
    assert table.isna().all().all()
    assert table.dtypes.tolist() == [pd.Int64Dtype()] * 3 + [np.dtype("M8[us]")] * 2
    empty = parse_jalali([])
    assert empty.shape == (0, 5)


def test_repeated_values_are_each_converted() -> None:
    table = parse_jalali(["1400/01/01", "1399", "1400/01/01", "1399"])
    assert table["start"].tolist() == [jday(1400, 1, 1), jday(1399, 1, 1)] * 2
    assert table["end"].tolist() == [jday(1400, 1, 1), jday(1400, 1, 1) - ONE_DAY] * 2


# --- parse_jalali: errors --------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (
            ["1400/01/01", "1400/01/01", "hello"],
            ParseError,
            "could not read 'hello' at position 2 as a Jalali date",
        ),
        (
            ["1400/01/01", "Foo 1400", "x", "Foo 1400"],
            ParseError,
            "could not read 'Foo 1400' at position 1 as a Jalali date",
        ),
        (["۱۴۰۰ فلان"], ParseError, "could not read '۱۴۰۰ فلان' at position 0 as a Jalali date"),
        (["", "1400"], ParseError, "could not read '' at position 0 as a Jalali date"),
        (["14000/01/01"], ParseError, "could not read '14000/01/01' at position 0 as a Jalali date"),
        (["1400/01/01/01"], ParseError, "could not read '1400/01/01/01' at position 0 as a Jalali date"),
        (["1400", "1400/13/01"], InvalidDateError, "month must be in 1-12, got 13 at position 1"),
        (["1400/00/10"], InvalidDateError, "month must be in 1-12, got 0 at position 0"),
        (["1400/01/00"], InvalidDateError, "day must be in 1-31 for 1400-01, got 0 at position 0"),
        (["32 Mehr 1400"], InvalidDateError, "day must be in 1-30 for 1400-07, got 32 at position 0"),
        (["1400", "1700/01/01"], CalendarRangeError, "year must be in 1200-1699, got 1700 at position 1"),
        (["Mehr 1199"], CalendarRangeError, "year must be in 1200-1699, got 1199 at position 0"),
        (["1400", 1400], InputTypeError, "expected text, got 1400 at position 1"),
        ([None, 2.5], InputTypeError, "expected text, got 2.5 at position 1"),
        (
            [["1400"]],
            InputTypeError,
            "expected a string or a one-dimensional array of strings, got 2 dims",
        ),
        (1400, InputTypeError, "expected a string or a one-dimensional array of strings, got int"),
        (None, InputTypeError, "expected a string or a one-dimensional array of strings, got NoneType"),
    ],
)  # fmt: skip
def test_parse_errors(values: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as err:
        parse_jalali(values)
    assert str(err.value) == message
    assert isinstance(err.value, IsipoError)
    assert isinstance(err.value, ValueError if error is not InputTypeError else TypeError)


def test_scalar_text_errors_name_position_zero() -> None:
    with pytest.raises(ParseError) as err:
        parse_jalali("not a date")
    assert str(err.value) == "could not read 'not a date' at position 0 as a Jalali date"


def test_series_error_position_is_positional() -> None:
    s = pd.Series(["1400", "bad"], index=[10, 20])
    with pytest.raises(ParseError) as err:
        parse_jalali(s)
    assert str(err.value) == "could not read 'bad' at position 1 as a Jalali date"


# --- normalize_digits ------------------------------------------------------------------


def test_normalize_digits() -> None:
    s = pd.Series(
        ["۱۴۰۰/۰۷/۳۰", "١٢٬٥٠٠٫٥", "دي  كيك", " a\u200cb\u200f c ", "0123456789"],
        index=list("vwxyz"),
    )
    out = normalize_digits(s)
    assert out.tolist() == ["1400/07/30", "12,500.5", "دی کیک", "a b c", "0123456789"]
    assert out.index.tolist() == list("vwxyz")
    all_persian = "".join("۰۱۲۳۴۵۶۷۸۹")
    all_arabic = "".join("٠١٢٣٤٥٦٧٨٩")
    assert normalize_digits(pd.Series([all_persian, all_arabic])).tolist() == ["0123456789"] * 2


# --- format_jalali ---------------------------------------------------------------------

ALL_DIRECTIVES = "%Y|%y|%m|%d|%j|%B|%%"  # the directives jdatetime's strftime shares


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2021, 10, 22),  # 1400-07-30
        dt.date(2025, 3, 20),  # 1403-12-30, day 366
        dt.date(2025, 3, 21),  # 1404-01-01
        dt.date(1821, 3, 21),  # first supported day
        dt.date(2000, 1, 1),
        dt.date(2024, 3, 19),  # 1402-12-29, the last day of a common year
    ],
)
def test_format_every_directive_against_jdatetime(day: dt.date) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    assert format_jalali(day, ALL_DIRECTIVES) == j.strftime(ALL_DIRECTIVES)
    assert format_jalali(day, "Q%q") == f"Q{(j.month - 1) // 3 + 1}"


def test_format_known_values() -> None:
    assert format_jalali("2021-10-22", "%d %B %Y") == "30 Mehr 1400"
    assert format_jalali("2021-10-22", "%Y/%m/%d %j %q %y") == "1400/07/30 216 3 00"
    assert format_jalali("2025-03-20", "%j") == "366"
    assert format_jalali("2025-03-21", "%j %q %B") == "001 1 Farvardin"
    assert format_jalali("2022-03-20", "%j %q %B") == "365 4 Esfand"
    assert format_jalali("2021-10-22") == "1400-07-30"  # the default format
    assert format_jalali("2021-10-22", "100%% on %Y") == "100% on 1400"
    assert format_jalali("2021-10-22", "no directives") == "no directives"
    assert format_jalali("2021-10-22", "") == ""


def test_format_persian_locale() -> None:
    assert format_jalali("2021-10-22", "%d %B %Y", locale="fa") == "۳۰ مهر ۱۴۰۰"
    got = format_jalali("2021-10-22", "%Y/%m/%d %j %q %y %%", locale="fa")
    assert got == "۱۴۰۰/۰۷/۳۰ ۲۱۶ ۳ ۰۰ %"
    for month in range(1, 13):
        first = jdatetime.date(1401, month, 1).togregorian()
        assert format_jalali(first, "%B", locale="fa") == FA_MONTHS[month - 1]
        assert format_jalali(first, "%B") == EN_MONTHS[month - 1]
        assert format_jalali(first, "%q") == str((month + 2) // 3)


@settings(max_examples=200, deadline=None)
@given(jdatetime_dates)
def test_format_matches_jdatetime(day: dt.date) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    assert format_jalali(day, ALL_DIRECTIVES) == j.strftime(ALL_DIRECTIVES)
    fa = j.strftime("%Y/%m/%d %j").translate(TO_PERSIAN_DIGITS) + " " + FA_MONTHS[j.month - 1]
    assert format_jalali(day, "%Y/%m/%d %j %B", locale="fa") == fa


def test_format_missing_values() -> None:
    assert format_jalali(pd.NaT) is None
    assert format_jalali(None) is None
    assert format_jalali(["2025-03-21", None, pd.NaT], "%Y/%m/%d").tolist() == [
        "1404/01/01",
        None,
        None,
    ]


def test_format_series_keeps_index_and_name() -> None:
    s = pd.Series(pd.to_datetime(["2021-03-21", "NaT", "2021-10-22"]), index=[5, 6, 7], name="d")
    out = format_jalali(s, "%d %B", locale="fa")
    assert isinstance(out, pd.Series)
    assert out.index.tolist() == [5, 6, 7]
    assert out.name == "d"
    assert out.tolist() == ["۰۱ فروردین", None, "۳۰ مهر"]


def test_format_array_inputs() -> None:
    out = format_jalali(pd.DatetimeIndex(["2021-03-21", "2021-03-22"]), "%d")
    assert out.tolist() == ["01", "02"]
    assert format_jalali([], "%Y").tolist() == []
    assert format_jalali(np.array(["2021-03-21"], dtype="M8[D]"), "%Y").tolist() == ["1400"]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: format_jalali("2021-10-22", "%Y %Q"),
            ParseError,
            "unknown format directive '%Q'; use %Y %y %m %-m %d %-d %e %j %-j %q %w %W %U %H %-H %M %-M %S %-S %B %b %A %a or %%",
        ),
        (
            lambda: format_jalali(["2021-10-22"], "%-Q"),
            ParseError,
            "unknown format directive '%-Q'; use %Y %y %m %-m %d %-d %e %j %-j %q %w %W %U %H %-H %M %-M %S %-S %B %b %A %a or %%",
        ),
        (
            lambda: format_jalali("2021-10-22", locale=GERMAN),
            InvalidArgumentError,
            "locale must be 'en' or 'fa', got 'de'",
        ),
        (
            lambda: format_jalali(["2021-01-01", "1800-01-01"]),
            CalendarRangeError,
            "date must be in 1821-03-21..2321-03-20 (Jalali 1200-1699), got 1800-01-01 "
            "at position 1",
        ),
    ],
)
def test_format_errors(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as err:
        call()
    assert str(err.value) == message
    assert isinstance(err.value, IsipoError)


# --- round trips -----------------------------------------------------------------------


LOCALES = st.sampled_from(["en", "fa"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(gregorian_dates, min_size=1, max_size=20),
    st.sampled_from(["%Y/%m/%d", "%Y-%m-%d", "%Y.%m.%d", "%d %B %Y"]),
    LOCALES,
)
def test_format_then_parse_gives_the_day(days: list[dt.date], fmt: str, locale: Any) -> None:
    first = pd.Timestamp(days[0])
    text = format_jalali(days[0], fmt, locale=locale)
    assert isinstance(text, str)
    assert parse_jalali(text) == Span(first, first)
    table = parse_jalali(format_jalali(days, fmt, locale=locale))
    expected = [pd.Timestamp(d) for d in days]
    assert table["start"].tolist() == expected
    assert table["end"].tolist() == expected


@settings(max_examples=50, deadline=None)
@given(gregorian_dates, st.sampled_from(["%Y/%m", "%B %Y"]), LOCALES)
def test_format_month_then_parse_gives_the_month_around_the_day(
    day: dt.date, fmt: str, locale: Any
) -> None:
    text = format_jalali(day, fmt, locale=locale)
    assert isinstance(text, str)
    span = parse_jalali(text)
    assert span.contains(day)
    assert 29 <= span.days <= 31
    # the span is the whole month: day 1 to the day before the next month's day 1
    assert format_jalali(span.start, "%Y/%m/%d") == format_jalali(day, "%Y/%m/01")
    assert format_jalali(span.end, "%Y/%m") == format_jalali(day, "%Y/%m")
    if span.end < pd.Timestamp(LAST_DATE):
        assert format_jalali(span.end + ONE_DAY, "%d") == "01"


def test_whole_range_round_trips_vectorized() -> None:
    days = pd.Series(pd.date_range("1821-03-21", "2321-03-20", freq="5D"), name="d")
    cases: list[tuple[str, Locale]] = [("%Y/%m/%d", "en"), ("%d %B %Y", "fa")]
    for fmt, locale in cases:
        text = format_jalali(days, fmt, locale=locale)
        table = parse_jalali(text)
        assert (table["start"] == days).all()
        assert (table["end"] == days).all()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(jdatetime_dates, min_size=1, max_size=10),
    st.sampled_from([TO_PERSIAN_DIGITS, TO_ARABIC_INDIC_DIGITS]),
)
def test_jdatetime_text_parses(days: list[dt.date], digits: dict[int, str]) -> None:
    texts = []
    for day in days:
        j = jdatetime.date.fromgregorian(date=day)
        texts += [
            j.strftime("%Y/%m/%d").translate(digits),
            j.strftime("%d %B %Y"),
            f"{j.day} {FA_MONTHS[j.month - 1]} {j.year}".translate(digits),
        ]
    table = parse_jalali(texts)
    expected = [pd.Timestamp(d) for d in days for _ in range(3)]
    assert table["start"].tolist() == expected
    assert table["end"].tolist() == expected


# --- a month name without a day is the month's span ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mehr 1400", "mehr 1400", "MEHR, 1400", "  Mehr   1400 ", "مهر ۱۴۰۰", "مهر 1400",
        "مهر ماه ۱۴۰۰", "مهرماه ۱۴۰۰", "مهر\u200cماه ۱۴۰۰", "مهر ١٤٠٠",
    ],
)  # fmt: skip
def test_a_month_name_without_a_day_is_the_months_span(text: str) -> None:
    assert parse_jalali(text) == jmonth(1400, 7)
    table = parse_jalali([text, None])
    assert table["month"].tolist() == [7, pd.NA]
    assert table["day"].isna().all()
    assert table["start"].iloc[0] == pd.Timestamp("2021-09-23")
    assert table["end"].iloc[0] == pd.Timestamp("2021-10-22")


@pytest.mark.parametrize("text", ["۳۰ مهر ماه ۱۴۰۰", "30 Mehr 1400", "۳۰ مهرماه ۱۴۰۰"])
def test_a_day_and_month_name_with_the_word_month(text: str) -> None:
    assert parse_jalali(text) == one_day(1400, 7, 30)


@pytest.mark.parametrize("text", ["ماه ۱۴۰۰", "ماه ماه ۱۴۰۰", "Mehrmah 1400"])
def test_the_word_month_alone_is_not_a_month(text: str) -> None:
    with pytest.raises(ParseError, match=r"as a Jalali date$"):
        parse_jalali(text)


def test_text_errors_keep_their_position_as_an_attribute() -> None:
    with pytest.raises(InputTypeError) as info:
        parse_jalali(["1400", 5])
    assert str(info.value) == "expected text, got 5 at position 1"
    assert info.value.position == 1
    with pytest.raises(ParseError) as parse_info:
        parse_jalali(["1400", "1400", "nonsense"])
    assert parse_info.value.position == 2
    with pytest.raises(ParseError) as unicode_info:
        parse_jalali(["1400", "\ud800"])
    assert str(unicode_info.value) == (
        "could not read '\\ud800' at position 1 as a Jalali date (not valid Unicode)"
    )
