"""The preview's server on its own (no build, no browser): it answers only its own Host,
says nothing when a connection is closed under it, and stays quick under aborted loads."""

from __future__ import annotations

import http.client
import socket
import struct
import time
from pathlib import Path

import pytest

from wres_helpers.running.preview import Build, Preview
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent
SECRET = "unpublished draft: staff id 4417"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served():
    preview = Preview("ECCH", 2019, ROOT / "params", say=lambda _: None, standard=WRES)
    page = f"<!DOCTYPE html><html><head></head><body><main><p>{SECRET}</p>"
    preview.build = Build(page=page + "x" * 2_000_000 + "</main></body></html>", version=1)
    port = _free_port()
    server = preview.serve(port)
    yield port
    preview.close()
    server.shutdown()
    server.server_close()


def get(port: int, path: str = "/", host: str | None = None) -> tuple[int, bytes, float]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, time.perf_counter() - start


def test_only_its_own_host_and_port_is_answered(served):
    port = served
    status, body, _ = get(port)
    assert status == 200 and SECRET.encode() in body
    for host in (f"rebind.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", "", "localhost"):
        status, body, _ = get(port, host=host)
        assert status == 421, host
        assert SECRET.encode() not in body
        assert f"http://127.0.0.1:{port}/".encode() in body
    status, body, _ = get(port, "/events", host=f"rebind.example:{port}")
    assert status == 421


def _abort(port: int, path: str) -> None:
    """Send a request and close at once with a reset, as a cancelled load does."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())


def test_a_thousand_aborted_loads_leave_it_quiet_and_quick(served, capfd):
    port = served
    _, _, before = get(port)
    for n in range(1000):  # a bounded loop, on the loopback address only
        _abort(port, "/events" if n % 2 else "/")
    time.sleep(0.5)
    status, body, after = get(port)
    assert status == 200 and SECRET.encode() in body
    assert after < max(2.0, 10 * before), (before, after)
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Exception" not in captured.err, captured.err[:2000]
