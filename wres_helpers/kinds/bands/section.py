"""A band distribution's section of the report: the focus group's share of the workforce,
overall and in each pay band and grade (or cluster), and its per-band tables in the technical
annex (`band_tables`, which the notebook calls through `sections`).

Imported by its kind's `section` method when a report is shown (kinds/base.py)."""

from __future__ import annotations

import math

import pandas as pd

from ...inputs.schema import STAFF_GROUPS
from ...presentation import present
from ...report import ReportData
from ...sections.common import (
    hidden_note,
    show_bullets,
    show_indicator_commentary,
    show_table,
    start_indicator,
    workforce_focus_row,
)
from ...standards.registry import OVERALL
from ...words import charts, story
from ...words.formatting import fmt_count, fmt_pct, hidden_label
from ...words.lookup import peer_position, value_of
from . import BandDistribution


def pay_band_indicator(report: ReportData, n: str) -> None:
    if not start_indicator(report, n):
        return
    figures, org, year = report.figures, report.org, report.year
    groups, focus = report.standard.group_names, report.standard.focus.name
    rows = figures.rows(org, year, n)
    pct = rows[rows["measure"] == "percent"]
    overall_row = workforce_focus_row(report, org, year)
    overall = value_of(overall_row)
    before = value_of(workforce_focus_row(report, org, year - 1))
    present.markdown(
        f"**{year}:** {focus} staff are {fmt_pct(overall)} of the workforce "
        f"({fmt_count(value_of(overall_row, 'numerator'))} of "
        f"{fmt_count(value_of(overall_row, 'denominator'))} "
        f"staff)" + ("." if math.isnan(before) else f", against {fmt_pct(before)} in {year - 1}.")
    )
    ind = report.standard.indicator(n)
    labels = list(pct.loc[pct["breakdown"] != OVERALL, "breakdown"].unique())
    by_cluster = bool(ind.cluster_rows)
    if by_cluster:  # the Board reads the clusters; the bands are the annex's table
        labels = _clusters_shown(report, n, ind, labels)
    bands = []
    for breakdown in labels:
        shares = {g: value_of(_percent_row(report, n, breakdown, g)) for g in groups}
        first = figures.row(org, year, n, measure="percent", breakdown=breakdown)
        bands.append((breakdown, shares, fmt_count(value_of(first, "denominator"))))
    hidden = [b for b, shares, _ in bands if math.isnan(shares[focus])]
    shown = [(b, shares[focus]) for b, shares, _ in bands if not math.isnan(shares[focus])]
    what = "clusters of pay bands and grades" if by_cluster else "pay bands and grades"
    if hidden:
        present.markdown(
            f"**Small numbers.** The number of {focus} staff is hidden in {len(hidden)} of the "
            f"{len(bands)} {what}: a count of "
            f"{report.params.settings.suppress_from} to {report.params.settings.suppress_to} "
            "could identify individuals, and some further counts are hidden so that a small one "
            "cannot be worked out from a total. The chart shows each one's make-up as "
            "far as it can be published; the hatched part is staff whose group is hidden."
        )
    if by_cluster:
        present.markdown(
            "Bands are shown in NHS England's clusters (bands 1-4, 5-7, 8a-8b, 8c-9 and VSM; "
            "doctors by grade), clinical and non-clinical staff apart where both can be "
            "published and together where either cannot."
        )
    fig, alt = charts.pay_band_chart(
        [(_band_label(b), shares, total) for b, shares, total in bands],
        overall,
        org,
        report.standard,
    )
    finding = (
        _cluster_finding(shown, len(bands), overall, focus)
        if by_cluster
        else _band_finding(shown, len(bands), overall, focus)
    )
    present.figure(fig, alt, finding)
    if by_cluster:
        show_table(
            pd.DataFrame(
                {
                    "Cluster": [_band_label(b) for b, _, _ in bands],
                    focus: [_share_cell(report, n, b, focus) for b, _, _ in bands],
                    "Staff": [total for _, _, total in bands],
                }
            ),
            f"{report.standard.called(n)} by cluster: {focus} staff (share of the cluster), "
            f"{year}; the whole workforce {fmt_pct(overall)}",
            widths={"Cluster": 46, focus: 32, "Staff": 22},
        )
    annex = report.output_names()["annex"]
    present.markdown(
        f"_The headcount of each pay band by {report.standard.group_word}, as NHS England's "
        f"template asks for it, is in the technical annex, {annex}._"
    )
    trend = {y: fmt_pct(value_of(workforce_focus_row(report, org, y))) for y in report.years}
    position = peer_position(
        figures, org, year, lambda o: value_of(workforce_focus_row(report, o, year)), n
    )
    show_bullets(
        [
            (f"Three-year trend ({focus} share of the workforce)", story.trend_text(trend) + "."),
            ("Comparators", story.peer_sentence(position, fmt_pct, f"{focus} share", org)),
        ]
    )
    show_indicator_commentary(report, n)


