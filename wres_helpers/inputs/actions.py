"""The action plan (params/<ORG>/<YEAR>/action-plan.csv or .xlsx), validated like the data:
each action SMART (the indicator it addresses, its baseline, target, measure of success, lead
and date), and last year's plan reviewed against this year's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from ..standards.registry import Standard
from . import read
from .schema import TEXT, Column, Kind, Table
from .validate import validate

NAME = "action-plan"
STATUSES = ("Red", "Amber", "Green", "Complete")
_STATUS_WORDS = {
    "r": "Red",
    "a": "Amber",
    "g": "Green",
    "blue": "Complete",
    "b": "Complete",
    "done": "Complete",
    "completed": "Complete",
}


def _date(raw: str) -> dt.date | None:
    text = raw.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}[ T]", text):  # workbooks give "2019-06-30 00:00:00"
        text = text[:10]
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _optional_date(raw: str):
    return _date(raw) if raw.strip() else ""


def _indicators(standard: Standard):
    """A parser of a list of the standard's indicator ids ('2, 3'), in report order; an id
    may be written as the report prints it ('4a(ii)') or as its file name has it ('4a_ii')."""
    known = {i.lower(): i for i in standard.ids}
    known |= {ind.printed.lower(): ind.id for ind in standard.indicators}

    def parse(raw: str) -> tuple[str, ...] | None:
        parts = [p.lower() for p in re.split(r"[,;/\s]+", raw.strip()) if p]
        parts = [str(int(p)) if p.isdigit() else p for p in parts]  # "02" is 2
        if not parts or not all(p in known for p in parts):
            return None
        return tuple(sorted({known[p] for p in parts}, key=standard.order))

    return parse


def _expected_ids(standard: Standard) -> str:
    ids = standard.ids
    shown = [standard.indicator(i).printed for i in ids]
    listed = f"{ids[0]}-{ids[-1]}" if all(i.isdigit() for i in ids) else ", ".join(shown)
    return f"{standard.term} numbers {listed}, e.g. '{ids[1]}' or '{ids[1]}, {ids[2]}'"


def _status(raw: str) -> str | None:
    text = raw.strip().lower()
    return next((s for s in STATUSES if s.lower() == text), _STATUS_WORDS.get(text))


def _non_empty(raw: str) -> str | None:
    return raw.strip() or None


DATE = Kind(_date, "a date such as 2019-06-30 or 30/06/2019")
OPTIONAL_DATE = Kind(_optional_date, "a date such as 2019-06-30 or 30/06/2019, or blank")
STATUS = Kind(_status, "a status: Red, Amber, Green or Complete")
REQUIRED_TEXT = Kind(_non_empty, "some text (not blank)")


def action_table(standard: Standard) -> Table:
    """The action plan's columns; `indicators` takes the ids of the report's standard."""
    return Table(
        NAME,
        (
            Column("action", REQUIRED_TEXT),
            Column("indicators", Kind(_indicators(standard), _expected_ids(standard))),
            # SMART: optional when read (last year's plans lack them); a final needs a target.
            Column("baseline", TEXT, required=False),
            Column("target", TEXT, required=False),
            Column("measure", TEXT, required=False),
            Column("lead", REQUIRED_TEXT),
            Column("start", OPTIONAL_DATE, required=False),
            Column("due", DATE),
            Column("status", STATUS),
            Column("progress", TEXT, required=False),
        ),
    )


def load_actions(params_dir: Path, report_date: dt.date, standard: Standard) -> pd.DataFrame:
    """The action plan with an `overdue` column and each action's `row` in its file (the
    file is `attrs["file"]`); empty if there is no file yet."""
    table = action_table(standard)
    path = read.find(Path(params_dir), NAME)
    columns = [c.name for c in table.columns] + ["overdue", "row"]
    if path is None:
        return pd.DataFrame(columns=columns)
    raw = read.read_table(path)
    clean, problems = validate(table, raw, read.display_path(path))
    if problems:
        raise InputError(problems)
    for column in ("baseline", "target", "measure", "start", "progress"):
        if column not in clean:
            clean[column] = ""
    shown = read.display_path(path)
    late = [
        Problem(
            shown,
            "a due date on or after the start date",
            row=int(row),
            column="due",
            value=str(due),
        )
        for row, start, due in zip(clean["_row"], clean["start"], clean["due"], strict=True)
        if start and start > due
    ]
    if late:
        raise InputError(late)
    clean["overdue"] = clean["status"].ne("Complete") & clean["due"].lt(report_date)
    clean["row"] = clean["_row"].astype(int)
    plan = clean[columns].reset_index(drop=True)
    plan.attrs["file"] = shown
    return plan


def not_smart(plan: pd.DataFrame) -> list[str]:
    """What a final report still needs of the plan: a target for every action (a lead is
    needed even in a draft), each named by file and row."""
    return [
        f"{plan.attrs['file']}, row {row}: the action '{_short(action)}' has no target"
        for row, action, target in zip(plan["row"], plan["action"], plan["target"], strict=True)
        if not str(target).strip()
    ]


def _short(text: str, most: int = 50) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _same(text: str) -> str:
    """An action's words compared without case, spacing or a final full stop."""
    return " ".join(str(text).lower().split()).rstrip(".")


REVIEW_COLUMNS = ["action", "indicators", "status", "progress", "outcome"]


def review(last_year: pd.DataFrame, this_year: pd.DataFrame) -> pd.DataFrame:
    """Last year's actions, each with its `outcome`: carried forward when this year's plan
    holds the same action (the same words, ignoring case and spacing), else closed, complete
    or not. The status and progress are last year's file's: the analyst brings them up to
    date there at the year's end, so they are the review's status and evidence."""
    if last_year.empty:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    kept = {_same(a) for a in this_year.get("action", [])}
    outcome = [
        "Carried forward"
        if _same(action) in kept
        else "Closed: complete"
        if status == "Complete"
        else "Closed: not complete"
        for action, status in zip(last_year["action"], last_year["status"], strict=True)
    ]
    shown = last_year.assign(outcome=outcome)[REVIEW_COLUMNS].reset_index(drop=True)
    shown.attrs["file"] = last_year.attrs.get("file", "")
    return shown
