"""Presentation primitives: what a report notebook displays, as rich outputs.

Each ``*_bundle`` function builds one output in two forms (pure, testable): HTML for the
web page and Typst markup (`pdf`) for the Board PDF, plus plain text. The display
function of the same name without ``_bundle`` shows it in the notebook, where nbconvert
picks the form it needs. The table layout and the colours are in `layout`, which both forms
read. Nothing of a standard lives here.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from IPython.display import display

from ..inputs.text import without_bidi_controls
from . import markup, pdf, safe
from .layout import NHS_DARK_GREY, NHS_TEXT, PALETTE, TableLayout


def escape(value: str, quote: bool = True) -> str:
    """A value as HTML text, without text-direction controls (one would turn the text after
    it around; refused where an analyst's text enters, dropped from any other value)."""
    return html.escape(without_bidi_controls(value), quote)


if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .drawing import Chart

# inches: a chart narrower than this is set at its own size in the PDF, its key finding beside it
NARROW_CHART = 5.0
WIDE_TABLE_COLUMNS = 8  # beyond this, smaller type so the table fits A4 portrait
SVG = "image/svg+xml"
TOC_PLACEHOLDER = '<nav class="toc"></nav>'
SYNTHETIC_NOTICE = ("SYNTHETIC DATA", "— not real staff data, not for publication")


def _bundle(html: str, typst: str, plain: str) -> dict[str, str]:
    # text/plain is what other readers of the notebook see instead of a repr.
    return {"text/html": html, pdf.MIME: typst, "text/plain": plain}


def _displayed(bundle: Callable[..., dict[str, str]]) -> Callable[..., None]:
    """The display function for a bundle builder, with the builder's signature."""

    @functools.wraps(bundle)
    def show(*args, **kwargs) -> None:
        display(bundle(*args, **kwargs), raw=True)

    return show


def _format_date(date: dt.date | str) -> str:
    return f"{date.day} {date:%B %Y}" if isinstance(date, dt.date) else str(date)


def _notice(synthetic: bool, draft: bool) -> str:
    parts = (["DRAFT"] if draft else []) + (["SYNTHETIC DATA"] if synthetic else [])
    return " · ".join(parts)


def cover_bundle(
    title: str,
    organisation: str,
    year: str | int,
    marking: str,
    version: str,
    date: dt.date | str,
    synthetic: bool,
    draft: bool,
    short_title: str | None = None,
    sheet: tuple[tuple[str, str], ...] = (),
    files: tuple[tuple[str, str], ...] = (),
    published: str = "",
    contact: str = "",
) -> dict[str, str]:
    """The cover page (first page of the PDF, no header or footer): the title, then the
    cover sheet's `sheet` rows (label, text) and the version. It also sets the document's
    title and the running header and footer of every later page. The web page's cover also
    links the files published beside it (`files`: label, file name), says when it was
    published and whom to ask, for another format too (`contact`)."""
    full_title = f"{title} {year} — {organisation}"
    running = {
        "short_title": short_title or f"{organisation} · {title} {year}",
        "marking": marking,
        "notice": _notice(synthetic, draft),
        "version": f"Version {version} · {_format_date(date)}",
    }
    meta = dict(sheet) | {
        "Version": version,
        "Date": _format_date(date),
        "Protective marking": marking,
    }
    html = _cover_html(title, organisation, str(year), full_title, marking, meta, synthetic, draft)
    html = html.replace("</section>", _page_facts(files, published, contact) + "</section>")
    typst = pdf.report_setup(full_title, draft=draft, **running) + pdf.cover(
        title=title,
        organisation=organisation,
        year=str(year),
        marking=marking,
        synthetic=SYNTHETIC_NOTICE if synthetic else None,
        draft=draft,
        meta=meta,
    )
    return _bundle(html, typst, full_title)


ANNEX_NOTICE = "NOT FOR PUBLICATION"


def annex_cover_bundle(
    title: str,
    organisation: str,
    year: str | int,
    marking: str,
    version: str,
    date: dt.date | str,
    synthetic: bool,
    draft: bool,
    short_title: str,
    about: str,
) -> dict[str, str]:
    """The technical annex's opening (its PDF's first page, not a page of its own): the
    title, a "not for publication" notice, what the annex holds (`about`) and its contents.
    It sets the annex's running header and footer, which say NOT FOR PUBLICATION too."""
    full_title = f"{title} {year} — {organisation}"
    notice = " · ".join(x for x in (ANNEX_NOTICE, _notice(synthetic, draft)) if x)
    running = {
        "short_title": short_title,
        "marking": marking,
        "notice": notice,
        "version": f"Version {version} · {_format_date(date)}",
    }
    fields = pdf.args(
        title=title,
        organisation=organisation,
        year=str(year),
        marking=marking,
        notice=notice,
        about=pdf.Code(f"[{markup.text(about)}]"),
    )
    typst = pdf.report_setup(full_title, draft=draft, **running) + f"#annex-cover({fields})\n"
    html = (
        f'<section class="annex-cover" data-title="{escape(full_title)}">'
        f"<h1>{escape(title)}</h1><p><strong>{escape(notice)}</strong></p>"
        f"<p>{escape(about)}</p></section>"
    )
    return _bundle(html, typst, full_title)


def _cover_html(
    title: str,
    organisation: str,
    year: str,
    full_title: str,
    marking: str,
    meta: dict[str, str],
    synthetic: bool,
    draft: bool,
) -> str:
    # data-title becomes the page's <title> (render._set_title).
    attr_html = f'data-title="{escape(full_title)}"'
    parts = [f'<section class="cover" {attr_html}>']
    if draft:
        # The word comes from the stylesheet: pure decoration, with no contrast to meet
        # (WCAG 1.4.3); the cover says "DRAFT" in words that do.
        parts.append('<div class="watermark" aria-hidden="true"></div>')
    parts += [
        '<div class="cover-band">',
        f'<p class="cover-marking">{escape(marking)}</p>',
        f'<p class="cover-org">{escape(organisation)}</p>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="cover-year">{escape(year)}</p>',
        "</div>",
    ]
    if synthetic:
        head, rest = SYNTHETIC_NOTICE
        parts.append(f'<p class="cover-banner" role="note"><strong>{head}</strong> {rest}</p>')
    if draft:
        parts.append('<p class="cover-draft">DRAFT — not approved by the Board</p>')
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in meta.items())
    parts += [f'<dl class="cover-meta">{rows}</dl>', "</section>"]
    return "\n".join(parts)


