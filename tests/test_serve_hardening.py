"""`briefgen serve` against hostile requests and broken builds: a real server process, real
sockets (forged Host headers, half-sent and garbled requests) and a real browser."""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

import pytest

from briefgen.commands.preview import PreviewHandler, allowed_host, start_server
from briefgen.commands.preview_pages import PreviewState
from briefgen.commands.serve import BuildRequest, _rebuild
from tests import test_serve
from tests.test_serve import DEADLINE, Served, edit

if TYPE_CHECKING:
    from playwright.sync_api import Browser

WRONG_ADDRESS = (
    "This preview only answers at the address shown where briefgen serve is running, "
    "so that other websites cannot read it. Open that address instead."
)
serve = test_serve.serve  # the fixture: a `briefgen serve` process of the mini project
IDLE_TIMEOUT = 10  # serve.IDLE_TIMEOUT, as the server is expected to apply it


def port_of(served: Served) -> int:
    port = urlsplit(served.url).port
    assert port is not None
    return port


def raw(served: Served, request: bytes) -> tuple[int, bytes]:
    """Send bytes exactly as given; the status and body the server answers before closing."""
    with socket.create_connection(("127.0.0.1", port_of(served)), timeout=DEADLINE) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 "), f"no status line in {answer[:200]!r}"
    return int(head.split()[1]), body


def get(served: Served, path: str, host: str | None = None) -> tuple[int, bytes]:
    """GET ``path`` with the Host header a browser would send, or the one given."""
    host = f"127.0.0.1:{port_of(served)}" if host is None else host
    return raw(served, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())


@pytest.mark.slow
def test_only_the_packs_own_files_are_served(mini: Path, serve: Callable[..., Served]) -> None:
    served = serve("--format", "html")
    output = mini / "output"
    student = output / "mini/student"
    (student / "notes.txt").write_text("private notes", encoding="utf-8")
    (student / "answers.html").write_text("private", encoding="utf-8")  # not in the manifest
    (student / ".hidden.html").write_text("private", encoding="utf-8")
    (student / "copy.html").symlink_to(student / "brief.html")  # a link, even to a page
    (student / "settings.html").symlink_to(mini / "briefgen.yaml")
    os.mkfifo(student / "pipe.html")
    (output / "mini/stray.html").write_text("private", encoding="utf-8")
    (output / "stray.html").write_text("private", encoding="utf-8")
    (output / "mini/drafts").mkdir()
    (output / "mini/drafts/draft.html").write_text("private", encoding="utf-8")
    (output / "unlisted/student").mkdir(parents=True)
    (output / "unlisted/student/brief.html").write_text("private", encoding="utf-8")

    for path in (
        "/mini/student/notes.txt",
        "/mini/student/answers.html",
        "/mini/student/.hidden.html",
        "/mini/student/copy.html",
        "/mini/student/settings.html",
        "/mini/student/pipe.html",
        "/mini/stray.html",
        "/stray.html",
        "/mini/drafts/draft.html",
        "/unlisted/student/brief.html",
        "/mini/student",
        "/mini/student/brief.html/",
        "/mini//student/brief.html",
        "/_briefgen/pdf/mini/student/notes.txt",
        "/_briefgen/pdf/mini/student/brief.html",
        "/_briefgen/pdf/unlisted/student/brief.pdf",
    ):
        status, body = get(served, path)
        assert status == 404, path
        assert b"There is no " in body and b"private" not in body and b"Riverside" not in body

    assert get(served, "/mini/student/brief.html")[0] == 200
    assert get(served, "/mini/teacher/handout-kabul.html")[0] == 200
    status, index = get(served, "/mini/student/")
    assert status == 200 and b"<title>Ceasefire calls" in index
    listing = get(served, "/")[1].decode()
    assert "brief.html" in listing
    assert "copy.html" not in listing and "pipe.html" not in listing
    assert "notes.txt" not in listing and "answers.html" not in listing


