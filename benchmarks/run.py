"""Benchmarks of isipo_stats against named alternatives, every figure a ratio from one run.

Usage::

    python benchmarks/run.py            # default sizes (N = 10,000,000 dates), several minutes
    python benchmarks/run.py --quick    # small sizes, a smoke test (well under 30 s)
    python benchmarks/run.py --only forward --output /tmp/forward.md   # one section

Every timing is taken in this one process: each route is run once as a warm-up, then in
interleaved rounds (every route once per round, ``gc.collect()`` before each sample, the
starting route rotated from round to round), and the median is reported. The Markdown
report is printed and written to ``benchmarks/results.md`` (overwritten). See
``benchmarks/README.md`` for what each row measures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import jdatetime
import numpy as np
import numpy.typing as npt
import pandas as pd
from statsmodels.tsa.interp.denton import dentonm  # type: ignore[import-untyped,unused-ignore]

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import isipo_stats as ip  # noqa: E402
from isipo_stats import _fields  # noqa: E402

SEED = 20_250_321
FIRST_DAY = "1900-01-01"
LAST_DAY = "2100-12-31"
NAT_SHARE = 0.01


@dataclass(frozen=True)
class Sizes:
    """Problem sizes of one run."""

    n: int
    jdatetime_sample: int
    groups: tuple[int, int]
    rounds: int


DEFAULT = Sizes(n=10_000_000, jdatetime_sample=200_000, groups=(1_000, 10_000), rounds=5)
QUICK = Sizes(n=200_000, jdatetime_sample=20_000, groups=(100, 1_000), rounds=3)


@dataclass
class Row:
    """One line of the results table."""

    key: str
    figure: str
    ours: str
    alternative: str
    ratio: str
    target: str
    verdict: str
    ratio_of_mins: str = "—"


@dataclass
class Report:
    """Everything the run found: table rows, raw timings, checks, notes and problems."""

    rows: list[Row] = field(default_factory=list)
    timings: list[tuple[str, int, list[float]]] = field(default_factory=list)
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, name: str, *, passed: bool, detail: str = "") -> None:
        self.checks.append((name, passed, detail))
        if not passed:
            self.problems.append(f"correctness check failed: {name} {detail}".rstrip())


# ----------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_rounds(
    routes: dict[str, Callable[[], object]], rounds: int, label: str
) -> dict[str, list[float]]:
    """Warm every route up once, then time them in interleaved rounds; return all samples."""
    names = list(routes)
    for name in names:
        gc.collect()
        result = routes[name]()
        del result
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            start = time.perf_counter()
            result = routes[name]()
            elapsed = time.perf_counter() - start
            del result
            samples[name].append(elapsed)
        log(f"  [{label}] round {r + 1}/{rounds} done")
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def mins_ratio(ours: list[float], alternative: list[float], scale: float = 1.0) -> str:
    """Ours / alternative on the fastest samples: less sensitive to a busy shared host."""
    return f"{min(ours) / (min(alternative) * scale):.2f}x"


def fmt_seconds(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def fmt_per(seconds: float, count: int, what: str = "elem") -> str:
    per = seconds / count
    if per >= 1e-3:
        return f"{per * 1e3:.2f} ms/{what}"
    if per >= 1e-6:
        return f"{per * 1e6:.1f} µs/{what}"
    return f"{per * 1e9:.1f} ns/{what}"


def verdict(value: float, limit: float, *, at_most: bool) -> str:
    met = value <= limit if at_most else value >= limit
    if met:
        return "met"
    factor = value / limit if at_most else limit / value
    return f"**NOT met** ({factor:.2f}x off target)"


def traced_peak(func: Callable[[], object]) -> int:
    """Peak traced allocation (bytes) while ``func`` runs, its result included."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = func()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak - base


def section(report: Report, name: str, func: Callable[[], None]) -> None:
    """Run one benchmark; a crash is recorded as a problem and the run goes on."""
    log(f"{name} ...")
    start = time.perf_counter()
    try:
        func()
    except Exception as err:  # any crash of a route is a finding to report
        log(traceback.format_exc())
        report.problems.append(f"{name} crashed: {type(err).__name__}: {err}")
        report.rows.append(Row("—", name, "ERROR", "—", "—", "—", f"crashed: {type(err).__name__}"))
    log(f"{name} took {time.perf_counter() - start:.1f} s")


