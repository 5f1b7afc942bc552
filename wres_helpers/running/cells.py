"""The preview's notebook runner: the report notebook's cells, run in this process, where a
cell whose words have not changed keeps its last outputs instead of running again.

After an edit to one commentary file, most of the report is as it was: each section shows the
same figures, and reads other parts of the commentary. So while a cell runs, the report it is
given records what the cell read of the words (the commentary, the action plan, anything
else that is not the figures); the next time, a cell that only calls (no assignment, no
import) and whose every reading gives the same answer keeps its outputs. A cell that failed,
or that reads an attribute not known to be a figure, always runs again.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

import nbformat
import pandas as pd

from ..errors import CellError
from . import engine

# ReportData's attributes that are figures and parameters, unchanged while only words change.
FIGURES = frozenset(
    {
        "org",
        "year",
        "years",
        "params",
        "params_dir",
        "dataset",
        "computed",
        "published",
        "table",
        "synthetic",
        "supplied",
        "report_date",
        "left_out",
        "standard",
        "figures",
    }
)


Reading = tuple[tuple[str, ...], tuple | None, Any]  # attribute path, call arguments, answer


class Recorder:
    """Stands in for an object, passing everything through and noting what was read."""

    def __init__(self, target: Any, log: list[Reading], path: tuple[str, ...] = ()):
        self._target, self._log, self._path = target, log, path

    def __getattr__(self, name: str):
        value = getattr(self._target, name)
        path = (*self._path, name)
        if not self._path and name in FIGURES:
            return value
        if name == "commentary" and not self._path:
            return Recorder(value, self._log, path)
        if callable(value):

            def call(*args):
                answer = value(*args)
                self._log.append((path, args, answer))
                return answer

            return call
        self._log.append((path, None, value))
        return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, pd.DataFrame | pd.Series):
        return type(a) is type(b) and a.equals(b)  # type: ignore[arg-type]  # b is of a's type
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def still_true(readings: list[Reading], report: Any) -> bool:
    """Whether `report` gives every answer the readings got."""
    for path, args, answer in readings:
        value = report
        for name in path:
            value = getattr(value, name)
        if args is not None:
            value = value(*args)
        if not _same(value, answer):
            return False
    return True


def _calls_only(source: str) -> bool:
    """A cell of expression statements only binds no name a later cell could need."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return all(isinstance(node, ast.Expr) for node in tree.body) and not any(
        isinstance(node, ast.NamedExpr) for node in ast.walk(tree)
    )


@dataclass
class Memo:
    """Each cell's last outputs and what it read, by its source."""

    cells: dict[str, tuple[list, list[Reading]]] = field(default_factory=dict)
    ran: int = 0  # cells run in the last build (the rest kept their outputs)


def run(nb: nbformat.NotebookNode, report: Any, log: list[Reading], memo: Memo) -> None:
    """Run `nb`'s code cells in place. `report` is a Recorder writing to `log`; `memo` holds
    the last build's cells and is updated. Raises CellError at the first failing cell."""
    shell = engine.new_shell({"prebuilt": report})  # the notebook's report is this one
    try:
        _run(nb, shell, report, log, memo)
    finally:
        engine.close(shell)


def _run(nb, shell, report, log: list[Reading], memo: Memo) -> None:
    number, memo.ran = 0, 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        cell.execution_count = number
        kept = memo.cells.get(cell.source)
        if kept and _calls_only(cell.source) and still_true(kept[1], report._target):
            cell.outputs = kept[0]
            continue
        memo.ran += 1
        log.clear()
        cell.outputs, error = engine.run_cell(shell, cell.source)
        if error is not None:
            memo.cells.pop(cell.source, None)
            raise CellError(number, cell.source, type(error).__name__, str(error))
        memo.cells[cell.source] = (cell.outputs, list(log))
