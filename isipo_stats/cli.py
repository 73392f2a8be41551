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

from isipo_stats.calendar import SUPPORTED_YEARS, is_leap, to_gregorian, to_jalali
from isipo_stats.errors import IsipoError, ParseError
from isipo_stats.spans import year_span

__all__ = ["main"]

_ISO_DATE = re.compile(r"^\s*(\d{3,4})[-/](\d{1,2})[-/](\d{1,2})\s*$")
_JALALI_BELOW = 1800  # a date whose year is below this is Jalali, otherwise Gregorian


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
        direction = args.to or ("gregorian" if year < _JALALI_BELOW else "jalali")
        if direction == "gregorian":
            print(to_gregorian(year, month, day)[0].date())
        else:
            fields = to_jalali(f"{year:04d}-{month:02d}-{day:02d}").iloc[0]
            print(f"{fields.year:04d}-{fields.month:02d}-{fields.day:02d}")
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
    except IsipoError as err:
        print(f"isipo-stats {args.command}: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
