"""The input tables of the data contract, as data: columns, whether required, value kinds.

Each value kind is a parser from the raw text to a canonical value (None = invalid)
and the words saying what was expected. Parsers run once per distinct value, so a
national extract of a million rows costs no more than its few hundred spellings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..standards import WRES, ethnicity
from ..standards.registry import SURVEY_PERCENT

AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM")
MEDICAL_GRADES = ("Consultant", "Non-consultant career grade", "Trainee grade", "Other")
STAFF_GROUPS = ("Non-clinical", "Clinical", "Medical and dental")
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


def _pay_band(raw: str) -> str | None:
    text = re.sub(r"^band\s*", "", raw.strip(), flags=re.IGNORECASE).strip()
    if text.upper() == "VSM":
        return "VSM"
    if text.lower() in AFC_BANDS:
        return text.lower()
    for grade in MEDICAL_GRADES:
        if text.lower() == grade.lower():
            return grade
    return None


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
    parse: Callable[[str], object]
    expected: str


YES_NO = Kind(_yes_no, "yes/no (yes, no, y, n, true, false, 1 or 0)")
COUNT = Kind(_count, "a whole number 0 or more")
ETHNICITY = Kind(ethnicity.category, ethnicity.EXPECTED)
STAFF_ID = Kind(_non_empty, "a staff identifier (not blank)")
STAFF_GROUP = Kind(_choice(STAFF_GROUPS), "one of " + ", ".join(STAFF_GROUPS))
PAY_BAND = Kind(
    _pay_band,
    "a pay band 1-7, 8a-8d, 9 or VSM (e.g. '5', 'Band 8A'), or a medical grade: "
    + ", ".join(MEDICAL_GRADES),
)
SURVEY_INDICATOR = Kind(
    _choice(SURVEY_INDICATORS), f"a survey {WRES.term}: {_or(SURVEY_INDICATORS)}"
)
SURVEY_GROUP = Kind(_survey_group, _or(_COMPARED))
TEXT = Kind(_any_text, "text")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True


@dataclass(frozen=True)
class Table:
    """An input table; which indicators read it is the registry's `Indicator.source`."""

    name: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "workforce",
            (
                Column("staff_id", STAFF_ID),
                Column("ethnic_category", ETHNICITY),
                Column("staff_group", STAFF_GROUP),
                Column("pay_band", PAY_BAND),
                Column("non_mandatory_training", YES_NO),
            ),
        ),
        Table(
            "recruitment",
            (
                Column("ethnic_category", ETHNICITY),
                Column("appointed", YES_NO),
                Column("international_recruit", YES_NO, required=False),
            ),
        ),
        Table(
            "disciplinary",
            (
                Column("ethnic_category", ETHNICITY),
                Column("staff_id", TEXT, required=False),
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
                Column("ethnic_category", ETHNICITY),
                Column("voting", YES_NO),
                Column("executive", YES_NO),
            ),
        ),
    )
}
