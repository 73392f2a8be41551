"""Figure tables under hostile input, generated.

Numbers as text in every number column (thousands grouped right and wrong, Persian and
Arabic-Indic digits, decimal points and decimal commas), numeric text in every column,
missing values of every kind in every column, and random tables with a few bad cells. The
properties: every bad cell is reported exactly once with its row and column, no good row
is reported, and validation never drops or adds an id.
"""

from __future__ import annotations

import math
from typing import Any, Final

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats.figures import COLUMNS
from isipo_stats.text import MONTH_NAMES

SCRIPTS: Final = {
    "ascii": str.maketrans("", ""),
    "persian": str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫"),
    "arabic": str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫"),
}
MISSING: Final[list[Any]] = [None, np.nan, pd.NA, "", "  ", "\t"]
KINDS: Final = ["cumulative", "period", "target", "level"]


def validate(rows: list[dict[str, Any]]) -> pd.DataFrame | ist.FigureValidationError:
    try:
        return ist.validate_figures(pd.DataFrame(rows, dtype=object))
    except ist.FigureValidationError as err:
        return err


def reported_exactly(
    rows: list[dict[str, Any]], expected: set[tuple[int, str]]
) -> pd.DataFrame | ist.FigureValidationError:
    """Validate; assert that the cells reported are ``expected``, each once."""
    outcome = validate(rows)
    reported = cells(outcome)
    assert len(reported) == len(set(reported)), "a cell was reported twice"
    assert set(reported) == expected
    return outcome


def cells(outcome: pd.DataFrame | ist.FigureValidationError) -> list[tuple[object, str]]:
    """The (row, column) of every problem reported (empty when the table passed)."""
    if isinstance(outcome, pd.DataFrame):
        return []
    return [(row, column) for row, column, _ in outcome.problems]


# --- numbers as text --------------------------------------------------------------------------


def _bad_grouping(digits: str, draw: st.DrawFn) -> str:
    """Put one comma where no thousands separator goes (the group after it is not 3 long)."""
    cuts = [k for k in range(1, len(digits)) if k % 3]
    if not cuts:
        return "," + digits
    k = draw(st.sampled_from(cuts))
    return digits[:-k] + "," + digits[-k:]


@st.composite
def number_texts(draw: st.DrawFn) -> tuple[str, float | None]:
    """A number as a cell may hold it, and the number it is (None: it must be refused)."""
    whole = draw(st.integers(0, 10**12) | st.just(10**400))
    fraction = draw(st.none() | st.text("0123456789", min_size=1, max_size=3))
    sign = draw(st.sampled_from(["", "-", "+"]))
    form = draw(st.sampled_from(["plain", "grouped", "bad grouping", "decimal comma", "european"]))
    tail = f".{fraction}" if fraction else ""
    number = float(f"{sign}{whole}{tail}")
    # a number too large for a float is refused, never read as infinite
    expected: float | None = number if math.isfinite(number) else None
    if form == "plain":
        text = f"{sign}{whole}{tail}"
    elif form == "grouped":
        text = f"{sign}{whole:,}{tail}"
    elif form == "bad grouping":
        text, expected = sign + _bad_grouping(str(whole), draw) + tail, None
    elif form == "decimal comma":  # a decimal comma can never look like a group of three
        decimals = fraction if fraction and len(fraction) != 3 else "5"
        text, expected = f"{sign}{whole},{decimals}", None
    else:  # 1.000,5: a point groups, a comma separates the decimals
        text, expected = f"{sign}{whole:,}".replace(",", ".") + ",5", None
    text = text.translate(SCRIPTS[draw(st.sampled_from(list(SCRIPTS)))])
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", " "])), expected


@st.composite
def year_texts(draw: st.DrawFn) -> tuple[str, int | None]:
    year = draw(st.integers(1300, 1500))
    form = draw(st.sampled_from(["plain", "grouped", "bad grouping"]))
    if form == "plain":
        text, expected = str(year), year
    elif form == "grouped":
        text, expected = f"{year:,}", year
    else:
        text, expected = _bad_grouping(str(year), draw), None
    return text.translate(SCRIPTS[draw(st.sampled_from(list(SCRIPTS)))]), expected


@given(st.lists(st.tuples(st.sampled_from(["value", "bounds", "jyear"]), number_texts(),
                          year_texts()), min_size=1, max_size=12))  # fmt: skip
