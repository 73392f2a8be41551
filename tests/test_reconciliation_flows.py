"""reconcile: flows within the year are met by the path, and every status agrees with it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats.checks import intervals

R = {"metric": "revived_units", "unit": "units"}


def reconcile(*records: dict[str, Any]) -> ist.Reconciled:
    return ist.reconcile(ist.figures_from_records(list(records)))


H1 = {"id": "h", **R, "kind": "cumulative", "end": "1400-06-31", "value": 600}


def test_a_flow_after_a_known_total_extends_the_path() -> None:
    # 600 by the end of Shahrivar, 300 revived in Mehr: 900 by the end of Mehr, and the
    # path goes on to Mehr only (no later figure)
    result = reconcile(H1, {"id": "m", **R, "kind": "period", "start": "1400-07-01",
                            "end": "1400-07-30", "value": 300})  # fmt: skip
    monthly = result.monthly.set_index("period")
    assert list(monthly.loc["1400-07", ["cumulative", "flow"]]) == [900.0, 300.0]
    assert monthly["cumulative"].isna().to_dict()["1400-08"]
    figures = result.figures.set_index("id")
    assert list(figures.loc["m", ["fitted", "status", "reason"]]) == [300.0, "used", ""]


def test_a_flow_is_met_where_the_monotone_cubic_alone_misses_it() -> None:
    # 600 by Shahrivar's end and 1,200 for the year: the cubic through them puts about 100
    # in Aban; the report says 300 were revived in Aban
    year = {"id": "y", **R, "kind": "period", "jyear": 1400, "value": 1200}
    aban = {"id": "a", **R, "kind": "period", "start": "1400-08-01", "end": "1400-08-30",
            "value": 300}  # fmt: skip
    without = reconcile(H1, year).monthly.set_index("period")
    assert without.loc["1400-08", "flow"] == pytest.approx(99.62, abs=0.01)
    result = reconcile(H1, year, aban)
    monthly = result.monthly.set_index("period")
    assert monthly.loc["1400-08", "flow"] == pytest.approx(300.0, rel=1e-12)
    assert monthly.loc["1400-06", "cumulative"] == 600.0
    assert monthly.loc["1400-12", "cumulative"] == 1200.0
    assert (monthly["flow"] >= 0).all()
    assert result.figures.status.tolist() == ["used", "used", "used"]
    assert result.flags.empty


def test_adjacent_flows_are_each_met() -> None:
    # Mehr 100 and Aban 200 after 600 by Shahrivar, 1,000 for the year
    result = reconcile(
        H1,
        {"id": "y", **R, "kind": "period", "jyear": 1400, "value": 1000},
        {"id": "m", **R, "kind": "period", "start": "1400-07-01", "end": "1400-07-30",
         "value": 100},
        {"id": "a", **R, "kind": "period", "start": "1400-08-01", "end": "1400-08-30",
         "value": 200},
    )  # fmt: skip
    monthly = result.monthly.set_index("period")
    assert monthly.loc["1400-07", "cumulative"] == 700.0
    assert monthly.loc["1400-08", "cumulative"] == 900.0
    assert result.figures.status.tolist() == ["used"] * 4


def test_an_about_flow_is_met_within_its_band() -> None:
    # "about 300" in Aban (one significant digit: +- 50, at most 10 percent: 270..330): the
    # path's own rise (about 100) is brought to the nearest end of that band
    result = reconcile(
        H1,
        {"id": "y", **R, "kind": "period", "jyear": 1400, "value": 1200},
        {"id": "a", **R, "kind": "period", "start": "1400-08-01", "end": "1400-08-30",
         "stated": "about 300"},
    )  # fmt: skip
    aban = result.monthly.set_index("period").loc["1400-08", "flow"]
    assert aban == pytest.approx(270.0, rel=1e-12)
    assert result.figures.set_index("id").loc["a", "status"] == "used softly"


def test_a_flow_that_cannot_fit_is_an_error_naming_the_figures() -> None:
    # 600 by Shahrivar's end and 800 by Aban's leave room for 200, not 300, in Mehr
    table = ist.figures_from_records([
        H1,
        {"id": "a", **R, "kind": "cumulative", "end": "1400-08-30", "value": 800},
        {"id": "m", **R, "kind": "period", "start": "1400-07-01", "end": "1400-07-30",
         "value": 300},
    ])  # fmt: skip
    # check finds it first (flow_exceeds_rise) and reconcile leaves the flow out, once
    checked = ist.reconcile(table)
    assert checked.flags[["check", "figure_ids"]].to_numpy().tolist() == [
        ["flow_exceeds_rise", "m, h, a"]]  # fmt: skip
    assert checked.figures.set_index("id").loc["m", "reason"] == "flagged: flow_exceeds_rise"
    # without that finding, reconcile finds the flow itself
    flags = ist.check(table)
    result = ist.reconcile(table, flags=flags[flags["check"] != "flow_exceeds_rise"])
    flag = result.flags.iloc[0]
    assert (flag["check"], flag["severity"], flag["figure_ids"]) == (
        "flow_infeasible", "error", "m, h, a")  # fmt: skip
    assert flag["message"] == (
        "m: revived_units 300 over 2021-09-23..2021-10-22 cannot be met: the year-to-date "
        "total is at least 600 on 2021-09-22 (h) and at most 800 on 2021-11-21 (a), so it "
        "rises by at most 200 over that span"
    )
    assert (flag["expected_low"], flag["expected_high"], flag["discrepancy"]) == (0, 200, 100)
    figures = result.figures.set_index("id")
    assert list(figures.loc["m", ["status", "reason"]])  == [
        "excluded", "flagged: flow_infeasible"]  # fmt: skip
    assert figures.loc[["h", "a"], "status"].tolist() == ["used", "used"]
    assert "flow_infeasible" in ist.CHECKS


def test_a_flow_the_path_does_not_reach_stays_a_bound() -> None:
    # nothing is known before Mehr: the Mehr flow only says the total is at least 300 by
    # its end
    result = reconcile({"id": "m", **R, "kind": "period", "start": "1400-07-01",
                        "end": "1400-07-30", "value": 300})  # fmt: skip
    figures = result.figures.set_index("id")
    assert list(figures.loc["m", ["status", "reason"]]) == [
        "used as bound",
        "a bound on the total at its end (the path does not reach its start)",
    ]
    assert result.monthly.set_index("period").loc["1400-07", "low"] == 300.0


# --- property: every status agrees with the numbers ----------------------------------------

QUALIFIERS = ["exact", "exact", "exact", "approx", "lower", "upper"]


@st.composite
def figure_tables(draw: st.DrawFn) -> pd.DataFrame:
    """Figures of one or two series from a true path plus noise: points and flows."""
    records: list[dict[str, Any]] = []
    for g in range(draw(st.integers(1, 2))):
        year = 1400 + g
        truth = np.r_[0, np.cumsum(draw(st.lists(st.integers(0, 300), min_size=12,
                                                 max_size=12)))]  # fmt: skip
        for i in range(draw(st.integers(1, 6))):
            first = draw(st.integers(1, 12))
            last = draw(st.integers(first, min(12, first + 2)))
            flow = draw(st.booleans())
            start = first if flow else 1
            noise = draw(st.sampled_from([0, 0, 0, 1, -40, 150]))
            value = max(0, int(truth[last] - truth[start - 1]) + noise)
            records.append({
                "id": f"g{g}-{i}", **R, "region": f"r{g}", "kind": "period" if flow
                else "cumulative", "qualifier": draw(st.sampled_from(QUALIFIERS)),
                "value": value, "start": f"{year}-{start:02d}-01",
                "end": f"{year}-{last:02d}-{ist.days_in_month(year, last)}",
            })  # fmt: skip
    return ist.figures_from_records(records)


@given(figure_tables())
def test_every_status_agrees_with_the_path(figures: pd.DataFrame) -> None:
    result = ist.reconcile(figures)
    out = result.figures.set_index("id")
    bands = intervals(figures).set_index(figures["id"])
    fitted, value = out["fitted"], figures.set_index("id")["value"]
    lo, hi = bands["lo"], bands["hi"]
    used = out.index[out["status"] == "used"]
    np.testing.assert_allclose(fitted[used], value[used], rtol=1e-9, atol=1e-9)
    soft = out.index[out["status"] == "used softly"]
    assert (fitted[soft] >= lo[soft] - 1e-6).all()
    assert (fitted[soft] <= hi[soft] + 1e-6).all()
    bound = out.index[(out["status"] == "used as bound") & out["fitted"].notna()]
    assert (fitted[bound] >= lo[bound] - 1e-6).all()
    assert (fitted[bound] <= hi[bound] + 1e-6).all()
    named = set(result.flags["figure_ids"].str.split(", ").explode())
    excluded = set(out.index[out["status"] == "excluded"])
    assert excluded <= named
    # every flow that was reached and not excluded is a rise of the path within its band
    path = result.monthly.dropna(subset=["cumulative"])
    assert (path["flow"] >= -1e-9).all()
