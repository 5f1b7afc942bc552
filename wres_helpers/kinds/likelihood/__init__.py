"""A relative likelihood: one group's rate of an event (appointment, a formal process,
training) over the other group's, with each group's own rate beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import Kind

if TYPE_CHECKING:
    import pandas as pd

    from ...inputs.load import Dataset
    from ...inputs.settings import Settings
    from ...report import ReportData
    from ...standards.registry import Headline, Indicator, Likelihood, Standard
    from ...words.lookup import Figures
    from ...words.summary import Line


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


class RelativeLikelihood(Kind):
    """The top group's rate over the bottom group's; best at 1, judged against the
    non-adverse range where the standard asks."""

    name = "relative likelihood"

    def check(self, ind: Indicator) -> None:
        if not (ind.top and ind.likelihood):
            raise ValueError(f"indicator {ind.id}: a relative likelihood needs top and words")

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ...standards.registry import Headline

        breakdown = ind.headline_breakdown(settings)
        return Headline(ind.id, "relative_likelihood", breakdown, "", "one")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _LIKELIHOODS[ind.source](dataset, Comparison(ind, standard), settings)

    def typed_measure(self, headline: Headline, group: str) -> tuple[str, str]:
        # a group's own rate (appointed, disciplined, ...)
        return ("percent" if group else headline.measure), headline.breakdown

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ...standards.registry import ROLLING, SINGLE_YEAR
        from ...words.formatting import fmt_pct
        from ...words.lookup import value_of
        from ...words.story import NOT_AVAILABLE

        n, standard = ind.id, figures.standard
        values = rl_placeholders(prefix, figures.rl_row(org, year, n, settings), settings)
        for group in standard.reported(ind):
            found = figures.row(
                org,
                year,
                n,
                measure="percent",
                group=group,
                breakdown=ind.headline_breakdown(settings),
            )
            values[f"{prefix}.{group.lower()}.percent"] = fmt_pct(value_of(found))
        if not ind.rolling_setting:
            return values
        for breakdown, key in ((SINGLE_YEAR, "single"), (ROLLING, "rolling")):
            found = figures.row(org, year, n, measure="relative_likelihood", breakdown=breakdown)
            values[f"{prefix}.{key}.rl"] = NOT_AVAILABLE if found is None else rl_text(found)
        return values

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from dataclasses import replace

        from ...standards.registry import ROLLING
        from ...words import verdicts
        from ...words.formatting import fmt_rl, missing
        from ...words.lookup import value_of
        from ...words.story import missing_reason, rl_range
        from ...words.summary import NO_FIGURE, Line
        from ...words.summary import finding as make_finding
        from ...words.summary import status as status_words

        standard = figures.standard
        focus, reference = standard.focus.name, standard.reference.name
        found = figures.rl_row(org, year, ind.id, settings)
        earlier = figures.rl_row(org, year - 1, ind.id, settings)
        before = _rl_shown(earlier)
        rolling = " (two-year rolling)" if ind.headline_breakdown(settings) == ROLLING else ""
        if found is None:
            return Line(ind, "not supplied", before, NO_FIGURE, "Not supplied")
        where = found["non_adverse"]
        verdict = verdicts.range_verdict(where)
        favoured = found["favours"] if isinstance(found["favours"], str) else ""
        worse = None if not favoured else favoured == reference
        chance = verdicts.rl_chance(found)
        if rl_range(found) is None and missing(found["value"]):  # undefined or withheld
            return Line(
                ind, _rl_shown(found), before, NO_FIGURE, missing_reason(found).capitalize()
            )
        value, then = value_of(found), value_of(earlier)
        direction = (
            NO_FIGURE if missing(value) or missing(then) else verdicts.ratio_direction(value, then)
        )
        status = status_words(worse, chance, focus, verdict)
        if rl_range(found) and worse is None:
            status = f"Direction unclear (a range); {verdicts.COULD_BE_CHANCE}"
        clause = verdicts.chance_clause(chance, round(settings.confidence * 100))
        if rl_range(found):
            sentence = (
                f"{found['interpretation']}{rolling}: the exact figure is not published, as it "
                "rests on a count small enough to identify people."
            )
        else:
            change = (
                f", {verdicts.change_words(direction, year - 1, before)}"
                if direction != NO_FIGURE
                else ""
            )
            sentence = (
                f"{found['interpretation']} in {year}{rolling} (relative likelihood "
                f"{fmt_rl(value)}){change}."
            )
        sentence += f" This is {verdict}, and {clause}." if verdict else f" This {clause}."
        finding = make_finding(
            standard, ind, worse, chance, direction, sentence, chance.strength(value)
        )
        finding = replace(finding, outside_range=where == "outside")
        return Line(ind, _rl_shown(found), before, direction, status, finding)

    def section(self, report: ReportData, ind: Indicator) -> None:
        from .section import rl_indicator

        rl_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        import pandas as pd

        from ...standards.registry import ROLLING
        from ...words import story, verdicts
        from ...words.formatting import flagged, fmt_rl

        settings = report.params.settings
        r = report.figures.rl_row(report.org, year, ind.id, settings)
        if r is None:
            return "–"
        label = "Two-year rolling: " if ind.headline_breakdown(settings) == ROLLING else ""
        chance = verdicts.rl_chance(r).words
        bounds = story.rl_range(r)
        if bounds:  # the words are the table's other columns' to give
            verdict = f": {verdicts.range_verdict(r['non_adverse'])}" if r["non_adverse"] else ""
            return f"{label}RL {story.fmt_range(bounds)}, a range (few cases){verdict}; {chance}"
        if pd.isna(r["value"]):
            return f"{label}RL {story.missing_reason(r)}"
        small = " (small numbers)" if flagged(r["small_numbers"]) else ""
        verdict = verdicts.range_verdict(r["non_adverse"]) or "not judged"
        return f"{label}{r['interpretation']} (RL {fmt_rl(r['value'])}): {verdict}; {chance}{small}"


def _rl_shown(found: pd.Series | None) -> str:
    from ...words.formatting import fmt_rl
    from ...words.lookup import value_of
    from ...words.story import rl_range
    from ...words.summary import NO_FIGURE

    if found is None:
        return NO_FIGURE
    bounds = rl_range(found)
    if bounds:
        return f"{fmt_rl(bounds[0])} to {fmt_rl(bounds[1])}, a range"
    return "not published" if found.get("suppression", "") else fmt_rl(value_of(found))


# --- its counting: each group's rate, and the ratio, from the table of its events ---


def _comparison_rows(events, base, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    """Per-group percentages and the RL of one comparison; events/base indexed alike."""
    import numpy as np

    from ...compute import stats
    from ...compute.indicators import table_rows

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
    return table_rows(index, *blocks).assign(indicator=comparison.id)


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
    import pandas as pd

    from ...compute.indicators import KEYS, supplied
    from ...standards.registry import ALL, NO_INTERNATIONAL

    index = supplied(dataset, "recruitment")
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
    from ...compute.indicators import KEYS, count_by_group

    groups = comparison.standard.group_names
    base = count_by_group(rec, KEYS, groups, index)
    events = count_by_group(rec, KEYS, groups, index, where=rec["appointed"].astype(bool))
    return _comparison_rows(events, base, comparison, settings).assign(breakdown=breakdown)


def _disciplinary(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    return _cases(dataset, comparison, settings, dataset.tables.get("disciplinary"))


def _capability(dataset: Dataset, comparison: Comparison, settings: Settings) -> pd.DataFrame:
    """WDES metric 3: entries on the grounds of performance only; the ill-health entries are
    shown beside it as each group's percentage of staff, in no RL."""
    import pandas as pd

    from ...compute.indicators import KEYS, count_by_group, supplied
    from ...inputs.schema import ILL_HEALTH, PERFORMANCE

    capability = dataset.tables.get("capability")
    if capability is None:
        return pd.DataFrame()
    performance = capability[capability["grounds"] == PERFORMANCE]
    rows = _cases(dataset, comparison, settings, performance)
    index = supplied(dataset, "workforce", "capability")
    if not len(index):
        return rows
    groups = comparison.standard.group_names
    base = count_by_group(dataset.tables["workforce"], KEYS, groups, index)
    ill = count_by_group(capability, KEYS, groups, index, where=capability["grounds"] == ILL_HEALTH)
    beside = _comparison_rows(ill, base, comparison, settings)
    beside = beside[beside["measure"] == "percent"].assign(breakdown=comparison.indicator.beside)
    return pd.concat([rows, beside], ignore_index=True)


