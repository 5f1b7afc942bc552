"""Portable to where NHS analysts work (most have Windows laptops): no module needs a POSIX-only
facility to import or to build one report. Checked here by taking them away: `fcntl` cannot
be imported, `os.fork` is gone and the only way to start a process is `spawn`, as on
Windows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_tiny

from wres_helpers.inputs import scaffold

# Run first in a fresh interpreter: what Windows lacks is made unavailable before any import.
WITHOUT_POSIX = """
import multiprocessing, os, sys
sys.modules["fcntl"] = None  # `import fcntl` raises ImportError, as on Windows
for name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, name):
        delattr(os, name)
multiprocessing.get_all_start_methods = lambda: ["spawn"]
"""

IMPORT_EVERY_MODULE = """
import importlib, pkgutil
import wres_helpers
names = [m.name for m in pkgutil.walk_packages(wres_helpers.__path__, "wres_helpers.")]
for name in names:
    if not name.endswith("__main__"):
        importlib.import_module(name)
from wres_helpers.running import batch
assert batch.START_METHOD == "spawn", batch.START_METHOD
print(len(names), "modules")
"""

BUILD = """
from pathlib import Path
from wres_helpers.running.pipeline import build_report
from wres_helpers.standards import WRES
result = build_report(
    "TINY", 2019, params_root=Path("params"), output_root=Path("output"),
    say=lambda _: None, standard=WRES,
)
print(result.files["pdf"], result.pages)
"""


def _run(script: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_POSIX + script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_module_imports_without_fcntl_or_fork(tmp_path):
    done = _run(IMPORT_EVERY_MODULE, tmp_path)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[0]) > 60


@pytest.mark.slow
def test_the_test_organisations_report_builds_without_fcntl_or_fork(tmp_path):
    make_tiny(tmp_path / "data")
    scaffold.new("TINY", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="T")
    done = _run(BUILD, tmp_path)
    assert done.returncode == 0, done.stderr
    pdf, pages = done.stdout.split()
    assert Path(tmp_path / pdf).is_file() and int(pages) > 5
    assert sorted(p.name for p in (tmp_path / "output" / "TINY").iterdir()) == ["2019"]
