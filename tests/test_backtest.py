"""Back-test: the demo dataset's published indicators.csv against reviewed, committed copies."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

import pytest

from wres_helpers.cli import main
from wres_helpers.standards import WRES

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


# --- the whole ECCH 2019 report: its indicators.csv, its PDF's text, its web page ----------
#
# Committed from a build made before the package's registry restructure, so the restructure
# (and any later one) is shown to leave the published report as it was. The only parts
# allowed to differ are the ones no two builds share: the "Software used" table (the time of
# the run, the git commit, the versions of Python and the libraries) and the digest of all
# inputs (which covers the code), dropped from both sides.

REPORT = Path(__file__).parent / "backtest" / "report"
SOFTWARE = "Software used"


def pdf_text(path: Path) -> str:
    """The PDF's text, page by page, up to the software table (the last thing the technical
    annex shows; the Board PDF has none since the method moved to the annex: all of it)."""
    from pypdf import PdfReader

    text = "\n\f\n".join(page.extract_text() for page in PdfReader(path).pages)
    return text[: text.rindex(SOFTWARE)] if SOFTWARE in text else text


def html_without_software(html: str) -> str:
    """The web page without the software table and the <style> block just before it (the
    table's own CSS, keyed to its id, which comes from its content)."""
    if f"<caption>{SOFTWARE}</caption>" not in html:  # the page since the technical annex
        return html
    start = html.index(f"<caption>{SOFTWARE}</caption>")
    table = html.rindex("<table", 0, start)
    style = html.rfind("<style", 0, table)
    if style >= 0 and re.fullmatch(r"<style[^>]*>[^<]*</style>\s*", html[style:table]):
        table = style
    end = html.index("</table>", start) + len("</table>")
    # The table's wrapper (a scrollable region) is named after its caption.
    page = (html[:table] + html[end:]).replace(f'aria-label="{SOFTWARE}" ', "")
    # The digest of all inputs covers the code too, so it changes with any commit: dropped
    # (its data files' own SHA-256 values, above it, stay compared).
    return re.sub(r"(Digest of all inputs</strong> \(SHA-256\): <code>)[0-9a-f]{64}", r"\1", page)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
def ecch_report(tmp_path_factory):
    from wres_helpers.running import pipeline

    out = tmp_path_factory.mktemp("output")
    with contextlib.chdir(ROOT):
        result = pipeline.build_report(
            "ECCH", 2019, output_root=out, say=lambda _: None, standard=WRES
        )
    return result.files


@pytest.mark.slow
def test_the_ecch_report_is_as_committed(ecch_report):
    csv = ecch_report["csv"].read_text(encoding="utf-8")
    reviewed = (REPORT / "ECCH-2019-indicators.csv").read_text(encoding="utf-8")
    assert csv == reviewed
    text = pdf_text(ecch_report["pdf"])
    expected = (REPORT / "ECCH-2019-pdf.txt").read_text(encoding="utf-8")
    changed = [
        (i + 1, a, b)
        for i, (a, b) in enumerate(zip(text.splitlines(), expected.splitlines(), strict=False))
        if a != b
    ]
    assert not changed, f"first changed line of the PDF (line, now, committed): {changed[0]}"
    assert text == expected
    annex = pdf_text(ecch_report["annex"])
    assert annex == (REPORT / "ECCH-2019-method.txt").read_text(encoding="utf-8")
    html = html_without_software(ecch_report["html"].read_text(encoding="utf-8"))
    assert SOFTWARE not in html and "(git " not in html
    assert sha256(html) == (REPORT / "ECCH-2019-html.sha256").read_text().split()[0]


OTHER = "<style>#T_cd34 td { x: y }</style><table id='T_cd34'><caption>Other</caption></table>"


@pytest.mark.parametrize(
    "software",
    [  # as pandas' Styler writes a table, and inside a named scrollable region
        "<style type='text/css'>\n#T_ab12 th { width: 5% }\n</style>\n<table id=\"T_ab12\">"
        "<caption>Software used</caption><tr><td>(git 1a2b)</td></tr></table>",
        '<div aria-label="Software used" class="table-wrap"><table><caption>Software used'
        "</caption><tr><td>(git 1a2b)</td></tr></table></div>",
    ],
)
def test_the_normalisation_drops_only_the_software_table(software):
    html = f"<p>before</p>{OTHER}{software}<p>after</p>"
    left = html_without_software(html)
    assert left.startswith(f"<p>before</p>{OTHER}") and left.endswith("<p>after</p>")
    assert "Software" not in left and "git" not in left
    assert left in (
        f"<p>before</p>{OTHER}<p>after</p>",
        f'<p>before</p>{OTHER}<div class="table-wrap"></div><p>after</p>',
    )


if __name__ == "__main__":  # regenerate from a report built by `wres report ECCH 2019`
    import sys

    folder = Path(sys.argv[1])  # e.g. output/ECCH/2019
    REPORT.mkdir(exist_ok=True)
    (REPORT / "ECCH-2019-indicators.csv").write_bytes((folder / "indicators.csv").read_bytes())
    (REPORT / "ECCH-2019-pdf.txt").write_text(pdf_text(folder / "ECCH-2019-WRES.pdf"))
    (REPORT / "ECCH-2019-method.txt").write_text(pdf_text(folder / "ECCH-2019-WRES-method.pdf"))
    html = html_without_software((folder / "ECCH-2019-WRES.html").read_text(encoding="utf-8"))
    (REPORT / "ECCH-2019-html.sha256").write_text(f"{sha256(html)}  (without {SOFTWARE})\n")
