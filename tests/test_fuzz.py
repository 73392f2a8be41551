"""Hypothesis properties across the public API: reliability under arbitrary input.

Whatever the input, a function either answers correctly or raises one of the library's own
errors (``IsipoError``, which names the value and its position); it never lets another
exception through, never answers wrongly, never drops a figure. Each property checks the
answer against an independent oracle (jdatetime, a re-implementation, the per-element call).

The default ("ci") profile runs a few dozen examples each; ``HYPOTHESIS_PROFILE=long`` is the
long fuzz run (see ``tests/fuzz/README.md``).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from typing import Any, cast

import jdatetime
import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import IsipoError
from isipo_stats.checks import CHECKS, FLAG_COLUMNS
from isipo_stats.text import Locale

FIRST = pd.Timestamp("1821-03-21")
LAST = pd.Timestamp("2321-03-20")
# jdatetime follows the plain 33-year rule, which is this library's up to 1633 AP
# (1634-01-01 AP is 2255-03-21); beyond it the oracle is not used.
JDATETIME_LAST = dt.date(2255, 3, 20)

# --- text ------------------------------------------------------------------------------

ENGLISH_MONTHS = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                  "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"]  # fmt: skip
PERSIAN_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                  "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]  # fmt: skip
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
SEPARATORS = "/-., \t\n،٫٬\u200c\u200e\u200f–—~$%"
LETTERS = "".join(sorted(set("".join(ENGLISH_MONTHS + PERSIAN_MONTHS)))) + "يكةstndrhofm"
TOKENS = [
    *ENGLISH_MONTHS, *PERSIAN_MONTHS, "1400", "1399", "1403", "1404", "1199", "1700", "۱۴۰۰",
    "١٤٠٣", "12", "30", "31", "29", "07", "0", "of", "st", "th", "over", "about", "up to",
    "to", "تا", "hundred", "thousand", "million", "billion", "trillion", "هزار", "میلیارد",
    "میلیون", "ریال", "تومان", "همت", "percent", "rials", "tomans", "dollars", "$", "%",
    "درصد", "بیش از", "حدود", "one", "twenty", "1,160", "39,000", "294.8", ".5", "-", "–",
]  # fmt: skip

chars = st.one_of(
    st.sampled_from("0123456789" + PERSIAN_DIGITS + ARABIC_DIGITS + SEPARATORS + LETTERS),
    st.characters(),
)
free_text = st.text(chars, max_size=24)
# what a UTF-8 file can hold (no lone surrogates)
file_text = st.text(st.one_of(chars.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF)), max_size=24)
token_text = st.builds(
    lambda parts, sep: sep.join(parts),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(chars, max_size=3)), max_size=6),
    st.sampled_from([" ", "/", "-", "", "  "]),
)
numeric_dates = st.from_regex(r"\A[0-9]{3,4}(\s?[/.\-]\s?[0-9]{1,2}(\s?[/.\-]\s?[0-9]{1,2})?)?\Z")
texts = st.one_of(free_text, token_text, numeric_dates)
missing = st.sampled_from([None, float("nan"), pd.NA, pd.NaT])

# The slow properties (a figure table validated, checked and reconciled per example, about
# 0.5 s) run a quarter of the profile's examples: 10 by default, 750 in the long run.
FEWER = settings(max_examples=max(10, settings().max_examples // 4))

TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)


def outcome(function: Any, *args: Any, **kwargs: Any) -> Any:
    """The function's answer, or the IsipoError it raised (any other exception escapes)."""
    try:
        return function(*args, **kwargs)
    except IsipoError as err:
        return err


def position_of(err: Exception) -> int:
    """The position an error names: its attribute, which its message shows too.

    (parse_amounts still writes its positions into the message only: read there.)
    """
    assert isinstance(err, IsipoError), err
    if err.position is None:
        found = re.search(r"at position (\d+)", str(err))
        assert found, f"the error names no position: {err}"
        return int(found.group(1))
    assert f"at position {err.position}" in str(err)
    return err.position


def as_position(err: Exception, position: int) -> str:
    return str(err).replace(f"at position {position}", "at position 0")


