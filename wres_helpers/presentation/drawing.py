"""Charts drawn straight to SVG: a canvas in points, scales, axes, marks and legends.

The report's charts are a few kinds of bar, dot and line chart. Drawn with matplotlib they
took about a third of a report's time (its import, its layout and its SVG writer); drawn
here they take milliseconds and come out the same bytes every time. Text is measured with
DejaVu Sans's own advance widths: the font the PDF embeds and the web page asks for first.
Every string is escaped where it enters (`Canvas.text`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..inputs.text import without_bidi_controls
from .layout import NHS_DARK_GREY, NHS_TEXT

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
POINTS = 72  # points an inch
TICK = 3.5  # points: a tick mark's length, outside the plot
PAD = 3.5  # points between a tick and its label
EDGE = 4.0  # points of white round a chart

# DejaVu Sans's advance widths (units of 1/2048 em), characters 32 to 126, regular and bold.
_WIDTHS = {
    False: (
        "651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 1303 1303 1303 "
        "1303 1303 1303 1303 1303 1303 1303 690 690 1716 1716 1716 1087 2048 1401 1405 1430 1577 "
        "1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 1235 1612 1423 1300 1251 1499 1401 "
        "2025 1403 1251 1403 799 690 799 1716 1024 1024 1255 1300 1126 1300 1260 721 1300 1298 569 "
        "569 1186 569 1995 1298 1253 1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 1303 690 "
        "1303 1716"
    ),
    True: (
        "713 934 1067 1716 1425 2052 1786 627 936 936 1071 1716 778 850 778 748 1425 1425 1425 "
        "1425 1425 1425 1425 1425 1425 1425 819 819 1716 1716 1716 1188 2048 1585 1561 1503 1700 "
        "1399 1399 1681 1714 762 762 1587 1305 2038 1714 1741 1501 1741 1577 1475 1397 1663 1585 "
        "2259 1579 1483 1485 936 748 936 1716 1024 1024 1382 1466 1214 1466 1389 891 1466 1458 "
        "702 702 1362 702 2134 1458 1407 1466 1466 1010 1219 979 1458 1335 1892 1321 1335 1192 "
        "1458 748 1458 1716"
    ),
}
_ADVANCE = {bold: [int(w) for w in widths.split()] for bold, widths in _WIDTHS.items()}
_WIDE = 2048  # any other character: an em, so a label never runs into its neighbour


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in points of one line of text at `size` points."""
    advance = _ADVANCE[bold]
    units = sum(advance[ord(c) - 32] if 32 <= ord(c) < 127 else _WIDE for c in text)
    return units * size / 2048


