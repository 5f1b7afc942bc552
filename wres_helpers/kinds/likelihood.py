"""A relative likelihood: one group's rate of an event (appointment, a formal process,
training) over the other group's, with each group's own rate beside it."""

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


class RelativeLikelihood(Kind):
    """The top group's rate over the bottom group's; best at 1, judged against the
    non-adverse range where the standard asks."""

    name = "relative likelihood"

    def check(self, ind: Indicator) -> None:
        if not (ind.top and ind.likelihood):
            raise ValueError(f"indicator {ind.id}: a relative likelihood needs top and words")

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ..standards.registry import Headline

        breakdown = ind.headline_breakdown(settings)
        return Headline(ind.id, "relative_likelihood", breakdown, "", "one")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        from ..compute import indicators

        return indicators.likelihood(dataset, indicators.Comparison(ind, standard), settings)

    def typed_measure(self, headline: Headline, group: str) -> tuple[str, str]:
        # a group's own rate (appointed, disciplined, ...)
        return ("percent" if group else headline.measure), headline.breakdown

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ..standards.registry import ROLLING, SINGLE_YEAR
        from ..words.formatting import fmt_pct
        from ..words.lookup import value_of
        from ..words.story import NOT_AVAILABLE, rl_placeholders, rl_text

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
        from ..words import summary

        return summary.likelihood_line(figures, org, year, settings, ind)

    def section(self, report: ReportData, ind: Indicator) -> None:
        from ..sections.likelihoods import rl_indicator

        rl_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        import pandas as pd

        from ..standards.registry import ROLLING
        from ..words import story, verdicts
        from ..words.formatting import flagged, fmt_rl

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


RELATIVE_LIKELIHOOD = RelativeLikelihood()
