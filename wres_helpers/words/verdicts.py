"""The verdicts a comparison gets, each sentence written once and called everywhere else:
where a relative likelihood sits against the non-adverse range, whether a difference could
be chance, which way a figure moved since last year, and which group a higher ratio favours.

The one rule for uncertainty (`CHANCE_RULE`): a difference is "beyond chance" only where its
interval excludes no difference (1 for a ratio, 0 for a gap in percentage points), and "could
be chance" otherwise, including where no interval can be given. A figure gets one of the two,
never both. The intervals are the published ones (indicators.csv's ci_low and ci_high); the
interval of a gap between two groups' percentages is Newcombe's, made from those two
published intervals; a Board share's is Wilson's, from the published members and Board size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..compute import stats
from ..inputs.settings import Settings
from .formatting import fmt_rl, missing

BEYOND_CHANCE = "beyond chance"
COULD_BE_CHANCE = "could be chance"
NON_ADVERSE_RANGE = "the non-adverse range"

# Two relative likelihoods within this distance on the log scale (about 2%) are "about the
# same"; two gaps in percentage points within this many points are too.
SAME_RATIO = 0.02
SAME_POINTS = 1.0


# --- the non-adverse range ---------------------------------------------------------------


def range_span(settings: Settings) -> str:
    """'0.80 to 1.25': the ends of the non-adverse range this report uses."""
    return f"{settings.non_adverse_low:.2f} to {settings.non_adverse_high:.2f}"


def range_named(settings: Settings) -> str:
    """'the non-adverse range (0.80 to 1.25)'."""
    return f"{NON_ADVERSE_RANGE} ({range_span(settings)})"


def range_verdict(where: str, settings: Settings | None = None) -> str:
    """'inside the non-adverse range' or 'outside the non-adverse range' (with its ends
    when settings are given), from indicators.csv's `non_adverse` column; '' when that is
    empty (no verdict: the setting is off, or a published range crosses an end)."""
    if not where:
        return ""
    return f"{where} {range_named(settings) if settings else NON_ADVERSE_RANGE}"


def range_rule(settings: Settings, standard) -> str:
    """The method's words on the range: its ends and how an RL is judged, or that this
    standard's RLs are not judged against it (a setting where the standard's guidance leaves
    it open: the WDES's `wdes_non_adverse`)."""
    flag = standard.non_adverse_setting
    if flag and not getattr(settings, flag):
        return f"No non-adverse range is applied (setting `{flag}` is off)."
    rule = (
        f"The non-adverse range is {range_span(settings)}, both ends inside, judged on the RL "
        "rounded to two decimal places."
    )
    if not flag:
        return rule
    return rule + (
        f" {standard.code} relative likelihoods are judged against the WRES range (setting "
        f"`{flag}`), the benchmark NHS England's WRES sets for a relative likelihood: the "
        f"{standard.code} guidance sets no range of its own, and NHS England tests the national "
        "figure statistically, which the interval beside each figure does here."
    )


def no_range_verdict(settings: Settings, crosses: bool) -> str:
    """Why a relative likelihood has no range verdict."""
    if crosses:
        return f"it may be inside {range_named(settings)} or outside it"
    return f"not judged against {NON_ADVERSE_RANGE} (the setting is off)"


def range_explained(settings: Settings) -> str:
    """The non-adverse range in plain words, for where a reader first meets it."""
    return (
        f"NHS England treats a relative likelihood from {range_span(settings)} as "
        f"{NON_ADVERSE_RANGE}: close enough to 1 not to count as evidence of an adverse "
        "difference. A figure outside it is one to act on."
    )


def rl_explained(reference: str, focus: str) -> str:
    """'Relative likelihood' in plain words, for where a reader first meets it."""
    return (
        f"A relative likelihood compares how likely two groups are to experience something: "
        f"1.00 means {reference} and {focus} staff are equally likely; 1.50 means one group "
        "is one and a half times as likely as the other."
    )


def chance_explained(settings: Settings) -> str:
    """The rule for chance in plain words, for where a reader first meets it."""
    level = round(settings.confidence * 100)
    return (
        f"Each difference comes with a {level}% interval, the span the true figure most "
        f"probably lies in. A difference is *{BEYOND_CHANCE}* when that span leaves out "
        f"no difference at all; otherwise it *{COULD_BE_CHANCE}*."
    )


# --- chance ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chance:
    """One comparison's interval and what it says: `beyond` is True only when the interval
    lies wholly on one side of `none` (the value meaning no difference)."""

    low: float
    high: float
    none: float

    @property
    def known(self) -> bool:
        return not (missing(self.low) or missing(self.high))

    @property
    def beyond(self) -> bool:
        return self.known and (self.low > self.none or self.high < self.none)

    def flipped(self) -> Chance:
        """The same interval for the difference the other way round (a gap stated as a
        positive number of points)."""
        return Chance(-self.high, -self.low, -self.none)

    @property
    def words(self) -> str:
        return BEYOND_CHANCE if self.beyond else COULD_BE_CHANCE

    def strength(self, value: float) -> float:
        """How far the figure lies from no difference, in lengths of its interval's arm on
        that side (log scale for a ratio): 1 or more is beyond chance; 0 when unknown."""
        if not self.known or missing(value):
            return 0.0
        scale = math.log if self.none == 1 else (lambda x: x)
        v, none = scale(value), scale(self.none)
        end = scale(self.low) if v >= none else scale(self.high)
        arm = abs(v - end)
        return abs(v - none) / arm if arm > 0 else math.inf


