"""The partition-wise period members on Dask equal pandas (run on the synchronous scheduler)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

from isipo_stats import dask_accessor  # noqa: E402, F401  (registers .isipo on Dask)


@pytest.fixture(autouse=True)
def synchronous() -> Iterator[None]:
    with dask.config.set(scheduler="sync"):
        yield


@pytest.fixture(scope="module")
def daily() -> pd.Series:
    rng = np.random.default_rng(7)
    days = np.sort(rng.integers(17_000, 20_500, 5_000)).astype("datetime64[D]")
    hours = rng.integers(0, 24, days.size).astype("timedelta64[h]")
    index = pd.DatetimeIndex(days + hours, name="at")
    values = rng.integers(0, 100, days.size).astype(float)
    return pd.Series(values, index=index, name="units").sort_index()


@pytest.mark.parametrize(
    "member",
    [
        lambda acc: acc.floor("Q"),
        lambda acc: acc.ceil("M"),
        lambda acc: acc.ceil("W"),
        lambda acc: acc.day_name("fa"),
        lambda acc: acc.to_period("W"),
        lambda acc: acc.strftime("%A %e %b %Y %H:%M, week %W"),
        lambda acc: acc["1399-07":"1400-Q1"],
        lambda acc: acc["1400"],
    ],
)
def test_partition_wise_members_equal_pandas(daily: pd.Series, member: Any) -> None:
    lazy = member(dd.from_pandas(daily, npartitions=5).isipo)
    expected = member(daily.isipo)
    pd.testing.assert_series_equal(lazy.compute(), expected)
    assert lazy._meta.dtype == expected.dtype


def test_weekly_resample_and_gapless_year_to_date_equal_pandas(daily: pd.Series) -> None:
    dask_series = dd.from_pandas(daily, npartitions=5)
    pd.testing.assert_series_equal(
        dask_series.isipo.resample("W").sum(), daily.isipo.resample("W").sum()
    )
    whole_years = daily["2020-03-20":"2023-03-20"]  # Jalali 1399-1401, every month present
    lazy = dd.from_pandas(whole_years, npartitions=4).isipo.year_to_date()
    pd.testing.assert_series_equal(lazy.compute(), whole_years.isipo.year_to_date())