def jalali(day: dt.date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


def last_day(year: int, month: int) -> int:
    return 31 if month <= 6 else 30 if month <= 11 else 30 if ist.is_leap(year) else 29


# --- parse_jalali ------------------------------------------------------------------------


@given(texts)
@example("۳۰ مهر ۱۴۰۰")
@example("1404/12/30")
@example("𝟙𝟜𝟘𝟘")  # mathematical digits are not the documented digits
def test_parse_jalali_answers_right_or_raises_its_own_error(text: str) -> None:
    span = outcome(ist.parse_jalali, text)
    if isinstance(span, IsipoError):
        assert isinstance(span, ValueError)
        assert position_of(span) == 0
        return
    assert FIRST <= span.start <= span.end <= LAST
    start, end = ist.to_jalali([span.start, span.end]).to_numpy(dtype=int).tolist()
    # the year is the one written, in ASCII, Persian or Arabic-Indic digits
    assert str(start[0]) in text.translate(TO_ASCII)
    assert start[0] == end[0]
    whole_month = start[2] == 1 and end[2] == last_day(end[0], end[1]) and start[1] == end[1]
    whole_year = start[1:] == [1, 1] and end[1:] == [12, last_day(end[0], 12)]
    assert span.start == span.end or whole_month or whole_year
    if span.end.date() <= JDATETIME_LAST:
        assert list(jalali(span.start.date())) == start
        assert list(jalali(span.end.date())) == end


@given(st.lists(st.one_of(texts, missing), max_size=8))
def test_parse_jalali_list_agrees_with_each_text(values: list[Any]) -> None:
    each = [
        v if v is None or not isinstance(v, str) else outcome(ist.parse_jalali, v) for v in values
    ]
    table = outcome(ist.parse_jalali, values)
    if isinstance(table, IsipoError):
        position = position_of(table)
        # the value named fails on its own, with the same message
        assert isinstance(each[position], IsipoError)
        assert str(each[position]) == as_position(table, position)
        return
    assert len(table) == len(values)
    for row, one in zip(table.itertuples(), each, strict=True):
        if isinstance(one, ist.Span):
            assert (row.start, row.end) == (one.start, one.end)
        else:
            assert pd.isna(row.start)
            assert pd.isna(row.end)
            assert pd.isna(row.year)


@given(st.one_of(st.integers(), st.floats(), st.binary(), st.none(), st.lists(st.integers(), min_size=1, max_size=2),
                 st.dictionaries(st.text(max_size=2), st.integers(), max_size=2), st.dates()))  # fmt: skip
def test_parse_jalali_refuses_what_is_not_text(value: Any) -> None:
    with pytest.raises(ist.InputTypeError):
        ist.parse_jalali(value)
    if not (value is None or (isinstance(value, float) and math.isnan(value))):  # not missing
        with pytest.raises(ist.InputTypeError, match="at position 1"):
            ist.parse_jalali(["1400", value])


# --- amounts ----------------------------------------------------------------------------


def _amount_is_sound(amount: ist.Amount) -> None:
    assert amount.qualifier in ("exact", "approx", "lower", "upper", "range")
    assert math.isfinite(amount.value)
    assert amount.value >= 0
    low, high = amount.low, amount.high
    expected_nan = {
        "exact": (False, False), "approx": (True, True), "lower": (False, True),
        "upper": (True, False), "range": (False, False),
    }[amount.qualifier]  # fmt: skip
    assert (math.isnan(low), math.isnan(high)) == expected_nan
    assert math.isnan(low) or low <= amount.value
    assert math.isnan(high) or amount.value <= high
    if amount.qualifier in ("exact", "lower"):
        assert low == amount.value
    if amount.qualifier in ("exact", "upper"):
        assert high == amount.value


@given(texts, st.sampled_from([None, "units", "jobs"]))
@example("1 thousand million", None)
@example("9" * 400, None)
@example("24-22 percent", None)
@example("one hundred", None)
@example("$5 rials", None)
@example("𝟙", None)
@example("1,2 million", None)
def test_parse_amount_answers_right_or_raises_its_own_error(text: str, unit: str | None) -> None:
    amount = outcome(ist.parse_amount, text, unit=unit)
    if isinstance(amount, IsipoError):
        assert isinstance(amount, ist.ParseError)
        assert position_of(amount) == 0
        return
    _amount_is_sound(amount)
    # every digit of the number is in the text (nothing invented)
    first = re.search(r"[0-9]", text.translate(TO_ASCII))
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen", "twenty", "zero", "hundred", "thousand", "million",
             "billion", "trillion", "quadrillion", "hemat",
             # Persian number and scale words (a word alone, «هزار», is a number)
             "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "صد", "هزار",
             "میلیون", "میلیارد", "همت")  # fmt: skip
    assert first or any(word in text.lower() for word in words)


