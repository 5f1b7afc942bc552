"""The charts' own drawing (presentation.drawing): text measured in the report's font, round
ticks, scales, text made safe where it enters, the same bytes every time, and no matplotlib
in a report's build (importing it and drawing with it was a third of a report's time)."""

from __future__ import annotations

import math
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import make_tiny

from wres_helpers.inputs import scaffold
from wres_helpers.inputs.settings import Settings
from wres_helpers.presentation import present
from wres_helpers.presentation.drawing import Canvas, Scale, nice_ticks, text_width, wrapped
from wres_helpers.standards import WDES, WRES
from wres_helpers.words import charts

SVG = "{http://www.w3.org/2000/svg}"


def test_text_is_measured_with_dejavu_sans_advance_widths():
    # DejaVu Sans: '1' and '0' are 1303 units of 2048 to the em; bold 'B' 1561, 'M' 2038.
    assert text_width("10", 10) == pytest.approx(2 * 1303 * 10 / 2048)  # 12.72 points
    assert text_width("BM", 7, bold=True) == pytest.approx((1561 + 2038) * 7 / 2048)
    # Any other character an em wide: a label with one gets more room, never less.
    assert text_width("é", 10) == pytest.approx(10)


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 30, [0, 5, 10, 15, 20, 25, 30]),  # a survey chart's percentages
        (0, 13, [0, 2.5, 5, 7.5, 10, 12.5]),
        (0.55, 2.36, [1, 1.5, 2]),  # a strip of RLs
        (0, 0.6, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
    ],
)
def test_ticks_are_round_values_within_the_range(low, high, ticks):
    assert nice_ticks(low, high) == ticks


def test_year_ticks_can_be_kept_to_whole_steps():
    assert nice_ticks(2016.5, 2028.5, 4, steps=(1, 2, 5, 10)) == [2020, 2025]


def test_scales_map_values_to_points():
    assert Scale(0, 100, 50, 250)(25) == 100  # a quarter of the way along
    assert Scale(1, 100, 200, 0, log=True)(10) == pytest.approx(100)  # y runs down the page
    assert Scale(0.5, 2, 0, 100, log=True)(1) == pytest.approx(50)  # 1 midway on an RL axis


def test_long_text_is_wrapped_at_spaces():
    text = "Shaded: the non-adverse range 0.80 to 1.25."
    lines = wrapped(text, 7, 100).split("\n")
    assert lines == ["Shaded: the non-adverse", "range 0.80 to 1.25."]
    assert all(text_width(line, 7) <= 100 for line in lines)


def test_text_is_escaped_where_it_enters_the_svg():
    canvas = Canvas(2, 1)
    canvas.text(10, 10, 'Trust <script>alert(1)</script> & "Co" \u202eevil')
    svg = canvas.chart().svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; evil" in svg
    assert "<script" not in svg and "\u202e" not in svg
    texts = [t.text for t in ET.fromstring(svg.split("\n", 1)[1]).iter(f"{SVG}text")]
    assert texts == ['Trust <script>alert(1)</script> & "Co" evil']


def test_a_hostile_comparator_name_reaches_the_chart_as_text():
    chart, _ = charts.rl_chart(
        {2019: (1.13, 0.91, 1.39)},
        {"ECCH": 1.13, '<img src=x onerror="alert(1)">': 1.3},
        "ECCH",
        Settings(),
        "x",
    )
    root = ET.fromstring(chart.svg.split("\n", 1)[1])  # well-formed: parsed without error
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}image")]
    assert any(t.text == '<img src=x onerror="alert(1)">' for t in root.iter(f"{SVG}text"))


def test_a_chart_is_the_same_bytes_every_time_and_the_size_it_says():
    trend = {2017: (1.33, 0.86, 2.04), 2018: (1.17, 0.81, 1.68), 2019: (1.59, 1.08, 2.33)}
    peers = {"ECCH": 1.59, "HDCH": 0.96, "LPCH": 1.55}
    first, alt = charts.rl_chart(trend, peers, "ECCH", Settings(), "x", height=2.0)
    again, _ = charts.rl_chart(trend, peers, "ECCH", Settings(), "x", height=2.0)
    assert first.svg == again.svg
    assert (first.width, first.height) == (6.6, 2.0)
    assert 'width="475.2pt" height="144pt" viewBox="0 0 475.2 144"' in first.svg
    assert alt.startswith("Chart of the relative likelihood for ECCH by year with 95% intervals")


