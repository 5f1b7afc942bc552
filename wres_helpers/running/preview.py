"""`wres preview`: the report's web page, rebuilt on every save and refreshed in the browser.

The page is served on 127.0.0.1 only. `watchfiles` watches the organisation's parameters,
commentary, action plan and data folders; each change rebuilds the page in this process, in
memory (the notebook's cells, then the HTML; no PDF), so nothing in output/ or anywhere else
is written. An edit to the words reuses the figures and every section it did not change
(running/cells.py). The served page, and only it, carries a small script that listens to
server-sent events and, when a new build is ready, swaps the new content into the open page
without reloading it. When a build fails, its problems
(file, line, message) go at the top of the page and the last good content stays below.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import watchfiles

from ..errors import CellError, Exit, InputError
from ..standards.registry import Standard
from . import cells
from .pipeline import notebook_for

if TYPE_CHECKING:
    from ..report import ReportData

HOST = "127.0.0.1"  # never another address: the preview shows unpublished, unsuppressed work
DEFAULT_PORT = 8000
KEEPALIVE = 10.0  # seconds between SSE comments, so a closed tab is noticed
REQUEST_TIMEOUT = 10.0  # seconds a connection may take to send its request
MAX_STREAMS = 16  # open event streams (tabs) at once; more are refused, not queued

# Styles of the preview's own bar and problem box; inline, so the published CSS is untouched.
_BAR = (
    "position:sticky;top:0;z-index:10;margin:0;padding:.3em .8em;font:14px sans-serif;"
    "background:#1d3557;color:#fff"
)
_BOX = (
    "margin:0 0 1em;padding:.6em 1em;font:15px sans-serif;background:#fdecea;"
    "color:#611a15;border-left:6px solid #b3261e"
)
# The served page's one script (allowed by its hash, so it is the same for every build): on
# each "new version" event it fetches the page again and swaps in the preview's bar and the
# parts of <main> that changed, in place, at the same scroll position; the charts and sections
# that did not change stay as they are, so nothing is laid out or decoded again for them.
_SCRIPT = """<script>
(() => {
  const top = () => document.getElementById("preview-top");
  let shown = Number(top().dataset.version), wanted = shown, busy = false;
  const swap = (page) => {
    const y = window.scrollY;
    top().replaceWith(page.getElementById("preview-top"));
    const old = document.querySelector("main"), fresh = page.querySelector("main");
    const before = [...old.children], after = [...fresh.children];
    if (before.length === after.length) {
      after.forEach((node, i) => before[i].isEqualNode(node) || before[i].replaceWith(node));
    } else {
      old.replaceWith(fresh);
    }
    document.title = page.title;
    window.scrollTo(0, y);
    shown = Number(top().dataset.version);
  };
  const update = async () => {
    if (busy) return;
    busy = true;
    try {
      while (wanted > shown) {
        const reply = await fetch("/", { cache: "no-store" });
        swap(new DOMParser().parseFromString(await reply.text(), "text/html"));
      }
    } catch (error) {
      location.reload();
    } finally {
      busy = false;
    }
  };
  const events = new EventSource("/events");
  events.onmessage = (event) => { wanted = Math.max(wanted, Number(event.data)); update(); };
})();
</script>"""
_EMPTY = (
    "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{}</title></head>"
    "<body><p>Building the report…</p></body></html>"
)


def _allow(script: str, page: str) -> str:
    """The page's Content-Security-Policy, which forbids every script, with this one script
    (by its hash) and its events from this server allowed: for the served page only."""
    body = script.removeprefix("<script>").removesuffix("</script>")
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    allowed = f"default-src 'none'; script-src 'sha256-{digest}'; connect-src 'self';"
    return page.replace("default-src 'none';", allowed, 1)


@dataclass
class Build:
    """The last good page and the newest build's problems (empty when it succeeded)."""

    page: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    version: int = 0


