"""Faults (issue 13.7) that can be made on these machines without building a report.

Root ignores file permissions here, so a read-only output folder is made the way it fails
for anyone: a file where a folder should be. A full disk is made in test_publishing.py with
RLIMIT_FSIZE (the kernel's per-process file-size limit) around a real build.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from conftest import make_tiny

from wres_helpers import cli
from wres_helpers.errors import Exit, OutputError, StageError
from wres_helpers.inputs import scaffold
from wres_helpers.running import pipeline
from wres_helpers.standards import WRES

MANIFEST = WRES.manifest_name


@pytest.mark.parametrize("blocker", ["output/TINY", "output/TINY/2019"])
def test_a_file_where_the_output_folder_should_be(tmp_path, blocker, capsys):
    make_tiny(tmp_path / "data")
    scaffold.new("TINY", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="T")
    path = tmp_path / blocker
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("the last good report, as far as anyone can tell\n")
    code = cli.main(
        ["report", "TINY", "2019", "--params-root", str(tmp_path / "params")]
        + ["--output-root", str(tmp_path / "output")]
    )
    err = capsys.readouterr().err
    assert code == Exit.CANNOT_WRITE == 3
    lines = err.strip().splitlines()
    assert lines[0] == "WRES report TINY 2019" and lines[1].split()[0] == "parameters"
    lines = lines[2:]
    assert lines[0].startswith("Not written: cannot write ")
    assert "File exists" in lines[0] or "Not a directory" in lines[0]
    assert lines[1] == "The previous output, if any, is untouched."
    assert "Traceback" not in err
    assert path.read_text() == "the last good report, as far as anyone can tell\n"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # nothing left beside it


def test_a_build_folder_is_private_and_removed_after(tmp_path):
    target = tmp_path / "output" / "ECCH" / "2019"
    target.parent.mkdir(parents=True)
    with pipeline.build_folder(target) as work:
        assert work.parent == target.parent and work.name.startswith(".2019-build-")
        assert stat.S_IMODE(work.stat().st_mode) == 0o700
    assert not work.exists()


def test_leftovers_of_killed_runs_go_and_a_live_run_s_folder_stays(tmp_path):
    target = tmp_path / "output" / "ECCH" / "2019"
    target.parent.mkdir(parents=True)
    killed = target.parent / ".2019-build-killed"  # its lock file is there, nobody holds it
    killed.mkdir()
    (killed / pipeline.LOCK).touch()
    (killed / "ECCH-2019-WRES.ipynb").write_text("half written")
    old = target.parent / ".2019-x1y2z3"  # an earlier version's folder, no lock, an hour old
    old.mkdir()
    os.utime(old, (time.time() - 3600,) * 2)
    young = target.parent / ".2019-build-starting"  # no lock yet: just made by a live run
    young.mkdir()
    other = target.parent / ".2018-build-killed"  # another year's is that run's business
    other.mkdir()
    (other / pipeline.LOCK).touch()
    with pipeline.build_folder(target) as live:
        removed = pipeline.remove_leftovers(target)
        assert live.exists()
    assert sorted(removed) == sorted([killed, old])
    assert not killed.exists() and not old.exists()
    assert young.exists() and other.exists()


def files(folder: Path, names: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in names.items():
        (folder / name).write_text(text)


def test_the_swap_never_leaves_a_file_missing(tmp_path):
    """A reader looking at the published folder while report after report is swapped in
    finds every file of the report every time (rename(2) replaces each in one step). Only
    the manifest is absent for a moment, on purpose: see the next tests."""
    target = tmp_path / "2019"
    names = ["ECCH-2019-WRES.pdf", "ECCH-2019-WRES.html", "indicators.csv"]
    files(target, {n: "old\n" for n in names} | {MANIFEST: "m\n"})
    missing, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            for n in names:
                try:
                    (target / n).read_text()
                except FileNotFoundError:
                    missing.append(n)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(100):
            work = tmp_path / f".2019-build-{i}"
            files(work, {n: f"build {i}\n" for n in [*names, MANIFEST]})
            pipeline.swap_in(work, target, MANIFEST)
    finally:
        stop.set()
        reader.join()
    assert missing == []
    assert (target / "indicators.csv").read_text() == "build 99\n"


def test_a_final_build_replaces_the_draft_s_files_after_its_own_are_in(tmp_path):
    target = tmp_path / "2019"
    draft = WRES.output_names("ECCH", 2019, draft=True)
    final = WRES.output_names("ECCH", 2019, draft=False)
    files(target, {n: "draft\n" for n in draft.values()} | {"notes.txt": "the analyst's\n"})
    work = tmp_path / ".2019-build-x"
    files(work, {n: "final\n" for n in final.values()} | {MANIFEST: "m\n"})
    pipeline.swap_in(work, target, MANIFEST, WRES.every_output_name("ECCH", 2019))
    assert sorted(p.name for p in target.iterdir()) == sorted(
        {*final.values(), MANIFEST, "notes.txt"}
    )  # the draft's PDF, HTML and notebook gone; a file the tool did not make is kept


def test_a_swap_cut_short_leaves_no_manifest_so_the_next_run_rebuilds(tmp_path):
    target = tmp_path / "2019"
    names = ["ECCH-2019-WRES.pdf", "indicators.csv"]
    files(target, {n: "old\n" for n in names} | {MANIFEST: "old manifest\n"})
    work = tmp_path / ".2019-build-x"
    files(work, {n: "new\n" for n in names} | {MANIFEST: "new manifest\n"})
    real, calls = os.replace, []

    def fails_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        real(src, dst)

    with mock.patch.object(pipeline.os, "replace", fails_second), pytest.raises(OSError):
        pipeline.swap_in(work, target, MANIFEST)
    assert not (target / MANIFEST).exists()  # never taken for up to date
    assert all((target / n).exists() for n in names)  # and nothing is missing


def test_an_output_error_names_the_place_and_the_reason(tmp_path):
    error = OSError(errno.EFBIG, "File too large", str(tmp_path / "x.pdf"))
    text = str(OutputError(tmp_path, error))
    assert "File too large (the disk is full or a file-size limit was reached)" in text
    assert "x.pdf" in text


def _publish(tmp_path: Path, display: dict, write_data=None) -> tuple[Path, Path]:
    """publish_notebook on a one-cell notebook that displays `display`, into a target
    folder holding a last good report."""
    import nbformat

    notebook = tmp_path / "one.ipynb"
    cell = nbformat.v4.new_code_cell(
        f"from IPython.display import display\ndisplay({display!r}, raw=True)"
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), notebook)
    target = tmp_path / "output" / "2019"
    files(target, {"one.pdf": "last good\n"})
    names = {"notebook": "one.ipynb", "html": "one.html", "pdf": "one.pdf"}
    pipeline.publish_notebook(
        notebook, {}, target, names, pipeline.Timings(say=lambda _: None), write_data=write_data
    )
    return target, target / "one.pdf"


def test_a_pdf_that_cannot_be_typeset_stops_the_build_after_the_page_is_written(tmp_path):
    """The PDF is typeset in a thread while the page and the data files are written: its
    failure is still the build's, named as the pdf stage, and nothing is swapped in."""
    written = []
    with pytest.raises(StageError) as caught:
        _publish(tmp_path, {"text/x-typst": "#nope(1)", "text/plain": "x"}, written.append)
    assert caught.value.stage == "pdf" and "unknown variable: nope" in str(caught.value)
    assert len(written) == 1  # the data files were written in the build folder meanwhile
    target = tmp_path / "output" / "2019"
    assert [p.name for p in target.iterdir()] == ["one.pdf"]
    assert (target / "one.pdf").read_text() == "last good\n"
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".2019-build")]