@pytest.mark.slow
def test_a_project_folder_given_as_output_stays_private(serve: Callable[..., Served]) -> None:
    served = serve("--format", "html", "--out", ".")  # the packs land in ./mini/
    assert get(served, "/mini/student/brief.html")[0] == 200
    for path in ("/briefgen.yaml", "/content/briefs/ceasefire.md", "/content/sources/kabul.txt"):
        assert get(served, path)[0] == 404, path


@pytest.mark.slow
def test_requests_for_another_address_are_refused(serve: Callable[..., Served]) -> None:
    served = serve("--format", "html")
    port = port_of(served)
    for host in (
        f"evil.example:{port}",
        "evil.example",
        f"localhost.evil.example:{port}",
        f"127.0.0.1.nip.io:{port}",
        f"192.168.1.5:{port}",  # an IP address is only accepted when serving a network
        "127.0.0.1:1",  # another port
        "",
    ):
        for path in ("/", "/mini/student/brief.html", "/_briefgen/events", "/nothing"):
            status, body = get(served, path, host)
            assert status == 421, (host, path)
            assert WRONG_ADDRESS in body.decode()
            assert b"Two documents" not in body and b"Ceasefire" not in body

    no_host = raw(served, b"GET /mini/student/brief.html HTTP/1.0\r\n\r\n")
    assert no_host[0] == 421
    twice = f"Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n"
    assert raw(served, f"GET / HTTP/1.1\r\n{twice}\r\n".encode())[0] == 421

    for host in (f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", "LocalHost", "[::1]"):
        status, body = get(served, "/mini/student/brief.html", host)
        assert status == 200 and b"Two documents" in body, host


@pytest.mark.parametrize(
    ("served_host", "allowed", "refused"),
    [
        (
            "127.0.0.1",
            ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"],
            ["evil.example:8000", "10.0.0.2:8000", "127.0.0.1:8001", "[::1", "", "a:b:c"],
        ),
        (
            "0.0.0.0",
            ["0.0.0.0:8000", "192.168.1.5:8000", "10.0.0.2", "[fe80::1]:8000", "localhost"],
            ["evil.example:8000", "192.168.1.5.nip.io", "0x7f.1:8000", "192.168.1.5:80"],
        ),
        ("::", ["[2001:db8::1]:8000", "192.168.1.5"], ["evil.example", "host:8000"]),
        ("192.168.1.5", ["192.168.1.5:8000", "10.0.0.2"], ["evil.example:8000"]),
        ("::1", ["[::1]:8000", "[::1]", "localhost"], ["10.0.0.2:8000", "evil.example"]),
        ("teacher-pc.local", ["Teacher-PC.local:8000", "10.0.0.2"], ["evil.example:8000"]),
    ],
)
def test_the_host_rule(served_host: str, allowed: list[str], refused: list[str]) -> None:
    for host in allowed:
        assert allowed_host(host, served_host, 8000), host
    for host in refused:
        assert not allowed_host(host, served_host, 8000), host
    assert not allowed_host(None, served_host, 8000)


HANDOUT_AS_SCRIPT = (  # a page that is also valid JavaScript, once the policy is put in its head
    "/*<head>*/ var p = document.createElement('p'); p.id = 'ran'; "
    "p.textContent = 'a page ran as a script'; document.body.appendChild(p); //\n"
)
BRIEF_LOADING_IT = (
    '{% extends "builtin/brief.html" %}{% block colophon %}{{ super() }}'
    '<script src="handout-kabul.html"></script>{% endblock %}'
)


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.slow
def test_a_page_of_the_output_cannot_be_run_as_a_script(
    mini: Path, serve: Callable[..., Served], browser: Browser
) -> None:
    (mini / "templates").mkdir()
    (mini / "templates/handout.html").write_text(HANDOUT_AS_SCRIPT, encoding="utf-8")
    (mini / "templates/brief.html").write_text(BRIEF_LOADING_IT, encoding="utf-8")
    served = serve()
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url + "mini/student/brief.html")
    assert "Two documents" in page.inner_text("body")
    assert page.locator("#ran").count() == 0
    assert errors, "the browser should report the script it refused"
    assert all("handout-kabul.html" in error for error in errors), errors

    page.wait_for_timeout(300)  # let the page connect to the event stream
    edit(mini / "content/briefs/ceasefire.md", "Two documents", "Two public documents")
    page.get_by_text("Two public documents").first.wait_for(timeout=DEADLINE * 1000)
    assert page.locator("#ran").count() == 0
    assert all("handout-kabul.html" in error for error in errors), errors

    # the PDF viewer still shows the PDF in its frame
    errors.clear()
    pdfs: list[int] = []
    page.on(
        "response",
        lambda response: (
            pdfs.append(response.status)
            if response.url.endswith("/mini/student/brief.pdf")
            else None
        ),
    )
    page.goto(served.url + "_briefgen/pdf/mini/student/brief.pdf")
    page.wait_for_timeout(500)
    assert pdfs and set(pdfs) == {200}
    assert errors == []
    page.close()