def _page_facts(files: tuple[tuple[str, str], ...], published: str, contact: str) -> str:
    """The web page's own facts: the files beside it, its publication date, whom to ask."""
    parts = []
    if files:
        links = "".join(
            f'<li><a href="{escape(name, quote=True)}">{escape(label)}</a></li>'
            for label, name in files
        )
        parts.append(f'<nav class="cover-files" aria-label="Downloads"><ul>{links}</ul></nav>')
    if published:
        parts.append(f'<p class="cover-published">Published {escape(published)}</p>')
    if contact:
        asked = f"Questions, or this report in another format: {escape(contact)}"
        parts.append(f'<p class="cover-contact">{asked}</p>')
    return "\n".join(parts) + "\n" if parts else ""


def contents_bundle() -> dict[str, str]:
    """The table of contents: its sections and their pages."""
    return _bundle(TOC_PLACEHOLDER, pdf.contents(), "Contents")


def heading_bundle(text: str, level: int = 2, run_on: bool = False) -> dict[str, str]:
    """A heading; level 2 is a section, in the contents, and starts a new page unless
    `run_on` (a short section that follows the one before it when there is room)."""
    if not 1 <= level <= 6:
        raise ValueError(f"heading level must be 1–6, not {level}")
    attrs = ' class="run-on"' if run_on else ""
    html = f"<h{level}{attrs}>{escape(text)}</h{level}>"
    return _bundle(html, pdf.heading(text, level, run_on), text)


