"""Checks that place an undated figure in time from the other figures."""

from __future__ import annotations

import threading
import weakref
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._dates import days_to_datetime64
from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import ACTUAL_KINDS, SERIES, Table, validated
from isipo_stats.checks._text import days, join_groups
from isipo_stats.checks._tolerances import as_tolerances

__all__ = ["publication_window", "publication_windows", "windows"]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Texts = npt.NDArray[np.object_]


def _limits(table: Table, undated: Ints, other: Ints, shift: float) -> tuple[Ints, Floats, Texts]:
    """Per undated figure with pairs: its rows, the extreme limit, and the other figures' ids.

    ``shift`` is +1 (after: the latest of the others' as-of dates plus a day) or -1 (before:
    the earliest minus a day).
    """
    order = np.argsort(undated, kind="stable")
    undated, other = undated[order], other[order]
    first = np.r_[True, undated[1:] != undated[:-1]] if undated.size else np.zeros(0, bool)
    starts = np.flatnonzero(first)
    limit = table["end"][other] + shift
    reduce = np.maximum if shift > 0 else np.minimum
    extreme = reduce.reduceat(limit, starts) if limit.size else np.zeros(0)
    return undated[first], extreme, join_groups(table["id"][other], np.cumsum(first) - 1)


def windows(table: Table) -> tuple[Floats, Floats, Texts]:
    """Return each figure's publication window, narrowed by the others' as-of dates.

    ``(earliest, latest, reasons)`` as day numbers (NaN when unknown) and the reason each
    undated actual's window was narrowed ("" where it was not). The unit
    :func:`publication_window` reports these; the charts draw them.
    """
    kind, end = table["kind"], table["end"]
    earliest = table["published_from"].copy()
    earliest = np.where(np.isnan(end) | (earliest > end), earliest, end + 1)
    latest = table["published_to"].copy()
    reasons = np.full(table.n, "", dtype=object)
    open_asof = np.isnan(table["published"]) & np.isnan(end) & (kind == "cumulative")
    u, p = table.pairs(table.key(SERIES), open_asof, table.is_point)
    lo, hi = table["lo"], table["hi"]
    whole = ~table.is_part  # an upper limit is only read from a whole figure
    after, before = (lo[u] > hi[p]) & whole[p], (hi[u] < lo[p]) & whole[u]
    for relation, mask, shift in (("after", after, 1.0), ("before", before, -1.0)):
        rows, limit, who = _limits(table, u[mask], p[mask], shift)
        if relation == "after":
            earliest[rows] = np.maximum(earliest[rows], limit)
        else:
            latest[rows] = np.minimum(latest[rows], limit)
        sep = np.where(reasons[rows] != "", "; ", "").astype(object)
        reasons[rows] = reasons[rows] + sep + relation + " the as-of date of " + who
    return earliest, latest, reasons


@unit("publication_window", "error", ("approx_tolerance", "approx_floor"),
      about="the window in which an undated figure must have been published to agree with the "
      "others (info)",
      template="{id}: {window} with the others ({why})")  # fmt: skip
def publication_window(table: Table) -> Found:
    """Find the publication window of undated figures, narrowed by the others' as-of dates.

    An actual cannot be published before its span ends; an undated year-to-date figure (its
    as-of date is its publication) must come after every point it exceeds and before every
    point that exceeds it. Reported where the others narrow the window (info), or leave no
    date at all (an error).
    """
    kind = table["kind"]
    actual = (kind == ACTUAL_KINDS[0]) | (kind == ACTUAL_KINDS[1])
    undated = np.isnan(table["published"]) & actual
    earliest, latest, reasons = windows(table)
    rows = table.where(undated & (reasons != ""))
    empty = earliest[rows] > latest[rows]
    window = np.where(
        empty,
        "no publication date agrees",
        "published between " + days(earliest[rows]) + " and " + days(latest[rows]) + " to agree",
    )
    return Found(
        a=rows,
        severity=np.where(empty, "error", "info").astype(object),
        fields={"window": window.astype(object), "why": reasons[rows]},
    )


_REMEMBERED: Final = 4
"""How many tables :func:`publication_windows` remembers (the latest used first)."""


class _Memo:
    """The windows of the last few tables, each kept with a copy of the table it came from.

    A table is found by identity (a weak reference, so the memo keeps no table alive) and
    used only if it still equals the copy (``DataFrame.equals``: same columns, dtypes and
    values), so a table changed in place is computed again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[tuple[weakref.ref[pd.DataFrame], pd.DataFrame, pd.DataFrame]] = []

    def recall(self, figures: pd.DataFrame) -> pd.DataFrame | None:
        """Return the windows of ``figures`` if they were computed for this unchanged table."""
        with self._lock:
            for table, snapshot, found in self._entries:
                if table() is figures:
                    return found if snapshot.equals(figures) else None
        return None

    def remember(self, figures: pd.DataFrame, found: pd.DataFrame) -> None:
        with self._lock:
            alive = [e for e in self._entries if e[0]() is not None and e[0]() is not figures]
            entry = (weakref.ref(figures), figures.copy(deep=True), found)
            self._entries = [entry, *alive][:_REMEMBERED]


_MEMO: Final = _Memo()


def publication_windows(figures: pd.DataFrame) -> pd.DataFrame:
    """Return each figure's publication window as :func:`isipo_stats.check` narrows it.

    Parameters
    ----------
    figures : pandas.DataFrame
        A figure table (validated first).

    Returns
    -------
    pandas.DataFrame
        One row per figure, in the table's order: ``id``, ``earliest`` and ``latest``
        (dates; NaT where unknown) and ``reason`` (why the window was narrowed, "" where it
        was not). A figure with an as-of date has no window of its own.

    Examples
    --------
    >>> from isipo_stats import figures_from_records
    >>> revived = {"metric": "revived_units", "unit": "units", "kind": "cumulative"}
    >>> table = figures_from_records([
    ...     {"id": "h1", **revived, "end": "1399-07-30", "value": 819},
    ...     {"id": "u", **revived, "jyear": 1399, "value": 1170,
    ...      "published_from": "2020-03-20", "published_to": "2021-03-20"}])
    >>> w = publication_windows(table).set_index("id")
    >>> print(w.loc["u", "earliest"].date(), w.loc["u", "latest"].date(), w.loc["u", "reason"])
    2020-10-22 2021-03-20 after the as-of date of h1

    Notes
    -----
    The windows of the last few tables are remembered: asked again for the same table
    object, unchanged since, the function returns a copy of the windows it computed (a
    summary and each chart of one report ask for the same table).
    """
    if not isinstance(figures, pd.DataFrame):
        return _computed(figures)  # refused there, with the library's message
    found = _MEMO.recall(figures)
    if found is None:
        found = _computed(figures)
        _MEMO.remember(figures, found)
    return found.copy()


def _computed(figures: pd.DataFrame) -> pd.DataFrame:
    table = Table(validated(figures), as_tolerances(None))
    earliest, latest, reasons = windows(table)

    def dates(day: Floats) -> pd.DatetimeIndex:
        missing = np.isnan(day)
        return pd.DatetimeIndex(
            days_to_datetime64(np.where(missing, 0, day).astype(np.int64), missing)
        )

    return pd.DataFrame(
        {"id": table["id"], "earliest": dates(earliest), "latest": dates(latest), "reason": reasons}
    )
