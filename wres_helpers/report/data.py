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
from ..compute import published as published_figures
from ..compute.disclosure import publish
from ..errors import InputError, Problem
from ..inputs import actions, narrative, read
from ..inputs.load import TRAINING, Dataset, load_folders
from ..inputs.params import (
    PARAMS_FILE,
    Params,
    as_of_date,
    check_org_year,
    data_folder,
    load_params,
)
from ..inputs.schema import tables_for
from ..inputs.settings import Settings
from ..presentation import safe
from ..standards.registry import Standard
from ..words import story
from ..words.lookup import Figures

TREND_YEARS = 3
FIRST_YEAR = 2015  # the first year of the WRES: the long trend goes back to it


@dataclass
class ReportData:
    """Everything one organisation-year report of one standard shows, built once per run by
    `ReportData.build` and only read after: the parameters, the data read, every figure
    (`computed`, unsuppressed, for computing only; `published`, after disclosure control),
    the commentary and action plan, the report's date and its input manifest.

    The pipeline builds it, refusing bad input before any notebook runs, and hands the same
    object to the notebook run in process (`prebuilt`); the sections read it and compute
    nothing themselves.

    Parameters
    ----------
    params, params_dir : Params, Path
        The organisation-year's parameters and their folder.
    dataset : Dataset
        Every table read: this organisation's years and its comparators' reporting year.
    computed, published : DataFrame
        Every figure, before and after disclosure control (only `published` is shown).
    commentary, actions : Commentary, DataFrame
        The analysts' words and the action plan.
    report_date : date
        The date the report is as of (never the clock).
    standard : Standard
        The standard reported on.
    manifest : str
        The manifest of every input, made once before the files were read: inputs.sha256
        and the appendix's digest are both this text.
    """

    params: Params
    params_dir: Path
    dataset: Dataset
    computed: pd.DataFrame  # every org-year loaded, unsuppressed: for computing only
    published: pd.DataFrame  # the same after disclosure control: what may be shown
    commentary: narrative.Commentary
    actions: pd.DataFrame
    report_date: dt.date
    standard: Standard
    # The manifest of every input (report/manifest.py), computed once, before the files were
    # read: inputs.sha256 and the appendix's digest are both made from it.
    manifest: str
    figures: Figures  # `published`, indexed for the sections
    left_out: dict[str, str] = field(default_factory=dict)  # comparator → why it is not shown
    # (org, year) -> the figures it published, for each organisation-year known only by them
    published_files: dict[tuple[str, int], published_figures.Published] = field(
        default_factory=dict
    )
    review: pd.DataFrame = field(default_factory=pd.DataFrame)  # last year's actions reviewed

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
        """The `standard`'s report of `org` in `year`, read from params_root/<ORG>/<YEAR>/ and
        the data folder its params.yaml names.

        Parameters
        ----------
        org, year : str, int or str
            The organisation code and reporting year (checked: `check_org_year`).
        params_root : Path
            The folder holding <ORG>/<YEAR>/params.yaml and the commentary.
        standard : Standard
            The standard reported on (WRES or WDES): its tables, indicators and words.
        prebuilt : ReportData, optional
            The same report already built by whoever runs the notebook (the pipeline, in
            process); returned as it is when it is for this org, year and standard.

        Returns
        -------
        ReportData

        Raises
        ------
        InputError
            Whatever is wrong with the parameters, commentary, action plan or data files, each
            problem with its file, row, column and value; or no data file at all.
        """
        org, year = check_org_year(org, str(year))
        if prebuilt is not None and (prebuilt.org, prebuilt.year, prebuilt.standard.code) == (
            org,
            year,
            standard.code,
        ):
            return prebuilt
        params_dir = Path(params_root) / org / str(year)
        params = load_params(params_dir, org, year)
        from .manifest import manifest_of  # (it reads input_folders, below)

        inputs = manifest_of(params, params_root)  # before any data file is read
        tables = tables_for(standard)
        data = data_folder(params, params_root)
        dataset = load_folders(data, [org], own_years(year), params_root, standard=standard)
        own, unreadable = own_settings(params, params_root)
        peers, left_out = _load_peers(params, data, year, params_root, standard, skip=unreadable)
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
        found, left_out = _load_published(params, data, dataset, standard, left_out)
        # published figures join after disclosure control: they were suppressed once already
        published = _with_published(
            publish(computed, params.settings, standard=standard, own=own), found
        )
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
            manifest=inputs,
            figures=figures,
            published_files=found,
        )
        return report._read_words(params_dir)

    def with_words_from(self, params_dir: Path) -> ReportData:
        """The same figures with the commentary and action plan read (again) from an
        organisation-year folder: an edit to the words changes no figure, so whoever only
        re-reads the words (the preview, the checks of a final report) need not recompute.
        The manifest is made again: the words are inputs too."""
        from .manifest import manifest_of

        root = Path(params_dir).parent.parent
        return dataclasses.replace(
            self._read_words(params_dir), manifest=manifest_of(self.params, root)
        )

    def _read_words(self, params_dir: Path) -> ReportData:
        words = self.standard.words_folder(params_dir)
        last_year = self.standard.words_folder(Path(params_dir).parent / str(self.year - 1))
        values = placeholder_values(self.figures, self.params)
        plan = actions.load_actions(words, self.report_date, self.standard)
        return dataclasses.replace(
            self,
            params_dir=Path(params_dir),
            commentary=narrative.load_commentary(words, values, self.standard),
            actions=plan,
            review=actions.review(
                actions.load_actions(last_year, self.report_date, self.standard), plan
            ),
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
        own = frame[(frame["org"] == self.org) & frame["year"].isin(self.all_years)]
        peers = frame[(frame["org"] != self.org) & (frame["year"] == self.year)]
        own = own.sort_values("year", ascending=False, kind="stable")
        table = pd.concat([own, peers], ignore_index=True)
        table = table.drop(columns=[published_figures.SOURCE])  # written last, below
        pairs = list(zip(table["org"], table["year"], strict=True))
        marked = table.get(published_figures.SYNTHETIC, pd.Series("", index=table.index))
        table["synthetic"] = [
            "yes" if p in self.dataset.synthetic or m == "yes" else "no"
            for p, m in zip(pairs, marked.fillna(""), strict=True)
        ]
        table[published_figures.SOURCE] = [
            published_figures.PUBLISHED if p in self.published_files else published_figures.RAW
            for p in pairs
        ]
        return table

    @property
    def years(self) -> list[int]:
        """The years the body of the report shows (the Board needs it short)."""
        return list(range(self.year - TREND_YEARS + 1, self.year + 1))

    @cached_property
    def all_years(self) -> list[int]:
        """Every year since 2015 this organisation has figures for (from its data files or as
        it published them), and the body's years: the long trend."""
        have = {y for o, y, _ in self.dataset.supplied if o == self.org}
        have |= {y for o, y in self.published_files if o == self.org}
        return sorted({y for y in have if FIRST_YEAR <= y <= self.year} | set(self.years))

    def survey_year(self, year: int) -> int:
        """The staff survey a year's survey figures come from (England's survey figures are
        matched to it): the survey file's `survey_year` column where it has one value, else
        the parameters' `survey_year` for the reporting year, else the survey of the autumn
        before, as a trust's report for a year uses (NHS England's own report for a year uses
        that autumn's)."""
        for name in dict.fromkeys(i.source for i in self.standard.from_survey):
            table = self.dataset.tables.get(name)
            if table is None or "survey_year" not in table:
                continue
            rows = table[(table["org"] == self.org) & (table["year"] == year)]
            said = {int(v) for v in pd.to_numeric(rows["survey_year"], errors="coerce").dropna()}
            if len(said) == 1:
                return said.pop()
        if year == self.year and self.params.survey_year:
            return self.params.survey_year
        return year - 1

    def is_published(self, org: str, year: int | None = None) -> bool:
        """Whether an organisation-year is known only by the figures it published."""
        return (org, year or self.year) in self.published_files

    def name_of(self, org: str) -> str:
        """An organisation as the report names it: its name (from the parameters, or the
        typed figures), else its code."""
        if org == self.org:
            return self.params.organisation.name
        given = self.params.comparator(org)
        if given and given.name:
            return given.name
        found = self.published_files.get((org, self.year))
        return found.name if found and found.name else org

    def label(self, org: str) -> str:
        """An organisation in a comparison: its name, marked where its figures are the ones
        it published ('Northtown Hospital (published figures)')."""
        mark = f" ({published_figures.PUBLISHED})" if self.is_published(org) else ""
        return self.name_of(org) + mark

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
        """The digest of every input of this report, from the manifest made when it was built
        (the one inputs.sha256 records). A method, not a figure: the preview reruns the cell
        that shows it whenever its report is rebuilt or its words re-read."""
        from ..inputs.manifest import digest

        return digest(self.manifest)

    def missing_for_final(self) -> list[str]:
        """What stops this report being final: empty sign-off fields, prompts left, empty
        sections, no actions, a Board approval after the report's date, no staff."""
        found = missing_for_final(self.params, self.standard, self.commentary.prompts)
        return found + self._unfinished()

    def output_names(self) -> dict[str, str]:
        """The names of the files this report's build writes (a DRAFT's while anything is
        missing): the Board PDF, the technical annex, the data files…"""
        return self.standard.output_names(self.org, self.year, bool(self.missing_for_final()))

    @property
    def words_dir(self) -> Path:
        """Where this standard's commentary and action plan live."""
        return self.standard.words_folder(self.params_dir)

    def _unfinished(self) -> list[str]:
        here = self.words_dir
        missing = [f"commentary has an empty section: {e}" for e in self.commentary.empty]
        missing += actions.not_smart(self.actions)
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
        for ind in self.standard.indicators:  # training data: a column or learning records
            if ind.source == TRAINING and staff and not self.supplied(TRAINING):
                missing.append(
                    f"{self.standard.called(ind.id)}: not supplied (no non_mandatory_training "
                    "column in the staff list and no learning records: see the analyst guide)"
                )
        return missing


def placeholder_values(figures: Figures, params: Params) -> dict[str, str]:
    """Each placeholder's text, escaped for Markdown: a value such as "<script>" or
    "[x](javascript:…)" (an organisation's name, say) reads literally in the commentary."""
    return {k: safe.text(v) for k, v in story.placeholder_values(figures, params).items()}


def own_years(year: int) -> list[int]:
    """The organisation's years a report reads: every year back to 2015 (the long trend),
    and always one more than the body shows, for its earliest year's two-year rolling
    figure."""
    return list(range(min(FIRST_YEAR, year - TREND_YEARS), year + 1))


def peer_years(year: int) -> list[int]:
    """A comparator's years: the reporting year and the one before (for rolling figures)."""
    return [year - 1, year]


def input_folders(params: Params) -> list[tuple[str, int]]:
    """Every (org, year) data folder one report reads."""
    own = [(params.organisation.code, y) for y in own_years(params.year)]
    return own + [(peer, y) for peer in params.comparator_codes for y in peer_years(params.year)]


def own_settings(
    params: Params, params_root: Path
) -> tuple[dict[tuple[str, int], Settings], dict[str, str]]:
    """Each other organisation-year's own settings, whose disclosure rule its figures are
    published under as well as this report's: its params.yaml where there is one, and a
    comparator without one at the defaults (as `wres national` takes it). Also each
    comparator whose params.yaml cannot be read, with why (it is then left out)."""
    found, unreadable = {}, {}
    me = params.organisation.code
    for org, year in input_folders(params):
        folder = Path(params_root) / org / str(year)
        if (org, year) == (me, params.year):
            continue
        if (folder / PARAMS_FILE).exists():
            try:
                found[org, year] = load_params(folder, org, year).settings
            except InputError:
                if org == me:
                    raise
                unreadable[org] = (
                    f"its parameters (params/{org}/{year}/{PARAMS_FILE}) cannot be read, so "
                    "its own disclosure rule is not known"
                )
        elif org != me and year == params.year:
            found[org, year] = Settings()
    return found, unreadable


def _load_peers(
    params: Params,
    data: Path,
    year: int,
    params_root: Path,
    standard: Standard,
    skip: dict[str, str] | None = None,
) -> tuple[Dataset, dict[str, str]]:
    """Each comparator's data for the year and the one before. A comparator whose files have
    problems is left out, with its first problem as the reason: its own report names them
    all, and one organisation's bad file must not stop every report that compares with it.
    The reason names the file and the kind of problem only: another organisation's values,
    staff ids and file lines are not ours to publish."""
    loaded, left_out = [], dict(skip or {})  # `skip`: left out already, with why
    tables = tables_for(standard)
    contract = frozenset(c.name for t in tables.values() for c in t.columns)
    for peer in params.comparator_codes:
        if peer in left_out:
            continue
        try:
            loaded.append(
                load_folders(data, [peer], peer_years(year), params_root, standard=standard)
            )
        except InputError as error:
            # Named from the data folder on: no machine path reaches a published report.
            problem = error.problems[0]
            shown = dataclasses.replace(problem, file=_from_data_folder(problem.file, data))
            first = shown.redacted(contract)
            more = len(error.problems) - 1
            left_out[peer] = (
                f"its data has problems ({first}{f', and {more} more' if more else ''})"
            )
    peers = Dataset({name: pd.DataFrame() for name in tables})
    for dataset in loaded:
        peers = peers.merged(dataset)
    return peers, left_out


def _from_data_folder(file: str, data: Path) -> str:
    """`data/SMCH/2019/workforce.csv`, however the data folder was given."""
    try:
        inside = Path(file).resolve().relative_to(data.resolve())
    except ValueError:
        return Path(file).name
    return (Path(data.resolve().name) / inside).as_posix()


def _load_published(params, data: Path, dataset: Dataset, standard: Standard, left_out):
    """The published figures of each organisation-year the report needs and has no data
    files for: this organisation's earlier years and each comparator's reporting year. A
    comparator whose published file has problems is left out with the first of them (the
    figures are public, so the row and value may be named); a bad file of this
    organisation's own stops the report, as its data files would."""
    tables = tables_for(standard)
    org, year = params.organisation.code, params.year
    wanted = [(org, y) for y in own_years(year)[:-1]]
    wanted += [(p, year) for p in params.comparator_codes if p not in left_out]
    found, left_out, own_problems = {}, dict(left_out), []
    for who, when in wanted:
        if any(dataset.has(who, when, t) for t in tables):
            continue  # raw data files: computed (and suppressed) here
        path = published_figures.find(data / who / str(when), standard)
        if path is None:
            continue
        shown = published_figures.display(path, data)
        try:
            found[(who, when)] = published_figures.read_figures(
                path, who, when, standard, params.settings, shown
            )
        except InputError as error:
            if who == org:
                own_problems += error.problems
                continue
            more = len(error.problems) - 1
            left_out[who] = (
                f"its published figures have problems ({error.problems[0]}"
                f"{f', and {more} more' if more else ''})"
            )
    if own_problems:
        raise InputError(own_problems)
    # A year with neither data files nor a file of its own: as a later year's file gave it
    # (each year's published file holds that organisation's trend), the latest first.
    later = sorted((p for (o, _), p in found.items() if o == org), key=lambda p: -p.year)
    for when in own_years(year)[:-1]:
        if (org, when) in found or any(dataset.has(org, when, t) for t in tables):
            continue
        for source in later:
            if source.earlier is None:
                continue
            rows = source.earlier[source.earlier["year"] == when]
            if len(rows):
                found[(org, when)] = dataclasses.replace(
                    source, year=when, rows=rows.reset_index(drop=True), earlier=None
                )
                break
    return found, left_out


def _with_published(frame: pd.DataFrame, found: dict) -> pd.DataFrame:
    """The suppressed figures computed here, then every published organisation-year's rows
    as they were published."""
    frame = frame.assign(**{published_figures.SOURCE: published_figures.RAW})
    if not found:
        return frame
    return pd.concat([frame, *(p.rows for p in found.values())], ignore_index=True)


SIGN_OFF = ("board_lead", "report_author", "board_approval_date", "published_at")


def missing_for_final(params: Params, standard: Standard, prompts: list[str]) -> list[str]:
    """The sign-off fields, the cover sheet's and the prompts a final report still needs."""
    code = standard.code.lower()
    missing = []
    for name in SIGN_OFF:
        value = getattr(params, name)
        if name == "published_at" and not params.published_address(code):
            missing.append(f"params.yaml: published_at{_which(code, value)} is empty")
        elif name != "published_at" and not value:
            missing.append(f"params.yaml: {name} is empty")
    missing += [
        f"params.yaml: board_paper.{name}{_which(code, getattr(params.board_paper, name))} "
        "is empty (the cover sheet)"
        for name in params.board_paper.missing(code)
    ]
    return missing + [f"commentary still has a prompt: {p}" for p in prompts]


def _which(code: str, value) -> str:
    """Which entry is missing, where the field has some value but none for this report."""
    if isinstance(value, dict) and value:
        return f" ({code}:)"
    if isinstance(value, str) and value.strip():  # only an address is the WRES report's alone
        return f" ({code}:; a single address is the WRES report's)"
    return ""
