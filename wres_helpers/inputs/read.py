"""Read one input table (CSV or the first sheet of an XLSX) as the text the analyst typed.

Every cell comes back as a stripped string ("" for empty) and every row keeps the number it
has in a spreadsheet, so errors can point at it. The header is found, not assumed: a report
saved as it comes has a title block above it (report name, run date, parameters, blank rows),
and the header is the first row naming two of the columns the table reads. Total rows
("Grand Total") and footer lines below the table are left out and counted. CSV columns come back as
categoricals: a national extract of a million rows has only a few hundred spellings per coded
column, and everything after reading works on those. CSV is parsed by pyarrow (measured fastest:
bench/bench.py), or by pandas for what pyarrow will not take (blank lines, line breaks inside
quotes), so both give the same frame.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from ..errors import InputError, Problem, display_path
from . import limits

ROW = "_row"  # column holding the spreadsheet row number
HEADER_SEARCH = 50  # rows searched for the header: an ESR BI title block is a handful
# A cell that makes its row a total, not a person ("Grand Total", "Total", "Sub-total:").
TOTAL_RE2 = r"^\s*(?:grand |sub[- ]?)?totals?\b[^,]*$|^\s*subtotals?\b.*$"  # for pyarrow
TOTAL = re.compile(r"(?i)^\s*(?:grand |sub[- ]?)?totals?\b[^,]*$|^\s*subtotals?\b.*$")
SUFFIXES = (".csv", ".xlsx")
# Files the tool cannot read, and what to do instead.
UNREADABLE = {
    ".xls": "an Excel 97-2003 workbook: open it in Excel and save it as .xlsx or CSV UTF-8",
    ".xlsb": "a binary Excel workbook: save it as .xlsx or CSV UTF-8",
    ".xlsm": "a macro-enabled workbook: save it as .xlsx (without macros) or CSV UTF-8",
    ".ods": "an OpenDocument spreadsheet: save it as .xlsx or CSV UTF-8",
    ".numbers": "a Numbers spreadsheet: export it as CSV (UTF-8) or Excel (.xlsx)",
    ".tsv": "tab-separated text: save it as CSV UTF-8",
    ".txt": "plain text: save the table as CSV UTF-8 with the .csv suffix",
}


def find(folder: Path, name: str) -> Path | None:
    """NAME.csv or NAME.xlsx in folder (any case); None if neither; an error if both, if it is
    a folder, or if the table is there only in a format this tool cannot read."""
    if not folder.is_dir():
        return None
    same = sorted(p for p in folder.iterdir() if p.stem.lower() == name)
    found = [p for p in same if p.suffix.lower() in SUFFIXES]
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise InputError(
            [Problem(display_path(folder), f"one file for the {name} table, not {names}")]
        )
    if not found:
        refused = [p for p in same if p.suffix.lower() in UNREADABLE]
        if refused:
            path = refused[0]
            what = UNREADABLE[path.suffix.lower()]
            expected = f"a CSV or .xlsx file for the {name} table; this is {what}"
            raise InputError([Problem(display_path(path), expected)])
    return found[0] if found else None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decode(data: bytes, shown: str) -> str:
    """Text in UTF-8 (with or without a BOM), UTF-16 (with its BOM) or Windows-1252, the
    encodings Excel saves; a NUL character is refused (the file is not text)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError([Problem(shown, "UTF-8 or UTF-16 text")]) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Excel on Windows saves "CSV" so
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputError(
            [
                Problem(
                    shown,
                    "text without NUL characters (save it as CSV UTF-8)",
                    row=line,
                    row_label="line",
                )
            ]  # fmt: skip
        )
    return text


