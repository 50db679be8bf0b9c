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


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_locator_link_lands_on_the_unit_that_holds_its_words(
    built: Path, edition: str
) -> None:
    folder = built / edition
    checked = 0
    for name in ["brief.html", "companion.html", "handout-kabul.html", "handout-issi.html"]:
        for link in page(folder / name).select("a.locator"):
            file, _, fragment = str(link["href"]).partition("#")
            assert file in READERS.values(), (name, link)
            target = page(folder / file).find(id=fragment)
            assert isinstance(target, Tag), (name, link["href"])
            assert target.find(class_="unit-label").get_text() == link.get_text(), link
            figure = link.find_parent("figure") or link.find_parent("li")
            quoted = figure.find("blockquote") if figure else None
            if quoted is not None:  # a quotation's caption: its words are in that unit
                passage = words(quoted.get_text())
                assert passage and passage in words(target.get_text()), (name, link["href"])
            checked += 1
    assert checked >= 10


def test_a_reader_shows_every_unit_in_order_with_the_chrome_set_apart(built: Path) -> None:
    reader = page(built / "student" / READERS["kabul"])
    labels = [label.get_text() for label in reader.select(".unit .unit-label")]
    assert labels == ["title block", "introduction", *(f"point {n}" for n in range(1, 12))]
    outside = [
        aside.find(class_="outside-label").get_text() for aside in reader.select("aside.outside")
    ]
    assert outside == [
        "Not part of the chairman’s statement: the website's navigation",
        "Not part of the chairman’s statement: the website's footer and links to other articles",
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
    assert "words that followed are lost" in gap.get_text()
    assert "galvanize domestic support for the" in para_6.get_text().split("[The copy")[0]
    how = reader.find(class_="how-to-read").get_text()
    assert "footnote numbers" in how and "word for word as copied" in how
    assert reader.select("sup.footnote-number")


def test_the_index_lists_the_sources_in_full(built: Path) -> None:
    index = page(built / "student" / "index.html")
    section = index.find(id="reader-heading")
    assert isinstance(section, Tag) and section.get_text() == "The sources, in full"
    links = [a["href"] for a in section.find_parent("section").select("a")]
    assert sorted(set(links)) == sorted(READERS.values())
