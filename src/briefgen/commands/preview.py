"""The preview's web server: what it shows, to whom, and how it answers every request.

Pages are served as built, with two additions made on the way out, never written to disk:
a small script that reloads the page when a rebuild finishes, and, while the content has an
error, a banner saying what is wrong. The server shows the packs' own pages and PDFs (those
their manifests list) and nothing else, answers only requests addressed to it (another
website pointed at this computer gets nothing), lets no script run but its own reload
script, and never stops or prints a traceback because of a request.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import logging
import re
import secrets
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import click

from briefgen.commands.preview_pages import (
    ERROR_PAGES,
    EVENTS,
    PDF_EVENTS,
    PDF_VIEWER,
    VIEWER_POLICY,
    PreviewState,
    message_page,
    pack_index,
    page_policy,
    pdf_viewer,
    printable,
    servable_file,
    with_reload,
)
from briefgen.errors import BriefgenError, unexpected_failure
from briefgen.load.reading import regular_bytes

log = logging.getLogger(__name__)


IDLE_TIMEOUT = 10  # seconds a connection may stall mid-request before it is dropped


EVENTS_KEEPALIVE = 15.0  # seconds between writes on an idle event stream


MAX_TARGET = 2048  # characters in a request's address; longer is refused, not echoed


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})


HOST_HEADER = re.compile(r"(?P<name>\[[0-9A-Za-z:.]+\]|[A-Za-z0-9._-]+)(?::(?P<port>[0-9]{1,5}))?")


def allowed_host(header: str | None, served_host: str, port: int) -> bool:
    """Whether a request's Host header names this server.

    A website whose name was pointed at this computer (DNS rebinding) sends its own name,
    so it is refused. When serving a network (--host 0.0.0.0), any IP address is accepted:
    an address typed as numbers cannot be a rebound name.
    """
    match = HOST_HEADER.fullmatch(header or "")
    if match is None or (match["port"] is not None and int(match["port"]) != port):
        return False
    name = match["name"].lower()
    if name in LOOPBACK_HOSTS or name == _host_name(served_host):
        return True
    return not _is_loopback(served_host) and _is_ip_literal(name)


def _host_name(host: str) -> str:
    """``host`` as a Host header spells it: an IPv6 address in brackets."""
    return f"[{host.lower()}]" if ":" in host else host.lower()


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name, or "" (every address)


def _is_ip_literal(name: str) -> bool:
    try:
        if name.startswith("["):
            ipaddress.IPv6Address(name[1:-1])
        else:
            ipaddress.IPv4Address(name)
    except ValueError:
        return False
    return True


class PreviewServer(ThreadingHTTPServer):
    """The standard threading server, but a failure is one line in the terminal, never a
    traceback, and the server carries on."""

    daemon_threads = True
    request_queue_size = 64  # several pages opening at once, each with an event stream

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if error is None or isinstance(error, OSError):  # the browser went away
            log.debug("serve: connection from %s ended: %r", client_address, error)
            return
        log.debug("serve: unexpected failure", exc_info=True)
        message = f"Error: could not answer a request: {unexpected_failure(error)}"
        click.secho(message, fg="red", err=True)


def start_server(state: PreviewState, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("PreviewHandler", (PreviewHandler,), {"state": state, "served_host": host})
    try:
        server = PreviewServer((host, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise BriefgenError(
                f"port {port} is already in use (perhaps another briefgen serve).\n"
                "Stop the other server, or choose another port with --port."
            ) from error
        raise BriefgenError(f"cannot serve on {host}:{port}: {error.strerror}.") from error
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves the packs' files (HTML with the reload script), the pack index and the reload
    events; every other request gets a short page with a status, whatever it holds."""

    state: PreviewState
    served_host: str = "127.0.0.1"  # the --host given
    raw_requestline: bytes  # set by the standard library before parse_request
    command = ""  # until a request line is understood
    server_version = "briefgen"
    default_request_version = "HTTP/1.0"  # so even a garbled request gets a status line
    timeout = IDLE_TIMEOUT  # a stalled connection is dropped, not kept forever
    responded = False  # whether this request's status line is sent

    def handle_one_request(self) -> None:
        """One request: a bug while answering is a 500 and one line, not a traceback."""
        self.responded = False
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the browser went away or stalled
        except Exception as error:
            self.close_connection = True
            log.debug("serve: unexpected failure", exc_info=True)
            request = printable(getattr(self, "requestline", ""))
            message = f"Error: could not answer {request}: {unexpected_failure(error)}"
            click.secho(message, fg="red", err=True)
            if not self.responded:
                with contextlib.suppress(OSError):  # the browser may be gone too
                    self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR)

    def parse_request(self) -> bool:
        """As the standard library's, but a request line without an HTTP version (HTTP/0.9,
        or not HTTP at all) is refused with a status, not answered with a bare page."""
        if len(self.raw_requestline.split()) < 3:
            self.command, self.request_version = "", self.default_request_version
            self.requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST)
            return False
        return super().parse_request()

    def do_GET(self) -> None:
        hosts = self.headers.get_all("Host") or []
        port = self.connection.getsockname()[1]
        if len(hosts) != 1 or not allowed_host(hosts[0], self.served_host, port):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST)
            return
        if len(self.path) > MAX_TARGET:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return
        try:
            path = unquote(urlsplit(self.path).path)
        except ValueError:  # such as a malformed IPv6 address in an absolute URL
            self.send_error(HTTPStatus.BAD_REQUEST)
            return
        if path == "/":
            self._send_page(HTTPStatus.OK, pack_index(self.state))
        elif path in (EVENTS, PDF_EVENTS):
            self._stream_events(pdfs=path == PDF_EVENTS)
        elif path.startswith(PDF_VIEWER + "/") and _is_pdf(
            servable_file(self.state, path[len(PDF_VIEWER) :])
        ):
            viewer = pdf_viewer(path[len(PDF_VIEWER) :])
            self._send_page(HTTPStatus.OK, viewer, VIEWER_POLICY, pdfs=True)
        else:
            self._send_file(path)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.responded = True
        super().send_response(code, message)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every refusal as a short plain page, with the same protective headers as any."""
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        title, text = ERROR_PAGES.get(code, ERROR_PAGES[HTTPStatus.BAD_REQUEST])
        page = message_page(title, text)
        self._send(HTTPStatus(code), "text/html", page.encode("utf-8"), page_policy())

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("serve: " + format, *args)

    def _send_file(self, path: str) -> None:
        file = servable_file(self.state, path)
        # read as a regular file again: it may have been swapped for a link or a pipe
        data = regular_bytes(file, None, follow_links=False) if file is not None else None
        if file is None or data is None:
            text = f"There is no {printable(path)} in the output."
            self._send_page(HTTPStatus.NOT_FOUND, message_page("Not found", text))
        elif file.suffix == ".html":
            self._send_page(HTTPStatus.OK, data.decode("utf-8", "replace"))
        else:
            self._send(HTTPStatus.OK, "application/pdf", data)

    def _send_page(
        self, status: HTTPStatus, page: str, extra_policy: str = "", pdfs: bool = False
    ) -> None:
        """An HTML page with the reload script (allowed by a nonce made for this response
        alone) and the error banner if any; its policy is also sent as a header. A PDF's
        viewer reloads when the PDFs are rebuilt, every other page when the pages are."""
        with self.state.changed:
            generation, error = self.state.now(pdfs), self.state.error
        nonce = secrets.token_urlsafe(16)
        page = with_reload(page, nonce, generation, error, PDF_EVENTS if pdfs else EVENTS)
        self._send(status, "text/html", page.encode("utf-8"), page_policy(nonce, extra_policy))

    def _stream_events(self, pdfs: bool = False) -> None:
        """Server-sent events: the generation (the pages' or the PDFs') now, then each time
        it changes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        state = self.state
        seen = -1
        try:
            while True:
                with state.changed:
                    if state.now(pdfs) == seen:
                        state.changed.wait(timeout=EVENTS_KEEPALIVE)
                    generation = state.now(pdfs)
                if generation != seen:
                    self.wfile.write(f"data: {generation}\n\n".encode())
                    seen = generation
                else:
                    self.wfile.write(b": still here\n\n")  # keeps proxies from closing it
                self.wfile.flush()
        except OSError:
            return  # the page was closed or reloaded

    def _send(self, status: HTTPStatus, kind: str, data: bytes, policy: str = "") -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload must show the new build
        self.send_header("X-Content-Type-Options", "nosniff")  # an HTML file is never script
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _is_pdf(file: Path | None) -> bool:
    return file is not None and file.suffix == ".pdf"
