"""The report's sections, in the order NHS England's template asks for them.

Each function displays one section of a report from a `ReportData`: the notebook
calls them in turn, so the notebook tells the story and this module holds the logic.
"""

from __future__ import annotations

import math

import pandas as pd

from . import charts, present, story
from .ethnicity import BME, GROUPS, UNKNOWN, WHITE
from .indicators import (
    ALL,
    COMPARISONS,
    NO_INTERNATIONAL,
    OVERALL,
    ROLLING,
    SINGLE_YEAR,
    TITLES,
)
from .report import ReportData
from .schema import STAFF_GROUPS, SURVEY_INDICATORS, TABLES
from .story import fmt_count, fmt_pct, fmt_pp, fmt_rl, value_of

TITLE = "Workforce Race Equality Standard report"
NOT_SUPPLIED = (
    "Data not supplied: the {table} file was not in the data folder, so this "
    "indicator is not reported. It is not treated as zero."
)


def cover(report: ReportData) -> None:
    p = report.params
    present.cover(
        title=TITLE,
        organisation=p.organisation.name,
        year=report.year,
        marking=p.marking,
        version=p.version,
        date=report.report_date,
        synthetic=report.synthetic,
        draft=bool(report.missing_for_final()),
        short_title=f"{p.organisation.code} WRES {report.year}",
    )
    present.contents()


def executive_summary(report: ReportData) -> None:
    present.heading("Executive summary")
    if report.synthetic:
        present.markdown(
            "**This report is built from synthetic data** made by a program for demonstration. "
            "No figure in it describes real staff, and it must not be published as a WRES return."
        )
    messages = story.key_messages(report.published, report.org, report.year, report.params.settings)
    present.markdown("Key messages from the figures:\n\n" + "\n".join(f"- {m}" for m in messages))
    present.heading("The analysts' summary", level=3)
    present.markdown(_commentary(report.commentary.general("summary")))


def background(report: ReportData) -> None:
    present.heading("Background")
    p, year = report.params, report.year
    overall = {
        g: story.row(
            report.published, report.org, year, 1, breakdown=OVERALL, measure="percent", group=g
        )
        for g in GROUPS
    }
    headcount = overall[WHITE]["denominator"] if overall[WHITE] is not None else None
    supplied = [t for t in TABLES if report.supplied(t)]
    missing = [t for t in TABLES if not report.supplied(t)]
    facts = pd.DataFrame(
        [
            ("Workforce snapshot", f"{p.snapshot_date.day} {p.snapshot_date:%B %Y}"),
            (
                "Period covered by recruitment and disciplinary data",
                f"1 April {year - 1} to 31 March {year}",
            ),
            ("Headcount at the snapshot", fmt_count(headcount)),
            ("BME staff", fmt_pct(value_of(overall[BME]))),
            ("White staff", fmt_pct(value_of(overall[WHITE]))),
            ("Ethnicity unknown or not stated", fmt_pct(value_of(overall[UNKNOWN]))),
            ("Self-reporting rate (ethnicity recorded)", fmt_pct(100 - value_of(overall[UNKNOWN]))),
            ("Data supplied", ", ".join(supplied) or "none"),
            ("Data not supplied", ", ".join(missing) or "none"),
            ("Comparator organisations", ", ".join(p.comparators) or "none"),
        ],
        columns=["", "Figure"],
    )
    present.table(facts, "Workforce and data at a glance")
    present.markdown(_commentary(report.commentary.general("background")))
    present.heading("Self-reporting of ethnicity", level=3)
    present.markdown(_commentary(report.commentary.general("self-reporting")))


# --- indicator 1 ---------------------------------------------------------------------------


def indicator_1(report: ReportData) -> None:
    present.heading(f"Indicator 1: {TITLES[1]}")
    if not report.supplied("workforce"):
        present.markdown(NOT_SUPPLIED.format(table="workforce"))
        return
    rows = story.rows(report.published, report.org, report.year, 1)
    pct = rows[rows["measure"] == "percent"]
    bme = pct[pct["group"] == BME]
    overall = value_of(
        story.row(
            report.published,
            report.org,
            report.year,
            1,
            breakdown=OVERALL,
            measure="percent",
            group=BME,
        )
    )
    bands = [(b, v) for b, v in zip(bme["breakdown"], bme["value"], strict=True) if b != OVERALL]
    fig, alt = charts.pay_band_chart([(_band_label(b), v) for b, v in bands], overall, report.org)
    shown = [v for _, v in bands if not math.isnan(v)]
    above = sum(v > overall for v in shown)
    finding = (
        f"BME staff are {fmt_pct(overall)} of the whole workforce. Of the {len(shown)} pay bands "
        f"and grades whose BME share can be shown, {above} have a higher share than that"
        + (
            f"; {len(bands) - len(shown)} are hidden because their counts are small."
            if len(shown) < len(bands)
            else "."
        )
    )
    present.figure(fig, alt, finding)
    for staff_group in (*STAFF_GROUPS, None):
        table = _band_table(rows, staff_group)
        if not table.empty:
            present.table(
                table,
                f"{staff_group or 'Overall workforce'}: headcount (share of the "
                f"band) by ethnic group, {report.year}",
            )
    before = story.row(
        report.published,
        report.org,
        report.year - 1,
        1,
        breakdown=OVERALL,
        measure="percent",
        group=BME,
    )
    present.markdown(
        f"In {report.year - 1} BME staff were {fmt_pct(value_of(before))} of the workforce. "
        "Counts of 1 to 7 are suppressed ('suppressed'), with further cells hidden where a total "
        "would give them away."
    )
    _indicator_commentary(report, 1)


