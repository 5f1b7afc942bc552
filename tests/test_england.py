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
from wres_helpers.kinds import SurveyMean, SurveyPercent
from wres_helpers.report import ReportData
from wres_helpers.standards import WDES, WRES, england
from wres_helpers.standards.registry import Standard

ROOT = Path(__file__).resolve().parent.parent
# The research notes sit beside the checkouts (/work/shared) or above them (/shared).
SHARED = (
    next(
        (
            p
            for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
            if (p / "wres" / "national-figures.csv").exists()
        ),
        ROOT.parent / "shared",
    )
    / "wres"
    / "national-figures.csv"
)


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


# --- every figure shipped, as its source gives it (issue 22, item 5) -----------------------

# Every (year, indicator) England has a figure for, with each figure typed from the words of
# its source (quoted in the row's `sources`), not from the package: the headline, or the
# context figure where England publishes no headline. A row added to a data file without a
# line here fails `test_every_year_and_indicator_shipped_is_pinned_to_its_source`.
WRES_FROM_SOURCES = {
    # year, indicator: (measure, value, words of a source that give it)
    (2016, "1"): ("percent", 17.7, "from 17.7% in 2016 when data collection started"),
    (2016, "2"): ("relative_likelihood", 1.57, "1.57 in 2016"),
    (2016, "3"): ("relative_likelihood", 1.56, "1.56 relative likelihood in 2016"),
    (2016, "4"): ("relative_likelihood", 1.11, "Table 1, operational WRES indicators"),
    (2016, "5"): ("percent", 29.1, "29.1% in 2016"),
    (2016, "6"): ("percent", 27.0, "from staff 27% to 29%"),
    (2016, "7"): ("percent", 73.4, "equal opportunities 73.4% to 69.9%"),
    (2016, "8"): ("percent", 14.0, "BME 14% to 15.3%"),
    (2016, "9"): ("percent_board_bme", 7.1, "'7.1% in 2016 and 15.6% in 2023'"),
    (2017, "1"): ("percent", 18.0, "'BME representation in the overall NHS workforce (18%)'"),
    (2017, "2"): ("relative_likelihood", 1.6, "'1.6 times more likely to be appointed'"),
    (2017, "3"): ("relative_likelihood", 1.37, "'1.37 times ... down slightly from 1.56"),
    (2017, "4"): ("relative_likelihood", 1.22, "Table 1, operational WRES indicators"),
    (2018, "1"): ("percent", 19.1, "(BME staff 17.4% in 2016 to 19.1% in 2018)"),
    (2018, "2"): ("relative_likelihood", 1.45, "Table 1, operational WRES indicators"),
    (2018, "3"): ("relative_likelihood", 1.24, "1.24 in 2018; 23.8% of trusts within 0.8-1.25"),
    (2018, "4"): ("relative_likelihood", 1.15, "Table 1, operational WRES indicators"),
    (2019, "2"): ("relative_likelihood", 1.46, "1.46 times as likely to be appointed"),
    (2019, "3"): ("relative_likelihood", 1.22, "Table 1, operational WRES indicators"),
    (2019, "4"): ("relative_likelihood", 1.15, "Table 1, operational WRES indicators"),
    (2019, "5"): ("percent", 29.8, "29.1% in 2016 to 29.8% in 2019"),
    (2019, "6"): ("percent", 29.0, "from colleagues BME 27% to 29%"),
    (2019, "7"): ("percent", 69.9, "equal opportunities BME 73.4% to 69.9%"),
    (2019, "8"): ("percent", 15.3, "BME 14% to 15.3%"),
    (2020, "2"): ("relative_likelihood", 1.61, "'peaking at 1.61 in 2020'"),
    (2020, "5"): ("percent", 30.3, "30.3% in 2020"),
    (2020, "8"): ("percent", 16.7, "'16.7 percent of BME staff had personally experienced"),
    (2021, "1"): ("percent", 22.4, "'As of 31st March 2021, 22.4 percent (309,532)'"),
    (2021, "2"): ("relative_likelihood", 1.61, "'1.61 times more likely to be appointed"),
    (2021, "3"): ("relative_likelihood", 1.14, "(1.14 in 2022, 'unchanged from 2021')"),
    (2021, "5"): ("percent", 28.9, "28.9% in 2021"),
    (2022, "1"): ("percent", 24.2, "representation within the workforce now at 24.2%"),
    (2022, "2"): ("relative_likelihood", 1.54, "'NHSE National Figure for 2022: 1.54%'"),
    (2022, "3"): ("relative_likelihood", 1.14, "(1.14 in 2022, 'unchanged from 2021')"),
    (2022, "5"): ("percent", 29.2, "29.2% in 2022"),
    (2022, "7"): ("percent", 44.4, "'Just 44.4 per cent of BME NHS staff believe"),
    (2023, "1"): ("percent", 26.4, "to 26.4% in 2023'"),
    (2023, "2"): ("relative_likelihood", 1.59, "'It was 1.57 in 2016 and 1.59 in 2023'"),
    (2023, "3"): ("relative_likelihood", 1.03, "'1.56 relative likelihood in 2016 to 1.03 in"),
    (2023, "9"): ("percent_board_bme", 15.6, "'7.1% in 2016 and 15.6% in 2023'"),
}
WDES_FROM_SOURCES = {
    (2019, "2"): ("relative_likelihood", 1.18, "'Record numbers of disabled staff on NHS"),
    (2019, "4a_iii"): ("percent", 26.4, "now at 25% down from 26.4% in 2018"),
    (2019, "9b"): ("percent_of_trusts_yes", 85.0, "NHS England's 2021 WDES report"),
    (2020, "1"): ("percent", 3.4, "'Disabled staff nearly twice as likely to face"),
    (2020, "3"): ("relative_likelihood", 1.53, "'Disabled staff nearly twice as likely to face"),
    (2021, "1"): ("percent", 3.7, "'Disabled staff nearly twice as likely to face"),
    (2021, "2"): ("relative_likelihood", 1.11, "NHS England's 2021 WDES report"),
    (2021, "3"): ("relative_likelihood", 1.94, "'Disabled staff nearly twice as likely to face"),
    (2021, "7"): ("percent", 39.4, "NHS England's 2021 WDES report"),
    (2021, "8"): ("percent", 76.6, "NHS England's 2021 WDES report"),
    (2021, "9a"): ("score_disabled", 6.68, "NHS England's 2021 WDES report"),
    (2021, "9b"): ("percent_of_trusts_yes", 97.2, "NHS England's 2021 WDES report"),
    (2021, "10"): ("percent_voting_board", 3.8, "'Record numbers of disabled staff on NHS"),
    (2022, "1"): ("percent", 4.2, "2023 report findings"),
    (2022, "2"): ("relative_likelihood", 1.08, "'Record numbers of disabled staff on NHS"),
    (2022, "3"): ("relative_likelihood", 2.01, "2023 report findings"),
    (2022, "4a_ii"): ("percent", 17.0, "down to 17% compared to 19.4% in 2017"),
    (2022, "4a_iii"): ("percent", 25.0, "'Record numbers of disabled staff on NHS"),
    (2022, "6"): ("percent", 30.0, "'Record numbers of disabled staff on NHS"),
    (2022, "8"): ("percent", 72.2, "2023 report findings"),
    (2022, "10"): ("percent_voting_board", 4.8, "'Record numbers of disabled staff on NHS"),
    (2023, "1"): ("percent", 4.9, "2023 report findings"),
    (2023, "2"): ("relative_likelihood", 0.99, "'Disabled staff now twice as likely to face"),
    (2023, "3"): ("relative_likelihood", 2.17, "2023 report findings"),
    (2023, "4a_ii"): ("percent", 16.4, "16.4 per cent of disabled staff said they had"),
    (2023, "8"): ("percent", 73.4, "2023 report findings"),
    (2024, "1"): ("percent", 5.7, "5.7% of the workforce declared a disability in ESR"),
    (2024, "4a_i"): ("percent", 30.0, "harassment by the public Disabled 30%, non-disabled 23%"),
    (2024, "5"): ("percent", 52.0, "equal opportunities Disabled 52%, non-disabled 58%"),
    (2024, "6"): ("percent", 27.0, "pressure to come to work Disabled 27%"),
    (2024, "8"): ("percent", 74.5, "adjustments 74.5%"),
}
SOURCED = [(WRES, WRES_FROM_SOURCES), (WDES, WDES_FROM_SOURCES)]


