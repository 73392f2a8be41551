"""The isipo-stats command line: output, exit codes, one-line errors, --help everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from isipo_stats.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "isipo_stats.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_calendar_json_exact(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "1399", "--json"]) == 0
    assert capsys.readouterr().out == (
        '{"year": 1399, "start": "2020-03-20", "end": "2021-03-20", "days": 366, "leap": true}\n'
    )


def test_calendar_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "1404"]) == 0
    assert capsys.readouterr().out == (
        "Jalali year 1404: 2025-03-21 to 2026-03-20 (365 days, common year)\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["convert", "2021-03-20"], "1399-12-30\n"),
        (["convert", "1399-12-30"], "2021-03-20\n"),
        (["convert", "1404-01-01", "2025-03-20"], "2025-03-21\n1403-12-30\n"),
        (["convert", "--to", "gregorian", "1403-12-30"], "2025-03-20\n"),
    ],
)
def test_convert(args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 0
    assert capsys.readouterr().out == expected


def test_bad_date_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "1400-12-30"]) == 2
    assert capsys.readouterr().err == (
        "isipo-stats convert: day must be in 1-29 for 1400-12, got 30 at position 0\n"
    )


def test_check_bundled_reports_exit_1_on_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1  # the ten-times investment total is an error
    out = capsys.readouterr().out
    assert out.startswith("21 findings (1 error, 4 warning, 16 info)\n[error] components_mismatch")


def test_check_formats(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 21
    assert set(records[0]) >= {"check", "severity", "figure_ids", "message"}
    main(["check", "--format", "csv"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("check,severity,metric,region,jyear,figure_ids")
    assert len(lines) == 22


def test_check_clean_file_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.csv"
    pd.DataFrame(
        [{"id": "a", "metric": "revived_units", "kind": "period", "jyear": 1400,
          "value": 2067, "unit": "units"}]
    ).to_csv(path, index=False)  # fmt: skip
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "0 findings (0 error, 0 warning, 0 info)\n"


def test_bad_files_are_one_line_exit_2(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1
    assert missing.stderr.startswith(f"isipo-stats check: {tmp_path / 'nope.csv'}: ")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,metric,kind,value,unit\na,revived_units,flow,1,units\n,x,period,2,units\n")
    result = run("report", str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"isipo-stats report: {bad}: 3 invalid row(s): row 0, column 'kind': kind must be one "
        "of cumulative, period, target, level, got 'flow'; row 1, column 'id': empty id; "
        "row 1, column 'end': a period figure needs a start and an end (or only a jyear)\n"
    )
    assert result.stdout == ""


def test_report_main_job(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    result = run("report", "--plot", str(chart))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Reconciled 53 figures from the bundled ISIPO reports (M periods)")
    assert "== revived_units (units, Iran), 1400 (2021/22): complete year" in out
    assert "1399-07 2020-09-22..2020-10-21        819" in out
    assert "== flags\n[error] components_mismatch" in out
    assert out.rstrip().endswith(f"chart of revived_units written to {chart}")
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_quarters() -> None:
    result = run("report", "--freq", "Q")
    assert result.returncode == 0
    assert "1400-Q4 2021-12-22..2022-03-20      2,067" in result.stdout


@pytest.mark.parametrize("command", [[], ["calendar"], ["convert"], ["check"], ["report"]])
def test_help_everywhere(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: isipo-stats")
