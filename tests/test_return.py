"""`wres return ORG YEAR`: the unsuppressed counts for NHS England's data collection, marked
"not for publication" in its name and on every row, never in the published folder. Its
counts are those worked by hand for the TINY organisation in tests/HAND-WORKED.md,
including one the published figures hide (indicator 5, BME: 3 of 8 respondents)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import make_tiny

from wres_helpers import cli
from wres_helpers.compute.table import NOT_FOR_PUBLICATION
from wres_helpers.inputs import scaffold
from wres_helpers.sections.report import ReportData

NAME = "TINY-2019-WRES-return-NOT-FOR-PUBLICATION.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    make_tiny(tmp_path / "data")
    scaffold.new("TINY", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="T")
    return tmp_path


def run(project: Path, *extra: str) -> int:
    return cli.main(
        ["return", "TINY", "2019", "--params-root", str(project / "params")]
        + ["--output-root", str(project / "output"), *extra]
    )


def test_the_return_holds_the_hand_worked_unsuppressed_counts(project, capsys):
    assert run(project, "--out", str(project / "returns")) == 0
    path = project / "returns" / NAME
    assert f"{path}\n{NOT_FOR_PUBLICATION}" in capsys.readouterr().out
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert set(rows["status"]) == {NOT_FOR_PUBLICATION}
    assert "NOT FOR PUBLICATION" in NOT_FOR_PUBLICATION
    assert set(rows["year_label"]) == {"Reporting year 2019", "Previous year 2018"}

    def counts(indicator, breakdown, group, year="2019", measure="percent"):
        picked = rows[
            (rows["indicator"] == str(indicator))
            & (rows["breakdown"] == breakdown)
            & (rows["group"] == group)
            & (rows["year"] == year)
            & (rows["measure"] == measure)
        ]
        assert len(picked) == 1, (indicator, breakdown, group, year)
        r = picked.iloc[0]
        return (r["numerator"], r["denominator"], r["value"])

    # HAND-WORKED.md, figure by figure
    assert counts(1, "Overall workforce", "White", measure="headcount")[2] == "40"
    assert counts(1, "Overall workforce", "BME", measure="headcount")[2] == "10"
    assert counts(1, "Overall workforce", "Unknown", measure="headcount")[2] == "5"
    assert counts(1, "Non-clinical: 3", "Unknown")[:2] == ("1", "11")
    assert counts(1, "Overall workforce", "BME", year="2018")[:2] == ("8", "52")
    assert counts(2, "All", "White")[:2] == ("10", "50")
    assert counts(2, "All", "BME")[:2] == ("2", "20")
    assert counts(2, "Excluding international recruits", "BME")[:2] == ("0", "10")
    assert counts(3, "Reporting year", "BME")[:2] == ("2", "10")
    assert counts(3, "Reporting year", "White")[:2] == ("2", "40")
    assert counts(3, "Two-year rolling", "BME")[:2] == ("2", "18")
    assert counts(3, "Two-year rolling", "White")[:2] == ("3", "78")
    assert counts(4, "All", "White")[:2] == ("20", "40")
    assert counts(4, "All", "BME")[:2] == ("4", "10")
    assert counts(5, "All", "BME") == ("3", "8", "37.5")  # hidden in the report
    assert counts(7, "All", "BME")[:2] == ("6", "12")
    assert counts(9, "Board (voting)", "BME")[:2] == ("1", "9")
    assert counts(3, "Reporting year", "", measure="relative_likelihood")[2] == "4"

    # The same figure is hidden in what is published.
    report = ReportData.build("TINY", 2019, project / "params")
    shown = report.table
    hidden = shown[(shown["indicator"] == 5) & (shown["group"] == "BME") & (shown["year"] == 2019)]
    assert hidden["suppression"].str.startswith("fewer than 11 respondents").all()
    assert hidden["numerator"].isna().all()


def test_by_default_it_goes_to_returns_never_to_output(project, monkeypatch):
    monkeypatch.chdir(project)
    assert run(project) == 0
    assert (project / "returns" / "TINY" / "2019" / NAME).is_file()
    assert not (project / "output").exists()


@pytest.mark.parametrize("inside", ["output", "output/TINY/2019", "output/national"])
def test_a_destination_in_the_published_reports_is_refused(project, inside, capsys):
    assert run(project, "--out", str(project / inside)) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "a folder outside" in err and "unsuppressed counts" in err
    assert not (project / "output").exists()
