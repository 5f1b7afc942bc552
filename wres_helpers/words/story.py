"""Words from figures: formatting, headline figures, trends, peer positions, key messages.

Every sentence here is built from rows of the published table, so each figure a
Board reads can be found in indicators.csv.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..compute.indicators import ALL, COMPARISONS, OVERALL, ROLLING, SINGLE_YEAR, TITLES
from ..inputs.params import Params
from ..inputs.schema import SURVEY_INDICATORS
from ..inputs.settings import Settings
from ..standards.ethnicity import BME, UNKNOWN, WHITE

HIGHER_IS_BETTER = {7}  # survey indicator 7 is a belief in equal opportunities
SURVEY_PHRASE = {
    5: "experienced harassment, bullying or abuse from patients, relatives or the public",
    6: "experienced harassment, bullying or abuse from staff",
    7: "believe the organisation provides equal opportunities for career progression",
    8: "experienced discrimination from a manager, team leader or colleague",
}


# --- formatting: one place, so the PDF, the placeholders and the tests agree -------------


def fmt_rl(value: float) -> str:
    return "undefined" if _missing(value) else f"{value:.2f}"


def fmt_pct(value: float) -> str:
    return "–" if _missing(value) else f"{value:.1f}%"


def fmt_pp(value: float) -> str:
    return "–" if _missing(value) else f"{value:+.1f} points".replace("-", "−")


def fmt_count(value) -> str:
    return "–" if _missing(value) else f"{int(value):,}"


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def flagged(value) -> bool:
    """A yes/no column's value as a bool: numpy and pandas booleans, or missing (False)."""
    return False if _missing(value) else bool(value)


def lower_title(indicator: int) -> str:
    """An indicator's title inside a sentence: 'non-mandatory training and CPD'."""
    text = TITLES[indicator]
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[0].lower() + text[1:]


def hidden_label(suppression: str) -> str:
    """A short cell text for a figure withheld by disclosure control (the reason goes in a
    note under the table, in the words of indicators.csv's `suppression` column)."""
    return "not reported" if "respondents" in str(suppression or "") else "hidden"


# --- finding rows --------------------------------------------------------------------------


