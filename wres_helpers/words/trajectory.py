"""The Model Employer chart: each cluster's focus-group share against its straight-line
trajectory."""

from __future__ import annotations

import math

from ..presentation.drawing import (
    EDGE,
    Canvas,
    Chart,
    Plot,
    legend,
    nice_ticks,
    text_width,
    tick_label,
)
from ..presentation.layout import NHS_DARK_GREY, PALETTE
from ..standards import model_employer as me
from ..standards.registry import FOCUS
from .charts import WIDTH
from .formatting import fmt_pct

GAP = 14.0  # points between panels, besides the next panel's tick labels


Panel = tuple[str, list[tuple[int, float]], list[tuple[int, float]], float]


def _share_axis(panel: Panel) -> tuple[float, list[float]]:
    """A panel's top share and its labelled ticks: room above the highest line and goal."""
    _, line, actual, goal = panel
    shares = [v for _, v in line + actual if not math.isnan(v)]
    top = max([*shares, 0 if math.isnan(goal) else goal, 5]) * 1.5  # the key above the lines
    return top, [t for t in nice_ticks(0, top, 5) if t <= top]


def trajectory_chart(panels: list[Panel], goal_year: int) -> tuple[Chart, str]:
    """One panel per cluster: (name, trajectory [(year, %)] at both ends, actual [(year, %)]
    that may be shown, goal %). A hidden or unknown share is simply not drawn."""
    canvas = Canvas(WIDTH, 2.3)
    axes = [_share_axis(panel) for panel in panels]
    name_room = 8 * 1.2 + 4  # each panel's y axis name, turned
    labels = [name_room + max(text_width(tick_label(t), 9) for t in ticks) + 7 for _, ticks in axes]
    width = (canvas.right - 2 * EDGE - sum(labels) - GAP * (len(panels) - 1)) / len(panels)
    described = []
    left = EDGE
    for (name, line, actual, goal), (top, ticks), label in zip(panels, axes, labels, strict=True):
        first = min([y for y, _ in line + actual] or [goal_year]) - 0.5
        box = (left + label, EDGE + 16, left + label + width, canvas.bottom - EDGE - 17)
        plot = Plot.within(canvas, box, (first, goal_year + 0.5), (0, top))
        keys: list[tuple[str, dict]] = []
        if line:
            canvas.line([plot.at(*p) for p in line], NHS_DARK_GREY, 1.2, "dashed")
            keys.append(("Trajectory", {"line": NHS_DARK_GREY, "dash": "dashed"}))
        if not math.isnan(goal):
            plot.level(goal, NHS_DARK_GREY, 0.6, "dotted")
            keys.append(("Goal", {"line": NHS_DARK_GREY, "dash": "dotted"}))
        if actual:
            points = [plot.at(*p) for p in actual]
            if len(points) > 1:
                canvas.line(points, PALETTE[FOCUS], 1.5)
            for x, y in points:
                canvas.marker("o", x, y, 6, PALETTE[FOCUS])
            keys.append(("Actual", {"line": PALETTE[FOCUS]}))
        plot.spines()
        plot.y_ticks(ticks)
        steps = nice_ticks(first, goal_year + 0.5, 4, steps=(1, 2, 5, 10))
        years = [y for y in steps if y == int(y)]  # whole years, even over a span of one
        plot.x_ticks(years, [f"{y:.0f}" for y in years])
        canvas.text(plot.left, plot.top - 6, f"Bands {name}", 9, bold=True)
        plot.y_label(f"{me.GROUP} share (%)", left, size=8)
        legend(canvas, keys, plot.left + 4, plot.top + 2, 7, 1)
        left = plot.right + GAP
        shown = ", ".join(f"{y} {fmt_pct(v)}" for y, v in actual) or "not shown (small numbers)"
        path = (
            f"from {fmt_pct(line[0][1])} in {line[0][0]} to {fmt_pct(line[1][1])} in {line[1][0]}"
            if line
            else "not shown"
        )
        described.append(f"bands {name}: actual {shown}; trajectory {path}")
    alt = (
        f"Line charts of the {me.GROUP} share against the Model Employer trajectory: "
        + "; ".join(described)
        + "."
    )
    return canvas.chart(), alt
