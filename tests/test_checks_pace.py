"""Plausibility and flow checks across the family of cases: invariants, sparse series, years.

The property tests hold for any metric, Jalali year and spacing of reports: a pace ratio is
a ratio of paces (a change of unit leaves it), a series rising at a constant pace is never
a jump, and a flow that fits between two exact totals is never flagged.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats.checks import Tolerances
from isipo_stats.errors import ToleranceError

METRICS = st.sampled_from([("jobs_created", "jobs"), ("revived_units", "units"),
                           ("new_units", "units"), ("sme_exports", "usd")])  # fmt: skip
YEARS = st.integers(1380, 1420)


def _day(year: int, day: int) -> str:
    """The Jalali date of day ``day`` (1-based, at most 365) of ``year`` as YYYY-MM-DD."""
    if day <= 186:  # six months of 31 days
        month, first = (day - 1) // 31 + 1, ((day - 1) // 31) * 31
    else:  # then months of 30 days
        month, first = 7 + (day - 187) // 30, 186 + ((day - 187) // 30) * 30
    return f"{year}-{month:02d}-{day - first:02d}"


def _series(metric: tuple[str, str], year: int, points: list[tuple[int, float]],
            previous: float | None = None) -> list[dict[str, Any]]:  # fmt: skip
    name, unit = metric
    records = [
        {"id": f"p{k}", "metric": name, "unit": unit, "kind": "cumulative",
         "end": _day(year, day), "value": value}
        for k, (day, value) in enumerate(points)
    ]  # fmt: skip
    if previous is not None:
        records.append({"id": "prev", "metric": name, "unit": unit, "kind": "period",
                        "jyear": year - 1, "value": previous})  # fmt: skip
    return records


def _check(records: list[dict[str, Any]], name: str, **tolerances: float) -> pd.DataFrame:
    flags = ist.check(ist.figures_from_records(records), tolerances=Tolerances(**tolerances))
    return flags[flags["check"] == name].reset_index(drop=True)


DAYS = st.lists(st.integers(1, 365), min_size=1, max_size=8, unique=True).map(sorted)


@given(METRICS, YEARS, DAYS, st.floats(0.01, 5000.0), st.booleans())
def test_a_constant_pace_in_whole_numbers_is_never_a_jump(
    metric: tuple[str, str], year: int, days: list[int], pace: float, with_previous: bool
) -> None:
    points = [(d, float(round(pace * d))) for d in days]
    previous = float(round(pace * 365)) if with_previous else None
    assert _check(_series(metric, year, points, previous), "pace_jump").empty


@given(METRICS, YEARS, DAYS, st.lists(st.integers(1, 10**6), min_size=8, max_size=8),
       st.integers(-3, 6))  # fmt: skip
def test_a_change_of_unit_leaves_the_pace_findings(
    metric: tuple[str, str], year: int, days: list[int], rises: list[int], power: int
) -> None:
    totals = [float(sum(rises[: k + 1])) for k in range(len(days))]
    records = _series(metric, year, list(zip(days, totals, strict=False)))
    flags = _check(records, "pace_jump")
    times = flags["value"] / (flags["expected_high"] / Tolerances().pace_factor)
    assume(((times - 5.0).abs() > 1e-6).all())  # not on the edge, where rounding decides
    scaled = [{**r, "value": r["value"] * 10.0**power} for r in records]
    again = _check(scaled, "pace_jump")
    assert again["figure_ids"].tolist() == flags["figure_ids"].tolist()
    again_times = again["value"] / (again["expected_high"] / Tolerances().pace_factor)
    assert again_times.to_numpy() == pytest.approx(times.to_numpy(), rel=1e-9)


@given(METRICS, YEARS, DAYS, st.lists(st.integers(0, 10**5), min_size=8, max_size=8),
       st.floats(1.0, 20.0), st.floats(1.0, 4.0))  # fmt: skip
def test_a_larger_pace_factor_never_adds_a_finding(
    metric: tuple[str, str], year: int, days: list[int], rises: list[int], factor: float,
    more: float,
) -> None:  # fmt: skip
    totals = [float(sum(rises[: k + 1])) for k in range(len(days))]
    records = _series(metric, year, list(zip(days, totals, strict=False)))
    strict = set(_check(records, "pace_jump", pace_factor=factor)["figure_ids"])
    loose = set(_check(records, "pace_jump", pace_factor=factor * more)["figure_ids"])
    assert loose <= strict


def test_a_sparse_series_is_judged_only_with_a_baseline() -> None:
    # 50 by the 10th day of 1401 and 900 by the 20th: too early for a pace of its own, so
    # not judged, unless 1400 gives a pace ("730": up to 735 in 365 days, 2.014 a day)
    jump = [(10, 50.0), (20, 900.0)]
    metric = ("revived_units", "units")
    assert _check(_series(metric, 1401, jump), "pace_jump").empty
    flag = _check(_series(metric, 1401, jump, previous=730.0), "pace_jump")
    # "900" is at least 850 and "50" at most 55: 795 in 10 days, 79.5 a day, 39.48 times
    assert flag["message"].tolist() == [
        "p1: year-to-date revived_units went from 50 on 2022-03-30 (p0) to 900 on "
        "2022-04-09, a rise of at least 795 in 10 days (79.5 a day), 39.48 times its pace "
        "in 1400 (2.014 a day)"
    ]
    # one figure alone, or a series that only falls, says nothing of its pace
    assert _check(_series(metric, 1401, jump[1:], previous=730.0), "pace_jump").empty
    # from pace_min_days on, the year's own pace counts: 50 by day 60 is 0.85 a day
    late = _check(_series(metric, 1401, [(60, 50.0), (70, 900.0)]), "pace_jump")
    assert late["figure_ids"].tolist() == ["p0, p1"]


def test_several_figures_on_one_day_give_the_smallest_step() -> None:
    # 400 and 450 on one day, then 520: the step is read from 450, never from 400
    metric = ("revived_units", "units")
    records = [*_series(metric, 1400, [(146, 400.0), (155, 520.0)]),
               {"id": "q", "metric": "revived_units", "unit": "units", "kind": "cumulative",
                "end": _day(1400, 146), "value": 450.0}]  # fmt: skip
    flags = _check(records, "pace_jump", pace_factor=1.0)
    assert flags["figure_ids"].tolist() == ["q, p1"]


@given(YEARS, DAYS, st.lists(st.integers(1, 500), min_size=8, max_size=8),
       st.floats(5.5, 45.0))  # fmt: skip
def test_jobs_in_proportion_to_units_are_never_implausible(
    year: int, days: list[int], units: list[int], per_unit: float
) -> None:
    totals = [sum(units[: k + 1]) for k in range(len(days))]
    records = [
        *_series(("revived_units", "units"), year, list(zip(days, map(float, totals),
                                                            strict=False))),
        *[{**r, "id": "j" + r["id"]} for r in _series(
            ("jobs_created", "jobs"), year,
            [(d, float(t) * per_unit) for d, t in zip(days, totals, strict=False)])],
    ]  # fmt: skip
    assert _check(records, "jobs_per_unit").empty


def test_the_jobs_per_unit_band_is_a_setting() -> None:
    records = [
        {"id": "j", "metric": "new_unit_jobs", "unit": "jobs", "kind": "period", "jyear": 1400,
         "stated": "about 30,000"},
        {"id": "u", "metric": "new_units", "unit": "units", "kind": "period", "jyear": 1400,
         "value": 1600},
    ]  # fmt: skip
    assert _check(records, "jobs_per_unit").empty  # 18.75 a unit
    narrow = _check(records, "jobs_per_unit", jobs_per_unit_low=5.0, jobs_per_unit_high=15.0)
    assert narrow["message"].tolist() == [
        "j / u: about 30,000 new_unit_jobs for 1,600 new_units: 18.75 new_unit_jobs per "
        "new_units, outside the plausible 5 to 15"
    ]
    # a ratio pair whose figures are not jobs and units is not read as jobs per unit
    money = [{**records[0], "unit": "rial", "stated": "30 trillion rials"}, records[1]]
    assert _check(money, "jobs_per_unit").empty
    with pytest.raises(ToleranceError, match=r"jobs_per_unit_low \(60\.0\) must not be above"):
        Tolerances(jobs_per_unit_low=60.0)
    with pytest.raises(ToleranceError, match="pace_factor must be a finite factor"):
        Tolerances(pace_factor=0.5)


FLOW = {"metric": "sme_exports", "kind": "period"}


@given(YEARS, st.integers(2, 300), st.integers(1, 30), st.integers(1, 30),
       st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))  # fmt: skip
def test_a_flow_that_fits_between_two_exact_totals_is_never_flagged(
    year: int, start: int, length: int, after: int, before: int, flow: int, extra: int
) -> None:
    end = min(start + length, 364)
    later = min(end + after, 365)
    records = [
        {"id": "b", **FLOW, "unit": "usd", "kind": "cumulative", "end": _day(year, start - 1),
         "value": float(before)},
        {"id": "f", **FLOW, "unit": "usd", "start": _day(year, start), "end": _day(year, end),
         "value": float(flow)},
        {"id": "c", **FLOW, "unit": "usd", "kind": "cumulative", "end": _day(year, later),
         "value": float(before + flow + extra)},
    ]  # fmt: skip
    assert _check(records, "flow_exceeds_rise").empty
    # one more than the room is an error naming the three, with the room as its limit
    records[2]["value"] = float(before + flow - 1)
    flags = _check(records, "flow_exceeds_rise")
    # (with flow 0 the later total falls below the earlier one, and with nothing before
    # the flow is above the later total itself: other checks' findings)
    if flow >= 1 and before >= 1:
        assert flags[["figure_ids", "severity", "expected_high"]].to_numpy().tolist() == [
            ["f, b, c", "error", float(flow - 1)]]  # fmt: skip


def test_a_flow_is_judged_against_the_tightest_totals_around_it() -> None:
    # Mehr 1402: $2.9 billion; 6.1 by Shahrivar's end (and 5.0 by Mordad's), at most 8.5
    # by Aban's end ("up to", and 9.0 by Azar's): at most 8.5 - 6.1 = 2.4 billion
    usd = {**FLOW, "unit": "usd", "kind": "cumulative"}
    records = [
        {"id": "m5", **usd, "end": "1402-05-31", "stated": "$5 billion"},
        {"id": "m6", **usd, "end": "1402-06-31", "stated": "$6.1 billion"},
        {"id": "m8", **usd, "end": "1402-08-30", "stated": "up to $8.5 billion"},
        {"id": "m9", **usd, "end": "1402-09-30", "stated": "$9 billion"},
        {"id": "mehr", **FLOW, "start": "1402-07-01", "end": "1402-07-30",
         "stated": "$2.9 billion"},
    ]  # fmt: skip
    flags = _check(records, "flow_exceeds_rise")
    assert flags[["figure_ids", "severity", "message"]].to_numpy().tolist() == [[
        "mehr, m6, m8", "warning",
        "mehr: sme_exports 2.9 billion over 2023-09-23..2023-10-22 is more than the "
        "year-to-date total can rise then: it is at least 6.1 billion on 2023-09-22 (m6) and "
        "at most 8.5 billion on 2023-11-21 (m8), a rise of at most 2.4 billion",
    ]]  # fmt: skip
    # reconcile leaves the flow out with that finding and reports nothing more about it
    result = ist.reconcile(ist.figures_from_records(records))
    assert result.figures.set_index("id").loc["mehr", "reason"] == "flagged: flow_exceeds_rise"
    assert "flow_infeasible" not in set(result.flags["check"])
    # a flow above the later total itself is period_exceeds_cumulative's, not this check's
    records[-1]["stated"] = "$9.9 billion"
    assert _check(records, "flow_exceeds_rise").empty
    assert not _check(records, "period_exceeds_cumulative").empty


def test_implied_rate_names_the_year_of_its_figures() -> None:
    # a credit level with no year of its own, published in 1401: compared in 1401, named
    # in no year
    records = [
        {"id": "r", "metric": "credit", "kind": "level", "stated": "60 trillion rials",
         "published": "2023-02-22"},
        {"id": "d", "metric": "credit", "kind": "level", "stated": "more than $132.7 million",
         "published": "2023-02-22", "equivalent_of": "r"},
    ]  # fmt: skip
    flags = _check(records, "implied_rate")
    assert flags["jyear"].isna().tolist() == [True]
    assert flags["message"].tolist() == [
        "r (60 trillion rial) and d (132,700,000 usd) imply 452,148 rial per dollar; fewer "
        "than three pairs in 1401 (the year it was published) to compare"
    ]
    bundled = ist.check(ist.load_isipo_reports())
    credit = bundled[bundled["figure_ids"] == "s000-03, s000-04"]
    assert credit["jyear"].isna().all()


@pytest.mark.parametrize(
    ("jobs", "units"),
    [
        (("9,000", "9,000"), ("500", "560")),  # jobs did not rise: no ratio of a rise
        (("9,000", "9,100"), ("500", "501")),  # "500" to "501" may be no rise at all
        (("9,000", "8,000"), ("500", "600")),  # a fall: cumulative_decrease's finding
    ],
)
def test_a_rise_that_may_be_none_is_not_judged_per_unit(
    jobs: tuple[str, str], units: tuple[str, str]
) -> None:
    base = {"region": "Iran", "kind": "cumulative"}
    records = [
        {"id": f"j{k}", "metric": "jobs_created", "unit": "jobs", "end": end, "stated": s, **base}
        for k, (end, s) in enumerate(zip(("1400-05-22", "1400-05-31"), jobs, strict=True))
    ] + [
        {"id": f"u{k}", "metric": "revived_units", "unit": "units", "end": end, "stated": s,
         **base}
        for k, (end, s) in enumerate(zip(("1400-05-22", "1400-05-31"), units, strict=True))
    ]  # fmt: skip
    found = ist.check(ist.figures_from_records(records))
    assert (found["check"] == "jobs_per_unit").sum() == 0
