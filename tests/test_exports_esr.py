"""Real exports in, as they come (issue 9): ESR's ethnic, staff group and grade forms, its
headers and file names, people rather than assignments, bank rows, recruitment statuses,
columns.yaml, local codes and the mapping audit. Expected values are written out by hand
from REAL-FORMATS.md and the NHS Data Dictionary, never read from the code under test."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from wres_helpers import cli
from wres_helpers.compute.indicators import compute
from wres_helpers.errors import InputError
from wres_helpers.inputs import load
from wres_helpers.inputs.codes import defaults
from wres_helpers.inputs.schema import _pay_band, _staff_group
from wres_helpers.standards import WDES, WRES
from wres_helpers.standards.ethnicity import category

ROOT = Path(__file__).resolve().parent.parent
ESR_HEADER = (
    "Employee Number,Assignment Number,Primary Assignment,Ethnic Origin,Staff Group,Grade,"
    "Contracted Wte,Asg Type Of Contract,Non Mandatory Training\n"
)


@pytest.fixture
def org(tmp_path, monkeypatch) -> Path:
    """data/ORG/2019 with params/ beside it, the working folder at the project root."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "data" / "ORG" / "2019"
    folder.mkdir(parents=True)
    (tmp_path / "params" / "ORG").mkdir(parents=True)
    return folder


def problems_of(folder: Path) -> list:
    with pytest.raises(InputError) as caught:
        load.load_folder(folder, params_root=Path("params"), standard=WRES)
    return caught.value.problems


def where(problem) -> tuple:
    return (problem.file, problem.row, problem.column, problem.value)


# --- 1. ethnic origin in every real form -----------------------------------------------------

# REAL-FORMATS.md §1.6, the national two-character sub-codes, written out by letter.
NATIONAL_SUBCODES = {
    "C": "C2 C3 CA CB CC CD CE CF CG CH CJ CK CL CM CN CP CQ CR CS CT CU CV CW CX CY",
    "G": "GA GB GC GD GE GF",
    "L": "LA LB LC LD LE LF LG LH LJ LK",
    "P": "PA PB PC PD PE",
    "S": "SA SB SC SD SE",
}


@pytest.mark.parametrize(
    ("letter", "code"),
    [(letter, code) for letter, codes in NATIONAL_SUBCODES.items() for code in codes.split()],
)
def test_every_national_subcode_is_read_as_its_letter(letter, code):
    assert category(code) == letter
    assert category(code.lower()) == letter


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("A White - British", "A"),  # ESR's "code description" form
        ("C2 White Northern Irish", "C"),
        ("PC Black Nigerian", "P"),
        ("LK Other Asian, Asian unspecified", "L"),
        ("Z Not Stated", "Z"),
        ("99 Not Known", "99"),
        ("X", "99"),  # not known before 2013 (HES)
        ("X Not Known", "99"),
        ("99", "99"),
        ("", "99"),
        ("H3 Asian or Asian British - Indian", "H"),  # letter and a local digit
        ("White - British", "A"),  # description text alone
        ("Black - Nigerian", "P"),
        ("White Northern Irish", "C"),
        ("Asian or Asian British - Indian", "H"),
        ("Not Stated", "Z"),
        ("Not Known", "99"),
        ("Arab", "S"),  # 2021 census list; BME
        ("Roma", "C"),
    ],
)
def test_each_esr_form_is_read_by_its_code_or_description(value, letter):
    assert category(value) == letter


@pytest.mark.parametrize(
    "value", ["NK", "NA", "NS", "No", "nk", "NK Not Known", "NS Not stated", "CZ", "XX", "I1", "O"]
)
def test_short_codes_off_the_national_list_are_refused_not_read_by_first_letter(value):
    # NK would otherwise be N, Black African: a silent BME miscount.
    assert category(value) is None


def test_a_local_code_list_maps_the_organisations_own_codes():
    local = {"nk": "99", "ns": "Z", "not disclosed by staff": "Z"}
    assert category("NK", local) == "99"
    assert category("ns", local) == "Z"
    assert category("NK Not Known", local) == "99"  # the first token, as for national codes
    assert category("Not disclosed by staff", local) == "Z"
    assert category("NA", local) is None


