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
from .formatting import flagged as flagged
from .formatting import fmt_count, fmt_pct, fmt_rl, ordinal
from .formatting import missing as _missing
from .lookup import Figures, value_of


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


def crosses_range(found: pd.Series, settings: Settings) -> bool:
    """A ranged RL whose range crosses an end of the non-adverse range, so has no verdict."""
    bounds = rl_range(found)
    return bounds is not None and not range_verdict(*bounds, settings)


def fmt_range(bounds: tuple[float, float]) -> str:
    return f"between {fmt_rl(bounds[0])} and {fmt_rl(bounds[1])}"


def missing_reason(found: pd.Series) -> str:
    """Why an RL has no exact value: disclosure control's reason, or why it is undefined."""
    return found.get("suppression", "") or undefined_reason(found["note"])


# --- sentences -------------------------------------------------------------------------------


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


def _listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def peer_sentence(
    position: dict | None, fmt, what: str, name: str, reading: str = "", missing: str = ""
) -> str:
    """Where `name` sits among its comparators, how many were compared and why any with the
    year's data was not (`position`'s "without"); `reading` says what a higher figure means."""
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
    others = position["count"] - 1
    without = position.get("without") or {}
    by_reason: dict[str, list[str]] = {}
    for other, why in without.items():
        by_reason.setdefault(why, []).append(other)
    left_out = (
        " Not compared: "
        + "; ".join(f"{_listed(orgs)} ({why})" for why, orgs in by_reason.items())
        + "."
        if without
        else ""
    )
    return (
        f"{name}'s {what} of {fmt(position['value'])} is {peer_place(position)} organisations "
        f"({name} and {others} comparator{'s' if others != 1 else ''}; median "
        f"{fmt(position['median'])}, range {fmt(position['low'])} to {fmt(position['high'])}"
        f"{meaning})." + as_published + left_out
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


def undefined_reason(note) -> str:
    """'undefined: no <group> applicants were appointed', from indicators.csv's note (which for
    the two-year figure gives its reason without the word 'undefined')."""
    note = "" if _missing(note) else str(note).strip()
    if not note:
        return "undefined"
    return note if note.startswith("undefined") else f"undefined ({note})"
