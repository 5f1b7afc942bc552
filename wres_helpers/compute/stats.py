"""Proportions and relative likelihoods with their intervals, vectorised over numpy arrays.

Undefined results are NaN here and only here; callers turn them into words.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np


def z_for(confidence: float) -> float:
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def percent(events, base) -> np.ndarray:
    events, base = np.asarray(events, float), np.asarray(base, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(base > 0, 100 * events / base, np.nan)


def wilson(events, base, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion, as percentages (0-100)."""
    k, n = np.asarray(events, float), np.asarray(base, float)
    z = z_for(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        low, high = 100 * (centre - half), 100 * (centre + half)
        # At 0 or all events the bound is exactly 0 or 100; say so, not 2.8e-15.
        low = np.where(k == 0, 0.0, np.clip(low, 0, 100))
        high = np.where(k == n, 100.0, np.clip(high, 0, 100))
    ok = n > 0
    return np.where(ok, low, np.nan), np.where(ok, high, np.nan)


def relative_likelihood(top_events, top_base, bottom_events, bottom_base, confidence=0.95):
    """(top_events/top_base) / (bottom_events/bottom_base) with its log-scale (Katz) interval.

    Undefined (NaN) when either group has no base or no events: a ratio of 0 or
    infinity would say something the data cannot support.
    """
    a, n1, c, n2 = (
        np.asarray(x, float) for x in (top_events, top_base, bottom_events, bottom_base)
    )
    defined = (a > 0) & (c > 0) & (n1 > 0) & (n2 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (a / n1) / (c / n2)
        se = np.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        spread = np.exp(z_for(confidence) * se)
        return (
            np.where(defined, ratio, np.nan),
            np.where(defined, ratio / spread, np.nan),
            np.where(defined, ratio * spread, np.nan),
        )


def newcombe_difference(p1, low1, high1, p2, low2, high2) -> tuple[float, float]:
    """The interval of p1 - p2 from each proportion's own (Wilson) interval: Newcombe's
    hybrid score method (Newcombe 1998, method 10). Any unit, so long as all six share it
    (percentages give percentage points). NaN when any input is missing."""
    values = [float(x) for x in (p1, low1, high1, p2, low2, high2)]
    if any(np.isnan(values)):
        return np.nan, np.nan
    p1, low1, high1, p2, low2, high2 = values
    d = p1 - p2
    return (
        d - float(np.hypot(p1 - low1, high2 - p2)),
        d + float(np.hypot(high1 - p1, p2 - low2)),
    )
