"""Calendar basics: Jalali <-> Gregorian, spans, fields and labels, all on whole arrays."""

from __future__ import annotations

import pandas as pd

import isipo_stats as ist


def main() -> None:
    # Nowruz and the last day of a leap year, in both directions
    print(ist.to_gregorian([1399, 1404], [12, 1], [30, 1]).strftime("%Y-%m-%d").tolist())
    print(ist.to_jalali(pd.to_datetime(["2021-03-20", "2025-03-21"])).to_numpy().tolist())

    # the spans the reports speak of
    print("1400:", ist.year_span(1400))
    print("first seven months of 1399:", ist.months_span(1399, 1, 7))
    print("Esfand 1403:", ist.month_span(1403, 12), ist.month_span(1403, 12).days, "days")

    # text in, text out (Persian digits and month names)
    print(ist.parse_jalali(["۱۴۰۰/۰۷/۳۰", "30 Mehr 1400", "Shahrivar 1402"])[["start", "end"]])
    print(ist.format_jalali(pd.to_datetime(["2021-10-22"]), "%d %B %Y", locale="fa").tolist())

    # fields and labels of a daily series, grouped by Jalali month
    days = pd.Series(1.0, index=pd.date_range("2021-03-19", "2021-05-25"))
    print(ist.aggregate(days, freq="M").to_dict())
    print(ist.year_label([1399, 1400]).tolist())


if __name__ == "__main__":
    main()
