"""Executed notebook → self-contained HTML page → Board-ready A4 PDF."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

import nbformat
from bs4 import BeautifulSoup, Tag

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
REMOVED_TAGS = frozenset({"injected-parameters", "parameters", "notebook-only"})
LANG = "en-GB"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}  # implies tagging and PDF 1.7
_REPR = re.compile(r"<[^<>]*>")  # e.g. "<Figure size 640x480 with 1 Axes>", not a description
MISSING_ALT = "Chart: no description was supplied"


def alt_text(output: dict[str, Any], mimetype: str) -> str:
    """Alt text for an image output: its metadata "alt", else its text/plain."""
    alt = output.get("metadata", {}).get(mimetype, {}).get("alt")
    alt = (alt or output.get("data", {}).get("text/plain") or "").strip()
    if not alt or _REPR.fullmatch(alt):
        log.warning("An image output has no alt text; use present.figure(fig, alt, finding).")
        return MISSING_ALT
    return alt


@functools.cache
def _exporter():
    # Built once per process: template discovery and Jinja set-up cost ~0.3 s.
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVED_TAGS)
    exporter = HTMLExporter(
        config=config,
        template_name="board",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,  # the ¶ would land in headings and the contents
    )
    exporter.register_filter("alt_text", alt_text)
    return exporter


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _section_headings(soup: BeautifulSoup) -> list[Tag]:
    return [
        h
        for h in soup.find_all(["h2", "h3"])
        if not h.find_parent("nav") and not h.find_parent(class_="cover")
    ]


def _give_ids(headings: list[Tag], soup: BeautifulSoup) -> None:
    taken = {el["id"] for el in soup.find_all(id=True) if el.name not in ("h2", "h3")}
    for h in headings:
        # Markdown may repeat a heading's id; every contents link must be unambiguous.
        hid = h.get("id")
        if not hid or hid in taken:
            hid = _unique_id(_slug(h.get_text()), taken)
        h["id"] = hid
        taken.add(hid)


def _toc_list(headings: list[Tag], soup: BeautifulSoup) -> Tag:
    """The contents: the report's sections (h2) only. Subsections (h3) keep their ids and
    stay in the PDF's bookmarks, but listing each indicator's "Implications" and "Action
    taken and planned" would bury the sections a reader is looking for."""
    top = soup.new_tag("ol")
    for h in headings:
        if h.name != "h2":
            continue
        li = soup.new_tag("li")
        link = soup.new_tag("a", href=f"#{h['id']}")
        link.string = h.get_text(" ", strip=True)
        li.append(link)
        top.append(li)
    return top


def _toc_slot(soup: BeautifulSoup) -> Tag:
    nav = soup.select_one("nav.toc")
    if nav is not None:
        nav.clear()
        return nav
    nav = soup.new_tag("nav", attrs={"class": "toc"})
    cover = soup.select_one("section.cover")
    if cover is not None:
        cover.insert_after(nav)
    else:
        soup.main.insert(0, nav)
    return nav


def _add_toc(soup: BeautifulSoup) -> None:
    headings = _section_headings(soup)
    _give_ids(headings, soup)
    nav = _toc_slot(soup)
    nav["aria-labelledby"] = "contents-title"
    title = soup.new_tag("h2", id="contents-title")
    title.string = "Contents"
    nav.append(title)
    nav.append(_toc_list(headings, soup))


def _set_title(soup: BeautifulSoup) -> None:
    cover = soup.select_one("[data-title]")
    h1 = soup.find("h1")
    text = cover["data-title"] if cover else h1.get_text(" ", strip=True) if h1 else None
    if text:
        soup.title.string = text


def notebook_to_html(nb: nbformat.NotebookNode) -> str:
    """A self-contained HTML page: outputs and Markdown only, with a contents list."""
    html, _ = _exporter().from_notebook_node(nb)
    soup = BeautifulSoup(html, "html.parser")
    _set_title(soup)
    _add_toc(soup)
    return str(soup)


def html_to_pdf(html: str, pdf_path: Path) -> int:
    """Write a tagged (PDF/UA-1) A4 PDF with embedded fonts; return its page count."""
    from weasyprint import HTML  # heavy import, only when a PDF is wanted

    document = HTML(string=html, base_url=str(Path(pdf_path).parent)).render(**PDF_OPTIONS)
    document.metadata.lang = document.metadata.lang or LANG
    document.write_pdf(pdf_path, **PDF_OPTIONS)
    return len(document.pages)
