"""The student edition reads as a classroom text: it speaks to readers, not about the build."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import Run, replace_in

# words about how briefgen checks content, which mean nothing to a student
BUILD_LANGUAGE = [
    "No quotation may",
    "quotations here",
    "run across",
    "locator",
    "YAML",
    ".yaml",
    "briefgen check",
    "Tags",
]


def visible_text(path: Path) -> str:
    page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for hidden in page(["style", "script", "head"]):
        hidden.decompose()
    return " ".join(page.get_text(" ").split())


def test_student_pages_speak_to_readers_not_about_the_build(bundled: Path, run: Run) -> None:
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    pack = bundled / "output" / "afghan-peace-process"
    pages = sorted((pack / "student").glob("*.html"))
    assert len(pages) >= 9
    found = {
        (page.name, words)
        for page in pages
        for words in BUILD_LANGUAGE
        if words in visible_text(page)
    }
    assert found == set()
    teacher = BeautifulSoup((pack / "teacher" / "companion.html").read_text("utf-8"), "html.parser")
    assert teacher.select(".quote-meta .tags"), "the teacher edition keeps the quotations' tags"
    assert "our copy breaks off" in visible_text(pack / "student" / "source-issi-2018.html")


def test_check_warns_when_two_short_titles_could_be_taken_for_one_document(
    mini: Path, run: Run
) -> None:
    replace_in(mini / "content/sources/issi.yaml", "ISSI brief (2018)", "2nd Kabul Process")
    replace_in(
        mini / "content/sources/kabul.yaml", "Kabul statement (2017)", "Kabul Process Statement"
    )
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Warning: content/sources/kabul.yaml:1: the short titles of sources 'issi' "
        "('2nd Kabul Process') and 'kabul' ('Kabul Process Statement') share the words "
        "'Kabul Process', so a reader may take one document for the other. Give each a "
        "`short_title` that names the document and who wrote or issued it, such as "
        "'ISSI brief (Khan, 2018)'.\n"
    )
    assert "Content is consistent" in result.output


def test_short_titles_that_share_one_word_or_none_pass() -> None:
    from briefgen.check.names import _shared_words

    assert _shared_words("ISSI brief (2018)", "Kabul statement (2017)") == ""
    assert _shared_words("ISAF backgrounder", "ISAF posture") == ""
    assert _shared_words("2nd Kabul Process", "Kabul Process Statement") == "Kabul Process"
    assert _shared_words("The Kabul process", "kabul PROCESS notes") == "Kabul process"


def test_a_sources_background_shows_marked_as_not_from_the_source(bundled: Path, run: Run) -> None:
    replace_in(
        bundled / "content" / "sources" / "issi-2018.yaml",
        "background: >-\n  ISSI was founded in 1973.",
        "background: >-\n  An institute in Islamabad (our test's words).",
    )
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    edition = bundled / "output" / "afghan-peace-process" / "student"
    for page in ("companion.html", "handout-issi-2018.html"):
        assert (
            "Background, not from the source: An institute in Islamabad (our test\u2019s words)."
            in visible_text(edition / page)
        )
