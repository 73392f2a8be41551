"""Tests of isipo_stats.extract: one or more per rule, on sentences written for them."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from isipo_stats import jalali_date, read_figures, validate_figures
from isipo_stats._cli_extract import add_extract_command
from isipo_stats._extract_lexicon import fold
from isipo_stats.errors import InputTypeError, InvalidDateError, ParseError
from isipo_stats.extract import METRICS, MetricRule, extract_figures, extract_many

D = jalali_date


def one(
    text: str, published: object = "2022-11-15", lexicon: tuple[MetricRule, ...] = METRICS
) -> pd.Series:
    rows = extract_figures(text, published=published, lexicon=lexicon)
    assert len(rows) == 1, rows[["metric", "kind", "value", "stated"]]
    return rows.iloc[0]


def span(row: pd.Series) -> tuple[object, object]:
    return row["start"], row["end"]


# --- time: relative expressions against the publication date -------------------------------

PUBLISHED = "2022-11-15"  # 1401-08-24
TODAY = pd.Timestamp(PUBLISHED)


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("Since the beginning of the current Iranian year 420 idle units were revived.",
         "cumulative", D(1401, 1, 1), TODAY),
        ("So far this year 420 idle units were revived.", "cumulative", D(1401, 1, 1), TODAY),
        ("In the first seven months of this year 420 idle units were revived.",
         "cumulative", D(1401, 1, 1), D(1401, 7, 30)),
        ("In the first half of the past year 420 idle units were revived.",
         "cumulative", D(1400, 1, 1), D(1400, 6, 31)),
        ("During the past Iranian year 1400, 420 idle units were revived.",
         "period", D(1400, 1, 1), D(1400, 12, 29)),
        ("Last year 420 idle units were revived.", "period", D(1400, 1, 1), D(1400, 12, 29)),
        ("In the first 100 days 420 idle units were revived.",
         "cumulative", D(1401, 1, 1), D(1401, 1, 1) + pd.Timedelta(days=99)),
        ("The ministry expects to revive 420 idle units by the end of the current year.",
         "target", D(1401, 1, 1), D(1401, 12, 29)),
        ("In Mehr 1399, 420 idle units were revived.", "period", D(1399, 7, 1), D(1399, 7, 30)),
        ("از ابتدای سال جاری ۴۲۰ واحد راکد احیا شد.", "cumulative", D(1401, 1, 1), TODAY),
        ("در هفت ماهه نخست امسال ۴۲۰ واحد راکد احیا شد.",
         "cumulative", D(1401, 1, 1), D(1401, 7, 30)),
        ("در نیمه نخست سال گذشته ۴۲۰ واحد راکد احیا شد.",
         "cumulative", D(1400, 1, 1), D(1400, 6, 31)),
        ("سال گذشته ۴۲۰ واحد راکد احیا شد.", "period", D(1400, 1, 1), D(1400, 12, 29)),
        ("قرار است تا پایان سال ۴۲۰ واحد راکد احیا شود.", "target", D(1401, 1, 1), D(1401, 12, 29)),
        ("در مهر ۱۳۹۹ تعداد ۴۲۰ واحد راکد احیا شد.", "period", D(1399, 7, 1), D(1399, 7, 30)),
    ],
)  # fmt: skip
def test_relative_and_explicit_times(text: str, kind: str, start: object, end: object) -> None:
    row = one(text, PUBLISHED)
    assert (row["kind"], row["start"], row["end"], row["value"]) == (kind, start, end, 420)


def test_a_gregorian_month_is_the_last_one_begun_by_publication() -> None:
    row = one("In May, the minister inaugurated 12 industrial projects.", "2024-08-12")
    assert span(row) == (pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-31"))
    assert row["kind"] == "period"


def test_unknown_publication_day_leaves_the_as_of_date_empty() -> None:
    # only the year is known: the year-to-date figure has its start, not its end
    row = one("Since the beginning of the current year 77 units were revived.", "1399")
    assert row["start"] == D(1399, 1, 1)
    assert pd.isna(row["end"])
    assert row["jyear"] == 1399


def test_stated_gregorian_dates_are_kept_not_used() -> None:
    # the outlet's boundary is a day late: the span stays Jalali, the text is kept
    row = one("ISIPO plans to revive 900 units by the end of the current Iranian calendar "
              "year (March 21, 2023).")  # fmt: skip
    assert row["end"] == D(1401, 12, 29) == pd.Timestamp("2023-03-20")
    assert row["stated_dates"] == "end=2023-03-21"
    both = one("In the first seven months of the current year (March 21-October 22) 5 units "
               "were revived.")  # fmt: skip
    assert both["stated_dates"] == "start=2022-03-21; end=2022-10-22"


def test_an_earlier_statement_has_no_as_of_day() -> None:
    row = one("The official had earlier said that 64 idle units were revived since the "
              "beginning of the current year.")  # fmt: skip
    assert row["start"] == D(1401, 1, 1)
    assert pd.isna(row["end"])


def test_the_mentioned_period_refers_back() -> None:
    rows = extract_figures(
        "In the first five months of this year 300 idle units were revived. The targeted "
        "figure for the mentioned five-month period was 450 units, the official said.",
        published=PUBLISHED,
    )
    assert rows[["kind", "value"]].values.tolist() == [["cumulative", 300.0], ["target", 450.0]]
    assert (rows["end"] == D(1401, 5, 31)).all()


def test_anaphor_takes_the_last_time_stated() -> None:
    rows = extract_figures(
        "Last year 1,100 idle units were revived. Reviving these units created 9,000 jobs.",
        published=PUBLISHED,
    )
    jobs = rows[rows["unit"] == "jobs"].iloc[0]
    assert (jobs["kind"], *span(jobs)) == ("period", D(1400, 1, 1), D(1400, 12, 29))
    assert jobs["confidence"] < rows.iloc[0]["confidence"]


def test_a_flow_without_time_is_skipped_not_guessed() -> None:
    rows = extract_figures("Under the plan, 5,000 units were revitalized.", published=PUBLISHED)
    assert rows.empty
    skipped = rows.attrs["skipped"]
    assert skipped[["phrase", "reason"]].values.tolist() == [
        ["5,000", "a flow whose time the text does not state"]
    ]


# --- kinds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The organization aims to revive 700 idle units this year.",
        "It is on the agenda to revive 700 idle units this year.",
        "Reviving 700 idle units this year is anticipated.",
        "برنامه داریم امسال ۷۰۰ واحد راکد را احیا کنیم.",
    ],
)
def test_plans_are_targets(text: str) -> None:
    row = one(text)
    assert (row["kind"], *span(row)) == ("target", D(1401, 1, 1), D(1401, 12, 29))


def test_stocks_and_shares_are_levels() -> None:
    rows = extract_figures(
        "There are 31,500 active units in the parks, and 19 percent of the units are idle.",
        published=PUBLISHED,
    )
    assert rows["kind"].tolist() == ["level", "level"]
    assert rows["metric"].tolist() == ["active_units", "idle_share"]
    assert (rows["end"] == TODAY).all()


def test_a_share_for_the_past_year_is_pinned_to_its_last_day() -> None:
    row = one("About 21 percent of the units were idle in the previous year.")
    assert span(row) == (D(1400, 12, 29), D(1400, 12, 29))


# --- amounts, qualifiers, links ---------------------------------------------------------------


def test_qualifiers_come_from_the_amount_reader() -> None:
    rows = extract_figures(
        "Since the beginning of the year over 2,000 units were revived, creating some 30,000 "
        "jobs, with at most 12 trillion rials of loans.",
        published=PUBLISHED,
    )
    assert rows[["value", "unit", "qualifier"]].values.tolist() == [
        [2000.0, "units", "lower"], [30000.0, "jobs", "approx"], [12e12, "rial", "upper"]
    ]  # fmt: skip


def test_dollar_equivalent_in_parentheses() -> None:
    rows = extract_figures(
        "This year 40 trillion rials (about $1.47 billion) of facilities were paid to SMEs.",
        published=PUBLISHED,
    )
    rial, usd = rows.iloc[0], rows.iloc[1]
    assert (rial["unit"], usd["unit"], usd["value"]) == ("rial", "usd", 1.47e9)
    assert usd["equivalent_of"] == rial["id"]
    assert (usd["metric"], usd["kind"], usd["end"]) == (rial["metric"], rial["kind"], rial["end"])
    assert rial["metric"] == "credit"


@pytest.mark.parametrize(
    "text",
    [
        "Last year 900 units were revived, of which 250 units are in Isfahan.",
        "Last year 900 units were revived, including 250 food units.",
        "Last year 900 units were revived, 250 units inside parks and 650 units outside them.",
    ],
)
def test_parts_of_a_total(text: str) -> None:
    rows = extract_figures(text, published=PUBLISHED)
    total = rows[rows["value"] == 900].iloc[0]
    parts = rows[rows["value"] != 900]
    assert len(parts) >= 1
    assert (parts["part_of"] == total["id"]).all()
    assert pd.isna(total["part_of"])
    assert (parts["end"] == total["end"]).all()


def test_repeated_statement_gives_one_row() -> None:
    rows = extract_figures(
        "Last year 1,204 idle units were revived. “We revived 1,204 idle units last year,” "
        "the head of the organization said.",
        published=PUBLISHED,
    )
    assert rows["value"].tolist() == [1204.0]


def test_dates_and_years_are_not_figures() -> None:
    rows = extract_figures(
        "date 2023-02-22 On March 21, 2022 and in the year 1401, 16 projects were "
        "inaugurated in Mehr 1401.",
        published=PUBLISHED,
    )
    assert rows["value"].tolist() == [16.0]


# --- metrics and regions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "metric", "unit"),
    [
        ("80 idle units were revived", "revived_units", "units"),
        ("80 stagnant units returned to the production cycle", "revived_units", "units"),
        ("80 semi-active units were renovated", "renovated_units", "units"),
        ("80 units were put into operation", "units_put_into_operation", "units"),
        ("80 new units were inaugurated", "new_units", "units"),
        ("80 small workshop units were established", "new_units", "units"),
        ("80 projects were inaugurated", "projects_inaugurated", "projects"),
        ("80 infrastructure projects were completed", "infrastructure_projects", "projects"),
        ("80 new industrial parks were licensed", "industrial_parks", "parks"),
        ("reviving units created 80 jobs", "jobs_created", "jobs"),
        ("80 trillion rials was invested", "investment", "rial"),
        ("80 trillion rials of loans were paid", "credit", "rial"),
        ("80 percent of the units were idle", "idle_share", "percent"),
        ("۸۰ واحد راکد احیا شد", "revived_units", "units"),
        ("۸۰ هزار میلیارد ریال تسهیلات پرداخت شد", "credit", "rial"),
    ],
)
def test_metric_lexicon(phrase: str, metric: str, unit: str) -> None:
    row = one(f"Last year {phrase}." if phrase.isascii() else f"سال گذشته {phrase}.")
    assert (row["metric"], row["unit"]) == (metric, unit)


def test_the_lexicon_is_user_extendable() -> None:
    exporters = MetricRule("exporting_units", "units", r"units?", r"export")
    text = "Last year 45 units exported their goods."
    assert one(text)["metric"] == "units"
    assert one(text, lexicon=(exporters, *METRICS))["metric"] == "exporting_units"


def test_region_when_a_province_is_named() -> None:
    rows = extract_figures(
        "Since the beginning of the year 36 idle units were revived in Golestan province, "
        "while 500 idle units were revived nationwide.",
        published=PUBLISHED,
    )
    assert rows["region"].tolist() == ["Golestan", "Iran"]


# --- the table ---------------------------------------------------------------------------------


def test_evidence_offsets_point_into_the_text() -> None:
    text = "Foreword.\n\nLast year 1,100 idle units were revived. Nothing else."
    row = one(text)
    assert text[row["evidence_start"] : row["evidence_end"]] == row["evidence"]
    assert row["evidence"] == "Last year 1,100 idle units were revived."
    assert 0 < row["confidence"] <= 1


def test_the_result_is_a_valid_figure_table() -> None:
    rows = extract_figures("Last year 1,100 idle units were revived.", published=PUBLISHED,
                           source="a test")  # fmt: skip
    again = validate_figures(rows)
    pd.testing.assert_frame_equal(again, rows)
    assert rows.iloc[0]["source"] == "a test"
    assert rows.iloc[0]["published"] == TODAY


def test_language_is_detected_or_checked() -> None:
    assert one("سال گذشته ۸۰ واحد راکد احیا شد.")["language"] == "fa"
    assert one("Last year 80 idle units were revived.")["language"] == "en"
    with pytest.raises(ParseError, match=r"language must be 'en', 'fa' or None, got 'de'"):
        extract_figures("text", language="de")


def test_many_texts_at_once_match_one_at_a_time() -> None:
    texts = pd.Series(
        ["Last year 80 idle units were revived.", "So far this year 12 projects were inaugurated.",
         "Nothing here."], index=["x", "y", "z"],
    )  # fmt: skip
    dates = ["2022-11-15", "1402-03-01", None]
    many = extract_many(texts, published=dates)
    assert many["id"].tolist() == ["x-01", "y-01"]
    for label, date in zip(texts.index, dates, strict=True):
        alone = extract_figures(texts[label], published=date)
        mine = many[many["document"] == label]
        cols = ["metric", "kind", "start", "end", "value", "unit", "evidence_start"]
        assert mine[cols].values.tolist() == alone[cols].values.tolist()


def test_publication_window_as_a_pair() -> None:
    row = one("Last year 80 idle units were revived.", ("2021-04-01", "2021-05-01"))
    assert row["jyear"] == 1399
    assert pd.isna(row["published"])
    assert row["published_from"] == pd.Timestamp("2021-04-01")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: extract_figures(b"bytes"),  # type: ignore[arg-type]
         InputTypeError, "expected the text of a report"),
        (lambda: extract_figures("x", published="soon"), ParseError,
         "could not read 'soon' as a publication date at position 0"),
        (lambda: extract_many(["a", "b"], published=["2020-01-01"]), InputTypeError,
         r"published: expected one value per text \(2\), got 1"),
        (lambda: extract_figures("x", lexicon=["rule"]),  # type: ignore[list-item]
         InputTypeError,
         "lexicon: expected a sequence of MetricRule"),
    ],
)  # fmt: skip
def test_bad_input_gets_the_library_error(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


# --- the command --------------------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_extract_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["extract", *argv])
    code: int = args.run(args)
    return code


def test_command_writes_rows_that_check_can_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path
    (folder / "a.txt").write_text(
        "published: 1401-08-24\nLast year 1,100 idle units were revived, creating "
        "over 20,000 jobs.", encoding="utf-8")  # fmt: skip
    (folder / "b.txt").write_text("So far this year 8 projects were inaugurated.",
                                  encoding="utf-8")  # fmt: skip
    out = folder / "rows.csv"
    assert _run([str(folder / "a.txt"), str(folder / "b.txt"), "--published", "2023-01-10",
                 "--source", "test", "-o", str(out)]) == 0  # fmt: skip
    table = read_figures(out)
    assert table["id"].tolist() == ["a-01", "a-02", "b-01"]
    assert table["end"].tolist() == [D(1400, 12, 29), D(1400, 12, 29), pd.Timestamp("2023-01-10")]
    assert (table["source"] == "test").all()
    text = (folder / "a.txt").read_text(encoding="utf-8")
    first = table.iloc[0]
    assert text[int(first["evidence_start"]) : int(first["evidence_end"])] == first["evidence"]
    assert "3 rows written" in capsys.readouterr().err


def test_command_to_stdout_counts_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Under the plan, 5,000 units were revitalized.", encoding="utf-8")
    assert _run([str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("id,metric,region,kind")
    assert "1 amounts not made rows: 1 a flow whose time the text does not state" in captured.err


def test_command_reports_a_file_it_cannot_read(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    with pytest.raises(ParseError, match=rf"^{missing}: could not read the text"):
        _run([str(missing)])


def test_command_names_files_by_path_when_their_names_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(
            "So far this year 12 idle units were revived.", encoding="utf-8"
        )
    paths = [str(tmp_path / "east" / "news.txt"), str(tmp_path / "west" / "news.txt")]
    assert _run([*paths, "--published", "2023-01-10"]) == 0
    out = capsys.readouterr().out
    assert f"{paths[0]}-01" in out
    assert f"{paths[1]}-01" in out


# --- what the fast paths must not change ---------------------------------------------------------


def test_texts_without_any_number_give_no_rows_and_do_not_disturb_others() -> None:
    texts = [
        "The organization stressed support for small producers.",
        "Since the beginning of the current year two idle units were revived.",
        "",
    ]
    rows = extract_many(texts, published="2021-01-01")
    assert rows[["id", "metric", "value"]].values.tolist() == [["1-01", "revived_units", 2.0]]
    assert len(extract_figures("No figure is given here.", published="2021-01-01")) == 0
    assert len(extract_figures("", published="2021-01-01")) == 0


def test_capitals_are_read_like_lower_case_and_kept_as_written() -> None:
    lower = one("some 1,160 new units have been established since the beginning of the year.")
    upper = one("SOME 1,160 NEW UNITS HAVE BEEN ESTABLISHED SINCE THE BEGINNING OF THE YEAR.")
    assert upper["stated"] == "SOME 1,160"
    assert lower["stated"] == "some 1,160"
    for name in ("metric", "kind", "value", "qualifier", "start", "end"):
        assert upper[name] == lower[name]


def test_words_read_in_any_case() -> None:
    row = one("Since the beginning of the current year About Forty idle units were revived.")
    assert (row["value"], row["qualifier"], row["stated"]) == (40.0, "approx", "About Forty")


def test_a_part_without_any_total_keeps_no_link() -> None:
    rows = extract_figures(
        "Including 40 idle units revived since the beginning of the current year.",
        published="2021-01-01",
    )
    assert rows["value"].tolist() == [40.0]
    assert rows["part_of"].isna().all()


def test_publication_date_as_a_timestamp_or_a_bad_jalali_date() -> None:
    text = "Last year 80 idle units were revived."
    assert one(text, pd.Timestamp("2021-04-01"))["jyear"] == 1399
    with pytest.raises(InvalidDateError, match="month must be in 1-12, got 13 at position 1"):
        extract_many([text, text], published=["2021-04-01", "1399-13-01"])
    with pytest.raises(InputTypeError, match=r"a publication window is a pair \(first, last\)"):
        extract_figures(text, published=("2021-04-01", "2021-04-02", "2021-04-03"))


def test_the_guards_before_the_alternations_drop_no_match() -> None:
    """The two-character guards are only a faster road to the same matches."""
    import json
    import re

    from isipo_stats import _extract_text, _extract_time

    folder = Path(__file__).parent / "data" / "extract"
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in folder.glob("*.json")]
    seeds = Path("/work/shared/seeds")
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    guard_piece = re.escape(r"(?=\d|\$|" + _extract_text._STARTS + ")")
    guard_time = re.escape(r"(?=[0-9]|" + _extract_text.opening(_extract_time._OPENINGS) + ")")
    pairs = [
        (_extract_text._PIECE, guard_piece, fold(pd.Series(texts, dtype=object)).tolist()),
        (_extract_time._LOCATE, guard_time, [t.lower() for t in texts]),
    ]
    for pattern, guard, subjects in pairs:
        plain = re.sub(guard, "", pattern)
        assert plain != pattern
        for subject in subjects:
            assert re.findall(pattern, subject) == re.findall(plain, subject)


def test_no_texts_give_an_empty_valid_table() -> None:
    rows = extract_many([], published="2021-01-01")
    assert len(rows) == 0
    assert len(rows.attrs["skipped"]) == 0
    validate_figures(rows)


def test_a_relative_time_without_a_publication_date_is_skipped_not_an_invalid_row() -> None:
    # "this year" cannot be placed without published=; the explicit Jalali year can
    text = (
        "Some 640 idle units have been revived since the start of this year. "
        "In the Iranian year 1401, 2,300 new units were put into operation."
    )
    rows = extract_figures(text)
    assert rows[["metric", "jyear", "value"]].to_dict("records") == [
        {"metric": "units_put_into_operation", "jyear": 1401, "value": 2300.0}
    ]
    skipped = rows.attrs["skipped"]
    assert skipped[["phrase", "reason"]].to_dict("records") == [
        {
            "phrase": "Some 640",
            "reason": "a relative time with no publication date (give published=)",
        }
    ]
    # with the publication date both are rows
    dated = extract_figures(text, published="2022-08-01")
    assert dated["value"].tolist() == [640.0, 2300.0]
    assert dated["jyear"].tolist() == [1401, 1401]


def test_folding_keeps_every_offset_even_for_a_dotted_capital_i() -> None:
    # Python's str.lower writes "İ" as two characters; the folded text must keep one for one,
    # on object text (pandas 3.0) as on pandas' own text
    text = pd.Series(["İZMIR Trade: 1,200 units revived"], dtype=object)
    folded = fold(text)
    assert folded.str.len().tolist() == text.str.len().tolist()
    assert folded.tolist() == ["izmir trade: 1,200 units revived"]