# ----------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Inputs:
    """The shared random inputs."""

    dates: pd.Series  # datetime64[ns], no NaT
    dates_nat: pd.Series  # the same with NAT_SHARE of the values set to NaT
    values: npt.NDArray[np.float64]


def make_inputs(n: int) -> Inputs:
    rng = np.random.default_rng(SEED)
    lo = np.datetime64(FIRST_DAY, "D").astype(np.int64)
    hi = np.datetime64(LAST_DAY, "D").astype(np.int64)
    days = rng.integers(lo, hi + 1, size=n, dtype=np.int64)
    stamps = days.astype("datetime64[D]").astype("datetime64[ns]")
    with_nat = stamps.copy()
    with_nat[rng.choice(n, size=int(n * NAT_SHARE), replace=False)] = np.datetime64("NaT")
    values = rng.random(n)
    return Inputs(pd.Series(stamps, name="date"), pd.Series(with_nat, name="date"), values)


# ----------------------------------------------------------------------------- 1. G -> J


def jdatetime_fields(
    sample: pd.Series,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Element-wise jdatetime route: Python dates, one jdatetime per date, fields back out."""
    converted = [
        None if d is pd.NaT else jdatetime.date.fromgregorian(date=d) for d in sample.dt.date
    ]
    count = len(converted)
    year = np.fromiter((-1 if j is None else j.year for j in converted), np.int64, count)
    month = np.fromiter((-1 if j is None else j.month for j in converted), np.int64, count)
    day = np.fromiter((-1 if j is None else j.day for j in converted), np.int64, count)
    return year, month, day


def accessor_fields(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``s.isipo.year``, ``.month``, ``.day`` read one after the other, from a cold cache.

    The conversion cache is emptied first, so that every sample pays for one conversion
    (the previous round's would otherwise be reused).
    """
    _fields.clear_cache()
    return s.isipo.year, s.isipo.month, s.isipo.day


def check_accessor(report: Report, s: pd.Series) -> None:
    """The accessor's three fields equal ``to_jalali``'s columns (outside the timings)."""
    expected = ip.to_jalali(s)
    got = accessor_fields(s)
    same = all(
        field.equals(expected[name]) and field.name == s.name
        for field, name in zip(got, ("year", "month", "day"), strict=True)
    )
    report.check(f"`s.isipo.year/.month/.day` == `to_jalali(s)` (N={len(s):,})", passed=same)


def bench_forward(report: Report, inputs: Inputs, sizes: Sizes) -> None:
    s = inputs.dates_nat
    n = len(s)
    sample = s.iloc[: sizes.jdatetime_sample]
    k = len(sample)

    # correctness, outside the timed region: to_jalali agrees with jdatetime on the sample
    ours_sample = ip.to_jalali(sample)
    jy, jm, jd = jdatetime_fields(sample)
    known = jy >= 0
    agree = all(
        np.array_equal(ours_sample[col].to_numpy(dtype=np.int64, na_value=-1), ref)
        for col, ref in (("year", jy), ("month", jm), ("day", jd))
    )
    na_ok = bool(ours_sample["year"].isna().to_numpy().tolist() == (~known).tolist())
    report.check(
        f"to_jalali == jdatetime on the {k:,}-date sample ({int((~known).sum())} NaT)",
        passed=agree and na_ok,
    )
    check_accessor(report, s)

    samples = run_rounds(
        {
            "to_jalali": lambda: ip.to_jalali(s),
            "floor": lambda: (s.dt.year, s.dt.month, s.dt.day),
            "accessor": lambda: accessor_fields(s),
            "jdatetime": lambda: jdatetime_fields(sample),
        },
        sizes.rounds,
        "1 G->J",
    )
    report.timings += [
        (f"1 `isipo_stats.to_jalali(s)` (N={n:,}, 1% NaT)", n, samples["to_jalali"]),
        (f"1 floor `s.dt.year/.month/.day` (N={n:,})", n, samples["floor"]),
        (f"1 `s.isipo.year/.month/.day`, cold cache (N={n:,})", n, samples["accessor"]),
        (f"1 jdatetime loop (sample of {k:,})", k, samples["jdatetime"]),
    ]
    ours, floor, jdt = (median(samples[x]) for x in ("to_jalali", "floor", "jdatetime"))
    jdt_scaled = jdt * n / k
    ratio = ours / floor
    report.rows.append(
        Row(
            "1a",
            "Gregorian → Jalali fields, 1% NaT",
            f"`to_jalali(s)`: {fmt_seconds(ours)} ({fmt_per(ours, n)})",
            f"floor `s.dt.year; s.dt.month; s.dt.day`: {fmt_seconds(floor)} ({fmt_per(floor, n)})",
            f"{ratio:.2f}x",
            "≤ 1.0x",
            verdict(ratio, 1.0, at_most=True),
            mins_ratio(samples["to_jalali"], samples["floor"]),
        )
    )
    speedup = jdt_scaled / ours
    report.rows.append(
        Row(
            "1b",
            "Gregorian → Jalali, vs jdatetime element-wise",
            f"`to_jalali(s)`: {fmt_seconds(ours)}",
            f"`jdatetime.date.fromgregorian(date=d)` over `s.dt.date`, fields to arrays: "
            f"{fmt_seconds(jdt)} on {k:,}, scaled to N: {fmt_seconds(jdt_scaled)} "
            f"({fmt_per(jdt, k)})",
            f"{speedup:.0f}x faster",
            "≥ 200x faster",
            verdict(speedup, 200.0, at_most=False),
            f"{min(samples['jdatetime']) * n / k / min(samples['to_jalali']):.0f}x faster",
        )
    )
    accessor = median(samples["accessor"])
    shared = accessor / floor
    report.rows.append(
        Row(
            "1c",
            "accessor .year+.month+.day vs s.dt.year+.month+.day, 1% NaT",
            f"`s.isipo.year; s.isipo.month; s.isipo.day` (one shared conversion, cache "
            f"emptied before each sample): {fmt_seconds(accessor)} ({fmt_per(accessor, n)})",
            f"`s.dt.year; s.dt.month; s.dt.day`: {fmt_seconds(floor)} ({fmt_per(floor, n)})",
            f"{shared:.2f}x",
            "≤ 0.5x",
            verdict(shared, 0.5, at_most=True),
            mins_ratio(samples["accessor"], samples["floor"]),
        )
    )


# ----------------------------------------------------------------------------- 2. J -> G


def bench_reverse(report: Report, inputs: Inputs, sizes: Sizes) -> None:
    s = inputs.dates
    n = len(s)
    fields = ip.to_jalali(s)
    jy, jm, jd = (fields[c].to_numpy(dtype=np.int64) for c in ("year", "month", "day"))
    gy, gm, gd = (x.to_numpy(dtype=np.int64) for x in (s.dt.year, s.dt.month, s.dt.day))
    del fields

    expected = s.to_numpy().astype("datetime64[D]")
    ours_out = np.asarray(ip.to_gregorian(jy, jm, jd)).astype("datetime64[D]")
    floor_out = pd.to_datetime(pd.DataFrame({"year": gy, "month": gm, "day": gd}))
    report.check(
        f"to_gregorian(to_jalali(s)) == s on all {n:,} dates",
        passed=bool(np.array_equal(ours_out, expected)),
    )
    report.check(
        "pd.to_datetime(DataFrame of Gregorian fields) == s",
        passed=bool(np.array_equal(floor_out.to_numpy().astype("datetime64[D]"), expected)),
    )
    del ours_out, floor_out, expected

    samples = run_rounds(
        {
            "to_gregorian": lambda: ip.to_gregorian(jy, jm, jd),
            "pandas": lambda: pd.to_datetime(pd.DataFrame({"year": gy, "month": gm, "day": gd})),
        },
        sizes.rounds,
        "2 J->G",
    )
    report.timings += [
        (f"2 `isipo_stats.to_gregorian(y, m, d)` (N={n:,})", n, samples["to_gregorian"]),
        (f"2 `pd.to_datetime(DataFrame(year, month, day))` (N={n:,})", n, samples["pandas"]),
    ]
    ours, alt = median(samples["to_gregorian"]), median(samples["pandas"])
    ratio = ours / alt
    report.rows.append(
        Row(
            "2",
            "Jalali → Gregorian with validation (int64 arrays)",
            f"`to_gregorian(y, m, d)`: {fmt_seconds(ours)} ({fmt_per(ours, n)})",
            f"`pd.to_datetime(pd.DataFrame({{year, month, day}}))` on Gregorian fields: "
            f"{fmt_seconds(alt)} ({fmt_per(alt, n)})",
            f"{ratio:.2f}x",
            "≤ 1.0x",
            verdict(ratio, 1.0, at_most=True),
            mins_ratio(samples["to_gregorian"], samples["pandas"]),
        )
    )


# ----------------------------------------------------------------------------- 3. grouping


def top_profile(func: Callable[[], object], count: int = 6) -> list[str]:
    """The functions with the largest own time (cProfile ``tottime``) in one call."""
    profiler = cProfile.Profile()
    profiler.enable()
    result = func()
    profiler.disable()
    del result
    stats = pstats.Stats(profiler).get_stats_profile()
    total = sum(p.tottime for p in stats.func_profiles.values())
    ranked = sorted(
        (item for item in stats.func_profiles.items() if Path(item[1].file_name) != Path(__file__)),
        key=lambda item: -item[1].tottime,
    )[:count]
    lines = []
    for name, prof in ranked:
        where = f"{Path(prof.file_name).name}:{prof.line_number}" if prof.line_number else "C"
        share = prof.tottime / total if total else 0.0
        lines.append(f"`{name}` ({where}): {fmt_seconds(prof.tottime)} own time, {share:.0%}")
    return lines


def bench_grouping(report: Report, inputs: Inputs, sizes: Sizes) -> None:
    df = pd.DataFrame({"date": inputs.dates, "v": inputs.values})
    n = len(df)

    def by_aggregate() -> pd.Series:
        return ip.aggregate(df["v"], df["date"], freq="M")

    def by_fields() -> pd.Series:
        fields = ip.to_jalali(df["date"])
        return df.groupby(fields["year"] * 100 + fields["month"])["v"].sum()

    def by_period() -> pd.Series:
        return df.groupby(df["date"].dt.to_period("M"))["v"].sum()

    agg, fld, per = by_aggregate(), by_fields(), by_period()
    report.check(
        f"aggregate(freq='M') == to_jalali fields groupby ({len(agg):,} Jalali months)",
        passed=len(agg) == len(fld)
        and bool(np.allclose(agg.to_numpy(), fld.to_numpy(dtype=np.float64), rtol=1e-9)),
    )
    report.check(
        "grand totals of the three grouping routes agree",
        passed=bool(np.allclose([agg.sum(), fld.sum()], per.sum(), rtol=1e-9)),
    )
    del agg, fld, per

    samples = run_rounds(
        {"aggregate": by_aggregate, "fields": by_fields, "to_period": by_period},
        sizes.rounds,
        "3 group",
    )
    report.timings += [
        (f"3 `isipo_stats.aggregate(v, dates, freq='M')` (N={n:,})", n, samples["aggregate"]),
        (f"3 `to_jalali` + `groupby(year*100+month)` (N={n:,})", n, samples["fields"]),
        (f"3 pandas `groupby(dt.to_period('M'))` (N={n:,})", n, samples["to_period"]),
    ]
    agg_t, fld_t, per_t = (median(samples[x]) for x in ("aggregate", "fields", "to_period"))
    alt = f"`df.groupby(df.date.dt.to_period('M'))['v'].sum()`: {fmt_seconds(per_t)}"
    agg_ratio = agg_t / per_t
    report.rows.append(
        Row(
            "3a",
            "Sum by Jalali year-month, `aggregate`",
            f"`aggregate(v, dates, freq='M')`: {fmt_seconds(agg_t)} ({fmt_per(agg_t, n, 'row')})",
            alt,
            f"{agg_ratio:.2f}x",
            "≤ 1.0x",
            verdict(agg_ratio, 1.0, at_most=True),
            mins_ratio(samples["aggregate"], samples["to_period"]),
        )
    )
    fld_ratio = fld_t / per_t
    report.rows.append(
        Row(
            "3b",
            "Sum by Jalali year-month, `to_jalali` fields + int key",
            f"`df.groupby(f.year * 100 + f.month)['v'].sum()` with `f = to_jalali(df.date)`: "
            f"{fmt_seconds(fld_t)} ({fmt_per(fld_t, n, 'row')})",
            alt,
            f"{fld_ratio:.2f}x",
            "≤ 1.0x",
            verdict(fld_ratio, 1.0, at_most=True),
            mins_ratio(samples["fields"], samples["to_period"]),
        )
    )

    # where aggregate's time goes: its two steps, timed separately (as aggregate runs them)
    labels_holder: dict[str, npt.NDArray[np.object_]] = {
        "labels": ip.period_labels(df["date"], "M").to_numpy(dtype=object)
    }
    fields = ip.to_jalali(df["date"])
    int_key = (fields["year"] * 100 + fields["month"]).to_numpy(dtype=np.int64)
    del fields
    v = df["v"].to_numpy()
    parts = run_rounds(
        {
            "period_labels": lambda: ip.period_labels(df["date"], "M").to_numpy(dtype=object),
            "groupby_labels": lambda: (
                pd.Series(v, name="v").groupby([labels_holder["labels"]], sort=True).sum()
            ),
            "to_jalali": lambda: ip.to_jalali(df["date"]),
            "groupby_int": lambda: pd.Series(v, name="v").groupby(int_key, sort=True).sum(),
        },
        sizes.rounds,
        "3 profile",
    )
    report.timings += [
        (f"3 component: `period_labels(dates, 'M')` (N={n:,})", n, parts["period_labels"]),
        (f"3 component: groupby on the {n:,} str labels + sum", n, parts["groupby_labels"]),
        (f"3 reference: `to_jalali(dates)` (N={n:,})", n, parts["to_jalali"]),
        (f"3 reference: groupby on an int64 year*100+month key + sum (N={n:,})", n,
         parts["groupby_int"]),
    ]  # fmt: skip
    pl_t, gl_t, tj_t, gi_t = (
        median(parts[x]) for x in ("period_labels", "groupby_labels", "to_jalali", "groupby_int")
    )
    profile = top_profile(by_aggregate)
    del labels_holder["labels"]

    status = (
        f"`aggregate` is **{agg_ratio:.2f}x** the time of pandas' `to_period('M')` grouping, "
        + (
            f"i.e. **{agg_ratio:.1f}x over the ≤ 1.0x target** (NOT met)"
            if agg_ratio > 1.0
            else "within the ≤ 1.0x target"
        )
        + f"; the documented fields route is {fld_ratio:.2f}x."
    )
    note = [
        f"**Note on 3a (`aggregate`).** {status}",
        "",
        f"Where `aggregate`'s time goes (N = {n:,}, medians of {sizes.rounds} interleaved "
        f"rounds; `aggregate` itself: {fmt_seconds(agg_t)}):",
        "",
        f"- `period_labels(dates, 'M')` (Jalali fields, then one Python `str` label per row "
        f"built by object-array concatenation): {fmt_seconds(pl_t)} "
        f"({pl_t / agg_t:.0%} of `aggregate`)",
        f"- `groupby` of the values on that object array of labels, sorted, `.sum()`: "
        f"{fmt_seconds(gl_t)} ({gl_t / agg_t:.0%})",
        f"- for reference, the same work on integers: `to_jalali(dates)` {fmt_seconds(tj_t)}, "
        f"`groupby` on an int64 `year*100+month` key {fmt_seconds(gi_t)} — together "
        f"{(tj_t + gi_t) / agg_t:.0%} of `aggregate`'s time.",
        "",
        "cProfile of one `aggregate` call, functions with the most own time "
        "(cProfile overhead included):",
        "",
        *[f"- {line}" for line in profile],
    ]
    report.notes.append("\n".join(note))
    if agg_ratio > 1.0:
        report.problems.append(
            f"aggregate(freq='M') is {agg_ratio:.2f}x pandas' to_period('M') groupby on "
            f"N={n:,} (target ≤ 1.0x): period_labels {fmt_seconds(pl_t)} + groupby on "
            f"str labels {fmt_seconds(gl_t)}; see the note in results.md."
        )


# ----------------------------------------------------------------------------- 4. memory


def bench_memory(report: Report, inputs: Inputs) -> None:
    s = inputs.dates_nat
    n = len(s)
    ours = [traced_peak(lambda: ip.to_jalali(s)) for _ in range(3)]
    floor = [traced_peak(lambda: (s.dt.year, s.dt.month, s.dt.day)) for _ in range(3)]
    ours_b, floor_b = median([float(x) for x in ours]), median([float(x) for x in floor])
    per_ours, per_floor = ours_b / n, floor_b / n
    report.rows.append(
        Row(
            "4",
            "Peak memory of Gregorian → Jalali (tracemalloc peak during the call / N)",
            f"`to_jalali(s)`: {per_ours:.1f} B/elem ({ours_b / 2**20:.0f} MiB)",
            f"floor `s.dt.year/.month/.day`: {per_floor:.1f} B/elem ({floor_b / 2**20:.0f} MiB)",
            f"{per_ours / per_floor:.2f}x",
            "≤ ~48 B/elem",
            verdict(per_ours, 48.0, at_most=True),
        )
    )


# ----------------------------------------------------------------------------- 5. reconcile


def figure_records(groups: int, rng: np.random.Generator) -> list[dict[str, object]]:
    """Three exact figures per metric x region x year group: YTD at months 4 and 8, the year."""
    records: list[dict[str, object]] = []
    for g in range(groups):
        metric, year, region = f"m{g % 10}", 1390 + (g // 10) % 13, f"r{g // 130}"
        month4 = float(rng.integers(100, 1_000))
        month8 = month4 + float(rng.integers(10, 500))
        whole = month8 + float(rng.integers(10, 500))
        common = {"metric": metric, "region": region, "unit": "units", "qualifier": "exact"}
        records += [
            {"id": f"g{g}-m4", "kind": "cumulative", "end": f"{year}-04", "value": month4},
            {"id": f"g{g}-m8", "kind": "cumulative", "end": f"{year}-08", "value": month8},
            {"id": f"g{g}-y", "kind": "period", "jyear": year, "value": whole},
        ]
        for record in records[-3:]:
            record.update(common)
    return records


RECONCILE_BUNDLED_TARGET = 0.030
RECONCILE_FIXED_TARGET = 0.050


def reconcile_targets(
    report: Report, samples: dict[str, list[float]], sizes: Sizes, n_reports: int
) -> None:
    """Rows 5e and 5f: one whole `reconcile` on the bundled table, and the fixed cost per call.

    The fixed cost is the intercept of the line through the two group counts' medians: what a
    call costs before its first series.
    """
    small, large = sizes.groups
    bundled = median(samples["rec_bundled"])
    report.timings.append(
        (f"5 `isipo_stats.reconcile` (bundled, {n_reports} figures)", n_reports,
         samples["rec_bundled"])
    )  # fmt: skip
    report.rows.append(
        Row(
            "5e",
            f"one whole `reconcile` on the bundled table ({n_reports} figures, `check` included)",
            fmt_seconds(bundled),
            "—",
            f"{bundled / RECONCILE_BUNDLED_TARGET:.2f} of the target",
            f"< {fmt_seconds(RECONCILE_BUNDLED_TARGET)}",
            verdict(bundled, RECONCILE_BUNDLED_TARGET, at_most=True),
            f"{min(samples['rec_bundled']) / RECONCILE_BUNDLED_TARGET:.2f} of the target",
        )
    )
    rec_s, rec_l = median(samples["rec_small"]), median(samples["rec_large"])
    per_series = (rec_l - rec_s) / (large - small)
    fixed = rec_s - per_series * small
    fastest = min(samples["rec_small"]) - small * (
        (min(samples["rec_large"]) - min(samples["rec_small"])) / (large - small)
    )
    report.rows.append(
        Row(
            "5f",
            f"fixed cost per `reconcile` call (intercept of {small:,} and {large:,} series)",
            f"{fmt_seconds(fixed)} + {fmt_per(per_series, 1, 'series')}; "
            f"{fmt_seconds(rec_s)} at {small:,} series",
            "—",
            f"{fixed / RECONCILE_FIXED_TARGET:.2f} of the target",
            f"< {fmt_seconds(RECONCILE_FIXED_TARGET)}",
            verdict(max(fixed, 1e-9), RECONCILE_FIXED_TARGET, at_most=True),
            f"{fastest / RECONCILE_FIXED_TARGET:.2f} of the target",
        )
    )


def bench_reconcile(report: Report, sizes: Sizes) -> None:
    rng = np.random.default_rng(SEED)
    small, large = sizes.groups
    tables = {g: ip.figures_from_records(figure_records(g, rng)) for g in (small, large)}
    totals = {
        g: [np.array([v]) for v in t.loc[t["kind"] == "period", "value"].to_numpy(np.float64)]
        for g, t in tables.items()
    }
    ones = np.ones(12)

    for g, table in tables.items():
        result = ip.reconcile(table)
        fitted_ok = bool(np.allclose(result.figures["fitted"], result.figures["value"]))
        all_used = bool((result.figures["status"] == "used").all())
        complete = bool((result.groups["status"] == "complete year").all())
        report.check(
            f"reconcile on {g:,} groups: every figure used and fitted, every year complete",
            passed=fitted_ok and all_used and complete and len(result.groups) == g,
            detail=f"(used {all_used}, fitted {fitted_ok}, complete {complete})",
        )
    denton = dentonm(ones, totals[small][0], freq="other", k=12)
    report.check(
        "dentonm(np.ones(12), [total], freq='other', k=12) sums to the total",
        passed=bool(np.isclose(np.sum(denton), totals[small][0][0])),
    )

    def denton_loop(g: int) -> list[object]:
        return [dentonm(ones, total, freq="other", k=12) for total in totals[g]]

    reports = ip.load_isipo_reports()
    samples = run_rounds(
        {
            "rec_small": lambda: ip.reconcile(tables[small]),
            "rec_large": lambda: ip.reconcile(tables[large]),
            "den_small": lambda: denton_loop(small),
            "den_large": lambda: denton_loop(large),
            "check_large": lambda: ip.check(tables[large]),
            "rec_bundled": lambda: ip.reconcile(reports),
        },
        sizes.rounds,
        "5 reconcile",
    )
    reconcile_targets(report, samples, sizes, len(reports))
    report.timings += [
        (f"5 `isipo_stats.reconcile` ({small:,} groups)", small, samples["rec_small"]),
        (f"5 `isipo_stats.reconcile` ({large:,} groups)", large, samples["rec_large"]),
        (f"5 `dentonm` loop ({small:,} groups)", small, samples["den_small"]),
        (f"5 `dentonm` loop ({large:,} groups)", large, samples["den_large"]),
        (f"5 `isipo_stats.check` ({large:,} groups)", large, samples["check_large"]),
    ]
    rec_s, rec_l, den_s, den_l, chk_l = (
        median(samples[x])
        for x in ("rec_small", "rec_large", "den_small", "den_large", "check_large")
    )
    scale = (rec_l / rec_s) / (large / small)
    report.rows.append(
        Row(
            "5a",
            f"`reconcile` scaling, {small:,} → {large:,} groups (3 exact figures each)",
            f"{fmt_per(rec_s, small, 'group')} at {small:,} ({fmt_seconds(rec_s)}); "
            f"{fmt_per(rec_l, large, 'group')} at {large:,} ({fmt_seconds(rec_l)})",
            f"linear scaling from {small:,} groups",
            f"{scale:.2f}",
            "~1.0 (linear)",
            (
                f"**superlinear** ({scale:.2f})"
                if scale > 1.2
                else "linear"
                if scale >= 0.8
                else "better than linear (a fixed cost per call dominates the smaller size)"
            ),
            f"{min(samples['rec_large']) / min(samples['rec_small']) / (large / small):.2f}",
        )
    )
    for key, size, g, rec, den in (
        ("5b", "small", small, rec_s, den_s),
        ("5c", "large", large, rec_l, den_l),
    ):
        ratio = (rec / g) / (den / g)
        report.rows.append(
            Row(
                key,
                f"`reconcile` vs statsmodels Denton, {g:,} groups",
                f"`reconcile(table)`: {fmt_per(rec, g, 'group')}",
                f"`dentonm(np.ones(12), [year total], freq='other', k=12)`, one call per group "
                f"in a Python loop: {fmt_per(den, g, 'group')}",
                f"{ratio:.2f}x",
                "— (not a like-for-like task)",
                "faster" if ratio < 1.0 else "slower",
                mins_ratio(samples[f"rec_{size}"], samples[f"den_{size}"]),
            )
        )
    report.rows.append(
        Row(
            "5d",
            f"`check(table)` alone, {large:,} groups",
            f"`check(table)`: {fmt_seconds(chk_l)} ({fmt_per(chk_l, large, 'group')})",
            f"`reconcile(table)` (which runs `check`): {fmt_seconds(rec_l)}",
            f"{chk_l / rec_l:.2f}x",
            "—",
            "share of `reconcile`",
            mins_ratio(samples["check_large"], samples["rec_large"]),
        )
    )


# ----------------------------------------------------------------------------- report


def machine_line() -> str:
    model = "unknown CPU"
    mem = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        model = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
        kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError, IndexError):
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    nproc = len(os.sched_getaffinity(0))
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"nproc {nproc}, {model}{mem}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
        f"jdatetime {jdatetime.__VERSION__}, statsmodels {version('statsmodels')}; "
        f"isipo_stats {ip.__version__} (git {commit}); {date}"
    )


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unknown"


