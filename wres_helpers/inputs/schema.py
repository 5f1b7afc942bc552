"""The input tables of the data contract, as data: columns, whether required, value kinds.

Each value kind is a parser from the raw text to a canonical value (None = invalid)
and the words saying what was expected. Parsers run once per distinct value, so a
national extract of a million rows costs no more than its few hundred spellings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..standards import WDES, WRES, disability, ethnicity
from ..standards.registry import SURVEY_PERCENT, Standard
from .codes import AFC_BANDS, MEDICAL_GRADES, STAFF_GROUPS, key  # noqa: F401 (re-exported)

MEDICAL = "Medical and dental"
SURVEY_INDICATORS = tuple(WRES.ids_of(SURVEY_PERCENT))
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
    r"(?:(?:agenda for change|afc|review body|nhs|apprentice) )*(?:band ?)?(8 ?[a-d]|[1-9])"
)


def _pay_band(raw: str, table: dict[str, str]) -> str | None:
    """`5`, `Band 8A`, `Review Body Band 5`, `Apprentice/Band 1`, `NHS|XR05|Review Body Band 5`
    (the last part of a pipe-joined ESR key that reads), `VSM`, or a doctors' grade."""
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


def _contract(raw: str, table: dict[str, str]) -> str:
    """Bank or in post: the listed spellings, else any value with the word "bank" is bank."""
    words = key(raw)
    return table.get(words) or ("bank" if "bank" in words.split() else "in post")


def _ethnicity(raw: str, table: dict[str, str]) -> str | None:
    return ethnicity.category(raw, table)


def _fte(raw: str) -> float | None:
    text = raw.strip()
    return float(text) if re.fullmatch(r"\d+(\.\d*)?|\.\d+", text) else None


def _primary(raw: str) -> bool | None:
    text = raw.strip().lower()
    return {"primary": True, "secondary": False}.get(text, _yes_no(raw))


def _choice(options: tuple) -> Callable[[str], object]:
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
    vector: Callable[[object], object] | None = None


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
    _coded,
    "an application status listed in the status map (docs/analyst-guide.md), or one added "
    "to the organisation's local-codes.yaml",
    codes="status",
)
SURVEY_INDICATOR = Kind(
    _choice(SURVEY_INDICATORS), f"a survey {WRES.term}: {_or(SURVEY_INDICATORS)}"
)
SURVEY_GROUP = Kind(_survey_group, _or(_COMPARED))
TEXT = Kind(_any_text, "text", vector=lambda text: text)


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True
    aliases: tuple[str, ...] = ()  # export headers recognised with no configuration
    unless: str | None = None  # not required when this other column is there instead


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
                Column("non_mandatory_training", YES_NO),
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
            ),
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
                    Column("grounds", GROUNDS),
                    Column("staff_id", TEXT, required=False, aliases=STAFF_ID_HEADERS),
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
                    Column("survey_year", TEXT, required=False),
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