@pytest.mark.parametrize(("standard", "expected"), SOURCED, ids=["WRES", "WDES"])
def test_every_year_and_indicator_shipped_is_pinned_to_its_source(standard, expected):
    shipped = {(f.year, f.indicator) for f in england.figures(standard)}
    assert shipped == set(expected)
    for (year, indicator), (measure, value, words) in expected.items():
        [row] = [
            f
            for f in england.figures(standard)
            if (f.year, f.indicator, f.measure) == (year, indicator, measure)
        ]
        assert row.value == value, (year, indicator)
        assert any(words in source for source in row.sources), (year, indicator, words)


def _coverage_table(doc: str, term: str) -> dict[tuple[str, str], str]:
    """The cells of docs/england-figures.md's table whose first heading is `term`."""
    lines = [line for line in doc.splitlines() if line.startswith("|")]
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {term} |"))
    years = [c.strip() for c in lines[start].strip("|").split("|")][1:]
    cells = {}
    for line in lines[start + 2 :]:
        first, *rest = (c.strip() for c in line.strip("|").split("|"))
        if first.startswith(("indicator", "metric")) or len(rest) != len(years):
            break
        cells.update({(first, y): c for y, c in zip(years, rest, strict=True)})
    return cells


@pytest.mark.parametrize("standard", [WRES, WDES], ids=["WRES", "WDES"])
def test_the_coverage_tables_in_the_docs_are_the_files(standard):
    """docs/england-figures.md says which years and indicators England has: each cell is the
    headline figure shipped (a context figure in brackets, ✓ for NHS England's own text) or
    'none', and every figure shipped is in a cell."""
    doc = (ROOT / "docs" / "england-figures.md").read_text(encoding="utf-8")
    cells = _coverage_table(doc, standard.term)
    figures = england.figures(standard)
    assert {int(y) for _, y in cells} >= {f.year for f in figures}
    for (printed, year), cell in cells.items():
        [ind] = [i for i in standard.indicators if i.printed == printed]
        found = [f for f in figures if f.year == int(year) and f.indicator == ind.id]
        top = next((f for f in found if f.headline), found[0] if found else None)
        if top is None:
            assert cell == "none", (printed, year)
            continue
        shown = top.shown if top.headline else f"({top.shown})"
        assert cell == shown + ("" if top.secondary else " ✓"), (printed, year)