def _num(value: float) -> str:
    # Two decimals of a point: finer than print shows, and the same text every run.
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its SVG and its size in inches."""

    svg: str
    width: float
    height: float


class Canvas:
    """An SVG drawing in points, y downwards, built up mark by mark."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height  # inches
        self.parts: list[str] = []
        self.patterns: dict[str, str] = {}

    @property
    def right(self) -> float:
        return self.width * POINTS

    @property
    def bottom(self) -> float:
        return self.height * POINTS

    def rect(self, x: float, y: float, w: float, h: float, fill: str, opacity: float = 1) -> None:
        x, w = (x + w, -w) if w < 0 else (x, w)
        y, h = (y + h, -h) if h < 0 else (y, h)
        faded = f' fill-opacity="{_num(opacity)}"' if opacity < 1 else ""
        self.parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
            f'fill="{fill}"{faded}/>'
        )

    def hatched(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        """A rectangle of `fill` crossed by white diagonal lines: a share withheld."""
        self.patterns["hatch"] = (
            '<pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="4" height="4" fill="{fill}"/>'
            '<rect width="1.2" height="4" fill="white"/></pattern>'
        )
        self.rect(x, y, w, h, "url(#hatch)")

    def line(
        self,
        points: Sequence[tuple[float, float]],
        colour: str = NHS_DARK_GREY,
        width: float = 0.8,
        dash: str = "",
        opacity: float = 1,
    ) -> None:
        """A line through `points`; `dash`: 'dashed', 'dotted', 'dashdot' or solid."""
        pattern = _DASHES[dash]
        drawn = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        self.parts.append(
            f'<polyline points="{drawn}" fill="none" stroke="{colour}" '
            f'stroke-width="{_num(width)}"'
            + (f' stroke-dasharray="{pattern(width)}"' if pattern else "")
            + (f' stroke-opacity="{_num(opacity)}"' if opacity < 1 else "")
            + "/>"
        )

    def marker(
        self, shape: str, x: float, y: float, size: float, colour: str, fill: str | None = None
    ) -> None:
        """A point `size` points across: 'o' circle, 's' square, 'D' diamond, '^' and 'v'
        triangles, 'P' a filled plus; `fill` other than `colour` draws it hollow."""
        fill = fill or colour
        stroke = f' stroke="{colour}" stroke-width="1"' if fill != colour else ""
        r = size / 2
        if shape == "o":
            self.parts.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{fill}"{stroke}/>'
            )
            return
        corners = {
            "s": [(-r, -r), (r, -r), (r, r), (-r, r)],
            "D": [(0, -r), (r, 0), (0, r), (-r, 0)],
            "^": [(0, -r), (r, r), (-r, r)],
            "v": [(0, r), (r, -r), (-r, -r)],
            "P": [
                (a * r / 3, b * r / 3)
                for a, b in [
                    (-1, -3),
                    (1, -3),
                    (1, -1),
                    (3, -1),
                    (3, 1),
                    (1, 1),
                    (1, 3),
                    (-1, 3),
                    (-1, 1),
                    (-3, 1),
                    (-3, -1),
                    (-1, -1),
                ]
            ],
        }[shape]
        drawn = " ".join(f"{_num(x + dx)},{_num(y + dy)}" for dx, dy in corners)
        self.parts.append(f'<polygon points="{drawn}" fill="{fill}"{stroke}/>')

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        anchor: str = "start",
        middle: bool = False,
        bold: bool = False,
        colour: str = NHS_TEXT,
        rotate: float = 0,
        box: str = "",
    ) -> None:
        """One or more lines of text, the first line's baseline at `y` (or, with `middle`,
        the lines centred on `y`); `anchor` is start, middle or end; `box`: a border colour
        for a white box behind it."""
        lines = str(text).split("\n")
        leading = size * 1.2
        if middle:
            y += size * 0.36 - leading * (len(lines) - 1) / 2
        if box:
            width = max(text_width(line, size, bold) for line in lines)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            self.parts.append(
                f'<rect x="{_num(left - 2)}" y="{_num(y - size * 0.76 - 2)}" '
                f'width="{_num(width + 4)}" height="{_num(leading * (len(lines) - 1) + size + 4)}" '
                f'fill="white" stroke="{box}" stroke-width="0.8"/>'
            )
        weight = ' font-weight="bold"' if bold else ""
        turn = f' transform="rotate({_num(rotate)} {_num(x)} {_num(y)})"' if rotate else ""
        for i, line in enumerate(lines):
            self.parts.append(
                f'<text x="{_num(x)}" y="{_num(y + i * leading)}" font-size="{_num(size)}" '
                f'text-anchor="{anchor}" fill="{colour}"{weight}{turn}>'
                f"{escape(without_bidi_controls(line))}</text>"
            )

    def chart(self) -> Chart:
        w, h = _num(self.right), _num(self.bottom)
        defs = f"<defs>{''.join(self.patterns.values())}</defs>" if self.patterns else ""
        svg = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}pt" '
            f'height="{h}pt" viewBox="0 0 {w} {h}" font-family="{FONT}">\n'
            f'{defs}<rect width="{w}" height="{h}" fill="white"/>\n'
            + "\n".join(self.parts)
            + "\n</svg>\n"
        )
        return Chart(svg, self.width, self.height)


_DASHES = {
    "": None,
    "dashed": lambda w: f"{_num(3.7 * w)} {_num(1.6 * w)}",
    "dotted": lambda w: f"{_num(w)} {_num(1.65 * w)}",
    "dashdot": lambda w: f"{_num(6.4 * w)} {_num(1.6 * w)} {_num(w)} {_num(1.6 * w)}",
}


