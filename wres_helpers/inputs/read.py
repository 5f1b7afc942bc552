"""Read one input table (CSV or the first sheet of an XLSX) as the text the analyst typed.

Every cell comes back as a stripped-free string ("" for empty) and every row keeps
the number it has in a spreadsheet (header = row 1), so errors can point at it.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem

ROW = "_row"  # column holding the spreadsheet row number
SUFFIXES = (".csv", ".xlsx")


def display_path(path: Path) -> str:
    """The path as the analyst would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find(folder: Path, name: str) -> Path | None:
    """NAME.csv or NAME.xlsx in folder (any case); None if neither; an error if both."""
    if not folder.is_dir():
        return None
    found = sorted(
        p for p in folder.iterdir() if p.stem.lower() == name and p.suffix.lower() in SUFFIXES
    )
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise InputError(
            [Problem(display_path(folder), f"one file for the {name} table, not {names}")]
        )
    return found[0] if found else None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_table(path: Path) -> pd.DataFrame:
    """All columns as str, names lower-cased and stripped, plus the spreadsheet row number."""
    shown = display_path(path)
    try:
        frame = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    except InputError:
        raise
    except Exception as error:  # any parser failure is the file's fault, said plainly
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        # The CSV parser counts records from the header as line 1: the spreadsheet row.
        # (Not for XLSX: a line there is a line of the workbook's XML.)
        is_csv = path.suffix.lower() == ".csv"
        line = re.search(r"\bline (\d+)\b", reason) if is_csv else None
        row = int(line[1]) if line else None
        problem = Problem(shown, f"a readable CSV or XLSX file ({reason})", row=row)
        raise InputError([problem]) from None
    if frame.columns.size == 0:
        raise InputError([Problem(shown, "a header row naming the columns (the file is empty)")])
    names = [str(c).strip().lower() for c in frame.columns]
    duplicated = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicated:
        raise InputError(
            [Problem(shown, "each column once", row=1, column=n, value=n) for n in duplicated]
        )
    frame.columns = names
    blank = (frame == "").all(axis=1)
    frame = frame.loc[~blank].copy()
    frame[ROW] = frame.index + 2
    return frame.reset_index(drop=True)


def _read_csv(path: Path) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves "CSV" as cp1252
        try:
            return pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                encoding=encoding,
                quoting=csv.QUOTE_MINIMAL,
            ).apply(lambda col: col.str.strip())
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
    raise InputError([Problem(display_path(path), "UTF-8 text (save it as 'CSV UTF-8')")])


def _read_xlsx(path: Path) -> pd.DataFrame:
    from openpyxl import load_workbook  # only paid for by those who send workbooks

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [
            [_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        book.close()
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    width = len(header)
    return pd.DataFrame([(r + [""] * width)[:width] for r in body], columns=header, dtype=str)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
