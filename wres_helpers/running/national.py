"""A national (or regional) comparison for a year, from every organisation's indicators.csv.

One headline figure per indicator and organisation, the same figure each organisation's
own report shows, so the two always agree: its distribution across organisations, how
many sit inside the non-adverse range, the best and worst, and each organisation's rank
and change since the year before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import NOTEBOOKS
from ..compute.published import PUBLISHED, RAW
from ..compute.table import read_csv, safe_cells
from ..errors import InputError, Problem
from ..inputs.params import ORG_RULE, PARAMS_FILE, is_org_code, load_params
from ..inputs.settings import Settings
from ..standards import england
from ..standards.registry import ROLLING, SINGLE_YEAR, Standard


def org_settings(params_root: Path, orgs, year: int) -> dict[str, Settings]:
    """Each organisation's method settings, from its params.yaml where there is one (the
    defaults otherwise): its headline figures are the ones its own report shows."""
    found = {}
    for org in orgs:
        folder = Path(params_root) / org / str(year)
        if (folder / PARAMS_FILE).exists():
            found[org] = load_params(folder, org, year).settings
    return found


def _shown(path: Path, root: Path) -> str:
    """A path found under `root` as the comparison names it: from `root`, links not followed,
    never a machine path."""
    return str(Path(path).relative_to(root))


def _folder_problem(org: str, path: Path, root: Path) -> Problem | None:
    """A folder not named by an organisation code: refused by name, never read."""
    if is_org_code(org):
        return None
    return Problem(_shown(path.parent.parent, root), f"a folder named by {ORG_RULE}", value=org)


def _read_report_csv(path: Path, org: str, year: int, standard: Standard, shown: str):
    """One organisation's indicators.csv, checked strictly first (as a report reads a
    comparator's: every problem by row, column and value), then read as before."""
    from ..compute.published import read_figures

    read_figures(path, org, year, standard, Settings(), shown)  # InputError if not as written
    try:
        return read_csv(path)
    except KeyError as missing:  # a column the strict check allows to be absent
        column = str(missing.args[0]) if missing.args else "?"
        expected = "a column of indicators.csv: this one is missing"
        raise InputError([Problem(shown, expected, row=1, column=column)]) from None
    except (ValueError, TypeError) as error:
        expected = f"an indicators.csv as a report writes it ({error})"
        raise InputError([Problem(shown, expected)]) from None


def collect(
    output_root: Path, year: int, standard: Standard
) -> tuple[pd.DataFrame, list[Problem], set[str]]:
    """Each organisation's own published rows for the year and the year before, the problems
    of each folder or file left out (its name not an organisation code, its file not as a
    report writes it), and the organisations with a report folder (good or bad)."""
    name = standard.data_names()["csv"]
    files = sorted(Path(output_root).glob(f"*/{year}/{name}"))
    if not files:
        raise InputError(
            [
                Problem(
                    str(output_root),
                    f"<ORG>/{year}/{name} from at least "
                    f"one report (make reports YEAR={year} builds them)",
                )
            ]
        )
    frames, problems, reported = [], [], set()
    for path in files:
        org = path.parent.parent.name
        if refused := _folder_problem(org, path, output_root):
            problems.append(refused)
            continue
        reported.add(org)
        try:
            frame = _read_report_csv(path, org, year, standard, _shown(path, output_root))
        except InputError as error:
            problems += error.problems
            continue
        frames.append(frame[(frame["org"] == org) & frame["year"].isin([year, year - 1])])
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()), problems, reported


