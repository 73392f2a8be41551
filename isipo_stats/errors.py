"""The exceptions raised by isipo_stats.

Every exception derives from :class:`IsipoError` and from either :class:`ValueError`
(the value is wrong) or :class:`TypeError` (the kind of object is wrong), so analyst code
that already catches ``ValueError`` keeps working. Messages name the offending value and
where it was found; the place is also kept as attributes (:attr:`IsipoError.position`,
:attr:`IsipoError.row`, :attr:`IsipoError.column`), so code never has to read it back out
of the text.

Examples
--------
>>> from isipo_stats import to_gregorian
>>> from isipo_stats.errors import InvalidDateError
>>> try:
...     to_gregorian(1400, 12, 30)
... except InvalidDateError as err:
...     print(err)
...     print(err.position, "|", err.reason)
day must be in 1-29 for 1400-12, got 30 at position 0
0 | day must be in 1-29 for 1400-12, got 30
"""

from __future__ import annotations

from typing import Any, Self

__all__ = [
    "WHERE",
    "CalendarRangeError",
    "FigureValidationError",
    "FrequencyError",
    "IndexAlignmentError",
    "InputTypeError",
    "IntegerOverflowError",
    "InvalidArgumentError",
    "InvalidDateError",
    "IsipoError",
    "MissingDependencyError",
    "MissingPeriodError",
    "ParseError",
    "ToleranceError",
]

WHERE = "{where}"
"""The placeholder in a message template that the place of the error replaces.

A template without it gets the place appended (``"... at position 3"``).
"""


def _place(position: int | None, row: object, column: str | None) -> str:
    parts = []
    if position is not None:
        parts.append(f"at position {position}")
    if row is not None:
        parts.append(f"at row {row}")
    if column is not None:
        parts.append(f"in column {column!r}")
    return " ".join(parts)


class IsipoError(Exception):
    """Base class of every error raised on purpose by isipo_stats.

    Parameters
    ----------
    template : str
        What was wrong. ``{where}`` marks where the place goes; without it the place is
        appended. A template with no place given is the message as it stands.
    position : int, optional
        Zero-based position of the offending value in the argument.
    row : object, optional
        The row label of a table.
    column : str, optional
        The column of a table.

    Attributes
    ----------
    template, position, row, column
        As given; the message is made from them.
    reason : str
        The message without its place.
    """

    def __init__(
        self,
        template: str,
        *,
        position: int | None = None,
        row: object = None,
        column: str | None = None,
    ) -> None:
        self.template = template
        self.position = position
        self.row = row
        self.column = column
        super().__init__(self._render(_place(position, row, column)))

    def _render(self, where: str) -> str:
        if WHERE not in self.template:
            return f"{self.template} {where}" if where else self.template
        if where:
            return self.template.replace(WHERE, where)
        return self.template.replace(" " + WHERE, "").replace(WHERE, "")

    @property
    def reason(self) -> str:
        """The message without the place (for tables that give the place in columns)."""
        return self._render("")

    def located(
        self, *, position: int | None = None, row: object = None, column: str | None = None
    ) -> Self:
        """Return the same error placed elsewhere (e.g. a position in the caller's input).

        Examples
        --------
        >>> err = InvalidDateError("month must be in 1-12, got 13", position=0)
        >>> str(err.located(position=4))
        'month must be in 1-12, got 13 at position 4'
        """
        return type(self)(self.template, position=position, row=row, column=column)

    def __reduce__(self) -> tuple[Any, ...]:
        # keyword-only fields do not survive Exception's default pickling (Dask sends
        # errors between processes)
        return (_rebuild, (type(self), self.template, self.position, self.row, self.column))


def _rebuild(
    cls: type[IsipoError], template: str, position: int | None, row: object, column: str | None
) -> IsipoError:
    return cls(template, position=position, row=row, column=column)


class CalendarRangeError(IsipoError, ValueError):
    """A date or year lies outside :data:`isipo_stats.SUPPORTED_YEARS`."""


class InvalidDateError(IsipoError, ValueError):
    """A Jalali date that does not exist (month 13, 30 Esfand of a common year, ...)."""


class ParseError(IsipoError, ValueError):
    """Text that could not be read as a Jalali date, a span or an amount."""


class InputTypeError(IsipoError, TypeError):
    """An argument of a type the function does not accept."""


class InvalidArgumentError(IsipoError, ValueError):
    """An argument of the right type whose value the function does not accept.

    ``gaps="fill"``, ``locale="de"``, ``periods=-2``, start, end and periods all given, a
    metric with no figures: the value is wrong, so it is a ``ValueError``. Before 0.2
    these were :class:`InputTypeError` (a ``TypeError``).
    """


class IndexAlignmentError(IsipoError, ValueError):
    """Series arguments whose indexes hold different labels, so rows cannot be matched.

    Series given together (``year`` and ``month``, ``values`` and ``dates``) are matched by
    their index labels, as pandas arithmetic matches them; when the labels differ (or repeat
    in a different order) nothing is guessed.
    """


class IntegerOverflowError(IsipoError, OverflowError, ValueError):
    """A sum or difference of integers that does not fit in int64.

    Integers are summed exactly; rather than wrap around silently (as numpy and pandas do),
    the library refuses. Convert the values to float to get a rounded answer.
    """


class MissingPeriodError(IsipoError, ValueError):
    """A Jalali period with no value where a calculation needs every one (a gap).

    :func:`isipo_stats.year_to_date` raises it rather than sum across a missing month.
    """


class FrequencyError(IsipoError, ValueError):
    """A ``freq`` that is not a Jalali frequency code.

    A ``ValueError`` (the value is wrong). Before 0.2 it was also an
    :class:`InputTypeError` (a ``TypeError``); catch ``ValueError``.
    """


class FigureValidationError(IsipoError, ValueError):
    """One or more rows of a figure table are invalid.

    The message lists every bad row with its column and reason; :attr:`problems`
    holds the same information as a list of ``(row, column, reason)`` tuples. The row is
    None for a problem of the whole table (a missing column).
    """

    def __init__(self, problems: list[tuple[object, str, str]]) -> None:
        self.problems = problems
        lines = [
            ("" if row is None else f"row {row}, ") + f"column {column!r}: {reason}"
            for row, column, reason in problems
        ]
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        first = problems[0] if problems else (None, None, None)
        super().__init__(
            f"{count} {noun} in the figure table:\n" + "\n".join(lines),
            row=None if count != 1 else first[0],
            column=None if count != 1 else first[1],
        )

    def _render(self, where: str) -> str:
        del where  # the rows and columns are in the lines of the message
        return self.template

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


class MissingDependencyError(IsipoError, ImportError):
    """An optional dependency (an extra such as ``plot``) is not installed."""


class ToleranceError(IsipoError, ValueError):
    """A tolerance of the checks that is negative, not finite, or a factor below 1."""