def test_numbers_in_every_number_column_are_read_or_reported_in_their_cell(
    drawn: list[tuple[str, tuple[str, float | None], tuple[str, int | None]]],
) -> None:
    rows: list[dict[str, Any]] = []
    expected: set[tuple[int, str]] = set()
    for i, (column, (number, value), (year, jyear)) in enumerate(drawn):
        row = {"id": f"f{i}", "metric": "credit", "kind": "level", "end": "1400-01-01",
               "unit": "rial", "stated": "", "value": "", "qualifier": "", "low": "",
               "high": "", "jyear": ""}  # fmt: skip
        if column == "value":
            row["value"] = number
            expected |= {(i, "value")} if value is None else set()
        elif column == "bounds":  # a range stated by its two ends, the same number
            row.update(qualifier="range", low=number, high=number)
            expected |= {(i, "low"), (i, "high")} if value is None else set()
        else:
            row.update(kind="period", end="", jyear=year, value="1")
            expected |= {(i, "jyear")} if jyear is None else set()
        rows.append(row)
    outcome = reported_exactly(rows, expected)
    if isinstance(outcome, ist.FigureValidationError):
        for r, column, reason in outcome.problems:
            assert repr(rows[int(str(r))][column].strip()) in reason
        return
    for i, (column, (_, value), (_, jyear)) in enumerate(drawn):
        got = outcome.iloc[i]
        if column == "jyear":
            assert got["jyear"] == jyear
        else:
            assert value is not None
            assert (got["value"], got["low"], got["high"]) == (value, value, value)


TEXT_COLUMNS: Final = ["id", "metric", "region", "kind", "jyear", "start", "end", "value",
                       "unit", "qualifier", "low", "high", "stated", "published", "source",
                       "stated_dates", "part_of", "equivalent_of", "note"]  # fmt: skip


@given(st.sampled_from(TEXT_COLUMNS), number_texts(), st.integers(0, 3))
def test_numeric_text_in_any_column_blames_only_its_row(
    column: str, drawn: tuple[str, float | None], where: int
) -> None:
    rows = [
        {"id": f"f{i}", "metric": "revived_units", "region": "Iran", "kind": "period",
         "jyear": "1400", "start": "", "end": "", "value": "10", "unit": "units",
         "qualifier": "", "low": "", "high": "", "stated": "", "published": "",
         "source": "", "stated_dates": "", "part_of": "", "equivalent_of": "", "note": ""}
        for i in range(4)
    ]  # fmt: skip
    rows[where][column] = drawn[0]
    outcome = validate(rows)
    assert {row for row, _ in cells(outcome)} <= {where}
    if isinstance(outcome, pd.DataFrame):
        assert outcome["id"].tolist() == [str(row["id"]).strip() for row in rows]


# --- missing values in every column ------------------------------------------------------------


def _expected_for_blanks(blank: set[str]) -> set[str]:
    """The columns a row reports when these cells of a valid period row are missing."""
    out = {"id", "metric", "kind", "unit"} & blank
    if {"value", "stated"} <= blank:
        out.add("value")
    if "kind" not in blank:  # still a period figure: its span must be complete
        spans = {"start", "end"} & blank
        if spans == {"start"}:  # only the start is missing: it is the one blamed
            out.add("start")
        elif spans == {"end"} or (len(spans) == 2 and "jyear" in blank):
            out.add("end")
    return out


@given(st.lists(st.sets(st.sampled_from(TEXT_COLUMNS), max_size=4), min_size=1, max_size=6),
       st.sampled_from(MISSING))  # fmt: skip
def test_missing_values_in_every_column_give_exactly_the_documented_problems(
    blanks: list[set[str]], marker: Any
) -> None:
    rows = []
    for i, blank in enumerate(blanks):
        row = {"id": f"f{i}", "metric": "jobs_created", "region": "Tehran", "kind": "period",
               "jyear": "1400", "start": "1400-01", "end": "1400-06", "value": "1,200",
               "unit": "jobs", "qualifier": "exact", "low": "", "high": "",
               "stated": "1,200", "published": "2021-10-01", "source": "x",
               "stated_dates": "", "part_of": "", "equivalent_of": "", "note": "n"}  # fmt: skip
        row.update(dict.fromkeys(blank, marker))
        rows.append(row)
    expected = {(i, c) for i, blank in enumerate(blanks) for c in _expected_for_blanks(blank)}
    outcome = reported_exactly(rows, expected)
    if isinstance(outcome, pd.DataFrame):
        assert outcome["id"].tolist() == [f"f{i}" for i in range(len(blanks))]
        assert outcome["region"].tolist() == [
            "Iran" if "region" in blank else "Tehran" for blank in blanks
        ]


# --- random tables with a few bad cells ---------------------------------------------------------

BAD_DATES: Final = ["1400-13-01", "1399-00-05", "1399-02-32", "1400-12-30", "2021-02-30",
                    "1800-01-01", "2400-01-01", "soon", "Mehrr 1400", "2021-03-21 10:00",
                    "1199-12-29", "۱۴۰۰/۱۳/۰۱", "1,400"]  # fmt: skip
