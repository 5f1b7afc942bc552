"""Words from figures: headline sentences, trends, peer positions, key messages and the
commentary's placeholders.

Every sentence here is built from rows of the published table, so each figure a Board
reads can be found in indicators.csv; what each indicator is and which group is which
comes from the standard's registry. Formatting is in `formatting`, finding rows in `lookup`.
"""

from __future__ import annotations

import math

import pandas as pd

from ..compute.disclosure import range_verdict
from ..inputs.params import Params
from ..inputs.settings import Settings
from ..standards.registry import (
    Indicator,
)
from . import verdicts
from .formatting import flagged as flagged
from .formatting import fmt_count, fmt_pct, fmt_rl, ordinal
from .formatting import missing as _missing
from .lookup import Figures, peer_position, value_of


def lower_title(ind: Indicator) -> str:
    """An indicator's title inside a sentence: 'non-mandatory training and CPD'."""
    text = ind.title
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[0].lower() + text[1:]


# --- relative likelihoods published as a range or withheld (disclosure control) ------------


def rl_range(found: pd.Series | None) -> tuple[float, float] | None:
    """The range a relative likelihood resting on a hidden count is published as, if so."""
    if found is None or _missing(found.get("range_low", math.nan)):
        return None
    return float(found["range_low"]), float(found["range_high"])


def withheld(found: pd.Series | None) -> bool:
    """An RL with no value or range because disclosure control withholds it."""
    return found is not None and bool(found.get("suppression", "")) and rl_range(found) is None


def _crosses_range(found: pd.Series, settings: Settings) -> bool:
    """A ranged RL whose range crosses an end of the non-adverse range, so has no verdict."""
    bounds = rl_range(found)
    return bounds is not None and not range_verdict(*bounds, settings)


def fmt_range(bounds: tuple[float, float]) -> str:
    return f"between {fmt_rl(bounds[0])} and {fmt_rl(bounds[1])}"


def rl_text(found: pd.Series | None) -> str:
    """An RL as a figure: '1.59', 'between 0.74 and 5.24', 'not published' or 'undefined'."""
    bounds = rl_range(found)
    if bounds:
        return fmt_range(bounds)
    return "not published" if withheld(found) else fmt_rl(value_of(found))


def missing_reason(found: pd.Series) -> str:
    """Why an RL has no exact value: disclosure control's reason, or why it is undefined."""
    return found.get("suppression", "") or undefined_reason(found["note"])


# --- sentences -------------------------------------------------------------------------------


def rl_sentence(found: pd.Series | None, settings: Settings, small: bool = True) -> str:
    """'<group> applicants 1.46 times as likely … (95% interval 1.02 to 2.09): outside …;
    beyond chance, as the interval excludes 1.'

    small=False leaves out the small-numbers caution (when a sentence before has given it)."""
    if found is None:
        return "Not available: the data was not supplied."
    verdict = verdicts.range_verdict(found["non_adverse"], settings) or verdicts.no_range_verdict(
        settings, _crosses_range(found, settings)
    )
    chance = verdicts.rl_chance(found)
    if rl_range(found):
        why = (
            f"a range, as the exact figure would reveal a hidden count of "
            f"{settings.suppress_from} to {settings.suppress_to}; "
            if small
            else ""
        )
        return f"{found['interpretation']}: {why}{verdict}; {verdicts.chance_said(chance)}."
    if _missing(found["value"]):
        return f"The relative likelihood is {missing_reason(found)}."
    level = round(settings.confidence * 100)
    caution = (
        " It rests on small numbers, so treat a change between years with care."
        if small and flagged(found["small_numbers"])
        else ""
    )
    return (
        f"{found['interpretation']} (relative likelihood {fmt_rl(found['value'])}; {level}% "
        f"interval {fmt_rl(found['ci_low'])} to {fmt_rl(found['ci_high'])}): {verdict}; "
        f"{verdicts.chance_said(chance)}.{caution}"
    )


def rl_change(now: float, before: float, previous_year: int) -> str:
    if _missing(now) or _missing(before):
        return f"No comparison with {previous_year} is possible."
    direction = verdicts.ratio_direction(now, before)
    return f"This is {verdicts.change_words(direction, previous_year, fmt_rl(before))}."


