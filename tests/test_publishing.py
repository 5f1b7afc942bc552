"""Fit to publish (issue 11.2, 11.3; 13.7): the same inputs give the same bytes wherever the
project lives and whenever it runs; the data files beside the report read back as
indicators.csv; faults leave the last good report as it was.

Two copies of the project are made as a user gets them: a `git clone` of this repository,
with this working tree's files laid over it (so the code under test is the code as it is
now, committed or not). Each builds ECCH 2019 with `python -m wres_helpers report` in its own
folder, at its own time, with a different SOURCE_DATE_EPOCH (the Board approval date wins).
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from wres_helpers.compute.table import META_COLUMNS, NOTES_SHEET, read_xlsx
from wres_helpers.inputs.manifest import digest
from wres_helpers.standards import WDES, WRES

MANIFEST = WRES.manifest_name

ROOT = Path(__file__).resolve().parent.parent
ORG, YEAR = "ECCH", 2019
STEM = f"{ORG}-{YEAR}-WRES"
OUTPUTS = sorted(
    [f"{STEM}.pdf", f"{STEM}-method.pdf", f"{STEM}.html", f"{STEM}.ipynb", "indicators.csv"]
    + ["indicators.xlsx", "indicators.meta.csv", MANIFEST]
)

pytestmark = pytest.mark.slow


def clone(dest: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source, copy = ROOT / name, dest / name
        if source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
        elif copy.is_file():  # deleted in this working tree
            copy.unlink()
    return dest


def wres(project: Path, *args: str, epoch: str = "0", **options) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project), "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "wres_helpers", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **options,
    )


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@dataclass
class Built:
    a: Path
    b: Path
    killed_leftovers: list[tuple[str, int]]  # (name, mode) of what the killed run left

    def folder(self, project: Path | None = None) -> Path:
        return (project or self.a) / "output" / ORG / str(YEAR)


def kill_mid_build(project: Path) -> list[tuple[str, int]]:
    """Start a build and kill it (SIGKILL) once its private folder exists."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    run = subprocess.Popen(
        [sys.executable, "-m", "wres_helpers", "report", ORG, str(YEAR)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = project / "output" / ORG
    deadline = time.monotonic() + 120
    while not list(parent.glob(f".{YEAR}-build-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    run.send_signal(signal.SIGKILL)
    run.wait()
    return [(p.name, stat.S_IMODE(p.stat().st_mode)) for p in parent.glob(f".{YEAR}-*")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    a = clone(tmp_path_factory.mktemp("here") / "wres")
    b = clone(tmp_path_factory.mktemp("somewhere-else") / "project copy")
    killed = kill_mid_build(a)
    for project, epoch in ((a, "0"), (b, "1700000000")):
        done = wres(project, "report", ORG, str(YEAR), epoch=epoch)
        print(done.stderr)
        assert done.returncode == 0, done.stderr
        time.sleep(1.1)  # the second build runs at another second
    return Built(a, b, killed)


def test_two_clones_give_byte_identical_outputs(built):
    first, second = hashes(built.folder()), hashes(built.folder(built.b))
    print("\n".join(f"{h}  {n}" for n, h in first.items()))
    assert sorted(first) == OUTPUTS
    assert first == second


def test_nothing_records_where_the_project_lives(built):
    for project in (built.a, built.b):
        folder = built.folder(project)
        texts = [p.read_bytes() for p in folder.iterdir() if p.suffix != ".xlsx"]
        with zipfile.ZipFile(folder / "indicators.xlsx") as book:
            texts += [book.read(name) for name in book.namelist()]
        for text in texts:
            assert str(project).encode() not in text
            assert str(project.parent).encode() not in text
            assert b"/tmp/" not in text and b"pytest-of" not in text


def test_the_pdf_dates_are_the_board_approval_date(built):
    info = PdfReader(built.folder() / f"{STEM}.pdf").metadata
    assert info.creation_date.date().isoformat() == "2019-10-17"
    assert info.modification_date.date().isoformat() == "2019-10-17"


def test_the_annex_gives_the_digest_that_anyone_can_recompute(built):
    folder = built.folder()
    value = digest((folder / MANIFEST).read_text(encoding="utf-8"))
    # In the technical annex (the method and provenance), not the Board PDF or the page.
    annex = PdfReader(folder / f"{STEM}-method.pdf").pages
    text = "".join(page.extract_text() for page in annex)
    assert value in "".join(text.split())  # the PDF may break the line inside it
    done = subprocess.run(["sha256sum", MANIFEST], cwd=folder, capture_output=True, text=True)
    assert done.stdout.split()[0] == value
    done = wres(built.a, "digest", ORG, str(YEAR))
    assert done.returncode == 0 and done.stdout.strip() == value
    done = wres(built.a, "digest", ORG, str(YEAR), "--list")
    assert done.stdout.splitlines()[:-1] == (folder / MANIFEST).read_text().splitlines()


def test_a_killed_run_leaves_a_private_folder_the_next_run_removes(built):
    assert built.killed_leftovers, "the killed run left no build folder"
    for name, mode in built.killed_leftovers:
        assert name.startswith(f".{YEAR}-build-")
        assert mode == 0o700  # never world-readable, not even group-readable
    parent = built.folder().parent
    assert sorted(p.name for p in parent.iterdir()) == [str(YEAR)]  # the next run removed it


def test_the_report_says_up_to_date_and_builds_nothing(built):
    before = {p.name: p.stat().st_mtime_ns for p in built.folder().iterdir()}
    done = wres(built.a, "report", ORG, str(YEAR))
    assert done.returncode == 0
    assert "up to date" in done.stderr and "--force" in done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in built.folder().iterdir()} == before


def test_the_workbook_holds_exactly_indicators_csv(built):
    folder = built.folder()
    csv = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    sheets = read_xlsx(folder / "indicators.xlsx")
    assert list(sheets) == [NOTES_SHEET] + [f"Indicator {n}" for n in range(1, 10)]
    for n in range(1, 10):
        sheet = sheets[f"Indicator {n}"]
        rows = csv[csv["indicator"] == str(n)].reset_index(drop=True)
        assert list(sheet.columns) == list(csv.columns)
        assert len(sheet) == len(rows) > 0
        for column in csv.columns:
            if column in ("value", "ci_low", "ci_high", "numerator", "denominator"):
                mine = pd.to_numeric(sheet[column].replace("", None))
                theirs = pd.to_numeric(rows[column].replace("", None))
                pd.testing.assert_series_equal(mine, theirs, check_names=False)
            else:
                assert sheet[column].tolist() == rows[column].tolist(), (n, column)
    notes = dict(zip(sheets[NOTES_SHEET]["Note"], sheets[NOTES_SHEET]["Detail"], strict=True))
    assert notes["Synthetic data"].startswith("yes")
    assert notes["Suppression rule"].startswith("Staff counts of 1 to 7 are suppressed")
    assert "95% intervals" in notes["Settings"] and "0.80 to 1.25" in notes["Settings"]
    assert notes["Digest of all inputs (SHA-256)"] == digest((folder / MANIFEST).read_text())
    assert f"technical annex ({ORG}-{YEAR}-WRES-method.pdf)" in notes["Source"]


def test_the_data_dictionary_describes_every_column_and_its_values(built):
    folder = built.folder()
    csv = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    meta = pd.read_csv(folder / "indicators.meta.csv", dtype=str, keep_default_na=False)
    assert list(meta.columns) == META_COLUMNS == ["name", "type", "meaning", "allowed_values"]
    assert meta["name"].tolist() == list(csv.columns)
    assert (meta[["type", "meaning", "allowed_values"]] != "").all().all()
    allowed = dict(zip(meta["name"], meta["allowed_values"], strict=True))
    for column in ("measure", "group", "favours", "non_adverse", "small_numbers", "synthetic"):
        for value in set(csv[column]) - {""}:
            assert value in allowed[column], (column, value)
    kinds = dict(zip(meta["name"], meta["type"], strict=True))
    for column, kind in kinds.items():
        present = csv[column][csv[column] != ""]
        if kind == "integer":
            assert present.str.fullmatch(r"-?\d+").all(), column
        if kind == "number":
            assert pd.to_numeric(present, errors="coerce").notna().all(), column


def test_verify_says_the_published_files_match_then_names_one_that_does_not(built):
    folder = built.folder()
    done = wres(built.a, "verify", f"output/{ORG}/{YEAR}")
    print(done.stdout, done.stderr)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == f"output/{ORG}/{YEAR}: every file matches the rebuild"
    assert sum(line.startswith("matches") for line in done.stdout.splitlines()) == len(OUTPUTS)

    csv = folder / "indicators.csv"
    good = csv.read_bytes()
    try:
        csv.write_bytes(good.replace(b"East", b"Fast", 1) + b"\n")
        done = wres(built.a, "verify", f"output/{ORG}/{YEAR}")
    finally:
        csv.write_bytes(good)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split() for line in lines if not line.startswith("matches")][:1] == [
        ["differs", "indicators.csv"]
    ]
    assert lines[-1] == f"output/{ORG}/{YEAR}: 1 differ"


def _fsize_limit():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then a write past the limit fails: EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_full_disk_leaves_the_last_good_report_and_exits_3(built):
    """The disk fills up mid-build (made with RLIMIT_FSIZE: no file may grow past 200 kB, so
    the 600 kB notebook cannot be written): one line, exit status 3, nothing changed."""
    before = hashes(built.folder())
    done = wres(built.a, "report", ORG, str(YEAR), "--force", preexec_fn=_fsize_limit)
    print(done.stderr)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    message = next(line for line in done.stderr.splitlines() if line.startswith("Not written"))
    assert "File too large (the disk is full or a file-size limit was reached)" in message
    assert hashes(built.folder()) == before
    assert sorted(p.name for p in built.folder().parent.iterdir()) == [str(YEAR)]


def test_the_wdes_report_is_the_same_bytes_in_both_clones_and_verifies(built):
    """The WDES beside the WRES: its own files, byte-identical across the two clones; its
    workbook holds exactly its CSV, a sheet a metric; `wres verify --standard wdes` passes
    and then names a changed file."""
    for project, epoch in ((built.a, "0"), (built.b, "1700000000")):
        done = wres(project, "report", ORG, str(YEAR), "--standard", "wdes", epoch=epoch)
        assert done.returncode == 0, done.stderr
    wdes = sorted(WDES.every_output_name(ORG, YEAR) & set(hashes(built.folder())))
    assert wdes == sorted(
        [f"{ORG}-{YEAR}-WDES.{x}" for x in ("html", "ipynb", "pdf")]
        + [f"{ORG}-{YEAR}-WDES-method.pdf"]
        + ["indicators-wdes.csv", "indicators-wdes.meta.csv", "indicators-wdes.xlsx"]
        + ["inputs-wdes.sha256"]
    )
    first, second = hashes(built.folder()), hashes(built.folder(built.b))
    assert {n: first[n] for n in wdes} == {n: second[n] for n in wdes}

    folder = built.folder()
    sheets = read_xlsx(folder / "indicators-wdes.xlsx")
    csv = pd.read_csv(folder / "indicators-wdes.csv", dtype=str, keep_default_na=False)
    assert list(sheets)[1:] == [WDES.called(i) for i in WDES.ids]  # after the Notes sheet
    for ind in WDES.indicators:
        rows = csv[csv["indicator"] == ind.id].reset_index(drop=True)
        pd.testing.assert_frame_equal(sheets[WDES.called(ind.id)], rows, check_dtype=False)
    meta = pd.read_csv(folder / "indicators-wdes.meta.csv")
    assert meta["name"].tolist() == list(csv.columns)
    assert "4a_i" in meta.loc[meta["name"] == "indicator", "allowed_values"].item()

    done = wres(built.a, "verify", f"output/{ORG}/{YEAR}", "--standard", "wdes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sum(line.startswith("matches") for line in done.stdout.splitlines()) == len(wdes)
    path = folder / "indicators-wdes.csv"
    good = path.read_bytes()
    try:
        path.write_bytes(good + b"\n")
        done = wres(built.a, "verify", f"output/{ORG}/{YEAR}", "--standard", "wdes")
    finally:
        path.write_bytes(good)
    assert done.returncode == 1
    assert ["differs", "indicators-wdes.csv"] in [line.split() for line in done.stdout.splitlines()]


def test_verify_names_a_planted_return_and_reads_no_link_fifo_or_escape_code(built):
    """A folder verify did not build: the return planted in it, indicators.xlsx a link to
    /dev/zero, indicators.meta.csv a FIFO, and terminal escape codes in inputs.sha256."""
    folder = built.folder()
    saved = {p.name: p.read_bytes() for p in folder.iterdir()}
    planted = folder / f"{ORG}-{YEAR}-WRES-return-NOT-FOR-PUBLICATION.csv"
    try:
        planted.write_text("unsuppressed counts\n")
        (folder / "indicators.xlsx").unlink()
        (folder / "indicators.xlsx").symlink_to("/dev/zero")
        (folder / "indicators.meta.csv").unlink()
        os.mkfifo(folder / "indicators.meta.csv")
        with open(folder / MANIFEST, "ab") as f:
            f.write(b"0" * 64 + b"  \x1b[2J\x1b[Hevery file matches the rebuild\x07\n")
        done = wres(built.a, "verify", f"output/{ORG}/{YEAR}")  # hangs on a FIFO if read
    finally:
        for p in folder.iterdir():
            p.unlink()
        for name, data in saved.items():
            (folder / name).write_bytes(data)
    print(done.stdout, done.stderr)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    lines = done.stdout.splitlines()
    assert lines[0] == r"input gone: \x1b[2J\x1b[Hevery file matches the rebuild\x07"
    assert lines[1].split() == ["not", "made", "by", "any", "build", planted.name]
    states = {line[24:]: line[:24].strip() for line in lines[2:-1]}
    assert states["indicators.xlsx"] == "a link: not read"
    assert states["indicators.meta.csv"] == "special file: not read"
    assert states[MANIFEST] == "differs"
    assert states["indicators.csv"] == "matches"
    assert lines[-1] == f"output/{ORG}/{YEAR}: 4 differ or should not be there"