class _Lookup:
    """One table's rows by (org, year, indicator), and which rows hold each value a report
    asks about: worked out once per table, as a report asks hundreds of times."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame  # held, so its id cannot be reused while it is cached
        self.groups = frame.groupby(["org", "year", "indicator"], sort=False).indices
        self.equal: dict[tuple, np.ndarray] = {}  # (column, value) -> mask over the table

    def positions(self, org, year, indicator, match: dict) -> np.ndarray:
        found = self.groups.get((org, year, indicator), _NOWHERE)
        for column, value in match.items():
            equal = self.equal.get((column, value))
            if equal is None:
                equal = (self.frame[column] == value).to_numpy(dtype=bool, na_value=False)
                self.equal[(column, value)] = equal
            found = found[equal[found]]
        return found


_NOWHERE = np.array([], dtype=np.intp)
_LOOKUP: dict[int, _Lookup] = {}


def _lookup(frame: pd.DataFrame) -> _Lookup:
    cached = _LOOKUP.get(id(frame))
    if cached is None or cached.frame is not frame:
        cached = _Lookup(frame)
        _LOOKUP.clear()  # one table at a time keeps a long batch's memory flat
        _LOOKUP[id(frame)] = cached
    return cached


def rows(frame: pd.DataFrame, org: str, year: int, indicator: int, **match) -> pd.DataFrame:
    return frame.iloc[_lookup(frame).positions(org, year, indicator, match)]


def row(frame, org, year, indicator, **match) -> pd.Series | None:
    found = _lookup(frame).positions(org, year, indicator, match)
    return frame.iloc[found[0]] if len(found) else None


def headline_breakdown(indicator: int, settings: Settings) -> str:
    if indicator == 3:
        return ROLLING if settings.disciplinary_rolling else SINGLE_YEAR
    return ALL


def rl_row(frame, org, year, indicator, settings) -> pd.Series | None:
    return row(
        frame,
        org,
        year,
        indicator,
        measure="relative_likelihood",
        breakdown=headline_breakdown(indicator, settings),
    )


def value_of(found: pd.Series | None) -> float:
    return math.nan if found is None or _missing(found["value"]) else float(found["value"])


def rl_range(found: pd.Series | None) -> tuple[float, float] | None:
    """The range a relative likelihood resting on a hidden count is published as, if so."""
    if found is None or _missing(found.get("range_low", math.nan)):
        return None
    return float(found["range_low"]), float(found["range_high"])


def withheld(found: pd.Series | None) -> bool:
    """An RL with no value or range because disclosure control withholds it."""
    return found is not None and bool(found.get("suppression", "")) and rl_range(found) is None


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
    """'White applicants 1.46 times as likely … (95% interval 1.02 to 2.09): outside …'.

    small=False leaves out the small-numbers caution (when a sentence before has given it)."""
    if found is None:
        return "Not available: the data was not supplied."
    span = f"({settings.non_adverse_low:.2f} to {settings.non_adverse_high:.2f})"
    verdict = f"{found['non_adverse'] or 'outside'} the non-adverse range {span}"
    if rl_range(found):
        where = (
            verdict
            if found["non_adverse"]
            else f"it may be inside the non-adverse range {span} or outside it"
        )
        why = (
            f"a range, as the exact figure would reveal a hidden count of "
            f"{settings.suppress_from} to {settings.suppress_to}; "
            if small
            else ""
        )
        return f"{found['interpretation']}: {why}{where}."
    if _missing(found["value"]):
        return f"The relative likelihood is {missing_reason(found)}."
    level = round(settings.confidence * 100)
    small = (
        " It rests on small numbers, so treat a change between years with care."
        if small and flagged(found["small_numbers"])
        else ""
    )
    return (
        f"{found['interpretation']} (relative likelihood {fmt_rl(found['value'])}; {level}% "
        f"interval {fmt_rl(found['ci_low'])} to {fmt_rl(found['ci_high'])}): {verdict}.{small}"
    )


def rl_direction(now: float, before: float) -> str:
    """Closer to 1 (on the ratio scale) is better, whichever side of 1 it is on."""
    gap_now, gap_before = abs(math.log(now)), abs(math.log(before))
    if abs(gap_now - gap_before) < 0.02:
        return "about the same"
    return "closer to equal" if gap_now < gap_before else "further from equal"


def rl_change(now: float, before: float, previous_year: int) -> str:
    if _missing(now) or _missing(before):
        return f"No comparison with {previous_year} is possible."
    direction = rl_direction(now, before)
    word = "about the same as" if direction == "about the same" else f"{direction} than"
    return f"This is {word} in {previous_year} ({fmt_rl(before)})."


def survey_sentence(white: pd.Series | None, bme: pd.Series | None, indicator: int) -> str:
    phrase = SURVEY_PHRASE[indicator]
    parts = []
    for group, found in ((BME, bme), (WHITE, white)):
        if found is None:
            parts.append(f"no {group} result was supplied")
        elif _missing(found["value"]):
            parts.append(
                f"the {group} result is not reported ({found['suppression'] or found['note']})"
            )
        else:
            parts.append(f"{fmt_pct(found['value'])} of {group} staff")
    return f"In the staff survey, {parts[0]} and {parts[1]} {phrase}."


def survey_gap(white: pd.Series | None, bme: pd.Series | None, indicator: int) -> str:
    """Which group fares worse, by the gap between the percentages as printed (1 decimal)."""
    w, b = value_of(white), value_of(bme)
    if _missing(w) or _missing(b):
        return ""
    gap = round(b, 1) - round(w, 1)  # so the reader's own subtraction agrees
    worse = gap < 0 if indicator in HIGHER_IS_BETTER else gap > 0
    if abs(gap) < 0.05:
        return "BME and White staff answered alike."
    side = "worse" if worse else "better"
    return f"BME staff fare {side} than White staff by {abs(gap):.1f} percentage points."


def survey_reading(indicator: int) -> str:
    """What a higher percentage means for a survey indicator."""
    return "higher is better" if indicator in HIGHER_IS_BETTER else "higher is worse"


def trend_text(values: dict[int, str]) -> str:
    return "; ".join(f"{year}: {text}" for year, text in values.items())


def peer_position(frame, org, year, indicator, pick) -> dict | None:
    """Where org sits among itself and its comparators on one figure in one year.

    pick(frame, org) -> the figure for one organisation (NaN if none)."""
    orgs = sorted(frame.loc[frame["year"] == year, "org"].unique())
    values = {o: pick(o) for o in orgs}
    values = {o: v for o, v in values.items() if not _missing(v)}
    if org not in values or len(values) < 2:
        return None
    ranked = sorted(values.values(), reverse=True)
    series = pd.Series(values)
    return {
        "value": values[org],
        "rank": ranked.index(values[org]) + 1,
        "count": len(values),
        "median": float(series.median()),
        "low": float(series.min()),
        "high": float(series.max()),
        "values": values,
    }


def peer_place(position: dict) -> str:
    """'the highest', 'the lowest' or '3rd highest' of the organisations compared."""
    rank, count = position["rank"], position["count"]
    if rank == 1:
        return "the highest"
    if rank == count:
        return "the lowest"
    return _ordinal(rank) + " highest"


def peer_sentence(
    position: dict | None, fmt, what: str, name: str, reading: str = "", missing: str = ""
) -> str:
    """Where `name` sits among its comparators; `reading` says what a higher figure means."""
    if position is None:
        return missing or "No comparison with other organisations is possible for this figure."
    count = position["count"]
    meaning = f"; {reading}" if reading else ""
    return (
        f"Among {count} organisations ({name} and its comparators), {name}'s {what} of "
        f"{fmt(position['value'])} is {peer_place(position)} (median {fmt(position['median'])}, "
        f"range {fmt(position['low'])} to {fmt(position['high'])}{meaning})."
    )


def _ordinal(n: int) -> str:
    return f"{n}{'tsnrhtdd'[(n // 10 % 10 != 1) * (n % 10 < 4) * n % 10 :: 4]}"


# --- placeholders ------------------------------------------------------------------------


NOT_AVAILABLE = "not available (data not supplied)"


def placeholder_values(frame: pd.DataFrame, params: Params) -> dict[str, str]:
    """Every name an analyst may write as {{ name }} in the commentary, with its text.

    Every name exists whatever data was supplied, so a name is refused only when it is
    misspelt: a figure whose data was not supplied reads 'not available (data not
    supplied)', and an undefined relative likelihood gives its reason."""
    org, year, settings = params.organisation.code, params.year, params.settings
    values = {
        "org.name": params.organisation.name,
        "org.code": org,
        "year": str(year),
        "previous_year": str(year - 1),
        "snapshot_date": f"{params.snapshot_date.day} {params.snapshot_date:%B %Y}",
    }
    for when, y in (("", year), ("previous.", year - 1)):
        head = row(frame, org, y, 1, breakdown=OVERALL, measure="percent", group=WHITE)
        values[f"{when}workforce.headcount"] = (
            NOT_AVAILABLE if head is None else fmt_count(head["denominator"])
        )
        for group in (WHITE, BME, UNKNOWN):
            found = row(frame, org, y, 1, breakdown=OVERALL, measure="percent", group=group)
            values[f"{when}workforce.{group.lower()}.percent"] = fmt_pct(value_of(found))
        unknown = value_of(
            row(frame, org, y, 1, breakdown=OVERALL, measure="percent", group=UNKNOWN)
        )
        values[f"{when}workforce.self_reported"] = fmt_pct(100 - unknown)
        for n in COMPARISONS:
            prefix = f"{when}ind{n}"
            values |= _rl_placeholders(prefix, rl_row(frame, org, y, n, settings))
            for group in (WHITE, BME):
                found = row(
                    frame,
                    org,
                    y,
                    n,
                    measure="percent",
                    group=group,
                    breakdown=headline_breakdown(n, settings),
                )
                values[f"{prefix}.{group.lower()}.percent"] = fmt_pct(value_of(found))
        for breakdown, key in ((SINGLE_YEAR, "single"), (ROLLING, "rolling")):
            found = row(frame, org, y, 3, measure="relative_likelihood", breakdown=breakdown)
            values[f"{when}ind3.{key}.rl"] = NOT_AVAILABLE if found is None else rl_text(found)
        for n in SURVEY_INDICATORS:
            for group in (WHITE, BME):
                found = row(frame, org, y, n, measure="percent", group=group)
                values[f"{when}ind{n}.{group.lower()}.percent"] = fmt_pct(value_of(found))
        for group in (WHITE, BME, UNKNOWN):
            g = group.lower()
            board = dict(breakdown="Board (voting)", group=group)
            values[f"{when}ind9.{g}.difference"] = fmt_pp(
                value_of(row(frame, org, y, 9, measure="difference_pp", **board))
            )
            values[f"{when}ind9.{g}.percent"] = fmt_pct(
                value_of(row(frame, org, y, 9, measure="percent", **board))
            )
            values[f"{when}ind9.{g}.headcount"] = fmt_count(
                value_of(row(frame, org, y, 9, measure="headcount", **board))
            )
    return values


