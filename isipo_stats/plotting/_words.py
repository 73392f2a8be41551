"""The words of a chart in English or Persian, Persian text shaping, and the Persian font.

Matplotlib draws text left to right, one code point after another: Persian needs its letters
joined (``arabic_reshaper`` picks each letter's contextual form) and each line put in visual
order (``python-bidi``, the Unicode bidirectional algorithm). Both come with the ``plot``
extra; a font with the glyphs is looked up among the installed ones (:data:`PERSIAN_FONTS`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final, Literal

from isipo_stats.errors import MissingDependencyError

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
_PERSIAN_DIGITS: Final = str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫")

WORDS: Final[dict[str, dict[str, str]]] = {
    "title": {"en": "{metric}, {region}: year to date, by Jalali year",
              "fa": "{metric}، {region}: از ابتدای هر سال شمسی"},
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
    "no_figures": {"en": "no figures", "fa": "بدون آمار"},
    "target_label": {"en": "target {value}", "fa": "هدف {value}"},
    "source": {"en": "Source: {sources}.", "fa": "منبع: {sources}."},
    "aside": {"en": "Not drawn ({why}): {ids}.", "fa": "رسم نشده ({why}): {ids}."},
    "off_scale": {"en": "{value} (off scale)", "fa": "{value} (خارج از مقیاس)"},
}  # fmt: skip
"""Every word of a chart, by key and locale."""

_UNITS: Final[dict[str, tuple[str, str]]] = {
    "units": ("units", "واحد"), "jobs": ("jobs", "شغل"), "projects": ("projects", "طرح"),
    "parks": ("parks", "شهرک"), "persons": ("persons", "نفر"), "rial": ("rials", "ریال"),
    "toman": ("tomans", "تومان"), "usd": ("US dollars", "دلار آمریکا"),
    "percent": ("%", "درصد"),
}  # fmt: skip
_MONEY: Final = ("rial", "toman", "usd")
_SCALES: Final[tuple[tuple[float, str, str], ...]] = (
    (1e12, "trillion", "هزار میلیارد"),
    (1e9, "billion", "میلیارد"),
    (1e6, "million", "میلیون"),
    (1e3, "thousand", "هزار"),
)


def word(key: str, locale: ChartLocale, **fields: str) -> str:
    """The chart's text for ``key`` in ``locale`` (not yet shaped), fields filled in."""
    return WORDS[key][locale].format(**fields)


def scaled_unit(unit: str, top: float, locale: ChartLocale) -> tuple[float, str]:
    """Return the divisor and the label of the axis unit: ``(1e12, "trillion rials")``.

    Money and counts of a million or more are scaled to thousand, million, billion or
    trillion, whichever leaves the largest value at 1 or more; smaller counts are not.
    """
    names = _UNITS.get(unit, (unit, unit))
    name = names[0] if locale == "en" else names[1]
    floor = 1e3 if unit in _MONEY else 1e6
    for factor, english, persian in _SCALES:
        if factor >= floor and top >= factor:
            scale = english if locale == "en" else persian
            return factor, f"{scale} {name}"
    return 1.0, name


def metric_label(metric: str, locale: ChartLocale) -> str:  # noqa: ARG001 (same label)
    """A label made from the metric's name: ``revived_units`` -> ``Revived units``."""
    return metric.replace("_", " ").strip().capitalize()


def number(value: float, locale: ChartLocale, decimals: int = 0) -> str:
    """``value`` with thousands separators (Persian digits and separators for "fa")."""
    text = f"{value:,.{decimals}f}"
    return text.translate(_PERSIAN_DIGITS) if locale == "fa" else text


def digits(text: str, locale: ChartLocale) -> str:
    """Latin digits written as Persian ones for "fa" (other characters kept)."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if locale == "fa" else text


def shape(text: str, locale: ChartLocale) -> str:
    """Text as matplotlib must draw it: for "fa", letters joined and each line in visual order.

    Raises
    ------
    MissingDependencyError
        ``arabic-reshaper`` or ``python-bidi`` is not installed.
    """
    if locale != "fa":
        return text
    reshape, display = _shapers()
    return "\n".join(display(reshape(line)) for line in text.split("\n"))


@cache
def _shapers() -> tuple[object, object]:
    try:
        from arabic_reshaper import reshape  # noqa: PLC0415 (optional dependency)
        from bidi.algorithm import get_display  # noqa: PLC0415
    except ImportError as err:
        msg = (
            "Persian charts need arabic-reshaper and python-bidi: "
            "pip install 'isipo-stats[plot]'"
        )
        raise MissingDependencyError(msg) from err
    return reshape, get_display


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
    sample = shape(_SAMPLE, "fa")
    return all(face.get_char_index(ord(c)) != 0 for c in sample if not c.isspace())
