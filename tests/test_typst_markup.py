"""Typst markup from text and Markdown: checked in the source, and by compiling with Typst."""

from __future__ import annotations

import io

import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from wres_helpers.presentation.markup import markdown, string, text

PAGE = "#set page(width: 15cm, height: auto)\n#set text(ligatures: false)\n"
# Show rules that make any structure Typst found in the markup visible in the PDF text.
REVEAL = "".join(
    f'#show {kind}: "<{kind}>"\n' for kind in ("heading", "list", "enum", "terms", "link", "raw")
)
STRAY = set("\\#$*_`<>@[]~")
# Printable ASCII and newlines; quotes excluded, as Typst makes them typographic.
ASCII = [chr(c) for c in range(32, 127) if chr(c) not in "'\""] + ["\n"]


def pdf_text(src: str, preamble: str = PAGE) -> str:
    """Compile Typst markup to PDF and extract its text."""
    pdf = typst.compile((preamble + src).encode(), format="pdf")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(s: str) -> str:
    return "".join(s.split())


# text() -------------------------------------------------------------------------------

NASTY = [
    "a*b_c #x $5 <y> @z [w] // not a comment \\ ~ 1. = -",
    "2019. The year",
    "= not a heading",
    "+ not an item",
    "- not an item",
    "/ not: a term",
    "x -1 -- --- -? ... .. y",
    "see https://example.org/a_b",
    "*/ /* x",
    "\\u{41} \\ ",
    "`code` ```",
    "(a).b",
    "line one\n= line two\n\n- line three",
]


@pytest.mark.parametrize("s", NASTY)
def test_text_shows_nasty_strings_literally(s: str) -> None:
    assert squash(pdf_text(text(s), PAGE + REVEAL)) == squash(s)


def test_text_keeps_newlines_as_spaces() -> None:
    assert text("a\nb\r\n\nc") == "a b c"


def test_text_leaves_ordinary_text_alone() -> None:
    s = "Rate 1.52 (95% CI 1.1 to 2.0): £3, – ≥ × “quoted” it’s."
    assert text(s) == s


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from(ASCII)))
def test_text_round_trips_any_ascii(s: str) -> None:
    assert squash(pdf_text(text(s), PAGE + REVEAL)) == squash(s)


# string() -----------------------------------------------------------------------------


def test_string_escapes_quotes_backslashes_and_control_characters() -> None:
    assert string('a"b\\c\nd\te\x01') == '"a\\"b\\\\c\\nd\\te\\u{1}"'


def test_string_round_trips_through_typst() -> None:
    s = 'Chart of "BME" share \\ 10% → 14% #x $y'
    assert squash(pdf_text("#" + string(s))) == squash(s)


# markdown(): structure in the Typst source ---------------------------------------------


@pytest.mark.parametrize(
    ("md", "typ"),
    [
        ("", ""),
        ("  \n\n", ""),
        ("**Amber:** late", "#strong[Amber:] late"),
        ("an _emphasised_ word", "an #emph[emphasised] word"),
        ('run `wres "x"`', 'run #raw("wres \\"x\\"")'),
        ("[NHS](https://www.england.nhs.uk/)", '#link("https://www.england.nhs.uk/")[NHS]'),
        ("<https://a.org>", '#link("https://a.org")[https:\\/\\/a.org]'),
        ("one  \ntwo", "one\\\ntwo"),
        ("one\ntwo", "one two"),
        ("a\n\nb", "a\n\nb"),
        ("# Top", "#heading(level: 1)[Top]"),
        ("---", "#line(length: 100%)"),
        ("```py\nx = 1\n```", '#raw(block: true, lang: "py", "x = 1")'),
        ("    a\\b", '#raw(block: true, "a\\\\b")'),
        ("**a**.b **a**(b) `c`[d]", '#strong[a]\\.b #strong[a]\\(b) #raw("c")\\[d\\]'),
        ("a <b>bold</b> c", "a \\<b\\>bold\\<\\/b\\> c"),
        ("&amp; &copy; \\&amp;", "& © &amp;"),
        ("Rate 1.52 and 95% mid-sentence", "Rate 1.52 and 95% mid\\-sentence"),
        ("In\n2019. The year", "In 2019. The year"),
        ("In  \n2019. The year", "In\\\n\\2019. The year"),
        ("- **label:** text", "#list(tight: true, [#strong[label:] text])"),
        (
            "> **To be written:** explain X",
            "#quote(block: true)[#strong[To be written:] explain X]",
        ),
        ("3. c\n4. d", "#enum(tight: true, start: 3, [c], [d])"),
    ],
)
def test_markdown_source(md: str, typ: str) -> None:
    assert markdown(md) == typ


