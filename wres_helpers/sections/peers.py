"""The comparison with other organisations and with England, and the long trend.

Every comparator is named (not by its code alone), with what makes it similar and where its
figures come from: computed here from its data files, or as it published them. Published
figures are shown exactly as published; England's figure sits on every indicator it is
published for, and where none was found the table says so in words.
"""

from __future__ import annotations

import math

import pandas as pd

from ..compute.published import PUBLISHED, RAW
from ..kinds import RelativeLikelihood
from ..presentation import present, safe
from ..report import ReportData
from ..standards import england
from ..words import charts
from ..words.formatting import fmt_pct, fmt_points, fmt_pp, fmt_rl, fmt_score, missing
from .common import show_table

COMPARATOR_WIDTHS = {"Organisation": 40, "Type, region and size": 35, "Figures from": 25}
BENCHMARK = "Benchmark group"  # the staff survey benchmark group's average, a column
NOT_AVAILABLE = "not available"
FORMATS = {
    "percent": fmt_pct,
    "relative_likelihood": fmt_rl,
    "difference_pp": fmt_pp,
    "mean_score": fmt_score,
    "difference_points": fmt_points,
}


def figure_text(row: pd.Series | None) -> str:
    """One headline figure as a comparison cell shows it: the value, the range a relative
    likelihood resting on a hidden count lies in, or why there is none, in words."""
    if row is None:
        return NOT_AVAILABLE
    value = row["value"]
    if missing(value):
        low, high = row.get("range_low"), row.get("range_high")
        if not missing(low) and not missing(high):
            return f"{fmt_rl(low)} to {fmt_rl(high)}"
        return "not published" if str(row.get("suppression") or "") else "undefined"
    if row["measure"] == "yes_no":
        return "yes" if float(value) else "no"
    return FORMATS.get(row["measure"], lambda v: f"{v:g}")(float(value))


def headline_text(report: ReportData, org: str, year: int, n: str) -> str:
    return figure_text(report.figures.headline_row(org, year, n, report.params.settings))


def england_text(report: ReportData, n: str, year: int) -> str:
    """England's figure for the indicator's headline; else its context figure in its own
    words ('85.0% of trusts answered yes'); else that none was found."""
    return england.cell(report.standard, year, n, survey_year=report.survey_year(year))


def benchmark_text(report: ReportData, n: str) -> str:
    """The staff survey benchmark group's average for the indicator's headline group in the
    reporting year, where the survey file gives it ('' where it does not)."""
    h = report.standard.headline(report.standard.indicator(n), report.params.settings)
    row = report.figures.row(
        report.org, report.year, n, measure="benchmark_percent", group=h.group or None
    )
    return "" if row is None or missing(row["value"]) else fmt_pct(float(row["value"]))


def basis_text(report: ReportData) -> str:
    """On what basis the comparators were chosen, as the parameters say it (or that they do
    not say), with what each is."""
    p = report.params
    if not p.comparators:
        return "This report names no comparator organisations."
    said = safe.text(p.comparator_basis.strip()) if p.comparator_basis.strip() else ""
    basis = (
        f"**How the comparators were chosen:** {said}"
        if said
        else "**How the comparators were chosen:** the parameters do not say. Name the basis "
        "(`comparator_basis` in params.yaml), and each comparator's type, region and size."
    )
    return basis


def comparators_table(report: ReportData) -> pd.DataFrame:
    rows = []
    for c in report.params.comparators:
        if c.code in report.left_out:
            source = "left out (see below)"
        elif report.is_published(c.code):
            source = PUBLISHED
        elif any(o == c.code and y == report.year for o, y, _ in report.dataset.supplied):
            source = f"{RAW}, suppressed here"
        else:
            source = f"no {report.year} figures"
        rows.append(
            {
                "Organisation": f"{report.name_of(c.code)} ({c.code})",
                "Type, region and size": ", ".join(c.traits) or "not given",
                "Figures from": source,
            }
        )
    return pd.DataFrame(rows)


def comparison(report: ReportData) -> None:
    """The basis, the comparators and each indicator's headline beside theirs and England's."""
    present.markdown(basis_text(report))
    if not report.params.comparators:
        return
    show_table(
        comparators_table(report),
        f"Comparator organisations, {report.year}",
        widths=COMPARATOR_WIDTHS,
        web_only=True,  # the background's table of the data names them for the Board
    )
    headline_table(report, web_only=True)