def collect_published(
    data_root: Path, year: int, standard: Standard, skip=(), settings=None
) -> tuple[pd.DataFrame, list[Problem]]:
    """The published figures (`indicators.csv`, or the typed template) of every organisation
    under `data_root` that has no report under output/ (`skip`), for the year and the one
    before: read strictly, as a report reads a comparator's. A folder not named by an
    organisation code, or a file with any problem, is left out and returned among the
    problems (each by file, row, column and value), which the comparison then lists: a
    regional view silently missing a trust would mislead."""
    from ..compute.published import display, find, read_figures

    frames, problems = [], []
    for folder in sorted(p for p in Path(data_root).glob("*") if p.is_dir()):
        org = folder.name
        if org in skip:
            continue
        for when in (year - 1, year):
            path = find(folder / str(when), standard)
            if path is None:
                continue
            if refused := _folder_problem(org, path, data_root):
                problems.append(refused)
                break
            own = (settings or {}).get(org, Settings())
            try:
                found = read_figures(path, org, when, standard, own, display(path, data_root))
            except InputError as error:
                problems += error.problems
                continue
            frames.append(found.rows)
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()), problems


def left_out_orgs(problems: list[Problem]) -> list[str]:
    """The folders named by the problems (the first part of each file's path), once each."""
    return list(dict.fromkeys(Path(p.file).parts[0] if p.file else "" for p in problems))


def headline_values(
    frame: pd.DataFrame, settings: dict[str, Settings] | None, standard: Standard
) -> pd.DataFrame:
    """One row per organisation, year and indicator: its headline value, by the registry's
    rule with the organisation's own settings (`settings`; the defaults for any not given)."""
    settings = settings or {}
    rules = pd.DataFrame(
        [
            (org, h.indicator, h.measure, h.breakdown, h.group)
            for ind in standard.indicators
            for org in sorted(frame["org"].unique())
            for h in [standard.headline(ind, settings.get(org, Settings()))]
        ],
        columns=["org", "indicator", "measure", "breakdown", "group"],
    )
    rows = frame.assign(group=frame["group"].fillna("")).merge(rules)
    rows = rows.sort_values("indicator", key=lambda s: s.map(standard.order), kind="stable")
    return rows[["org", "year", "indicator", "value", "non_adverse"]].reset_index(drop=True)


def _distance(values: pd.Series, best: str) -> pd.Series:
    """How far from the best each value is (smaller is better)."""
    if best == "one":
        return np.abs(np.log(values))
    if best == "zero":
        return values.abs()
    if best == "low":
        return values
    if best == "high":
        return -values
    return pd.Series(np.nan, index=values.index)


@dataclass(frozen=True)
class Line:
    """One indicator of the comparison: its id, title, label and what 'best' is."""

    indicator: str
    title: str
    label: str
    best: str  # "one" (closest to 1), "zero", "low", "high" or "" (no better or worse)


def lines(
    frame: pd.DataFrame, settings: dict[str, Settings] | None, standard: Standard
) -> list[Line]:
    """The comparison's indicators; a two-year figure's label says whether the organisations'
    headlines are the two-year or the single-year figure (each follows its own settings)."""
    settings = settings or {}
    orgs = sorted(frame["org"].unique())
    out = []
    for ind in standard.indicators:
        label = ind.label
        if ind.rolling_setting:
            chosen = {ind.headline_breakdown(settings.get(o, Settings())) for o in orgs}
            label += {frozenset({ROLLING}): " (2-year)", frozenset({SINGLE_YEAR}): " (1-year)"}.get(
                frozenset(chosen), " (each organisation's headline)"
            )
        best = standard.headline(ind, Settings()).best
        out.append(Line(ind.id, ind.title, label, best))
    return out


