"""Executed notebook → a self-contained HTML page (nbconvert), and → Typst markup (nbconvert,
the board-typst template) → the Board-ready A4 PDF (the Typst compiler)."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import functools
import io
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from bs4 import BeautifulSoup, Tag

from ..errors import Problem, TypesettingError, UnsafePageError
from ..presentation import markup
from ..presentation.pdf import MIME as TYPST_MIME
from ..standards.registry import Standard

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
# remove-cell: the tag quarto and Jupyter Book know for the same thing.
REMOVED_TAGS = frozenset({"injected-parameters", "parameters", "notebook-only", "remove-cell"})
# A cell of the technical annex: left out of the web page and the Board PDF, and the only
# cells of the annex PDF (the method, settings, provenance and per-band tables).
ANNEX = "annex"
PDF_STANDARDS = ["ua-1"]  # PDF/UA-1: tagged, accessible
_REPR = re.compile(r"<[^<>]*>")  # e.g. "<Figure size 640x480 with 1 Axes>", not a description
MISSING_ALT = "Chart: no description was supplied"


def alt_text(output: dict[str, Any], mimetype: str) -> str:
    """Alt text for an image output: its metadata "alt", else its text/plain."""
    alt = _alt(output, mimetype)
    if alt is None:
        log.warning("An image output has no alt text; use present.figure(fig, alt, finding).")
        return MISSING_ALT
    return alt


def _alt(output: dict[str, Any], mimetype: str) -> str | None:
    alt = output.get("metadata", {}).get(mimetype, {}).get("alt")
    alt = (alt or output.get("data", {}).get("text/plain") or "").strip()
    return None if not alt or _REPR.fullmatch(alt) else alt


IMAGES = ("image/svg+xml", "image/png", "image/jpeg")


def undescribed_charts(nb: nbformat.NotebookNode, name: str) -> list[Problem]:
    """Each shown image output whose alt text would fall back to MISSING_ALT, by its cell's
    number in the notebook `name` as Jupyter counts (from 1; papermill's injected cell is
    not the analyst's). A final report must have none."""
    expected = "a chart with a description: show it with present.figure(fig, alt, finding)"
    cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    problems = []
    for number, cell in enumerate(cells, 1):
        if set(cell.metadata.get("tags", [])) & REMOVED_TAGS:
            continue
        for output in cell.get("outputs", []):
            image = next((m for m in IMAGES if m in output.get("data", {})), None)
            if image and _alt(output, image) is None:
                problems.append(Problem(name, expected, row=number, row_label="cell"))
    return problems


def _config():
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVED_TAGS | {ANNEX})
    # The notebook is checked against its schema once, after the preprocessors, not after
    # each of the eleven (0.1-0.2 s a report).
    config.Exporter.optimistic_validation = True
    return config


def _tags(cell: nbformat.NotebookNode) -> set[str]:
    return set(cell.metadata.get("tags", []))


def has_annex(nb: nbformat.NotebookNode) -> bool:
    """Whether the notebook has cells for a technical annex."""
    return any(ANNEX in _tags(c) and not _tags(c) & REMOVED_TAGS for c in nb.cells)


def annex_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The annex's own notebook: only the cells tagged `annex` (not left out for another
    reason), untagged so the renderer keeps them; the metadata (title) as the report's."""
    # Everything but the cells, copied (from_dict makes every mapping and list anew); then
    # only the annex's cells: a report's cells, with their charts, are most of the notebook.
    annex = nbformat.from_dict({k: v for k, v in nb.items() if k != "cells"})
    annex.cells = []
    for cell in nb.cells:
        tags = _tags(cell)
        if ANNEX in tags and not tags & REMOVED_TAGS:
            kept = copy.deepcopy(cell)
            kept.metadata["tags"] = sorted(tags - {ANNEX})
            annex.cells.append(kept)
    return annex


@functools.cache
def _exporter():
    # Built once per process: template discovery and Jinja set-up cost ~0.3 s.
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """HTMLExporter without its closing BeautifulSoup pass, which adds alt text (every
        image has `alt_text`'s) and tabindex to JupyterLab's classes (this template has
        none): notebook_to_html parses the page anyway, so it is parsed once, not twice
        (0.13 s a report; tests/test_render.py holds the page to HTMLExporter's)."""

        def from_notebook_node(self, nb, resources=None, **kw):
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", Highlight2HTML(parent=self))
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    exporter = PageExporter(
        config=_config(),
        template_name="board",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,  # the ¶ would land in headings and the contents
    )
    exporter.register_filter("alt_text", alt_text)
    return _compiled_once(exporter)


