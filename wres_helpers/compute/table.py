"""`indicators.csv`: the published figures as a tidy CSV, one row per figure."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .indicators import COLUMNS


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text: blanks for undefined or suppressed figures, six significant digits."""
    extra = [c for c in frame.columns if c not in COLUMNS]  # e.g. `synthetic`, kept last
    out = frame.reindex(columns=COLUMNS + extra).copy()
    out["small_numbers"] = out["small_numbers"].map({True: "yes", False: "no"}).fillna("")
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, float_format="%.6g", lineterminator="\n")
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    Path(path).write_text(to_csv(frame), encoding="utf-8")


def read_csv(path: Path) -> pd.DataFrame:
    """Read an indicators.csv back (for comparisons across organisations and years)."""
    frame = pd.read_csv(path, keep_default_na=False, na_values={"value": [""]}, dtype=str)
    for column in ("value", "ci_low", "ci_high"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    for column in ("numerator", "denominator"):
        frame[column] = pd.array(pd.to_numeric(frame[column].replace("", None)), dtype="Int64")
    frame["indicator"] = frame["indicator"].astype(str)  # ids: "3", or the WDES's "4a_i"
    frame["year"] = frame["year"].astype(int)
    frame["small_numbers"] = (
        frame["small_numbers"].map({"yes": True, "no": False}).astype("boolean")
    )
    return frame


def csv_name(standard) -> str:
    """The file name beside a report: `indicators.csv` for the WRES (as always),
    `indicators-wdes.csv` for the WDES, so both sit in output/<ORG>/<YEAR>/."""
    code = standard.code.lower()
    return "indicators.csv" if code == "wres" else f"indicators-{code}.csv"
