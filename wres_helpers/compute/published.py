"""Published figures: an organisation's figures as it published them, read strictly.

Two forms are read by the same code: an `indicators.csv` (`indicators-wdes.csv`) as this
tool publishes it, and the typed template (`wres peers template`) for figures copied by hand
from another trust's published report. A folder `<ORG>/<YEAR>/` holding one of them and no
raw data files gives that organisation-year's figures as published: they are shown as they
are, marked "published figures", never re-computed and never suppressed again (they were
suppressed once, by whoever published them). A file that is not exactly as expected is
refused with its file, row, column and value: the figures of a comparator or a past year
are then left out, with the reason.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem, display_path
from ..inputs import read
from ..inputs.params import ORG_RULE, is_org_code
from ..inputs.schema import ORGANISATION
from ..kinds import SurveyMean
from ..standards.registry import Standard
from .indicators import COLUMNS, MEASURES

PUBLISHED = "published figures"  # how a published row is marked (column `source`)
RAW = "data files"  # a row computed by this tool from the organisation's data files
SOURCE = "source"  # the column of indicators.csv that says which
SYNTHETIC = "synthetic"

# The typed template: what a reader can copy from another trust's published report.
TEMPLATE_COLUMNS = [
    "organisation",
    "name",
    "year",
    "indicator",
    "group",
    "value",
    "numerator",
    "denominator",
    "source_url",
]
TEMPLATE_OPTIONAL = ("numerator", "denominator", "measure", "breakdown")
TEMPLATE_NAMES = {"organisation": "org"}  # template column -> indicators.csv column

REQUIRED = ["indicator", "measure", "breakdown", "group", "value", "org", "year"]
KNOWN = [*COLUMNS, "synthetic", SOURCE]
NUMBERS = ("value", "ci_low", "ci_high", "range_low", "range_high")
COUNTS = ("numerator", "denominator")
CHOICES = {
    "small_numbers": ("yes", "no", ""),
    "non_adverse": ("inside", "outside", ""),
    "synthetic": ("yes", "no", ""),
}
MAX_BYTES = 20_000_000
MAX_TEXT = 400  # characters of any one cell
URL = re.compile(r"https?://\S+")
# A cell a spreadsheet would run as a formula when indicators.xlsx carries it on.
FORMULA = re.compile(r"^[=+@\t\r]|^-[^0-9.]")


@dataclass(frozen=True)
class Published:
    """One organisation-year's published figures and where they came from."""

    org: str
    year: int
    path: str  # as shown: <ORG>/<YEAR>/<file>, never a machine path
    typed: bool  # typed into the template by hand (rather than this tool's own file)
    name: str  # the organisation's name, where the template gives one
    urls: tuple[str, ...]  # where the typed figures were copied from
    rows: pd.DataFrame  # indicators.csv's columns and `source`, for this org-year only
    others: int  # rows of the file for other organisations or years
    sha256: str
    # the same organisation's rows for earlier years (a year's file holds its trend): used
    # for a year that has neither data files nor a published file of its own
    earlier: pd.DataFrame | None = None


def find(folder: Path, standard: Standard) -> Path | None:
    """The published figures file of an organisation-year folder, if any."""
    path = Path(folder) / standard.data_names()["csv"]
    return path if path.is_file() else None