def _compiled_once(exporter):
    """The exporter, its templates compiled once and kept for later runs in the cache's
    `templates/` folder (inputs/cache.py), where Jinja checks each against its template's
    source: compiling the page's templates took about 0.06 s of every report."""
    from jinja2 import FileSystemBytecodeCache

    from ..inputs import cache

    place = cache.private_folder("templates")
    if place is not None:
        exporter.environment.bytecode_cache = FileSystemBytecodeCache(str(place))
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
    taken = {str(el["id"]) for el in soup.find_all(id=True) if el.name not in ("h2", "h3")}
    for h in headings:
        # Markdown may repeat a heading's id; every contents link must be unambiguous.
        hid = h.get("id")
        if not isinstance(hid, str) or not hid or hid in taken:
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
    # find, not CSS selectors: compiling a selector costs more than the page's whole search.
    nav = soup.find("nav", class_="toc")
    if nav is not None:
        nav.clear()
        return nav
    nav = soup.new_tag("nav", attrs={"class": "toc"})
    cover = soup.find("section", class_="cover")
    if cover is not None:
        cover.insert_after(nav)
    else:
        assert soup.main is not None  # the page template has one
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
    cover = soup.find(True, attrs={"data-title": True})
    h1 = soup.find("h1")
    text = cover["data-title"] if cover else h1.get_text(" ", strip=True) if h1 else None
    if text and soup.title is not None:
        soup.title.string = str(text)


# Elements a published page never needs: they run code, embed, fetch or redirect.
ACTIVE_ELEMENTS = ("script", "iframe", "frame", "object", "embed", "form", "base", "link")
ALLOWED_META = ({"charset"}, {"name", "content"}, {"http-equiv", "content"})
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcset")


def active_content(soup: BeautifulSoup) -> list[str]:
    """Whatever in the page could run a script, fetch from elsewhere or redirect: an
    element, an on* handler, or a URL that is not in-page, https:, mailto:, a data: image or
    a file beside the page (a bare name ending .pdf, .xlsx or .csv)."""
    found = [f"<{tag.name}>" for tag in soup.find_all(ACTIVE_ELEMENTS)]
    for tag in soup.find_all(True):
        if tag.name == "meta" and not _meta_allowed(tag):
            found.append(str(tag)[:80])
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}>")
            elif name.lower() in _URL_ATTRIBUTES and not _url_allowed(tag.name, str(value)):
                found.append(f"<{tag.name} {name}={str(value)[:40]!r}>")
    return found


def _meta_allowed(tag: Tag) -> bool:
    """The page's own: charset, viewport, and the Content-Security-Policy (no refresh)."""
    equiv = str(tag.get("http-equiv", "content-security-policy")).lower()
    return set(tag.attrs) in ALLOWED_META and equiv == "content-security-policy"


def _url_allowed(element: str, url: str) -> bool:
    url = url.strip().lower()
    if element == "img":
        return url.startswith("data:image/")
    # A bare file name is a file published beside the page (the PDF, XLSX and CSV): no
    # scheme, no folder, so it can neither run nor leave the report's folder.
    beside = re.fullmatch(r"[a-z0-9][a-z0-9._-]*\.(pdf|xlsx|csv)", url) is not None
    return element == "a" and (url.startswith(("#", "https:", "mailto:")) or beside)


def notebook_to_html(nb: nbformat.NotebookNode) -> str:
    """A self-contained HTML page: outputs and Markdown only, with a contents list. Raises
    UnsafePageError if anything in it could run or fetch (see `active_content`)."""
    html, _ = _exporter().from_notebook_node(nb)
    soup = BeautifulSoup(html, "html.parser")
    _set_title(soup)
    _add_toc(soup)
    found = active_content(soup)
    if found:
        raise UnsafePageError("the page would hold active content: " + ", ".join(found[:5]))
    return str(soup)


def typst_output(output: dict[str, Any]) -> str:
    """An output's Typst form: its own (from `present`), else made from an image, Markdown
    or plain text. Anything else (an HTML-only output, say) shows as its plain text."""
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return _raw(output.get("text", ""))
    if TYPST_MIME in data:
        return data[TYPST_MIME]
    if "image/svg+xml" in data:
        svg, alt = data["image/svg+xml"], alt_text(output, "image/svg+xml")
        source = markup.string(svg)
        return f'#figure(image(bytes({source}), format: "svg", alt: {markup.string(alt)}))'
    if "image/png" in data:
        png = ", ".join(map(str, base64.b64decode(data["image/png"])))
        alt = markup.string(alt_text(output, "image/png"))
        return f"#figure(image(bytes(({png},)), alt: {alt}, width: 100%))"
    if "text/markdown" in data:
        return markup.markdown(data["text/markdown"], heading_offset=-1)
    return _raw(data.get("text/plain", ""))


def _raw(text: str) -> str:
    return f"#raw(block: true, {markup.string(text.rstrip())})" if text.strip() else ""


@functools.cache
def _typst_exporter():
    from nbconvert import TemplateExporter

    exporter = TemplateExporter(
        config=_config(),
        template_name="board-typst",
        template_file="index.typ.j2",
        extra_template_basedirs=[str(TEMPLATES)],
    )
    exporter.register_filter("typst_output", typst_output)
    exporter.register_filter(
        "typst_markdown", functools.partial(markup.markdown, heading_offset=-1)
    )
    return _compiled_once(exporter)


