"""From the bundled ISIPO reports to a per-year table and a monthly series.

The per-year table gives, for revived units and the jobs they created, each Jalali year's
total where the reports pin it down, or what is known of it ("at least ..."), labelled with
the Gregorian years the Jalali year straddles. The monthly series is the reconciled
year-to-date path of revived units in 1399, with its feasible band.
"""

from __future__ import annotations

import pandas as pd

import isipo_stats as ist


def describe(row: pd.Series) -> str:
    if pd.notna(row["cumulative"]):
        return f"{row['cumulative']:,.0f}"
    if row["low"] > 0:
        return f"at least {row['low']:,.0f}"
    return "not reported"


def main() -> None:
    reports = ist.load_isipo_reports()
    yearly = ist.reconcile(reports, freq="Y").monthly
    wanted = yearly[yearly["metric"].isin(["revived_units", "jobs_created"])]
    table = (
        wanted.assign(total=wanted.apply(describe, axis=1))
        .pivot_table(index="label", columns="metric", values="total", aggfunc="first")
        .fillna("not reported")
    )
    print("Revived units and the jobs they created, by Jalali year")
    print(table.to_string())
    print()

    monthly = ist.reconcile(reports).monthly
    path = monthly[(monthly["metric"] == "revived_units") & (monthly["jyear"] == 1399)]
    print("Revived units in 1399 (2020/21), reconciled year to date")
    shown = path[["period", "end", "cumulative", "flow", "low", "high"]].round(
        {"cumulative": 1, "flow": 1, "low": 1, "high": 1}
    )
    print(shown.to_string(index=False))


if __name__ == "__main__":
    main()
