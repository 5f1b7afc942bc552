"""A count table by group: each group's share of each pay band (and of the whole
workforce)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base import Kind

if TYPE_CHECKING:
    import pandas as pd

    from ...inputs.load import Dataset
    from ...inputs.settings import Settings
    from ...report import ReportData
    from ...standards.registry import Headline, Indicator, Standard
    from ...words.lookup import Figures
    from ...words.summary import Line


class BandDistribution(Kind):
    """Each group's headcount and share of each pay band; the headline is the focus group's
    share of the whole workforce, compared with nothing (no better or worse)."""

    name = "band distribution"

    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        from ...standards.registry import OVERALL, Headline

        return Headline(ind.id, "percent", OVERALL, standard.focus.name, "")

    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        return _pay_bands(dataset, ind, standard.group_names)

    def breakdowns(self, ind: Indicator, standard: Standard) -> str:
        from ...standards.registry import OVERALL

        bands = (
            f"{standard.term} {ind.id}: '<staff group>: <band>' (e.g. 'Clinical: 5', "
            f"'Medical and dental: Consultant')"
        )
        if not ind.cluster_rows:
            return f"{bands} or '{OVERALL}'"
        combined = next(c for c in ind.cluster_rows if c.combined)
        return (
            f"{bands}, '<staff group>: <cluster>' (NHS England's clusters, each row the sum of "
            f"its bands' rows: e.g. 'Clinical: Bands 1-4', and '{combined.breakdown}' for "
            f"clinical and non-clinical staff together; doctors' grades are their own "
            f"clusters) or '{OVERALL}'"
        )

    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        return {}  # the workforce's own placeholders (workforce.bme.percent) say it

    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        from ...words.formatting import fmt_pct, missing
        from ...words.lookup import value_of
        from ...words.summary import NO_FIGURE, Line

        focus = figures.standard.focus.name
        now = value_of(figures.overall_share(org, year, focus))
        before = value_of(figures.overall_share(org, year - 1, focus))
        shown = NO_FIGURE if missing(now) else f"{focus} {fmt_pct(now)} of staff"
        return Line(ind, shown, fmt_pct(before), NO_FIGURE, "For information (no comparison)")

    def section(self, report: ReportData, ind: Indicator) -> None:
        from .section import pay_band_indicator

        pay_band_indicator(report, ind.id)

    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        from ...sections.common import workforce_focus_row
        from ...words.formatting import fmt_pct

        r = workforce_focus_row(report, report.org, year)
        focus = report.standard.focus.name
        return "–" if r is None else f"{focus} staff {fmt_pct(r['value'])} of the workforce"

    def return_rows(self, rows: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
        # NHS England collects the bands: the clusters beside them are the report's own.
        clusters = {c.breakdown for c in ind.cluster_rows}
        return rows[~rows["breakdown"].isin(clusters)]


# --- its counting ---


def _pay_bands(dataset: Dataset, ind: Indicator, groups) -> pd.DataFrame:
    import pandas as pd

    from ...compute.indicators import KEYS, count_by_group, group_shares, supplied
    from ...standards.registry import OVERALL

    index = supplied(dataset, ind.source)
    if not len(index):
        return pd.DataFrame()
    workforce = dataset.tables[ind.source]
    if ind.clusters:  # each band read as its cluster's label
        cluster = {(g, b): label for g, label, bands in ind.clusters for b in bands}
        keys = zip(workforce["staff_group"], workforce["pay_band"], strict=True)
        workforce = workforce.assign(pay_band=[cluster.get(k, k[1]) for k in keys])
    bands = count_by_group(workforce, [*KEYS, "staff_group", "pay_band"], groups)
    labels = (
        bands.index.get_level_values("staff_group")
        + ": "
        + bands.index.get_level_values("pay_band")
    )
    bands.index = pd.MultiIndex.from_arrays(
        [bands.index.get_level_values(0), bands.index.get_level_values(1), labels],
        names=[*KEYS, "breakdown"],
    )
    if ind.cluster_rows:
        bands = pd.concat([bands, _cluster_counts(bands, ind)])
    overall = count_by_group(workforce, KEYS, groups, index)
    overall.index = pd.MultiIndex.from_arrays(
        [
            overall.index.get_level_values(0),
            overall.index.get_level_values(1),
            [OVERALL] * len(overall),
        ],
        names=[*KEYS, "breakdown"],
    )
    return group_shares(pd.concat([bands, overall]), ind.id, groups)


BAND_DISTRIBUTION = BandDistribution()


def _cluster_counts(bands: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """Each cluster's counts beside the bands': the sum of its bands' rows, for every
    organisation-year with staff in it (as a band's row is only there with staff in it)."""
    import pandas as pd

    from ...compute.indicators import KEYS

    labels = bands.index.get_level_values("breakdown")
    parts = []
    for cluster in ind.cluster_rows:
        rows = bands[labels.isin(cluster.parts)]
        if not len(rows):
            continue
        summed = rows.groupby(level=KEYS, sort=True).sum()
        summed.index = pd.MultiIndex.from_arrays(
            [
                summed.index.get_level_values(0),
                summed.index.get_level_values(1),
                [cluster.breakdown] * len(summed),
            ],
            names=[*KEYS, "breakdown"],
        )
        parts.append(summed)
    return pd.concat(parts) if parts else bands.iloc[:0]
