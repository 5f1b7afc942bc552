"""Commentary placeholders: filled with the computed, formatted figure; unknown names refused."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from wres_helpers.errors import InputError
from wres_helpers.inputs import narrative
from wres_helpers.inputs.settings import Settings
from wres_helpers.kinds import likelihood
from wres_helpers.presentation.safe import plain
from wres_helpers.report import ReportData
from wres_helpers.standards import WRES
from wres_helpers.standards.ethnicity import BME, WHITE
from wres_helpers.words import story

ROOT = Path(__file__).resolve().parent.parent
ECCH_2019 = ROOT / "params" / "ECCH" / "2019"
GUIDE = ROOT / "docs" / "analyst-guide.md"


@pytest.fixture(scope="module")
def ecch() -> ReportData:
    with contextlib.chdir(ROOT):  # the demo's data_root is relative to the project folder
        return ReportData.build("ECCH", 2019, ROOT / "params", standard=WRES)


@pytest.fixture(scope="module")
def values(ecch) -> dict[str, str]:
    return story.placeholder_values(ecch.figures, ecch.params)


@pytest.fixture
def commentary(tmp_path: Path) -> Path:
    """A copy of ECCH 2019's parameters folder to break."""
    folder = tmp_path / "ECCH" / "2019"
    shutil.copytree(ECCH_2019, folder)
    return folder


# Figures from data/demo/README.md (the generator's own table), formatted as the report prints.
@pytest.mark.parametrize(
    "name, text",
    [
        ("org.name", "East Coast Community Healthcare"),
        ("org.code", "ECCH"),
        ("year", "2019"),
        ("previous_year", "2018"),
        ("snapshot_date", "31 March 2019"),
        ("workforce.headcount", "1,020"),
        ("workforce.bme.percent", "10.5%"),
        ("workforce.unknown.percent", "3.2%"),
        ("workforce.self_reported", "96.8%"),
        ("previous.workforce.headcount", "990"),
        ("previous.workforce.bme.percent", "9.3%"),
        ("ind2.rl", "1.59"),
        ("previous.ind2.rl", "1.17"),
        ("ind2.verdict", "outside the non-adverse range"),
        ("previous.ind2.verdict", "inside the non-adverse range"),
        # BME 1..7 hidden of 107, White 11 of 880: (1/107)/(11/880) = 0.748 to 5.234
        ("ind3.single.rl", "between 0.74 and 5.24"),
        # 2018: BME of 92, White 11 of 858: 0.848 to 5.935
        ("previous.ind3.single.rl", "between 0.84 and 5.94"),
        ("ind4.rl", "1.13"),
        ("ind4.verdict", "inside the non-adverse range"),
        ("ind8.bme.percent", "–"),  # 9 respondents: below the threshold of 11, not reported
        ("ind9.bme.headcount", "1"),
    ],
)
def test_placeholder_values_match_the_demo(values, name, text):
    assert values[name] == text


def test_placeholder_formats(values):
    assert re.fullmatch(r"\d+\.\d\d", values["ind4.rl"])  # an RL: two decimals
    assert values["ind3.rl"] == "between 0.79 and 5.56"  # resting on a hidden count: a range
    assert re.fullmatch(r"\d+\.\d\d", values["ind2.rl_low"])
    assert float(values["ind2.rl_low"]) < 1.59 < float(values["ind2.rl_high"])
    assert re.fullmatch(r"\d+\.\d%", values["ind5.bme.percent"])  # a percentage: one decimal
    assert re.fullmatch(r"[+−]\d+\.\d points", values["ind9.bme.difference"])  # true minus
    assert values["ind9.bme.difference"].startswith("−")  # BME share of Board below workforce
    assert values["ind2.statement"] == (
        "White applicants 1.59 times as likely to be appointed from shortlisting as BME applicants"
    )
    assert values["ind3.statement"].startswith("BME staff between")  # BME on top, a range


def test_ecch_commentary_is_filled(values):
    loaded = narrative.load_commentary(ECCH_2019, values, standard=WRES)
    summary = loaded.general("summary")
    assert "{{" not in summary
    assert "**Our reading.**" in summary and "**What we are doing.**" in summary
    assert loaded.implications(2).startswith("White applicants 1.59 times as likely")
    assert loaded.actions(3).startswith("Every decision to start a formal investigation")
    assert loaded.prompts == []


# --- ECCH's commentary says only what its published figures show ----------------------------


