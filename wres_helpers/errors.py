"""The package's errors, all of them here: one base class, `WresError`, for whatever the `wres`
command reports in words rather than a traceback, and the exit status each one gives.

`InputError` is the analyst's files; `StageError` a stage of a build; `OutputError` an output
that cannot be written; `TypesettingError` the PDF; `UnsafePageError` a page with active
content; `CellError` a notebook cell run by the preview."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class Exit(IntEnum):
    """The `wres` command's exit statuses."""

    DONE = 0  # done, up to date, or verified
    FAILED = 1  # a stage failed, a batch had a failure, or `verify` found a difference
    BAD_INPUT = 2  # the analyst's input (files, parameters, options) is refused
    CANNOT_WRITE = 3  # the output cannot be written


def display_path(path: Path) -> str:
    """The path as the analyst would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as the analyst sees it in a spreadsheet (header = row 1)."""

    file: str
    expected: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    label: str = "column"  # what `column` names: a column, or a parameter of params.yaml
    row_label: str = "row"  # "line" in a text file

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"{self.row_label} {self.row}")
        if self.column is not None:
            where.append(f"{self.label} '{self.column}'")
        found = "" if self.value is None else f"found {self.value!r}; "
        return f"{', '.join(where)}: {found}expected {self.expected}"

    def redacted(self, columns: frozenset[str] = frozenset()) -> str:
        """The file and the kind of problem only, for another organisation's report: no value,
        row or text of the file (the data is not ours to publish). A column is named only if
        it is one of `columns` (the contract's names, not a header from the file)."""
        if self.column in columns and self.label == "column":
            return (
                f"{self.file}: a value in column '{self.column}' not as the data contract expects"
            )
        return f"{self.file}: not as the data contract expects"


MAX_SHOWN = 100  # beyond this, one line says how many more: the message stays readable


class WresError(Exception):
    """An error the package reports to its user in words."""


class InputError(WresError):
    """Bad input: one line per problem, never a traceback for the user."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.message())

    def message(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input files:"
        lines = [f"  {p}" for p in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            lines.append(f"  ... and {count - MAX_SHOWN} more problems not listed")
        return "\n".join([head, *lines])


class StageError(WresError):
    """A stage of a build failed for a reason that is not the analyst's input."""

    def __init__(self, stage: str, message: str):
        self.stage = stage
        super().__init__(f"stage '{stage}' failed: {message}")


class OutputError(WresError):
    """The output cannot be written: the disk is full, the folder read-only, or a file stands
    where a folder should be. `wres` exits with `Exit.CANNOT_WRITE`; the last good report is
    intact."""

    def __init__(self, target: Path, error: OSError):
        reason = error.strerror or str(error)
        if error.errno == errno.EFBIG:
            reason += " (the disk is full or a file-size limit was reached)"
        where = display_path(Path(error.filename)) if error.filename else ""
        shown = display_path(target)
        super().__init__(
            f"cannot write {shown}: {reason}" + (f": {where}" if where and where != shown else "")
        )


class UnsafePageError(WresError):
    """The page would hold something a browser could run or fetch: it is not written."""


class TypesettingError(WresError):
    """The Typst source could not be typeset; the message quotes Typst's diagnostic."""


class CellError(WresError):
    """A notebook cell run by the preview raised: its number, first line and the error."""

    def __init__(self, number: int, source: str, ename: str, evalue: str):
        lines = [ln for ln in source.splitlines() if ln.strip() and not ln.startswith("#")]
        first = lines[0].strip() if lines else "a cell"
        super().__init__(f"notebook cell {number} ({first}) raised {ename}: {evalue}")
