"""The Board report end to end: ECCH 2019 from the demo data, checked as a Board member and
an auditor would check it, plus the refusals that happen before any notebook runs.

The report is built once per test session (`built`); the slow tests share it. The other
tests never start a notebook: bad input and bad parameters are refused up front.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader
from wres_expected import TITLES

from wres_helpers import cli, sections
from wres_helpers.errors import InputError
from wres_helpers.inputs.params import check_org_year, load_params
from wres_helpers.rendering.render import MISSING_ALT
from wres_helpers.report import ReportData
from wres_helpers.running import pipeline
from wres_helpers.standards import STANDARDS, WRES
from wres_helpers.words.formatting import fmt_pct, fmt_pp, fmt_rl

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params"
DEMO = ROOT / "data" / "demo"
ORG, YEAR = "ECCH", 2019
YEARS_SHOWN = (2017, 2018, 2019)
RL = re.compile(r"(?<![\d.])\d+\.\d\d(?![\d%])")  # 1.59, not 28.3% nor a date
CODE = ("sections.", "import ", "ReportData", "params_root", "present.", "def ", "Traceback")


def normalise(text: str) -> str:
    """PDF text as one line: words joined across line breaks, hyphenated or not."""
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def published(folder: Path) -> str:
    """`wres indicators <folder>`: the published table of one organisation-year."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["indicators", str(folder)]) == 0
    return out.getvalue()


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _body_first(text: str) -> str:
    """A page's text with its running header (its first line, after the cover) moved to the
    end, so that a page starts with its own words, as a reader sees it."""
    lines = text.replace("\u2060", "").splitlines()  # Typst's word joiner in the contents
    if lines and lines[0].startswith(f"{ORG} WRES"):
        lines = lines[1:] + lines[:1]
    return "\n".join(lines)


@dataclass
class Built:
    result: pipeline.Result
    text: str  # every page's text, normalised
    pages: list[str]  # each page's text, normalised
    html: str
    rows: list[dict[str, str]]  # indicators.csv beside the PDF


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    out = tmp_path_factory.mktemp("output")
    with contextlib.chdir(ROOT):  # params.yaml names its data folder relative to the project
        result = pipeline.build_report(
            ORG, YEAR, params_root=PARAMS, output_root=out, say=print, standard=WRES
        )
    pages = [
        normalise(_body_first(page.extract_text())) for page in PdfReader(result.files["pdf"]).pages
    ]
    return Built(
        result=result,
        text=" ".join(pages),
        pages=pages,
        html=result.files["html"].read_text(encoding="utf-8"),
        rows=rows_of(result.files["csv"].read_text(encoding="utf-8")),
    )


def rl_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["measure"] == "relative_likelihood"]


def own(built: Built, year: int = YEAR) -> list[dict[str, str]]:
    """ECCH's published rows for one year: from indicators.csv when it holds that year (it
    holds every year the report shows), else from `wres indicators` for that year's folder."""
    rows = [r for r in built.rows if r["org"] == ORG and r["year"] == str(year)]
    if rows or year == YEAR:
        return rows
    with contextlib.chdir(ROOT):
        return rows_of(published(DEMO / ORG / str(year)))


# --- the figures agree with indicators.csv ------------------------------------------------


@pytest.mark.slow
def test_indicators_csv_is_the_published_table(built):
    """Each organisation-year in indicators.csv is exactly what `wres indicators` publishes for
    that folder (the report's own `synthetic` column aside), row for row and digit for digit."""
    blocks: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in built.rows:
        row = {k: v for k, v in r.items() if k not in ("synthetic", "source")}
        blocks.setdefault((r["org"], r["year"]), []).append(row)
    assert (ORG, str(YEAR)) in blocks
    assert {y for o, y in blocks if o == ORG} <= {str(y) for y in YEARS_SHOWN}
    for (org, year), rows in blocks.items():
        with contextlib.chdir(ROOT):
            expected = rows_of(published(DEMO / org / year))
        assert rows == expected, (org, year)
    assert all(r.get("synthetic", "yes") == "yes" for r in built.rows)  # the demo set
    assert {r["source"] for r in built.rows} == {"data files"}  # no published figures


