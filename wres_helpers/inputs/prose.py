"""What the analysts' Markdown may hold, written once: the commentary is checked against it
(file and line for each refusal) and `presentation` renders every Markdown text by it.

Markdown's own syntax only: no raw HTML (an HTML comment is allowed and never shown), no
image (the web page and the PDF are self-contained), links only to https: or mailto:.

Its structure is bounded too (`structure`), so that the PDF's time and size grow in step with
the text and Typst never runs out of depth: at most MAX_NESTING lists and block quotes inside
each other, MAX_HEADINGS headings in a file, and MAX_WORD characters without a space between
them (Typst's line breaking takes time growing with the square of an unbroken run's length).
Each is measured on what both renderers parse (`entities_decoded`), exactly as they parse it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import mistune

LINK_SCHEMES = ("https", "mailto")
_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.DOTALL)

MAX_NESTING = 8  # lists and block quotes inside each other (Typst fails at 17 quotes)
MAX_HEADINGS = 30  # in one file (an indicator's has two; each level-1 heading may start a page)
MAX_WORD = 500  # characters without a space (a long web address is about 200)
LIMITS = "see docs/analyst-guide.md, Limits on the commentary's structure"

RAW_HTML = "Markdown without raw HTML (an HTML comment <!-- … --> is allowed)"
IMAGE = "no image: the web page and the PDF are self-contained and cannot show it"
LINK = "a link to an https:// or mailto: address"


def link_allowed(url: str) -> bool:
    """An https: web address or a mailto: address; no javascript:, data:, http: or relative
    link, on the web page or in the PDF."""
    return url.strip().lower().startswith(tuple(f"{s}:" for s in LINK_SCHEMES))


def is_comment(raw_html: str) -> bool:
    return bool(_COMMENT.fullmatch(raw_html))


def refusals(markdown: str) -> list[tuple[int | None, str, str]]:
    """(line, what was found, what is expected) for each thing the Markdown may not hold."""
    tokens = mistune.create_markdown(renderer=None, plugins=["table"])(markdown)
    assert isinstance(tokens, list)  # with no renderer, mistune gives the token tree
    found = []
    for token in _walk(tokens):
        kind = token["type"]
        if kind in ("block_html", "inline_html") and not is_comment(token["raw"]):
            found.append((token["raw"].strip().split("\n")[0], RAW_HTML))
        elif kind == "image":
            found.append((token["attrs"]["url"], IMAGE))
        elif kind == "link" and not link_allowed(token["attrs"]["url"]):
            found.append((token["attrs"]["url"], LINK))
    return [(_line_of(markdown, text), text, expected) for text, expected in found]


def _walk(tokens: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _walk(token.get("children") or [])


def _line_of(markdown: str, snippet: str) -> int | None:
    """The line where `snippet` first appears (a link's address as written, say); None
    when Markdown decoded it (an entity such as &#106;) and it is not there as it is."""
    at = markdown.find(snippet) if snippet else -1
    return None if at < 0 else markdown.count("\n", 0, at) + 1


# --- entities, as both renderers read them ----------------------------------------------------

# Every ASCII punctuation character may be backslash-escaped in CommonMark.
MARKDOWN_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")
_ENTITY = re.compile(r"(?<!\\)&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")


def entities_decoded(md: str) -> str:
    """Markdown with each HTML entity (`&amp;`, `&#38;`) written as the character it stands
    for, backslash-escaped where that is Markdown punctuation, except in code (where
    CommonMark keeps them as written) and after a backslash (an escaped '&'). An entity for a
    line break (`&#10;`) is a space: as in CommonMark, an entity never makes structure, and
    the lines stay the file's lines.

    Both renderers read the result, so an entity shows the same on the page and in the PDF.
    mistune alone leaves entities in its text undecoded, and after emphasis it has already
    dropped the backslashes that said which '&' are literal: decoded there, a value such as
    `&lt;script&gt;` written into a sentence by `text` would show as `<script>`."""
    out, fenced = [], False
    for line in md.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line):
            out.append(line)
            continue
        parts, last = [], 0
        for code in _CODE_SPAN.finditer(line):
            parts += [_ENTITY.sub(_decoded, line[last : code.start()]), code.group()]
            last = code.end()
        out.append("".join(parts) + _ENTITY.sub(_decoded, line[last:]))
    return "\n".join(out)


def _decoded(entity: re.Match[str]) -> str:
    char = _LINE_BREAKS.sub(" ", html.unescape(entity.group()))
    return MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), char)


# --- structure --------------------------------------------------------------------------------