def notebook_to_typst(nb: nbformat.NotebookNode) -> str:
    """The PDF's Typst source: the house style (board.typ), then every output in order."""
    body, _ = _typst_exporter().from_notebook_node(nb)
    style = (TEMPLATES / "board-typst" / "board.typ").read_text(encoding="utf-8")
    # PDF/UA needs a title; a cover output sets the real one.
    title = markup.string(nb.metadata.get("title") or "Report")
    return f"{style}\n#set document(title: {title})\n{body}"


@functools.cache
def _compiler():
    """One compiler per process: it keeps its fonts and caches between documents. The fonts
    are the DejaVu files matplotlib ships (found without importing it), so every machine
    typesets the same PDF, and the charts' text in the font they were measured in."""
    import importlib.util

    import typst

    matplotlib = importlib.util.find_spec("matplotlib")
    assert matplotlib is not None and matplotlib.origin is not None  # a dependency in the lock
    fonts = Path(matplotlib.origin).parent / "mpl-data" / "fonts" / "ttf"
    return typst.Compiler(
        font_paths=typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(fonts)]
        )
    )


def _timestamp(created: dt.date | None) -> dt.datetime:
    """The PDF's creation date: the report's as-of date, never the clock (else the
    SOURCE_DATE_EPOCH convention, else 1 January 1970), so a rebuild gives the same bytes.
    Its document id is Typst's hash of the title and author: stable too."""
    if created is not None:
        return dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, dt.UTC)


def typst_to_pdf(source: str, pdf_path: Path, created: dt.date | None = None) -> int:
    """Write a tagged (PDF/UA-1) A4 PDF with embedded fonts; return its page count."""
    pdf = _compile(source, created)
    Path(pdf_path).write_bytes(pdf)
    return page_count(pdf)


# Typst writes one flat page tree, uncompressed: "/Type/Pages/Count 12/Kids[…]".
_PAGE_TREE = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")


def page_count(pdf: bytes) -> int:
    """The pages of a PDF: read from Typst's page tree, else (a PDF laid out otherwise) by
    pypdf, whose import alone is 0.4 s of a report built from the shell."""
    found = _PAGE_TREE.findall(pdf)
    if len(found) == 1:
        return int(found[0])
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _compile(source: str, created: dt.date | None = None) -> bytes:
    import typst

    try:
        return _compiler().compile(
            input=source.encode(),
            format="pdf",
            pdf_standards=PDF_STANDARDS,
            timestamp=_timestamp(created),
        )
    except typst.TypstError as error:
        raise TypesettingError(error.diagnostic or error.message) from None


def typeset_problems(files: dict[str, str], prepare: Callable[[str], str]) -> list[Problem]:
    """Each Markdown file (its name as shown: its text) that Typst cannot typeset on its own, in
    the house style, once `prepare` has made it what the report shows (line for line): the
    file, the first line at which it fails (the shortest start of the file that fails, found
    by halving) and Typst's message. For a PDF that failed: which commentary caused it."""
    style = (TEMPLATES / "board-typst" / "board.typ").read_text(encoding="utf-8")

    def failure(lines: list[str]) -> str | None:
        body = markup.markdown(prepare("\n".join(lines)), heading_offset=-1)
        try:
            _compile(f'{style}\n#set document(title: "Commentary")\n{body}')
        except TypesettingError as error:
            return str(error).split("\n", 1)[0].removeprefix("error: ")
        return None

    problems = []
    for shown, text in files.items():
        lines = text.split("\n")
        message = failure(lines)
        if message is None:
            continue
        good, bad = 0, len(lines)  # the first `good` lines typeset; the first `bad` do not
        while bad - good > 1:
            middle = (good + bad) // 2
            if (found := failure(lines[:middle])) is None:
                good = middle
            else:
                bad, message = middle, found
        expected = f"commentary the PDF can typeset (Typst: {message})"
        problems.append(Problem(shown, expected, row=bad, row_label="line"))
    return problems


def commentary_typesetting(words_dir: Path, standard: Standard) -> list[Problem]:
    """Each commentary file Typst cannot typeset, by file and first failing line."""
    from ..inputs import narrative
    from ..inputs.text import read_text
    from ..sections.common import commentary_markdown

    folder = Path(words_dir) / narrative.FOLDER
    files = {}
    for name in narrative.commentary_names(folder, standard):
        shown = str(folder / name)
        files[shown] = read_text(folder / name, shown, narrative.MAX_BYTES)
    return typeset_problems(files, commentary_markdown)


def notebook_to_pdf(
    nb: nbformat.NotebookNode, pdf_path: Path, created: dt.date | None = None
) -> int:
    """The Board PDF of an executed notebook (every shown cell but the annex's); returns its
    page count."""
    return typst_to_pdf(notebook_to_typst(nb), pdf_path, created)


def notebook_to_annex_pdf(
    nb: nbformat.NotebookNode, pdf_path: Path, created: dt.date | None = None
) -> int:
    """The technical annex of an executed notebook: its cells tagged `annex`, in the Board
    PDF's house style; returns its page count."""
    return typst_to_pdf(notebook_to_typst(annex_notebook(nb)), pdf_path, created)
