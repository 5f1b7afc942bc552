"""What the analysts' Markdown may hold, written once: the commentary is checked against it
(file and line for each refusal) and `presentation` renders every Markdown text by it.

Markdown's own syntax only: no raw HTML (an HTML comment is allowed and never shown), no
image (the web page and the PDF are self-contained), links only to https: or mailto:.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import mistune

LINK_SCHEMES = ("https", "mailto")
_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.DOTALL)

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
