"""The national (or regional) comparison agrees with each organisation's own indicators.csv.

Two fixtures, neither builds an organisation's report:
- `hand`: three organisations' indicators.csv written by hand (with table.to_csv), whose
  ranks, medians and changes are worked out in the comments below;
- `demo`: the seven demo organisations' indicators.csv as their reports write them
  (ReportData.write_indicators, what the notebook calls), with their real parameters.
One slow test runs the comparison's notebook end to end into a PDF.
"""

from __future__ import annotations

import contextlib
import csv
import math
import re
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from pypdf import PdfReader
from wres_expected import LABELS, TITLES

from wres_helpers.compute.table import write_csv
from wres_helpers.errors import InputError
from wres_helpers.presentation import safe
from wres_helpers.report import ReportData
from wres_helpers.running import national
from wres_helpers.standards import WDES, WRES
from wres_helpers.standards.ethnicity import BME

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2019
NAN = math.nan

# Which row of an organisation's indicators.csv is each indicator's one comparable figure
# (measure, breakdown, group), written out here independently of national.HEADLINES.
HEADLINE_ROW = {
    1: ("percent", "Overall workforce", BME),
    2: ("relative_likelihood", "All", ""),
    3: ("relative_likelihood", "Two-year rolling", ""),
    4: ("relative_likelihood", "All", ""),
    5: ("percent", "All", BME),
    6: ("percent", "All", BME),
    7: ("percent", "All", BME),
    8: ("percent", "All", BME),
    9: ("difference_pp", "Board (voting)", BME),
}
# Rows that look like a headline but are not: the comparison must never pick them up.
DECOYS = [
    (1, "percent", "Overall workforce", "White"),
    (1, "percent", "Clinical: 5", BME),
    (1, "headcount", "Overall workforce", BME),
    (2, "relative_likelihood", "Excluding international recruits", ""),
    (3, "relative_likelihood", "Reporting year", ""),
    (4, "percent", "All", BME),
    (5, "percent", "All", "White"),
    (7, "percent", "All", "White"),
    (9, "difference_pp", "Board (all)", BME),
    (9, "difference_pp", "Board (voting)", "White"),
    (9, "percent", "Board (voting)", BME),
]
DECOY = 99.0  # within every measure's range (a report's file is read strictly), and no real figure


# --- a hand-checked example: three organisations --------------------------------------------