@pytest.mark.slow
def test_every_relative_likelihood_is_shown_with_its_words(built):
    rows = rl_rows(own(built))
    assert {r["indicator"] for r in rows} == {"2", "3", "4"}
    for r in rows:
        where = f"indicator {r['indicator']} {r['breakdown']}"
        if r["value"]:
            assert fmt_rl(float(r["value"])) in built.text, where
            assert normalise(r["interpretation"]) in built.text, where
            interval = f"{fmt_rl(float(r['ci_low']))} to {fmt_rl(float(r['ci_high']))}"
            assert interval in built.text, where
        elif r["range_low"]:  # resting on a hidden count: its range in words, no figure
            assert normalise(r["interpretation"]) in built.text, where
            assert " between " in r["interpretation"], where
        else:
            assert normalise(r["note"]) in built.text, where


@pytest.mark.slow
def test_earlier_years_shown_agree_with_their_published_tables(built):
    """The trend tables show 2017 and 2018 too: each RL as that year's table publishes it."""
    for year in YEARS_SHOWN[:-1]:
        rows = rl_rows(own(built, year))
        assert rows, year
        for r in rows:
            where = f"{year} indicator {r['indicator']} {r['breakdown']}"
            if r["value"]:
                assert fmt_rl(float(r["value"])) in built.text, where
                assert normalise(r["interpretation"]) in built.text, where
            else:
                assert normalise(r["note"]) in built.text, where


@pytest.mark.slow
def test_survey_percentages_and_board_differences_are_shown(built):
    rows = own(built)
    survey = [r for r in rows if r["indicator"] in "5678" and r["measure"] == "percent"]
    assert len(survey) == 8
    for r in survey:
        if r["value"]:
            assert fmt_pct(float(r["value"])) in built.text, r
        else:  # withheld: said so, in the table's own words
            assert normalise(r["suppression"]) in built.text, r
    differences = [r for r in rows if r["indicator"] == "9" and r["measure"] == "difference_pp"]
    assert len(differences) == 12
    for r in differences:
        assert fmt_pp(float(r["value"])) in built.text, r


@pytest.mark.slow
def test_headline_relative_likelihoods_come_from_indicators_csv(built):
    """Conversely: every RL-looking number in each indicator's headline sentence is an RL or
    interval end of indicators.csv, or an end of the non-adverse range."""
    allowed = {"0.80", "1.25"}
    for r in rl_rows(own(built)):
        if r["value"]:
            allowed |= {fmt_rl(float(r[c])) for c in ("value", "ci_low", "ci_high")}
        elif r["range_low"]:
            allowed |= {fmt_rl(float(r[c])) for c in ("range_low", "range_high")}
    sentence = (
        r"([A-Z][^:]*?\(relative likelihood [^)]*\): (?:in|out)side the non-adverse range "
        r"\(0\.80 to 1\.25\); (?:beyond chance, as the interval excludes|could be chance, as "
        r"the interval includes) 1\.)"
    )
    headlines = re.findall(rf"{YEAR}(?: \(two-year rolling\)| alone)?: {sentence}", built.text)
    excluding = re.findall(rf"Excluding international recruits: {sentence}", built.text)
    ranged = re.findall(
        rf"{YEAR}(?: \(two-year rolling\)| alone)?: ([A-Z][^.]*? between [\d.]+ and [\d.]+ "
        r"times as likely[^.]*\.)",
        built.text,
    )
    sentences = headlines + excluding + ranged
    # 2, 2 excluding and 4 exact; 3 rolling and 3 alone ranges (BME cases are hidden)
    assert len(headlines + excluding) == 3 and len(ranged) == 2, sentences
    for sentence in sentences:
        numbers = set(RL.findall(sentence))
        assert numbers and numbers <= allowed, (sentence, numbers - allowed)


