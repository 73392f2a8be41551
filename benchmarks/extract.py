"""Recall, precision and speed of ``isipo_stats.extract``.

Run from the repository root: ``python benchmarks/extract.py`` (``--quick`` skips the
speed run). Writes ``benchmarks/extract_results.md``.

Accuracy: the extractor reads each seed report (``/work/shared/seeds`` or ``--seeds``) with
the publication date (or window) and source of the bundled table, and reads the test set of
``tests/data/extract``. A predicted row matches an expected row when value, low and high,
unit, kind and the span's end (and start, where the expected row has one) agree; each
expected row is matched at most once.

Speed: the seed texts and the test texts repeated to about 2 MB, read by
``extract_many`` on one core; the best of three runs.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from isipo_stats import load_isipo_reports  # noqa: E402
from isipo_stats.extract import extract_figures, extract_many  # noqa: E402

CASES = ROOT / "tests" / "data" / "extract"


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    both_nan = a.isna().to_numpy() & b.isna().to_numpy()
    close = np.isclose(a.to_numpy(dtype=float), b.to_numpy(dtype=float), rtol=1e-9)
    same: np.ndarray = both_nan | close
    return same


def _same_day(dates: pd.Series, day: Any) -> np.ndarray:
    if pd.isna(day):
        missing: np.ndarray = dates.isna().to_numpy()
        return missing
    same: np.ndarray = (dates == pd.Timestamp(day)).to_numpy()
    return same


def matches(predicted: pd.DataFrame, expected: pd.DataFrame) -> int:
    """Count expected rows matched by a distinct predicted row."""
    used: set[int] = set()
    hits = 0
    for _, row in expected.iterrows():
        ok = (
            _same(predicted["value"], pd.Series(row["value"], index=predicted.index))
            & _same(predicted["low"], pd.Series(row["low"], index=predicted.index))
            & _same(predicted["high"], pd.Series(row["high"], index=predicted.index))
            & (predicted["unit"] == row["unit"]).to_numpy()
            & (predicted["kind"] == row["kind"]).to_numpy()
            & _same_day(predicted["end"], row["end"])
        )
        if not pd.isna(row["start"]):
            ok &= _same_day(predicted["start"], row["start"])
        free = [i for i in np.flatnonzero(ok) if i not in used]
        if free:
            used.add(int(free[0]))
            hits += 1
    return hits


def _window(rows: pd.DataFrame) -> object:
    first = rows.iloc[0]
    if not pd.isna(first["published"]):
        return str(first["published"].date())
    return (str(first["published_from"].date()), str(first["published_to"].date()))


def seeds(folder: Path) -> list[tuple[str, int, int, int]]:
    bundled = load_isipo_reports()
    bundled["seed"] = bundled["id"].str[1:4]
    out = []
    for seed, rows in bundled.groupby("seed"):
        path = glob.glob(str(folder / f"{seed}_*.txt"))[0]
        text = Path(path).read_text(encoding="utf-8")
        got = extract_figures(text, published=_window(rows), source=rows.iloc[0]["source"])
        out.append((f"seed {seed}", matches(got, rows), len(rows), len(got)))
    return out


def cases() -> list[tuple[str, int, int, int]]:
    out = []
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        expected = pd.DataFrame(case["rows"])
        for name in ("start", "end"):
            expected[name] = pd.to_datetime(expected[name], errors="coerce")
        for name in ("low", "high"):
            if name not in expected:
                expected[name] = np.nan
        expected = expected.astype({"low": float, "high": float, "value": float})
        got = extract_figures(case["text"], published=case["published"])
        out.append((path.stem, matches(got, expected), len(expected), len(got)))
    return out


def _table(title: str, results: list[tuple[str, int, int, int]]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        "| text | matched | expected | predicted | recall | precision |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, hit, expected, predicted in results:
        r = hit / expected if expected else 1.0
        p = hit / predicted if predicted else 1.0
        lines.append(f"| {name} | {hit} | {expected} | {predicted} | {r:.2f} | {p:.2f} |")
    hit = sum(r[1] for r in results)
    exp = sum(r[2] for r in results)
    pred = sum(r[3] for r in results)
    r, p = hit / max(exp, 1), hit / max(pred, 1)
    lines.append(f"| **all** | {hit} | {exp} | {pred} | **{r:.3f}** | **{p:.3f}** |")
    return [*lines, ""]


def speed(folder: Path) -> list[str]:
    texts = [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(folder / "*.txt")))]
    texts += [
        json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(CASES.glob("*.json"))
    ]
    size = sum(len(t.encode("utf-8")) for t in texts)
    many = texts * max(1, int(2_000_000 / size))
    total = sum(len(t.encode("utf-8")) for t in many)
    best = cpu = np.inf
    rows = 0
    for _ in range(3):
        began, used = time.perf_counter(), time.process_time()
        rows = len(extract_many(many, published="2021-01-01"))
        best = min(best, time.perf_counter() - began)
        cpu = min(cpu, time.process_time() - used)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return [
        "### Speed",
        "",
        f"{len(many)} texts, {total / 1e6:.2f} MB, {rows} rows: best of 3 "
        f"{best:.2f} s = **{total / 1e6 / best:.2f} MB/s** (target >= 1 MB/s, one core); "
        f"CPU time {cpu:.2f} s = {total / 1e6 / cpu:.2f} MB/s; load average {load:.1f} on "
        f"{os.cpu_count()} cores",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="/work/shared/seeds", help="folder of the seed texts")
    parser.add_argument("--quick", action="store_true", help="skip the speed run")
    args = parser.parse_args()
    folder = Path(args.seeds)
    lines = [
        "# extract: recall, precision, speed",
        "",
        "Written by `python benchmarks/extract.py`.",
        "",
    ]
    lines += _table("Seed reports (the bundled table)", seeds(folder))
    lines += _table("Own test set (tests/data/extract)", cases())
    if not args.quick:
        lines += speed(folder)
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        (ROOT / "benchmarks" / "extract_results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