@pytest.mark.parametrize("standard", [WRES, WDES], ids=["WRES", "WDES"])
def test_every_row_of_the_data_files_names_its_source_and_its_kind(standard):
    """Read as the file is, not through the package: every England row has a source with an
    address, says whether it was read in NHS England's own text, and a survey figure says
    which staff survey it comes from."""
    surveys = set(standard.ids_of(SurveyPercent, SurveyMean))
    with england.file(standard).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        where = (row["year"], row["indicator"], row["measure"])
        assert row["sources"].strip() and "https://" in row["sources"], where
        assert row["what"].strip(), where
        assert row["source_type"] in ("nhs_england", "secondary"), where
        assert bool(row["survey_year"].strip()) == (row["indicator"] in surveys), where


def test_a_figure_read_in_nhs_englands_own_text_is_told_from_one_quoted_by_others():
    """WRES 2022's 24.2% is in NHS England's own report (its foreword); 2019's 1.46 only as the
    press and the government's Ethnicity facts and figures quote it. The method appendix
    names the second kind."""
    assert not england.figure(WRES, 2022, 1).secondary
    assert england.figure(WRES, 2019, 2).secondary
    assert not england.figure(WDES, 2022, 2).secondary  # NHS England's own release
    shown = england.for_year(WRES, 2022, survey_year=2021)
    assert england.secondary_note(WRES, shown) == (
        "Quoted by a secondary source (the press, a trade body or a trust reporting NHS "
        "England's report), not read in NHS England's own text: indicator 2 1.54, indicator 3 "
        "1.14, indicator 5 28.9%."
    )
    only_own = [f for f in shown if not f.secondary]
    assert england.secondary_note(WRES, only_own) == ""


def test_no_figure_is_said_in_words_for_both_standards():
    assert england.none_found(WRES, 2017, "9") == (
        "None found: no England figure for 2017 was found in NHS England's reports."
    )
    assert england.none_found(WRES, 2018, "5", survey_year=2017) == (
        "None found: no England figure for the 2017 staff survey was found in NHS England's "
        "reports."
    )
    assert england.none_found(WDES, 2020, "2", survey_year=2019) == (
        "None found: no England figure for 2020 was found in NHS England's reports."
    )
    # England has no 2017 figure for indicators 5 to 9 (2016's survey aside) nor for WDES 2020
    # metric 2: the table cell says so rather than stay blank.
    assert england.cell(WRES, 2017, "9") == "none found"
    assert england.cell(WRES, 2018, "5", survey_year=2017) == "none found"
    assert england.cell(WDES, 2020, "2", survey_year=2019) == "none found"
    assert england.cell(WRES, 2023, "9") == "15.6% of NHS trust board members were BME"


