"""England's figures: shipped with their sources, shown for the reporting year where one was
published, and nowhere for a year without one."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from wres_helpers import sections
from wres_helpers.sections.report import ReportData
from wres_helpers.standards import WRES, national

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent.parent / "shared" / "wres" / "national-figures.csv"


def test_the_2019_figures_read_as_the_report_prints_them():
    assert national.england(WRES, 2019, 2).text == "England, 2019: 1.46"
    assert national.england(WRES, 2019, 3).text == "England, 2019: 1.22"
    assert national.england(WRES, 2019, 4).text == "England, 2019: 1.15"
    assert national.england(WRES, 2019, 1) is None  # no BME share confirmed for 2019
    assert national.england(WRES, 2018, 1).text == "England, 2018: 19.1%"
    assert national.england(WRES, 2017, 2).text == "England, 2017: 1.60"  # "1.6" in the file
    assert national.england(WRES, 2015, 2) is None
    assert national.sentence(WRES, 2015, 2) == ""
    assert national.sentence(WRES, 2018, 3) == (
        "England, 2018: 1.24 (BME staff vs White staff, entering the formal disciplinary "
        "process); 23.8% share of trusts with indicator 3 inside 0.80-1.25."
    )


def test_every_figure_has_a_source_with_an_address():
    for figure in national.figures(WRES):
        assert figure.sources, figure
        assert any("https://" in s for s in figure.sources), figure
        assert not any("(as above)" in s for s in figure.sources), figure


@pytest.mark.skipif(not SHARED.exists(), reason="the shared folder is not beside the checkout")
def test_the_shipped_file_is_the_shared_one_with_every_citation_written_out():
    with SHARED.open(encoding="utf-8", newline="") as f:
        shared = list(csv.DictReader(f))
    shipped = national.figures(WRES)
    assert [(f.year, f.indicator, f.measure, f.value) for f in shipped] == [
        (int(r["year"]), r["indicator"], r["measure"], float(r["value"])) for r in shared
    ]


def test_adding_a_year_is_adding_a_row(tmp_path):
    path = tmp_path / "figures.csv"
    text = national.file(WRES).read_text(encoding="utf-8")
    path.write_text(
        text + '2024,2,relative_likelihood,1.5,"White vs BME appointed","A source, https://x"\r\n',
        encoding="utf-8",
    )
    assert national.england(WRES, 2024, 2, path).text == "England, 2024: 1.50"
    assert national.sources(WRES, 2024, path) == ["A source, https://x"]
    assert national.england(WRES, 2024, 2) is None  # the packaged file is untouched


# --- in the report's sections ---------------------------------------------------------------


def _display(section, *args) -> str:
    """What a section displays, as text (captured as the notebook would)."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    with capture_output(display=True) as captured:
        section(*args)
    html = "\n".join(
        o.data.get("text/html") or o.data.get("text/markdown") or "" for o in captured.outputs
    )
    text = re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))
    return re.sub(r" ([:;,.)])", r"\1", text)  # "</strong>:" is not " :"


SECTIONS = [
    ("summary", sections.executive_summary),
    *((i, lambda r, i=i: sections.indicator(r, i)) for i in WRES.ids),
    ("method", sections.method),
]


def _report(tmp_path: Path, year: int, standard: str = "wres") -> ReportData:
    """ECCH's 2019 data and parameters, as the given year (comparators left out)."""
    data = tmp_path / "data" / "ECCH" / str(year)
    shutil.copytree(ROOT / "data" / "demo" / "ECCH" / "2019", data)
    params = tmp_path / "params" / "ECCH" / str(year)
    shutil.copytree(ROOT / "params" / "ECCH" / "2019", params)
    values = yaml.safe_load((params / "params.yaml").read_text(encoding="utf-8"))
    values.update(year=year, data_root=str(tmp_path / "data"), comparators=[])
    values["snapshot_date"] = values["snapshot_date"].replace(year=year)
    (params / "params.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    return ReportData.build("ECCH", year, tmp_path / "params", standard=standard)


@pytest.mark.slow
def test_the_2019_report_shows_england_in_the_summary_each_indicator_and_the_method(tmp_path):
    report = _report(tmp_path, 2019)
    shown = {name: _display(section, report) for name, section in SECTIONS}
    assert (
        "England, 2019, for comparison: indicator 2 (appointment from shortlisting) 1.46; "
        "indicator 3 (entry into the formal disciplinary process) 1.22; indicator 4 "
        "(non-mandatory training and cpd) 1.15." in shown["summary"]
    )
    assert (
        "National figure: England, 2019: 1.46 (White applicants vs BME applicants, appointed"
        in (shown["2"])
    )
    assert "National figure: England, 2019: 1.22 (BME staff vs White staff" in shown["3"]
    assert "National figure: England, 2019: 1.15 (White staff vs BME staff" in shown["4"]
    for name in ("1", "5", "6", "7", "8", "9"):  # no England figure for 2019
        assert "England, 2019" not in shown[name] and "National figure" not in shown[name], name
    assert (
        "England's figures (indicator 2 1.46, indicator 3 1.22, indicator 4 1.15)"
        in (shown["method"])
    )
    assert (
        "Ethnicity facts and figures, 'NHS workforce appointments from shortlisting'"
        in (shown["method"])
    )


@pytest.mark.slow
def test_a_year_without_england_figures_says_nothing_of_england(tmp_path):
    assert national.for_year(WRES, 2024) == []
    report = _report(tmp_path, 2024)
    for name, section in SECTIONS:
        shown = _display(section, report)
        for england in ("England, 2024", "England's figures", "National figure"):
            assert england not in shown, name
