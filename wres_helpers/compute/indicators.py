"""The nine WRES indicators for every organisation-year in a Dataset, as one tidy table.

Everything is counted with group-bys over the stacked tables, so a national extract
costs a few vectorised passes, not a loop over organisations. Figures here are as
computed; `disclosure.publish` decides what may be shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.load import Dataset
from ..inputs.schema import AFC_BANDS, MEDICAL_GRADES, STAFF_GROUPS, SURVEY_INDICATORS
from ..inputs.settings import Settings
from ..standards.ethnicity import BME, GROUPS, UNKNOWN, WHITE
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
MEASURES = ("headcount", "percent", "relative_likelihood", "difference_pp")
OVERALL = "Overall workforce"
ALL = "All"
NO_INTERNATIONAL = "Excluding international recruits"
SINGLE_YEAR, ROLLING = "Reporting year", "Two-year rolling"
BOARD = {
    "Board (voting)": "voting",
    "Board (executive)": "executive",
    "Board (non-executive)": "non_executive",
    "Board (all)": "member",
}

TITLES = {
    1: "Workforce by pay band",
    2: "Appointment from shortlisting",
    3: "Entry into the formal disciplinary process",
    4: "Non-mandatory training and CPD",
    5: "Harassment, bullying or abuse from patients, relatives or the public",
    6: "Harassment, bullying or abuse from staff",
    7: "Belief in equal opportunities for career progression or promotion",
    8: "Discrimination at work from a manager, team leader or colleague",
    9: "Board membership compared with the workforce",
}


@dataclass(frozen=True)
class Comparison:
    """A relative-likelihood indicator, in the words a Board reads it in."""

    indicator: int
    top: str  # the group over the line of the ratio
    bottom: str
    people: str
    likely_to: str
    did: str
    base: str

    def interpretation(self, value: float) -> str:
        shown = round(value, 2)
        if shown == 1:
            return f"White and BME {self.people} equally likely to {self.likely_to}"
        first, second = (self.top, self.bottom) if shown > 1 else (self.bottom, self.top)
        times = shown if shown > 1 else round(1 / value, 2)
        return (
            f"{first} {self.people} {times:.2f} times as likely to {self.likely_to} "
            f"as {second} {self.people}"
        )

    def range_interpretation(self, low: float, high: float) -> str:
        """A relative likelihood published as a range (it rests on a hidden count)."""
        return (
            f"{self.top} {self.people} between {low:.2f} and {high:.2f} times as likely to "
            f"{self.likely_to} as {self.bottom} {self.people}"
        )


COMPARISONS = {
    2: Comparison(
        2,
        WHITE,
        BME,
        "applicants",
        "be appointed from shortlisting",
        "were appointed",
        "were shortlisted",
    ),
    3: Comparison(
        3,
        BME,
        WHITE,
        "staff",
        "enter the formal disciplinary process",
        "entered the formal disciplinary process",
        "were in post",
    ),
    4: Comparison(
        4,
        WHITE,
        BME,
        "staff",
        "access non-mandatory training or CPD",
        "accessed non-mandatory training or CPD",
        "were in post",
    ),
}


def compute(dataset: Dataset, settings: Settings | None = None) -> pd.DataFrame:
    """Every indicator figure for every organisation-year supplied, unsuppressed."""
    settings = settings or Settings()
    parts = [
        _pay_bands(dataset),
        _appointment(dataset, settings),
        _disciplinary(dataset, settings),
        _training(dataset, settings),
        _survey(dataset, settings),
        _board(dataset),
    ]
    parts = [p for p in parts if len(p)]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    return _tidy(frame)


def for_org_year(frame: pd.DataFrame, org: str, year: int) -> pd.DataFrame:
    rows = frame[(frame["org"] == org) & (frame["year"] == year)]
    return rows.reset_index(drop=True)


# --- counting ---------------------------------------------------------------------------


def _supplied(dataset: Dataset, *tables: str) -> pd.MultiIndex:
    pairs = [p for p in dataset.org_years() if all(dataset.has(*p, t) for t in tables)]
    return pd.MultiIndex.from_tuples(pairs, names=KEYS)


def _by_group(frame: pd.DataFrame, by: list[str], index=None) -> pd.DataFrame:
    """Rows counted per key and group: one column per WRES group, zeros filled in."""
    counts = frame.groupby([*by, "group"], observed=True).size().unstack("group", fill_value=0)
    counts = counts.reindex(columns=list(GROUPS), fill_value=0)
    if index is not None:
        counts = counts.reindex(index, fill_value=0)
    counts.columns = list(GROUPS)
    return counts.astype("int64")


def _rows(index: pd.Index, **columns) -> pd.DataFrame:
    """Output rows, one per index entry; keys come from the index, scalars broadcast."""
    rows = index.to_frame(index=False)
    for name, values in columns.items():
        rows[name] = np.asarray(values) if not np.isscalar(values) else values
    return rows


# --- relative likelihood indicators (2, 3, 4) ---------------------------------------------


def _comparison_rows(events, base, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    """Per-group percentages and the RL for indicators 2-4; events/base indexed alike."""
    index = base.index
    parts = []
    for group in (WHITE, BME):
        low, high = stats.wilson(events[group], base[group], settings.confidence)
        parts.append(
            _rows(
                index,
                measure="percent",
                group=group,
                numerator=events[group].to_numpy(),
                denominator=base[group].to_numpy(),
                value=stats.percent(events[group], base[group]),
                ci_low=low,
                ci_high=high,
                note=np.where(
                    base[group] > 0, "", f"no {group} {comparison.people} {comparison.base}"
                ),
            )
        )
    top, bottom = comparison.top, comparison.bottom
    value, low, high = stats.relative_likelihood(
        events[top], base[top], events[bottom], base[bottom], settings.confidence
    )
    shown = np.round(value, 2)
    inside = (shown >= settings.non_adverse_low) & (shown <= settings.non_adverse_high)
    fewest = np.minimum(events[WHITE], events[BME]).to_numpy()
    parts.append(
        _rows(
            index,
            measure="relative_likelihood",
            group="",
            value=value,
            ci_low=low,
            ci_high=high,
            favours=np.select([shown > 1, shown < 1, shown == 1], [WHITE, BME, "neither"], ""),
            non_adverse=np.where(np.isnan(value), "", np.where(inside, "inside", "outside")),
            small_numbers=fewest < settings.small_numbers,
            interpretation=["" if np.isnan(v) else comparison.interpretation(v) for v in value],
            note=_undefined_reasons(events, base, comparison),
        )
    )
    return pd.concat(parts, ignore_index=True).assign(indicator=comparison.indicator)


def _undefined_reasons(events, base, comparison: Comparison) -> list[str]:
    reasons = []
    for i in range(len(base)):
        missing = [
            f"no {g} {comparison.people} {comparison.base}"
            for g in (WHITE, BME)
            if base[g].iat[i] == 0
        ]
        missing = missing or [
            f"no {g} {comparison.people} {comparison.did}"
            for g in (WHITE, BME)
            if events[g].iat[i] == 0
        ]
        reasons.append("undefined: " + " and ".join(missing) if missing else "")
    return reasons


def _appointment(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    index = _supplied(dataset, "recruitment")
    if not len(index):
        return pd.DataFrame()
    rec = dataset.tables["recruitment"]
    parts = [_appointment_for(rec, index, ALL, settings)]
    if "international_recruit" in rec:
        stated = rec.groupby(KEYS)["international_recruit"].apply(lambda s: s.notna().any())
        with_status = index[index.isin(stated[stated].index)]
        local = rec[rec["international_recruit"].ne(True)]
        if len(with_status):
            parts.append(_appointment_for(local, with_status, NO_INTERNATIONAL, settings))
    return pd.concat(parts, ignore_index=True)


def _appointment_for(rec, index, breakdown, settings) -> pd.DataFrame:
    base = _by_group(rec, KEYS, index)
    events = _by_group(rec[rec["appointed"].astype(bool)], KEYS, index)
    return _comparison_rows(events, base, COMPARISONS[2], settings).assign(breakdown=breakdown)


def _disciplinary(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    index = _supplied(dataset, "workforce", "disciplinary")
    if not len(index):
        return pd.DataFrame()
    base = _by_group(dataset.tables["workforce"], KEYS, index)
    events = _by_group(dataset.tables["disciplinary"], KEYS, index)
    single = _comparison_rows(events, base, COMPARISONS[3], settings)
    # Two-year rolling: the two years' counts pooled, where the year before is supplied.
    before = index.set_levels(index.levels[1] + 1, level="year")
    with_previous = index[index.isin(before)]
    previous = pd.MultiIndex.from_arrays(
        [with_previous.get_level_values(0), with_previous.get_level_values(1) - 1], names=KEYS
    )
    pooled_base = base.loc[with_previous].to_numpy() + base.loc[previous].to_numpy()
    pooled_events = events.loc[with_previous].to_numpy() + events.loc[previous].to_numpy()
    rolling = _comparison_rows(
        pd.DataFrame(pooled_events, index=with_previous, columns=list(GROUPS)),
        pd.DataFrame(pooled_base, index=with_previous, columns=list(GROUPS)),
        COMPARISONS[3],
        settings,
    )
    alone = index[~index.isin(before)]
    missing = _rows(
        alone,
        indicator=3,
        measure="relative_likelihood",
        group="",
        note="no two-year figure: the previous year's workforce or disciplinary data "
        "was not supplied",
    )
    return pd.concat(
        [
            single.assign(breakdown=SINGLE_YEAR),
            rolling.assign(breakdown=ROLLING),
            missing.assign(breakdown=ROLLING),
        ],
        ignore_index=True,
    )


def _training(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    index = _supplied(dataset, "workforce")
    if not len(index):
        return pd.DataFrame()
    workforce = dataset.tables["workforce"]
    base = _by_group(workforce, KEYS, index)
    events = _by_group(workforce[workforce["non_mandatory_training"].astype(bool)], KEYS, index)
    return _comparison_rows(events, base, COMPARISONS[4], settings).assign(breakdown=ALL)


# --- indicator 1: pay bands ---------------------------------------------------------------

BAND_ORDER = {
    f"{group}: {band}": rank * 100 + i
    for rank, group in enumerate(STAFF_GROUPS)
    for i, band in enumerate(MEDICAL_GRADES if group == "Medical and dental" else AFC_BANDS)
}
BAND_ORDER[OVERALL] = 10_000


def _pay_bands(dataset: Dataset) -> pd.DataFrame:
    index = _supplied(dataset, "workforce")
    if not len(index):
        return pd.DataFrame()
    workforce = dataset.tables["workforce"]
    bands = _by_group(workforce, [*KEYS, "staff_group", "pay_band"])
    labels = (
        bands.index.get_level_values("staff_group")
        + ": "
        + bands.index.get_level_values("pay_band")
    )
    bands.index = pd.MultiIndex.from_arrays(
        [bands.index.get_level_values(0), bands.index.get_level_values(1), labels],
        names=[*KEYS, "breakdown"],
    )
    overall = _by_group(workforce, KEYS, index)
    overall.index = pd.MultiIndex.from_arrays(
        [
            overall.index.get_level_values(0),
            overall.index.get_level_values(1),
            [OVERALL] * len(overall),
        ],
        names=[*KEYS, "breakdown"],
    )
    return _shares(pd.concat([bands, overall]), indicator=1)


def _shares(counts: pd.DataFrame, indicator: int) -> pd.DataFrame:
    """Headcount and percentage-of-total rows for each group in each row of counts."""
    total = counts.sum(axis=1).to_numpy()
    parts = []
    for group in GROUPS:
        count = counts[group].to_numpy()
        parts.append(_rows(counts.index, measure="headcount", group=group, value=count))
        parts.append(
            _rows(
                counts.index,
                measure="percent",
                group=group,
                numerator=count,
                denominator=total,
                value=stats.percent(count, total),
            )
        )
    return pd.concat(parts, ignore_index=True).assign(indicator=indicator)


# --- indicators 5-8: staff survey ---------------------------------------------------------


def _survey(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    index = _supplied(dataset, "staff_survey")
    if not len(index):
        return pd.DataFrame()
    survey = dataset.tables["staff_survey"]
    low, high = stats.wilson(survey["positive"], survey["respondents"], settings.confidence)
    return pd.DataFrame(
        {
            "org": survey["org"],
            "year": survey["year"],
            "indicator": survey["indicator"].astype(int),
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


def survey_questions(dataset: Dataset, org: str, year: int) -> dict[int, str]:
    """The survey's own question number for each indicator, where the file gives one."""
    survey = dataset.tables["staff_survey"]
    if "question" not in survey:
        return {}
    rows = survey[(survey["org"] == org) & (survey["year"] == year) & survey["question"].ne("")]
    return {int(i): q for i, q in zip(rows["indicator"], rows["question"], strict=True)}