def test_englands_survey_figures_are_matched_to_the_survey_of_the_trusts_report():
    """Issue 22: a trust's report for a year reads the staff survey of the autumn before.
    NHS England's WRES report for a year uses that autumn's survey; its WDES report, the
    autumn before (the 2024 report 'using data from the 2023 NHS Staff Survey')."""
    # A trust's 2017 WRES report (2016 survey): NHS England's 2016 survey figures.
    assert england.sentence(WRES, 2017, "5", survey_year=2016) == (
        "England, 2016 staff survey: 29.1% (BME staff experiencing harassment, bullying or "
        "abuse from patients, relatives or the public); 28.1% for White staff."
    )
    assert england.figure(WRES, 2017, "8", survey_year=2016).value == 14.0
    # A trust's 2020 report (2019 survey) and 2021 report (2020 survey).
    assert england.figure(WRES, 2020, "8", survey_year=2019).value == 15.3
    assert england.figure(WRES, 2021, "8", survey_year=2020).value == 16.7
    assert england.figure(WRES, 2021, "8", survey_year=2021) is None
    # The WDES: NHS England's 2024 report and a trust's 2024 report both read the 2023 survey.
    assert england.figure(WDES, 2024, "5", survey_year=2023).value == 52.0
    assert england.figure(WDES, 2024, "5", survey_year=2024) is None
    assert england.figure(WDES, 2023, "4a_ii", survey_year=2022).value == 16.4
    # Workforce figures are the reporting year's, whatever the survey.
    assert england.figure(WDES, 2024, "1", survey_year=2023).value == 5.7
    assert england.figure(WRES, 2023, "3", survey_year=2022).value == 1.03


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
def test_a_2020_report_sets_englands_2019_survey_figures_beside_its_own(tmp_path):
    """ECCH's data as a 2020 report: its survey figures are the 2019 survey's, so England's
    from NHS England's 2019 report sit beside them (29.8% harassed by the public, 27.8% of
    White staff; 15.3% discriminated against), not 2020's (30.3%, 16.7%); the workforce
    figure is 2020's (1.61); indicators without a 2020 figure say so in words; the method
    names the figures quoted by a secondary source."""
    report = _report(tmp_path, 2020, WRES)
    assert report.survey_year(2020) == 2019
    shown = {name: _display(section, report) for name, section in SECTIONS}
    assert (
        "National figure: England, 2019 staff survey: 29.8% (BME staff experiencing "
        "harassment, bullying or abuse from patients, relatives or the public); 27.8% for "
        "White staff." in shown["5"]
    )
    assert "National figure: England, 2019 staff survey: 15.3% (BME staff" in shown["8"]
    assert "30.3%" not in shown["5"] and "16.7%" not in shown["8"]
    assert "National figure: England, 2020: 1.61 (White applicants" in shown["2"]
    for name in ("1", "3", "4", "9"):
        assert (
            "National figure: None found: no England figure for 2020 was found in NHS "
            "England's reports." in shown[name]
        ), name
    assert (
        "Quoted by a secondary source (the press, a trade body or a trust reporting NHS "
        "England's report), not read in NHS England's own text: indicator 2 1.61, indicator 5 "
        "29.8% and 27.8%, indicator 6 29.0%, indicator 7 69.9%, indicator 8 15.3%."
        in shown["method"]
    )
    assert (
        "Eastern Eye, 'NHS sees increasing harassment and abuse of BME staff'" in (shown["method"])
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
        "England, 2019, for comparison: metric 2 (appointment from shortlisting) 1.18; metric "
        "4a(iii) (harassment, bullying or abuse from other colleagues) 26.4%; metric 9b (action so "
        "that the voices of Disabled staff are heard) 85.0% of trusts answered yes."
        in shown["summary"]
    )
    assert (
        "National figure: England, 2019: 1.18 (non-disabled applicants vs Disabled applicants, "
        "appointed from shortlisting)." in shown["2"]
    )
    assert "National figure: England, 2019: 85.0% of trusts answered yes." in shown["9b"]
    # The trust's 2018 staff survey beside England's: NHS England's September 2023 release gives
    # harassment by colleagues 'now at 25% down from 26.4% in 2018'.
    assert (
        "National figure: England, 2018 staff survey: 26.4% (Disabled staff who experienced "
        "harassment, bullying or abuse from other colleagues)." in shown["4a_iii"]
    )
    for name in set(WDES.ids) - {"2", "9b", "4a_iii"}:
        assert "England, 2019" not in shown[name], name
        assert "National figure: None found" in shown[name], name
    assert (
        "England's figures (metric 2 1.18, metric 4a(iii) 26.4%, metric 9b 85.0%)"
        in (shown["method"])
    )
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


