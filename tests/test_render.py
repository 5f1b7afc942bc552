"""The renderer: executed notebook → HTML page, and → Typst → A4 PDF, checked through pypdf."""

from __future__ import annotations

import base64
import datetime as dt
import re

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure
from nbformat import v4
from pypdf import PdfReader

from wres_helpers.errors import TypesettingError
from wres_helpers.presentation import present
from wres_helpers.rendering.render import (
    notebook_to_html,
    notebook_to_pdf,
    notebook_to_typst,
    page_count,
    typst_to_pdf,
)

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80">'
    '<rect width="120" height="30" fill="#12436D"/></svg>'
)
SVG_ALT = "Bar showing 120 White staff in band 5"
CHART_ALT = "Line chart of BME share rising from 10% in 2021 to 14% in 2024"
CHART_FINDING = "The BME share of the workforce rose by four points in three years."
ROWS = 120  # table rows: more than an A4 page holds


def _output(bundle: dict[str, str]) -> nbformat.NotebookNode:
    return v4.new_output("display_data", data=bundle)


def _output_cell(*outputs: nbformat.NotebookNode, tags: tuple[str, ...] = ()):
    cell = v4.new_code_cell("present.something()", metadata={"tags": list(tags)})
    cell.outputs = list(outputs)
    return cell


def _chart() -> dict[str, str]:
    present.set_chart_style()
    fig = Figure()  # no pyplot, so no GUI backend in tests
    ax = fig.subplots()
    ax.plot([2021, 2022, 2023, 2024], [10, 11, 13, 14], label="BME")
    ax.set_xticks([2021, 2022, 2023, 2024])
    ax.set_title("BME share of workforce (%)")
    return present.figure_bundle(fig, CHART_ALT, CHART_FINDING)


def _table() -> dict[str, str]:
    df = pd.DataFrame(
        {
            "Band": [f"Band {i % 9 + 1} row {i}" for i in range(ROWS)],
            "White": range(ROWS),
            "BME": [i * 0.5 for i in range(ROWS)],
        }
    )
    return present.table_bundle(df, "Headcount by band (synthetic)")


def build_notebook(synthetic: bool = True, draft: bool = True) -> nbformat.NotebookNode:
    cover = present.cover_bundle(
        "Workforce Race Equality Standard report",
        "Example Community Health NHS Trust",
        "2024",
        "OFFICIAL",
        "0.3",
        dt.date(2024, 6, 3),
        synthetic=synthetic,
        draft=draft,
        short_title="WRES 2024 · Example Community Health",
    )
    injected = v4.new_code_cell('organisation = "INJECTED_ORG"')
    injected.metadata["tags"] = ["injected-parameters"]
    injected.outputs = [v4.new_output("stream", name="stdout", text="INJECTED_ORG\n")]
    secret = v4.new_code_cell("SECRET_CODE = 1\nprint('Shown output line')")
    secret.outputs = [
        v4.new_output("stream", name="stdout", text="Shown output line\n"),
        v4.new_output("stream", name="stderr", text="FutureWarning: noisy\n"),
    ]
    svg_output = v4.new_output(
        "display_data",
        data={"image/svg+xml": SVG, "text/plain": "<Figure size 640x480 with 1 Axes>"},
        metadata={"image/svg+xml": {"alt": SVG_ALT}},
    )
    cells = [
        injected,
        _output_cell(_output(cover)),
        _output_cell(_output(present.contents_bundle())),
        v4.new_markdown_cell("## Background narrative\n\nThe data are complete for 2024."),
        secret,
        _output_cell(_output(present.heading_bundle("Staff in post", 3)), svg_output),
        _output_cell(_output(_chart())),
        v4.new_markdown_cell("## Indicator 1: pay bands"),
        _output_cell(_output(_table())),
    ]
    return v4.new_notebook(cells=cells)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    nb = build_notebook()
    html = notebook_to_html(nb)
    pdf_path = tmp_path_factory.mktemp("render") / "report.pdf"
    (pdf_path.with_suffix(".html")).write_text(html, encoding="utf-8")
    pages = notebook_to_pdf(nb, pdf_path)
    reader = PdfReader(pdf_path)
    # Typst puts a word joiner before each contents page number.
    texts = [page.extract_text().replace("\u2060", "") for page in reader.pages]
    return html, pages, reader, texts


