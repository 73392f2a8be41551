"""The one frequency spec: codes, labels, and the messages for what is not one of them."""

from __future__ import annotations

from typing import Any, get_args

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import _kernel
from isipo_stats._typing import FreqCode
from isipo_stats.errors import FrequencyError, InputTypeError, ParseError
from isipo_stats.frequency import FREQUENCIES, get_frequency


def test_the_codes_are_the_literal_type() -> None:
    assert tuple(FREQUENCIES) == get_args(FreqCode)
    assert [get_frequency(c).months for c in FREQUENCIES] == [1, 3, 6, 12]
    spec = get_frequency("Q")
    assert get_frequency(spec) is spec


@pytest.mark.parametrize("freq", ["W", "m", "q", "", " M", "MS", None, 3, ["M"], b"M"])
def test_anything_else_is_refused_with_the_codes(freq: Any) -> None:
    with pytest.raises(FrequencyError) as info:
        get_frequency(freq)
    assert str(info.value) == f"freq must be one of M, Q, H, Y, got {freq!r}"
    assert isinstance(info.value, ValueError)
    assert not isinstance(info.value, InputTypeError)  # a TypeError until 0.2


@pytest.mark.parametrize(
    ("code", "label", "first_day", "last_day"),
    [
        ("M", "1399-12", "2021-02-19", "2021-03-20"),
        ("Q", "1400-Q1", "2021-03-21", "2021-06-21"),
        ("H", "1400-H2", "2021-09-23", "2022-03-20"),
        ("H", "1403-H2", "2024-09-22", "2025-03-20"),
        ("Y", "1403", "2024-03-20", "2025-03-20"),
        ("Y", "1699", "2320-03-21", "2321-03-20"),
    ],
)
def test_labels_name_the_periods_of_the_calendar(
    code: str, label: str, first_day: str, last_day: str
) -> None:
    spec = get_frequency(code)
    index = spec.parse([label])
    days = np.array([np.datetime64(first_day, "D"), np.datetime64(last_day, "D")]).astype(np.int64)
    assert spec.first_day(index).tolist() == [days[0]]
    assert spec.last_day(index).tolist() == [days[1]]
    assert spec.labels(spec.index(days)).tolist() == [label, label]
    assert ist.period_labels(days.astype("datetime64[D]"), code).tolist() == [label, label]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "label"),
    [("M", "1400-Q3"), ("M", "1400-13"), ("M", "1400-7"), ("Q", "1400-Q5"), ("Q", "1400-07"),
     ("H", "1400-H3"), ("H", "1400-Q1"), ("Y", "1400-01"), ("Y", "1199"), ("Y", "1700"),
     ("M", None), ("Q", "")],
)  # fmt: skip
def test_labels_of_another_frequency_are_refused(code: str, label: Any) -> None:
    spec = get_frequency(code)
    with pytest.raises(ParseError) as info:
        spec.parse(["1400" if code == "Y" else spec.example, label])
    assert info.value.position == 1
    assert str(info.value) == (
        f"could not read {label!r} at position 1 as a Jalali {spec.name} label like "
        f"{spec.example!r} (years 1200-1699)"
    )


@given(
    st.sampled_from(sorted(FREQUENCIES)),
    st.integers(_kernel.FIRST_YEAR - 2, _kernel.LAST_YEAR + 2),
    st.integers(-1, 14),
    st.sampled_from(["", " ", "\t"]),
)
def test_a_label_reads_back_to_its_period_or_is_refused(
    code: str, year: int, number: int, pad: str
) -> None:
    spec = get_frequency(code)
    if spec.months == 12:
        text = f"{year}"
    else:
        text = f"{year}{spec.prefix}{number:0{2 if code == 'M' else 1}d}"
    valid = _kernel.FIRST_YEAR <= year <= _kernel.LAST_YEAR and (
        spec.months == 12 or 1 <= number <= spec.per_year
    )
    if not valid:
        with pytest.raises(ParseError):
            spec.parse([pad + text + pad])
        return
    index = spec.parse([pad + text + pad])
    assert spec.labels(index).tolist() == [text]
    year_of_period, number_of_period = spec.year_and_number(index)
    assert year_of_period.tolist() == [year]
    assert number_of_period.tolist() == [1 if spec.months == 12 else number]
