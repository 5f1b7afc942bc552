"""`wres return ORG YEAR [--standard wdes]`: the unsuppressed counts for NHS England's data
collection, marked "not for publication" in its name and on every row, never in the
published folder, every row titled. Its counts are those worked by hand for the TINY and
TINYD organisations in tests/HAND-WORKED.md, including one the published figures hide
(indicator 5, BME: 3 of 8 respondents; WDES metric 2, Disabled: 1 appointment)."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_tiny, make_tiny_wdes
from wres_expected import TITLES

from wres_helpers import PACKAGE, cli
from wres_helpers.compute.table import return_csv
from wres_helpers.inputs import scaffold
from wres_helpers.report import ReportData
from wres_helpers.standards import WRES

NAME = "TINY-2019-WRES-return-NOT-FOR-PUBLICATION.csv"
NOT_FOR_PUBLICATION = (
    "NOT FOR PUBLICATION: unsuppressed counts for NHS England's WRES data collection"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    make_tiny(tmp_path / "data")
    scaffold.new("TINY", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="T")
    return tmp_path


def run(project: Path, *extra: str, org: str = "TINY") -> int:
    return cli.main(
        ["return", org, "2019", "--params-root", str(project / "params")]
        + ["--output-root", str(project / "output"), *extra]
    )


def picker(rows: pd.DataFrame):
    """The one row of an indicator, breakdown, group, year and measure, as text."""

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

    return counts


def test_the_return_holds_the_hand_worked_unsuppressed_counts(project, capsys):
    assert run(project, "--out", str(project / "returns")) == 0
    path = project / "returns" / NAME
    assert f"{path}\n{NOT_FOR_PUBLICATION}" in capsys.readouterr().out
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert set(rows["status"]) == {NOT_FOR_PUBLICATION}
    assert "NOT FOR PUBLICATION" in NOT_FOR_PUBLICATION
    assert set(rows["year_label"]) == {"Reporting year 2019", "Previous year 2018"}
    counts = picker(rows)

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
    report = ReportData.build("TINY", 2019, project / "params", standard=WRES)
    shown = report.table
    hidden = shown[
        (shown["org"] == "TINY")
        & (shown["indicator"] == "5")
        & (shown["group"] == "BME")
        & (shown["year"] == 2019)
    ]
    assert len(hidden) == 1
    assert hidden["suppression"].iloc[0].startswith("fewer than 11 respondents")
    assert pd.isna(hidden["numerator"].iloc[0])


def test_every_row_of_the_return_carries_its_indicators_title(project):
    """NHS England reads the return by title too; the titles are the technical guidance's,
    written out in tests/wres_expected.py (not read from the registry)."""
    assert run(project, "--out", str(project / "returns")) == 0
    rows = pd.read_csv(project / "returns" / NAME, dtype=str, keep_default_na=False)
    assert len(rows) == 98 and (rows["indicator_title"] != "").all()
    assert set(rows["indicator"]) == {"1", "2", "3", "4", "5", "7", "9"}  # TINY: no 6 or 8
    for indicator, title in TITLES.items():
        picked = rows[rows["indicator"] == str(indicator)]
        assert set(picked["indicator_title"]) <= {title}, indicator


def test_the_wdes_return_holds_the_hand_worked_counts_under_its_own_name(tmp_path, capsys):
    """`--standard wdes`: the WDES's return, named and marked as the WDES's, every row titled
    with its metric's title, the counts of HAND-WORKED.md's TINYD (the 1 Disabled appointment
    of metric 2 is hidden in the published figures)."""
    make_tiny_wdes(tmp_path / "data")
    scaffold.new("TINYD", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="D")
    out = tmp_path / "returns"
    assert run(tmp_path, "--out", str(out), "--standard", "wdes", org="TINYD") == 0
    path = out / "TINYD-2019-WDES-return-NOT-FOR-PUBLICATION.csv"
    assert sorted(p.name for p in out.iterdir()) == [path.name]
    status = "NOT FOR PUBLICATION: unsuppressed counts for NHS England's WDES data collection"
    assert f"{path}\n{status}" in capsys.readouterr().out
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert set(rows["status"]) == {status}
    assert (rows["indicator_title"] != "").all()
    titles = {
        "2": "Appointment from shortlisting",
        "3": "Entry into the formal capability process (performance)",
    }
    for metric, title in titles.items():
        assert set(rows.loc[rows["indicator"] == metric, "indicator_title"]) == {title}
    counts = picker(rows)
    assert counts(1, "Overall workforce", "Disabled", measure="headcount")[2] == "9"
    assert counts(1, "Overall workforce", "Non-disabled", measure="headcount")[2] == "80"
    assert counts(2, "All", "Non-disabled")[:2] == ("10", "50")
    assert counts(2, "All", "Disabled")[:2] == ("1", "10")  # hidden when published
    assert counts(3, "Reporting year", "Disabled")[:2] == ("2", "9")
    assert counts(3, "Reporting year", "Non-disabled")[:2] == ("4", "80")
    assert counts("4a_i", "All", "Disabled")[:2] == ("14", "40")
    assert counts(8, "All", "Disabled")[:2] == ("21", "30")
    # In report order, the reporting year first: metric 10 after metric 9b, not after 1.
    ids = list(dict.fromkeys(rows.loc[rows["year"] == "2019", "indicator"]))
    assert ids[:3] == ["1", "2", "3"] and ids[-3:] == ["9a", "9b", "10"]
    assert rows["year"].iloc[0] == "2019"


# ECCH 2019's bands and grades with staff in them, counted by hand from
# data/demo/ECCH/2019/workforce.csv (its codes read as the schema reads them: '8A' is 8a).
NON_CLINICAL = ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM"]
CLINICAL = ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d"]  # no band 1, 9 or VSM
MEDICAL = ["Consultant", "Non-consultant career grade", "Trainee grade", "Other"]
ECCH_2019_BANDS = [
    *(f"Non-clinical: {b}" for b in NON_CLINICAL),
    *(f"Clinical: {b}" for b in CLINICAL),
    *(f"Medical and dental: {g}" for g in MEDICAL),
    "Overall workforce",
]


def test_the_return_gives_indicator_1_by_band_and_leaves_its_clusters_out():
    """NHS England collects indicator 1 by band: the clusters computed beside the bands (their
    sums, which the report shows) are the report's own. ECCH 2019's return has each of its 27
    bands and grades and the whole workforce, each with its 6 rows (the headcount and share of
    White, BME and Unknown staff), and none of the 12 clusters its report computes."""
    with contextlib.chdir(PACKAGE.parent):
        report = ReportData.build("ECCH", 2019, PACKAGE.parent / "params", standard=WRES)
    clusters = {c.breakdown for c in WRES.indicator("1").cluster_rows}
    computed = report.computed
    mine = computed[(computed["org"] == "ECCH") & (computed["year"] == 2019)]
    assert len(clusters & set(mine.loc[mine["indicator"] == "1", "breakdown"])) == 12
    text = return_csv(computed, "ECCH", 2019, WRES)
    rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    one = rows[(rows["indicator"] == "1") & (rows["year"] == "2019")]
    assert len(ECCH_2019_BANDS) == 28
    assert one["breakdown"].value_counts().to_dict() == {b: 6 for b in ECCH_2019_BANDS}
    assert not set(rows["breakdown"]) & clusters  # the year before's too
    # every other indicator's rows are all there: a kind returns every row by default
    others = mine[mine["indicator"] != "1"]
    assert (rows.loc[rows["year"] == "2019", "indicator"] != "1").sum() == len(others)


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


@pytest.mark.parametrize("inside", ["", "sub/folder"])
def test_a_folder_published_from_another_output_root_is_refused(project, inside, capsys):
    # `batch --output-root elsewhere` published a report there: the return's own
    # --output-root (output/) knows nothing of it.
    published = project / "elsewhere" / "TINY" / "2019"
    published.mkdir(parents=True)
    (published / "inputs.sha256").write_text("0" * 64 + "  params/TINY/2019/params.yaml\n")
    (published / "indicators.csv").write_text("indicator\n")
    out = published / inside
    assert run(project, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "a folder that holds no published report" in err
    assert "indicators.csv, inputs.sha256" in err
    assert not list((project / "elsewhere").rglob("*return*"))


def test_a_planted_partial_link_is_not_written_through(project, capsys):
    victim = project / "published-page.html"
    victim.write_text("the published page\n")
    out = project / "returns"
    out.mkdir()
    (out / f".{NAME}.partial").symlink_to(victim)
    (out / NAME).symlink_to(project / "other.csv")  # a link where the return goes, too
    assert run(project, "--out", str(out)) == 0
    assert victim.read_text() == "the published page\n"
    assert not (project / "other.csv").exists()
    written = out / NAME
    assert written.is_file() and not written.is_symlink()
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    assert NOT_FOR_PUBLICATION in written.read_text()
    assert not os.path.lexists(out / f".{NAME}.partial")
