"""The package's layout: layers that import only the layers before them, one base error
class, and a plain (not editable) install that builds a report on its own."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from pypdf import PdfReader

import wres_helpers
from wres_helpers import PACKAGE
from wres_helpers.errors import Exit, InputError, WresError

ROOT = PACKAGE.parent
# README "Layout": each layer imports only the layers listed before it.
LAYERS = [
    "kinds",
    "standards",
    "inputs",
    "compute",
    "presentation",
    "words",
    "report",
    "sections",
    "rendering",
    "running",
]
SHARED = {"errors", "__init__"}  # the package's own modules, below every layer
# The kinds of indicator are named by the registries (standards/), so they sit below them,
# but each does its work in the layers above: a kind's method imports the layer it works in
# (up to the sections) when it runs; importing a kind module loads nothing of those layers.
KINDS_WORK_UP_TO = "sections"


def _on_import(tree: ast.Module) -> list[ast.AST]:
    """The nodes run when the module is imported: its top level, without function bodies and
    `if TYPE_CHECKING:` blocks."""
    nodes, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo += node.orelse
            continue
        nodes.append(node)
        todo += [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt)]
    return nodes


def _imports(path: Path, on_import: bool = False) -> set[str]:
    """The wres_helpers modules a module imports, as dotted names inside the package
    (`on_import`: only those its import loads, not its functions' or its type hints')."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in _on_import(tree) if on_import else ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(module[: len(module) - node.level])
            target = [*base, *(node.module.split(".") if node.module else [])]
            for name in [a.name for a in node.names]:  # a module of the package, or a name
                inside = PACKAGE.joinpath(*target, name)
                if inside.is_dir() or inside.with_suffix(".py").exists():
                    found.add(".".join([*target, name]))
                else:
                    found.add(".".join(target) or "__init__")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wres_helpers"):
            found.add(node.module.removeprefix("wres_helpers").lstrip("."))
    return {f for f in found if f}


def test_each_layer_imports_only_the_layers_before_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = path.relative_to(PACKAGE).parts[0]
        if layer not in LAYERS:
            continue
        top = LAYERS.index(KINDS_WORK_UP_TO if layer == "kinds" else layer)
        allowed = set(LAYERS[: top + 1]) | SHARED
        for target in _imports(path):
            if target.split(".")[0] not in allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_a_kind_module_loads_only_the_kinds_when_imported():
    """The registries import the kinds: a kind's own module (kinds/<kind>/__init__.py) reaches
    no other layer when imported, nor its section module (the layers it works in are imported
    inside its methods, and for its type hints)."""
    paths = sorted((PACKAGE / "kinds").glob("*.py")) + sorted(
        (PACKAGE / "kinds").glob("*/__init__.py")
    )
    assert len(paths) >= 8  # the package, the base and six kinds
    loaded = sorted(
        f"{path.relative_to(PACKAGE)} imports {target}"
        for path in paths
        for target in _imports(path, on_import=True)
        if target.split(".")[0] not in {"kinds", *SHARED} or target.endswith(".section")
    )
    assert loaded == []
    # and the check sees an import at the top of a module: the base's own TYPE_CHECKING ones
    assert "standards.registry" in _imports(PACKAGE / "kinds" / "base.py")
    # and a kind's section module as such
    assert "kinds.bands.section" in _imports(PACKAGE / "sections" / "__init__.py", on_import=True)


def _calls(path: Path, name: str) -> bool:
    """Whether the module calls a function called `name` (`name(...)` or `x.name(...)`)."""
    return any(
        isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    )


def test_an_indicators_section_is_laid_out_in_its_kinds_own_folder():
    """Every indicator's section starts with `sections.common.start_indicator` (its heading,
    and whether its data was supplied). Only a kind's own section module calls it, and each
    kind's `section` method imports its own: a section body written in sections/ (or a kind
    whose method shows another's) fails here."""
    folders = sorted(p.parent for p in (PACKAGE / "kinds").glob("*/__init__.py"))
    assert len(folders) == 6
    starting = {p for p in PACKAGE.rglob("*.py") if _calls(p, "start_indicator")}
    assert starting == {folder / "section.py" for folder in folders}
    for folder in folders:
        tree = ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
        (method,) = [n for n in ast.walk(tree) if getattr(n, "name", "") == "section"]
        imported = {(n.level, n.module) for n in ast.walk(method) if isinstance(n, ast.ImportFrom)}
        assert imported == {(1, "section")}, folder.name


