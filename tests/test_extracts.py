"""Real extracts, second round (issue 20): staff in post at the snapshot date (leavers,
starters, FTE 0, the Chair and non-executives), ESR BI reports saved as they come (title block,
merged cells, Grand Total, footer), blank and unprocessed application statuses, `Band 8`, the
long "not stated" forms, and every problem in one run.

The fixtures are written here, shaped like the exports trusts send; every expected figure is
worked by hand in tests/HAND-WORKED.md ("Real extracts, second round"), never read from the
code under test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from wres_helpers import cli
from wres_helpers.errors import InputError
from wres_helpers.inputs import load
from wres_helpers.standards import WDES, WRES
from wres_helpers.standards.ethnicity import category

HEADER = (
    "Employee Number,Assignment Number,Primary Assignment,Ethnic Origin,Staff Group,Grade,"
    "Contracted Wte,Asg Type Of Contract,Effective Start Date,Effective End Date,CPD"
)
TITLE = [
    "Staff in Post - Detail (Workforce)",
    "Organisation: 999 Northfield Community NHS Trust",
    "Run Date: 15-APR-2019 09:12",
    "Parameters: Effective Date = 31-MAR-2019; Include Leavers = Yes",
    "",
]
# Spreadsheet rows 7-19 of the ESR BI report (HAND-WORKED.md, "The Northfield staff list").
PEOPLE = [
    "10001,10001-1,Yes,A White - British,Nursing and Midwifery Registered,Band 5,1,Permanent,"
    "01/04/2015,31 Dec 4712,Yes",
    "10001,10001-2,No,A White - British,Nursing and Midwifery Registered,Band 5,0.2,"
    "Fixed Term Temp,01/06/2018,31 Dec 4712,Yes",
    "10002,10002-1,Yes,C2 White Northern Irish,Administrative and Clerical,Band 8A,1,Permanent,"
    "03/09/2012,1900-01-01,No",
    "10003,10003-1,Yes,H Asian or Asian British - Indian,Allied Health Professionals,Band 6,0.8,"
    "Permanent,12/01/2017,,Yes",
    "10004,10004-1,Yes,PC Black Nigerian,Nursing and Midwifery Registered,Band 7,1,Permanent,"
    "01/04/2016,31/03/2019,No",
    "10005,10005-1,Yes,A White - British,Estates and Ancillary,Band 2,1,Permanent,01/01/2010,"
    "15/03/2019,No",
    "10006,10006-1,Yes,N Black or Black British - African,Additional Clinical Services,Band 3,1,"
    "Permanent,01/05/2014,28-FEB-2019,Yes",
    "10007,10007-1,Yes,A White - British,Nursing and Midwifery Registered,Band 5,1,"
    "Fixed Term Temp,08/04/2019,31 Dec 4712,No",
    "10008,10008-1,Yes,L Asian or Asian British - Any other Asian background,Medical and Dental,"
    "Specialty Registrar,0,Honorary,01/08/2018,31 Dec 4712,No",
    "10009,10009-1,Yes,A White - British,Administrative and Clerical,Non Executive Director,0.1,"
    "Fixed Term Temp,01/04/2017,31 Dec 4712,No",
    "10010,10010-1,Yes,I do not wish to disclose my ethnic origin,Administrative and Clerical,"
    "Band 4,1,Permanent,02/02/2018,31 Dec 4712,No",
    "10011,10011-1,Yes,A White - British,Nursing and Midwifery Registered,Band 6,1,Bank,"
    "01/01/2019,31 Dec 4712,No",
    "10012,10012-1,Yes,Prefer not to say,Allied Health Professionals,Band 5,0.6,Permanent,"
    "2017-05-01,4712-12-31,Yes",
]
GRAND_TOTAL = "Grand Total,,,,,,10.7,,,,"
FOOTER = "Report produced by ESR Business Intelligence on 15/04/2019"

# What HAND-WORKED.md works out for the rows above.
IN_POST = {"White": 2, "BME": 2, "Unknown": 2}
TRAINED = {"White": 1, "BME": 1, "Unknown": 1}
NOT_COUNTED = [
    ("total rows (Total, Grand Total)", 1),
    ("footer lines below the table", 1),
    ("bank rows (not in the workforce snapshot)", 1),
    ("rows whose grade is not staff (the Chair, non-executive directors: grade map)", 1),
    ("leavers: end date before the snapshot date (31 March 2019)", 2),
    ("starters: start date after the snapshot date (31 March 2019)", 1),
    ("assignments with contracted FTE 0 (honorary, zero-hours; rule keep_fte_zero)", 1),
    ("further assignments of 1 staff with more than one row", 1),
]


@pytest.fixture
def org(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "data" / "NFC" / "2019"
    folder.mkdir(parents=True)
    (tmp_path / "params" / "NFC").mkdir(parents=True)
    return folder


def esr_bi_csv(
    folder: Path, people=PEOPLE, name="Staff in Post - Detail 201903.csv", width=1
) -> Path:
    """width: the footer's cells (1 as some reports write it; 11, padded as Excel saves it)."""
    path = folder / name
    title = [line + "," * 10 if line else "," * 10 for line in TITLE]
    lines = [*title, HEADER, *people, GRAND_TOTAL, FOOTER + "," * (width - 1)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def esr_bi_xlsx(folder: Path, name="Staff in Post - Detail 201903.xlsx") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for number, line in enumerate(TITLE, start=1):
        sheet.cell(number, 1, line or None)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=11)
    for number, line in enumerate([HEADER, *PEOPLE, GRAND_TOTAL], start=len(TITLE) + 1):
        for col, value in enumerate(line.split(","), start=1):
            if value == "":
                continue
            if value in ("1", "0", "0.2", "0.8", "0.6", "0.1", "10.7"):
                sheet.cell(number, col, float(value))  # Excel keeps FTEs as numbers
            elif col == 10 and value == "15/03/2019":
                sheet.cell(number, col, dt.datetime(2019, 3, 15))  # an Excel date cell
            else:
                sheet.cell(number, col, value)
    sheet.cell(len(TITLE) + len(PEOPLE) + 3, 1, FOOTER)
    path = folder / name
    book.save(path)
    return path


