"""`indicators.compute` against the figures worked out by hand in tests/HAND-WORKED.md,
plus edge cases, each built from its own small CSV files.

Every expected number here is a literal from the hand working, never recomputed with
the package's own functions.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import make_tiny, workforce_table

from wres_helpers.compute import indicators
from wres_helpers.inputs import load
from wres_helpers.inputs.settings import Settings
from wres_helpers.standards import WRES

REL = 1e-6
CONTRACT_COLUMNS = [
    "indicator", "measure", "breakdown", "group", "numerator", "denominator", "value",
    "ci_low", "ci_high",
]  # fmt: skip


@pytest.fixture(scope="module")
def tiny_2019(tmp_path_factory) -> pd.DataFrame:
    folder = make_tiny(tmp_path_factory.mktemp("tiny") / "data")
    frame = indicators.compute(load.load_folder(folder, standard=WRES), standard=WRES)
    return indicators.for_org_year(frame, "TINY", 2019)


def compute(folder, settings: Settings | None = None) -> pd.DataFrame:
    return indicators.compute(load.load_folder(folder, standard=WRES), settings, standard=WRES)


def one(frame: pd.DataFrame, indicator: int, measure: str, breakdown: str, group: str = ""):
    rows = frame[
        (frame["indicator"] == str(indicator))
        & (frame["measure"] == measure)
        & (frame["breakdown"] == breakdown)
        & (frame["group"] == group)
    ]
    assert len(rows) == 1, f"{len(rows)} rows for {indicator} {measure} {breakdown} {group!r}"
    return rows.iloc[0]


def rl(frame: pd.DataFrame, indicator: int, breakdown: str = "All"):
    return one(frame, indicator, "relative_likelihood", breakdown)


def assert_undefined(row, note: str):
    """An undefined RL: no number of any kind, and the reason in words."""
    assert math.isnan(row["value"]) and math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])
    assert row["note"] == note
    assert row["interpretation"] == "" and row["favours"] == "" and row["non_adverse"] == ""


# --- the hand-worked organisation --------------------------------------------------------


def test_columns_start_with_the_contract_columns(tiny_2019):
    assert list(tiny_2019.columns[: len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert "suppression" in tiny_2019.columns and "note" in tiny_2019.columns


def test_no_infinite_or_zero_relative_likelihood(tiny_2019):
    rls = tiny_2019[tiny_2019["measure"] == "relative_likelihood"]
    values = rls[["value", "ci_low", "ci_high"]].to_numpy(float)
    assert not np.isinf(values).any()
    assert not (values == 0).any()


INDICATOR_1 = [  # breakdown, group, headcount, band total, percent
    ("Non-clinical: 3", "White", 10, 11, 90.909091),
    ("Non-clinical: 3", "BME", 0, 11, 0.0),
    ("Non-clinical: 3", "Unknown", 1, 11, 9.090909),
    ("Clinical: 5", "White", 20, 31, 64.516129),
    ("Clinical: 5", "BME", 8, 31, 25.806452),
    ("Clinical: 5", "Unknown", 3, 31, 9.677419),
    ("Clinical: 6", "White", 10, 13, 76.923077),
    ("Clinical: 6", "BME", 2, 13, 15.384615),
    ("Clinical: 6", "Unknown", 1, 13, 7.692308),
    ("Overall workforce", "White", 40, 55, 72.727273),
    ("Overall workforce", "BME", 10, 55, 18.181818),
    ("Overall workforce", "Unknown", 5, 55, 9.090909),
]


@pytest.mark.parametrize(("breakdown", "group", "headcount", "total", "percent"), INDICATOR_1)
def test_indicator_1_band_headcounts_and_percentages(
    tiny_2019, breakdown, group, headcount, total, percent
):
    count = one(tiny_2019, 1, "headcount", breakdown, group)
    assert count["value"] == headcount
    share = one(tiny_2019, 1, "percent", breakdown, group)
    assert (share["numerator"], share["denominator"]) == (headcount, total)
    assert share["value"] == pytest.approx(percent, rel=REL, abs=1e-9)


def test_indicator_1_has_only_the_bands_with_staff_in_order(tiny_2019):
    """Each staff group's bands, then its clusters; the combined clusters before the whole:
    only those with staff in them (no clinical band 1-4, no non-clinical 5-7)."""
    bands = tiny_2019.loc[tiny_2019["indicator"] == "1", "breakdown"].drop_duplicates().tolist()
    assert bands == [
        "Non-clinical: 3",
        "Non-clinical: Bands 1-4",
        "Clinical: 5",
        "Clinical: 6",
        "Clinical: Bands 5-7",
        "Clinical and non-clinical: Bands 1-4",
        "Clinical and non-clinical: Bands 5-7",
        "Overall workforce",
    ]


GROUP_PERCENTS = [  # indicator, breakdown, group, numerator, denominator, %, ci_low, ci_high
    (2, "All", "White", 10, 50, 20.0, 11.243750, 33.037106),
    (2, "All", "BME", 2, 20, 10.0, 2.786648, 30.103365),
    (2, "Excluding international recruits", "White", 10, 50, 20.0, 11.243750, 33.037106),
    (2, "Excluding international recruits", "BME", 0, 10, 0.0, 0.0, 27.753280),
    (3, "Reporting year", "White", 2, 40, 5.0, 1.382067, 16.503877),
    (3, "Reporting year", "BME", 2, 10, 20.0, 5.668215, 50.983753),
    (3, "Two-year rolling", "White", 3, 78, 3.846154, 1.316583, 10.708446),
    (3, "Two-year rolling", "BME", 2, 18, 11.111111, 3.101952, 32.799765),
    (4, "All", "White", 20, 40, 50.0, 35.199527, 64.800473),
    (4, "All", "BME", 4, 10, 40.0, 16.818033, 68.732623),
    (5, "All", "White", 6, 30, 20.0, 9.505107, 37.305696),
    (5, "All", "BME", 3, 8, 37.5, 13.684429, 69.425761),
    (7, "All", "White", 24, 30, 80.0, 62.694304, 90.494893),
    (7, "All", "BME", 6, 12, 50.0, 25.378160, 74.621840),
]


@pytest.mark.parametrize(
    ("indicator", "breakdown", "group", "num", "den", "percent", "low", "high"), GROUP_PERCENTS
)
def test_group_percentages_with_wilson_intervals(
    tiny_2019, indicator, breakdown, group, num, den, percent, low, high
):
    row = one(tiny_2019, indicator, "percent", breakdown, group)
    assert (row["numerator"], row["denominator"]) == (num, den)
    assert row["value"] == pytest.approx(percent, rel=REL, abs=1e-9)
    assert row["ci_low"] == pytest.approx(low, rel=REL, abs=1e-9)
    assert row["ci_high"] == pytest.approx(high, rel=REL)


def test_survey_indicators_not_supplied_have_no_rows(tiny_2019):
    assert set(tiny_2019["indicator"]) == {"1", "2", "3", "4", "5", "7", "9"}


RLS = [  # indicator, breakdown, RL, ci_low, ci_high, non_adverse, interpretation
    (2, "All", 2.0, 0.480116, 8.331325, "outside",
     "White applicants 2.00 times as likely to be appointed from shortlisting as BME applicants"),
    (3, "Reporting year", 4.0, 0.639490, 25.019932, "outside",
     "BME staff 4.00 times as likely to enter the formal disciplinary process as White staff"),
    (3, "Two-year rolling", 2.888889, 0.520301, 16.040110, "outside",
     "BME staff 2.89 times as likely to enter the formal disciplinary process as White staff"),
    (4, "All", 1.25, 0.550588, 2.837874, "inside",
     "White staff 1.25 times as likely to access non-mandatory training or CPD as BME staff"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "breakdown", "value", "low", "high", "non_adverse", "words"), RLS
)
def test_relative_likelihoods_with_katz_intervals(
    tiny_2019, indicator, breakdown, value, low, high, non_adverse, words
):
    row = rl(tiny_2019, indicator, breakdown)
    assert row["value"] == pytest.approx(value, rel=REL)
    assert row["ci_low"] == pytest.approx(low, rel=REL)
    assert row["ci_high"] == pytest.approx(high, rel=REL)
    assert row["non_adverse"] == non_adverse
    assert row["interpretation"] == words
    # Every RL favours White here: White more likely appointed / trained, BME more
    # likely disciplined.
    assert row["favours"] == "White"
    assert bool(row["small_numbers"]) is True  # fewest events 2, 2, 2 and 4, all under 10
    assert row["note"] == ""
    assert pd.isna(row["numerator"]) and pd.isna(row["denominator"]) and row["group"] == ""


def test_indicator_2_excluding_international_recruits_is_undefined(tiny_2019):
    assert_undefined(
        rl(tiny_2019, 2, "Excluding international recruits"),
        "undefined: no BME applicants were appointed",
    )


BOARD = [  # breakdown, group, headcount, total, percent, difference_pp
    ("Board (voting)", "White", 8, 9, 88.888889, 16.161616),
    ("Board (voting)", "BME", 1, 9, 11.111111, -7.070707),
    ("Board (voting)", "Unknown", 0, 9, 0.0, -9.090909),
    ("Board (executive)", "White", 4, 4, 100.0, 27.272727),
    ("Board (executive)", "BME", 0, 4, 0.0, -18.181818),
    ("Board (executive)", "Unknown", 0, 4, 0.0, -9.090909),
    ("Board (non-executive)", "White", 4, 6, 66.666667, -6.060606),
    ("Board (non-executive)", "BME", 1, 6, 16.666667, -1.515152),
    ("Board (non-executive)", "Unknown", 1, 6, 16.666667, 7.575758),
    ("Board (all)", "White", 8, 10, 80.0, 7.272727),
    ("Board (all)", "BME", 1, 10, 10.0, -8.181818),
    ("Board (all)", "Unknown", 1, 10, 10.0, 0.909091),
]


@pytest.mark.parametrize(("breakdown", "group", "count", "total", "percent", "pp"), BOARD)
def test_indicator_9_board_shares_and_differences(
    tiny_2019, breakdown, group, count, total, percent, pp
):
    assert one(tiny_2019, 9, "headcount", breakdown, group)["value"] == count
    share = one(tiny_2019, 9, "percent", breakdown, group)
    assert (share["numerator"], share["denominator"]) == (count, total)
    assert share["value"] == pytest.approx(percent, rel=REL, abs=1e-9)
    difference = one(tiny_2019, 9, "difference_pp", breakdown, group)
    assert difference["value"] == pytest.approx(pp, rel=REL)
    assert difference["note"] == ""


# --- builders for the edge cases ----------------------------------------------------------

RECRUITMENT = ["ethnic_category", "appointed"]
BOARD_HEADER = ["ethnic_category", "voting", "executive"]


def recruitment(white: tuple[int, int], bme: tuple[int, int]):
    """(appointed, shortlisted) per group -> recruitment table."""
    rows = []
    for code, (appointed, shortlisted) in (("A", white), ("H", bme)):
        rows += [[code, "yes"]] * appointed + [[code, "no"]] * (shortlisted - appointed)
    return RECRUITMENT, rows


def training(white: tuple[int, int], bme: tuple[int, int]):
    """(trained, headcount) per group -> workforce table."""
    return workforce_table(
        [("A", "Clinical", "5", white[1], white[0]), ("H", "Clinical", "5", bme[1], bme[0])]
    )


def disciplinary(white: int, bme: int):
    return ["ethnic_category"], [["A"]] * white + [["H"]] * bme


# --- edge cases ---------------------------------------------------------------------------


def test_no_bme_staff_leaves_rls_undefined_with_the_reason(make_org):
    folder = make_org(
        {
            "workforce": workforce_table([("A", "Clinical", "5", 20, 5)]),
            "disciplinary": disciplinary(white=2, bme=0),
        }
    )
    frame = compute(folder)
    assert_undefined(rl(frame, 4), "undefined: no BME staff were in post")
    assert_undefined(rl(frame, 3, "Reporting year"), "undefined: no BME staff were in post")
    bme = one(frame, 4, "percent", "All", "BME")
    assert (bme["numerator"], bme["denominator"]) == (0, 0)
    assert math.isnan(bme["value"]) and bme["note"] == "no BME staff were in post"
    assert one(frame, 1, "headcount", "Overall workforce", "BME")["value"] == 0


def test_no_bme_applicants_shortlisted(make_org):
    frame = compute(make_org({"recruitment": recruitment(white=(3, 10), bme=(0, 0))}))
    assert_undefined(rl(frame, 2), "undefined: no BME applicants were shortlisted")
    assert one(frame, 2, "percent", "All", "White")["value"] == pytest.approx(30.0)


def test_no_disciplinary_cases_at_all(make_org):
    folder = make_org(
        {
            "workforce": workforce_table(
                [("A", "Clinical", "5", 30, 0), ("H", "Clinical", "5", 10, 0)]
            ),
            "disciplinary": disciplinary(white=0, bme=0),  # header only
        }
    )
    frame = compute(folder)
    assert_undefined(
        rl(frame, 3, "Reporting year"),
        "undefined: no White staff entered the formal disciplinary process and "
        "no BME staff entered the formal disciplinary process",
    )
    white = one(frame, 3, "percent", "Reporting year", "White")
    assert (white["numerator"], white["denominator"], white["value"]) == (0, 30, 0.0)
    assert white["ci_low"] == 0.0
    # Wilson upper bound for 0 of 30: z^2/(2n) = 0.064024, centre = half = 0.064024/1.128049
    # = 0.056757, so high = 2 x 0.056757 (0.113513, to six places 11.351339%)
    assert white["ci_high"] == pytest.approx(11.351339, rel=REL)
    # Nobody trained either: indicator 4 is undefined for the same reason.
    assert_undefined(
        rl(frame, 4),
        "undefined: no White staff accessed non-mandatory training or CPD and "
        "no BME staff accessed non-mandatory training or CPD",
    )


def test_only_one_group_with_events_is_undefined_naming_that_group(make_org):
    folder = make_org(
        {"workforce": training(white=(0, 10), bme=(0, 10)), "disciplinary": disciplinary(0, 1)}
    )
    assert_undefined(
        rl(compute(folder), 3, "Reporting year"),
        "undefined: no White staff entered the formal disciplinary process",
    )


def test_no_executives_on_the_board(make_org):
    folder = make_org(
        {
            "workforce": workforce_table(
                [("A", "Clinical", "5", 30, 0), ("H", "Clinical", "5", 10, 0)]
            ),
            "board": (BOARD_HEADER, [["A", "yes", "no"]] * 3 + [["H", "yes", "no"]]),
        }
    )
    frame = compute(folder)
    for group in ("White", "BME", "Unknown"):
        assert one(frame, 9, "headcount", "Board (executive)", group)["value"] == 0
        share = one(frame, 9, "percent", "Board (executive)", group)
        assert share["denominator"] == 0 and math.isnan(share["value"])
        assert share["note"] == "no Board members in this category"
        difference = one(frame, 9, "difference_pp", "Board (executive)", group)
        assert math.isnan(difference["value"])
        assert difference["note"] == "no Board members in this category"
    # The other categories are still worked out: BME 1/4 = 25% against 10/40 = 25%.
    assert one(frame, 9, "percent", "Board (non-executive)", "BME")["value"] == 25.0
    assert one(frame, 9, "difference_pp", "Board (voting)", "BME")["value"] == pytest.approx(0)
    assert one(frame, 9, "difference_pp", "Board (all)", "White")["value"] == pytest.approx(0)


def test_board_without_workforce_says_so(make_org):
    frame = compute(make_org({"board": (BOARD_HEADER, [["A", "yes", "yes"]])}))
    difference = one(frame, 9, "difference_pp", "Board (all)", "White")
    assert math.isnan(difference["value"])
    assert difference["note"] == "workforce data not supplied"
    assert one(frame, 9, "percent", "Board (all)", "White")["value"] == 100.0


def test_everything_unknown(make_org):
    folder = make_org(
        {
            "workforce": workforce_table(
                [
                    ("Z", "Clinical", "5", 6, 2),
                    ("99", "Non-clinical", "2", 3, 1),
                    ("", "Clinical", "5", 2, 0),
                ]
            ),  # fmt: skip
            "recruitment": (RECRUITMENT, [["Z", "yes"], ["Not stated", "no"], ["", "no"]]),
            "disciplinary": (["ethnic_category"], [["Z"]]),
            "board": (BOARD_HEADER, [["Z", "yes", "yes"], ["99", "yes", "no"]]),
        }
    )
    frame = compute(folder)
    assert one(frame, 1, "percent", "Overall workforce", "Unknown")["value"] == 100.0
    assert one(frame, 1, "percent", "Overall workforce", "White")["value"] == 0.0
    assert one(frame, 1, "percent", "Clinical: 5", "Unknown")["numerator"] == 8
    both = "no White staff were in post and no BME staff were in post"
    assert_undefined(rl(frame, 4), f"undefined: {both}")
    assert_undefined(rl(frame, 3, "Reporting year"), f"undefined: {both}")
    assert_undefined(
        rl(frame, 2),
        "undefined: no White applicants were shortlisted and no BME applicants were shortlisted",
    )
    # Board all Unknown, workforce all Unknown: no difference for any group.
    for group, share in (("White", 0.0), ("BME", 0.0), ("Unknown", 100.0)):
        assert one(frame, 9, "percent", "Board (all)", group)["value"] == share
        assert one(frame, 9, "difference_pp", "Board (all)", group)["value"] == 0.0


def test_a_missing_table_leaves_out_only_its_indicators(tiny):
    (tiny / "recruitment.csv").unlink()
    frame = indicators.for_org_year(compute(tiny), "TINY", 2019)
    assert set(frame["indicator"]) == {"1", "3", "4", "5", "7", "9"}
    assert rl(frame, 4)["value"] == pytest.approx(1.25, rel=REL)
    assert rl(frame, 3, "Reporting year")["value"] == pytest.approx(4.0, rel=REL)


def test_a_missing_disciplinary_table_leaves_out_indicator_3(tiny):
    (tiny / "disciplinary.csv").unlink()
    frame = indicators.for_org_year(compute(tiny), "TINY", 2019)
    assert set(frame["indicator"]) == {"1", "2", "4", "5", "7", "9"}


def test_no_previous_year_gives_the_rolling_row_a_note(tiny):
    folder = tiny.parent / "2018"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    frame = compute(tiny)
    assert set(frame["year"]) == {2019}
    rolling = rl(frame, 3, "Two-year rolling")
    assert math.isnan(rolling["value"])
    assert rolling["note"] == (
        "no two-year figure: the previous year's workforce or disciplinary data was not supplied"
    )
    assert rl(frame, 3, "Reporting year")["value"] == pytest.approx(4.0, rel=REL)
    rolling_rows = frame[(frame["indicator"] == "3") & (frame["breakdown"] == "Two-year rolling")]
    assert len(rolling_rows) == 1  # the RL row with its note, no group rows


def test_previous_year_without_disciplinary_data_gives_the_rolling_note(tiny):
    (tiny.parent / "2018" / "disciplinary.csv").unlink()
    rolling = rl(indicators.for_org_year(compute(tiny), "TINY", 2019), 3, "Two-year rolling")
    assert math.isnan(rolling["value"]) and rolling["note"].startswith("no two-year figure")


def test_rolling_figure_can_be_skipped_with_previous_year_not_loaded(tiny):
    frame = indicators.compute(
        load.load_folder(tiny, with_previous=False, standard=WRES), standard=WRES
    )
    assert rl(frame, 3, "Two-year rolling")["note"].startswith("no two-year figure")


# --- reading an RL in words -----------------------------------------------------------------

WORDS = [  # indicator, builder, RL, favours, interpretation
    (2, {"recruitment": recruitment(white=(4, 10), bme=(2, 10))}, 2.0, "White",
     "White applicants 2.00 times as likely to be appointed from shortlisting as BME applicants"),
    (2, {"recruitment": recruitment(white=(1, 10), bme=(2, 10))}, 0.5, "BME",
     "BME applicants 2.00 times as likely to be appointed from shortlisting as White applicants"),
    (3, {"workforce": training((0, 40), (0, 20)), "disciplinary": disciplinary(2, 4)}, 4.0,
     "White",
     "BME staff 4.00 times as likely to enter the formal disciplinary process as White staff"),
    (3, {"workforce": training((0, 40), (0, 20)), "disciplinary": disciplinary(4, 1)}, 0.5,
     "BME",
     "White staff 2.00 times as likely to enter the formal disciplinary process as BME staff"),
    (4, {"workforce": training(white=(6, 10), bme=(4, 10))}, 1.5, "White",
     "White staff 1.50 times as likely to access non-mandatory training or CPD as BME staff"),
    (4, {"workforce": training(white=(2, 10), bme=(4, 10))}, 0.5, "BME",
     "BME staff 2.00 times as likely to access non-mandatory training or CPD as White staff"),
    (2, {"recruitment": recruitment(white=(3, 10), bme=(6, 20))}, 1.0, "neither",
     "White and BME applicants equally likely to be appointed from shortlisting"),
]  # fmt: skip


@pytest.mark.parametrize(("indicator", "tables", "value", "favours", "words"), WORDS)
def test_interpretation_names_the_favoured_group_the_right_way_round(
    make_org, indicator, tables, value, favours, words
):
    frame = compute(make_org(tables))
    row = rl(frame, indicator, "Reporting year" if indicator == 3 else "All")
    assert row["value"] == pytest.approx(value, rel=REL)
    assert row["interpretation"] == words
    assert row["favours"] == favours


@pytest.mark.parametrize(
    ("white", "bme", "value", "expected"),
    [
        ((5, 10), (4, 10), 1.25, "inside"),  # top end point
        ((4, 10), (5, 10), 0.80, "inside"),  # bottom end point
        ((63, 100), (50, 100), 1.26, "outside"),
        ((79, 100), (100, 100), 0.79, "outside"),
        ((1, 1), (1, 1), 1.0, "inside"),
    ],
)
def test_non_adverse_range_end_points_are_inside(make_org, white, bme, value, expected):
    row = rl(compute(make_org({"workforce": training(white, bme)})), 4)
    assert row["value"] == pytest.approx(value, rel=REL)
    assert row["non_adverse"] == expected


def test_non_adverse_is_judged_on_the_rl_as_shown_to_two_decimals(make_org):
    # 1.254 is printed as 1.25, so the report calls it inside the range; 1.256 prints as 1.26.
    inside = rl(compute(make_org({"workforce": training((627, 1000), (500, 1000))})), 4)
    assert inside["value"] == pytest.approx(1.254) and inside["non_adverse"] == "inside"


def test_non_adverse_range_is_a_setting(make_org):
    folder = make_org({"workforce": training((5, 10), (4, 10))})
    row = rl(compute(folder, Settings(non_adverse_low=0.9, non_adverse_high=1.1)), 4)
    assert row["non_adverse"] == "outside"


@pytest.mark.parametrize(
    ("white", "bme", "small"),
    [((10, 20), (10, 20), False), ((10, 20), (9, 20), True), ((9, 20), (30, 40), True)],
)
def test_small_numbers_flag_when_either_group_has_fewer_than_ten_events(
    make_org, white, bme, small
):
    row = rl(compute(make_org({"workforce": training(white, bme)})), 4)
    assert bool(row["small_numbers"]) is small


def test_small_numbers_threshold_is_a_setting(make_org):
    folder = make_org({"workforce": training((10, 20), (10, 20))})
    assert bool(rl(compute(folder, Settings(small_numbers=11)), 4)["small_numbers"]) is True


def test_survey_group_with_no_respondents(make_org):
    folder = make_org(
        {
            "staff_survey": (
                ["indicator", "group", "respondents", "positive"],
                [[6, "White", 0, 0], [6, "BME", 20, 20]],
            )
        }
    )
    frame = compute(folder)
    white = one(frame, 6, "percent", "All", "White")
    assert math.isnan(white["value"]) and math.isnan(white["ci_low"])
    assert white["note"] == "no respondents"
    bme = one(frame, 6, "percent", "All", "BME")
    assert bme["value"] == 100.0 and bme["ci_high"] == 100.0
    # Wilson lower bound for 20 of 20: z^2/n = 0.192073, centre = (1 + 0.096036)/1.192073
    # = 0.919437, half = 1.959964 x sqrt(3.841459/1600)/1.192073 = 0.080563 -> 0.838875
    assert bme["ci_low"] == pytest.approx(83.887484, rel=REL)
