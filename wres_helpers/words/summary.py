"""The executive summary's words: each indicator read once (this year, last year, which way it
moved, its status in words) and the key findings the ranking rule picks (`ranking`).

Every figure is a row of indicators.csv; the verdicts are `verdicts`' one rule."""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs.settings import Settings
from ..kinds import RelativeLikelihood
from ..standards.registry import (
    ROLLING,
    Indicator,
)
from . import ranking, verdicts
from .lookup import Figures
from .story import lower_title

NO_FIGURE = "–"


@dataclass(frozen=True)
class Line:
    """One indicator in the summary: its figure this year and last, which way it moved, its
    status in words (never colour alone), and its finding for the ranking rule (None when
    there is nothing to compare: the make-up of the workforce, a yes/no, a figure withheld)."""

    indicator: Indicator
    now: str
    before: str
    change: str
    status: str
    finding: ranking.Finding | None = None

    def name(self, settings: Settings) -> str:
        """'2. Appointment from shortlisting', with '(two-year rolling)' where it is."""
        ind = self.indicator
        rolling = " (two-year rolling)" if ind.headline_breakdown(settings) == ROLLING else ""
        return f"{ind.printed}. {ind.title}{rolling}"


def lines(figures: Figures, org: str, year: int, settings: Settings) -> list[Line]:
    """Every indicator of the standard, in its order."""
    return [
        ind.kind.summary_line(figures, ind, org, year, settings)
        for ind in figures.standard.indicators
    ]


def key_findings(summary: list[Line]) -> list[tuple[Indicator, ranking.Finding]]:
    """The findings the ranking rule puts first, with their indicators: at most
    `ranking.MOST`."""
    indicators = {line.indicator.id: line.indicator for line in summary}
    found = [line.finding for line in summary if line.finding is not None]
    return [(indicators[f.indicator], f) for f in ranking.rank(found)]


def changed(summary: list[Line], figures: Figures, year: int) -> str:
    """'Since <last year>: further from equal on <these>; closer to equal on <those>; …'."""
    standard = figures.standard
    parts = []
    for direction in verdicts.DIRECTIONS:
        ids = [line.indicator.id for line in summary if line.change == direction]
        if ids:
            parts.append(f"{direction} on {standard.numbered(ids)}")
    if not parts:
        return f"No comparison with {year - 1} is possible."
    return f"Since {year - 1}: " + "; ".join(parts) + "."


def range_moves(figures: Figures, org: str, year: int, settings: Settings) -> str:
    """'<Indicator> moved from inside to outside the non-adverse range.', for each RL whose
    verdict changed since last year; '' when none did."""
    standard, said = figures.standard, []
    for ind in standard.of_kind(RelativeLikelihood):
        now = figures.rl_row(org, year, ind.id, settings)
        before = figures.rl_row(org, year - 1, ind.id, settings)
        if now is None or before is None:
            continue
        a, b = before["non_adverse"], now["non_adverse"]
        if a and b and a != b:
            said.append(f"{standard.called(ind.id)} moved from {a} to {verdicts.range_verdict(b)}.")
    return " ".join(said)


# --- each kind ---------------------------------------------------------------------------------


def status(worse: bool | None, chance: verdicts.Chance, focus: str, extra: str = "") -> str:
    side = (
        "equal"
        if worse is None
        else f"worse for {focus} staff"
        if worse
        else (f"better for {focus} staff")
    )
    words = side if worse is None else f"{side}; {chance.words}"
    words = f"{words}; {extra}" if extra else words
    return words[:1].upper() + words[1:]


def finding(standard, ind, worse, chance, direction, sentence, strength) -> ranking.Finding:
    """A comparison as the ranking rule reads it: worse is whether the focus group fares
    worse (None: equal); worsened means further from equal, or changed side, since last
    year while now against the focus group."""
    return ranking.Finding(
        indicator=ind.id,
        adverse=bool(worse),
        beyond_chance=chance.beyond,
        worsened=bool(worse) and direction in verdicts.WORSENED,
        outside_range=False,
        strength=strength,
        order=standard.order(ind.id),
        sentence=sentence,
    )


def head(standard, ind: Indicator) -> str:
    """A finding's heading: '<Indicator n> (<its title>)'."""
    return f"{standard.called(ind.id)} ({lower_title(ind)})"


# --- the Board indicator's sentence (its section says it too) ---------------------------------