CHANCE_RULE = (
    "**Chance.** Every comparison is read by one rule. A difference is called "
    f"*{BEYOND_CHANCE}* only where its {{level}}% interval excludes no difference (1 for a "
    "relative likelihood, 0 for a gap in percentage points); otherwise it *"
    f"{COULD_BE_CHANCE}*, and so could a figure with no interval (one published as a range). "
    "No figure is called both. The interval of a gap between two groups' survey percentages is "
    "Newcombe's, made from the two groups' Wilson intervals; a Board share's is the Wilson "
    "interval of its members, set against the whole workforce's share."
)


def chance_rule(settings: Settings) -> str:
    """The rule, once, for the method text."""
    return CHANCE_RULE.format(level=round(settings.confidence * 100))


def rl_chance(found) -> Chance:
    """A relative likelihood's published interval against 1."""
    return Chance(_get(found, "ci_low"), _get(found, "ci_high"), 1.0)


def gap_chance(focus, reference) -> Chance:
    """The interval of the focus group's percentage minus the reference group's, in points
    (Newcombe's hybrid score interval from the two published Wilson intervals)."""
    low, high = stats.newcombe_difference(
        _get(focus, "value"),
        _get(focus, "ci_low"),
        _get(focus, "ci_high"),
        _get(reference, "value"),
        _get(reference, "ci_low"),
        _get(reference, "ci_high"),
    )
    return Chance(low, high, 0.0)


def share_chance(members: float, seats: float, workforce_share: float, confidence: float):
    """The interval of a Board's share minus the workforce's share, in points: the Board's
    Wilson interval moved by the workforce share (a census, so taken as fixed)."""
    if missing(members) or missing(seats) or missing(workforce_share) or not seats:
        return Chance(math.nan, math.nan, 0.0)
    low, high = stats.wilson(members, seats, confidence)
    return Chance(float(low) - workforce_share, float(high) - workforce_share, 0.0)


def chance_said(chance: Chance) -> str:
    """The verdict where the interval is printed just before: 'beyond chance, as the
    interval excludes 1', 'could be chance, as the interval includes 0', or 'could be
    chance, as no interval can be given'."""
    if not chance.known:
        return f"{COULD_BE_CHANCE}, as no interval can be given"
    side = "excludes" if chance.beyond else "includes"
    return f"{chance.words}, as the interval {side} {_none(chance)}"


def chance_clause(chance: Chance, level: int, unit: str = "") -> str:
    """The verdict with its interval, as a predicate: 'is beyond chance: its 95% interval,
    1.08 to 2.33, excludes 1', 'could be chance: its 95% interval, −4.8 to 17.4 points,
    includes 0', 'could be chance: no interval can be given'."""
    verb = "is " if chance.beyond else ""
    if not chance.known:
        return f"{COULD_BE_CHANCE}: no interval can be given"
    side = "excludes" if chance.beyond else "includes"
    fmt = fmt_rl if chance.none == 1 else _fmt_points
    return (
        f"{verb}{chance.words}: its {level}% interval, {fmt(chance.low)} to {fmt(chance.high)}"
        f"{unit}, {side} {_none(chance)}"
    )


def _none(chance: Chance) -> str:
    return "1" if chance.none == 1 else "0"


def _fmt_points(value: float) -> str:
    return f"{value:.1f}".replace("-", "−")


def _get(found, column: str) -> float:
    if found is None:
        return math.nan
    value = found.get(column, math.nan)
    return math.nan if missing(value) else float(value)


# --- which way a figure moved ------------------------------------------------------------------

CLOSER = "closer to equal"
FURTHER = "further from equal"
SAME = "about the same"
REVERSED = "the other way round"  # the other group now fares worse
DIRECTIONS = (FURTHER, REVERSED, CLOSER, SAME)
# A gap that now lies against the focus group got worse for it if it grew or changed side.
WORSENED = (FURTHER, REVERSED)


def ratio_direction(now: float, before: float) -> str:
    """Closer to 1 (on the ratio scale) is closer to equal, whichever side of 1 it is on."""
    return _direction(math.log(now), math.log(before), SAME_RATIO)


def gap_direction(now: float, before: float, same: float = SAME_POINTS) -> str:
    """A gap in points (either sign) closer to 0 is closer to equal."""
    return _direction(now, before, same)


def _direction(now: float, before: float, same: float) -> str:
    """From signed distances from equal (a log ratio, a gap): 'the other way round' when it
    changed side and is clearly off equal both years; else by its size."""
    if now * before < 0 and min(abs(now), abs(before)) >= same:
        return REVERSED
    if abs(abs(now) - abs(before)) < same:
        return SAME
    return CLOSER if abs(now) < abs(before) else FURTHER


def change_words(direction: str, year: int, before: str) -> str:
    """'further from equal than in 2018 (1.17)', 'about the same as in 2018 (1.17)', 'the
    other way round from 2018 (−3.3 points)'."""
    word = {SAME: "about the same as in", REVERSED: f"{REVERSED} from"}.get(
        direction, f"{direction} than in"
    )
    return f"{word} {year} ({before})"


# --- which group a ratio favours -------------------------------------------------------------


def favours_higher(group: str) -> str:
    """'higher favours <group> staff more': how to read a ratio's ranking."""
    return f"higher favours {group} staff more"