def band_tables(report: ReportData, n: str | None = None) -> None:
    """The pay-band indicator's headcount in each pay band by group, for each staff group and
    overall, as NHS England's template asks for it (under the report's disclosure control).
    In the technical annex; the Board report shows the chart.

    Parameters
    ----------
    report : ReportData
        The report built once for this run (wres_helpers.report); only read.
    n : str, optional
        The indicator's id (the standard's pay-band indicator if not given).

    Returns
    -------
    None
        The section is shown through `presentation.present` (HTML for the page, Typst for
        the PDF), in the notebook's output.
    """
    n = str(n or report.standard.ids_of(BandDistribution)[0])
    ind = report.standard.indicator(n)
    present.heading(f"{report.standard.called(ind.id)} by pay band: the template's table")
    if not report.supplied(ind.source):
        present.markdown(f"Not reported: the {ind.source} file was not supplied.")
        return
    rows = report.figures.rows(report.org, report.year, n)
    groups = report.standard.group_names
    reasons = set()
    for staff_group in (*STAFF_GROUPS, None):
        table, why = _band_table(report, n, rows, staff_group)
        reasons |= why
        if not table.empty:
            show_table(
                table,
                f"{staff_group or 'Overall workforce'}: headcount (share of the band) by "
                f"{report.standard.group_word}, {report.year}",
                widths={"Band": 28} | {g: 19 for g in groups} | {"Total": 15},
            )
    present.markdown(hidden_note(reasons))


def _clusters_shown(report: ReportData, n: str, ind, labels) -> list[str]:
    """The rows the Board's chart shows: each cluster's clinical and non-clinical rows where
    both have their focus share published, else the two together (or, where that is hidden
    too, the split ones, one of them published); doctors by grade."""
    focus = report.standard.focus.name
    present_rows = set(labels)

    def published(label: str) -> bool:
        return not math.isnan(value_of(_percent_row(report, n, label, focus)))

    out: list[str] = []
    for label in dict.fromkeys(c.label for c in ind.cluster_rows):
        split = [c.breakdown for c in ind.cluster_rows if c.label == label and not c.combined]
        split = [b for b in split if b in present_rows]
        combined = [c.breakdown for c in ind.cluster_rows if c.label == label and c.combined]
        together = [b for b in combined if b in present_rows]
        shown = [b for b in split if published(b)]
        if split and (len(shown) == len(split) or not together):
            out += split
        elif all(published(b) for b in together) or not shown:
            out += together
        else:  # the two together hidden: the one published, beside the one hidden
            out += split
    parts = {p for c in ind.cluster_rows for p in c.parts}
    clusters = {c.breakdown for c in ind.cluster_rows}
    out += [b for b in labels if b not in parts and b not in clusters]  # doctors' grades
    return out


def _share_cell(report: ReportData, n: str, breakdown: str, group: str) -> str:
    row = _percent_row(report, n, breakdown, group)
    if row is None:
        return "–"
    if row["suppression"]:
        return hidden_label(row["suppression"])
    return f"{fmt_count(row['numerator'])} ({fmt_pct(row['value'])})"


