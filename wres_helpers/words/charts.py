"""The report's charts: matplotlib figures in NHS colours, built from published rows.

Figures are made with the object API (no pyplot state), so many reports can draw in
one process. Each function returns the figure and the alt text describing it.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, NullLocator
from matplotlib.transforms import ScaledTranslation

from ..inputs.settings import Settings
from ..presentation.layout import NHS_BLUE, NHS_DARK_GREY, NHS_PALE_GREY, PALETTE
from ..standards.registry import FOCUS, REFERENCE, Standard
from .formatting import fmt_pct, fmt_rl

WIDTH = 6.6  # inches: the A4 text width with margins
# A chart of a few bars: narrower, so the PDF sets its key finding beside it, not below.
NARROW = 4.2
MAX_RL_TICKS = 7  # powers of two labelled on an RL axis, at most
MIN_TICK_GAP = 0.075  # labels at least this share of the axis's height apart (about 8 points)
NHS_MID_GREY = "#768692"
HIDDEN = "#D8DDE0"  # pale fill, drawn hatched: a share that disclosure control withholds


class _Chart(Figure):
    """A figure whose constrained layout runs at the start of its one real drawing.

    With a layout engine set, savefig draws a figure twice: once with drawing turned off,
    only to run the layout, then for real. Laying out inside the real drawing instead gives
    the same picture without the first pass."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._layout = ConstrainedLayoutEngine()
        self._renderer = None

    def draw(self, renderer):
        self._renderer = renderer  # the layout measures the text with it (_get_renderer)
        try:
            self._layout.execute(self)
        finally:
            self._renderer = None
        super().draw(renderer)

    def _get_renderer(self):
        # The renderer drawing the figure: its text measurements are kept (matplotlib caches
        # them by renderer), so the drawing measures no text the layout measured, and no
        # renderer is made for the layout alone (a draw of the figure stopped at its start).
        return self._renderer or super()._get_renderer()  # type: ignore[misc]  # no stub


def _points(fig: Figure, what, bold: bool = False) -> float:
    """The width in points of a text (at the charts' 7 pt) or of an artist such as a legend:
    fixed by the fonts, whatever the layout does."""
    from matplotlib.backends.backend_agg import RendererAgg

    if isinstance(what, str):
        weight = "bold" if bold else "normal"
        width, _, _ = RendererAgg(WIDTH * 72, 72, 72).get_text_width_height_descent(
            what, FontProperties(size=7, weight=weight), ismath=False
        )  # at 72 dots an inch, a dot is a point
        return width
    renderer = RendererAgg(WIDTH * fig.dpi, 72, fig.dpi)
    return what.get_window_extent(renderer).width * 72 / fig.dpi


def _right_of(ax, points: float):
    """x: so many points right of the plot's right edge (at x = 1); y: the data's."""
    return ax.get_yaxis_transform() + ScaledTranslation(points / 72, 0, ax.figure.dpi_scale_trans)


def _figure(
    height: float, columns: int = 1, widths=None, width: float = WIDTH
) -> tuple[Figure, list]:
    fig = _Chart(figsize=(width, height))
    axes = fig.subplots(1, columns, gridspec_kw={"width_ratios": widths} if widths else None)
    return fig, list(np.atleast_1d(axes))


def _rl_axis(ax, values: list[float], settings: Settings) -> None:
    """A log axis that reaches every value with a labelled tick above the highest (a range
    resting on a hidden count may run to 100 or more), and no two labels on top of each other:
    1 keeps its label, then the powers of two, then the ends of the non-adverse range (which
    the chart's note states) where there is room."""
    finite = [v for v in values if not math.isnan(v)] or [1.0]
    low, high = min(min(finite), 0.7), max(max(finite), 1.4)
    first, last = math.floor(math.log2(low / 1.15)), math.ceil(math.log2(high))
    step = max(1, math.ceil((last - first + 1) / MAX_RL_TICKS))  # 1, 4, 16, 64… when long
    last += -last % step  # the labelled tick at or above the highest value
    doubling = [2.0**k for k in range(first, last + 1) if k % step == 0]
    bottom, top = low / 1.15, max(high * 1.15, doubling[-1] * 1.05)
    ax.set_yscale("log")
    ax.set_ylim(bottom, top)
    ax.axhspan(settings.non_adverse_low, settings.non_adverse_high, color=NHS_PALE_GREY, zorder=0)
    ax.axhline(1, color=NHS_DARK_GREY, linewidth=0.8, linestyle=":")
    span = math.log(top / bottom)
    labelled: list[float] = []
    for tick in [1.0, *doubling, settings.non_adverse_low, settings.non_adverse_high]:
        room = all(abs(math.log(tick / t)) / span >= MIN_TICK_GAP for t in labelled)
        if bottom <= tick <= top and tick not in labelled and room:
            labelled.append(tick)
    labelled.sort()
    ax.yaxis.set_major_locator(FixedLocator(labelled))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([f"{t:g}" for t in labelled])


