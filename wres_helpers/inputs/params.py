"""A report's parameters (params/<ORG>/<YEAR>/params.yaml), typed and checked up front."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from ..errors import InputError, Problem
from ..standards import model_employer as me
from .settings import Settings
from .text import MAX_YAML_BYTES, load_yaml, read_text

ORG_PATTERN = r"^[A-Z][A-Z0-9]{1,11}$"
OrgCode = Annotated[str, StringConstraints(pattern=ORG_PATTERN)]
PARAMS_FILE = "params.yaml"
MAX_SHOWN = 20  # problems listed, then how many more
MAX_VALUE = 60  # characters of a bad value quoted


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: OrgCode
    name: str = Field(min_length=1)


class ModelEmployer(BaseModel):
    """The organisation's Model Employer goals (optional): the year to reach them, the year
    progress is measured from, and its own targets (% of the focus group) for any band or
    cluster in place of parity with the whole workforce."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    goal_year: int = Field(me.GOAL_YEAR, ge=2019, le=2100)
    baseline_year: int = Field(ge=2015, le=2100)
    targets: dict[str, float] = Field(default_factory=dict)

    @field_validator("targets")
    @classmethod
    def _known_groups(cls, targets: dict[str, float]) -> dict[str, float]:
        named = {}
        for key, value in targets.items():
            name = me.group_name(key)
            if name is None:
                raise ValueError(f"unknown band or cluster {key!r}; known: {', '.join(me.GROUPS)}")
            if not 0 <= value <= 100:
                raise ValueError(f"target for {key} must be a percentage from 0 to 100")
            named[name] = float(value)
        return named

    @model_validator(mode="after")
    def _years(self):
        if self.baseline_year >= self.goal_year:
            raise ValueError("baseline_year must be before goal_year")
        return self


class Params(BaseModel):
    """Everything one organisation-year report needs besides its data and narrative."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: Organisation
    year: int = Field(ge=2015, le=2100)
    data_root: Path = Field(description="folder holding <ORG>/<YEAR>/ input folders")
    comparators: list[OrgCode] = Field(default_factory=list)
    snapshot_date: dt.date
    board_lead: str = ""
    report_author: str = ""
    board_approval_date: dt.date | None = None
    as_of: dt.date | None = Field(
        default=None, description="the date the report is as of; see `as_of_date`"
    )
    published_at: str = ""
    protective_marking: str = "OFFICIAL"
    version: str = "0.1"
    settings: Settings = Field(default_factory=Settings)
    model_employer: ModelEmployer | None = None

    @property
    def marking(self) -> str:
        """The marking printed on each page; 'none' prints nothing."""
        return (
            ""
            if self.protective_marking.strip().lower() in ("", "none")
            else self.protective_marking
        )


def as_of_date(params: Params) -> dt.date:
    """The date a report is as of (actions overdue, the appendix's date), never the clock, so a
    rebuild gives the same bytes: `as_of` if given, else the Board approval date, else the
    date of SOURCE_DATE_EPOCH (the reproducible-builds convention, seconds since 1970 UTC),
    else the snapshot date. The Board's date wins over the environment: a final report, which
    needs it, must not change with a variable set in some shell."""
    if params.as_of or params.board_approval_date:
        return params.as_of or params.board_approval_date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return params.snapshot_date


def data_folder(params: Params, params_root: Path) -> Path:
    """`data_root` as the analyst wrote it is relative to the project folder (the one that
    holds params/), wherever the command or notebook runs from."""
    project = Path(params_root).resolve().parent
    return params.data_root if params.data_root.is_absolute() else project / params.data_root


def check_org_year(org: str, year: str) -> tuple[str, int]:
    """ORG and YEAR as typed on the command line: a code and a four-digit year, never a path."""
    problems = []
    if not re.fullmatch(ORG_PATTERN, org or ""):
        problems.append(
            Problem(
                "ORG",
                "an organisation code of 2-12 capital letters or digits, e.g. ECCH",
                value=org,
            )
        )
    if not re.fullmatch(r"\d{4}", str(year or "")):
        problems.append(Problem("YEAR", "a four-digit year, e.g. 2019", value=str(year)))
    if problems:
        raise InputError(problems)
    return org, int(year)


def load_params(folder: Path, org: str | None = None, year: int | None = None) -> Params:
    """Read and check params.yaml; every problem is named by its key."""
    path = Path(folder) / PARAMS_FILE
    shown = str(path)
    if not path.exists():
        raise InputError(
            [Problem(shown, f"a parameters file (make new ORG={org} YEAR={year} creates one)")]
        )
    text = read_text(path, shown, MAX_YAML_BYTES)
    try:
        raw = load_yaml(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            [
                Problem(
                    shown,
                    f"valid YAML ({getattr(error, 'problem', error)})",
                    row=mark.line + 1 if mark else None,
                    row_label="line",
                )
            ]
        ) from None
    if not isinstance(raw, dict):
        raise InputError([Problem(shown, "a YAML mapping of parameter names to values")])
    try:
        params = Params.model_validate(raw)
    except ValidationError as error:
        problems = [_problem(shown, e) for e in error.errors()[:MAX_SHOWN]]
        if error.error_count() > MAX_SHOWN:
            more = error.error_count() - MAX_SHOWN
            problems.append(Problem(shown, f"fewer problems: {more} more are not listed"))
        raise InputError(problems) from None
    problems = []
    if org is not None and params.organisation.code != org:
        problems.append(
            Problem(
                shown,
                f"organisation.code {org} (the folder's organisation)",
                column="organisation.code",
                label="parameter",
                value=params.organisation.code,
            )
        )
    if year is not None and params.year != year:
        problems.append(
            Problem(
                shown,
                f"year {year} (the folder's year)",
                column="year",
                label="parameter",
                value=str(params.year),
            )
        )
    if problems:
        raise InputError(problems)
    return params


def _problem(shown: str, error: dict) -> Problem:
    key = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        models = {
            "settings": Settings,
            "organisation": Organisation,
            "model_employer": ModelEmployer,
        }
        model = models.get(key.split(".")[0], Params)
        name = key.split(".")[-1]
        close = difflib.get_close_matches(name, model.model_fields, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        known = ", ".join(model.model_fields)
        return Problem(
            shown, f"a known parameter; {hint}known here: {known}", column=key, label="parameter"
        )
    if kind == "missing":
        return Problem(shown, "a value: this parameter is required", column=key, label="parameter")
    value = error.get("input")
    shown_value = value if isinstance(value, str | int | float | bool | None) else "(a list or map)"
    value = str(shown_value)
    return Problem(
        shown,
        error["msg"].removeprefix("Value error, "),
        column=key[:MAX_VALUE],
        value=value if len(value) <= MAX_VALUE else value[:MAX_VALUE] + "…",
        label="parameter",
    )
