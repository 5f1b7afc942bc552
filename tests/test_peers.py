"""Comparators and past years known only by their published figures (issue 22).

HOME has only its own raw 2019 files (the hand-worked TINY organisation's); its 2018 and 2017
figures are its published indicators.csv, its 2016 figures typed into the template. RAWP is a
comparator with raw files (TINY's again); PUBA is known by its published indicators.csv,
TYPB by figures typed from its PDF. The expected figures are worked in tests/HAND-WORKED.md,
"Published comparators".
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import make_tiny, write_csv
from wres_helpers.compute import published as pub
from wres_helpers.errors import InputError
from wres_helpers.inputs import scaffold
from wres_helpers.inputs.settings import Settings
from wres_helpers.kinds import survey as survey_kind
from wres_helpers.report import ReportData
from wres_helpers.sections import peers
from wres_helpers.standards import WRES

CSV_HEADER = ["indicator", "measure", "breakdown", "group", "numerator", "denominator", "value"]
CSV_HEADER += ["ci_low", "ci_high", "suppression", "org", "year", "favours", "non_adverse"]
CSV_HEADER += ["small_numbers", "interpretation", "note", "range_low", "range_high", "synthetic"]


def csv_row(org, year, indicator, measure, breakdown, group, n, d, value, suppression=""):
    return [indicator, measure, breakdown, group, n, d, value, "", "", suppression, org, year]
    # (the remaining columns are written blank by `published_csv`)


def published_csv(path: Path, rows: list[list]) -> Path:
    full = [r + [""] * (len(CSV_HEADER) - len(r)) for r in rows]
    return write_csv(path, CSV_HEADER, full)


def puba_rows(org="PUBA", year=2019) -> list[list]:
    return [
        csv_row(org, year, "2", "relative_likelihood", "All", "", "", "", "1.46"),
        csv_row(org, year, "3", "relative_likelihood", "Two-year rolling", "", "", "", "", "x"),
        # 3 of 5: a count this report's own rule would hide; published, so shown as published
        csv_row(org, year, "7", "percent", "All", "BME", "3", "5", "60"),
        csv_row(org, year, "7", "percent", "All", "White", "40", "50", "80"),
        csv_row(org, year, "5", "percent", "All", "BME", "12", "40", "30"),
    ]


TEMPLATE = ["organisation", "name", "year", "indicator", "group", "value", "numerator"]
TEMPLATE += ["denominator", "source_url"]
URL = "https://www.example.org/typb-wres-2019.pdf"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    make_tiny(data, "HOME")
    shutil.rmtree(data / "HOME" / "2018")  # HOME has only its own 2019 raw files
    make_tiny(data, "RAWP")
    published_csv(
        data / "HOME" / "2018" / "indicators.csv",
        [
            csv_row("HOME", 2018, "2", "relative_likelihood", "All", "", "", "", "1.7"),
            csv_row("HOME", 2018, "7", "percent", "All", "BME", "9", "12", "75"),
            # HOME's 2017 as its 2018 report gave it: read only if 2017 has no file of its own
            csv_row("HOME", 2017, "2", "relative_likelihood", "All", "", "", "", "9.9"),
            csv_row("RAWP", 2018, "2", "relative_likelihood", "All", "", "", "", "9.9"),  # unused
        ],
    )
    published_csv(
        data / "HOME" / "2017" / "indicators.csv",
        [csv_row("HOME", 2017, "2", "relative_likelihood", "All", "", "", "", "2.25")],
    )
    write_csv(
        data / "HOME" / "2016" / "indicators.csv",
        TEMPLATE,
        [["HOME", "Home Trust", 2016, "2", "", "2.5", "", "", URL]],
    )
    published_csv(data / "PUBA" / "2019" / "indicators.csv", puba_rows())
    write_csv(
        data / "TYPB" / "2019" / "indicators.csv",
        TEMPLATE,
        [
            ["TYPB", "Typed Bay NHS Trust", 2019, "2", "", "1.234567", "", "", URL],
            ["TYPB", "Typed Bay NHS Trust", 2019, "7", "BME", "69.9%", "", "", URL],
            ["TYPB", "Typed Bay NHS Trust", 2019, "7", "White", "88", "", "", URL],
        ],
    )
    scaffold.new("HOME", 2019, tmp_path / "params", data_root=str(data), name="Home")
    params = tmp_path / "params" / "HOME" / "2019"
    (params / "params.yaml").write_text(
        f"""organisation: {{code: HOME, name: Home Community Trust}}