def rl_chart(
    trend: dict[int, tuple[float, float, float]],
    peers: dict[str, float],
    org: str,
    settings: Settings,
    label: str,
    texts: dict[int, str] | None = None,
) -> tuple[Figure, str]:
    """Left: the RL by year with its interval. Right: this year's RL beside the comparators',
    drawn only when at least one comparator has a figure (never an empty panel).

    A year with no exact RL but a low and a high is one published as a range: drawn as a
    bar with no point. `texts` says each year's RL in words ('between 0.74 and 5.24')."""
    texts = texts or {}
    peers = {name: v for name, v in peers.items() if not math.isnan(v)}  # none: not shown
    compared = any(name != org and not name.startswith(f"{org} ") for name in peers)
    if compared:
        fig, axes = _figure(2.4, 2, widths=[3, 2])
    else:  # no comparator has a figure: the trend alone
        fig, axes = _figure(2.4)
    left = axes[0]
    years = list(trend)
    bounds = [v for y in years for v in trend[y] if not math.isnan(v)]
    everything = bounds + list(peers.values())
    for ax in axes:
        _rl_axis(ax, everything, settings)
    exact: list[tuple[int, float, float, float]] = []  # drawn in one call, after the loop
    for i, year in enumerate(years):
        value, low, high = trend[year]
        if math.isnan(value) and not math.isnan(low):
            left.vlines(i, low, high, color=NHS_DARK_GREY, linewidth=6, alpha=0.5)
            left.annotate(
                "range",
                (i, high),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
            continue
        if math.isnan(value):
            left.annotate(
                "not published" if texts.get(year) == "not published" else "undefined",
                (i, 1),
                ha="center",
                va="center",
                fontsize=7,
                color=NHS_DARK_GREY,
                bbox={"facecolor": "white", "edgecolor": NHS_PALE_GREY, "pad": 2},
            )
            continue
        exact.append((i, value, low, high))
        left.annotate(
            fmt_rl(value),
            (i, value),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    if exact:
        x, value, low, high = np.array(exact).T
        left.errorbar(
            x,
            value,
            yerr=[value - low, high - value],
            fmt="o",
            color=NHS_BLUE,
            ecolor=NHS_DARK_GREY,
            capsize=4,
            markersize=7,
        )
    left.set_xticks(range(len(years)), [str(y) for y in years])
    left.set_xlim(-0.5, len(years) - 0.5)
    left.set_ylabel("Relative likelihood\n(log scale)")
    left.set_title(f"{org}, with {_level(settings)} intervals", loc="left")

    if compared:
        _peer_panel(axes[1], peers, org, years[-1])
    # A figure-level label, so constrained layout keeps room for it inside the figure.
    fig.supxlabel(
        f"Shaded: the non-adverse range {settings.non_adverse_low:.2f} to "
        f"{settings.non_adverse_high:.2f}. Above 1: {label}.",
        fontsize=7,
    )
    described = ", ".join(f"{y}: {texts.get(y) or fmt_rl(trend[y][0])}" for y in years)
    others = sorted(v for name, v in peers.items() if name != org)
    among = (
        f", and beside {len(others)} comparator organisations in {years[-1]} (from "
        f"{fmt_rl(others[0])} to {fmt_rl(others[-1])})"
        if others
        else ""
    )
    alt = (
        f"Chart of the relative likelihood for {org} by year with {_level(settings)} intervals "
        f"({described}), "
        f"against the shaded non-adverse range {settings.non_adverse_low:.2f} to "
        f"{settings.non_adverse_high:.2f}{among}. Above 1: {label}."
    )
    return fig, alt


def _peer_panel(ax, peers: dict[str, float], org: str, year: int) -> None:
    """The reporting year's RL of the organisation (in blue) beside each comparator's."""
    names = sorted(peers, key=lambda name: peers[name])
    for i, name in enumerate(names):
        colour = NHS_BLUE if name == org else NHS_DARK_GREY
        ax.plot([i], [peers[name]], "o", color=colour, markersize=8 if name == org else 5)
        if name == org:
            ax.annotate(
                fmt_rl(peers[name]),
                (i, peers[name]),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                color=NHS_BLUE,
            )
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=7)
    for tick in ax.get_xticklabels():
        if tick.get_text() == org:
            tick.set_color(NHS_BLUE)
            tick.set_fontweight("bold")
    ax.set_xlim(-0.6, len(names) - 0.4)
    ax.set_title(f"{year}: comparators", loc="left")


def _level(settings: Settings) -> str:
    return f"{round(settings.confidence * 100)}%"


def survey_chart(
    trend: dict[int, dict[str, tuple[float, float, float]]],
    org: str,
    what: str,
    standard: Standard,
    settings: Settings,
) -> tuple[Figure, str]:
    """Percentages of each group's respondents by year, with intervals; gaps where not
    reported. trend: {year: {group: (value, low, high)}}, the groups in the bars' order."""
    fig, (ax,) = _figure(2.0, width=NARROW)
    years = list(trend)
    groups = list(dict.fromkeys(g for y in years for g in trend[y]))
    width = 0.38
    highs = [v for y in years for g in trend[y].values() for v in g if not math.isnan(v)]
    top = min(100, max(20, math.ceil(max(highs or [10]) * 1.15 / 10) * 10))
    colour = {g: PALETTE[standard.role_of(g)] for g in groups}
    for j, group in enumerate(groups):
        # (x, value, low, high) of each year reported: a group's bars and intervals are drawn
        # in one call each (matplotlib's cost is per call, not per bar)
        shown: list[tuple[float, float, float, float]] = []
        for i, year in enumerate(years):
            value, low, high = trend[year].get(group, (math.nan,) * 3)
            x = i + (j - 0.5) * width
            if math.isnan(value):
                ax.annotate(
                    f"{group}:\nnot\nreported",
                    (x, top * 0.02),
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    color=NHS_DARK_GREY,
                    annotation_clip=False,
                )
                continue
            shown.append((x, value, low, high))
            ax.annotate(
                fmt_pct(value),
                (x, high),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
        if shown:
            x, value, low, high = np.array(shown).T
            ax.bar(x, value, width, color=colour[group], label=group)
            ax.errorbar(
                x,
                value,
                yerr=[value - low, high - value],
                fmt="none",
                ecolor=NHS_DARK_GREY,
                capsize=3,
                linewidth=0.8,
            )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylabel("% of respondents")
    ax.set_ylim(0, top)
    handles = [Patch(color=colour[g], label=f"{g} staff") for g in groups]
    # Above the plot, clear of the bars and their labels.
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1.02), ncols=2, fontsize=8)
    described = "; ".join(
        f"{y}: " + ", ".join(f"{g} {_pct_or_not(trend[y].get(g))}" for g in groups) for y in years
    )
    return (
        fig,
        f"Bar chart, with {_level(settings)} intervals, of the percentage of {org}'s staff survey "
        f"respondents who {what}, by year and {standard.group_word}: {described}.",
    )