def markdown_bundle(text: str) -> dict[str, str]:
    """Prose written in Markdown: raw HTML shows as text, and only https: and mailto: links
    stay links, on the web page (sanitised HTML, `safe`) as in the PDF."""
    # HTML made here, not by nbconvert, whose Markdown passes raw HTML through to the page.
    typst = markup.markdown(text, heading_offset=-1) + "\n"
    return _bundle(safe.markdown_html(text), typst, text)


def pdf_only_bundle(text: str) -> dict[str, str]:
    """Prose for the Board PDF alone (Markdown, as `markdown_bundle`): say there what the web
    page shows in full and the PDF leaves out (a detail table, say)."""
    typst = markup.markdown(text, heading_offset=-1) + "\n"
    return _bundle("", typst, text)


def web_only_bundle(text: str) -> dict[str, str]:
    """Prose for the web page alone (Markdown, as `markdown_bundle`): the note under a detail
    table the Board PDF leaves out."""
    return _bundle(safe.markdown_html(text), "", text)


def _svg(fig: Figure) -> str:
    """A matplotlib figure's SVG (then closed): for charts an analyst adds to a notebook."""
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    # No Date metadata, so the same data gives the same bytes.
    # Charts use constrained layout, so no second "tight" drawing pass is needed.
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def figure_bundle(fig: Chart | Figure, alt: str, finding: str) -> dict[str, str]:
    """A vector chart with real alt text and its key finding as the caption: one of the
    report's (`drawing.Chart`) or a matplotlib figure, drawn and then closed."""
    from .drawing import Chart

    if not alt.strip() or not finding.strip():
        raise ValueError("a chart needs both alt text and a key finding")
    if isinstance(fig, Chart):
        svg, width = fig.svg, fig.width
    else:  # its width read before _svg closes it
        width = float(fig.get_figwidth())
        svg = _svg(fig)
    data = base64.b64encode(svg.encode()).decode()
    beside = width < NARROW_CHART
    html = (
        '<figure class="chart">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
        f'<figcaption><span class="finding-label">Key finding: </span>{escape(finding)}'
        "</figcaption></figure>"
    )
    # The bare SVG too, for readers of the notebook that take no HTML (quarto to Word, say).
    return _bundle(html, pdf.chart(svg, alt, finding, beside), alt) | {SVG: svg}