def groups(dataset) -> dict:
    return dataset.tables["workforce"]["group"].value_counts().to_dict()


def trained(dataset) -> dict:
    staff = dataset.tables["workforce"]
    return staff[staff["non_mandatory_training"]]["group"].value_counts().to_dict()


def not_counted(dataset, table="workforce") -> list:
    return [(x.why, x.rows) for x in dataset.left_out if x.table == table]


def cpd_yaml(folder: Path) -> None:
    (folder / "columns.yaml").write_text(
        "workforce:\n  columns:\n    non_mandatory_training: CPD\n"
    )


# --- 1 and 2: staff in post at the snapshot, from an ESR BI report saved as it comes ---------


def esr_bi_csv_padded(folder: Path) -> Path:
    return esr_bi_csv(folder, width=11)


@pytest.mark.parametrize(
    "write", [esr_bi_csv, esr_bi_csv_padded, esr_bi_xlsx], ids=["csv", "csv-padded", "xlsx"]
)
def test_an_esr_bi_report_reads_to_the_staff_in_post_at_31_march(org, write):
    write(org)
    cpd_yaml(org)
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert groups(dataset) == IN_POST
    assert trained(dataset) == TRAINED
    assert not_counted(dataset) == NOT_COUNTED
    (source,) = dataset.sources
    assert (source.header_row, source.rows) == (6, 13)
    # rows keep the numbers the spreadsheet shows: 10001's primary row is row 7
    rows = dataset.tables["workforce"].set_index("staff_id")["_row"].to_dict()
    assert rows == {"10001": 7, "10002": 9, "10003": 10, "10004": 11, "10010": 17, "10012": 19}