def score_chart(
    trend: dict[int, dict[str, float]], org: str, what: str, standard: Standard
) -> tuple[Figure, str]:
    """Mean scores out of 10 by year: one bar per group (the compared groups in their colours,
    any other, such as the whole organisation, in grey), on the whole 0 to 10 scale, each
    labelled; a score not reported is said in words. trend: {year: {group: score or NaN}}."""
    from .formatting import fmt_score

    fig, (ax,) = _figure(2.4)
    years = list(trend)
    groups = list(dict.fromkeys(g for y in years for g in trend[y]))
    width = 0.8 / len(groups)
    roles = {g.name: g.role for g in standard.groups}
    colour = {g: PALETTE[roles[g]] if g in roles else NHS_MID_GREY for g in groups}
    for j, group in enumerate(groups):
        for i, year in enumerate(years):
            value = trend[year].get(group, math.nan)
            x = i + (j - (len(groups) - 1) / 2) * width
            if math.isnan(value):
                ax.annotate(
                    "not\nreported", (x, 0.2), ha="center", va="bottom", fontsize=7,
                    color=NHS_DARK_GREY,
                )  # fmt: skip
                continue
            ax.bar(x, value, width, color=colour[group])
            ax.annotate(
                fmt_score(value), (x, value), xytext=(0, 2), textcoords="offset points",
                ha="center", fontsize=7,
            )  # fmt: skip
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylim(0, 10)
    ax.set_ylabel("Score (0 to 10)")
    names = {g.name: f"{g.name} staff" for g in standard.groups}
    handles = [Patch(color=colour[g], label=names.get(g, g)) for g in groups]
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1.02), ncols=3, fontsize=8)
    described = "; ".join(
        f"{y}: "
        + ", ".join(
            f"{names.get(g, g)} {'not reported' if math.isnan(v) else fmt_score(v)}"
            for g, v in trend[y].items()
        )
        for y in years
    )
    return fig, f"Bar chart of {org}'s {what}, out of 10, by year and group: {described}."


