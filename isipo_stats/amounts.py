"""Quantities as the reports state them, read into numbers.

Phrases such as "over 39,000", "60 trillion rials", "more than $132.7 million",
"about 22-24 percent" and "۱۲ هزار میلیارد ریال".
:func:`parse_amounts` reads many phrases at once with pandas' vectorized string methods and
returns value, unit, qualifier and bounds in base units (rials, dollars, percent points,
counts). A toman is 10 rials; «همت» is a thousand billion tomans.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple, get_args

import numpy as np
import pandas as pd

from isipo_stats._arrays import lone_surrogates
from isipo_stats._typing import DateArray
from isipo_stats.errors import InputTypeError, ParseError
from isipo_stats.text import normalize_digits

__all__ = ["QUALIFIERS", "Amount", "Qualifier", "parse_amount", "parse_amounts"]

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
    "eighteen", "nineteen", "twenty",
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
    rf"(?:\s*(?:-|–|—|to)\s*\$?\s*(?P<high>{_NUMBER}))?\s*"
    rf"(?P<scale>{_alternation(_SCALES)})?\s*(?P<unit>{_alternation(_UNIT_WORDS)}|[a-z][a-z ]*)?$"
)


class Amount(NamedTuple):
    """One parsed quantity: ``value`` in base units (the midpoint of a range)."""

    value: float
    unit: str | None
    qualifier: Qualifier
    low: float
    high: float


def _to_number(digits: pd.Series, power: pd.Series) -> pd.Series:
    # "294.8" and 12 -> float("294.8e12"): one correctly rounded conversion, no products.
    text = digits.str.replace(",", "", regex=False) + "e" + power.astype("Int64").astype("string")
    return pd.to_numeric(text, errors="coerce").astype(float)


def parse_amounts(values: DateArray, unit: str | None = None) -> pd.DataFrame:
    """Read quantity phrases into numbers with their unit and qualifier.

    Parameters
    ----------
    values : array-like of str
        Phrases such as ``"over 39,000"``, ``"60 trillion rials"``, ``"$132.7 million"``,
        ``"about 22-24 percent"``, ``"۱۵ هزار میلیارد ریال"``.
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
    if isinstance(values, pd.Series):
        series = values
    else:
        arr = np.asarray(values, dtype=object)
        if arr.ndim != 1:
            got = type(values).__name__ if arr.ndim == 0 else f"{arr.ndim} dims"
            msg = f"expected a one-dimensional array of strings, got {got}"
            raise InputTypeError(msg)
        series = pd.Series(arr, dtype=object)
    if not series.map(lambda v: isinstance(v, str)).all():
        position = int(np.argmax(~series.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)))
        msg = f"expected text, got {series.iloc[position]!r} at position {position}"
        raise InputTypeError(msg)
    _refuse(series, lone_surrogates(series), "not valid Unicode")
    text = normalize_digits(series.astype("string")).str.lower()
    for persian, english in _PERSIAN_WORDS:
        text = text.str.replace(persian, english, regex=False)
    words = "|".join(_NUMBER_WORDS)
    text = text.str.replace(
        rf"\b({words})\b", lambda m: str(_NUMBER_WORDS.index(m.group(1))), regex=True
    )
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    parts = text.str.extract(_PATTERN)
    bad = parts["low"].isna().to_numpy()
    if bad.any():
        position = int(np.argmax(bad))
        msg = f"could not read {series.iloc[position]!r} at position {position} as an amount"
        raise ParseError(msg)
    unit_word = parts["unit"].str.strip()
    known = unit_word.map(_UNIT_WORDS)
    unit_name = known.map(lambda pair: pair[0], na_action="ignore").astype(object)
    # astype(float): a column with no match at all comes back as null or string dtype
    unit_power = known.map(lambda pair: pair[1], na_action="ignore").astype(float).fillna(0)
    _refuse(
        series,
        (parts["dollar"].notna() & unit_name.notna() & (unit_name != "usd")).to_numpy(dtype=bool),
        "a dollar sign with another unit",
    )
    unit_name = unit_name.where(parts["dollar"].isna(), "usd")
    unit_name = unit_name.fillna(unit_word.where(unit_word != "").astype(object))
    if unit is not None:
        unit_name = unit_name.fillna(unit)
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
    _refuse(series, ~np.isfinite(low.to_numpy()) | ~np.isfinite(high.to_numpy()), "too large")
    _refuse(series, is_range.to_numpy() & (low > high).to_numpy(), "a range from high to low")
    qualifier = parts["qual"].map(QUALIFIER_WORDS).fillna("exact").where(~is_range, "range")
    value = np.where(is_range, (low + high) / 2, low)
    out = pd.DataFrame(
        {
            "value": value,
            "unit": unit_name.astype(object).where(unit_name.notna(), None),
            "qualifier": qualifier.astype(object),
            "low": low.where(qualifier.isin(["exact", "lower", "range"])),
            "high": high.where(qualifier.isin(["exact", "range"])),
        },
        index=series.index,
    )
    out.loc[qualifier == "upper", "high"] = low[qualifier == "upper"]
    return out


def _refuse(series: pd.Series, bad: np.ndarray, why: str) -> None:
    if bad.any():
        position = int(np.argmax(bad))
        text = series.iloc[position]
        msg = f"could not read {text!r} at position {position} as an amount ({why})"
        raise ParseError(msg)


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