@given(st.lists(texts, max_size=6))
def test_parse_amounts_table_agrees_with_each_phrase(values: list[str]) -> None:
    each = [outcome(ist.parse_amount, v) for v in values]
    table = outcome(ist.parse_amounts, values)
    if isinstance(table, IsipoError):
        position = position_of(table)
        assert isinstance(each[position], IsipoError)
        assert str(each[position]) == as_position(table, position)
        return
    assert len(table) == len(values)
    for row, one in zip(table.itertuples(index=False), each, strict=True):
        assert isinstance(one, ist.Amount)
        got = ist.Amount(row.value, row.unit, row.qualifier, row.low, row.high)
        assert str(got) == str(one)  # NaN-safe


# --- to_jalali ---------------------------------------------------------------------------

timezones = st.sampled_from(
    ["UTC", "Asia/Tehran", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]
)
date_like = st.one_of(
    texts,
    st.dates(),
    st.datetimes(),
    st.builds(lambda d, z: pd.Timestamp(d).tz_localize("UTC").tz_convert(z),
              st.datetimes(dt.datetime(1830, 1, 1), dt.datetime(2250, 1, 1)), timezones),
    st.dates(FIRST.date(), LAST.date()).map(lambda d: d.isoformat()),
    st.dates(FIRST.date(), LAST.date()).map(pd.Timestamp),
    st.integers(), st.floats(), st.booleans(), st.none(), st.binary(max_size=4),
    st.just(pd.NaT), st.just(pd.NA), st.just(np.datetime64("NaT")),
    st.builds(np.datetime64, st.integers(-(2**62), 2**62),
              st.sampled_from(["Y", "M", "W", "D", "h", "s", "ms", "us", "ns", "ps", "fs", "as"])),
    st.timedeltas(), st.builds(object),
    st.builds(jdatetime.date, st.integers(1, 3000), st.integers(1, 12), st.integers(1, 29)),
)  # fmt: skip


def _expected_day(value: Any) -> dt.date | None:
    """The Gregorian day of a date-like value, by Python's own means (None: no oracle)."""
    if isinstance(value, pd.Timestamp) and value.tz is not None:
        return value.tz_convert("Asia/Tehran").date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) and not isinstance(value, jdatetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


@given(date_like)
@example(np.datetime64(2**62, "Y"))
@example("now")
@example("12:00")
def test_to_jalali_answers_right_or_raises_its_own_error(value: Any) -> None:
    table = outcome(ist.to_jalali, value)
    if isinstance(table, IsipoError):
        if not isinstance(table, ist.InputTypeError):
            assert position_of(table) == 0
        return
    assert list(table.columns) == ["year", "month", "day"]
    assert len(table) == 1
    fields = table.iloc[0]
    if fields.isna().all():
        return
    day = ist.to_gregorian(*(int(f) for f in fields))[0].date()
    assert FIRST.date() <= day <= LAST.date()
    expected = _expected_day(value)
    if expected is not None:
        assert day == expected
        if day <= JDATETIME_LAST:
            assert tuple(int(f) for f in fields) == jalali(day)
    if isinstance(value, jdatetime.date):
        assert tuple(int(f) for f in fields) == (value.year, value.month, value.day)


@given(st.lists(date_like, max_size=6))
@example([np.datetime64(0, "ns"), np.datetime64(293, "Y")])  # numpy: 2263 in ns wraps around
@example(["", 150100])  # numpy: the number becomes the text "150100"
@example([None, 0])  # pandas: 0 is 1970-01-01
def test_to_jalali_list_agrees_with_each_value(values: list[Any]) -> None:
    table = outcome(ist.to_jalali, values)
    each = [outcome(ist.to_jalali, v) for v in values]
    if isinstance(table, IsipoError):
        if str(table).startswith(("cannot mix", "expected")):
            return  # about the list as a whole (time zones, nesting, dtype)
        position = position_of(table)
        assert isinstance(each[position], IsipoError)
        return
    assert len(table) == len(values)
    for i, one in enumerate(each):
        assert not isinstance(one, IsipoError), (values[i], one)
        assert table.iloc[i].tolist() == one.iloc[0].tolist()


# --- to_gregorian -----------------------------------------------------------------------

numbers = st.one_of(
    st.integers(), st.integers(1195, 1705), st.integers(-1, 33), st.floats(),
    st.floats(1195, 1705).map(round).map(float), st.none(), st.just(pd.NA),
    st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**30, 1e300, -1e300, math.inf, -math.inf]),
)  # fmt: skip


