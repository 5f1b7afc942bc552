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
from ..standards.registry import ROLLING
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
        (s.org, str(s.year), s.table, s.path, f"{s.rows:,}", s.sha256)
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
                f"{sum(s.rows for s in files):,}",
                digest,
            )
        )
    return pd.DataFrame(rows, columns=["Org", "Year", "Table", "File", "Rows", "SHA-256"])


def method_text(report: ReportData) -> str:
    """The standard's method appendix (its registry's template) with this report's settings."""
    s, standard = report.params.settings, report.standard
    questions = survey_questions(report.dataset, report.org, report.year, standard)
    question_text = (
        "; ".join(
            f"{standard.term} {i}: {q}"
            for i, q in sorted(questions.items(), key=lambda item: standard.order(item[0]))
        )
        if questions
        else "not given in the survey file"
    )
    synthetic = (
        "\n\n**Synthetic data.** The input files are synthetic, made by "
        "`scripts/make_demo_data.py` for demonstration; they describe no real person."
        if report.synthetic
        else ""
    )
    rolling = next((i for i in standard.indicators if i.rolling_setting), None)
    return standard.method.format(
        s=s,
        level=round(s.confidence * 100),
        questions=question_text,
        rolling="two-year rolling"
        if rolling and rolling.headline_breakdown(s) == ROLLING
        else "single-year",
        disclosure=_disclosure_text(s, standard),
        synthetic=synthetic,
        verdict=_verdict_text(s, standard),
        reading=_reading_text(report),
    )


def _verdict_text(s, standard) -> str:
    """Whether this standard's RLs are judged against the non-adverse range: a setting
    where the standard's guidance leaves it open (the WDES: `wdes_non_adverse`)."""
    flag = standard.non_adverse_setting
    if flag and not getattr(s, flag):
        return f"No non-adverse range is applied (setting `{flag}` is off)."
    rule = (
        f"The non-adverse range is {s.non_adverse_low:.2f} to {s.non_adverse_high:.2f}, both "
        "ends inside, judged on the RL rounded to two decimal places."
    )
    return rule + (
        f" It is applied by setting `{flag}`: whether NHS England applies the WRES "
        "range to this standard is not confirmed."
        if flag
        else ""
    )


def _reading_text(report: ReportData) -> str:
    """The rules that turn an export into counts (the standard's own, in its registry); those
    marked [I] in the research notes are inferred, so each is named there and each can be
    changed in local-codes.yaml."""
    codes = report.dataset.codes.get(report.org)
    local = (
        f"This organisation's own codes and spellings come from `{codes.file}`; every value "
        "read through it is marked in the table of coded values below."
        if codes is not None and codes.file
        else "No local code list was used (`params/<ORG>/local-codes.yaml`)."
    )
    return report.standard.reading.format(local=local)


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


def _disclosure_text(s, standard) -> str:
    if not s.suppresses:
        return "Switched off for this report: every count is shown."
    return standard.disclosure.format(s=s)