SELF_INCLUDING = (
    '{% extends "builtin/brief.html" %}{% block colophon %}{% include "brief.html" %}{% endblock %}'
)


@pytest.mark.slow
def test_a_bug_during_a_rebuild_does_not_stop_the_server(
    mini: Path, serve: Callable[..., Served]
) -> None:
    served = serve("--format", "html")
    (mini / "templates").mkdir()
    (mini / "templates/brief.html").write_text(SELF_INCLUDING, encoding="utf-8")
    served.wait_for_line(r"^Error: ")
    served.wait_for_line(r"^Still serving the last good output; fix the problem and save again\.")
    page = served.wait_for_page("/mini/student/brief.html", lambda page: 'role="alert"' in page)
    assert "briefgen could not rebuild; this is the last good version." in page
    assert "Two documents" in page  # the last good brief

    (mini / "templates/brief.html").write_text(
        '{% extends "builtin/brief.html" %}', encoding="utf-8"
    )
    served.wait_for_page("/mini/student/brief.html", lambda page: 'role="alert"' not in page)
    assert served.stop() == 0
    assert not [line for line in served.printed if "Traceback" in line]


def test_an_unexpected_build_failure_is_shown_as_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("briefgen.commands.serve.build", broken)
    state = PreviewState(tmp_path / "output", [])
    assert _rebuild(BuildRequest(tmp_path), state, "Building") is None
    message = (
        "unexpected failure: ZeroDivisionError: division by zero\n"
        "This is a bug in briefgen. Run the command again with --debug and report what it "
        "prints."
    )
    assert (state.error, state.generation) == (message, 1)
    printed = capsys.readouterr()
    assert printed.err == f"Error: {message}\n"
    assert printed.out == (
        "Building...\n"
        "Still serving the pack index (nothing is built yet); fix the problem and save again.\n"
    )


