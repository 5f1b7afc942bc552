"""An analyst's text file (params.yaml, commentary) as text, whichever editor saved it.

UTF-8, with or without a byte-order mark, UTF-16 with its byte-order mark (Notepad's
"Unicode"), and Windows-1252 (Notepad's "ANSI", as Excel saves CSV) are read; anything
else, a NUL character, a text-direction control (`BIDI_CONTROLS`, as a character or as an
HTML reference such as `&#x202E;`) or a file too large for its purpose is refused with one
line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import yaml
from yaml.composer import ComposerError

from ..errors import InputError, Problem

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAVE_AS = "save it as UTF-8 (in Notepad: File, Save as, Encoding UTF-8)"
MAX_YAML_BYTES = 256 * 1024  # an analyst's YAML file is a few KB
MAX_ALIASES = 5  # theirs have none; an "alias bomb" multiplies a list by each one
MAX_DEPTH = 20  # lists and mappings inside each other; theirs go three deep
MAX_LINE_CHARS = 64 * 1024  # one line of YAML or Markdown (a paragraph may be one line)
# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): one in a name or a sentence
# turns the text after it around, on the page and in the PDF ("10.5%" reads "%5.01"). The
# marks U+200E and U+200F, which only say which way a character runs, are allowed.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_REFERENCE = re.compile(r"&#(?:[xX]0*(202[a-eA-E]|206[6-9])|0*(82(?:3[4-8])|82(?:9[4-7])));")


def without_bidi_controls(text: str) -> str:
    """The text with every text-direction control (`BIDI_CONTROLS`) removed."""
    return BIDI_CONTROLS.sub("", text)


def _bidi_problem(text: str, shown: str) -> Problem | None:
    found = BIDI_CONTROLS.search(text) or _REFERENCE.search(text)
    if found is None:
        return None
    char = found.group()
    if len(char) > 1:  # an HTML reference: Markdown would turn it into the character
        hexa, decimal = found.groups()
        char = chr(int(hexa, 16) if hexa else int(decimal))
    name = f"U+{ord(char):04X} {unicodedata.name(char)}"
    return Problem(
        shown,
        f"text without text-direction controls; found {name}"
        f"{f' written as {found.group()}' if len(found.group()) > 1 else ''}, which turns "
        "the text after it around: delete it",
        row=text.count("\n", 0, found.start()) + 1,
        row_label="line",
    )


class _Loader(yaml.SafeLoader):
    """yaml.safe_load's loader (no !!python tags), refusing more than MAX_ALIASES aliases."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases = getattr(self, "aliases", 0) + 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise ComposerError(None, None, f"at most {MAX_ALIASES} aliases (*name)", mark)
        return super().compose_node(parent, index)


def load_yaml(text: str) -> object:
    """As yaml.safe_load, with the alias limit; raises yaml.YAMLError.

    Read by libyaml where PyYAML has it (ten times faster); a file it refuses, or one with
    too many aliases, is read again by the Python loader, whose error says it in its words.
    Nesting deeper than MAX_DEPTH is refused first: building it would exhaust Python's stack."""
    _check_depth(text)
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            events = yaml.parse(text, Loader=fast)
            if sum(isinstance(e, yaml.AliasEvent) for e in events) <= MAX_ALIASES:
                return yaml.load(text, Loader=fast)  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)


def _check_depth(text: str) -> None:
    """Refuse nesting past MAX_DEPTH, from the parser's events (the parser keeps a stack of
    its own; only the composer recurses). libyaml first; a file it refuses (it has a
    nesting limit of its own) is checked by the Python parser, which the loader uses next."""
    for loader in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader):
        if loader is None:
            continue
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                depth += isinstance(event, _OPENING) - isinstance(event, _CLOSING)
                if depth > MAX_DEPTH:
                    what = f"at most {MAX_DEPTH} levels of lists and mappings inside each other"
                    mark = event.start_mark  # libyaml's Mark: yaml.error.Mark's line and column
                    raise ComposerError(None, None, what, mark)  # type: ignore[arg-type]  # see above
            return
        except ComposerError:
            raise
        except yaml.YAMLError:
            continue  # the loader says what is wrong, in its words


_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def read_text(path: Path, shown: str, max_bytes: int) -> str:
    """The file's text with Unix line ends; InputError naming `shown` if it cannot be read."""
    path = Path(path)
    if not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise InputError([Problem(shown, f"a text file; this is {kind}")])
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            [Problem(shown, f"a file of at most {max_bytes // 1024} KB; this one is {_size(size)}")]
        )
    text = _decode(path.read_bytes(), shown)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            [Problem(shown, f"text without NUL characters; {SAVE_AS}", row=line, row_label="line")]
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    longest = max(map(len, text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        line = next(n for n, s in enumerate(text.split("\n"), 1) if len(s) == longest)
        limit = f"lines of at most {MAX_LINE_CHARS:,} characters"
        raise InputError([Problem(shown, limit, row=line, value=f"{longest:,}", row_label="line")])
    if (problem := _bidi_problem(text, shown)) is not None:
        raise InputError([problem])
    return text


def _decode(data: bytes, shown: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    [Problem(shown, f"text in {encoding.upper()}, as its byte-order mark says")]
                ) from None
    if b"\x00" in data[:4096] and data[1::2].count(0) + data[0::2].count(0) > len(data) // 4:
        # Every other byte NUL: UTF-16 saved without its byte-order mark.
        raise InputError([Problem(shown, f"UTF-8 text; this looks like UTF-16: {SAVE_AS}")])
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError([Problem(shown, f"text in UTF-8 or Windows-1252; {SAVE_AS}")])


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"
