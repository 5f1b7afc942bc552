"""The input tables of the data contract, as data: columns, whether required, value kinds.

Each value kind is a parser from the raw text to a canonical value (None = invalid)
and the words saying what was expected. Parsers run once per distinct value, so a
national extract of a million rows costs no more than its few hundred spellings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..standards import ethnicity

AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM")
MEDICAL_GRADES = ("Consultant", "Non-consultant career grade", "Trainee grade", "Other")
STAFF_GROUPS = ("Non-clinical", "Clinical", "Medical and dental")
MEDICAL = "Medical and dental"
SURVEY_INDICATORS = (5, 6, 7, 8)

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
    return _choice((ethnicity.WHITE, ethnicity.BME))(raw)


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
SURVEY_INDICATOR = Kind(_choice(SURVEY_INDICATORS), "a survey indicator: 5, 6, 7 or 8")
SURVEY_GROUP = Kind(_survey_group, "White or BME")
TEXT = Kind(_any_text, "text")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    indicators: tuple[int, ...]

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
            indicators=(1, 3, 4, 9),
        ),
        Table(
            "recruitment",
            (
                Column("ethnic_category", ETHNICITY),
                Column("appointed", YES_NO),
                Column("international_recruit", YES_NO, required=False),
            ),
            indicators=(2,),
        ),
        Table(
            "disciplinary",
            (
                Column("ethnic_category", ETHNICITY),
                Column("staff_id", TEXT, required=False),
            ),
            indicators=(3,),
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
            indicators=SURVEY_INDICATORS,
        ),
        Table(
            "board",
            (
                Column("ethnic_category", ETHNICITY),
                Column("voting", YES_NO),
                Column("executive", YES_NO),
            ),
            indicators=(9,),
        ),
    )
}