class _Server(ThreadingHTTPServer):
    """A closed tab, a reload or an aborted load ends its connection mid-answer: nothing to
    report (the standard library prints a traceback for each). Anything else still is."""

    request_queue_size = 128  # the default 5 makes a burst of loads wait on the kernel

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class Preview:
    def __init__(
        self,
        org: str,
        year: int,
        params_root: Path,
        say: Callable[[str], None],
        standard: Standard,
    ):
        self.org, self.year, self.params_root = org, int(year), Path(params_root)
        self.standard = standard
        self.say = say
        self.build = Build(page=_EMPTY.format(html.escape(f"{org} {year} preview")))
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.folder = self.params_root / self.org / str(self.year)
        self.words = standard.words_folder(self.folder)  # its commentary and action plan
        # the last ReportData built from good data and parameters
        self.report: ReportData | None = None
        self.memo = cells.Memo()  # its cells' outputs, and what each read of the words
        self._served: tuple[bytes, int] = (b"", -1)  # the page as served, and its build
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)

    # --- building -----------------------------------------------------------------------
    def rebuild(self, changed: set[str] | None = None) -> None:
        """Rebuild the page; `changed` (the paths saved) lets an edit to the commentary or
        the action plan reuse the last figures, the slow part, instead of computing and
        drawing them all again."""
        start = time.perf_counter()
        try:
            page, problems = self._html(changed), []
        except InputError as error:
            page, problems = None, [str(p) for p in error.problems]
        except CellError as error:
            page, problems = None, [str(error)]
        except Exception as error:  # a preview must outlive any one bad save
            page, problems = None, [f"{type(error).__name__}: {error}"]
        seconds = time.perf_counter() - start
        with self.changed:
            self.build = Build(
                page=page if page is not None else self.build.page,
                problems=problems,
                seconds=seconds,
                version=self.build.version + 1,
            )
            self.changed.notify_all()
        if problems:
            self.say(f"not rebuilt ({seconds:.2f} s): " + "; ".join(problems))
        else:
            self.say(f"rebuilt in {seconds:.2f} s ({self.memo.ran} cells run)")

    def _words_only(self, changed: set[str] | None) -> bool:
        """Whether every path saved is commentary or the action plan (and the figures are
        from good data), so the figures cannot have changed."""
        from ..inputs.actions import NAME
        from ..inputs.narrative import FOLDER

        folder = self.words.resolve()
        commentary = folder / FOLDER
        if not (self.report and changed):
            return False
        return all(
            commentary in Path(p).parents or (Path(p).parent == folder and Path(p).stem == NAME)
            for p in changed
        )

    def _report(self, changed: set[str] | None) -> ReportData:
        from ..report import ReportData

        if self.report is not None and self._words_only(changed):
            return self.report.with_words_from(self.folder)
        self.report, self.memo = None, cells.Memo()
        self.report = ReportData.build(
            self.org, self.year, self.params_root, standard=self.standard
        )
        return self.report

    def _html(self, changed: set[str] | None) -> str:
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        from ..rendering.render import notebook_to_html

        report = self._report(changed)
        parameters = {
            "org": report.org,
            "year": report.year,
            "params_root": str(self.params_root.resolve()),
            "output_dir": "",  # the preview writes no indicators.csv
        }
        nb = parameterize_notebook(load_notebook_node(str(notebook_for(self.standard))), parameters)
        log: list = []
        recorder = cells.Recorder(report, log)
        cells.run(nb, recorder, log, self.memo)
        return notebook_to_html(nb)

    def watched(self) -> list[Path]:
        """The parameters folder, and the data folders of this organisation and its
        comparators (as the parameters name them now, falling back to the data root)."""
        from ..inputs.params import data_folder, load_params

        folder = self.folder
        try:
            params = load_params(folder)
        except InputError:
            return [p for p in (folder, self.params_root.resolve().parent / "data") if p.is_dir()]
        data = data_folder(params, self.params_root)
        orgs = [self.org, *params.comparator_codes]
        return [folder, *(p for p in (data / org for org in orgs) if p.is_dir())]

    # --- serving ------------------------------------------------------------------------
    def page(self) -> tuple[str, int]:
        build = self.build
        bar = (
            f'<p class="preview-bar" style="{_BAR}">Live preview of {html.escape(self.org)} '
            f"{self.year} {self.standard.code}, not the published page. Build {build.version}, "
            f"{build.seconds:.2f} s.</p>"
        )
        box = ""
        if build.problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in build.problems)
            box = (
                f'<div class="preview-problems" role="alert" style="{_BOX}">'
                f"<p><strong>The report could not be rebuilt.</strong> Below is the last good "
                f"version.</p><ul>{items}</ul></div>"
            )
        top = f'<div id="preview-top" data-version="{build.version}">{bar}{box}</div>'
        text = re.sub(r"<body[^>]*>", lambda m: m.group(0) + top, build.page, count=1)
        text = text.replace("</body>", _SCRIPT + "</body>", 1)
        return _allow(_SCRIPT, text), build.version

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(
                lambda: self.build.version != seen or self.stopping.is_set(), timeout
            )
            return self.build.version

    def served(self) -> tuple[bytes, int]:
        """The page as bytes, made once per build: a thousand loads cost one."""
        with self.changed:
            version = self.build.version
            if self._served[1] != version or not self._served[0]:
                self._served = (self.page()[0].encode("utf-8"), version)
            return self._served

    def serve(self, port: int) -> ThreadingHTTPServer:
        preview = self
        # DNS rebinding: a page elsewhere whose name is made to point at 127.0.0.1 reaches
        # this port, but its requests carry its own name as Host. Only ours is answered.
        hosts = {f"{HOST}:{port}"}

        class Handler(BaseHTTPRequestHandler):
            timeout = REQUEST_TIMEOUT  # a connection that never sends its request is dropped

            def do_GET(self):  # noqa: N802 (the standard library's name)
                if self.headers.get("Host", "").lower() not in hosts:
                    self.send_error(421, f"Open http://{HOST}:{port}/ (this host is not served)")
                elif self.path == "/":
                    body = preview.served()[0]
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Cache-Control", "no-store")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == "/events":
                    self._events()
                else:
                    self.send_error(404)

            def _events(self):
                if not preview.streams.acquire(blocking=False):
                    self.send_error(503, "Too many open previews of this page")
                    return
                try:
                    self._stream()
                finally:
                    preview.streams.release()

            def _stream(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                version = preview.build.version
                self.wfile.write(f"data: {version}\n\n".encode())
                self.wfile.flush()
                while not preview.stopping.is_set():
                    new = preview.wait_for_change(version, KEEPALIVE)
                    line = f"data: {new}\n\n" if new != version else ": keep-alive\n\n"
                    self.wfile.write(line.encode())
                    self.wfile.flush()
                    version = new

            def log_message(self, format, *args):  # noqa: A002
                pass  # one line per rebuild is enough; requests are noise

        server = _Server((HOST, port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def watch(self) -> None:
        """Build, then rebuild on every change until stopped; re-aim the watch when the
        folders to watch change. The first build runs once the watch has started, so a file
        saved while it runs is not missed."""
        built = False
        while not self.stopping.is_set():
            paths = self.watched()
            for changes in watchfiles.watch(
                *paths, stop_event=self.stopping, yield_on_timeout=True, rust_timeout=200
            ):
                if built and not changes:
                    continue
                self.rebuild({path for _, path in changes} if built else None)
                built = True
                if self.stopping.is_set() or self.watched() != paths:
                    break

    def close(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()


def run_preview(
    org: str,
    year: int | str,
    params_root: Path = Path("params"),
    port: int = DEFAULT_PORT,
    say: Callable[[str], None] | None = None,
    *,
    standard: Standard,
) -> int:
    """Serve and follow edits until Ctrl-C (SIGINT) or SIGTERM; returns the exit status."""
    from ..inputs.params import check_org_year

    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    org, year = check_org_year(org, str(year))
    preview = Preview(org, year, params_root, say, standard)
    try:
        server = preview.serve(port)
    except OSError as error:
        preview.close()
        say(f"Cannot serve on {HOST}:{port} ({error.strerror}); choose another port: --port N")
        return Exit.BAD_INPUT

    def stop(signum, frame):
        # Set first: a Ctrl-C inside a notebook cell is caught there and ends only that build.
        preview.stopping.set()
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        say(f"Preview of {org} {year} on http://{HOST}:{port}/ (Ctrl-C stops it). Watching:")
        for path in preview.watched():
            say(f"  {path}")
        say("Building…")
        preview.watch()
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        preview.close()
        server.shutdown()
        server.server_close()
    say("Preview stopped.")
    return Exit.DONE
