"""Quantities as the reports state them, read into numbers.

Phrases such as "over 39,000", "60 trillion rials", "more than $132.7 million", "$9.87bn",
"about 22-24 percent", "between 22 and 24 percent", "۱۲ هزار میلیارد ریال",
"سه هزار و ۲۱۵ میلیارد تومان", "بالغ بر ۴ هزار و ۱۰ واحد" and "۴/۱۸ درصد".
:func:`parse_amounts` reads many phrases at once with pandas' vectorized string methods and
returns value, unit, qualifier and bounds in base units (rials, dollars, euros, percent
points, counts). A toman is 10 rials; «همت» is a thousand billion tomans (10^13 rials).

How a phrase is read
--------------------
1. Digits are made ASCII (Persian and Arabic-Indic digits, «٬» for thousands, «٫» for the
   decimal point); in Persian text a slash between two numbers is a decimal point
   ("۴/۱۸" = 4.18). A date ("۱۴۰۲/۰۷/۱۵", "1402/7", "2021/22") is refused, never read as
   a number.
2. Every known word becomes a token: qualifiers, scales, currencies, count nouns, Persian
   and English number words, "and"/«و», "to"/«تا», "between"/«بین». A suffix glued to the
   digits is split off ("۳۵درصدی", "۱۴هزار", "$9.87bn", "61.4-percent").
3. The tokens must follow one grammar: an optional qualifier, a number (possibly in parts
   joined by «و»/"and": "۱۲ هزار و ۳۴۰"), or two joined by a range word, with a unit before
   or after either end. Anything else is refused with the reason: an unknown word is
   named, never taken as a unit.

A number in parts is the sum of its parts; a scale word that is larger than every scale
before it multiplies all that comes before it ("سه هزار و ۲۱۵ میلیارد" = 3,215 billion),
a smaller one only its own part ("۳ میلیارد و ۲۰۰ میلیون" = 3.2 billion). Each part must
fit below the last non-zero digit of the parts before it ("۵ و ۶" is refused, not 11).
"""

from __future__ import annotations

import re
from typing import Final, Literal, NamedTuple, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._arrays import lone_surrogates, text_series
from isipo_stats._typing import DateArray
from isipo_stats.errors import ParseError
from isipo_stats.text import normalize_digits

