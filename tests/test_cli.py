"""The isipo-stats command line: output, exit codes, one-line errors, --help everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from isipo_stats.cli import main

FIGURE = {"id": "a", "metric": "revived_units", "kind": "period", "jyear": 1400,
          "value": 2067, "unit": "units"}  # fmt: skip


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
    assert out.startswith("21 findings (1 error, 4 warnings, 16 info)\n[error] components_mismatch")


def test_check_formats(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 21
    assert set(records[0]) >= {"check", "severity", "figure_ids", "message"}
    main(["check", "--format", "csv"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("check,severity,metric,region,jyear,figure_ids")
    assert len(lines) == 22


def one_figure(path: Path) -> Path:
    pd.DataFrame([FIGURE]).to_csv(path, index=False)
    return path


def test_check_clean_file_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = one_figure(tmp_path / "ok.csv")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "0 findings (0 errors, 0 warnings, 0 info)\n"


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
        f"isipo-stats report: {bad}: 3 problems in the figure table: row 0, column 'kind': "
        "kind must be one "
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


# --- chart paths are checked before any work ------------------------------------------------


@pytest.mark.parametrize(
    ("plot", "reason"),
    [
        ("missing/chart.png", "the folder {tmp}/missing does not exist"),
        ("chart.txt", "unknown suffix '.txt' (use .png, .svg, .pdf, ...)"),
        ("table.csv/chart.png", "{tmp}/table.csv is a file, not a folder"),
    ],
)
def test_a_chart_path_that_cannot_be_written_stops_the_report_before_any_output(
    tmp_path: Path, plot: str, reason: str
) -> None:
    (tmp_path / "table.csv").write_text("x\n")
    target = tmp_path / plot
    result = run("report", "--plot", str(target))
    assert result.returncode == 2
    assert result.stdout == ""
    expected = reason.format(tmp=tmp_path)
    assert result.stderr == f"isipo-stats report: cannot write a chart to {target}: {expected}\n"


def test_a_chart_path_without_a_suffix_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--plot", "chart"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        "isipo-stats report: cannot write a chart to chart: no suffix to say the format "
        "(use .png, .svg, .pdf, "
    )
    assert captured.err.count("\n") == 1


def test_a_folder_as_chart_path_gets_the_metric_as_file_name(tmp_path: Path) -> None:
    result = run("report", "--plot", str(tmp_path), "--metric", "jobs_created")
    assert result.returncode == 0, result.stderr
    chart = tmp_path / "jobs_created.png"
    assert result.stdout.rstrip().endswith(f"chart of jobs_created written to {chart}")
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["jobs_created.png"]


def test_an_unknown_metric_is_refused_before_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--plot", str(tmp_path / "c.png"), "--metric", "nope"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        "isipo-stats report: no figures for metric 'nope' in region 'Iran'; metrics: "
        "bank_facility_share, credit,"
    )
    assert not (tmp_path / "c.png").exists()


def test_a_metric_without_a_chart_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--metric", "credit"]) == 2
    assert capsys.readouterr().err == (
        "isipo-stats report: --metric chooses the metric to chart: give --plot too\n"
    )


# --- output that cannot be written ----------------------------------------------------------


class _FullDisk:
    """A stdout whose every write fails as on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")


class _ClosedPipe(_FullDisk):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_an_output_write_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    assert main(["check"]) == 3
    assert capsys.readouterr().err == (
        "isipo-stats check: could not write the output: No space left on device\n"
    )


def test_a_reader_that_stops_early_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["check", "--format", "csv"]) == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_check_to_a_full_device_exits_3_with_one_line() -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "isipo_stats.cli", "check"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 3
    assert result.stderr == (
        "isipo-stats check: could not write the output: No space left on device\n"
    )


def test_help_documents_the_exit_codes() -> None:
    result = run("--help")
    assert result.stdout.endswith(
        "exit status:\n"
        "  0  success\n"
        "  1  check found an error-severity finding\n"
        "  2  bad input: a bad argument, an unreadable or invalid file, an invalid date\n"
        "     (one line on stderr, before any output)\n"
        "  3  the output could not be written, e.g. a full disk (one line on stderr)\n"
    )
    assert "exit status:" in run("report", "--help").stdout


# --- positions, tables without the required columns, sheets, grammar ------------------------


def test_convert_names_the_position_of_the_bad_date_and_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["convert", "1400-01-01", "2021-03-21", "1400-12-30"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "isipo-stats convert: day must be in 1-29 for 1400-12, got 30 at position 2\n"
    )
    assert main(["convert", "1400-01-01", "soon"]) == 2
    assert capsys.readouterr().err == (
        "isipo-stats convert: could not read 'soon' as a date (expected YYYY-MM-DD) at position 1\n"
    )


def test_a_header_only_table_of_unrelated_columns_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,amount\n")
    result = run("check", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"isipo-stats check: {path}: 4 problems in the figure table: "
        "column 'id': required column is missing; column 'metric': required column is "
        "missing; column 'kind': required column is missing; column 'value': required "
        "column is missing (or give 'stated')\n"
    )


def test_check_reads_the_named_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame().to_excel(book, sheet_name="notes", index=False)
        pd.DataFrame([FIGURE]).to_excel(book, sheet_name="figures", index=False)
    assert main(["check", str(path)]) == 2
    assert "the first sheet 'notes' has no rows but 'figures' has" in capsys.readouterr().err
    assert main(["check", str(path), "--sheet", "figures"]) == 0
    assert capsys.readouterr().out == "0 findings (0 errors, 0 warnings, 0 info)\n"


def test_report_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = one_figure(tmp_path / "one.csv")
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Reconciled 1 figure from {path} (M periods)\n")
    assert "complete year; 1 of 1 figure used\n" in out


def test_a_chart_of_a_table_without_any_path_is_refused_before_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "targets.csv"
    pd.DataFrame([{**FIGURE, "kind": "target"}]).to_csv(path, index=False)
    assert main(["report", str(path), "--plot", str(tmp_path / "chart.png")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "isipo-stats report: no metric has a reconciled path to chart; choose one with --metric\n"
    )
