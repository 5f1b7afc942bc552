"""Shared fixtures: a small hand-worked organisation whose figures are worked out in
tests/HAND-WORKED.md, written as real CSV files."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

# Tests keep no checked files between runs (inputs/cache.py): each reads its files afresh,
# unless it turns the cache on itself (tests/test_cache.py). Subprocesses inherit this.
os.environ["WRES_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
NEW_ORG = "NEWORG"


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _workforce(cells: list[tuple[str, str, str, int, int]], prefix: str) -> list[list]:
    """cells: (ethnic code, staff group, band, headcount, of whom trained)."""
    rows, n = [], 0
    for code, staff_group, band, count, trained in cells:
        for i in range(count):
            n += 1
            rows.append(
                [f"{prefix}{n:04d}", code, staff_group, band, "Yes" if i < trained else "No"]
            )
    return rows


WORKFORCE_HEADER = [
    "staff_id",
    "ethnic_category",
    "staff_group",
    "pay_band",
    "non_mandatory_training",
]

# 2019: White 40 (20 trained), BME 10 (4 trained), Unknown 5.
WORKFORCE_2019 = [
    ("A", "Clinical", "5", 15, 8),
    ("B", "Clinical", "Band 5", 5, 2),
    ("A", "Clinical", "6", 10, 5),
    ("C3", "Non-clinical", "3", 10, 5),
    ("H", "Clinical", "5", 4, 2),
    ("N", "Clinical", "5", 4, 1),
    ("Mixed - White and Asian", "Clinical", "6", 2, 1),
    ("Z", "Clinical", "5", 2, 0),
    ("", "Clinical", "5", 1, 0),
    ("99", "Clinical", "6", 1, 0),
    ("Not stated", "Non-clinical", "3", 1, 0),
]
# 2018: White 38, BME 8, Unknown 6.
WORKFORCE_2018 = [
    ("A", "Clinical", "5", 38, 19),
    ("H", "Clinical", "5", 8, 3),
    ("Z", "Clinical", "5", 6, 0),
]


def make_tiny(root: Path, org: str = "TINY") -> Path:
    """Write the hand-worked organisation for 2018 and 2019; return the 2019 folder."""
    for year, cells in ((2018, WORKFORCE_2018), (2019, WORKFORCE_2019)):
        write_csv(
            root / org / str(year) / "workforce.csv", WORKFORCE_HEADER, _workforce(cells, "S")
        )
    y19 = root / org / "2019"
    write_csv(
        y19 / "recruitment.csv",
        ["ethnic_category", "appointed", "international_recruit"],
        [["A", "yes", "no"]] * 10 + [["A", "no", "no"]] * 40
        + [["H", "yes", "yes"]] * 2 + [["H", "no", "yes"]] * 8 + [["N", "no", "no"]] * 10
        + [["Z", "yes", "no"]] * 1 + [["Z", "no", "no"]] * 4,
    )  # fmt: skip
    write_csv(y19 / "disciplinary.csv", ["ethnic_category"], [["A"], ["B"], ["H"], ["M"]])
    write_csv(root / org / "2018" / "disciplinary.csv", ["ethnic_category"], [["A"]])
    write_csv(
        y19 / "staff_survey.csv",
        ["indicator", "group", "respondents", "positive", "question"],
        [[5, "White", 30, 6, "Q13a"], [5, "BME", 8, 3, "Q13a"],
         [7, "White", 30, 24, "Q14"], [7, "BME", 12, 6, "Q14"]],
    )  # fmt: skip
    write_csv(
        y19 / "board.csv",
        ["ethnic_category", "voting", "executive"],
        [["A", "Y", "Y"]] * 4 + [["A", "Y", "N"]] * 4 + [["N", "Y", "N"], ["Z", "N", "N"]],
    )
    return y19


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return make_tiny(tmp_path / "data")


@pytest.fixture
def make_org(tmp_path: Path):
    """Factory for small edge-case organisations written as CSV files.

    make_org({"workforce": (header, rows), ...}, year=2019, org="ORG") writes
    `tmp_path/data/ORG/YEAR/<table>.csv` for each table given and returns the folder.
    """

    def make(tables: dict[str, tuple[list[str], list[list]]], year: int = 2019, org: str = "ORG"):
        folder = tmp_path / "data" / org / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for name, (header, rows) in tables.items():
            write_csv(folder / f"{name}.csv", header, rows)
        return folder

    return make


def workforce_table(cells: list[tuple[str, str, str, int, int]], prefix: str = "S"):
    """(header, rows) for make_org from (code, staff group, band, headcount, trained) cells."""
    return WORKFORCE_HEADER, _workforce(cells, prefix)


# NHS England's Agenda for Change clusters, written here, not read from the package: a
# cluster row of WRES indicator 1 ('Clinical: Bands 1-4', 'Clinical and non-clinical: Bands
# 1-4') is the sum of these bands' rows of its staff group (of both, for the combined one).
AFC_CLUSTERS = {
    "Bands 1-4": ("1", "2", "3", "4"),
    "Bands 5-7": ("5", "6", "7"),
    "Bands 8a-8b": ("8a", "8b"),
    "Bands 8c-9 and VSM": ("8c", "8d", "9", "VSM"),
}


def cluster_parts(label: str) -> list[str] | None:
    """The band rows a cluster row adds up, or None when the label is no cluster's."""
    group, _, name = label.partition(": ")
    if name not in AFC_CLUSTERS:
        return None
    groups = ("Non-clinical", "Clinical") if group == "Clinical and non-clinical" else (group,)
    return [f"{g}: {b}" for g in groups for b in AFC_CLUSTERS[name]]