__all__ = [
    "COUNT_UNITS",
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

# Words before a number that say how it relates to the truth (English, then Persian).
QUALIFIER_WORDS: Final[dict[str, Qualifier]] = {
    "more than": "lower", "greater than": "lower", "at least": "lower", "over": "lower",
    "above": "lower", "in excess of": "lower", "upwards of": "lower", "exceeding": "lower",
    "exceeded": "lower", "exceeds": "lower", "surpassed": "lower", "topped": "lower",
    "slightly more than": "lower", "slightly over": "lower", "just over": "lower",
    "well over": "lower", "a little over": "lower", "a minimum of": "lower",
    "no less than": "lower", "not less than": "lower", "no fewer than": "lower",
    "approximately": "approx", "about": "approx", "around": "approx", "some": "approx",
    "nearly": "approx", "almost": "approx", "roughly": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "~": "approx",
    "up to": "upper", "less than": "upper", "fewer than": "upper", "under": "upper",
    "below": "upper", "at most": "upper", "no more than": "upper", "not more than": "upper",
    "slightly less than": "upper", "just under": "upper", "a maximum of": "upper",
    "بیش از": "lower", "بیشتر از": "lower", "بیش تر از": "lower", "بالغ بر": "lower",
    "افزون بر": "lower", "فراتر از": "lower", "متجاوز از": "lower", "دست کم": "lower",
    "حداقل": "lower",
    "حدود": "approx", "در حدود": "approx", "حدوداً": "approx", "حدودا": "approx",
    "نزدیک به": "approx", "قریب به": "approx", "قریب": "approx", "تقریباً": "approx",
    "تقریبا": "approx",
    "کمتر از": "upper", "کم تر از": "upper", "حداکثر": "upper", "تا سقف": "upper",
}  # fmt: skip
"""Qualifier words before a number; «تا» before a number is "up to" as well."""

TRAILING_QUALIFIER_WORDS: Final[dict[str, Qualifier]] = {
    "or more": "lower", "or above": "lower", "and above": "lower", "and more": "lower",
    "or less": "upper", "or fewer": "upper", "and below": "upper", "or below": "upper",
    "و بیشتر": "lower", "یا بیشتر": "lower", "و کمتر": "upper", "یا کمتر": "upper",
}  # fmt: skip
"""Qualifier words after an amount ("5,000 or more")."""

COUNT_UNITS: Final[dict[str, str]] = {
    "units": "production units («واحد»)",
    "jobs": "jobs («شغل»، «فرصت شغلی»)",
    "projects": "projects («طرح»، «پروژه»)",
    "parks": "industrial parks and zones («شهرک»، «ناحیه صنعتی»)",
    "persons": "people («نفر»)",
    "items": "cases, contracts, items («مورد»، «فقره»)",
    "firms": "firms and companies («بنگاه»، «شرکت»)",
    "tons": "metric tons («تن»)",
    "hectares": "hectares of land («هکتار»)",
}
"""The count units a phrase can name, with the words that name them."""

# Unit tokens: (unit, power of ten to the base unit, the word shown in a message).
_UNITS: Final[dict[str, tuple[str, int, str]]] = {
    "U_RIAL": ("rial", 0, "rial"), "U_TOMAN": ("rial", 1, "toman"),
    "U_HEMAT": ("rial", 13, "hemat"), "U_USD": ("usd", 0, "usd"), "U_SIGN": ("usd", 0, "$"),
    "U_EUR": ("eur", 0, "eur"), "U_PERCENT": ("percent", 0, "percent"),
    **{f"U_{name.upper()}": (name, 0, name) for name in COUNT_UNITS},
}  # fmt: skip

_SCALES: Final[dict[int, tuple[str, ...]]] = {
    2: ("hundred",),
    3: ("thousand", "هزار"),
    6: ("million", "mn", "میلیون", "ملیون"),
    9: ("billion", "bn", "bln", "میلیارد", "ملیارد"),
    12: ("trillion", "tn", "trn", "تریلیون"),
    15: ("quadrillion", "کوادریلیون"),
}
"""Scale words by power of ten; «هزار میلیارد» is read as هزار times میلیارد."""
_GLUED_SCALES: Final[dict[int, str]] = {3: "k", 6: "m|mn", 9: "b|bn|bln", 12: "tn|trn"}
"""Letters that are a scale only glued to the digits ("$9.87bn", "$500m", "20k")."""

_UNIT_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "U_RIAL": ("rial", "rials", "rls", "rls.", "irr", "ریال"),
    "U_TOMAN": ("toman", "tomans", "irt", "تومان"),
    "U_HEMAT": ("hemat", "همت"),
    "U_USD": ("dollar", "dollars", "us dollars", "u.s. dollars", "usd", "دلار",
              "دلار آمریکا", "دلار امریکا"),
    "U_SIGN": ("$", "us$"),
    "U_EUR": ("euro", "euros", "eur", "€", "یورو"),
    "U_PERCENT": ("percent", "per cent", "percentage points", "percentage point", "%", "٪",
                  "درصد", "درصدی"),
    "U_PERSONS": ("persons", "person", "people", "individuals", "نفر"),
    "U_ITEMS": ("items", "cases", "مورد", "فقره"),
    "U_FIRMS": ("firms", "companies", "enterprises", "businesses", "smes", "بنگاه", "شرکت"),
    "U_TONS": ("tons", "tonnes", "metric tons", "ton", "tonne", "تن"),
    "U_HECTARES": ("hectares", "hectare", "هکتار"),
}  # fmt: skip

# Count nouns that words may qualify: English words before the noun, Persian after it.
_COUNT_NOUNS: Final[tuple[tuple[str, str, str], ...]] = (
    ("U_UNITS", r"units?",
     r"idle|production|industrial|manufacturing|new|revived|small|inactive|semi-active|"
     r"stagnant|dormant|active|housing"),
    ("U_JOBS", r"job opportunities|jobs?", r"new|direct|indirect|permanent"),
    ("U_PROJECTS", r"projects?", r"infrastructure|industrial|development|construction"),
    ("U_PARKS", r"parks?|estates?|zones?", r"industrial|technology"),
    ("U_UNITS", r"واحد",
     r"تولیدی|صنعتی|راکد|نیمه فعال|غیرفعال|غیر فعال|جدید|کوچک|کارگاهی"),
    ("U_JOBS", r"شغل|فرصت شغلی", r"جدید|مستقیم|غیرمستقیم"),
    ("U_PROJECTS", r"طرح|پروژه", r"زیربنایی|عمرانی|صنعتی|تولیدی|نیمه تمام"),
    ("U_PARKS", r"شهرک|ناحیه", r"صنعتی"),
)  # fmt: skip