def _published(report: ReportData, year: int, indicator: int, **match):
    return report.figures.row("ECCH", year, indicator, **match)


def _rl(report: ReportData, year: int, indicator: int, breakdown: str):
    return _published(report, year, indicator, measure="relative_likelihood", breakdown=breakdown)


def test_ecch_commentary_claims_match_the_published_figures(ecch):
    """Each claim the ECCH commentary makes in words (not through a placeholder) checked
    against the published table, as a reader with indicators.csv could check it."""
    loaded = ecch.commentary
    text = " ".join(
        [loaded.general(n) for n in narrative.GENERAL]
        + [loaded.implications(i) + " " + loaded.actions(i) for i in range(1, 10)]
    )
    text = " ".join(text.split())
    # It says plainly that the figures are synthetic.
    assert "**The figures are synthetic**" in loaded.general("summary")
    assert "synthetic" in loaded.general("background")

    # Indicator 3: a range, not a figure, each year it can be calculated (the single-year
    # figure in 2017, 2018 and 2019, the two-year figure in 2018 and 2019: 2017 has none, no
    # 2016 data), and every one of those ranges reaches into the non-adverse range.
    assert "three years running" not in text and "above the non-adverse range" not in text
    assert "published only as a range" in text
    assert "reaches into the non-adverse range" in text
    single = {y: _rl(ecch, y, 3, "Reporting year") for y in (2017, 2018, 2019)}
    rolling = {y: _rl(ecch, y, 3, "Two-year rolling") for y in (2017, 2018, 2019)}
    ranged = [*single.values(), rolling[2018], rolling[2019]]
    assert all(pd.isna(r["value"]) and r["range_low"] <= 1.25 for r in ranged)
    assert all(r["range_high"] >= 0.80 for r in ranged)
    assert pd.isna(rolling[2017]["range_low"]) and "previous year" in rolling[2017]["note"]
    assert "No 2016 data was supplied" in text and not ecch.supplied("workforce", 2016)

    # Indicator 2 "the only one whose interval lies wholly above 1" of the three RLs.
    assert "the only one whose interval lies wholly above 1" in text
    headline = {n: ecch.figures.rl_row("ECCH", 2019, n, ecch.params.settings) for n in (2, 3, 4)}
    assert headline[2]["ci_low"] > 1
    assert headline[3]["range_low"] <= 1 and headline[4]["ci_low"] <= 1

    # Indicator 1: single bands mostly hidden (true: most bands' BME counts are); the clusters
    # published show fewer BME staff in bands 1-4 (each of the three) than the whole
    # workforce, and more in 5-7.
    assert "concentrated" not in text and "scarce" not in text
    assert "Single pay bands are mostly too small to publish" in text
    assert "fewer BME staff in bands 1-4 than overall, and more in bands 5-7." in text
    one = ecch.published[
        (ecch.published["org"] == "ECCH")
        & (ecch.published["year"] == 2019)
        & (ecch.published["indicator"] == "1")
        & (ecch.published["measure"] == "percent")
        & (ecch.published["group"] == BME)
    ]
    share = dict(zip(one["breakdown"], one["value"], strict=True))
    whole = share.pop("Overall workforce")
    clusters = {b: v for b, v in share.items() if "Bands " in b}
    bands = {b: v for b, v in share.items() if "Bands " not in b}
    assert sum(pd.isna(v) for v in bands.values()) > len(bands) / 2
    assert clusters["Non-clinical: Bands 1-4"] < whole and clusters["Clinical: Bands 1-4"] < whole
    assert clusters["Clinical and non-clinical: Bands 5-7"] > whole
    shown_1_4 = [v for b, v in clusters.items() if "1-4" in b and pd.notna(v)]
    assert len(shown_1_4) == 3 and all(v < whole for v in shown_1_4)

    # The survey: BME staff fare worse on every question that can be reported (5, 6 and 7;
    # 8 is not reported), most of all on equal opportunities for progression (7).
    assert "most of all on equal opportunities for progression" in text
    gaps = {}
    for n in (5, 6, 7, 8):
        white = _published(ecch, 2019, n, measure="percent", group=WHITE)["value"]
        bme = _published(ecch, 2019, n, measure="percent", group=BME)["value"]
        if pd.notna(bme):
            gaps[n] = (white - bme) if n == 7 else (bme - white)  # 7: higher is better
    assert set(gaps) == {5, 6, 7} and all(g > 0 for g in gaps.values())
    assert max(gaps, key=gaps.get) == 7

    # Other factors: twelve voting Board members, so one appointment is over eight points.
    assert (
        "with twelve voting members one appointment moves the Board's make-up by over eight" in text
    )
    voting = _published(ecch, 2019, 9, measure="percent", group=BME, breakdown="Board (voting)")
    assert voting["denominator"] == 12 and 100 / 12 > 8

    # Each action the commentary cites by number is that action in the plan.
    plan = ecch.actions
    for number, indicator in [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 5), (7, 6), (7, 8)]:
        assert str(indicator) in plan.iloc[number - 1]["indicators"], (number, indicator)


