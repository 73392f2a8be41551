"""Jalali dates as text: parsing and formatting.

Parsing reads Latin, Persian and Arabic-Indic digits and month names; formatting writes
English or Persian.

Parsing and formatting work on the distinct values of an array (via :func:`pandas.factorize`)
and on pandas' vectorized string methods; the date arithmetic is the calendar's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import first_position, text_series
from isipo_stats._dates import TEHRAN
from isipo_stats._typing import DateArray, DateScalar
from isipo_stats.calendar import read_days, to_gregorian
from isipo_stats.errors import InputTypeError, InvalidArgumentError, InvalidDateError, ParseError
from isipo_stats.spans import Span

__all__ = [
    "JALALI_BELOW",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_NAMES",
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

MONTH_ABBREVIATIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Far", "Ord", "Kho", "Tir", "Mor", "Sha", "Meh", "Aba", "Aza", "Dey", "Bah", "Esf"),
    "fa": ("فرو", "ارد", "خرد", "تیر", "مرد", "شهر", "مهر", "آبا", "آذر", "دی", "بهم", "اسف"),
}
"""Three-letter month names (``%b``), as jdatetime writes them."""

WEEKDAY_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "fa": ("شنبه", "یک\u200cشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنج\u200cشنبه", "جمعه"),
}
"""Weekday names by locale, Saturday (the first day of the Iranian week) first."""

WEEKDAY_ABBREVIATIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri"),
    "fa": WEEKDAY_NAMES["fa"],  # Persian has no usual abbreviation: the names (as jdatetime)
}
"""Short weekday names (``%a``), Saturday first."""

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
        Missing values (None, NaN, ``pd.NA``) give None.

    Returns
    -------
    str, or pandas.Series of str (a Series keeps its index and name)

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
    out = series.str.translate(table).astype(object).where(series.notna(), None)
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


def jalali_fields(values: pd.Series) -> pd.DataFrame:
    """Return year, month and day as the texts write them, not checked against the calendar.

    The forms are those of :func:`parse_jalali`. For callers that check many dates at once
    and report every bad one (the figure table): ``year`` is NaN where the text is in none
    of the forms, ``month`` and ``day`` NaN where it does not give them. Index kept.

    Examples
    --------
    >>> jalali_fields(pd.Series(["1400-13-01", "Mehr 1400", "soon"]))
         year  month  day
    0  1400.0   13.0  1.0
    1  1400.0    7.0  NaN
    2     NaN    NaN  NaN
    """
    fields = _parse_unique(normalize_digits(values.astype("string")))
    fields.index = values.index
    return fields


@overload
def parse_jalali(values: str, format: str | None = None) -> Span: ...
@overload
def parse_jalali(values: DateArray, format: str | None = None) -> pd.DataFrame: ...
def parse_jalali(values: object, format: str | None = None) -> Span | pd.DataFrame:  # noqa: A002
    """Read Jalali dates, months and years written as text.

    Accepted forms: ``1400/07/30``, ``1400-7-30``, ``1400.07.30``, Persian or Arabic-Indic
    digits (``۱۴۰۰/۰۷/۳۰``), a day, month name and year (``30 Mehr 1400``,
    ``۳۰ مهر ۱۴۰۰``, ``۳۰ مهر ماه ۱۴۰۰``, usual English spellings), a month (``1402-06``,
    ``Shahrivar 1402``, «شهریور ۱۴۰۲», «شهریورماه ۱۴۰۲») and a bare year (``1402``). A
    month or year is a span of days.

    With ``format``, the text must match it exactly, as with ``strptime``: the directives
    of :func:`format_jalali` read what they write (``%Y %y %m %-m %d %-d %e %j %B %b %A %a
    %w %H %M %S %%``; ``%B`` and ``%b`` take any month spelling above, ``%y`` is a year
    1369-1468 as in jdatetime, a weekday must be the date's own). Without a day the text
    names a month, without a month a year, as above.

    Parameters
    ----------
    values : str or array-like of str
        Missing values (None, NaN, ``pd.NA``, ``pd.NaT``) give a row of missing values.
    format : str, optional
        The format the text is written in (``"%Y%m%d"``, ``"%d %B %Y"``). Persian and
        Arabic-Indic digits are read in any case.

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
    >>> parse_jalali(["14000730", "۱۴۰۰۰۸۰۱"], format="%Y%m%d")["start"].tolist()
    [Timestamp('2021-10-22 00:00:00'), Timestamp('2021-10-23 00:00:00')]
    >>> parse_jalali("Friday 30 Meh 00", format="%A %d %b %y")
    Span(start=Timestamp('2021-10-22'), end=Timestamp('2021-10-22'))
    """
    if isinstance(values, str):
        table = parse_jalali([values], format)
        return Span(table["start"].iloc[0], table["end"].iloc[0])
    series = text_series(
        values,
        expected="a string or a one-dimensional array of strings",
        reading="a Jalali date",
        missing=True,
    )
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if format is not None:
        return _parse_with_format(codes, uniques, format, series.index)
    fields = _fields(codes, uniques)
    return _span_table(fields, codes >= 0, series.index)


def _spellings(names: dict[str, int]) -> str:
    """Return a regular expression matching any of the names (longest first, any case)."""
    ordered = sorted(names, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(name) for name in ordered) + ")"


def _normal(name: str) -> str:
    """Return a name as :func:`normalize_digits` leaves text: ZWNJ as a space, lower case."""
    return str(normalize_digits(pd.Series([name])).iloc[0]).lower()


_MONTH_READ: Final = {
    **_MONTH_SPELLINGS,
    **{
        _normal(name): i + 1
        for table in MONTH_ABBREVIATIONS.values()
        for i, name in enumerate(table)
    },
}
_WEEKDAY_READ: Final = {
    _normal(spelling): i
    for table in (*WEEKDAY_NAMES.values(), WEEKDAY_ABBREVIATIONS["en"])
    for i, name in enumerate(table)
    for spelling in (name, name.replace("\u200c", ""))  # «یکشنبه» as well as «یک‌شنبه»
}
_READ_PATTERNS: Final = {
    "%Y": r"(?P<Y>[0-9]{4})",
    "%y": r"(?P<y>[0-9]{2})",
    "%m": r"(?P<m>[0-9]{1,2})",
    "%-m": r"(?P<m>[0-9]{1,2})",
    "%d": r"(?P<d>[0-9]{1,2})",
    "%-d": r"(?P<d>[0-9]{1,2})",
    "%e": r" ?(?P<d>[0-9]{1,2})",
    "%j": r"(?P<j>[0-9]{1,3})",
    "%-j": r"(?P<j>[0-9]{1,3})",
    "%B": f"(?P<B>{_spellings(_MONTH_READ)})",
    "%b": f"(?P<B>{_spellings(_MONTH_READ)})",
    "%A": f"(?P<A>{_spellings(_WEEKDAY_READ)})",
    "%a": f"(?P<A>{_spellings(_WEEKDAY_READ)})",
    "%w": r"(?P<w>[0-6])",
    "%H": r"(?P<H>[0-9]{1,2})",
    "%-H": r"(?P<H>[0-9]{1,2})",
    "%M": r"(?P<M>[0-9]{1,2})",
    "%-M": r"(?P<M>[0-9]{1,2})",
    "%S": r"(?P<S>[0-9]{1,2})",
    "%-S": r"(?P<S>[0-9]{1,2})",
    "%%": "%",
}


def _format_pattern(fmt: str) -> str:
    """Translate a format into a regular expression over normalized text."""
    if not isinstance(fmt, str):
        msg = f"format must be a format string such as '%Y/%m/%d', got {fmt!r}"
        raise InputTypeError(msg)
    parts, position = ["^"], 0
    for match in _DIRECTIVE.finditer(fmt):
        parts.append(_literal_pattern(fmt[position : match.start()]))
        found = _READ_PATTERNS.get(match.group())
        if found is None:
            known = " ".join(code for code in _READ_PATTERNS if code != "%%")
            msg = f"format directive {match.group()!r} cannot be read; use {known} or %%"
            raise ParseError(msg)
        parts.append(found)
        position = match.end()
    parts += [_literal_pattern(fmt[position:]), "$"]
    pattern = "".join(parts)
    try:
        re.compile(pattern)
    except re.error:
        msg = f"format {fmt!r} gives a field twice"
        raise ParseError(msg) from None
    return pattern


def _literal_pattern(text: str) -> str:
    """Literal format text, normalized like the values (digits, spaces)."""
    if not text:
        return ""
    collapsed = re.sub(r"\s+", " ", to_latin_digits(text))
    return re.escape(collapsed).replace("\\ ", " ")


def _parse_with_format(
    codes: npt.NDArray[np.intp], uniques: Any, fmt: str, index: pd.Index
) -> pd.DataFrame:
    """Read each distinct text with ``fmt`` (see :func:`parse_jalali`)."""
    pattern = _format_pattern(fmt)
    text = normalize_digits(pd.Series(uniques, dtype=object).astype("string"))
    found = text.str.extract(pattern).reindex(columns=list("YymdjBAwHMS"))
    unread = ~text.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)
    if unread.any():
        bad = first_position(unread)
        msg = f"could not read {uniques[bad]!r} {{where}} with the format {fmt!r}"
        raise ParseError(msg, position=first_position(codes == bad))
    take = np.where(codes >= 0, codes, len(found))
    columns = {str(k): np.append(_column(found, str(k)), np.nan)[take] for k in found.columns}
    fields = _format_fields(columns)
    table = _span_table(fields, codes >= 0, index)
    _check_weekday(table, columns, codes, uniques, fmt)
    clock = _format_clock(columns)
    if clock is not None:
        table["start"] = table["start"] + clock
        table["end"] = table["end"] + clock
    return table


def _column(found: pd.DataFrame, name: str) -> npt.NDArray[np.float64]:
    """One extracted field as float (names read as numbers; NaN where absent)."""
    column = found[name]
    if column.isna().all():
        return np.full(len(column), np.nan)
    if name == "B":
        column = column.str.lower().map(_MONTH_READ)
    elif name == "A":
        column = column.str.lower().map(_WEEKDAY_READ)
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64)


def _format_fields(columns: dict[str, Any]) -> dict[str, Any]:
    """Year, month and day (floats, NaN where absent) from the extracted fields."""
    two_digit = columns["y"]
    year = np.where(np.isnan(columns["Y"]), two_digit + np.where(two_digit <= 68, 1400, 1300),
                    columns["Y"])  # fmt: skip
    month = np.where(np.isnan(columns["m"]), columns["B"], columns["m"])
    day = columns["d"]
    by_day_of_year = ~np.isnan(columns["j"]) & np.isnan(month)
    if by_day_of_year.any():
        month, day = _from_day_of_year(year, columns["j"], by_day_of_year, month, day)
    return {"year": year, "month": np.where(np.isnan(month) & ~np.isnan(day), 1, month),
            "day": day}  # fmt: skip


def _from_day_of_year(
    year: npt.NDArray[np.float64],
    day_of_year: npt.NDArray[np.float64],
    where: npt.NDArray[np.bool_],
    month: npt.NDArray[np.float64],
    day: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Month and day of the rows given a day of the year (``%j``), checked."""
    known = where & ~np.isnan(year)
    years = _kernel.check_years(np.where(known, year, 1400).astype(np.int64), ~known)
    length = _kernel.year_length(years)
    bad = known & ((day_of_year < 1) | (day_of_year > length))
    if bad.any():
        row = first_position(bad)
        msg = (
            f"day of the year must be in 1-{length[row]} for {int(year[row])}, "
            f"got {int(day_of_year[row])}"
        )
        raise InvalidDateError(msg, position=row)
    numbers = _kernel.nowruz(years) + np.where(known, day_of_year, 1).astype(np.int64) - 1
    _, m, d = _kernel.fields(numbers)
    return np.where(known, m, month), np.where(known, d, day)


def _check_weekday(
    table: pd.DataFrame,
    columns: dict[str, Any],
    codes: npt.NDArray[np.intp],
    uniques: Any,
    fmt: str,
) -> None:
    """Refuse a weekday (``%A``, ``%a``, ``%w``) that is not the date's."""
    given = np.where(np.isnan(columns["A"]), columns["w"], columns["A"])
    start = table["start"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    has_day = table["day"].notna().to_numpy()
    actual = _kernel.weekday(start)
    wrong = ~np.isnan(given) & has_day & (actual != given)
    if wrong.any():
        row = first_position(wrong)
        msg = (
            f"could not read {uniques[codes[row]]!r} {{where}} with the format {fmt!r}: "
            f"that day is a {WEEKDAY_NAMES['en'][actual[row]]}"
        )
        raise ParseError(msg, position=row)


def _format_clock(columns: dict[str, Any]) -> Any:
    """Return the time of day read (``%H %M %S``) as timedelta64; None if none is."""
    parts = [columns["H"], columns["M"], columns["S"]]
    if all(np.isnan(part).all() for part in parts):
        return None
    hour, minute, second = (np.nan_to_num(part) for part in parts)
    bad = (hour > 23) | (minute > 59) | (second > 59)
    if bad.any():
        row = first_position(bad)
        msg = f"time of day must be within 00:00:00-23:59:59, got {int(hour[row]):02d}:"
        msg += f"{int(minute[row]):02d}:{int(second[row]):02d}"
        raise InvalidDateError(msg, position=row)
    return (hour * 3600 + minute * 60 + second).astype("timedelta64[s]")


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
    """Numbers 0..count-1 as text: zero-padded to ``width``; width 0: not padded; -2: spaces."""
    table = pd.Series(np.arange(count), dtype=np.int64).astype(str)
    table = table.str.rjust(2) if width == -2 else table.str.zfill(width)
    if locale == "fa":
        table = table.str.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    out = table.to_numpy(dtype=object)
    out.flags.writeable = False  # shared by every call
    return out


# Zero-padded numbers as text, built once: (width, count) -> strings indexed by the number.
_NUMBER_TEXT: Final = {
    (locale, width): _number_strings(width, count, locale)
    for locale in ("en", "fa")
    for width, count in (
        (0, _kernel.LAST_YEAR + 1),
        (-2, 100),
        (1, 10),
        (2, 100),
        (3, 367),
        (4, _kernel.LAST_YEAR + 1),
    )
}


_DIRECTIVE: Final = re.compile(r"%-?.", re.DOTALL)  # "%\n" is an unknown directive too


@overload
def format_jalali(dates: DateScalar, fmt: str = ..., *, locale: Locale = ...) -> str | None: ...
@overload
def format_jalali(dates: DateArray, fmt: str = ..., *, locale: Locale = ...) -> pd.Series: ...
def format_jalali(
    dates: object, fmt: str = "%Y-%m-%d", *, locale: Locale = "en"
) -> pd.Series | str | None:
    """Format Gregorian dates as Jalali text.

    Directives (a ``-`` after ``%`` drops the zero padding, as in ``%-d``):

    =======  ================================================================
    ``%Y``   year (``1400``); ``%y`` its last two digits (``00``)
    ``%m``   month, 01-12 (``%-m``: 1-12); ``%B`` its name, ``%b`` three letters
    ``%d``   day of the month, 01-31 (``%-d``: 1-31; ``%e``: space-padded, `` 5``)
    ``%j``   day of the year, 001-366 (``%-j``)
    ``%q``   quarter, 1-4
    ``%A``   weekday name (Saturday first); ``%a`` three letters (Persian: the name)
    ``%w``   weekday number, Saturday = 0 ... Friday = 6 (as jdatetime; not C's Sunday 0)
    ``%W``   week of the Jalali year, 01-54: week 1 holds 1 Farvardin, weeks start on
             Saturday (jdatetime's week number, which it writes without padding)
    ``%U``   week of the Jalali year, 00-53: days before the first Saturday are week 00
             (C's ``%U`` rule, with Saturday for Sunday)
    ``%H``   hour, 00-23; ``%M`` minute; ``%S`` second (``%-H``, ``%-M``, ``%-S``): the
             Tehran wall clock of ``datetime64`` values, Timestamps, datetimes
             (``jdatetime`` ones too) and ISO text (dates are at midnight)
    ``%%``   a percent sign
    =======  ================================================================

    Any other character is copied.

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
    >>> format_jalali("2021-10-26 14:05", "%A %-d %b %y, %H:%M (week %W, %U)")
    'Tuesday 4 Aba 00, 14:05 (week 32, 31)'
    >>> format_jalali("2021-10-26", "%A %e %B", locale="fa")
    'سه\u200cشنبه  ۴ آبان'
    """
    if not isinstance(locale, str) or locale not in MONTH_NAMES:
        msg = f"locale must be 'en' or 'fa', got {locale!r}"
        raise (InvalidArgumentError if isinstance(locale, str) else InputTypeError)(msg)
    if not isinstance(fmt, str):
        msg = f"fmt must be a format string such as '%Y-%m-%d', got {fmt!r}"
        raise InputTypeError(msg)
    parsed, day_numbers = read_days(dates)
    missing = parsed.missing
    present = day_numbers[~missing]
    first = int(present.min()) if present.size else 0
    last = int(present.max()) if present.size else -1
    if _TIME_DIRECTIVES.intersection(_DIRECTIVE.findall(fmt)):
        text = _format_days(day_numbers, fmt, locale, _clock(dates, day_numbers.size))
    elif present.size and day_numbers.size > last - first + 1:
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


@dataclass(frozen=True)
class _Dates:
    """What a directive may write: Jalali fields, day numbers, seconds past midnight."""

    year: npt.NDArray[np.int64]
    month: npt.NDArray[np.int64]
    day: npt.NDArray[np.int64]
    numbers: npt.NDArray[np.int64]
    seconds: npt.NDArray[np.int64]


def _format_days(
    day_numbers: npt.NDArray[np.int64],
    fmt: str,
    locale: Locale,
    seconds: npt.NDArray[np.int64] | None = None,
) -> npt.NDArray[np.object_]:
    """Format day numbers (and seconds past midnight) with ``fmt``; an object array of str."""
    year, month, day = _kernel.fields(day_numbers)
    clock = np.zeros(day_numbers.size, np.int64) if seconds is None else seconds
    dates = _Dates(year, month, day, day_numbers, clock)
    text = np.full(day_numbers.size, "", dtype=object)
    position = 0
    for match in _DIRECTIVE.finditer(fmt):
        if match.start() > position:
            text = text + _literal(fmt[position : match.start()])
        text = text + _directive(match.group(), dates, locale)
        position = match.end()
    if position < len(fmt):
        text = text + _literal(fmt[position:])
    return text


def _clock(dates: object, size: int) -> npt.NDArray[np.int64]:
    """Return the seconds past midnight (Tehran wall clock) of each date; 0 where unknown.

    ``datetime64`` values, Timestamps, ``datetime`` and ``jdatetime.datetime`` objects and
    ISO text carry a time of day; dates and missing values are read as midnight.
    """
    values: Any = dates.array if isinstance(dates, (pd.Series, pd.Index)) else dates
    if getattr(getattr(values, "dtype", None), "kind", None) == "M":
        instants = pd.DatetimeIndex(values)
    else:
        objects = pd.Index(np.atleast_1d(np.asarray(values, dtype=object)), dtype=object)
        try:
            instants = pd.DatetimeIndex(pd.to_datetime(objects, format="ISO8601"))
        except ValueError:  # several time zones: each instant, brought to Tehran below
            instants = pd.DatetimeIndex(pd.to_datetime(objects, format="ISO8601", utc=True))
    if instants.tz is not None:
        instants = instants.tz_convert(TEHRAN).tz_localize(None)
    since = (instants - instants.normalize()).to_numpy(dtype="timedelta64[s]")
    seconds: npt.NDArray[np.int64] = np.where(np.isnat(since), 0, since.astype(np.int64))
    return seconds


def _literal(text: str) -> npt.NDArray[np.object_]:
    # an object scalar: numpy's own str type would drop trailing "\x00" characters
    return np.array(text, dtype=object)


def _names(names: tuple[str, ...], *, first: int) -> npt.NDArray[np.object_]:
    """Names as an object array indexed from ``first`` (month 1, weekday 0)."""
    return np.array(("",) * first + names, dtype=object)


def _week_of(dates: _Dates, *, sunday_rule: bool) -> npt.NDArray[np.int64]:
    """``%W``: week 1 holds 1 Farvardin; ``%U``: days before the first Saturday are week 0."""
    if not sunday_rule:
        return _kernel.week_number(dates.numbers)
    day0 = _kernel.day_of_year(dates.numbers) - 1
    week: npt.NDArray[np.int64] = (day0 + 7 - _kernel.weekday(dates.numbers)) // 7
    return week


_DIRECTIVES: Final[dict[str, tuple[int | str, Callable[[_Dates], npt.NDArray[np.int64]]]]] = {
    "%Y": (4, lambda d: d.year),
    "%y": (2, lambda d: d.year % 100),
    "%m": (2, lambda d: d.month),
    "%-m": (0, lambda d: d.month),
    "%d": (2, lambda d: d.day),
    "%-d": (0, lambda d: d.day),
    "%e": (-2, lambda d: d.day),
    "%j": (3, lambda d: _kernel.day_of_year(d.numbers)),
    "%-j": (0, lambda d: _kernel.day_of_year(d.numbers)),
    "%q": (1, lambda d: (d.month + 2) // 3),
    "%w": (1, lambda d: _kernel.weekday(d.numbers)),
    "%W": (2, lambda d: _week_of(d, sunday_rule=False)),
    "%U": (2, lambda d: _week_of(d, sunday_rule=True)),
    "%H": (2, lambda d: d.seconds // 3600),
    "%-H": (0, lambda d: d.seconds // 3600),
    "%M": (2, lambda d: d.seconds // 60 % 60),
    "%-M": (0, lambda d: d.seconds // 60 % 60),
    "%S": (2, lambda d: d.seconds % 60),
    "%-S": (0, lambda d: d.seconds % 60),
    "%B": ("month", lambda d: d.month),
    "%b": ("month_abbreviation", lambda d: d.month),
    "%A": ("weekday", lambda d: _kernel.weekday(d.numbers)),
    "%a": ("weekday_abbreviation", lambda d: _kernel.weekday(d.numbers)),
}
"""Each directive: the width of its number (0: not padded, -2: space-padded) or the names it
writes, and the number it writes (an index into those names)."""

_TIME_DIRECTIVES: Final = frozenset({"%H", "%-H", "%M", "%-M", "%S", "%-S"})
_NAME_TABLES: Final = {
    "month": (MONTH_NAMES, 1),
    "month_abbreviation": (MONTH_ABBREVIATIONS, 1),
    "weekday": (WEEKDAY_NAMES, 0),
    "weekday_abbreviation": (WEEKDAY_ABBREVIATIONS, 0),
}


def _directive(code: str, dates: _Dates, locale: Locale) -> npt.NDArray[np.object_]:
    if code == "%%":
        return np.array("%", dtype=object)
    found = _DIRECTIVES.get(code)
    if found is None:
        known = " ".join(_DIRECTIVES)
        msg = f"unknown format directive {code!r}; use {known} or %%"
        raise ParseError(msg)
    kind, number = found
    if isinstance(kind, str):
        names, first = _NAME_TABLES[kind]
        return _names(names[locale], first=first)[number(dates)]
    return _NUMBER_TEXT[locale, kind][number(dates)]