# --- indicator 9: Board -------------------------------------------------------------------


def _board(dataset: Dataset) -> pd.DataFrame:
    index = _supplied(dataset, "board")
    if not len(index):
        return pd.DataFrame()
    board = dataset.tables["board"].assign(
        member=True,
        voting=lambda b: b["voting"].astype(bool),
        non_executive=lambda b: ~b["executive"].astype(bool),
        executive=lambda b: b["executive"].astype(bool),
    )
    counts = pd.concat(
        {label: _by_group(board[board[flag]], KEYS, index) for label, flag in BOARD.items()},
        names=["breakdown"],
    ).reorder_levels([*KEYS, "breakdown"])
    shares = _shares(counts, indicator=9)
    empty = shares["measure"].eq("percent") & shares["denominator"].eq(0)
    shares.loc[empty, "note"] = "no Board members in this category"

    workforce_index = _supplied(dataset, "workforce")
    workforce = _by_group(dataset.tables["workforce"], KEYS, workforce_index)
    workforce_share = workforce.div(workforce.sum(axis=1), axis=0) * 100
    board_share = shares[shares["measure"] == "percent"].set_index([*KEYS, "group"])
    lookup = workforce_share.stack().rename("workforce")
    lookup.index.names = [*KEYS, "group"]
    joined = board_share.join(lookup, how="left")
    difference = joined.reset_index()[[*KEYS, "breakdown", "group"]].assign(
        indicator=9,
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


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=COLUMNS)
    for column in ("group", "suppression", "favours", "non_adverse", "interpretation", "note"):
        frame[column] = frame[column].astype(object).fillna("").astype(str)
    for column in ("numerator", "denominator"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in ("value", "range_low", "range_high"):
        frame[column] = frame[column].astype(float)
    frame["small_numbers"] = frame["small_numbers"].astype("boolean")
    frame["year"] = frame["year"].astype(int)
    order = {
        "breakdown": lambda s: s.map(_breakdown_rank),
        "measure": lambda s: s.map({m: i for i, m in enumerate(MEASURES)}),
        "group": lambda s: s.map({WHITE: 0, BME: 1, UNKNOWN: 2, "": 3}),
    }
    keys = ["org", "year", "indicator", "breakdown", "measure", "group"]
    frame = frame.sort_values(keys, key=lambda s: order.get(s.name, lambda x: x)(s), kind="stable")
    return frame.reset_index(drop=True)


_OTHER_BREAKDOWNS = [ALL, NO_INTERNATIONAL, SINGLE_YEAR, ROLLING, *BOARD]


def _breakdown_rank(label: str) -> int:
    if label in BAND_ORDER:
        return BAND_ORDER[label]
    return _OTHER_BREAKDOWNS.index(label) if label in _OTHER_BREAKDOWNS else 99_999


__all__ = ["compute", "for_org_year", "COLUMNS", "TITLES", "COMPARISONS", "SURVEY_INDICATORS"]
