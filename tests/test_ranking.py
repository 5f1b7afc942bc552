"""The executive summary's ranking rule (`words.ranking`), on hand-made sets: first the
findings as the rule reads them, then a whole hand-made WRES figure set read by
`words.summary`, its expected key findings worked out by hand below (HAND-WORKED.md,
"The ranked summary")."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from wres_helpers.inputs.settings import Settings
from wres_helpers.standards import WRES
from wres_helpers.words import summary
from wres_helpers.words.lookup import Figures
from wres_helpers.words.ranking import Finding, rank, rule


def finding(name, adverse, beyond, worsened, outside, strength=0.0, order=0) -> Finding:
    return Finding(name, adverse, beyond, worsened, outside, strength, order)


def test_adverse_and_beyond_chance_first_then_worsened_then_outside_the_range():
    found = [
        finding("A", True, True, False, False, strength=1.5, order=5),  # tier 1 only
        finding("B", True, False, True, True, strength=0.8, order=2),  # tiers 2 and 3
        finding("C", False, True, False, True, strength=3.0, order=1),  # tier 3 only
        finding("D", True, True, True, False, strength=1.2, order=4),  # tiers 1 and 2
        finding("E", True, True, False, False, strength=2.0, order=3),  # tier 1 only
        finding("F", False, False, False, False, strength=9.0, order=0),  # none: never
    ]
    # D meets tiers 1 and 2; E and A tier 1 alone (E further from no difference); then B
    # (tier 2, and 3), then C (tier 3). F meets no test.
    assert [f.indicator for f in rank(found)] == ["D", "E", "A"]
    assert [f.indicator for f in rank(found, most=9)] == ["D", "E", "A", "B", "C"]


def test_worsening_counts_only_against_the_focus_group_and_ties_keep_the_standards_order():
    found = [
        finding("better-and-further", False, False, True, False, strength=5.0, order=1),
        finding("late", True, False, True, False, strength=0.5, order=7),
        finding("early", True, False, True, False, strength=0.5, order=3),
    ]
    assert [f.indicator for f in rank(found)] == ["early", "late"]


def test_nothing_qualifies_nothing_is_a_key_finding():
    found = [
        finding("favourable, beyond chance", False, True, False, False, strength=4.0),
        finding("adverse, could be chance, not worse", True, False, False, False, 0.9),
    ]
    assert rank(found) == []


def test_the_rule_is_said_in_words():
    assert rule("Disabled") == (
        "Key findings are chosen by one rule: first a difference adverse to Disabled staff "
        "and beyond chance; then one adverse to them and further from equal than last year; "
        "then a relative likelihood outside the non-adverse range. At most three are shown."
    )


# --- a hand-made WRES figure set, org T, 2019 against 2018 ------------------------------------

COLUMNS = [
    "indicator", "measure", "breakdown", "group", "numerator", "denominator", "value",
    "ci_low", "ci_high", "suppression", "org", "year", "favours", "non_adverse",
    "small_numbers", "interpretation", "note", "range_low", "range_high", "source",
]  # fmt: skip


def row(indicator, measure, breakdown, group, value, low=math.nan, high=math.nan, **more):
    out = dict.fromkeys(COLUMNS, "")
    out |= {"numerator": math.nan, "denominator": math.nan, "range_low": math.nan}
    out |= {"range_high": math.nan, "small_numbers": False, "org": "T", "year": 2019}
    out |= dict(indicator=indicator, measure=measure, breakdown=breakdown, group=group)
    out |= dict(value=value, ci_low=low, ci_high=high) | more
    return out


def rl(indicator, breakdown, value, low, high, favours, where, year=2019):
    return row(
        indicator, "relative_likelihood", breakdown, "", value, low, high,
        favours=favours, non_adverse=where, year=year, interpretation=f"RL {value}",
    )  # fmt: skip


def pct(indicator, group, value, low, high, year=2019, **more):
    return row(indicator, "percent", "All", group, value, low, high, year=year, **more)


FIGURES = [
    row("1", "percent", "Overall workforce", "BME", 10.0),
    row("1", "percent", "Overall workforce", "BME", 9.0, year=2018),
    # 2: 1.50 (1.10-2.05) against White-favoured 1.20: adverse, beyond chance, worse, outside
    rl("2", "All", 1.50, 1.10, 2.05, "White", "outside"),
    rl("2", "All", 1.20, 0.90, 1.60, "White", "inside", year=2018),
    # 3 (two-year rolling): 0.60 (0.40-0.90) favours BME: beyond chance and outside, not adverse
    rl("3", "Two-year rolling", 0.60, 0.40, 0.90, "BME", "outside"),
    # 4: 1.10 (0.95-1.27) against 1.05: adverse, could be chance, further from equal
    rl("4", "All", 1.10, 0.95, 1.27, "White", "inside"),
    rl("4", "All", 1.05, 0.90, 1.22, "White", "inside", year=2018),
    # 5 (higher is worse): BME 30 (20-42), White 20 (17-23.5): gap 10, could be chance; 6 in 2018
    pct("5", "BME", 30.0, 20.0, 42.0),
    pct("5", "White", 20.0, 17.0, 23.5),
    pct("5", "BME", 26.0, 17.0, 37.0, year=2018),
    pct("5", "White", 20.0, 17.0, 23.5, year=2018),
    # 6: BME 35 (28-42.5), White 20 (18-22.2): gap 15, beyond chance; no 2018
    pct("6", "BME", 35.0, 28.0, 42.5),
    pct("6", "White", 20.0, 18.0, 22.2),
    # 7 (higher is better): BME 80 (70-87.5), White 82 (80-84): 2 points worse; 5 in 2018
    pct("7", "BME", 80.0, 70.0, 87.5),
    pct("7", "White", 82.0, 80.0, 84.0),
    pct("7", "BME", 77.0, 67.0, 85.0, year=2018),
    pct("7", "White", 82.0, 80.0, 84.0, year=2018),
    # 8: the BME result withheld
    pct("8", "BME", math.nan, math.nan, math.nan, suppression="fewer than 11 respondents"),
    pct("8", "White", 5.0, 3.0, 7.0),
]


@pytest.fixture(scope="module")
def lines():
    figures = Figures(pd.DataFrame(FIGURES, columns=COLUMNS), WRES)
    return summary.lines(figures, "T", 2019, Settings())


def test_the_hand_made_set_ranks_as_worked_by_hand(lines):
    """Tier 1: 2 (also worse and outside), 6. Tier 2: 5 and 4, both adverse and further
    from equal; 5 lies 10 / hypot(30 - 20, 23.5 - 20) = 10 / 10.595 = 0.94 of its interval's
    arm from 0, 4 ln 1.10 / (ln 1.10 - ln 0.95) = 0.0953 / 0.1466 = 0.65 of its: 5 first.
    Tier 3: 3 (favours BME, outside). At most three: 2, 6, 5."""
    assert [ind.id for ind, _ in summary.key_findings(lines)] == ["2", "6", "5"]


def test_each_line_says_its_status_in_words(lines):
    said = {line.indicator.id: line for line in lines}
    assert said["2"].status == "Worse for BME staff; beyond chance; outside the non-adverse range"
    assert said["2"].change == "further from equal"  # |ln 1.50| 0.405 against |ln 1.20| 0.182
    assert said["3"].status == "Better for BME staff; beyond chance; outside the non-adverse range"
    assert said["4"].status == "Worse for BME staff; could be chance; inside the non-adverse range"
    assert said["5"].status == "Worse for BME staff; could be chance"
    assert said["6"].status == "Worse for BME staff; beyond chance"
    assert (said["7"].status, said["7"].change) == (
        "Worse for BME staff; could be chance",
        "closer to equal",  # 2 points against 5
    )
    assert said["8"].status == "Not reported (fewer than 11 respondents)"
    assert said["9"].status == "Not supplied"
    assert said["1"].now == "BME 10.0% of staff" and said["1"].finding is None
    assert said["3"].name(Settings()) == (
        "3. Entry into the formal disciplinary process (two-year rolling)"
    )


def test_a_key_finding_is_a_sentence_with_its_interval(lines):
    said = {line.indicator.id: line for line in lines}
    assert said["2"].finding.sentence == (
        "RL 1.5 in 2019 (relative likelihood 1.50), further from equal than in 2018 (1.20). "
        "This is outside the non-adverse range, and is beyond chance: its 95% interval, 1.10 "
        "to 2.05, excludes 1."
    )
    # 6: 15 - hypot(35 - 28, 22.2 - 20) = 15 - 7.34 = 7.66; 15 + hypot(42.5 - 35, 20 - 18)
    # = 15 + 7.76 = 22.76
    assert said["6"].finding.sentence.endswith(
        "BME staff fare worse than White staff by 15.0 percentage points, which is beyond "
        "chance: its 95% interval, 7.7 to 22.8 points, excludes 0."
    )
    # 5: 10 - hypot(10, 3.5) = -0.60; 10 + hypot(42 - 30, 20 - 17) = 10 + 12.37 = 22.37
    assert said["5"].finding.sentence.endswith(
        "BME staff fare worse than White staff by 10.0 percentage points, which could be "
        "chance: its 95% interval, −0.6 to 22.4 points, includes 0. The gap is further from "
        "equal than in 2018 (6.0 points)."
    )


def test_a_row_asked_for_again_is_the_tables_and_a_callers_change_stays_its_own():
    """Figures builds each row once (a report asks for the same ones again and again) and
    gives each caller a copy: one caller's change never reaches the next."""
    frame = pd.DataFrame(FIGURES, columns=COLUMNS)
    figures = Figures(frame, WRES)
    first = figures.row("T", 2019, "2", measure="relative_likelihood")
    assert first is not None and first.equals(frame.iloc[first.name])
    first["value"] = -1.0
    again = figures.row("T", 2019, "2", measure="relative_likelihood")
    assert again is not None and again["value"] == frame.iloc[first.name]["value"] != -1.0
