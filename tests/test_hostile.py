"""Hostile and broken inputs (issue 13): one class per kind of attack, the attacks as data.

TestPublishedPageRunsNothing: every route a string takes into the web page and the PDF.
TestFinalMeansFinished: `--final` refuses, by file and line, while anything is unfinished.
TestYamlAndTextFiles: params.yaml and commentary in any encoding, YAML bombs and huge files.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from nbformat import v4
from pypdf import PdfReader

from wres_helpers.cli import main
from wres_helpers.errors import InputError, UnsafePageError
from wres_helpers.inputs import narrative
from wres_helpers.inputs.params import load_params
from wres_helpers.inputs.scaffold import new
from wres_helpers.presentation import present, safe
from wres_helpers.rendering import render
from wres_helpers.report import ReportData
from wres_helpers.running.pipeline import build_report
from wres_helpers.standards import WDES, WRES

ROOT = Path(__file__).resolve().parent.parent
ECCH = ROOT / "params" / "ECCH" / "2019"

# What a hostile (or careless) user types: HTML and script, URL tricks, Typst code and
# markup, Markdown syntax, a placeholder inside a value, entities and a trailing backslash.
ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "<iframe src=https://evil.example/></iframe>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "[click me](javascript:alert(1))",
    "![tracker](https://evil.example/t.png)",
    '#read("/etc/passwd") #sys.exit() #panic("typst ran this")',
    "] ) } $ x^2 $ #[ = heading",
    "{{ ind2.rl }} and {{ org.name }}",
    "*emph* _under_ `code` <b>bold</b> \\",
    "&lt;script&gt; &amp; &#106;avascript:",
]


def squash(text: str) -> str:
    """Text without its whitespace: a PDF's extracted text breaks lines where it likes."""
    return re.sub(r"\s+", "", text)


def assert_runs_nothing(soup: BeautifulSoup) -> None:
    """No script or embedding element, no on* handler, no javascript: or remote resource."""
    assert not soup.find_all(["script", "iframe", "object", "embed", "svg", "form", "base"])
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], str(tag)[:200]
        for name in ("href", "src", "action", "xlink:href"):
            value = str(tag.get(name, "")).strip().lower()
            assert not value.startswith(("javascript:", "data:text", "vbscript:")), str(tag)
        if tag.name == "img":
            assert tag["src"].startswith("data:image/"), str(tag)[:200]
        if tag.name == "meta":
            assert tag.get("http-equiv", "content-security-policy").lower() == (
                "content-security-policy"
            )
    assert render.active_content(soup) == []


CHROMIUM = shutil.which("chromium")


