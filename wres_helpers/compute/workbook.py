"""openpyxl's workbook writer, fed rows as text: what `table.xlsx_bytes` writes below each
sheet's title and header. openpyxl makes a cell object for each value and writes each through
its XML writer, which took a second for a report's ~50,000 cells; here a row is one string,
and the file is the same, byte for byte (tests/test_data_files.py compares it with openpyxl's
own). A module of its own, so only what writes a workbook imports openpyxl."""

from __future__ import annotations

import io

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import fromstring

MAX_TEXT = 32767  # openpyxl's limit (and Excel's): a longer string is cut there


def row_xml(number: int, values: list, letters: list[str]) -> str:
    """Row `number` as openpyxl writes it: a string an inline string (never a formula), a
    number a number; no cell for a blank (None). Raises as openpyxl would on a character no
    worksheet can hold, and on any other kind of value."""
    cells = []
    for letter, value in zip(letters, values, strict=False):
        if value is None:
            continue
        where = f"{letter}{number}"
        if isinstance(value, str):
            value = value[:MAX_TEXT]
            if ILLEGAL_CHARACTERS_RE.search(value):
                raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
            if not value:
                cells.append(f'<c r="{where}" t="inlineStr"/>')
                continue
            # A carriage return as a reference: bare, the parser would read it as a line feed.
            escaped = (
                value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\r", "&#13;")
            )
            space = ' xml:space="preserve"' if value != value.strip() else ""
            cells.append(f'<c r="{where}" t="inlineStr"><is><t{space}>{escaped}</t></is></c>')
        elif isinstance(value, int | float) and not isinstance(value, bool):
            cells.append(f'<c r="{where}" t="n"><v>{safe_string(value)}</v></c>')
        else:
            raise TypeError(f"a workbook cell holds text or a number, not {value!r}")
    return f'<row r="{number}">{"".join(cells)}</row>'


class SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, given `rows` to write below the sheet's own cells. They are
    made as text, read back into elements (`fromstring`) and handed to openpyxl's XML writer,
    which escapes and encodes them as it does its own cells."""

    def __init__(self, ws, rows: list[list]):
        self.more = rows
        self.first = ws.max_row + 1
        self.columns = max([ws.max_column, *map(len, rows)])
        super().__init__(ws, out=io.BytesIO())  # in memory: no temporary file

    def write_dimensions(self):
        last = self.first + len(self.more) - 1
        ref = f"A1:{get_column_letter(self.columns)}{last}"
        self.xf.send(SheetDimension(ref).to_tree())

    def write_rows(self):
        xf = self.xf.send(True)  # the stream hands over its XML writer
        assert xf is not None
        letters = [get_column_letter(i) for i in range(1, self.columns + 1)]
        with xf.element("sheetData"):
            for row_idx, row in self.rows():
                self.write_row(xf, row, row_idx)
            if self.more:
                text = "".join(
                    row_xml(i, values, letters) for i, values in enumerate(self.more, self.first)
                )
                parsed = fromstring(f"<sheetData>{text}</sheetData>".encode())
                for cell in parsed.iter("c"):
                    if not len(cell):  # an empty string: openpyxl writes <c …></c>, not <c …/>
                        cell.text = ""
                for element in parsed:
                    xf.write(element)
        self.xf.send(None)


class BookWriter(ExcelWriter):
    """openpyxl's workbook writer, each sheet written by `SheetWriter` with the rows given
    for it by title (`rows`)."""

    def __init__(self, book, archive, rows: dict[str, list[list]]):
        super().__init__(book, archive)
        self.more = rows

    def write_worksheet(self, ws):
        # ExcelWriter.write_worksheet's steps (openpyxl 3.1.5), with SheetWriter
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = SheetWriter(ws, self.more.get(ws.title, []))
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]  # set in __init__; no stub has it
        archive = self._archive  # type: ignore[attr-defined]  # the same
        archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)
