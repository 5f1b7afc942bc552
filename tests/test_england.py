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
from wres_helpers.report import ReportData
from wres_helpers.standards import WDES, WRES, england
from wres_helpers.standards.registry import Standard

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent.parent / "shared" / "wres" / "national-figures.csv"


def test_the_2019_figures_read_as_the_report_prints_them():
    assert england.figure(WRES, 2019, 2).text == "England, 2019: 1.46"
    assert england.figure(WRES, 2019, 3).text == "England, 2019: 1.22"
    assert england.figure(WRES, 2019, 4).text == "England, 2019: 1.15"
    assert england.figure(WRES, 2019, 1) is None  # no BME share confirmed for 2019
    assert england.figure(WRES, 2018, 1).text == "England, 2018: 19.1%"
    assert england.figure(WRES, 2017, 2).text == "England, 2017: 1.60"  # "1.6" in the file
    assert england.figure(WRES, 2015, 2) is None
    assert england.sentence(WRES, 2015, 2) == ""
    assert england.sentence(WRES, 2018, 3) == (
        "England, 2018: 1.24 (BME staff vs White staff, entering the formal disciplinary "
        "process); 23.8% share of trusts with indicator 3 inside 0.80-1.25."
    )


def test_every_figure_has_a_source_with_an_address():
    for figure in england.figures(WRES):
        assert figure.sources, figure
        assert any("https://" in s for s in figure.sources), figure
        assert not any("(as above)" in s for s in figure.sources), figure


@pytest.mark.skipif(not SHARED.exists(), reason="the shared folder is not beside the checkout")
def test_the_shipped_file_is_the_shared_one_with_every_citation_written_out():
    with SHARED.open(encoding="utf-8", newline="") as f:
        shared = list(csv.DictReader(f))
    shipped = {(f.year, f.indicator, f.measure, f.value) for f in england.figures(WRES)}
    # every shared figure is shipped; the shipped file adds the staff survey indicators
    assert {(int(r["year"]), r["indicator"], r["measure"], float(r["value"])) for r in shared} <= (
        shipped
    )


def test_every_survey_figure_names_its_survey_and_is_matched_to_it():
    """Issue 22: England's survey figure is the one of the survey the trust's figures come
    from. NHS England's WRES report for 2019 used the 2019 survey (29.8% harassed by the
    public); a trust's 2019 report uses the 2018 survey, for which none is shipped."""
    survey_ids = {"5", "6", "7", "8", "4a_i", "4a_ii", "4a_iii", "4b", "9a"}
    for standard in (WRES, WDES):
        for f in england.figures(standard):
            assert (f.survey_year is not None) == (f.indicator in survey_ids), f
    assert england.figure(WRES, 2019, "5").text == "England, 2019 staff survey: 29.8%"
    assert england.figure(WRES, 2019, "5", survey_year=2019).value == 29.8
    assert england.figure(WRES, 2019, "5", survey_year=2018) is None
    assert england.figure(WRES, 2020, "5", survey_year=2019).value == 29.8  # by survey
    assert england.figure(WRES, 2019, "2", survey_year=2018).value == 1.46  # not a survey row
    assert england.figure(WRES, 2022, "5", survey_year=2021).value == 28.9
    # The WDES report for a year uses the survey of the autumn before.
    assert england.figure(WDES, 2022, "4a_iii", survey_year=2021).value == 25.0
    assert england.figure(WDES, 2022, "4a_iii", survey_year=2022) is None
    assert england.sentence(WRES, 2019, "7", survey_year=2016) == (
        "England, 2016 staff survey: 73.4% (BME staff believing the trust provides equal "
        "opportunities for career progression or promotion)."
    )


def test_adding_a_year_is_adding_a_row(tmp_path):
    path = tmp_path / "figures.csv"
    text = england.file(WRES).read_text(encoding="utf-8")
    path.write_text(
        text + '2024,2,relative_likelihood,1.5,"White vs BME appointed","A source, https://x"\r\n',
        encoding="utf-8",
    )
    assert england.figure(WRES, 2024, 2, path).text == "England, 2024: 1.50"
    assert england.sources(WRES, 2024, path) == ["A source, https://x"]
    assert england.figure(WRES, 2024, 2) is None  # the packaged file is untouched


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


