"""Checks of one figure at a time: its span, its sign, its publication date."""

from __future__ import annotations

import numpy as np
import pandas as pd

from isipo_stats.amounts import read_amounts
from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import ACTUAL_KINDS, Table

__all__ = ["negative_value", "published_before_span_end", "span_outside_year", "stated_unread"]


@unit("span_outside_year", "error",
      about="a span that runs outside the figure's Jalali year",
      template="{id}: the span {start:d}..{end:d} runs outside Jalali year {jyear:i} "
               "({year_start:d}..{year_end:d})")  # fmt: skip
def span_outside_year(table: Table) -> Found:
    """Find spans that start before or end after the figure's Jalali year."""
    first, last = table.year_bounds
    rows = table.where((table["start"] < first) | (table["end"] > last))
    return Found(a=rows, fields={"year_start": first[rows], "year_end": last[rows]})


@unit("negative_value", "error",
      about="a negative count, amount or share",
      template="{id}: negative value {value:n}")  # fmt: skip
def negative_value(table: Table) -> Found:
    """Find values below zero."""
    return Found(a=table.where(table["value"] < 0), low=0.0, high=np.inf)


@unit("published_before_span_end", "error",
      about="an actual published before the end of the span it reports",
      template="{id}: published by {published_to:d}, before the end of the span it reports "
               "({end:d})")  # fmt: skip
def published_before_span_end(table: Table) -> Found:
    """Find actuals whose latest publication date is before their span ends."""
    kind = table["kind"]
    actual = (kind == ACTUAL_KINDS[0]) | (kind == ACTUAL_KINDS[1])
    return Found(a=table.where(actual & (table["published_to"] < table["end"])))


@unit("stated_unread", "info",
      about="a stated phrase the amount reader cannot read, kept as provenance of a row that "
      "gives its value, unit and qualifier itself",
      template="{id}: the stated '{stated}' is not read; the row's own {qualifier} {value:n} "
               "{unit} is used")  # fmt: skip
def stated_unread(table: Table) -> Found:
    """Find rows whose ``stated`` text is no amount the reader knows (read once per text)."""
    stated = table["stated"]
    codes, texts = pd.factorize(stated)
    _, reasons = read_amounts(pd.Series(np.asarray(texts, dtype=object), dtype=object))
    unread = np.append(~pd.isna(reasons) & (np.asarray(texts, dtype=object) != ""), False)
    return Found(a=table.where(unread[codes]))
