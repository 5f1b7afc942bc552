"""One report, start to finish: parameters → notebook (papermill) → HTML → PDF → output/.

Everything is written to a private build folder first (mode 0700, beside the output) and
moved into output/<ORG>/<YEAR>/ only when every stage has succeeded, so a failed run never
replaces the last good report. Each stage prints its time as it goes.

The swap: each finished file is moved over the old one with rename(2), which replaces a
file in one step, so every file of the report is there at every moment. The folder stays a
plain folder the web team can copy or zip (a symlink to a folder per build would swap all
files at once, but many copy and upload tools copy the link, not the report). The manifest
of the inputs (inputs.sha256) is removed first and put in last: a swap cut short leaves no
manifest, so the report is not up to date and the next run rebuilds it.

A build folder holds a lock (the `filelock` package: flock on POSIX, msvcrt on Windows) while
its run lives; the next run removes any whose lock is free: the leftovers of killed runs.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Set
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from filelock import FileLock, Timeout

from .. import NOTEBOOKS, PACKAGE
from ..errors import InputError, OutputError, Problem, StageError, TypesettingError, UnsafePageError
from ..inputs.manifest import recorded
from ..standards.registry import Standard

LOCK = ".lock"
ABANDONED_AFTER = 60  # seconds: a build folder with no lock yet is someone's, just started


def notebook_for(standard: Standard) -> Path:
    """Each standard's story is its own notebook over the same sections: wdes_report.ipynb."""
    return NOTEBOOKS / standard.notebook_name


@dataclass
class Timings:
    say: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr))
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - start
        self.say(f"  {name:<12} {self.seconds[name]:6.2f} s")


def is_up_to_date(
    org: str,
    year: int,
    params_root: Path,
    output_root: Path,
    standard: Standard,
    *,
    final: bool = False,
) -> bool:
    """Whether output/<ORG>/<YEAR>/ holds a whole report of `standard` whose recorded
    manifest equals the manifest of its inputs now (never file times).

    Parameters
    ----------
    org, year : str, int
        The organisation and reporting year.
    params_root, output_root : Path
        Where its parameters are and where it was written.
    standard : Standard
        The standard whose files and manifest (inputs[-wdes].sha256) are looked at.
    final : bool
        Only a final report counts: a draft, however fresh, is not what was asked for (the
        build then checks what a final needs, and refuses with what is missing).

    Returns
    -------
    bool
        False too when the parameters cannot be read (the build then says what is wrong).
    """
    from ..report import report_manifest

    folder = Path(output_root) / org / str(year)
    before = recorded(folder, standard.manifest_name)
    if before is None:
        return False
    try:
        now = report_manifest(org, year, params_root)
    except (InputError, OSError):
        return False  # e.g. broken parameters: build, and say what is wrong
    if before != now:
        return False
    return any(
        all((folder / n).is_file() for n in standard.output_names(org, year, draft).values())
        for draft in ((False,) if final else (True, False))
    )


@dataclass
class Result:
    folder: Path
    files: dict[str, Path]
    pages: int
    draft: bool
    missing: list[str]
    seconds: dict[str, float]


