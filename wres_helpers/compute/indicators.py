"""The nine WRES indicators for every organisation-year in a Dataset, as one tidy table.

Everything is counted with group-bys over the stacked tables, so a national extract
costs a few vectorised passes, not a loop over organisations. Figures here are as
computed; `disclosure.publish` decides what may be shown.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from ..inputs.load import Dataset
from ..inputs.schema import (
    AFC_BANDS,
    ILL_HEALTH,
    MEDICAL_GRADES,
    ORGANISATION,
    PERFORMANCE,
    STAFF_GROUPS,
)
from ..inputs.settings import Settings
from ..kinds import RelativeLikelihood
from ..standards.registry import (
    ALL,
    BOARD,
    NO_INTERNATIONAL,
    OVERALL,
    ROLLING,
    SINGLE_YEAR,
    Indicator,
    Likelihood,
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


@dataclass(frozen=True)
class Comparison:
    """A relative-likelihood indicator of a standard, in the words a Board reads it in."""

    indicator: Indicator
    standard: Standard

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def top(self) -> str:  # the group over the line of the ratio
        return self.indicator.top

    @property
    def bottom(self) -> str:
        return self.standard.bottom(self.indicator)

    @property
    def words(self) -> Likelihood:
        words = self.indicator.likelihood
        assert words is not None, self.id  # the registry words every relative likelihood
        return words

    @property
    def people(self) -> str:
        return self.words.people

    @property
    def likely_to(self) -> str:
        return self.words.likely_to

    @property
    def did(self) -> str:
        return self.words.did

    @property
    def base(self) -> str:
        return self.words.base

    @property
    def groups(self) -> tuple[str, str]:
        """The compared pair, reference first."""
        reference, other = self.standard.compared
        return reference.name, other.name

    def favours(self) -> tuple[str, str]:
        """The group a ratio above 1 favours, then the one a ratio below 1 favours."""
        above = self.standard.favoured_above_one(self.indicator)
        return above, next(g for g in self.groups if g != above)

    def interpretation(self, value: float) -> str:
        shown = round(value, 2)
        if shown == 1:
            reference, focus = (g.text for g in self.standard.compared)
            return f"{reference} and {focus} {self.people} equally likely to {self.likely_to}"
        first, second = (self.top, self.bottom) if shown > 1 else (self.bottom, self.top)
        times = shown if shown > 1 else round(1 / value, 2)
        return (
            f"{first} {self.people} {times:.2f} times as likely to {self.likely_to} "
            f"as {self.standard.text_of(second)} {self.people}"
        )

    def range_interpretation(self, low: float, high: float) -> str:
        """A relative likelihood published as a range (it rests on a hidden count)."""
        return (
            f"{self.top} {self.people} between {low:.2f} and {high:.2f} times as likely to "
            f"{self.likely_to} as {self.standard.text_of(self.bottom)} {self.people}"
        )


def comparisons(standard: Standard) -> dict[str, Comparison]:
    """Each relative-likelihood indicator of a standard, by id."""
    return {i.id: Comparison(i, standard) for i in standard.of_kind(RelativeLikelihood)}


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


def _supplied(dataset: Dataset, *tables: str) -> pd.MultiIndex:
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


def _by_group(frame: pd.DataFrame, by: list[str], groups, index=None, where=None) -> pd.DataFrame:
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


def _rows(index: pd.Index, *blocks: dict, **columns) -> pd.DataFrame:
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


# --- relative likelihoods --------------------------------------------------------------------


def _comparison_rows(events, base, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    """Per-group percentages and the RL of one comparison; events/base indexed alike."""
    index = base.index
    # Plain arrays from here: arithmetic on indexed Series costs more than the sums.
    count = {g: events[g].to_numpy() for g in comparison.groups}
    total = {g: base[g].to_numpy() for g in comparison.groups}
    blocks = []
    for group in comparison.groups:
        low, high = stats.wilson(count[group], total[group], settings.confidence)
        blocks.append(
            dict(
                measure="percent",
                group=group,
                numerator=count[group],
                denominator=total[group],
                value=stats.percent(count[group], total[group]),
                ci_low=low,
                ci_high=high,
                note=np.where(
                    total[group] > 0, "", f"no {group} {comparison.people} {comparison.base}"
                ),
            )
        )
    top, bottom = comparison.top, comparison.bottom
    value, low, high = stats.relative_likelihood(
        count[top], total[top], count[bottom], total[bottom], settings.confidence
    )
    shown = np.round(value, 2)
    inside = (shown >= settings.non_adverse_low) & (shown <= settings.non_adverse_high)
    reference, focus = comparison.groups
    fewest = np.minimum(count[reference], count[focus])
    above, below = comparison.favours()
    blocks.append(
        dict(
            measure="relative_likelihood",
            group="",
            value=value,
            ci_low=low,
            ci_high=high,
            favours=np.select([shown > 1, shown < 1, shown == 1], [above, below, "neither"], ""),
            non_adverse=np.where(
                np.isnan(value)
                | (not comparison.indicator.gives_verdict(comparison.standard, settings)),
                "",
                np.where(inside, "inside", "outside"),
            ),
            small_numbers=fewest < settings.small_numbers,
            interpretation=["" if np.isnan(v) else comparison.interpretation(v) for v in value],
            note=_undefined_reasons(count, total, comparison),
        )
    )
    return _rows(index, *blocks).assign(indicator=comparison.id)


def _undefined_reasons(count: dict, total: dict, comparison: Comparison) -> list[str]:
    """Why each RL is undefined ('' where it is not): a group with no base, else none with
    an event. `count` and `total`: each group's arrays."""
    reasons = []
    for i in range(len(next(iter(total.values())))):
        missing = [
            f"no {g} {comparison.people} {comparison.base}"
            for g in comparison.groups
            if total[g][i] == 0
        ]
        missing = missing or [
            f"no {g} {comparison.people} {comparison.did}"
            for g in comparison.groups
            if count[g][i] == 0
        ]
        reasons.append("undefined: " + " and ".join(missing) if missing else "")
    return reasons


