"""Commentary bounded in structure (issue 21.6): nesting, headings and unbroken runs have
documented limits, checked before anything is rendered and refused by file and line; the
PDF's time grows in step with the text; a Typst failure the commentary causes is named by
its file and line, exit 2, never a traceback.

The limits, as docs/analyst-guide.md states them: at most 8 lists and block quotes inside
each other, 30 headings in a file, 500 characters without a space. Each boundary below is
counted by hand: one level under, at and past the limit.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from wres_helpers.cli import main
from wres_helpers.errors import InputError
from wres_helpers.inputs import narrative, prose
from wres_helpers.inputs.scaffold import new
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent
ORG = "NEWORG"
GUIDE = "see docs/analyst-guide.md, Limits on the commentary's structure"
NESTING = f"at most 8 lists and block quotes inside each other ({GUIDE})"
HEADINGS = f"at most 30 headings in a file ({GUIDE})"
WORDS = f"words of at most 500 characters, spaces between them ({GUIDE})"


def test_the_limits_are_the_documented_ones():
    assert (prose.MAX_NESTING, prose.MAX_HEADINGS, prose.MAX_WORD) == (8, 30, 500)
    guide = (ROOT / "docs" / "analyst-guide.md").read_text(encoding="utf-8")
    assert "## Limits on the commentary's structure" in guide
    section = guide.split("## Limits on the commentary's structure", 1)[1].split("\n## ", 1)[0]
    for said in ("8 lists and block quotes", "30 headings", "500 characters"):
        assert said in section, said


@pytest.fixture
def words(tmp_path: Path) -> Path:
    """A new organisation's commentary, as `wres new` writes it (every file there)."""
    new(ORG, 2019, tmp_path / "params", data_root=tmp_path / "data", name="New Org")
    return WRES.words_folder(tmp_path / "params" / ORG / "2019")


def refused(words: Path, name: str, text: str) -> list[tuple[int | None, str | None, str]]:
    """The problems load_commentary names in file `name` once it holds `text`."""
    (words / "commentary" / name).write_text(text, encoding="utf-8")
    try:
        narrative.load_commentary(words, {}, WRES)
    except InputError as error:
        shown = str(words / "commentary" / name)
        return [(p.row, p.value, p.expected) for p in error.problems if p.file == shown]
    return []


def nested_list(levels: int) -> str:
    """`levels` lists, each item indented two spaces under its parent's text."""
    return "\n".join("  " * i + f"- level {i + 1}" for i in range(levels)) + "\n"


def test_eight_nested_lists_are_allowed_nine_are_refused_at_the_ninth(words):
    assert refused(words, "summary.md", nested_list(8)) == []
    # line 9 is the ninth list: "                - level 9" (16 spaces, two per level)
    assert refused(words, "summary.md", nested_list(9)) == [(9, "9 levels", NESTING)]


def test_quotes_and_lists_count_together(words):
    # "> - > - > - > - x": four quotes and four lists, eight levels; one more "> " is nine
    assert refused(words, "background.md", "Intro.\n\n" + "> - " * 4 + "x\n") == []
    assert refused(words, "background.md", "Intro.\n\n" + "> - " * 4 + "> x\n") == [
        (3, "9 levels", NESTING)
    ]


def test_thirty_headings_are_allowed_the_thirty_first_is_refused(words):
    thirty = "".join(f"## Part {n}\n\nWords.\n\n" for n in range(1, 31))  # 4 lines each
    assert refused(words, "summary.md", thirty) == []
    # the 31st heading is on line 30 x 4 + 1 = 121
    assert refused(words, "summary.md", thirty + "## Part 31\n") == [(121, "31 headings", HEADINGS)]


def test_a_run_of_500_characters_is_allowed_501_are_refused(words):
    assert refused(words, "summary.md", "See\n\n" + "<" * 500 + "\n") == []
    assert refused(words, "summary.md", "See\n\n" + "<" * 501 + "\n") == [
        (3, "501 characters without a space", WORDS)
    ]
    # HTML comments are dropped from the page: the words either side are one run
    assert refused(words, "summary.md", "a<!-- -->" * 501) == [
        (1, "501 characters without a space", WORDS)
    ]
    # a long web address as a link's target is not text the PDF breaks into lines
    assert refused(words, "summary.md", f"[Our report](https://example.org/{'a' * 600})") == []