def build_report(
    org: str,
    year: int | str,
    *,
    params_root: Path = Path("params"),
    output_root: Path = Path("output"),
    final: bool = False,
    kernel: bool = False,
    say: Callable[[str], None] | None = None,
    standard: Standard,
) -> Result:
    """Build one organisation-year report into output_root/<ORG>/<YEAR>/: the notebook, the
    web page, the Board PDF, its technical annex (…-method.pdf) and the data files, swapped
    in only when every stage has succeeded.

    Parameters
    ----------
    org, year : str, int or str
        The organisation code and reporting year.
    params_root, output_root : Path
        Where the parameters are read and the report is written.
    final : bool
        Refuse (InputError) unless nothing is missing; otherwise a DRAFT is built.
    kernel : bool
        Run the notebook in a Jupyter kernel (slower) instead of in this process.
    say : callable, optional
        Where each stage's time is written (default: standard error).
    standard : Standard
        The standard reported on: its notebook and its file names.

    Returns
    -------
    Result
        The folder, each file written, the PDF's pages, whether it is a draft and why, and
        each stage's seconds.

    Raises
    ------
    InputError
        The analyst's files or parameters (exit status 2).
    StageError
        A stage failed for a reason that is not the input (exit status 1).
    OutputError
        The output cannot be written (exit status 3); the last good report is untouched.
    """
    from ..report import ReportData

    timings = Timings(say) if say else Timings()
    timings.say(f"{standard.code} report {org} {year}")
    with timings.stage("parameters"):
        # refuses bad input before any kernel; its manifest is made before the files are read
        report = ReportData.build(org, year, params_root, standard=standard)
    missing = report.missing_for_final()
    if final and missing:
        raise InputError(
            [Problem("final report", "nothing missing; still missing: " + m) for m in missing]
        )
    names = standard.output_names(report.org, report.year, bool(missing))
    target = Path(output_root) / report.org / str(report.year)
    # The notebook runs in the project folder and is given the parameters folder by name:
    # nothing that depends on where the project lives is recorded in it.
    params_folder = Path(params_root).resolve()
    parameters = {"org": report.org, "year": report.year, "params_root": params_folder.name}

    def write_data(folder: Path) -> None:
        from ..compute import table
        from ..report.notes import data_notes

        # The workbook holds what indicators.csv holds: made from the file just written.
        csv = report.write_indicators(folder).read_text(encoding="utf-8")
        columns = table.published_columns(report.table)
        meta = table.meta_csv(columns, report.standard)
        (folder / names["meta"]).write_text(meta, encoding="utf-8")
        notes = data_notes(report, report.inputs_digest())
        xlsx = table.xlsx_bytes(csv, notes, report.report_date, report.standard)
        (folder / names["xlsx"]).write_bytes(xlsx)
        (folder / names["manifest"]).write_text(report.manifest, encoding="utf-8")

    # In process, the notebook is handed the report just built (a kernel builds its own).
    try:
        pages = publish_notebook(
            notebook_for(standard),
            parameters,
            target,
            names,
            timings,
            kernel,
            final=not missing,
            write_data=write_data,
            replaces=standard.every_output_name(report.org, report.year),
            cwd=params_folder.parent,
            as_of=report.report_date,
            prebuilt=None if kernel else {"prebuilt": report},
        )
    except StageError as error:
        # Typst could not typeset the PDF: if the analyst's commentary is why, say which file
        # and line (exit 2), as for any other input; otherwise the stage's own error.
        from ..rendering.render import commentary_typesetting

        if error.stage == "pdf" and (found := commentary_typesetting(report.words_dir, standard)):
            raise InputError(found) from None
        raise
    total = sum(timings.seconds.values())
    timings.say(
        f"  {'total':<12} {total:6.2f} s  → {target}/{names['pdf']} ({pages} pages)"
        + (" DRAFT" if missing else "")
    )
    files = {k: target / v for k, v in names.items()}
    return Result(target, files, pages, bool(missing), missing, timings.seconds)


def publish_notebook(
    notebook: Path,
    parameters: dict,
    target: Path,
    names: dict[str, str],
    timings: Timings,
    kernel: bool = False,
    *,
    final: bool = False,
    write_data: Callable[[Path], None] | None = None,
    replaces: Set[str] = frozenset(),
    cwd: Path | None = None,
    as_of: dt.date | None = None,
    prebuilt: dict | None = None,
) -> int:
    """Execute a notebook into a private folder, render it, then swap its files into place.

    `write_data` writes the data files into that folder; `replaces` names earlier outputs to
    remove once the new files are in (a draft's, when the final is built). Parameters that
    name a folder (`output_dir`) are the caller's to give. Run in process, the notebook's
    namespace starts with `prebuilt` (objects already built for it). A `final` report is
    refused if a chart has no description. Returns the PDF's page count."""
    from ..rendering.render import (
        has_annex,
        notebook_to_annex_pdf,
        notebook_to_html,
        notebook_to_pdf,
        undescribed_charts,
    )

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not target.is_dir():  # found now, not after the whole build
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
        remove_leftovers(target)
        with build_folder(target) as work:
            with timings.stage("execute"):
                nb = _execute(
                    notebook,
                    work / names["notebook"],
                    parameters,
                    kernel,
                    failed=target.parent / f"{target.name}-failed.ipynb",
                    cwd=cwd or Path.cwd(),
                    prebuilt=prebuilt or {},
                )
            if final and (undescribed := undescribed_charts(nb, notebook.name)):
                raise InputError(undescribed)

            def typeset() -> int:
                pages = notebook_to_pdf(nb, work / names["pdf"], as_of)
                # The technical annex beside it, from the cells tagged `annex`.
                if "annex" in names and has_annex(nb):
                    notebook_to_annex_pdf(nb, work / names["annex"], as_of)
                return pages

            # Typst typesets the PDFs in a thread of its own while the page and the data
            # files are written: it lets go of Python's lock as it works, so the two overlap.
            # Leaving the block waits for it, whatever failed.
            with ThreadPoolExecutor(max_workers=1) as typesetter:
                with timings.stage("html"):
                    pdfs = typesetter.submit(typeset)
                    try:
                        html = notebook_to_html(nb)
                    except UnsafePageError as error:
                        raise StageError("html", str(error)) from None
                    (work / names["html"]).write_text(html, encoding="utf-8")
                with timings.stage("data"):
                    if write_data:
                        write_data(work)
                with timings.stage("pdf"):  # what is left of the typesetting
                    try:
                        pages = pdfs.result()
                    except TypesettingError as error:
                        raise StageError("pdf", str(error)) from None
            with timings.stage("publish"):
                swap_in(work, target, names.get("manifest"), replaces)
    except OSError as error:
        raise OutputError(target, error) from None
    return pages


