"""The words of a chart in English or Persian, Persian text shaping, and the Persian font.

Before version 3.11, matplotlib drew text left to right, one code point after another:
Persian needs its letters joined (``arabic_reshaper`` picks each letter's contextual form)
and each line put in visual order (``python-bidi``, the Unicode bidirectional algorithm).
Both come with the ``plot`` extra and are used with such a matplotlib; matplotlib 3.11 and
later shape text themselves (libraqm), and are given the text as it is. A font with the
glyphs is looked up among the installed ones (:data:`PERSIAN_FONTS`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from isipo_stats.errors import MissingDependencyError
from isipo_stats.formatting import format_amounts
from isipo_stats.metrics import unit_kind, unit_label

ChartLocale = Literal["en", "fa"]

PERSIAN_FONTS: Final[tuple[str, ...]] = (
    "Vazirmatn",
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Noto Kufi Arabic",
)
"""Font families tried, in order, for Persian charts (the first installed one is used)."""

_FONT_FILES: Final[dict[str, str]] = {
    "Vazirmatn": "Vazirmatn",
    "Noto Naskh Arabic": "NotoNaskhArabic",
    "Noto Sans Arabic": "NotoSansArabic",
    "Noto Kufi Arabic": "NotoKufiArabic",
}
_SAMPLE: Final = "پژوهش گچ کی ۰۱۲۳۴۵۶۷۸۹٬٫"

WORDS: Final[dict[str, dict[str, str]]] = {
    "title": {"en": "{metric}, {region}: year to date, by Jalali year",
              "fa": "{metric}، {region}: از ابتدای هر سال شمسی"},
    "title_levels": {"en": "{metric}, {region}: levels as reported, by Jalali year",
                     "fa": "{metric}، {region}: سطح‌های گزارش‌شده در هر سال شمسی"},
    "ylabel_levels": {"en": "{unit}", "fa": "{unit}"},
    "nothing": {"en": "No figure of this metric falls in a single Jalali year: see below.",
                "fa": "هیچ رقمی از این شاخص در یک سال شمسی نمی‌گنجد: پایین را ببینید."},
    "ylabel": {"en": "{unit}, cumulative since Nowruz",
               "fa": "{unit}، تجمعی از ابتدای سال"},
    "exact": {"en": "reported", "fa": "گزارش‌شده"},
    "lower": {"en": "reported as at least (over)", "fa": "گزارش‌شده: بیش از"},
    "upper": {"en": "reported as at most (up to)", "fa": "گزارش‌شده: تا"},
    "approx": {"en": "reported approximately (about)", "fa": "گزارش‌شده: حدود"},
    "range": {"en": "reported as a range (midpoint)", "fa": "گزارش‌شده: بازه (میانه)"},
    "undated": {"en": "as-of date unknown: the window it must fall in",
                "fa": "تاریخ نامعلوم: بازه‌ی ممکن"},
    "flow": {"en": "reported for part of the year (its span)",
             "fa": "گزارش‌شده برای بخشی از سال"},
    "target": {"en": "target (at the end of its span)", "fa": "هدف (در پایان دوره‌اش)"},
    "excluded": {"en": "excluded by a check (the finding named)",
                 "fa": "کنار گذاشته با بررسی (نام یافته)"},
    "pinned": {"en": "path between two reported figures", "fa": "مسیر میان دو رقم گزارش‌شده"},
    "interpolated": {"en": "path interpolated from zero at Nowruz",
                     "fa": "مسیر درون‌یابی‌شده از صفر در نوروز"},
    "band": {"en": "range consistent with every figure", "fa": "بازه‌ی سازگار با همه‌ی ارقام"},
    "lower_limit": {"en": "lower limit (no upper limit)", "fa": "حد پایین (بی‌حد بالا)"},
    "at_least": {"en": "at least {value}", "fa": "دست‌کم {value}"},
    "no_figures": {"en": "no figures", "fa": "بدون آمار"},
    "target_label": {"en": "target {value}", "fa": "هدف {value}"},
    "target_part": {"en": "target {value}\nfirst {months} months",
                    "fa": "هدف {value}\n{months} ماه نخست"},
    "source": {"en": "Source: {sources}.", "fa": "منبع: {sources}"},
    "aside": {"en": "Not drawn (no Jalali year, or several): {ids}.",
              "fa": "رسم نشده (بی‌سال یا چندساله): {ids}"},
    "off_scale": {"en": "{value} (off scale)", "fa": "{value} (خارج از مقیاس)"},
    "parts_sum": {"en": "its {count} parts on the chart sum to {value}",
                  "fa": "مجموع {count} جزء آن در نمودار: {value}"},
}  # fmt: skip
"""Every word of a chart, by key and locale."""

_REGIONS: Final[dict[str, str]] = {"Iran": "ایران"}
_KINDS: Final[dict[str, str]] = {
    "cumulative": "تجمعی", "period": "دوره", "level": "سطح", "target": "هدف",
}  # fmt: skip
_SCALES: Final[tuple[tuple[float, str, str], ...]] = (
    (1e12, "trillion", "هزار میلیارد"),
    (1e9, "billion", "میلیارد"),
    (1e6, "million", "میلیون"),
    (1e3, "thousand", "هزار"),
)


def word(key: str, locale: ChartLocale, **fields: str) -> str:
    """Return the chart's text for ``key`` in ``locale`` (not yet shaped), fields filled in."""
    return WORDS[key][locale].format(**fields)


