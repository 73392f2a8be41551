"""Number formatting: every rule of isipo_stats.formatting pinned by an exact example."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isipo_stats.amounts import parse_amount
from isipo_stats.figures import load_isipo_reports
from isipo_stats.formatting import (
    format_amount,
    format_amounts,
    format_percent,
    format_percents,
    plural,
)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        # money: scaled with four significant digits, at most two decimals
        (60e12, "rial", "60 trillion rials"),
        (294.8e12, "rial", "294.8 trillion rials"),
        (1.88e12, "rial", "1.88 trillion rials"),
        (18.35e12, "rial", "18.35 trillion rials"),
        (132.7e6, "usd", "$132.7 million"),
        (3.57e9, "usd", "$3.57 billion"),
        (4_913_333.3, "rial", "4.91 million rials"),
        (1_234_567_890_123_456, "rial", "1,235 trillion rials"),
        (15_000, "rial", "15,000 rials"),
        (950_000, "usd", "$950,000"),
        (12.5, "usd", "$12.5"),
        (-5e6, "usd", "-$5 million"),
        # counts: whole numbers, singular for one
        (2067, "units", "2,067 units"),
        (7.0, "projects", "7 projects"),
        (1, "units", "1 unit"),
        (0, "jobs", "0 jobs"),
        (710_000, "persons", "710,000 persons"),
        (2_500_000, "jobs", "2.5 million jobs"),
        # counts that were not whole (interpolated) are rounded and marked
        (2.2, "parks", "about 2 parks"),
        (14_458.4, "jobs", "about 14,458 jobs"),
        (2.5, "parks", "about 3 parks"),
        (0.4, "units", "about 0 units"),
        # shares: one decimal at most
        (18.7, "percent", "18.7 %"),
        (22, "percent", "22 %"),
        (23.45, "percent", "23.5 %"),
        # other units: four significant digits, the unit as given
        (12.345, "tonnes", "12.35 tonnes"),
        (12345.678, "tonnes", "12,346 tonnes"),
        (0.5, "", "0.5"),
        # missing and unbounded
        (float("nan"), "rial", "-"),
        (None, "units", "-"),
        (float("inf"), "units", "no limit"),
        (float("-inf"), "usd", "no limit"),
    ],
)
def test_rules(value: float | None, unit: str, text: str) -> None:
    assert format_amount(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        (357e6, "usd", "approx", "about $357 million"),
        (39_000, "jobs", "lower", "over 39,000 jobs"),
        (132.7e6, "usd", "lower", "over $132.7 million"),
        (1.5e9, "rial", "upper", "up to 1.5 billion rials"),
        (2.2, "parks", "lower", "over 2 parks"),  # a stated qualifier is not replaced
        (2067, "units", "exact", "2,067 units"),
        (2067, "units", "range", "2,067 units"),  # a range without its ends
    ],
)
def test_qualifiers_as_stated(value: float, unit: str, qualifier: str, text: str) -> None:
    assert format_amount(value, unit, qualifier=qualifier) == text


def test_ranges() -> None:
    texts = format_amounts(
        [23, 1.5e6, 1.75e6],
        ["percent", "rial", "usd"],
        qualifiers="range",
        lows=[22, 900_000, 1.5e6],
        highs=[24, 2e6, 2e6],
    )
    assert texts.tolist() == ["22 to 24 %", "900,000 to 2 million rials", "$1.5 to $2 million"]


def test_persian() -> None:
    texts = format_amounts(
        [6e13, 18.7, 2067, 3.57e9, 23, float("inf"), float("nan")],
        ["rial", "percent", "units", "usd", "percent", "units", "units"],
        qualifiers=["exact", "approx", "lower", "exact", "range", "exact", "exact"],
        lows=[np.nan, np.nan, np.nan, np.nan, 22, np.nan, np.nan],
        highs=[np.nan, np.nan, np.nan, np.nan, 24, np.nan, np.nan],
        locale="fa",
    )
    assert texts.tolist() == [
        "۶۰ هزار میلیارد ریال", "حدود ۱۸٫۷ درصد", "بیش از ۲٬۰۶۷ واحد", "۳٫۵۷ میلیارد دلار",
        "۲۲ تا ۲۴ درصد", "بدون حد", "-",
    ]  # fmt: skip


def test_persian_reads_back_as_the_same_amount() -> None:
    for value, unit in [(6e13, "rial"), (18.7, "percent"), (3.57e9, "usd")]:
        amount = parse_amount(format_amount(value, unit, locale="fa"))
        assert (amount.value, amount.unit) == (value, unit)


def test_series_keeps_index_and_name() -> None:
    values = pd.Series([2067.0, np.nan], index=["s000-05", "x"], name="value")
    out = format_amounts(values, "units")
    pd.testing.assert_series_equal(
        out, pd.Series(["2,067 units", "-"], index=["s000-05", "x"], name="value", dtype=object)
    )


def test_units_per_value_and_missing_units() -> None:
    out = format_amounts([1, 2, 3], ["units", None, np.nan])
    assert out.tolist() == ["1 unit", "2", "3"]


def test_mismatched_lengths_refused() -> None:
    with pytest.raises(ValueError, match=r"^expected 2 values to match the numbers, got 3$"):
        format_amounts([1, 2], ["units", "units", "units"])
    with pytest.raises(ValueError, match=r"^expected 2 lows and highs to match the numbers$"):
        format_amounts([1, 2], "units", qualifiers="range", lows=[1], highs=[2, 3])


def test_bundled_figures_read_as_stated() -> None:
    """Every exact money figure of the bundled table formats back to its stated number."""
    table = load_isipo_reports()
    money = table[table["unit"].isin(["rial", "usd"])]
    text = format_amounts(money["value"], money["unit"], qualifiers=money["qualifier"])
    expected = {
        "s000-03": "60 trillion rials",
        "s000-04": "over $132.7 million",
        "s001-03": "about $3.57 billion",
        "s002-08": "about $357 million",
        "s003-07": "about 294.8 trillion rials",
        "s003-11": "about $3.82 million",
    }
    shown = dict(zip(money["id"], text, strict=True))
    assert {key: shown[key] for key in expected} == expected


def test_percents() -> None:
    assert format_percents([103.35, 18.7, np.nan, np.inf]).tolist() == [
        "103.4 %", "18.7 %", "-", "no limit",
    ]  # fmt: skip
    assert format_percents([12.34, -4.0, 0.0, 0.04], signed=True).tolist() == [
        "+12.3 %", "-4 %", "0 %", "0 %",
    ]  # fmt: skip
    assert format_percent(58.06) == "58.1 %"
    assert format_percent(None) == "-"


@pytest.mark.parametrize(
    ("count", "noun", "many", "text"),
    [(1, "day", None, "1 day"), (4, "warning", None, "4 warnings"), (0, "error", None,
     "0 errors"), (3, "info", "info", "3 info"), (1, "info", "info", "1 info"),
     (12_000, "figure", None, "12,000 figures")],
)  # fmt: skip
def test_plural(count: int, noun: str, many: str | None, text: str) -> None:
    assert plural(count, noun, many) == text


UNITS = st.sampled_from(["rial", "usd", "units", "jobs", "percent", "tonnes", ""])
QUALIFIERS = st.sampled_from(["exact", "approx", "lower", "upper", "range"])


@given(
    st.lists(st.one_of(st.floats(), st.none(), st.integers(-(10**20), 10**20)), max_size=20),
    UNITS,
    QUALIFIERS,
    st.sampled_from(["en", "fa"]),
)
def test_never_nan_or_inf_in_text(values: list[object], unit: str, qualifier: str,
                                  locale: str) -> None:  # fmt: skip
    out = format_amounts(values, unit, qualifiers=qualifier, locale=locale)  # type: ignore[arg-type]
    assert len(out) == len(values)
    for text in out:
        assert isinstance(text, str)
        assert text
        assert "nan" not in text.lower()
        assert "inf" not in text.lower()


@given(
    st.floats(min_value=1, max_value=1e14, allow_nan=False),
    st.sampled_from(["rial", "usd", "units", "percent"]),
    st.sampled_from(["exact", "approx", "lower", "upper"]),
)
def test_round_trip_through_the_amount_reader(value: float, unit: str, qualifier: str) -> None:
    """What is written reads back: same unit and qualifier, the value to its shown digits."""
    text = format_amount(value, unit, qualifier=qualifier)
    amount = parse_amount(text)
    whole_count = unit == "units" and value < 1e6
    assert amount.unit == unit  # "1 unit" reads as the count unit "units" too
    rounded_off = abs(value - math.floor(value + 0.5)) > 1e-9  # float noise is still whole
    if qualifier == "exact" and whole_count and rounded_off:
        assert amount.qualifier == "approx"  # a rounded count is marked "about"
    else:
        assert amount.qualifier == qualifier
    if whole_count:
        assert abs(amount.value - value) <= 0.5
    elif unit == "percent":
        assert abs(amount.value - value) <= 0.05 + 1e-9 * value
    else:
        assert abs(amount.value - value) <= 5.000001e-3 * value  # half a unit in the 3rd digit