@given(numbers, numbers, numbers)
@example(1403, 12, 30)
@example(1404, 12, 30)
@example(1e300, 1, 1)
@example(1400, 1, 2**64)
def test_to_gregorian_answers_right_or_raises_its_own_error(
    year: Any, month: Any, day: Any
) -> None:
    result = outcome(ist.to_gregorian, year, month, day)
    if isinstance(result, IsipoError):
        assert position_of(result) == 0
        assert isinstance(result, (ist.CalendarRangeError, ist.InvalidDateError))
        shown = re.search(r"got (.+) at position", str(result))
        assert shown is not None
        return
    assert len(result) == 1
    if any(
        v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
        for v in (year, month, day)
    ):
        assert pd.isna(result[0])
        return
    back = ist.to_jalali(result).iloc[0].tolist()
    assert back == [int(year), int(month), int(day)]
    if result[0].date() <= JDATETIME_LAST:
        assert jdatetime.date(int(year), int(month), int(day)).togregorian() == result[0].date()


@given(st.lists(st.tuples(numbers, numbers, numbers), max_size=6))
def test_to_gregorian_arrays_agree_with_each_date(rows: list[tuple[Any, Any, Any]]) -> None:
    years, months, days = ([r[i] for r in rows] for i in range(3))
    result = outcome(ist.to_gregorian, years, months, days)
    each = [outcome(ist.to_gregorian, *r) for r in rows]
    if isinstance(result, IsipoError):
        if str(result).startswith(("missing", "expected")):
            return
        position = position_of(result)
        assert isinstance(each[position], IsipoError)
        return
    assert len(result) == len(rows)
    for got, one in zip(result, each, strict=True):
        assert not isinstance(one, IsipoError)
        assert (pd.isna(got) and pd.isna(one[0])) or got == one[0]


# --- format_jalali ------------------------------------------------------------------------

DIRECTIVES = ("%Y", "%y", "%m", "%d", "%j", "%q", "%B", "%%", "%-m", "%-d", "%-j")
# Directives checked one by one against jdatetime over 1300-1499 in tests/test_formats.py;
# here only their composition with literal text is under test, so each is taken as formatted
# alone.
ALONE = ("%e", "%w", "%W", "%U", "%H", "%-H", "%M", "%-M", "%S", "%-S", "%b", "%A", "%a")
# "%-x" is one directive (x unpadded), as in strftime on glibc; otherwise "%" takes one character
DIRECTIVE = re.compile(r"%-.|%.", re.DOTALL)
PERSIAN_NAMES = dict(enumerate(PERSIAN_MONTHS, start=1))
ENGLISH_NAMES = dict(enumerate(ENGLISH_MONTHS, start=1))


def _format_oracle(day: dt.date, fmt: str, locale: str) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    names = PERSIAN_NAMES if locale == "fa" else ENGLISH_NAMES
    digits = str.maketrans("0123456789", PERSIAN_DIGITS) if locale == "fa" else {}
    table = {
        "%Y": f"{j.year:04d}".translate(digits),
        "%y": f"{j.year % 100:02d}".translate(digits),
        "%m": f"{j.month:02d}".translate(digits),
        "%d": f"{j.day:02d}".translate(digits),
        "%j": f"{j.yday():03d}".translate(digits),
        "%q": str((j.month - 1) // 3 + 1).translate(digits),
        "%B": names[j.month],
        "%%": "%",
        "%-m": str(j.month).translate(digits),
        "%-d": str(j.day).translate(digits),
        "%-j": str(j.yday()).translate(digits),
    }
    alone = {code: ist.format_jalali(day, code, locale=cast("Locale", locale)) for code in ALONE}
    table.update({code: text for code, text in alone.items() if text is not None})
    return DIRECTIVE.sub(lambda m: table[m.group()], fmt)


@given(
    st.dates(FIRST.date(), JDATETIME_LAST),
    st.one_of(st.text(max_size=12), st.text(st.sampled_from("%YymdjqB%-/ x\n"), max_size=12)),
    st.sampled_from(["en", "fa"]),
)
@example(dt.date(2021, 10, 22), "%d %B %Y%", "fa")
@example(dt.date(2021, 10, 22), "%\n", "en")
def test_format_jalali_any_format(day: dt.date, fmt: str, locale: Any) -> None:
    text = outcome(ist.format_jalali, day, fmt, locale=locale)
    known = DIRECTIVES + ALONE
    unknown = [m.group() for m in DIRECTIVE.finditer(fmt) if m.group() not in known]
    if unknown:
        assert isinstance(text, ist.ParseError)
        assert str(text).startswith(f"unknown format directive {unknown[0]!r}")
        return
    expected = _format_oracle(day, fmt, locale)
    assert text == expected
    # the array path agrees with the scalar one, and a missing date stays missing
    many = ist.format_jalali([day, None, day], fmt, locale=locale)
    assert many.tolist() == [expected, None, expected]


@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text(), max_size=1)),
       st.one_of(st.just("en"), st.none(), st.integers(), st.lists(st.just("fa"), max_size=1)))  # fmt: skip
