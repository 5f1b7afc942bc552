"""One rule for uncertainty, one wording for each verdict (`words.verdicts`): checked on
hand-made intervals, each expected interval worked by hand in the comment beside it."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from wres_helpers.inputs.settings import Settings
from wres_helpers.kinds import likelihood, survey
from wres_helpers.standards import WRES
from wres_helpers.words import story, verdicts
from wres_helpers.words.verdicts import Chance


def survey_row(value, low, high):
    return pd.Series({"value": value, "ci_low": low, "ci_high": high})


FIGURES = SimpleNamespace(standard=WRES)  # survey_gap reads only the standard
HARASSMENT = WRES.indicator("6")  # higher is worse
PROGRESSION = WRES.indicator("7")  # higher is better


def test_a_survey_gap_beyond_chance_says_so_with_its_interval():
    # Newcombe: 15 - hypot(35 - 28, 22.2 - 20) = 15 - sqrt(49 + 4.84) = 15 - 7.34 = 7.66;
    # 15 + hypot(42.5 - 35, 20 - 18) = 15 + sqrt(56.25 + 4) = 15 + 7.76 = 22.76.
    bme, white = survey_row(35.0, 28.0, 42.5), survey_row(20.0, 18.0, 22.2)
    assert survey.survey_gap(FIGURES, HARASSMENT, white, bme, Settings()) == (
        "BME staff fare worse than White staff by 15.0 percentage points, which is beyond "
        "chance: its 95% interval, 7.7 to 22.8 points, excludes 0."
    )


def test_a_survey_gap_within_chance_is_never_stated_as_fact():
    # ECCH 2019 indicator 6 as published: BME 14/52 = 26.9231% (16.769-40.2522), White
    # 82/431 = 19.0255% (15.5999-22.9984). Gap 26.9 - 19.0 = 7.9 points as printed.
    # 7.8976 - hypot(26.9231 - 16.769, 22.9984 - 19.0255) = 7.8976 - hypot(10.1541, 3.9729)
    # = 7.8976 - 10.9037 = -3.01; 7.8976 + hypot(40.2522 - 26.9231, 19.0255 - 15.5999)
    # = 7.8976 + hypot(13.3291, 3.4256) = 7.8976 + 13.7622 = 21.66.
    bme, white = survey_row(26.9231, 16.769, 40.2522), survey_row(19.0255, 15.5999, 22.9984)
    said = survey.survey_gap(FIGURES, HARASSMENT, white, bme, Settings())
    assert said == (
        "BME staff fare worse than White staff by 7.9 percentage points, which could be "
        "chance: its 95% interval, −3.0 to 21.7 points, includes 0."
    )


def test_a_gap_where_higher_is_better_gives_the_interval_of_the_gap_as_stated():
    # ECCH 2019 indicator 7: BME 73.0769 (59.7478-83.231), White 88.0562 (84.6359-90.7979).
    # BME minus White = -14.9793; its interval: -14.9793 - hypot(13.3291, 2.7417) = -28.59
    # and -14.9793 + hypot(10.1541, 3.4203) = -4.26. Stated as "worse by 15.0", so 4.3 to 28.6.
    bme, white = survey_row(73.0769, 59.7478, 83.231), survey_row(88.0562, 84.6359, 90.7979)
    assert survey.survey_gap(FIGURES, PROGRESSION, white, bme, Settings()) == (
        "BME staff fare worse than White staff by 15.0 percentage points, which is beyond "
        "chance: its 95% interval, 4.3 to 28.6 points, excludes 0."
    )


def rl_row(value, low, high, where, **more):
    return pd.Series(
        {
            "value": value,
            "ci_low": low,
            "ci_high": high,
            "non_adverse": where,
            "interpretation": "White staff 1.13 times as likely to access training as BME staff",
            "small_numbers": False,
            "suppression": "",
            "range_low": math.nan,
            "range_high": math.nan,
            "note": "",
        }
        | more
    )


def test_a_relative_likelihood_whose_interval_includes_1_could_be_chance():
    said = likelihood.rl_sentence(rl_row(1.13, 0.91, 1.39, "inside"), Settings())
    assert said == (
        "White staff 1.13 times as likely to access training as BME staff (relative "
        "likelihood 1.13; 95% interval 0.91 to 1.39): inside the non-adverse range (0.80 to "
        "1.25); could be chance, as the interval includes 1."
    )


def test_a_relative_likelihood_whose_interval_excludes_1_is_beyond_chance():
    said = likelihood.rl_sentence(rl_row(1.59, 1.08, 2.33, "outside"), Settings())
    assert said.endswith(
        "(relative likelihood 1.59; 95% interval 1.08 to 2.33): outside the non-adverse range "
        "(0.80 to 1.25); beyond chance, as the interval excludes 1."
    )


def test_outside_the_range_and_could_be_chance_are_said_together_never_beyond_and_could():
    # WDES metric 2, ECCH 2019: 1.37 (0.78-2.39), outside the range, interval includes 1.
    said = likelihood.rl_sentence(rl_row(1.37, 0.78, 2.39, "outside"), Settings())
    assert said.endswith("outside the non-adverse range (0.80 to 1.25); could be chance, as the "
                         "interval includes 1.")  # fmt: skip
    assert "beyond chance" not in said


def test_a_relative_likelihood_published_as_a_range_has_no_interval_so_could_be_chance():
    found = rl_row(
        math.nan, math.nan, math.nan, "", range_low=0.79, range_high=5.56,
        suppression="rests on a hidden count of 1 to 7",
        interpretation="BME staff between 0.79 and 5.56 times as likely to enter the process",
    )  # fmt: skip
    said = likelihood.rl_sentence(found, Settings())
    assert said.endswith("could be chance, as no interval can be given.")
    assert "beyond chance" not in said


@pytest.mark.parametrize(
    ("low", "high", "none", "words"),
    [
        (1.08, 2.33, 1.0, "beyond chance"),
        (0.91, 1.39, 1.0, "could be chance"),
        (0.40, 0.90, 1.0, "beyond chance"),  # wholly below 1
        (1.00, 1.50, 1.0, "could be chance"),  # touching 1 is not excluding it
        (-3.0, 21.7, 0.0, "could be chance"),
        (7.7, 22.8, 0.0, "beyond chance"),
        (math.nan, math.nan, 0.0, "could be chance"),  # no interval
    ],
)
def test_one_rule_for_every_interval(low, high, none, words):
    assert Chance(low, high, none).words == words


def test_a_board_share_against_the_workforce():
    # ECCH 2019: 1 BME member of 12 voting. Wilson 95%, z = 1.959964, z² = 3.841459:
    # centre = (1/12 + 3.841459/24) / (1 + 3.841459/12) = 0.243394 / 1.320122 = 0.184372;
    # half = 1.959964 * sqrt(1/12 * 11/12 / 12 + 3.841459 / 576) / 1.320122
    #      = 1.959964 * sqrt(0.0063657 + 0.0066692) / 1.320122 = 0.169511
    # so 1.486% to 35.388%; less the workforce's 107 / 1,020 = 10.490%: -9.00 to 24.90 points.
    chance = verdicts.share_chance(1, 12, 107 / 1020 * 100, 0.95)
    assert chance.low == pytest.approx(1.486 - 10.490, abs=0.01)
    assert chance.high == pytest.approx(35.388 - 10.490, abs=0.01)
    assert verdicts.chance_clause(chance, 95, " points") == (
        "could be chance: its 95% interval, −9.0 to 24.9 points, includes 0"
    )


@pytest.mark.parametrize(
    ("now", "before", "direction"),
    [
        (1.59, 1.17, "further from equal"),
        (1.37, 1.47, "closer to equal"),
        (1.13, 1.12, "about the same"),  # |ln 1.13 - ln 1.12| = 0.009 < 0.02
        (0.80, 1.25, "the other way round"),  # ln 0.8 = -0.223, ln 1.25 = +0.223
    ],
)
def test_which_way_a_ratio_moved(now, before, direction):
    assert verdicts.ratio_direction(now, before) == direction


@pytest.mark.parametrize(
    ("now", "before", "direction"),
    [
        (7.9, 5.2, "further from equal"),
        (4.2, -3.3, "the other way round"),  # the WDES Board, 2018 to 2019
        (0.5, -0.6, "about the same"),  # both within a point of equal
        (-15.0, -9.9, "further from equal"),
        (6.7, 7.3, "about the same"),
    ],
)
def test_which_way_a_gap_moved(now, before, direction):
    assert verdicts.gap_direction(now, before) == direction


def peers(values: dict[str, float], org: str) -> dict:
    return {"values": values, "value": values[org], "count": len(values)}


@pytest.mark.parametrize(
    ("values", "org", "place"),
    [
        ({"A": 3.0, "B": 2.0, "C": 1.0}, "C", "the lowest of 3"),
        ({"A": 3.0, "B": 2.0, "C": 1.0}, "A", "the highest of 3"),
        ({"A": 5.0, "B": 4.0, "C": 3.0, "D": 2.0, "E": 1.0}, "D", "2nd lowest of 5"),
        ({"A": 5.0, "B": 4.0, "C": 3.0, "D": 2.0, "E": 1.0}, "B", "2nd highest of 5"),
        ({"A": 5.0, "B": 4.0, "C": 3.0, "D": 2.0, "E": 1.0}, "C", "3rd highest of 5"),
        ({"A": 60.0, "B": 50.0, "C": 50.0}, "B", "joint lowest of 3"),
        # ECCH 2019 indicator 6 among 7: 26.9 is 6th from the top and the lowest but one
        ({"E": 26.9, "S": 27.3, "B": 27.2, "O": 27.1, "H": 32.2, "K": 26.8, "L": 33.0}, "E",
         "2nd lowest of 7"),
    ],
)  # fmt: skip
def test_a_rank_says_its_direction(values, org, place):
    assert story.peer_place(peers(values, org)) == place


def test_the_rule_is_stated_once_in_the_method():
    text = verdicts.chance_rule(Settings())
    assert text.startswith("**Chance.** Every comparison is read by one rule.")
    assert "excludes no difference (1 for a relative likelihood, 0 for a gap" in text
    for standard in ("wres", "wdes"):
        from wres_helpers.standards import standard as get

        assert get(standard).method.count("{chance}") == 1
        assert "could be chance" not in get(standard).method  # said only by the rule