def test_nk_is_refused_by_file_row_column_and_value(org):
    (org / "workforce.csv").write_text(
        "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"
        "S1,A,Clinical,5,yes\nS2,NK,Clinical,5,yes\nS3,NA,Clinical,5,no\nS4,NS,Clinical,5,no\n"
    )
    found = [where(p) for p in problems_of(org)]
    assert found == [
        ("data/ORG/2019/workforce.csv", 3, "ethnic_category", "NK"),
        ("data/ORG/2019/workforce.csv", 4, "ethnic_category", "NA"),
        ("data/ORG/2019/workforce.csv", 5, "ethnic_category", "NS"),
    ]


def test_local_codes_file_beside_the_parameters_makes_nk_accepted_and_audited(org, capsys):
    (org / "workforce.csv").write_text(
        "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"
        "S1,A,Clinical,5,yes\nS2,NK,Clinical,5,yes\nS3,NK,Clinical,5,no\n"
    )
    Path("params/ORG/local-codes.yaml").write_text('ethnic_category:\n  NK: "99"\n')
    assert cli.main(["validate", str(org)]) == 0
    out = capsys.readouterr().out
    assert "    'NK' -> 99 (Unknown): 2  [local (params/ORG/local-codes.yaml)]" in out
    dataset = load.load_folder(org, params_root=Path("params"), standard=WRES)
    assert list(dataset.tables["workforce"]["group"]) == ["White", "Unknown", "Unknown"]


def test_a_bad_local_codes_file_is_refused_by_name(org):
    (org / "workforce.csv").write_text(
        "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\nS1,A,Clinical,5,y\n"
    )
    Path("params/ORG/local-codes.yaml").write_text(
        "ethnicity:\n  NK: '99'\nstaff_group:\n  Nursing Bank: Nursing\nethnic_category:\n  NK: Q\n"
    )
    found = [str(p) for p in problems_of(org)]
    assert found[0] == (
        "params/ORG/local-codes.yaml, key 'ethnicity': expected a section ethnic_category, "
        "staff_group, grade, contract, status, disability, case_type, course, rules"
    )
    assert found[1].startswith(
        "params/ORG/local-codes.yaml, entry 'staff_group: Nursing Bank': found 'Nursing'; "
        "expected one of Non-clinical, Clinical, Medical and dental"
    )
    assert found[2].startswith(
        "params/ORG/local-codes.yaml, entry 'ethnic_category: NK': found 'Q'"
    )
    assert len(found) == 3


# --- 2. staff group and grade as ESR writes them ---------------------------------------------

# The NHS Data Dictionary STAFF GROUP, with the report's group for each (REAL-FORMATS §1.3).
DATA_DICTIONARY_GROUPS = [
    ("01", "Medical and Dental", "Medical and dental"),
    ("02", "Students", "Clinical"),  # a setting: see the next test
    ("03", "Nursing and Midwifery Registered", "Clinical"),
    ("04", "Allied Health Professionals", "Clinical"),
    ("05", "Additional Professional Scientific and Technical", "Clinical"),
    ("06", "Healthcare Scientists", "Clinical"),
    ("07", "Additional Clinical Services", "Clinical"),
    ("08", "Administrative and Clerical", "Non-clinical"),
    ("09", "Estates and Ancillary", "Non-clinical"),
    ("10", "Supplementary Roles", "Non-clinical"),  # a setting
]


@pytest.mark.parametrize(("number", "name", "group"), DATA_DICTIONARY_GROUPS)
def test_each_staff_group_with_or_without_its_number_in_any_case(number, name, group):
    table = defaults()["staff_group"]
    for form in (name, f"{number} {name}", name.upper(), name.lower(), f"  {number} {name} "):
        assert _staff_group(form, table) == group, form
    assert _staff_group(f"{name}|Community Nurse", table) == group  # ESR people group


@pytest.mark.parametrize(
    ("alias", "group"),
    [
        ("Add Prof Scientific and Technic", "Clinical"),
        ("Allied Health Professional", "Clinical"),
        ("Healthcare Scientist", "Clinical"),
        ("Professional, Scientific and Technical", "Clinical"),
        ("Non-clinical", "Non-clinical"),  # the tidy contract's own values
        ("clinical", "Clinical"),
        ("Medical and dental", "Medical and dental"),
    ],
)
def test_staff_group_aliases(alias, group):
    assert _staff_group(alias, defaults()["staff_group"]) == group


