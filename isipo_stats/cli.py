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

from isipo_stats.calendar import SUPPORTED_YEARS, is_leap, to_gregorian, to_jalali
from isipo_stats.checks import check
from isipo_stats.errors import FigureValidationError, InputTypeError, IsipoError, ParseError
from isipo_stats.figures import load_isipo_reports, read_figures
from isipo_stats.reconciliation import Reconciled, reconcile
from isipo_stats.spans import year_span
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


def _count(n: int, noun: str) -> str:
    """Return "1 warning", "4 warnings" ("info" has no plural)."""
    return f"{n} {noun}" if n == 1 or noun == "info" else f"{n} {noun}s"


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


def _figures(path: str | None, sheet: str | None) -> pd.DataFrame:
    if path is None:
        return load_isipo_reports()
    try:
        return read_figures(path, sheet=sheet)
    except FigureValidationError as err:
        problems = "; ".join(
            ("" if row is None else f"row {row}, ") + f"column {column!r}: {why}"
            for row, column, why in err.problems
        )
        count = _count(len(err.problems), "problem")
        msg = f"{path}: {count} in the figure table: {problems}"
        raise ParseError(msg) from err


def _amount(value: float) -> str:
    """Format a number for the report: thousands separators, '-' when missing."""
    if pd.isna(value):
        return "-"
    if value == float("inf"):
        return "no limit"
    return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"


def _table(frame: pd.DataFrame) -> str:
    with pd.option_context(
        "display.width", 200, "display.max_colwidth", 120, "display.max_rows", None
    ):
        return frame.to_string(index=False)


def _print_flags(flags: pd.DataFrame) -> None:
    for level in _LEVELS:
        for _, row in flags[flags["severity"] == level].iterrows():
            print(f"[{level}] {row['check']}: {row['message']}")


def _cmd_check(args: argparse.Namespace) -> int:
    flags = check(_figures(args.file, args.sheet))
    if args.format == "csv":
        print(flags.to_csv(index=False), end="")
    elif args.format == "json":
        print(flags.to_json(orient="records", indent=2))
    else:
        counts = flags["severity"].value_counts()
        summary = ", ".join(_count(int(counts.get(level, 0)), level) for level in _LEVELS)
        print(f"{_count(len(flags), 'finding')} ({summary})")
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


def _chart_metric(args: argparse.Namespace, result: Reconciled) -> str:
    """Return the metric to chart: ``--metric`` (checked), else the best covered one."""
    if args.metric is not None:
        return str(args.metric)
    with_path = result.groups[~result.groups["status"].str.startswith("no ")]
    best = with_path.groupby("metric")["used"].sum().sort_values(kind="stable")
    if best.empty:
        msg = "no metric has a reconciled path to chart; choose one with --metric"
        raise InputTypeError(msg)
    return str(best.index[-1])


def _check_metric(args: argparse.Namespace, figures: pd.DataFrame) -> None:
    if args.metric is None:
        return
    if args.plot is None:
        msg = "--metric chooses the metric to chart: give --plot too"
        raise InputTypeError(msg)
    iran = figures[figures["region"] == "Iran"]
    if args.metric not in set(iran["metric"]):
        known = ", ".join(sorted(iran["metric"].unique()))
        msg = f"no figures for metric {args.metric!r} in region 'Iran'; metrics: {known}"
        raise InputTypeError(msg)


def _print_group(group: pd.Series, monthly: pd.DataFrame) -> None:
    used = f"{group['used']} of {_count(int(group['figures']), 'figure')} used"
    print()
    print(f"== {group['metric']} ({group['unit']}, {group['region']}), {group['label']}: "
          f"{group['status']}; {used}")  # fmt: skip
    rows = monthly[
        (monthly["metric"] == group["metric"])
        & (monthly["region"] == group["region"])
        & (monthly["unit"] == group["unit"])
        & (monthly["jyear"] == group["jyear"])
    ]
    if rows.empty:
        return
    if rows["cumulative"].isna().all():
        last = rows.iloc[-1]
        bound = (
            f"at least {_amount(last['low'])}"
            if last["high"] == float("inf")
            else f"between {_amount(last['low'])} and {_amount(last['high'])}"
        )
        print(f"   by {last['end']:%Y-%m-%d}: {bound}")
        return
    shown = pd.DataFrame(
        {
            "period": rows["period"],
            "gregorian": rows["start"].dt.strftime("%Y-%m-%d")
            + ".."
            + rows["end"].dt.strftime("%Y-%m-%d"),
            "cumulative": rows["cumulative"].map(_amount),
            "flow": rows["flow"].map(_amount),
            "low": rows["low"].map(_amount),
            "high": rows["high"].map(_amount),
        }
    )
    print(_table(shown))


def _cmd_report(args: argparse.Namespace) -> int:
    target = _chart_target(args.plot)  # a path that cannot be written stops here, not later
    figures = _figures(args.file, args.sheet)
    _check_metric(args, figures)
    result = reconcile(figures, freq=args.freq)
    metric = _chart_metric(args, result) if target is not None else ""
    source = args.file or "the bundled ISIPO reports"
    print(f"Reconciled {_count(len(figures), 'figure')} from {source} ({args.freq} periods)")
    for _, group in result.groups.iterrows():
        _print_group(group, result.monthly)
    print()
    print("== flags")
    _print_flags(result.flags)
    if target is not None:
        from isipo_stats.plotting import plot_metric  # noqa: PLC0415 (optional extra)

        chart = target / f"{metric}.png" if target.is_dir() else target
        plot_metric(figures, metric, reconciled=result, path=chart)
        print()
        print(f"chart of {metric} written to {chart}")
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
        help="reconcile the figures: per metric and Jalali year, a path and its flags",
        description="Reconcile a figure table: for each metric and Jalali year the "
        "reconciled year-to-date path with Gregorian dates and its feasible band, then the "
        "flags, then where the chart was written. The chart path is checked first.",
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
    report.set_defaults(run=_cmd_report)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isipo-stats",
        description="Iranian-calendar statistics: calendar conversion, figure checks, reports.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_calendar, _add_convert, _add_check, _add_report):
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
