"""The in-process papermill engine records what a Jupyter kernel records."""

from __future__ import annotations

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from papermill.exceptions import PapermillExecutionError

from wres_helpers.running import engine


def _notebook(path, *sources):
    parameters = new_code_cell("n = 1")
    parameters.metadata["tags"] = ["parameters"]
    cells = [new_markdown_cell("# Title"), parameters, *(new_code_cell(s) for s in sources)]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _run(path, out, kernel: bool, **parameters):
    return papermill.execute_notebook(
        str(path), str(out), parameters=parameters, progress_bar=False, kernel_name="python3",
        engine_name=None if kernel else engine.NAME,
    )  # fmt: skip


def _outputs(nb):
    return [
        [
            (o["output_type"], dict(o.get("data", {})), o.get("text"))
            for o in cell.get("outputs", [])
        ]
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


SOURCES = (
    "from wres_helpers.presentation import present\n"
    "from matplotlib.figure import Figure\n"
    "present.set_chart_style()",
    "present.markdown(f'**n is {n}**')",
    "fig = Figure(figsize=(2, 1)); fig.subplots().plot([0, n], [0, 1])\n"
    "present.figure(fig, alt='A rising line.', finding='It rises.')",
    "print('to stdout')",
)


@pytest.mark.slow
def test_in_process_outputs_equal_the_kernels(tmp_path):
    path = _notebook(tmp_path / "in.ipynb", *SOURCES)
    in_process = _run(path, tmp_path / "a.ipynb", kernel=False, n=3)
    kernel = _run(path, tmp_path / "b.ipynb", kernel=True, n=3)
    assert _outputs(in_process) == _outputs(kernel)
    assert "**n is 3**" in str(_outputs(in_process))
    assert in_process.metadata.papermill.parameters == {"n": 3}


def test_each_notebook_gets_a_fresh_namespace(tmp_path):
    first = _notebook(tmp_path / "first.ipynb", "leftover = 42")
    second = _notebook(tmp_path / "second.ipynb", "print('leftover' in dir())")
    _run(first, tmp_path / "first-out.ipynb", kernel=False)
    nb = _run(second, tmp_path / "second-out.ipynb", kernel=False)
    assert nb.cells[-1].outputs[0]["text"] == "False\n"


def test_an_error_stops_the_run_and_names_the_cell(tmp_path):
    path = _notebook(tmp_path / "bad.ipynb", "x = 1", "raise ValueError('bad value 7')", "y = 2")
    with pytest.raises(PapermillExecutionError) as caught:
        _run(path, tmp_path / "out.ipynb", kernel=False)
    error = caught.value
    assert (error.ename, error.evalue, error.exec_count) == (
        "ValueError",
        "bad value 7",
        3,
    )  # parameters, x = 1, raise
    saved = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert saved.cells[-1].get("outputs", []) == []  # the cell after the error never ran
