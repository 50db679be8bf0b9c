"""The HTML brief: parsed and checked for the issue-brief parts, semantics and self-containment.

The mini project's HTML is also compared with a golden file. After an intended change to
the templates, regenerate it with:

    BRIEFGEN_REGENERATE_GOLDEN=1 python -m pytest tests/test_html.py

and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import Run

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def soup(built_pack: Path) -> BeautifulSoup:
    return BeautifulSoup((built_pack / "brief.html").read_text(encoding="utf-8"), "html.parser")


def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text().split())


@pytest.mark.pdf
def test_title_block_has_every_issue_brief_part(soup: BeautifulSoup) -> None:
    assert text_of(soup.select_one(".masthead .series")) == "Issue Brief"
    assert text_of(soup.select_one(".issuer-name")) == "Briefgen Teaching Collection"
    assert text_of(soup.select_one("h1")).startswith("From Reintegration to Recognition")
    assert text_of(soup.select_one(".byline")) == "By Briefgen Content Team"
    assert text_of(soup.select_one(".author-role")) == "Curriculum writers"
    assert text_of(soup.select_one(".editor")) == "Edited by Briefgen Editorial Review"
    time = soup.select_one(".date time")
    assert time is not None and time["datetime"] == "2026-11-24"
    assert text_of(time) == "24 November 2026"
    assert text_of(soup.select_one(".disclaimer")) == (
        "(Views expressed in this brief are those of its writers, and do not necessarily "
        "represent those of the Briefgen Teaching Collection)"
    )
    assert text_of(soup.select_one(".lead")).startswith("Three short documents, written")


@pytest.mark.pdf
def test_document_is_semantic_with_headings_in_order(soup: BeautifulSoup) -> None:
    assert soup.html is not None and soup.html["lang"] == "en"
    assert soup.select_one("meta[name=viewport]") is not None
    assert len(soup.find_all("article")) == 1
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.pdf
def test_block_quotations_cite_their_note_and_source(soup: BeautifulSoup) -> None:
    figures = soup.select("figure.quotation")
    assert len(figures) >= 3
    for figure in figures:
        quote = figure.find("blockquote")
        assert isinstance(quote, Tag)
        note = quote.select_one("a[role=doc-noteref]")
        assert note is not None and quote["cite"] == note["href"]
        assert figure.select_one("figcaption cite") is not None
    assert len(soup.select("q[cite]")) >= 3


@pytest.mark.pdf
def test_every_note_reference_has_its_endnote_and_back_link(soup: BeautifulSoup) -> None:
    refs = soup.select("a[role=doc-noteref]")
    notes = soup.select("section[role=doc-endnotes] ol > li")
    assert len(refs) == len(notes) >= 15
    for number, (ref, note) in enumerate(zip(refs, notes, strict=True), start=1):
        assert text_of(ref) == str(number)
        assert ref["href"] == f"#note-{number}" and note["id"] == f"note-{number}"
        backlink = note.select_one("a[role=doc-backlink]")
        assert backlink is not None and backlink["href"] == f"#ref-{number}" == f"#{ref['id']}"
        # a note cites its source, or is an explanation in our own words
        assert note.find("cite") is not None or note.get("class") == ["explanatory"]
    assert len(soup.select("li.explanatory")) >= 1


@pytest.mark.pdf
def test_page_is_self_contained(soup: BeautifulSoup, built_pack: Path) -> None:
    html = (built_pack / "brief.html").read_text(encoding="utf-8")
    assert soup.find("link") is None and soup.find("script") is None
    assert soup.find("style") is not None and "--accent: #1d4f73" in soup.style.get_text()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "url(" not in soup.style.get_text()


def test_mini_project_html_matches_golden_file(mini: Path, run: Run) -> None:
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    produced = (mini / "output" / "mini" / "student" / "brief.html").read_text(encoding="utf-8")
    golden = GOLDEN / "mini-brief.html"
    if os.environ.get("BRIEFGEN_REGENERATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            produced.splitlines(keepends=True),
            "golden",
            "produced",
        )
    )
    assert not diff, "HTML differs from tests/golden/mini-brief.html:\n" + diff