def test_page_count_matches_pdf(rendered):
    """Worked out from the notebook: the cover, then the contents with both sections after
    it on page 2 (a section starts a page only when less than a tenth of one is left), the
    second's 120-row table running on to pages 3 and 4 under its repeated header."""
    _, pages, reader, texts = rendered
    assert pages == 4
    assert len(reader.pages) == 4
    assert texts[1].split("\n")[2] == "Contents"
    second = texts[1].split("Contents", 1)[1]
    assert "Background narrative" in second and "Indicator 1: pay bands" in second
    assert texts[2].split("\n")[2].startswith("Band White BME")
    assert texts[3].split("\n")[2].startswith("Band White BME")


def test_the_page_count_is_read_from_the_page_tree_or_else_by_pypdf(tmp_path):
    """Three pages asked for, three counted; the same file with its page tree's keys in
    another order (as another writer might lay it out, same length so the offsets hold) is
    counted by pypdf, and still three."""
    source = '#set document(title: "Three")\nOne.\n#pagebreak()\nTwo.\n#pagebreak()\nThree.\n'
    assert typst_to_pdf(source, tmp_path / "three.pdf") == 3
    pdf = (tmp_path / "three.pdf").read_bytes()
    assert page_count(pdf) == 3
    reordered = pdf.replace(b"/Type/Pages/Count 3", b"/Count 3/Type/Pages")
    assert reordered != pdf and len(reordered) == len(pdf)
    assert len(PdfReader(tmp_path / "three.pdf").pages) == 3
    assert page_count(reordered) == 3


def test_headings_and_table_text_in_pdf(rendered):
    text = "\n".join(rendered[3])
    for expected in ("Background narrative", "Staff in post", "Indicator 1: pay bands"):
        assert expected in text
    assert "Headcount by band (synthetic)" in text
    assert f"Band {(ROWS - 1) % 9 + 1} row {ROWS - 1}" in text
    assert "Shown output line" in text


def test_code_and_parameters_hidden(rendered):
    html, _, _, texts = rendered
    source = notebook_to_typst(build_notebook())
    for leaked in ("SECRET_CODE", "INJECTED_ORG", "present.something", "FutureWarning"):
        assert leaked not in html
        assert leaked not in source
        assert leaked not in "\n".join(texts)


def test_footer_numbers_every_page_but_cover(rendered):
    _, pages, _, texts = rendered
    assert "Page 1 of" not in texts[0]  # the cover carries no footer
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {pages}" in text
        assert "OFFICIAL" in text


def _outline(items) -> dict[str, dict]:
    """A pypdf outline as {title: {child title: ...}} (a list after a bookmark holds its
    children)."""
    tree: dict[str, dict] = {}
    last = None
    for item in items:
        if isinstance(item, list):
            tree[last] = _outline(item)
        else:
            last = item.title
            tree[last] = {}
    return tree


def _find(tree: dict[str, dict], title: str) -> dict | None:
    """The children of the bookmark `title`, wherever it is in the tree."""
    for name, children in tree.items():
        if name == title:
            return children
        found = _find(children, title)
        if found is not None:
            return found
    return None


def test_contents_lists_sections_with_page_numbers(rendered):
    html, _, reader, texts = rendered
    # The contents' own lines: the sections follow them on the same page.
    contents = texts[1].split("\nBackground narrative\n", 1)[0]
    assert "Contents" in contents
    numbers = {}
    for heading in ("Background narrative", "Indicator 1: pay bands"):
        match = re.search(re.escape(heading) + r"[ .]*(\d+)", contents)
        assert match, heading
        numbers[heading] = int(match.group(1))
        assert heading in texts[numbers[heading] - 1]  # the number points at the page
    assert numbers["Background narrative"] <= numbers["Indicator 1: pay bands"]
    # A subsection (h3) is left out of the contents, but keeps its heading in the document,
    # its id, and its place in the PDF's bookmarks under its section.
    assert "Staff in post" not in contents
    assert "Staff in post" in "\n".join(texts[1:]).split("\nBackground narrative\n", 1)[1]
    assert 'id="staff-in-post"' in html and 'href="#staff-in-post"' not in html
    section = _find(_outline(reader.outline), "Background narrative")
    assert section == {"Staff in post": {}}  # nested under its section