def cell_text(value: Any) -> str:
    """A table cell's words (any scalar a frame holds): 2 decimal places, a dash for a
    missing value."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _table_html(
    frame: pd.DataFrame,
    caption: str,
    layout: TableLayout,
    show_index: bool,
    cell_css: dict[str, list[str]],
) -> str:
    """A plain HTML table: scoped header cells and each cell's CSS in its own style attribute.
    No <style> element (pandas' Styler writes one), as HTML allows none where nbconvert puts
    an output, and quarto or any other reader takes the table as it is."""
    import pandas as pd

    widths = layout.widths or {}
    right = [pd.api.types.is_numeric_dtype(frame.iloc[:, j]) for j in range(frame.shape[1])]
    corner = escape(str(frame.index.name or ""))
    head = [f'<th scope="col">{corner}</th>' if corner else "<td></td>"] * show_index
    for j, column in enumerate(frame.columns):
        css = ["text-align: right"] * right[j]
        css += [f"width: {widths[column]}%"] if column in widths else []
        head.append(f'<th scope="col"{_style(css)}>{escape(str(column))}</th>')
    body = []
    for i, index in enumerate(frame.index):
        cells = [f'<th scope="row">{escape(cell_text(index))}</th>'] * show_index
        for j, column in enumerate(frame.columns):
            css = ["text-align: right"] * right[j]
            if column in layout.nowrap:  # the cells only: a header may wrap between its words
                css.append("white-space: nowrap")
            elif column in layout.lines:
                css.append("white-space: pre-line")
            css.append(cell_css[column][i])
            # data-label: the column's name, which a phone's stacked layout shows beside it.
            label = escape(str(column))
            text = escape(cell_text(frame.iat[i, j]))
            cells.append(f'<td data-label="{label}"{_style(css)}>{text}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    table_css = [f"font-size: {layout.font_size}"] * bool(layout.font_size)
    table_css += ["table-layout: fixed"] * layout.fixed + ["break-inside: avoid"] * layout.whole
    classes = "board-table wide" if _wide(frame) else "board-table"
    # A table wider than a phone's screen scrolls within its region, which a keyboard user
    # must be able to reach (tabindex) and a screen reader names (WCAG 2.1.1, 4.1.2).
    return (
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(caption)}">\n'
        f'<table class="{classes}"{_style(table_css)}>\n<caption>{escape(caption)}</caption>\n'
        f"<thead><tr>{''.join(head)}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>\n</div>"
    )


def _style(declarations: list[str]) -> str:
    css = "; ".join(d for d in declarations if d)
    return f' style="{escape(css)}"' if css else ""


def _wide(frame: pd.DataFrame) -> bool:
    return frame.shape[1] > WIDE_TABLE_COLUMNS


def _cell_styles(layout: TableLayout, column: str, rows: int) -> list[str]:
    """Each cell's CSS declarations in `column`: its row's, then its own."""
    row_styles = layout.row_styles or [""] * rows
    own = (layout.cell_styles or {}).get(column) or [""] * rows
    return ["; ".join(s for s in pair if s) for pair in zip(row_styles, own, strict=True)]


def table_bundle(
    frame: pd.DataFrame, caption: str, layout: TableLayout | None = None
) -> dict[str, str]:
    """A captioned table (e.g. with Red/Amber/Green cells); its header repeats on each page."""
    import pandas as pd

    layout = layout or TableLayout()
    index = frame.index
    show_index = not (isinstance(index, pd.RangeIndex) and index.name is None)
    cell_css = {column: _cell_styles(layout, column, len(frame)) for column in frame.columns}
    html = _table_html(frame, caption, layout, show_index, cell_css)
    size = layout.font_size or (pdf.SMALL_TYPE if _wide(frame) else "")
    typst = (
        ""  # a detail table: the Board PDF leaves it out (the web page and the annex show it)
        if layout.web_only
        else pdf.table(frame, caption, layout, cell_text, show_index, size, cell_css)
    )
    return _bundle(html, typst, caption)


cover = _displayed(cover_bundle)
annex_cover = _displayed(annex_cover_bundle)
contents = _displayed(contents_bundle)
heading = _displayed(heading_bundle)
markdown = _displayed(markdown_bundle)
pdf_only = _displayed(pdf_only_bundle)
web_only = _displayed(web_only_bundle)


@functools.wraps(figure_bundle)
def figure(fig: Chart | Figure, alt: str, finding: str) -> None:
    # The SVG's alt text rides in its metadata, where nbconvert and render.alt_text read it.
    display(figure_bundle(fig, alt, finding), raw=True, metadata={SVG: {"alt": alt}})


table = _displayed(table_bundle)


def set_chart_style() -> None:
    """House style for matplotlib charts: NHS text colour, no clutter, stable SVG."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            # SVG text keeps this list, so a browser without DejaVu falls back cleanly.
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.titleweight": "bold",
            "axes.labelsize": 9,
            "axes.edgecolor": NHS_DARK_GREY,
            "axes.labelcolor": NHS_TEXT,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=list(PALETTE.values())),
            "xtick.color": NHS_TEXT,
            "ytick.color": NHS_TEXT,
            "text.color": NHS_TEXT,
            "legend.frameon": False,
            "figure.figsize": (6.5, 3.5),
            "svg.fonttype": "none",
            "svg.hashsalt": "wres",  # stable element ids between runs
        }
    )
