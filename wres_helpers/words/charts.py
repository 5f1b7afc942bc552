"""The report's charts in NHS colours, built from published rows and drawn as SVG.

Each function returns the drawn chart and the alt text describing it. The drawing (scales,
axes, text measured in the report's font) is `presentation.drawing`'s.
"""

from __future__ import annotations

import math
from itertools import groupby
from statistics import median
from typing import NamedTuple

from ..inputs.settings import Settings
from ..presentation.drawing import (
    EDGE,
    PAD,
    POINTS,
    TICK,
    Canvas,
    Chart,
    Plot,
    legend,
    legend_width,
    nice_ticks,
    text_width,
    tick_label,
    wrapped,
)
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
MIN_PLOT = 72.0  # points: the least height a plot of RLs is given
LONGEST_NAME = 32  # characters of an organisation's name under a dot, then an ellipsis


class RLAxis(NamedTuple):
    """A log axis for relative likelihoods: its ends and its labelled ticks."""

    bottom: float
    top: float
    ticks: list[float]


def rl_axis(values: list[float], settings: Settings) -> RLAxis:
    """A log axis that reaches every value with a labelled
    tick above the highest (a range resting on a hidden count may run to 100 or more), and no
    two labels on top of each other: 1 keeps its label, then the powers of two, then the ends
    of the non-adverse range (which the chart's note states) where there is room."""
    finite = [v for v in values if not math.isnan(v)] or [1.0]
    low, high = min(min(finite), 0.7), max(max(finite), 1.4)
    first, last = math.floor(math.log2(low / 1.15)), math.ceil(math.log2(high))
    step = max(1, math.ceil((last - first + 1) / MAX_RL_TICKS))  # 1, 4, 16, 64… when long
    last += -last % step  # the labelled tick at or above the highest value
    doubling = [2.0**k for k in range(first, last + 1) if k % step == 0]
    bottom, top = low / 1.15, max(high * 1.15, doubling[-1] * 1.05)
    span = math.log(top / bottom)
    labelled: list[float] = []
    for tick in [1.0, *doubling, settings.non_adverse_low, settings.non_adverse_high]:
        room = all(abs(math.log(tick / t)) / span >= MIN_TICK_GAP for t in labelled)
        if bottom <= tick <= top and tick not in labelled and room:
            labelled.append(tick)
    return RLAxis(bottom, top, sorted(labelled))


def _y_labels_width(ticks: list[float], size: float = 9) -> float:
    return max(text_width(tick_label(t), size) for t in ticks) + PAD + TICK


def _rl_plot(
    canvas: Canvas, box, across: tuple[float, float], axis: RLAxis, settings: Settings
) -> Plot:
    """A plot on an RL axis (x from `across`): the non-adverse range shaded, 1 dotted, the
    labelled ticks."""
    plot = Plot.within(canvas, box, across, (axis.bottom, axis.top), log_y=True)
    _non_adverse(plot, axis, settings)
    plot.spines()
    plot.y_ticks(axis.ticks)
    return plot


def _non_adverse(plot: Plot, axis: RLAxis, settings: Settings) -> None:
    """The non-adverse range shaded (as far as the axis reaches) and 1 dotted."""
    low = max(settings.non_adverse_low, axis.bottom)
    plot.band(low, min(settings.non_adverse_high, axis.top), NHS_PALE_GREY)
    plot.level(1, NHS_DARK_GREY, dash="dotted")


def _short(name: str) -> str:
    return name if len(name) <= LONGEST_NAME else name[: LONGEST_NAME - 1] + "…"


