"""Keeping the return private and `wres verify` honest on a folder it did not build.

The return (unsuppressed counts for NHS England) is refused into any folder that holds a
published report, or is inside one, whatever output root built it, and is never written
through a link. `verify` reads a published folder's files only if each is a regular file (not
a link, a FIFO or a device) within a size limit, names every file no build makes (the return
first), and prints what it read only once made safe for a terminal.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import InputError, OutputError, Problem
from ..standards import STANDARDS

MAX_OUTPUT_BYTES = 512 * 1024 * 1024  # a published file verify reads (a report is a few MB)
# C0 and C1 controls (ESC starts a terminal's escape codes), DEL, and the text-direction
# controls: each shown as its \\x/\\u code, never sent to the terminal.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character written as its escape (ESC as \\x1b)."""
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def report_marks(folder: Path) -> list[str]:
    """The names in `folder` that say a report was built there: any standard's manifest or
    indicators file."""
    marks = {s.manifest_name for s in STANDARDS.values()}
    marks |= {s.file_name("indicators", ".csv") for s in STANDARDS.values()}
    try:
        names = set(os.listdir(folder))
    except OSError:
        return []
    return sorted(names & marks)


def refuse_published(out: Path) -> None:
    """InputError if `out`, or a folder it is inside, holds a published report."""
    target = Path(out).resolve()
    for folder in (target, *target.parents):
        marks = report_marks(folder)
        if marks:
            where = "" if folder == target else f" (inside {folder})"
            raise InputError(
                [
                    Problem(
                        "--out",
                        f"a folder that holds no published report (this one{where} has "
                        f"{', '.join(marks)}; the return holds unsuppressed counts)",
                        value=str(out),
                    )
                ]
            )


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` (mode 0600) through a new file beside it, never through a link:
    whatever stands at the partial name is removed, not followed, and the new file is created
    exclusively, without following a link, then renamed over `path` (a link there is
    replaced, not written through)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(partial):
            os.unlink(partial)  # a planted link goes, its target untouched
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        with os.fdopen(os.open(partial, flags, 0o600), "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(partial, path)
    except OSError as error:
        raise OutputError(path, error) from None


def read_published(path: Path) -> bytes | str:
    """A published file's bytes, or why it is not read, in at most 23 characters (as verify
    lists it): a link, a FIFO, a device, or a file over MAX_OUTPUT_BYTES. Opened without
    following a link and without blocking: a FIFO never hangs, /dev/zero is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        if os.path.islink(path):
            return "a link: not read"
        return "unreadable: not read"
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "special file: not read"  # a FIFO, a device, a socket
        if info.st_size > MAX_OUTPUT_BYTES:
            return f"over {MAX_OUTPUT_BYTES // 1024 // 1024} MB: not read"
        data = f.read(MAX_OUTPUT_BYTES + 1)
    if len(data) > MAX_OUTPUT_BYTES:
        return f"over {MAX_OUTPUT_BYTES // 1024 // 1024} MB: not read"
    return data


def not_made(folder: Path, org: str, year: int) -> list[str]:
    """Every name in the published folder that no build of any standard makes, each
    standard's return first."""
    made = set().union(*(s.every_output_name(org, year) for s in STANDARDS.values()))
    returns = {s.return_name(org, year) for s in STANDARDS.values()}
    extra = set(os.listdir(folder)) - made
    return sorted(extra, key=lambda name: (name not in returns and "return" not in name, name))
