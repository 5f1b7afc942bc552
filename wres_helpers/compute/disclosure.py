"""Disclosure control: what of the computed figures may be shown in a public report.

Suppression applies to what is shown, never to what is computed: `publish` takes the
full table from `indicators.compute` and blanks cells, saying why in `suppression`.

* Staff survey: a group with fewer respondents than the threshold is not reported.
* Pay bands: headcounts in the suppression range are hidden, then further cells
  (secondary suppression) until none of them can be worked back from the band totals,
  the overall workforce row and the other cells shown, counts being whole and never
  negative.
* Relative likelihoods: a group's row is hidden when its count or base is in the range.
  The relative likelihood itself is always shown, as the standard requires.
* The Board's counts are not suppressed: Board membership is public. Its
  difference from the workforce is hidden where it would give back a hidden workforce
  count, and so are relative-likelihood rows whose base is such a count.

Which indicators are of which kind comes from the standard's registry.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ..inputs.settings import Settings
from ..standards import WRES
from ..standards.registry import (
    BAND_DISTRIBUTION,
    RELATIVE_LIKELIHOOD,
    SURVEY_MEAN,
    SURVEY_PERCENT,
    Standard,
)
from .indicators import OVERALL, ROLLING

# One reason for every hidden staff count: saying which cells are the small ones and which
# were hidden to protect them would itself let a reader narrow the small ones down.
SMALL = "small numbers: a count of {lo} to {hi}, or a figure that would reveal one"
FEW_RESPONDENTS = "fewer than {n} respondents"


def publish(
    frame: pd.DataFrame, settings: Settings | None = None, standard: Standard = WRES
) -> pd.DataFrame:
    """A copy of the computed table with suppressed figures blanked and explained."""
    settings = settings or Settings()
    survey = standard.ids_of(SURVEY_PERCENT, SURVEY_MEAN)
    likelihoods = standard.of_kind(RELATIVE_LIKELIHOOD)
    on_workforce = [i.id for i in likelihoods if i.base_table == "workforce"]
    out = frame.copy()
    reason = pd.Series("", index=out.index, dtype=object)
    percent = out["measure"] == "percent"

    few = out["indicator"].isin(survey) & (percent | out["measure"].eq("mean_score"))
    few &= out["denominator"].fillna(0).lt(settings.survey_min_respondents)
    reason[few] = FEW_RESPONDENTS.format(n=settings.survey_min_respondents)
    # A mean score's gap would reveal a score withheld: it goes with it.
    withheld = out.loc[few & out["measure"].eq("mean_score"), ["org", "year", "indicator"]]
    keys = pd.MultiIndex.from_frame(withheld)
    gap = out["measure"].eq("difference_points")
    gap &= pd.MultiIndex.from_frame(out[["org", "year", "indicator"]]).isin(keys)
    reason[gap] = FEW_RESPONDENTS.format(n=settings.survey_min_respondents)

    hide_base = pd.Series(False, index=out.index)
    if settings.suppresses:
        lo, hi = settings.suppress_from, settings.suppress_to
        small = out["numerator"].between(lo, hi).fillna(False)
        small |= out["denominator"].between(lo, hi).fillna(False)
        hidden_bands = _pay_band_cells(out, lo, hi, standard)
        revealing = _revealing_workforce(out, hidden_bands, on_workforce)
        rl = out["indicator"].isin([i.id for i in likelihoods])
        hide_base = (rl & percent & small) | revealing
        reason[hide_base | hidden_bands] = SMALL.format(lo=lo, hi=hi)

    hidden = reason != ""
    for column in ("numerator", "value", "ci_low", "ci_high"):
        out.loc[hidden, column] = pd.NA if column == "numerator" else np.nan
    out.loc[hide_base & percent, "denominator"] = pd.NA
    out["suppression"] = reason.astype(str)
    return out


def _pay_band_cells(out: pd.DataFrame, lo: int, hi: int, standard: Standard) -> pd.Series:
    """Pay-band rows to hide (headcount and percent), for every organisation-year."""
    groups = standard.group_names
    bands = out[out["indicator"].isin(standard.ids_of(BAND_DISTRIBUTION))]
    rows_of = bands.groupby(["org", "year", "breakdown", "group"]).groups
    labels = []  # gathered, then set at once: a Series assignment per cell is slow
    for (org, year), table in bands[bands["measure"] == "percent"].groupby(["org", "year"]):
        counts = table.pivot(index="breakdown", columns="group", values="numerator")
        counts = counts.reindex(columns=list(groups)).fillna(0).astype(int)
        primary = ((counts >= lo) & (counts <= hi)).to_numpy()
        if not primary.any():
            continue
        hidden = hidden_cells(counts.to_numpy(), primary, counts.index.get_loc(OVERALL))
        for r, g in zip(*np.nonzero(hidden), strict=True):
            labels.extend(rows_of[(org, year, counts.index[r], counts.columns[g])])
    return pd.Series(out.index.isin(labels), index=out.index)


def _revealing_workforce(
    out: pd.DataFrame, hidden_bands: pd.Series, on_workforce: list[str]
) -> pd.Series:
    """Rows elsewhere that would give back a hidden overall workforce count: the bases of
    relative likelihoods counted on the workforce (`on_workforce`; the two-year figure
    pools this year and the next one's), and the Board-minus-workforce differences."""
    hidden = out[hidden_bands & (out["breakdown"] == OVERALL)]
    reveal = pd.Series(False, index=out.index)
    for org, year, group in set(zip(hidden["org"], hidden["year"], hidden["group"], strict=True)):
        same = (out["org"] == org) & (out["group"] == group)
        base = same & out["indicator"].isin(on_workforce) & (out["measure"] == "percent")
        reveal |= base & (
            (out["year"] == year) | ((out["year"] == year + 1) & (out["breakdown"] == ROLLING))
        )
        reveal |= same & (out["year"] == year) & (out["measure"] == "difference_pp")
    return reveal


@functools.cache
def constraints(shape: tuple[int, int], overall_row: int) -> np.ndarray:
    """The sums a reader sees, one equation per row: each band's total (shown as the
    denominator) and, for each group, the bands adding up to the overall workforce."""
    rows, cols = shape
    equations = []
    for r in range(rows):
        eq = np.zeros(shape)
        eq[r, :] = 1
        equations.append(eq.ravel())
    for c in range(cols):
        eq = np.zeros(shape)
        eq[:, c] = 1
        eq[overall_row, c] = -1
        equations.append(eq.ravel())
    system = np.array(equations)
    system.flags.writeable = False  # shared by every caller through the cache
    return system


def determined(hidden: np.ndarray, overall_row: int, counts: np.ndarray) -> np.ndarray:
    """Which hidden cells a reader could work out from the sums and the cells shown.

    First, counts cannot be negative: hidden cells in a sum that leaves them nothing are all
    0. Then linear algebra: a hidden cell is pinned down exactly when no solution of the
    homogeneous system on the remaining hidden cells moves it."""
    known = _known_zeros(hidden, overall_row, counts)
    unknown = hidden & ~known
    system = constraints(tuple(hidden.shape), overall_row)[:, unknown.ravel()]
    pinned = known.ravel().copy()
    if system.shape[1]:
        _, singular, vt = np.linalg.svd(system)
        null = vt[int((singular > 1e-9).sum()) :]
        moves = np.any(np.abs(null) >= 1e-9, axis=0) if len(null) else np.zeros(len(vt), bool)
        pinned[np.flatnonzero(unknown.ravel())] = ~moves
    return pinned.reshape(hidden.shape)


def _known_zeros(hidden: np.ndarray, overall_row: int, counts: np.ndarray) -> np.ndarray:
    """Hidden cells of a band total, the overall row, or a group's column (when its overall
    figure is shown) whose shown figures already use up the whole total."""
    # Whole arrays at once, not line by line: this runs hundreds of times a report.
    parts = np.where(hidden, counts, 0)
    known = hidden & (hidden.any(axis=1) & (parts.sum(axis=1) == 0))[:, None]
    in_columns = hidden.copy()
    in_columns[overall_row] = False  # a column's overall cell is its total, not a part
    parts[overall_row] = 0
    full = ~hidden[overall_row] & in_columns.any(axis=0) & (parts.sum(axis=0) == 0)
    return known | (in_columns & full[None, :])


def hidden_cells(counts: np.ndarray, primary: np.ndarray, overall_row: int) -> np.ndarray:
    """The primary cells plus the fewest, smallest further cells that leave no primary cell
    (a count in the suppression range) recoverable. A further cell itself need not be
    protected: it is not small."""
    hidden = _lone_cells_paired(counts, primary.copy(), overall_row)
    while (exposed := determined(hidden, overall_row, counts) & primary).any():
        hidden[_next_cell(counts, hidden, exposed, overall_row)] = True
    return hidden


TRIALS = 6  # candidate cells tried at each step, smallest first


def _lone_cells_paired(counts: np.ndarray, hidden: np.ndarray, overall_row: int) -> np.ndarray:
    """The classic first pass, cheap and usually enough: while a row or column holds exactly
    one hidden cell, also hide its smallest other cell with a count above 0."""
    lines = [(r, slice(None)) for r in range(counts.shape[0])]
    lines += [(slice(None), c) for c in range(counts.shape[1])]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if hidden[line].sum() != 1:
                continue
            open_cells = [i for i in np.flatnonzero(~hidden[line]) if counts[line][i] > 0]
            if line[0] == slice(None):  # a column: prefer a band to the overall figure
                open_cells = [i for i in open_cells if i != overall_row] or open_cells
            if open_cells:
                i = min(open_cells, key=lambda i: counts[line][i])
                cell = (line[0], i) if line[1] == slice(None) else (i, line[1])
                hidden[cell] = True
                changed = True
    return hidden


def _next_cell(counts, hidden, exposed, overall_row) -> tuple[int, int]:
    """Of the smallest open cells in the row and column of the first exposed cell (or,
    failing those, anywhere), the one that leaves fewest primary cells exposed. Hiding
    everything leaves nothing recoverable, so the loop in hidden_cells always ends."""
    r, c = (int(i[0]) for i in np.nonzero(exposed))
    rows, cols = counts.shape
    line = [(r, j) for j in range(cols)] + [(i, c) for i in range(rows)]
    candidates = [cell for cell in line if not hidden[cell]]
    if not candidates:
        candidates = [(int(i), int(j)) for i, j in zip(*np.nonzero(~hidden), strict=True)]
    # Prefer band cells: hiding an overall figure costs the reader more.
    candidates.sort(key=lambda cell: (cell[0] == overall_row, counts[cell]))

    best, fewest = candidates[0], None
    for cell in candidates[:TRIALS]:
        trial = hidden.copy()
        trial[cell] = True
        left = int((determined(trial, overall_row, counts) & exposed).sum())
        if fewest is None or left < fewest:
            best, fewest = cell, left
        if left == 0:  # the smallest cell that protects them all: no need to look further
            break
    return best