def test_validate_says_where_the_header_is_and_every_rule_that_left_rows_out(org, capsys):
    esr_bi_csv(org)
    cpd_yaml(org)
    assert cli.main(["validate", str(org)]) == 0
    out = capsys.readouterr().out
    assert "workforce (13 rows; header on row 6)" in out
    expected = "\n".join(f"  workforce: {rows} {why}" for why, rows in NOT_COUNTED)
    assert "Rows not counted:\n" + expected in out
    assert re.search(
        r"'I do not wish to disclose my ethnic origin' +-> Z \(Unknown\): 1  \[description\]\n", out
    )
    assert re.search(r"'Non Executive Director' +-> left out: 1\n", out)


def test_a_setting_keeps_fte_0_staff(org):
    esr_bi_csv(org)
    cpd_yaml(org)
    (org.parent.parent.parent / "params" / "NFC" / "local-codes.yaml").write_text(
        "rules:\n  keep_fte_zero: true\n"
    )
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert groups(dataset) == {"White": 2, "BME": 3, "Unknown": 2}  # 10008 counted
    assert not any("FTE 0" in why for why, _ in not_counted(dataset))


def test_a_bad_rules_entry_is_refused_by_name(org):
    esr_bi_csv(org)
    cpd_yaml(org)
    (org.parent.parent.parent / "params" / "NFC" / "local-codes.yaml").write_text(
        "rules:\n  keep_fte_zero: maybe\n  keep_leavers: true\n"
    )
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    assert [str(p) for p in caught.value.problems] == [
        "params/NFC/local-codes.yaml, entry 'rules: keep_fte_zero': found 'maybe'; expected "
        "true or false",
        "params/NFC/local-codes.yaml, key 'rules: keep_leavers': expected a rule: keep_fte_zero",
    ]


def test_an_unreadable_end_date_is_refused_by_row(org):
    people = [*PEOPLE]
    people[2] = people[2].replace("1900-01-01", "31/02/2019")
    esr_bi_csv(org, people)
    cpd_yaml(org)
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (9, "end_date", "31/02/2019")


LOOKED_FOR = (
    "data/NFC/2019/workforce.csv, row 1: expected a header row naming the workforce "
    "table's columns (staff_id, ethnic_category, staff_group, pay_band, or their ESR "
    "headers); none found in rows 1-5"
)


@pytest.mark.parametrize(
    ("title", "then"),
    [
        ("Staff in Post - Detail (Workforce)\nRun Date: 15-APR-2019\n\n", ""),  # rows of 1 cell
        (
            "Staff in Post - Detail (Workforce),,,\nRun Date: 15-APR-2019,,,\n,,,\n",
            ", so row 1 was taken as the header (row 1 has: staff in post - detail (workforce))",
        ),
    ],
    ids=["ragged", "even"],
)
def test_no_header_found_names_the_rows_searched_and_what_was_looked_for(org, title, then):
    (org / "workforce.csv").write_text(title + "Person,Origin,Group,Band\n10001,A,Nursing,Band 5\n")
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    (problem,) = caught.value.problems
    assert str(problem) == LOOKED_FOR + then


# --- 3: blank and unprocessed application statuses --------------------------------------------

APPLICATIONS = (
    "NHS Jobs - Application Report,,,\n"
    "Date range: 01/04/2018 to 31/03/2019,,,\n"
    ",,,\n"
    "Applicant ID,Vacancy Reference,Ethnic Origin,Application Status\n"
    "A01,V1,A White - British,Shortlisted\n"
    "A02,V1,A White - British,Shortlisted\n"
    "A03,V2,White - British,Invited to Interview\n"
    "A04,V2,A White - British,Appointed\n"
    "A05,V1,A White - British,\n"
    "A06,V2,A White - British,\n"
    "A07,V3,A White - British,In Progress\n"
    "A08,V3,A White - British,Submitted\n"
    "A09,V3,A White - British,Not Shortlisted\n"
    "A10,V3,A White - British,Not Shortlisted\n"
    "A11,V1,H Asian or Asian British - Indian,Interviewed\n"
    "A12,V2,PD Black British,Interviewed\n"
    "A13,V3,M Black or Black British - Caribbean,Offer Accepted\n"
    "A14,V1,H Asian or Asian British - Indian,\n"
    "A15,V2,R Chinese,\n"
    "A16,V3,Pakistani,\n"
    "A17,V3,M Black or Black British - Caribbean,Rejected\n"
    "A18,V3,Prefer Not To Answer,Shortlisted\n"
)


