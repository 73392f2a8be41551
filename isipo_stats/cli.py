"""The ``isipo-stats`` command line.

Exit codes: 0 success; 1 the command ran and found errors (``check``); 2 bad input
(a bad argument, an unreadable file, an invalid date), reported in one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from isipo_stats.calendar import SUPPORTED_YEARS, is_leap, to_gregorian, to_jalali
from isipo_stats.checks import check
from isipo_stats.errors import FigureValidationError, IsipoError, ParseError
from isipo_stats.figures import load_isipo_reports, read_figures
from isipo_stats.reconciliation import reconcile
from isipo_stats.spans import year_span
from isipo_stats.text import JALALI_BELOW

__all__ = ["main"]

_ISO_DATE = re.compile(r"^\s*(\d{3,4})[-/](\d{1,2})[-/](\d{1,2})\s*$")


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


def _cmd_convert(args: argparse.Namespace) -> int:
    for text in args.dates:
        match = _ISO_DATE.match(text)
        if match is None:
            msg = f"could not read {text!r} as a date (expected YYYY-MM-DD)"
            raise ParseError(msg)
        year, month, day = (int(part) for part in match.groups())
        direction = args.to or ("gregorian" if year < JALALI_BELOW else "jalali")
        if direction == "gregorian":
            print(to_gregorian(year, month, day)[0].date())
        else:
            fields = to_jalali(f"{year:04d}-{month:02d}-{day:02d}").iloc[0]
            print(f"{fields.year:04d}-{fields.month:02d}-{fields.day:02d}")
    return 0


def _figures(path: str | None) -> pd.DataFrame:
    if path is None:
        return load_isipo_reports()
    try:
        return read_figures(path)
    except FigureValidationError as err:
        problems = "; ".join(f"row {r}, column {c!r}: {why}" for r, c, why in err.problems)
        msg = f"{path}: {len(err.problems)} invalid row(s): {problems}"
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


def _cmd_check(args: argparse.Namespace) -> int:
    flags = check(_figures(args.file))
    if args.format == "csv":
        print(flags.to_csv(index=False), end="")
    elif args.format == "json":
        print(flags.to_json(orient="records", indent=2))
    else:
        counts = flags["severity"].value_counts()
        summary = ", ".join(
            f"{counts.get(level, 0)} {level}" for level in ("error", "warning", "info")
        )
        print(f"{len(flags)} findings ({summary})")
        for level in ("error", "warning", "info"):
            for _, row in flags[flags["severity"] == level].iterrows():
                print(f"[{level}] {row['check']}: {row['message']}")
    return 1 if (flags["severity"] == "error").any() else 0


def _cmd_report(args: argparse.Namespace) -> int:
    figures = _figures(args.file)
    result = reconcile(figures, freq=args.freq)
    source = args.file or "the bundled ISIPO reports"
    print(f"Reconciled {len(figures)} figures from {source} ({args.freq} periods)")
    monthly = result.monthly
    for _, group in result.groups.iterrows():
        print()
        print(f"== {group['metric']} ({group['unit']}, {group['region']}), {group['label']}: "
              f"{group['status']}; {group['used']} of {group['figures']} figures used")  # fmt: skip
        rows = monthly[
            (monthly["metric"] == group["metric"])
            & (monthly["region"] == group["region"])
            & (monthly["unit"] == group["unit"])
            & (monthly["jyear"] == group["jyear"])
        ]
        if rows.empty:
            continue
        if rows["cumulative"].isna().all():
            last = rows.iloc[-1]
            bound = (
                f"at least {_amount(last['low'])}"
                if last["high"] == float("inf")
                else f"between {_amount(last['low'])} and {_amount(last['high'])}"
            )
            print(f"   by {last['end']:%Y-%m-%d}: {bound}")
            continue
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
    print()
    print("== flags")
    for level in ("error", "warning", "info"):
        for _, row in result.flags[result.flags["severity"] == level].iterrows():
            print(f"[{level}] {row['check']}: {row['message']}")
    if args.plot:
        from isipo_stats.plotting import plot_metric  # noqa: PLC0415 (optional extra)

        target = Path(args.plot)
        with_path = result.groups[~result.groups["status"].str.startswith("no ")]
        best = with_path.groupby("metric")["used"].sum().sort_values(kind="stable")
        metric = args.metric or (str(best.index[-1]) if len(best) else "")
        plot_metric(figures, metric, reconciled=result, path=target)
        print()
        print(f"chart of {metric} written to {target}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isipo-stats",
        description="Iranian-calendar statistics: calendar conversion, figure checks, reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    first, last = SUPPORTED_YEARS
    calendar = commands.add_parser(
        "calendar",
        help="show a Jalali year's Gregorian span, length and leap status",
        description=f"Show a Jalali year's Gregorian span (years {first}-{last}).",
    )
    calendar.add_argument("year", type=int, help="Jalali year, e.g. 1399")
    calendar.add_argument("--json", action="store_true", help="print one JSON object")
    calendar.set_defaults(run=_cmd_calendar)

    convert = commands.add_parser(
        "convert",
        help="convert dates between the Jalali and Gregorian calendars",
        description=(
            "Convert YYYY-MM-DD dates. The direction follows from the year (below 1800: "
            "Jalali to Gregorian) unless --to is given."
        ),
    )
    convert.add_argument("dates", nargs="+", help="dates such as 1399-12-30 or 2021-03-20")
    convert.add_argument("--to", choices=["jalali", "gregorian"], help="target calendar")
    convert.set_defaults(run=_cmd_convert)

    checker = commands.add_parser(
        "check",
        help="check a figure table for inconsistencies (exit 1 if any error)",
        description="List every inconsistency in a figure table, each with its reason. "
        "Exit status 0 when no error-severity finding, 1 when there is one, 2 on bad input.",
    )
    checker.add_argument("file", nargs="?", help="CSV/Excel/Parquet figure table "
                         "(default: the bundled ISIPO reports)")  # fmt: skip
    checker.add_argument("--format", choices=["table", "csv", "json"], default="table")
    checker.set_defaults(run=_cmd_check)

    report = commands.add_parser(
        "report",
        help="reconcile the figures: per metric and Jalali year, a path and its flags",
        description="Reconcile a figure table: for each metric and Jalali year the "
        "reconciled year-to-date path with Gregorian dates and its feasible band, then the "
        "flags, then where the chart was written.",
    )
    report.add_argument("file", nargs="?", help="CSV/Excel/Parquet figure table "
                        "(default: the bundled ISIPO reports)")  # fmt: skip
    report.add_argument("--freq", choices=["M", "Q", "Y"], default="M",
                        help="Jalali months, quarters or years (default M)")  # fmt: skip
    report.add_argument("--plot", metavar="PNG", help="write a chart of one metric there")
    report.add_argument("--metric", help="the metric to chart (default: the best covered)")
    report.set_defaults(run=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

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
    try:
        return run(args)
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        sys.stderr.close()
        return 0
    except IsipoError as err:
        message = " ".join(str(err).split())
        print(f"isipo-stats {args.command}: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