def test_an_entity_makes_no_structure(words):
    """&#10; is a space (CommonMark: an entity never makes a line), so it cannot open quotes
    the check did not see, nor move the lines the refusals name."""
    assert refused(words, "summary.md", "a&#10;" + "> " * 9 + "b\n") == []
    assert refused(words, "summary.md", "a&#10;b\n\n" + "> " * 9 + "c\n") == [
        (3, "9 levels", NESTING)
    ]


def test_a_10000_level_input_is_refused_quickly(words):
    start = time.perf_counter()
    found = refused(words, "summary.md", ">" * 10_000 + " x\n")
    seconds = time.perf_counter() - start
    # mistune stops nesting at 20 levels; the rest of the line is one unbroken run
    assert found == [
        (1, "20 levels or more", NESTING),
        (1, "9,980 characters without a space", WORDS),
    ]
    assert seconds < 2, seconds


def test_a_megabyte_of_headings_is_refused_before_rendering(words):
    """The audit's 40 KB of '# h' made a 10,206-page PDF: now the 31st heading is refused."""
    found = refused(words, "summary.md", "# h\n" * 10_000)
    assert found == [(31, "10000 headings", HEADINGS)]


# --- the PDF's time grows in step with the text -------------------------------------------


def commentary(blocks: int) -> str:
    """Commentary at the limits, `blocks` times over: words, a list eight deep, a quote, a
    500-character unbroken run (the worst Typst's line breaking may meet), a table."""
    block = (
        "The likelihood of appointment from shortlisting is 1.59 this year. " * 5
        + "\n\n"
        + nested_list(8)
        + "\n> A quote from the staff network, > and another.\n\n"
        + "<" * 500
        + "\n\n| Group | Share |\n|---|---|\n| BME | 10% |\n\n"
    )
    return block * blocks


def render_seconds(text: str) -> float:
    """Check, convert and typeset one commentary, as a report does."""
    from wres_helpers.presentation import markup
    from wres_helpers.rendering import render

    style = (render.TEMPLATES / "board-typst" / "board.typ").read_text(encoding="utf-8")
    start = time.perf_counter()
    assert prose.structure(text) == [] and prose.refusals(text) == []
    body = markup.markdown(text, heading_offset=-1)
    render._compile(f'{style}\n#set document(title: "x")\n{body}')
    return time.perf_counter() - start


@pytest.mark.slow
def test_doubling_a_large_commentary_roughly_doubles_the_time():
    render_seconds(commentary(1))  # fonts loaded once
    small, large = commentary(150), commentary(300)
    assert len(large) == 2 * len(small) and len(small) > 150_000
    # Interleaved, the fastest of three each: another job on the machine slows both sizes
    # alike, and only ever adds time (one size timed after the other failed under load).
    runs = [(render_seconds(small), render_seconds(large)) for _ in range(3)]
    once, twice = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"{len(small):,} characters: {once:.2f} s; {len(large):,}: {twice:.2f} s")
    assert 1.2 < twice / once < 3.5, (once, twice)  # square growth would be 4 or more


# --- a Typst failure named by the commentary's file and line --------------------------------


def test_a_typst_failure_is_traced_to_the_file_and_line():
    from wres_helpers.rendering.render import typeset_problems

    fine = "A paragraph.\n\n> A quote.\n"
    deep = "Intro.\n\nMore.\n\n" + ">" * 20 + " x\n\nAfter.\n"  # Typst fails at 17 quotes
    found = typeset_problems({"fine.md": fine, "deep.md": deep}, lambda text: text)
    assert [(p.file, p.row, p.expected) for p in found] == [
        ("deep.md", 5, "commentary the PDF can typeset (Typst: maximum show rule depth exceeded)")
    ]


@pytest.mark.slow
def test_a_pdf_that_fails_on_commentary_names_its_file_and_line(
    scaffolded, tmp_path, capsys, monkeypatch
):
    """Were the nesting limit ever not enough (here it is lifted to 100), Typst's failure is
    reported as the commentary file and line, exit 2, with no traceback and no PDF."""
    monkeypatch.setattr(prose, "MAX_NESTING", 100)
    summary = scaffolded / ORG / "2019" / "commentary" / "summary.md"
    summary.write_text("Our summary.\n\n" + "> " * 20 + "x\n", encoding="utf-8")
    output = tmp_path / "output"
    args = ["report", ORG, "2019", "--params-root", str(scaffolded), "--output-root", str(output)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        f"{summary}, line 3: expected commentary the PDF can typeset (Typst: maximum show rule "
        "depth exceeded)"
    ) in err
    assert not list(output.rglob("*.pdf"))
