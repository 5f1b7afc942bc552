"""Load organisation-year folders (or a national extract) into one validated Dataset."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..standards import STANDARDS
from ..standards.registry import Standard
from . import cache, columns, read
from .codes import Codes, load_codes
from .schema import Table, tables_for
from .validate import AUDIT_COLUMNS, Checked, Period, check

SYNTHETIC_MARKER = "SYNTHETIC.txt"
TRAINING = "training"  # the training indicator's data: a staff-list column or learning records


@dataclass(frozen=True)
class Source:
    """One input file, for the provenance appendix."""

    org: str
    year: int
    table: str
    path: str
    sha256: str
    rows: int
    header_row: int = 1  # where the header was found (a title block may sit above it)


@dataclass(frozen=True)
class LeftOut:
    """Rows of an input file that the indicators do not count, and why."""

    org: str
    year: int
    table: str
    why: str
    rows: int


@dataclass(frozen=True)
class Unread:
    """A file in a year folder that no table was read from, and why."""

    org: str
    year: int
    file: str
    why: str


AUDIT_HEAD = ["org", "year", *AUDIT_COLUMNS]
# Files a year folder holds besides the tables.
NOT_TABLES = ("columns.yaml", SYNTHETIC_MARKER.lower(), "readme.md", "readme.txt")


@dataclass
class Dataset:
    """Every table stacked over organisations and years (columns `org`, `year`)."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    supplied: set[tuple[str, int, str]] = field(default_factory=set)  # (org, year, table)
    sources: list[Source] = field(default_factory=list)
    synthetic: set[tuple[str, int]] = field(default_factory=set)
    # each distinct raw value of each coded column -> what it was read as (org, year, ...)
    audit: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=AUDIT_HEAD))
    left_out: list[LeftOut] = field(default_factory=list)  # rows not counted, and why
    codes: dict[str, Codes] = field(default_factory=dict)  # the code lists each org was read with
    unread: list[Unread] = field(default_factory=list)  # files in the folders not read, and why

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
        audits = [a for a in (self.audit, other.audit) if len(a)]
        return Dataset(
            tables,
            self.supplied | other.supplied,
            self.sources + other.sources,
            self.synthetic | other.synthetic,
            pd.concat(audits, ignore_index=True) if audits else self.audit,
            self.left_out + other.left_out,
            {**self.codes, **other.codes},
            self.unread + other.unread,
        )

    def org_years(self) -> list[tuple[str, int]]:
        return sorted({(o, y) for o, y, _ in self.supplied})


def load_folders(
    root: Path,
    orgs: list[str],
    years: list[int],
    params_root: Path | None = Path("params"),
    *,
    standard: Standard,
) -> Dataset:
    """`root/<ORG>/<YEAR>/` for each pair that exists; all problems raised together.
    Each organisation's files are read with its own params_root/<ORG>/local-codes.yaml, and
    only the tables `standard` reads, under their contract for it (schema.tables_for)."""
    tables = tables_for(standard)
    dataset, problems = Dataset(), []
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in tables}
    audits: list[tuple[str, int, pd.DataFrame]] = []
    for org in orgs:
        try:
            codes = load_codes(params_root, org)
        except InputError as error:
            problems += error.problems
            continue
        dataset.codes[org] = codes
        for year in years:
            folder = Path(root) / org / str(year)
            if not folder.is_dir():
                continue
            if (folder / SYNTHETIC_MARKER).exists():
                dataset.synthetic.add((org, year))
            found = list(_read_tables(
                folder, Path(root), problems, org=org, year=year, codes=codes, tables=tables,
                unread=dataset.unread,
            ))  # fmt: skip
            if _training(found):
                dataset.supplied.add((org, year, TRAINING))
            for name, checked, source in found:
                clean = checked.clean
                clean["org"], clean["year"] = org, year
                parts[name].append(clean)
                dataset.supplied.add((org, year, name))
                dataset.sources.append(source)
                _record(dataset, audits, checked, org, year, name)
    return _finish(dataset, parts, problems, audits, tables)


