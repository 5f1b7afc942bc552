"""Back-test: the demo dataset's published indicators.csv against reviewed, committed copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_helpers.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = sorted((Path(__file__).parent / "backtest").glob("*.csv"))
EVERYDAY = "ECCH-2019"  # `make test` back-tests the report's own year; `make test-all` all nine


def test_there_is_something_to_back_test():
    assert len(EXPECTED) == 9


@pytest.mark.parametrize(
    "expected",
    [pytest.param(p, marks=[] if p.stem == EVERYDAY else [pytest.mark.slow]) for p in EXPECTED],
    ids=lambda p: p.stem,
)
def test_demo_indicators_match_the_reviewed_copy(expected, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    org, year = expected.stem.split("-")
    assert main(["indicators", f"data/demo/{org}/{year}"]) == 0
    produced = capsys.readouterr().out.splitlines()
    reviewed = expected.read_text(encoding="utf-8").splitlines()
    assert produced[0] == reviewed[0]
    changed = [
        (i + 1, a, b) for i, (a, b) in enumerate(zip(produced, reviewed, strict=False)) if a != b
    ]
    assert not changed, f"first changed line (line, now, reviewed): {changed[0]}"
    assert len(produced) == len(reviewed)