def test_blank_and_unprocessed_statuses_are_never_shortlisted(org):
    (org / "NHS Jobs applications 2019.csv").write_text(APPLICATIONS)
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    rec = dataset.tables["recruitment"]
    shortlisted = rec["group"].value_counts().to_dict()
    appointed = rec[rec["appointed"]]["group"].value_counts().to_dict()
    appointed = {group: n for group, n in appointed.items() if n}
    assert shortlisted == {"White": 4, "BME": 3, "Unknown": 1}
    assert appointed == {"White": 1, "BME": 1}
    assert not_counted(dataset, "recruitment") == [
        ("applications not yet processed (blank or unprocessed status)", 7),
        ("applications not shortlisted, or not counted (status map)", 3),
    ]
    assert dataset.sources[0].header_row == 4


def test_a_status_the_map_cannot_place_is_a_problem_and_never_no_problems(org, capsys):
    (org / "NHS Jobs applications 2019.csv").write_text(
        APPLICATIONS + "A19,V1,A White - British,Awaiting Panel\n"
    )
    assert cli.main(["validate", str(org)]) == 2
    captured = capsys.readouterr()
    assert "no problems found" not in captured.out + captured.err
    assert (
        "row 23, column 'status': found 'Awaiting Panel'; expected an application status"
        in captured.err
    )


# --- 4: grades: Band 8 alone, the Chair by a local code ------------------------------------


def test_band_8_without_a_range_is_refused_and_a_local_code_leaves_the_chair_out(org):
    people = [
        "20001,A White - British,Administrative and Clerical,Band 8,Yes",
        "20002,A White - British,Administrative and Clerical,Chairperson,No",
        "20003,H Asian or Asian British - Indian,Administrative and Clerical,Band 8B,Yes",
    ]
    header = "Employee Number,Ethnic Origin,Staff Group,Grade,Non Mandatory Training\n"
    (org / "workforce.csv").write_text(header + "\n".join(people) + "\n")
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    found = [(p.row, p.column, p.value) for p in caught.value.problems]
    assert found == [(2, "pay_band", "Band 8"), (3, "pay_band", "Chairperson")]
    (org.parent.parent.parent / "params" / "NFC" / "local-codes.yaml").write_text(
        "grade:\n  Chairperson: left out\n  Band 8: 8a\n"
    )
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert groups(dataset) == {"White": 1, "BME": 1, "Unknown": 0}
    assert sorted(dataset.tables["workforce"]["pay_band"]) == ["8a", "8b"]
    assert not_counted(dataset) == [
        ("rows whose grade is not staff (the Chair, non-executive directors: grade map)", 1)
    ]


# --- 8: every problem in one run ----------------------------------------------------------


def test_per_person_checks_run_beside_the_row_checks(org):
    people = [
        "30001,10001-1,Yes,A White - British,Nursing and Midwifery Registered,Band 5,1,Permanent,"
        ",,Yes",
        "30001,10001-2,No,H Asian or Asian British - Indian,Nursing and Midwifery Registered,"
        "Band 5,0.4,Permanent,,,No",
        "30002,30002-1,Yes,NK,Nursing and Midwifery Registered,Band 5x,1,Permanent,,,No",
    ]
    (org / "workforce.csv").write_text(HEADER + "\n" + "\n".join(people) + "\n")
    cpd_yaml(org)
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    found = [(p.row, p.column, p.value) for p in caught.value.problems]
    assert found == [
        (3, "ethnic_category", "H Asian or Asian British - Indian"),
        (4, "ethnic_category", "NK"),
        (4, "pay_band", "Band 5x"),
    ]