def csp_violations(page: Path) -> list[str]:
    """What headless chromium's console says the page's Content-Security-Policy blocked."""
    import subprocess

    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr"]
        + ["--v=0", "--dump-dom", page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return [line for line in run.stderr.splitlines() if "Content Security Policy" in line]


def typeset(markup: str, tmp_path: Path) -> str:
    """The text of the PDF that Typst makes from `markup` (after the house style)."""
    style = (render.TEMPLATES / "board-typst" / "board.typ").read_text(encoding="utf-8")
    pdf = tmp_path / "t.pdf"
    render.typst_to_pdf(f'{style}\n#set document(title: "t")\n{markup}', pdf)
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


class Values(dict):
    """Placeholder values: the given ones, and every other name known (as 1.00)."""

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> str:
        return "1.00"


def commentary_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ECCH" / "2019"
    shutil.copytree(ECCH, folder)
    return folder


def refusal(folder: Path, name: str, text: str) -> list[str]:
    """Each problem's line when `text` is added as the first lines of commentary file `name`."""
    path = folder / "commentary" / name
    path.write_text(text + "\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(folder, Values(), standard=WRES)
    return [str(p) for p in caught.value.problems]


class TestPublishedPageRunsNothing:
    """Item 1: whatever an analyst, a data file or a comparator supplies, the page runs and
    fetches nothing, shows the text as written, and the PDF typesets it as text."""

    @pytest.mark.parametrize("attack", ATTACKS)
    def test_a_value_in_generated_markdown_is_text_on_the_page(self, attack):
        bundle = present.markdown_bundle(f"**Left out:** {safe.text(attack)}.")
        soup = BeautifulSoup(bundle["text/html"], "html.parser")
        assert_runs_nothing(soup)
        assert not soup.find_all(["a", "img", "em", "code", "b"])  # no markup from a value
        assert soup.get_text().strip() == f"Left out: {attack}."

    def test_every_value_route_typesets_as_text_in_the_pdf(self, tmp_path):
        import pandas as pd

        parts = [
            present.markdown_bundle(f"Value: {safe.text(a)}")[present.pdf.MIME] for a in ATTACKS
        ]
        parts += [present.heading_bundle(a)[present.pdf.MIME] for a in ATTACKS]
        table = pd.DataFrame({"Action": ATTACKS, "Lead": list(reversed(ATTACKS))})
        parts.append(present.table_bundle(table, ATTACKS[0])[present.pdf.MIME])
        text = squash(typeset("\n".join(parts), tmp_path))
        for attack in ATTACKS:
            assert squash(f"Value: {attack}") in text
            assert text.count(squash(attack)) >= 3  # paragraph, heading, table cell
        assert "root:" not in text  # #read("/etc/passwd") was never run

    @pytest.mark.parametrize("attack", ATTACKS)
    def test_cover_heading_table_and_chart_text_are_escaped(self, attack):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import pandas as pd

        html = [
            present.cover_bundle("Title", attack, 2019, attack, attack, attack, True, True),
            present.heading_bundle(attack),
            present.table_bundle(
                pd.DataFrame({attack: [attack]}, index=pd.Index([attack], name=attack)), attack
            ),
            present.figure_bundle(plt.figure(), attack, attack),
        ]
        for bundle in html:
            soup = BeautifulSoup(bundle["text/html"], "html.parser")
            assert_runs_nothing(soup)
            assert attack in soup.get_text() or soup.find(alt=attack)

    def test_analysts_markdown_keeps_its_markup_and_allowed_links(self):
        html = safe.markdown_html(
            "**Bold**, *emphasis*, `code <b>`, [NHS England](https://www.england.nhs.uk/wres/) "
            "and [the team](mailto:wres@example.org).\n\n- one\n- two\n\n| a | b |\n|---|--:|\n"
            "| 1 | 2 |\n\n<!-- a note to ourselves -->"
        )
        soup = BeautifulSoup(html, "html.parser")
        assert [a["href"] for a in soup.find_all("a")] == [
            "https://www.england.nhs.uk/wres/",
            "mailto:wres@example.org",
        ]
        assert soup.find("code").get_text() == "code <b>"
        assert [t.name for t in soup.find_all(["strong", "em", "ul", "table"])] == [
            "strong",
            "em",
            "ul",
            "table",
        ]
        assert "note to ourselves" not in html

    def test_a_summary_table_cell_shows_the_words_without_markup_or_comments(self):
        from wres_helpers.sections.common import plain_commentary

        text = f"**Bold** <!-- a note to ourselves --> {safe.text('<b>2.24</b>')}\n\n- one"
        assert plain_commentary(text + "\nTODO: more") == "Bold <b>2.24</b> one To be written: more"

    @pytest.mark.parametrize(
        "markdown",
        [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "<javascript:alert(1)>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](http://plain.example/)",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "![remote](https://evil.example/pixel.png)",
            "<script>alert(1)</script>",
            "<div onclick=alert(1)>x</div>",
            '<a href="javascript:alert(1)">x</a>',
            '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        ],
    )
    def test_renderers_drop_what_commentary_refuses(self, markdown, tmp_path):
        """Defence in depth: even text that skipped the commentary check runs nothing."""
        soup = BeautifulSoup(present.markdown_bundle(markdown)["text/html"], "html.parser")
        assert_runs_nothing(soup)
        assert not soup.find_all("a")
        typst = present.markdown_bundle(markdown)[present.pdf.MIME]
        assert "#link(" not in typst and "image(" not in typst

    @pytest.mark.parametrize(
        "text, found, expected",
        [
            ("<script>alert(1)</script>", "<script>alert(1)</script>", "RAW_HTML"),
            ("Hello <b onclick=alert(1)>there.", "<b onclick=alert(1)>", "RAW_HTML"),
            (
                '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
                '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
                "RAW_HTML",
            ),
            ("<iframe src=https://x.example/>", "<iframe src=https://x.example/>", "RAW_HTML"),
            ("See [this](javascript:alert(1)).", "javascript:alert(1)", "LINK"),
            ("See <javascript:alert(1)>.", "javascript:alert(1)", "LINK"),
            ("See [this](http://www.example.org/).", "http://www.example.org/", "LINK"),
            ("See [this](report.pdf).", "report.pdf", "LINK"),
            ("![chart](https://evil.example/p.png)", "https://evil.example/p.png", "IMAGE"),
            ("![chart](local.png)", "local.png", "IMAGE"),
        ],
    )
    def test_commentary_refuses_html_bad_links_and_images_by_file_and_line(
        self, tmp_path, text, found, expected
    ):
        expected = getattr(narrative.prose, expected)
        folder = commentary_folder(tmp_path)
        shown = folder / "commentary" / "background.md"
        assert refusal(folder, "background.md", f"First line.\n{text}") == [
            f"{shown}, line 2: found {found!r}; expected {expected}"
        ]

    def test_commentary_may_hold_comments_code_and_https_links(self, tmp_path):
        folder = commentary_folder(tmp_path)
        path = folder / "commentary" / "background.md"
        extra = (
            "<!-- checked with HR, 3 May -->\n\n`<script>` is code here. See "
            "[the standard](https://www.england.nhs.uk/wres/) or <mailto:wres@example.org>.\n\n"
        )
        path.write_text(extra + path.read_text(encoding="utf-8"), encoding="utf-8")
        text = narrative.load_commentary(folder, Values(), standard=WRES).general("background")
        html = BeautifulSoup(safe.markdown_html(text), "html.parser")
        assert_runs_nothing(html)
        assert "checked with HR" not in str(html)
        assert html.find("code").get_text() == "<script>"

    def test_a_placeholder_value_cannot_add_markup_or_be_filled_again(self, tmp_path):
        folder = commentary_folder(tmp_path)
        name = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ ind2.rl }} #panic("x")'
        loaded = narrative.load_commentary(
            folder, Values({"org.name": safe.text(name)}), standard=WRES
        )
        summary = loaded.general("summary")
        soup = BeautifulSoup(safe.markdown_html(summary), "html.parser")
        assert_runs_nothing(soup)
        assert soup.get_text().startswith(f"This is {name}'s first Workforce Race Equality")

    def test_the_page_guard_refuses_active_content_from_any_output(self):
        nb = v4.new_notebook()
        nb.cells.append(
            v4.new_code_cell(
                outputs=[
                    v4.new_output(
                        "display_data", data={"text/html": '<p onmouseover="alert(1)">hi</p>'}
                    )
                ]
            )
        )
        with pytest.raises(UnsafePageError, match="<p onmouseover>"):
            render.notebook_to_html(nbformat.from_dict(nb))

    @pytest.mark.parametrize(
        "html, found",
        [
            ("<script>1</script>", "<script>"),
            ('<a href="javascript:alert(1)">x</a>', "<a href='javascript:alert(1)'>"),
            ('<a href=" JAVASCRIPT:alert(1)">x</a>', "<a href=' JAVASCRIPT:alert(1)'>"),
            ('<img src="https://evil.example/p.png">', "<img src='https://evil.example/p.png'>"),
            ('<meta http-equiv="refresh" content="0;url=x">', "<meta"),
            ('<svg onload="alert(1)"></svg>', "<svg onload>"),
            ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link>"),
        ],
    )
    def test_active_content_names_what_it_found(self, html, found):
        listed = render.active_content(BeautifulSoup(html, "html.parser"))
        assert any(item.startswith(found) for item in listed), listed

    @pytest.mark.slow
    def test_a_report_built_from_hostile_values_runs_and_fetches_nothing(self, hostile_report):
        result = hostile_report
        page = result.files["html"].read_text(encoding="utf-8")
        soup = BeautifulSoup(page, "html.parser")
        assert_runs_nothing(soup)
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert "default-src 'none'" in csp["content"] and "script-src" not in csp["content"]
        text = soup.get_text()
        assert soup.select_one(".cover-org").get_text() == HOSTILE_NAME
        for attack in (HOSTILE_NAME, *HOSTILE_ACTION):
            assert attack in text, attack
        # The survey questions are the method's, in the technical annex (never the page); the
        # kept notebook's HTML of them is escaped, and the annex shows them as text.
        outputs = "".join(
            o.get("data", {}).get("text/html", "")
            for cell in nbformat.read(result.files["notebook"], as_version=4).cells
            for o in cell.get("outputs", [])
        )
        for attack in HOSTILE_QUESTIONS.values():
            assert attack not in text and attack not in page, attack
            escaped = {html.escape(attack), html.escape(attack, quote=False)}
            assert attack not in outputs and any(e in outputs for e in escaped), attack
        annex = squash("\n".join(p.extract_text() for p in PdfReader(result.files["annex"]).pages))
        for attack in HOSTILE_QUESTIONS.values():
            assert squash(attack) in annex, attack
        assert text.count(HOSTILE_NAME) >= 2  # the cover, and {{ org.name }} in the summary
        assert "(SMCH) is left out of every comparison" in text
        # The broken file is named from the data folder, never by its path on this machine.
        assert "(data/SMCH/2019/" in text and "pytest-of" not in text
        assert HOSTILE_NAME in soup.title.get_text()
        assert [a["href"] for a in soup.select("main a[href^=http]")] == [
            "https://www.england.nhs.uk/wres/"
        ]
        reader = PdfReader(result.files["pdf"])
        uris = [
            annotation.get_object()["/A"]["/URI"]
            for page in reader.pages
            for annotation in page.get("/Annots") or []
            if "/URI" in annotation.get_object().get("/A", {})
        ]
        assert uris == ["https://www.england.nhs.uk/wres/"]  # the PDF's only web link
        pdf = squash("\n".join(p.extract_text() for p in reader.pages))
        for attack in (HOSTILE_NAME, *HOSTILE_ACTION):
            assert squash(attack) in pdf, attack
        assert squash('#panic("typst ran this")') in pdf  # shown, never run

    @pytest.mark.slow
    @pytest.mark.browser
    @pytest.mark.skipif(not CHROMIUM, reason="needs chromium")
    def test_the_hostile_page_is_valid_html_and_its_policy_blocks_none_of_it(self, hostile_report):
        """The policy costs the page nothing: the browser blocks none of its styles or
        charts, and the W3C validator accepts the page, its policy and its escaped text."""
        import a11y

        assert csp_violations(hostile_report.files["html"]) == []
        assert a11y.html_problems(hostile_report.files["html"]) == []

    @pytest.mark.browser
    @pytest.mark.skipif(not CHROMIUM, reason="needs chromium")
    def test_the_preview_allows_its_own_reload_script_and_no_other(self, tmp_path):
        import subprocess

        from wres_helpers.running.preview import _allow

        template = render.TEMPLATES / "board" / "index.html.j2"
        policy = re.search(
            r'<meta http-equiv="Content-Security-Policy"[^>]*>', template.read_text()
        )
        own = '<script>document.title += " reloader ran";</script>'
        other = '<script>document.title += " other ran";</script>'
        page = tmp_path / "page.html"
        html = f"<!DOCTYPE html><html><head>{policy.group()}<title>t</title></head><body>"
        page.write_text(_allow(own, html + own + other + "</body></html>"))
        dom = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"]
            + [page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        assert "<title>t reloader ran</title>" in dom
        assert [v for v in csp_violations(page) if "inline script" in v] != []  # the other

    @pytest.mark.browser
    @pytest.mark.skipif(not CHROMIUM, reason="needs chromium")
    def test_the_pages_policy_blocks_a_script_that_got_in(self, tmp_path):
        template = render.TEMPLATES / "board" / "index.html.j2"
        policy = re.search(
            r'<meta http-equiv="Content-Security-Policy"[^>]*>', template.read_text()
        )
        page = tmp_path / "page.html"
        page.write_text(
            f"<!DOCTYPE html><html><head>{policy.group()}<title>before</title></head><body>"
            '<script>document.title = "ran"</script><img src="https://example.org/x.png" alt="">'
            "</body></html>"
        )
        violations = csp_violations(page)
        assert len(violations) == 2 and "inline script" in violations[0]
        assert "img-src data:" in violations[1]


HOSTILE_NAME = '<script>alert("org")</script> & #panic("typst ran this") ] $ [x](javascript:1)'
HOSTILE_QUESTIONS = {5: "<img src=x onerror=alert(5)>", 6: '"><svg onload=alert(6)>'}
HOSTILE_ACTION = ("<iframe src=https://evil.example/></iframe> Panels", '#read("/etc/passwd")')


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """The report built from `hostile_project`, once for the tests that read it."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    params_root, _ = hostile_project(tmp_path)
    return build_report(
        "ECCH", 2019, params_root=params_root, output_root=tmp_path / "o", standard=WRES
    )


def hostile_project(tmp_path: Path) -> tuple[Path, Path]:
    """ECCH 2019 with hostile values on every route: the organisation's name in params.yaml,
    survey question labels, action-plan cells, a comparator whose bad file is quoted, and
    commentary holding code, placeholders and Typst."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "demo", data)
    params_root = tmp_path / "params"
    folder = params_root / "ECCH" / "2019"
    shutil.copytree(ECCH, folder)
    params = yaml.safe_load((folder / "params.yaml").read_text(encoding="utf-8"))
    params["organisation"]["name"] = HOSTILE_NAME
    params["data_root"] = str(data)
    (folder / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    survey = data / "ECCH" / "2019" / "staff_survey.csv"
    rows = list(csv.DictReader(survey.open(encoding="utf-8")))
    for row in rows:
        row["question"] = HOSTILE_QUESTIONS.get(int(row["indicator"]), row["question"])
    _write_rows(survey, rows)
    plan = folder / "action-plan.csv"
    rows = list(csv.DictReader(plan.open(encoding="utf-8")))
    rows[0]["action"], rows[0]["lead"] = HOSTILE_ACTION
    rows[0]["progress"] = "{{ ind2.rl }} javascript:alert(1)"
    _write_rows(plan, rows)
    smch = data / "SMCH" / "2019" / "workforce.csv"
    rows = list(csv.DictReader(smch.open(encoding="utf-8")))
    rows[0]["pay_band"] = "<script>alert('peer')</script>"
    _write_rows(smch, rows)
    summary = folder / "commentary" / "summary.md"
    summary.write_text(
        summary.read_text(encoding="utf-8")
        + "\n\nCode: `<script>alert(1)</script>`. Escaped: \\<img src=x onerror=alert(2)\\>. "
        'Typst: #panic("typst ran this") $ ] #read("/etc/passwd"). The name again: '
        "{{ org.name }}. [The standard](https://www.england.nhs.uk/wres/).\n",
        encoding="utf-8",
    )
    return params_root, data


def _write_rows(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --- item 5 --------------------------------------------------------------------------------


def make_finished(root: Path) -> Path:
    """A scratch copy of ECCH 2019, which is finished: its final report may be built."""
    shutil.copytree(ROOT / "data" / "demo" / "ECCH", root / "data" / "ECCH")
    folder = root / "params" / "ECCH" / "2019"
    shutil.copytree(ECCH, folder)
    path = folder / "params.yaml"
    text = path.read_text(encoding="utf-8").replace("data_root: data/demo", "data_root: data")
    path.write_text(text.replace("comparators: [SMCH, BKCS, OHCC, HDCH, KMCP, LPCH]", ""))
    return root / "params"


@pytest.fixture
def finished(tmp_path: Path) -> Path:
    return make_finished(tmp_path)


@pytest.fixture(scope="module")
def finished_figures(tmp_path_factory) -> ReportData:
    """ECCH 2019 built once from a finished copy: most tests below change only the words."""
    return ReportData.build(
        "ECCH", 2019, make_finished(tmp_path_factory.mktemp("finished")), standard=WRES
    )


def unfinished(params_root: Path, figures: ReportData | None = None) -> list[str]:
    """What stops a final report; with `figures` (the same data), only the words are read."""
    if figures is None:
        return ReportData.build("ECCH", 2019, params_root, standard=WRES).missing_for_final()
    return figures.with_words_from(params_root / "ECCH" / "2019").missing_for_final()


def add_line(params_root: Path, name: str, line: str) -> Path:
    path = params_root / "ECCH" / "2019" / "commentary" / name
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{line}\n", encoding="utf-8")
    return path


class TestFinalMeansFinished:
    """Item 5: a final report is refused, naming file and line, while any prompt, broken
    placeholder, empty section, missing action plan, future approval or empty workforce
    remains. A draft is still built, and says what is missing."""

    def test_the_finished_copy_has_nothing_missing(self, finished):
        assert unfinished(finished) == []

    @pytest.mark.parametrize(
        "prompt",
        [
            "TODO: say what it means",
            "todo write this",
            "**TODO**",
            "- todo: the numbers",
            "<!-- TODO: check with HR -->",
            "_ToDo_ later",
            "TO-DO: Board paper",
            "> to_do",
        ],
    )
    def test_a_prompt_in_any_case_or_markdown_form_is_named_by_file_and_line(
        self, finished, finished_figures, prompt
    ):
        path = add_line(finished, "indicator-4.md", prompt)
        line = len(path.read_text(encoding="utf-8").splitlines())
        assert unfinished(finished, finished_figures) == [
            f"commentary still has a prompt: {path}, line {line}: {prompt}"
        ]

    def test_to_do_in_prose_is_not_a_prompt(self, finished, finished_figures):
        add_line(finished, "indicator-4.md", "What we need to do next is train the panels.")
        assert unfinished(finished, finished_figures) == []

    @pytest.mark.parametrize(
        "broken",
        ["{{ind2.rl}", "{ ind2.rl }}", "{ind2.rl}", "{{{ ind2.rl }}}", "{{ ind2.rl } }"],
    )
    def test_a_malformed_placeholder_is_refused_by_file_and_line(
        self, finished, finished_figures, broken
    ):
        path = add_line(finished, "summary.md", f"The likelihood is {broken} this year.")
        line = len(path.read_text(encoding="utf-8").splitlines())
        with pytest.raises(InputError) as caught:
            unfinished(finished, finished_figures)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}, line {line}: found 'The likelihood is {broken} this year.'; expected "
            "each placeholder written {{ name }}, with two braces each side"
        ]

    @pytest.mark.parametrize("body", ["", "   \n\n", "<!-- to be written -->"])
    def test_an_empty_section_is_named(self, finished, finished_figures, body):
        folder = finished / "ECCH" / "2019" / "commentary"
        (folder / "other-factors.md").write_text(body, encoding="utf-8")
        path = folder / "indicator-6.md"
        text = path.read_text(encoding="utf-8")
        head, _ = text.split("## Action taken and planned")
        path.write_text(head + "## Action taken and planned\n" + body, encoding="utf-8")
        assert unfinished(finished, finished_figures) == [
            f"commentary has an empty section: {folder / 'other-factors.md'}: the section is empty",
            f"commentary has an empty section: {path}: '## Action taken and planned' is empty",
        ]

    def test_a_missing_or_empty_action_plan_is_named(self, finished, finished_figures):
        plan = finished / "ECCH" / "2019" / "action-plan.csv"
        header = plan.read_text(encoding="utf-8").splitlines()[0]
        plan.write_text(header + "\n", encoding="utf-8")
        assert unfinished(finished, finished_figures) == [f"{plan}: the action plan has no actions"]
        plan.unlink()
        assert unfinished(finished, finished_figures) == [f"{plan}: no action plan (or .xlsx)"]

    def test_the_wdes_action_plan_is_looked_for_in_its_own_folder(self, finished):
        wdes = finished / "ECCH" / "2019" / "wdes"
        (wdes / "action-plan.csv").unlink()  # the WRES plan beside it does not count
        report = ReportData.build("ECCH", 2019, finished, standard=WDES)
        assert report.missing_for_final() == [
            f"{wdes / 'action-plan.csv'}: no action plan (or .xlsx)"
        ]

    def test_an_approval_after_the_reports_date_is_named(self, finished):
        report = ReportData.build("ECCH", 2019, finished, standard=WRES)
        earlier = dataclasses.replace(report, report_date=dt.date(2019, 9, 30))
        assert earlier.missing_for_final() == [
            f"{finished / 'ECCH' / '2019' / 'params.yaml'}: board_approval_date 2019-10-17 is "
            "after the report's date, 2019-09-30"
        ]

    def test_a_workforce_file_with_no_staff_is_named(self, finished):
        workforce = finished.parent / "data" / "ECCH" / "2019" / "workforce.csv"
        header = workforce.read_text(encoding="utf-8").splitlines()[0]
        workforce.write_text(header + "\n", encoding="utf-8")
        (workforce.parent / "disciplinary.csv").unlink()  # cases without staff are refused
        missing = unfinished(finished)
        assert [m for m in missing if "no staff" in m] == [
            f"{workforce}: no staff (a final report needs the workforce data)"
        ]

    def test_make_final_refuses_with_every_line_and_builds_nothing(
        self, finished, tmp_path, capsys
    ):
        prompt = add_line(finished, "summary.md", "**TODO** the Board's view")
        (finished / "ECCH" / "2019" / "action-plan.csv").unlink()
        output = tmp_path / "output"
        args = ["report", "ECCH", "2019", "--final", "--params-root", str(finished)]
        assert main([*args, "--output-root", str(output)]) == 2
        err = capsys.readouterr().err.split("2 problems")[-1]
        line = len(prompt.read_text(encoding="utf-8").splitlines())
        assert ("2 problems" + err).splitlines() == [
            "2 problems in the input files:",
            f"  final report: expected nothing missing; still missing: commentary still has "
            f"a prompt: {prompt}, line {line}: **TODO** the Board's view",
            "  final report: expected nothing missing; still missing: "
            f"{finished / 'ECCH' / '2019' / 'action-plan.csv'}: no action plan (or .xlsx)",
        ]
        assert not output.exists()


# --- item 6, the YAML and text part -----------------------------------------------------------


@pytest.fixture
def params_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ECCH" / "2019"
    shutil.copytree(ECCH, folder)
    return folder


def params_problems(folder: Path, data: bytes) -> list[str]:
    (folder / "params.yaml").write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_params(folder)
    return [str(p) for p in caught.value.problems]


NAME_1252 = "Sainte-Anne’s Healthcare – Ünïted"


class TestYamlAndTextFiles:
    """Item 6 (params.yaml and commentary): every encoding an editor saves is read or refused
    in one line; YAML tags, alias bombs and huge files are refused before they cost anything."""

    def original(self, folder: Path) -> str:
        return (folder / "params.yaml").read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        "encode",
        [
            lambda t: t.encode("utf-8"),
            lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
            lambda t: t.encode("utf-16"),  # with its byte-order mark, as Notepad saves it
            lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
            lambda t: t.encode("cp1252"),
            lambda t: t.replace("\n", "\r\n").encode("cp1252"),
        ],
        ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "cp1252-crlf"],
    )
    def test_params_in_each_encoding_read_correctly(self, params_folder, encode):
        text = self.original(params_folder).replace("East Coast Community Healthcare", NAME_1252)
        (params_folder / "params.yaml").write_bytes(encode(text))
        params = load_params(params_folder)
        assert params.organisation.name == NAME_1252
        assert params.board_approval_date == dt.date(2019, 10, 17)

    def test_utf16_without_its_mark_is_refused_in_one_line(self, params_folder):
        shown = params_folder / "params.yaml"
        data = self.original(params_folder).encode("utf-16-le")
        assert params_problems(params_folder, data) == [
            f"{shown}: expected UTF-8 text; this looks like UTF-16: save it as UTF-8 (in "
            "Notepad: File, Save as, Encoding UTF-8)"
        ]

    def test_a_nul_character_is_refused_with_its_line(self, params_folder):
        data = self.original(params_folder).replace("year: 2019", "year: 20\x0019").encode()
        line = self.original(params_folder).splitlines().index("year: 2019") + 1
        assert params_problems(params_folder, data) == [
            f"{params_folder / 'params.yaml'}, line {line}: expected text without NUL "
            "characters; save it as UTF-8 (in Notepad: File, Save as, Encoding UTF-8)"
        ]

    def test_a_python_tag_is_refused_and_never_run(self, params_folder, tmp_path):
        marker = tmp_path / "ran"
        text = (
            self.original(params_folder)
            + f"x: !!python/object/apply:os.system ['touch {marker}']\n"
        )
        line = len(text.splitlines())
        assert params_problems(params_folder, text.encode()) == [
            f"{params_folder / 'params.yaml'}, line {line}: expected valid YAML (could not "
            "determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:"
            "os.system')"
        ]
        assert not marker.exists()

    def test_an_alias_bomb_is_refused_at_once(self, params_folder):
        bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
            bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        text = self.original(params_folder) + "\n".join(bomb) + "\n"
        line = len(self.original(params_folder).splitlines()) + 2  # the sixth alias, on b:
        start = time.perf_counter()
        assert params_problems(params_folder, text.encode()) == [
            f"{params_folder / 'params.yaml'}, line {line}: expected valid YAML (at most 5 "
            "aliases (*name))"
        ]
        assert time.perf_counter() - start < 1

    def test_a_huge_file_is_refused_by_its_size(self, params_folder):
        text = self.original(params_folder) + "# " + "x" * (300 * 1024) + "\n"
        size = len(text.encode()) // 1024
        assert params_problems(params_folder, text.encode()) == [
            f"{params_folder / 'params.yaml'}: expected a file of at most 256 KB; this one is "
            f"{size} KB"
        ]

    def test_thousands_of_bad_keys_give_twenty_lines_and_a_count(self, params_folder):
        text = self.original(params_folder) + "".join(f"key{i}: 1\n" for i in range(5000))
        problems = params_problems(params_folder, text.encode())
        assert len(problems) == 21
        assert problems[0].startswith(f"{params_folder / 'params.yaml'}, parameter 'key0': ")
        assert problems[-1] == (
            f"{params_folder / 'params.yaml'}: expected fewer problems: 4980 more are not listed"
        )

    def test_a_huge_value_is_quoted_short(self, params_folder):
        text = self.original(params_folder).replace('version: "1.0"', f"version: [{'1, ' * 5000}]")
        assert params_problems(params_folder, text.encode()) == [
            f"{params_folder / 'params.yaml'}, parameter 'version': found '(a list or map)'; "
            "expected Input should be a valid string"
        ]

    def test_a_folder_where_params_should_be_is_refused(self, params_folder):
        (params_folder / "params.yaml").unlink()
        (params_folder / "params.yaml").mkdir()
        with pytest.raises(InputError) as caught:
            load_params(params_folder)
        assert [str(p) for p in caught.value.problems] == [
            f"{params_folder / 'params.yaml'}: expected a text file; this is a folder"
        ]

    @pytest.mark.parametrize(
        "encode",
        [
            lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
            lambda t: t.encode("utf-16"),
            lambda t: t.replace("\n", "\r\n").encode("cp1252"),
        ],
        ids=["utf-8-bom", "utf-16-bom", "cp1252-crlf"],
    )
    def test_commentary_in_each_encoding_reads_correctly(self, params_folder, encode):
        path = params_folder / "commentary" / "indicator-2.md"
        text = (
            "## Implications\n\nCafé – “quoted” {{ ind2.rl }}.\n\n"
            "## Action taken and planned\n\nDone.\n"
        )
        path.write_bytes(encode(text))
        loaded = narrative.load_commentary(
            params_folder, Values({"ind2.rl": "1.59"}), standard=WRES
        )
        assert loaded.implications(2) == "Café – “quoted” 1.59."
        assert loaded.actions(2) == "Done."

    def test_a_nul_in_commentary_is_refused_with_its_line(self, params_folder):
        path = params_folder / "commentary" / "summary.md"
        path.write_bytes(b"Line one.\nLine\x00 two.\n")
        with pytest.raises(InputError) as caught:
            narrative.load_commentary(params_folder, Values(), standard=WRES)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}, line 2: expected text without NUL characters; save it as UTF-8 (in "
            "Notepad: File, Save as, Encoding UTF-8)"
        ]

    def test_last_years_commentary_in_windows_1252_is_carried_forward_as_utf8(self, tmp_path):
        last = tmp_path / "ECCH" / "2019"
        shutil.copytree(ECCH, last)
        text = "## Implications\n\nCafé – “quoted”.\n\n## Action taken and planned\n\nDone.\n"
        (last / "commentary" / "indicator-2.md").write_bytes(
            text.replace("\n", "\r\n").encode("cp1252")
        )
        new("ECCH", 2020, tmp_path)
        carried = (tmp_path / "ECCH" / "2020" / "commentary" / "indicator-2.md").read_bytes()
        assert carried.decode("utf-8").endswith("\n\n" + text)

    def test_a_huge_commentary_file_or_a_folder_in_its_place_is_refused(self, params_folder):
        summary = params_folder / "commentary" / "summary.md"
        summary.write_text("Words. " * 200_000, encoding="utf-8")
        other = params_folder / "commentary" / "other-factors.md"
        other.unlink()
        other.mkdir()
        with pytest.raises(InputError) as caught:
            narrative.load_commentary(params_folder, Values(), standard=WRES)
        assert [str(p) for p in caught.value.problems] == [
            f"{summary}: expected a file of at most 1024 KB; this one is 1.3 MB",
            f"{other}: expected a text file; this is a folder",
        ]

    BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"

    def test_the_local_code_list_is_read_in_any_encoding_and_refuses_a_bomb(self, tmp_path):
        from wres_helpers.inputs.codes import load_codes

        path = tmp_path / "ECCH" / "local-codes.yaml"
        path.parent.mkdir()
        path.write_bytes("ethnic_category:\n  Not disclosed – asked: Z\n".encode("cp1252"))
        codes = load_codes(tmp_path, "ECCH")
        assert codes.raw_keys[("ethnic_category", "not disclosed asked")] == "Not disclosed – asked"
        path.write_text(self.BOMB, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_codes(tmp_path, "ECCH")
        assert [str(p) for p in caught.value.problems] == [
            f"{path}, line 2: expected a YAML mapping of sections to codes (see "
            "docs/analyst-guide.md)"
        ]

    def test_a_columns_file_that_is_a_bomb_or_huge_is_refused(self, tmp_path):
        from wres_helpers.inputs.columns import load_specs

        path = tmp_path / "ECCH" / "2019" / "columns.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(self.BOMB, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_specs(path.parent)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}, line 2: expected YAML as in docs/analyst-guide.md"
        ]
        path.write_text("# " + "x" * 300_000, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_specs(path.parent)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}: expected a file of at most 256 KB; this one is 292 KB"
        ]


