"""WRES indicator 1 by pay band cluster (issue 19 item 3), on ECCH 2019.

Every expected figure is from tests/HAND-WORKED.md ("WRES indicator 1 by cluster: ECCH
2019"), counted from the demo's workforce file by a plain-Python count, not by the package.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import band_sums, exposed

from wres_helpers.compute import disclosure, indicators
from wres_helpers.inputs import load
from wres_helpers.inputs.settings import Settings
from wres_helpers.standards import WDES, WRES

ROOT = Path(__file__).resolve().parent.parent
ECCH = ROOT / "data" / "demo" / "ECCH" / "2019"
WHOLE = 107 / 1020 * 100  # the whole workforce's BME share, 10.4902%

# (cluster, White, BME, Unknown) counted by hand
CLUSTERS = [
    ("Non-clinical: Bands 1-4", 192, 10, 6),
    ("Non-clinical: Bands 5-7", 69, 1, 3),
    ("Non-clinical: Bands 8a-8b", 20, 3, 3),
    ("Non-clinical: Bands 8c-9 and VSM", 15, 0, 0),
    ("Clinical: Bands 1-4", 167, 13, 3),
    ("Clinical: Bands 5-7", 347, 74, 15),
    ("Clinical: Bands 8a-8b", 49, 1, 1),
    ("Clinical: Bands 8c-9 and VSM", 11, 0, 2),
    ("Clinical and non-clinical: Bands 1-4", 359, 23, 9),
    ("Clinical and non-clinical: Bands 5-7", 416, 75, 18),
    ("Clinical and non-clinical: Bands 8a-8b", 69, 4, 4),
    ("Clinical and non-clinical: Bands 8c-9 and VSM", 26, 0, 2),
]
# The BME shares published below the whole workforce's: 1000/208, 1300/183, 2300/391.
PUBLISHED_BELOW = {
    "Non-clinical: Bands 1-4": 4.807692,
    "Clinical: Bands 1-4": 7.103825,
    "Clinical and non-clinical: Bands 1-4": 5.882353,
}


@pytest.fixture(scope="module")
def ecch():
    computed = indicators.compute(load.load_folder(ECCH, standard=WRES), standard=WRES)
    computed = computed[computed["year"] == 2019]  # the folder's year, not the one before
    return computed, disclosure.publish(computed, Settings(), standard=WRES)


def _row(frame: pd.DataFrame, breakdown: str, group: str, measure: str = "percent"):
    rows = frame[
        (frame["indicator"] == "1")
        & (frame["measure"] == measure)
        & (frame["breakdown"] == breakdown)
        & (frame["group"] == group)
    ]
    assert len(rows) == 1, (breakdown, group, measure)
    return rows.iloc[0]


@pytest.mark.parametrize(("cluster", "white", "bme", "unknown"), CLUSTERS)
def test_each_cluster_counts_its_bands(ecch, cluster, white, bme, unknown):
    computed, _ = ecch
    total = white + bme + unknown
    for group, count in (("White", white), ("BME", bme), ("Unknown", unknown)):
        share = _row(computed, cluster, group)
        assert (share["numerator"], share["denominator"]) == (count, total)
        assert share["value"] == pytest.approx(100 * count / total)
        assert _row(computed, cluster, group, "headcount")["value"] == count


def test_at_least_three_bme_cluster_shares_below_the_whole_are_published(ecch):
    _, published = ecch
    overall = _row(published, indicators.OVERALL, "BME")
    assert overall["value"] == pytest.approx(WHOLE)
    shown = published[
        (published["indicator"] == "1")
        & (published["measure"] == "percent")
        & (published["group"] == "BME")
        & published["breakdown"].str.contains("Bands ")
        & published["value"].notna()
    ]
    below = {b: v for b, v in zip(shown["breakdown"], shown["value"], strict=True) if v < WHOLE}
    above_zero = {b: v for b, v in below.items() if v > 0}
    assert above_zero == pytest.approx(PUBLISHED_BELOW, rel=1e-6)
    assert len(above_zero) >= 3


def test_the_split_5_7_pair_gives_way_to_the_combined_cluster(ecch):
    """Non-clinical 5-7's BME count is 1: shown beside the combined 75, clinical 5-7's 74
    would give it back, so clinical's is hidden and the combined share (75 of 509) shown."""
    _, published = ecch
    assert pd.isna(_row(published, "Non-clinical: Bands 5-7", "BME")["value"])
    assert pd.isna(_row(published, "Clinical: Bands 5-7", "BME")["value"])
    combined = _row(published, "Clinical and non-clinical: Bands 5-7", "BME")
    assert (combined["numerator"], combined["denominator"]) == (75, 509)


def test_clinical_band_2_white_is_the_one_band_cell_hidden_for_the_clusters(ecch):
    """Shown, 29 with the other bands' 100 and 38 would give clinical 1-4's White 167 and
    so its Unknown, 183 - 13 - 167 = 3."""
    computed, published = ecch
    assert pd.isna(_row(published, "Clinical: 2", "White")["value"])
    assert _row(published, "Clinical: 3", "White")["numerator"] == 100
    assert _row(published, "Clinical: 4", "White")["numerator"] == 38
    # With the cluster rows left out, the same rule hides every band cell it hides now
    # but that one.
    bands_only = computed[~computed["breakdown"].str.contains("Bands ")]
    before = disclosure.publish(bands_only, Settings(), standard=WRES)
    now = published.loc[before.index]
    newly = now["value"].isna() & before["value"].notna()
    assert set(zip(now.loc[newly, "breakdown"], now.loc[newly, "group"], strict=True)) == {
        ("Clinical: 2", "White")
    }
    assert not (before["value"].isna() & now["value"].notna()).any()


