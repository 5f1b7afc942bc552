"""The method and caveats appendix, and where every input and tool came from."""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import pandas as pd

from .. import PACKAGE
from ..compute.indicators import survey_questions
from ..standards.ethnicity import CATEGORIES
from .report import ReportData

PACKAGES = ("wres-helpers", "pandas", "numpy", "matplotlib", "papermill", "nbconvert", "typst")


def code_version() -> str:
    """The package version and, in a git checkout, the commit (marked if edited since)."""
    version = metadata.version("wres-helpers")
    root = PACKAGE.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return version
    return f"{version} (git {commit})"


def environment_table() -> pd.DataFrame:
    rows = [("Python", platform.python_version()), ("wres_helpers code", code_version())]
    rows += [(name, metadata.version(name)) for name in PACKAGES[1:]]
    rows.append(("Run at", dt.datetime.now(dt.UTC).strftime("%d %B %Y %H:%M UTC")))
    return pd.DataFrame(rows, columns=["Software", "Version"])


def sources_table(report: ReportData) -> pd.DataFrame:
    """This organisation's files one by one; each comparator's as one line with a digest."""
    own = [s for s in report.dataset.sources if s.org == report.org]
    rows = [
        (s.org, str(s.year), s.table, s.path, _rows(s, report=report), s.sha256)
        for s in sorted(own, key=lambda s: (s.year, s.table))
    ]
    others = sorted({s.org for s in report.dataset.sources} - {report.org})
    for org in others:
        files = sorted(
            (s for s in report.dataset.sources if s.org == org), key=lambda s: (s.year, s.table)
        )
        years = f"{files[0].year}-{files[-1].year}"
        digest = hashlib.sha256("".join(s.sha256 for s in files).encode()).hexdigest()
        rows.append(
            (
                org,
                years,
                f"{len(files)} files",
                str(Path(files[0].path).parent.parent),
                _rows(*files, report=report),
                digest,
            )
        )
    return pd.DataFrame(rows, columns=["Org", "Year", "Table", "File", "Rows", "SHA-256"])


# A file of events (people shortlisted, cases) counts every group, Unknown too: its total
# less the White count shown would bound a hidden BME count.
EVENT_TABLES = {"recruitment", "disciplinary"}


def _rows(*sources, report: ReportData) -> str:
    if report.params.settings.suppresses and any(s.table in EVENT_TABLES for s in sources):
        return "–"
    return f"{sum(s.rows for s in sources):,}"


def method_text(report: ReportData) -> str:
    s = report.params.settings
    level = round(s.confidence * 100)
    bme = ", ".join(k for k, (_, g) in CATEGORIES.items() if g == "BME")
    questions = survey_questions(report.dataset, report.org, report.year)
    question_text = (
        "; ".join(f"indicator {i}: {q}" for i, q in sorted(questions.items()))
        if questions
        else "not given in the survey file"
    )
    synthetic = (
        "\n\n**Synthetic data.** The input files are synthetic, made by "
        "`scripts/make_demo_data.py` for demonstration; they describe no real person."
        if report.synthetic
        else ""
    )
    return f"""
**Ethnic groups.** Staff ethnicity uses the NHS Data Dictionary ethnic category. White: A, B, C
(White British, Irish, any other White background). BME: {bme}. Unknown: Z (not stated), 99 or
blank (not known). Local codes (e.g. "C3") and description text map to the same groups. Unknown
staff are counted in indicator 1 and the self-reporting rate but left out of every White/BME
comparison.

**Reading the files.** {_reading_text(report)}

**Relative likelihood (RL).** Indicators 2 and 4 divide the White rate by the BME rate;
indicator 3 divides the BME rate by the White rate. In all three an RL above 1 favours White
staff. The non-adverse range is {s.non_adverse_low:.2f} to {s.non_adverse_high:.2f}, both ends
inside, judged on the RL rounded to two decimal places. An RL is undefined, and shown as such,
when either group has no events or no staff. An RL is flagged as resting on small numbers when
either group has fewer than {s.small_numbers} events.

**Intervals.** {level}% intervals: for an RL, the log-scale (Katz) interval for a ratio of two
proportions; for a percentage, the Wilson score interval. An interval that includes 1 means the
difference between groups could be chance.

**Indicator 3.** Shown for the reporting year alone and as a two-year rolling figure, pooling the
counts of this year and the year before (disciplinary cases and headcounts). The headline figure
is the {"two-year rolling" if s.disciplinary_rolling else "single-year"} figure.

**Indicator 2** is also shown excluding applicants recorded as international recruits, where the
recruitment file records it.

**Staff survey (indicators 5-8).** Results for a group with fewer than {s.survey_min_respondents}
respondents are not reported. Survey questions: {question_text}.

**Disclosure control.** {_disclosure_text(s)}

**Comparators** are the organisations named in the parameters; a position among them compares
like-for-like published figures for the same year.{synthetic}
"""