def test_no_module_is_named_after_a_dependency_or_the_standard_library():
    """A module called `typst.py` reads as the typst package wherever it is imported."""
    clashes = []
    for info in pkgutil.walk_packages(wres_helpers.__path__, "wres_helpers."):
        leaf = info.name.rsplit(".", 1)[1]
        if leaf.startswith("__"):
            continue
        found = importlib.util.find_spec(leaf)  # a namespace folder (params/) has no origin
        if leaf in sys.stdlib_module_names or (found is not None and found.origin is not None):
            clashes.append(info.name)
    assert clashes == []


def test_one_module_per_meaning_of_national():
    """England's published figures are `standards/england.py`; `national` is the comparison
    across organisations (running/national.py) and nothing else."""
    named = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("national*.py"))
    assert named == ["running/national.py"]


def test_the_runners_reach_the_report_through_its_own_layer_not_the_sections():
    """The report object, its manifest and its workbook notes are `report/`'s: the pipeline,
    the other runners and the command line take them from there, never from a section
    module (importing the sections package whole, to warm a batch worker, is not use)."""
    paths = [PACKAGE / "cli.py", *sorted((PACKAGE / "running").glob("*.py"))]
    reached = sorted(
        f"{path.name} imports {target}"
        for path in paths
        for target in _imports(path)
        if target.startswith("sections.")
    )
    assert reached == []


def test_the_table_layout_is_shared_without_an_import_circle():
    """present (HTML) and pdf (the PDF's Typst) both read presentation/layout.py; pdf never
    imports present, and layout imports neither."""
    folder = PACKAGE / "presentation"
    assert "presentation.present" not in _imports(folder / "pdf.py")
    assert "presentation.layout" in _imports(folder / "pdf.py")
    assert "presentation.layout" in _imports(folder / "present.py")
    layout = _imports(folder / "layout.py")
    assert not {m for m in layout if m.startswith("presentation")}


def test_every_error_of_the_package_is_a_wres_error_defined_in_errors_py():
    classes = []
    for info in pkgutil.walk_packages(wres_helpers.__path__, "wres_helpers."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        classes += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, BaseException) and c.__module__ == info.name
        ]
    names = {c.__name__ for c in classes}
    assert {"WresError", "InputError", "StageError", "TypesettingError", "OutputError"} <= names
    assert {c.__module__ for c in classes} == {"wres_helpers.errors"}
    assert [c.__name__ for c in classes if not issubclass(c, WresError)] == []
    assert issubclass(InputError, WresError) and WresError.__bases__ == (Exception,)


