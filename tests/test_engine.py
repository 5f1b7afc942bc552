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


def test_outputs_are_those_nbformat_makes_and_pass_its_schema(tmp_path):
    # The engine builds outputs without checking each: the notebook must still be valid.
    path = _notebook(tmp_path / "in.ipynb", "print('a'); print('b')", "present = 1")
    nb = _run(path, tmp_path / "out.ipynb", kernel=False)
    nbformat.validate(nb)
    assert nb.cells[2].outputs == [nbformat.v4.new_output("stream", name="stdout", text="a\nb\n")]
    assert nb.cells[3].outputs == []


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


# A cell that writes, shows, writes again and errs to stderr: a kernel records four
# outputs, in that order (not the displays first and the text after them).
INTERLEAVED = (
    "from IPython.display import display, Markdown\n"
    "import sys\n"
    "print('first line')\n"
    "print('second line')\n"
    "display(Markdown('**shown**'))\n"
    "print('after')\n"
    "print('warned', file=sys.stderr)"
)
EXPECTED = [
    ("stream", {}, "first line\nsecond line\n"),
    ("display_data", {"text/markdown": "**shown**", "text/plain": "<IPython.core.display."
     "Markdown object>"}, None),
    ("stream", {}, "after\n"),
    ("stream", {}, "warned\n"),
]  # fmt: skip


def test_printed_text_and_displays_are_recorded_in_the_order_they_came(tmp_path):
    path = _notebook(tmp_path / "in.ipynb", INTERLEAVED)
    outputs = _outputs(_run(path, tmp_path / "out.ipynb", kernel=False))[-1]
    assert outputs == EXPECTED
    names = [o.get("name") for o in _run(path, tmp_path / "o.ipynb", False).cells[-1].outputs]
    assert names == ["stdout", None, "stdout", "stderr"]


@pytest.mark.slow
def test_the_order_is_the_kernels(tmp_path):
    path = _notebook(tmp_path / "in.ipynb", INTERLEAVED)
    assert _outputs(_run(path, tmp_path / "k.ipynb", kernel=True))[-1] == EXPECTED


def test_the_process_wide_shell_is_left_alone(tmp_path):
    """Run from inside Jupyter (an analyst's kernel), a report must neither wipe the
    analyst's variables nor show its outputs in their notebook."""
    from IPython.core.interactiveshell import InteractiveShell

    from wres_helpers.presentation import present

    analysts = InteractiveShell.instance()
    analysts.user_ns["my_work"] = "precious"
    shown = []
    analysts.display_pub.publish = lambda data, *args, **kwargs: shown.append(data)
    try:
        path = _notebook(tmp_path / "in.ipynb", "from wres_helpers.presentation import present",
                         "present.markdown('in the report')", "mine = 'report'")  # fmt: skip
        nb = _run(path, tmp_path / "out.ipynb", kernel=False)
        assert nb.cells[-2].outputs[0]["data"]["text/plain"] == "in the report"
        assert analysts.user_ns["my_work"] == "precious" and "mine" not in analysts.user_ns
        assert InteractiveShell.instance() is analysts
        assert shown == []  # nothing of the report reached the analyst's notebook
        present.markdown("the analyst's own")
        assert [d["text/plain"] for d in shown] == ["the analyst's own"]
    finally:
        InteractiveShell.clear_instance()


def test_objects_handed_to_the_engine_start_in_the_namespace(tmp_path):
    path = _notebook(tmp_path / "in.ipynb", "print(given['answer'])")
    nb = papermill.execute_notebook(
        str(path), str(tmp_path / "out.ipynb"), progress_bar=False, kernel_name="python3",
        engine_name=engine.NAME, namespace={"given": {"answer": 42}},
    )  # fmt: skip
    assert nb.cells[-1].outputs[0]["text"] == "42\n"
