"""Shared by the browser tests: Debian's chromium, headless, driven by Playwright.

Playwright's own browser download cannot work here, so it is pointed at /usr/bin/chromium
(installed by .ci/run). Without chromium the tests fail rather than skip: an HTML page is
only known to work once a browser has opened it.

Playwright and axe are imported only when a browser test first asks for the browser, so the
fast tier (``-m "not pdf and not browser and not slow"``) never loads them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# WCAG 2.1 A and AA (colour contrast, alt text, lang, labels) and axe's best practices
# (headings in order, landmarks).
AXE_RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}
}

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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"chromium not found at {CHROMIUM}: install Debian's chromium "
            "(apt-get install chromium; .ci/run does this) or set BRIEFGEN_CHROMIUM."
        )
    from playwright.sync_api import sync_playwright

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

    def accessibility_problems(self) -> list[str]:
        """What axe-core finds against WCAG 2.1 AA and its best practices, one line each."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, options=AXE_RULES)
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['target']}"
            for v in results.response["violations"]
        ]
