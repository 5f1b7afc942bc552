"""Commentary placeholders: filled with the computed, formatted figure; unknown names refused."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest

from wres_helpers import narrative, story
from wres_helpers.errors import InputError
from wres_helpers.report import ReportData

ROOT = Path(__file__).resolve().parent.parent
ECCH_2019 = ROOT / "params" / "ECCH" / "2019"
GUIDE = ROOT / "docs" / "analyst-guide.md"


@pytest.fixture(scope="module")
def values() -> dict[str, str]:
    with contextlib.chdir(ROOT):  # the demo's data_root is relative to the project folder
        report = ReportData.build("ECCH", 2019, ROOT / "params")
    return story.placeholder_values(report.published, report.params)


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
        ("ind3.single.rl", "2.24"),
        ("previous.ind3.single.rl", "1.70"),
        ("ind4.rl", "1.13"),
        ("ind4.verdict", "inside the non-adverse range"),
        ("ind8.bme.percent", "–"),  # 9 respondents: below the threshold of 11, not reported
        ("ind9.bme.headcount", "1"),
    ],
)
def test_placeholder_values_match_the_demo(values, name, text):
    assert values[name] == text


def test_placeholder_formats(values):
    assert re.fullmatch(r"\d+\.\d\d", values["ind3.rl"])  # an RL: two decimals
    assert re.fullmatch(r"\d+\.\d\d", values["ind2.rl_low"])
    assert float(values["ind2.rl_low"]) < 1.59 < float(values["ind2.rl_high"])
    assert re.fullmatch(r"\d+\.\d%", values["ind5.bme.percent"])  # a percentage: one decimal
    assert re.fullmatch(r"[+−]\d+\.\d points", values["ind9.bme.difference"])  # true minus
    assert values["ind9.bme.difference"].startswith("−")  # BME share of Board below workforce
    assert values["ind2.statement"] == (
        "White applicants 1.59 times as likely to be appointed from shortlisting as BME applicants"
    )
    assert values["ind3.statement"].startswith("BME staff")  # indicator 3 puts BME on top


def test_ecch_commentary_is_filled(values):
    loaded = narrative.load_commentary(ECCH_2019, values)
    summary = loaded.general("summary")
    assert "{{" not in summary
    assert "BME staff are 10.5% of our 1,020 staff" in summary
    assert "(1.59, outside the non-adverse range)" in summary
    assert "a step back from 1.17 in 2018" in summary
    assert loaded.implications(2).startswith("White applicants 1.59 times as likely")
    assert loaded.actions(3).startswith("Every decision to start a formal investigation")
    assert loaded.prompts == []


@pytest.mark.parametrize("written", ["{{ind2.rl}}", "{{  ind2.rl  }}", "{{ ind2.rl }}"])
def test_spacing_inside_braces_does_not_matter(values, written):
    assert narrative.fill(f"RL {written}.", values, "x.md", []) == "RL 1.59."


def test_unknown_placeholder_names_file_line_and_closest(commentary, values):
    path = commentary / "commentary" / "indicator-2.md"
    lines = path.read_text().splitlines()
    lines[2] = "The figure is {{ ind2.lr }} this year."  # line 3
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.value) == (str(path), 3, "{{ ind2.lr }}")
    message = str(problem)
    assert message.startswith(f"{path}, line 3: found '{{{{ ind2.lr }}}}'")
    assert "closest: ind2.rl" in message


def test_every_unknown_placeholder_is_reported_at_once(commentary, values):
    (commentary / "commentary" / "summary.md").write_text("a\n\nb {{ workforce.bme.percnt }}\n")
    (commentary / "commentary" / "other-factors.md").write_text("{{ zzz }}\n")
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values)
    found = {(Path(p.file).name, p.row): p.expected for p in caught.value.problems}
    assert set(found) == {("summary.md", 3), ("other-factors.md", 1)}
    assert "workforce.bme.percent" in found[("summary.md", 3)]
    assert "docs/analyst-guide.md" in found[("other-factors.md", 1)]  # nothing close


def test_missing_heading_and_missing_file(commentary, values):
    path = commentary / "commentary" / "indicator-5.md"
    path.write_text(path.read_text().replace("## Action taken and planned", "## Actions"))
    (commentary / "commentary" / "background.md").unlink()
    with pytest.raises(InputError) as caught:
        narrative.load_commentary(commentary, values)
    text = str(caught.value)
    assert f"{path}: expected a heading '## Action taken and planned'" in text
    assert "background.md: expected a commentary file" in text


def test_prompts_are_listed_with_file_and_line(commentary, values):
    path = commentary / "commentary" / "indicator-9.md"
    path.write_text(path.read_text() + "\n  TODO: add the 2020 appointments\n")
    prompts = narrative.load_commentary(commentary, values).prompts
    line = len(path.read_text().splitlines())
    assert prompts == [f"{path}, line {line}: TODO: add the 2020 appointments"]


def test_every_placeholder_is_documented(values):
    guide = GUIDE.read_text(encoding="utf-8")
    current = [n for n in values if not n.startswith("previous.")]
    undocumented = [n for n in current if f"{{{{ {n} }}}}" not in guide]
    assert not undocumented, f"not in {GUIDE.name}: {undocumented}"
    assert "{{ previous." in guide
