"""The source handouts and the index page, in chromium: layout at phone and desktop
widths, printing, accessibility (axe-core), and what each edition holds."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.browser import Visit
from tests.conftest import Run, replace_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SOURCES = ("isaf-backgrounder", "kabul-2017", "issi-2018")
EDITIONS = ("student", "teacher")
HANDOUTS = [(edition, source) for edition in EDITIONS for source in SOURCES]


def printed(visit: Visit) -> PdfReader:
    """The page as the browser prints it, on the paper its print stylesheet asks for."""
    visit.page.emulate_media(media="print")
    return PdfReader(BytesIO(visit.page.pdf(prefer_css_page_size=True, print_background=True)))


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize(("edition", "source"), HANDOUTS)
def test_handout_fits_a_phone_and_fetches_nothing(
    browser: Browser, built_pack_folder: Path, tmp_path: Path, edition: str, source: str
) -> None:
    url = (built_pack_folder / edition / f"handout-{source}.html").as_uri()
    visit = Visit(browser, url, width=390)
    scroll, client = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client == 390, "the handout scrolls sideways on a phone"
    visit.page.screenshot(path=str(tmp_path / f"{edition}-{source}-390.png"), full_page=True)
    assert visit.errors == []
    assert visit.requests == [url], "the handout fetched something besides itself"


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize(("edition", "source"), HANDOUTS)
def test_handout_on_a_desktop_and_printed(
    browser: Browser, built_pack_folder: Path, tmp_path: Path, edition: str, source: str
) -> None:
    visit = Visit(browser, (built_pack_folder / edition / f"handout-{source}.html").as_uri(), 1280)
    width = visit.page.evaluate("document.querySelector('article').offsetWidth")
    assert 600 <= width <= 800, "a readable measure on a wide screen"
    visit.page.screenshot(path=str(tmp_path / f"{edition}-{source}-1280.png"), full_page=True)
    assert visit.errors == []
    pdf = printed(visit)
    assert 1 <= len(pdf.pages) <= 2, f"the printed handout takes {len(pdf.pages)} pages"
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4 from the theme"


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize(
    "page",
    [
        *(f"{edition}/handout-{source}.html" for edition, source in HANDOUTS),
        *(f"{edition}/source-{source}.html" for edition, source in HANDOUTS),
        "student/index.html",
        "teacher/index.html",
        "student/brief.html",
        "student/companion.html",
        "teacher/companion.html",
    ],
)
def test_pages_pass_an_accessibility_audit(
    browser: Browser, built_pack_folder: Path, page: str
) -> None:
    visit = Visit(browser, (built_pack_folder / page).as_uri(), width=1280)
    assert visit.page.evaluate("document.documentElement.lang") == "en"
    assert visit.accessibility_problems() == []


SIDEWAYS = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .filter(e => getComputedStyle(e).clipPath === 'none')  /* kept for screen readers only */
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_scrolls_sideways_on_a_phone(
    browser: Browser, built_pack_folder: Path, edition: str
) -> None:
    """Nothing at 390 px needs a sideways scroll: not the page, and not a table in it (the
    comparison and the timeline become cards)."""
    pages = sorted((built_pack_folder / edition).glob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        visit = Visit(browser, page.as_uri(), width=390)
        scroll, client = visit.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client == 390, page.name
        assert visit.page.evaluate(SIDEWAYS) == [], page.name


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize("source", sorted({source for _, source in HANDOUTS}))
def test_a_source_reader_fits_a_phone_and_prints(
    browser: Browser, built_pack_folder: Path, source: str, tmp_path: Path
) -> None:
    url = (built_pack_folder / "student" / f"source-{source}.html").as_uri()
    visit = Visit(browser, url, width=390)
    scroll, client = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client == 390
    visit.page.screenshot(path=str(tmp_path / f"source-{source}-390.png"), full_page=True)
    assert visit.errors == []
    assert visit.requests == [url], "the page fetched something besides itself"
    pdf = printed(visit)
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert 1 <= len(pdf.pages) <= 6, f"the printed reader takes {len(pdf.pages)} pages"
    assert "title block" in text and "How to read this page" in text


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize("edition", EDITIONS)
def test_index_links_every_file_of_the_edition(
    browser: Browser, built_pack_folder: Path, edition: str
) -> None:
    folder = built_pack_folder / edition
    visit = Visit(browser, (folder / "index.html").as_uri(), width=390)
    links = visit.page.eval_on_selector_all(
        "a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    files = sorted(p.name for p in folder.iterdir() if p.name != "index.html")
    assert sorted(links) == files
    scroll, client = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
    visit.page.click("text=Handout: Kabul statement (2017) >> xpath=../p[@class='file-links']/a")
    assert visit.page.url.endswith(f"/{edition}/handout-kabul-2017.html")
    assert visit.errors == []


@pytest.mark.pdf
def test_handouts_hold_what_a_class_needs(built_pack_folder: Path) -> None:
    for edition, source in HANDOUTS:
        html = (built_pack_folder / edition / f"handout-{source}.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        headings = [h.get_text() for h in page.select("h2")]
        assert headings[:3] == ["Summary", "Key points", "In its own words"], headings
        assert "Words to know" in headings and "Questions" in headings
        quotations = page.select("figure.quotation")
        assert 3 <= len(quotations) <= 5
        for figure in quotations:
            assert figure.figcaption is not None and figure.figcaption.cite is not None
        glossed = [dt.contents[0].strip() for dt in page.select(".glossary dt")]
        assert 6 <= len(glossed) <= 10
        read = " ".join(
            part.get_text(" ") for part in page.select(".summary, .key-points, .quotations")
        )
        for term in ("Daesh", "COMISAF", "Hizb-e-Islami", "blacklist"):
            assert (term in glossed) == (term in read), (source, term)  # what it uses, glossed
        copy = page.select_one("details.about-copy")
        if copy is not None:  # how the copy differs: after the quotations, folded away
            assert copy.find_previous("section")["class"] == ["quotations"]
        guidance = page.select(".questions .guidance")
        assert (len(guidance) > 0) == (edition == "teacher")
        assert "not an ISSI publication" in page.select_one(".colophon").get_text()


@pytest.mark.browser
def test_handouts_print_on_letter_paper_within_two_pages(
    browser: Browser, bundled: Path, run: Run
) -> None:
    replace_in(bundled / "briefgen.yaml", "paper: A4", "paper: letter")
    result = run("build", "--format", "html", "--edition", "teacher")
    assert result.exit_code == 0, result.output
    for source in SOURCES:
        path = bundled / "output" / "afghan-peace-process" / "teacher" / f"handout-{source}.html"
        pdf = printed(Visit(browser, path.as_uri(), width=1280))
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)
        assert len(pdf.pages) <= 2, f"{source}: {len(pdf.pages)} letter pages"