@contextmanager
def build_folder(target: Path):
    """A private folder (0700) beside `target`, locked while this run lives, then removed."""
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        with FileLock(work / LOCK):
            yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the build folders of runs that were killed (their lock is free); a live run's
    folder is left alone. Also the folders of earlier versions (`.2019-xxxx`, `.2019-old-…`)."""
    removed = []
    for folder in target.parent.glob(f".{target.name}-*"):
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    if not (folder / LOCK).exists():  # an older version's, or killed before it took its lock
        return time.time() - folder.stat().st_mtime > ABANDONED_AFTER
    try:
        with FileLock(folder / LOCK, timeout=0):
            return True
    except Timeout:  # a live run holds it
        return False


def swap_in(
    work: Path, target: Path, manifest: str | None, replaces: Set[str] = frozenset()
) -> None:
    """Move the finished files over the published ones, one rename(2) each (see the module's
    docstring); the manifest (this standard's; None for an output without one) goes last,
    and earlier outputs not rebuilt go after it. Files named in neither (the other
    standard's report) are left alone."""
    target.mkdir(exist_ok=True)
    new = sorted(p.name for p in work.iterdir() if not p.name.startswith("."))
    if manifest:
        (target / manifest).unlink(missing_ok=True)
    for name in sorted(new, key=lambda n: n == manifest):
        os.replace(work / name, target / name)
    for name in sorted(set(replaces) - set(new)):
        (target / name).unlink(missing_ok=True)


def _execute(
    notebook: Path,
    out: Path,
    parameters: dict,
    kernel: bool,
    failed: Path,
    cwd: Path,
    prebuilt: dict,
):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from . import engine

    try:
        nb = papermill.execute_notebook(
            str(notebook),
            str(out),
            parameters=parameters,
            kernel_name="python3",
            engine_name=None if kernel else engine.NAME,
            progress_bar=False,
            cwd=str(cwd),
            **({} if kernel else {"namespace": prebuilt}),
        )
    except PapermillExecutionError as error:
        # Kept beside (never inside) the last good output, for whoever debugs it.
        shutil.copyfile(out, failed)
        raise StageError(
            "execute",
            f"notebook cell {error.exec_count} ({_first_line(error.source)}) raised "
            f"{error.ename}: {error.evalue}. The failed notebook is kept at {failed}",
        ) from None
    normalise(nb, notebook, out.name)
    nbformat.write(nb, out)
    return nb


def normalise(nb: nbformat.NotebookNode, notebook: Path, name: str) -> None:
    """What papermill records about the run itself (times, the machine's paths, a random cell
    id) is replaced by what the run was: the same inputs then give the same notebook."""
    record = nb.metadata.get("papermill", {})
    try:
        record["input_path"] = notebook.resolve().relative_to(PACKAGE.parent).as_posix()
    except ValueError:
        record["input_path"] = notebook.name
    record["output_path"] = name
    for key in ("start_time", "end_time", "duration"):
        record[key] = None
    record["environment_variables"] = {}
    for cell in nb.cells:
        for key in ("start_time", "end_time", "duration"):
            if key in cell.metadata.get("papermill", {}):
                cell.metadata["papermill"][key] = None
        cell.metadata.pop("execution", None)  # a kernel's timings
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"


def _first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[0].strip() if lines else "a cell"
