"""Preview packs in a browser while editing: build, serve output/, rebuild on change, reload.

The build runs in the main thread (so Ctrl-C during a rebuild leaves output/ whole, as in
`briefgen build`); the web server answers from its own threads. Pages are served as built,
with two additions made on the way out, never written to disk: a small script that reloads
the page when a rebuild finishes, and, while the content has an error, a banner saying what
is wrong. Until the error is fixed the last good output stays served.
"""

from __future__ import annotations

import errno
import html
import itertools
import logging
import mimetypes
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import click

from briefgen.build import BuildReport, build
from briefgen.config import CONFIG_NAME, load_config
from briefgen.errors import BriefgenError, Problems
from briefgen.model import Config
from briefgen.progress import NORMAL, ConsoleProgress, file_size, shown

log = logging.getLogger(__name__)

INTERNAL = "/_briefgen/"
PDF_VIEWER = INTERNAL + "pdf"  # + /pack/edition/file.pdf: the PDF in a page that reloads
EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")
RELOAD_SCRIPT = """(function () {
  var generation = document.currentScript.getAttribute("data-generation");
  var events = new EventSource("/_briefgen/events");
  events.onmessage = function (event) {
    if (event.data !== generation) { events.close(); location.reload(); }
  };
})();
"""
SCRIPT_CSP = "script-src 'self'; connect-src 'self'; "  # added to each page's policy


@dataclass
class PreviewState:
    """What the server shows: shared by the build (writer) and the server threads."""

    output: Path
    packs: list[tuple[str, str, str]] = field(default_factory=list)  # id, title, description
    generation: int = 0  # counts finished builds, good or bad; pages reload when it moves
    error: str | None = None  # the last build's error, shown until a build succeeds
    changed: threading.Condition = field(default_factory=threading.Condition)

    def finished_build(self, error: str | None) -> None:
        with self.changed:
            self.error = error
            self.generation += 1
            self.changed.notify_all()


@dataclass(frozen=True)
class BuildRequest:
    """What `briefgen serve` was asked to build, each time something changes."""

    root: Path
    packs: Sequence[str] = ()
    out: Path | None = None
    formats: Sequence[str] | None = None
    jobs: int | None = None
    pdf_variant: str | None = None


def serve(request: BuildRequest, host: str, port: int, open_browser: bool) -> None:
    """Build, serve, and rebuild on every change until Ctrl-C."""
    problems = Problems()
    config = load_config(request.root, problems)
    problems.raise_if_any("nothing can be served")
    assert config is not None
    output = request.out if request.out is not None else request.root / config.output_dir
    state = PreviewState(output, _listed_packs(config))
    server = _start_server(state, host, port)
    url = f"http://{host}:{server.server_address[1]}/"
    try:
        changes = _changes(request.root, output)  # watching before the first build starts
        _rebuild(request, state, "Building")
        click.echo(f"Serving {shown(output)}/ at {url} (press Ctrl-C to stop)", color=False)
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        for changed in changes:
            _rebuild(request, state, f"Rebuilding: {changed} changed")
    except KeyboardInterrupt:
        click.echo("Stopped serving.")
    finally:
        server.shutdown()
        server.server_close()


def _rebuild(request: BuildRequest, state: PreviewState, why: str) -> BuildReport | None:
    """One build; an error is shown in the terminal and the browser, not raised."""
    click.echo(f"{why}...")
    try:
        report = build(
            request.root,
            request.packs,
            request.out,
            request.formats,
            jobs=request.jobs,
            progress=ConsoleProgress(NORMAL),
            pdf_variant=request.pdf_variant,
        )
    except click.ClickException as error:  # content errors, and a pack renamed meanwhile
        message = error.format_message()
        click.secho(f"Error: {message}", fg="red", err=True)
        built = state.output.is_dir() and any(state.output.iterdir())
        what = "the last good output" if built else "the pack index (nothing is built yet)"
        click.echo(f"Still serving {what}; fix the problem and save again.")
        state.finished_build(message)
        return None
    for warning in report.warnings:
        click.secho(f"Warning: {warning}", fg="yellow", err=True)
    click.echo(f"Done in {report.seconds:.1f} s; open pages reload.")
    config = load_config(request.root, Problems())  # packs may have been added or renamed
    if config is not None:
        state.packs = _listed_packs(config)
    state.finished_build(None)
    return report