def survey_sentence(figures: Figures, ind: Indicator, reference, focus) -> str:
    """'In the staff survey, x% of <focus> staff and y% of <reference> staff <phrase>.'"""
    standard = figures.standard
    pairs = [(standard.focus, focus), (standard.reference, reference)]
    if ind.groups:  # asked of one group only (the WDES's metric 8): no comparison to make
        pairs = [(g, f) for g, f in pairs if g.name in ind.groups]
    named = [(g.name if g is standard.focus else g.text, f) for g, f in pairs]
    parts = []
    for group, found in named:
        if found is None:
            parts.append(f"no {group} result was supplied")
        elif _missing(found["value"]):
            parts.append(
                f"the {group} result is not reported ({found['suppression'] or found['note']})"
            )
        else:
            parts.append(f"{fmt_pct(found['value'])} of {group} staff")
    if len(parts) == 1:
        return f"In the staff survey, {parts[0]} {ind.phrase}; there is no comparison group."
    return f"In the staff survey, {parts[0]} and {parts[1]} {ind.phrase}."


def survey_gap(figures: Figures, ind: Indicator, reference, focus, settings: Settings) -> str:
    """Which group fares worse, by the gap between the percentages as printed (1 decimal),
    and whether it could be chance (the one rule: `verdicts`)."""
    w, b = value_of(reference), value_of(focus)
    if _missing(w) or _missing(b):
        return ""
    gap = round(b, 1) - round(w, 1)  # so the reader's own subtraction agrees
    worse = gap < 0 if ind.higher_is_better() else gap > 0
    them, us = figures.standard.focus.name, figures.standard.reference.text
    if abs(gap) < 0.05:
        return f"{them} and {us} staff answered alike."
    side = "worse" if worse else "better"
    chance = verdicts.gap_chance(focus, reference)
    chance = chance if gap > 0 else chance.flipped()  # the interval of the gap as stated
    level = round(settings.confidence * 100)
    return (
        f"{them} staff fare {side} than {us} staff by {abs(gap):.1f} percentage points, "
        f"which {verdicts.chance_clause(chance, level, ' points')}."
    )


def survey_reading(ind: Indicator) -> str:
    """What a higher percentage means for a survey indicator."""
    return "higher is better" if ind.higher_is_better() else "higher is worse"


def trend_text(values: dict[int, str]) -> str:
    return "; ".join(f"{year}: {text}" for year, text in values.items())


def peer_place(position: dict) -> str:
    """Where a figure ranks, with its direction and the number compared: 'the highest of
    5', 'joint lowest of 7', '2nd highest of 5', '3rd lowest of 7' (from the nearer end)."""
    values, value, count = position["values"].values(), position["value"], position["count"]
    from_top = sum(v > value for v in values) + 1
    from_bottom = sum(v < value for v in values) + 1
    joint = "joint " if sum(v == value for v in values) > 1 else "the "
    if from_top == 1:
        place = f"{joint}highest"
    elif from_bottom == 1:
        place = f"{joint}lowest"
    elif from_top <= from_bottom:
        place = f"{ordinal(from_top)} highest"
    else:
        place = f"{ordinal(from_bottom)} lowest"
    return f"{place} of {count}"


def peer_sentence(
    position: dict | None, fmt, what: str, name: str, reading: str = "", missing: str = ""
) -> str:
    """Where `name` sits among its comparators; `reading` says what a higher figure means."""
    if position is None:
        return missing or "No comparison with other organisations is possible for this figure."
    meaning = f"; {reading}" if reading else ""
    published = position.get("published") or []
    as_published = (
        f" {', '.join(published)}: {'its' if len(published) == 1 else 'their'} figure as "
        f"published, not computed here."
        if published
        else ""
    )
    return (
        f"{name}'s {what} of {fmt(position['value'])} is {peer_place(position)} organisations "
        f"({name} and its comparators; median {fmt(position['median'])}, range "
        f"{fmt(position['low'])} to {fmt(position['high'])}{meaning})." + as_published
    )