def _reading_text(report: ReportData) -> str:
    """The rules that turn an export into counts; those marked [I] in the research notes are
    inferred, so each is named here and each can be changed in local-codes.yaml."""
    codes = report.dataset.codes.get(report.org)
    local = (
        f"This organisation's own codes and spellings come from `{codes.file}`; every value "
        "read through it is marked in the table of coded values below."
        if codes is not None and codes.file
        else "No local code list was used (`params/<ORG>/local-codes.yaml`)."
    )
    return (
        "Ethnic origin is read by its first word when that is a code: an NHS letter, a "
        "national two-character code (e.g. C2, PC), or a letter and a digit (C3); 99 and X are "
        "not known. Any other short code (NK, NA, NS) stops the run unless the local code list "
        "says what it means, so no code is ever read by its first letter alone. Staff groups: "
        "Administrative and Clerical and Estates and Ancillary are non-clinical, Medical and "
        "Dental is shown by grade, every other group is clinical; Students count as clinical "
        "and Supplementary Roles as non-clinical by default. Doctors' grades are grouped as in "
        "the analyst guide. The workforce counts people, not assignments: several rows with one "
        "staff id are one person, taken from the primary assignment, else the one with the "
        "highest contracted FTE, else the first. Bank rows are left out of the workforce "
        "snapshot. Indicator 3 counts distinct staff entering the process where the staff id "
        "is given (one case per person). Recruitment exported one row per application is "
        "read through the status map (shortlisted, appointed, or not counted), and an "
        "applicant's repeat applications to one vacancy count once. " + local
    )


def mapping_table(report: ReportData) -> pd.DataFrame:
    """Every distinct raw value of each coded column in this organisation's reporting-year
    files, what it was read as and how many rows (never a comparator's values)."""
    audit = report.dataset.audit
    own = audit[(audit["org"] == report.org) & (audit["year"] == report.year)]
    if own.empty:
        return pd.DataFrame(columns=["Column", "Value in the file", "Read as", "Rows", "Rule"])
    frame = own.groupby(["column", "raw", "read_as", "rule"], sort=True)["rows"].sum().reset_index()
    frame["rows"] = frame["rows"].map(lambda n: f"{n:,}")
    frame["raw"] = frame["raw"].replace("", "(blank)")
    frame = frame[["column", "raw", "read_as", "rows", "rule"]]
    frame.columns = ["Column", "Value in the file", "Read as", "Rows", "Rule"]
    return frame


def _disclosure_text(s) -> str:
    if not s.suppresses:
        return "Switched off for this report: every count is shown."
    counts = f"{s.suppress_from} to {s.suppress_to}"
    return (
        f"Staff counts of {counts} are suppressed in tables, with further cells hidden where "
        "a total would reveal them. In indicators 2-4 a group's count is hidden when it or its "
        f"base is {counts}, and so is any count that a sum or a difference would give one "
        "back from: the two-year figure of indicator 3 (this year's count plus last year's, "
        "both published), and indicator 2 excluding international recruits (a part of all "
        "applicants). A relative likelihood is shown exactly whenever every count behind it "
        "is shown, as the standard requires. One resting on a hidden count is not: with the "
        "other group's figures and the headcounts, its value or its interval would give the "
        "count back. It is published instead as the range it must lie in, worked out from "
        f"the figures shown and the hidden count being anywhere from {counts}, so the range "
        "tells no more than the figures shown; its interval, and the side of 1 or of the "
        "non-adverse range where the range does not settle it, are not given. Where a base "
        "is hidden too, no range can be bounded and the figure is withheld. The exact "
        "figures go to NHS England in the WRES return, not into this report. The row counts "
        "of the recruitment and disciplinary files are not shown either: with the White "
        "count, a file's total would bound the BME one. Board membership is public and is "
        "not suppressed."
    )
