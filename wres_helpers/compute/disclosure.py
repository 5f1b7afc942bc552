"""Disclosure control: what of the computed figures may be shown in a public report.

Suppression applies to what is shown, never to what is computed: `publish` takes the
full table from `indicators.compute` and blanks cells, saying why in `suppression`.
The exact figures go to NHS England in the return (`wres return`), not in the report.

* Staff survey: a group with fewer respondents than the threshold is not reported.
* Pay bands: headcounts in the suppression range are hidden, then further cells
  (secondary suppression) until none of them can be worked back from the band totals,
  the overall workforce row and the other cells shown, counts being whole and never
  negative.
* Relative likelihoods: a group's count is hidden when it or its base is in the range, and
  so is every count that would give one back by a sum or a difference: a two-year figure
  pools this year's count with last year's (both published), and a figure excluding
  international recruits is a part of the figure for all applicants. A base is hidden
  only when it is itself in the range, or would give back a hidden workforce count.
* A relative likelihood is shown exactly when no count behind it is hidden. Otherwise its
  value and interval would give the hidden count back (the interval's width alone does),
  so it is published as the range it must lie in, worked out from the shown figures and
  the hidden counts' possible values alone: the range says nothing the shown figures do
  not. Where a base is hidden no such range is bounded, and the figure is withheld.
* The Board's counts are not suppressed: Board membership is public. Its difference from
  the workforce is hidden where it would give back a hidden workforce count, and so are
  relative-likelihood bases that are such a count.

* Each organisation-year under its own rules too (`own`): a comparator's figures, or this
  organisation's earlier years', are published under the stricter of the report's settings
  and that organisation-year's own (its params.yaml), and never show a cell its own report
  hides: the cells hidden there are hidden here as well. Hiding more never reveals more, so
  everything published together shows no more of an organisation than its own report does.

Which indicators are of which kind comes from the standard's registry.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from ..inputs.settings import Settings
from ..kinds import BandDistribution, RelativeLikelihood
from ..kinds.likelihood import Comparison, comparisons
from ..standards.registry import (
    ALL,
    NO_INTERNATIONAL,
    SINGLE_YEAR,
    Standard,
)
from .indicators import OVERALL, ROLLING

# One reason for every hidden staff count: saying which cells are the small ones and which
# were hidden to protect them would itself let a reader narrow the small ones down.
SMALL = "small numbers: a count of {lo} to {hi}, or a figure that would reveal one"
FEW_RESPONDENTS = "fewer than {n} respondents"
RANGED = (
    "rests on a hidden count of {lo} to {hi}: given as the range it lies in, "
    "worked out from the figures shown"
)
WITHHELD = (
    "not published: it rests on hidden figures (a count of {lo} to {hi}, or one that would "
    "reveal one) that leave it without bounds"
)
# A hidden count's possible values, given everything published, must span at least this
# (1 to 4, say): otherwise it is known to within one.
PROTECTION = 3


# The check's matrices are small: OpenBLAS's threads only wait on one another, and when the
# other cores are busy (a batch's other worker, say) each SVD waits for them to be scheduled:
# the check took 16 s instead of 0.9 s on a loaded machine, with ~1,000 SVDs a report (now
# only tables whose clusters do not nest need one).
@threadpool_limits.wrap(limits=1, user_api="blas")
def publish(
    frame: pd.DataFrame,
    settings: Settings | None = None,
    *,
    standard: Standard,
    own: dict[tuple[str, int], Settings] | None = None,
) -> pd.DataFrame:
    """A copy of the computed table with suppressed figures blanked and explained. `own`:
    each (org, year)'s own settings, where they are not the report's (see the module's
    docstring); the disclosure rule is the only part of them used."""
    settings = settings or Settings()
    theirs = {k: s for k, s in (own or {}).items() if _rule(s) != _rule(settings)}
    if not theirs:
        return _publish(frame, settings, standard)
    parts = []
    for org, rows in frame.groupby("org", sort=False):
        years = {y: s for (o, y), s in theirs.items() if o == org}
        forced = _Forced.empty()
        for year, rule in years.items():  # what the organisation-year's own report hides
            forced |= _Forced.of(_publish(rows[rows["year"] <= year], rule, standard), rows, year)
        parts.append(_publish(rows, stricter(settings, *years.values()), standard, forced))
    return pd.concat(parts).loc[frame.index]


def _rule(s: Settings) -> tuple:
    return (s.suppresses and (s.suppress_from, s.suppress_to), s.survey_min_respondents)


def stricter(settings: Settings, *others: Settings) -> Settings:
    """`settings` with the widest suppression range and survey threshold of them all: every
    count any of them hides is hidden (a range switched off hides nothing)."""
    every = (settings, *others)
    update = {"survey_min_respondents": max(s.survey_min_respondents for s in every)}
    if on := [s for s in every if s.suppresses]:
        update["suppress_from"] = min(s.suppress_from for s in on)
        update["suppress_to"] = max(s.suppress_to for s in on)
    return settings.model_copy(update=update)


@dataclass
class _Forced:
    """Rows (by label) whose figures another publication of them hides: `rows`' counts and
    values, `bases`' denominators."""

    rows: set
    bases: set

    @classmethod
    def empty(cls) -> _Forced:
        return cls(set(), set())

    @classmethod
    def of(cls, published: pd.DataFrame, computed: pd.DataFrame, year: int) -> _Forced:
        at = published[
            (published["year"] == year) & (published["measure"] != "relative_likelihood")
        ]
        before = computed.loc[at.index]
        rows = at["suppression"].ne(before["suppression"].fillna("")) & at["suppression"].ne("")
        bases = at["denominator"].isna() & before["denominator"].notna()
        return cls(set(at.index[rows]), set(at.index[bases]))

    def __ior__(self, other: _Forced) -> _Forced:
        self.rows |= other.rows
        self.bases |= other.bases
        return self

    def mask(self, index: pd.Index, which: str) -> pd.Series:
        return pd.Series(index.isin(list(getattr(self, which))), index=index)


