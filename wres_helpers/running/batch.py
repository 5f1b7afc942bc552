"""Many reports at once: every organisation with parameters for a year, on all cores.

A pool of worker processes (one per core by default) each imports the libraries once
and then builds report after report in-process, so kernel start-up and imports stay off
the per-report path. Each job has its own output and temporary folder (the pipeline's),
so jobs never race. One failure does not stop the others.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..errors import Exit, InputError, Problem
from ..inputs.params import PARAMS_FILE, check_org_year
from ..standards.registry import Standard

START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


@dataclass(frozen=True)
class Outcome:
    org: str
    status: str  # "built", "draft", "up to date" or "failed"
    seconds: float
    pages: int = 0
    error: str = ""


def organisations(params_root: Path, year: int) -> list[str]:
    """Every organisation with a params.yaml for the year."""
    return sorted(p.parent.parent.name for p in Path(params_root).glob(f"*/{year}/{PARAMS_FILE}"))


def up_to_date(
    org: str, year: int, params_root: Path, output_root: Path, standard: Standard
) -> bool:
    """True when the report's recorded manifest (the WDES's inputs-wdes.sha256) equals its
    inputs' manifest now."""
    from .pipeline import is_up_to_date

    return is_up_to_date(org, year, params_root, output_root, standard)


def _warm_up() -> None:
    # Paid once per worker, not once per report.
    import pandas  # noqa: F401
    import papermill  # noqa: F401
    import typst  # noqa: F401

    from .. import sections  # noqa: F401

    # What is imported lives as long as the worker: frozen, the collector's full passes (a
    # few each report) stop rescanning it, which cost about 0.1 s a report.
    gc.collect()
    gc.freeze()


def _build_one(
    org: str, year: int, params_root: str, output_root: str, standard: Standard
) -> Outcome:
    from .pipeline import build_report

    start = time.perf_counter()
    try:
        result = build_report(
            org,
            year,
            params_root=Path(params_root),
            output_root=Path(output_root),
            say=lambda _: None,
            standard=standard,
        )
    except Exception as error:  # a batch reports every failure and carries on
        text = error.message() if isinstance(error, InputError) else str(error)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        lines = lines or [type(error).__name__]  # e.g. a bare `assert` has no message
        first = lines[1] if isinstance(error, InputError) and len(lines) > 1 else lines[0]
        return Outcome(org, "failed", time.perf_counter() - start, error=first)
    status = "draft" if result.draft else "built"
    return Outcome(org, status, time.perf_counter() - start, result.pages)


def run_batch(
    year: int | str,
    params_root: Path = Path("params"),
    output_root: Path = Path("output"),
    jobs: int | None = None,
    force: bool = False,
    say=lambda text: print(text, flush=True),
    *,
    standard: Standard,
) -> list[Outcome]:
    """Build every organisation's report of `standard` for `year` (each with a params.yaml
    under params_root) in a pool of worker processes; one failure stops no other.

    Parameters
    ----------
    year : int or str
        The reporting year.
    params_root, output_root : Path
        Where the parameters are read and the reports are written.
    jobs : int, optional
        Worker processes (default: one per core, no more than reports to build).
    force : bool
        Rebuild reports that are up to date.
    say : callable
        Where progress is written.
    standard : Standard
        The standard reported on.

    Returns
    -------
    list of Outcome
        One per organisation, by code: built, draft, up to date or failed (with why).

    Raises
    ------
    InputError
        No organisation has parameters for the year.
    """
    _, year = check_org_year("ALL", str(year))
    orgs = organisations(params_root, year)
    if not orgs:
        raise InputError(
            [
                Problem(
                    str(params_root),
                    f"<ORG>/{year}/{PARAMS_FILE} for at least "
                    "one organisation (make new ORG=… YEAR=… creates one)",
                )
            ]
        )
    outcomes: list[Outcome] = []
    todo = []
    for org in orgs:
        if not force and up_to_date(org, year, params_root, output_root, standard):
            outcomes.append(Outcome(org, "up to date", 0.0))
            say(f"[{org:<8}] up to date")
        else:
            todo.append(org)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    say(f"Building {len(todo)} of {len(orgs)} reports for {year} with {jobs} worker(s)")
    progress = Progress(len(todo), say)
    died = _run_pool(todo, year, params_root, output_root, jobs, progress, outcomes, standard)
    # A worker that dies (killed, out of memory) breaks the pool for every job it was running
    # with. Those are retried one at a time, each in a pool of its own, so a report that kills
    # its worker again fails alone and the others finish.
    for org in died:
        _run_pool([org], year, params_root, output_root, 1, progress, outcomes, standard, True)
    return sorted(outcomes, key=lambda o: o.org)


@dataclass
class Progress:
    total: int
    say: Callable[[str], None]
    done: int = 0

    def report(self, outcome: Outcome, retry: bool = False) -> None:
        self.done += 1
        detail = outcome.error if outcome.status == "failed" else f"{outcome.pages} pages"
        again = " (retried)" if retry else ""
        self.say(
            f"[{self.done:>3}/{self.total}] {outcome.org:<8} {outcome.status:<6} "
            f"{outcome.seconds:5.1f} s  {detail}{again}"
        )


def _run_pool(
    orgs, year, params_root, output_root, jobs, progress, outcomes, standard, retry=False
):
    """Build `orgs` in a pool of `jobs` workers; append each outcome. Returns the
    organisations whose worker died, unless this is the retry (then they fail, named)."""
    # Workers start from a clean server process, never as a fork of this one: a fork of a
    # process whose Typst compiler has started its threads can hang on their locks. Where
    # there is no fork at all (Windows), each worker is a fresh interpreter (spawn).
    context = multiprocessing.get_context(START_METHOD)
    died = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up) as pool:
        futures = {
            pool.submit(_build_one, org, year, str(params_root), str(output_root), standard): org
            for org in orgs
        }
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool as error:
                if not retry:
                    died.append(futures[future])
                    continue
                outcome = Outcome(futures[future], "failed", 0.0, error=_reason(error))
            except Exception as error:  # still summarise
                outcome = Outcome(futures[future], "failed", 0.0, error=_reason(error))
            outcomes.append(outcome)
            progress.report(outcome, retry)
    return sorted(died)


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def summary(outcomes: list[Outcome]) -> str:
    width = max([len(o.org) for o in outcomes] + [12])
    lines = [f"{'organisation':<{width}}  {'status':<10} {'seconds':>7} {'pages':>5}  error"]
    for o in outcomes:
        lines.append(
            f"{o.org:<{width}}  {o.status:<10} {o.seconds:7.1f} {o.pages or '':>5}  {o.error}"
        )
    failed = sum(o.status == "failed" for o in outcomes)
    lines.append(f"{len(outcomes)} organisations: {failed} failed")
    return "\n".join(lines)


def main_exit_code(outcomes: list[Outcome]) -> int:
    return Exit.FAILED if any(o.status == "failed" for o in outcomes) else Exit.DONE
