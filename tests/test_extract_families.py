"""Phrase families real reports use that the first extractor missed (issue 13's closing note).

Every sentence is written for these tests on the patterns of Tehran Times, IRNA, Mehr, MENAFN
and Financial Tribune items on ISIPO, idle units, industrial parks and exports.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isipo_stats import jalali_date
from isipo_stats._extract_text import ABBREVIATIONS, sentences
from isipo_stats.extract import extract_figures

D = jalali_date
PUBLISHED = "2022-11-15"  # 1401-08-24


def _split(text: str) -> list[str]:
    return sentences(pd.Series([text], dtype=object))["text"].tolist()


# --- 1. sentences do not end at abbreviations, initials or dotted acronyms ------------------


@pytest.mark.parametrize(
    "text",
    [
        "In the first seven months of this year, Mr. Rasouli said, 819 idle units were revived.",
        "In the first seven months of this year, Dr. Karimi said, 819 idle units were revived.",
        "In the first seven months of this year, Eng. Mosaheb said, 819 idle units were revived.",
        "In the first seven months of this year, Prof. Niazi said, 819 idle units were revived.",
        "In the first seven months of this year, A. Rahmani told IRNA, 819 idle units were "
        "revived.",
        "In the first seven months of this year, despite U.S. Treasury sanctions, 819 idle units "
        "were revived.",
        "In the first seven months of this year (to Oct. 22), 819 idle units were revived.",
        "In the first seven months of this year, under circular No. 12, 819 idle units were "
        "revived.",
        "In the first seven months of this year, approx. 819 idle units were revived.",
    ],
)
def test_a_period_after_an_abbreviation_ends_no_sentence(text: str) -> None:
    # the time opens the sentence: split at the abbreviation, the amount would lose it
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["kind", "start", "end", "value"]].values.tolist() == [
        ["cumulative", D(1401, 1, 1), D(1401, 7, 30), 819.0]
    ]
    assert rows.iloc[0]["evidence"] == text


def test_initials_and_acronyms_stay_inside_their_sentence() -> None:
    assert _split("Eng. M. A. Rahimi visited the U.S. Embassy site. The visit took an hour.") == [
        "Eng. M. A. Rahimi visited the U.S. Embassy site.",
        "The visit took an hour.",
    ]


def test_a_decimal_point_ends_nothing() -> None:
    assert _split("Loans of 1.5 trillion rials were paid. Exports rose 2.5 percent.") == [
        "Loans of 1.5 trillion rials were paid.",
        "Exports rose 2.5 percent.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry met on Sat. The parks were visited on Sun.",  # days: left out on purpose
        "They make tiles, pipes, etc. The parks host 300 firms.",
        "The deal went to Mapna Co. The parks host 300 firms.",
        "Output rose? The parks host 300 firms.",
    ],
)
def test_words_left_out_of_the_list_still_end_a_sentence(text: str) -> None:
    assert len(_split(text)) == 2


@given(
    abbreviation=st.sampled_from(ABBREVIATIONS),
    name=st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True),
)
def test_any_listed_abbreviation_before_a_capital_keeps_one_sentence(
    abbreviation: str, name: str
) -> None:
    text = f"The report of {abbreviation}. {name} was read aloud. Then the meeting ended."
    assert _split(text) == [f"The report of {abbreviation}. {name} was read aloud.",
                            "Then the meeting ended."]  # fmt: skip


# --- 2. year-end targets and named dates ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A further 420 idle units return to production before the end of the current year.",
        "A further 420 idle units return to production by the end of this Iranian year.",
        "A further 420 idle units return to production until the end of the current calendar year.",
        "A further 420 idle units return to production till the end of this year.",
        "۴۲۰ واحد راکد دیگر تا پایان سال جاری به چرخه تولید بازمی‌گردد.",
        "۴۲۰ واحد راکد دیگر پیش از پایان امسال به چرخه تولید بازمی‌گردد.",
        "۴۲۰ واحد راکد دیگر قبل از پایان سال جاری به چرخه تولید بازمی‌گردد.",
    ],
)
def test_the_end_of_this_year_makes_a_target_without_any_plan_word(text: str) -> None:
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["kind", "start", "end", "value"]].values.tolist() == [
        ["target", D(1401, 1, 1), D(1401, 12, 29), 420.0]
    ]


def test_the_current_year_without_its_end_stays_year_to_date() -> None:
    rows = extract_figures("A further 420 idle units have returned to production in the "
                           "current year.", published=PUBLISHED)  # fmt: skip
    assert rows[["kind", "end"]].values.tolist() == [["cumulative", pd.Timestamp(PUBLISHED)]]


def test_the_end_of_a_past_year_is_no_target() -> None:
    rows = extract_figures("In the previous year 2,067 idle units were revived, and by the end "
                           "of the year 39,000 jobs were created.", published=PUBLISHED)  # fmt: skip
    assert rows["kind"].tolist() == ["period", "period"]


@pytest.mark.parametrize(
    ("said", "end", "jyear"),
    [
        ("by March 2023", "2023-03-31", None),  # 11 Farvardin 1402: the span crosses Nowruz
        ("by March 20, 2023", "2023-03-20", 1401),  # the day named: 29 Esfand 1401
        ("by the end of June 2023", "2023-06-30", None),
        ("by February 30, 2023", "2023-02-28", 1401),  # no such day: the month's last
    ],
)
def test_a_gregorian_month_named_as_a_deadline_ends_on_the_date_it_names(
    said: str, end: str, jyear: int | None
) -> None:
    rows = extract_figures(f"Some 500 new units come on stream {said}.", published=PUBLISHED)
    row = rows.iloc[0]
    assert (row["kind"], row["start"], row["end"]) == ("target", D(1401, 1, 1), pd.Timestamp(end))
    assert (None if pd.isna(row["jyear"]) else row["jyear"]) == jyear


def test_a_plan_whose_date_has_passed_starts_with_its_own_year() -> None:
    # stated in 1402 about March 2023 (1401): the plan counts from Nowruz 1401
    row = extract_figures("ISIPO had planned to revive 500 idle units by March 2023.",
                          published="2024-01-01").iloc[0]  # fmt: skip
    assert (row["kind"], row["start"], row["end"]) == (
        "target", D(1401, 1, 1), pd.Timestamp("2023-03-31")
    )  # fmt: skip


def test_a_level_by_a_named_month_is_taken_on_its_last_day() -> None:
    row = extract_figures("By March 2023 there were 31,000 active units in the parks.",
                          published="2024-01-01").iloc[0]  # fmt: skip
    assert (row["kind"], row["start"], row["end"]) == (
        "level", pd.Timestamp("2023-03-31"), pd.Timestamp("2023-03-31")
    )  # fmt: skip


@pytest.mark.parametrize("published", ["2024-01-01", None])
def test_a_flow_up_to_a_named_date_not_ahead_is_skipped_with_the_phrase(published: object) -> None:
    rows = extract_figures("Some 500 idle units were revived by March 2023.", published=published)
    assert rows.empty
    assert rows.attrs["skipped"][["phrase", "reason"]].values.tolist() == [
        ["Some 500", "a flow up to a named date ('by march 2023'), whose start the text does not "
                     "state"]
    ]  # fmt: skip


def test_a_month_named_loosely_yields_to_the_jalali_year_end_of_the_same_statement() -> None:
    # a headline's "by March 2020" and the body's Jalali year-end state one target
    rows = extract_figures(
        "ISIPO to revive 1,400 idle units by March 2020\nISIPO plans to revive 1,400 idle units "
        "by the end of the current Iranian year (March 19, 2020).",
        published="2019-09-30",
    )
    assert rows[["kind", "end", "value"]].values.tolist() == [
        ["target", pd.Timestamp("2020-03-19"), 1400.0]
    ]


# --- 3. a part list ends with its clause ------------------------------------------------------


def _parts(text: str) -> dict[float, float | None]:
    rows = extract_figures(text, published=PUBLISHED)
    totals = rows.set_index("id")["value"]
    return {
        float(v): (None if pd.isna(p) else float(totals[p]))
        for v, p in zip(rows["value"], rows["part_of"], strict=True)
    }


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Last year 900 units were revived, including 250 food units, and 60 units were "
         "renovated.", {900: None, 250: 900, 60: None}),
        ("Last year 900 units were revived, including 250 food units, while 60 units were "
         "renovated.", {900: None, 250: 900, 60: None}),
        ("Last year 900 units were revived, including 250 food units; 60 units were also "
         "renovated.", {900: None, 250: 900, 60: None}),
        ("Last year 900 units were revived, including 120 units in parks, 80 units in Isfahan "
         "and 30 units in Yazd, but 60 units were renovated.",
         {900: None, 120: 900, 80: 900, 30: 900, 60: None}),
        ("Last year 900 units were revived, including 120 units that were in parks, and 30 "
         "units that had closed down.", {900: None, 120: 900, 30: 900}),
        ("Last year 20 projects were opened, including nine water projects worth 1.9 trillion "
         "rials, and the revival of four units worth 9.2 trillion rials.",
         {20: None, 9: 20, 1.9e12: None, 4: 20, 9.2e12: None}),
        ("Last year 900 units were revived, including 250 food units; 40 units were also "
         "renovated, of which 10 units are in Yazd.", {900: None, 250: 900, 40: None, 10: 40}),
        ("سال گذشته ۹۰۰ واحد راکد احیا شد که از جمله ۲۵۰ واحد غذایی بود، اما ۶۰ واحد نیز نوسازی "
         "شد.", {900: None, 250: 900, 60: None}),
        ("سال گذشته ۹۰۰ واحد راکد احیا شد که از جمله ۲۵۰ واحد غذایی بود؛ ۶۰ واحد نیز نوسازی شد.",
         {900: None, 250: 900, 60: None}),
    ],
)  # fmt: skip
def test_a_list_after_a_part_word_ends_with_its_clause(
    text: str, parts: dict[float, float | None]
) -> None:
    assert _parts(text) == parts


# --- 4. flows dated by an event are skipped, naming the event ----------------------------------


@pytest.mark.parametrize(
    ("opening", "event"),
    [
        ("Over the course of late President Raisi’s administration,",
         "over the course of late president raisi's administration"),
        ("During the 13th government", "during the 13th government"),
        ("Since the start of the thirteenth government,",
         "since the start of the thirteenth government"),
        ("Since the current government took office in August 2021,",
         "since the current government took office in august 2021"),
        ("Since taking office in September 2021, the government says,",
         "since taking office in september 2021"),
        ("Under the previous administration", "under the previous administration"),
        ("Since the government came to power in 1400,", "since the government came to power in 1400"),
        ("در دولت سیزدهم", "در دولت سیزدهم"),
        ("از آغاز به کار دولت سیزدهم", "از آغاز به کار دولت سیزدهم"),
    ],
)  # fmt: skip
def test_a_flow_dated_by_an_event_is_skipped_and_the_reason_names_it(
    opening: str, event: str
) -> None:
    body = (" 5,400 idle units were revived." if opening.isascii()
            else " ۵۴۰۰ واحد راکد احیا شد.")  # fmt: skip
    rows = extract_figures(opening + body, published="2024-08-12")
    assert rows.empty
    reason = f"a flow dated by an event ('{event}'), whose span the text does not state"
    assert rows.attrs["skipped"]["reason"].tolist() == [reason]


def test_every_figure_of_an_event_is_counted_in_skipped() -> None:
    text = ("During the late President Raisi's administration some 10,000 units returned to "
            "production, including 4,600 industrial units. These units created 90,000 jobs. "
            "Since the beginning of this year 300 units were revived, bringing the total since "
            "the start of the 13th government to 5,400 units.")  # fmt: skip
    rows = extract_figures(text, published="2024-08-12")
    assert rows[["kind", "value"]].values.tolist() == [["cumulative", 300.0]]
    skipped = rows.attrs["skipped"]
    assert skipped["phrase"].tolist() == ["some 10,000", "4,600", "90,000", "5,400"]
    events = skipped["reason"].str.extract(r"\('(.*)'\)")[0].tolist()
    assert events == ["during the late president raisi's administration"] * 3 + [
        "since the start of the 13th government"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Last year, under the government's support plan, 1,811 idle units were revived.",
        "Last year the new government offices approved 1,811 idle units for revival.",
        "Reviving idle units is a plank of the current administration: 1,811 idle units were "
        "revived last year.",
    ],
)
def test_a_government_named_as_a_thing_dates_nothing(text: str) -> None:
    row = extract_figures(text, published="2024-08-12").iloc[0]
    assert (row["kind"], row["start"], row["end"], row["value"]) == (
        "period", D(1402, 1, 1), D(1402, 12, 29), 1811.0
    )  # fmt: skip


def test_a_level_in_an_event_sentence_is_taken_on_the_publication_day() -> None:
    row = extract_figures("Under the 13th government there are 52,000 idle units in the country.",
                          published="2024-08-12").iloc[0]  # fmt: skip
    assert (row["kind"], row["end"]) == ("level", pd.Timestamp("2024-08-12"))


def test_an_event_inside_which_a_month_is_named_gives_that_month_no_row() -> None:
    # "in August 2021" belongs to the event: no flow for August 2021
    text = "Since the current government took office in August 2021, 2,000 units were revived."
    rows = extract_figures(text, published="2024-08-12")
    assert rows.empty
    assert re.search(r"august 2021'\)", rows.attrs["skipped"]["reason"].iloc[0])


# --- amounts are found on the folded sentence ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "سال گذشته ۲۰۰ ميليارد ريال تسهيلات به واحدهاي کوچک پرداخت شد.",  # Arabic ي
        "سال گذشته ۲۰۰ میلیارد\u200cریال تسهیلات به واحدهای کوچک پرداخت شد.",  # ZWNJ
    ],
)
def test_an_amount_in_arabic_letters_or_with_a_zero_width_joiner_is_read_whole(text: str) -> None:
    row = extract_figures(text, published=PUBLISHED).iloc[0]
    assert (row["metric"], row["value"], row["unit"]) == ("credit", 2e11, "rial")
    assert text[int(row["evidence_start"]) :].startswith(row["evidence"])


# --- 5. Persian numbers written in words before a scale word --------------------------------


@pytest.mark.parametrize(
    ("amount", "value"),
    [
        ("یک هزار و ۳۲۰", 1320.0),
        ("هزار و ۲۰۰", 1200.0),
        ("یک هزار و سیصد و بیست", 1320.0),
        ("دو هزار و شصت و هفت", 2067.0),
        ("سه هزار", 3000.0),
        ("یازده هزار و ۵۰۰", 11500.0),
        ("۲ هزار و ۳۰۰", 2300.0),
    ],
)
def test_a_persian_number_in_words_is_read_whole(amount: str, value: float) -> None:
    text = f"از ابتدای سال جاری تاکنون {amount} واحد راکد به چرخه تولید بازگشته است."
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["stated", "value", "unit", "kind"]].values.tolist() == [
        [amount, value, "units", "cumulative"]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "یک مقام مسئول گفت که برنامه احیای واحدها ادامه دارد.",  # «یک»: "an" (official)
        "این کار نه تنها تولید را حفظ کرد بلکه بازار را گسترش داد.",  # «نه»: "not" (only)
        "سه شهرک صنعتی جدید در دست ساخت است و دو طرح دیگر تصویب شد.",  # no scale word
    ],
)
def test_a_persian_number_word_without_a_scale_word_is_no_amount(text: str) -> None:
    rows = extract_figures(text, published=PUBLISHED)
    assert rows.empty
    assert list(rows.attrs["skipped"]["phrase"]) == []


# --- 6. a time that opens the sentence, and a bare year end after a past year ----------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Last year, 2,067 idle units were revived, and by the end of the year over 39,000 "
         "jobs had been created.", 1400),
        ("In 1399, 1,170 idle units were revived, and by the end of the year 19,400 jobs had "
         "been created.", 1399),
    ],
)  # fmt: skip
def test_a_bare_year_end_after_a_past_year_ends_that_year(text: str, year: int) -> None:
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["metric", "kind", "start", "end"]].values.tolist() == [
        ["revived_units", "period", D(year, 1, 1), D(year + 1, 1, 1) - pd.Timedelta(days=1)],
        ["jobs_created", "period", D(year, 1, 1), D(year + 1, 1, 1) - pd.Timedelta(days=1)],
    ]


def test_a_plan_for_the_end_of_the_year_stays_a_target_of_this_year() -> None:
    text = "Last year 1,557 units were revived, and ISIPO plans to revive 1,600 units by the end of the year."
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["kind", "start", "value"]].values.tolist() == [
        ["period", D(1400, 1, 1), 1557.0],
        ["target", D(1401, 1, 1), 1600.0],
    ]


# --- 7. a semicolon ends the clauses a later time can date ---------------------------------


def test_a_time_after_a_semicolon_dates_only_its_own_clause() -> None:
    text = (
        "Some 250 food units were revived, including 40 dairy plants; this year 400 more "
        "units are planned."
    )
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["kind", "value"]].values.tolist() == [["target", 400.0]]
    skipped = rows.attrs["skipped"]
    assert skipped["phrase"].tolist() == ["Some 250", "40"]
    assert set(skipped["reason"]) == {"a flow whose time the text does not state"}


def test_a_time_before_a_semicolon_still_dates_the_clause_after_it() -> None:
    rows = extract_figures(
        "Last year 900 idle units were revived; 60 units were renovated too.", published=PUBLISHED
    )
    assert rows[["metric", "kind", "start", "value"]].values.tolist() == [
        ["revived_units", "period", D(1400, 1, 1), 900.0],
        ["renovated_units", "period", D(1400, 1, 1), 60.0],
    ]


# --- 8. review: Persian year ends, a year end naming its year, lower-case abbreviations, colons


def test_a_persian_bare_year_end_after_last_year_ends_last_year() -> None:
    rows = extract_figures(
        "پارسال ۲۰۶۷ واحد احیا شد و تا پایان سال ۳۹ هزار شغل ایجاد شد.", published=PUBLISHED
    )
    assert rows[["kind", "start", "value"]].values.tolist() == [
        ["period", D(1400, 1, 1), 2067.0],
        ["period", D(1400, 1, 1), 39000.0],
    ]


def test_a_year_end_that_names_its_year_keeps_it() -> None:
    text = (
        "In 1399, 120 units were revived, and by the end of the year 1400 over 3,900 jobs "
        "had been created."
    )
    rows = extract_figures(text, published=PUBLISHED)
    assert rows[["start", "value"]].values.tolist() == [
        [D(1399, 1, 1), 120.0],
        [D(1400, 1, 1), 3900.0],
    ]


@pytest.mark.parametrize("abbreviation", ["e.g.", "i.e.", "E.g."])
def test_a_lower_case_abbreviation_ends_no_sentence(abbreviation: str) -> None:
    text = f"Since the beginning of this year several provinces, {abbreviation} 200 units in Tehran, were revived."
    assert len(_split(text)) == 1
    assert extract_figures(text, published=PUBLISHED)["value"].tolist() == [200.0]


def test_a_colon_after_a_part_word_opens_the_list() -> None:
    text = (
        "Since the beginning of this year ISIPO revived 1,000 units, including: 200 units in "
        "Tehran and 300 units in Isfahan."
    )
    rows = extract_figures(text, published=PUBLISHED)
    assert rows["part_of"].tolist()[1:] == [rows["id"].iloc[0]] * 2