def _rl_placeholders(prefix: str, found: pd.Series | None) -> dict[str, str]:
    """indN.rl, .rl_low, .rl_high, .statement and .verdict for one relative likelihood row:
    'not available' when its data was not supplied, the reason when it is undefined or
    withheld, 'between 0.74 and 5.24' when it is published as a range."""
    names = ("rl", "rl_low", "rl_high", "statement", "verdict")
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
        f"{prefix}.verdict": f"{found['non_adverse']} the non-adverse range"
        if found["non_adverse"]
        else "not assessed: the relative likelihood is "
        + (
            "published only as a range"
            if bounds
            else "not published"
            if withheld(found)
            else "undefined"
        ),
    }


def undefined_reason(note) -> str:
    """'undefined: no BME applicants were appointed', from indicators.csv's note (which for
    the two-year figure gives its reason without the word 'undefined')."""
    note = "" if _missing(note) else str(note).strip()
    if not note:
        return "undefined"
    return note if note.startswith("undefined") else f"undefined ({note})"


def title(indicator: int) -> str:
    return TITLES[indicator]


def rl_peers(frame, org, year, indicator, settings) -> dict | None:
    return peer_position(
        frame, org, year, indicator, lambda o: value_of(rl_row(frame, o, year, indicator, settings))
    )


