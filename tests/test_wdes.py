"""The ten WDES metrics for the TINYD organisation against tests/HAND-WORKED.md ("The WDES")."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import math
from pathlib import Path

import pytest
from conftest import make_tiny_wdes

from wres_helpers.cli import main
from wres_helpers.compute import indicators
from wres_helpers.compute.disclosure import publish
from wres_helpers.inputs.load import load_folder
from wres_helpers.inputs.settings import Settings
from wres_helpers.standards import WDES, WRES

REL = 1e-6
DEMO = Path(__file__).parent.parent / "data" / "demo"


def _frame(folder, settings=None):
    data = load_folder(folder, params_root=None, standard=WDES)
    frame = indicators.compute(data, settings, standard=WDES)
    return frame[frame["year"] == 2019]


@pytest.fixture(scope="module")
def wdes_2019(tmp_path_factory):
    """TINYD's 2019 figures, computed once: the tests only read them."""
    return _frame(make_tiny_wdes(tmp_path_factory.mktemp("tinyd") / "data"))


def _row(frame, indicator, measure, breakdown="All", group=""):
    rows = frame[
        (frame["indicator"] == indicator)
        & (frame["measure"] == measure)
        & (frame["breakdown"] == breakdown)
        & (frame["group"] == group)
    ]
    assert len(rows) == 1, (indicator, measure, breakdown, group, len(rows))
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("breakdown", "group", "count", "total", "percent"),
    [
        ("Non-clinical: Bands 1-4", "Disabled", 3, 26, 11.538462),
        ("Non-clinical: Bands 1-4", "Unknown", 3, 26, 11.538462),
        ("Clinical: Bands 5-7", "Non-disabled", 50, 62, 80.645161),
        ("Clinical: Bands 5-7", "Unknown", 7, 62, 11.290323),
        ("Clinical: Bands 8a-8b", "Disabled", 1, 1, 100.0),
        ("Clinical: Bands 8c-9 and VSM", "Non-disabled", 4, 4, 100.0),
        ("Medical and dental: Consultants", "Unknown", 1, 7, 14.285714),
        ("Overall workforce", "Disabled", 9, 100, 9.0),
        ("Overall workforce", "Non-disabled", 80, 100, 80.0),
        ("Overall workforce", "Unknown", 11, 100, 11.0),  # blank counted as unknown
    ],
)
def test_metric_1_clusters_without_bank_staff(wdes_2019, breakdown, group, count, total, percent):
    row = _row(wdes_2019, "1", "percent", breakdown, group)
    assert (row["numerator"], row["denominator"]) == (count, total)
    assert row["value"] == pytest.approx(percent, rel=REL)


def test_metric_1_shows_only_the_clusters_with_staff(wdes_2019):
    shown = wdes_2019.loc[wdes_2019["indicator"] == "1", "breakdown"].unique().tolist()
    assert shown == [
        "Non-clinical: Bands 1-4",
        "Clinical: Bands 5-7",
        "Clinical: Bands 8a-8b",
        "Clinical: Bands 8c-9 and VSM",
        "Medical and dental: Consultants",
        "Overall workforce",
    ]


@pytest.mark.parametrize(
    ("indicator", "breakdown", "value", "low", "high", "favours"),
    [
        ("2", "All", 2.0, 0.2873316, 13.921195, "Non-disabled"),
        ("3", "Reporting year", 4.444444, 0.942185, 20.965184, "Non-disabled"),
        ("3", "Two-year rolling", 4.764706, 1.308060, 17.355791, "Non-disabled"),
    ],
)
def test_relative_likelihoods_with_intervals(wdes_2019, indicator, breakdown, value, low, high,
                                             favours):  # fmt: skip
    row = _row(wdes_2019, indicator, "relative_likelihood", breakdown)
    assert row["value"] == pytest.approx(value, rel=REL)
    assert row["ci_low"] == pytest.approx(low, rel=REL)
    assert row["ci_high"] == pytest.approx(high, rel=REL)
    assert row["favours"] == favours
    assert row["non_adverse"] == "outside"
    assert bool(row["small_numbers"]) is True


def test_rls_say_in_words_whom_they_favour(wdes_2019):
    assert _row(wdes_2019, "2", "relative_likelihood")["interpretation"] == (
        "Non-disabled applicants 2.00 times as likely to be appointed from shortlisting as "
        "Disabled applicants"
    )
    assert _row(wdes_2019, "3", "relative_likelihood", "Reporting year")["interpretation"] == (
        "Disabled staff 4.44 times as likely to enter the formal capability process as "
        "non-disabled staff"
    )