#   indicator:   1     2     3     4    5   6   7    8    9
NOW = {
    "AAA": [10.0, 1.50, 1.10, 0.95, 30, 15, 60, 5.0, -10.0],
    "BBB": [20.0, 0.50, NAN, 1.04, 20, 15, 80, NAN, 4.0],
    "CCC": [30.0, 0.90, 3.00, 1.06, 25, 10, 70, 10.0, -2.0],
}
BEFORE = {  # the year before, as each organisation's own report shows it (its trend)
    "AAA": {1: 8.0, 2: 2.0, 5: 32.0, 9: -12.0},
    "BBB": {2: 0.5},
    "CCC": {1: 33.0, 7: 65.0},
}
# Ranks, worked by hand (rank 1 is the best; ties share the better rank):
#  1 BME share: no better or worse, so no ranks.
#  2 RL, closest to 1 on the log scale: |ln 1.5| = 0.405, |ln 0.5| = 0.693, |ln 0.9| = 0.105
#    -> CCC 1, AAA 2, BBB 3. (On a linear scale 1.5 and 0.5 would tie, both 0.5 from 1; but
#    0.5 is "twice as likely" the other way, further than 1.5.)
#  3 RL: |ln 1.1| = 0.095, |ln 3| = 1.099, BBB suppressed -> AAA 1, CCC 2; BBB unranked.
#  4 RL: |ln 0.95| = 0.051, |ln 1.04| = 0.039, |ln 1.06| = 0.058 -> BBB 1, AAA 2, CCC 3.
#  5, 6, 8 lower is better: 5: 20 < 25 < 30 -> BBB 1, CCC 2, AAA 3.
#                           6: 10 < 15 = 15 -> CCC 1, AAA 2, BBB 2 (a tie).
#                           8: 5 < 10, BBB suppressed -> AAA 1, CCC 2.
#  7 higher is better: 80 > 70 > 60 -> BBB 1, CCC 2, AAA 3.
#  9 closest to 0: |-10| = 10, |4| = 4, |-2| = 2 -> CCC 1, BBB 2, AAA 3 (lowest-is-best
#    would wrongly put AAA, the furthest below, first).
RANKS = {
    1: {"AAA": None, "BBB": None, "CCC": None},
    2: {"CCC": 1, "AAA": 2, "BBB": 3},
    3: {"AAA": 1, "CCC": 2, "BBB": None},
    4: {"BBB": 1, "AAA": 2, "CCC": 3},
    5: {"BBB": 1, "CCC": 2, "AAA": 3},
    6: {"CCC": 1, "AAA": 2, "BBB": 2},
    7: {"BBB": 1, "CCC": 2, "AAA": 3},
    8: {"AAA": 1, "CCC": 2, "BBB": None},
    9: {"CCC": 1, "BBB": 2, "AAA": 3},
}
# Change since last year = this year - last year, where both exist:
CHANGES = {
    ("AAA", 1): 2.0,  # 10 - 8
    ("AAA", 2): -0.5,  # 1.5 - 2.0
    ("AAA", 5): -2.0,  # 30 - 32
    ("AAA", 9): 2.0,  # -10 - -12
    ("BBB", 2): 0.0,  # 0.5 - 0.5
    ("CCC", 1): -3.0,  # 30 - 33
    ("CCC", 7): 5.0,  # 70 - 65
}
# Across organisations (median of three is the middle one, of two the mean of both; pandas'
# quartiles interpolate: q1 of 0.5, 0.9, 1.5 is 0.5 + 0.5 x 0.4 = 0.7, q3 0.9 + 0.5 x 0.6 = 1.2).
# Inside the non-adverse range 0.80-1.25 (RLs only): 2: CCC only; 3: AAA only; 4: all three.
DISTRIBUTION = {
    #   organisations, min, median, max, inside, best, worst
    1: (3, 10.0, 20.0, 30.0, None, "", ""),
    2: (3, 0.5, 0.9, 1.5, 1, "CCC", "BBB"),
    3: (2, 1.1, 2.05, 3.0, 1, "AAA", "CCC"),
    4: (3, 0.95, 1.04, 1.06, 3, "BBB", "CCC"),
    5: (3, 20.0, 25.0, 30.0, None, "BBB", "AAA"),
    6: (3, 10.0, 15.0, 15.0, None, "CCC", "AAA or BBB"),
    7: (3, 60.0, 70.0, 80.0, None, "BBB", "AAA"),
    8: (2, 5.0, 7.5, 10.0, None, "AAA", "CCC"),
    9: (3, -10.0, -2.0, 4.0, None, "CCC", "AAA"),
}


def non_adverse(indicator: int, value: float) -> str:
    if indicator not in (2, 3, 4) or math.isnan(value):
        return ""
    return "inside" if 0.8 <= value <= 1.25 else "outside"


def rows_for(org: str, year: int, values: dict[int, float], decoy: bool = True) -> list[dict]:
    rows = []
    for indicator, value in values.items():
        measure, breakdown, group = HEADLINE_ROW[indicator]
        rows.append(
            {
                "indicator": indicator,
                "measure": measure,
                "breakdown": breakdown,
                "group": group,
                "value": value,
                "org": org,
                "year": year,
                "non_adverse": non_adverse(indicator, value),
                "suppression": "small numbers" if math.isnan(value) else "",
            }
        )
    if decoy:
        for indicator, measure, breakdown, group in DECOYS:
            rows.append(
                {
                    "indicator": indicator,
                    "measure": measure,
                    "breakdown": breakdown,
                    "group": group,
                    "value": DECOY,
                    "org": org,
                    "year": year,
                    "non_adverse": "outside" if measure == "relative_likelihood" else "",
                }
            )
    return rows


def write_hand(output: Path) -> Path:
    """Each organisation's indicators.csv as its report writes it: its own figures for this
    year and the trend years, then its comparators' for this year. Only its own rows for
    this year and last may count; the others carry decoy values."""
    orgs = sorted(NOW)
    for org in orgs:
        rows = rows_for(org, YEAR, dict(enumerate(NOW[org], 1)))
        rows += rows_for(org, YEAR - 1, BEFORE[org])
        rows += rows_for(org, YEAR - 2, dict.fromkeys(range(1, 10), DECOY))  # not compared
        for peer in orgs:
            if peer != org:  # its view of a peer: the peer's own file is what counts
                rows += rows_for(peer, YEAR, dict.fromkeys(range(1, 10), DECOY), decoy=False)
        path = output / org / str(YEAR) / "indicators.csv"
        path.parent.mkdir(parents=True)
        write_csv(pd.DataFrame(rows), path)
    return output


