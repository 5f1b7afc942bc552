"""The published figures as data files: `indicators.csv` (tidy, one row per figure), its data
dictionary `indicators.meta.csv`, and `indicators.xlsx` (a Notes sheet and one sheet per
indicator, for readers who open a spreadsheet)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd

from ..standards.registry import ALL, Standard
from .indicators import COLUMNS, MEASURES

# A spreadsheet takes a cell starting with one of these as a formula (tab and carriage return
# can hide one): such a text cell is written with an apostrophe before it, as spreadsheets
# themselves mark text, so it opens as the text it is. Numbers are never changed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """A text cell that no spreadsheet reads as a formula: `'` before a formula's start. A
    carriage return inside becomes a line feed, which the CSV writer quotes (a bare one is
    not quoted, and a spreadsheet would start a new row at it)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `safe_text` applied to every text column (numeric columns as they are)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(
            out[column]
        ):
            out[column] = out[column].map(safe_text)
    return out


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text: blanks for undefined or suppressed figures, six significant digits, text
    cells made safe for spreadsheets (`safe_text`)."""
    extra = [c for c in frame.columns if c not in COLUMNS]  # e.g. `synthetic`, kept last
    out = frame.reindex(columns=COLUMNS + extra).copy()
    out["small_numbers"] = out["small_numbers"].map({True: "yes", False: "no"}).fillna("")
    out = safe_cells(out)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, float_format="%.6g", lineterminator="\n")
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    Path(path).write_text(to_csv(frame), encoding="utf-8")


def read_csv(path: Path) -> pd.DataFrame:
    """Read an indicators.csv back (for comparisons across organisations and years)."""
    frame = pd.read_csv(path, keep_default_na=False, na_values={"value": [""]}, dtype=str)
    for column in ("value", "ci_low", "ci_high", "range_low", "range_high"):
        # A file written before ranges were published has no range columns: none is ranged.
        text = frame[column] if column in frame else pd.Series("", index=frame.index)
        frame[column] = pd.to_numeric(text.replace("", None), errors="coerce")
    for column in ("numerator", "denominator"):
        numbers = pd.to_numeric(frame[column].replace("", None))
        frame[column] = pd.array(numbers.to_numpy(), dtype="Int64")
    frame["indicator"] = frame["indicator"].astype(str)  # ids: "3", or the WDES's "4a_i"
    frame["year"] = frame["year"].astype(int)
    frame["small_numbers"] = (
        frame["small_numbers"].map({"yes": True, "no": False}).astype("boolean")
    )
    return frame


# --- the data dictionary (indicators.meta.csv) ------------------------------------------------

META_COLUMNS = ["name", "type", "meaning", "allowed_values"]


def _breakdowns(standard: Standard) -> str:
    """Each indicator's breakdown labels, from the registry."""
    parts = [ind.kind.breakdowns(ind, standard) for ind in standard.indicators]
    parts = [p for p in parts if p]
    return "; ".join(parts) + f"; otherwise '{ALL}'"