def test_metric_3_counts_performance_only_with_ill_health_beside_it(wdes_2019):
    disabled = _row(wdes_2019, "3", "percent", "Reporting year", "Disabled")
    assert (disabled["numerator"], disabled["denominator"]) == (2, 9)  # not 2 + 3 ill health
    ill = _row(wdes_2019, "3", "percent", "Ill health (not in metric)", "Disabled")
    assert (ill["numerator"], ill["denominator"]) == (3, 9)
    assert ill["value"] == pytest.approx(33.333333, rel=REL)
    ill_nd = _row(wdes_2019, "3", "percent", "Ill health (not in metric)", "Non-disabled")
    assert ill_nd["value"] == pytest.approx(1.25, rel=REL)
    beside = wdes_2019[wdes_2019["breakdown"] == "Ill health (not in metric)"]
    assert set(beside["measure"]) == {"percent"}  # no RL of ill-health entries


def test_the_non_adverse_verdict_is_a_setting(tiny_wdes):
    frame = _frame(tiny_wdes, Settings(wdes_non_adverse=False))
    assert _row(frame, "2", "relative_likelihood")["non_adverse"] == ""


@pytest.mark.parametrize(("setting", "verdict"), [(True, "outside"), (False, "")])
def test_a_ranged_rl_has_a_verdict_only_when_the_setting_asks(setting, verdict):
    # LPCH 2019, metric 3: h of 191 Disabled staff (h hidden, 1 to 7) against 8 of 2,206
    # non-disabled: RL = (h/191)/(8/2206) = 1.443717 h, from 1.4437 (down: 1.44) to 10.106
    # (up: 10.11).
    settings = Settings(wdes_non_adverse=setting)
    data = load_folder(DEMO / "LPCH" / "2019", params_root=None, standard=WDES)
    frame = publish(indicators.compute(data, settings, standard=WDES), settings, standard=WDES)
    ranged = _row(frame[frame["year"] == 2019], "3", "relative_likelihood", "Reporting year")
    assert (ranged["range_low"], ranged["range_high"]) == (1.44, 10.11)
    assert ranged["non_adverse"] == verdict


@pytest.mark.parametrize(
    ("metric", "group", "positive", "respondents", "percent", "low", "high"),
    [
        ("4a_i", "Disabled", 14, 40, 35.0, 22.134529, 50.494119),
        ("4a_ii", "Non-disabled", 16, 160, 10.0, 6.249444, 15.626252),
        ("4a_iii", "Disabled", 10, 40, 25.0, 14.187119, 40.193961),
        ("4b", "Non-disabled", 30, 50, 60.0, 46.181438, 72.391610),
        ("5", "Disabled", 16, 40, 40.0, 26.348326, 55.404106),
        ("6", "Disabled", 12, 40, 30.0, 18.074845, 45.430019),
        ("7", "Non-disabled", 72, 160, 45.0, 37.498630, 52.735832),
        ("8", "Disabled", 21, 30, 70.0, 52.124213, 83.335252),
    ],
)
def test_survey_percentages(wdes_2019, metric, group, positive, respondents, percent, low, high):
    row = _row(wdes_2019, metric, "percent", "All", group)
    assert (row["numerator"], row["denominator"]) == (positive, respondents)
    assert row["value"] == pytest.approx(percent, rel=REL)
    assert row["ci_low"] == pytest.approx(low, rel=REL)
    assert row["ci_high"] == pytest.approx(high, rel=REL)


def test_metric_8_has_no_comparison_group(wdes_2019):
    rows = wdes_2019[wdes_2019["indicator"] == "8"]
    assert rows["group"].tolist() == ["Disabled"]


def test_metric_9a_is_a_mean_score_compared_in_points(wdes_2019):
    scores = wdes_2019[(wdes_2019["indicator"] == "9a") & (wdes_2019["measure"] == "mean_score")]
    assert dict(zip(scores["group"], scores["value"], strict=True)) == {
        "Disabled": 6.5,
        "Non-disabled": 7.1,
        "Organisation": 7.0,
    }
    assert scores["denominator"].tolist() == [40, 160, 210]
    difference = _row(wdes_2019, "9a", "difference_points", "All", "Disabled")
    assert difference["value"] == pytest.approx(-0.6, rel=REL)
    assert not (wdes_2019["indicator"] == "9a").loc[wdes_2019["measure"] == "percent"].any()


