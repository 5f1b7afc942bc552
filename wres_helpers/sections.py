"""The report's sections, in the order NHS England's template asks for them.

Each function displays one section of a report from a `ReportData`: the notebook
calls them in turn, so the notebook tells the story and this module holds the logic.
"""

from __future__ import annotations

import math

import pandas as pd
from IPython.display import display

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
VOTING = "Board (voting)"
TABLE_NAMES = {"staff_survey": "staff survey", "board": "Board"}
TO_BE_COMPLETED = "to be completed"
RUN_ON = "run-on"  # the class of a section heading that does not start a new page


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
    present.markdown(
        f"Key messages from the {report.year} figures. A relative likelihood of 1.00 means "
        "White and BME staff are equally likely to experience the outcome.\n\n"
        + "\n".join(f"- {m}" for m in messages)
    )
    present.heading("The analysts' summary", level=3)
    present.markdown(_commentary(report.commentary.general("summary")))


# --- helpers for tables ----------------------------------------------------------------------


def _table(
    frame: pd.DataFrame,
    caption: str,
    widths: dict[str, float] | None = None,
    nowrap: tuple[str, ...] = (),
    row_styles: list[str] | None = None,
    cell_styles: dict[str, list[str]] | None = None,
    note: str = "",
    font_size: str = "",
    lines: tuple[str, ...] = (),
    fixed: bool = False,
    whole: bool = False,
) -> None:
    """A table with set column widths (percent of the page), columns that must not wrap,
    columns whose cells break at each newline, and optional per-row and per-cell inline
    styles; a note under it if given."""
    styler = frame.style.format(na_rep="–", escape="html").format_index(escape="html", axis=1)
    # Widths are hints to the automatic table layout, which never splits a word to meet them.
    rules = [{"selector": "", "props": f"font-size: {font_size}"}] if font_size else []
    if fixed:  # the widths exactly, whatever the cells hold (every column must have one)
        rules.append({"selector": "", "props": "table-layout: fixed"})
    if whole:  # a short table is never split between pages
        rules.append({"selector": "", "props": "break-inside: avoid"})
    for i, column in enumerate(frame.columns):
        if widths and column in widths:
            rules.append({"selector": f"th.col{i}", "props": f"width: {widths[column]}%"})
        if column in nowrap:  # the cells only: a header may wrap between its words
            rules.append({"selector": f"td.col{i}", "props": "white-space: nowrap"})
        elif column in lines:
            rules.append({"selector": f"td.col{i}", "props": "white-space: pre-line"})
    if rules:
        styler = styler.set_table_styles(rules, overwrite=False)
    if row_styles or cell_styles:
        rows = row_styles or [""] * len(frame)

        def style(column: pd.Series) -> list[str]:
            own = (cell_styles or {}).get(column.name)
            return [
                "; ".join(s for s in (row, own[i] if own else "") if s)
                for i, row in enumerate(rows)
            ]

        styler = styler.apply(style)
    present.table(styler, caption)
    if note:
        present.markdown(note)


def _hidden_note(reasons: set[str]) -> str:
    """The reasons figures are withheld, in indicators.csv's own words."""
    reasons = {r for r in reasons if r}
    if not reasons:
        return ""
    return "_Hidden or not reported: " + "; ".join(sorted(reasons)) + "._"


def _bullets(items: list[tuple[str, str]]) -> None:
    shown = [f"- **{label}:** {text}" for label, text in items if text]
    if shown:
        present.markdown("\n".join(shown))


# --- background ----------------------------------------------------------------------------


def background(report: ReportData) -> None:
    present.heading("Background")
    p, year = report.params, report.year
    _workforce_table(report)
    supplied = [TABLE_NAMES.get(t, t) for t in TABLES if report.supplied(t)]
    missing = [TABLE_NAMES.get(t, t) for t in TABLES if not report.supplied(t)]
    absent = comparators_without_data(report)
    facts = pd.DataFrame(
        [
            ("Workforce snapshot", f"{p.snapshot_date.day} {p.snapshot_date:%B %Y}"),
            ("Recruitment and disciplinary data", f"1 April {year - 1} to 31 March {year}"),
            ("Data supplied", ", ".join(supplied) or "none"),
            ("Data not supplied", ", ".join(missing) or "none"),
            (
                "Comparator organisations",
                ", ".join(c for c in p.comparators if c not in absent and c not in report.left_out)
                or "none",
            ),
        ],
        columns=["Item", "Detail"],
    )
    if absent:
        facts.loc[len(facts)] = (f"Comparators with no {year} data", ", ".join(absent))
    if report.left_out:
        facts.loc[len(facts)] = ("Comparators left out (data problems)", ", ".join(report.left_out))
    _table(facts, "The data and the period it covers", widths={"Item": 38, "Detail": 62})
    if absent:
        present.markdown(_absent_comparators_text(report, absent))
    for peer, why in report.left_out.items():
        present.markdown(
            f"**Comparator {peer} is left out of every comparison:** {why}. Its own report "
            "lists every problem."
        )
    present.markdown(_commentary(report.commentary.general("background")))
    present.heading("Self-reporting of ethnicity", level=3)
    present.markdown(_commentary(report.commentary.general("self-reporting")))


