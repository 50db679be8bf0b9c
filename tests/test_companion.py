"""The teaching companion built for real: HTML parsed, PDF read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import Run


@pytest.fixture(scope="module")
def soup(built_pack: Path) -> BeautifulSoup:
    html = (built_pack / "companion.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def pdf_text(built_pack: Path) -> str:
    reader = PdfReader(built_pack / "companion.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(re.sub(r"[\u2010-]\n(?=[a-z])", "", text).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.pdf
def test_every_quotation_is_in_the_bank_with_its_number(soup: BeautifulSoup) -> None:
    bank = soup.select(".quotation-bank li")
    assert len(bank) >= 24
    numbers = [int(item["value"]) for item in bank]
    assert numbers == list(range(1, len(bank) + 1))
    assert all(item["id"].startswith("q-") for item in bank)


@pytest.mark.pdf
def test_every_quotation_reference_points_at_a_quotation(soup: BeautifulSoup) -> None:
    anchors = {f"#{item['id']}" for item in soup.select(".quotation-bank li")}
    refs = soup.select("a.qref")
    assert len(refs) > 100
    assert {ref["href"] for ref in refs} <= anchors
    for ref in refs:  # the label is the number of the quotation it links to
        target = soup.select_one(ref["href"])
        assert target is not None and ref.get_text() == f"Q{target['value']}"


@pytest.mark.pdf
def test_source_guides_have_summary_key_points_perspective_audience(soup: BeautifulSoup) -> None:
    guides = soup.select(".source-guide")
    assert [g.select_one(".source-letter").get_text() for g in guides] == ["A", "B", "C"]
    for guide in guides:
        headings = [h.get_text() for h in guide.select("h4")]
        assert headings == ["Summary", "Key points", "Quotations"]
        assert [dt.get_text() for dt in guide.select(".guide-facts dt")] == [
            "Perspective",
            "Audience",
        ]
        assert 5 <= len(guide.select(".key-points > li")) <= 8
    isaf = words(guides[0].select_one(".source-about").get_text())
    assert "late 2009 (inferred)" in isaf.replace("\u00a0", " ")


@pytest.mark.pdf
def test_comparison_table_has_a_cell_per_source_and_aspect(soup: BeautifulSoup) -> None:
    table = soup.select_one("#comparison table")
    assert table is not None
    headers = [words(th.get_text()) for th in table.select("thead th")]
    assert headers[0] == "Aspect" and len(headers) == 4
    rows = table.select("tbody tr")
    assert [words(r.select_one("th").get_text()) for r in rows][:2] == ["Who speaks", "To whom"]
    for row in rows:
        cells = row.select("td")
        assert len(cells) == 3 and all(cell.select_one("a.qref") for cell in cells)


@pytest.mark.pdf
def test_timeline_glossary_questions_and_guidance(soup: BeautifulSoup) -> None:
    dates = [t["datetime"] for t in soup.select("#timeline time")]
    assert "2017-06-06" in dates and "2018-02-28" in dates
    terms = [words(dt.contents[0]) for dt in soup.select("#glossary dt")]
    assert {"ISAF", "COMISAF", "UNAMA", "Kabul Process", "blacklist"} <= set(terms)
    assert terms == sorted(terms, key=str.casefold)
    assert "Background, not from the sources:" in soup.select_one("#glossary").get_text()
    questions = soup.select("#questions > ol > li")
    assert len(questions) >= 10
    guidance = soup.select("#guidance > ol > li")
    assert len(guidance) == len(questions)
    assert all("Evidence:" in item.get_text() for item in guidance)
    assert len(soup.select("#exercises .exercise")) == 3


@pytest.mark.pdf
def test_companion_pdf_reads_back_with_every_part(built_pack: Path, pdf_text: str) -> None:
    reader = PdfReader(built_pack / "companion.pdf")
    assert reader.metadata is not None
    assert (
        reader.metadata.title
        == "Teaching companion (teacher edition): Framings of Afghan peace, 2009–2018"
    )
    assert reader.metadata.author == "Briefgen Teaching Collection"
    expected_in_order = [
        "TEACHING COMPANION",
        "Contents",
        "Backgrounder: ISAF Support to Reintegration and Reconciliation",
        "Statement of Kabul Process for Peace and Security Cooperation",
        "2nd Kabul Process: Time for Taliban to Grasp the Moment",
        "The three sources compared",
        "Timeline",
        "Glossary",
        "Discussion questions",
        "Source-analysis exercises",
        "For the teacher: answer guidance",
        "is not an ISSI publication",
    ]
    position = 0
    for part in expected_in_order:  # each part after the one before (the contents come first)
        position = pdf_text.find(part, position)
        assert position != -1, f"{part!r} missing or out of order"


def test_pack_can_leave_out_the_companion(mini: Path, run: Run) -> None:
    config = mini / "briefgen.yaml"
    config.write_text(config.read_text() + "    companion: false\n    handouts: none\n")
    result = run("build", "--format", "html", "--edition", "student")
    assert result.exit_code == 0, result.output
    student = mini / "output" / "mini" / "student"
    assert sorted(p.name for p in student.iterdir()) == [
        "brief.html",
        "index.html",
        "source-issi.html",
        "source-kabul.html",
    ]


def _text_reach(page: object) -> float:
    """How far down a page its text reaches, as a share of the page's height (the page
    number at the foot not counted)."""
    lowest: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() and not text.strip().isdigit():
            lowest.append(tm[5] * cm[3] + cm[5] if cm[3] else tm[5])

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    return 1 - min(lowest, default=height) / height


@pytest.mark.pdf
@pytest.mark.parametrize("document", ["companion.pdf", "brief.pdf"])
def test_no_page_but_the_last_is_left_nearly_empty(
    built_pack: Path, student_pack: Path, document: str
) -> None:
    """Parts follow on instead of each opening a page, so no page holds just the last one
    or two quotations of a source, or a map alone."""
    for edition in (student_pack, built_pack):
        pages = PdfReader(edition / document).pages
        reach = [round(_text_reach(page), 2) for page in pages[:-1]]
        assert min(reach) > 0.4, (edition.name, document, reach)


def test_the_companion_promises_only_what_the_pack_has(mini: Path, run: Run) -> None:
    """Labels once said "with answer guidance and teaching notes" and "Q1 to Q3" whatever
    the pack held."""
    for name in ("teaching-notes.yaml", "questions.yaml", "exercises.yaml"):
        (mini / "content" / name).write_text("[]\n", "utf-8")
    assert run("build", "--format", "html").exit_code == 0
    teacher = BeautifulSoup(
        (mini / "output/mini/teacher/companion.html").read_text("utf-8"), "html.parser"
    )
    label = teacher.select_one(".title-block .edition-label")
    assert label is not None and label.get_text() == "Teacher edition: not for students"
    how = teacher.select_one(".how-to-read")
    assert how is not None and how.get_text().startswith("Quotations are numbered Q1 to Q3 ")
    index = (mini / "output/mini/teacher/index.html").read_text("utf-8")
    assert "Teacher edition: not for students" in index
    student = (mini / "output/mini/student/companion.html").read_text("utf-8")
    assert "Student edition: for students</p>" in student


def test_a_label_names_each_part_the_edition_has() -> None:
    from briefgen.render.companion import edition_note

    assert edition_note(True, True, False, True) == (
        "with answer guidance and teaching notes, not for students"
    )
    assert edition_note(True, False, False, True) == "with teaching notes, not for students"
    assert edition_note(False, True, True, False) == "questions and exercises without answers"
    assert edition_note(False, False, True, False) == "exercises without answers"


def test_a_pack_of_one_source_and_one_quotation_is_described_as_such(mini: Path, run: Run) -> None:
    for name in ("teaching-notes.yaml", "questions.yaml", "exercises.yaml"):
        (mini / "content" / name).write_text("[]\n", "utf-8")
    quotes = mini / "content/quotations/quotes.yaml"
    quotes.write_text(quotes.read_text("utf-8").split("\n\n", 1)[1], "utf-8")  # one of kabul's
    glossary = mini / "content/glossary.yaml"
    glossary.write_text(
        "- term: ceasefire\n  definition: An agreement to stop fighting.\n  sources: [kabul]\n"
        '  forms:\n    dari: "\u0622\u062a\u0634\u200c\u0628\u0633"\n',
        "utf-8",
    )
    (mini / "content/comparison.yaml").unlink()
    (mini / "content/timeline.yaml").write_text("[]\n", "utf-8")
    brief = mini / "content/briefs/ceasefire.md"
    front, _ = brief.read_text("utf-8").rsplit("---\n", 1)
    brief.write_text(front + "---\n\nThe call: {{< quote kabul-stable >}}\n", "utf-8")
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    page = BeautifulSoup(
        (mini / "output/mini/student/companion.html").read_text("utf-8"), "html.parser"
    )
    how = page.select_one(".how-to-read")
    assert how is not None and how.get_text().startswith(
        "The quotation is numbered Q1 and is word for word"
    )
    note = page.select_one(".glossary-note")
    assert note is not None and note.get_text() == (
        "Dari forms are given where a reliable spelling is known, supplied by the editors; "
        "none is taken from the source."
    )