def band_sums(labels: list[str]) -> list[tuple[int, list[int]]]:
    """Each cluster row of a table (by its row labels) with the rows it adds up."""
    at = {label: i for i, label in enumerate(labels)}
    sums = []
    for label in labels:
        parts = cluster_parts(label)
        if parts is not None:
            sums.append((at[label], [at[p] for p in parts if p in at]))
    return sums


def _totals(shape, overall_row: int, sums) -> list[tuple[int, list[int]]]:
    """Every sum a reader sees down the groups: the overall row of the rows that are no
    cluster, then each cluster of its bands."""
    clusters = {t for t, _ in sums}
    bands = [r for r in range(shape[0]) if r != overall_row and r not in clusters]
    return [(overall_row, bands), *sums]


def recoverable(hidden, overall_row: int, sums=()):
    """Hidden cells of a band table (rows x groups, one row the overall workforce) that a
    reader could solve for exactly from what is shown: every row's total (the percentage
    denominator), the cells not hidden, and each group's bands adding up to the overall row
    (and to each cluster row in `sums`: (its row, the rows it adds up)).

    Written independently of `disclosure.determined`: a hidden cell is recoverable when
    its unit vector lies in the row space of the equations on the hidden cells, i.e.
    adding it to them does not raise their rank.
    """
    import numpy as np

    hidden = np.asarray(hidden, bool)
    rows, groups = hidden.shape
    unknowns = [(r, g) for r in range(rows) for g in range(groups) if hidden[r, g]]
    position = {cell: i for i, cell in enumerate(unknowns)}
    equations = []
    for r in range(rows):  # row total is shown
        equations.append([1.0 if cell[0] == r else 0.0 for cell in unknowns])
    for total, parts in _totals(hidden.shape, overall_row, sums):
        for g in range(groups):  # sum of the parts minus the total is 0
            equation = [0.0] * len(unknowns)
            for r in [*parts, total]:
                if (r, g) in position:
                    equation[position[(r, g)]] += -1.0 if r == total else 1.0
            equations.append(equation)
    found = np.zeros_like(hidden)
    if not unknowns:
        return found
    system = np.array(equations)
    rank = np.linalg.matrix_rank(system)
    for cell, i in position.items():
        unit = np.zeros(len(unknowns))
        unit[i] = 1.0
        found[cell] = np.linalg.matrix_rank(np.vstack([system, unit])) == rank
    return found


def exposed(counts, hidden, overall_row: int, sums=()):
    """Hidden cells a reader could work out, counts being whole and never negative: cells
    of a shown total whose shown parts already make it up are 0 (and, a 0 being as good as
    shown, again until no more are found); the rest by `recoverable`, and a cell solved for
    is as good as shown too, so both run again until neither finds more. (Written
    independently of `disclosure`, like `recoverable`.)"""
    import numpy as np

    counts, hidden = np.asarray(counts), np.asarray(hidden, bool)
    zero = np.zeros_like(hidden)
    while True:
        still = hidden & ~zero
        lines = [[(r, g) for g in range(hidden.shape[1])] for r in range(hidden.shape[0])]
        lines += [
            [(r, g) for r in parts]
            for total, parts in _totals(hidden.shape, overall_row, sums)
            for g in range(hidden.shape[1])
            if not still[total, g]
        ]
        found = zero.copy()
        for cells in lines:
            parts = [cell for cell in cells if still[cell]]
            if parts and sum(counts[cell] for cell in parts) == 0:
                for cell in parts:
                    found[cell] = True
        if (found == zero).all():
            solved = recoverable(hidden & ~zero, overall_row, sums)
            if not solved.any():
                return zero
            zero |= solved  # a cell solved for is as good as shown: look for zeros again
            continue
        zero = found


# --- the WDES test organisation (tests/HAND-WORKED.md, "The WDES: TINYD, 2019") ---------------