@pytest.mark.parametrize("value", ["Nursing", "Bank", "Other", "", "Medical"])
def test_staff_groups_that_are_not_groups_are_refused(value):
    assert _staff_group(value, defaults()["staff_group"]) is None


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("5", "5"),
        ("Band 5", "5"),
        ("band 5", "5"),
        ("Band 8A", "8a"),
        ("8a", "8a"),
        ("Band 8D", "8d"),
        ("Review Body Band 5", "5"),
        ("Agenda for Change Band 7", "7"),
        ("NHS|XR05|Review Body Band 5", "5"),
        ("NHS|XR02|Review Body Band 2", "2"),
        ("NHS|XR08|Review Body Band 8C", "8c"),
        ("Apprentice/Band 1", "1"),
        ("Band 9", "9"),
        ("VSM", "VSM"),
        ("Very Senior Manager", "VSM"),
    ],
)
def test_agenda_for_change_grades_in_every_esr_form(value, band):
    assert _pay_band(value, defaults()["grade"]) == band


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("Consultant", "Consultant"),
        ("Associate Specialist", "Non-consultant career grade"),
        ("Specialty Doctor", "Non-consultant career grade"),
        ("Staff Grade", "Non-consultant career grade"),
        ("Trust Grade Dr – Career Grade", "Non-consultant career grade"),  # en dash, as ESR
        ("Foundation Year 1", "Trainee grade"),
        ("Foundation Year 2", "Trainee grade"),
        ("Specialty Registrar", "Trainee grade"),
        ("Trust Grade Dr – Specialty Registrar", "Trainee grade"),
        ("Clinical Assistant", "Other"),
        ("Hospital Practitioner", "Other"),
        ("General Medical Practitioner", "Other"),
        ("Non-consultant career grade", "Non-consultant career grade"),  # the tidy values
        ("trainee grade", "Trainee grade"),
        ("Other", "Other"),
    ],
)
def test_doctors_grades_as_esr_names_them(value, grade):
    assert _pay_band(value, defaults()["grade"]) == grade


@pytest.mark.parametrize("value", ["Band 10", "Band 0", "Medical", "8e", "XR05", "Registrar?"])
def test_grades_that_are_not_grades_are_refused(value):
    assert _pay_band(value, defaults()["grade"]) is None


def test_students_follow_the_organisations_setting(org):
    (org / "workforce.csv").write_text(
        "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"
        "S1,A,02 Students,5,yes\nS2,A,Supplementary Roles,3,no\n"
    )
    groups = load.load_folder(org, standard=WRES).tables["workforce"]["staff_group"]
    assert list(groups) == ["Clinical", "Non-clinical"]  # the defaults
    Path("params/ORG/local-codes.yaml").write_text(
        "staff_group:\n  Students: Non-clinical\n  Supplementary Roles: Clinical\n"
    )
    groups = load.load_folder(org, params_root=Path("params"), standard=WRES).tables["workforce"][
        "staff_group"
    ]
    assert list(groups) == ["Non-clinical", "Clinical"]


# --- 3. people, not assignments; bank rows ---------------------------------------------------

ASSIGNMENTS = ESR_HEADER + (
    "1001,1001-1,Yes,A White - British,Nursing and Midwifery Registered,Band 5,1.0,Permanent,Yes\n"
    "1002,1002-1,No,H Asian or Asian British - Indian,Nursing and Midwifery Registered,Band 5,0.4,Permanent,No\n"  # noqa: E501
    "1002,1002-2,Yes,H Asian or Asian British - Indian,Nursing and Midwifery Registered,Band 6,0.6,Permanent,Yes\n"  # noqa: E501
    "1003,1003-1,No,N Black or Black British - African,Additional Clinical Services,Band 3,0.5,Permanent,No\n"  # noqa: E501
    "1003,1003-2,No,N Black or Black British - African,Additional Clinical Services,Band 4,0.8,Fixed Term Temp,Yes\n"  # noqa: E501
    "1004,1004-1,,C White - Any other White background,08 Administrative and Clerical,Band 2,1.0,Permanent,No\n"  # noqa: E501
    "1004,1004-2,,C White - Any other White background,08 Administrative and Clerical,Band 3,1.0,Permanent,Yes\n"  # noqa: E501
    "1005,1005-1,Yes,A White - British,Estates and Ancillary,Band 2,0,Bank,No\n"
    "1006,1006-1,No,A White - British,Medical and Dental,Consultant,1.0,Permanent,Yes\n"
    "1006,1006-2,Yes,A White - British,Medical and Dental,Consultant,0.1,Bank,No\n"
    "1007,1007-1,Yes,Z Not Stated,Medical and Dental,Specialty Registrar,1,Permanent,No\n"
)