def _listed_packs(config: Config) -> list[tuple[str, str, str]]:
    return [(pack.id, pack.title, pack.description) for pack in config.packs.values()]


def _changes(root: Path, output: Path) -> Iterator[str]:
    """Each time content/, templates/, briefgen.yaml or the logo changes: what changed.

    The watcher is running when this returns, so no change made after it is missed.
    """
    import watchfiles

    watched = _watched(root, output)
    batches = watchfiles.watch(
        root,
        watch_filter=lambda change, path: watched(Path(path)),
        step=100,
        rust_timeout=250,
        yield_on_timeout=True,  # so the first next() returns once the watcher is running
    )
    first = next(batches)

    def described() -> Iterator[str]:
        for batch in itertools.chain([first], batches):
            if not batch:
                continue
            # an editor's temporary files come and go within one save: name what remains
            names = sorted({shown(Path(path)) for _, path in batch if Path(path).exists()})
            names = names or sorted({shown(Path(path)) for _, path in batch})
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            yield ", ".join(names[:3]) + more

    return described()


def _watched(root: Path, output: Path) -> Callable[[Path], bool]:
    """Which changed paths call for a rebuild: the project's inputs, not output/ or caches."""
    root, output = root.resolve(), output.resolve()
    folders = (root / "content", root / "templates")

    def watched(path: Path) -> bool:
        if path.name.startswith((".", "#")) or path.name.endswith(EDITOR_LEFTOVERS):
            return False
        if path == root / CONFIG_NAME:
            return True
        if any(path.is_relative_to(folder) for folder in folders):
            return True
        # the logo may be anywhere in the project: any image outside output/ counts
        return path.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".svg"} and not (
            path.is_relative_to(output)
        )

    return watched


