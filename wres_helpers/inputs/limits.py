"""How large an input may be, checked before it is parsed: a file past a limit is refused by
name, naming the limit, in a second or two and a few MB, whatever it holds.

The limits are far above any real export (a national ESR extract of 1.5 million assignment
rows and ten columns is 195 MB, with lines of under 200 bytes) and far below what would
exhaust a laptop: a CSV is scanned once for its lines before a parser sees it; an XLSX
workbook is a zip, so each member's declared and actual inflated sizes, and each sheet's
rows and columns (as its cell references say), are checked before openpyxl opens it (a
sheet's one cell at XFD1048576 would otherwise be padded to 17 billion empty cells).
docs/analyst-guide.md lists them; the analyst's text files have theirs in `text` (YAML)
and `narrative` (Markdown).
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError, Problem

MB = 1024 * 1024
MAX_TABLE_BYTES = 1024 * MB  # a CSV or XLSX file on disk
MAX_ROWS = 5_000_000  # CSV lines; every NHS provider's staff together are about 1.5 million
MAX_COLUMNS = 1_000  # an ESR export has about a hundred
MAX_LINE_BYTES = 64 * 1024  # one CSV line
MAX_XLSX_INFLATED = 256 * MB  # every member of a workbook, unpacked
MAX_XLSX_ROWS = 1_048_576  # Excel's own limit
MAX_XLSX_CELLS = 20_000_000  # rows x columns of a sheet, as openpyxl would lay them out
_CHUNK = 16 * MB


def regular_file(path: Path, shown: str, max_bytes: int) -> int:
    """The file's size, if it is a regular file (a link is followed) of at most max_bytes;
    otherwise InputError. A FIFO or a device (/dev/zero) would never end or never answer."""
    try:
        info = Path(path).stat()
    except OSError as error:
        raise InputError([Problem(shown, f"a readable file ({error.strerror})")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem(shown, "a file (this is a folder)")])
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem(shown, "a regular file (this is a device, a pipe or a socket)")])
    if info.st_size > max_bytes:
        raise InputError([past(shown, f"at most {size(max_bytes)}", size(info.st_size))])
    return info.st_size


def past(shown: str, limit: str, found: str, row: int | None = None) -> Problem:
    """A file past one of the limits: which limit, and how far past it the file is."""
    expected = f"a file within the input limits ({limit}; see docs/analyst-guide.md, Limits)"
    return Problem(shown, expected, row=row, value=found, row_label="line")


def size(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n >= MB else f"{n / 1024:,.0f} KB"


def check_table(path: Path, shown: str) -> tuple[int, int] | None:
    """Refuse a CSV or XLSX table past a limit, before any parser reads it. For a workbook,
    the (rows, columns) its largest sheet spans: all openpyxl may be asked to lay out."""
    regular_file(path, shown, MAX_TABLE_BYTES)
    if Path(path).suffix.lower() != ".xlsx":
        check_csv(path, shown)
        return None
    spans = check_workbook(path, shown).values()
    return max((r for r, _ in spans), default=1) or 1, max((c for _, c in spans), default=1) or 1


def check_csv(path: Path, shown: str) -> None:
    """Lines, line length and header width, in one pass over the bytes (numpy finds the line
    ends; about 0.1 s for the national extract). A line break inside quotes counts as a line:
    the limits bound what a parser is given, not the records."""
    lines, start, offset, longest_at, longest = 0, 0, 0, 1, 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            ends = np.flatnonzero(np.frombuffer(chunk, np.uint8) == 10) + offset
            if not offset:
                _check_header(chunk[: ends[0]] if ends.size else chunk, shown)
            if ends.size:
                gaps = np.diff(ends, prepend=start)
                at = int(gaps.argmax())
                if gaps[at] > longest:
                    longest, longest_at = int(gaps[at]), lines + at + 1
                lines += ends.size
                start = int(ends[-1]) + 1
            offset += len(chunk)
            if lines > MAX_ROWS:
                raise InputError([past(shown, f"at most {MAX_ROWS:,} lines", f"{lines:,}+")])
    if offset - start > longest:  # the last line, without a line end
        longest, longest_at = offset - start, lines + 1
    if longest > MAX_LINE_BYTES:
        limit = f"lines of at most {size(MAX_LINE_BYTES)}"
        raise InputError([past(shown, limit, size(longest), row=longest_at)])


def _check_header(header: bytes, shown: str) -> None:
    """At most MAX_COLUMNS names (counted by commas first: a quoted comma counts too)."""
    if header.count(b",") + 1 <= MAX_COLUMNS:
        return
    import csv

    names = next(csv.reader([header.decode("utf-8", "replace")]), [])
    if len(names) > MAX_COLUMNS:
        limit = f"at most {MAX_COLUMNS:,} columns"
        raise InputError([past(shown, limit, f"{len(names):,}", row=1)])


@dataclass
class _Sheet:
    rows: int = 0  # <row> elements
    last_row: int = 0  # the largest r="N" of a row
    cells: int = 0  # <c> elements
    referenced: int = 0  # of which with r="A1"
    last_column: int = 0  # the largest column letter of a cell reference

    def width(self) -> int:
        """Columns openpyxl lays each row out to: the last referenced column, or, if some
        cell has no reference (it is placed after the one before), as many as there are."""
        if self.referenced == self.cells:
            return self.last_column
        return min(self.cells, MAX_COLUMNS + 1)

    def height(self) -> int:
        return max(self.rows, self.last_row)


_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})\d')


def check_workbook(path: Path, shown: str) -> dict[str, tuple[int, int]]:
    """Refuse a workbook past a limit; return each sheet member's (rows, columns), which
    bound what openpyxl is asked to lay out. The members' declared sizes bound what they
    unpack to: Python's zipfile (openpyxl's too) never gives more than a member declares
    (a forged size ends in a CRC error), so a zip bomb is refused from its directory alone."""
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError([Problem(shown, f"a readable CSV or XLSX file ({error})")]) from None
    with book:
        members = book.infolist()
        declared = sum(m.file_size for m in members)
        if declared > MAX_XLSX_INFLATED:
            limit = f"at most {size(MAX_XLSX_INFLATED)} unpacked"
            raise InputError([past(shown, limit, f"{size(declared)} unpacked")])
        sheets = [m for m in members if m.filename.startswith("xl/worksheets/")]
        return {m.filename: _bounded(_scan(book, m, shown), m.filename, shown) for m in sheets}


def _scan(book: zipfile.ZipFile, member: zipfile.ZipInfo, shown: str) -> _Sheet:
    """One sheet's rows and cells, counted as it is unpacked piece by piece (about 1 s for
    the largest sheet the limits allow)."""
    sheet, tail = _Sheet(), b""
    try:
        with book.open(member) as f:
            while piece := f.read(4 * MB):
                data = tail + piece
                cut = data.rfind(b"<")  # tags begin at "<"; the last may be cut short
                data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                _count(sheet, data)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise InputError([Problem(shown, f"a readable CSV or XLSX file ({error})")]) from None
    except NotImplementedError as error:  # a compression method zipfile lacks
        raise InputError([Problem(shown, f"a readable CSV or XLSX file ({error})")]) from None
    _count(sheet, tail)
    return sheet


def _count(sheet: _Sheet, data: bytes) -> None:
    sheet.rows += len(_ROW.findall(data))
    sheet.last_row = max([sheet.last_row, *map(int, _ROW_NUMBER.findall(data))])
    sheet.cells += len(_CELL.findall(data))
    refs = _CELL_REF.findall(data)
    sheet.referenced += len(refs)
    if refs:
        sheet.last_column = max(sheet.last_column, *map(_column_number, set(refs)))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _bounded(sheet: _Sheet, name: str, shown: str) -> tuple[int, int]:
    rows, columns = sheet.height(), sheet.width()
    if rows > MAX_XLSX_ROWS:
        limit = f"at most {MAX_XLSX_ROWS:,} rows in a sheet"
        raise InputError([past(shown, limit, f"{rows:,} rows in {name}")])
    if columns > MAX_COLUMNS:
        limit = f"at most {MAX_COLUMNS:,} columns"
        raise InputError([past(shown, limit, f"{columns:,} columns in {name}")])
    if rows * columns > MAX_XLSX_CELLS:
        limit = f"at most {MAX_XLSX_CELLS:,} cells (rows x columns) in a sheet"
        raise InputError([past(shown, limit, f"{rows:,} x {columns:,} in {name}")])
    return rows, columns