@pytest.mark.slow
def test_the_summary_table_states_each_relative_likelihood_in_words(built):
    """NHS England's summary table: on the web page and in the technical annex (the Board
    PDF's sections and executive summary say the same)."""
    annex = PdfReader(built.result.files["annex"]).pages
    page = normalise(" ".join(p.extract_text() for p in annex))
    page = page[page.index("Summary of the nine indicators") :]
    assert "Summary of the nine indicators" in built.html
    assert "Summary of the nine indicators" not in built.text
    for year in (YEAR, YEAR - 1):
        for r in rl_rows(own(built, year)):
            if r["breakdown"] not in ("All", "Two-year rolling"):
                continue
            if r["range_low"]:  # a range: the table gives it as one, not in words
                low, high = (fmt_rl(float(r[c])) for c in ("range_low", "range_high"))
                assert f"RL between {low} and {high}, a range" in page, (year, r["indicator"])
            else:
                assert normalise(r["interpretation"]) in page, (year, r["indicator"])
    assert "Reporting year 2019" in page and "Previous year 2018" in page


# --- what the Board sees --------------------------------------------------------------------


# Short sections that follow the section before them rather than start a page of their own.
RUN_ON = ("Other factors", "Summary in the NHS England template", "Sign-off")
MIN_PAGE_TEXT = 900  # characters: a near-empty page (a few lines and the running header)


@pytest.mark.slow
def test_every_section_is_there_in_order(built):
    headings = [
        "Executive summary",
        "Background",
        *(f"Indicator {n}: {TITLES[n]}" for n in range(1, 10)),
        *RUN_ON,
        "Appendix A: Action plan",
    ]
    assert built.pages[1].startswith("Contents")  # it lists every section first
    # The contents' lines end with the last section's; the sections follow, on the same
    # page while there is room (a section starts a page only when less than a tenth of one
    # is left), each heading in order.
    listed, _, after = built.pages[1].partition(f"{headings[-1]} . ")
    contents = listed + headings[-1]
    after = re.sub(r"^[ .]*\d+ ", "", after)  # past the last line's dots and page number
    body = " ".join([after, *built.pages[2:]])
    starts = [body.find(f"{h} ") for h in headings]
    assert -1 not in starts, dict(zip(headings, starts, strict=True))
    assert starts == sorted(starts)
    assert [contents.index(h) for h in headings] == sorted(contents.index(h) for h in headings)


ANNEX = f"{ORG}-{YEAR}-WRES-method.pdf"
CODED = "How each coded value"  # the coded-value audit's caption


@pytest.mark.slow
def test_the_method_is_in_a_technical_annex_the_board_report_names(built):
    """The method, settings, provenance, per-band tables and coded values are in the annex
    PDF beside the Board PDF (marked not for publication), which names it; neither the Board
    PDF nor the web page holds the coded-value audit or the software table."""
    annex = built.result.files["annex"]
    assert annex.name == ANNEX and annex.parent == built.result.files["pdf"].parent
    text = normalise(" ".join(p.extract_text() for p in PdfReader(annex).pages))
    assert text.startswith("OFFICIAL East Coast Community Healthcare Workforce Race Equality")
    assert "NOT FOR PUBLICATION" in text
    for heading in (
        "Method, caveats and settings",
        "Indicator 1 by pay band: the template's table",
        "Data provenance",
        f"{CODED} in ECCH's 2019 files was read",
        "Software used",
        "Digest of all inputs",
    ):
        assert heading in text, heading
    assert "Non-clinical: headcount (share of the band) by ethnic group, 2019" in text
    named = f"The method, settings and data provenance are in the technical annex, {ANNEX}"
    assert named in built.text
    assert f"as NHS England's template asks for it, is in the technical annex, {ANNEX}" in (
        built.text
    )
    for gone in (CODED, "Software used", "Digest of all inputs", "Input files used", "(git "):
        assert gone not in built.text, gone
        assert gone not in built.html, gone
    assert "Non-clinical: headcount (share of the band)" not in built.text


