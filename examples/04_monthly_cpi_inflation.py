"""Monthly and year-on-year inflation from a consumer price index, by Jalali month.

The index below is ILLUSTRATIVE: made-up numbers of the size the Statistical Centre of
Iran's CPI had (1400 = 100), not published figures. One month, Azar 1400, is missing, as a
month can be in a real download. The example shows that:

* ``complete`` makes the gap a visible row instead of a silent hole;
* year-on-year change compares each month with the **same month** a year earlier, found by
  its label, so the missing month gives missing values (Azar 1400's own change, and Azar
  1401's, whose base is missing), where ``pct_change(12)`` on the rows compares the wrong
  months;
* 12-month average inflation needs all 24 months, so it is missing for a year after a gap;
* rebasing to another base year needs every month of that year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import isipo_stats as ist


def illustrative_cpi() -> pd.Series:
    """60 months from Farvardin 1398 growing about 3% a month, Azar 1400 left out."""
    months = ist.period_range("1398-01", "1402-12").astype(str)
    growth = 1.03 + 0.004 * np.sin(np.arange(len(months)))  # deterministic wiggle
    level = 41.0 * np.cumprod(growth)
    cpi = pd.Series(level.round(1), index=months, name="cpi")
    return cpi.drop("1400-09")


def main() -> None:
    cpi = illustrative_cpi()
    print(f"{len(cpi)} monthly index values, {cpi.index[0]} to {cpi.index[-1]} (illustrative)")

    full = ist.complete(cpi)
    print(f"complete(): {len(full)} months, missing: {list(full.index[full.isna()].astype(str))}")

    table = pd.DataFrame(
        {
            "cpi": full,
            "monthly_%": ist.inflation(full.dropna(), "monthly").reindex(full.index),
            "point_%": ist.inflation(full.dropna(), "point").reindex(full.index),
            "average_%": ist.inflation(full.dropna(), "average").reindex(full.index),
        }
    )
    print()
    print("Inflation, percent (missing where a month it needs is missing)")
    shown = ["1400-07", "1400-08", "1400-09", "1400-10", "1401-09", "1402-08", "1402-09"]
    print(table.loc[shown].round(1).to_string())

    positional = cpi.pct_change(12)["1401-09"] * 100
    row = list(cpi.index).index("1401-09")
    print()
    print(
        f"pct_change(12) on the rows would give 1401-09 {positional:.1f}%: it compares with "
        f"{cpi.index[row - 12]}, not 1400-09"
    )

    rebased = ist.rebase(cpi, "1399")
    print(f"rebased to 1399 = 100: 1402-12 is {rebased['1402-12']:.1f}")
    try:
        ist.rebase(cpi, "1400")
    except ist.InvalidDateError as err:
        print(f"rebase to 1400 refused: {err}")


if __name__ == "__main__":
    main()