# --- 10: the long "not stated" forms -------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "I do not wish to disclose my ethnic origin",
        "Prefer not to say",
        "Prefer Not To Answer",
        "I prefer not to say",
        "Do not wish to disclose",
        "Declined",
    ],
)
def test_long_not_stated_forms_are_not_stated(value):
    assert category(value) == "Z"


@pytest.mark.parametrize("value", ["I", "NK", "No", "NS"])
def test_short_codes_are_still_refused(value):
    assert category(value) is None


# --- the method text names every rule that leaves rows out --------------------------------


@pytest.mark.parametrize("code", ["WRES", "WDES"])
def test_the_method_names_each_rule_that_leaves_rows_out(code):
    from wres_helpers.standards import WDES, WRES

    standard = {"WRES": WRES, "WDES": WDES}[code]
    text = standard.method + standard.reading
    for words in (
        "end date",
        "31 Dec 4712",
        "1900-01-01",
        "start date is after it",
        "FTE 0",
        "`keep_fte_zero`",
        "Bank rows",
        "the Chair and non-executive directors",
        "Total rows (Total, Grand Total, or no staff id and only figures) and footer",
        "case-type map",
        "opened outside the reporting year",
    ):
        assert words in text, words
    if code == "WRES":
        assert "not on the mandatory and statutory course list" in text


# --- 7: no file left unread ---------------------------------------------------------------

SIP = (
    "Employee Number,Ethnic Origin,Staff Group,Grade,Contracted Wte,CPD\n"
    "40001,A White - British,Administrative and Clerical,Band 4,1,Yes\n"
    "40002,H Asian or Asian British - Indian,Nursing and Midwifery Registered,Band 5,1,No\n"
)


def test_a_staff_list_under_its_own_name_is_offered_not_silently_skipped(org, capsys):
    (org / "ESR_SIP_Mar19.csv").write_text(SIP)
    (org / "NHS Jobs applications 2019.csv").write_text(APPLICATIONS)
    assert cli.main(["validate", str(org)]) == 2
    captured = capsys.readouterr()
    assert "no problems found" not in captured.out
    assert (
        "data/NFC/2019/ESR_SIP_Mar19.csv: expected to be read: its header names the workforce "
        "table's columns, and no workforce file was found; if it is, name it in columns.yaml "
        "(workforce: file: ESR_SIP_Mar19.csv)"
    ) in captured.err


