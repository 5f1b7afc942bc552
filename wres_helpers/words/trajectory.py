"""The Model Employer chart: each cluster's focus-group share against its straight-line
trajectory."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from ..presentation.present import NHS_DARK_GREY, PALETTE
from ..standards import model_employer as me
from ..standards.registry import FOCUS
from .charts import _figure
from .formatting import fmt_pct


def trajectory_chart(
    panels: list[tuple[str, list[tuple[int, float]], list[tuple[int, float]], float]],
    goal_year: int,
) -> tuple[Figure, str]:
    """One panel per cluster: (name, trajectory [(year, %)] at both ends, actual [(year, %)]
    that may be shown, goal %). A hidden or unknown share is simply not drawn."""
    fig, axes = _figure(2.3, columns=len(panels))
    described = []
    for ax, (name, line, actual, goal) in zip(axes, panels, strict=True):
        if line:
            ax.plot(
                *zip(*line, strict=True), ls="--", color=NHS_DARK_GREY, lw=1.2, label="Trajectory"
            )
        if not math.isnan(goal):
            ax.axhline(goal, color=NHS_DARK_GREY, lw=0.6, ls=":", label="Goal")
        if actual:
            ax.plot(
                *zip(*actual, strict=True), marker="o", color=PALETTE[FOCUS], lw=1.5, label="Actual"
            )
        years = [y for y, _ in line + actual] or [goal_year]
        ax.set_xlim(min(years) - 0.5, goal_year + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        top = max(
            [v for _, v in line + actual if not math.isnan(v)]
            + [0 if math.isnan(goal) else goal, 5]
        )
        ax.set_ylim(0, top * 1.25)
        ax.set_title(f"Bands {name}", fontsize=9)
        ax.set_ylabel(f"{me.GROUP} share (%)", fontsize=8)
        ax.legend(fontsize=7, loc="upper left", frameon=False)
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
    return fig, alt
