"""Everything one organisation-year report shows, gathered in one object.

The notebook builds a `ReportData` and hands it to `sections`; the pipeline builds
the same object first to refuse bad input before any kernel starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import actions, indicators, narrative, story
from .disclosure import publish
from .load import Dataset, load_folders
from .params import Params, check_org_year, load_params

TREND_YEARS = 3


@dataclass
class ReportData:
    params: Params
    params_dir: Path
    dataset: Dataset
    computed: pd.DataFrame  # every org-year loaded, unsuppressed: for computing only
    published: pd.DataFrame  # the same after disclosure control: what may be shown
    commentary: narrative.Commentary
    actions: pd.DataFrame
    report_date: dt.date

    @classmethod
    def build(cls, org: str, year: int | str, params_root: Path = Path("params")) -> ReportData:
        org, year = check_org_year(org, str(year))
        params_dir = Path(params_root) / org / str(year)
        params = load_params(params_dir, org, year)
        # One year more than the trend shows: the earliest year's two-year rolling figure.
        years = list(range(year - TREND_YEARS, year + 1))
        dataset = load_folders(params.data_root, [org, *params.comparators], years)
        computed = indicators.compute(dataset, params.settings)
        published = publish(computed, params.settings)
        report_date = params.board_approval_date or dt.date.today()
        values = story.placeholder_values(published, params)
        return cls(
            params=params,
            params_dir=params_dir,
            dataset=dataset,
            computed=computed,
            published=published,
            commentary=narrative.load_commentary(params_dir, values),
            actions=actions.load_actions(params_dir, report_date),
            report_date=report_date,
        )

    @property
    def org(self) -> str:
        return self.params.organisation.code

    @property
    def year(self) -> int:
        return self.params.year

    @cached_property
    def table(self) -> pd.DataFrame:
        """This organisation-year's published figures: the rows of indicators.csv."""
        return indicators.for_org_year(self.published, self.org, self.year)

    @property
    def years(self) -> list[int]:
        return list(range(self.year - TREND_YEARS + 1, self.year + 1))

    @property
    def synthetic(self) -> bool:
        return (self.org, self.year) in self.dataset.synthetic

    def supplied(self, table: str, year: int | None = None) -> bool:
        return self.dataset.has(self.org, year or self.year, table)

    def write_indicators(self, folder: Path | str) -> Path:
        """indicators.csv: every published figure of this organisation-year."""
        from .table import write_csv

        path = Path(folder) / "indicators.csv"
        write_csv(self.table, path)
        return path

    def missing_for_final(self) -> list[str]:
        """What stops this report being final: prompts left and empty sign-off fields."""
        return missing_for_final(self.params, self.commentary.prompts)


SIGN_OFF = ("board_lead", "report_author", "board_approval_date", "published_at")


def missing_for_final(params: Params, prompts: list[str]) -> list[str]:
    missing = [f"params.yaml: {name} is empty" for name in SIGN_OFF if not getattr(params, name)]
    return missing + [f"commentary still has a prompt: {p}" for p in prompts]