@pytest.fixture
def hand(tmp_path: Path) -> national.NationalData:
    return national.NationalData.build(YEAR, write_hand(tmp_path / "output"), standard=WRES)


def cell(table: pd.DataFrame, indicator: int, org: str, column: str):
    found = table[(table["indicator"] == str(indicator)) & (table["org"] == org)]
    assert len(found) == 1, (indicator, org, found)
    return found[column].iloc[0]


def test_each_headline_value_is_the_organisations_own_row(hand):
    assert len(hand.table) == 9 * 3  # one row per indicator and organisation
    for org, values in NOW.items():
        for indicator, value in enumerate(values, 1):
            got = cell(hand.table, indicator, org, "value")
            assert (math.isnan(got) and math.isnan(value)) or got == value, (org, indicator)
            assert cell(hand.table, indicator, org, "year") == YEAR
            assert cell(hand.table, indicator, org, "label") == LABELS[indicator]
    assert DECOY not in set(hand.table["value"]) | set(hand.table["previous"])


def test_ranks_and_counts_worked_by_hand(hand):
    for indicator, ranks in RANKS.items():
        with_figure = sum(not math.isnan(NOW[org][indicator - 1]) for org in NOW)
        for org, rank in ranks.items():
            got = cell(hand.table, indicator, org, "rank")
            assert pd.isna(got) if rank is None else got == rank, (indicator, org, got)
            # "rank r of count": how many organisations have the figure, on every row
            assert cell(hand.table, indicator, org, "count") == with_figure, (indicator, org)


def test_change_since_last_year_worked_by_hand(hand):
    for org in NOW:
        for indicator in range(1, 10):
            previous = BEFORE[org].get(indicator, NAN)
            got_previous = cell(hand.table, indicator, org, "previous")
            assert got_previous == previous or (math.isnan(got_previous) and math.isnan(previous))
            change = cell(hand.table, indicator, org, "change")
            expected = CHANGES.get((org, indicator))
            if expected is None:
                assert math.isnan(change), (org, indicator, change)
            else:
                assert change == pytest.approx(expected), (org, indicator)


def test_the_table_is_in_rank_order_within_each_indicator(hand):
    assert list(hand.table["indicator"]) == sorted(hand.table["indicator"])
    for indicator in range(2, 10):
        orgs = list(hand.table.loc[hand.table["indicator"] == str(indicator), "org"])
        by_hand = sorted(RANKS[indicator], key=lambda o: (RANKS[indicator][o] or 99, o))
        assert orgs == by_hand, indicator


def test_the_distribution_worked_by_hand(hand):
    summary = hand.summary.set_index("indicator")
    assert list(summary.index) == [str(i) for i in range(1, 10)]
    for indicator, (n, low, median, high, inside, best, worst) in DISTRIBUTION.items():
        row = summary.loc[str(indicator)]
        assert row["organisations"] == n
        assert (row["min"], row["median"], row["max"]) == pytest.approx((low, median, high))
        if inside is None:
            assert math.isnan(row["inside_non_adverse"]), indicator
        else:
            assert row["inside_non_adverse"] == inside, indicator
        assert row["best"] == best, indicator
        assert row["worst"] in worst.split(" or "), indicator
    assert (summary.loc["2", "q1"], summary.loc["2", "q3"]) == pytest.approx((0.7, 1.2))


def test_national_csv_holds_the_table(hand, tmp_path):
    hand.write(tmp_path)
    written = pd.read_csv(tmp_path / "national.csv")
    assert list(written.columns) == list(hand.table.columns)
    assert len(written) == len(hand.table)
    for column in ("value", "previous", "change"):
        assert np.allclose(written[column], hand.table[column].astype(float), equal_nan=True)
    assert written["rank"].equals(pd.to_numeric(hand.table["rank"]).astype(float))
    assert hand.synthetic is False  # no `synthetic` column: not the demo data


def test_no_indicators_csv_is_refused_naming_the_folder(tmp_path):
    (tmp_path / "output" / "ECCH" / str(YEAR - 1)).mkdir(parents=True)
    with pytest.raises(InputError) as caught:
        national.NationalData.build(YEAR, tmp_path / "output", standard=WRES)
    message = caught.value.message()
    assert str(tmp_path / "output") in message and f"<ORG>/{YEAR}/indicators.csv" in message
    assert f"make reports YEAR={YEAR}" in message


