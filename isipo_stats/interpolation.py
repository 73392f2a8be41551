"""Monotone piecewise-cubic Hermite interpolation (PCHIP) of many series at once.

The nodes of all series are held in flat arrays sorted by (group, x); slopes follow Fritsch
and Carlson (1980) with the three-point end conditions of Moler's ``pchip``, so the
interpolant preserves monotonicity: non-decreasing nodes give a non-decreasing curve, and
no curve overshoots its nodes. Everything is numpy on flat arrays: the cost is linear in the
number of nodes and queries, whatever the number of groups.

References
----------
F. N. Fritsch and R. E. Carlson, "Monotone piecewise cubic interpolation", SIAM Journal on
Numerical Analysis 17(2), 1980, 238-246.
C. Moler, *Numerical Computing with MATLAB*, SIAM 2004, section 3.4 ("pchip").
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["grouped_pchip", "running_max"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _slopes(groups: IntArray, x: FloatArray, y: FloatArray) -> FloatArray:
    n = x.size
    slopes = np.zeros(n)
    if n < 2:
        return slopes
    same = groups[1:] == groups[:-1]  # segment k joins node k and node k + 1
    h = np.where(same, x[1:] - x[:-1], 1.0)
    delta = np.where(same, (y[1:] - y[:-1]) / h, 0.0)
    has_prev = np.r_[False, same]
    has_next = np.r_[same, False]

    # interior nodes: weighted harmonic mean of the neighbouring secants, 0 at extrema
    k = np.flatnonzero(has_prev & has_next)
    d0, d1, h0, h1 = delta[k - 1], delta[k], h[k - 1], h[k]
    w1, w2 = 2 * h1 + h0, h1 + 2 * h0
    same_sign = d0 * d1 > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = (w1 + w2) / (w1 / d0 + w2 / d1)
    slopes[k] = np.where(same_sign, mean, 0.0)

    # end nodes: a shape-preserving three-point formula, or the secant for two nodes.
    # A first node uses segments k and k + 1, a last node segments k - 1 and k - 2.
    first = ~has_prev & has_next
    last = has_prev & ~has_next
    for ends, near, far in ((first, 0, 1), (last, -1, -2)):
        idx = np.flatnonzero(ends)
        seg = idx + near
        seg2 = np.clip(idx + far, 0, same.size - 1)
        three = (idx + far >= 0) & (idx + far < same.size) & same[seg2]
        m0 = delta[seg]
        m1 = np.where(three, delta[seg2], m0)
        g0 = h[seg]
        g1 = np.where(three, h[seg2], 1.0)
        edge = ((2 * g0 + g1) * m0 - g0 * m1) / (g0 + g1)
        edge = np.where(np.sign(edge) != np.sign(m0), 0.0, edge)
        overshoot = (np.sign(m0) != np.sign(m1)) & (np.abs(edge) > np.abs(3 * m0))
        edge = np.where(overshoot, 3 * m0, edge)
        slopes[idx] = np.where(three, edge, m0)
    return slopes


def grouped_pchip(
    node_group: IntArray,
    node_x: FloatArray,
    node_y: FloatArray,
    query_group: IntArray,
    query_x: FloatArray,
) -> FloatArray:
    """Evaluate the PCHIP interpolant of each group's nodes at that group's queries.

    Parameters
    ----------
    node_group, node_x, node_y : numpy.ndarray
        Nodes sorted by group, then by strictly increasing ``x`` within a group.
    query_group, query_x : numpy.ndarray
        Where to evaluate: any order.

    Returns
    -------
    numpy.ndarray of float
        The interpolated values; NaN outside a group's first..last node (no extrapolation)
        and for groups without nodes.

    Examples
    --------
    >>> grouped_pchip(np.array([0, 0, 0, 1, 1]), np.array([0.0, 1, 2, 0, 10]),
    ...               np.array([0.0, 1, 4, 0, 5]), np.array([0, 1, 1, 0]),
    ...               np.array([1.5, 4.0, 11.0, 2.0])).round(4).tolist()
    [2.1875, 2.0, nan, 4.0]
    """
    out = np.full(query_x.size, np.nan)
    if node_x.size == 0 or query_x.size == 0:
        return out
    slopes = _slopes(node_group, node_x, node_y)
    base = float(np.min(node_x))
    width = float(np.max(node_x)) - base + 1.0
    node_key = node_group * width + (node_x - base)
    query_key = query_group * width + (query_x - base)
    k = np.clip(np.searchsorted(node_key, query_key, side="right") - 1, 0, node_x.size - 1)
    nxt = np.clip(k + 1, 0, node_x.size - 1)
    # a query on the last node of a group: take the segment that ends there
    at_last = (node_group[k] == query_group) & (query_x == node_x[k])
    at_last &= (nxt == k) | (node_group[nxt] != node_group[k])
    single = at_last & ((k == 0) | (node_group[k - 1] != node_group[k]))
    out[single] = node_y[k][single]
    k = np.where(at_last & ~single, k - 1, k)
    nxt = np.clip(k + 1, 0, node_x.size - 1)
    inside = (node_group[k] == query_group) & (node_group[nxt] == query_group) & (nxt > k)
    inside &= (query_x >= node_x[k]) & (query_x <= node_x[nxt])
    h = np.where(inside, node_x[nxt] - node_x[k], 1.0)
    t = np.where(inside, (query_x - node_x[k]) / h, 0.0)
    t2, t3 = t * t, t * t * t
    value = (
        (2 * t3 - 3 * t2 + 1) * node_y[k]
        + (t3 - 2 * t2 + t) * h * slopes[k]
        + (-2 * t3 + 3 * t2) * node_y[nxt]
        + (t3 - t2) * h * slopes[nxt]
    )
    out[inside] = value[inside]
    return out


def running_max(groups: IntArray, values: FloatArray) -> FloatArray:
    """Return the running maximum of ``values`` within each group (``groups`` sorted).

    Examples
    --------
    >>> running_max(np.array([0, 0, 0, 1, 1]), np.array([2.0, 1.0, 3.0, -np.inf, -5.0])).tolist()
    [2.0, 2.0, 3.0, -inf, -5.0]
    """
    if values.size == 0:
        return values.astype(np.float64)
    distinct, rank = np.unique(values, return_inverse=True)
    span = distinct.size
    base = (groups - groups[0]) * span  # later groups rank above every earlier one
    best = np.maximum.accumulate(base + rank.reshape(-1))
    out: FloatArray = distinct[best - base]
    return out