year: 2019
data_root: {data}
comparators:
  - RAWP
  - {{code: PUBA, name: Published Acre Trust, type: community trust, region: East of England}}
  - {{code: TYPB, size: about 1000 staff}}
comparator_basis: Community trusts in the East of England of a similar size.
snapshot_date: 2019-03-31
""",
        encoding="utf-8",
    )
    return tmp_path


def build(project: Path) -> ReportData:
    return ReportData.build("HOME", 2019, params_root=project / "params", standard=WRES)


def test_published_comparators_are_shown_as_published(project):
    report = build(project)
    assert report.left_out == {}
    assert report.is_published("PUBA") and report.is_published("TYPB")
    assert not report.is_published("RAWP")
    table = peers.comparators_table(report)
    assert table.to_dict("records") == [
        {"Organisation": "RAWP (RAWP)", "Type, region and size": "not given",
         "Figures from": "data files, suppressed here"},
        {"Organisation": "Published Acre Trust (PUBA)",
         "Type, region and size": "community trust, East of England",
         "Figures from": "published figures"},
        {"Organisation": "Typed Bay NHS Trust (TYPB)", "Type, region and size": "about 1000 staff",
         "Figures from": "published figures"},
    ]  # fmt: skip
    assert report.label("PUBA") == "Published Acre Trust (published figures)"
    # the hand-checked cells: as published, never re-suppressed, formatted the report's way
    assert peers.headline_text(report, "PUBA", 2019, "2") == "1.46"
    assert peers.headline_text(report, "PUBA", 2019, "3") == "not published"
    assert peers.headline_text(report, "TYPB", 2019, "2") == "1.23"
    assert peers.headline_text(report, "TYPB", 2019, "7") == "69.9%"
    puba_7 = report.figures.row("PUBA", 2019, "7", measure="percent", group="BME")
    assert (puba_7["numerator"], puba_7["value"], puba_7["suppression"]) == (3, 60.0, "")


def test_indicators_csv_marks_where_each_row_comes_from(project):
    report = build(project)
    table = report.table
    sources = table.groupby(["org", "year"])["source"].unique().to_dict()
    assert {k: list(v) for k, v in sources.items()} == {
        ("HOME", 2016): ["published figures"],
        ("HOME", 2017): ["published figures"],
        ("HOME", 2018): ["published figures"],
        ("HOME", 2019): ["data files"],
        ("PUBA", 2019): ["published figures"],
        ("RAWP", 2019): ["data files"],
        ("TYPB", 2019): ["published figures"],
    }
    # The rows of other organisations and years in HOME's 2018 file are not read (9.9).
    assert 9.9 not in set(table["value"].dropna())


def test_the_comparison_ranks_among_published_and_raw(project):
    """Indicator 7, BME: HOME 6/12 = 50%, RAWP 50% (the same files), PUBA 60% as published,
    TYPB 69.9% as typed: median (50 + 60) / 2 = 55, HOME joint lowest with RAWP
    (HAND-WORKED.md): a rank says its direction and how many were compared."""
    from wres_helpers.words import story

    report = build(project)
    position = survey_kind.survey_peers(report.figures, "HOME", 2019, "7")
    assert position["count"] == 4
    assert position["median"] == pytest.approx(55.0)
    assert position["rank"] == 3
    assert (position["low"], position["high"]) == (50.0, 69.9)
    assert position["published"] == ["PUBA", "TYPB"]  # never mixed in unmarked
    from wres_helpers.words.formatting import fmt_pct

    assert story.peer_sentence(position, fmt_pct, "BME percentage", "HOME") == (
        "HOME's BME percentage of 50.0% is joint lowest of 4 organisations (HOME and 3 "
        "comparators; median 55.0%, range 50.0% to 69.9%). PUBA, TYPB: their figure as "
        "published, not computed here."
    )
    assert position["without"] == {}  # every comparator with 2019 data has a figure


def test_a_comparison_says_how_many_it_compares_and_why_any_is_left_out():
    """Issue 19.5, on a hand-made position: 3 of 6 comparators with the year's data have a
    figure; the others are named, grouped by the reason they have none."""
    from wres_helpers.words import story
    from wres_helpers.words.formatting import fmt_rl

    position = {
        "value": 1.59,
        "values": {"ECCH": 1.59, "HDCH": 0.96, "KMCP": 1.64, "LPCH": 1.55},
        "count": 4,
        "median": 1.57,
        "low": 0.96,
        "high": 1.64,
        "without": {
            "BKCS": "figure withheld for small numbers",
            "OHCC": "data not supplied",
            "SMCH": "figure withheld for small numbers",
        },
    }
    assert story.peer_sentence(position, fmt_rl, "relative likelihood", "ECCH") == (
        "ECCH's relative likelihood of 1.59 is 2nd highest of 4 organisations (ECCH and 3 "
        "comparators; median 1.57, range 0.96 to 1.64). Not compared: BKCS and SMCH (figure "
        "withheld for small numbers); OHCC (data not supplied)."
    )
    one = position | {"count": 2, "values": {"ECCH": 1.59, "HDCH": 0.96}, "without": {}}
    assert "(ECCH and 1 comparator;" in story.peer_sentence(one, fmt_rl, "RL", "ECCH")


def test_past_years_from_published_figures_are_in_the_trend(project):
    report = build(project)
    assert report.all_years == [2016, 2017, 2018, 2019]
    assert report.years == [2017, 2018, 2019]  # the body keeps its three years
    assert [peers.headline_text(report, "HOME", y, "2") for y in (2016, 2017, 2018)] == [
        "2.50",
        "2.25",
        "1.70",
    ]
    assert report.is_published("HOME", 2018) and not report.is_published("HOME", 2019)
    from wres_helpers.sections.provenance import sources_table

    listed = sources_table(report)
    published = listed[listed["Table"] == "published figures"]
    assert list(zip(published["Org"], published["Year"], published["File"], strict=True)) == [
        ("HOME", "2016", "HOME/2016/indicators.csv"),
        ("HOME", "2017", "HOME/2017/indicators.csv"),
        ("HOME", "2018", "HOME/2018/indicators.csv"),
        ("PUBA", "2019", "PUBA/2019/indicators.csv"),
        ("TYPB", "2019", "TYPB/2019/indicators.csv"),
    ]
    assert list(published["Rows"]) == ["1", "1", "2", "5", "3"]  # HOME 2018: its own 2 rows


def test_a_bad_published_comparator_is_left_out_with_the_reason(project):
    path = project / "data" / "PUBA" / "2019" / "indicators.csv"
    text = path.read_text(encoding="utf-8").replace(",1.46,", ",1.4.6,")
    path.write_text(text, encoding="utf-8")
    report = build(project)
    assert report.left_out == {
        "PUBA": "its published figures have problems (PUBA/2019/indicators.csv, row 2, "
        "column 'value': found '1.4.6'; expected a number (e.g. 1.46 or 23.8), or blank)"
    }
    assert not report.is_published("PUBA")


def good_csv(path: Path) -> Path:
    return published_csv(path, puba_rows())


def reading(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        pub.read_figures(path, "PUBA", 2019, WRES, Settings(), shown="PUBA/2019/indicators.csv")
    return [str(p) for p in caught.value.problems]


F = "PUBA/2019/indicators.csv"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (",1.46,", ",1.4.6,",
         f"{F}, row 2, column 'value': found '1.4.6'; expected a number (e.g. 1.46 or 23.8), "
         "or blank"),
        ("7,percent,All,BME,3,", "7,percent,All,BME,three,",
         f"{F}, row 4, column 'numerator': found 'three'; expected a whole number of 0 or more, "
         "or blank"),
        ("5,percent,All,BME,12,40,30", "5,percent,All,BME,12,40,130",
         f"{F}, row 6, column 'value': found '130'; expected a percentage from 0 to 100"),
        ("7,percent,All,BME,3,5", "7,percent,All,BME,6,5",
         f"{F}, row 4, column 'numerator': found '6'; expected a count no larger than the "
         "denominator (5)"),
        ("\n2,relative", "\n12,relative",
         f"{F}, row 2, column 'indicator': found '12'; expected a WRES indicator id: "
         "1, 2, 3, 4, 5, 6, 7, 8, 9"),
        (",percent,All,BME,12", ",percentage,All,BME,12",
         f"{F}, row 6, column 'measure': found 'percentage'; expected one of headcount, "
         "percent, relative_likelihood, difference_pp, mean_score, difference_points, yes_no"),
        ("All,BME,12", "All,Black,12",
         f"{F}, row 6, column 'group': found 'Black'; expected White, BME, Unknown or blank"),
        (",PUBA,2019,,,,,,,,\n5", ",PUBA,19,,,,,,,,\n5",
         f"{F}, row 5, column 'year': found '19'; expected a four-digit year, e.g. 2019"),
        ("7,percent,All,White,40,50,80", "7,percent,All,BME,40,50,80",
         f"{F}, row 5, column 'value': found '80'; expected one figure per organisation, year, "
         "indicator, measure, breakdown and group (row 4 already gives this one)"),
        (",1.46,", ",1.46;1.5,",
         f"{F}, row 2, column 'value': found '1.46;1.5'; expected a number (e.g. 1.46 or 23.8), "
         "or blank"),
        (",1.46,", ",1.46,5,",
         f"{F}, row 2: expected 20 cells, one per column of the header (found 21: one value "
         "per cell; quote a value that holds a comma)"),
        (",Two-year rolling,,,,,,,x,", ",Two-year rolling,,,,1.2,,,x,",
         f"{F}, row 3, column 'value': found '1.2'; expected a blank value: the row says it is "
         "suppressed"),
        ("interpretation,", "interpretaton,",
         f"{F}, row 1, column 'interpretaton': expected only indicators.csv's columns"),
        ("7,percent,All,White,40,50,80,,", "7,percent,All,White,40,50,80,=HYPERLINK(1),",
         f"{F}, row 5, column 'ci_low': found '=HYPERLINK(1)'; expected a number"),
        ("3,5,60,,,,PUBA,2019,,,,,", "3,5,60,,,,PUBA,2019,,,,,@SUM(A1)",  # in a text column
         f"{F}, row 4, column 'note': found '@SUM(A1)'; expected text, not a spreadsheet "
         "formula"),
    ],
)  # fmt: skip
def test_every_malformed_published_file_is_refused_by_row(tmp_path, old, new, expected):
    path = good_csv(tmp_path / "indicators.csv")
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = reading(path)
    assert any(p.startswith(expected) for p in found), found


def test_a_typed_template_is_refused_by_row_in_its_own_words(tmp_path):
    path = write_csv(
        tmp_path / "indicators.csv",
        TEMPLATE,
        [
            ["PUBA", "A", 2019, "2", "", "1.2", "", "", "www.example.org"],
            ["PUBA", "A", 2019, "7", "BME", "=1+1", "", "", URL],
            ["OTHER", "A", 2019, "7", "White", "50", "", "", URL],
        ],
    )
    found = reading(path)
    assert found[0] == (
        f"{F}, row 2, column 'source_url': found 'www.example.org'; expected the address the "
        "figure was copied from (http:// or https://…)"
    )
    path.write_text(path.read_text().replace("www.example.org", URL).replace("=1+1", "50"))
    assert reading(path) == [
        f"{F}, row 4, column 'organisation': found 'OTHER'; expected organisation PUBA and "
        "year 2019 (the folder's)"
    ]


def test_the_template_command_writes_a_template_the_reader_reads(tmp_path, capsys):
    from wres_helpers.cli import main

    assert main(["peers", "template", "SMCH", "2019"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == ",".join(pub.TEMPLATE_COLUMNS)
    assert "SMCH,,2019,2,,,,,\n" in text  # indicator 2's headline: its relative likelihood
    filled = text.replace("SMCH,,2019,2,,,,,", f"SMCH,Smith Hospital,2019,2,,1.5,,,{URL}")
    filled = "\n".join(
        line for line in filled.splitlines() if URL in line or "organisation" in line
    )
    path = tmp_path / "indicators.csv"
    path.write_text(filled + "\n", encoding="utf-8")
    figures = pub.read_figures(path, "SMCH", 2019, WRES, Settings())
    assert figures.name == "Smith Hospital" and figures.typed
    row = figures.rows.iloc[0]
    assert (row["measure"], row["breakdown"], row["value"]) == ("relative_likelihood", "All", 1.5)


def test_no_comparator_path_reaches_the_report(project):
    """data_root is an absolute path outside the project: no text of the report names it."""
    (project / "data" / "PUBA" / "2019" / "indicators.csv").unlink()
    report = build(project)
    from wres_helpers.sections import opening

    text = opening._absent_comparators_text(report, ["PUBA"])
    assert str(project) not in text and "PUBA" in text


@pytest.mark.slow
def test_done_when_a_report_compares_published_and_raw_comparators(project, tmp_path):
    """Issue 22's "done when": HOME with only its own raw 2019 files, PUBA and TYPB known
    only by their published figures, RAWP by raw files, its own past years as published. The
    built PDF compares all three, marks the published ones, and gives the long trend; no
    output file names the data folder's machine path (data_root is absolute here)."""
    from pypdf import PdfReader

    from wres_helpers.running.pipeline import build_report

    with_benchmark(project, {(7, "BME"): "70.1%", (7, "White"): "84"})
    output = tmp_path / "output"
    result = build_report(
        "HOME", 2019, params_root=project / "params", output_root=output, standard=WRES
    )
    text = "\n".join(p.extract_text() for p in PdfReader(result.files["pdf"]).pages)
    board = " ".join(text.split())
    # The comparators' table, the long trend and the survey tables: in the technical annex.
    annex = "\n".join(p.extract_text() for p in PdfReader(result.files["annex"]).pages)
    flat = " ".join(f"{text}\n{annex}".split())
    assert "Published Acre Trust (PUBA) community trust, East of England published figures" in flat
    assert "Typed Bay NHS Trust (TYPB) about 1000 staff published figures" in flat
    assert "RAWP (RAWP) not given data files, suppressed here" in flat
    assert "Community trusts in the East of England of a similar size." in flat
    assert "PUBA (published figures)" in flat and "TYPB (published figures)" in flat
    assert "Every year on record, 2016 to 2019" in flat
    assert "2.50 2.25 1.70" in flat  # indicator 2, 2016-2018, as published
    assert "undefined–undefined" not in flat  # a published RL has no interval: said so
    assert "2017 All – – 2.25 (as published)" in flat
    assert "2019 BME 12 6 50.0% 25.4% to 74.6% 70.1%" in flat  # the benchmark beside it
    assert "2019 White 30 24 80.0%" in flat and "84.0%" in flat
    # England on every indicator: its 2019 figure where one was published, else in words
    # (HOME's survey figures are the 2018 survey's, for which England's are not found).
    assert board.count("National figure:") == len(WRES.ids)
    for n, figure in (("2", "1.46"), ("3", "1.22"), ("4", "1.15")):
        assert f"National figure: England, 2019: {figure} (" in board, n
    assert board.count("National figure: None found: no England figure for 2019 was") == 2  # 1, 9
    assert board.count("no England figure for the 2018 staff survey was found") == 4  # 5 to 8
    folder = output / "HOME" / "2019"
    for path in sorted(folder.iterdir()):
        content = path.read_bytes()
        if path.suffix == ".xlsx":
            import zipfile

            with zipfile.ZipFile(path) as book:
                content = b"".join(book.read(n) for n in book.namelist())
        if path.suffix == ".pdf":
            content = "\n".join(p.extract_text() for p in PdfReader(path).pages).encode()
        assert str(project).encode() not in content, path.name