def test_an_organisation_without_last_years_figures_has_no_change(tmp_path):
    output = tmp_path / "output"
    path = output / "NEW1" / str(YEAR) / "indicators.csv"
    path.parent.mkdir(parents=True)
    write_csv(pd.DataFrame(rows_for("NEW1", YEAR, {2: 1.3, 9: 0.0})), path)
    table = national.NationalData.build(YEAR, output, standard=WRES).table
    assert list(table["indicator"]) == ["2", "9"]
    assert table["previous"].isna().all() and table["change"].isna().all()
    assert list(table["rank"]) == [1, 1] and list(table["count"]) == [1, 1]


# --- a bad folder or file: left out by name, the rest compared (issue 21.8) -----------------

FOLDER_RULE = "a folder named by an organisation code of 2-12 capital letters or digits, e.g. ECCH"
MISSING = "expected a column of indicators.csv: this one is missing"


def plant_bad(output: Path) -> list[str]:
    """Beside the three good reports: two folders not named by a code (each holding a good
    copy of AAA's file, never read), one file with a word for a number and one that is not
    a CSV at all. What each is refused for, as the comparison names it."""
    for name in ("..x", "not a code"):
        (output / name / str(YEAR)).mkdir(parents=True)
        good = (output / "AAA" / str(YEAR) / "indicators.csv").read_bytes()
        (output / name / str(YEAR) / "indicators.csv").write_bytes(good)
    path = output / "DDD" / str(YEAR) / "indicators.csv"
    path.parent.mkdir(parents=True)
    write_csv(pd.DataFrame(rows_for("DDD", YEAR, {2: 1.3, 9: 0.0})), path)
    path.write_text(path.read_text().replace(",1.3,", ",one point three,"))
    path = output / "EEE" / str(YEAR) / "indicators.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 not a CSV\n")  # a zip file's first bytes
    eee = "EEE/2019/indicators.csv, row 1, column"
    return [
        f"..x: found '..x'; expected {FOLDER_RULE}",
        # row 2 of DDD's file is indicator 2's row, its value the word
        "DDD/2019/indicators.csv, row 2, column 'value': found 'one point three'; expected a "
        "number (e.g. 1.46 or 23.8), or blank",
        *[f"{eee} '{c}': {MISSING}" for c in national_required()],
        f"{eee} 'PK\x03\x04 not a CSV': expected only indicators.csv's columns "
        "(indicator, measure, breakdown, group, numerator, denominator, value, ci_low, ci_high, "
        "suppression, org, year, favours, non_adverse, small_numbers, interpretation, note, "
        "range_low, range_high, synthetic, source)",
        f"not a code: found 'not a code'; expected {FOLDER_RULE}",
    ]


def national_required() -> list[str]:
    """The columns every indicators.csv has, as the contract lists them (not the code's)."""
    return ["indicator", "measure", "breakdown", "group", "value", "org", "year"]


def test_a_bad_folder_or_file_is_left_out_by_name_and_the_rest_compared(tmp_path):
    output = write_hand(tmp_path / "output")
    clean = national.NationalData.build(YEAR, output, standard=WRES)
    assert clean.left_out == []
    expected = plant_bad(output)
    built = national.NationalData.build(YEAR, output, standard=WRES)
    assert [str(p) for p in built.left_out] == expected
    assert national.left_out_orgs(built.left_out) == ["..x", "DDD", "EEE", "not a code"]
    # the good ones' figures, ranks and changes exactly as without the bad ones
    pd.testing.assert_frame_equal(built.table, clean.table)
    pd.testing.assert_frame_equal(built.summary, clean.summary)
    assert sorted(built.table["org"].unique()) == ["AAA", "BBB", "CCC"]


def test_the_comparisons_notes_list_what_was_left_out(tmp_path):
    write_hand(tmp_path / "again")
    output = write_hand(tmp_path / "output")
    plant_bad(output)
    data = national.NationalData.build(YEAR, output, standard=WRES)
    tables: list = []
    notes: list = []
    with shown(tables, notes):
        national.show_summary(data)
    left = [safe.plain(n) for n in notes if n.startswith("Left out of this comparison")]
    assert len(left) == 1  # as the page reads it: every name and problem, literally
    names = "..x, DDD, EEE, not a code"
    assert left[0].startswith(f"Left out of this comparison, their files not as expected: {names}.")
    for line in plant_bad(tmp_path / "again"):  # the same problems, each as a line of the list
        assert line.replace("\x03\x04", "\\x03\\x04") in left[0], line  # controls as codes


