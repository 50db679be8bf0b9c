"""The HTML brief in a real browser: Debian's chromium, headless, driven by Playwright.

Playwright's own browser download cannot work here, so it is pointed at /usr/bin/chromium
(installed by .ci/run). Without chromium these tests fail rather than skip: the HTML
brief is only known to work once a browser has opened it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

CHROMIUM = os.environ.get("BRIEFGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: no background fetches, no first-run work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"chromium not found at {CHROMIUM}: install Debian's chromium "
            "(apt-get install chromium; .ci/run does this) or set BRIEFGEN_CHROMIUM."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened on the brief, recording console errors and every request made."""

    def __init__(self, browser: Browser, url: str, width: int) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url, wait_until="load")


def test_phone_width_has_no_horizontal_scrolling(
    browser: Browser, built_pack: Path, tmp_path: Path
) -> None:
    url = (built_pack / "brief.html").as_uri()
    visit = Visit(browser, url, width=390)
    scroll, client = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client == 390
    visit.page.screenshot(path=str(tmp_path / "brief-390.png"), full_page=True)
    assert visit.errors == []
    assert visit.requests == [url], "the page fetched something besides itself"


def test_desktop_width_keeps_a_readable_measure(
    browser: Browser, built_pack: Path, tmp_path: Path
) -> None:
    visit = Visit(browser, (built_pack / "brief.html").as_uri(), width=1280)
    article_width = visit.page.evaluate("document.querySelector('article').offsetWidth")
    assert 600 <= article_width <= 800
    label, issuer = (
        visit.page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().top")
        for selector in (".series", ".issuer")
    )
    assert abs(label - issuer) < 40, "masthead label and issuer should share a row"
    visit.page.screenshot(path=str(tmp_path / "brief-1280.png"))
    assert visit.errors == []


def test_note_links_jump_to_the_endnote_and_back(browser: Browser, built_pack: Path) -> None:
    visit = Visit(browser, (built_pack / "brief.html").as_uri(), width=390)
    visit.page.click("#ref-3")
    assert visit.page.evaluate("location.hash") == "#note-3"
    assert visit.page.evaluate("document.querySelector(':target').id") == "note-3"
    visit.page.click("#note-3 a[role=doc-backlink]")
    assert visit.page.evaluate("location.hash") == "#ref-3"


def test_printing_from_the_browser_gives_a_clean_document(
    browser: Browser, built_pack: Path
) -> None:
    visit = Visit(browser, (built_pack / "brief.html").as_uri(), width=1280)
    visit.page.emulate_media(media="print")
    assert (
        visit.page.evaluate("getComputedStyle(document.querySelector('.backlink')).display")
        == "none"
    )
    reader = PdfReader(BytesIO(visit.page.pdf(format="A4")))
    assert 4 <= len(reader.pages) <= 10
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "ISSUE BRIEF" in text and "Endnotes" in text