def test_englands_survey_figure_is_matched_to_the_trusts_survey_year(project):
    """HOME's 2019 report reads the 2018 staff survey by default (a trust's report uses the
    survey of the autumn before): England's 2018-survey figure is not shipped, so the cell
    says so; told its survey is 2019's, the report sets England's 29.8% beside it."""
    report = build(project)
    assert report.survey_year(2019) == 2018
    assert peers.england_text(report, "5", 2019) == "none found"
    assert peers.england_text(report, "2", 2019) == "1.46"  # not a survey figure
    path = project / "params" / "HOME" / "2019" / "params.yaml"
    path.write_text(path.read_text() + "survey_year: 2019\n", encoding="utf-8")
    report = build(project)
    assert report.survey_year(2019) == 2019
    assert peers.england_text(report, "5", 2019) == "29.8%"
    assert peers.england_text(report, "7", 2019) == "69.9%"


def with_benchmark(project: Path, values: dict[tuple[int, str], str]) -> None:
    path = project / "data" / "HOME" / "2019" / "staff_survey.csv"
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    header, body = rows[0], rows[1:]
    write_csv(
        path,
        [*header, "benchmark"],
        [[*r, values.get((int(r[0]), r[1]), "")] for r in body],
    )


def test_the_benchmark_group_average_sits_beside_the_trusts_figure(project):
    """HOME's survey file gives its benchmark group's averages: indicator 7 BME 70.1% (typed
    with a % sign) and White 84; indicator 5 BME 27.3. HOME's own indicator 5 BME figure is
    hidden (8 respondents, under 11) but the benchmark group's average is not HOME's count,
    so it is shown."""
    with_benchmark(project, {(7, "BME"): "70.1%", (7, "White"): "84", (5, "BME"): "27.3"})
    report = build(project)
    rows = report.table[report.table["measure"] == "benchmark_percent"]
    got = {(r.indicator, r.group): (r.value, r.breakdown) for r in rows.itertuples()}
    assert got == {
        ("5", "BME"): (27.3, "Benchmark group average"),
        ("7", "BME"): (70.1, "Benchmark group average"),
        ("7", "White"): (84.0, "Benchmark group average"),
    }
    assert peers.benchmark_text(report, "7") == "70.1%"  # the headline group: BME
    assert peers.benchmark_text(report, "5") == "27.3%"
    assert peers.benchmark_text(report, "2") == ""  # no benchmark for a workforce figure