def test_wres_national_exits_2_naming_each_when_nothing_can_be_compared(tmp_path, capsys):
    from wres_helpers import cli

    output = tmp_path / "output"
    output.mkdir()
    write_hand(tmp_path / "good")  # AAA's file, copied into the bad folders
    (output / "AAA").symlink_to(tmp_path / "good" / "AAA")
    expected = plant_bad(output)
    (output / "AAA").unlink()
    status = cli.main(["national", str(YEAR), "--output-root", str(output)])
    assert status == 2
    err = capsys.readouterr().err
    assert f"{len(expected)} problems in the input files:" in err
    for line in expected:  # a control character from a file printed as its code
        shown = line.replace("\x03\x04", "\\x03\\x04")
        assert f"  {shown}\n" in err, line
    assert "\x03" not in err
    assert not (output / "national").exists()


@pytest.mark.slow
def test_wres_national_builds_from_the_rest_and_prints_what_was_left_out(tmp_path, capsys):
    from wres_helpers import cli

    output = write_hand(tmp_path / "output")
    expected = plant_bad(output)
    assert cli.main(["national", str(YEAR), "--output-root", str(output)]) == 0
    err = capsys.readouterr().err
    assert "Left out of the comparison (..x, DDD, EEE, not a code):" in err
    for line in expected:  # each problem on a line of its own, a control character as its code
        shown = line.replace("\x03\x04", "\\x03\\x04")
        assert f"  {shown}\n" in err, line
    folder = output / "national" / str(YEAR)
    written = pd.read_csv(folder / "national.csv")
    assert sorted(written["org"].unique()) == ["AAA", "BBB", "CCC"]
    text = normalise(
        " ".join(p.extract_text() for p in PdfReader(folder / f"national-{YEAR}-WRES.pdf").pages)
    )
    assert (
        "Left out of this comparison, their files not as expected: ..x, DDD, EEE, not a code."
        in text
    )
    assert "3 organisations published WRES figures" in text


# --- a long list in the PDF: the ends of it -------------------------------------------------


@contextlib.contextmanager
def shown(tables: list, notes: list):
    """What the comparison shows, caught: its tables and its notes (figures and headings
    are left out)."""
    from wres_helpers.presentation import present

    with (
        mock.patch.object(present, "table", lambda frame, caption: tables.append(frame)),
        mock.patch.object(present, "markdown", notes.append),
        mock.patch.object(present, "figure", lambda *args: None),
        mock.patch.object(present, "heading", lambda *args: None),
    ):
        yield


def listed(data: national.NationalData, indicator: int) -> tuple[pd.DataFrame, list[str]]:
    """The table and the notes show_indicator puts in the PDF for one indicator."""
    tables, notes = [], []
    with shown(tables, notes):
        national.show_indicator(data, data.lines[indicator - 1])
    assert len(tables) == 1
    return tables[0], notes


@pytest.fixture
def many(tmp_path: Path) -> national.NationalData:
    """30 organisations: indicator 2 published by 25 (RL 1.00, 1.05, ... 2.20), suppressed
    for 5; indicator 3 published by 15 only; indicator 1 by all 30."""
    output = tmp_path / "output"
    for i in range(30):
        org = f"O{i:03d}"
        values = {1: float(30 - i), 2: 1 + i / 20 if i < 25 else NAN, 3: 1 + i if i < 15 else NAN}
        path = output / org / str(YEAR) / "indicators.csv"
        path.parent.mkdir(parents=True)
        write_csv(pd.DataFrame(rows_for(org, YEAR, values, decoy=False)), path)
    return national.NationalData.build(YEAR, output, standard=WRES)


@pytest.mark.slow
def test_a_long_ranking_lists_the_ten_best_and_the_ten_worst_with_a_figure(many):
    shown, notes = listed(many, 2)
    assert list(shown["Organisation"]) == [f"O{i:03d}" for i in [*range(10), *range(15, 25)]]
    assert list(shown["Rank"]) == [str(r) for r in [*range(1, 11), *range(16, 26)]]
    assert "–" not in set(shown[str(YEAR)])  # the suppressed five are not "the worst"
    assert [safe.plain(note) for note in notes] == [
        "National figure: England, 2019: 1.46 (White applicants vs BME applicants, "
        "appointed from shortlisting).",
        "The 10 best and 10 worst are listed; national.csv has every organisation.",
    ]