def test_metric_9b_is_the_organisations_yes(wdes_2019):
    row = _row(wdes_2019, "9b", "yes_no", "All", "")
    assert (row["value"], row["interpretation"]) == (1.0, "yes")


@pytest.mark.parametrize(
    ("breakdown", "group", "percent", "difference"),
    [
        ("Board (voting)", "Disabled", 11.111111, 2.111111),
        ("Board (voting)", "Non-disabled", 77.777778, -2.222222),
        ("Board (voting)", "Unknown", 11.111111, 0.111111),
        ("Board (executive)", "Disabled", 20.0, 11.0),
        ("Board (executive)", "Unknown", 0.0, -11.0),
        ("Board (non-executive)", "Disabled", 0.0, -9.0),
        ("Board (all)", "Disabled", 10.0, 1.0),
    ],
)
def test_metric_10_board_against_the_workforce(wdes_2019, breakdown, group, percent, difference):
    assert _row(wdes_2019, "10", "percent", breakdown, group)["value"] == pytest.approx(
        percent, rel=REL, abs=1e-9
    )
    assert _row(wdes_2019, "10", "difference_pp", breakdown, group)["value"] == pytest.approx(
        difference, rel=REL, abs=1e-6
    )


_SWAP = {"yes": "No", "disabled": "Non-disabled", "no": "Yes", "non-disabled": "Disabled"}