def _appointment(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    index = _supplied(dataset, "recruitment")
    if not len(index):
        return pd.DataFrame()
    rec = dataset.tables["recruitment"]
    parts = [_appointment_for(rec, index, ALL, comparison, settings)]
    if "international_recruit" in rec and NO_INTERNATIONAL in comparison.indicator.breakdowns:
        stated = rec.groupby(KEYS)["international_recruit"].apply(lambda s: s.notna().any())
        with_status = index[index.isin(stated[stated].index)]
        local = rec[rec["international_recruit"].ne(True)]
        if len(with_status):
            parts.append(
                _appointment_for(local, with_status, NO_INTERNATIONAL, comparison, settings)
            )
    return pd.concat(parts, ignore_index=True)


def _appointment_for(rec, index, breakdown, comparison, settings) -> pd.DataFrame:
    groups = comparison.standard.group_names
    base = _by_group(rec, KEYS, groups, index)
    events = _by_group(rec, KEYS, groups, index, where=rec["appointed"].astype(bool))
    return _comparison_rows(events, base, comparison, settings).assign(breakdown=breakdown)


def _disciplinary(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    return _cases(dataset, comparison, settings, dataset.tables.get("disciplinary"))


def _capability(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    """WDES metric 3: entries on the grounds of performance only; the ill-health entries are
    shown beside it as each group's percentage of staff, in no RL."""
    capability = dataset.tables.get("capability")
    if capability is None:
        return pd.DataFrame()
    performance = capability[capability["grounds"] == PERFORMANCE]
    rows = _cases(dataset, comparison, settings, performance)
    index = _supplied(dataset, "workforce", "capability")
    if not len(index):
        return rows
    groups = comparison.standard.group_names
    base = _by_group(dataset.tables["workforce"], KEYS, groups, index)
    ill = _by_group(capability, KEYS, groups, index, where=capability["grounds"] == ILL_HEALTH)
    beside = _comparison_rows(ill, base, comparison, settings)
    beside = beside[beside["measure"] == "percent"].assign(breakdown=comparison.indicator.beside)
    return pd.concat([rows, beside], ignore_index=True)


def _cases(dataset: Dataset, comparison: Comparison, settings: Settings, cases) -> pd.DataFrame:
    """An RL of entering a formal process (its `cases`, one row each) among staff in post:
    the reporting year, and the two years pooled where the year before is supplied."""
    index = _supplied(dataset, "workforce", comparison.indicator.source)
    if not len(index):
        return pd.DataFrame()
    groups = comparison.standard.group_names
    base = _by_group(dataset.tables["workforce"], KEYS, groups, index)
    events = _by_group(cases, KEYS, groups, index)
    single = _comparison_rows(events, base, comparison, settings)
    # Two-year rolling: the two years' counts pooled, where the year before is supplied.
    later = index.levels[1] + 1
    before = index.set_levels(later, level="year")  # type: ignore[call-overload]  # an Index is fine
    with_previous = index[index.isin(before)]
    previous = pd.MultiIndex.from_arrays(
        [with_previous.get_level_values(0), with_previous.get_level_values(1) - 1], names=KEYS
    )
    pooled_base = base.loc[with_previous].to_numpy() + base.loc[previous].to_numpy()
    pooled_events = events.loc[with_previous].to_numpy() + events.loc[previous].to_numpy()
    rolling = _comparison_rows(
        pd.DataFrame(pooled_events, index=with_previous, columns=list(groups)),
        pd.DataFrame(pooled_base, index=with_previous, columns=list(groups)),
        comparison,
        settings,
    )
    alone = index[~index.isin(before)]
    missing = _rows(
        alone,
        indicator=comparison.id,
        measure="relative_likelihood",
        group="",
        note=f"no two-year figure: the previous year's workforce or "
        f"{comparison.indicator.source} data was not supplied",
    )
    return pd.concat(
        [
            single.assign(breakdown=SINGLE_YEAR),
            rolling.assign(breakdown=ROLLING),
            missing.assign(breakdown=ROLLING),
        ],
        ignore_index=True,
    )


def _training(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    index = _supplied(dataset, "workforce", comparison.indicator.source)
    if not len(index):
        return pd.DataFrame()
    workforce = dataset.tables["workforce"]
    groups = comparison.standard.group_names
    base = _by_group(workforce, KEYS, groups, index)
    # True only: a year whose staff list has no training data holds NaN here (not counted)
    trained = workforce["non_mandatory_training"].eq(True)
    events = _by_group(workforce, KEYS, groups, index, where=trained)
    return _comparison_rows(events, base, comparison, settings).assign(breakdown=ALL)


# Each relative likelihood's counting, by the table its events come from.
_LIKELIHOODS = {
    "recruitment": _appointment,
    "disciplinary": _disciplinary,
    "capability": _capability,
    "training": _training,
}


def likelihood(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    """A relative likelihood's rows (`kinds.likelihood`), counted from its source table."""
    return _LIKELIHOODS[comparison.indicator.source](dataset, comparison, settings)


# --- pay bands --------------------------------------------------------------------------------

BAND_ORDER = {
    f"{group}: {band}": rank * 100 + i
    for rank, group in enumerate(STAFF_GROUPS)
    for i, band in enumerate(MEDICAL_GRADES if group == "Medical and dental" else AFC_BANDS)
}
BAND_ORDER |= {
    f"{group}: {label}": STAFF_GROUPS.index(group) * 100 + 50 + i
    for i, (group, label, _) in enumerate(CLUSTERS)
}
BAND_ORDER[OVERALL] = 10_000


def pay_bands(dataset: Dataset, ind: Indicator, groups) -> pd.DataFrame:
    index = _supplied(dataset, ind.source)
    if not len(index):
        return pd.DataFrame()
    workforce = dataset.tables[ind.source]
    if ind.clusters:  # each band read as its cluster's label
        cluster = {(g, b): label for g, label, bands in ind.clusters for b in bands}
        keys = zip(workforce["staff_group"], workforce["pay_band"], strict=True)
        workforce = workforce.assign(pay_band=[cluster.get(k, k[1]) for k in keys])
    bands = _by_group(workforce, [*KEYS, "staff_group", "pay_band"], groups)
    labels = (
        bands.index.get_level_values("staff_group")
        + ": "
        + bands.index.get_level_values("pay_band")
    )
    bands.index = pd.MultiIndex.from_arrays(
        [bands.index.get_level_values(0), bands.index.get_level_values(1), labels],
        names=[*KEYS, "breakdown"],
    )
    overall = _by_group(workforce, KEYS, groups, index)
    overall.index = pd.MultiIndex.from_arrays(
        [
            overall.index.get_level_values(0),
            overall.index.get_level_values(1),
            [OVERALL] * len(overall),
        ],
        names=[*KEYS, "breakdown"],
    )
    return _shares(pd.concat([bands, overall]), ind.id, groups)


def _shares(counts: pd.DataFrame, indicator: str, groups) -> pd.DataFrame:
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
    return _rows(counts.index, *blocks).assign(indicator=indicator)


# --- staff survey percentages ----------------------------------------------------------------


def _survey_rows(dataset: Dataset, source: str, ids: list[str]) -> pd.DataFrame:
    """The survey table's rows for these ids, its id column named `indicator` (the WDES
    file calls it `metric`)."""
    if not len(_supplied(dataset, source)):
        return pd.DataFrame()
    survey = dataset.tables[source].rename(columns={"metric": "indicator"})
    return survey[survey["indicator"].astype(str).isin(ids)]


def survey_percent(
    dataset: Dataset, settings: Settings, ids: list[str], source: str
) -> pd.DataFrame:
    survey = _survey_rows(dataset, source, ids)
    if not len(survey):
        return pd.DataFrame()
    low, high = stats.wilson(survey["positive"], survey["respondents"], settings.confidence)
    own = pd.DataFrame(
        {
            "org": survey["org"],
            "year": survey["year"],
            "indicator": survey["indicator"].astype(str),
            "measure": "percent",
            "breakdown": ALL,
            "group": survey["group"].astype(str),
            "numerator": survey["positive"],
            "denominator": survey["respondents"],
            "value": stats.percent(survey["positive"], survey["respondents"]),
            "ci_low": low,
            "ci_high": high,
            "note": np.where(survey["respondents"] > 0, "", "no respondents"),
        }
    )
    if "benchmark" not in survey:
        return own
    # The benchmark group's average, as the survey's benchmark report gives it: not a count
    # of this organisation's staff, so never computed or suppressed here.
    given = survey[survey["benchmark"].notna()]
    benchmark = pd.DataFrame(
        {
            "org": given["org"],
            "year": given["year"],
            "indicator": given["indicator"].astype(str),
            "measure": "benchmark_percent",
            "breakdown": BENCHMARK,
            "group": given["group"].astype(str),
            "value": given["benchmark"].astype(float),
            "note": "the staff survey benchmark group's average, from the survey file",
        }
    )
    return pd.concat([own, benchmark], ignore_index=True)


def survey_questions(dataset: Dataset, org: str, year: int, standard: Standard) -> dict[str, str]:
    """The survey's own question number for each indicator, where the file gives one."""
    sources = {i.source for i in standard.indicators if i.kind.survey}
    found: dict[str, str] = {}
    for source in sorted(sources & set(dataset.tables)):
        survey = dataset.tables[source].rename(columns={"metric": "indicator"})
        if "question" not in survey:
            continue
        rows = survey[(survey["org"] == org) & (survey["year"] == year) & survey["question"].ne("")]
        found |= {str(i): q for i, q in zip(rows["indicator"], rows["question"], strict=True)}
    return found


def survey_mean(dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings):
    """A mean score per group (and for the whole organisation), and the focus group's score
    minus the reference group's, in points: a mean is compared in points, never as a %."""
    survey = _survey_rows(dataset, ind.source, [ind.id])
    if not len(survey):
        return pd.DataFrame()
    scores = pd.DataFrame(
        {
            "org": survey["org"],
            "year": survey["year"],
            "indicator": ind.id,
            "measure": "mean_score",
            "breakdown": ALL,
            "group": survey["group"].astype(str),
            "denominator": survey["respondents"],
            "value": survey["mean_score"].astype(float),
            "note": np.where(survey["respondents"] > 0, "", "no respondents"),
        }
    )
    by_group = scores.pivot_table(
        index=KEYS, columns="group", values="value", aggfunc="first", observed=True
    )
    reference, focus = (g.name for g in standard.compared)
    by_group = by_group.reindex(columns=[reference, focus])
    difference = _rows(
        by_group.index,
        indicator=ind.id,
        measure="difference_points",
        breakdown=ALL,
        group=focus,
        value=(by_group[focus] - by_group[reference]).to_numpy(),
        note=np.where(
            by_group.isna().any(axis=1).to_numpy(),
            f"no difference: a score for {reference} or {focus} staff was not supplied",
            "",
        ),
    )
    return pd.concat([scores, difference], ignore_index=True)


def yes_no(dataset: Dataset, ind: Indicator) -> pd.DataFrame:
    """The organisation's yes/no answer (1 or 0); its narrative is quoted by the report."""
    if not len(_supplied(dataset, ind.source)):
        return pd.DataFrame()
    answers = dataset.tables[ind.source]
    return pd.DataFrame(
        {
            "org": answers["org"],
            "year": answers["year"],
            "indicator": ind.id,
            "measure": "yes_no",
            "breakdown": ALL,
            "group": "",  # the organisation's own answer, of no group
            "value": answers["facilitated"].astype(float),
            "interpretation": np.where(answers["facilitated"].astype(bool), "yes", "no"),
        }
    )


def narrative_text(dataset: Dataset, ind: Indicator, org: str, year: int) -> str:
    """The organisation's own words for a narrative indicator, as supplied ('' if none)."""
    answers = dataset.tables.get(ind.source)
    if answers is None:
        return ""
    rows = answers[(answers["org"] == org) & (answers["year"] == year)]
    return str(rows["narrative"].iloc[0]) if len(rows) else ""


# --- the Board --------------------------------------------------------------------------------


def board(dataset: Dataset, ind: Indicator, groups) -> pd.DataFrame:
    index = _supplied(dataset, ind.source)
    if not len(index):
        return pd.DataFrame()
    board = dataset.tables[ind.source]
    executive = board["executive"].astype(bool).to_numpy()
    flags = {
        "member": np.ones(len(board), dtype=bool),
        "voting": board["voting"].astype(bool).to_numpy(),
        "executive": executive,
        "non_executive": ~executive,
    }
    counts = pd.concat(
        {
            label: _by_group(board, KEYS, groups, index, where=flags[flag])
            for label, flag in BOARD.items()
        },
        names=["breakdown"],
    ).reorder_levels([*KEYS, "breakdown"])
    shares = _shares(counts, ind.id, groups)
    empty = shares["measure"].eq("percent") & shares["denominator"].eq(0)
    shares.loc[empty, "note"] = "no Board members in this category"

    workforce_index = _supplied(dataset, "workforce")
    workforce = _by_group(dataset.tables["workforce"], KEYS, groups, workforce_index)
    workforce_share = workforce.div(workforce.sum(axis=1), axis=0) * 100
    board_share = shares[shares["measure"] == "percent"].set_index([*KEYS, "group"])
    lookup = cast(pd.Series, workforce_share.stack()).rename("workforce")  # one column level
    lookup.index.names = [*KEYS, "group"]
    joined = board_share.join(lookup, how="left")
    difference = joined.reset_index()[[*KEYS, "breakdown", "group"]].assign(
        indicator=ind.id,
        measure="difference_pp",
        value=(joined["value"] - joined["workforce"]).to_numpy(),
        note=np.where(
            joined["workforce"].isna().to_numpy(),
            "workforce data not supplied",
            np.where(joined["value"].isna().to_numpy(), "no Board members in this category", ""),
        ),
    )
    return pd.concat([shares, difference], ignore_index=True)


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


__all__ = ["compute", "comparisons", "for_org_year", "COLUMNS", "OVERALL", "ALL", "ROLLING"]
