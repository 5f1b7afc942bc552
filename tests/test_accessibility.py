"""Accessibility as a gate: the web page has no W3C validator error and no axe-core WCAG 2.1
A/AA violation in a real browser; the PDF has a title and language, tagged headings in order,
table header cells, alt text on every figure, bookmarks and embedded fonts; a final report
never shows a chart without a description. Checked on three real builds: ECCH 2019 (final,
every table), and a new organisation with two data files missing ("Data not supplied"
sections), as a DRAFT and as a final. The checks are in tests/a11y.py.
"""

from __future__ import annotations

import base64
import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import a11y
import nbformat
import pytest
from nbformat import v4
from PIL import Image
from test_draft_final import fill_in

from wres_helpers.errors import InputError
from wres_helpers.inputs.scaffold import new
from wres_helpers.rendering.render import MISSING_ALT
from wres_helpers.running import pipeline
from wres_helpers.standards import WRES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
NEW = "NEWORG"
LEFT_OUT = ("recruitment.csv", "staff_survey.csv")  # indicators 2 and 5-8 not supplied


@dataclass
class Built:
    html: Path
    pdf: Path
    draft: bool


def _new_org(root: Path) -> Path:
    """NEWORG: ECCH's demo data under a new code, two of its files left out, and a fresh
    params folder made by `wres new`."""
    for year in ("2018", "2019"):
        folder = root / "data" / NEW / year
        shutil.copytree(ROOT / "data" / "demo" / "ECCH" / year, folder)
        for name in LEFT_OUT:
            (folder / name).unlink(missing_ok=True)
    new(NEW, 2019, root / "params", data_root=root / "data", name="New Org Community Health")
    return root / "params"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Built]:
    problems = a11y.missing_tools()
    if problems:
        pytest.fail(f"the accessibility checks need {', '.join(problems)}: {a11y.INSTALL}")
    root = tmp_path_factory.mktemp("project")
    built = {}

    def build(name: str, org: str, params: Path, final: bool = False) -> None:
        out = root / "output" / name
        result = pipeline.build_report(
            org, 2019, params_root=params, output_root=out, final=final, say=print, standard=WRES
        )
        built[name] = Built(result.files["html"], result.files["pdf"], result.draft)

    with contextlib.chdir(ROOT):  # ECCH's params.yaml names its data folder from here
        build("ECCH", "ECCH", ROOT / "params")
    params = _new_org(root)
    build("missing-draft", NEW, params)
    fill_in(params)
    build("missing-final", NEW, params, final=True)
    return built


NAMES = ["ECCH", "missing-draft", "missing-final"]


def test_the_three_reports_are_what_they_claim(reports):
    assert not reports["ECCH"].draft and not reports["missing-final"].draft
    assert reports["missing-draft"].draft and reports["missing-draft"].pdf.name.endswith(
        "-DRAFT.pdf"
    )
    for name in ("missing-draft", "missing-final"):
        html = reports[name].html.read_text(encoding="utf-8")
        assert html.count("Data not supplied: the ") >= 5, name  # indicators 2, 5, 6, 7, 8
    assert "Data not supplied: the " not in reports["ECCH"].html.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_reads_on_a_phone_and_a_desktop(reports, width, tmp_path):
    """No sideways scroll and no word in a table broken across lines, at a phone's 390 px
    and a desktop's 1280; each screenshot kept in the test's folder for a person to look at."""
    shot = tmp_path / f"ECCH-{width}.png"
    problems = a11y.layout_problems(reports["ECCH"].html, width, shot)
    assert problems == [], "\n".join(problems)
    assert shot.stat().st_size > 10_000


def test_the_layout_check_fails_the_page_without_its_phone_styles(reports, tmp_path):
    """The tables as they were on a phone (fixed layout, squeezed to 'Y e a r'): caught."""
    html = reports["ECCH"].html.read_text(encoding="utf-8")
    start = html.index("@media screen and (max-width: 40rem)")
    end = html.index("}\n}", start) + 3
    squeezed = tmp_path / "squeezed.html"
    squeezed.write_text(html[:start] + html[end:], encoding="utf-8")
    problems = a11y.layout_problems(squeezed, 390)
    assert any("words broken across lines" in p for p in problems), problems


def test_the_page_links_its_files_and_says_when_and_whom_to_ask(reports):
    """ECCH's params.yaml: published_on 2019-10-31 and its contact line."""
    html = reports["ECCH"].html.read_text(encoding="utf-8")
    for link in (
        '<a href="ECCH-2019-WRES.pdf">The Board report (PDF)</a>',
        '<a href="indicators.xlsx">Every figure (Excel workbook, XLSX)</a>',
        '<a href="indicators.csv">Every figure (CSV)</a>',
    ):
        assert link in html
    assert "Published 31 October 2019" in html
    assert (
        "Questions, or this report in another format: equality@example.org (synthetic "
        "example); this report in large print, easy read or another format on request" in html
    )
    draft = reports["missing-draft"].html.read_text(encoding="utf-8")
    assert '<a href="NEWORG-2019-WRES-DRAFT.pdf">' in draft  # the name the draft is built as