@pytest.mark.slow
def test_a_long_list_with_few_figures_lists_those_with_one(many):
    shown, notes = listed(many, 3)
    assert list(shown["Organisation"]) == [f"O{i:03d}" for i in range(15)]
    assert safe.plain(notes[0]).startswith("National figure: England, 2019: 1.22 (BME staff vs")
    assert "not listed" in notes[1]


@pytest.mark.slow
def test_a_long_list_without_a_best_lists_the_lowest_and_highest(many):
    shown, notes = listed(many, 1)  # the BME share: O029 is the lowest (1), O000 highest (30)
    assert list(shown["Organisation"]) == [
        f"O{i:03d}" for i in [*range(29, 19, -1), *range(9, -1, -1)]
    ]
    assert set(shown["Rank"]) == {"–"}
    # England published no BME share for 2019 that could be found: said in words, not left out
    assert safe.plain(notes[0]) == (
        "National figure: None found: no England figure for 2019 was found in NHS England's "
        "reports."
    )
    assert notes[1].startswith("The 10 lowest and 10 highest are listed")


# --- the seven demo organisations, as their reports publish them ---------------------------

DEMO_ORGS = ["BKCS", "ECCH", "HDCH", "KMCP", "LPCH", "OHCC", "SMCH"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """output/<ORG>/2019/indicators.csv for every demo organisation, written by the same
    call the report notebook makes, from the real params/ (no PDF is built)."""
    output = tmp_path_factory.mktemp("output")
    with contextlib.chdir(ROOT):  # params.yaml names its data folder relative to the project
        for org in DEMO_ORGS:
            folder = output / org / str(YEAR)
            folder.mkdir(parents=True)
            ReportData.build(org, YEAR, ROOT / "params", standard=WRES).write_indicators(folder)
    return output


def own_rows(output: Path, org: str) -> list[dict[str, str]]:
    with (output / org / str(YEAR) / "indicators.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def published(rows: list[dict[str, str]], org: str, year: int, indicator: int) -> float:
    """The one headline row of `org` in a report's indicators.csv, read as plain text."""
    measure, breakdown, group = HEADLINE_ROW[indicator]
    found = [
        r
        for r in rows
        if (r["org"], r["year"], r["indicator"]) == (org, str(year), str(indicator))
        and (r["measure"], r["breakdown"], r["group"]) == (measure, breakdown, group)
    ]
    assert len(found) <= 1, found
    return float(found[0]["value"]) if found and found[0]["value"] != "" else NAN


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def distance(indicator: int, value: float) -> float:
    """How far from the best, smaller is better (written out for the test)."""
    if indicator in (2, 3, 4):
        return abs(math.log(value))
    if indicator == 9:
        return abs(value)
    return -value if indicator == 7 else value


@pytest.mark.slow
def test_the_comparison_agrees_with_each_organisations_indicators_csv(demo):
    table = national.NationalData.build(YEAR, demo, standard=WRES).table
    assert sorted(table["org"].unique()) == DEMO_ORGS
    assert len(table) == 9 * len(DEMO_ORGS)
    for org in DEMO_ORGS:
        rows = own_rows(demo, org)
        for indicator in range(1, 10):
            value = published(rows, org, YEAR, indicator)
            previous = published(rows, org, YEAR - 1, indicator)
            assert same(cell(table, indicator, org, "value"), value), (org, indicator)
            assert same(cell(table, indicator, org, "previous"), previous), (org, indicator)
            change = cell(table, indicator, org, "change")
            assert same(change, value - previous) or change == pytest.approx(value - previous)
    # The demo data is not so small that everything is suppressed.
    assert table["value"].notna().sum() >= 7 * len(DEMO_ORGS)


@pytest.mark.slow
def test_the_demo_ranks_follow_the_distance_from_the_best(demo):
    table = national.NationalData.build(YEAR, demo, standard=WRES).table
    for indicator in range(2, 10):
        part = table[(table["indicator"] == str(indicator)) & table["value"].notna()]
        far = {r.org: distance(indicator, r.value) for r in part.itertuples()}
        for a in far:
            for b in far:
                rank_a, rank_b = cell(part, indicator, a, "rank"), cell(part, indicator, b, "rank")
                if far[a] < far[b]:
                    assert rank_a < rank_b, (indicator, a, b)
                elif far[a] == far[b]:
                    assert rank_a == rank_b, (indicator, a, b)
        assert sorted(part["rank"])[0] == 1
        assert set(part["count"]) == {len(part)}


@pytest.mark.slow
def test_each_report_shows_its_peers_as_the_comparison_does(demo):
    """Every demo organisation compares itself with the other six: the peers' figures in its
    own indicators.csv are the figures in the national comparison."""
    table = national.NationalData.build(YEAR, demo, standard=WRES).table
    checked = 0
    for org in DEMO_ORGS:
        rows = own_rows(demo, org)
        for peer in DEMO_ORGS:
            if peer == org:
                continue
            for indicator in range(1, 10):
                shown = published(rows, peer, YEAR, indicator)
                assert same(shown, cell(table, indicator, peer, "value")), (org, peer, indicator)
                checked += not math.isnan(shown)
    assert checked >= 6 * 7 * 7


def normalise(text: str) -> str:
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.slow
def test_build_national_writes_the_csv_and_a_pdf_naming_every_organisation(demo):
    pdf = national.build_national(YEAR, demo, say=print, standard=WRES)
    folder = demo / "national" / str(YEAR)
    assert pdf == folder / f"national-{YEAR}-WRES.pdf"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["national.csv", f"national-{YEAR}-WRES.pdf", f"national-{YEAR}-WRES.html"]
        + [f"national-{YEAR}-WRES.ipynb"]
    )
    assert not [p for p in (demo / "national").iterdir() if p.name.startswith(".")]

    written = pd.read_csv(folder / "national.csv")
    expected = national.NationalData.build(YEAR, demo, standard=WRES).table
    assert len(written) == len(expected) == 9 * len(DEMO_ORGS)
    assert np.allclose(written["value"], expected["value"].astype(float), equal_nan=True)
    assert list(written["org"]) == list(expected["org"])
    ecch = own_rows(demo, "ECCH")
    for row in written.itertuples():  # national.csv against each organisation's own file
        own = published(own_rows(demo, row.org), row.org, YEAR, row.indicator)
        assert same(row.value, own) or row.value == pytest.approx(own), row
        # and against what ECCH's report shows for its comparators (all the others)
        shown = published(ecch, row.org, YEAR, row.indicator)
        assert same(row.value, shown) or row.value == pytest.approx(shown), row

    text = normalise(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    for org in DEMO_ORGS:
        assert org in text
    for indicator, title in TITLES.items():
        assert f"Indicator {indicator}: {title}" in text
    assert "7 organisations" in text and "SYNTHETIC" in text.upper()
    # Collecting again finds the organisations only, not the comparison's own folder.
    assert (
        sorted(national.NationalData.build(YEAR, demo, standard=WRES).table["org"].unique())
        == DEMO_ORGS
    )


def test_england_beside_the_organisations_where_a_figure_was_published(many):
    from wres_helpers.presentation import present

    _, notes = listed(many, 1)  # no England figure for indicator 1 in 2019: said in words
    assert not any("England, 2019" in note for note in notes)
    assert "National figure: None found: no England figure for 2019" in safe.plain(notes[0])
    tables, notes = [], []
    with (
        mock.patch.object(present, "table", lambda frame, caption: tables.append(frame)),
        mock.patch.object(present, "markdown", notes.append),
        mock.patch.object(present, "heading", lambda *args: None),
    ):
        national.show_summary(many)
    england = dict(zip(tables[0]["Indicator"].str[:1], tables[0]["England"], strict=True))
    assert england == {"1": "none found", "2": "1.46", "3": "1.22"}
    cited = " ".join(safe.plain(note) for note in notes)
    assert "Ethnicity facts and figures, 'NHS workforce appointments from shortlisting'" in cited
    # each figure read from the press, not NHS England's own report, is named as such
    assert (
        "not read in NHS England's own text: indicator 2 1.46, indicator 3 1.22, indicator 4 "
        "1.15." in cited
    )


def test_an_organisation_set_to_the_single_year_figure_is_compared_on_it(tmp_path):
    """The headline rule is the report's: ONE's params.yaml makes its indicator 3 headline the
    reporting year's figure (2.50), so the comparison takes that, not its two-year 1.50;
    TWO has no params.yaml and keeps the default, the two-year figure (1.20)."""
    output, params = tmp_path / "output", tmp_path / "params"
    figures = {"ONE": {"Reporting year": 2.5, "Two-year rolling": 1.5}}
    figures["TWO"] = {"Reporting year": 3.0, "Two-year rolling": 1.2}
    for org, by_breakdown in figures.items():
        rows = [
            {"indicator": 3, "measure": "relative_likelihood", "breakdown": breakdown,
             "group": "", "value": value, "org": org, "year": YEAR, "non_adverse": "outside"}
            for breakdown, value in by_breakdown.items()
        ]  # fmt: skip
        path = output / org / str(YEAR) / "indicators.csv"
        path.parent.mkdir(parents=True)
        write_csv(pd.DataFrame(rows), path)
    text = (ROOT / "params" / "ECCH" / str(YEAR) / "params.yaml").read_text(encoding="utf-8")
    text = text.replace("code: ECCH", "code: ONE").replace(
        "disciplinary_rolling: true", "disciplinary_rolling: false"
    )
    (params / "ONE" / str(YEAR)).mkdir(parents=True)
    (params / "ONE" / str(YEAR) / "params.yaml").write_text(text, encoding="utf-8")
    data = national.NationalData.build(YEAR, output, params, standard=WRES)
    assert cell(data.table, 3, "ONE", "value") == 2.5
    assert cell(data.table, 3, "TWO", "value") == 1.2
    assert cell(data.table, 3, "ONE", "label") == (
        "RL: BME vs White disciplinary (each organisation's headline)"
    )
    # Without ONE's parameters, both are compared on the default, the two-year figure.
    default = national.NationalData.build(YEAR, output, tmp_path / "nowhere", standard=WRES)
    assert cell(default.table, 3, "ONE", "value") == 1.5
    assert cell(default.table, 3, "ONE", "label") == LABELS[3]


def test_the_wdes_comparison_shows_england_where_a_figure_was_published(tmp_path):
    """The demo's WDES indicators (the back-test copies) for 2019: England's metric 2 RL and
    4a(iii) (the 2018 survey) beside the organisations, 9b's share of trusts under its own
    section, nothing else."""
    for copy in sorted((ROOT / "tests" / "backtest" / "wdes").glob("*-2019.csv")):
        org = copy.stem.split("-")[0]
        path = tmp_path / org / str(YEAR) / "indicators-wdes.csv"
        path.parent.mkdir(parents=True)
        path.write_bytes(copy.read_bytes())
    data = national.NationalData.build(YEAR, tmp_path, tmp_path / "nowhere", standard=WDES)
    tables, notes, by_metric = [], [], {}
    with shown(tables, notes):
        national.show_summary(data)
        for line in data.lines:
            before = len(notes)
            national.show_indicator(data, line)
            by_metric[line.indicator] = " ".join(safe.plain(n) for n in notes[before:])
    ids = tables[0]["Indicator"].str.split(".").str[0]
    england = dict(zip(ids, tables[0]["England"], strict=True))
    assert england["2"] == "1.18"
    assert england["9b"] == "85.0% of trusts answered yes"  # a context figure, in its words
    # NHS England's September 2023 release: harassment by colleagues 'now at 25% down from 26.4%
    # in 2018', the 2018 staff survey, which the 2019 WDES reports read.
    assert england["4a_iii"] == "26.4%"
    assert {v for k, v in england.items() if k not in ("2", "9b", "4a_iii")} == {"none found"}
    assert "'Record numbers of disabled staff on NHS boards'" in safe.plain(notes[1])
    assert "National figure: England, 2019: 1.18 (non-disabled applicants" in by_metric["2"]
    assert "National figure: England, 2019: 85.0% of trusts answered yes." in by_metric["9b"]
    assert (
        "National figure: England, 2018 staff survey: 26.4% (Disabled staff"
        in (by_metric["4a_iii"])
    )
    assert [k for k, text in by_metric.items() if "England, 2019" in text] == ["2", "9b"]
    for metric in set(by_metric) - {"2", "9b", "4a_iii"}:  # none found: in words, never blank
        assert "National figure: None found: no England figure for" in by_metric[metric]


@pytest.mark.slow
def test_the_comparison_is_the_same_bytes_wherever_the_project_lives(tmp_path):
    """Two copies of the same reports in different places: the same notebook, page, PDF and
    national.csv, byte for byte; no path of this machine in any of them."""
    built = {}
    for place in ("first", "second/deeper"):
        output = write_hand(tmp_path / place / "output")
        national.build_national(
            YEAR, output, params_root=tmp_path / place / "params", standard=WRES
        )
        folder = output / "national" / str(YEAR)
        built[place] = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert built["first"] == built["second/deeper"]
    for name, content in built["first"].items():
        assert str(tmp_path).encode() not in content, name
