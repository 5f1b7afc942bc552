"""The action plan: CSV or XLSX, validated like the data, overdue actions flagged."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from wres_helpers.errors import InputError
from wres_helpers.inputs.actions import load_actions, not_smart, review
from wres_helpers.report import ReportData
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["action", "indicators", "lead", "start", "due", "status", "progress"]
GOOD = [
    ["Diverse interview panels", "2", "Head of Recruitment", "2019-04-01", "2019-09-30", "Red", ""],
    ["Second-manager review", "3", "Head of HR", "01/04/2019", "30/06/2019", "done", "In place"],
    ["Career conversations", "1; 7", "Director of Workforce", "", "31 March 2020", "a", ""],
]
REPORT_DATE = dt.date(2019, 10, 17)


def write_csv(folder: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    path = folder / "action-plan.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def write_xlsx(folder: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    path = folder / "action-plan.xlsx"
    book.save(path)
    return path


def test_csv_is_read_and_normalised(tmp_path):
    write_csv(tmp_path, GOOD)
    plan = load_actions(tmp_path, REPORT_DATE, standard=WRES)
    assert list(plan["status"]) == ["Red", "Complete", "Amber"]
    assert list(plan["indicators"]) == [("2",), ("3",), ("1", "7")]
    assert list(plan["due"]) == [dt.date(2019, 9, 30), dt.date(2019, 6, 30), dt.date(2020, 3, 31)]
    assert plan["start"].iloc[2] == ""
    # overdue: due before the report date and not complete
    assert list(plan["overdue"]) == [True, False, False]


def test_xlsx_with_real_date_cells_reads_the_same(tmp_path):
    rows = [
        ["Diverse interview panels", 2, "Head of Recruitment", dt.datetime(2019, 4, 1),
         dt.datetime(2019, 9, 30), "Red", None],
        ["Second-manager review", 3, "Head of HR", dt.date(2019, 4, 1), "30/06/2019",
         "Complete", "In place"],
        ["Career conversations", "1, 7", "Director of Workforce", None,
         dt.datetime(2020, 3, 31), "Amber", None],
    ]  # fmt: skip
    write_xlsx(tmp_path, rows)
    plan = load_actions(tmp_path, REPORT_DATE, standard=WRES)
    (tmp_path / "csv").mkdir()
    write_csv(tmp_path / "csv", GOOD)
    expected = load_actions(tmp_path / "csv", REPORT_DATE, standard=WRES)
    columns = ["indicators", "start", "due", "status", "overdue"]
    assert plan[columns].equals(expected[columns])


def test_demo_plan_overdue_at_board_date():
    plan = load_actions(ROOT / "params" / "ECCH" / "2019", REPORT_DATE, standard=WRES)
    assert len(plan) == 7
    overdue = plan.loc[plan["overdue"], "action"].str[:30].tolist()
    assert overdue == [
        "Diverse interview panel for ev",  # Red, due 30 September 2019
        "Listening events for BME staff",  # Amber, due 31 August 2019
    ]  # the complete action due in June is not overdue


def test_no_plan_yet_is_an_empty_plan(tmp_path):
    assert load_actions(tmp_path, REPORT_DATE, standard=WRES).empty


def broken(row: int, column: str, value: str) -> list[list]:
    rows = [list(r) for r in GOOD]
    rows[row - 2][HEADER.index(column)] = value
    return rows


@pytest.mark.parametrize(
    "row, column, value, expected",
    [
        (2, "status", "Purple", "a status: Red, Amber, Green or Complete"),
        (3, "due", "31/02/2019", "a date such as 2019-06-30"),
        (4, "start", "next spring", "a date such as 2019-06-30 or 30/06/2019, or blank"),
        (2, "indicators", "10", "indicator numbers 1-9"),
        (3, "indicators", "2, 10", "indicator numbers 1-9"),
        (4, "lead", "", "some text (not blank)"),
        (2, "due", "2019-03-01", "a due date on or after the start date"),  # start 2019-04-01
    ],
)
@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_bad_value_named_by_file_row_column_value(tmp_path, writer, row, column, value, expected):
    path = writer(tmp_path, broken(row, column, value))
    with pytest.raises(InputError) as caught:
        load_actions(tmp_path, REPORT_DATE, standard=WRES)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.row, problem.column) == (path.name, row, column)
    assert problem.value == value
    assert expected in problem.expected
    assert str(problem).startswith(f"{problem.file}, row {row}, column '{column}': found ")


def test_missing_column_named(tmp_path):
    header = [c for c in HEADER if c != "lead"]
    write_csv(tmp_path, [r[:2] + r[3:] for r in GOOD], header)
    with pytest.raises(InputError) as caught:
        load_actions(tmp_path, REPORT_DATE, standard=WRES)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (1, "lead")
    assert "a required column named 'lead'" in str(problem)


def test_every_bad_cell_reported_at_once(tmp_path):
    rows = broken(2, "status", "Purple")
    rows[1][HEADER.index("indicators")] = "0"
    write_csv(tmp_path, rows)
    with pytest.raises(InputError) as caught:
        load_actions(tmp_path, REPORT_DATE, standard=WRES)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, "status"),
        (3, "indicators"),
    ]


def test_csv_and_xlsx_together_refused(tmp_path):
    write_csv(tmp_path, GOOD)
    write_xlsx(tmp_path, GOOD)
    with pytest.raises(InputError, match="one file for the action-plan table"):
        load_actions(tmp_path, REPORT_DATE, standard=WRES)


def test_a_wdes_plan_takes_metric_ids_as_printed_or_as_filed(tmp_path):
    """'4a(ii)' as the report prints it, '4a_iii' as its commentary file is named."""
    from wres_helpers.standards import WDES

    row = ["Managers' training", "4a(ii), 4a_iii; 7", "Director", "", "2020-03-31", "Red", ""]
    write_csv(tmp_path, [row, [*row[:1], "4a(iv)", *row[2:]]])
    with pytest.raises(InputError) as caught:
        load_actions(tmp_path, REPORT_DATE, WDES)
    [problem] = caught.value.problems
    assert str(problem) == (
        f"{tmp_path / 'action-plan.csv'}, row 3, column 'indicators': found '4a(iv)'; expected "
        "metric numbers 1, 2, 3, 4a(i), 4a(ii), 4a(iii), 4b, 5, 6, 7, 8, 9a, 9b, 10, "
        "e.g. '2' or '2, 3'"
    )
    write_csv(tmp_path, [row])
    assert load_actions(tmp_path, REPORT_DATE, WDES)["indicators"].tolist() == [
        ("4a_ii", "4a_iii", "7")
    ]


# --- SMART actions and last year's plan reviewed ---------------------------------------------

SMART = ["action", "indicators", "baseline", "target", "measure", "lead", "due", "status"]


def test_smart_columns_are_read_and_a_missing_target_is_named_by_row(tmp_path):
    path = write_csv(
        tmp_path,
        [
            ["Diverse panels", "2", "RL 1.17 (2018)", "RL inside the range by 2021",
             "Indicator 2's RL", "Head of Recruitment", "2019-09-30", "Red"],
            ["Second-manager review", "3", "", " ", "", "Head of HR", "2019-06-30", "Complete"],
        ],
        SMART,
    )  # fmt: skip
    plan = load_actions(tmp_path, REPORT_DATE, standard=WRES)
    assert list(plan["target"]) == ["RL inside the range by 2021", ""]
    assert list(plan["row"]) == [2, 3]
    assert not_smart(plan) == [f"{path}, row 3: the action 'Second-manager review' has no target"]


def test_a_plan_without_the_smart_columns_reads_and_lacks_every_target(tmp_path):
    write_csv(tmp_path, GOOD)  # last year's layout
    plan = load_actions(tmp_path, REPORT_DATE, standard=WRES)
    assert list(plan["baseline"]) == ["", "", ""]
    assert [m.split(": ", 1)[1] for m in not_smart(plan)] == [
        "the action 'Diverse interview panels' has no target",
        "the action 'Second-manager review' has no target",
        "the action 'Career conversations' has no target",
    ]


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_last_years_actions_reviewed_against_this_years(tmp_path, writer):
    """Carried forward when this year's plan has the same words (case, spacing and a final
    full stop aside); otherwise closed, complete or not, as last year's status says."""
    last_year, this_year = tmp_path / "2018", tmp_path / "2019"
    last_year.mkdir()
    this_year.mkdir()
    writer(last_year, GOOD)  # Red, Complete, Amber
    writer(
        this_year,
        [["Career  CONVERSATIONS.", "1", "Director of Workforce", "", "2020-03-31", "Amber", ""]],
    )
    reviewed = review(
        load_actions(last_year, REPORT_DATE, standard=WRES),
        load_actions(this_year, REPORT_DATE, standard=WRES),
    )
    assert list(reviewed["outcome"]) == [
        "Closed: not complete",  # Red, not in this year's plan
        "Closed: complete",
        "Carried forward",
    ]
    assert list(reviewed["progress"]) == ["", "In place", ""]  # the evidence, as recorded
    assert review(load_actions(tmp_path / "none", REPORT_DATE, standard=WRES), reviewed).empty


