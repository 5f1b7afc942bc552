"""Model Employer goals, after the pay-band indicator: each senior band's and cluster's share of
the focus group against
its goal, the gap in people, what closing it by the goal year takes, and the milestone.
Shown only when params.yaml has a `model_employer` block."""

from __future__ import annotations

import math

import pandas as pd

from ..compute import model_employer as compute
from ..presentation import present, safe
from ..report import ReportData
from ..standards import model_employer as me
from ..words.formatting import fmt_pct
from ..words.trajectory import trajectory_chart
from .common import show_table

F = me.GROUP  # the group the goals are for
HIDDEN = "hidden"  # a count of the suppression range, or a figure that would reveal one


def model_employer(report: ReportData) -> None:
    """The Model Employer goals (WRES): the goal group's share of each band against its goal,
    where goals are set.

    Parameters
    ----------
    report : ReportData
        The report built once for this run (wres_helpers.report); only read.

    Returns
    -------
    None
        The section is shown through `presentation.present` (HTML for the page, Typst for
        the PDF), in the notebook's output.
    """
    plan = report.params.model_employer
    if report.standard.code != me.STANDARD or plan is None or not report.supplied("workforce"):
        return
    goals = compute.goals(
        report.computed, report.published, report.org, report.year, plan, report.params.settings
    )
    if not goals:
        return
    present.heading("Model Employer goals")
    present.markdown(_intro(report, plan, goals))
    show_table(
        pd.DataFrame([_row(g, report.year, plan) for g in goals]),
        f"Model Employer goals for {plan.goal_year}: {F} staff in bands 8a and above, "
        f"{report.year}",
        widths={
            "Band": 9,
            "Staff": 7,
            f"{F} staff": 13,
            "Goal": 10,
            f"{F} staff at the goal": 10,
            "Gap (people)": 9,
            f"A year to {plan.goal_year}": 9,
            f"Milestone {report.year}": 10,
            "Status": 23,
        },
    )
    if any(g.hidden for g in goals):
        s = report.params.settings
        present.markdown(
            f"_Hidden: a count of {s.suppress_from} to {s.suppress_to} {F} staff, or a band or "
            f"cluster adding up a count hidden in {report.standard.term} {me.INDICATOR}; its "
            "share, gap, a year's worth and status would give the count back, so they are "
            "hidden too._"
        )
    _chart(report, plan, goals)


def _intro(report: ReportData, plan, goals: list[compute.Goal]) -> str:
    overall = compute.shares(
        report.computed, report.published, report.org, report.year, report.params.settings
    )[compute.OVERALL]
    parity = "hidden this year (small numbers)" if overall.hidden else fmt_pct(overall.percent)
    own = ", ".join(f"bands {name}: {fmt_pct(value)}" for name, value in plan.targets.items())
    return (
        f"{me.STRATEGY} asks every NHS organisation to set goals so that {F} representation in "
        f"each Agenda for Change band from 8a upwards, and among very senior managers (VSM), "
        f"matches its whole workforce by {me.GOAL_YEAR}, with milestones year by year. "
        f"{safe.text(report.params.organisation.name)}'s goal year is **{plan.goal_year}** and "
        f"it measures progress from **{plan.baseline_year}**. The goal is parity with the {F} "
        f"share of the whole workforce in {report.year}, {parity}"
        + (f"; its own targets in place of parity: {own}." if own else ".")
        + "\n\n"
        f"- **{F} staff at the goal:** how many {F} staff the band would have at its goal, at "
        "today's size (whole people, rounded up); shown even where today's count is hidden.\n"
        f"- **Gap (people):** the {F} staff a band lacks at today's size to reach its goal, "
        f"rounded up to whole people; closing it by the goal year takes that many more {F} staff "
        "in post, and *a year* spreads it over the years left.\n"
        "- **Milestone:** the share expected this year on the straight line from the band's "
        f"share in {plan.baseline_year} to its goal in {plan.goal_year}; *on track* means a share "
        "at or above it.\n"
        "- **The organisation's choice:** the goal year, the baseline year and any own targets "
        "(params.yaml, `model_employer`). Bands count every staff group's Agenda for Change "
        "band together (medical grades are not bands); a share counts all staff in the band, "
        f"unknown ethnicity included, as {report.standard.term} {me.INDICATOR} does."
        + _small_numbers(report, plan)
    )


