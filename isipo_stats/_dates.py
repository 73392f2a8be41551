"""Dates of every accepted kind read as day numbers, and day numbers written back as dates.

This is the thin layer that lets every public function accept date scalars, lists, numpy
arrays, pandas Series and Index objects while the computation runs on int64 day numbers
(days since 1970-01-01). ``jdatetime`` objects are read by their Jalali fields through the
calendar kernel, so that the library's calendar rule applies to them too.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Final

import jdatetime
import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._arrays import first_position, is_missing, is_scalar, one_dimensional
from isipo_stats.errors import CalendarRangeError, InputTypeError, IsipoError, ParseError

__all__ = ["TEHRAN", "DateInput", "as_day_numbers", "days_to_datetime64"]

TEHRAN: Final = "Asia/Tehran"
_US_PER_DAY: Final = 86_400_000_000


@dataclass(frozen=True)
class DateInput:
    """Dates as day numbers since 1970-01-01, with where they came from.

    ``days`` holds an arbitrary value where ``missing`` is true (NaT, None, NaN).
    """

    days: npt.NDArray[np.int64]
    missing: npt.NDArray[np.bool_]
    index: pd.Index | None
    name: Any
    scalar: bool


_UNITS_PER_DAY: Final = {
    "D": 1,
    "h": 24,
    "m": 1440,
    "s": 86_400,
    "ms": 86_400_000,
    "us": _US_PER_DAY,
    "ns": 86_400_000_000_000,
    "ps": 86_400_000_000_000_000,
    "fs": 86_400_000_000_000_000_000,  # beyond int64: _floor_days divides in steps
    "as": 86_400_000_000_000_000_000_000,
}
# Days per unit (about), to find values that numpy's cast to days would wrap around.
_APPROX_DAYS: Final = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
_FAR_DAYS: Final = 1e7  # far outside the supported years (about 27,000 years from 1970)


def _floor_days(raw: npt.NDArray[np.int64], per_day: int) -> npt.NDArray[np.int64]:
    """Return ``floor(raw / per_day)`` exactly, also when ``per_day`` exceeds int64."""
    step = 1
    while per_day > 2**62:  # floor(floor(v / a) / b) == floor(v / (a * b)) for a, b > 0
        per_day //= 1000
        step *= 1000
    days: npt.NDArray[np.int64] = (raw // step if step > 1 else raw) // per_day
    return days


def _datetime64_to_days(values: npt.NDArray[np.datetime64]) -> DateInput:
    unit, count = np.datetime_data(values.dtype)
    per_day = _UNITS_PER_DAY.get(unit)
    missing = np.isnat(values)
    raw = values.view(np.int64)
    if per_day is not None and per_day % count == 0:
        # Floor division is exact for every unit that divides a day and rounds toward
        # the past, as the date of a timestamp must; NaT is masked below.
        days = _floor_days(raw, per_day // count)
    elif unit in _APPROX_DAYS:
        # Years, months, weeks, several days: numpy's cast to days wraps around silently
        # far outside its range, so such values are refused first.
        far = ~missing & (np.abs(raw.astype(np.float64)) * count * _APPROX_DAYS[unit] > _FAR_DAYS)
        if far.any():
            position = first_position(far)
            shown = np.datetime_as_string(values[position])
            msg = f"{_kernel.range_message()}, got {shown}"
            raise CalendarRangeError(msg, position=position)
        days = values.astype("datetime64[D]").view(np.int64)
    elif missing.all():  # generic datetime64 (NaT only)
        days = np.zeros(values.size, np.int64)
    else:
        msg = (
            "expected dates in a unit that divides a day, or in days, weeks, months or years, "
            f"got dtype {values.dtype}"
        )
        raise InputTypeError(msg)
    return DateInput(days, missing, None, None, scalar=False)


def _local_naive(values: pd.DatetimeIndex) -> pd.DatetimeIndex:
    # Timezone-aware timestamps become Tehran wall-clock time before the date is taken.
    if values.tz is None:
        return values
    return values.tz_convert(TEHRAN).tz_localize(None)


# Objects that are dates (a Timestamp is a datetime); anything else but text and missing
# values is refused.
_DATE_TYPES: Final = (_dt.date, np.datetime64)
# Text pandas reads as a missing date.
_NAT_TEXT: Final = frozenset({"", "NaT", "nat", "NAT", "nan", "NaN", "NAN"})
# Text is read as ISO 8601 only ("2021-03-21", "2021-03-21T20:30+00:00", "20210321"): other
# forms are ambiguous ("1/2/3", "150100"). ISO text states its year; without one pandas would
# fill in today ("now", "today").
_HAS_YEAR: Final = re.compile(r"[0-9]{3}")


def _jalali_objects(flat: npt.NDArray[Any], is_jalali: npt.NDArray[np.bool_]) -> Any:
    """Return jdatetime values as dates read by their Jalali fields with this library's rule.

    A naive value gives its day (``datetime64``); a timezone-aware ``jdatetime.datetime``
    gives its instant (a UTC Timestamp), which is then brought to Tehran time like any
    aware datetime.
    """
    jvals = flat[is_jalali]
    year, month, day = (
        np.fromiter((getattr(v, name) for v in jvals), dtype=np.int64, count=jvals.size)
        for name in ("year", "month", "day")
    )
    none = np.zeros(jvals.size, np.bool_)
    try:
        days, _ = _kernel.check_dates(year, month, day, (none, none, none))
    except IsipoError as err:  # name the position in the input, not among the Jalali values
        raise _renumbered(err, np.flatnonzero(is_jalali)) from None
    out: npt.NDArray[Any] = days_to_datetime64(days, none).astype(object)
    for i, value in enumerate(jvals):
        offset = value.utcoffset() if isinstance(value, jdatetime.datetime) else None
        if offset is not None:  # aware: its instant, in UTC
            clock = _dt.timedelta(
                hours=value.hour,
                minutes=value.minute,
                seconds=value.second,
                microseconds=value.microsecond,
            )
            midnight = pd.Timestamp(np.datetime64(int(days[i]), "D"))
            out[i] = (midnight + clock - offset).tz_localize("UTC")
    return out


def _renumbered(err: IsipoError, positions: npt.NDArray[np.intp]) -> IsipoError:
    """Return the error with its position mapped through ``positions`` (a subset's places)."""
    if err.position is None:
        return err
    return err.located(position=int(positions[err.position]))


def _datetime64_objects(values: npt.NDArray[Any]) -> DateInput:
    """datetime64 values of several units, each read in its own unit.

    numpy gives a list of them the finest unit, which silently wraps around for dates far
    from 1970 (a year such as 2420 in nanoseconds).
    """
    dtypes = np.array([np.asarray(v).dtype.str for v in values])
    days = np.zeros(values.size, np.int64)
    missing = np.zeros(values.size, np.bool_)
    for dtype in np.unique(dtypes):
        where = np.flatnonzero(dtypes == dtype)
        try:
            part = _datetime64_to_days(np.array(list(values[where]), dtype=dtype))
        except IsipoError as err:
            raise _renumbered(err, where) from None
        days[where] = part.days
        missing[where] = part.missing
    return DateInput(days, missing, None, None, scalar=False)


def _objects_to_datetime64(values: npt.NDArray[Any]) -> npt.NDArray[np.datetime64]:
    # Object input (strings, datetime, jdatetime, Timestamp) is element-wise by nature;
    # jdatetime values are converted through their Jalali fields so that our rule applies.
    flat = values.ravel()
    is_jalali = np.fromiter(
        (isinstance(v, jdatetime.date) for v in flat), dtype=bool, count=flat.size
    )
    converted = flat.copy()
    if is_jalali.any():
        converted[is_jalali] = _jalali_objects(flat, is_jalali)
    for position, value in enumerate(converted):
        if isinstance(value, str):
            text = converted[position] = value.strip()
            if text not in _NAT_TEXT and not _HAS_YEAR.search(text):
                msg = f"could not read {value!r} {{where}} as a Gregorian date"
                raise ParseError(msg, position=position)
        elif not (isinstance(value, _DATE_TYPES) or is_missing(value)):
            # numbers would be read as nanoseconds since 1970, booleans as numbers
            msg = f"expected a date or a string, got {value!r}"
            raise InputTypeError(msg, position=position)
    try:
        parsed = pd.to_datetime(pd.Index(converted, dtype=object), utc=False, format="ISO8601")
    except (ValueError, TypeError, OverflowError):
        aware = np.zeros(converted.size, dtype=bool)
        for position, value in enumerate(converted):
            try:
                one = pd.to_datetime(pd.Index([value], dtype=object), format="ISO8601")
            except (ValueError, TypeError, OverflowError):
                msg = f"could not read {value!r} {{where}} as a Gregorian date"
                raise ParseError(msg, position=position) from None
            aware[position] = getattr(one, "tz", None) is not None
        known = ~pd.isna(converted)
        if (aware | ~known).all():  # several time zones: each is brought to Tehran time
            parsed = pd.to_datetime(pd.Index(converted, dtype=object), utc=True, format="ISO8601")
        else:
            first = first_position(aware)
            naive = first_position(~aware & known)
            msg = (
                f"cannot mix dates with and without a time zone: {converted[first]!r} at "
                f"position {first} has one, {converted[naive]!r} at position {naive} has none"
            )
            raise ParseError(msg) from None
    if isinstance(parsed, pd.DatetimeIndex):
        return _local_naive(parsed).to_numpy()
    # A mix of time zones gives an object Index of Timestamps: bring each to Tehran time.
    aware_index = pd.to_datetime(parsed, utc=True)
    return _local_naive(aware_index).to_numpy()


def _all_nan(values: npt.NDArray[Any]) -> bool:
    """Return whether ``values`` are floats, all NaN (missing dates read as numbers)."""
    return values.dtype.kind == "f" and bool(np.isnan(values).all())


def _series_days(dates: pd.Series) -> DateInput:
    """Day numbers of a Series of dates of any dtype (numpy, Arrow, categorical, objects)."""
    dtype = dates.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _categorical_days(dates)
    if isinstance(dtype, pd.ArrowDtype):
        dates = _from_arrow(dates)
        dtype = dates.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        arr = _local_naive(pd.DatetimeIndex(dates.array)).to_numpy()
    elif dtype.kind == "M":
        arr = dates.to_numpy()
    elif dtype.kind in "OUS" or pd.api.types.is_string_dtype(dtype):
        arr = _objects_to_datetime64(dates.to_numpy(dtype=object))
    elif _all_nan(dates.to_numpy()):  # an empty date column read as numbers
        arr = np.full(len(dates), np.datetime64("NaT", "D"))
    else:
        msg = f"expected dates, got a Series of dtype {dtype}"
        raise InputTypeError(msg)
    out = _datetime64_to_days(arr)
    return DateInput(out.days, out.missing, dates.index, dates.name, scalar=False)


def _from_arrow(dates: pd.Series) -> pd.Series:
    """Arrow dates and timestamps (any unit, timezone-aware too) as numpy-backed datetimes.

    Other Arrow types are returned as they are (text is read as text; the rest is refused).
    """
    kind: Any = getattr(dates.dtype, "pyarrow_dtype", None)
    name = str(kind)
    if name.startswith("timestamp"):
        target = f"datetime64[{kind.unit}, {kind.tz}]" if kind.tz else f"datetime64[{kind.unit}]"
    elif name == "date32[day]":
        target = "datetime64[s]"
    elif name == "date64[ms]":
        target = "datetime64[ms]"
    elif name.startswith(("time", "duration", "month_day_nano_interval")):
        msg = f"expected dates, got a Series of dtype {dates.dtype}"  # times of day, durations
        raise InputTypeError(msg)
    else:
        return dates
    return dates.astype(target)  # type: ignore[call-overload,no-any-return]


def _categorical_days(dates: pd.Series) -> DateInput:
    """Day numbers of a categorical Series: each category read once, then gathered."""
    used = dates.cat.remove_unused_categories()
    codes = used.cat.codes.to_numpy()
    if used.cat.categories.empty:  # only missing values (the categories may be of any dtype)
        return DateInput(
            np.zeros(codes.size, np.int64), codes < 0, dates.index, dates.name, scalar=False
        )
    try:
        categories = as_day_numbers(pd.Series(used.cat.categories))
    except IsipoError as err:  # name the first row holding the bad category
        if err.position is None:
            raise
        raise err.located(position=first_position(codes == err.position)) from None
    # code -1 (a missing value) takes the extra missing category appended at the end
    missing = np.append(categories.missing, True)[codes]
    days = np.where(missing, 0, np.append(categories.days, 0)[codes])
    return DateInput(days, missing, dates.index, dates.name, scalar=False)


def as_day_numbers(dates: object) -> DateInput:
    """Convert any accepted date input to day numbers since 1970-01-01.

    Accepts a scalar (ISO string, ``datetime.date``/``datetime``, ``pandas.Timestamp``,
    ``numpy.datetime64``, ``jdatetime.date``/``jdatetime.datetime``), a list, a numpy
    array, a pandas Series or a DatetimeIndex. Timezone-aware values are first converted to
    Asia/Tehran local time.
    """
    if isinstance(dates, pd.Series):
        return _series_days(dates)
    if isinstance(dates, pd.DatetimeIndex):
        out = _datetime64_to_days(_local_naive(dates).to_numpy())
        return DateInput(out.days, out.missing, dates, dates.name, scalar=False)
    if isinstance(dates, pd.Index):
        out = as_day_numbers(pd.Series(dates, index=dates, name=dates.name))
        return out
    if is_scalar(dates):
        if is_missing(dates):
            return DateInput(np.zeros(1, np.int64), np.ones(1, np.bool_), None, None, scalar=True)
        if isinstance(dates, np.datetime64):  # any unit, without a round trip through objects
            out = _datetime64_to_days(np.array([dates]))
        elif isinstance(dates, (str, _dt.date, jdatetime.date, jdatetime.datetime)):
            out = as_day_numbers(np.array([dates], dtype=object))
        else:
            msg = f"expected a date, a string or an array of dates, got {type(dates).__name__}"
            raise InputTypeError(msg)
        return DateInput(out.days, out.missing, None, None, scalar=True)
    arr = one_dimensional(dates)
    if arr.dtype.kind in "US" and not isinstance(dates, np.ndarray):
        arr = one_dimensional(dates, dtype=object)  # numpy would turn 5 in ["x", 5] into "5"
    if arr.dtype.kind == "M" and not isinstance(dates, np.ndarray):
        return _datetime64_objects(one_dimensional(dates, dtype=object))
    if arr.dtype.kind == "M":
        return _datetime64_to_days(arr.ravel())
    if arr.size == 0:
        return _datetime64_to_days(np.array([], dtype="datetime64[D]"))
    if arr.dtype.kind in "OUS":
        return _datetime64_to_days(_objects_to_datetime64(arr.astype(object)))
    if _all_nan(arr):  # an empty date column read as numbers
        return _datetime64_to_days(np.full(arr.size, np.datetime64("NaT", "D")))
    msg = f"expected dates, got an array of dtype {arr.dtype}"
    raise InputTypeError(msg)


def days_to_datetime64(days: npt.NDArray[np.int64], missing: npt.NDArray[np.bool_]) -> Any:
    """Return ``datetime64[us]`` values for day numbers, NaT where ``missing``."""
    out = (days * _US_PER_DAY).view("datetime64[us]")
    if missing.any():
        out = out.copy()
        out[missing] = np.datetime64("NaT")
    return out
