"""The `wres` command: indicators.csv on stdout, problems on stderr with exit status 2."""

from __future__ import annotations

import csv
import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest

from wres_helpers import cli

CONTRACT_COLUMNS = [
    "indicator", "measure", "breakdown", "group", "numerator", "denominator", "value",
    "ci_low", "ci_high",
]  # fmt: skip

# From tests/HAND-WORKED.md: (indicator, breakdown) -> (RL, ci_low, ci_high)
HAND_WORKED_RLS = {
    ("2", "All"): (2.0, 0.480116, 8.331325),
    ("3", "Reporting year"): (4.0, 0.639490, 25.019932),
    ("3", "Two-year rolling"): (2.888889, 0.520301, 16.040110),
    ("4", "All"): (1.25, 0.550588, 2.837874),
}


def parse(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def check_indicators_csv(text: str) -> None:
    header, rows = parse(text)
    assert header[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert {r["org"] for r in rows} == {"TINY"} and {r["year"] for r in rows} == {"2019"}
    rls = {
        (r["indicator"], r["breakdown"]): r for r in rows if r["measure"] == "relative_likelihood"
    }
    assert set(rls) == {*HAND_WORKED_RLS, ("2", "Excluding international recruits")}
    # Each of the four rests on a hidden count (HAND-WORKED.md), so none is exact: indicator
    # 2's is the range its hidden BME count (1 to 7 of 20) allows, the rest have no BME base.
    for key in HAND_WORKED_RLS:
        row = rls[key]
        assert row["value"] == row["ci_low"] == row["ci_high"] == "", key
        assert row["group"] == "" and row["numerator"] == "" and row["suppression"], key
    ranged = rls[("2", "All")]
    assert (ranged["range_low"], ranged["range_high"]) == ("0.57", "4")
    assert ranged["interpretation"] == (
        "White applicants between 0.57 and 4.00 times as likely to be appointed from "
        "shortlisting as BME applicants"
    )
    assert rls[("4", "All")]["range_low"] == "" and rls[("4", "All")]["small_numbers"] == ""
    undefined = rls[("2", "Excluding international recruits")]
    assert undefined["value"] == "" and undefined["ci_low"] == ""
    assert undefined["note"] == "undefined: no BME applicants were appointed"
    # Published, not raw: the BME survey group of 8 respondents is blanked.
    survey = [r for r in rows if r["indicator"] == "5" and r["group"] == "BME"]
    assert len(survey) == 1 and survey[0]["value"] == ""
    assert survey[0]["suppression"] == "fewer than 11 respondents"


def test_indicators_prints_the_published_csv(tiny, capsys):
    assert cli.main(["indicators", str(tiny)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    check_indicators_csv(out)


def test_indicators_unsuppressed_shows_every_figure(tiny, capsys):
    assert cli.main(["indicators", str(tiny), "--unsuppressed"]) == 0
    _, rows = parse(capsys.readouterr().out)
    survey = next(r for r in rows if r["indicator"] == "5" and r["group"] == "BME")
    assert float(survey["value"]) == pytest.approx(37.5)
    assert all(r["suppression"] == "" for r in rows)
    rls = {
        (r["indicator"], r["breakdown"]): r for r in rows if r["measure"] == "relative_likelihood"
    }
    for key, (value, low, high) in HAND_WORKED_RLS.items():
        row = rls[key]
        got = (float(row["value"]), float(row["ci_low"]), float(row["ci_high"]))
        assert got == pytest.approx((value, low, high), rel=1e-5), key
    assert rls[("2", "All")]["interpretation"] == (
        "White applicants 2.00 times as likely to be appointed from shortlisting as BME applicants"
    )
    assert rls[("4", "All")]["non_adverse"] == "inside"
    assert rls[("4", "All")]["small_numbers"] == "yes"


@pytest.mark.slow
def test_indicators_through_the_installed_command(tiny):
    done = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "indicators", str(tiny)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    check_indicators_csv(done.stdout)


BROKEN_WORKFORCE = (
    "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"
    "S1,A,Clinical,5,yes\n"
    "S2,XX,Clinical,5,yes\n"
    "S3,NK,Clinical,5,yes\n"
)


def test_a_broken_folder_exits_2_with_the_problems_on_stderr(tiny, capsys):
    (tiny / "workforce.csv").write_text(BROKEN_WORKFORCE, encoding="utf-8")
    assert cli.main(["indicators", str(tiny)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[0] == "2 problems in the input files:"
    assert "workforce.csv, row 3, column 'ethnic_category': found 'XX'" in lines[1]
    # NK (local shorthand for "not known") is refused by row, never read as N, Black African.
    assert "workforce.csv, row 4, column 'ethnic_category': found 'NK'" in lines[2]
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_broken_folder_through_the_installed_command(tiny):
    (tiny / "workforce.csv").write_text(BROKEN_WORKFORCE, encoding="utf-8")
    wres = Path(sys.executable).parent / "wres"
    command = [str(wres)] if wres.exists() else [sys.executable, "-m", "wres_helpers"]
    done = subprocess.run(
        [*command, "indicators", str(tiny)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("2 problems in the input files:\n")
    assert "found 'XX'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["no-such-org/2019", "TINY/not-a-year"])
def test_a_folder_that_is_not_an_org_year_exits_2(tmp_path, capsys, name):
    (tmp_path / "TINY" / "not-a-year").mkdir(parents=True)
    assert cli.main(["indicators", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("1 problem in the input files:")
    assert "Traceback" not in err


def test_validate_reports_the_tables_found(tiny, capsys):
    assert cli.main(["validate", str(tiny)]) == 0
    out = capsys.readouterr().out
    assert "no problems found" in out
    assert "workforce (55 rows)" in out and "recruitment (75 rows)" in out


def test_as_the_program_the_collector_passes_over_everything_rarely_and_not_at_the_end(
    tiny, monkeypatch, capsys
):
    """Run as the program (no argv: the command line's), `wres` is a short process; called
    with its arguments (by a test, a notebook, another tool), it leaves the collector alone."""
    before = gc.get_threshold()
    assert cli.main(["validate", str(tiny)]) == 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    monkeypatch.setattr(sys, "argv", ["wres", "validate", str(tiny)])
    try:
        assert cli.main() == 0
        assert "no problems found" in capsys.readouterr().out
        assert gc.get_threshold() == (*before[:2], 100)
        assert gc.get_freeze_count() > 0  # what lives at the end is left to the system
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


@pytest.mark.slow
def test_output_into_a_closed_pipe_stops_without_a_traceback(tmp_path):
    """`wres new … | true`: the reader is gone before the first line; the files are written
    and the command ends quietly, not with a BrokenPipeError traceback."""
    command = [sys.executable, "-m", "wres_helpers", "new", "PIPED", "2019"]
    shell = " ".join(command) + f" --params-root {tmp_path} | true"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert (tmp_path / "PIPED" / "2019" / "wdes" / "action-plan.csv").exists()
