"""Formats: the strftime directives against jdatetime, parsing with a format, digits."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import jdatetime
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isipo_stats import _kernel
from isipo_stats.accessor import IsipoSeriesAccessor
from isipo_stats.errors import InputTypeError, InvalidDateError, ParseError
from isipo_stats.periods import period_range, period_start
from isipo_stats.text import (
    WEEKDAY_NAMES,
    format_jalali,
    parse_jalali,
    to_latin_digits,
    to_persian_digits,
)
from tests.strategies import day_numbers

FIRST, LAST = _kernel.nowruz(np.array([1300, 1500]))
DAYS = np.arange(FIRST, LAST, dtype=np.int64)  # every day of 1300-1499
EPOCH = dt.date(1970, 1, 1)
SHARED = "%a|%A|%b|%B|%d|%-d|%j|%m|%-m|%w|%y|%Y"


@pytest.fixture(scope="module")
def jalali() -> list[jdatetime.date]:
    return [jdatetime.date.fromgregorian(date=EPOCH + dt.timedelta(int(d))) for d in DAYS]


def test_every_directive_jdatetime_has_writes_what_it_writes_over_1300_1499(
    jalali: list[jdatetime.date],
) -> None:
    ours = format_jalali(DAYS.astype("datetime64[D]"), SHARED + "|%W").str.split("|")
    theirs = pd.Series([j.strftime(SHARED + "|%W") for j in jalali]).str.split("|")
    assert ours.str[:-1].tolist() == theirs.str[:-1].tolist()
    # %W: the same week number; jdatetime writes it without the zero padding
    assert (ours.str[-1].astype(int) == theirs.str[-1].astype(int)).all()
    assert (ours.str[-1].str.len() == 2).all()


def test_persian_names_are_jdatetimes_and_digits_are_persian(
    jalali: list[jdatetime.date],
) -> None:
    fmt = "%a|%A|%B|%d|%j|%Y"  # %b: jdatetime 5 wrote the whole name, 6 three letters
    ours = format_jalali(DAYS[::7].astype("datetime64[D]"), fmt, locale="fa")
    theirs = [
        jdatetime.date(j.year, j.month, j.day, locale="fa_IR").strftime(fmt) for j in jalali[::7]
    ]
    assert to_latin_digits(ours).tolist() == theirs  # jdatetime keeps Latin digits
    assert not ours.str.contains("[0-9]").any()
    months = format_jalali(ist_months(), "%b", locale="fa").tolist()
    assert months == [
        "فرو",
        "ارد",
        "خرد",
        "تیر",
        "مرد",
        "شهر",
        "مهر",
        "آبا",
        "آذر",
        "دی",
        "بهم",
        "اسف",
    ]


def ist_months() -> pd.DatetimeIndex:
    """The first day of each month of 1404."""
    return pd.DatetimeIndex(period_start(period_range("1404-01", periods=12)))


def test_week_number_u_starts_on_the_first_saturday() -> None:
    days = DAYS.astype("datetime64[D]")
    text = format_jalali(days, "%U|%W|%w|%j")
    u, w, weekday, doy = (text.str.split("|").str[i].astype(int).to_numpy() for i in range(4))
    nowruz_weekday = (weekday - (doy - 1)) % 7
    assert np.array_equal(u, w - (nowruz_weekday != 0))  # week 0 when Nowruz is no Saturday
    changes = np.flatnonzero(np.diff(u) != 0) + 1
    assert set(weekday[changes][doy[changes] != 1]) == {0}  # a new week on Saturdays only
    assert u.min() == 0
    assert u.max() == 53


def test_times_of_day_are_written_on_the_tehran_wall_clock() -> None:
    naive = pd.Series(pd.to_datetime(["2021-10-22 07:08:09", "2021-10-22 23:59:00"]))
    assert format_jalali(naive, "%H:%M:%S|%-H").tolist() == ["07:08:09|7", "23:59:00|23"]
    aware = naive.dt.tz_localize("UTC")  # Tehran was +03:30 in Mehr 1400
    assert format_jalali(aware, "%Y-%m-%d %H:%M").tolist() == [
        "1400-07-30 10:38",
        "1400-08-01 03:29",
    ]
    assert format_jalali("2021-10-22 15:30", "%H:%M") == "15:30"
    assert format_jalali(dt.date(2021, 10, 22), "%H:%M") == "00:00"
    assert format_jalali(["2021-10-22 15:30", None], "%H:%M", locale="fa").tolist() == [
        "۱۵:۳۰",
        None,
    ]


def test_padding_variants() -> None:
    day = "2025-03-25"  # 1404-01-05
    assert format_jalali(day, "%d|%-d|%e|%m|%-m|%j|%-j") == "05|5| 5|01|1|005|5"


# --- parsing with a format -----------------------------------------------------------------

ROUND_TRIP = [
    "%Y%m%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%-d %b %Y",
    "%A %d %B %Y",
    "%a, %e %b %Y",
    "%j/%Y",
    "%Y-%j",
    "day %d of %B, %Y (%w)",
    "%Y-%m-%d %H:%M:%S",
]


@given(st.lists(day_numbers, min_size=1, max_size=10), st.sampled_from(ROUND_TRIP),
       st.sampled_from(["en", "fa"]), st.integers(0, 86_399))  # fmt: skip
def test_what_is_written_reads_back(days: list[int], fmt: str, locale: Any, second: int) -> None:
    instants = pd.Series(np.array(days, dtype="datetime64[D]")).astype("datetime64[us]")
    if "%H" in fmt:
        instants = instants + pd.Timedelta(seconds=second)
    text = format_jalali(instants, fmt, locale=locale)
    table = parse_jalali(text, format=fmt)
    assert table["start"].tolist() == instants.tolist()


@given(day_numbers.filter(lambda d: 1369 <= _kernel.year_of(np.array([d]))[0] <= 1468))
def test_two_digit_years_read_as_jdatetime_reads_them(day: int) -> None:
    text = format_jalali(np.datetime64(day, "D"), "%y/%m/%d")
    assert text is not None
    ours = parse_jalali(text, format="%y/%m/%d").start
    theirs = jdatetime.datetime.strptime(text, "%y/%m/%d").togregorian()
    assert ours == pd.Timestamp(theirs)


def test_a_format_without_a_day_names_a_month_or_a_year() -> None:
    table = parse_jalali(["Mehr 1400", "Esf 1403"], format="%B %Y")
    assert table[["year", "month"]].to_numpy().tolist() == [[1400, 7], [1403, 12]]
    assert table["end"].dt.strftime("%Y-%m-%d").tolist() == ["2021-10-22", "2025-03-20"]
    assert parse_jalali("۱۴۰۰", format="%Y").end == pd.Timestamp("2022-03-20")


def test_persian_text_reads_with_its_own_names() -> None:
    table = parse_jalali(
        ["شنبه ۲ فروردین ۱۴۰۴", "یک\u200cشنبه ۳ فروردین ۱۴۰۴", "یکشنبه ۳ فروردین ۱۴۰۴"],
        format="%A %d %B %Y",
    )
    assert table["start"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-22", "2025-03-23", "2025-03-23"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "fmt", "error", "message"),
    [
        (["1400/07/30", "1400-07-30"], "%Y/%m/%d", ParseError,
         "could not read '1400-07-30' at position 1 with the format '%Y/%m/%d'"),
        (["Monday 30 Mehr 1400"], "%A %d %B %Y", ParseError,
         "could not read 'Monday 30 Mehr 1400' at position 0 with the format '%A %d %B %Y': "
         "that day is a Friday"),
        (["1400/366"], "%Y/%j", InvalidDateError,
         "day of the year must be in 1-365 for 1400, got 366 at position 0"),
        (["1400/12/30"], "%Y/%m/%d", InvalidDateError,
         "day must be in 1-29 for 1400-12, got 30 at position 0"),
        (["1400/07/30 24:00"], "%Y/%m/%d %H:%M", InvalidDateError,
         "time of day must be within 00:00:00-23:59:59, got 24:00:00 at position 0"),
        (["1400 W05"], "%Y W%W", ParseError,
         "format directive '%W' cannot be read; use %Y %y %m %-m %d %-d %e %j %-j %B %b %A %a "
         "%w %H %-H %M %-M %S %-S or %%"),
        (["1400 1400"], "%Y %Y", ParseError, "format '%Y %Y' gives a field twice"),
        (["1400"], 1400, InputTypeError,
         "format must be a format string such as '%Y/%m/%d', got 1400"),
    ],
)  # fmt: skip
def test_parse_with_format_refuses_with_the_reason(
    values: list[str], fmt: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        parse_jalali(values, format=fmt)
    assert str(info.value) == message


def test_missing_values_stay_missing_and_each_text_is_read_once() -> None:
    table = parse_jalali(
        pd.Series(["14000730", None, "14000730"], index=[5, 6, 7]), format="%Y%m%d"
    )
    assert table.index.tolist() == [5, 6, 7]
    assert table["year"].tolist() == [1400, pd.NA, 1400]


# --- digits --------------------------------------------------------------------------------


@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/- abcمهر", max_size=20))
def test_digits_convert_both_ways_and_nothing_else_changes(text: str) -> None:
    latin = to_latin_digits(text)
    persian = to_persian_digits(text)
    assert to_latin_digits(persian) == latin
    assert to_persian_digits(latin) == persian
    assert not any(c in "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩" for c in latin)
    assert [c for c in latin if not c.isdigit()] == [c for c in text if not c.isdigit()]


def test_digit_functions_keep_the_shape_and_refuse_what_is_not_text() -> None:
    s = pd.Series(["۱۴۰۰", None], index=["a", "b"], name="y")
    out = to_latin_digits(s)
    assert out.tolist() == ["1400", None]
    assert out.index.tolist() == ["a", "b"]
    assert out.name == "y"
    with pytest.raises(InputTypeError) as info:
        to_persian_digits([1400])
    assert str(info.value) == "expected text, got 1400 at position 0"


@pytest.mark.parametrize("locale", ["en", "fa"])
def test_day_name_is_the_weekday_directive(locale: Any) -> None:
    days = pd.Series(pd.date_range("2025-03-15", periods=9), index=list("abcdefghi"), name="d")
    names: pd.Series = cast(IsipoSeriesAccessor, days.isipo).day_name(locale)
    assert names.index.equals(days.index)
    assert names.name == "d"
    assert names.tolist() == format_jalali(days, "%A", locale=locale).tolist()
    assert names.iloc[:7].tolist() == list(WEEKDAY_NAMES[locale])  # 2025-03-15 was a Saturday


def test_times_of_jdatetime_values_and_of_several_time_zones() -> None:
    value = jdatetime.datetime(1400, 7, 30, 15, 45)
    assert format_jalali([value], "%Y-%m-%d %H:%M").tolist() == ["1400-07-30 15:45"]
    zones = ["2021-10-22T10:00+00:00", "2021-10-22T10:00+03:30"]  # 13:30 and 10:00 in Tehran
    assert format_jalali(zones, "%H:%M").tolist() == ["13:30", "10:00"]