BAD_CELLS: Final[dict[str, list[str]]] = {
    "metric": ["Revived Units", "1st", "jobs-created", "units!"],
    "kind": ["flow", "stock", "cumulativ", "کل"],
    "jyear": ["13x9", "1399.5", "1100", "1700", "14,00", "year"],
    "start": BAD_DATES,
    "end": BAD_DATES,
    "published": BAD_DATES,
    "value": ["abc", "1,00", "1.000,5", "12a", "--5", "inf", "۱۲x"],
    "qualifier": ["maybe", "sometimes"],
    "stated": ["lots", "10-5 units", "1,00 units", "about"],
    "stated_dates": ["end=March 19", "start=2020-13-01"],
    "part_of": ["nope", "F0"],
    "low": ["abc", "1,00", "1e999"],
    "high": ["x", "1.000,5"],
    "equivalent_of": ["nope"],
}


@st.composite
def figure_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    """A valid figure table as the text cells of a CSV file."""
    rows = []
    for i in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(KINDS))
        year = draw(st.integers(1395, 1405))
        row = dict.fromkeys(TEXT_COLUMNS, "")
        row.update(id=f"f{i}", metric=draw(st.sampled_from(["revived_units", "credit"])),
                   kind=kind, jyear=str(year), unit="units")  # fmt: skip
        if kind in ("cumulative", "level"):
            month, day = draw(st.integers(1, 12)), draw(st.integers(1, 29))
            row["end"] = f"{year}-{month:02d}-{day:02d}"
        elif kind == "period" and draw(st.booleans()):
            first = draw(st.integers(1, 12))
            last = draw(st.integers(first, 12))
            row["start"], row["end"] = f"{year}-{first:02d}", f"{year}-{last:02d}"
        amount = draw(st.integers(0, 10**7))
        if draw(st.booleans()):
            row["value"] = draw(st.sampled_from([f"{amount:,}", str(amount)]))
        else:
            row["stated"] = draw(st.sampled_from([f"{amount:,}", f"over {amount:,}",
                                                  f"about {amount}", f"{amount}-{amount + 5}"]))  # fmt: skip
        if i and draw(st.booleans()):
            row["part_of"] = f"f{draw(st.integers(0, i - 1))}"
        if draw(st.booleans()):
            row["published"] = draw(st.sampled_from(["2021-03-21", "1400-01-01", "2019-12-31"]))
        rows.append(row)
    return rows


@st.composite
def spoiled_tables(draw: st.DrawFn) -> tuple[list[dict[str, str]], set[tuple[int, str]]]:
    """A valid table with a few bad cells, and the (row, column) of each."""
    rows = draw(figure_rows())
    bad: set[tuple[int, str]] = set()
    kinds = [*BAD_CELLS, "empty id", "empty unit", "duplicate id", "bound of an exact value"]
    spoils = draw(st.lists(st.tuples(st.integers(0, len(rows) - 1), st.sampled_from(kinds)),
                           max_size=4))  # fmt: skip
    referenced = {row["part_of"] for row in rows}
    # values first, bounds of exact values last: a bound contradicts an exact value only when
    # the row's value and qualifier are themselves readable
    order = {"value": 0, "bound of an exact value": 2}
    for r, how in sorted(spoils, key=lambda spoil: order.get(spoil[1], 1)):
        row, column = rows[r], how
        if how in ("empty id", "duplicate id"):
            others = [o["id"] for i, o in enumerate(rows) if i != r and o["id"] != row["part_of"]]
            others = [other for other in others if other]
            if row["id"] in referenced or (how == "duplicate id" and not others):
                continue
            row["id"] = "" if how == "empty id" else draw(st.sampled_from(others))
            column = "id"
        elif how == "empty unit":
            row["unit"], column = "", "unit"
        elif how == "bound of an exact value":
            if not row["value"] or row["qualifier"] or (r, "value") in bad:
                continue
            row["high"], column = str(float(row["value"].replace(",", "")) + 1), "high"
        elif how in ("low", "high") and not row["value"]:
            continue  # a stated range has its bounds: a given low may agree with it
        else:
            row[column] = draw(st.sampled_from(BAD_CELLS[column]))
        bad.add((r, column))
    # an unreadable stated is reported alone: the unit it might have given is not asked for
    bad -= {(r, "unit") for r, column in set(bad) if column == "stated"}
    # an id given twice is wrong in each row that has it
    ids = pd.Series([row["id"] for row in rows])
    bad |= {(int(i), "id") for i in np.flatnonzero(ids.duplicated(keep=False) & (ids != ""))}
    bad -= {(i, "id") for i, row in enumerate(rows) if row["id"] and (i, "id") in bad
            and not ids.duplicated(keep=False)[i]}  # fmt: skip
    return rows, bad


