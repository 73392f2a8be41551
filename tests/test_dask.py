"""The .isipo accessor on Dask, on a real two-worker LocalCluster, against pandas exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

import isipo_stats as ist
from isipo_stats._fields import FIELDS
from isipo_stats.accessor import IsipoSeriesAccessor

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

from isipo_stats import dask_accessor  # noqa: E402  (registers .isipo on Dask)

SERIES_KEY = ["metric", "region", "unit", "jyear"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture(scope="module")
def daily() -> pd.Series:
    rng = np.random.default_rng(3)
    days = np.sort(rng.integers(17_000, 20_500, 50_000)).astype("datetime64[D]")
    return pd.Series(rng.integers(0, 100, days.size).astype(float), index=pd.DatetimeIndex(days),
                     name="units")  # fmt: skip


@pytest.mark.parametrize("field", [field.name for field in FIELDS])
def test_fields_equal_pandas(client: Any, daily: pd.Series, field: str) -> None:
    dask_series = dd.from_pandas(daily, npartitions=6)
    lazy = getattr(dask_series.isipo, field)
    pd.testing.assert_series_equal(lazy._meta, getattr(daily.iloc[:0].isipo, field))
    pd.testing.assert_series_equal(lazy.compute(), getattr(daily.isipo, field))


def test_fields_are_the_pandas_accessors() -> None:
    for field in FIELDS:
        assert getattr(dask_accessor.DaskIsipoSeriesAccessor, field.name) is field
        assert getattr(IsipoSeriesAccessor, field.name) is field


@pytest.mark.parametrize("kind", ["arrow", "category", "object"])
def test_dates_of_any_dtype_are_read_before_the_index(
    client: Any, daily: pd.Series, kind: str
) -> None:
    dates = pd.Series(daily.index[::-1], index=daily.index, name="when")  # other dates
    dates.iloc[3] = None
    choices: dict[str, pd.Series] = {
        "arrow": dates.astype("timestamp[us][pyarrow]"),
        "category": dates.astype("category"),
        "object": dates.astype(object),
    }
    values = choices[kind]
    # Dask turns object columns into text by default; keep the Timestamp objects
    with dask.config.set({"dataframe.convert-string": False}):
        dask_values = dd.from_pandas(values, npartitions=4)
    assert dask_values.dtype == values.dtype
    for field in ("year", "is_year_end"):
        got = getattr(dask_values.isipo, field).compute()
        pd.testing.assert_series_equal(got, getattr(values.isipo, field))
    pd.testing.assert_series_equal(
        dask_values.isipo.year.compute(), ist.to_jalali(values)["year"], check_names=False
    )


def test_datetime_values_and_labels(client: Any, daily: pd.Series) -> None:
    values = pd.Series(daily.index, name="when")
    values.iloc[5] = pd.NaT
    dask_values = dd.from_pandas(values, npartitions=4)
    pd.testing.assert_series_equal(dask_values.isipo.year.compute(), values.isipo.year)
    pd.testing.assert_series_equal(
        dask_values.isipo.to_period("Q").compute(), values.isipo.to_period("Q")
    )
    pd.testing.assert_series_equal(
        dask_values.isipo.strftime("%d %B %Y", locale="fa").compute(),
        values.isipo.strftime("%d %B %Y", locale="fa"),
    )


@pytest.mark.parametrize("how", ["sum", "count", "mean", "min", "max", "first", "last"])
@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
def test_resample_equals_pandas(client: Any, daily: pd.Series, how: str, freq: str) -> None:
    dask_series = dd.from_pandas(daily, npartitions=7)
    got = getattr(dask_series.isipo.resample(freq), how)()
    expected = getattr(daily.isipo.resample(freq), how)()
    pd.testing.assert_series_equal(got, expected, check_dtype=False, check_names=False,
                                   rtol=1e-12)  # fmt: skip


def test_year_to_date_round_trip_equals_pandas(client: Any, daily: pd.Series) -> None:
    dask_series = dd.from_pandas(daily, npartitions=5)
    ytd = dask_series.isipo.year_to_date(gaps="skip").compute()
    pd.testing.assert_series_equal(ytd, daily.isipo.year_to_date(gaps="skip"), rtol=1e-12)
    flows = dd.from_pandas(ytd, npartitions=3).isipo.from_year_to_date().compute()
    pd.testing.assert_series_equal(flows, daily, rtol=1e-9)


def test_year_to_date_needs_known_divisions(client: Any, daily: pd.Series) -> None:
    unknown = dd.from_pandas(daily, npartitions=3).clear_divisions()
    with pytest.raises(ist.InputTypeError, match="needs a sorted DatetimeIndex"):
        unknown.isipo.year_to_date()


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    return out.astype({c: object for c in out.columns if out[c].dtype == "string"})


def test_check_and_reconcile_on_partitioned_figures(client: Any) -> None:
    table = ist.load_isipo_reports()
    dask_table = dd.from_pandas(table, npartitions=3)
    pd.testing.assert_frame_equal(dask_table.isipo.check(), ist.check(table))
    got = dask_table.isipo.reconcile()
    expected = ist.reconcile(table)
    pd.testing.assert_frame_equal(
        _sorted(got.monthly.compute(), [*SERIES_KEY, "period"]),
        _sorted(expected.monthly, [*SERIES_KEY, "period"]),
        check_dtype=False,
    )
    pd.testing.assert_frame_equal(
        _sorted(got.figures.compute(), ["id"]), _sorted(expected.figures, ["id"]),
        check_dtype=False,
    )  # fmt: skip
    pd.testing.assert_frame_equal(
        _sorted(got.groups.compute(), SERIES_KEY), _sorted(expected.groups, SERIES_KEY),
        check_dtype=False,
    )  # fmt: skip


def test_refusal_messages() -> None:
    with pytest.raises(AttributeError) as info:
        _ = dd.from_pandas(pd.Series([1, 2]), npartitions=1).isipo
    assert str(info.value) == (
        "the .isipo accessor needs datetime values or a DatetimeIndex, "
        "got int64 values with a RangeIndex"
    )
    dated = dd.from_pandas(pd.Series(pd.to_datetime(["2021-03-21"])), npartitions=1)
    with pytest.raises(ist.InputTypeError) as flows:
        dated.isipo.resample("M")
    assert str(flows.value) == (
        ".isipo.resample needs numbers on a DatetimeIndex, got datetime64[us] values with a "
        "RangeIndex"
    )
    with pytest.raises(AttributeError, match="missing column"):
        _ = dd.from_pandas(pd.DataFrame({"a": [1]}), npartitions=1).isipo
    assert dask_accessor.DaskIsipoSeriesAccessor.__name__ == "DaskIsipoSeriesAccessor"