@pytest.mark.parametrize("written", ["{{ind2.rl}}", "{{  ind2.rl  }}", "{{ ind2.rl }}"])
def test_spacing_inside_braces_does_not_matter(values, written):
    assert narrative.fill(f"RL {written}.", values, "x.md", []) == "RL 1.59."


def test_unknown_placeholder_names_file_line_and_closest(commentary, values):
    path = commentary / "commentary" / "indicator-2.md"
    lines = path.read_text().splitlines()
    lines[2] = "The figure is {{ ind2.lr }} this year."  # line 3
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values, standard=WRES)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.value) == (str(path), 3, "{{ ind2.lr }}")
    message = str(problem)
    assert message.startswith(f"{path}, line 3: found '{{{{ ind2.lr }}}}'")
    assert "closest: ind2.rl" in message


def test_every_unknown_placeholder_is_reported_at_once(commentary, values):
    (commentary / "commentary" / "summary.md").write_text("a\n\nb {{ workforce.bme.percnt }}\n")
    (commentary / "commentary" / "other-factors.md").write_text("{{ zzz }}\n")
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values, standard=WRES)
    found = {(Path(p.file).name, p.row): p.expected for p in caught.value.problems}
    assert set(found) == {("summary.md", 3), ("other-factors.md", 1)}
    assert "workforce.bme.percent" in found[("summary.md", 3)]
    assert "docs/analyst-guide.md" in found[("other-factors.md", 1)]  # nothing close


def test_missing_heading_and_missing_file(commentary, values):
    path = commentary / "commentary" / "indicator-5.md"
    path.write_text(path.read_text().replace("## Action taken and planned", "## Actions"))
    (commentary / "commentary" / "background.md").unlink()
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values, standard=WRES)
    text = str(caught.value)
    assert f"{path}: expected a heading '## Action taken and planned'" in text
    assert "background.md: expected a commentary file" in text


def test_the_staff_networks_words_are_read_when_the_file_exists(commentary, values):
    """commentary/staff-network.md is optional: read and checked like the other files when
    it is there, and no section at all when it is not."""
    path = commentary / "commentary" / "staff-network.md"
    read = narrative.load_commentary(commentary, values, standard=WRES)
    assert read.general("staff-network").startswith("_Written by the BME Staff Network's chair")
    path.write_text("We ask the Board <script>x</script>.\nTODO: agree the last line\n")
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values, standard=WRES)
    assert f"{path}, line 1" in str(caught.value)  # raw HTML refused, as everywhere
    path.write_text("We ask the Board to meet us.\nTODO: agree the last line\n")
    assert narrative.load_commentary(commentary, values, standard=WRES).prompts == [
        f"{path}, line 2: TODO: agree the last line"
    ]
    path.unlink()
    assert (
        narrative.load_commentary(commentary, values, standard=WRES).general("staff-network") == ""
    )


def test_prompts_are_listed_with_file_and_line(commentary, values):
    path = commentary / "commentary" / "indicator-9.md"
    path.write_text(path.read_text() + "\n  TODO: add the 2020 appointments\n")
    prompts = narrative.load_commentary(commentary, values, standard=WRES).prompts
    line = len(path.read_text().splitlines())
    assert prompts == [f"{path}, line {line}: TODO: add the 2020 appointments"]