def test_a_benchmark_that_is_not_a_percentage_is_refused_by_row(project):
    with_benchmark(project, {(7, "BME"): "170"})
    with pytest.raises(InputError) as caught:
        build(project)
    assert any(
        "staff_survey.csv, row 5, column 'benchmark': found '170'; expected a percentage from "
        "0 to 100, such as 29.8 or 29.8%, or blank" in str(p)
        for p in caught.value.problems
    ), caught.value.problems


# --- `wres national` reads published figures too ---------------------------------------------


def test_national_mixes_reports_with_published_figures(tmp_path):
    """Three reports (tests/test_national.py's AAA, BBB, CCC) and PUBA, known only by its
    published figures. Indicator 2 ranks by distance from 1 on the log scale: CCC |ln 0.9| =
    0.105, PUBA |ln 1.2| = 0.182, AAA |ln 1.5| = 0.405, BBB |ln 0.5| = 0.693; PUBA's change
    from its 2018 figure 1.4 is -0.2. Indicator 7 (higher is better): BBB 80, CCC 70, PUBA 65,
    AAA 60. CCC's published file (999) is not read: CCC has a report."""
    from tests.test_national import write_hand
    from wres_helpers.running import national

    output = write_hand(tmp_path / "output")
    data = tmp_path / "data"
    write_csv(
        data / "PUBA" / "2019" / "indicators.csv",
        TEMPLATE,
        [
            ["PUBA", "Published Acre", 2019, "2", "", "1.2", "", "", URL],
            ["PUBA", "Published Acre", 2019, "7", "BME", "65", "", "", URL],
        ],
    )
    published_csv(
        data / "PUBA" / "2018" / "indicators.csv",
        [csv_row("PUBA", 2018, "2", "relative_likelihood", "All", "", "", "", "1.4")],
    )
    published_csv(
        data / "CCC" / "2019" / "indicators.csv",
        [csv_row("CCC", 2019, "2", "relative_likelihood", "All", "", "", "", "999")],
    )
    built = national.NationalData.build(2019, output, published_root=data, standard=WRES)
    table = built.table.set_index(["indicator", "org"])
    assert table.loc[("2", "PUBA"), "rank"] == 2
    assert table.loc[("2", "CCC"), "rank"] == 1 and table.loc[("2", "CCC"), "value"] == 0.9
    assert table.loc[("2", "BBB"), "rank"] == 4
    assert table.loc[("2", "PUBA"), "change"] == pytest.approx(-0.2)
    assert table.loc[("7", "PUBA"), "rank"] == 3
    assert table.loc[("2", "PUBA"), "source"] == "published figures"
    assert table.loc[("2", "AAA"), "source"] == "data files"
    assert table.loc[("2", "PUBA"), "count"] == 4