def comparators_without_data(report: ReportData) -> list[str]:
    """Comparators named in params.yaml with no data file at all for the reporting year:
    they cannot be compared, and the report says so rather than dropping them silently."""
    have = {org for org, year, _ in report.dataset.supplied if year == report.year}
    return [c for c in report.params.comparators if c not in have and c not in report.left_out]


def _absent_comparators_text(report: ReportData, absent: list[str]) -> str:
    one = len(absent) == 1
    them = "it" if one else "them"
    return (
        f"**Comparators without {report.year} data: {', '.join(absent)}.** The parameters "
        f"name {them} as {'a comparator' if one else 'comparators'}, but no {report.year} "
        f"data files were found for {them} under `{report.params.data_root}`, so "
        f"{'it is' if one else 'they are'} left out of every comparison in this report."
    )


def _workforce_table(report: ReportData) -> None:
    frame, org = report.published, report.org
    lines = {
        "Headcount at the snapshot": [],
        "BME staff": [],
        "White staff": [],
        "Ethnicity unknown or not stated": [],
        "Self-reporting rate (ethnicity recorded)": [],
    }
    for y in report.years:
        found = {
            g: story.row(frame, org, y, 1, breakdown=OVERALL, measure="percent", group=g)
            for g in GROUPS
        }
        white = found[WHITE]
        lines["Headcount at the snapshot"].append(
            fmt_count(white["denominator"]) if white is not None else "–"
        )
        lines["BME staff"].append(fmt_pct(value_of(found[BME])))
        lines["White staff"].append(fmt_pct(value_of(found[WHITE])))
        lines["Ethnicity unknown or not stated"].append(fmt_pct(value_of(found[UNKNOWN])))
        lines["Self-reporting rate (ethnicity recorded)"].append(
            fmt_pct(100 - value_of(found[UNKNOWN]))
        )
    table = pd.DataFrame(
        [[label, *values] for label, values in lines.items()],
        columns=["Workforce", *(str(y) for y in report.years)],
    )
    widths = {"Workforce": 100 - 16 * len(report.years)} | {str(y): 16 for y in report.years}
    _table(
        table,
        f"Total workforce and self-reporting, {report.years[0]} to {report.year}",
        widths=widths,
    )


# --- indicator 1 ---------------------------------------------------------------------------


