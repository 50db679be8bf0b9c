"""The source handouts and the index page, in chromium: layout at phone and desktop
widths, printing, accessibility (axe-core), and what each edition holds."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from briefgen.commands.build import load_project
from briefgen.output.assemble import PackAssembler
from briefgen.output.printed import printed_pages
from briefgen.render.pages import Renderer
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


def printed_on_letter(visit: Visit) -> PdfReader:
    """The page printed on letter paper, whatever paper its stylesheet asks for (as a
    teacher with letter paper in the printer prints an A4 pack)."""
    visit.page.emulate_media(media="print")
    return PdfReader(BytesIO(visit.page.pdf(format="Letter", print_background=True)))


PROMISES = {"Prints on one page.": 1, "Prints on two pages.": 2}


def promised_pages(index: Path, source_short_title: str) -> int | None:
    """The pages the index says a handout prints on; None if it promises none."""
    page = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    title = page.find("p", class_="file-title", string=f"Handout: {source_short_title}")
    assert title is not None, source_short_title
    description = title.find_next_sibling("p", class_="file-description").get_text()
    promises = [promise for promise in PROMISES if description.endswith(f" {promise}")]
    rest = description.removesuffix(promises[0]) if promises else description
    assert "page" not in rest, description  # no other promise of pages
    return PROMISES[promises[0]] if promises else None


SHORT_TITLES = {
    "isaf-backgrounder": "ISAF backgrounder",
    "kabul-2017": "Kabul statement (2017)",
    "issi-2018": "ISSI brief (2018)",
}


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
    box = printed(visit).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4 from the theme"


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize(("edition", "source"), HANDOUTS)
def test_handouts_print_on_the_pages_the_index_promises(
    browser: Browser, built_pack_folder: Path, edition: str, source: str
) -> None:
    """Chromium prints each handout on A4 and on letter on as many pages as the index
    says; a student handout of the bundled pack on one."""
    folder = built_pack_folder / edition
    promised = promised_pages(folder / "index.html", SHORT_TITLES[source])
    assert promised == (1 if edition == "student" else 2), promised
    visit = Visit(browser, (folder / f"handout-{source}.html").as_uri(), width=1280)
    on_a4, on_letter = printed(visit), printed_on_letter(visit)
    assert round(float(on_letter.pages[0].mediabox.height)) == 792
    assert (len(on_a4.pages), len(on_letter.pages)) == (promised, promised)
    description = visit.page.get_attribute('meta[name="description"]', "content")
    assert description.startswith(("A one-page", "A two-page")[promised - 1] + " handout on ")


# What a student reads on the printed page; the colophon, the masthead and the question
# levels are small print.
READ_IN_PRINT = (
    ".source-facts, .source-note, .summary p, .quotations blockquote p, figcaption, "
    ".glossary dt, .glossary dd p, .questions li, .questions p, .guidance"
)
PRINTED_SIZES = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length > 0)
    .map(e => [e.className || e.tagName, parseFloat(getComputedStyle(e).fontSize) * 0.75])"""
