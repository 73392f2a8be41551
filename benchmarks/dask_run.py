# mypy: disallow-untyped-calls=False
"""Scale-out benchmark: the ``.isipo`` API on a Dask LocalCluster vs single-process pandas.

Run: ``python benchmarks/dask_run.py [--rows 50000000] [--workers 2]`` (not in CI). The same
data (daily dates over 1900-2100, sorted, with a float value) is built by the same seeded
function in each of ``P`` pieces: once concatenated in this process for pandas, once as
Dask partitions built on the workers. Three jobs are timed with the same accessor calls:

* ``fields``: Jalali month of every row, counted (``s.isipo.month.value_counts()``);
* ``resample``: sum by Jalali month (``s.isipo.resample("M").sum()``);
* ``year_to_date``: cumulate within each Jalali year, then take the total (``.sum()``).

Each figure is rows per second; the ratio is pandas time / Dask time (above 1: Dask faster).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

import isipo_stats as ist
import isipo_stats.dask_accessor  # registers .isipo on Dask

FIRST_DAY = int(np.datetime64("1900-01-01", "D").astype(np.int64))
LAST_DAY = int(np.datetime64("2100-12-31", "D").astype(np.int64))


def piece(number: int, pieces: int, rows: int) -> pd.Series:
    """Rows of one piece: its own slice of the date range, sorted, seeded by its number."""
    rng = np.random.default_rng(number)
    width = (LAST_DAY - FIRST_DAY + 1) / pieces
    lo = FIRST_DAY + int(number * width)
    hi = FIRST_DAY + int((number + 1) * width)
    days = np.sort(rng.integers(lo, hi, rows)).astype("datetime64[D]").astype("datetime64[ns]")
    return pd.Series(rng.random(rows), index=pd.DatetimeIndex(days), name="value")


def jobs() -> dict[str, Callable[[Any], Any]]:
    return {
        "fields": lambda s: s.isipo.month.value_counts(),
        "resample": lambda s: s.isipo.resample("M").sum(),
        "year_to_date": lambda s: s.isipo.year_to_date().sum(),
    }


def timed(func: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    samples = []
    result = None
    for _ in range(rounds):
        start = time.perf_counter()
        result = func()
        samples.append(time.perf_counter() - start)
    return float(np.median(samples)), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pieces", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    per_piece = args.rows // args.pieces
    rows = per_piece * args.pieces
    with (
        LocalCluster(
            n_workers=args.workers, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        ranges = [(i, args.pieces, per_piece) for i in range(args.pieces)]
        width = (LAST_DAY - FIRST_DAY + 1) / args.pieces
        starts = [FIRST_DAY + int(i * width) for i in range(args.pieces)]
        bounds = [*starts, FIRST_DAY + int(args.pieces * width) - 1]
        divisions = tuple(pd.Timestamp(np.datetime64(d, "D")) for d in bounds)
        frame = dd.from_map(lambda t: piece(*t), ranges, divisions=divisions).persist()
        local = pd.concat([piece(*t) for t in ranges])
        lines = [
            f"rows {rows:,}; {args.workers} workers x 1 thread on {os.cpu_count()} cores; "
            f"Python {platform.python_version()}, pandas {pd.__version__}, "
            f"isipo_stats {ist.__version__}",
            "",
            "| job | pandas, 1 process | Dask LocalCluster | pandas / Dask | rows/s pandas | "
            "rows/s Dask |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, job in jobs().items():
            pandas_time, expected = timed(partial(job, local), args.rounds)
            dask_time, got = timed(partial(_compute_job, job, frame), args.rounds)
            _same(name, expected, got)
            lines.append(
                f"| {name} | {pandas_time:.2f} s | {dask_time:.2f} s | "
                f"{pandas_time / dask_time:.2f}x | {rows / pandas_time:,.0f} | "
                f"{rows / dask_time:,.0f} |"
            )
    report = "\n".join(lines)
    print(report)


def _compute_job(job: Callable[[Any], Any], frame: Any) -> Any:
    value = job(frame)
    return value.compute() if hasattr(value, "compute") else value


def _same(name: str, expected: Any, got: Any) -> None:
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(
            got.sort_index(), expected.sort_index(), check_dtype=False, check_names=False,
            check_index_type=False, rtol=1e-9,
        )  # fmt: skip
    elif not np.isclose(got, expected, rtol=1e-9):
        msg = f"{name}: Dask gave {got}, pandas {expected}"
        raise AssertionError(msg)


if __name__ == "__main__":
    main()