def _cluster_finding(shown: list[tuple[str, float]], count: int, overall: float, focus: str) -> str:
    """The chart's key finding, by cluster: the whole-workforce share against the clusters
    below it (lowest first), else against the highest."""
    if not shown:
        return (
            f"The {focus} share cannot be published for any of the {count} clusters: every "
            f"one's {focus} count is small, or would reveal one that is."
        )
    below = sorted((v, b) for b, v in shown if v < overall)
    head = f"{focus} staff are {fmt_pct(overall)} of the workforce"
    if below:
        parts = [f"{fmt_pct(v)} of staff in {_cluster_words(b)}" for v, b in below[:3]]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
        return (
            f"{head} but {listed}; the {focus} share can be published for {len(shown)} of "
            f"the {count} clusters."
        )
    top = max(shown, key=lambda item: item[1])
    return (
        f"{head}; no cluster whose {focus} share can be published ({len(shown)} of {count}) "
        f"is below it, the highest being {_cluster_words(top[0])} at {fmt_pct(top[1])}."
    )


def _cluster_words(breakdown: str) -> str:
    """'Clinical: Bands 1-4' -> 'clinical bands 1–4'; the combined one -> 'bands 1–4'."""
    group, _, name = breakdown.partition(": ")
    name = name.replace("Bands ", "bands ").replace("-", "–")
    if group == "Medical and dental":
        return f"medical grade {name}"
    if " and " in group.lower() and "clinical" in group.lower():
        return f"{name} (clinical and non-clinical)"
    return f"{group.lower()} {name}"


def _percent_row(report: ReportData, n: str, breakdown: str, group: str) -> pd.Series | None:
    """One band's row for one group (a lookup: a loop of table filters here is slow)."""
    return report.figures.row(
        report.org, report.year, n, measure="percent", breakdown=breakdown, group=group
    )


def _band_finding(shown: list[tuple[str, float]], count: int, overall: float, focus: str) -> str:
    if not shown:
        return (
            f"The {focus} share cannot be published for any of the {count} pay bands and "
            f"grades: every band's {focus} count is small, or would reveal one that is."
        )
    head = (
        f"The {focus} share can be published for {len(shown)} of the {count} pay bands and grades"
    )
    if all(v == 0 for _, v in shown):
        names = _band_list([b for b, _ in shown])
        all_are = "it is" if len(shown) == 1 else "all are"
        return f"{head}, and {all_are} 0.0% (no {focus} staff): {names}."
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
    prefix = {"Medical and dental": "Medical", "Clinical and non-clinical": "All staff"}
    return f"{prefix.get(group, group)} · {'Band ' if band[:1].isdigit() else ''}{band}"


def _band_table(
    report: ReportData, n: str, rows: pd.DataFrame, staff_group: str | None
) -> tuple[pd.DataFrame, set[str]]:
    wanted = (
        rows["breakdown"].str.startswith(f"{staff_group}: ")
        if staff_group
        else (rows["breakdown"] == OVERALL)
    )
    clusters = {c.breakdown for c in report.standard.indicator(n).cluster_rows}
    selected = rows[wanted & (rows["measure"] == "percent") & ~rows["breakdown"].isin(clusters)]
    out, reasons = [], set()
    for breakdown in selected["breakdown"].unique():
        cells = {"Band": breakdown.partition(": ")[2] or breakdown}
        total = None
        for group in report.standard.group_names:
            pct = _percent_row(report, n, breakdown, group)
            if pct is None:  # no row for this group in this band: nothing to show
                cells[group] = "–"
                continue
            total = pct["denominator"]
            if pct["suppression"]:
                reasons.add(pct["suppression"])
                cells[group] = hidden_label(pct["suppression"])
            else:
                cells[group] = f"{fmt_count(pct['numerator'])} ({fmt_pct(pct['value'])})"
        cells["Total"] = fmt_count(total)
        out.append(cells)
    return pd.DataFrame(out), reasons