def test_no_small_count_comes_back_from_the_clusters_and_bands(ecch):
    computed, published = ecch
    one = published[(published["indicator"] == "1") & (published["measure"] == "percent")]
    shown = one.pivot(index="breakdown", columns="group", values="value")
    shown = shown.reindex(columns=["White", "BME", "Unknown"])
    counts = computed[(computed["indicator"] == "1") & (computed["measure"] == "percent")]
    counts = counts.pivot(index="breakdown", columns="group", values="numerator")
    counts = counts.reindex(index=shown.index, columns=shown.columns).to_numpy(dtype=int)
    hidden = shown.isna().to_numpy()
    primary = (counts >= 1) & (counts <= 7)
    sums = band_sums(list(shown.index))
    assert len(sums) == 12
    assert (hidden | ~primary).all()
    overall = list(shown.index).index(indicators.OVERALL)
    assert not (exposed(counts, hidden, overall, sums) & primary).any()


def test_a_cluster_shown_as_0_would_give_its_bands_back():
    """The combined 8c-9 and VSM cluster, BME 0 of 28, hidden: shown, every band in it has
    no BME staff, and non-clinical band 8c's White is its total, 7. A hand-made table of
    that: rows 8c (7, 0, 0), 9 (2, 0, 0), the cluster (9, 0, 0) and the whole (9, 0, 0)."""
    counts = np.array([[7, 0, 0], [2, 0, 0], [9, 0, 0], [9, 0, 0]])
    hidden = np.array([[1, 1, 0], [1, 1, 0], [1, 0, 0], [1, 1, 0]], dtype=bool)
    primary = (counts >= 1) & (counts <= 7)
    found = disclosure.determined(hidden, 3, counts, ((2, (0, 1)),))
    assert found[0, 0] and found[1, 0]  # 7 and 2: the 0 shown gives them back
    assert (exposed(counts, hidden, 3, [(2, [0, 1])]) & primary).any()  # the checker agrees
    protected = disclosure.hidden_cells(counts, primary, 3, sums=((2, (0, 1)),))
    assert not (exposed(counts, protected, 3, [(2, [0, 1])]) & primary).any()


def test_a_cluster_worked_out_as_0_gives_its_bands_back_too():
    """As ECCH's 2017 figures in its 2019 report were: a cluster hidden, but worked out to
    have no BME staff, gives its bands back. A hand-made table: rows clinical 8c (7, 0, 0)
    and 8d (1, 0, 0), White and BME hidden; non-clinical 8c (9, 1, 1), BME hidden; the whole
    (17, 1, 1); the clinical cluster (8, 0, 0), White and BME hidden; the non-clinical
    cluster (9, 1, 1), BME hidden; the combined cluster (17, 1, 1). Non-clinical 8c's BME is
    its total 11 less 9 and 1: 1; so the non-clinical cluster's BME is 1, and the clinical
    cluster's is the combined 1 less that: 0. No clinical band then has BME staff, and
    clinical 8c's White is its total, 7. (Each step alone was found; a 0 found by the second
    was not yet used to look for more.)"""
    counts = np.array(
        [[7, 0, 0], [1, 0, 0], [9, 1, 1], [17, 1, 1], [8, 0, 0], [9, 1, 1], [17, 1, 1]]
    )
    hidden = np.zeros_like(counts, dtype=bool)
    for cell in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (4, 0), (4, 1), (5, 1)]:
        hidden[cell] = True
    sums = ((4, (0, 1)), (5, (2,)), (6, (4, 5)))
    primary = (counts >= 1) & (counts <= 7)
    assert disclosure.determined(hidden, 3, counts, sums)[0, 0]  # the 7 comes back
    checker_sums = [(4, [0, 1]), (5, [2]), (6, [4, 5])]
    assert (exposed(counts, hidden, 3, checker_sums) & primary)[0, 0]  # the checker agrees
    protected = disclosure.hidden_cells(counts, primary, 3, sums=sums)
    assert not (exposed(counts, protected, 3, checker_sums) & primary).any()


def test_the_wdes_clusters_are_the_wres_ones():
    """One definition: WDES metric 1's clinical 1-4 counts the 183 staff the WRES's does."""
    computed = indicators.compute(load.load_folder(ECCH, standard=WDES), standard=WDES)
    computed = computed[computed["year"] == 2019]
    rows = computed[
        (computed["breakdown"] == "Clinical: Bands 1-4") & computed["measure"].eq("percent")
    ]
    assert set(rows["denominator"]) == {183}


def test_the_key_finding_speaks_of_clusters():
    """ECCH 2019's figures as published (above): the lowest shares below 10.5% first."""
    from wres_helpers.kinds.bands.section import _cluster_finding

    shown = [
        ("Non-clinical: Bands 1-4", 4.807692),
        ("Clinical: Bands 1-4", 7.103825),
        ("Clinical and non-clinical: Bands 5-7", 14.734774),
    ]
    assert _cluster_finding(shown, 9, WHOLE, "BME") == (
        "BME staff are 10.5% of the workforce but 4.8% of staff in non-clinical bands 1–4 "
        "and 7.1% of staff in clinical bands 1–4; the BME share can be published for 3 of "
        "the 9 clusters."
    )
    assert _cluster_finding([("Clinical and non-clinical: Bands 5-7", 14.734774)], 9, WHOLE,
                            "BME") == (
        "BME staff are 10.5% of the workforce; no cluster whose BME share can be published "
        "(1 of 9) is below it, the highest being bands 5–7 (clinical and non-clinical) at "
        "14.7%."
    )  # fmt: skip
