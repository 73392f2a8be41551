"""The bundled ISIPO dataset holds the figures each seed report states.

The expected figures below were read from the report texts in ../shared/seeds, one test per
report; the spans were worked out from the calendar by hand (e.g. the first seven months of
1399 end on 30 Mehr 1399 = 2020-10-21).
"""

from __future__ import annotations

import pandas as pd
import pytest

import isipo_stats as ist


@pytest.fixture(scope="module")
def reports() -> pd.DataFrame:
    return ist.load_isipo_reports()


def has(
    reports: pd.DataFrame,
    seed: str,
    metric: str,
    kind: str,
    value: float,
    unit: str,
    qualifier: str | None = None,
    end: str | None = None,
) -> pd.Series:
    rows = reports[
        (reports.seed == seed)
        & (reports.metric == metric)
        & (reports.kind == kind)
        & (reports.value == value)
        & (reports.unit == unit)
    ]
    assert len(rows) >= 1, (seed, metric, kind, value)
    row = rows.iloc[0]
    if qualifier is not None:
        assert row["qualifier"] == qualifier
    if end is not None:
        assert row["end"] == pd.Timestamp(end)
    return row


def test_every_row_is_sourced_and_seeded(reports: pd.DataFrame) -> None:
    assert reports.id.is_unique
    assert (reports.source.str.len() > 0).all()
    assert sorted(reports.seed.unique()) == ["000", "001", "002", "003", "004"]
    # every stated phrase was parsed and agrees with the value column (checked on load)
    assert (reports.stated != "").all()


def test_seed_000(reports: pd.DataFrame) -> None:
    has(reports, "000", "units_put_into_operation", "cumulative", 2300, "units", "exact")
    has(reports, "000", "infrastructure_projects", "level", 2023, "projects", "lower")
    rial = has(reports, "000", "credit", "level", 60e12, "rial")
    usd = has(reports, "000", "credit", "level", 132.7e6, "usd", "lower")
    assert usd["equivalent_of"] == rial["id"]
    revived = has(reports, "000", "revived_units", "period", 2067, "units", "exact", "2022-03-20")
    assert revived["start"] == pd.Timestamp("2021-03-21")
    assert revived["stated_dates"] == "end=2022-03-20"
    has(reports, "000", "jobs_created", "period", 39000, "jobs", "lower", "2022-03-20")
    has(reports, "000", "revived_units", "target", 2000, "units", "exact", "2022-03-20")
    has(reports, "000", "new_units", "period", 1433, "units", "exact")
    has(reports, "000", "industrial_parks", "period", 26, "parks", "exact")


def test_seed_001(reports: pd.DataFrame) -> None:
    new = has(reports, "001", "new_units", "cumulative", 1160, "units", "approx")
    assert new["jyear"] == 1399
    assert pd.isna(new["published"])  # the report's date is not given
    has(reports, "001", "investment", "cumulative", 150e12, "rial")
    has(reports, "001", "investment", "cumulative", 3.57e9, "usd", "approx")
    has(reports, "001", "new_unit_jobs", "cumulative", 20000, "jobs", "lower")
    share = has(reports, "001", "idle_share", "level", 23, "percent", "range")
    assert (share["low"], share["high"], share["jyear"]) == (22, 24, 1398)
    has(reports, "001", "idle_share", "level", 18.7, "percent", "exact")
    has(reports, "001", "revived_units", "cumulative", 1170, "units", "exact")
    has(reports, "001", "jobs_created", "cumulative", 19400, "jobs", "exact")
    has(reports, "001", "revived_units", "target", 1500, "units")
    has(reports, "001", "revived_units", "target", 2000, "units")


def test_seed_002(reports: pd.DataFrame) -> None:
    has(reports, "002", "revived_units", "target", 1400, "units", "exact", "2020-03-19")
    has(reports, "002", "revived_units", "cumulative", 529, "units", "exact", "2019-09-22")
    ministry = has(reports, "002", "revived_units", "target", 2000, "units", end="2020-03-19")
    assert ministry["stated_dates"] == "end=2020-03-20"  # as stated, a day late
    has(reports, "002", "revived_units", "target", 1000, "units", end="2019-03-20")
    has(reports, "002", "revived_units", "period", 1726, "units", "exact", "2019-03-20")
    has(reports, "002", "credit", "period", 15e12, "rial")
    has(reports, "002", "credit", "period", 357e6, "usd", "approx")
    has(reports, "002", "job_potential", "level", 900000, "jobs", "approx")
    has(reports, "002", "idle_share", "level", 22, "percent")
    has(reports, "002", "employment_in_active_units", "level", 710000, "persons")


def test_seed_003(reports: pd.DataFrame) -> None:
    renovated = has(reports, "003", "renovated_units", "cumulative", 33, "units", "exact")
    assert renovated["published"] == pd.Timestamp("2024-08-12")
    has(reports, "003", "renovated_units", "target", 300, "units", end="2025-03-20")
    has(reports, "003", "revived_units", "cumulative", 116, "units")
    total = has(reports, "003", "revived_economic_units", "period", 10000, "units")
    part = has(reports, "003", "revived_units", "period", 4600, "units")
    assert part["part_of"] == total["id"]
    assert pd.isna(total["jyear"])  # a multi-year figure
    has(reports, "003", "projects_inaugurated", "period", 20, "projects")
    whole = has(reports, "003", "investment", "period", 294.8e12, "rial", "approx")
    parts = reports[(reports.part_of == whole["id"]) & (reports.unit == "rial")]
    assert sorted(parts.value.tolist()) == [1.88e12, 9.24e12, 18.35e12]
    has(reports, "003", "investment", "period", 60e6, "usd", "lower")
    has(reports, "003", "investment", "period", 3.82e6, "usd", "approx")
    has(reports, "003", "investment", "period", 37.8e6, "usd", "lower")
    has(reports, "003", "investment", "period", 18.9e6, "usd", "lower")
    has(reports, "003", "infrastructure_projects", "period", 9, "projects")
    has(reports, "003", "revived_units", "period", 4, "units")


def test_seed_004(reports: pd.DataFrame) -> None:
    revived = has(
        reports, "004", "revived_units", "cumulative", 819, "units", "exact", "2020-10-21"
    )
    assert revived["stated_dates"] == "start=2020-03-20; end=2020-10-21"
    has(reports, "004", "jobs_created", "cumulative", 14458, "jobs", "exact", "2020-10-21")
    target = has(reports, "004", "revived_units", "target", 2000, "units", end="2021-03-20")
    assert "end=2021-03-19" in target["stated_dates"]  # as stated, a day early
    has(reports, "004", "revived_units", "target", 1500, "units")
    has(reports, "004", "bank_facility_share", "level", 31, "percent", "approx")
    has(reports, "004", "bank_facility_share", "target", 40, "percent", "lower")


def test_counts_per_seed(reports: pd.DataFrame) -> None:
    assert reports.seed.value_counts().sort_index().to_dict() == {
        "000": 9,
        "001": 10,
        "002": 11,
        "003": 17,
        "004": 6,
    }