def _cases(dataset: Dataset, comparison: Comparison, settings: Settings, cases) -> pd.DataFrame:
    """An RL of entering a formal process (its `cases`, one row each) among staff in post:
    the reporting year, and the two years pooled where the year before is supplied."""
    import pandas as pd

    from ...compute.indicators import KEYS, count_by_group, supplied, table_rows
    from ...standards.registry import ROLLING, SINGLE_YEAR

    index = supplied(dataset, "workforce", comparison.indicator.source)
    if not len(index):
        return pd.DataFrame()
    groups = comparison.standard.group_names
    base = count_by_group(dataset.tables["workforce"], KEYS, groups, index)
    events = count_by_group(cases, KEYS, groups, index)
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
    missing = table_rows(
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
    import pandas as pd

    from ...compute.indicators import KEYS, count_by_group, supplied
    from ...standards.registry import ALL

    index = supplied(dataset, "workforce", comparison.indicator.source)
    if not len(index):
        return pd.DataFrame()
    workforce = dataset.tables["workforce"]
    groups = comparison.standard.group_names
    base = count_by_group(workforce, KEYS, groups, index)
    # True only: a year whose staff list has no training data holds NaN here (not counted)
    trained = workforce["non_mandatory_training"].eq(True)
    events = count_by_group(workforce, KEYS, groups, index, where=trained)
    return _comparison_rows(events, base, comparison, settings).assign(breakdown=ALL)


# Each relative likelihood's counting, by the table its events come from.
_LIKELIHOODS = {
    "recruitment": _appointment,
    "disciplinary": _disciplinary,
    "capability": _capability,
    "training": _training,
}

# --- its sentences, which its section says too ---


def rl_text(found: pd.Series | None) -> str:
    """An RL as a figure: '1.59', 'between 0.74 and 5.24', 'not published' or 'undefined'."""
    from ...words.formatting import fmt_rl
    from ...words.lookup import value_of
    from ...words.story import fmt_range, rl_range, withheld

    bounds = rl_range(found)
    if bounds:
        return fmt_range(bounds)
    return "not published" if withheld(found) else fmt_rl(value_of(found))


def rl_sentence(found: pd.Series | None, settings: Settings, small: bool = True) -> str:
    """'<group> applicants 1.46 times as likely … (95% interval 1.02 to 2.09): outside …;
    beyond chance, as the interval excludes 1.'

    small=False leaves out the small-numbers caution (when a sentence before has given it)."""
    from ...words import verdicts
    from ...words.formatting import flagged, fmt_rl, missing
    from ...words.story import crosses_range, missing_reason, rl_range

    if found is None:
        return "Not available: the data was not supplied."
    verdict = verdicts.range_verdict(found["non_adverse"], settings) or verdicts.no_range_verdict(
        settings, crosses_range(found, settings)
    )
    chance = verdicts.rl_chance(found)
    if rl_range(found):
        why = (
            f"a range, as the exact figure would reveal a hidden count of "
            f"{settings.suppress_from} to {settings.suppress_to}; "
            if small
            else ""
        )
        return f"{found['interpretation']}: {why}{verdict}; {verdicts.chance_said(chance)}."
    if missing(found["value"]):
        return f"The relative likelihood is {missing_reason(found)}."
    level = round(settings.confidence * 100)
    caution = (
        " It rests on small numbers, so treat a change between years with care."
        if small and flagged(found["small_numbers"])
        else ""
    )
    return (
        f"{found['interpretation']} (relative likelihood {fmt_rl(found['value'])}; {level}% "
        f"interval {fmt_rl(found['ci_low'])} to {fmt_rl(found['ci_high'])}): {verdict}; "
        f"{verdicts.chance_said(chance)}.{caution}"
    )


def rl_change(now: float, before: float, previous_year: int) -> str:
    from ...words import verdicts
    from ...words.formatting import fmt_rl, missing

    if missing(now) or missing(before):
        return f"No comparison with {previous_year} is possible."
    direction = verdicts.ratio_direction(now, before)
    return f"This is {verdicts.change_words(direction, previous_year, fmt_rl(before))}."


def rl_placeholders(prefix: str, found: pd.Series | None, settings: Settings) -> dict[str, str]:
    """indN.rl, .rl_low, .rl_high, .statement, .verdict and .chance ('beyond chance' or
    'could be chance', the one rule of `verdicts`) for one relative likelihood row:
    'not available' when its data was not supplied, the reason when it is undefined or
    withheld, 'between 0.74 and 5.24' when it is published as a range."""
    from ...words import verdicts
    from ...words.formatting import fmt_rl, missing
    from ...words.story import NOT_AVAILABLE, crosses_range, missing_reason, rl_range, withheld

    names = ("rl", "rl_low", "rl_high", "statement", "verdict", "chance")
    if found is None:
        return {f"{prefix}.{name}": NOT_AVAILABLE for name in names}
    defined = not missing(found["value"])
    bounds = rl_range(found)
    statement = found["interpretation"] if defined or bounds else ""
    interval = "not published" if bounds or withheld(found) else "undefined"
    return {
        f"{prefix}.rl": rl_text(found),
        f"{prefix}.rl_low": fmt_rl(found["ci_low"]) if defined else interval,
        f"{prefix}.rl_high": fmt_rl(found["ci_high"]) if defined else interval,
        f"{prefix}.statement": statement or f"Relative likelihood {missing_reason(found)}",
        f"{prefix}.verdict": verdicts.range_verdict(found["non_adverse"])
        or (
            f"not assessed against {verdicts.NON_ADVERSE_RANGE}"
            if defined or (bounds and not crosses_range(found, settings))
            else "not assessed: the relative likelihood is "
            + (
                "published only as a range"
                if bounds
                else "not published"
                if withheld(found)
                else "undefined"
            )
        ),
        f"{prefix}.chance": verdicts.rl_chance(found).words,
    }


def rl_peers(figures: Figures, org, year, indicator, settings) -> dict | None:
    from ...words.lookup import peer_position, value_of

    return peer_position(
        figures,
        org,
        year,
        lambda o: value_of(figures.rl_row(o, year, indicator, settings)),
        indicator,
    )


RELATIVE_LIKELIHOOD = RelativeLikelihood()
