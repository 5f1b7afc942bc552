"""Properties that must hold for any counts: relative likelihoods, Wilson intervals and
disclosure control (checked with an independent solver, `conftest.recoverable`)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import band_sums, exposed, recoverable
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_helpers.compute import disclosure, indicators, stats
from wres_helpers.inputs.load import TRAINING, Dataset
from wres_helpers.inputs.read import ROW
from wres_helpers.inputs.schema import TABLES
from wres_helpers.inputs.settings import Settings
from wres_helpers.inputs.validate import validate
from wres_helpers.standards import WRES

FAST = settings(max_examples=60, deadline=None)
SLOW = settings(max_examples=25, deadline=None)


@st.composite
def two_groups(draw):
    """(a, n1, c, n2) with 0 <= events <= base."""
    n1 = draw(st.integers(0, 500))
    n2 = draw(st.integers(0, 500))
    return draw(st.integers(0, n1)), n1, draw(st.integers(0, n2)), n2


@FAST
@given(two_groups())
def test_swapping_the_groups_inverts_the_rl_and_its_interval(counts):
    a, n1, c, n2 = counts
    value, low, high = (float(x) for x in stats.relative_likelihood(a, n1, c, n2))
    swapped, s_low, s_high = (float(x) for x in stats.relative_likelihood(c, n2, a, n1))
    if min(a, c, n1, n2) == 0:
        assert all(math.isnan(x) for x in (value, low, high, swapped, s_low, s_high))
        return
    assert value == pytest.approx(1 / swapped, rel=1e-12)
    assert low == pytest.approx(1 / s_high, rel=1e-12)
    assert high == pytest.approx(1 / s_low, rel=1e-12)
    assert 0 < low <= value <= high < math.inf


@FAST
@given(two_groups(), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_rl_interval_is_symmetric_on_the_log_scale(counts, confidence):
    a, n1, c, n2 = counts
    value, low, high = (float(x) for x in stats.relative_likelihood(a, n1, c, n2, confidence))
    if math.isnan(value):
        assert min(a, c, n1, n2) == 0
        return
    assert math.log(value) - math.log(low) == pytest.approx(
        math.log(high) - math.log(value), rel=1e-9, abs=1e-12
    )


@FAST
@given(st.integers(0, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_percent_and_wilson_bounds_stay_in_range_and_bracket_the_estimate(counts):
    k, n = counts
    value = float(stats.percent(k, n))
    low, high = (float(x) for x in stats.wilson(k, n))
    if n == 0:
        assert math.isnan(value) and math.isnan(low) and math.isnan(high)
        return
    assert 0 <= low <= value <= high <= 100
    assert (low == 0) == (k == 0)
    assert (high == 100) == (k == n)


@FAST
@given(st.lists(st.integers(0, 300), min_size=1, max_size=20))
def test_wilson_is_vectorised_elementwise(bases):
    events = [b // 3 for b in bases]
    low, high = stats.wilson(events, bases)
    for i, (k, n) in enumerate(zip(events, bases, strict=True)):
        one_low, one_high = stats.wilson(k, n)
        assert np.allclose([low[i], high[i]], [one_low, one_high], equal_nan=True)


# --- disclosure: the band table ---------------------------------------------------------------

cell = st.one_of(st.just(0), st.integers(1, 7), st.integers(8, 60))


@st.composite
def band_tables(draw):
    """Band rows x (White, BME, Unknown) with the overall row inserted at some position."""
    bands = draw(st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6))
    counts = np.array(bands)
    overall_row = draw(st.integers(0, len(bands)))
    table = np.insert(counts, overall_row, counts.sum(axis=0), axis=0)
    return table, overall_row


def test_the_independent_checker_can_find_a_recoverable_cell():
    hidden = np.zeros((3, 3), bool)  # two bands, overall last
    hidden[0, 0] = True
    assert recoverable(hidden, 2)[0, 0]
    hidden[0, 1] = hidden[1, 0] = hidden[1, 1] = True  # a 2 x 2 rectangle of bands
    assert not recoverable(hidden, 2).any()


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(band_tables())
def test_hidden_cells_hides_every_primary_cell_and_leaves_none_recoverable(table):
    counts, overall_row = table
    primary = (counts >= 1) & (counts <= 7)
    hidden = disclosure.hidden_cells(counts, primary, overall_row)
    assert hidden.shape == counts.shape
    assert (hidden | ~primary).all(), "a primary cell is shown"
    assert not (exposed(counts, hidden, overall_row) & primary).any()
    if not primary.any():
        assert not hidden.any()


# --- disclosure: publish over a random workforce --------------------------------------------

BANDS = [("Clinical", "5"), ("Clinical", "6"), ("Non-clinical", "3"), ("Medical and dental",
         "Consultant")]  # fmt: skip
CODES = {"White": "A", "BME": "H", "Unknown": "Z"}


def workforce_dataset(cells: dict[tuple[int, str], tuple[int, int]]) -> Dataset:
    """In-memory Dataset from {(band index, group): (headcount, trained)}."""
    rows = []
    for (band, group), (count, trained) in cells.items():
        staff_group, pay_band = BANDS[band]
        for i in range(count):
            rows.append(
                [f"{band}{group}{i}", CODES[group], staff_group, pay_band,
                 "yes" if i < trained else "no"]
            )  # fmt: skip
    columns = ["staff_id", "ethnic_category", "staff_group", "pay_band", "non_mandatory_training"]
    raw = pd.DataFrame(rows, columns=columns, dtype=str)
    raw[ROW] = raw.index + 2
    clean, problems = validate(TABLES["workforce"], raw, "workforce.csv")
    assert not problems
    clean["org"], clean["year"] = "ORG", 2019
    # The staff list carries the training column, so indicator 4's data is supplied too.
    supplied = {("ORG", 2019, "workforce"), ("ORG", 2019, TRAINING)}
    return Dataset(tables={"workforce": clean}, supplied=supplied)


@st.composite
def workforces(draw):
    cells = {}
    for band in range(draw(st.integers(1, len(BANDS)))):
        for group in CODES:
            count = draw(cell)
            cells[(band, group)] = (count, draw(st.integers(0, count)))
    if sum(c for c, _ in cells.values()) == 0:
        cells[(0, "White")] = (1, 0)
    return cells


def band_grid(frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, int]:
    rows = frame[(frame["indicator"] == "1") & (frame["measure"] == "percent")]
    grid = rows.pivot(index="breakdown", columns="group", values=column)
    grid = grid.reindex(columns=["White", "BME", "Unknown"])
    return grid, grid.index.get_loc(indicators.OVERALL)


@pytest.mark.slow
@SLOW
@given(workforces())
def test_published_band_table_hides_small_counts_and_none_can_be_worked_back(cells):
    computed = indicators.compute(workforce_dataset(cells), standard=WRES)
    published = disclosure.publish(computed, standard=WRES)
    counts, overall_row = band_grid(computed, "numerator")
    shown, _ = band_grid(published, "value")
    hidden = shown.isna().to_numpy()
    primary = ((counts >= 1) & (counts <= 7)).to_numpy()
    assert (hidden | ~primary).all()
    sums = band_sums(list(counts.index))
    assert not (exposed(counts.to_numpy(), hidden, overall_row, sums) & primary).any()

    one = published[published["indicator"] == "1"]
    blank = one["value"].isna()
    assert (one.loc[blank, "suppression"] != "").all()
    assert (one.loc[~blank, "suppression"] == "").all()
    assert one.loc[blank, "numerator"].isna().all()
    # Denominators (the band totals the check assumes are shown) are never blanked here.
    assert one.loc[one["measure"] == "percent", "denominator"].notna().all()
    # Headcount and percent rows of one cell are hidden alike.
    by_cell = one.groupby(["breakdown", "group"])["value"].apply(lambda v: v.isna().nunique())
    assert (by_cell == 1).all()


@pytest.mark.slow
@SLOW
@given(workforces())
def test_published_rls_are_exact_only_on_shown_counts_and_group_rows_follow_the_rule(cells):
    computed = indicators.compute(workforce_dataset(cells), standard=WRES)
    published = disclosure.publish(computed, standard=WRES)
    groups = published[(published["indicator"] == "4") & (published["measure"] == "percent")]
    source = computed.loc[groups.index]
    small = source["numerator"].between(1, 7) | source["denominator"].between(1, 7)
    assert (groups["value"].isna() | source["denominator"].eq(0)).where(small, True).all()
    # A group's base is its overall headcount: hidden when small, or when indicator 1 hides it.
    overall = published[
        (published["indicator"] == "1")
        & (published["breakdown"] == "Overall workforce")
        & (published["measure"] == "percent")
    ].set_index("group")["value"]
    base_hidden = groups["group"].map(overall).isna()
    assert groups.loc[base_hidden, "value"].isna().all()
    small_base = source["denominator"].between(1, 7)
    assert (groups["denominator"].isna() == (base_hidden | small_base)).all()
    kept = ~small & ~base_hidden
    assert (groups.loc[kept, "value"].fillna(-1) == source.loc[kept, "value"].fillna(-1)).all()
    # Indicator 4's RL: exact when both counts are shown; else a range holding it, or withheld.
    (i,) = published.index[(published["indicator"] == "4") & (published["measure"] != "percent")]
    rl, true = published.loc[i], computed.loc[i, "value"]
    if groups["numerator"].notna().all():
        assert rl["suppression"] == "" and (rl["value"] == true or np.isnan(true))
    elif not np.isnan(rl["range_low"]):
        assert np.isnan(rl["value"]) and rl["range_low"] <= round(true, 2) <= rl["range_high"]
    else:
        undefined = rl["note"].startswith("undefined: no")  # a count of 0 shown
        assert np.isnan(rl["value"]) and (
            rl["suppression"].startswith("not published") or undefined
        )


@pytest.mark.slow
@SLOW
@given(workforces())
def test_suppression_off_hides_nothing(cells):
    computed = indicators.compute(workforce_dataset(cells), standard=WRES)
    published = disclosure.publish(computed, Settings(suppress_to=0), standard=WRES)
    assert (published["suppression"] == "").all()
    pd.testing.assert_frame_equal(
        published.drop(columns="suppression"), computed.drop(columns="suppression")
    )
