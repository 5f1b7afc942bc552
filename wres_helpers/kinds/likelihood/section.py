"""A relative likelihood's section of the report: how much more likely one group is than the
other to be appointed, to enter a formal process or to access training, as the registry words
each.

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
from ...standards.registry import ROLLING, SINGLE_YEAR
from ...words import charts, story, verdicts
from ...words.formatting import flagged, fmt_count, fmt_pct, fmt_rl, hidden_label
from ...words.lookup import value_of
from . import comparisons, rl_change, rl_peers, rl_sentence, rl_text

RL_CHART_HEIGHT = 2.0  # inches: a little under the charts' own, so indicators share pages


def rl_indicator(report: ReportData, n: str) -> None:
    n = str(n)
    if not start_indicator(report, n):
        return
    comparison, settings = comparisons(report.standard)[n], report.params.settings
    ind = comparison.indicator
    figures, org, year = report.figures, report.org, report.year
    found = figures.rl_row(org, year, n, settings)
    headline = ind.headline_breakdown(settings)
    lines = [
        f"**{year}{' (two-year rolling)' if headline == ROLLING else ''}:** "
        + rl_sentence(found, settings)
    ]
    # The figure beside the headline: the other of its breakdowns, where it has one.
    other = next((b for b in ind.breakdowns if b != headline), None)
    if other:
        second = figures.row(org, year, n, measure="relative_likelihood", breakdown=other)
        if second is not None:
            label = {SINGLE_YEAR: f"{year} alone", ROLLING: "Two-year rolling"}.get(other, other)
            said = found is not None and flagged(found["small_numbers"])  # said once
            lines.append(f"**{label}:** " + rl_sentence(second, settings, small=not said))
    if caveat := ind.caveat_for(settings):
        lines.append(caveat)
    present.markdown("\n\n".join(lines))
    trend, texts = {}, {}
    for y in report.years:
        r = figures.rl_row(org, y, n, settings)
        bounds = story.rl_range(r)
        low, high = bounds or (value_of_col(r, "ci_low"), value_of_col(r, "ci_high"))
        trend[y], texts[y] = (value_of(r), low, high), rl_text(r)
    position = rl_peers(figures, org, year, n, settings)
    peers = position["values"] if position else {org: trend[year][0]}
    # a comparator known by its published figures is marked so on the chart too
    marked = set(position["published"]) if position else set()
    peers = {f"{o} (published)" if o in marked else o: v for o, v in peers.items()}
    above = f"{comparison.top} {comparison.people} more likely to {comparison.likely_to}"
    fig, alt = charts.rl_chart(trend, peers, org, settings, above, texts, RL_CHART_HEIGHT)
    before = figures.rl_row(org, year - 1, n, settings)
    present.figure(fig, alt, _rl_finding(found, before, year, settings))
    table, reasons = _rl_table(report, n)
    people = comparison.people
    columns = [f"{group} {people}" for group in comparison.groups]
    interval = _interval_column(settings)
    # Fixed widths, so "In words" gets what the figures leave it: two lines where it can.
    widths = {"Year": 6} | {c: 14 for c in columns} | {interval: 11}
    widths |= {"Non-adverse range": 15}
    if "Figure" in table:  # two figures a year: room for their names' longest word
        longest = max(len(word) for name in table["Figure"] for word in name.split())
        widths |= {"Figure": 15 if longest > 9 else 10} | {c: 11 for c in columns}
    widths["In words"] = 100 - sum(widths.values())
    show_table(
        table,
        f"{report.standard.called(n)} by year: the counts behind each relative "
        "likelihood (RL), in words",
        widths=widths,
        nowrap=("Year",),
        lines=(interval, "Non-adverse range"),
        fixed=True,
        note=hidden_note(reasons),
        font_size="8pt",
    )
    if ind.beside:
        _beside_table(report, n)
    now, then = value_of(found), value_of(before)
    # The chart, its key finding and the table give the trend; say so only when the key
    # finding cannot compare this year with last.
    change = rl_change(now, then, year - 1) if math.isnan(now) or math.isnan(then) else ""
    show_bullets(
        [
            ("Trend", change),
            (
                "Comparators",
                story.peer_sentence(
                    position,
                    fmt_rl,
                    "relative likelihood",
                    org,
                    verdicts.favours_higher(report.standard.favoured_above_one(ind)),
                ),
            ),
        ]
    )
    show_indicator_commentary(report, n)


def _rl_finding(found, before, year: int, settings) -> str:
    if found is None or math.isnan(value_of(found)) or story.rl_range(found):
        return rl_sentence(found, settings)
    verdict = verdicts.range_verdict(found["non_adverse"]) or verdicts.no_range_verdict(
        settings, crosses=False
    )
    now, then = value_of(found), value_of(before)
    direction = "" if math.isnan(then) else verdicts.ratio_direction(now, then)
    change = f", {verdicts.change_words(direction, year - 1, fmt_rl(then))}" if direction else ""
    chance = verdicts.chance_said(verdicts.rl_chance(found))
    return f"{found['interpretation']}: {verdict}{change}; {chance}."


def _interval_column(settings) -> str:
    return f"RL ({round(settings.confidence * 100)}% interval)"


def _rl_table(report: ReportData, n: str) -> tuple[pd.DataFrame, set[str]]:
    comparison = comparisons(report.standard)[n]
    breakdowns = comparison.indicator.breakdowns
    figures, org = report.figures, report.org
    interval = _interval_column(report.params.settings)
    out, reasons = [], set()
    for year in report.years:
        for breakdown in breakdowns:
            if figures.row(org, year, n, breakdown=breakdown) is None:
                continue
            line = {"Year": str(year), "Figure": breakdown}
            for group in comparison.groups:
                found = figures.row(
                    org, year, n, breakdown=breakdown, measure="percent", group=group
                )
                line[f"{group} {comparison.people}"], why = _rate_cell(found)
                reasons.add(why)
            rl = figures.row(org, year, n, breakdown=breakdown, measure="relative_likelihood")
            if rl is None:  # a published year that gives the rates but not the RL
                line |= {interval: "–", "In words": "–", "Non-adverse range": "–"}
                out.append(line)
                continue
            undefined, bounds = pd.isna(rl["value"]), story.rl_range(rl)
            line[interval] = (
                f"{fmt_rl(bounds[0])}–{fmt_rl(bounds[1])}\n(range)"
                if bounds
                else "–"
                if undefined
                else f"{fmt_rl(rl['value'])}\n(as published)"
                if report.is_published(org, year) and pd.isna(rl["ci_low"])
                else f"{fmt_rl(rl['value'])}\n({fmt_rl(rl['ci_low'])}–{fmt_rl(rl['ci_high'])})"
            )
            if bounds or story.withheld(rl):
                reasons.add(rl["suppression"])
            why = story.missing_reason(rl)
            line["In words"] = (
                rl["interpretation"] or "–"
                if bounds or not undefined
                else (why[:1].upper() + why[1:])
            )
            line["Non-adverse range"] = (rl["non_adverse"] or "–") + (
                ";\nsmall numbers" if flagged(rl["small_numbers"]) else ""
            )
            out.append(line)
    table = pd.DataFrame(out)
    if len(breakdowns) == 1 and not table.empty:
        table = table.drop(columns="Figure")
    return table, reasons


def _beside_table(report: ReportData, n: str) -> None:
    """The counts shown beside an RL and left out of it (WDES metric 3's ill-health entries):
    each group's entries as a share of its staff in post, year by year; no ratio."""
    comparison = comparisons(report.standard)[n]
    breakdown = comparison.indicator.beside
    out, reasons = [], set()
    for year in report.years:
        line = {"Year": str(year)}
        for group in comparison.groups:
            found = report.figures.row(
                report.org, year, n, breakdown=breakdown, measure="percent", group=group
            )
            line[f"{report.standard.text_of(group).capitalize()} staff"], why = _rate_cell(found)
            reasons.add(why)
        if len(line) > 1 and any(v != "–" for k, v in line.items() if k != "Year"):
            out.append(line)
    if out:
        show_table(
            pd.DataFrame(out),
            f"{report.standard.called(n)}: {breakdown[:1].lower()}{breakdown[1:]}, "
            "entries as a share of staff in post",
            widths={"Year": 16},
            nowrap=("Year",),
            note=hidden_note(reasons),
        )


def _rate_cell(r: pd.Series | None) -> tuple[str, str]:
    """'140 of 583 (24.0%)', or 'hidden' and the reason; the reason is '' when shown."""
    if r is None:
        return "–", ""
    if r["suppression"]:
        return hidden_label(r["suppression"]), r["suppression"]
    return (
        f"{fmt_count(r['numerator'])} of {fmt_count(r['denominator'])} ({fmt_pct(r['value'])})",
        "",
    )