def test_national_leaves_out_a_bad_published_file_named_by_row(tmp_path):
    """A bad published file is left out, named by file, row, column and value (issue 21.8);
    the reports are compared as they are."""
    from tests.test_national import write_hand
    from wres_helpers.running import national

    output = write_hand(tmp_path / "output")
    data = tmp_path / "data"
    write_csv(
        data / "PUBA" / "2019" / "indicators.csv",
        TEMPLATE,
        [["PUBA", "Published Acre", 2019, "2", "", "one point two", "", "", URL]],
    )
    built = national.NationalData.build(2019, output, published_root=data, standard=WRES)
    assert [str(p) for p in built.left_out] == [
        "PUBA/2019/indicators.csv, row 2, column 'value': found 'one point two'; expected a "
        "number (e.g. 1.46 or 23.8), or blank"
    ]
    assert sorted(built.table["org"].unique()) == ["AAA", "BBB", "CCC"]


def test_a_wdes_comparator_is_read_from_its_published_indicators_wdes_csv(tmp_path):
    """The same reader for the WDES: metric ids such as 4a_i, its groups, its file name."""
    from wres_helpers.standards import WDES

    folder = tmp_path / "PUBA" / "2019"
    published_csv(
        folder / "indicators-wdes.csv",
        [
            csv_row("PUBA", 2019, "4a_i", "percent", "All", "Disabled", "30", "100", "30"),
            csv_row("PUBA", 2019, "2", "relative_likelihood", "All", "", "", "", "1.18"),
        ],
    )
    assert pub.find(folder, WRES) is None  # the WRES file name is indicators.csv
    path = pub.find(folder, WDES)
    figures = pub.read_figures(path, "PUBA", 2019, WDES, Settings())
    assert list(figures.rows["indicator"]) == ["4a_i", "2"]
    assert list(figures.rows["value"]) == [30.0, 1.18]
    bad = path.read_text().replace(",Disabled,", ",BME,")
    path.write_text(bad)
    with pytest.raises(InputError) as caught:
        pub.read_figures(path, "PUBA", 2019, WDES, Settings())
    assert str(caught.value.problems[0]) == (
        "PUBA/2019/indicators-wdes.csv, row 2, column 'group': found 'BME'; expected "
        "Disabled, Non-disabled, Unknown, Organisation or blank"
    )


