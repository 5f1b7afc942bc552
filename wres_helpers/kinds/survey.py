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
        from ..compute import indicators

        return indicators.survey_percent(dataset, settings, [ind.id], ind.source)

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
        from ..words import summary

        return summary.survey_line(figures, org, year, settings, ind)

    def section(self, report: ReportData, ind: Indicator) -> None:
        from ..sections.survey import survey_indicator

        survey_indicator(report, ind.id)

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


SURVEY_PERCENT = SurveyPercent()
