"""Persian charts: labels in Persian, shaped for matplotlib, in a font with Persian glyphs."""

from __future__ import annotations

import sys

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes

import isipo_stats as ist
from isipo_stats.errors import MissingDependencyError
from isipo_stats.plotting import PERSIAN_FONTS, _words, persian_font, plot_metric
from tests.plotting_helpers import close, texts

TITLE = "واحدهای احیاشده، ایران: از ابتدای هر سال شمسی"
NO_FONT = (
    "Persian charts need a font with Persian glyphs; none installed of: Vazirmatn, "
    "Noto Naskh Arabic, Noto Sans Arabic, Noto Kufi Arabic (Debian/Ubuntu: apt-get install "
    "fonts-noto-core; or install Vazirmatn; or name an installed one with font=...)"
)


def _font_or_skip() -> str:
    try:
        return persian_font()
    except MissingDependencyError:
        pytest.skip("no Persian font installed (Debian: apt-get install fonts-noto-core)")


def _chart(metric: str = "revived_units", **options: object) -> Axes:
    _font_or_skip()
    figure = plot_metric(ist.load_isipo_reports(), metric, locale="fa", **options)  # type: ignore[arg-type]
    return figure.axes[0]


def test_persian_labels_as_text_on_a_matplotlib_that_shapes_text() -> None:
    if not _words.matplotlib_shapes():
        pytest.skip("this matplotlib does not lay out right-to-left text itself")
    ax = _chart()
    assert ax.get_title(loc="right") == TITLE
    assert ax.get_ylabel() == "واحد، تجمعی از ابتدای سال"
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "فروردین\n۲۰۱۹-۰۳-۲۱" in ticks
    assert "مهر\n۲۰۲۰-۰۹-۲۲" in ticks
    assert "۱۳۹۹ (۲۰۲۰/۲۱)" in texts(ax, "year label")
    assert texts(ax, "no figures") == ["۱۴۰۱–۱۴۰۲\nبدون آمار"]
    assert "هدف ۲٬۰۰۰" in texts(ax)
    assert [t.get_text() for t in ax.get_yticklabels()][:3] == ["۰", "۵۰۰", "۱٬۰۰۰"]
    close(ax)


def test_persian_labels_reshaped_and_reordered_for_an_older_matplotlib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an older matplotlib draws code points left to right: joined forms in visual order
    reshaper = pytest.importorskip("arabic_reshaper")
    bidi = pytest.importorskip("bidi.algorithm")
    monkeypatch.setattr(_words, "matplotlib_shapes", lambda: False)
    ax = _chart()
    assert ax.get_title(loc="right") == bidi.get_display(reshaper.reshape(TITLE))
    # the first letter of «واحدهای» (و, isolated form U+FEED) is now the title's last character
    assert ax.get_title(loc="right")[-1] == "\ufeed"
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    farvardin = bidi.get_display(reshaper.reshape("فروردین"))
    assert f"{farvardin}\n۲۰۱۹-۰۳-۲۱" in ticks
    close(ax)


def test_persian_chart_uses_a_font_with_persian_glyphs() -> None:
    font = _font_or_skip()
    assert font in PERSIAN_FONTS
    ax = _chart()
    assert ax.title.get_fontfamily()[0] == font
    assert ax.yaxis.label.get_fontfamily()[0] == font
    assert ax.get_xticklabels()[0].get_fontfamily()[0] == font
    close(ax)


def test_money_in_persian_scale_words() -> None:
    ax = _chart("investment", unit="rial")
    if _words.matplotlib_shapes():
        assert ax.get_ylabel() == "هزار میلیارد ریال، تجمعی از ابتدای سال"
    close(ax)


def test_no_persian_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_words, "installed_fonts", dict)
    with pytest.raises(MissingDependencyError) as info:
        plot_metric(ist.load_isipo_reports(), "revived_units", locale="fa")
    assert str(info.value) == NO_FONT
    assert isinstance(info.value, ImportError)
    # English charts need no Persian font
    plt.close(plot_metric(ist.load_isipo_reports(), "revived_units"))


def test_a_font_without_persian_letters_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib as mpl

    latin_only = mpl.get_data_path() + "/fonts/ttf/cmr10.ttf"  # Computer Modern: no Persian
    monkeypatch.setattr(_words, "installed_fonts", lambda: {"cmr10": latin_only})
    with pytest.raises(MissingDependencyError, match=r"none installed of: cmr10 \("):
        persian_font("cmr10")


def test_missing_shaping_libraries_are_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_words, "matplotlib_shapes", lambda: False)
    monkeypatch.setitem(sys.modules, "arabic_reshaper", None)
    _words._shapers.cache_clear()
    try:
        with pytest.raises(MissingDependencyError) as info:
            _words.shape("سلام", "fa")
    finally:
        _words._shapers.cache_clear()
    assert str(info.value) == (
        "Persian charts need arabic-reshaper and python-bidi: pip install 'isipo-stats[plot]'"
    )
    assert _words.shape("hello", "en") == "hello"