def headline_table(report: ReportData, web_only: bool = False) -> None:
    """Each indicator's headline beside the comparators' and England's, for the reporting
    year. A detail table: `web_only` on the web page (each indicator's section places the
    organisation among its comparators in words), and in the technical annex.

    Parameters
    ----------
    report : ReportData
        The report built once for this run (wres_helpers.report); only read.
    web_only : bool
        Leave the table out of the Board PDF.

    Returns
    -------
    None
        The table is shown through `presentation.present`, in the notebook's output.
    """
    if not report.params.comparators:
        return
    shown = [
        c
        for c in report.params.comparator_codes
        if c not in report.left_out
        and (
            report.is_published(c)
            or any(o == c and y == report.year for o, y, _ in report.dataset.supplied)
        )
    ]
    standard = report.standard
    # Codes head the columns (the table above gives each one's name): names would not fit.
    heads = {c: f"{c} ({PUBLISHED})" if report.is_published(c) else c for c in shown}
    rows = []
    for ind in standard.indicators:
        row = {standard.term.capitalize(): f"{ind.printed}. {ind.title}"}
        row[report.org] = headline_text(report, report.org, report.year, ind.id)
        for c in shown:
            row[heads[c]] = headline_text(report, c, report.year, ind.id)
        row["England"] = england_text(report, ind.id, report.year)
        rows.append(row)
    benchmarks = [benchmark_text(report, ind.id) for ind in standard.indicators]
    if any(benchmarks):  # the survey file gives the benchmark group's averages
        for row, text in zip(rows, benchmarks, strict=True):
            row[BENCHMARK] = text or "–"
    frame = pd.DataFrame(rows)
    width = min(12, 66 // (len(frame.columns) - 1))
    first = standard.term.capitalize()
    widths = {first: 100 - width * (len(shown) + 2)} | {c: width for c in frame.columns[1:]}
    note = (
        f"_Each {standard.term}'s headline figure in {report.year}. A column marked "
        f"'({PUBLISHED})' is as that organisation published its figures: shown as published, "
        "never computed or suppressed again here. The other organisations' figures are "
        "computed here from their data files and suppressed under this report's rules. "
        f"England: '{england.NONE_FOUND}' where no national figure for the year was found in NHS "
        "England's reports."
        + (
            f" {BENCHMARK}: the average of this organisation's staff survey benchmarking "
            "group, where the survey file gives it."
            if BENCHMARK in frame
            else ""
        )
        + "_"
    )
    show_table(
        frame,
        f"Headline figures beside the comparators and England, {report.year}",
        note=note,
        font_size="7pt",
        widths=widths,
        web_only=web_only,
    )


def long_trend(report: ReportData) -> None:
    """Every year on record (back to 2015), each indicator's headline: a table, and a chart of
    the relative likelihoods that stays readable over ten years."""
    years = report.all_years
    if len(years) <= len(report.years):
        return
    standard = report.standard
    present.heading(f"Every year on record, {years[0]} to {years[-1]}", level=3)
    rows = []
    for ind in standard.indicators:
        row = {standard.term.capitalize(): f"{ind.printed}. {ind.title}"}
        for y in years:
            row[str(y)] = headline_text(report, report.org, y, ind.id)
        rows.append(row)
    width = min(12, 70 // len(years))
    published = [y for y in years if report.is_published(report.org, y)]
    note = (
        f"_Years {', '.join(map(str, published))}: {report.org}'s figures as it published "
        "them (not computed here). Other years: computed here from the data files._"
        if published
        else ""
    )
    show_table(
        pd.DataFrame(rows),
        f"Each {standard.term}'s headline figure, every year on record",
        note=note,
        font_size="7pt",
        widths={standard.term.capitalize(): 100 - width * len(years)}
        | {str(y): width for y in years},
    )
    series, texts = {}, {}
    for n in standard.ids_of(RelativeLikelihood):
        headlines = [
            report.figures.headline_row(report.org, y, n, report.params.settings) for y in years
        ]
        values = [_value(r) for r in headlines]
        if any(not math.isnan(v) for v in values):
            series[standard.called(n)] = values
            texts[standard.called(n)] = [figure_text(r) for r in headlines]
    if series:
        fig, alt = charts.long_trend_chart(years, series, report.params.settings, published, texts)
        present.figure(
            fig,
            alt,
            f"Relative likelihoods {years[0]} to {years[-1]}; hollow markers are published "
            "figures.",
        )


def _value(row) -> float:
    return math.nan if row is None or missing(row["value"]) else float(row["value"])
