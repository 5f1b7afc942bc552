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
        from dataclasses import replace

        from ..standards.registry import ROLLING
        from ..words import verdicts
        from ..words.formatting import fmt_rl, missing
        from ..words.lookup import value_of
        from ..words.story import missing_reason, rl_range
        from ..words.summary import NO_FIGURE, Line
        from ..words.summary import finding as make_finding
        from ..words.summary import status as status_words

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


def _rl_shown(found: pd.Series | None) -> str:
    from ..words.formatting import fmt_rl
    from ..words.lookup import value_of
    from ..words.story import rl_range
    from ..words.summary import NO_FIGURE

    if found is None:
        return NO_FIGURE
    bounds = rl_range(found)
    if bounds:
        return f"{fmt_rl(bounds[0])} to {fmt_rl(bounds[1])}, a range"
    return "not published" if found.get("suppression", "") else fmt_rl(value_of(found))


RELATIVE_LIKELIHOOD = RelativeLikelihood()
