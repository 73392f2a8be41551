"""Spans: a year, quarter or month of one Jalali year, and what a span contains."""

from __future__ import annotations

from typing import Any

import jdatetime
import numpy as np
import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats import InputTypeError, InvalidDateError, ParseError

untyped: Any = ist  # to call the typed API with what it refuses


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: untyped.year_span(None), InvalidDateError, "year must be given, got None at position 0"),
        (lambda: untyped.year_span(np.nan), InvalidDateError, "year must be given, got nan at position 0"),
        (lambda: untyped.year_span(pd.NA), InvalidDateError, "year must be given, got <NA> at position 0"),
        (lambda: untyped.month_span(None, 1), InvalidDateError, "year must be given, got None at position 0"),
        (lambda: untyped.quarter_span(pd.NA, 1), InvalidDateError, "year must be given, got <NA> at position 0"),
        (lambda: untyped.month_span(1400, np.nan), InvalidDateError, "month must be given, got nan at position 0"),
        (lambda: untyped.month_span(1400, 1.5), InvalidDateError, "month must be a whole number, got 1.5 at position 0"),
        (lambda: untyped.year_span(1400.5), InvalidDateError, "year must be a whole number, got 1400.5 at position 0"),
        (lambda: untyped.quarter_span(1400, True), InputTypeError, "quarter must be a whole number, got True at position 0"),
        (lambda: untyped.month_span(1400, np.True_), InputTypeError, "month must be a whole number, got True at position 0"),
        (lambda: untyped.month_span(1400, "7"), InputTypeError, "month must be a whole number, got '7' at position 0"),
        (lambda: untyped.year_span("1400"), InputTypeError, "year must be a whole number, got '1400' at position 0"),
        (lambda: untyped.year_span(1700), ist.CalendarRangeError, "year must be in 1200-1699, got 1700 at position 0"),
        (lambda: untyped.month_span(1400, 13), InvalidDateError, "month must be in 1-12, got 13 at position 0"),
        (lambda: untyped.quarter_span(1400, 5), InvalidDateError, "quarter must be in 1-4, got 5 at position 0"),
        (lambda: untyped.months_span(1400, 7, 1), InvalidDateError, "the last month must not come before the first, got 7..1"),
    ],
)  # fmt: skip
def test_span_arguments_are_one_whole_number(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


def test_numpy_and_whole_float_numbers_are_numbers() -> None:
    assert ist.month_span(np.int64(1400), np.int8(7)) == ist.month_span(1400, 7)
    assert ist.year_span(1400.0) == ist.year_span(1400)  # type: ignore[call-overload]
    assert ist.quarter_span(np.uint16(1400), np.int64(2)) == ist.months_span(1400, 4, 6)


def test_contains_takes_the_day_in_tehran_time() -> None:
    span = ist.year_span(1400)  # 2021-03-21 .. 2022-03-20
    # 21:00 UTC on 20 March is 00:30 on 1 Farvardin 1400 in Tehran
    assert span.contains(pd.Timestamp("2021-03-20 21:00", tz="UTC"))
    assert span.contains("2021-03-20T21:00+00:00")
    assert not span.contains(pd.Timestamp("2021-03-20 20:29", tz="UTC"))
    assert span.contains(pd.Timestamp("2022-03-20 23:59:59"))  # naive: Tehran wall clock
    assert not span.contains(
        pd.Timestamp("2022-03-20 20:30", tz="UTC")
    )  # 00:00 on 1 Farvardin 1401
    assert span.contains(np.datetime64("2021-03-21T00:00:00.000000001"))
    assert span.contains(jdatetime.date(1400, 12, 29))
    assert not span.contains(jdatetime.date(1401, 1, 1))


@pytest.mark.parametrize("missing", [None, np.nan, pd.NaT, pd.NA, np.datetime64("NaT"), ""])
def test_a_missing_date_is_in_no_span(missing: Any) -> None:
    assert ist.year_span(1400).contains(missing) is False


def test_contains_refuses_what_is_not_one_date() -> None:
    span = ist.year_span(1400)
    with pytest.raises(InputTypeError, match=r"^contains takes one date, got list$"):
        span.contains(["2021-03-21"])
    with pytest.raises(InputTypeError, match="expected a date, a string or an array of dates"):
        span.contains(5)
    with pytest.raises(ParseError, match="could not read 'soon' at position 0 as a Gregorian date"):
        span.contains("soon")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (pd.NaT, "2021-01-01", "a span needs a start date, got NaT"),
        ("2021-01-01", None, "a span needs an end date, got None"),
        (np.datetime64("NaT"), "2021-01-01", "a span needs a start date, got NaT"),
        ("not a date", "2021-01-01", "could not read the start of a span as a date, got 'not a date'"),
        (
            pd.Timestamp("2021-01-01", tz="UTC"),
            "2021-01-02",
            "a span is made of days without a time zone, got start=2021-01-01 00:00:00+00:00",
        ),
        ("2021-01-01 12:00", "2021-01-02", "a span is made of whole days, got start=2021-01-01 12:00:00 and end=2021-01-02 00:00:00"),
        ("2021-01-02", "2021-01-01", "a span must not end before it starts, got 2021-01-02 to 2021-01-01"),
    ],
)  # fmt: skip
def test_a_span_needs_two_whole_days_in_order(start: Any, end: Any, message: str) -> None:
    with pytest.raises(InvalidDateError) as info:
        ist.Span(start, end)
    assert str(info.value) == message
