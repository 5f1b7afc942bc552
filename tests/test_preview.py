"""`wres preview` in a real browser: Debian's chromium, headless, driven by selenium.

The preview runs as the user runs it (`python -m wres_helpers preview`), on a copy of the
demo organisation's parameters, and is stopped with SIGINT as Ctrl-C stops it."""

from __future__ import annotations

import csv
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import a11y
import nbformat
import psutil
import pytest

from wres_helpers.running.pipeline import notebook_for
from wres_helpers.standards import WDES, WRES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder of its own: ECCH 2019's parameters, reading the demo data in place."""
    params = tmp_path / "params" / "ECCH" / "2019"
    shutil.copytree(ROOT / "params" / "ECCH" / "2019", params)
    yaml = params / "params.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(
        text.replace("data_root: data/demo", f"data_root: {ROOT / 'data' / 'demo'}"),
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def preview(project: Path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "wres_helpers", "preview", "ECCH", "2019", "--port", str(port)],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if b"Build 1" in response.read():
                    break
        except OSError:
            pass
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the preview did not start within 120 s"
        time.sleep(0.3)
    yield process, url, port
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def browser():
    driver, profile = a11y._browser()  # Debian's chromium, headless; never a download
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


EDITS = 5  # edits timed; on a loaded machine one can be slow, so the median is asserted
REFRESH = 2.0  # seconds from a save to the words on the page (issue 12)


def _edit_shown(driver, path: Path, sentence: str) -> float:
    """Seconds from saving `sentence` into `path` to its text in the open page's <main>."""
    test = f"return document.querySelector('main').textContent.includes({sentence!r})"
    time.sleep(0.5)  # the last build settled: each edit is timed on its own
    start = time.monotonic()
    path.write_text(f"{sentence}\n", encoding="utf-8")
    while not driver.execute_script(test):
        assert time.monotonic() - start < 30, f"{sentence!r} not shown within 30 s"
        time.sleep(0.02)
    return time.monotonic() - start