# --- NHS England's own text, and what could not be confirmed in it (issue 22, item 5) -------

# Every row read in NHS England's own text: the words of NHS England's page that give it, typed
# from the stored page (its first source). A row marked `nhs_england` without a line here fails.
NHS_ENGLAND_WORDS = {
    ("WRES", 2017, "1", "percent"): "This is up from 18% in 2017",
    ("WRES", 2021, "1", "percent"): "the equivalent of 22.4% of all NHS staff",
    ("WRES", 2022, "1", "percent"): "representation within the workforce now at 24.2%",
    ("WDES", 2019, "2", "relative_likelihood"): "improving from 1.18 in 2019 to 1.08 in 2022",
    ("WDES", 2019, "4a_iii", "percent"): "now at 25% down from 26.4% in 2018",
    ("WDES", 2021, "10", "percent_voting_board"): "on NHS boards – up from 3.8% in 2021",
    ("WDES", 2022, "2", "relative_likelihood"): "improving from 1.18 in 2019 to 1.08 in 2022",
    ("WDES", 2022, "4a_ii", "percent"): "down to 17% compared to 19.4% in 2017",
    ("WDES", 2022, "4a_iii", "percent"): "now at 25% down from 26.4% in 2018",
    ("WDES", 2022, "4a_iii", "percent_non_disabled"): "higher than non-disabled colleagues (16.4%)",
    ("WDES", 2022, "6", "percent"): "30% of disabled staff said they felt pressured",
    ("WDES", 2022, "6", "percent_non_disabled"): "This is compared with 22% of non-disabled staff",
    ("WDES", 2022, "10", "percent_voting_board"): "1 in 20 (4.8%) of voting members on NHS boards",
}


def _rows(standard: Standard) -> list[dict[str, str]]:
    with england.file(standard).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_figure_read_in_nhs_englands_text_names_its_page_on_england_nhs_uk_first():
    """A row marked as read in NHS England's own text puts that text first: NHS England's title,
    an england.nhs.uk address and the words that give the figure; the figure is in the words."""
    confirmed = {}
    for standard in (WRES, WDES):
        for row in _rows(standard):
            if row["source_type"] != "nhs_england":
                continue
            first = row["sources"].split(" | ")[0]
            key = (standard.code, int(row["year"]), row["indicator"], row["measure"])
            confirmed[key] = first
            assert first.startswith("NHS England, "), key
            [address] = re.findall(r"https://\S+", first)
            assert re.match(r"https://(www\.)?england\.nhs\.uk/", address), (key, address)
    assert set(confirmed) == set(NHS_ENGLAND_WORDS)
    for key, words in NHS_ENGLAND_WORDS.items():
        assert words in confirmed[key], key
    # the figure itself is in NHS England's words (1.18, '26.4%', '18%' ...)
    for standard in (WRES, WDES):
        for f in england.figures(standard):
            key = (standard.code, f.year, f.indicator, f.measure)
            if key in NHS_ENGLAND_WORDS:
                assert f"{f.value:g}" in NHS_ENGLAND_WORDS[key], key


def _unconfirmed_table(doc: str) -> list[tuple[str, int, str, str, float]]:
    lines = [line for line in doc.splitlines() if line.startswith("|")]
    start = next(i for i, line in enumerate(lines) if line.startswith("| standard | year |"))
    rows = []
    for line in lines[start + 2 :]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] not in ("WRES", "WDES"):
            break
        rows.append((cells[0], int(cells[1]), cells[2], cells[3], float(cells[4])))
    return rows


def test_every_figure_not_read_in_nhs_englands_text_is_in_the_table_of_what_was_not_confirmed():
    """docs/england-figures.md lists every `secondary` row, with what was found of NHS England's
    own text, and nothing else: a row confirmed later leaves the table, a new secondary row
    enters it."""
    doc = (ROOT / "docs" / "england-figures.md").read_text(encoding="utf-8")
    listed = _unconfirmed_table(doc)
    assert len(listed) == len(set(listed))
    secondary = {
        (standard.code, int(r["year"]), r["indicator"], r["measure"], float(r["value"]))
        for standard in (WRES, WDES)
        for r in _rows(standard)
        if r["source_type"] == "secondary"
    }
    assert set(listed) == secondary
    assert len(secondary) == 40 + 29  # WRES 40 of 43 rows, WDES 29 of 39