def test_the_standard_is_a_required_object_never_a_defaulted_string():
    """Every function that depends on the standard is given the `Standard` itself: no
    parameter `standard` has a default, and none is typed as text (only cli.py reads
    `--standard`, once)."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if isinstance(node, ast.ClassDef):  # a dataclass field
                fields = [
                    (n.target.id, n.annotation, n.value)
                    for n in node.body
                    if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                ]
            else:
                a = node.args
                positional = a.posonlyargs + a.args
                defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
                fields = [
                    (x.arg, x.annotation, d) for x, d in zip(positional, defaults, strict=True)
                ]
                fields += [
                    (x.arg, x.annotation, d)
                    for x, d in zip(a.kwonlyargs, a.kw_defaults, strict=True)
                ]
            for name, annotation, default in fields:
                typed = ast.unparse(annotation) if annotation is not None else ""
                if name == "standard" and (default is not None or "str" in typed):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert wrong == []


def test_exit_statuses_are_named_never_bare_numbers():
    """The command and its runners return `Exit` members: a bare `return 2` is a status
    someone must look up."""
    bare = []
    for path in [PACKAGE / "cli.py", *sorted((PACKAGE / "running").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Return) else None
            if isinstance(value, ast.Constant) and type(value.value) is int:
                bare.append(f"{path.name}:{node.lineno}")
            if isinstance(value, ast.IfExp) and any(
                isinstance(v, ast.Constant) and type(v.value) is int
                for v in (value.body, value.orelse)
            ):
                bare.append(f"{path.name}:{node.lineno}")
    assert bare == []
    assert [int(s) for s in Exit] == [0, 1, 2, 3]


# --- a plain install, as a user gets it ----------------------------------------------------


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_environment_builds_a_report(tmp_path):
    """`pip wheel --no-deps .`, then that wheel (not editable, not this checkout) installed
    with its dependencies at the locked versions into a new virtual environment, builds the
    ECCH report from a copy of the project's params/ and data/ alone. pip's cache makes the
    install a minute or so."""
    wheels = tmp_path / "wheels"
    pip = ["-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [sys.executable, *pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True
    )
    (wheel,) = wheels.glob("wres_helpers-*.whl")
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = str(env / "bin" / "python")
    lock = ROOT / "requirements.lock"  # as make install does: every file checked by its hash
    subprocess.run([python, *pip, "install", "--require-hashes", "--no-deps", "-r", str(lock)],
                   check=True)  # fmt: skip
    subprocess.run([python, *pip, "install", "--no-deps", str(wheel)], check=True)
    project = tmp_path / "project"  # params/ and data/ only: no package source beside them
    for folder in ("params/ECCH", "data/demo"):
        shutil.copytree(ROOT / folder, project / folder)
    run = subprocess.run([python, "-I", "-c", _BUILD], cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    where, pages = run.stdout.split()
    assert Path(where).is_relative_to(env)  # the installed copy, not this checkout
    assert int(pages) >= 10
    folder = project / "output" / "ECCH" / "2019"
    text = " ".join(p.extract_text() for p in PdfReader(folder / "ECCH-2019-WRES.pdf").pages)
    assert "Workforce Race Equality Standard report" in text
    words = re.sub(r"-\s+", "-", " ".join(text.split()))  # the file name may break at a hyphen
    assert "are in the technical annex, ECCH-2019-WRES-method.pdf" in words
    annex = PdfReader(folder / "ECCH-2019-WRES-method.pdf").pages[0].extract_text()
    assert "Method, caveats and settings" in annex
    assert (folder / "indicators.csv").read_text().startswith("indicator,measure,breakdown")


# Isolated (-I): no current folder on the path, no PYTHON* variables.
_BUILD = """
import wres_helpers
from wres_helpers.running.pipeline import build_report
from wres_helpers.standards import WRES
result = build_report("ECCH", 2019, say=lambda _: None, standard=WRES)
print(wres_helpers.__file__, result.pages)
"""


def test_the_public_surface_says_its_parameters_returns_and_raises():
    """`Standard`, the report object, the section functions the notebooks call and the
    pipeline's entry points carry numpydoc Parameters (and Returns / Raises where they have
    them)."""
    import nbformat

    from wres_helpers import report, sections
    from wres_helpers.running import batch, pipeline
    from wres_helpers.standards.registry import Standard

    called = set()
    for name in ("wres_report", "wdes_report"):
        notebook = nbformat.read(PACKAGE / "notebooks" / f"{name}.ipynb", as_version=4)
        for cell in notebook.cells:
            called |= set(re.findall(r"sections\.(\w+)\(", cell.source))
    assert len(called) >= 10
    documented = {f"sections.{n}": getattr(sections, n) for n in called}
    documented |= {
        "Standard": Standard,
        "ReportData": report.ReportData,
        "ReportData.build": report.ReportData.build,
        "build_report": pipeline.build_report,
        "is_up_to_date": pipeline.is_up_to_date,
        "run_batch": batch.run_batch,
    }
    missing = [n for n, f in documented.items() if "Parameters\n---" not in inspect.getdoc(f)]
    assert missing == []
    for name in ("ReportData.build", "build_report", "run_batch"):
        assert "Returns\n---" in inspect.getdoc(documented[name])
        assert "Raises\n---" in inspect.getdoc(documented[name])
