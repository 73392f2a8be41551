"""The ``.isipo`` accessors: Jalali fields on a Series, figure-table methods on a DataFrame.

Importing :mod:`isipo_stats` registers them. They are sugar over the module functions, which
are the typed API (type checkers cannot see ``.isipo``): every property and method is one
call to a function of :mod:`isipo_stats`.

* **Series**: the accessor reads the values whenever they are dates, of any dtype
  (``datetime64`` of any unit, timezone-aware included; Arrow timestamps and dates; a
  categorical of dates; ``object`` values that are all dates or missing), so that
  ``s.isipo.year`` equals ``isipo_stats.to_jalali(s)["year"]``; only on other values does
  it read the DatetimeIndex. The rule is :func:`isipo_stats._fields.dates_of`. Fields are
  named as pandas names them (``year``, ``month``, ``day``, ``quarter``, ``dayofyear``,
  ``days_in_month``, ``is_leap_year``, ``is_month_start``, ...); they are declared once, in
  :class:`isipo_stats._fields.JalaliFields`, for this accessor and the Dask one. Fields
  read one after the other share one conversion of the dates (see :mod:`isipo_stats._fields`
  for that cache, which never returns fields of dates since changed). Dates also get
  ``floor``/``ceil`` to a Jalali period, ``day_name`` and selection by Jalali text
  (``s.isipo["1400-07"]``, ``s.isipo["1399":"1400-06"]``). Numbers on a DatetimeIndex
  also get ``resample``, ``year_to_date``, ``from_year_to_date``, ``calendarize``,
  ``pct_change``, ``yoy``, ``inflation``, ``rebase``, ``asfreq`` and ``complete``.
* **DataFrame**: a figure table (columns ``id``, ``metric``, ``kind`` at least) gets
  ``validate``, ``check``, ``reconcile`` and ``plot``.

Return conventions
------------------
* A result has the Series' index and name, in both cases (dates as values or a
  DatetimeIndex).
* Integer fields are nullable ``Int64``: NaT gives ``<NA>``. Boolean fields are plain
  ``bool``: NaT gives ``False``, as pandas ``.dt`` does.
* Timezone-aware dates are read in Asia/Tehran local time (as every function of the library
  reads them), not in their own time zone as ``.dt`` would.
* The accessor keeps no state beyond the object it was built on and never modifies it;
  ``__init__`` only checks a dtype, an index type or column names (and, for ``object``
  values on another index, the type of each value).

Examples
--------
>>> import isipo_stats  # registers .isipo
>>> s = pd.Series(pd.to_datetime(["2021-03-20", "2021-03-21", None]), name="asof")
>>> s.isipo.year
0    1399
1    1400
2    <NA>
Name: asof, dtype: Int64
>>> s.isipo.is_year_end.tolist()
[True, False, False]
>>> flows = pd.Series([3.0, 4.0, 5.0],
...                   index=pd.to_datetime(["2022-02-01", "2022-03-01", "2022-04-01"]))
>>> flows.isipo.year_to_date(gaps="skip").tolist()   # 1400 began before Bahman: a gap
[3.0, 7.0, 5.0]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Final, overload

import numpy as np
import pandas as pd

from isipo_stats import change as _change
from isipo_stats import checks as _checks
from isipo_stats import figures as _figures
from isipo_stats import ranges as _ranges
from isipo_stats import reconciliation as _reconciliation
from isipo_stats import regular as _regular
from isipo_stats import series as _series
from isipo_stats import text as _text
from isipo_stats._dates import days_to_datetime64
from isipo_stats._fields import (
    Field,
    JalaliFields,
    dates_of,
    like,
    numbers_on_dates,
    refusal,
)
from isipo_stats._typing import Aggregation, FreqCode, PeriodCode
from isipo_stats.calendar import read_days
from isipo_stats.checks import Tolerances
from isipo_stats.errors import InvalidArgumentError, InvalidDateError
from isipo_stats.frequency import get_frequency
from isipo_stats.reconciliation import Reconciled
from isipo_stats.series import Target
from isipo_stats.text import Locale

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["IsipoFrameAccessor", "IsipoSeriesAccessor", "JalaliResampler"]

_FIGURE_COLUMNS: Final = ("id", "metric", "kind")


def _period_starts(dates: pd.Index, freq: FreqCode) -> pd.Series | pd.DatetimeIndex:
    """First day of the Jalali period that ends on each date, raising if a date ends none."""
    spec = get_frequency(freq)
    parsed, days = read_days(dates)
    bad = (spec.end(days) != days) & ~parsed.missing
    if bad.any():
        i = int(np.argmax(bad))
        shown = _text.format_jalali(np.datetime64(int(days[i]), "D"))
        gregorian = np.datetime64(int(days[i]), "D")
        msg = (
            f"with freq={spec.code!r} each date must be the last day of a Jalali {spec.name}, "
            f"got {shown} ({gregorian})"
        )
        raise InvalidDateError(msg, position=i)
    return pd.DatetimeIndex(days_to_datetime64(spec.start(days), parsed.missing))


def _spans(
    dates: pd.Index, freq: FreqCode | None, start: object, end: object
) -> tuple[object, object]:
    """Return the (start, end) that :meth:`IsipoSeriesAccessor.calendarize` passes on."""
    if freq is None:
        return (dates if start is None else start), (dates if end is None else end)
    if start is not None or end is not None:
        msg = "give freq or start/end, not both"
        raise InvalidArgumentError(msg)
    return _period_starts(dates, freq), dates


@pd.api.extensions.register_series_accessor("isipo")
class IsipoSeriesAccessor(JalaliFields[pd.Series]):
    """Jalali calendar fields and conversions on a Series: ``s.isipo``.

    On dates of any dtype (``datetime64`` of any unit or time zone, Arrow timestamps or
    dates, a categorical of dates, ``object`` dates) the accessor reads the values; on any
    other Series, its DatetimeIndex. Every member calls one function below it and returns
    a result with the Series' index and name. The fields (``year`` ... ``is_year_end``)
    come from :class:`isipo_stats._fields.JalaliFields`.

    Parameters
    ----------
    series : pandas.Series
        Dates, or any values on a DatetimeIndex.

    Raises
    ------
    AttributeError
        Neither dates nor a DatetimeIndex (so ``hasattr(s, "isipo")`` is False).

    See Also
    --------
    isipo_stats.to_jalali, isipo_stats.format_jalali, isipo_stats.aggregate

    Examples
    --------
    >>> s = pd.Series(pd.to_datetime(["2021-10-22", "2022-03-20"]), index=["a", "b"])
    >>> s.isipo.month
    a     7
    b    12
    dtype: Int64
    >>> s.isipo.strftime("%d %B %Y").tolist()
    ['30 Mehr 1400', '29 Esfand 1400']
    >>> pd.Series([1, 2]).isipo
    Traceback (most recent call last):
    ...
    AttributeError: the .isipo accessor needs datetime values or a DatetimeIndex, got int64 values with a RangeIndex
    """  # noqa: E501 (a doctest line cannot be wrapped)

    def __init__(self, series: pd.Series) -> None:
        message = refusal(series)
        if message is not None:
            raise AttributeError(message)
        self._obj = series

    def _field_result(self, field: Field) -> pd.Series:
        """Return one Jalali field (``year`` ... ``is_year_end``) of the Series."""
        return field.series(self._obj)

    def __getitem__(self, key: object) -> pd.Series:
        """Select the rows in a Jalali span: ``s.isipo["1400-07"]``, ``s.isipo["1399":"1400-06"]``.

        See :func:`isipo_stats.ranges.select`: a text names a day, month, quarter,
        half-year, year or week; a slice includes both ends.

        Examples
        --------
        >>> s = pd.Series(range(4), index=pd.to_datetime(["2021-03-20", "2021-03-21",
        ...                                                  "2021-09-22", "2021-09-23"]))
        >>> s.isipo["1400"].tolist(), s.isipo["1399":"1400-06"].tolist()
        ([1, 2, 3], [0, 1, 2])
        """
        return _ranges.select(self._obj, key)

    # -- text -----------------------------------------------------------------------------

    def month_name(self, locale: Locale = "en") -> pd.Series:
        """Return the Jalali month name (``None`` for NaT).

        Parameters
        ----------
        locale : {"en", "fa"}
            English transliteration or Persian.

        Returns
        -------
        pandas.Series of str
            With the Series' index and name.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-10-22", None]))
        >>> s.isipo.month_name().tolist()
        ['Mehr', None]
        >>> s.isipo.month_name(locale="fa").tolist()
        ['مهر', None]
        """
        return like(self._obj, _text.format_jalali(dates_of(self._obj), "%B", locale=locale))

    def day_name(self, locale: Locale = "en") -> pd.Series:
        """Return the weekday name, the Iranian week starting on Saturday (``None`` for NaT).

        Parameters
        ----------
        locale : {"en", "fa"}
            English (``"Saturday"``) or Persian (``"شنبه"``).

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2025-03-21", "2025-03-22", None]))
        >>> s.isipo.day_name().tolist()
        ['Friday', 'Saturday', None]
        >>> s.isipo.day_name(locale="fa").tolist()
        ['جمعه', 'شنبه', None]
        """
        return like(self._obj, _text.format_jalali(dates_of(self._obj), "%A", locale=locale))

    def strftime(self, fmt: str, *, locale: Locale = "en") -> pd.Series:
        """Format the dates as Jalali text; see :func:`isipo_stats.format_jalali`.

        Parameters
        ----------
        fmt : str
            The directives of :func:`isipo_stats.format_jalali` (``%Y %m %d %B %A %W``
            ...); other characters are copied.
        locale : {"en", "fa"}
            ``"fa"`` writes Persian digits and month names.

        Returns
        -------
        pandas.Series of str
            ``None`` for NaT; with the Series' index and name.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2025-03-21", None]))
        >>> s.isipo.strftime("%Y/%m/%d").tolist()
        ['1404/01/01', None]
        """
        return like(self._obj, _text.format_jalali(dates_of(self._obj), fmt, locale=locale))

    def to_period(self, freq: PeriodCode = "M") -> pd.Series:
        """Label each date with its Jalali period; see :func:`isipo_stats.period_labels`.

        Parameters
        ----------
        freq : {"M", "Q", "H", "Y", "W"}
            Month (``"1400-07"``), quarter (``"1400-Q3"``), half-year (``"1400-H1"``), year
            (``"1400"``) or Iranian week (``"1400-W05"``). The labels sort in time order;
            :func:`isipo_stats.as_periods` reads them as an ordered Categorical.

        Returns
        -------
        pandas.Series of str
            One label per date (``None`` for NaT), on the Series' index, with its name.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-10-22", "2022-03-20"]))
        >>> s.isipo.to_period("Q").tolist()
        ['1400-Q3', '1400-Q4']
        """
        return like(self._obj, _series.period_labels(dates_of(self._obj), freq))

    def floor(self, freq: PeriodCode = "M") -> pd.Series:
        """Return the first day of each date's Jalali period; see :func:`isipo_stats.floor`.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-10-22 15:00", None]))
        >>> s.isipo.floor("Q").tolist()
        [Timestamp('2021-09-23 00:00:00'), NaT]
        """
        return like(self._obj, np.asarray(_ranges.floor(dates_of(self._obj), freq)))

    def ceil(self, freq: PeriodCode = "M") -> pd.Series:
        """Return the first Jalali period start on or after each date; see :func:`~.ranges.ceil`.

        Examples
        --------
        >>> s = pd.Series(pd.to_datetime(["2021-09-23 00:00", "2021-09-23 08:00"]))
        >>> s.isipo.ceil("M").dt.strftime("%Y-%m-%d").tolist()
        ['2021-09-23', '2021-10-23']
        """
        return like(self._obj, np.asarray(_ranges.ceil(dates_of(self._obj), freq)))

    # -- numbers on a DatetimeIndex -------------------------------------------------------

    def resample(self, freq: PeriodCode = "M") -> JalaliResampler:
        """Group the values by Jalali month, quarter or year of their index date.

        Parameters
        ----------
        freq : {"M", "Q", "H", "Y", "W"}
            ``"W"``: Iranian weeks, Saturday to Friday, numbered within the Jalali year.

        Returns
        -------
        JalaliResampler
            Call ``.sum()``, ``.mean()``, ``.first()``, ``.last()``, ``.count()``,
            ``.min()`` or ``.max()`` on it (:func:`isipo_stats.aggregate`).

        Raises
        ------
        InputTypeError
            The Series does not hold numbers on a DatetimeIndex, or ``freq`` is unknown.

        Examples
        --------
        >>> s = pd.Series(1.0, index=pd.date_range("2021-03-19", "2021-04-22"))
        >>> s.isipo.resample("M").sum()
        1399-12     2.0
        1400-01    31.0
        1400-02     2.0
        Name: sum, dtype: float64
        """
        return JalaliResampler(numbers_on_dates(self._obj, "resample"), freq)

    def pct_change(
        self, periods: int = 1, freq: PeriodCode = "M", *, by: object = None
    ) -> pd.Series:
        """Return the change from ``periods`` back, by label; see :func:`~.change.pct_change`.

        Examples
        --------
        >>> s = pd.Series([100.0, 110.0, 99.0],
        ...               index=pd.to_datetime(["2021-03-21", "2021-04-21", "2021-06-22"]))
        >>> s.isipo.pct_change().round(2).tolist()      # Tir 1400 has no Khordad before it
        [nan, 0.1, nan]
        """
        numbers = numbers_on_dates(self._obj, "pct_change")
        return _change.pct_change(numbers, periods, freq, by=by)

    def yoy(self, freq: FreqCode = "M", *, by: object = None) -> pd.Series:
        """Return the change from a year earlier, by label; see :func:`~.change.yoy`.

        Examples
        --------
        >>> s = pd.Series([100.0, 130.0],
        ...               index=pd.to_datetime(["2020-03-20", "2021-03-21"]))  # 1 Farvardin
        >>> s.isipo.yoy().tolist()
        [nan, 0.30000000000000004]
        """
        return _change.yoy(numbers_on_dates(self._obj, "yoy"), freq, by=by)

    def inflation(self, kind: _change.Kind = "point", *, by: object = None) -> pd.Series:
        """Return inflation in percent from a monthly index; see :func:`~.change.inflation`."""
        return _change.inflation(numbers_on_dates(self._obj, "inflation"), kind, by=by)

    def rebase(self, base: str, freq: PeriodCode = "M", *, by: object = None) -> pd.Series:
        """Return the index rebased to average 100 over ``base``; see :func:`~.change.rebase`."""
        return _change.rebase(numbers_on_dates(self._obj, "rebase"), base, freq, by=by)

    def asfreq(self, freq: PeriodCode = "M") -> pd.Series:
        """Insert the missing Jalali periods as missing values; see :func:`~.regular.asfreq`.

        Examples
        --------
        >>> s = pd.Series([1.0, 3.0], index=pd.to_datetime(["2021-03-21", "2021-05-22"]))
        >>> s.isipo.asfreq("M").tolist()     # 1 Farvardin, 1 Khordad: 1 Ordibehesht inserted
        [1.0, nan, 3.0]
        """
        return _regular.asfreq(numbers_on_dates(self._obj, "asfreq"), freq)

    def complete(self, freq: PeriodCode = "M", *, by: object = None) -> pd.Series:
        """Index the values by Jalali period, every period present; see :func:`~.regular.complete`.

        Examples
        --------
        >>> s = pd.Series([1.0, 3.0], index=pd.to_datetime(["2021-03-21", "2021-05-22"]))
        >>> s.isipo.complete().to_dict()
        {'1400-01': 1.0, '1400-02': nan, '1400-03': 3.0}
        """
        return _regular.complete(numbers_on_dates(self._obj, "complete"), freq, by=by)

    def year_to_date(
        self, *, by: object = None, freq: FreqCode = "M", gaps: _series.Gaps = "raise"
    ) -> pd.Series:
        """Cumulate flows within each Jalali year; see :func:`isipo_stats.year_to_date`.

        A Jalali month (``freq``) of the year with no value before a value is a gap:
        refused by default (``gaps="skip"`` sums what there is, ``gaps="nan"`` leaves
        the later sums of that year missing).

        Examples
        --------
        >>> s = pd.Series([3.0, 4.0, 5.0],
        ...               index=pd.to_datetime(["2022-02-01", "2022-03-01", "2022-04-01"]))
        >>> s.isipo.year_to_date(gaps="skip").tolist()
        [3.0, 7.0, 5.0]
        >>> s.isipo.year_to_date(gaps="nan").tolist()   # Bahman 1400 had months before it
        [nan, nan, 5.0]
        """
        numbers = numbers_on_dates(self._obj, "year_to_date")
        return _series.year_to_date(numbers, by=by, freq=freq, gaps=gaps)

    def from_year_to_date(self, *, by: object = None) -> pd.Series:
        """Difference year-to-date values within each Jalali year.

        See :func:`isipo_stats.from_year_to_date`.

        Examples
        --------
        >>> revived = pd.Series([529, 819, 1170], name="revived_units",
        ...                     index=pd.to_datetime(["2019-09-22", "2020-10-21", "2021-01-15"]))
        >>> revived.isipo.from_year_to_date().tolist()   # 1398, then 1399 twice
        [529, 819, 351]
        """
        return _series.from_year_to_date(numbers_on_dates(self._obj, "from_year_to_date"), by=by)

    def calendarize(
        self,
        to: Target = "gregorian_year",
        *,
        freq: FreqCode | None = None,
        start: object = None,
        end: object = None,
    ) -> pd.DataFrame:
        """Allocate the flows to calendar periods in proportion to days.

        See :func:`isipo_stats.calendarize`, which this calls.

        Parameters
        ----------
        to : {"gregorian_year", "gregorian_month", "jalali_year", "jalali_quarter", \
"jalali_month"}
            The periods to allocate to.
        freq : {"M", "Q", "Y"}, optional
            Each value is the flow of the Jalali month, quarter or year that **ends on its
            index date** (a Series of Jalali-year totals indexed by 29/30 Esfand takes
            ``freq="Y"``). Every date must then be the last day of such a period.
        start, end : date-like arrays, optional
            The first and last day of each value's span, both inclusive; either one
            defaults to the index date. Not with ``freq``.

        Returns
        -------
        pandas.DataFrame
            One row per (value, period overlapped): ``row`` (position in the Series),
            ``period``, ``period_start``, ``period_days``, ``days``, ``span_days``,
            ``value``. Totals by
            period: ``.groupby("period")["value"].sum()``.

        Raises
        ------
        InputTypeError
            Not numbers on a DatetimeIndex.
        InvalidArgumentError
            ``freq`` given together with ``start``/``end``.
        InvalidDateError
            With ``freq``, a date that is not the last day of a Jalali period.

        Notes
        -----
        Without ``freq``, ``start`` or ``end``, each value is a flow over **one day**, its
        index date (daily data). A year-to-date value (as of its index date) is the flow from
        1 Farvardin: pass ``start=isipo_stats.to_gregorian(s.isipo.year, 1, 1)``.

        Examples
        --------
        >>> totals = pd.Series([365.0], index=pd.to_datetime(["2022-03-20"]))  # 29 Esfand 1400
        >>> totals.isipo.calendarize(freq="Y")
           row period period_start  period_days  days  span_days  value
        0    0   2021   2021-01-01          365   286        365  286.0
        1    0   2022   2022-01-01          365    79        365   79.0

        819 units revived from 1 Farvardin to 30 Mehr 1399 (216 days), by Jalali quarter:

        >>> from isipo_stats import to_gregorian
        >>> ytd = pd.Series([819.0], index=pd.to_datetime(["2020-10-21"]))
        >>> ytd.isipo.calendarize("jalali_quarter", start=to_gregorian(ytd.isipo.year, 1, 1))
           row   period period_start  period_days  days  span_days    value
        0    0  1399-Q1   2020-03-20           93    93        216  352.625
        1    0  1399-Q2   2020-06-21           93    93        216  352.625
        2    0  1399-Q3   2020-09-22           90    30        216  113.750
        """
        return _series.calendarize(
            numbers_on_dates(self._obj, "calendarize"),
            *_spans(self._obj.index, freq, start, end),
            to=to,
        )


class _Aggregation:
    """A method of :class:`JalaliResampler`: one ``how`` of :func:`isipo_stats.aggregate`.

    Declared once per ``how`` (one line each) instead of seven methods of the same shape;
    ``resampler.sum`` is a callable taking no arguments, as pandas' resampler methods are.
    """

    def __init__(self, how: Aggregation, doc: str) -> None:
        self.how = how
        self.__doc__ = doc

    @overload
    def __get__(self, obj: None, owner: type[Any] | None = None) -> _Aggregation: ...
    @overload
    def __get__(
        self, obj: JalaliResampler, owner: type[Any] | None = None
    ) -> Callable[[], pd.Series]: ...
    def __get__(
        self, obj: JalaliResampler | None, owner: type[Any] | None = None
    ) -> Callable[[], pd.Series] | _Aggregation:
        if obj is None:
            return self
        return partial(_series.aggregate, obj.values, freq=obj.freq, how=self.how)


@dataclass(frozen=True)
class JalaliResampler:
    """Values grouped by Jalali period, from ``s.isipo.resample(freq)``.

    Each method calls :func:`isipo_stats.aggregate` and returns a Series indexed by Jalali
    period label (``"1400-07"``, ``"1400-Q3"``, ``"1400"``), in time order.

    Attributes
    ----------
    values : pandas.Series
        Numbers on a DatetimeIndex.
    freq : {"M", "Q", "Y"}
        Jalali month, quarter or year.

    Examples
    --------
    >>> s = pd.Series([1.0, 2.0, 4.0], index=pd.to_datetime(["2021-03-20", "2021-03-21",
    ...                                                      "2021-04-30"]))
    >>> s.isipo.resample("Y").sum().to_dict()
    {'1399': 1.0, '1400': 6.0}
    >>> s.isipo.resample("M").last().to_dict()
    {'1399-12': 1.0, '1400-01': 2.0, '1400-02': 4.0}
    """

    values: pd.Series
    freq: PeriodCode

    def __post_init__(self) -> None:
        get_frequency(self.freq, weeks=True)  # refuse a bad freq when the resampler is made

    sum = _Aggregation("sum", "Return the sum of each period's values (missing values skipped).")
    mean = _Aggregation("mean", "Return the mean of each period's values (missing values skipped).")
    first = _Aggregation("first", "Return the first non-missing value of each period, by date.")
    last = _Aggregation("last", "Return the last non-missing value of each period, by date.")
    count = _Aggregation("count", "Return the number of non-missing values in each period.")
    min = _Aggregation("min", "Return the smallest value of each period.")
    max = _Aggregation("max", "Return the largest value of each period.")


@pd.api.extensions.register_dataframe_accessor("isipo")
class IsipoFrameAccessor:
    """Figure-table methods on a DataFrame: ``figures.isipo``.

    Every method calls one function of :mod:`isipo_stats` with the frame. ``check``,
    ``reconcile`` and ``plot`` expect a validated table (``validate()`` returns one).

    Parameters
    ----------
    frame : pandas.DataFrame
        A figure table: at least the columns ``id``, ``metric`` and ``kind``.

    Raises
    ------
    AttributeError
        A required column is missing (so ``hasattr(frame, "isipo")`` is False).

    Examples
    --------
    >>> table = pd.DataFrame({"id": ["a"], "metric": ["revived_units"],
    ...     "kind": ["cumulative"], "end": ["1399-07-30"], "stated": ["819"], "unit": ["units"]})
    >>> table.isipo.validate()[["jyear", "start", "end", "value"]]
       jyear      start        end  value
    0   1399 2020-03-20 2020-10-21  819.0
    >>> pd.DataFrame({"id": ["a"]}).isipo
    Traceback (most recent call last):
    ...
    AttributeError: the .isipo accessor needs a figure table with columns id, metric, kind; missing metric, kind
    """  # noqa: E501 (a doctest line cannot be wrapped)

    def __init__(self, frame: pd.DataFrame) -> None:
        missing = [column for column in _FIGURE_COLUMNS if column not in frame.columns]
        if missing:
            msg = (
                "the .isipo accessor needs a figure table with columns id, metric, kind; "
                f"missing {', '.join(missing)}"
            )
            raise AttributeError(msg)
        self._obj = frame

    def validate(self) -> pd.DataFrame:
        """Return the validated table; see :func:`isipo_stats.validate_figures`.

        Raises
        ------
        FigureValidationError
            Listing every bad row with its column and reason.
        """
        return _figures.validate_figures(self._obj)

    def check(
        self,
        *,
        tolerances: Tolerances | None = None,
        ratio_pairs: list[tuple[str, str]] | None = None,
    ) -> pd.DataFrame:
        """Return every inconsistency between the figures; see :func:`isipo_stats.check`.

        Examples
        --------
        >>> raw = pd.DataFrame({"id": ["a", "b"], "metric": "revived_units",
        ...                     "kind": "cumulative", "end": ["1399-07-30", "1399-09-30"],
        ...                     "value": [819, 700], "unit": "units"})
        >>> table = raw.isipo.validate()
        >>> table.isipo.check()[["check", "figure_ids"]]
                         check figure_ids
        0  cumulative_decrease       a, b
        """
        return _checks.check(self._obj, tolerances=tolerances, ratio_pairs=ratio_pairs)

    def reconcile(
        self, freq: FreqCode = "M", *, tolerances: Tolerances | None = None
    ) -> Reconciled:
        """Build a consistent year-to-date path per series; see :func:`isipo_stats.reconcile`.

        Examples
        --------
        >>> from isipo_stats import figures_from_records
        >>> table = figures_from_records([
        ...     {"id": "y", "metric": "revived_units", "kind": "period", "jyear": 1398,
        ...      "value": 1400, "unit": "units"}])
        >>> table.isipo.reconcile(freq="Y").monthly[["period", "cumulative"]]
          period  cumulative
        0   1398      1400.0
        """
        return _reconciliation.reconcile(self._obj, freq, tolerances=tolerances)

    def plot(self, metric: str, **kwargs: Any) -> Figure:
        """Plot one metric; see :func:`isipo_stats.plotting.plot_metric` for the keywords.

        ``isipo_stats.plotting`` (and matplotlib) are imported only when this is called.

        Examples
        --------
        >>> from isipo_stats import load_isipo_reports
        >>> load_isipo_reports().isipo.plot("revived_units")  # doctest: +SKIP
        """
        from isipo_stats.plotting import plot_metric  # noqa: PLC0415 (imports matplotlib)

        return plot_metric(self._obj, metric, **kwargs)
