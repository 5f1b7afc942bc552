"""A yes/no answer: the organisation's own answer to a question, with its narrative (the
WDES asks whether Disabled staff's voices are facilitated)."""

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


class YesNo(Kind):
    """The organisation's answer (1 yes, 0 no), of no group; best 'yes'. NHS England's
    published reports give no figure of it to type."""

    name = "narrative yes/no"
    typed = False

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ...standards.registry import ALL, Headline

        return Headline(ind.id, "yes_no", ALL, "", "high")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _yes_no(dataset, ind)

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ...words.story import NOT_AVAILABLE

        found = figures.row(org, year, ind.id, measure="yes_no")
        return {f"{prefix}.answer": NOT_AVAILABLE if found is None else found["interpretation"]}

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from ...words.summary import NO_FIGURE, Line

        now = figures.row(org, year, ind.id, measure="yes_no")
        then = figures.row(org, year - 1, ind.id, measure="yes_no")
        shown = "not supplied" if now is None else now["interpretation"].capitalize()
        before = NO_FIGURE if then is None else then["interpretation"].capitalize()
        return Line(ind, shown, before, NO_FIGURE, "For information (a yes or no answer)")

    def section(self, report: ReportData, ind: Indicator) -> None:
        from .section import narrative_indicator

        narrative_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        r = report.figures.row(report.org, year, ind.id, measure="yes_no")
        return "–" if r is None else r["interpretation"].capitalize()


# --- its counting ---


def _yes_no(dataset: Dataset, ind: Indicator) -> pd.DataFrame:
    """The organisation's yes/no answer (1 or 0); its narrative is quoted by the report."""
    import numpy as np
    import pandas as pd

    from ...compute.indicators import supplied
    from ...standards.registry import ALL

    if not len(supplied(dataset, ind.source)):
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


NARRATIVE = YesNo()
