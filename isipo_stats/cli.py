"""The ``isipo-stats`` command line.

Exit codes
----------
0
    Success (also when the reader of the output stops early, as ``| head`` does).
1
    ``check`` ran and found an error-severity finding.
2
    Bad input: a bad argument (an unknown ``--metric``, a chart path that cannot be
    written), an unreadable or invalid file, an invalid date. One line on stderr, given
    before any output.
3
    The output could not be written (a full disk, a closed terminal). One line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import pandas as pd

from isipo_stats import __version__
from isipo_stats._cli_extract import add_extract_command
from isipo_stats.calendar import SUPPORTED_YEARS, is_leap, to_gregorian, to_jalali
from isipo_stats.checks import check
from isipo_stats.errors import FigureValidationError, IsipoError, ParseError
from isipo_stats.figures import load_isipo_reports, read_figures
from isipo_stats.formatting import format_amount, format_amounts, plural
from isipo_stats.metrics import metric_label
from isipo_stats.reconciliation import Reconciled, reconcile
from isipo_stats.spans import year_span
from isipo_stats.summary import left_out_note, reading_order, summary, summary_text
from isipo_stats.text import JALALI_BELOW

__all__ = ["main"]

_ISO_DATE = re.compile(r"^\s*(\d{3,4})[-/](\d{1,2})[-/](\d{1,2})\s*$")
_LEVELS: Final = ("error", "warning", "info")
_EXIT_CODES: Final = """exit status:
  0  success
  1  check found an error-severity finding
  2  bad input: a bad argument, an unreadable or invalid file, an invalid date
     (one line on stderr, before any output)
  3  the output could not be written, e.g. a full disk (one line on stderr)"""


class UsageError(IsipoError, ValueError):
    """A command-line argument with a value that cannot be used (exit 2)."""


def _cmd_calendar(args: argparse.Namespace) -> int:
    span = year_span(args.year)
    record = {
        "year": args.year,
        "start": str(span.start.date()),
        "end": str(span.end.date()),
        "days": span.days,
        "leap": bool(is_leap(args.year)),
    }
    if args.json:
        print(json.dumps(record))
    else:
        kind = "leap year" if record["leap"] else "common year"
        print(
            f"Jalali year {args.year}: {record['start']} to {record['end']} "
            f"({record['days']} days, {kind})"
        )
    return 0


def _convert(text: str, to: str | None) -> str:
    match = _ISO_DATE.match(text)
    if match is None:
        msg = f"could not read {text!r} as a date (expected YYYY-MM-DD)"
        raise ParseError(msg)
    year, month, day = (int(part) for part in match.groups())
    direction = to or ("gregorian" if year < JALALI_BELOW else "jalali")
    if direction == "gregorian":
        return str(to_gregorian(year, month, day)[0].date())
    fields = to_jalali(f"{year:04d}-{month:02d}-{day:02d}").iloc[0]
    return f"{fields.year:04d}-{fields.month:02d}-{fields.day:02d}"


def _cmd_convert(args: argparse.Namespace) -> int:
    converted = []
    for position, text in enumerate(args.dates):  # every date is read before any is printed
        try:
            converted.append(_convert(text, args.to))
        except IsipoError as err:
            raise err.located(position=position) from None
    print("\n".join(converted))
    return 0


def _problem_lines(problems: list[tuple[object, str, str]]) -> str:
    """Join validation problems; one reason repeated over rows is said once, with its rows."""
    rows: dict[tuple[str, str], list[object]] = {}
    for row, column, why in problems:  # a loop over problems found, not over the table
        rows.setdefault((column, why), []).append(row)
    parts = []
    for (column, why), where in rows.items():
        named = [row for row in where if row is not None]
        shown = ", ".join(str(row) for row in named[:5])
        more = f" and {len(named) - 5} more" if len(named) > 5 else ""
        place = "" if not named else ("row " if len(named) == 1 else "rows ") + shown + more + ", "
        parts.append(f"{place}column {column!r}: {why}")
    return "; ".join(parts)


def _figures(path: str | None, sheet: str | None) -> pd.DataFrame:
    if path is None:
        return load_isipo_reports()
    try:
        return read_figures(path, sheet=sheet)
    except FigureValidationError as err:
        count = plural(len(err.problems), "problem")
        msg = f"{path}: {count} in the figure table: {_problem_lines(err.problems)}"
        raise ParseError(msg) from err


def _table(frame: pd.DataFrame, left: tuple[str, ...] = ()) -> str:
    """Write a table of text: the ``left`` columns aligned left, the others right."""
    columns = []
    for name in frame.columns:  # a loop over the few columns
        cells = pd.concat([pd.Series([str(name)]), frame[name].astype(str)], ignore_index=True)
        width = int(cells.str.len().max())
        columns.append(cells.str.ljust(width) if name in left else cells.str.rjust(width))
    lines = columns[0].str.cat(columns[1:], sep="  ")  # type: ignore[arg-type]
    return "\n".join(lines.str.rstrip())


def _print_flags(flags: pd.DataFrame, levels: tuple[str, ...] = _LEVELS) -> None:
    for level in levels:
        for _, row in flags[flags["severity"] == level].iterrows():
            print(f"[{level}] {row['check']}: {row['message']}")


def _severity_counts(flags: pd.DataFrame) -> str:
    counts = flags["severity"].value_counts()
    return ", ".join(
        plural(int(counts.get(level, 0)), level, "info" if level == "info" else None)
        for level in _LEVELS
    )


def _cmd_check(args: argparse.Namespace) -> int:
    flags = check(_figures(args.file, args.sheet))
    if args.format == "csv":
        print(flags.to_csv(index=False), end="")
    elif args.format == "json":
        print(flags.to_json(orient="records", indent=2))
    else:
        print(f"{plural(len(flags), 'finding')} ({_severity_counts(flags)})")
        _print_flags(flags)
    return 1 if (flags["severity"] == "error").any() else 0


# --- report -------------------------------------------------------------------------------


def _chart_target(text: str | None) -> Path | None:
    """Check the ``--plot`` path before any work: a file to write, or a folder to write in."""
    if text is None:
        return None
    from isipo_stats.plotting import check_chart_path  # noqa: PLC0415 (optional extra)

    path = Path(text)
    check_chart_path(path / "chart.png" if path.is_dir() else path)
    return path


def _page_target(text: str | None) -> Path | None:
    """Check the ``--html`` path before any work: an .html file in a folder that exists."""
    if text is None:
        return None
    path = Path(text)
    problem = None
    if path.is_dir():
        problem = "it is a folder (name the file, e.g. report.html)"
    elif path.suffix.lower() not in (".html", ".htm"):
        problem = "the name must end in .html"
    elif not path.parent.is_dir():
        problem = f"the folder {path.parent} does not exist"
    elif not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        problem = "no permission to write there"
    if problem is not None:
        msg = f"cannot write the report to {path}: {problem}"
        raise UsageError(msg)
    return path


def _chart_metric(args: argparse.Namespace, result: Reconciled) -> str:
    """Return the metric to chart: ``--metric`` (checked), else the best covered one."""
    if args.metric is not None:
        return str(args.metric)
    with_path = result.groups[~result.groups["status"].str.startswith("no ")]
    best = with_path.groupby("metric")["used"].sum().sort_values(kind="stable")
    if best.empty:
        msg = "no metric has a reconciled path to chart; choose one with --metric"
        raise UsageError(msg)
    return str(best.index[-1])


def _check_metric(args: argparse.Namespace, figures: pd.DataFrame) -> None:
    if args.metric is None:
        return
    if args.plot is None:
        msg = "--metric chooses the metric to chart: give --plot too"
        raise UsageError(msg)
    iran = figures[figures["region"] == "Iran"]
    if args.metric not in set(iran["metric"]):
        known = ", ".join(sorted(iran["metric"].unique()))
        msg = f"no figures for metric {args.metric!r} in region 'Iran'; metrics: {known}"
        raise UsageError(msg)


def _print_group(group: pd.Series, monthly: pd.DataFrame) -> None:
    used = f"{group['used']} of {plural(int(group['figures']), 'figure')} used"
    label = metric_label(str(group["metric"]))
    print()
    print(f"== {label} ({group['metric']}, {group['unit']}, {group['region']}), "
          f"{group['label']}: {group['status']}; {used}")  # fmt: skip
    rows = monthly[
        (monthly["metric"] == group["metric"])
        & (monthly["region"] == group["region"])
        & (monthly["unit"] == group["unit"])
        & (monthly["jyear"] == group["jyear"])
    ]
    if rows.empty:
        return
    unit = str(group["unit"])
    if rows["cumulative"].isna().all():
        last = rows.iloc[-1]
        low = format_amount(last["low"], unit)
        bound = (
            f"at least {low}"
            if last["high"] == float("inf")
            else f"between {low} and {format_amount(last['high'], unit)}"
        )
        print(f"   by {last['end']:%Y-%m-%d}: {bound}")
        return
    shown = pd.DataFrame(
        {
            "period": rows["period"].to_numpy(),
            "gregorian": (
                rows["start"].dt.strftime("%Y-%m-%d") + ".." + rows["end"].dt.strftime("%Y-%m-%d")
            ).to_numpy(),
            **{
                column: format_amounts(rows[column], unit, with_unit=False).to_numpy()
                for column in ("cumulative", "flow", "low", "high")
            },
        }
    )
    print(_table(shown))


def _print_summary(figures: pd.DataFrame, result: Reconciled, source: str, *, detail: bool) -> None:
    table = summary_text(reading_order(summary(figures, reconciled=result)))
    empty = [column for column in table.columns if (table[column] == "-").all()]
    flags = result.flags
    print(f"{plural(len(figures), 'figure')} from {source}: "
          f"{plural(len(table), 'series-year', 'series-years')}, "
          f"{plural(len(flags), 'finding')} ({_severity_counts(flags)})")  # fmt: skip
    print()
    print(_table(table.drop(columns=empty), left=("metric", "when", "pinned", "findings")))
    if empty:
        print(left_out_note(empty))
    print()
    print("Findings")
    _print_flags(flags, _LEVELS if detail else ("error", "warning"))
    info = flags[flags["severity"] == "info"]
    if not detail and not info.empty:
        checks = info["check"].value_counts(sort=False)
        listed = ", ".join(f"{name} {count}" for name, count in checks.items())
        print(f"[info] {plural(len(info), 'more finding')}: {listed} (listed with --detail)")


def _cmd_report(args: argparse.Namespace) -> int:
    chart_target = _chart_target(args.plot)  # a path that cannot be written stops here
    page_target = _page_target(args.html)
    figures = _figures(args.file, args.sheet)
    _check_metric(args, figures)
    result = reconcile(figures, freq=args.freq)
    metric = _chart_metric(args, result) if chart_target is not None else ""
    source = args.file or "the bundled ISIPO reports"
    _print_summary(figures, result, source, detail=args.detail)
    if args.detail:
        print()
        print(f"Reconciled paths ({args.freq} periods; amounts after the last figure are '-')")
        for _, group in result.groups.iterrows():
            _print_group(group, result.monthly)
    if page_target is not None:
        from isipo_stats.report_html import write_report  # noqa: PLC0415 (draws charts)

        write_report(page_target, figures, reconciled=result, source=source)
        print()
        print(f"report written to {page_target}")
    if chart_target is not None:
        from isipo_stats.plotting import plot_metric  # noqa: PLC0415 (optional extra)

        chart = chart_target / f"{metric}.png" if chart_target.is_dir() else chart_target
        plot_metric(figures, metric, reconciled=result, path=chart)
        print()
        print(f"chart of {metric} written to {chart}")
    return 0


# --- template -----------------------------------------------------------------------------

_TEMPLATE_COLUMNS: Final[dict[str, tuple[str, str]]] = {
    "id": ("r1", "a unique name for the figure"),
    "metric": ("revived_units", "what is counted (snake_case; see the README's metrics)"),
    "region": ("Iran", "the region (default Iran)"),
    "kind": ("cumulative", "cumulative (year to date), period, target or level"),
    "jyear": ("1399", "the Jalali year (or give start and end)"),
    "start": ("1399-01-01", "first day of the span, Jalali YYYY-MM-DD"),
    "end": ("1399-07-30", "last day of the span (the as-of date), Jalali YYYY-MM-DD"),
    "stated": ("819", "the amount as the report words it ('over 39,000', '$3.57 billion')"),
    "value": ("819", "the number (read from 'stated' when empty)"),
    "unit": ("units", "units, jobs, rial, usd, percent, ..."),
    "qualifier": ("exact", "exact, approx, lower, upper or range (read from 'stated')"),
    "low": ("", "low end of a range"),
    "high": ("", "high end of a range"),
    "published": ("", "publication date (Gregorian YYYY-MM-DD), if known"),
    "published_from": ("2020-10-22", "earliest possible publication date, if not known"),
    "published_to": ("2021-03-20", "latest possible publication date"),
    "source": ("example row: replace", "outlet and speaker"),
    "stated_dates": ("", "Gregorian dates the report gives, e.g. end=2020-10-21"),
    "part_of": ("", "the id of the total this figure is a part of"),
    "equivalent_of": ("", "the id of the figure this one converts (a dollar amount)"),
    "note": ("idle units revived in the first seven months", "free text"),
}


def _cmd_template(args: argparse.Namespace) -> int:
    del args
    example = pd.DataFrame([{c: v for c, (v, _) in _TEMPLATE_COLUMNS.items()}])
    print(example.to_csv(index=False), end="")
    return 0


# --- the parser ---------------------------------------------------------------------------


def _add_calendar(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    first, last = SUPPORTED_YEARS
    calendar = commands.add_parser(
        "calendar",
        help="show a Jalali year's Gregorian span, length and leap status",
        description=f"Show a Jalali year's Gregorian span (years {first}-{last}).",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    calendar.add_argument("year", type=int, help="Jalali year, e.g. 1399")
    calendar.add_argument("--json", action="store_true", help="print one JSON object")
    calendar.set_defaults(run=_cmd_calendar)


def _add_convert(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    convert = commands.add_parser(
        "convert",
        help="convert dates between the Jalali and Gregorian calendars",
        description=(
            "Convert YYYY-MM-DD dates. The direction follows from the year (below 1800: "
            "Jalali to Gregorian) unless --to is given. A bad date is named by its position "
            "(from 0) and nothing is printed."
        ),
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("dates", nargs="+", help="dates such as 1399-12-30 or 2021-03-20")
    convert.add_argument("--to", choices=["jalali", "gregorian"], help="target calendar")
    convert.set_defaults(run=_cmd_convert)


def _add_table_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="CSV/Excel/Parquet figure table "
                        "(default: the bundled ISIPO reports)")  # fmt: skip
    parser.add_argument("--sheet", help="the sheet of an Excel workbook (default: the first)")


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    checker = commands.add_parser(
        "check",
        help="check a figure table for inconsistencies (exit 1 if any error)",
        description="List every inconsistency in a figure table, each with its reason.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_table_arguments(checker)
    checker.add_argument("--format", choices=["table", "csv", "json"], default="table")
    checker.set_defaults(run=_cmd_check)


def _add_report(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="summarize and reconcile the figures: a summary per series and year, findings",
        description="Summarize a figure table: one line per metric and Jalali year (the "
        "latest year-to-date figure and its date, the full year, the target, jobs per unit, "
        "how the path is pinned, findings), then the errors and warnings. --detail adds "
        "every finding and each reconciled path period by period; --html writes it all as "
        "one page with charts; --plot writes one chart. Every argument and output path is "
        "checked before any work.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_table_arguments(report)
    report.add_argument(
        "--freq",
        choices=["M", "Q", "H", "Y"],
        default="M",
        help="Jalali months, quarters, half-years or years (default M)",
    )
    report.add_argument(
        "--plot",
        metavar="PATH",
        help="write a chart of one metric to this file (.png, .svg, .pdf, ...), or as "
        "METRIC.png into this folder",
    )
    report.add_argument("--metric", help="the metric to chart (default: the best covered)")
    report.add_argument(
        "--html",
        metavar="FILE",
        help="also write the whole report as one self-contained HTML page (charts inline)",
    )
    report.add_argument(
        "--detail",
        action="store_true",
        help="also print every finding and each series' path period by period",
    )
    report.set_defaults(run=_cmd_report)


def _add_template(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    columns = "\n".join(f"  {name:15} {why}" for name, (_, why) in _TEMPLATE_COLUMNS.items())
    template = commands.add_parser(
        "template",
        help="print an empty figure table (CSV) with one example row, to fill in",
        description="Print a figure table with every column and one example row "
        "(isipo-stats template > figures.csv). Only id, metric, kind and a value (or "
        "'stated') are required; leave the others empty when unknown.",
        epilog="columns:\n" + columns + "\n\n" + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    template.set_defaults(run=_cmd_template)


Adder = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
COMMANDS: list[Adder] = [
    _add_calendar,
    _add_convert,
    _add_check,
    _add_report,
    _add_template,
    add_extract_command,
]
"""The subcommands, in the order of ``--help``: append an adder to add one."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isipo-stats",
        description="Iranian-calendar statistics: calendar conversion, figure checks, reports.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"isipo-stats {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(commands)
    return parser


# --- running ------------------------------------------------------------------------------


def _drop_stdout() -> None:
    """Send what is left of stdout nowhere, so that exiting does not fail on it again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module docstring).

    Examples
    --------
    >>> main(["convert", "1399-12-30"])
    2021-03-20
    0
    >>> main(["calendar", "1399", "--json"])
    {"year": 1399, "start": "2020-03-20", "end": "2021-03-20", "days": 366, "leap": true}
    0
    """
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    where = f"isipo-stats {args.command}"
    try:
        code = run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        _drop_stdout()
        return 0
    except IsipoError as err:
        message = " ".join(str(err).split())
        print(f"{where}: {message}", file=sys.stderr)
        return 2
    except OSError as err:
        _drop_stdout()
        what = err.filename or "the output"
        print(f"{where}: could not write {what}: {err.strerror or err}", file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