SHOWN_IN_PRINT = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length > 0).length"""


@pytest.mark.browser
@pytest.mark.pdf
@pytest.mark.parametrize(("edition", "source"), HANDOUTS)
def test_printed_handouts_set_what_a_student_reads_at_10_5_pt(
    browser: Browser, built_pack_folder: Path, edition: str, source: str
) -> None:
    visit = Visit(browser, (built_pack_folder / edition / f"handout-{source}.html").as_uri(), 1280)
    visit.page.emulate_media(media="print")
    sizes = visit.page.evaluate(PRINTED_SIZES, READ_IN_PRINT)
    assert len(sizes) >= 10
    assert [size for size in sizes if size[1] < 10.5] == []
    parts = (
        ".source-facts",
        "figcaption cite",
        ".key-points",
        ".glossary .term",
        ".glossary .short-definition",
        ".questions li",
        ".colophon",
    )
    shown = {part: visit.page.evaluate(SHOWN_IN_PRINT, part) for part in parts}
    # the facts, every quotation's citation and the words the summary and the quotations
    # use, in their short definitions, stay on paper; the key points (the summary says the
    # same) stay on screen, and a student answers the questions on the worksheet
    printed_terms = len(visit.page.query_selector_all(".glossary .term.printed"))
    assert printed_terms >= 4
    questions = len(visit.page.query_selector_all(".questions li"))
    assert shown == {
        ".source-facts": 1,
        "figcaption cite": len(visit.page.query_selector_all("figure.quotation")),
        ".key-points": 0,
        ".glossary .term": printed_terms,
        ".glossary .short-definition": printed_terms,
        ".questions li": questions if edition == "teacher" else 0,
        ".colophon": 1,
    }
    if edition == "student":
        assert visit.page.inner_text(".questions .print-only").startswith(
            "Questions on this source: answer them on the worksheet, discussion questions "
        )
    printed_note = visit.page.inner_text(".colophon .print-only")
    assert printed_note == (
        "Framings of Afghan peace, 2009\u20132018, Briefgen Teaching Collection. Summary and "
        "definitions in our words; quotations word for word from our copy. The key points, the "
        "questions, more words and notes on our copy are on this handout's web page. Not an "
        "ISSI publication."
    )


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
    first_link = "xpath=../p[@class='file-links']/span[1]/a"
    visit.page.click(f"text=Handout: Kabul statement (2017) >> {first_link}")
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
@pytest.mark.pdf
def test_handouts_print_on_the_theme_s_letter_paper_as_promised(
    browser: Browser, built_pack_folder: Path, bundled: Path, run: Run
) -> None:
    replace_in(bundled / "briefgen.yaml", "paper: A4", "paper: letter")
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    for edition, source in HANDOUTS:
        path = bundled / "output" / "afghan-peace-process" / edition / f"handout-{source}.html"
        pdf = printed(Visit(browser, path.as_uri(), width=1280))
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)
        index = built_pack_folder / edition / "index.html"  # the A4 build's promise
        assert len(pdf.pages) == promised_pages(index, SHORT_TITLES[source]), (edition, source)


def test_the_index_says_how_many_pages_a_handout_prints_on() -> None:
    assert [printed_pages(pages) for pages in (1, 2, 3)] == [
        "Prints on one page.",
        "Prints on two pages.",
        "Prints on 3 pages.",
    ]


def test_an_html_only_build_promises_no_pages(bundled: Path, run: Run) -> None:
    """It does not load WeasyPrint to count them: with no count from an earlier build of
    the same page, the index says nothing of pages."""
    result = run("build", "--format", "html", "--edition", "student")
    assert result.exit_code == 0, result.output
    index = bundled / "output" / "afghan-peace-process" / "student" / "index.html"
    assert promised_pages(index, "ISSI brief (2018)") is None
    handout = index.with_name("handout-issi-2018.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="A handout on 2nd Kabul Process' in handout


@pytest.mark.pdf
def test_a_handout_too_long_for_one_page_is_promised_two(bundled: Path) -> None:
    """The count is the build's own, so it holds for any content: a summary of 300 words
    (the most a summary may have) takes the ISSI handout to a second page, and the index
    says so."""
    path = bundled / "content" / "sources" / "issi-2018.yaml"
    added = "  A paragraph the source does not have, written only to fill the page." * 2
    replace_in(path, "summary: |-\n", f"summary: |-\n{added}\n\n")
    project = load_project(bundled)
    pack = project.config.packs["afghan-peace-process"]
    draft = PackAssembler(project, Renderer(project), pack, ("html", "pdf")).draft(("student",))
    descriptions = {
        entry.name: entry.description
        for entry in draft.editions["student"]
        if entry.group == "handout"
    }
    assert descriptions["handout-issi-2018.html"].endswith(
        ": summary, key points, 4 quotations, glossary and questions. Prints on two pages."
    )
    assert descriptions["handout-kabul-2017.html"].endswith(" Prints on one page.")


@pytest.mark.pdf
def test_handout_questions_keep_the_numbers_of_the_worksheet(built_pack_folder: Path) -> None:
    """A student answers a handout's questions on the worksheet, so both number them alike."""
    for source in SHORT_TITLES:
        handout = BeautifulSoup(
            (built_pack_folder / "student" / f"handout-{source}.html").read_text("utf-8"),
            "html.parser",
        )
        worksheet = BeautifulSoup(
            (built_pack_folder / "student" / "worksheet.html").read_text("utf-8"), "html.parser"
        )
        numbered = {
            " ".join(li.get_text(" ").split()[1:])[:60]: li["value"]
            for li in handout.select(".questions li")
        }
        assert len(numbered) >= 2
        on_sheet = {
            " ".join(item.select_one(".ws-prompt").get_text(" ").split()[2:])[:60]: item["value"]
            for item in worksheet.select(".ws-question")
        }
        assert {text: on_sheet[text] for text in numbered} == numbered
        line = handout.select_one(".questions .print-only").get_text(" ")
        assert all(number in line for number in numbered.values())
