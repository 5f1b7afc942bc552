"""Load organisation-year folders (or a national extract) into one validated Dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from . import read
from .schema import TABLES
from .validate import ORG, validate

SYNTHETIC_MARKER = "SYNTHETIC.txt"


@dataclass(frozen=True)
class Source:
    """One input file, for the provenance appendix."""

    org: str
    year: int
    table: str
    path: str
    sha256: str
    rows: int


@dataclass
class Dataset:
    """Every table stacked over organisations and years (columns `org`, `year`)."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    supplied: set[tuple[str, int, str]] = field(default_factory=set)  # (org, year, table)
    sources: list[Source] = field(default_factory=list)
    synthetic: set[tuple[str, int]] = field(default_factory=set)

    def has(self, org: str, year: int, table: str) -> bool:
        return (org, year, table) in self.supplied

    def merged(self, other: Dataset) -> Dataset:
        """Both datasets' tables and records in one (they must not overlap)."""
        tables = {
            name: pd.concat(
                [t for t in (self.tables[name], other.tables[name]) if len(t)]
                or [self.tables[name]],
                ignore_index=True,
            )
            for name in self.tables
        }
        return Dataset(
            tables,
            self.supplied | other.supplied,
            self.sources + other.sources,
            self.synthetic | other.synthetic,
        )

    def org_years(self) -> list[tuple[str, int]]:
        return sorted({(o, y) for o, y, _ in self.supplied})


def load_folders(root: Path, orgs: list[str], years: list[int]) -> Dataset:
    """`root/<ORG>/<YEAR>/` for each pair that exists; all problems raised together."""
    dataset, parts, problems = Dataset(), {name: [] for name in TABLES}, []
    for org in orgs:
        for year in years:
            folder = Path(root) / org / str(year)
            if not folder.is_dir():
                continue
            if (folder / SYNTHETIC_MARKER).exists():
                dataset.synthetic.add((org, year))
            for name, clean, source in _read_tables(folder, problems, org=org, year=year):
                clean["org"], clean["year"] = org, year
                parts[name].append(clean)
                dataset.supplied.add((org, year, name))
                dataset.sources.append(source)
    return _finish(dataset, parts, problems)


def load_folder(folder: Path, with_previous: bool = True) -> Dataset:
    """One `<ORG>/<YEAR>` folder, and the year before beside it (for rolling figures)."""
    folder = Path(folder).resolve()  # so "." inside a year folder works too
    year = _year_of(folder)
    years = [year - 1, year] if with_previous else [year]
    return load_folders(folder.parent.parent, [folder.parent.name], years)


def load_extract(folder: Path, year: int) -> Dataset:
    """A national extract: one file per table for a year, rows keyed by `organisation`."""
    dataset, parts, problems = Dataset(), {name: [] for name in TABLES}, []
    for name, clean, source in _read_tables(Path(folder), problems, org="*", year=year, keyed=True):
        clean = clean.rename(columns={ORG: "org"})
        clean["year"] = year
        parts[name].append(clean)
        dataset.supplied |= {(org, year, name) for org in clean["org"].unique()}
        dataset.sources.append(source)
    return _finish(dataset, parts, problems)


def _year_of(folder: Path) -> int:
    if not (folder.name.isdigit() and len(folder.name) == 4):
        raise InputError([Problem(str(folder), "a folder named <ORG>/<YEAR>, e.g. data/ECCH/2019")])
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "an existing folder of input files")])
    return int(folder.name)


def _read_tables(folder: Path, problems: list[Problem], org: str, year: int, keyed=False):
    """Yield (table name, clean frame, Source) for each table present; add problems found."""
    for name, table in TABLES.items():
        try:
            path = read.find(folder, name)
            if path is None:
                continue
            clean, found, source = _checked(path, table, org, year, keyed)
        except InputError as error:
            problems += error.problems
            continue
        problems += found
        yield name, clean.copy(), source  # a copy: callers add their own columns


# A batch compares organisations with each other, so each worker reads the same files many
# times: a file already checked is reused while its size and modification time are unchanged.
_CHECKED: dict[tuple, tuple] = {}
CACHE_ROWS = 100_000  # national extracts are read once; caching them would only cost memory


def _checked(path: Path, table, org: str, year: int, keyed: bool):
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, keyed, org, year)
    if key not in _CHECKED:
        raw = read.read_table(path)
        shown = read.display_path(path)
        clean, found = validate(table, raw, shown, keyed=keyed)
        result = (clean, found, Source(org, year, table.name, shown, read.sha256(path), len(raw)))
        if len(raw) > CACHE_ROWS:
            return result
        _CHECKED[key] = result
    return _CHECKED[key]


def _finish(dataset: Dataset, parts: dict, problems: list[Problem]) -> Dataset:
    if problems:
        raise InputError(problems)
    dataset.tables = {name: _stack(frames, name) for name, frames in parts.items()}
    return dataset


def _stack(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    if frames:
        return pd.concat(frames, ignore_index=True)
    columns = ["org", "year", *(c.name for c in TABLES[name].columns)]
    return pd.DataFrame(columns=columns + (["group"] if "ethnic_category" in columns else []))
