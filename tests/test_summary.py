"""The executive summary as a Board member reads it, in the ECCH 2019 PDFs of both standards:
at most three key findings in the order HAND-WORKED.md ("The ranked summary") works out, the
summary within two pages, each term explained once where first used, the one rule for chance
in every comparison, and an analysts' summary that does not repeat the findings."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from wres_helpers.running import pipeline
from wres_helpers.standards import WDES, WRES

ROOT = Path(__file__).resolve().parent.parent
FINDINGS = re.compile(r"Key findings, 2019 (.*?) Key findings are chosen by one rule")


def _page_text(page) -> str:
    """A page's words on one line, its running header (first line) left out."""
    lines = page.extract_text().replace("\u2060", "").splitlines()
    return " ".join(" ".join(lines[1:]).split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("output")
    found = {}
    with contextlib.chdir(ROOT):
        for standard in (WRES, WDES):
            result = pipeline.build_report(
                "ECCH", 2019, output_root=out, say=lambda _: None, standard=standard
            )
            found[standard.code] = [_page_text(p) for p in PdfReader(result.files["pdf"]).pages]
            annex = PdfReader(result.files["annex"]).pages
            found[f"{standard.code} annex"] = [_page_text(p) for p in annex]
    return found


def _summary(pages: list[str]) -> tuple[str, int]:
    """The summary's text, from its heading to the Background section's, and the number of
    pages it is on."""
    # Its heading, not its line in the contents (which it may share a page with).
    first = next(i for i, p in enumerate(pages) if re.search(r"Executive summary (?!\.)", p))
    end = next(i for i, p in enumerate(pages) if i > first and "Background Total workforce" in p)
    text = " ".join(pages[first : end + 1])
    text = text[re.search(r"Executive summary (?!\.)", text).start() :]
    text = text[: text.index("Background Total workforce")]
    spans = end - first + (0 if pages[end].startswith("Background") else 1)
    return text, spans


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # WRES: 2 meets all three tests; 7 is adverse, beyond chance and worse than 2018; then
        # 6 (adverse and worse, 0.72 of its interval's arm from 0) before 4 (0.56), 5 (0.57)
        # and 9 (0.08).
        ("WRES", ["Indicator 2 (", "Indicator 7 (", "Indicator 6 ("]),
        # WDES: 4a(iii) is adverse, beyond chance and worse; 6 (1.19) and 7 (1.13) are adverse
        # and beyond chance but closer to equal than in 2018.
        ("WDES", ["Metric 4a(iii) (", "Metric 6 (", "Metric 7 ("]),
    ],
)
def test_the_summary_ranks_at_most_three_findings_within_two_pages(pages, code, expected):
    text, spans = _summary(pages[code])
    assert spans <= 2, f"the summary runs over {spans} pages"
    findings = FINDINGS.search(text).group(1)
    items = re.split(r"(?:^| )\d\. (?=(?:Indicator|Metric) )", findings)
    items = [i for i in items if i]
    assert len(items) <= 3
    assert [i[: len(e)] for i, e in zip(items, expected, strict=True)] == expected
    # each in a sentence with its verdict on chance, said once
    for item in items:
        assert ("beyond chance" in item) != ("could be chance" in item), item
    assert "What changed since 2018" in text and "The decision asked" in text
    assert "The Board is asked to approve the 2019 " + code in text
    # The other indicators in one table, with a status in words.
    assert f"The other {'indicators' if code == 'WRES' else 'metrics'}, 2019" in text
    assert "could be chance" in text.split("Status", 1)[1]


@pytest.mark.slow
def test_the_wres_findings_say_their_figures_and_intervals(pages):
    text, _ = _summary(pages["WRES"])
    assert (
        "White applicants 1.59 times as likely to be appointed from shortlisting as BME "
        "applicants in 2019 (relative likelihood 1.59), further from equal than in 2018 (1.17). "
        "This is outside the non-adverse range, and is beyond chance: its 95% interval, 1.08 to "
        "2.33, excludes 1."
    ) in text
    assert (
        "BME staff fare worse than White staff by 7.9 percentage points, which could be "
        "chance: its 95% interval, −3.0 to 21.7 points, includes 0."
    ) in text


@pytest.mark.slow
@pytest.mark.parametrize("code", ["WRES", "WDES"])
def test_terms_are_explained_once_where_first_used(pages, code):
    body = " ".join(pages[code][1:])  # after the cover sheet (the contents say none)
    for explained in (
        "A relative likelihood compares how likely two groups are",
        "NHS England treats a relative likelihood from 0.80 to 1.25 as the non-adverse range",
        "A difference is beyond chance when that span leaves out no difference at all",
    ):
        assert body.count(explained) == 1, explained
    assert body.index("non-adverse range") > body.index("A relative likelihood compares")
    assert body.index("non-adverse range") < body.index("Key findings, 2019")


@pytest.mark.slow
@pytest.mark.parametrize("code", ["WRES", "WDES"])
def test_every_survey_gap_and_ratio_carries_one_chance_verdict(pages, code):
    text = " ".join(pages[code])
    gaps = re.findall(
        r"fare (?:worse|better) than [\w-]+ staff by [\d.]+ percentage points[^.]*", text
    )
    assert gaps
    for gap in gaps:
        assert re.search(r", which (?:is beyond chance|could be chance): its 95% interval", gap), (
            gap
        )
    # Never both of one figure: no two verdicts in one clause (the rule's own statement,
    # "beyond chance … otherwise it could be chance", aside).
    rule = "beyond chance when that span leaves out no difference at all; otherwise it could"
    both = re.findall(r"(?:beyond|could be) chance[^.;:]*?(?:beyond|could be) chance", text)
    assert [b for b in both if not b.startswith(rule[:20])] == []
    # The rule is stated once, in the method (the technical annex); the summary says it in
    # plain words (test_terms_are_explained_once_where_first_used).
    annex = " ".join(pages[f"{code} annex"])
    assert text.count("Every comparison is read by one rule.") == 0
    assert annex.count("Every comparison is read by one rule.") == 1


@pytest.mark.slow
def test_the_analysts_summary_does_not_repeat_the_findings(pages):
    for code in ("WRES", "WDES"):
        text, _ = _summary(pages[code])
        ours = text.split("The analysts' summary", 1)[1]
        findings = FINDINGS.search(text).group(1)
        figures = set(re.findall(r"\d+\.\d+%?", findings)) - {"0.80", "1.25"}
        assert figures and not [f for f in figures if f in ours], (code, ours)


BOARD_PAGES = 14  # issue 19.6: the Board PDF, its cover sheet and contents included
NEAR_BLANK = 900  # characters: a page of a few lines under the running header


@pytest.mark.slow
@pytest.mark.parametrize("code", ["WRES", "WDES"])
def test_the_board_pdf_is_at_most_14_pages_and_none_is_near_blank(pages, code):
    """Both ECCH 2019 Board PDFs (the cover sheet and the contents counted), with the method,
    provenance and detail tables in the technical annex beside them: at most 14 pages, and
    no page after the cover holds only a few lines (the last one included)."""
    board = pages[code]
    assert len(board) <= BOARD_PAGES, f"{code}: {len(board)} pages"
    short = {i: len(p) for i, p in enumerate(board[1:], 2) if len(p) < NEAR_BLANK}
    assert not short, f"near-blank pages (page: characters): {short}"
    annex = pages[f"{code} annex"]
    assert "Method, caveats and settings" in " ".join(annex)
