"""Content and shared templates cannot read files, reach the network or run script.

Each attempt is made for real: a local web server counts the requests that reach it, and
/etc/passwd's first line is looked for in everything written.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import Run, replace_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PASSWD_MARK = "root:x:0:0"
BRIEF = "content/briefs/ceasefire.md"


class CountingServer:
    """A web server on localhost that records every path asked of it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[CountingServer]:
    counting = CountingServer()
    yield counting
    counting.close()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def override_colophon(root: Path, body: str) -> None:
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "brief.html").write_text(
        f'{{% extends "builtin/brief.html" %}}\n{{% block colophon %}}{body}{{% endblock %}}\n',
        encoding="utf-8",
    )


ATTEMPTS_ON_PASSWD = {
    "read through a path": "{{ brief.body.location.path.read_text() }}",
    "walk up from a path": "{{ brief.body.location.path.parent.parent.parent }}",
    "python internals": "{{ brief.__init__.__globals__ }}",
    "include by absolute name": '{% include "/etc/passwd" %}',
    "include by relative name": '{% include "../../../../../../etc/passwd" %}',
    "image in the PDF": '<img src="file:///etc/passwd" alt="">',
    "style sheet in the PDF": '<link rel="stylesheet" href="file:///etc/passwd">',
    "CSS import in the PDF": "<style>@import url('file:///etc/passwd');</style>",
    "PDF attachment": '<link rel="attachment" href="file:///etc/passwd">',
}


@pytest.mark.parametrize(
    "body",
    [  # the attempts "in the PDF" are laid out by WeasyPrint before they are refused
        pytest.param(body, id=name, marks=pytest.mark.pdf if "PDF" in name else ())
        for name, body in ATTEMPTS_ON_PASSWD.items()
    ],
)
def test_a_template_cannot_read_etc_passwd(mini: Path, run: Run, body: str) -> None:
    override_colophon(mini, body)
    result = run("build")
    assert result.exit_code == 1, result.output
    assert "\nError: " in "\n" + result.output  # after any progress lines
    assert PASSWD_MARK not in result.output
    assert not (mini / "output").exists(), "a failed first build wrote output/"


def test_a_template_linked_to_etc_passwd_is_refused(mini: Path, run: Run) -> None:
    override_colophon(mini, '{% include "passwd.html" %}')
    (mini / "templates" / "passwd.html").symlink_to("/etc/passwd")
    result = run("build")
    assert result.exit_code == 1
    assert "this template is a link to /etc/passwd, outside the templates/ folder" in (
        result.output
    )
    assert not (mini / "output").exists()


def test_a_source_text_linked_to_etc_passwd_is_refused(mini: Path, run: Run) -> None:
    (mini / "content/sources/passwd.txt").symlink_to("/etc/passwd")
    replace_in(mini / "content/sources/kabul.yaml", "text: kabul.txt", "text: passwd.txt")
    result = run("check")
    assert result.exit_code == 1
    assert "'passwd.txt' is a link to /etc/passwd, outside this folder." in result.output


@pytest.mark.pdf
def test_the_pdf_engine_never_reaches_the_network(
    mini: Path, run: Run, server: CountingServer
) -> None:
    override_colophon(
        mini,
        f'<img src="{server.url}/pixel.png" alt="">'
        f'<link rel="stylesheet" href="{server.url}/s.css">'
        f"<style>@font-face {{ font-family: X; src: url({server.url}/f.woff2); }}</style>",
    )
    result = run("build", "--format", "pdf")
    assert result.exit_code == 1
    assert "briefgen never fetches from the network" in result.output
    assert server.requests == []


@pytest.mark.pdf
def test_script_and_html_in_content_are_shown_as_text(mini: Path, run: Run) -> None:
    replace_in(
        mini / BRIEF,
        "# The 2018 offer",
        "A tag: <script>alert(2)</script> and <img src=x onerror=alert(1)>.\n\n# The 2018 offer",
    )
    result = run("build")
    assert result.exit_code == 0, result.output
    html = (mini / "output/mini/student/brief.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all("script") == []
    assert not soup.select("img[onerror]")
    assert "A tag: <script>alert(2)</script> and <img src=x onerror=alert(1)>." in (soup.get_text())
    assert "<script>alert(2)</script>" in pdf_text(mini / "output/mini/student/brief.pdf")


@pytest.mark.browser
def test_the_html_pages_run_no_script_and_fetch_nothing(
    mini: Path, run: Run, browser: Browser, server: CountingServer
) -> None:
    """Whatever a shared template adds, the page's security policy keeps it inert."""
    override_colophon(
        mini,
        f'<script>document.title = "script ran"</script><img src="{server.url}/pixel.png" alt="">',
    )
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    try:
        page.goto((mini / "output/mini/student/brief.html").as_uri())
        assert page.title() != "script ran"
        assert page.evaluate("document.images.length") >= 1  # the tag is there, but inert
    finally:
        page.close()
    assert server.requests == []