def indicator_1(report: ReportData) -> None:
    present.heading(f"Indicator 1: {TITLES[1]}")
    if not report.supplied("workforce"):
        present.markdown(NOT_SUPPLIED.format(table="workforce"))
        return
    frame, org, year = report.published, report.org, report.year
    rows = story.rows(frame, org, year, 1)
    pct = rows[rows["measure"] == "percent"]
    overall_row = story.row(frame, org, year, 1, breakdown=OVERALL, measure="percent", group=BME)
    overall = value_of(overall_row)
    before = value_of(
        story.row(frame, org, year - 1, 1, breakdown=OVERALL, measure="percent", group=BME)
    )
    present.markdown(
        f"**{year}:** BME staff are {fmt_pct(overall)} of the workforce "
        f"({fmt_count(overall_row['numerator'])} of {fmt_count(overall_row['denominator'])} "
        f"staff)" + ("." if math.isnan(before) else f", against {fmt_pct(before)} in {year - 1}.")
    )
    bands = []
    for breakdown, band in pct[pct["breakdown"] != OVERALL].groupby("breakdown", sort=False):
        shares = {g: value_of(_first(band[band["group"] == g])) for g in GROUPS}
        bands.append((breakdown, shares, fmt_count(band["denominator"].iloc[0])))
    hidden = [b for b, shares, _ in bands if math.isnan(shares[BME])]
    shown = [(b, shares[BME]) for b, shares, _ in bands if not math.isnan(shares[BME])]
    if hidden:
        present.markdown(
            f"**Small numbers.** The number of BME staff is hidden in {len(hidden)} of the "
            f"{len(bands)} pay bands and grades: a count of "
            f"{report.params.settings.suppress_from} to {report.params.settings.suppress_to} "
            "could identify individuals, and some further counts are hidden so that a small one "
            "cannot be worked out from a band's total. The chart shows each band's make-up as "
            "far as it can be published; the hatched part is staff whose group is hidden."
        )
    fig, alt = charts.pay_band_chart(
        [(_band_label(b), shares, total) for b, shares, total in bands], overall, org
    )
    present.figure(fig, alt, _band_finding(shown, len(bands), overall))
    reasons = set()
    for staff_group in (*STAFF_GROUPS, None):
        table, why = _band_table(rows, staff_group)
        reasons |= why
        if not table.empty:
            _table(
                table,
                f"{staff_group or 'Overall workforce'}: headcount (share of the band) by ethnic "
                f"group, {year}",
                widths={"Band": 28, WHITE: 19, BME: 19, UNKNOWN: 19, "Total": 15},
            )
    present.markdown(_hidden_note(reasons))
    trend = {
        y: fmt_pct(
            value_of(story.row(frame, org, y, 1, breakdown=OVERALL, measure="percent", group=BME))
        )
        for y in report.years
    }
    position = story.peer_position(
        frame,
        org,
        year,
        1,
        lambda o: value_of(
            story.row(frame, o, year, 1, breakdown=OVERALL, measure="percent", group=BME)
        ),
    )
    _bullets(
        [
            ("Three-year trend (BME share of the workforce)", story.trend_text(trend) + "."),
            ("Comparators", story.peer_sentence(position, fmt_pct, "BME share", org)),
        ]
    )
    _indicator_commentary(report, 1)


def _first(frame: pd.DataFrame) -> pd.Series | None:
    return None if frame.empty else frame.iloc[0]


def _band_finding(shown: list[tuple[str, float]], count: int, overall: float) -> str:
    if not shown:
        return (
            f"The BME share cannot be published for any of the {count} pay bands and grades: "
            "every band's BME count is small, or would reveal one that is."
        )
    head = f"The BME share can be published for {len(shown)} of the {count} pay bands and grades"
    if all(v == 0 for _, v in shown):
        names = _band_list([b for b, _ in shown])
        return (
            f"{head}, and {'it is' if len(shown) == 1 else 'all are'} 0.0% (no BME staff): {names}."
        )
    above = [(b, v) for b, v in shown if v > overall]
    top = max(shown, key=lambda item: item[1])
    return (
        f"{head}; {len(above)} of them are above the whole-workforce share of "
        f"{fmt_pct(overall)}, the highest being {_band_list([top[0]])} at {fmt_pct(top[1])}."
    )


def _band_list(breakdowns: list[str]) -> str:
    """'Non-clinical bands 1, 8c and VSM; Clinical band 8d' from 'Group: band' breakdowns."""
    by_group: dict[str, list[str]] = {}
    for b in breakdowns:
        group, _, band = b.partition(": ")
        by_group.setdefault(group, []).append(band)
    parts = []
    for group, names in by_group.items():
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
        numeric = any(n[:1].isdigit() for n in names)
        word = ("bands" if len(names) > 1 else "band") if numeric else "grades"
        parts.append(f"{group} {word} {listed}" if numeric else f"{group}: {listed}")
    return "; ".join(parts)


def _band_label(breakdown: str) -> str:
    group, _, band = breakdown.partition(": ")
    prefix = {"Medical and dental": "Medical"}
    return f"{prefix.get(group, group)} · {'Band ' if band[:1].isdigit() else ''}{band}"


