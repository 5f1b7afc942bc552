"""A standard's indicators for every organisation-year in a Dataset, as one tidy table.

Each indicator's figures are its kind's (`Kind.compute`, in kinds/); this module holds what
the kinds count with (`supplied`, `count_by_group`, `table_rows`, `group_shares`,
`survey_rows`), and puts their rows in one table in report order. Everything
is counted with group-bys over the stacked tables, so a national extract
costs a few vectorised passes, not a loop over organisations. Figures here are as
computed; `disclosure.publish` decides what may be shown.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from ..inputs.load import Dataset
from ..inputs.schema import (
    AFC_BANDS,
    MEDICAL_GRADES,
    ORGANISATION,
    STAFF_GROUPS,
)
from ..inputs.settings import Settings
from ..standards.clusters import beside_bands
from ..standards.registry import (
    ALL,
    BOARD,
    NO_INTERNATIONAL,
    OVERALL,
    ROLLING,
    SINGLE_YEAR,
    Indicator,
    Standard,
)
from ..standards.wdes import CLUSTERS
from ..standards.wdes import ILL_HEALTH as ILL_HEALTH_BREAKDOWN
from . import stats

KEYS = ["org", "year"]
COLUMNS = [
    "indicator",
    "measure",
    "breakdown",
    "group",
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "suppression",
    "org",
    "year",
    "favours",
    "non_adverse",
    "small_numbers",
    "interpretation",
    "note",
    "range_low",  # a relative likelihood resting on a hidden count: the range it lies in
    "range_high",
]
MEASURES = (
    "headcount",
    "percent",
    "relative_likelihood",
    "difference_pp",
    "mean_score",
    "difference_points",
    "yes_no",
    "benchmark_percent",  # the staff survey benchmark group's average, from the survey file
)
BENCHMARK = "Benchmark group average"  # the breakdown of a benchmark row


def compute(
    dataset: Dataset, settings: Settings | None = None, *, standard: Standard
) -> pd.DataFrame:
    """Every indicator figure for every organisation-year supplied, unsuppressed."""
    settings = settings or Settings()
    parts = []
    parts = [ind.kind.compute(dataset, ind, standard, settings) for ind in standard.indicators]
    parts = [p for p in parts if len(p)]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    return _tidy(frame, standard)


def for_org_year(frame: pd.DataFrame, org: str, year: int) -> pd.DataFrame:
    rows = frame[(frame["org"] == org) & (frame["year"] == year)]
    return rows.reset_index(drop=True)


# --- counting ---------------------------------------------------------------------------


def supplied(dataset: Dataset, *tables: str) -> pd.MultiIndex:
    pairs = [p for p in dataset.org_years() if all(dataset.has(*p, t) for t in tables)]
    return _index(pairs, KEYS)


def _index(keys: list[tuple], names: list[str]) -> pd.MultiIndex:
    """A MultiIndex of these keys, in their order, built from its levels: pandas' own
    constructors factorize every level again, which costs more than a report's counting."""
    columns = list(zip(*keys, strict=True)) if keys else [() for _ in names]
    levels = [sorted(set(column)) for column in columns]
    codes = []
    for level, column in zip(levels, columns, strict=True):
        position = {value: i for i, value in enumerate(level)}
        codes.append([position[value] for value in column])
    return pd.MultiIndex(levels=levels, codes=codes, names=names, verify_integrity=False)


