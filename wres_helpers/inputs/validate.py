"""Check one raw table against the contract and turn it into typed, tidy columns.

All problems are collected, never just the first: an analyst fixes a file once. Values are
parsed once per distinct spelling (the columns come as categoricals), so a national extract
of a million rows costs little more than its few hundred spellings.

Then the rows become what the indicators count: people, not assignments (several workforce
rows with one staff_id are one person), bank rows out of the workforce snapshot, one
disciplinary case per person, and applications that reached shortlisting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import Problem
from ..standards import disability, ethnicity
from .codes import NATIONAL, Codes
from .read import ROW
from .schema import (
    AFC_BANDS,
    CAPABILITY_ILL_HEALTH,
    CAPABILITY_PERFORMANCE,
    DISABLED_ONLY_METRIC,
    DISCIPLINARY,
    ILL_HEALTH,
    LEFT_OUT,
    MANDATORY,
    MEAN_SCORE_METRIC,
    MEDICAL,
    MEDICAL_GRADES,
    NOT_PROCESSED,
    OPEN_ENDED,
    ORGANISATION,
    PERFORMANCE,
    STAFF_ID,
    Column,
    Table,
)

ORG = "organisation"  # the extra key column of a national extract
MAX_PER_COLUMN = 20  # beyond this, one summary line per column keeps the message readable
GROUP_DTYPE = pd.CategoricalDtype(list(ethnicity.GROUPS))
DISABILITY_DTYPE = pd.CategoricalDtype(list(disability.GROUPS))
_LETTER_GROUP = {
    **{k: g for k, (_, g) in ethnicity.CATEGORIES.items()},
    ethnicity.NOT_KNOWN: ethnicity.UNKNOWN,
}
AUDIT_COLUMNS = ["table", "column", "raw", "read_as", "rows", "rule"]


@dataclass(frozen=True)
class Period:
    """The reporting year a folder's files describe: staff in post on `snapshot` (31 March),
    cases opened in the twelve months up to it."""

    snapshot: dt.date

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(dt.date(year, 3, 31))

    @property
    def start(self) -> dt.date:
        return self.snapshot.replace(year=self.snapshot.year - 1) + dt.timedelta(days=1)


@dataclass
class Checked:
    clean: pd.DataFrame
    problems: list[Problem]
    audit: pd.DataFrame  # each distinct raw value of each coded column, what it was read as
    left_out: list[tuple[str, int]] = field(default_factory=list)  # (why, rows)


def validate(
    table: Table, raw: pd.DataFrame, shown: str, keyed: bool = False, codes=NATIONAL, period=None
):
    """Return (clean frame, problems). keyed: rows carry an `organisation` column."""
    checked = check(table, raw, shown, keyed, codes, period)
    return checked.clean, checked.problems


def check(
    table: Table,
    raw: pd.DataFrame,
    shown: str,
    keyed: bool = False,
    codes: Codes = NATIONAL,
    period: Period | None = None,
) -> Checked:
    """period: the reporting year, for the rules by date (staff in post at the snapshot,
    cases opened in the year); None reads no dates."""
    columns = ((Column(ORG, STAFF_ID),) if keyed else ()) + table.columns
    raw, summed = _summed_rows(table, raw)
    groups = None
    problems: list[Problem] = []
    parsed = {ROW: raw[ROW]}  # the frame is built once: a column at a time costs more
    audits: list[tuple] = []
    coded: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # column -> (row codes, per spelling)
    for column in columns:
        if column.name not in raw.columns:
            if column.required and not (column.unless and column.unless in raw.columns):
                problem = _missing(table, column, raw, shown)
                if problem not in problems:
                    problems.append(problem)
            continue
        values, bad, audit, group, spelt = _parse(column, raw[column.name], codes)
        problems += _report(shown, column.name, column.kind.expected, raw, bad)
        parsed[column.name] = values
        if spelt is not None:
            coded[column.name] = spelt
        if group is not None:
            groups = group
        audits += [(table.name, column.name, *row) for row in audit or ()]
    clean = pd.DataFrame(parsed, index=raw.index, copy=False)  # no copy into one block
    missing = [c.name for c in columns if c.required and c.name not in clean and not c.unless]
    left_out: list[tuple[str, int]] = list(raw.attrs.get("left_out", []))  # totals, footers
    if summed:
        left_out.append(("total rows (no identifier, only figures)", summed))
    if not missing:
        problems += _CROSS_CHECKS.get(table.name, lambda *_: [])(clean, raw, shown, keyed, coded)
    if table.group_from == "disability":  # a WDES run compares the disability groups
        if "disability" in clean:
            clean["group"] = clean["disability"].astype(DISABILITY_DTYPE)
    elif groups is not None:
        clean["group"] = groups
    if not missing:  # beside the row checks, so one run lists every problem
        shape = _SHAPE.get(table.name)
        if shape is not None:
            rules = Rules(codes, period)
            keep, found, shaped = shape(clean, raw, shown, keyed, coded, rules)
            problems += found
            left_out += shaped
            if keep is not None and not problems:
                clean = clean.loc[keep]
    # Row-less summary lines ("... more rows like this") follow the rows they summarise.
    problems.sort(key=lambda p: float("inf") if p.row is None else p.row)
    return Checked(clean, problems, pd.DataFrame(audits, columns=AUDIT_COLUMNS), left_out)


_NUMBER = re.compile(r"-?\d+(?:\.\d*)?|-?\.\d+")


def _summed_rows(table: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A report's total row with no label: no staff identifier where the table requires one,
    and nothing but figures in its other cells (a summed FTE). Not a person: left out."""
    ids = [c.name for c in table.columns if c.kind is STAFF_ID and c.required]
    if not ids or ids[0] not in raw:
        return raw, 0
    blank = np.flatnonzero((raw[ids[0]].astype(str) == "").to_numpy())
    if not len(blank):
        return raw, 0
    others = [c for c in raw.columns if c not in (ROW, ids[0])]
    summed = []
    for at in blank:
        cells = [str(raw[c].iloc[at]) for c in others]
        filled = [cell for cell in cells if cell]
        if filled and all(_NUMBER.fullmatch(cell) for cell in filled):
            summed.append(at)
    if not summed:
        return raw, 0
    keep = np.ones(len(raw), dtype=bool)
    keep[summed] = False
    kept = raw.loc[keep]
    kept.attrs.update(raw.attrs)
    return kept, len(summed)