def _small_numbers(report: ReportData, plan) -> str:
    """The disclosure rule, as `compute.model_employer` applies it."""
    s = report.params.settings
    if not s.suppresses:
        return ""
    term = f"{report.standard.term} {me.INDICATOR}"
    return (
        f"\n- **Small numbers:** a band's {F} count is shown only when it is not {s.suppress_from} "
        f"to {s.suppress_to} and every {term} count it adds up is shown, so it is a sum of "
        f"figures {term} publishes. Otherwise its share, gap, a year's worth and status are "
        "hidden with it, as each would give the count back; its staff, goal and "
        f"{F} staff at the goal do not rest on the count and are shown. The milestone rests "
        f"only on the goal and the band's share in {plan.baseline_year}, never on this year's "
        f"count: it is shown where the {plan.baseline_year} count passes the same test, and "
        "not otherwise (it would give that count back)."
    )


def _row(goal: compute.Goal, year: int, plan) -> dict[str, str]:
    now = goal.now
    empty = not now.staff
    milestone = "–" if math.isnan(goal.milestone) else fmt_pct(goal.milestone)
    if empty:
        bme = gap = per_year = "–"
    elif goal.hidden:
        bme = gap = per_year = HIDDEN
    else:
        bme = f"{now.bme} ({fmt_pct(now.percent)})"
        gap = str(goal.gap)
        per_year = "–" if math.isnan(goal.per_year) else f"{goal.per_year:.1f}"
    return {
        "Band": goal.name,
        "Staff": f"{now.staff:,}",
        f"{F} staff": bme,
        "Goal": (HIDDEN if goal.goal_hidden else fmt_pct(goal.goal))
        + (" (own)" if goal.own_target else ""),
        f"{F} staff at the goal": "–" if empty or goal.goal_hidden else str(goal.needed),
        "Gap (people)": gap,
        f"A year to {plan.goal_year}": per_year,
        f"Milestone {year}": milestone,
        "Status": _status(goal, plan),
    }


def _status(goal: compute.Goal, plan) -> str:
    if not goal.now.staff:
        return "no staff in this band"
    if goal.hidden:
        return "not shown (small numbers)"
    if goal.at_goal:
        return "at or above the goal"
    if goal.baseline is None:
        return f"no {plan.baseline_year} data to measure from"
    if goal.on_track is None:
        return f"milestone not shown ({plan.baseline_year} small numbers)"
    return "on track" if goal.on_track else "behind the milestone"


def _chart(report: ReportData, plan, goals: list[compute.Goal]) -> None:
    settings = report.params.settings
    history = {
        y: compute.shares(report.computed, report.published, report.org, y, settings)
        for y in sorted({plan.baseline_year, *report.years})
    }
    panels = []
    for goal in goals:
        if goal.name not in me.CLUSTERS:
            continue
        actual = [
            (y, found[goal.name].percent)
            for y, found in history.items()
            if found and found[goal.name].staff and not found[goal.name].hidden
        ]
        line = compute.trajectory(goal, plan)
        panels.append((goal.name, line, actual, math.nan if goal.goal_hidden else goal.goal))
    if not any(line or actual for _, line, actual, _ in panels):
        present.markdown(
            "_No chart of the clusters against their trajectories: every share they would show "
            "is hidden (small numbers) or has no baseline._"
        )
        return
    fig, alt = trajectory_chart(panels, plan.goal_year)
    present.figure(fig, alt, _finding(goals))


def _finding(goals: list[compute.Goal]) -> str:
    parts = []
    for goal in goals:
        if goal.name not in me.CLUSTERS:
            continue
        if goal.hidden or not goal.now.staff:
            parts.append(f"bands {goal.name}: not shown")
        else:
            parts.append(
                f"bands {goal.name}: {fmt_pct(goal.now.percent)} against a goal of "
                f"{fmt_pct(goal.goal)}, a gap of {goal.gap}"
            )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."