def count_by_group(
    frame: pd.DataFrame, by: list[str], groups, index=None, where=None
) -> pd.DataFrame:
    """Rows counted per key and group: one column per group of the standard, zeros filled in.
    The keys are those of rows with a group (or `index`, if given), in sorted order.
    `where`: a flag per row, to count only the rows it marks (no filtered copy of the frame).

    Counted with numpy, not groupby: a report counts a dozen small tables, where pandas'
    own overhead is most of the cost."""
    groups = list(groups)
    with_group = frame["group"].notna().to_numpy()
    if where is not None:
        with_group = with_group & np.asarray(where, dtype=bool)
    group = _group_codes(frame["group"], groups)[with_group]  # -1: not one of `groups`
    codes, levels = [], []
    for column in by:
        code, level = pd.factorize(frame[column].to_numpy()[with_group], sort=True)
        codes.append(code)
        levels.append(level)
    shape = [len(level) for level in levels]
    key = np.ravel_multi_index(codes, shape) if with_group.any() else np.zeros(0, np.int64)
    present, position = np.unique(key, return_inverse=True)
    counted = group >= 0
    cells = np.bincount(
        position[counted] * len(groups) + group[counted], minlength=len(present) * len(groups)
    ).reshape(len(present), len(groups))
    keys = np.unravel_index(present, shape) if len(present) else [present] * len(by)
    if index is None:
        found = pd.MultiIndex(
            levels=levels,  # type: ignore[arg-type]  # numpy arrays; the stubs want lists
            codes=list(keys),  # type: ignore[arg-type]  # numpy arrays; the stubs want lists
            names=by,
            verify_integrity=False,
        )
        return pd.DataFrame(cells.astype("int64"), index=found, columns=groups)
    # Onto the keys asked for: those not counted get zeros, those not asked for are dropped.
    row_of = {key: i for i, key in enumerate(index)}
    counts = np.zeros((len(index), len(groups)), dtype="int64")
    values = zip(*(level[at] for level, at in zip(levels, keys, strict=True)), strict=True)
    for cell, label in zip(cells, values, strict=True):
        if label in row_of:
            counts[row_of[label]] = cell
    return pd.DataFrame(counts, index=index, columns=groups)


def _group_codes(column: pd.Series, groups: list[str]) -> np.ndarray:
    """Each row's position in `groups`, -1 if none."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Categorical(column, categories=groups).codes.astype(np.int64)
    at = [groups.index(c) if c in groups else -1 for c in column.cat.categories]
    return np.array([*at, -1], dtype=np.int64)[column.cat.codes.to_numpy()]  # -1 -> the last


def table_rows(index: pd.Index, *blocks: dict, **columns) -> pd.DataFrame:
    """Output rows: for each block of columns in turn (or the one given by keyword), one row
    per index entry; keys come from the index, scalars broadcast, and a column a block
    lacks is empty there. One frame built at once: pandas' cost is per frame and column."""
    blocks = blocks or (columns,)
    n = len(index)
    at = np.tile(np.arange(n), len(blocks))
    rows: dict[Hashable, pd.Index | np.ndarray] = {
        name: index.get_level_values(i)[at] for i, name in enumerate(index.names)
    }
    for name in dict.fromkeys(name for block in blocks for name in block):
        parts = [np.broadcast_to(block.get(name, np.nan), n) for block in blocks]
        if not all(name in block for block in blocks) and not all(
            p.dtype.kind in "iuf" for p in parts
        ):
            parts = [p.astype(object) for p in parts]  # text or flags beside empty cells
        rows[name] = np.concatenate(parts) if parts else np.empty(0)
    return pd.DataFrame(rows, copy=False)


# --- pay bands: their order, and each group's share of a row of counts ---------------------

BAND_ORDER = {
    f"{group}: {band}": rank * 100 + i
    for rank, group in enumerate(STAFF_GROUPS)
    for i, band in enumerate(MEDICAL_GRADES if group == "Medical and dental" else AFC_BANDS)
}
BAND_ORDER |= {
    f"{group}: {label}": STAFF_GROUPS.index(group) * 100 + 50 + i
    for i, (group, label, _) in enumerate(CLUSTERS)
}
# The WRES's combined clusters (clinical and non-clinical together), after the doctors'.
BAND_ORDER |= {
    c.breakdown: len(STAFF_GROUPS) * 100 + 50 + i
    for i, c in enumerate(c for c in beside_bands() if c.combined)
}
BAND_ORDER[OVERALL] = 10_000