def _missing(table: Table, column: Column, raw: pd.DataFrame, shown: str) -> Problem:
    """A required column not in the header; where no header row was found at all, which
    rows were searched and what for."""
    found = raw.attrs.get("found", [c for c in raw.columns if c != ROW])
    found = ", ".join(f for f in found if f) or "none"
    searched = raw.attrs.get("searched")
    if searched:
        names = ", ".join(c.name for c in table.columns if c.required)
        return Problem(
            shown,
            f"a header row naming the {table.name} table's columns ({names}, or their ESR "
            f"headers); none found in rows 1-{searched}, so row 1 was taken as the header "
            f"(row 1 has: {found})",
            row=1,
        )
    return Problem(
        shown,
        f"a required column named '{column.name}' (columns found: {found})",
        row=raw.attrs.get("header_row", 1),
        column=column.name,
    )


def _parse(column: Column, raw: pd.Series, codes: Codes):
    """(values, bad rows, audit rows or None, group or None, (row codes, per spelling)):
    each distinct spelling parsed once; the group (ethnic category -> the standard's
    group) is worked out per spelling too. An audit row: (raw, read as, rows, rule)."""
    kind = column.kind
    if kind.vector is not None and not isinstance(raw.dtype, pd.CategoricalDtype):
        values = kind.vector(raw)
        return values, values.isna() & ((raw != "") | column.required), None, None, None
    table = codes.table(kind.codes) if kind.codes else None
    parse = (lambda text: kind.parse(text, table)) if kind.codes else kind.parse
    if isinstance(raw.dtype, pd.CategoricalDtype):
        spellings = [str(s) for s in raw.cat.categories]
        codes_of_rows = raw.cat.codes.to_numpy()
    else:
        codes_of_rows, uniques = pd.factorize(raw, use_na_sentinel=True)
        spellings = [str(s) for s in uniques]
    spellings.append("")  # the last slot: a missing cell (code -1)
    parsed = np.empty(len(spellings), dtype=object)
    for number, text in enumerate(spellings):
        parsed[number] = parse(text)
    invalid = np.array([v is None for v in parsed])
    if not column.required:
        invalid &= np.array([text != "" for text in spellings])
    values = pd.Series(parsed[codes_of_rows], index=raw.index, dtype=object)
    bad = invalid[codes_of_rows]  # (for _report: no Series needed)
    group = None
    if kind.codes == "ethnic_category":
        letters = [_LETTER_GROUP.get(v) for v in parsed]
        group_codes = np.array([-1 if g is None else ethnicity.GROUPS.index(g) for g in letters])
        group = pd.Series(
            pd.Categorical.from_codes(group_codes[codes_of_rows], dtype=GROUP_DTYPE),
            index=raw.index,
        )
    audit = None
    if kind.codes:
        shown_as = [
            "(refused)"
            if bad_one
            else "(blank: not read)"
            if value is None
            else _shown(kind.codes, value)
            for value, bad_one in zip(parsed, invalid, strict=True)
        ]
        rows = np.bincount(codes_of_rows + 1, minlength=len(spellings))  # -1 -> slot 0
        counts = dict(zip(spellings[:-1], rows[1:], strict=True))
        counts[""] = counts.get("", 0) + rows[0]
        audit = [
            (text, shown_as[number], int(counts[text]),
             _rule(codes, kind.codes, text, parsed[number]))
            for number, text in enumerate(spellings[:-1] if rows[0] == 0 else spellings)
            if counts.get(text) and (number < len(spellings) - 1 or "" not in spellings[:-1])
        ]  # fmt: skip
    return values, bad, audit, group, (codes_of_rows, parsed)