def survey_peers(frame, org, year, indicator) -> dict | None:
    def pick(o):
        return value_of(row(frame, o, year, indicator, measure="percent", group=BME))

    return peer_position(frame, org, year, indicator, pick)


def key_messages(frame: pd.DataFrame, org: str, year: int, settings: Settings) -> list[str]:
    """The executive summary's bullets, each figure traceable to a row of indicators.csv.

    Every relative likelihood is given in words, naming the group it favours."""
    messages = [m for m in [workforce_message(frame, org, year)] if m]
    verdicts: dict[str, list[str]] = {"outside": [], "inside": []}
    for n in COMPARISONS:
        found = rl_row(frame, org, year, n, settings)
        if found is not None and found["non_adverse"] in verdicts:
            verdicts[found["non_adverse"]].append(str(n))
    if verdicts["outside"] or verdicts["inside"]:
        parts = [
            f"{_indicators(numbers)} {'are' if len(numbers) > 1 else 'is'} {where}"
            for where, numbers in verdicts.items()
            if numbers
        ]
        messages.append(
            f"**Relative likelihoods**: against the non-adverse range "
            f"({settings.non_adverse_low:.2f} to {settings.non_adverse_high:.2f}), "
            + " and ".join(parts)
            + "."
        )
    for n in COMPARISONS:
        message = rl_message(frame, org, year, n, settings)
        if message:
            messages.append(message)
    for n in SURVEY_INDICATORS:
        message = survey_message(frame, org, year, n)
        if message:
            messages.append(message)
    board = row(frame, org, year, 9, measure="difference_pp", breakdown="Board (voting)", group=BME)
    share = row(frame, org, year, 9, measure="percent", breakdown="Board (voting)", group=BME)
    if board is not None and not _missing(board["value"]):
        messages.append(
            f"**Board (indicator 9)**: BME members are {fmt_pct(value_of(share))} of the voting "
            f"Board, {fmt_pp(board['value'])} against the BME share of the workforce."
        )
    return messages


