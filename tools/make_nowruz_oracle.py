"""Generate the astronomical Nowruz oracle used as golden test data.

Development-only helper; it is not part of the ``isipo_stats`` package.

For every Jalali (Solar Hijri) year J in 1200..1701 the script asks PyEphem
for the March equinox, searching with ``ephem.next_vernal_equinox`` from
1 March of Gregorian year J + 621.  PyEphem returns the instant in UT.

Rule (a) decides Nowruz (1 Farvardin J):

* convert the equinox instant to Iran Standard Time (IST), a fixed
  UTC+03:30 offset with no daylight saving time;
* if the equinox falls before 12:00 IST, Nowruz is that IST civil day,
  otherwise it is the following day.

Output is CSV with the columns

``jyear``
    Jalali year J.
``equinox_ut``
    Equinox instant in UT, ISO 8601, rounded to the second.
``equinox_ist``
    The same instant in IST (``+03:30``), rounded to the second.
``minutes_before_noon``
    12:00 IST on the equinox's IST day minus the equinox, in minutes with
    one decimal; negative means the equinox came after noon.
``nowruz``
    Gregorian ISO date of 1 Farvardin J.
``leap``
    1 if Nowruz(J + 1) - Nowruz(J) is 366 days, else 0; empty for the
    last year (1701), whose successor is not computed.

Usage
-----
Run from the repository root with the development virtualenv::

    python tools/make_nowruz_oracle.py > tests/data/nowruz_oracle.csv

or give the output path as the single argument::

    python tools/make_nowruz_oracle.py tests/data/nowruz_oracle.csv

Requires ``ephem`` (PyEphem).  Equinoxes far from the present depend on
PyEphem's Delta T model, so late years are forecasts, not observations.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from dataclasses import dataclass
from typing import TextIO

import ephem

FIRST_YEAR = 1200
LAST_YEAR = 1701
GREGORIAN_OFFSET = 621
UT = dt.timezone(dt.timedelta(0), name="UT")
IST = dt.timezone(dt.timedelta(hours=3, minutes=30), name="IST")
LEAP_YEAR_DAYS = 366
NOON = dt.time(12, 0)
COLUMNS = (
    "jyear",
    "equinox_ut",
    "equinox_ist",
    "minutes_before_noon",
    "nowruz",
    "leap",
)


@dataclass(frozen=True)
class Row:
    """One Jalali year of the oracle, before the leap flag is known."""

    jyear: int
    equinox_ut: dt.datetime
    minutes_before_noon: float
    nowruz: dt.date


def march_equinox_ut(gregorian_year: int) -> dt.datetime:
    """Return the March equinox of ``gregorian_year`` as an aware UT datetime."""
    start = ephem.Date(f"{gregorian_year}/3/1")
    instant = ephem.next_vernal_equinox(start)
    naive: dt.datetime = ephem.Date(instant).datetime()
    return naive.replace(tzinfo=UT)


def oracle_row(jyear: int) -> Row:
    """Compute the equinox and Nowruz of Jalali year ``jyear`` under rule (a)."""
    equinox = march_equinox_ut(jyear + GREGORIAN_OFFSET)
    local = equinox.astimezone(IST)
    noon = dt.datetime.combine(local.date(), NOON, tzinfo=IST)
    minutes = (noon - local).total_seconds() / 60.0
    nowruz = local.date() if local < noon else local.date() + dt.timedelta(days=1)
    return Row(jyear, equinox, minutes, nowruz)


def to_second(moment: dt.datetime) -> dt.datetime:
    """Round an aware datetime to the nearest whole second."""
    return (moment + dt.timedelta(microseconds=500_000)).replace(microsecond=0)


def write_oracle(stream: TextIO) -> None:
    """Write the oracle CSV for FIRST_YEAR..LAST_YEAR to ``stream``."""
    rows = [oracle_row(j) for j in range(FIRST_YEAR, LAST_YEAR + 1)]
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for index, row in enumerate(rows):
        if index + 1 < len(rows):
            length = (rows[index + 1].nowruz - row.nowruz).days
            leap = "1" if length == LEAP_YEAR_DAYS else "0"
        else:
            leap = ""
        writer.writerow(
            (
                row.jyear,
                to_second(row.equinox_ut).isoformat(),
                to_second(row.equinox_ut.astimezone(IST)).isoformat(),
                f"{row.minutes_before_noon:.1f}",
                row.nowruz.isoformat(),
                leap,
            )
        )


def main(argv: list[str]) -> int:
    """Write to the path in ``argv[1]`` if given, else to standard output."""
    args = argv[1:]
    if len(args) > 1:
        print(f"usage: {argv[0]} [OUTPUT.csv]", file=sys.stderr)
        return 2
    if args:
        with open(args[0], "w", encoding="utf-8", newline="") as handle:
            write_oracle(handle)
    else:
        write_oracle(sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
