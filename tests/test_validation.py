"""Input validation: every kind of problem the data contract lists, located as the analyst
sees it in a spreadsheet (file, row with header = row 1, column, value, what was expected).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_tiny
from openpyxl import Workbook

from wres_helpers.compute import indicators
from wres_helpers.errors import InputError
from wres_helpers.inputs import load
from wres_helpers.standards import WRES

ORG_YEAR = "ORG/2019"
WF_HEADER = "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"
SURVEY_HEADER = "indicator,group,respondents,positive\n"

ETHNIC_EXPECTED = (
    "an NHS ethnic category: a letter (A-H, J-N, P, R, S, Z), a national code such as 'C2' "
    "or 'PC', a letter and a digit such as 'C3', 99, X, a description such as "
    "'White - British' (alone or after its code), or blank; any other local code must be "
    "listed in the organisation's local-codes.yaml"
)
YES_NO_EXPECTED = "yes/no (yes, no, y, n, true, false, 1 or 0)"
COUNT_EXPECTED = "a whole number 0 or more"


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    """A data root that is also the working folder, so files show as ORG/2019/NAME.csv."""
    root = tmp_path / "data"
    (root / ORG_YEAR).mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


def write(root: Path, name: str, text: str | bytes, year: int = 2019) -> Path:
    path = root / "ORG" / str(year) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def problems(folder: str = ORG_YEAR, with_previous: bool = False) -> list:
    with pytest.raises(InputError) as caught:
        load.load_folder(Path(folder), with_previous=with_previous, standard=WRES)
    return caught.value.problems


def where(problem) -> tuple:
    return (problem.file, problem.row, problem.column, problem.value)


def only(found: list):
    assert len(found) == 1, "\n".join(str(p) for p in found)
    return found[0]


def loads(folder: str = ORG_YEAR):
    return load.load_folder(Path(folder), with_previous=False, standard=WRES)


# --- workforce ------------------------------------------------------------------------------


def test_missing_required_column(data):
    write(data, "workforce.csv", "staff_id,ethnic_category,staff_group\nS1,A,Clinical\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 1, "pay_band", None)
    assert str(problem) == (
        "ORG/2019/workforce.csv, row 1, column 'pay_band': expected a required "
        "column named 'pay_band' (columns found: staff_id, ethnic_category, staff_group)"
    )


def test_unknown_ethnic_code(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\nS2,XX,Clinical,5,yes\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 3, "ethnic_category", "XX")
    assert problem.expected == ETHNIC_EXPECTED
    assert str(problem) == (
        f"ORG/2019/workforce.csv, row 3, column 'ethnic_category': found 'XX'; "
        f"expected {ETHNIC_EXPECTED}"
    )


def test_a_blank_line_keeps_later_row_numbers_right(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\n\nS2,White-ish,Clinical,5,yes\n")
    assert where(only(problems())) == ("ORG/2019/workforce.csv", 4, "ethnic_category", "White-ish")


def test_bad_staff_group(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Nursing,5,yes\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 2, "staff_group", "Nursing")
    assert problem.expected == (
        "one of Non-clinical, Clinical, Medical and dental, or an NHS staff group such as "
        "'Nursing and Midwifery Registered' or '08 Administrative and Clerical'"
    )


def test_bad_pay_band(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\nS2,A,Clinical,Band 10,yes\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 3, "pay_band", "Band 10")
    assert problem.expected == (
        "a pay band 1-7, 8a-8d, 9 or VSM (e.g. '5', 'Band 8A', 'Review Body Band 5'), or a "
        "medical grade: Consultant, Non-consultant career grade, Trainee grade, Other or a "
        "doctors' grade such as 'Specialty Registrar' (see docs/analyst-guide.md)"
    )


def test_medical_grade_for_a_non_medical_row(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,Consultant,yes\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 2, "pay_band", "Consultant")
    assert problem.expected == (
        "an Agenda for Change band (1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9, VSM) for Clinical "
        "and Non-clinical staff; medical grades are for Medical and dental staff"
    )


def test_agenda_for_change_band_for_a_medical_row(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Medical and dental,Band 5,yes\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 2, "pay_band", "Band 5")
    assert problem.expected == (
        "a medical grade (Consultant, Non-consultant career grade, Trainee grade, Other) "
        "for Medical and dental staff"
    )


def test_bad_yes_no(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,maybe\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 2, "non_mandatory_training", "maybe")
    assert problem.expected == YES_NO_EXPECTED


def test_one_person_on_two_rows_with_two_ethnicities_names_both_rows(data):
    # Two rows of one staff_id are one person (two assignments), so they must agree.
    rows = "S1,A,Clinical,5,yes\nS2,A,Clinical,5,yes\nS3,A,Clinical,5,no\nS2,H,Clinical,6,no\n"
    write(data, "workforce.csv", WF_HEADER + rows)
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 5, "ethnic_category", "H")
    assert problem.expected == (
        "the same ethnic category on every row of one person (row 3 has 'A' for this staff_id)"
    )


def test_blank_staff_id(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\n,A,Clinical,5,yes\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/workforce.csv", 3, "staff_id", "")
    assert problem.expected == "a staff identifier (not blank)"


def test_many_bad_values_in_one_column_are_summarised(data):
    rows = "".join(f"S{i},XX,Clinical,5,yes\n" for i in range(25))
    write(data, "workforce.csv", WF_HEADER + rows)
    found = problems()
    assert len(found) == 21
    assert [p.row for p in found[:20]] == list(range(2, 22))
    assert found[20].row is None and found[20].column == "ethnic_category"
    assert found[20].expected.endswith("(5 more rows like this not listed)")


# --- staff survey -----------------------------------------------------------------------------


def test_positive_larger_than_respondents(data):
    write(data, "staff_survey.csv", SURVEY_HEADER + "5,White,30,6\n5,BME,8,9\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/staff_survey.csv", 3, "positive", "9")
    assert problem.expected == "a number no larger than respondents (8)"


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("5,White,-3,0", "respondents", "-3"),
        ("5,White,30,-1", "positive", "-1"),
        ("5,White,ten,3", "respondents", "ten"),
        ("5,White,30,3.5", "positive", "3.5"),
        ("5,White,,3", "respondents", ""),
    ],
)
def test_negative_and_non_numeric_counts(data, row, column, value):
    write(data, "staff_survey.csv", SURVEY_HEADER + row + "\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/staff_survey.csv", 2, column, value)
    assert problem.expected == COUNT_EXPECTED


def test_bad_survey_indicator_and_group(data):
    write(data, "staff_survey.csv", SURVEY_HEADER + "9,White,30,6\n5,Asian,30,6\n")
    first, second = problems()
    assert where(first) == ("ORG/2019/staff_survey.csv", 2, "indicator", "9")
    assert first.expected == "a survey indicator: 5, 6, 7 or 8"
    assert where(second) == ("ORG/2019/staff_survey.csv", 3, "group", "Asian")
    assert second.expected == "White or BME"


def test_duplicate_survey_row(data):
    write(data, "staff_survey.csv", SURVEY_HEADER + "5,White,30,6\n5,BME,9,2\n5,white,31,7\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/staff_survey.csv", 4, "group", "white")
    assert problem.expected == (
        "one row per indicator and group (this indicator and group came before)"
    )


# --- files ------------------------------------------------------------------------------------


def test_binary_junk_named_xlsx(data):
    write(data, "board.xlsx", bytes(range(256)) * 4)
    problem = only(problems())
    assert where(problem) == ("ORG/2019/board.xlsx", None, None, None)
    assert problem.expected.startswith("a readable CSV or XLSX file (")
    assert "zip" in problem.expected


def test_ragged_csv(data):
    write(data, "recruitment.csv", "ethnic_category,appointed\nA,yes\n\nA,yes\nA,no,extra\n")
    problem = only(problems())
    assert problem.file == "ORG/2019/recruitment.csv"
    assert problem.row == 5  # the ragged row as a spreadsheet shows it (the blank line counts)
    assert problem.expected.startswith("a readable CSV or XLSX file (")
    assert "Expected 2 fields in line 5, saw 3" in problem.expected


def test_a_short_row_is_reported_as_blank_values(data):
    write(data, "recruitment.csv", "ethnic_category,appointed\nA,yes\nH\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/recruitment.csv", 3, "appointed", "")
    assert problem.expected == YES_NO_EXPECTED


def test_an_empty_file(data):
    write(data, "disciplinary.csv", "")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/disciplinary.csv", None, None, None)
    assert problem.expected == "a header row naming the columns (the file is empty)"


def test_a_column_given_twice(data):
    write(data, "disciplinary.csv", "ethnic_category, Ethnic_Category\nA,B\n")
    problem = only(problems())
    assert where(problem) == ("ORG/2019/disciplinary.csv", 1, "ethnic_category", "ethnic_category")
    assert problem.expected == "each column once"


def test_both_csv_and_xlsx_for_one_table(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\n")
    write_xlsx(data / ORG_YEAR / "workforce.xlsx", [WF_HEADER.strip().split(","), ["S1", "A"]])
    problem = only(problems())
    assert where(problem) == ("ORG/2019", None, None, None)
    assert problem.expected == (
        "one file for the workforce table, not workforce.csv and workforce.xlsx"
    )


def test_several_problems_in_several_files_are_reported_together(data):
    write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\nS1,Q,Clinical,5,yes\n")
    write(data, "staff_survey.csv", SURVEY_HEADER + "5,White,8,9\n")
    write(data, "board.csv", "voting,executive\nyes,no\n")
    write(data, "recruitment.csv", "ethnic_category,appointed\nA,perhaps\n", year=2018)
    with pytest.raises(InputError) as caught:
        load.load_folder(Path(ORG_YEAR), standard=WRES)  # the year before is read for indicator 3
    found = sorted(where(p) for p in caught.value.problems)
    assert found == [
        ("ORG/2018/recruitment.csv", 2, "appointed", "perhaps"),
        ("ORG/2019/board.csv", 1, "ethnic_category", None),
        ("ORG/2019/staff_survey.csv", 2, "positive", "9"),
        ("ORG/2019/workforce.csv", 3, "ethnic_category", "Q"),
    ]
    message = caught.value.message()
    assert message.startswith("4 problems in the input files:\n")
    assert len(message.splitlines()) == 5


def test_invalid_respondents_beside_a_valid_positive_is_reported_not_crashed(data):
    write(data, "staff_survey.csv", SURVEY_HEADER + "5,White,abc,5\n5,BME,-3,2\n6,BME,10,4\n")
    found = problems()
    assert [where(p) for p in found] == [
        ("ORG/2019/staff_survey.csv", 2, "respondents", "abc"),
        ("ORG/2019/staff_survey.csv", 3, "respondents", "-3"),
    ]


# --- what is accepted -------------------------------------------------------------------------


def test_bom_prefixed_utf8_csv_is_accepted(data):
    text = WF_HEADER + "S1,Black or Black British – African,Clinical,5,yes\n"
    write(data, "workforce.csv", text.encode("utf-8-sig"))
    workforce = loads().tables["workforce"]
    assert workforce["staff_id"].tolist() == ["S1"]
    assert workforce["ethnic_category"].tolist() == ["N"]


def test_windows_1252_csv_is_accepted(data):
    text = WF_HEADER + "S1,Black or Black British – African,Clinical,5,yes\n"
    write(data, "workforce.csv", text.encode("cp1252"))
    assert loads().tables["workforce"]["ethnic_category"].tolist() == ["N"]


def test_column_names_ignore_case_and_spaces_and_extra_columns(data):
    header = " Staff_ID ,ETHNIC_CATEGORY,Staff_Group ,  pay_band,Non_Mandatory_Training,Notes\n"
    write(data, "workforce.csv", header + "S1,a,clinical, band 8A ,Y,anything at all\n")
    workforce = loads().tables["workforce"]
    row = workforce.iloc[0]
    assert (row["staff_id"], row["ethnic_category"], row["group"]) == ("S1", "A", "White")
    assert (row["staff_group"], row["pay_band"], row["non_mandatory_training"]) == (
        "Clinical",
        "8a",
        True,
    )
    assert "notes" not in workforce.columns


YES = ["yes", "Yes", "YES", "y", "Y", "true", "True", "TRUE", "1", " yes "]
NO = ["no", "No", "NO", "n", "N", "false", "False", "FALSE", "0"]


def test_yes_no_in_every_accepted_spelling(data):
    rows = "".join(f"S{i},A,Clinical,5,{v}\n" for i, v in enumerate(YES + NO))
    write(data, "workforce.csv", WF_HEADER + rows)
    trained = loads().tables["workforce"]["non_mandatory_training"].tolist()
    assert trained == [True] * len(YES) + [False] * len(NO)


def test_blank_optional_column_is_accepted(data):
    write(
        data,
        "recruitment.csv",
        "ethnic_category,appointed,international_recruit\nA,yes,\nH,no,yes\n",
    )
    recruitment = loads().tables["recruitment"]
    assert recruitment["appointed"].tolist() == [True, False]


# --- CSV and XLSX alike -----------------------------------------------------------------------


def _as_xlsx(csv_path: Path, xlsx_path: Path, *, blank_row_after: int | None = None) -> None:
    """The same table as a workbook, typed as Excel would hold it: numbers as numbers."""
    rows = []
    for i, row in enumerate(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8")))):
        rows.append([int(c) if c.isdigit() else c for c in row])
        if i == blank_row_after:
            rows.append([None] * len(row))
    write_xlsx(xlsx_path, rows)


@pytest.mark.slow
def test_csv_and_xlsx_give_identical_indicators(tmp_path):
    csv_folder = make_tiny(tmp_path / "csv")
    for path in sorted((tmp_path / "csv").rglob("*.csv")):
        target = tmp_path / "xlsx" / path.relative_to(tmp_path / "csv")
        _as_xlsx(path, target.with_suffix(".xlsx"), blank_row_after=3)
    assert not list((tmp_path / "xlsx").rglob("*.csv"))
    from_csv = indicators.compute(load.load_folder(csv_folder, standard=WRES), standard=WRES)
    from_xlsx = indicators.compute(
        load.load_folder(tmp_path / "xlsx" / "TINY" / "2019", standard=WRES), standard=WRES
    )
    assert len(from_csv) > 90
    pd.testing.assert_frame_equal(from_csv, from_xlsx)


def test_xlsx_errors_give_the_spreadsheet_row(data):
    path = data / ORG_YEAR / "workforce.xlsx"
    write_xlsx(
        path,
        [
            WF_HEADER.strip().split(","),
            ["S1", "A", "Clinical", 5, True],
            [None, None, None, None, None],
            ["S2", "XX", "Clinical", 5, "yes"],
            ["S3", "A", "Clinical", 5, "maybe"],
        ],
    )
    assert [where(p) for p in problems()] == [
        ("ORG/2019/workforce.xlsx", 4, "ethnic_category", "XX"),
        ("ORG/2019/workforce.xlsx", 5, "non_mandatory_training", "maybe"),
    ]


def test_xlsx_booleans_and_numbers_are_read_as_typed(data):
    write_xlsx(
        data / ORG_YEAR / "workforce.xlsx",
        [
            [" Staff_ID", "Ethnic_Category", "staff_group", "pay_band", "non_mandatory_training"],
            [1001, "A", "Clinical", 5, True],
            [1002, 99, "Clinical", 5.0, False],
        ],
    )
    workforce = loads().tables["workforce"]
    assert workforce["staff_id"].tolist() == ["1001", "1002"]
    assert workforce["ethnic_category"].tolist() == ["A", "99"]
    assert workforce["pay_band"].tolist() == ["5", "5"]
    assert workforce["non_mandatory_training"].tolist() == [True, False]


# --- a file read again ------------------------------------------------------------------------


def test_an_edit_saved_straight_after_a_read_is_seen(data):
    """Checked files are reused by their bytes: an edit of the same size, saved within the
    same clock tick, still changes what is counted."""
    path = write(data, "workforce.csv", WF_HEADER + "S1,A,Clinical,5,yes\nS2,A,Clinical,5,no\n")
    stat = path.stat()
    assert loads().tables["workforce"]["group"].tolist() == ["White", "White"]
    path.write_text(WF_HEADER + "S1,A,Clinical,5,yes\nS2,H,Clinical,5,no\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and time
    assert loads().tables["workforce"]["group"].tolist() == ["White", "BME"]


def test_a_copy_of_a_bad_file_is_named_by_its_own_path(data):
    bad = WF_HEADER + "S1,XX,Clinical,5,yes\n"
    write(data, "workforce.csv", bad)
    write(data, "workforce.csv", bad, year=2020)
    assert only(problems()).file == "ORG/2019/workforce.csv"
    assert only(problems("ORG/2020")).file == "ORG/2020/workforce.csv"
