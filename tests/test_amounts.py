"""Quantity phrases read into numbers: parse_amounts and parse_amount."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from isipo_stats import Amount, InputTypeError, IsipoError, ParseError, parse_amount, parse_amounts
from isipo_stats.amounts import QUALIFIER_WORDS, QUALIFIERS, Qualifier, read_amounts, read_numbers

# whether pandas tells "\x00" from "" when it factorizes text (pandas 3.0 does not: a bug)
PANDAS_READS_NUL = pd.factorize(np.array(["\x00", ""], dtype=object))[1].size == 2

NAN = float("nan")

# Every qualifier word, by the group it belongs to (written out here, not read from the module).
LOWER = ["over", "more than", "greater than", "at least", "above", "in excess of", "upwards of",
         "exceeding", "exceeded", "exceeds", "surpassed", "topped", "slightly more than",
         "slightly over", "just over", "well over", "a little over", "a minimum of",
         "no less than", "not less than", "no fewer than",
         "بیش از", "بیشتر از", "بیش تر از", "بالغ بر", "افزون بر", "فراتر از", "متجاوز از",
         "دست کم", "حداقل"]  # fmt: skip
APPROX = ["about", "some", "nearly", "approximately", "around", "almost", "roughly", "close to",
          "an estimated", "estimated", "circa", "~",
          "حدود", "در حدود", "حدوداً", "حدودا", "نزدیک به", "قریب به", "قریب", "تقریباً",
          "تقریبا"]  # fmt: skip
UPPER = ["up to", "less than", "fewer than", "under", "below", "at most", "no more than",
         "not more than", "slightly less than", "just under", "a maximum of",
         "کمتر از", "کم تر از", "حداکثر", "تا سقف"]  # fmt: skip
WORD_GROUPS: dict[str, Qualifier] = {
    **dict.fromkeys(LOWER, "lower"),
    **dict.fromkeys(APPROX, "approx"),
    **dict.fromkeys(UPPER, "upper"),
}

SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# unit word -> (unit, power of ten that converts it to the base unit)
UNITS: dict[str, tuple[str | None, int]] = {
    "": (None, 0),
    "rial": ("rial", 0),
    "rials": ("rial", 0),
    "toman": ("rial", 1),
    "tomans": ("rial", 1),
    "dollars": ("usd", 0),
    "percent": ("percent", 0),
}
TO_PERSIAN_DIGITS = str.maketrans("0123456789,", "۰۱۲۳۴۵۶۷۸۹٬")


def same(a: float, b: float) -> bool:
    """Equal, or both NaN."""
    return a == b or (math.isnan(a) and math.isnan(b))


def check(amount: Amount, expected: Amount) -> None:
    assert amount.unit == expected.unit
    assert amount.qualifier == expected.qualifier
    assert amount.value == expected.value
    assert same(amount.low, expected.low), (amount.low, expected.low)
    assert same(amount.high, expected.high), (amount.high, expected.high)


def test_the_word_groups_here_are_the_modules_words() -> None:
    # each word below is tested; a word added to the module must be added here too
    assert WORD_GROUPS == QUALIFIER_WORDS
    assert QUALIFIERS == ("exact", "approx", "lower", "upper", "range")


# --- qualifiers and the low/high columns -----------------------------------------------


@pytest.mark.parametrize("word", sorted(WORD_GROUPS))
def test_every_qualifier_word(word: str) -> None:
    qualifier = WORD_GROUPS[word]
    amount = parse_amount(f"{word} 1,250 million rials")
    value = 1_250_000_000.0
    low = value if qualifier == "lower" else NAN
    high = value if qualifier == "upper" else NAN
    check(amount, Amount(value, "rial", qualifier, low, high))
    # in capitals, with extra spaces
    assert parse_amount(f" {word.upper()}  7  percent ").qualifier == qualifier


def test_low_and_high_by_qualifier() -> None:
    table = parse_amounts(
        ["39,000", "over 39,000", "up to 39,000", "about 39,000", "38,000-40,000"], unit="jobs"
    )
    assert table["qualifier"].tolist() == ["exact", "lower", "upper", "approx", "range"]
    assert table["value"].tolist() == [39000.0] * 5
    assert table["low"].tolist()[:2] == [39000.0, 39000.0]
    assert table["low"].isna().tolist() == [False, False, True, True, False]
    assert table["high"].isna().tolist() == [False, True, False, True, False]
    assert table.loc[2, "high"] == 39000.0
    assert table.loc[4, "low"] == 38000.0
    assert table.loc[4, "high"] == 40000.0
    assert table["unit"].tolist() == ["jobs"] * 5


def test_longest_qualifier_wins() -> None:
    assert parse_amount("no more than 5").qualifier == "upper"  # not "more than"
    assert parse_amount("~7%").qualifier == "approx"
    assert parse_amount("more than 5").qualifier == "lower"
    assert parse_amount("an estimated 5").qualifier == "approx"


# --- ranges ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22-24 percent", Amount(23.0, "percent", "range", 22.0, 24.0)),
        ("22 - 24 percent", Amount(23.0, "percent", "range", 22.0, 24.0)),
        ("22–24", Amount(23.0, None, "range", 22.0, 24.0)),  # en dash
        ("22—24%", Amount(23.0, "percent", "range", 22.0, 24.0)),  # em dash
        ("22 to 24 %", Amount(23.0, "percent", "range", 22.0, 24.0)),
        ("about 22-24 percent", Amount(23.0, "percent", "range", 22.0, 24.0)),
        ("1.5 to 2 billion tomans", Amount(1.75e10, "rial", "range", 1.5e10, 2e10)),
        ("$1.5-2 million", Amount(1.75e6, "usd", "range", 1.5e6, 2e6)),
        ("$1.5 - $2 billion", Amount(1.75e9, "usd", "range", 1.5e9, 2e9)),
        ("1.5 million to 2 billion rials", Amount(1.00075e9, "rial", "range", 1.5e6, 2e9)),
        ("۵ تا ۷ درصد", Amount(6.0, "percent", "range", 5.0, 7.0)),
        ("۱۰ تا ۱۲ هزار میلیارد تومان", Amount(1.1e14, "rial", "range", 1e14, 1.2e14)),
    ],
)
def test_ranges(text: str, expected: Amount) -> None:
    check(parse_amount(text), expected)


# --- scales and units ------------------------------------------------------------------


@pytest.mark.parametrize(("scale", "power"), SCALES.items())
def test_scales(scale: str, power: int) -> None:
    value = float(5 * 10**power)
    check(parse_amount(f"5 {scale}"), Amount(value, None, "exact", value, value))
    assert parse_amount(f"2.5 {scale} rials").value == float(25 * 10 ** (power - 1))


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("5 rial", "rial", 5.0),
        ("5 rials", "rial", 5.0),
        ("5 irr", "rial", 5.0),
        ("5 IRR", "rial", 5.0),
        ("5 toman", "rial", 50.0),
        ("5 tomans", "rial", 50.0),
        ("$5", "usd", 5.0),
        ("$ 5", "usd", 5.0),
        ("5 dollar", "usd", 5.0),
        ("5 dollars", "usd", 5.0),
        ("5 usd", "usd", 5.0),
        ("5 US dollars", "usd", 5.0),
        ("5 percent", "percent", 5.0),
        ("5 per cent", "percent", 5.0),
        ("5%", "percent", 5.0),
        ("5 %", "percent", 5.0),
        ("5 percentage points", "percent", 5.0),
        ("3 million tomans", "rial", 3e7),
        ("more than $132.7 million", "usd", 132_700_000.0),
    ],
)
def test_units(text: str, unit: str, value: float) -> None:
    amount = parse_amount(text, unit="units")
    assert amount.unit == unit
    assert amount.value == value


def test_unit_default_is_for_phrases_without_a_unit() -> None:
    assert parse_amount("39,000").unit is None
    assert parse_amount("39,000", unit="jobs").unit == "jobs"
    assert parse_amount("5 rials", unit="jobs").unit == "rial"
    # a count noun the phrase gives is its unit, whatever known words qualify it
    assert parse_amount("5,000 housing units", unit="jobs") == Amount(
        5000.0, "units", "exact", 5000.0, 5000.0
    )
    table = parse_amounts(["5", "6 rials", "7 jobs"])
    assert table["unit"].tolist() == [None, "rial", "jobs"]
    assert parse_amounts(["5", "6"])["unit"].tolist() == [None, None]


# --- Persian ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # هزار میلیارد = a thousand billion = 10**12
        ("۱۵ هزار میلیارد ریال", Amount(1.5e13, "rial", "exact", 1.5e13, 1.5e13)),
        # همت = a thousand billion tomans = 10**13 rials
        ("۱۲ همت", Amount(1.2e14, "rial", "exact", 1.2e14, 1.2e14)),
        ("بیش از ۲۰۰ میلیارد تومان", Amount(2e12, "rial", "lower", 2e12, NAN)),
        ("بیشتر از ۵ میلیون دلار", Amount(5e6, "usd", "lower", 5e6, NAN)),
        ("حدود ۳۱ درصد", Amount(31.0, "percent", "approx", NAN, NAN)),
        ("نزدیک به ۳۱ درصد", Amount(31.0, "percent", "approx", NAN, NAN)),
        ("تقریبا ۳۱ درصد", Amount(31.0, "percent", "approx", NAN, NAN)),
        ("تقریباً ۳۱ درصد", Amount(31.0, "percent", "approx", NAN, NAN)),
        ("کمتر از ۵ درصد", Amount(5.0, "percent", "upper", NAN, 5.0)),
        ("حداکثر ۵ درصد", Amount(5.0, "percent", "upper", NAN, 5.0)),
        ("دست کم ۵ هزار", Amount(5e3, None, "lower", 5e3, NAN)),
        ("حداقل ۵ هزار", Amount(5e3, None, "lower", 5e3, NAN)),
        ("۱۲٬۵۰۰٫۵ ریال", Amount(12500.5, "rial", "exact", 12500.5, 12500.5)),
        ("١٢٬٥٠٠ تومان", Amount(125000.0, "rial", "exact", 125000.0, 125000.0)),
        ("۲۰۰ ميليارد ريال", Amount(2e11, "rial", "exact", 2e11, 2e11)),  # Arabic yeh
        ("۳٫۵ میلیون", Amount(3.5e6, None, "exact", 3.5e6, 3.5e6)),
        ("۳۰۰\u200cهزار تومان", Amount(3e6, "rial", "exact", 3e6, 3e6)),  # ZWNJ
    ],
)
def test_persian_phrases(text: str, expected: Amount) -> None:
    check(parse_amount(text), expected)


# --- number words and exactness --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nine", 9.0),
        ("Nine", 9.0),
        ("zero", 0.0),
        ("seven", 7.0),
        ("seventeen", 17.0),
        ("twenty", 20.0),
        ("nine million rials", 9e6),
        ("eighteen thousand", 18e3),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert parse_amount(text).value == value


def test_number_word_with_a_qualifier() -> None:
    check(
        parse_amount("about twenty thousand", unit="jobs"), Amount(2e4, "jobs", "approx", NAN, NAN)
    )
    check(parse_amount("over nine million rials"), Amount(9e6, "rial", "lower", 9e6, NAN))
    # a number word inside another word is left alone, and the word is not a unit
    with pytest.raises(ParseError, match=r"\(unknown word 'tenths'\)$"):
        parse_amount("5 tenths")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("294.8 trillion rials", 294_800_000_000_000.0),
        ("132.7 million dollars", 132_700_000.0),  # 132.7 * 1e6 == 132699999.99999999
        ("1,234.5 million tomans", 12_345_000_000.0),
        ("0.1 percent", 0.1),
        (".5 percent", 0.5),
        ("1.1 billion", 1_100_000_000.0),
        ("1,000,000,000,000,000 rials", 1e15),
        ("9,007,199,254,740,993", 9007199254740992.0),  # 2**53 + 1, correctly rounded
    ],
)
def test_big_numbers_are_exact(text: str, value: float) -> None:
    assert parse_amount(text).value == value


def test_a_naive_product_would_not_be_exact() -> None:
    # why the test above matters: these are the values a float product gives
    assert 132.7 * 1e6 != 132_700_000.0
    assert parse_amount("132.7 million").value == 132_700_000.0


# --- arrays ----------------------------------------------------------------------------


def test_table_columns_dtypes_and_series_index() -> None:
    s = pd.Series(["over 39,000", "60 trillion rials", "about 22-24 percent"], index=[7, 3, 9])
    table = parse_amounts(s, unit="units")
    assert table.columns.tolist() == ["value", "unit", "qualifier", "low", "high"]
    assert table.index.tolist() == [7, 3, 9]
    assert table["value"].dtype == np.float64
    assert table["low"].dtype == np.float64
    assert table["high"].dtype == np.float64
    assert table.loc[3, "value"] == 6e13
    assert table.loc[7, "qualifier"] == "lower"
    assert table.loc[9, "unit"] == "percent"


def test_numpy_and_tuple_inputs() -> None:
    for values in (np.array(["5", "6 rials"]), ("5", "6 rials")):
        assert parse_amounts(values)["value"].tolist() == [5.0, 6.0]


def test_empty_input() -> None:
    table = parse_amounts([])
    assert table.shape == (0, 5)
    assert table.columns.tolist() == ["value", "unit", "qualifier", "low", "high"]


def test_parse_amount_returns_plain_python_values() -> None:
    amount = parse_amount("up to 5 percent")
    assert isinstance(amount, Amount)
    assert type(amount.value) is float
    assert type(amount.high) is float
    assert amount.unit == "percent"
    assert amount.qualifier == "upper"


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (["5", "about", "x"], ParseError, "could not read 'about' at position 1 as an amount"),
        (["hello"], ParseError, "could not read 'hello' at position 0 as an amount"),
        (["5", ""], ParseError, "could not read '' at position 1 as an amount"),
        (
            ["1e5"],
            ParseError,
            "could not read '1e5' at position 0 as an amount (unknown word '1e5')",
        ),
        (["5 5"], ParseError, "could not read '5 5' at position 0 as an amount"),
        (["حدود درصد"], ParseError, "could not read 'حدود درصد' at position 0 as an amount"),
        (
            pd.Series(["5", "lots"], index=["a", "b"]),
            ParseError,
            "could not read 'lots' at position 1 as an amount",
        ),
        (["5", 5], InputTypeError, "expected text, got 5 at position 1"),
        ([1.5, "5"], InputTypeError, "expected text, got 1.5 at position 0"),
        ("over 5", InputTypeError, "expected a one-dimensional array of strings, got str"),
        ([["5"]], InputTypeError, "expected a one-dimensional array of strings, got 2 dims"),
    ],
)
def test_parse_amounts_errors(values: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as err:
        parse_amounts(values)
    assert str(err.value) == message
    assert isinstance(err.value, IsipoError)
    assert isinstance(err.value, ValueError if error is ParseError else TypeError)


def test_parse_amount_errors() -> None:
    with pytest.raises(ParseError) as err:
        parse_amount("a lot")
    assert str(err.value) == "could not read 'a lot' at position 0 as an amount"
    five: Any = 5
    with pytest.raises(InputTypeError) as type_err:
        parse_amount(five)
    assert str(type_err.value) == "expected text, got 5 at position 0"


# --- properties ------------------------------------------------------------------------

counts = st.integers(0, 10**15)
phrases = st.tuples(
    counts,
    st.sampled_from([*sorted(WORD_GROUPS), ""]),
    st.sampled_from(["", *SCALES]),
    st.sampled_from(sorted(UNITS)),
    st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(phrases, min_size=1, max_size=30))
def test_formatted_amounts_parse_back_exactly(
    drawn: list[tuple[int, str, str, str, bool]],
) -> None:
    texts = []
    for n, word, scale, unit_word, separators in drawn:
        number = f"{n:,}" if separators else str(n)
        texts.append(" ".join(part for part in (word, number, scale, unit_word) if part))
    table = parse_amounts(texts)
    values, units, qualifiers = [], [], []
    for n, word, scale, unit_word, _ in drawn:
        unit, unit_power = UNITS[unit_word]
        values.append(float(n * 10 ** (SCALES.get(scale, 0) + unit_power)))  # rounded once
        units.append(unit)
        qualifiers.append(WORD_GROUPS.get(word, "exact"))
    assert table["value"].tolist() == values
    assert table["unit"].tolist() == units
    assert table["qualifier"].tolist() == qualifiers
    has_low = table["qualifier"].isin(["exact", "lower"])
    has_high = table["qualifier"].isin(["exact", "upper"])
    assert table["low"].notna().tolist() == has_low.tolist()
    assert table["high"].notna().tolist() == has_high.tolist()
    assert (table["low"][has_low] == table["value"][has_low]).all()
    assert (table["high"][has_high] == table["value"][has_high]).all()
    first = parse_amount(texts[0])
    assert first.value == table["value"].iloc[0]
    assert first.qualifier == table["qualifier"].iloc[0]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(counts, st.sampled_from(sorted(WORD_GROUPS)), st.sampled_from(list(SCALES))),
        min_size=1,
        max_size=20,
    )
)
def test_dollar_amounts_parse_back_exactly(drawn: list[tuple[int, str, str]]) -> None:
    table = parse_amounts([f"{word} ${n:,} {scale}" for n, word, scale in drawn])
    assert table["value"].tolist() == [float(n * 10 ** SCALES[scale]) for n, _, scale in drawn]
    assert table["qualifier"].tolist() == [WORD_GROUPS[word] for _, word, _ in drawn]
    assert (table["unit"] == "usd").all()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(counts, st.integers(0, 9)), min_size=1, max_size=20))
def test_persian_amounts_parse_back_exactly(drawn: list[tuple[int, int]]) -> None:
    texts = []
    for n, tenths in drawn:
        number = f"{n:,}٫{tenths}".translate(TO_PERSIAN_DIGITS)
        texts.append(f"بیش از {number} میلیارد تومان")
    table = parse_amounts(texts)
    # n.tenths billion tomans = (10 n + tenths) * 10**9 rials
    expected = [float((10 * n + tenths) * 10**9) for n, tenths in drawn]
    assert table["value"].tolist() == expected
    assert table["low"].tolist() == expected
    assert table["high"].isna().all()
    assert (table["qualifier"] == "lower").all()
    assert (table["unit"] == "rial").all()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(counts, counts), min_size=1, max_size=20),
    st.sampled_from(list(SCALES)),
    st.sampled_from(["-", "–", " to "]),
)
def test_ranges_parse_back_exactly(pairs: list[tuple[int, int]], scale: str, dash: str) -> None:
    texts = [f"{min(a, b):,}{dash}{max(a, b):,} {scale} rials" for a, b in pairs]
    table = parse_amounts(pd.Series(texts, index=range(100, 100 + len(texts))))
    assert table.index.tolist() == list(range(100, 100 + len(texts)))
    factor = 10 ** SCALES[scale]
    assert table["low"].tolist() == [float(min(a, b) * factor) for a, b in pairs]
    assert table["high"].tolist() == [float(max(a, b) * factor) for a, b in pairs]
    assert (table["qualifier"] == "range").all()
    assert (table["unit"] == "rial").all()
    midpoints = [(a + b) * factor / 2 for a, b in pairs]
    assert table["value"].tolist() == pytest.approx(midpoints, rel=1e-15)


# --- compound number words, a range's unit stated once -------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twenty-one units", 21.0),
        ("twenty one", 21.0),
        ("Ninety-Nine thousand", 99_000.0),
        ("forty", 40.0),
        ("about thirty-five percent", 35.0),
        ("twenty-one to thirty", 25.5),
    ],
)
def test_compound_number_words_are_one_number(text: str, value: float) -> None:
    assert parse_amount(text).value == value


def test_compound_number_word_is_not_a_range() -> None:
    check(parse_amount("twenty-one units"), Amount(21.0, "units", "exact", 21.0, 21.0))
    check(parse_amount("twenty-one to thirty"), Amount(25.5, None, "range", 21.0, 30.0))


@pytest.mark.parametrize("text", ["5 to $6", "$5 to 6", "$5-$6", "5-$6 million"])
def test_a_range_whose_unit_is_stated_once_has_it_at_both_ends(text: str) -> None:
    amount = parse_amount(text)
    assert (amount.unit, amount.qualifier) == ("usd", "range")
    factor = 1e6 if "million" in text else 1.0
    assert (amount.low, amount.high) == (5 * factor, 6 * factor)


def test_a_dollar_at_either_end_with_another_unit_is_refused() -> None:
    with pytest.raises(ParseError) as err:
        parse_amount("5 to $6 rials")
    assert str(err.value) == (
        "could not read '5 to $6 rials' at position 0 as an amount (a dollar sign with another unit)"
    )


# --- read_amounts and read_numbers: every bad value with its reason -----------------------------


def test_read_amounts_gives_a_reason_for_every_phrase_it_cannot_read() -> None:
    found = read_amounts(
        pd.Series(
            ["over 39,000", "lots", "10-5 units", "$5 rials", "1e999", "lots"], index=list("abcdef")
        )
    )
    assert found.reasons.tolist() == [
        None, "", "a range from high to low", "a dollar sign with another unit",
        "unknown word '1e999'", "",
    ]  # fmt: skip
    assert found.table.index.tolist() == list("abcdef")
    assert found.table["value"].tolist()[0] == 39000.0
    assert found.table.iloc[1:]["value"].isna().all()
    assert found.table.iloc[1:]["unit"].isna().all()
    # the first refused phrase is the one parse_amounts names
    with pytest.raises(ParseError, match="could not read 'lots' at position 1 as an amount"):
        parse_amounts(["over 39,000", "lots", "10-5 units"])


def test_read_amounts_agrees_with_parse_amounts_where_it_reads() -> None:
    phrases = ["over 39,000", "60 trillion rials", "about 22-24 percent", "۱۲ همت", "$5-6"]
    pd.testing.assert_frame_equal(
        read_amounts(phrases, "units").table, parse_amounts(phrases, "units")
    )


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("1,000", 1000.0, None),
        ("-12,345,678.25", -12345678.25, None),
        ("۱۲٬۵۰۰٫۵", 12500.5, None),
        ("٣٫٥", 3.5, None),
        ("1e3", 1000.0, None),
        ("", NAN, None),
        ("1,00", NAN, "commas must group thousands by three (1,000 or 12,345,678), got '1,00'"),
        ("1.000,5", NAN, "commas must group thousands by three (1,000 or 12,345,678), got '1.000,5'"),
        ("12,34,567", NAN, "commas must group thousands by three (1,000 or 12,345,678), got '12,34,567'"),
        ("۱٬۰۰", NAN, "commas must group thousands by three (1,000 or 12,345,678), got '۱٬۰۰'"),
        ("12a", NAN, "not a number: '12a'"),
        ("1_000", NAN, "not a number: '1_000'"),
    ],
)  # fmt: skip
def test_read_numbers(text: str, number: float, reason: str | None) -> None:
    numbers, reasons = read_numbers(pd.Series([text]))
    assert same(float(numbers[0]), number)
    assert reasons.tolist() == [reason]


@given(st.lists(st.text(max_size=12) | st.from_regex(r"[-+]?[0-9,.٫٬۰-۹ ]{1,12}", fullmatch=True),
                min_size=1, max_size=10))  # fmt: skip
def test_read_numbers_reads_a_finite_number_or_says_why_not(texts: list[str]) -> None:
    # pandas 3.0 hashes text as C strings, so "" and "\x00" factorize as one (fixed in 3.1)
    assume(PANDAS_READS_NUL or not any("\x00" in text for text in texts))
    numbers, reasons = read_numbers(pd.Series(texts, dtype=object))
    for text, number, reason in zip(texts, numbers, reasons, strict=True):
        if reason is None:
            assert not math.isinf(number)
            if not math.isnan(number):  # a number: the same as its ASCII text reads
                ascii_text = text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٬٫", "0123456789,."))
                assert number == float(ascii_text.replace(",", "").strip())
        else:
            assert math.isnan(number)
            assert repr(text) in reason
