"""England's published WRES figures, each with its sources (data/wres-national-figures.csv).

One row per year, indicator and measure. A report shows the England figure of its reporting
year beside its own, and says nothing where no figure was published: adding a year is adding
a row to the file. The figures are for NHS trusts in England as NHS England's WRES reports
(and the trade press quoting them) give them; `sources` lists each citation, ` | ` apart.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

FILE = Path(__file__).parent / "data" / "wres-national-figures.csv"
# The measures an indicator's own headline figure is compared with; other rows (such as the
# share of trusts inside the non-adverse range) are context for that figure.
HEADLINE_MEASURES = ("percent", "relative_likelihood")


@dataclass(frozen=True)
class EnglandFigure:
    year: int
    indicator: str  # the registry's id, "3"
    measure: str
    value: float
    what: str  # what the figure is, in words
    sources: tuple[str, ...]
    notes: str

    @property
    def shown(self) -> str:
        if self.measure.startswith("percent"):
            return f"{self.value:.1f}%"
        return f"{self.value:.2f}"

    @property
    def text(self) -> str:
        """'England, 2019: 1.46'."""
        return f"England, {self.year}: {self.shown}"


@functools.cache
def figures(path: Path = FILE) -> tuple[EnglandFigure, ...]:
    with Path(path).open(encoding="utf-8", newline="") as f:
        return tuple(
            EnglandFigure(
                year=int(row["year"]),
                indicator=row["indicator"].strip(),
                measure=row["measure"].strip(),
                value=float(row["value"]),
                what=row["what"].strip(),
                sources=tuple(s.strip() for s in row["sources"].split(" | ") if s.strip()),
                notes=(row.get("notes") or "").strip(),
            )
            for row in csv.DictReader(f)
        )


def england(year: int, indicator: str | int, path: Path = FILE) -> EnglandFigure | None:
    """The England figure an indicator's headline is compared with, for the year, if any."""
    return next(
        (
            f
            for f in figures(path)
            if f.year == year and f.indicator == str(indicator) and f.measure in HEADLINE_MEASURES
        ),
        None,
    )


def context(year: int, indicator: str | int, path: Path = FILE) -> list[EnglandFigure]:
    """The year's other England figures for an indicator (the share of trusts inside the
    non-adverse range, say)."""
    return [
        f
        for f in figures(path)
        if f.year == year and f.indicator == str(indicator) and f.measure not in HEADLINE_MEASURES
    ]


def for_year(year: int, path: Path = FILE) -> list[EnglandFigure]:
    """Every England figure for the year, in indicator order."""
    return sorted((f for f in figures(path) if f.year == year), key=lambda f: int(f.indicator))


def sources(year: int, path: Path = FILE) -> list[str]:
    """Every source cited for the year's figures, once each, in the file's order."""
    return list(dict.fromkeys(source for f in for_year(year, path) for source in f.sources))


def sentence(year: int, indicator: str | int, path: Path = FILE) -> str:
    """'England, 2019: 1.46.' with any context figure after it; '' where none was published."""
    found = england(year, indicator, path)
    if found is None:
        return ""
    extra = "".join(f"; {f.shown} {_lower_first(f.what)}" for f in context(year, indicator, path))
    return f"{found.text} ({found.what}){extra}."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