def compare(
    frame: pd.DataFrame,
    year: int,
    settings: dict[str, Settings] | None,
    standard: Standard,
) -> pd.DataFrame:
    """national.csv: each organisation's headline figures, rank among all and change."""
    values = headline_values(frame, settings, standard)
    comparison = lines(frame, settings, standard)
    now = values[values["year"] == year].set_index(["indicator", "org"])
    before = values[values["year"] == year - 1].set_index(["indicator", "org"])["value"]
    out = now.join(before.rename("previous"), how="left").reset_index()
    out["change"] = out["value"] - out["previous"]
    out["rank"] = pd.NA
    out["count"] = 0
    for h in comparison:
        mine = (out["indicator"] == h.indicator) & out["value"].notna()
        # how many organisations have the figure: "rank r of count", on every row
        out.loc[out["indicator"] == h.indicator, "count"] = int(mine.sum())
        if h.best:
            distance = _distance(out.loc[mine, "value"], h.best)
            out.loc[mine, "rank"] = distance.rank(method="min").astype(int)
    out["year"] = year
    out["label"] = out["indicator"].map({h.indicator: h.label for h in comparison})
    # where each organisation's figures come from: its report, or its published figures
    this_year = frame[frame["year"] == year]
    told = this_year.groupby("org")["source"].first().to_dict() if "source" in frame else {}
    out["source"] = [s if isinstance(s := told.get(org), str) and s else RAW for org in out["org"]]
    columns = [
        "indicator",
        "label",
        "org",
        "year",
        "value",
        "non_adverse",
        "rank",
        "count",
        "previous",
        "change",
        "source",
    ]
    order = {"indicator": standard.order}
    return (
        out[columns]
        .sort_values(
            ["indicator", "rank", "org"],
            na_position="last",
            key=lambda s: s.map(order[s.name]) if s.name in order else s,
        )
        .reset_index(drop=True)
    )


def distribution(national: pd.DataFrame, comparison: list[Line]) -> pd.DataFrame:
    """Per indicator: how many organisations, quartiles, inside the range, best and worst."""
    rows = []
    for h in comparison:
        part = national[(national["indicator"] == h.indicator) & national["value"].notna()]
        if part.empty:
            continue
        v = part["value"]
        ranked = part.dropna(subset=["rank"]).sort_values(["rank", "org"])  # ties: by code
        inside = (part["non_adverse"] == "inside").sum() if h.best == "one" else math.nan
        rows.append(
            {
                "indicator": h.indicator,
                "label": h.label,
                "organisations": len(part),
                "min": v.min(),
                "q1": v.quantile(0.25),
                "median": v.median(),
                "q3": v.quantile(0.75),
                "max": v.max(),
                "inside_non_adverse": inside,
                "best": ranked["org"].iloc[0] if len(ranked) else "",
                "worst": ranked["org"].iloc[-1] if len(ranked) else "",
            }
        )
    return pd.DataFrame(rows)


# --- the national report ------------------------------------------------------------------

LISTED = 10  # organisations listed at each end of a long ranking
NOTEBOOK = NOTEBOOKS / "national_comparison.ipynb"


@dataclass
class NationalData:
    year: int
    frame: pd.DataFrame  # every organisation's own rows, this year and the one before
    table: pd.DataFrame  # national.csv
    summary: pd.DataFrame  # one row per indicator
    lines: list[Line]  # the indicators compared, in report order
    settings: dict[str, Settings]  # each organisation's own, where it has a params.yaml
    standard: Standard
    # what was left out: each folder or file that could not be read, by name and reason
    left_out: list[Problem] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        year: int,
        output_root: Path = Path("output"),
        params_root: Path = Path("params"),
        *,
        standard: Standard,
        prebuilt: NationalData | None = None,
        published_root: Path | None = None,
    ) -> NationalData:
        """The comparison of `year`'s reports under output_root, and of the published figures
        under `published_root` of each organisation without a report there. `prebuilt`: the
        same comparison, built by `wres national` before the notebook runs, returned as it
        is."""
        year = int(year)
        if prebuilt is not None and (prebuilt.year, prebuilt.standard) == (year, standard):
            return prebuilt
        frame, left_out, reported = collect(output_root, year, standard)
        if published_root is not None:
            published, more = collect_published(published_root, year, standard, reported)
            frame, left_out = pd.concat([frame, published], ignore_index=True), left_out + more
        if frame.empty:  # nothing could be read: nothing to compare
            raise InputError(left_out)
        settings = org_settings(params_root, frame["org"].unique(), year)
        table = compare(frame, year, settings, standard)
        comparison = lines(frame, settings, standard)
        summary = distribution(table, comparison)
        return cls(year, frame, table, summary, comparison, settings, standard, left_out)

    def non_adverse_range(self) -> tuple[float, float] | None:
        """The non-adverse range every organisation uses; None when they differ."""
        ranges = {
            (s.non_adverse_low, s.non_adverse_high)
            for s in (self.settings.get(o, Settings()) for o in self.table["org"].unique())
        }
        return ranges.pop() if len(ranges) == 1 else None

    @property
    def survey_year(self) -> int:
        """The staff survey the organisations' survey figures come from: a year's reports use
        the survey of the autumn before, so England's survey figures are matched to it."""
        return self.year - 1

    @property
    def synthetic(self) -> bool:
        return "synthetic" in self.frame and bool(self.frame["synthetic"].eq("yes").any())

    def write(self, folder: Path | str) -> None:
        name = self.standard.comparison_name
        safe_cells(self.table).to_csv(Path(folder) / name, index=False, float_format="%.6g")