@pytest.mark.parametrize("code", ["wres", "wdes"])
def test_the_tools_own_published_file_reads_back_whole(tmp_path, capsys, code):
    """What `wres indicators` publishes for ECCH 2019 is a valid published file: every row
    reads back, each value as written (a comparator that uses this tool is read whole)."""
    import contextlib

    from wres_helpers.cli import main
    from wres_helpers.standards import standard

    root = Path(__file__).resolve().parent.parent
    with contextlib.chdir(root):
        assert main(["indicators", "data/demo/ECCH/2019", "--standard", code]) == 0
    text = capsys.readouterr().out
    path = tmp_path / "ECCH" / "2019" / standard(code).data_names()["csv"]
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    figures = pub.read_figures(path, "ECCH", 2019, standard(code), Settings())
    assert len(figures.rows) == len(text.splitlines()) - 1 and figures.others == 0
    import csv
    import io

    written = [row["value"] for row in csv.DictReader(io.StringIO(text))]
    assert [float(v) if v else None for v in written] == [
        None if pd.isna(v) else v for v in figures.rows["value"]
    ]


def test_the_survey_files_own_survey_year_chooses_englands_figure(project):
    """The staff survey file says its survey was 2019's (column survey_year): England's 2019
    survey figures (29.8% for indicator 5) are set beside it, without any parameter."""
    path = project / "data" / "HOME" / "2019" / "staff_survey.csv"
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    write_csv(path, [*rows[0], "survey_year"], [[*r, "2019"] for r in rows[1:]])
    report = build(project)
    assert report.survey_year(2019) == 2019
    assert peers.england_text(report, "5", 2019) == "29.8%"


