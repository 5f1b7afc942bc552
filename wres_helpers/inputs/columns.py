"""Which file holds each table, and which of its headers is which contract column.

ESR's own headers (`Employee Number`, `Ethnic Origin`, `Staff Group`, `Grade`, `Contracted
Wte`, ...) are recognised with no configuration (the aliases in schema.py). Anything else is
named in a `columns.yaml` in the year folder, or in the organisation folder for every year:

    workforce:
      file: esr-staff-list.csv        # optional: the file that holds this table
      columns:                        # contract name: the export's header
        non_mandatory_training: CPD
"""

from __future__ import annotations

import csv
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ..errors import InputError, Problem
from . import read
from .schema import TABLES, WDES_TABLES, Table
from .text import MAX_YAML_BYTES, load_yaml, read_text

COLUMNS_FILE = "columns.yaml"
ALL_TABLES = {**TABLES, **WDES_TABLES}  # shared tables with every standard's columns
KEYS = ("file", "columns")
# Names exports arrive under, besides the table's own (lower case, shell patterns).
CASE_LOG_NAMES = (
    "*case log*", "*case-log*", "*case_log*", "*caselog*", "*employee relations*",
    "*employee-relations*", "*employee_relations*", "er cases*", "er-cases*", "er_cases*",
)  # fmt: skip
EXPORT_NAMES = {
    "workforce": ("staff in post*", "staff-in-post*", "staff_in_post*", "*esr*staff*"),
    "recruitment": ("*applications*", "*nhs jobs*", "*nhs-jobs*", "*nhs_jobs*"),
    # one employee-relations case log serves both standards
    "disciplinary": CASE_LOG_NAMES,
    "capability": CASE_LOG_NAMES,
    "training": (
        "*learning record*", "*learning-record*", "*learning_record*", "*learning history*",
        "*olm*", "*training record*", "*training-record*", "*training_record*",
        "*course completions*",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One table's entry in columns.yaml."""

    source: str  # the columns.yaml it came from, as shown
    file: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # contract name -> export header


def header_key(name: str) -> str:
    """`Contracted Wte` -> `contracted_wte`: how headers are compared."""
    return re.sub(r"[^a-z0-9]+", "_", str(name).strip().lower()).strip("_")


def load_specs(folder: Path) -> dict[str, Spec]:
    """The columns.yaml of a year folder, else of its organisation folder; {} if neither."""
    for path in (folder / COLUMNS_FILE, folder.parent / COLUMNS_FILE):
        if path.is_file():
            return _parse(path)
    return {}


def _parse(path: Path) -> dict[str, Spec]:
    shown = read.display_path(path)
    try:
        loaded = load_yaml(read_text(path, shown, MAX_YAML_BYTES))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        raise InputError(
            [Problem(shown, "YAML as in docs/analyst-guide.md", row=line, row_label="line")]
        ) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError([Problem(shown, "a mapping of table names (workforce, ...) to entries")])
    problems, specs = [], {}
    for name, entry in loaded.items():
        if name not in ALL_TABLES:
            problems.append(_key(shown, name, "a table name: " + ", ".join(ALL_TABLES)))
            continue
        if not isinstance(entry, dict):
            problems.append(_key(shown, name, "file: and columns: under the table name"))
            continue
        for unknown in (k for k in entry if k not in KEYS):
            problems.append(_key(shown, f"{name}.{unknown}", "file or columns"))
        file, columns = entry.get("file"), entry.get("columns") or {}
        if file is not None and (
            not isinstance(file, str) or Path(file).name != file or file in ("", ".", "..")
        ):
            problems.append(_key(shown, f"{name}.file", "a file name in the same folder"))
            file = None
        if not isinstance(columns, dict):
            problems.append(_key(shown, f"{name}.columns", "contract name: export header pairs"))
            columns = {}
        known = [c.name for c in ALL_TABLES[name].columns]
        for column, header in columns.items():
            if column not in known:
                expected = f"a column of the {name} table: " + ", ".join(known)
                problems.append(_key(shown, f"{name}.columns.{column}", expected))
            elif not isinstance(header, str) or not header.strip():
                problems.append(_key(shown, f"{name}.columns.{column}", "the export's header"))
        specs[name] = Spec(shown, file, {str(k): str(v) for k, v in columns.items()})
    if problems:
        raise InputError(problems)
    return specs


def _key(shown: str, key: object, expected: str) -> Problem:
    return Problem(shown, expected, column=str(key), label="key")


def find_table(folder: Path, name: str, spec: Spec | None) -> Path | None:
    """The file holding table `name`: columns.yaml's `file:`, NAME.csv/.xlsx, or an export
    under a common name (`Staff in Post - Workforce 202308.csv`); None if none."""
    if spec is not None and spec.file:
        named = folder / spec.file
        if not named.exists():
            raise InputError(
                [
                    Problem(
                        spec.source,
                        f"a file named {spec.file} in {read.display_path(folder)}",
                        column=f"{name}.file",
                        label="key",
                    )
                ]
            )
        return named
    path = read.find(folder, name)
    if path is not None or name not in EXPORT_NAMES or not folder.is_dir():
        return path
    found = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in read.SUFFIXES
        and any(fnmatch.fnmatch(p.stem.lower(), pattern) for pattern in EXPORT_NAMES[name])
    )
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        expected = f"one file for the {name} table, not {names} (name it in {COLUMNS_FILE})"
        raise InputError([Problem(read.display_path(folder), expected)])
    return found[0] if found else None


@dataclass(frozen=True)
class Keep:
    """keep(names) for read.read_table: the names among `names` that are wanted `keys`;
    `looked_for` says which columns, when a file names none of them."""

    keys: frozenset[str]
    looked_for: str

    def __call__(self, names: list[str]) -> list[str]:
        return [n for n in names if header_key(n) in self.keys]


def wanted(table: Table, spec: Spec | None, keyed: bool = False) -> Keep:
    """keep(names) for read.read_table: the headers this table reads, by the rules below."""
    keys = {c.name for c in table.columns} | {a for c in table.columns for a in c.aliases}
    keys |= {header_key(h) for h in spec.columns.values()} if spec else set()
    keys |= {"organisation"} if keyed else set()
    required = ", ".join(c.name for c in table.columns if c.required)
    looked_for = f"the {table.name} table's columns ({required}, or their ESR headers)"
    return Keep(frozenset(keys), looked_for)


def header_names(path: Path) -> list[str]:
    """The cells of the first rows of a CSV or .xlsx file, for guessing what it holds; [] if
    it cannot be read."""
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                rows = book.worksheets[0].iter_rows(max_row=read.HEADER_SEARCH, values_only=True)
                return [str(v) for row in rows for v in row if v is not None]
            finally:
                book.close()
        with path.open("rb") as file:
            head = file.read(1 << 16)
        text = read.decode(head, read.display_path(path))
        lines = text.splitlines()[: read.HEADER_SEARCH]
        return [cell for line in lines for cell in next(csv.reader([line]), [])]
    except Exception:  # an unreadable file is named as such by the caller
        return []


def guess_tables(path: Path, tables: dict[str, Table]) -> list[str]:
    """The tables whose columns the file's first rows name most: two at least, and all but
    one of the table's required columns (a published indicators.csv names `indicator` and
    `group` but is no survey file)."""
    keys = {header_key(n) for n in header_names(path)}
    scores = {}
    for name, table in tables.items():
        named = [any(k in keys for k in (c.name, *c.aliases)) for c in table.columns]
        unnamed = sum(c.required and not hit for c, hit in zip(table.columns, named, strict=True))
        if sum(named) >= 2 and unnamed <= 1:
            scores[name] = sum(named)
    best = max(scores.values(), default=0)
    return [name for name, hits in scores.items() if hits == best]


def resolve(table: Table, raw: pd.DataFrame, spec: Spec | None, shown: str):
    """Rename the export's headers to contract names; (frame, problems).

    A header named in columns.yaml wins, then the contract name itself, then an ESR alias.
    Headers that are none of these are kept under their own names (and ignored)."""
    keys: dict[str, str] = {}
    for header in raw.columns:
        if header != read.ROW:
            keys.setdefault(header_key(header), header)
    chosen: dict[str, str] = {}  # contract name -> raw header
    problems = []
    for column in table.columns:
        named = spec.columns.get(column.name) if spec else None
        if spec is not None and named is not None:
            if header_key(named) in keys:
                chosen[column.name] = keys[header_key(named)]
            else:
                found = ", ".join(raw.attrs.get("found", [])) or "none"
                problems.append(
                    Problem(
                        spec.source,
                        f"a header of {shown} (it has: {found})",
                        column=f"{table.name}.columns.{column.name}",
                        value=named,
                        label="key",
                    )
                )
            continue
        for candidate in (column.name, *column.aliases):
            if candidate in keys:
                chosen[column.name] = keys[candidate]
                break
    names = {c.name for c in table.columns}
    kept = dict(chosen)  # name -> raw header, in the frame's order
    used = set(chosen.values())
    for header in raw.columns:
        if header not in used and header != read.ROW and header_key(header) not in names:
            kept[header] = header
    kept[read.ROW] = read.ROW
    if list(kept) == list(raw.columns) and all(n == h for n, h in kept.items()):
        frame = raw  # the contract's own names in the file's order: nothing to rebuild
    else:
        frame = pd.DataFrame(
            {name: raw[header] for name, header in kept.items()}, index=raw.index, copy=False
        )
        frame.attrs.update(raw.attrs)
    frame.attrs["found"] = raw.attrs.get("found", [c for c in raw.columns if c != read.ROW])
    return frame, problems
