"""Input coercion below everything: whole numbers, one-dimensional arrays, positions.

This is the thin layer that lets every public function accept scalars, lists, numpy
arrays, pandas Series and Index objects while the computation runs on ndarrays. Dates are
read by :mod:`isipo_stats._dates`, which needs the calendar kernel; this module needs
nothing of the package but its errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.errors import CalendarRangeError, InputTypeError, InvalidDateError, IsipoError

__all__ = [
    "IntInput",
    "as_int_array",
    "first_position",
    "is_scalar",
    "lone_surrogates",
    "one_dimensional",
]


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


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def lone_surrogates(values: Any) -> npt.NDArray[np.bool_]:
    """Return which values are text holding a lone surrogate (a code point U+D800-U+DFFF).

    Such text is not valid Unicode (a file name decoded with ``surrogateescape`` can hold
    it); pandas' string arrays cannot store it, so it is refused up front.
    """
    return np.fromiter(
        (isinstance(v, str) and _LONE_SURROGATE.search(v) is not None for v in values),
        dtype=bool,
        count=len(values),
    )


def first_position(mask: npt.NDArray[np.bool_]) -> int:
    """Return the position of the first true value of a non-empty boolean mask."""
    return int(np.argmax(mask))


def is_scalar(values: object) -> bool:
    """Return whether ``values`` is one value (not a Series, Index, table or sequence)."""
    if isinstance(values, (pd.Series, pd.Index, pd.DataFrame)):
        return False
    try:
        return bool(np.ndim(values) == 0)  # type: ignore[arg-type]
    except (ValueError, TypeError):  # nested sequences of different lengths
        return False


def one_dimensional(values: object, dtype: Any = None) -> npt.NDArray[Any]:
    """Return ``values`` as a one-dimensional array (a scalar becomes one value).

    Raises
    ------
    InputTypeError
        A table (DataFrame), a nested sequence or an array of two or more dimensions.
    """
    if isinstance(values, pd.DataFrame):
        msg = "expected a one-dimensional array, got a DataFrame: pass one of its columns"
        raise InputTypeError(msg)
    try:
        arr = np.asarray(values, dtype=dtype)
    except (ValueError, TypeError):
        msg = "expected a one-dimensional array, got nested sequences of different lengths"
        raise InputTypeError(msg) from None
    if arr.ndim > 1:
        msg = f"expected a one-dimensional array, got {arr.ndim} dimensions"
        raise InputTypeError(msg)
    if arr.dtype == object and any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.flat):
        msg = "expected a one-dimensional array, got nested sequences of different lengths"
        raise InputTypeError(msg)
    return np.atleast_1d(arr)


_LIMITS: Final = {"month": "1-12", "day": "1-31"}


def _out_of_range(what: str, value: object, position: int, limits: str | None) -> IsipoError:
    """Return the error for a whole number far outside any valid year, month or day."""
    shown = limits or _LIMITS.get(what, "range")
    msg = f"{what} must be in {shown}, got {show(value)}"
    if what == "year":
        return CalendarRangeError(msg, position=position)
    return InvalidDateError(msg, position=position)


def as_int_array(values: object, what: str, *, limits: str | None = None) -> IntInput:
    """Convert whole numbers (scalars, lists, arrays, Series) to int64 plus a missing mask.

    Raises
    ------
    InvalidDateError
        A value that is not a whole number (``1.5``, ``"x"``), naming ``what`` and the position.
    InputTypeError
        Booleans, dates or text arrays; a table or a nested sequence.
    CalendarRangeError
        A year too large for int64 (other fields give InvalidDateError); the message gives
        ``limits`` as the valid range (default: 1-12 for a month, 1-31 for a day).
    """
    index = values.index if isinstance(values, pd.Series) else None
    scalar = is_scalar(values)
    arr: npt.NDArray[Any]
    if isinstance(values, (pd.Series, pd.Index)):
        if pd.api.types.is_bool_dtype(values.dtype):
            msg = f"{what} must be a whole number, got a boolean array"
            raise InputTypeError(msg)
        if pd.api.types.is_numeric_dtype(values.dtype):
            arr = (
                values.to_numpy(dtype=np.float64, na_value=np.nan)
                if values.hasnans
                else values.to_numpy()
            )
        else:  # text, categories, objects: read like a list
            arr = values.to_numpy(dtype=object)
    else:
        arr = one_dimensional(values if values is not None else np.nan)
    if arr.dtype == object:
        flat = arr.ravel()
        is_bool = np.fromiter(
            (isinstance(v, (bool, np.bool_)) for v in flat), dtype=bool, count=flat.size
        )
        numbers = pd.to_numeric(pd.Series(flat, dtype=object), errors="coerce")
        bad = is_bool | (numbers.isna().to_numpy() & pd.notna(flat))
        if bad.any():
            position = first_position(bad)
            shown = show(flat[position])
            msg = f"{what} must be a whole number, got {shown}"
            raise InvalidDateError(msg, position=position)
        arr = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
        given = flat  # shown in messages as given (a Python int beyond int64 is not a float)
    else:
        given = np.asarray(arr).ravel()
    arr = np.asarray(arr).ravel()
    if arr.dtype.kind == "u":
        too_large = arr > np.iinfo(np.int64).max
        if too_large.any():
            position = first_position(too_large)
            raise _out_of_range(what, arr[position], position, limits)
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
        msg = f"{what} must be a whole number, got {show(given[position])}"
        raise InvalidDateError(msg, position=position)
    too_large = np.abs(filled) >= 2.0**63  # beyond int64: the cast would wrap around
    if too_large.any():
        position = first_position(too_large)
        raise _out_of_range(what, given[position], position, limits)
    return IntInput(np.where(missing, 0, filled).astype(np.int64), missing, index, scalar)
