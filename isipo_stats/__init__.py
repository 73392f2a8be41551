"""isipo_stats: Iranian-calendar statistics time series.

An exact, vectorized Jalali (Solar Hijri) calendar, reported figures as data, and
reconciliation of sparse year-to-date reports.
"""

from __future__ import annotations

from isipo_stats import accessor as _accessor  # noqa: F401  (registers .isipo)
from isipo_stats.amounts import Amount, parse_amount, parse_amounts
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
from isipo_stats.change import inflation, pct_change, rebase, yoy
from isipo_stats.checks import CHECKS, Tolerances, check
from isipo_stats.errors import (
    CalendarRangeError,
    FigureValidationError,
    FrequencyError,
    IndexAlignmentError,
    InputTypeError,
    IntegerOverflowError,
    InvalidArgumentError,
    InvalidDateError,
    IsipoError,
    MissingPeriodError,
    ParseError,
    ToleranceError,
)
from isipo_stats.extract import extract_figures, extract_many
from isipo_stats.figures import (
    figures_from_records,
    load_isipo_reports,
    read_figures,
    validate_figures,
)
from isipo_stats.formatting import format_amount, format_amounts
from isipo_stats.metrics import MetricInfo, metric_info, metric_label, register_metric
from isipo_stats.periods import (
    as_periods,
    period_days,
    period_diff,
    period_end,
    period_range,
    period_start,
    shift_periods,
    to_periods,
)
from isipo_stats.ranges import ceil, date_range, floor
from isipo_stats.reconciliation import Reconciled, reconcile
from isipo_stats.regular import asfreq, complete
from isipo_stats.series import (
    aggregate,
    calendarize,
    from_year_to_date,
    period_labels,
    year_label,
    year_to_date,
)
from isipo_stats.spans import Span, month_span, months_span, quarter_span, year_span
from isipo_stats.text import format_jalali, parse_jalali, to_latin_digits, to_persian_digits

__version__ = "0.1.0"

__all__ = [
    "CHECKS",
    "SUPPORTED_YEARS",
    "Amount",
    "CalendarRangeError",
    "FigureValidationError",
    "FrequencyError",
    "IndexAlignmentError",
    "InputTypeError",
    "IntegerOverflowError",
    "InvalidArgumentError",
    "InvalidDateError",
    "IsipoError",
    "MetricInfo",
    "MissingPeriodError",
    "ParseError",
    "Reconciled",
    "Span",
    "ToleranceError",
    "Tolerances",
    "__version__",
    "aggregate",
    "as_periods",
    "asfreq",
    "calendarize",
    "ceil",
    "check",
    "complete",
    "date_range",
    "day_of_year",
    "days_in_month",
    "extract_figures",
    "extract_many",
    "figures_from_records",
    "floor",
    "format_amount",
    "format_amounts",
    "format_jalali",
    "from_year_to_date",
    "inflation",
    "is_leap",
    "jalali_date",
    "load_isipo_reports",
    "metric_info",
    "metric_label",
    "month_span",
    "months_span",
    "parse_amount",
    "parse_amounts",
    "parse_jalali",
    "pct_change",
    "period_days",
    "period_diff",
    "period_end",
    "period_labels",
    "period_range",
    "period_start",
    "quarter",
    "quarter_span",
    "read_figures",
    "rebase",
    "reconcile",
    "register_metric",
    "shift_periods",
    "to_gregorian",
    "to_jalali",
    "to_latin_digits",
    "to_periods",
    "to_persian_digits",
    "validate_figures",
    "year_label",
    "year_span",
    "year_to_date",
    "yoy",
]
