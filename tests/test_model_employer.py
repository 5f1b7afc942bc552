"""Model Employer goals, worked by hand for the organisation MODEL in tests/HAND-WORKED.md."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import workforce_table, write_csv
from pydantic import ValidationError

from wres_helpers.compute import disclosure, indicators
from wres_helpers.compute import model_employer as me
from wres_helpers.errors import InputError
from wres_helpers.inputs.load import load_folders
from wres_helpers.inputs.params import ModelEmployer, load_params
from wres_helpers.inputs.settings import Settings
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent

CELLS_2018 = [
    ("A", "Clinical", "5", 83, 0), ("H", "Clinical", "5", 31, 0),
    ("A", "Clinical", "8a", 18, 0), ("H", "Clinical", "8a", 2, 0),
    ("A", "Non-clinical", "8b", 6, 0), ("H", "Non-clinical", "8b", 4, 0),
    ("A", "Clinical", "8c", 10, 0),
    ("A", "Non-clinical", "9", 2, 0), ("A", "Non-clinical", "VSM", 4, 0),
]  # fmt: skip
CELLS_2019 = [
    ("A", "Clinical", "5", 83, 0), ("H", "Clinical", "5", 31, 0),
    ("A", "Clinical", "8a", 16, 0), ("H", "Clinical", "8a", 4, 0),
    ("A", "Non-clinical", "8b", 6, 0), ("H", "Non-clinical", "8b", 4, 0),
    ("A", "Clinical", "8c", 8, 0), ("H", "Clinical", "8c", 1, 0), ("Z", "Clinical", "8c", 1, 0),
    ("A", "Non-clinical", "9", 2, 0), ("A", "Non-clinical", "VSM", 4, 0),
]  # fmt: skip
PLAN = ModelEmployer(baseline_year=2018, targets={"8c-VSM": 15})


def _goals(make_org, tmp_path, settings: Settings) -> dict[str, me.Goal]:
    make_org({"workforce": workforce_table(CELLS_2018)}, year=2018, org="MODEL")
    make_org({"workforce": workforce_table(CELLS_2019)}, year=2019, org="MODEL")
    dataset = load_folders(tmp_path / "data", ["MODEL"], [2018, 2019], standard=WRES)
    computed = indicators.compute(dataset, settings, standard=WRES)
    published = disclosure.publish(computed, settings, standard=WRES)
    return {g.name: g for g in me.goals(computed, published, "MODEL", 2019, PLAN, settings)}


# band: staff, BME, goal, gap, a year, milestone, on track (None: not judged), at goal
HAND = {
    "8a": (20, 4, 25.0, 1, 1 / 9, 11.5, True, False),
    "8b": (10, 4, 25.0, 0, 0.0, 38.5, True, True),
    "8c": (10, 1, 25.0, 2, 2 / 9, 2.5, True, False),
    "8d": (0, 0, 25.0, 0, 0.0, math.nan, None, False),
    "9": (2, 0, 25.0, 1, 1 / 9, 2.5, False, False),
    "VSM": (4, 0, 25.0, 1, 1 / 9, 2.5, False, False),
    "8a–8b": (30, 8, 25.0, 0, 0.0, 20.5, True, True),
    "8c–VSM": (16, 1, 15.0, 2, 2 / 9, 1.5, True, False),
}


def test_goals_worked_by_hand(make_org, tmp_path):
    goals = _goals(make_org, tmp_path, Settings(suppress_to=0))
    assert list(goals) == list(HAND)
    for name, (staff, bme, goal, gap, per_year, milestone, on_track, at_goal) in HAND.items():
        g = goals[name]
        assert (g.now.staff, g.now.bme, g.goal, g.gap) == (staff, bme, goal, gap), name
        assert g.per_year == pytest.approx(per_year), name
        assert (math.isnan(g.milestone) and math.isnan(milestone)) or g.milestone == (
            pytest.approx(milestone)
        ), name
        assert (g.on_track, g.at_goal, g.hidden) == (on_track, at_goal, False), name
    assert goals["8c–VSM"].own_target and not goals["8c"].own_target
    assert goals["8d"].baseline.staff == 0  # a band with no staff: nothing to close
    assert me.trajectory(goals["8a–8b"], PLAN) == [(2018, 20.0), (2028, 25.0)]


def test_small_counts_and_the_clusters_adding_them_up_are_hidden(make_org, tmp_path):
    goals = _goals(make_org, tmp_path, Settings())  # counts 1 to 7 hidden
    assert goals["8a"].hidden and goals["8a"].now.bme == 4
    assert goals["8a–8b"].hidden  # 8 BME staff, but it adds up the hidden 8a and 8b cells


def _section(root: Path, cells_2019: list, settings: dict, targets=None) -> BeautifulSoup:
    """What the Model Employer section shows for MODEL 2019, its data and parameters under
    `root`."""
    from test_report import shown

    from wres_helpers.inputs.scaffold import TEMPLATES
    from wres_helpers.report import ReportData
    from wres_helpers.sections.model_employer import model_employer

    for year, cells in ((2018, CELLS_2018), (2019, cells_2019)):
        (root / "data" / "MODEL" / str(year)).mkdir(parents=True)
        write_csv(root / "data" / "MODEL" / str(year) / "workforce.csv", *workforce_table(cells))
    folder = root / "params" / "MODEL" / "2019"
    (folder / "commentary").mkdir(parents=True)
    (folder / "params.yaml").write_text(
        yaml.safe_dump(
            {
                "organisation": {"code": "MODEL", "name": "Model *Trust* <b>"},
                "year": 2019,
                "data_root": str(root / "data"),
                "snapshot_date": "2019-03-31",
                "settings": settings,
                "model_employer": {"baseline_year": 2018, "targets": targets or {"8c-VSM": 15}},
            }
        ),
        encoding="utf-8",
    )
    for path in (TEMPLATES / "commentary").iterdir():
        (folder / "commentary" / path.name).write_text(path.read_text(encoding="utf-8"))
    report = ReportData.build("MODEL", 2019, root / "params", standard=WRES)
    return BeautifulSoup(shown(model_employer, report), "html.parser")


def _rows(soup: BeautifulSoup) -> list[list[str]]:
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup("tr")]
    return [r for r in rows if r]


def test_the_section_shows_the_table_as_worked_by_hand(tmp_path):
    soup = _section(tmp_path, CELLS_2019, {"suppress_to": 0})
    assert _rows(soup) == [
        ["8a", "20", "4 (20.0%)", "25.0%", "5", "1", "0.1", "11.5%", "on track"],
        ["8b", "10", "4 (40.0%)", "25.0%", "3", "0", "0.0", "38.5%", "at or above the goal"],
        ["8c", "10", "1 (10.0%)", "25.0%", "3", "2", "0.2", "2.5%", "on track"],
        ["8d", "0", "–", "25.0%", "–", "–", "–", "–", "no staff in this band"],
        ["9", "2", "0 (0.0%)", "25.0%", "1", "1", "0.1", "2.5%", "behind the milestone"],
        ["VSM", "4", "0 (0.0%)", "25.0%", "1", "1", "0.1", "2.5%", "behind the milestone"],
        ["8a–8b", "30", "8 (26.7%)", "25.0%", "8", "0", "0.0", "20.5%", "at or above the goal"],
        ["8c–VSM", "16", "1 (6.2%)", "15.0% (own)", "3", "2", "0.2", "1.5%", "on track"],
    ]
    text = soup.get_text(" ")
    assert "The goal is parity with the BME share of the whole workforce in 2019, 25.0%" in text
    assert "its own targets in place of parity: bands 8c–VSM: 15.0%" in text
    # The organisation's name is text: no emphasis, no element from it.
    assert "Model *Trust* <b>'s goal year is" in text and not soup.find("b")


# One BME member of staff in band 8a fewer, and one more in band 5: the same whole workforce.
CELLS_2019_OTHER = [
    ("A", "Clinical", "5", 82, 0), ("H", "Clinical", "5", 32, 0),
    ("A", "Clinical", "8a", 17, 0), ("H", "Clinical", "8a", 3, 0),
    *CELLS_2019[4:],
]  # fmt: skip


def test_a_hidden_count_changes_nothing_the_section_shows(tmp_path):
    """With counts 1 to 7 hidden, 8a's 4 BME staff (or 3) are hidden in indicator 1, and the
    section shows nothing that tells the two apart: not the share, the gap (1 or 2), a year's
    worth or the status; nor for the 8a–8b cluster that adds them up. (So few staff that the
    whole workforce's BME count is hidden too, and with it parity: own targets are shown.)"""
    targets = {"8a": 25, "8a-8b": 25, "8c-VSM": 15}
    one = _section(tmp_path / "one", CELLS_2019, {}, targets)
    other = _section(tmp_path / "other", CELLS_2019_OTHER, {}, targets)
    assert str(one) == str(other)
    rows = {row[0]: row[1:] for row in _rows(one)}
    not_shown = ["hidden", "hidden", "–", "not shown (small numbers)"]
    assert rows["8a"] == ["20", "hidden", "25.0% (own)", "5", *not_shown]
    assert rows["8a–8b"] == ["30", "hidden", "25.0% (own)", "8", *not_shown]
    assert rows["8b"] == ["10", "hidden", "hidden", "–", *not_shown]  # parity, hidden
    assert "parity with the BME share of the whole workforce in 2019, hidden" in one.get_text()


@pytest.mark.parametrize(
    "block, named",
    [
        ({"baseline_year": 2018, "targets": {"8e": 20}}, "unknown band or cluster '8e'"),
        ({"baseline_year": 2018, "targets": {"8a": 120}}, "a percentage from 0 to 100"),
        ({"baseline_year": 2030}, "baseline_year must be before goal_year"),
        ({"goal_year": 2028}, "model_employer.baseline_year"),
        ({"baseline_year": 2018, "goal": 2028}, "known here: goal_year, baseline_year, targets"),
    ],
)
def test_a_bad_block_is_refused_by_name(tmp_path, block, named):
    source = ROOT / "params" / "ECCH" / "2019" / "params.yaml"
    values = yaml.safe_load(source.read_text(encoding="utf-8")) | {"model_employer": block}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_params(tmp_path)
    assert named in raised.value.message()


def test_the_goal_year_defaults_to_2028_and_names_are_read_loosely():
    plan = ModelEmployer(baseline_year=2019, targets={"Band 8C - vsm": 10, "8a–8b": 20})
    assert plan.goal_year == 2028
    assert plan.targets == {"8c–VSM": 10.0, "8a–8b": 20.0}
    with pytest.raises(ValidationError):
        ModelEmployer(targets={})


def test_a_cluster_is_the_indicators_own_cluster_row():
    """Model Employer's 8a–8b is indicator 1's 'Clinical and non-clinical: Bands 8a-8b'
    row (issue 19 item 3): shown when that row is, though a band in it is hidden (band 8a
    BME 3 of 20, band 8b BME 6 of 20: the cluster 9 of 40, 22.5%, made up by hand)."""
    import pandas as pd

    def row(breakdown, bme, staff, suppression=""):
        return dict(org="O", year=2019, indicator="1", measure="percent", group="BME",
                    breakdown=breakdown, numerator=bme, denominator=staff,
                    suppression=suppression)  # fmt: skip

    computed = pd.DataFrame(
        [
            row("Clinical: 8a", 3, 20),
            row("Clinical: 8b", 6, 20),
            row("Clinical: Bands 8a-8b", 9, 40),
            row("Clinical and non-clinical: Bands 8a-8b", 9, 40),
            row("Overall workforce", 50, 400),
        ]
    )
    published = computed.copy()
    published.loc[[0, 1], "suppression"] = "small numbers"
    shares = me.shares(computed, published, "O", 2019, Settings())
    assert not shares["8a–8b"].hidden
    assert (shares["8a–8b"].bme, shares["8a–8b"].staff) == (9, 40)
    assert shares["8a–8b"].percent == pytest.approx(22.5)
    assert shares["8a"].hidden and shares["8b"].hidden
    published.loc[3, "suppression"] = "small numbers"  # the row hidden: the cluster too
    assert me.shares(computed, published, "O", 2019, Settings())["8a–8b"].hidden