def read_table(path: Path, keep=None, shown: str | None = None) -> pd.DataFrame:
    """All columns as str, names lower-cased and stripped, plus the spreadsheet row number.

    keep(names) -> the names of the columns to read (default all): an ESR export has dozens
    of columns and the contract needs a few. `frame.attrs["found"]` lists every column.
    shown: the path as problems name it, if the caller has it (display_path asks the disk)."""
    shown = display_path(path) if shown is None else shown
    if path.is_dir():
        raise InputError([Problem(shown, "a file (this is a folder)")])
    span = limits.check_table(path, shown)  # before any parser: refused by name, in a second
    try:
        # check_table gave a workbook's span, and None for a CSV
        frame = (
            _read_csv(path, shown, keep) if span is None else _read_xlsx(path, shown, span, keep)
        )
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
    # Set again at the end: pandas deep-copies attrs into every column and row taken below.
    attrs, frame.attrs = frame.attrs, {}
    header = attrs.get("header_row", 1)
    searched = attrs.get("searched")
    cells = attrs.pop("total_cells", None)  # a million flags: not carried in attrs
    names = [str(c).strip().lower() for c in frame.columns]
    found = attrs.get("found", names)  # every column, also those not read
    duplicated = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicated:
        raise InputError(
            [Problem(shown, "each column once", row=header, column=n, value=n) for n in duplicated]
        )
    frame.columns = names
    if keep is not None:
        wanted = set(keep(names))
        if len(wanted) < len(names):  # the CSV reader has left the others out already
            frame = frame[[n for n in names if n in wanted]]
    blank = np.ones(len(frame), dtype=bool)
    for name in frame.columns:
        blank &= (frame[name] == "").to_numpy()
        if not blank.any():  # the usual case, known after a column or two
            break
    rows = np.arange(header + 1, len(frame) + header + 1)
    left_out = []
    if blank.any():
        frame, rows = frame.loc[~blank].reset_index(drop=True), rows[~blank]
    if cells is not None and blank.any():
        cells = cells[~blank]
    total, footer = _totals(frame, cells)
    for why, out in (
        ("total rows (Total, Grand Total)", total),
        ("footer lines below the table", footer),
    ):
        if out.any():
            left_out.append((why, int(out.sum())))
    if total.any() or footer.any():
        kept = ~(total | footer)
        frame, rows = frame.loc[kept].reset_index(drop=True), rows[kept]
    frame[ROW] = rows
    attrs.update(found=found, header_row=header, searched=searched, left_out=left_out)
    frame.attrs = attrs
    return frame


def _totals(frame: pd.DataFrame, cells=None) -> tuple[np.ndarray, np.ndarray]:
    """(total rows, footer lines): a row with a cell reading Total or Grand Total; and the
    lines closing the table that fill one cell alone ("Report run by ...", "End of report").
    Coded columns are tested per spelling, and `cells` (the reader's own test of its plain
    columns, when it made one) spares testing a million ids again."""
    total = np.zeros(len(frame), dtype=bool)
    if not len(frame):
        return total, total
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            spellings = column.cat.categories.astype(str)
            hits = np.array([bool(TOTAL.match(t)) for t in spellings] + [False])
            total |= hits[column.cat.codes.to_numpy()]
        elif cells is None:
            total |= column.astype(str).str.match(TOTAL).to_numpy(dtype=bool)
    if cells is not None:
        total |= cells
    footer = np.zeros(len(frame), dtype=bool)
    last = len(frame)
    while last > 1:  # only the closing lines are looked at: a few rows, not the table
        row = [str(column.iloc[last - 1]) for _, column in frame.items()]  # (not a row of
        # mixed columns: pandas would first work out their common type)
        filled = [v for v in row if v and v != "nan"]
        if len(filled) != 1 or not re.search(r"[A-Za-z].*\s", filled[0]):
            break  # a row of the table (one cell with no words is refused by its checks)
        last -= 1  # a trailing line of words alone: "Report run by ...", "End of report"
    footer[last:] = True
    return total & ~footer, footer


def no_header(shown: str, searched: int, keep) -> Problem:
    """No row names the table's columns: which rows were searched, and what for."""
    wanted = getattr(keep, "looked_for", "the table's columns")
    return Problem(shown, f"a header row naming {wanted}; none found in rows 1-{searched}", row=1)


def header_index(rows: list[list[str]], keep) -> int | None:
    """The first of the first HEADER_SEARCH rows that names two of the columns keep(names)
    reads (one if the table reads only one); None if none does."""
    if keep is None:
        return 0
    for number, row in enumerate(rows[:HEADER_SEARCH]):
        names = [str(cell).strip().lower() for cell in row if str(cell).strip()]
        if len(names) >= 2 and len(set(keep(names))) >= 2:
            return number
    return None