WDES_WORKFORCE_HEADER = ["staff_id", "disability", "staff_group", "pay_band", "contract"]
# (disability as typed, staff group, band, headcount, contract)
WDES_WORKFORCE_2019 = [
    ("Yes", "Clinical", "5", 5, "Permanent"),
    ("Disabled", "Non-clinical", "3", 3, "Permanent"),
    ("YES", "Clinical", "8a", 1, "Permanent"),
    ("No", "Clinical", "5", 40, "Permanent"),
    ("No", "Clinical", "6", 10, "Fixed Term Temp"),
    ("Non-disabled", "Non-clinical", "3", 20, "Permanent"),
    ("No", "Clinical", "8c", 4, "Permanent"),
    ("No", "Medical and dental", "Consultant", 6, "Permanent"),
    ("Not Declared", "Clinical", "5", 5, "Permanent"),
    ("", "Non-clinical", "3", 3, "Permanent"),
    ("Prefer Not To Answer", "Clinical", "6", 2, "Permanent"),
    ("Unspecified", "Medical and dental", "Consultant", 1, "Permanent"),
    ("Yes", "Clinical", "5", 2, "Bank"),  # bank staff: not in metric 1 or any base
    ("No", "Clinical", "5", 3, "Bank"),
]
WDES_WORKFORCE_2018 = [
    ("Yes", "Clinical", "5", 8, "Permanent"),
    ("No", "Clinical", "5", 82, "Permanent"),
    ("", "Clinical", "5", 10, "Permanent"),
]


def _wdes_workforce(cells, prefix: str) -> list[list]:
    rows = []
    for status, staff_group, band, count, contract in cells:
        for _ in range(count):
            rows.append([f"{prefix}{len(rows) + 1:04d}", status, staff_group, band, contract])
    return rows


def make_tiny_wdes(root: Path, org: str = "TINYD") -> Path:
    """Write the WDES hand-worked organisation for 2018 and 2019; return the 2019 folder."""
    for year, cells in ((2018, WDES_WORKFORCE_2018), (2019, WDES_WORKFORCE_2019)):
        write_csv(
            root / org / str(year) / "workforce.csv",
            WDES_WORKFORCE_HEADER,
            _wdes_workforce(cells, "D"),
        )
    y19 = root / org / "2019"
    write_csv(
        y19 / "recruitment.csv",
        ["disability", "appointed"],
        [["No", "yes"]] * 10 + [["No", "no"]] * 40 + [["Yes", "yes"]] * 1
        + [["Yes", "no"]] * 9 + [["", "yes"]] * 1 + [["Not Declared", "no"]] * 4,
    )  # fmt: skip
    write_csv(
        y19 / "capability.csv",
        ["disability", "grounds"],
        [["Yes", "performance"]] * 2 + [["No", "Performance"]] * 4 + [["", "performance"]]
        + [["Yes", "ill health"]] * 3 + [["No", "Ill-health"]],
    )  # fmt: skip
    write_csv(
        root / org / "2018" / "capability.csv",
        ["disability", "grounds"],
        [["Yes", "performance"], ["No", "performance"], ["No", "performance"]],
    )
    write_csv(
        y19 / "wdes_survey.csv",
        ["metric", "group", "respondents", "positive", "mean_score", "question"],
        [["4a_i", "Disabled", 40, 14, "", "Q13a"], ["4a_i", "Non-disabled", 160, 32, "", "Q13a"],
         ["4a_ii", "Disabled", 40, 8, "", "Q13b"], ["4a_ii", "Non-disabled", 160, 16, "", "Q13b"],
         ["4a_iii", "Disabled", 40, 10, "", "Q13c"],
         ["4a_iii", "Non-disabled", 160, 24, "", "Q13c"],
         ["4b", "Disabled", 20, 10, "", "Q13d"], ["4b", "Non-disabled", 50, 30, "", "Q13d"],
         ["5", "Disabled", 40, 16, "", "Q14"], ["5", "Non-disabled", 160, 88, "", "Q14"],
         ["6", "Disabled", 40, 12, "", "Q11e"], ["6", "Non-disabled", 160, 32, "", "Q11e"],
         ["7", "Disabled", 40, 14, "", "Q5f"], ["7", "Non-disabled", 160, 72, "", "Q5f"],
         ["8", "Disabled", 30, 21, "", "Q28b"],
         ["9a", "Disabled", 40, "", "6.5", ""], ["9a", "Non-disabled", 160, "", "7.1", ""],
         ["9a", "Organisation", 210, "", "7.0", ""]],
    )  # fmt: skip
    write_csv(
        y19 / "voices.csv",
        ["facilitated", "narrative"],
        [["Yes", "Our <b>Disability</b> Network & staff side meet the Board *quarterly*."]],
    )
    write_csv(
        y19 / "board.csv",
        ["disability", "voting", "executive"],
        [["Yes", "Y", "Y"]] + [["No", "Y", "Y"]] * 3 + [["No", "Y", "N"]] * 4
        + [["", "Y", "N"], ["No", "N", "Y"]],
    )  # fmt: skip
    return y19


@pytest.fixture
def tiny_wdes(tmp_path: Path) -> Path:
    return make_tiny_wdes(tmp_path / "data")


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    """NEWORG: ECCH's 2018 and 2019 demo data under a new code, and a fresh params folder
    (as `wres new` writes it); the params root is returned."""
    from wres_helpers.inputs.scaffold import new

    for year in ("2018", "2019"):
        shutil.copytree(ROOT / "data" / "demo" / "ECCH" / year, tmp_path / "data" / NEW_ORG / year)
    params_root = tmp_path / "params"
    new(NEW_ORG, 2019, params_root, data_root=tmp_path / "data", name="New Org Community Health")
    return params_root
