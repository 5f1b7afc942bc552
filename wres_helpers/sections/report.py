"""Everything one organisation-year report shows, gathered in one object.

The notebook builds a `ReportData` and hands it to `sections`; the pipeline builds
the same object first to refuse bad input before any kernel starts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..compute import indicators
from ..compute.disclosure import publish
from ..errors import InputError, Problem
from ..inputs import actions, narrative, read
from ..inputs.load import Dataset, load_folders
from ..inputs.params import (
    PARAMS_FILE,
    Params,
    as_of_date,
    check_org_year,
    data_folder,
    load_params,
)
from ..inputs.schema import tables_for
from ..presentation import safe
from ..standards.registry import Standard
from ..words import story
from ..words.lookup import Figures

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
    standard: Standard
    left_out: dict[str, str] = field(default_factory=dict)  # comparator → why it is not shown
    figures: Figures | None = None  # `published`, indexed for the sections (built if None)

    def __post_init__(self):
        if self.figures is None:
            self.figures = Figures(self.published, self.standard)

    @classmethod
    def build(
        cls,
        org: str,
        year: int | str,
        params_root: Path = Path("params"),
        *,
        standard: Standard,
        prebuilt=None,
    ) -> ReportData:
        """The `standard`'s report of `org` in `year`. `prebuilt`: the same report, already
        built by whoever runs the notebook (the pipeline builds it to check the input before
        the notebook starts, and hands it to the in-process engine), returned as it is."""
        org, year = check_org_year(org, str(year))
        if prebuilt is not None and (prebuilt.org, prebuilt.year, prebuilt.standard.code) == (
            org,
            year,
            standard.code,
        ):
            return prebuilt
        params_dir = Path(params_root) / org / str(year)
        params = load_params(params_dir, org, year)
        tables = tables_for(standard)
        data = data_folder(params, params_root)
        dataset = load_folders(data, [org], own_years(year), params_root, standard=standard)
        peers, left_out = _load_peers(params, data, year, params_root, standard)
        if not any(dataset.has(org, year, table) for table in tables):
            folder = data / org / str(year)
            raise InputError(
                [
                    Problem(
                        str(folder),
                        "the data files for this report (workforce.csv "
                        "and the others; see docs/analyst-guide.md): none found",
                    )
                ]
            )
        dataset = dataset.merged(peers)
        computed = indicators.compute(dataset, params.settings, standard=standard)
        published = publish(computed, params.settings, standard=standard)
        figures = Figures(published, standard)
        report = cls(
            params=params,
            params_dir=params_dir,
            dataset=dataset,
            computed=computed,
            published=published,
            commentary=narrative.Commentary({}, {}, []),  # read just below
            actions=pd.DataFrame(),
            report_date=as_of_date(params),
            left_out=left_out,
            standard=standard,
            figures=figures,
        )
        return report.with_words_from(params_dir)

    def with_words_from(self, params_dir: Path) -> ReportData:
        """The same figures with the commentary and action plan read (again) from an
        organisation-year folder: an edit to the words changes no figure, so whoever only
        re-reads the words (the preview, the checks of a final report) need not recompute."""
        words = self.standard.words_folder(params_dir)
        values = placeholder_values(self.figures, self.params)
        return dataclasses.replace(
            self,
            params_dir=Path(params_dir),
            commentary=narrative.load_commentary(words, values, self.standard),
            actions=actions.load_actions(words, self.report_date, self.standard),
        )

    @property
    def org(self) -> str:
        return self.params.organisation.code

    @property
    def year(self) -> int:
        return self.params.year

    @cached_property
    def table(self) -> pd.DataFrame:
        """Every published figure the report shows, the rows of indicators.csv: this
        organisation's for each year of the trend (reporting year first), then each
        comparator's for the reporting year."""
        frame = self.published
        own = frame[(frame["org"] == self.org) & frame["year"].isin(self.years)]
        peers = frame[(frame["org"] != self.org) & (frame["year"] == self.year)]
        own = own.sort_values("year", ascending=False, kind="stable")
        table = pd.concat([own, peers], ignore_index=True)
        pairs = zip(table["org"], table["year"], strict=True)
        table["synthetic"] = ["yes" if p in self.dataset.synthetic else "no" for p in pairs]
        return table

    @property
    def years(self) -> list[int]:
        return list(range(self.year - TREND_YEARS + 1, self.year + 1))

    @property
    def synthetic(self) -> bool:
        return (self.org, self.year) in self.dataset.synthetic

    def supplied(self, table: str, year: int | None = None) -> bool:
        return self.dataset.has(self.org, year or self.year, table)

    def write_indicators(self, folder: Path | str) -> Path:
        """indicators.csv (the WDES's: indicators-wdes.csv): every published figure of this
        organisation-year."""
        from ..compute.table import write_csv

        path = Path(folder) / self.standard.data_names()["csv"]
        write_csv(self.table, path)
        return path

    def inputs_digest(self) -> str:
        """The digest of every input of this report, as the files are now (a method, not a
        figure: the preview reruns the cell that shows it whenever any input changes)."""
        from ..inputs.manifest import digest
        from .provenance import report_manifest

        return digest(report_manifest(self.org, self.year, self.params_dir.parent.parent))

    def missing_for_final(self) -> list[str]:
        """What stops this report being final: empty sign-off fields, prompts left, empty
        sections, no actions, a Board approval after the report's date, no staff."""
        return missing_for_final(self.params, self.commentary.prompts) + self._unfinished()

    @property
    def words_dir(self) -> Path:
        """Where this standard's commentary and action plan live."""
        return self.standard.words_folder(self.params_dir)

    def _unfinished(self) -> list[str]:
        here = self.words_dir
        missing = [f"commentary has an empty section: {e}" for e in self.commentary.empty]
        if self.actions.empty:
            plan = read.find(here, actions.NAME)
            missing.append(
                f"{plan}: the action plan has no actions"
                if plan
                else f"{here / actions.NAME}.csv: no action plan (or .xlsx)"
            )
        approved = self.params.board_approval_date
        if approved and approved > self.report_date:
            missing.append(
                f"{self.params_dir / PARAMS_FILE}: board_approval_date {approved} is after "
                f"the report's date, {self.report_date}"
            )
        key = (self.org, self.year, "workforce")
        staff = [x for x in self.dataset.sources if (x.org, x.year, x.table) == key]
        if not staff or not sum(x.rows for x in staff):
            where = staff[0].path if staff else f"the {self.year} workforce file"
            missing.append(f"{where}: no staff (a final report needs the workforce data)")
        return missing


