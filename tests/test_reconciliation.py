"""reconcile: exact hand-made cases, an independent interpolation oracle, and invariants."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.interpolate import PchipInterpolator

import isipo_stats as ist
from isipo_stats.interpolation import grouped_pchip, running_max
from isipo_stats.reconciliation import Constraints, _band

R = {"metric": "revived_units", "unit": "units"}


def table(*records: dict[str, Any]) -> pd.DataFrame:
    return ist.figures_from_records(list(records))


def test_path_is_the_monotone_cubic_through_the_figures() -> None:
    # 1399 (leap): 529 as of 31 Shahrivar (day 186), 819 as of 30 Mehr (day 216), 2,000 for
    # the year (day 366)
    result = ist.reconcile(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-06-31", "value": 529},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "y", **R, "kind": "period", "jyear": 1399, "value": 2000},
        )
    )
    oracle = PchipInterpolator([0, 186, 216, 366], [0, 529, 819, 2000])
    month_ends = [31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336, 366]
    np.testing.assert_allclose(result.monthly.cumulative, oracle(month_ends), rtol=1e-12)
    assert result.monthly.period.tolist()[:2] == ["1399-01", "1399-02"]
    assert result.monthly.end.iloc[-1] == pd.Timestamp("2021-03-20")
    assert result.figures.status.tolist() == ["used", "used", "used"]
    assert result.figures.fitted.tolist() == [529.0, 819.0, 2000.0]
    assert (result.monthly.flow >= 0).all()
    assert result.groups.status.tolist() == ["complete year"]


def test_partial_months_are_pro_rated_by_days() -> None:
    # as of 15 Farvardin only: the path is linear from (0, 0) to (15, 150), i.e. 10 a day
    result = ist.reconcile(
        table({"id": "a", **R, "kind": "cumulative", "end": "1400-01-15", "value": 150})
    )
    first = result.monthly.iloc[0]
    # the month ends after the last figure: it shows its partial value, as of that day
    assert (first["cumulative"], first["as_of"]) == (150.0, pd.Timestamp("2021-04-04"))
    assert np.isnan(result.monthly.iloc[1]["cumulative"])  # no invention after it
    inside = grouped_pchip(np.array([0, 0]), np.array([0.0, 15.0]), np.array([0.0, 150.0]),
                           np.array([0]), np.array([10.0]))  # fmt: skip
    assert inside.tolist() == [100.0]
    assert result.groups.status.tolist() == [
        "path ends on 2021-04-04 (no later figure pins it down)"
    ]
    assert first["low"] == 150.0  # the band still says at least 150 by the month's end
    assert first["high"] == np.inf


def test_conflicting_figures_are_excluded_with_their_flag() -> None:
    result = ist.reconcile(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "value": 700},
            {"id": "y", **R, "kind": "period", "jyear": 1399, "value": 2000},
        )
    )
    figures = result.figures.set_index("id")
    assert figures.loc["a", "status"] == "excluded"
    assert figures.loc["a", "reason"] == "flagged: cumulative_decrease"
    assert figures.loc["b", "status"] == "excluded"
    assert figures.loc["y", "status"] == "used"
    assert result.monthly.cumulative.iloc[-1] == 2000.0


def test_lower_bound_is_honoured_as_an_inequality() -> None:
    # 100 by month 2 and 1,000 for the year; "over 600" by the end of month 4
    result = ist.reconcile(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1400-02-31", "value": 100},
            {"id": "b", **R, "kind": "cumulative", "end": "1400-04-31", "stated": "over 600"},
            {"id": "y", **R, "kind": "period", "jyear": 1400, "value": 1000},
        )
    )
    monthly = result.monthly.set_index("period")
    assert monthly.loc["1400-04", "cumulative"] == pytest.approx(600.0)
    assert monthly.loc["1400-04", "low"] == 600.0
    assert result.figures.set_index("id").loc["b", "status"] == "used as bound"
    assert (np.diff(result.monthly.cumulative) >= -1e-9).all()


def test_approximate_figures_are_used_softly() -> None:
    records: list[dict[str, Any]] = [
        {"id": "a", **R, "kind": "cumulative", "end": "1400-06-31", "value": 500},
        {"id": "b", **R, "kind": "cumulative", "end": "1400-09-30", "stated": "about 700"},
        {"id": "c", **R, "kind": "cumulative", "end": "1400-07-30", "stated": "about 400"},
        {"id": "y", **R, "kind": "period", "jyear": 1400, "value": 1000},
    ]
    # c ("about 400" after an exact 500) is flagged by check as a decrease; the exact figure
    # stands and the approximate one is excluded
    result = ist.reconcile(table(*records))
    status = result.figures.set_index("id").status
    assert status.to_dict() == {"a": "used", "b": "used softly", "c": "excluded", "y": "used"}
    # b is honoured where it agrees with the rest
    assert result.figures.set_index("id").loc["b", "fitted"] == pytest.approx(700.0)


def test_undated_year_to_date_figure_bounds_the_band() -> None:
    result = ist.reconcile(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "u", **R, "kind": "cumulative", "jyear": 1399, "value": 1170,
             "published_from": "2020-03-20", "published_to": "2021-03-20"},
        )
    )  # fmt: skip
    assert result.figures.set_index("id").loc["u", "status"] == "used as bound"
    last = result.monthly.iloc[-1]
    assert (last["low"], last["high"]) == (1170.0, np.inf)
    assert np.isnan(last["cumulative"])


def test_year_with_only_targets_gets_no_actuals() -> None:
    result = ist.reconcile(table({"id": "t", **R, "kind": "target", "jyear": 1403, "value": 300}))
    assert result.monthly.empty
    assert result.groups.status.tolist() == ["no actuals: only targets"]
    assert result.figures.status.tolist() == ["not used"]
    assert result.figures.reason.tolist() == ["a target, not an actual"]


def test_quarters_and_years() -> None:
    records = table({"id": "y", **R, "kind": "period", "jyear": 1400, "value": 365})
    quarters = ist.reconcile(records, freq="Q").monthly
    assert quarters.period.tolist() == ["1400-Q1", "1400-Q2", "1400-Q3", "1400-Q4"]
    assert quarters.flow.tolist() == pytest.approx([93, 93, 90, 89])
    years = ist.reconcile(records, freq="Y").monthly
    assert years[["period", "label", "cumulative"]].values.tolist() == [
        ["1400", "1400 (2021/22)", 365.0]
    ]
    with pytest.raises(ist.FrequencyError, match="freq must be one of M, Q, H, Y, got 'W'"):
        ist.reconcile(records, freq="W")  # type: ignore[arg-type]


def test_bundled_reports() -> None:
    reports = ist.load_isipo_reports()
    result = ist.reconcile(reports)
    assert sorted(result.figures.id) == sorted(reports.id)  # every figure accounted for
    figures = result.figures.set_index("id")
    assert figures.loc["s003-07", "status"] == "excluded"  # the ten-times total
    assert figures.loc["s003-13", "status"] == "used as bound"  # its parts are kept
    revived = result.monthly[(result.monthly.metric == "revived_units")]
    y1399 = revived[revived.jyear == 1399].set_index("period")
    assert y1399.loc["1399-07", "cumulative"] == 819.0
    assert y1399.loc["1399-12", "low"] == 1170.0  # the undated 1,170 came later in the year
    y1400 = revived[revived.jyear == 1400]
    assert y1400.cumulative.iloc[-1] == 2067.0
    assert result.flags.equals(ist.check(reports))


# --- properties --------------------------------------------------------------------------


def test_grouped_pchip_matches_scipy_on_random_groups() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        groups, xs, ys, qg, qx, expected = [], [], [], [], [], []
        for g in range(int(rng.integers(1, 5))):
            n = int(rng.integers(2, 8))
            x = np.sort(rng.choice(np.arange(0, 367), n, replace=False)).astype(float)
            y = np.cumsum(rng.random(n) * rng.integers(0, 3, n))
            q = np.r_[rng.uniform(x[0], x[-1], 7), x]
            groups += [g] * n
            xs += list(x)
            ys += list(y)
            qg += [g] * q.size
            qx += list(q)
            expected += list(PchipInterpolator(x, y)(q))
        got = grouped_pchip(
            np.array(groups), np.array(xs), np.array(ys), np.array(qg), np.array(qx)
        )
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-9)


QUALIFIERS = ["exact", "exact", "exact", "approx", "lower", "upper"]


@st.composite
def figure_sets(draw: st.DrawFn) -> pd.DataFrame:
    """Random figures for a few series, from a true non-decreasing path plus noise."""
    records = []
    for g in range(draw(st.integers(1, 4))):
        year = draw(st.integers(1395, 1405))
        truth = np.cumsum(draw(st.lists(st.integers(0, 300), min_size=12, max_size=12)))
        for i in range(draw(st.integers(0, 6))):
            month = draw(st.integers(1, 12))
            qualifier = draw(st.sampled_from(QUALIFIERS))
            noise = draw(st.sampled_from([0, 0, 0, 1, -50, 200]))  # some inconsistent ones
            value = max(0, int(truth[month - 1]) + noise)
            kind = draw(st.sampled_from(["cumulative", "cumulative", "period", "target"]))
            record: dict[str, Any] = {
                "id": f"g{g}-{i}", "metric": f"m{g % 2}", "region": f"r{g}", "kind": kind,
                "unit": "units", "value": value, "qualifier": qualifier,
            }  # fmt: skip
            last_day = ist.days_in_month(year, month)
            if kind == "period" and draw(st.booleans()):
                record.update(start=f"{year}-{month:02d}-01", end=f"{year}-{month:02d}-{last_day}")
            else:
                record.update(jyear=year, end=f"{year}-{month:02d}-{last_day}")
                if kind != "cumulative":
                    record["start"] = f"{year}-01-01"
            records.append(record)
    if not records:
        records.append({"id": "only", **R, "kind": "level", "value": 1, "jyear": 1400})
    return ist.figures_from_records(records)


@given(figure_sets())
def test_reconcile_invariants(figures: pd.DataFrame) -> None:
    result = ist.reconcile(figures)
    # no figure lost: ids in == ids out, in order
    assert result.figures.id.tolist() == figures.id.tolist()
    monthly = result.monthly
    path = monthly.dropna(subset=["cumulative"])
    # non-negative, non-decreasing within each series and year, reset at Nowruz
    assert (path.cumulative >= -1e-9).all()
    assert (path.flow >= -1e-9).all()
    # inside its band
    assert (path.cumulative >= path.low - 1e-6).all()
    assert (path.cumulative <= path.high + 1e-6).all()
    assert (monthly.low <= monthly.high + 1e-6).all()
    # every exact figure used is honoured
    used = result.figures[(result.figures.status == "used")]
    np.testing.assert_allclose(used.fitted, used.value, rtol=1e-9, atol=1e-6)
    # statuses come from the documented set
    assert set(result.figures.status) <= {
        "used", "used softly", "used as bound", "excluded", "not used",
    }  # fmt: skip


@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from([-np.inf, -1.0, 0.0, 2.5, 7.0])),
                max_size=20))  # fmt: skip
def test_running_max_is_the_grouped_cumulative_maximum(rows: list[tuple[int, float]]) -> None:
    rows = sorted(rows, key=lambda row: row[0])  # groups contiguous, values in any order
    groups = np.array([g for g, _ in rows], dtype=np.int64)
    values = np.array([v for _, v in rows], dtype=np.float64)
    expected = pd.Series(values).groupby(groups).cummax().to_numpy()
    np.testing.assert_array_equal(running_max(groups, values), expected)


limits = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 12), st.sampled_from([-np.inf, 0.0, 3.0, 5.0]),
              st.sampled_from([np.inf, 3.0, 5.0, 9.0])),
    max_size=10,
)  # fmt: skip


@given(limits, st.lists(st.tuples(st.integers(0, 3), st.integers(0, 12)), max_size=8))
def test_band_is_the_tightest_limit_before_and_after(
    rows: list[tuple[int, int, float, float]], queries: list[tuple[int, int]]
) -> None:
    limits = Constraints(
        np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], float),
        np.array([r[2] for r in rows], float), np.array([r[3] for r in rows], float),
        np.arange(len(rows), dtype=np.int64),
    )  # fmt: skip
    gid = np.array([q[0] for q in queries], dtype=np.int64)
    x = np.array([q[1] for q in queries], dtype=np.float64)
    low, high = _band(limits, gid, x)
    for k, (g, at) in enumerate(queries):
        before = [lo for (h, c, lo, _) in rows if h == g and c <= at]
        after = [hi for (h, c, _, hi) in rows if h == g and c >= at]
        assert low[k] == max([0.0, *before])
        assert high[k] == min([np.inf, *after])