def dictionary(standard: Standard) -> dict[str, tuple[str, str, str]]:
    """Each published column: its type, meaning and allowed values, in this standard's terms."""
    names = [g.name for g in standard.groups]
    return {
        "indicator": ("text", f"the {standard.code} {standard.term} id", ", ".join(standard.ids)),
        "measure": ("text", "what the value measures", ", ".join(MEASURES)),
        "breakdown": (
            "text",
            "the part of the organisation or the variant the row is for",
            _breakdowns(standard),
        ),
        "group": (
            "text",
            f"the {standard.adjective} group the row is for; blank on a relative likelihood row",
            f"{', '.join(names)} or blank",
        ),
        "numerator": (
            "integer",
            "the count behind the value (staff, appointments, cases, positive answers)",
            "0 or more; blank when undefined or suppressed",
        ),
        "denominator": (
            "integer",
            "the base the numerator is counted out of",
            "0 or more; blank when undefined or suppressed",
        ),
        "value": (
            "number",
            "the figure: a percentage as 0-100, a relative likelihood as a ratio, a difference "
            "in percentage points",
            "a number (six significant digits); blank when undefined or suppressed",
        ),
        "ci_low": ("number", "the lower end of the interval around value", "a number or blank"),
        "ci_high": ("number", "the upper end of the interval around value", "a number or blank"),
        "range_low": (
            "number",
            "a relative likelihood resting on a hidden count: the lowest value it can take, "
            "whatever the hidden count (1 to the suppression limit), rounded down",
            "a number; blank when value is shown or the figure is withheld",
        ),
        "range_high": (
            "number",
            "the highest value such a relative likelihood can take, rounded up",
            "a number; blank when value is shown or the figure is withheld",
        ),
        "suppression": (
            "text",
            "why the value and counts are hidden (disclosure control)",
            "blank when shown, else the reason",
        ),
        "org": ("text", "the organisation's code", "2-12 capital letters or digits"),
        "year": ("integer", "the reporting year", "a four-digit year"),
        "favours": (
            "text",
            "the group a relative likelihood favours",
            f"{', '.join(names[:2])}, neither or blank",
        ),
        "non_adverse": (
            "text",
            "whether a relative likelihood is inside the non-adverse range",
            "inside, outside or blank",
        ),
        "small_numbers": (
            "text",
            "whether a relative likelihood rests on few events",
            "yes, no or blank",
        ),
        "interpretation": ("text", "the figure in words", "free text"),
        "note": ("text", "why a figure is undefined", "free text or blank"),
        "synthetic": (
            "text",
            "whether the row comes from the synthetic demonstration data",
            "yes or no",
        ),
        "source": (
            "text",
            "where the row's figures come from: computed by this tool from the organisation's "
            "data files (and suppressed here), or the organisation's own published figures, "
            "shown as it published them",
            "data files or published figures",
        ),
    }


def meta_csv(columns: list[str], standard: Standard) -> str:
    """The data dictionary of an indicators.csv with these columns, in their order."""
    described = dictionary(standard)
    unknown = [c for c in columns if c not in described]
    if unknown:  # a new column must be described before it is published
        raise KeyError(f"no data-dictionary entry for column(s) {unknown}")
    rows = [[c, *described[c]] for c in columns]
    frame = pd.DataFrame(rows, columns=META_COLUMNS)
    return frame.to_csv(index=False, lineterminator="\n")


def published_columns(frame: pd.DataFrame) -> list[str]:
    return COLUMNS + [c for c in frame.columns if c not in COLUMNS]


# --- the workbook (indicators.xlsx) ------------------------------------------------------------

