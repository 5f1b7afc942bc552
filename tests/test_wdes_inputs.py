"""The WDES files of the data contract: the disability column, capability, wdes_survey, voices.
Each bad value gets one line naming file, row, column, value and what was expected."""

from __future__ import annotations

import pytest
from conftest import write_csv

from wres_helpers.errors import InputError
from wres_helpers.inputs.load import load_folder
from wres_helpers.standards import WDES, WRES


def _problems(folder) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_folder(folder, params_root=None, standard=WDES)
    return [str(p) for p in raised.value.problems]


def test_the_wdes_files_load_with_disability_as_the_group(tiny_wdes):
    data = load_folder(tiny_wdes, params_root=None, standard=WDES)
    workforce = data.tables["workforce"]
    y19 = workforce[workforce["year"] == 2019]
    # 105 rows, of which 5 bank rows are left out; blank and 'Not Declared' are Unknown.
    assert y19["group"].value_counts().to_dict() == {
        "Non-disabled": 80,
        "Unknown": 11,
        "Disabled": 9,
    }
    assert [(lo.why, lo.rows) for lo in data.left_out if lo.year == 2019] == [
        ("bank rows (not in the workforce snapshot)", 5)
    ]
    capability = data.tables["capability"]
    assert sorted(capability.loc[capability["year"] == 2019, "grounds"].unique()) == [
        "ill health",
        "performance",
    ]
    survey = data.tables["wdes_survey"]
    nine_a = survey[survey["metric"] == "9a"].set_index("group")["mean_score"].to_dict()
    assert nine_a == {"Disabled": 6.5, "Non-disabled": 7.1, "Organisation": 7.0}
    assert data.tables["voices"]["facilitated"].tolist() == [True]


def test_a_wres_run_reads_none_of_the_wdes_files(tiny):
    write_csv(tiny / "capability.csv", ["disability", "grounds"], [["Maybe", "conduct"]])
    write_csv(tiny / "voices.csv", ["facilitated"], [["perhaps"]])
    data = load_folder(tiny, params_root=None, standard=WRES)
    assert "capability" not in data.tables and "voices" not in data.tables


def test_a_wdes_run_needs_the_disability_column(make_org):
    folder = make_org(
        {
            "workforce": (
                ["staff_id", "ethnic_category", "staff_group", "pay_band"],
                [["S1", "A", "Clinical", "5"]],
            )
        }
    )
    (problem,) = _problems(folder)
    assert "workforce.csv, row 1, column 'disability'" in problem
    assert "a required column named 'disability'" in problem


def test_bad_wdes_rows_are_each_named(tiny_wdes):
    write_csv(
        tiny_wdes / "wdes_survey.csv",
        ["metric", "group", "respondents", "positive", "mean_score"],
        [["9a", "Disabled", 40, 12, "6.5"], ["9a", "Non-disabled", 160, "", ""],
         ["8", "Non-disabled", 30, 20, ""], ["5", "Organisation", 10, 2, ""],
         ["4a(i)", "Disabled", 10, 2, "5"], ["7", "Disabled", 10, 12, ""],
         ["4A_I", "Disabled", 10, 2, ""], ["9a", "Organisation", 10, "", "11"],
         ["3", "Disabled", 1, 1, ""], ["6", "Disabled", 10, "", ""]],
    )  # fmt: skip
    write_csv(
        tiny_wdes / "capability.csv",
        ["disability", "grounds"],
        [["Yes", "conduct"], ["Maybe", "performance"]],
    )
    write_csv(tiny_wdes / "voices.csv", ["facilitated", "narrative"], [["yes", "a"], ["no", "b"]])
    found = [p.split("2019/", 1)[1] for p in _problems(tiny_wdes)]
    assert found == [
        "capability.csv, row 2, column 'grounds': found 'conduct'; expected the grounds: "
        "performance or ill health",
        "capability.csv, row 3, column 'disability': found 'Maybe'; expected a disability "
        "status: Yes, No, Not Declared, Prefer Not To Answer, Unspecified, Disabled, "
        "Non-disabled, Unknown, or blank; any other value must be listed in the "
        "organisation's local-codes.yaml",
        "wdes_survey.csv, row 2, column 'positive': found '12'; expected blank for metric 9a, "
        "which is a mean score: give it in mean_score",
        "wdes_survey.csv, row 3, column 'mean_score': found ''; expected a mean score from 0 "
        "to 10 for metric 9a (the engagement score is a mean, not a percentage)",
        "wdes_survey.csv, row 4, column 'group': found 'Non-disabled'; expected Disabled: "
        "metric 8 (adequate adjustments) is asked of Disabled staff only",
        "wdes_survey.csv, row 5, column 'group': found 'Organisation'; expected Disabled or "
        "Non-disabled: only metric 9a has an Organisation row",
        "wdes_survey.csv, row 6, column 'mean_score': found '5'; expected blank: only metric "
        "9a has a mean score",
        "wdes_survey.csv, row 7, column 'positive': found '12'; expected a number no larger "
        "than respondents (10)",
        "wdes_survey.csv, row 8, column 'group': found 'Disabled'; expected one row per metric "
        "and group (this metric and group came before)",
        "wdes_survey.csv, row 9, column 'mean_score': found '11'; expected a mean score from 0 "
        "to 10, such as 6.8",
        "wdes_survey.csv, row 10, column 'metric': found '3'; expected a WDES survey metric: "
        "4a_i, 4a_ii, 4a_iii, 4b, 5, 6, 7, 8, 9a",
        "wdes_survey.csv, row 11, column 'positive': found ''; expected a count of positive "
        "answers for a percentage metric",
        "voices.csv, row 3, column 'facilitated': found 'no'; expected one row only (metric "
        "9b has one answer)",
    ]
