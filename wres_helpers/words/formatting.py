"""How figures are written: one place, so the PDF, the placeholders and the tests agree."""

from __future__ import annotations

import math

import pandas as pd


def fmt_rl(value: float | None) -> str:
    return "undefined" if missing(value) else f"{value:.2f}"


def fmt_pct(value: float | None) -> str:
    return "–" if missing(value) else f"{value:.1f}%"


def fmt_pp(value: float) -> str:
    return "–" if missing(value) else f"{value:+.1f} points".replace("-", "−")


def fmt_count(value) -> str:
    return "–" if missing(value) else f"{int(value):,}"


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def flagged(value) -> bool:
    """A yes/no column's value as a bool: numpy and pandas booleans, or missing (False)."""
    return False if missing(value) else bool(value)


def hidden_label(suppression: str) -> str:
    """A short cell text for a figure withheld by disclosure control (the reason goes in a
    note under the table, in the words of indicators.csv's `suppression` column)."""
    return "not reported" if "respondents" in str(suppression or "") else "hidden"


def ordinal(n: int) -> str:
    return f"{n}{'tsnrhtdd'[(n // 10 % 10 != 1) * (n % 10 < 4) * n % 10 :: 4]}"


def fmt_score(value: float) -> str:
    """A survey mean score (0 to 10): '6.70'."""
    return "–" if missing(value) else f"{value:.2f}"


def fmt_points(value: float) -> str:
    """A difference of mean scores: '−0.50 points'."""
    return "–" if missing(value) else f"{value:+.2f} points".replace("-", "−")
