"""A survey percentage's section of the report: the NHS Staff Survey results for each
compared group.

Imported by its kind's `section` method when a report is shown (kinds/base.py)."""

from __future__ import annotations

import math

import pandas as pd

from ...presentation import present
from ...report import ReportData
from ...sections.common import (
    hidden_note,
    show_bullets,
    show_indicator_commentary,
    show_table,
    start_indicator,
    value_of_col,
)
from ...words import charts, story
from ...words.formatting import fmt_count, fmt_pct, hidden_label
from ...words.lookup import value_of
from . import survey_gap, survey_peers, survey_reading, survey_sentence


def survey_indicator(report: ReportData, n: str) -> None:
    n = str(n)
    if not start_indicator(report, n):
        return
    figures, org, year = report.figures, report.org, report.year
    ind, settings = report.standard.indicator(n), report.params.settings
    groups = report.standard.reported(ind)
    reference, focus = (g.name for g in report.standard.compared)
    white = figures.row(org, year, n, measure="percent", group=reference)
    bme = figures.row(org, year, n, measure="percent", group=focus)
    sentence = survey_sentence(figures, ind, white, bme)
    survey = f"{report.survey_year(year)} staff survey"  # a year's report reads last autumn's
    gap = survey_gap(figures, ind, white, bme, settings)
    present.markdown(f"**{year} ({survey}):** {sentence} {gap}")
    trend: dict[int, dict[str, tuple[float, float, float]]] = {}
    for y in report.years:
        trend[y] = {}
        for group in groups:
            r = figures.row(org, y, n, measure="percent", group=group)
            trend[y][group] = (value_of(r), value_of_col(r, "ci_low"), value_of_col(r, "ci_high"))
    fig, alt = charts.survey_chart(trend, org, ind.phrase, report.standard, settings)
    present.figure(fig, alt, _survey_finding(report, ind, white, bme))
    survey_table(report, n, web_only=True)
    position = survey_peers(figures, org, year, n)
    show_bullets(
        [
            (
                "Comparators",
                story.peer_sentence(
                    position,
                    fmt_pct,
                    f"{focus} percentage",
                    org,
                    survey_reading(ind),
                    missing=(
                        f"{org}'s {focus} result is not reported this year, so it cannot be "
                        "compared with other organisations."
                        if bme is not None and pd.isna(bme["value"])
                        else ""
                    ),
                ),
            )
        ]
    )
    show_indicator_commentary(report, n)


def survey_table(report: ReportData, n: str, web_only: bool = False) -> None:
    """Each group's respondents, positive answers, percentage and interval, year by year
    (and the benchmark group's average, where the survey file gives it). A detail table:
    `web_only` on the web page (the Board PDF has the figures in words and in the chart),
    and in the technical annex.

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
    figures, org = report.figures, report.org
    ind, settings = report.standard.indicator(n), report.params.settings
    groups = report.standard.reported(ind)
    level = f"{round(settings.confidence * 100)}% interval"
    bench = "Benchmark group average"
    # The survey benchmark report's average for each group, where the survey file gives it.
    benchmarks = {
        (y, group): r["value"]
        for y in report.years
        for group in groups
        if (r := figures.row(org, y, n, measure="benchmark_percent", group=group)) is not None
    }
    out, reasons = [], set()
    for y in report.years:
        for group in groups:
            r = figures.row(org, y, n, measure="percent", group=group)
            if r is None:
                continue
            hidden = bool(r["suppression"]) or pd.isna(r["value"])
            reasons.add(r["suppression"])
            out.append(
                {
                    "Year": str(y),
                    "Group": group,
                    "Respondents": fmt_count(r["denominator"]),
                    "Answered yes": hidden_label(r["suppression"])
                    if hidden
                    else fmt_count(r["numerator"]),
                    "Percent": hidden_label(r["suppression"]) if hidden else fmt_pct(r["value"]),
                    level: "–" if hidden else f"{fmt_pct(r['ci_low'])} to {fmt_pct(r['ci_high'])}",
                }
                | ({bench: fmt_pct(benchmarks.get((y, group)))} if benchmarks else {})
            )
    show_table(
        pd.DataFrame(out),
        f"{report.standard.called(n)} by year and group ({survey_reading(ind)})",
        widths=(
            {"Year": 8, "Group": 10, "Respondents": 14, "Answered yes": 14, "Percent": 12}
            | {level: 24, bench: 18}
            if benchmarks
            else {
                "Year": 9,
                "Group": 17,
                "Respondents": 16,
                "Answered yes": 16,
                "Percent": 14,
                level: 28,
            }
        ),
        nowrap=("Year", "Group", level),
        web_only=web_only,
        note=hidden_note(reasons)
        + (
            f"\n\n_{bench}: the average of the organisation's staff survey benchmarking group, "
            "as the survey's benchmark report gives it (a dash where the file gives none)._"
            if benchmarks
            else ""
        ),
    )


def _survey_finding(report: ReportData, ind, white, bme) -> str:
    """The gap between the groups this year, and how the focus group's figure moved."""
    figures, org, year, n = report.figures, report.org, report.year, ind.id
    reference, focus = report.standard.compared
    gap = survey_gap(figures, ind, white, bme, report.params.settings)
    if not gap:
        then = {
            g.name: value_of(figures.row(org, year - 1, n, measure="percent", group=g.name))
            for g in (reference, focus)
        }
        last = (
            ""
            if math.isnan(then[focus.name]) or math.isnan(then[reference.name])
            else f" The last reported {focus.name} figure was {fmt_pct(then[focus.name])} in "
            f"{year - 1}, against {fmt_pct(then[reference.name])} for {reference.text} staff."
        )
        return survey_sentence(figures, ind, white, bme) + last
    before = value_of(figures.row(org, year - 1, n, measure="percent", group=focus.name))
    now = value_of(bme)
    if math.isnan(before):
        return f"{gap.rstrip('.')} in {year}."
    moved = (
        "unchanged"
        if round(now, 1) == round(before, 1)
        else f"{'up' if now > before else 'down'} from {fmt_pct(before)} in {year - 1}"
    )
    return (
        f"{gap.rstrip('.')} in {year}. The {focus.name} figure is {fmt_pct(now)}, {moved}; for "
        f"this question {survey_reading(ind)}."
    )