def read_figures(
    path: Path, org: str, year: int, standard: Standard, settings, shown: str | None = None
) -> Published:
    """The published figures of `org` in `year` from `path` (either form); every problem
    raised together, each by file, row, column and value."""
    shown = shown or f"{org}/{year}/{Path(path).name}"
    text = _text(Path(path), shown)
    header, records = _records(text, shown)
    typed = "organisation" in header or "source_url" in header
    problems: list[Problem] = []
    if typed:
        read_rows = _from_template(header, records, standard, settings, shown, problems)
    else:
        read_rows = _from_csv(header, records, shown, problems)
    if problems:
        raise InputError(problems)
    frame = _checked(read_rows, standard, shown, problems, typed)
    if frame is None:  # (None exactly when there are problems)
        raise InputError(problems)
    own = (frame["org"] == org) & (frame["year"] == year)
    if typed and not own.all():  # a typed file is about one organisation-year only
        bad = frame.loc[~own].iloc[0]
        raise InputError(
            [
                Problem(
                    shown,
                    f"organisation {org} and year {year} (the folder's)",
                    row=int(bad["_row"]),
                    column="organisation" if bad["org"] != org else "year",
                    value=bad["org"] if bad["org"] != org else str(bad["year"]),
                )
            ]
        )
    rows = frame.loc[own].drop(columns=["_row", "_name", "_url"]).reset_index(drop=True)
    before = (frame["org"] == org) & (frame["year"] < year)
    earlier = frame.loc[before].drop(columns=["_row", "_name", "_url"]).reset_index(drop=True)
    earlier[SOURCE] = PUBLISHED
    if not len(rows):
        raise InputError([Problem(shown, f"figures for {org} in {year}: the file has none")])
    rows[SOURCE] = PUBLISHED
    names = [n for n in dict.fromkeys(frame.loc[own, "_name"]) if n]
    urls = tuple(u for u in dict.fromkeys(frame.loc[own, "_url"]) if u)
    name, others = (names[0] if names else ""), int((~own).sum())
    digest = read.sha256(Path(path))
    return Published(org, year, shown, typed, name, urls, rows, others, digest, earlier)


def _text(path: Path, shown: str) -> str:
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem(shown, f"a file of at most {MAX_BYTES:,} bytes")])
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _records(text: str, shown: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (names as given, stripped) and each non-blank row with its row number."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise InputError([Problem(shown, f"a CSV file ({error})", row=reader.line_num)]) from None
    if not rows:
        raise InputError([Problem(shown, "a header row naming the columns")])
    header = [h.strip() for h in rows[0]]
    problems = []
    for name in {h for h in header if header.count(h) > 1}:
        problems.append(Problem(shown, "each column named once", row=1, column=name))
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    shown,
                    f"{len(header)} cells, one per column of the header (found {len(row)}: "
                    "one value per cell; quote a value that holds a comma)",
                    row=number,
                )
            )
            continue
        records.append((number, [cell.strip() for cell in row]))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.row or 0))
    return header, records


@dataclass
class _Rows:
    """A file's rows before they are checked: its columns and one dict per row."""

    columns: list[str]
    records: list[dict]


def _from_csv(header, records, shown, problems) -> _Rows:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in KNOWN]
    for name in missing:
        problems.append(
            Problem(shown, "a column of indicators.csv: this one is missing", row=1, column=name)
        )
    for name in unknown:
        problems.append(
            Problem(
                shown,
                f"only indicators.csv's columns ({', '.join(KNOWN)})",
                row=1,
                column=name,
            )
        )
    # plain dicts, not a DataFrame: each row is checked in Python, and pandas' rows cost more
    rows = [dict(zip(header, r, strict=True), _row=n, _name="", _url="") for n, r in records]
    return _Rows([*header, "_row", "_name", "_url"], rows)