_CONNECTIVES: Final[dict[str, tuple[str, ...]]] = {
    "AND": ("and", "و"), "TO": ("to", "through", "الی"), "TA": ("تا",),
    "BETWEEN": ("between", "بین", "مابین", "ما بین"), "FROM": ("from", "از"),
}  # fmt: skip

_ENGLISH_NUMBERS: Final[tuple[str, ...]] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_ENGLISH_TENS: Final[tuple[str, ...]] = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
_PERSIAN_NUMBERS: Final[dict[str, str]] = {
    "صفر": "0", "یک": "1", "دو": "2", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6",
    "هفت": "7", "هشت": "8", "نه": "9", "ده": "10", "یازده": "11", "دوازده": "12",
    "سیزده": "13", "چهارده": "14", "پانزده": "15", "پونزده": "15", "شانزده": "16",
    "هفده": "17", "هجده": "18", "هیجده": "18", "نوزده": "19", "بیست": "20", "سی": "30",
    "چهل": "40", "پنجاه": "50", "شصت": "60", "هفتاد": "70", "هشتاد": "80", "نود": "90",
    "صد": "100", "یکصد": "100", "دویست": "200", "سیصد": "300", "چهارصد": "400",
    "پانصد": "500", "ششصد": "600", "هفتصد": "700", "هشتصد": "800", "نهصد": "900",
    "یکهزار": "1 E3",
}  # fmt: skip
"""Persian number words; a number in words is built from them with «و» like one in digits."""

_NUMBER_WORDS: Final[dict[str, str]] = {
    **{word: str(i) for i, word in enumerate(_ENGLISH_NUMBERS)},
    **{word: str(10 * i + 20) for i, word in enumerate(_ENGLISH_TENS)},
    **_PERSIAN_NUMBERS,
}

