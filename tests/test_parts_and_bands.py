"""Parts of totals, infeasible bands, blame and refusals: check and reconcile under hostile input.

Each class of defect has a generator that would have found it: random ``part_of``
structures with the invariants every result must keep (every band holds low <= value <=
high, every input id comes back once, the path passes through every exact figure it uses).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.interpolate import PchipInterpolator

import isipo_stats as ist
from isipo_stats.checks import CHECKS, as_tolerances
from isipo_stats.errors import ToleranceError

R = {"metric": "revived_units", "unit": "units"}


def table(*records: dict[str, Any]) -> pd.DataFrame:
    return ist.figures_from_records(list(records))


def by_id(result: ist.Reconciled) -> pd.DataFrame:
    return result.figures.set_index("id")


# --- a part of a total bounds its series from below --------------------------------------


def test_a_part_never_pins_the_series_path() -> None:
    # 819 revived by 30 Mehr 1399 (day 216); 300 of them (a part) by 31 Khordad (day 93)
    result = ist.reconcile(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-03-31", "value": 300,
             "part_of": "a"},
        )
    )  # fmt: skip
    figures = by_id(result)
    assert figures.loc["b", "status"] == "used as bound"
    khordad = result.monthly.set_index("period").loc["1399-03"]
    # the path is the one through (0, 0) and (216, 819) alone: the part does not move it
    assert khordad["cumulative"] == pytest.approx(float(PchipInterpolator([0, 216], [0, 819])(93)))
    assert (khordad["low"], khordad["high"]) == (300.0, 819.0)


def test_a_part_ending_with_its_total_keeps_the_band_feasible() -> None:
    result = ist.reconcile(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-07-30", "value": 300,
             "part_of": "a"},
        )
    )  # fmt: skip
    mehr = result.monthly.set_index("period").loc["1399-07"]
    assert (mehr["cumulative"], mehr["low"], mehr["high"]) == (819.0, 819.0, 819.0)
    part = by_id(result).loc["b"]
    assert (part["status"], part["fitted"]) == ("used as bound", 819.0)
    assert (result.monthly["low"] <= result.monthly["high"]).all()


def test_a_part_above_the_whole_is_a_conflict() -> None:
    flags = ist.check(
        table(
            {"id": "y1", **R, "kind": "period", "jyear": 1400, "value": 2067},
            {"id": "t", "metric": "projects", "unit": "projects", "kind": "period",
             "jyear": 1400, "value": 5000},
            {"id": "y2", **R, "kind": "period", "jyear": 1400, "value": 2500, "part_of": "t"},
        )
    )  # fmt: skip
    conflicts = flags[flags["check"] == "conflicting_figures"]
    assert conflicts["message"].tolist() == [
        "y1 and y2 state revived_units over 2021-03-21..2022-03-20 as exact 2,067 and exact "
        "2,500 (a part of t): both cannot hold"
    ]
    assert conflicts[["expected_low", "expected_high"]].to_numpy().tolist() == [[2500.0, np.inf]]


def test_a_part_below_the_whole_is_no_conflict_and_is_kept() -> None:
    records = [
        {"id": "y1", **R, "kind": "period", "jyear": 1400, "value": 2067},
        {"id": "y2", **R, "kind": "period", "jyear": 1400, "value": 1500, "part_of": "y1"},
    ]
    flags = ist.check(table(*records))
    assert flags[["check", "severity"]].to_numpy().tolist() == [["components_mismatch", "info"]]
    result = ist.reconcile(table(*records))
    assert by_id(result)["status"].to_dict() == {"y1": "used", "y2": "used as bound"}


def test_a_part_is_not_a_decrease_of_its_series() -> None:
    # a part (300) after the whole series reached 819 is no decrease; a whole is
    flags = ist.check(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "p", **R, "kind": "cumulative", "end": "1399-09-30", "value": 300,
             "part_of": "a"},
            {"id": "e", **R, "kind": "cumulative", "end": "1399-02-31", "value": 900,
             "part_of": "a"},
        )
    )  # fmt: skip
    assert flags[flags["check"] == "cumulative_decrease"]["figure_ids"].tolist() == ["e, a"]


def test_contradictory_year_totals_are_flagged_whatever_the_parts() -> None:
    records = [
        {"id": "y1", **R, "kind": "period", "jyear": 1400, "value": 2067},
        {"id": "y2", **R, "kind": "period", "jyear": 1400, "value": 2500},
        {"id": "j", "metric": "jobs_created", "unit": "jobs", "kind": "period", "jyear": 1400,
         "value": 10, "part_of": "k"},
        {"id": "k", "metric": "jobs_created", "unit": "jobs", "kind": "period", "jyear": 1400,
         "value": 30000},
    ]  # fmt: skip
    result = ist.reconcile(table(*records))
    assert ("conflicting_figures", "y1, y2") in set(
        zip(result.flags["check"], result.flags["figure_ids"], strict=True)
    )
    assert by_id(result).loc[["y1", "y2"], "status"].tolist() == ["excluded", "excluded"]


# --- blame ------------------------------------------------------------------------------


def test_one_figure_against_three_agreeing_totals_is_the_one_excluded() -> None:
    records = [
        {"id": f"t{i}", **R, "kind": "period", "jyear": 1400, "value": 2067} for i in range(3)
    ] + [{"id": "x", **R, "kind": "period", "jyear": 1400, "value": 2500}]
    result = ist.reconcile(table(*records))
    assert by_id(result)["status"].to_dict() == {
        "t0": "used", "t1": "used", "t2": "used", "x": "excluded",
    }  # fmt: skip
    assert result.monthly["cumulative"].iloc[-1] == 2067.0


# --- an infeasible band is a finding -------------------------------------------------------


def test_a_flow_above_an_undated_total_published_after_it_is_a_finding() -> None:
    # 500 revived in the first four months; an undated report of 300 for the year to date,
    # published from Shahrivar on: no non-decreasing path holds both
    result = ist.reconcile(
        table(
            {"id": "f", **R, "kind": "period", "start": "1399-02-01", "end": "1399-04-31",
             "value": 500},
            {"id": "u", **R, "kind": "cumulative", "jyear": 1399, "value": 300,
             "published_from": "2020-08-22", "published_to": "2021-03-20"},
        )
    )  # fmt: skip
    found = result.flags[result.flags["check"] == "infeasible_band"]
    assert found[["figure_ids", "severity"]].to_numpy().tolist() == [["f, u", "error"]]
    assert found["message"].tolist() == [
        "f and u: no non-decreasing path of revived_units is at least 500 on 2020-07-21 and at "
        "most 300 on 2020-08-22"
    ]
    assert by_id(result)["reason"].tolist() == ["flagged: infeasible_band"] * 2
    assert (result.monthly["low"] <= result.monthly["high"]).all()


def test_flags_that_miss_a_contradiction_still_give_a_feasible_band() -> None:
    figures = table(
        {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
        {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "value": 700},
    )
    result = ist.reconcile(figures, flags=ist.check(figures.iloc[:0]))
    assert result.flags["figure_ids"].tolist() == ["a, b"]
    assert result.flags["check"].tolist() == ["infeasible_band"]
    assert (result.monthly["low"] <= result.monthly["high"]).all()


# --- refusals ------------------------------------------------------------------------------


def test_tables_with_every_column_are_still_validated() -> None:
    clean = table({"id": "a", **R, "kind": "period", "jyear": 1400, "value": 5})
    as_text = clean.astype({"value": object, "jyear": object}).assign(value="5", jyear="1400")
    pd.testing.assert_frame_equal(ist.check(as_text), ist.check(clean))
    assert ist.reconcile(as_text).figures["fitted"].tolist() == [5.0]
    for call in (ist.check, ist.reconcile):
        with pytest.raises(ist.FigureValidationError, match="kind must be one of"):
            call(clean.assign(kind="flow"))
        with pytest.raises(ist.FigureValidationError, match="not a number"):
            call(clean.assign(value="five"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("approx_tolerance", -0.1, "approx_tolerance must be a finite margin of at least 0, got -0.1"),
        ("component_tolerance", math.nan, "component_tolerance must be a finite margin of at least 0, got nan"),
        ("rate_tolerance", math.inf, "rate_tolerance must be a finite factor of at least 1, got inf"),
        ("ratio_tolerance", 0.5, "ratio_tolerance must be a finite factor of at least 1, got 0.5"),
    ],
)  # fmt: skip
def test_tolerances_refuse_negative_and_missing_values(
    field: str, value: float, message: str
) -> None:
    with pytest.raises(ToleranceError, match=message.replace("(", r"\(")) as info:
        ist.Tolerances(**{field: value})
    assert isinstance(info.value, ValueError)


def test_tolerances_must_be_numbers_and_a_dict_is_refused() -> None:
    with pytest.raises(ist.InputTypeError, match="approx_tolerance must be a number, got str"):
        ist.Tolerances(approx_tolerance="0.1")  # type: ignore[arg-type]
    with pytest.raises(ist.InputTypeError, match="got bool"):
        ist.Tolerances(rate_tolerance=True)
    figures = table({"id": "a", **R, "kind": "period", "jyear": 1400, "value": 5})
    for call in (ist.check, ist.reconcile):
        with pytest.raises(
            ist.InputTypeError, match=r"got dict \(write Tolerances\(\*\*values\)\)"
        ):
            call(figures, tolerances={"approx_tolerance": 0.2})  # type: ignore[arg-type]
    assert as_tolerances(None) == ist.Tolerances()


def test_an_empty_ratio_pairs_list_switches_the_ratio_check_off() -> None:
    records = []
    for i, (units, jobs) in enumerate([(2067, 39000), (1726, 30000), (1000, 18000), (500, 40000)]):
        records.append({"id": f"u{i}", **R, "kind": "period", "jyear": 1396 + i, "value": units})
        records.append({"id": f"j{i}", "metric": "jobs_created", "unit": "jobs",
                        "kind": "period", "jyear": 1396 + i, "value": jobs})  # fmt: skip
    figures = table(*records)
    assert "ratio_outlier" in set(ist.check(figures)["check"])
    assert "ratio_outlier" not in set(ist.check(figures, ratio_pairs=[])["check"])
    with pytest.raises(ist.InputTypeError, match="ratio_pairs must be a list"):
        ist.check(figures, ratio_pairs="jobs_created")  # type: ignore[arg-type]
    with pytest.raises(ist.InputTypeError, match="expected a pair of metric names, got 'a'"):
        ist.check(figures, ratio_pairs=["a"])  # type: ignore[list-item]


# --- generators -------------------------------------------------------------------------------


@st.composite
def part_structures(draw: st.DrawFn) -> pd.DataFrame:
    """Figures of two series, many of them parts of others (any id, any chain)."""
    records: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 10))):
        year = 1399
        metric = draw(st.sampled_from(["revived_units", "jobs_created"]))
        kind = draw(st.sampled_from(["cumulative", "cumulative", "period", "target"]))
        qualifier = draw(st.sampled_from(["exact", "exact", "approx", "lower", "upper"]))
        month = draw(st.integers(1, 12))
        record: dict[str, Any] = {
            "id": f"f{i}", "metric": metric, "unit": "units", "kind": kind,
            "qualifier": qualifier, "value": draw(st.sampled_from([0, 100, 300, 819, 2000])),
        }  # fmt: skip
        shape = draw(st.integers(0, 3))
        if kind == "cumulative" and shape == 0:  # an undated total
            record.update(jyear=year, published_from=f"2020-{draw(st.integers(4, 12)):02d}-01",
                          published_to="2021-03-20")  # fmt: skip
        elif kind == "period" and shape == 1:  # a flow within the year
            record.update(start=f"{year}-{draw(st.integers(1, month)):02d}-01",
                          end=f"{year}-{month:02d}")  # fmt: skip
        elif kind == "cumulative":
            record["end"] = f"{year}-{month:02d}"
        else:
            record["jyear"] = year
        if records and draw(st.integers(0, 2)) > 0:
            record["part_of"] = draw(st.sampled_from(records))["id"]
        records.append(record)
    return ist.figures_from_records(records)


def assert_result_invariants(figures: pd.DataFrame, result: ist.Reconciled) -> None:
    assert result.figures["id"].tolist() == figures["id"].tolist()  # each id once, in order
    assert set(result.flags["check"]) <= set(CHECKS)
    monthly = result.monthly
    assert (monthly["low"] <= monthly["high"] + 1e-6).all()
    path = monthly.dropna(subset=["cumulative"])
    assert (path["cumulative"] >= path["low"] - 1e-6).all()
    assert (path["cumulative"] <= path["high"] + 1e-6).all()
    used = result.figures[result.figures["status"] == "used"]
    np.testing.assert_allclose(used["fitted"], used["value"], rtol=1e-9, atol=1e-6)
    parts = result.figures[figures["part_of"].notna().to_numpy()]
    assert "used" not in set(parts["status"])  # a part never pins its series


@given(part_structures(), st.sampled_from(["M", "Q"]))
def test_part_structures_keep_every_invariant(figures: pd.DataFrame, freq: Any) -> None:
    assert_result_invariants(figures, ist.reconcile(figures, freq))


@given(part_structures())
def test_any_flags_keep_every_invariant(figures: pd.DataFrame) -> None:
    # flags given for another table (here: none) never leave an empty band
    assert_result_invariants(figures, ist.reconcile(figures, flags=ist.check(figures.iloc[:0])))


@given(st.dictionaries(
    st.sampled_from(["approx_tolerance", "component_tolerance", "rate_tolerance",
                     "ratio_tolerance"]),
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-3, 3), st.booleans(),
              st.text(max_size=2), st.none()),
))  # fmt: skip
def test_tolerances_are_accepted_or_refused_clearly(values: dict[str, Any]) -> None:
    try:
        tolerances = ist.Tolerances(**values)
    except (ToleranceError, ist.InputTypeError):
        return
    for name, value in values.items():
        assert getattr(tolerances, name) == value
    assert not ist.check(ist.load_isipo_reports(), tolerances=tolerances).empty


@given(st.integers(2, 5), st.lists(st.integers(0, 4000), min_size=1, max_size=3))
def test_agreeing_year_totals_outlast_the_odd_ones(agreeing: int, odd: list[int]) -> None:
    odd = [v for v in odd if v != 2067]
    records = [{"id": f"t{i}", **R, "kind": "period", "jyear": 1400, "value": 2067}
               for i in range(agreeing)]  # fmt: skip
    records += [{"id": f"x{i}", **R, "kind": "period", "jyear": 1400, "value": v}
                for i, v in enumerate(odd)]  # fmt: skip
    status = by_id(ist.reconcile(table(*records)))["status"]
    if len(odd) < agreeing:  # outnumbered: each odd figure contradicts more than any total
        assert set(status[[f"t{i}" for i in range(agreeing)]]) == {"used"}
        assert set(status[[f"x{i}" for i in range(len(odd))]]) <= {"excluded"}
    assert set(status) <= {"used", "excluded"}  # the majority stands, if there is one


CORRUPTIONS: dict[str, Any] = {
    "value": ["5", None, "x", "1,5", np.nan, True],
    "jyear": ["1400", 1400.5, None, "abc", 99999],
    "kind": ["flow", None, 3, "Period"],
    "qualifier": ["about", None, 1],
    "start": ["1400-01-01", None, "not a date", 5],
    "id": [None, "", 7],
    "part_of": ["nobody", 3, ""],
}


@given(st.sampled_from(sorted(CORRUPTIONS)), st.data())
def test_a_corrupted_column_is_validated_never_a_raw_error(column: str, data: Any) -> None:
    clean = table(
        {"id": "a", **R, "kind": "cumulative", "end": "1400-03-31", "value": 5},
        {"id": "b", **R, "kind": "period", "jyear": 1400, "value": 9},
    )
    bad = clean.astype({column: object})
    bad.loc[data.draw(st.sampled_from([0, 1])), column] = data.draw(
        st.sampled_from(CORRUPTIONS[column])
    )
    refused: list[Exception] = []
    for call in (ist.check, ist.reconcile):
        try:
            call(bad)
        except ist.IsipoError as err:  # the library's own error, naming the row
            refused.append(err)
    assert all(isinstance(err, (ValueError, TypeError)) for err in refused)
