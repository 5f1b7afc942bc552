"""The `wres` command: the engine without a notebook, for people and other tools."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .errors import Exit, InputError, OutputError, Problem, StageError, WresError
from .standards import STANDARDS

STANDARD_HELP = "the standard: wres (the default) or wdes"


def _standard_option(command) -> None:
    command.add_argument(
        "--standard", type=str.lower, choices=STANDARDS, default="wres", help=STANDARD_HELP
    )


# As the program, the collector's full passes run after this many of its middle ones (not 10).
FULL_PASS_EVERY = 100


def main(argv: list[str] | None = None) -> int:
    """The `wres` command; returns its exit status.

    Given no `argv`, this is the program itself (it reads the command line), a short process:
    the collector's full passes, which walk every object the libraries' imports made, run a
    tenth as often (they were 0.34 s of a report, for 14 MB), and the process ends without
    the interpreter's last passes over them all (0.45 s), memory the system frees anyway.
    Young cycles, such as a closed chart's, are still collected as they come."""
    if argv is not None:
        return _run(argv)
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_EVERY)
    try:
        return _run(sys.argv[1:])
    finally:
        gc.freeze()


def _run(argv: list[str]) -> int:
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
    ind.add_argument(
        "--params-root", type=Path, default=Path("params"), help="where <ORG>/local-codes.yaml is"
    )
    _standard_option(ind)
    check = commands.add_parser(
        "validate", help="check one <ORG>/<YEAR> folder's files and show how each code was read"
    )
    check.add_argument("folder", type=Path)
    check.add_argument(
        "--params-root", type=Path, default=Path("params"), help="where <ORG>/local-codes.yaml is"
    )
    _standard_option(check)

    rep = commands.add_parser("report", help="build one organisation-year report into output/")
    rep.add_argument("org")
    rep.add_argument("year")
    rep.add_argument("--final", action="store_true", help="refuse unless nothing is missing")
    rep.add_argument(
        "--kernel", action="store_true", help="run the notebook in a Jupyter kernel (slower)"
    )
    rep.add_argument(
        "--force", action="store_true", help="rebuild even when its inputs are unchanged"
    )
    rep.add_argument("--params-root", type=Path, default=Path("params"))
    rep.add_argument("--output-root", type=Path, default=Path("output"))
    _standard_option(rep)

    ver = commands.add_parser(
        "verify", help="rebuild a published report in a temporary folder; do the files match?"
    )
    ver.add_argument("folder", type=Path, help="the published folder, e.g. output/ECCH/2019")
    ver.add_argument("--params-root", type=Path, default=Path("params"))
    _standard_option(ver)

    dig = commands.add_parser(
        "digest", help="the digest of all inputs of one report, as its method appendix gives it"
    )
    dig.add_argument("org")
    dig.add_argument("year")
    dig.add_argument("--list", action="store_true", help="also list every input's SHA-256")
    dig.add_argument("--params-root", type=Path, default=Path("params"))

    ret = commands.add_parser(
        "return",
        help="unsuppressed counts for NHS England's data collection (NOT FOR PUBLICATION)",
    )
    ret.add_argument("org")
    ret.add_argument("year")
    ret.add_argument(
        "--out", type=Path, help="folder to write it to (default: returns/<ORG>/<YEAR>)"
    )
    ret.add_argument("--params-root", type=Path, default=Path("params"))
    ret.add_argument(
        "--output-root", type=Path, default=Path("output"), help="refused as a destination"
    )
    _standard_option(ret)

    start = commands.add_parser(
        "new", help="start params/ORG/YEAR/ from the templates or last year (never overwrites)"
    )
    start.add_argument("org")
    start.add_argument("year")
    start.add_argument("--params-root", type=Path, default=Path("params"))
    start.add_argument(
        "--data-root", help="folder holding the <ORG>/<YEAR>/ data folders (default: data)"
    )
    start.add_argument("--name", help="the organisation's full name, as printed on the cover")
    start.add_argument(
        "--standard",
        type=str.lower,
        choices=STANDARDS,
        help="add only this standard's commentary and action plan (beside the year's "
        "params.yaml, kept as it is); default: every standard",
    )

    many = commands.add_parser("batch", help="build every organisation's report for a year")
    many.add_argument("year")
    many.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    many.add_argument("--force", action="store_true", help="rebuild reports that are up to date")
    many.add_argument("--params-root", type=Path, default=Path("params"))
    many.add_argument("--output-root", type=Path, default=Path("output"))
    _standard_option(many)

    nat = commands.add_parser("national", help="compare every organisation's report for a year")
    nat.add_argument("year")
    nat.add_argument("--output-root", type=Path, default=Path("output"))
    nat.add_argument(
        "--params-root",
        type=Path,
        default=Path("params"),
        help="each organisation's params.yaml settings choose its headline figures",
    )
    nat.add_argument(
        "--published",
        type=Path,
        default=None,
        metavar="DATA_ROOT",
        help="also compare each organisation with no report under output/ by the figures it "
        "published: DATA_ROOT/<ORG>/<YEAR>/indicators.csv (or the typed template)",
    )
    _standard_option(nat)

    peer = commands.add_parser(
        "peers", help="comparators known by their published figures: the typed template"
    )
    peer_commands = peer.add_subparsers(dest="peers_command", required=True)
    blank = peer_commands.add_parser(
        "template",
        help="print a blank template for figures typed from another trust's published report "
        "(save it as data/<ORG>/<YEAR>/indicators.csv, or indicators-wdes.csv)",
    )
    blank.add_argument("org", help="the comparator's organisation code")
    blank.add_argument("year", help="the year of the figures")
    _standard_option(blank)

    look = commands.add_parser(
        "preview", help="serve the report's page on 127.0.0.1 and rebuild it on every save"
    )
    look.add_argument("org")
    look.add_argument("year")
    look.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    look.add_argument("--params-root", type=Path, default=Path("params"))
    _standard_option(look)

    args = parser.parse_args(argv)
    # The one place a standard is text: from here on it is the Standard object.
    if getattr(args, "standard", None) is not None:
        args.standard = STANDARDS[args.standard]
    try:
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader gone shows here, inside the handler below
        return status
    except InputError as error:
        from .running.custody import printable  # a name read from disk may hold ESC

        print("\n".join(map(printable, error.message().split("\n"))), file=sys.stderr)
        return Exit.BAD_INPUT
    except BrokenPipeError:  # the output piped into `head`, say, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as Python's docs do
        return Exit.FAILED
    except StageError as error:
        print(f"Report not built: {error}", file=sys.stderr)
        print("The previous output, if any, is untouched.", file=sys.stderr)
        return Exit.FAILED
    except OutputError as error:
        print(f"Not written: {error}", file=sys.stderr)
        print("The previous output, if any, is untouched.", file=sys.stderr)
        return Exit.CANNOT_WRITE
    except WresError as error:  # any other error the package words for its user
        print(f"Not done: {error}", file=sys.stderr)
        return Exit.FAILED


