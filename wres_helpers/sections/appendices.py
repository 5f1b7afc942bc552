"""The appendices: A, the action plan with its RAG status and overdue actions; B, the method,
caveats and the provenance of the data and software."""

from __future__ import annotations

import pandas as pd

from ..presentation import present
from . import peers
from .common import show_table
from .report import ReportData

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
            "Action": 22,
            "Indicators": 12,
            "Lead": 14,
            "Due": 14,  # "30 Sep 2019" in bold, on one line
            "Status": 11,
            "Progress": 23,
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
    peers.long_trend(report)
    present.markdown(provenance.method_text(report))
    if england := provenance.england_text(report):
        present.markdown(england)
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
            widths={"Column": 16, "Value in the file": 36, "Read as": 18, "Rows": 7, "Rule": 23},
            font_size="7.5pt",
        )
    present.table(provenance.environment_table(report), "Software used")
    present.markdown(provenance.digest_text(report))