def _from_template(header, records, standard, settings, shown, problems) -> _Rows:
    """The typed template's rows in indicators.csv's columns: an indicator's headline figure
    where the group is blank, the group's own figure where one is named (its measure and
    breakdown those of the headline unless the optional columns say otherwise)."""
    wanted = [c for c in TEMPLATE_COLUMNS if c not in TEMPLATE_OPTIONAL]
    for name in (c for c in wanted if c not in header):
        problems.append(
            Problem(shown, "a column of the template: this one is missing", row=1, column=name)
        )
    allowed = [*TEMPLATE_COLUMNS, *TEMPLATE_OPTIONAL]
    for name in (c for c in header if c not in allowed):
        problems.append(
            Problem(
                shown,
                f"only the template's columns ({', '.join(dict.fromkeys(allowed))})",
                row=1,
                column=name,
            )
        )
    if problems:
        return _Rows([], [])
    raw = pd.DataFrame([r for _, r in records], columns=header, dtype=object)
    frame = pd.DataFrame(
        {
            "org": raw["organisation"],
            "year": raw["year"],
            "indicator": raw["indicator"],
            "group": raw["group"],
            "value": raw["value"],
            "numerator": raw.get("numerator", ""),
            "denominator": raw.get("denominator", ""),
            "_name": raw["name"],
            "_url": raw["source_url"],
            "_row": [n for n, _ in records],
        }
    )
    measures, breakdowns = [], []
    for _, record in raw.iterrows():
        measure = breakdown = ""
        if record["indicator"] in standard.ids:
            measure, breakdown = _headline(standard, record["indicator"], record["group"], settings)
        measures.append(record.get("measure") or measure)
        breakdowns.append(record.get("breakdown") or breakdown)
    frame["measure"], frame["breakdown"] = measures, breakdowns
    for url, row in zip(raw["source_url"], frame["_row"], strict=True):
        if not URL.fullmatch(url):
            problems.append(
                Problem(
                    shown,
                    "the address the figure was copied from (http:// or https://…)",
                    row=int(row),
                    column="source_url",
                    value=url[:60],
                )
            )
    return _Rows(list(frame.columns), frame.to_dict("records"))


def _headline(standard: Standard, indicator: str, group: str, settings) -> tuple[str, str]:
    """The measure and breakdown a typed figure is: the headline's, or a group's own rate."""
    ind = standard.indicator(indicator)
    h = standard.headline(ind, settings)
    return ind.kind.typed_measure(h, group)


def _checked(frame: _Rows, standard, shown, problems, typed) -> pd.DataFrame | None:
    """Every cell of the rows typed and checked; the frame in indicators.csv's columns."""
    name = {v: k for k, v in TEMPLATE_NAMES.items()} if typed else {}
    out: dict[str, list] = {
        c: [] for c in KNOWN if c in frame.columns or c in REQUIRED or c in NUMBERS or c in COUNTS
    }
    groups = set(standard.group_names)
    if standard.of_kind(SurveyMean):  # a mean score for the whole organisation too (9a)
        groups.add(ORGANISATION)
    seen: dict[tuple, int] = {}
    names = list(standard.group_names)

    def order(name: str) -> int:
        return names.index(name) if name in names else len(names)

    def problem(row, column, value, expected):
        problems.append(
            Problem(shown, expected, row=row, column=name.get(column, column), value=value)
        )

    for record in frame.records:
        row = int(record["_row"])
        cells = {c: v if isinstance(v, str) else _cell(v) for c, v in record.items()}

        def get(column: str, cells=cells) -> str:
            return cells.get(column, "")

        for column in frame.columns:
            text = get(column)
            if len(text) > MAX_TEXT:
                problem(row, column, text[:60] + "…", f"at most {MAX_TEXT} characters")
            elif FORMULA.match(text) and column not in NUMBERS:
                problem(row, column, text[:60], "text, not a spreadsheet formula")
        indicator = get("indicator")
        if indicator not in standard.ids:
            problem(
                row,
                "indicator",
                indicator,
                f"a {standard.code} {standard.term} id: {', '.join(standard.ids)}",
            )
        measure = get("measure")
        if measure not in MEASURES:
            problem(row, "measure", measure, f"one of {', '.join(MEASURES)}")
        group = get("group")
        if group not in groups | {""}:
            problem(row, "group", group, f"{', '.join(sorted(groups, key=order))} or blank")
        breakdown = get("breakdown")
        if not breakdown:
            problem(
                row,
                "breakdown",
                breakdown,
                "the part of the organisation the row is for, e.g. 'All'",
            )
        org = get("org")
        if not is_org_code(org):
            problem(row, "org", org, ORG_RULE)
        year = get("year")
        if not re.fullmatch(r"(19|20)\d\d", year):
            problem(row, "year", year, "a four-digit year, e.g. 2019")
        numbers = {}
        for column in NUMBERS:
            numbers[column] = _number(get(column), row, column, problem)
        counts = {}
        for column in COUNTS:
            counts[column] = _count(get(column), row, column, problem)
        n, d = counts["numerator"], counts["denominator"]
        if n is not None and d is not None and n > d and measure == "percent":
            problem(row, "numerator", str(n), f"a count no larger than the denominator ({d})")
        value = numbers["value"]
        if value is not None and measure == "percent" and not 0 <= value <= 100:
            problem(row, "value", get("value"), "a percentage from 0 to 100")
        if value is not None and measure == "relative_likelihood" and value <= 0:
            problem(row, "value", get("value"), "a relative likelihood above 0")
        if value is not None and get("suppression"):
            problem(row, "value", get("value"), "a blank value: the row says it is suppressed")
        for column, allowed in CHOICES.items():
            if column in frame.columns and get(column) not in allowed:
                problem(row, column, get(column), " or ".join(a or "blank" for a in allowed))
        if "favours" in frame.columns and get("favours") not in groups | {"neither", ""}:
            problem(
                row,
                "favours",
                get("favours"),
                f"{', '.join(standard.group_names)}, neither or blank",
            )
        key = (org, year, indicator, measure, breakdown, group)
        if key in seen:
            problem(
                row,
                "value",
                get("value"),
                f"one figure per organisation, year, {standard.term}, measure, breakdown and "
                f"group (row {seen[key]} already gives this one)",
            )
        seen.setdefault(key, row)
        for column in out:
            if column in NUMBERS:
                out[column].append(numbers[column])
            elif column in COUNTS:
                out[column].append(counts[column])
            else:
                out[column].append(get(column))
    if problems:
        return None
    result = pd.DataFrame(out)
    for column in NUMBERS:
        result[column] = pd.to_numeric(result[column], errors="coerce").astype(float)
    for column in COUNTS:
        result[column] = pd.array(result[column].to_numpy(), dtype="Int64")
    result["year"] = result["year"].astype(int)
    if "small_numbers" in result:
        result["small_numbers"] = (
            result["small_numbers"].map({"yes": True, "no": False}).astype("boolean")
        )
    for column in COLUMNS:
        if column not in result:
            result[column] = math.nan if column in NUMBERS else ""
    for column in ("_row", "_name", "_url"):
        result[column] = [r[column] for r in frame.records]
    return result


