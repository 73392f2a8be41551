"""Every check unit: a case with its exact findings, and the registry's own promises.

A new unit without a case here fails ``test_every_unit_has_a_case``: adding a check is
adding one unit and its case.
"""

from __future__ import annotations

import dataclasses
import string
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats.checks import UNITS, Tolerances
from isipo_stats.checks._registry import findings
from isipo_stats.checks._table import Table, join
from isipo_stats.checks._text import Template
from isipo_stats.checks.rates import group_medians

R = {"metric": "revived_units", "unit": "units"}
MONEY = {"metric": "investment", "kind": "period", "start": "2024-05-01", "end": "2024-05-31"}
RATES = [
    {"id": "r1", **MONEY, "stated": "294.8 trillion rials"},
    {"id": "u1", **MONEY, "stated": "$60 million", "equivalent_of": "r1"},
    {"id": "r2", **MONEY, "stated": "1.88 trillion rials"},
    {"id": "u2", **MONEY, "stated": "$3.82 million", "equivalent_of": "r2"},
    {"id": "r3", **MONEY, "stated": "18.35 trillion rials"},
    {"id": "u3", **MONEY, "stated": "$37.8 million", "equivalent_of": "r3"},
]
RATIOS = [
    record
    for i, (units, jobs) in enumerate([(2067, 39000), (1726, 30000), (1000, 18000), (500, 40000)])
    for record in (
        {"id": f"u{i}", **R, "kind": "period", "jyear": 1396 + i, "value": units},
        {"id": f"j{i}", "metric": "jobs_created", "unit": "jobs", "kind": "period",
         "jyear": 1396 + i, "value": jobs},
    )
]  # fmt: skip
TARGETS = [
    {"id": "t1", **R, "kind": "target", "jyear": 1399, "value": 1500, "published": "2020-05-01"},
    {"id": "t2", **R, "kind": "target", "jyear": 1399, "value": 2000, "published": "2020-11-01"},
    {"id": "t7", **R, "kind": "target", "start": "1399-01-01", "end": "1399-07-30", "value": 1500},
    {"id": "a7", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
    {"id": "t0", **R, "kind": "target", "jyear": 1400, "value": 2000},
    {"id": "a0", **R, "kind": "period", "jyear": 1400, "value": 2067},
]

# finder name -> (records, the check's findings: figure_ids, severity, message)
CASES: dict[str, tuple[list[dict[str, Any]], list[tuple[str, str, str]]]] = {
    "date_label_mismatch": (
        [{"id": "t", **R, "kind": "target", "jyear": 1399, "value": 2000,
          "stated_dates": "start=2020-03-20; end=2021-03-19"}],
        [("t", "warning", "t: the text gives 2021-03-19 for the end of the span, but "
          "1399-12-30 is 2021-03-20 (the stated date is 1 day earlier)")],
    ),
    "cumulative_decrease": (
        [{"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
         {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "value": 700}],
        [("a, b", "error", "b: year-to-date revived_units 700 as of 2020-12-20 is below 819 "
          "as of 2020-10-21 (a), by 119")],
    ),
    "period_exceeds_cumulative": (
        [{"id": "c", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
         {"id": "p", **R, "kind": "period", "start": "1399-03-01", "end": "1399-05-31",
          "value": 900}],
        [("p, c", "error", "p: 900 revived_units over 2020-05-21..2020-08-21 exceeds the "
          "year-to-date total 819 as of 2020-10-21 (c)")],
    ),
    # 600 by the end of Shahrivar and 800 by the end of Aban leave a rise of at most 200 for
    # Mehr, not 300; in another year "over 600" and "about 300" (270..330) do not fit either
    "flow_exceeds_rise": (
        [{"id": "h", **R, "kind": "cumulative", "end": "1400-06-31", "value": 600},
         {"id": "a", **R, "kind": "cumulative", "end": "1400-08-30", "value": 800},
         {"id": "m", **R, "kind": "period", "start": "1400-07-01", "end": "1400-07-30",
          "value": 300},
         {"id": "h2", **R, "kind": "cumulative", "end": "1401-06-31", "stated": "over 600"},
         {"id": "a2", **R, "kind": "cumulative", "end": "1401-08-30", "value": 860},
         {"id": "m2", **R, "kind": "period", "start": "1401-07-01", "end": "1401-07-30",
          "stated": "about 300"}],
        [("m, h, a", "error", "m: revived_units 300 over 2021-09-23..2021-10-22 is more than "
          "the year-to-date total can rise then: it is at least 600 on 2021-09-22 (h) and at "
          "most 800 on 2021-11-21 (a), a rise of at most 200"),
         ("m2, h2, a2", "warning", "m2: revived_units about 300 over 2022-09-23..2022-10-22 is "
          "more than the year-to-date total can rise then: it is at least 600 on 2022-09-22 "
          "(h2) and at most 860 on 2022-11-21 (a2), a rise of at most 260")],
    ),
    # 300 new units by the end of Shahrivar 1402 ("300": 250..350, 350 / 186 days = 1.88 a
    # day), then 1,480 ten days later ("1,480": 1,475..1,485): at least 1,475 - 350 = 1,125,
    # 112.5 a day, 59.79 times;
    # exports: $500 million 20 days into 1402 is too early for a pace of its own, so the
    # pace of 1401 ($4 billion: up to $4.5 billion / 365 days) is the baseline; "about $2.4
    # billion" is at least 2.35 and "$500 million" at most 0.55: 1.8 billion in 21 days
    "pace_jump": (
        [{"id": "n1", "metric": "new_units", "unit": "units", "kind": "cumulative",
          "end": "1402-06-31", "value": 300},
         {"id": "n2", "metric": "new_units", "unit": "units", "kind": "cumulative",
          "end": "1402-07-10", "value": 1480},
         {"id": "x0", "metric": "sme_exports", "kind": "period", "jyear": 1401,
          "stated": "$4 billion"},
         {"id": "x1", "metric": "sme_exports", "kind": "cumulative", "end": "1402-01-20",
          "stated": "$500 million"},
         {"id": "x2", "metric": "sme_exports", "kind": "cumulative", "end": "1402-02-10",
          "stated": "about $2.4 billion"}],
        [("n1, n2", "warning", "n2: year-to-date new_units went from 300 on 2023-09-22 (n1) to "
          "1,480 on 2023-10-02, a rise of at least 1,125 in 10 days (112.5 a day), 59.79 times "
          "its pace since Nowruz (1.882 a day)"),
         ("x1, x2", "warning", "x2: year-to-date sme_exports went from 500,000,000 on "
          "2023-04-09 (x1) to about 2.4 billion on 2023-04-30, a rise of at least 1.8 billion "
          "in 21 days (85,714,286 a day), 6.952 times its pace in 1401 (12,328,767 a day)")],
    ),
    # 12,000 jobs for 100 units is 120 a unit; 3,000 -> 9,000 jobs for 200 -> 260 units is
    # 6,000 jobs for 60 units, 100 a unit (each date alone gives 15 and 34.6: plausible)
    "jobs_per_unit": (
        [{"id": "j", "metric": "jobs_created", "unit": "jobs", "kind": "period", "jyear": 1401,
          "value": 12000},
         {"id": "u", **R, "kind": "period", "jyear": 1401, "value": 100},
         {"id": "j1", "metric": "jobs_created", "unit": "jobs", "kind": "cumulative",
          "end": "1402-03-31", "value": 3000},
         {"id": "j2", "metric": "jobs_created", "unit": "jobs", "kind": "cumulative",
          "end": "1402-04-15", "stated": "over 9,000"},
         {"id": "u1", **R, "kind": "cumulative", "end": "1402-03-31", "value": 200},
         {"id": "u2", **R, "kind": "cumulative", "end": "1402-04-15", "value": 260}],
        [("j, u", "warning", "j / u: 12,000 jobs_created for 100 revived_units: 120 "
          "jobs_created per revived_units, outside the plausible 5 to 50"),
         ("j1, j2, u1, u2", "warning", "the rise from 3,000 to over 9,000 jobs_created (j1, "
          "j2) for the rise from 200 to 260 revived_units (u1, u2) between 2023-06-21 and "
          "2023-07-06: 100 jobs_created per revived_units, outside the plausible 5 to 50")],
    ),
    "conflicting_figures": (
        [{"id": "a", **R, "kind": "period", "jyear": 1400, "value": 2067},
         {"id": "b", **R, "kind": "period", "jyear": 1400, "value": 2500}],
        [("a, b", "error", "a and b state revived_units over 2021-03-21..2022-03-20 as exact "
          "2,067 and exact 2,500: both cannot hold")],
    ),
    "bound_violation_over_time": (
        [{"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
         {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "stated": "up to 700"}],
        [("a, b", "error", "b: year-to-date revived_units 700 as of 2020-12-20 is below 819 "
          "as of 2020-10-21 (a), by 119")],
    ),
    "bound_violation_same_span": (
        [{"id": "a", **R, "kind": "period", "jyear": 1400, "value": 2067},
         {"id": "b", **R, "kind": "period", "jyear": 1400, "stated": "over 2,500"}],
        [("a, b", "error", "a and b state revived_units over 2021-03-21..2022-03-20 as exact "
          "2,067 and lower 2,500: both cannot hold")],
    ),
    "components_mismatch": (
        [{"id": "t", **R, "kind": "period", "jyear": 1400, "value": 100},
         {"id": "a", **R, "kind": "period", "jyear": 1400, "value": 80, "part_of": "t"},
         {"id": "b", **R, "kind": "period", "jyear": 1400, "value": 30, "part_of": "t"}],
        [("t, a, b", "error", "t: its 2 parts (a, b) sum to 110 units, above the stated "
          "total 100")],
    ),
    "implied_rate_outlier": (
        RATES,
        [("r1, u1", "warning", "r1 (294.8 trillion rial) and u1 (60,000,000 usd) imply "
          "4,913,333 rial per dollar, 9.983 times the median of the pairs of the year "
          "(492,147)")],
    ),
    "ratio_outlier": (
        RATIOS,
        [("j3, u3", "warning", "j3 / u3: jobs_created per revived_units is 80, against a "
          "median of 18.43 in the other figures")],
    ),
    "implied_rate": (
        RATES[2:4],
        [("r2, u2", "info", "r2 (1.88 trillion rial) and u2 (3,820,000 usd) imply "
          "492,147 rial per dollar; fewer than three pairs in that year to compare")],
    ),
    "target_revised": (
        TARGETS,
        [("t1, t2", "info", "target for revived_units over 2020-03-20..2021-03-20 restated "
          "from 1,500 (t1) to 2,000 (t2)")],
    ),
    "target_missed": (
        TARGETS,
        [("t7, a7", "info", "a7: exact 819 revived_units fell short of the target 1,500 (t7) "
          "for 2020-03-20..2020-10-21")],
    ),
    "target_exceeded": (
        TARGETS,
        [("t0, a0", "info", "a0: exact 2,067 revived_units reached the target 2,000 (t0) for "
          "2021-03-21..2022-03-20")],
    ),
    "span_outside_year": (
        [{"id": "s", **R, "kind": "period", "jyear": 1399, "start": "1399-11-01",
          "end": "1400-01-15", "value": 5}],
        [("s", "error", "s: the span 2021-01-20..2021-04-04 runs outside Jalali year 1399 "
          "(2020-03-20..2021-03-20)")],
    ),
    "negative_value": (
        [{"id": "n", **R, "kind": "period", "jyear": 1400, "value": -3}],
        [("n", "error", "n: negative value -3")],
    ),
    "published_before_span_end": (
        [{"id": "e", **R, "kind": "cumulative", "end": "1400-07-30", "value": 9,
          "published": "2021-09-01"}],
        [("e", "error", "e: published by 2021-09-01, before the end of the span it reports "
          "(2021-10-22)")],
    ),
    "publication_window": (
        [{"id": "early", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
         {"id": "late", **R, "kind": "cumulative", "end": "1399-11-30", "value": 1500},
         {"id": "u", **R, "kind": "cumulative", "jyear": 1399, "value": 1170,
          "published_from": "2020-03-20", "published_to": "2021-03-20"}],
        [("u", "info", "u: published between 2020-10-22 and 2021-02-17 to agree with the "
          "others (after the as-of date of early; before the as-of date of late)")],
    ),
    # 400 of a 1,600 target is 25 percent, not "about 23" (about 23 is 22.5..23.5)
    "derived_mismatch": (
        [{"id": "a", **R, "kind": "cumulative", "end": "1400-05-22", "value": 400},
         {"id": "t", **R, "kind": "target", "jyear": 1400, "value": 1600},
         {"id": "s", "metric": "revived_share_of_target", "kind": "level", "jyear": 1400,
          "stated": "about 23 percent", "derived": "share", "of": "a", "base": "t"}],
        [("s", "warning", "s: states a share of 23 (a / t), but the figures give 25 "
          "(400 / 1,600)")],
    ),
    # 35 trillion rials as "over $833 million" (42,017 a dollar) and as "over $117.8 million"
    "conversion_differs": (
        [{"id": "r1", **MONEY, "value": 35e12, "unit": "rial"},
         {"id": "d1", **MONEY, "value": 833e6, "unit": "usd", "qualifier": "lower",
          "equivalent_of": "r1"},
         {"id": "r2", **MONEY, "value": 35e12, "unit": "rial"},
         {"id": "d2", **MONEY, "value": 117.8e6, "unit": "usd", "qualifier": "lower",
          "equivalent_of": "r2"}],
        [("d1, d2, r1, r2", "warning", "d1 and d2 give the same 35 trillion rial "
          "(r1, r2) as 833,000,000 and 117,800,000 usd: 42,017 and 297,114 rial per dollar, "
          "a change of exchange rate, not of amount")],
    ),
    "conversion_rate_jump": (
        [{"id": "r1", "metric": "exports", "unit": "rial", "kind": "cumulative",
          "end": "1401-03-31", "value": 42e12},
         {"id": "d1", "metric": "exports", "unit": "usd", "kind": "cumulative",
          "end": "1401-03-31", "value": 1e9, "equivalent_of": "r1"},
         {"id": "r2", "metric": "exports", "unit": "rial", "kind": "cumulative",
          "end": "1401-06-31", "value": 60e12},
         {"id": "d2", "metric": "exports", "unit": "usd", "kind": "cumulative",
          "end": "1401-06-31", "value": 0.2e9, "equivalent_of": "r2"}],
        [("d1, d2, r1, r2", "warning", "d1 and d2: year-to-date 1 billion and 200,000,000 "
          "usd for r1, r2 imply 42,000 and 300,000 rial per dollar: the dollar figures moved "
          "with the rate, not with the amount")],
    ),
    "stated_unread": (
        [{"id": "p", **R, "kind": "period", "jyear": 1400, "stated": "a dozen or so",
          "value": 12, "qualifier": "approx"}],
        [("p", "info", "p: the stated 'a dozen or so' is not read; the row's own approx 12 "
          "units is used")],
    ),
}  # fmt: skip

BY_FINDER = {u.find.__name__: u for u in UNITS}


def test_every_unit_has_a_case() -> None:
    assert sorted(BY_FINDER) == sorted(CASES)


@pytest.mark.parametrize("finder", sorted(CASES))
def test_unit_finds_its_case(finder: str) -> None:
    records, expected = CASES[finder]
    unit = BY_FINDER[finder]
    table = ist.figures_from_records(records)
    flags = ist.check(table)
    mine = flags[flags["check"] == unit.name]
    # the unit's own template wrote it (two units report bound_violation)
    mine = mine[[text.startswith(tuple(_prefixes(unit.template))) for text in mine["message"]]]
    found = list(zip(mine["figure_ids"], mine["severity"], mine["message"], strict=True))
    assert found == expected


def _prefixes(template: Template) -> list[str]:
    """The literal text a message of the template starts with after its first field."""
    literal, field, _ = template.parts[0]
    return [literal] if field is None or literal else [""]


def test_units_report_in_the_documented_order() -> None:
    names = list(dict.fromkeys(u.name for u in UNITS))
    assert [*names, "infeasible_band", "flow_infeasible"] == list(ist.CHECKS)  # reconcile's
    assert names == [
        "date_label_mismatch", "cumulative_decrease", "period_exceeds_cumulative",
        "flow_exceeds_rise", "conflicting_figures", "bound_violation", "components_mismatch", "implied_rate_outlier",
        "ratio_outlier", "implied_rate", "conversion_differs", "conversion_rate_jump",
        "pace_jump", "jobs_per_unit", "derived_mismatch", "target_revised", "target_missed", "target_exceeded",
        "span_outside_year", "negative_value", "published_before_span_end", "stated_unread",
        "publication_window",
    ]  # fmt: skip
    assert all(ist.CHECKS[name] for name in names)


def test_templates_name_only_known_fields() -> None:
    known = set(string.ascii_lowercase)  # every field is a name: checked by the cases above
    for unit in UNITS:
        assert unit.template.fields, unit.name
        assert all(set(field) <= known | set("_") for field in unit.template.fields)


def test_a_template_with_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'x'"):
        Template("{value:x}")
    with pytest.raises(ValueError, match="every field needs a name"):
        Template("{} and {}")


UNDECLARED_SCALE = {"approx_tolerance": 3.0, "approx_floor": 4.0, "component_tolerance": 10.0,
                    "rate_tolerance": 3.0, "ratio_tolerance": 3.0, "pace_factor": 3.0,
                    "pace_min_days": 3.0, "jobs_per_unit_low": 0.5,
                    "jobs_per_unit_high": 3.0}  # fmt: skip


@pytest.mark.parametrize("finder", sorted(CASES))
def test_unit_reads_only_its_declared_tolerances(finder: str) -> None:
    unit = BY_FINDER[finder]
    frames = [ist.figures_from_records(CASES[f][0]) for f in CASES] + [ist.load_isipo_reports()]
    pairs = (("jobs_created", "revived_units"), ("new_unit_jobs", "new_units"))
    for name, scale in UNDECLARED_SCALE.items():
        if name in unit.tolerances:
            continue
        other = dataclasses.replace(Tolerances(), **{name: getattr(Tolerances(), name) * scale})
        for frame in frames:
            base, moved = Table(frame, Tolerances(), pairs), Table(frame, other, pairs)
            got = findings(unit, moved, unit.find(moved))
            expected = findings(unit, base, unit.find(base))
            for column, values in expected.items():
                np.testing.assert_array_equal(got[column], values, err_msg=f"{name} {column}")


@given(
    st.lists(st.integers(-1, 3), max_size=12),
    st.lists(st.integers(-1, 3), max_size=12),
)
def test_pairs_are_pandas_inner_merge_in_its_order(left: list[int], right: list[int]) -> None:
    key = np.array(left + right, dtype=np.int64)
    i, j = join(key, np.arange(len(left)), np.arange(len(left), len(key)))
    frame_l = pd.DataFrame({"k": left, "i": range(len(left))})
    frame_r = pd.DataFrame({"k": right, "j": range(len(left), len(key))})
    merged = frame_l[frame_l.k >= 0].merge(frame_r[frame_r.k >= 0], on="k")
    # the pairs of pandas' inner merge, in left order and then right order (pandas 3.0.0
    # orders a left row's several matches differently from later versions)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == sorted(
        zip(merged.i, merged.j, strict=True)
    )


@given(
    st.lists(
        st.tuples(st.integers(-1, 3), st.one_of(st.floats(-5, 5), st.just(float("nan")))),
        max_size=15,
    )
)
def test_group_medians_are_pandas_groupby_medians(rows: list[tuple[int, float]]) -> None:
    group = np.array([g for g, _ in rows], dtype=np.int64)
    values = np.array([v for _, v in rows], dtype=np.float64)
    codes = pd.factorize(pd.Series(group).where(group >= 0))[0].astype(np.int64)
    medians, sizes = group_medians(values, codes)
    frame = pd.DataFrame({"g": pd.Series(group).where(group >= 0), "v": values})
    expected = frame.groupby("g")["v"].transform("median").to_numpy()
    expected_size = frame["g"].map(frame["g"].value_counts()).fillna(0).to_numpy()
    np.testing.assert_allclose(medians, expected, equal_nan=True)
    np.testing.assert_array_equal(sizes, expected_size)