@dataclass(frozen=True)
class Scale:
    """Data values `low` to `high` onto points `start` to `end`, linear or logarithmic."""

    low: float
    high: float
    start: float
    end: float
    log: bool = False

    def __call__(self, value: float) -> float:
        f = math.log if self.log else float
        share = (f(value) - f(self.low)) / (f(self.high) - f(self.low))
        return self.start + share * (self.end - self.start)


def nice_ticks(
    low: float, high: float, most: int = 6, steps: Sequence[float] = (1, 2, 2.5, 5, 10)
) -> list[float]:
    """Round values from `low` to `high` at a step of one of `steps` times a power of ten:
    no more than `most` of them."""
    span = high - low or 1.0
    power = 10 ** math.floor(math.log10(span / most))
    step = next(m * power for m in steps if span / (m * power) <= most)
    first = math.ceil(low / step - 1e-9)
    return [round(k * step, 10) for k in range(first, math.floor(high / step + 1e-9) + 1)]


def tick_label(value: float) -> str:
    return f"{value:g}"


@dataclass
class Plot:
    """A plot area (points from the canvas's top left) with its scales, drawn on `canvas`."""

    canvas: Canvas
    left: float
    top: float
    right: float
    bottom: float
    x: Scale
    y: Scale

    @classmethod
    def within(
        cls, canvas: Canvas, box: tuple[float, float, float, float], x, y, log_y: bool = False
    ) -> Plot:
        """The plot filling `box` (left, top, right, bottom) for x and y from (low, high);
        `log_y`: y on a log scale."""
        left, top, right, bottom = box
        across = Scale(x[0], x[1], left, right)
        return cls(canvas, left, top, right, bottom, across, Scale(y[0], y[1], bottom, top, log_y))

    def at(self, x: float, y: float) -> tuple[float, float]:
        return self.x(x), self.y(y)

    def spines(self) -> None:
        """The left and bottom edges."""
        self.canvas.line(
            [(self.left, self.top), (self.left, self.bottom), (self.right, self.bottom)]
        )

    def y_ticks(
        self, ticks: Sequence[float], labels: Sequence[str] | None = None, size: float = 9
    ) -> None:
        labels = labels if labels is not None else [tick_label(t) for t in ticks]
        for tick, label in zip(ticks, labels, strict=True):
            y = self.y(tick)
            self.canvas.line([(self.left - TICK, y), (self.left, y)])
            self.canvas.text(self.left - TICK - PAD, y, label, size, anchor="end", middle=True)

    def x_ticks(
        self,
        ticks: Sequence[float],
        labels: Sequence[str] | None = None,
        size: float = 9,
        slanted: bool = False,
        styles: Sequence[dict] | None = None,
    ) -> None:
        """Ticks below the plot, labelled level or (`slanted`) at 45 degrees, ending at
        their tick; `styles`: each label's text options (colour, bold)."""
        labels = labels if labels is not None else [tick_label(t) for t in ticks]
        styles = styles or [{} for _ in ticks]
        for tick, label, style in zip(ticks, labels, styles, strict=True):
            x = self.x(tick)
            self.canvas.line([(x, self.bottom), (x, self.bottom + TICK)])
            below = self.bottom + TICK + PAD
            if slanted:
                self.canvas.text(
                    x + size * 0.3,
                    below + size * 0.5,
                    label,
                    size,
                    anchor="end",
                    rotate=-45,
                    **style,
                )
            else:
                self.canvas.text(x, below + size * 0.76, label, size, anchor="middle", **style)

    def title(self, text: str) -> None:
        self.canvas.text(self.left, self.top - 6, text, 10, bold=True)

    def y_label(self, text: str, left: float, size: float = 9) -> None:
        """The y axis's name, turned to read upwards, its top line's left edge at `left`."""
        lines = text.split("\n")
        x = left + size * 0.76
        middle = (self.top + self.bottom) / 2
        for i, line in enumerate(lines):
            self.canvas.text(x + i * size * 1.2, middle, line, size, anchor="middle", rotate=-90)

    def x_label(self, text: str, size: float = 9) -> None:
        below = self.bottom + TICK + PAD + size * 1.2 + 4 + size * 0.76
        self.canvas.text((self.left + self.right) / 2, below, text, size, anchor="middle")

    def area(
        self, x0: float, x1: float, y0: float, y1: float, colour: str, hatched: bool = False
    ) -> None:
        """The rectangle from (x0, y0) to (x1, y1) in the data's values: a bar, a band; filled
        with `colour`, or `hatched` (a share withheld)."""
        left, top = self.at(x0, y1)
        right, bottom = self.at(x1, y0)
        draw = self.canvas.hatched if hatched else self.canvas.rect
        draw(left, top, right - left, bottom - top, colour)

    def band(self, low: float, high: float, colour: str, across: bool = True) -> None:
        """A shaded band of y from `low` to `high` the plot's width (`across`), or of x the
        plot's height."""
        if across:
            self.area(self.x.low, self.x.high, low, high, colour)
        else:
            self.area(low, high, self.y.low, self.y.high, colour)

    def above(self, x: float, y: float, text: str, size: float = 7) -> None:
        """A label centred just above the point (x, y): a bar's figure."""
        px, py = self.at(x, y)
        self.canvas.text(px, py - 2 - size * 0.24, text, size, anchor="middle")

    def level(self, y: float, colour: str, width: float = 0.8, dash: str = "") -> None:
        """A line across the plot at y."""
        self.canvas.line([(self.left, self.y(y)), (self.right, self.y(y))], colour, width, dash)

    def upright(self, x: float, colour: str, width: float = 0.8, dash: str = "") -> None:
        """A line the plot's height at x."""
        self.canvas.line([(self.x(x), self.top), (self.x(x), self.bottom)], colour, width, dash)

    def interval(self, x: float, low: float, high: float, cap: float, width: float = 0.8) -> None:
        """An interval from `low` to `high` at x, with caps `cap` points across."""
        (px, top), bottom = self.at(x, high), self.y(low)
        self.canvas.line([(px, top), (px, bottom)], NHS_DARK_GREY, width)
        for y in (top, bottom):
            self.canvas.line([(px - cap / 2, y), (px + cap / 2, y)], NHS_DARK_GREY, width)


