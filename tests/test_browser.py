"""The HTML brief in a real browser (see tests/browser.py)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from tests.browser import Visit

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.pdf]  # chromium, on the built bundled pack


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