def _report(tmp_path: Path, year: int, standard: Standard) -> ReportData:
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
    report = _report(tmp_path, 2019, WRES)
    shown = {name: _display(section, report) for name, section in SECTIONS}
    assert (
        "England, 2019, for comparison: indicator 2 (appointment from shortlisting) 1.46; "
        "indicator 3 (entry into the formal disciplinary process) 1.22; indicator 4 "
        "(non-mandatory training and CPD) 1.15." in shown["summary"]
    )
    assert (
        "National figure: England, 2019: 1.46 (White applicants vs BME applicants, appointed"
        in (shown["2"])
    )
    assert "National figure: England, 2019: 1.22 (BME staff vs White staff" in shown["3"]
    assert "National figure: England, 2019: 1.15 (White staff vs BME staff" in shown["4"]
    for name in ("1", "9"):  # no England figure found for 2019: said in words
        assert "England, 2019" not in shown[name], name
        assert (
            "National figure: None found: no England figure for 2019 was found in NHS "
            "England's reports." in shown[name]
        ), name
    for name in ("5", "6", "7", "8"):  # the trust's 2018 survey: England's 2018 not shipped
        assert "England, 2019" not in shown[name], name
        assert (
            "None found: no England figure for the 2018 staff survey was found" in (shown[name])
        ), name
    assert (
        "England's figures (indicator 2 1.46, indicator 3 1.22, indicator 4 1.15)"
        in (shown["method"])
    )
    assert (
        "Ethnicity facts and figures, 'NHS workforce appointments from shortlisting'"
        in (shown["method"])
    )


@pytest.mark.slow
def test_a_year_without_england_figures_says_so_in_words(tmp_path):
    assert england.for_year(WRES, 2024, survey_year=2023) == []
    report = _report(tmp_path, 2024, WRES)
    for name, section in SECTIONS:
        shown = _display(section, report)
        for phrase in ("England, 2024", "England's figures"):
            assert phrase not in shown, name
        if name not in ("summary", "method"):
            assert "National figure: None found: no England figure for" in shown, name


# --- the WDES: its own file, read by the same code -------------------------------------------

WDES_SECTIONS = [
    ("summary", sections.executive_summary),
    *((i, lambda r, i=i: sections.indicator(r, i)) for i in WDES.ids),
    ("method", sections.method),
]


def test_the_wdes_figures_read_as_the_guide_gives_them():
    assert england.file(WDES).name == "wdes-national-figures.csv"
    assert england.figure(WDES, 2019, "2").text == "England, 2019: 1.18"
    assert england.figure(WDES, 2019, "3") is None  # metric 3 was voluntary in 2019
    assert england.figure(WDES, 2021, "3").text == "England, 2021: 1.94"
    assert england.figure(WDES, 2023, "2").text == "England, 2023: 0.99"
    assert england.figure(WDES, 2022, "1").text == "England, 2022: 4.2%"
    assert england.figure(WDES, 2022, "4a_iii").text == "England, 2021 staff survey: 25.0%"
    assert england.figure(WDES, 2021, "9a") is None  # two scores, no published difference
    assert england.sentence(WDES, 2019, "9b") == "England, 2019: 85.0% of trusts answered yes."
    assert england.sentence(WDES, 2021, "9a") == (
        "England, 2020 staff survey: 6.68 for Disabled staff (staff engagement score, 0 to 10); "
        "7.15 for non-disabled staff."
    )
    assert england.sentence(WDES, 2022, "6") == (
        "England, 2021 staff survey: 30.0% (Disabled staff who felt pressure from their "
        "manager to come to work when not well enough); 22.0% for non-disabled staff."
    )
    assert england.for_year(WDES, 2018) == [] and england.sentence(WDES, 2018, "2") == ""
    for figure in england.figures(WDES):
        assert figure.indicator in WDES.ids, figure
        assert any("https://" in s for s in figure.sources), figure
    # Neither standard's figures leak into the other's report.
    assert england.figure(WRES, 2019, "2").value == 1.46


