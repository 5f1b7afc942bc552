"""What git holds: notebooks without outputs; no outputs or real data at all."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def in_git() -> bool:
    return shutil.which("git") is not None and git("rev-parse", "--git-dir").returncode == 0


def committed_notebooks() -> list[Path]:
    if in_git():
        listed = git("ls-files", "-z", "*.ipynb").stdout.split("\0")
        return [ROOT / name for name in listed if name]
    return sorted((ROOT / "wres_helpers" / "notebooks").rglob("*.ipynb"))


def test_there_is_a_notebook_to_check():
    assert ROOT / "wres_helpers" / "notebooks" / "wres_report.ipynb" in committed_notebooks()


def test_committed_notebooks_carry_no_outputs():
    dirty = []
    for path in committed_notebooks():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, 1):
            if cell.get("outputs") or cell.get("execution_count") is not None:
                dirty.append(f"{path.relative_to(ROOT)} cell {number}")
    assert not dirty, (
        "notebooks must be committed without outputs or execution counts (in Jupyter: "
        "Edit > Clear Outputs of All Cells, then save): " + ", ".join(dirty)
    )


@pytest.mark.parametrize(
    "path, ignored",
    [
        ("output/ECCH/2019/ECCH-2019-WRES.pdf", True),
        ("output/indicators.csv", True),
        ("data/TRUST/2019/workforce.csv", True),
        ("data/TRUST/2019/workforce.xlsx", True),
        ("data/extract.csv", True),
        ("data/demo/ECCH/2019/workforce.csv", False),
        ("data/demo/README.md", False),
        ("params/TRUST/2019/params.yaml", False),
    ],
)
def test_gitignore_keeps_outputs_and_real_data_out(path, ignored):
    if not in_git():
        pytest.skip("git is not available")
    # --no-index: judge the rules themselves, whether or not the path is tracked
    found = git("check-ignore", "--no-index", "--quiet", path).returncode == 0
    assert found == ignored, f"{path} should {'' if ignored else 'not '}be ignored by git"
