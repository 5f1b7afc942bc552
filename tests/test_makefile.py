"""The Makefile hands ORG, YEAR and the rest to `wres` without any shell seeing their text
(issue 13.4), and nothing under data/ can break it (no file list is made of it).

`wres` is stood in for by a script that records the arguments it was given; the real
Makefile runs in a copy of the project folder."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDER = """#!/bin/sh
python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@" >> "$(dirname "$0")/calls"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / ".installed").touch()  # the environment stands built: newer than both
    (fake / "wres").write_text(RECORDER)
    (fake / "wres").chmod(0o755)
    weird = tmp_path / "data" / "demo" / "ECCH" / "2019"
    weird.mkdir(parents=True)
    (weird / "notes from: the board 2019.csv").write_text("a,b\n")  # spaces and a colon
    (tmp_path / "data" / "odd dir:x").mkdir()
    return tmp_path


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", f"BIN={project / 'fake'}", "STAMP=fake/.installed", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )


def calls(project: Path) -> list[list[str]]:
    path = project / "fake" / "calls"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_report_calls_wres_report_with_the_values_as_given(project):
    done = make(project, "report", "ORG=ECCH", "YEAR=2019")
    assert done.returncode == 0, done.stderr
    assert make(project, "report", "ORG=ECCH", "YEAR=2019", "FORCE=1").returncode == 0
    assert make(project, "reports", "YEAR=2019", "JOBS=2").returncode == 0
    assert calls(project) == [
        ["report", "ECCH", "2019"],
        ["report", "ECCH", "2019", "--force"],
        ["batch", "2019", "--jobs", "2"],
        ["batch", "2019", "--standard", "wdes", "--jobs", "2"],
        ["national", "2019"],
        ["national", "2019", "--standard", "wdes"],
    ]


def test_preview_passes_port_and_standard_as_given(project):
    assert make(project, "preview", "ORG=ECCH", "YEAR=2019").returncode == 0
    done = make(project, "preview", "ORG=ECCH", "YEAR=2019", "PORT=8123", "STANDARD=wdes")
    assert done.returncode == 0, done.stderr
    assert calls(project) == [
        ["preview", "ECCH", "2019", "--port", "8000"],
        ["preview", "ECCH", "2019", "--port", "8123", "--standard", "wdes"],
    ]


@pytest.mark.parametrize(
    "value",
    [
        "X;touch pwned",
        "X$(shell touch pwned)",
        "`touch pwned`",
        '";touch pwned;"',
        "$$(touch pwned)",
        "A B",
        "../ECCH",
    ],
)
def test_a_hostile_org_or_year_runs_nothing(project, value):
    for args in ([f"ORG={value}", "YEAR=2019"], ["ORG=ECCH", f"YEAR={value}"]):
        done = make(project, "report", *args)
        assert done.returncode != 0
        assert "may hold only letters and digits" in done.stderr
    done = make(project, "reports", f"JOBS={value}", "YEAR=2019")
    assert done.returncode != 0
    for other in (f"PORT={value}", f"STANDARD={value}"):  # preview expanded PORT in make
        done = make(project, "preview", "ORG=ECCH", "YEAR=2019", other)
        assert done.returncode != 0 and "may hold only letters and digits" in done.stderr
    assert not (project / "pwned").exists()
    assert calls(project) == []  # refused before any recipe ran


def test_free_text_reaches_wres_as_text(project):
    name = "O'Brien & Sons; $(shell touch pwned) `touch pwned` $$(touch pwned)"
    done = make(project, "new", "ORG=NEWORG", "YEAR=2019", f"NAME={name}", "DATA=my data:x")
    assert done.returncode == 0, done.stderr
    assert not (project / "pwned").exists()
    assert calls(project) == [["new", "NEWORG", "2019", "--name", name, "--data-root", "my data:x"]]