def test_heading_offset_is_added_and_kept_within_typst_levels() -> None:
    assert markdown("## Findings", heading_offset=1) == "#heading(level: 3)[Findings]"
    assert markdown("##### Deep", heading_offset=3) == "#heading(level: 6)[Deep]"
    assert markdown("# Top", heading_offset=-2) == "#heading(level: 1)[Top]"


def test_nested_and_multi_paragraph_lists() -> None:
    md = "- one\n  - one a\n  - one b\n\n    more on one b\n- two\n\n1. first"
    assert markdown(md) == (
        "#list(tight: true, [one\n"
        "#list(tight: false, [one a], [one b\n\nmore on one b])], [two])\n\n"
        "#enum(tight: true, start: 1, [first])"
    )


def test_pipe_table() -> None:
    md = "| Measure | Value |\n|:--|--:|\n| **A** | 1.5 |\n| B \\| c | `x` |"
    assert markdown(md) == (
        "#table(columns: 2, align: (left, right,), table.header([Measure], [Value]), "
        '[#strong[A]], [\\1.5], [B | c], [#raw("x")])'
    )


def test_block_html_is_text() -> None:
    assert (
        markdown('<div class="x">\n*raw*\n</div>') == '\\<div class="x"\\> \\*raw\\* \\<\\/div\\>'
    )


def test_an_image_shows_as_its_description() -> None:
    assert markdown("![Staff chart](chart.png)") == "#emph[Image not shown: Staff chart]"


def test_a_token_it_cannot_render_is_an_error() -> None:
    from wres_helpers.presentation.markup import _Renderer

    with pytest.raises(ValueError, match="'footnote'"):
        _Renderer(0).render_token({"type": "footnote"}, None)


# markdown(): compiled with Typst -------------------------------------------------------

SAMPLES = {
    "labels": (
        "- **Amber:** late returns\n- **Green:** on time, see [guide](https://x.org/a_b)",
        ["Amber: late returns", "Green: on time, see guide"],
    ),
    "unfinished": (
        "> **To be written:** explain X\n>\n> - and Y",
        ["To be written: explain X", "and Y"],
    ),
    "symbols": (
        'Up 5% to £1,200 – ≥ 1.52 × “relative” ‘likelihood’ isn’t it\'s "so"',
        ["Up 5% to £1,200 – ≥ 1.52 × “relative” ‘likelihood’ isn’t it’s “so”"],
    ),
    "numbers": (
        "The ratio was 1.52 in\n2019. The year after, 95% of staff... -3 -- fine",
        ["The ratio was 1.52 in 2019. The year after, 95% of staff... -3 -- fine"],
    ),
    "nested": (
        "1. one\n   - one a\n\n     more\n2. two\n\n# Heading *it*\n\n---\n\n```\n<code> #x\n```",
        ["1. one", "one a", "more", "2. two", "Heading it", "<code> #x"],
    ),
    "table": (
        "| Indicator | BME | White |\n|---|--:|--:|\n| 2 *relative* | 1.52 | 1.00 |",
        ["Indicator BME White", "2 relative 1.52 1.00"],
    ),
    "edges": (
        "**a**.b **a**(b) `c`[d] [end  \n](https://x.org) <i>raw</i> &amp; 100%",
        ["a.b a(b) c[d] end", "<i>raw</i> & 100%"],
    ),
}


@pytest.mark.parametrize(("md", "expected"), SAMPLES.values(), ids=SAMPLES.keys())
def test_markdown_compiles_and_reads_back(md: str, expected: list[str]) -> None:
    out = squash(pdf_text(markdown(md, heading_offset=1)))
    for words in expected:
        assert squash(words) in out
    assert STRAY & set(out) <= set("".join(expected)), "markup characters leaked into the PDF"


def test_number_then_dot_after_a_line_break_is_not_a_list() -> None:
    out = pdf_text(markdown("In  \n2019. The year"), PAGE + REVEAL)
    assert "<enum>" not in out
    assert squash(out) == "In2019.Theyear"