def _publish(
    frame: pd.DataFrame, settings: Settings, standard: Standard, forced: _Forced | None = None
) -> pd.DataFrame:
    forced = forced or _Forced.empty()
    survey = [i.id for i in standard.from_survey]
    likelihoods = standard.of_kind(RelativeLikelihood)
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

    cells = None
    if settings.suppresses:
        lo, hi = settings.suppress_from, settings.suppress_to
        rows, bases = forced.mask(out.index, "rows"), forced.mask(out.index, "bases")
        hidden_bands = _pay_band_cells(out, lo, hi, standard, rows)
        revealing_base, revealing_difference = _revealing_workforce(out, hidden_bands, on_workforce)
        cells = comparison_cells(out, lo, hi, revealing_base | bases, standard, rows)
        hide_count = pd.Series(False, index=out.index)
        hide_count[[i for i, c in cells.items() if c.count_hidden]] = True
        hidden = hide_count | hidden_bands | revealing_difference
        reason[hidden | (rows & reason.eq(""))] = SMALL.format(lo=lo, hi=hi)

    hidden = reason != ""
    for column in ("numerator", "value", "ci_low", "ci_high"):
        out.loc[hidden, column] = pd.NA if column == "numerator" else np.nan
    counted = standard.ids_of(BandDistribution, RelativeLikelihood)
    out.loc[hidden & out["indicator"].isin(counted), "note"] = ""  # "no … staff": a 0
    if cells is not None:
        out.loc[[i for i, c in cells.items() if c.base_hidden], "denominator"] = pd.NA
        _bound_likelihoods(out, cells, settings, standard)
    out["suppression"] = reason.where(reason != "", out["suppression"]).astype(str)
    return out


def _pay_band_cells(
    out: pd.DataFrame, lo: int, hi: int, standard: Standard, forced: pd.Series | None = None
) -> pd.Series:
    """Pay-band rows to hide (headcount and percent), for every organisation-year; `forced`
    rows are hidden from the start (another publication of them hides them)."""
    forced = pd.Series(False, index=out.index) if forced is None else forced
    groups = list(standard.group_names)
    bands = out[out["indicator"].isin(standard.ids_of(BandDistribution))]
    keys = list(zip(bands["org"], bands["year"], bands["breakdown"], bands["group"], strict=True))
    counted = bands["measure"].eq("percent").to_numpy()
    numerators = bands["numerator"].fillna(0).to_numpy()
    tables: dict[tuple, dict] = {}  # (org, year) -> {(breakdown, group): count}
    already = set()  # (org, year, breakdown, group) forced hidden
    rows_forced = forced[bands.index].to_numpy()
    for key, n, is_count, hide in zip(keys, numerators, counted, rows_forced, strict=True):
        org, year, breakdown, group = key
        if group in groups and hide:
            already.add(key)
        if is_count and group in groups:
            tables.setdefault((org, year), {})[breakdown, group] = int(n)
    hidden_keys = set()
    clusters = [c for i in standard.of_kind(BandDistribution) for c in i.cluster_rows]
    focus = groups.index(standard.focus.name)
    for (org, year), cells in tables.items():
        rows = sorted({breakdown for breakdown, _ in cells})  # as a pivot orders them
        counts = np.array([[cells.get((r, g), 0) for g in groups] for r in rows], dtype=int)
        primary = (counts >= lo) & (counts <= hi)
        start = np.array([[(org, year, r, g) in already for g in groups] for r in rows])
        if not (primary.any() or start.any()):
            continue
        sums = _cluster_sums(rows, clusters)
        steps = _cluster_steps(rows, clusters, focus, len(groups))
        hidden = hidden_cells(counts, primary, rows.index(OVERALL), start, sums, steps)
        found = zip(*np.nonzero(hidden), strict=True)
        hidden_keys |= {(org, year, rows[r], groups[g]) for r, g in found}
    hide = pd.Series(False, index=out.index)
    hide[bands.index[[k in hidden_keys for k in keys]]] = True
    return hide