def test_a_year_with_no_file_of_its_own_comes_from_a_later_years_published_file(project):
    """Only HOME's 2018 published indicators.csv is kept (it holds 2018 and, as its trend,
    2017): the trend has 2017 as that file gave it (9.9), and the source is that file."""
    shutil.rmtree(project / "data" / "HOME" / "2017")
    shutil.rmtree(project / "data" / "HOME" / "2016")
    report = build(project)
    assert report.all_years == [2017, 2018, 2019]
    assert peers.headline_text(report, "HOME", 2017, "2") == "9.90"
    assert report.published_files["HOME", 2017].path == "HOME/2018/indicators.csv"
    assert 9.9 not in set(report.table.loc[report.table["org"] == "RAWP", "value"].dropna())


def test_englands_context_figure_fills_the_cell_where_no_headline_was_published(project):
    """WDES metric 9b in 2019: England published no headline figure, but 85% of trusts
    answered yes; the cell says so in words rather than 'none found'."""
    from wres_helpers.standards import WDES

    report = build(project)
    wdes = dataclasses.replace(report, standard=WDES)
    assert peers.england_text(wdes, "9b", 2019) == "85.0% of trusts answered yes"
    assert peers.england_text(wdes, "2", 2019) == "1.18"
    assert peers.england_text(wdes, "3", 2019) == "none found"  # metric 3 voluntary in 2019


