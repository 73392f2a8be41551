"""The HTML page and the notebook views: sections, escaping, nothing fetched."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from isipo_stats import check, figures_from_records, load_isipo_reports, reconcile
from isipo_stats.report_html import findings_html, reconciled_html, report_page, write_report


@pytest.fixture(scope="module")
def page() -> str:
    return report_page(load_isipo_reports(), charts=False)


def test_sections_in_order(page: str) -> None:
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == ["Summary", "Findings", "Charts", "Figures"]
    assert page.index("How to read this") < page.index("<h2>Summary</h2>")


def test_summary_rows_and_reading_order(page: str) -> None:
    summary = page[page.index("<h2>Summary</h2>") : page.index("<h2>Findings</h2>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"keep\">(.*?)</td>", summary)
    assert len(rows) == 26
    # revived units (16 figures) first, then investment (10)
    assert rows[:5] == [
        ("Revived units", "1397 (2018/19)"), ("Revived units", "1398 (2019/20)"),
        ("Revived units", "1399 (2020/21)"), ("Revived units", "1400 (2021/22)"),
        ("Revived units", "1403 (2024/25)"),
    ]  # fmt: skip
    assert rows[5][0] == "Investment"
    assert (
        "Not shown, as no series has one: change (the change on the previous year over "
        "the same span)." in summary
    )
    assert '<span class="unbroken">2019-03-20</span>' in summary  # a date does not break
    assert '<span class="unbroken">(100 % of year)</span>' in summary
    # the amount stays whole, its note goes to a line of its own
    assert '<td class="num">about 29.47 trillion rials<br>(sum of 3 parts)</td>' in summary


def test_findings_grouped_with_the_figures_they_name(page: str) -> None:
    findings = page[page.index("<h2>Findings</h2>") : page.index("<h2>Charts</h2>")]
    assert re.findall(r'<h3 class="(\w+)">(\w+) \((\d+)\)', findings) == [
        ("error", "Errors", "1"), ("warning", "Warnings", "4"), ("info", "Information", "16"),
    ]  # fmt: skip
    assert "s003-07: approximately 294.8 trillion rials (Industry Minister Abbas Ali-Abadi" in (
        findings
    )


def test_figures_table_has_every_figure_with_its_source(page: str) -> None:
    figures = page[page.index("<h2>Figures</h2>") :]
    assert figures.count("<tr><td>s0") == 53
    assert "<td>over $132.7 million</td>" not in figures  # the amount is a number cell
    assert '<td class="num">over $132.7 million</td>' in figures
    assert "flagged: components_mismatch" in figures


def test_text_is_escaped() -> None:
    table = figures_from_records([
        {"id": "<b>x</b>", "metric": "revived_units", "kind": "period", "jyear": 1400,
         "value": 5, "unit": "units", "source": "A & B <script>alert(1)</script>"},
    ])  # fmt: skip
    html = report_page(table, charts=False, source="<i>mine</i>")
    assert "<script>alert" not in html
    assert "A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "from &lt;i&gt;mine&lt;/i&gt;" in html


def test_no_network_and_charts_inline(tmp_path: pytest.TempPathFactory) -> None:
    path = write_report(tmp_path / "r.html", load_isipo_reports())  # type: ignore[operator]
    text = path.read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]*)"', text)
    assert sources
    assert all(s.startswith("data:image/png;base64,") for s in sources)
    assert "<style>" in text
    assert "<link" not in text


def test_no_findings() -> None:
    assert findings_html(check(load_isipo_reports()).iloc[0:0]) == (
        "<p>No findings: the figures agree with each other.</p>"
    )


def test_reconciled_shows_itself_in_notebooks() -> None:
    result = reconcile(load_isipo_reports())
    html = result._repr_html_()
    assert html == reconciled_html(result)
    assert html.startswith(
        "<div><p><b>Reconciled</b>: 26 series, 53 figures; findings: 1 error, 4 warnings, "
        "16 info</p>"
    )
    assert html.count("<tr><td>") == 26 + 21


def test_flags_from_check_render() -> None:
    flags = check(load_isipo_reports())
    html = findings_html(flags)
    assert isinstance(flags, pd.DataFrame)
    assert html.count("<tr><td>") == len(flags)
