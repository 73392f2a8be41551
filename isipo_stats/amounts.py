"""Quantities as the reports state them, read into numbers.

Phrases such as "over 39,000", "60 trillion rials", "more than $132.7 million",
"about 22-24 percent" and "۱۲ هزار میلیارد ریال".
:func:`parse_amounts` reads many phrases at once with pandas' vectorized string methods and
returns value, unit, qualifier and bounds in base units (rials, dollars, percent points,
counts). A toman is 10 rials; «همت» is a thousand billion tomans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, Literal, NamedTuple, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._arrays import lone_surrogates, text_series
from isipo_stats._typing import DateArray
from isipo_stats.errors import ParseError
from isipo_stats.text import normalize_digits

__all__ = [
    "QUALIFIERS",
    "Amount",
    "AmountsRead",
    "Qualifier",
    "parse_amount",
    "parse_amounts",
    "read_amounts",
    "read_numbers",
]

Qualifier = Literal["exact", "approx", "lower", "upper", "range"]
"""How a figure relates to the truth: exact; approximate ("about", "some", "nearly");
a lower bound ("over", "more than"); an upper bound ("up to", "less than"); a range."""

QUALIFIERS: Final[tuple[str, ...]] = get_args(Qualifier)

# Qualifier words, longest first so that "more than" wins over a shorter prefix.
QUALIFIER_WORDS: Final[dict[str, Qualifier]] = {
    "more than": "lower", "greater than": "lower", "at least": "lower", "over": "lower",
    "above": "lower", "in excess of": "lower", "upwards of": "lower", "exceeding": "lower",
    "approximately": "approx", "about": "approx", "around": "approx", "some": "approx",
    "nearly": "approx", "almost": "approx", "roughly": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "~": "approx",
    "up to": "upper", "less than": "upper", "fewer than": "upper", "under": "upper",
    "below": "upper", "at most": "upper", "no more than": "upper",
}  # fmt: skip

_SCALES: Final[dict[str, int]] = {
    "hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12,
}  # fmt: skip

# Unit words to (unit, power of ten to multiply by).
_UNIT_WORDS: Final[dict[str, tuple[str, int]]] = {
    "rial": ("rial", 0), "rials": ("rial", 0), "irr": ("rial", 0),
    "toman": ("rial", 1), "tomans": ("rial", 1),
    "dollar": ("usd", 0), "dollars": ("usd", 0), "usd": ("usd", 0), "$": ("usd", 0),
    "us dollars": ("usd", 0),
    "percent": ("percent", 0), "per cent": ("percent", 0), "%": ("percent", 0),
    "percentage points": ("percent", 0),
}  # fmt: skip

# Persian words, rewritten to the English ones above before matching.
_PERSIAN_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("هزار میلیارد", " trillion "), ("همت", " trillion toman "), ("میلیارد", " billion "),
    ("میلیون", " million "), ("هزار", " thousand "), ("ریال", " rial "),
    ("تومان", " toman "), ("دلار", " dollar "), ("درصد", " percent "), ("٪", " percent "),
    ("بیش از", " over "), ("بیشتر از", " more than "), ("حدود", " about "),
    ("نزدیک به", " nearly "), ("تقریباً", " about "), ("تقریبا", " about "),
    ("کمتر از", " less than "), ("دست کم", " at least "), ("حداقل", " at least "),
    ("حداکثر", " at most "), ("تا", " to "),
)  # fmt: skip


_NUMBER_WORDS: Final[tuple[str, ...]] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS_WORDS: Final[tuple[str, ...]] = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip


def _alternation(words: object) -> str:
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(pd.Series(ordered).str.replace(r"([$%~.])", r"\\\1", regex=True))


# ASCII digits only: other scripts' digits are not numbers to pandas (Persian and Arabic-Indic
# digits are made ASCII first).
# Thousands are grouped by three ("1,2" is not twelve: it may be a decimal comma).
_NUMBER: Final = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
_PATTERN: Final = (
    rf"^(?P<qual>{_alternation(QUALIFIER_WORDS)})?\s*(?P<dollar>\$)?\s*"
    rf"(?P<low>{_NUMBER})\s*(?P<scale1>{_alternation(_SCALES)})?"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<dollar2>\$)?\s*(?P<high>{_NUMBER}))?\s*"
    rf"(?P<scale>{_alternation(_SCALES)})?\s*(?P<unit>{_alternation(_UNIT_WORDS)}|[a-z][a-z ]*)?$"
)
# A number as a table cell holds it: thousands grouped by three if at all, a point for decimals.
_GROUPED: Final = r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$"

_UNREADABLE: Final = ""
"""The reason :func:`read_amounts` gives for a phrase that is not a quantity at all."""


class Amount(NamedTuple):
    """One parsed quantity: ``value`` in base units (the midpoint of a range)."""

    value: float
    unit: str | None
    qualifier: Qualifier
    low: float
    high: float


class AmountsRead(NamedTuple):
    """What :func:`read_amounts` found: the quantities, and why each unread phrase failed."""

    table: pd.DataFrame
    """As :func:`parse_amounts` returns; a row of missing values where a phrase failed."""
    reasons: npt.NDArray[np.object_]
    """None where the phrase was read; ``""`` for text that is no quantity at all; otherwise
    what was wrong ("a range from high to low", ...)."""


def _to_number(digits: pd.Series, power: pd.Series) -> pd.Series:
    # "294.8" and 12 -> float("294.8e12"): one correctly rounded conversion, no products.
    # numpy's parser is correctly rounded with every supported pandas (pandas 3.0's
    # to_numeric is not); the text always matches _NUMBER, or is missing.
    text = digits.str.replace(",", "", regex=False) + "e" + power.astype("Int64").astype("string")
    numbers = text.fillna("nan").to_numpy(dtype=str).astype(np.float64)
    return pd.Series(numbers, index=text.index)


def _as_phrases(values: DateArray) -> pd.Series:
    """Return the argument as a Series of str (positions as the index); refuse others."""
    return text_series(
        values, expected="a one-dimensional array of strings", reading=None, missing=False
    )


def _number_word(match: re.Match[str]) -> str:
    tens, ones = match.group("tens"), match.group("ones") or match.group("word")
    value = _NUMBER_WORDS.index(ones) if ones else 0
    return str(value + (10 * (_TENS_WORDS.index(tens) + 2) if tens else 0))


# "twenty-one", "twenty one" and "twenty" as tens and ones; "seventeen" as a word
_NUMBER_WORD: Final = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS_WORDS)})(?:[- ](?P<ones>{'|'.join(_NUMBER_WORDS[1:10])}))?"
    rf"|(?P<word>{'|'.join(_NUMBER_WORDS)}))\b"
)


_ANY_NUMBER_WORD: Final = rf"\b(?:{'|'.join((*_NUMBER_WORDS, *_TENS_WORDS))})\b"


def _where(text: pd.Series, pattern: str, change: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply ``change`` only to the texts that ``pattern`` finds something in (fewer passes)."""
    found = text.str.contains(pattern, regex=True).to_numpy(dtype=bool)
    if found.any():
        text = text.copy()
        text[found] = change(text[found])
    return text


