"""The executive summary's words: each indicator read once (this year, last year, which way it
moved, its status in words) and the key findings the ranking rule picks (`ranking`).

Every figure is a row of indicators.csv; the verdicts are `verdicts`' one rule."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..inputs.schema import ORGANISATION
from ..inputs.settings import Settings
from ..kinds import BoardDifference, RelativeLikelihood
from ..standards.registry import (
    ROLLING,
    VOTING,
    Indicator,
)
from . import ranking, verdicts
from .formatting import fmt_count, fmt_pct, fmt_points, fmt_pp, fmt_rl, fmt_score, missing
from .lookup import Figures, value_of
from .story import lower_title, missing_reason, rl_range, survey_gap, survey_sentence

NO_FIGURE = "–"
SAME_SCORE = 0.1  # mean scores (out of 10) within this of each other are "about the same"


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


def _status(worse: bool | None, chance: verdicts.Chance, focus: str, extra: str = "") -> str:
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


def _finding(standard, ind, worse, chance, direction, sentence, strength) -> ranking.Finding:
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


def bands_line(figures, org, year, settings, ind) -> Line:
    focus = figures.standard.focus.name
    now = value_of(figures.overall_share(org, year, focus))
    before = value_of(figures.overall_share(org, year - 1, focus))
    shown = NO_FIGURE if missing(now) else f"{focus} {fmt_pct(now)} of staff"
    return Line(ind, shown, fmt_pct(before), NO_FIGURE, "For information (no comparison)")


def likelihood_line(figures, org, year, settings, ind) -> Line:
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
        return Line(ind, _rl_shown(found), before, NO_FIGURE, missing_reason(found).capitalize())
    value, then = value_of(found), value_of(earlier)
    direction = (
        NO_FIGURE if missing(value) or missing(then) else verdicts.ratio_direction(value, then)
    )
    status = _status(worse, chance, focus, verdict)
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
    finding = _finding(standard, ind, worse, chance, direction, sentence, chance.strength(value))
    finding = replace(finding, outside_range=where == "outside")
    return Line(ind, _rl_shown(found), before, direction, status, finding)


def _rl_shown(found: pd.Series | None) -> str:
    if found is None:
        return NO_FIGURE
    bounds = rl_range(found)
    if bounds:
        return f"{fmt_rl(bounds[0])} to {fmt_rl(bounds[1])}, a range"
    return "not published" if found.get("suppression", "") else fmt_rl(value_of(found))


def survey_line(figures, org, year, settings, ind) -> Line:
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
    finding = _finding(standard, ind, worse, chance, direction, sentence, stated.strength(abs(gap)))
    return Line(
        ind,
        _pair(f_now, r_now, focus, reference),
        before,
        direction,
        _status(worse, chance, focus),
        finding,
    )


def _gap(focus: pd.Series | None, reference: pd.Series | None) -> float:
    """The focus group's percentage minus the reference group's, as printed (1 decimal)."""
    f, r = value_of(focus), value_of(reference)
    return float("nan") if missing(f) or missing(r) else round(f, 1) - round(r, 1)


def _pct_shown(found: pd.Series | None, group: str) -> str:
    if found is None:
        return NO_FIGURE
    if missing(found["value"]):
        return f"{group} not reported"
    return f"{group} {fmt_pct(found['value'])}"


def _pair(focus, reference, focus_name: str, reference_name: str) -> str:
    if focus is None and reference is None:
        return NO_FIGURE
    return f"{_pct_shown(focus, focus_name)}, {_pct_shown(reference, reference_name)}"


def score_line(figures, org, year, settings, ind) -> Line:
    """A mean score per group (the WDES's 9a): no interval is published, so any gap could
    be chance."""
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
    direction = NO_FIGURE if missing(then) else verdicts.gap_direction(now, then, same=SAME_SCORE)
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
    finding = _finding(standard, ind, worse, chance, direction, sentence, 0.0)
    return Line(
        ind, fmt_points(now), fmt_points(then), direction, _status(worse, chance, focus), finding
    )


def answer_line(figures, org, year, settings, ind) -> Line:
    now = figures.row(org, year, ind.id, measure="yes_no")
    then = figures.row(org, year - 1, ind.id, measure="yes_no")
    shown = "not supplied" if now is None else now["interpretation"].capitalize()
    before = NO_FIGURE if then is None else then["interpretation"].capitalize()
    return Line(ind, shown, before, NO_FIGURE, "For information (a yes or no answer)")


def board_line(figures, org, year, settings, ind) -> Line:
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
    finding = _finding(standard, ind, worse, chance, direction, sentence, chance.strength(diff))
    return Line(ind, fmt_pp(diff), fmt_pp(then), direction, _status(worse, chance, focus), finding)


# --- the Board indicator's sentence (its section says it too) ---------------------------------


def board_row(figures: Figures, org: str, year: int, settings: Settings) -> pd.Series | None:
    """The voting Board's focus-group share minus the workforce's, in percentage points."""
    (ind,) = figures.standard.of_kind(BoardDifference)
    return figures.headline_row(org, year, ind.id, settings)


def board_chance(figures: Figures, org: str, year: int, settings: Settings) -> verdicts.Chance:
    """The interval of the voting Board's focus-group share minus the workforce's."""
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