def _indicators(args) -> int:
    from .compute.disclosure import publish
    from .compute.indicators import compute, for_org_year
    from .compute.table import to_csv
    from .inputs.load import load_folder

    dataset = load_folder(args.folder, params_root=args.params_root, standard=args.standard)
    frame = compute(dataset, standard=args.standard)
    if not args.unsuppressed:
        frame = publish(frame, standard=args.standard)
    folder = args.folder.resolve()
    org, year = folder.parent.name, int(folder.name)
    sys.stdout.write(to_csv(for_org_year(frame, org, year)))
    return Exit.DONE


def _validate(args) -> int:
    from .inputs.audit import audit_text
    from .inputs.load import load_folder

    dataset = load_folder(
        args.folder, with_previous=False, params_root=args.params_root, standard=args.standard
    )
    tables = ", ".join(
        f"{s.table} ({s.rows} rows{'' if s.header_row == 1 else f'; header on row {s.header_row}'})"
        for s in dataset.sources
    )
    print(f"{args.folder}: no problems found in {tables or 'no tables'}")
    print(audit_text(dataset), end="")
    return Exit.DONE


def _report(args) -> int:
    from .inputs.params import check_org_year
    from .running.pipeline import build_report, is_up_to_date

    org, year = check_org_year(args.org, args.year)
    roots = (args.params_root, args.output_root)
    # `--final` is up to date only as a final: a fresh draft still has things missing, and the
    # build below lists them (exit 2) rather than calling the draft "up to date".
    if not args.force and is_up_to_date(org, year, *roots, args.standard, final=args.final):
        print(
            f"{args.output_root / org / str(year)}: up to date (no input has changed since it "
            "was built; --force rebuilds it)",
            file=sys.stderr,
        )
        return Exit.DONE
    result = build_report(
        args.org,
        args.year,
        params_root=args.params_root,
        output_root=args.output_root,
        final=args.final,
        kernel=args.kernel,
        standard=args.standard,
    )
    if result.draft:
        print("DRAFT: the report cannot be final until these are done:", file=sys.stderr)
        for item in result.missing:
            print(f"  - {item}", file=sys.stderr)
    return Exit.DONE


