"""Benchmarks of Jalali periods against pandas' own Gregorian counterparts, in one run.

Usage::

    python benchmarks/periods.py            # N = 1,000,000 rows, 9 rounds
    python benchmarks/periods.py --quick    # N = 100,000, 3 rounds (a smoke test)
    python benchmarks/periods.py --output /tmp/periods.md

Each row times an isipo_stats route and its native pandas counterpart in this one process:
a warm-up call each, then interleaved rounds (every route once per round, the starting route
rotated, ``gc.collect()`` before each sample); the figure is the median, and the ratio is
ours / theirs (below 1: ours is faster). jalali-pandas (``pip install 'isipo-stats[compare]'``)
is timed too where it has the operation and is installed; it is never required.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import isipo_stats as ip  # noqa: E402
from isipo_stats import periods as _periods  # noqa: E402

SEED = 20_250_321

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jalali_pandas  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # the optional comparison
    jalali_pandas = None  # type: ignore[assignment,unused-ignore]


@dataclass(frozen=True)
class Row:
    """One comparison: our route, the counterpart, and what each does."""

    name: str
    ours: Callable[[], object]
    theirs: Callable[[], object]
    counterpart: str
    target: float | None = 1.0


def _timings(routes: list[Callable[[], object]], rounds: int) -> list[list[float]]:
    """Return the time per call of each route, per round: a warm-up, then rotated rounds.

    A sample runs a route ``number`` times in a row, enough for 20 ms (each route its own
    number), so that microsecond routes are neither timed at the clock's resolution nor
    each time with the cold caches ``gc.collect()`` leaves.
    """
    numbers = []
    for route in routes:
        route()  # warm-up (first-call costs: imports, caches)
        start = time.perf_counter()
        route()
        numbers.append(max(1, int(0.02 / max(time.perf_counter() - start, 1e-9))))
    samples: list[list[float]] = [[] for _ in routes]
    for r in range(rounds):
        for k in range(len(routes)):
            i = (r + k) % len(routes)
            gc.collect()
            start = time.perf_counter()
            for _ in range(numbers[i]):
                routes[i]()
            samples[i].append((time.perf_counter() - start) / numbers[i])
    return samples


def _data(n: int) -> dict[str, Any]:
    rng = np.random.default_rng(SEED)
    seconds = rng.integers(-(10**9) * 2, 10**9 * 4, n)  # 1906..2096, with a time of day
    instants = pd.Series(seconds.astype("datetime64[s]").astype("datetime64[ns]"))
    months = ip.date_range("1360-01", periods=500, freq="MS")  # 500 Jalali months
    groups = max(1, n // 500)
    dated = pd.Series(
        rng.random(groups * 500) + 1.0, index=pd.DatetimeIndex(np.tile(months.to_numpy(), groups))
    )
    keys = np.repeat(np.arange(groups), 500)
    flat = pd.DataFrame({"key": keys, "value": dated.to_numpy()})
    return {"instants": instants, "dated": dated, "keys": keys, "flat": flat}


_FIRST_CALL = """
import sys, time
sys.path.insert(0, {repo!r})
import numpy, pandas as pd
import isipo_stats as ip
start = time.perf_counter()
{call}
print(time.perf_counter() - start)
"""


def _first_calls(calls: list[str], rounds: int) -> list[list[float]]:
    """Return the time of each call made first in a fresh process, per round (rotated).

    Each process imports numpy, pandas and isipo_stats before the clock starts, whichever
    side it times: the imports are no one's first call, and every cache (ours and
    pandas' own) starts empty.
    """
    samples: list[list[float]] = [[] for _ in calls]
    for r in range(rounds):
        for k in range(len(calls)):
            i = (r + k) % len(calls)
            script = _FIRST_CALL.format(repo=str(REPO), call=calls[i])
            out = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            )
            samples[i].append(float(out.stdout.split()[-1]))
    return samples


def _cold_period_range() -> object:
    _periods._dtype.cache_clear()  # the categories built anew, as on a first call
    return ip.period_range("1300-01", periods=1200)


FIRST_CALL_ROW = Row(
    "period_range, 100 years of months, first call in a fresh process",
    lambda: None,
    lambda: None,
    'pd.period_range("1921-01", periods=1200, freq="M"), first call too',
    None,  # context: one-time costs; the targets are read on calls after a warm-up
)

NOTES = """
How to read it: every targeted row is timed as pandas' own benchmarks time, after a
warm-up call, on calls that repeat. The two `period_range` rows marked context show what a
Categorical of string labels costs that pandas' integer periods do not: the first call in
a fresh process (labels written, one-time costs of numpy and pandas code paths) and a new
range in a warm session (a slice of every label, and a new dtype). jalali-pandas is timed
where it has the operation (it has no Jalali periods, year-on-year change or month floor).
"""


def _rows(data: dict[str, Any]) -> list[Row]:
    instants, dated, keys, flat = data["instants"], data["dated"], data["keys"], data["flat"]
    values = pd.Series(dated.to_numpy())
    shuffle = np.random.default_rng(SEED).permutation(len(dated))
    shuffled, shuffled_keys = dated.iloc[shuffle], keys[shuffle]
    rows = [
        Row(
            "period_range, 100 years of months",
            lambda: ip.period_range("1300-01", periods=1200),
            lambda: pd.period_range("1921-01", periods=1200, freq="M"),
            'pd.period_range("1921-01", periods=1200, freq="M")',
        ),
        Row(
            "period_range, a new range each call (our dtype cache cleared: labels sliced)",
            _cold_period_range,
            lambda: pd.period_range("1921-01", periods=1200, freq="M"),
            'pd.period_range("1921-01", periods=1200, freq="M") (its caches warm)',
            None,
        ),
        Row(
            "date_range, 1,200 month ends",
            lambda: ip.date_range("1300-01", periods=1200, freq="ME"),
            lambda: pd.date_range("1921-01-31", periods=1200, freq="ME"),
            'pd.date_range("1921-01-31", periods=1200, freq="ME")',
        ),
        Row(
            f"floor to the month, {len(instants):,} timestamps",
            lambda: ip.floor(instants, "M"),
            lambda: instants.dt.to_period("M").dt.start_time,
            's.dt.to_period("M").dt.start_time',
        ),
        Row(
            f"yoy, {len(dated):,} rows ({len(dated) // 500:,} series x 500 months, by=)",
            lambda: ip.yoy(dated, by=keys),
            lambda: values.pct_change(12),
            "s.pct_change(12) (positional, one series: the brief's counterpart)",
        ),
        Row(
            f"yoy, the same {len(dated):,} rows shuffled (not in series and date order)",
            lambda: ip.yoy(shuffled, by=shuffled_keys),
            lambda: values.pct_change(12),
            "s.pct_change(12) (positional, one series)",
            None,
        ),
        Row(
            f"yoy, {len(dated):,} rows, same as above",
            lambda: ip.yoy(dated, by=keys),
            lambda: flat.groupby("key")["value"].pct_change(12),
            'df.groupby("key")["value"].pct_change(12) (positional within each series)',
            None,
        ),
    ]
    if jalali_pandas is not None:
        rows.append(
            Row(
                "date_range, 1,200 month ends, against jalali-pandas",
                lambda: ip.date_range("1300-01", periods=1200, freq="ME"),
                lambda: jalali_pandas.jalali_date_range("1300-01-01", periods=1200, freq="JME"),
                'jalali_pandas.jalali_date_range("1300-01-01", periods=1200, freq="JME")',
                0.01,
            )
        )
    return rows


def _figure(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.1f} us"
    return f"{seconds * 1e3:,.2f} ms"


def _ratio(value: float) -> str:
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def _verdict(ratio: float, target: float | None) -> str:
    if target is None:
        return "(context)"
    return "met" if ratio <= target else "missed"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print (and write) the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 100,000, 3 rounds")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--output", type=Path, default=None, help="also write the table here")
    args = parser.parse_args(argv)
    n = 100_000 if args.quick else 1_000_000
    rounds = args.rounds or (3 if args.quick else 9)
    lines = [
        f"# Jalali periods against pandas ({'quick' if args.quick else 'full'} run)",
        "",
        f"N = {n:,}; {rounds} interleaved rounds; median times; {platform.python_version()}, "
        f"pandas {pd.__version__}, numpy {np.__version__}, "
        f"jalali-pandas {'absent' if jalali_pandas is None else jalali_pandas.__version__}",
        "",
        "| operation | isipo_stats | counterpart | time | ratio | fastest-sample ratio | target |",
        "|---|---|---|---|---|---|---|",
    ]
    first = _first_calls(
        [
            'ip.period_range("1300-01", periods=1200)',
            'pd.period_range("1921-01", periods=1200, freq="M")',
        ],
        max(rounds, 9),
    )
    timed: list[tuple[Row, list[float], list[float]]] = [(FIRST_CALL_ROW, first[0], first[1])]
    for row in _rows(_data(n)):
        ours, theirs = _timings([row.ours, row.theirs], rounds)
        timed.append((row, ours, theirs))
    for row, ours, theirs in timed:
        ratio = statistics.median(ours) / statistics.median(theirs)
        fastest = min(ours) / min(theirs)
        target = "—" if row.target is None else f"<= {row.target:g}"
        lines.append(
            f"| {row.name} | {_figure(statistics.median(ours))} | `{row.counterpart}` | "
            f"{_figure(statistics.median(theirs))} | {_ratio(ratio)} | {_ratio(fastest)} | "
            f"{target} {_verdict(ratio, row.target)} |"
        )
        print(lines[-1], file=sys.stderr)
    report = "\n".join(lines) + "\n" + NOTES
    print(report)
    if args.output is not None:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