HOSTILE = '<script>alert(1)</script> [x](javascript:alert(2)) *bold* #panic("typst")'


def test_a_hostile_comparator_name_and_basis_are_text_on_the_page(project):
    """A typed comparator's name and the basis in params.yaml reach the page and the PDF's
    Typst as text: no script, no link, no emphasis, no Typst code."""
    import re

    from bs4 import BeautifulSoup

    from tests.test_england import _html, _typst
    from wres_helpers import sections

    path = project / "data" / "TYPB" / "2019" / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Typed Bay NHS Trust", HOSTILE.replace('"', "'"))
    )
    params = project / "params" / "HOME" / "2019" / "params.yaml"
    text = params.read_text(encoding="utf-8")
    params.write_text(
        text.replace(
            "comparator_basis: Community trusts in the East of England of a similar size.",
            f"comparator_basis: '{HOSTILE}'",
        ),
        encoding="utf-8",
    )
    report = build(project)
    soup = BeautifulSoup(_html(sections.background, report), "html.parser")
    assert not soup.find_all("script")
    assert not soup.find_all("a", href=re.compile("javascript"))
    assert not [e for e in soup.find_all("em") if "bold" in e.get_text()]
    shown = re.sub(r"\s+", " ", soup.get_text(" "))
    assert HOSTILE in shown and HOSTILE.replace('"', "'") in shown
    typst = _typst(sections.background, report)
    assert not re.search(r"(?<!\\)#panic", typst)


def test_the_national_comparison_matches_englands_survey_figures_to_the_reports_survey(
    tmp_path,
):
    """The 2019 reports' survey figures come from the 2018 survey: the comparison sets
    England's 2019 relative likelihood (1.46) beside indicator 2, and no England figure beside
    indicator 5 (England's 29.8% is from the 2019 survey)."""
    from tests.test_england import _display
    from tests.test_national import write_hand
    from wres_helpers.running import national

    data = national.NationalData.build(2019, write_hand(tmp_path / "output"), standard=WRES)
    assert data.survey_year == 2018
    shown = _display(national.show_summary, data)
    assert "1.46" in shown and "29.8%" not in shown