def load_folder(
    folder: Path,
    with_previous: bool = True,
    params_root: Path | None = Path("params"),
    *,
    standard: Standard,
) -> Dataset:
    """One `<ORG>/<YEAR>` folder, and the year before beside it (for rolling figures), as
    `standard` reads it."""
    folder = Path(folder).resolve()  # so "." inside a year folder works too
    year = _year_of(folder)
    years = [year - 1, year] if with_previous else [year]
    return load_folders(
        folder.parent.parent, [folder.parent.name], years, params_root, standard=standard
    )


def _training(found: list) -> bool:
    """Whether the training indicator's data is there: the staff list's own
    non_mandatory_training column, else the learning records, joined to it here (a person
    who completed a non-mandatory course in the year was trained)."""
    tables = {name: checked.clean for name, checked, _ in found}
    staff = tables.get("workforce")
    if staff is None:
        return False
    if "non_mandatory_training" in staff:
        return True
    records = tables.get(TRAINING)
    if records is None or "staff_id" not in staff:
        return False
    staff["non_mandatory_training"] = (
        staff["staff_id"].astype(str).isin(set(records["staff_id"].astype(str)))
    )
    return True


def _record(dataset: Dataset, audits: list, checked, org: str, year: int, name: str) -> None:
    if len(checked.audit):
        audits.append((org, year, checked.audit))  # stacked once, in _finish
    dataset.left_out += [LeftOut(org, year, name, why, rows) for why, rows in checked.left_out]


def _year_of(folder: Path) -> int:
    if not (folder.name.isdigit() and len(folder.name) == 4):
        raise InputError([Problem(str(folder), "a folder named <ORG>/<YEAR>, e.g. data/ECCH/2019")])
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "an existing folder of input files")])
    return int(folder.name)


def _read_tables(
    folder: Path,
    root: Path,
    problems: list[Problem],
    org: str,
    year: int,
    codes: Codes,
    tables: dict[str, Table],
    unread: list | None = None,
):
    """Yield (table name, Checked, Source) for each table present; add problems found, and
    each file of the folder that no table was read from to `unread`."""
    try:
        specs = columns.load_specs(folder)
    except InputError as error:
        problems += error.problems
        return
    counted, used, absent = {}, set(), {}
    inside = Path(root).resolve()  # once, not for each file
    for name, table in tables.items():
        try:
            path = columns.find_table(folder, name, specs.get(name))
            if path is None:
                absent[name] = table
                continue
            used.add(path.name)
            _inside(path, inside)
            checked, source = _checked(path, table, org, year, codes, specs.get(name))
        except InputError as error:
            problems += error.problems
            continue
        problems += checked.problems
        if checked.problems:
            continue
        counted[name] = (checked.clean, source)
        # a copy: callers add their own columns
        yield name, replace(checked, clean=checked.clean.copy()), source
    problems += _impossible(counted)
    if unread is not None:
        for file, why, problem in _unread_files(folder, used, absent, tables):
            if problem:
                problems.append(Problem(read.display_path(folder / file), why))
            else:
                unread.append(Unread(org, year, file, why))


def _unread_files(folder: Path, used: set[str], absent: dict[str, Table], tables: dict):
    """(file name, why, is it a problem) for each file no table was read from. A file whose
    header names a missing table's columns is a problem: that table would be reported as not
    supplied while its data sits in the folder."""
    every = {name for s in STANDARDS.values() for name in s.tables}
    others = sorted(every - set(tables))
    for path in sorted(folder.iterdir()):
        name = path.name
        if name in used or name.startswith(".") or name.lower() in NOT_TABLES or path.is_dir():
            continue
        suffix = path.suffix.lower()
        if re.fullmatch(r"indicators(-[a-z]+)?", path.stem.lower()):
            yield name, "not read as data: published figures (read for a comparator)", False
        elif path.stem.lower() in others:
            yield name, "not read: a table of the other standard's report (--standard)", False
        elif suffix in read.UNREADABLE:
            yield name, f"not read: {read.UNREADABLE[suffix]}", False
        elif suffix not in read.SUFFIXES:
            yield name, "not read: not a CSV or .xlsx file", False
        elif guess := [n for n in columns.guess_tables(path, tables) if n in absent]:
            table = " or ".join(guess)
            yield (
                name,
                f"to be read: its header names the {table} table's columns, and no {table} "
                f"file was found; if it is, name it in {columns.COLUMNS_FILE} "
                f"({guess[0]}: file: {name})",
                True,
            )
        else:
            yield (
                name,
                "not read: its name and header match no table still missing (name it in "
                f"{columns.COLUMNS_FILE} if it holds one)",
                False,
            )


