"""A survey percentage: the share of each group's staff survey respondents answering
positively."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Kind

if TYPE_CHECKING:
    import pandas as pd

    from ..inputs.load import Dataset
    from ..inputs.settings import Settings
    from ..report import ReportData
    from ..standards.registry import Headline, Indicator, Standard
    from ..words.lookup import Figures
    from ..words.summary import Line


class SurveyPercent(Kind):
    """Each group's percentage (and the benchmark group's average, where the file gives it);
    the headline is the focus group's (or the one group asked's) percentage."""

    name = "survey percentage"
    survey = True

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ..standards.registry import ALL, HIGHER, LOWER, Headline

        best = {HIGHER: "low", LOWER: "high"}.get(ind.worse, "")
        return Headline(ind.id, "percent", ALL, (ind.groups or (standard.focus.name,))[0], best)

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _survey_percent(dataset, settings, [ind.id], ind.source)

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ..words.formatting import fmt_pct
        from ..words.lookup import value_of

        values = {}
        for group in figures.standard.reported(ind):
            found = figures.row(org, year, ind.id, measure="percent", group=group)
            values[f"{prefix}.{group.lower()}.percent"] = fmt_pct(value_of(found))
        return values

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from ..words import verdicts
        from ..words.formatting import missing
        from ..words.story import survey_gap, survey_sentence
        from ..words.summary import NO_FIGURE, Line, status
        from ..words.summary import finding as make_finding

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
        from ..sections.survey import survey_indicator

        survey_indicator(report, ind.id)

    def detail_table(self, report: ReportData, ind: Indicator) -> None:
        from ..sections.survey import survey_table

        survey_table(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        import pandas as pd

        from ..words.formatting import fmt_pct, hidden_label

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
    from ..words.formatting import missing
    from ..words.lookup import value_of

    f, r = value_of(focus), value_of(reference)
    return float("nan") if missing(f) or missing(r) else round(f, 1) - round(r, 1)


def _pct_shown(found: pd.Series | None, group: str) -> str:
    from ..words.formatting import fmt_pct, missing
    from ..words.summary import NO_FIGURE

    if found is None:
        return NO_FIGURE
    if missing(found["value"]):
        return f"{group} not reported"
    return f"{group} {fmt_pct(found['value'])}"


def _pair(focus, reference, focus_name: str, reference_name: str) -> str:
    from ..words.summary import NO_FIGURE

    if focus is None and reference is None:
        return NO_FIGURE
    return f"{_pct_shown(focus, focus_name)}, {_pct_shown(reference, reference_name)}"


def _survey_percent(
    dataset: Dataset, settings: Settings, ids: list[str], source: str
) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from ..compute import stats
    from ..compute.indicators import BENCHMARK, survey_rows
    from ..standards.registry import ALL

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


SURVEY_PERCENT = SurveyPercent()
