"""Numbers as an analyst reads them: one formatter for every text the library writes.

The rules (each pinned by ``tests/test_formatting.py``):

* **Missing and unbounded.** A missing value (NaN, None) is written ``-``; an infinite one
  (an open bound) ``no limit``. Text output never shows ``nan`` or ``inf``.
* **Human scales.** Amounts of a million or more are scaled: ``60 trillion rials``,
  ``$132.7 million``, ``1.88 trillion rials``, ``2.5 million jobs``. The scaled number keeps
  four significant digits and at most two decimals, trailing zeros dropped. Below a million
  the number is written in full with thousands separators (``15,000 rials``, ``$950,000``).
* **Counts are whole.** In a unit of things counted (units, jobs, persons, projects, parks)
  a number below a million is rounded to the nearest whole number (halves away from zero).
  A value that was not whole (an interpolated month: 2.2 parks; more than 1e-9 from a
  whole number, so that float noise such as 1.0000000000000002 is whole) is shown rounded with
  ``about`` in front (``about 2 parks``), unless the figure already has a qualifier: so
  ``7.0`` reads ``7 projects`` and ``2.2`` reads ``about 2 parks``, never ``7.0 projects``.
  The unit is singular for exactly one (``1 unit``).
* **Shares** (``percent``) keep one decimal, trailing zero dropped: ``18.7 %``, ``22 %``.
* **Other numbers** (an unknown unit) keep four significant digits, at most two decimals.
* **Qualifiers as stated.** ``approx`` reads ``about``, ``lower`` ``over``, ``upper``
  ``up to``; ``range`` with its low and high reads ``22 to 24 %`` (the low end carries its
  own scale word only when it differs: ``900,000 to 1.2 million rials``).
* **Persian.** ``locale="fa"`` writes Persian digits and separators (``۶۰ هزار میلیارد
  ریال``, ``۱۸٫۷ درصد``), Persian scale words, units and qualifiers.

Every function is vectorized: it takes an array or Series (a Series keeps its index) and
formats all values with array operations; the scalar forms call the array forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.metrics import Locale, unit_kind, unit_label

__all__ = [
    "MISSING",
    "NO_LIMIT",
    "format_amount",
    "format_amounts",
    "format_percent",
    "format_percents",
    "plural",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Texts = npt.NDArray[np.object_]

MISSING: Final = "-"
"""The text of a missing value."""
NO_LIMIT: Final = "no limit"
"""The text of an infinite value (an open bound)."""

_NO_LIMIT_FA: Final = "بدون حد"
_SCALES: Final = ((1e12, "trillion", "هزار میلیارد"), (1e9, "billion", "میلیارد"),
                  (1e6, "million", "میلیون"))  # fmt: skip
_QUALIFIERS: Final[dict[str, tuple[str, str]]] = {
    "exact": ("", ""),
    "approx": ("about ", "حدود "),
    "lower": ("over ", "بیش از "),
    "upper": ("up to ", "حداکثر "),
    "range": ("", ""),
}
_PLAIN: Final = np.array([str(i) for i in range(1000)], dtype=object)
_PAD3: Final = np.array([f"{i:03d}" for i in range(1000)], dtype=object)
_PAD2: Final = np.array([f"{i:02d}" for i in range(100)], dtype=object)
_TO_FA: Final = str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫")
_HUGE: Final = 1e15  # a scaled number beyond this is written in scientific notation


def plural(count: int, noun: str, many: str | None = None) -> str:
    """Return ``"1 warning"``, ``"4 warnings"``: the count and the noun, plural unless one.

    Examples
    --------
    >>> plural(1, "day"), plural(4, "warning"), plural(0, "finding"), plural(2, "info", "info")
    ('1 day', '4 warnings', '0 findings', '2 info')
    >>> plural(2067, "unit")
    '2,067 units'
    """
    word = noun if count == 1 else (many if many is not None else noun + "s")
    return f"{count:,} {word}"


def _thousands(whole: Ints) -> Texts:
    """Write non-negative integers with thousands separators (``1,234,567``)."""
    top = np.zeros(whole.shape, dtype=np.int64)  # index of the leading group of three digits
    for k in range(1, 7):
        top += whole >= 1000**k
    text: Texts = np.full(whole.shape, "", dtype=object)
    for k in range(6, -1, -1):  # a fixed set of digit groups, not a loop over values
        group = (whole // 1000**k) % 1000
        piece = np.where(k == top, _PLAIN[group], _PAD3[group])
        piece = np.where(k > top, "", piece)
        text = text + piece + np.where((k <= top) & (k > 0), ",", "")
    return text


def _digits(magnitude: Floats, decimals: Ints) -> Texts:
    """Write non-negative finite numbers with ``decimals`` places, trailing zeros dropped."""
    huge = magnitude >= _HUGE
    safe = np.where(huge, 0.0, magnitude)
    rounded = np.floor(safe * 10.0**decimals + 0.5)  # halves away from zero
    places = decimals.copy()
    for _ in range(2):  # at most two decimals to drop
        drop = (places > 0) & (rounded % 10 == 0)
        rounded = np.where(drop, rounded // 10, rounded)
        places = places - drop
    whole = (rounded // 10.0**places).astype(np.int64)
    fraction = (rounded % 10.0**places).astype(np.int64)
    tail = np.where(
        places == 0, "", "." + np.where(places == 1, _PLAIN[fraction % 10], _PAD2[fraction % 100])
    )
    text: Texts = _thousands(whole) + tail
    if huge.any():
        text[huge] = np.char.mod("%.3e", magnitude[huge]).astype(object)
    return text


def _as_floats(values: object) -> tuple[Floats, pd.Index | None]:
    if isinstance(values, pd.Series):
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        return numbers, values.index
    series = pd.Series(np.asarray(values, dtype=object).reshape(-1), dtype=object)
    parsed = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    return parsed, None


def _per_value(values: object, n: int, default: str) -> Texts:
    """Spread a scalar or array of text over the values (missing reads ``default``)."""
    if values is None or isinstance(values, str):
        return np.full(n, values or default, dtype=object)
    array = pd.Series(np.asarray(values, dtype=object).reshape(-1), dtype=object)
    if len(array) != n:
        msg = f"expected {n} values to match the numbers, got {len(array)}"
        raise ValueError(msg)
    return array.where(array.notna() & (array != ""), default).astype(str).to_numpy(dtype=object)


def _lookup(keys: Texts, find: Callable[[str], str]) -> Texts:
    """Apply ``find`` to each distinct key once and spread the answers over the keys."""
    distinct, where = np.unique(keys.astype(str), return_inverse=True)
    answers = np.array([find(str(key)) for key in distinct], dtype=object)
    out: Texts = answers[where.reshape(-1)] if distinct.size else np.array([], dtype=object)
    return out


class _Parts:
    """The pieces of each formatted amount: sign, currency mark, digits, scale, unit."""

    def __init__(self, values: Floats, units: Texts, locale: Locale) -> None:
        kinds = _lookup(units, unit_kind)
        magnitude = np.abs(np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0))
        share = kinds == "share"
        scale = np.ones(values.shape)
        word: Texts = np.full(values.shape, "", dtype=object)
        for size, english, persian in reversed(_SCALES):  # the largest that fits wins
            hit = ~share & (magnitude >= size)
            scale = np.where(hit, size, scale)
            word = np.where(hit, " " + (persian if locale == "fa" else english), word)
        mantissa = magnitude / scale
        scaled = scale > 1
        count = (kinds == "count") & ~scaled
        significant = 3 - np.floor(np.log10(np.where(mantissa > 0, mantissa, 1.0)))
        decimals = np.clip(significant, 0, 2).astype(np.int64)
        decimals = np.where(share, 1, np.where(count, 0, decimals))
        self.rounded_off = count & (np.abs(magnitude - np.floor(magnitude + 0.5)) > 1e-9)
        self.digits = _digits(mantissa, decimals)
        self.word = word
        # object arrays: numpy 1.26 has no `+` for fixed-width strings
        self.sign = np.where(np.nan_to_num(values) < 0, "-", "").astype(object)
        dollar = (units == "usd") & (locale == "en")
        self.mark = np.where(dollar, "$", "").astype(object)
        one = (self.digits == "1") & ~scaled
        labels = _lookup(units, lambda u: unit_label(u, locale))
        singular = _lookup(units, lambda u: unit_label(u, locale, one=True))
        label = np.where(one, singular, labels)
        self.unit = np.where(dollar | (units == ""), "", " " + label)

    def number(self) -> Texts:
        """Return the number with its sign, currency mark and scale word (no unit)."""
        out: Texts = self.sign + self.mark + self.digits + self.word
        return out


def _persian(text: Texts) -> Texts:
    out: Texts = pd.Series(text, dtype=object).str.translate(_TO_FA).to_numpy(dtype=object)
    return out


def format_amounts(
    values: Any,
    units: Any = None,
    *,
    qualifiers: Any = None,
    lows: Any = None,
    highs: Any = None,
    locale: Locale = "en",
    with_unit: bool = True,
) -> pd.Series:
    """Format amounts for reading: human scales, whole counts, the qualifier as stated.

    Parameters
    ----------
    values : array-like or Series
        The numbers; NaN/None read ``-``, infinite values ``no limit``.
    units : str or array-like, optional
        The unit of all values or of each (``"rial"``, ``"usd"``, ``"units"``,
        ``"percent"``; an unknown unit is written as given, none leaves it out).
    qualifiers : str or array-like, optional
        ``exact`` (the default), ``approx``, ``lower``, ``upper`` or ``range``.
    lows, highs : array-like, optional
        The ends of ``range`` figures.
    locale : {"en", "fa"}
        English, or Persian words and digits.
    with_unit : bool
        Write the unit's name (False for a column whose heading names it; the unit still
        decides how the number is written, and ``$`` stays).

    Returns
    -------
    pandas.Series
        The texts (object dtype), with the index of ``values`` when it is a Series.

    Examples
    --------
    >>> format_amounts([6e13, 1.327e8, 2067, 18.7, 2.2, float("nan"), float("inf")],
    ...                ["rial", "usd", "units", "percent", "parks", "units", "units"]).tolist()
    ['60 trillion rials', '$132.7 million', '2,067 units', '18.7 %', 'about 2 parks', '-', 'no limit']
    >>> format_amounts([39000, 3.57e9], ["jobs", "usd"], qualifiers=["lower", "approx"]).tolist()
    ['over 39,000 jobs', 'about $3.57 billion']
    >>> format_amounts([6e13], "rial", locale="fa").tolist()
    ['۶۰ هزار میلیارد ریال']
    """  # noqa: E501
    numbers, index = _as_floats(values)
    n = numbers.size
    unit = _per_value(units, n, "")
    qualifier = _per_value(qualifiers, n, "exact")
    parts = _Parts(numbers, unit, locale)
    column = 1 if locale == "fa" else 0
    words = _lookup(qualifier, lambda q: _QUALIFIERS.get(q, ("", ""))[column])
    word = np.where(parts.rounded_off & (qualifier == "exact"), _QUALIFIERS["approx"][column],
                    words)  # fmt: skip
    text: Texts = word + parts.number() + (parts.unit if with_unit else "")
    text = _ranges(text, qualifier, unit, lows, highs, locale)
    if locale == "fa":
        text = _persian(text)
    text = np.where(np.isinf(numbers), _NO_LIMIT_FA if locale == "fa" else NO_LIMIT, text)
    text = np.where(np.isnan(numbers), MISSING, text)
    return pd.Series(text, index=index, dtype=object, name=getattr(values, "name", None))


def _ranges(
    text: Texts, qualifier: Texts, unit: Texts, lows: Any, highs: Any, locale: Locale
) -> Texts:
    """Write ``range`` figures with both ends known as ``22 to 24 %``."""
    if lows is None or highs is None:
        return text
    low, _ = _as_floats(lows)
    high, _ = _as_floats(highs)
    if low.size != text.size or high.size != text.size:
        msg = f"expected {text.size} lows and highs to match the numbers"
        raise ValueError(msg)
    both = (qualifier == "range") & np.isfinite(low) & np.isfinite(high)
    if not both.any():
        return text
    low_parts, high_parts = _Parts(low, unit, locale), _Parts(high, unit, locale)
    same_scale = low_parts.word == high_parts.word
    low_text = low_parts.sign + low_parts.mark + low_parts.digits
    low_text = np.where(same_scale, low_text, low_text + low_parts.word)
    joiner = " تا " if locale == "fa" else " to "
    ranged: Texts = low_text + joiner + high_parts.number() + high_parts.unit
    out: Texts = np.where(both, ranged, text)
    return out


def format_amount(
    value: float | None,
    unit: str | None = None,
    *,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    locale: Locale = "en",
) -> str:
    """Format one amount; the scalar form of :func:`format_amounts` (same rules).

    Examples
    --------
    >>> format_amount(357e6, "usd", qualifier="approx")
    'about $357 million'
    >>> format_amount(7.0, "projects"), format_amount(1, "units"), format_amount(None, "rial")
    ('7 projects', '1 unit', '-')
    >>> format_amount(23, "percent", qualifier="range", low=22, high=24)
    '22 to 24 %'
    """
    lows = None if low is None else [low]
    highs = None if high is None else [high]
    text = format_amounts([value], unit, qualifiers=qualifier, lows=lows, highs=highs,
                          locale=locale)  # fmt: skip
    return str(text.iloc[0])


def format_percents(values: Any, *, signed: bool = False, locale: Locale = "en") -> pd.Series:
    """Format percentages (``18.7`` -> ``"18.7 %"``); ``signed`` writes ``+`` on gains.

    Examples
    --------
    >>> format_percents([103.35, 18.7, float("nan")]).tolist()
    ['103.4 %', '18.7 %', '-']
    >>> format_percents([12.34, -4.0, 0.0], signed=True).tolist()
    ['+12.3 %', '-4 %', '0 %']
    """
    text = format_amounts(values, "percent", locale=locale)
    if signed:
        numbers, _ = _as_floats(values)
        gain = np.isfinite(numbers) & (np.round(numbers, 1) > 0)
        text = text.where(~gain, "+" + text)
    return text


def format_percent(value: float | None, *, signed: bool = False, locale: Locale = "en") -> str:
    """Format one percentage; the scalar form of :func:`format_percents`.

    Examples
    --------
    >>> format_percent(58.1), format_percent(3.456, signed=True)
    ('58.1 %', '+3.5 %')
    """
    return str(format_percents([value], signed=signed, locale=locale).iloc[0])