def legend_width(labels: Sequence[str], size: float, columns: int) -> float:
    """The points a legend of `labels` in `columns` takes across."""
    return sum(_column_widths(labels, size, columns)) + 10 * (columns - 1)


def _column_widths(labels: Sequence[str], size: float, columns: int) -> list[float]:
    keys = [1.5 * size + size * 0.6 + text_width(label, size) for label in labels]
    return [max(keys[c::columns], default=0) for c in range(columns)]


def legend(
    canvas: Canvas,
    entries: Sequence[tuple[str, dict]],
    left: float,
    top: float,
    size: float,
    columns: int,
) -> None:
    """Keys and their labels in rows of `columns` from (left, top). Each entry's key:
    {'fill': colour}, {'hatch': colour} or {'line': colour, 'dash': ...}."""
    labels = [label for label, _ in entries]
    widths = _column_widths(labels, size, columns)
    key, row_height = 1.5 * size, size * 1.4
    for i, (label, style) in enumerate(entries):
        row, column = divmod(i, columns)
        x = left + sum(widths[:column]) + 10 * column
        middle = top + row * row_height + row_height / 2
        if "line" in style:
            canvas.line([(x, middle), (x + key, middle)], style["line"], 1.2, style.get("dash", ""))
        elif "hatch" in style:
            canvas.hatched(x, middle - size * 0.35, key, size * 0.7, style["hatch"])
        else:
            canvas.rect(x, middle - size * 0.35, key, size * 0.7, style["fill"])
        canvas.text(x + key + size * 0.6, middle, label, size, middle=True)


def wrapped(text: str, size: float, width: float) -> str:
    """`text` broken into lines at spaces, each at most `width` points where a word allows."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)