def test_ctrl_c_during_a_rebuild_still_stops_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("briefgen.commands.serve.build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _rebuild(BuildRequest(tmp_path), PreviewState(tmp_path / "output", []), "Building")


@pytest.mark.slow
def test_malformed_requests_get_a_status_and_print_nothing(
    serve: Callable[..., Served],
) -> None:
    served = serve("--format", "html")
    host = f"Host: 127.0.0.1:{port_of(served)}\r\n\r\n".encode()
    requests = {
        b"GET /%00 HTTP/1.1\r\n" + host: 404,
        b"GET /mini/student/brief.html%00.pdf HTTP/1.1\r\n" + host: 404,
        b"GET /" + b"a" * 300 + b" HTTP/1.1\r\n" + host: 404,
        b"GET /mini/student/" + b"a" * 300 + b".html HTTP/1.1\r\n" + host: 404,
        b"GET /" + b"a/" * 3000 + b" HTTP/1.1\r\n" + host: 414,
        b"GET /..%2f..%2fetc/passwd HTTP/1.1\r\n" + host: 404,
        b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + host: 404,
        b"GET /%zz%2%ff%fe%c0%af HTTP/1.1\r\n" + host: 404,
        b"GET /\x1b[31mred HTTP/1.1\r\n" + host: 404,
        b"GET http://[::1/ HTTP/1.1\r\n" + host: 400,
        b"GET / HTTP/9.9\r\n" + host: 505,
        b"GET / SPDY/3\r\n" + host: 400,
        b"BREW /pot HTTP/1.1\r\n" + host: 501,
        b"GET /mini/student/brief.html\r\n": 400,  # HTTP/0.9: the answer would have no status
        b"HELLO\r\n\r\n": 400,
        b"\r\n": 400,
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\xff\r\n": 400,  # TLS, by mistake
    }
    for request, expected in requests.items():
        status, body = raw(served, request)
        assert status == expected, request[:80]
        assert b"<title>" in body
    assert get(served, "/")[0] == 200  # still serving
    assert served.stop() == 0
    serving = next(i for i, line in enumerate(served.printed) if line.startswith("Serving "))
    assert served.printed[serving + 1 :] == ["Stopped serving."]


def test_a_bug_while_answering_is_a_500_and_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(state: PreviewState) -> str:
        raise KeyError("boom")

    monkeypatch.setattr("briefgen.commands.preview.pack_index", broken)
    server = start_server(PreviewState(tmp_path, []), "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(url, timeout=DEADLINE)
        assert failed.value.code == 500
        assert failed.value.headers["X-Content-Type-Options"] == "nosniff"
        assert (
            "<p>briefgen could not show this page because of a bug. The window where briefgen "
            "serve is running says more.</p>"
        ) in failed.value.read().decode()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "mini/student/brief.html", timeout=DEADLINE)
        assert missing.value.code == 404  # still serving
    finally:
        server.shutdown()
        server.server_close()
    assert capfd.readouterr().err == (
        "Error: could not answer GET / HTTP/1.1: unexpected failure: KeyError: 'boom'\n"
        "This is a bug in briefgen. Run the command again with --debug and report what it "
        "prints.\n"
    )


def test_a_bug_before_a_request_is_read_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(handler: PreviewHandler) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(PreviewHandler, "setup", broken)
    server = start_server(PreviewState(tmp_path, []), "127.0.0.1", 0)
    try:
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/", timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    assert capfd.readouterr().err == (
        "Error: could not answer a request: unexpected failure: RuntimeError: boom\n"
        "This is a bug in briefgen. Run the command again with --debug and report what it "
        "prints.\n"
    )


@pytest.mark.slow
def test_stalled_connections_are_dropped_but_the_event_stream_stays(
    mini: Path, serve: Callable[..., Served]
) -> None:
    served = serve("--format", "html")
    address = ("127.0.0.1", port_of(served))
    with socket.create_connection(address, timeout=DEADLINE) as events:
        events.sendall(f"GET /_briefgen/events HTTP/1.1\r\nHost: {address[0]}\r\n\r\n".encode())
        stream = events.makefile("rb")
        assert stream.readline().startswith(b"HTTP/1.0 200")
        while stream.readline() != b"\r\n":
            pass
        assert next_event(stream) == b"data: 1"

        stalled = [socket.create_connection(address, timeout=DEADLINE) for _ in range(50)]
        try:
            for client in stalled:
                client.sendall(b"GET /mini/stud")  # half a request line, then nothing
            assert get(served, "/mini/student/brief.html")[0] == 200  # others are answered
            deadline = time.monotonic() + 3 * IDLE_TIMEOUT
            for client in stalled:
                client.settimeout(max(0.1, deadline - time.monotonic()))
                try:
                    assert client.recv(1024) == b""  # closed by the server
                except ConnectionResetError:
                    pass  # closed too
                except TimeoutError:
                    pytest.fail(f"a stalled connection was kept open for {3 * IDLE_TIMEOUT} s")
        finally:
            for client in stalled:
                client.close()

        # the event stream outlives the idle timeout: a keep-alive, then the next build
        assert next_event(stream) == b": still here"
        edit(mini / "content/briefs/ceasefire.md", "Two documents", "Two public documents")
        assert next_event(stream) == b"data: 2"


def next_event(stream: BinaryIO) -> bytes:
    """The next line of a server-sent event stream that is not blank."""
    while (line := stream.readline()) == b"\n":
        pass
    return line.rstrip(b"\n")