def _pct_or_not(found) -> str:
    return "not reported" if not found or math.isnan(found[0]) else fmt_pct(found[0])


def pay_band_chart(
    bands: list[tuple[str, dict[str, float], str]], overall: float, org: str, standard: Standard
) -> tuple[Figure, str]:
    """Each band's make-up as a 100% bar: the focus group from the left, then the share
    withheld by disclosure control (hatched), unknown and the reference group; the focus
    group's share of the whole workforce as a dashed line. bands: (label, {group: % or NaN if
    hidden}, headcount text)."""
    n = len(bands)
    fig, (ax,) = _figure(1.0 + 0.13 * n)  # 27 bands in 4.5 inches: a page with its words
    y = np.arange(n)[::-1]
    focus, unknown, reference = (
        g.name for g in (standard.focus, standard.unknown, standard.reference)
    )
    colours = {focus: PALETTE[FOCUS], unknown: NHS_MID_GREY, reference: PALETTE[REFERENCE]}
    # The two columns right of the bars, placed in points from the plot's edge, so a long
    # group name ('Disabled') has its room whatever width the layout gives the plot.
    share_width = max(_points(fig, t, bold=True) for t in (focus, "100.0%"))
    staff_width = max(_points(fig, t, bold=True) for t in ("Staff", "10,000"))
    share_column = _right_of(ax, 4)
    staff_column = _right_of(ax, 4 + share_width + 8 + staff_width)
    for yi, (_, shares, total) in zip(y, bands, strict=True):
        left = 0.0
        shown = [v for v in shares.values() if not math.isnan(v)]
        hidden = max(0.0, 100 - sum(shown)) if len(shown) < len(shares) else 0.0
        for part in (focus, "hidden", unknown, reference):
            width = hidden if part == "hidden" else shares.get(part, math.nan)
            if math.isnan(width) or width <= 0:
                continue
            style = (
                {"color": HIDDEN, "hatch": "////", "edgecolor": "white", "linewidth": 0}
                if part == "hidden"
                else {"color": colours[part]}
            )
            ax.barh(yi, width, left=left, height=0.72, **style)
            left += width
        bme = shares.get(focus, math.nan)
        ax.text(
            1,
            yi,
            "hidden" if math.isnan(bme) else fmt_pct(bme),
            transform=share_column,
            va="center",
            fontsize=7,
            color=NHS_DARK_GREY if math.isnan(bme) else "black",
        )
        ax.text(1, yi, total, transform=staff_column, va="center", ha="right", fontsize=7)
    ax.text(1, n - 0.35, focus, transform=share_column, fontsize=7, fontweight="bold")
    ax.text(1, n - 0.35, "Staff", transform=staff_column, ha="right", fontsize=7,
            fontweight="bold")  # fmt: skip
    ax.axvline(overall, color=NHS_BLUE, linestyle="--", linewidth=1.2)
    ax.set_yticks(y, [label for label, _, _ in bands], fontsize=7)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the band's headcount")
    handles = [
        Patch(color=colours[focus], label=focus),
        Patch(facecolor=HIDDEN, hatch="////", edgecolor="white", label="hidden (small numbers)"),
        Patch(color=NHS_MID_GREY, label=unknown.lower()),
        Patch(color=colours[reference], label=reference),
        Line2D(
            [],
            [],
            color=NHS_BLUE,
            linestyle="--",
            label=f"{focus}, whole workforce ({fmt_pct(overall)})",
        ),
    ]
    for columns in (3, 2):  # three columns where they fit in the plot's width, else two
        legend = ax.legend(
            handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=columns, fontsize=7
        )
        if _points(fig, legend) <= 0.7 * WIDTH * 72:
            break
    visible = [(label, s[focus]) for label, s, _ in bands if not math.isnan(s.get(focus, math.nan))]
    above = [label for label, v in visible if v > overall]
    described = (
        f"the {focus} share can be shown for {len(visible)} of the {n} bands"
        + (f" ({len(above) or 'none'} above the workforce share)" if visible else "")
        + f" and is hidden in {n - len(visible)} because of small numbers"
    )
    alt = (
        f"Stacked bar chart of the {standard.adjective} make-up ({focus}, hidden, "
        f"{unknown.lower()}, {reference}) of each of {org}'s {n} pay bands and grades, against the "
        f"{focus} share of the whole workforce, {fmt_pct(overall)}: {described}."
    )
    return fig, alt