def _wait_for(driver, test, seconds: float) -> float:
    """Seconds until `test(page text)` holds; fails after `seconds`."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    start = time.monotonic()
    # The page reloads itself: a body read just as it goes is stale, so read it again.
    waiting = WebDriverWait(
        driver, seconds, poll_frequency=0.1, ignored_exceptions=[StaleElementReferenceException]
    )
    waiting.until(lambda d: test(d.find_element("tag name", "body").text))
    return time.monotonic() - start


@pytest.mark.browser
def test_the_page_follows_edits_and_shows_problems_above_the_last_good_page(
    preview, browser, project
):
    process, url, port = preview
    browser.get(url)
    assert "East Coast Community Healthcare" in browser.title
    body = browser.find_element("tag name", "body").text
    assert "Indicator 1: Workforce by pay band" in body
    assert "Live preview of ECCH 2019 WRES" in body

    # The page swaps the new content in: it is never reloaded (this mark would go) and the
    # reader stays where they were.
    browser.execute_script("window.previewMark = 1; window.scrollTo(0, 1500);")
    summary = project / "params" / "ECCH" / "2019" / "commentary" / "summary.md"
    times = [_edit_shown(browser, summary, f"The preview saw sentence {n}.") for n in range(EDITS)]
    median = statistics.median(times)
    print(
        f"edit shown on the page after {median:.2f} s median of {EDITS} edits "
        f"({min(times):.2f}-{max(times):.2f} s): " + ", ".join(f"{t:.2f}" for t in times)
    )
    assert browser.execute_script("return window.previewMark") == 1
    assert browser.execute_script("return window.scrollY") == 1500
    assert median < REFRESH, f"median {median:.2f} s from save to text on the page"
    summary.write_text("The preview saw this sentence.\n", encoding="utf-8")
    _wait_for(browser, lambda text: "The preview saw this sentence." in text, 30)
    summary.write_text(
        "The preview saw this sentence.\n\nBroken: {{ ind2.rll }}\n", encoding="utf-8"
    )
    _wait_for(browser, lambda text: "could not be rebuilt" in text, 30)
    alert = browser.find_element("css selector", "[role=alert]").text
    assert "params/ECCH/2019/commentary/summary.md, line 3: found '{{ ind2.rll }}'" in alert
    assert "expected a known placeholder (closest: ind2.rl" in alert
    assert "The preview saw this sentence." in browser.find_element("tag name", "main").text

    # The published page is script-free; nothing was written to output/.
    assert not (project / "output").exists()

    process.send_signal(signal.SIGINT)  # Ctrl-C
    assert process.wait(timeout=20) == 0
    said = process.stderr.read()
    assert "Preview stopped." in said
    builds = [float(t) for t in re.findall(r"rebuilt in ([\d.]+) s \(\d+ cells run\)", said)]
    print("the server's rebuilds, s: " + ", ".join(f"{t:.2f}" for t in builds[1:]))


def test_the_server_listens_on_loopback_only(preview):
    process, url, port = preview
    listening = {
        c.laddr
        for c in psutil.Process(process.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    }
    assert listening == {("127.0.0.1", port)}


def test_an_edit_to_the_words_gives_the_page_a_full_build_gives(project):
    """The reuse of figures and untouched sections is invisible: after edits to the words,
    the page is the one a fresh build of the same files makes."""
    from wres_helpers.running.preview import Preview

    params = project / "params"
    folder = params / "ECCH" / "2019"
    preview = Preview("ECCH", 2019, params, say=lambda text: None, standard=WRES)
    preview.rebuild()
    cells = nbformat.read(notebook_for(WRES), as_version=4).cells
    code = [c for c in cells if c.cell_type == "code"]
    assert preview.memo.ran == len(code) + 1  # every code cell, and the injected parameters

    three = folder / "commentary" / "indicator-3.md"
    three.write_text(
        three.read_text(encoding="utf-8").replace(
            "## Implications", "## Implications\n\nA new first line for indicator 3.", 1
        ),
        encoding="utf-8",
    )
    plan = folder / "action-plan.csv"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Amber", "Green", 1), "utf-8")
    preview.rebuild({str(three.resolve()), str(plan.resolve())})
    assert not preview.build.problems
    # The three cells that always run, indicator 3, and the sections that read its actions
    # or the action plan; the other indicators keep their outputs.
    assert 4 <= preview.memo.ran < 12
    assert "A new first line for indicator 3." in preview.build.page

    fresh = Preview("ECCH", 2019, params, say=lambda text: None, standard=WRES)
    fresh.rebuild()
    clock = re.compile(r"\d\d \w+ \d{4} \d\d:\d\d UTC")  # "Run at": the minute may turn
    assert clock.sub("", preview.build.page) == clock.sub("", fresh.build.page)
    assert "<script" not in fresh.build.page  # the page as published has no script
    served, version = fresh.page()
    assert served.count("<script>") == 1 and version == 1


def test_a_bad_save_keeps_the_last_good_page_and_names_the_problem(project):
    from wres_helpers.running.preview import Preview

    folder = project / "params" / "ECCH" / "2019"
    preview = Preview("ECCH", 2019, project / "params", say=lambda text: None, standard=WRES)
    preview.rebuild()
    good = preview.build.page
    plan = folder / "action-plan.csv"
    with plan.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("due")] = "31/02/2020"
    with plan.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    preview.rebuild({str(plan.resolve())})
    assert preview.build.page == good
    assert len(preview.build.problems) == 1
    problem = preview.build.problems[0]
    assert problem.startswith(
        f"{folder / 'action-plan.csv'}, row 2, column 'due': found '31/02/2020'"
    )
    served, _ = preview.page()
    assert served.index('role="alert"') < served.index("Indicator 1: Workforce by pay band")


def test_the_wdes_preview_follows_its_own_commentary(project: Path):
    """`wres preview --standard wdes`: the WDES page, and an edit to params/<ORG>/<YEAR>/wdes/
    commentary shows on the next build without recomputing the figures."""
    from wres_helpers.running.preview import Preview

    said: list[str] = []
    preview = Preview("ECCH", 2019, project / "params", said.append, standard=WDES)
    preview.rebuild()
    page, _ = preview.page()
    assert "Live preview of ECCH 2019 WDES" in page and not preview.build.problems
    assert "Metric 9b" in page
    note = project / "params" / "ECCH" / "2019" / "wdes" / "commentary" / "metric-2.md"
    words = note.read_text(encoding="utf-8")
    note.write_text(words.replace("## Implications\n", "## Implications\n\nA fresh WDES note.\n"))
    preview.rebuild({str(note)})
    page, _ = preview.page()
    assert "A fresh WDES note." in page and said[-1].startswith("rebuilt in")
    assert "(0 cells run)" not in said[-1] and not preview.build.problems
    note.write_text("A <b>bold</b> note.\n" + words, encoding="utf-8")  # refused: raw HTML
    preview.rebuild({str(note)})
    page, _ = preview.page()
    assert "metric-2.md, line 1: found &#x27;&lt;b&gt;&#x27;" in page
    assert "A fresh WDES note." in page  # the last good page stays below the problem
    preview.close()