def placeholder_values(figures: Figures, params: Params) -> dict[str, str]:
    """Each placeholder's text, escaped for Markdown: a value such as "<script>" or
    "[x](javascript:…)" (an organisation's name, say) reads literally in the commentary."""
    return {k: safe.text(v) for k, v in story.placeholder_values(figures, params).items()}


def own_years(year: int) -> list[int]:
    """The organisation's years a report reads: one more than the trend shows, for the
    earliest year's two-year rolling figure."""
    return list(range(year - TREND_YEARS, year + 1))


def peer_years(year: int) -> list[int]:
    """A comparator's years: the reporting year and the one before (for rolling figures)."""
    return [year - 1, year]


def input_folders(params: Params) -> list[tuple[str, int]]:
    """Every (org, year) data folder one report reads."""
    own = [(params.organisation.code, y) for y in own_years(params.year)]
    return own + [(peer, y) for peer in params.comparators for y in peer_years(params.year)]


def _load_peers(
    params: Params, data: Path, year: int, params_root: Path, standard: Standard
) -> tuple[Dataset, dict[str, str]]:
    """Each comparator's data for the year and the one before. A comparator whose files have
    problems is left out, with its first problem as the reason: its own report names them
    all, and one organisation's bad file must not stop every report that compares with it.
    The reason names the file and the kind of problem only: another organisation's values,
    staff ids and file lines are not ours to publish."""
    loaded, left_out = [], {}
    tables = tables_for(standard)
    contract = frozenset(c.name for t in tables.values() for c in t.columns)
    for peer in params.comparators:
        try:
            loaded.append(
                load_folders(data, [peer], peer_years(year), params_root, standard=standard)
            )
        except InputError as error:
            first = error.problems[0].redacted(contract)
            more = len(error.problems) - 1
            left_out[peer] = (
                f"its data has problems ({first}{f', and {more} more' if more else ''})"
            )
    peers = Dataset({name: pd.DataFrame() for name in tables})
    for dataset in loaded:
        peers = peers.merged(dataset)
    return peers, left_out


SIGN_OFF = ("board_lead", "report_author", "board_approval_date", "published_at")


def missing_for_final(params: Params, prompts: list[str]) -> list[str]:
    missing = [f"params.yaml: {name} is empty" for name in SIGN_OFF if not getattr(params, name)]
    return missing + [f"commentary still has a prompt: {p}" for p in prompts]
