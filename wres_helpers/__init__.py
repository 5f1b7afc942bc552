"""WRES and WDES reports: read, validate, compute, report."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NOTEBOOKS = PACKAGE / "notebooks"