@given(spoiled_tables())
def test_every_bad_cell_is_reported_once_and_no_good_row_is_blamed(
    drawn: tuple[list[dict[str, str]], set[tuple[int, str]]],
) -> None:
    rows, bad = drawn
    outcome = reported_exactly(rows, bad)
    if isinstance(outcome, ist.FigureValidationError):
        for row, column, reason in outcome.problems:
            assert f"row {row}, column {column!r}: {reason}" in str(outcome)
    else:
        assert outcome["id"].tolist() == [row["id"] for row in rows]


@given(figure_rows())
def test_validation_keeps_every_id_and_a_validated_table_validates_to_itself(
    rows: list[dict[str, str]],
) -> None:
    table = ist.validate_figures(pd.DataFrame(rows))
    assert table["id"].tolist() == [row["id"] for row in rows]
    assert list(table.columns) == list(COLUMNS)
    pd.testing.assert_frame_equal(ist.validate_figures(table), table)


# --- Jalali dates as text: the figure table reads them as parse_jalali does ----------------------


@st.composite
def jalali_texts(draw: st.DrawFn) -> str:
    year = draw(st.integers(1200, 1699))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 29))
    form = draw(st.sampled_from(["ymd", "ym", "y", "named", "named day"]))
    sep = draw(st.sampled_from(["-", "/", "."]))
    names = MONTH_NAMES[draw(st.sampled_from(["en", "fa"]))]
    text = {
        "ymd": f"{year}{sep}{month:02d}{sep}{day:02d}",
        "ym": f"{year}{sep}{month}",
        "y": str(year),
        "named": f"{names[month - 1]} {year}",
        "named day": f"{day} {names[month - 1]} {year}",
    }[form]
    return text.translate(SCRIPTS[draw(st.sampled_from(["ascii", "persian"]))])


@given(st.lists(st.tuples(jalali_texts(), jalali_texts()), min_size=1, max_size=8))
def test_span_ends_are_read_as_parse_jalali_reads_them(pairs: list[tuple[str, str]]) -> None:
    starts = ist.parse_jalali([a for a, _ in pairs])["start"]
    ends = ist.parse_jalali([b for _, b in pairs])["end"]
    rows = [
        {"id": f"f{i}", "metric": "credit", "kind": "target", "start": a, "end": b,
         "value": "1", "unit": "rial"}
        for i, (a, b) in enumerate(pairs)
    ]  # fmt: skip
    backwards = (ends < starts).to_numpy()
    outcome = validate(rows)
    assert set(cells(outcome)) == {(i, "end") for i in np.flatnonzero(backwards)}
    if isinstance(outcome, pd.DataFrame):
        assert outcome["start"].tolist() == starts.tolist()
        assert outcome["end"].tolist() == ends.tolist()


@pytest.mark.parametrize("value", [0.1, 1e-7, 123456789.123, 2.0**53 + 2])
def test_a_number_and_its_text_are_the_same_value(value: float) -> None:
    rows = [{"id": "a", "metric": "credit", "kind": "level", "value": repr(value), "unit": "rial"}]
    outcome = validate(rows)
    assert isinstance(outcome, pd.DataFrame)
    assert math.isclose(outcome["value"].iloc[0], value, rel_tol=0, abs_tol=0)


# --- typed columns (as Parquet or a program gives them) read as their text ---------------------


@given(figure_rows(), st.sampled_from(["object", "str", "category"]),
       st.sampled_from(["naive", "Asia/Tehran", "UTC"]))  # fmt: skip
def test_typed_columns_give_the_table_their_text_gives(
    rows: list[dict[str, str]], text_dtype: Any, zone: str
) -> None:
    as_text = pd.DataFrame(rows)
    expected = ist.validate_figures(as_text)
    typed = as_text.copy()
    typed["value"] = pd.to_numeric(typed["value"].str.replace(",", ""), errors="coerce")
    typed["jyear"] = pd.to_numeric(typed["jyear"]).astype("Int64")
    published = expected["published"]  # Jalali text as its Gregorian day
    if zone != "naive":  # midnight in Tehran, as an instant
        published = published.dt.tz_localize("Asia/Tehran").dt.tz_convert(zone)
    typed["published"] = published
    for column in typed.columns.difference(["value", "jyear", "published"]):
        typed[column] = typed[column].astype(text_dtype)
    pd.testing.assert_frame_equal(ist.validate_figures(typed), expected)
