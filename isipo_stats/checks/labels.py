"""Checks of the Gregorian dates a text gives for a figure's Jalali span."""

from __future__ import annotations

import numpy as np
import pandas as pd

from isipo_stats.checks._registry import Found, unit
from isipo_stats.checks._table import Table
from isipo_stats.text import format_jalali

__all__ = ["date_label_mismatch"]


@unit("date_label_mismatch", "warning",
      about="a Gregorian date the text gives for a Jalali boundary is not that day",
      template="{id}: the text gives {stated:d} for the {role} of the span, but {jalali} is "
               "{actual:d} (the stated date is {gap:i} {days} {direction})")  # fmt: skip
def date_label_mismatch(table: Table) -> Found:
    """Find each ``start=``/``end=`` date of ``stated_dates`` that is not the span's own day.

    Reports restate Jalali boundaries as Gregorian dates; a slip of a day (the end of a leap
    year, Esfand 30) is the usual one.
    """
    text = table["stated_dates"]
    given = table.where(text != "")
    items = pd.Series(text[given], index=given, dtype=object).str.split(";").explode()
    items = items.str.strip()
    items = items[items != ""]
    role_and_date = items.str.split("=", n=1)
    rows = items.index.to_numpy(dtype=np.int64)
    role = role_and_date.str[0].to_numpy(dtype=object)
    stated = role_and_date.str[1].to_numpy(dtype="datetime64[D]").astype(np.int64).astype(float)
    actual = np.where(role == "start", table["start"][rows], table["end"][rows])
    wrong = ~np.isnan(actual) & (stated != actual)
    rows, role, stated, actual = rows[wrong], role[wrong], stated[wrong], actual[wrong]
    gap = stated - actual
    jalali = format_jalali(actual.astype("datetime64[D]")).to_numpy(dtype=object)
    return Found(
        a=rows,
        fields={
            "stated": stated,
            "role": role,
            "jalali": jalali,
            "actual": actual,
            "gap": np.abs(gap),
            "direction": np.where(gap > 0, "later", "earlier").astype(object),
            "days": np.where(np.abs(gap) == 1, "day", "days").astype(object),
        },
    )