def rl_chart(
    trend: dict[int, tuple[float, float, float]],
    peers: dict[str, float],
    org: str,
    settings: Settings,
    label: str,
    texts: dict[int, str] | None = None,
    height: float = 2.4,
) -> tuple[Chart, str]:
    """Left: the RL by year with its interval. Right: this year's RL beside the comparators',
    drawn only when at least one comparator has a figure (never an empty panel).

    A year with no exact RL but a low and a high is one published as a range: drawn as a
    bar with no point. `texts` says each year's RL in words ('between 0.74 and 5.24')."""
    texts = texts or {}
    peers = {name: v for name, v in peers.items() if not math.isnan(v)}  # none: not shown
    compared = any(name != org and not name.startswith(f"{org} ") for name in peers)
    years = list(trend)
    bounds = [v for y in years for v in trend[y] if not math.isnan(v)]
    axis = rl_axis(bounds + list(peers.values()), settings)
    note = wrapped(
        f"Shaded: the non-adverse range {settings.non_adverse_low:.2f} to "
        f"{settings.non_adverse_high:.2f}. Above 1: {label}.",
        7,
        WIDTH * POINTS - 2 * EDGE,
    )
    labels = _y_labels_width(axis.ticks)
    below = TICK + PAD + 9 + 4  # the years
    names = sorted(peers, key=lambda name: peers[name])
    if compared:  # names slanted at 45 degrees under the comparators' dots
        slant = max(text_width(_short(n), 7, bold=n == org) for n in names) * 0.71 + 7
        below = max(below, TICK + PAD + slant + 4)
    below += 8.4 * (note.count("\n") + 1)
    top = EDGE + 18  # the titles
    # Taller than asked where long names or a long note would squeeze the plot.
    canvas = Canvas(WIDTH, max(height, (top + MIN_PLOT + below + EDGE) / POINTS))
    bottom = canvas.bottom - EDGE - below
    left = EDGE + 2 * 9 * 1.2 + 4 + labels
    right = canvas.right - EDGE - 8
    gap = labels + 16  # the comparators' panel's own tick labels
    split = left + (right - left - gap) * 3 / 5 if compared else right  # three fifths: years
    plot = _rl_plot(canvas, (left, top, split, bottom), (-0.5, len(years) - 0.5), axis, settings)
    plot.y_label("Relative likelihood\n(log scale)", EDGE)
    exact: list[tuple[int, float, float, float]] = []
    for i, year in enumerate(years):
        value, low, high = trend[year]
        if math.isnan(value) and not math.isnan(low):  # published as a range
            x, top_y = plot.at(i, high)
            canvas.line([(x, top_y), (x, plot.y(low))], NHS_DARK_GREY, 6, opacity=0.5)
            canvas.text(x, top_y - 3, "range", 7, anchor="middle")
        elif math.isnan(value):
            said = "not published" if texts.get(year) == "not published" else "undefined"
            x, one = plot.at(i, 1)
            canvas.text(
                x,
                one,
                said,
                7,
                anchor="middle",
                middle=True,
                colour=NHS_DARK_GREY,
                box=NHS_PALE_GREY,
            )
        else:
            exact.append((i, value, low, high))
    for i, value, low, high in exact:
        plot.interval(i, low, high, cap=8)
        x, y = plot.at(i, value)
        canvas.marker("o", x, y, 7, NHS_BLUE)
        canvas.text(x + 8, y, fmt_rl(value), 8, middle=True)
    plot.x_ticks(range(len(years)), [str(y) for y in years])
    plot.title(f"{org}, with {_level(settings)} intervals")
    if compared:  # after the years' panel, so the PDF's text reads left to right
        _peer_panel(
            canvas, (split + gap, top, right, bottom), axis, settings, peers, names, org, years[-1]
        )
    canvas.text(
        canvas.right / 2,
        canvas.bottom - EDGE - 8.4 * note.count("\n") - 2,
        note,
        7,
        anchor="middle",
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
    return canvas.chart(), alt


def _peer_panel(
    canvas: Canvas,
    box,
    axis,
    settings: Settings,
    peers: dict[str, float],
    names: list[str],
    org: str,
    year: int,
) -> None:
    """The reporting year's RL of the organisation (in blue) beside each comparator's."""
    plot = _rl_plot(canvas, box, (-0.6, len(names) - 0.4), axis, settings)
    for i, name in enumerate(names):
        x, y = plot.at(i, peers[name])
        if name == org:
            canvas.marker("o", x, y, 8, NHS_BLUE)
            canvas.text(x, y - 7, fmt_rl(peers[name]), 8, anchor="middle", colour=NHS_BLUE)
        else:
            canvas.marker("o", x, y, 5, NHS_DARK_GREY)
    styles = [{"colour": NHS_BLUE, "bold": True} if n == org else {} for n in names]
    plot.x_ticks(range(len(names)), [_short(n) for n in names], 7, slanted=True, styles=styles)
    plot.title(f"{year}: comparators")


def _level(settings: Settings) -> str:
    return f"{round(settings.confidence * 100)}%"


def _bars_frame(
    canvas: Canvas,
    years: list[int],
    top: float,
    ticks: list[float],
    ylabel: str,
    keys: list[tuple[str, dict]],
    size: float,
    columns: int,
) -> Plot:
    """Bars by year on a 0-based axis, the legend above the plot at its right."""
    legend_height = size * 1.4 * math.ceil(len(keys) / columns)
    left = EDGE + 9 * 1.2 + 4 + _y_labels_width(ticks)
    box = (left, EDGE + legend_height + 8, canvas.right - EDGE, canvas.bottom - EDGE - 17)
    plot = Plot.within(canvas, box, (-0.6, len(years) - 0.4), (0, top))
    plot.spines()
    plot.y_ticks(ticks)
    plot.x_ticks(range(len(years)), [str(y) for y in years])
    plot.y_label(ylabel, EDGE)
    width = legend_width([label for label, _ in keys], size, columns)
    legend(canvas, keys, box[2] - width, EDGE, size, columns)
    return plot


def _not_reported(canvas: Canvas, plot: Plot, x: float, y: float, text: str) -> None:
    """Words standing on the axis where a bar would be."""
    lines = text.count("\n")
    px, py = plot.at(x, y)
    canvas.text(px, py - 7 * 0.24 - lines * 7 * 1.2, text, 7, anchor="middle", colour=NHS_DARK_GREY)


def survey_chart(
    trend: dict[int, dict[str, tuple[float, float, float]]],
    org: str,
    what: str,
    standard: Standard,
    settings: Settings,
) -> tuple[Chart, str]:
    """Percentages of each group's respondents by year, with intervals; gaps where not
    reported. trend: {year: {group: (value, low, high)}}, the groups in the bars' order."""
    canvas = Canvas(NARROW, 2.0)
    years = list(trend)
    groups = list(dict.fromkeys(g for y in years for g in trend[y]))
    width = 0.38
    highs = [v for y in years for g in trend[y].values() for v in g if not math.isnan(v)]
    top = min(100, max(20, math.ceil(max(highs or [10]) * 1.15 / 10) * 10))
    colour = {g: PALETTE[standard.role_of(g)] for g in groups}
    keys = [(f"{g} staff", {"fill": colour[g]}) for g in groups]
    plot = _bars_frame(canvas, years, top, nice_ticks(0, top), "% of respondents", keys, 8, 2)
    for j, group in enumerate(groups):
        for i, year in enumerate(years):
            value, low, high = trend[year].get(group, (math.nan,) * 3)
            x = i + (j - 0.5) * width
            if math.isnan(value):
                _not_reported(canvas, plot, x, top * 0.02, f"{group}:\nnot\nreported")
                continue
            plot.area(x - width / 2, x + width / 2, 0, value, colour[group])
            plot.interval(x, low, high, cap=6)
            plot.above(x, high, fmt_pct(value))
    described = "; ".join(
        f"{y}: " + ", ".join(f"{g} {_pct_or_not(trend[y].get(g))}" for g in groups) for y in years
    )
    return (
        canvas.chart(),
        f"Bar chart, with {_level(settings)} intervals, of the percentage of {org}'s staff survey "
        f"respondents who {what}, by year and {standard.group_word}: {described}.",
    )


def score_chart(
    trend: dict[int, dict[str, float]], org: str, what: str, standard: Standard
) -> tuple[Chart, str]:
    """Mean scores out of 10 by year: one bar per group (the compared groups in their colours,
    any other, such as the whole organisation, in grey), on the whole 0 to 10 scale, each
    labelled; a score not reported is said in words. trend: {year: {group: score or NaN}}."""
    from .formatting import fmt_score

    canvas = Canvas(WIDTH, 2.4)
    years = list(trend)
    groups = list(dict.fromkeys(g for y in years for g in trend[y]))
    width = 0.8 / len(groups)
    roles = {g.name: g.role for g in standard.groups}
    colour = {g: PALETTE[roles[g]] if g in roles else NHS_MID_GREY for g in groups}
    names = {g.name: f"{g.name} staff" for g in standard.groups}
    keys = [(names.get(g, g), {"fill": colour[g]}) for g in groups]
    ticks = [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    plot = _bars_frame(canvas, years, 10, ticks, "Score (0 to 10)", keys, 8, 3)
    for j, group in enumerate(groups):
        for i, year in enumerate(years):
            value = trend[year].get(group, math.nan)
            x = i + (j - (len(groups) - 1) / 2) * width
            if math.isnan(value):
                _not_reported(canvas, plot, x, 0.2, "not\nreported")
                continue
            plot.area(x - width / 2, x + width / 2, 0, value, colour[group])
            plot.above(x, value, fmt_score(value))
    described = "; ".join(
        f"{y}: "
        + ", ".join(
            f"{names.get(g, g)} {'not reported' if math.isnan(v) else fmt_score(v)}"
            for g, v in trend[y].items()
        )
        for y in years
    )
    return (
        canvas.chart(),
        f"Bar chart of {org}'s {what}, out of 10, by year and group: {described}.",
    )


def _pct_or_not(found) -> str:
    return "not reported" if not found or math.isnan(found[0]) else fmt_pct(found[0])


def pay_band_chart(
    bands: list[tuple[str, dict[str, float], str]], overall: float, org: str, standard: Standard
) -> tuple[Chart, str]:
    """Each band's make-up as a 100% bar: the focus group from the left, then the share
    withheld by disclosure control (hatched), unknown and the reference group; the focus
    group's share of the whole workforce as a dashed line. bands: (label, {group: % or NaN if
    hidden}, headcount text)."""
    n = len(bands)
    canvas = Canvas(WIDTH, 1.0 + 0.13 * n)  # 27 bands in 4.5 inches: a page with its words
    focus, unknown, reference = (
        g.name for g in (standard.focus, standard.unknown, standard.reference)
    )
    colours = {focus: PALETTE[FOCUS], unknown: NHS_MID_GREY, reference: PALETTE[REFERENCE]}
    keys = [
        (focus, {"fill": colours[focus]}),
        ("hidden (small numbers)", {"hatch": HIDDEN}),
        (unknown.lower(), {"fill": NHS_MID_GREY}),
        (reference, {"fill": colours[reference]}),
        (f"{focus}, whole workforce ({fmt_pct(overall)})", {"line": NHS_BLUE, "dash": "dashed"}),
    ]
    labels = [label for label, _ in keys]
    columns = 3 if legend_width(labels, 7, 3) <= 0.7 * canvas.right else 2
    legend_height = 7 * 1.4 * math.ceil(len(keys) / columns)
    # Two columns right of the bars: the focus group's share and the band's headcount.
    share_width = max(text_width(t, 7, bold=True) for t in (focus, "100.0%"))
    staff_width = max(text_width(t, 7, bold=True) for t in ("Staff", "10,000"))
    left = EDGE + max(text_width(label, 7) for label, _, _ in bands) + PAD
    right = canvas.right - EDGE - 4 - share_width - 8 - staff_width
    box = (left, EDGE + legend_height + 6, right, canvas.bottom - EDGE - 31)
    plot = Plot.within(canvas, box, (0, 100), (-0.6, n - 0.4))
    legend(canvas, keys, left, EDGE, 7, columns)
    share_x, staff_x = right + 4, right + 4 + share_width + 8 + staff_width
    for i, (_, shares, total) in enumerate(bands):
        yi = n - 1 - i
        start = 0.0
        shown = [v for v in shares.values() if not math.isnan(v)]
        hidden = max(0.0, 100 - sum(shown)) if len(shown) < len(shares) else 0.0
        for part in (focus, "hidden", unknown, reference):
            width = hidden if part == "hidden" else shares.get(part, math.nan)
            if math.isnan(width) or width <= 0:
                continue
            colour = HIDDEN if part == "hidden" else colours[part]
            plot.area(start, start + width, yi - 0.36, yi + 0.36, colour, part == "hidden")
            start += width
        bme, y = shares.get(focus, math.nan), plot.y(yi)
        said, shade = ("hidden", NHS_DARK_GREY) if math.isnan(bme) else (fmt_pct(bme), "black")
        canvas.text(left - PAD, y, bands[i][0], 7, anchor="end", middle=True)
        canvas.text(share_x, y, said, 7, middle=True, colour=shade)
        canvas.text(staff_x, y, total, 7, anchor="end", middle=True)
    header = plot.y(n - 0.35)
    canvas.text(share_x, header, focus, 7, bold=True)
    canvas.text(staff_x, header, "Staff", 7, anchor="end", bold=True)
    plot.upright(overall, NHS_BLUE, 1.2, "dashed")
    plot.canvas.line([(plot.left, plot.bottom), (plot.right, plot.bottom)])
    plot.x_ticks([0, 20, 40, 60, 80, 100])
    plot.x_label("% of the band's headcount")
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
    return canvas.chart(), alt


def board_chart(shares: list[tuple[str, float]], org: str, standard: Standard) -> tuple[Chart, str]:
    """The focus group's share of each part of the Board beside its share of the workforce."""
    focus = standard.focus.name
    canvas = Canvas(WIDTH, 0.6 + 0.2 * len(shares))
    k = len(shares)
    values = [0 if math.isnan(v) else v for _, v in shares]
    high = max(values + [10]) * 1.3
    left = EDGE + max(text_width(label, 8) for label, _ in shares) + PAD + TICK
    box = (left, EDGE + 4, canvas.right - EDGE - 8, canvas.bottom - EDGE - 31)
    plot = Plot.within(canvas, box, (0, high), (-0.6, k - 0.4))
    for i, (label, value) in enumerate(shares):
        yi = k - 1 - i
        colour = NHS_DARK_GREY if label.lower().endswith("workforce") else PALETTE[FOCUS]
        plot.area(0, values[i], yi - 0.3, yi + 0.3, colour)
        canvas.text(plot.x(values[i]) + 3, plot.y(yi), fmt_pct(value), 7, middle=True)
    plot.spines()
    plot.y_ticks([k - 1 - i for i in range(k)], [label for label, _ in shares], size=8)
    plot.x_ticks(nice_ticks(0, high))
    plot.x_label(f"{focus} share (%)")
    described = ", ".join(f"{label} {fmt_pct(v)}" for label, v in shares)
    return (
        canvas.chart(),
        f"Bar chart of the {focus} share of {org}'s Board and workforce: {described}.",
    )


LABELLED_DOTS = 30  # beyond this many organisations, a dot per organisation without names


def strip_chart(
    values: dict[str, float], label: str, band: tuple[float, float] | None
) -> tuple[Chart, str]:
    """Every organisation's figure on one axis, sorted; for an RL, `band` (the non-adverse
    range, from the settings) shaded."""
    names = sorted(values, key=lambda name: values[name])
    labelled = len(names) <= LABELLED_DOTS
    canvas = Canvas(WIDTH, 0.8 + 0.16 * len(names) if labelled else 2.4)
    ends = [values[n] for n in names] + list(band or ())
    low, high = min(ends), max(ends)
    margin = (high - low) * 0.05 or 0.5
    low, high = low - margin, high + margin
    if labelled:
        left = EDGE + max(text_width(_short(n), 6) for n in names) + PAD + TICK
    else:  # room for the y axis's name on two lines
        left = EDGE + 2 * 9 * 1.2 + 8
    box = (left, EDGE + 4, canvas.right - EDGE - 8, canvas.bottom - EDGE - 31)
    plot = Plot.within(canvas, box, (low, high), (-0.7, len(names) - 0.3))
    if band:
        plot.band(*band, NHS_PALE_GREY, across=False)
        plot.upright(1, NHS_DARK_GREY, dash="dotted")
    for i, name in enumerate(names):
        x, y = plot.at(values[name], i)
        canvas.marker("o", x, y, 4 if labelled else 2, NHS_BLUE)
    plot.spines()
    if labelled:
        plot.y_ticks(range(len(names)), [_short(n) for n in names], size=6)
    else:
        said = wrapped(
            f"{len(names)} organisations, lowest at the bottom", 9, plot.bottom - plot.top
        )
        plot.y_label(said, EDGE)
    plot.x_ticks([t for t in nice_ticks(low, high) if low <= t <= high])
    plot.x_label(label)
    middle = median(values.values())
    return canvas.chart(), (
        f"Dot chart of {label} for {len(names)} organisations, from {values[names[0]]:.2f} "
        f"({names[0]}) to {values[names[-1]]:.2f} ({names[-1]}), median {middle:.2f}."
    )


def long_trend_chart(
    years: list[int],
    series: dict[str, list[float]],
    settings: Settings,
    published: list[int],
    texts: dict[str, list[str]],
) -> tuple[Chart, str]:
    """Each relative likelihood over every year on record (up to a decade or more): one line
    per indicator on a log scale, every year labelled, a published year's point hollow.
    `texts`: each point in words for the alt text ('0.57 to 4.00' for a range, say)."""
    canvas = Canvas(WIDTH, 2.8)
    axis = rl_axis([v for values in series.values() for v in values], settings)
    markers = ["o", "s", "D", "^", "v", "P"]  # and a line style each: told apart without colour
    colours = [NHS_BLUE, PALETTE[FOCUS], NHS_DARK_GREY, NHS_MID_GREY]
    styles = ["", "dashed", "dotted", "dashdot"]
    keys = [
        (name, {"line": colours[i % len(colours)], "dash": styles[i % len(styles)]})
        for i, name in enumerate(series)
    ]
    key_width = legend_width(list(series), 7, 1)
    left = EDGE + 2 * 9 * 1.2 + 4 + _y_labels_width(axis.ticks)
    right = canvas.right - EDGE - key_width - 8
    box = (left, EDGE + 6, right, canvas.bottom - EDGE - 14)
    span = (years[0] - 0.5, years[-1] + 0.5)
    plot = Plot.within(canvas, box, span, (axis.bottom, axis.top), log_y=True)
    _non_adverse(plot, axis, settings)
    for i, values in enumerate(series.values()):
        colour, style = keys[i][1]["line"], keys[i][1]["dash"]
        # the line breaks where a year has no figure
        runs = groupby(zip(years, values, strict=True), key=lambda point: math.isnan(point[1]))
        for missing, run in runs:
            drawn = [plot.at(year, value) for year, value in run]
            if not missing and len(drawn) > 1:
                canvas.line(drawn, colour, 1.2, style)
        for year, value in zip(years, values, strict=True):
            if not math.isnan(value):
                x, y = plot.at(year, value)
                hollow = "white" if year in published else None
                canvas.marker(markers[i % len(markers)], x, y, 5, colour, hollow)
    plot.spines()
    plot.y_ticks(axis.ticks)
    plot.x_ticks(years, [str(y) for y in years], size=7)
    plot.y_label("Relative likelihood\n(log scale)", EDGE)
    legend(canvas, keys, right + 8, box[1], 7, 1)
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
    return canvas.chart(), alt
