"""The standards a report can follow, each as data (see registry.py)."""

from __future__ import annotations

from .registry import Standard
from .wdes import STANDARD as WDES
from .wres import STANDARD as WRES

STANDARDS: dict[str, Standard] = {s.code.lower(): s for s in (WRES, WDES)}


def standard(code: str) -> Standard:
    """The standard with this code ('wres' or 'WRES')."""
    return STANDARDS[code.lower()]