@dataclass(frozen=True)
class Rules:
    """What the shaping rules read besides the rows: the code lists (and their `rules:`) and
    the reporting year."""

    codes: Codes
    period: Period | None


def _flags(coded: dict, column: str, test) -> np.ndarray:
    """test(value) for every row, worked out once per spelling."""
    codes_of_rows, parsed = coded[column]
    return np.array([bool(test(v)) for v in parsed])[codes_of_rows]


def _shown(section: str, value) -> str:
    if value is None:
        return "(refused)"
    if section == "ethnic_category":
        return f"{value} ({ethnicity.group_of(value)})"
    return str(value)


def _rule(codes: Codes, section: str, text: str, value) -> str:
    if value is None:
        return ""
    if codes.local.get(section) and codes.is_local(section, text):  # (none: no key worked out)
        return f"local ({codes.file})"
    return ethnicity.rule(text) if section == "ethnic_category" else "ESR default"


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


def _person_keys(raw: pd.DataFrame, keyed: bool) -> np.ndarray:
    """One integer per person (per organisation in an extract), for every row: duplicates
    share it. Ids are hashed by pyarrow: a national extract has a million and more."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = pa.array(raw["staff_id"].astype(str).array)
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    ids = pc.dictionary_encode(ids).indices.to_numpy(zero_copy_only=False).astype(np.int64)
    if keyed:
        column = raw[ORG]
        coded = isinstance(column.dtype, pd.CategoricalDtype)
        orgs = np.asarray(column.cat.codes if coded else column.factorize()[0], dtype=np.int64)
        ids = pd.factorize(orgs * (len(raw) + 1) + ids)[0]
    return ids


def _workforce_shape(clean, raw, shown, keyed, coded, rules):
    """Rows not in post at the snapshot out (each rule counted); each person's row: the
    primary assignment, else the highest contracted FTE, else the first. Rows of one person
    that disagree on ethnicity: an error. Returns (rows kept, problems, rows left out and
    why); clean is still raw's rows here."""
    left_out: list[tuple[str, int]] = []
    problems: list[Problem] = []
    keep = np.ones(len(clean), dtype=bool)
    for why, out in _not_in_post(coded, rules):
        out = out & keep
        if out.any():
            left_out.append((why, int(out.sum())))
            keep &= ~out
    # a blank id is its own problem, and no person
    keep_person = keep & clean["staff_id"].notna().to_numpy() if "staff_id" in clean else keep
    live = np.flatnonzero(keep_person)
    person = _person_keys(raw, keyed)[live]
    repeated = np.bincount(person)[person] > 1
    if not repeated.any():
        return keep, problems, left_out
    rows = live[repeated]  # positions of the rows of people with more than one
    primary = (
        _flags(coded, "primary_assignment", lambda v: v is True)[rows]
        if "primary_assignment" in coded
        else np.zeros(len(rows), dtype=bool)
    )
    fte = (
        np.array([-1.0 if v is None else v for v in coded["fte"][1]])[coded["fte"][0]][rows]
        if "fte" in coded
        else np.zeros(len(rows))
    )
    order = pd.DataFrame(
        {"person": person[repeated], "primary": primary, "fte": fte, "at": rows,
         "letter": clean["ethnic_category"].to_numpy()[rows]}
    )  # fmt: skip
    order = order.sort_values(
        ["person", "primary", "fte", "at"], ascending=[True, False, False, True]
    )
    first = order.groupby("person", sort=False).head(1).set_index("person")
    chosen = order["person"].map(first["at"]).to_numpy()
    chosen_letter = first["letter"].reindex(order["person"]).to_numpy()
    letter = order["letter"].to_numpy()
    # a refused ethnic origin is reported by its row already: no second message
    differ = (letter != chosen_letter) & pd.notna(letter) & pd.notna(chosen_letter)
    row_numbers = raw[ROW].to_numpy()
    ethnic = raw["ethnic_category"]
    for at, was in list(zip(order["at"].to_numpy()[differ], chosen[differ], strict=True))[
        :MAX_PER_COLUMN
    ]:
        problems.append(
            Problem(
                shown,
                f"the same ethnic category on every row of one person (row {row_numbers[was]} "
                f"has {str(ethnic.iloc[was])!r} for this staff_id)",
                row=int(row_numbers[at]),
                column="ethnic_category",
                value=str(ethnic.iloc[at]),
            )
        )
    if int(differ.sum()) > MAX_PER_COLUMN:
        extra = int(differ.sum()) - MAX_PER_COLUMN
        problems.append(
            Problem(
                shown,
                f"the same ethnic category on every row of one person ({extra} more rows "
                "like this not listed)",
                column="ethnic_category",
            )
        )
    keep[rows] = False
    keep[first["at"].to_numpy()] = True
    left_out.append(
        (
            f"further assignments of {len(first)} staff with more than one row",
            len(rows) - len(first),
        )
    )
    return keep, problems, left_out


