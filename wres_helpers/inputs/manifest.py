"""Every input of one report, each with its SHA-256, and one digest of them all.

The manifest is written beside the outputs as `inputs.sha256`, in `sha256sum`'s own format
(`<hex>  <name>`, sorted by name), and its digest is the SHA-256 of that file. It names every
file by where it sits in the project, never by a machine path:

    data/<ORG>/<YEAR>/<file>     under `data_root`, wherever that is
    data/<ORG>/<file>            the organisation's files for every year (columns.yaml)
    params/<ORG>/<YEAR>/<file>   the parameters, commentary and action plan
    params/<ORG>/<file>          the organisation's files for every year (local-codes.yaml)
    code/wres_helpers/<file>     the package, notebooks and templates included
    code/requirements.lock       the exact versions the environment is built from
    as_of=<date>                 the date the report is as of (it may come from the
                                 environment: SOURCE_DATE_EPOCH)

The installed packages are not hashed: the lock file stands for them (`make` reinstalls the
environment whenever the lock file changes).

One manifest serves three purposes: the method appendix prints its digest, a report is up to
date exactly when the manifest recorded beside it equals the one made now (`wres report`,
`wres batch`), and `wres verify` says which inputs changed. File times never count: a file
replaced by an older copy, a deleted file or a new one each change the manifest.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .. import PACKAGE
from .params import PARAMS_FILE

LOCK_FILE = "requirements.lock"
_SKIPPED_DIRS = {"__pycache__", ".ipynb_checkpoints"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree(folder: Path, label: str) -> list[tuple[str, str]]:
    """Every file under `folder` (symlinked folders not followed), named `label/<relative>`."""
    if not folder.is_dir():
        return []
    entries = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS]
        for name in files:
            path = Path(top, name)
            if path.suffix == ".pyc" or not path.is_file():
                continue
            relative = path.relative_to(folder).as_posix()
            entries.append((f"{label}/{relative}", file_sha256(path)))
    return entries


def code_entries() -> list[tuple[str, str]]:
    package = PACKAGE
    lock = package.parent / LOCK_FILE
    # Hashing the package costs more than a report's data, so it is hashed again only when
    # a file's size, time or inode says it may have changed (the code is not edited within
    # a clock tick of a build, as a data file might be: those are compared by content).
    stamp = _stamp(package, lock)
    if _CODE.get("stamp") != stamp:
        entries = _tree(package, f"code/{package.name}")
        if lock.is_file():
            entries.append((f"code/{LOCK_FILE}", file_sha256(lock)))
        _CODE.update(stamp=stamp, entries=entries)
    return list(_CODE["entries"])


_CODE: dict = {}


def _stamp(folder: Path, *more: Path) -> tuple:
    """Each file's path, size, modification time and inode: what an edit changes."""
    paths = list(more)
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS]
        paths += [Path(top, name) for name in files]
    stats = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        stats.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(sorted(stats))


def build_manifest(
    params_root: Path,
    org: str,
    year: int,
    data_root: Path,
    folders: Iterable[tuple[str, int]],
    values: Iterable[str] = (),
) -> str:
    """The manifest text of one report: its parameters folder, last year's action plans (which
    it reviews), the `(org, year)` data folders
    under `data_root`, and for each organisation among them the files that apply to every
    year (the files directly in its data and parameters folders), and each other
    organisation-year's params.yaml (its own disclosure rule applies). An absent folder adds
    nothing, so creating or deleting one changes the manifest. `values` (e.g.
    'as_of=2019-10-17') are inputs no file holds: each is listed with the SHA-256 of its text."""
    folders = sorted(set(folders))
    entries = [(v, hashlib.sha256(v.encode()).hexdigest()) for v in values]
    entries += _tree(Path(params_root) / org / str(year), f"params/{org}/{year}")
    last = f"params/{org}/{year - 1}"  # last year's action plans, which the report reviews
    entries += [
        (name, sha)
        for name, sha in _tree(Path(params_root) / org / str(year - 1), last)
        if Path(name).stem.lower() == "action-plan"
    ]
    for each in sorted({o for o, _ in folders} | {org}):
        entries += _files(Path(params_root) / each, f"params/{each}")
        entries += _files(Path(data_root) / each, f"data/{each}")
    for each, y in folders:
        entries += _tree(Path(data_root) / each / str(y), f"data/{each}/{y}")
        # Another organisation-year's own disclosure rule applies to its figures too.
        rule = Path(params_root) / each / str(y) / PARAMS_FILE
        if (each, y) != (org, year) and rule.is_file():
            entries.append((f"params/{each}/{y}/{PARAMS_FILE}", file_sha256(rule)))
    entries += code_entries()
    return "".join(f"{sha}  {name}\n" for name, sha in sorted(entries))


def _files(folder: Path, label: str) -> list[tuple[str, str]]:
    """The files directly in `folder` (not its year folders)."""
    if not folder.is_dir():
        return []
    return [(f"{label}/{p.name}", file_sha256(p)) for p in sorted(folder.iterdir()) if p.is_file()]


def digest(manifest_text: str) -> str:
    """The one digest of all inputs: `sha256sum inputs.sha256` prints the same."""
    return hashlib.sha256(manifest_text.encode("utf-8")).hexdigest()


def recorded(folder: Path, name: str) -> str | None:
    """The manifest written beside a built report, if any."""
    try:
        return (Path(folder) / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def changes(before: str, after: str) -> list[str]:
    """What differs between two manifests, one line per input: 'changed', 'new' or 'gone'."""

    def parse(text: str) -> dict[str, str]:
        return {
            name: sha for sha, _, name in (ln.partition("  ") for ln in text.splitlines()) if name
        }

    old, new = parse(before), parse(after)
    out = [f"changed: {n}" for n in sorted(old.keys() & new.keys()) if old[n] != new[n]]
    out += [f"new: {n}" for n in sorted(new.keys() - old.keys())]
    out += [f"gone: {n}" for n in sorted(old.keys() - new.keys())]
    return out