def _band_table(rows: pd.DataFrame, staff_group: str | None) -> tuple[pd.DataFrame, set[str]]:
    wanted = (
        rows["breakdown"].str.startswith(f"{staff_group}: ")
        if staff_group
        else (rows["breakdown"] == OVERALL)
    )
    selected = rows[wanted & (rows["measure"] == "percent")]
    out, reasons = [], set()
    for breakdown, band in selected.groupby("breakdown", sort=False):
        cells = {"Band": breakdown.partition(": ")[2] or breakdown}
        total = None
        for group in GROUPS:
            pct = band[band["group"] == group].iloc[0]
            total = pct["denominator"]
            if pct["suppression"]:
                reasons.add(pct["suppression"])
                cells[group] = story.hidden_label(pct["suppression"])
            else:
                cells[group] = f"{fmt_count(pct['numerator'])} ({fmt_pct(pct['value'])})"
        cells["Total"] = fmt_count(total)
        out.append(cells)
    return pd.DataFrame(out), reasons


# --- indicators 2-4 ------------------------------------------------------------------------

_SOURCE = {2: "recruitment", 3: "disciplinary", 4: "workforce"}
_SECONDARY = {2: NO_INTERNATIONAL}


RL_CHART_HEIGHT = 2.2  # inches: a little under the charts' own, so an indicator fits a page


def rl_indicator(report: ReportData, n: int) -> None:
    comparison, settings = COMPARISONS[n], report.params.settings
    present.heading(f"Indicator {n}: {TITLES[n]}")
    if not report.supplied(_SOURCE[n]) or not report.supplied("workforce") and n != 2:
        present.markdown(NOT_SUPPLIED.format(table=_SOURCE[n] if n != 4 else "workforce"))
        return
    frame, org, year = report.published, report.org, report.year
    found = story.rl_row(frame, org, year, n, settings)
    headline = story.headline_breakdown(n, settings)
    lines = [
        f"**{year}{' (two-year rolling)' if headline == ROLLING else ''}:** "
        + story.rl_sentence(found, settings)
    ]
    other = _SECONDARY.get(n) or (
        (SINGLE_YEAR if headline == ROLLING else ROLLING) if n == 3 else None
    )
    if other:
        second = story.row(frame, org, year, n, measure="relative_likelihood", breakdown=other)
        if second is not None:
            label = {SINGLE_YEAR: f"{year} alone", ROLLING: "Two-year rolling"}.get(other, other)
            said = found is not None and story.flagged(found["small_numbers"])  # said once
            lines.append(f"**{label}:** " + story.rl_sentence(second, settings, small=not said))
    present.markdown("\n\n".join(lines))
    trend = {}
    for y in report.years:
        r = story.rl_row(frame, org, y, n, settings)
        trend[y] = (value_of(r), value_of_col(r, "ci_low"), value_of_col(r, "ci_high"))
    position = story.rl_peers(frame, org, year, n, settings)
    peers = position["values"] if position else {org: trend[year][0]}
    above = f"{comparison.top} {comparison.people} more likely to {comparison.likely_to}"
    fig, alt = charts.rl_chart(trend, peers, org, settings, above)
    fig.set_size_inches(charts.WIDTH, RL_CHART_HEIGHT)
    before = story.rl_row(frame, org, year - 1, n, settings)
    present.figure(fig, alt, _rl_finding(found, before, year, settings))
    table, reasons = _rl_table(report, n)
    people = comparison.people
    # Fixed widths, so "In words" gets what the figures leave it: two lines where it can.
    widths = {"Year": 6, f"White {people}": 14, f"BME {people}": 14, "RL (95% interval)": 11}
    widths |= {"Non-adverse range": 15}
    if "Figure" in table:  # two figures a year: room for their names' longest word
        longest = max(len(word) for name in table["Figure"] for word in name.split())
        widths |= {"Figure": 15 if longest > 9 else 10, f"White {people}": 11}
        widths |= {f"BME {people}": 11}
    widths["In words"] = 100 - sum(widths.values())
    _table(
        table,
        f"Indicator {n} by year: the counts behind each relative likelihood (RL), in words",
        widths=widths,
        nowrap=("Year",),
        lines=("RL (95% interval)", "Non-adverse range"),
        fixed=True,
        note=_hidden_note(reasons),
        font_size="8pt",
    )
    now, then = value_of(found), value_of(before)
    # The chart, its key finding and the table give the trend; say so only when the key
    # finding cannot compare this year with last.
    change = story.rl_change(now, then, year - 1) if math.isnan(now) or math.isnan(then) else ""
    _bullets(
        [
            ("Trend", change),
            (
                "Comparators",
                story.peer_sentence(
                    position,
                    fmt_rl,
                    "relative likelihood",
                    org,
                    "higher favours White staff more",
                ),
            ),
        ]
    )
    _indicator_commentary(report, n)


