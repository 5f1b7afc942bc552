"""The locks: every package of an environment pinned to one version and checked by its hashes
(issue 13: a tampered or substituted file is refused before it is installed)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def locked(name: str) -> dict[str, tuple[str, set[str]]]:
    """Each package of a lock file: its version and its SHA-256 hashes."""
    packages: dict[str, tuple[str, set[str]]] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if pin := PIN.match(line):
            current = canonicalize_name(pin[1])
            assert current not in packages, f"{name}: {current} twice"
            packages[current] = (pin[2], set())
        if current:
            packages[current][1].update(HASH.findall(line))
    return packages


def declared(*extras: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = project["project"]["dependencies"] + project["build-system"]["requires"]
    for extra in extras:
        wanted += project["project"]["optional-dependencies"][extra]
    return {canonicalize_name(Requirement(r).name) for r in wanted}


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("requirements.lock", ("dev",)), ("requirements-lab.lock", ("dev", "lab"))],
)
def test_every_package_is_pinned_with_its_hashes(lock, extras):
    packages = locked(lock)
    assert len(packages) > 50
    unhashed = [name for name, (_, hashes) in packages.items() if not hashes]
    assert unhashed == []
    assert declared(*extras) - set(packages) == set()  # each requirement is in the lock


def test_the_lab_lock_is_the_environment_and_jupyterlab_at_the_same_versions():
    dev, lab = locked("requirements.lock"), locked("requirements-lab.lock")
    assert "jupyterlab" in lab and "jupyterlab" not in dev
    assert {n: lab[n] for n in dev} == dev  # same version, same hashes


def test_make_install_checks_every_hash_and_downloads_nothing_unlocked():
    recipe = subprocess.run(
        ["make", "-n", "-B", "install", "PYTHON=false"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert "--require-hashes --no-deps -r requirements.lock" in recipe
    assert "--no-deps --no-build-isolation -e ." in recipe  # built by the locked setuptools
    assert " -c requirements" not in recipe


@pytest.mark.slow
def test_pip_refuses_a_file_whose_hash_is_not_the_locked_one(tmp_path):
    """The lock's pin of a small package with one digit of each hash changed: pip downloads
    the file and refuses it, naming the package."""
    version, hashes = locked("requirements.lock")["execnet"]
    forged = [h[:-1] + ("0" if h[-1] != "0" else "1") for h in sorted(hashes)]
    lock = tmp_path / "forged.lock"
    lock.write_text(f"execnet=={version} " + " ".join(forged) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "-r",
         str(lock), "-d", str(tmp_path / "files")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode != 0
    assert "DO NOT MATCH THE HASHES" in done.stderr and "execnet" in done.stderr
