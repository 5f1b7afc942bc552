"""A survey mean score's section of the report (the WDES's 9a staff engagement score): each
group's score out of 10, the whole organisation's, and the gap in points; a mean is never
shown as a percentage.

Imported by its kind's `section` method when a report is shown (kinds/base.py)."""

from __future__ import annotations

import pandas as pd

from ...inputs.schema import ORGANISATION
from ...presentation import present
from ...report import ReportData
from ...sections.common import hidden_note, show_indicator_commentary, show_table, start_indicator
from ...words import charts
from ...words.formatting import fmt_count, fmt_points, fmt_score, hidden_label
from ...words.lookup import value_of


def mean_score_indicator(report: ReportData, n: str) -> None:
    n = str(n)
    if not start_indicator(report, n):
        return
    figures, org, year, standard = report.figures, report.org, report.year, report.standard
    ind = standard.indicator(n)
    reference, focus = standard.compared
    survey = f"{report.survey_year(year)} staff survey"  # a year's report reads last autumn's
    present.markdown(f"**{year} ({survey}):** {_sentence(report, n, year)}")
    groups = (focus.name, reference.name, ORGANISATION)
    trend = {
        y: {g: value_of(figures.row(org, y, n, measure="mean_score", group=g)) for g in groups}
        for y in report.years
    }
    trend = {
        y: {g: v for g, v in t.items() if g != ORGANISATION or not pd.isna(v)}
        for y, t in trend.items()
    }
    fig, alt = charts.score_chart(trend, org, ind.phrase, standard)
    present.figure(fig, alt, _gaps(report, n))
    score_table(report, n, web_only=True)  # a detail table: the Board PDF has the chart
    before = _sentence(report, n, year - 1, missing="")
    if before:
        present.markdown(f"- **{year - 1}:** {before}")
    show_indicator_commentary(report, n)


def score_table(report: ReportData, n: str, web_only: bool = False) -> None:
    """Each group's respondents and mean score, year by year. A detail table: `web_only` on
    the web page (the Board PDF has the chart), and in the technical annex.

    Parameters
    ----------
    report : ReportData
        The report built once for this run (wres_helpers.report); only read.
    n : str
        The indicator's id.
    web_only : bool
        Leave the table out of the Board PDF.

    Returns
    -------
    None
        The table is shown through `presentation.present`, in the notebook's output.
    """
    figures, org, standard = report.figures, report.org, report.standard
    ind = standard.indicator(n)
    reference, focus = standard.compared
    out, reasons = [], set()
    for y in report.years:
        for group in (focus.name, reference.name, ORGANISATION):
            r = figures.row(org, y, n, measure="mean_score", group=group)
            if r is None:
                continue
            hidden = bool(r["suppression"]) or pd.isna(r["value"])
            reasons.add(r["suppression"])
            out.append(
                {
                    "Year": str(y),
                    "Group": group if group == ORGANISATION else f"{group} staff",
                    "Respondents": fmt_count(r["denominator"]),
                    "Score (0 to 10)": hidden_label(r["suppression"])
                    if hidden
                    else fmt_score(r["value"]),
                }
            )
    show_table(
        pd.DataFrame(out),
        f"{standard.called(n)} by year and group: the {ind.phrase}",
        widths={"Year": 12, "Group": 40, "Respondents": 20, "Score (0 to 10)": 28},
        nowrap=("Year",),
        note=hidden_note(reasons),
        web_only=web_only,
    )


def _sentence(report: ReportData, n: str, year: int, missing: str | None = None) -> str:
    """'Disabled staff score 6.70 out of 10 against 7.20 for non-disabled staff: a gap of
    −0.50 points. The organisation's score is 7.10.'"""
    figures, org, standard = report.figures, report.org, report.standard
    reference, focus = standard.compared
    score = {
        g: value_of(figures.row(org, year, n, measure="mean_score", group=g))
        for g in (focus.name, reference.name, ORGANISATION)
    }
    gap = value_of(figures.row(org, year, n, measure="difference_points"))
    if pd.isna(score[focus.name]) or pd.isna(score[reference.name]):
        if missing is not None:
            return missing
        return (
            f"Not available: a score for {focus.text} or {reference.text} staff was not "
            "supplied or had too few respondents to report."
        )
    side = "lower" if gap < 0 else "higher"
    text = (
        f"{focus.text} staff score {fmt_score(score[focus.name])} out of 10 against "
        f"{fmt_score(score[reference.name])} for {reference.text} staff: "
        f"{fmt_score(abs(gap))} points {side} ({fmt_points(gap)})."
    )
    if not pd.isna(score[ORGANISATION]):
        text += f" The organisation's score is {fmt_score(score[ORGANISATION])}."
    return text


def _gaps(report: ReportData, n: str) -> str:
    """The chart's finding: the gap between the groups, year by year."""
    reference, focus = report.standard.compared
    gaps = {
        y: value_of(report.figures.row(report.org, y, n, measure="difference_points"))
        for y in report.years
    }
    shown = [f"{fmt_points(g)} in {y}" for y, g in gaps.items() if not pd.isna(g)]
    if not shown:
        return f"No gap between {focus.text} and {reference.text} staff can be reported."
    return (
        f"{focus.text.capitalize()} staff's score against {reference.text} staff's: "
        + ", ".join(shown)
        + "."
    )
