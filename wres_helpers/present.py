"""Presentation primitives: what a report notebook displays, as rich outputs.

Each ``*_html`` function builds the HTML (pure, testable); the matching display
function shows it in the notebook, where nbconvert picks it up for the Board report.
No WRES logic lives here.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
from html import escape
from typing import TYPE_CHECKING

from IPython.display import Markdown, display

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from pandas.io.formats.style import Styler

NHS_BLUE = "#005EB8"
NHS_DARK_GREY = "#425563"
NHS_PALE_GREY = "#E8EDEE"
NHS_TEXT = "#212B32"
# Government Analysis Function colour-blind-safe pair for two series.
PALETTE = {"White": "#12436D", "BME": "#F46A25"}

WIDE_TABLE_COLUMNS = 8  # beyond this, smaller type so the table fits A4 portrait
TOC_PLACEHOLDER = '<nav class="toc"></nav>'
SYNTHETIC_NOTICE = ("SYNTHETIC DATA", "— not real staff data, not for publication")


def _show(html: str, plain: str) -> None:
    # text/plain is what non-HTML readers of the notebook see instead of a repr.
    display({"text/html": html, "text/plain": plain}, raw=True)


def _format_date(date: dt.date | str) -> str:
    return f"{date.day} {date:%B %Y}" if isinstance(date, dt.date) else str(date)


def _notice(synthetic: bool, draft: bool) -> str:
    parts = (["DRAFT"] if draft else []) + (["SYNTHETIC DATA"] if synthetic else [])
    return " · ".join(parts)


def cover_html(
    title: str,
    organisation: str,
    year: str | int,
    marking: str,
    version: str,
    date: dt.date | str,
    synthetic: bool,
    draft: bool,
    short_title: str | None = None,
) -> str:
    """The cover page; its data-* attributes feed the running header and footer."""
    short = short_title or f"{organisation} · {title} {year}"
    attrs = {
        "data-title": f"{title} {year} — {organisation}",
        "data-short-title": short,
        "data-marking": marking,
        "data-notice": _notice(synthetic, draft),
        "data-version": f"Version {version} · {_format_date(date)}",
    }
    attr_html = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    parts = [f'<section class="cover" {attr_html}>']
    if draft:
        parts.append('<div class="watermark" aria-hidden="true">DRAFT</div>')
    parts += [
        '<div class="cover-band">',
        f'<p class="cover-marking">{escape(marking)}</p>',
        f'<p class="cover-org">{escape(organisation)}</p>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="cover-year">{escape(str(year))}</p>',
        "</div>",
    ]
    if synthetic:
        head, rest = SYNTHETIC_NOTICE
        parts.append(f'<p class="cover-banner" role="note"><strong>{head}</strong> {rest}</p>')
    if draft:
        parts.append('<p class="cover-draft">DRAFT — not approved by the Board</p>')
    meta = {"Version": version, "Date": _format_date(date), "Protective marking": marking}
    rows = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in meta.items())
    parts += [f'<dl class="cover-meta">{rows}</dl>', "</section>"]
    return "\n".join(parts)


def cover(
    title: str,
    organisation: str,
    year: str | int,
    marking: str,
    version: str,
    date: dt.date | str,
    synthetic: bool,
    draft: bool,
    short_title: str | None = None,
) -> None:
    """Display the cover page (first page of the PDF, no header or footer)."""
    html = cover_html(
        title, organisation, year, marking, version, date, synthetic, draft, short_title
    )
    _show(html, f"{title} {year} — {organisation}")


def contents() -> None:
    """Display the table-of-contents placeholder the renderer fills in."""
    _show(TOC_PLACEHOLDER, "Contents")


def heading_html(text: str, level: int = 2) -> str:
    if not 1 <= level <= 6:
        raise ValueError(f"heading level must be 1–6, not {level}")
    return f"<h{level}>{escape(text)}</h{level}>"


def heading(text: str, level: int = 2) -> None:
    """Display a heading; level 2 starts a new page and a contents entry."""
    _show(heading_html(text, level), text)


def markdown(text: str) -> None:
    """Display prose written in Markdown."""
    display(Markdown(text))


def _svg(fig: Figure) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    # No Date metadata, so the same data gives the same bytes.
    # Charts use constrained layout, so no second "tight" drawing pass is needed.
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def figure_html(fig: Figure, alt: str, finding: str) -> str:
    """A vector chart with real alt text and its key finding as the caption."""
    if not alt.strip() or not finding.strip():
        raise ValueError("a chart needs both alt text and a key finding")
    data = base64.b64encode(_svg(fig).encode()).decode()
    return (
        '<figure class="chart">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
        f'<figcaption><span class="finding-label">Key finding: </span>{escape(finding)}'
        "</figcaption></figure>"
    )


def figure(fig: Figure, alt: str, finding: str) -> None:
    """Display a matplotlib figure as SVG, then close it."""
    _show(figure_html(fig, alt, finding), alt)


def _styler(data: pd.DataFrame | Styler) -> Styler:
    from pandas.io.formats.style import Styler

    if isinstance(data, Styler):
        return data
    return data.style.format(precision=2, na_rep="–", escape="html").format_index(
        escape="html", axis=1
    )


def _right_align_numbers(styler: Styler) -> Styler:
    import pandas as pd

    numeric = [
        i
        for i in range(styler.data.shape[1])
        if pd.api.types.is_numeric_dtype(styler.data.iloc[:, i])
    ]
    rules = [{"selector": f"td.col{i}, th.col{i}", "props": "text-align: right"} for i in numeric]
    return styler.set_table_styles(rules, overwrite=False)


def table_html(data: pd.DataFrame | Styler, caption: str) -> str:
    """A DataFrame or Styler (e.g. Red/Amber/Green cells) as a captioned HTML table."""
    import pandas as pd

    styler = _right_align_numbers(_styler(data))
    index = styler.data.index
    if isinstance(index, pd.RangeIndex) and index.name is None:
        styler = styler.hide(axis="index")  # a row counter tells the Board nothing
    # A uuid from the content keeps the HTML identical between runs (diffable) and
    # distinct between tables (Styler's CSS selectors are keyed on it).
    content = caption + styler.data.to_csv()
    uuid = hashlib.sha1(content.encode()).hexdigest()[:8]
    wide = styler.data.shape[1] > WIDE_TABLE_COLUMNS
    return (
        styler.set_caption(escape(caption))
        .set_uuid(uuid)
        .set_table_attributes(f'class="board-table{" wide" if wide else ""}"')
        .to_html()
    )


def table(data: pd.DataFrame | Styler, caption: str) -> None:
    """Display a captioned table."""
    _show(table_html(data, caption), caption)


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
