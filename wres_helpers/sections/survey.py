"""Indicators 5 to 8: the NHS Staff Survey results for White and BME staff."""

from __future__ import annotations

import math

import pandas as pd

from ..presentation import present
from ..standards.ethnicity import BME, WHITE
from ..words import charts, story
from ..words.story import fmt_count, fmt_pct, value_of
from .common import (
    hidden_note,
    show_bullets,
    show_indicator_commentary,
    show_table,
    start_indicator,
    value_of_col,
)
from .report import ReportData


def survey_indicator(report: ReportData, n: int) -> None:
    if not start_indicator(report, n, "staff_survey"):
        return
    frame, org, year = report.published, report.org, report.year
    white = story.row(frame, org, year, n, measure="percent", group=WHITE)
    bme = story.row(frame, org, year, n, measure="percent", group=BME)
    sentence = story.survey_sentence(white, bme, n)
    present.markdown(f"**{year}:** {sentence} {story.survey_gap(white, bme, n)}")
    trend = {}
    for y in report.years:
        trend[y] = {}
        for group in (WHITE, BME):
            r = story.row(frame, org, y, n, measure="percent", group=group)
            trend[y][group] = (value_of(r), value_of_col(r, "ci_low"), value_of_col(r, "ci_high"))
    fig, alt = charts.survey_chart(trend, org, story.SURVEY_PHRASE[n])
    present.figure(fig, alt, _survey_finding(report, n, white, bme))
    out, reasons = [], set()
    for y in report.years:
        for group in (WHITE, BME):
            r = story.row(frame, org, y, n, measure="percent", group=group)
            if r is None:
                continue
            hidden = bool(r["suppression"]) or pd.isna(r["value"])
            reasons.add(r["suppression"])
            out.append(
                {
                    "Year": str(y),
                    "Group": group,
                    "Respondents": fmt_count(r["denominator"]),
                    "Answered yes": story.hidden_label(r["suppression"])
                    if hidden
                    else fmt_count(r["numerator"]),
                    "Percent": story.hidden_label(r["suppression"])
                    if hidden
                    else fmt_pct(r["value"]),
                    "95% interval": "–"
                    if hidden
                    else f"{fmt_pct(r['ci_low'])} to {fmt_pct(r['ci_high'])}",
                }
            )
    show_table(
        pd.DataFrame(out),
        f"Indicator {n} by year and group ({story.survey_reading(n)})",
        widths={
            "Year": 10,
            "Group": 12,
            "Respondents": 17,
            "Answered yes": 17,
            "Percent": 18,
            "95% interval": 26,
        },
        nowrap=("Year", "95% interval"),
        note=hidden_note(reasons),
    )
    position = story.survey_peers(frame, org, year, n)
    show_bullets(
        [
            (
                "Comparators",
                story.peer_sentence(
                    position,
                    fmt_pct,
                    "BME percentage",
                    org,
                    story.survey_reading(n),
                    missing=(
                        f"{org}'s BME result is not reported this year, so it cannot be "
                        "compared with other organisations."
                        if bme is not None and pd.isna(bme["value"])
                        else ""
                    ),
                ),
            )
        ]
    )
    show_indicator_commentary(report, n)


def _survey_finding(report: ReportData, n: int, white, bme) -> str:
    """The gap between the groups this year, and how the BME figure moved since last year."""
    frame, org, year = report.published, report.org, report.year
    gap = story.survey_gap(white, bme, n)
    if not gap:
        then = {
            g: value_of(story.row(frame, org, year - 1, n, measure="percent", group=g))
            for g in (WHITE, BME)
        }
        last = (
            ""
            if math.isnan(then[BME]) or math.isnan(then[WHITE])
            else f" The last reported BME figure was {fmt_pct(then[BME])} in {year - 1}, "
            f"against {fmt_pct(then[WHITE])} for White staff."
        )
        return story.survey_sentence(white, bme, n) + last
    before = value_of(story.row(frame, org, year - 1, n, measure="percent", group=BME))
    now = value_of(bme)
    if math.isnan(before):
        return f"{gap.rstrip('.')} in {year}."
    moved = (
        "unchanged"
        if round(now, 1) == round(before, 1)
        else f"{'up' if now > before else 'down'} from {fmt_pct(before)} in {year - 1}"
    )
    return (
        f"{gap.rstrip('.')} in {year}. The BME figure is {fmt_pct(now)}, {moved}; for this "
        f"question {story.survey_reading(n)}."
    )
