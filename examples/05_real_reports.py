"""Check and reconcile a figure table built from real news reports (2019-2024).

``examples/data/real_reports.csv`` holds what 14 reports about ISIPO, revived idle units,
SME exports and SME loans state (English and Persian outlets; none of them the five
bundled seed reports): the source URL, the publication date, the phrase as printed, the
metric and the span. Derived statements ("about 23 percent of the goal realized", "16.77
percent growth") are rows of their own that name the figures they are computed from.

Run from the repository root: ``python examples/05_real_reports.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import isipo_stats as ist
from isipo_stats.formatting import plural

DATA = Path(__file__).parent / "data" / "real_reports.csv"


def main() -> None:
    figures = ist.read_figures(DATA)
    sources = figures["source"].nunique()
    print(f"{len(figures)} figures from {sources} reports\n")

    flags = ist.check(figures)
    counts = flags["severity"].value_counts().reindex(["error", "warning", "info"], fill_value=0)
    said = [plural(int(n), str(s), "info" if s == "info" else None) for s, n in counts.items()]
    print("findings:", ", ".join(said))
    for row in flags.itertuples(index=False):
        print(f"- [{row.severity!s}] {row.check!s}: {row.message!s}")
        if row.explained_by:
            print(f"    explained by {row.explained_by!s}")

    result = ist.reconcile(figures, flags=flags)
    print("\nseries and how far their path goes:")
    with pd.option_context("display.width", 120, "display.max_colwidth", 60):
        print(result.groups[["metric", "unit", "jyear", "used", "status"]].to_string(index=False))
    excluded = result.figures[result.figures["status"] == "excluded"]
    print("\nleft out of the paths:", ", ".join(excluded["id"] + " (" + excluded["reason"] + ")"))


if __name__ == "__main__":
    main()
