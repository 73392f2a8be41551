"""Input coercion below everything: whole numbers, one-dimensional arrays, positions.

This is the thin layer that lets every public function accept scalars, lists, numpy
arrays, pandas Series and Index objects while the computation runs on ndarrays. Dates are
read by :mod:`isipo_stats._dates`, which needs the calendar kernel; this module needs
nothing of the package but its errors.
"""

from __future__ import annotations

import decimal
import math
import numbers as _numbers_module
import re
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats.errors import (
    CalendarRangeError,
    IndexAlignmentError,
    InputTypeError,
    InvalidDateError,
    IsipoError,
    ParseError,
)

__all__ = [
    "IntInput",
    "align",
    "as_float_array",
    "as_int_array",
    "first_position",
    "is_missing",
    "is_scalar",
    "lone_surrogates",
    "one_dimensional",
    "text_series",
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
    elif isinstance(value, tuple):  # a MultiIndex label
        value = tuple(v.item() if isinstance(v, np.generic) else v for v in value)
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


def is_missing(value: object) -> bool:
    """Return whether one value is a missing value: None, NaN, ``pd.NA`` or ``pd.NaT``."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def text_series(values: object, *, expected: str, reading: str | None, missing: bool) -> pd.Series:
    """Return text input as an object Series, refusing anything that is not text.

    A Series keeps its index; anything else gets a RangeIndex.

    Parameters
    ----------
    values : str array-like
    expected : str
        What the argument should be, for the message about its shape
        (``"a one-dimensional array of strings"``).
    reading : str or None
        What the text is read as, for the message about invalid Unicode (``"a Jalali
        date"``); None leaves invalid Unicode to the caller (which reports it per value).
    missing : bool
        Whether missing values (None, NaN, ``pd.NA``, ``pd.NaT``) are accepted.

    Raises
    ------
    InputTypeError
        Not one-dimensional, or a value that is not text (nor missing, when accepted).
    ParseError
        Text holding a lone surrogate (not valid Unicode).
    """
    if isinstance(values, (pd.Series, pd.Index)):
        index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(values))
        series = pd.Series(values.to_numpy(dtype=object), index=index, dtype=object)
    else:
        arr = np.asarray(values, dtype=object)
        if arr.ndim != 1:
            got = type(values).__name__ if arr.ndim == 0 else f"{arr.ndim} dims"
            msg = f"expected {expected}, got {got}"
            raise InputTypeError(msg)
        series = pd.Series(arr, dtype=object)
    other = np.fromiter(
        (not (isinstance(v, str) or (missing and is_missing(v))) for v in series),
        dtype=bool,
        count=len(series),
    )
    if other.any():
        position = first_position(other)
        msg = f"expected text, got {series.iloc[position]!r}"
        raise InputTypeError(msg, position=position)
    invalid = lone_surrogates(series) if reading is not None else np.zeros(0, np.bool_)
    if invalid.any():
        position = first_position(invalid)
        msg = f"could not read {series.iloc[position]!r} {{where}} as {reading} (not valid Unicode)"
        raise ParseError(msg, position=position)
    return series


def align(*named: tuple[str, object]) -> list[object]:
    """Return the arguments with each Series in the row order of the first Series' index.

    Series arguments are matched by their index labels, as pandas arithmetic matches them:
    a Series whose index holds the same labels as the first Series' in another order is
    reordered; other arguments (scalars, lists, arrays, Index objects) are matched by
    position and left as they are.

    Parameters
    ----------
    *named : (str, object)
        Each argument with its name, for the message.

    Raises
    ------
    IndexAlignmentError
        Two Series whose indexes hold different labels, or the same labels in another
        order with some repeated (nothing is guessed).

    Examples
    --------
    >>> year = pd.Series([1400, 1401], index=["a", "b"])
    >>> month = pd.Series([12, 1], index=["b", "a"])
    >>> align(("year", year), ("month", month))[1].tolist()
    [1, 12]
    """
    values = [value for _, value in named]
    first = next((i for i, v in enumerate(values) if isinstance(v, pd.Series)), None)
    if first is None:
        return values
    reference: pd.Series = values[first]  # type: ignore[assignment]
    for i, value in enumerate(values):
        if isinstance(value, pd.Series) and not value.index.equals(reference.index):
            values[i] = _reordered(value, reference.index, named[i][0], named[first][0])
    return values


def _reordered(series: pd.Series, reference: pd.Index, what: str, first: str) -> pd.Series:
    index = series.index
    if (
        len(index) == len(reference)
        and index.nlevels == reference.nlevels
        and index.is_unique
        and reference.is_unique
    ):
        where = index.get_indexer(reference)
        if (where >= 0).all():
            return series.take(where).set_axis(reference)
    advice = "give them one index, or pass .to_numpy() to match rows by position"
    found = _label_in_one(reference, index)
    if found is None:
        msg = (
            f"{first} and {what} are Series whose indexes hold the same labels in another "
            f"order, some repeated: {advice}"
        )
    else:
        label, in_first = found
        owner = first if in_first else what
        msg = (
            f"{first} and {what} are Series whose indexes hold different labels "
            f"({show(label)} is in the index of {owner} only): {advice}"
        )
    raise IndexAlignmentError(msg)


def _label_in_one(reference: pd.Index, index: pd.Index) -> tuple[object, bool] | None:
    """Return a label found in only one of two indexes, and whether it is the first's."""
    try:
        only_first = ~reference.isin(index)
        only_second = ~index.isin(reference)
    except (TypeError, ValueError):  # e.g. a MultiIndex against a flat one
        return (reference[0], True) if len(reference) else (index[0], False)
    if only_first.any():
        return reference[first_position(only_first)], True
    if only_second.any():
        return index[first_position(only_second)], False
    return None


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

    Missing values are None, NaN, ``pd.NA`` and ``pd.NaT``. Text is not read as a number
    (``"7"`` is refused): numbers written as text are the text parsers' business.

    Raises
    ------
    InvalidDateError
        A number that is not whole (``1.5``, ``inf``), naming ``what`` and the position.
    InputTypeError
        Anything that is not a number: text, booleans, dates, other objects; a table or a
        nested sequence.
    CalendarRangeError
        A year too large for int64 (other fields give InvalidDateError); the message gives
        ``limits`` as the valid range (default: 1-12 for a month, 1-31 for a day).
    """
    index = values.index if isinstance(values, pd.Series) else None
    scalar = is_scalar(values)
    arr, given = _numbers(values, what, "a whole number")
    if arr.dtype.kind == "u":
        too_large = arr > np.iinfo(np.int64).max
        if too_large.any():
            position = first_position(too_large)
            raise _out_of_range(what, arr[position], position, limits)
    if arr.dtype.kind in "iu":
        return IntInput(
            arr.astype(np.int64, copy=False), np.zeros(arr.size, np.bool_), index, scalar
        )
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


def as_float_array(values: object, what: str) -> npt.NDArray[np.float64]:
    """Convert numbers (scalars, lists, arrays, Series) to float64, NaN where missing.

    Raises
    ------
    InputTypeError
        Anything that is not a number (text, booleans, dates), as :func:`as_int_array`.
    """
    arr, _ = _numbers(values, what, "a number")
    return arr.astype(np.float64)


def _numbers(values: object, what: str, noun: str) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Return ``values`` as a flat integer or float array (NaN where missing), and as given.

    The second array shows values in messages as given (a Python int beyond int64 is not
    a float).
    """
    arr: npt.NDArray[Any]
    if isinstance(values, (pd.Series, pd.Index)):
        if pd.api.types.is_bool_dtype(values.dtype):
            msg = f"{what} must be {noun}, got a boolean array"
            raise InputTypeError(msg)
        if pd.api.types.is_numeric_dtype(values.dtype) and values.dtype.kind != "c":
            arr = (
                values.to_numpy(dtype=np.float64, na_value=np.nan)
                if values.hasnans
                else values.to_numpy()
            )
        else:  # text, categories, objects: read like a list
            arr = values.to_numpy(dtype=object)
    elif is_scalar(values):  # one value: read as an object, so that its message shows it
        arr = np.empty(1, dtype=object)
        arr[0] = values.item() if isinstance(values, np.ndarray) else values
    else:
        arr = one_dimensional(values)
    arr = arr.ravel()
    if arr.dtype.kind in "OUS":
        flat = arr.astype(object)
        return _object_numbers(flat, what, noun), flat
    if arr.dtype.kind == "b":
        msg = f"{what} must be {noun}, got a boolean array"
        raise InputTypeError(msg)
    if arr.dtype.kind not in "iuf":
        msg = f"{what} must be {noun}, got an array of dtype {arr.dtype}"
        raise InputTypeError(msg)
    return arr, arr


_REAL: Final = (_numbers_module.Real, decimal.Decimal)  # a Decimal is not a numbers.Real


def _object_numbers(flat: npt.NDArray[np.object_], what: str, noun: str) -> npt.NDArray[np.float64]:
    """Read an object array of numbers and missing values as float64 (NaN where missing)."""
    number = np.fromiter(
        (isinstance(v, _REAL) and not isinstance(v, (bool, np.bool_)) for v in flat),
        dtype=bool,
        count=flat.size,
    )
    absent = np.fromiter(
        (v is None or v is pd.NA or v is pd.NaT for v in flat), dtype=bool, count=flat.size
    )
    other = ~number & ~absent
    if other.any():
        position = first_position(other)
        msg = f"{what} must be {noun}, got {show(flat[position])}"
        raise InputTypeError(msg, position=position)
    return np.fromiter(
        (_to_float(v) if known else np.nan for v, known in zip(flat, number, strict=True)),
        dtype=np.float64,
        count=flat.size,
    )


def _to_float(value: Any) -> float:
    """Return a real number as float; an integer too large for a float as +-1e308."""
    try:
        return float(value)
    except OverflowError:  # an int beyond float: far outside any range, shown as given
        return 1e308 if value > 0 else -1e308
