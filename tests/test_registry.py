"""The standard as data: the WRES registry holds its facts, and nothing else in the package
writes an indicator number or a group name.

The search is structural (the syntax tree, not grep), so it finds `row(frame, org, year, 3)`
and `{2: "recruitment"}` but not `round(value, 2)` or `range(1, 8)`. Its own tests, below,
show it catching each kind of literal the registry replaced.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from wres_helpers import PACKAGE
from wres_helpers.kinds import RELATIVE_LIKELIHOOD, RelativeLikelihood, SurveyPercent
from wres_helpers.standards import WRES, standard
from wres_helpers.standards.registry import (
    FOCUS,
    ROLLING,
    SINGLE_YEAR,
    Group,
    Indicator,
    Likelihood,
    Standard,
)

REGISTRY = PACKAGE / "standards"  # where the facts of a standard are written
INDICATOR_IDS = {str(n) for n in range(1, 10)}
GROUP_WORD = re.compile(r"\b(White|BME)\b")
# "Indicator 3", "indicators 2-4", "indicator-1.md", "ind3.rl"; not "indicators.csv".
INDICATOR_TEXT = re.compile(r"\b(?:indicators?[ -]?|ind)(?:[1-9])(?![0-9a-z])", re.IGNORECASE)
# Parameters that take an indicator, wherever a function declares one.
INDICATOR_PARAMETERS = {"indicator", "n", "indicator_id"}


def _indicator_positions(trees: list[ast.AST]) -> dict[str, set[int]]:
    """Each function of the package with a parameter naming an indicator, and its position
    (methods counted without self), so a call passing a number there can be found."""
    positions: dict[str, set[int]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                offset = 1 if names[:1] in (["self"], ["cls"]) else 0
                for i, name in enumerate(names[offset:]):
                    if name in INDICATOR_PARAMETERS:
                        positions.setdefault(node.name, set()).add(i)
    return positions


def _is_number(node: ast.AST) -> bool:
    """An indicator number, as a number (3) or as the id it is now ("3")."""
    return (
        isinstance(node, ast.Constant)
        and type(node.value) in (int, str)
        and str(node.value) in INDICATOR_IDS
    )


def _mentions_indicator(node: ast.AST) -> bool:
    """Whether the code of `node` has "indicator" in a name, attribute, keyword or string
    (as its source text would; read off the tree, which is faster than unparsing it)."""
    for part in ast.walk(node):
        words = {
            ast.Name: lambda n: n.id,
            ast.Attribute: lambda n: n.attr,
            ast.keyword: lambda n: n.arg or "",
            ast.arg: lambda n: n.arg,
            ast.Constant: lambda n: n.value if isinstance(n.value, str) else "",
        }.get(type(part))
        if words is not None and "indicator" in words(part).lower():
            return True
    return False


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def offences(source: str | ast.AST, positions: dict[str, set[int]]) -> list[tuple[int, str]]:
    """(line, what) for each indicator number or group name written in `source` (its text,
    or its syntax tree)."""
    found = []
    tree = ast.parse(source) if isinstance(source, str) else source
    nodes = list(ast.walk(tree))  # walked once: the package is a few hundred thousand nodes
    assigned = {  # each assigned value's targets, looked up by the value node
        id(node.value): " ".join(ast.unparse(t) for t in node.targets)
        for node in nodes
        if isinstance(node, ast.Assign)
    }
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if GROUP_WORD.search(text) or text == "Unknown":
                found.append((node.lineno, f"group name in {text[:60]!r}"))
            if INDICATOR_TEXT.search(text):
                found.append((node.lineno, f"indicator number in {text[:60]!r}"))
        elif isinstance(node, ast.Call):
            callee = _called(node)
            for i, arg in enumerate(node.args):
                if _is_number(arg) and i in positions.get(callee, ()):
                    found.append((node.lineno, f"indicator {arg.value} passed to {callee}()"))
            for keyword in node.keywords:  # a function of the package's, called by keyword
                if callee not in positions:
                    continue
                if keyword.arg in INDICATOR_PARAMETERS and _is_number(keyword.value):
                    found.append(
                        (node.lineno, f"indicator {keyword.value.value} as {keyword.arg}=")
                    )
            receiver = getattr(node.func, "value", None)
            if receiver is not None and _mentions_indicator(receiver):
                numbers = [a for a in node.args if _is_number(a)]
                for a in ast.walk(ast.Tuple(elts=node.args)):
                    numbers += [e for e in getattr(a, "elts", []) if _is_number(e)]
                if numbers:
                    found.append((node.lineno, f"indicator numbers in {ast.unparse(node)}"))
            if callee == "range" and all(isinstance(a, ast.Constant) for a in node.args):
                stop = node.args[1 if len(node.args) > 1 else 0].value
                if stop == len(WRES.indicators) + 1:
                    found.append((node.lineno, f"every indicator number: {ast.unparse(node)}"))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            # `n == 3`, `indicator in (2, 3)`: a number on a side, alone or in a literal.
            numbers = [e for s in sides for e in [s, *getattr(s, "elts", [])] if _is_number(e)]
            named = [s for s in sides if _mentions_indicator(s) or ast.unparse(s) == "n"]
            if numbers and named:
                found.append((node.lineno, f"indicator number compared: {ast.unparse(node)}"))
        elif isinstance(node, ast.Dict):
            keys = [k for k in node.keys if k is not None]
            if keys and all(_is_number(k) for k in keys):
                found.append((node.lineno, "a dict keyed by indicator numbers"))
        elif isinstance(node, ast.Set | ast.Tuple | ast.List):
            target = assigned.get(id(node), "")
            if (
                node.elts
                and all(_is_number(e) for e in node.elts)
                and "INDICATOR" in target.upper()
            ):
                found.append((node.lineno, f"indicator numbers in {target}"))
    return sorted(set(found))


def package_sources() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if REGISTRY not in path.parents
    }


def test_no_indicator_number_or_group_name_outside_the_registry():
    sources = package_sources()
    assert len(sources) > 30  # the whole package is searched, not an empty folder
    trees = {path: ast.parse(source) for path, source in sources.items()}
    positions = _indicator_positions(list(trees.values()))
    assert {"row", "rows", "rl_row", "start_indicator"} <= set(positions)
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path, tree in trees.items()
        for line, what in offences(tree, positions)
    ]
    assert found == []


# --- the search finds what it is for, and leaves the rest -----------------------------------

POSITIONS = {"row": {3}, "rl_indicator": {1}, "start_indicator": {1}, "headline": {1}}


@pytest.mark.parametrize(
    "source",
    [
        'row(frame, org, year, 1, breakdown="All")',
        "sections.rl_indicator(report, 3)",
        "headline(report, indicator=9)",
        'x = f"Indicator {n}: {TITLES[n]}" if n else "Indicators 2-4"',
        'name = "indicator-1.md"',
        'key = "ind3.single.rl"',
        'label = "BME staff"',
        'colours = {"White": "#12436D"}',
        'group = "Unknown"',
        'few = out["indicator"].between(5, 8)',
        'base = out["indicator"].isin([3, 4])',
        'one = frame[frame["indicator"] == "1"]',
        "if n == 1 or indicator in (2, 3): pass",
        '_SOURCE = {2: "recruitment", 3: "disciplinary"}',
        "SURVEY_INDICATORS = (5, 6, 7, 8)",
        "for n in range(1, 10): pass",
    ],
)
def test_the_search_finds_each_kind_of_literal(source):
    assert offences(source, POSITIONS), source


@pytest.mark.parametrize(
    "source",
    [
        "for i in range(1, 8): pass",
        "value = round(rl, 2)",
        'first = text.split(" ", 1)[0]',
        "fig, axes = plt.subplots(1, 2)",
        'path = "indicators.csv"',
        'row(frame, org, year, n, breakdown="All")',
        "widths = {1: 10, 22: 5}",
        'text = "the white space and the whiteboard"',
        'note = "unknown or not stated"',
        "levels = (1, 2, 3)",
    ],
)
def test_the_search_leaves_ordinary_numbers_and_words(source):
    assert offences(source, POSITIONS) == [], source


# --- the registry itself ----------------------------------------------------------------------


def test_the_wres_registry_as_the_technical_guidance_gives_it():
    assert standard("wres") is standard("WRES") is WRES
    assert WRES.ids == tuple("123456789")
    assert [g.name for g in WRES.groups] == ["White", "BME", "Unknown"]
    assert (WRES.reference.name, WRES.focus.name, WRES.unknown.name) == ("White", "BME", "Unknown")
    # Indicators 2 and 4 put White over BME; 3 puts BME over White. Every RL above 1
    # favours White staff: appointment and training are good, a disciplinary is not.
    tops = {i.id: i.top for i in WRES.of_kind(RelativeLikelihood)}
    assert tops == {"2": "White", "3": "BME", "4": "White"}
    assert {i.id: WRES.bottom(i) for i in WRES.of_kind(RelativeLikelihood)} == {
        "2": "BME",
        "3": "White",
        "4": "BME",
    }
    assert {WRES.favoured_above_one(i) for i in WRES.of_kind(RelativeLikelihood)} == {"White"}
    # In the staff survey only indicator 7 (belief in equal opportunities) is higher-better.
    survey = {i.id: i.higher_is_better() for i in WRES.of_kind(SurveyPercent)}
    assert survey == {"5": False, "6": False, "7": True, "8": False}
    sources = {i.id: (i.source, i.base_table) for i in WRES.indicators}
    assert sources["3"] == ("disciplinary", "workforce")
    assert sources["2"] == ("recruitment", "recruitment")
    assert sources["9"] == ("board", "board")


class _Rolling:
    def __init__(self, rolling: bool):
        self.disciplinary_rolling = rolling


def test_one_headline_rule_follows_the_setting():
    three = WRES.indicator(3)
    assert WRES.headline(three, _Rolling(True)).breakdown == ROLLING
    assert WRES.headline(three, _Rolling(False)).breakdown == SINGLE_YEAR
    board = WRES.headline(WRES.indicator("9"), _Rolling(True))
    assert (board.measure, board.breakdown, board.group, board.best) == (
        "difference_pp",
        "Board (voting)",
        "BME",
        "zero",
    )
    seven = WRES.headline(WRES.indicator("7"), _Rolling(True))
    assert (seven.group, seven.best) == ("BME", "high")


def _standard(**changes) -> Standard:
    groups = (Group("A", "reference"), Group("B", FOCUS), Group("C", "unknown"))
    words = Likelihood("staff", "be x", "were x", "were in post")
    indicators = (Indicator("1", "One", RELATIVE_LIKELIHOOD, "t", "L", top="B", likelihood=words),)
    return Standard(
        **{
            "code": "T",
            "name": "Test",
            "characteristic": "c",
            "adjective": "c",
            "groups": groups,
            "indicators": indicators,
            "tables": ("t",),
        }
        | changes
    )


def test_a_registry_with_a_mistake_is_refused_when_declared():
    assert _standard().indicator(1).top == "B"
    with pytest.raises(ValueError, match="unknown kind"):
        Indicator("1", "One", "pie chart", "t", "L")
    with pytest.raises(ValueError, match="needs top and words"):
        Indicator("1", "One", RELATIVE_LIKELIHOOD, "t", "L")
    twice = _standard().indicators * 2
    with pytest.raises(ValueError, match="used twice"):
        _standard(indicators=twice)
    with pytest.raises(ValueError, match="unknown group"):
        _standard(groups=(Group("A", "reference"), Group("Z", FOCUS), Group("C", "unknown")))
    with pytest.raises(ValueError, match="one group for each role"):
        _standard(groups=(Group("A", "reference"), Group("B", FOCUS), Group("C", FOCUS)))
    with pytest.raises(ValueError, match="unread tables"):
        _standard(tables=())
    with pytest.raises(KeyError, match="no indicator '7'"):
        _standard().indicator(7)