@pytest.mark.slow
def test_the_2019_wdes_report_shows_england_where_a_figure_exists(tmp_path):
    report = _report(tmp_path, 2019, WDES)
    shown = {name: _display(section, report) for name, section in WDES_SECTIONS}
    assert (
        "England, 2019, for comparison: metric 2 (appointment from shortlisting) 1.18; metric 9b "
        "(action so that the voices of Disabled staff are heard) 85.0% of trusts answered yes."
        in shown["summary"]
    )
    assert (
        "National figure: England, 2019: 1.18 (non-disabled applicants vs Disabled applicants, "
        "appointed from shortlisting)." in shown["2"]
    )
    assert "National figure: England, 2019: 85.0% of trusts answered yes." in shown["9b"]
    for name in set(WDES.ids) - {"2", "9b"}:
        assert "England, 2019" not in shown[name], name
        assert "National figure: None found" in shown[name], name
    assert "England's figures (metric 2 1.18, metric 9b 85.0%)" in shown["method"]
    assert "wdes-national-figures.csv" in shown["method"]
    assert "'Record numbers of disabled staff on NHS boards', September 2023" in shown["method"]
    assert "Metric 3 was voluntary in 2019" in shown["method"]
    # No WRES figure and no Model Employer section in the WDES report.
    assert not any("1.46" in text or "Model Employer" in text for text in shown.values())
    assert _display(sections.model_employer, report) == ""


@pytest.mark.slow
def test_a_wdes_year_without_figures_says_so_in_words(tmp_path):
    report = _report(tmp_path, 2018, WDES)
    for name, section in WDES_SECTIONS:
        shown = _display(section, report)
        for phrase in ("England, 2018", "England's figures"):
            assert phrase not in shown, name
        if name not in ("summary", "method"):
            assert "National figure: None found" in shown, name


HOSTILE = '<script>alert(1)</script> [x](javascript:alert(2)) *bold* #panic("typst")'


@pytest.mark.slow
def test_a_hostile_string_in_the_figures_file_is_text_on_the_page(tmp_path, monkeypatch):
    with (tmp_path / "wdes-national-figures.csv").open("w", encoding="utf-8", newline="") as f:
        rows = csv.writer(f)
        rows.writerow(["year", "indicator", "measure", "value", "what", "sources", "notes"])
        rows.writerow([2019, "2", "relative_likelihood", 1.5, HOSTILE, f"{HOSTILE} https://x", ""])
        rows.writerow([2019, "9b", "percent_of_trusts_yes", 85, HOSTILE, "https://y", HOSTILE])
    monkeypatch.setattr(england, "DATA", tmp_path)
    report = _report(tmp_path / "project", 2019, WDES)
    for section in (
        sections.executive_summary,
        lambda r: sections.indicator(r, "2"),
        lambda r: sections.indicator(r, "9b"),
        sections.method,
    ):
        soup = BeautifulSoup(_html(section, report), "html.parser")
        assert not soup.find_all("script")
        assert not soup.find_all("a", href=re.compile("javascript"))
        assert not [e for e in soup.find_all("em") if "bold" in e.get_text()]
        assert HOSTILE in re.sub(r"\s+", " ", soup.get_text(" "))
    typst = _typst(sections.method, report)
    assert '\\#panic("typst")' in typst and not re.search(r"(?<!\\)#panic", typst)


def _captured(section, report):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    with capture_output(display=True) as captured:
        section(report)
    return captured.outputs


def _html(section, report) -> str:
    return "\n".join(o.data.get("text/html") or "" for o in _captured(section, report))


def _typst(section, report) -> str:
    from wres_helpers.presentation.pdf import MIME

    return "\n".join(o.data.get(MIME) or "" for o in _captured(section, report))