def _band_label(breakdown: str) -> str:
    group, _, band = breakdown.partition(": ")
    prefix = {"Non-clinical": "Non-clin.", "Clinical": "Clinical", "Medical and dental": "Medical"}
    return f"{prefix.get(group, group)} · {'Band ' if band[:1].isdigit() else ''}{band}"


def _band_table(rows: pd.DataFrame, staff_group: str | None) -> pd.DataFrame:
    wanted = (
        rows["breakdown"].str.startswith(f"{staff_group}: ")
        if staff_group
        else (rows["breakdown"] == OVERALL)
    )
    selected = rows[wanted]
    out = []
    for breakdown, band in selected.groupby("breakdown", sort=False):
        cells = {"Band or grade": breakdown.partition(": ")[2] or breakdown}
        total = None
        for group in GROUPS:
            pct = band[(band["measure"] == "percent") & (band["group"] == group)].iloc[0]
            total = pct["denominator"]
            cells[group] = (
                "suppressed"
                if pct["suppression"]
                else f"{fmt_count(pct['numerator'])} ({fmt_pct(pct['value'])})"
            )
        cells["Total"] = fmt_count(total)
        out.append(cells)
    return pd.DataFrame(out)


# --- indicators 2-4 ------------------------------------------------------------------------

_SOURCE = {2: "recruitment", 3: "disciplinary", 4: "workforce"}


def rl_indicator(report: ReportData, n: int) -> None:
    comparison, settings = COMPARISONS[n], report.params.settings
    present.heading(f"Indicator {n}: {TITLES[n]}")
    if not report.supplied(_SOURCE[n]) or not report.supplied("workforce") and n != 2:
        present.markdown(NOT_SUPPLIED.format(table=_SOURCE[n] if n != 4 else "workforce"))
        return
    frame, org, year = report.published, report.org, report.year
    found = story.rl_row(frame, org, year, n, settings)
    headline = story.headline_breakdown(n, settings)
    present.markdown(
        f"**{year}{' (two-year rolling)' if headline == ROLLING else ''}:** "
        + story.rl_sentence(found, settings)
    )
    trend = {}
    for y in report.years:
        r = story.rl_row(frame, org, y, n, settings)
        trend[y] = (value_of(r), value_of_col(r, "ci_low"), value_of_col(r, "ci_high"))
    position = story.rl_peers(frame, org, year, n, settings)
    peers = position["values"] if position else {org: trend[year][0]}
    above = f"{comparison.top} {comparison.people} more likely to {comparison.likely_to}"
    fig, alt = charts.rl_chart(trend, peers, org, settings, above)
    present.figure(fig, alt, story.rl_sentence(found, settings).split(" (relative")[0] + ".")
    present.table(
        _rl_table(report, n), f"Indicator {n} by year: the figures behind the relative likelihood"
    )
    before = story.rl_row(frame, org, year - 1, n, settings)
    present.markdown(
        " ".join(
            [
                story.rl_change(value_of(found), value_of(before), year - 1),
                "Three-year trend: "
                + story.trend_text({y: fmt_rl(t[0]) for y, t in trend.items()})
                + ".",
                story.peer_sentence(position, fmt_rl, "relative likelihood", org),
            ]
        )
    )
    _indicator_commentary(report, n)


def value_of_col(found: pd.Series | None, column: str) -> float:
    return math.nan if found is None or pd.isna(found[column]) else float(found[column])


