"""A Board difference: the focus group's share of the Board (voting, executive,
non-executive, all) minus its share of the workforce, in percentage points."""

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


class BoardDifference(Kind):
    """Each group's headcount and share of each Board, and the difference from its share of
    the workforce; the headline is the voting Board's, best at zero."""

    name = "Board difference"

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ..standards.registry import VOTING, Headline

        return Headline(ind.id, "difference_pp", VOTING, standard.focus.name, "zero")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        from ..compute import indicators

        return indicators.board(dataset, ind, standard.group_names)

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ..standards.registry import VOTING
        from ..words.formatting import fmt_count, fmt_pct, fmt_pp
        from ..words.lookup import value_of

        values = {}
        for group in figures.standard.group_names:
            g = group.lower()

            def shown(measure: str, group: str = group) -> float:
                found = figures.row(
                    org, year, ind.id, measure=measure, breakdown=VOTING, group=group
                )
                return value_of(found)

            values[f"{prefix}.{g}.difference"] = fmt_pp(shown("difference_pp"))
            values[f"{prefix}.{g}.percent"] = fmt_pct(shown("percent"))
            values[f"{prefix}.{g}.headcount"] = fmt_count(shown("headcount"))
        return values

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from ..words import summary

        return summary.board_line(figures, org, year, settings, ind)

    def section(self, report: ReportData, ind: Indicator) -> None:
        from ..sections.board import board_indicator

        board_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        from ..sections.board import board_sentence, voting_difference_row

        if voting_difference_row(report, report.org, year) is None:
            return "–"
        return f"Voting Board: {board_sentence(report, year, short=True)} against the workforce"


BOARD_DIFFERENCE = BoardDifference()