def test_an_rl_chart_grows_rather_than_squeeze_its_plot_under_long_names():
    peers = {"ECCH": 1.0, "A very long organisation name NHS Foundation Trust": 1.2}
    chart, _ = charts.rl_chart({2019: (1.0, 0.8, 1.3)}, peers, "ECCH", Settings(), "x", height=2)
    assert chart.height > 2
    assert ">A very long organisation name N…</text>" in chart.svg  # shortened under its dot


def test_a_survey_chart_says_where_a_group_is_not_reported():
    nan = math.nan
    trend = {
        2018: {"White": (5.1, 3.4, 7.6), "BME": (11.9, 5.2, 25.0)},
        2019: {"White": (5.0, 3.4, 7.4), "BME": (nan, nan, nan)},
    }
    chart, alt = charts.survey_chart(trend, "ECCH", "were discriminated against", WRES, Settings())
    assert chart.width == charts.NARROW  # set beside its key finding in the PDF
    for line in (">BME:</text>", ">not</text>", ">reported</text>"):  # standing on the axis
        assert line in chart.svg
    assert chart.svg.count(">11.9%</text>") == 1 and ">5.0%</text>" in chart.svg
    assert "2019: White 5.0%, BME not reported." in alt


def test_a_pay_band_chart_hatches_the_hidden_share():
    hidden = {"BME": math.nan, "White": math.nan, "Unknown": math.nan}
    bands = [("Bands 1-4", {"BME": 4.8, "White": 90.0, "Unknown": 5.2}, "208"),
             ("Bands 8c-9", hidden, "13")]  # fmt: skip
    chart, alt = charts.pay_band_chart(bands, 10.5, "ECCH", WRES)
    assert chart.svg.count('fill="url(#hatch)"') == 2  # the hidden band and the legend's key
    assert ">hidden</text>" in chart.svg and ">4.8%</text>" in chart.svg
    assert "can be shown for 1 of the 2 bands" in alt


def test_a_score_chart_keeps_the_organisations_bar_grey():
    trend = {2019: {"Disabled": 6.7, "Non-disabled": 7.2, "Organisation": 7.1}}
    chart, alt = charts.score_chart(trend, "ECCH", "engagement score", WDES)
    assert f'fill="{charts.NHS_MID_GREY}"' in chart.svg
    assert ">Organisation</text>" in chart.svg and ">Disabled staff</text>" in chart.svg
    assert alt.endswith("2019: Disabled staff 6.70, Non-disabled staff 7.20, Organisation 7.10.")


def test_the_notebook_shows_a_drawn_chart_as_svg_with_its_alt_text():
    chart, alt = charts.board_chart([("Voting Board", 8.3), ("Whole workforce", 10.5)], "E", WRES)
    bundle = present.figure_bundle(chart, alt, "BME members are under-represented.")
    assert bundle["image/svg+xml"] == chart.svg
    assert (
        'alt="Bar chart of the BME share of E&#x27;s Board and workforce: Voting Board 8.3%'
        in (bundle["text/html"])
    )


@pytest.mark.slow
def test_a_report_is_built_without_importing_matplotlib(tmp_path):
    """Issue 18 item 11: matplotlib's import and drawing were a third of a report's time.
    The report draws its own charts; only its fonts come from matplotlib's package."""
    make_tiny(tmp_path / "data")
    scaffold.new("TINY", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="T")
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from wres_helpers.running.pipeline import build_report\n"
        "from wres_helpers.standards import WRES\n"
        "result = build_report('TINY', 2019, params_root=Path('params'), "
        "output_root=Path('output'), say=lambda _: None, standard=WRES)\n"
        "print(result.pages, sorted(m for m in sys.modules if m.startswith('matplotlib')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    pages, modules = done.stdout.split(" ", 1)
    assert int(pages) > 5 and modules.strip() == "[]"
