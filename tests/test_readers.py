"""The source readers: each source whole, its units labelled as the locators count them, the
pack's quotations marked, and every locator in the pack's web pages linking to its unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import Run

READERS = {"kabul": "source-kabul.html", "issi": "source-issi.html"}
QUOTES = {
    "kabul-ceasefire": "The participants called on all the armed groups to agree to a ceasefire",
    "kabul-stable": "A stable Afghanistan enables a stable region.",
    "issi-in-return": "the Taliban are expected to recognise the Afghan government",
}


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", text.casefold()))


@pytest.fixture
def built(mini: Path, run: Run) -> Path:
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    return mini / "output" / "mini"


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def locator_links_checked(folder: Path) -> int:
    """Check every locator link of the folder's pages; how many there were."""
    checked = 0
    names = ["brief.html", "companion.html", *(p.name for p in folder.glob("handout-*.html"))]
    readers = {p.name for p in folder.glob("source-*.html")}
    for name in names:
        for link in page(folder / name).select("a.locator"):
            file, _, fragment = str(link["href"]).partition("#")
            assert file in readers, (name, link)
            target = page(folder / file).find(id=fragment)
            assert isinstance(target, Tag), (name, link["href"])
            assert "unit" in target["class"], link
            label, text = target.find(class_="unit-label").get_text(), link.get_text()
            if not re.search(r"paras|points|,|–| and ", text):  # names one unit: that one
                assert text.endswith(label), link
            figure = link.find_parent("figure") or link.find_parent("li")
            quoted = figure.find("blockquote") if figure else None
            if quoted is not None:  # a quotation's caption: its words are in that unit
                passage = words(quoted.get_text().replace("[sic]", ""))  # ours, not theirs
                assert passage and passage in words(target.get_text()), (name, link["href"])
            checked += 1
    return checked


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_locator_link_lands_on_the_unit_that_holds_its_words(
    built: Path, edition: str
) -> None:
    assert locator_links_checked(built / edition) >= 10


@pytest.mark.pdf
@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_locator_link_of_the_bundled_pack_lands_where_its_words_are(
    built_pack_folder: Path, edition: str
) -> None:
    assert locator_links_checked(built_pack_folder / edition) >= 100


def test_a_reader_shows_every_unit_in_order_with_the_chrome_set_apart(built: Path) -> None:
    reader = page(built / "student" / READERS["kabul"])
    labels = [label.get_text() for label in reader.select(".unit .unit-label")]
    assert labels == ["title block", "introduction", *(f"point {n}" for n in range(1, 12))]
    outside = [
        aside.find(class_="outside-label").get_text() for aside in reader.select("aside.outside")
    ]
    assert outside == [
        "Not part of the chairman’s statement: the website’s navigation",
        "Not part of the chairman’s statement: the website’s footer and a news teaser",
    ]
    assert "About admin" not in reader.select_one(".unit:last-of-type").get_text()


def test_a_reader_marks_every_quotation_of_its_source(built: Path) -> None:
    for source, name in READERS.items():
        reader = page(built / "teacher" / name)
        marked = {
            q for mark in reader.select("mark[data-quotes]") for q in mark["data-quotes"].split()
        }
        assert marked == {quote for quote in QUOTES if quote.startswith(source)}, source
    point_3 = page(built / "student" / READERS["kabul"]).find(id="u-point-3")
    assert isinstance(point_3, Tag)
    assert words(QUOTES["kabul-ceasefire"]) in words(point_3.find("mark").get_text())


def test_a_reader_says_where_its_copy_is_broken_and_what_is_ours(built: Path) -> None:
    reader = page(built / "student" / READERS["issi"])
    para_6 = reader.find(id="u-para-6")
    assert isinstance(para_6, Tag)
    gap = para_6.find(class_="gap")
    assert gap is not None
    assert gap.get_text() == "[Our copy breaks off here; the missing words are not known.]"
    assert "galvanize domestic support for the" in para_6.get_text().split("[Our copy")[0]
    how = reader.find(class_="how-to-read").get_text()
    assert "note numbers" in how and "word for word as copied" in how and "this copy" in how
    assert reader.select("sup.footnote-number")


def test_the_index_lists_the_sources_in_full(built: Path) -> None:
    index = page(built / "student" / "index.html")
    section = index.find(id="reader-heading")
    assert isinstance(section, Tag) and section.get_text() == "The sources, in full"
    links = [a["href"] for a in section.find_parent("section").select("a")]
    assert sorted(set(links)) == sorted(READERS.values())


def test_where_the_original_is_shows_in_the_reader_and_the_citations(mini: Path, run: Run) -> None:
    with (mini / "content/sources/kabul.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "url: https://example.org/kabul-statement\n"
            "accessed: 2017-06-20\n"
            "archive_url: https://web.archive.org/web/2017/https://example.org/kabul-statement\n"
        )
    assert run("build", "--format", "html").exit_code == 0
    reader = page(mini / "output/mini/student" / READERS["kabul"])
    links = [a["href"] for a in reader.select(".source-about a")]
    assert links == [
        "https://example.org/kabul-statement",
        "https://web.archive.org/web/2017/https://example.org/kabul-statement",
    ]
    cited = run("cite", "kabul").output
    assert cited.rstrip().endswith(
        "https://example.org/kabul-statement Archived copy: "
        "https://web.archive.org/web/2017/https://example.org/kabul-statement"
    )


def test_an_archive_address_must_be_a_web_address(mini: Path, run: Run) -> None:
    with (mini / "content/sources/kabul.yaml").open("a", encoding="utf-8") as file:
        file.write("archive_url: web.archive.org/kabul\n")
    output = run("check").output
    assert (
        "`archive_url` should be a web address starting https://, not 'web.archive.org/kabul'.\n"
        "      Copy the address from the browser's address bar, or leave `archive_url` out."
    ) in output


def test_note_numbers_are_raised_and_the_sources_own_brackets_are_quoted() -> None:
    """In the ISSI copy a note number may follow a paragraph's full stop after a space, and
    the author's own "[Kabul]" is part of the passage the pack quotes."""
    from briefgen.commands.build import load_project
    from briefgen.render.reader import gather_reader
    from tests.conftest import REPO

    library = load_project(REPO).library
    reader = gather_reader(library.sources["issi-2018"], library)
    html = {block.part.label: " ".join(block.paragraphs) for block in reader.blocks}
    assert html["para. 2"].endswith('in the past</mark>.<sup class="footnote-number">3</sup>')
    assert html["para. 4"].endswith('the best place to do so.<sup class="footnote-number">6</sup>')
    assert "as [Kabul] wants to forget the past and start a new chapter</mark>" in html["para. 4"]
