"""One report, start to finish: parameters → notebook (papermill) → HTML → PDF → output/.

Everything is written to a private temporary folder first and moved into
output/<ORG>/<YEAR>/ only when every stage has succeeded, so a failed run never
replaces the last good report. Each stage prints its time as it goes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import NOTEBOOKS
from ..errors import InputError, Problem, WresError

NOTEBOOK = NOTEBOOKS / "wres_report.ipynb"
INDICATORS_CSV = "indicators.csv"
STANDARD_CODES = ("wres", "wdes")


def notebook_for(code: str) -> Path:
    """Each standard's story is its own notebook over the same sections: wdes_report.ipynb."""
    return NOTEBOOKS / f"{code.lower()}_report.ipynb"


class StageError(WresError):
    """A stage failed for a reason that is not the analyst's input."""

    def __init__(self, stage: str, message: str):
        self.stage = stage
        super().__init__(f"stage '{stage}' failed: {message}")


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


def output_names(org: str, year: int, draft: bool, code: str = "wres") -> dict[str, str]:
    stem = f"{org}-{year}-{code.upper()}{'-DRAFT' if draft else ''}"
    return {
        "notebook": f"{stem}.ipynb",
        "html": f"{stem}.html",
        "pdf": f"{stem}.pdf",
        "csv": INDICATORS_CSV if code.lower() == "wres" else f"indicators-{code.lower()}.csv",
    }


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
    standard: str = "wres",
) -> Result:
    """Build one organisation-year report. Raises InputError for the analyst's mistakes."""
    from ..sections.report import ReportData

    timings = Timings(say) if say else Timings()
    timings.say(f"{standard.upper()} report {org} {year}")
    with timings.stage("parameters"):
        # refuses bad input before any kernel
        report = ReportData.build(org, year, params_root, standard)
    missing = report.missing_for_final()
    if final and missing:
        raise InputError(
            [Problem("final report", "nothing missing; still missing: " + m) for m in missing]
        )
    names = output_names(report.org, report.year, bool(missing), standard)
    target = Path(output_root) / report.org / str(report.year)
    parameters = {
        "org": report.org,
        "year": report.year,
        "params_root": str(Path(params_root).resolve()),
    }
    # In process, the notebook is handed the report just built (a kernel builds its own).
    pages = publish_notebook(
        notebook_for(standard),
        parameters,
        target,
        names,
        timings,
        kernel,
        final=not missing,
        prebuilt=None if kernel else {"prebuilt": report},
    )
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
    final: bool = False,
    prebuilt: dict | None = None,
) -> int:
    """Execute a notebook into a private folder, render it, then swap the folder into place.

    The notebook gets `output_dir` (that private folder) for any files it writes itself;
    run in process, its namespace starts with `prebuilt` (objects already built for it).
    A `final` report is refused if a chart has no description. Returns the PDF's page count."""
    from ..rendering.render import (
        TypesettingError,
        notebook_to_html,
        notebook_to_pdf,
        undescribed_charts,
    )

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    work.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable
    try:
        with timings.stage("execute"):
            nb = _execute(
                notebook,
                work / names["notebook"],
                parameters | {"output_dir": str(work)},
                kernel,
                failed=target.parent / f"{target.name}-failed.ipynb",
                prebuilt=prebuilt or {},
            )
        if final and (undescribed := undescribed_charts(nb, notebook.name)):
            raise InputError(undescribed)
        with timings.stage("html"):
            html = notebook_to_html(nb)
            (work / names["html"]).write_text(html, encoding="utf-8")
        with timings.stage("pdf"):
            try:
                pages = notebook_to_pdf(nb, work / names["pdf"])
            except TypesettingError as error:
                raise StageError("pdf", str(error)) from None
        with timings.stage("publish"):
            _carry_over(target, work, names)
            _replace_folder(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return pages


def _execute(
    notebook: Path, out: Path, parameters: dict, kernel: bool, failed: Path, prebuilt: dict
):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from . import engine

    try:
        return papermill.execute_notebook(
            str(notebook),
            str(out),
            parameters=parameters,
            kernel_name="python3",
            engine_name=None if kernel else engine.NAME,
            progress_bar=False,
            cwd=str(Path.cwd()),
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


def _first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[0].strip() if lines else "a cell"


def _carry_over(target: Path, work: Path, names: dict[str, str]) -> None:
    """The other standard's report shares the folder: copy its files into the new folder,
    so publishing one standard's report leaves the other's in place. This report's own
    files of an earlier run (its draft, say) are not carried over."""
    if not target.is_dir():
        return
    stem = names["pdf"].removesuffix(".pdf").removesuffix("-DRAFT")
    for path in target.iterdir():
        own = path.name == names["csv"] or path.name.startswith((f"{stem}.", f"{stem}-DRAFT."))
        if path.is_file() and not own and not (work / path.name).exists():
            shutil.copy2(path, work / path.name)


def _replace_folder(new: Path, target: Path) -> None:
    """Swap the finished folder in; the old one goes only once the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{new.name}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