def _rl_finding(found, before, year: int, settings) -> str:
    if found is None or math.isnan(value_of(found)):
        return story.rl_sentence(found, settings)
    verdict = f"{found['non_adverse']} the non-adverse range"
    now, then = value_of(found), value_of(before)
    if math.isnan(then):
        change = ""
    else:
        direction = story.rl_direction(now, then)
        change = (
            f", about the same as in {year - 1} ({fmt_rl(then)})"
            if direction == "about the same"
            else f", and {direction} than in {year - 1} ({fmt_rl(then)})"
        )
    return f"{found['interpretation']}: {verdict}{change}."


def value_of_col(found: pd.Series | None, column: str) -> float:
    return math.nan if found is None or pd.isna(found[column]) else float(found[column])


def _rl_table(report: ReportData, n: int) -> tuple[pd.DataFrame, set[str]]:
    comparison = COMPARISONS[n]
    breakdowns = {2: [ALL, NO_INTERNATIONAL], 3: [SINGLE_YEAR, ROLLING], 4: [ALL]}[n]
    out, reasons = [], set()
    for year in report.years:
        for breakdown in breakdowns:
            rows = story.rows(report.published, report.org, year, n, breakdown=breakdown)
            if rows.empty:
                continue
            line = {"Year": str(year), "Figure": breakdown}
            for group in (WHITE, BME):
                line[f"{group} {comparison.people}"], why = _rate_cell(rows, group)
                reasons.add(why)
            rl = rows[rows["measure"] == "relative_likelihood"].iloc[0]
            undefined = pd.isna(rl["value"])
            line["RL (95% interval)"] = (
                "–"
                if undefined
                else f"{fmt_rl(rl['value'])}\n({fmt_rl(rl['ci_low'])}–{fmt_rl(rl['ci_high'])})"
            )
            why = story.undefined_reason(rl["note"])
            line["In words"] = (
                (why[:1].upper() + why[1:]) if undefined else rl["interpretation"] or "–"
            )
            line["Non-adverse range"] = (rl["non_adverse"] or "–") + (
                ";\nsmall numbers" if story.flagged(rl["small_numbers"]) else ""
            )
            out.append(line)
    table = pd.DataFrame(out)
    if len(breakdowns) == 1 and not table.empty:
        table = table.drop(columns="Figure")
    return table, reasons