@pytest.mark.parametrize(("lines", "pages"), [(26, 1), (34, 1), (36, 2)])
def test_a_section_starts_a_page_only_when_little_of_one_is_left(tmp_path, lines, pages):
    """A run-on section follows the one before it; any other section follows it too while
    a tenth of the page is free (so sections share pages and no page holds only a section's
    last few lines), and starts a new page when less is left: with 34 lines of filler the
    method still fits under them, with 36 it starts the next page."""
    filler = "\n\n".join(f"Line {i} of a long section." for i in range(lines))
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("## Indicator 9: the Board\n\nOne short paragraph."),
            _output_cell(_output(present.heading_bundle("Sign-off", run_on=True))),
            v4.new_markdown_cell("The sign-off table would be here."),
            v4.new_markdown_cell("## Appendix A: Action plan\n\nThe plan.\n\n" + filler),
            v4.new_markdown_cell("## Appendix B: Method\n\nThe method."),
        ]
    )
    html = notebook_to_html(nb)
    assert html.count("<h2") == 5  # four sections and the contents title
    assert 'class="run-on"' in html
    pdf = tmp_path / "run-on.pdf"
    notebook_to_pdf(nb, pdf)
    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(texts) == pages
    [page] = [t for t in texts if "One short paragraph." in t]
    assert "Sign-off" in page and "The sign-off table would be here." in page
    assert "Appendix A" in page  # most of the page was free
    [method] = [t for t in texts if "The method." in t]
    assert (f"Line {lines - 1} of a long section." in method) == (pages == 1)
    if pages == 2:
        assert method.lstrip().startswith("Appendix B") or "\nAppendix B" in method


def test_images_have_real_alt_text(rendered):
    html = rendered[0]
    assert f'alt="{SVG_ALT}"' in html
    assert f'alt="{CHART_ALT}"' in html
    assert "No description has been provided" not in html
    assert CHART_FINDING in "\n".join(rendered[3])


def test_synthetic_banner_and_metadata(rendered):
    html, _, reader, texts = rendered
    assert "SYNTHETIC DATA" in texts[0]
    assert "SYNTHETIC DATA" in texts[-1]  # also in every running header
    assert reader.metadata.title.startswith("Workforce Race Equality Standard report 2024")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF


def test_no_banner_when_real_and_final():
    html = notebook_to_html(build_notebook(synthetic=False, draft=False))
    assert "SYNTHETIC DATA" not in html
    assert 'class="watermark"' not in html


def test_contents_after_cover_without_placeholder_and_ids_unique():
    nb = build_notebook()
    del nb.cells[2]  # the contents placeholder
    nb.cells.append(v4.new_markdown_cell("## Background narrative"))
    html = notebook_to_html(nb)
    assert html.index('class="toc"') > html.index('class="cover"')
    assert html.index('class="toc"') < html.index("Background narrative")
    assert 'href="#background-narrative"' in html
    assert 'href="#background-narrative-2"' in html


def test_alt_text_and_findings_reach_the_pdf_source():
    source = notebook_to_typst(build_notebook())
    assert f'alt: "{SVG_ALT}"' in source  # a bare SVG output, alt from its metadata
    assert f'alt: "{CHART_ALT}"' in source
    assert CHART_FINDING in source


def test_real_and_final_pdf_has_no_banner_or_watermark(tmp_path):
    pdf = tmp_path / "final.pdf"
    notebook_to_pdf(build_notebook(synthetic=False, draft=False), pdf)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "SYNTHETIC DATA" not in text and "DRAFT" not in text
    assert "OFFICIAL" in text