@pytest.mark.slow
def test_each_comparison_says_how_many_it_compares_and_why_any_is_left_out(built):
    """Indicator 2, 2019: ECCH and 4 of its 6 comparators have a relative likelihood; BKCS's
    and SMCH's rest on hidden counts (indicators.csv gives them as ranges or not at all)."""
    assert (
        "ECCH's relative likelihood of 1.59 is 2nd highest of 5 organisations (ECCH and 4 "
        "comparators; median 1.55, range 0.96 to 1.64; higher favours White staff more). Not "
        "compared: BKCS and SMCH (figure withheld for small numbers)."
    ) in built.text
    assert "(ECCH and 6 comparators;" in built.text  # indicator 1: every comparator


@pytest.mark.slow
def test_no_page_is_near_empty(built):
    """No section leaves a few lines alone on a page: short sections run on, and each
    indicator's commentary stays on its page (the cover and the last page aside)."""
    short = {i + 1: len(p) for i, p in enumerate(built.pages[1:-1], 1) if len(p) < MIN_PAGE_TEXT}
    assert not short, f"near-empty pages (page: characters of text): {short}"


@pytest.mark.slow
def test_sign_off_names_the_lead_author_approval_and_where_published(built):
    params = load_params(PARAMS / ORG / str(YEAR), ORG, YEAR)
    section = built.text.split(f"Sign-off of the {YEAR} report", 1)[1].split("Appendix A")[0]
    approved = params.board_approval_date
    for label, value in [
        ("Board lead", params.board_lead),
        ("Report author", params.report_author),
        ("Date of Board approval", f"{approved.day} {approved:%B %Y}"),
        ("Where the report is published", params.published_address("wres")),
    ]:
        assert value and f"{label} {normalise(value)}" in section, label
    assert "to be completed" not in section and "draft" not in section
    summary = built.text.rindex("Summary in the NHS England template")
    assert summary < built.text.index(f"Sign-off of the {YEAR} report")


@pytest.mark.slow
def test_the_first_page_is_the_board_papers_cover_sheet(built):
    """Why the paper is on the agenda, what the Board is asked to do and who has seen it,
    as params/ECCH/2019/params.yaml's board_paper says, on the PDF's first page."""
    cover = built.pages[0]
    for label, value in [
        ("Meeting", "Board of Directors, meeting in public (synthetic example), 17 October 2019"),
        ("Agenda item", "9.1"),
        ("Executive lead", "Director of Workforce (synthetic example)"),
        ("Author", "Workforce Information Analyst (synthetic example)"),
        ("Purpose", "For approval"),
        (
            "Recommendation",
            "The Board is asked to approve the 2019 WRES report and its action plan for "
            "publication by 31 October, and to ask the People Committee to review progress "
            "on the action plan each quarter.",
        ),
        (
            "Previously considered by",
            "People Committee, 3 October 2019; Executive Team, 24 September 2019; BME Staff "
            "Network and the Disability and Long-term Conditions Network, September 2019",
        ),
        ("Strategic objectives", "Our people: a fair, inclusive place to work"),
        ("Board Assurance Framework risks", "BAF risk 4: we cannot recruit and keep"),
        ("Impact on equality", "The report measures how staff of each ethnicity and Disabled"),
        ("Legal and regulatory duties", "The NHS Standard Contract requires the WRES and WDES"),
    ]:
        assert f"{label} {value}" in cover, label
    assert "Contents" not in cover  # the cover sheet is a page of its own
    assert "to be completed" not in cover


@pytest.mark.slow
def test_the_staff_networks_own_words_follow_other_factors(built):
    """params/ECCH/2019/commentary/staff-network.md, as the network wrote it."""
    section = built.text.split("In the staff network's own words", 2)[2]
    assert section.startswith(
        " Written by the BME Staff Network's chair and committee (synthetic example). We "
        "welcome the reverse-mentoring scheme"
    )
    other = built.text.rindex("Other factors")  # the section, after its line in the contents
    assert other < built.text.rindex("own words Written") < built.text.rindex("Summary in the NHS")


