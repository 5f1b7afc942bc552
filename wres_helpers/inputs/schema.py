"""The input tables of the data contract, as data: columns, whether required, value kinds.

Each value kind is a parser from the raw text to a canonical value (None = invalid)
and the words saying what was expected. Parsers run once per distinct value, so a
national extract of a million rows costs no more than its few hundred spellings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from ..kinds import SurveyPercent
from ..standards import WDES, WRES, disability, ethnicity
from ..standards.registry import Standard
from .codes import (  # noqa: F401 (re-exported)
    AFC_BANDS,
    CAPABILITY_ILL_HEALTH,
    CAPABILITY_PERFORMANCE,
    DISCIPLINARY,
    LEFT_OUT,
    MANDATORY,
    MEDICAL_GRADES,
    NON_MANDATORY,
    NOT_PROCESSED,
    STAFF_GROUPS,
    key,
)

if TYPE_CHECKING:
    import pandas as pd

_Option = TypeVar("_Option")

MEDICAL = "Medical and dental"
SURVEY_INDICATORS = tuple(WRES.ids_of(SurveyPercent))
_COMPARED = tuple(g.name for g in WRES.compared)

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _yes_no(raw: str) -> bool | None:
    text = raw.strip().lower()
    return True if text in _YES else False if text in _NO else None


def _count(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if re.fullmatch(r"\d+", text) else None


_BAND = re.compile(
    r"(?:(?:agenda for change|afc|review body|nhs|apprentice) )*(?:band ?)?(8 ?[a-d]|[1-79])"
)


def _pay_band(raw: str, table: dict[str, str]) -> str | None:
    """`5`, `Band 8A`, `Review Body Band 5`, `Apprentice/Band 1`, `NHS|XR05|Review Body Band 5`
    (the last part of a pipe-joined ESR key that reads), `VSM`, or a doctors' grade. `Band 8`
    alone is refused: it cannot be placed in 8a-8d."""
    for part in reversed([p for p in raw.split("|") if p.strip()] or [raw]):
        words = key(part)
        if words in table:
            return table[words]
        if words in ("vsm", "very senior manager"):
            return "VSM"
        band = _BAND.fullmatch(words)
        if band:
            return band[1].replace(" ", "")
    return None


def _staff_group(raw: str, table: dict[str, str]) -> str | None:
    """An NHS Data Dictionary staff group (`08 Administrative and Clerical`, any case, or an
    alias), the first part of an ESR people group (`staff group|job role`), or the contract's
    own three values."""
    for part in [p for p in raw.split("|") if p.strip()] or [raw]:
        found = table.get(key(part))
        if found:
            return found
    return None


def _coded(raw: str, table: dict[str, str]) -> str | None:
    return table.get(key(raw))


def _status(raw: str, table: dict[str, str]) -> str | None:
    """An application status through the status map; blank is an application not yet
    processed (never shortlisted)."""
    return NOT_PROCESSED if not raw.strip() else table.get(key(raw))


def _contract(raw: str, table: dict[str, str]) -> str:
    """Bank or in post: the listed spellings, else any value with the word "bank" is bank."""
    words = key(raw)
    return table.get(words) or ("bank" if "bank" in words.split() else "in post")


def _ethnicity(raw: str, table: dict[str, str]) -> str | None:
    return ethnicity.category(raw, table)


def _fte(raw: str) -> float | None:
    text = raw.strip()
    return float(text) if re.fullmatch(r"\d+(\.\d*)?|\.\d+", text) else None


# ESR writes a live assignment's end date as 31 Dec 4712 (Oracle's end of time) or 1900-01-01;
# both, and a blank, mean "open". Dates come as ESR and Excel write them.
OPEN_ENDED = ("4712-12-31", "1900-01-01")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = {m: n for n, m in enumerate(MONTHS.split(), 1)}
_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(?P<d>\d{1,2})[ -](?P<b>[a-z]{3})[a-z]*[ -](?P<y>\d{4})"),
)


def _date(raw: str) -> dt.date | None:
    """`2019-03-31` (and Excel's `2019-03-31 00:00:00`), `31/03/2019`, `31 Mar 2019`,
    `31-MAR-2019`; ESR's open end `31 Dec 4712` and `1900-01-01` are read as dates too."""
    text = raw.strip().lower()
    for form in _DATE_FORMS:
        found = form.fullmatch(text)
        if found:
            parts = found.groupdict()
            month = _MONTHS.get(parts["b"]) if parts.get("b") else int(parts["m"])
            try:
                return dt.date(int(parts["y"]), month or 0, int(parts["d"]))
            except ValueError:
                return None
    return None


def _primary(raw: str) -> bool | None:
    text = raw.strip().lower()
    return {"primary": True, "secondary": False}.get(text, _yes_no(raw))


def _choice(options: tuple[_Option, ...]) -> Callable[[str], _Option | None]:
    lookup = {str(o).lower(): o for o in options}
    return lambda raw: lookup.get(raw.strip().lower())


def _survey_group(raw: str) -> str | None:
    return _choice(_COMPARED)(raw)


def _or(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


def _non_empty(raw: str) -> str | None:
    return raw.strip() or None


def _any_text(raw: str) -> str:
    return raw.strip()


@dataclass(frozen=True)
class Kind:
    """parse(raw) -> value, or parse(raw, code table) when `codes` names a code list."""

    parse: Callable[..., object]
    expected: str
    codes: str | None = None  # the section of esr-codes.yaml / local-codes.yaml it reads
    # the same for a whole column at once (NaN where invalid): for ids, which rarely repeat
    vector: Callable[[pd.Series], pd.Series] | None = None


YES_NO = Kind(_yes_no, "yes/no (yes, no, y, n, true, false, 1 or 0)")
COUNT = Kind(_count, "a whole number 0 or more")
ETHNICITY = Kind(_ethnicity, ethnicity.EXPECTED, codes="ethnic_category")
STAFF_ID = Kind(
    _non_empty, "a staff identifier (not blank)", vector=lambda text: text.where(text != "")
)
STAFF_GROUP = Kind(
    _staff_group,
    "one of " + ", ".join(STAFF_GROUPS) + ", or an NHS staff group such as "
    "'Nursing and Midwifery Registered' or '08 Administrative and Clerical'",
    codes="staff_group",
)
PAY_BAND = Kind(
    _pay_band,
    "a pay band 1-7, 8a-8d, 9 or VSM (e.g. '5', 'Band 8A', 'Review Body Band 5'), or a "
    "medical grade: " + ", ".join(MEDICAL_GRADES) + " or a doctors' grade such as "
    "'Specialty Registrar' (see docs/analyst-guide.md)",
    codes="grade",
)
FTE = Kind(_fte, "a contracted whole-time equivalent such as 1 or 0.6")
PRIMARY = Kind(_primary, "yes/no (or Primary/Secondary)")
CONTRACT = Kind(_contract, "a contract type", codes="contract")
STATUS = Kind(
    _status,
    "an application status listed in the status map (docs/analyst-guide.md), or one added "
    "to the organisation's local-codes.yaml",
    codes="status",
)
SURVEY_INDICATOR = Kind(
    _choice(SURVEY_INDICATORS), f"a survey {WRES.term}: {_or(SURVEY_INDICATORS)}"
)
SURVEY_GROUP = Kind(_survey_group, _or(_COMPARED))


def _percentage(raw: str) -> float | None:
    """A percentage as a benchmark report prints it: '29.8' or '29.8%', from 0 to 100."""
    text = raw.strip().removesuffix("%").strip()
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
        return None
    value = float(text)
    return value if value <= 100 else None


PERCENTAGE = Kind(_percentage, "a percentage from 0 to 100, such as 29.8 or 29.8%, or blank")
TEXT = Kind(_any_text, "text", vector=lambda text: text)
DATE = Kind(
    _date,
    "a date such as 2019-03-31, 31/03/2019 or 31 Mar 2019 (blank, 31 Dec 4712 or "
    "1900-01-01 for an open end)",
)
END_HEADERS = (
    "effective_end_date", "effectiveenddate", "assignment_end_date", "assignmentenddate",
    "termination_date", "end_date", "leaving_date", "date_left",
)  # fmt: skip


def _survey_year(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if re.fullmatch(r"20\d\d", text) else None


SURVEY_YEAR = Kind(
    _survey_year,
    "the year the staff survey was run, such as 2018 (a report for 2019 uses the survey of "
    "autumn 2018)",
)
SURVEY_YEAR_HEADERS = ("survey", "staff_survey_year", "nss_year")
_LEVEL = re.compile(r" (?:level \d+|\d+ years?|refresher|e ?learning|elearning|update)$")


def _course(raw: str, table: dict[str, str]) -> str | None:
    """A course is mandatory when the course list names it (ESR's pipe-joined competence
    names, `NHS|CSTF|Fire Safety - 2 Years|`, by any part; a trailing "Level 2" or "3 Years"
    ignored); any other course is non-mandatory. Blank is refused."""
    parts = [p for p in raw.split("|") if p.strip()]
    if not parts:
        return None
    for part in [raw, *parts]:
        words = key(part)
        while True:
            if words in table:
                return table[words]
            shorter = _LEVEL.sub("", words)
            if shorter == words:
                break
            words = shorter
    return NON_MANDATORY


COURSE = Kind(
    _course,
    "a course name (any course not on the mandatory and statutory list counts as "
    "non-mandatory training)",
    codes="course",
)
COURSE_HEADERS = (
    "course_name", "course_title", "course", "competence_name", "competence", "competency",
    "competency_name", "learning_title", "activity_name", "module", "module_name",
)  # fmt: skip
COMPLETED_HEADERS = (
    "completion_date", "date_completed", "completed_date", "completed", "achieved_date",
    "date_achieved", "attended_date", "date_attended", "enrolment_completed_date",
)  # fmt: skip
CASE_TYPE = Kind(
    _coded,
    "a case type listed in the case-type map (docs/analyst-guide.md), or one added to the "
    "organisation's local-codes.yaml",
    codes="case_type",
)
CASE_TYPE_HEADERS = ("case_type", "type_of_case", "casetype", "case_category", "er_case_type")
OPENED_HEADERS = (
    "date_opened", "opened_date", "case_opened", "case_opened_date", "date_case_opened",
    "case_start_date", "date_raised", "opened_on",
)  # fmt: skip
START_HEADERS = (
    "effective_start_date", "effectivestartdate", "assignment_start_date",
    "assignmentstartdate", "start_date", "date_started", "hire_date",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True
    aliases: tuple[str, ...] = ()  # export headers recognised with no configuration
    unless: str | None = None  # not required when this other column is there instead


CASE_LOG = (
    Column("case_type", CASE_TYPE, required=False, aliases=CASE_TYPE_HEADERS),
    Column("opened", DATE, required=False, aliases=OPENED_HEADERS),
)


ETHNIC_HEADERS = ("ethnic_origin", "ethnicorigin", "ethnicity", "ethnic_group")
STAFF_ID_HEADERS = (
    "employee_number",
    "employeenumber",
    "unique_nhs_identifier",
    "nhsuniqueid",
    "nhs_unique_id",
    "staff_number",
)


@dataclass(frozen=True)
class Table:
    """An input table; which indicators read it is the registry's `Indicator.source`."""

    name: str
    columns: tuple[Column, ...]
    group_from: str = "ethnic_category"  # the column whose groups a standard compares

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "workforce",
            (
                Column("staff_id", STAFF_ID, aliases=STAFF_ID_HEADERS),
                Column("ethnic_category", ETHNICITY, aliases=ETHNIC_HEADERS),
                Column("staff_group", STAFF_GROUP, aliases=("jobstaffgroup", "job_staff_group")),
                Column("pay_band", PAY_BAND, aliases=("grade", "payscale", "pay_scale", "band")),
                # or from the learning records (the training table); without either,
                # the training indicator is not supplied
                Column("non_mandatory_training", YES_NO, required=False),
                Column(
                    "primary_assignment", PRIMARY, required=False, aliases=("primaryassignment",)
                ),
                Column(
                    "fte", FTE, required=False, aliases=("contracted_wte", "wte", "contractedwte")
                ),
                Column(
                    "contract",
                    CONTRACT,
                    required=False,
                    aliases=(
                        "asg_type_of_contract",
                        "assignment_category",
                        "type_of_contract",
                        "contract_type",
                    ),
                ),
                Column("start_date", DATE, required=False, aliases=START_HEADERS),
                Column("end_date", DATE, required=False, aliases=END_HEADERS),
            ),
        ),
        Table(
            "recruitment",
            (
                Column("ethnic_category", ETHNICITY, aliases=ETHNIC_HEADERS),
                Column("appointed", YES_NO, unless="status"),
                Column(
                    "status",
                    STATUS,
                    required=False,
                    aliases=("application_status", "applicationstatus", "outcome"),
                ),
                Column("international_recruit", YES_NO, required=False),
                Column(
                    "applicant_id",
                    TEXT,
                    required=False,
                    aliases=("applicant_number", "candidate_id", "candidate_number"),
                ),
                Column(
                    "vacancy",
                    TEXT,
                    required=False,
                    aliases=("vacancy_id", "vacancy_reference", "job_reference"),
                ),
            ),
        ),
        Table(
            "disciplinary",
            (
                Column("ethnic_category", ETHNICITY, aliases=ETHNIC_HEADERS),
                Column("staff_id", TEXT, required=False, aliases=STAFF_ID_HEADERS),
                *CASE_LOG,
            ),
        ),
        Table(
            "staff_survey",
            (
                Column("indicator", SURVEY_INDICATOR),
                Column("group", SURVEY_GROUP),
                Column("respondents", COUNT),
                Column("positive", COUNT),
                Column("question", TEXT, required=False),
                # the survey benchmark report's average for the trust's benchmarking group
                Column("benchmark", PERCENTAGE, required=False),
                Column("survey_year", SURVEY_YEAR, required=False, aliases=SURVEY_YEAR_HEADERS),
            ),
        ),
        Table(
            "training",  # a learning-record extract: one row per course completed
            (
                Column("staff_id", STAFF_ID, aliases=STAFF_ID_HEADERS),
                Column("course", COURSE, aliases=COURSE_HEADERS),
                Column("completed", DATE, required=False, aliases=COMPLETED_HEADERS),
            ),
            group_from="",
        ),
        Table(
            "board",
            (
                Column("ethnic_category", ETHNICITY, aliases=ETHNIC_HEADERS),
                Column("voting", YES_NO),
                Column("executive", YES_NO),
            ),
        ),
    )
}


# --- the WDES additions (docs/analyst-guide.md, "The WDES files") ---------------------------
# A `disability` column on workforce, recruitment and board: optional in the contract, so one
# file serves both standards; a WDES run requires it (load.require_columns). Blank is Unknown.

WDES_SURVEY_METRICS = ("4a_i", "4a_ii", "4a_iii", "4b", "5", "6", "7", "8", "9a")
MEAN_SCORE_METRIC = "9a"  # a mean score 0-10, not a percentage
DISABLED_ONLY_METRIC = "8"  # asked of Disabled staff only
ORGANISATION = "Organisation"  # the whole organisation's 9a score
PERFORMANCE, ILL_HEALTH = "performance", "ill health"


def _wdes_metric(raw: str) -> str | None:
    """`4a_i`, `4a(i)`, `4a i`, `4A_III`, `9a`, `5`: the metric ids of the WDES survey."""
    squashed = re.sub(r"[^a-z0-9]", "", raw.lower())
    for metric in WDES_SURVEY_METRICS:
        if squashed == metric.replace("_", ""):
            return metric
    return None


def _score(raw: str) -> float | None:
    text = raw.strip()
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
        return None
    value = float(text)
    return value if value <= 10 else None


def _grounds(raw: str) -> str | None:
    words = " ".join(re.findall(r"[a-z]+", raw.lower()))
    return {"performance": PERFORMANCE, "ill health": ILL_HEALTH, "illhealth": ILL_HEALTH}.get(
        words
    )


DISABILITY = Kind(_coded, disability.EXPECTED, codes="disability")
WDES_METRIC = Kind(_wdes_metric, "a WDES survey metric: " + ", ".join(WDES_SURVEY_METRICS))
WDES_GROUP = Kind(
    _choice((disability.DISABLED, disability.NON_DISABLED, ORGANISATION)),
    "Disabled, Non-disabled or Organisation",
)
MEAN_SCORE = Kind(_score, "a mean score from 0 to 10, such as 6.8")
GROUNDS = Kind(_grounds, "the grounds: performance or ill health")
DISABILITY_HEADERS = ("disability_flag", "disabled", "disability_status", "disability_declared")

_DISABILITY = Column("disability", DISABILITY, aliases=DISABILITY_HEADERS)
_NOT_FOR_WDES = ("ethnic_category", "non_mandatory_training")  # a WDES run does not read them


def _for_wdes(table: Table) -> Table:
    """A shared table as a WDES run reads it: `disability` required and its groups the ones
    compared; the WRES-only columns optional, so a WDES-only file need not carry them."""
    columns = tuple(
        replace(c, required=False) if c.name in _NOT_FOR_WDES else c for c in table.columns
    )
    return replace(table, columns=(*columns, _DISABILITY), group_from="disability")


WDES_TABLES: dict[str, Table] = {
    **{name: _for_wdes(TABLES[name]) for name in ("workforce", "recruitment", "board")},
    **{
        t.name: t
        for t in (
            Table(
                "capability",
                (
                    _DISABILITY,
                    Column("grounds", GROUNDS, unless="case_type"),
                    Column("staff_id", TEXT, required=False, aliases=STAFF_ID_HEADERS),
                    *CASE_LOG,
                ),
                group_from="disability",
            ),
            Table(
                "wdes_survey",
                (
                    Column("metric", WDES_METRIC),
                    Column("group", WDES_GROUP),
                    Column("respondents", COUNT),
                    Column("positive", COUNT, required=False),
                    Column("mean_score", MEAN_SCORE, required=False),
                    Column("question", TEXT, required=False),
                    Column("survey_year", SURVEY_YEAR, required=False, aliases=SURVEY_YEAR_HEADERS),
                ),
            ),
            Table(
                "voices",
                (Column("facilitated", YES_NO), Column("narrative", TEXT)),
            ),
        )
    },
}
_BY_STANDARD = {WRES.code: TABLES, WDES.code: WDES_TABLES}


def tables_for(standard: Standard) -> dict[str, Table]:
    """The data contract of each input table `standard` reads, in its order.

    Parameters
    ----------
    standard : Standard
        The standard reported on (its `tables` name what it reads).

    Returns
    -------
    dict
        Table name → `Table`: the WRES's tables as they are; the WDES's shared tables with
        `disability` required and the WRES-only columns optional, and its own tables.
    """
    contracts = _BY_STANDARD[standard.code]
    return {name: contracts[name] for name in standard.tables}