def test_an_unsafe_page_stops_the_build_once_the_typesetting_has_ended(tmp_path):
    """The page fails while Typst typesets: the build waits for Typst before its folder is
    removed (else the PDF would be written into a folder that has gone)."""
    with pytest.raises(StageError) as caught:
        _publish(tmp_path, {"text/html": "<script>alert(1)</script>", "text/plain": "x"})
    assert caught.value.stage == "html" and "<script>" in str(caught.value)
    target = tmp_path / "output" / "2019"
    assert (target / "one.pdf").read_text() == "last good\n"
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".2019-build")]
    assert not [t for t in threading.enumerate() if t.name.startswith("ThreadPoolExecutor")]


def test_a_failed_run_keeps_its_notebook_beside_the_output_with_the_error(tmp_path):
    """The notebook is written once, by papermill, whether the run completes or fails: a
    failed one is kept beside the last good output, its error in it, for whoever debugs it."""
    import nbformat

    notebook = tmp_path / "one.ipynb"
    cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), notebook)
    target = tmp_path / "output" / "2019"
    files(target, {"one.pdf": "last good\n"})
    names = {"notebook": "one.ipynb", "html": "one.html", "pdf": "one.pdf"}
    with pytest.raises(StageError) as caught:
        pipeline.publish_notebook(notebook, {}, target, names, pipeline.Timings(say=lambda _: None))
    assert caught.value.stage == "execute" and "ZeroDivisionError" in str(caught.value)
    kept = nbformat.read(target.parent / "2019-failed.ipynb", as_version=4)
    errors = [o for c in kept.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ZeroDivisionError"]
    assert (target / "one.pdf").read_text() == "last good\n"