def _cluster_sums(rows: list[str], clusters: list) -> Sums:
    """Each cluster row of a table (by its row labels) with the rows it adds up: a split
    cluster its bands, a combined one the split clusters it joins."""
    at = {label: i for i, label in enumerate(rows)}
    split = {(c.members[0], c.label): c.breakdown for c in clusters if not c.combined}
    sums = []
    for c in clusters:
        if c.breakdown not in at:
            continue
        parts = [split.get((g, c.label)) for g in c.members] if c.combined else list(c.parts)
        sums.append((at[c.breakdown], tuple(at[p] for p in parts if p in at)))
    return tuple(sums)


def _cluster_steps(rows: list[str], clusters: list, focus: int, width: int) -> tuple:
    """The order a table's cluster cells are offered for showing: for each cluster, the
    focus group's count in the clinical and the non-clinical cluster together (a band cell
    may be hidden for each), else in the combined one; then the combined one's (which the
    two split ones give, when shown); then every other group's count, where nothing more
    need be hidden for it."""
    at = {label: i for i, label in enumerate(rows)}
    split: dict[str, list[int]] = {}
    combined: dict[str, int] = {}
    for c in clusters:
        if c.breakdown in at:
            if c.combined:
                combined[c.label] = at[c.breakdown]
            else:
                split.setdefault(c.label, []).append(at[c.breakdown])
    steps = []
    for label in dict.fromkeys(c.label for c in clusters):
        apart = tuple((r, focus) for r in split.get(label, []))
        together = ((combined[label], focus),) if label in combined else ()
        steps.append((apart, together, True))
        steps.append((together, (), False))
    others = [c for c in range(width) if c != focus]
    steps += [(((at[c.breakdown], g),), (), False)
              for c in clusters if c.breakdown in at for g in others]  # fmt: skip
    return tuple(steps)


def _revealing_workforce(
    out: pd.DataFrame, hidden_bands: pd.Series, on_workforce: list[str]
) -> tuple[pd.Series, pd.Series]:
    """Rows elsewhere that would give back a hidden overall workforce count: the bases of
    relative likelihoods counted on the workforce (`on_workforce`; the two-year figure
    pools this year and the next one's), and the Board-minus-workforce differences."""
    hidden = out[hidden_bands & (out["breakdown"] == OVERALL)]
    base = pd.Series(False, index=out.index)
    difference = pd.Series(False, index=out.index)
    for org, year, group in set(zip(hidden["org"], hidden["year"], hidden["group"], strict=True)):
        same = (out["org"] == org) & (out["group"] == group)
        on_base = same & out["indicator"].isin(on_workforce) & (out["measure"] == "percent")
        base |= on_base & (
            (out["year"] == year) | ((out["year"] == year + 1) & (out["breakdown"] == ROLLING))
        )
        difference |= same & (out["year"] == year) & (out["measure"] == "difference_pp")
    return base, difference


# --- relative likelihoods: which counts and bases to hide, and the range of each RL ------


@dataclass
class Cell:
    """One group's count and base in a relative likelihood, and what of them is shown. For a hidden
    count whose base is shown, `box` is the whole numbers it could be given everything
    published, which a relative likelihood's range rests on."""

    count: int
    base: int
    base_hidden: bool
    count_hidden: bool
    box: tuple[int, int]

    def values(self) -> tuple[int, int]:
        """The values the count could take: its box if hidden, else the count shown."""
        return self.box if self.count_hidden else (self.count, self.count)


