"""Every check on hand-made figure tables, with its exact message; and the bundled reports."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats.checks import FLAG_COLUMNS

R = {"metric": "revived_units", "unit": "units"}


def table(*records: dict[str, Any]) -> pd.DataFrame:
    return ist.figures_from_records(list(records))


def only(flags: pd.DataFrame, name: str) -> pd.DataFrame:
    return flags[flags.check == name].reset_index(drop=True)


def test_clean_table_has_no_flags_and_keeps_columns() -> None:
    flags = ist.check(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-06-31", "value": 500},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
        )
    )
    assert list(flags.columns) == list(FLAG_COLUMNS)
    assert flags.empty


def test_date_label_mismatch() -> None:
    flags = ist.check(
        table(
            {"id": "t", **R, "kind": "target", "jyear": 1399, "value": 2000,
             "stated_dates": "start=2020-03-20; end=2021-03-19"},
        )
    )  # fmt: skip
    row = only(flags, "date_label_mismatch").iloc[0]
    assert row["severity"] == "warning"
    assert row["message"] == (
        "t: the text gives 2021-03-19 for the end of the span, but 1399-12-30 is 2021-03-20 "
        "(the stated date is 1 day earlier)"
    )
    assert len(only(flags, "date_label_mismatch")) == 1  # the right start date is not flagged


def test_cumulative_decrease_and_bound_violation() -> None:
    flags = ist.check(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "value": 700},
            {"id": "c", **R, "kind": "cumulative", "end": "1399-10-30", "stated": "over 600"},
            {"id": "d", **R, "kind": "cumulative", "end": "1400-01-31", "value": 10},
        )
    )
    decrease = only(flags, "cumulative_decrease")
    assert decrease.figure_ids.tolist() == ["a, b"]
    assert decrease.discrepancy.tolist() == [-119.0]
    assert decrease.expected_low.tolist() == [819.0]
    # "over 600" after 819 is not a decrease: it may be more than 819
    bound = only(flags, "bound_violation")
    assert bound.empty
    # a new year (1400) starts again from zero: no flag for d
    assert "d" not in " ".join(flags.figure_ids)


def test_bound_violation_of_an_upper_bound() -> None:
    flags = ist.check(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "b", **R, "kind": "cumulative", "end": "1399-09-30", "stated": "up to 700"},
        )
    )
    row = only(flags, "bound_violation").iloc[0]
    assert row["figure_ids"] == "a, b"
    assert row["message"] == (
        "b: year-to-date revived_units 700 as of 2020-12-20 is below 819 as of 2020-10-21 (a), "
        "by 119"
    )


def test_period_exceeds_cumulative() -> None:
    flags = ist.check(
        table(
            {"id": "c", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "p", **R, "kind": "period", "start": "1399-03-01", "end": "1399-05-31",
             "value": 900},
        )
    )  # fmt: skip
    row = only(flags, "period_exceeds_cumulative").iloc[0]
    assert row["figure_ids"] == "p, c"
    assert row["discrepancy"] == 81.0
    assert row["message"] == (
        "p: 900 revived_units over 2020-05-21..2020-08-21 exceeds the year-to-date total 819 "
        "as of 2020-10-21 (c)"
    )


def test_conflicting_figures_respect_qualifiers() -> None:
    flags = ist.check(
        table(
            {"id": "a", **R, "kind": "period", "jyear": 1400, "value": 2067},
            {"id": "b", **R, "kind": "period", "jyear": 1400, "value": 2500},
            {"id": "c", **R, "kind": "period", "jyear": 1400, "stated": "about 2,100"},
            {"id": "d", **R, "kind": "period", "jyear": 1400, "stated": "over 2,000"},
        )
    )
    conflicts = only(flags, "conflicting_figures")
    # a and c agree (2,067 is within 10% of 2,100); b disagrees with a and with c
    assert conflicts.figure_ids.tolist() == ["a, b", "b, c"]
    assert conflicts.message[0] == (
        "a and b state revived_units over 2021-03-21..2022-03-20 as exact 2,067 and exact "
        "2,500: both cannot hold"
    )
    assert only(flags, "bound_violation").empty  # "over 2,000" agrees with all of them


def test_components_mismatch_scale_slip_and_shortfall() -> None:
    money = {"metric": "investment", "kind": "period", "start": "2024-05-01", "end": "2024-05-31"}
    flags = ist.check(
        table(
            {"id": "t", **money, "stated": "approximately 294.8 trillion rials"},
            {"id": "p1", **money, "stated": "about 1.88 trillion rials", "part_of": "t"},
            {"id": "p2", **money, "stated": "18.35 trillion rials", "part_of": "t"},
            {"id": "p3", **money, "stated": "9.24 trillion rials", "part_of": "t"},
            {"id": "n", "metric": "projects", "kind": "period", "jyear": 1403, "value": 20,
             "unit": "projects"},
            {"id": "n1", "metric": "projects", "kind": "period", "jyear": 1403, "value": 9,
             "unit": "projects", "part_of": "n"},
            {"id": "n2", "metric": "revived_units", "kind": "period", "jyear": 1403, "value": 4,
             "unit": "units", "part_of": "n"},
        )
    )  # fmt: skip
    rows = only(flags, "components_mismatch")
    assert rows.figure_ids.tolist() == ["t, p1, p2, p3", "n, n1, n2"]
    assert rows.severity.tolist() == ["error", "warning"]
    assert rows.message[0] == (
        "t: its 3 parts (p1, p2, p3) sum to 29.47 trillion rial, which falls short of the "
        "stated total 294.8 trillion (a factor of 10: a scale slip?)"
    )
    assert rows.message[1] == (
        "n: its 2 parts (n1, n2) sum to 13 projects, which falls short of the stated total 20"
    )


def test_components_over_total_is_an_error() -> None:
    flags = ist.check(
        table(
            {"id": "t", **R, "kind": "period", "jyear": 1400, "value": 100},
            {"id": "a", **R, "kind": "period", "jyear": 1400, "value": 80, "part_of": "t"},
            {"id": "b", **R, "kind": "period", "jyear": 1400, "value": 30, "part_of": "t"},
        )
    )
    row = only(flags, "components_mismatch").iloc[0]
    assert row["severity"] == "error"
    assert row["message"] == "t: its 2 parts (a, b) sum to 110 units, above the stated total 100"


def test_parts_ten_times_their_total_are_named_a_scale_slip_the_right_way_round() -> None:
    flags = ist.check(
        table(
            {"id": "t", **R, "kind": "period", "jyear": 1400, "value": 100},
            {"id": "a", **R, "kind": "period", "jyear": 1400, "value": 600, "part_of": "t"},
            {"id": "b", **R, "kind": "period", "jyear": 1400, "value": 400, "part_of": "t"},
        )
    )
    assert only(flags, "components_mismatch").iloc[0]["message"] == (
        "t: its 2 parts (a, b) sum to 1,000 units, above the stated total 100 "
        "(the parts are 10 times the total: a scale slip?)"
    )


def test_implied_rate_outlier_uses_the_other_pairs_of_the_year() -> None:
    money = {"metric": "investment", "kind": "period", "start": "2024-05-01", "end": "2024-05-31"}
    records = [
        {"id": "r1", **money, "stated": "294.8 trillion rials"},
        {"id": "u1", **money, "stated": "$60 million", "equivalent_of": "r1"},
        {"id": "r2", **money, "stated": "1.88 trillion rials"},
        {"id": "u2", **money, "stated": "$3.82 million", "equivalent_of": "r2"},
        {"id": "r3", **money, "stated": "18.35 trillion rials"},
        {"id": "u3", **money, "stated": "$37.8 million", "equivalent_of": "r3"},
    ]
    flags = ist.check(table(*records))
    outliers = only(flags, "implied_rate_outlier")
    assert outliers.figure_ids.tolist() == ["r1, u1"]
    # the median of the three rates (4,913,333, 492,147 and 485,450) is the middle one
    expected = 1.88e12 / 3.82e6
    assert outliers.expected_low[0] == pytest.approx(expected / 2)
    assert outliers.value[0] == pytest.approx(294.8e12 / 60e6)
    assert len(only(flags, "implied_rate")) == 3  # every pair's rate as info
    # with two pairs there is no majority: nothing is called an outlier
    assert only(ist.check(table(*records[:4])), "implied_rate_outlier").empty


def test_ratio_outlier() -> None:
    base = {"region": "Iran", "kind": "period"}
    records = []
    for i, (units, jobs) in enumerate([(2067, 39000), (1726, 30000), (1000, 18000), (500, 40000)]):
        year = 1396 + i
        records.append({"id": f"u{i}", **base, **R, "jyear": year, "value": units})
        records.append({"id": f"j{i}", **base, "metric": "jobs_created", "unit": "jobs",
                        "jyear": year, "value": jobs})  # fmt: skip
    rows = only(ist.check(table(*records)), "ratio_outlier")
    assert rows.figure_ids.tolist() == ["j3, u3"]
    assert rows.value[0] == 80.0


def test_targets_revised_missed_exceeded() -> None:
    flags = ist.check(
        table(
            {"id": "t1", **R, "kind": "target", "jyear": 1399, "value": 1500,
             "published": "2020-05-01"},
            {"id": "t2", **R, "kind": "target", "jyear": 1399, "value": 2000,
             "published": "2020-11-01"},
            {"id": "t7", **R, "kind": "target", "start": "1399-01-01", "end": "1399-07-30",
             "value": 1500},
            {"id": "a7", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "t0", **R, "kind": "target", "jyear": 1400, "value": 2000},
            {"id": "a0", **R, "kind": "period", "jyear": 1400, "value": 2067},
        )
    )  # fmt: skip
    assert only(flags, "target_revised").message.tolist() == [
        "target for revived_units over 2020-03-20..2021-03-20 restated from 1,500 (t1) to "
        "2,000 (t2)"
    ]
    assert only(flags, "target_missed").figure_ids.tolist() == ["t7, a7"]
    assert only(flags, "target_exceeded").figure_ids.tolist() == ["t0, a0"]
    assert set(flags.severity) == {"info"}


def test_span_outside_year_negative_value_published_early() -> None:
    flags = ist.check(
        table(
            {"id": "s", **R, "kind": "period", "jyear": 1399, "start": "1399-11-01",
             "end": "1400-01-15", "value": 5},
            {"id": "n", **R, "kind": "period", "jyear": 1400, "value": -3},
            {"id": "e", **R, "kind": "cumulative", "end": "1400-07-30", "value": 9,
             "published": "2021-09-01"},
        )
    )  # fmt: skip
    assert only(flags, "span_outside_year").message.tolist() == [
        "s: the span 2021-01-20..2021-04-04 runs outside Jalali year 1399 (2020-03-20..2021-03-20)"
    ]
    assert only(flags, "negative_value").message.tolist() == ["n: negative value -3"]
    assert only(flags, "published_before_span_end").message.tolist() == [
        "e: published by 2021-09-01, before the end of the span it reports (2021-10-22)"
    ]


def test_publication_window_of_an_undated_figure() -> None:
    flags = ist.check(
        table(
            {"id": "early", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "late", **R, "kind": "cumulative", "end": "1399-11-30", "value": 1500},
            {"id": "u", **R, "kind": "cumulative", "jyear": 1399, "value": 1170,
             "published_from": "2020-03-20", "published_to": "2021-03-20"},
        )
    )  # fmt: skip
    row = only(flags, "publication_window").iloc[0]
    assert row["figure_ids"] == "u"
    assert row["message"] == (
        "u: published between 2020-10-22 and 2021-02-17 to agree with the others (after the "
        "as-of date of early; before the as-of date of late)"
    )
    assert row["severity"] == "info"


def test_publication_window_can_be_empty() -> None:
    flags = ist.check(
        table(
            {"id": "a", **R, "kind": "cumulative", "end": "1399-07-30", "value": 819},
            {"id": "u", **R, "kind": "cumulative", "jyear": 1399, "value": 1170,
             "published_from": "2020-04-01", "published_to": "2020-06-01"},
        )
    )  # fmt: skip
    row = only(flags, "publication_window").iloc[0]
    assert row["severity"] == "error"
    assert row["message"].startswith("u: no publication date agrees with the others")


def test_every_check_is_documented_and_exercised() -> None:
    assert set(ist.CHECKS) >= {
        "date_label_mismatch", "cumulative_decrease", "period_exceeds_cumulative",
        "conflicting_figures", "components_mismatch", "implied_rate_outlier", "ratio_outlier",
        "bound_violation", "target_revised", "target_missed", "target_exceeded",
        "span_outside_year", "negative_value", "published_before_span_end", "publication_window",
    }  # fmt: skip


def test_bundled_reports_findings() -> None:
    flags = ist.check(ist.load_isipo_reports())
    found = {(c, f) for c, f in zip(flags.check, flags.figure_ids, strict=True)}
    # the wrong Gregorian restatements: end of 1398 is 2020-03-19, end of 1399 is 2021-03-20
    assert ("date_label_mismatch", "s002-03") in found
    assert ("date_label_mismatch", "s004-03") in found
    # 294.8 trillion rials is ten times its parts, and implies ~4.9 million rials per dollar
    assert ("components_mismatch", "s003-07, s003-10, s003-13, s003-16") in found
    assert ("implied_rate_outlier", "s003-07, s003-08") in found
    # the 1,170 revived units of an undated report came after the 819 of 30 Mehr 1399
    window = flags[(flags.check == "publication_window") & (flags.figure_ids == "s001-07")]
    assert window.message.iloc[0].startswith("s001-07: published between 2020-10-22 and 2021-03-20")
    # 2,067 revived in 1400 against a target of 2,000; 819 in seven months against 1,500
    assert ("target_exceeded", "s000-07, s000-05") in found
    assert ("target_missed", "s004-04, s004-01") in found
    assert ("target_revised", "s001-09, s001-10") in found
    assert set(flags[flags.severity == "error"].check) == {"components_mismatch"}


def test_raw_tables_are_validated_first() -> None:
    raw = pd.DataFrame([{"id": "a", **R, "kind": "period", "jyear": 1400, "value": -2}])
    flags = ist.check(raw)
    assert flags.check.tolist() == ["negative_value"]
    with pytest.raises(ist.FigureValidationError, match="kind must be one of"):
        ist.check(raw.assign(kind="flow"))
