"""Many reports at once (`wres batch`, `make reports`): a batch of three demo organisations
in which one is deliberately broken. The others finish, the summary names the broken one
with the first line of its error, the exit status is non-zero, up-to-date reports are
skipped and parallel jobs leave nothing behind.

The batch is built once per module (`built`); the slow tests share it and leave it as they
found it. The other tests never start a notebook.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader
from test_national import HEADLINE_ROW

from wres_helpers import cli
from wres_helpers.compute.table import read_csv
from wres_helpers.errors import InputError
from wres_helpers.inputs import scaffold
from wres_helpers.running import batch, national
from wres_helpers.standards import WDES, WRES

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
YEAR = 2019
BROKEN = "OHCC"
# The broken organisation compares itself with the other two. (A report whose comparator has
# a broken file leaves that comparator out and says why: see
# test_a_broken_comparator_is_left_out_of_its_peers_report_and_named.)
COMPARATORS = {"SMCH": ["BKCS"], "BKCS": ["SMCH"], BROKEN: ["SMCH", "BKCS"]}
GOOD = ("BKCS", "SMCH")
# Row 3 of the file (the header is row 1) gets a pay band that does not exist.
BAD_BAND = "Band 99"
ERROR = f"data/{BROKEN}/{YEAR}/workforce.csv, row 3, column 'pay_band': found '{BAD_BAND}'"


def make_project(root: Path, comparators: dict[str, list[str]] = COMPARATORS) -> Path:
    """A project folder as an analyst team has it: data/ (the demo's 2018 and 2019 folders),
    params/ made by `wres new` (data_root relative to the project folder), and one
    organisation's workforce.csv broken."""
    for org, peers in comparators.items():
        for year in (YEAR - 1, YEAR):
            shutil.copytree(DEMO / org / str(year), root / "data" / org / str(year))
        scaffold.new(org, YEAR, params_root=root / "params", data_root="data", name=f"{org} NHS")
        path = root / "params" / org / str(YEAR) / "params.yaml"
        text = path.read_text(encoding="utf-8")
        assert "comparators: []" in text
        path.write_text(text.replace("comparators: []", f"comparators: {json.dumps(peers)}"))
    path = root / "data" / BROKEN / str(YEAR) / "workforce.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[2][rows[0].index("pay_band")] = BAD_BAND
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return root


def temporary_folders(output: Path) -> list[Path]:
    """The pipeline's private folders (.2019-xxxx, .2019-old-…) and kept failed notebooks."""
    return [p for p in output.rglob("*") if p.name.startswith(".") or "-failed" in p.name]


def mtime(path: Path) -> float:
    return path.stat().st_mtime


@contextlib.contextmanager
def touched(path: Path, seconds: float = 3600):
    """The file looks edited (its time moved into the future), then as it was."""
    before = path.stat()
    os.utime(path, (before.st_atime, time.time() + seconds))
    try:
        yield path
    finally:
        os.utime(path, (before.st_atime, before.st_mtime))


@contextlib.contextmanager
def edited(path: Path, extra: str = "\n# edited\n"):
    """The file's content changes, its time is put back: only the content can tell."""
    before, stat = path.read_bytes(), path.stat()
    path.write_bytes(before + extra.encode())
    os.utime(path, (stat.st_atime, stat.st_mtime))
    try:
        yield path
    finally:
        path.write_bytes(before)
        os.utime(path, (stat.st_atime, stat.st_mtime))


# --- without building a report ------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_organisations_are_those_with_params_for_the_year(project):
    (project / "params" / "ZZZZ" / str(YEAR)).mkdir(parents=True)  # no params.yaml
    assert batch.organisations(project / "params", YEAR) == ["BKCS", BROKEN, "SMCH"]
    assert batch.organisations(project / "params", YEAR + 1) == []


def test_a_year_without_params_is_refused_naming_the_folder(project, capsys):
    with pytest.raises(InputError) as caught:
        batch.run_batch(YEAR + 1, project / "params", project / "output", standard=WRES)
    message = caught.value.message()
    assert str(project / "params") in message
    assert f"<ORG>/{YEAR + 1}/params.yaml" in message
    assert not (project / "output").exists()

    args = ["batch", str(YEAR + 1), "--params-root", str(project / "params")]
    assert cli.main([*args, "--output-root", str(project / "output")]) == 2
    assert str(project / "params") in capsys.readouterr().err


@pytest.mark.parametrize("year", ["19", "2019/../..", "../2019"])
def test_a_year_that_is_not_a_year_is_refused(project, year):
    with pytest.raises(InputError):
        batch.run_batch(year, project / "params", project / "output", standard=WRES)


def test_the_summary_names_each_failure_with_its_error():
    outcomes = [
        batch.Outcome("AAA", "draft", 9.04, 23),
        batch.Outcome("BBB", "failed", 0.1, error="x.csv, row 3: found 'y'; expected z"),
        batch.Outcome("CCC", "up to date", 0.0),
    ]
    lines = batch.summary(outcomes).splitlines()
    assert lines[0].split() == ["organisation", "status", "seconds", "pages", "error"]
    assert lines[1].split() == ["AAA", "draft", "9.0", "23"]
    assert lines[2].split()[:3] == ["BBB", "failed", "0.1"]
    assert lines[2].endswith("x.csv, row 3: found 'y'; expected z")
    assert lines[3].split() == ["CCC", "up", "to", "date", "0.0"]
    assert lines[-1] == "3 organisations: 1 failed"
    assert batch.main_exit_code(outcomes) == 1
    assert batch.main_exit_code([outcomes[0], outcomes[2]]) == 0


def test_an_error_without_a_message_is_named_by_its_type(project):
    with mock.patch("wres_helpers.running.pipeline.build_report", side_effect=AssertionError()):
        outcome = batch._build_one(
            "SMCH", YEAR, str(project / "params"), str(project / "out"), WRES
        )
    assert (outcome.org, outcome.status, outcome.error) == ("SMCH", "failed", "AssertionError")


def dies_in_the_worker(org: str, year: int, params_root: str, output_root: str, standard):
    """Stands in for batch._build_one: the broken organisation's worker process dies (as if
    killed for lack of memory); the others build nothing and succeed."""
    if org == BROKEN:
        os._exit(1)
    return batch.Outcome(org, "built", 0.1, 1)


@pytest.mark.slow  # no report is built, but each retry starts a pool of its own (~5 s)
def test_a_worker_that_dies_fails_only_its_own_organisation(project):
    """The pool is broken for every job running beside the one that died: those are retried
    one by one, so the organisation whose worker dies again fails alone, named."""
    said: list[str] = []
    with contextlib.chdir(project), mock.patch.object(batch, "_build_one", dies_in_the_worker):
        outcomes = batch.run_batch(
            YEAR, Path("params"), Path("output"), jobs=3, say=said.append, standard=WRES
        )
    assert sorted(o.org for o in outcomes) == sorted(COMPARATORS)  # each once
    by_org = {o.org: o for o in outcomes}
    assert by_org[BROKEN].status == "failed"
    assert by_org[BROKEN].error.startswith("BrokenProcessPool")
    assert {by_org[org].status for org in GOOD} == {"built"}
    assert batch.main_exit_code(outcomes) == 1
    assert len(said) == 1 + len(COMPARATORS)  # a progress line for each


def counts_blas_threads(org: str, year: int, params_root: str, output_root: str, standard):
    """Stands in for batch._build_one: the worker's BLAS threads, as its pages."""
    from threadpoolctl import threadpool_info

    threads = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    return batch.Outcome(org, "built", 0.1, max(threads))


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: BLAS has one thread anyway")
def test_each_worker_runs_blas_on_one_thread(project):
    """With a worker per core, BLAS's own threads (one per core each) oversubscribed the
    cores: a batch of 10 took 3 to 4 times as long (bench/bench.py)."""
    from threadpoolctl import threadpool_info

    here = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    assert max(here) > 1  # what a worker would have without its limit
    with contextlib.chdir(project), mock.patch.object(batch, "_build_one", counts_blas_threads):
        outcomes = batch.run_batch(
            YEAR, Path("params"), Path("output"), jobs=2, say=lambda _: None, standard=WRES
        )
    assert [(o.org, o.pages) for o in outcomes] == [(org, 1) for org in sorted(COMPARATORS)]


def typesets_in_the_worker(org: str, year: int, params_root: str, output_root: str, standard):
    from wres_helpers.rendering.render import typst_to_pdf

    pages = typst_to_pdf("#set document(title: [Worker])\nHello", Path(output_root) / f"{org}.pdf")
    return batch.Outcome(org, "built", 0.1, pages)


@pytest.mark.slow
def test_workers_typeset_after_this_process_has(project):
    """A batch started by a process that has built a report already (a notebook, a test run,
    the benchmark) must neither hang nor fail: a forked worker would inherit the Typst
    compiler's threads' locks but not the threads, and a worker started cleanly needs this
    program's __main__, which the in-process engine must leave in place."""
    from wres_helpers.rendering.render import typst_to_pdf
    from wres_helpers.running import engine

    output = project / "output"
    output.mkdir()
    assert typst_to_pdf("#set document(title: [Parent])\nHello", output / "parent.pdf") == 1
    shell = engine.new_shell()  # as after a report built in this process
    engine.run_cell(shell, "x = 1")
    engine.close(shell)
    assert sys.modules["__main__"].__name__ == "__main__"
    with (
        contextlib.chdir(project),
        mock.patch.object(batch, "_build_one", typesets_in_the_worker),
    ):
        outcomes = batch.run_batch(
            YEAR, Path("params"), output, jobs=2, say=lambda _: None, standard=WRES
        )
    assert sorted((o.org, o.status, o.pages) for o in outcomes) == [
        (org, "built", 1) for org in sorted(COMPARATORS)
    ]


@pytest.mark.slow
def test_a_broken_comparator_is_left_out_of_its_peers_report_and_named(tmp_path):
    """One organisation's bad file must not stop every report that compares with it: SMCH's
    report leaves the broken comparator out, saying why (its first problem); the broken
    organisation's own report is still refused. Checked before any notebook runs."""
    from wres_helpers.report import ReportData

    project = make_project(tmp_path, {"SMCH": [BROKEN], BROKEN: ["SMCH"]})
    with contextlib.chdir(project):
        report = ReportData.build("SMCH", YEAR, Path("params"), standard=WRES)
        with pytest.raises(InputError, match="Band 99"):
            ReportData.build(BROKEN, YEAR, Path("params"), standard=WRES)
    assert list(report.left_out) == [BROKEN]
    # The file and the kind of problem, never the comparator's value or row (issue 13, 2).
    assert report.left_out[BROKEN] == (
        f"its data has problems (data/{BROKEN}/{YEAR}/workforce.csv: a value in column "
        "'pay_band' not as the data contract expects)"
    )
    assert BROKEN not in set(report.published["org"])
    # The report says so in its Background section.
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from wres_helpers import sections

    InteractiveShell.instance()
    with capture_output() as shown:
        sections.background(report)
    text = " ".join(str(o.data) for o in shown.outputs)
    assert f"({BROKEN}) is left out of every comparison" in text
    assert "Band 99" not in text and "row 3" not in text


# --- a batch of three, one broken ---------------------------------------------------------


@dataclass
class Built:
    root: Path
    params: Path
    output: Path
    outcomes: dict[str, batch.Outcome]
    summary: str
    said: list[str]

    def pdf(self, org: str) -> Path:
        return self.output / org / str(YEAR) / f"{org}-{YEAR}-WRES-DRAFT.pdf"

    def run(self, **options) -> dict[str, batch.Outcome]:
        """Run the batch again (the package is an input too: do not edit it meanwhile)."""
        with contextlib.chdir(self.root):
            outcomes = batch.run_batch(
                YEAR, self.params, self.output, say=print, standard=WRES, **options
            )
        return {o.org: o for o in outcomes}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    root = make_project(tmp_path_factory.mktemp("project"))
    said: list[str] = []
    with contextlib.chdir(root):
        outcomes = batch.run_batch(
            YEAR, Path("params"), Path("output"), jobs=2, say=said.append, standard=WRES
        )
    print("\n".join(said))
    return Built(
        root=root,
        params=root / "params",
        output=root / "output",
        outcomes={o.org: o for o in outcomes},
        summary=batch.summary(outcomes),
        said=said,
    )


@pytest.mark.slow
def test_the_others_finish(built):
    for org in GOOD:
        outcome = built.outcomes[org]
        assert outcome.status == "draft", outcome  # new organisations: prompts left
        assert not outcome.error and outcome.seconds > 0
        assert built.pdf(org).exists()
        assert outcome.pages == len(PdfReader(built.pdf(org)).pages) > 1
        rows = read_csv(built.output / org / str(YEAR) / "indicators.csv")
        assert set(rows["org"]) == {org, *COMPARATORS[org]}


@pytest.mark.slow
def test_the_broken_one_fails_with_the_first_line_of_its_error(built):
    outcome = built.outcomes[BROKEN]
    assert outcome.status == "failed"
    assert outcome.error.startswith(ERROR)  # file, row, column and the value found
    assert "\n" not in outcome.error
    assert outcome.pages == 0
    assert not (built.output / BROKEN).exists()  # nothing half-built


@pytest.mark.slow
def test_the_summary_names_the_broken_one_and_the_exit_status_is_not_zero(built):
    lines = built.summary.splitlines()
    assert lines[0].split()[:4] == ["organisation", "status", "seconds", "pages"]
    by_org = {line.split()[0]: line for line in lines[1:-1]}
    assert sorted(by_org) == sorted(COMPARATORS)
    assert by_org[BROKEN].split()[1] == "failed"
    assert ERROR in by_org[BROKEN]
    for org in GOOD:
        assert by_org[org].split()[1] == "draft"
        assert by_org[org].split()[3] == str(built.outcomes[org].pages)
    assert lines[-1] == "3 organisations: 1 failed"
    assert batch.main_exit_code(list(built.outcomes.values())) == 1


@pytest.mark.slow
def test_each_job_has_a_labelled_progress_line(built):
    assert built.said[0] == f"Building 3 of 3 reports for {YEAR} with 2 worker(s)"
    progress = built.said[1:]
    labels = [re.match(r"\[\s*(\d+)/3\] (\w+) ", line) for line in progress]
    assert all(labels), progress
    assert [int(m[1]) for m in labels] == [1, 2, 3]  # in the order they finish
    assert sorted(m[2] for m in labels) == sorted(COMPARATORS)
    failed = next(line for line in progress if BROKEN in line)
    assert "failed" in failed and ERROR in failed


@pytest.mark.slow
def test_parallel_jobs_leave_no_temporary_folders(built):
    assert temporary_folders(built.output) == []
    assert sorted(p.name for p in built.output.iterdir()) == sorted(GOOD)
    for org in GOOD:
        assert [p.name for p in (built.output / org).iterdir()] == [str(YEAR)]
        names = sorted(p.name for p in (built.output / org / str(YEAR)).iterdir())
        stem = f"{org}-{YEAR}-WRES-DRAFT"
        assert names == sorted(
            [f"{stem}.html", f"{stem}.ipynb", f"{stem}.pdf", "indicators.csv"]
            + [f"{org}-{YEAR}-WRES-method-DRAFT.pdf"]  # the technical annex, a draft's
            + ["indicators.meta.csv", "indicators.xlsx", "inputs.sha256"]
        )  # its own files only: no other job's, no figures or scratch files left over


@pytest.mark.slow
def test_a_second_run_skips_the_up_to_date_reports(built):
    before = {org: mtime(built.pdf(org)) for org in GOOD}
    outcomes = built.run(jobs=2)
    for org in GOOD:
        assert outcomes[org].status == "up to date"
        assert mtime(built.pdf(org)) == before[org]
    assert outcomes[BROKEN].status == "failed"  # nothing built, so tried again
    assert batch.main_exit_code(list(outcomes.values())) == 1
    assert temporary_folders(built.output) == []


@pytest.mark.slow
def test_an_edited_input_rebuilds_that_report_only(built):
    """BKCS's commentary was edited (its time put back): BKCS alone is rebuilt; SMCH's
    commentary was only touched (same content): SMCH is up to date. (BKCS's params.yaml
    would rebuild SMCH too: SMCH compares with BKCS under BKCS's own disclosure rule.)"""
    before = {org: mtime(built.pdf(org)) for org in GOOD}
    with (
        edited(built.params / "BKCS" / str(YEAR) / "commentary" / "summary.md"),
        touched(built.params / "SMCH" / str(YEAR) / "commentary" / "summary.md"),
    ):
        outcomes = built.run(jobs=2)
    assert outcomes["BKCS"].status == "draft"
    assert outcomes["SMCH"].status == "up to date"
    assert outcomes[BROKEN].status == "failed"
    assert mtime(built.pdf("BKCS")) > before["BKCS"]
    assert mtime(built.pdf("SMCH")) == before["SMCH"]
    assert temporary_folders(built.output) == []


@pytest.mark.slow
def test_the_command_with_force_rebuilds_prints_the_summary_and_exits_1(built):
    """`wres batch 2019 --force` from the project folder, as `make reports` runs it."""
    before = {org: mtime(built.pdf(org)) for org in GOOD}
    done = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "batch", str(YEAR), "--jobs", "2", "--force"]
        + ["--params-root", "params", "--output-root", "output"],
        cwd=built.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(done.stdout, done.stderr)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Building 3 of 3 reports for {YEAR} with 2 worker(s)"
    assert sum(bool(re.match(r"\[\s*\d/3\] ", line)) for line in lines) == 3
    start = lines.index(next(line for line in lines if line.startswith("organisation ")))
    rows = {line.split()[0]: line.split() for line in lines[start + 1 : -1]}
    assert sorted(rows) == sorted(COMPARATORS)
    assert rows["BKCS"][1] == rows["SMCH"][1] == "draft"
    assert rows[BROKEN][1] == "failed" and ERROR in " ".join(rows[BROKEN])
    assert lines[-1] == "3 organisations: 1 failed"
    for org in GOOD:
        assert mtime(built.pdf(org)) > before[org]
    assert temporary_folders(built.output) == []