def _indicators(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"indicator {numbers[0]}"
    return "indicators " + ", ".join(numbers[:-1]) + f" and {numbers[-1]}"


def workforce_message(frame: pd.DataFrame, org: str, year: int) -> str:
    now = row(frame, org, year, 1, breakdown=OVERALL, measure="percent", group=BME)
    if now is None or _missing(now["value"]):
        return ""
    before = value_of(row(frame, org, year - 1, 1, breakdown=OVERALL, measure="percent", group=BME))
    change = "" if _missing(before) else f" ({fmt_pct(before)} in {year - 1})"
    return (
        f"**Workforce (indicator 1)**: BME staff are {fmt_pct(now['value'])} of the "
        f"{fmt_count(now['denominator'])} staff{change}."
    )


def rl_message(frame: pd.DataFrame, org: str, year: int, n: int, settings: Settings) -> str:
    """One indicator's relative likelihood in words, its change and its place among peers."""
    found = rl_row(frame, org, year, n, settings)
    if found is None:
        return ""
    rolling = ", two-year rolling" if headline_breakdown(n, settings) == ROLLING else ""
    head = f"Indicator {n} ({lower_title(n)}{rolling})"
    verdict = f": {found['non_adverse']} the non-adverse range" if found["non_adverse"] else ""
    if rl_range(found):
        return (
            f"**{head}{verdict}.** {found['interpretation']}: the exact figure is not "
            "published, as it rests on a count small enough to identify people."
        )
    if _missing(found["value"]):
        return f"**{head}**: the relative likelihood is {missing_reason(found)}."
    parts = [f"{found['interpretation']} (relative likelihood {fmt_rl(found['value'])})"]
    before = value_of(rl_row(frame, org, year - 1, n, settings))
    if not _missing(before):
        direction = rl_direction(found["value"], before)
        parts.append(
            f"about the same as in {year - 1} ({fmt_rl(before)})"
            if direction == "about the same"
            else f"{direction} than in {year - 1} ({fmt_rl(before)})"
        )
    position = rl_peers(frame, org, year, n, settings)
    if position:
        parts.append(
            f"{peer_place(position)} of {position['count']} organisations compared "
            f"(median {fmt_rl(position['median'])})"
        )
    small = " It rests on small numbers." if flagged(found["small_numbers"]) else ""
    return f"**{head}{verdict}.** " + "; ".join(parts) + "." + small


def survey_message(frame: pd.DataFrame, org: str, year: int, n: int) -> str:
    white = row(frame, org, year, n, measure="percent", group=WHITE)
    bme = row(frame, org, year, n, measure="percent", group=BME)
    head = f"**Indicator {n} ({lower_title(n)})**"
    if bme is not None and _missing(bme["value"]):
        reason = bme["suppression"] or bme["note"] or "not available"
        return f"{head}: the BME result is not reported ({reason})."
    if white is None or bme is None:
        return ""
    figures = f"BME {fmt_pct(value_of(bme))}, White {fmt_pct(value_of(white))}"
    before = value_of(row(frame, org, year - 1, n, measure="percent", group=BME))
    change = "" if _missing(before) else f" (BME {fmt_pct(before)} in {year - 1})"
    return f"{head}: {figures}{change}. {survey_gap(white, bme, n)}"