def _not_in_post(coded: dict, rules: Rules):
    """(why, rows) for each rule that takes a row out of the staff in post, in order."""
    if "contract" in coded:
        yield (
            "bank rows (not in the workforce snapshot)",
            _flags(coded, "contract", lambda v: v == "bank"),
        )
    if "pay_band" in coded:
        yield (
            "rows whose grade is not staff (the Chair, non-executive directors: grade map)",
            _flags(coded, "pay_band", lambda v: v == LEFT_OUT),
        )
    period = rules.period
    if period is not None and "end_date" in coded:
        day = period.snapshot
        yield (
            f"leavers: end date before the snapshot date ({day:%-d %B %Y})",
            _flags(coded, "end_date", lambda v: v is not None and v < day and not _open(v)),
        )
    if period is not None and "start_date" in coded:
        day = period.snapshot
        yield (
            f"starters: start date after the snapshot date ({day:%-d %B %Y})",
            _flags(coded, "start_date", lambda v: v is not None and v > day and not _open(v)),
        )
    if "fte" in coded and not rules.codes.rules.get("keep_fte_zero"):
        yield (
            "assignments with contracted FTE 0 (honorary, zero-hours; rule keep_fte_zero)",
            _flags(coded, "fte", lambda v: v == 0),
        )


def _open(day: dt.date) -> bool:
    return day.isoformat() in OPEN_ENDED


def _recruitment_shape(clean, raw, shown, keyed, coded, rules):
    """One row per application with a status: keep those that reached shortlisting."""
    if "appointed" in raw.columns or "status" not in coded:
        return None, [], []
    clean["appointed"] = _flags(coded, "status", lambda v: v == "appointed")
    counted = _flags(coded, "status", lambda v: v in ("shortlisted", "appointed"))
    waiting = _flags(coded, "status", lambda v: v == NOT_PROCESSED)
    left_out = []
    if waiting.any():
        left_out.append(
            ("applications not yet processed (blank or unprocessed status)", int(waiting.sum()))
        )
    out = ~counted & ~waiting
    if out.any():
        left_out.append(
            ("applications not shortlisted, or not counted (status map)", int(out.sum()))
        )
    if "applicant_id" in clean and "vacancy" in clean:
        # One applicant applying twice to one vacancy is one application: keep the
        # appointed row if there is one, else the first.
        keys = ([ORG] if keyed else []) + ["applicant_id", "vacancy"]
        given = (clean["applicant_id"].fillna("") != "").to_numpy() & counted
        rows = clean.loc[given, keys].assign(appointed=clean.loc[given, "appointed"])
        rows = rows.sort_values("appointed", ascending=False, kind="stable")
        repeat = rows.duplicated(keys, keep="first")
        if repeat.any():
            counted[clean.index.get_indexer(rows.index[repeat.to_numpy()])] = False
            left_out.append(
                ("repeat applications of one applicant to one vacancy", int(repeat.sum()))
            )
    return counted, [], left_out


