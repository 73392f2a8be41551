"""isipo_stats: Iranian-calendar statistics time series.

An exact, vectorized Jalali (Solar Hijri) calendar, reported figures as data, and
reconciliation of sparse year-to-date reports.
"""

from __future__ import annotations

from isipo_stats.calendar import (
    SUPPORTED_YEARS,
    day_of_year,
    days_in_month,
    is_leap,
    jalali_date,
    quarter,
    to_gregorian,
    to_jalali,
)
from isipo_stats.errors import (
    CalendarRangeError,
    FigureValidationError,
    InputTypeError,
    InvalidDateError,
    IsipoError,
    ParseError,
)
from isipo_stats.spans import Span, month_span, months_span, quarter_span, year_span

__version__ = "0.1.0"

__all__ = [
    "SUPPORTED_YEARS",
    "CalendarRangeError",
    "FigureValidationError",
    "InputTypeError",
    "InvalidDateError",
    "IsipoError",
    "ParseError",
    "Span",
    "__version__",
    "day_of_year",
    "days_in_month",
    "is_leap",
    "jalali_date",
    "month_span",
    "months_span",
    "quarter",
    "quarter_span",
    "to_gregorian",
    "to_jalali",
    "year_span",
]