_NUM: Final = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
"""A number in ASCII digits: thousands grouped by three if at all ("1,2" is refused)."""
_SEG: Final = rf"{_NUM}(?: E[0-9]+)*"
_EXPR: Final = (
    rf"(?:{_SEG}|E[0-9]+(?: E[0-9]+)*)(?: AND {_SEG}|(?<=E[0-9]) {_SEG}|(?<=E[0-9][0-9]) {_SEG})*"
)
"""A number in parts: parts joined by AND, or following a part that ends in a scale."""
_UNIT: Final = r"U_[A-Z]+"
_GRAMMAR: Final = re.compile(
    rf"^(?:(?P<q>Q_[A-Z]+|TA) )?(?:(?P<btw>BETWEEN|FROM) )?(?:(?P<u0>{_UNIT}) )?"
    rf"(?P<a>{_EXPR})(?: (?P<u1>{_UNIT}))?"
    rf"(?: (?P<conn>TO|TA|DASH|(?(btw)AND|(?!))) (?:(?P<u2>{_UNIT}) )?(?P<b>{_EXPR}))?"
    rf"(?(btw)(?(b)|(?!)))(?: (?P<t>T_[A-Z]+))?(?: (?P<u3>{_UNIT}))?(?: (?P<t2>T_[A-Z]+))?$"
)
_TOKEN: Final = rf"(?:{_NUM}|[A-Z][A-Z0-9_]*)"
_BAD_TOKEN: Final = rf"(?:^| )(?P<bad>(?!{_TOKEN}(?: |$))[^ ]+)"
_DATE: Final = (
    r"[0-9]{1,4}/[0-9]{1,2}/[0-9]{1,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"|(?<![0-9.,])(?:1[34][0-9]{2}/(?:0?[1-9]|1[0-2])|(?:19|20)[0-9]{2}/[0-9]{2})(?![0-9/.,])"
)
"""A Jalali or Gregorian date ("1402/07/15", "1402/7", "2021/22"): not an amount."""
_SLASH_DECIMAL: Final = r"(?<![0-9/.,])([0-9]+)/([0-9]+)(?![0-9/.,])"
_PERSIAN_LETTER: Final = "[\u0600-\u06ff]"

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
    what was wrong ("unknown word 'zillion'", "a range from high to low", ...)."""


def _word_pattern(words: object) -> str:
    """Return an alternation of words (longest first), each bounded where it is a word."""
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    parts = [
        ("(?<!\\w)" if w[0].isalnum() else "")
        + re.escape(w)
        + ("(?!\\w)" if w[-1].isalnum() else "")
        for w in ordered
    ]
    return "|".join(parts)


def _depth(word: str, token: str, pairs: list[tuple[str, str]], seen: frozenset[str]) -> int:
    """Return how many words of other tokens nest inside ``word`` (0: none)."""
    inner = [
        _depth(w, t, pairs, seen | {word})
        for w, t in pairs
        if t != token and w != word and w not in seen and re.search(_word_pattern([w]), word)
    ]
    return 1 + max(inner) if inner else 0


def _passes() -> tuple[tuple[str, str, bool], ...]:
    """Return the word replacements (pattern, token, Persian), one pass per token and depth.

    A word inside a longer one of another token ("more than" in "no more than", «تا» in
    «تا سقف») must be replaced after it: words holding others go first, deepest first.
    """
    pairs: list[tuple[str, str]] = [
        *((w, f"Q_{q.upper()}") for w, q in QUALIFIER_WORDS.items()),
        *((w, f"T_{q.upper()}") for w, q in TRAILING_QUALIFIER_WORDS.items()),
        *((w, f"E{p}") for p, words in _SCALES.items() for w in words),
        *((w, token) for token, words in _UNIT_WORDS.items() for w in words),
        *((w, token) for token, words in _CONNECTIVES.items() for w in words),
    ]
    groups: dict[tuple[int, str, bool], list[str]] = {}
    for word, token in pairs:
        key = (-_depth(word, token, pairs, frozenset()), token, not word.isascii())
        groups.setdefault(key, []).append(word)
    return tuple(
        (_word_pattern(words), f" {token} ", persian)
        for (_, token, persian), words in sorted(groups.items(), key=lambda item: item[0][0])
    )


_PASSES: Final = _passes()
_NUMBER_PASSES: Final = tuple(
    (_word_pattern([word]), f" {digits} ") for word, digits in _NUMBER_WORDS.items()
)
_ANY_NUMBER_WORD: Final = _word_pattern(_NUMBER_WORDS)
_COUNT_PASSES: Final = tuple(
    (
        rf"(?<!\w)(?:(?:{mods}) )*(?:{noun})(?!\w)"
        if noun.isascii()
        else rf"(?<!\w)(?:{noun})(?: (?:{mods}))*(?!\w)",
        f" {token} ",
    )
    for token, noun, mods in _COUNT_NOUNS
)


def _where(text: pd.Series, mask: npt.NDArray[np.bool_], pattern: str, repl: str) -> pd.Series:
    """Replace ``pattern`` only in the texts where ``mask`` holds (fewer rows to scan)."""
    if mask.all():
        return text.str.replace(pattern, repl, regex=True)
    if mask.any():
        text = text.copy()
        text[mask] = text[mask].str.replace(pattern, repl, regex=True)
    return text


def _digits_and_dates(phrases: pd.Series) -> tuple[pd.Series, npt.NDArray[np.bool_]]:
    """Return lower-case text with ASCII digits, and which phrases hold a date."""
    text = normalize_digits(phrases.astype("string")).str.lower()
    dates = text.str.contains(_DATE, regex=True).to_numpy(dtype=bool)
    persian = phrases.astype("string").str.contains(_PERSIAN_LETTER, regex=True)
    text = _where(text, persian.to_numpy(dtype=bool), _SLASH_DECIMAL, r"\1.\2")
    return text, dates


def _tokens(text: pd.Series) -> pd.Series:
    """Rewrite known words as tokens (see the module notes); unknown words stay as written."""
    for power, letters in _GLUED_SCALES.items():
        text = text.str.replace(rf"(?<=[0-9])(?:{letters})(?!\w)", f" E{power} ", regex=True)
    text = text.str.replace(r"(?<=[0-9])-(?=percent|per cent|درصد)", " ", regex=True)
    text = text.str.replace(r"(?<=[0-9])(?=[^\W\d_])(?![^\W\d_]+[0-9])", " ", regex=True)
    tens, ones = "|".join(_ENGLISH_TENS), "|".join(_ENGLISH_NUMBERS[1:10])
    text = text.str.replace(rf"(?<!\w)({tens})[- ](?=(?:{ones})(?!\w))", r"\1 and ", regex=True)
    text = text.str.replace(
        r"(?<!\w)an? (?=(?:hundred|thousand|million|billion|trillion)(?!\w))", " 1 ", regex=True
    )
    persian = text.str.contains(r"[^\x00-\x7f]", regex=True).to_numpy(dtype=bool)
    everyone = np.ones(len(text), dtype=bool)
    for pattern, token in _COUNT_PASSES:
        text = _where(text, persian if not pattern.isascii() else everyone, pattern, token)
    for pattern, token, in_persian in _PASSES:
        text = _where(text, persian if in_persian else everyone, pattern, token)
    words = text.str.contains(_ANY_NUMBER_WORD, regex=True).to_numpy(dtype=bool)
    for pattern, digits in _NUMBER_PASSES:
        text = _where(text, words, pattern, digits)
    text = text.str.replace(r"(?<=[0-9A-Z])\s*[-–—]\s*(?=[0-9.]|U_)", " DASH ", regex=True)
    return text.str.replace(r"\s+", " ", regex=True).str.strip()


class _Numbers(NamedTuple):
    """Numbers in parts, read exactly: value = mantissa * 10**exponent."""

    mantissa: pd.Series
    exponent: npt.NDArray[np.int64]
    overlap: npt.NDArray[np.bool_]
    too_long: npt.NDArray[np.bool_]


def _parts(exprs: pd.Series) -> pd.DataFrame:
    """Return one row per number and scale of each expression, with their places.

    ``row``: the expression; ``mant``: the digits without separators or leading zeros
    (NaN for a scale); ``low``: the power of ten of the last digit; ``top``: one above the
    first digit; ``mark``: the power of ten of the last non-zero digit.
    """
    found = exprs.str.replace(r"^(?=E)", "1 ", regex=True).str.extractall(
        rf"(?P<num>{_NUM})|E(?P<pow>[0-9]+)"
    )
    row = found.index.get_level_values(0).to_numpy(dtype=np.int64)
    power = found["pow"].astype(float).to_numpy()
    scale: npt.NDArray[np.bool_] = np.logical_not(np.isnan(power))
    # scale words in a row are one scale: "hundred thousand" is 10**5
    after_scale = pd.Series(scale).groupby(row).shift(1, fill_value=False).to_numpy(dtype=bool)
    chain = np.cumsum(scale & ~after_scale)
    total = pd.Series(np.where(scale, power, 0.0)).groupby(chain).transform("sum").to_numpy()
    keep = ~(scale & pd.Series(scale).groupby(row).shift(-1, fill_value=False).to_numpy(dtype=bool))
    power = np.where(scale, total, np.nan)[keep]
    found, row, scale = found[keep], row[keep], scale[keep]
    by_row = pd.Series(power, dtype=float).fillna(-1.0).groupby(row)
    before = by_row.cummax().groupby(row).shift(1, fill_value=-1.0).to_numpy()
    raising = np.where(scale, power > before, np.nan)
    lift = pd.Series(np.where(raising == 1, power, 0.0)).groupby(row)
    after = (lift.transform("sum") - lift.cumsum()).to_numpy() + np.where(raising == 1, power, 0)
    closing = pd.DataFrame({"p": power, "r": raising}).groupby(row).bfill()
    by_scale = np.where(closing["r"].to_numpy() == 1, 0.0, closing["p"].fillna(0).to_numpy())
    number = found["num"].str.replace(",", "", regex=False)
    fraction = number.str.extract(r"\.([0-9]*)$")[0].fillna("").str.len().to_numpy()
    digits = number.str.replace(".", "", regex=False).str.lstrip("0")
    place = (by_scale + after).astype(np.int64) - fraction
    size = digits.str.len().to_numpy(dtype=float)
    zeros = size - digits.str.rstrip("0").str.len().to_numpy(dtype=float)
    table = pd.DataFrame(
        {
            "row": row,
            "mant": digits.where(digits != "", "0").to_numpy(dtype=object),
            "low": place,
            "top": place + size,
            "mark": np.where(size > zeros, place + zeros, np.inf),
        }
    )
    parts: pd.DataFrame = table.loc[~scale]
    return parts


def _evaluate(exprs: pd.Series) -> _Numbers:
    """Read expressions of numbers in parts (a RangeIndex) exactly, to mantissa and exponent.

    Each part must lie below the last non-zero digit of the parts before it, else the
    expression is marked ``overlap``; a number in several parts must fit in 18 digits.
    """
    parts = _parts(exprs)
    groups = parts.groupby("row")
    before = groups["mark"].cummin().groupby(parts["row"]).shift(1, fill_value=np.inf)
    overlap_rows = parts["row"][(parts["top"] > before).to_numpy()].unique()
    count = groups.size().reindex(range(len(exprs)), fill_value=0).to_numpy()
    exponent = groups["low"].min().reindex(range(len(exprs)), fill_value=0).to_numpy().copy()
    shift = parts["low"].to_numpy() - exponent[parts["row"].to_numpy()]
    width = groups["top"].max().reindex(range(len(exprs)), fill_value=0).to_numpy() - exponent
    too_long = (count > 1) & (width > 18)
    several = (count[parts["row"].to_numpy()] > 1) & ~too_long[parts["row"].to_numpy()]
    mantissa = pd.Series(np.full(len(exprs), "nan", dtype=object))
    single = parts[~several]
    mantissa[single["row"].to_numpy()] = single["mant"].to_numpy()
    exponent[single["row"].to_numpy()] = single["low"].to_numpy()
    if several.any():
        terms = pd.Series(parts["mant"][several].to_numpy(dtype=str)).astype(np.int64) * (
            10 ** shift[several].astype(np.int64)
        )
        sums = terms.groupby(parts["row"][several].to_numpy()).sum()
        mantissa[sums.index.to_numpy()] = sums.astype(str).to_numpy()
    overlap = np.zeros(len(exprs), dtype=bool)
    overlap[overlap_rows] = True
    return _Numbers(mantissa, exponent.astype(np.int64), overlap, too_long)


def _to_number(mantissa: pd.Series, power: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    # "2948" and 11 -> float("2948e11"): one correctly rounded conversion, no products.
    # numpy's parser is correctly rounded with every supported pandas (pandas 3.0's
    # to_numeric is not); the mantissa is digits, or "nan".
    digits = mantissa.to_numpy(dtype=str).astype(object)
    text = np.where(digits == "nan", "nan", digits + "e" + power.astype(str).astype(object))
    with np.errstate(over="ignore"):
        return text.astype(str).astype(np.float64)


def _units(
    grammar: pd.DataFrame, unit: str | None
) -> tuple[pd.Series, npt.NDArray[np.int64], npt.NDArray[np.object_]]:
    """Return each phrase's unit, the power of ten its unit word adds, and unit clashes."""
    tokens = grammar[["u0", "u1", "u2", "u3"]]
    first = tokens.bfill(axis=1)["u0"]
    clash = np.full(len(grammar), None, dtype=object)
    sign = (tokens == "U_SIGN").any(axis=1).to_numpy()
    key = {token: f"{name}:{power}" for token, (name, power, _) in _UNITS.items()}
    for column in tokens.columns:
        other = tokens[column]
        differs = (other.notna() & (other.map(key) != first.map(key))).to_numpy() & pd.isna(clash)
        shown = [
            f"two units: {_UNITS[a][2]} and {_UNITS[b][2]}"
            for a, b in zip(first[differs], other[differs], strict=True)
        ]
        clash[differs] = shown
    clash[sign & ~pd.isna(clash)] = "a dollar sign with another unit"
    name = first.map({t: n for t, (n, _, _) in _UNITS.items()}).astype(object)
    if unit is not None:
        name = name.fillna(unit)
    power = first.map({t: p for t, (_, p, _) in _UNITS.items()}).fillna(0)
    powers = np.asarray(power.to_numpy(), dtype=np.int64)
    return name.where(name.notna(), None), powers, clash


