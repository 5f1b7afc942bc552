"""A Board difference: the focus group's share of the Board (voting, executive,
non-executive, all) minus its share of the workforce, in percentage points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base import Kind

if TYPE_CHECKING:
    import pandas as pd

    from ...inputs.load import Dataset
    from ...inputs.settings import Settings
    from ...report import ReportData
    from ...standards.registry import Headline, Indicator, Standard
    from ...words import verdicts
    from ...words.lookup import Figures
    from ...words.summary import Line


class BoardDifference(Kind):
    """Each group's headcount and share of each Board, and the difference from its share of
    the workforce; the headline is the voting Board's, best at zero."""

    name = "Board difference"

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ...standards.registry import VOTING, Headline

        return Headline(ind.id, "difference_pp", VOTING, standard.focus.name, "zero")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _board(dataset, ind, standard.group_names)

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        from ...standards.registry import VOTING
        from ...words.formatting import fmt_count, fmt_pct, fmt_pp
        from ...words.lookup import value_of

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
        from ...words import verdicts
        from ...words.formatting import fmt_pp, missing
        from ...words.lookup import value_of
        from ...words.summary import NO_FIGURE, Line, status
        from ...words.summary import finding as make_finding

        standard = figures.standard
        focus = standard.focus.name
        now = board_row(figures, org, year, settings)
        then = value_of(board_row(figures, org, year - 1, settings))
        if now is None or missing(now["value"]):
            return Line(ind, "not supplied", fmt_pp(then), NO_FIGURE, "Not supplied")
        diff = float(now["value"])
        chance = board_chance(figures, org, year, settings)
        worse = None if abs(diff) < 0.05 else diff < 0
        direction = NO_FIGURE if missing(then) else verdicts.gap_direction(diff, then)
        change = (
            f" The difference is {verdicts.change_words(direction, year - 1, fmt_pp(then))}."
            if direction != NO_FIGURE
            else ""
        )
        sentence = (  # the difference is stated with its sign, and so is its interval
            f"{board_sentence(figures, org, year, settings)[:-1]}, which "
            f"{verdicts.chance_clause(chance, round(settings.confidence * 100), ' points')}."
            f"{change}"
        )
        finding = make_finding(
            standard, ind, worse, chance, direction, sentence, chance.strength(diff)
        )
        return Line(
            ind, fmt_pp(diff), fmt_pp(then), direction, status(worse, chance, focus), finding
        )

    def section(self, report: ReportData, ind: Indicator) -> None:
        from .section import board_indicator

        board_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        figures, org, settings = report.figures, report.org, report.params.settings
        if board_row(figures, org, year, settings) is None:
            return "–"
        said = board_sentence(figures, org, year, settings, short=True)
        return f"Voting Board: {said} against the workforce"


# --- its counting ---


def _board(dataset: Dataset, ind: Indicator, groups) -> pd.DataFrame:
    from typing import cast

    import numpy as np
    import pandas as pd

    from ...compute.indicators import KEYS, count_by_group, group_shares, supplied
    from ...standards.registry import BOARD

    index = supplied(dataset, ind.source)
    if not len(index):
        return pd.DataFrame()
    board = dataset.tables[ind.source]
    executive = board["executive"].astype(bool).to_numpy()
    flags = {
        "member": np.ones(len(board), dtype=bool),
        "voting": board["voting"].astype(bool).to_numpy(),
        "executive": executive,
        "non_executive": ~executive,
    }
    counts = pd.concat(
        {
            label: count_by_group(board, KEYS, groups, index, where=flags[flag])
            for label, flag in BOARD.items()
        },
        names=["breakdown"],
    ).reorder_levels([*KEYS, "breakdown"])
    shares = group_shares(counts, ind.id, groups)
    empty = shares["measure"].eq("percent") & shares["denominator"].eq(0)
    shares.loc[empty, "note"] = "no Board members in this category"

    workforce_index = supplied(dataset, "workforce")
    workforce = count_by_group(dataset.tables["workforce"], KEYS, groups, workforce_index)
    workforce_share = workforce.div(workforce.sum(axis=1), axis=0) * 100
    board_share = shares[shares["measure"] == "percent"].set_index([*KEYS, "group"])
    lookup = cast(pd.Series, workforce_share.stack()).rename("workforce")  # one column level
    lookup.index.names = [*KEYS, "group"]
    joined = board_share.join(lookup, how="left")
    difference = joined.reset_index()[[*KEYS, "breakdown", "group"]].assign(
        indicator=ind.id,
        measure="difference_pp",
        value=(joined["value"] - joined["workforce"]).to_numpy(),
        note=np.where(
            joined["workforce"].isna().to_numpy(),
            "workforce data not supplied",
            np.where(joined["value"].isna().to_numpy(), "no Board members in this category", ""),
        ),
    )
    return pd.concat([shares, difference], ignore_index=True)


# --- its sentences, which its section says too ---


def board_row(figures: Figures, org: str, year: int, settings: Settings) -> pd.Series | None:
    """The voting Board's focus-group share minus the workforce's, in percentage points."""
    (ind,) = figures.standard.of_kind(BoardDifference)
    return figures.headline_row(org, year, ind.id, settings)


def board_chance(figures: Figures, org: str, year: int, settings: Settings) -> verdicts.Chance:
    """The interval of the voting Board's focus-group share minus the workforce's."""
    from ...standards.registry import VOTING
    from ...words import verdicts
    from ...words.lookup import value_of

    (ind,) = figures.standard.of_kind(BoardDifference)
    focus = figures.standard.focus.name
    share = figures.row(org, year, ind.id, breakdown=VOTING, measure="percent", group=focus)
    return verdicts.share_chance(
        value_of(share, "numerator"),
        value_of(share, "denominator"),
        value_of(figures.overall_share(org, year, focus)),
        settings.confidence,
    )


def board_sentence(
    figures: Figures, org: str, year: int, settings: Settings, short: bool = False
) -> str:
    """'<focus> members are 8.3% of the voting Board (1 of 12), against 10.5% of the
    workforce: a difference of −2.2 points.' (short: '8.3% <focus> (−2.2 points)')."""
    from ...standards.registry import VOTING
    from ...words.formatting import fmt_count, fmt_pct, fmt_pp
    from ...words.lookup import value_of

    (ind,) = figures.standard.of_kind(BoardDifference)
    focus = figures.standard.focus.name
    share = figures.row(org, year, ind.id, breakdown=VOTING, measure="percent", group=focus)
    diff = board_row(figures, org, year, settings)
    if share is None or diff is None:
        return "not supplied"
    if short:
        return f"{fmt_pct(share['value'])} {focus} ({fmt_pp(diff['value'])})"
    workforce = value_of(figures.overall_share(org, year, focus))
    return (
        f"{focus} members are {fmt_pct(share['value'])} of the voting Board "
        f"({fmt_count(share['numerator'])} of {fmt_count(share['denominator'])}), against "
        f"{fmt_pct(workforce)} of the workforce: a difference of {fmt_pp(diff['value'])}."
    )


BOARD_DIFFERENCE = BoardDifference()
