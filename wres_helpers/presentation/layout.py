"""What the HTML and the Typst form of an output share: the table layout and the colours.

`present` builds each output's HTML and calls `typst` for its Typst markup; both read the
layout from here, so neither imports the other's module for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..standards.registry import FOCUS, REFERENCE

NHS_BLUE = "#005EB8"
NHS_DARK_GREY = "#425563"
NHS_PALE_GREY = "#E8EDEE"
NHS_TEXT = "#212B32"
# Government Analysis Function colour-blind-safe pair for two series, by a group's role in
# a comparison (the reference group, the focus group), whichever the standard.
PALETTE = {REFERENCE: "#12436D", FOCUS: "#F46A25"}


@dataclass(frozen=True)
class TableLayout:
    """How a table is laid out: column widths (percent of the page; the PDF keeps them
    exactly), columns that must not wrap, columns whose cells break at each newline, per-row
    and per-cell CSS declarations (background-color, color, font-weight, font-style,
    font-family, font-size: what the PDF understands too), type size, whether it may split
    between pages, and whether the Board PDF leaves it out (`web_only`)."""

    widths: dict[str, float] | None = None
    nowrap: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    fixed: bool = False  # the HTML table keeps the widths exactly, whatever the cells hold
    whole: bool = False  # a short table is never split between pages
    font_size: str = ""
    row_styles: list[str] | None = None
    cell_styles: dict[str, list[str]] | None = None
    # A detail table: on the web page, and in the technical annex, but not in the Board PDF
    # (its figures are in the section's words and chart there).
    web_only: bool = False
