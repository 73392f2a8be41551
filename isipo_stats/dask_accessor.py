"""The ``.isipo`` accessor on Dask collections: the pandas API, partition by partition.

Importing this module (it needs the ``dask`` extra) registers ``.isipo`` on
``dask.dataframe`` Series and DataFrames::

    import isipo_stats.dask_accessor  # registers .isipo on Dask collections

Every method runs the pandas accessor (:mod:`isipo_stats.accessor`) on each partition and
gives the same results as pandas:

* date fields (``year`` ... ``is_year_end``) are the pandas accessor's, declared once in
  :class:`isipo_stats._fields.JalaliFields` and computed partition by partition, with
  their dtype as ``meta``; labels and text (``month_name``, ``strftime``, ``to_period``)
  call the pandas accessor on each partition. Which dates are read follows the pandas rule
  (the values whenever they are dates, of any dtype; else the DatetimeIndex), decided on
  the collection's dtype, except for ``object`` values: Dask cannot look at them without
  computing them, so each partition is judged by itself (convert a column that mixes dates
  and other objects first, with ``dd.to_datetime``);
* ``floor``, ``ceil``, ``day_name`` and selection by Jalali text (``s.isipo["1400-07"]``,
  ``s.isipo["1399":"1400-06"]``) run on each partition, as the fields do;
* ``resample(freq)`` sums (counts, averages, ...) each partition by Jalali period (weeks
  too), then combines the partial results, one row per period and partition, on the client;
* ``year_to_date`` and ``from_year_to_date`` need whole Jalali years in one partition: the
  Series (with a sorted DatetimeIndex and known divisions) is repartitioned at Nowruz first
  (so the gap check of ``year_to_date`` sees each year whole);
* ``pct_change``, ``yoy``, ``inflation``, ``rebase``, ``asfreq`` and ``complete`` compare or
  fill across years and partitions: they are not offered here; compute the (small) series
  of period values first and use the pandas accessor;
* on a figure table, ``check`` runs on the whole table (figure tables hold one row per
  reported figure, and some checks compare figures of different series), and ``reconcile``
  reconciles every metric x region x unit x Jalali year in its own partition, with those
  flags, so each partition is reconciled exactly as in the whole.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._fields import Field, JalaliFields, numbers_on_dates, refusal
from isipo_stats._typing import FreqCode, PeriodCode
from isipo_stats.accessor import IsipoSeriesAccessor
from isipo_stats.checks import Tolerances, check
from isipo_stats.errors import InputTypeError, MissingDependencyError
from isipo_stats.figures import validate_figures
from isipo_stats.reconciliation import reconcile
from isipo_stats.series import Gaps, Target
from isipo_stats.text import Locale

try:
    import dask.dataframe as dd
    from dask.dataframe.extensions import (
        register_dataframe_accessor,
        register_series_accessor,
    )
except ImportError as err:  # pragma: no cover - exercised without the extra
    msg = "the Dask accessor needs dask: pip install 'isipo-stats[dask]'"
    raise MissingDependencyError(msg) from err

__all__ = ["DaskIsipoFrameAccessor", "DaskIsipoSeriesAccessor", "DaskReconciled"]

_GROUP: Final = ["metric", "region", "unit", "jyear"]


def _pandas(part: pd.Series) -> IsipoSeriesAccessor:
    return IsipoSeriesAccessor(part)


def _nowruz_divisions(first: pd.Timestamp, last: pd.Timestamp) -> list[pd.Timestamp]:
    """Divisions from ``first`` to ``last`` cut at every Nowruz between them."""
    years = np.arange(_kernel.FIRST_YEAR, _kernel.LAST_YEAR + 2)
    days = pd.DatetimeIndex(_kernel.nowruz(years).astype("datetime64[D]"))
    inside = days[(days > first) & (days <= last)]
    cuts = [first, *inside]
    return [*cuts, last] if cuts[-1] != last else cuts


class DaskReconciled(NamedTuple):
    """:class:`isipo_stats.Reconciled` with Dask frames (``flags`` stays in pandas)."""

    monthly: dd.DataFrame
    figures: dd.DataFrame
    flags: pd.DataFrame
    groups: dd.DataFrame


@register_series_accessor("isipo")
class DaskIsipoSeriesAccessor(JalaliFields[dd.Series]):
    """``.isipo`` on a Dask Series: the pandas accessor applied to each partition.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> s = dd.from_pandas(pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21"])),
    ...                    npartitions=2)
    >>> s.isipo.year.compute().tolist()
    [1399, 1400]
    """

    def __init__(self, series: dd.Series) -> None:
        message = refusal(series._meta)  # the pandas accessor's O(1) check and message
        if message is not None:
            raise AttributeError(message)
        self._obj = series

    def _field_result(self, field: Field) -> dd.Series:
        """Return one Jalali field, computed partition by partition."""
        meta = field.series(self._obj._meta)  # the field of no dates: dtype, name, index
        return self._obj.map_partitions(field.series, meta=meta)

    def day_name(self, locale: Locale = "en") -> dd.Series:
        """Weekday names, Saturday first, as :meth:`IsipoSeriesAccessor.day_name`."""
        return self._obj.map_partitions(lambda p: _pandas(p).day_name(locale), meta=self._text())

    def __getitem__(self, key: object) -> dd.Series:
        """Rows in a Jalali span, as :meth:`IsipoSeriesAccessor.__getitem__` (per partition)."""
        return self._obj.map_partitions(lambda p: _pandas(p)[key], meta=self._obj._meta)

    def month_name(self, locale: Locale = "en") -> dd.Series:
        """Jalali month names, as :meth:`IsipoSeriesAccessor.month_name`."""
        return self._obj.map_partitions(lambda p: _pandas(p).month_name(locale), meta=self._text())

    def strftime(self, fmt: str, *, locale: Locale = "en") -> dd.Series:
        """Jalali dates as text, as :meth:`IsipoSeriesAccessor.strftime`."""
        return self._obj.map_partitions(
            lambda p: _pandas(p).strftime(fmt, locale=locale), meta=self._text()
        )

    def to_period(self, freq: PeriodCode = "M") -> dd.Series:
        """Jalali period labels, as :meth:`IsipoSeriesAccessor.to_period`."""
        return self._obj.map_partitions(lambda p: _pandas(p).to_period(freq), meta=self._text())

    def floor(self, freq: PeriodCode = "M") -> dd.Series:
        """First day of each date's Jalali period, as :meth:`IsipoSeriesAccessor.floor`."""
        return self._obj.map_partitions(lambda p: _pandas(p).floor(freq), meta=self._dates())

    def ceil(self, freq: PeriodCode = "M") -> dd.Series:
        """First Jalali period start on or after each date, as :meth:`IsipoSeriesAccessor.ceil`."""
        return self._obj.map_partitions(lambda p: _pandas(p).ceil(freq), meta=self._dates())

    def _dates(self) -> pd.Series:
        return pd.Series([], dtype="datetime64[us]", name=self._obj.name)

    def _text(self) -> pd.Series:
        return pd.Series([], dtype=object, name=self._obj.name)

    def resample(self, freq: PeriodCode = "M") -> DaskJalaliResampler:
        """Aggregate by Jalali period: ``.resample("M").sum()`` and so on."""
        return DaskJalaliResampler(self._obj, freq)

    def _by_year(self) -> dd.Series:
        """Repartition the Series at Nowruz, so that each Jalali year is in one partition."""
        if not self._obj.known_divisions:
            msg = "year_to_date on Dask needs a sorted DatetimeIndex with known divisions"
            raise InputTypeError(msg)
        first, last = self._obj.divisions[0], self._obj.divisions[-1]
        return self._obj.repartition(divisions=tuple(_nowruz_divisions(first, last)))

    def year_to_date(self, *, freq: FreqCode = "M", gaps: Gaps = "raise") -> dd.Series:
        """Cumulate flows within each Jalali year, as :meth:`IsipoSeriesAccessor.year_to_date`."""
        meta = _pandas(self._obj._meta).year_to_date(freq=freq, gaps=gaps)  # no sample run
        return self._by_year().map_partitions(
            lambda p: _pandas(p).year_to_date(freq=freq, gaps=gaps), meta=meta
        )

    def from_year_to_date(self) -> dd.Series:
        """Flows from year-to-date values, never across Nowruz."""
        return self._by_year().map_partitions(lambda p: _pandas(p).from_year_to_date())

    def calendarize(self, to: Target = "gregorian_year") -> dd.DataFrame:
        """Allocate one-day flows to calendar periods, as the pandas accessor does."""
        meta = _pandas(self._obj._meta).calendarize(to)
        return self._obj.map_partitions(lambda p: _pandas(p).calendarize(to), meta=meta)


