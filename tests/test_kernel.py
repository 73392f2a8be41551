"""The calendar kernel, checked on its whole domain (every day, month and period).

The domain is small (182,622 days, 6,000 months), so the invariants are checked for every
value in one vectorized assertion each, which is stronger than sampling; the checks'
refusals are sampled with hypothesis.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isipo_stats import _kernel
from isipo_stats.errors import CalendarRangeError, InvalidDateError
from isipo_stats.frequency import FREQUENCIES, get_frequency

ALL_DAYS = np.arange(_kernel.FIRST_DAY, _kernel.LAST_DAY + 1, dtype=np.int64)
YEARS = np.arange(_kernel.FIRST_YEAR, _kernel.LAST_YEAR + 1, dtype=np.int64)


def every_valid_date() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (year, month, day) of the supported years, in order, from the month lengths."""
    year = np.repeat(YEARS, 12)
    month = np.tile(np.arange(1, 13, dtype=np.int64), YEARS.size)
    length = _kernel.month_length(year, month)
    start = np.cumsum(length) - length
    rows = np.arange(length.sum())
    which = np.repeat(np.arange(length.size), length)
    return year[which], month[which], rows - start[which] + 1


def test_month_lengths_are_those_of_the_calendar() -> None:
    year = np.repeat(YEARS, 12)
    month = np.tile(np.arange(1, 13, dtype=np.int64), YEARS.size)
    length = _kernel.month_length(year, month)
    assert (length[month <= 6] == 31).all()
    assert (length[(month >= 7) & (month <= 11)] == 30).all()
    assert np.array_equal(length[month == 12], np.where(_kernel.is_leap(YEARS), 30, 29))
    assert np.array_equal(length.reshape(-1, 12).sum(axis=1), _kernel.year_length(YEARS))


def test_every_valid_date_is_one_day_and_back() -> None:
    year, month, day = every_valid_date()
    numbers = _kernel.day_number(year, month, day)
    # one day each, in order, covering the supported range without a gap
    assert np.array_equal(numbers, ALL_DAYS)
    assert all(
        np.array_equal(a, b)
        for a, b in zip(_kernel.fields(numbers), (year, month, day), strict=True)
    )
    none = np.zeros(year.size, dtype=bool)
    checked, missing = _kernel.check_dates(year, month, day, (none, none, none))
    assert np.array_equal(checked, ALL_DAYS)
    assert not missing.any()


def test_day_fields_agree_with_each_other() -> None:
    year, month, _ = _kernel.fields(ALL_DAYS)
    assert np.array_equal(_kernel.year_of(ALL_DAYS), year)
    assert np.array_equal(_kernel.month_of(ALL_DAYS), month)
    doy = _kernel.day_of_year(ALL_DAYS)
    assert np.array_equal(doy, ALL_DAYS - _kernel.nowruz(year) + 1)
    first, last = _kernel.year_bounds(year)
    assert (first <= ALL_DAYS).all()
    assert (ALL_DAYS <= last).all()
    assert np.array_equal(last - first + 1, _kernel.year_length(year))
    assert _kernel.in_range(ALL_DAYS).all()
    outside = np.array([_kernel.FIRST_DAY - 1, _kernel.LAST_DAY + 1, np.iinfo(np.int64).min])
    assert not _kernel.in_range(outside).any()


@pytest.mark.parametrize("code", sorted(FREQUENCIES))
def test_every_day_lies_in_one_period_and_periods_follow_each_other(code: str) -> None:
    spec = get_frequency(code)
    index = spec.index(ALL_DAYS)
    start, end = spec.start(ALL_DAYS), spec.end(ALL_DAYS)
    assert (start <= ALL_DAYS).all()
    assert (ALL_DAYS <= end).all()
    assert np.array_equal(spec.index(start), index)
    assert np.array_equal(spec.index(end), index)
    assert np.array_equal(spec.first_day(index), start)
    assert np.array_equal(spec.last_day(index), end)
    # consecutive: the day after a period's end opens the next period
    inner = end < _kernel.LAST_DAY
    assert np.array_equal(spec.index(end[inner] + 1), index[inner] + 1)
    assert np.array_equal(spec.start(end[inner] + 1), end[inner] + 1)
    assert np.array_equal(np.unique(index), np.arange(YEARS.size * spec.per_year))
    lengths = np.bincount(index)
    assert (
        set(np.unique(lengths).tolist())
        <= {
            1: {29, 30, 31},
            3: {89, 90, 91, 92, 93},
            6: {179, 180, 186},
            12: {365, 366},
        }[spec.months]
    )


@pytest.mark.parametrize("code", sorted(FREQUENCIES))
def test_every_period_label_reads_back_and_sorts_in_time_order(code: str) -> None:
    spec = get_frequency(code)
    index = np.arange(YEARS.size * spec.per_year, dtype=np.int64)
    labels = spec.labels(index)
    assert np.array_equal(spec.parse(labels), index)
    assert labels.tolist() == sorted(labels.tolist())
    assert len(set(labels.tolist())) == index.size
    year, number = spec.year_and_number(index)
    assert np.array_equal(year, _kernel.year_of(spec.first_day(index)))
    assert (number >= 1).all()
    assert (number <= spec.per_year).all()


# --- the checks refuse the first bad value, and only values that are not missing ----------

ints = st.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max)
some_ints = st.lists(st.one_of(ints, st.integers(1195, 1705), st.integers(-2, 14)), max_size=8)


@given(some_ints, st.data())
def test_check_years_and_months_refuse_the_first_bad_value_not_missing(
    values: list[int], data: Any
) -> None:
    array = np.array(values, dtype=np.int64)
    missing = np.array(
        data.draw(st.lists(st.booleans(), min_size=array.size, max_size=array.size)), dtype=bool
    )
    for check, low, high, error in (
        (_kernel.check_years, _kernel.FIRST_YEAR, _kernel.LAST_YEAR, CalendarRangeError),
        (_kernel.check_months, 1, 12, InvalidDateError),
    ):
        bad = ((array < low) | (array > high)) & ~missing
        if bad.any():
            with pytest.raises(error) as info:
                check(array, missing)
            position = int(np.argmax(bad))
            assert info.value.position == position
            assert str(info.value).endswith(f"got {values[position]} at position {position}")
        else:
            checked = check(array, missing)
            assert np.array_equal(checked, np.where(missing, low, array))


@given(
    st.lists(st.one_of(ints, st.integers(_kernel.FIRST_DAY - 2, _kernel.LAST_DAY + 2)), max_size=8)
)
def test_check_days_refuses_the_first_day_outside(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    none = np.zeros(array.size, dtype=bool)
    outside = (array < _kernel.FIRST_DAY) | (array > _kernel.LAST_DAY)
    if outside.any():
        with pytest.raises(CalendarRangeError) as info:
            _kernel.check_days(array, none)
        assert info.value.position == int(np.argmax(outside))
        assert np.array_equal(
            _kernel.check_days(array, outside), np.where(outside, _kernel.FIRST_DAY, array)
        )
    else:
        assert np.array_equal(_kernel.check_days(array, none), array)
