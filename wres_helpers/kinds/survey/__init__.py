"""A survey percentage: the share of each group's staff survey respondents answering
positively."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base import Kind

if TYPE_CHECKING:
    import pandas as pd

    from ...inputs.load import Dataset
    from ...inputs.settings import Settings
    from ...report import ReportData
    from ...standards.registry import Headline, Indicator, Standard
    from ...words.lookup import Figures
    from ...words.summary import Line


class SurveyPercent(Kind):
    """Each group's percentage (and the benchmark group's average, where the file gives it);
    the headline is the focus group's (or the one group asked's) percentage."""

    name = "survey percentage"
    survey = True

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ...standards.registry import ALL, HIGHER, LOWER, Headline

        best = {HIGHER: "low", LOWER: "high"}.get(ind.worse, "")
        return Headline(ind.id, "percent", ALL, (ind.groups or (standard.focus.name,))[0], best)

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _survey_percent(dataset, settings, [ind.id], ind.source)

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ...words.formatting import fmt_pct
        from ...words.lookup import value_of

        values = {}
        for group in figures.standard.reported(ind):
            found = figures.row(org, year, ind.id, measure="percent", group=group)
            values[f"{prefix}.{group.lower()}.percent"] = fmt_pct(value_of(found))
        return values

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from ...words import verdicts
        from ...words.formatting import missing
        from ...words.summary import NO_FIGURE, Line, status
        from ...words.summary import finding as make_finding

        standard = figures.standard
        focus, reference = standard.focus.name, standard.reference.name

        def row(y, group):
            return figures.row(org, y, ind.id, measure="percent", group=group)

        if ind.groups:  # asked of one group only (the WDES's metric 8): no comparison to make
            group = ind.groups[0]
            now, then = row(year, group), row(year - 1, group)
            shown = "not supplied" if now is None else _pct_shown(now, group)
            return Line(ind, shown, _pct_shown(then, group), NO_FIGURE, "One group only")
        f_now, r_now = row(year, focus), row(year, reference)
        f_then, r_then = row(year - 1, focus), row(year - 1, reference)
        before = _pair(f_then, r_then, focus, reference)
        if f_now is None or r_now is None:
            return Line(ind, "not supplied", before, NO_FIGURE, "Not supplied")
        if missing(f_now["value"]) or missing(r_now["value"]):
            reason = f_now["suppression"] or f_now["note"] or "not available"
            return Line(ind, f"{focus} not reported", before, NO_FIGURE, f"Not reported ({reason})")
        gap, then = _gap(f_now, r_now), _gap(f_then, r_then)
        adverse_gap = -gap if ind.higher_is_better() else gap
        worse = None if abs(gap) < 0.05 else adverse_gap > 0
        chance = verdicts.gap_chance(f_now, r_now)
        direction = NO_FIGURE if missing(then) else verdicts.gap_direction(gap, then)
        stated = chance if gap > 0 else chance.flipped()
        change = (
            f" The gap is {verdicts.change_words(direction, year - 1, f'{abs(then):.1f} points')}."
            if direction != NO_FIGURE
            else ""
        )
        sentence = (
            f"{survey_sentence(figures, ind, r_now, f_now)} "
            f"{survey_gap(figures, ind, r_now, f_now, settings)}{change}"
        )
        finding = make_finding(
            standard, ind, worse, chance, direction, sentence, stated.strength(abs(gap))
        )
        return Line(
            ind,
            _pair(f_now, r_now, focus, reference),
            before,
            direction,
            status(worse, chance, focus),
            finding,
        )

    def section(self, report: ReportData, ind: Indicator) -> None:
        from .section import survey_indicator

        survey_indicator(report, ind.id)

    def detail_table(self, report: ReportData, ind: Indicator) -> None:
        from .section import survey_table

        survey_table(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        import pandas as pd

        from ...words.formatting import fmt_pct, hidden_label

        standard = report.standard
        parts = []
        for group in ind.groups or (standard.focus.name, standard.reference.name):
            r = report.figures.row(report.org, year, ind.id, measure="percent", group=group)
            shown = (
                "–"
                if r is None
                else hidden_label(r["suppression"])
                if r["suppression"] or pd.isna(r["value"])
                else fmt_pct(r["value"])
            )
            parts.append(f"{group} {shown}")
        return ", ".join(parts)


def _gap(focus: pd.Series | None, reference: pd.Series | None) -> float:
    """The focus group's percentage minus the reference group's, as printed (1 decimal)."""
    from ...words.formatting import missing
    from ...words.lookup import value_of

    f, r = value_of(focus), value_of(reference)
    return float("nan") if missing(f) or missing(r) else round(f, 1) - round(r, 1)


def _pct_shown(found: pd.Series | None, group: str) -> str:
    from ...words.formatting import fmt_pct, missing
    from ...words.summary import NO_FIGURE

    if found is None:
        return NO_FIGURE
    if missing(found["value"]):
        return f"{group} not reported"
    return f"{group} {fmt_pct(found['value'])}"


def _pair(focus, reference, focus_name: str, reference_name: str) -> str:
    from ...words.summary import NO_FIGURE

    if focus is None and reference is None:
        return NO_FIGURE
    return f"{_pct_shown(focus, focus_name)}, {_pct_shown(reference, reference_name)}"


# --- its counting ---


def _survey_percent(
    dataset: Dataset, settings: Settings, ids: list[str], source: str
) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from ...compute import stats
    from ...compute.indicators import BENCHMARK, survey_rows
    from ...standards.registry import ALL

    survey = survey_rows(dataset, source, ids)
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


# --- its sentences, which its section says too ---


def survey_sentence(figures: Figures, ind: Indicator, reference, focus) -> str:
    """'In the staff survey, x% of <focus> staff and y% of <reference> staff <phrase>.'"""
    from ...words.formatting import fmt_pct, missing

    standard = figures.standard
    pairs = [(standard.focus, focus), (standard.reference, reference)]
    if ind.groups:  # asked of one group only (the WDES's metric 8): no comparison to make
        pairs = [(g, f) for g, f in pairs if g.name in ind.groups]
    named = [(g.name if g is standard.focus else g.text, f) for g, f in pairs]
    parts = []
    for group, found in named:
        if found is None:
            parts.append(f"no {group} result was supplied")
        elif missing(found["value"]):
            parts.append(
                f"the {group} result is not reported ({found['suppression'] or found['note']})"
            )
        else:
            parts.append(f"{fmt_pct(found['value'])} of {group} staff")
    if len(parts) == 1:
        return f"In the staff survey, {parts[0]} {ind.phrase}; there is no comparison group."
    return f"In the staff survey, {parts[0]} and {parts[1]} {ind.phrase}."


def survey_gap(figures: Figures, ind: Indicator, reference, focus, settings: Settings) -> str:
    """Which group fares worse, by the gap between the percentages as printed (1 decimal),
    and whether it could be chance (the one rule: `verdicts`)."""
    from ...words import verdicts
    from ...words.formatting import missing
    from ...words.lookup import value_of

    w, b = value_of(reference), value_of(focus)
    if missing(w) or missing(b):
        return ""
    gap = round(b, 1) - round(w, 1)  # so the reader's own subtraction agrees
    worse = gap < 0 if ind.higher_is_better() else gap > 0
    them, us = figures.standard.focus.name, figures.standard.reference.text
    if abs(gap) < 0.05:
        return f"{them} and {us} staff answered alike."
    side = "worse" if worse else "better"
    chance = verdicts.gap_chance(focus, reference)
    chance = chance if gap > 0 else chance.flipped()  # the interval of the gap as stated
    level = round(settings.confidence * 100)
    return (
        f"{them} staff fare {side} than {us} staff by {abs(gap):.1f} percentage points, "
        f"which {verdicts.chance_clause(chance, level, ' points')}."
    )


def survey_reading(ind: Indicator) -> str:
    """What a higher percentage means for a survey indicator."""
    return "higher is better" if ind.higher_is_better() else "higher is worse"


def survey_peers(figures: Figures, org, year, indicator) -> dict | None:
    from ...words.lookup import peer_position, value_of

    focus = figures.standard.focus.name

    def pick(o):
        return value_of(figures.row(o, year, indicator, measure="percent", group=focus))

    return peer_position(figures, org, year, pick, indicator)


SURVEY_PERCENT = SurveyPercent()
