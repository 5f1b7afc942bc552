"""England's published figures for each standard, each with its sources
(data/<standard>-national-figures.csv: wres-national-figures.csv, wdes-national-figures.csv).

One row per year, indicator and measure. A report shows the England figure of its reporting
year beside its own, and says nothing where no figure was published: adding a year is adding
a row to its standard's file; a standard without a file shows none. The figures are for NHS
trusts in England as NHS England's reports (and the press quoting them) give them; `sources`
lists each citation, ` | ` apart.
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

    @property
    def shown(self) -> str:
        if self.measure.startswith("percent"):
            return f"{self.value:.1f}%"
        return f"{self.value:.2f}"

    @property
    def text(self) -> str:
        """'England, 2019: 1.46'."""
        return f"England, {self.year}: {self.shown}"

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
            )
            for row in csv.DictReader(f)
        )


def for_year(standard: Standard, year: int, path: Path | None = None) -> list[EnglandFigure]:
    """Every England figure for the year of an indicator the standard has, in report order
    (an indicator's headline figure first, then its context)."""
    return sorted(
        (f for f in figures(standard, path) if f.year == year and f.indicator in standard.ids),
        key=lambda f: (standard.order(f.indicator), not f.headline),
    )


def _of(standard, year, indicator, path) -> list[EnglandFigure]:
    return [f for f in for_year(standard, year, path) if f.indicator == str(indicator)]


def figure(
    standard: Standard,
    year: int,
    indicator: str | int,
    path: Path | None = None,
    survey_year: int | None = None,
) -> EnglandFigure | None:
    """The England figure an indicator's headline is compared with, for the year, if any. A
    staff survey figure is matched to `survey_year` where it is given (the survey the
    organisation's own figure comes from), whichever year's report England gave it in."""
    if survey_year is not None:
        survey = [
            f
            for f in figures(standard, path)
            if f.indicator == str(indicator) and f.headline and f.survey_year is not None
        ]
        if survey:
            return next((f for f in survey if f.survey_year == survey_year), None)
    return next((f for f in _of(standard, year, indicator, path) if f.headline), None)


def sources(standard: Standard, year: int, path: Path | None = None) -> list[str]:
    """Every source cited for the year's figures, once each, in report order."""
    return list(dict.fromkeys(s for f in for_year(standard, year, path) for s in f.sources))


def sentence(standard: Standard, year: int, indicator: str | int, path: Path | None = None) -> str:
    """'England, 2019: 1.46 (what it is).', any context figure after it ('; 23.8% share of
    trusts …'); a context figure alone where no headline figure was published ('England,
    2019: 85.0% of trusts …'); '' where none was."""
    shown = _of(standard, year, indicator, path)
    if not shown:
        return ""
    first, *rest = shown
    lead = (
        f"{first.text} ({first.what})"
        if first.headline
        else f"{first.text} {_lower_first(first.what)}"
    )
    return lead + "".join(f"; {f.shown} {_lower_first(f.what)}" for f in rest) + "."


def brief(standard: Standard, year: int, path: Path | None = None) -> list[str]:
    """Each indicator's England figures for the year in a few words, for a summary:
    'indicator 2 (appointment from shortlisting) 1.46'; a context figure with its words."""
    out = []
    for ind in standard.indicators:
        shown = _of(standard, year, ind.id, path)
        if shown:
            figures_ = ", ".join(
                f.shown if f.headline else f"{f.shown} {_lower_first(f.what)}" for f in shown
            )
            out.append(f"{standard.term} {ind.printed} ({_lower_first(ind.title)}) {figures_}")
    return out


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
