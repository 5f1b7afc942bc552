"""Reading a small CSV: the per-file shortcuts of inputs/read.py and inputs/columns.py give the
frame the rules ask for. Every figure below is counted by hand from the rows written here."""

from __future__ import annotations

from pathlib import Path

from wres_helpers.inputs import columns, read
from wres_helpers.inputs.schema import TABLES

# Six people; then five lines whose staff id merely *mentions* a total or *is* one. The total
# regex is run only where a cell holds "total" (any case): each of these holds it.
PEOPLE = [f"E{n},A,Clinical,Band 5" for n in range(1, 7)]
TOTALITY = "TOTALITY-7,A,Clinical,Band 5"  # a person: "total" is not a word of its own here
TOTALS = ["GRAND TOTAL,,,", "Sub-Total: ward 3,,,", "subtotals,,,", "Totals,,,"]


def write(folder: Path, lines: list[str]) -> Path:
    path = folder / "workforce.csv"
    header = "staff_id,ethnic_category,staff_group,pay_band"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_total_rows_in_an_id_column_are_found_in_any_case_and_a_mention_is_kept(tmp_path):
    path = write(tmp_path, [*PEOPLE[:3], TOTALITY, *PEOPLE[3:], *TOTALS])
    frame = read.read_table(path, keep=columns.wanted(TABLES["workforce"], None))
    # 3 + 1 + 3 people kept; the four total lines (spreadsheet rows 9-12) left out
    assert list(frame["staff_id"]) == ["E1", "E2", "E3", "TOTALITY-7", "E4", "E5", "E6"]
    assert list(frame[read.ROW]) == [2, 3, 4, 5, 6, 7, 8]
    assert frame.attrs["left_out"] == [("total rows (Total, Grand Total)", 4)]


def test_no_cell_saying_total_leaves_every_row_in(tmp_path):
    path = write(tmp_path, PEOPLE)
    frame = read.read_table(path, keep=columns.wanted(TABLES["workforce"], None))
    assert len(frame) == 6 and frame.attrs["left_out"] == []


def test_a_footer_line_is_found_across_coded_and_plain_columns(tmp_path):
    # 12 rows of three spellings: the coded columns are categoricals, staff_id is plain text
    path = write(tmp_path, [f"E{n},A,Clinical,Band 5" for n in range(12)] + ["End of report,,,"])
    frame = read.read_table(path, keep=columns.wanted(TABLES["workforce"], None))
    assert frame["ethnic_category"].dtype == "category" and frame["staff_id"].dtype != "category"
    assert len(frame) == 12
    assert frame.attrs["left_out"] == [("footer lines below the table", 1)]


def test_contract_headers_in_order_are_kept_as_read_and_others_renamed(tmp_path):
    table = TABLES["workforce"]
    path = write(tmp_path, PEOPLE[:2])
    raw = read.read_table(path, keep=columns.wanted(table, None))
    same, problems = columns.resolve(table, raw, None, "workforce.csv")
    assert not problems and same is raw  # nothing to rename or move: no second frame
    path.write_text("Employee Number,Ethnic Origin\nE1,A\n", encoding="utf-8")
    raw = read.read_table(path, keep=columns.wanted(table, None))
    renamed, _ = columns.resolve(table, raw, None, "workforce.csv")
    assert list(renamed.columns) == ["staff_id", "ethnic_category", read.ROW]
    assert renamed.attrs["found"] == ["employee number", "ethnic origin"]
