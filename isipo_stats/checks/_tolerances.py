"""The documented tolerances of the checks."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Tolerances"]


@dataclass(frozen=True)
class Tolerances:
    """Documented tolerances of the checks.

    Attributes
    ----------
    approx_tolerance : float
        "About v" is read as ``v`` within this relative margin (default 0.10: 10 percent).
    component_tolerance : float
        Parts and their total agree within this relative margin (default 0.02).
    rate_tolerance : float
        An implied exchange rate is an outlier when it differs from the median rate of the
        pairs of the same Jalali year (three or more) by more than this factor (default 2.0:
        more than double or less than half).
    ratio_tolerance : float
        Likewise for ratios such as jobs per revived unit, against the median of all pairs
        of the same two metrics (three or more), any year (default 2.0).
    """

    approx_tolerance: float = 0.10
    component_tolerance: float = 0.02
    rate_tolerance: float = 2.0
    ratio_tolerance: float = 2.0