def _qualifiers(grammar: pd.DataFrame) -> tuple[pd.Series, npt.NDArray[np.bool_]]:
    """Return each phrase's qualifier and where it gives two (before and after)."""
    lead = grammar["q"].map(
        {"Q_LOWER": "lower", "Q_APPROX": "approx", "Q_UPPER": "upper", "TA": "upper"}
    )
    words = {"T_LOWER": "lower", "T_UPPER": "upper"}
    trail, trail2 = grammar["t"].map(words), grammar["t2"].map(words)
    two = (lead.notna() & (trail.notna() | trail2.notna())) | (trail.notna() & trail2.notna())
    trail = trail.fillna(trail2)
    qualifier = lead.fillna(trail).fillna("exact").where(grammar["b"].isna(), "range")
    return qualifier.astype(object), two.to_numpy()


def _why_unread(text: pd.Series, dates: npt.NDArray[np.bool_]) -> npt.NDArray[np.object_]:
    """Return why each token text fails the grammar: a date, no number, an unknown word."""
    reasons = np.full(len(text), _UNREADABLE, dtype=object)
    bad = text.str.extract(_BAD_TOKEN)["bad"]
    number_like = bad.str.fullmatch(r"[-+0-9.,/]+").fillna(value=False).to_numpy(dtype=bool)
    found = bad.notna().to_numpy()
    reasons[found] = [
        (f"not a number: {word!r}" if is_number else f"unknown word {word!r}")
        for word, is_number in zip(bad[found], number_like[found], strict=True)
    ]
    has_number = text.str.contains(r"[0-9]|E[0-9]", regex=True).to_numpy(dtype=bool)
    reasons[~has_number] = _UNREADABLE
    reasons[dates] = "a date, not an amount"
    return reasons


