"""The package's errors: one base class, `WresError`, for whatever the `wres` command reports
in words rather than a traceback. `InputError` (here) is the analyst's files; `StageError`
(running/pipeline.py) a stage of a build; `TypesettingError` (rendering/render.py) the PDF."""

from __future__ import annotations

from dataclasses import dataclass


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
