"""jalali-pandas as a test oracle for ranges and offsets (skipped when it is not installed).

jalali-pandas is GPL/AGPL-licensed: it is used here only through its public API, as an
independent implementation to compare with (``pip install 'isipo-stats[compare]'``); none
of its code is part of isipo_stats.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isipo_stats as ist
from isipo_stats import _kernel
from isipo_stats.ranges import date_range

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    jalali_pandas = pytest.importorskip("jalali_pandas")

CODES = ["MS", "ME", "QS", "QE", "YS", "YE"]


def theirs(start: str, periods: int, freq: str) -> pd.DatetimeIndex:
    index = jalali_pandas.jalali_date_range(start, periods=periods, freq=f"J{freq[-2:]}"
                                            if freq[0] not in "0123456789" else
                                            f"{freq[:-2]}J{freq[-2:]}")  # fmt: skip
    return pd.DatetimeIndex(jalali_pandas.to_gregorian_datetime(index))


@given(
    st.integers(1300, 1480),
    st.integers(1, 12),
    st.integers(1, 29),
    st.sampled_from(CODES),
    st.integers(1, 3),
    st.integers(1, 40),
)
def test_date_range_equals_jalali_pandas(
    year: int, month: int, day: int, code: str, n: int, periods: int
) -> None:
    freq = f"{n}{code}" if n > 1 else code
    start = f"{year}-{month:02d}-{day:02d}"
    if n > 1:
        # off an anchor, jalali-pandas moves n anchors forward where pandas (and this
        # library) take the first anchor on or after start: compare from an anchor
        start = date_range(start, periods=1, freq=code).strftime("%Y-%m-%d")[0]
        start = str(ist.format_jalali(start))
    ours = date_range(start, periods=periods, freq=freq)
    assert (
        ours.strftime("%Y-%m-%d").tolist()
        == theirs(start, periods, freq).strftime("%Y-%m-%d").tolist()
    )


def test_every_month_end_of_1300_1499_equals_jalali_pandas() -> None:
    ours = date_range("1300-01-01", "1499-12-29", freq="ME")
    assert len(ours) == 2400
    assert ours.equals(theirs("1300-01-01", 2400, "ME").as_unit("us"))


def test_weekday_and_fields_equal_jalali_pandas() -> None:
    days = pd.Series(pd.date_range("2020-01-01", "2026-12-31"))
    converted: Any = days.jalali.to_jalali()  # type: ignore[attr-defined]
    ours: Any = days.isipo
    for field in ("year", "month", "day", "quarter", "weekday"):
        np.testing.assert_array_equal(
            getattr(ours, field).to_numpy(dtype=np.int64),
            np.asarray(getattr(converted.jalali, field), dtype=np.int64),
            err_msg=field,
        )
    assert _kernel.FIRST_YEAR <= int(ours.year.min())
