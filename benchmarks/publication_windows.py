"""Publication windows asked for again and again: once computed, then remembered.

Usage::

    python benchmarks/publication_windows.py            # 5 rounds
    python benchmarks/publication_windows.py --rounds 9

``checks.publication.publication_windows`` validates a table and narrows the windows of its
undated figures. One HTML report asks for them once for the summary and once per chart
(9 times for the bundled data). The function now remembers the windows of the last few
tables (found by identity, used only while the table still equals a copy kept of it).

Measured in one run, each route first once as a warm-up, then in interleaved rounds with
``gc.collect()`` before each sample (medians):

1. one call: computed (the memo off) against remembered, on the bundled table (53 rows)
   and on a table of 200 copies of it (10,600 rows);
2. one whole ``report_page`` of the bundled data with the memo off and on: the time spent
   computing windows, the number of computations, and the page time.

Correctness first: the windows, the summary and the HTML page are compared, memo off
against memo on, and a table changed in place must be computed again.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import matplotlib as mpl
import pandas as pd

mpl.use("Agg")

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import isipo_stats.checks.publication as pub  # noqa: E402
from isipo_stats import load_isipo_reports, reconcile  # noqa: E402
from isipo_stats.report_html import report_page  # noqa: E402
from isipo_stats.summary import summary  # noqa: E402

COMPUTED = pub._computed
SPENT = {"calls": 0, "seconds": 0.0}


def _counted(figures: pd.DataFrame) -> pd.DataFrame:
    start = time.perf_counter()
    out = COMPUTED(figures)
    SPENT["seconds"] += time.perf_counter() - start
    SPENT["calls"] += 1
    return out


@contextmanager
def memo(*, on: bool) -> Iterator[None]:
    """Run with the memo on, or off (every call computes, as before the memo)."""
    recall = pub._MEMO.recall
    if not on:
        pub._MEMO.recall = lambda figures: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        pub._MEMO.recall = recall  # type: ignore[method-assign]


def median_ms(route: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        route()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def big_table(figures: pd.DataFrame, copies: int) -> pd.DataFrame:
    big = pd.concat([figures] * copies, ignore_index=True)
    big["id"] = [f"x{i}" for i in range(len(big))]
    big["part_of"] = None
    big["equivalent_of"] = None
    return big


def check_unchanged(figures: pd.DataFrame) -> list[str]:
    """Compare memo off and memo on; return the problems found."""
    problems = []
    result = reconcile(figures)
    with memo(on=False):
        windows_off = pub.publication_windows(figures)
        summary_off = summary(figures, reconciled=result)
        page_off = report_page(figures, reconciled=result)
    with memo(on=True):
        pub.publication_windows(figures)
        windows_on = pub.publication_windows(figures)
        summary_on = summary(figures, reconciled=result)
        page_on = report_page(figures, reconciled=result)
    if not windows_off.equals(windows_on):
        problems.append("windows differ")
    if not summary_off.equals(summary_on):
        problems.append("summaries differ")
    if page_off != page_on:
        problems.append("pages differ")
    changed = figures.copy()
    pub.publication_windows(changed)
    changed.loc[changed["id"] == "s004-01", "end"] = pd.Timestamp("2020-12-20")
    fresh = pub._computed(changed.copy())
    if not pub.publication_windows(changed).equals(fresh):
        problems.append("a table changed in place was not computed again")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    figures = load_isipo_reports()
    problems = check_unchanged(figures)
    print("correctness:", "; ".join(problems) or "windows, summary and page identical")
    print("\n| table | computed (ms) | remembered (ms) | ratio |\n|---|---:|---:|---:|")
    for name, table in (("bundled, 53 rows", figures), ("10,600 rows", big_table(figures, 200))):
        pub.publication_windows(table)
        route = partial(pub.publication_windows, table)
        with memo(on=False):
            cold = median_ms(route, rounds)
        warm = median_ms(route, rounds)
        print(f"| {name} | {cold:.2f} | {warm:.2f} | {warm / cold:.3f} |")
    pub._computed = _counted
    result = reconcile(figures)
    print("\n| report_page | computations | in windows (ms) | page (ms) |\n|---|---:|---:|---:|")
    for on in (False, True):
        spent, pages = [], []
        for _ in range(rounds):
            SPENT.update(calls=0, seconds=0.0)
            pub._MEMO._entries.clear()
            with memo(on=on):
                gc.collect()
                start = time.perf_counter()
                report_page(figures, reconciled=result)
                pages.append(time.perf_counter() - start)
            spent.append(SPENT["seconds"])
        calls = SPENT["calls"]
        print(
            f"| memo {'on' if on else 'off'} | {calls} | {statistics.median(spent) * 1e3:.1f} "
            f"| {statistics.median(pages) * 1e3:.0f} |"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
