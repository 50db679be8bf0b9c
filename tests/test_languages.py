"""The languages of the sources: Dari and Pashto forms of glossary terms, in Arabic script,
right to left, in the shipped Noto Naskh Arabic font; `language` sets lang and Lang."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from briefgen.load.fonts import ARABIC_SCRIPT
from briefgen.render.builtin_theme import THEME_DIR
from tests.conftest import Run, replace_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CEASEFIRE_DARI = "آتش\u200cبس"  # with the zero-width non-joiner between its two words
CEASEFIRE_PASHTO = "اوربند"
TALIBAN = "طالبان"


def forms_in(page: Path, term_id: str) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    term = soup.find(id=term_id)
    assert term is not None, term_id
    return [(form["lang"], form["dir"], form.get_text()) for form in term.select("bdi.term-form")]


@pytest.mark.pdf
def test_the_glossary_gives_dari_and_pashto_forms_marked_with_their_language(
    built_pack: Path,
) -> None:
    companion = built_pack / "companion.html"
    assert forms_in(companion, "term-ceasefire") == [
        ("prs", "rtl", CEASEFIRE_DARI),
        ("ps", "rtl", CEASEFIRE_PASHTO),
    ]
    assert forms_in(companion, "term-Taliban") == [("prs", "rtl", TALIBAN), ("ps", "rtl", TALIBAN)]
    soup = BeautifulSoup(companion.read_text("utf-8"), "html.parser")
    label = soup.select_one("#term-ceasefire .term-forms").get_text()
    assert label == f"(Dari {CEASEFIRE_DARI}; Pashto {CEASEFIRE_PASHTO})"
    note = soup.select_one(".glossary-note").get_text()
    assert "none is taken from the three sources" in note
    # only terms with a reliable form get one
    assert forms_in(companion, "term-amnesty") == []
    handout = BeautifulSoup(
        (built_pack / "handout-issi-2018.html").read_text("utf-8"), "html.parser"
    )
    assert [form["lang"] for form in handout.select("bdi.term-form")] == ["prs", "ps", "prs", "ps"]


@pytest.mark.pdf
def test_the_pdf_embeds_the_shipped_arabic_font_for_them(built_pack: Path) -> None:
    reader = PdfReader(built_pack / "companion.pdf")
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert "Noto-Naskh-Arabic" in fonts
    text = " ".join(page.extract_text() for page in reader.pages)
    assert CEASEFIRE_PASHTO in text and TALIBAN in text
    for face in ARABIC_SCRIPT.faces:
        assert (THEME_DIR / "fonts" / face.file).is_file()
    assert (
        (THEME_DIR / "fonts" / "OFL-NotoNaskhArabic.txt")
        .read_text("utf-8")
        .startswith("Noto Naskh Arabic\nCopyright 2019-2020 Google LLC.")
    )


@pytest.mark.browser
@pytest.mark.pdf
def test_a_browser_sets_them_right_to_left_in_an_arabic_script_font(
    browser: Browser, built_pack: Path
) -> None:
    page = browser.new_page()
    page.goto((built_pack / "companion.html").as_uri())
    form = page.locator("#term-ceasefire bdi.term-form").nth(1)
    assert form.evaluate("element => getComputedStyle(element).direction") == "rtl"
    family = form.evaluate("element => getComputedStyle(element).fontFamily")
    assert family.startswith('"Noto Naskh Arabic"')
    # right to left: the first letter is drawn to the right of the last
    first, last = form.evaluate(
        """element => {
            const range = document.createRange();
            const text = element.firstChild;
            range.setStart(text, 0); range.setEnd(text, 1);
            const first = range.getBoundingClientRect().left;
            range.setStart(text, text.length - 1); range.setEnd(text, text.length);
            return [first, range.getBoundingClientRect().left];
        }"""
    )
    assert first > last
    page.close()


def test_a_form_not_in_arabic_script_is_a_content_error(mini: Path, run: Run) -> None:
    glossary = mini / "content" / "glossary.yaml"
    text = glossary.read_text("utf-8")
    first_term = text.index("- term: ")
    line_end = text.index("\n", first_term)
    glossary.write_text(
        text[: line_end + 1]
        + "  forms:\n    dari: Taliban\n    farsi: طالبان\n"
        + text[line_end + 1 :],
        "utf-8",
    )
    result = run("check")
    assert result.exit_code == 1
    assert "the Dari form 'Taliban' is not written in Arabic script." in result.output
    assert "`forms` has an unknown key `farsi`." in result.output  # dari and pashto only


@pytest.mark.pdf
def test_language_sets_lang_in_the_html_and_the_pdf(mini: Path, run: Run) -> None:
    replace_in(mini / "briefgen.yaml", "language: en-GB", "language: en-US")
    assert run("build").exit_code == 0
    html = (mini / "output/mini/student/brief.html").read_text("utf-8")
    assert '<html lang="en-US">' in html
    assert PdfReader(mini / "output/mini/student/brief.pdf").trailer["/Root"]["/Lang"] == "en-US"