def _cases_shape(processes: dict[str, str | None]):
    """A case log's rows as one process counts them: cases of the process's types (the
    case-type map) opened in the reporting year, one per person (per grounds, for capability).
    processes: case type -> the grounds it gives (None: no grounds column)."""

    def shape(clean, raw, shown, keyed, coded, rules):
        keep, left_out, problems = np.ones(len(clean), dtype=bool), [], []
        if "case_type" in coded:
            other = _flags(coded, "case_type", lambda v: v is not None and v not in processes)
            if other.any():
                left_out.append(("cases of other types (case-type map)", int(other.sum())))
                keep &= ~other
            if "grounds" not in raw.columns and any(processes.values()):
                grounds = np.array([processes.get(v) for v in coded["case_type"][1]], dtype=object)
                clean["grounds"] = grounds[coded["case_type"][0]]
        period = rules.period
        if period is not None and "opened" in coded:
            undated = keep & _flags(coded, "opened", lambda v: v is None)
            problems += _report(
                shown,
                "opened",
                "the date the case was opened",
                raw,
                pd.Series(undated, index=raw.index),
            )
            start, end = period.start, period.snapshot
            outside = keep & _flags(
                coded, "opened", lambda v: v is not None and not start <= v <= end
            )
            if outside.any():
                year = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
                why = f"cases opened outside the reporting year ({year})"
                left_out.append((why, int(outside.sum())))
                keep &= ~outside
        if "staff_id" in clean:
            keys = ([ORG] if keyed else []) + ["staff_id"]
            keys += ["grounds"] if "grounds" in clean else []
            given = (clean["staff_id"].fillna("").astype(str) != "").to_numpy() & keep
            repeat = np.zeros(len(clean), dtype=bool)
            repeat[given] = clean.loc[given, keys].duplicated(keep="first").to_numpy()
            if repeat.any():
                left_out.append(("repeat cases of a person already counted", int(repeat.sum())))
                keep &= ~repeat
        return (None if keep.all() else keep), problems, left_out

    return shape


def _workforce(clean, raw, shown, keyed, coded) -> list[Problem]:
    if "staff_group" not in coded or "pay_band" not in coded:
        return []
    medical = _flags(coded, "staff_group", lambda v: v == MEDICAL)
    known = _flags(coded, "staff_group", lambda v: v is not None)
    known &= _flags(coded, "pay_band", lambda v: v not in (None, LEFT_OUT))
    is_grade = _flags(coded, "pay_band", lambda v: v in MEDICAL_GRADES)
    problems = _report(
        shown,
        "pay_band",
        "a medical grade (" + ", ".join(MEDICAL_GRADES) + ") for Medical and dental staff",
        raw,
        pd.Series(known & medical & ~is_grade, index=raw.index),
    )
    problems += _report(
        shown,
        "pay_band",
        "an Agenda for Change band (" + ", ".join(AFC_BANDS) + ") for "
        "Clinical and Non-clinical staff; medical grades are for Medical and dental staff",
        raw,
        pd.Series(known & ~medical & is_grade, index=raw.index),
    )
    return problems


def _staff_survey(clean, raw, shown, keyed, coded) -> list[Problem]:
    return _survey_counts(clean, raw, shown, keyed, clean["positive"], "indicator")


def _survey_counts(clean, raw, shown, keyed, positive, item: str) -> list[Problem]:
    """What both standards' survey files must hold: no more positive answers than
    respondents, and one row per `item` (indicator or metric) and group."""
    # Unparsed counts are None: compare as floats so they are NaN (never "over"), not a crash.
    over = positive.astype(float) > clean["respondents"].astype(float)
    respondents = dict(zip(clean[ROW], clean["respondents"], strict=True))
    problems = _report(
        shown,
        "positive",
        "",
        raw,
        over,
        why=lambda row: f"a number no larger than respondents ({respondents[row]:.0f})",
    )
    keys = ([ORG] if keyed else []) + [item, "group"]
    if "survey_year" in clean:  # one survey per file (per organisation in an extract)
        by = clean[ORG] if keyed else pd.Series(0, index=clean.index)
        years = clean["survey_year"]
        first = years.groupby(by).transform("first")
        problems += _report(
            shown,
            "survey_year",
            "",
            raw,
            years.notna() & first.notna() & (years != first),
            why=lambda row: "the same survey year on every row: one file holds one survey",
        )
    repeat = clean.duplicated(keys, keep="first") & clean[keys].notna().all(axis=1)
    problems += _report(
        shown,
        "group",
        f"one row per {item} and group (this {item} and group came before)",
        raw,
        repeat,
    )
    return problems


