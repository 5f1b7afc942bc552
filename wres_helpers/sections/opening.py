"""The opening of the report: the cover, the executive summary and the background (the
workforce, the data and the period it covers, and the comparators)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..kinds import RelativeLikelihood
from ..presentation import present, safe
from ..report import ReportData
from ..standards import england
from ..standards.registry import ROLES
from ..words import ranking, summary, verdicts
from ..words.formatting import fmt_count, fmt_pct
from ..words.lookup import value_of
from . import peers
from .common import TO_BE_COMPLETED, commentary_markdown, show_table

TABLE_NAMES = {
    "staff_survey": "staff survey",
    "board": "Board",
    "wdes_survey": "WDES staff survey",
    "voices": "voices (9b)",
}


def cover(report: ReportData) -> None:
    """The cover: title, organisation, year, protective marking, version, date and the DRAFT mark
    while anything is missing.

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
    present.cover(
        title=f"{report.standard.name} report",
        organisation=p.organisation.name,
        year=report.year,
        marking=p.marking,
        version=p.version,
        date=report.report_date,
        synthetic=report.synthetic,
        draft=bool(report.missing_for_final()),
        short_title=f"{p.organisation.code} {report.standard.code} {report.year}",
        sheet=cover_sheet(report),
        files=_files(report),
        published=f"{p.published_on.day} {p.published_on:%B %Y}" if p.published_on else "",
        contact=p.contact.strip(),
    )
    present.contents()


def _files(report: ReportData) -> tuple[tuple[str, str], ...]:
    """The files published beside the web page, by the names the build gives them."""
    names = report.output_names()
    return (
        ("The Board report (PDF)", names["pdf"]),
        ("Every figure (Excel workbook, XLSX)", names["xlsx"]),
        ("Every figure (CSV)", names["csv"]),
    )


def cover_sheet(report: ReportData) -> tuple[tuple[str, str], ...]:
    """The Board paper's cover sheet (params.yaml's board_paper, with the sign-off's lead and
    author): why the paper is on the agenda and what the Board is asked to do. A field still
    empty reads "to be completed", and the report is a draft."""
    p, code = report.params, report.standard.code.lower()
    paper = p.board_paper

    def value(name: str) -> str:
        found = paper.value(name, code)
        if isinstance(found, list):
            return "; ".join(found)
        if isinstance(found, dt.date):
            return f"{found.day} {found:%B %Y}"
        return found or ""

    purpose = f"For {paper.purpose}" if paper.purpose else ""
    meeting = ", ".join(x for x in (value("meeting"), value("meeting_date")) if x)
    rows = [
        ("Meeting", meeting if value("meeting") and value("meeting_date") else ""),
        ("Agenda item", value("agenda_item")),
        ("Executive lead", p.board_lead),
        ("Author", p.report_author),
        ("Purpose", purpose),
        ("Recommendation", value("recommendation")),
        ("Previously considered by", value("previously_considered_by")),
        ("Strategic objectives", value("strategic_objectives")),
        ("Board Assurance Framework risks", value("risks") or "none named"),
        ("Impact on equality", value("equality_impact")),
        ("Legal and regulatory duties", value("legal_impact")),
    ]
    return tuple((label, text.strip() or TO_BE_COMPLETED) for label, text in rows)