def _start_server(state: PreviewState, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("PreviewHandler", (PreviewHandler,), {"state": state})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise BriefgenError(
                f"port {port} is already in use (perhaps another briefgen serve).\n"
                "Stop the other server, or choose another port with --port."
            ) from error
        raise BriefgenError(f"cannot serve on {host}:{port}: {error.strerror}.") from error
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves output/ (HTML with the reload script), the pack index and the reload events."""

    state: PreviewState
    server_version = "briefgen"

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send(HTTPStatus.OK, "text/html", self._with_reload(pack_index(self.state)))
        elif path == INTERNAL + "reload.js":
            self._send(HTTPStatus.OK, "text/javascript", RELOAD_SCRIPT.encode())
        elif path == INTERNAL + "events":
            self._stream_events()
        elif path.startswith(PDF_VIEWER + "/"):
            page = pdf_viewer(path[len(PDF_VIEWER) :])
            self._send(HTTPStatus.OK, "text/html", self._with_reload(page))
        else:
            self._send_file(path)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("serve: " + format, *args)

    def _send_file(self, path: str) -> None:
        output = self.state.output.resolve()
        target = (output / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(output) or not target.is_file():
            page = _page("Not found", f"<p>There is no {html.escape(path)} in the output.</p>")
            self._send(HTTPStatus.NOT_FOUND, "text/html", self._with_reload(page))
            return
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = self._with_reload(data.decode("utf-8"))
        self._send(HTTPStatus.OK, kind, data)

    def _with_reload(self, page: str) -> bytes:
        """The page with the reload script, the error banner if any, and a policy allowing
        the script (the pages as built allow none)."""
        from briefgen.render import CONTENT_SECURITY_POLICY

        with self.state.changed:
            generation, error = self.state.generation, self.state.error
        page = page.replace(CONTENT_SECURITY_POLICY, SCRIPT_CSP + CONTENT_SECURITY_POLICY, 1)
        script = f'<script src="{INTERNAL}reload.js" data-generation="{generation}"></script>\n'
        page = page.replace("</head>", script + "</head>", 1)
        if error is not None:
            page = _after_body_tag(page, error_banner(error))
        return page.encode("utf-8")

    def _stream_events(self) -> None:
        """Server-sent events: the build generation now, then each time it changes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.state
        seen = -1
        try:
            while True:
                with state.changed:
                    if state.generation == seen:
                        state.changed.wait(timeout=15)
                    generation = state.generation
                if generation != seen:
                    self.wfile.write(f"data: {generation}\n\n".encode())
                    seen = generation
                else:
                    self.wfile.write(b": still here\n\n")  # keeps proxies from closing it
                self.wfile.flush()
        except OSError:
            return  # the page was closed or reloaded

    def _send(self, status: HTTPStatus, kind: str, data: bytes) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload must show the new build
        self.end_headers()
        self.wfile.write(data)


def pack_index(state: PreviewState) -> str:
    """The home page: every pack, its editions and their files."""
    sections = []
    for pack_id, title, description in state.packs:
        editions = []
        for edition in ("student", "teacher"):
            folder = state.output / pack_id / edition
            if not folder.is_dir():
                continue
            items = []
            for file in sorted(folder.iterdir()):
                if file.suffix not in (".pdf", ".html"):
                    continue
                link = f"/{pack_id}/{edition}/{file.name}"
                if file.suffix == ".pdf":
                    link = PDF_VIEWER + link
                items.append(
                    f'<li><a href="{html.escape(link)}">{html.escape(file.name)}</a> '
                    f'<span class="size">{file_size(file.stat().st_size)}</span></li>'
                )
            editions.append(
                f"<section><h3>{edition.capitalize()} edition</h3><ul>{''.join(items)}</ul>"
                "</section>"
            )
        body = "".join(editions) or "<p>Not built yet.</p>"
        sections.append(
            f'<article><h2>{html.escape(title)} <span class="id">{html.escape(pack_id)}</span>'
            f"</h2><p>{html.escape(description)}</p>{body}</article>"
        )
    return _page("Packs", "".join(sections))


def pdf_viewer(path: str) -> str:
    """A page showing one PDF of the output, so that it too reloads when rebuilt."""
    name = html.escape(path.lstrip("/"))
    return _page(
        name,
        f'<p class="bar"><a href="/">All packs</a> · {name}</p>'
        f'<iframe src="/{name}#view=FitH" title="{name}"></iframe>',
        "body{margin:0;display:flex;flex-direction:column;height:100vh}"
        ".bar{margin:0;padding:.4rem 1rem;border-bottom:1px solid #ccc;font:15px sans-serif}"
        "iframe{flex:1;border:0;width:100%}",
        heading=False,
        policy="frame-src 'self'; ",
    )


def error_banner(message: str) -> str:
    return (
        '<div role="alert" style="position:sticky;top:0;z-index:1000;margin:0;'
        "padding:.8rem 1rem;background:#fde8e8;color:#7a1010;border-bottom:3px solid #c62828;"
        'font:15px/1.4 sans-serif">'
        "<strong>briefgen could not rebuild; this is the last good version.</strong>"
        '<pre style="white-space:pre-wrap;margin:.5rem 0 0;font:13px/1.4 monospace">'
        f"{html.escape(message)}</pre></div>"
    )


def _after_body_tag(page: str, banner: str) -> str:
    start = page.find("<body")
    end = page.find(">", start) if start >= 0 else -1
    if end < 0:
        return banner + page
    return page[: end + 1] + banner + page[end + 1 :]


def _page(title: str, body: str, style: str = "", heading: bool = True, policy: str = "") -> str:
    """A page of the preview's own, as locked down as the built pages (``policy`` adds to
    their Content-Security-Policy)."""
    from briefgen.render import CONTENT_SECURITY_POLICY

    style = style or (
        "body{font:16px/1.5 sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
        "h2{margin-bottom:.2rem}.id,.size{color:#666;font-size:.85em;font-weight:normal}"
        "section{display:inline-block;vertical-align:top;width:48%}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}{CONTENT_SECURITY_POLICY}">'
        f"<title>{html.escape(title)} · briefgen preview</title><style>{style}</style></head>"
        f"<body>{f'<h1>{html.escape(title)}</h1>' if heading else ''}{body}</body></html>\n"
    )