_CONTAINER = re.compile(r" {0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_RUN = re.compile(r"[^ \t\n]+")
_INLINE_COMMENT = re.compile(r"<!--.*?-->")
_NESTED = ("block_quote", "list")
_FLOW = ("paragraph", "heading", "block_text", "table_cell", "block_code")


def structure(markdown: str) -> list[tuple[int | None, str, str]]:
    """(line, what was found, what is expected) for each limit of the structure the Markdown
    is past: nesting, headings and unbroken runs, each measured on mistune's parse of what the
    renderers read (mistune itself stops nesting at 20 levels), in time linear in the text."""
    decoded = entities_decoded(markdown)
    tokens = mistune.create_markdown(renderer=None, plugins=["table"])(decoded)
    assert isinstance(tokens, list)  # with no renderer, mistune gives the token tree
    lines = decoded.split("\n")
    found: list[tuple[int | None, str, str]] = []
    depth = _depth(tokens)
    if depth > MAX_NESTING:
        deepest = f"{depth} levels" + (" or more" if depth >= 20 else "")
        expected = f"at most {MAX_NESTING} lists and block quotes inside each other ({LIMITS})"
        found.append((_deepest_line(lines), deepest, expected))
    headings = sum(t["type"] == "heading" for t in _walk(tokens))
    if headings > MAX_HEADINGS:
        expected = f"at most {MAX_HEADINGS} headings in a file ({LIMITS})"
        found.append((_heading_line(lines, MAX_HEADINGS + 1), f"{headings} headings", expected))
    longest = max(
        (m.group() for t in _flows(tokens) for m in _RUN.finditer(t)), key=len, default=""
    )
    if len(longest) > MAX_WORD:
        expected = f"words of at most {MAX_WORD} characters, spaces between them ({LIMITS})"
        where = _line_of(decoded, longest[:40]) or _long_line(lines)
        found.append((where, f"{len(longest):,} characters without a space", expected))
    return found


def _depth(tokens: list[dict[str, Any]]) -> int:
    """How many lists and block quotes are inside each other at the deepest (no recursion:
    a stack of the tokens still to visit)."""
    deepest, stack = 0, [(t, 0) for t in tokens]
    while stack:
        token, outside = stack.pop()
        level = outside + (token["type"] in _NESTED)
        deepest = max(deepest, level)
        stack += [(child, level) for child in token.get("children") or []]
    return deepest


def _flows(tokens: list[dict[str, Any]]) -> Iterator[str]:
    """The text of each run of lines the PDF breaks into lines: a paragraph, a heading, a
    table cell, a code block; a line break or an HTML comment in it is a space."""
    for token in _walk(tokens):
        if token["type"] in _FLOW:
            yield token["raw"] if token["type"] == "block_code" else _inline_text(token)


def _inline_text(token: dict[str, Any]) -> str:
    parts = []
    for child in _walk(token.get("children") or []):
        kind = child["type"]
        if kind in ("text", "codespan"):
            parts.append(child["raw"])
        elif kind in ("softbreak", "linebreak") or kind == "inline_html":
            parts.append(" " if kind != "inline_html" or not is_comment(child["raw"]) else "")
    return "".join(parts)


def _prefix_levels(line: str) -> int:
    """Lists and block quotes a line opens at its start: `> - 1. text` opens three."""
    count, at = 0, 0
    while match := _CONTAINER.match(line, at):
        count, at = count + 1, match.end()
    return count


def _deepest_line(lines: list[str]) -> int | None:
    """The first line that goes past the limit, as its indent and markers say (a nested list's
    item is indented under its parent's text: about two spaces a level); else the deepest."""
    best, where, fenced = -1, None, False
    for number, line in enumerate(lines, 1):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        levels = _prefix_levels(line.lstrip(" \t")) + indent // 2
        if levels > MAX_NESTING:
            return number
        if levels > best:
            best, where = levels, number
    return where


def _heading_line(lines: list[str], nth: int) -> int | None:
    """The line of the `nth` heading (ATX `# …`, or the underline of a `===`/`---` one)."""
    seen, fenced = 0, False
    for number, line in enumerate(lines, 1):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        rest = line[_prefix_end(line) :]
        before = lines[number - 2].strip() if number > 1 else ""
        if _ATX.match(rest) or (_SETEXT.match(line) and before and not _ATX.match(before)):
            seen += 1
            if seen == nth:
                return number
    return None


def _prefix_end(line: str) -> int:
    at = 0
    while match := _CONTAINER.match(line, at):
        at = match.end()
    return at


def _long_line(lines: list[str]) -> int | None:
    """The first line with more than MAX_WORD characters without a space (its HTML comments
    left out, as the renderers leave them out)."""
    for number, line in enumerate(lines, 1):
        if any(len(m.group()) > MAX_WORD for m in _RUN.finditer(_INLINE_COMMENT.sub("", line))):
            return number
    return None