def executive_summary(report: ReportData) -> None:
    """The executive summary a Board reads first: how to read the figures, at most three key
    findings chosen by the ranking rule (`words.ranking`), what changed since last year, the
    decision asked, every other indicator in one table with its status in words, then the
    analysts' own summary.

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
    present.heading("Executive summary")
    if report.synthetic:
        present.markdown(
            "**This report is built from synthetic data** made by a program for demonstration. "
            "No figure in it describes real staff, and it must not be published as a "
            f"{report.standard.code} return."
        )
    standard, settings, year = report.standard, report.params.settings, report.year
    every = summary.lines(report.figures, report.org, year, settings)
    key = summary.key_findings(every)
    reference, focus = (g.text for g in standard.compared)
    present.markdown(
        f"**How to read this summary.** {verdicts.rl_explained(reference, focus)} "
        f"{verdicts.range_explained(settings)} {verdicts.chance_explained(settings)}"
    )
    present.heading(f"Key findings, {year}", level=3)
    present.markdown(
        "\n".join(
            f"{i}. **{summary.head(standard, ind)}.** {safe.text(finding.sentence)}"
            for i, (ind, finding) in enumerate(key, 1)
        )
        if key
        else "No indicator meets the rule for a key finding this year."
    )
    present.markdown(f"_{ranking.rule(standard.focus.name)}_")
    present.heading(f"What changed since {year - 1}", level=3)
    moves = summary.range_moves(report.figures, report.org, year, settings)
    present.markdown(
        " ".join(t for t in (summary.changed(every, report.figures, year), moves) if t)
    )
    present.heading("The decision asked", level=3)
    asked = report.params.board_paper.value("recommendation", standard.code.lower())
    present.markdown(safe.text(asked.strip()) if asked else f"_{TO_BE_COMPLETED}_")
    keys = {ind.id for ind, _ in key}
    shown = [line for line in every if line.indicator.id not in keys]
    term = standard.term.capitalize()
    table = pd.DataFrame(
        [
            {
                term: line.name(settings),
                str(year): line.now,
                str(year - 1): line.before,
                f"Since {year - 1}": line.change,
                "Status": line.status,
            }
            for line in shown
        ]
    )
    show_table(
        table,
        f"The other {standard.term}s, {year}",
        widths={term: 30, str(year): 16, str(year - 1): 16, f"Since {year - 1}": 12}
        | {"Status": 26},
        font_size="8pt",
        note=_england_note(report),
    )
    present.heading("The analysts' summary", level=3)
    present.markdown(commentary_markdown(report.commentary.general("summary")))


def _england_note(report: ReportData) -> str:
    """England's headline figures for the year, for comparison; '' where none were published."""
    year = report.year
    survey = report.survey_year(year)
    shown = [safe.text(s) for s in england.brief(report.standard, year, survey_year=survey)]
    return f"**England, {year}, for comparison**: " + "; ".join(shown) + "." if shown else ""