class DaskJalaliResampler:
    """Jalali-period aggregation of a Dask Series (see :meth:`DaskIsipoSeriesAccessor.resample`)."""

    def __init__(self, series: dd.Series, freq: PeriodCode) -> None:
        numbers_on_dates(series._meta, "resample")
        self._obj = series
        self._freq = freq

    def _partial(self, how: str) -> pd.Series:
        freq = self._freq
        parts = self._obj.map_partitions(
            lambda p: getattr(_pandas(p).resample(freq), how)(),
            meta=pd.Series([], dtype=float if how != "count" else "int64", name=self._obj.name),
        )
        # the partial results hold one row per period and partition: combine them in pandas
        combine = "sum" if how in ("sum", "count") else how
        out: pd.Series = getattr(parts.compute().groupby(level=0, sort=True), combine)()
        return out

    def sum(self) -> pd.Series:
        """Sum by Jalali period (a pandas Series, sorted in time order)."""
        return self._partial("sum")

    def count(self) -> pd.Series:
        """Count of values by Jalali period."""
        return self._partial("count")

    def min(self) -> pd.Series:
        """Smallest value by Jalali period."""
        return self._partial("min")

    def max(self) -> pd.Series:
        """Largest value by Jalali period."""
        return self._partial("max")

    def mean(self) -> pd.Series:
        """Mean by Jalali period (sum / count, combined across partitions)."""
        return self.sum() / self.count()

    def first(self) -> pd.Series:
        """First value of each Jalali period (partitions in index order)."""
        return self._partial("first")

    def last(self) -> pd.Series:
        """Last value of each Jalali period (partitions in index order)."""
        return self._partial("last")