def _read_csv(path: Path, shown: str, keep=None) -> pd.DataFrame:
    data = path.read_bytes()
    if not data[:4096].strip() and not data.strip():  # (a copy of the file only if blank)
        return pd.DataFrame()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = decode(data, shown).encode("utf-8")  # UTF-16 (NUL bytes), or a real NUL
    header, searched, offset = _csv_header(data, keep)
    try:
        frame = _pyarrow(memoryview(data)[offset:], keep)
    except Exception:  # not UTF-8, a blank line, a line break in quotes: pandas reads those
        try:
            frame = _pandas_csv(data[offset:], shown)
        except InputError:
            raise
        except Exception:
            if searched:  # rows of every width and no header: say what was looked for
                raise InputError([no_header(shown, searched, keep)]) from None
            raise
    frame.attrs.update(header_row=header, searched=searched)
    return frame


def _csv_header(data: bytes, keep) -> tuple[int, int | None, int]:
    """(the header's row number, rows searched if no header was found, its byte offset)."""
    head = data[: 1 << 16]
    lines = head.split(b"\n")
    if len(lines) > 1 and not lines[-1].strip():
        lines.pop()  # the file's last line break
    lines = lines[:HEADER_SEARCH]
    rows = [next(csv.reader([line.decode("utf-8", "replace").strip("\r")]), []) for line in lines]
    found = header_index(rows, keep)
    if found is None:
        return 1, len(rows), 0
    return found + 1, None, sum(len(line) + 1 for line in lines[:found])


def _pandas_csv(data: bytes, shown: str) -> pd.DataFrame:
    text = decode(bytes(data), shown)
    frame = pd.read_csv(
        io.StringIO(text),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        quoting=csv.QUOTE_MINIMAL,
        header=None,  # the header row as data: pandas would rename a repeated name
    )
    if frame.empty:
        return pd.DataFrame()
    frame = frame.apply(lambda col: col.str.strip())
    header = list(frame.iloc[0])
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = header
    return frame.astype("category")


