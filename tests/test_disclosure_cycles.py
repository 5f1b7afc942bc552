"""`disclosure._graph` and `_on_no_cycle`, which tell which cells a table's sums pin down
where its clusters nest, checked against the SVD they replaced there on many random tables
(nested clusters, overlapping ones where the SVD still runs, none), and by hand."""

from __future__ import annotations

import numpy as np
import pytest
from test_disclosure_zeros import random_table

from wres_helpers.compute import disclosure


def svd_pinned(unknown: np.ndarray, overall_row: int, sums=()) -> np.ndarray:
    """The previous implementation (the SVD of the sums on the unknown cells), kept here only
    as the oracle."""
    system = disclosure.constraints(tuple(unknown.shape), overall_row, sums)[:, unknown.ravel()]
    pinned = np.zeros(unknown.size, bool)
    system = system[system.any(axis=1)]
    if system.shape[1]:
        _, singular, vt = np.linalg.svd(system)
        null = vt[int((singular > 1e-9).sum()) :]
        moves = np.any(np.abs(null) >= 1e-9, axis=0) if len(null) else np.zeros(len(vt), bool)
        pinned[np.flatnonzero(unknown.ravel())] = ~moves
    return pinned.reshape(unknown.shape)


def nested_table(rng: np.random.Generator):
    """A table's shape, overall row and cluster sums nested to any depth: each cluster adds
    up some of the bands and clusters no other cluster holds yet (as a combined cluster
    adds up the clinical and the non-clinical one), rows in a random order."""
    bands, clusters = int(rng.integers(1, 10)), int(rng.integers(0, 5))
    order = [int(r) for r in rng.permutation(bands + clusters + 1)]
    overall_row, band_rows, cluster_rows = order[0], order[1 : bands + 1], order[bands + 1 :]
    free, sums = list(band_rows), []
    for total in cluster_rows:
        taken = rng.choice(len(free), size=int(rng.integers(1, len(free) + 1)), replace=False)
        sums.append((total, tuple(sorted(free[i] for i in taken))))
        free = [r for i, r in enumerate(free) if i not in taken] + [total]
    return (len(order), int(rng.integers(1, 5))), overall_row, tuple(sums)


@pytest.mark.parametrize("seed", range(4))
def test_pinned_matches_the_svd_on_random_tables(seed):
    rng = np.random.default_rng(seed)
    graphs = pinned = moved = 0
    for i in range(1500):
        if i % 3 == 2:  # clusters drawn at random: mostly overlapping, some nested
            counts, _, overall_row, sums = random_table(rng, clusters=True)
            shape = counts.shape
        else:
            shape, overall_row, sums = nested_table(rng)
        unknown = rng.random(shape) < rng.uniform(0.05, 0.95)
        expected = svd_pinned(unknown, overall_row, sums)
        nothing = np.zeros(shape, bool)  # no zeros known: the linear algebra alone
        got = disclosure._pinned(unknown, overall_row, np.ones(shape, int), sums, nothing)
        assert got.dtype == bool and (got == expected).all(), (unknown, overall_row, sums)
        graphs += disclosure._graph(shape, overall_row, sums) is not None
        pinned += int(expected.sum())
        moved += int((unknown & ~expected).sum())
    assert graphs > 600 and i + 1 - graphs > 300  # both ways are taken
    assert pinned > 1000 and moved > 1000  # both answers are common, so either error shows


def test_nested_clusters_are_a_graph_and_overlapping_ones_are_not():
    # Rows: bands 0-3, cluster 4 = bands 0 + 1, cluster 5 = cluster 4 + band 2, overall 6.
    graph = disclosure._graph((7, 1), 6, ((4, (0, 1)), (5, (4, 2))))
    # One group: band r's cell joins its row (r) to its innermost sum's vertex (7 + row);
    # a sum's cell its own vertex to the next one out's; the overall's, the ground (14).
    assert graph == ((0, 11), (1, 11), (2, 12), (3, 13), (11, 12), (12, 13), (13, 14))
    assert disclosure._graph((7, 1), 6, ((4, (0, 1)), (5, (1, 2)))) is None  # overlap
    assert disclosure._graph((7, 1), 6, ((4, (0, 1)), (5, (4, 0)))) is None  # band 0 twice
    assert disclosure._graph((7, 1), 6, ((4, (0, 1)), (5, (4,)))) is None  # the same sum


def test_on_no_cycle_by_hand():
    # No clusters, overall row last. Bands 0 and 1 hidden in the first two groups: a cycle
    # (+1 -1 / -1 +1 moves all four). Band 2's cell is alone in its row: its band total
    # less the cells shown gives it. Band 3's two cells and the overall row's two, in the
    # same two groups, are another cycle.
    unknown = np.array(
        [
            [True, True, False, False],
            [True, True, False, False],
            [False, False, True, False],
            [False, False, True, True],
            [False, False, True, True],  # overall
        ]
    )
    graph = disclosure._graph(unknown.shape, 4)
    assert disclosure._on_no_cycle(unknown, graph).tolist() == [
        [False, False, False, False],
        [False, False, False, False],
        [False, False, True, False],
        [False, False, False, False],
        [False, False, False, False],
    ]
    # A path, not a cycle: every cell is pinned (band 0's by its total, then each next one).
    path = np.array([[True, False], [True, True], [False, True]])
    assert (disclosure._on_no_cycle(path, disclosure._graph(path.shape, 2)) == path).all()
