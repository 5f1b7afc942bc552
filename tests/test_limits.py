"""Bounded reading: a table past a limit is refused by name, naming the limit, in seconds and
a few hundred MB. Each bomb is made here, in the test's folder (none is committed), and read
in a child process under a watchdog: an address-space limit and a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from wres_helpers.inputs import limits

MEMORY = 1536 * 1024 * 1024  # address space of the child (importing pandas takes ~400 MB)
SECONDS = 30  # the watchdog; the refusal itself must come within a few seconds
CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
    from wres_helpers.errors import InputError
    from wres_helpers.inputs.read import read_table
    start = time.perf_counter()
    try:
        read_table(__import__("pathlib").Path(sys.argv[1]))
        message = "read"
    except InputError as error:
        message = error.message()
    seconds = time.perf_counter() - start
    # VmHWM is this program's own peak: ru_maxrss would carry over the forking pytest's.
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    peak = int(status.split()[0]) // 1024
    print(json.dumps({{"message": message, "seconds": seconds, "mb": peak}}))
    """
).format(memory=MEMORY)


def read_under_watchdog(path: Path) -> dict:
    """read_table(path) in a child with bounded memory and time; its message, seconds, MB."""
    import json

    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            capture_output=True,
            text=True,
            timeout=SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: still reading after {SECONDS} s")
    assert done.returncode == 0, f"{path.name}: the child failed: {done.stderr[-800:]}"
    return json.loads(done.stdout.splitlines()[-1])


def refused(path: Path, limit: str) -> dict:
    result = read_under_watchdog(path)
    assert path.name in result["message"], result
    assert limit in result["message"], result
    assert "input limits" in result["message"], result
    assert result["seconds"] < 5, result
    assert result["mb"] < 600, result  # pandas, pyarrow and openpyxl loaded are ~250 MB
    return result