def comparison_cells(
    out: pd.DataFrame,
    lo: int,
    hi: int,
    revealing: pd.Series,
    standard: Standard,
    forced: pd.Series | None = None,
) -> dict:
    """Every group row of the relative likelihoods as a Cell, by its row label in `out`.
    `revealing`: rows whose base is hidden; `forced`: rows whose count is."""
    likelihoods = standard.of_kind(RelativeLikelihood)
    rows = out[out["indicator"].isin([i.id for i in likelihoods]) & (out["measure"] == "percent")]
    count, base = rows["numerator"].fillna(-1), rows["denominator"].fillna(-1)
    forced = pd.Series(False, index=out.index) if forced is None else forced
    cells = {}
    flags = zip(revealing[rows.index], forced[rows.index], strict=True)
    for i, c, n, (reveals, other) in zip(rows.index, count, base, flags, strict=True):
        base_hidden = lo <= n <= hi or bool(reveals)
        small = lo <= c <= hi
        hidden = small or base_hidden or bool(other)
        # A count hidden for another reason than its size may be anything up to its base.
        box = (lo, min(hi, int(n))) if small or not other else (0, int(n))
        cells[i] = Cell(int(c), int(n), base_hidden, hidden, box)
    where = _by_key(rows)
    # Figures one is a part of another's, or a sum of others': from the registry's breakdowns.
    with_part = {i.id for i in likelihoods if NO_INTERNATIONAL in i.breakdowns}
    pooling = {i.id for i in likelihoods if ROLLING in i.breakdowns}
    for (org, year, ind, breakdown, group), i in where.items():
        if ind in with_part and breakdown == ALL:
            part = where.get((org, year, ind, NO_INTERNATIONAL, group))
            if part is not None:
                _pair(cells[i], cells[part], lo, hi)
    for (org, year, ind, breakdown, group), i in where.items():
        if ind in pooling and breakdown == ROLLING:
            parts = [where.get((org, y, ind, SINGLE_YEAR, group)) for y in (year, year - 1)]
            _pooled(cells[i], [cells[p] for p in parts if p is not None])
    return cells


_KEY = ["org", "year", "indicator", "breakdown", "group"]


def _by_key(rows: pd.DataFrame) -> dict[tuple, int]:
    keys = zip(*(rows[k] for k in _KEY), strict=True)
    return dict(zip(keys, rows.index, strict=True))


def _pair(whole: Cell, part: Cell, lo: int, hi: int) -> None:
    """A figure for all applicants and the one excluding international recruits, one group.

    The part's count lies between the whole's less the international recruits shortlisted
    (the difference of the bases) and the whole's, so a count hidden in one of them may be
    narrowed down by the other one's. Where it would be, both are hidden. (Where a base is
    hidden, it is a count of at most `hi` that nothing shown pins down, nor the count.)"""
    if not (whole.count_hidden or part.count_hidden) or whole.base_hidden or part.base_hidden:
        return
    international = whole.base - part.base
    if not (whole.count_hidden and part.count_hidden):
        if whole.count_hidden:  # the part's count is shown: at most the whole's, so 0
            low, high = max(lo, part.count), min(hi, whole.base, part.count + international)
        else:
            low, high = max(lo, whole.count - international), min(hi, whole.count, part.base)
        if high - low >= PROTECTION:
            return  # the one hidden is a small count, and its box [lo, hi] stands
        whole.count_hidden = part.count_hidden = True
    # Both hidden: either may be the small one, so each box allows for both.
    whole.box = lo, min(whole.base, hi + international)
    part.box = max(0, lo - international), min(hi, part.base)


def _pooled(pooled: Cell, parts: list[Cell]) -> None:
    """A two-year figure: its count is this year's plus last year's, both
    published, so it is hidden when either is, and its base likewise."""
    pooled.base_hidden |= any(p.base_hidden for p in parts)
    pooled.count_hidden |= pooled.base_hidden
    if any(p.count_hidden for p in parts):
        pooled.count_hidden = True
        low, high = (sum(v) for v in zip(*(p.values() for p in parts), strict=True))
        pooled.box = low, min(high, pooled.base)


def _bound_likelihoods(
    out: pd.DataFrame, cells: dict, settings: Settings, standard: Standard
) -> None:
    """Each relative likelihood with a hidden count behind it: its range, or withheld."""
    lo, hi = settings.suppress_from, settings.suppress_to
    groups = _by_key(out.loc[list(cells)])
    by_id = comparisons(standard)
    rls = out[out["indicator"].isin(list(by_id)) & (out["measure"] == "relative_likelihood")]
    changes: dict[int, dict] = {}
    keys = zip(rls.index, *(rls[k] for k in _KEY[:4]), strict=True)
    for i, org, year, indicator, breakdown in keys:
        comparison = by_id[indicator]
        top, bottom = (groups.get((org, year, indicator, breakdown, g)) for g in
                       (comparison.top, comparison.bottom))  # fmt: skip
        if top is None or bottom is None:
            continue
        top, bottom = cells[top], cells[bottom]
        if top.count_hidden or bottom.count_hidden:
            changes[i] = _bounded(top, bottom, comparison, settings, lo, hi)
    if not changes:
        return
    index = list(changes)
    out.loc[index, ["value", "ci_low", "ci_high"]] = np.nan
    for column in ("favours", "non_adverse", "interpretation", "note", "suppression"):
        out.loc[index, column] = [c.get(column, "") for c in changes.values()]
    for column in ("range_low", "range_high"):
        out.loc[index, column] = [c.get(column, np.nan) for c in changes.values()]
    out.loc[index, "small_numbers"] = pd.array(
        [c.get("small_numbers", pd.NA) for c in changes.values()], dtype="boolean"
    )