def _verify(args) -> int:
    import tempfile

    from .inputs.manifest import changes
    from .inputs.params import check_org_year
    from .report import report_manifest
    from .running.custody import not_made, printable, read_published
    from .running.pipeline import build_report

    folder = args.folder
    org, year = check_org_year(folder.resolve().parent.name, folder.resolve().name)
    name = args.standard.manifest_name
    before = read_published(folder / name)
    if not isinstance(before, bytes):
        raise InputError([Problem(str(folder), f"a built report (its {name} is {before})")])
    before = before.decode("utf-8", "replace")
    for line in changes(before, report_manifest(org, year, args.params_root)):
        print(f"input {printable(line)}")
    extra = not_made(folder, org, year)  # the return above all: it must never be published
    for unknown in extra:
        print(f"{'not made by any build':<24}{printable(unknown)}")
    with tempfile.TemporaryDirectory(prefix="wres-verify-") as tmp:
        rebuilt = build_report(
            org,
            year,
            params_root=args.params_root,
            output_root=Path(tmp),
            say=lambda _: None,
            standard=args.standard,
        ).folder
        differ = len(extra)
        for name in sorted(args.standard.every_output_name(org, year)):
            mine, theirs = folder / name, rebuilt / name
            if not os.path.lexists(mine) and not theirs.exists():
                continue
            if not os.path.lexists(mine) or not theirs.exists():
                state = "missing here" if theirs.exists() else "not made by the rebuild"
            else:
                data = read_published(mine)
                if isinstance(data, bytes):
                    state = "matches" if data == theirs.read_bytes() else "differs"
                else:
                    state = data
            differ += state != "matches"
            print(f"{state:<24}{name}")
    if not differ:
        print(f"{printable(str(folder))}: every file matches the rebuild")
    else:
        also = " or should not be there" if extra else ""
        print(f"{printable(str(folder))}: {differ} differ{also}")
    return Exit.FAILED if differ else Exit.DONE


def _digest(args) -> int:
    from .inputs.manifest import digest
    from .report import report_manifest

    text = report_manifest(args.org, args.year, args.params_root)
    if args.list:
        sys.stdout.write(text)
    print(digest(text))
    return Exit.DONE


def _return(args) -> int:

    from .compute.table import not_for_publication, return_csv
    from .inputs.params import check_org_year
    from .report import ReportData
    from .running.custody import refuse_published, write_private

    org, year = check_org_year(args.org, str(args.year))
    out = args.out or Path("returns") / org / str(year)
    if out.resolve().is_relative_to(args.output_root.resolve()):  # refused before any work
        raise InputError(
            [
                Problem(
                    "--out",
                    f"a folder outside {args.output_root}/ (it holds the published reports; "
                    "the return holds unsuppressed counts)",
                    value=str(out),
                )
            ]
        )
    refuse_published(out)  # a report published from any other output root
    report = ReportData.build(org, year, args.params_root, standard=args.standard)
    path = out / args.standard.return_name(report.org, report.year)
    refuse_published(out)  # again, just before writing: nothing published there meanwhile
    write_private(path, return_csv(report.computed, report.org, report.year, args.standard))
    print(
        f"{path}\n{not_for_publication(args.standard)}: send it to NHS England only; "
        "never publish it."
    )
    return Exit.DONE


def _new(args) -> int:
    from .errors import display_path
    from .inputs.params import PARAMS_FILE, data_folder, load_params
    from .inputs.scaffold import new

    written = new(args.org, args.year, args.params_root, args.data_root, args.name, args.standard)
    folder = args.params_root / args.org / str(args.year)
    print(f"Created {folder}/:")
    for path in written:
        print(f"  {path.relative_to(folder)}")
    params = load_params(folder)
    data = data_folder(params, args.params_root) / params.organisation.code / str(params.year)
    carried = (folder.parent / str(params.year - 1) / PARAMS_FILE).exists()
    print(
        "\nNext: "
        + ("review what was carried forward from last year, then " if carried else "")
        + f"fill in every TODO in {folder}/ and put the data extracts in {display_path(data)}/"
        + ("" if data.is_dir() else " (not there yet)")
        + f".\n`make report ORG={args.org} YEAR={args.year}` builds a DRAFT until every TODO "
        "is done and the sign-off fields are filled; then `make final`."
    )
    return Exit.DONE


def _batch(args) -> int:
    from .running.batch import main_exit_code, run_batch, summary

    outcomes = run_batch(
        args.year, args.params_root, args.output_root, args.jobs, args.force, standard=args.standard
    )
    print(summary(outcomes))
    return main_exit_code(outcomes)


def _national(args) -> int:
    from .running.national import build_national

    build_national(
        args.year,
        args.output_root,
        params_root=args.params_root,
        standard=args.standard,
        published_root=args.published,
    )
    return Exit.DONE


def _preview(args) -> int:
    from .running.preview import run_preview

    return run_preview(args.org, args.year, args.params_root, args.port, standard=args.standard)


def _peers(args) -> int:
    from .compute.published import template
    from .inputs.params import check_org_year
    from .inputs.settings import Settings

    org, year = check_org_year(args.org, args.year)
    sys.stdout.write(template(args.standard, Settings(), org, year))
    return Exit.DONE


COMMANDS = {
    "peers": _peers,
    "preview": _preview,
    "national": _national,
    "batch": _batch,
    "indicators": _indicators,
    "validate": _validate,
    "report": _report,
    "new": _new,
    "verify": _verify,
    "digest": _digest,
    "return": _return,
}
