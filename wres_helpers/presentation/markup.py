"""Typst markup from plain text and from Markdown (analysts' commentary, generated sentences)."""

from __future__ import annotations

import itertools
import re
from typing import Any

import mistune

from ..inputs.prose import is_comment, link_allowed
from ..inputs.text import without_bidi_controls
from .safe import entities_decoded

# Characters with a meaning anywhere in Typst markup. `-` covers `--`, `-?` and the
# minus sign before digits, `/` covers comments and `https://` auto-links, and `..`
# stops the `...` ellipsis shorthand.
_SPECIAL = re.compile(r"[\\#$*_`<>@\[\]~/-]|\.(?=\.)")
# Markers that only count at the start of a line (`=` heading, `+`/`1.` enumeration), plus
# `.`/`(` which would continue a preceding `#call[...]` as a field access or a call.
_LEADING = re.compile(r"^(\s*)([=+.(]|\d(?=\d*\.))")
_NEWLINES = re.compile(r"[\n\r\v\f\x85\u2028\u2029]+")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def text(s: str) -> str:
    """Escape plain text so that Typst markup shows it literally, on one line."""
    s = _SPECIAL.sub(lambda m: "\\" + m.group(), _NEWLINES.sub(" ", without_bidi_controls(s)))
    return _LEADING.sub(r"\1\\\2", s, count=1)


def string(s: str) -> str:
    """A Typst string literal, quotes included, for use in code."""

    def escape(m: re.Match[str]) -> str:
        char = m.group()
        return _STRING_ESCAPES.get(char, f"\\u{{{ord(char):x}}}")

    return '"' + re.sub(r'[\\"\x00-\x1f\x7f]', escape, without_bidi_controls(s)) + '"'


def markdown(md: str, *, heading_offset: int = 0) -> str:
    """Convert CommonMark (with pipe tables) to Typst markup; raw HTML is shown as text (an
    HTML comment is dropped), and a link that `prose.link_allowed` refuses is its text only.

    Markdown headings become `heading(level: level + heading_offset)`, kept within 1..6.
    An image shows as its description. Raises ValueError for a token type it does not know.
    """
    convert = mistune.create_markdown(renderer=_Renderer(heading_offset), plugins=["table"])
    return str(convert(entities_decoded(md))).strip()


def _content(body: str) -> str:
    return "[" + body + "]"


# Inline tokens that are plain text (entities were decoded before parsing: safe.entities_decoded).
_PLAIN = {
    "text": lambda t: without_bidi_controls(t["raw"]),
    "inline_html": lambda t: "" if is_comment(t["raw"]) else t["raw"],
    "softbreak": lambda t: " ",
}


class _Renderer(mistune.BaseRenderer):
    """Renders mistune's token tree; one method per token type."""

    NAME = "typst"

    def __init__(self, heading_offset: int) -> None:
        super().__init__()
        self.heading_offset = heading_offset

    def render_token(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        method = getattr(self, "_" + token["type"], None)
        if method is None:
            raise ValueError(f"no Typst rendering for Markdown {token['type']!r}")
        return method(token, state)

    def iter_tokens(self, tokens: Any, state: mistune.BlockState) -> Any:
        # Escape runs of plain text as a whole: mistune splits text at backslash escapes,
        # and pieces like "2019" + "." must not be escaped as if each stood alone.
        for plain, group in itertools.groupby(tokens, key=lambda t: t["type"] in _PLAIN):
            if plain:
                yield text("".join(_PLAIN[t["type"]](t) for t in group))
            else:
                yield from (self.render_token(t, state) for t in group)

    def _inline(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return _content(self.render_tokens(token["children"], state))

    def _blocks(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        # Not for inline content, which may end in a hard line break: `\` + newline.
        return _content(self.render_tokens(token["children"], state).strip())

    # Block tokens: each ends with a blank line.

    def _blank_line(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return ""

    def _paragraph(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return self.render_tokens(token["children"], state) + "\n\n"

    def _block_text(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return self.render_tokens(token["children"], state) + "\n"  # in a tight list

    def _heading(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        level = max(1, min(token["attrs"]["level"] + self.heading_offset, 6))
        return f"#heading(level: {level}){self._inline(token, state)}\n\n"

    def _thematic_break(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return "#line(length: 100%)\n\n"

    def _block_code(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        info = (token.get("attrs", {}).get("info") or "").split()
        lang = f"lang: {string(info[0])}, " if info else ""
        code = string(token["raw"].removesuffix("\n"))
        return f"#raw(block: true, {lang}{code})\n\n"

    def _block_quote(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return f"#quote(block: true){self._blocks(token, state)}\n\n"

    def _block_html(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return "" if is_comment(token["raw"]) else text(token["raw"].strip()) + "\n\n"

    def _list(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        # Function syntax with content arguments: nesting needs no indentation rules.
        args = [f"tight: {str(token['tight']).lower()}"]
        if token["attrs"]["ordered"]:
            args.append(f"start: {token['attrs'].get('start', 1)}")
        args += [self._blocks(item, state) for item in token["children"]]
        return f"#{'enum' if token['attrs']['ordered'] else 'list'}({', '.join(args)})\n\n"

    def _table(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        head, body = token["children"]
        cells = [cell for row in body["children"] for cell in row["children"]]
        align = ", ".join(c["attrs"]["align"] or "auto" for c in head["children"])
        header = ", ".join(self._inline(c, state) for c in head["children"])
        args = [f"columns: {len(head['children'])}", f"align: ({align},)"]
        args += [f"table.header({header})", *(self._inline(c, state) for c in cells)]
        return f"#table({', '.join(args)})\n\n"

    # Inline tokens, in function-call form so that adjacent punctuation cannot break them.

    def _strong(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return "#strong" + self._inline(token, state)

    def _emphasis(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return "#emph" + self._inline(token, state)

    def _codespan(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return f"#raw({string(token['raw'])})"

    def _link(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        url = token["attrs"]["url"]
        target = f"link({string(url)})" if link_allowed(url) else ""  # else its text alone
        return f"#{target}" + self._inline(token, state)

    def _linebreak(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        return "\\\n"

    def _image(self, token: dict[str, Any], state: mistune.BlockState) -> str:
        # The PDF cannot reach an analyst's picture files: say what is missing, never fail.
        return f"#emph[{text('Image not shown: ')}{self.render_tokens(token['children'], state)}]"