NOTES_SHEET = "Notes"


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry one date: openpyxl stamps each with the clock."""

    def __init__(self, file, when: dt.date):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.date_time = (max(when.year, 1980), when.month, when.day, 0, 0, 0)

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, self.date_time)
            name.compress_type = zipfile.ZIP_DEFLATED
            name.external_attr = 0o644 << 16
        super().writestr(name, data, compress_type, compresslevel)


def xlsx_bytes(csv: str, notes: list[tuple[str, str]], as_of: dt.date, standard: Standard) -> bytes:
    """indicators.xlsx: a Notes sheet, then one sheet per indicator holding exactly the rows and
    values of indicators.csv, whose text is `csv` (`to_csv`'s) (title in A1, the header in row
    2; only the header when the indicator's data was not supplied). The same input gives the same
    bytes: the workbook's dates and every zip member's date are the as-of date.

    The titles and headers are openpyxl's cells; the rows below them are written as openpyxl
    would write them, byte for byte, without a cell object each (`workbook.BookWriter`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .workbook import BookWriter

    text = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    when = dt.datetime(as_of.year, as_of.month, as_of.day)
    book = Workbook()
    book.properties.created = book.properties.modified = when
    book.properties.creator = "wres_helpers"
    below: dict[str, list[list]] = {}  # each sheet's rows below its header
    notes_sheet = book.worksheets[0]  # a new workbook's one sheet
    notes_sheet.title = NOTES_SHEET
    notes_sheet.append(["Notes on these figures"])
    notes_sheet["A1"].font = Font(bold=True, size=14)
    notes_sheet.append(["Note", "Detail"])
    below[NOTES_SHEET] = [list(row) for row in notes]
    _tidy(notes_sheet, widths={"A": 28, "B": 100})
    kinds = {c: kind for c, (kind, _, _) in dictionary(standard).items()}
    numeric = [kinds.get(c) in ("integer", "number") for c in text.columns]
    for ind in standard.indicators:
        rows = text[text["indicator"] == ind.id]
        sheet = book.create_sheet(standard.called(ind.id))
        why = "Blank cells: see the Notes sheet." if len(rows) else "No figures: data not supplied."
        sheet.append([f"{standard.called(ind.id)}: {ind.title}. {why}"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(list(text.columns))
        below[sheet.title] = [
            [_cell(v, num) for v, num in zip(record, numeric, strict=True)]
            for record in rows.to_numpy().tolist()
        ]
        _tidy(sheet, widths={})
    buffer = io.BytesIO()
    BookWriter(book, _FixedTimeZip(buffer, as_of), below).save()
    return buffer.getvalue()


def _cell(value: str, numeric: bool):
    if value == "":
        return None
    if numeric:
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    return value


def _tidy(sheet, widths: dict[str, int]) -> None:
    from openpyxl.styles import Font

    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A3"
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width


def read_xlsx(path: Path) -> dict[str, pd.DataFrame]:
    """Each sheet of an indicators.xlsx as text, as indicators.csv would read (for checks)."""
    sheets = pd.read_excel(path, sheet_name=None, header=1, dtype=str, keep_default_na=False)
    return sheets


# --- the return to NHS England (never published) ----------------------------------------------


def not_for_publication(standard: Standard) -> str:
    """The status every row of a return carries."""
    return (
        f"NOT FOR PUBLICATION: unsuppressed counts for NHS England's {standard.code} data "
        "collection"
    )


RETURN_COLUMNS = ["status", "org", "year_label", "year", "indicator", "indicator_title"] + [
    c
    for c in COLUMNS
    if c in ("measure", "breakdown", "group", "numerator", "denominator", "value")
]


def return_csv(computed: pd.DataFrame, org: str, year: int, standard: Standard) -> str:
    """The return to NHS England: the unsuppressed figures of the reporting year and the year
    before, in the terms of NHS England's summary table (indicator, 'Reporting year',
    'Previous year'), every row titled with its indicator's title in `standard` and marked
    as not for publication.

    Parameters
    ----------
    computed : DataFrame
        Every figure computed (before disclosure control), as `indicators.compute` gives.
    org, year : str, int
        The organisation and reporting year.
    standard : Standard
        The standard the figures were computed for (its ids and titles).

    Returns
    -------
    str
        The CSV text, columns `RETURN_COLUMNS`, reporting year first, then in report order.
    """
    labels = {year: f"Reporting year {year}", year - 1: f"Previous year {year - 1}"}
    rows = computed[(computed["org"] == org) & computed["year"].isin(labels)].copy()
    # Each indicator's kind says which of its rows NHS England collects.
    by_kind = [
        ind.kind.return_rows(rows[rows["indicator"] == ind.id], ind) for ind in standard.indicators
    ]
    rows = pd.concat(by_kind)
    order = rows["indicator"].map(standard.order).rename("order")
    rows = rows.assign(order=order).sort_values(
        ["year", "order"], ascending=[False, True], kind="stable"
    )
    rows["status"] = not_for_publication(standard)
    rows["year_label"] = rows["year"].map(labels)
    rows["indicator_title"] = rows["indicator"].map(standard.title)
    buffer = io.StringIO()
    rows[RETURN_COLUMNS].to_csv(buffer, index=False, float_format="%.6g", lineterminator="\n")
    return buffer.getvalue()
