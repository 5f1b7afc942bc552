"""The analysts' commentary: markdown files under params/<ORG>/<YEAR>/commentary/.

Figures can be written into the text as placeholders, `{{ name }}` (docs/analyst-guide.md
lists the names), which the report fills with the computed, formatted value, so the words
cannot drift from the data. `TODO` (in any case, in any Markdown: `**TODO**`, `- todo:`,
`<!-- TODO -->`) marks the template's prompts: while any remain, or a section is empty,
the report is a draft.
The Markdown may hold only what `prose` allows; anything else is refused by file and line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..standards.registry import Standard
from . import prose
from .text import read_text

FOLDER = "commentary"
GENERAL = ("summary", "background", "self-reporting", "other-factors")
# Sections a report shows only when their file exists: the staff network's own words.
OPTIONAL = ("staff-network",)
INDICATOR_PARTS = ("Implications", "Action taken and planned")
PROMPT = re.compile(r"(?<![a-z0-9])to[-_]?do(?![a-z0-9])", re.IGNORECASE)  # "to do" is prose
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# Once well-formed placeholders are blanked out (to \0): a brace left of one, or a name in
# single braces, such as {{ind2.rl} or { ind2.rl }}.
_MALFORMED = re.compile(r"\{\{|\}\}|\{\x00|\x00\}|\{\s*[A-Za-z_][\w.]*\s*\}")
MAX_BYTES = 1024 * 1024


def indicator_file(standard: Standard, indicator: str) -> str:
    """An indicator's commentary file: 'indicator-<id>.md' (its standard's term, its id)."""
    return f"{standard.term}-{indicator}.md"


def section_files(standard: Standard) -> list[str]:
    """Every commentary file a report reads, in report order."""
    return (
        [f"{n}.md" for n in GENERAL[:3]]
        + [indicator_file(standard, i) for i in standard.ids]
        + [f"{GENERAL[3]}.md"]
    )


def commentary_names(folder: Path, standard: Standard) -> list[str]:
    """The commentary files a report reads from `folder`: every section's, then the optional
    ones that are there."""
    optional = [f"{n}.md" for n in OPTIONAL if (Path(folder) / f"{n}.md").exists()]
    return section_files(standard) + optional


@dataclass(frozen=True)
class Commentary:
    """Markdown text per section; an indicator's file is split into its two parts."""

    sections: dict[str, str]
    indicators: dict[str, dict[str, str]]  # by indicator id
    prompts: list[str]  # "file, line N: the prompt" for each TODO still standing
    empty: list[str] = field(default_factory=list)  # "file[, line N]: <section> is empty"

    def general(self, name: str) -> str:
        return self.sections.get(name, "")

    def implications(self, indicator: str) -> str:
        return self.indicators.get(str(indicator), {}).get(INDICATOR_PARTS[0], "")

    def actions(self, indicator: str) -> str:
        return self.indicators.get(str(indicator), {}).get(INDICATOR_PARTS[1], "")


def load_commentary(params_dir: Path, values: dict[str, str], standard: Standard) -> Commentary:
    """Read every commentary file, filling placeholders; all problems raised together."""
    folder = Path(params_dir) / FOLDER
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    prompts: list[str] = []
    empty: list[str] = []
    indicator_names = {indicator_file(standard, i) for i in standard.ids}
    for name in commentary_names(folder, standard):
        path, shown = folder / name, str(folder / name)
        if not path.exists():
            problems.append(Problem(shown, f"a commentary file ({_how_to_start(standard)})"))
            continue
        try:
            text = read_text(path, shown, MAX_BYTES)
        except InputError as error:
            problems += error.problems
            continue
        problems += markup_problems(text, shown) + malformed_placeholders(text, shown)
        texts[name] = fill(text, values, shown, problems)
        prompts += [
            f"{shown}, line {n}: {line.strip()}"
            for n, line in enumerate(text.splitlines(), 1)
            if PROMPT.search(line)
        ]
        if name not in indicator_names and not _words(text):
            empty.append(f"{shown}: the section is empty")
    indicators = {}
    for i in standard.ids:
        name = indicator_file(standard, i)
        if name in texts:
            indicators[i] = split_parts(texts[name], str(folder / name), problems)
            empty += [
                f"{folder / name}: '## {part}' is empty"
                for part in INDICATOR_PARTS
                if part in indicators[i] and not _words(indicators[i][part])
            ]
    if problems:
        raise InputError(problems)
    sections = {n: texts[f"{n}.md"] for n in GENERAL + OPTIONAL if f"{n}.md" in texts}
    return Commentary(sections, indicators, prompts, empty)


def _words(markdown: str) -> bool:
    """Whether a section says anything: not only whitespace and HTML comments."""
    return bool(re.sub(r"<!--.*?-->", "", markdown, flags=re.DOTALL).strip())


def markup_problems(text: str, shown: str) -> list[Problem]:
    """Raw HTML, an image or a link that is not https:/mailto:, and a structure past its
    limits (nesting, headings, an unbroken run: `prose.structure`), each by line."""
    return [
        Problem(shown, expected, row=line, value=found, row_label="line")
        for line, found, expected in prose.refusals(text) + prose.structure(text)
    ]


def malformed_placeholders(text: str, shown: str) -> list[Problem]:
    """A placeholder with a brace missing or extra: it would print as it is."""
    blanked = PLACEHOLDER.sub(lambda m: "\x00" * len(m.group()), text)
    lines = {text.count("\n", 0, m.start()) + 1 for m in _MALFORMED.finditer(blanked)}
    return [
        Problem(
            shown,
            "each placeholder written {{ name }}, with two braces each side",
            row=n,
            value=text.splitlines()[n - 1].strip()[:80],
            row_label="line",
        )
        for n in sorted(lines)
    ]


def fill(text: str, values: dict[str, str], shown: str, problems: list[Problem]) -> str:
    """Replace each {{ name }} with its value; an unknown name is a problem, with close names."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        line = text.count("\n", 0, match.start()) + 1
        close = difflib.get_close_matches(name, values, n=3, cutoff=0.5)
        hint = ("closest: " + ", ".join(close)) if close else "see docs/analyst-guide.md"
        problems.append(
            Problem(
                shown,
                f"a known placeholder ({hint})",
                row=line,
                value=match.group(0),
                row_label="line",
            )
        )
        return match.group(0)

    return PLACEHOLDER.sub(replace, text)


def split_parts(text: str, shown: str, problems: list[Problem]) -> dict[str, str]:
    """An indicator file's '## Implications' and '## Action taken and planned' sections."""
    parts: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.fullmatch(r"#{1,3}\s*(.+?)\s*", line)
        if heading and heading.group(1).lower() in (p.lower() for p in INDICATOR_PARTS):
            current = next(p for p in INDICATOR_PARTS if p.lower() == heading.group(1).lower())
            parts[current] = []
        elif current:
            parts[current].append(line)
    for part in INDICATOR_PARTS:
        if part not in parts:
            problems.append(Problem(shown, f"a heading '## {part}'"))
    return {k: "\n".join(v).strip() for k, v in parts.items()}


def _how_to_start(standard: Standard) -> str:
    """How an analyst creates a missing commentary file: `make new` makes every standard's;
    a year begun before this standard was added gets just its own with STANDARD=."""
    if standard.bare_names:  # the first standard: every year begun has it
        return "make new creates it"
    return f"make new STANDARD={standard.slug} adds it"