def _bounded(
    top: Cell, bottom: Cell, comparison: Comparison, settings: Settings, lo: int, hi: int
) -> dict:
    """The published columns of an RL with a hidden count behind it."""
    zero = [g for g, c in ((comparison.top, top), (comparison.bottom, bottom))
            if not c.count_hidden and c.count == 0]  # fmt: skip
    above, below = comparison.favours()
    if zero:  # undefined on the figures shown alone: say so, as for any other
        return {"note": f"undefined: no {zero[0]} {comparison.people} {comparison.did}"}
    bounds = _range(top, bottom)
    if bounds is None:
        return {"suppression": WITHHELD.format(lo=lo, hi=hi)}
    low, high = bounds
    judged = comparison.indicator.gives_verdict(comparison.standard, settings)
    return {
        "range_low": low,
        "range_high": high,
        "suppression": RANGED.format(lo=lo, hi=hi),
        "small_numbers": True,  # a hidden count is a small one
        "favours": above if low > 1 else below if high < 1 else "",
        "non_adverse": range_verdict(low, high, settings) if judged else "",
        "interpretation": comparison.range_interpretation(low, high),
    }


def range_verdict(low: float, high: float, settings: Settings) -> str:
    """'inside' or 'outside' the non-adverse range for every value from low to high, or ''
    when the range crosses an end of it."""
    a, b = settings.non_adverse_low, settings.non_adverse_high
    return "inside" if a <= low and high <= b else "outside" if high < a or low > b else ""


def _range(top: Cell, bottom: Cell) -> tuple[float, float] | None:
    """The RL's lowest and highest values over the boxes, rounded outwards to the two
    decimals shown; None when a base is hidden or a count could be 0 (no bound)."""
    if top.base_hidden or bottom.base_hidden or top.base <= 0 or bottom.base <= 0:
        return None
    t, b = top.values(), bottom.values()
    if min(t[0], b[0]) <= 0:
        return None
    scale = bottom.base / top.base
    low, high = t[0] / b[1] * scale, t[1] / b[0] * scale
    return math.floor(low * 100 + 1e-9) / 100, math.ceil(high * 100 - 1e-9) / 100


# Cluster rows (the WRES's indicator 1): each a total of other rows of its table, as
# (its row, the rows it adds up). The overall row adds up every row that is no such total.
Sums = tuple[tuple[int, tuple[int, ...]], ...]


def relations(shape: tuple[int, int], overall_row: int, sums: Sums = ()) -> Sums:
    """Every row that is a sum of others, with its parts: the overall row (the rows that are
    no cluster), then each cluster row."""
    totals = {t for t, _ in sums}
    bands = tuple(r for r in range(shape[0]) if r != overall_row and r not in totals)
    return ((overall_row, bands), *sums)


@functools.cache
def constraints(shape: tuple[int, int], overall_row: int, sums: Sums = ()) -> np.ndarray:
    """The sums a reader sees, one equation per row: each band's total (shown as the
    denominator) and, for each group, the bands adding up to the overall workforce (and,
    for cluster rows, each cluster's bands adding up to it)."""
    rows, cols = shape
    equations = []
    for r in range(rows):
        eq = np.zeros(shape)
        eq[r, :] = 1
        equations.append(eq.ravel())
    for total, parts in relations(shape, overall_row, sums):
        for c in range(cols):
            eq = np.zeros(shape)
            eq[list(parts), c] = 1
            eq[total, c] = -1
            equations.append(eq.ravel())
    system = np.array(equations)
    system.flags.writeable = False  # shared by every caller through the cache
    return system


def determined(
    hidden: np.ndarray, overall_row: int, counts: np.ndarray, sums: Sums = ()
) -> np.ndarray:
    """Which hidden cells a reader could work out from the sums and the cells shown.

    First, counts cannot be negative: hidden cells in a sum that leaves them nothing are all
    0. Then linear algebra: a hidden cell is pinned down exactly when no solution of the
    homogeneous system on the remaining hidden cells moves it. (A 0 found is as good as
    shown, and may leave another sum with nothing: a cluster shown as 0 makes each of its
    bands' counts 0, and each band's other counts its total less the rest.) A cell pinned
    down is as good as shown too (a hidden cluster worked out as 0 makes its bands 0), so
    both steps run again on what is still unknown until they find nothing more."""
    pinned = _pinned(hidden, overall_row, counts, sums)
    # Linear algebra run again on what it left unknown finds nothing more (a cell no solution
    # moves is pinned already): only a new zero can pin more, so look for one before another pass.
    while (zeros := _zeros(hidden & ~pinned, overall_row, counts, sums)).any():
        pinned |= _pinned(hidden & ~pinned, overall_row, counts, sums, zeros)
    return pinned


