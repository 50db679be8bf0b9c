"""The student edition reads as a classroom text: it speaks to readers, not about the build."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import Run

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