def test_one_row_per_person_primary_then_highest_fte_then_first_and_bank_rows_out(org):
    """Hand-worked: rows 9 and 11 are bank (out). 1002: the primary row 4 (band 6). 1003: no
    primary, the higher FTE row 6 (band 4). 1004: no primary, equal FTE, the first row 7
    (band 2). 1006: its bank row goes first, so row 10 alone. Six people: White 1001, 1004,
    1006; BME 1002, 1003; Unknown 1007. Trained (the kept rows): 1001, 1002, 1003, 1006."""
    (org / "staff-in-post.csv").write_text(ASSIGNMENTS)  # found under an ESR-like name
    dataset = load.load_folder(org, standard=WRES)
    staff = dataset.tables["workforce"]
    assert list(staff["staff_id"]) == ["1001", "1002", "1003", "1004", "1006", "1007"]
    assert list(staff["_row"]) == [2, 4, 6, 7, 10, 12]
    assert list(staff["pay_band"]) == ["5", "6", "4", "2", "Consultant", "Trainee grade"]
    assert list(staff["group"]) == ["White", "BME", "BME", "White", "White", "Unknown"]
    assert [(x.why, x.rows) for x in dataset.left_out] == [
        ("bank rows (not in the workforce snapshot)", 2),
        ("further assignments of 3 staff with more than one row", 3),
    ]
    figures = compute(dataset, standard=WRES)
    overall = figures[
        (figures["indicator"] == "1")
        & (figures["breakdown"] == "Overall workforce")
        & (figures["measure"] == "headcount")
    ]
    assert dict(zip(overall["group"], overall["value"], strict=True)) == {
        "White": 3,
        "BME": 2,
        "Unknown": 1,
    }
    trained = figures[(figures["indicator"] == "4") & (figures["measure"] == "percent")]
    assert dict(zip(trained["group"], trained["numerator"], strict=True)) == {
        "White": 2,
        "BME": 2,
    }


def test_rows_of_one_person_that_disagree_on_ethnicity_name_both_rows(org):
    (org / "workforce.csv").write_text(
        ESR_HEADER
        + "2001,2001-1,Yes,A White - British,Students,Band 5,1,Permanent,Yes\n"
        + "2002,2002-1,Yes,A White - British,Students,Band 5,1,Permanent,Yes\n"
        + "2001,2001-2,No,N Black or Black British - African,Students,Band 5,0.2,Permanent,No\n"
    )
    (problem,) = problems_of(org)
    assert str(problem) == (
        "data/ORG/2019/workforce.csv, row 4, column 'ethnic_category': found "
        "'N Black or Black British - African'; expected the same ethnic category on every row "
        "of one person (row 2 has 'A White - British' for this staff_id)"
    )


def test_indicator_3_counts_distinct_staff_entering_the_process(org):
    """Hand-worked: 1001 has two cases, 1002 one, and one case has no id: 3 counted."""
    (org / "workforce.csv").write_text(ASSIGNMENTS)
    (org / "disciplinary.csv").write_text(
        "Employee Number,Ethnic Origin\n1001,A\n1002,H\n1001,A\n,N\n"
    )
    dataset = load.load_folder(org, standard=WRES)
    assert list(dataset.tables["disciplinary"]["_row"]) == [2, 3, 5]
    assert [(x.table, x.why, x.rows) for x in dataset.left_out][-1] == (
        "disciplinary",
        "repeat cases of a person already counted",
        1,
    )


