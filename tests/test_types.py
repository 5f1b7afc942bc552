"""The type checker: `make lint` runs mypy over the whole package, no module is exempt, and
every `# type: ignore` says which error it silences and why (issue 18, item 8)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")
# `# type: ignore[code, code]  # why`: the codes, then a comment giving the reason
EXPLAINED = re.compile(r"^\[[a-z-]+(?:,\s*[a-z-]+)*\]\s+#\s*\S.*")


def mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_make_lint_runs_the_type_checker():
    recipe = subprocess.run(
        ["make", "-n", "-B", "lint", "PYTHON=false"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    assert ".venv/bin/mypy" in recipe
    assert ".venv/bin/ruff check ." in recipe


def test_the_whole_package_is_checked_and_no_module_is_exempt():
    config = mypy_config()
    assert config["files"] == ["wres_helpers"]
    assert config["python_version"] == "3.11"
    assert config["check_untyped_defs"] is True
    assert config["strict_equality"] is True
    assert "ignore_errors" not in config
    overrides = config.get("overrides", [])
    assert all("ignore_errors" not in o for o in overrides)
    untyped = {m for o in overrides if o.get("ignore_missing_imports") for m in o["module"]}
    # only libraries that ship no hints and have no stubs for the locked version
    assert {m.split(".")[0] for m in untyped} == {"papermill", "pyarrow", "threadpoolctl"}


def unexplained_ignore(line: str) -> bool:
    found = IGNORE.search(line)
    return bool(found) and not EXPLAINED.match(found["rest"].strip())


def test_every_type_ignore_names_its_error_code_and_reason():
    unexplained = []
    for path in sorted((ROOT / "wres_helpers").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if unexplained_ignore(line):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert unexplained == []


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ("f(a)  # type: ignore[arg-type]  # numpy arrays; the stubs want lists", False),
        ("f(a)  # type: ignore[arg-type, index]  # both from the stubs", False),
        ("f(a)", False),
        ("f(a)  # type: ignore", True),  # a bare ignore silences every error on the line
        ("f(a)  # type: ignore[arg-type]", True),  # no reason
        ("f(a)  # type: ignore  # because", True),  # no code
    ],
)
def test_the_rule_for_an_ignore(line, refused):
    assert unexplained_ignore(line) is refused


@pytest.mark.slow
def test_mypy_refuses_a_call_against_the_packages_hints(tmp_path):
    """The configuration checks calls against the package's hints: a wrong argument to a
    typed function is an error, named by its code."""
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from wres_helpers.words.formatting import fmt_pct\n"
        "from wres_helpers.inputs.params import Settings\n"
        "fmt_pct('12')\n"
        "Settings(confidense=0.9)\n"
        "Settings(confidence='high')\n"
        "assert 5 not in {'5': 'Relative likelihood of appointment'}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "cache"), str(wrong)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert 'wrong.py:3: error: Argument 1 to "fmt_pct" has incompatible type "str"' in done.stdout
    assert "[arg-type]" in done.stdout
    # pydantic's plugin: a model takes its own fields only, each of its own type
    assert 'wrong.py:4: error: Unexpected keyword argument "confidense"' in done.stdout
    assert 'wrong.py:5: error: Argument "confidence" to "Settings" has incompatible' in done.stdout
    # an int looked for among string ids (the return's titles were lost this way)
    assert "wrong.py:6: error: Non-overlapping container check" in done.stdout