def _inside(path: Path, root: Path) -> None:
    """A data file must be in the data folder (`root`, resolved): a link that leads out of it
    is refused, and nothing of what it points at is read or shown."""
    try:
        path.resolve().relative_to(root)
    except ValueError:
        raise InputError(
            [
                Problem(
                    read.display_path(path.parent) + "/" + path.name,
                    "a file inside the data folder (this is a link to somewhere outside it: "
                    "copy the file in instead)",
                )
            ]
        ) from None


def _impossible(counted: dict) -> list[Problem]:
    """Figures that cannot both be true: more people in disciplinary cases than staff."""
    if "workforce" not in counted or "disciplinary" not in counted:
        return []
    (staff, _), (cases, source) = counted["workforce"], counted["disciplinary"]
    staff_n = pd.Series({"": len(staff)})
    case_n = pd.Series({"": len(cases)})
    over = case_n[case_n > staff_n.reindex(case_n.index, fill_value=0)]
    return [
        Problem(
            source.path,
            f"no more disciplinary cases ({n}) than staff in the workforce file "
            f"({int(staff_n.get(org, 0))}){f' for {org}' if org else ''}",
        )
        for org, n in over.items()
    ]


# A batch compares organisations with each other, so each worker reads the same files many
# times, and each report reads its comparators' files again: a file already checked, under
# the same rules, is reused while its bytes are the same (a copy of it elsewhere included),
# from memory in this process and from `cache` in the next. Only files without problems are
# kept: a problem names its file.
# (checked rows, (rows read, the header's row)) of each file already checked
_CHECKED: OrderedDict[tuple, tuple[Checked, tuple[int, int]]] = OrderedDict()
CACHE_FILES = 512  # a long preview session edits the same few files again and again
CACHE_ROWS = 100_000  # national extracts are read once; caching them would only cost memory


def _checked(path: Path, table, org: str, year: int, codes: Codes, spec):
    shown = read.display_path(path)
    digest = read.sha256(path) if path.is_file() else ""
    period = Period.of_year(year)  # staff in post at 31 March, cases in the year to it
    key = (digest, path.suffix.lower(), table, repr(codes), repr(spec), period)
    kept = _CHECKED.get(key) if digest else None
    if kept is None and digest:
        kept = cache.load(cache.key(*key))
        if kept is not None:
            _keep(key, kept)
    if kept is not None:
        _CHECKED.move_to_end(key)
        checked, rows = kept
    else:
        raw = read.read_table(path, keep=columns.wanted(table, spec), shown=shown)
        raw, found = columns.resolve(table, raw, spec, shown)
        if found:
            raise InputError(found)
        checked = check(table, raw, shown, codes=codes, period=period)
        rows = len(raw), raw.attrs.get("header_row", 1)
        if digest and not checked.problems and rows[0] <= CACHE_ROWS:
            _keep(key, (checked, rows))
            cache.store(cache.key(*key), (checked, rows))
    return checked, Source(org, year, table.name, shown, digest, *rows)


def _keep(key: tuple, kept: tuple[Checked, tuple[int, int]]) -> None:
    _CHECKED[key] = kept
    if len(_CHECKED) > CACHE_FILES:
        _CHECKED.popitem(last=False)


def _finish(
    dataset: Dataset, parts: dict, problems: list, audits: list, tables: dict[str, Table]
) -> Dataset:
    if problems:
        raise InputError(problems)
    if audits:
        stacked = pd.concat([audit for _, _, audit in audits], ignore_index=True)
        lengths = [len(audit) for _, _, audit in audits]
        stacked["org"] = np.repeat([org for org, _, _ in audits], lengths)
        stacked["year"] = np.repeat([year for _, year, _ in audits], lengths)
        dataset.audit = stacked[AUDIT_HEAD]
    dataset.tables = {name: _stack(frames, tables[name]) for name, frames in parts.items()}
    return dataset


def _stack(frames: list[pd.DataFrame], table: Table) -> pd.DataFrame:
    if frames:
        return pd.concat(frames, ignore_index=True)
    columns = ["org", "year", *(c.name for c in table.columns)]
    grouped = table.group_from in columns
    return pd.DataFrame(columns=columns + (["group"] if grouped else []))
