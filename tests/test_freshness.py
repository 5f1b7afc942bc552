"""A report is never stale (issue 13.4): it is up to date exactly when the manifest of its
inputs recorded beside it equals the manifest made now. File times never count.

These tests never start a notebook: a built report is stood in for by its file names and
the manifest a build records. The end-to-end route (`wres report` saying "up to date", then
rebuilding after `cp -p`) is test_the_command_says_up_to_date_and_rebuilds_after_cp_p.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import pytest
import yaml

from wres_helpers import cli
from wres_helpers.inputs import manifest, scaffold
from wres_helpers.report import report_manifest
from wres_helpers.running import pipeline
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
YEAR = 2019
ORG, PEER, OTHER = "SMCH", "BKCS", "OHCC"


def make_project(root: Path, data_root: Path) -> Path:
    """SMCH compares itself with BKCS; OHCC's data is there but is not its comparator."""
    for org in (ORG, PEER, OTHER):
        for year in (YEAR - 1, YEAR):
            shutil.copytree(DEMO / org / str(year), data_root / org / str(year))
    scaffold.new(ORG, YEAR, params_root=root / "params", data_root=str(data_root), name="S")
    path = root / "params" / ORG / str(YEAR) / "params.yaml"
    params = yaml.safe_load(path.read_text(encoding="utf-8"))
    params["comparators"] = [PEER]
    path.write_text(yaml.safe_dump(params), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # data_root outside the project folder, as the guide recommends for real data
    return make_project(tmp_path / "project", tmp_path / "elsewhere" / "data")


def data(project: Path) -> Path:
    return project.parent / "elsewhere" / "data"


def stand_in_build(project: Path) -> Path:
    """What a build leaves: the report's files and the manifest of its inputs, written last."""
    folder = project / "output" / ORG / str(YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    for name in WRES.output_names(ORG, YEAR, draft=True).values():
        (folder / name).write_text("stands in for a built file\n")
    (folder / WRES.manifest_name).write_text(report_manifest(ORG, YEAR, project / "params"))
    return folder


def fresh(project: Path) -> bool:
    return pipeline.is_up_to_date(ORG, YEAR, project / "params", project / "output", standard=WRES)


def test_never_built_is_not_up_to_date(project):
    assert not fresh(project)


def test_a_build_is_up_to_date_until_an_input_changes(project):
    stand_in_build(project)
    assert fresh(project)


def older_copy(path: Path) -> None:
    """Replace the file by a copy with other content and an older time, as `cp -p` from an
    old extract does: a check on file times would call the report up to date."""
    old = path.with_name("old-extract.csv")
    old.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1))
    os.utime(old, (0, 0))
    subprocess.run(["cp", "-p", str(old), str(path)], check=True)
    old.unlink()
    assert path.stat().st_mtime == 0


@pytest.mark.parametrize(
    "where",
    [
        "params/SMCH/2019/params.yaml",
        "params/SMCH/2019/commentary/summary.md",
        "params/SMCH/2019/action-plan.csv",
        "data/SMCH/2019/workforce.csv",
        "data/SMCH/2018/board.csv",  # an earlier year: the trend
        "data/BKCS/2019/staff_survey.csv",  # a comparator's
        "data/BKCS/2018/workforce.csv",  # a comparator's year before (rolling figures)
    ],
)
def test_a_file_replaced_by_an_older_dated_copy_is_a_change(project, where):
    stand_in_build(project)
    base = data(project) if where.startswith("data/") else project
    older_copy(base / where.removeprefix("data/"))
    assert not fresh(project)


def test_a_comparators_own_parameters_are_an_input(project):
    """Its figures are shown under its own disclosure rule too (issue 21): a comparator's
    params.yaml appearing, or changing, rebuilds the report; another year's does not."""
    stand_in_build(project)
    scaffold.new(PEER, YEAR, params_root=project / "params", data_root=str(data(project)))
    assert not fresh(project)
    stand_in_build(project)
    scaffold.new(PEER, YEAR - 3, params_root=project / "params", data_root=str(data(project)))
    assert fresh(project)
    path = project / "params" / PEER / str(YEAR) / "params.yaml"
    path.write_text(path.read_text() + "settings:\n  suppress_to: 9\n")
    assert not fresh(project)


def test_a_deleted_input_and_a_new_one_are_changes(project):
    stand_in_build(project)
    gone = data(project) / ORG / str(YEAR) / "disciplinary.csv"
    kept = gone.read_bytes()
    gone.unlink()
    assert not fresh(project)
    gone.write_bytes(kept)
    assert fresh(project)
    (data(project) / ORG / str(YEAR - 2)).mkdir()  # a new year folder, read for the trend
    (data(project) / ORG / str(YEAR - 2) / "workforce.csv").write_text("staff_id\n")
    assert not fresh(project)


def test_touching_a_file_or_another_organisation_is_not_a_change(project):
    stand_in_build(project)
    for path in (
        project / "params" / ORG / str(YEAR) / "params.yaml",
        data(project) / ORG / str(YEAR) / "workforce.csv",
    ):
        os.utime(path, (1e9, 2e9))  # a time in the future: same content
    assert fresh(project)
    (data(project) / OTHER / str(YEAR) / "board.csv").write_text("not an input of SMCH\n")
    assert fresh(project)