def _pinned(
    hidden: np.ndarray,
    overall_row: int,
    counts: np.ndarray,
    sums: Sums = (),
    known: np.ndarray | None = None,
) -> np.ndarray:
    """One pass of `determined`: the zeros the sums leave (`known`, when found already),
    then linear algebra."""
    known = _zeros(hidden, overall_row, counts, sums) if known is None else known
    unknown = hidden & ~known
    if (graph := _graph(tuple(hidden.shape), overall_row, sums)) is not None:
        return known | _on_no_cycle(unknown, graph)  # exactly what the SVD finds, sooner
    system = constraints(tuple(hidden.shape), overall_row, sums)[:, unknown.ravel()]
    pinned = known.ravel().copy()
    system = system[system.any(axis=1)]  # the sums of shown cells alone say nothing here
    if system.shape[1]:
        _, singular, vt = np.linalg.svd(system)
        null = vt[int((singular > 1e-9).sum()) :]
        moves = np.any(np.abs(null) >= 1e-9, axis=0) if len(null) else np.zeros(len(vt), bool)
        pinned[np.flatnonzero(unknown.ravel())] = ~moves
    return pinned.reshape(hidden.shape)


@functools.cache
def _graph(shape: tuple[int, int], overall_row: int, sums: Sums = ()) -> tuple | None:
    """The table's sums as a graph, when they are one: for each cell (in `ravel` order) the
    two vertices it joins; None when they are not (clusters that overlap, or add up a row
    twice), where an SVD settles the cells instead.

    The same equations, rearranged (which changes no solution): each band's row total; and
    in each group's column, each sum (the overall one, each cluster's) less the sums inside
    it, so that it reads: the bands directly in it and the sums directly in it add up to it.
    A cluster's row total, and the overall one, follow from these and go. Each cell is then
    in two equations with opposite signs (a band's cell in its row's and its innermost sum's,
    a sum's cell in its own and the next one out's; the overall figure in its own alone, a
    vertex without an equation its other end): the incidence matrix of a graph, whose
    vertices are the equations."""
    rows, cols = shape
    parts = dict(relations(shape, overall_row, sums))
    if len(parts) != len(sums) + 1:
        return None  # a row given as the total of two sums

    def bands(row: int, inside: frozenset) -> list[int]:
        if row in inside:
            raise ValueError(row)  # a sum within itself: no order to nest them in
        if row not in parts:
            return [row]
        return [b for p in parts[row] for b in bands(p, inside | {row})]

    try:
        within = {t: bands(t, frozenset()) for t in parts}
    except ValueError:
        return None
    sets = {t: frozenset(b) for t, b in within.items()}
    if any(len(b) != len(set(b)) or not b for b in within.values()):
        return None  # a band counted twice in a sum, or a sum of nothing
    for t, u in itertools.combinations(sets, 2):
        if sets[t] & sets[u] and not (sets[t] < sets[u] or sets[u] < sets[t]):
            return None  # overlapping (or equal) sums: no nesting

    def innermost(holding: list[int]) -> int:  # of nested sums, the one of fewest bands
        return min(holding, key=lambda u: len(sets[u]))

    ground = rows + rows * cols  # the overall figure's other end
    ends = []
    for r in range(rows):
        if r in parts:  # a sum's cell: its own vertex and the next sum out's
            out = [u for u in sets if sets[r] < sets[u]]
            ends += [(rows + r * cols + c, rows + innermost(out) * cols + c if out else ground)
                     for c in range(cols)]  # fmt: skip
        else:  # a band's cell: its row's vertex and its innermost sum's
            inner = innermost([u for u in sets if r in sets[u]])
            ends += [(r, rows + inner * cols + c) for c in range(cols)]
    return tuple(ends)


