"""What the sections share: tables with set column widths, the analysts' commentary (with
its TODO prompts shown as notes still to be written), bulleted findings, the words for an
indicator whose data was not supplied, and the figures more than one section reads."""

from __future__ import annotations

import pandas as pd

from ..presentation import present, safe
from ..presentation.layout import TableLayout
from ..report import ReportData
from ..standards import england
from ..words.lookup import value_of

TO_BE_COMPLETED = "to be completed"  # a sign-off or cover sheet field still empty
NOT_SUPPLIED = (
    "Data not supplied: the {files} not in the data folder, so this "
    "indicator is not reported. It is not treated as zero."
)


def start_indicator(report: ReportData, n: str) -> bool:
    """Indicator n's heading, and whether its data was supplied: when its source table (or
    the table of its base counts) is missing, the section says so and goes no further."""
    ind = report.standard.indicator(n)
    present.heading(f"{report.standard.called(ind.id)}: {ind.title}")
    needed = list(dict.fromkeys([ind.source, ind.base_table]))
    missing = [t for t in needed if not report.supplied(t)]
    if not missing:
        return True
    files = f"{missing[0]} file was" if len(missing) == 1 else f"{' and '.join(missing)} files were"
    present.markdown(NOT_SUPPLIED.format(files=files.replace("_", " ")))
    return False


def show_table(frame: pd.DataFrame, caption: str, note: str = "", **layout) -> None:
    """A table laid out as `layout.TableLayout` says (column widths, columns that must not
    wrap, styled rows and cells, whether the Board PDF leaves it out…), with a note under it
    if given. A table with no rows or columns (a survey file without this indicator, say) is
    said in words: Typst has no empty table."""
    said = present.web_only if layout.get("web_only") else present.markdown
    if frame.empty:
        said(f"**{caption}:** no figures for these years.")
        return
    present.table(frame, caption, TableLayout(**layout))
    if note:  # a detail table's note goes where the table goes: the web page only
        said(note)


def hidden_note(reasons: set[str]) -> str:
    """The reasons figures are withheld, in indicators.csv's own words."""
    reasons = {r for r in reasons if r}
    if not reasons:
        return ""
    return "_Hidden or not reported: " + "; ".join(sorted(reasons)) + "._"


def show_bullets(items: list[tuple[str, str]]) -> None:
    """'- **label:** text' for each item that has text; nothing if none has."""
    shown = [f"- **{label}:** {text}" for label, text in items if text]
    if shown:
        present.markdown("\n".join(shown))


def commentary_markdown(text: str) -> str:
    """Analysts' text; prompts still standing show as visible 'to be written' notes."""
    lines = []
    for line in (text or "").splitlines():
        if line.strip().startswith("TODO:"):
            lines.append(f"> **To be written:** {line.strip()[5:].strip()}")
        else:
            lines.append(line)
    return "\n".join(lines).strip() or "_No commentary has been written for this section._"


def show_indicator_commentary(report: ReportData, n: str) -> None:
    """England's figure for the year, where one was published; then the indicator's two
    commentary subsections, as NHS England's template asks."""
    survey = report.survey_year(report.year)
    figure = england.sentence(report.standard, report.year, n, survey_year=survey)
    if not figure:
        figure = england.none_found(report.standard, report.year, n, survey_year=survey)
    show_bullets([("National figure", safe.text(figure))])
    present.heading("Implications", level=3)
    present.markdown(commentary_markdown(report.commentary.implications(n)))
    present.heading("Action taken and planned", level=3)
    present.markdown(commentary_markdown(report.commentary.actions(n)))


def plain_commentary(markdown_text: str) -> str:
    """Analysts' text on one line, for a table cell: its words without Markdown's markup or
    comments; a prompt reads 'To be written:'."""
    return safe.plain(markdown_text).replace("TODO:", "To be written:") or "–"


def value_of_col(found: pd.Series | None, column: str) -> float:
    """Like `lookup.value_of`, for another column (such as 'ci_low'): NaN when missing."""
    return value_of(found, column)


def workforce_focus_row(report: ReportData, org: str, year: int) -> pd.Series | None:
    """The focus group's share of the whole workforce: the figure the Board is compared with."""
    return report.figures.overall_share(org, year, report.standard.focus.name)
