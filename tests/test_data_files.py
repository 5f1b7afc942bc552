"""indicators.xlsx and indicators.meta.csv for the hand-worked TINY organisation, without
building a report (the demo's, beside a built report, are checked in test_publishing)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import make_tiny, make_tiny_wdes

from wres_helpers.compute import table
from wres_helpers.inputs import scaffold
from wres_helpers.report import ReportData
from wres_helpers.report.notes import data_notes
from wres_helpers.standards import WDES, WRES

AS_OF = dt.date(2019, 10, 17)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> ReportData:
    """TINY's report data, built once: the tests only read it."""
    root = tmp_path_factory.mktemp("tiny")
    make_tiny(root / "data")
    scaffold.new("TINY", 2019, root / "params", data_root=str(root / "data"), name="T")
    return ReportData.build("TINY", 2019, root / "params", standard=WRES)


def header(report: ReportData) -> list[str]:
    return table.to_csv(report.table).splitlines()[0].split(",")


def test_the_workbook_has_no_date_but_the_as_of_date(report):
    data = table.xlsx_bytes(
        table.to_csv(report.table), data_notes(report, "d" * 64), AS_OF, standard=WRES
    )
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert {i.date_time for i in book.infolist()} == {(2019, 10, 17, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert core.count("2019-10-17T00:00:00Z") == 2  # created and modified
    # Another as-of date, and every date in the file moves with it (none is the clock's).
    later = dt.date(2021, 2, 3)
    other = table.xlsx_bytes(
        table.to_csv(report.table), data_notes(report, "d" * 64), later, standard=WRES
    )
    with zipfile.ZipFile(io.BytesIO(other)) as book:
        assert {i.date_time for i in book.infolist()} == {(2021, 2, 3, 0, 0, 0)}
        assert book.read("docProps/core.xml").decode().count("2021-02-03T00:00:00Z") == 2


def notes_of(report: ReportData) -> dict[str, str]:
    data = table.xlsx_bytes(
        table.to_csv(report.table), data_notes(report, "d" * 64), AS_OF, standard=report.standard
    )
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=1, dtype=str)
    return dict(zip(sheets["Notes"]["Note"], sheets["Notes"]["Detail"], strict=True))


def test_each_standards_workbook_notes_name_its_own_files(report, tmp_path):
    """The WDES workbook's Notes name indicators-wdes.csv and the files the WDES reads
    (capability, voices), never the WRES's indicators.csv or its disciplinary and training
    files."""
    wres = notes_of(report)
    assert wres["Columns"] == (
        "indicators.meta.csv describes every column (the same as indicators.csv)."
    )
    assert "disciplinary" in wres["Source"] and "capability" not in wres["Source"]
    make_tiny_wdes(tmp_path / "data")
    scaffold.new("TINYD", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="D")
    wdes = notes_of(ReportData.build("TINYD", 2019, tmp_path / "params", standard=WDES))
    assert wdes["Columns"] == (
        "indicators-wdes.meta.csv describes every column (the same as indicators-wdes.csv)."
    )
    assert "capability" in wdes["Source"] and "voices" in wdes["Source"]
    assert "disciplinary" not in wdes["Source"] and "training" not in wdes["Source"]


def test_the_workbook_reads_back_as_the_csv(report, tmp_path):
    path = tmp_path / "indicators.xlsx"
    path.write_bytes(
        table.xlsx_bytes(
            table.to_csv(report.table), data_notes(report, "d" * 64), AS_OF, standard=WRES
        )
    )
    csv = pd.read_csv(io.StringIO(table.to_csv(report.table)), dtype=str, keep_default_na=False)
    sheets = table.read_xlsx(path)
    assert list(sheets) == ["Notes"] + [f"Indicator {n}" for n in range(1, 10)]
    assert sheets["Indicator 6"].empty and list(sheets["Indicator 6"].columns) == header(report)
    both = pd.concat([sheets[f"Indicator {n}"] for n in range(1, 10)], ignore_index=True)
    # indicators.csv lists the trend years first, the workbook one indicator after another
    csv = csv.sort_values(["indicator"], key=lambda s: s.astype(int), kind="stable")
    pd.testing.assert_frame_equal(both, csv.reset_index(drop=True), check_dtype=False)
    # hand-worked (tests/HAND-WORKED.md, indicator 4): White 20 of 40 shown; BME 4 of 10 is
    # a count of 1-7, so the workbook hides it as indicators.csv does
    four = sheets["Indicator 4"]
    mine = four[(four["year"] == "2019") & (four["measure"] == "percent")]
    assert mine[["group", "numerator", "denominator", "value"]].values.tolist() == [
        ["White", "20", "40", "50"],
        ["BME", "", "", ""],
    ]
    assert mine["suppression"].tolist()[1].startswith("small numbers")
    notes = dict(zip(sheets["Notes"]["Note"], sheets["Notes"]["Detail"], strict=True))
    assert notes["Synthetic data"] == "no"
    assert notes["Figures as of"] == report.report_date.isoformat()


def test_the_dictionary_names_every_column_in_order(report):
    columns = table.published_columns(report.table)
    meta = pd.read_csv(
        io.StringIO(table.meta_csv(columns, standard=WRES)), dtype=str, keep_default_na=False
    )
    assert meta["name"].tolist() == header(report)
    with pytest.raises(KeyError, match="no data-dictionary entry"):
        table.meta_csv([*columns, "new_column"], standard=WRES)


def test_the_method_text_names_each_standards_own_manifest(report, tmp_path):
    """The appendix tells readers to run `sha256sum` on the manifest beside the report: the
    WDES's is inputs-wdes.sha256."""
    from wres_helpers.sections.provenance import digest_text

    assert "`sha256sum inputs.sha256`" in digest_text(report)
    make_tiny_wdes(tmp_path / "data")
    scaffold.new("TINYD", 2019, tmp_path / "params", data_root=str(tmp_path / "data"), name="D")
    wdes = ReportData.build("TINYD", 2019, tmp_path / "params", standard=WDES)
    assert "`sha256sum inputs-wdes.sha256`" in digest_text(wdes)
    assert "inputs.sha256" not in digest_text(wdes)


# --- no cell starts a formula from data (issue 21, item 9) -------------------------------------

FORMULAS = ["=HYPERLINK(0)", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\r=1"]


def test_a_name_starting_with_a_formula_is_text_in_the_workbook(report, tmp_path):
    from openpyxl import load_workbook

    notes = [("Organisation", '=HYPERLINK("https://example.org","x") (TINY)')]
    notes += [(f"Note {i}", value) for i, value in enumerate(FORMULAS)]
    frame = report.table.copy()
    frame.loc[frame.index[0], "interpretation"] = "=1+1"
    path = tmp_path / "indicators.xlsx"
    path.write_bytes(table.xlsx_bytes(table.to_csv(frame), notes, AS_OF, standard=WRES))
    book = load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type in ("s", "n") for c in cells)  # text or a number: no formula
    shown = {c.value for c in book[table.NOTES_SHEET]["B"]}
    assert '=HYPERLINK("https://example.org","x") (TINY)' in shown
    # the indicators' sheets hold indicators.csv's text, made safe there: an apostrophe first
    assert "'=1+1" in {c.value for sheet in book for row in sheet.iter_rows() for c in row}
    # numbers stay numbers, negative ones too
    numbers = [c for c in cells if c.data_type == "n"]
    assert numbers and all(isinstance(c.value, int | float) for c in numbers)


def test_csv_text_cells_that_start_a_formula_get_an_apostrophe_and_numbers_do_not(report):
    """(A carriage return becomes a quoted line feed: bare, it would start a row.)"""
    frame = report.table.head(len(FORMULAS) + 1).copy()
    frame["interpretation"] = [*FORMULAS, "plain - text"]
    frame["value"] = -2.5  # a negative number, e.g. a difference in points
    frame["numerator"] = pd.array([-1] * len(frame), dtype="Int64")
    rows = [SimpleNamespace(**r) for r in csv.DictReader(io.StringIO(table.to_csv(frame)))]
    assert [r.interpretation for r in rows] == [
        "'=HYPERLINK(0)", "'+1+1", "'-1+1", "'@SUM(A1)", "'\tx", "'\n=1", "plain - text"
    ]  # fmt: skip
    assert {r.value for r in rows} == {"-2.5"}
    assert {r.numerator for r in rows} == {"-1"}


def test_national_csv_cells_are_made_safe_by_the_same_rule():
    """national.csv is written through the same rule: an organisation folder named as a
    formula is text; a negative change is a number."""
    frame = pd.DataFrame({"org": ["=HYPERLINK(0)", "ECCH"], "change": [-0.25, 0.5]})
    out = table.safe_cells(frame)
    assert list(out["org"]) == ["'=HYPERLINK(0)", "ECCH"]
    assert list(out["change"]) == [-0.25, 0.5]


# --- the workbook's rows are written as openpyxl writes them (issue 18 item 11) ----------------


def openpyxls_own(frame: pd.DataFrame, notes, as_of: dt.date) -> bytes:
    """The workbook xlsx_bytes makes, made cell by cell with openpyxl's ordinary API (as
    xlsx_bytes did before it wrote the rows as text): the reference its bytes are held to."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    text = pd.read_csv(io.StringIO(table.to_csv(frame)), dtype=str, keep_default_na=False)
    numeric = [WRES_KINDS.get(c) in ("integer", "number") for c in text.columns]
    book = Workbook()
    book.properties.created = book.properties.modified = dt.datetime(2019, 10, 17)
    book.properties.creator = "wres_helpers"
    sheets = [(book.worksheets[0], "Notes on these figures", ["Note", "Detail"], notes)]
    sheets[0][0].title = table.NOTES_SHEET
    for ind in WRES.indicators:
        found = text[text["indicator"] == ind.id].to_numpy().tolist()
        why = "Blank cells: see the Notes sheet." if found else "No figures: data not supplied."
        rows = [[table._cell(v, n) for v, n in zip(r, numeric, strict=True)] for r in found]
        title = f"{WRES.called(ind.id)}: {ind.title}. {why}"
        sheets.append((book.create_sheet(WRES.called(ind.id)), title, list(text.columns), rows))
    for sheet, title, header, rows in sheets:
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(header)
        for values in rows:
            sheet.append(list(values))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A3"
    book[table.NOTES_SHEET].column_dimensions["A"].width = 28
    book[table.NOTES_SHEET].column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    ExcelWriter(book, SheetFilesDated(buffer, as_of)).save()
    return buffer.getvalue()


class SheetFilesDated(table._FixedTimeZip):
    """openpyxl's own writer adds each sheet from a temporary file: dated as the rest."""

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as sheet:
            self.writestr(arcname, sheet.read())


WRES_KINDS = {c: kind for c, (kind, _, _) in table.dictionary(WRES).items()}
AWKWARD = [
    "=1+1", " leading", "trailing ", "a\r\nb", "x\ry", "<&>\"']]>", "—é€😀", "\t=x", "  ",
    "a\nb", "&#13;",
]  # fmt: skip


def test_the_workbook_is_byte_for_byte_openpyxls_own(report):
    """Text that needs escaping, spaces at either end, carriage returns, characters beyond
    ASCII, an empty note, numbers negative, large and recurring: the same bytes as openpyxl
    writes cell by cell, so the same sheets, cells, types, styles, widths and panes."""
    frame = report.table.copy()
    for i, text in enumerate(AWKWARD):
        frame.loc[frame.index[i], ["interpretation", "note"]] = text
    frame.loc[frame.index[:3], "value"] = [-2.5, 1e20, 1 / 3]
    notes = data_notes(report, "d" * 64) + [(f"Note {i}", t) for i, t in enumerate(AWKWARD)]
    notes += [("Empty", ""), ("Long", "y" * 40_000)]  # cut at 32,767 characters, as openpyxl does
    made = table.xlsx_bytes(table.to_csv(frame), notes, AS_OF, standard=WRES)
    assert made == openpyxls_own(frame, notes, AS_OF)
    book = pd.read_excel(io.BytesIO(made), sheet_name=None, header=1, dtype=str)
    assert len(book["Notes"]["Detail"].iloc[-1]) == 32_767
    assert book["Indicator 1"]["interpretation"].tolist()[:2] == ["'=1+1", " leading"]


def test_a_character_no_worksheet_holds_is_refused_as_openpyxl_refuses_it(report):
    from openpyxl.utils.exceptions import IllegalCharacterError

    with pytest.raises(IllegalCharacterError):
        table.xlsx_bytes(table.to_csv(report.table), [("Note", "bell \x07")], AS_OF, standard=WRES)
