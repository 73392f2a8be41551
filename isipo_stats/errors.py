"""The exceptions raised by isipo_stats.

Every exception derives from :class:`IsipoError` and from either :class:`ValueError`
(the value is wrong) or :class:`TypeError` (the kind of object is wrong), so analyst code
that already catches ``ValueError`` keeps working. Messages name the offending value and
where it was found (position, row, column).

Examples
--------
>>> from isipo_stats import to_gregorian
>>> from isipo_stats.errors import InvalidDateError
>>> try:
...     to_gregorian(1400, 12, 30)
... except InvalidDateError as err:
...     print(err)
day must be in 1-29 for 1400-12, got 30 at position 0
"""

from __future__ import annotations

__all__ = [
    "CalendarRangeError",
    "FigureValidationError",
    "InputTypeError",
    "InvalidDateError",
    "IsipoError",
    "MissingDependencyError",
    "ParseError",
]


class IsipoError(Exception):
    """Base class of every error raised on purpose by isipo_stats."""


class CalendarRangeError(IsipoError, ValueError):
    """A date or year lies outside :data:`isipo_stats.SUPPORTED_YEARS`."""


class InvalidDateError(IsipoError, ValueError):
    """A Jalali date that does not exist (month 13, 30 Esfand of a common year, ...)."""


class ParseError(IsipoError, ValueError):
    """Text that could not be read as a Jalali date, a span or an amount."""


class InputTypeError(IsipoError, TypeError):
    """An argument of a type the function does not accept."""


class FigureValidationError(IsipoError, ValueError):
    """One or more rows of a figure table are invalid.

    The message lists every bad row with its column and reason; :attr:`problems`
    holds the same information as a list of ``(row, column, reason)`` tuples.
    """

    def __init__(self, problems: list[tuple[object, str, str]]) -> None:
        self.problems = problems
        lines = [f"row {row}, column {column!r}: {reason}" for row, column, reason in problems]
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the figure table:\n" + "\n".join(lines))


class MissingDependencyError(IsipoError, ImportError):
    """An optional dependency (an extra such as ``plot``) is not installed."""
