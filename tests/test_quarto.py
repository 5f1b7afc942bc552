"""The kept notebook, read by quarto: its settings cell, the cells it must leave out, and
outputs in forms quarto takes (plain HTML tables, SVG charts). Quarto itself is not installed
here; these check what it would read."""

from __future__ import annotations

import base64
from unittest import mock

import nbformat
import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure

from wres_helpers import NOTEBOOKS
from wres_helpers.presentation import present
from wres_helpers.rendering.render import REMOVED_TAGS, notebook_to_html, undescribed_charts

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(params=NOTEBOOK_FILES, ids=lambda p: p.name)
def notebook(request) -> nbformat.NotebookNode:
    return nbformat.read(request.param, as_version=4)


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOK_FILES] == [
        "national_comparison.ipynb",
        "wdes_report.ipynb",
        "wres_report.ipynb",
    ]


def test_the_first_cell_is_quarto_settings_that_the_report_skips(notebook):
    first = notebook.cells[0]
    assert first.cell_type == "raw" and first.metadata["tags"] == ["notebook-only"]
    settings = yaml.safe_load(first.source.strip().strip("-"))
    assert settings["execute"] == {"echo": False, "warning": False}
    assert settings["lang"] == "en-GB"
    assert settings["format"]["html"]["embed-resources"] is True
    assert "pagetitle" not in notebook_to_html(notebook)  # nbconvert would print a raw cell


def test_every_cell_the_report_leaves_out_quarto_leaves_out_too(notebook):
    left_out = [c for c in notebook.cells[1:] if set(c.metadata.get("tags", [])) & REMOVED_TAGS]
    assert len(left_out) >= 3
    for cell in left_out:
        assert "remove-cell" in cell.metadata["tags"], cell.source[:60]
    shown = [c for c in notebook.cells if "remove-cell" not in c.metadata.get("tags", [])]
    assert all(c.cell_type == "code" for c in shown[1:])  # the rest only call sections


def test_a_table_is_plain_html_with_scoped_headers_and_escaped_text():
    frame = pd.DataFrame({"Band <b>": ["5 & 6", "7"], "BME": [12, 7]}, index=["x", "y"])
    frame.index.name = "Row"
    layout = present.TableLayout(widths={"BME": 30.0}, row_styles=["font-weight: bold", ""])
    html = present.table_bundle(frame, 'Caption "<script>"', layout)["text/html"]
    assert "<style" not in html and "<script>" not in html and "<b>" not in html
    assert "<caption>Caption &quot;&lt;script&gt;&quot;</caption>" in html
    assert (
        '<thead><tr><th scope="col">Row</th><th scope="col">Band &lt;b&gt;</th>'
        '<th scope="col" style="text-align: right; width: 30.0%">BME</th></tr></thead>'
    ) in html
    assert (
        '<tr><th scope="row">x</th><td data-label="Band &lt;b&gt;" style="font-weight: bold">'
        '5 &amp; 6</td><td data-label="BME" style="text-align: right; font-weight: bold">12</td>'
        "</tr>"
    ) in html  # each cell labelled with its column (escaped), for the phone's stacked rows
    assert html.startswith('<div class="table-wrap" role="region" tabindex="0" aria-label=')


def test_an_unnamed_index_leaves_an_empty_corner_not_an_empty_header():
    frame = pd.DataFrame({"BME": [1.5]}, index=["Band 5"])
    html = present.table_bundle(frame, "T")["text/html"]
    assert '<thead><tr><td></td><th scope="col" style="text-align: right">BME</th>' in html
    assert (
        '<th scope="row">Band 5</th><td data-label="BME" style="text-align: right">1.50</td>'
        in html
    )


def _figure() -> Figure:
    present.set_chart_style()
    fig = Figure()
    fig.subplots().bar(["White", "BME"], [40, 10])
    return fig


def test_a_chart_is_also_a_bare_svg_with_its_alt_text():
    alt, finding = "Bar chart: 40 White staff, 10 BME staff", "BME staff are 20% of the total."
    with mock.patch.object(present, "display") as shown:
        present.figure(_figure(), alt, finding)
    [(bundle,), options] = shown.call_args
    assert options == {"raw": True, "metadata": {"image/svg+xml": {"alt": alt}}}
    svg = bundle["image/svg+xml"]
    assert svg.startswith("<?xml") and "<svg" in svg
    encoded = base64.b64encode(svg.encode()).decode()
    assert f'src="data:image/svg+xml;base64,{encoded}"' in bundle["text/html"]
    assert finding in bundle["text/html"] and bundle["text/plain"] == alt


def _with_outputs(*outputs) -> nbformat.NotebookNode:
    injected = nbformat.v4.new_code_cell("org = 'X'", metadata={"tags": ["injected-parameters"]})
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = list(outputs)
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# R"), injected, cell])


def test_an_image_without_alt_text_is_named_by_its_cell():
    png = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    repr_only = nbformat.v4.new_output(
        "display_data",
        data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480 with 1 Axes>"},
    )
    problems = undescribed_charts(_with_outputs(png, repr_only), "report.ipynb")
    expected = "a chart with a description: show it with present.figure(fig, alt, finding)"
    assert [str(p) for p in problems] == [f"report.ipynb, cell 2: expected {expected}"] * 2


def test_images_with_alt_text_pass():
    described = nbformat.v4.new_output(
        "display_data",
        data={"image/svg+xml": "<svg/>"},
        metadata={"image/svg+xml": {"alt": "A line rising from 10 to 14"}},
    )
    assert undescribed_charts(_with_outputs(described), "report.ipynb") == []


def test_the_cover_links_the_files_beside_it_and_escapes_the_contact():
    from bs4 import BeautifulSoup

    from wres_helpers.rendering.render import active_content

    html = present.cover_bundle(
        "WRES report", "Org", 2019, "OFFICIAL", "1.0", "17 October 2019", False, False,
        files=(("The Board report (PDF)", "ORG-2019-WRES.pdf"), ("CSV", "indicators.csv")),
        published="31 October 2019",
        contact='<script>alert(1)</script> & "large print"',
    )["text/html"]  # fmt: skip
    assert '<a href="ORG-2019-WRES.pdf">The Board report (PDF)</a>' in html
    assert "Published 31 October 2019" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;large print&quot;" in html
    assert active_content(BeautifulSoup(html, "html.parser")) == []  # files beside the page
    for bad in ("javascript:x.pdf", "../x.pdf", "/etc/x.csv", "x.pdf.exe", "https:x.html"):
        page = BeautifulSoup(f'<a href="{bad}">x</a>', "html.parser")
        assert active_content(page) == ([] if bad.startswith("https:") else [f"<a href={bad!r}>"])