# --- text direction and entities (issue 21, item 10) --------------------------------------------

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


class TestTextDirection:
    @pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
    def test_a_direction_control_in_a_name_is_refused_by_file_and_line(self, params_folder, char):
        path = params_folder / "params.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("  name: ")
        line = text.count("\n", 0, start) + 1
        text = text[:start] + f"  name: East {char}Coast\n" + text[text.index("\n", start) + 1 :]
        problems = params_problems(params_folder, text.encode("utf-8"))
        assert len(problems) == 1
        assert problems[0].startswith(f"{path}, line {line}: expected text without ")
        assert f"U+{ord(char):04X}" in problems[0]

    @pytest.mark.parametrize("written", ["&#x202E;", "&#x202e;", "&#8238;", "&#X2067;"])
    def test_a_direction_control_written_as_an_entity_in_commentary_is_refused(
        self, params_folder, written
    ):
        """Markdown would turn `&#x202E;` into the character: "10.5%" would read "%5.01"."""
        path = params_folder / "commentary" / "summary.md"
        path.write_text(f"Line one.\n\nThe rate is {written}10.5%.\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            narrative.load_commentary(params_folder, Values(), standard=WRES)
        [problem] = [str(p) for p in caught.value.problems]
        assert problem.startswith(f"{path}, line 3: expected text without text-direction")
        assert f"written as {written}" in problem

    def test_the_marks_that_only_say_a_direction_are_allowed(self, params_folder):
        path = params_folder / "commentary" / "summary.md"
        path.write_text("Arabic \u200fنص\u200e and &#8206; mark.\n", encoding="utf-8")
        narrative.load_commentary(params_folder, Values(), standard=WRES)

    def test_a_table_cell_loses_its_direction_controls_on_page_and_pdf(self):
        """An action-plan cell or a raw code in the appendix: shown without the control."""
        import pandas as pd

        bundle = present.table_bundle(pd.DataFrame({"Action": ["Lead \u202eHR"]}), "Plan\u2067")
        for form in ("text/html", "text/x-typst"):
            assert not re.search("[\u202a-\u202e\u2066-\u2069]", bundle[form]), form
        assert "Lead HR" in bundle["text/html"]

    def test_a_value_from_a_data_file_loses_its_direction_controls_on_page_and_pdf(self):
        from wres_helpers.presentation import markup

        value = "Any other \u202eethnic group\u2066"
        assert safe.text(value) == "Any other ethnic group"
        assert markup.text(value) == "Any other ethnic group"
        assert "\u202e" not in safe.markdown_html("x \u202e10.5%")
        assert "\u202e" not in markup.markdown("x \u202e10.5%")


@pytest.mark.parametrize(
    "md, shown",
    [
        ("R&amp;D", "R&D"),
        ("R&D", "R&D"),
        ("&copy; 2019 &lt;trust&gt;", "© 2019 <trust>"),
        ("AT&#38;T", "AT&T"),
        ("literal R\\&amp;D", "literal R&amp;D"),  # an escaped '&' stays one
        ("`R&amp;D` in code", "R&amp;D in code"),  # entities are literal in code
        # a value written into a sentence after emphasis: the PDF showed `<b>` here
        ("**Left out:** " + safe.text("&lt;b&gt; &amp;"), "Left out: &lt;b&gt; &amp;"),
    ],
)
def test_entities_read_the_same_on_the_page_and_in_the_pdf(md, shown):
    """Both renderers read Markdown entities as CommonMark does; the page showed `R&amp;D`."""
    from wres_helpers.presentation import markup

    page = BeautifulSoup(safe.markdown_html(md), "html.parser").get_text()
    assert page.strip() == shown
    pdf = markup.markdown(md)
    pdf = re.sub(r'#raw\("(.*?)"\)|#strong\[(.*?)\]', r"\1\2", pdf).replace("\\", "")
    assert pdf == shown