def background(report: ReportData) -> None:
    """The background: where the figures come from, which data files were supplied and which not,
    and the workforce table.

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
    present.heading("Background")
    p, year = report.params, report.year
    _workforce_table(report)
    tables = report.standard.tables
    supplied = [TABLE_NAMES.get(t, t) for t in tables if report.supplied(t)]
    missing = [TABLE_NAMES.get(t, t) for t in tables if not report.supplied(t)]
    # The tables of events counted over the year (recruitment, disciplinary or capability).
    yearly = [i.source for i in report.standard.of_kind(RelativeLikelihood)]
    yearly = [t for t in dict.fromkeys(yearly) if t != "workforce"]
    yearly = [t.capitalize() if i == 0 else t for i, t in enumerate(yearly)]
    absent = comparators_without_data(report)
    facts = pd.DataFrame(
        [
            ("Workforce snapshot", f"{p.snapshot_date.day} {p.snapshot_date:%B %Y}"),
            (
                (", ".join(yearly[:-1]) + " and " if len(yearly) > 1 else "")
                + yearly[-1]
                + " data",
                f"1 April {year - 1} to 31 March {year}",
            ),
            ("Data supplied", ", ".join(supplied) or "none"),
            ("Data not supplied", ", ".join(missing) or "none"),
            (
                "Comparator organisations",
                ", ".join(
                    report.label(c)
                    for c in p.comparator_codes
                    if c not in absent and c not in report.left_out
                )
                or "none",
            ),
        ],
        columns=["Item", "Detail"],
    )
    if absent:
        facts.loc[len(facts)] = (f"Comparators with no {year} data", ", ".join(absent))
    if report.left_out:
        facts.loc[len(facts)] = ("Comparators left out (data problems)", ", ".join(report.left_out))
    not_counted = [
        f"{x.rows:,} {x.table} {x.why}"
        for x in report.dataset.left_out
        if x.org == report.org and x.year == year
    ]
    if not_counted:  # bank rows, second assignments, repeat cases, never-shortlisted
        facts.loc[len(facts)] = ("Rows of the files not counted", "; ".join(not_counted))
    show_table(facts, "The data and the period it covers", widths={"Item": 38, "Detail": 62})
    present.markdown(
        "The method, settings and data provenance are in the technical annex, "
        f"{report.output_names()['annex']}, written for the analyst and for audit and not "
        "for publication."
    )
    if absent:
        present.markdown(_absent_comparators_text(report, absent))
    for peer, why in report.left_out.items():
        present.markdown(
            f"**Comparator {safe.text(report.name_of(peer))} ({peer}) is left out of every "
            f"comparison:** {safe.text(why)}. Its own report lists every problem."
        )
    peers.comparison(report)
    present.markdown(commentary_markdown(report.commentary.general("background")))
    present.heading(f"Self-reporting of {report.standard.characteristic}", level=3)
    present.markdown(commentary_markdown(report.commentary.general("self-reporting")))


def comparators_without_data(report: ReportData) -> list[str]:
    """Comparators named in params.yaml with no data file at all for the reporting year:
    they cannot be compared, and the report says so rather than dropping them silently."""
    have = {org for org, year, _ in report.dataset.supplied if year == report.year}
    have |= {org for org, year in report.published_files if year == report.year}
    return [c for c in report.params.comparator_codes if c not in have and c not in report.left_out]


def _absent_comparators_text(report: ReportData, absent: list[str]) -> str:
    one = len(absent) == 1
    them = "it" if one else "them"
    return (
        f"**Comparators without {report.year} data: {', '.join(absent)}.** The parameters "
        f"name {them} as {'a comparator' if one else 'comparators'}, but no {report.year} "
        f"data files or published figures were found for {them} in the data folder, so "
        f"{'it is' if one else 'they are'} left out of every comparison in this report."
    )


def _workforce_table(report: ReportData) -> None:
    org, standard = report.org, report.standard
    reference, focus, unknown = (standard.group(r).name for r in ROLES)
    characteristic = standard.characteristic
    head, rate = "Headcount at the snapshot", f"Self-reporting rate ({characteristic} recorded)"
    lines: dict[str, list[str]] = {
        head: [],
        f"{focus} staff": [],
        f"{reference} staff": [],
        f"{characteristic.capitalize()} unknown or not stated": [],
        rate: [],
    }
    labels = list(lines)
    for y in report.years:
        found = {g: report.figures.overall_share(org, y, g) for g in standard.group_names}
        first = found[reference]
        lines[head].append(fmt_count(first["denominator"]) if first is not None else "–")
        lines[labels[1]].append(fmt_pct(value_of(found[focus])))
        lines[labels[2]].append(fmt_pct(value_of(found[reference])))
        lines[labels[3]].append(fmt_pct(value_of(found[unknown])))
        lines[rate].append(fmt_pct(100 - value_of(found[unknown])))
        if standard.survey_share:  # the same group's share of survey respondents
            survey = lines.setdefault(f"{focus} share of staff survey respondents", [])
            survey.append(fmt_pct(_survey_share(report, y)))
    table = pd.DataFrame(
        [[label, *values] for label, values in lines.items()],
        columns=["Workforce", *(str(y) for y in report.years)],
    )
    widths = {"Workforce": 100 - 16 * len(report.years)} | {str(y): 16 for y in report.years}
    show_table(
        table,
        f"Total workforce and self-reporting, {report.years[0]} to {report.year}",
        widths=widths,
    )


def _survey_share(report: ReportData, year: int) -> float:
    """The focus group's share of the respondents to the survey indicator the standard names
    (the WDES's 9a): self-reported, so set beside the share recorded in ESR, never mixed."""
    n, standard = report.standard.survey_share, report.standard
    counts = [
        report.figures.row(report.org, year, n, measure="mean_score", group=g.name)
        for g in (standard.focus, standard.reference)
    ]
    if any(c is None or pd.isna(c["denominator"]) for c in counts):
        return float("nan")
    focus, reference = (int(value_of(c, "denominator")) for c in counts)
    return 100 * focus / (focus + reference) if focus + reference else float("nan")
