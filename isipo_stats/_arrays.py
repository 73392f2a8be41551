"""Conversion of the many accepted inputs into plain numpy arrays, and back into pandas.

This is the thin layer that lets every public function accept scalars, lists, numpy
arrays, pandas Series and Index objects while the computation runs on ndarrays.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Final

import jdatetime
import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.errors import InputTypeError, InvalidDateError, ParseError

__all__ = ["DateInput", "IntInput", "as_day_numbers", "as_int_array", "first_position"]

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


@dataclass(frozen=True)
class IntInput:
    """Whole numbers as int64 with a missing-value mask, and where they came from."""

    values: npt.NDArray[np.int64]
    missing: npt.NDArray[np.bool_]
    index: pd.Index | None
    scalar: bool


def show(value: object) -> str:
    """Return ``repr`` of a value, with numpy scalars shown as the Python value they hold."""
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value)


def first_position(mask: npt.NDArray[np.bool_]) -> int:
    """Return the position of the first true value of a non-empty boolean mask."""
    return int(np.argmax(mask))


def _is_scalar(values: object) -> bool:
    return np.ndim(values) == 0 and not isinstance(values, (pd.Series, pd.Index))  # type: ignore[arg-type]


_UNITS_PER_DAY: Final = {
    "D": 1,
    "h": 24,
    "m": 1440,
    "s": 86_400,
    "ms": 86_400_000,
    "us": _US_PER_DAY,
    "ns": 86_400_000_000_000,
}


def _datetime64_to_days(values: npt.NDArray[np.datetime64]) -> DateInput:
    unit, count = np.datetime_data(values.dtype)
    per_day = _UNITS_PER_DAY.get(unit)
    if per_day is not None and count == 1:
        # Floor division is exact for every unit that divides a day and rounds toward
        # the past, as the date of a timestamp must; NaT is masked below.
        days = values.view(np.int64) // per_day
    else:
        days = values.astype("datetime64[D]").view(np.int64)
    missing = np.isnat(values)
    return DateInput(days, missing, None, None, scalar=False)


def _local_naive(values: pd.DatetimeIndex) -> pd.DatetimeIndex:
    # Timezone-aware timestamps become Tehran wall-clock time before the date is taken.
    if values.tz is None:
        return values
    return values.tz_convert(TEHRAN).tz_localize(None)


def _objects_to_datetime64(values: npt.NDArray[Any]) -> npt.NDArray[np.datetime64]:
    # Object input (strings, datetime, jdatetime, Timestamp) is element-wise by nature;
    # jdatetime values are converted through their Jalali fields so that our rule applies.
    from isipo_stats.calendar import to_gregorian  # noqa: PLC0415 (import cycle)

    flat = values.ravel()
    is_jalali = np.fromiter(
        (isinstance(v, jdatetime.date) for v in flat), dtype=bool, count=flat.size
    )
    converted = flat.copy()
    if is_jalali.any():
        jvals = flat[is_jalali]
        years = np.fromiter((v.year for v in jvals), dtype=np.int64, count=jvals.size)
        months = np.fromiter((v.month for v in jvals), dtype=np.int64, count=jvals.size)
        days = np.fromiter((v.day for v in jvals), dtype=np.int64, count=jvals.size)
        converted[is_jalali] = np.asarray(to_gregorian(years, months, days))
    try:
        parsed = pd.to_datetime(pd.Index(converted, dtype=object), utc=False, format="mixed")
    except (ValueError, TypeError, OverflowError):
        for position, value in enumerate(converted):
            try:
                pd.to_datetime(pd.Index([value], dtype=object), format="mixed")
            except (ValueError, TypeError, OverflowError):
                msg = f"could not read {value!r} at position {position} as a Gregorian date"
                raise ParseError(msg) from None
        raise
    if isinstance(parsed, pd.DatetimeIndex):
        return _local_naive(parsed).to_numpy()
    # A mix of time zones gives an object Index of Timestamps: bring each to Tehran time.
    aware = pd.to_datetime(parsed, utc=True)
    return _local_naive(aware).to_numpy()


def as_day_numbers(dates: object) -> DateInput:
    """Convert any accepted date input to day numbers since 1970-01-01.

    Accepts a scalar (ISO string, ``datetime.date``/``datetime``, ``pandas.Timestamp``,
    ``numpy.datetime64``, ``jdatetime.date``/``jdatetime.datetime``), a list, a numpy
    array, a pandas Series or a DatetimeIndex. Timezone-aware values are first converted to
    Asia/Tehran local time.
    """
    if isinstance(dates, pd.Series):
        values = dates.array
        if isinstance(values.dtype, pd.ArrowDtype) and values.dtype.kind == "M":
            # pyarrow timestamps: the equivalent numpy-backed dtype first
            tz = getattr(values.dtype.pyarrow_dtype, "tz", None)
            unit = values.dtype.pyarrow_dtype.unit
            target = f"datetime64[{unit}, {tz}]" if tz else f"datetime64[{unit}]"
            return as_day_numbers(dates.astype(target))  # type: ignore[call-overload]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            arr = _local_naive(pd.DatetimeIndex(values)).to_numpy()
        elif values.dtype.kind == "M":
            arr = dates.to_numpy()
        elif values.dtype.kind in "OUS" or pd.api.types.is_string_dtype(values.dtype):
            arr = _objects_to_datetime64(dates.to_numpy(dtype=object))
        else:
            msg = f"expected dates, got a Series of dtype {values.dtype}"
            raise InputTypeError(msg)
        out = _datetime64_to_days(arr)
        return DateInput(out.days, out.missing, dates.index, dates.name, scalar=False)
    if isinstance(dates, pd.DatetimeIndex):
        out = _datetime64_to_days(_local_naive(dates).to_numpy())
        return DateInput(out.days, out.missing, dates, dates.name, scalar=False)
    if isinstance(dates, pd.Index):
        out = as_day_numbers(pd.Series(dates, index=dates, name=dates.name))
        return out
    if _is_scalar(dates):
        if dates is None or dates is pd.NaT or (isinstance(dates, float) and np.isnan(dates)):
            return DateInput(np.zeros(1, np.int64), np.ones(1, np.bool_), None, None, scalar=True)
        if not isinstance(
            dates, (str, _dt.date, np.datetime64, jdatetime.date, jdatetime.datetime)
        ):
            msg = f"expected a date, a string or an array of dates, got {type(dates).__name__}"
            raise InputTypeError(msg)
        out = as_day_numbers(np.array([dates], dtype=object))
        return DateInput(out.days, out.missing, None, None, scalar=True)
    arr = np.asarray(dates)
    if arr.dtype.kind == "M":
        return _datetime64_to_days(arr.ravel())
    if arr.size == 0:
        return _datetime64_to_days(np.array([], dtype="datetime64[D]"))
    if arr.dtype.kind in "OUS":
        return _datetime64_to_days(_objects_to_datetime64(arr.astype(object)))
    msg = f"expected dates, got an array of dtype {arr.dtype}"
    raise InputTypeError(msg)


def days_to_datetime64(days: npt.NDArray[np.int64], missing: npt.NDArray[np.bool_]) -> Any:
    """Return ``datetime64[us]`` values for day numbers, NaT where ``missing``."""
    out = (days * _US_PER_DAY).view("datetime64[us]")
    if missing.any():
        out = out.copy()
        out[missing] = np.datetime64("NaT")
    return out


def as_int_array(values: object, what: str) -> IntInput:
    """Convert whole numbers (scalars, lists, arrays, Series) to int64 plus a missing mask.

    Raises
    ------
    InvalidDateError
        A value that is not a whole number (``1.5``, ``"x"``), naming ``what`` and the position.
    """
    index = values.index if isinstance(values, pd.Series) else None
    scalar = _is_scalar(values)
    if isinstance(values, (pd.Series, pd.Index)):
        arr = (
            values.to_numpy(dtype=np.float64, na_value=np.nan)
            if values.hasnans
            else (values.to_numpy())
        )
    else:
        arr = np.atleast_1d(np.asarray(values if values is not None else np.nan))
        if arr.dtype == object:
            try:
                arr = pd.to_numeric(pd.Series(arr.ravel(), dtype=object)).to_numpy(
                    dtype=np.float64, na_value=np.nan
                )
            except (ValueError, TypeError):
                bad = pd.to_numeric(pd.Series(arr.ravel(), dtype=object), errors="coerce")
                flat = arr.ravel()
                position = first_position(bad.isna().to_numpy() & pd.notna(flat))
                shown = show(flat[position])
                msg = f"{what} must be a whole number, got {shown} at position {position}"
                raise InvalidDateError(msg) from None
    arr = np.asarray(arr).ravel()
    if arr.dtype.kind in "iu":
        return IntInput(
            arr.astype(np.int64, copy=False), np.zeros(arr.size, np.bool_), index, scalar
        )
    if arr.dtype.kind == "b":
        msg = f"{what} must be a whole number, got a boolean array"
        raise InputTypeError(msg)
    if arr.dtype.kind != "f":
        msg = f"{what} must be whole numbers, got an array of dtype {arr.dtype}"
        raise InputTypeError(msg)
    missing = np.isnan(arr)
    filled = np.where(missing, 0.0, arr)
    fractional = ~missing & ~(np.isfinite(filled) & (filled == np.floor(filled)))
    if fractional.any():
        position = first_position(fractional)
        msg = f"{what} must be a whole number, got {show(arr[position])} at position {position}"
        raise InvalidDateError(msg)
    return IntInput(np.where(missing, 0, arr).astype(np.int64), missing, index, scalar)