@register_dataframe_accessor("isipo")
class DaskIsipoFrameAccessor:
    """``.isipo`` on a Dask DataFrame holding a figure table."""

    def __init__(self, frame: dd.DataFrame) -> None:
        missing = [c for c in ("id", "metric", "kind") if c not in frame.columns]
        if missing:
            msg = (
                f"the .isipo accessor needs a figure table; missing column(s): {', '.join(missing)}"
            )
            raise AttributeError(msg)
        self._obj = frame

    def validate(self) -> pd.DataFrame:
        """Validate the whole table (ids and references span partitions): a pandas table."""
        return validate_figures(self._obj.compute())

    def check(self, *, tolerances: Tolerances | None = None) -> pd.DataFrame:
        """Check the whole table, as :func:`isipo_stats.check`."""
        return check(self.validate(), tolerances=tolerances)

    def reconcile(
        self, freq: FreqCode = "M", *, tolerances: Tolerances | None = None
    ) -> DaskReconciled:
        """Reconcile every series in its own partition, with the whole table's flags."""
        table = self.validate()
        flags = check(table, tolerances=tolerances)
        key = table.groupby(_GROUP, dropna=False, sort=False).ngroup()
        n = max(1, self._obj.npartitions)
        parts = dd.from_pandas(table.assign(_series=key), npartitions=n, sort=False)
        parts = parts.shuffle(on="_series", npartitions=n)
        sample = reconcile(table.iloc[:0], freq, tolerances=tolerances, flags=flags)

        def run(part: pd.DataFrame, field: str) -> pd.DataFrame:
            result = reconcile(
                part.drop(columns="_series"), freq, tolerances=tolerances, flags=flags
            )
            frame: pd.DataFrame = getattr(result, field)
            return frame

        return DaskReconciled(
            monthly=parts.map_partitions(run, "monthly", meta=sample.monthly),
            figures=parts.map_partitions(run, "figures", meta=sample.figures),
            flags=flags,
            groups=parts.map_partitions(run, "groups", meta=sample.groups),
        )
