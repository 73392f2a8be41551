"""The report as one self-contained HTML page, and HTML views for notebooks.

:func:`report_page` writes everything on one page that needs no network: the CSS is inline
and every chart is a PNG inside the page (a ``data:`` URI). The page has, in order: a short
note on how to read it, the summary (:func:`isipo_stats.summary.summary_text`), the
findings grouped by severity with the figures they name (stated phrase and source), one
chart per metric (:func:`isipo_stats.plotting.plot_metric`; left out with a note when
matplotlib is not installed), and the figure table with sources and stated phrases.

Notebooks: :class:`isipo_stats.Reconciled` shows itself with :func:`reconciled_html`; a
findings table is a plain DataFrame (the :func:`isipo_stats.check` table), so it is shown
with ``IPython.display.HTML(findings_html(flags))`` (a DataFrame cannot carry its own
``_repr_html_`` without subclassing it, which pandas advises against).

Every piece of text from the data is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Final

import pandas as pd

from isipo_stats.errors import IsipoError
from isipo_stats.formatting import format_amounts, plural
from isipo_stats.metrics import metric_label
from isipo_stats.reconciliation import Reconciled, reconcile
from isipo_stats.summary import left_out_note, reading_order, summary, summary_text

__all__ = ["findings_html", "reconciled_html", "report_page", "write_report"]

_SEVERITIES: Final = (
    ("error", "Errors", "figures that cannot all be true; the one at fault is left out"),
    ("warning", "Warnings", "figures that look wrong but are kept"),
    ("info", "Information", "how figures relate: targets met or missed, rates, dates narrowed"),
)

_HEADINGS: Final = {
    "latest": "latest figure",
    "when": "as of",
    "pinned": "figures used, months interpolated",
    "findings": "findings (E/W/I)",
}
_DATES: Final = r"(\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?)"
"""A date or a span of dates, kept on one line in any cell (browsers break at hyphens)."""
_NOTE: Final = r"(\([^()<]{1,20}\))$"
"""A short note closing a cell ("(100 % of year)" in the "as of" column), kept whole."""
_AMOUNT_NOTE: Final = r" (\([^()<]+\))$"
"""The note closing a number cell ("about 29.47 trillion rials (sum of 3 parts)"): written
on a line of its own, so that the column (whose amounts do not wrap) stays narrow."""
_ONE_LINE: Final = r'<span class="unbroken">\1</span>'
_NUMERIC: Final = ("latest figure", "full year", "target", "attained", "change", "jobs/unit")

_CSS: Final = """
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 1.5em auto;
       max-width: 90em; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em;
     border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f4f7; } td.num { text-align: right; white-space: nowrap; }