def group_shares(counts: pd.DataFrame, indicator: str, groups) -> pd.DataFrame:
    """Headcount and percentage-of-total rows for each group in each row of counts."""
    total = counts.sum(axis=1).to_numpy()
    blocks = []
    for group in groups:
        count = counts[group].to_numpy()
        blocks.append(dict(measure="headcount", group=group, value=count))
        blocks.append(
            dict(
                measure="percent",
                group=group,
                numerator=count,
                denominator=total,
                value=stats.percent(count, total),
            )
        )
    return table_rows(counts.index, *blocks).assign(indicator=indicator)


# --- staff survey files ----------------------------------------------------------------------


def survey_rows(dataset: Dataset, source: str, ids: list[str]) -> pd.DataFrame:
    """The survey table's rows for these ids, its id column named `indicator` (the WDES
    file calls it `metric`)."""
    if not len(supplied(dataset, source)):
        return pd.DataFrame()
    survey = dataset.tables[source].rename(columns={"metric": "indicator"})
    return survey[survey["indicator"].astype(str).isin(ids)]


def survey_questions(dataset: Dataset, org: str, year: int, standard: Standard) -> dict[str, str]:
    """The survey's own question number for each indicator, where the file gives one."""
    sources = {i.source for i in standard.from_survey}
    found: dict[str, str] = {}
    for source in sorted(sources & set(dataset.tables)):
        survey = dataset.tables[source].rename(columns={"metric": "indicator"})
        if "question" not in survey:
            continue
        rows = survey[(survey["org"] == org) & (survey["year"] == year) & survey["question"].ne("")]
        found |= {str(i): q for i, q in zip(rows["indicator"], rows["question"], strict=True)}
    return found


def narrative_text(dataset: Dataset, ind: Indicator, org: str, year: int) -> str:
    """The organisation's own words for a narrative indicator, as supplied ('' if none)."""
    answers = dataset.tables.get(ind.source)
    if answers is None:
        return ""
    rows = answers[(answers["org"] == org) & (answers["year"] == year)]
    return str(rows["narrative"].iloc[0]) if len(rows) else ""


# --- the table ---------------------------------------------------------------------------


def _tidy(frame: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    frame = frame.reindex(columns=COLUMNS)
    for column in ("group", "suppression", "favours", "non_adverse", "interpretation", "note"):
        frame[column] = frame[column].astype(object).fillna("").astype(str)
    for column in ("numerator", "denominator"):
        frame[column] = pd.array(frame[column].to_numpy(), dtype="Int64")
    for column in ("value", "range_low", "range_high"):
        frame[column] = frame[column].astype(float)
    frame["small_numbers"] = frame["small_numbers"].astype("boolean")
    frame["year"] = frame["year"].astype(int)
    frame["indicator"] = frame["indicator"].astype(str)
    groups = {name: i for i, name in enumerate(standard.group_names)}
    groups |= {ORGANISATION: len(groups), "": 99}
    order = {
        # each distinct label ranked once, not once a row
        "indicator": lambda s: s.map({i: standard.order(i) for i in s.unique()}),
        "breakdown": lambda s: s.map({b: _breakdown_rank(b) for b in s.unique()}),
        "measure": lambda s: s.map({m: i for i, m in enumerate(MEASURES)}),
        "group": lambda s: s.map(groups),
    }
    keys = ["org", "year", "indicator", "breakdown", "measure", "group"]

    def rank(column: pd.Series) -> pd.Series:
        ranked = order.get(str(column.name))
        return column if ranked is None else ranked(column)

    frame = frame.sort_values(keys, key=rank, kind="stable")
    return frame.reset_index(drop=True)


_OTHER_BREAKDOWNS = [ALL, NO_INTERNATIONAL, SINGLE_YEAR, ROLLING, ILL_HEALTH_BREAKDOWN, *BOARD]


def _breakdown_rank(label: str) -> int:
    if label in BAND_ORDER:
        return BAND_ORDER[label]
    return _OTHER_BREAKDOWNS.index(label) if label in _OTHER_BREAKDOWNS else 99_999


__all__ = ["compute", "for_org_year", "COLUMNS", "OVERALL", "ALL", "ROLLING"]
