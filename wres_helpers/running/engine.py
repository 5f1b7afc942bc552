"""A papermill engine that runs a notebook's cells in this Python process.

Starting a Jupyter kernel and importing pandas and matplotlib into it costs about two
seconds a report; a batch of reports pays that once per worker process instead. Each
notebook still gets a fresh namespace, and its outputs are recorded as a kernel would
record them (display data, streams, and an error output that papermill reports).
Use `wres report --kernel` to run in a real Jupyter kernel instead.
"""

from __future__ import annotations

import traceback
import types

import nbformat
from papermill.engines import Engine, papermill_engines

NAME = "wres-inprocess"
NAMESPACE = "wres_notebook"


def _shell():
    from IPython.core.interactiveshell import InteractiveShell

    # No output cache (cells' results are captured instead): the cache's flush in reset()
    # runs a full gc.collect() every notebook, about 0.15 s with pandas and matplotlib loaded.
    # The notebook's namespace is a module of its own: named __main__, IPython would put it in
    # sys.modules in place of this program's, and worker processes could not be started.
    return InteractiveShell.instance(cache_size=0, user_module=types.ModuleType(NAMESPACE))


class InProcessEngine(Engine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        shell = _shell()
        shell.reset(new_session=False)  # nothing leaks from the previous notebook
        # papermill rewrites the whole notebook before and after every cell, so a kernel's
        # progress can be watched; in-process there is nothing to watch, and it writes once
        # when the run completes or fails.
        output_path, nb_man.output_path = nb_man.output_path, None
        try:
            cls._run_cells(nb_man, shell)
        finally:
            nb_man.output_path = output_path

    @staticmethod
    def _run_cells(nb_man, shell) -> None:
        from IPython.utils.capture import capture_output

        count = 0
        for index, cell in enumerate(nb_man.nb.cells):
            nb_man.cell_start(cell, index)
            try:
                if cell.cell_type != "code":
                    continue
                count += 1
                with capture_output(display=True) as captured:
                    result = shell.run_cell(cell.source, store_history=False)
                cell.execution_count = count
                cell.outputs = _outputs(captured)
                error = result.error_before_exec or result.error_in_exec
                if error is not None:
                    cell.outputs.append(_error_output(error))
                    nb_man.cell_exception(cell, index, exception=error)
                    break
            finally:
                nb_man.cell_complete(cell, index)


def _outputs(captured) -> list:
    outputs = [
        nbformat.v4.new_output("display_data", data=o.data, metadata=o.metadata or {})
        for o in captured.outputs
    ]
    for name, text in (("stdout", captured.stdout), ("stderr", captured.stderr)):
        if text:
            outputs.append(nbformat.v4.new_output("stream", name=name, text=text))
    return outputs


def _error_output(error: BaseException):
    return nbformat.v4.new_output(
        "error",
        ename=type(error).__name__,
        evalue=str(error),
        traceback=traceback.format_exception(error),
    )


papermill_engines.register(NAME, InProcessEngine)