# --- 4. recruitment as systems export it -----------------------------------------------------


def test_one_row_per_application_with_a_status(org):
    """Hand-worked: 7 applications; Applied, Not Shortlisted and Withdrawn never reached
    shortlisting (left out); 4 shortlisted, of whom Appointed and Offer Accepted (2) appointed."""
    (org / "recruitment.csv").write_text(
        "Applicant ID,Ethnic Origin,Application Status\n"
        "1,A,Applied\n2,A,Not Shortlisted\n3,H,Withdrawn\n4,A,Shortlisted\n"
        "5,A,Appointed\n6,H,Interviewed\n7,H,offer accepted\n"
    )
    dataset = load.load_folder(org, standard=WRES)
    rec = dataset.tables["recruitment"]
    assert list(rec["_row"]) == [5, 6, 7, 8]
    assert list(rec["appointed"]) == [False, True, False, True]
    assert [(x.why, x.rows) for x in dataset.left_out] == [
        ("applications not yet processed (blank or unprocessed status)", 1),
        ("applications not shortlisted, or not counted (status map)", 2),
    ]


def test_an_unknown_status_is_refused_until_the_local_list_maps_it(org):
    (org / "recruitment.csv").write_text(
        "ethnic_category,status\nA,Shortlisted\nA,Offer made\nH,offer made\n"
    )
    found = [where(p) for p in problems_of(org)]
    assert found == [
        ("data/ORG/2019/recruitment.csv", 3, "status", "Offer made"),
        ("data/ORG/2019/recruitment.csv", 4, "status", "offer made"),
    ]
    Path("params/ORG/local-codes.yaml").write_text("status:\n  Offer made: appointed\n")
    rec = load.load_folder(org, params_root=Path("params"), standard=WRES).tables["recruitment"]
    assert list(rec["appointed"]) == [False, True, True]


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("Shortlisted", "shortlisted"),
        ("Interviewed", "shortlisted"),
        ("Unsuccessful at Interview", "shortlisted"),
        ("Offered", "appointed"),
        ("Conditional Offer", "appointed"),
        ("Appointed", "appointed"),
        ("Offer Declined", "left out"),
        ("Withdrawn", "left out"),
        ("Not Shortlisted", "left out"),
        ("Applied", "not processed"),
        ("In Progress", "not processed"),
    ],
)
def test_the_documented_status_map(status, outcome):
    assert defaults()["status"][status.lower()] == outcome


# --- 5. headers and file names as they come; columns.yaml -----------------------------------


def test_esr_headers_need_no_configuration(org):
    (org / "workforce.csv").write_text(
        "EmployeeNumber,EthnicOrigin,JobStaffGroup,Payscale,FTE,Non Mandatory Training\n"
        "1,A,Students,Band 5,1,Yes\n2,H,Medical and Dental,Consultant,1,No\n"
    )
    staff = load.load_folder(org, standard=WRES).tables["workforce"]
    assert list(staff["staff_group"]) == ["Clinical", "Medical and dental"]


def test_columns_yaml_names_the_file_and_a_header(org):
    (org / "esr-staff-list-march.csv").write_text(
        "Employee Number,Ethnic Origin,Staff Group,Grade,CPD\n1,A,Students,Band 5,Yes\n"
    )
    (org / "columns.yaml").write_text(
        "workforce:\n  file: esr-staff-list-march.csv\n  columns:\n"
        "    non_mandatory_training: CPD\n"
    )
    staff = load.load_folder(org, standard=WRES).tables["workforce"]
    assert list(staff["non_mandatory_training"]) == [True]


