"""Finding rows of the published table: the figures a sentence, a chart or a table shows."""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import pandas as pd

from ..compute.published import PUBLISHED
from ..inputs.settings import Settings
from ..kinds import BandDistribution
from ..standards.registry import OVERALL, Standard
from .formatting import missing

_NOWHERE = np.array([], dtype=np.intp)


class Figures:
    """One published table and its standard, with its rows indexed by (org, year,
    indicator) and each value asked about: worked out once per table, as a report asks
    hundreds of times. Whoever holds the table builds this once and passes it on."""

    def __init__(self, frame: pd.DataFrame, standard: Standard):
        self.frame = frame
        self.standard = standard
        # (org, year, indicator) -> the positions of its rows
        groups = frame.groupby(["org", "year", "indicator"], sort=False).indices
        self._groups = cast(dict[tuple, np.ndarray], groups)
        self._equal: dict[tuple, np.ndarray] = {}  # (column, value) -> mask over the table
        self._rows: dict[int, pd.Series] = {}  # position -> the row, built once

    def _positions(self, org, year, indicator, match: dict) -> np.ndarray:
        found = self._groups.get((org, year, str(indicator)), _NOWHERE)
        for column, value in match.items():
            equal = self._equal.get((column, value))
            if equal is None:
                equal = (self.frame[column] == value).to_numpy(dtype=bool, na_value=False)
                self._equal[(column, value)] = equal
            found = found[equal[found]]
        return found

    def rows(self, org: str, year: int, indicator, **match) -> pd.DataFrame:
        return self.frame.iloc[self._positions(org, year, indicator, match)]

    def row(self, org: str, year: int, indicator, **match) -> pd.Series | None:
        """The first row that matches, or None. The same row is asked for again and again (a
        headline in the summary, its section, the story), and building a row of the wide
        table is most of a lookup's cost: each is built once, and each caller given a copy."""
        found = self._positions(org, year, indicator, match)
        if not len(found):
            return None
        position = int(found[0])
        if (row := self._rows.get(position)) is None:
            row = self._rows[position] = self.frame.iloc[position]
        return row.copy()

    def rl_row(self, org: str, year: int, indicator, settings: Settings) -> pd.Series | None:
        """A relative likelihood's headline row (the registry's rule)."""
        return self.headline_row(org, year, indicator, settings)

    def headline_row(self, org: str, year: int, indicator, settings: Settings) -> pd.Series | None:
        """An indicator's one headline figure, as the registry defines it."""
        h = self.standard.headline(self.standard.indicator(indicator), settings)
        match = {"measure": h.measure, "breakdown": h.breakdown}
        if h.group:
            match["group"] = h.group
        return self.row(org, year, h.indicator, **match)

    def overall_share(self, org: str, year: int, group: str) -> pd.Series | None:
        """A group's share of the whole workforce (the pay-band indicator's overall row)."""
        bands = self.standard.ids_of(BandDistribution)[0]
        return self.row(org, year, bands, breakdown=OVERALL, measure="percent", group=group)

    def orgs(self, year: int) -> list[str]:
        return sorted(self.frame.loc[self.frame["year"] == year, "org"].unique())

    def published(self, year: int) -> set[str]:
        """The organisations whose figures for the year are the ones they published (shown
        as published, not computed here): the table's `source` column says."""
        if "source" not in self.frame:
            return set()
        rows = self.frame[(self.frame["year"] == year) & (self.frame["source"] == PUBLISHED)]
        return set(rows["org"])


def value_of(found: pd.Series | None, column: str = "value") -> float:
    """A row's value (or another column's, such as 'ci_low'): NaN when there is none."""
    return math.nan if found is None or missing(found[column]) else float(found[column])


def peer_position(
    figures: Figures, org: str, year: int, pick, indicator: str | None = None
) -> dict | None:
    """Where org sits among itself and its comparators on one figure in one year, and why
    each comparator with data for the year but no figure here is left out ("without").

    pick(org) -> the figure for one organisation (NaN if none); `indicator` lets the reason
    be read from that indicator's rows."""
    everyone = {o: pick(o) for o in figures.orgs(year)}
    values = {o: v for o, v in everyone.items() if not missing(v)}
    if org not in values or len(values) < 2:
        return None
    without = {
        o: no_figure_reason(figures, o, year, indicator) for o in everyone if o not in values
    }
    ranked = sorted(values.values(), reverse=True)
    series = pd.Series(values)
    return {
        "published": sorted(set(values) & figures.published(year)),
        "value": values[org],
        "rank": ranked.index(values[org]) + 1,
        "count": len(values),
        "median": float(series.median()),
        "low": float(series.min()),
        "high": float(series.max()),
        "values": values,
        "without": without,
    }


def no_figure_reason(figures: Figures, org: str, year: int, indicator: str | None) -> str:
    """Why an organisation with data for the year has no figure for one indicator: its file
    for it was not supplied, the figure is withheld (small numbers, too few respondents), or
    it is undefined (no events in a group, say)."""
    if indicator is None:
        return "no figure"
    rows = figures.rows(org, year, indicator)
    if rows.empty:
        return "data not supplied"
    if rows["suppression"].fillna("").astype(str).str.strip().ne("").any():
        return "figure withheld for small numbers"
    return "figure undefined"
