"""Spans of arrays: one row of start, end and days per element, as the scalar spans give."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats import CalendarRangeError, InputTypeError, InvalidDateError

untyped: Any = ist


def _rows(spans: list[ist.Span]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": pd.to_datetime([s.start for s in spans]).as_unit("us"),
            "end": pd.to_datetime([s.end for s in spans]).as_unit("us"),
            "days": pd.array([s.days for s in spans], dtype="Int64"),
        }
    )


def test_every_month_of_every_supported_year_agrees_with_the_scalar_span() -> None:
    years = np.repeat(np.arange(1300, 1501), 12)
    months = np.tile(np.arange(1, 13), 201)
    frame = ist.month_span(years, months)
    expected = _rows([ist.month_span(int(y), int(m)) for y, m in zip(years, months, strict=True)])
    pd.testing.assert_frame_equal(frame, expected)
    # months tile the years: each next month starts the day after the last one ends
    assert (frame["start"].iloc[1:].to_numpy() - frame["end"].iloc[:-1].to_numpy()
            == np.timedelta64(1, "D")).all()  # fmt: skip


def test_year_quarter_and_months_spans_of_arrays() -> None:
    years = [1399, 1400, 1403]
    pd.testing.assert_frame_equal(ist.year_span(years), _rows([ist.year_span(y) for y in years]))
    assert ist.year_span(years)["days"].tolist() == [366, 365, 366]
    quarters = ist.quarter_span(1402, [1, 2, 3, 4])
    assert quarters["days"].tolist() == [93, 93, 90, 89]
    assert quarters["start"].iloc[0] == pd.Timestamp("2023-03-21")
    assert quarters["end"].iloc[3] == pd.Timestamp("2024-03-19")
    seven = ist.months_span(np.array([1399, 1400]), 1, 7)
    assert seven["days"].tolist() == [216, 216]
    assert seven["end"].tolist() == [pd.Timestamp("2020-10-21"), pd.Timestamp("2021-10-22")]


def test_a_series_gives_its_index_and_missing_elements_give_missing_rows() -> None:
    years = pd.Series([1400, None, 1401], index=["x", "y", "z"], dtype="Int64")
    frame = ist.month_span(years, 12)
    assert frame.index.tolist() == ["x", "y", "z"]
    assert frame["days"].tolist() == [29, pd.NA, 29]
    assert frame["start"].isna().tolist() == [False, True, False]
    assert frame["end"].dtype == "datetime64[us]"
    assert ist.quarter_span([1400, 1401], [1, None])["days"].isna().tolist() == [False, True]


def test_empty_arrays_give_an_empty_frame() -> None:
    frame = ist.year_span([])
    assert frame.shape == (0, 3)
    assert frame.columns.tolist() == ["start", "end", "days"]


@pytest.mark.parametrize(
    ("call", "error", "message", "position"),
    [
        (lambda: untyped.year_span([1400, 1700]), CalendarRangeError, "year must be in 1200-1699, got 1700 at position 1", 1),
        (lambda: untyped.month_span([1400, 1401], [12, 13]), InvalidDateError, "month must be in 1-12, got 13 at position 1", 1),
        (lambda: untyped.quarter_span([1400], [1, 2, 0]), InvalidDateError, "quarter must be in 1-4, got 0 at position 2", 2),
        (lambda: untyped.months_span(1400, [1, 8], [7, 6]), InvalidDateError, "the last month must not come before the first, got 8..6 at position 1", 1),
        (lambda: untyped.month_span([1400, 1401], [1, 2, 3]), InvalidDateError, "year, month, month must have one length (or length 1), got lengths 2, 3, 3", None),
        (lambda: untyped.year_span(["1401"]), InputTypeError, "year must be a whole number, got '1401' at position 0", 0),
        (lambda: untyped.month_span([1400], [1.5]), InvalidDateError, "month must be a whole number, got 1.5 at position 0", 0),
    ],
)  # fmt: skip
def test_arrays_are_refused_with_the_position_of_the_bad_element(
    call: Any, error: type[Exception], message: str, position: int | None
) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message
    assert getattr(info.value, "position", None) == position