def _ends(grammar: pd.DataFrame, unit_power: npt.NDArray[np.int64]) -> tuple[
    npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]
]:  # fmt: skip
    """Return the two ends of each phrase (equal unless a range) in base units.

    A range's first end without a scale takes the second's ("1.5-2 million"). Also
    returns where the parts of a number overlap and where a number in parts is too long.
    """
    first, second = grammar["a"], grammar["b"]
    chain = second.str.extract(r"((?: E[0-9]+)+)$")[0]
    bare = first.notna() & ~first.str.contains("E", regex=False).fillna(value=True)
    first = first.where(~(bare & chain.notna()), first + chain)
    n = len(grammar)
    both = pd.concat([first, second.fillna(first)], ignore_index=True)
    numbers = _evaluate(both)
    values = _to_number(numbers.mantissa, numbers.exponent + np.tile(unit_power, 2))
    overlap = numbers.overlap[:n] | numbers.overlap[n:]
    too_long = numbers.too_long[:n] | numbers.too_long[n:]
    return values[:n], values[n:], overlap, too_long


def _read_distinct(phrases: pd.Series, unit: str | None) -> AmountsRead:
    """Read distinct phrases (a RangeIndex): the table and a reason for each one refused."""
    reasons = np.full(len(phrases), None, dtype=object)
    reasons[lone_surrogates(phrases)] = "not valid Unicode"
    text, dates = _digits_and_dates(phrases.where(pd.isna(reasons), ""))
    text = _tokens(text)
    grammar = text.str.extract(_GRAMMAR)
    unread = (grammar["a"].isna().to_numpy() | dates) & pd.isna(reasons)
    reasons[unread] = _why_unread(text, dates)[unread]
    unit_name, unit_power, clash = _units(grammar, unit)
    qualifier, two = _qualifiers(grammar)
    low, high, overlap, too_long = _ends(grammar, unit_power)
    for bad, why in (
        (two, "two qualifiers"),
        (~pd.isna(clash), clash),
        (overlap, "parts that do not make one number"),
        (too_long, "a number in parts longer than 18 digits"),
        (~np.isfinite(low) | ~np.isfinite(high), "too large"),
        ((qualifier == "range").to_numpy() & (low > high), "a range from high to low"),
    ):
        todo = bad & pd.isna(reasons)
        reasons[todo] = why[todo] if isinstance(why, np.ndarray) else why
    return AmountsRead(_table(low, high, qualifier, unit_name, ~pd.isna(reasons)), reasons)


def _table(
    low: npt.NDArray[np.float64],
    high: npt.NDArray[np.float64],
    qualifier: pd.Series,
    unit: pd.Series,
    refused: npt.NDArray[np.bool_],
) -> pd.DataFrame:
    """Assemble the table: the bounds each qualifier states, nothing on refused rows."""
    q = qualifier.to_numpy(dtype=object).copy()
    q[refused] = None
    units = unit.to_numpy(dtype=object).copy()
    units[refused | unit.isna().to_numpy()] = None
    lo, hi = low.astype(float), high.astype(float)
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


def _as_phrases(values: DateArray) -> pd.Series:
    """Return the argument as a Series of str (positions as the index); refuse others."""
    return text_series(
        values, expected="a one-dimensional array of strings", reading=None, missing=False
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
        ``eur``, ``percent``, a count unit of :data:`COUNT_UNITS`, or ``unit``),
        ``qualifier`` (one of :data:`QUALIFIERS`), ``low`` and ``high`` (the bounds the
        phrase states: both for exact and range, one for a bound, none for approx). Index
        kept for a Series.

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