def workbook(path: Path, sheet_xml: bytes | None = None, pad: int = 0) -> Path:
    """A workbook openpyxl wrote, with its sheet replaced by `sheet_xml` (written in
    pieces) and, if pad, that many bytes of spaces inside it."""
    book = Workbook()
    book.active.append(["ethnic_origin", "band"])
    book.active.append(["A", "5"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml" or sheet_xml is None:
                out.writestr(item, source.read(item))
                continue
            head, tail = sheet_xml.split(b"<!--PAD-->") if pad else (sheet_xml, b"")
            with out.open(item.filename, "w", force_zip64=True) as f:
                f.write(head)
                for _ in range(pad // (1 << 20)):
                    f.write(b" " * (1 << 20))
                f.write(tail)
    plain.unlink()
    return path


SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>%s</sheetData></worksheet>"
)


def test_a_zip_bomb_workbook_is_refused_from_its_directory(tmp_path: Path):
    # 300 MB of spaces inside the sheet: a file of about 300 KB.
    path = workbook(tmp_path / "workforce.xlsx", SHEET % b"<!--PAD-->", pad=300 << 20)
    assert path.stat().st_size < 2 << 20
    result = refused(path, "at most 256 MB unpacked")
    assert "300 MB unpacked" in result["message"]


def test_one_far_cell_is_not_laid_out_as_a_sheet_of_millions(tmp_path: Path):
    # openpyxl pads every row to the last column and every gap to the last row: 17 billion
    # empty cells for this one, in a file of 2 KB.
    far = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    far += b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = workbook(tmp_path / "board.xlsx", SHEET % far)
    result = refused(path, "at most 1,000 columns")
    assert "16,384 columns in xl/worksheets/sheet1.xml" in result["message"]


def test_a_workbook_of_too_many_rows_is_refused_before_openpyxl_reads_it(tmp_path: Path):
    rows = b"<row/>" * 1_100_000  # each numbered after the one before
    path = workbook(tmp_path / "recruitment.xlsx", SHEET % rows)
    result = refused(path, "at most 1,048,576 rows in a sheet")
    assert "1,100,000 rows" in result["message"]


def test_rows_times_columns_is_bounded(tmp_path: Path):
    # 30,000 rows reaching column ALL (1,000): each within its limit, 30 million cells.
    rows = (
        b'<row r="1"><c r="ALL1"><v>1</v></c></row><row r="30000"><c r="A30000"><v>1</v></c></row>'
    )
    path = workbook(tmp_path / "board.xlsx", SHEET % rows)
    refused(path, "at most 20,000,000 cells (rows x columns) in a sheet")


def test_a_csv_of_a_hundred_thousand_columns_is_refused(tmp_path: Path):
    path = tmp_path / "workforce.csv"
    header = ",".join(f"c{n}" for n in range(100_000))
    row = ",".join("1" for _ in range(100_000))
    path.write_text(header + "\n" + "\n".join([row] * 50) + "\n")
    assert path.stat().st_size > 10_000_000
    result = refused(path, "at most 1,000 columns")
    assert "found '100,000'" in result["message"]


def test_a_csv_line_too_long_is_refused_by_line(tmp_path: Path):
    path = tmp_path / "workforce.csv"
    path.write_text("ethnic_origin,pay_band\nA,5\nB," + "9" * 200_000 + "\nC,6\n")
    result = refused(path, "lines of at most 64 KB")
    assert "line 3" in result["message"] and "found '195 KB'" in result["message"]


def test_a_csv_of_too_many_lines_is_refused(tmp_path: Path):
    path = tmp_path / "disciplinary.csv"
    path.write_bytes(b"ethnic_origin\n" + b"A\n" * 5_100_000)
    refused(path, "at most 5,000,000 lines")


def test_a_csv_past_the_size_limit_is_refused_unread(tmp_path: Path):
    path = tmp_path / "workforce.csv"
    with open(path, "wb") as f:  # sparse: 1.1 GB on paper, nothing on disk
        f.write(b"ethnic_origin\nA\n")
        f.truncate(1100 * 1024 * 1024)
    result = refused(path, "at most 1,024 MB")
    assert "found '1,100 MB'" in result["message"]


def test_a_link_to_a_device_or_a_fifo_is_refused_unread(tmp_path: Path):
    zero = tmp_path / "workforce.csv"
    zero.symlink_to("/dev/zero")
    result = read_under_watchdog(zero)
    assert "workforce.csv: expected a regular file (this is a device" in result["message"]
    fifo = tmp_path / "board.csv"
    os.mkfifo(fifo)
    result = read_under_watchdog(fifo)
    assert "board.csv: expected a regular file" in result["message"]


def test_an_ordinary_workbook_is_read_within_its_span(tmp_path: Path):
    # A sheet whose <dimension> claims A1:XFD1048576 but holds two rows: read as two rows.
    path = tmp_path / "board.xlsx"
    book = Workbook()
    book.active.append(["ethnic_origin", "band"])
    book.active.append(["A", "5"])
    book.save(path)
    forged = tmp_path / "forged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(forged, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
                assert b"XFD1048576" in data
            out.writestr(item, data)
    assert limits.check_table(forged, "forged.xlsx") == (2, 2)
    result = read_under_watchdog(forged)
    assert result["message"] == "read" and result["seconds"] < 5, result


@pytest.mark.slow
def test_the_national_esr_extract_is_within_the_limits(tmp_path: Path):
    root = Path(__file__).resolve().parent.parent
    script = root / "scripts" / "make_demo_data.py"
    subprocess.run(
        [sys.executable, str(script), "--national", "--esr", "--out", str(tmp_path)], check=True
    )
    (path,) = (tmp_path / "2019").glob("staff-in-post-*.csv")
    assert path.stat().st_size > 150 * 1024 * 1024  # 1.5 million rows
    limits.check_table(path, path.name)  # no refusal


def test_yaml_nested_past_the_limit_is_refused_by_line(tmp_path: Path):
    from wres_helpers.errors import InputError
    from wres_helpers.inputs.params import load_params

    folder = tmp_path / "params" / "ECCH" / "2019"
    folder.mkdir(parents=True)
    text = (Path(__file__).resolve().parent.parent / "params/ECCH/2019/params.yaml").read_text()
    lines = text.count("\n")
    (folder / "params.yaml").write_text(text + "notes: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InputError) as raised:  # not a RecursionError
        load_params(folder)
    (problem,) = raised.value.problems
    assert problem.row == lines + 1
    assert "at most 20 levels of lists and mappings" in problem.expected


def test_a_text_line_past_the_limit_is_refused_by_line(tmp_path: Path):
    from wres_helpers.errors import InputError
    from wres_helpers.inputs.text import read_text

    path = tmp_path / "summary.md"
    path.write_text("# Summary\n\nShort.\n\n" + "word " * 20_000 + "\n")
    with pytest.raises(InputError) as raised:
        read_text(path, "commentary/summary.md", 1 << 20)
    assert str(raised.value.problems[0]) == (
        "commentary/summary.md, line 5: found '100,000'; "
        "expected lines of at most 65,536 characters"
    )
