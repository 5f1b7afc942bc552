"""The report's charts: matplotlib figures in NHS colours, built from published rows.

Figures are made with the object API (no pyplot state), so many reports can draw in
one process. Each function returns the figure and the alt text describing it.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from .ethnicity import BME, WHITE
from .present import NHS_BLUE, NHS_DARK_GREY, NHS_PALE_GREY, PALETTE
from .settings import Settings
from .story import fmt_pct, fmt_rl

WIDTH = 6.6  # inches: the A4 text width with margins
RL_TICKS = [0.25, 0.5, 0.8, 1, 1.25, 2, 4, 8, 16]


def _figure(height: float, columns: int = 1, widths=None) -> tuple[Figure, list]:
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    axes = fig.subplots(1, columns, gridspec_kw={"width_ratios": widths} if widths else None)
    return fig, list(np.atleast_1d(axes))


def _rl_axis(ax, values: list[float], settings: Settings) -> None:
    finite = [v for v in values if not math.isnan(v)] or [1.0]
    low, high = min(min(finite), 0.7), max(max(finite), 1.4)
    ax.set_yscale("log")
    ax.set_ylim(low / 1.15, high * 1.15)
    ax.axhspan(settings.non_adverse_low, settings.non_adverse_high, color=NHS_PALE_GREY, zorder=0)
    ax.axhline(1, color=NHS_DARK_GREY, linewidth=0.8, linestyle=":")
    ticks = [t for t in RL_TICKS if low / 1.15 <= t <= high * 1.15]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([f"{t:g}" for t in ticks])


def rl_chart(
    trend: dict[int, tuple[float, float, float]],
    peers: dict[str, float],
    org: str,
    settings: Settings,
    label: str,
) -> tuple[Figure, str]:
    """Left: the RL by year with its interval. Right: this year's RL beside the comparators'."""
    fig, (left, right) = _figure(2.8, 2, widths=[3, 2])
    years = list(trend)
    bounds = [v for y in years for v in trend[y] if not math.isnan(v)]
    everything = bounds + list(peers.values())
    for ax in (left, right):
        _rl_axis(ax, everything, settings)
    for i, year in enumerate(years):
        value, low, high = trend[year]
        if math.isnan(value):
            left.annotate("not\navailable", (i, 1), ha="center", va="center", fontsize=7)
            continue
        left.errorbar(
            i,
            value,
            yerr=[[value - low], [high - value]],
            fmt="o",
            color=NHS_BLUE,
            ecolor=NHS_DARK_GREY,
            capsize=4,
            markersize=7,
        )
        left.annotate(
            fmt_rl(value),
            (i, value),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    left.set_xticks(range(len(years)), [str(y) for y in years])
    left.set_xlim(-0.5, len(years) - 0.5)
    left.set_ylabel("Relative likelihood (log scale)")
    left.set_title(f"{org}, with 95% intervals", loc="left")

    names = sorted(peers, key=peers.get)
    for i, name in enumerate(names):
        colour = NHS_BLUE if name == org else NHS_DARK_GREY
        right.plot([i], [peers[name]], "o", color=colour, markersize=8 if name == org else 5)
    right.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=7)
    right.set_title(f"{years[-1]}: comparators", loc="left")
    fig.text(
        0.01,
        -0.02,
        f"Shaded: the non-adverse range {settings.non_adverse_low:.2f} to "
        f"{settings.non_adverse_high:.2f}. Above 1: {label}.",
        fontsize=7,
    )
    described = ", ".join(f"{y}: {fmt_rl(trend[y][0])}" for y in years)
    alt = (
        f"Chart of the relative likelihood for {org} by year ({described}), against the shaded "
        f"non-adverse range, and beside {len(peers) - 1} comparator organisations in {years[-1]}."
    )
    return fig, alt


def survey_chart(
    trend: dict[int, dict[str, tuple[float, float, float]]], org: str, what: str
) -> tuple[Figure, str]:
    """Percentages of White and BME respondents by year, with intervals; gaps where not reported."""
    fig, (ax,) = _figure(2.6)
    years = list(trend)
    width = 0.38
    for j, group in enumerate((WHITE, BME)):
        for i, year in enumerate(years):
            value, low, high = trend[year].get(group, (math.nan,) * 3)
            x = i + (j - 0.5) * width
            if math.isnan(value):
                ax.annotate("not\nreported", (x, 1), ha="center", fontsize=7, color=NHS_DARK_GREY)
                continue
            ax.bar(x, value, width, color=PALETTE[group], label=group if i == 0 else None)
            ax.errorbar(
                x,
                value,
                yerr=[[value - low], [high - value]],
                fmt="none",
                ecolor=NHS_DARK_GREY,
                capsize=3,
                linewidth=0.8,
            )
            ax.annotate(
                fmt_pct(value),
                (x, high),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_ylabel(f"% of respondents who {what}" if len(what) < 30 else "% of respondents")
    ax.set_ylim(0, 100)
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=2)  # above the plot, clear of bars
    described = "; ".join(
        f"{y}: White {fmt_pct(trend[y].get(WHITE, (math.nan,))[0])}, "
        f"BME {fmt_pct(trend[y].get(BME, (math.nan,))[0])}"
        for y in years
    )
    return (
        fig,
        f"Bar chart of the percentage of {org}'s staff survey respondents who {what}, "
        f"by year and group: {described}.",
    )


def pay_band_chart(bands: list[tuple[str, float]], overall: float, org: str) -> tuple[Figure, str]:
    """BME share of each band (horizontal bars) against the BME share of the whole workforce."""
    fig, (ax,) = _figure(0.6 + 0.22 * len(bands))
    labels = [label for label, _ in bands]
    values = [value for _, value in bands]
    y = np.arange(len(bands))[::-1]
    shown = [0 if math.isnan(v) else v for v in values]
    ax.barh(y, shown, color=PALETTE[BME], height=0.7)
    for yi, value in zip(y, values, strict=True):
        text = "hidden (small numbers)" if math.isnan(value) else fmt_pct(value)
        ax.annotate(
            text,
            (0 if math.isnan(value) else value, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    ax.axvline(overall, color=NHS_BLUE, linestyle="--", linewidth=1)
    ax.annotate(
        f"whole workforce {fmt_pct(overall)}",
        (overall, len(bands) - 0.4),
        xytext=(3, 0),
        textcoords="offset points",
        fontsize=7,
        color=NHS_BLUE,
    )
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_ylim(-0.6, len(bands) - 0.1)
    finite = [v for v in values if not math.isnan(v)] + [overall]
    ax.set_xlim(0, min(100, max(finite) * 1.25 + 5))
    ax.set_xlabel("BME staff as % of the band's headcount")
    highest = max(((v, lbl) for lbl, v in bands if not math.isnan(v)), default=None)
    alt = (
        f"Horizontal bar chart of the BME share of each pay band at {org}, against the whole "
        f"workforce's BME share of {fmt_pct(overall)}"
        + (f"; the highest is {highest[1]} at {fmt_pct(highest[0])}." if highest else ".")
    )
    return fig, alt


def board_chart(shares: list[tuple[str, float]], org: str) -> tuple[Figure, str]:
    """BME share of each part of the Board beside the BME share of the workforce."""
    fig, (ax,) = _figure(1.9)
    labels = [label for label, _ in shares]
    values = [0 if math.isnan(v) else v for _, v in shares]
    y = np.arange(len(shares))[::-1]
    colours = [NHS_DARK_GREY if label == "Workforce" else PALETTE[BME] for label in labels]
    ax.barh(y, values, color=colours, height=0.6)
    for yi, (_, value) in zip(y, shares, strict=True):
        ax.annotate(
            fmt_pct(value),
            (0 if math.isnan(value) else value, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, max(values + [10]) * 1.3)
    ax.set_xlabel("BME share (%)")
    described = ", ".join(f"{label} {fmt_pct(v)}" for label, v in shares)
    return fig, f"Bar chart of the BME share of {org}'s Board and workforce: {described}."
