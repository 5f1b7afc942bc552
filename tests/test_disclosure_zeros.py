"""`disclosure._known_zeros` as matrix products over `constraints`, checked against the loop
over `relations` it replaced, on many random tables with and without cluster sums."""

from __future__ import annotations

import numpy as np
import pytest

from wres_helpers.compute import disclosure


def loop_known_zeros(hidden, overall_row, counts, sums=()):
    """The previous implementation, kept here only as the oracle."""
    parts = np.where(hidden, counts, 0)
    known = hidden & (hidden.any(axis=1) & (parts.sum(axis=1) == 0))[:, None]
    for total, members in disclosure.relations(tuple(hidden.shape), overall_row, sums):
        rows = list(members)
        in_columns = hidden[rows]
        full = ~hidden[total] & in_columns.any(axis=0) & (parts[rows].sum(axis=0) == 0)
        known[rows] |= in_columns & full[None, :]
    return known


def random_table(rng: np.random.Generator, clusters: bool):
    """Counts (half of them 0, so that sums are used up), a hidden mask, the overall row and,
    when `clusters`, cluster rows each adding up some bands, and one adding up two clusters."""
    rows, cols = int(rng.integers(2, 12)), int(rng.integers(1, 5))
    counts = rng.integers(0, 9, size=(rows, cols)) * (rng.random((rows, cols)) < 0.5)
    hidden = rng.random((rows, cols)) < rng.uniform(0.1, 0.9)
    overall_row = int(rng.integers(rows))
    sums: list[tuple[int, tuple[int, ...]]] = []
    others = [r for r in range(rows) if r != overall_row]
    if clusters and len(others) >= 4:
        totals = sorted(rng.choice(others, size=int(rng.integers(1, 4)), replace=False).tolist())
        bands = [r for r in others if r not in totals]
        for total in totals:
            parts = rng.choice(bands, size=int(rng.integers(1, len(bands) + 1)), replace=False)
            sums.append((total, tuple(sorted(parts.tolist()))))
        if len(totals) == 3:  # a combined cluster: the sum of the two split ones
            sums[0] = (totals[0], (totals[1], totals[2]))
    return counts, hidden, overall_row, tuple(sums)


@pytest.mark.parametrize("clusters", [False, True])
def test_known_zeros_matches_the_loop_on_random_tables(clusters):
    rng = np.random.default_rng(20191231 + clusters)
    found = 0
    for _ in range(2000):
        counts, hidden, overall_row, sums = random_table(rng, clusters)
        expected = loop_known_zeros(hidden, overall_row, counts, sums)
        got = disclosure._known_zeros(hidden, overall_row, counts, sums)
        assert got.dtype == bool and got.shape == hidden.shape
        assert (got == expected).all(), (counts, hidden, overall_row, sums)
        found += int(expected.any())
    assert found > 200  # the tables do use sums up, so a wrong zero would be seen


def test_known_zeros_by_hand():
    # Overall row last. Band 0 shows 4 of its total 4: its hidden BME 0 is known. The White
    # column's overall 9 is shown and its bands' shown 4 + 5 use it up: band 2's hidden
    # White 0 is known too. Band 1's hidden 2 and band 2's hidden 3 are not (their rows
    # show 5 of 7 and 0 of 3), nor the hidden BME overall 5.
    counts = np.array([[4, 0], [5, 2], [0, 3], [9, 5]])
    hidden = np.array([[False, True], [False, True], [True, True], [False, True]])
    known = disclosure._known_zeros(hidden, 3, counts)
    assert known.tolist() == [[False, True], [False, False], [True, False], [False, False]]
    # With the White overall hidden as well, band 2's 0 is no longer known: its row holds
    # the hidden 3, and its column's total is hidden.
    hidden[3, 0] = True
    known = disclosure._known_zeros(hidden, 3, counts)
    assert known.tolist() == [[False, True], [False, False], [False, False], [False, False]]