def _rate_cell(rows: pd.DataFrame, group: str) -> tuple[str, str]:
    """'140 of 583 (24.0%)', or 'hidden' and the reason; the reason is '' when shown."""
    found = rows[(rows["measure"] == "percent") & (rows["group"] == group)]
    if found.empty:
        return "–", ""
    r = found.iloc[0]
    if r["suppression"]:
        return story.hidden_label(r["suppression"]), r["suppression"]
    return (
        f"{fmt_count(r['numerator'])} of {fmt_count(r['denominator'])} ({fmt_pct(r['value'])})",
        "",
    )


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
    _table(
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
        note=_hidden_note(reasons),
    )
    position = story.survey_peers(frame, org, year, n)
    _bullets(
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
    _indicator_commentary(report, n)


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


# --- indicator 9 ---------------------------------------------------------------------------


def indicator_9(report: ReportData) -> None:
    present.heading(f"Indicator 9: {TITLES[9]}")
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
            _board_name(b) + " Board",
            value_of(story.row(frame, org, year, 9, breakdown=b, measure="percent", group=BME)),
        )
        for b in rows["breakdown"].unique()
    ] + [("Whole workforce", workforce)]
    present.markdown(f"**{year}:** {_board_sentence(report, year)}")
    fig, alt = charts.board_chart(shares, org)
    present.figure(fig, alt, _board_finding(report))
    out = []
    for breakdown, part in rows.groupby("breakdown", sort=False):
        for group in GROUPS:
            cell = part[part["group"] == group]
            head = cell[cell["measure"] == "headcount"].iloc[0]
            pct = cell[cell["measure"] == "percent"].iloc[0]
            diff = cell[cell["measure"] == "difference_pp"].iloc[0]
            out.append(
                {
                    "Board": _board_name(breakdown),
                    "Group": group,
                    "Members": fmt_count(head["value"]),
                    "Share of Board": fmt_pct(pct["value"]),
                    "Difference from workforce share": fmt_pp(diff["value"]),
                }
            )
    _table(
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
    trend = {y: _board_sentence(report, y, short=True) for y in report.years}
    position = story.peer_position(
        frame,
        org,
        year,
        9,
        lambda o: value_of(
            story.row(frame, o, year, 9, breakdown=VOTING, measure="difference_pp", group=BME)
        ),
    )
    _bullets(
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
    _indicator_commentary(report, 9)


def _board_name(breakdown: str) -> str:
    return breakdown.removeprefix("Board ").strip("()").capitalize()


def _board_sentence(report: ReportData, year: int, short: bool = False) -> str:
    frame, org = report.published, report.org
    share = story.row(frame, org, year, 9, breakdown=VOTING, measure="percent", group=BME)
    diff = story.row(frame, org, year, 9, breakdown=VOTING, measure="difference_pp", group=BME)
    if share is None or diff is None:
        return "not supplied"
    workforce = value_of(
        story.row(frame, org, year, 1, breakdown=OVERALL, measure="percent", group=BME)
    )
    if short:
        return f"{fmt_pct(share['value'])} BME ({fmt_pp(diff['value'])})"
    return (
        f"BME members are {fmt_pct(share['value'])} of the voting Board "
        f"({fmt_count(share['numerator'])} of {fmt_count(share['denominator'])}), against "
        f"{fmt_pct(workforce)} of the workforce: a difference of {fmt_pp(diff['value'])}."
    )


def _board_finding(report: ReportData) -> str:
    frame, org, year = report.published, report.org, report.year
    now = value_of(
        story.row(frame, org, year, 9, breakdown=VOTING, measure="difference_pp", group=BME)
    )
    before = value_of(
        story.row(frame, org, year - 1, 9, breakdown=VOTING, measure="difference_pp", group=BME)
    )
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


# --- the rest ------------------------------------------------------------------------------


def _run_on_heading(text: str) -> None:
    """A section heading (level 2, in the contents) that does not force a new page: for a
    short section, which follows the one before it when there is room on its page."""
    html = present.heading_html(text).replace("<h2>", f'<h2 class="{RUN_ON}">', 1)
    display({"text/html": html, "text/plain": text}, raw=True)


def other_factors(report: ReportData) -> None:
    _run_on_heading("Other factors")
    present.markdown(_commentary(report.commentary.general("other-factors")))


def summary_table(report: ReportData) -> None:
    """NHS England's template: indicator | this year | last year | narrative | action.

    It follows "Other factors" on the same page when there is room (its rows may run on to
    the next page, under a repeated header), so neither is left on a near-empty page."""
    _run_on_heading("Summary in the NHS England template")
    this, last = f"Reporting year {report.year}", f"Previous year {report.year - 1}"
    out = []
    for n in range(1, 10):
        out.append(
            {
                "Indicator": f"{n}. {TITLES[n]}",
                this: headline(report, n, report.year),
                last: headline(report, n, report.year - 1),
                "Narrative: implications of the data": _plain(report.commentary.implications(n)),
                "Action taken and planned": _plain(report.commentary.actions(n)),
            }
        )
    settings = report.params.settings
    _table(
        pd.DataFrame(out),
        "Summary of the nine indicators",
        font_size="8pt",
        note=f"_RL: relative likelihood. Range: the non-adverse range, "
        f"{settings.non_adverse_low:.2f} to {settings.non_adverse_high:.2f}._",
        widths={
            "Indicator": 15,
            this: 20,
            last: 20,
            "Narrative: implications of the data": 24,
            "Action taken and planned": 21,
        },
    )


def sign_off(report: ReportData) -> None:
    """NHS England's template ends with the sign-off: who leads, who wrote it, when the Board
    approved it and where it is published. A field still empty reads 'to be completed'."""
    p = report.params
    _run_on_heading("Sign-off")
    approved = p.board_approval_date
    fields = [
        ("Board lead", p.board_lead),
        ("Report author", p.report_author),
        ("Date of Board approval", f"{approved.day} {approved:%B %Y}" if approved else ""),
        ("Where the report is published", p.published_at),
    ]
    table = pd.DataFrame(
        [(label, value.strip() or TO_BE_COMPLETED) for label, value in fields],
        columns=["Sign-off", "Detail"],
    )
    empty = [label for label, value in fields if not value.strip()]
    _table(
        table,
        f"Sign-off of the {report.year} report",
        widths={"Sign-off": 38, "Detail": 62},
        whole=True,
        cell_styles={"Detail": ["font-style: italic" if not v.strip() else "" for _, v in fields]},
        note=(
            f"_This report is a draft: {len(empty)} of the {len(fields)} sign-off fields "
            f"{'is' if len(empty) == 1 else 'are'} still to be completed._"
            if empty
            else ""
        ),
    )


def headline(report: ReportData, n: int, year: int) -> str:
    """The one figure per indicator that the summary table shows, in words."""
    frame, org, settings = report.published, report.org, report.params.settings
    if n == 1:
        r = story.row(frame, org, year, 1, breakdown=OVERALL, measure="percent", group=BME)
        return "–" if r is None else f"BME staff {fmt_pct(r['value'])} of the workforce"
    if n in COMPARISONS:
        r = story.rl_row(frame, org, year, n, settings)
        if r is None:
            return "–"
        label = "Two-year rolling: " if story.headline_breakdown(n, settings) == ROLLING else ""
        if pd.isna(r["value"]):
            return f"{label}RL {story.undefined_reason(r['note'])}"
        small = " (small numbers)" if story.flagged(r["small_numbers"]) else ""
        return (
            f"{label}{r['interpretation']} (RL {fmt_rl(r['value'])}): {r['non_adverse']} the "
            f"range{small}"
        )
    if n in SURVEY_INDICATORS:
        parts = []
        for group in (BME, WHITE):
            r = story.row(frame, org, year, n, measure="percent", group=group)
            shown = (
                "–"
                if r is None
                else story.hidden_label(r["suppression"])
                if r["suppression"] or pd.isna(r["value"])
                else fmt_pct(r["value"])
            )
            parts.append(f"{group} {shown}")
        return ", ".join(parts)
    r = story.row(frame, org, year, 9, breakdown=VOTING, measure="difference_pp", group=BME)
    if r is None:
        return "–"
    return f"Voting Board: {_board_sentence(report, year, short=True)} against the workforce"


RAG_COLOURS = {"Red": "#DA291C", "Amber": "#FFB81C", "Green": "#007F3B", "Complete": "#005EB8"}
RAG_MEANING = {
    "Red": "off track",
    "Amber": "at risk",
    "Green": "on track",
    "Complete": "done",
}
OVERDUE_ROW = "background-color: #FBE3E1"
OVERDUE_TEXT = "color: #B3200F; font-weight: bold"


def action_plan(report: ReportData) -> None:
    present.heading("Appendix A: Action plan")
    plan = report.actions
    if plan.empty:
        present.markdown("No action plan has been supplied yet (action-plan.csv or .xlsx).")
        return
    late = [bool(x) for x in plan["overdue"]]
    shown = pd.DataFrame(
        {
            "No.": [str(i + 1) for i in range(len(plan))],
            "Action": plan["action"],
            "Indicators": plan["indicators"].map(lambda t: ", ".join(map(str, t))),
            "Lead": plan["lead"],
            "Due": [
                f"{d.day}\u00a0{d:%b}\u00a0{d:%Y}" + (" OVERDUE" if overdue else "")
                for d, overdue in zip(plan["due"], late, strict=True)
            ],
            "Status": plan["status"],
            "Progress": plan["progress"],
        }
    )
    counts = plan["status"].value_counts()
    tally = ", ".join(f"{counts[s]} {s}" for s in RAG_COLOURS if s in counts)
    key = "; ".join(f"**{s}** {m}" for s, m in RAG_MEANING.items())
    present.markdown(
        f"{len(plan)} actions at {report.report_date.day} {report.report_date:%B %Y}: {tally}. "
        f"**{sum(late)} overdue** (not complete and past the due date): shaded red, with the "
        f"due date marked OVERDUE. Status: {key}. The number in the first column is the one the "
        "indicator sections refer to."
    )
    _table(
        shown,
        f"Action plan: {len(plan)} actions, {sum(late)} overdue",
        widths={
            "No.": 5,
            "Action": 25,
            "Indicators": 10,
            "Lead": 14,
            "Due": 12,
            "Status": 10,
            "Progress": 24,
        },
        row_styles=[OVERDUE_ROW if x else "" for x in late],
        cell_styles={
            "Status": [_rag_style(s) for s in plan["status"]],
            "Due": [OVERDUE_TEXT if x else "" for x in late],
        },
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