def test_format_jalali_refuses_a_format_or_locale_that_is_not_text(fmt: Any, locale: Any) -> None:
    with pytest.raises(ist.InputTypeError):
        ist.format_jalali("2021-03-21", fmt, locale=locale)


# --- read_figures on corrupted CSV files -------------------------------------------------

METRICS = ["revived_units", "jobs_created", "new_units", "credit"]
BAD_KIND = ["flow", "stock", "cumulativ", "0", "کل"]
BAD_END = ["1400-13-01", "1400-12-30", "1399-12-31", "1402-07-31", "1399-00-05", "1399-02-32",
           "2021-02-30", "2021-13-01", "1400/01/01/01", "soon", "1199-12-29"]  # fmt: skip
BAD_VALUE = ["abc", "1.2.3", "12a", "--5", "inf", "1e", "۱۲x"]
BAD_METRIC = ["", "Revived Units", "jobs-created", "1st", "units!"]
BAD_JYEAR = ["13x9", "1100", "1399.5", "1e3", "1700", "year"]


@st.composite
def figure_csv_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    """A valid figure table as the text cells of a CSV file."""
    rows = []
    for i in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["cumulative", "period", "target", "level"]))
        year = draw(st.integers(1395, 1405))
        row = dict.fromkeys(
            ["id", "metric", "region", "kind", "jyear", "start", "end", "value", "unit",
             "qualifier", "stated", "published", "part_of"], "")  # fmt: skip
        row.update(id=f"f{i}", metric=draw(st.sampled_from(METRICS)), kind=kind,
                   region=draw(st.sampled_from(["", "Iran", "Tehran"])), jyear=str(year),
                   unit="units")  # fmt: skip
        if kind in ("cumulative", "level"):
            month = draw(st.integers(1, 12))
            row["end"] = f"{year}-{month:02d}-{draw(st.integers(1, 29)):02d}"
        elif draw(st.booleans()):
            first = draw(st.integers(1, 12))
            row["start"], row["end"] = (
                f"{year}-{first:02d}",
                f"{year}-{draw(st.integers(first, 12)):02d}",
            )
        value = draw(st.integers(0, 10**7))
        if draw(st.booleans()):
            row["value"] = str(value)
            row["qualifier"] = draw(st.sampled_from(["", "exact", "approx", "lower", "upper"]))
        else:
            row["stated"] = draw(st.sampled_from(
                [f"{value:,}", f"over {value:,}", f"about {value}", f"{value}-{value + 5}",
                 f"up to {value}"]))  # fmt: skip
        if i and draw(st.booleans()):
            row["part_of"] = f"f{draw(st.integers(0, i - 1))}"
        if draw(st.booleans()):
            row["published"] = draw(st.dates(dt.date(2016, 1, 1), dt.date(2026, 1, 1))).isoformat()
        rows.append(row)
    return rows


