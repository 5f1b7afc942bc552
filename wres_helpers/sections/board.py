"""Indicator 9: the BME share of the Board against the BME share of the workforce."""

from __future__ import annotations

import math

import pandas as pd

from ..presentation import present
from ..standards.ethnicity import BME, GROUPS
from ..words import charts, story
from ..words.story import fmt_count, fmt_pct, fmt_pp, value_of
from .common import (
    show_bullets,
    show_indicator_commentary,
    show_table,
    start_indicator,
    workforce_bme_row,
)
from .report import ReportData

VOTING = "Board (voting)"


def indicator_9(report: ReportData) -> None:
    if not start_indicator(report, 9, "board"):
        return
    frame, org, year = report.published, report.org, report.year
    rows = story.rows(frame, org, year, 9)
    workforce = value_of(workforce_bme_row(frame, org, year))
    shares = [
        (
            _board_name(b) + " Board",
            value_of(story.row(frame, org, year, 9, breakdown=b, measure="percent", group=BME)),
        )
        for b in rows["breakdown"].unique()
    ] + [("Whole workforce", workforce)]
    present.markdown(f"**{year}:** {board_sentence(report, year)}")
    fig, alt = charts.board_chart(shares, org)
    present.figure(fig, alt, _board_finding(report))
    out = []
    for breakdown in rows["breakdown"].unique():
        for group in GROUPS:
            head, pct, diff = (
                story.row(frame, org, year, 9, breakdown=breakdown, group=group, measure=m)
                for m in ("headcount", "percent", "difference_pp")
            )
            out.append(
                {
                    "Board": _board_name(breakdown),
                    "Group": group,
                    "Members": fmt_count(head["value"]),
                    "Share of Board": fmt_pct(pct["value"]),
                    "Difference from workforce share": fmt_pp(diff["value"]),
                }
            )
    show_table(
        pd.DataFrame(out),
        f"Board membership by ethnic group, {year}",
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
    trend = {y: board_sentence(report, y, short=True) for y in report.years}
    position = story.peer_position(
        frame, org, year, 9, lambda o: value_of(voting_difference_row(frame, o, year))
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
                    "below 0, BME people are under-represented on the Board",
                ),
            ),
        ]
    )
    show_indicator_commentary(report, 9)


def _board_name(breakdown: str) -> str:
    return breakdown.removeprefix("Board ").strip("()").capitalize()


def voting_difference_row(frame: pd.DataFrame, org: str, year: int) -> pd.Series | None:
    """The voting Board's BME share minus the workforce's, in percentage points."""
    return story.row(frame, org, year, 9, breakdown=VOTING, measure="difference_pp", group=BME)


def board_sentence(report: ReportData, year: int, short: bool = False) -> str:
    frame, org = report.published, report.org
    share = story.row(frame, org, year, 9, breakdown=VOTING, measure="percent", group=BME)
    diff = voting_difference_row(frame, org, year)
    if share is None or diff is None:
        return "not supplied"
    workforce = value_of(workforce_bme_row(frame, org, year))
    if short:
        return f"{fmt_pct(share['value'])} BME ({fmt_pp(diff['value'])})"
    return (
        f"BME members are {fmt_pct(share['value'])} of the voting Board "
        f"({fmt_count(share['numerator'])} of {fmt_count(share['denominator'])}), against "
        f"{fmt_pct(workforce)} of the workforce: a difference of {fmt_pp(diff['value'])}."
    )


def _board_finding(report: ReportData) -> str:
    frame, org, year = report.published, report.org, report.year
    now = value_of(voting_difference_row(frame, org, year))
    before = value_of(voting_difference_row(frame, org, year - 1))
    if math.isnan(now):
        return "The voting Board's BME share cannot be compared with the workforce's."
    if abs(now) < 0.05:
        head = "The voting Board mirrors the workforce's BME share"
    else:
        side = "under-represented" if now < 0 else "over-represented"
        head = (
            f"BME people are {side} on the voting Board compared with the workforce ({fmt_pp(now)})"
        )
    if math.isnan(before):
        return head + "."
    return head + f"; in {year - 1} the difference was {fmt_pp(before)}."