def test_every_placeholder_exists_when_its_data_was_not_supplied(tmp_path):
    """Without a recruitment file (and without last year's folder) every name is still
    known: a missing figure reads 'not available (data not supplied)', an undefined RL gives
    its reason, and only a name that does not exist is refused."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "demo" / "ECCH" / "2019", data / "ECCH" / "2019")
    (data / "ECCH" / "2019" / "recruitment.csv").unlink()
    params = tmp_path / "params" / "ECCH" / "2019"
    shutil.copytree(ECCH_2019, params)
    path = params / "params.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("data_root: data/demo", f"data_root: {data}")
    text = re.sub(r"comparators: \[.*\]", "comparators: []", text)
    path.write_text(text, encoding="utf-8")

    # ECCH's own commentary uses {{ ind2.statement }} and {{ previous.* }}: it still loads.
    report = ReportData.build("ECCH", 2019, tmp_path / "params", standard=WRES)
    values = story.placeholder_values(report.figures, report.params)
    missing = "not available (data not supplied)"
    assert missing == story.NOT_AVAILABLE
    for name in ("rl", "rl_low", "rl_high", "statement", "verdict"):
        assert values[f"ind2.{name}"] == missing, name
        assert values[f"previous.ind2.{name}"] == missing, name
        assert values[f"previous.ind4.{name}"] == missing, name
    assert values["previous.workforce.headcount"] == missing
    assert values["previous.ind3.single.rl"] == missing
    assert values["workforce.headcount"] == "1,020" and values["ind4.rl"] == "1.13"
    # Indicator 3's two-year figure needs last year's data: undefined, with the reason.
    assert values["ind3.rl"] == values["ind3.rl_low"] == "undefined"
    assert values["ind3.statement"] == (
        "Relative likelihood undefined (no two-year figure: the previous year's workforce or "
        "disciplinary data was not supplied)"
    )
    assert values["ind3.verdict"] == "not assessed: the relative likelihood is undefined"
    implications = plain(report.commentary.implications(2))  # values escaped for Markdown
    assert implications.startswith(f"{missing}, against {missing}")

    problems = []
    filled = narrative.fill("{{ ind2.statement }} ({{ ind2.rl }})", values, "x.md", problems)
    assert filled == f"{missing} ({missing})" and problems == []
    narrative.fill("{{ ind2.statment }}", values, "x.md", problems)
    [problem] = problems
    assert "closest: ind2.statement" in str(problem)


def test_an_undefined_rl_keeps_its_reason_in_words():
    found = pd.Series(
        {"value": float("nan"), "ci_low": float("nan"), "ci_high": float("nan"),
         "interpretation": "", "non_adverse": "", "small_numbers": False,
         "note": "undefined: no BME applicants were appointed"}
    )  # fmt: skip
    values = likelihood.rl_placeholders("ind2", found, Settings())
    assert values["ind2.statement"] == (
        "Relative likelihood undefined: no BME applicants were appointed"
    )
    assert values["ind2.rl"] == values["ind2.rl_low"] == values["ind2.rl_high"] == "undefined"


def _ranged(low: float, high: float, non_adverse: str) -> pd.Series:
    return pd.Series(
        {"value": float("nan"), "ci_low": float("nan"), "ci_high": float("nan"),
         "range_low": low, "range_high": high, "interpretation": "Disabled staff 0.9 to 1.1 "
         "times as likely", "non_adverse": non_adverse, "small_numbers": True, "note": "",
         "suppression": "published as a range: a count of 1 to 7 is hidden"}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("low", "high", "non_adverse", "verdict"),
    [
        (0.90, 1.10, "inside", "inside the non-adverse range"),
        (0.57, 4.00, "", "not assessed: the relative likelihood is published only as a range"),
        # The WDES with its non-adverse setting off: no verdict, and no "may be inside".
        (0.90, 1.10, "", "not assessed against the non-adverse range"),
    ],
)
def test_a_ranged_rl_gets_its_verdict_only_where_one_is_given(low, high, non_adverse, verdict):
    found = _ranged(low, high, non_adverse)
    values = likelihood.rl_placeholders("ind2", found, Settings())
    assert values["ind2.verdict"] == verdict
    assert values["ind2.rl"] == f"between {low:.2f} and {high:.2f}"
    sentence = likelihood.rl_sentence(found, Settings())
    crosses = "it may be inside the non-adverse range (0.80 to 1.25) or outside it"
    assert (crosses in sentence) == (low == 0.57)
    assert ("the setting is off" in sentence) == (low == 0.90 and not non_adverse)


def test_every_placeholder_is_documented(values):
    guide = GUIDE.read_text(encoding="utf-8")
    current = [n for n in values if not n.startswith("previous.")]
    undocumented = [n for n in current if f"{{{{ {n} }}}}" not in guide]
    assert not undocumented, f"not in {GUIDE.name}: {undocumented}"
    assert "{{ previous." in guide
