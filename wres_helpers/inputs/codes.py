"""The code lists an organisation's files are read with: ESR's defaults and its local list.

The defaults are data (`standards/data/esr-codes.yaml`). An organisation adds its own codes
and spellings, or overrides a default, in `params/<ORG>/local-codes.yaml`:

    ethnic_category:        # the raw value: what it means (any recognised form)
      NK: "99"
      NS: Z
    staff_group:
      Students: Non-clinical
    status:
      Offer made: appointed
      Awaiting review: not processed
    grade:
      Associate Non-Executive: left out
    disability:
      D: Disabled
    case_type:
      Conduct - Formal: disciplinary
    course:                 # the trust's mandatory and statutory courses
      Medicines Management: mandatory
    rules:                  # the reading rules an organisation may change (RULES below)
      keep_fte_zero: true

Every entry used is listed in the report's method appendix and by `wres validate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import cast

import yaml

from ..errors import InputError, Problem, display_path
from ..standards import disability, ethnicity
from .text import MAX_YAML_BYTES, load_yaml, read_text

LOCAL_CODES = "local-codes.yaml"
AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM")
MEDICAL_GRADES = ("Consultant", "Non-consultant career grade", "Trainee grade", "Other")
STAFF_GROUPS = ("Non-clinical", "Clinical", "Medical and dental")
CONTRACTS = ("bank", "in post")
NOT_PROCESSED = "not processed"  # an application no one has shortlisted or rejected yet
OUTCOMES = ("shortlisted", "appointed", "left out", NOT_PROCESSED)
LEFT_OUT = "left out"  # a grade read as this is no member of staff (the Chair, a non-executive)

# An employee-relations case log's case types -> the process each counts in.
DISCIPLINARY = "disciplinary"  # formal disciplinary: WRES indicator 3
CAPABILITY_PERFORMANCE = "capability performance"  # formal capability on performance: WDES 3
CAPABILITY_ILL_HEALTH = "capability ill health"  # shown beside WDES metric 3
OTHER_CASE = "other"  # grievances, appeals, informal stages...: not counted
CASE_TYPES = (DISCIPLINARY, CAPABILITY_PERFORMANCE, CAPABILITY_ILL_HEALTH, OTHER_CASE)
# A learning-record course: on the trust's mandatory and statutory list, or not.
MANDATORY, NON_MANDATORY = "mandatory", "non-mandatory"

# section -> what a local entry may map to (None: any recognised ethnic category value)
TARGETS: dict[str, tuple[str, ...] | None] = {
    "ethnic_category": None,
    "staff_group": STAFF_GROUPS,
    "grade": AFC_BANDS + MEDICAL_GRADES + (LEFT_OUT,),
    "contract": CONTRACTS,
    "status": OUTCOMES,
    "disability": disability.GROUPS,
    "case_type": CASE_TYPES,
    "course": (MANDATORY, NON_MANDATORY),
}


# The reading rules an organisation may change, with their defaults (named in the method).
RULES: dict[str, tuple[bool, str]] = {
    "keep_fte_zero": (
        False,
        "keep staff with contracted FTE 0 (honorary, zero-hours) in the workforce; NHS "
        "workforce statistics count only FTE above 0",
    ),
}


def key(text: str, section: str = "") -> str:
    """How codes are matched: case, punctuation and a leading number ("08 ...") ignored
    (ethnic codes keep their digits: "99" is a code)."""
    words = ethnicity.normalise(text)
    return words if section == "ethnic_category" else re.sub(r"^\d+ (?=[a-z])", "", words)


@cache
def defaults() -> dict[str, dict[str, str]]:
    text = resources.files("wres_helpers.standards").joinpath("data/esr-codes.yaml").read_text()
    # libyaml: a tenth of the pure-Python loader's time. The package's own file: a mapping.
    loaded = cast(dict[str, dict[str, str]], load_yaml(text))
    tables = {
        section: {key(k): v for k, v in entries.items()} for section, entries in loaded.items()
    }
    tables["grade"].update({key(g): g for g in MEDICAL_GRADES})
    tables["disability"] = {key(k): v for k, v in disability.SPELLINGS.items()}
    return tables


@dataclass(frozen=True)
class Codes:
    """Defaults overlaid with one organisation's local list (`local`, keyed by `key()`)."""

    local: dict[str, dict[str, str]] = field(default_factory=dict)
    file: str | None = None  # the local list, as shown to the analyst
    raw_keys: dict[tuple[str, str], str] = field(default_factory=dict)  # as the analyst wrote
    rules: dict[str, bool] = field(default_factory=lambda: {k: v for k, (v, _) in RULES.items()})

    def table(self, section: str) -> dict[str, str]:
        return {**defaults().get(section, {}), **self.local.get(section, {})}

    def is_local(self, section: str, raw: str) -> bool:
        entries = self.local.get(section, {})
        first = raw.split()[0] if raw.split() else ""
        return key(raw, section) in entries or key(first, section) in entries


