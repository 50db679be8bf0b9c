"""`briefgen serve`: a real server on a free port, real file changes, real HTTP, and a real
browser that reloads itself."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

DEADLINE = 60.0  # seconds: generous, a slow CI machine is not a failure


class Served:
    """A `briefgen serve` process, its address, and everything it has printed."""

    def __init__(self, root: Path, *options: str) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefgen", "serve", "--port", "0", *options],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        serving = self.wait_for_line(r"^Serving \S+/ at (http://127\.0\.0\.1:\d+/)")
        self.url = re.search(r"http://\S+/", serving).group(0)  # type: ignore[union-attr]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str) -> str:
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.printed.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; printed:\n" + "\n".join(self.printed))

    def get(self, path: str) -> tuple[str, str]:
        """The content type and text of a page."""
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as response:
            return response.headers["Content-Type"], response.read().decode("utf-8", "replace")

    def wait_for_page(self, path: str, ready: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + DEADLINE
        page = ""
        while time.monotonic() < deadline:
            page = self.get(path)[1]
            if ready(page):
                return page
            time.sleep(0.2)
        raise AssertionError(f"{path} never became ready; last seen:\n{page[:2000]}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise
        self.reader.join(timeout=DEADLINE)
        while not self.lines.empty():
            self.printed.append(self.lines.get())
        return self.process.returncode


@pytest.fixture
def serve(mini: Path) -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(*options: str) -> Served:
        started.append(Served(mini, *options))
        return started[-1]

    yield start
    for served in started:
        served.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.pdf
@pytest.mark.slow
def test_serve_builds_serves_and_rebuilds_what_changed(
    mini: Path, serve: Callable[..., Served]
) -> None:
    served = serve()
    kind, index = served.get("/")
    assert kind == "text/html; charset=utf-8"
    assert "Ceasefire calls" in index
    assert 'href="/mini/student/brief.html"' in index
    assert 'href="/_briefgen/pdf/mini/teacher/brief.pdf"' in index

    kind, pdf_page = served.get("/_briefgen/pdf/mini/teacher/brief.pdf")
    assert '<iframe src="/mini/teacher/brief.pdf#view=FitH"' in pdf_page
    kind, _ = served.get("/mini/teacher/brief.pdf")
    assert kind == "application/pdf"

    with urllib.request.urlopen(served.url + "mini/student/brief.html", timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode("utf-8")
    nonce = re.search(r"script-src 'nonce-([\w-]{20,})'; connect-src 'self'; default-src", policy)
    assert nonce is not None, policy
    assert f'<script nonce="{nonce[1]}" data-generation="1">(function' in page
    assert f"script-src 'nonce-{nonce[1]}'; connect-src 'self'; default-src 'none'" in page
    assert "script-src 'self'" not in policy and "script-src 'self'" not in page
    on_disk = (mini / "output/mini/student/brief.html").read_text(encoding="utf-8")
    assert "EventSource" not in on_disk and "script-src" not in on_disk  # added when served only
    with urllib.request.urlopen(served.url + "_briefgen/events", timeout=10) as events:
        assert events.readline() == b"data: 1\n"

    edit(mini / "content/briefs/ceasefire.md", "Two documents", "Two public documents")
    served.wait_for_line(r"^Rebuilding: content/briefs/ceasefire\.md changed")
    # the page may be rewritten a moment before the build is counted: wait for both
    page = served.wait_for_page("/mini/student/brief.html", lambda p: 'data-generation="2"' in p)
    assert "Two public documents" in page
    # the brief changed; the companions, worksheets and sources did not: only its PDF again
    served.wait_for_line(r"^Done in ")
    laid_out = [line for line in served.printed if line.startswith("Laid out ")]
    assert [line.split(":")[0] for line in laid_out[6:]] == ["Laid out mini/brief.pdf"]

    assert served.stop() == 0
    assert served.printed[-1] == "Stopped serving."
    assert sorted(path.name for path in (mini / "output").iterdir()) == ["mini"]


@pytest.mark.slow
def test_an_error_shows_in_the_page_and_the_last_good_output_stays(
    mini: Path, serve: Callable[..., Served]
) -> None:
    served = serve("--format", "html")
    quotes = mini / "content/quotations/quotes.yaml"
    edit(quotes, "A stable Afghanistan enables", "A stable Afghanistan ensures")
    served.wait_for_line(r"^Error: found 1 problem; nothing was built:")
    page = served.wait_for_page("/mini/student/brief.html", lambda page: 'role="alert"' in page)
    assert "briefgen could not rebuild; this is the last good version." in page
    assert "content/quotations/quotes.yaml:" in page
    assert "A stable Afghanistan enables a stable region" in page  # the last good brief
    served.wait_for_line(r"^Still serving the last good output")
    index = served.get("/")[1]
    assert 'role="alert"' in index

    edit(quotes, "A stable Afghanistan ensures", "A stable Afghanistan enables")
    served.wait_for_page("/mini/student/brief.html", lambda page: 'role="alert"' not in page)


@pytest.mark.browser
@pytest.mark.slow
def test_a_page_open_in_the_browser_reloads_itself(
    mini: Path, serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve("--format", "html")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served.url + "mini/student/brief.html")
    assert "Two documents" in page.inner_text("body")
    page.wait_for_timeout(300)  # let the page connect to the event stream
    edit(mini / "content/briefs/ceasefire.md", "Two documents", "Two public documents")
    # (the page's policy forbids eval, so wait with a selector, not a script)
    page.get_by_text("Two public documents").first.wait_for(timeout=DEADLINE * 1000)
    edit(mini / "content/quotations/quotes.yaml", "enables a stable", "ensures a stable")
    page.wait_for_selector("[role=alert]", timeout=DEADLINE * 1000)
    assert "Two public documents" in page.inner_text("body")
    assert errors == []  # the policy lets the reload script run; nothing else is blocked
    page.close()


def test_a_port_in_use_is_a_clear_error(mini: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "briefgen", "serve", "--port", str(port)],
            cwd=mini,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: port {port} is already in use (perhaps another briefgen serve).\n"
        "Stop the other server, or choose another port with --port.\n"
    )


@pytest.mark.slow
def test_output_outside_the_served_folder_is_not_served(serve: Callable[..., Served]) -> None:
    served = serve("--format", "html")
    for path in ("/../briefgen.yaml", "/%2e%2e/briefgen.yaml", "/mini/../../briefgen.yaml"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            served.get(path)
        assert refused.value.code == 404


@pytest.mark.pdf
@pytest.mark.slow
def test_pages_reload_before_the_pdfs_are_laid_out(
    mini: Path, serve: Callable[..., Served]
) -> None:
    """A save rebuilds the web pages first, and open pages reload; the PDFs follow, and
    only then do their viewers reload."""
    served = serve()
    viewer = "/_briefgen/pdf/mini/teacher/brief.pdf"
    assert 'data-generation="1"' in served.get(viewer)[1]
    with urllib.request.urlopen(served.url + "_briefgen/pdf-events", timeout=10) as events:
        assert events.readline() == b"data: 1\n"
    edit(mini / "content/briefs/ceasefire.md", "Two documents", "Two public documents")
    served.wait_for_line(r"^Rebuilding: content/briefs/ceasefire\.md changed")
    served.wait_for_line(r"^Web pages done in \d+\.\d s; open pages reload\. PDFs next\.\.\.$")
    laid_out_before = sum(line.startswith("Laid out ") for line in served.printed)
    assert "Two public documents" in served.get("/mini/student/brief.html")[1]
    served.wait_for_line(r"^Done in \d+\.\d s; open PDFs reload\.$")
    after = sum(line.startswith("Laid out ") for line in served.printed)
    assert after > laid_out_before  # the PDFs came after the pages
    served.wait_for_page(viewer, lambda page: 'data-generation="2"' in page)
    page = served.get("/mini/student/brief.html")[1]
    assert 'data-generation="2"' in page  # the pages did not reload a second time
