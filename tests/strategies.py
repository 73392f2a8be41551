"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from isipo_stats import SUPPORTED_YEARS

FIRST_DATE = dt.date(1821, 3, 21)
LAST_DATE = dt.date(2321, 3, 20)

gregorian_dates = st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)
jalali_years = st.integers(SUPPORTED_YEARS[0], SUPPORTED_YEARS[1])


@st.composite
def jalali_dates(draw: st.DrawFn) -> tuple[int, int, int]:
    """A valid Jalali date; day 30 of Esfand only in leap years (checked by the caller's oracle)."""
    year = draw(jalali_years)
    month = draw(st.integers(1, 12))
    last = 31 if month <= 6 else 30 if month <= 11 else 29
    day = draw(st.integers(1, last))
    return year, month, day