def _rl_table(report: ReportData, n: int) -> pd.DataFrame:
    comparison = COMPARISONS[n]
    breakdowns = {2: [ALL, NO_INTERNATIONAL], 3: [SINGLE_YEAR, ROLLING], 4: [ALL]}[n]
    out = []
    for year in report.years:
        for breakdown in breakdowns:
            rows = story.rows(report.published, report.org, year, n, breakdown=breakdown)
            if rows.empty:
                continue
            line = {"Year": str(year), "Breakdown": breakdown}
            for group in (WHITE, BME):
                line[f"{group} {comparison.people}"] = _rate_cell(rows, group)
            rl = rows[rows["measure"] == "relative_likelihood"].iloc[0]
            line["Relative likelihood"] = fmt_rl(rl["value"])
            line["95% interval"] = (
                "–"
                if pd.isna(rl["value"])
                else f"{fmt_rl(rl['ci_low'])} to {fmt_rl(rl['ci_high'])}"
            )
            line["Range"] = rl["non_adverse"] or "–"
            line["Small numbers"] = "yes" if rl["small_numbers"] is True else "no"
            out.append(line)
    table = pd.DataFrame(out)
    if len(breakdowns) == 1 and not table.empty:
        table = table.drop(columns="Breakdown")
    return table


def _rate_cell(rows: pd.DataFrame, group: str) -> str:
    found = rows[(rows["measure"] == "percent") & (rows["group"] == group)]
    if found.empty:
        return "–"
    r = found.iloc[0]
    if r["suppression"]:
        return "suppressed"
    return f"{fmt_count(r['numerator'])} of {fmt_count(r['denominator'])} ({fmt_pct(r['value'])})"


# --- indicators 5-8 ------------------------------------------------------------------------


def survey_indicator(report: ReportData, n: int) -> None:
    present.heading(f"Indicator {n}: {TITLES[n]}")
    frame, org, year = report.published, report.org, report.year
    if not report.supplied("staff_survey"):
        present.markdown(NOT_SUPPLIED.format(table="staff_survey"))
        return
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
    present.figure(fig, alt, sentence)
    out = []
    for y in report.years:
        for group in (WHITE, BME):
            r = story.row(frame, org, y, n, measure="percent", group=group)
            if r is None:
                continue
            out.append(
                {
                    "Year": str(y),
                    "Group": group,
                    "Respondents": fmt_count(r["denominator"]),
                    "Answered yes": "suppressed" if r["suppression"] else fmt_count(r["numerator"]),
                    "Percent": r["suppression"] or fmt_pct(r["value"]),
                    "95% interval": "–"
                    if pd.isna(r["value"])
                    else f"{fmt_pct(r['ci_low'])} to {fmt_pct(r['ci_high'])}",
                }
            )
    present.table(pd.DataFrame(out), f"Indicator {n} by year and group")
    position = story.survey_peers(frame, org, year, n)
    present.markdown(story.peer_sentence(position, fmt_pct, "BME percentage", org))
    _indicator_commentary(report, n)


# --- indicator 9 ---------------------------------------------------------------------------


def indicator_9(report: ReportData) -> None:
    present.heading(f"Indicator {9}: {TITLES[9]}")
    if not report.supplied("board"):
        present.markdown(NOT_SUPPLIED.format(table="board"))
        return
    frame, org, year = report.published, report.org, report.year
    rows = story.rows(frame, org, year, 9)
    workforce = value_of(
        story.row(frame, org, year, 1, breakdown=OVERALL, measure="percent", group=BME)
    )
    shares = [
        (
            b.removeprefix("Board (").rstrip(")").capitalize() + " Board",
            value_of(story.row(frame, org, year, 9, breakdown=b, measure="percent", group=BME)),
        )
        for b in rows["breakdown"].unique()
    ] + [("Workforce", workforce)]
    voting = story.row(
        frame, org, year, 9, breakdown="Board (voting)", measure="difference_pp", group=BME
    )
    finding = (
        f"BME members are {fmt_pct(shares[0][1])} of the voting Board against "
        f"{fmt_pct(workforce)} of the workforce ({fmt_pp(value_of(voting))})."
    )
    fig, alt = charts.board_chart(shares, org)
    present.figure(fig, alt, finding)
    out = []
    for breakdown, part in rows.groupby("breakdown", sort=False):
        for group in GROUPS:
            cell = part[part["group"] == group]
            head = cell[cell["measure"] == "headcount"].iloc[0]
            pct = cell[cell["measure"] == "percent"].iloc[0]
            diff = cell[cell["measure"] == "difference_pp"].iloc[0]
            out.append(
                {
                    "Board": breakdown.removeprefix("Board ").strip("()").capitalize(),
                    "Group": group,
                    "Members": fmt_count(head["value"]),
                    "Share": fmt_pct(pct["value"]),
                    "Difference from workforce": fmt_pp(diff["value"]),
                }
            )
    present.table(pd.DataFrame(out), f"Board membership by ethnic group, {year}")
    _indicator_commentary(report, 9)


# --- the rest ------------------------------------------------------------------------------


def other_factors(report: ReportData) -> None:
    present.heading("Other factors")
    present.markdown(_commentary(report.commentary.general("other-factors")))


