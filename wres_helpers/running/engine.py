"""A papermill engine that runs a notebook's cells in this Python process.

Starting a Jupyter kernel and importing pandas and the rest into it costs about two
seconds a report; a batch of reports pays that once per worker process instead. Each
notebook gets a shell of its own (never IPython's process-wide one: inside a live Jupyter
kernel that is the analyst's, and resetting it would wipe their variables), and its outputs
are recorded as a kernel records them: printed text and displays in the order they came,
and an error output that papermill reports. `wres report --kernel` uses a real kernel.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import traceback
import types

import nbformat
from papermill.engines import Engine, papermill_engines

NAME = "wres-inprocess"
NAMESPACE = "wres_notebook"


def new_shell(namespace: dict | None = None):
    """A private shell, its namespace holding `namespace` (objects the caller has already
    built, such as the report the pipeline checked the input with). Close it with `close`."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no history database for a notebook's run
    # No output cache (cells' results are recorded instead): its flush runs a full
    # gc.collect(), about 0.15 s with pandas loaded. The notebook's namespace
    # is a module of its own: named __main__, IPython would put it in sys.modules in place of
    # this program's, and worker processes could not be started.
    shell = InteractiveShell(config=config, cache_size=0, user_module=types.ModuleType(NAMESPACE))
    shell.user_ns.update(namespace or {})
    return shell


def close(shell) -> None:
    """Let go of a shell and everything its notebook built (IPython keeps each shell for its
    exit handler, which would keep every report of a batch alive)."""
    atexit.unregister(shell.atexit_operations)
    shell.user_ns.clear()


class _Outputs:
    """A cell's outputs as a kernel records them: each display in its place, and each run of
    text written to one stream between them as one stream output."""

    def __init__(self) -> None:
        self.outputs: list = []

    def stream(self, name: str, text: str) -> None:
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            self.outputs.append(_output("stream", name=name, text=text))

    def display(self, data: dict, metadata: dict | None) -> None:
        self.outputs.append(_output("display_data", data=data, metadata=metadata or {}))


def _output(output_type: str, **fields) -> nbformat.NotebookNode:
    """An output as `nbformat.v4.new_output` makes it, without checking each against the
    schema as it comes (0.1 s a report): the web page's export checks the notebook whole."""
    return nbformat.from_dict({"output_type": output_type, **fields})


class _Stream(io.TextIOBase):
    def __init__(self, outputs: _Outputs, name: str):
        self._outputs, self._name = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self._outputs.stream(self._name, text)
        return len(text)


def _publisher(outputs: _Outputs):
    from IPython.core.displaypub import DisplayPublisher

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, *args, **kwargs):
            outputs.display(data, metadata)

        def clear_output(self, wait=False):
            outputs.outputs.clear()

    return Publisher()


@contextlib.contextmanager
def _current(shell):
    """`shell` as IPython's current shell while a cell runs (display() publishes through
    the current one), then whatever was current before: the analyst's kernel, or none."""
    from IPython.core.interactiveshell import InteractiveShell

    before = InteractiveShell._instance
    InteractiveShell._instance = shell
    try:
        yield
    finally:
        InteractiveShell._instance = before


def run_cell(shell, source: str) -> tuple[list, BaseException | None]:
    """Run one cell in `shell`: its outputs, in order, and the error it raised (or None)."""
    outputs = _Outputs()
    publisher, shell.display_pub = shell.display_pub, _publisher(outputs)
    try:
        with (
            _current(shell),
            contextlib.redirect_stdout(_Stream(outputs, "stdout")),
            contextlib.redirect_stderr(_Stream(outputs, "stderr")),
        ):
            result = shell.run_cell(source, store_history=False)
    finally:
        shell.display_pub = publisher
    return outputs.outputs, result.error_before_exec or result.error_in_exec


class InProcessEngine(Engine):
    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, **kwargs):
        # papermill's run manager saves the whole notebook as a run starts, before and after
        # every cell and as it ends, so a kernel's progress can be watched; in process there
        # is nothing to watch. papermill.execute_notebook writes it once, after the engine,
        # whether the run completed or failed.
        return super().execute_notebook(nb, kernel_name, output_path=None, **kwargs)

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, namespace=None, **kwargs):
        shell = new_shell(namespace)
        try:
            cls._run_cells(nb_man, shell)
        finally:
            close(shell)

    @staticmethod
    def _run_cells(nb_man, shell) -> None:
        count = 0
        for index, cell in enumerate(nb_man.nb.cells):
            nb_man.cell_start(cell, index)
            try:
                if cell.cell_type != "code":
                    continue
                count += 1
                cell.outputs, error = run_cell(shell, cell.source)
                cell.execution_count = count
                if error is not None:
                    cell.outputs.append(error_output(error))
                    nb_man.cell_exception(cell, index, exception=error)
                    break
            finally:
                nb_man.cell_complete(cell, index)


def error_output(error: BaseException):
    return nbformat.v4.new_output(
        "error",
        ename=type(error).__name__,
        evalue=str(error),
        traceback=traceback.format_exception(error),
    )


papermill_engines.register(NAME, InProcessEngine)
