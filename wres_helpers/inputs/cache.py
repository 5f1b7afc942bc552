"""What one run keeps for the next, in a folder of this user's: checked input files (here)
and the page's compiled templates (rendering/render.py). Deleting the folder is always safe.

A checked input file is not read again while its bytes, the rules it was read by, the code
and the libraries are the same.

A report reads its organisation's files and every comparator's, three years each (77 small
files for ECCH 2019), and reading and checking them was the largest part of building it in a
new process. Only a file that passed every check is kept (`load._checked` decides), so a
problem is always found, and said, in the file itself.

The folder is platformdirs' user cache folder (`~/.cache/wres-helpers` on Linux), or the one
the environment variable `WRES_CACHE` names; `WRES_CACHE=off` keeps nothing. Its entries are
pickles and compiled code, so they are read only from folders nobody else can write to. A
checked file's entry (in `checked/`) is named by the SHA-256 of everything its reading depended
on (`key`); one that cannot be read is a miss, and is removed. The oldest go once there are
more than `MAX_ENTRIES` (checked once a process).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from .manifest import code_entries

FORMAT = 1  # of the entries: a change to what is stored changes every name
MAX_ENTRIES = 4000  # small tables: a region's organisations over several years
OFF = "off"
CHECKED = "checked"  # the checked files' folder
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # in a function's repr: differs between runs


def root() -> Path | None:
    """The cache's folder, or None when `WRES_CACHE=off`."""
    chosen = os.environ.get("WRES_CACHE", "").strip()
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("wres-helpers", appauthor=False))


def private_folder(name: str) -> Path | None:
    """The cache's folder `name`, made if need be (its owner's alone), or None: the cache
    off, the folder not to be made, or others able to write to it."""
    base = root()
    if base is None:
        return None
    place = base / name
    try:
        place.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return place if _private(place) else None


def key(*parts: object) -> str:
    """An entry's name: the SHA-256 of the parts' reprs (a function named, not where it sits
    in memory), after the code's own digest and the versions of Python and the libraries."""
    text = "\n".join([_versions(), *(_ADDRESS.sub("", repr(part)) for part in parts)])
    return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _versions() -> str:
    # Once a process: the code cannot change under a running program.
    import numpy
    import pandas
    import pyarrow

    code = hashlib.sha256(repr(code_entries()).encode()).hexdigest()
    return (
        f"format {FORMAT}; python {sys.version}; numpy {numpy.__version__}; "
        f"pandas {pandas.__version__}; pyarrow {pyarrow.__version__}; code {code}"
    )


def load(name: str) -> Any | None:
    """The entry called `name`, or None: not kept, the cache off or not private, or the
    entry unreadable (then removed)."""
    base = root()
    place = None if base is None else base / CHECKED
    if place is None or not _private(place):
        return None
    entry = place / name
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    try:
        return pickle.loads(data)  # noqa: S301  # our own entry, in a folder only we can write
    except Exception:  # cut short, or from another version of a library: read afresh
        with contextlib.suppress(OSError):
            entry.unlink()
        return None


def store(name: str, value: object) -> None:
    """Keep `value` as the entry called `name`. A cache that cannot be written only makes
    the next run slower, so a failure is not an error."""
    place = private_folder(CHECKED)
    if place is None:
        return
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with tempfile.NamedTemporaryFile(dir=place, prefix=".", delete=False) as out:
            out.write(data)
        os.replace(out.name, place / name)  # whole or not at all, whoever reads it meanwhile
        _trim(place)
    except OSError:
        return


def _private(place: Path) -> bool:
    """Nobody but this user can write to `place`. On Windows, a user's profile folder is
    their own; elsewhere the folder must be theirs, with no write for group or others."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = place.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _trim(place: Path) -> None:
    """The oldest entries removed, down to MAX_ENTRIES: once a process, at its first store
    (a batch worker that stores thousands may overshoot by as many until the next process)."""
    if place in _TRIMMED:
        return
    _TRIMMED.add(place)
    entries = []
    for entry in os.scandir(place):
        with contextlib.suppress(OSError):  # another process may have removed it
            entries.append((entry.stat().st_mtime_ns, entry.path))
    for _, path in sorted(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
        with contextlib.suppress(OSError):
            os.unlink(path)


_TRIMMED: set[Path] = set()  # the folders this process has trimmed