@pytest.mark.slow
def test_the_action_plan_is_smart_and_reviews_last_years(built):
    """Each action's baseline, target and measure (params/ECCH/2019/action-plan.csv), and the
    2018 plan (params/ECCH/2018/action-plan.csv) reviewed: two actions carried forward in
    the same words, two closed complete, one closed unfinished."""
    plan = built.text.split("Appendix A: Action plan", 2)[2].split("Appendix B")[0]
    assert (
        "3 2 Relative likelihood 1.17 in 2018 (inside the range) Relative likelihood inside "
        "the non-adverse range (0.80 to 1.25) in the 2020 report"
    ) in plan
    assert (
        "5 actions in the 2018 plan: 2 carried forward, 2 closed: complete, 1 closed: not complete."
    ) in plan
    review = plan.split("The 2018 action plan reviewed: 5 actions", 1)[1]
    assert (
        "3 Unconscious bias training for every recruiting manager 2 Red Half of recruiting "
        "managers trained; replaced by diverse interview panels in the 2019 plan Closed: not "
        "complete"
    ) in review
    assert "Second-manager review before any formal disciplinary investigation 3 Complete" in review
    assert review.index("Carried forward") < review.index("Closed: complete")


@pytest.mark.slow
def test_englands_2019_figures_are_in_the_pdf_with_their_source(built):
    page = normalise(BeautifulSoup(built.html, "html.parser").get_text(" "))
    for text in (built.text, re.sub(r"\s+([:;,.)])", r"\1", page)):  # "</strong>:" is not " :"
        assert (
            "England, 2019, for comparison: indicator 2 (appointment from shortlisting) 1.46"
            in (text)
        )
        for figure in ("1.46 (White applicants", "1.22 (BME staff", "1.15 (White staff"):
            assert f"National figure: England, 2019: {figure}" in text
    assert "England, 2019: 19" not in built.text  # no BME share of England's staff for 2019
    # Their sources: in the technical annex's method.
    annex = normalise(
        " ".join(p.extract_text() for p in PdfReader(built.result.files["annex"]).pages)
    )
    assert "Ethnicity facts and figures, 'NHS workforce appointments from shortlisting'" in annex


@pytest.mark.slow
def test_no_code_appears(built):
    for snippet in CODE:
        assert snippet not in built.text, snippet


@pytest.mark.slow
def test_synthetic_data_is_flagged_on_every_page(built):
    assert "SYNTHETIC DATA" in built.pages[0]
    assert all("SYNTHETIC DATA" in p for p in built.pages)


@pytest.mark.slow
def test_action_plan_shows_status_and_overdue_actions(built):
    # The appendix, from its heading (after its line in the contents) to the measures table.
    page = built.text[built.text.rindex("Appendix A: Action plan") :]
    page = page[: page.index("How each action is measured")]
    for status in ("Red", "Amber", "Green", "Complete"):
        assert status in page
    assert "2 overdue" in page and page.count("OVERDUE") == 3  # the key and two actions


@pytest.mark.slow
def test_every_chart_has_alt_text_and_a_key_finding(built):
    soup = BeautifulSoup(built.html, "html.parser")
    images = soup.find_all("img")
    assert len(images) == 9  # one chart per indicator
    for img in images:
        alt = img.get("alt", "")
        assert len(alt) > 60 and alt != MISSING_ALT and not alt.startswith("<Figure"), alt
        caption = img.find_parent("figure").find("figcaption")
        assert caption is not None and caption.get_text().startswith("Key finding: ")
    assert "No description has been provided" not in built.html


@pytest.mark.slow
def test_executed_notebook_records_its_parameters(built):
    nb = nbformat.read(built.result.files["notebook"], as_version=4)
    parameters = nb.metadata["papermill"]["parameters"]
    assert parameters["org"] == ORG and parameters["year"] == YEAR
    # No machine path, no time: the project folder's own name for the parameters.
    assert parameters == {"org": ORG, "year": YEAR, "params_root": "params"}
    text = built.result.files["notebook"].read_text(encoding="utf-8")
    assert str(ROOT) not in text and "/tmp" not in text
    assert nb.metadata["papermill"]["start_time"] is None
    for standard in STANDARDS.values():  # each standard's notebook is committed clean
        cells = nbformat.read(pipeline.notebook_for(standard), 4).cells
        assert not any(c.get("outputs") for c in cells)


