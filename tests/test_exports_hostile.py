"""Hostile and broken input files (issue 13, items 2, 5 and 6): each is read correctly or
refused with exit status 2 and one line per problem, never a traceback; another
organisation's raw data never reaches our report."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest

from wres_helpers import cli
from wres_helpers.errors import InputError
from wres_helpers.inputs import load, scaffold
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
HEADER = "staff_id,ethnic_category,staff_group,pay_band,non_mandatory_training\n"
ROWS = "S1,A,Clinical,5,yes\nS2,H,Clinical,6,no\nS3,É,Clinical,6,no\n"


@pytest.fixture
def org(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "data" / "ORG" / "2019"
    folder.mkdir(parents=True)
    return folder


def run(folder: Path, capsys) -> tuple[int, str, str]:
    status = cli.main(["validate", str(folder)])
    out, err = capsys.readouterr()
    return status, out, err


def refused(folder: Path, capsys) -> list[str]:
    """The problem lines of a refused folder (exit status 2, no traceback)."""
    status, out, err = run(folder, capsys)
    assert status == 2, out
    assert "Traceback" not in err
    head, *lines = err.strip().splitlines()
    assert head.endswith("in the input files:")
    return [line.strip() for line in lines]


class TestComparatorDataNeverQuoted:
    """Item 2: a comparator's bad values, staff ids and file lines never reach our report; it
    is named with the file and the kind of problem only."""

    SECRETS = ("SECRET-ID-4471", "NK-SECRET", "secret header", "line-of-secrets")

    def project(self, root: Path, broken: str) -> Path:
        for org in ("SMCH", "BKCS"):
            for year in (2018, 2019):
                shutil.copytree(DEMO / org / str(year), root / "data" / org / str(year))
            scaffold.new(org, 2019, params_root=root / "params", data_root="data", name=org)
        path = root / "params" / "SMCH" / "2019" / "params.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("comparators: []", f"comparators: {json.dumps(['BKCS'])}"))
        (root / "data" / "BKCS" / "2019" / "workforce.csv").write_text(broken, encoding="utf-8")
        return root

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "broken",
        [
            HEADER + "SECRET-ID-4471,NK-SECRET,Clinical,5,yes\n",  # a bad code beside an id
            HEADER + "SECRET-ID-4471,A,Clinical,5,yes\nSECRET-ID-4471,H,Clinical,5,yes\n",
            "secret header,staff_group\nline-of-secrets,Clinical\n",  # the file's first line
            HEADER + '"line-of-secrets,A,Clinical\n',  # a parser error quoting the line
        ],
    )
    def test_the_reason_names_comparator_file_and_kind_only(self, tmp_path, broken):
        from wres_helpers.report import ReportData

        project = self.project(tmp_path, broken)
        with contextlib.chdir(project):
            report = ReportData.build("SMCH", 2019, Path("params"), standard=WRES)
        why = report.left_out["BKCS"]
        assert why.startswith("its data has problems (data/BKCS/2019/workforce.csv")
        for secret in self.SECRETS:
            assert secret.lower() not in why.lower()
        assert "row" not in why


class TestEveryEncoding:
    """Item 6: every input file in any encoding Excel writes, and broken ones refused."""

    def expected_rows(self, folder: Path) -> list[str]:
        return list(load.load_folder(folder, standard=WRES).tables["workforce"]["ethnic_category"])

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
    def test_utf16_with_its_byte_order_mark_is_read(self, org, encoding):
        data = (HEADER + ROWS.replace("É", "C")).encode(encoding)
        if encoding != "utf-16":  # the explicit-endian codecs write no BOM: add it
            data = ("\ufeff" + HEADER + ROWS.replace("É", "C")).encode(encoding)
        (org / "workforce.csv").write_bytes(data)
        assert self.expected_rows(org) == ["A", "H", "C"]

    def test_windows_1252_is_read(self, org):
        (org / "workforce.csv").write_bytes(
            (HEADER + "S1,White - British,Clinical,5,yes\nS2,A,Clinical,5,no\n").encode("cp1252")
            + "Sé3,A,Clinical,5,no\n".encode("cp1252")
        )
        staff = load.load_folder(org, standard=WRES).tables["workforce"]
        assert list(staff["staff_id"]) == ["S1", "S2", "Sé3"]

    def test_a_utf8_byte_order_mark_is_not_part_of_the_first_header(self, org):
        (org / "workforce.csv").write_bytes(("\ufeff" + HEADER + "S1,A,Clinical,5,yes\n").encode())
        assert self.expected_rows(org) == ["A"]

    def test_nul_characters_are_refused_with_the_line(self, org, capsys):
        (org / "workforce.csv").write_bytes(
            (HEADER + "S1,A,Clinical,5,yes\nS2,\x00A,x,5,y\n").encode()
        )
        assert refused(org, capsys) == [
            "data/ORG/2019/workforce.csv, line 3: expected text without NUL characters (save it "
            "as CSV UTF-8)"
        ]

    def test_a_folder_where_a_file_should_be(self, org, capsys):
        (org / "workforce.csv").mkdir()
        assert refused(org, capsys) == [
            "data/ORG/2019/workforce.csv: expected a file (this is a folder)"
        ]

    def test_duplicate_column_names(self, org, capsys):
        (org / "workforce.csv").write_text(
            HEADER.strip() + ",Staff_ID\n" + "S1,A,Clinical,5,y,S1\n"
        )
        assert refused(org, capsys) == [
            "data/ORG/2019/workforce.csv, row 1, column 'staff_id': found 'staff_id'; expected "
            "each column once"
        ]

    def test_a_workbook_whose_formulas_were_never_calculated(self, org, capsys):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(HEADER.strip().split(","))
        sheet.append(["S1", "A", "Clinical", "5", "yes"])
        sheet.append(["S2", "A", "Clinical", "=2+3", "yes"])  # saved with no cached value
        book.save(org / "workforce.xlsx")
        assert refused(org, capsys) == [
            "data/ORG/2019/workforce.xlsx, row 3, column 'pay_band': expected a value (this cell "
            "has a formula that was never calculated: open the workbook in Excel, let it "
            "calculate, and save it)"
        ]

    def test_a_symlink_that_leaves_the_data_folder_is_refused_and_never_read(
        self, org, tmp_path, capsys
    ):
        secret = tmp_path / "elsewhere" / "passwords.csv"
        secret.parent.mkdir()
        secret.write_text("TOP-SECRET-CONTENT,hunter2\n")
        os.symlink(secret, org / "workforce.csv")
        lines = refused(org, capsys)
        assert lines == [
            "data/ORG/2019/workforce.csv: expected a file inside the data folder (this is a "
            "link to somewhere outside it: copy the file in instead)"
        ]
        assert "TOP-SECRET" not in " ".join(lines) and "elsewhere" not in " ".join(lines)

    def test_a_symlink_inside_the_data_folder_is_read(self, org):
        real = org.parent.parent / "shared.csv"
        real.write_text(HEADER + "S1,A,Clinical,5,yes\n")
        os.symlink(real, org / "workforce.csv")
        assert self.expected_rows(org) == ["A"]

    def test_errors_are_capped_at_a_readable_number_with_a_count_of_the_rest(self, org, capsys):
        rows = "".join(f"S{i},NK,Clinical,5,maybe\n" for i in range(500))
        (org / "workforce.csv").write_text(HEADER + rows)
        lines = refused(org, capsys)
        # 20 lines per column, then one line saying how many more: 2 columns x 21 lines.
        assert len(lines) == 42
        assert lines[0].startswith("data/ORG/2019/workforce.csv, row 2, column 'ethnic_category'")
        assert lines[39].startswith("data/ORG/2019/workforce.csv, row 21, column 'non_mandatory")
        assert lines[40].endswith("(480 more rows like this not listed)")
        assert lines[41].endswith("(480 more rows like this not listed)")
        assert all("\n" not in line for line in lines)

    def test_the_whole_message_is_capped_too(self, tmp_path):
        from wres_helpers.errors import Problem

        message = InputError([Problem("f.csv", "x", row=i) for i in range(250)]).message()
        lines = message.splitlines()
        assert lines[0] == "250 problems in the input files:"
        assert len(lines) == 102
        assert lines[-1] == "  ... and 150 more problems not listed"


class TestFilesTheToolCannotRead:
    """Item 5: an old .xls, a .numbers or a .ods is refused by name with what to do, never
    reported as "not supplied"."""

    @pytest.mark.parametrize(
        ("name", "what"),
        [
            ("workforce.xls", "an Excel 97-2003 workbook: open it in Excel and save it as .xlsx "
             "or CSV UTF-8"),
            ("workforce.numbers", "a Numbers spreadsheet: export it as CSV (UTF-8) or Excel "
             "(.xlsx)"),
            ("Workforce.ods", "an OpenDocument spreadsheet: save it as .xlsx or CSV UTF-8"),
        ],
    )  # fmt: skip
    def test_refused_by_name(self, org, capsys, name, what):
        (org / name).write_bytes(b"\xd0\xcf\x11\xe0 not really a workbook")
        assert refused(org, capsys) == [
            f"data/ORG/2019/{name}: expected a CSV or .xlsx file for the workforce table; "
            f"this is {what}"
        ]


class TestFiguresThatCannotBeTrue:
    """Item 5: more disciplinary cases than staff is refused in validation."""

    def test_more_disciplinary_cases_than_staff(self, org, capsys):
        (org / "workforce.csv").write_text(HEADER + "S1,A,Clinical,5,yes\nS2,H,Clinical,5,no\n")
        (org / "disciplinary.csv").write_text("ethnic_category\nA\nH\nA\n")
        assert refused(org, capsys) == [
            "data/ORG/2019/disciplinary.csv: expected no more disciplinary cases (3) than staff "
            "in the workforce file (2)"
        ]

    def test_as_many_cases_as_staff_is_accepted(self, org, capsys):
        (org / "workforce.csv").write_text(HEADER + "S1,A,Clinical,5,yes\nS2,H,Clinical,5,no\n")
        (org / "disciplinary.csv").write_text("ethnic_category\nA\nH\n")
        assert run(org, capsys)[0] == 0


class TestConfigurationFilesInAnyEncoding:
    """Item 6 for the files this reader owns: columns.yaml and local-codes.yaml."""

    def test_utf16_columns_yaml_and_local_codes(self, org, monkeypatch):
        (org / "workforce.csv").write_text(
            "Employee Number,Ethnic Origin,Staff Group,Grade,CPD\n1,NK,Students,Band 5,Yes\n"
        )
        (org / "columns.yaml").write_bytes(
            "workforce:\n  columns:\n    non_mandatory_training: CPD\n".encode("utf-16")
        )
        params = org.parent.parent.parent / "params" / "ORG"
        params.mkdir(parents=True)
        (params / "local-codes.yaml").write_bytes('ethnic_category:\n  NK: "99"\n'.encode("utf-16"))
        staff = load.load_folder(org, params_root=params.parent, standard=WRES).tables["workforce"]
        assert list(staff["group"]) == ["Unknown"]
