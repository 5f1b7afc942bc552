"""What one run keeps for the next (inputs/cache.py): checked input files, reused only while the
file's bytes, the rules, the code and the libraries are the same, never a problem file; the
page's compiled templates; nothing read from a folder others can write to; and a report built
through the cache is the same bytes as one without."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, make_tiny

from wres_helpers.inputs import cache, load
from wres_helpers.inputs.load import load_folders
from wres_helpers.standards import WRES

HEADER = "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"


@pytest.fixture
def kept(tmp_path, monkeypatch) -> Path:
    """The cache on, in a folder of the test's own; nothing remembered in this process."""
    monkeypatch.setenv("WRES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(load, "_CHECKED", type(load._CHECKED)())
    return tmp_path / "cache" / cache.CHECKED


def _workforce(data: Path, body: str) -> Path:
    path = data / "ORG" / "2019" / "workforce.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _groups(data: Path) -> list[str]:
    load._CHECKED.clear()  # as a new process would: only the folder remembers
    dataset = load_folders(data, ["ORG"], [2019], None, standard=WRES)
    return dataset.tables["workforce"]["group"].tolist()


def test_a_checked_file_is_kept_and_read_back_the_same(kept, tmp_path):
    data = tmp_path / "data"
    _workforce(data, "S1,A,Clinical,5,yes\nS2,H,Clinical,5,no\n")
    load._CHECKED.clear()
    first = load_folders(data, ["ORG"], [2019], None, standard=WRES).tables["workforce"]
    assert len(os.listdir(kept)) == 1  # one file, one entry
    load._CHECKED.clear()
    again = load_folders(data, ["ORG"], [2019], None, standard=WRES).tables["workforce"]
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    assert again["group"].tolist() == ["White", "BME"]
    assert oct(kept.stat().st_mode & 0o777) == "0o700"  # its owner's alone


def test_a_changed_file_is_read_afresh(kept, tmp_path):
    data = tmp_path / "data"
    path = _workforce(data, "S1,A,Clinical,5,yes\nS2,A,Clinical,5,no\n")
    assert _groups(data) == ["White", "White"]
    path.write_text(HEADER + "S1,A,Clinical,5,yes\nS2,H,Clinical,5,no\n", encoding="utf-8")
    assert _groups(data) == ["White", "BME"]  # the same size, one code changed
    assert len(os.listdir(kept)) == 2


def test_a_file_with_a_problem_is_never_kept(kept, tmp_path):
    from wres_helpers.errors import InputError

    data = tmp_path / "data"
    _workforce(data, "S1,XX,Clinical,5,yes\n")
    for _ in range(2):  # the second read finds the problem in the file again
        with pytest.raises(InputError, match="XX"):
            _groups(data)
    assert not kept.exists() or os.listdir(kept) == []


def test_new_code_or_libraries_name_new_entries(kept, monkeypatch):
    parts = ("digest", ".csv", "workforce", "Codes()", "None", "2019-03-31")
    before = cache.key(*parts)
    assert cache.key(*parts) == before  # the same reading, the same name
    monkeypatch.setattr(cache, "_versions", lambda: "code 0000")
    assert cache.key(*parts) != before


def test_a_function_is_named_by_what_it_is_not_where_it_sits_in_memory():
    """A table's columns hold their parsers: the same parser, made again as in another run,
    sits elsewhere in memory but names the same entry."""

    def made():
        def parse(value):
            return value

        return parse

    here, there = made(), made()
    assert repr(here) != repr(there)  # two addresses
    assert cache.key(here) == cache.key(there)
    assert cache.key(here) != cache.key(len)  # another function, another entry


def test_an_unreadable_entry_is_a_miss_and_is_removed(kept):
    cache.store("entry", {"rows": 3})
    assert cache.load("entry") == {"rows": 3}
    (kept / "entry").write_bytes(b"\x80\x05not a whole pickle")
    assert cache.load("entry") is None
    assert not (kept / "entry").exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_nothing_is_read_from_a_folder_others_can_write_to(kept):
    kept.mkdir(mode=0o700, parents=True)
    (kept / "entry").write_bytes(pickle.dumps("planted"))
    assert cache.load("entry") == "planted"
    kept.chmod(0o777)
    assert cache.load("entry") is None
    cache.store("other", "value")
    assert not (kept / "other").exists()


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("WRES_CACHE", "off")
    assert cache.root() is None and cache.private_folder(cache.CHECKED) is None
    cache.store("entry", "value")
    assert cache.load("entry") is None


def test_the_default_folder_is_the_users_cache(monkeypatch):
    import platformdirs

    monkeypatch.delenv("WRES_CACHE")
    assert cache.root() == Path(platformdirs.user_cache_dir("wres-helpers", appauthor=False))


def test_the_oldest_entries_go_beyond_the_limit(kept, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(cache, "_TRIMMED", set())
    kept.mkdir(mode=0o700, parents=True)
    for n in range(5):  # left by earlier runs, written in this order
        (kept / f"entry{n}").write_bytes(pickle.dumps(n))
        os.utime(kept / f"entry{n}", ns=(n * 10**9, n * 10**9))
    cache.store("entry5", 5)  # this process's first
    assert sorted(os.listdir(kept)) == ["entry3", "entry4", "entry5"]
    cache.store("entry6", 6)  # checked once a process: not again
    assert len(os.listdir(kept)) == 4


BUILD = """
import sys
from pathlib import Path
from wres_helpers.running.pipeline import build_report
from wres_helpers.standards import WRES
build_report("TINY", 2019, params_root=Path("params"), output_root=Path(sys.argv[1]),
             say=lambda _: None, standard=WRES)
"""


@pytest.mark.slow
def test_a_report_built_through_the_cache_is_the_same_bytes(tmp_path):
    """Three builds in new processes: the cache off, the cache being filled, the cache
    read. Every file of the three is the same."""
    from wres_helpers.inputs import scaffold

    make_tiny(tmp_path / "data")
    scaffold.new("TINY", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="T")
    runs = {"off": "off", "filled": str(tmp_path / "cache"), "read": str(tmp_path / "cache")}
    for name, setting in runs.items():
        env = {**os.environ, "WRES_CACHE": setting, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", BUILD, str(tmp_path / name)],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert len(os.listdir(tmp_path / "cache" / cache.CHECKED)) >= 2  # two years' workforce
    assert os.listdir(tmp_path / "cache" / "templates")  # the page's templates, compiled
    files = {name: sorted((tmp_path / name).rglob("*.*")) for name in runs}
    assert [p.name for p in files["off"]] == [p.name for p in files["read"]]
    assert len(files["off"]) >= 8
    for off, read in zip(files["off"], files["read"], strict=True):
        assert off.read_bytes() == read.read_bytes(), off.name


def test_the_pages_templates_are_compiled_once_and_kept(kept, monkeypatch):
    from nbconvert import TemplateExporter

    from wres_helpers.rendering import render

    exporter = render._compiled_once(TemplateExporter(template_name="lab"))
    assert exporter.environment.bytecode_cache.directory == str(kept.parent / "templates")
    monkeypatch.setenv("WRES_CACHE", "off")
    exporter = render._compiled_once(TemplateExporter(template_name="lab"))
    assert exporter.environment.bytecode_cache is None