def test_a_new_data_root_is_a_change_even_with_the_same_files(project, tmp_path):
    stand_in_build(project)
    moved = tmp_path / "moved"
    shutil.copytree(data(project), moved)
    path = project / "params" / ORG / str(YEAR) / "params.yaml"
    params = yaml.safe_load(path.read_text(encoding="utf-8"))
    params["data_root"] = str(moved)
    path.write_text(yaml.safe_dump(params), encoding="utf-8")  # params.yaml changed
    assert not fresh(project)
    stand_in_build(project)
    assert fresh(project)  # the manifest names files under data_root, not machine paths
    older_copy(moved / ORG / str(YEAR) / "workforce.csv")
    assert not fresh(project)


def test_the_code_and_the_lock_file_are_inputs(project, tmp_path):
    package = tmp_path / "pkg" / "wres_helpers"
    (package / "__pycache__").mkdir(parents=True)
    (package / "module.py").write_text("x = 1\n")
    lock = package.parent / manifest.LOCK_FILE
    lock.write_text("pandas==2.2.3\n")
    with mock.patch.object(manifest, "PACKAGE", package):
        stand_in_build(project)
        assert fresh(project)
        (package / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0")
        assert fresh(project)  # compiled files are not code
        (package / "module.py").write_text("x = 2\n")
        assert not fresh(project)
        (package / "module.py").write_text("x = 1\n")
        assert fresh(project)
        lock.write_text("pandas==2.2.4\n")
        assert not fresh(project)


def test_an_as_of_date_from_the_environment_is_an_input(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1570000000")  # 2 October 2019
    stand_in_build(project)  # no Board approval date yet: SOURCE_DATE_EPOCH gives the date
    assert "as_of=2019-10-02" in report_manifest(ORG, YEAR, project / "params")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1580000000")
    assert not fresh(project)


def test_a_missing_output_or_manifest_is_not_up_to_date(project):
    folder = stand_in_build(project)
    (folder / f"{ORG}-{YEAR}-WRES-DRAFT.pdf").unlink()
    assert not fresh(project)
    folder = stand_in_build(project)
    (folder / WRES.manifest_name).unlink()  # as a swap cut short leaves it
    assert not fresh(project)


def test_broken_params_are_never_up_to_date(project):
    stand_in_build(project)
    path = project / "params" / ORG / str(YEAR) / "params.yaml"
    path.write_text(path.read_text() + "\nunknown_key: 1\n")
    os.utime(path, (0, 0))
    assert not fresh(project)


def test_the_manifest_names_no_machine_path(project):
    text = report_manifest(ORG, YEAR, project / "params")
    names = [line.split("  ", 1)[1] for line in text.splitlines()]
    assert str(project.parent) not in text and "/tmp" not in text
    assert "params/SMCH/2019/params.yaml" in names
    assert "data/SMCH/2016/workforce.csv" not in names  # not in the demo data
    assert {"data/SMCH/2018/workforce.csv", "data/BKCS/2018/workforce.csv"} <= set(names)
    assert not any(n.startswith(f"data/{OTHER}/") for n in names)
    assert "code/wres_helpers/notebooks/wres_report.ipynb" in names
    assert "code/requirements.lock" in names
    assert names == sorted(names)


def test_the_digest_is_sha256sum_of_the_manifest_file(project, tmp_path, capsys):
    text = report_manifest(ORG, YEAR, project / "params")
    path = tmp_path / WRES.manifest_name
    path.write_text(text)
    done = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.split()[0] == manifest.digest(text)
    assert cli.main(["digest", ORG, str(YEAR), "--params-root", str(project / "params")]) == 0
    assert capsys.readouterr().out == manifest.digest(text) + "\n"
    assert (
        cli.main(["digest", ORG, str(YEAR), "--params-root", str(project / "params"), "--list"])
        == 0
    )
    assert capsys.readouterr().out == text + manifest.digest(text) + "\n"


@pytest.mark.parametrize(
    "where",
    [
        "params/SMCH/local-codes.yaml",  # the organisation's own codes, for every year
        "params/BKCS/local-codes.yaml",  # a comparator's: its figures are read with them
        "data/SMCH/columns.yaml",  # the headers of every year's exports
        "data/BKCS/columns.yaml",
    ],
)
def test_a_file_for_every_year_is_an_input(project, where):
    stand_in_build(project)
    base = data(project) if where.startswith("data/") else project
    path = base / where.removeprefix("data/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}\n")
    assert not fresh(project)
    assert where in report_manifest(ORG, YEAR, project / "params")
    stand_in_build(project)
    older_copy(path)
    assert not fresh(project)
    (project / "params" / OTHER).mkdir(exist_ok=True)
    (project / "params" / OTHER / "local-codes.yaml").write_text("{}\n")  # not SMCH's peer
    stand_in_build(project)
    (project / "params" / OTHER / "local-codes.yaml").write_text("changed: 1\n")
    assert fresh(project)
