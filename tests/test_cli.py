"""The isipo-stats command line: output, exit codes, one-line errors, --help everywhere."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from isipo_stats.cli import main
from isipo_stats.figures import load_isipo_reports, read_figures

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
        f"isipo-stats report: {bad}: 3 problems in the figure table: column 'end': column "
        "is missing; row 1: a period figure needs a start and an end (or only a jyear); "
        "row 0, column 'kind': kind must be one "
        "of cumulative, period, target, level, got 'flow'; row 1, column 'id': empty id\n"
    )
    assert result.stdout == ""


def test_report_main_job(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    result = run("report", "--plot", str(chart))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == (
        "53 figures from the bundled ISIPO reports: 26 series-years, 21 findings "
        "(1 error, 4 warnings, 16 info)"
    )
    assert len(lines) <= 50  # the summary and the findings fit a screen
    revived_1400 = next(
        line for line in lines if line.startswith("Revived units") and " 1400 " in line
    )
    for cell in ("2,067 units", "2,000 units", "103.4 %", "over 18.9", "1 of 2, 11 interp."):
        assert cell in revived_1400
    assert "Findings\n[error] components_mismatch: s003-07" in out
    assert "[info] 16 more findings: components_mismatch 2, implied_rate 7," in out
    assert not re.search(r"\b(nan|inf|NaN|NaT|None)\b|\d\.0\b", out)
    assert "== " not in out  # the monthly detail only with --detail
    assert out.rstrip().endswith(f"chart of revived_units written to {chart}")
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_detail_has_every_finding_and_the_paths() -> None:
    result = run("report", "--detail")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[info] target_revised:" in out
    assert "== Revived units (revived_units, units, Iran), 1399 (2020/21): path ends on" in out
    assert "1399-07  2020-09-22..2020-10-21         819  about 114    819       819" in out
    assert "1399-08  2020-10-22..2020-11-20           -          -    819  no limit" in out
    # an interpolated count is whole, marked "about"; never "2.2 parks"
    assert "1400-01  2021-03-21..2021-04-20     about 2  about 2    0    26" in out


def test_report_quarters() -> None:
    result = run("report", "--freq", "Q", "--detail")
    assert result.returncode == 0
    assert "1400-Q4  2021-12-22..2022-03-20        2,067" in result.stdout


def test_report_html_is_written_where_asked(tmp_path: Path) -> None:
    page = tmp_path / "out" / "report.html"
    page.parent.mkdir()
    result = run("report", "--html", str(page))
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(f"report written to {page}")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("data:image/png;base64,") == 8  # metrics with a year-to-date figure
    assert not re.search(r"(src|href)=\"(?!data:)", text)  # nothing to fetch
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("missing/report.html", "the folder {tmp}/missing does not exist"),
        ("report.txt", "the name must end in .html"),
        (".", "it is a folder (name the file, e.g. report.html)"),
    ],
)
def test_a_page_path_that_cannot_be_written_is_one_line_exit_2_before_output(
    tmp_path: Path, html: str, reason: str
) -> None:
    target = tmp_path / html if html != "." else tmp_path
    result = run("report", "--html", str(target))
    assert (result.returncode, result.stdout) == (2, "")
    expected = reason.format(tmp=tmp_path)
    assert result.stderr == f"isipo-stats report: cannot write the report to {target}: {expected}\n"


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, "isipo-stats 0.1.0\n")


def test_template_reads_back_as_a_valid_table(tmp_path: Path) -> None:
    result = run("template")
    assert result.returncode == 0
    path = tmp_path / "figures.csv"
    path.write_text(result.stdout)
    table = read_figures(path)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["id"], row["metric"], row["kind"], row["value"], row["unit"]) == (
        "r1", "revived_units", "cumulative", 819.0, "units",
    )  # fmt: skip
    assert row["end"] == pd.Timestamp("2020-10-21")  # 30 Mehr 1399
    assert list(table.columns[:4]) == ["id", "metric", "region", "kind"]
    assert run("check", str(path)).returncode == 0


def test_template_help_documents_every_column() -> None:
    out = run("template", "--help").stdout
    for column in ("id", "metric", "kind", "jyear", "stated", "qualifier", "part_of"):
        assert f"\n  {column} " in out


def test_a_missing_column_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "no_unit.csv"
    rows = [{"id": f"r{i}", "metric": "revived_units", "kind": "period", "jyear": 1400,
             "value": 5} for i in range(40)]  # fmt: skip
    pd.DataFrame(rows).to_csv(path, index=False)
    result = run("check", str(path))
    assert result.returncode == 2
    assert result.stderr == (
        f"isipo-stats check: {path}: 1 problem in the figure table: column 'unit': column "
        "is missing; rows 0, 1, 2, 3, 4 and 35 more: no unit given and none stated\n"
    )


def test_a_bad_freq_is_a_value_error() -> None:
    from isipo_stats import reconcile

    with pytest.raises(ValueError, match="freq must be one of M, Q, H, Y, got 'D'") as info:
        reconcile(load_isipo_reports(), freq="D")  # type: ignore[arg-type]
    assert not isinstance(info.value, TypeError)


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
    assert out.startswith(
        f"1 figure from {path}: 1 series-year, 0 findings (0 errors, 0 warnings, 0 info)\n"
    )
    assert "1 of 1, 11 interp." in out


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


# --- the README -------------------------------------------------------------------------------

README = Path(__file__).parent.parent / "README.md"


# dask's read_parquet passes inplace=True to pandas, which pandas 3.1 deprecates
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame")
@pytest.mark.filterwarnings("ignore:An error occurred while calling the read_parquet")
def test_readme_dask_snippet_runs_as_written() -> None:
    pytest.importorskip("dask.dataframe")
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Scale-out with Dask") :]
    start = section.index("```python\n") + len("```python\n")
    code = section[start : section.index("```\n", start)]
    assert "calculate_divisions=True" in code
    exec(compile(code, "README.md (Dask)", "exec"), {})


def test_readme_lists_every_example() -> None:
    text = README.read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `(\d\d_\w+\.py)` — ", text, flags=re.MULTILINE))
    present = {p.name for p in (README.parent / "examples").glob("*.py")}
    assert present <= listed
    assert listed - present <= {"05_real_reports.py"}  # added by the real-reports branch


def test_readme_main_job_writes_only_where_it_is_told(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    command = next(line for line in text.splitlines() if "isipo-stats report --html" in line)
    assert 'out="$(mktemp -d)"' in command
    assert '--html "$out/report.html" --plot "$out"' in command
    result = subprocess.run(
        [sys.executable, "-m", "isipo_stats.cli", "report", "--html",
         str(tmp_path / "report.html"), "--plot", str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=tmp_path.parent,
        env={**os.environ, "PYTHONPATH": str(README.parent)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "revived_units.png"]


def test_extract_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # an article with its publication date in its first line goes to rows, and the rows
    # are a figure table that `check` reads
    article = tmp_path / "article.txt"
    article.write_text(
        "published: 2023-11-25\n"
        "Some 1,240 idle units were revived since the beginning of the current Iranian "
        "year, creating over 18,500 jobs.\n",
        encoding="utf-8",
    )
    rows = tmp_path / "rows.csv"
    assert main(["extract", str(article), "-o", str(rows)]) == 0
    table = pd.read_csv(rows)
    assert table["metric"].tolist() == ["revived_units", "jobs_created"]
    assert table["value"].tolist() == [1240.0, 18500.0]
    assert table["qualifier"].tolist() == ["approx", "lower"]
    assert table["start"].tolist() == ["2023-03-21", "2023-03-21"]  # Nowruz 1402
    assert table["end"].tolist() == ["2023-11-25", "2023-11-25"]
    capsys.readouterr()
    assert main(["check", str(rows)]) == 0
    assert capsys.readouterr().out.startswith("0 findings")