def _swap_groups(folder):
    """Every Disabled value written as non-disabled and the reverse; unknowns unchanged."""
    for year_folder in (folder, folder.parent / "2018"):
        for path in year_folder.glob("*.csv"):
            with path.open(newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            if "disability" not in rows[0]:
                continue
            i = rows[0].index("disability")
            for row in rows[1:]:
                row[i] = _SWAP.get(row[i].lower(), row[i])
            with path.open("w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows(rows)


@pytest.mark.parametrize(
    ("indicator", "breakdown"),
    [("2", "All"), ("3", "Reporting year"), ("3", "Two-year rolling")],
)
def test_swapping_the_groups_inverts_each_rl(wdes_2019, tiny_wdes, indicator, breakdown):
    before = _row(wdes_2019, indicator, "relative_likelihood", breakdown)
    _swap_groups(tiny_wdes)
    after = _row(_frame(tiny_wdes), indicator, "relative_likelihood", breakdown)
    assert after["value"] == pytest.approx(1 / before["value"], rel=REL)
    assert after["ci_low"] == pytest.approx(1 / before["ci_high"], rel=REL)
    assert after["ci_high"] == pytest.approx(1 / before["ci_low"], rel=REL)
    assert after["favours"] == "Disabled"


def test_swapped_metric_2_is_the_hand_worked_half(tiny_wdes):
    _swap_groups(tiny_wdes)
    row = _row(_frame(tiny_wdes), "2", "relative_likelihood")
    assert (row["value"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (0.5, 0.071833, 3.480299), rel=1e-5
    )


# --- the demo organisation: back-test and the report ------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
BACKTEST = sorted((Path(__file__).parent / "backtest" / "wdes").glob("*.csv"))


def test_there_is_a_wdes_back_test():
    assert [p.stem for p in BACKTEST] == [
        f"{org}-{year}" for org in ("ECCH", "LPCH", "SMCH") for year in (2017, 2018, 2019)
    ]


@pytest.mark.parametrize("expected", BACKTEST, ids=lambda p: p.stem)
def test_demo_wdes_indicators_match_the_reviewed_copy(expected, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    org, year = expected.stem.split("-")
    assert main(["indicators", f"data/demo/{org}/{year}", "--standard", "wdes"]) == 0
    produced = capsys.readouterr().out.splitlines()
    reviewed = expected.read_text(encoding="utf-8").splitlines()
    changed = [
        (i + 1, a, b) for i, (a, b) in enumerate(zip(produced, reviewed, strict=False)) if a != b
    ]
    assert not changed, f"first changed line (line, now, reviewed): {changed[0]}"
    assert len(produced) == len(reviewed)


def test_the_reviewed_ecch_2019_figures_are_the_demo_story():
    """The reviewed copy says what the generator's story says (scripts/make_demo_data.py)."""
    with (Path(__file__).parent / "backtest" / "wdes" / "ECCH-2019.csv").open() as f:
        rows = list(csv.DictReader(f))

    def value(indicator, measure, breakdown="All", group=""):
        (row,) = [
            r
            for r in rows
            if (r["indicator"], r["measure"], r["breakdown"], r["group"])
            == (indicator, measure, breakdown, group)
        ]
        return float(row["value"] or "nan"), row

    def figure(*key):
        return value(*key)[0]

    assert figure("1", "percent", "Overall workforce", "Disabled") == pytest.approx(4.11765)
    assert figure("1", "percent", "Overall workforce", "Unknown") == pytest.approx(19.0196)
    assert figure("2", "relative_likelihood") == pytest.approx(1.36889)
    # Metric 3's story figure, 3.11, rests on a hidden count: published as the range holding it.
    rl, row = value("3", "relative_likelihood", "Reporting year")
    assert math.isnan(rl) and float(row["range_low"]) <= 3.11111 <= float(row["range_high"])
    assert figure("9a", "difference_points", "All", "Disabled") == pytest.approx(-0.5)
    assert figure("9b", "yes_no") == 1
    assert figure("10", "difference_pp", "Board (voting)", "Disabled") == pytest.approx(4.21569)


@pytest.fixture(scope="module")
def ecch_wdes(tmp_path_factory):
    from wres_helpers.running import pipeline

    out = tmp_path_factory.mktemp("output")
    with contextlib.chdir(ROOT):
        wres = pipeline.build_report(
            "ECCH", 2019, output_root=out, say=lambda _: None, standard=WRES
        )
        wdes = pipeline.build_report(
            "ECCH", 2019, output_root=out, say=lambda _: None, standard=WDES
        )
    return wres, wdes


@pytest.mark.slow
def test_the_ecch_wdes_report_sits_beside_the_wres_one(ecch_wdes):
    wres, wdes = ecch_wdes
    folder = wdes.folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "ECCH-2019-WDES-method.pdf",
        "ECCH-2019-WDES.html",
        "ECCH-2019-WDES.ipynb",
        "ECCH-2019-WDES.pdf",
        "ECCH-2019-WRES-method.pdf",
        "ECCH-2019-WRES.html",
        "ECCH-2019-WRES.ipynb",
        "ECCH-2019-WRES.pdf",
        "indicators-wdes.csv",
        "indicators-wdes.meta.csv",
        "indicators-wdes.xlsx",
        "indicators.csv",
        "indicators.meta.csv",
        "indicators.xlsx",
        "inputs-wdes.sha256",
        "inputs.sha256",
    ]
    assert not wdes.draft and wdes.pages >= 10
    reviewed = (ROOT / "tests" / "backtest" / "report" / "ECCH-2019-indicators.csv").read_text()
    assert (folder / "indicators.csv").read_text() == reviewed  # the WRES one, untouched
    from wres_helpers.running import pipeline

    with contextlib.chdir(ROOT):  # each standard's build left the other's up to date
        for standard in (WRES, WDES):
            assert pipeline.is_up_to_date("ECCH", 2019, Path("params"), folder.parents[1], standard)


@pytest.mark.slow
def test_the_ecch_wdes_pdf_has_all_ten_metrics(ecch_wdes):
    from test_backtest import pdf_text

    text = " ".join(pdf_text(ecch_wdes[1].files["pdf"]).split())
    for heading in (
        "Metric 1: Workforce by pay band cluster",
        "Metric 2: Appointment from shortlisting",
        "Metric 3: Entry into the formal capability process (performance)",
        "Metric 4a(i):",
        "Metric 4a(ii): Harassment, bullying or abuse from managers",
        "Metric 4a(iii): Harassment, bullying or abuse from other colleagues",
        "Metric 4b: Reporting harassment, bullying or abuse",
        "Metric 5:",
        "Metric 6: Pressure to come to work when not well enough",
        "Metric 7:",
        "Metric 8: Adequate adjustments at work (Disabled staff only)",
        "Metric 9a: Staff engagement score",
        "Metric 9b:",
        "Metric 10: Board membership compared with the workforce",
    ):
        assert heading in text, heading
    assert "Non-disabled applicants 1.37 times as likely to be appointed" in text
    assert "there is no comparison group" in text  # metric 8
    assert "Disabled staff score 6.70 out of 10 against 7.20 for non-disabled staff" in text
    assert "Disabled share of staff survey respondents" in text  # the declaration gap
    # 9b's narrative, quoted as typed ("&" is in the demo's words)
    assert "reasonable adjustments policy & the new passport" in text


# --- the WDES defects of issue 19, each pinned ---------------------------------------------


def _wdes_pages(ecch_wdes, file: str = "pdf") -> list[str]:
    """The WDES Board PDF's pages (`file` "annex": its technical annex's), each on one line."""
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(ecch_wdes[1].files[file]).pages]


@pytest.mark.slow
def test_the_wdes_sign_off_gives_the_wdes_reports_own_address(ecch_wdes):
    text = " ".join(_wdes_pages(ecch_wdes))
    section = text.split("Sign-off of the 2019 report", 1)[1]
    assert (
        "Where the report is published https://www.example.org/wdes-2019 (synthetic example)"
        in section
    )
    assert "wres-2019" not in text


@pytest.mark.slow
def test_no_wdes_page_is_left_nearly_blank(ecch_wdes):
    """Pages 4, 7 and 10 once held a section's last few lines and nothing else (about 90%
    blank): a section now starts on the same page when half of it is free."""
    pages = _wdes_pages(ecch_wdes)
    short = {i: len(p) for i, p in enumerate(pages[:-1], 1) if len(p) < 900}
    assert not short, f"near-empty pages (page: characters of text): {short}"


@pytest.mark.slow
def test_metric_3_headline_is_two_year_rolling_with_the_single_year_too(ecch_wdes):
    """NHS England: metric 3 is "based on data from a two year rolling average of the current
    year and the previous year". The figures are the published ranges of indicators-wdes.csv:
    2019 rolling 2.84 to 139.35, 2019 alone 2.66 to 130.67; and no interval end reads "not
    published to not published"."""
    text = " ".join(_wdes_pages(ecch_wdes))
    metric = text.split("Metric 3: Entry into the formal capability process (performance) 2019")[1]
    assert metric.startswith(
        " (two-year rolling): Disabled staff between 2.84 and 139.35 times as likely to enter "
        "the formal capability process"
    )
    assert "2019 alone: Disabled staff between 2.66 and 130.67 times as likely" in metric
    assert "not published to not published" not in text
    method = " ".join(_wdes_pages(ecch_wdes, "annex"))
    assert "setting capability_rolling, on by default" in method  # the method names it
    assert Settings().capability_rolling


@pytest.mark.slow
def test_the_method_does_not_undercut_the_range_verdicts(ecch_wdes):
    text = " ".join(_wdes_pages(ecch_wdes, "annex"))  # the method, in the technical annex
    assert "is not confirmed" not in text
    assert (
        "WDES relative likelihoods are judged against the WRES range (setting "
        "wdes_non_adverse)" in text
    )


@pytest.mark.slow
def test_metric_9a_has_a_chart(ecch_wdes):
    """The engagement scores of indicators-wdes.csv (2017 6.60 and 7.10, 2018 6.60 and 7.20,
    2019 6.70 and 7.20) drawn, with the gap each year as the finding."""
    text = " ".join(_wdes_pages(ecch_wdes))
    section = text.split("Metric 9a: Staff engagement score 2019")[1].split("Metric 9b")[0]
    assert (
        "Key finding: Disabled staff's score against non-disabled staff's: −0.50 points in "
        "2017, −0.60 points in 2018, −0.50 points in 2019." in section
    )
    html = ecch_wdes[1].files["html"].read_text(encoding="utf-8")
    nine_a = html.split("Metric 9a: Staff engagement score")[2].split("Metric 9b")[0]
    assert "<img" in nine_a or "<svg" in nine_a
    assert (
        "2019: Disabled staff 6.70, Non-disabled staff 7.20, Organisation 7.10." in nine_a
    )  # the chart's alt text


def _y_tick_labels(svg: str) -> dict[str, float]:
    """The y axis's labels of a chart (9 point, set right of their tick), by text: their
    heights in points."""
    import re

    found = re.findall(
        r'<text x="[\d.]+" y="([\d.]+)" font-size="9" text-anchor="end"[^>]*>([^<]+)<', svg
    )
    return {text: float(y) for y, text in found}


def test_an_rl_chart_reaches_every_range_with_labels_apart():
    """Metric 3's chart printed "1.25" and "1" on top of each other, and its ranges (up to
    150.40) ran far above the top labelled tick (16)."""
    from wres_helpers.words import charts

    nan = math.nan
    trend = {2017: (nan, nan, nan), 2018: (nan, 3.06, 150.40), 2019: (nan, 2.66, 130.67)}
    bottom, top, ticks = charts.rl_axis([3.06, 150.40, 2.66, 130.67], Settings())
    assert max(ticks) >= 150.40 and top >= 150.40 and bottom < 1
    assert 1.0 in ticks
    chart, _ = charts.rl_chart(trend, {}, "ECCH", Settings(), "x", {2017: "undefined"})
    heights = sorted(_y_tick_labels(chart.svg).values())
    assert len(heights) == len(ticks)
    assert min(b - a for a, b in zip(heights, heights[1:], strict=False)) >= 8  # points apart
    # An everyday axis keeps the ends of the range labelled where there is room.
    chart, _ = charts.rl_chart({2019: (1.13, 0.91, 1.39)}, {}, "ECCH", Settings(), "x")
    labels = _y_tick_labels(chart.svg)
    assert {"0.8", "1", "1.25"} <= set(labels)
    assert labels["0.8"] > labels["1"] > labels["1.25"]  # higher values higher up the page


@pytest.mark.parametrize(
    ("peers", "panels"),
    [
        ({}, 1),  # ECCH's metric 3 in 2019: a range, so no figure to place among others
        ({"ECCH": 1.13}, 1),  # no comparator has a figure
        ({"ECCH": 1.13, "SMCH": math.nan}, 1),
        ({"ECCH": 1.13, "SMCH": 1.20}, 2),
    ],
)
def test_an_rl_chart_draws_no_empty_comparator_panel(peers, panels):
    """Issue 19.5: the comparators' panel is drawn only when a comparator has a figure."""
    from wres_helpers.words import charts

    chart, alt = charts.rl_chart({2019: (1.13, 0.91, 1.39)}, peers, "ECCH", Settings(), "x")
    assert (
        chart.svg.count('font-size="10" text-anchor="start" fill="#212B32" font-weight="bold"')
        == panels
    )
    assert ("2019: comparators</text>" in chart.svg) == (panels == 2)
    assert ("comparator organisations" in alt) == (panels == 2)
    assert (">SMCH</text>" in chart.svg) == (panels == 2)


def test_the_executive_summary_gives_metrics_8_9a_and_9b(tiny_wdes):
    """TINYD 2019, as HAND-WORKED.md works them: 8 has one group, 9a is in points (no
    interval is published for a mean score, so its gap could be chance), 9b yes."""
    from wres_helpers.words import summary
    from wres_helpers.words.lookup import Figures

    data = load_folder(tiny_wdes, params_root=None, standard=WDES)
    figures = Figures(publish(indicators.compute(data, standard=WDES), standard=WDES), WDES)
    said = {line.indicator.id: line for line in summary.lines(figures, "TINYD", 2019, Settings())}
    assert (said["8"].now, said["8"].status) == ("Disabled 70.0%", "One group only")
    assert said["8"].finding is None  # one group: nothing to compare, never a key finding
    assert (said["9a"].now, said["9a"].status) == (
        "−0.60 points",
        "Worse for Disabled staff; could be chance",
    )
    assert said["9a"].finding.sentence.startswith(
        "Disabled staff score 6.50 and non-disabled staff 7.10 out of 10 (−0.60 points), which "
        "could be chance: no interval can be given."
    )
    assert said["9b"].now == "Yes"
    assert said["4a_i"].name(Settings()).startswith("4a(i). ")


@pytest.mark.slow
@pytest.mark.parametrize("scheme", [True, False])
def test_a_guaranteed_interview_scheme_is_said_where_metric_2_is(scheme):
    """The setting changes no figure; metric 2's section and the method appendix say it."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from wres_helpers.report import ReportData
    from wres_helpers.sections import indicator, provenance

    with contextlib.chdir(ROOT):
        report = ReportData.build("ECCH", 2019, ROOT / "params", standard=WDES)
    params = report.params.model_copy(update={"settings": Settings(guaranteed_interview=scheme)})
    report = dataclasses.replace(report, params=params)
    InteractiveShell.instance()
    with capture_output() as shown:
        indicator(report, "2")
    text = " ".join(str(o.data) for o in shown.outputs)
    assert ("Guaranteed interview." in text) == scheme
    method = provenance.method_text(report)
    assert f"setting `guaranteed_interview` ({'on' if scheme else 'off'} for this report)" in method