def _training_shape(clean, raw, shown, keyed, coded, rules):
    """Learning records as the training indicator reads them: non-mandatory courses completed in the
    reporting year (the mandatory and statutory ones are on the course list)."""
    keep, left_out = np.ones(len(clean), dtype=bool), []
    if "course" in coded:
        mandatory = _flags(coded, "course", lambda v: v == MANDATORY)
        if mandatory.any():
            left_out.append(("mandatory and statutory courses (course list)", int(mandatory.sum())))
            keep &= ~mandatory
    period = rules.period
    if period is not None and "completed" in coded:
        start, end = period.start, period.snapshot
        outside = keep & _flags(
            coded, "completed", lambda v: v is not None and not start <= v <= end
        )
        if outside.any():
            year = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
            left_out.append(
                (f"courses completed outside the reporting year ({year})", int(outside.sum()))
            )
            keep &= ~outside
    return (None if keep.all() else keep), [], left_out


_SHAPE = {
    "training": _training_shape,
    "workforce": _workforce_shape,
    "recruitment": _recruitment_shape,
    "disciplinary": _cases_shape({DISCIPLINARY: None}),
    "capability": _cases_shape(
        {CAPABILITY_PERFORMANCE: PERFORMANCE, CAPABILITY_ILL_HEALTH: ILL_HEALTH}
    ),
}
_CROSS_CHECKS = {"workforce": _workforce, "staff_survey": _staff_survey}


# --- the WDES tables ----------------------------------------------------------------------


def _wdes_survey(clean, raw, shown, keyed, coded=None) -> list[Problem]:
    """9a rows carry a mean score, the others a count of positive answers; metric 8 is asked
    of Disabled staff only, and only 9a has an Organisation row."""
    metric, group = clean["metric"], clean["group"]
    score = clean["mean_score"] if "mean_score" in clean else pd.Series(None, index=clean.index)
    positive = clean["positive"] if "positive" in clean else pd.Series(None, index=clean.index)
    is_mean = metric.eq(MEAN_SCORE_METRIC)
    known = metric.notna()
    problems = []
    for column, bad, expected in (
        (
            "mean_score",
            known & is_mean & score.isna() & _blank(raw, "mean_score"),
            "a mean "
            "score from 0 to 10 for metric 9a (the engagement score is a mean, not a percentage)",
        ),
        (
            "positive",
            known & is_mean & ~_blank(raw, "positive"),
            "blank for metric 9a, which is a mean score: give it in mean_score",
        ),
        (
            "positive",
            known & ~is_mean & positive.isna() & _blank(raw, "positive"),
            "a count of positive answers for a percentage metric",
        ),
        (
            "mean_score",
            known & ~is_mean & ~_blank(raw, "mean_score"),
            "blank: only metric 9a has a mean score",
        ),
        (
            "group",
            metric.eq(DISABLED_ONLY_METRIC) & group.eq(disability.NON_DISABLED),
            "Disabled: metric 8 (adequate adjustments) is asked of Disabled staff only",
        ),
        (
            "group",
            known & ~is_mean & group.eq(ORGANISATION),
            "Disabled or Non-disabled: only metric 9a has an Organisation row",
        ),
    ):
        problems += _report(shown, column, expected, raw, bad)
    return problems + _survey_counts(clean, raw, shown, keyed, positive, "metric")


def _blank(raw: pd.DataFrame, column: str) -> pd.Series:
    if column not in raw:
        return pd.Series(True, index=raw.index)
    return raw[column].astype(str).eq("")


def _voices(clean, raw, shown, keyed, coded=None) -> list[Problem]:
    keys = [ORG] if keyed else []
    repeat = clean.duplicated(keys, keep="first") if keys else pd.Series(True, index=clean.index)
    if not keys:
        repeat.iloc[:1] = False
    return _report(shown, "facilitated", "one row only (metric 9b has one answer)", raw, repeat)


_CROSS_CHECKS.update({"wdes_survey": _wdes_survey, "voices": _voices})
