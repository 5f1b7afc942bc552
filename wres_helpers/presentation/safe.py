"""Markdown → HTML that runs nothing, for the web page the trust publishes.

By the rules of `inputs.prose`: raw HTML in Markdown is shown as text (an HTML comment is
dropped), a link goes only to an https: or mailto: address, an image shows as its
description, and the result passes through the nh3 sanitiser, which keeps only the elements
Markdown itself makes. `text` escapes a value (a name, a label, a message) so that Markdown shows it
literally wherever it is written into generated Markdown. HTML entities in Markdown text
(`R&amp;D`) are read as CommonMark reads them (`R&D`), by `entities_decoded` for the page and
the PDF alike, and text-direction controls (refused where an analyst's text enters) are
dropped from any value that reaches a page.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

import mistune
import nh3

from ..inputs.prose import LINK_SCHEMES, entities_decoded, is_comment, link_allowed
from ..inputs.prose import MARKDOWN_SPECIAL as _MARKDOWN_SPECIAL
from ..inputs.text import without_bidi_controls

# What Markdown makes; nothing else survives the sanitiser.
TAGS = {
    *("p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "a"),
    *("ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"),
    *(f"h{n}" for n in range(1, 7)),
}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}


def text(value: object) -> str:
    """A value written into Markdown so that it reads literally: no markup, no HTML, no link."""
    one_line = re.sub(r"\s*[\r\n]+\s*", " ", without_bidi_controls(str(value)))  # one line
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), one_line)


def plain(md: str) -> str:
    """Markdown's words on one line, as a table cell shows them: no markup, no comments."""
    from bs4 import BeautifulSoup

    words = BeautifulSoup(markdown_html(md), "html.parser").get_text(" ")
    return re.sub(r"\s+", " ", words).strip()


def markdown_html(md: str) -> str:
    """CommonMark (with pipe tables, as the PDF's markup.markdown) as sanitised HTML."""
    convert = mistune.create_markdown(renderer=_Renderer(escape=True), plugins=["table"])
    return clean(str(convert(entities_decoded(md))))


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
    )


class _Renderer(mistune.HTMLRenderer):
    def text(self, text: str) -> str:
        return super().text(without_bidi_controls(text))

    def link(self, text: str, url: str, title: Any = None) -> str:
        return super().link(text, url, title) if link_allowed(url) else text

    def image(self, text: str, url: str, title: Any = None) -> str:
        return f"<em>Image not shown: {text}</em>"

    def inline_html(self, html: str) -> str:
        return "" if is_comment(html) else escape(html)

    def block_html(self, html: str) -> str:
        return "" if is_comment(html) else f"<p>{escape(html.strip())}</p>\n"
