"""Type aliases shared by the public API."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas._libs.tslibs.nattype import NaTType

__all__ = [
    "Aggregation",
    "DateArray",
    "DateScalar",
    "FreqCode",
    "IntArray",
    "IntScalar",
    "PeriodCode",
]

DateScalar: TypeAlias = "str | _dt.date | np.datetime64 | NaTType | None"
"""One date: an ISO string, a ``datetime.date``/``datetime``/Timestamp, a ``datetime64``
(``jdatetime`` objects are accepted too; they are untyped)."""

DateArray: TypeAlias = "pd.Series[Any] | pd.Index[Any] | Sequence[Any] | npt.NDArray[Any]"
"""Many dates: a Series, an Index (DatetimeIndex), a list or a numpy array."""

IntScalar: TypeAlias = int | np.integer[Any]
"""One whole number."""

IntArray: TypeAlias = "Sequence[Any] | npt.NDArray[Any] | pd.Index[Any]"
"""Whole numbers that are not a Series (a Series keeps its index in the result)."""

FreqCode: TypeAlias = Literal["M", "Q", "H", "Y"]
"""A Jalali frequency: month, quarter, half-year or year (:mod:`isipo_stats.frequency`)."""

Aggregation: TypeAlias = Literal["sum", "mean", "first", "last", "count", "min", "max"]
"""How :func:`isipo_stats.aggregate` combines the values of one period."""

PeriodCode: TypeAlias = Literal["M", "Q", "H", "Y", "W"]
"""A Jalali period: the :data:`FreqCode` frequencies and Iranian weeks (``"W"``)."""
