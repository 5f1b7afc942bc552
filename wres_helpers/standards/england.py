"""England's published figures for each standard, each with its sources
(data/<standard>-national-figures.csv: wres-national-figures.csv, wdes-national-figures.csv).

One row per year, indicator and measure. A report shows the England figure of its reporting
year beside its own, and says nothing where no figure was published: adding a year is adding
a row to its standard's file; a standard without a file shows none. The figures are for NHS
trusts in England as NHS England's reports (and the press quoting them) give them; `sources`
lists each citation, ` | ` apart; `source_type` says whether the figure was read in NHS
England's own text (`nhs_england`) or as the press, a trade body or a trust quoted it
(`secondary`).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from .registry import Standard

DATA = Path(__file__).parent / "data"
# The measures an indicator's own headline figure is compared with; other rows (such as the
# share of trusts inside the non-adverse range) are context for that figure.
HEADLINE_MEASURES = ("percent", "relative_likelihood")
NHS_ENGLAND = "nhs_england"  # source_type of a figure read in NHS England's own text


@dataclass(frozen=True)
class EnglandFigure:
    year: int
    indicator: str  # the registry's id, "3" or "4a_iii"
    measure: str
    value: float
    what: str  # what the figure is, in words
    sources: tuple[str, ...]
    notes: str
    survey_year: int | None = None  # a staff survey figure: the survey it comes from
    secondary: bool = True  # quoted by others, not read in NHS England's own text

    @property
    def shown(self) -> str:
        if self.measure.startswith("percent"):
            return f"{self.value:.1f}%"
        return f"{self.value:.2f}"

    @property
    def text(self) -> str:
        """'England, 2019: 1.46'; a survey figure by its survey: 'England, 2018 staff survey:
        29.0%'."""
        when = f"{self.survey_year} staff survey" if self.survey_year else str(self.year)
        return f"England, {when}: {self.shown}"

    @property
    def headline(self) -> bool:
        return self.measure in HEADLINE_MEASURES


def file(standard: Standard) -> Path:
    """The standard's file of England figures (it may not exist: then there are none)."""
    return DATA / f"{standard.code.lower()}-national-figures.csv"


def figures(standard: Standard, path: Path | None = None) -> tuple[EnglandFigure, ...]:
    """Every figure of the standard's file (or of `path`), in the file's order."""
    return _read(Path(path or file(standard)))


@functools.cache
def _read(path: Path) -> tuple[EnglandFigure, ...]:
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            EnglandFigure(
                year=int(row["year"]),
                indicator=row["indicator"].strip(),
                measure=row["measure"].strip(),
                value=float(row["value"]),
                what=row["what"].strip(),
                sources=tuple(s.strip() for s in row["sources"].split(" | ") if s.strip()),
                notes=(row.get("notes") or "").strip(),
                survey_year=int(row["survey_year"])
                if (row.get("survey_year") or "").strip()
                else None,
                secondary=(row.get("source_type") or "").strip() != NHS_ENGLAND,
            )
            for row in csv.DictReader(f)
        )


def for_year(
    standard: Standard, year: int, path: Path | None = None, survey_year: int | None = None
) -> list[EnglandFigure]:
    """Every England figure a report of the year compares with, of an indicator the standard
    has, in report order (an indicator's headline figure first, then its context). A staff
    survey figure is the one of `survey_year`, the survey the organisation's own survey
    figures come from, whichever year's report England gave it in (NHS England's report for
    a year uses that autumn's survey; a trust's report, the survey of the autumn before);
    without `survey_year`, the year's own."""

    def matches(f: EnglandFigure) -> bool:
        if f.survey_year is not None and survey_year is not None:
            return f.survey_year == survey_year
        return f.year == year

    return sorted(
        (f for f in figures(standard, path) if f.indicator in standard.ids and matches(f)),
        key=lambda f: (standard.order(f.indicator), not f.headline),
    )


def _of(standard, year, indicator, path, survey_year=None) -> list[EnglandFigure]:
    found = for_year(standard, year, path, survey_year)
    return [f for f in found if f.indicator == str(indicator)]


