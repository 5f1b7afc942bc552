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
from ..inputs.schema import tables_for
from ..kinds import BandDistribution, RelativeLikelihood
from ..presentation import safe
from ..report import ReportData
from ..report.notes import disclosure_text
from ..standards import STANDARDS, england
from ..standards.registry import ROLLING, Standard
from ..words import ranking, verdicts

PACKAGES = ("wres-helpers", "pandas", "numpy", "matplotlib", "papermill", "nbconvert", "typst")


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
    name = report.standard.manifest_name
    return (
        f"**Digest of all inputs** (SHA-256): `{value}`. It covers every data file of this "
        "organisation, its earlier years and its comparators, the parameters, commentary and "
        "action plan, the code and the lock file of package versions. Recompute it with "
        f"`wres digest {report.org} {report.year}`; the list it is made from is "
        f"`{name}` beside this report, and `sha256sum {name}` "
        "gives the same digest."
    )


def sources_table(report: ReportData) -> pd.DataFrame:
    """This organisation's files one by one; each comparator's as one line with a digest."""
    own = [s for s in report.dataset.sources if s.org == report.org]
    rows = [
        (s.org, str(s.year), s.table, _under_data(s), _rows(s, report=report), s.sha256)
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
                _rows(*files, report=report),
                digest,
            )
        )
    # Organisation-years known by the figures they published: each file, as published.
    for (org, year), found in sorted(report.published_files.items()):
        rows.append(
            (org, str(year), "published figures", found.path, f"{len(found.rows):,}", found.sha256)
        )
    return pd.DataFrame(rows, columns=["Org", "Year", "Table", "File", "Rows", "SHA-256"])


def _event_tables(standard) -> set[str]:
    """Files of events (people shortlisted, cases) behind a relative likelihood, not the
    workforce file the pay-band table shows anyway: such a file counts every group, the unknown one
    too, so its total less the reference group's count shown would bound a hidden count."""
    rl = {i.source for i in standard.of_kind(RelativeLikelihood)}
    return rl - {i.source for i in standard.of_kind(BandDistribution)}


def _rows(*sources, report: ReportData) -> str:
    """The files' rows; '–' for a file of events while a rule that applies to it suppresses:
    the report's, and another organisation's own (its counts are hidden under its rule too,
    whatever this report's), so a comparator's file of events never shows its rows."""
    events = _event_tables(report.standard)
    if any(s.table in events for s in sources) and (
        report.params.settings.suppresses or any(s.org != report.org for s in sources)
    ):
        return "–"
    return f"{sum(s.rows for s in sources):,}"


def _under_data(source) -> str:
    """Where a file sits under data_root: never a machine path, wherever data_root is."""
    return f"{source.org}/{source.year}/{Path(source.path).name}"


def method_text(report: ReportData) -> str:
    """The standard's method appendix (its registry's template) with this report's settings."""
    s, standard = report.params.settings, report.standard
    questions = survey_questions(report.dataset, report.org, report.year, standard)
    question_text = (
        "; ".join(
            f"{standard.term} {i}: {safe.text(q)}"
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
        on={k: "on" if v else "off" for k, v in s.model_dump().items() if isinstance(v, bool)},
        level=round(s.confidence * 100),
        questions=question_text,
        rolling="two-year rolling"
        if rolling and rolling.headline_breakdown(s) == ROLLING
        else "single-year",
        disclosure=disclosure_text(s, standard),
        synthetic=synthetic,
        verdict=verdicts.range_rule(s, standard),
        chance=verdicts.chance_rule(s),
        ranking=ranking.rule(standard.focus.name),
        reading=_reading_text(report),
    )


def england_text(report: ReportData) -> str:
    """Where the England figures this report shows come from; '' when it shows none."""
    survey = report.survey_year(report.year)
    shown = england.for_year(report.standard, report.year, survey_year=survey)
    if not shown:
        return ""
    notes = list(dict.fromkeys(f.notes for f in shown if f.notes))
    standard = report.standard
    listed = ", ".join(
        f"{standard.term} {standard.indicator(f.indicator).printed} {f.shown}" for f in shown
    )
    cited = england.sources(report.standard, report.year, survey_year=survey)
    return (
        f"**England's figures** ({safe.text(listed)}) are the national figures for NHS trusts "
        f"in England for {report.year}, as published by NHS England and quoted in these "
        f"sources (the package's `standards/data/{england.file(report.standard).name}`):\n\n"
        + "\n".join(f"- {safe.text(source)}" for source in cited)
        + (
            f"\n\n{safe.text(quoted)}"
            if (quoted := england.secondary_note(standard, shown))
            else ""
        )
        + "".join(f"\n\n_Note:_ {safe.text(note)}" for note in notes)
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
    files and what it was read as (never a comparator's values). Without the number of
    rows: summed over every file, each group's rows less the counts shown elsewhere would
    give back a hidden one. `wres validate`, the analyst's own tool, gives the counts."""
    audit = report.dataset.audit
    own = audit[(audit["org"] == report.org) & (audit["year"] == report.year)]
    # A file shared by both standards carries the other's group column too (a WDES report
    # reads workforce.csv's ethnic_category but counts nothing by it): not this report's.
    own = own[~own["column"].isin(_other_standards_groups(report.standard))]
    columns = ["column", "raw", "read_as", "rule"]
    frame = own[columns].drop_duplicates().sort_values(columns).reset_index(drop=True)
    frame["raw"] = frame["raw"].replace("", "(blank)")
    frame.columns = ["Column", "Value in the file", "Read as", "Rule"]
    return frame


def _other_standards_groups(standard: Standard) -> set[str]:
    groups = {  # each standard's group columns, in the tables that have one
        s.code: {
            t.group_from
            for t in tables_for(s).values()
            for c in t.columns
            if c.name == t.group_from
        }
        for s in STANDARDS.values()
    }
    return set().union(*groups.values()) - groups[standard.code]