def _on_no_cycle(unknown: np.ndarray, graph: tuple) -> np.ndarray:
    """The unknown cells that the sums pin down: those on no cycle of the `graph` (`_graph`)
    of the unknown cells.

    The equations on the unknown cells are the incidence matrix of that graph, whose
    solutions of 0 are its cycles (+1 and -1 alternately around one). A cell no cycle moves
    is pinned down, and a cell on a cycle moves with it: the cells an SVD finds, exactly."""
    cells = [graph[i] for i in np.flatnonzero(unknown)]
    vertices = unknown.size + unknown.shape[0] + 1  # `_graph`'s numbering: the ground last
    links: list[list[tuple[int, int]]] = [[] for _ in range(vertices)]  # (vertex, cell)
    for cell, (row, column) in enumerate(cells):
        links[row].append((column, cell))
        links[column].append((row, cell))
    parent: list[tuple[int, int]] = [(-1, -1)] * vertices  # (its parent, the cell joining them)
    depth = [-1] * vertices
    in_tree = [False] * len(cells)
    for root, _ in cells:  # a spanning tree of each connected part, breadth first (shallow)
        if depth[root] >= 0:
            continue
        depth[root], reached = 0, [root]
        for vertex in reached:  # (grows as it goes)
            for other, cell in links[vertex]:
                if depth[other] < 0:
                    depth[other], parent[other] = depth[vertex] + 1, (vertex, cell)
                    in_tree[cell] = True
                    reached.append(other)
    # Each cell off the tree closes a cycle with the tree's path between its ends; a cell is
    # on a cycle exactly when it is on one of those.
    on_cycle = [not t for t in in_tree]
    for cell, (a, b) in enumerate(cells):
        if in_tree[cell]:
            continue
        while a != b:
            if depth[a] < depth[b]:
                a, b = b, a
            a, step = parent[a]
            on_cycle[step] = True
    pinned = np.zeros_like(unknown)
    pinned[unknown] = ~np.array(on_cycle, dtype=bool)
    return pinned


def _zeros(hidden: np.ndarray, overall_row: int, counts: np.ndarray, sums: Sums = ()) -> np.ndarray:
    """The hidden cells known to be 0 from the sums: `_known_zeros`, and with clusters again on
    what is left, a 0 found being as good as shown."""
    known = _known_zeros(hidden, overall_row, counts, sums)
    while (
        sums and (more := _known_zeros(hidden & ~known, overall_row, counts, sums) & ~known).any()
    ):
        known |= more
    return known


def _known_zeros(
    hidden: np.ndarray, overall_row: int, counts: np.ndarray, sums: Sums = ()
) -> np.ndarray:
    """Hidden cells of a band total, the overall row, or a group's column (when its overall
    figure is shown) whose shown figures already use up the whole total; likewise for each
    cluster's bands when the cluster's figure is shown."""
    # One pass over the equations of `constraints` as three matrix products, not a Python
    # loop over the sums: this runs thousands of times a report.
    members, totals = _members_and_totals(tuple(hidden.shape), overall_row, sums)
    flat = hidden.ravel()
    cells = flat.astype(float)
    used = members @ np.where(flat, counts.ravel(), 0)  # the hidden parts' counts
    # An equation's hidden parts are all 0 when its total is shown and they add up to 0.
    full = (totals @ cells == 0) & (members @ cells > 0) & (used == 0)
    return hidden & (members.T @ full > 0).reshape(hidden.shape)


@functools.cache
def _members_and_totals(
    shape: tuple[int, int], overall_row: int, sums: Sums = ()
) -> tuple[np.ndarray, np.ndarray]:
    """`constraints` split: each equation's parts (its +1 cells) and its total cell (its -1
    cell; none for a band's row, whose total is the denominator, always shown), as 0/1."""
    system = constraints(shape, overall_row, sums)
    members, totals = (system > 0).astype(float), (system < 0).astype(float)
    members.flags.writeable = totals.flags.writeable = False  # shared through the cache
    return members, totals


# The order cluster cells are offered for showing (the WRES's indicator 1): each step a
# unit of cells shown together or not at all, the unit to try instead when it cannot be,
# and whether a band cell may be hidden to let each of its cells be shown.
Step = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], bool]


def hidden_cells(
    counts: np.ndarray,
    primary: np.ndarray,
    overall_row: int,
    start: np.ndarray | None = None,
    sums: Sums = (),
    steps: tuple[Step, ...] = (),
) -> np.ndarray:
    """The primary cells (and `start`'s) plus the fewest, smallest further cells that leave
    no primary cell (a count in the suppression range) recoverable. A further cell itself
    need not be protected: it is not small.

    With cluster rows (`sums`): the bands and the overall row are protected first, as a
    table without clusters is; then every cluster cell starts hidden, and each is shown in
    the order of `steps` when that leaves no primary cell recoverable, or when hiding one
    more band cell (the smallest that does) makes it so and the step allows that. The
    clusters are what a Board reads: a band cell goes before a cluster's share."""
    first = primary.copy() if start is None else primary | start
    # The same table is protected again and again (each year of an organisation under its
    # own rules; in a batch each organisation is a comparator of others): same cells, same
    # answer, so keep recent answers by content.
    key: tuple = (counts.shape, counts.astype(np.int64).tobytes(), primary.astype(bool).tobytes())
    key += (first.astype(bool).tobytes(), overall_row, sums, steps)
    if (known := _PROTECTED.pop(key, None)) is None:
        known = _protect(counts, primary, overall_row, first, sums, steps)
    _PROTECTED[key] = known  # the newest last; the oldest goes once there are too many
    if len(_PROTECTED) > 512:
        del _PROTECTED[next(iter(_PROTECTED))]
    return known.copy()