@st.composite
def corrupted_tables(draw: st.DrawFn) -> tuple[list[dict[str, str]], set[int]]:
    """A valid table with some rows corrupted, and the set of rows that are now invalid."""
    rows = draw(figure_csv_rows())
    n = len(rows)
    corrupted: set[int] = set()
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(0, n - 1))
        how = draw(st.sampled_from(
            ["kind", "end", "value", "metric", "jyear", "part_of", "empty_id", "empty_kind",
             "unit", "duplicate_id"]))  # fmt: skip
        row = rows[r]
        if how == "kind":
            row["kind"] = draw(st.sampled_from(BAD_KIND))
        elif how == "empty_kind":
            row["kind"] = ""
        elif how == "end":
            row["end"] = draw(st.sampled_from(BAD_END))
        elif how == "value":
            row["value"] = draw(st.sampled_from(BAD_VALUE))
        elif how == "metric":
            row["metric"] = draw(st.sampled_from(BAD_METRIC))
        elif how == "jyear":
            row["jyear"] = draw(st.sampled_from(BAD_JYEAR))
        elif how == "part_of":
            row["part_of"] = draw(st.sampled_from(["nope", "f99", "F0 "]))
        elif how == "empty_id":
            row["id"] = ""
        elif how == "unit":
            row["unit"] = ""
            if not row["stated"]:
                row["value"] = row["value"] or "1"
        elif how == "duplicate_id":
            if n == 1:
                continue
            other = draw(st.integers(0, n - 2))
            other += other >= r  # any row but r
            row["id"] = rows[other]["id"]
            continue  # both rows are found by the duplicate rule below
        corrupted.add(r)
    ids = [row["id"] for row in rows]
    counts = pd.Series(ids).value_counts()
    bad = set(corrupted)
    bad |= {i for i, k in enumerate(ids) if k and counts[k] > 1}
    bad |= {i for i, k in enumerate(ids) if not k}  # also a row that copied an emptied id
    bad |= {
        i for i, row in enumerate(rows)
        if row["part_of"].strip() and (row["part_of"].strip() not in ids or row["part_of"].strip() == row["id"])
    }  # fmt: skip
    return rows, bad


@FEWER
@given(corrupted_tables())
def test_read_figures_reports_exactly_the_corrupted_rows(
    tmp_path_factory: pytest.TempPathFactory, drawn: tuple[list[dict[str, str]], set[int]]
) -> None:
    rows, bad = drawn
    path = tmp_path_factory.mktemp("csv") / "figures.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    if not bad:  # e.g. a duplicate id drawn for a one-row table: nothing was corrupted
        assert ist.read_figures(path)["id"].tolist() == [row["id"] for row in rows]
        return
    with pytest.raises(ist.FigureValidationError) as info:
        ist.read_figures(path)
    reported = {row for row, _, _ in info.value.problems}
    assert reported == bad
    # the message lists every problem, with row and column
    for row, column, reason in info.value.problems:
        assert f"row {row}, column {column!r}: {reason}" in str(info.value)