def build_national(
    year: int | str,
    output_root: Path = Path("output"),
    say=None,
    params_root: Path = Path("params"),
    *,
    standard: Standard,
    published_root: Path | None = None,
) -> Path:
    """output/national/<YEAR>/: the comparison's notebook, HTML, PDF and national.csv (the
    WDES's: national-<YEAR>-WDES.* and national-wdes.csv, beside the WRES ones)."""
    from ..inputs.params import check_org_year
    from .custody import printable
    from .pipeline import Timings, publish_notebook

    _, year = check_org_year("ALL", str(year))
    timings = Timings(say) if say else Timings()
    timings.say(f"{standard.code} national comparison {year}")
    with timings.stage("collect"):  # refuses before any notebook runs
        data = NationalData.build(
            year, output_root, params_root, standard=standard, published_root=published_root
        )
    if data.left_out:  # built from the rest; each left out named, as the comparison does
        folders = ", ".join(printable(org) for org in left_out_orgs(data.left_out))
        timings.say(f"Left out of the comparison ({folders}):")
        for problem in data.left_out:
            timings.say(f"  {printable(str(problem))}")
    stem = f"national-{year}-{standard.code}"
    names = {
        "notebook": f"{stem}.ipynb",
        "html": f"{stem}.html",
        "pdf": f"{stem}.pdf",
        "csv": standard.comparison_name,
    }
    target = Path(output_root) / "national" / str(year)
    # As for a report: the notebook is handed the comparison just built, and its parameters
    # name the folders, never where they are on this machine.
    root = Path(output_root).resolve()
    parameters = {
        "year": year,
        "output_root": root.name,
        "params_root": Path(params_root).resolve().name,
        "standard": standard.slug,  # the notebook's parameters are text
    }
    pages = publish_notebook(
        NOTEBOOK,
        parameters,
        target,
        names,
        timings,
        write_data=data.write,
        cwd=root.parent,
        prebuilt={"prebuilt": data},
    )
    timings.say(f"  → {target}/{names['pdf']} ({pages} pages)")
    return target / names["pdf"]


