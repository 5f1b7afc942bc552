"""The close of the report: other factors, the summary in NHS England's template (one
headline figure per indicator) and the sign-off."""

from __future__ import annotations

import pandas as pd

from ..presentation import present
from ..report import ReportData
from ..words import verdicts
from .common import (
    TO_BE_COMPLETED,
    commentary_markdown,
    plain_commentary,
    show_table,
)


def _run_on_heading(text: str) -> None:
    """A section heading (level 2, in the contents) that does not force a new page: for a
    short section, which follows the one before it when there is room on its page."""
    present.heading(text, run_on=True)


def other_factors(report: ReportData) -> None:
    """Other factors the reader should take into account (the analysts' commentary).

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
    _run_on_heading("Other factors")
    present.markdown(commentary_markdown(report.commentary.general("other-factors")))


def staff_network(report: ReportData) -> None:
    """The staff network's own words (commentary/staff-network.md), when the network has
    written them: shown as written, under its own heading, never summarised by the analyst.

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
    text = report.commentary.general("staff-network")
    if not text.strip():
        return
    _run_on_heading("In the staff network's own words")
    present.markdown(commentary_markdown(text))


def summary_table(report: ReportData) -> None:
    """NHS England's template: indicator | this year | last year | narrative | action.

    It follows "Other factors" on the same page when there is room (its rows may run on to
    the next page, under a repeated header), so neither is left on a near-empty page.

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
    _run_on_heading("Summary in the NHS England template")
    present.pdf_only(
        "NHS England's summary table (each "
        f"{report.standard.term}'s figure for {report.year} and {report.year - 1}, the "
        "implications and the action taken and planned, as the sections above give them) is "
        "on the web page and in the technical annex, "
        f"{report.output_names()['annex']}; the executive summary gives each "
        f"{report.standard.term}'s figure and status."
    )
    template_table(report, web_only=True)


def template_table(report: ReportData, web_only: bool = False) -> None:
    """The table of NHS England's template: indicator | this year | last year | narrative |
    action. A detail table: `web_only` on the web page (the Board PDF's sections and
    executive summary say the same), and in the technical annex.

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
    this, last = f"Reporting year {report.year}", f"Previous year {report.year - 1}"
    out = []
    for ind in report.standard.indicators:
        n = ind.id
        out.append(
            {
                report.standard.term.capitalize(): f"{ind.printed}. {ind.title}",
                this: headline(report, n, report.year),
                last: headline(report, n, report.year - 1),
                "Narrative: implications of the data": plain_commentary(
                    report.commentary.implications(n)
                ),
                "Action taken and planned": plain_commentary(report.commentary.actions(n)),
            }
        )
    settings = report.params.settings
    show_table(
        pd.DataFrame(out),
        report.standard.summary_caption,
        font_size="7.5pt",
        note=f"_RL: relative likelihood. Range: {verdicts.range_named(settings)}._",
        widths={
            report.standard.term.capitalize(): 16,
            this: 17,
            last: 17,
            "Narrative: implications of the data": 29,
            "Action taken and planned": 21,
        },
        web_only=web_only,
    )


def sign_off(report: ReportData) -> None:
    """NHS England's template ends with the sign-off: who leads, who wrote it, when the Board
    approved it and where it is published. A field still empty reads 'to be completed'.

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
    _run_on_heading("Sign-off")
    approved = p.board_approval_date
    fields = [
        ("Board lead", p.board_lead),
        ("Report author", p.report_author),
        ("Date of Board approval", f"{approved.day} {approved:%B %Y}" if approved else ""),
        ("Where the report is published", p.published_address(report.standard.code)),
    ]
    table = pd.DataFrame(
        [(label, value.strip() or TO_BE_COMPLETED) for label, value in fields],
        columns=["Sign-off", "Detail"],
    )
    empty = [label for label, value in fields if not value.strip()]
    show_table(
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


def headline(report: ReportData, n: str, year: int) -> str:
    """The one figure per indicator that the summary table shows, in words (its kind's)."""
    ind = report.standard.indicator(n)
    return ind.kind.summary_cell(report, ind, year)
