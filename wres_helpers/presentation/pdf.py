"""The Board PDF's side of each presentation primitive: Typst markup for a cover, a heading,
a chart and a table. `present` shows each one twice, as HTML for the web page and as this
markup for the PDF; the functions it calls here are defined in templates/board-typst/board.typ.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import markup
from .layout import TableLayout

if TYPE_CHECKING:
    import pandas as pd

MIME = "text/x-typst"
SMALL_TYPE = "7pt"  # a wide table's type, as board.css's table.wide
NAMED_COLOURS = {"white": "#FFFFFF", "black": "#000000"}


class Code(str):
    """Typst code to pass as it is, unquoted: a length such as 8pt, or content in brackets."""


def _value(value: object) -> str:
    if isinstance(value, Code):
        return value
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "(" + "".join(f"{_value(v)}, " for v in value) + ")"
    return markup.string(str(value))


def args(*positional: object, **named: object) -> str:
    """Typst arguments: strings become string literals, tuples arrays, None `none`;
    underscores in names become hyphens."""
    parts = [_value(v) for v in positional]
    parts += [f"{name.replace('_', '-')}: {_value(v)}" for name, v in named.items()]
    return ", ".join(parts)


def report_setup(
    title: str, *, short_title: str, marking: str, notice: str, version: str, draft: bool
) -> str:
    """The document's title, and the running header and footer on every page after the cover."""
    setup = args(
        short_title=short_title, marking=marking, notice=notice, version=version, draft=draft
    )
    return f"#set document(title: {markup.string(title)})\n#show: report.with({setup})\n"


def cover(
    *,
    title: str,
    organisation: str,
    year: str,
    marking: str,
    synthetic: tuple[str, str] | None,
    draft: bool,
    meta: dict[str, str],
) -> str:
    fields = args(
        title=title,
        organisation=organisation,
        year=year,
        marking=marking,
        synthetic=synthetic,
        draft=draft,
        meta=tuple(meta.items()),
    )
    return f"#cover({fields})\n"


def contents() -> str:
    return "#contents()\n"


def heading(text: str, level: int = 2, run_on: bool = False) -> str:
    """HTML's h2 (a section, in the contents) is the PDF's level 1, h3 its level 2, and so on."""
    label = " <run-on>" if run_on else ""
    return f"#heading(level: {max(level - 1, 1)})[{markup.text(text)}]{label}\n"


def chart(svg: str, alt: str, finding: str, beside: bool = False) -> str:
    """A chart with its key finding: below it, or beside it (`beside`, for a narrow chart set
    at its own size)."""
    finding_markup = Code(f"[{markup.text(finding)}]")
    return f"#chart({args(svg, alt=alt, finding=finding_markup, beside=beside)})\n"


def table(
    frame: pd.DataFrame,
    caption: str,
    layout: TableLayout,
    cell_text: Callable[[object], str],
    show_index: bool,
    size: str,
    cell_css: dict[str, list[str]],
) -> str:
    """A captioned table: set column widths, styled cells (each cell's CSS declarations, by
    column), a header repeated on each page."""
    import pandas as pd

    columns = list(frame.columns)
    labels = ([str(frame.index.name or "")] if show_index else []) + [str(c) for c in columns]
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in columns]
    widths = layout.widths or {}
    sizes = ["auto"] * show_index + [f"{widths[c]}%" if c in widths else "auto" for c in columns]
    aligns = ["left"] * show_index + ["right" if n else "left" for n in numeric]
    header = ", ".join(
        f"th(align: {a})[{markup.text(label)}]" for a, label in zip(aligns, labels, strict=True)
    )
    cells = [f"table.header({header})"]
    for i, (index, row) in enumerate(frame.iterrows()):
        if show_index:
            cells.append(f"strong[{markup.text(cell_text(index))}]")
        for j, column in enumerate(columns):
            style = _declarations(cell_css[column][i])
            cells.append(_cell(cell_text(row[column]), column, layout, numeric[j], style))
    options = args(
        caption=Code(f"[{markup.text(caption)}]"),
        columns=Code(f"({', '.join(sizes)},)"),
        size=Code(size or "8pt"),
        whole=layout.whole,
    )
    return f"#board-table({options}, {', '.join(cells)})\n"


def _colour(css: str) -> Code:
    """A CSS colour (#RRGGBB, or white or black) as a Typst colour."""
    hex_colour = NAMED_COLOURS.get(css.lower(), css)
    if not re.fullmatch(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?", hex_colour):
        raise ValueError(f"table cell colour {css!r}: expected #RRGGBB, white or black")
    return Code(f'rgb("{hex_colour}")')


def _declarations(css: str) -> dict[str, str]:
    """'color: red; font-weight: bold' as {'color': 'red', 'font-weight': 'bold'}."""
    pairs = [d.split(":", 1) for d in css.split(";") if ":" in d]
    return {k.strip(): v.strip() for k, v in pairs}


def _cell(text: str, column: str, layout: TableLayout, numeric: bool, style: dict[str, str]) -> str:
    lines = text.split("\n") if column in layout.lines else [text]
    content = " \\ ".join(markup.text(line) for line in lines)
    if column in layout.nowrap:
        content = f"#box[{content}]"
    if style.get("font-weight") == "bold":
        content = f"#strong[{content}]"
    if style.get("font-style") == "italic":
        content = f"#emph[{content}]"
    text_options = {
        "fill": _colour(style["color"]) if "color" in style else None,
        "font": style.get("font-family", "").split(",")[0].strip().strip('"') or None,
        "size": Code(style["font-size"]) if "font-size" in style else None,
    }
    if any(text_options.values()):
        content = f"#text({args(**{k: v for k, v in text_options.items() if v})})[{content}]"
    options = []
    if "background-color" in style:
        options.append(f"fill: {_colour(style['background-color'])}")
    if numeric:
        options.append("align: right + top")
    return f"table.cell({', '.join(options)})[{content}]"
