"""Appendix A, the action plan (its RAG status and overdue actions, how each action is
measured, and last year's actions reviewed); and the technical annex, a PDF of its own beside
the Board report (the notebook's cells tagged `annex`): its cover, the method, caveats and
settings, and the provenance of the data and software."""

from __future__ import annotations

import pandas as pd

from ..presentation import present
from ..report import ReportData
from . import peers
from .common import TO_BE_COMPLETED, show_table

RAG_COLOURS = {"Red": "#DA291C", "Amber": "#FFB81C", "Green": "#007F3B", "Complete": "#005EB8"}
RAG_MEANING = {
    "Red": "off track",
    "Amber": "at risk",
    "Green": "on track",
    "Complete": "done",
}
OVERDUE_ROW = "background-color: #FBE3E1"
OVERDUE_TEXT = "color: #B3200F; font-weight: bold"
DIGEST_STYLE = "font-family: DejaVu Sans Mono; font-size: 5.5pt"


def action_plan(report: ReportData) -> None:
    """Appendix A: the action plan, each action with its lead, dates, status and whether it is
    overdue.

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
            "Indicators": plan["indicators"].map(
                lambda ids: ", ".join(report.standard.indicator(i).printed for i in ids)
            ),
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
    show_table(
        shown,
        f"Action plan: {len(plan)} actions, {sum(late)} overdue",
        widths={
            "No.": 4,
            "Action": 28,
            "Indicators": 10,
            "Lead": 13,
            "Due": 13,  # "30 Sep 2019" in bold, on one line
            "Status": 10,
            "Progress": 22,
        },
        row_styles=[OVERDUE_ROW if x else "" for x in late],
        cell_styles={
            "Status": [_rag_style(s) for s in plan["status"]],
            "Due": [OVERDUE_TEXT if x else "" for x in late],
        },
    )
    _measures(report, plan)
    _review(report)


def _indicator_ids(report: ReportData, ids) -> str:
    return ", ".join(report.standard.indicator(i).printed for i in ids)


def _or_missing(text: str) -> str:
    return str(text).strip() or TO_BE_COMPLETED


def _measures(report: ReportData, plan: pd.DataFrame) -> None:
    """SMART: each action's indicator, where it starts from, where it aims and how success
    is judged (a final report needs every target)."""
    shown = pd.DataFrame(
        {
            "No.": [str(i + 1) for i in range(len(plan))],
            report.standard.term.capitalize(): [
                _indicator_ids(report, ids) for ids in plan["indicators"]
            ],
            "Baseline": [_or_missing(x) for x in plan["baseline"]],
            "Target": [_or_missing(x) for x in plan["target"]],
            "Measure of success": [_or_missing(x) for x in plan["measure"]],
        }
    )
    empty = ["font-style: italic" if not str(x).strip() else "" for x in plan["target"]]
    show_table(
        shown,
        "How each action is measured: its baseline, target and measure of success",
        widths={
            "No.": 4,
            report.standard.term.capitalize(): 9,
            "Baseline": 27,
            "Target": 27,
            "Measure of success": 33,
        },
        cell_styles={"Target": empty},
    )


def _review(report: ReportData) -> None:
    """Last year's actions: where each ended and whether it goes on in this year's plan."""
    last = report.year - 1
    present.heading(f"Last year's actions reviewed ({last})", level=3)
    review = report.review
    if review.empty:
        present.markdown(
            f"No {last} action plan was found beside this year's parameters "
            f"(params/{report.org}/{last}/), so last year's actions are not reviewed here."
        )
        return
    outcomes = review["outcome"].value_counts()
    tally = ", ".join(f"{n} {str(o).lower()}" for o, n in outcomes.items())
    present.markdown(
        f"{len(review)} actions in the {last} plan: {tally}. The status and evidence are those "
        f"recorded in the {last} plan at the year's end; an action is carried forward when "
        f"the {report.year} plan above holds it in the same words."
    )
    shown = pd.DataFrame(
        {
            "No.": [str(i + 1) for i in range(len(review))],
            "Action": review["action"],
            report.standard.term.capitalize(): [
                _indicator_ids(report, ids) for ids in review["indicators"]
            ],
            "Status": review["status"],
            "Evidence": [str(x).strip() or "none recorded" for x in review["progress"]],
            "Outcome": review["outcome"],
        }
    )
    show_table(
        shown,
        f"The {last} action plan reviewed: {len(review)} actions",
        widths={
            "No.": 4,
            "Action": 32,
            report.standard.term.capitalize(): 9,
            "Status": 10,
            "Evidence": 30,
            "Outcome": 15,
        },
        cell_styles={"Status": [_rag_style(s) for s in review["status"]]},
    )


def _rag_style(status: str) -> str:
    text = "#212B32" if status == "Amber" else "white"  # contrast on each background
    return f"background-color: {RAG_COLOURS[status]}; color: {text}; font-weight: bold"


def annex_cover(report: ReportData) -> None:
    """The technical annex's first page: its title, what it holds and that it is not for
    publication (it lists every coded value read from the organisation's own files), then
    its contents. Shown in the annex PDF only (the notebook's cells tagged `annex`).

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
    p = report.params
    names = report.output_names()
    draft = bool(report.missing_for_final())
    present.annex_cover(
        title=f"{report.standard.name} report: technical annex",
        organisation=p.organisation.name,
        year=report.year,
        marking=p.marking,
        version=p.version,
        date=report.report_date,
        synthetic=report.synthetic,
        draft=draft,
        short_title=f"{p.organisation.code} {report.standard.code} {report.year} annex",
        about=(
            f"The method, settings and data provenance of the Board report {names['pdf']}, "
            f"{report.standard.term} 1's headcount by pay band as NHS England's template asks "
            "for it, and the detail tables the web page shows and the Board report leaves "
            "out. It is for the analyst and for audit: it lists every coded value read from "
            "the organisation's own files, so it is not for publication."
        ),
    )


def method(report: ReportData) -> None:
    """The method: how each figure was computed, with this report's settings, and where
    England's figures come from. In the technical annex.

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
    from . import provenance

    present.heading("Method, caveats and settings")
    present.markdown(provenance.method_text(report))
    if england := provenance.england_text(report):
        present.markdown(england)
    peers.long_trend(report)


def detail_tables(report: ReportData) -> None:
    """The detail tables the web page shows and the Board PDF leaves out (each section has
    their figures in words and in its chart): every indicator's headline beside the
    comparators' and England's, and each survey indicator's figures by year and group. In
    the technical annex.

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
    from .closing import template_table

    present.heading("The tables behind the figures")
    template_table(report)
    if report.params.comparators:
        show_table(
            peers.comparators_table(report),
            f"Comparator organisations, {report.year}",
            widths=peers.COMPARATOR_WIDTHS,
        )
    peers.headline_table(report)
    for ind in report.standard.indicators:
        if report.supplied(ind.source):
            ind.kind.detail_table(report, ind)


def data_provenance(report: ReportData) -> None:
    """Where every figure came from: the data files read (with their SHA-256), how each
    coded value in them was read, the software and the digest of all inputs. In the
    technical annex, which is not for publication.

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
    from . import provenance

    present.heading("Data provenance")
    sources = provenance.sources_table(report)
    show_table(
        sources,
        "Input files used by this report, under the data folder (each comparator on one "
        "line: the SHA-256 of its files' SHA-256 values, in year and table order)",
        # A digest on one line, whole, in a type that tells 0 from O, for whoever checks it.
        widths={"Org": 6, "Year": 9, "Table": 10, "File": 25, "Rows": 6, "SHA-256": 44},
        font_size="7.5pt",
        nowrap=("SHA-256",),
        cell_styles={"SHA-256": [DIGEST_STYLE] * len(sources)},
    )
    mapping = provenance.mapping_table(report)
    if len(mapping):
        show_table(
            mapping,
            f"How each coded value in {report.org}'s {report.year} files was read (all tables)",
            note=(
                "_The number of rows carrying each value is not given here (summed over the "
                "year's files, it could give back a count the report hides): `wres validate` "
                "gives it to the analyst._"
            ),
            widths={"Column": 18, "Value in the file": 38, "Read as": 18, "Rule": 26},
            font_size="7.5pt",
        )
    present.table(provenance.environment_table(report), "Software used")
    present.markdown(provenance.digest_text(report))