def test_columns_yaml_in_the_organisation_folder_serves_every_year(org):
    (org / "workforce.csv").write_text(
        "Employee Number,Ethnic Origin,Staff Group,Grade,CPD\n1,A,Students,Band 5,No\n"
    )
    (org.parent / "columns.yaml").write_text(
        "workforce:\n  columns:\n    non_mandatory_training: CPD\n"
    )
    assert list(
        load.load_folder(org, standard=WRES).tables["workforce"]["non_mandatory_training"]
    ) == [False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "workfroce:\n  columns: {}\n",
            "data/ORG/2019/columns.yaml, key 'workfroce': expected a table name: workforce, "
            "recruitment, disciplinary, staff_survey, training, board, capability, wdes_survey, "
            "voices",
        ),
        (
            "workforce:\n  colums:\n    staff_id: Id\n",
            "data/ORG/2019/columns.yaml, key 'workforce.colums': expected file or columns",
        ),
        (
            "workforce:\n  columns:\n    cpd: CPD\n",
            "data/ORG/2019/columns.yaml, key 'workforce.columns.cpd': expected a column of the "
            "workforce table: staff_id, ethnic_category, staff_group, pay_band, "
            "non_mandatory_training, primary_assignment, fte, contract, start_date, end_date, "
            "disability",
        ),
        (
            "workforce:\n  file: ../other/workforce.csv\n",
            "data/ORG/2019/columns.yaml, key 'workforce.file': expected a file name in the same "
            "folder",
        ),
        (
            "workforce:\n  file: missing.csv\n",
            "data/ORG/2019/columns.yaml, key 'workforce.file': expected a file named missing.csv "
            "in data/ORG/2019",
        ),
        (
            "workforce:\n  columns:\n    non_mandatory_training: Training\n",
            "data/ORG/2019/columns.yaml, key 'workforce.columns.non_mandatory_training': found "
            "'Training'; expected a header of data/ORG/2019/workforce.csv (it has: employee "
            "number, ethnic origin, staff group, grade, cpd)",
        ),
        (
            "- workforce\n",
            "data/ORG/2019/columns.yaml: expected a mapping of table names "
            "(workforce, ...) to entries",
        ),  # fmt: skip
        (
            "workforce: [\n",
            "data/ORG/2019/columns.yaml, line 2: expected YAML as in docs/analyst-guide.md",
        ),  # fmt: skip
    ],
)
def test_columns_yaml_errors_are_refused_by_name(org, text, expected):
    (org / "workforce.csv").write_text(
        "Employee Number,Ethnic Origin,Staff Group,Grade,CPD\n1,A,Students,Band 5,Yes\n"
    )
    (org / "columns.yaml").write_text(text)
    assert [str(p) for p in problems_of(org)] == [expected]


def test_two_files_that_could_be_the_staff_list_are_refused_naming_both(org):
    for name in ("Staff in Post - Workforce 201903.csv", "staff in post old.csv"):
        (org / name).write_text(ESR_HEADER)
    (problem,) = problems_of(org)
    assert str(problem) == (
        "data/ORG/2019: expected one file for the workforce table, not Staff in Post - "
        "Workforce 201903.csv and staff in post old.csv (name it in columns.yaml)"
    )


# --- 6. the mapping audit --------------------------------------------------------------------


def test_validate_prints_every_raw_value_what_it_became_and_how_many_rows(org, capsys):
    (org / "workforce.csv").write_text(ASSIGNMENTS)
    assert cli.main(["validate", str(org)]) == 0
    out = capsys.readouterr().out
    expected = """\
  workforce, column 'contract':
    'Bank'            -> bank: 2
    'Fixed Term Temp' -> in post: 1
    'Permanent'       -> in post: 8
  workforce, column 'ethnic_category':
    'A White - British'                    -> A (White): 4  [national code, then its description]
    'C White - Any other White background' -> C (White): 2  [national code, then its description]
    'H Asian or Asian British - Indian'    -> H (BME): 2  [national code, then its description]
    'N Black or Black British - African'   -> N (BME): 2  [national code, then its description]
    'Z Not Stated'                         -> Z (Unknown): 1  [national code, then its description]
  workforce, column 'pay_band':
    'Band 2'              -> 2: 2
    'Band 3'              -> 3: 2
    'Band 4'              -> 4: 1
    'Band 5'              -> 5: 2
    'Band 6'              -> 6: 1
    'Consultant'          -> Consultant: 2
    'Specialty Registrar' -> Trainee grade: 1
  workforce, column 'staff_group':
    '08 Administrative and Clerical'   -> Non-clinical: 2
    'Additional Clinical Services'     -> Clinical: 2
    'Estates and Ancillary'            -> Non-clinical: 1
    'Medical and Dental'               -> Medical and dental: 3
    'Nursing and Midwifery Registered' -> Clinical: 3

Rows not counted:
  workforce: 2 bank rows (not in the workforce snapshot)
  workforce: 3 further assignments of 3 staff with more than one row
"""
    assert out.endswith(expected)