# --- placeholders ------------------------------------------------------------------------


NOT_AVAILABLE = "not available (data not supplied)"


def placeholder_values(figures: Figures, params: Params) -> dict[str, str]:
    """Every name an analyst may write as {{ name }} in the commentary, with its text.

    Every name exists whatever data was supplied, so a name is refused only when it is
    misspelt: a figure whose data was not supplied reads 'not available (data not
    supplied)', and an undefined relative likelihood gives its reason."""
    org, year, settings = params.organisation.code, params.year, params.settings
    standard = figures.standard
    values = {
        "org.name": params.organisation.name,
        "org.code": org,
        "year": str(year),
        "previous_year": str(year - 1),
        "snapshot_date": f"{params.snapshot_date.day} {params.snapshot_date:%B %Y}",
    }
    unknown = standard.unknown.name
    for when, y in (("", year), ("previous.", year - 1)):
        head = figures.overall_share(org, y, standard.groups[0].name)
        values[f"{when}workforce.headcount"] = (
            NOT_AVAILABLE if head is None else fmt_count(head["denominator"])
        )
        for group in standard.group_names:
            found = figures.overall_share(org, y, group)
            values[f"{when}workforce.{group.lower()}.percent"] = fmt_pct(value_of(found))
        missing = value_of(figures.overall_share(org, y, unknown))
        values[f"{when}workforce.self_reported"] = fmt_pct(100 - missing)
        for ind in standard.indicators:
            prefix = f"{when}{standard.placeholder}{ind.id}"
            values |= ind.kind.placeholders(figures, ind, org, y, prefix, settings)
    return values


def rl_placeholders(prefix: str, found: pd.Series | None, settings: Settings) -> dict[str, str]:
    """indN.rl, .rl_low, .rl_high, .statement, .verdict and .chance ('beyond chance' or
    'could be chance', the one rule of `verdicts`) for one relative likelihood row:
    'not available' when its data was not supplied, the reason when it is undefined or
    withheld, 'between 0.74 and 5.24' when it is published as a range."""
    names = ("rl", "rl_low", "rl_high", "statement", "verdict", "chance")
    if found is None:
        return {f"{prefix}.{name}": NOT_AVAILABLE for name in names}
    defined = not _missing(found["value"])
    bounds = rl_range(found)
    statement = found["interpretation"] if defined or bounds else ""
    interval = "not published" if bounds or withheld(found) else "undefined"
    return {
        f"{prefix}.rl": rl_text(found),
        f"{prefix}.rl_low": fmt_rl(found["ci_low"]) if defined else interval,
        f"{prefix}.rl_high": fmt_rl(found["ci_high"]) if defined else interval,
        f"{prefix}.statement": statement or f"Relative likelihood {missing_reason(found)}",
        f"{prefix}.verdict": verdicts.range_verdict(found["non_adverse"])
        or (
            f"not assessed against {verdicts.NON_ADVERSE_RANGE}"
            if defined or (bounds and not _crosses_range(found, settings))
            else "not assessed: the relative likelihood is "
            + (
                "published only as a range"
                if bounds
                else "not published"
                if withheld(found)
                else "undefined"
            )
        ),
        f"{prefix}.chance": verdicts.rl_chance(found).words,
    }


def undefined_reason(note) -> str:
    """'undefined: no <group> applicants were appointed', from indicators.csv's note (which for
    the two-year figure gives its reason without the word 'undefined')."""
    note = "" if _missing(note) else str(note).strip()
    if not note:
        return "undefined"
    return note if note.startswith("undefined") else f"undefined ({note})"


def rl_peers(figures: Figures, org, year, indicator, settings) -> dict | None:
    return peer_position(
        figures, org, year, lambda o: value_of(figures.rl_row(o, year, indicator, settings))
    )


def survey_peers(figures: Figures, org, year, indicator) -> dict | None:
    focus = figures.standard.focus.name

    def pick(o):
        return value_of(figures.row(o, year, indicator, measure="percent", group=focus))

    return peer_position(figures, org, year, pick)
