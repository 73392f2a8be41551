"""Jalali dates as text: parsing and formatting.

Parsing reads Latin, Persian and Arabic-Indic digits and month names; formatting writes
English or Persian.

Parsing and formatting work on the distinct values of an array (via :func:`pandas.factorize`)
and on pandas' vectorized string methods; the date arithmetic is the calendar's.
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import first_position, text_series
from isipo_stats._typing import DateArray, DateScalar
from isipo_stats.calendar import read_days, to_gregorian
from isipo_stats.errors import InputTypeError, ParseError
from isipo_stats.spans import Span

__all__ = [
    "JALALI_BELOW",
    "MONTH_NAMES",
    "format_jalali",
    "normalize_digits",
    "parse_jalali",
    "to_latin_digits",
    "to_persian_digits",
]

Locale = Literal["en", "fa"]

JALALI_BELOW: Final = 1800
"""A date written with a year below this is Jalali (``1399-07-30``), otherwise Gregorian.

The supported Jalali years end at 1699 and the Gregorian ones begin at 1821, so the two
never meet."""

MONTH_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
        "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
    ),
    "fa": (
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ),
}  # fmt: skip
"""Month names by locale, Farvardin first."""

# Other spellings met in English-language reports and in Persian text, to month numbers.
_MONTH_SPELLINGS: Final[dict[str, int]] = {
    **{name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES["en"])},
    **{name: i + 1 for i, name in enumerate(MONTH_NAMES["fa"])},
    "farvardeen": 1, "ordibehest": 2, "ordibehesht": 2, "ordibeheshts": 2, "khordaad": 3,
    "khurdad": 3, "teer": 4, "amordad": 5, "mordaad": 5, "amordaad": 5, "امرداد": 5,
    "shahriwar": 6, "shahrivar": 6, "shahrevar": 6, "mehr": 7, "aabaan": 8, "aaban": 8,
    "abaan": 8, "aazar": 9, "adhar": 9, "day": 10, "dei": 10, "bahman": 11, "esfand": 12,
    "espand": 12, "isfand": 12, "esfand-e": 12,
}  # fmt: skip

_DIGITS: Final = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٬٫يكة\u200c\u200f\u200e",
    "01234567890123456789,.یکه   ",
)


_TO_LATIN: Final = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN: Final = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹")


@overload
def to_latin_digits(values: str) -> str: ...
@overload
def to_latin_digits(values: DateArray) -> pd.Series: ...
def to_latin_digits(values: object) -> str | pd.Series:
    """Write Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII digits; nothing else changes.

    Parameters
    ----------
    values : str or array-like of str
        Missing values (None, NaN, ``pd.NA``) stay missing.

    Returns
    -------
    str, or pandas.Series of str (a Series keeps its index)

    Raises
    ------
    InputTypeError
        A value that is not text (nor missing).

    See Also
    --------
    normalize_digits : also separators, Arabic letters and whitespace.

    Examples
    --------
    >>> to_latin_digits("۱۴۰۰/۰۷/۳۰")
    '1400/07/30'
    >>> to_latin_digits(["٣٠ مهر", None]).tolist()
    ['30 مهر', None]
    """
    return _translate(values, _TO_LATIN)


@overload
def to_persian_digits(values: str) -> str: ...
@overload
def to_persian_digits(values: DateArray) -> pd.Series: ...
def to_persian_digits(values: object) -> str | pd.Series:
    """Write ASCII and Arabic-Indic digits as Persian digits (۰-۹); nothing else changes.

    Takes and returns what :func:`to_latin_digits` does.

    Examples
    --------
    >>> to_persian_digits("1400/07/30")
    '۱۴۰۰/۰۷/۳۰'
    >>> to_persian_digits(pd.Series(["Q3 1400"], index=["a"]))
    a    Q۳ ۱۴۰۰
    dtype: object
    """
    return _translate(values, _TO_PERSIAN)


def _translate(values: object, table: dict[int, int]) -> str | pd.Series:
    if isinstance(values, str):
        return values.translate(table)
    series = text_series(
        values,
        expected="a string or a one-dimensional array of strings",
        reading="text",
        missing=True,
    )
    out = series.str.translate(table)
    out.name = getattr(values, "name", None)
    return out


def normalize_digits(values: pd.Series) -> pd.Series:
    """Return text with Persian/Arabic-Indic digits as ASCII, Arabic ي/ك as Persian ی/ک.

    The Persian thousands separator ``٬`` becomes ``,`` and the decimal separator ``٫``
    becomes ``.``; zero-width non-joiners and direction marks become spaces. Whitespace is
    collapsed and the ends stripped.

    Examples
    --------
    >>> normalize_digits(pd.Series(["۱۴۰۰/۰۷/۳۰", "١٢٬٥٠٠٫٥"])).tolist()
    ['1400/07/30', '12,500.5']
    """
    return values.str.translate(_DIGITS).str.replace(r"\s+", " ", regex=True).str.strip()


# ASCII digits only (Persian and Arabic-Indic digits are made ASCII first): Python would read
# other scripts' digits as numbers too, which the documented forms do not include.
_NUMERIC: Final = (
    r"^(?P<y>[0-9]{3,4})(?:\s*[/\-.]\s*(?P<m>[0-9]{1,2})(?:\s*[/\-.]\s*(?P<d>[0-9]{1,2}))?)?$"
)
# A month name may be followed by the Persian word for month («مهر ماه», «مهرماه»).
_NAMED: Final = (
    r"^(?:(?P<nd>[0-9]{1,2})(?:st|nd|rd|th)?\s+)?(?:of\s+)?(?P<name>[^0-9\s,]+?)"
    r"(?:\s*ماه)?,?\s+(?P<ny>[0-9]{3,4})$"
)


def _parse_unique(texts: pd.Series) -> pd.DataFrame:
    """Extract year, month and day (floats, NaN where absent) from distinct normalized texts."""
    numeric = texts.str.extract(_NUMERIC).astype(float)
    named = texts.str.lower().str.extract(_NAMED)
    name_month = named["name"].map(_MONTH_SPELLINGS).astype(float)
    use_named = numeric["y"].isna() & name_month.notna()
    return pd.DataFrame(
        {
            "year": numeric["y"].where(~use_named, named["ny"].astype(float)),
            "month": numeric["m"].where(~use_named, name_month),
            "day": numeric["d"].where(~use_named, named["nd"].astype(float)),
        }
    )


@overload
def parse_jalali(values: str) -> Span: ...
@overload
def parse_jalali(values: DateArray) -> pd.DataFrame: ...
def parse_jalali(values: object) -> Span | pd.DataFrame:
    """Read Jalali dates, months and years written as text.

    Accepted forms: ``1400/07/30``, ``1400-7-30``, ``1400.07.30``, Persian or Arabic-Indic
    digits (``۱۴۰۰/۰۷/۳۰``), a day, month name and year (``30 Mehr 1400``,
    ``۳۰ مهر ۱۴۰۰``, ``۳۰ مهر ماه ۱۴۰۰``, usual English spellings), a month (``1402-06``,
    ``Shahrivar 1402``, «شهریور ۱۴۰۲», «شهریورماه ۱۴۰۲») and a bare year (``1402``). A
    month or year is a span of days.

    Parameters
    ----------
    values : str or array-like of str
        Missing values (None, NaN, ``pd.NA``, ``pd.NaT``) give a row of missing values.

    Returns
    -------
    Span
        For a single string: the day, month or year it names.
    pandas.DataFrame
        For many: columns ``year``, ``month``, ``day`` (``Int64``; month and day missing
        when the text does not give them), ``start`` and ``end`` (``datetime64[us]``, the
        first and last day covered). A Series input keeps its index.

    Raises
    ------
    ParseError
        Text in none of the accepted forms, with its position.
    InvalidDateError, CalendarRangeError
        A date that does not exist or lies outside the supported years, with its position.
    InputTypeError
        A value that is not text (nor missing), or not a one-dimensional array.

    Examples
    --------
    >>> parse_jalali("۳۰ مهر ۱۴۰۰")
    Span(start=Timestamp('2021-10-22'), end=Timestamp('2021-10-22'))
    >>> parse_jalali("Mehr 1400")
    Span(start=Timestamp('2021-09-23'), end=Timestamp('2021-10-22'))
    >>> parse_jalali("1402-06")
    Span(start=Timestamp('2023-08-23'), end=Timestamp('2023-09-22'))
    >>> parse_jalali(["1399/12/30", "Esfand 1400", "1401"])[["year", "month", "day", "end"]]
       year  month   day        end
    0  1399     12    30 2021-03-20
    1  1400     12  <NA> 2022-03-20
    2  1401  <NA>  <NA> 2023-03-20
    """
    if isinstance(values, str):
        table = parse_jalali([values])
        return Span(table["start"].iloc[0], table["end"].iloc[0])
    series = text_series(
        values,
        expected="a string or a one-dimensional array of strings",
        reading="a Jalali date",
        missing=True,
    )
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    fields = _fields(codes, uniques)
    return _span_table(fields, codes >= 0, series.index)


def _fields(codes: npt.NDArray[np.intp], uniques: Any) -> dict[str, Any]:
    """Return year, month and day of each row (float, NaN where absent or missing).

    Each distinct text is read once; ``codes`` (-1 for a missing value) takes the rows.

    Raises
    ------
    ParseError
        A text in none of the accepted forms, naming its first row.
    """
    unique_text = pd.Series(uniques, dtype=object)
    parts = _parse_unique(normalize_digits(unique_text.astype("string")))
    unreadable = parts["year"].isna().to_numpy()
    if unreadable.any():
        bad_code = int(np.flatnonzero(unreadable)[0])
        position = first_position(codes == bad_code)
        msg = f"could not read {uniques[bad_code]!r} {{where}} as a Jalali date"
        raise ParseError(msg, position=position)
    # missing values take the extra NaN row appended to each column (there may be no other)
    take = np.where(codes >= 0, codes, len(parts))
    return {str(k): np.append(parts[k].to_numpy(dtype=float), np.nan)[take] for k in parts}


def _span_table(
    fields: dict[str, Any], present: npt.NDArray[np.bool_], index: pd.Index
) -> pd.DataFrame:
    """Return the fields with the first and last day each names (a whole month or year)."""
    has_month = ~np.isnan(fields["month"])
    has_day = ~np.isnan(fields["day"])
    start = to_gregorian(
        fields["year"], np.where(has_month, fields["month"], 1), np.where(has_day, fields["day"], 1)
    )
    last_month = np.where(present & ~has_month, 12, fields["month"])
    month_end = _last_day_of_month(fields["year"], last_month, present)
    end = np.where(has_day, start.to_numpy(), month_end)
    return pd.DataFrame(
        {
            "year": pd.array(fields["year"], dtype="Int64"),
            "month": pd.array(fields["month"], dtype="Int64"),
            "day": pd.array(fields["day"], dtype="Int64"),
            "start": start.to_numpy(),
            "end": end.astype("datetime64[us]"),
        },
        index=index,
    )


def _last_day_of_month(
    years: npt.NDArray[np.float64], months: npt.NDArray[np.float64], present: npt.NDArray[np.bool_]
) -> npt.NDArray[Any]:
    firsts = to_gregorian(years, months, np.where(present, 1, np.nan)).to_numpy()
    days = _kernel.month_length(
        np.where(present, years, _kernel.FIRST_YEAR).astype(np.int64),
        np.where(present, months, 1).astype(np.int64),
    )
    last_days: npt.NDArray[Any] = firsts + (days - 1).astype("timedelta64[D]")
    return last_days


def _number_strings(width: int, count: int, locale: Locale) -> npt.NDArray[np.object_]:
    table = pd.Series(np.arange(count), dtype=np.int64).astype(str).str.zfill(width)
    if locale == "fa":
        table = table.str.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    out = table.to_numpy(dtype=object)
    out.flags.writeable = False  # shared by every call
    return out


# Zero-padded numbers as text, built once: (width, count) -> strings indexed by the number.
_NUMBER_TEXT: Final = {
    (locale, width): _number_strings(width, count, locale)
    for locale in ("en", "fa")
    for width, count in ((1, 10), (2, 100), (3, 367), (4, _kernel.LAST_YEAR + 1))
}


_DIRECTIVE: Final = re.compile(r"%.", re.DOTALL)  # "%\n" is an unknown directive too


@overload
def format_jalali(dates: DateScalar, fmt: str = ..., *, locale: Locale = ...) -> str | None: ...
@overload
def format_jalali(dates: DateArray, fmt: str = ..., *, locale: Locale = ...) -> pd.Series: ...
def format_jalali(
    dates: object, fmt: str = "%Y-%m-%d", *, locale: Locale = "en"
) -> pd.Series | str | None:
    """Format Gregorian dates as Jalali text.

    Directives: ``%Y`` year, ``%y`` two-digit year, ``%m`` month (01-12), ``%d`` day (01-31),
    ``%j`` day of year (001-366), ``%B`` month name, ``%q`` quarter (1-4), ``%%`` a percent
    sign. Any other character is copied.

    Parameters
    ----------
    dates : date-like scalar or array-like
        As for :func:`isipo_stats.to_jalali`.
    fmt : str
        The format.
    locale : {"en", "fa"}
        ``"fa"`` writes Persian digits and Persian month names.

    Returns
    -------
    pandas.Series of str (None where the date is missing), or str for a scalar.

    Examples
    --------
    >>> format_jalali("2021-10-22", "%d %B %Y")
    '30 Mehr 1400'
    >>> format_jalali("2021-10-22", "%d %B %Y", locale="fa")
    '۳۰ مهر ۱۴۰۰'
    >>> format_jalali(["2025-03-21", None], "%Y/%m/%d").tolist()
    ['1404/01/01', None]
    """
    if not isinstance(locale, str) or locale not in MONTH_NAMES:
        msg = f"locale must be 'en' or 'fa', got {locale!r}"
        raise InputTypeError(msg)
    if not isinstance(fmt, str):
        msg = f"fmt must be a format string such as '%Y-%m-%d', got {fmt!r}"
        raise InputTypeError(msg)
    parsed, day_numbers = read_days(dates)
    missing = parsed.missing
    present = day_numbers[~missing]
    first = int(present.min()) if present.size else 0
    last = int(present.max()) if present.size else -1
    if present.size and day_numbers.size > last - first + 1:
        # more dates than distinct days they span: format each day once, then gather
        days = np.arange(first, last + 1)
        # a missing date holds any day number: clipped into the table, then blanked
        text = _format_days(days, fmt, locale)[np.clip(day_numbers - first, 0, last - first)]
    else:
        text = _format_days(day_numbers, fmt, locale)
    text[missing] = None
    if parsed.scalar:
        return None if missing[0] else str(text[0])
    index = parsed.index if parsed.index is not None else pd.RangeIndex(day_numbers.size)
    return pd.Series(text, index=index, name=parsed.name, dtype=object)


def _format_days(
    day_numbers: npt.NDArray[np.int64], fmt: str, locale: Locale
) -> npt.NDArray[np.object_]:
    """Format day numbers with ``fmt``; an object array of str."""
    year, month, day = _kernel.fields(day_numbers)
    text = np.full(day_numbers.size, "", dtype=object)
    position = 0
    for match in _DIRECTIVE.finditer(fmt):
        if match.start() > position:
            text = text + _literal(fmt[position : match.start()])
        text = text + _directive(match.group(), year, month, day, day_numbers, locale)
        position = match.end()
    if position < len(fmt):
        text = text + _literal(fmt[position:])
    return text


def _literal(text: str) -> npt.NDArray[np.object_]:
    # an object scalar: numpy's own str type would drop trailing "\x00" characters
    return np.array(text, dtype=object)


def _directive(
    code: str,
    year: npt.NDArray[np.int64],
    month: npt.NDArray[np.int64],
    day: npt.NDArray[np.int64],
    day_numbers: npt.NDArray[np.int64],
    locale: Locale,
) -> npt.NDArray[np.object_]:
    numbers = {width: _NUMBER_TEXT[locale, width] for width in (1, 2, 3, 4)}
    if code == "%Y":
        return numbers[4][year]
    if code == "%y":
        return numbers[2][year % 100]
    if code == "%m":
        return numbers[2][month]
    if code == "%d":
        return numbers[2][day]
    if code == "%j":
        return numbers[3][_kernel.day_of_year(day_numbers)]
    if code == "%q":
        return numbers[1][(month + 2) // 3]
    if code == "%B":
        return np.array(("", *MONTH_NAMES[locale]), dtype=object)[month]
    if code == "%%":
        return np.array("%", dtype=object)
    msg = f"unknown format directive {code!r}; use %Y %y %m %d %j %q %B or %%"
    raise ParseError(msg)