@pytest.mark.slow
def test_each_report_shows_its_peers_as_the_comparison_does(built):
    """SMCH's report shows BKCS's figures and BKCS's shows SMCH's; the national comparison
    takes each from the organisation's own report. They agree."""
    data = national.NationalData.build(YEAR, built.output, standard=WRES)
    table = data.table.set_index(["indicator", "org"])
    assert set(data.table["org"]) == set(GOOD)
    for org, peer in (("SMCH", "BKCS"), ("BKCS", "SMCH")):
        # The peer's headline rows in org's own file, picked by the rows written out in
        # test_national (not by the comparison's own rule).
        rows = read_csv(built.output / org / str(YEAR) / "indicators.csv")
        rows = rows[(rows["org"] == peer) & (rows["year"] == YEAR)]
        for indicator, (measure, breakdown, group) in HEADLINE_ROW.items():
            found = rows[
                (rows["indicator"] == str(indicator))
                & (rows["measure"] == measure)
                & (rows["breakdown"] == breakdown)
                & (rows["group"] == group)
            ]["value"]
            assert len(found) == 1, (org, peer, indicator)
            mine, theirs = found.iloc[0], table.loc[(str(indicator), peer), "value"]
            assert (mine == theirs) or (mine != mine and theirs != theirs), (org, peer, indicator)


@pytest.mark.slow
@pytest.mark.parametrize("standard", [WRES, WDES], ids=["wres", "wdes"])
def test_every_demo_organisation_has_what_each_standard_needs(standard):
    """`make reports YEAR=2019` builds both standards for every demo organisation: each
    has the parameters, commentary and action plan its report reads (a draft is fine)."""
    from wres_helpers.report import ReportData

    orgs = sorted(p.parent.parent.name for p in (ROOT / "params").glob("*/2019/params.yaml"))
    assert len(orgs) == 7
    with contextlib.chdir(ROOT):
        for org in orgs:
            report = ReportData.build(org, 2019, ROOT / "params", standard=standard)
            assert report.words_dir.is_dir() and not report.actions.columns.empty, org