_PROTECTED: dict[tuple, np.ndarray] = {}


def _protect(counts, primary, overall_row, first, sums, steps) -> np.ndarray:
    if sums:
        return _with_clusters(counts, primary, overall_row, first, sums, steps)
    hidden = _lone_cells_paired(counts, first, overall_row)
    while (exposed := determined(hidden, overall_row, counts) & primary).any():
        hidden[_next_cell(counts, hidden, exposed, overall_row)] = True
    return hidden


def _with_clusters(counts, primary, overall_row, first, sums, steps) -> np.ndarray:
    totals = {t: parts for t, parts in sums}
    bands = [r for r in range(counts.shape[0]) if r not in totals]  # the overall row too
    hidden = np.ones_like(first)  # every cluster cell, until shown
    hidden[bands] = hidden_cells(
        counts[bands], primary[bands], bands.index(overall_row), first[bands]
    )

    # A hidden cluster may be pinned down by its bands alone (its hidden bands' counts
    # adding up to a known number): hide more of the bands until none is.
    while (exposed := determined(hidden, overall_row, counts, sums) & primary).any():
        hidden = _one_more_band_cell(counts, hidden, exposed, overall_row, sums, bands)

    def band_rows(row: int) -> list[int]:
        parts = totals.get(row, ())
        return [b for p in parts for b in (band_rows(p) if p in totals else [p])]

    def safe(trial: np.ndarray) -> bool:
        return not (determined(trial, overall_row, counts, sums) & primary).any()

    def show(trial: np.ndarray, cell: tuple[int, int], extra: bool) -> np.ndarray | None:
        if first[cell]:
            return None
        trial = trial.copy()
        trial[cell] = False
        if safe(trial):
            return trial
        if not extra:
            return None
        rows = band_rows(cell[0])
        open_cells = [(r, c) for r in rows for c in range(counts.shape[1])
                      if not trial[r, c] and counts[r, c] > 0]  # fmt: skip
        for band in sorted(open_cells, key=lambda b: (counts[b], b)):
            trial[band] = True
            if safe(trial):
                return trial
            trial[band] = False
        return None

    for unit, instead, extra in steps:
        for cells in (unit, instead):
            trial: np.ndarray | None = hidden
            for cell in cells:
                trial = show(trial, cell, extra) if trial is not None else None
            if cells and trial is not None:
                hidden = trial
                break
    # A cluster count the shown figures give anyway is shown: hiding it protects nothing.
    clusters = np.zeros_like(hidden)
    clusters[list(totals)] = True
    while (given := determined(hidden, overall_row, counts, sums) & clusters & ~first).any():
        hidden &= ~given
    return hidden


TRIALS = 6  # candidate cells tried at each step, smallest first


def _one_more_band_cell(counts, hidden, exposed, overall_row, sums, bands) -> np.ndarray:
    """`hidden` with one more cell of the bands or the overall row hidden: of the smallest
    (a band before the overall row), the one leaving fewest primary cells exposed."""
    candidates = [(r, c) for r in bands for c in range(counts.shape[1]) if not hidden[r, c]]
    candidates.sort(key=lambda cell: (cell[0] == overall_row, counts[cell], cell))
    best, fewest = None, None
    for cell in candidates[: 4 * TRIALS]:
        trial = hidden.copy()
        trial[cell] = True
        left = int((determined(trial, overall_row, counts, sums) & exposed).sum())
        if fewest is None or left < fewest:
            best, fewest = trial, left
        if left == 0:
            break
    if best is None:  # every band cell hidden already: the clusters' are too
        raise AssertionError("nothing left to hide")  # pragma: no cover
    return best


def _lone_cells_paired(counts: np.ndarray, hidden: np.ndarray, overall_row: int) -> np.ndarray:
    """The classic first pass, cheap and usually enough: while a row or column holds exactly
    one hidden cell, also hide its smallest other cell with a count above 0."""
    lines: list[tuple[int | slice, int | slice]] = [
        (r, slice(None)) for r in range(counts.shape[0])
    ]
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