def scaled_unit(unit: str, top: float, locale: ChartLocale) -> tuple[float, str]:
    """Return the divisor and the label of the axis unit: ``(1e12, "trillion rials")``.

    Money, and counts of a million or more, are scaled to thousand, million, billion or
    trillion (whichever leaves the top of the axis at 1 or more); smaller counts are not.
    The unit's name comes from :func:`isipo_stats.metrics.unit_label`.

    Examples
    --------
    >>> scaled_unit("rial", 1.7e14, "en")
    (1000000000000.0, 'trillion rials')
    >>> scaled_unit("usd", 3.9e9, "en"), scaled_unit("units", 2300.0, "en")
    ((1000000000.0, 'billion US dollars'), (1.0, 'units'))
    >>> scaled_unit("rial", 1.7e14, "fa")
    (1000000000000.0, 'هزار میلیارد ریال')
    """
    name = unit_label(unit, locale)
    floor = 1e3 if unit_kind(unit) == "money" else 1e6
    for factor, english, persian in _SCALES:
        if factor >= floor and top >= factor:
            return factor, f"{english if locale == 'en' else persian} {name}"
    return 1.0, name


def numbers(
    values: npt.ArrayLike,
    locale: ChartLocale,
    qualifiers: object = None,
    lows: object = None,
    highs: object = None,
) -> list[str]:
    """Numbers written as :func:`isipo_stats.formatting.format_amounts` writes them (no unit)."""
    return format_amounts(np.asarray(values, dtype=np.float64), qualifiers=qualifiers,
                          lows=lows, highs=highs, locale=locale).tolist()  # fmt: skip


def region_name(region: str, locale: ChartLocale) -> str:
    """Return the region's name in ``locale`` (as given when no Persian name is known)."""
    return _REGIONS.get(region, region) if locale == "fa" else region


def kind_name(kind: str, locale: ChartLocale) -> str:
    """Return a figure kind (``period``, ``level``, ...) in ``locale``."""
    return _KINDS.get(kind, kind) if locale == "fa" else kind


def digits(text: str, locale: ChartLocale) -> str:
    """Latin digits written as Persian ones for "fa" (other characters kept)."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if locale == "fa" else text


def shape(text: str, locale: ChartLocale) -> str:
    """Text as matplotlib must be given it to draw it right.

    Matplotlib 3.11 and later lay text out themselves (letters joined, right-to-left runs
    ordered): the text is left as it is. Older versions draw code points one after another,
    left to right: for "fa", each line's letters are joined (``arabic_reshaper``) and put
    in visual order (``python-bidi``).

    Raises
    ------
    MissingDependencyError
        Shaping is needed and ``arabic-reshaper`` or ``python-bidi`` is not installed.
    """
    if locale != "fa" or matplotlib_shapes():
        return text
    return _reshaped(text)


def _reshaped(text: str) -> str:
    """Each line's letters joined and put in visual order (arabic-reshaper, python-bidi)."""
    reshape, display = _shapers()
    return "\n".join(display(reshape(line)) for line in text.split("\n"))


@cache
def matplotlib_shapes() -> bool:
    """Whether the installed matplotlib joins letters and orders right-to-left text itself.

    Matplotlib 3.11 lays out text with libraqm (HarfBuzz shaping, FriBiDi ordering) in
    every backend.
    """
    import matplotlib  # noqa: PLC0415 (optional dependency)

    version = tuple(int(part) for part in matplotlib.__version__.split(".")[:2])
    return version >= (3, 11)


@cache
def _shapers() -> tuple[Callable[[str], str], Callable[[str], str]]:
    try:  # neither ships type information
        reshaper = importlib.import_module("arabic_reshaper")
        bidi = importlib.import_module("bidi.algorithm")
    except ImportError as err:
        msg = "Persian charts need arabic-reshaper and python-bidi: pip install 'isipo-stats[plot]'"
        raise MissingDependencyError(msg) from err
    return reshaper.reshape, bidi.get_display


def installed_fonts() -> dict[str, str]:
    """Installed font families matplotlib can use, with a file of each (name -> path).

    Reads matplotlib's font list, and the system's font files named after a
    :data:`PERSIAN_FONTS` family that the list (a cache) does not know yet.
    """
    from matplotlib import font_manager  # noqa: PLC0415 (optional dependency)

    known = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    wanted = {stem: name for name, stem in _FONT_FILES.items() if name not in known}
    if wanted:
        for path in font_manager.findSystemFonts():
            stem = Path(path).stem.split("-")[0]
            if stem in wanted and "Regular" in Path(path).stem:
                font_manager.fontManager.addfont(path)
                known.setdefault(wanted[stem], path)
    return known


def persian_font(font: str | None = None) -> str:
    """Return the family of an installed font with Persian glyphs (``font`` if given).

    Raises
    ------
    MissingDependencyError
        No family of :data:`PERSIAN_FONTS` is installed (or ``font`` is not installed, or
        lacks Persian letters or digits).
    """
    installed = installed_fonts()
    tried = (font,) if font is not None else PERSIAN_FONTS
    for family in tried:
        path = installed.get(family)
        if path is not None and _has_glyphs(path):
            return family
    looked = ", ".join(tried)
    msg = (
        f"Persian charts need a font with Persian glyphs; none installed of: {looked} "
        "(Debian/Ubuntu: apt-get install fonts-noto-core; or install Vazirmatn; "
        "or name an installed one with font=...)"
    )
    raise MissingDependencyError(msg)


def _has_glyphs(path: str) -> bool:
    from matplotlib.ft2font import FT2Font  # noqa: PLC0415 (optional dependency)

    face = FT2Font(path)
    sample = _SAMPLE + ("" if matplotlib_shapes() else _reshaped(_SAMPLE))
    return all(face.get_char_index(ord(c)) != 0 for c in sample if not c.isspace())
