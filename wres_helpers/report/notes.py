"""The Notes sheet of a report's workbook (indicators.xlsx, indicators-wdes.xlsx): where its
figures come from and how to read them, in the report's standard's own terms."""

from __future__ import annotations

from .data import ReportData


def disclosure_text(s, standard) -> str:
    if not s.suppresses:
        return "Switched off for this report: every count is shown."
    return standard.disclosure.format(s=s)


def data_notes(report: ReportData, inputs_digest: str) -> list[tuple[str, str]]:
    """The Notes sheet of indicators.xlsx: where the figures come from and how to read them."""
    s = report.params.settings
    as_of = report.report_date
    names = report.standard.data_names()
    return [
        ("Organisation", f"{report.params.organisation.name} ({report.org})"),
        ("Reporting year", str(report.year)),
        ("Figures as of", as_of.isoformat()),
        (
            "Source",
            f"The organisation's {report.standard.data_files}, listed in the report's "
            f"technical annex ({report.output_names()['annex']}). Rows: this organisation "
            f"for {report.years[0]}-{report.year}, then each "
            f"comparator for {report.year}.",
        ),
        ("Digest of all inputs (SHA-256)", inputs_digest),
        (
            "Settings",
            f"{round(s.confidence * 100)}% intervals; non-adverse range "
            f"{s.non_adverse_low:.2f} to {s.non_adverse_high:.2f}; small numbers: fewer than "
            f"{s.small_numbers} events; survey groups need {s.survey_min_respondents} "
            f"respondents"
            + "".join(
                f"; {report.standard.term} {i.id} headline: {i.headline_breakdown(s).lower()}"
                for i in report.standard.indicators
                if i.rolling_setting
            )
            + ".",
        ),
        ("Suppression rule", disclosure_text(s, report.standard)),
        (
            "Blank cells",
            "A figure that is undefined (see 'note') or suppressed (see 'suppression').",
        ),
        ("Synthetic data", "yes: made up for demonstration" if report.synthetic else "no"),
        (
            "Columns",
            f"{names['meta']} describes every column (the same as {names['csv']}).",
        ),
    ]
