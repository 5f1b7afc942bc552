"""A score: each group's mean staff survey score (out of 10) and the focus group's score
minus the reference group's, in points (the WDES's staff engagement score)."""

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


class SurveyMean(Kind):
    """A mean score per group and for the whole organisation; the headline is the gap in
    points (a mean is compared in points, never as a percentage), best high."""

    name = "survey mean score"
    survey = True

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ..standards.registry import ALL, Headline

        # the focus group's score minus the reference group's
        return Headline(ind.id, "difference_points", ALL, standard.focus.name, "high")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        from ..compute import indicators

        return indicators.survey_mean(dataset, ind, standard, settings)

    def typed_measure(self, headline: Headline, group: str) -> tuple[str, str]:
        return ("mean_score" if group else headline.measure), headline.breakdown  # its own score

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ..inputs.schema import ORGANISATION
        from ..words.formatting import fmt_points, fmt_score
        from ..words.lookup import value_of

        values = {}
        for group in (*(g.name for g in figures.standard.compared), ORGANISATION):
            found = figures.row(org, year, ind.id, measure="mean_score", group=group)
            values[f"{prefix}.{group.lower()}.score"] = fmt_score(value_of(found))
        found = figures.row(org, year, ind.id, measure="difference_points")
        values[f"{prefix}.difference"] = fmt_points(value_of(found))
        return values

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from ..words import summary

        return summary.score_line(figures, org, year, settings, ind)

    def section(self, report: ReportData, ind: Indicator) -> None:
        from ..sections.engagement import mean_score_indicator

        mean_score_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        import pandas as pd

        from ..words.formatting import fmt_points, fmt_score
        from ..words.lookup import value_of

        standard, figures, org = report.standard, report.figures, report.org
        scores = [
            figures.row(org, year, ind.id, measure="mean_score", group=g.name)
            for g in (standard.focus, standard.reference)
        ]
        if any(r is None or pd.isna(r["value"]) for r in scores):
            return "–"
        gap = figures.row(org, year, ind.id, measure="difference_points")
        return (
            f"{standard.focus.name} {fmt_score(value_of(scores[0]))}, {standard.reference.name} "
            f"{fmt_score(value_of(scores[1]))} ({fmt_points(value_of(gap))})"
        )


SURVEY_MEAN = SurveyMean()
