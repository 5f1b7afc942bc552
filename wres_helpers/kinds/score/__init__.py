"""A score: each group's mean staff survey score (out of 10) and the focus group's score
minus the reference group's, in points (the WDES's staff engagement score)."""

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


SAME_SCORE = 0.1  # mean scores (out of 10) within this of each other are "about the same"


class SurveyMean(Kind):
    """A mean score per group and for the whole organisation; the headline is the gap in
    points (a mean is compared in points, never as a percentage), best high."""

    name = "survey mean score"
    survey = True

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ...standards.registry import ALL, Headline

        # the focus group's score minus the reference group's
        return Headline(ind.id, "difference_points", ALL, standard.focus.name, "high")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _survey_mean(dataset, ind, standard, settings)

    def typed_measure(self, headline: Headline, group: str) -> tuple[str, str]:
        return ("mean_score" if group else headline.measure), headline.breakdown  # its own score

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ...inputs.schema import ORGANISATION
        from ...words.formatting import fmt_points, fmt_score
        from ...words.lookup import value_of

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
        """A mean score per group (the WDES's 9a): no interval is published, so any gap could
        be chance."""
        from ...inputs.schema import ORGANISATION
        from ...words import verdicts
        from ...words.formatting import fmt_points, fmt_score, missing
        from ...words.lookup import value_of
        from ...words.summary import NO_FIGURE, Line, status
        from ...words.summary import finding as make_finding

        standard = figures.standard
        focus, reference = standard.focus.name, standard.reference.name

        def gap(y):
            return value_of(figures.row(org, y, ind.id, measure="difference_points"))

        now, then = gap(year), gap(year - 1)
        if missing(now):
            return Line(ind, "not available", fmt_points(then), NO_FIGURE, "Not available")
        scores = {
            g: value_of(figures.row(org, year, ind.id, measure="mean_score", group=g))
            for g in (focus, reference, ORGANISATION)
        }
        worse = None if abs(now) < 0.005 else now < 0
        chance = verdicts.Chance(float("nan"), float("nan"), 0.0)
        direction = (
            NO_FIGURE if missing(then) else verdicts.gap_direction(now, then, same=SAME_SCORE)
        )
        change = (
            f" The gap is {verdicts.change_words(direction, year - 1, fmt_points(then))}."
            if direction != NO_FIGURE
            else ""
        )
        sentence = (
            f"{focus} staff score {fmt_score(scores[focus])} and {standard.reference.text} staff "
            f"{fmt_score(scores[reference])} out of 10 ({fmt_points(now)}), which "
            f"{verdicts.chance_clause(chance, round(settings.confidence * 100))}.{change}"
        )
        finding = make_finding(standard, ind, worse, chance, direction, sentence, 0.0)
        return Line(
            ind, fmt_points(now), fmt_points(then), direction, status(worse, chance, focus), finding
        )

    def section(self, report: ReportData, ind: Indicator) -> None:
        from .section import mean_score_indicator

        mean_score_indicator(report, ind.id)

    def detail_table(self, report: ReportData, ind: Indicator) -> None:
        from .section import score_table

        score_table(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        import pandas as pd

        from ...words.formatting import fmt_points, fmt_score
        from ...words.lookup import value_of

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


# --- its counting ---


def _survey_mean(dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings):
    """A mean score per group (and for the whole organisation), and the focus group's score
    minus the reference group's, in points: a mean is compared in points, never as a %."""
    import numpy as np
    import pandas as pd

    from ...compute.indicators import KEYS, survey_rows, table_rows
    from ...standards.registry import ALL

    survey = survey_rows(dataset, ind.source, [ind.id])
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
    difference = table_rows(
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


SURVEY_MEAN = SurveyMean()
