"""`wres new ORG YEAR`: start params/<ORG>/<YEAR>/ from the templates, or from last year.

Every file is planned first. If any of them already exists, nothing is written and the
command names the files: an analyst's work is never overwritten. When params/<ORG>/<YEAR-1>/
exists, its parameters, action plan and commentary are carried forward, each marked for
review with a `TODO:` prompt, so the new year's report stays a DRAFT until someone has
read them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from string import Template

import yaml
from pydantic import ValidationError

from ..errors import InputError, Problem
from ..standards import STANDARDS
from ..standards.registry import Standard
from . import narrative, read
from .actions import NAME as ACTION_PLAN
from .params import PARAMS_FILE, Params, check_org_year, load_params
from .settings import Settings
from .text import read_text

TEMPLATES = Path(__file__).parent / "new-year"
DEFAULT_DATA_ROOT = "data"
UPDATE_TEXT = (
    "update the words, and any figure typed in by hand, for {year}; then delete this line."
)
UPDATE_PLAN = (
    "the action plan ({file}): bring each action's status and progress up to date, remove "
    "actions the Board no longer needs to see and add this year's; then delete this line."
)


def review_line(previous_year: int, what: str) -> str:
    """The prompt that marks carried-forward text; the report is a DRAFT while it stands."""
    return f"TODO: review — carried forward from {previous_year}: {what}"


def new(
    org: str,
    year: int | str,
    params_root: Path = Path("params"),
    data_root: str | Path | None = None,
    name: str | None = None,
    only: Standard | None = None,
) -> list[Path]:
    """Create params/<ORG>/<YEAR>/ and return the files written; InputError if any exists.

    Every standard's commentary and action plan are written; with `only`, only that
    standard's are added, beside the year's parameters if they are there already (a trust
    adding the WDES to its WRES)."""
    org, year = check_org_year(org, str(year))
    folder = Path(params_root) / org / str(year)
    previous = Path(params_root) / org / str(year - 1)
    files = {}
    if not (only and (folder / PARAMS_FILE).exists()):
        files[folder / PARAMS_FILE] = _params(org, year, folder, previous, data_root, name).encode()
    for standard in [only] if only else STANDARDS.values():  # its commentary and action plan
        own, last = standard.words_folder(folder), standard.words_folder(previous)
        templates = standard.words_folder(TEMPLATES)
        files |= _action_plan(own, last, templates)
        files |= _commentary(own, last, year, standard, templates)
    clashes = [p for path in files for p in _existing(path)]
    if clashes:
        raise InputError(
            [
                Problem(
                    str(p),
                    "no file here (wres new never overwrites: nothing was written)",
                )
                for p in clashes
            ]
        )
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as out:  # "x": fail rather than replace, even in a race
            out.write(content)
    return list(files)


def _existing(path: Path) -> list[Path]:
    """The file, or for the action plan any CSV/XLSX one (two would clash when read)."""
    if path.stem != ACTION_PLAN:
        return [path] if path.exists() else []
    if not path.parent.is_dir():
        return []
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.stem.lower() == ACTION_PLAN and p.suffix.lower() in read.SUFFIXES
    )


# --- params.yaml ---------------------------------------------------------------------------


def _params(org, year, folder: Path, previous: Path, data_root, name) -> str:
    values = {
        "name": name or org,
        "data_root": str(data_root or DEFAULT_DATA_ROOT),
        "comparators": [],
        "marking": "OFFICIAL",
        "settings": {},
        "review": "",
    }
    if (previous / PARAMS_FILE).exists():
        last = load_params(previous, org, year - 1)
        values.update(
            name=name or last.organisation.name,
            data_root=str(data_root or last.data_root),
            comparators=[_comparator(c) for c in last.comparators],
            marking=last.protective_marking,
            settings=last.settings.model_dump(exclude_unset=True),
            review="# "
            + review_line(year - 1, "check the name, data_root, comparators and settings."),
        )
    text = Template((TEMPLATES / PARAMS_FILE).read_text(encoding="utf-8")).substitute(
        org=org,
        year=year,
        code=_quoted(org),
        name=_quoted(values["name"]),
        data_root=_quoted(values["data_root"]),
        comparators=_quoted(values["comparators"]),
        snapshot_date=dt.date(year, 3, 31).isoformat(),
        marking=_quoted(values["marking"]),
        review=values["review"],
        settings=_settings_block(values["settings"]),
    )
    _check(text, folder)
    return text


def _comparator(comparator) -> str | dict:
    """A comparator as params.yaml writes it: its code alone when nothing more is said."""
    more = comparator.model_dump(exclude_defaults=True)
    return comparator.code if list(more) == ["code"] else more


def _quoted(value) -> str:
    """A YAML value that reads back as written (JSON is YAML; 'NO' unquoted would be false)."""
    return json.dumps(value, ensure_ascii=False)


def _settings_block(chosen: dict) -> str:
    """Every setting with its meaning: the chosen ones live, the others commented out."""
    lines = ["settings:" if chosen else "# settings:"]
    for key, field in Settings.model_fields.items():
        line = f"{key}: {_quoted(chosen.get(key, field.default))}  # {field.description}"
        lines.append(f"  {line}" if key in chosen else f"  # {line}")
    return "\n".join(lines)


def _check(text: str, folder: Path) -> None:
    """The file must load as it will be read, so a new org builds a draft once data exists."""
    try:
        Params.model_validate(yaml.safe_load(text))
    except ValidationError as error:
        raise InputError(
            [
                Problem(
                    str(folder / PARAMS_FILE),
                    f"{e['msg']} (nothing was written)",
                    column=".".join(map(str, e["loc"])),
                    value=str(e.get("input")),
                    label="parameter",
                )
                for e in error.errors()
            ]
        ) from None


# --- action plan and commentary --------------------------------------------------------------


def _action_plan(folder: Path, previous: Path, templates: Path) -> dict[Path, bytes]:
    """Last year's plan as it was (each action keeps its status), else the header only."""
    last = read.find(previous, ACTION_PLAN)
    if last is not None:
        return {folder / f"{ACTION_PLAN}{last.suffix.lower()}": last.read_bytes()}
    template = templates / f"{ACTION_PLAN}.csv"
    return {folder / template.name: template.read_bytes()}


def _commentary(
    folder: Path, previous: Path, year: int, standard: Standard, templates: Path
) -> dict[Path, bytes]:
    files = {}
    carried_plan = read.find(previous, ACTION_PLAN)
    for name in narrative.section_files(standard):
        last = previous / narrative.FOLDER / name
        if last.exists():
            lines = [review_line(year - 1, UPDATE_TEXT.format(year=year))]
            if name == "summary.md" and carried_plan is not None:
                lines.append(review_line(year - 1, UPDATE_PLAN.format(file=carried_plan.name)))
            # Last year's file in whatever encoding it was saved; this year's is UTF-8.
            text = "\n\n".join(lines) + "\n\n" + read_text(last, str(last), narrative.MAX_BYTES)
        else:
            text = (templates / narrative.FOLDER / name).read_text(encoding="utf-8")
        files[folder / narrative.FOLDER / name] = text.encode("utf-8")
    return files
