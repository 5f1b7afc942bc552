"""The method and caveats appendix, and where every input and tool came from."""

from __future__ import annotations

import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import pandas as pd

from .. import PACKAGE
from ..compute.indicators import survey_questions
from ..inputs import manifest
from ..inputs.params import as_of_date, check_org_year, data_folder, load_params
from ..standards.ethnicity import CATEGORIES
from .report import ReportData, input_folders

PACKAGES = ("wres-helpers", "pandas", "numpy", "matplotlib", "papermill", "nbconvert", "typst")


def report_manifest(org: str, year: int | str, params_root: Path = Path("params")) -> str:
    """The manifest of every input of one report (see inputs/manifest.py). Raises InputError
    when the parameters cannot be read (there is then no report to be up to date)."""
    org, year = check_org_year(org, str(year))
    params_dir = Path(params_root) / org / str(year)
    params = load_params(params_dir, org, year)
    return manifest.build_manifest(
        params_root,
        org,
        year,
        data_folder(params, params_root),
        input_folders(params),
        # The as-of date may come from SOURCE_DATE_EPOCH, which no file holds.
        values=[f"as_of={as_of_date(params).isoformat()}"],
    )


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(PACKAGE.parent), *args],
        capture_output=True,
        text=True,
        timeout=5,
        check=True,
    ).stdout.strip()


def code_version() -> str:
    """The package version and, in a git checkout, the full commit, marked 'edited' when
    tracked files differ from it (the code digest in the manifest then says exactly what
    ran). The full hash, not `git describe`'s short one, whose length depends on the clone."""
    version = metadata.version("wres-helpers")
    try:
        commit = _git("rev-parse", "HEAD")
        edited = bool(_git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return version
    return f"{version} (git {commit}{', edited' if edited else ''})"


def environment_table(report: ReportData) -> pd.DataFrame:
    rows = [("Python", platform.python_version()), ("wres_helpers code", code_version())]
    rows += [(name, metadata.version(name)) for name in PACKAGES[1:]]
    as_of = report.report_date
    rows.append(("Figures as of", f"{as_of.day} {as_of:%B %Y}"))
    return pd.DataFrame(rows, columns=["Software", "Version"])


def digest_text(report: ReportData) -> str:
    """The appendix's sentence: one digest of all inputs, and how anyone can recompute it."""
    value = report.inputs_digest()
    return (
        f"**Digest of all inputs** (SHA-256): `{value}`. It covers every data file of this "
        "organisation, its earlier years and its comparators, the parameters, commentary and "
        "action plan, the code and the lock file of package versions. Recompute it with "
        f"`wres digest {report.org} {report.year}`; the list it is made from is "
        f"`{manifest.MANIFEST}` beside this report, and `sha256sum {manifest.MANIFEST}` "
        "gives the same digest."
    )


def sources_table(report: ReportData) -> pd.DataFrame:
    """This organisation's files one by one; each comparator's as one line with a digest."""
    own = [s for s in report.dataset.sources if s.org == report.org]
    rows = [
        (s.org, str(s.year), s.table, _under_data(s), f"{s.rows:,}", s.sha256)
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
                f"{org}/",
                f"{sum(s.rows for s in files):,}",
                digest,
            )
        )
    return pd.DataFrame(rows, columns=["Org", "Year", "Table", "File", "Rows", "SHA-256"])


def _under_data(source) -> str:
    """Where a file sits under data_root: never a machine path, wherever data_root is."""
    return f"{source.org}/{source.year}/{Path(source.path).name}"


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
        "read through the status map (shortlisted, appointed, or not counted). " + local
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
    return (
        f"Staff counts of {s.suppress_from} to {s.suppress_to} are suppressed in tables, with "
        "further cells hidden where a total would reveal them; a group's row in indicators 2-4 "
        "is hidden when its count or base is in that range. Relative likelihoods are always "
        "shown, as the standard requires; together with headcounts they can reveal a small "
        "count, which is why they carry the small-numbers flag. Board membership is public and "
        "is not suppressed."
    )


def data_notes(report: ReportData, inputs_digest: str) -> list[tuple[str, str]]:
    """The Notes sheet of indicators.xlsx: where the figures come from and how to read them."""
    s = report.params.settings
    as_of = report.report_date
    return [
        ("Organisation", f"{report.params.organisation.name} ({report.org})"),
        ("Reporting year", str(report.year)),
        ("Figures as of", as_of.isoformat()),
        (
            "Source",
            "The organisation's workforce, recruitment, disciplinary, training, staff survey "
            "and Board data files, listed in Appendix B of the report. Rows: this "
            f"organisation for {report.years[0]}-{report.year}, then each comparator for "
            f"{report.year}.",
        ),
        ("Digest of all inputs (SHA-256)", inputs_digest),
        (
            "Settings",
            f"{round(s.confidence * 100)}% intervals; non-adverse range "
            f"{s.non_adverse_low:.2f} to {s.non_adverse_high:.2f}; small numbers: fewer than "
            f"{s.small_numbers} events; survey groups need {s.survey_min_respondents} "
            f"respondents; indicator 3 headline: "
            f"{'two-year rolling' if s.disciplinary_rolling else 'single year'}.",
        ),
        ("Suppression rule", _disclosure_text(s)),
        (
            "Blank cells",
            "A figure that is undefined (see 'note') or suppressed (see 'suppression').",
        ),
        ("Synthetic data", "yes: made up for demonstration" if report.synthetic else "no"),
        ("Columns", "indicators.meta.csv describes every column (the same as indicators.csv)."),
    ]