def _pyarrow(data: memoryview, keep=None) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    first = bytes(data[: 1 << 16])
    header = pacsv.read_csv(
        pa.BufferReader(first[: first.find(b"\n") + 1 or len(first)]),
        parse_options=pacsv.ParseOptions(newlines_in_values=False),
    ).column_names
    names = [h.strip().lower() for h in header]
    if len(set(names)) < len(names):
        raise ValueError("repeated column names")  # pandas reads them, for the message
    wanted = set(keep(names)) if keep is not None else set(names)
    include = [h for h, n in zip(header, names, strict=True) if n in wanted] or header[:1]
    text = pa.dictionary(pa.int32(), pa.string())
    table = pacsv.read_csv(
        pa.BufferReader(pa.py_buffer(data)),
        read_options=pacsv.ReadOptions(block_size=1 << 24),
        parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(include, text),
            include_columns=include,
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    columns, cells, few_plain = [], None, []  # cells: rows whose plain text reads as a total
    for number in range(table.num_columns):
        column = table.column(number)
        if column.num_chunks > 1:
            column = column.unify_dictionaries()  # one dictionary shared by every chunk
        spellings = pc.utf8_trim_whitespace(column.chunks[0].dictionary) if table.num_rows else None
        few = spellings is not None and len(spellings) * 2 < table.num_rows
        if few and spellings is not None and pc.count_distinct(spellings).as_py() == len(spellings):
            # a coded column: strip its few spellings, not its million cells
            chunks = [pa.DictionaryArray.from_arrays(c.indices, spellings) for c in column.chunks]
            columns.append(pa.chunked_array(chunks, column.type))
        else:  # an id column (or spellings that meet once stripped): plain text
            trimmed = pc.utf8_trim_whitespace(column.cast(pa.string()))
            hit = _total_cells(trimmed)
            cells = hit if cells is None else cells | hit
            columns.append(trimmed)
            if few:
                few_plain.append(number)
    # One conversion of the whole table: a frame built from a Series per column costs a
    # small file more than its rows do.
    frame = pa.Table.from_arrays(columns, names=table.column_names).to_pandas()
    for number in few_plain:
        frame.isetitem(number, frame.iloc[:, number].astype("category"))
    frame.attrs["found"] = names
    frame.attrs["total_cells"] = (
        np.zeros(len(frame), dtype=bool) if cells is None else np.asarray(cells, dtype=bool)
    )
    return frame


def _total_cells(trimmed) -> np.ndarray:
    """Which of a plain text column's cells read as a total. The regex (compiled again on
    each call) is run only if a cell holds "total" at all: every match does."""
    import pyarrow.compute as pc

    if not pc.any(pc.match_substring(pc.utf8_lower(trimmed), "total")).as_py():
        return np.zeros(len(trimmed), dtype=bool)
    hits = pc.match_substring_regex(trimmed, TOTAL_RE2, ignore_case=True)
    if not hasattr(hits, "chunks"):  # an array, not a chunked one
        return hits.to_numpy(zero_copy_only=False)
    return np.concatenate(
        [c.to_numpy(zero_copy_only=False) for c in hits.chunks] or [np.zeros(0, bool)]
    )


def _read_xlsx(path: Path, shown: str, span: tuple[int, int], keep=None) -> pd.DataFrame:
    from openpyxl import load_workbook  # only paid for by those who send workbooks

    book = load_workbook(path, read_only=True, data_only=True)
    height, width = span  # as the cells say, never a <dimension> the file may forge
    try:
        sheet = book.worksheets[0]
        cells = sheet.iter_rows(max_row=height, max_col=width, values_only=True)
        rows = [list(row) for row in cells]
        merged = _merged_ranges(path, getattr(sheet, "_worksheet_path", None))
    finally:
        book.close()
    if not rows:
        return pd.DataFrame()
    for top, left, bottom, right in merged:  # a merged cell's value belongs to each cell of it
        right = min(right, width - 1)  # within the cells read: a range may claim any size
        value = rows[top][left] if top < len(rows) and left < len(rows[top]) else None
        for number in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[number]
            if number != top and all(v is None for v in row[:left] + row[right + 1 :]):
                continue  # an empty row stays empty: only a table's rows share a label
            row.extend([None] * (right + 1 - len(row)))
            for col in range(left, right + 1):
                if (number, col) != (top, left):
                    row[col] = value
    found = header_index([[_cell_text(v) for v in row] for row in rows], keep)
    at = found or 0
    if any(v is None for row in rows for v in row):
        _check_formulas(path, shown, rows, span, at)
    header, body = [_cell_text(v) for v in rows[at]], rows[at + 1 :]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # a title block's merged cells widen the sheet: not columns of the table
    header = header[:width]
    texts = [([_cell_text(v) for v in r] + [""] * width)[:width] for r in body]
    frame = pd.DataFrame(texts, columns=header, dtype=str).astype("category")
    searched = min(len(rows), HEADER_SEARCH) if found is None else None
    frame.attrs.update(header_row=at + 1, searched=searched)
    return frame


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(path: Path, part: str | None) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges, 0-based (top, left, bottom, right): openpyxl's fast
    reader skips them, so they are read from the sheet's XML."""
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    if not part:
        return []
    found, tail = [], b""
    with zipfile.ZipFile(path) as archive, archive.open(part) as xml:
        for chunk in iter(lambda: xml.read(1 << 20), b""):
            buffer = tail + chunk
            found += _MERGE.findall(buffer)
            tail = buffer[max(buffer.rfind(b"<"), 0) :]  # an element cut at the chunk's end
    refs = list(dict.fromkeys(found))
    ranges = []
    for ref in refs:
        # _MERGE matches whole ranges (A1:C3) only: no bound is None
        bounds = cast(tuple[int, int, int, int], range_boundaries(ref.decode()))
        left, top, right, bottom = bounds
        ranges.append((top - 1, left - 1, bottom - 1, right - 1))
    return ranges


def _check_formulas(
    path: Path, shown: str, values: list[list], span: tuple[int, int], at: int = 0
) -> None:
    """An empty cached value where the sheet has a formula: the workbook was written by a
    program that never calculated it, so the figure is not in the file at all."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        problems = []
        header = [_cell_text(v).lower() for v in values[at]]
        height, width = span
        cells = book.worksheets[0].iter_rows(max_row=height, max_col=width, values_only=True)
        for number, row in enumerate(cells, start=1):
            for col, cell in enumerate(row):
                cached = values[number - 1][col] if col < len(values[number - 1]) else None
                if isinstance(cell, str) and cell.startswith("=") and cached is None:
                    problems.append(
                        Problem(
                            shown,
                            "a value (this cell has a formula that was never calculated: open "
                            "the workbook in Excel, let it calculate, and save it)",
                            row=number,
                            column=header[col]
                            if number > at + 1 and col < len(header) and header[col]
                            else _column_letter(col),
                        )
                    )
    finally:
        book.close()
    if problems:
        raise InputError(problems)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