def test_a_draft_is_watermarked_on_every_page(rendered):
    _, _, _, texts = rendered
    assert all("DRAFT" in t for t in texts)


def test_styled_cells_keep_their_colours_and_text():
    frame = pd.DataFrame({"Action": ["Audit panels", "Mentoring"], "Status": ["Red", "Green"]})
    layout = present.TableLayout(
        cell_styles={"Status": ["background-color: #DA291C; color: white", ""]},
        row_styles=["font-weight: bold", ""],
    )
    bundle = present.table_bundle(frame, "Actions", layout)
    typst = bundle["text/x-typst"]
    assert 'table.cell(fill: rgb("#DA291C"))[#text(fill: rgb("#FFFFFF"))[#strong[Red]]]' in typst
    assert "table.cell()[#strong[Audit panels]]" in typst
    assert "background-color: #DA291C" in bundle["text/html"]
    with pytest.raises(ValueError, match="'teal'.*expected #RRGGBB"):
        present.table_bundle(frame, "Actions", present.TableLayout(row_styles=["color: teal", ""]))


def test_typst_that_cannot_be_typeset_names_the_line(tmp_path):
    with pytest.raises(TypesettingError, match=r"(?s)unknown variable: nope.*2 │"):
        typst_to_pdf("Fine first line.\n#nope(1)\n", tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()


def test_a_long_table_repeats_its_header_on_each_page(rendered):
    texts = rendered[3]
    first = next(i for i, t in enumerate(texts) if "row 0 " in t)
    last = next(i for i, t in enumerate(texts) if f"row {ROWS - 1} " in t)
    assert last > first
    for page in texts[first : last + 1]:
        assert "Band White BME" in page
    assert f"{ROWS - 1:d} {(ROWS - 1) * 0.5:.2f}" in texts[last]  # numbers to 2 places


def test_outputs_without_a_typst_form_still_reach_the_pdf(tmp_path):
    """A cell someone adds: a PNG chart, a DataFrame shown bare (HTML and plain text only)
    and Markdown. The PDF shows the picture, the plain text and the formatted Markdown."""
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (40, 20), "#12436D").save(png, format="PNG")
    frame = pd.DataFrame({"Band": ["5", "6"], "BME": [12, 7]})
    outputs = [
        v4.new_output(
            "display_data",
            data={"image/png": base64.b64encode(png.getvalue()).decode(), "text/plain": "x"},
            metadata={"image/png": {"alt": "A blue block"}},
        ),
        v4.new_output(
            "execute_result",
            data={"text/html": frame.to_html(), "text/plain": frame.to_string()},
            execution_count=1,
        ),
        v4.new_output("display_data", data={"text/markdown": "Plain **bold** words."}),
    ]
    nb = v4.new_notebook(cells=[_output_cell(*outputs)])
    source = notebook_to_typst(nb)
    assert 'alt: "A blue block"' in source and "#strong[bold]" in source
    pdf = tmp_path / "added.pdf"
    assert notebook_to_pdf(nb, pdf) == 1
    reader = PdfReader(pdf)
    text = reader.pages[0].extract_text()
    assert "Band" in text and "BME" in text and "Plain bold words." in text
    assert "<table" not in text
    assert reader.pages[0]["/Resources"]["/XObject"]  # the picture is there


def test_the_page_is_what_nbconverts_own_html_exporter_makes():
    """The exporter skips HTMLExporter's closing BeautifulSoup pass (the page is parsed once,
    in notebook_to_html): that pass must have nothing to add to this template's page."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from wres_helpers.rendering import render

    nb = build_notebook()
    ours, _ = render._exporter().from_notebook_node(nb)
    stock, _ = HTMLExporter.from_notebook_node(render._exporter(), nb)
    assert "<img" in ours and "<table" in ours  # a chart and a table, as in a report
    assert str(BeautifulSoup(ours, "html.parser")) == stock