def board_chart(
    shares: list[tuple[str, float]], org: str, standard: Standard
) -> tuple[Figure, str]:
    """The focus group's share of each part of the Board beside its share of the workforce."""
    focus = standard.focus.name
    fig, (ax,) = _figure(0.6 + 0.2 * len(shares))
    labels = [label for label, _ in shares]
    values = [0 if math.isnan(v) else v for _, v in shares]
    y = np.arange(len(shares))[::-1]
    colours = [
        NHS_DARK_GREY if label.lower().endswith("workforce") else PALETTE[FOCUS] for label in labels
    ]
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
    ax.set_xlabel(f"{focus} share (%)")
    described = ", ".join(f"{label} {fmt_pct(v)}" for label, v in shares)
    return fig, f"Bar chart of the {focus} share of {org}'s Board and workforce: {described}."


LABELLED_DOTS = 30  # beyond this many organisations, a dot per organisation without names


def strip_chart(
    values: dict[str, float], label: str, band: tuple[float, float] | None
) -> tuple[Figure, str]:
    """Every organisation's figure on one axis, sorted; for an RL, `band` (the non-adverse
    range, from the settings) shaded."""
    names = sorted(values, key=lambda name: values[name])
    labelled = len(names) <= LABELLED_DOTS
    fig, (ax,) = _figure(0.8 + 0.16 * len(names) if labelled else 2.4)
    y = np.arange(len(names))
    if band:
        ax.axvspan(*band, color=NHS_PALE_GREY, zorder=0)
        ax.axvline(1, color=NHS_DARK_GREY, linewidth=0.8, linestyle=":")
    ax.plot([values[n] for n in names], y, "o", color=NHS_BLUE, markersize=4 if labelled else 2)
    if labelled:
        ax.set_yticks(y, names, fontsize=6)
    else:
        ax.set_yticks([])
        ax.set_ylabel(f"{len(names)} organisations, lowest at the bottom")
    ax.set_xlabel(label)
    median = float(np.median(list(values.values())))
    return fig, (
        f"Dot chart of {label} for {len(names)} organisations, from {values[names[0]]:.2f} "
        f"({names[0]}) to {values[names[-1]]:.2f} ({names[-1]}), median {median:.2f}."
    )


def long_trend_chart(
    years: list[int],
    series: dict[str, list[float]],
    settings: Settings,
    published: list[int],
    texts: dict[str, list[str]],
) -> tuple[Figure, str]:
    """Each relative likelihood over every year on record (up to a decade or more): one line
    per indicator on a log scale, every year labelled, a published year's point hollow.
    `texts`: each point in words for the alt text ('0.57 to 4.00' for a range, say)."""
    fig, (ax,) = _figure(2.8)
    everything = [v for values in series.values() for v in values]
    _rl_axis(ax, everything, settings)
    markers = ["o", "s", "D", "^", "v", "P"]  # and a line style each: told apart without colour
    colours = [NHS_BLUE, PALETTE[FOCUS], NHS_DARK_GREY, NHS_MID_GREY]
    styles = ["-", "--", ":", "-."]
    for i, (name, values) in enumerate(series.items()):
        colour = colours[i % len(colours)]
        ax.plot(
            years,
            values,
            color=colour,
            linestyle=styles[i % len(styles)],
            marker=markers[i % len(markers)],
            markersize=0,
            linewidth=1.2,
            label=name,
        )
        for year, value in zip(years, values, strict=True):
            if math.isnan(value):
                continue
            hollow = year in published
            ax.plot(
                [year],
                [value],
                markers[i % len(markers)],
                color=colour,
                markerfacecolor="white" if hollow else colour,
                markersize=5,
            )
    ax.set_xticks(years, [str(y) for y in years], fontsize=7)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylabel("Relative likelihood\n(log scale)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False)
    described = "; ".join(
        f"{name}: " + ", ".join(f"{y} {fmt_rl(v)}" for y, v in zip(years, values, strict=True))
        for name, values in series.items()
    )
    alt = (
        f"Line chart of the relative likelihoods, {years[0]} to {years[-1]}, on a log scale "
        f"against the shaded non-adverse range {settings.non_adverse_low:.2f} to "
        f"{settings.non_adverse_high:.2f}: {described}."
        + (
            f" Published figures (hollow points): {', '.join(map(str, published))}."
            if published
            else ""
        )
    )
    return fig, alt