def test_the_report_reviews_last_years_plan_and_a_final_needs_every_target(tmp_path):
    """ReportData reads params/<ORG>/<YEAR-1>/action-plan.csv; an action without a target
    keeps the report a draft."""
    root = tmp_path / "params"
    shutil.copytree(ROOT / "params" / "ECCH" / "2019", root / "ECCH" / "2019")
    (root / "ECCH" / "2018").mkdir()
    write_csv(root / "ECCH" / "2018", GOOD)
    (tmp_path / "data").symlink_to(ROOT / "data")  # data_root is beside params/
    report = ReportData.build("ECCH", 2019, root, standard=WRES)
    assert list(report.review["action"]) == [r[0] for r in GOOD]
    assert report.missing_for_final() == []
    plan = root / "ECCH" / "2019" / "action-plan.csv"
    # the second-manager review (row 6) loses its target
    target = ",Relative likelihood inside the non-adverse range (0.80 to 1.25),Indicator 3"
    text = plan.read_text()
    assert target in text
    plan.write_text(text.replace(target, ",,Indicator 3", 1))
    missing = report.with_words_from(root / "ECCH" / "2019").missing_for_final()
    assert missing == [
        f"{plan}, row 6: the action 'Second-manager review before any formal disciplin…' "
        "has no target"
    ]
