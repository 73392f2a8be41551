"""The documented tolerances of the checks."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from isipo_stats.errors import InputTypeError, ToleranceError

__all__ = ["Tolerances", "as_tolerances"]

_FACTORS = ("rate_tolerance", "ratio_tolerance", "pace_factor")


@dataclass(frozen=True)
class Tolerances:
    """Documented tolerances of the checks.

    Attributes
    ----------
    approx_tolerance : float
        The widest "about": "about v" is read as ``v`` give or take half a unit of its last
        significant digit, widened to ``approx_floor`` and narrowed to this relative margin
        (default 0.10: 10 percent). "About 20,000" is 20,000 +- 2,000 (10 percent: half a
        unit of its last digit would be 5,000); "about $357 million" is +- 2 percent
        (the floor: half a unit of its last digit is 0.14 percent).
    approx_floor : float
        The narrowest "about", a relative margin (default 0.02). A figure stated to four
        significant digits is not read as +- 10 percent.
    component_tolerance : float
        Parts and their total agree within this relative margin (default 0.02).
    rate_tolerance : float
        An implied exchange rate is an outlier when it differs from the median rate of the
        pairs of the same Jalali year (three or more) by more than this factor (default 2.0:
        more than double or less than half).
    ratio_tolerance : float
        Likewise for ratios such as jobs per revived unit, against the median of all pairs
        of the same two metrics (three or more), any year (default 2.0).
    pace_factor : float
        A year-to-date series jumps when it rises between two of its figures more than this
        many times faster than its pace before them (default 5.0); see
        :func:`isipo_stats.checks.pace.pace_jump`.
    pace_min_days : float
        The pace since Nowruz is a baseline only from this many days into the year (default
        45: the Nowruz holidays slow the first weeks); before, only the previous year's pace
        is.
    jobs_per_unit_low, jobs_per_unit_high : float
        The plausible jobs per unit of a ``ratio_pairs`` pair of a ``jobs`` and a ``units``
        figure (defaults 5 and 50): half the lowest and twice the highest ratio of twelve
        ISIPO statements, 10.1 to 25.0 (see :func:`isipo_stats.checks.pace.jobs_per_unit`).

    Raises
    ------
    InputTypeError
        A field that is not a number.
    ToleranceError
        A margin or a number of days that is negative or not finite, a factor below 1, or
        ``jobs_per_unit_low`` above ``jobs_per_unit_high`` (a ``ValueError``).

    Examples
    --------
    >>> Tolerances(approx_tolerance=0.2).approx_tolerance
    0.2
    >>> Tolerances(rate_tolerance=0.5)
    Traceback (most recent call last):
    ...
    isipo_stats.errors.ToleranceError: rate_tolerance must be a finite factor of at least 1, got 0.5
    """

    approx_tolerance: float = 0.10
    approx_floor: float = 0.02
    component_tolerance: float = 0.02
    rate_tolerance: float = 2.0
    ratio_tolerance: float = 2.0
    pace_factor: float = 5.0
    pace_min_days: float = 45.0
    jobs_per_unit_low: float = 5.0
    jobs_per_unit_high: float = 50.0

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                msg = f"{field.name} must be a number, got {type(value).__name__}"
                raise InputTypeError(msg)
            factor = field.name in _FACTORS
            if factor and not (math.isfinite(value) and value >= 1):
                msg = f"{field.name} must be a finite factor of at least 1, got {value!r}"
                raise ToleranceError(msg)
            if not factor and not (math.isfinite(value) and value >= 0):
                msg = f"{field.name} must be a finite margin of at least 0, got {value!r}"
                raise ToleranceError(msg)
        if self.jobs_per_unit_low > self.jobs_per_unit_high:
            msg = (
                f"jobs_per_unit_low ({self.jobs_per_unit_low!r}) must not be above "
                f"jobs_per_unit_high ({self.jobs_per_unit_high!r})"
            )
            raise ToleranceError(msg)


def as_tolerances(tolerances: object) -> Tolerances:
    """Return the tolerances of a call: ``Tolerances()`` for None; refuse anything else.

    A mapping is refused too (there is one way to set them: ``Tolerances(**mapping)``).

    Examples
    --------
    >>> as_tolerances({"approx_tolerance": 0.2})
    Traceback (most recent call last):
    ...
    isipo_stats.errors.InputTypeError: tolerances must be a Tolerances, got dict (write ...
    """
    if tolerances is None:
        return Tolerances()
    if not isinstance(tolerances, Tolerances):
        msg = f"tolerances must be a Tolerances, got {type(tolerances).__name__}"
        if isinstance(tolerances, dict):
            msg += " (write Tolerances(**values))"
        raise InputTypeError(msg)
    return tolerances
