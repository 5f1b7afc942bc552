"""The `wres` command: the engine without a notebook, for people and other tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import InputError
from .pipeline import StageError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wres", description="WRES indicators and reports.")
    commands = parser.add_subparsers(dest="command", required=True)

    ind = commands.add_parser(
        "indicators", help="print indicators.csv for one <data root>/<ORG>/<YEAR> folder"
    )
    ind.add_argument("folder", type=Path)
    ind.add_argument(
        "--unsuppressed",
        action="store_true",
        help="show every computed figure (never for publication)",
    )
    check = commands.add_parser("validate", help="check one <ORG>/<YEAR> folder's files")
    check.add_argument("folder", type=Path)

    rep = commands.add_parser("report", help="build one organisation-year report into output/")
    rep.add_argument("org")
    rep.add_argument("year")
    rep.add_argument("--final", action="store_true", help="refuse unless nothing is missing")
    rep.add_argument("--params-root", type=Path, default=Path("params"))
    rep.add_argument("--output-root", type=Path, default=Path("output"))

    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        print(error.message(), file=sys.stderr)
        return 2
    except StageError as error:
        print(f"Report not built: {error}", file=sys.stderr)
        print("The previous output, if any, is untouched.", file=sys.stderr)
        return 1


def _indicators(args) -> int:
    from .disclosure import publish
    from .indicators import compute, for_org_year
    from .load import load_folder
    from .table import to_csv

    dataset = load_folder(args.folder)
    frame = compute(dataset)
    if not args.unsuppressed:
        frame = publish(frame)
    org, year = args.folder.parent.name, int(args.folder.name)
    sys.stdout.write(to_csv(for_org_year(frame, org, year)))
    return 0


def _validate(args) -> int:
    from .load import load_folder

    dataset = load_folder(args.folder, with_previous=False)
    tables = ", ".join(f"{s.table} ({s.rows} rows)" for s in dataset.sources)
    print(f"{args.folder}: no problems found in {tables or 'no tables'}")
    return 0


def _report(args) -> int:
    from .pipeline import build_report

    result = build_report(
        args.org,
        args.year,
        params_root=args.params_root,
        output_root=args.output_root,
        final=args.final,
    )
    if result.draft:
        print("DRAFT: the report cannot be final until these are done:", file=sys.stderr)
        for item in result.missing:
            print(f"  - {item}", file=sys.stderr)
    return 0


COMMANDS = {"indicators": _indicators, "validate": _validate, "report": _report}