NATIONAL = Codes()


def load_codes(params_root: Path | None, org: str) -> Codes:
    """params/<ORG>/local-codes.yaml, checked; the defaults alone if there is none."""
    if params_root is None:
        return NATIONAL
    path = Path(params_root) / org / LOCAL_CODES
    if not path.is_file():
        return NATIONAL
    shown = display_path(path)
    try:
        loaded = load_yaml(read_text(path, shown, MAX_YAML_BYTES))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            [
                Problem(
                    shown,
                    "a YAML mapping of sections to codes (see docs/analyst-guide.md)",
                    row=None if mark is None else mark.line + 1,
                    row_label="line",
                )
            ]
        ) from None
    if loaded is None:
        return NATIONAL
    problems: list[Problem] = []
    local: dict[str, dict[str, str]] = {}
    raw_keys: dict[tuple[str, str], str] = {}
    rules = dict(NATIONAL.rules)
    if not isinstance(loaded, dict):
        raise InputError([Problem(shown, "a YAML mapping of sections to codes")])
    for section, entries in loaded.items():
        if section == "rules":
            if not isinstance(entries, dict):
                problems.append(
                    Problem(shown, "rule: true/false pairs", column=section, label="key")
                )
                continue
            for name, value in entries.items():
                if name not in RULES:
                    expected = "a rule: " + ", ".join(RULES)
                    problems.append(Problem(shown, expected, column=f"rules: {name}", label="key"))
                elif not isinstance(value, bool):
                    problems.append(
                        Problem(shown, "true or false", column=f"rules: {name}",
                                value=str(value), label="entry")
                    )  # fmt: skip
                else:
                    rules[name] = value
            continue
        if section not in TARGETS:
            expected = "a section " + ", ".join([*TARGETS, "rules"])
            problems.append(Problem(shown, expected, column=str(section), label="key"))
            continue
        if not isinstance(entries, dict):
            problems.append(Problem(shown, "raw value: meaning pairs", column=section, label="key"))
            continue
        for raw, meaning in entries.items():
            if not _valid(section, str(meaning)):
                allowed = TARGETS[section]
                problems.append(
                    Problem(
                        shown,
                        "one of " + ", ".join(allowed) if allowed else ethnicity.EXPECTED,
                        column=f"{section}: {raw}",
                        value=str(meaning),
                        label="entry",
                    )
                )
                continue
            local.setdefault(section, {})[key(str(raw), section)] = _canonical(
                section, str(meaning)
            ) or str(meaning)  # (never None: _valid said so)
            raw_keys[(section, key(str(raw), section))] = str(raw)
    if problems:
        raise InputError(problems)
    return Codes(local, shown, raw_keys, rules)


def _valid(section: str, meaning: str) -> bool:
    if TARGETS[section] is None:
        return ethnicity.category(meaning) is not None
    return _canonical(section, meaning) is not None


def _canonical(section: str, meaning: str) -> str | None:
    targets = TARGETS[section]
    if targets is None:
        return meaning
    return {key(t): t for t in targets}.get(key(meaning))