td.keep { white-space: nowrap; }
tr:nth-child(even) td { background: #fafafa; }
.note { background: #f6f8fb; border-left: 4px solid #1f5f8b; padding: 0.5em 1em; }
.error { color: #a61b1b; } .warning { color: #8a5a00; } .info { color: #1f5f8b; }
figure { margin: 1em 0 2em; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.85em; color: #555; } .unbroken { white-space: nowrap; }
"""

_HOW_TO_READ: Final = """
<div class="note"><p><b>How to read this.</b> Each row of the summary is one series (a metric
in one unit and region) in one Jalali (Iranian) year, which runs from Nowruz (about 21
March) to the next. The <i>latest figure</i> is the most recent year-to-date figure (counted
from the start of the Jalali year); <i>as of</i> gives its date, Jalali = Gregorian, and the
share of the year elapsed by then. Where a report gave no day, its publication window is
shown; a Gregorian span (2019-08-01..2019-08-31) marks a figure for that span only, not
from the start of the year. <i>Attained</i> is the full year, or else the latest figure,
over the year's target. The next column says how many of the series' figures the
reconciled path uses and in how many months it is interpolated (estimated between
figures, not reported). Findings count errors (E), warnings (W) and information (I)
naming the series. Amounts are written as the reports state them: "over" is a lower
bound, "about" an approximate figure; "-" means no figure. Where a check left out a total
and the report gave its parts, the parts stand for it: "(sum of 3 parts)" marks their sum,
which counts only the parts the report names (the total left out is in the findings).</p>
<p>In the charts the solid line is the reconciled year-to-date path (it restarts at each
Nowruz), the shaded band the range the figures allow, and the markers the reported figures.
</p></div>
"""


def _e(value: object) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


def _escaped(column: pd.Series) -> pd.Series:
    """Escape a column of text for HTML, as :func:`html.escape` does, for all cells at once."""
    text = column.astype("string").fillna("").astype(object).astype(str)
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                      ("'", "&#x27;")):  # fmt: skip
        text = text.str.replace(raw, safe, regex=False)
    return text


def _table(
    frame: pd.DataFrame,
    numeric: tuple[str, ...] = (),
    keep: tuple[str, ...] = (),
    noted: tuple[str, ...] = (),
) -> str:
    """Write an HTML table of text cells (every cell escaped); ``keep`` cells do not wrap.

    Dates never break; a ``numeric`` cell's closing note goes to a line of its own, and a
    ``noted`` cell's short closing note stays whole.
    """
    head = "".join(f"<th>{_e(column)}</th>" for column in frame.columns)
    rows = pd.Series("<tr>", index=frame.index, dtype=object)
    for name in frame.columns:  # a loop over the few columns, each done for all rows
        style = ' class="num"' if name in numeric else ' class="keep"' if name in keep else ""
        cells = _escaped(frame[name]).str.replace(_DATES, _ONE_LINE, regex=True)
        if name in numeric:
            cells = cells.str.replace(_AMOUNT_NOTE, r"<br>\1", regex=True)
        if name in noted:
            cells = cells.str.replace(_NOTE, _ONE_LINE, regex=True)
        rows = rows + f"<td{style}>" + cells + "</td>"
    body = "".join((rows + "</tr>").tolist())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _named(flags: pd.DataFrame, figures: pd.DataFrame | None) -> pd.Series:
    """List the figures each finding names: ``id: stated phrase (source)``."""
    if figures is None or "stated" not in figures:
        return flags["figure_ids"].astype(str)
    ids = flags["figure_ids"].astype(str).str.split(", ").explode().astype(object)
    known = figures.drop_duplicates("id").set_index("id")
    stated = ids.map(known["stated"]).fillna("").astype(str).astype(object)
    source = ids.map(known["source"].astype(str).str.replace(r"^seed \d+; ", "", regex=True))
    # object text throughout: pandas 3.0 cannot add its str dtype to object text
    source = source.fillna("?").astype(str).astype(object)
    text = ids + ": " + stated + " (" + source + ")"
    return text.groupby(level=0).agg("; ".join)


def _labels(metrics: pd.Series) -> dict[str, str]:
    return {str(m): metric_label(str(m)) for m in metrics.unique()}


def findings_html(flags: pd.DataFrame, figures: pd.DataFrame | None = None) -> str:
    """Write a findings table (:func:`isipo_stats.check`) as HTML, grouped by severity.

    With ``figures`` (the figure table) each finding lists the figures it names with their
    stated phrase and source.

    Examples
    --------
    >>> flags = pd.DataFrame({"check": ["date_label_mismatch"], "severity": ["warning"],
    ...                       "metric": ["revived_units"], "jyear": [1398],
    ...                       "figure_ids": ["s002-03"], "message": ["a <day> late"]})
    >>> print(findings_html(flags).splitlines()[0])
    <h3 class="warning">Warnings (1): figures that look wrong but are kept</h3>
    >>> "a &lt;day&gt; late" in findings_html(flags)
    True
    """
    parts = []
    named = _named(flags, figures)
    for severity, title, meaning in _SEVERITIES:
        chosen = flags[flags["severity"] == severity]
        if chosen.empty:
            continue
        shown = pd.DataFrame(
            {
                "check": chosen["check"],
                "series": chosen["metric"].map(lambda m: metric_label(str(m)))  # few metrics
                + " "
                + chosen["jyear"].astype("string").fillna(""),
                "finding": chosen["message"],
                "figures named": named.reindex(chosen.index).fillna(""),
            }
        )
        parts.append(f'<h3 class="{severity}">{_e(title)} ({len(chosen)}): {_e(meaning)}</h3>')
        parts.append(_table(shown))
    if not parts:
        return "<p>No findings: the figures agree with each other.</p>"
    return "\n".join(parts)


def reconciled_html(result: Reconciled) -> str:
    """Show a :class:`isipo_stats.Reconciled` in a notebook: its series and its findings."""
    counts = result.flags["severity"].value_counts()
    line = ", ".join(
        plural(int(counts.get(s, 0)), s, "info" if s == "info" else None) for s, _, _ in _SEVERITIES
    )
    groups = result.groups[["metric", "unit", "jyear", "figures", "used", "status"]].copy()
    groups.insert(1, "label", groups["metric"].map(_labels(groups["metric"])))
    return (
        f"<div><p><b>Reconciled</b>: {_e(plural(len(result.groups), 'series', 'series'))}, "
        f"{_e(plural(len(result.figures), 'figure'))}; findings: {_e(line)}</p>"
        + _table(groups, ("figures", "used"))
        + findings_html(result.flags)
        + "</div>"
    )


def _figure_rows(figures: pd.DataFrame, result: Reconciled) -> pd.DataFrame:
    status = result.figures.set_index("id")
    ids = figures["id"]
    span = (
        figures["start"].dt.strftime("%Y-%m-%d").fillna("?")
        + ".."
        + figures["end"].dt.strftime("%Y-%m-%d").fillna("?")
    )
    return pd.DataFrame(
        {
            "id": ids,
            "metric": figures["metric"].map(
                {m: metric_label(m) for m in figures["metric"].unique()}
            ),
            "kind": figures["kind"],
            "year": figures["jyear"].astype("string").fillna("-"),
            "span (Gregorian)": span.where(span != "?..?", "-"),
            "stated": figures["stated"].fillna("") if "stated" in figures else "",
            "read as": format_amounts(
                figures["value"],
                figures["unit"],
                qualifiers=figures["qualifier"],
                lows=figures["low"],
                highs=figures["high"],
            ).to_numpy(),
            "source": figures["source"].fillna("") if "source" in figures else "",
            "use in the paths": ids.map(status["status"]).fillna("")
            + ids.map(status["reason"]).fillna("").map(lambda r: f": {r}" if r else ""),
        }
    )


def _charts(figures: pd.DataFrame, result: Reconciled, table: pd.DataFrame) -> str:
    """Draw one PNG chart, inline, per metric with a year-to-date figure (in reading order).

    A metric with only flows within a year or levels has no year-to-date path to draw; it
    is named in one line instead of a chart of an empty band.
    """
    try:
        import matplotlib as mpl  # noqa: PLC0415 (optional dependency)
    except ImportError:
        return "<p>No charts: matplotlib is not installed (pip install 'isipo-stats[plot]').</p>"
    mpl.use("Agg", force=False)
    import matplotlib.pyplot as plt  # noqa: PLC0415

    from isipo_stats.plotting import plot_metric  # noqa: PLC0415 (needs matplotlib)

    charted = table.loc[table["year_to_date"], "metric"].unique()
    others = [metric_label(str(m)) for m in table["metric"].unique() if m not in charted]
    out = [] if not others else [
        f"<p>No chart (no year-to-date figure, only flows within a year or levels): "
        f"{_e(', '.join(others))}.</p>"
    ]  # fmt: skip
    for metric in charted:  # one chart per metric: a short loop
        try:
            chart = plot_metric(figures, str(metric), reconciled=result)
        except IsipoError as err:
            out.append(f"<p>{_e(metric_label(str(metric)))}: no chart ({_e(err)})</p>")
            continue
        buffer = io.BytesIO()
        chart.savefig(buffer, format="png", dpi=72, bbox_inches="tight")
        plt.close(chart)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        label = metric_label(str(metric))
        out.append(
            f'<figure><img alt="{_e(label)}: chart" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(label)}: reconciled year-to-date paths and the reported "
            "figures.</figcaption></figure>"
        )
    return "\n".join(out)


def report_page(
    figures: pd.DataFrame,
    *,
    reconciled: Reconciled | None = None,
    source: str = "the bundled ISIPO reports",
    charts: bool = True,
) -> str:
    """Return the report as one self-contained HTML page (no network needed to view it).

    Parameters
    ----------
    figures : pandas.DataFrame
        A validated figure table.
    reconciled : Reconciled, optional
        :func:`isipo_stats.reconcile` of ``figures`` (computed when not given).
    source : str
        Where the figures came from, for the page's heading.
    charts : bool
        Draw one chart per metric (needs matplotlib).
    """
    result = reconcile(figures) if reconciled is None else reconciled
    table = reading_order(summary(figures, reconciled=result))
    text = summary_text(table)
    text["year"] = table["year"].to_numpy()  # with its Gregorian years: "1399 (2020/21)"
    empty = [column for column in text.columns if (text[column] == "-").all()]
    text = text.drop(columns=empty).rename(columns=_HEADINGS)
    left_out = f"<p>{_e(left_out_note(empty))}</p>" if empty else ""
    dated = figures["jyear"].notna().sum()
    meta = (
        f"{plural(len(figures), 'figure')} from {source} ({plural(int(dated), 'figure')} "
        f"with a Jalali year); {plural(len(table), 'series-year', 'series-years')}."
    )
    body = [
        f"<h1>ISIPO figures: summary, findings, charts</h1><p class='meta'>{_e(meta)}</p>",
        _HOW_TO_READ,
        "<h2>Summary</h2>",
        _table(text, _NUMERIC, ("year", "figures used, months interpolated"), (_HEADINGS["when"],)),
        left_out,
        "<h2>Findings</h2>",
        findings_html(result.flags, figures),
        "<h2>Charts</h2>",
        _charts(figures, result, table) if charts else "<p>Charts were not asked for.</p>",
        "<h2>Figures</h2><p>Every figure as stated, how it was read, and its use.</p>",
        _table(_figure_rows(figures, result), ("read as",)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>ISIPO figures report</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_report(path: str | Path, figures: pd.DataFrame, **options: object) -> Path:
    """Write :func:`report_page` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(report_page(figures, **options), encoding="utf-8")  # type: ignore[arg-type]
    return target
