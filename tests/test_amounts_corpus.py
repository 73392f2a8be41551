"""The phrase corpus: amounts as Iranian reports print them, in English and Persian.

``tests/data/amount_phrases.csv`` holds phrases written on the patterns of real reports
(Tehran Times, IRNA, Mehr, ILNA, Donya-e-Eqtesad items on ISIPO, industrial parks, SME
loans and exports, 2019-2025), each with the value, unit, qualifier and bounds a reader
must give; ``amount_refusals.csv`` holds phrases that must be refused, with the message.
"""

from __future__ import annotations

import csv
import functools
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isipo_stats import Amount, ParseError, parse_amount, parse_amounts

DATA = Path(__file__).parent / "data"


def _number(text: str) -> float:
    return float(text) if text else math.nan


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


PHRASES = _read("amount_phrases.csv")
REFUSALS = _read("amount_refusals.csv")


def test_the_corpus_is_large_and_bilingual() -> None:
    persian = [row for row in PHRASES if not row["phrase"].isascii()]
    assert len(PHRASES) >= 200
    assert 0.4 < len(persian) / len(PHRASES) < 0.6
    assert len({row["phrase"] for row in PHRASES}) == len(PHRASES)


@functools.cache
def _corpus_read() -> pd.DataFrame:
    """The whole corpus read in one call (each distinct phrase is read once)."""
    return parse_amounts([row["phrase"] for row in PHRASES])


@pytest.mark.parametrize("i", range(len(PHRASES)), ids=[row["phrase"] for row in PHRASES])
def test_every_phrase_reads_right(i: int) -> None:
    row, read = PHRASES[i], _corpus_read().iloc[i]
    amount = Amount(read["value"], read["unit"], read["qualifier"], read["low"], read["high"])
    assert amount.unit == (row["unit"] or None)
    assert amount.qualifier == row["qualifier"]
    assert amount.value == float(row["value"])
    for got, expected in ((amount.low, row["low"]), (amount.high, row["high"])):
        assert got == _number(expected) or (math.isnan(got) and not expected)


@pytest.mark.parametrize("i", range(0, len(PHRASES), 23))
def test_one_phrase_alone_reads_as_in_the_corpus(i: int) -> None:
    read = _corpus_read().iloc[i]
    expected = Amount(
        float(read["value"]),
        read["unit"],
        read["qualifier"],
        float(read["low"]),
        float(read["high"]),
    )
    assert str(parse_amount(PHRASES[i]["phrase"])) == str(expected)  # NaN-safe


@pytest.mark.parametrize("row", REFUSALS, ids=[row["phrase"] for row in REFUSALS])
def test_every_refusal_says_why(row: dict[str, str]) -> None:
    with pytest.raises(ParseError) as info:
        parse_amount(row["phrase"])
    assert str(info.value) == row["message"]


# --- properties: Persian numbers in words and in digits ---------------------------------------

_ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده",
         "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]  # fmt: skip
_TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
_HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]


def _below_thousand(n: int) -> list[str]:
    """Persian words of 1 <= n <= 999, as parts to be joined by «و»."""
    hundreds, rest = divmod(n, 100)
    parts = [_HUNDREDS[hundreds]] if hundreds else []
    if rest >= 20:
        parts += [w for w in (_TENS[rest // 10], _ONES[rest % 10]) if w]
    elif rest:
        parts.append(_ONES[rest])
    return parts


def persian_words(n: int) -> str:
    """Write 1 <= n <= 999,999 in Persian words ("هزار" alone for 1,000-1,999)."""
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        head = " و ".join(_below_thousand(thousands)) if thousands > 1 else ""
        parts.append(f"{head} هزار".strip())
    if rest:
        parts += _below_thousand(rest)
    return " و ".join(parts)


def test_the_word_writer_is_right_on_known_numbers() -> None:
    assert persian_words(345) == "سیصد و چهل و پنج"
    assert persian_words(1480) == "هزار و چهارصد و هشتاد"
    assert persian_words(12340) == "دوازده هزار و سیصد و چهل"


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 999_999), min_size=1, max_size=25))
def test_persian_number_words_read_back(numbers: list[int]) -> None:
    table = parse_amounts([persian_words(n) + " نفر" for n in numbers])
    assert table["value"].tolist() == [float(n) for n in numbers]
    assert (table["unit"] == "persons").all()


_PERSIAN_DIGITS = str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫")
_SCALE_WORDS = {"هزار": 3, "میلیون": 6, "میلیارد": 9, "هزار میلیارد": 12, "thousand": 3,
                "million": 6, "billion": 9, "trillion": 12, "": 0}  # fmt: skip


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**12), st.sampled_from(sorted(_SCALE_WORDS)), st.booleans()),
        min_size=1,
        max_size=25,
    )
)
def test_grouped_numbers_with_a_scale_read_back(drawn: list[tuple[int, str, bool]]) -> None:
    texts = [
        f"{n:,} {word}".translate(_PERSIAN_DIGITS) if persian else f"{n:,} {word}"
        for n, word, persian in drawn
    ]
    table = parse_amounts(texts)
    assert table["value"].tolist() == [float(n * 10 ** _SCALE_WORDS[w]) for n, w, _ in drawn]