def summary_table(report: ReportData) -> None:
    """NHS England's template: indicator | this year | last year | narrative | action."""
    present.heading("Summary in the NHS England template")
    out = []
    for n in range(1, 10):
        out.append(
            {
                "Indicator": f"{n}. {TITLES[n]}",
                str(report.year): headline(report, n, report.year),
                str(report.year - 1): headline(report, n, report.year - 1),
                "Narrative: implications of the data": _plain(report.commentary.implications(n)),
                "Action taken and planned": _plain(report.commentary.actions(n)),
            }
        )
    present.table(pd.DataFrame(out), "Summary of the nine indicators")


def headline(report: ReportData, n: int, year: int) -> str:
    """The one figure per indicator that the summary table shows."""
    frame, org, settings = report.published, report.org, report.params.settings
    if n == 1:
        r = story.row(frame, org, year, 1, breakdown=OVERALL, measure="percent", group=BME)
        return "–" if r is None else f"BME {fmt_pct(r['value'])} of the workforce"
    if n in COMPARISONS:
        r = story.rl_row(frame, org, year, n, settings)
        if r is None:
            return "–"
        label = " (two-year)" if n == 3 and settings.disciplinary_rolling else ""
        return f"RL {fmt_rl(r['value'])}{label}" + (
            f", {r['non_adverse']}" if r["non_adverse"] else ""
        )
    if n in SURVEY_INDICATORS:
        parts = []
        for group in (WHITE, BME):
            r = story.row(frame, org, year, n, measure="percent", group=group)
            shown = "–" if r is None else "suppressed" if r["suppression"] else fmt_pct(r["value"])
            parts.append(f"{group} {shown}")
        return ", ".join(parts)
    r = story.row(
        frame, org, year, 9, breakdown="Board (voting)", measure="difference_pp", group=BME
    )
    return "–" if r is None else f"BME {fmt_pp(r['value'])} (voting Board vs workforce)"


RAG_COLOURS = {"Red": "#DA291C", "Amber": "#FFB81C", "Green": "#009639", "Complete": "#005EB8"}


def action_plan(report: ReportData) -> None:
    present.heading("Appendix A: Action plan")
    plan = report.actions
    if plan.empty:
        present.markdown("No action plan has been supplied yet (action-plan.csv or .xlsx).")
        return
    shown = pd.DataFrame(
        {
            "Action": plan["action"],
            "Indicators": plan["indicators"].map(lambda t: ", ".join(map(str, t))),
            "Lead": plan["lead"],
            "Due": [
                f"{d:%d %b %Y}" + (" (overdue)" if late else "")
                for d, late in zip(plan["due"], plan["overdue"], strict=True)
            ],
            "Status": plan["status"],
            "Progress": plan["progress"],
        }
    )
    late = plan["overdue"].to_numpy()

    def colour(column: pd.Series) -> list[str]:
        if column.name == "Status":
            return [_rag_style(s) for s in column]
        if column.name == "Due":
            return ["color: #DA291C; font-weight: bold" if x else "" for x in late]
        return [""] * len(column)

    present.table(
        shown.style.apply(colour),
        f"Action plan at {report.report_date:%d %B %Y}: {int(late.sum())} overdue",
    )


def _rag_style(status: str) -> str:
    text = "#212B32" if status == "Amber" else "white"  # contrast on each background
    return f"background-color: {RAG_COLOURS[status]}; color: {text}; font-weight: bold"


def method(report: ReportData) -> None:
    from . import provenance

    present.heading("Appendix B: Method, caveats and data provenance")
    present.markdown(provenance.method_text(report))
    present.table(
        provenance.sources_table(report),
        "Input files used by this report (each comparator on one line: the SHA-256 of its "
        "files' SHA-256 values, in year and table order)",
    )
    present.table(provenance.environment_table(), "Software used")


def _commentary(text: str) -> str:
    """Analysts' text; prompts still standing show as visible 'to be written' notes."""
    lines = []
    for line in (text or "").splitlines():
        if line.strip().startswith("TODO:"):
            lines.append(f"> **To be written:** {line.strip()[5:].strip()}")
        else:
            lines.append(line)
    return "\n".join(lines).strip() or "_No commentary has been written for this section._"


def _indicator_commentary(report: ReportData, n: int) -> None:
    present.heading("Implications", level=3)
    present.markdown(_commentary(report.commentary.implications(n)))
    present.heading("Action taken and planned", level=3)
    present.markdown(_commentary(report.commentary.actions(n)))


def _plain(markdown_text: str) -> str:
    text = " ".join(line.strip() for line in markdown_text.splitlines() if line.strip())
    return text.replace("TODO:", "To be written:") or "–"