def escape(cell: str) -> str:
    return cell.replace("|", "\\|")


def render(
    report: Report, sizes: Sizes, *, quick: bool, machine: str, wall: float, loads: tuple[str, str]
) -> str:
    mode = "a QUICK smoke test: small sizes, not representative" if quick else "default sizes"
    lines = [
        "# isipo_stats benchmarks",
        "",
        f"Generated by `python benchmarks/run.py{' --quick' if quick else ''}` ({mode}).",
        "",
        f"**Machine:** {machine}",
        "",
        f"N = {sizes.n:,} random daily dates uniform over {FIRST_DAY}..{LAST_DAY} "
        f"(seed {SEED}); jdatetime sample {sizes.jdatetime_sample:,}; reconciliation groups "
        f"{sizes.groups[0]:,} and {sizes.groups[1]:,}. Each timing: one warm-up, then "
        f"{sizes.rounds} interleaved rounds, median. Every ratio is ours / the alternative, "
        f"measured in this same process run. Whole run: {wall:.0f} s. Load average (1, 5, "
        f"15 min) at the start: {loads[0]}; at the end: {loads[1]} (on {os.cpu_count()} "
        "CPUs: other work on a shared host inflates medians; the last column compares the "
        "fastest sample of each route, the verdicts use the medians).",
        "",
        "| # | figure | isipo_stats (median) | alternative (median) | ratio (medians) "
        "| target | verdict | ratio of fastest samples |",
        "|---|---|---|---|---:|---|---|---:|",
    ]
    for row in report.rows:
        cells = [row.key, row.figure, row.ours, row.alternative, row.ratio, row.target]
        cells += [row.verdict, row.ratio_of_mins]
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    lines += ["", "## Notes", ""]
    for note in report.notes:
        lines += [note, ""]
    if not report.notes:
        lines += ["(none)", ""]
    lines += [
        "## Raw timings",
        "",
        "| route | median | min | max | per item | samples |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, count, samples in report.timings:
        med = median(samples)
        lines.append(
            f"| {escape(name)} | {fmt_seconds(med)} | {fmt_seconds(min(samples))} | "
            f"{fmt_seconds(max(samples))} | {fmt_per(med, count, 'item')} | {len(samples)} |"
        )
    lines += ["", "## Correctness checks (outside the timed regions)", ""]
    lines += [
        f"- {'ok' if passed else '**FAILED**'}: {name} {detail}".rstrip()
        for name, passed, detail in report.checks
    ]
    lines += ["", "## Problems found", ""]
    lines += [f"- {p}" for p in report.problems] or ["- none"]
    return "\n".join(lines) + "\n"


SECTIONS = ("forward", "reverse", "grouping", "memory", "reconcile")
"""Names for ``--only``: benchmarks 1 to 5."""


def run_date_benchmarks(report: Report, sizes: Sizes, only: str | None = None) -> None:
    """Benchmarks 1-4 (or the one named ``only``), on shared random dates."""
    log(f"building inputs (N = {sizes.n:,}) ...")
    inputs = make_inputs(sizes.n)
    runs: dict[str, tuple[str, Callable[[], None]]] = {
        "forward": ("1 Gregorian -> Jalali", lambda: bench_forward(report, inputs, sizes)),
        "reverse": ("2 Jalali -> Gregorian", lambda: bench_reverse(report, inputs, sizes)),
        "grouping": (
            "3 grouping by Jalali month",
            lambda: bench_grouping(report, inputs, sizes),
        ),
        "memory": ("4 peak memory", lambda: bench_memory(report, inputs)),
    }
    for key, (name, func) in runs.items():
        if only in (None, key):
            section(report, name, func)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke test")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds per timing")
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent / "results.md",
        help="where to write the Markdown report (default: benchmarks/results.md)",
    )
    parser.add_argument("--only", choices=SECTIONS, help="run one benchmark section only")
    args = parser.parse_args(argv)
    quick: bool = args.quick
    sizes = QUICK if quick else DEFAULT
    if args.rounds is not None:
        sizes = Sizes(sizes.n, sizes.jdatetime_sample, sizes.groups, max(1, args.rounds))

    started = time.perf_counter()
    load_start = load_average()
    report = Report()
    machine = machine_line()
    log(machine)
    if args.only != "reconcile":
        run_date_benchmarks(report, sizes, args.only)
    gc.collect()
    if args.only in (None, "reconcile"):
        section(report, "5 reconciliation", lambda: bench_reconcile(report, sizes))

    wall = time.perf_counter() - started
    loads = (load_start, load_average())
    text = render(report, sizes, quick=quick, machine=machine, wall=wall, loads=loads)
    print(text)
    output: Path = args.output
    output.write_text(text, encoding="utf-8")
    log(f"written to {output}")
    return 1 if any(not passed for _, passed, _ in report.checks) else 0


if __name__ == "__main__":
    raise SystemExit(main())