# --- 7. tidy equals export -------------------------------------------------------------------


@pytest.mark.slow
def test_the_export_shaped_ecch_gives_the_same_indicators_csv_as_the_tidy_one(capsys):
    outputs = []
    with contextlib.chdir(ROOT):
        for folder in ("data/demo/ECCH/2019", "data/demo-exports/ECCH/2019"):
            assert cli.main(["indicators", folder]) == 0
            outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert "1,headcount,Overall workforce,BME,,,107," in outputs[1]


def test_the_committed_exports_are_what_the_generator_writes(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_demo_data
    finally:
        sys.path.pop(0)
    make_demo_data.write_demo_exports(tmp_path)
    committed = ROOT / "data" / "demo-exports"
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    for name in written:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name


# --- the report: rows not counted in the background, the mapping in the method -------------


def test_the_report_says_what_was_not_counted_and_how_each_code_was_read(tmp_path):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from wres_helpers import sections
    from wres_helpers.inputs import scaffold
    from wres_helpers.report import ReportData
    from wres_helpers.sections import provenance

    exports = ROOT / "data" / "demo-exports"
    scaffold.new("ECCH", 2019, params_root=tmp_path, data_root=str(exports), name="ECCH")
    report = ReportData.build("ECCH", 2019, tmp_path, standard=WRES)
    InteractiveShell.instance()
    with capture_output() as shown:
        sections.background(report)
    text = " ".join(str(o.data) for o in shown.outputs)
    # data/demo-exports/ECCH/2019, as `wres validate` counts it (see the generator)
    assert "Rows of the files not counted" in text
    assert "31 workforce bank rows (not in the workforce snapshot)" in text
    assert "41 workforce further assignments of 41 staff with more than one row" in text
    mapping = provenance.mapping_table(report)
    rows = {(r[0], r[1]): r[2] for r in mapping.itertuples(index=False)}
    assert rows[("pay_band", "NHS|XR05|Review Body Band 5")] == "5"
    assert rows[("contract", "Bank")] == "bank"
    assert rows[("status", "Withdrawn")] == "left out"
    # how many rows had each value: `wres validate`'s, never published (issue 21)
    assert list(mapping.columns) == ["Column", "Value in the file", "Read as", "Rule"]
    assert "Bank rows are left out" in provenance.method_text(report)
    assert "Indicator 3 counts distinct staff" in provenance.method_text(report)
    assert set(mapping["Column"]) == {
        "contract", "ethnic_category", "pay_band", "staff_group", "status"
    }  # fmt: skip


def test_an_applicant_applying_twice_to_one_vacancy_is_one_application(org):
    """Hand-worked: applicant 1 has two rows for V1 (Shortlisted, then Appointed): one
    appointed application. Applicant 1 for V2 and applicant 2 for V1 are their own."""
    (org / "recruitment.csv").write_text(
        "Applicant ID,Vacancy Reference,Ethnic Origin,Application Status\n"
        "1,V1,A,Shortlisted\n1,V2,A,Interviewed\n2,V1,H,Interviewed\n1,V1,A,Appointed\n"
    )
    dataset = load.load_folder(org, standard=WRES)
    rec = dataset.tables["recruitment"]
    assert list(rec["_row"]) == [3, 4, 5]
    assert list(rec["appointed"]) == [False, False, True]
    assert [(x.why, x.rows) for x in dataset.left_out] == [
        ("repeat applications of one applicant to one vacancy", 1)
    ]


def test_a_wdes_report_lists_no_ethnic_codes_it_did_not_count_by(tmp_path):
    """The demo files read for the WDES: workforce.csv's ethnic_category column is read but
    counts nothing, so the WDES appendix shows only the codes the WDES used."""
    from wres_helpers.inputs import scaffold
    from wres_helpers.report import ReportData
    from wres_helpers.sections import provenance

    demo = ROOT / "data" / "demo"
    scaffold.new("ECCH", 2019, params_root=tmp_path, data_root=str(demo), name="ECCH")
    wres = provenance.mapping_table(ReportData.build("ECCH", 2019, tmp_path, standard=WRES))
    wdes = provenance.mapping_table(ReportData.build("ECCH", 2019, tmp_path, standard=WDES))
    assert "ethnic_category" in set(wres["Column"])
    assert "ethnic_category" not in set(wdes["Column"])
    assert {"pay_band", "staff_group"} <= set(wdes["Column"])
    # how each disability value was read: in the WDES appendix, not the WRES one
    assert "disability" not in set(wres["Column"])
    read = wdes[wdes["Column"] == "disability"]
    assert set(read["Read as"]) == {"Disabled", "Non-disabled", "Unknown"}
    # each value once, without its number of rows (summed over the four files they would
    # give back a hidden capability count: issue 21)
    assert not read.duplicated(["Value in the file"]).any()
    assert "Rows" not in wdes.columns


# --- disability, read as the other coded columns are ------------------------------------------

WDES_WORKFORCE = (
    "Employee Number,Disability,Staff Group,Pay Band,Non Mandatory Training\n"
    "1,Yes,Clinical,5,yes\n2,Not Declared,Clinical,5,no\n3,No,Clinical,5,no\n"
    "4,Not Declared,Clinical,5,no\n5,,Clinical,5,no\n6,D,Clinical,5,yes\n"
)


def _wdes_load(org: Path):

    return load.load_folder(org, params_root=Path("params"), standard=WDES)


def test_each_disability_value_is_audited_with_its_rows_and_rule(org):
    """Hand-counted from WDES_WORKFORCE: Yes 1, Not Declared 2, No 1, blank 1, and D (a local
    code) 1; the blank and the undeclared are Unknown, never Non-disabled."""
    (org / "workforce.csv").write_text(WDES_WORKFORCE)
    Path("params/ORG/local-codes.yaml").write_text("disability:\n  D: Disabled\n")
    dataset = _wdes_load(org)
    audit = dataset.audit[dataset.audit["column"] == "disability"]
    rows = {(r.raw, r.read_as, r.rows, r.rule) for r in audit.itertuples(index=False)}
    assert rows == {
        ("Yes", "Disabled", 1, "ESR default"),
        ("Not Declared", "Unknown", 2, "ESR default"),
        ("No", "Non-disabled", 1, "ESR default"),
        ("", "Unknown", 1, "ESR default"),
        ("D", "Disabled", 1, "local (params/ORG/local-codes.yaml)"),
    }
    groups = dataset.tables["workforce"]["group"].astype(str).tolist()
    assert groups == ["Disabled", "Unknown", "Non-disabled", "Unknown", "Unknown", "Disabled"]


def test_a_local_disability_code_is_refused_until_the_list_maps_it(org):
    (org / "workforce.csv").write_text(WDES_WORKFORCE)
    assert [where(p) for p in problems_of_wdes(org)] == [
        ("data/ORG/2019/workforce.csv", 7, "disability", "D")
    ]
    Path("params/ORG/local-codes.yaml").write_text("disability:\n  D: Disabled staff\n")
    assert [str(p) for p in problems_of_wdes(org)] == [
        "params/ORG/local-codes.yaml, entry 'disability: D': found 'Disabled staff'; "
        "expected one of Disabled, Non-disabled, Unknown"
    ]


def problems_of_wdes(folder: Path) -> list:
    with pytest.raises(InputError) as caught:
        _wdes_load(folder)
    return caught.value.problems


def test_validate_shows_how_each_disability_value_was_read_for_the_wdes(org, capsys):
    (org / "workforce.csv").write_text(WDES_WORKFORCE)
    Path("params/ORG/local-codes.yaml").write_text("disability:\n  D: Disabled\n")
    assert cli.main(["validate", str(org), "--standard", "wdes"]) == 0
    out = capsys.readouterr().out
    assert "  workforce, column 'disability':\n" in out
    assert "    'Not Declared' -> Unknown: 2\n" in out
    assert "    'D'            -> Disabled: 1  [local (params/ORG/local-codes.yaml)]\n" in out
