"""Check one raw table against the contract and turn it into typed, tidy columns.

All problems are collected, never just the first: an analyst fixes a file once.
"""

from __future__ import annotations

import pandas as pd

from ..errors import Problem
from ..standards import ethnicity
from .read import ROW
from .schema import AFC_BANDS, MEDICAL, MEDICAL_GRADES, STAFF_ID, Column, Table

ORG = "organisation"  # the extra key column of a national extract
MAX_PER_COLUMN = 20  # beyond this, one summary line per column keeps the message readable
GROUP_DTYPE = pd.CategoricalDtype(list(ethnicity.GROUPS))
_LETTER_GROUP = {
    **{k: g for k, (_, g) in ethnicity.CATEGORIES.items()},
    ethnicity.NOT_KNOWN: ethnicity.UNKNOWN,
}


def validate(table: Table, raw: pd.DataFrame, shown: str, keyed: bool = False):
    """Return (clean frame, problems). keyed: rows carry an `organisation` column."""
    columns = ((Column(ORG, STAFF_ID),) if keyed else ()) + table.columns
    problems: list[Problem] = []
    clean = pd.DataFrame(index=raw.index)
    clean[ROW] = raw[ROW]
    for column in columns:
        if column.name not in raw.columns:
            if column.required:
                found = ", ".join(c for c in raw.columns if c != ROW) or "none"
                problems.append(
                    Problem(
                        shown,
                        f"a required column named '{column.name}' (columns found: {found})",
                        row=1,
                        column=column.name,
                    )
                )
            continue
        values, bad = _parse(column, raw[column.name])
        problems += _report(shown, column.name, column.kind.expected, raw, bad)
        clean[column.name] = values
    missing = [c.name for c in columns if c.required and c.name not in clean]
    if not missing:  # cross-row checks look only at values that parsed
        problems += _CROSS_CHECKS.get(table.name, lambda *_: [])(clean, raw, shown, keyed)
    # Row-less summary lines ("... more rows like this") follow the rows they summarise.
    problems.sort(key=lambda p: float("inf") if p.row is None else p.row)
    if "ethnic_category" in clean:
        clean["group"] = clean["ethnic_category"].map(_LETTER_GROUP).astype(GROUP_DTYPE)
    return clean, problems


def _parse(column: Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    lookup = {text: column.kind.parse(text) for text in raw.unique()}
    values = raw.map(lookup)
    bad = values.isna()
    if not column.required:
        bad &= raw != ""
    return values, bad


def _report(shown, column, expected, raw, bad, why=None) -> list[Problem]:
    if not bad.any():
        return []
    rows = raw.loc[bad, [ROW, column]].itertuples(index=False)
    problems = []
    for count, (row, value) in enumerate(rows):
        if count == MAX_PER_COLUMN:
            extra = int(bad.sum()) - MAX_PER_COLUMN
            problems.append(
                Problem(
                    shown, f"{expected} ({extra} more rows like this not listed)", column=column
                )
            )
            break
        text = why(row) if why else expected
        problems.append(Problem(shown, text, row=int(row), column=column, value=str(value)))
    return problems


def _workforce(clean, raw, shown, keyed) -> list[Problem]:
    keys = [ORG, "staff_id"] if keyed else ["staff_id"]
    shared = clean[clean.duplicated(keys, keep=False) & clean["staff_id"].notna()]
    first = shared.groupby(keys)[ROW].transform("min")
    repeat = pd.Series(False, index=clean.index)
    repeat[shared.index] = shared[ROW] != first
    first_of = dict(zip(shared[ROW], first, strict=True))
    problems = _report(
        shown,
        "staff_id",
        "",
        raw,
        repeat,
        why=lambda row: f"a staff_id unique in the file (it is also on row {first_of[row]})",
    )
    medical = clean["staff_group"] == MEDICAL
    is_grade = clean["pay_band"].isin(MEDICAL_GRADES)
    known = clean["pay_band"].notna() & clean["staff_group"].notna()
    problems += _report(
        shown,
        "pay_band",
        "a medical grade (" + ", ".join(MEDICAL_GRADES) + ") for Medical and dental staff",
        raw,
        known & medical & ~is_grade,
    )
    problems += _report(
        shown,
        "pay_band",
        "an Agenda for Change band (" + ", ".join(AFC_BANDS) + ") for "
        "Clinical and Non-clinical staff; medical grades are for Medical and dental staff",
        raw,
        known & ~medical & is_grade,
    )
    return problems


def _staff_survey(clean, raw, shown, keyed) -> list[Problem]:
    # Unparsed counts are None: compare as floats so they are NaN (never "over"), not a crash.
    over = clean["positive"].astype(float) > clean["respondents"].astype(float)
    respondents = dict(zip(clean[ROW], clean["respondents"], strict=True))
    problems = _report(
        shown,
        "positive",
        "",
        raw,
        over,
        why=lambda row: f"a number no larger than respondents ({respondents[row]:.0f})",
    )
    keys = ([ORG] if keyed else []) + ["indicator", "group"]
    repeat = clean.duplicated(keys, keep="first") & clean[keys].notna().all(axis=1)
    problems += _report(
        shown,
        "group",
        "one row per indicator and group (this indicator and group came before)",
        raw,
        repeat,
    )
    return problems


_CROSS_CHECKS = {"workforce": _workforce, "staff_survey": _staff_survey}