# --- a broken input leaves the last report alone ---------------------------------------------


def copy_params(tmp_path: Path, **changes) -> Path:
    """params/ECCH/2019 copied into tmp_path, with `changes` applied to params.yaml. The
    copy reads the demo data wherever it is (data_root is relative to the project folder)."""
    changes.setdefault("data_root", str(DEMO))
    folder = tmp_path / "params" / ORG / str(YEAR)
    shutil.copytree(PARAMS / ORG / str(YEAR), folder)
    path = folder / "params.yaml"
    params = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            params.pop(key)
        else:
            params[key] = value
    path.write_text(yaml.safe_dump(params), encoding="utf-8")
    return tmp_path / "params"


def test_broken_input_names_the_problem_and_keeps_the_previous_report(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    workforce = data / ORG / str(YEAR) / "workforce.csv"
    rows = list(csv.reader(workforce.open(encoding="utf-8")))
    rows[3][rows[0].index("pay_band")] = "Band 42"  # spreadsheet row 4 (the header is row 1)
    with workforce.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    params_root = copy_params(tmp_path, data_root=str(data))
    previous = tmp_path / "output" / ORG / str(YEAR)
    previous.mkdir(parents=True)
    names = WRES.output_names(ORG, YEAR, draft=False)
    for kind, name in names.items():
        (previous / name).write_bytes(f"the last good {kind}\n".encode())
    before = {p.name: p.read_bytes() for p in previous.iterdir()}

    with pytest.raises(InputError) as caught:
        pipeline.build_report(
            ORG,
            YEAR,
            params_root=params_root,
            output_root=tmp_path / "output",
            say=print,
            standard=WRES,
        )

    message = str(caught.value)
    assert "workforce.csv" in message and "row 4" in message and "'pay_band'" in message
    assert "Band 42" in message
    assert {p.name: p.read_bytes() for p in previous.iterdir()} == before
    assert sorted(p.name for p in previous.parent.iterdir()) == [str(YEAR)]  # no leftovers


# --- bad parameters are refused by name ------------------------------------------------------


@pytest.mark.parametrize(
    "changes, named",
    [
        ({"colour": "blue"}, "colour"),
        ({"snapshot_date": "the end of March"}, "snapshot_date"),
        ({"comparators": "SMCH"}, "comparators"),
        ({"settings": {"suppress_to": "seven"}}, "settings.suppress_to"),
        ({"snapshot_date": None}, "snapshot_date"),
        ({"organisation": {"code": "ECCH"}}, "organisation.name"),
    ],
    ids=["unknown key", "wrong type", "wrong list", "wrong nested", "missing", "missing nested"],
)  # fmt: skip
def test_bad_parameters_are_refused_by_name(tmp_path, changes, named):
    root = copy_params(tmp_path, **changes)
    with pytest.raises(InputError) as caught:
        load_params(root / ORG / str(YEAR), ORG, YEAR)
    assert f"'{named}'" in str(caught.value)
    if changes.get("snapshot_date", "") is None:
        assert "required" in str(caught.value)


@pytest.mark.parametrize(
    "org, year, named",
    [("EC/CH", "2019", "ORG"), ("../ECCH", "2019", "ORG"), ("ECCH", "19", "YEAR"),
     ("ECCH", "2019/..", "YEAR"), ("ecch", "twenty", "ORG")],
)  # fmt: skip
def test_org_and_year_are_checked(org, year, named):
    with pytest.raises(InputError) as caught:
        check_org_year(org, year)
    assert str(caught.value).splitlines()[1].strip().startswith(named)


def test_cli_refuses_bad_parameters_with_status_2(tmp_path, capsys):
    root = copy_params(tmp_path, colour="blue")
    out = ["--output-root", str(tmp_path / "output")]
    assert cli.main(["report", ORG, str(YEAR), "--params-root", str(root), *out]) == 2
    assert "'colour'" in capsys.readouterr().err
    assert cli.main(["report", "EC/CH", str(YEAR), *out]) == 2
    assert "ORG" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()


@pytest.mark.slow
def test_wres_command_exits_2_for_a_bad_year(tmp_path):
    wres = Path(sys.executable).with_name("wres")
    command = [str(wres)] if wres.exists() else [sys.executable, "-m", "wres_helpers"]
    done = subprocess.run(
        [*command, "report", ORG, "19", "--output-root", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 2
    assert "YEAR" in done.stderr and "Traceback" not in done.stderr


# --- sections checked without rendering: what they display -----------------------------------


def shown(section, report) -> str:
    """Everything a section displays (HTML and Markdown), captured as the notebook would."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()  # display() is captured only when a shell exists
    with capture_output(display=True) as captured:
        section(report)
    return "\n".join(
        o.data.get("text/html") or o.data.get("text/markdown") or "" for o in captured.outputs
    )


@pytest.mark.slow
def test_sign_off_fields_left_empty_read_to_be_completed(tmp_path):
    root = copy_params(tmp_path, board_lead="", published_at="", board_approval_date=None)
    with contextlib.chdir(ROOT):
        report = ReportData.build(ORG, YEAR, root, standard=WRES)
    html = shown(sections.sign_off, report)
    soup = BeautifulSoup(html, "html.parser")
    cells = [td.get_text(strip=True) for td in soup.find_all("td")]
    rows = dict(zip(cells[::2], cells[1::2], strict=True))
    assert rows == {
        "Board lead": "to be completed",
        "Report author": report.params.report_author,
        "Date of Board approval": "to be completed",
        "Where the report is published": "to be completed",
    }
    assert "This report is a draft: 3 of the 4 sign-off fields are still to be completed" in html


@pytest.mark.slow
def test_background_names_comparators_without_data_for_the_year(tmp_path):
    """A comparator code in params.yaml with no data folder for the year (or none at all)
    is named in the background section, not silently left out."""
    data = tmp_path / "data"
    shutil.copytree(DEMO / ORG, data / ORG)
    shutil.copytree(DEMO / "SMCH", data / "SMCH")
    shutil.copytree(DEMO / "BKCS" / "2018", data / "OLDC" / "2018")  # last year's data only
    root = copy_params(tmp_path, data_root=str(data), comparators=["SMCH", "NONE", "OLDC"])
    report = ReportData.build(ORG, YEAR, root, standard=WRES)
    assert sections.comparators_without_data(report) == ["NONE", "OLDC"]
    html = shown(sections.background, report)
    text = normalise(BeautifulSoup(html, "html.parser").get_text(" "))
    assert f"Comparators with no {YEAR} data NONE, OLDC" in text  # a row of the facts table
    assert "Comparator organisations SMCH" in text
    assert f"Comparators without {YEAR} data: NONE, OLDC." in text
    assert "left out of every comparison" in text
    every = copy_params(tmp_path / "all", data_root=str(data), comparators=["SMCH"])
    assert "Comparators without" not in shown(
        sections.background, ReportData.build(ORG, YEAR, every, standard=WRES)
    )


def test_a_missing_table_is_named_in_each_indicator_it_stops(tmp_path):
    """With only the disciplinary and recruitment files, indicator 3 names the missing
    workforce file (its base), not the disciplinary file it has; 5-8 name the survey."""
    data = tmp_path / "data" / ORG / str(YEAR)
    data.mkdir(parents=True)
    for name in ("disciplinary.csv", "recruitment.csv"):
        shutil.copy(DEMO / ORG / str(YEAR) / name, data / name)
    root = copy_params(tmp_path, data_root=str(tmp_path / "data"), comparators=[])
    report = ReportData.build(ORG, YEAR, root, standard=WRES)
    disciplinary = shown(lambda r: sections.indicator(r, 3), report)
    assert "the workforce file was not in the data folder" in disciplinary
    assert "disciplinary file" not in disciplinary
    assert "the staff survey file was not" in shown(lambda r: sections.indicator(r, 5), report)
    assert "White applicants" in shown(lambda r: sections.indicator(r, 2), report)