def _persian_words(text: pd.Series) -> pd.Series:
    for persian, english in _PERSIAN_WORDS:
        text = text.str.replace(persian, english, regex=False)
    return text


def _normalized(phrases: pd.Series) -> pd.Series:
    """Lower case, ASCII digits, English words for Persian ones, digits for number words."""
    text = normalize_digits(phrases.astype("string")).str.lower()
    text = _where(text, r"[^\x00-\x7f]", _persian_words)
    text = _where(
        text, _ANY_NUMBER_WORD, lambda t: t.str.replace(_NUMBER_WORD, _number_word, regex=True)
    )
    return text.str.replace(r"\s+", " ", regex=True).str.strip()


def _units(parts: pd.DataFrame, unit: str | None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return unit names, the power of ten each unit word adds, where a $ clashes."""
    unit_word = parts["unit"].str.strip()
    known = unit_word.map(_UNIT_WORDS)
    unit_name = known.map(lambda pair: pair[0], na_action="ignore").astype(object)
    # astype(float): a column with no match at all comes back as null or string dtype
    unit_power = known.map(lambda pair: pair[1], na_action="ignore").astype(float).fillna(0)
    # a dollar sign before either end of a range is the unit of both
    dollar = parts["dollar"].notna() | parts["dollar2"].notna()
    clash = dollar & unit_name.notna() & (unit_name != "usd")
    unit_name = unit_name.where(~dollar, "usd")
    unit_name = unit_name.fillna(unit_word.where(unit_word != "").astype(object))
    if unit is not None:
        unit_name = unit_name.fillna(unit)
    return unit_name, unit_power, clash


def _bounds(parts: pd.DataFrame, unit_power: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return the two ends of each phrase (equal unless a range), in base units."""
    is_range = parts["high"].notna()
    scale = parts["scale"].fillna(parts["scale1"]).map(_SCALES).astype(float).fillna(0)
    power = scale + unit_power
    scale1 = parts["scale1"].map(_SCALES).astype(float).fillna(scale)
    # "1 million to 2 billion": each end its own scale; "5 thousand million" (no range):
    # the scales multiply
    both = ~is_range & parts["scale1"].notna() & parts["scale"].notna()
    power = power.where(~both, power + scale1)
    low = _to_number(parts["low"], power.where(both, power + scale1 - scale))
    high = _to_number(parts["high"].fillna(parts["low"]), power)
    return low, high


def _read_distinct(phrases: pd.Series, unit: str | None) -> AmountsRead:
    """Read distinct phrases (a RangeIndex): the table and a reason for each one refused."""
    reasons = np.full(len(phrases), None, dtype=object)
    reasons[lone_surrogates(phrases)] = "not valid Unicode"
    text = _normalized(phrases.where(pd.isna(reasons), ""))
    parts = text.str.extract(_PATTERN)
    unread = parts["low"].isna().to_numpy() & pd.isna(reasons)
    reasons[unread] = _UNREADABLE
    unit_name, unit_power, clash = _units(parts, unit)
    low, high = _bounds(parts, unit_power)
    is_range = parts["high"].notna()
    for bad, why in (
        (clash.to_numpy(dtype=bool), "a dollar sign with another unit"),
        (~np.isfinite(low.to_numpy()) | ~np.isfinite(high.to_numpy()), "too large"),
        (is_range.to_numpy() & (low > high).to_numpy(), "a range from high to low"),
    ):
        reasons[bad & pd.isna(reasons)] = why
    qualifier = parts["qual"].map(QUALIFIER_WORDS).fillna("exact").where(~is_range, "range")
    return AmountsRead(_table(low, high, qualifier, unit_name, ~pd.isna(reasons)), reasons)


def _table(
    low: pd.Series,
    high: pd.Series,
    qualifier: pd.Series,
    unit: pd.Series,
    refused: npt.NDArray[np.bool_],
) -> pd.DataFrame:
    """Assemble the table: the bounds each qualifier states, nothing on refused rows."""
    q = qualifier.to_numpy(dtype=object).copy()
    q[refused] = None
    units = unit.to_numpy(dtype=object).copy()
    units[refused | unit.isna().to_numpy()] = None
    lo, hi = low.to_numpy(dtype=float), high.to_numpy(dtype=float)
    is_range = q == "range"
    return pd.DataFrame(
        {
            "value": np.where(refused, np.nan, np.where(is_range, (lo + hi) / 2, lo)),
            "unit": pd.Series(units, dtype=object),
            "qualifier": pd.Series(q, dtype=object),
            "low": np.where(np.isin(q, ["exact", "lower", "range"]), lo, np.nan),
            "high": np.where(
                np.isin(q, ["exact", "range"]), hi, np.where(q == "upper", lo, np.nan)
            ),
        }
    )


def read_amounts(values: DateArray, unit: str | None = None) -> AmountsRead:
    """Read quantity phrases, keeping going past those that are not quantities.

    Each distinct phrase is read once. This is :func:`parse_amounts` for callers that report
    every bad phrase (the figure table): instead of raising at the first, it gives a reason
    for each.

    Returns
    -------
    AmountsRead
        ``table`` as :func:`parse_amounts` gives it (missing values on refused rows) and
        ``reasons``, an object array: None where the phrase was read, ``""`` for text that is
        no quantity, otherwise what was wrong.

    Raises
    ------
    InputTypeError
        A value that is not text, or an argument that is not one-dimensional.

    Examples
    --------
    >>> found = read_amounts(["over 39,000", "lots", "10-5 units"])
    >>> found.table["value"].tolist(), found.reasons.tolist()
    ([39000.0, nan, nan], [None, '', 'a range from high to low'])
    """
    series = _as_phrases(values)
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    distinct = _read_distinct(pd.Series(uniques, dtype=object), unit)
    table = pd.DataFrame(
        {
            name: pd.Series(column.to_numpy()[codes], index=series.index, dtype=column.dtype)
            for name, column in distinct.table.items()
        },
        index=series.index,
    )
    return AmountsRead(table, distinct.reasons[codes])


def parse_amounts(values: DateArray, unit: str | None = None) -> pd.DataFrame:
    """Read quantity phrases into numbers with their unit and qualifier.

    Parameters
    ----------
    values : array-like of str
        Phrases such as ``"over 39,000"``, ``"60 trillion rials"``, ``"$132.7 million"``,
        ``"about 22-24 percent"``, ``"۱۵ هزار میلیارد ریال"``, ``"twenty-one"``.
    unit : str, optional
        Unit for phrases that name none (counts: ``"units"``, ``"jobs"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``value`` (float; a range gives its midpoint), ``unit`` (``rial``, ``usd``,
        ``percent``, another word the phrase gives, or ``unit``), ``qualifier`` (one of
        :data:`QUALIFIERS`), ``low`` and ``high`` (the bounds the phrase states: both for
        exact and range, one for a bound, none for approx). Index kept for a Series.

    Raises
    ------
    ParseError
        A phrase that is not a quantity, with its position.

    See Also
    --------
    read_amounts : the same, with a reason for every phrase it cannot read.

    Notes
    -----
    A range's unit may be stated once: ``"5 to $6"`` and ``"$5-6"`` are both dollars.

    Examples
    --------
    >>> parse_amounts(["over 39,000", "60 trillion rials", "more than $132.7 million",
    ...                "about 22-24 percent", "۱۵ هزار میلیارد ریال"], unit="units")
              value     unit qualifier           low          high
    0  3.900000e+04    units     lower  3.900000e+04           NaN
    1  6.000000e+13     rial     exact  6.000000e+13  6.000000e+13
    2  1.327000e+08      usd     lower  1.327000e+08           NaN
    3  2.300000e+01  percent     range  2.200000e+01  2.400000e+01
    4  1.500000e+13     rial     exact  1.500000e+13  1.500000e+13
    """
    series = _as_phrases(values)
    table, reasons = read_amounts(series, unit)
    refused = ~pd.isna(reasons)
    if refused.any():
        position = int(np.argmax(refused))
        phrase = series.iloc[position]
        why = f" ({reasons[position]})" if reasons[position] else ""
        msg = f"could not read {phrase!r} at position {position} as an amount{why}"
        raise ParseError(msg)
    return table


def read_numbers(values: pd.Series) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.object_]]:
    """Read table cells as numbers: each a float and, where it is not a number, why.

    Persian and Arabic-Indic digits are read, with ``٬`` for thousands and ``٫`` for the
    decimal point. Commas must group thousands by three (``1,000``, ``12,345,678``); any
    other comma (``1,00``, a decimal comma as in ``1.000,5``) is refused, never dropped, and
    so is a number too large for a float (or ``inf``). Empty text is a missing value (NaN,
    no reason).

    Examples
    --------
    >>> numbers, reasons = read_numbers(pd.Series(["1,000", "۱۲٬۵۰۰٫۵", "", "1,00", "x"]))
    >>> numbers.tolist()
    [1000.0, 12500.5, nan, nan, nan]
    >>> reasons.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [None, None, None, "commas must group thousands by three (1,000 or 12,345,678),
     got '1,00'", "not a number: 'x'"]
    """
    text = values.astype("string").fillna("")
    codes, uniques = pd.factorize(text.to_numpy(dtype=object))
    given = pd.Series(uniques, dtype=object)
    plain = normalize_digits(given.astype("string")).fillna("")
    comma = plain.str.contains(",", regex=False).to_numpy(dtype=bool)
    grouped = plain.str.match(_GROUPED).to_numpy(dtype=bool)
    numbers = pd.to_numeric(plain.str.replace(",", "", regex=False), errors="coerce")
    number = numbers.to_numpy(dtype=float, na_value=np.nan)
    empty = (plain == "").to_numpy(dtype=bool)
    bad_comma = comma & ~grouped
    not_number = ~empty & ~bad_comma & np.isnan(number)
    infinite = ~bad_comma & np.isinf(number)
    reasons = np.full(len(given), None, dtype=object)
    for bad, why in (
        (bad_comma, "commas must group thousands by three (1,000 or 12,345,678), got "),
        (not_number, "not a number: "),
        (infinite, "not a finite number: "),
    ):
        reasons[bad] = [why + repr(v) for v in uniques[bad]]
    number[bad_comma | infinite] = np.nan
    return number[codes], reasons[codes]


def parse_amount(text: str, unit: str | None = None) -> Amount:
    """Read one quantity phrase; see :func:`parse_amounts`.

    Examples
    --------
    >>> parse_amount("some 1,160", unit="units")
    Amount(value=1160.0, unit='units', qualifier='approx', low=nan, high=nan)
    >>> parse_amount("۱۲ همت").value
    120000000000000.0
    """
    row = parse_amounts([text], unit=unit).iloc[0]
    return Amount(
        float(row["value"]), row["unit"], row["qualifier"], float(row["low"]), float(row["high"])
    )
