"""Validation cost of a figure table with bad cells against the same table clean.

Usage::

    python benchmarks/validation.py              # 10,000 and 1,000,000 rows, 3 rounds
    python benchmarks/validation.py --quick      # 10,000 and 100,000 rows, a smoke test
    python benchmarks/validation.py --sizes 10000 100000 --rounds 5

A realistic figure table (Jalali end dates and months, Gregorian publication dates, values
with thousands separators, stated phrases, ids, metrics, kinds, years) is built with a
fixed seed; a copy gets one bad cell in 1 % of its rows, spread over seven columns, with
values drawn at random (so the number of distinct bad texts grows with the table: the
hostile case, not one typo repeated). Each table is validated once as a warm-up, then in
interleaved rounds (``gc.collect()`` before each); the median is reported. The bad run is
checked: the error must list every bad row, once, with the column that was spoiled.

Prints a Markdown table: rows, clean time, time with 1 % bad rows, their ratio.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import isipo_stats as ip  # noqa: E402

SEED = 20_250_321
BAD_SHARE = 0.01
SPOILED = ("end", "published", "value", "stated", "jyear", "kind", "metric")


def _text(*parts: object) -> pd.Series:
    """Concatenate arrays and strings element-wise as text."""
    pieces = [p if isinstance(p, str) else np.asarray(p).astype(str).astype(object) for p in parts]
    out: object = pieces[0]
    for piece in pieces[1:]:
        out = out + piece  # type: ignore[operator]
    return pd.Series(out, dtype=object)


def clean_table(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """A valid figure table of ``n`` rows, every cell text as in a CSV file."""
    year = rng.integers(1390, 1404, n)
    month = rng.integers(1, 13, n)
    day = rng.integers(1, 30, n)
    kind = rng.choice(np.array(["cumulative", "period", "target", "level"], dtype=object), n)
    month_text = _text(year, "-", pd.Series(month).map("{:02d}".format))
    day_text = _text(month_text, "-", pd.Series(day).map("{:02d}".format))
    year_text = pd.Series(year).astype(str)
    period, target = kind == "period", kind == "target"
    start = np.where(period, month_text, np.where(target, year_text, ""))
    end = np.where(period, month_text, np.where(target, year_text, day_text))
    amount = rng.integers(1, 10**7, n)
    grouped = pd.Series(amount).map("{:,}".format)
    form = rng.integers(0, 3, n)
    value = np.where(form == 0, grouped, "")
    stated = np.where(form == 1, "over " + grouped, np.where(form == 2, grouped, ""))
    published = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 5000, n), "D")
    return pd.DataFrame(
        {
            "id": _text("f", np.arange(n)),
            "metric": rng.choice(np.array(["revived_units", "jobs_created", "new_units"]), n),
            "kind": kind,
            "jyear": year_text,
            "start": start,
            "end": end,
            "value": value,
            "stated": stated,
            "unit": "units",
            "published": pd.Series(published).dt.strftime("%Y-%m-%d"),
            "source": _text("outlet ", rng.integers(0, 50, n)),
        }
    )


def spoiled(table: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.Series]:
    """A copy with one bad cell in 1 % of the rows; the spoiled column of each such row."""
    n = len(table)
    rows = np.sort(rng.choice(n, size=max(1, round(n * BAD_SHARE)), replace=False))
    columns = pd.Series(rng.choice(np.array(SPOILED, dtype=object), rows.size), index=rows)
    bad = table.copy()
    k = rows.size
    year = rng.integers(1390, 1404, k)
    numbers = rng.integers(1, 10**6, k)
    candidates = {
        "end": _text(year, "-", rng.integers(13, 20, k), "-", rng.integers(1, 29, k)),
        "published": _text(rng.integers(1700, 1800, k), "-02-", rng.integers(10, 28, k)),
        "value": _text(numbers // 100, ",", pd.Series(numbers % 100).map("{:02d}".format)),
        "stated": _text("lots of ", numbers),
        "jyear": _text(year, ".", rng.integers(1, 9, k)),
        "kind": rng.choice(np.array(["flow", "stock", "cumulativ"], dtype=object), k),
        "metric": _text("Metric ", rng.integers(0, 1000, k)),
    }
    for column in SPOILED:
        pick = (columns == column).to_numpy()
        bad.loc[rows[pick], column] = np.asarray(candidates[column], dtype=object)[pick]
        if column == "value":  # the row's stated amount would disagree as well
            bad.loc[rows[pick], "stated"] = ""
    return bad, columns


def _time(run: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _validate_bad(table: pd.DataFrame) -> list[tuple[object, str, str]]:
    try:
        ip.validate_figures(table)
    except ip.FigureValidationError as err:
        return err.problems
    msg = "the spoiled table passed validation"
    raise AssertionError(msg)


def measure(n: int, rounds: int) -> dict[str, float | int]:
    rng = np.random.default_rng(SEED + n)
    clean = clean_table(n, rng)
    bad, columns = spoiled(clean, rng)
    problems = _validate_bad(bad)  # warm-up and check
    found = pd.Series({row: column for row, column, _ in problems})
    assert len(found) == len(problems), "a row was reported twice"
    assert found.sort_index().equals(columns.sort_index()), "rows or columns differ"
    ip.validate_figures(clean)
    clean_times: list[float] = []
    bad_times: list[float] = []
    for i in range(rounds):
        pair = [("clean", lambda: ip.validate_figures(clean)), ("bad", lambda: _validate_bad(bad))]
        for name, run in pair if i % 2 == 0 else pair[::-1]:
            (clean_times if name == "clean" else bad_times).append(_time(run))
    distinct = sum(bad.loc[columns.index[columns == c], c].nunique() for c in SPOILED)
    return {
        "rows": n,
        "clean": statistics.median(clean_times),
        "bad": statistics.median(bad_times),
        "bad_rows": len(columns),
        "distinct": distinct,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 rows")
    args = parser.parse_args()
    sizes = args.sizes or ([10_000, 100_000] if args.quick else [10_000, 1_000_000])
    print("| rows | clean (s) | 1 % bad rows (s) | ratio | bad rows | distinct bad texts |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        r = measure(n, args.rounds)
        print(
            f"| {r['rows']:,} | {r['clean']:.3f} | {r['bad']:.3f} | "
            f"{r['bad'] / r['clean']:.2f} | {r['bad_rows']:,} | {r['distinct']:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