def test_validate_names_every_file_it_did_not_read_and_why(org, capsys):
    (org / "ESR_SIP_Mar19.csv").write_text(SIP)
    (org / "columns.yaml").write_text(
        "workforce:\n  file: ESR_SIP_Mar19.csv\n  columns:\n    non_mandatory_training: CPD\n"
    )
    (org / "Board minutes March.docx").write_bytes(b"PK\x03\x04")
    (org / "capability.csv").write_text("disability,grounds\nYes,performance\n")
    (org / "old extract.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (org / "cost centres.csv").write_text("Cost Centre,Directorate\n123,Community\n")
    assert cli.main(["validate", str(org)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "Files not read:\n"
        "  Board minutes March.docx: not read: not a CSV or .xlsx file\n"
        "  capability.csv: not read: a table of the other standard's report (--standard)\n"
        "  cost centres.csv: not read: its name and header match no table still missing (name "
        "it in columns.yaml if it holds one)\n"
        "  old extract.xls: not read: an Excel 97-2003 workbook: open it in Excel and save it "
        "as .xlsx or CSV UTF-8\n"
    )


# --- 5: one employee-relations case log for both standards --------------------------------

CASE_LOG = (
    "Employee Relations Case Log,,,,,,,\n"
    "Exported 04/04/2019,,,,,,,\n"
    "Case Reference,Employee Number,Ethnic Origin,Disability,Case Type,Stage,Date Opened,Outcome\n"
    "ER001,50001,A White - British,No,Disciplinary,Investigation,12/06/2018,Final warning\n"
    "ER002,50002,A White - British,No,Grievance,Formal,03/07/2018,Not upheld\n"
    "ER003,50003,H Asian or Asian British - Indian,Yes,Disciplinary,Hearing,01/02/2018,No case\n"
    "ER004,50004,PC Black Nigerian,No,Formal Disciplinary,Investigation,31/03/2019,Open\n"
    "ER005,50001,A White - British,No,Disciplinary Appeal,Appeal,20/09/2018,Upheld\n"
    "ER006,50005,A White - British,Yes,Capability - Performance,Stage 1,03/10/2018,Open\n"
    "ER007,50006,N Black or Black British - African,No,Capability - Ill Health,Stage 2,"
    "14/08/2018,Redeployed\n"
    "ER008,50007,A White - British,No,Bullying and Harassment,Formal,05/05/2018,Resolved\n"
    "ER009,50004,PC Black Nigerian,No,Disciplinary,Hearing,15/11/2018,Dismissed\n"
    "ER010,50008,L Asian or Asian British - Any other Asian background,No,Disciplinary,"
    "Investigation,02/04/2019,Open\n"
    "ER011,50009,A White - British,No,Gross Misconduct,Hearing,10/01/2019,Dismissed\n"
    "ER012,50010,A White - British,Yes,Capability (Performance),Stage 1,20/05/2018,Closed\n"
    "ER013,50010,A White - British,Yes,Capability - Performance,Stage 2,01/09/2018,Open\n"
    "ER014,50011,M Black or Black British - Caribbean,No,Disciplinary - Informal,Informal,"
    "07/12/2018,Advice\n"
)


def case_counts(dataset, table, by):
    frame = dataset.tables[table]
    counts = frame.groupby([by, "group"], observed=True).size()
    return {key: n for key, n in counts.items() if n}


def test_a_case_log_feeds_indicator_3_with_formal_disciplinary_cases_in_the_year(org):
    (org / "ER case log 2018-19.csv").write_text(CASE_LOG)
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    cases = dataset.tables["disciplinary"]
    assert cases["group"].value_counts().to_dict() == {"White": 2, "BME": 1, "Unknown": 0}
    assert sorted(cases["staff_id"]) == ["50001", "50004", "50009"]
    assert not_counted(dataset, "disciplinary") == [
        ("cases of other types (case-type map)", 8),
        ("cases opened outside the reporting year (1 April 2018 to 31 March 2019)", 2),
        ("repeat cases of a person already counted", 1),
    ]


def test_the_same_case_log_feeds_wdes_metric_3_with_capability_on_performance(org):
    (org / "ER case log 2018-19.csv").write_text(CASE_LOG)

    dataset = load.load_folder(org, with_previous=False, standard=WDES)
    assert case_counts(dataset, "capability", "grounds") == {
        ("performance", "Disabled"): 2,
        ("ill health", "Non-disabled"): 1,
    }
    assert not_counted(dataset, "capability") == [
        ("cases of other types (case-type map)", 10),
        ("repeat cases of a person already counted", 1),
    ]


def test_a_case_type_the_map_cannot_place_is_refused_until_local_codes_place_it(org):
    (org / "ER case log 2018-19.csv").write_text(
        CASE_LOG + "ER015,50012,A White - British,No,Mediation,Informal,01/06/2018,Resolved\n"
    )
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (18, "case_type", "Mediation")
    (org.parent.parent.parent / "params" / "NFC" / "local-codes.yaml").write_text(
        "case_type:\n  Mediation: other\n  Grievance: disciplinary\n"
    )
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    # the local list extends the map and overrides it: ER002's grievance now counts
    assert sorted(dataset.tables["disciplinary"]["staff_id"]) == [
        "50001", "50002", "50004", "50009"
    ]  # fmt: skip


def test_a_case_with_no_opened_date_is_refused_by_row(org):
    (org / "ER case log 2018-19.csv").write_text(CASE_LOG.replace("12/06/2018", ""))
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.expected) == (
        4, "opened", "the date the case was opened"
    )  # fmt: skip


# --- 9: the staff survey year, a column, printed with the survey figures ------------------


def test_the_survey_year_column_is_printed_with_the_survey_figures(tmp_path):
    import shutil

    from test_report import DEMO, ORG, YEAR, copy_params, shown

    from wres_helpers import sections
    from wres_helpers.report import ReportData

    data = tmp_path / "data"
    shutil.copytree(DEMO / ORG, data / ORG)
    survey = data / ORG / str(YEAR) / "staff_survey.csv"
    lines = survey.read_text(encoding="utf-8").splitlines()
    # this organisation's 2019 report reads the survey it ran in autumn 2017 (say)
    survey.write_text(
        "\n".join([lines[0] + ",survey_year"] + [line + ",2017" for line in lines[1:]]) + "\n"
    )
    root = copy_params(tmp_path, data_root=str(data), comparators=[])
    report = ReportData.build(ORG, YEAR, root, standard=WRES)
    assert f"<strong>{YEAR} (2017 staff survey):</strong>" in shown(
        lambda r: sections.indicator(r, 5), report
    )
    # without the column, the autumn before: the 2018 survey
    survey.write_text("\n".join(lines) + "\n")
    report = ReportData.build(
        ORG, YEAR, copy_params(tmp_path / "b", data_root=str(data)), standard=WRES
    )
    assert f"<strong>{YEAR} (2018 staff survey):</strong>" in shown(
        lambda r: sections.indicator(r, 5), report
    )


def test_one_survey_file_holds_one_survey_year(org):
    (org / "staff_survey.csv").write_text(
        "indicator,group,respondents,positive,survey_year\n"
        "5,White,400,90,2018\n5,BME,60,15,2018\n6,White,400,80,2019\n6,BME,60,12,18\n"
    )
    with pytest.raises(InputError) as caught:
        load.load_folder(org, with_previous=False, standard=WRES)
    assert [(p.row, p.column, p.value, p.expected) for p in caught.value.problems] == [
        (4, "survey_year", "2019", "the same survey year on every row: one file holds one survey"),
        (5, "survey_year", "18", "the year the staff survey was run, such as 2018 (a report "
         "for 2019 uses the survey of autumn 2018)"),
    ]  # fmt: skip


# --- 6: training from the learning system -------------------------------------------------

LEARNING = (
    "Employee Number,Course Name,Completion Date\n"
    "10001,NHS|CSTF|Fire Safety - 2 Years|,12/05/2018\n"
    "10001,Leadership Essentials,03/10/2018\n"
    "10002,Safeguarding Adults Level 2,20/06/2018\n"
    "10003,Mentorship for Nurses,15/01/2018\n"
    "10003,Medicines Management,05/07/2018\n"
    "10004,Cognitive Behavioural Therapy Skills,30/03/2019\n"
    "10005,Team Leading,01/06/2018\n"
    "10010,Infection Prevention and Control - Level 1,01/11/2018\n"
    "10012,Clinical Supervision,2018-09-14\n"
)


def without_cpd(people=PEOPLE) -> list[str]:
    return [line.rsplit(",", 1)[0] for line in people]


def esr_without_cpd(folder: Path) -> None:
    lines = [HEADER.rsplit(",", 1)[0], *without_cpd()]
    (folder / "Staff in Post - Workforce 201903.csv").write_text("\n".join(lines) + "\n")


def test_learning_records_give_indicator_4_without_a_cpd_column(org):
    esr_without_cpd(org)
    (org / "OLM learning history 2018-19.csv").write_text(LEARNING)
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert dataset.has("NFC", 2019, "training")
    assert groups(dataset) == IN_POST
    assert trained(dataset) == {"White": 1, "BME": 2, "Unknown": 1}
    assert not_counted(dataset, "training") == [
        ("mandatory and statutory courses (course list)", 3),
        ("courses completed outside the reporting year (1 April 2018 to 31 March 2019)", 1),
    ]
    # the trust's own list: Medicines Management is mandatory there, so 10003 is untrained
    (org.parent.parent.parent / "params" / "NFC" / "local-codes.yaml").write_text(
        "course:\n  Medicines Management: mandatory\n"
    )
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert trained(dataset) == {"White": 1, "BME": 1, "Unknown": 1}


def test_without_training_data_indicator_4_is_not_supplied_and_the_rest_builds(org):
    from wres_helpers.compute.indicators import compute
    from wres_helpers.standards import WRES

    esr_without_cpd(org)
    (org / "NHS Jobs applications 2019.csv").write_text(APPLICATIONS)
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert not dataset.has("NFC", 2019, "training")
    built = set(compute(dataset, standard=WRES)["indicator"])
    assert {"1", "2"} <= built and "4" not in built


def test_a_report_without_training_data_is_a_draft_saying_so(tmp_path):
    import shutil

    from test_report import DEMO, ORG, YEAR, copy_params

    from wres_helpers.report import ReportData

    data = tmp_path / "data"
    shutil.copytree(DEMO / ORG, data / ORG)
    staff = data / ORG / str(YEAR) / "workforce.csv"
    lines = staff.read_text(encoding="utf-8").splitlines()
    at = lines[0].split(",").index("non_mandatory_training")
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != at) for line in lines]
    staff.write_text("\n".join(cut) + "\n")
    report = ReportData.build(ORG, YEAR, copy_params(tmp_path, data_root=str(data)), standard=WRES)
    assert (
        "Indicator 4: not supplied (no non_mandatory_training column in the staff list and no "
        "learning records: see the analyst guide)"
    ) in report.missing_for_final()


