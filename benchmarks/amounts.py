"""Speed of the amount reader against the reader it replaced, an older one and ``float()``.

Usage::

    python benchmarks/amounts.py            # 1 call, 1,000 and 100,000 phrases; 5 rounds
    python benchmarks/amounts.py --quick    # 1 call, 1,000 and 10,000 phrases; 3 rounds

Routes, all timed in this process run, interleaved (``gc.collect()`` before each sample,
each route warmed up once; the median is reported):

- ``ours``: ``isipo_stats.amounts`` of this checkout.
- ``merged``: the reader as it was merged (commit ``0eabd9e``, ~62 pandas string passes),
  loaded from git into a temporary module: the "before" of this change.
- ``previous``: the reader before that (commit ``91f70e7``), loaded the same way.
- ``float``: the naive alternative, ``float()`` after keeping only digits and the point
  (Persian digits made ASCII), NaN when that fails. It reads no unit, qualifier, scale or
  range: the floor of any reader, and its accuracy on the phrase corpus is reported.

The slow readers are timed on 100,000 phrases in fewer rounds (``--slow-rounds``, default
1), as said in the table. Phrases: the corpus of ``tests/data/amount_phrases.csv`` (half
Persian) with every digit replaced by a random one (a first digit is never 0), until the
wanted number of distinct phrases is reached; fixed seed.

Also timed: the rewriting of the phrases into tokens run by ``ours`` (one compiled regular
expression call per rewrite and distinct text shape) against the same rewrites run by
pandas' vectorized string methods (``Series.str.replace``) over every phrase, to show
which route is faster on many phrases.

Writes ``benchmarks/amounts_results.md`` (or ``--output``) and prints it.
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib.util
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import isipo_stats  # noqa: E402
from isipo_stats import amounts as ours  # noqa: E402

SEED = 14_021_215
MERGED = "0eabd9e"
PREVIOUS = "91f70e7"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
TO_ASCII = str.maketrans(PERSIAN_DIGITS + "٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def _module_at(commit: str, name: str) -> ModuleType:
    """Load ``isipo_stats/amounts.py`` as it was at ``commit`` into a temporary module."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{commit}:isipo_stats/amounts.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus() -> list[dict[str, str]]:
    with (REPO / "tests" / "data" / "amount_phrases.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _phrases(n: int, rng: random.Random) -> list[str]:
    """Return ``n`` distinct phrases on the corpus patterns, with random digits."""
    patterns = [row["phrase"] for row in _corpus()]
    seen: dict[str, None] = {}

    def digit(match: re.Match[str]) -> str:
        run = match.group()
        persian = run[0] in PERSIAN_DIGITS
        digits = [str(rng.randint(1, 9))] + [str(rng.randint(0, 9)) for _ in run[1:]]
        text = "".join(digits)
        return text.translate(str.maketrans("0123456789", PERSIAN_DIGITS)) if persian else text

    with_digits = [p for p in patterns if re.search(r"[0-9۰-۹]", p)]
    tries = 0
    while len(seen) < n:
        seen[re.sub(r"[0-9]+|[۰-۹]+", digit, with_digits[tries % len(with_digits)])] = None
        tries += 1
    return list(seen)


def naive(phrases: list[str]) -> np.ndarray:
    """``float()`` after keeping only digits and the decimal point; NaN where it fails."""
    out = np.full(len(phrases), np.nan)
    for i, phrase in enumerate(phrases):
        kept = re.sub(r"[^0-9.]", "", phrase.translate(TO_ASCII))
        try:
            out[i] = float(kept)
        except ValueError:
            pass
    return out


def _pandas_tokens(texts: list[str]) -> list[str]:
    """The rewrites of ``ours._tokens`` run with pandas' vectorized string methods."""

    def by_group(rewrite: Any) -> Callable[[re.Match[str]], str]:
        return lambda m: str(rewrite.tokens[m.lastgroup])

    def by_word(rewrite: Any) -> Callable[[re.Match[str]], str]:
        return lambda m: str(rewrite.tokens[m.group()])

    s = pd.Series(texts, dtype="string")
    s = s.str.replace(ours._GLUED.pattern, by_group(ours._GLUED), regex=True)
    for pattern, repl in (
        (ours._PERCENT_DASH, " "),
        (ours._GLUED_WORD, " "),
        (ours._TENS, r"\1 and "),
        (ours._ARTICLE, " 1 "),
    ):
        s = s.str.replace(pattern, repl, regex=True)
    persian = ~s.map(str.isascii).to_numpy(dtype=bool)
    s = s.str.replace(ours._COUNTS.pattern, by_group(ours._COUNTS), regex=True)
    for stages, where in ((ours._ASCII_STAGES, ~persian), (ours._PERSIAN_STAGES, persian)):
        for stage in stages:
            s[where] = s[where].str.replace(stage.pattern, by_word(stage), regex=True)
    s = s.str.replace(ours._NUMBER_WORD, ours._number_word, regex=True)
    s = s.str.replace(ours._DASH, " DASH ", regex=True)
    return [str(x) for x in s.str.replace(r"\s+", " ", regex=True).str.strip()]


def _time(route: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    route()
    return time.perf_counter() - start


def _rounds(routes: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[float]]:
    """Time each route ``rounds`` times, interleaved, starting route rotating."""
    for route in routes.values():
        route()
    samples: dict[str, list[float]] = {name: [] for name in routes}
    names = list(routes)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            samples[name].append(_time(routes[name]))
    return samples


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(a, b)
    except AssertionError:
        return False
    return True


def _machine() -> str:
    cpu = "?"
    with Path("/proc/cpuinfo").open() as file:
        for line in file:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"nproc {os.cpu_count()}, {cpu}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
        f"isipo_stats {isipo_stats.__version__} at {commit}, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )


def _row(label: str, samples: dict[str, list[float]], ours_key: str, scale: float = 1.0) -> str:
    """One table row: the median of each route in ms and the ratios to ours."""
    med = {name: statistics.median(values) * scale for name, values in samples.items()}
    cells = [f"{med[name] * 1e3:,.2f} ({len(samples[name])})" for name in samples]
    ratios = [f"{med[name] / med[ours_key]:,.1f}x" for name in samples if name != ours_key]
    return f"| {label} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |"


def _accuracy() -> tuple[int, int, int]:
    """How many corpus phrases ``float`` and ``ours`` read to the expected value."""
    rows = _corpus()
    expected = np.array([float(row["value"]) for row in rows])
    got = ours.parse_amounts([row["phrase"] for row in rows])["value"].to_numpy()
    return (
        int(np.sum(naive([row["phrase"] for row in rows]) == expected)),
        int(np.sum(got == expected)),
        len(rows),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--slow-rounds", type=int, default=1)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "amounts_results.md")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 5)
    big = 10_000 if args.quick else 100_000
    merged, previous = _module_at(MERGED, "amounts_merged"), _module_at(PREVIOUS, "amounts_prev")
    rng = random.Random(SEED)
    small, large = _phrases(1_000, rng), _phrases(big, rng)
    problems: list[str] = []
    checks: list[str] = []

    # correctness first: ours reads exactly what the merged reader reads, on both sets
    for name, phrases in (("1,000", small), (f"{big:,}", large)):
        a, b = ours.read_amounts(phrases), merged.read_amounts(phrases)
        same = _same(a.table, b.table) and list(a.reasons) == list(b.reasons)
        refused = int(np.sum(~pd.isna(a.reasons)))
        checks.append(
            f"- {name} phrases: ours and the merged reader give the same table and reasons: "
            f"**{same}** ({refused:,} phrases refused by both, the same way)"
        )
        if not same:
            problems.append(f"ours differs from the merged reader on the {name} phrases")
    texts = [ours._normal(p)[0] for p in large]
    tokens_same = _pandas_tokens(texts) == ours._token_texts(texts)
    checks.append(f"- the pandas route rewrites the {big:,} texts as ours does: **{tokens_same}**")
    if not tokens_same:
        problems.append("the pandas route of the rewrites differs from ours")
    naive_right, ours_right, total = _accuracy()
    checks.append(
        f"- corpus values read right: ours {ours_right}/{total}, float() {naive_right}/{total}"
    )

    print("timing one call", file=sys.stderr)
    one = "over 39,000 jobs"
    single = _rounds(
        {
            "ours": lambda: ours.parse_amount(one),
            "merged": lambda: merged.parse_amount(one),
            "previous": lambda: previous.parse_amount(one),
            "float": lambda: naive([one]),
        },
        max(rounds, 20),
    )
    print("timing 1,000 phrases", file=sys.stderr)
    thousand = _rounds(
        {
            "ours": lambda: ours.read_amounts(small),
            "merged": lambda: merged.read_amounts(small),
            "previous": lambda: previous.read_amounts(small),
            "float": lambda: naive(small),
        },
        rounds,
    )
    print(f"timing {big:,} phrases", file=sys.stderr)
    fast = _rounds(
        {"ours": lambda: ours.read_amounts(large), "float": lambda: naive(large)}, rounds
    )
    slow = _rounds(
        {
            "merged": lambda: merged.read_amounts(large),
            "previous": lambda: previous.read_amounts(large),
        },
        args.slow_rounds,
    )
    many = {"ours": fast["ours"], **slow, "float": fast["float"]}
    routes = _rounds(
        {
            "ours": lambda: ours._token_texts(texts),
            "pandas": lambda: _pandas_tokens(texts),
        },
        max(1, rounds // 2),
    )

    rate = big / statistics.median(fast["ours"])
    head = (
        "| | ours | merged (0eabd9e) | previous (91f70e7) | float() "
        "| merged / ours | previous / ours | float() / ours |"
    )
    lines = [
        "# Amount reader: speed",
        "",
        f"Machine: {_machine()}.",
        "",
        "Command: `python benchmarks/amounts.py" + (" --quick`" if args.quick else "`") + ".",
        "Median time in ms (number of samples in brackets); a ratio above 1 means ours is faster.",
        "",
        head,
        "|---|---|---|---|---|---|---|---|",
        _row('`parse_amount("over 39,000 jobs")`', single, "ours"),
        _row("`read_amounts`, 1,000 distinct phrases", thousand, "ours"),
        _row(f"`read_amounts`, {big:,} distinct phrases", many, "ours"),
        "",
        f"Ours reads **{rate:,.0f} distinct phrases/s** on the {big:,} (target: 50,000/s, i.e. "
        f"{big:,} in < {big / 50_000:g} s); one call takes "
        f"**{statistics.median(single['ours']) * 1e3:.2f} ms** (target: < 2 ms).",
        "",
        f"Rewriting the {big:,} texts into tokens, ours (compiled regular expressions, one "
        "call per rewrite and distinct text shape, rewrites skipped where their words are "
        "absent) against the same rewrites run by pandas' `Series.str.replace` over every "
        "text (pandas runs Python's `re` per element for these patterns: lookarounds and "
        "callables):",
        "",
        "| | ours | pandas | pandas / ours |",
        "|---|---|---|---|",
        f"| rewrite {big:,} texts | "
        f"{statistics.median(routes['ours']) * 1e3:,.1f} | "
        f"{statistics.median(routes['pandas']) * 1e3:,.1f} | "
        f"{statistics.median(routes['pandas']) / statistics.median(routes['ours']):,.1f}x |",
        "",
        "## Correctness checks",
        "",
        *checks,
        "",
        "## Raw samples (s)",
        "",
        *(
            f"- {label} {name}: " + ", ".join(f"{v:.4f}" for v in values)
            for label, group in (
                ("one call", single),
                ("1,000", thousand),
                (f"{big:,}", many),
                ("rewrite", routes),
            )
            for name, values in group.items()
        ),
        "",
        "## Problems found",
        "",
        *([f"- {p}" for p in problems] or ["- none"]),
        "",
    ]
    report = "\n".join(lines)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