def figure(
    standard: Standard,
    year: int,
    indicator: str | int,
    path: Path | None = None,
    survey_year: int | None = None,
) -> EnglandFigure | None:
    """The England figure an indicator's headline is compared with, if any (a staff survey
    figure matched to `survey_year`, as `for_year` says)."""
    found = _of(standard, year, indicator, path, survey_year)
    return next((f for f in found if f.headline), None)


def sources(
    standard: Standard, year: int, path: Path | None = None, survey_year: int | None = None
) -> list[str]:
    """Every source cited for the year's figures, once each, in report order."""
    found = for_year(standard, year, path, survey_year)
    return list(dict.fromkeys(s for f in found for s in f.sources))


def sentence(
    standard: Standard,
    year: int,
    indicator: str | int,
    path: Path | None = None,
    survey_year: int | None = None,
) -> str:
    """'England, 2019: 1.46 (what it is).', any context figure after it ('; 23.8% share of
    trusts …'); a context figure alone where no headline figure was published ('England,
    2019: 85.0% of trusts …'); '' where none was."""
    shown = _of(standard, year, indicator, path, survey_year)
    if not shown:
        return ""
    first, *rest = shown
    lead = (
        f"{first.text} ({first.what})"
        if first.headline
        else f"{first.text} {_lower_first(first.what)}"
    )
    return lead + "".join(f"; {f.shown} {_lower_first(f.what)}" for f in rest) + "."


NONE_FOUND = "none found"  # a table cell where England published no figure we could find


def cell(standard: Standard, year: int, indicator: str | int, survey_year=None) -> str:
    """England's figure for a table cell: the headline ('1.46'); else a context figure in its
    own words ('85.0% of trusts answered yes'); else 'none found'."""
    shown = _of(standard, year, indicator, None, survey_year)
    headline = next((f for f in shown if f.headline), None)
    if headline:
        return headline.shown
    return f"{shown[0].shown} {shown[0].what}" if shown else NONE_FOUND


def none_found(standard: Standard, year: int, indicator: str | int, survey_year=None) -> str:
    """What a report says where England has no figure for an indicator: 'None found: no
    England figure for 2017 was found in NHS England's reports.' (a survey indicator by its
    survey: 'for the 2018 staff survey'), never a blank."""
    survey = standard.indicator(str(indicator)).kind.survey and survey_year is not None
    what = f"the {survey_year} staff survey" if survey else str(year)
    return f"None found: no England figure for {what} was found in NHS England's reports."


def secondary_note(standard: Standard, shown: list[EnglandFigure]) -> str:
    """Which of the figures shown were quoted by a secondary source, not read in NHS England's
    own report, by indicator ('… indicator 2 1.61, indicator 5 29.8% and 27.8%.'); '' if
    none."""
    by_indicator: dict[str, list[str]] = {}
    for f in shown:
        if f.secondary:
            by_indicator.setdefault(f.indicator, []).append(f.shown)
    called = [
        f"{standard.term} {standard.indicator(i).printed} {' and '.join(values)}"
        for i, values in by_indicator.items()
    ]
    if not called:
        return ""
    return (
        f"Quoted by a secondary source (the press, a trade body or a trust reporting NHS "
        f"England's report), not read in NHS England's own text: {', '.join(called)}."
    )


def brief(
    standard: Standard, year: int, path: Path | None = None, survey_year: int | None = None
) -> list[str]:
    """Each indicator's England figures for the year in a few words, for a summary:
    'indicator 2 (appointment from shortlisting) 1.46'; a context figure with its words."""
    out = []
    for ind in standard.indicators:
        shown = _of(standard, year, ind.id, path, survey_year)
        if shown:
            figures_ = ", ".join(
                f.shown if f.headline else f"{f.shown} {_lower_first(f.what)}" for f in shown
            )
            out.append(f"{standard.term} {ind.printed} ({_lower_first(ind.title)}) {figures_}")
    return out


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