def show_summary(data: NationalData) -> None:
    from ..presentation import present, safe

    present.heading("Summary")
    n = data.table["org"].nunique()
    band = data.non_adverse_range()
    in_range = (
        f"the non-adverse range is {band[0]:.2f} to {band[1]:.2f}."
        if band
        else "each organisation's non-adverse range is the one its own report names."
    )
    present.markdown(
        f"{n} organisations published {data.standard.code} figures for {data.year}. Each "
        "figure below is the one each organisation's own report shows (its indicators.csv). "
        f"For a relative likelihood (RL), rank 1 is the closest to equal (1.00); {in_range}"
    )
    if data.left_out:  # built from the rest: what was left out, and why, named
        from .custody import printable  # a control character shown as its code, as printed

        listed = "\n".join(f"- {safe.text(printable(str(p)))}" for p in data.left_out)
        names = ", ".join(safe.text(printable(org)) for org in left_out_orgs(data.left_out))
        present.markdown(
            f"Left out of this comparison, their files not as expected: {names}.\n\n{listed}"
        )
    shown = pd.DataFrame(
        {
            "Indicator": [f"{r.indicator}. {r.label}" for r in data.summary.itertuples()],
            "Orgs": data.summary["organisations"].astype(int),
            "Median": data.summary["median"].map(_fmt),
            "Range": [
                f"{_fmt(a)} to {_fmt(b)}"
                for a, b in zip(data.summary["min"], data.summary["max"], strict=True)
            ],
            "Inside range": data.summary["inside_non_adverse"].map(
                lambda v: "–" if pd.isna(v) else f"{int(v)}"
            ),
            "Best": data.summary["best"].replace("", "–"),
            "Worst": data.summary["worst"].replace("", "–"),
        }
    )
    survey = data.survey_year
    cells = [
        england.cell(data.standard, data.year, i, survey_year=survey)
        for i in data.summary["indicator"]
    ]
    if set(cells) != {england.NONE_FOUND}:  # a column only for a year with England figures
        shown.insert(3, "England", cells)
    present.table(shown, f"Headline figures across organisations, {data.year}")
    # a headline or a context figure
    if cited := england.sources(data.standard, data.year, survey_year=data.survey_year):
        listed = "\n".join(f"- {safe.text(source)}" for source in cited)
        present.markdown(f"England's figures for {data.year} are from:\n\n{listed}")
        found = england.for_year(data.standard, data.year, survey_year=data.survey_year)
        if quoted := england.secondary_note(data.standard, found):
            present.markdown(safe.text(quoted))


def show_indicator(data: NationalData, headline: Line) -> None:
    from ..presentation import present, safe
    from ..words import charts

    part = data.table[(data.table["indicator"] == headline.indicator)]
    present.heading(f"{data.standard.called(headline.indicator)}: {headline.title}")
    n, survey = headline.indicator, data.survey_year
    figure = england.sentence(data.standard, data.year, n, survey_year=survey)
    figure = figure or england.none_found(data.standard, data.year, n, survey_year=survey)
    national_figure = f"**National figure:** {safe.text(figure)}"
    values = part.dropna(subset=["value"])
    if values.empty:
        present.markdown(f"No organisation published this figure.\n\n{national_figure}")
        return
    fig, alt = charts.strip_chart(
        dict(zip(values["org"], values["value"], strict=True)),
        headline.label,
        band=data.non_adverse_range() if headline.best == "one" else None,
    )
    best = part.dropna(subset=["rank"]).sort_values("rank")
    finding = f"Median {_fmt(values['value'].median())} across {len(values)} organisations" + (
        f"; closest to the best: {best['org'].iloc[0]}, furthest: {best['org'].iloc[-1]}."
        if len(best)
        else "."
    )
    present.figure(fig, alt, finding)
    present.markdown(national_figure)
    if len(part) > 2 * LISTED:  # a short PDF: the ends of the list; national.csv has all
        # Of those with a figure (the unranked sort last): best first, or else lowest first.
        part = values if headline.best else values.sort_values("value", kind="stable")
        if len(part) > 2 * LISTED:
            first, last = ("best", "worst") if headline.best else ("lowest", "highest")
            part = pd.concat([part.head(LISTED), part.tail(LISTED)])
            listed = f"The {LISTED} {first} and {LISTED} {last} are listed"
        else:
            listed = "Organisations without a figure are not listed"
        present.markdown(f"{listed}; national.csv has every organisation.")
    shown = pd.DataFrame(
        {
            "Rank": part["rank"].map(lambda r: "–" if pd.isna(r) else str(int(r))),
            # an organisation compared by the figures it published is marked so
            "Organisation": part["org"]
            + part["source"].map(lambda s: f" ({PUBLISHED})" if s == PUBLISHED else ""),
            str(data.year): part["value"].map(_fmt),
            str(data.year - 1): part["previous"].map(_fmt),
            "Change": part["change"].map(lambda v: "–" if pd.isna(v) else f"{v:+.2f}"),
            "Range": part["non_adverse"].replace("", "–") if headline.best == "one" else "–",
        }
    )
    present.table(shown, f"{headline.label}: every organisation")


def _fmt(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:.2f}"