def _cell(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _number(text: str, row: int, column: str, problem) -> float | None:
    if text == "":
        return None
    cleaned = text.removesuffix("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        problem(row, column, text, "a number (e.g. 1.46 or 23.8), or blank")
        return None
    if not math.isfinite(value):
        problem(row, column, text, "a finite number, or blank")
        return None
    return value


def _count(text: str, row: int, column: str, problem) -> int | None:
    if text == "":
        return None
    cleaned = text.replace(",", "")
    if not re.fullmatch(r"\d+", cleaned):
        problem(row, column, text, "a whole number of 0 or more, or blank")
        return None
    return int(cleaned)


# --- the template ------------------------------------------------------------------------------


def template(standard: Standard, settings, org: str = "ABC", year: int = 2019) -> str:
    """A blank template for figures typed from a published report: its header and, as a
    guide, one row per figure of each headline (group blank) and per group, with the value
    left empty. Rows left without a value are read as not published."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for ind in standard.indicators:
        if not ind.kind.typed:
            continue
        h = standard.headline(ind, settings)
        groups = [""] if not h.group else []
        groups += [g.name for g in standard.groups[:2]]
        for group in groups:
            writer.writerow([org, "", year, ind.id, group, "", "", "", ""])
    return buffer.getvalue()


def display(path: Path, data_root: Path) -> str:
    """A published file as a report names it: relative to the data folder, never a machine
    path."""
    try:
        return str(Path(path).resolve().relative_to(Path(data_root).resolve()))
    except ValueError:
        return display_path(Path(path)) if not Path(path).is_absolute() else Path(path).name
