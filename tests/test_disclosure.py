"""`disclosure.publish` on the hand-worked organisation and on small cases: what is hidden,
why, and that nothing hidden can be worked back."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from conftest import band_sums, cluster_parts, exposed, make_tiny

from wres_helpers.compute import disclosure, indicators
from wres_helpers.inputs import load
from wres_helpers.inputs.settings import Settings
from wres_helpers.standards import WRES

SMALL = "small numbers: a count of 1 to 7, or a figure that would reveal one"
FEW = "fewer than 11 respondents"
GROUPS = ["White", "BME", "Unknown"]


@pytest.fixture(scope="module")
def tiny_frames(tmp_path_factory):
    folder = make_tiny(tmp_path_factory.mktemp("tiny") / "data")
    computed = indicators.for_org_year(
        indicators.compute(load.load_folder(folder, standard=WRES), standard=WRES), "TINY", 2019
    )
    return computed, disclosure.publish(computed, standard=WRES)


def cell(frame, indicator, measure, breakdown, group=""):
    rows = frame[
        (frame["indicator"] == str(indicator))
        & (frame["measure"] == measure)
        & (frame["breakdown"] == breakdown)
        & (frame["group"] == group)
    ]
    assert len(rows) == 1
    return rows.iloc[0]


def band_table(frame: pd.DataFrame, column: str = "numerator"):
    rows = frame[(frame["indicator"] == "1") & (frame["measure"] == "percent")]
    grid = rows.pivot(index="breakdown", columns="group", values=column).reindex(columns=GROUPS)
    return grid, grid.index.get_loc(indicators.OVERALL)


def test_publish_does_not_change_the_computed_table(tiny_frames):
    computed, _ = tiny_frames
    again = computed.copy()
    disclosure.publish(computed, standard=WRES)
    pd.testing.assert_frame_equal(computed, again)


# Hand-checked from HAND-WORKED.md: band counts of 1 to 7.
TINY_PRIMARY = {
    ("Non-clinical: 3", "Unknown"),  # 1
    ("Clinical: 5", "Unknown"),  # 3
    ("Clinical: 6", "BME"),  # 2
    ("Clinical: 6", "Unknown"),  # 1
    ("Overall workforce", "Unknown"),  # 5
}


def test_indicator_1_counts_of_1_to_7_are_hidden(tiny_frames):
    _, published = tiny_frames
    one = published[published["indicator"] == "1"]
    hidden = {(r.breakdown, r.group) for r in one.itertuples() if r.suppression == SMALL}
    assert hidden >= TINY_PRIMARY
    # One reason for every hidden cell: naming which are the small ones would narrow them down.
    assert set(one["suppression"]) == {"", SMALL}


def test_indicator_1_hidden_cells_are_blank_on_both_rows_and_keep_their_totals(tiny_frames):
    computed, published = tiny_frames
    one = published[published["indicator"] == "1"]
    hidden = one[one["suppression"] != ""]
    assert hidden["value"].isna().all() and hidden["numerator"].isna().all()
    assert set(hidden["suppression"]) == {SMALL}
    for (breakdown, group), rows in hidden.groupby(["breakdown", "group"]):
        assert set(rows["measure"]) == {"headcount", "percent"}, (breakdown, group)
    shown = one[one["suppression"] == ""]
    pd.testing.assert_series_equal(shown["value"], computed.loc[shown.index, "value"])
    percent = one[one["measure"] == "percent"]
    pd.testing.assert_series_equal(
        percent["denominator"], computed.loc[percent.index, "denominator"]
    )


def test_indicator_1_no_small_count_can_be_worked_back_from_the_totals(tiny_frames):
    computed, published = tiny_frames
    values, overall_row = band_table(published, "value")
    counts = band_table(computed, "numerator")[0].to_numpy()
    primary = (counts >= 1) & (counts <= 7)
    sums = band_sums(list(values.index))
    assert sums  # the cluster rows beside the bands, and their sums, are checked too
    assert not (exposed(counts, values.isna().to_numpy(), overall_row, sums) & primary).any()


def test_a_count_of_0_is_not_small():
    counts = np.array([[10, 0, 0], [12, 9, 0], [22, 9, 0]])  # last row: overall
    primary = (counts >= 1) & (counts <= 7)
    assert not disclosure.hidden_cells(counts, primary, overall_row=2).any()


@pytest.mark.parametrize(
    ("indicator", "breakdown", "group", "hidden"),
    [
        (2, "All", "White", False),  # 10 of 50
        (2, "All", "BME", True),  # 2 of 20
        (2, "Excluding international recruits", "BME", False),  # 0 of 10: 0 is not small
        (3, "Reporting year", "White", True),  # 2 of 40
        (3, "Reporting year", "BME", True),  # 2 of 10
        (3, "Two-year rolling", "White", True),  # 3 of 78
        (4, "All", "White", False),  # 20 of 40
        (4, "All", "BME", True),  # 4 of 10
    ],
)
def test_rl_group_rows_are_hidden_when_a_count_is_small(
    tiny_frames, indicator, breakdown, group, hidden
):
    computed, published = tiny_frames
    row = cell(published, indicator, "percent", breakdown, group)
    if hidden:
        assert row["suppression"] == SMALL
        assert math.isnan(row["value"]) and math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])
        assert pd.isna(row["numerator"])
        # A base is shown unless it is small or a hidden workforce count (TINY's 10 BME).
        base = cell(computed, indicator, "percent", breakdown, group)["denominator"]
        if indicator != 2 and group == "BME":
            assert pd.isna(row["denominator"])
        else:
            assert row["denominator"] == base
    else:
        assert row["suppression"] == ""
        assert row["value"] == cell(computed, indicator, "percent", breakdown, group)["value"]


RANGED = (
    "rests on a hidden count of 1 to 7: given as the range it lies in, worked out from the "
    "figures shown"
)


WITHHELD = (
    "not published: it rests on hidden figures (a count of 1 to 7, or one that would reveal "
    "one) that leave it without bounds"
)


def test_an_rl_resting_on_a_hidden_count_is_published_as_its_range(tiny_frames):
    """HAND-WORKED.md: White 10 of 50 shown, BME c of 20 with c hidden, so anywhere in 1..7:
    0.2/(7/20) = 0.5714 to 0.2/(1/20) = 4, rounded outwards to 0.57 to 4.00."""
    computed, published = tiny_frames
    row = cell(published, 2, "relative_likelihood", "All")
    assert row["suppression"] == RANGED
    assert (row["range_low"], row["range_high"]) == (0.57, 4.00)
    assert math.isnan(row["value"]) and math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])
    assert cell(computed, 2, "relative_likelihood", "All")["value"] == 2.0  # inside it
    assert bool(row["small_numbers"])
    # Words from the range only: no exact figure, and no side when the range straddles 1.
    assert row["interpretation"] == (
        "White applicants between 0.57 and 4.00 times as likely to be appointed from "
        "shortlisting as BME applicants"
    )
    assert row["favours"] == "" and row["non_adverse"] == ""


@pytest.mark.parametrize(
    ("indicator", "breakdown"), [(3, "Reporting year"), (3, "Two-year rolling"), (4, "All")]
)
def test_an_rl_whose_base_is_hidden_is_withheld(tiny_frames, indicator, breakdown):
    """TINY's 10 BME staff are hidden in indicator 1 (with its 5 Unknown, from the total of
    55 and the 40 White shown), so indicators 3 and 4 have no BME base to bound a range."""
    _, published = tiny_frames
    assert math.isnan(cell(published, 1, "percent", "Overall workforce", "BME")["value"])
    row = cell(published, indicator, "relative_likelihood", breakdown)
    assert row["suppression"] == WITHHELD
    assert row[["value", "ci_low", "ci_high", "range_low", "range_high"]].isna().all()
    assert row["interpretation"] == row["favours"] == row["non_adverse"] == row["note"] == ""
    assert pd.isna(row["small_numbers"])


def test_an_rl_with_every_count_shown_is_exact(tiny_frames):
    computed, published = tiny_frames
    row = cell(published, 2, "relative_likelihood", "Excluding international recruits")
    assert row["suppression"] == "" and math.isnan(row["range_low"])
    assert row["note"] == "undefined: no BME applicants were appointed"
    rl = published["measure"] == "relative_likelihood"
    assert rl.sum() == 5


def test_survey_groups_under_11_respondents_are_blanked(tiny_frames):
    _, published = tiny_frames
    bme = cell(published, 5, "percent", "All", "BME")  # 3 of 8
    assert bme["suppression"] == FEW
    assert math.isnan(bme["value"]) and math.isnan(bme["ci_low"]) and math.isnan(bme["ci_high"])
    assert pd.isna(bme["numerator"])
    shown = cell(published, 7, "percent", "All", "BME")  # 6 of 12
    assert shown["suppression"] == "" and shown["value"] == pytest.approx(50.0)
    assert cell(published, 5, "percent", "All", "White")["value"] == pytest.approx(20.0)


def test_board_counts_are_never_suppressed_but_differences_that_reveal_workforce_counts_are(
    tiny_frames,
):
    computed, published = tiny_frames
    board = (published["indicator"] == "9") & (published["measure"] != "difference_pp")
    assert (published.loc[board, "suppression"] == "").all()
    pd.testing.assert_series_equal(published.loc[board, "value"], computed.loc[board, "value"])
    hidden_overall = {
        g for g in GROUPS
        if math.isnan(cell(published, 1, "percent", "Overall workforce", g)["value"])
    }  # fmt: skip
    assert "Unknown" in hidden_overall  # 5 staff
    difference = published[
        (published["indicator"] == "9") & (published["measure"] == "difference_pp")
    ]
    for row in difference.itertuples():
        assert (row.suppression == SMALL) == (row.group in hidden_overall), row


def test_suppression_off_hides_only_the_survey_rule(tiny_frames):
    computed, _ = tiny_frames
    published = disclosure.publish(computed, Settings(suppress_to=0), standard=WRES)
    hidden = published[published["suppression"] != ""]
    assert [(r.indicator, r.group, r.suppression) for r in hidden.itertuples()] == [
        ("5", "BME", FEW)
    ]
    shown = published["suppression"] == ""
    pd.testing.assert_series_equal(published.loc[shown, "value"], computed.loc[shown, "value"])


def test_survey_threshold_is_a_setting(tiny_frames):
    computed, _ = tiny_frames
    published = disclosure.publish(
        computed, Settings(suppress_to=0, survey_min_respondents=5), standard=WRES
    )
    assert (published["suppression"] == "").all()
    strict = disclosure.publish(
        computed, Settings(suppress_to=0, survey_min_respondents=13), standard=WRES
    )
    hidden = strict[strict["suppression"] != ""]
    assert set(hidden["suppression"]) == {"fewer than 13 respondents"}
    assert sorted(zip(hidden["indicator"], hidden["group"], strict=True)) == [
        ("5", "BME"),
        ("7", "BME"),
    ]


def test_suppression_range_is_a_setting(tiny_frames):
    computed, _ = tiny_frames
    published = disclosure.publish(
        computed, Settings(suppress_from=1, suppress_to=2), standard=WRES
    )
    one = published[published["indicator"] == "1"]
    hidden = {(r.breakdown, r.group) for r in one.itertuples() if r.suppression}
    assert {r.suppression for r in one.itertuples() if r.suppression} == {
        "small numbers: a count of 1 to 2, or a figure that would reveal one"
    }
    assert hidden >= {
        ("Non-clinical: 3", "Unknown"),
        ("Clinical: 6", "BME"),
        ("Clinical: 6", "Unknown"),
    }


@pytest.mark.parametrize(("respondents", "hidden"), [(0, True), (10, True), (11, False)])
def test_survey_threshold_edges(make_org, respondents, hidden):
    folder = make_org(
        {
            "staff_survey": (
                ["indicator", "group", "respondents", "positive"],
                [[8, "BME", respondents, 0], [8, "White", 40, 4]],
            )
        }
    )
    published = disclosure.publish(
        indicators.compute(load.load_folder(folder, standard=WRES), standard=WRES), standard=WRES
    )
    row = cell(published, 8, "percent", "All", "BME")
    assert (row["suppression"] == FEW) is hidden
    assert cell(published, 8, "percent", "All", "White")["suppression"] == ""


def test_a_band_of_one_group_cannot_be_worked_back():
    # Regression: a band whose only staff are a small count of one group (2 White, 0, 0),
    # with the overall row's cell already pinned first, used to stop the search early
    # and leave the band cell recoverable as total − 0 − 0.
    counts = np.array([[6, 83, 29], [0, 36, 29], [2, 0, 0], [4, 47, 0]])  # overall first
    primary = (counts >= 1) & (counts <= 7)
    hidden = disclosure.hidden_cells(counts, primary, overall_row=0)
    assert hidden[primary].all()
    assert not (exposed(counts, hidden, 0) & primary).any()


def test_a_single_band_organisation_cannot_be_worked_back():
    counts = np.array([[3, 0, 0], [3, 0, 0]])  # one band (all White) and the overall row
    primary = (counts >= 1) & (counts <= 7)
    hidden = disclosure.hidden_cells(counts, primary, overall_row=1)
    assert not (exposed(counts, hidden, 1) & primary).any()


# --- known gaps: counts a reader can still work back (see the report) ------------------------


def test_board_differences_do_not_reveal_hidden_workforce_counts(tiny_frames):
    _, published = tiny_frames
    total = cell(published, 1, "percent", "Overall workforce", "White")["denominator"]
    for group in GROUPS:
        if not math.isnan(cell(published, 1, "percent", "Overall workforce", group)["value"]):
            continue
        share = cell(published, 9, "percent", "Board (all)", group)["value"]
        difference = cell(published, 9, "difference_pp", "Board (all)", group)["value"]
        worked_back = (share - difference) * total / 100
        assert math.isnan(worked_back), f"{group} workforce headcount = {worked_back:.2f}"


def _feasible_values(published: pd.DataFrame, hi: int = 7) -> dict:
    """Every value each hidden band cell can take, given whole numbers >= 0, the shown
    totals and cells. Every hidden cell gives the same reason, so a reader knows only that
    it is a whole number of 0 or more."""
    values, overall_row = band_table(published, "value")
    totals = band_table(published, "denominator")[0]["White"].astype(int)
    counts = band_table(published, "numerator")[0]
    reasons = published[(published["indicator"] == "1") & (published["measure"] == "percent")]
    reasons = reasons.pivot(index="breakdown", columns="group", values="suppression")

    def allowed(row, group, value):
        assert reasons.loc[row, group] == SMALL
        return value >= 0

    clusters = {r: cluster_parts(r) for r in values.index if cluster_parts(r) is not None}
    bands = [r for i, r in enumerate(values.index) if i != overall_row and r not in clusters]
    per_band = []
    for band in bands:
        hidden = [g for g in GROUPS if math.isnan(values.loc[band, g])]
        left = totals[band] - sum(int(counts.loc[band, g]) for g in GROUPS if g not in hidden)
        options = [
            dict(zip(hidden, split, strict=True))
            for split in itertools.product(range(left + 1), repeat=len(hidden))
            if sum(split) == left
            and all(allowed(band, g, v) for g, v in zip(hidden, split, strict=True))
        ]
        per_band.append([(band, o) for o in options])
    overall = values.index[overall_row]
    seen: dict = {}
    for choice in itertools.product(*per_band):
        filled = {
            (band, g): (o[g] if g in o else int(counts.loc[band, g]))
            for band, o in choice
            for g in GROUPS
        }
        column = {g: sum(filled[(b, g)] for b in bands) for g in GROUPS}
        ok = all(
            allowed(overall, g, column[g])
            if math.isnan(values.loc[overall, g])
            else column[g] == counts.loc[overall, g]
            for g in GROUPS
        )
        for cluster, parts in clusters.items():  # each cluster row is the sum of its bands
            for g in GROUPS:
                total = sum(filled[(b, g)] for b in parts if b in bands)
                if math.isnan(values.loc[cluster, g]):
                    filled[(cluster, g)] = total
                else:
                    ok = ok and total == counts.loc[cluster, g]
        if ok:
            for g in GROUPS:
                filled[(overall, g)] = column[g]
            for key, value in filled.items():
                seen.setdefault(key, set()).add(value)
    return {k: v for k, v in seen.items() if math.isnan(values.loc[k[0], k[1]])}


@pytest.mark.slow
def test_no_primary_cell_is_pinned_by_whole_number_bounds(tiny_frames):
    _, published = tiny_frames
    feasible = _feasible_values(published)
    assert feasible  # the reader's puzzle has at least the true solution
    pinned = {cell: v for cell, v in feasible.items() if len(v) == 1}
    assert not pinned, f"recoverable: {pinned}"


def test_the_check_runs_blas_on_one_thread(tiny_frames, monkeypatch):
    """Its SVDs are small: threads only wait on one another, and on a busy machine (a batch's
    other worker) each waited to be scheduled: 16 s instead of 0.9 s for one report."""
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads() -> int:
        return max(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas")

    seen: list[int] = []
    svd = np.linalg.svd

    def counting_svd(*args, **kwargs):
        seen.append(blas_threads())
        return svd(*args, **kwargs)

    monkeypatch.setattr(np.linalg, "svd", counting_svd)
    disclosure._PROTECTED.clear()  # protected before: answered without an SVD
    # Two threads, as OpenBLAS has on two cores (make test sets OMP_NUM_THREADS=1).
    with threadpool_limits(2, user_api="blas"):
        assert blas_threads() == 2
        disclosure.publish(tiny_frames[0], standard=WRES)
        assert blas_threads() == 2  # the limit ends with the check
    assert seen and set(seen) == {1}


def test_linear_algebra_runs_once_when_no_new_zero_can_follow(monkeypatch):
    # Two bands of two groups hidden whole, and a third band's 5 alone: each band total and
    # each column's overall figure is shown. The 5 is its band's total less the 7 shown; the
    # four others keep one degree of freedom (+1 -1 / -1 +1), and no sum is used up, so no
    # zero. One pass settles it; running it again on the four could only find the same.
    counts = np.array([[10, 20], [30, 40], [5, 7], [45, 67]])  # overall last
    hidden = np.array([[True, True], [True, True], [True, False], [False, False]])
    passes = []
    real = disclosure._pinned
    monkeypatch.setattr(disclosure, "_pinned", lambda *a: passes.append(a) or real(*a))
    assert (disclosure.determined(hidden, 3, counts) == (counts == 5)).all()
    assert len(passes) == 1


def test_the_same_table_is_protected_once(monkeypatch):
    counts = np.array([[6, 83, 29], [0, 36, 29], [2, 0, 0], [4, 47, 0]])  # overall first
    primary = (counts >= 1) & (counts <= 7)
    disclosure._PROTECTED.clear()
    first = disclosure.hidden_cells(counts, primary, overall_row=0)
    searches = []
    monkeypatch.setattr(disclosure, "determined", lambda *a: searches.append(a) or 1 / 0)
    first[:] = False  # the caller's copy: the answer kept is not changed with it
    again = disclosure.hidden_cells(counts.copy(), primary.copy(), overall_row=0)
    assert not searches
    assert again[primary].all() and not (exposed(counts, again, 0) & primary).any()
    changed = counts.copy()
    changed[1, 0] = 1  # another table (one more small count): searched afresh
    with pytest.raises(ZeroDivisionError):
        disclosure.hidden_cells(changed, (changed >= 1) & (changed <= 7), overall_row=0)
