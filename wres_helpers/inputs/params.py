"""A report's parameters (params/<ORG>/<YEAR>/params.yaml), typed and checked up front."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import Annotated, Literal, cast

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
from pydantic_core import ErrorDetails

from ..errors import InputError, Problem
from ..standards import model_employer as me
from .settings import Settings
from .text import MAX_YAML_BYTES, load_yaml, read_text

ORG_PATTERN = r"^[A-Z][A-Z0-9]{1,11}$"
ORG_RULE = "an organisation code of 2-12 capital letters or digits, e.g. ECCH"
OrgCode = Annotated[str, StringConstraints(pattern=ORG_PATTERN)]
PARAMS_FILE = "params.yaml"
MAX_SHOWN = 20  # problems listed, then how many more
MAX_VALUE = 60  # characters of a bad value quoted


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: OrgCode
    name: str = Field(min_length=1)


class Comparator(BaseModel):
    """An organisation the report compares with, and what makes it similar: a bare code in
    params.yaml (`SMCH`) is a comparator with no more said."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    code: OrgCode
    name: str = ""
    type: str = Field("", description="its trust type, e.g. 'community trust'")
    region: str = Field("", description="its NHS region, e.g. 'East of England'")
    size: str = Field("", description="its size in words or staff, e.g. 'about 1,000 staff'")

    @model_validator(mode="before")
    @classmethod
    def _bare_code(cls, value):
        return {"code": value} if isinstance(value, str) else value

    @property
    def traits(self) -> list[str]:
        """What the parameters say about it, in words: ['community trust', 'East of England']."""
        return [t for t in (self.type, self.region, self.size) if t]


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


STANDARD_CODES = ("wres", "wdes")
# A text for both reports, or one for each: {wres: "…", wdes: "…"}.
PerStandard = str | dict[Literal["wres", "wdes"], str]
PURPOSES = ("approval", "assurance", "information")


def for_standard(value: PerStandard, code: str, *, text_is_wres_only: bool = False) -> str:
    """A per-standard value for one report: the mapping's entry for `code`, or the single text
    (which, for an address, is the WRES report's only: one address cannot be both reports')."""
    if isinstance(value, dict):
        entries = cast(dict[str, str], value)  # keyed by the standards' codes
        return entries.get(code.lower(), "").strip()
    if text_is_wres_only and code.lower() != "wres":
        return ""
    return value.strip()


class BoardPaper(BaseModel):
    """The cover sheet the Board paper opens with (optional; a final report needs every field
    but `risks`). Each text may be one for both reports or one for each standard."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    meeting: str = ""
    meeting_date: dt.date | None = None
    agenda_item: PerStandard = ""
    purpose: Literal["approval", "assurance", "information"] | None = None
    recommendation: PerStandard = ""
    previously_considered_by: list[str] = Field(default_factory=list)
    strategic_objectives: list[str] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
    equality_impact: str = ""
    legal_impact: str = ""

    @field_validator("previously_considered_by", "strategic_objectives", "risks", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value

    def missing(self, code: str) -> list[str]:
        """The fields a final report of standard `code` still needs, by name."""
        wanted = [n for n in type(self).model_fields if n != "risks"]
        return [n for n in wanted if not self.value(n, code)]

    def value(self, name: str, code: str):
        value = getattr(self, name)
        if isinstance(value, list):
            return [v.strip() for v in value if v.strip()]
        return for_standard(value, code) if isinstance(value, str | dict) else value


class Params(BaseModel):
    """Everything one organisation-year report needs besides its data and narrative."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: Organisation
    year: int = Field(ge=2015, le=2100)
    data_root: Path = Field(description="folder holding <ORG>/<YEAR>/ input folders")
    comparators: list[Comparator] = Field(default_factory=list)
    comparator_basis: str = Field(
        "", description="on what basis the comparators were chosen, in a sentence"
    )
    snapshot_date: dt.date
    survey_year: int | None = Field(
        default=None,
        ge=2014,
        le=2100,
        description="the year of the NHS Staff Survey the survey figures come from (England's "
        "survey figures are matched to it); unset: the survey NHS England's report for the "
        "reporting year used",
    )
    board_lead: str = ""
    report_author: str = ""
    board_approval_date: dt.date | None = None
    as_of: dt.date | None = Field(
        default=None, description="the date the report is as of; see `as_of_date`"
    )
    published_at: PerStandard = ""
    published_on: dt.date | None = None
    contact: str = ""
    protective_marking: str = "OFFICIAL"
    version: str = "0.1"
    settings: Settings = Field(default_factory=Settings)
    model_employer: ModelEmployer | None = None
    board_paper: BoardPaper = Field(default_factory=BoardPaper)

    def published_address(self, code: str) -> str:
        """Where the `code` report is published: a single text is the WRES report's (the
        field predates the WDES), a mapping names each standard's."""
        return for_standard(self.published_at, code, text_is_wres_only=True)

    @property
    def comparator_codes(self) -> list[str]:
        return [c.code for c in self.comparators]

    def comparator(self, code: str) -> Comparator | None:
        return next((c for c in self.comparators if c.code == code), None)

    @model_validator(mode="after")
    def _comparators_once(self):
        codes = self.comparator_codes
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"each comparator named once ({', '.join(twice)} more than once)")
        if self.organisation.code in codes:
            raise ValueError("comparators other than the organisation itself")
        return self

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
    given = params.as_of or params.board_approval_date
    if given:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return params.snapshot_date


def data_folder(params: Params, params_root: Path) -> Path:
    """`data_root` as the analyst wrote it is relative to the project folder (the one that
    holds params/), wherever the command or notebook runs from."""
    project = Path(params_root).resolve().parent
    return params.data_root if params.data_root.is_absolute() else project / params.data_root


def is_org_code(text: object) -> bool:
    """Whether `text` is an organisation code (ORG_PATTERN): the one rule for a code typed on
    the command line, named in a file, or naming a folder."""
    return isinstance(text, str) and re.fullmatch(ORG_PATTERN, text) is not None


def check_org_year(org: str, year: str) -> tuple[str, int]:
    """ORG and YEAR as typed on the command line: a code and a four-digit year, never a path."""
    problems = []
    if not is_org_code(org):
        problems.append(Problem("ORG", ORG_RULE, value=org))
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


def _problem(shown: str, error: ErrorDetails) -> Problem:
    key = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        models: dict[str, type[BaseModel]] = {
            "settings": Settings,
            "organisation": Organisation,
            "model_employer": ModelEmployer,
            "comparators": Comparator,
            "board_paper": BoardPaper,
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
