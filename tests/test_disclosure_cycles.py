"""`disclosure._on_no_cycle`, which tells which cells of a table without clusters its sums pin
down, checked against the SVD it replaced there on many random tables, and by hand."""

from __future__ import annotations

import numpy as np
import pytest

from wres_helpers.compute import disclosure


def svd_pinned(unknown: np.ndarray, overall_row: int) -> np.ndarray:
    """The previous implementation (the SVD of the sums on the unknown cells), kept here only
    as the oracle."""
    system = disclosure.constraints(tuple(unknown.shape), overall_row)[:, unknown.ravel()]
    pinned = np.zeros(unknown.size, bool)
    system = system[system.any(axis=1)]
    if system.shape[1]:
        _, singular, vt = np.linalg.svd(system)
        null = vt[int((singular > 1e-9).sum()) :]
        moves = np.any(np.abs(null) >= 1e-9, axis=0) if len(null) else np.zeros(len(vt), bool)
        pinned[np.flatnonzero(unknown.ravel())] = ~moves
    return pinned.reshape(unknown.shape)


@pytest.mark.parametrize("seed", range(4))
def test_on_no_cycle_matches_the_svd_on_random_tables(seed):
    rng = np.random.default_rng(seed)
    pinned = moved = 0
    for _ in range(1000):
        rows, cols = int(rng.integers(1, 16)), int(rng.integers(1, 6))
        unknown = rng.random((rows, cols)) < rng.uniform(0.05, 0.95)
        expected = svd_pinned(unknown, int(rng.integers(rows)))
        got = disclosure._on_no_cycle(unknown)
        assert got.dtype == bool and (got == expected).all(), unknown
        pinned += int(expected.sum())
        moved += int((unknown & ~expected).sum())
    assert pinned > 1000 and moved > 1000  # both answers are common, so either error shows


def test_on_no_cycle_by_hand():
    # Bands 0 and 1 hidden in the first two groups: a cycle (+1 -1 / -1 +1 moves all four).
    # Band 2's cell is alone in its row: its band total less the cells shown gives it. Band
    # 3's two cells and the overall row's two, in the same two groups, are another cycle.
    unknown = np.array(
        [
            [True, True, False, False],
            [True, True, False, False],
            [False, False, True, False],
            [False, False, True, True],
            [False, False, True, True],  # overall
        ]
    )
    assert disclosure._on_no_cycle(unknown).tolist() == [
        [False, False, False, False],
        [False, False, False, False],
        [False, False, True, False],
        [False, False, False, False],
        [False, False, False, False],
    ]
    # A path, not a cycle: every cell is pinned (band 0's by its total, then each next one).
    path = np.array([[True, False], [True, True], [False, True]])
    assert (disclosure._on_no_cycle(path) == path).all()