@FEWER
@given(figure_csv_rows())
def test_read_figures_keeps_every_valid_row(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("csv") / "figures.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    table = ist.read_figures(path)
    assert table["id"].tolist() == [row["id"] for row in rows]


@given(
    figure_csv_rows(),
    st.lists(st.tuples(st.integers(0, 7), st.sampled_from(
        ["id", "metric", "region", "kind", "jyear", "start", "end", "value", "unit", "qualifier",
         "stated", "published", "part_of"]), file_text), min_size=1, max_size=4),
)  # fmt: skip
def test_read_figures_on_garbage_cells_never_crashes_or_drops_a_row(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[dict[str, str]],
    garbage: list[tuple[int, str, str]],
) -> None:
    for r, column, text in garbage:
        rows[r % len(rows)][column] = text
    path = tmp_path_factory.mktemp("csv") / "figures.csv"
    # every cell quoted: a bare "\r" would end the line for the reader but not the writer
    pd.DataFrame(rows).to_csv(path, index=False, quoting=csv.QUOTE_ALL)
    table = outcome(ist.read_figures, path)
    if isinstance(table, ist.FigureValidationError):
        assert all(0 <= int(str(row)) < len(rows) for row, _, _ in table.problems)
        return
    assert not isinstance(table, IsipoError), table
    assert len(table) == len(rows)
    assert table["id"].tolist() == [str(row["id"]).strip() for row in rows]


@given(st.binary(max_size=200))
def test_read_figures_on_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("csv") / "figures.csv"
    path.write_bytes(b"id,metric,kind,value,unit\n" + data)
    table = outcome(ist.read_figures, path)
    if not isinstance(table, IsipoError):
        lines = pd.read_csv(path, dtype=str, keep_default_na=False, index_col=False)
        assert len(table) == len(lines)


# --- check and reconcile on valid figure sets ----------------------------------------------


@st.composite
def figure_sets(draw: st.DrawFn) -> pd.DataFrame:
    """Random valid figures: any metric, region, year, kind, qualifier; zeros and duplicates."""
    records: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 14))):
        if records and draw(st.integers(0, 5)) == 0:  # an exact duplicate under a new id
            records.append({**draw(st.sampled_from(records)), "id": f"x{i}"})
            continue
        metric = draw(
            st.sampled_from(["revived_units", "jobs_created", "investment", "idle_share"])
        )
        unit = {"investment": draw(st.sampled_from(["rial", "usd"])), "idle_share": "percent"}.get(
            metric, "units"
        )
        kind = draw(st.sampled_from(["cumulative", "cumulative", "period", "target", "level"]))
        year = draw(st.integers(1398, 1404))
        qualifier = draw(st.sampled_from(["exact", "exact", "approx", "lower", "upper", "range"]))
        value = draw(st.one_of(st.sampled_from([0, 1, 819, 2067]), st.integers(0, 5000)))
        record: dict[str, Any] = {"id": f"x{i}", "metric": metric, "kind": kind, "unit": unit,
                                  "region": draw(st.sampled_from(["Iran", "Tehran"])),
                                  "value": value, "qualifier": qualifier, "jyear": year}  # fmt: skip
        if qualifier == "range":
            record["low"], record["high"] = value, value + draw(st.integers(0, 300))
            record["value"] = (record["low"] + record["high"]) / 2
        month = draw(st.integers(1, 12))
        end = f"{year}-{month:02d}-{draw(st.integers(1, last_day(year, month))):02d}"
        shape = draw(st.integers(0, 2))
        if kind == "cumulative" and shape == 0:  # as-of date unknown: a publication window
            record["published_from"] = ist.to_gregorian(year, month, 1)[0].date().isoformat()
            record["published_to"] = ist.year_span(year).end.date().isoformat()
        elif kind in ("cumulative", "level"):
            record["end"] = end
        elif shape == 1:  # a sub-year span
            first = draw(st.integers(1, month))
            record["start"], record["end"] = f"{year}-{first:02d}-01", end
        if draw(st.booleans()):
            record["published"] = draw(
                st.dates(dt.date(2019, 3, 21), dt.date(2027, 1, 1))
            ).isoformat()
            record.pop("published_from", None)
            record.pop("published_to", None)
        if records and draw(st.integers(0, 3)) == 0:
            record["part_of"] = draw(st.sampled_from(records))["id"]
        records.append(record)
    return ist.figures_from_records(records)


@FEWER
@given(figure_sets(), st.sampled_from(["M", "Q", "Y"]))
def test_check_and_reconcile_never_crash_and_keep_every_figure(
    figures: pd.DataFrame, freq: Any
) -> None:
    result = ist.reconcile(figures, freq=freq)
    flags = result.flags  # the check() table
    assert list(flags.columns) == list(FLAG_COLUMNS)
    assert set(flags["check"]) <= set(CHECKS)
    assert set(flags["severity"]) <= {"error", "warning", "info"}
    ids = set(figures["id"])
    for named in flags["figure_ids"]:
        assert set(named.split(", ")) <= ids

    # every figure accounted for, in order
    assert result.figures["id"].tolist() == figures["id"].tolist()
    assert set(result.figures["status"]) <= {
        "used", "used softly", "used as bound", "excluded", "not used",
    }  # fmt: skip
    monthly = result.monthly
    assert (monthly["low"] <= monthly["high"] + 1e-6).all()
    assert (monthly["low"] >= 0).all()
    for _, path in monthly.groupby(["metric", "region", "unit", "jyear"], sort=False):
        cumulative = path["cumulative"].dropna().to_numpy()
        assert (cumulative >= -1e-9).all()
        assert (np.diff(cumulative) >= -1e-9).all()  # non-decreasing within the year
        inside = path.dropna(subset=["cumulative"])
        assert (inside["cumulative"] >= inside["low"] - 1e-6).all()
        assert (inside["cumulative"] <= inside["high"] + 1e-6).all()
    used = result.figures[result.figures["status"] == "used"]
    np.testing.assert_allclose(used["fitted"], used["value"], rtol=1e-9, atol=1e-6)


@FEWER
@given(figure_sets())
def test_raw_records_and_validated_table_give_the_same_answers(figures: pd.DataFrame) -> None:
    # a validated table validates to itself: nothing changed, nothing dropped
    again = ist.validate_figures(figures)
    pd.testing.assert_frame_equal(again, figures)
