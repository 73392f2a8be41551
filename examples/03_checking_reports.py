"""Checking the bundled reports: every inconsistency, grouped by check, with its reason."""

from __future__ import annotations

import isipo_stats as ist


def main() -> None:
    reports = ist.load_isipo_reports()
    print(f"{len(reports)} figures from {reports['seed'].nunique()} reports")
    flags = ist.check(reports)
    print(flags.groupby(["severity", "check"]).size().to_string())
    print()
    for _, flag in flags[flags["severity"] != "info"].iterrows():
        print(f"[{flag['severity']}] {flag['message']}")
    print()
    result = ist.reconcile(reports)
    print(result.figures["status"].value_counts().to_string())


if __name__ == "__main__":
    main()