def test_a_total_row_with_no_label_only_figures_is_left_out_and_counted(org):
    path = esr_bi_csv(org)
    text = path.read_text(encoding="utf-8-sig").replace(GRAND_TOTAL, ",,,,,,10.7,,,,")
    path.write_text(text, encoding="utf-8-sig")
    cpd_yaml(org)
    dataset = load.load_folder(org, with_previous=False, standard=WRES)
    assert groups(dataset) == IN_POST
    assert not_counted(dataset)[:2] == [
        ("footer lines below the table", 1),
        ("total rows (no identifier, only figures)", 1),
    ]


def test_a_merged_cell_in_the_table_is_read_in_each_of_its_rows(org):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Staff in Post - by Staff Group"])
    sheet.merge_cells("A1:E1")
    sheet.append(["Employee Number", "Ethnic Origin", "Staff Group", "Grade", "CPD"])
    nurses = "Nursing and Midwifery Registered"
    sheet.append(["60001", "A White - British", nurses, "Band 5", "Yes"])
    sheet.append(["60002", "H Asian or Asian British - Indian", None, "Band 6", "No"])
    sheet.append(["60003", "PC Black Nigerian", "Administrative and Clerical", "Band 3", "No"])
    sheet.merge_cells("C3:C4")  # ESR BI merges a repeated group label down its rows
    book.save(org / "workforce.xlsx")
    cpd_yaml(org)
    staff = load.load_folder(org, with_previous=False, standard=WRES).tables["workforce"]
    assert dict(zip(staff["staff_id"], staff["staff_group"], strict=True)) == {
        "60001": "Clinical",
        "60002": "Clinical",
        "60003": "Non-clinical",
    }


def test_a_forged_merged_range_claims_no_more_than_the_cells_read(org):
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Employee Number", "Ethnic Origin", "Staff Group", "Grade", "CPD"])
    sheet.append(["70001", "A White - British", "Administrative and Clerical", "Band 3", "No"])
    sheet.merge_cells("G5:H5")  # outside the table, then forged to claim the whole sheet
    plain = org / "plain.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(org / "workforce.xlsx", "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="G5:H5"', b'ref="E2:XFD1048576"')
            out.writestr(item, data)
    plain.unlink()
    cpd_yaml(org)
    staff = load.load_folder(org, with_previous=False, standard=WRES).tables["workforce"]
    assert list(staff["staff_id"]) == ["70001"]