@pytest.mark.parametrize("name", NAMES)
def test_the_page_has_no_validator_error(reports, name):
    problems = a11y.html_problems(reports[name].html)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_the_page_has_no_wcag_aa_violation_in_chromium(reports, name, tmp_path):
    shot = tmp_path / f"{name}.png"
    problems = a11y.axe_problems(reports[name].html, screenshot=shot)
    assert problems == [], "\n".join(problems)
    width, height = Image.open(shot).size  # the whole page was drawn, not a blank window
    assert width >= 1000 and height > 8000, (width, height)


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_is_tagged_titled_bookmarked_and_described(reports, name):
    html = reports[name].html.read_text(encoding="utf-8")
    alts = a11y.page_alts(html)
    assert len(alts) >= 4, alts  # the charts a report with missing tables still has
    problems = a11y.pdf_problems(reports[name].pdf, alts)
    assert problems == [], "\n".join(problems)
    if not reports[name].draft:
        assert MISSING_ALT not in html
        assert all(alt and alt != MISSING_ALT for alt in alts)


# --- the checks catch what they are for ---------------------------------------------------


def test_the_checks_fail_a_broken_page_and_pdf(reports, tmp_path):
    """The same checks on copies broken on purpose: they must say what is wrong."""
    html = reports["ECCH"].html.read_text(encoding="utf-8")
    broken = tmp_path / "broken.html"
    broken.write_text(
        html.replace('<html lang="en-GB">', "<html>", 1)
        .replace(' alt="', ' data-alt="', 1)
        .replace("<main", "<div><style>p {}</style></div><main", 1),
        encoding="utf-8",
    )
    validator = "\n".join(a11y.html_problems(broken))
    assert "“style” not allowed as child of element “div”" in validator
    assert "Consider adding “lang=" in validator  # (an img in a captioned figure needs no alt)
    axe = "\n".join(a11y.axe_problems(broken))
    assert "html-has-lang" in axe and "image-alt" in axe
    pdf = reports["ECCH"].pdf
    alts = a11y.page_alts(html)
    assert a11y.pdf_problems(pdf, alts[1:]) == [
        f"figure alt texts {alts} are not the page's {alts[1:]}"
    ]


def test_the_pdf_checks_fail_an_untagged_pdf(tmp_path):
    """A PDF as many tools make it: untagged, no language, no bookmarks, no text."""
    pdf = tmp_path / "untagged.pdf"
    Image.new("RGB", (200, 100), "white").save(pdf)
    problems = "\n".join(a11y.pdf_problems(pdf, ["a chart"]))
    for expected in (
        "pdfua UA-01-005: Document has no /StructTreeRoot",
        "pdfua UA-06-001: Catalog has no /Lang entry",
        "pdfinfo: not tagged",
        "structure tree: no tagged headings",
        "pdffonts: no fonts listed",
        "no bookmarks",
        "figure alt texts [] are not the page's ['a chart']",
    ):
        assert expected in problems


def test_a_final_report_refuses_a_chart_without_a_description(tmp_path, monkeypatch):
    """A cell an analyst adds showing a bare picture: a draft shows it with the placeholder
    alt text, the final report is refused, naming the cell, and nothing is published."""
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "#12436D").save(png, format="PNG")
    nb = nbformat.read(pipeline.notebook_for(WRES), as_version=4)
    source = (
        "from IPython.display import display\n"
        f"display({{'image/png': {base64.b64encode(png.getvalue()).decode()!r}}}, raw=True)"
    )
    nb.cells.append(v4.new_code_cell(source))
    notebook = tmp_path / "wres_report.ipynb"
    nbformat.write(nb, notebook)
    monkeypatch.setattr(pipeline, "notebook_for", lambda standard: notebook)
    params = _new_org(tmp_path)
    output = tmp_path / "output"
    draft = pipeline.build_report(NEW, 2019, params_root=params, output_root=output, standard=WRES)
    assert f'alt="{MISSING_ALT}"' in draft.files["html"].read_text(encoding="utf-8")
    fill_in(params)
    with pytest.raises(InputError) as caught:
        pipeline.build_report(
            NEW, 2019, params_root=params, output_root=output, final=True, standard=WRES
        )
    expected = "a chart with a description: show it with present.figure(fig, alt, finding)"
    assert [str(p) for p in caught.value.problems] == [
        f"wres_report.ipynb, cell {len(nb.cells)}: expected {expected}"
    ]
    assert sorted(p.name for p in draft.folder.iterdir()) == sorted(
        f.name for f in draft.files.values()
    )  # the draft is still there, and no final beside it


def test_the_pdf_checks_fail_skipped_headings_and_a_table_without_headers(tmp_path):
    """Typst without its PDF/UA-1 rules (which would refuse both) writes what a careless
    template would: a heading that skips a level, a table with no header row."""
    from wres_helpers.rendering.render import _compiler

    source = '#set document(title: "T")\n= One\n=== Three\n#table(columns: 2, [a], [b])\n'
    pdf = tmp_path / "careless.pdf"
    pdf.write_bytes(_compiler().compile(input=source.encode(), format="pdf"))
    problems = a11y.pdf_problems(pdf, [])
    assert "structure tree: heading H3 follows H1" in problems
    assert "structure tree: table 1 has no header cells (TH)" in problems
    assert any(
        p.startswith("pdfua UA-15-003: Table has 2 data cell(s) and no header") for p in problems
    )
