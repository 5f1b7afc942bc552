"""A Board difference's section of the report: the focus group's share of the Board against
its share of the workforce.

Imported by its kind's `section` method when a report is shown (kinds/base.py)."""

from __future__ import annotations

import math

import pandas as pd

from ...presentation import present
from ...report import ReportData
from ...sections.common import (
    show_bullets,
    show_indicator_commentary,
    show_table,
    start_indicator,
    workforce_focus_row,
)
from ...words import charts, story, verdicts
from ...words.formatting import fmt_count, fmt_pct, fmt_pp
from ...words.lookup import peer_position, value_of
from . import board_chance, board_row, board_sentence


def board_indicator(report: ReportData, n: str) -> None:
    if not start_indicator(report, n):
        return
    figures, org, year = report.figures, report.org, report.year
    focus = report.standard.focus.name
    rows = figures.rows(org, year, n)
    workforce = value_of(workforce_focus_row(report, org, year))
    shares = [
        (
            _board_name(b) + " Board",
            value_of(figures.row(org, year, n, breakdown=b, measure="percent", group=focus)),
        )
        for b in rows["breakdown"].unique()
    ] + [("Whole workforce", workforce)]
    present.markdown(f"**{year}:** {_sentence(report, year)}")
    fig, alt = charts.board_chart(shares, org, report.standard)
    present.figure(fig, alt, _board_finding(report))
    out = []
    for breakdown in rows["breakdown"].unique():
        for group in report.standard.group_names:
            head, pct, diff = (
                figures.row(org, year, n, breakdown=breakdown, group=group, measure=m)
                for m in ("headcount", "percent", "difference_pp")
            )
            out.append(
                {
                    "Board": _board_name(breakdown),
                    "Group": group,
                    "Members": fmt_count(value_of(head)),
                    "Share of Board": fmt_pct(value_of(pct)),
                    "Difference from workforce share": fmt_pp(value_of(diff)),
                }
            )
    show_table(
        pd.DataFrame(out),
        f"Board membership by {report.standard.group_word}, {year}",
        widths={
            "Board": 22,
            "Group": 14,
            "Members": 14,
            "Share of Board": 18,
            "Difference from workforce share": 32,
        },
        note="_Difference: the group's share of the Board minus its share of the whole "
        "workforce, in percentage points; 0 means the Board mirrors the workforce._",
    )
    trend = {y: _sentence(report, y, short=True) for y in report.years}
    position = peer_position(
        figures, org, year, lambda o: value_of(voting_difference_row(report, o, year)), n
    )
    show_bullets(
        [
            ("Three-year trend (voting Board)", story.trend_text(trend) + "."),
            (
                "Comparators",
                story.peer_sentence(
                    position,
                    fmt_pp,
                    "voting Board difference",
                    org,
                    f"below 0, {focus} people are under-represented on the Board",
                ),
            ),
        ]
    )
    show_indicator_commentary(report, n)


def _board_name(breakdown: str) -> str:
    return breakdown.removeprefix("Board ").strip("()").capitalize()


def voting_difference_row(report: ReportData, org: str, year: int) -> pd.Series | None:
    """The voting Board's focus-group share minus the workforce's, in percentage points."""
    return board_row(report.figures, org, year, report.params.settings)


def _sentence(report: ReportData, year: int, short: bool = False) -> str:
    return board_sentence(report.figures, report.org, year, report.params.settings, short=short)


def _board_finding(report: ReportData) -> str:
    org, year, focus = report.org, report.year, report.standard.focus.name
    now = value_of(voting_difference_row(report, org, year))
    before = value_of(voting_difference_row(report, org, year - 1))
    if math.isnan(now):
        return f"The voting Board's {focus} share cannot be compared with the workforce's."
    if abs(now) < 0.05:
        head = f"The voting Board mirrors the workforce's {focus} share"
    else:
        side = "under-represented" if now < 0 else "over-represented"
        head = (
            f"{focus} people are {side} on the voting Board compared with the workforce "
            f"({fmt_pp(now)})"
        )
    chance = board_chance(report.figures, org, year, report.params.settings)
    level = round(report.params.settings.confidence * 100)
    head += (
        ", which " + verdicts.chance_clause(chance, level, " points") if abs(now) >= 0.05 else ""
    )
    if math.isnan(before):
        return head + "."
    return head + f". In {year - 1} the difference was {fmt_pp(before)}."
