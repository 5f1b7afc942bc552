"""A yes/no answer's section of the report: the answer, the organisation's narrative (the
WDES's 9b: have Disabled staff's voices been heard?) quoted as supplied, every character as
typed, and the answer year by year.

Imported by its kind's `section` method when a report is shown (kinds/base.py)."""

from __future__ import annotations

import pandas as pd

from ...compute.indicators import narrative_text
from ...presentation import present, safe
from ...report import ReportData
from ...sections.common import show_indicator_commentary, show_table, start_indicator


def narrative_indicator(report: ReportData, n: str) -> None:
    n = str(n)
    if not start_indicator(report, n):
        return
    figures, org, year = report.figures, report.org, report.year
    ind = report.standard.indicator(n)
    found = figures.row(org, year, n, measure="yes_no")
    answer = "Not available" if found is None else found["interpretation"].capitalize()
    present.markdown(f"**{year}:** {answer}: has the organisation {ind.phrase}?")
    words = narrative_text(report.dataset, ind, org, year)
    if words:
        present.markdown("The organisation's narrative, as supplied:")
        quoted = "\n".join(f"> {safe.text(line)}" if line else ">" for line in words.splitlines())
        present.markdown(quoted)
    rows = [
        {"Year": str(y), "Answer": r["interpretation"].capitalize()}
        for y in report.years
        if (r := figures.row(org, y, n, measure="yes_no")) is not None
    ]
    if rows:
        show_table(
            pd.DataFrame(rows),
            f"{report.standard.called(n)} by year",
            widths={"Year": 30, "Answer": 70},
            nowrap=("Year",),
        )
    show_indicator_commentary(report, n)
